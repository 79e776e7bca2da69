"""The served HTML as a real browser renders it (one headless Chromium driven over the DevTools protocol,
tests/headless_browser.py; each page in a fresh browser context): the landing,
results and property-table pages over the sample graph, and each readable page type over the
invented minutes of tests/served_site.py, with no console message (a CSP violation, a failed
load, a script error) and a screenshot of each, desktop and phone width, for review in
build/screenshots/ (or $GRAF_SCREENSHOTS; not committed)."""

from __future__ import annotations

import os
import re
import shutil
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest
from headless_browser import HeadlessBrowser
from served_site import serving, shared_site
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


@pytest.fixture(scope="module")
def browser():
    """One Chromium for the module; each page still gets a fresh context (cache, storage)."""
    with HeadlessBrowser(CHROMIUM) as b:
        yield b


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


def dom(url, browser) -> _Collect:
    c = _Collect()
    c.feed(browser.render(url).html)
    return c


def test_landing_page_renders_counts_committees_and_links(server, browser):
    page = dom(server.url + "/", browser)
    assert page.text["meeting-count"] == "2"
    assert "Kulturnämnden" in page.text["committees"]
    assert "/organ/kulturnamnden" in page.hrefs
    assert "/dump/graf.ttl" in page.hrefs and "/dump/dcat.ttl" in page.hrefs


def test_resource_page_renders_source_span_and_local_links(server, browser):
    page = dom(server.url + "/person/anna-berg?view=rdf", browser)
    assert "Anna Berg" in page.text["properties"]
    assert "Anna Berg (S) yrkar bifall" in page.text["provenance"]  # context around the span
    assert any(h.startswith("/dokument/") for h in page.hrefs)


def test_results_page_renders_a_table(server, browser):
    query = "SELECT ?item ?title WHERE { ?item <http://purl.org/dc/terms/title> ?title } ORDER BY ?title"
    url = server.url + "/sparql?" + urllib.parse.urlencode({"query": query, "format": "html"})
    page = dom(url, browser)
    assert "Budget" in page.text["results"] and "Val av justerare" in page.text["results"]
    assert page.text["result-count"].startswith("2 ")
    assert "/sammantrade/kulturnamnden/2024-04-09/paragraf/1" in page.hrefs


# ----------------------------------------------------------------------------- readable pages

SCREENSHOTS = Path(os.environ.get("GRAF_SCREENSHOTS") or Path(__file__).resolve().parents[1] / "build" / "screenshots")
SITE_BASE = "https://data.example.test/id/"
MEETING = "/sammantrade/lund/kulturnamnden/2025-02-11"
# page type -> (path, ids the rendered page must hold, words it must show)
PAGE_TYPES = {
    "landing": ("/", ["meeting-count", "committees"], "Kulturnämnden"),
    "meeting": (MEETING, ["meeting-facts", "item-list", "attendance", "p-2", "rdf-view"], "Remiss av Motion"),
    "vote": ("/sammantrade/stockholm/socialnamnden/2025-03-04", ["p-2"], "Omröstning"),
    "item": (MEETING + "/paragraf/2", ["p-2", "rdf-view"], "Reservation"),
    "person": ("/person/lund/rasmus-tell", ["person-facts", "person-meetings", "activity"], "Rasmus Tell"),
    "party": ("/parti/L", ["activity", "party-members"], "Rasmus Tell"),
    "committee": ("/organ/lund/kulturnamnden", ["committee-meetings"], "2025-02-11"),
    "municipality": ("/kommun/lund", ["municipality-committees"], "Kulturnämnden"),
    "statute": ("/sfs/2017:725", ["citing-items", "statute-sites"], "lagen.nu"),
    "district": ("/stadsdel/farsta", ["district-meetings", "provenance"], "Farsta"),
    "case": ("/arende/kun-2025-12", ["case-items"], "KUN 2025/12"),
    "rdf-view": (MEETING + "?view=rdf", ["properties", "readable-view"], "besluit:behandelt"),
    "report": ("/rapport", ["report"], "Kulturnämnden"),
    "search": ("/sok?q=ateljé", ["search-form", "no-index"], "sökindex"),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory, graf_cli):
    graph = shared_site(tmp_path_factory, SITE_BASE, graf_cli)
    with serving(data=str(graph)) as srv:
        yield srv


@pytest.mark.parametrize("kind", sorted(PAGE_TYPES))
def test_each_page_type_renders_without_console_messages(site, browser, kind):
    path, ids, words = PAGE_TYPES[kind]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    hrefs: set[str] = set()
    for width, suffix in ((1200, ""), (390, "-phone")):
        rendered = browser.render(site.url + path, width=width, screenshot=SCREENSHOTS / f"{kind}{suffix}.png")
        html, console = rendered.html, rendered.console
        assert not console, console
        page = _Collect()
        page.feed(html)
        missing = [i for i in ids if i not in page.text]
        assert not missing, f"{kind}: no element with id {missing}"
        assert words in " ".join(re.sub(r"<[^>]+>", " ", html).split())
        assert '<html lang="sv">' in html
        assert (SCREENSHOTS / f"{kind}{suffix}.png").stat().st_size > 5000
        hrefs |= {h.split("#")[0] for h in page.hrefs if h.startswith("/") and not h.startswith("/dump/")}
    # every local link the browser sees, at either width, answers (fetched once; the crawl in
    # test_pages covers the rest)
    for href in hrefs:
        status = urllib.request.urlopen(site.url + href, timeout=60).status if href else 200
        assert status == 200, href


def test_the_console_check_sees_what_it_guards_against(browser, tmp_path):
    """The console list the page-type test requires empty does fill: a blocked inline script
    (CSP) and a failed load each give a message; a clean page gives none."""
    page = tmp_path / "broken.html"
    page.write_text("""<!doctype html><html lang="sv"><head>
<meta http-equiv="Content-Security-Policy" content="script-src 'none'; img-src 'self'"></head>
<body><script>console.log("blocked")</script><img src="saknas.png"><p>Trasig sida</p></body></html>""",
                    encoding="utf-8")
    console = browser.render(page.as_uri()).console
    assert any("Content Security Policy" in line for line in console), console
    assert any("saknas.png" in line for line in console), console
    clean = tmp_path / "clean.html"
    clean.write_text('<!doctype html><html lang="sv"><body><p>Hel sida</p></body></html>', encoding="utf-8")
    assert browser.render(clean.as_uri()).console == ()
