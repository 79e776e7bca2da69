"""graf query's filters (municipality, committee, date range) and --limit/--offset, bound as
terms: on the repository's two invented example papers (one committee, two meetings)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def graph(tmp_path_factory) -> Path:
    from graf.cli import main

    out = tmp_path_factory.mktemp("scope") / "examples.nq"
    assert main(["build", str(ROOT / "examples"), "--out", str(out), "-q"]) == 0
    return out


def _rows(graf_cli, graph: Path, *args: str) -> list[dict]:
    res = graf_cli("query", *args, "--data", str(graph), "--format", "json")
    assert res.returncode == 0, res.stderr
    return [{k: v["value"] for k, v in b.items()} for b in json.loads(res.stdout)["results"]["bindings"]]


def test_meetings_narrow_by_date_and_committee(graf_cli, graph):
    every = _rows(graf_cli, graph, "meetings")
    dates = sorted(r["date"] for r in every)
    assert len(dates) == 2 and dates[0] < dates[1]
    later = _rows(graf_cli, graph, "meetings", "--from", dates[1])
    assert [r["date"] for r in later] == [dates[1]]
    earlier = _rows(graf_cli, graph, "meetings", "--to", dates[0])
    assert [r["date"] for r in earlier] == [dates[0]]
    body = every[0]["body"]
    assert len(_rows(graf_cli, graph, "meetings", "--committee", body.upper())) == 2  # names fold case
    assert _rows(graf_cli, graph, "meetings", "--committee", "Ingen sådan nämnd") == []


def test_items_and_activity_narrow_by_their_meeting(graf_cli, graph):
    every = _rows(graf_cli, graph, "items")
    first_date = min(r["date"] for r in _rows(graf_cli, graph, "meetings"))
    first_meeting = next(r["meeting"] for r in _rows(graf_cli, graph, "meetings") if r["date"] == first_date)
    narrowed = _rows(graf_cli, graph, "items", "--to", first_date)
    assert narrowed == [r for r in every if r["meeting"] == first_meeting]
    assert 0 < len(narrowed) < len(every)
    activity = _rows(graf_cli, graph, "person-activity")
    assert activity  # the minutes hold proposals and reservations
    for date in (first_date, "2000-01-01"):
        narrowed = _rows(graf_cli, graph, "person-activity", "--to", date)
        assert narrowed == [r for r in activity if date >= first_date and r["node"].startswith(first_meeting + "/")]


def test_filter_values_are_terms_not_query_text(graf_cli, graph):
    hostile = 'x" ) } } ; DROP ALL ; SELECT * { ?s ?p ?o # '
    assert _rows(graf_cli, graph, "meetings", "--committee", hostile) == []
    assert _rows(graf_cli, graph, "meetings", "--municipality", "https://example.org/no-such") == []
    res = graf_cli("query", "meetings", "--data", str(graph), "--municipality", "https://example.org/no>such")
    assert res.returncode == 2 and "not a valid IRI" in res.stderr


def test_limit_and_offset_slice_the_ordered_answer(graf_cli, graph):
    every = _rows(graf_cli, graph, "items")
    assert _rows(graf_cli, graph, "items", "--limit", "3", "--offset", "2") == every[2:5]


def test_queries_without_a_meeting_refuse_filters_clearly(graf_cli, graph):
    res = graf_cli("query", "persons", "--data", str(graph), "--committee", "x")
    assert res.returncode == 2 and "cannot be narrowed" in res.stderr
    res = graf_cli("query", "meetings", "--data", str(graph), "--from", "13 maj")
    assert res.returncode == 2 and "YYYY-MM-DD" in res.stderr
