"""graf scale-out measurements (not part of the test suite), one section per question:

    .venv/bin/python bench/scaleout.py [--sections dask] [--papers 1000] [--rounds 2]

Sections (run the ones named by --sections; dask by default, as virtuoso needs Debian's
virtuoso-opensource):
- dask: `graf build --executor dask` (a LocalCluster of 2 worker processes) against the local
  process pool (2 workers) on the same papers, same machine, back to back and alternating, each
  build a fresh `graf` process as a user runs it; then the Dask build again on a warm cache (every
  paper's graph already there: the executor's own overhead). The outputs are compared line for
  line (sorted).
- virtuoso: bench/scaleout_virtuoso.py (Virtuoso's bulk-load rate, bytes per quad, the equality
  of every query with the embedded store, the time to replace one paper), which writes its own
  block.

Each section writes its numbers, with the machine description, into its own block of
bench/RESULTS.md (between `<!-- scaleout:NAME -->` markers, replaced on each run; bench/run.py
keeps these blocks when it rewrites the file). To add a section, write a function that returns
its Markdown lines and register it in SECTIONS.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "RESULTS.md"
GRAF = [sys.executable, "-m", "graf.cli"]
sys.path.insert(0, str(Path(__file__).resolve().parent))

# this script's blocks, and bench/scaleout_virtuoso.py's (begin/end markers)
_BLOCK = re.compile(r"<!-- scaleout:(?P<name>[\w-]+) -->\n.*?<!-- /scaleout:(?P=name) -->\n"
                    r"|<!-- scaleout-(?P<other>[\w-]+):begin -->\n.*?<!-- scaleout-(?P=other):end -->\n", re.S)


def kept_sections(text: str) -> str:
    """The scale-out blocks of a RESULTS.md text, for a writer of the rest of the file to keep."""
    return "".join(m.group(0) for m in _BLOCK.finditer(text))


def write_section(name: str, lines: list[str], path: Path = RESULTS) -> None:
    """Put ``lines`` into the block ``name`` of ``path``, replacing the block's earlier text."""
    block = f"<!-- scaleout:{name} -->\n" + "\n".join(lines) + f"\n<!-- /scaleout:{name} -->\n"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    pattern = re.compile(rf"<!-- scaleout:{re.escape(name)} -->\n.*?<!-- /scaleout:{re.escape(name)} -->\n", re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _: block, text)
    else:
        text = text.rstrip("\n") + "\n\n" + block if text else block
    path.write_text(text, encoding="utf-8")


def machine() -> str:
    try:
        meminfo = Path("/proc/meminfo").read_text(encoding="utf-8").splitlines()
        mem = next(line.split(":", 1)[1].strip() for line in meminfo if line.startswith("MemTotal"))
    except (OSError, StopIteration):
        mem = "?"
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"{platform.platform()}; memory {mem}; load average at the end {load} (other work shares the "
            "cores: compare the rows of one run, not runs).")


def _graf(*args: str, cwd: Path) -> float:
    """Run ``graf ARGS`` in a fresh process; its wall time in seconds."""
    t = time.perf_counter()
    done = subprocess.run([*GRAF, *args], cwd=cwd, capture_output=True, text=True)
    seconds = time.perf_counter() - t
    if done.returncode != 0:
        raise SystemExit(f"graf {' '.join(args)} failed ({done.returncode}):\n{done.stderr}")
    return seconds


def section_dask(work: Path, papers: int, rounds: int) -> list[str]:
    from run import SEEDS, make_corpus

    if not SEEDS.is_dir():
        raise SystemExit("../shared/seeds not present: the benchmark replicates the real papers")
    corpus, single = work / "corpus", work / "one"
    n_bytes = make_corpus(papers, corpus)
    make_corpus(1, single)
    mb = n_bytes / 1e6
    times: dict[str, list[float]] = {"local": [], "dask": [], "dask-warm": []}
    startup: dict[str, list[float]] = {"local": [], "dask": []}
    dask = ("--executor", "dask", "--workers", "2")
    for r in range(rounds):
        # alternate, so a slow phase of the machine (other processes) falls on both
        times["local"].append(_graf("build", str(corpus), "--workers", "2", "--out", f"local-{r}.nq", "-q", cwd=work))
        cache = work / f"cache-{r}"
        times["dask"].append(_graf("build", str(corpus), *dask, "--cache", str(cache), "--out", f"dask-{r}.nq", "-q",
                                   cwd=work))
        times["dask-warm"].append(_graf("build", str(corpus), *dask, "--cache", str(cache), "--out", f"warm-{r}.nq",
                                        "-q", cwd=work))
        # one paper: what a build costs before its papers (imports, pool or cluster start, the
        # workers' first pipeline), to tell the steady state from the start-up
        startup["local"].append(_graf("build", str(single), "--workers", "2", "--out", "one.nq", "-q", cwd=work))
        startup["dask"].append(_graf("build", str(single), *dask, "--cache", str(work / f"cache-one-{r}"),
                                     "--out", "one.nq", "-q", cwd=work))
        print(f"round {r + 1}: " + ", ".join(f"{k} {v[-1]:.1f} s" for k, v in {**times, **{
            f"{k} (1 paper)": v for k, v in startup.items()}}.items()), file=sys.stderr)

    def lines_of(name: str) -> list[bytes]:
        return sorted((work / name).read_bytes().splitlines())

    reference = lines_of("local-0.nq")
    equal = all(lines_of(f"{kind}-{r}.nq") == reference for kind in ("local", "dask", "warm") for r in range(rounds))
    titles = {"local": "`graf build --workers 2 --out x.nq` (local process pool)",
              "dask": "`graf build --executor dask --workers 2 --out x.nq`, empty cache (LocalCluster)",
              "dask-warm": "the same, every graph already in the cache"}
    out = ["## Dask executor vs the local process pool", "",
           f"Run {time.strftime('%Y-%m-%d %H:%M')} with `bench/scaleout.py --sections dask --papers {papers} "
           f"--rounds {rounds}`.", machine(), "",
           f"{papers} papers ({mb:.1f} MB of text: the seeds replicated with dates and names varied, as in "
           "bench/run.py), each build a fresh `graf` process, wall time from start to exit (so including "
           "imports, and for Dask the LocalCluster's start and each worker's first spaCy pipeline), "
           f"{rounds} round(s) alternating the executors; median.", "",
           "| how | seconds (median) | all rounds | papers/s | MB/s |", "| --- | --- | --- | --- | --- |"]
    for kind, ts in times.items():
        med = statistics.median(ts)
        out.append(f"| {titles[kind]} | {med:.1f} | {', '.join(f'{t:.1f}' for t in ts)} | "
                   f"{papers / med:.1f} | {mb / med:.2f} |")
    ratio = statistics.median(times["local"]) / statistics.median(times["dask"])
    out += ["", f"Dask / local throughput, end to end: {ratio:.2f}x. Outputs line-for-line equal (sorted): "
            f"{'yes' if equal else 'NO'}.", ""]
    steady = {}
    for kind in ("local", "dask"):
        first = statistics.median(startup[kind])
        steady[kind] = (papers - 1) / max(statistics.median(times[kind]) - first, 1e-9)
        out.append(f"- {kind}: a 1-paper build takes {first:.1f} s (median of {', '.join(f'{t:.1f}' for t in startup[kind])}); "
                   f"past it, {steady[kind]:.1f} papers/s ({steady[kind] * mb / papers:.2f} MB/s).")
    out += [f"- Steady-state Dask / local: {steady['dask'] / steady['local']:.2f}x.", ""]
    return out


def section_virtuoso(work: Path, papers: int, rounds: int, out: Path) -> None:
    subprocess.run([sys.executable, str(ROOT / "bench" / "scaleout_virtuoso.py"), "--papers", str(papers),
                    "--out", str(out)], check=True)


# a section returns its lines for its block of RESULTS.md, or None when it wrote its block itself
SECTIONS: dict[str, Callable[[Path, int, int, Path], list[str] | None]] = {
    "dask": lambda work, papers, rounds, _out: section_dask(work, papers, rounds),
    "virtuoso": section_virtuoso,
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sections", default="dask", help=f"comma-separated, of: {', '.join(SECTIONS)}")
    ap.add_argument("--papers", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--out", default=str(RESULTS), help="the results file whose blocks are rewritten")
    args = ap.parse_args()
    names = [s.strip() for s in args.sections.split(",") if s.strip()]
    unknown = [n for n in names if n not in SECTIONS]
    if unknown:
        raise SystemExit(f"unknown section(s) {', '.join(unknown)}; known: {', '.join(SECTIONS)}")
    for name in names:
        work = Path(tempfile.mkdtemp(prefix=f"graf-scaleout-{name}-"))
        try:
            lines = SECTIONS[name](work, args.papers, args.rounds, Path(args.out))
        finally:
            shutil.rmtree(work, ignore_errors=True)
        if lines is not None:
            write_section(name, lines, Path(args.out))
            print("\n".join(lines))


if __name__ == "__main__":
    main()
