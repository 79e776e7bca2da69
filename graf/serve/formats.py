"""Content negotiation and the SPARQL results / RDF serialisations the server answers with."""

from __future__ import annotations

import csv
import io
import json
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from graf.serve.workers import from_tuple
from graf.tabular import spreadsheet_safe

JSON = "application/sparql-results+json"
XML = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"
HTML = "text/html"
TURTLE = "text/turtle"
NTRIPLES = "application/n-triples"
JSONLD = "application/ld+json"
RDFXML = "application/rdf+xml"

SELECT_TYPES = [JSON, XML, CSV, TSV, HTML]
ASK_TYPES = [JSON, XML, HTML]
GRAPH_TYPES = [TURTLE, NTRIPLES, JSONLD, RDFXML, HTML]
OFFERS = {"select": SELECT_TYPES, "ask": ASK_TYPES, "graph": GRAPH_TYPES}

# media types clients send for the same thing
ALIASES = {
    "application/json": JSON, "text/json": JSON, "application/javascript": JSON,
    "text/javascript": JSON, "application/xml": XML, "text/xml": XML,
    "application/x-turtle": TURTLE, "text/n3": TURTLE, "text/plain": NTRIPLES,
    "application/xhtml+xml": HTML, "application/n-quads": NTRIPLES, "application/json-ld": JSONLD,
}
# ?format= shortcuts (links in the HTML pages, curl users)
SHORT = {"json": JSON, "xml": XML, "csv": CSV, "tsv": TSV, "html": HTML, "ttl": TURTLE,
         "turtle": TURTLE, "nt": NTRIPLES, "ntriples": NTRIPLES, "jsonld": JSONLD,
         "json-ld": JSONLD, "rdfxml": RDFXML, "rdf": RDFXML}


def parse_accept(header: str | None) -> list[tuple[str, float, int]]:
    """(media type, q, position) per entry; an absent header accepts anything."""
    if not header:
        return [("*/*", 1.0, 0)]
    out = []
    for pos, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for f in fields[1:]:
            if f.lower().startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        out.append((ALIASES.get(media, media), q, pos))
    return out


def negotiate(accept: str | None, offers: list[str], explicit: str | None = None) -> str | None:
    """The best of ``offers`` (in server preference order) for an Accept header; None when
    nothing offered is acceptable. ``explicit`` (?format=) wins when offered."""
    if explicit:
        media = SHORT.get(explicit.lower(), ALIASES.get(explicit.lower(), explicit.lower()))
        return media if media in offers else None
    best, best_key = None, None
    entries = parse_accept(accept)
    for rank, offer in enumerate(offers):
        main = offer.split("/")[0]
        q = None
        specificity = -1
        for media, mq, _ in entries:
            if media == offer:
                spec = 2
            elif media == f"{main}/*":
                spec = 1
            elif media == "*/*":
                spec = 0
            else:
                continue
            if spec > specificity:
                specificity, q = spec, mq
        if q is None or q <= 0:
            continue
        # prefer higher q, then an exact mention over a wildcard, then the server's order
        key = (q, specificity >= 2, -rank)
        if best_key is None or key > best_key:
            best, best_key = offer, key
    return best


def wants_html(accept: str | None) -> bool:
    """A browser asks for text/html explicitly; API clients do not."""
    return any(m == HTML and q > 0 for m, q, _ in parse_accept(accept)) if accept else False


# ----------------------------------------------------------------------------- SELECT / ASK


def _json_term(t) -> dict:
    kind = t[0]
    if kind == "uri":
        return {"type": "uri", "value": t[1]}
    if kind == "bnode":
        return {"type": "bnode", "value": t[1]}
    if kind == "triple":
        return {"type": "triple", "value": {"subject": _json_term(t[1]), "predicate": _json_term(t[2]),
                                            "object": _json_term(t[3])}}
    out = {"type": "literal", "value": t[1]}
    if t[3]:
        out["xml:lang"] = t[3]
    elif t[2] != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = t[2]
    return out


def select_json(variables: list[str], rows: list[list]) -> bytes:
    bindings = [{v: _json_term(t) for v, t in zip(variables, row) if t is not None} for row in rows]
    return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}},
                      ensure_ascii=False).encode("utf-8")


def ask_json(value: bool) -> bytes:
    return json.dumps({"head": {}, "boolean": bool(value)}).encode("utf-8")


def _xml_term(t) -> str:
    kind = t[0]
    if kind == "uri":
        return f"<uri>{xml_escape(t[1])}</uri>"
    if kind == "bnode":
        return f"<bnode>{xml_escape(t[1])}</bnode>"
    if kind == "triple":
        return (f"<triple><subject>{_xml_term(t[1])}</subject><predicate>{_xml_term(t[2])}</predicate>"
                f"<object>{_xml_term(t[3])}</object></triple>")
    if t[3]:
        return f"<literal xml:lang={quoteattr(t[3])}>{xml_escape(t[1])}</literal>"
    if t[2] != "http://www.w3.org/2001/XMLSchema#string":
        return f"<literal datatype={quoteattr(t[2])}>{xml_escape(t[1])}</literal>"
    return f"<literal>{xml_escape(t[1])}</literal>"


_XML_HEAD = '<?xml version="1.0" encoding="utf-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n'


def select_xml(variables: list[str], rows: list[list]) -> bytes:
    out = [_XML_HEAD, "<head>"]
    out += [f"<variable name={quoteattr(v)}/>" for v in variables]
    out.append("</head>\n<results>\n")
    for row in rows:
        out.append("<result>")
        for v, t in zip(variables, row):
            if t is not None:
                out.append(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>")
        out.append("</result>\n")
    out.append("</results>\n</sparql>\n")
    return "".join(out).encode("utf-8")


def ask_xml(value: bool) -> bytes:
    return (_XML_HEAD + f"<head/>\n<boolean>{'true' if value else 'false'}</boolean>\n</sparql>\n").encode("utf-8")


def select_csv(variables: list[str], rows: list[list]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([spreadsheet_safe(v) for v in variables])
    for row in rows:
        w.writerow([spreadsheet_safe("" if t is None else (f"_:{t[1]}" if t[0] == "bnode" else
                                     str(from_tuple(t)) if t[0] == "triple" else t[1])) for t in row])
    return buf.getvalue().encode("utf-8")


def select_tsv(variables: list[str], rows: list[list]) -> bytes:
    lines = ["\t".join("?" + v for v in variables)]
    for row in rows:
        lines.append("\t".join("" if t is None else str(from_tuple(t)) for t in row))
    return ("\n".join(lines) + "\n").encode("utf-8")


def serialise(result: dict, media: str, prefixes: dict[str, str] | None = None) -> bytes:
    """A worker's answer (select / ask / graph) in ``media`` (not HTML)."""
    kind = result["kind"]
    if kind == "select":
        return {JSON: select_json, XML: select_xml, CSV: select_csv,
                TSV: select_tsv}[media](result["vars"], result["rows"])
    if kind == "ask":
        return ask_json(result["value"]) if media == JSON else ask_xml(result["value"])
    return graph_bytes(result["triples"], media, prefixes)


# ----------------------------------------------------------------------------- graphs


def graph_bytes(triples: list[tuple], media: str, prefixes: dict[str, str] | None = None) -> bytes:
    import pyoxigraph as ox

    fmt = {TURTLE: ox.RdfFormat.TURTLE, NTRIPLES: ox.RdfFormat.N_TRIPLES,
           JSONLD: ox.RdfFormat.JSON_LD, RDFXML: ox.RdfFormat.RDF_XML}[media]
    items = [ox.Triple(from_tuple(s), from_tuple(p), from_tuple(o)) for s, p, o in triples]
    if prefixes and fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML):
        used = {k: v for k, v in prefixes.items()
                if any(t[0] == "uri" and t[1].startswith(v) for tr in triples for t in tr)}
        return ox.serialize(items, format=fmt, prefixes=used)
    return ox.serialize(items, format=fmt)


def jsonld_compact(triples: list[tuple], context: dict) -> bytes:
    """JSON-LD compacted against graf's context (rdflib), for resource pages."""
    from rdflib import Graph

    nt = graph_bytes(triples, NTRIPLES).decode("utf-8")
    g = Graph()
    g.parse(data=nt, format="nt")
    return g.serialize(format="json-ld", context=context, auto_compact=True).encode("utf-8")
