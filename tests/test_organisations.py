"""Organisations a paper names: bodies read from their shape and the lexicon's closed classes,
without the paper's own committee or its own municipality. Every paper here is invented."""

from __future__ import annotations

from pathlib import Path

import pytest

from graf.link.entities import link_entities
from graf.nlp.pipeline import recognise_entities
from graf.pipeline import process_source
from graf.records import Meeting, Mention, Span
from graf.resources import read_query
from graf.sources import read_file
from graf.store import run_query

BASE = "https://w3id.org/graf/id/"

# a committee of an invented municipality: its own name in the title block and decisions,
# the meeting held in its office, other committees, agencies, a neighbour municipality
MILJO = """Tallbacka kommun
Miljö- och hälsoskyddsnämnden
PROTOKOLL
Sammanträdesdatum 2023-03-14

Plats: Miljökontoret, sal Eken, kl. 13.00–15.30

Ledamöter
Gunvor Trädgård (S), ordförande
Elof Myrberg (M)

§ 12   MHN 2023/31
Yttrande till Naturvårdsverket om vattenskydd

Miljö- och hälsoskyddsnämnden beslutar att lämna yttrande enligt förvaltningens förslag.
Tekniska nämnden har yttrat sig i ärendet. Yttrandet skickas även till Länsstyrelsen och
till Grannby kommun. Kommunrevisionen har granskat tillsynen. Underlaget bygger på uppgifter
från Myndigheten för samhällsskydd och beredskap (MSB). Nämnden noterar att kommunen och
förvaltningen ska återkomma.

§ 13   MHN 2023/40
Anmälan av sociala delegationens beslut

Tallbacka kommuns miljöstrategi redovisas. Beslutet meddelas Tallbacka kommun.
"""

# a kommunalförbund whose name is printed in capitals on the title line
FORBUND = """VATTENFÖRBUNDET NORRA ÅSEN
Direktionen

PROTOKOLL 2/2021
Datum: 2021-05-06
Plats: Pumpstationen i Åsby

Närvarande ledamöter
Rune Kalkbrenner (C), ordförande, Åsby kommun
Siri Holmgren (S), Lerby kommun

§ 7 Årsredovisning 2020
Direktionen godkänner årsredovisningen. Handlingarna skickas till Revisionen och till
Havs- och vattenmyndigheten.
"""


def organisations(paper_text: str, tmp_path: Path, name: str = "paper.txt") -> set[str]:
    path = tmp_path / name
    path.write_text(paper_text, encoding="utf-8")
    graph = process_source(read_file(path), BASE).graph
    variables, rows = run_query(read_query("organisations"), graph)
    i = variables.index("name")
    return {str(r[i]) for r in rows}


def test_a_committee_paper_lists_the_bodies_it_refers_to(tmp_path):
    got = organisations(MILJO, tmp_path)
    assert {"Naturvårdsverket", "Tekniska nämnden", "Länsstyrelsen", "Grannby kommun",
            "Kommunrevisionen", "Myndigheten för samhällsskydd och beredskap (MSB)",
            "Sociala delegationen"} <= got


def test_own_committee_municipality_place_and_generic_words_are_not_listed(tmp_path):
    got = {n.casefold() for n in organisations(MILJO, tmp_path)}
    for refused in ("miljö- och hälsoskyddsnämnden", "tallbacka kommun", "tallbacka kommuns",
                    "miljökontoret", "nämnden", "kommunen", "förvaltningen"):
        assert refused not in got


def test_a_kommunalforbund_named_in_capitals_is_title_cased(tmp_path):
    got = organisations(FORBUND, tmp_path)
    assert "Vattenförbundet Norra Åsen" in got
    assert "Havs- och vattenmyndigheten" in got


def test_own_committee_is_listed_where_another_committee_names_it(tmp_path):
    # the same committee named in another committee's paper is an organisation that paper names
    other = MILJO.replace("Miljö- och hälsoskyddsnämnden\nPROTOKOLL", "Kommunstyrelsen\nPROTOKOLL")
    other = other.replace("Plats: Miljökontoret", "Plats: Kommunhuset")
    got = organisations(other, tmp_path)
    assert "Miljö- och hälsoskyddsnämnden" in got
    assert "Kommunstyrelsen" not in got


def m(text: str, key: str, start: int) -> Mention:
    return Mention("ORG", Span(start, start + len(text)), text, key=key)


def test_link_resolves_own_municipality_and_own_committee():
    meeting = Meeting(body="Byggnadsnämnden", municipality="Ekholm", place_span=Span(200, 240))
    ms = [m("Ekholms kommun", "Ekholms kommun", 0), m("Ekholm stad", "Ekholm stad", 20),
          m("Lindås kommun", "Lindås kommun", 40), m("byggnadsnämnden", "Byggnadsnämnden", 60),
          m("Stadsbyggnadskontoret", "Stadsbyggnadskontoret", 210),
          m("Inspektionen för vård och omsorg (IVO)", "Inspektionen för vård och omsorg", 300),
          m("IVO", "Inspektionen för vård och omsorg", 400)]
    got = {(e.kind, e.key): e for e in link_entities(ms, meeting)}
    assert set(got) == {("municipality", "Ekholm"), ("body", "lindås kommun"), ("body", "byggnadsnämnden"),
                        ("body", "inspektionen för vård och omsorg")}
    assert len(got[("municipality", "Ekholm")].spans) == 2
    assert got[("body", "byggnadsnämnden")].label == "Byggnadsnämnden"
    ivo = got[("body", "inspektionen för vård och omsorg")]
    assert ivo.label == "Inspektionen för vård och omsorg (IVO)" and len(ivo.spans) == 2


@pytest.mark.parametrize("text, expected", [
    ("Ärendet har beretts av Tekniska nämnden.", "Tekniska nämnden"),
    ("Remiss från Barnombudsmannen om lekplatser.", "Barnombudsmannen"),
    ("Stadsrevisionens rapport anmäls.", "Stadsrevisionen"),
    ("Yttrande till Skolinspektionen.", "Skolinspektionen"),
    ("Avtal med Kalkbrottsförbundet Västra Höjden om drift.", "Kalkbrottsförbundet Västra Höjden"),
])
def test_bodies_read_from_their_shape(text, expected):
    keys = {mm.key for mm in recognise_entities(text) if mm.label == "ORG"}
    assert expected in keys


@pytest.mark.parametrize("text", [
    "Den berörda nämnden ska yttra sig.",
    "De kommunala nämnderna informeras.",
    "Lönerevisionen för 2024 redovisas.",
    "Nämnden och förvaltningen återkommer.",
])
def test_descriptions_are_not_bodies(text):
    assert not [mm for mm in recognise_entities(text) if mm.label == "ORG"]
