"""Statute citations as municipal papers print them (graf.nlp.citations + graf.link.statutes):
provisions without a §-sign, the §-sign before the number, letter ranges, punkt abbreviations,
chapter-only references, numbers of other series, and acts that did not exist on the meeting
date. Invented sentences in the shapes Swedish papers use."""

from __future__ import annotations

import datetime as dt

import pytest

from graf.link.statutes import resolve
from graf.nlp.citations import find_citations


def linked(text: str, on: dt.date = dt.date(2014, 5, 6)) -> list[tuple[str, str | None]]:
    return [(l.sfs, l.provision) for l in resolve(find_citations(text), on)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a paragraph without its §-sign, the act right after it
        ("Beslut om bistånd enligt 4 kap 1 SoL fattas av utskottet.", [("2001:453", "K4P1")]),
        ("Rapporteras enligt 16 kap 6 h SoL varje kvartal.", [("2001:453", "K16P6h")]),
        ("insats enligt 3 kap. 7 LVU", [("1990:52", "K3P7")]),
        # the §-sign before the number, after the chapter; a stycke after a comma
        ("Ansökan enligt 7 kap § 20 i alkohollagen avslås.", [("2010:1622", "K7P20")]),
        ("beslut enligt 6 kap. § 15 a, 2 st. kommunallagen", [("1991:900", "K6P15aS2")]),
        # punkt written "p"
        ("enligt 2 kap 7 § 1 p kommunallagen", [("1991:900", "K2P7S1N1")]),
        ("enligt 9 § 3 p. LSS", [("1993:387", "P9S1N3")]),
        # the chapter's word before its number
        ("Lag om stöd och service till vissa funktionshindrade kap 2 § 4", [("1993:387", "K2P4")]),
        # chapter only
        ("tillstånd enligt 8 kap alkohollagen", [("2010:1622", "K8")]),
    ],
)
def test_provision_shapes(text, expected):
    assert linked(text) == expected


def test_letter_range_gives_both_paragraphs():
    got = linked("Rapportering sker enligt 16 kap. 6 f-g § SoL.")
    assert ("2001:453", "K16P6f") in got and ("2001:453", "K16P6g") in got
    assert [p for _, p in got if p and p.startswith("K16P")] == ["K16P6f", "K16P6g"]


def test_bare_number_after_chapter_is_no_paragraph_without_an_act():
    # "4 kap 1" followed by ordinary words: the chapter only, no invented paragraph
    cs = find_citations("Som framgår av 4 kap 1 gång per år ska nämnden rapportera.")
    assert all(c.paragraph is None for c in cs)


@pytest.mark.parametrize(
    "text",
    [
        "Motion (2013:8) av Kim Ek om lekplatser",
        "Svar på motion (2013:8) om lekplatser",
        "Revisionsrapport (2013:4) om hemtjänsten",
        "Stadsrevisionens rapport (2013:4) om hemtjänsten",
        "Motion 2013:8 om lekplatser och Rapport 2013:4",
    ],
)
def test_numbers_of_other_series_are_not_sfs_numbers(text):
    assert linked(text) == []


def test_an_sfs_number_in_parentheses_alone_still_links():
    assert linked("Lag (2010:479) om registerkontroll gäller") == [("2010:479", None)]


def test_act_that_did_not_exist_on_the_meeting_date_is_not_linked():
    # a name whose only act came later
    assert linked("lag om tobaksfria nikotinprodukter", dt.date(2020, 3, 1)) == []
    assert linked("lag om tobaksfria nikotinprodukter", dt.date(2023, 3, 1)) == [("2022:1257", None)]
    # a printed number issued after the meeting
    assert linked("socialtjänstlagen (2025:400)", dt.date(2024, 2, 1)) == []
    # issued but not yet in force: a paper may cite it
    assert linked("den nya socialtjänstlagen (2025:400)", dt.date(2025, 6, 10)) == [("2025:400", None)]
    # the time-blind table names an act issued after the meeting: not linked
    assert linked("enligt diskrimineringslagen (DL)", dt.date(2006, 3, 1)) == []
    # the name resolves to the act in force on the date
    assert linked("enligt 7 kap § 20 i alkohollagen", dt.date(2006, 3, 1)) == [("1994:1738", "K7P20")]
    assert linked("enligt SoL", dt.date(2025, 6, 30)) == [("2001:453", None)]
    assert linked("enligt SoL", dt.date(2025, 7, 1)) == [("2025:400", None)]


def test_legislation_of_a_field_is_not_an_act_unless_numbered():
    assert linked("En sammanhållen diskrimineringslagstiftning", dt.date(2012, 1, 1)) == []
    assert linked("sekretesslagstiftningen (2009:400)", dt.date(2012, 1, 1)) == [("2009:400", None)]


def test_chapter_word_before_a_list_of_chapters():
    assert linked("Regler om jäv finns i kapitel 6 och 7 i kommunallagen.", dt.date(2019, 1, 1)) == [
        ("2017:725", "K6"), ("2017:725", "K7"), ("2017:725", None)]
    # numbers after a chapter that carry their own §-sign stay paragraphs
    assert ("2017:725", "K6P4") in linked("enligt kap 6 § 4 kommunallagen", dt.date(2019, 1, 1))


def test_kommunal_redovisning_follows_the_date():
    text = "Kommunen följer inte lag om kommunal redovisning kap 5 § 4."
    assert linked(text, dt.date(2018, 3, 28)) == [("1997:614", "K5P4")]
    assert linked("enligt 4 kap. 3 § LKBR", dt.date(2017, 3, 28)) == []  # not yet issued
    # issued (2018) but not yet in force (2019-01-01): an adopted act may be discussed
    assert linked("enligt 4 kap. 3 § LKBR", dt.date(2018, 10, 2)) == [("2018:597", "K4P3")]
    assert linked("enligt 4 kap. 3 § LKBR", dt.date(2020, 3, 28)) == [("2018:597", "K4P3")]
