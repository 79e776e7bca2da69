"""A build on Dask distributed: one task per paper, each writing the paper's complete named
graph as N-Quads into a content-addressed cache that every worker and the client can read.

`graf build --executor dask` (graf.build_store.build_papers) submits the papers here instead of
to the local process pool. A task's key is the SHA-256 of the paper's bytes plus the builder
fingerprint (graf.pipeline.builder_fingerprint), so a paper whose bytes and graf's code are
unchanged is never processed again, on any machine that sees the cache: its task finds the
graph already there. The client then reads the graphs back from the cache (into the store or
the --out file, as a local build would) and/or writes them as the bulk-load folder of `graf
export --shards` (graf.shards.shards_from_cache).

Cache layout: ``CACHE/KEY[:2]/KEY.nq``, ``KEY.search.json`` (the paper's entries for the
store's search index, graf.search.paper_entries, made on the worker that parsed the paper) and
``KEY.json`` (the text checksum, the triple count, and where the paper's own triples end --
they come first -- with their subjects, so that reading a graph back needs no second pass over
it). The .json is written last and is what makes an entry count as present. The
cache is a folder (a POSIX file system, NFS included), where each file is written under a
temporary name and renamed: a task killed half-way leaves no entry, and two workers computing
the same paper at once both rename a complete file over the same name. Or it is an object
store URL (s3://, gs://, az://, ... through fsspec and its backend for that store, e.g.
s3fs): there an object appears whole or not at all when its upload completes, which gives the
same guarantee without a rename (which object stores do not have).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from graf.errors import UsageError
from graf.pipeline import PaperGraph, SerializedTriples, builder_fingerprint, raw_sha256

Progress = Callable[[int, int, str, str], None]

COMPUTED = "computed"  # a task's status when it processed the paper
CACHED = "cached"  # ... when the paper's graph was already in the cache

# how long a build waits for the scheduler's first worker (a cluster may still be starting)
WAIT_FOR_WORKERS = 120.0
# tasks in flight: four per worker thread when the build starts, and at least this many (a
# cluster that is still scaling up gets work for the workers to come)
MIN_WINDOW = 256


@dataclass(frozen=True)
class CacheEntry:
    """What a task sends back: small, the graph itself stays in the cache. ``status`` is
    COMPUTED, CACHED or the reason the paper could not be built (``text_sha256`` None then).
    The graph's first ``own_bytes`` bytes are the paper's own triples (graf.graph.iri.
    split_own_lines), whose subjects are ``own_subjects``."""

    key: str
    status: str
    text_sha256: str | None = None
    n_triples: int = 0
    own_bytes: int = 0
    own_subjects: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.text_sha256 is not None


_search_code_digest: str | None = None


def _search_code() -> str:
    """A checksum of graf/search.py, which makes the cached search entries (the builder
    fingerprint covers what makes the graph, not the index)."""
    global _search_code_digest
    if _search_code_digest is None:
        import graf.search

        _search_code_digest = hashlib.sha256(Path(graf.search.__file__).read_bytes()).hexdigest()
    return _search_code_digest


def cache_key(raw_sha256: str, builder: str, base: str, path: str) -> str:
    """The paper's key: its bytes' SHA-256 and the builder fingerprint, then a short digest of
    what else the entry depends on -- the --base IRI prefix every IRI starts with, the file's
    base name (recorded as schema:name of the file; the media type also follows the
    extension) and the code of the search entries. Two copies of one file under the same name
    in different folders share a key."""
    context = f"{base}\0{os.path.basename(path)}\0{_search_code()}"
    return f"{raw_sha256}-{builder}-{hashlib.sha256(context.encode()).hexdigest()[:12]}"


def _is_url(location: str) -> bool:
    return "://" in location and not location.startswith("file://")


class PaperCache:
    """The content-addressed cache at ``location``: a folder, or an object store URL. What a
    task receives is the location string (small, picklable); each side opens it itself."""

    def __init__(self, location: str | Path) -> None:
        location = str(location)
        self.fs = None
        if _is_url(location):
            try:
                import fsspec

                self.fs, root = fsspec.core.url_to_fs(location)
            except (ImportError, ValueError) as exc:
                raise UsageError(f"--cache {location}: {exc}") from None
            self.root = root.rstrip("/")
            self.location = location
        else:
            path = Path(location.removeprefix("file://")).resolve()
            self.root = str(path)
            self.location = str(path)

    def paths(self, key: str) -> tuple[str, str, str]:
        """The entry's graph (.nq), search entries (.search.json) and record (.json)."""
        folder = f"{self.root}/{key[:2]}"
        return f"{folder}/{key}.nq", f"{folder}/{key}.search.json", f"{folder}/{key}.json"

    def get(self, key: str) -> CacheEntry | None:
        """The entry under ``key``, or None when there is none (or only a part of one)."""
        nq, search, meta = self.paths(key)
        try:
            info = json.loads(self._read(meta))
            if not (self._exists(nq) and self._exists(search)):
                return None
            return CacheEntry(key, CACHED, info["text_sha256"], int(info["n_triples"]), int(info["own_bytes"]),
                              tuple(info["own_subjects"]))
        except (OSError, ValueError, KeyError, TypeError):  # absent, or part of one, or an older layout
            return None

    def put(self, entry: CacheEntry, nquads: bytes, search_entries: list, builder: str) -> None:
        from dataclasses import asdict

        nq, search, meta = self.paths(entry.key)
        self._write(nq, nquads, durable=True)
        self._write(search, json.dumps([asdict(e) for e in search_entries], ensure_ascii=False).encode("utf-8"),
                    durable=True)
        info = {"text_sha256": entry.text_sha256, "n_triples": entry.n_triples, "own_bytes": entry.own_bytes,
                "own_subjects": list(entry.own_subjects), "builder": builder}
        # not synced: after a crash a record renamed but not yet on disk reads as empty or
        # unparseable, which counts as no entry (the paper is built again); the files it
        # points to were synced before the record was written
        self._write(meta, json.dumps(info).encode("utf-8"), durable=False)

    def read_graph(self, key: str) -> bytes:
        return self._read(self.paths(key)[0])

    def read_search_entries(self, key: str) -> tuple:
        from graf.search import Entry

        return tuple(Entry(**e) for e in json.loads(self._read(self.paths(key)[1])))

    def _read(self, path: str) -> bytes:
        if self.fs is not None:
            return self.fs.cat_file(path)
        return Path(path).read_bytes()

    def _exists(self, path: str) -> bool:
        return self.fs.exists(path) if self.fs is not None else Path(path).is_file()

    def _write(self, path: str, data: bytes, durable: bool) -> None:
        if self.fs is not None:
            self.fs.pipe_file(path, data)  # one object, visible once complete
        else:
            _write_atomic(Path(path), data, durable)

    def check_writable(self) -> None:
        """Fail in one line before any task runs when the cache cannot be written here."""
        try:
            if self.fs is not None:
                self.fs.makedirs(self.root, exist_ok=True)
            else:
                Path(self.root).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UsageError(f"--cache {self.location}: cannot write: {exc.strerror or exc}") from None


def _write_atomic(path: Path, data: bytes, durable: bool = True) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def paper_task(path: str, key: str, base: str, cache_location: str, builder: str) -> CacheEntry:
    """One paper, on a worker: its graph from the cache when present, else processed and
    written there. Never raises for a paper graf cannot read (the reason comes back instead)."""
    from graf.export import ntriples_to_nquads
    from graf.graph.iri import Minter
    from graf.pipeline import _gc_for_batch, _process_path
    from graf.search import paper_entries

    here = builder_fingerprint()
    if here != builder:
        # a worker with other graf code would file a different graph under the client's key
        return CacheEntry(key, f"the Dask worker runs another graf (builder {here}, the client's {builder})")
    cache = PaperCache(cache_location)
    cached = cache.get(key)
    if cached is not None:
        return cached
    with _gc_for_batch():  # the collector settings the local pool's workers run with
        _, processed, status = _process_path((path, base))
    if processed is None:
        return CacheEntry(key, status)
    mint = Minter(base)
    text_sha256 = processed.source.sha256
    parts = processed.triples.split_ntriples(mint.document(text_sha256))
    graph = mint.paper_graph(text_sha256)
    own = ntriples_to_nquads(parts.own_ntriples(), graph)
    entry = CacheEntry(key, COMPUTED, text_sha256, len(processed.triples), len(own), tuple(parts.own_subjects))
    cache.put(entry, own + ntriples_to_nquads(parts.others, graph), paper_entries(processed.paper, base), builder)
    return entry


def read_paper_graph(cache: PaperCache, entry: CacheEntry, raw_sha256: str, base: str,
                     with_search_entries: bool = False) -> PaperGraph:
    """A cached paper's graph as the build's writers take it (split into its own triples and
    the others, as the local pool sends them), with its search entries when asked."""
    from graf.export import nquads_to_ntriples
    from graf.graph.iri import Minter, PaperNTriples

    assert entry.text_sha256 is not None
    mint = Minter(base)
    graph, cut = mint.paper_graph(entry.text_sha256), entry.own_bytes
    nquads = cache.read_graph(entry.key)
    parts = PaperNTriples(nquads_to_ntriples(nquads[:cut], graph), nquads_to_ntriples(nquads[cut:], graph),
                          list(entry.own_subjects))
    triples = SerializedTriples(parts, mint.document(entry.text_sha256), entry.n_triples)
    entries = cache.read_search_entries(entry.key) if with_search_entries else None
    return PaperGraph(raw_sha256, entry.text_sha256, triples, entries=entries)


# ----------------------------------------------------------------------------- the client


def _probe(address: str) -> None:
    """Fail at once, in one line, when nothing listens at a tcp:// scheduler address (Dask
    itself retries a refused connection until its connect timeout, 30 s by default)."""
    import socket
    from urllib.parse import urlsplit

    parts = urlsplit(address if "://" in address else f"tcp://{address}")
    try:
        host, port = parts.hostname, parts.port
    except ValueError:
        host = port = None
    if not host or not port:
        raise UsageError(f"--scheduler takes tcp://HOST:PORT, got {address!r}")
    if parts.scheme != "tcp":
        return  # tls://, ws://, ...: Dask's own handshake tells
    try:
        socket.create_connection((host, port), timeout=10).close()
    except OSError as exc:
        reason = exc.strerror or str(exc) or type(exc).__name__
        raise UsageError(f"cannot reach the Dask scheduler at {address}: {reason}") from None


class DaskSession:
    """A Dask client on the scheduler at ``scheduler``, or on a LocalCluster of ``workers``
    worker processes started here (one thread each: the pipeline is CPU-bound Python, and
    processes, unlike threads, run side by side). Logs are quiet and the dashboard is off."""

    def __init__(self, scheduler: str | None = None, workers: int = 2) -> None:
        try:
            import distributed
        except ImportError:
            raise UsageError("--executor dask needs Dask distributed: pip install 'graf[dask]'") from None
        import logging

        self.cluster = None
        if scheduler:
            _probe(scheduler)
            try:
                self.client = distributed.Client(scheduler, timeout=30)
            except (OSError, ValueError, TypeError) as exc:
                raise UsageError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
            try:
                # without a worker the tasks would wait for ever
                self.client.wait_for_workers(1, timeout=WAIT_FOR_WORKERS)
            except TimeoutError:
                self.client.close()
                raise UsageError(f"the Dask scheduler at {scheduler} has had no worker for "
                                 f"{WAIT_FOR_WORKERS:.0f} s (start some: dask worker {scheduler})") from None
        else:
            if workers < 1:
                raise UsageError("--workers must be at least 1")
            self.cluster = distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                                    dashboard_address=None, silence_logs=logging.ERROR)
            self.client = distributed.Client(self.cluster)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    def __enter__(self) -> DaskSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def iter_build_dask(files: Sequence[str], base: str, cache: PaperCache, client,
                    progress: Progress | None = None,
                    on_entry: Callable[[str, CacheEntry], None] | None = None,
                    read_graphs: bool = True, search_entries: bool = False,
                    ) -> Iterator[tuple[str, PaperGraph | None, str]]:
    """Submit one task per paper to ``client`` and yield (path, PaperGraph or None, status) in
    the order of ``files`` (as graf.pipeline.iter_build does). ``on_entry(path, entry)`` sees
    each task's result; with ``read_graphs`` False the graphs are left in the cache (the
    PaperGraph is then None for built papers too, and the status COMPUTED or CACHED); with
    ``search_entries`` the PaperGraphs carry the papers' search entries (for a store)."""
    cache.check_writable()
    builder = builder_fingerprint()
    jobs: list[tuple[str, str | None, str | None]] = []  # (path, raw sha, key)
    for path in files:
        raw = raw_sha256(path)
        jobs.append((path, raw, cache_key(raw, builder, base, path) if raw else None))
    remaining: dict[str, int] = {}  # the paths still to yield per key: its future is released after the last
    for _, _, key in jobs:
        if key is not None:
            remaining[key] = remaining.get(key, 0) + 1
    # A window of tasks in flight, refilled as results are taken in input order: a finished
    # task's result waits on its worker until the client takes it, so submitting a whole corpus
    # to a cluster that outruns the client would pile the results up in the workers' memory.
    window = max(MIN_WINDOW, 4 * sum(client.nthreads().values())) if jobs else 0
    futures: dict = {}
    submitted = 0

    def top_up() -> None:
        nonlocal submitted
        while submitted < len(jobs) and len(futures) < window:
            path, _raw, key = jobs[submitted]
            submitted += 1
            if key is not None and key not in futures:
                # the key names the task: Dask runs a key once while a client holds it, so
                # two copies of one paper in the input are processed once
                futures[key] = client.submit(paper_task, path, key, base, cache.location, builder,
                                             key=f"graf-paper-{key}", pure=False, retries=1)

    for i, (path, raw, key) in enumerate(jobs, 1):
        top_up()
        if key is None or raw is None:
            item: tuple[str, PaperGraph | None, str] = (path, None, "cannot read")
        else:
            if key not in futures:  # the window is full of keys kept for later copies of a paper
                futures[key] = client.submit(paper_task, path, key, base, cache.location, builder,
                                             key=f"graf-paper-{key}", pure=False, retries=1)
            future = futures[key]
            try:
                entry = future.result()
            except Exception as exc:  # a worker died on it (KilledWorker) or the cache could not be written
                entry = CacheEntry(key, f"the Dask task failed: {type(exc).__name__}: {exc}")
            remaining[key] -= 1
            if remaining[key] == 0:
                future.release()
                del futures[key]
            if on_entry is not None:
                on_entry(path, entry)
            if not entry.ok:
                item = (path, None, entry.status)
            elif read_graphs:
                item = (path, read_paper_graph(cache, entry, raw, base, search_entries), entry.status)
            else:
                item = (path, None, entry.status)
        if progress:
            progress(i, len(jobs), path, item[2])
        yield item
