"""The served HTML as a real browser renders it (headless Chromium, --dump-dom)."""

from __future__ import annotations

import shutil
import subprocess
import urllib.parse
from html.parser import HTMLParser

import pytest
from test_publish import BASE, sample_graph

from graf.serve.app import make_server, start_in_thread

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium on PATH (apt-get install chromium)")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    path = tmp_path_factory.mktemp("browser") / "graph.ttl"
    sample_graph().serialize(destination=str(path), format="turtle")
    srv = make_server(data=str(path), port=0, base=BASE, timeout=5, max_rows=100, workers=1)
    start_in_thread(srv)
    try:
        yield srv
    finally:
        srv.close()


def render(url: str, tmp_path) -> str:
    profile = tmp_path / f"profile-{abs(hash(url))}"
    res = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={profile}", "--dump-dom", url],
        capture_output=True, text=True, timeout=60)
    assert res.returncode == 0, res.stderr[-2000:]
    return res.stdout


class _Collect(HTMLParser):
    """Text by element id, and every href, from the rendered DOM."""

    def __init__(self):
        super().__init__()
        self.stack: list[str | None] = []
        self.text: dict[str, str] = {}
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("href"):
            self.hrefs.append(a["href"])
        if tag not in ("br", "meta", "link", "input", "img"):
            self.stack.append(a.get("id"))
            if a.get("id"):
                self.text.setdefault(a["id"], "")

    def handle_endtag(self, tag):
        if tag not in ("br", "meta", "link", "input", "img") and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        for ident in self.stack:
            if ident:
                self.text[ident] += data


def dom(url, tmp_path) -> _Collect:
    c = _Collect()
    c.feed(render(url, tmp_path))
    return c


def test_landing_page_renders_counts_committees_and_links(server, tmp_path):
    page = dom(server.url + "/", tmp_path)
    assert page.text["meeting-count"] == "2"
    assert "Kulturnämnden" in page.text["committees"]
    assert "/organ/kulturnamnden" in page.hrefs
    assert "/dump/graf.ttl" in page.hrefs and "/dump/dcat.ttl" in page.hrefs


def test_resource_page_renders_source_span_and_local_links(server, tmp_path):
    page = dom(server.url + "/person/anna-berg", tmp_path)
    assert "Anna Berg" in page.text["properties"]
    assert "Anna Berg (S) yrkar bifall" in page.text["provenance"]  # context around the span
    assert any(h.startswith("/dokument/") for h in page.hrefs)


def test_results_page_renders_a_table(server, tmp_path):
    query = "SELECT ?item ?title WHERE { ?item <http://purl.org/dc/terms/title> ?title } ORDER BY ?title"
    url = server.url + "/sparql?" + urllib.parse.urlencode({"query": query, "format": "html"})
    page = dom(url, tmp_path)
    assert "Budget" in page.text["results"] and "Val av justerare" in page.text["results"]
    assert page.text["result-count"].startswith("2 ")
    assert "/sammantrade/kulturnamnden/2024-04-09/paragraf/1" in page.hrefs
