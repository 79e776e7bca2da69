"""Attendance and roles on the six whole real protocols in ../shared/real.

The expectations in tests/real_expected/<file-stem>.people.json were written by reading each
document (a few members per file: the chair, a replaced member and the ersättare serving for
them, a non-serving ersättare, officials with their titles, the justerare). Each entry gives the
name, the party, roles that must be among the person's roles and roles that must not be.
The documents are read at run time; the test skips when ../shared is absent.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from papers_once import processed_once

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "real"
EXPECTED = Path(__file__).resolve().parent / "real_expected"
CASES = sorted(EXPECTED.glob("*.people.json"))


@cache
def _people(source: str) -> dict[str, tuple[str | None, frozenset[str]]]:
    path = REAL / source
    if not path.exists():
        pytest.skip(f"{path} absent: the real protocols live in ../shared/real, outside the repository")
    processed = processed_once(path, "https://example.org/graf/")
    return {p.name: (p.party, frozenset(r.casefold() for r in p.roles)) for p in processed.linked.persons}


@pytest.mark.parametrize("case", CASES, ids=[c.name.split(".")[0] for c in CASES])
def test_real_attendance(case: Path):
    expected = json.loads(case.read_text(encoding="utf-8"))
    found = _people(expected["source"])
    problems = []
    for person in expected["persons"]:
        name = person["name"]
        if name not in found:
            problems.append(f"missing {name!r}")
            continue
        party, roles = found[name]
        if party != person["party"]:
            problems.append(f"{name}: party {party!r}, expected {person['party']!r}")
        missing = {r.casefold() for r in person["roles"]} - roles
        if missing:
            problems.append(f"{name}: roles {sorted(roles)} lack {sorted(missing)}")
        wrong = {r.casefold() for r in person.get("not_roles", [])} & roles
        if wrong:
            problems.append(f"{name}: roles {sorted(roles)} hold {sorted(wrong)}")
    for name in expected.get("not_persons", []):
        if name in found:
            problems.append(f"{name!r} is no person")
    assert not problems, "\n".join(problems)
