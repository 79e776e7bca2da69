"""Write graphs to disk by extension (.ttl .jsonld .nt .nq .trig), atomically and
deterministically: the same triples always give the same bytes."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from rdflib import BNode, Dataset, Graph
from rdflib.compare import to_canonical_graph

from graf.errors import GrafError, UsageError
from graf.graph.terms import bind_prefixes, turtle_prefix_lines

if TYPE_CHECKING:
    from graf.graph.iri import PaperNTriples

SUFFIXES = (".ttl", ".jsonld", ".nt", ".nq", ".trig")


def _is_dataset(graph) -> bool:
    return isinstance(graph, Dataset) or (hasattr(graph, "contexts") and type(graph) is not Graph)


def _canonical(graph: Graph) -> Graph:
    """A fresh graph with the triples inserted in sorted order (blank nodes relabelled
    canonically when present), so serialisers walk them in a fixed order."""
    if any(isinstance(t, BNode) for triple in graph for t in triple):
        graph = to_canonical_graph(graph)
    out = bind_prefixes(Graph(bind_namespaces="none"))
    for prefix, ns in graph.namespaces():
        if prefix not in dict(out.namespaces()):
            out.bind(prefix, ns)
    for triple in sorted(graph, key=lambda t: tuple(x.n3() for x in t)):
        out.add(triple)
    return out


def _named_graphs(graph) -> list[tuple[str | None, Graph]]:
    if not _is_dataset(graph):
        return [(None, graph)]
    out = []
    contexts = graph.graphs() if hasattr(graph, "graphs") else graph.contexts()
    for ctx in contexts:
        if len(ctx) == 0:
            continue
        ident = ctx.identifier
        name = None if str(ident).startswith("urn:x-rdflib:default") else str(ident)
        out.append((name, ctx))
    return sorted(out, key=lambda p: p[0] or "")


def _context() -> dict | None:
    try:
        from graf.resources import context_path

        return json.loads(context_path().read_text(encoding="utf-8")).get("@context")
    except (GrafError, OSError, ValueError):
        return None


def serialize(graph, fmt: str) -> bytes:
    """Serialise a Graph or Dataset in ``fmt`` (ttl, jsonld, nt, nq, trig) deterministically."""
    fmt = fmt.lstrip(".")
    if fmt in ("nt", "nq"):
        lines: list[str] = []
        for name, g in _named_graphs(graph):
            nt = _canonical(g).serialize(format="nt", encoding="utf-8").decode("utf-8")
            for line in nt.splitlines():
                if not line.strip():
                    continue
                if fmt == "nq" and name is not None:
                    line = f"{line[:-1].rstrip()} <{name}> ."
                lines.append(line)
        return ("\n".join(sorted(lines)) + ("\n" if lines else "")).encode("utf-8")
    if fmt == "ttl":
        union = Graph()
        for _, g in _named_graphs(graph):
            union += g
            for prefix, ns in g.namespaces():
                union.bind(prefix, ns)
        return _canonical(union).serialize(format="turtle", encoding="utf-8")
    if fmt == "trig":
        ds = Dataset()
        bind_prefixes(ds)
        for name, g in _named_graphs(graph):
            target = ds.graph(name) if name else ds.default_graph
            for triple in sorted(_canonical(g), key=lambda t: tuple(x.n3() for x in t)):
                target.add(triple)
        return ds.serialize(format="trig", encoding="utf-8")
    if fmt == "jsonld":
        union = Graph()
        for _, g in _named_graphs(graph):
            union += g
        text = _canonical(union).serialize(format="json-ld", context=_context(), auto_compact=True)
        doc = json.loads(text)
        if isinstance(doc, dict) and isinstance(doc.get("@graph"), list):
            doc["@graph"].sort(key=lambda n: json.dumps(n.get("@id", ""), ensure_ascii=False))
        elif isinstance(doc, list):
            doc.sort(key=lambda n: json.dumps(n.get("@id", ""), ensure_ascii=False))
        return (json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
    raise UsageError(f"unknown output format '{fmt}' (use {' '.join(SUFFIXES)})")


def write_atomic(path: str | Path, data: bytes | Callable[[BinaryIO], object]) -> None:
    """Write ``data`` to a temporary file beside ``path``, fsync it, then rename over ``path``.
    ``data`` is the bytes, or a function that writes them to the open binary file (to stream
    a large output instead of holding it in memory)."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise UsageError(f"{path}: cannot write: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            if callable(data):
                data(fh)
            else:
                fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp makes 0600 files; an output file gets the permissions a new file would get
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException as exc:  # also Ctrl-C: never leave a half-written temp file behind
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise UsageError(f"{path}: cannot write: {exc.strerror}") from None
        raise
    try:  # make the rename itself durable where the platform allows it
        dir_fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError:
        pass


def write_graph(graph, path: str | Path) -> Path:
    """Write a Graph or Dataset to ``path``; the format follows the extension."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in SUFFIXES:
        raise UsageError(f"{path}: unknown extension '{suffix}' (use {' '.join(SUFFIXES)})")
    write_atomic(p, serialize(graph, suffix))
    return p


def atomic_write_text(path: str | Path, text: str) -> None:
    write_atomic(path, text.encode("utf-8"))


def read_graph(path: str | Path) -> Graph:
    """Parse a graph file by its extension (.ttl .nt .nq .trig .jsonld …); named graphs of a
    dataset file are unioned. Unreadable input raises InputError."""
    from rdflib.util import guess_format

    from graf.errors import InputError

    p = Path(path)
    if not p.is_file():
        raise InputError(str(path), "no such file")
    from graf.rdf_input import refuse_hazards

    refuse_hazards(path)
    fmt = guess_format(str(p)) or ("json-ld" if p.suffix.lower() == ".jsonld" else "turtle")
    try:
        if fmt in ("nquads", "trig"):
            ds = Dataset()
            ds.parse(str(p), format=fmt)
            g = Graph()
            for s, pr, o, _ in ds.quads((None, None, None, None)):
                g.add((s, pr, o))
            return g
        return Graph().parse(str(p), format=fmt)
    except Exception as exc:  # rdflib raises parser-specific exception types
        raise InputError(str(path), f"not parseable as {fmt}: {exc}") from None


# ------------------------------------------------------------------ large graphs, streamed
#
# rdflib spends ~10 µs per triple adding to a graph and more serialising Turtle; a corpus build
# accumulates its papers in a pyoxigraph store instead (Rust, on disk for large corpora) and
# serialises from there. Output stays deterministic: small graphs are written in sorted order,
# large ones in the store's own index order, which depends only on the content.

SORT_LIMIT = 1_000_000  # triples; above this the store's deterministic order is used as is

_OX_FORMATS = {".ttl": "TURTLE", ".nt": "N_TRIPLES", ".nq": "N_QUADS", ".trig": "TRIG"}


def write_store(store, path: str | Path, prefixes: dict[str, str] | None = None) -> Path:
    """Write a pyoxigraph store to ``path`` by extension. .ttl/.nt/.jsonld write the default
    graph; .nq/.trig every named graph (one per paper)."""
    import pyoxigraph as ox

    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in SUFFIXES:
        raise UsageError(f"{path}: unknown extension '{suffix}' (use {' '.join(SUFFIXES)})")
    if prefixes is None:
        from graf.graph.terms import PREFIXES

        prefixes = {k: str(v) for k, v in PREFIXES.items()}
    if suffix == ".jsonld":
        data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        g = Graph().parse(data=data.decode("utf-8"), format="nt")
        bind_prefixes(g)
        write_atomic(p, serialize(g, "jsonld"))
        return p
    fmt = getattr(ox.RdfFormat, _OX_FORMATS[suffix])
    if suffix in (".nq", ".trig"):
        quads = store.quads_for_pattern(None, None, None, None)
        quads = [q for q in quads if not isinstance(q.graph_name, ox.DefaultGraph)]
        if len(quads) <= SORT_LIMIT:
            quads.sort(key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))
        items = quads
    else:
        # Oxigraph streams the default graph in its index order, which depends only on the
        # triples (terms are keyed by their hashes), not on the order they were loaded in:
        # the same papers give the same bytes, without sorting (or holding) them in Python.
        kwargs = {"prefixes": prefixes} if suffix == ".ttl" else {}
        write_atomic(p, lambda fh: store.dump(fh, format=fmt, from_graph=ox.DefaultGraph(), **kwargs))
        return p
    kwargs = {"prefixes": prefixes} if suffix in (".ttl", ".trig") else {}
    data = ox.serialize(items, format=fmt, **kwargs)
    write_atomic(p, data)
    return p


def ntriples_to_nquads(ntriples: bytes, graph: str) -> bytes:
    """N-Triples lines as N-Quads lines in the named graph ``graph`` (every line ends in " .\n";
    a newline inside a literal is escaped, so the replacement meets only line ends)."""
    return ntriples.replace(b" .\n", b" <" + graph.encode("utf-8") + b"> .\n")


def nquads_to_ntriples(nquads: bytes, graph: str) -> bytes:
    """The inverse of ntriples_to_nquads for lines that are all in ``graph``."""
    return nquads.replace(b" <" + graph.encode("utf-8") + b"> .\n", b" .\n")


class PaperFileWriter:
    """Writes a build's papers into one graph file as they come, each triple once.

    Turtle and N-Triples get the merge of the papers (a triple two papers state is written
    once; a paper's own triples -- see graf.graph.iri.split_own_lines -- cannot repeat, so
    only the others are remembered), N-Quads and TriG one named graph per paper. The file is
    written beside its target and renamed over it by ``commit`` (atomic); ``abort`` leaves the
    target as it was. The order is the papers' order, so the same papers give the same bytes.
    JSON-LD is framed from the whole graph and is made at ``commit`` from an on-disk store.
    """

    def __init__(self, path: str | Path, prefixes: dict[str, str] | None = None):
        import pyoxigraph as ox

        self.ox = ox
        self.path = Path(path)
        self.suffix = self.path.suffix.lower()
        if self.suffix not in SUFFIXES:
            raise UsageError(f"{path}: unknown extension '{self.suffix}' (use {' '.join(SUFFIXES)})")
        if prefixes is None:
            from graf.graph.terms import PREFIXES

            prefixes = {k: str(v) for k, v in PREFIXES.items()}
        self.prefixes = prefixes
        self._seen: set[bytes] = set()
        directory = self.path.parent if str(self.path.parent) else Path(".")
        try:
            directory.mkdir(parents=True, exist_ok=True)
            if self.suffix == ".jsonld":
                self._tmpdir = tempfile.mkdtemp(prefix=".graf-build-", dir=directory)
                self._store = ox.Store(self._tmpdir)
                self._fh = None
            else:
                fd, self._tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=directory)
                self._fh = os.fdopen(fd, "wb")
                if self.suffix in (".ttl", ".trig"):
                    self._fh.write(turtle_prefix_lines(prefixes))
        except OSError as exc:
            raise UsageError(f"{path}: cannot write: {exc.strerror}") from None

    def add_paper(self, parts: PaperNTriples, graph: str) -> None:
        """One paper's triples, split into its own and the others (TripleSet.split_ntriples);
        ``graph`` the IRI of its named graph (N-Quads, TriG)."""
        ox = self.ox
        if self.suffix in (".nq", ".trig"):
            ntriples = parts.joined()
            if self.suffix == ".nq":
                self._fh.write(ntriples_to_nquads(ntriples, graph))
                return
            quads = (ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(graph))
                     for t in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES))
            self._write_chunk(ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=self.prefixes))
            return
        seen = self._seen
        fresh = []
        for line in parts.others.splitlines(keepends=True):
            if line not in seen:
                seen.add(line)
                fresh.append(line)
        if parts.own_is_turtle and self.suffix == ".ttl":
            self._fh.write(parts.own)
            if fresh:
                self._write_chunk(ox.serialize(ox.parse(b"".join(fresh), format=ox.RdfFormat.N_TRIPLES),
                                               format=ox.RdfFormat.TURTLE, prefixes=self.prefixes))
            return
        data = parts.own_ntriples() + b"".join(fresh)
        if self.suffix == ".jsonld":
            self._store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph())
        elif self.suffix == ".nt":
            self._fh.write(data)
        else:
            self._write_chunk(ox.serialize(ox.parse(data, format=ox.RdfFormat.N_TRIPLES),
                                           format=ox.RdfFormat.TURTLE, prefixes=self.prefixes))

    def _write_chunk(self, chunk: bytes) -> None:
        # each chunk is a complete Turtle/TriG document starting with the prefix lines, which
        # the file already has at its top
        while chunk.startswith(b"@prefix "):
            chunk = chunk[chunk.index(b"\n") + 1:]
        self._fh.write(chunk)

    def commit(self) -> Path:
        if self.suffix == ".jsonld":
            self._store.flush()
            write_store(self._store, self.path, self.prefixes)
            self._cleanup()
            return self.path
        try:
            self._fh.flush()
            os.fsync(self._fh.fileno())
            self._fh.close()
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(self._tmp, 0o666 & ~umask)
            os.replace(self._tmp, self.path)
        except OSError as exc:
            self.abort()
            raise UsageError(f"{self.path}: cannot write: {exc.strerror}") from None
        return self.path

    def abort(self) -> None:
        self._cleanup()

    def _cleanup(self) -> None:
        if self._fh is not None:
            try:
                self._fh.close()
            except OSError:
                pass
            try:
                os.unlink(self._tmp)
            except OSError:
                pass
        if self.suffix == ".jsonld" and getattr(self, "_store", None) is not None:
            import shutil

            self._store = None
            shutil.rmtree(self._tmpdir, ignore_errors=True)
