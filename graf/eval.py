"""`graf eval`: precision / recall / F1 per field against gold annotations.

Each document is run through the whole pipeline into a graph, and the graph is read back with
the contract queries in queries/ — so the scores measure what a user of the graph gets, not an
internal record. Gold format: ../shared/gold/SCHEMA.md.

Matching rules (the same for every document):
- names match case-insensitively against the gold person's name or any of its listed aliases,
  with whitespace collapsed; a predicted name that matches no gold person is a false positive;
- items match by printed number (or list position); titles are scored only for gold items
  that have a title; dnr as (item number, diarienummer) pairs;
- laws as (SFS number | CELEX | KFS number, provision fragment or none) pairs;
- proposals, reservations and statements one row per person, as the contract queries return
  them: (item, person) plus stance / kind;
- votes one per omröstning as (item, yes, no, abstain), a count not printed being None.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

FIELDS = [
    "items", "item titles", "item dnr", "persons", "persons+party", "person roles",
    "laws", "law provisions", "reports", "districts", "organisations",
    "proposals", "proposals+stance", "reservations", "statements", "votes", "meeting body", "meeting date",
]


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class DocResult:
    doc: str
    scores: dict[str, Score]
    errors: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class EvalResult:
    docs: list[DocResult]
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def total(self) -> dict[str, Score]:
        out = {f: Score() for f in FIELDS}
        for d in self.docs:
            for f, s in d.scores.items():
                out[f].add(s)
        return out

    def as_dict(self) -> dict:
        def sd(s: Score) -> dict:
            return {"tp": s.tp, "fp": s.fp, "fn": s.fn, "precision": round(s.precision, 4),
                    "recall": round(s.recall, 4), "f1": round(s.f1, 4)}

        return {
            "total": {f: sd(s) for f, s in self.total().items()},
            "documents": {d.doc: {"scores": {f: sd(s) for f, s in d.scores.items()},
                                  "errors": d.errors} for d in self.docs},
            "skipped": [{"gold": g, "reason": r} for g, r in self.skipped],
        }


def _collapse(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def _fold(s: str) -> str:
    return _collapse(s).casefold()


_NAME_AND_ACRONYM = re.compile(r"(?P<name>.+?) \((?P<acronym>[^()]+)\)")


def _org_forms(name: str) -> set[str]:
    """The forms an organisation goes by: "stadsledningskontoret (slk)" is also
    "stadsledningskontoret" and "slk"."""
    m = _NAME_AND_ACRONYM.fullmatch(name)
    return {name, m.group("name"), m.group("acronym")} if m else {name}


def _as_gold_names(pred: Counter, gold: Counter) -> Counter:
    """``pred`` with each organisation the gold names in another form renamed to the gold's
    form: an organisation is printed by its name, its acronym or both ("Stadsledningskontoret
    (SLK)", "SLK"), and the gold writes what the excerpt printed, so any shared form is the same
    organisation. Each gold name takes at most one prediction; exact matches go first."""
    out: Counter = Counter()
    unmatched_gold = [g for g in gold if g not in pred]
    for p in sorted(pred):
        if p in gold:
            out[p] += pred[p]
            continue
        forms = _org_forms(p)
        match = next((g for g in unmatched_gold if forms & _org_forms(g)), None)
        if match is not None:
            unmatched_gold.remove(match)
            out[match] += pred[p]
        else:
            out[p] += pred[p]
    return out


def _compare(pred: Counter, gold: Counter) -> tuple[Score, list[str]]:
    tp = sum((pred & gold).values())
    score = Score(tp=tp, fp=sum(pred.values()) - tp, fn=sum(gold.values()) - tp)
    errors = [f"missed {k!r}" for k in (gold - pred).elements()]
    errors += [f"extra {k!r}" for k in (pred - gold).elements()]
    return score, errors


class _PersonIndex:
    """Maps any printed form of a gold person to that person's canonical name."""

    def __init__(self, gold_persons: list[dict]):
        self.by_form: dict[str, str] = {}
        for p in gold_persons:
            canonical = p["name"]
            for form in [canonical, *p.get("aliases", [])]:
                self.by_form.setdefault(_fold(form), canonical)

    def canon(self, name: str | None) -> str:
        if not name:
            return ""
        return self.by_form.get(_fold(name), "?" + _fold(name))


def _rows(graph, name: str) -> list[dict[str, str | None]]:
    """Rows of a contract query, run the way `graf query` runs it (Oxigraph, graf.store)."""
    from graf.resources import read_query
    from graf.store import run_query

    variables, rows = run_query(read_query(name), graph)
    return [{v: (None if t is None else str(t)) for v, t in zip(variables, row)} for row in rows]


def _law_key(law: dict) -> str | None:
    """The act a citation names: its SFS number, or CELEX / KFS number for other series. The
    same rule reads query rows and gold entries (both use the keys sfs, celex, kfs)."""
    if law.get("sfs"):
        return law["sfs"]
    if law.get("celex"):
        return "celex:" + law["celex"]
    if law.get("kfs"):
        return "kfs:" + law["kfs"]
    return None


def score_document(gold: dict, graph) -> DocResult:
    persons = _PersonIndex(gold.get("persons", []))
    scores: dict[str, Score] = {}
    errors: dict[str, list[str]] = {}

    def put(name: str, pred: Counter, gold_c: Counter) -> None:
        s, e = _compare(pred, gold_c)
        scores[name] = s
        if e:
            errors[name] = e

    # items ---------------------------------------------------------------
    item_rows = _rows(graph, "items")
    pred_items: dict[str, dict] = {}
    pred_dnr: Counter = Counter()
    for r in item_rows:
        key = r["item"]
        pred_items.setdefault(key, {"number": r.get("number"), "title": r.get("title")})
        if r.get("dnr"):
            pred_dnr[(r.get("number"), r["dnr"])] += 1
    pred_dnr = Counter({k: 1 for k in pred_dnr})
    # An item whose number the paper does not print is identified by its list position (the
    # contract numbers such items so, and graf does too): the position the gold records, else
    # its place in the gold's list of items. What the gold hangs on "item": null belongs to
    # that item when it is the paper's only unnumbered one.
    gold_items = []
    unnumbered = []
    for place, i in enumerate(gold.get("items", []), start=1):
        if i.get("number") is None:
            i = {**i, "number": str(i["position"] if i.get("position") is not None else place)}
            unnumbered.append(i["number"])
        gold_items.append(i)
    if len(unnumbered) == 1:
        gold = {**gold, **{k: [{**e, "item": unnumbered[0]} if e.get("item") is None else e for e in gold.get(k, [])]
                           for k in ("proposals", "reservations", "statements", "votes")}}
    put("items", Counter(str(i["number"]) for i in pred_items.values()),
        Counter(str(i["number"]) for i in gold_items))
    titled = {str(i["number"]): _collapse(i["title"]) for i in gold_items if i.get("title")}
    put("item titles",
        Counter((i["number"], _collapse(i["title"])) for i in pred_items.values()
                if i["number"] in titled and i["title"]),
        Counter(titled.items()))
    put("item dnr", pred_dnr,
        Counter({(str(i["number"]), d): 1 for i in gold_items for d in i.get("dnr", [])}))

    # persons -------------------------------------------------------------
    person_rows = _rows(graph, "persons")
    pred_people: dict[str, set] = {}
    pred_party: dict[str, set] = {}
    pred_roles: set = set()
    for r in person_rows:
        c = persons.canon(r.get("name"))
        pred_people.setdefault(c, set())
        if r.get("party"):
            pred_party.setdefault(c, set()).add(r["party"])
        if r.get("role"):
            pred_roles.add((c, r["role"].casefold()))
    put("persons", Counter(pred_people.keys()), Counter(p["name"] for p in gold.get("persons", [])))
    put("persons+party",
        Counter((c, p) for c in pred_people for p in (pred_party.get(c) or {None})),
        Counter((p["name"], p.get("party")) for p in gold.get("persons", [])))
    put("person roles", Counter(pred_roles),
        Counter({(p["name"], role.casefold()): 1 for p in gold.get("persons", [])
                 for role in p.get("roles", [])}))

    # laws, reports, districts, organisations -------------------------------
    law_rows = _rows(graph, "citations")
    pred_laws = Counter({(k, r.get("provision")): 1 for r in law_rows if (k := _law_key(r))})
    gold_laws = Counter({(k, law.get("provision")): 1 for law in gold.get("laws", [])
                         if (k := _law_key(law))})
    put("laws", pred_laws, gold_laws)
    put("law provisions", Counter({k: 1 for k in pred_laws if k[1]}),
        Counter({k: 1 for k in gold_laws if k[1]}))
    put("reports", Counter({r["id"]: 1 for r in _rows(graph, "reports") if r.get("id")}),
        Counter({x: 1 for x in gold.get("reports", [])}))
    put("districts", Counter({r["name"]: 1 for r in _rows(graph, "districts") if r.get("name")}),
        Counter({x: 1 for x in gold.get("districts", [])}))
    org_rows = _rows(graph, "organisations") if _has_query("organisations") else []
    gold_orgs = Counter({_fold(x): 1 for x in gold.get("organisations", [])})
    put("organisations", _as_gold_names(Counter({_fold(r["name"]): 1 for r in org_rows if r.get("name")}),
                                         gold_orgs), gold_orgs)

    # proposals, reservations, statements ------------------------------------
    def per_person(rows: list[dict], extra: str | None) -> Counter:
        out: Counter = Counter()
        for r in rows:
            if not r.get("name"):
                continue  # a party group's row: the gold lists persons
            key = (r.get("itemNumber"), persons.canon(r.get("name")))
            if extra:
                key += (r.get(extra),)
            out[key] = 1
        return out

    def gold_per_person(entries: list[dict], extra: str | None) -> Counter:
        out: Counter = Counter()
        for e in entries:
            for name in e.get("by", []):
                key = (str(e.get("item")), persons.canon(name))
                if extra:
                    key += (e.get(extra),)
                out[key] = 1
        return out

    proposal_rows = _rows(graph, "proposals")
    put("proposals", per_person(proposal_rows, None), gold_per_person(gold.get("proposals", []), None))
    put("proposals+stance", per_person(proposal_rows, "stance"),
        gold_per_person(gold.get("proposals", []), "stance"))
    put("reservations", per_person(_rows(graph, "reservations"), None),
        gold_per_person(gold.get("reservations", []), None))
    put("statements", per_person(_rows(graph, "statements"), "kind"),
        gold_per_person(gold.get("statements", []), "kind"))

    def count(value) -> int | None:
        return None if value is None else int(value)

    vote_rows = _rows(graph, "votes") if _has_query("votes") else []
    put("votes",
        Counter((r.get("itemNumber"), count(r.get("yes")), count(r.get("no")), count(r.get("abstain")))
                for r in vote_rows),
        Counter((str(v.get("item")), count(v.get("yes")), count(v.get("no")), count(v.get("abstain")))
                for v in gold.get("votes", [])))

    # meeting -------------------------------------------------------------
    meetings = _rows(graph, "meetings")
    body = {_fold(m["body"]) for m in meetings if m.get("body")}
    date = {m["date"] for m in meetings if m.get("date")}
    put("meeting body", Counter(body), Counter({_fold(gold["body"]): 1} if gold.get("body") else {}))
    put("meeting date", Counter(date), Counter({gold["date"]: 1} if gold.get("date") else {}))
    return DocResult(gold.get("doc", "?"), scores, errors)


def _has_query(name: str) -> bool:
    from graf.resources import query_names

    return name in query_names()


def evaluate(gold_dir: Path, docs_dir: Path, base: str) -> EvalResult:
    from graf.errors import GrafError, InputError
    from graf.pipeline import process_source
    from graf.sources import read_file

    if not gold_dir.is_dir():
        raise InputError(str(gold_dir), "gold folder not found")
    if not docs_dir.is_dir():
        raise InputError(str(docs_dir), "docs folder not found")
    gold_files = sorted(gold_dir.glob("*.gold.json"))
    if not gold_files:
        raise InputError(str(gold_dir), "no *.gold.json files")
    result = EvalResult(docs=[])
    for gf in gold_files:
        try:
            gold = json.loads(gf.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            result.skipped.append((gf.name, f"unreadable gold file: {exc}"))
            continue
        doc_name = gold.get("doc") or gf.name.replace(".gold.json", ".txt")
        doc_path = docs_dir / doc_name
        if not doc_path.exists():
            result.skipped.append((gf.name, f"document {doc_name} not in {docs_dir}"))
            continue
        try:
            processed = process_source(read_file(doc_path), base)
        except GrafError as exc:
            result.skipped.append((gf.name, str(exc)))
            continue
        result.docs.append(score_document(gold, processed.graph))
    return result


def format_table(result: EvalResult, per_doc: bool = False) -> str:
    lines = []

    def table(title: str, scores: dict[str, Score]) -> None:
        lines.append(title)
        lines.append(f"{'field':<18} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}")
        for f in FIELDS:
            s = scores.get(f)
            if s is None:
                continue
            lines.append(f"{f:<18} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.tp:5d} {s.fp:5d} {s.fn:5d}")

    if per_doc:
        for d in result.docs:
            table(f"== {d.doc}", d.scores)
            for f, errs in d.errors.items():
                for e in errs[:40]:
                    lines.append(f"   {f}: {e}")
            lines.append("")
    table(f"== all {len(result.docs)} document(s)", result.total())
    for g, reason in result.skipped:
        lines.append(f"skipped {g}: {reason}")
    return "\n".join(lines)
