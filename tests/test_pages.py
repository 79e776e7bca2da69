"""The readable pages of `graf serve` over invented minutes (tests/served_site.py): what each
page type shows, the RDF view one click away and by content negotiation, the base the graph
records, and a crawl that finds no dead link. The browser renders them in
tests/test_serve_browser.py."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from urllib.parse import urlencode

import pytest
from served_site import crawl, fetch, serving, shared_site

from graf.serve import views

BASE = "https://data.example.test/id/"
MEETING = "/sammantrade/lund/kulturnamnden/2025-02-11"
VOTE_MEETING = "/sammantrade/stockholm/socialnamnden/2025-03-04"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="module")
def site(tmp_path_factory, graf_cli):
    graph = shared_site(tmp_path_factory, BASE, graf_cli)
    # no --base: the server reads the base the graph records (graf:bas)
    with serving(data=str(graph)) as srv:
        yield srv


def page(site, path: str) -> str:
    code, body = fetch(site.url + path)
    assert code == 200, (path, body[:500])
    return body


def text(html: str) -> str:
    """The words of a page, tags dropped, white space folded (none before , . ) or after ()."""
    words = " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
    return re.sub(r"\( ", "(", re.sub(r" ([,.)])", r"\1", words))


def section(html: str, ident: str) -> str:
    start = html.index(f'id="{ident}"')
    return html[start:]


def test_server_uses_the_base_the_graph_records(site):
    assert site.config.base == BASE
    assert fetch(site.url + MEETING)[0] == 200


def test_meeting_page_reads_like_the_minutes(site):
    html = page(site, MEETING)
    words = text(html)
    assert '<html lang="sv">' in html
    assert "Sammanträde Kulturnämnden 2025-02-11" in words
    assert "kl. 17:30" in words and "Sal Tranan, Bryggvägen 9" in words
    assert "Justerare Greta Almqvist, Hugo Renberg (justerat 2025-02-14)" in words
    # attendance by role, each with party; the substitute says whom she replaces
    attendance = text(section(html, "attendance"))
    assert attendance.index("Ordförande (1)") < attendance.index("Vice ordförande (1)") \
        < attendance.index("Ledamot") < attendance.index("Tjänstgörande ersättare (1)")
    assert "Milo Franzén S ersätter Tove Hedlund" in attendance
    assert re.search(r"Beslutande per parti: S \d", attendance)
    # every § in numeric order (10 after 2, not between 1 and 2)
    numbers = re.findall(r'<article class="item" id="p-(\w+)"', html)
    assert numbers == ["1", "2", "10"]
    item2 = text(section(html, "p-2"))
    assert "KUN 2025/12" in item2 and "KS 2024/918" in item2  # registry numbers
    assert "Beslut Kulturnämnden godkänner förvaltningens tjänsteutlåtande" in item2
    assert "Rasmus Tell L : avslag" in item2  # who, which party, what
    assert "Reservation av Rasmus Tell L" in item2
    assert "Propositionsordning Ordföranden ställde" in item2
    assert 'href="https://lagen.nu/2017:725#K2P1"' in section(html, "p-2")  # the statute, readable
    item10 = text(section(html, "p-10"))
    assert "Särskilt uttalande av Vera Lundgren SD" in item10
    assert "*" not in item10  # Markdown emphasis is not shown as asterisks


def test_meeting_page_shows_the_vote_per_member(site):
    html = page(site, VOTE_MEETING)
    vote = text(section(html, "p-2"))
    assert "Omröstning" in vote and "2 ja, 1 nej" in vote
    assert "Ja-röst för bifall till ordförandens förslag" in vote
    members = section(html, "p-2")
    assert re.search(r"Alva Nordin</a></td><td>.*?M.*?</td><td>nej</td>", members)
    assert re.search(r"Leo Sandberg</a></td><td>.*?S.*?</td><td>ja</td>", members)


def test_item_page_links_its_meeting_case_and_rdf_view(site):
    path = MEETING + "/paragraf/2"
    html = page(site, path)
    words = text(html)
    assert "§ 2 Remiss av Motion om öppna ateljéer i Norra Falkvik" in words
    assert f'href="{MEETING}"' in html
    assert 'href="/arende/kun-2025-12"' in html
    assert f'href="{path}?view=rdf"' in html
    rdf = page(site, path + "?view=rdf")
    assert 'id="properties"' in rdf and 'id="readable-view"' in rdf
    code, turtle = fetch(site.url + path, accept="text/turtle")
    assert code == 200 and "Norra Falkvik" in turtle


def test_person_page_lists_meetings_roles_and_activity_in_pages(site, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 1)
    html = page(site, "/person/lund/rasmus-tell")
    words = text(html)
    assert "Rasmus Tell" in words and "ledamot (1)" in words
    assert f'href="{MEETING}"' in section(html, "person-meetings")
    # one thing per page: his proposal and his reservation, newest first, in the paper's order
    first = text(section(html, "activity")).split("Paragraf Vad Text", 1)[1]
    assert "Sida 1 av 2" in first and "yrkande" in first and "reservation" not in first.split("Källa")[0]
    nxt = re.search(r'<a rel="next" href="([^"]+)"', section(html, "activity"))
    assert nxt and "aktivitet=2" in nxt.group(1)
    second = text(section(page(site, unescape(nxt.group(1))), "activity")).split("Paragraf Vad Text", 1)[1]
    assert "Sida 2 av 2" in second and "reservation" in second


def test_person_page_shows_votes(site):
    html = page(site, "/person/stockholm/alva-nordin")
    assert "röstade nej" in text(section(html, "activity"))


def test_party_committee_statute_district_case_and_paper_pages(site):
    party = text(page(site, "/parti/L"))
    assert "Partiets yrkanden, reservationer och uttalanden" in party and "reservation" in party
    committee = page(site, "/organ/lund/kulturnamnden")
    assert f'href="{MEETING}"' in committee and "2025-02-11" in text(committee)
    municipality = page(site, "/kommun/lund")  # its committees, each with its meetings, and its feed
    assert 'href="/organ/lund/kulturnamnden"' in municipality and 'href="/feed/kommun/lund"' in municipality
    assert "Kulturnämnden 1 2025-02-11 2025-02-11" in text(section(municipality, "municipality-committees"))
    statute = page(site, "/sfs/2017:725")
    assert f'href="{MEETING}/paragraf/2"' in statute  # every item citing it
    # the act's own page links every site that holds its text, as the meeting page does
    sites = section(statute, "statute-sites").split("</dd>")[0]
    for url in ("https://lagen.nu/2017:725", "http://rinfo.lagrummet.se/publ/sfs/2017:725",
                "https://data.riksdagen.se/dokument/sfs-2017-725"):
        assert f'href="{url}"' in sites, url
    district = page(site, "/stadsdel/farsta")
    assert f'href="{VOTE_MEETING}"' in district and "<mark>Farsta" in district
    case = page(site, "/arende/kun-2025-12")
    assert f'href="{MEETING}/paragraf/2"' in case
    paper = re.search(r'href="(/dokument/[0-9a-f]+)"', page(site, MEETING))
    assert paper
    paper_page = page(site, paper.group(1))
    assert "Bryggvägen 9" in text(paper_page)
    # the file it was read from, by name and format (not the format of the text graf holds)
    assert "Läst ur protokoll-kulturnamnden-2025-02-11.md (text/markdown)" in text(paper_page)


def test_every_link_the_pages_write_resolves(site):
    status, linked_from = crawl(site.url, "/")
    assert len(status) > 30
    dead = {path: linked_from[path] for path, code in status.items() if code != 200}
    assert not dead, dead


def test_served_seeds_have_no_dead_link(tmp_path, graf_cli):
    seeds = SHARED / "seeds"
    if not seeds.is_dir():
        pytest.skip("../shared/seeds is absent (the seed papers are not part of the repository)")
    graph = tmp_path / "seeds.nq"
    assert graf_cli("build", str(seeds), "--out", str(graph)).returncode == 0
    with serving(data=str(graph)) as srv:
        status, linked_from = crawl(srv.url, "/", limit=1500)
    dead = {path: linked_from[path] for path, code in status.items() if code != 200}
    assert not dead, dead


def test_provisions_read_as_printed():
    assert views.provision_words("K5P4") == "5 kap. 4 §"
    assert views.provision_words("K5P20a") == "5 kap. 20a §"
    assert views.provision_words("P9N7") == "9 § 7 p."
    assert views.provision_words("Bilaga 2") == "Bilaga 2"  # another shape: as stored


def test_plain_text_drops_markdown_not_words():
    from graf.serve.pages import plain_text

    assert plain_text("## **Nämndens beslut**\n\n\n- att *godkänna* förslaget") == "Nämndens beslut\n- att godkänna förslaget"
    assert plain_text("| Namn | Parti |\n|---|---|\n| Eva Ek | S |") == "Namn Parti\nEva Ek S"
    assert plain_text("5 * 3 = 15, fil_namn och 2 ** 3") == "5 * 3 = 15, fil_namn och 2 ** 3"


def test_source_passages_drop_markup_at_the_mention_edges():
    """A mention that ends just before a bold heading ("… 2024-06-11 **§ 87**") kept the
    opening "**" inside the mark, where it alone is no emphasis; in the whole passage it is."""
    from graf.serve.pages import _clean_span

    span = {"document": "d", "before": "Beslutet _expedieras_ till: KS\n\n\n",
            "exact": "§ 86 Remiss om skollunch\nSida 23 **", "after": "§ 87 Förrättningar** och | x | y |"}
    clean = _clean_span(span)
    assert clean["before"] == "Beslutet expedieras till: KS\n"
    assert clean["exact"] == "§ 86 Remiss om skollunch\nSida 23 "
    assert clean["after"] == "§ 87 Förrättningar och x y "
    assert not set(clean["before"] + clean["exact"] + clean["after"]) & set("*_|")


def test_graf_show_links_only_iris_the_graph_describes(tmp_path):
    """Bodies of the paper's municipality are minted under it (organ/lund/…) by the graph
    builder; `graf show` links the same IRIs, so every link it writes answers when served."""
    from served_site import KULTUR

    from graf.pipeline import process_source
    from graf.show import collect
    from graf.sources import read_file

    paper = tmp_path / "protokoll.md"
    paper.write_text(KULTUR, encoding="utf-8")
    processed = process_source(read_file(str(paper)), BASE)
    described = {str(t[0]) for t in processed.triples}
    links = [h.href for h in collect(processed) if h.href and h.href.startswith(BASE)]
    assert f"{BASE}organ/lund/kommunstyrelsen" in links  # 'från kommunstyrelsen' in § 2
    assert links and not [href for href in links if href not in described]


# ----------------------------------------------------------------------------- served from a store


@pytest.fixture(scope="module")
def store_site(tmp_path_factory, graf_cli):
    """The same minutes built into a store (with its search index), served from it."""
    from served_site import KULTUR, SOCIAL

    folder = tmp_path_factory.mktemp("store-site")
    papers = folder / "papers"
    papers.mkdir()
    (papers / "protokoll-kulturnamnden-2025-02-11.md").write_text(KULTUR, encoding="utf-8")
    (papers / "protokoll-socialnamnden-2025-03-04.md").write_text(SOCIAL, encoding="utf-8")
    result = graf_cli("build", str(papers), "--store", str(folder / "store"), "--base", BASE)
    assert result.returncode == 0, result.stderr
    with serving(store_dir=str(folder / "store")) as srv:
        yield srv


def test_search_box_finds_inflected_words_and_links_items(store_site):
    assert store_site.config.base == BASE  # the store records the base it was built with
    assert 'action="/sok"' in page(store_site, MEETING)  # the search box on every page
    html = page(store_site, "/sok?q=reservation")  # the paper prints "Reservationer": one stem
    hits = section(html, "hits")
    assert f'href="{MEETING}/paragraf/2"' in hits and "<mark>" in hits
    none = page(store_site, "/sok?" + urlencode({"q": "ateljéer", "namnd": "Socialnämnden"}))
    assert "0 träffar" in text(none)
    assert fetch(store_site.url + "/sok?" + urlencode({"q": "x", "fran": "igår"}))[0] == 400


def test_feeds_are_atom_and_linked_from_the_committee_page(store_site):
    import xml.etree.ElementTree as ET

    committee = page(store_site, "/organ/lund/kulturnamnden")
    link = re.search(r'id="feed-link" href="([^"]+)"|href="([^"]+)" id="feed-link"', committee)
    href = next(g for g in link.groups() if g)
    code, body = fetch(store_site.url + href, accept="application/atom+xml")
    assert code == 200
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.fromstring(body.encode("utf-8"))
    titles = [e.findtext(atom + "title") for e in feed.iter(atom + "entry")]
    assert feed.tag == atom + "feed" and any("§ 2" in t for t in titles), titles
    # a feed reader lists the feed by the committee's name, not the IRI the server was asked for
    assert feed.findtext(atom + "title") == "Beslut – Kulturnämnden (Lund)"
    code, body = fetch(store_site.url + "/feed/sfs/2017:725", accept="application/atom+xml")
    assert code == 200 and "Norra Falkvik" in body
    assert fetch(store_site.url + "/feed/nagot/annat")[0] == 404


def test_report_page_shows_what_was_read(store_site):
    html = page(store_site, "/rapport")
    rows = text(section(html, "report"))
    assert "Kulturnämnden 2025-02-11 3" in rows  # three §§ read
    assert "Socialnämnden 2025-03-04 2" in rows
    assert 'href="/rapport"' in page(store_site, "/")
    # the warnings in a full-width row under their paper's row, not a narrow last column that
    # a wide table pushes out of view
    assert "Varningar</th>" not in html
    for warning_row in re.findall(r'<tr class="warnings"><td colspan="(\d+)">', html):
        assert warning_row == str(html.split("</thead>")[0].count("<th "))


def test_graf_serve_command_leaves_the_base_to_the_graph(tmp_path, graf_cli, monkeypatch):
    """`graf build --base B` then `graf serve` without --base answers for B (the command line
    passes no base of its own; make_server reads the recorded one)."""
    from graf.serve import app

    seen = {}

    class Stub:
        url = "http://127.0.0.1:0"

        class config:
            base = "x"

    def fake_make_server(**kwargs):
        seen.update(kwargs)
        return Stub()

    monkeypatch.setattr(app, "make_server", fake_make_server)
    monkeypatch.setattr(app, "serve_forever", lambda server, verbose=True: None)
    graph = tmp_path / "g.ttl"
    graph.write_text("", encoding="utf-8")
    assert graf_cli("serve", "--data", str(graph)).returncode == 0
    assert seen["base"] is None
    assert graf_cli("serve", "--data", str(graph), "--base", "https://other.example/").returncode == 0
    assert seen["base"] == "https://other.example/"


def test_data_answers_are_open_to_browser_apps_pages_are_not(site):
    import json
    import urllib.request

    query = urlencode({"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1"})
    request = urllib.request.Request(site.url + "/sparql", method="OPTIONS",
                                     headers={"Origin": "https://app.example", "Access-Control-Request-Method": "POST",
                                              "Access-Control-Request-Headers": "content-type"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 204
        assert response.headers["Access-Control-Allow-Origin"] == "*"
        assert "POST" in response.headers["Access-Control-Allow-Methods"]
        assert "content-type" in response.headers["Access-Control-Allow-Headers"].lower()
    for path, accept in ((f"/sparql?{query}", "application/sparql-results+json"), (MEETING, "text/turtle"),
                         ("/context.jsonld", "application/ld+json")):
        request = urllib.request.Request(site.url + path, headers={"Accept": accept})
        with urllib.request.urlopen(request, timeout=30) as response:
            assert response.headers["Access-Control-Allow-Origin"] == "*", path
            body = response.read()
    assert json.loads(body)["@context"]["cito"] == "http://purl.org/spar/cito/"  # the context is complete
    with urllib.request.urlopen(urllib.request.Request(site.url + MEETING, headers={"Accept": "text/html"})) as r:
        assert r.headers.get("Access-Control-Allow-Origin") is None


def test_case_page_lists_documents_as_each_paragraph_lists_them():
    """The store answers in no particular order; the page shows the §§ by date and each §'s
    documents in its own order (handling/2 before handling/10)."""
    from graf.serve import views

    def row(**kw):
        keys = ("identifier", "item", "own", "number", "title", "meeting", "date", "body", "bodyLabel",
                "document", "documentTitle")
        return {k: kw.get(k) for k in keys}

    early, late = f"{BASE}sammantrade/x/2025-01-10", f"{BASE}sammantrade/x/2025-03-07"
    items = [row(item=f"{late}/paragraf/4", meeting=late, date="2025-03-07", number="4", title="Beslut", own="true"),
             row(item=f"{early}/paragraf/9", meeting=early, date="2025-01-10", number="9", title="Remiss", own="true")]
    docs = [row(document=f"{late}/paragraf/4/handling/{n}", documentTitle=f"L{n}") for n in (10, 2)]
    docs += [row(document=f"{early}/paragraf/9/handling/{n}", documentTitle=f"E{n}") for n in (3, 1)]
    scrambled = [docs[0], items[0], docs[2], docs[1], items[1], docs[3]]
    view = views.case_view(lambda query, subs: scrambled, f"{BASE}arende/x-2025-1")
    assert [d.label for d in view.documents] == ["E1", "E3", "L2", "L10"]


def test_committee_dates_show_when_one_meeting_is_undated(tmp_path):
    """An agenda without a printed date is a meeting without dct:date; the committee's first
    and last dates on the landing and municipality pages come from its dated meetings (MIN over
    a group holding an unbound date is unbound in Oxigraph, and both cells were empty)."""
    from rdflib import Graph, Literal, Namespace, URIRef
    from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

    besluit = Namespace("http://data.vlaanderen.be/ns/besluit#")
    graf = Namespace("https://w3id.org/graf/ns#")
    base = "https://example.test/id/"
    g = Graph()
    town, body = URIRef(base + "kommun/ekvik"), URIRef(base + "organ/ekvik/kulturnamnden")
    g.add((town, RDF.type, besluit.Bestuurseenheid))
    g.add((town, SKOS.prefLabel, Literal("Ekvik", lang="sv")))
    g.add((body, RDF.type, besluit.Bestuursorgaan))
    g.add((body, RDFS.label, Literal("Kulturnämnden", lang="sv")))
    g.add((body, besluit.bestuurt, town))
    for key, date in (("2031-03-04", "2031-03-04"), ("2031-05-06", "2031-05-06"), ("sha-0123", None)):
        meeting = URIRef(f"{base}sammantrade/ekvik/kulturnamnden/{key}")
        g.add((meeting, RDF.type, besluit.Zitting))
        g.add((meeting, besluit.isGehoudenDoor, body))
        if date:
            g.add((meeting, DCTERMS.date, Literal(date, datatype=XSD.date)))
    doc = URIRef(base + "dokument/" + "a" * 64)
    g.add((doc, graf.bas, Literal(base)))
    path = tmp_path / "g.ttl"
    g.serialize(destination=str(path), format="turtle")
    with serving(data=str(path)) as srv:
        landing = text(fetch(srv.url + "/")[1])
        municipality = text(section(fetch(srv.url + "/kommun/ekvik")[1], "municipality-committees"))
    assert "Kulturnämnden Ekvik 3 2031-03-04 2031-05-06" in landing  # which municipality's
    assert "Kulturnämnden 3 2031-03-04 2031-05-06" in municipality
