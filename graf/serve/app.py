"""The HTTP server: SPARQL 1.1 Protocol at /sparql (read-only), a landing page, canned queries,
downloadable dumps and every IRI under the base dereferenceable as HTML, Turtle or JSON-LD.

Queries run in worker processes (graf.serve.workers) so each can be stopped at its time limit.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from graf import settings
from graf.errors import GrafError, UsageError
from graf.serve import formats as F
from graf.serve import pages
from graf.serve.guard import is_update, uses_service
from graf.serve.workers import WorkerFailure, WorkerPool

MAX_BODY = 1_000_000  # bytes of POST body (a query text); more is refused
DUMPS = [("graf.ttl", "hela grafen i Turtle", "text/turtle"),
         ("graf.nq", "N-Quads, en namngiven graf per handling", "application/n-quads"),
         ("graf.jsonld", "JSON-LD, sammanträden med ärenden och beslut", "application/ld+json"),
         ("dcat.ttl", "DCAT-AP-SE-beskrivning av datamängden", "text/turtle")]

_SUMMARY_QUERIES = {
    "triples": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "papers": "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d graf:text ?t }",
    "meetings": "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m a besluit:Zitting }",
    "dates": """SELECT (MIN(?d) AS ?first) (MAX(?d) AS ?last)
                WHERE { ?m a besluit:Zitting ; dct:date ?d }""",
    "classes": """SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?class }
                  GROUP BY ?class ORDER BY DESC(?n) ?class""",
    "committees": """SELECT ?body (SAMPLE(?l) AS ?label) (COUNT(DISTINCT ?m) AS ?n)
                            (MIN(?d) AS ?first) (MAX(?d) AS ?last)
                     WHERE { ?m a besluit:Zitting ; besluit:isGehoudenDoor ?body .
                             OPTIONAL { ?body rdfs:label ?l } OPTIONAL { ?m dct:date ?d } }
                     GROUP BY ?body ORDER BY DESC(?n) ?body""",
}


@dataclass
class ServerConfig:
    base: str
    timeout: float = 10.0
    max_rows: int = 10_000
    data: str | None = None
    store_dir: str | None = None
    prefixes: dict[str, str] = field(default_factory=dict)
    context: dict = field(default_factory=dict)


class GrafServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address, config: ServerConfig, pool: WorkerPool):
        super().__init__(address, Handler)
        self.config = config
        self.pool = pool
        self.linker = pages.Linker(config.base, config.prefixes)
        self._summary: dict | None = None
        self._summary_lock = threading.Lock()
        self._dump_dir: Path | None = None
        self._dump_lock = threading.Lock()

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    # -- cached views

    def summary(self) -> dict:
        with self._summary_lock:
            if self._summary is None:
                self._summary = self._compute_summary()
            return self._summary

    def _compute_summary(self) -> dict:
        timeout = max(self.config.timeout, 30.0)
        big = 10_000
        run = lambda q: self.pool.run({"op": "query", "query": q, "max_rows": big}, timeout)  # noqa: E731
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
                              "last": value(la)}
                             for b, lab, k, f, la in run(_SUMMARY_QUERIES["committees"])["rows"]
                             if b and b[0] == "uri"]
        return out

    def dump_dir(self) -> Path:
        """The dumps, written on first request (a large graph is not exported at start-up)."""
        with self._dump_lock:
            if self._dump_dir is None:
                from graf import publish

                folder = Path(tempfile.mkdtemp(prefix="graf-dumps-"))
                quads = publish.open_source(self.config.data, self.config.store_dir)
                info = publish.CatalogInfo(download_base=None)
                publish.export(quads, folder, info)
                del quads
                self._dump_dir = folder
            return self._dump_dir

    def close(self) -> None:
        self.shutdown() if getattr(self, "_serving", False) else None
        self.server_close()
        self.pool.close()
        if self._dump_dir is not None:
            shutil.rmtree(self._dump_dir, ignore_errors=True)


class Handler(BaseHTTPRequestHandler):
    server: GrafServer
    server_version = "graf"
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):  # quiet by default; the CLI enables logging
        if getattr(self.server, "verbose", False):
            super().log_message(fmt, *args)

    # -- plumbing

    def _send(self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None):
        self.send_response(status)
        ctype = content_type if "charset" in content_type or not (
            content_type.startswith("text/") or content_type.endswith(("json", "+xml"))) \
            else content_type + "; charset=utf-8"
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept")
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        if F.wants_html(self.headers.get("Accept")):
            self._send(status, pages.error_page(status, message), F.HTML)
        else:
            self._send(status, (message + "\n").encode("utf-8"), "text/plain")

    def _params(self) -> dict[str, list[str]]:
        return parse_qs(urlsplit(self.path).query, keep_blank_values=True)

    def _read_body(self) -> bytes:
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            raise WorkerFailure(400, "bad Content-Length") from None
        if length > MAX_BODY:
            raise WorkerFailure(413, f"request body larger than {MAX_BODY} bytes")
        return self.rfile.read(length) if length > 0 else b""

    # -- dispatch

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        self._dispatch(None)

    def do_POST(self):
        try:
            body = self._read_body()
        except WorkerFailure as exc:
            self._error(exc.status, exc.message)
            return
        self._dispatch(body)

    def _dispatch(self, body: bytes | None) -> None:
        path = urlsplit(self.path).path
        try:
            if path == "/sparql":
                self.sparql(body)
            elif body is not None:
                self._error(405, "only /sparql accepts POST")
            elif path == "/":
                self.landing()
            elif path.startswith("/query/"):
                self.canned(unquote(path[len("/query/"):]))
            elif path.startswith("/dump/"):
                self.dump(unquote(path[len("/dump/"):]))
            elif path == "/favicon.ico":
                self._send(404, b"", "text/plain")
            else:
                self.resource(path)
        except WorkerFailure as exc:
            self._error(exc.status, exc.message)
        except GrafError as exc:
            self._error(400, str(exc))
        except (BrokenPipeError, ConnectionResetError):
            pass

    # -- SPARQL protocol

    def sparql(self, body: bytes | None) -> None:
        params = self._params()
        query = None
        if body is not None:
            ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
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
            if F.wants_html(self.headers.get("Accept")) or body is None:
                from graf.resources import query_names

                try:
                    names = query_names()
                except GrafError:
                    names = []
                self._send(200, pages.layout("SPARQL", pages.query_form(
                    "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 25", names)), F.HTML)
                return
            raise WorkerFailure(400, "missing query")
        self.run_query(query, "SPARQL", params.get("format", [None])[0],
                       f"/sparql?{__import__('urllib.parse').parse.urlencode({'query': query})}")

    def run_query(self, query: str, title: str, explicit_format: str | None, page_href: str) -> None:
        cfg = self.server.config
        if is_update(query):
            raise WorkerFailure(403, "this endpoint is read-only: SPARQL Update is not accepted")
        if uses_service(query):
            raise WorkerFailure(403, "SERVICE (federated queries) is not allowed on this endpoint")
        if params_default_graph := [k for k in self._params() if k in ("default-graph-uri", "named-graph-uri")]:
            raise WorkerFailure(400, f"{params_default_graph[0]} is not supported; use FROM / GRAPH in the query")
        started = time.monotonic()
        result = self.server.pool.run({"op": "query", "query": query, "max_rows": cfg.max_rows}, cfg.timeout)
        elapsed = time.monotonic() - started
        kind = result["kind"]
        offers = {"select": F.SELECT_TYPES, "ask": F.ASK_TYPES, "graph": F.GRAPH_TYPES}[kind]
        media = F.negotiate(self.headers.get("Accept"), offers, explicit_format)
        if media is None:
            raise WorkerFailure(406, f"cannot answer a {kind.upper()} query in the requested format; "
                                     f"available: {', '.join(offers)}")
        headers = {}
        if result.get("truncated"):
            # the header Virtuoso uses for the same situation
            headers["X-SPARQL-MaxRows"] = str(cfg.max_rows)
        if media == F.HTML:
            body = pages.results_page(title, query, result, self.server.linker, elapsed, cfg.max_rows,
                                      pages.download_links(page_href, kind))
        elif kind == "select":
            body = {F.JSON: F.select_json, F.XML: F.select_xml, F.CSV: F.select_csv,
                    F.TSV: F.select_tsv}[media](result["vars"], result["rows"])
        elif kind == "ask":
            body = F.ask_json(result["value"]) if media == F.JSON else F.ask_xml(result["value"])
        else:
            body = F.graph_bytes(result["triples"], media, cfg.prefixes)
        self._send(200, body, media, headers)

    # -- pages

    def landing(self) -> None:
        from graf.resources import query_names

        try:
            names = query_names()
        except GrafError:
            names = []
        body = pages.landing(self.server.summary(), names, [(n, d) for n, d, _ in DUMPS],
                             self.server.linker, self.server.url + "/sparql")
        self._send(200, body, F.HTML)

    def canned(self, name: str) -> None:
        from graf.resources import query_names, read_query

        if name not in query_names():
            raise WorkerFailure(404, f"no canned query {name!r}")
        text = read_query(name)
        self.run_query(text, f"Fråga: {name}", self._params().get("format", [None])[0], f"/query/{name}")

    def dump(self, name: str) -> None:
        known = {n: media for n, _, media in DUMPS}
        if name not in known:
            raise WorkerFailure(404, f"no dump {name!r}")
        path = self.server.dump_dir() / name
        self._send(200, path.read_bytes(), known[name],
                   {"Content-Disposition": f'inline; filename="{name}"'})

    def resource(self, path: str) -> None:
        cfg = self.server.config
        rel = path.lstrip("/")
        candidates = [cfg.base + unquote(rel)]
        if unquote(rel) != rel:
            candidates.append(cfg.base + rel)
        data = None
        for iri in candidates:
            try:
                data = self.server.pool.run({"op": "resource", "iri": iri, "max_links": 500}, cfg.timeout)
            except WorkerFailure as exc:
                if exc.status == 500 and "Invalid IRI" in exc.message:
                    continue
                raise
            if data is not None:
                break
        if data is None:
            raise WorkerFailure(404, f"nothing is known about {candidates[0]}")
        iri = data["iri"]
        explicit = self._params().get("format", [None])[0]
        media = F.negotiate(self.headers.get("Accept"), [F.HTML, F.TURTLE, F.JSONLD, F.NTRIPLES, F.RDFXML],
                            explicit)
        if media is None:
            raise WorkerFailure(406, "available: text/html, text/turtle, application/ld+json, "
                                     "application/n-triples, application/rdf+xml")
        if media == F.HTML:
            fmts = ", ".join(f'<a href="{path}?format={f}">{f}</a>' for f in ("ttl", "jsonld", "nt"))
            self._send(200, pages.resource_page(data, self.server.linker, fmts), F.HTML,
                       {"Link": f'<{iri}>; rel="canonical"'})
            return
        node = ("uri", iri)
        triples = [(node, p, o) for p, o in data["outgoing"]]
        triples += [(("uri", frag), p, o) for frag, pairs in data["fragments"].items() for p, o in pairs]
        triples += [(s, p, node) for s, p in data["incoming"]]
        if media == F.JSONLD:
            body = F.jsonld_compact(triples, cfg.context or cfg.prefixes)
        else:
            body = F.graph_bytes(triples, media, cfg.prefixes)
        self._send(200, body, media)


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


def make_server(*, data: str | None = None, store_dir: str | None = None, host: str = "127.0.0.1",
                port: int = 8000, base: str | None = None, timeout: float = 10.0, max_rows: int = 10_000,
                workers: int = 2, memory_quads: int | None = None) -> GrafServer:
    """Load the data, start the query workers, then bind the HTTP server (not yet serving).

    ``memory_quads``: each worker copies a store of at most this many quads into memory and
    answers from the copy (default: the setting GRAF_SERVE_MEMORY_QUADS, see graf.settings;
    0 keeps every query on the on-disk store). ``base`` is checked as `graf build` checks it
    (graf.settings.base_iri)."""
    from graf import publish

    if bool(data) == bool(store_dir):
        raise UsageError("give exactly one of --data GRAPH or --store DIR")
    if timeout <= 0 or max_rows <= 0 or workers <= 0:
        raise UsageError("--timeout, --max-rows and --workers must be positive")
    if memory_quads is None:
        memory_quads = settings.serve_memory_quads()
    if memory_quads < 0:
        raise UsageError("the in-memory quad limit must be 0 or more")
    base = settings.base_iri(base)
    store_path, union, tmp = _prepare_store(data, store_dir)
    prefixes = publish.prefixes()
    config = ServerConfig(base=base, timeout=timeout, max_rows=max_rows, data=data, store_dir=store_dir,
                          prefixes=prefixes, context=publish.jsonld_context())
    try:
        pool = WorkerPool(store_path, union, size=workers, prefixes=prefixes, memory_quads=memory_quads)
    except RuntimeError as exc:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
        raise GrafError(str(exc)) from None
    try:
        server = GrafServer((host, port), config, pool)
    except OSError as exc:
        pool.close()
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
        raise UsageError(f"cannot listen on {host}:{port} ({exc.strerror or exc})") from None
    server.temp_folder = tmp
    original_close = server.close

    def close() -> None:
        original_close()
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)

    server.close = close  # type: ignore[method-assign]
    return server


def start_in_thread(server: GrafServer) -> threading.Thread:
    """Serve from a background thread (tests, notebooks); stop with server.close()."""
    server._serving = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    return thread


def serve_forever(server: GrafServer, verbose: bool = True) -> None:
    import signal

    def _stop(signum, frame):  # SIGTERM (systemd, docker stop): clean up like Ctrl-C
        raise KeyboardInterrupt

    server.verbose = verbose
    try:
        signal.signal(signal.SIGTERM, _stop)
    except ValueError:  # not the main thread
        pass
    try:
        server.serve_forever(poll_interval=0.5)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        server.pool.close()
        tmp = getattr(server, "temp_folder", None)
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
        if server._dump_dir is not None:
            shutil.rmtree(server._dump_dir, ignore_errors=True)
