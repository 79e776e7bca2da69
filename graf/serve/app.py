"""The HTTP server: SPARQL 1.1 Protocol at /sparql (read-only), a landing page, canned queries,
downloadable dumps and every IRI under the base dereferenceable as HTML, Turtle or JSON-LD.

HTTP is spoken by uvicorn (h11, asyncio): an idle or half-sent connection costs a socket, not a
thread, and is closed after a few seconds; the listen backlog is large; a refused body closes its
connection (so requests hidden inside it are never read as requests); h11 refuses ambiguous
framing. The request handlers themselves are plain blocking functions run on threads, one
thread budget per lane (graf.serve.app.Lanes), so cheap page lookups never wait behind slow
queries. Queries run in worker processes (graf.serve.workers) that can be killed at their time
or memory limit and cannot open network connections (graf.serve.sandbox).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlencode

from graf import settings
from graf.errors import GrafError, UsageError
from graf.serve import formats as F
from graf.serve import pages, views
from graf.serve.guard import is_update
from graf.serve.workers import AnswerLimits, WorkerFailure, WorkerPool

MAX_BODY = 1_000_000  # bytes of POST body (a query text); more is refused
BODY_SECONDS = 20.0  # a request body must arrive within this (slow-POST senders are cut off)
IDLE_SECONDS = 5.0  # a connection without a request in progress is closed after this
BACKLOG = 1024  # connections the kernel queues before accept
DUMP_WAIT_SECONDS = 30.0  # a dump request waits this long for dumps still being built, then 503
PENALTY_SECONDS = 600.0  # a query text that overran a limit runs only in the slow lane this long
PASSAGES_SHOWN = 12  # source passages quoted on a readable page (the RDF view lists them all)
DUMPS = [("graf.ttl", "hela grafen i Turtle", "text/turtle"),
         ("graf.nq", "N-Quads, en namngiven graf per handling", "application/n-quads"),
         ("graf.jsonld", "JSON-LD, sammanträden med ärenden och beslut", "application/ld+json"),
         ("dcat.ttl", "DCAT-AP-SE-beskrivning av datamängden", "text/turtle")]
# The pages only ever load themselves: no script at all, inline style (one <style> block),
# forms post back here; framing and <base> are refused.
CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; "
       "base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin",
                    "Content-Security-Policy": CSP}
# Browser apps on other sites may read the data answers (SPARQL results, dumps, RDF of an IRI,
# the JSON-LD context): anyone may already fetch them, and no answer depends on cookies or
# credentials. The HTML pages are not offered cross-origin.
CORS_HEADERS = {"Access-Control-Allow-Origin": "*"}
CORS_PREFLIGHT = {**CORS_HEADERS, "Access-Control-Allow-Methods": "GET, HEAD, POST, OPTIONS",
                  "Access-Control-Allow-Headers": "Accept, Content-Type", "Access-Control-Max-Age": "86400"}

_SUMMARY_QUERIES = {
    "triples": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "papers": "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d graf:text ?t }",
    "meetings": "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m a besluit:Zitting }",
    "dates": """SELECT (MIN(?d) AS ?first) (MAX(?d) AS ?last)
                WHERE { ?m a besluit:Zitting ; dct:date ?d }""",
    "classes": """SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?class }
                  GROUP BY ?class ORDER BY DESC(?n) ?class""",
    # the dates in a group of their own: MIN/MAX over a group with one undated meeting (an
    # agenda without a date) is unbound in Oxigraph, and the dated ones would not show
    "committees": """SELECT ?body ?label ?n ?first ?last ?town ?townLabel WHERE {
                       { SELECT ?body (SAMPLE(?l) AS ?label) (COUNT(DISTINCT ?m) AS ?n)
                                (SAMPLE(?t) AS ?town) (SAMPLE(?tl) AS ?townLabel)
                         WHERE { ?m a besluit:Zitting ; besluit:isGehoudenDoor ?body .
                                 OPTIONAL { ?body rdfs:label ?l }
                                 OPTIONAL { ?body besluit:bestuurt ?t OPTIONAL { ?t skos:prefLabel ?tl } } }
                         GROUP BY ?body }
                       OPTIONAL { SELECT ?body (MIN(?d) AS ?first) (MAX(?d) AS ?last)
                                  WHERE { ?m a besluit:Zitting ; besluit:isGehoudenDoor ?body ; dct:date ?d }
                                  GROUP BY ?body }
                     } ORDER BY DESC(?n) ?body""",
}


@dataclass
class ServerConfig:
    base: str
    timeout: float = 10.0
    max_rows: int = 10_000
    data: str | None = None
    store_dir: str | None = None
    store_path: str | None = None  # the store the workers open (the materialised --data graph too)
    endpoint: str | None = None  # a remote SPARQL store answering instead (graf serve --endpoint)
    prefixes: dict[str, str] = field(default_factory=dict)
    context: dict = field(default_factory=dict)
    limits: AnswerLimits = field(default_factory=AnswerLimits)


@dataclass
class Request:
    method: str
    path: str
    query_string: str
    headers: dict[str, str]  # lower-case names
    body: bytes | None  # None for GET/HEAD

    def params(self) -> dict[str, list[str]]:
        return parse_qs(self.query_string, keep_blank_values=True)


@dataclass
class Response:
    status: int
    body: bytes = b""
    content_type: str = "text/plain"
    headers: dict[str, str] = field(default_factory=dict)
    file: Path | None = None  # streamed from disk instead of body


class Lanes:
    """Worker pools by kind of work, each with its own thread budget in the HTTP server:
    ``lookup`` answers IRI pages and the landing page (index lookups), ``query`` runs SPARQL,
    ``slow`` runs query texts that recently overran a limit, so a client repeating an expensive
    query queues behind itself rather than in front of everyone else."""

    def __init__(self, query: WorkerPool, lookup: WorkerPool, slow: WorkerPool):
        self.query, self.lookup, self.slow = query, lookup, slow
        self._penalised: dict[str, float] = {}
        self._lock = threading.Lock()

    @staticmethod
    def _key(text: str) -> str:
        return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()

    def for_query(self, text: str) -> tuple[WorkerPool, str]:
        key = self._key(text)
        with self._lock:
            until = self._penalised.get(key)
            if until is not None and until < time.monotonic():
                del self._penalised[key]
                until = None
        return (self.slow if until else self.query), key

    def penalise(self, key: str) -> None:
        with self._lock:
            if len(self._penalised) > 10_000:
                self._penalised.clear()
            self._penalised[key] = time.monotonic() + PENALTY_SECONDS

    def all(self) -> list[WorkerPool]:
        return [self.query, self.lookup, self.slow]

    def close(self) -> None:
        for pool in self.all():
            pool.close()


class GrafApp:
    """The ASGI application: reads a request (bounded), runs its handler on its lane's threads."""

    def __init__(self, config: ServerConfig, lanes: Lanes):
        self.config = config
        self.lanes = lanes
        self.pool = lanes.query  # the main lane (tests and tools look at it)
        self.linker = pages.Linker(config.base, config.prefixes)
        self.linker.site_search = self._search_index() is not None
        self._report: list | None = None
        self._built: dict[str, str] | None = None
        self.verbose = False
        self.url = ""
        self._summary: dict | None = None
        self._summary_lock = threading.Lock()
        self.dump_folder = Path(tempfile.mkdtemp(prefix="graf-dumps-"))
        self._dump_process: subprocess.Popen | None = None
        self._limiters: dict[str, object] = {}

    # -- dumps, built ahead by a process of their own

    def start_dumps(self) -> None:
        if self.config.endpoint:  # the dumps are the remote store's to publish (graf export --store)
            return
        source = ["--data", self.config.data] if self.config.data else ["--store", str(self.config.store_dir)]
        env = dict(os.environ)
        package_root = str(Path(__file__).resolve().parents[2])
        env["PYTHONPATH"] = package_root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        self._dump_process = subprocess.Popen(
            [sys.executable, "-m", "graf.serve.dumps", str(self.dump_folder), *source],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, env=env)

    def close(self) -> None:
        if self._dump_process is not None and self._dump_process.poll() is None:
            self._dump_process.kill()
            self._dump_process.wait()
        self.lanes.close()
        shutil.rmtree(self.dump_folder, ignore_errors=True)

    # -- ASGI

    def _limiter(self, lane: str):
        import anyio

        if lane not in self._limiters:
            size = {"lookup": 8, "slow": 4}.get(lane, 32)
            self._limiters[lane] = anyio.CapacityLimiter(size)
        return self._limiters[lane]

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                elif message["type"] == "lifespan.shutdown":
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        if scope["type"] != "http":
            return
        import anyio

        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        method = scope["method"]
        framing = {k.lower() for k, _ in scope["headers"]} & {b"content-length", b"transfer-encoding"}
        if len(framing) == 2:
            # RFC 9112 6.1: answer and close. h11 reads the body by Transfer-Encoding; a proxy in
            # front that reads Content-Length would pass the bytes after it as part of this request
            # and graf would run them as the next one (request smuggling).
            await self._respond(send, self._error(headers, 400, "both Content-Length and Transfer-Encoding"),
                                method, close=True)
            return
        body: bytes | None = None
        if method == "POST":
            try:
                with anyio.fail_after(BODY_SECONDS):
                    body = await self._read_body(headers, receive)
            except WorkerFailure as exc:
                # answered before the body is read; the connection closes, so nothing left in
                # the refused body is ever parsed as a request
                await self._respond(send, self._error(headers, exc.status, exc.message), method,
                                    close=True)
                return
            except TimeoutError:
                await self._respond(send, Response(408, b"request body too slow\n"), method, close=True)
                return
        elif method == "OPTIONS":  # a CORS preflight (a POSTed query from another site's page)
            await self._respond(send, Response(204, headers={**CORS_PREFLIGHT, "Allow": "GET, HEAD, POST, OPTIONS"}),
                                method)
            return
        elif method not in ("GET", "HEAD"):
            await self._respond(send, Response(405, b"method not allowed\n", headers={"Allow": "GET, HEAD, POST"}),
                                method)
            return
        request = Request(method, scope.get("path", "/"), scope.get("query_string", b"").decode("latin-1"),
                          headers, body)
        lane = "lookup" if self._lane_of(request) == "lookup" else "query"
        response = await anyio.to_thread.run_sync(self.handle, request, limiter=self._limiter(lane))
        if not response.content_type.startswith(F.HTML):
            response.headers = {**CORS_HEADERS, **response.headers}
        await self._respond(send, response, method)

    @staticmethod
    async def _read_body(headers: dict[str, str], receive) -> bytes:
        declared = headers.get("content-length")
        if declared is not None:
            try:
                if int(declared) > MAX_BODY:
                    raise WorkerFailure(413, f"request body larger than {MAX_BODY} bytes")
            except ValueError:
                raise WorkerFailure(400, "bad Content-Length") from None
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                raise WorkerFailure(400, "client went away")
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > MAX_BODY:  # chunked bodies have no declared length
                raise WorkerFailure(413, f"request body larger than {MAX_BODY} bytes")
            chunks.append(chunk)
            if not message.get("more_body"):
                return b"".join(chunks)

    async def _respond(self, send, response: Response, method: str, close: bool = False) -> None:
        ctype = response.content_type
        if "charset" not in ctype and (ctype.startswith("text/") or ctype.endswith(("json", "+xml"))):
            ctype += "; charset=utf-8"
        headers = {"Content-Type": ctype, "Vary": "Accept", **SECURITY_HEADERS, **response.headers}
        if close:
            headers["Connection"] = "close"
        size = response.file.stat().st_size if response.file is not None else len(response.body)
        headers["Content-Length"] = str(size)
        raw = [(k.lower().encode("latin-1"), v.encode("latin-1", "replace")) for k, v in headers.items()]
        await send({"type": "http.response.start", "status": response.status, "headers": raw})
        if method == "HEAD":
            await send({"type": "http.response.body", "body": b""})
            return
        if response.file is None:
            await send({"type": "http.response.body", "body": response.body})
            return
        import anyio

        with response.file.open("rb") as f:  # streamed: a dump never sits in memory whole
            while chunk := await anyio.to_thread.run_sync(f.read, 1 << 20):
                await send({"type": "http.response.body", "body": chunk, "more_body": True})
        await send({"type": "http.response.body", "body": b""})

    # -- dispatch (runs on a lane's thread)

    @staticmethod
    def _lane_of(request: Request) -> str:
        path = request.path
        # feeds and the report read the whole store in this process: not on the lookup lane
        if path in ("/sparql", "/rapport") or path.startswith(("/query/", "/dump/", "/feed/")):
            return "query"
        return "lookup"

    def handle(self, request: Request) -> Response:
        path = request.path
        try:
            if path == "/sparql":
                return self.sparql(request)
            if request.body is not None:
                return self._error(request.headers, 405, "only /sparql accepts POST")
            if path == "/":
                return self.landing(request)
            if path.startswith("/query/"):
                return self.canned(request, unquote(path[len("/query/"):]))
            if path.startswith("/dump/"):
                return self.dump(unquote(path[len("/dump/"):]))
            if path == "/context.jsonld":
                return self.jsonld_context()
            if path == "/sok":
                return self.search(request)
            if path.startswith("/feed/"):
                return self.feed(path[len("/feed/"):])
            if path == "/rapport":
                return self.report(request)
            if path == "/favicon.ico":
                return Response(404)
            return self.resource(request, path)
        except WorkerFailure as exc:
            return self._error(request.headers, exc.status, exc.message)
        except GrafError as exc:
            return self._error(request.headers, 400, str(exc))

    @staticmethod
    def _error(headers: dict[str, str], status: int, message: str) -> Response:
        if F.wants_html(headers.get("accept")):
            return Response(status, pages.error_page(status, message), F.HTML)
        return Response(status, (message + "\n").encode("utf-8"), "text/plain")

    # -- cached views

    def summary(self) -> dict:
        with self._summary_lock:
            if self._summary is None:
                self._summary = self._compute_summary()
            return self._summary

    def _compute_summary(self) -> dict:
        timeout = max(self.config.timeout, 30.0)
        big = 10_000
        run = lambda q: self.lanes.lookup.run({"op": "query", "query": q, "max_rows": big}, timeout)  # noqa: E731
        value = lambda t: t[1] if t else None  # noqa: E731
        out: dict = {}
        out["triples"] = value(run(_SUMMARY_QUERIES["triples"])["rows"][0][0])
        out["papers"] = value(run(_SUMMARY_QUERIES["papers"])["rows"][0][0])
        out["meetings"] = value(run(_SUMMARY_QUERIES["meetings"])["rows"][0][0])
        first, last = (run(_SUMMARY_QUERIES["dates"])["rows"] or [[None, None]])[0]
        out.update(first_date=value(first), last_date=value(last))
        out["classes"] = [{"iri": c[1], "count": value(k)} for c, k in run(_SUMMARY_QUERIES["classes"])["rows"]
                          if c and c[0] == "uri"][:40]
        out["committees"] = [{"iri": b[1], "label": value(lab), "meetings": value(k), "first": value(f),
                              "last": value(la), "municipality": value(t),
                              "municipality_label": value(tl)}
                             for b, lab, k, f, la, t, tl in run(_SUMMARY_QUERIES["committees"])["rows"]
                             if b and b[0] == "uri"]
        return out

    # -- SPARQL protocol

    def sparql(self, request: Request) -> Response:
        params = request.params()
        body = request.body
        query = None
        if body is not None:
            ctype = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
            if ctype == "application/sparql-update":
                raise WorkerFailure(403, "this endpoint is read-only: SPARQL Update is not accepted")
            if ctype == "application/sparql-query":
                query = body.decode("utf-8", errors="replace")
            elif ctype in ("application/x-www-form-urlencoded", ""):
                form = parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)
                if "update" in form:
                    raise WorkerFailure(403, "this endpoint is read-only: SPARQL Update is not accepted")
                for k, v in form.items():
                    params.setdefault(k, []).extend(v)
            else:
                raise WorkerFailure(415, f"unsupported Content-Type {ctype!r} (use "
                                         "application/sparql-query or a form with query=)")
        if "update" in params:
            raise WorkerFailure(403, "this endpoint is read-only: SPARQL Update is not accepted")
        if query is None:
            queries = params.get("query", [])
            if len(queries) > 1:
                raise WorkerFailure(400, "more than one query parameter")
            query = queries[0] if queries else None
        if query is None or not query.strip():
            if F.wants_html(request.headers.get("accept")) or body is None:
                from graf.resources import query_names

                try:
                    names = query_names()
                except GrafError:
                    names = []
                return Response(200, pages.query_page("SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 25", names,
                                                      self.linker), F.HTML)
            raise WorkerFailure(400, "missing query")
        return self.run_query(request, query, "SPARQL", params.get("format", [None])[0],
                              f"/sparql?{urlencode({'query': query})}")

    def run_query(self, request: Request, query: str, title: str, explicit_format: str | None,
                  page_href: str) -> Response:
        cfg = self.config
        if is_update(query):
            raise WorkerFailure(403, "this endpoint is read-only: SPARQL Update is not accepted")
        if params_default_graph := [k for k in request.params() if k in ("default-graph-uri", "named-graph-uri")]:
            raise WorkerFailure(400, f"{params_default_graph[0]} is not supported; use FROM / GRAPH in the query")
        pool, key = self.lanes.for_query(query)
        started = time.monotonic()
        job = {"op": "query", "query": query, "max_rows": cfg.max_rows,
               "limits": {"max_bytes": cfg.limits.max_bytes, "max_value_chars": cfg.limits.max_value_chars},
               "accept": request.headers.get("accept"), "explicit": explicit_format}
        try:
            result = pool.run(job, cfg.timeout)
        except WorkerFailure as exc:
            if exc.status == 503 and "query stopped" in exc.message:
                self.lanes.penalise(key)
            raise
        kind = result["kind"]
        offers = F.OFFERS[kind]
        headers = {}
        if result.get("truncated"):
            # the header Virtuoso uses for the same situation
            headers["X-SPARQL-MaxRows"] = str(cfg.max_rows)
            headers["X-Graf-Truncated"] = result.get("truncated_by") or "rows"
        if result.get("values_cut"):
            headers["X-Graf-Values-Cut"] = f"{result['values_cut']} (at {result['max_value_chars']} characters)"
        if "body" in result:
            return Response(200, result["body"], result["media"], headers)
        media = F.negotiate(request.headers.get("accept"), offers, explicit_format)
        if media is None:
            raise WorkerFailure(406, f"cannot answer a {kind.upper()} query in the requested format; "
                                     f"available: {', '.join(offers)}")
        body = pages.results_page(title, query, result, self.linker, time.monotonic() - started, cfg.max_rows,
                                  pages.download_links(page_href, kind))
        return Response(200, body, F.HTML, headers)

    # -- pages

    def landing(self, request: Request) -> Response:
        from graf.resources import query_names

        try:
            names = query_names()
        except GrafError:
            names = []
        dumps = [] if self.config.endpoint else [(n, d) for n, d, _ in DUMPS]
        body = pages.landing(self.summary(), names, dumps,
                             self.linker, self.url + "/sparql")
        return Response(200, body, F.HTML)

    def canned(self, request: Request, name: str) -> Response:
        from graf.resources import query_names, read_query

        if name not in query_names():
            raise WorkerFailure(404, f"no canned query {name!r}")
        text = read_query(name)
        return self.run_query(request, text, f"Fråga: {name}", request.params().get("format", [None])[0],
                              f"/query/{name}")

    def dump(self, name: str) -> Response:
        known = {n: media for n, _, media in DUMPS}
        if name not in known:
            raise WorkerFailure(404, f"no dump {name!r}")
        if self.config.endpoint:
            raise WorkerFailure(404, "no dumps: this server answers from a remote SPARQL store "
                                     "(graf export writes them from the graph or store)")
        path = self.dump_folder / name
        waited = 0.0
        while not path.exists() and self._dump_process is not None and self._dump_process.poll() is None \
                and waited < DUMP_WAIT_SECONDS:  # a dump nearly ready is worth a short wait
            time.sleep(0.2)
            waited += 0.2
        if not path.exists():
            failed = self.dump_folder / "FAILED"
            if failed.exists():
                raise WorkerFailure(500, "the dumps could not be built: "
                                         + failed.read_text(encoding="utf-8").strip())
            raise WorkerFailure(503, "the dumps are still being prepared; try again shortly")
        return Response(200, file=path, content_type=known[name],
                        headers={"Content-Disposition": f'inline; filename="{name}"'})

    def resource(self, request: Request, path: str) -> Response:
        cfg = self.config
        rel = path.lstrip("/")
        candidates = [cfg.base + unquote(rel)]
        if unquote(rel) != rel:
            candidates.append(cfg.base + rel)
        data = None
        for iri in candidates:
            try:
                data = self.lanes.lookup.run({"op": "resource", "iri": iri, "max_links": 500}, cfg.timeout)
            except WorkerFailure as exc:
                if exc.status == 500 and "Invalid IRI" in exc.message:
                    continue
                raise
            if data is not None:
                break
        if data is None:
            raise WorkerFailure(404, f"nothing is known about {candidates[0]}")
        iri = data["iri"]
        params = request.params()
        explicit = params.get("format", [None])[0]
        media = F.negotiate(request.headers.get("accept"), [F.HTML, F.TURTLE, F.JSONLD, F.NTRIPLES, F.RDFXML],
                            explicit)
        if media is None:
            raise WorkerFailure(406, "available: text/html, text/turtle, application/ld+json, "
                                     "application/n-triples, application/rdf+xml")
        if media == F.HTML:
            headers = {"Link": f'<{iri}>; rel="canonical"'}
            kind = views.page_kind([o[1] for p, o in data["outgoing"]
                                    if p[1] in (pages.RDF_TYPE, views.ORG + "classification") and o[0] == "uri"],
                                   [p[1] for p, _ in data["outgoing"]])
            if kind is None or params.get("view", [None])[0] == "rdf":
                body = pages.resource_page(data, self.linker, ["ttl", "jsonld", "nt"], path, readable=kind is not None)
            else:
                body = pages.readable_page(kind, self._view(kind, data, params), self._passages_shown(data),
                                           self.linker, path)
            return Response(200, body, F.HTML, headers)
        node = ("uri", iri)
        triples = [(node, p, o) for p, o in data["outgoing"]]
        triples += [(("uri", frag), p, o) for frag, pairs in data["fragments"].items() for p, o in pairs]
        triples += [(s, p, node) for s, p in data["incoming"]]
        if media == F.JSONLD:
            body = F.jsonld_compact(triples, cfg.context or cfg.prefixes)
        else:
            body = F.graph_bytes(triples, media, cfg.prefixes)
        return Response(200, body, media)


    def jsonld_context(self) -> Response:
        """graf's JSON-LD context at a stable address, for documents that refer to it."""
        from graf.resources import context_path

        try:
            body = context_path().read_bytes()
        except OSError:
            raise WorkerFailure(404, "no JSON-LD context shipped with this graf") from None
        return Response(200, body, F.JSONLD)

    # -- search, feeds, completeness report (graf.search, graf.feeds, graf.report)

    def _search_index(self) -> Path | None:
        """The store's full-text index (graf build keeps it beside the store), if any."""
        if not self.config.store_dir:
            return None
        from graf.search import index_path

        path = index_path(self.config.store_dir)
        return path if path.is_file() else None

    def search(self, request: Request) -> Response:
        from graf.search import Filters
        from graf.search import search as run_search

        params = request.params()

        def one(name: str) -> str | None:
            value = (params.get(name, [""])[0] or "").strip()
            return value[:200] or None

        text, committee, date_from, date_to = one("q"), one("namnd"), one("fran"), one("till")
        for value in (date_from, date_to):
            if value and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                raise WorkerFailure(400, f"dates are YYYY-MM-DD, got {value!r}")
        index = self._search_index()
        hits = []
        if text and index is not None:
            hits = run_search(index, text, Filters(committee=committee, date_from=date_from, date_to=date_to,
                                                   limit=50))
        body = pages.search_page(text or "", committee or "", date_from or "", date_to or "", hits,
                                 index is not None, self.linker)
        return Response(200, body, F.HTML)

    def _store(self):
        from graf.store import GraphStore

        if self.config.endpoint:
            # feeds and the report read the store's bookkeeping (manifest, build times), which
            # a remote store does not hold
            raise WorkerFailure(404, "not available when serving from a remote SPARQL store; "
                                     "serve the graf store itself for feeds and the report")
        return GraphStore(self.config.store_path, read_only=True)

    def feed(self, rest: str) -> Response:
        """/feed/organ/… (a committee), /feed/kommun/… (a municipality), /feed/sfs/NUMBER."""
        from graf.feeds import feed_for

        kind, _, key = unquote(rest).partition("/")
        if not key or kind not in ("organ", "kommun", "sfs"):
            raise WorkerFailure(404, "feeds: /feed/organ/…, /feed/kommun/… or /feed/sfs/NUMBER")
        if self._built is None:
            from graf.search import SearchIndex

            index = self._search_index()
            self._built = {}
            if index is not None:
                with SearchIndex(index, read_only=True) as idx:
                    self._built = idx.built_times()
        iri = self.config.base + kind + "/" + key
        with self._store() as store:
            text = feed_for(store, committee=iri if kind == "organ" else None,
                            municipality=iri if kind == "kommun" else None, statute=key if kind == "sfs" else None,
                            base=self.config.base, built=self._built, self_url=f"{self.url}/feed/{rest}")
        return Response(200, text.encode("utf-8"), "application/atom+xml")

    def report(self, request: Request) -> Response:
        from graf.report import paper_reports

        if self._report is None:  # the served graph does not change while it is served
            with self._store() as store:
                self._report = paper_reports(store)
        return Response(200, pages.report_page(self._report, self.linker), F.HTML)

    # -- readable pages (graf.serve.views): fixed queries with the IRI substituted, lookup lane

    def _run_view_query(self, query: str, substitutions: dict[str, str]) -> list[dict]:
        limits = self.config.limits
        # the page queries are graf's own fixed texts: the SERVICE guard (a parse of the text
        # with rdflib, a tenth of a second per query) is for texts that come with a request
        job = {"op": "query", "query": query, "max_rows": views.MAX_ROWS,
               "substitutions": {k: ("uri", v) for k, v in substitutions.items()},
               "limits": {"max_bytes": limits.max_bytes, "max_value_chars": limits.max_value_chars,
                          "refuse_service": False}}
        result = self.lanes.lookup.run(job, self.config.timeout)
        names = result["vars"]
        return [{n: (t[1] if t is not None else None) for n, t in zip(names, row)} for row in result["rows"]]

    def _view(self, kind: str, data: dict, params: dict[str, list[str]]):
        run, iri = self._run_view_query, data["iri"]

        def number(name: str) -> int:
            value = params.get(name, ["1"])[0]
            return int(value) if value.isdigit() and len(value) < 7 else 1

        if kind == "meeting":
            return views.meeting_view(run, iri)
        if kind == "item":
            return views.item_view(run, iri)
        if kind == "person":
            return views.person_view(run, iri, number("sida"), number("aktivitet"))
        if kind == "party":
            return views.party_view(run, iri, number("aktivitet"))
        if kind == "committee":
            return views.committee_view(run, iri, number("sida"))
        if kind == "municipality":
            return views.municipality_view(run, iri)
        if kind == "statute":
            return views.statute_view(run, iri)
        if kind == "district":
            return views.district_view(run, iri, [span["document"] for span in data.get("provenance", [])])
        if kind == "paper":
            values: dict[str, list[str]] = {}
            for p, o in data["outgoing"]:
                values.setdefault(p[1], []).append(o[1])
            return views.paper_view(run, iri, values)
        return views.case_view(run, iri)

    @staticmethod
    def _passages_shown(data: dict) -> dict:
        """A readable page quotes the first few passages; the RDF view has the rest."""
        return {**data, "provenance": data.get("provenance", [])[:PASSAGES_SHOWN]}


# ----------------------------------------------------------------------------- the HTTP server


def _protocol_class():
    """uvicorn's h11 protocol, plus a deadline for a request's headers: uvicorn closes an idle
    keep-alive connection only after a first response, so a client that connects and sends
    nothing (or a header a byte at a time) would hold its socket forever."""
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class Protocol(H11Protocol):
        def connection_made(self, transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._header_timer = self.loop.call_later(IDLE_SECONDS, self._no_request)

        def on_response_complete(self) -> None:
            super().on_response_complete()
            if getattr(self, "_header_timer", None) is not None:
                self._header_timer.cancel()
            self._header_timer = self.loop.call_later(IDLE_SECONDS + 1, self._no_request)

        def _no_request(self) -> None:
            cycle = self.cycle
            if (cycle is None or cycle.response_complete) and not self.transport.is_closing():
                self.transport.close()

        def connection_lost(self, exc) -> None:
            if getattr(self, "_header_timer", None) is not None:
                self._header_timer.cancel()
            super().connection_lost(exc)

    return Protocol


def _max_connections() -> int:
    """Open connections beyond this are answered 503 at once (sockets are file descriptors)."""
    try:
        import resource

        soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    except (ImportError, OSError, ValueError):
        soft = 1024
    return max(64, min(4096, soft - 128) if soft > 0 else 4096)


class GrafServer:
    """A bound server (not yet serving): ``url``, ``config``, ``pool``; serve with
    serve_forever() or start_in_thread(), stop with close()."""

    def __init__(self, app: GrafApp, sock: socket.socket, verbose: bool = False):
        import uvicorn

        self.app = app
        self.config = app.config
        self.pool = app.pool
        self.lanes = app.lanes
        self.socket = sock
        host, port = sock.getsockname()[:2]
        self.url = f"http://{host}:{port}" if ":" not in host else f"http://[{host}]:{port}"
        app.url = self.url
        self.uvicorn = uvicorn.Server(uvicorn.Config(
            app, http=_protocol_class(), lifespan="off", timeout_keep_alive=int(IDLE_SECONDS),
            limit_concurrency=_max_connections(), backlog=BACKLOG, server_header=False,
            log_level="info" if verbose else "warning", access_log=verbose))
        self.temp_folder: str | None = None
        self._thread: threading.Thread | None = None
        self._closed = False

    @property
    def server_address(self):
        return self.socket.getsockname()

    def summary(self) -> dict:
        return self.app.summary()

    def run(self) -> None:
        self.uvicorn.run(sockets=[self.socket])

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.uvicorn.should_exit = True
        if self._thread is not None:
            self._thread.join(10)
        try:
            self.socket.close()
        except OSError:
            pass
        self.app.close()
        if self.temp_folder:
            shutil.rmtree(self.temp_folder, ignore_errors=True)


# ----------------------------------------------------------------------------- start / stop


def _prepare_store(data: str | None, store_dir: str | None) -> tuple[str, bool, str | None]:
    """(store path for the workers, union-default-graph flag, temp folder to delete)."""
    from graf import publish

    if data:
        source = publish.load_file(data)
        folder = tempfile.mkdtemp(prefix="graf-serve-")
        publish.materialise(source, Path(folder) / "store")
        del source
        return str(Path(folder) / "store"), False, folder
    publish.open_store_dir(store_dir)  # a clear error now rather than in every worker
    # graf's store keeps the deduplicated union of the papers in its default graph
    return str(store_dir), False, None


def _recorded_base(data: str | None, store_dir: str | None) -> str | None:
    """The base the graph was built with (graf:bas, the store manifest), so `graf serve`
    answers for its IRIs without being told again; --base overrides."""
    from graf.store import recorded_base

    return recorded_base(data=data) if data else recorded_base(store_dir=store_dir)


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto IPPROTO_TCP, not the default 0: asyncio turns Nagle's algorithm off (TCP_NODELAY)
    # only on accepted sockets whose proto says TCP; with it on, every response after a
    # connection's first waited for the client's delayed ACK (~40 ms per keep-alive request)
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(BACKLOG)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def make_server(*, data: str | None = None, store_dir: str | None = None, endpoint: str | None = None,
                host: str = "127.0.0.1", port: int = 8000, base: str | None = None, timeout: float = 10.0,
                max_rows: int = 10_000, workers: int = 2, memory_quads: int | None = None,
                verbose: bool = False, login=None) -> GrafServer:
    """Load the data, start the query workers, then bind the HTTP server (not yet serving).

    ``memory_quads``: each worker copies a store of at most this many quads into memory and
    answers from the copy (default: the setting GRAF_SERVE_MEMORY_QUADS, see graf.settings;
    0 keeps every query on the on-disk store). ``base`` is checked as `graf build` checks it
    (graf.settings.base_iri). Answer limits and the worker memory cap come from the settings
    GRAF_SERVE_MAX_ANSWER_MB, GRAF_SERVE_MAX_VALUE_CHARS and GRAF_SERVE_WORKER_MB."""
    from graf import publish

    if sum(map(bool, (data, store_dir, endpoint))) != 1:
        raise UsageError("give exactly one of --data GRAPH, --store DIR or --endpoint URL")
    if timeout <= 0 or max_rows <= 0 or workers <= 0:
        raise UsageError("--timeout, --max-rows and --workers must be positive")
    if memory_quads is None:
        memory_quads = settings.serve_memory_quads()
    if memory_quads < 0:
        raise UsageError("the in-memory quad limit must be 0 or more")
    limits = AnswerLimits(max_bytes=settings.serve_max_answer_bytes(),
                          max_value_chars=settings.serve_max_value_chars())
    if endpoint:
        return _remote_server(endpoint, host=host, port=port, base=base, timeout=timeout, max_rows=max_rows,
                              limits=limits, verbose=verbose, login=login)
    worker_bytes = settings.serve_worker_bytes()
    store_path, union, tmp = _prepare_store(data, store_dir)
    try:
        base = settings.base_iri(base or _recorded_base(data, store_dir))
    except GrafError:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
        raise
    prefixes = publish.prefixes()
    config = ServerConfig(base=base, timeout=timeout, max_rows=max_rows, data=data, store_dir=store_dir,
                          store_path=store_path, prefixes=prefixes, context=publish.jsonld_context(),
                          limits=limits)
    pools: list[WorkerPool] = []
    try:
        for name, size in (("query", workers), ("lookup", 1), ("slow", 1)):
            pools.append(WorkerPool(store_path, union, size=size, prefixes=prefixes, memory_quads=memory_quads,
                                    max_worker_bytes=worker_bytes, name=name))
    except RuntimeError as exc:
        for pool in pools:
            pool.close()
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
        raise GrafError(str(exc)) from None
    app = GrafApp(config, Lanes(*pools))
    try:
        sock = _bind(host, port)
    except OSError as exc:
        app.close()
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
        raise UsageError(f"cannot listen on {host}:{port} ({exc.strerror or exc})") from None
    server = GrafServer(app, sock, verbose=verbose)
    server.temp_folder = tmp
    app.start_dumps()
    return server


def _remote_server(endpoint: str, *, host: str, port: int, base: str | None, timeout: float, max_rows: int,
                   limits: AnswerLimits, verbose: bool, login) -> GrafServer:
    """The server with every lane answering from a remote SPARQL store (graf.serve.remote_store)."""
    from graf import publish
    from graf.remote import checked_url
    from graf.serve.remote_store import RemotePool
    from graf.store import _RECORDED_BASE

    checked_url(endpoint)  # a login in the URL is refused before anything is sent
    prefixes = publish.prefixes()
    pools = [RemotePool(endpoint, prefixes, timeout, login, name) for name in ("query", "lookup", "slow")]
    pools[0].check()
    if not base:  # the base the graph was built with, as the store holds it (graf:bas)
        rows = pools[0].run({"op": "query", "query": _RECORDED_BASE, "max_rows": 2,
                             "limits": {"refuse_service": False}}, timeout)["rows"]
        if len(rows) > 1:
            raise UsageError("the store holds papers built with several bases; give --base")
        base = rows[0][0][1] if rows and rows[0][0] else None
    config = ServerConfig(base=settings.base_iri(base), timeout=timeout, max_rows=max_rows, prefixes=prefixes,
                          context=publish.jsonld_context(), limits=limits, endpoint=endpoint)
    app = GrafApp(config, Lanes(*pools))  # type: ignore[arg-type]
    try:
        sock = _bind(host, port)
    except OSError as exc:
        app.close()
        raise UsageError(f"cannot listen on {host}:{port} ({exc.strerror or exc})") from None
    return GrafServer(app, sock, verbose=verbose)


def start_in_thread(server: GrafServer) -> threading.Thread:
    """Serve from a background thread (tests, notebooks); stop with server.close()."""
    thread = threading.Thread(target=server.run, daemon=True)
    server._thread = thread
    thread.start()
    deadline = time.monotonic() + 10
    while not server.uvicorn.started and time.monotonic() < deadline and thread.is_alive():
        time.sleep(0.01)
    return thread


def serve_forever(server: GrafServer, verbose: bool = True) -> None:
    """Serve until Ctrl-C or SIGTERM (uvicorn handles both), then clean up."""
    if verbose:
        import logging

        server.uvicorn.config.access_log = True
        for name in ("uvicorn.error", "uvicorn.access"):
            logging.getLogger(name).setLevel(logging.INFO)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
