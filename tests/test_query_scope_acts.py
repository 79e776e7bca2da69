"""The scope filters (municipality, committee, date range) on the queries whose rows are acts
of a meeting — proposals, reservations, statements, votes, vote-members, non-participation —
and on case-history (one row per appearance of a case at a meeting):
each filter keeps exactly the rows whose act belongs to a meeting that passes it.

The oracle is independent of the filter's graph path: an act's IRI lies under its meeting's IRI
(graf.graph.iri: `{meeting}/paragraf/{n}/yrkande/{i}`), and the meetings' committee, municipality
and date are read by a query of this file. Papers: the repository's invented held-out set
(tests/heldout: 15 meetings of 14 municipalities, with votes and voting lists) and, when present,
the four seed papers of ../shared."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from graf.remote import Scope, scoped_query
from graf.resources import read_query
from graf.store import GraphStore, run_query

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"

# query name -> the variable holding the act
ACT_QUERIES = {
    "proposals": "proposal",
    "reservations": "reservation",
    "statements": "statement",
    "votes": "vote",
    "vote-members": "vote",
    "non-participation": "note",
    "case-history": "meeting",  # not an act: the meeting itself
}

_MEETINGS = """
PREFIX besluit: <http://data.vlaanderen.be/ns/besluit#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?meeting ?committee ?municipality ?date WHERE {
  ?meeting a besluit:Zitting .
  OPTIONAL { ?meeting besluit:isGehoudenDoor/rdfs:label ?committee }
  OPTIONAL { ?meeting besluit:isGehoudenDoor/besluit:bestuurt/skos:prefLabel ?municipality }
  OPTIONAL { ?meeting dct:date ?date }
}
"""


def _build(folder: Path, out: Path) -> GraphStore:
    from graf.cli import main

    assert main(["build", str(folder), "--out", str(out), "-q"]) == 0
    store = GraphStore()
    store.load_file(out)
    return store


@pytest.fixture(scope="module", params=["heldout", "seeds"])
def corpus(request, tmp_path_factory) -> tuple[GraphStore, Path]:
    folder = ROOT / "tests" / "heldout" if request.param == "heldout" else SEEDS
    if not folder.is_dir():
        pytest.skip(f"{folder} not present (the shared data lives beside the checkout)")
    out = tmp_path_factory.mktemp("scope-acts") / f"{request.param}.nq"
    return _build(folder, out), out


def _rows(store: GraphStore, name: str, scope: Scope | None = None) -> tuple[list[tuple], list[str]]:
    text, bindings = scoped_query(read_query(name), scope or Scope())
    variables, rows = run_query(text, store, bindings)
    return [tuple(None if t is None else str(t) for t in row) for row in rows], variables


def _meetings(store: GraphStore) -> dict[str, dict[str, str | None]]:
    _, rows = run_query(_MEETINGS, store)
    out: dict[str, dict[str, str | None]] = {}
    for meeting, committee, municipality, date in rows:
        out[str(meeting)] = {"committee": committee and str(committee),
                             "municipality": municipality and str(municipality),
                             "date": date and str(date)}
    return out


def _meeting_of(act: str, meetings: dict) -> str | None:
    under = [m for m in meetings if act == m or act.startswith(m + "/")]
    return max(under, key=len) if under else None


def _scopes(meetings: dict) -> list[tuple[Scope, object]]:
    """Each filter the papers allow, with the test a meeting must pass to be kept."""
    out: list[tuple[Scope, object]] = []
    for committee in sorted({m["committee"] for m in meetings.values() if m["committee"]}):
        out.append((Scope(committee=committee.upper()),  # names match case-insensitively
                    lambda m, c=committee: m["committee"] is not None and m["committee"].lower() == c.lower()))
    for municipality in sorted({m["municipality"] for m in meetings.values() if m["municipality"]}):
        out.append((Scope(municipality=municipality),
                    lambda m, k=municipality: m["municipality"] is not None and m["municipality"].lower() == k.lower()))
    dates = sorted({m["date"] for m in meetings.values() if m["date"]})
    if dates:
        middle = dates[len(dates) // 2]
        out.append((Scope(date_from=middle), lambda m, d=middle: m["date"] is not None and m["date"] >= d))
        out.append((Scope(date_to=middle), lambda m, d=middle: m["date"] is not None and m["date"] <= d))
        out.append((Scope(date_from=middle, date_to=middle), lambda m, d=middle: m["date"] == d))
        out.append((Scope(date_from=dates[0], date_to=dates[-1]), lambda m: m["date"] is not None))
    out.append((Scope(committee="Ingen sådan nämnd"), lambda m: False))
    return out


@pytest.mark.parametrize("name", sorted(ACT_QUERIES))
def test_filters_keep_exactly_the_acts_of_the_meetings_that_pass(corpus, name):
    store, _ = corpus
    meetings = _meetings(store)
    every, variables = _rows(store, name)
    act = variables.index(ACT_QUERIES[name])
    # every act of these papers hangs on a § of a meeting, so a filter can reach each of them
    assert all(_meeting_of(row[act], meetings) for row in every)
    narrowed_some = False
    for scope, passes in _scopes(meetings):
        got, _ = _rows(store, name, scope)
        expected = [row for row in every if passes(meetings[_meeting_of(row[act], meetings)])]
        # the same rows, as a multiset (the ORDER BYs leave ties, e.g. one item's two cases, in
        # any order)
        assert Counter(got) == Counter(expected), scope
        narrowed_some |= 0 < len(got) < len(every)
    if len(every) and len({_meeting_of(row[act], meetings) for row in every}) > 1:
        assert narrowed_some, "no filter narrowed the rows: the test would not notice a filter doing nothing"


def test_the_command_line_narrows_votes_by_committee(graf_cli, corpus):
    import json

    store, path = corpus
    meetings = _meetings(store)
    every, variables = _rows(store, "votes")
    if not every:
        pytest.skip("these papers hold no vote")
    committee = meetings[_meeting_of(every[0][0], meetings)]["committee"]
    res = graf_cli("query", "votes", "--data", str(path), "--committee", committee, "--format", "json")
    assert res.returncode == 0, res.stderr
    got = [b["vote"]["value"] for b in json.loads(res.stdout)["results"]["bindings"]]
    assert got and got == [row[0] for row in every
                           if meetings[_meeting_of(row[0], meetings)]["committee"] == committee]
