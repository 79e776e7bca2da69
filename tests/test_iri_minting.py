"""One IRI per thing: graf.graph.iri.Minter is the only place graf's IRIs are made, so an act
cited whole in one place and by paragraph in another is one eli:LegalResource."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from graf.graph.iri import DEFAULT_BASE, Minter
from graf.graph.terms import ELI, GRAF, PERSON
from graf.pipeline import build, process_source
from graf.sources import source_from_text

SHARED = Path(__file__).resolve().parents[2] / "shared"

# An invented paper: one act (a real SFS number) cited whole with its number, then by chapter
# and paragraph, then by name alone.
WHOLE_AND_PARAGRAPH = """\
PROTOKOLL
Tallmo kommun
Fritidsnämnden
Sammanträdesdatum 2024-02-14

§ 12 Bidrag till föreningen Ugglan
Dnr FRN 2024/31
Nämnden har att pröva ansökan enligt kommunallagen (2017:725).
Beslutet kan överklagas enligt 13 kap. 1 § kommunallagen.
Ärendet bereds i övrigt enligt 6 kap. 6 § kommunallagen.
Fritidsnämnden beslutar att bevilja bidraget.
"""


def legal_resources(g: Graph) -> dict[URIRef, list[str]]:
    return {act: [str(n) for n in g.objects(act, GRAF.sfs)]
            for act in set(g.subjects(RDF.type, ELI.LegalResource)) if (act, GRAF.sfs, None) in g}


def test_act_cited_whole_and_by_paragraph_is_one_node():
    g = process_source(source_from_text(WHOLE_AND_PARAGRAPH), DEFAULT_BASE).graph
    acts = legal_resources(g)
    assert list(acts.values()) == [["2017:725"]]
    (act,) = acts
    assert act == URIRef(Minter(DEFAULT_BASE).sfs("2017:725"))
    parts = set(g.subjects(ELI.is_part_of, act))
    assert parts == {URIRef(Minter(DEFAULT_BASE).sfs("2017:725", p)) for p in ("K13P1", "K6P6")}
    cited = set(g.objects(None, ELI.cites))
    assert act in cited and parts <= cited


def test_cited_iri_is_the_provision_under_its_act():
    mint = Minter("https://graf.example/")
    assert mint.sfs("2001:453", "K4P1") == "https://graf.example/sfs/2001:453#K4P1"
    assert mint.sfs("2001:453", "K4P1").split("#")[0] == mint.sfs("2001:453")
    # printed numbers with characters an IRI path cannot hold stay one readable segment
    assert mint.report("SOU 2024:7 b") == "https://graf.example/rapport/sou/2024:7_b"


def test_every_legal_resource_in_the_seed_graph_has_its_own_sfs_number():
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared/seeds not present (the seed papers are read at run time only)")
    result = build([str(SHARED / "seeds")], DEFAULT_BASE)
    g = Graph()
    for processed in result.processed:
        g += processed.graph
    numbers = [n for ns in legal_resources(g).values() for n in ns]
    assert numbers, "the seeds cite statutes"
    assert len(numbers) == len(set(numbers))


# An invented minutes page; {municipality} and {date} vary between papers.
MINUTES = """\
PROTOKOLL
{municipality} kommun
Fritidsnämnden
Sammanträdesdatum {date}

Närvarande ledamöter
Karin Ljungqvist (S), ordförande
Bo Strand (M)

Justerare: Bo Strand

§ 4 Bidrag till föreningen Ugglan
Dnr FRN 2024/31
Fritidsnämnden beslutar att bevilja bidraget.
"""


def persons(municipality: str | None, date: str = "2024-02-14") -> set[URIRef]:
    text = MINUTES.format(municipality=municipality, date=date)
    if municipality is None:
        text = text.replace("None kommun\n", "")
    processed = process_source(source_from_text(text), DEFAULT_BASE)
    assert processed.paper.meeting.municipality == municipality
    return set(processed.graph.subjects(RDF.type, PERSON.Person))


def test_namesakes_in_two_municipalities_are_two_people():
    tallmo, vasterberga = persons("Tallmo"), persons("Västerberga")
    mint = Minter(DEFAULT_BASE)
    assert mint.person("Bo Strand", "Tallmo") in {str(p) for p in tallmo}
    assert mint.person("Bo Strand", "Västerberga") in {str(p) for p in vasterberga}
    assert len(tallmo) == len(vasterberga) == 2
    assert tallmo.isdisjoint(vasterberga)


def test_one_municipality_two_meetings_is_one_person():
    assert persons("Tallmo", "2024-02-14") == persons("Tallmo", "2024-03-20")


def test_person_without_a_known_municipality_keeps_the_name_key():
    assert URIRef(Minter(DEFAULT_BASE).person("Bo Strand")) in persons(None)


def test_meeting_of_finds_the_meeting_an_iri_lies_under_for_every_meeting_shape():
    """The store groups a meeting's triples by graf.graph.iri.meeting_of: for each shape of
    meeting IRI the scheme mints, the meeting itself and everything minted under it (items,
    proposals, participations, citations) give that meeting IRI; other IRIs give None."""
    from graf.graph.iri import Minter, meeting_of

    base = "https://example.org/id/"
    mint = Minter(base)
    sha = "ab" * 32
    for meeting in (mint.meeting("Socialnämnden", "Stockholm", "2024-03-17", sha),
                    mint.meeting("Socialnämnden", None, "2024-03-17", sha),
                    mint.meeting(None, None, None, sha)):
        item = mint.item(meeting, "7", "protokoll")
        for iri in (meeting, item, f"{item}/yrkande/2/punkt/1", f"{meeting}/deltagande/anna-prov/ordforande",
                    f"{item}/behandling/citering/0123456789abcdef", mint.item(meeting, "3", "dagordning")):
            assert meeting_of(iri, base) == meeting, iri
        assert meeting_of(meeting, "https://other.example/") is None
    for iri in (mint.document(sha), mint("parti", "S"), mint("arende", "sof-2024-1"), base + "sammantrade"):
        assert meeting_of(iri, base) is None
