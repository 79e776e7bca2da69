"""The § structure of six whole, real protocols (../shared/real): every § with its number, its
title and its own registry number(s), and the meeting's body and date.

The expectations in tests/real_expected/<stem>.items.json were read off the documents by hand
(the § heading in the body of the protocol, not the table of contents). The documents
themselves are read from ../shared/real at run time; the tests skip when it is absent.

Registry numbers are compared by a key that ignores how the number is normalised (its letter
and digit runs, leading zeros dropped, in any order), so this test pins *where* a number
attaches, not which printed shape the diarienummer grammar turns it into.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from papers_once import read_once

from graf.structure import parse

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "real"
EXPECTED = Path(__file__).resolve().parent / "real_expected"
CASES = sorted(EXPECTED.glob("*.items.json"))


def _collapse(s: str | None) -> str:
    return " ".join((s or "").split())


def dnr_key(value: str) -> frozenset[str]:
    """"2026.007 BUN", "BUN 2026/7" and "Bun/2026:7" share a key: their letter and digit
    runs, upper case, leading zeros dropped."""
    runs = re.findall(r"[A-Za-zÅÄÖåäö]+|\d+", value)
    return frozenset(r.upper() if not r.isdigit() else str(int(r)) for r in runs)


@pytest.fixture(scope="module", params=CASES, ids=lambda p: p.name.split(".")[0])
def case(request):
    expected = json.loads(request.param.read_text(encoding="utf-8"))
    path = REAL / expected["file"]
    if not path.exists():
        pytest.skip(f"{path} not present (../shared/real is the read-only corpus of whole protocols)")
    return expected, parse(read_once(path))


def test_kind_is_protokoll(case):
    _, paper = case
    assert paper.kind == "protokoll"


def test_meeting_body_and_date(case):
    expected, paper = case
    assert (paper.meeting.body or "").lower() == expected["meeting"]["body"].lower()
    assert str(paper.meeting.date) == expected["meeting"]["date"]


def test_every_paragraph_once_in_order(case):
    expected, paper = case
    assert [it.number for it in paper.items] == [it["number"] for it in expected["items"]]


def test_titles(case):
    expected, paper = case
    got = {it.number: _collapse(it.title) for it in paper.items}
    wrong = {e["number"]: (got.get(e["number"]), e["title"]) for e in expected["items"]
             if got.get(e["number"]) != _collapse(e["title"])}
    assert not wrong


def test_own_registry_numbers_on_the_right_paragraph(case):
    expected, paper = case
    got = {it.number: {dnr_key(d.value) for d in it.dnr if d.role == "own"} for it in paper.items}
    wrong = {}
    for e in expected["items"]:
        want = [dnr_key(v) for v in e["dnr"]]
        have = got.get(e["number"], set())
        # every expected number is there (a grammar may keep a trailing archive code: superset
        # of runs), and nothing else is the paragraph's own number
        missing = [w for w in want if not any(w <= h for h in have)]
        extra = [h for h in have if not any(w <= h for w in want)]
        if missing or extra:
            wrong[e["number"]] = {"missing": missing, "extra": extra}
    assert not wrong
