"""The served HTML as a real browser renders it (headless Chromium, --dump-dom): the landing,
results and property-table pages over the sample graph, and each readable page type over the
invented minutes of tests/served_site.py, with no console message (a CSP violation, a failed
load, a script error) and a screenshot of each, desktop and phone width, for review in
build/screenshots/ (or $GRAF_SCREENSHOTS; not committed)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest
from served_site import build_site, serving
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
    page = dom(server.url + "/person/anna-berg?view=rdf", tmp_path)
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
    graph = build_site(tmp_path_factory.mktemp("browser-site"), SITE_BASE, graf_cli)
    with serving(data=str(graph)) as srv:
        yield srv


def render_with_console(url: str, tmp_path, screenshot: Path, width: int) -> tuple[str, list[str]]:
    """The rendered DOM, the console messages Chromium logged, and a screenshot."""
    profile = tmp_path / f"profile-{abs(hash((url, width)))}"
    res = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
         f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", f"--window-size={width},1600",
         f"--screenshot={screenshot}", "--dump-dom", url],
        capture_output=True, text=True, timeout=90)
    assert res.returncode == 0, res.stderr[-2000:]
    return res.stdout, [line for line in res.stderr.splitlines() if ":CONSOLE" in line]


@pytest.mark.parametrize("kind", sorted(PAGE_TYPES))
def test_each_page_type_renders_without_console_messages(site, tmp_path, kind):
    path, ids, words = PAGE_TYPES[kind]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width, suffix in ((1200, ""), (390, "-phone")):
        html, console = render_with_console(site.url + path, tmp_path, SCREENSHOTS / f"{kind}{suffix}.png", width)
        assert not console, console
        page = _Collect()
        page.feed(html)
        missing = [i for i in ids if i not in page.text]
        assert not missing, f"{kind}: no element with id {missing}"
        assert words in " ".join(re.sub(r"<[^>]+>", " ", html).split())
        assert '<html lang="sv">' in html
        assert (SCREENSHOTS / f"{kind}{suffix}.png").stat().st_size > 5000
        # every local link the browser sees answers (the crawl in test_pages covers the rest)
        for href in {h.split("#")[0] for h in page.hrefs if h.startswith("/") and not h.startswith("/dump/")}:
            status = urllib.request.urlopen(site.url + href, timeout=60).status if href else 200
            assert status == 200, href
