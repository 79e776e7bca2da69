"""The whole path for one paper and for a corpus: read -> parse -> recognise -> link -> build.

This module only sequences the stages; each stage lives in its own package.
"""

from __future__ import annotations

import gc
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING

from rdflib import Dataset, Graph, URIRef

from graf import settings
from graf.records import Linked, Paper, Source

if TYPE_CHECKING:
    from graf.graph.iri import PaperNTriples
    from graf.graph.triples import TripleSet


@dataclass
class Processed:
    source: Source
    paper: Paper
    linked: Linked
    triples: TripleSet | SerializedTriples
    base: str
    _graph: Graph | None = field(default=None, repr=False)

    @property
    def graph(self) -> Graph:
        """The paper's triples as an rdflib Graph, made on first use."""
        if self._graph is None:
            self._graph = self.triples.to_graph()
        return self._graph


@dataclass
class BuildResult:
    processed: list[Processed] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)

    def dataset(self, base: str) -> Dataset:
        """One named graph per paper (IRI from the paper's text checksum)."""
        ds = Dataset()
        for p in self.processed:
            g = ds.graph(paper_graph_iri(p.source, base))
            for triple in p.triples:
                g.add(triple)
        return ds

    def merged(self) -> Graph:
        from graf.graph.terms import bind_prefixes

        g = bind_prefixes(Graph(bind_namespaces="none"))
        for p in self.processed:
            for triple in p.triples:
                g.add(triple)
        return g


class SerializedTriples:
    """A paper's triples as N-Triples bytes: what a worker process sends back to the parent.

    Pickling thousands of rdflib terms and unpickling them in the parent cost more than the
    parent's whole share of the work (which is only writing the bytes to a store or file);
    bytes cross the process boundary almost for free. They come split into the paper's own
    triples and the others (see graf.graph.iri.split_own_lines), as the store and the file
    writer use them. The terms are parsed again only when something asks for them
    (validation, an in-memory graph)."""

    __slots__ = ("_parts", "_document", "_count", "_triples")

    def __init__(self, parts: PaperNTriples, document: str, count: int) -> None:
        self._parts = parts
        self._document = document
        self._count = count
        self._triples = None

    @classmethod
    def of(cls, triples: TripleSet, document: str, own_as_turtle: bool = False) -> SerializedTriples:
        return cls(triples.split_ntriples(document, own_as_turtle), document, len(triples))

    def to_ntriples(self) -> bytes:
        return self._parts.joined()

    def split_ntriples(self, document: str | None, own_as_turtle: bool = False) -> PaperNTriples:
        """As TripleSet.split_ntriples; what the worker made when it matches, else the
        N-Triples split (a Turtle-wanting caller accepts that too)."""
        if document == self._document and (own_as_turtle or not self._parts.own_is_turtle):
            return self._parts
        from graf.graph.iri import PaperNTriples, split_own_lines

        if document is None:
            return PaperNTriples(b"", self.to_ntriples(), [])
        return split_own_lines(self.to_ntriples(), document)

    def __len__(self) -> int:
        return self._count

    def _parsed(self) -> TripleSet:
        if self._triples is None:
            from graf.graph.triples import TripleSet

            g = Graph(bind_namespaces="none")
            g.parse(data=self.to_ntriples().decode("utf-8"), format="nt")
            triples = TripleSet()
            for t in g:
                triples.add(t)
            self._triples = triples
        return self._triples

    def __iter__(self):
        return iter(self._parsed())

    def __contains__(self, triple) -> bool:
        return triple in self._parsed()

    def to_graph(self) -> Graph:
        return self._parsed().to_graph()

    def __getstate__(self):
        return (self._parts, self._document, self._count)

    def __setstate__(self, state) -> None:
        self._parts, self._document, self._count = state
        self._triples = None


@dataclass(frozen=True)
class PaperGraph:
    """One built paper as the build's writers take it, whichever executor made it: the
    checksums of its file and text, its triples (from a worker process or a cache), and for
    the store's search index either the parsed paper or its entries (graf.search.Entry,
    made where the paper was parsed when it is not at hand here)."""

    raw_sha256: str
    text_sha256: str
    triples: TripleSet | SerializedTriples
    paper: Paper | None = None
    entries: tuple | None = None

    @classmethod
    def of(cls, processed: Processed) -> PaperGraph:
        return cls(processed.source.raw_sha256, processed.source.sha256, processed.triples, processed.paper)

    def search_entries(self, base: str) -> list:
        if self.entries is not None:
            return list(self.entries)
        from graf.search import paper_entries

        assert self.paper is not None
        return paper_entries(self.paper, base)

    @property
    def graph(self) -> Graph:
        return self.triples.to_graph()


def raw_sha256(path: str) -> str | None:
    """The SHA-256 of a file's bytes (None when it cannot be read): with the builder
    fingerprint below, what decides whether a paper must be built again."""
    import hashlib

    try:
        h = hashlib.sha256()
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
        return h.hexdigest()
    except OSError:
        return None


# What a paper's graph depends on besides its text: the code of the stages and their data.
_BUILDER_PARTS = ("records.py", "pipeline.py", "sources", "structure", "nlp", "link", "graph", "data")
_builder_fingerprint: str | None = None


def builder_fingerprint() -> str:
    """A checksum of the code and data that turn a paper into triples. An incremental build
    rebuilds a paper whose bytes are unchanged when this differs from the one it was built
    with, so a store never mixes graphs from an older graf with graphs from this one."""
    global _builder_fingerprint
    if _builder_fingerprint is None:
        import hashlib
        from pathlib import Path

        root = Path(__file__).resolve().parent
        digest = hashlib.sha256()
        for part in _BUILDER_PARTS:
            path = root / part
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix != ".pyc") \
                if path.is_dir() else [path]
            for f in files:
                digest.update(str(f.relative_to(root)).encode("utf-8") + b"\0")
                digest.update(f.read_bytes())
        _builder_fingerprint = digest.hexdigest()[:16]
    return _builder_fingerprint


def paper_graph_iri(source: Source, base: str) -> URIRef:
    from graf.graph.iri import Minter

    return URIRef(Minter(base).paper_graph(source.sha256))


def process_source(source: Source, base: str) -> Processed:
    return _run_stages(source, base)


def _run_stages(source: Source, base: str) -> Processed:
    from graf.graph.build import build_triples
    from graf.link import link
    from graf.nlp import recognise
    from graf.structure import parse

    paper = parse(source)
    recognised = recognise(paper)
    linked = link(paper, recognised)
    triples = build_triples(paper, linked, base)
    return Processed(source, paper, linked, triples, base)


# An invented paper touching every stage, run once per process before any paper's time budget.
_WARM_UP_TEXT = ("Protokoll 1/2000\nfört vid Provnämndens sammanträde den 3 januari 2000\n\n"
                 "Närvarande\nOrdförande Anna Prov (S)\n\n§ 1 Provärende\nPRN 2000/1\n\nBeslut\n\n"
                 "Nämnden beslutar enligt 6 kap. 34 § kommunallagen (2017:725).\n")
_warmed_up = False


def _warm_up(base: str) -> None:
    """Load what the stages load on first use (the spaCy pipeline, word lists, statute and
    citation tables: seconds on a busy machine) outside any paper's time budget, so the budget
    measures a paper's own work: the first paper of each worker was skipped as too slow."""
    global _warmed_up
    if _warmed_up:
        return
    _warmed_up = True
    from graf.sources import source_from_text

    try:
        _run_stages(source_from_text(_WARM_UP_TEXT), base)
    except Exception:  # a stage that fails here fails again on the paper, where it is reported
        pass


class FileTookTooLong(Exception):
    """Raised inside a paper's processing when its time budget is spent."""


@contextmanager
def _time_budget(seconds: float):
    """Stop one paper's processing after ``seconds`` (a SIGALRM timer: works in the main thread
    of the build or of a worker process; elsewhere, and with 0, no budget applies)."""
    import signal

    if seconds <= 0 or threading.current_thread() is not threading.main_thread() \
            or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum, frame):
        raise FileTookTooLong

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _process_path(args: tuple[str, str]) -> tuple[str, Processed | None, str]:
    """Read and process one file; never raises (a failure comes back as its reason)."""
    from graf.errors import GrafError
    from graf.sources import read_file

    path, base = args
    if settings.file_seconds() > 0:
        _warm_up(base)
    try:
        with _time_budget(settings.file_seconds()):
            return path, process_source(read_file(path), base), "ok"
    except FileTookTooLong:
        return path, None, (f"took longer than {settings.file_seconds():g} s to process (set "
                            f"{settings.FILE_SECONDS.name} to allow more)")
    except GrafError as exc:
        return path, None, getattr(exc, "reason", str(exc))
    except RecursionError:
        return path, None, "too deeply nested to process"
    except Exception as exc:  # a bug in a stage must not lose the other papers
        if settings.debug():
            raise
        return path, None, f"internal error while processing ({type(exc).__name__}: {exc})"


def _process_path_serialized(args: tuple[str, str, bool]) -> tuple[str, Processed | None, str]:
    """_process_path for a worker process: the triples travel back as N-Triples bytes (the
    paper's own part as Turtle when the build writes a Turtle file)."""
    path, base, own_as_turtle = args
    path, processed, status = _process_path((path, base))
    if processed is not None:
        processed.triples = SerializedTriples.of(processed.triples, _document_iri(processed), own_as_turtle)
        processed._graph = None
    return path, processed, status


def _paper_graph_in_worker(args: tuple[str, str, bool, bool]) -> tuple[str, PaperGraph | None, str]:
    """_process_path for a build run's worker process: only what the build's writers take
    travels back (PaperGraph: checksums, the triples as N-Triples bytes, the search entries
    when ``with_entries``), not the parsed paper and its linked records, whose pickling and
    unpickling cost the parent more than its store's search index."""
    path, base, own_as_turtle, with_entries = args
    path, processed, status = _process_path((path, base))
    if processed is None:
        return path, None, status
    entries = None
    if with_entries:
        from graf.search import paper_entries

        entries = tuple(paper_entries(processed.paper, base))
    made = processed.triples
    assert not isinstance(made, SerializedTriples)  # as the stages made it, in this process
    triples = SerializedTriples.of(made, _document_iri(processed), own_as_turtle)
    return path, PaperGraph(processed.source.raw_sha256, processed.source.sha256, triples, entries=entries), status


def _document_iri(processed: Processed) -> str:
    from graf.graph.iri import Minter

    return Minter(processed.base).document(processed.source.sha256)


@contextmanager
def _gc_for_batch():
    """Python's cyclic garbage collector runs after every 700 new container objects; a paper
    makes hundreds of thousands (tokens, terms, records), almost none of them in cycles, so
    the collector re-walked the same live objects over and over (~10 % of a build). Objects
    alive before the build are frozen out of its walks and it runs less often while the
    build lasts."""
    old = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)
    try:
        yield
    finally:
        gc.set_threshold(*old)
        gc.unfreeze()


def iter_build(files: Iterable[str], base: str, workers: int = 1,
               progress: Callable[[int, int, str, str], None] | None = None,
               own_as_turtle: bool = False) -> Iterator[tuple[str, Processed | None, str]]:
    """Process the given files in order, one at a time, so a large corpus never has to be held
    in memory. Yields (path, Processed or None, status). ``workers`` > 1 processes papers in
    that many worker processes (results still come back in input order; with
    ``own_as_turtle`` the workers render each paper's own triples as Turtle, for a Turtle
    file)."""
    jobs = [(str(f), base) for f in files]
    return _stream(jobs, _process_path, _process_path_serialized, (own_as_turtle,), workers, progress)


def iter_paper_graphs(files: Iterable[str], base: str, workers: int = 1,
                      progress: Callable[[int, int, str, str], None] | None = None,
                      own_as_turtle: bool = False, search_entries: bool = False
                      ) -> Iterator[tuple[str, PaperGraph | None, str]]:
    """iter_build for a build run (graf.build_store): yields (path, PaperGraph or None,
    status), each PaperGraph with the paper's search entries when ``search_entries`` (made
    in the worker process that parsed the paper)."""
    jobs = [(str(f), base) for f in files]

    def in_process(job: tuple[str, str]) -> tuple[str, PaperGraph | None, str]:
        path, processed, status = _process_path(job)
        return path, PaperGraph.of(processed) if processed is not None else None, status

    return _stream(jobs, in_process, _paper_graph_in_worker, (own_as_turtle, search_entries), workers, progress)


def _stream(jobs: list[tuple[str, str]], in_process: Callable, in_worker: Callable, extra: tuple,
            workers: int, progress: Callable[[int, int, str, str], None] | None) -> Iterator[tuple]:
    """Run ``in_process(job)`` for each job in this process, or ``in_worker((*job, *extra))``
    in ``workers`` worker processes; yield the results in the jobs' order."""
    with _gc_for_batch():
        if workers > 1 and len(jobs) > 1:
            import multiprocessing as mp

            ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
            with ctx.Pool(workers) as pool:
                # A window of papers in flight, not Pool.imap: imap keeps every finished result
                # until the caller takes it, so workers that outrun the store writer would pile
                # up a whole corpus in this process's memory.
                todo = iter(jobs)
                window = deque(pool.apply_async(in_worker, ((*job, *extra),)) for job in islice(todo, 2 * workers))
                i = 0
                while window:
                    item = window.popleft().get()
                    job = next(todo, None)
                    if job is not None:
                        window.append(pool.apply_async(in_worker, ((*job, *extra),)))
                    i += 1
                    if progress:
                        progress(i, len(jobs), item[0], item[2])
                    yield item
            return
        for i, job in enumerate(jobs, 1):
            item = in_process(job)
            if progress:
                progress(i, len(jobs), item[0], item[2])
            yield item


def build(paths: Iterable[str], base: str, workers: int = 1,
          progress: Callable[[int, int, str, str], None] | None = None) -> BuildResult:
    """Process every paper under ``paths`` and keep the results (for small corpora, tests and
    eval; the command line streams with iter_build instead)."""
    from graf.sources import list_inputs

    result = BuildResult()
    for path, processed, status in iter_build(list_inputs(paths), base, workers, progress):
        if processed is None:
            result.failures.append((path, status))
        else:
            result.processed.append(processed)
    return result

