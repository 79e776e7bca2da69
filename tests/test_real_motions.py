"""Proposals, votes, reservations and statements of the six whole real protocols in
../shared/real, read through the contract queries and compared with what a reader finds in
them (tests/real_expected/<stem>.motions.json, written by reading the documents)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from papers_once import processed_once

from graf.resources import read_query
from graf.store import run_query

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "real"
EXPECTED = Path(__file__).resolve().parent / "real_expected"
STEMS = sorted(p.name.removesuffix(".motions.json") for p in EXPECTED.glob("*.motions.json"))


def _source(stem: str) -> Path:
    found = sorted(REAL.glob(stem + ".*")) if REAL.is_dir() else []
    if not found:
        pytest.skip(f"../shared/real/{stem}.* not present (the real protocols live outside the repository)")
    return found[0]


@cache
def _graph(stem: str):
    return processed_once(_source(stem), "https://example.org/graf/").graph


def _rows(stem: str, query: str) -> list[dict]:
    variables, rows = run_query(read_query(query), _graph(stem))
    return [{v: (None if t is None else str(t)) for v, t in zip(variables, r)} for r in rows]


def _expected(stem: str) -> dict:
    return json.loads((EXPECTED / f"{stem}.motions.json").read_text(encoding="utf-8"))


def test_every_real_protocol_has_expectations():
    assert len(STEMS) == 6


@pytest.mark.parametrize("stem", STEMS)
def test_proposals(stem):
    _source(stem)
    want = {(p["item"], n, p["stance"]) for p in _expected(stem)["proposals"] for n in p["by"]}
    got = {(r["itemNumber"], r["name"], r["stance"]) for r in _rows(stem, "proposals")}
    assert got == want


@pytest.mark.parametrize("stem", STEMS)
def test_proposal_parties(stem):
    _source(stem)
    want = {(p["item"], party) for p in _expected(stem)["proposals"] for party in p["parties"]}
    got = {(r["itemNumber"], r["party"]) for r in _rows(stem, "proposals") if r["party"]}
    assert got == want


@pytest.mark.parametrize("stem", STEMS)
def test_votes(stem):
    _source(stem)
    want = sorted((v["item"], v["yes"], v["no"], v["abstain"]) for v in _expected(stem)["votes"])
    got = sorted((r["itemNumber"], *(None if r[k] is None else int(r[k]) for k in ("yes", "no", "abstain")))
                 for r in _rows(stem, "votes"))
    assert got == want


@pytest.mark.parametrize("stem", STEMS)
def test_vote_members(stem):
    _source(stem)
    want = {(v["item"], name, choice) for v in _expected(stem)["votes"]
            for choice, names in v.get("members", {}).items() for name in names}
    got = {(r["itemNumber"], r["name"], r["choice"]) for r in _rows(stem, "vote-members")}
    assert got == want


@pytest.mark.parametrize("stem", STEMS)
def test_reservations(stem):
    _source(stem)
    exp = _expected(stem)["reservations"]
    want_people = {(r["item"], n) for r in exp for n in r["by"]}
    want_parties = {(r["item"], p) for r in exp for p in r["parties"]}
    rows = _rows(stem, "reservations")
    assert {(r["itemNumber"], r["name"]) for r in rows if r["name"]} == want_people
    assert {(r["itemNumber"], r["party"]) for r in rows if r["party"]} == want_parties


@pytest.mark.parametrize("stem", STEMS)
def test_statements(stem):
    _source(stem)
    want = {(s["item"], n, s["kind"]) for s in _expected(stem)["statements"] for n in s["by"]}
    got = {(r["itemNumber"], r["name"], r["kind"]) for r in _rows(stem, "statements")}
    assert got == want


@pytest.mark.parametrize("stem", STEMS)
def test_not_taking_part(stem):
    _source(stem)
    exp = _expected(stem).get("not_participating", [])
    want = {(n["item"], p) for n in exp for p in n.get("parties", [])} | {
        (n["item"], name) for n in exp for name in n.get("by", [])}
    got = {(r["itemNumber"], r["name"] or r["party"]) for r in _rows(stem, "non-participation")}
    assert got == want


@pytest.mark.parametrize("stem", STEMS)
def test_graph_conforms(stem):
    from graf.validate import validate

    _source(stem)
    report = validate(_graph(stem))
    assert report.conforms, [(r.message, r.focus) for r in report.violations][:5]
