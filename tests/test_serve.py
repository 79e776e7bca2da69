"""graf serve over plain HTTP: SPARQL 1.1 Protocol, content negotiation, read-only refusals,
time and row limits, dereferenceable IRIs, landing page and dumps."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request

import pytest
from rdflib import Graph, URIRef
from test_publish import BASE, sample_graph

from graf.serve.app import make_server, start_in_thread

TIMEOUT = 1.0
MAX_ROWS = 5


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    path = tmp_path_factory.mktemp("serve") / "graph.ttl"
    sample_graph().serialize(destination=str(path), format="turtle")
    srv = make_server(data=str(path), port=0, base=BASE, timeout=TIMEOUT, max_rows=MAX_ROWS, workers=2)
    start_in_thread(srv)
    try:
        yield srv
    finally:
        srv.close()


def call(server, path, accept=None, data=None, ctype=None, timeout=30):
    """(status, headers, body) of one request to a test server, HTTP errors included."""
    headers = {}
    if accept:
        headers["Accept"] = accept
    if ctype:
        headers["Content-Type"] = ctype
    req = urllib.request.Request(server.url + path, data=data, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


def q(query: str, **extra) -> str:
    return "/sparql?" + urllib.parse.urlencode({"query": query, **extra})


NAMES = "SELECT ?name WHERE { ?p <http://xmlns.com/foaf/0.1/name> ?name }"


def test_select_json_get_and_post(server):
    status, headers, body = call(server, q(NAMES), "application/sparql-results+json")
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+json")
    data = json.loads(body)
    assert data["head"]["vars"] == ["name"]
    assert [b["name"]["value"] for b in data["results"]["bindings"]] == ["Anna Berg"]  # merged, no duplicate
    form = urllib.parse.urlencode({"query": NAMES}).encode()
    assert json.loads(call(server, "/sparql", "application/json", form,
                           "application/x-www-form-urlencoded")[2]) == data
    assert json.loads(call(server, "/sparql", None, NAMES.encode(), "application/sparql-query")[2]) == data


@pytest.mark.parametrize("accept,marker", [
    ("application/sparql-results+xml", b"<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">"),
    ("text/csv", b"name\r\nAnna Berg\r\n"),
    ("text/tab-separated-values", b"?name\n\"Anna Berg\"\n"),
    ("text/html,application/xhtml+xml,*/*;q=0.8", b'<table id="results">'),
])
def test_select_formats_by_content_negotiation(server, accept, marker):
    status, headers, body = call(server, q(NAMES), accept)
    assert status == 200
    assert headers["Content-Type"].split(";")[0] == accept.split(",")[0]
    assert marker in body


def test_construct_as_turtle_ntriples_and_jsonld(server):
    construct = "CONSTRUCT { ?p ?x ?y } WHERE { ?p a <http://xmlns.com/foaf/0.1/Person> ; ?x ?y }"
    person = URIRef(BASE + "person/anna-berg")
    for accept, fmt in (("text/turtle", "turtle"), ("application/n-triples", "nt"),
                        ("application/ld+json", "json-ld")):
        status, headers, body = call(server, q(construct), accept)
        assert status == 200 and headers["Content-Type"].startswith(accept)
        g = Graph().parse(data=body.decode(), format=fmt)
        assert (person, URIRef("http://xmlns.com/foaf/0.1/name"), None) in g
    status, _, body = call(server, q("ASK { ?s ?p ?o }"), "application/sparql-results+json")
    assert status == 200 and json.loads(body)["boolean"] is True
    assert call(server, q(NAMES), "image/png")[0] == 406


def test_updates_and_service_are_refused(server):
    insert = "INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }"
    assert call(server, "/sparql", None, urllib.parse.urlencode({"update": insert}).encode(),
                "application/x-www-form-urlencoded")[0] == 403
    assert call(server, "/sparql", None, insert.encode(), "application/sparql-update")[0] == 403
    assert call(server, q(insert))[0] == 403
    status, _, body = call(server, q("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"))
    assert status == 403 and b"SERVICE" in body
    # nothing was written
    assert call(server, q("ASK { <http://x/a> ?p ?o }"), "application/json")[2].count(b"false") == 1


def test_runaway_query_is_stopped_and_server_recovers(server):
    runaway = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o . "
               "?p ?q ?r . ?s ?t ?u }")
    status, _, body = call(server, q(runaway))  # how soon it stops: bench/large_inputs.py
    assert status == 503 and b"time limit" in body
    for _ in range(3):  # the killed worker is replaced; both workers answer again
        assert call(server, q(NAMES), "application/json")[0] == 200


def test_row_limit_truncates_and_says_so(server):
    status, headers, body = call(server, q("SELECT * WHERE { ?s ?p ?o }"), "application/json")
    assert status == 200
    assert len(json.loads(body)["results"]["bindings"]) == MAX_ROWS
    assert headers["X-SPARQL-MaxRows"] == str(MAX_ROWS)
    assert "X-SPARQL-MaxRows" not in call(server, q(NAMES), "application/json")[1]


def test_annotation_dereferences_in_its_full_form(server):
    """The store holds slim annotations (a text fragment target); an annotation's page renders
    the full W3C form from the stored text, and the page of what it marks links to it."""
    from rdflib import Literal, Namespace
    from test_publish import SHA_B, TEXT_B

    oa = Namespace("http://www.w3.org/ns/oa#")
    anno = URIRef(f"{BASE}dokument/{SHA_B}/anno/c")
    status, _, body = call(server, f"/dokument/{SHA_B}/anno/c", "text/turtle")
    assert status == 200
    g = Graph().parse(data=body.decode(), format="turtle")
    target, pos, quote = (URIRef(f"{anno}#{p}") for p in ("target", "pos", "quote"))
    assert (anno, oa.hasTarget, target) in g and (anno, oa.motivatedBy, oa.identifying) in g
    assert (target, oa.hasSource, URIRef(f"{BASE}dokument/{SHA_B}")) in g
    start = TEXT_B.index("2 kap. 3 § KL")
    assert (pos, oa.start, None) in g and int(g.value(pos, oa.start)) == start
    assert (quote, oa.exact, Literal("2 kap. 3 § KL")) in g
    assert str(g.value(quote, oa.prefix)) == TEXT_B[start - 24:start]
    status, _, body = call(server, f"/dokument/{SHA_B}/anno/c", "text/html")
    page = body.decode()
    assert status == 200 and "<mark>2 kap. 3 § KL</mark>" in page and 'id="fragment-quote"' in page
    _, _, body = call(server, "/person/anna-berg", "text/html")
    assert f'href="/dokument/{SHA_B}/anno/p"' in body.decode()  # "tecken s–e" opens the annotation


def test_bad_query_is_a_400(server):
    status, _, body = call(server, q("SELEKT nothing"))
    assert status == 400 and b"parse" in body


def test_iri_dereferences_as_html_turtle_and_jsonld(server):
    status, headers, body = call(server, "/person/anna-berg", "text/html")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    page = body.decode()
    assert "Anna Berg" in page and 'id="provenance"' in page and "<mark>Anna Berg</mark>" in page
    assert 'href="/dokument/' in page  # the source document links to its local page
    status, headers, body = call(server, "/person/anna-berg", "text/turtle")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    g = Graph().parse(data=body.decode(), format="turtle")
    assert (URIRef(BASE + "person/anna-berg"), URIRef("http://xmlns.com/foaf/0.1/name"), None) in g
    status, headers, body = call(server, "/person/anna-berg", "application/ld+json")
    assert status == 200
    assert len(Graph().parse(data=body.decode(), format="json-ld")) == len(g)


def test_meeting_page_links_items_and_backlinks(server):
    status, _, body = call(server, "/sammantrade/kulturnamnden/2024-04-09", "text/html")
    page = body.decode()
    assert status == 200
    assert 'href="/sammantrade/kulturnamnden/2024-04-09/paragraf/1"' in page
    assert 'href="/organ/kulturnamnden"' in page and "Kulturnämnden" in page
    status, _, body = call(server, "/sammantrade/kulturnamnden/2024-04-09/paragraf/1?view=rdf", "text/html")
    assert 'id="backlinks"' in body.decode()  # the meeting and the treatment point here


def test_law_page_shows_its_provisions(server):
    status, _, body = call(server, "/sfs/2017:725", "text/html")
    assert status == 200 and 'id="K2P3"' in body.decode()


def test_unknown_and_hostile_paths_are_404(server):
    assert call(server, "/person/nobody-at-all")[0] == 404
    # quotes and braces reach the store as an IRI term, never as query text
    assert call(server, "/person/x%22%20%7D%20UNION%20%7B%20%3Fs%20%3Fp%20%3Fo")[0] == 404


def test_landing_page_summary_queries_and_dumps(server):
    status, _, body = call(server, "/", "text/html")
    page = body.decode()
    assert status == 200
    assert 'id="meeting-count">2<' in page and "2024-03-05 – 2024-04-09" in page
    assert 'href="/organ/kulturnamnden"' in page
    assert 'href="/dump/dcat.ttl"' in page
    status, headers, body = call(server, "/dump/dcat.ttl")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    assert b"dcat:Dataset" in body


def test_canned_query_runs(server):
    from graf.resources import query_names

    names = query_names()
    if not names:
        pytest.skip("no queries/*.rq in the checkout")
    status, _, body = call(server, f"/query/{names[0]}", "text/html")
    assert status == 200 and b'id="results"' in body, body[:500]
    assert call(server, "/query/no-such-query")[0] == 404


def test_cli_serve_bad_input_exits_2(tmp_path, graf_cli):
    res = graf_cli("serve", "--data", str(tmp_path / "missing.ttl"))
    assert res.returncode == 2 and "Traceback" not in res.stderr and "missing.ttl" in res.stderr


def test_workers_copy_small_stores_into_memory_and_keep_large_ones_on_disk(server, tmp_path):
    from graf import publish
    from graf.serve.workers import WorkerPool

    assert server.pool.in_memory  # the sample graph is far under the default limit
    store = tmp_path / "store"
    publish.materialise(publish.load_file(str(server.config.data)), store)
    names = {"op": "query", "query": NAMES, "max_rows": 100}
    answers = {}
    for limit, expect_memory in ((10**9, True), (3, False), (0, False)):
        pool = WorkerPool(str(store), False, size=1, memory_quads=limit)
        try:
            assert pool.in_memory is expect_memory
            answers[limit] = sorted(map(repr, pool.run(names, timeout=10)["rows"]))
        finally:
            pool.close()
    assert answers[10**9] == answers[3] == answers[0] and answers[0]


def test_memory_limit_must_not_be_negative():
    from graf.errors import UsageError

    with pytest.raises(UsageError, match="in-memory quad limit"):
        make_server(data="unused.ttl", memory_quads=-1)
