"""Each SHACL constraint: the valid fixture graph conforms with no results at all; breaking one
thing fires exactly the shape written for it."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest
import rdflib.namespace as rns
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF
from test_graph import full_form
from test_graph_records import make_linked, make_paper

from graf.graph import build_graph
from graf.graph.terms import BESLUIT, CITO, DCT, ELI, FOAF, GRAF, MANDAAT, OA, PROV, SCHEMA
from graf.records import MemberVote, NonParticipation, Vote
from graf.validate import GSH, validate

BASE = "https://w3id.org/graf/id/"
MEETING = URIRef(BASE + "sammantrade/ekby/kulturnamnden/2031-02-14")
ITEM1 = URIRef(f"{MEETING}/paragraf/1")
ITEM2 = URIRef(f"{MEETING}/paragraf/2")
BESLUT = URIRef(f"{ITEM2}/beslut")
YRK1, YRK2 = URIRef(f"{ITEM2}/yrkande/1"), URIRef(f"{ITEM2}/yrkande/2")
RES = URIRef(f"{ITEM2}/reservation/1")
UTT = URIRef(f"{ITEM2}/uttalande/1")
ACT = URIRef(BASE + "sfs/2017:725")
SUB = URIRef(BASE + "sfs/2017:725#K4P2")
NILS, PER, ASA = (URIRef(BASE + f"person/ekby/{k}") for k in ("nils-ek", "per-lind", "asa-oberg"))
CASE = URIRef(BASE + "arende/kun-2030-77")


VOTE = URIRef(f"{ITEM2}/omrostning/1")
NOT_TAKING_PART = URIRef(f"{ITEM2}/deltar-ej/1")
TREATMENT = URIRef(f"{ITEM2}/behandling")


def paper_with_vote():
    """The fixture paper with an omröstning in § 2: 1 ja (Åsa Öberg), 1 nej (Per Lind), 0 avstår;
    and Per Lind noted as not taking part (the records need not agree for the shapes)."""
    paper = make_paper()
    item2 = paper.items[1]
    vote = Vote(item2.outcome_span, 1, 1, 0,
                (MemberVote(item2.proposals[0].by[0], "ja", item2.proposals[0].span),
                 MemberVote(item2.reservations[0].by[0], "nej", item2.reservations[0].span)),
                result=item2.outcome, result_span=item2.outcome_span)
    not_taking_part = NonParticipation(item2.proposals[1].by, item2.proposals[1].span)
    item2 = dataclasses.replace(item2, votes=(vote,), non_participation=(not_taking_part,))
    return dataclasses.replace(paper, items=(paper.items[0], item2))


@pytest.fixture(scope="module")
def valid() -> Graph:
    return build_graph(paper_with_vote(), make_linked(), BASE)


@pytest.fixture(scope="module")
def valid_full(valid) -> Graph:
    """The same graph with its annotations in the full W3C form (graf export --provenance full)."""
    return full_form(valid)


def drop_annotations(g: Graph, body: URIRef) -> None:
    for anno in list(g.subjects(OA.hasBody, body)):
        g.remove((anno, None, None))


def any_annotation(g: Graph) -> URIRef:
    return sorted(g.subjects(OA.hasBody, ITEM2))[0]


def position_selector(g: Graph) -> URIRef:
    target = g.value(any_annotation(g), OA.hasTarget)
    return next(s for s in g.objects(target, OA.hasSelector) if str(s).endswith("#pos"))


def quote_selector(g: Graph) -> URIRef:
    target = g.value(any_annotation(g), OA.hasTarget)
    return next(s for s in g.objects(target, OA.hasSelector) if str(s).endswith("#quote"))


def document(g: Graph) -> URIRef:
    return next(g.subjects(GRAF.text, None))


def linking_annotation(g: Graph) -> URIRef:
    return sorted(g.subjects(OA.motivatedBy, OA.linking))[0]


def retarget(g: Graph, target: URIRef) -> None:
    g.set((any_annotation(g), OA.hasTarget, target))


def citation(g: Graph) -> URIRef:
    return sorted(g.subjects(RDF.type, CITO.Citation))[0]


def remove_counts(g: Graph) -> None:
    g.remove((VOTE, BESLUIT.aantalVoorstanders, None))
    g.remove((VOTE, BESLUIT.aantalTegenstanders, None))


def add_mandate(g: Graph) -> URIRef:
    m = URIRef(f"{PER}/mandat/1")
    g.add((m, RDF.type, MANDAAT.Mandataris))
    g.add((m, MANDAAT.isBestuurlijkeAliasVan, PER))
    g.add((m, MANDAAT.start, Literal("2030-01-01", datatype=rns.XSD.date)))
    g.add((m, MANDAAT.einde, Literal("2034-12-31", datatype=rns.XSD.date)))
    return m


def swap_mandate_dates(g: Graph) -> None:
    m = add_mandate(g)
    g.set((m, MANDAAT.start, Literal("2035-01-01", datatype=rns.XSD.date)))


def bad_favoured(g: Graph) -> None:
    other = URIRef(f"{ITEM2}/inte-ett-yrkande")
    g.add((other, GRAF.framstalldVid, URIRef(f"{ITEM2}/behandling")))
    g.add((other, SCHEMA.creator, PER))
    g.set((RES, GRAF.tillFormanFor, other))


def empty_meeting(g: Graph) -> None:
    other = URIRef(BASE + "sammantrade/ekby/kulturnamnden/2031-03-01")
    g.add((other, RDF.type, BESLUIT.Zitting))
    g.add((other, BESLUIT.isGehoudenDoor, g.value(MEETING, BESLUIT.isGehoudenDoor)))
    g.add((other, DCT.date, Literal("2031-03-01", datatype=rns.XSD.date)))


def second_body(g: Graph) -> None:
    other = URIRef(BASE + "organ/ekby/fritidsnamnden")
    g.add((other, RDF.type, BESLUIT.Bestuursorgaan))
    g.add((MEETING, BESLUIT.isGehoudenDoor, other))


def retype_literal(g: Graph, s, p, datatype=None, lang=None) -> None:
    value = g.value(s, p)
    g.set((s, p, Literal(str(value), datatype=datatype, lang=lang)))


CASES: list[tuple[str, Callable[[Graph], None]]] = [
    ("C1-item-in-one-meeting", lambda g: g.remove((MEETING, BESLUIT.behandelt, ITEM1))),
    ("C1-meeting-has-items", empty_meeting),
    ("C2-meeting-body", second_body),
    ("C2-meeting-body-missing", lambda g: g.remove((MEETING, BESLUIT.isGehoudenDoor, None))),
    ("C2-meeting-date", lambda g: retype_literal(g, MEETING, DCT.date, datatype=rns.XSD.string)),
    ("C2-meeting-date-missing", lambda g: g.remove((MEETING, DCT.date, None))),
    ("C3-item-title", lambda g: g.remove((ITEM1, DCT.title, None))),
    ("C3-item-nummer", lambda g: g.add((ITEM1, GRAF.nummer, Literal("1 A")))),
    ("C4-besluit-value", lambda g: g.add((BESLUT, PROV.value, Literal("en till")))),
    ("C4-besluit-value-missing", lambda g: g.remove((BESLUT, PROV.value, None))),
    ("C4-besluit-treatment", lambda g: g.remove((BESLUT, PROV.wasGeneratedBy, None))),
    ("C4-treatment-subject", lambda g: g.remove((URIRef(f"{ITEM1}/behandling"), DCT.subject, None))),
    ("C5-yrkande-creator", lambda g: g.set((YRK1, SCHEMA.creator, ITEM1))),
    ("C5-yrkande-by", lambda g: g.remove((YRK1, SCHEMA.creator, None))),
    ("C5-yrkande-stance", lambda g: g.set((YRK1, GRAF.stance, GRAF.aterremiss))),
    ("C5-yrkande-treatment", lambda g: g.remove((YRK1, GRAF.framstalldVid, None))),
    ("C6-reservation-person", lambda g: g.set((RES, GRAF.avgivenAv, ITEM1))),
    ("C6-reservation-by", lambda g: g.remove((RES, GRAF.avgivenAv, None))),
    ("C6-reservation-against", lambda g: g.remove((RES, GRAF.mot, None))),
    ("C6-reservation-favours", bad_favoured),
    ("C6-reservation-favours-own", lambda g: g.set((RES, GRAF.tillFormanFor, YRK1))),
    ("C6-statement-person", lambda g: g.set((UTT, GRAF.avgivenAv, ITEM1))),
    ("C6-statement-by", lambda g: g.remove((UTT, GRAF.avgivenAv, None))),
    ("C7-cited-well-formed", lambda g: g.remove((SUB, RDF.type, ELI.LegalResourceSubdivision))),
    ("C7-act-id", lambda g: g.remove((ACT, ELI.id_local, None))),
    ("C7-act-same-as", lambda g: g.set((ACT, OWL.sameAs, URIRef("https://lagen.nu/sfs/2017-725")))),
    ("C7-part-of", lambda g: g.remove((SUB, ELI.is_part_of, None))),
    ("C7-provision", lambda g: g.set((SUB, GRAF.provision, Literal("4 kap 2 §")))),
    ("C7-citation-citing", lambda g: g.remove((citation(g), CITO.hasCitingEntity, None))),
    ("C7-citation-cited", lambda g: g.remove((citation(g), CITO.hasCitedEntity, None))),
    ("C7-citation-wording", lambda g: g.remove((citation(g), GRAF.citeradSom, None))),
    ("C7-citation-cites", lambda g: g.remove((g.value(citation(g), CITO.hasCitingEntity), ELI.cites,
                                              g.value(citation(g), CITO.hasCitedEntity)))),
    ("C8-vote-for", lambda g: g.add((VOTE, BESLUIT.aantalVoorstanders, Literal(2)))),
    ("C8-vote-against", lambda g: g.set((VOTE, BESLUIT.aantalTegenstanders, Literal("1")))),
    ("C8-vote-abstain", lambda g: g.set((VOTE, BESLUIT.aantalOnthouders, Literal(-1)))),
    ("C8-vote-result", lambda g: g.add((VOTE, BESLUIT.gevolg, Literal("annat utfall")))),
    ("C8-vote-treatment", lambda g: g.remove((TREATMENT, BESLUIT.heeftStemming, VOTE))),
    ("C8-vote-counted", remove_counts),
    ("C8-vote-named-voters", lambda g: g.add((VOTE, BESLUIT.heeftVoorstander, NILS))),
    ("C10-vote-annotated", lambda g: drop_annotations(g, VOTE)),
    ("DeltarEjShape", lambda g: g.remove((NOT_TAKING_PART, GRAF.avgivenAv, None))),
    ("C6-not-taking-part-treatment", lambda g: g.remove((NOT_TAKING_PART, GRAF.framstalldVid, None))),
    ("C10-not-taking-part-annotated", lambda g: drop_annotations(g, NOT_TAKING_PART)),
    ("C9-mandate-person", lambda g: g.remove((add_mandate(g), MANDAAT.isBestuurlijkeAliasVan, None))),
    ("C9-mandate-period", swap_mandate_dates),
    ("C-person-name", lambda g: g.remove((NILS, FOAF.name, None))),
    ("C10-item-annotated", lambda g: drop_annotations(g, ITEM1)),
    ("C10-yrkande-annotated", lambda g: drop_annotations(g, YRK1)),
    ("C10-reservation-annotated", lambda g: drop_annotations(g, RES)),
    ("C10-statement-annotated", lambda g: drop_annotations(g, UTT)),
    ("C10-person-annotated", lambda g: drop_annotations(g, ASA)),
    ("C10-anno-body", lambda g: g.add((any_annotation(g), OA.hasBody, ITEM1))),
    # slim annotations: the target is a text fragment IRI of the document
    ("C10-anno-target", lambda g: retarget(g, document(g))),
    ("C10-anno-motivation", lambda g: g.add((linking_annotation(g), OA.motivatedBy, OA.tagging))),
    ("C10-anno-scope", lambda g: g.add((any_annotation(g), GRAF.sammanhang, Literal("§ 2")))),
    ("C10-target-document", lambda g: retarget(g, URIRef(f"{BASE}dokument/{'0' * 64}#char=0,4"))),
    ("C10-span-in-text", lambda g: retarget(g, URIRef(f"{document(g)}#char=3,{10**6}"))),
    ("W-arende-dnr", lambda g: g.set((CASE, DCT.identifier, Literal("ärende sju")))),
]

# the full W3C form (graf export --provenance full): the target and its selectors
FULL_CASES: list[tuple[str, Callable[[Graph], None]]] = [
    ("C10-anno-target", lambda g: g.remove((g.value(any_annotation(g), OA.hasTarget), OA.hasSource, None))),
    ("C10-span-start", lambda g: retype_literal(g, position_selector(g), OA.start, datatype=rns.XSD.string)),
    ("C10-span-end", lambda g: g.remove((position_selector(g), OA.end, None))),
    ("C10-quote-exact", lambda g: retype_literal(g, quote_selector(g), OA.exact, lang="sv")),
    ("C10-span-in-text", lambda g: g.set((quote_selector(g), OA.exact, Literal("något annat")))),
]

WARNINGS = {"C1-meeting-has-items", "C2-meeting-body-missing", "C2-meeting-date-missing",
            "C3-item-title", "C4-besluit-value-missing", "W-arende-dnr"}


def test_valid_graph_has_no_results(valid):
    report = validate(valid)
    assert report.conforms, report.text
    assert report.results == [], report.text


def test_valid_graph_in_full_form_has_no_results(valid_full):
    assert set(valid_full.subjects(RDF.type, OA.TextQuoteSelector))
    report = validate(valid_full)
    assert report.conforms, report.text
    assert report.results == [], report.text


@pytest.mark.parametrize("shape, mutate", CASES, ids=[c[0] for c in CASES])
def test_breaking_fires_exactly_that_shape(valid, shape, mutate):
    check_breaking(valid, shape, mutate)


@pytest.mark.parametrize("shape, mutate", FULL_CASES, ids=[c[0] for c in FULL_CASES])
def test_breaking_the_full_form_fires_exactly_that_shape(valid_full, shape, mutate):
    check_breaking(valid_full, shape, mutate)


def check_breaking(valid: Graph, shape: str, mutate: Callable[[Graph], None]) -> None:
    g = Graph()
    g += valid
    mutate(g)
    report = validate(g)
    assert report.shapes_fired() == {str(GSH[shape])}, report.text
    expected_severity = "Warning" if shape in WARNINGS else "Violation"
    assert {r.severity for r in report.results} == {expected_severity}
    assert report.conforms == (expected_severity == "Warning")


def test_every_shape_in_file_is_exercised():
    from graf.resources import shapes_path

    text = shapes_path().read_text(encoding="utf-8")
    named = {line.split()[0].removeprefix("gsh:") for line in text.splitlines()
             if line.startswith("gsh:") and ("sh:PropertyShape" in line or "sh:SPARQLConstraint" in line
                                              or line.startswith("gsh:C7-cited-well-formed"))}
    assert "C7-citation-cites" in named
    assert named <= {c[0] for c in CASES + FULL_CASES}


def test_report_text_names_focus_path_and_message(valid):
    g = Graph()
    g += valid
    g.set((YRK1, SCHEMA.creator, ITEM1))
    report = validate(g)
    assert not report.conforms
    assert str(YRK1) in report.text and "http://schema.org/creator" in report.text
    assert "creators are persons" in report.text


def test_out_of_range_span_is_reported(valid_full):
    g = Graph()
    g += valid_full
    pos = position_selector(g)
    g.set((pos, OA.end, Literal(10**6, datatype=rns.XSD.nonNegativeInteger)))
    report = validate(g)
    assert report.shapes_fired() == {str(GSH["C10-span-in-text"])}
    assert "outside the source text" in report.text
