"""Attack harness for the endpoint (issue 13): runs each attack against a local `graf serve`
on invented data and prints attack / expected / observed, then the 50-client load figures.

    python bench/faults.py [--clients 50 --seconds 20]

Only loopback traffic; every loop is bounded in count and time.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from test_publish import BASE, sample_graph

from graf.serve.app import make_server, start_in_thread


def get(url: str, accept: str | None = None) -> tuple[int, dict, bytes]:
    req = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, {k.lower(): v for k, v in exc.headers.items()}, exc.read()


def q(server, text: str) -> str:
    return server.url + "/sparql?" + urllib.parse.urlencode({"query": text})


def attacks(server) -> list[tuple[str, str, str]]:
    rows = []
    for text in ("SELECT * { ?a ?b ?c .SERVICE <http://127.0.0.1:9/> { ?c ?d ?e } }",
                 "PREFIX p: <http://x.invalid/> SELECT * { ?a p:a\\#b ?c SERVICE <http://127.0.0.1:9/> {?c ?d ?e} }"):
        status = get(q(server, text))[0]
        rows.append((f"SERVICE form {text[:40]}…", "403", str(status)))
    status, headers, body = get(q(server, "SELECT ?s ?p ?o { ?s ?p ?o }"), "text/csv")
    rows.append(("unbounded SELECT *", "200, bounded", f"{status}, {len(body)} bytes, "
                 f"truncated={headers.get('x-graf-truncated') or headers.get('x-sparql-maxrows')}"))
    host, port = server.server_address[:2]
    with socket.create_connection((host, port), timeout=15) as s:
        s.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Length: 2000000\r\n\r\n"
                  b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n\r\n")
        out = b""
        while chunk := s.recv(65536):
            out += chunk
    rows.append(("request smuggled inside a 413 body", "1 response", f"{out.count(b'HTTP/1.1 ')} response(s)"))
    started = time.monotonic()
    with socket.create_connection((host, port), timeout=30) as s:
        closed = s.recv(1) == b""
    rows.append(("idle connection", "closed by server", f"closed={closed} after {time.monotonic() - started:.1f} s"))
    status, headers, _ = get(server.url + "/", "text/html")
    rows.append(("CSP on HTML", "present", "present" if "content-security-policy" in headers else "missing"))
    return rows


def load(server, clients: int, seconds: float) -> dict:
    urls = [server.url + "/person/anna-berg", q(server, "ASK { ?s ?p ?o }"),
            q(server, "SELECT ?n WHERE { ?p <http://xmlns.com/foaf/0.1/name> ?n }")]
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
            status = get(url, "*/*")[0]
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
    return {"requests": len(times), "rps": len(times) / seconds, "errors": errors[0],
            "p50_ms": 1000 * statistics.median(times), "p95_ms": 1000 * times[int(0.95 * (len(times) - 1))]}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=20)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "g.ttl"
        sample_graph().serialize(destination=str(path), format="turtle")
        server = make_server(data=str(path), port=0, base=BASE, timeout=5, max_rows=1000, workers=2)
        start_in_thread(server)
        try:
            print(f"{'attack':45} | {'expected':18} | observed")
            for attack, expected, observed in attacks(server):
                print(f"{attack[:45]:45} | {expected:18} | {observed}")
            figures = load(server, args.clients, args.seconds)
            print(f"load: {args.clients} clients, {args.seconds:g} s: {figures['requests']} requests, "
                  f"{figures['rps']:.0f} req/s, p50 {figures['p50_ms']:.0f} ms, p95 {figures['p95_ms']:.0f} ms, "
                  f"{figures['errors']} non-200")
        finally:
            server.close()


if __name__ == "__main__":
    main()
