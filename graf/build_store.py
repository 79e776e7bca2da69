"""A build run: papers streamed through the pipeline into a graph file and/or the embedded
store, incrementally when a store is the only target. `graf build` parses its arguments,
calls build_papers and prints what it returns; the work is here.

With a store and no output file the build is incremental: papers whose bytes are unchanged
since the last build (and that were built by the same graf code) are skipped, changed ones
replace their named graph, and papers that disappeared from the given folders are removed.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from graf.errors import InputError, UsageError
from graf.pipeline import builder_fingerprint, iter_build
from graf.settings import DEFAULT_STORE

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
    written: list[str] = field(default_factory=list)  # "FILE", "store DIR"
    # the papers behind counts["added"], ["updated"], ["removed"]: what `graf build` lists
    changed: dict[str, list[str]] = field(default_factory=lambda: {"added": [], "updated": [], "removed": []})
    store_path: str | None = None


class NothingBuilt(InputError):
    """No paper could be read; ``failures`` says why for each (the build wrote nothing)."""

    def __init__(self, inputs: Sequence[str], failures: list[tuple[str, str]]):
        super().__init__(", ".join(inputs), "no paper could be read")
        self.failures = failures


def raw_sha256(path: str) -> str | None:
    try:
        h = hashlib.sha256()
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
        return h.hexdigest()
    except OSError:
        return None


def _under(path: str, roots: list[Path]) -> bool:
    p = Path(path)
    return any(p == r or r in p.parents for r in roots)


def build_papers(inputs: Sequence[str], base: str, *, out: str | None = None, store_dir: str | None = None,
                 validate: bool = False, workers: int | None = None, progress: Progress | None = None,
                 on_nonconforming: Callable[[str, str], None] | None = None,
                 files: Sequence[str] | None = None) -> BuildSummary:
    """Build the papers under ``inputs`` into ``out`` (a graph file, by extension) and/or the
    store ``store_dir`` (the default store ./graf-store when neither is given). ``validate``
    checks each paper's graph with the SHACL shapes and calls ``on_nonconforming(path,
    report)`` for each that fails, as it comes. ``files`` is the list of papers when the caller
    has already listed ``inputs``. Raises NothingBuilt when no paper could be read."""
    from graf.sources import list_inputs

    if files is None:
        files = [str(Path(f).resolve()) for f in list_inputs(inputs)]
    files = list(files)
    if not files:
        raise InputError(", ".join(inputs), "no .txt .md .html .pdf files found")
    use_store = bool(store_dir) or not out
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
            index = SearchIndex(index_path(store.path or store_dir or DEFAULT_STORE))
        if out:
            from graf.export import PaperFileWriter

            file_sink = PaperFileWriter(out)
        manifest = store.manifest() if store is not None else {}
        builder = builder_fingerprint()
        todo = []
        for f in files:
            entry = manifest.get(f)
            if (file_sink is None and entry and entry.get("base") == base
                    and entry.get("builder") == builder
                    and entry.get("raw_sha256") == raw_sha256(f)
                    and (index is None or index.indexed(f, entry.get("text_sha256", ""), base))):
                counts["unchanged"] += 1
                if progress:
                    progress(counts["unchanged"], len(files), f, "unchanged")
                continue
            todo.append(f)
        if workers is None:
            workers = min(2, os.cpu_count() or 1) if len(todo) >= 8 else 1
        if workers < 1:
            raise UsageError("--workers must be at least 1")
        from graf.store import BackgroundWriter

        # a Turtle file alone: the workers render each paper's own triples as Turtle directly
        own_as_turtle = store is None and out is not None and Path(out).suffix.lower() == ".ttl"

        # Store and file writes run on background threads, overlapping the next papers' work.
        # papers go into the store 8 at a time (or fewer at the end): one bulk load and one
        # manifest commit per batch; an interrupted build loses at most the batch under way
        store_writer = (BackgroundWriter(store.put_paper, depth=8, write_batch=store.put_papers, min_batch=8)
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
        try:
            for path, processed, status in iter_build(todo, base, workers=workers, progress=progress,
                                                      own_as_turtle=own_as_turtle):
                if processed is None:
                    failures.append((path, status))
                    continue
                src = processed.source
                summary.n_triples += len(processed.triples)
                if validate:
                    from graf.validate import validate as shacl_validate

                    report = shacl_validate(processed.graph)
                    if not report.conforms:
                        summary.nonconforming.append(path)
                        if on_nonconforming:
                            on_nonconforming(path, report.text)
                if file_writer is not None:
                    file_writer.write(processed.triples, src.sha256)
                if store_writer is not None:
                    change = "updated" if path in manifest else "added"
                    counts[change] += 1
                    summary.changed[change].append(path)
                    if index is not None:
                        index.put_paper(path, processed.paper, base)
                    store_writer.write(path, src.raw_sha256, src.sha256, processed.triples, base, builder)
        except BaseException:
            for writer in (store_writer, file_writer):
                if writer is not None:
                    writer.close(abort=True)
            raise
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
