"""Write graphs to disk by extension (.ttl .jsonld .nt .nq .trig), atomically and
deterministically: the same triples always give the same bytes."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from rdflib import BNode, Dataset, Graph
from rdflib.compare import to_canonical_graph

from graf.errors import GrafError, UsageError
from graf.graph.build import bind_prefixes

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


def write_atomic(path: str | Path, data: "bytes | Callable[[BinaryIO], object]") -> None:
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
    from graf.errors import InputError
    from rdflib.util import guess_format

    p = Path(path)
    if not p.is_file():
        raise InputError(str(path), "no such file")
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
        from graf.graph.build import PREFIXES

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
