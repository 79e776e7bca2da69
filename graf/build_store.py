"""A build run: papers streamed through the pipeline into a graph file and/or the embedded
store, incrementally when a store is the only target. `graf build` parses its arguments,
calls build_papers and prints what it returns; the work is here.

With a store and no output file the build is incremental: papers whose bytes are unchanged
since the last build (and that were built by the same graf code) are skipped, changed ones
replace their named graph, and papers that disappeared from the given folders are removed.

The papers go through the local process pool (graf.pipeline.iter_paper_graphs) or, with
``executor="dask"``, through Dask distributed (graf.build_dask): there each paper's graph is
first written to a content-addressed cache, which also feeds the bulk-load folder of
`graf export --shards` (paper shards, the deduplicated union graph, a load script).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from graf.errors import InputError, UsageError
from graf.pipeline import builder_fingerprint, iter_paper_graphs, raw_sha256
from graf.settings import DEFAULT_BUILD_CACHE, DEFAULT_STORE

EXECUTORS = ("local", "dask")
# papers per store bulk load and manifest commit, and per search-index commit: an interrupted
# build loses at most one batch (its papers are built again next time), and each commit's
# fixed costs (a sorted table file per index, fsyncs, later compaction) are shared by this many
# papers. Measured on 100 papers (store writes alone, CPU): 8 -> 3.2 s, 16 -> 2.8 s, 32 -> 2.5 s.
STORE_BATCH = 32

Progress = Callable[[int, int, str, str], None]


@dataclass
class BuildSummary:
    files: int = 0  # input papers found
    built: int = 0  # papers processed in this run
    n_triples: int = 0
    counts: dict[str, int] = field(default_factory=lambda: {"added": 0, "updated": 0, "unchanged": 0,
                                                             "removed": 0})
    failures: list[tuple[str, str]] = field(default_factory=list)  # (path, reason), skipped papers
    nonconforming: list[str] = field(default_factory=list)  # papers whose graph fails validation
    written: list[str] = field(default_factory=list)  # "FILE", "store DIR", "N paper shard(s) … in DIR"
    # the papers behind counts["added"], ["updated"], ["removed"]: what `graf build` lists
    changed: dict[str, list[str]] = field(default_factory=lambda: {"added": [], "updated": [], "removed": []})
    store_path: str | None = None
    # the Dask executor: papers its tasks processed and papers whose graph was in the cache
    cache: dict[str, int] | None = None


class NothingBuilt(InputError):
    """No paper could be read; ``failures`` says why for each (the build wrote nothing)."""

    def __init__(self, inputs: Sequence[str], failures: list[tuple[str, str]]):
        super().__init__(", ".join(inputs), "no paper could be read")
        self.failures = failures


def _under(path: str, roots: list[Path]) -> bool:
    p = Path(path)
    return any(p == r or r in p.parents for r in roots)


def build_papers(inputs: Sequence[str], base: str, *, out: str | None = None, store_dir: str | None = None,
                 validate: bool = False, workers: int | None = None, progress: Progress | None = None,
                 on_nonconforming: Callable[[str, str], None] | None = None,
                 files: Sequence[str] | None = None, executor: str = "local", scheduler: str | None = None,
                 cache_dir: str | None = None, shards_dir: str | None = None) -> BuildSummary:
    """Build the papers under ``inputs`` into ``out`` (a graph file, by extension) and/or the
    store ``store_dir`` (the default store ./graf-store when neither is given). ``validate``
    checks each paper's graph with the SHACL shapes and calls ``on_nonconforming(path,
    report)`` for each that fails, as it comes. ``files`` is the list of papers when the caller
    has already listed ``inputs``. ``executor`` "dask" runs the papers on the Dask scheduler at
    ``scheduler`` (a LocalCluster of ``workers`` processes when None) through the cache
    ``cache_dir`` (./graf-cache by default), and can also write the graphs as the bulk-load
    folder of `graf export --shards` (paper shards, union graph, load script) in
    ``shards_dir``. Raises NothingBuilt when no paper could be read."""
    from graf.sources import list_inputs

    if files is None:
        files = [str(Path(f).resolve()) for f in list_inputs(inputs)]
    files = list(files)
    if not files:
        raise InputError(", ".join(inputs), "no .txt .md .html .pdf files found")
    if executor not in EXECUTORS:
        raise UsageError(f"--executor takes one of {', '.join(EXECUTORS)}, got {executor!r}")
    dask = executor == "dask"
    if not dask and (scheduler or shards_dir or cache_dir):
        raise UsageError("--scheduler, --cache and --shards go with --executor dask")
    if scheduler and workers is not None:
        raise UsageError("--workers sizes the LocalCluster that --executor dask starts without --scheduler; "
                         "a scheduler's cluster has the workers it has")
    use_store = bool(store_dir) or not (out or shards_dir)
    summary = BuildSummary(files=len(files))
    counts, failures = summary.counts, summary.failures
    store = file_sink = index = None
    try:
        if use_store:
            from graf.search import SearchIndex, index_path
            from graf.store import Store

            store = Store(store_dir or DEFAULT_STORE)
            store.drop_orphans()
            # the full-text index lives beside the store and follows it paper by paper
            # committed with the store's batches, not per paper (a commit waits for fsyncs)
            index = SearchIndex(index_path(store.path or store_dir or DEFAULT_STORE), commit_every=STORE_BATCH)
        if out:
            from graf.export import PaperFileWriter

            file_sink = PaperFileWriter(out)
        manifest = store.manifest() if store is not None else {}
        builder = builder_fingerprint()
        todo = []
        for f in files:
            entry = manifest.get(f)
            # a file or shards hold every paper: only a store alone skips the unchanged ones
            # (for Dask their graphs then come from the cache, not from a new run)
            if (file_sink is None and not shards_dir and entry and entry.get("base") == base
                    and entry.get("builder") == builder
                    and entry.get("raw_sha256") == raw_sha256(f)
                    and (index is None or index.indexed(f, entry.get("text_sha256", ""), base))):
                counts["unchanged"] += 1
                if progress:
                    progress(counts["unchanged"], len(files), f, "unchanged")
                continue
            todo.append(f)
        if workers is None:
            workers = 2 if dask else min(2, os.cpu_count() or 1) if len(todo) >= 8 else 1
        if workers < 1:
            raise UsageError("--workers must be at least 1")
        from graf.store import BackgroundWriter

        # a Turtle file alone: the workers render each paper's own triples as Turtle directly
        own_as_turtle = store is None and out is not None and Path(out).suffix.lower() == ".ttl"

        # Store and file writes run on background threads, overlapping the next papers' work.
        # papers go into the store STORE_BATCH at a time (or fewer at the end): one bulk load and
        # one manifest commit per batch; an interrupted build loses at most the batch under way
        store_writer = (BackgroundWriter(store.put_paper, depth=STORE_BATCH, write_batch=store.put_papers,
                                         min_batch=STORE_BATCH)
                        if store is not None else None)
        file_writer = None
        if file_sink is not None:
            from graf.graph.iri import Minter

            minter = Minter(base)
            sink = file_sink

            def write_to_file(triples, text_sha256: str) -> None:
                sink.add_paper(triples.split_ntriples(minter.document(text_sha256), own_as_turtle),
                               minter.paper_graph(text_sha256))

            file_writer = BackgroundWriter(write_to_file)
        session = paper_cache = None
        shard_entries: list = []  # the Dask tasks' cache entries, for --shards
        try:
            if dask:
                from graf.build_dask import CACHED, DaskSession, PaperCache, iter_build_dask

                paper_cache = PaperCache(cache_dir or DEFAULT_BUILD_CACHE)
                paper_cache.check_writable()
                # every paper unchanged in the store: no cluster to start
                session = DaskSession(scheduler, workers) if todo else None
                cache = summary.cache = {"computed": 0, "cached": 0}

                def count(path: str, entry) -> None:
                    if entry.ok:
                        cache["cached" if entry.status == CACHED else "computed"] += 1
                        shard_entries.append(entry)

                results = iter_build_dask(todo, base, paper_cache, session.client if session else None,
                                          progress=progress, on_entry=count,
                                          read_graphs=bool(validate or file_writer or store_writer),
                                          search_entries=index is not None)
            else:
                results = iter_paper_graphs(todo, base, workers=workers, progress=progress,
                                            own_as_turtle=own_as_turtle, search_entries=index is not None)
            for path, built, status in results:
                if built is None:
                    if status not in ("computed", "cached"):  # the graph stays in the cache
                        failures.append((path, status))
                    continue
                summary.n_triples += len(built.triples)
                if validate:
                    from graf.validate import validate as shacl_validate

                    report = shacl_validate(built.graph)
                    if not report.conforms:
                        summary.nonconforming.append(path)
                        if on_nonconforming:
                            on_nonconforming(path, report.text)
                if file_writer is not None:
                    file_writer.write(built.triples, built.text_sha256)
                if store_writer is not None:
                    change = "updated" if path in manifest else "added"
                    counts[change] += 1
                    summary.changed[change].append(path)
                    if index is not None:
                        index.put(path, built.text_sha256, base, built.search_entries(base))
                    store_writer.write(path, built.raw_sha256, built.text_sha256, built.triples, base, builder)
        except BaseException:
            for writer in (store_writer, file_writer):
                if writer is not None:
                    writer.close(abort=True)
            raise
        finally:
            if session is not None:
                session.close()
        for writer in (store_writer, file_writer):
            if writer is not None:
                writer.close()
        if store is not None:
            roots = [Path(r).resolve() for r in inputs]
            current = set(files)
            for path in list(store.manifest()):
                # a paper whose file is gone is removed even when its folder was moved (the
                # given roots no longer cover its old path)
                if path not in current and (_under(path, roots) or not os.path.lexists(path)):
                    store.drop_paper(path)
                    if index is not None:
                        index.remove(path)
                    counts["removed"] += 1
                    summary.changed["removed"].append(path)
        summary.built = len(todo) - len(failures)
        if summary.built == 0 and counts["unchanged"] == 0:
            raise NothingBuilt(inputs, failures)
        if shards_dir:
            from graf.shards import shards_from_cache

            assert paper_cache is not None  # --shards goes with --executor dask
            shards = shards_from_cache(paper_cache, shard_entries, shards_dir, base)
            summary.written.append(f"{shards.written + shards.unchanged} paper shard(s) and the union graph "
                                   f"<{shards.union_graph}> with load.sh in {shards_dir}")
        if file_sink is not None:
            file_sink.commit()
            file_sink = None
            summary.written.append(str(out))
        if store is not None:
            summary.store_path = str(store.path)
            summary.written.append(f"store {store.path}")
    finally:
        if store is not None:
            store.close()
        if index is not None:
            index.close()
        if file_sink is not None:
            file_sink.abort()  # an error or Ctrl-C before the commit: the old file stays
    return summary
