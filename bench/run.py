"""graf benchmark harness (not part of the test suite).

    .venv/bin/python bench/run.py [--sizes 10,100,1000] [--out bench/RESULTS.md]

Measures, in one run, against baselines measured in the same run:
- end-to-end build throughput (MB/s of paper text) on the seeds replicated to 10 / 100 / 1,000
  papers with dates and names varied, next to spaCy's blank Swedish tokenizer on the same text;
- peak memory (max RSS) of each build, in a fresh child process per size;
- build with 2 worker processes vs 1;
- p50 / p95 latency of every contract query on the embedded store at ~10k, 100k and 1M triples;
- SHACL validation time of the seed graph and of a ~100k-triple graph.
Writes the numbers with the machine description to bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
sys.path.insert(0, str(ROOT))

MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
          "oktober", "november", "december"]
# how a build is run: into the embedded store, to a Turtle file (the contract's command), and
# the stages alone with nothing written (to show what the writes cost)
MODES = ("store", "out", "pipeline")
WORKERS = (1, 2)
MODE_TITLES = {"store": "`graf build --store`", "out": "`graf build --out x.ttl`",
               "pipeline": "stages only, nothing written"}

FIRST_NAMES = ["Anna", "Erik", "Maria", "Lars", "Karin", "Anders", "Eva", "Johan", "Sara", "Per",
               "Lena", "Mikael", "Emma", "Nils", "Ida", "Olof", "Elin", "Gustav", "Linnea", "Oskar"]


def vary(text: str, i: int) -> str:
    """Replica ``i`` of a paper: ISO dates and written dates shifted, first names rotated, so
    no two replicas are the same text."""
    def iso(m: re.Match) -> str:
        try:
            d = dt.date.fromisoformat(m.group(0)) + dt.timedelta(days=i)
        except ValueError:
            return m.group(0)
        return d.isoformat()

    text = re.sub(r"\b\d{4}-\d{2}-\d{2}\b", iso, text)

    def written(m: re.Match) -> str:
        day = (int(m.group(1)) + i - 1) % 28 + 1
        return f"{day} {m.group(2)} {m.group(3)}"

    text = re.sub(r"\b(\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})\b", written, text)
    names = re.compile(r"\b(" + "|".join(FIRST_NAMES) + r"|Jan|Andrea|Andréa|Rashid|Gabriel|Kristin|Alexander)\b")

    def rotate(m: re.Match) -> str:
        start = sum(map(ord, m.group(1))) % len(FIRST_NAMES)
        return FIRST_NAMES[(start + i) % len(FIRST_NAMES)]

    return names.sub(rotate, text) + f"\n\nReplik {i}\n"


def make_corpus(n: int, folder: Path) -> int:
    seeds = sorted(SEEDS.glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in seeds]
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(n):
        t = vary(texts[i % len(texts)], i)
        (folder / f"paper-{i:05d}.txt").write_text(t, encoding="utf-8")
        total += len(t.encode("utf-8"))
    return total


def child_build(folder: str, workers: int, target: str, mode: str = "store") -> dict:
    """Run in a fresh process, as a user would (in process, to read its peak memory):
    mode "store": `graf build FOLDER --store TARGET --workers N`;
    mode "out":   `graf build FOLDER --out TARGET --workers N` (the contract's command);
    mode "pipeline": the stages alone (read -> build triples), nothing written, for reference."""
    files = sorted(Path(folder).glob("*.txt"))
    n_bytes = sum(len(p.read_text(encoding="utf-8").encode("utf-8")) for p in files)
    triples = papers = 0
    # Start-up (imports, building the spaCy pipeline and gazetteers) is timed apart, as the
    # tokenizer baseline's spacy.blank("sv") is: the throughput is that of the steady state.
    t_start = time.perf_counter()
    from graf.graph import DEFAULT_BASE
    from graf.pipeline import process_source
    from graf.sources import read_file

    process_source(read_file(next(p for p in sorted((ROOT / "examples").iterdir()) if p.suffix == ".md")),
                   DEFAULT_BASE)
    startup = time.perf_counter() - t_start
    t0 = time.perf_counter()
    cpu0 = _cpu_seconds()
    if mode == "pipeline":
        from graf.pipeline import iter_paper_graphs

        for _path, built, _status in iter_paper_graphs([str(f) for f in files], DEFAULT_BASE, workers=workers):
            if built is not None:
                papers += 1
                triples += len(built.triples)
        seconds = time.perf_counter() - t0
    else:
        from graf.cli import main as graf_main

        flag = "--store" if mode == "store" else "--out"
        code = graf_main(["build", folder, flag, target, "--workers", str(workers), "--quiet"])
        seconds = time.perf_counter() - t0
        if code != 0:
            raise SystemExit(f"graf build exited {code}")
        if mode == "store":
            from graf.store import Store

            with Store(target, read_only=True) as store:
                papers = len(store.manifest())
                triples = store.count()  # the union the queries read
        else:
            papers = len(files)
            triples = -1
    cpu = _cpu_seconds() - cpu0
    return {"papers": papers, "bytes": n_bytes, "seconds": seconds, "triples": triples, "startup": startup,
            "cpu_seconds": cpu,
            "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "children_max_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


def _cpu_seconds() -> float:
    """CPU time of this process, its threads and its finished worker processes."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def child_tokenize(folder: str) -> dict:
    import spacy

    nlp = spacy.blank("sv")
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(folder).glob("*.txt"))]
    t0 = time.perf_counter()
    n = 0
    for t in texts:
        n += len(nlp.tokenizer(t))
    seconds = time.perf_counter() - t0
    return {"bytes": sum(len(t.encode("utf-8")) for t in texts), "seconds": seconds, "tokens": n}


def _median_run(runs: list[dict], key: str) -> dict:
    """The run with the median ``key`` (the lower middle one of an even number)."""
    return dict(sorted(runs, key=lambda r: r[key])[(len(runs) - 1) // 2])


def run_child(*args: str) -> dict:
    r = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"child {args} failed:\n{r.stderr[-3000:]}")
    return json.loads(r.stdout.strip().splitlines()[-1])


def _percentiles(times: list[float]) -> tuple[float, float]:
    times = sorted(times)
    return statistics.median(times), times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]


def query_latencies(store_dir: str, repeats: int = 20) -> dict[str, dict]:
    """Per contract query: end-to-end through graf.store.run_query on the on-disk store (rows
    converted to rdflib terms, as `graf query --store` does), and the engine alone (iterating
    the solutions) on the on-disk store and on an in-memory copy of the same triples.

    Runs in a fresh process (see main), each way in a block of its own, as a user or a server
    repeats queries on one store, and the in-memory copy is made only after the on-disk runs:
    holding it made the on-disk runs in the same process ~40 % slower (allocator and cache
    effects), which no user of the on-disk store pays."""
    import pyoxigraph as ox

    from graf.resources import queries_dir
    from graf.store import Store, run_query

    texts = {q.stem: q.read_text(encoding="utf-8") for q in sorted(queries_dir().glob("*.rq"))}
    out: dict[str, dict] = {}
    with Store(store_dir, read_only=True) as store:
        for name, text in texts.items():
            e2e, disk = [], []
            for _ in range(repeats):
                t0 = time.perf_counter()
                _, rows = run_query(text, store)
                e2e.append((time.perf_counter() - t0) * 1000)
            for _ in range(repeats):
                t0 = time.perf_counter()
                sum(1 for _ in store.store.query(text))
                disk.append((time.perf_counter() - t0) * 1000)
            out[name] = {"e2e": _percentiles(e2e), "disk": _percentiles(disk), "rows": len(rows)}
        memory = ox.Store()
        memory.extend(store.store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    for name, text in texts.items():
        mem = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            sum(1 for _ in memory.query(text))
            mem.append((time.perf_counter() - t0) * 1000)
        out[name]["memory"] = _percentiles(mem)
    return out


def store_triples(store_dir: str) -> int:
    from graf.store import Store

    with Store(store_dir, read_only=True) as store:
        return store.count()


def validation_time(paths: list[str]) -> tuple[float, int]:
    from graf.graph import DEFAULT_BASE
    from graf.pipeline import build
    from graf.validate import validate

    g = build(paths, DEFAULT_BASE).merged()
    t0 = time.perf_counter()
    validate(g)
    return time.perf_counter() - t0, len(g)


def _other_sections(old: str, written: list[str]) -> str:
    """The sections of the earlier RESULTS.md that this script does not write (added by
    bench/faults.py, bench/large_inputs.py or by hand), outside the scale-out blocks that
    kept_sections keeps: a new run replaces its own sections only."""
    own = {line for line in written if line.startswith("## ")}
    text = re.sub(r"<!-- scaleout:(\S+) -->\n.*?<!-- /scaleout:\1 -->\n", "", old, flags=re.S)
    sections = re.split(r"(?m)^(?=## )", text)[1:]
    return "".join(sec.rstrip("\n") + "\n\n" for sec in sections
                   if sec.split("\n", 1)[0].rstrip() not in own
                   and not sec.startswith(("## Build throughput", "## Workers (", "## Query latency (")))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--child", nargs="+")
    ap.add_argument("--sizes", default="10,100,1000")
    ap.add_argument("--out", default=str(ROOT / "bench" / "RESULTS.md"))
    ap.add_argument("--repeats", type=int, default=20, help="runs of each query")
    ap.add_argument("--build-repeats", type=int, default=3,
                    help="runs of each build, each paired with a tokenizer run right before it")
    ap.add_argument("--query-sizes", default="10000,100000,1000000",
                    help="store sizes (triples) at which the queries are timed")
    args = ap.parse_args()
    if args.child:
        kind, *rest = args.child
        if kind == "tokenize":
            res = child_tokenize(rest[0])
        elif kind == "queries":
            res = query_latencies(rest[0], int(rest[1]))
        else:
            res = child_build(rest[0], int(rest[1]), rest[2], rest[3] if len(rest) > 3 else "store")
        print(json.dumps(res))
        return
    if not SEEDS.is_dir():
        raise SystemExit("../shared/seeds not present: the benchmark replicates the real papers")
    sizes = [int(s) for s in args.sizes.split(",")]
    work = Path(tempfile.mkdtemp(prefix="graf-bench-"))
    lines: list[str] = []
    try:
        builds: dict[int, dict] = {}
        for n in sizes:
            folder = work / f"corpus-{n}"
            make_corpus(n, folder)
            # Each build is paired with a tokenizer run right before it, and its ratio taken to
            # that run: this machine's speed drifts by 10-25 % within minutes, and a ratio to one
            # tokenizer run early in the size would carry the drift. Each pair is repeated
            # --build-repeats times, in rounds, and the table shows medians.
            runs: dict = {(mode, workers): [] for mode in MODES for workers in WORKERS}
            toks = []
            for r in range(args.build_repeats):
                for mode in MODES:
                    for workers in WORKERS:
                        tok = run_child("tokenize", str(folder))
                        toks.append(tok)
                        name = f"{mode}-{n}-w{workers}"
                        target = work / (name + ".ttl" if mode == "out" else name)
                        if mode == "store":
                            shutil.rmtree(target, ignore_errors=True)
                        b = run_child("build", str(folder), str(workers), str(target), mode)
                        b["mb_s"] = b["bytes"] / b["seconds"] / 1e6
                        b["ratio"] = b["mb_s"] / (tok["bytes"] / tok["seconds"] / 1e6)
                        runs[(mode, workers)].append(b)
                        print(f"build {n} {mode} w{workers} #{r + 1}: {b['mb_s']:.3f} MB/s "
                              f"(ratio {b['ratio']:.3f}), {b['max_rss_mb']:.0f} MB peak", file=sys.stderr)
            builds[n] = {"tokenizer": _median_run(toks, "seconds")}
            for key, done in runs.items():
                b = _median_run(done, "ratio")
                b["ratio"] = statistics.median(x["ratio"] for x in done)
                b["ratios"] = sorted(x["ratio"] for x in done)
                b["seconds"] = statistics.median(x["seconds"] for x in done)
                b["cpu_seconds"] = statistics.median(x["cpu_seconds"] for x in done)
                b["mb_s"] = b["bytes"] / b["seconds"] / 1e6
                b["s_per_mb"] = b["seconds"] / (b["bytes"] / 1e6)
                b["cpu_s_per_mb"] = b["cpu_seconds"] / (b["bytes"] / 1e6)
                builds[n][key] = b
        # query latency at ~10k / 100k / 1M triples: stores built from corpora of matching size
        first_store = builds[sizes[0]][("store", 1)]
        per_paper = max(1, first_store["triples"] // max(1, first_store["papers"]))
        latency = {}
        for target in (int(t) for t in args.query_sizes.split(",")):
            n = max(1, round(target / per_paper))
            folder = work / f"qcorpus-{n}"
            store_dir = work / f"qstore-{n}"
            if n in builds:
                store_dir = work / f"store-{n}-w2"  # built above
            else:
                make_corpus(n, folder)
                run_child("build", str(folder), "2", str(store_dir))
            latency[target] = (store_triples(str(store_dir)),
                               run_child("queries", str(store_dir), str(args.repeats)))
            print(f"queries at {latency[target][0]} triples done", file=sys.stderr)
        seed_val, seed_triples = validation_time([str(SEEDS)])
        n100k = max(1, round(100_000 / per_paper))
        big_folder = work / f"vcorpus-{n100k}"
        make_corpus(n100k, big_folder)
        big_val, big_triples = validation_time([str(big_folder)])
    finally:
        shutil.rmtree(work, ignore_errors=True)

    lines.append("# graf benchmark results")
    lines.append("")
    lines.append(f"Run {dt.datetime.now().strftime('%Y-%m-%d %H:%M')} with `bench/run.py --sizes {args.sizes}`.")
    lines.append(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
                 f"{platform.platform()}.")
    mem = Path("/proc/meminfo").read_text().splitlines()[0] if Path("/proc/meminfo").exists() else ""
    lines.append(f"Memory: {mem.split(':')[-1].strip()}.")
    lines.append("")
    lines.append("## Build throughput (seeds replicated, dates and names varied)")
    lines.append("")
    lines.append("Each build runs in a fresh process; the tokenizer baseline (`spacy.blank(\"sv\")` "
                 "tokenising the same texts, one core) in another, right before. Ratio = graf MB/s / "
                 "tokenizer MB/s. Workers: pipeline processes (`--workers`; graf's default on this "
                 f"machine is {min(2, os.cpu_count() or 1)} for 8 papers or more); store and file writes "
                 "run on a thread of the main process besides. CPU s/MB: CPU time of all processes and "
                 "threads per MB of text.")
    lines.append("")
    lines.append(f"Each build ran {args.build_repeats} time(s), each right after a tokenizer run of its own "
                 "(this machine's speed drifts by 10-25 % within minutes); the ratio is the median of the "
                 "builds' ratios to their tokenizer runs (all of them in the next column), seconds and CPU "
                 "the medians, the tokenizer MB/s the median of the size's tokenizer runs.")
    lines.append("")
    lines.append("| papers | MB text | tokenizer MB/s | how | workers | seconds | graf MB/s | ratio | ratios of the runs | s per MB | CPU s/MB | peak RSS MB |")
    lines.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for n, by_mode in builds.items():
        tok = by_mode["tokenizer"]
        for mode in MODES:
            for workers in WORKERS:
                b = by_mode[(mode, workers)]
                lines.append(f"| {n} | {b['bytes'] / 1e6:.1f} | {tok['bytes'] / tok['seconds'] / 1e6:.2f} | "
                             f"{MODE_TITLES[mode]} | {workers} | {b['seconds']:.1f} | {b['mb_s']:.3f} | "
                             f"{b['ratio']:.3f} | {', '.join(f'{x:.3f}' for x in b['ratios'])} | "
                             f"{b['s_per_mb']:.2f} | {b['cpu_s_per_mb']:.2f} | "
                             f"{b['max_rss_mb']:.0f} |")
    lines.append("")
    drift = {}
    for key in ((m, w) for m in MODES for w in WORKERS):
        first, last = builds[sizes[0]][key], builds[sizes[-1]][key]
        drift[key] = (last["s_per_mb"] - first["s_per_mb"]) / first["s_per_mb"] * 100
    lines.append(f"Time per MB from {sizes[0]} to {sizes[-1]} papers: "
                 + ", ".join(f"{MODE_TITLES[m]} {w} worker(s) {drift[(m, w)]:+.1f} %" for m, w in drift) + ".")
    drift_late = {}
    if len(sizes) > 2:
        for key in drift:
            second, last = builds[sizes[1]][key], builds[sizes[-1]][key]
            drift_late[key] = (last["s_per_mb"] - second["s_per_mb"]) / second["s_per_mb"] * 100
        lines.append(f"From {sizes[1]} to {sizes[-1]} papers: "
                     + ", ".join(f"{MODE_TITLES[m]} {w} worker(s) {drift_late[(m, w)]:+.1f} %"
                                 for m, w in drift_late) + ". (The smallest corpus carries fixed costs "
                     "— starting worker processes, the first papers through cold caches — over few MB.)")
    lines.append(f"Start-up before the first paper (imports, pipeline construction; not in the seconds "
                 f"above): {statistics.median(b['startup'] for n in sizes for k, b in builds[n].items() if k != 'tokenizer'):.2f} s.")
    last = builds[sizes[-1]][('store', 1)]
    lines.append(f"Triples in the store's union at {sizes[-1]} papers: {last['triples']:,} "
                 f"({last['triples'] / (last['bytes'] / 1000):.1f} per KB of text; target <= 35).")
    lines.append("")
    mid = 100 if 100 in sizes else sizes[-1]
    lines.append(f"## Workers ({mid} papers)")
    lines.append("")
    for mode in MODES:
        one, two = builds[mid][(mode, 1)], builds[mid][(mode, 2)]
        lines.append(f"- {MODE_TITLES[mode]}: 1 worker {one['seconds']:.1f} s, 2 workers {two['seconds']:.1f} s "
                     f"(speed-up {one['seconds'] / two['seconds']:.2f}x; peak RSS parent {two['max_rss_mb']:.0f} MB, "
                     f"largest worker {two['children_max_rss_mb']:.0f} MB).")
    lines.append("")
    lines.append(f"## Query latency ({args.repeats} runs each; p50 / p95 ms)")
    lines.append("")
    lines.append("`graf query --store` end to end (engine on the on-disk store + conversion of the rows), "
                 "the engine alone on the on-disk store (RocksDB), and the engine alone on an in-memory "
                 "copy of the same triples. Rows: result rows at the largest size.")
    lines.append("")
    names = sorted(next(iter(latency.values()))[1])
    for mode, title in (("e2e", "end to end, on-disk store"), ("disk", "engine, on-disk store"),
                        ("memory", "engine, in-memory store")):
        lines.append(f"### {title}")
        lines.append("")
        lines.append("| query | " + " | ".join(f"{latency[t][0]:,} triples" for t in latency) + " | rows |")
        lines.append("| --- |" + " --- |" * (len(latency) + 1))
        for q in names:
            cells = [f"{latency[t][1][q][mode][0]:.1f} / {latency[t][1][q][mode][1]:.1f}" for t in latency]
            lines.append(f"| {q} | " + " | ".join(cells) + f" | {latency[max(latency)][1][q]['rows']} |")
        lines.append("")
    lines.append("")
    lines.append("## SHACL validation")
    lines.append("")
    lines.append(f"Seed graph ({seed_triples:,} triples): {seed_val:.2f} s. "
                 f"Replicated graph ({big_triples:,} triples): {big_val:.2f} s.")
    lines.append("")
    lines.append("## Targets (from this run)")
    lines.append("")
    big = max(latency)
    worst = max(latency[big][1].items(), key=lambda kv: kv[1]["e2e"][0])
    over = sorted(q for q, r in latency[big][1].items() if r["e2e"][0] >= 50)
    ratios = {key: min(builds[n][key]["ratio"] for n in sizes) for key in drift}
    rss = max(b["max_rss_mb"] for n in sizes for k, b in builds[n].items() if k != "tokenizer")
    default_workers = min(2, os.cpu_count() or 1)
    contract = ratios[("out", default_workers)]
    per_kb = last["triples"] / (last["bytes"] / 1000)
    rows = [
        (f"build throughput >= 0.5x tokenizer-only (lowest over the sizes): the contract's `graf build "
         f"--out` with the default {default_workers} workers; others for reference",
         f"{contract:.3f}; " + ", ".join(f"{MODE_TITLES[m]} {w}w {ratios[(m, w)]:.3f}" for m, w in ratios
                                         if (m, w) != ("out", default_workers)),
         contract >= 0.5),
        (f"time per MB flat (+-20 %) from {sizes[0]} to {sizes[-1]} papers",
         ", ".join(f"{m} {w}w {d:+.1f} %" for (m, w), d in drift.items())
         + (f" (from {sizes[1]}: " + ", ".join(f"{m} {w}w {d:+.1f} %" for (m, w), d in drift_late.items()) + ")"
            if drift_late else ""),
         all(abs(d) <= 20 for d in drift.values())),
        (f"`graf build --store` >= 0.5x tokenizer-only (lowest over the sizes): the command as run, with the "
         f"default {default_workers} workers; 1 worker (stages in the main process) for reference",
         f"{ratios[('store', default_workers)]:.3f} (runs: "
         + "; ".join(", ".join(f"{x:.3f}" for x in builds[n][("store", default_workers)]["ratios"]) for n in sizes)
         + "); " + ", ".join(f"{w}w {ratios[('store', w)]:.3f}" for w in WORKERS if w != default_workers),
         ratios[("store", default_workers)] >= 0.5),
        (f"<= 35 triples per KB of text (store union at {sizes[-1]} papers)", f"{per_kb:.1f}", per_kb <= 35),
        (f"peak memory < 1 GB at {sizes[-1]} papers", f"{rss:.0f} MB", rss < 1024),
        (f"every contract query p50 < 50 ms at {latency[big][0]:,} triples (end to end, on disk)",
         f"slowest {worst[0]} {worst[1]['e2e'][0]:.1f} ms" + (f"; over: {', '.join(over)}" if over else ""), not over),
        ("seed-graph validation < 2 s", f"{seed_val:.2f} s", seed_val < 2),
    ]
    lines.append("| target | measured | met |")
    lines.append("| --- | --- | --- |")
    for target, measured, met in rows:
        lines.append(f"| {target} | {measured} | {'yes' if met else 'no'} |")
    lines.append("")
    lines.append("History and analysis (written by hand): bench/NOTES.md.")
    from scaleout import kept_sections  # bench/scaleout.py's blocks of the same file stay

    out = Path(args.out)
    old = out.read_text(encoding="utf-8") if out.exists() else ""
    kept = kept_sections(old) + _other_sections(old, lines)
    out.write_text("\n".join(lines) + "\n" + ("\n" + kept if kept else ""), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
