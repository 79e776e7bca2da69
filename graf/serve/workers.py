"""Query workers: each is a separate process holding a read-only view of the store.

pyoxigraph cannot interrupt a running query, so a query that overruns its time limit is stopped
by killing the process that runs it; a fresh worker takes its place. Workers are new
interpreters (subprocess, no inherited threads or locks), so replacing one while the HTTP
server's threads are running is safe.

Everything that crosses the process boundary is plain data: an RDF term is a tuple
("uri", iri) | ("bnode", id) | ("literal", lexical, datatype, language) | ("triple", s, p, o).
This module imports nothing heavy at top level: the workers import it when they start.
"""

from __future__ import annotations

import os
import queue
import threading
import time
from dataclasses import dataclass
from typing import Any

from graf.settings import DEFAULT_SERVE_MEMORY_QUADS

Term = tuple

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
OA = "http://www.w3.org/ns/oa#"
GRAF = "https://w3id.org/graf/ns#"
PROV = "http://www.w3.org/ns/prov#"
LABEL_PREDICATES = (
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://xmlns.com/foaf/0.1/name",
    "http://purl.org/dc/terms/title",
    "http://data.europa.eu/eli/ontology#title",
    "http://purl.org/dc/terms/identifier",
    "http://www.w3.org/2004/02/skos/core#notation",
    "http://data.europa.eu/eli/ontology#id_local",
    GRAF + "nummer",
)


class WorkerFailure(Exception):
    """Raised in the server thread; ``status`` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


# ----------------------------------------------------------------------------- terms


def to_tuple(term) -> Term | None:
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return ("uri", term.value)
    if isinstance(term, ox.BlankNode):
        return ("bnode", term.value)
    if isinstance(term, ox.Literal):
        return ("literal", term.value, term.datatype.value, term.language)
    if isinstance(term, ox.Triple):
        return ("triple", to_tuple(term.subject), to_tuple(term.predicate), to_tuple(term.object))
    return ("literal", str(term), "http://www.w3.org/2001/XMLSchema#string", None)


def from_tuple(t: Term):
    import pyoxigraph as ox

    kind = t[0]
    if kind == "uri":
        return ox.NamedNode(t[1])
    if kind == "bnode":
        return ox.BlankNode(t[1])
    if kind == "triple":
        return ox.Triple(from_tuple(t[1]), from_tuple(t[2]), from_tuple(t[3]))
    _, value, datatype, lang = t
    if lang:
        return ox.Literal(value, language=lang)
    return ox.Literal(value, datatype=ox.NamedNode(datatype))


# ----------------------------------------------------------------------------- answer limits


# An answer's size is counted in the characters of its values plus a fixed cost per term (the
# markup every format wraps around a value); serialised answers stay within a small multiple.
_TERM_OVERHEAD = 40
DEFAULT_MAX_ANSWER_BYTES = 16 * 1024 * 1024
DEFAULT_MAX_VALUE_CHARS = 100_000


@dataclass(frozen=True)
class AnswerLimits:
    """What one answer may cost, checked while its rows are collected in the worker."""

    max_bytes: int = DEFAULT_MAX_ANSWER_BYTES
    max_value_chars: int = DEFAULT_MAX_VALUE_CHARS
    refuse_service: bool = True


class _Budget:
    def __init__(self, limits: AnswerLimits):
        self.limits = limits
        self.used = 0
        self.truncated: str | None = None  # "rows" | "bytes"
        self.values_cut = 0

    def term(self, term) -> Term | None:
        t = to_tuple(term)
        if t is None:
            return None
        if t[0] == "literal" and len(t[1]) > self.limits.max_value_chars:
            t = ("literal", t[1][: self.limits.max_value_chars], t[2], t[3])
            self.values_cut += 1
        self.used += _TERM_OVERHEAD + _size(t)
        return t

    def over(self) -> bool:
        if self.used > self.limits.max_bytes:
            self.truncated = "bytes"
            return True
        return False

    def flags(self) -> dict:
        return {"truncated": self.truncated is not None, "truncated_by": self.truncated,
                "values_cut": self.values_cut, "max_value_chars": self.limits.max_value_chars}


def _size(t: Term) -> int:
    if t[0] == "triple":
        return sum(_size(x) for x in t[1:])
    return sum(len(x) for x in t[1:] if isinstance(x, str))


# ----------------------------------------------------------------------------- worker side


# Stores up to this many quads are copied into memory when a worker starts (about 0.5 KB of
# memory per quad and worker, ~6 s per million quads): queries on the on-disk store pay a
# RocksDB seek per index lookup and per term compared when sorting, several times slower.
# (The default limit is graf.settings.DEFAULT_SERVE_MEMORY_QUADS.)


def refuse_federated(text: str, limits: AnswerLimits) -> None:
    """The endpoint's guard on a query text that came with a request: no SERVICE (the server
    must not be made to fetch from elsewhere). Updates are refused before a query gets here."""
    if limits.refuse_service:
        from graf.serve.guard import uses_service

        if uses_service(text):
            raise WorkerFailure(403, "SERVICE (federated queries) is not allowed on this endpoint")


def collect_solutions(variables: list[str], solutions, max_rows: int, limits: AnswerLimits) -> dict:
    """A SELECT answer within ``limits``: at most ``max_rows`` rows, at most
    ``limits.max_bytes`` bytes of values in all (the answer stops there, flagged truncated), no
    value longer than ``limits.max_value_chars`` (cut, flagged). ``solutions``: one list of
    pyoxigraph terms (None when unbound) per row, in the order of ``variables``."""
    budget = _Budget(limits)
    rows: list[list] = []
    for solution in solutions:
        if len(rows) >= max_rows:
            budget.truncated = "rows"
            break
        row = [budget.term(term) for term in solution]
        if budget.over():
            break
        rows.append(row)
    return {"kind": "select", "vars": variables, "rows": rows, **budget.flags()}


def collect_triples(triples_in, max_rows: int, limits: AnswerLimits) -> dict:
    """A CONSTRUCT / DESCRIBE answer within ``limits`` (as collect_solutions)."""
    budget = _Budget(limits)
    triples: list[tuple] = []
    for triple in triples_in:
        if len(triples) >= max_rows:
            budget.truncated = "rows"
            break
        item = (budget.term(triple.subject), budget.term(triple.predicate), budget.term(triple.object))
        if budget.over():
            break
        triples.append(item)
    return {"kind": "graph", "triples": triples, **budget.flags()}


def triple_order(triple: tuple) -> tuple:
    return tuple(str(t) for t in triple)


class StoreExecutor:
    def __init__(self, store_path: str, union: bool, prefixes: dict[str, str], memory_quads: int = 0):
        import pyoxigraph as ox

        self.ox = ox
        self.store = ox.Store.read_only(store_path)
        self.in_memory = False
        if memory_quads > 0 and len(self.store) <= memory_quads:
            # every graph, so GRAPH queries and the union flag answer as on disk; the copy is
            # only ever queried (never updated), which keeps the endpoint read-only
            copy = ox.Store()
            copy.bulk_extend(self.store.quads_for_pattern(None, None, None, None))
            self.store = copy
            self.in_memory = True
        self.union = union
        self.prefixes = prefixes

    def query(self, text: str, max_rows: int, substitutions: dict[str, Term] | None = None,
              limits: AnswerLimits | None = None) -> dict:
        """Run a query and collect its answer within ``limits``: at most ``max_rows`` rows, at
        most ``limits.max_bytes`` bytes of values in all (the answer stops there, flagged
        truncated) and no value longer than ``limits.max_value_chars`` (cut, flagged)."""
        ox = self.ox
        limits = limits or AnswerLimits()
        refuse_federated(text, limits)
        subs = {ox.Variable(k): from_tuple(v) for k, v in (substitutions or {}).items()}
        try:
            result = self.store.query(text, use_default_graph_as_union=self.union,
                                      prefixes=self.prefixes, substitutions=subs or None)
        except SyntaxError as exc:
            raise WorkerFailure(400, f"query does not parse: {str(exc).splitlines()[0]}") from None
        try:
            if isinstance(result, ox.QuerySolutions):
                variables = [v.value for v in result.variables]
                return collect_solutions(variables, ([s[v] for v in variables] for s in result), max_rows, limits)
            if isinstance(result, ox.QueryBoolean):
                return {"kind": "ask", "value": bool(result)}
            return collect_triples(result, max_rows, limits)
        except (OSError, RuntimeError, ValueError) as exc:
            raise WorkerFailure(400, f"query failed: {str(exc).splitlines()[0]}") from None

    # -- resource pages: index lookups with the IRI as a term, no query text involved

    def _quads(self, s=None, p=None, o=None) -> list[tuple]:
        """The triples matching a pattern (None = any), each once, in a fixed order (sorted by
        their terms), so a page lists links and passages the same way from any store."""
        graph = None if self.union else self.ox.DefaultGraph()
        found = {(q.subject, q.predicate, q.object) for q in self.store.quads_for_pattern(s, p, o, graph)}
        return sorted(found, key=triple_order)

    def _label(self, node) -> str | None:
        if not isinstance(node, self.ox.NamedNode):
            return None
        best = None
        for rank, pred in enumerate(LABEL_PREDICATES):
            for _, _, o in self._quads(node, self.ox.NamedNode(pred), None):
                if isinstance(o, self.ox.Literal):
                    lang_rank = 0 if o.language in (None, "sv") else 1
                    cand = (rank, lang_rank, o.value)
                    if best is None or cand < best:
                        best = cand
            if best is not None and best[0] == rank:
                break
        return best[2] if best else None

    def resource(self, iri: str, max_links: int, context_chars: int) -> dict | None:
        ox = self.ox
        node = ox.NamedNode(iri)
        outgoing = list(self._quads(node, None, None))
        full = self._full_annotation(node, outgoing)
        if full is not None:
            # an annotation's page shows its full form, computed from the stored text; its
            # target and selectors are hash IRIs of it and come out as its fragments below
            outgoing = [(t.subject, t.predicate, t.object) for t in full if t.subject == node]
            parts = [t for t in full if t.subject != node]
        else:
            parts = []
        incoming = []
        n_incoming = 0
        has_body = ox.NamedNode(OA + "hasBody")
        annotations = []
        for s, p, _ in self._quads(None, None, node):
            if p == has_body:
                annotations.append(s)
                continue
            n_incoming += 1
            if len(incoming) < max_links:
                incoming.append((s, p))
        if not outgoing and not incoming and not annotations:
            return None
        # parts minted as hash IRIs of this one (a law's provisions), found through its links
        fragments: dict[str, list] = {}
        for t in parts:
            fragments.setdefault(t.subject.value, []).append((t.predicate, t.object))
        for other in [o for _, _, o in outgoing] + [s for s, _ in incoming]:
            if isinstance(other, ox.NamedNode) and other.value.startswith(iri + "#") \
                    and other.value not in fragments:
                fragments[other.value] = [(p, o) for _, p, o in self._quads(other, None, None)]
        if full is not None:  # an annotation: the passage it marks
            annotations = [node]
        provenance = [self._span(a, context_chars) for a in annotations[:max_links]]
        neighbours = {o for _, _, o in outgoing} | {s for s, _ in incoming} | \
            {o for ps in fragments.values() for _, o in ps} | {p for _, p, _ in outgoing}
        labels = {n.value: lab for n in neighbours if (lab := self._label(n))}
        return {
            "iri": iri,
            "label": self._label(node),
            "outgoing": [(to_tuple(p), to_tuple(o)) for _, p, o in outgoing],
            "incoming": [(to_tuple(s), to_tuple(p)) for s, p in incoming],
            "incoming_total": n_incoming,
            "fragments": {k: [(to_tuple(p), to_tuple(o)) for p, o in v] for k, v in fragments.items()},
            "labels": labels,
            "provenance": [p for p in provenance if p],
            "annotations_total": len(annotations),
        }

    def _full_annotation(self, node, outgoing: list) -> list | None:
        """A slim annotation's full W3C form (graf.graph.provenance): its triples, the
        annotation's own and its target's and selectors' (hash IRIs of it); None for any
        other node."""
        from graf.graph.iri import text_span

        has_target = self.ox.NamedNode(OA + "hasTarget")
        if not any(p == has_target and isinstance(o, self.ox.NamedNode) and text_span(o.value)
                   for _, p, o in outgoing):
            return None
        from graf.graph.provenance import full_triples

        N = self.ox.NamedNode

        def text_of(document: str) -> str | None:
            return next((o.value for _, _, o in self._quads(N(document), N(GRAF + "text"), None)), None)

        def activity_of(document: str):
            return next((o for _, _, o in self._quads(N(document), N(PROV + "wasGeneratedBy"), None)
                         if isinstance(o, N)), None)

        return full_triples(node, [(p, o) for _, p, o in outgoing], text_of, activity_of)

    def _span(self, anno, context_chars: int) -> dict | None:
        from graf.graph.iri import text_span

        ox = self.ox
        N = ox.NamedNode
        out: dict[str, Any] = {"annotation": anno.value if isinstance(anno, N) else None}
        for _, _, target in self._quads(anno, N(OA + "hasTarget"), None):
            span = text_span(target.value) if isinstance(target, N) else None
            if span is not None:  # slim: the target is a text fragment IRI of the document
                out.update(document=span.document, start=span.start, end=span.end)
                continue
            for _, _, source in self._quads(target, N(OA + "hasSource"), None):
                out["document"] = source.value
            for _, _, sel in self._quads(target, N(OA + "hasSelector"), None):
                for _, p, o in self._quads(sel, None, None):
                    name = p.value.rsplit("#", 1)[-1]
                    if name in ("start", "end"):
                        try:
                            out[name] = int(o.value)
                        except ValueError:
                            pass
                    elif name in ("exact", "prefix", "suffix"):
                        out[name] = o.value
        if "document" not in out:
            return None
        if "start" in out and "end" in out:
            for _, _, text in self._quads(N(out["document"]), N(GRAF + "text"), None):
                t = text.value
                s, e = out["start"], out["end"]
                if 0 <= s <= e <= len(t):
                    out["exact"] = t[s:e]
                    out["before"] = t[max(0, s - context_chars):s]
                    out["after"] = t[e:e + context_chars]
                break
        out["document_label"] = self._label(N(out["document"]))
        return out


def answer(executor: StoreExecutor, request: dict) -> Any:
    """One request of the server to an executor (a worker's store, or a remote store)."""
    op = request["op"]
    if op == "query":
        limits = AnswerLimits(**request["limits"]) if request.get("limits") else None
        result = executor.query(request["query"], request["max_rows"], request.get("substitutions"), limits)
        if "accept" in request:
            # the format is chosen here, once the kind of answer is known, and the answer
            # serialised here, so the time limit covers it; HTML (labels, links) is
            # rendered by the server from an answer already bounded in bytes
            from graf.serve import formats

            media = formats.negotiate(request["accept"], formats.OFFERS[result["kind"]], request.get("explicit"))
            if media is not None and media != formats.HTML:
                result = {"kind": result["kind"], "media": media,
                          "body": formats.serialise(result, media, executor.prefixes),
                          **{k: result[k] for k in ("truncated", "truncated_by", "values_cut",
                                                    "max_value_chars") if k in result}}
        return result
    if op == "resource":
        return executor.resource(request["iri"], request.get("max_links", 500), request.get("context_chars", 160))
    raise WorkerFailure(400, f"unknown operation {op!r}")


def _worker_main(conn, store_path: str, union: bool, prefixes: dict[str, str],
                 memory_quads: int = 0) -> None:
    from graf.serve.sandbox import deny_network

    # before the store opens and before any thread starts: every later thread inherits it
    sandbox_problem = deny_network()
    try:
        from graf.serve.guard import uses_service

        uses_service("ASK {}")  # rdflib's SPARQL grammar is built now, not inside a query's time
        executor = StoreExecutor(store_path, union, prefixes, memory_quads)
        conn.send({"ready": True, "in_memory": executor.in_memory, "sandbox_problem": sandbox_problem})
    except Exception as exc:  # report and stop: the pool raises in the server process
        conn.send({"ready": False, "error": f"{type(exc).__name__}: {exc}"})
        return
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        try:
            result = answer(executor, request)
            conn.send({"ok": True, "result": result})
        except WorkerFailure as exc:
            conn.send({"ok": False, "status": exc.status, "message": exc.message})
        except Exception as exc:  # keep serving; the server answers 500
            conn.send({"ok": False, "status": 500, "message": f"{type(exc).__name__}: {exc}"})


# ----------------------------------------------------------------------------- server side


_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
# how often a waiting server thread looks at the worker's memory
_WATCH_SECONDS = 0.05
# how long a request waits for an idle worker before it is answered 503
QUEUE_SECONDS = 10.0


class _Worker:
    """One worker: a fresh interpreter running this module, talking over a socket pair.

    A plain subprocess rather than multiprocessing's spawn, which would re-import the calling
    program's __main__ in every worker (and fail for scripts without a __main__ guard)."""

    def __init__(self, store_path: str, union: bool, prefixes: dict[str, str], memory_quads: int = 0):
        import json
        import os
        import socket
        import subprocess
        import sys
        from multiprocessing.connection import Connection
        from pathlib import Path

        ours, theirs = socket.socketpair()
        env = dict(os.environ)
        package_root = str(Path(__file__).resolve().parents[2])
        env["PYTHONPATH"] = package_root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "graf.serve.workers", str(theirs.fileno()), store_path,
             "1" if union else "0", json.dumps(prefixes), str(int(memory_quads))],
            pass_fds=(theirs.fileno(),), env=env, stdin=subprocess.DEVNULL, close_fds=True)
        theirs.close()
        self._sock = ours
        self.conn = Connection(os.dup(ours.fileno()))
        ours.close()
        self.in_memory = False
        self.sandbox_problem: str | None = None
        self.baseline = 0

    def wait_ready(self, timeout: float) -> None:
        if not self.conn.poll(timeout):
            self.kill()
            raise RuntimeError("query worker did not start in time")
        try:
            msg = self.conn.recv()
        except (EOFError, OSError):
            self.kill()
            raise RuntimeError("query worker exited while starting") from None
        if not msg.get("ready"):
            self.kill()
            raise RuntimeError(f"query worker could not open the store: {msg.get('error')}")
        self.in_memory = bool(msg.get("in_memory"))
        self.sandbox_problem = msg.get("sandbox_problem")
        self.baseline = self.rss_bytes() or 0

    def rss_bytes(self) -> int | None:
        """Resident memory of the worker process (Linux /proc), None when unknown."""
        try:
            with open(f"/proc/{self.process.pid}/statm", "rb") as f:
                return int(f.read().split()[1]) * _PAGE
        except (OSError, ValueError, IndexError):
            return None

    def kill_now(self) -> None:
        """Stop the process at once (its memory is freed now, not when a thread gets to it)."""
        if self.process.poll() is None:
            try:
                self.process.kill()
            except OSError:
                pass

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        try:
            self.process.wait(5)
        except Exception:  # a zombie is better than a hung server
            pass
        try:
            self.conn.close()
        except OSError:
            pass


class WorkerPool:
    """A fixed number of query worker processes; ``run`` hands a request to an idle one and
    waits at most ``timeout`` seconds for the answer, killing the worker if it overruns.

    ``memory_quads``: a store of at most this many quads is copied into memory by each worker
    at start (0: always query the on-disk store)."""

    def __init__(self, store_path: str, union: bool, size: int = 2,
                 prefixes: dict[str, str] | None = None, start_timeout: float = 120.0,
                 memory_quads: int = DEFAULT_SERVE_MEMORY_QUADS, max_worker_bytes: int = 0,
                 name: str = "query"):
        self.memory_quads = max(0, int(memory_quads))
        # a worker whose resident memory grows by more than this over what it held when ready
        # (the store copy) is killed, its query answered 503, and replaced; 0 = no cap
        self.max_worker_bytes = max(0, int(max_worker_bytes))
        self.name = name
        self.store_path = store_path
        self.union = union
        self.prefixes = dict(prefixes or {})
        self.start_timeout = start_timeout
        self.idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        workers = [self._spawn() for _ in range(max(1, size))]
        try:
            for w in workers:
                w.wait_ready(start_timeout)
        except RuntimeError:
            self.close()
            raise
        self.in_memory = all(w.in_memory for w in workers)
        self.sandbox_problem = next((w.sandbox_problem for w in workers if w.sandbox_problem), None)
        for w in workers:
            self.idle.put(w)

    def _spawn(self) -> _Worker:
        w = _Worker(self.store_path, self.union, self.prefixes, self.memory_quads)
        with self._lock:
            self._all.add(w)
        return w

    def _retire(self, w: _Worker) -> None:
        w.kill()
        with self._lock:
            self._all.discard(w)

    def _replace(self, w: _Worker) -> None:
        self._retire(w)
        if self._closed:
            return
        fresh = self._spawn()
        try:
            fresh.wait_ready(self.start_timeout)
        except RuntimeError:
            self._retire(fresh)
            raise
        self.idle.put(fresh)

    def run(self, request: dict, timeout: float) -> Any:
        if self._closed:
            raise WorkerFailure(503, "server is shutting down")
        try:
            # waiting for a worker (one may be restarting after a kill) is not running: the
            # time limit starts when the query is handed over
            worker = self.idle.get(timeout=max(timeout, QUEUE_SECONDS))
        except queue.Empty:
            raise WorkerFailure(503, "all query workers are busy; try again shortly") from None
        deadline = time.monotonic() + timeout
        try:
            worker.conn.send(request)
            while not worker.conn.poll(min(_WATCH_SECONDS, max(0.0, deadline - time.monotonic()))):
                if time.monotonic() >= deadline:
                    # the only way to stop a pyoxigraph query: end its process
                    self._replace_later(worker)
                    raise WorkerFailure(503, f"query stopped: it ran longer than the time limit "
                                             f"of {timeout:g} s")
                if self._over_memory(worker):
                    self._replace_later(worker)
                    raise WorkerFailure(503, f"query stopped: it needed more than "
                                             f"{self.max_worker_bytes // 2**20} MB of memory")
            reply = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            self._replace_later(worker)
            raise WorkerFailure(500, "query worker died while answering") from None
        if self._over_memory(worker):  # answered, but keeps what it grew to: start afresh
            self._replace_later(worker)
        else:
            self.idle.put(worker)
        if not reply.get("ok"):
            raise WorkerFailure(reply.get("status", 500), reply.get("message", "query failed"))
        return reply["result"]

    def _over_memory(self, worker: _Worker) -> bool:
        if not self.max_worker_bytes:
            return False
        rss = worker.rss_bytes()
        return rss is not None and rss > worker.baseline + self.max_worker_bytes

    def _replace_later(self, worker: _Worker) -> None:
        worker.kill_now()
        threading.Thread(target=self._replace, args=(worker,), daemon=True).start()

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
        for w in workers:
            try:
                w.conn.send(None)
            except (OSError, ValueError):
                pass
        for w in workers:
            try:
                w.process.wait(1)
            except Exception:  # a zombie is better than a hung server
                pass
            w.kill()
        with self._lock:
            self._all.clear()


def main(argv: list[str]) -> None:
    """Entry point of a worker process:
    python -m graf.serve.workers FD STORE UNION PREFIXES [MEMORY_QUADS]."""
    import json
    from multiprocessing.connection import Connection

    fd, store_path, union, prefixes, *rest = argv
    memory_quads = int(rest[0]) if rest else 0
    _worker_main(Connection(int(fd)), store_path, union == "1", json.loads(prefixes), memory_quads)


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
