"""`graf serve --endpoint URL`: the pages, IRIs and the SPARQL endpoint answered from a remote
SPARQL 1.1 store (Oxigraph server, Virtuoso, Fuseki …) instead of the embedded store.

The server's lanes hand their requests to a RemotePool instead of a WorkerPool: the same
operations ("query", "resource") and the same answers, computed by RemoteExecutor, which is the
embedded-store executor with its two primitives done over HTTP (graf.remote's client: login,
no redirects, the store's own error text):

- a query text goes to the store as it came (read-only: updates are refused by the server
  before they get here, SERVICE by the same guard as on the embedded store), with graf's
  prefixes declared, the page queries' IRIs bound as VALUES, and the answer collected within
  the same row, byte and value limits;
- a triple-pattern lookup (the IRI pages' index lookups) is a SELECT of that pattern.

No worker process is needed: the store runs the query, and a deadline per request
(graf.remote.within) bounds how long a thread of the server waits for it. The store must hold
the deduplicated union of the papers in its default graph (as `graf push` leaves it) or
query as a union (Oxigraph's --union-default-graph).
"""

from __future__ import annotations

import json
import re
import urllib.parse
from typing import Any

from graf.serve.workers import (
    AnswerLimits,
    StoreExecutor,
    Term,
    WorkerFailure,
    answer,
    collect_solutions,
    collect_triples,
    refuse_federated,
)

# an answer to an index lookup larger than this is cut (the page shows the first links anyway)
PATTERN_ROWS = 100_000
_TYPE_OF_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)


class RemoteExecutor(StoreExecutor):
    """The embedded-store executor's answers, from a remote store."""

    def __init__(self, endpoint: str, prefixes: dict[str, str], timeout: float, login=None):
        import pyoxigraph as ox

        from graf.remote import Client

        self.ox = ox
        self.union = False
        self.in_memory = False
        self.prefixes = dict(prefixes)
        self.client = Client(endpoint, login, timeout)
        self.endpoint = endpoint
        self._prologue = "".join(f"PREFIX {k}: <{v}>\n" for k, v in self.prefixes.items())

    # -- the two primitives

    def _post(self, text: str, accept: str):
        """POST a query; the store's answer, or WorkerFailure 502 with its words."""
        from graf.remote import RemoteError

        body = urllib.parse.urlencode({"query": text}).encode("utf-8")
        try:
            return self.client.request("POST", body, {"Content-Type": "application/x-www-form-urlencoded",
                                                      "Accept": accept})
        except RemoteError as exc:
            status = getattr(exc, "status", None)
            # the store's 400 is the query's fault (a syntax error): the client's too
            raise WorkerFailure(400 if status == 400 else 502, f"the SPARQL store: {exc}") from None

    def query(self, text: str, max_rows: int, substitutions: dict[str, Term] | None = None,
              limits: AnswerLimits | None = None) -> dict:
        from graf.remote import bind_into_query, row_cap

        limits = limits or AnswerLimits()
        refuse_federated(text, limits)
        if substitutions:
            from rdflib import URIRef

            bound = {k: URIRef(v[1]) for k, v in substitutions.items() if v[0] == "uri"}
            text = bind_into_query(text, bound)
        full = self._prologue + text
        answer_ = self._post(full, "application/sparql-results+json, application/n-triples;q=0.9, "
                                   "text/turtle;q=0.8")
        ctype = answer_.headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype in ("application/n-triples", "text/turtle", "text/plain", "application/n-quads"):
            fmt = {"text/turtle": self.ox.RdfFormat.TURTLE,
                   "application/n-quads": self.ox.RdfFormat.N_QUADS}.get(ctype, self.ox.RdfFormat.N_TRIPLES)
            try:
                triples = [self.ox.Triple(q.subject, q.predicate, q.object)
                           for q in self.ox.parse(answer_.body, format=fmt)]
            except SyntaxError as exc:
                raise WorkerFailure(502, f"the SPARQL store sent unreadable RDF: {exc}") from None
            return collect_triples(triples, max_rows, limits)
        try:
            data = json.loads(answer_.body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise WorkerFailure(502, f"the SPARQL store's answer is not SPARQL results ({ctype or 'no type'})") \
                from None
        if "boolean" in data:
            return {"kind": "ask", "value": bool(data["boolean"])}
        variables = list(data.get("head", {}).get("vars", []))
        bindings = data.get("results", {}).get("bindings", [])
        result = collect_solutions(variables, ([self._term(b.get(v)) for v in variables] for b in bindings),
                                   max_rows, limits)
        try:
            cap = row_cap(answer_.headers, len(bindings))
        except Exception as exc:  # a partial answer (Virtuoso's anytime query): say so
            raise WorkerFailure(503, f"the SPARQL store: {exc}") from None
        if cap is not None and not result["truncated"]:
            # the store cut the answer at its own row limit: flagged as graf's own cut is
            result.update(truncated=True, truncated_by="rows")
        return result

    def _quads(self, s=None, p=None, o=None) -> list[tuple]:
        """The triples matching a pattern (None = any), each once, in the embedded store's order."""
        from graf.serve.workers import from_tuple, triple_order

        terms = [self._n3(t) if t is not None else f"?{n}" for t, n in ((s, "s"), (p, "p"), (o, "o"))]
        wanted = [n for t, n in ((s, "s"), (p, "p"), (o, "o")) if t is None]
        if not wanted:  # a ground triple: ask whether it is there
            found = self.query(f"ASK {{ {' '.join(terms)} }}", 1, limits=_LOOKUP)["value"]
            return [(s, p, o)] if found else []
        text = f"SELECT DISTINCT {' '.join('?' + n for n in wanted)} WHERE {{ {' '.join(terms)} }}"
        out = []
        for row in self.query(text, PATTERN_ROWS, limits=_LOOKUP)["rows"]:
            got = {n: from_tuple(v) for n, v in zip(wanted, row) if v is not None}
            out.append((got.get("s", s), got.get("p", p), got.get("o", o)))
        return sorted(out, key=triple_order)

    def _label(self, node) -> str | None:
        """One request per node (the embedded store's loop over label predicates would be one
        request per predicate)."""
        from graf.serve.workers import LABEL_PREDICATES

        if not isinstance(node, self.ox.NamedNode):
            return None
        values = " ".join(f"<{p}>" for p in LABEL_PREDICATES)
        text = f"SELECT ?p ?o WHERE {{ VALUES ?p {{ {values} }} {self._n3(node)} ?p ?o . FILTER(isLiteral(?o)) }}"
        best = None
        for p, o in self.query(text, 1000, limits=_LOOKUP)["rows"]:
            rank = LABEL_PREDICATES.index(p[1])
            lang_rank = 0 if o[3] in (None, "sv") else 1
            cand = (rank, lang_rank, o[1])
            if best is None or cand < best:
                best = cand
        return best[2] if best else None

    # -- terms

    def _n3(self, term) -> str:
        ox = self.ox
        if isinstance(term, ox.NamedNode):
            return f"<{term.value}>"
        if isinstance(term, ox.Literal):
            return str(term)  # pyoxigraph writes a literal in N-Triples syntax
        raise WorkerFailure(400, "a blank node cannot be looked up in a remote store")

    def _term(self, t: dict | None):
        ox = self.ox
        if t is None:
            return None
        kind, value = t.get("type"), t.get("value", "")
        if kind == "uri":
            return ox.NamedNode(value)
        if kind == "bnode":
            return ox.BlankNode(re.sub(r"[^A-Za-z0-9_]", "_", value) or "b")
        if t.get("xml:lang"):
            return ox.Literal(value, language=t["xml:lang"])
        if t.get("datatype"):
            return ox.Literal(value, datatype=ox.NamedNode(t["datatype"]))
        return ox.Literal(value)


# graf's own lookups: no SERVICE check (the text is graf's), the same size limits
_LOOKUP = AnswerLimits(refuse_service=False, max_bytes=1 << 40, max_value_chars=1 << 30)


class RemotePool:
    """In place of a WorkerPool: ``run`` answers a request from the remote store, in the
    calling thread, within ``timeout`` seconds in all."""

    def __init__(self, endpoint: str, prefixes: dict[str, str], timeout: float, login=None, name: str = "query"):
        self.name = name
        self.in_memory = False
        self.sandbox_problem = None
        self.endpoint = endpoint
        self.prefixes = prefixes
        self.login = login
        self.timeout = timeout
        self._closed = False

    def run(self, request: dict, timeout: float) -> Any:
        from graf.remote import RemoteError, within

        if self._closed:
            raise WorkerFailure(503, "server is shutting down")
        # a client per request: requests' sessions are not shared between threads
        executor = RemoteExecutor(self.endpoint, self.prefixes, timeout, self.login)
        try:
            return within(timeout, "the SPARQL store", lambda: answer(executor, request))
        except RemoteError as exc:
            raise WorkerFailure(503, f"query stopped: {exc}") from None

    def check(self) -> None:
        """Ask the store something before serving: a wrong URL fails at start, not on a page."""
        from graf.remote import RemoteError

        try:
            self.run({"op": "query", "query": "ASK { ?s ?p ?o }", "max_rows": 1,
                      "limits": {"refuse_service": False}}, self.timeout)
        except WorkerFailure as exc:
            raise RemoteError(exc.message) from None

    def close(self) -> None:
        self._closed = True
