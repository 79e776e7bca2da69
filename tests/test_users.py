"""What users come for, outside the server: search, a case's history, alerts (Atom), the
completeness report, the base a store records and build progress. Every paper here is
invented (tests/invented_papers.py)."""

from __future__ import annotations

import datetime as dt
import io
import json

import feedparser
import pytest
from invented_papers import Paragraph, protocol, write

from graf.feeds import feed_for
from graf.report import numbering_gaps, paper_reports
from graf.search import Filters, SearchIndex, index_path, parse_query, passage, search
from graf.store import Store, recorded_base

BASE = "https://example.org/lovasa/id/"

REFERRAL = protocol("Kommunstyrelsen", dt.date(2024, 11, 5), [
    Paragraph(200, "Val av justerare", "Kommunstyrelsen utser Torbjörn Hägg att justera."),
    Paragraph(201, "Motion om cykelbanor längs Ågatan", "1. Kommunstyrelsen remitterar motionen till tekniska nämnden.",
              dnr="KS 2024/903"),
])
RESPONSE = protocol("Tekniska nämnden", dt.date(2025, 2, 11), [
    Paragraph(11, "Val av justerare", "Nämnden utser Vendela Ros att justera."),
    Paragraph(13, "Remiss om cykelbanor längs Ågatan", "1. Tekniska nämnden tillstyrker motionen om cykelbanor.",
              dnr="TN 2025/40", referring="KS 2024/903",
              summary="Enligt 2 kap. 1 § kommunallagen (2017:725) får kommunen ha hand om angelägenheter av "
                      "allmänt intresse. Frågan om belysning utreds separat.",
              reservation="Greta Nyqvist (L)"),
])
DECISION = protocol("Kommunstyrelsen", dt.date(2025, 4, 8), [
    Paragraph(76, "Val av justerare", "Kommunstyrelsen utser Vendela Ros att justera."),
    Paragraph(77, "Motion om cykelbanor längs Ågatan", "1. Kommunstyrelsen föreslår fullmäktige att bifalla motionen.",
              dnr="KS 2024/903", reservation="Kjell Vass (C)"),
])


@pytest.fixture(scope="module")
def store(tmp_path_factory, graf_cli_module):
    root = tmp_path_factory.mktemp("users")
    papers = root / "papers"
    write(papers, "ks-2024-11-05.md", REFERRAL)
    write(papers, "tn-2025-02-11.md", RESPONSE)
    write(papers, "ks-2025-04-08.md", DECISION)
    result = graf_cli_module("build", str(papers), "--store", str(root / "store"), "--base", BASE)
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture(scope="module")
def graf_cli_module():
    from conftest import run_cli

    return run_cli


# ----------------------------------------------------------------------------- search


def test_search_finds_inflections_phrases_and_prefixes(store):
    where = store / "store"
    hits = search(where, "cykelbana")  # the singular is printed nowhere, the plural is
    assert {h.title for h in hits} >= {"§ 201 Motion om cykelbanor längs Ågatan",
                                       "§ 13 Remiss om cykelbanor längs Ågatan"}
    assert all("cykelbanor" in h.passage[a:b].lower() for h in hits for a, b in h.marks[:1])
    phrase = search(where, '"allmänt intresse"')
    assert [h.iri for h in phrase if h.kind == "item"] == [f"{BASE}sammantrade/tekniska-namnden/2025-02-11/paragraf/13"]
    assert not search(where, '"intresse allmänt"')  # the words in the other order are printed nowhere
    prefix = search(where, "belys*", Filters(kind="item"))
    assert [h.title for h in prefix] == ["§ 13 Remiss om cykelbanor längs Ågatan"]
    marked = [prefix[0].passage[a:b] for a, b in prefix[0].marks]
    assert marked == ["belysning"]


def test_search_filters_by_committee_and_date(store):
    where = store / "store"
    ks = search(where, "motionen", Filters(committee="kommunstyrelse", kind="item"))
    assert ks and {h.committee for h in ks} == {"Kommunstyrelsen"}
    spring = search(where, "motionen", Filters(date_from="2025-01-01", date_to="2025-03-31", kind="item"))
    assert spring and {h.date for h in spring} == {"2025-02-11"}
    assert search(where, "motionen", Filters(date_to="2024-01-01")) == []


def test_search_query_parts_are_quoted_not_passed_as_fts_syntax():
    q = parse_query('NEAR(a b) "ett OR två" x* -y')
    assert "NEAR" not in q.fts().replace('"near"', "")  # every token quoted, lower case
    assert q.prefixes == ("x",)
    text, marks = passage("Reservationer anmäldes. Ingen reservation i övrigt.", parse_query("reservationerna"))
    assert [text[a:b] for a, b in marks] == ["Reservationer", "reservation"]


def test_passages_show_markdown_papers_as_clean_text():
    """A paper read from Markdown keeps its markup in the text (offsets count it); a hit shows
    the words, as the pages do: no emphasis marks (* or _), heading marks or table pipes."""
    text = ("## **§ 12** Remiss om lekplatser\n_Beslutet expedieras till:_ Kommunstyrelsen\n"
            "| Ledamot | Ja | Nej |\n|---|---|---|\n| Ada Lind (S) | X | |\n**Reservationer** anmäldes.")
    shown, marks = passage(text, parse_query("beslutet reservation"))
    assert not set(shown) & set("*_#|"), shown
    assert "Beslutet expedieras till: Kommunstyrelsen" in shown
    assert [shown[a:b] for a, b in marks] == ["Beslutet", "Reservationer"]


def test_index_follows_changed_and_removed_papers(tmp_path, graf_cli_module):
    papers = tmp_path / "papers"
    first = write(papers, "tn.md", RESPONSE)
    write(papers, "ks.md", REFERRAL)
    store_dir = tmp_path / "store"
    assert graf_cli_module("build", str(papers), "--store", str(store_dir), "-q").returncode == 0
    assert search(store_dir, "belysning")
    first.write_text(RESPONSE.replace("belysning", "snöröjning"), encoding="utf-8")
    result = graf_cli_module("build", str(papers), "--store", str(store_dir))
    assert f"updated: {first.resolve()}" in result.stderr
    assert not search(store_dir, "belysning") and search(store_dir, "snöröjning")
    first.unlink()
    result = graf_cli_module("build", str(papers), "--store", str(store_dir))
    assert f"removed: {first.resolve()}" in result.stderr
    assert not search(store_dir, "snöröjning")
    with SearchIndex(index_path(store_dir), read_only=True) as index:
        assert index.paths() == [str((papers / "ks.md").resolve())]


def test_a_store_built_before_the_index_existed_is_indexed_by_the_next_build(tmp_path, graf_cli_module):
    papers = tmp_path / "papers"
    write(papers, "ks.md", REFERRAL)
    store_dir = tmp_path / "store"
    assert graf_cli_module("build", str(papers), "--store", str(store_dir), "-q").returncode == 0
    index_path(store_dir).unlink()
    assert graf_cli_module("build", str(papers), "--store", str(store_dir), "-q").returncode == 0
    assert search(store_dir, "cykelbanor")


def test_search_command_prints_highlighted_hits_with_item_iris(store, graf_cli_module):
    result = graf_cli_module("search", "cykelbanor", "--store", str(store / "store"), "--committee", "tekniska",
                             "--format", "json")
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert hits and all(h["committee"] == "Tekniska nämnden" for h in hits)
    assert f"{BASE}sammantrade/tekniska-namnden/2025-02-11/paragraf/13" in {h["iri"] for h in hits}
    text = graf_cli_module("search", "cykelbanor", "--store", str(store / "store"), "--limit", "1").stdout
    assert "[cykelbanor]" in text and "(1 hit)" in text


# ----------------------------------------------------------------------------- case history


def test_case_history_lists_every_step_in_date_order(store, graf_cli_module):
    result = graf_cli_module("query", "case-history", "--store", str(store / "store"),
                             "--param", "caseKey=KS 2024/903", "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = [{k: v["value"] for k, v in b.items()} for b in json.loads(result.stdout)["results"]["bindings"]]
    steps = [(r["date"], r["body"], r["number"], r["role"]) for r in rows]
    assert steps == [("2024-11-05", "Kommunstyrelsen", "201", "own"),
                     ("2025-02-11", "Tekniska nämnden", "13", "related"),
                     ("2025-04-08", "Kommunstyrelsen", "77", "own")]
    assert [r["step"] for r in rows] == ["beslut"] * 3
    assert "remitterar" in rows[0]["text"] and "tillstyrker" in rows[1]["text"] and "bifalla" in rows[2]["text"]
    other = graf_cli_module("query", "case-history", "--store", str(store / "store"),
                            "--param", "caseKey=TN 2025/40", "--format", "json")
    assert len(json.loads(other.stdout)["results"]["bindings"]) == 1


# ----------------------------------------------------------------------------- feeds


def _built(store_dir):
    with SearchIndex(index_path(store_dir), read_only=True) as index:
        return index.built_times()


def test_atom_feed_per_committee_is_valid_and_holds_only_its_decisions(store):
    store_dir = store / "store"
    with Store(store_dir, read_only=True) as s:
        text = feed_for(s, committee="Kommunstyrelsen", base=BASE, built=_built(store_dir))
    feed = feedparser.parse(text)
    assert not feed.bozo and feed.version == "atom10"
    assert feed.feed.id == f"{BASE}feed/committee/kommunstyrelsen"
    links = {e.link for e in feed.entries}
    assert links == {f"{BASE}sammantrade/kommunstyrelsen/2024-11-05/paragraf/200",
                     f"{BASE}sammantrade/kommunstyrelsen/2024-11-05/paragraf/201",
                     f"{BASE}sammantrade/kommunstyrelsen/2025-04-08/paragraf/76",
                     f"{BASE}sammantrade/kommunstyrelsen/2025-04-08/paragraf/77"}
    for e in feed.entries:  # RFC 4287: id, title, updated per entry; here the decision text too
        assert e.id.endswith("/beslut") and e.title and e.updated_parsed and e.summary


def test_atom_feed_per_statute_holds_the_decisions_of_items_citing_it(store):
    with Store(store / "store", read_only=True) as s:
        cited = feedparser.parse(feed_for(s, statute="2017:725", base=BASE))
        other = feedparser.parse(feed_for(s, statute="2001:453", base=BASE))
    assert [e.link for e in cited.entries] == [f"{BASE}sammantrade/tekniska-namnden/2025-02-11/paragraf/13"]
    assert not other.bozo and other.entries == []


def test_feed_command_writes_a_feed(store, graf_cli_module, tmp_path):
    out = tmp_path / "tn.xml"
    result = graf_cli_module("feed", "--committee", "tekniska", "--store", str(store / "store"), "--out", str(out))
    assert result.returncode == 0, result.stderr
    feed = feedparser.parse(out.read_text(encoding="utf-8"))
    assert feed.feed.id.startswith(BASE)  # the base the store was built with, not graf's default
    assert len(feed.entries) == 2


# ----------------------------------------------------------------------------- report


def test_numbering_gaps_are_sentences_inside_the_paper_range():
    assert numbering_gaps(["11", "13"]) == ["§ 12 missing between 11 and 13"]
    assert numbering_gaps(["3", "7", "8", "6 A"]) == ["§§ 4–6 missing between 3 and 7"]
    assert numbering_gaps(["120", "121"]) == []


def test_report_says_what_each_paper_lacks(store, tmp_path, graf_cli_module):
    with Store(store / "store", read_only=True) as s:
        reports = {r.file: r for r in paper_reports(s)}
    tn = reports["tn-2025-02-11.md"]
    assert (tn.genre, tn.body, tn.date) == ("protokoll", "Tekniska nämnden", "2025-02-11")
    assert tn.counts["items"] == 2 and tn.counts["reservations"] == 1 and tn.counts["citations"] >= 1
    assert tn.counts["attendance"] >= 5
    assert "§ 12 missing between 11 and 13" in tn.warnings
    assert "no meeting date" not in tn.warnings
    # a paper without an attendance list and without a date line
    bare = protocol("Kulturnämnden", dt.date(2025, 3, 4), [Paragraph(5, "Taxor", "Nämnden antar taxorna.")],
                    attendance=False).replace("tisdagen den 4 mars 2025 ", "")
    write(tmp_path / "p", "bare.md", bare)
    assert graf_cli_module("build", str(tmp_path / "p"), "--out", str(tmp_path / "bare.ttl"), "-q").returncode == 0
    result = graf_cli_module("report", "--data", str(tmp_path / "bare.ttl"), "--format", "json")
    (only,) = json.loads(result.stdout)
    assert "attendance list empty" in only["warnings"] and "no meeting date" in only["warnings"]
    table = graf_cli_module("report", "--store", str(store / "store")).stdout
    assert "! § 12 missing between 11 and 13" in table


# ----------------------------------------------------------------------------- base, progress


def test_store_and_graph_file_record_their_base(store, tmp_path, graf_cli_module):
    assert recorded_base(store_dir=store / "store") == BASE
    write(tmp_path / "p", "ks.md", REFERRAL)
    out = tmp_path / "ks.ttl"
    assert graf_cli_module("build", str(tmp_path / "p"), "--out", str(out), "--base", "https://example.net/x/").returncode == 0
    assert recorded_base(data=out) == "https://example.net/x/"


def test_a_later_build_of_a_store_keeps_its_base(tmp_path, graf_cli_module, monkeypatch):
    """Built with --base, then built again without it (a new paper in the folder): the store
    keeps the base it records, the unchanged papers are not rebuilt under the default."""
    monkeypatch.delenv("GRAF_BASE", raising=False)
    papers, store_dir = tmp_path / "papers", tmp_path / "store"
    write(papers, "ks-2024-11-05.md", REFERRAL)
    assert graf_cli_module("build", str(papers), "--store", str(store_dir), "--base", BASE).returncode == 0
    write(papers, "tn-2025-02-11.md", RESPONSE)
    again = graf_cli_module("build", str(papers), "--store", str(store_dir))
    assert again.returncode == 0, again.stderr
    assert "added:" in again.stderr and "updated:" not in again.stderr
    assert recorded_base(store_dir=store_dir) == BASE
    other = graf_cli_module("build", str(papers), "--store", str(store_dir), "--base", "https://example.net/y/")
    assert other.returncode == 0 and recorded_base(store_dir=store_dir) == "https://example.net/y/"


class _Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def test_progress_lines_give_rate_and_eta_of_the_papers_worked_on():
    from graf.progress import Progress

    out, clock = io.StringIO(), _Clock()
    progress = Progress(6, stream=out, clock=clock)
    assert progress.bar is False  # a StringIO is not a terminal
    progress(1, 6, "a.md", "unchanged")
    progress(2, 6, "b.md", "ok")
    clock.now += 4
    progress(3, 6, "c.md", "ok")
    clock.now += 4
    progress(4, 6, "d.md", "ok")
    lines = out.getvalue().splitlines()
    assert lines[0] == "[1/6] a.md: unchanged"
    assert lines[3] == "[4/6] d.md: ok (0.25 papers/s, ETA 00:08)"


def test_a_pdf_page_without_text_layer_is_a_warning_in_the_report(tmp_path, graf_cli_module):
    from pypdf import PdfReader, PdfWriter
    from test_sources import _pdf_bytes

    writer = PdfWriter()
    writer.add_page(PdfReader(io.BytesIO(_pdf_bytes("Protokoll 4/2025 Miljonamnden"))).pages[0])
    writer.add_blank_page(width=595, height=842)  # a scanned page: no text layer
    buf = io.BytesIO()
    writer.write(buf)
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "two-pages.pdf").write_bytes(buf.getvalue())
    out = tmp_path / "two.ttl"
    assert graf_cli_module("build", str(tmp_path / "p"), "--out", str(out), "-q").returncode == 0
    (only,) = json.loads(graf_cli_module("report", "--data", str(out), "--format", "json").stdout)
    assert "PDF page 2 without text layer" in only["warnings"]
    assert "PDF page 1 without text layer" not in only["warnings"]
