"""Recognition + person linking measured against the dev gold files (../shared/gold)."""

import hashlib
import json
from pathlib import Path

import pytest

from graf.link.entities import link_entities
from graf.link.people import link_persons, person_key
from graf.nlp.pipeline import recognise_entities
from graf.records import Meeting, Paper, Source


def _f1(tp, n_pred, n_gold):
    p = tp / n_pred if n_pred else 1.0
    r = tp / n_gold if n_gold else 1.0
    return 2 * p * r / (p + r) if p + r else 0.0


def _scores(gold_dir: Path, seeds_dir: Path):
    golds = sorted(gold_dir.glob("*.gold.json"))
    if not golds:
        pytest.skip(f"no gold files in {gold_dir}")
    counts = {"persons": [0, 0, 0], "persons+party": [0, 0, 0], "districts": [0, 0, 0]}
    for gf in golds:
        gold = json.loads(gf.read_text(encoding="utf-8"))
        doc = seeds_dir / gold["doc"]
        if not doc.exists():
            continue
        text = doc.read_text(encoding="utf-8")
        src = Source(str(doc), text, hashlib.sha256(text.encode()).hexdigest(), "", "text/plain")
        mentions = recognise_entities(text)
        pred = link_persons(Paper(src, "other", Meeting()), mentions)
        gold_people = [({person_key(p["name"])} | {person_key(a) for a in p.get("aliases", [])}, p.get("party"))
                       for p in gold["persons"]]
        for field, with_party in (("persons", False), ("persons+party", True)):
            used = set()
            tp = 0
            for p in pred:
                keys = {p.key} | {person_key(v) for v in p.variants}
                hit = next((i for i, (gk, _) in enumerate(gold_people) if i not in used and keys & gk), None)
                if hit is not None and (not with_party or gold_people[hit][1] == p.party):
                    used.add(hit)
                    tp += 1
            c = counts[field]
            c[0] += tp
            c[1] += len(pred)
            c[2] += len(gold_people)
        pd = {e.key for e in link_entities(mentions) if e.kind == "district"}
        gd = set(gold["districts"])
        c = counts["districts"]
        c[0] += len(pd & gd)
        c[1] += len(pd)
        c[2] += len(gd)
    return {k: _f1(*v) for k, v in counts.items()}


def test_dev_gold_persons_parties_districts(shared):
    scores = _scores(shared("gold"), shared("seeds"))
    for field, f1 in scores.items():
        assert f1 >= 0.97, (field, f1)
