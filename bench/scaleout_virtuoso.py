"""Virtuoso as the large store (not in the test suite): bulk-load rate, bytes per quad, the
equality of every query with the embedded store, and the time to replace one paper.

    .venv/bin/python bench/scaleout_virtuoso.py [--papers 200] [--out bench/RESULTS.md]

Papers are ../shared/seeds replicated with dates and names varied (bench/run.py's corpus), or
the repository's examples when ../shared is absent. A private Virtuoso (Debian's
virtuoso-opensource) is started on loopback with its own database folder; the section
"Virtuoso (bench/scaleout_virtuoso.py)" of RESULTS.md is replaced, the rest kept.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
BEGIN, END = "<!-- scaleout-virtuoso:begin -->", "<!-- scaleout-virtuoso:end -->"


def make_corpus(n: int, folder: Path) -> str:
    from bench.run import SEEDS
    from bench.run import make_corpus as from_seeds

    if SEEDS.is_dir() and any(SEEDS.glob("*.txt")):
        from_seeds(n, folder)
        return "../shared/seeds replicated, dates and names varied"
    from test_virtuoso import make_papers

    make_papers(folder, n)
    return "the repository's examples replicated, dates moved"


def graf(*args: str, env: dict | None = None) -> float:
    start = time.perf_counter()
    res = subprocess.run([sys.executable, "-m", "graf.cli", *args], capture_output=True, text=True,
                         env={**os.environ, **(env or {})}, cwd=ROOT)
    if res.returncode != 0:
        raise SystemExit(f"graf {' '.join(args)} failed: {res.stderr}")
    return time.perf_counter() - start


def rows(result) -> Counter:
    return Counter(tuple(None if t is None else (type(t).__name__, str(t)) for t in row) for row in result[1])


def compare_queries(nq: Path, url: str, union: str) -> list[tuple[str, int, bool, float, float]]:
    from graf.remote import query_endpoint
    from graf.resources import query_names, read_query
    from graf.store import Store, run_query

    local = Store()
    local.load_file(nq)
    out = []
    for name in query_names():
        text = read_query(name)
        t0 = time.perf_counter()
        mine = run_query(text, local)
        t1 = time.perf_counter()
        theirs = query_endpoint(url, text, timeout=600, default_graph=union)
        t2 = time.perf_counter()
        out.append((name, len(mine[1]), mine[0] == theirs[0] and rows(mine) == rows(theirs), t1 - t0, t2 - t1))
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--papers", type=int, default=200)
    ap.add_argument("--out", default=str(ROOT / "bench" / "RESULTS.md"))
    args = ap.parse_args()
    from virtuoso_server import BINARY, PASSWORD, USER, VirtuosoServer

    if BINARY is None:
        print("scaleout_virtuoso: virtuoso-opensource is not installed", file=sys.stderr)
        return 2
    login = {"GRAF_ENDPOINT_USER": USER, "GRAF_ENDPOINT_PASSWORD": PASSWORD}
    with tempfile.TemporaryDirectory(prefix="graf-virtuoso-") as tmp_name:
        tmp = Path(tmp_name)
        corpus = make_corpus(args.papers, tmp / "papers")
        mb = sum(p.stat().st_size for p in (tmp / "papers").iterdir()) / 1e6
        nq = tmp / "all.nq"
        t_build = graf("build", str(tmp / "papers"), "--out", str(nq), "-q")
        shards = tmp / "shards"
        t_shards = graf("export", str(nq), "--shards", str(shards), "-q")
        n_quads = sum(p.read_bytes().count(b"\n") for p in (shards / "papers").glob("*.nq"))
        n_union = (shards / "union.nq").read_bytes().count(b"\n")
        loaders = max(1, (os.cpu_count() or 1) * 2 // 5)
        lines = [f"Run {time.strftime('%Y-%m-%d %H:%M')} with `bench/scaleout_virtuoso.py --papers {args.papers}`; "
                 f"{corpus}; {mb:.1f} MB of text.",
                 f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
                 f"{platform.platform()}; Virtuoso from Debian's virtuoso-opensource "
                 f"({subprocess.run([BINARY, '-?'], capture_output=True, text=True).stderr.split(chr(10))[1:2]}).",
                 "",
                 f"`graf build --out all.nq`: {t_build:.1f} s; `graf export --shards`: {t_shards:.1f} s "
                 f"({n_quads} paper quads, {n_union} union triples).", ""]

        # 1. the bulk path: shards through ld_dir + rdf_loader_run()
        with VirtuosoServer(tmp / "db-bulk", dirs_allowed=[shards]) as v:
            size0 = (tmp / "db-bulk" / "virtuoso.db").stat().st_size
            t0 = time.perf_counter()
            subprocess.run(["sh", str(shards / "load.sh"), str(v.sql_port)], check=True, capture_output=True,
                           env={**os.environ, "VIRTUOSO_PASSWORD": PASSWORD})
            t_load = time.perf_counter() - t0
            v.isql("checkpoint")
            size1 = (tmp / "db-bulk" / "virtuoso.db").stat().st_size
            union = (shards / "load.sql").read_text().split("union graph: ", 1)[1].split()[0]
            bulk = compare_queries(nq, v.query_url, union)
        total = n_quads + n_union
        lines += ["| path | quads (papers + union) | seconds | quads/s | database growth | bytes per quad |",
                  "| --- | --- | --- | --- | --- | --- |",
                  f"| bulk loader, {loaders} × rdf_loader_run() | {total} | {t_load:.1f} | {total / t_load:,.0f} | "
                  f"{(size1 - size0) / 1e6:.1f} MB | {(size1 - size0) / total:.0f} |"]

        # 2. the HTTP path: graf push (staging + MOVE per paper, the union in one MOVE)
        with VirtuosoServer(tmp / "db-push") as v:
            size0 = (tmp / "db-push" / "virtuoso.db").stat().st_size
            t_push = graf("push", "--data", str(nq), "--endpoint", v.update_url, "-q", env=login)
            v.isql("checkpoint")
            size1 = (tmp / "db-push" / "virtuoso.db").stat().st_size
            lines.append(f"| `graf push` over HTTP | {total} | {t_push:.1f} | {total / t_push:,.0f} | "
                         f"{(size1 - size0) / 1e6:.1f} MB | {(size1 - size0) / total:.0f} |")
            pushed = compare_queries(nq, v.query_url, union)
            # 3. replace one paper: reword one paper, rebuild, push the whole data again
            first = sorted((tmp / "papers").iterdir())[0]
            first.write_text(first.read_text(encoding="utf-8").replace("§", "§ ", 1) + "\nRättelse.\n",
                             encoding="utf-8")
            nq2 = tmp / "changed.nq"
            graf("build", str(tmp / "papers"), "--out", str(nq2), "-q")
            t_replace = graf("push", "--data", str(nq2), "--endpoint", v.update_url, "-q", env=login)
            replaced = compare_queries(nq2, v.query_url, union)
        lines += ["", f"Replacing one paper (`graf push` of the whole rebuilt data: {args.papers - 1} papers "
                      f"unchanged by checksum, one swapped in with the union kept right): {t_replace:.1f} s, "
                      "including reading and checksumming the data.", "",
                  "| query | rows | bulk = embedded | push = embedded | after replace = embedded | embedded s | "
                  "Virtuoso s |", "| --- | --- | --- | --- | --- | --- | --- |"]
        for b, p, r in zip(bulk, pushed, replaced, strict=True):
            lines.append(f"| {b[0]} | {b[1]} | {'yes' if b[2] else 'NO'} | {'yes' if p[2] else 'NO'} | "
                         f"{'yes' if r[2] else 'NO'} | {b[3]:.2f} | {b[4]:.2f} |")
    section = "\n".join(["## Virtuoso (bench/scaleout_virtuoso.py)", "", *lines])
    print(section)
    out = Path(args.out)
    old = out.read_text(encoding="utf-8") if out.exists() else "# graf benchmark results\n"
    block = f"{BEGIN}\n{section}\n{END}"
    if BEGIN in old and END in old:
        new = old[: old.index(BEGIN)] + block + old[old.index(END) + len(END):]
    else:
        new = old.rstrip("\n") + "\n\n" + block + "\n"
    out.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
