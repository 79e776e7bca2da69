"""`graf build --executor dask`: the same graph as the local build, a content-addressed cache
that spares unchanged papers, the bulk-load folder of `graf export --shards`, and one clear line when the scheduler is not there.

The papers are the repository's invented examples and variants of them made here (another
meeting date and chair), so the tests need nothing from ../shared.
"""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

import pytest

from graf.graph import DEFAULT_BASE

distributed = pytest.importorskip("distributed", reason="Dask distributed is not installed (pip install 'graf[dask]')")

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
PROTOKOLL = EXAMPLES / "protokoll-fritidsnamnden-2025-05-13.md"


def _papers(folder: Path) -> Path:
    """The examples plus two variants of the example minutes: four papers of three shapes."""
    folder.mkdir(parents=True, exist_ok=True)
    for paper in EXAMPLES.iterdir():
        shutil.copy(paper, folder / paper.name)
    text = PROTOKOLL.read_text(encoding="utf-8")
    for day, chair in ((14, "Vera Lundgren"), (20, "Anton Falk")):
        variant = text.replace("13 maj 2025", f"{day} maj 2025").replace("Karin Lindqvist", chair)
        assert variant != text
        (folder / f"protokoll-fritidsnamnden-2025-05-{day}.md").write_text(variant, encoding="utf-8")
    return folder


def _sorted_lines(path: Path) -> list[bytes]:
    return sorted(path.read_bytes().splitlines())


@pytest.fixture(scope="module")
def scheduler():
    """One 2-worker LocalCluster for the tests that name a scheduler (starting one costs
    seconds: each worker process imports graf and builds its spaCy pipeline)."""
    import logging

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=logging.ERROR) as cluster:
        yield cluster.scheduler_address


def test_a_local_cluster_build_equals_the_local_build_line_for_line(tmp_path, graf_cli):
    papers = _papers(tmp_path / "papers")
    (papers / "tom.txt").write_text("  \n", encoding="utf-8")  # unreadable: skipped by both
    local = graf_cli("build", str(papers), "--out", str(tmp_path / "local.nq"))
    assert local.returncode == 0, local.stderr
    dask = graf_cli("build", str(papers), "--executor", "dask", "--workers", "2", "--out", str(tmp_path / "dask.nq"),
                    "--cache", str(tmp_path / "cache"), "--shards", str(tmp_path / "shards"))
    assert dask.returncode == 0, dask.stderr
    assert "cache: 4 computed, 0 from the cache" in dask.stderr
    assert "tom.txt: empty file" in local.stderr and "tom.txt: empty file" in dask.stderr
    expected = _sorted_lines(tmp_path / "local.nq")
    assert len(expected) > 1000
    assert _sorted_lines(tmp_path / "dask.nq") == expected
    # the bulk-load folder is the one `graf export --shards` writes from the same build
    exported = graf_cli("export", str(tmp_path / "local.nq"), "--shards", str(tmp_path / "exported"))
    assert exported.returncode == 0, exported.stderr
    _assert_same_shard_folders(tmp_path / "shards", tmp_path / "exported")
    assert len(list((tmp_path / "shards" / "papers").glob("*.nq"))) == 4


def test_after_one_paper_changes_exactly_one_task_recomputes(tmp_path, graf_cli, scheduler):
    papers = _papers(tmp_path / "papers")
    cache = tmp_path / "cache"
    args = ("build", str(papers), "--executor", "dask", "--scheduler", scheduler, "--cache", str(cache))
    first = graf_cli(*args, "--out", str(tmp_path / "first.nq"))
    assert first.returncode == 0, first.stderr
    assert "cache: 4 computed, 0 from the cache" in first.stderr
    entries = {p: p.stat().st_mtime_ns for p in cache.rglob("*.nq")}
    assert len(entries) == 4

    changed = papers / "protokoll-fritidsnamnden-2025-05-20.md"
    changed.write_text(changed.read_text(encoding="utf-8").replace("Anton Falk", "Greta Holm"), encoding="utf-8")
    second = graf_cli(*args, "--out", str(tmp_path / "second.nq"))
    assert second.returncode == 0, second.stderr
    assert "cache: 1 computed, 3 from the cache" in second.stderr
    after = {p: p.stat().st_mtime_ns for p in cache.rglob("*.nq")}
    assert len(after) == 5  # the changed paper's new entry beside the old ones
    assert all(after[p] == mtime for p, mtime in entries.items()), "an unchanged paper's graph was rewritten"
    # and the result is what a fresh local build of the changed papers gives
    local = graf_cli("build", str(papers), "--out", str(tmp_path / "local.nq"))
    assert local.returncode == 0, local.stderr
    assert _sorted_lines(tmp_path / "second.nq") == _sorted_lines(tmp_path / "local.nq")
    assert b"Greta Holm" in (tmp_path / "second.nq").read_bytes()


def test_an_unreachable_scheduler_is_one_clear_line(tmp_path, graf_cli):
    with socket.socket() as s:  # a port nobody listens on: bound, never listening
        s.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{s.getsockname()[1]}"
        result = graf_cli("build", str(PROTOKOLL), "--executor", "dask", "--scheduler", address,
                          "--out", str(tmp_path / "x.nq"))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"graf: error: cannot reach the Dask scheduler at {address}: ")
    assert "Traceback" not in result.stderr and not (tmp_path / "x.nq").exists()


def test_a_scheduler_address_that_is_no_address_is_a_usage_error(tmp_path, graf_cli):
    result = graf_cli("build", str(PROTOKOLL), "--executor", "dask", "--scheduler", "tcp://nohost",
                      "--out", str(tmp_path / "x.nq"))
    assert result.returncode == 2
    assert result.stderr.strip() == "graf: error: --scheduler takes tcp://HOST:PORT, got 'tcp://nohost'"


def test_dask_options_without_the_dask_executor_are_refused(tmp_path, graf_cli):
    result = graf_cli("build", str(PROTOKOLL), "--shards", str(tmp_path / "s"), "--out", str(tmp_path / "x.nq"))
    assert result.returncode == 2
    assert "--executor dask" in result.stderr


# ---------------------------------------------------------------- the task and the cache, without Dask


@pytest.mark.parametrize("where", ["folder", "object store"])
def test_a_task_computes_once_and_then_reads_the_cache(tmp_path, where):
    from graf.build_dask import CACHED, COMPUTED, PaperCache, cache_key, paper_task
    from graf.pipeline import builder_fingerprint, raw_sha256

    # fsspec's in-memory file system stands in for an object store (it is this process's only)
    location = str(tmp_path) if where == "folder" else f"memory://graf-test/{tmp_path.name}"
    cache = PaperCache(location)

    builder = builder_fingerprint()
    raw = raw_sha256(str(PROTOKOLL))
    assert raw is not None
    key = cache_key(raw, builder, DEFAULT_BASE, str(PROTOKOLL))
    assert key.startswith(f"{raw}-{builder}-")
    first = paper_task(str(PROTOKOLL), key, DEFAULT_BASE, location, builder)
    assert first.status == COMPUTED and first.n_triples > 100
    assert len(cache.read_graph(key).splitlines()) == first.n_triples
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]
    again = paper_task(str(PROTOKOLL), key, DEFAULT_BASE, location, builder)
    assert again.status == CACHED and again.text_sha256 == first.text_sha256
    assert again.n_triples == first.n_triples
    # an entry without its .json (a task stopped between the two writes) is not an entry
    meta = cache.paths(key)[2]
    if cache.fs is not None:
        cache.fs.rm_file(meta)
    else:
        Path(meta).unlink()
    assert cache.get(key) is None
    assert paper_task(str(PROTOKOLL), key, DEFAULT_BASE, location, builder).status == COMPUTED


def test_the_key_follows_what_the_graph_states_besides_the_bytes():
    from graf.build_dask import cache_key

    raw, builder = "a" * 64, "b" * 16
    key = cache_key(raw, builder, DEFAULT_BASE, "/x/paper.md")
    assert cache_key(raw, builder, DEFAULT_BASE, "/y/paper.md") == key  # the folder is not in the graph
    assert cache_key(raw, builder, DEFAULT_BASE, "/x/other.md") != key  # the file name is
    assert cache_key(raw, builder, "https://example.org/id/", "/x/paper.md") != key
    assert cache_key(raw, "c" * 16, DEFAULT_BASE, "/x/paper.md") != key
    # and it is the same in another process (a key must not depend on anything of this one)
    import subprocess
    import sys

    code = f"from graf.build_dask import cache_key; print(cache_key({raw!r}, {builder!r}, {DEFAULT_BASE!r}, '/x/paper.md'))"
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert other.stdout.strip() == key


def test_a_worker_with_other_graf_code_refuses_the_task(tmp_path):
    from graf.build_dask import cache_key, paper_task

    key = cache_key("a" * 64, "0" * 16, DEFAULT_BASE, str(PROTOKOLL))
    entry = paper_task(str(PROTOKOLL), key, DEFAULT_BASE, str(tmp_path), "0" * 16)
    assert not entry.ok and "another graf" in entry.status
    assert not list(tmp_path.rglob("*.nq"))


def _assert_same_shard_folders(ours: Path, theirs: Path) -> None:
    """Byte for byte the same files, but for the folder's own path in the load scripts."""
    names = sorted(str(p.relative_to(ours)) for p in ours.rglob("*") if p.is_file())
    assert names == sorted(str(p.relative_to(theirs)) for p in theirs.rglob("*") if p.is_file())
    assert {"union.nq", "manifest.nq", "load.sh", "load.sql"} <= set(names)
    for name in names:
        data = (ours / name).read_bytes().replace(str(ours.resolve()).encode(), b"DIR")
        assert data == (theirs / name).read_bytes().replace(str(theirs.resolve()).encode(), b"DIR"), name


def test_shards_from_the_cache_are_what_export_writes_from_the_build(tmp_path, graf_cli):
    """Without Dask: the cache filled by the task function, then the folder written from it,
    against `graf build --out` + `graf export --shards` over the same papers -- among them a
    paper whose file name another paper also has (a key told apart by its text) and a copy of
    a paper under another name (the same text: one named graph in the --out file)."""
    from graf.build_dask import PaperCache, cache_key, paper_task
    from graf.pipeline import builder_fingerprint, raw_sha256
    from graf.shards import shards_from_cache

    papers = _papers(tmp_path / "papers")
    other = tmp_path / "other"
    other.mkdir()
    (other / PROTOKOLL.name).write_text(PROTOKOLL.read_text(encoding="utf-8").replace("13 maj 2025", "27 maj 2025"),
                                        encoding="utf-8")
    shutil.copy(papers / "protokoll-fritidsnamnden-2025-05-14.md", other / "kopia.md")
    files = sorted(str(p) for p in papers.iterdir()) + sorted(str(p) for p in other.iterdir())
    cache = PaperCache(tmp_path / "cache")
    builder = builder_fingerprint()
    entries = []
    for paper in files:
        key = cache_key(raw_sha256(paper) or "", builder, DEFAULT_BASE, paper)
        entry = paper_task(paper, key, DEFAULT_BASE, cache.location, builder)
        assert entry.ok
        entries.append(entry)
    report = shards_from_cache(cache, entries + entries[:1], tmp_path / "from-cache", DEFAULT_BASE)  # a repeat counts once
    assert (report.written, report.unchanged, report.removed) == (5, 0, 0)  # 6 files, two of one text

    built = graf_cli("build", str(papers), str(other), "--out", str(tmp_path / "all.nq"))
    assert built.returncode == 0, built.stderr
    exported = graf_cli("export", str(tmp_path / "all.nq"), "--shards", str(tmp_path / "exported"))
    assert exported.returncode == 0, exported.stderr
    _assert_same_shard_folders(tmp_path / "from-cache", tmp_path / "exported")
    manifest = (tmp_path / "from-cache" / "manifest.nq").read_text(encoding="utf-8")
    assert f'"file:{PROTOKOLL.name}#' in manifest  # the shared name, told apart by the text
    union = (tmp_path / "from-cache" / "union.nq").read_bytes().splitlines()
    assert len(union) == len(set(union)) == report.union_triples

    # written again from the cache without one paper: its shard goes, the rest stay as they are
    again = shards_from_cache(cache, entries[1:], tmp_path / "from-cache", DEFAULT_BASE)
    assert (again.written, again.unchanged, again.removed) == (0, 4, 1)


def test_a_dask_build_into_a_store_gives_the_local_store_and_search_index(tmp_path, graf_cli, scheduler):
    import sqlite3

    from graf.search import index_path

    papers = _papers(tmp_path / "papers")
    local = graf_cli("build", str(papers), "--store", str(tmp_path / "local"))
    assert local.returncode == 0, local.stderr
    dask = graf_cli("build", str(papers), "--executor", "dask", "--scheduler", scheduler,
                    "--cache", str(tmp_path / "cache"), "--store", str(tmp_path / "dask"))
    assert dask.returncode == 0, dask.stderr
    assert "store: 4 added" in dask.stderr
    for kind in ("local", "dask"):
        exported = graf_cli("export", "--store", str(tmp_path / kind), "--out-dir", str(tmp_path / f"{kind}-dump"))
        assert exported.returncode == 0, exported.stderr
    assert _sorted_lines(tmp_path / "dask-dump" / "graf.nq") == _sorted_lines(tmp_path / "local-dump" / "graf.nq")

    def entries(store: str) -> list[tuple]:
        with sqlite3.connect(index_path(tmp_path / store)) as db:
            return sorted(db.execute("SELECT iri, kind, title, text, paper_iri, meeting_iri, committee, "
                                     "committee_iri, municipality, date, genre FROM entries"))

    expected = entries("local")
    assert len(expected) > 4  # the papers and their items
    assert entries("dask") == expected
    # unchanged papers: nothing to run, so no task and no cluster contact
    again = graf_cli("build", str(papers), "--executor", "dask", "--scheduler", scheduler,
                     "--cache", str(tmp_path / "cache"), "--store", str(tmp_path / "dask"))
    assert again.returncode == 0, again.stderr
    assert "4 unchanged" in again.stderr and "cache: 0 computed, 0 from the cache" in again.stderr


class _FakeFuture:
    def __init__(self, client: _FakeClient, key: str, result) -> None:
        self.client, self.key, self._result = client, key, result

    def result(self):
        return self._result

    def release(self) -> None:
        self.client.live.discard(self.key)


class _FakeClient:
    """Runs each task at once, in this process, and records how many were held at a time."""

    def __init__(self, threads: int) -> None:
        self.threads = threads
        self.live: set[str] = set()
        self.most = 0
        self.submitted: list[str] = []

    def nthreads(self) -> dict[str, int]:
        return {"worker": self.threads}

    def submit(self, fn, *args, key: str, **_kwargs) -> _FakeFuture:
        self.submitted.append(key)
        self.live.add(key)
        self.most = max(self.most, len(self.live))
        return _FakeFuture(self, key, fn(*args))


def test_tasks_in_flight_stay_within_the_window_and_results_keep_the_input_order(tmp_path, monkeypatch):
    import graf.build_dask as build_dask

    papers = _papers(tmp_path / "papers")
    files = sorted(str(p) for p in papers.iterdir())
    copy = tmp_path / "copy"  # the same paper under the same name in another folder: one task
    copy.mkdir()
    shutil.copy(files[0], copy / Path(files[0]).name)
    files = [*files, str(copy / Path(files[0]).name)]
    monkeypatch.setattr(build_dask, "MIN_WINDOW", 2)
    client = _FakeClient(threads=0)  # a window of MIN_WINDOW
    cache = build_dask.PaperCache(tmp_path / "cache")
    results = list(build_dask.iter_build_dask(files, DEFAULT_BASE, cache, client))
    assert [path for path, _, _ in results] == files
    assert all(built is not None for _, built, _ in results)
    assert client.most <= 2
    assert len(client.submitted) == len(set(client.submitted)) == 4  # the copy ran no task of its own
    assert results[-1][1].text_sha256 == results[0][1].text_sha256
    assert not client.live  # every future released once its last path was yielded
