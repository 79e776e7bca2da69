"""Registry numbers in whole real protocols (../shared/real, read at run time): the numbers
printed on each § heading (Alingsås: "§ 42  2026.007 BUN") and under it (Jönköping:
"Bun/2024:233 041") are read with the value the gold conventions ask for. Expected values
written by reading the documents."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from papers_once import read_once

from graf.grammar.dnr import case_key, find_dnr

REAL = Path(__file__).resolve().parents[2] / "shared" / "real"


def _text(name: str) -> str:
    path = REAL / name
    if not path.exists():
        pytest.skip(f"{path} is absent (the shared development corpus is not mounted)")
    return read_once(path).text


def _numbers_on_lines(text: str, line: re.Pattern) -> list[str]:
    out = []
    for m in line.finditer(text):
        out += [d.value for d in find_dnr(text, m.start(), m.end())]
    return out


def test_alingsas_paragraph_headings():
    text = _text("alingsas-bun-2026-06-16.pdf")
    got = _numbers_on_lines(text, re.compile(r"(?m)^§ ?\d+ .*$"))
    assert got == ["2026.007 BUN", "2026.157 BUN", "2026.156 BUN", "2026.131 BUN", "2026.159 BUN",
                   "2025.385 BUN"]


def test_alingsas_document_numbers_name_their_case():
    text = _text("alingsas-sn-2026-06-16.pdf")
    got = [d for d in find_dnr(text, 0, len(text)) if "-" in d.value]
    assert [d.value for d in got] == ["2022.088 SN-020", "2022.088 SN-021"]
    assert {case_key(d.value) for d in got} == {"2022.088 SN"}


def test_jonkoping_numbers_under_the_heading():
    text = _text("jonkoping-bun-2024-06-11.md")
    got = _numbers_on_lines(text, re.compile(r"(?m)^[A-Z][a-z]+/20\d\d:.*$"))
    assert got == ["BUN 2024/233", "BUN 2024/390", "BUN 2024/338", "BUN 2024/295", "BUN 2024/367",
                   "BUN 2024/393", "BUN 2024/263", "BUN 2023/391"]
