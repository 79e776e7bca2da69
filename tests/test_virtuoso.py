"""graf push into a private Virtuoso (Debian's virtuoso-opensource) answers every query in
queries/ with the same multiset of rows as the embedded store, before and after one paper is
replaced and one removed; and the bulk-load shards (graf export --shards) load the same data.

Skips with the reason when the package is not installed (.ci/run installs it)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from virtuoso_server import BINARY, ISQL, PASSWORD, USER, VirtuosoServer

from graf.remote import RemoteError, query_endpoint

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(BINARY is None or ISQL is None,
                                reason="virtuoso-opensource is not installed (apt-get install virtuoso-opensource)")

# Papers in the suite: each is one of the repository's invented examples with its dates moved,
# so persons and committees recur across papers (the union must stay a set). Measured on the
# 2-core CI machine: this module took ~55 s with 24 papers (then two Virtuoso starts, two builds,
# 3 x 13 queries); 200 papers would cost ~40 s of building and ~4.5 min of pushing
# (bench/scaleout_virtuoso.py), far over the 30 s the suite can spare, so 200 live in the bench.
N_PAPERS = 24


MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
          "oktober", "november", "december")


def _vary(text: str, i: int) -> str:
    """The text with every date, ISO or written ("10 juni 2025"), moved i weeks on."""
    step = dt.timedelta(days=7 * i)

    def iso(m: re.Match) -> str:
        try:
            return (dt.date.fromisoformat(m.group(0)) + step).isoformat()
        except ValueError:
            return m.group(0)

    def written(m: re.Match) -> str:
        try:
            d = dt.date(int(m.group(3)), MONTHS.index(m.group(2)) + 1, int(m.group(1))) + step
        except ValueError:
            return m.group(0)
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"

    text = re.sub(r"\b\d{4}-\d{2}-\d{2}\b", iso, text)
    return re.sub(r"\b(\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})\b", written, text)


def make_papers(folder: Path, n: int) -> list[Path]:
    examples = sorted(p for p in (ROOT / "examples").iterdir() if p.suffix in (".md", ".html", ".txt"))
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        src = examples[i % len(examples)]
        path = folder / f"{i:03d}-{src.name}"
        path.write_text(_vary(src.read_text(encoding="utf-8"), i), encoding="utf-8")
        out.append(path)
    return out


@pytest.fixture(scope="module")
def virtuoso_server(tmp_path_factory):
    """One private Virtuoso for the module (a start costs about 2 s of CPU and 3 of waiting)."""
    folder = tmp_path_factory.mktemp("virtuoso")
    shards = folder / "shards"  # the bulk loader reads only folders named at the start
    shards.mkdir()
    with VirtuosoServer(folder / "db", dirs_allowed=[shards]) as server:
        server.shards_root = shards
        server.fresh_graphs = _graph_sizes(server)  # Virtuoso's own system graphs
        yield server


def _graph_sizes(server: VirtuosoServer) -> Counter:
    _, rows = query_endpoint(server.query_url, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    return Counter({str(g): int(n) for g, n in rows})


@pytest.fixture()
def virtuoso(virtuoso_server, tmp_path):
    """The module's store as it started, for each test: the bulk loader only adds, so what the
    test before left -- every graph it made and the loader's list of files -- is deleted first,
    and the graphs are checked against those of the fresh store."""
    added = sorted(set(_graph_sizes(virtuoso_server)) - set(virtuoso_server.fresh_graphs))
    virtuoso_server.isql(*(f"SPARQL CLEAR GRAPH <{g}>" for g in added), "DELETE FROM DB.DBA.LOAD_LIST")
    assert _graph_sizes(virtuoso_server) == virtuoso_server.fresh_graphs, "the store is not as it started"
    virtuoso_server.shards = virtuoso_server.shards_root / tmp_path.name
    yield virtuoso_server


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    from graf.cli import main

    folder = tmp_path_factory.mktemp("papers")
    papers = make_papers(folder / "in", N_PAPERS)
    nq = folder / "all.nq"
    assert main(["build", str(folder / "in"), "--out", str(nq), "-q"]) == 0
    return folder, papers, nq


def _rows(rows) -> Counter:
    return Counter(tuple(None if t is None else (type(t).__name__, str(t)) for t in row) for row in rows)


def _assert_same_answers(nq: Path, url: str, union: str) -> None:
    from graf.resources import query_names, read_query
    from graf.store import Store, run_query

    names = query_names()
    assert len(names) >= 10
    local = Store()  # in memory, loaded once: the embedded store's answers
    local.load_file(nq)
    for name in names:
        text = read_query(name)
        local_vars, local_rows = run_query(text, local)
        try:
            remote_vars, remote_rows = query_endpoint(url, text, timeout=120, default_graph=union)
        except RemoteError as exc:
            pytest.fail(f"{name}: {exc}")
        assert remote_vars == local_vars, name
        assert _rows(remote_rows) == _rows(local_rows), name


@pytest.fixture()
def login(monkeypatch):
    monkeypatch.setenv("GRAF_ENDPOINT_USER", USER)
    monkeypatch.setenv("GRAF_ENDPOINT_PASSWORD", PASSWORD)


def test_push_then_every_query_matches_the_embedded_store_before_and_after_a_replace(
        virtuoso, corpus, graf_cli, login, tmp_path):
    folder, papers, nq = corpus
    res = graf_cli("push", "--data", str(nq), "--endpoint", virtuoso.update_url)
    assert res.returncode == 0, res.stderr
    m = re.search(r"default-graph-uri=(\S+)\)", res.stderr)
    assert m, res.stderr
    union = m.group(1)
    _assert_same_answers(nq, virtuoso.query_url, union)

    # one paper corrected (an item's title reworded), one paper gone
    changed = folder / "changed"
    shutil.copytree(folder / "in", changed)
    first = changed / papers[0].name
    text = first.read_text(encoding="utf-8")
    first.write_text(re.sub(r"(Remiss|Budget|Anmälan)", r"Rättad \1", text, count=1), encoding="utf-8")
    (changed / papers[-1].name).unlink()
    nq2 = tmp_path / "changed.nq"
    res = graf_cli("build", str(changed), "--out", str(nq2), "-q")
    assert res.returncode == 0, res.stderr
    res = graf_cli("push", "--data", str(nq2), "--endpoint", virtuoso.update_url)
    assert res.returncode == 0, res.stderr
    assert "1 changed, 1 removed" in res.stderr, res.stderr
    _assert_same_answers(nq2, virtuoso.query_url, union)
    # one graph per paper at the store, named by the source, not one more
    _, rows = query_endpoint(virtuoso.query_url, "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                             "FILTER(STRSTARTS(STR(?g), 'https://w3id.org/graf/id/graph/paper/')) }")
    assert int(rows[0][0]) == N_PAPERS - 1


def test_shards_bulk_load_answers_like_the_embedded_store(virtuoso, corpus, graf_cli):
    folder, _, nq = corpus
    out = virtuoso.shards
    res = graf_cli("export", str(nq), "--shards", str(out))
    assert res.returncode == 0, res.stderr
    script = (out / "load.sql").read_text(encoding="utf-8")
    assert "ld_dir" in script and "rdf_loader_run()" in script
    virtuoso.isql_script(script)
    union = re.search(r"union graph: (\S+)", script).group(1)
    _assert_same_answers(nq, virtuoso.query_url, union)
