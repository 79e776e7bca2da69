"""`graf cite` input handling, and the F1 floor on the legalref benchmark (needs ../shared)."""

import datetime as dt
import json
import sys
from pathlib import Path

import pytest

from graf.cite import cite_lines
from graf.errors import InputError

ROOT = Path(__file__).parents[1]


def test_cite_lines_shape_and_order():
    lines = [json.dumps({"id": "a", "text": "enligt 4 kap. 1 § SoL"}), "", json.dumps({"id": "b", "text": "inget"})]
    out = list(cite_lines(lines, dt.date(2024, 1, 1), "https://graf.example/"))
    assert [o["id"] for o in out] == ["a", "b"]
    (link,) = out[0]["links"]
    assert {k: link[k] for k in ("start", "end", "text", "lagen_nu", "sfs", "provision", "iri")} == {
        "start": 7, "end": 21, "text": "4 kap. 1 § SoL", "lagen_nu": "https://lagen.nu/2001:453#K4P1",
        "sfs": "2001:453", "provision": "K4P1", "iri": "https://graf.example/sfs/2001:453#K4P1"}
    assert out[1]["links"] == []


def test_context_carries_within_a_document_only():
    lines = [json.dumps({"id": "d.txt#1", "text": "påhittadelagen (1999:1) gäller"}),
             json.dumps({"id": "d.txt#2", "text": "enligt påhittadelagen"}),
             json.dumps({"id": "e.txt", "text": "enligt påhittadelagen"})]
    out = list(cite_lines(lines, None, "https://graf.example/"))
    assert [len(o["links"]) for o in out] == [1, 1, 0]


def test_bad_json_names_the_line():
    with pytest.raises(InputError, match="line 2"):
        list(cite_lines(['{"id": 1, "text": ""}', "{nope"], None, "https://graf.example/"))


def test_legalref_f1_floor(shared):
    bench = shared("benchmarks", "legalref")
    sys.path.insert(0, str(ROOT))
    from bench.legalref_score import score_file

    scores = {name: score_file(bench / name) for name in ("sfs.jsonl", "regpubl.jsonl", "simple.jsonl")}
    assert scores["sfs.jsonl"]["f1"] >= 0.98
    assert scores["regpubl.jsonl"]["f1"] >= 0.90
    assert scores["simple.jsonl"]["f1"] >= 0.95
