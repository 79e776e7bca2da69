"""graf push never destroys or lies, and remote queries never come back short in silence.

A real Oxigraph server stands behind a small proxy of ours that misbehaves the way stores and
proxies do: a 413 body limit, a redirect to a login page, a login, no MOVE, a store that dies
mid-push, a row cap, an answer that trickles in.
"""

from __future__ import annotations

import base64
import http.client
import json
import re
import shutil
import threading
import time
import urllib.parse
from collections import Counter
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from test_remote_oxigraph import OXIGRAPH, oxigraph  # noqa: F401  (the server fixture)

from graf.remote import query_endpoint

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(OXIGRAPH is None, reason="no oxigraph server binary (pip install oxigraph)")

# rule(method, path, headers, body) -> None to forward, or (status, headers, body) to answer;
# after(method, path, status, headers, body) may rewrite the store's answer
Rule = Callable[[str, str, dict, bytes], "tuple[int, dict, bytes] | None"]
# shutdown() returns at the serving loop's next poll (0.5 s by default): every test that stops a
# proxy waited that long for nothing
POLL_SECONDS = 0.02


class Proxy:
    def __init__(self, upstream: str, rule: Rule | None = None, after=None):
        self.upstream = urllib.parse.urlsplit(upstream)
        self.rule = rule or (lambda *a: None)
        self.after = after
        self.requests: list[tuple[str, str, int]] = []  # method, path, body size
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def _any(self):
                size = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(size) if size else b""
                headers = {k: v for k, v in self.headers.items()}
                proxy.requests.append((self.command, self.path, len(body)))
                answer = proxy.rule(self.command, self.path, headers, body)
                if answer is None:
                    conn = http.client.HTTPConnection(proxy.upstream.hostname, proxy.upstream.port, timeout=60)
                    keep = {k: v for k, v in headers.items() if k.lower() in ("content-type", "accept")}
                    conn.request(self.command, self.path, body=body or None, headers=keep)
                    resp = conn.getresponse()
                    answer = (resp.status, {k: v for k, v in resp.getheaders()
                                            if k.lower() in ("content-type", "location")}, resp.read())
                    conn.close()
                    if proxy.after is not None:
                        answer = proxy.after(self.command, self.path, *answer)
                if answer == "drop":
                    self.close_connection = True
                    self.connection.close()
                    return
                status, out_headers, data = answer
                self.send_response(status)
                for k, v in out_headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_DELETE = _any

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, args=(POLL_SECONDS,), daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture()
def proxies():
    made = []

    def make(upstream, rule=None, after=None):
        p = Proxy(upstream, rule, after)
        made.append(p)
        return p

    yield make
    for p in made:
        p.close()


@pytest.fixture(scope="module")
def papers(tmp_path_factory):
    """The repository's two invented examples built to N-Quads, and the same with the minutes
    corrected (one item's title reworded)."""
    from graf.cli import main

    folder = tmp_path_factory.mktemp("papers")
    first, second = folder / "first", folder / "second"
    shutil.copytree(ROOT / "examples", first)
    shutil.copytree(ROOT / "examples", second)
    minutes = next(second.glob("protokoll-*"))
    text = minutes.read_text(encoding="utf-8")
    assert "Remiss" in text
    minutes.write_text(text.replace("Remiss", "Rättad remiss", 1), encoding="utf-8")
    out = {}
    for name, src in (("first", first), ("second", second)):
        out[name] = folder / f"{name}.nq"
        assert main(["build", str(src), "--out", str(out[name]), "-q"]) == 0
    out["one"] = folder / "one.nq"
    assert main(["build", str(next(first.glob("dagordning-*"))), "--out", str(out["one"]), "-q"]) == 0
    return out


def _answers(url: str, data: Path | None = None, name: str = "items") -> Counter:
    from graf.resources import read_query
    from graf.store import run_query

    text = read_query(name)
    _, rows = run_query(text, str(data)) if data else query_endpoint(url + "/query", text)
    return Counter(tuple(str(t) for t in row) for row in rows)


def _graphs(url: str) -> dict[str, int]:
    _, rows = query_endpoint(url + "/query", "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    return {str(g): int(n) for g, n in rows}


def _default_size(url: str) -> int:
    _, rows = query_endpoint(url + "/query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    return int(rows[0][0])


# ----------------------------------------------------------------------------- push


def test_a_proxy_413_leaves_the_published_graph_as_it_was(oxigraph, proxies, papers, graf_cli):  # noqa: F811
    url = oxigraph()
    assert graf_cli("push", "--data", str(papers["first"]), "--endpoint", url + "/update", "-q").returncode == 0
    published = _answers(url)
    size = _default_size(url)
    assert published == _answers(url, papers["first"])

    def limit(method, path, headers, body):
        if len(body) > 300:
            return 413, {"Content-Type": "text/plain"}, b"Request Entity Too Large: body over 300 bytes"
        return None

    proxy = proxies(url, limit)
    res = graf_cli("push", "--data", str(papers["second"]), "--endpoint", proxy.url + "/update")
    # nothing published was dropped or half replaced (checked first: this is the harm)
    assert (_default_size(url), _answers(url) == published) == (size, True), res.stderr
    assert res.returncode == 2
    assert "HTTP 413" in res.stderr and "body over 300 bytes" in res.stderr, res.stderr
    assert "wholly as before" in res.stderr


def test_chunks_halve_until_the_store_takes_them(oxigraph, proxies, papers, graf_cli):  # noqa: F811
    url = oxigraph()

    def limit(method, path, headers, body):
        if len(body) > 40_000:
            return 413, {}, b"too large"
        return None

    proxy = proxies(url, limit)
    res = graf_cli("push", "--data", str(papers["first"]), "--endpoint", proxy.url + "/update")
    assert res.returncode == 0, res.stderr
    assert _answers(url) == _answers(url, papers["first"])
    assert _answers(url, name="persons") == _answers(url, papers["first"], name="persons")
    assert any(size > 40_000 for _, _, size in proxy.requests)  # the limit was met, and got past


def test_a_redirect_to_a_login_page_is_a_failure(oxigraph, proxies, papers, graf_cli):  # noqa: F811
    url = oxigraph()

    def login_page(method, path, headers, body):
        if path.startswith("/login"):
            return 200, {"Content-Type": "text/html"}, b"<html><body>Please log in</body></html>"
        return 302, {"Location": "/login"}, b""

    proxy = proxies(url, login_page)
    res = graf_cli("push", "--data", str(papers["first"]), "--endpoint", proxy.url + "/update")
    assert res.returncode == 2, res.stderr
    assert "redirect" in res.stderr and "pushed" not in res.stderr
    assert _default_size(url) == 0


def test_a_login_in_the_url_is_refused_without_echoing_it(graf_cli, papers):
    res = graf_cli("push", "--data", str(papers["one"]), "--endpoint", "http://anna:hemligt-123@127.0.0.1:9/update")
    assert res.returncode == 2
    assert "hemligt-123" not in res.stderr + res.stdout
    assert "GRAF_ENDPOINT_PASSWORD" in res.stderr
    res = graf_cli("query", "meetings", "--endpoint", "http://anna:hemligt-123@127.0.0.1:9/query")
    assert res.returncode == 2 and "hemligt-123" not in res.stderr + res.stdout


def test_a_basic_login_comes_from_the_environment(oxigraph, proxies, papers, graf_cli):  # noqa: F811
    url = oxigraph()
    token = "Basic " + base64.b64encode(b"anna:pa ss:word").decode()

    def guard(method, path, headers, body):
        if headers.get("Authorization") != token:
            return 401, {"WWW-Authenticate": 'Basic realm="store"'}, b"login required"
        return None

    proxy = proxies(url, guard)
    res = graf_cli("push", "--data", str(papers["one"]), "--endpoint", proxy.url + "/update")
    assert res.returncode == 2 and "GRAF_ENDPOINT_USER" in res.stderr
    env = {"GRAF_ENDPOINT_USER": "anna", "GRAF_ENDPOINT_PASSWORD": "pa ss:word"}
    res = graf_cli("push", "--data", str(papers["one"]), "--endpoint", proxy.url + "/update", env=env)
    assert res.returncode == 0, res.stderr
    assert "pa ss:word" not in res.stderr
    assert _answers(url) == _answers(url, papers["one"])


def test_a_corrected_paper_replaces_its_graph_and_a_vanished_one_is_dropped(oxigraph, papers, graf_cli):  # noqa: F811
    url = oxigraph()
    assert graf_cli("push", "--data", str(papers["first"]), "--endpoint", url + "/update", "-q").returncode == 0
    first = {g for g in _graphs(url) if "/graph/paper/" in g}
    assert len(first) == 2
    res = graf_cli("push", "--data", str(papers["second"]), "--endpoint", url + "/update")
    assert res.returncode == 0 and "1 changed" in res.stderr and "1 unchanged" in res.stderr, res.stderr
    assert {g for g in _graphs(url) if "/graph/paper/" in g} == first  # same names, no stale graph
    for name in ("items", "meetings", "persons", "citations"):
        assert _answers(url, name=name) == _answers(url, papers["second"], name=name), name
    # the data now holds one paper: the other's graph goes, and the union forgets what only it said
    res = graf_cli("push", "--data", str(papers["one"]), "--endpoint", url + "/update")
    assert res.returncode == 0 and "1 removed" in res.stderr, res.stderr
    assert len({g for g in _graphs(url) if "/graph/paper/" in g}) == 1
    for name in ("items", "meetings", "persons"):
        assert _answers(url, name=name) == _answers(url, papers["one"], name=name), name
    # an increment keeps what the data does not mention
    res = graf_cli("push", "--data", str(papers["first"]), "--endpoint", url + "/update", "--increment")
    assert res.returncode == 0
    assert _answers(url) == _answers(url, papers["first"])


def test_move_not_supported_falls_back_inside_one_request(oxigraph, proxies, papers, graf_cli):  # noqa: F811
    url = oxigraph()
    assert graf_cli("push", "--data", str(papers["first"]), "--endpoint", url + "/update", "-q").returncode == 0

    def no_move(method, path, headers, body):
        if b"MOVE" in body:
            return 400, {}, b"Parse error: MOVE is not supported by this store"
        return None

    proxy = proxies(url, no_move)
    res = graf_cli("push", "--data", str(papers["second"]), "--endpoint", proxy.url + "/update", "--method", "update")
    assert res.returncode == 0, res.stderr
    assert _answers(url) == _answers(url, papers["second"])


def test_a_store_that_dies_mid_push_is_reported_with_what_holds(oxigraph, proxies, papers, graf_cli):  # noqa: F811
    url = oxigraph()
    assert graf_cli("push", "--data", str(papers["first"]), "--endpoint", url + "/update", "-q").returncode == 0
    before = _answers(url)
    seen = []

    def dies(method, path, headers, body):
        seen.append(path)
        return "drop" if method != "GET" and len(seen) > 3 else None

    proxy = proxies(url, dies)
    res = graf_cli("push", "--data", str(papers["second"]), "--endpoint", proxy.url + "/update", "--method", "update")
    assert res.returncode == 2
    assert "push stopped after 0 of 1" in res.stderr and "wholly as before" in res.stderr, res.stderr
    assert _answers(url) == before
    # the next push completes it
    assert graf_cli("push", "--data", str(papers["second"]), "--endpoint", url + "/update", "-q").returncode == 0
    assert _answers(url) == _answers(url, papers["second"])


def test_a_store_that_dies_before_the_first_write_is_reported_as_unchanged(oxigraph, proxies, papers,  # noqa: F811
                                                                           graf_cli):
    url = oxigraph()
    assert graf_cli("push", "--data", str(papers["first"]), "--endpoint", url + "/update", "-q").returncode == 0
    before = _answers(url)
    proxy = proxies(url, lambda *request: "drop")  # the store is gone from the first request on
    res = graf_cli("push", "--data", str(papers["second"]), "--endpoint", proxy.url + "/update")
    assert res.returncode == 2
    assert "nothing at the store was changed" in res.stderr, res.stderr
    assert _answers(url) == before


# ----------------------------------------------------------------------------- queries


def _capped(cap: int):
    def after(method, path, status, headers, body):
        if not path.startswith("/query") or status != 200:
            return status, headers, body
        data = json.loads(body)
        rows = data.get("results", {}).get("bindings", [])
        if len(rows) > cap:
            data["results"]["bindings"] = rows[:cap]
            headers = {**headers, "X-SPARQL-MaxRows": str(cap)}
        return status, headers, json.dumps(data).encode()
    return after


def test_a_row_cap_is_paged_around_or_refused(oxigraph, proxies, papers, graf_cli, tmp_path):  # noqa: F811
    url = oxigraph()
    assert graf_cli("push", "--data", str(papers["first"]), "--endpoint", url + "/update", "-q").returncode == 0
    proxy = proxies(url, after=_capped(4))
    whole = _answers(url)
    assert sum(whole.values()) > 8
    assert _answers(proxy.url) == whole  # ordered: fetched page by page
    res = graf_cli("query", "items", "--endpoint", proxy.url + "/query", "--format", "json", "--limit", "6",
                   "--offset", "1")
    assert res.returncode == 0, res.stderr
    assert len(json.loads(res.stdout)["results"]["bindings"]) == 6
    unordered = tmp_path / "unordered.rq"
    unordered.write_text("SELECT ?s ?o WHERE { ?s <http://purl.org/dc/terms/title> ?o }", encoding="utf-8")
    res = graf_cli("query", str(unordered), "--endpoint", proxy.url + "/query")
    assert res.returncode == 2 and "cut the answer at 4 rows" in res.stderr, res.stderr


def test_timeout_is_a_deadline_for_the_whole_answer(graf_cli):
    """A store that sends its answer a byte at a time never trips a per-read timeout."""
    body = json.dumps({"head": {"vars": ["x"]}, "results": {"bindings": []}}).encode()

    class Trickle(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_POST(self):
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                for byte in body:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(0.3)
            except OSError:
                pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Trickle)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, args=(POLL_SECONDS,), daemon=True).start()
    try:
        res = graf_cli("query", "meetings", "--endpoint", f"http://127.0.0.1:{server.server_address[1]}/query",
                       "--timeout", "1")
        assert res.returncode == 2
        assert re.search(r"no complete answer within 1 s", res.stderr), res.stderr
    finally:
        server.shutdown()
        server.server_close()


def test_a_partial_answer_at_the_stores_time_limit_is_an_error(oxigraph, proxies, papers, graf_cli):  # noqa: F811
    url = oxigraph()
    assert graf_cli("push", "--data", str(papers["one"]), "--endpoint", url + "/update", "-q").returncode == 0

    def anytime(method, path, status, headers, body):
        # Virtuoso's "anytime" answer: what it found before its time limit, flagged in headers only
        return status, {**headers, "X-SQL-State": "S1TAT", "X-SQL-Message": "RC...: Returning incomplete results"}, body

    proxy = proxies(url, after=anytime)
    res = graf_cli("query", "items", "--endpoint", proxy.url + "/query")
    assert res.returncode == 2 and "partial answer" in res.stderr, res.stderr


def test_push_reports_progress_per_paper_graph_unless_quiet(oxigraph, papers, graf_cli):  # noqa: F811
    url = oxigraph()
    res = graf_cli("push", "--data", str(papers["first"]), "--endpoint", url + "/update")
    assert res.returncode == 0
    # stderr is not a terminal here: one plain line per paper graph sent, as builds print them
    lines = [line for line in res.stderr.splitlines() if line.startswith("[")]
    assert [line.split("]")[0] for line in lines] == ["[1/2", "[2/2"], res.stderr
    assert all(": added" in line for line in lines), res.stderr
    res = graf_cli("push", "--data", str(papers["second"]), "--endpoint", url + "/update", "-q")
    assert res.returncode == 0 and res.stderr == ""
