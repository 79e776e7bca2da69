"""HTML pages of the server: landing page, query form and results, the readable pages
(meeting, item, person, party, committee, statute, district, case; see graf.serve.views) and
the property table of any IRI (the RDF view).

Pages are Jinja2 templates (graf/serve/templates) with autoescaping on: every value from the
graph is escaped unless it is HTML this module made (Linker links, the source passages), which
is marked safe here and only here. Every IRI under the dataset's base is shown as a link to the
local path that answers for it, so the graph can be browsed without leaving the server.
"""

from __future__ import annotations

import re
from functools import cache
from html import escape
from urllib.parse import urlencode

from markupsafe import Markup

from graf.serve import views
from graf.sources.markup import blank_markup, plain_text

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
GRAF_PROVISION = "https://w3id.org/graf/ns#provision"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

# the schemes an IRI in the data may be linked with; anything else is shown as text
_LINKABLE = re.compile(r"(?:https?|ftp|mailto|urn):", re.IGNORECASE)


class Linker:
    """Turns IRIs into hrefs: under ``base`` → the local path; anything else stays absolute."""

    def __init__(self, base: str, prefixes: dict[str, str] | None = None):
        self.base = base
        self.prefixes = sorted((prefixes or {}).items(), key=lambda kv: -len(kv[1]))
        self.site_search = False  # the server has a full-text index: pages show a search box

    def feed(self, iri: str | None) -> str | None:
        """The local Atom feed of a committee or municipality IRI (graf serve's /feed/…)."""
        if iri and iri.startswith(self.base + "organ/") or iri and iri.startswith(self.base + "kommun/"):
            return "/feed/" + iri[len(self.base):]
        return None

    def href(self, iri: str) -> str:
        if iri.startswith(self.base):
            return "/" + iri[len(self.base):]
        return iri

    def short(self, iri: str) -> str:
        for prefix, ns in self.prefixes:
            if iri.startswith(ns) and len(iri) > len(ns):
                return f"{prefix}:{iri[len(ns):]}"
        if iri.startswith(self.base):
            return "/" + iri[len(self.base):]
        return iri

    def link(self, iri: str, label: str | None = None) -> str:
        text = label or self.short(iri)
        title = f' title="{escape(iri)}"' if label or text != iri else ""
        href = self.href(iri)
        if not href.startswith("/") and not _LINKABLE.match(href):
            # javascript:, data:, vbscript:… are valid IRIs but must never become live links
            return f'<span class="iri"{title}>{escape(text)}</span>'
        return f'<a href="{escape(href)}"{title}>{escape(text)}</a>'

    def term(self, t, labels: dict[str, str] | None = None) -> str:
        if t is None:
            return ""
        kind = t[0]
        if kind == "uri":
            return self.link(t[1], (labels or {}).get(t[1]))
        if kind == "bnode":
            return f"<code>_:{escape(t[1])}</code>"
        if kind == "triple":
            return "&lt;&lt; " + " ".join(self.term(x, labels) for x in t[1:]) + " &gt;&gt;"
        _, value, datatype, lang = t
        out = f'<span class="lit">{escape(value)}</span>'
        if lang:
            out += f' <span class="lang">@{escape(lang)}</span>'
        elif datatype != XSD_STRING:
            out += f' <span class="dt">{escape(self.short(datatype))}</span>'
        return out


# ----------------------------------------------------------------------------- templates


@cache
def _environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(loader=PackageLoader("graf.serve", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["clean"] = plain_text
    env.filters["anchor"] = anchor
    env.globals["page_href"] = page_href
    return env


def render(template: str, linker: Linker, **context) -> bytes:
    """A page from its template; ``link``, ``term`` and ``href`` are the linker's, made safe
    once here (they escape what they write)."""
    context.setdefault("link", lambda iri, label=None: Markup(linker.link(iri, label)))
    context.setdefault("term", lambda t: Markup(linker.term(t)))
    context.setdefault("href", linker.href)
    context.setdefault("alternates", [])
    context.setdefault("site_search", linker.site_search)
    context.setdefault("feed", linker.feed)
    return _environment().get_template(template).render(**context).encode("utf-8")


def anchor(text: str | None) -> str:
    """An id attribute value for a § number ("4 a" -> "4-a")."""
    return re.sub(r"[^0-9A-Za-z]+", "-", text or "").strip("-") or "x"


def page_href(path: str, keep: dict, param: str, number: int) -> str:
    params = {k: v for k, v in keep.items() if v not in (None, 1)}
    params[param] = number
    return path + "?" + urlencode(params)


def layout(title: str, body: str, head_links: str = "") -> bytes:
    """A page around HTML made elsewhere (kept for callers outside the templates)."""
    env = _environment()
    template = env.from_string('{% extends "base.html" %}{% block content %}{{ body }}{% endblock %}')
    return template.render(title=title, body=Markup(body), alternates=[]).encode("utf-8")


def error_page(status: int, message: str) -> bytes:
    return render("error.html", Linker(""), title=str(status), message=message)


# ----------------------------------------------------------------------------- landing


def landing(summary: dict, queries: list[str], dumps: list[tuple[str, str]], linker: Linker,
            endpoint: str) -> bytes:
    s = {k: summary.get(k) for k in ("triples", "papers", "meetings", "first_date", "last_date")}
    s.update(committees=summary.get("committees", []), classes=summary.get("classes", []))
    return render("landing.html", linker, title="graf — kommunala nämndhandlingar som länkade data",
                  s=s, queries=queries, dumps=dumps, endpoint=endpoint)


# ----------------------------------------------------------------------------- query and results


def query_page(query: str, examples: list[str], linker: Linker) -> bytes:
    return render("query.html", linker, title="SPARQL", query=query, examples=examples)


def results_page(title: str, query: str, result: dict, linker: Linker, elapsed: float,
                 max_rows: int, download: list[tuple[str, str]] | None = None) -> bytes:
    return render("results.html", linker, title=title, query=query, result=result, elapsed=elapsed,
                  max_rows=max_rows, download=download or [])


def download_links(base_href: str, kind: str) -> list[tuple[str, str]]:
    fmts = ["json", "csv", "tsv", "xml"] if kind == "select" else ["json", "xml"] if kind == "ask" \
        else ["ttl", "nt", "jsonld"]
    sep = "&" if "?" in base_href else "?"
    return [(f, base_href + sep + urlencode({"format": f})) for f in fmts]


# ----------------------------------------------------------------------------- readable pages


def readable_page(kind: str, view, data: dict, linker: Linker, path: str) -> bytes:
    """The page of a meeting, item, person, party, committee, municipality, statute, district or case:
    ``view`` is its record from graf.serve.views, ``data`` the worker's resource answer (the
    source passages shown at the end come from it)."""
    iri = data["iri"]
    title = {"meeting": lambda v: " ".join(x for x in ("Sammanträde", v.body.label if v.body else None, v.date)
                                           if x),
             "item": lambda v: " ".join(x for x in ((("§ " if v[0].printed else "Punkt ") + v[0].number)
                                                   if v[0].number else None, plain_text(v[0].title)) if x)
             or "Ärende",
             "person": lambda v: v.name, "party": lambda v: v.name, "committee": lambda v: v.name,
             "municipality": lambda v: v.name,
             "statute": lambda v: v.title, "district": lambda v: v.name,
             "case": lambda v: f"Ärende {v.identifier}",
             "paper": lambda v: " ".join(x for x in ((v.kind or "handling").capitalize(),
                                                     v.meetings[0].meeting.label if v.meetings else None) if x)}[kind](view)
    context: dict = {"meeting": {"m": view}, "item": {"item": view[0] if kind == "item" else None,
                                                      "meeting": view[1] if kind == "item" else None},
                     "person": {"p": view}, "party": {"p": view}, "committee": {"c": view},
                     "municipality": {"k": view},
                     "statute": {"s": view}, "district": {"d": view}, "case": {"c": view},
                     "paper": {"d": view}}[kind]
    data = {**data, "provenance": [shorten_passage(span) for span in data.get("provenance", [])]}
    if kind == "statute":
        # the act's cited provisions, as printed ("2 kap. 1 §"), each with the anchor its hash IRI names
        context["provisions"] = [
            {"iri": frag, "anchor": frag.split("#", 1)[1],
             "label": views.provision_words(next((o[1] for p, o in pairs if p[1] == GRAF_PROVISION),
                                                 frag.split("#", 1)[1]))}
            for frag, pairs in sorted(data.get("fragments", {}).items())]
    alternates = _alternates(linker.href(iri))
    feed = linker.feed(iri) if kind in ("committee", "municipality") else (
        "/feed/sfs/" + view.identifier if kind == "statute" and view.identifier and not view.whole else None)
    if feed:
        alternates.append({"media": "application/atom+xml", "href": feed})
    return render(f"{kind}.html", linker, title=title, path=path, passages=Markup(source_passages(data, linker)),
                  alternates=alternates, feed_href=feed, **context)


def search_page(text: str, committee: str, date_from: str, date_to: str, hits: list, available: bool,
                linker: Linker) -> bytes:
    """Full-text search (graf.search): hits as passages with the matching words marked."""
    shown = []
    for h in hits:
        parts, last = [], 0
        for start, end in h.marks:
            parts += [escape(h.passage[last:start]), "<mark>", escape(h.passage[start:end]), "</mark>"]
            last = end
        parts.append(escape(h.passage[last:]))
        shown.append({"hit": h, "passage": Markup("".join(parts))})
    return render("search.html", linker, title="Sök" + (f": {text}" if text else ""), q=text, committee=committee,
                  date_from=date_from, date_to=date_to, hits=shown, available=available)


def report_page(reports: list, linker: Linker) -> bytes:
    """What graf read from each paper, and what it did not (graf.report)."""
    return render("report.html", linker, title="Vad graf läste", reports=reports,
                  warned=sum(1 for r in reports if r.warnings))


def _alternates(href: str) -> list[dict]:
    return [{"media": "text/turtle", "href": href + "?format=ttl"},
            {"media": "application/ld+json", "href": href + "?format=jsonld"}]

# ----------------------------------------------------------------------------- resource


def _group(pairs: list[tuple]) -> dict[str, list]:
    out: dict[str, list] = {}
    for p, o in pairs:
        out.setdefault(p[1], []).append(o)
    return out


def resource_page(data: dict, linker: Linker, formats: list[str], path: str, readable: bool = False) -> bytes:
    """The property table of an IRI (the RDF view): its types, every property, its hash
    parts, the source passages and what links here. ``readable``: a readable page exists."""
    iri = data["iri"]
    labels = data.get("labels", {})
    out = data["outgoing"]

    def rows(pairs):
        return [(pred, sorted(objects, key=lambda t: str(t[1])))
                for pred, objects in sorted(_group(pairs).items(), key=lambda kv: linker.short(kv[0]))]

    return render(
        "resource.html", linker, title=data.get("label") or linker.short(iri), iri=iri, path=path,
        readable=readable, formats=formats, types=[o for p, o in out if p[1] == RDF_TYPE],
        properties=rows([(p, o) for p, o in out if p[1] != RDF_TYPE]),
        fragments=[(frag.split("#", 1)[1], rows(pairs)) for frag, pairs in sorted(data.get("fragments", {}).items())],
        passages=Markup(source_passages(data, linker)), incoming=data.get("incoming", []),
        incoming_total=data.get("incoming_total", 0),
        term=lambda t: Markup(linker.term(t, labels)), alternates=_alternates(linker.href(iri)))


def source_passages(data: dict, linker: Linker) -> str:
    """Where a resource was read: each passage as clean text with the mention marked and a
    link to its document (the one passage rendering every page shows)."""
    data = {**data, "provenance": [_clean_span(span) for span in data.get("provenance", [])]}
    parts: list[str] = []
    prov = data.get("provenance", [])
    if prov:
        quotes = []
        for span in prov:
            doc = span["document"]
            where = f"tecken {span['start']}–{span['end']}" if "start" in span else ""
            if where and span.get("annotation"):  # the annotation's page: its full W3C form
                where = linker.link(span["annotation"], where)
            text = (escape(span.get("before", span.get("prefix", ""))) + "<mark>" + escape(span.get("exact", ""))
                    + "</mark>" + escape(span.get("after", span.get("suffix", ""))))
            quotes.append(f'<li class="span">{linker.link(doc, span.get("document_label"))} {where}'
                          f'<blockquote class="source">{text}</blockquote></li>')
        more = ""
        if data.get("annotations_total", 0) > len(prov):
            more = f"<p>… och {data['annotations_total'] - len(prov)} ställen till.</p>"
        parts.append(f'<h2>Källa</h2><ul id="provenance">{"".join(quotes)}</ul>{more}')
    return "\n".join(parts)


# a mention longer than this (a whole § read as an item) is quoted by its beginning and end on
# the readable pages; the property table quotes it whole
_LONG_MENTION = 480


def shorten_passage(span: dict) -> dict:
    exact = span.get("exact", "")
    if len(exact) <= _LONG_MENTION:
        return span
    head, tail = exact[: _LONG_MENTION * 2 // 3], exact[-_LONG_MENTION // 6:]
    return {**span, "exact": head.rstrip() + " […] " + tail.lstrip()}


def _clean_span(span: dict) -> dict:
    """A passage's text without the Markdown markup around and inside the mention, one line
    break where the paper's text had blank lines between lines. The markup is found in the
    passage as a whole (a "**" at the mention's edge opens or closes emphasis only in context)."""
    out = dict(span)
    if not out.get("document_label"):
        out["document_label"] = "handlingens text"
    # the pieces shown one after the other (the page shows "before" where there is one, else
    # the quote selector's "prefix"), then any other piece alone
    shown: list[str] = [k for k in (next((k for k in ("before", "prefix") if k in out), None), "exact",
                                    next((k for k in ("after", "suffix") if k in out), None)) if k and k in out]
    groups: list[list[str]] = [shown, *([k] for k in ("before", "prefix", "after", "suffix")
                                        if k in out and k not in shown)]
    for keys in groups:
        whole = blank_markup("".join(out[k] for k in keys))
        at = 0
        for k in keys:
            piece, at = whole[at : at + len(out[k])], at + len(out[k])
            piece = re.sub(r"\n[ \t]*(?:\n[ \t]*)+", "\n", piece)
            out[k] = re.sub(r"[ \t]{2,}", " ", piece)
    return out
