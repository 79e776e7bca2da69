"""The contract queries in queries/: each binds the variables the outside contract lists, with
the listed meanings, over a graph built from hand-made records."""

from __future__ import annotations

import re

import pytest
from rdflib import Literal
from test_graph_records import make_linked, make_paper

from graf.graph import build_graph
from graf.resources import query_names, query_path, read_query
from graf.store import run_query

CONTRACT = {
    "meetings": ["meeting", "body", "date"],
    "items": ["item", "number", "title", "dnr"],
    "persons": ["person", "name", "party", "role"],
    "citations": ["law", "sfs", "provision", "surface"],
    "reports": ["report", "id"],
    "districts": ["district", "name"],
    "proposals": ["proposal", "itemNumber", "name", "party", "stance"],
    "reservations": ["reservation", "itemNumber", "name", "party"],
    "statements": ["statement", "itemNumber", "name", "kind"],
    "votes": ["vote", "itemNumber", "yes", "no", "abstain"],
}


@pytest.fixture(scope="module")
def graph():
    return build_graph(make_paper(), make_linked())


def rows_as_dicts(name, graph):
    variables, rows = run_query(read_query(name), graph)
    return variables, [{v: (str(t) if t is not None else None) for v, t in zip(variables, r)}
                       for r in rows]


@pytest.mark.parametrize("name", sorted(CONTRACT))
def test_contract_variables_bound(name, graph):
    variables, _ = run_query(read_query(name), graph)
    assert variables[: len(CONTRACT[name])] == CONTRACT[name]


def test_all_queries_parse_and_run(graph):
    for name in query_names():
        run_query(read_query(name), graph)
    assert set(CONTRACT) <= set(query_names())


def test_query_lookup_by_name_and_path():
    assert query_path("persons") == query_path(str(query_path("persons")))
    from graf.errors import UsageError

    with pytest.raises(UsageError):
        query_path("no-such-query")


def test_meetings(graph):
    _, rows = rows_as_dicts("meetings", graph)
    assert [(r["body"], r["date"]) for r in rows] == [("Kulturnämnden", "2031-02-14")]
    _, raw = run_query(read_query("meetings"), graph)
    assert raw[0][2].datatype.endswith("#date")


def test_items_one_row_per_dnr_and_unbound_when_none(graph):
    _, rows = rows_as_dicts("items", graph)
    assert [(r["number"], r["dnr"]) for r in rows] == [("1", None), ("2", "KUN 2030/77")]
    assert rows[0]["title"] == "Val av justerare"


def test_persons_one_row_per_role_with_party_code(graph):
    _, rows = rows_as_dicts("persons", graph)
    got = {(r["name"], r["party"], r["role"]) for r in rows}
    assert got == {("Åsa Öberg", "S", "ordförande"), ("Per Lind", "M", "ledamot"),
                   ("Per Lind", "M", "justerare"), ("Nils Ek", "L", "tjänstgörande ersättare")}


def test_citations(graph):
    _, rows = rows_as_dicts("citations", graph)
    assert [(r["sfs"], r["provision"], r["surface"]) for r in rows] == [
        ("2017:725", "K4P2", "4 kap. 2 § kommunallagen (2017:725)")]
    assert re.fullmatch(r"\d{4}:\d+", rows[0]["sfs"])


def test_citation_surfaces_are_the_linking_annotations_words():
    """citations.rq reads the surface from the cito:Citation nodes; it must give exactly the
    words the linking annotations quote, one row per citing resource, law and wording."""
    from rdflib import URIRef
    from test_graph import paper_citing_twice

    from graf.graph.iri import text_span
    from graf.graph.terms import ELI, GRAF, OA

    g = build_graph(*paper_citing_twice())
    _, rows = rows_as_dicts("citations", g)
    got = [(r["citing"], r["law"], r["surface"]) for r in rows]
    quoted = set()
    for anno in g.subjects(OA.motivatedBy, OA.linking):
        span = text_span(str(g.value(anno, OA.hasTarget)))
        text = str(g.value(URIRef(span.document), GRAF.text))
        citing = g.value(anno, GRAF.sammanhang)
        if (citing, ELI.cites, g.value(anno, OA.hasBody)) in g:
            quoted.add((str(citing), str(g.value(anno, OA.hasBody)), text[span.start:span.end]))
    assert sorted(got) == sorted(quoted) and len(got) == 2


def test_reports_and_districts(graph):
    _, reports = rows_as_dicts("reports", graph)
    assert [r["id"] for r in reports] == ["SOU 2029:12"]
    _, districts = rows_as_dicts("districts", graph)
    assert [r["name"] for r in districts] == ["Norrby"]


def test_proposals_one_row_per_proposer_with_stance(graph):
    _, rows = rows_as_dicts("proposals", graph)
    assert {(r["itemNumber"], r["name"], r["party"], r["stance"]) for r in rows} == {
        ("2", "Åsa Öberg", "S", "bifall"), ("2", "Per Lind", "M", "avslag")}


def test_reservations_and_statements(graph):
    _, res = rows_as_dicts("reservations", graph)
    assert [(r["itemNumber"], r["name"], r["party"]) for r in res] == [("2", "Per Lind", "M")]
    _, st = rows_as_dicts("statements", graph)
    assert [(r["itemNumber"], r["name"], r["kind"]) for r in st] == [
        ("2", "Nils Ek", "särskilt uttalande")]


def test_cases_citing_law_takes_sfs_as_parameter(graph):
    text = read_query("cases-citing-law")
    _, rows = run_query(text, graph, {"sfs": Literal("2017:725")})
    assert [(str(r[0]), str(r[4])) for r in rows] == [("KUN 2030/77", "K4P2")]
    _, none = run_query(text, graph, {"sfs": Literal("2010:1622")})
    assert none == []


def test_reservations_per_party(graph):
    _, rows = rows_as_dicts("reservations-per-party", graph)
    assert rows == [{"party": "M", "reservations": "1"}]
