"""HTML pages of the server: landing page, query form and results, one page per resource.

Every IRI under the dataset's base is shown as a link to the local path that answers for it, so
the graph can be browsed without leaving the server. All text is escaped.
"""

from __future__ import annotations

import re
from html import escape
from urllib.parse import quote, urlencode

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

_CSS = """
body{font-family:system-ui,sans-serif;margin:0;color:#1d1d1f;background:#fafafa}
header{background:#1f3a5f;color:#fff;padding:.6rem 1.2rem}
header a{color:#fff;margin-right:1.2rem;text-decoration:none}
main{padding:1rem 1.2rem;max-width:75rem}
table{border-collapse:collapse;margin:.5rem 0 1rem;background:#fff}
th,td{border:1px solid #ccd;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#eef}
code,pre,textarea{font-family:ui-monospace,monospace;font-size:.9em}
textarea{width:100%;min-height:12rem}
.lit{color:#22543d}.lang,.dt{color:#888;font-size:.8em}
.note{background:#fff6d6;border:1px solid #e6c200;padding:.4rem .6rem}
.error{background:#fde8e8;border:1px solid #c00;padding:.4rem .6rem}
mark{background:#ffe27a}
blockquote.source{background:#fff;border-left:4px solid #1f3a5f;margin:.4rem 0;padding:.4rem .8rem;
white-space:pre-wrap}
"""


# the schemes an IRI in the data may be linked with; anything else is shown as text
_LINKABLE = re.compile(r"(?:https?|ftp|mailto|urn):", re.IGNORECASE)


class Linker:
    """Turns IRIs into hrefs: under ``base`` → the local path; anything else stays absolute."""

    def __init__(self, base: str, prefixes: dict[str, str] | None = None):
        self.base = base
        self.prefixes = sorted((prefixes or {}).items(), key=lambda kv: -len(kv[1]))

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


def layout(title: str, body: str, head_links: str = "") -> bytes:
    page = f"""<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8"><title>{escape(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">{head_links}
<style>{_CSS}</style></head>
<body><header><a href="/">graf</a><a href="/sparql">SPARQL</a></header>
<main>
<h1>{escape(title)}</h1>
{body}
</main></body></html>
"""
    return page.encode("utf-8")


def error_page(status: int, message: str) -> bytes:
    return layout(f"{status}", f'<p class="error" id="error">{escape(message)}</p>')


# ----------------------------------------------------------------------------- landing


def landing(summary: dict, queries: list[str], dumps: list[tuple[str, str]], linker: Linker,
            endpoint: str) -> bytes:
    parts = []
    n_triples = summary.get("triples")
    first, last = summary.get("first_date"), summary.get("last_date")
    facts = [f"<li><strong id=\"triple-count\">{n_triples}</strong> triples</li>"] if n_triples is not None else []
    if summary.get("papers") is not None:
        facts.append(f"<li><strong id=\"paper-count\">{summary['papers']}</strong> handlingar "
                     "(dagordningar och protokoll)</li>")
    if summary.get("meetings") is not None:
        facts.append(f"<li><strong id=\"meeting-count\">{summary['meetings']}</strong> sammanträden"
                     + (f', <span id="date-range">{escape(first)} – {escape(last)}</span>' if first else "")
                     + "</li>")
    parts.append(f"<ul>{''.join(facts)}</ul>")
    parts.append(f'<p>SPARQL endpoint: <a href="/sparql"><code>{escape(endpoint)}</code></a> '
                 "(SPARQL 1.1 Protocol, read-only)</p>")

    committees = summary.get("committees", [])
    if committees:
        rows = "".join(
            f"<tr><td>{linker.link(c['iri'], c.get('label'))}</td><td>{c['meetings']}</td>"
            f"<td>{escape(c.get('first') or '')}</td><td>{escape(c.get('last') or '')}</td></tr>"
            for c in committees)
        parts.append('<h2>Nämnder</h2><table id="committees"><tr><th>nämnd</th><th>sammanträden</th>'
                     f"<th>första</th><th>senaste</th></tr>{rows}</table>")
    classes = summary.get("classes", [])
    if classes:
        rows = "".join(f"<tr><td>{linker.link(c['iri'])}</td><td>{c['count']}</td></tr>" for c in classes)
        parts.append(f'<h2>Innehåll per klass</h2><table id="classes"><tr><th>klass</th><th>antal</th></tr>'
                     f"{rows}</table>")
    if queries:
        items = "".join(f'<li><a class="canned" href="/query/{quote(q)}">{escape(q)}</a> '
                        f'(<a href="/query/{quote(q)}?format=csv">csv</a>, '
                        f'<a href="/query/{quote(q)}?format=json">json</a>)</li>' for q in queries)
        parts.append(f'<h2>Färdiga frågor</h2><ul id="queries">{items}</ul>')
    if dumps:
        items = "".join(f'<li><a class="dump" href="/dump/{quote(name)}">{escape(name)}</a> — {escape(desc)}</li>'
                        for name, desc in dumps)
        parts.append(f'<h2>Ladda ner</h2><ul id="dumps">{items}</ul>')
    return layout("graf — kommunala nämndhandlingar som länkade data", "\n".join(parts))


# ----------------------------------------------------------------------------- query and results


def query_form(query: str = "", examples: list[str] | None = None) -> str:
    ex = ""
    if examples:
        ex = "<p>Färdiga frågor: " + ", ".join(
            f'<a href="/query/{quote(q)}">{escape(q)}</a>' for q in examples) + "</p>"
    return (f'<form method="post" action="/sparql" id="query-form">'
            f'<textarea name="query" id="query">{escape(query)}</textarea>'
            '<p><label>Resultat: <select name="format"><option value="html">HTML</option>'
            '<option value="json">JSON</option><option value="csv">CSV</option>'
            '<option value="tsv">TSV</option><option value="xml">XML</option>'
            '<option value="ttl">Turtle</option></select></label> '
            '<button type="submit">Kör</button></p></form>' + ex)


def results_page(title: str, query: str, result: dict, linker: Linker, elapsed: float,
                 max_rows: int, download_href: str | None = None) -> bytes:
    parts = []
    kind = result["kind"]
    if kind == "select":
        variables, rows = result["vars"], result["rows"]
        head = "".join(f"<th>{escape(v)}</th>" for v in variables)
        body = "".join("<tr>" + "".join(f"<td>{linker.term(t)}</td>" for t in row) + "</tr>" for row in rows)
        parts.append(f'<p id="result-count">{len(rows)} rader ({elapsed:.2f} s)</p>')
        parts.append(f'<table id="results"><tr>{head}</tr>{body}</table>')
    elif kind == "ask":
        parts.append(f'<p id="result-boolean">{"true" if result["value"] else "false"}</p>')
    else:
        rows = "".join(f"<tr><td>{linker.term(s)}</td><td>{linker.term(p)}</td><td>{linker.term(o)}</td></tr>"
                       for s, p, o in result["triples"])
        parts.append(f'<p id="result-count">{len(result["triples"])} triples ({elapsed:.2f} s)</p>')
        parts.append(f'<table id="results"><tr><th>subject</th><th>predicate</th><th>object</th></tr>{rows}</table>')
    if result.get("truncated"):
        parts.insert(0, f'<p class="note" id="truncated">Resultatet är avkortat till {max_rows} rader '
                        "(serverns gräns).</p>")
    if download_href:
        parts.insert(0, f"<p>Hämta som {download_href}</p>")
    parts.append("<h2>Fråga</h2>" + query_form(query))
    return layout(title, "\n".join(parts))


def download_links(base_href: str, kind: str) -> str:
    fmts = ["json", "csv", "tsv", "xml"] if kind == "select" else ["json", "xml"] if kind == "ask" \
        else ["ttl", "nt", "jsonld"]
    sep = "&" if "?" in base_href else "?"
    return ", ".join(f'<a href="{escape(base_href + sep + urlencode({"format": f}))}">{f}</a>' for f in fmts)


# ----------------------------------------------------------------------------- resource


def _group(pairs: list[tuple]) -> dict[str, list]:
    out: dict[str, list] = {}
    for p, o in pairs:
        out.setdefault(p[1], []).append(o)
    return out


def resource_page(data: dict, linker: Linker, formats_href: str) -> bytes:
    iri = data["iri"]
    labels = data.get("labels", {})
    title = data.get("label") or linker.short(iri)
    out = data["outgoing"]
    types = [o for p, o in out if p[1] == RDF_TYPE]
    props = [(p, o) for p, o in out if p[1] != RDF_TYPE]
    parts = [f'<p><code id="iri">{escape(iri)}</code></p>']
    if types:
        parts.append('<p id="types">Typ: ' + ", ".join(linker.term(t, labels) for t in types) + "</p>")
    parts.append(f"<p>Som {formats_href}</p>")

    def prop_table(pairs, table_id):
        rows = []
        for pred, objects in sorted(_group(pairs).items(), key=lambda kv: linker.short(kv[0])):
            cells = "<br>".join(linker.term(o, labels) for o in sorted(objects, key=lambda t: str(t[1])))
            rows.append(f"<tr><th>{linker.link(pred)}</th><td>{cells}</td></tr>")
        return f'<table id="{table_id}">{"".join(rows)}</table>'

    if props:
        parts.append("<h2>Egenskaper</h2>" + prop_table(props, "properties"))
    for frag, pairs in sorted(data.get("fragments", {}).items()):
        anchor = frag.split("#", 1)[1]
        parts.append(f'<h3 id="{escape(anchor)}">#{escape(anchor)}</h3>' + prop_table(pairs, f"fragment-{anchor}"))
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
    incoming = data.get("incoming", [])
    if incoming:
        rows = "".join(f"<tr><td>{linker.term(s, labels)}</td><td>{linker.link(p[1])}</td></tr>"
                       for s, p in incoming)
        more = ""
        if data.get("incoming_total", 0) > len(incoming):
            more = f"<p>Visar {len(incoming)} av {data['incoming_total']}.</p>"
        parts.append(f'<h2>Länkar hit</h2><table id="backlinks"><tr><th>från</th><th>via</th></tr>{rows}</table>{more}')
    alt = (f'<link rel="alternate" type="text/turtle" href="{escape(linker.href(iri))}?format=ttl">'
           f'<link rel="alternate" type="application/ld+json" href="{escape(linker.href(iri))}?format=jsonld">')
    return layout(title, "\n".join(parts), alt)
