"""Diarienummer shapes of Swedish municipalities (graf.grammar.dnr): what a printed number is,
its value (as printed, or "PREFIX YYYY/N") and its case key. Invented numbers and wording in
the shapes real registries use; the structure parser decides which item a number belongs to.
"""

from __future__ import annotations

import pytest

from graf.grammar.dnr import case_key, find_dnr
from graf.nlp.pipeline import recognise_entities


def values(text: str, own_line: bool = False) -> list[tuple[str, str]]:
    """(value, printed span) of every number find_dnr reads in ``text``."""
    return [(d.value, text[d.span.start : d.span.end]) for d in find_dnr(text, 0, len(text), own_line)]


def mention_keys(text: str) -> list[str]:
    return [m.key for m in recognise_entities(text) if m.label == "DNR"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # office/year:serial (Jönköping-style), normalised like "PREFIX YYYY/N"
        ("Ärendet gäller VN/2031:517 om bidrag.", [("VN 2031/517", "VN/2031:517")]),
        ("Dnr TÄN/2029:8", [("TÄN 2029/8", "TÄN/2029:8")]),
        # a mixed-case office code before "/YYYY:" and a filing-plan code ending the line
        ("Kfn/2030:412 009\nPlan för parker", [("KFN 2030/412", "Kfn/2030:412 009")]),
        # year/office serial sub-number, kept as printed
        ("Dnr 2028/MN 0311 004", [("2028/MN 0311 004", "2028/MN 0311 004")]),
        # an office-year/serial number at the start of a line
        ("KS 2027/98\nRemiss om torg", [("KS 2027/98", "KS 2027/98")]),
        # year.serial OFFICE (Alingsås-style), with a document number of the case
        ("§ 12  2032.045 OMN   \n", [("2032.045 OMN", "2032.045 OMN")]),
        ("• 2032.003 OMN-112  Delegationsbeslut", [("2032.003 OMN-112", "2032.003 OMN-112")]),
        # a list after the cue word: every number of the same series
        ("Dnr 3-611-2027 och 4-622-2027", [("3-611-2027", "3-611-2027"), ("4-622-2027", "4-622-2027")]),
        ("dnr 41/2026, 42/2026 samt 43/2026.", [("41/2026", "41/2026"), ("42/2026", "42/2026"),
                                                ("43/2026", "43/2026")]),
        # a one-letter office code before a hyphenated number after the cue word
        ("Remiss från Gatunämnden, dnr G 2027-417-00918.", [("G 2027-417-00918", "G 2027-417-00918")]),
        # short serial/year, serial/year.plan, glued cue, prefix-year-serial
        ("Bidrag till kurs Dnr 57/19 Ansökan", [("57/19", "57/19")]),
        ("Dnr 22/2027.041 18 Rapport", [("22/2027.041", "22/2027.041")]),
        ("Dnr71803-244/2028", [("71803-244/2028", "71803-244/2028")]),
        ("Ärende ON-2029-2207 avslutas", [("ON-2029-2207", "ON-2029-2207")]),
        # the typewriter's spacing kept as printed (a run of spaces as one)
        ("(D nr 117 –  508 / 04)", [("117 – 508 / 04", "117 –  508 / 04")]),
    ],
)
def test_shapes_read_as_registry_numbers(text, expected):
    assert values(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Motion 2026:17 om cykelbanor och Revisionsrapport 2027:3",  # other series: colon, no slash
        "enligt TSFS 2026:12 och SFS 2025:400",  # statute numbers
        "Ring 08-123 456 78 före 2027-03-01",  # phone number, date
        "Ram 2031.250 MKR för 2031",  # an amount in capitals after year.serial
        "prop. 2026/27:150 och SOU 2026:4",  # government reports
        "Protokoll 4/2028-02-11 från rådet",  # a meeting number glued to a date
        "Dnr 2027-03-14",  # a date after the cue word
    ],
)
def test_not_registry_numbers(text):
    assert values(text) == []
    assert mention_keys(text) == []


def test_list_after_cue_stays_in_one_series():
    # a date or a decimal after "och" is not the next number of the list
    assert values("Dnr 18/2027, 2027-05-02 inkom svaret") == [("18/2027", "18/2027")]
    assert values("Dnr 18/2027 och 2.5 miljoner") == [("18/2027", "18/2027")]


@pytest.mark.parametrize(
    ("printed", "key"),
    [
        ("117 – 508 / 04", "117-508/04"),
        ("117-508/04", "117-508/04"),
        ("2032.003 OMN-112", "2032.003 OMN"),
        ("2032.003 OMN", "2032.003 OMN"),
        ("Vn/2031:517", "VN 2031/517"),
        ("VN 2031/517", "VN 2031/517"),
        ("G 2027-417-00918", "G 2027-417-00918"),
    ],
)
def test_case_key_one_case_however_printed(printed, key):
    assert case_key(printed) == key


def test_recogniser_reads_the_same_shapes():
    text = ("Ärendet VN/2031:517 och 2032.003 OMN-112. Dnr71803-244/2028, dnr G 2027-417-00918, "
            "Dnr 57/19 samt Dnr 22/2027.041.")
    assert mention_keys(text) == ["VN 2031/517", "2032.003 OMN", "71803-244/2028", "G 2027-417-00918",
                                  "57/19", "22/2027.041"]


def test_case_printed_two_ways_is_one_case_in_the_graph():
    from graf.pipeline import process_source
    from graf.sources import source_from_text

    text = ("Protokoll\nMiljönämnden\nSammanträdesdatum 2031-04-02\n\n"
            "§ 1 Plan för dagvatten\nDnr VN/2031:517\n\nNämnden beslutar att godkänna planen.\n\n"
            "§ 2 Uppföljning av planen för dagvatten\nDnr 117 – 508 / 04\n\nNämnden beslutar att lägga "
            "uppföljningen till handlingarna.\n\n"
            "§ 3 Uppföljning igen\nDnr 117-508/04\n\nNämnden beslutar att lägga "
            "uppföljningen till handlingarna.\n")
    processed = process_source(source_from_text(text, "dagvatten.txt"), "https://example.org/graf/")
    graph = processed.graph
    assert [[d.value for d in it.dnr] for it in processed.paper.items] == [
        ["VN 2031/517"], ["117 – 508 / 04"], ["117-508/04"]]
    from rdflib import Namespace

    dct = Namespace("http://purl.org/dc/terms/")
    cases = {o for _, _, o in graph.triples((None, dct.relation, None))}
    assert len(cases) == 2  # the spaced and the plain printing of 117-508/04 are one case
    assert sorted(sorted(str(v) for v in graph.objects(c, dct.identifier)) for c in cases) == [
        ["117 – 508 / 04", "117-508/04"], ["VN 2031/517"]]


def test_recogniser_reads_spaced_and_long_classified_numbers():
    text = "(D nr 117 – 508 / 04) och Dnr 2.4.1-318-2029 samt Dnr 2028-512-3.1.2."
    assert mention_keys(text) == ["117 – 508 / 04", "2.4.1-318-2029", "2028-512-3.1.2"]
    assert [d.value for d in find_dnr(text, 0, len(text))] == mention_keys(text)
