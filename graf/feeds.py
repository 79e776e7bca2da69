"""Alerts: Atom feeds (RFC 4287) of decisions, per committee, per municipality or per statute,
so a user can follow what a committee decides in any feed reader.

The decisions come from the graph (a store or a graph file). An entry's ``updated`` time is
when graf built the paper into the store (the search index records it per paper: the graph
itself holds no timestamps, so the same paper always gives the same graph), or the meeting
date when that is unknown (a graph file); the newest entries come first.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from graf import __version__
from graf.errors import UsageError
from graf.graph.iri import fold, sparql_target_document
from graf.store import run_query

ATOM = "http://www.w3.org/2005/Atom"

_PREFIXES = """
PREFIX graf: <https://w3id.org/graf/ns#>
PREFIX besluit: <http://data.vlaanderen.be/ns/besluit#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""

_DECISIONS = _PREFIXES + """
SELECT DISTINCT ?decision ?item ?text ?date ?body ?bodyLabel ?muni ?muniLabel ?number ?title ?document WHERE {
  ?decision a besluit:Besluit ; prov:value ?text ; prov:wasGeneratedBy ?treatment .
  ?treatment dct:subject ?item .
  ?meeting besluit:behandelt ?item .
  OPTIONAL { ?meeting dct:date ?date }
  OPTIONAL { ?meeting besluit:isGehoudenDoor ?body . OPTIONAL { ?body rdfs:label ?bodyLabel }
             OPTIONAL { ?body besluit:bestuurt ?muni . OPTIONAL { ?muni skos:prefLabel ?muniLabel } } }
  OPTIONAL { ?item graf:nummer ?number }
  OPTIONAL { ?item dct:title ?title }
  OPTIONAL { ?a oa:hasBody ?decision ; oa:hasTarget ?target_document .
  """ + sparql_target_document("target_document", "document") + """ }
}"""

# items whose text, treatment or decision cites the act with SFS number ?sfs (or one of its
# provisions)
_CITING_ITEMS = _PREFIXES + """
SELECT DISTINCT ?item WHERE {
  ?act graf:sfs ?sfs .
  { ?citing eli:cites ?act } UNION { ?law eli:is_part_of ?act . ?citing eli:cites ?law }
  { BIND(?citing AS ?item) } UNION { ?citing dct:subject ?item }
    UNION { ?citing prov:wasGeneratedBy/dct:subject ?item }
}"""


@dataclass(frozen=True)
class FeedEntry:
    id: str  # the decision's IRI
    link: str  # the item's IRI (its page)
    title: str
    text: str
    updated: dt.datetime
    committee: str | None
    date: str | None
    municipality: str | None = None  # the committee's municipality, by name


def _time(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        t = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return t if t.tzinfo else t.replace(tzinfo=dt.UTC)


def decisions(source, *, committee: str | None = None, municipality: str | None = None,
              statute: str | None = None, built: Mapping[str, str] | None = None,
              limit: int = 100) -> list[FeedEntry]:
    """The decisions in ``source`` (a GraphStore or a graph file) of one committee (its IRI or
    part of its name), one municipality (IRI or name) or citing one statute (SFS number),
    newest first. ``built`` maps a paper's document IRI to when it was built (ISO time)."""
    if isinstance(source, (str, Path)):
        from graf.store import GraphStore

        store = GraphStore()
        store.load_file(source)
        source = store
    wanted_items = None
    if statute:
        wanted_items = {str(r[0]) for r in run_query(_CITING_ITEMS, source, {"sfs": statute.strip()})[1]}
    entries: dict[str, FeedEntry] = {}
    for (decision, item, text, date, body, body_label, muni, muni_label, number, title,
         document) in run_query(_DECISIONS, source)[1]:
        if wanted_items is not None and str(item) not in wanted_items:
            continue
        if committee and not _matches(committee, body, body_label):
            continue
        if municipality and not _matches(municipality, muni, muni_label):
            continue
        updated = (_time((built or {}).get(str(document))) if document is not None else None) \
            or _time(str(date) if date is not None else None) or dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
        heading = f"§ {number}" if number is not None else "§"
        if title is not None:
            heading += f" {title}"
        where = ", ".join(str(x) for x in (body_label, date) if x is not None)
        entry = FeedEntry(str(decision), str(item), heading + (f" ({where})" if where else ""), str(text),
                          updated, None if body_label is None else str(body_label),
                          None if date is None else str(date), None if muni_label is None else str(muni_label))
        old = entries.get(entry.id)
        if old is None or entry.updated > old.updated:
            entries[entry.id] = entry
    ordered = sorted(entries.values(), key=lambda e: (e.updated, e.date or "", e.id), reverse=True)
    return ordered[:limit]


def _matches(wanted: str, iri, label) -> bool:
    if wanted.startswith(("http://", "https://", "urn:")):
        return iri is not None and str(iri) == wanted
    return label is not None and fold(wanted) in fold(str(label))


def _iso(t: dt.datetime) -> str:
    return t.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def atom_feed(entries: list[FeedEntry], *, feed_id: str, title: str, self_url: str | None = None) -> str:
    """An Atom 1.0 document of ``entries``: the feed's id, title, updated (the newest entry's
    time) and author; each entry's id, title, updated, link to the item and the decision text."""
    ET.register_namespace("", ATOM)

    def sub(parent, tag, text=None, **attrs):
        el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            el.text = text
        return el

    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "sv"})
    sub(feed, "id", feed_id)
    sub(feed, "title", title)
    newest = max((e.updated for e in entries), default=dt.datetime(1970, 1, 1, tzinfo=dt.UTC))
    sub(feed, "updated", _iso(newest))
    author = sub(feed, "author")
    sub(author, "name", "graf")
    sub(feed, "generator", "graf", version=__version__)
    if self_url:
        sub(feed, "link", rel="self", href=self_url, type="application/atom+xml")
    for e in entries:
        entry = sub(feed, "entry")
        sub(entry, "id", e.id)
        sub(entry, "title", e.title)
        sub(entry, "updated", _iso(e.updated))
        sub(entry, "link", rel="alternate", href=e.link)
        if e.committee:
            sub(entry, "category", term=e.committee)
        sub(entry, "content", e.text, type="text")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def feed_for(source, *, committee: str | None = None, municipality: str | None = None,
             statute: str | None = None, base: str, built: Mapping[str, str] | None = None,
             self_url: str | None = None, limit: int = 100) -> str:
    """The Atom feed of one committee, municipality or statute (exactly one is given)."""
    given = [(k, v) for k, v in (("committee", committee), ("municipality", municipality),
                                 ("statute", statute)) if v]
    if len(given) != 1:
        raise UsageError("a feed is of one committee, one municipality or one statute")
    kind, value = given[0]
    entries = decisions(source, built=built, limit=limit, **{kind: value})
    from graf.graph.iri import slug

    feed_id = f"{base}feed/{kind}/{slug(value)}"
    return atom_feed(entries, feed_id=feed_id, title=feed_title(kind, value, entries), self_url=self_url)


def feed_title(kind: str, value: str, entries: list[FeedEntry]) -> str:
    """What a feed reader lists the feed as: the committee or municipality by name (the server
    asks by IRI), a statute by its number."""
    if kind == "statute":
        return f"Beslut som hänvisar till SFS {value}"
    name = value
    if value.startswith(("http://", "https://", "urn:")):
        if kind == "committee":
            e = next((e for e in entries if e.committee), None)
            if e is not None and e.committee:
                name = e.committee + (f" ({e.municipality})" if e.municipality else "")
        else:
            name = next((e.municipality for e in entries if e.municipality), value)
    return f"Beslut – {name}"
