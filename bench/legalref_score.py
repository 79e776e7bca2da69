"""Score graf's citation grammar on the legalref benchmark (converted from ferenda's tests).

    python bench/legalref_score.py [--bench DIR] [--json] [-v]

Per file: strict IRI-level precision / recall / F1 (a predicted link counts when its span
and its lagen_nu IRI equal a gold link's) and a lenient variant (the spans overlap and the
IRIs are equal). Records marked ``relative`` are left out: their gold links point at the
placeholder law 9999:999 ("the law being read"), which only exists inside ferenda's harness.
Records run through ``graf.cite.cite_lines`` exactly as ``graf cite`` would, with all records
of a file fed in order so context carries between paragraphs of one test file.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graf.cite import cite_lines  # noqa: E402

DEFAULT_BENCH = ROOT.parent / "shared" / "benchmarks" / "legalref"
FILES = ["sfs.jsonl", "regpubl.jsonl", "simple.jsonl", "short.jsonl", "eglag.jsonl", "dv.jsonl", "avg.jsonl"]


def _prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else (1.0 if not ngold else 0.0)
    r = tp / ngold if ngold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score_file(path: Path, verbose: bool = False) -> dict:
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    lines = [json.dumps({"id": r["id"], "text": r["text"], "file": r.get("file")}) for r in records]
    # the base law in force when the benchmark was written is irrelevant: every gold link
    # prints its number or a name from the time-blind table; use a fixed date for stability
    import datetime as dt

    outputs = list(cite_lines(lines, dt.date(2018, 1, 1), "https://example.org/"))
    tp = npred = ngold = ltp = 0
    skipped = 0
    failures = []
    for rec, out in zip(records, outputs):
        if rec.get("relative"):
            skipped += 1
            continue
        gold = {(g["start"], g["end"], g["uri"]) for g in rec["links"]}
        pred = {(p["start"], p["end"], p["lagen_nu"]) for p in out["links"]}
        tp += len(gold & pred)
        npred += len(pred)
        ngold += len(gold)
        for g in gold:
            if any(p[2] == g[2] and p[0] < g[1] and g[0] < p[1] for p in pred):
                ltp += 1
        if gold != pred:
            failures.append((rec["id"], sorted(gold - pred), sorted(pred - gold), rec["text"]))
    p, r, f = _prf(tp, npred, ngold)
    lp, lr, lf = _prf(ltp, npred, ngold)
    if verbose:
        for rid, missed, extra, text in failures:
            print(f"--- {path.name} {rid}")
            for s, e, u in missed:
                print(f"  missed {text[s:e]!r} {s} {u}")
            for s, e, u in extra:
                print(f"  extra  {text[s:e]!r} {s} {u}")
    return {"file": path.name, "records": len(records) - skipped, "relative_skipped": skipped,
            "gold": ngold, "pred": npred, "tp": tp, "precision": p, "recall": r, "f1": f,
            "lenient_precision": lp, "lenient_recall": lr, "lenient_f1": lf}


def _reference_date(text: str, gold_date: str | None):
    """Meeting date when printed (the gold's date), else the latest full date in the paper."""
    import datetime as dt
    import re

    if gold_date:
        return dt.date.fromisoformat(gold_date)
    dates = []
    for m in re.finditer(r"(?<!\d)(20\d\d)-(\d\d)-(\d\d)(?!\d)", text):
        try:
            dates.append(dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))))
        except ValueError:
            pass
    return max(dates) if dates else None


def score_seeds(shared: Path, verbose: bool = False) -> list[dict]:
    """Dev-set view: recall (and precision) of the gold "laws" and "reports" per seed paper."""
    from graf.link.statutes import resolve
    from graf.nlp.citations import find_citations

    rows = []
    for gold_path in sorted((shared / "gold").glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        doc = shared / "seeds" / gold["doc"]
        if not doc.exists():
            continue
        text = doc.read_text(encoding="utf-8")
        on = _reference_date(text, gold.get("date"))
        linked = resolve(find_citations(text), on)
        pred_laws = set()
        pred_reports = set()
        for lc in linked:
            if lc.kind == "sfs":
                pred_laws.add((lc.sfs, lc.provision))
            elif lc.kind == "eu":
                pred_laws.add(("celex:" + lc.celex, None))
            elif lc.kind == "kfs":
                pred_laws.add(("kfs:" + lc.kfs, None))
            elif lc.kind == "report" and lc.report_id.startswith(("SOU", "Ds", "prop.")):
                pred_reports.add(lc.report_id)
        gold_laws = set()
        for law in gold.get("laws", []):
            key = law.get("sfs") or ("celex:" + law["celex"] if law.get("celex") else "kfs:" + str(law.get("kfs")))
            gold_laws.add((key, law.get("provision")))
        gold_reports = set(gold.get("reports", []))
        row = {"doc": gold["doc"], "date": on.isoformat() if on else None,
               "laws_gold": len(gold_laws), "laws_found": len(gold_laws & pred_laws), "laws_pred": len(pred_laws),
               "reports_gold": len(gold_reports), "reports_found": len(gold_reports & pred_reports),
               "reports_pred": len(pred_reports)}
        rows.append(row)
        if verbose:
            print(f"--- {gold['doc']} (reference date {row['date']})")
            for x in sorted(gold_laws - pred_laws, key=str):
                print("  missed", x)
            for x in sorted(pred_laws - gold_laws, key=str):
                print("  extra ", x)
            for x in sorted(gold_reports ^ pred_reports):
                print("  report diff", x)
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--seeds", action="store_true", help="also score the seed papers' laws/reports")
    args = ap.parse_args(argv)
    if args.seeds:
        rows = score_seeds(args.bench.parents[1], args.verbose)
        for r in rows:
            print(f"{r['doc']:28} {r['date']}  laws {r['laws_found']}/{r['laws_gold']} (pred {r['laws_pred']})  "
                  f"reports {r['reports_found']}/{r['reports_gold']} (pred {r['reports_pred']})")
        return 0
    if not args.bench.is_dir():
        print(f"benchmark folder not found: {args.bench}", file=sys.stderr)
        return 2
    rows = [score_file(args.bench / name, args.verbose) for name in FILES if (args.bench / name).exists()]
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    print(f"{'file':15} {'recs':>4} {'rel':>3} {'gold':>4} {'pred':>4}  {'P':>5} {'R':>5} {'F1':>5}  {'lenP':>5} {'lenR':>5} {'lenF1':>5}")
    for r in rows:
        print(f"{r['file']:15} {r['records']:4} {r['relative_skipped']:3} {r['gold']:4} {r['pred']:4}  "
              f"{r['precision']:.3f} {r['recall']:.3f} {r['f1']:.3f}  "
              f"{r['lenient_precision']:.3f} {r['lenient_recall']:.3f} {r['lenient_f1']:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
