"""graf serve --endpoint: the pages, IRIs and /sparql answered from a real Oxigraph server on
loopback, the same as from the embedded store."""

from __future__ import annotations

import json
import re
import urllib.parse

import pytest
from served_site import crawl, fetch, shared_site
from test_remote_oxigraph import OXIGRAPH
from test_remote_oxigraph import _start as start_oxigraph

from graf.serve.app import make_server, start_in_thread

pytestmark = pytest.mark.skipif(OXIGRAPH is None, reason="no oxigraph server binary (pip install oxigraph)")
BASE = "https://data.example.test/id/"
# what the crawl does not compare: answers that show their own timing, the dumps (not served
# from a remote store), the feeds and the report (they read a graf store's bookkeeping)
NOT_COMPARED = ("/sparql", "/query/", "/dump/", "/feed/", "/rapport")


@pytest.fixture(scope="module")
def both(tmp_path_factory, graf_cli):
    """The invented minutes pushed to one Oxigraph server and served twice: from the graph file
    and from that server. Once for the module: every test only reads them (the passthrough
    test checks that its refused update wrote nothing)."""
    folder = tmp_path_factory.mktemp("remote-site")
    data = shared_site(tmp_path_factory, BASE, graf_cli)
    oxigraph, url = start_oxigraph(folder)
    try:
        pushed = graf_cli("push", "--data", str(data), "--endpoint", url + "/update", "-q")
        assert pushed.returncode == 0, pushed.stderr
        local = make_server(data=str(data), port=0, base=BASE, timeout=30, workers=1)
        remote = make_server(endpoint=url + "/query", port=0, timeout=30)  # the base: as the store records it
        for server in (local, remote):
            start_in_thread(server)
        try:
            yield local, remote
        finally:
            local.close()
            remote.close()
    finally:
        oxigraph.kill()
        oxigraph.wait(10)


def _same_page(body: str, root: str) -> str:
    return body.replace(root, "ROOT")


def test_remote_store_serves_the_same_pages(both):
    local, remote = both
    assert remote.app.config.base == BASE
    status, _ = crawl(local.url, "/", limit=120)
    pages = [p for p, code in status.items() if code == 200 and p != "/" and not p.startswith(NOT_COMPARED)]
    assert len(pages) > 20, status  # meetings, items, persons, parties, committees, statutes …
    for path in pages:
        code_l, body_l = fetch(local.url + path)
        code_r, body_r = fetch(remote.url + path)
        assert code_r == code_l, path
        assert _same_page(body_r, remote.url) == _same_page(body_l, local.url), path
    # the landing page: the same summary, no dumps offered
    code, landing = fetch(remote.url + "/")
    assert code == 200 and "/dump/" not in landing
    assert re.search(r"sammanträden", landing, re.I)


def test_remote_sparql_passthrough_is_read_only_with_the_same_guard(both):
    local, remote = both
    query = ("SELECT ?m ?d WHERE { ?m a <http://data.vlaanderen.be/ns/besluit#Zitting> ; "
             "<http://purl.org/dc/terms/date> ?d } ORDER BY ?d")
    path = "/sparql?" + urllib.parse.urlencode({"query": query})
    answers = []
    for server in (local, remote):
        code, body = fetch(server.url + path, "application/sparql-results+json")
        assert code == 200, body
        answers.append([{k: v["value"] for k, v in b.items()} for b in json.loads(body)["results"]["bindings"]])
    assert answers[0] == answers[1] and len(answers[0]) == 2
    # graf's prefixes are declared for queries that use them without PREFIX, as on the embedded store
    code, body = fetch(remote.url + "/sparql?" + urllib.parse.urlencode(
        {"query": "ASK { ?m a besluit:Zitting }"}), "application/sparql-results+json")
    assert code == 200 and json.loads(body)["boolean"] is True
    # a CONSTRUCT comes back as RDF
    code, body = fetch(remote.url + "/sparql?" + urllib.parse.urlencode(
        {"query": "CONSTRUCT { ?m a besluit:Zitting } WHERE { ?m a besluit:Zitting }"}), "application/n-triples")
    assert code == 200 and body.count("\n") == 2
    for refused in ("INSERT DATA { <urn:x> <urn:y> <urn:z> }",
                    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"):
        code, _ = fetch(remote.url + "/sparql?" + urllib.parse.urlencode({"query": refused}))
        assert code == 403, refused
    code, body = fetch(remote.url + "/sparql?" + urllib.parse.urlencode({"query": "SELECT WHERE {"}))
    assert code == 400, body
    # the store was not written to
    code, body = fetch(remote.url + "/sparql?" + urllib.parse.urlencode({"query": "ASK { <urn:x> ?p ?o }"}),
                       "application/sparql-results+json")
    assert json.loads(body)["boolean"] is False


def test_remote_iri_as_rdf_is_the_same_graph(both):
    local, remote = both
    from rdflib import Graph

    meeting = "/sammantrade/stockholm/socialnamnden/2025-03-04"
    graphs = []
    for server in (local, remote):
        code, body = fetch(server.url + meeting, "text/turtle")
        assert code == 200, body
        graphs.append(set(Graph().parse(data=body, format="turtle")))
    assert graphs[0] == graphs[1] and graphs[0]


def test_feeds_and_dumps_say_why_they_are_missing(both):
    _, remote = both
    for path in ("/dump/graf.ttl", "/feed/organ/stockholm/socialnamnden", "/rapport"):
        code, body = fetch(remote.url + path, "text/plain")
        assert code == 404 and "remote" in body, path


def test_unreachable_endpoint_fails_at_start(tmp_path, graf_cli):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    res = graf_cli("serve", "--endpoint", f"http://127.0.0.1:{port}/query", "--port", "0")
    assert res.returncode == 2 and "cannot reach" in res.stderr and "Traceback" not in res.stderr
