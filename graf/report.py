"""An honest completeness report: per paper, what graf read and what it did not.

Read from the graph (a store or a graph file), not from the build: a publisher checks what is
about to be published. Every resource graf reads from a paper carries an annotation whose
target is in that paper (oa:hasBody the resource, oa:hasTarget/oa:hasSource the paper's
document), so "what this paper gave" is a count of its annotations' bodies by type, whether
or not another paper (the agenda of the same meeting) shares the meeting node.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path

from graf.graph.iri import sparql_target_document
from graf.store import run_query

_PREFIXES = """
PREFIX graf: <https://w3id.org/graf/ns#>
PREFIX besluit: <http://data.vlaanderen.be/ns/besluit#>
PREFIX eli-dl: <http://data.europa.eu/eli/eli-draft-legislation-ontology#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <http://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""

_PAPERS = _PREFIXES + """
SELECT ?doc ?genre ?file ?format ?meeting ?body ?date WHERE {
  ?doc a foaf:Document ; graf:sha256 ?sha ; prov:wasDerivedFrom ?fileNode .
  OPTIONAL { ?doc dct:type ?genre }
  OPTIONAL { ?fileNode schema:name ?file }
  OPTIONAL { ?fileNode dct:format ?format }
  OPTIONAL { ?doc dct:subject ?meeting . ?meeting a besluit:Zitting .
             OPTIONAL { ?meeting besluit:isGehoudenDoor/rdfs:label ?body }
             OPTIONAL { ?meeting dct:date ?date } }
}"""

_WARNINGS = _PREFIXES + """
SELECT ?doc ?note WHERE { ?doc a foaf:Document ; skos:editorialNote ?note }"""

# what each paper's annotations are about, counted by type; linking annotations are the
# printed citations (one per citation as printed)
_COUNTS = _PREFIXES + """
SELECT ?doc ?type (COUNT(DISTINCT ?x) AS ?n) WHERE {
  ?a oa:hasBody ?x ; oa:hasTarget ?target_doc .
  """ + sparql_target_document("target_doc", "doc") + """ .
  { ?x a ?type . VALUES ?type { besluit:Agendapunt graf:Yrkande graf:Reservation besluit:Stemming
                                besluit:Besluit } }
  # attendance: the members and substitutes present. The justerare and the secretary are
  # named in a paper that lost its attendance list too, so they do not count here.
  UNION { ?x a eli-dl:Participation ; eli-dl:participation_role ?role . BIND(eli-dl:Participation AS ?type)
          VALUES ?role { graf:rollLedamot graf:rollErsattare graf:rollTjanstgorandeErsattare
                         graf:rollOrdforande graf:rollViceOrdforande graf:rollBeslutande } }
  UNION { ?a oa:motivatedBy oa:linking . BIND(oa:linking AS ?type) }
} GROUP BY ?doc ?type"""

_ITEMS = _PREFIXES + """
SELECT DISTINCT ?doc ?number ?printed ?position WHERE {
  ?a oa:hasBody ?item ; oa:hasTarget ?target_doc .
  """ + sparql_target_document("target_doc", "doc") + """ .
  ?item a besluit:Agendapunt ; graf:nummer ?number ; schema:position ?position .
  OPTIONAL { ?item graf:nummerTryckt ?printed }
}"""

_COUNT_NAMES = {
    "http://data.vlaanderen.be/ns/besluit#Agendapunt": "items",
    "http://data.europa.eu/eli/eli-draft-legislation-ontology#Participation": "attendance",
    "https://w3id.org/graf/ns#Yrkande": "proposals",
    "http://data.vlaanderen.be/ns/besluit#Stemming": "votes",
    "https://w3id.org/graf/ns#Reservation": "reservations",
    "http://data.vlaanderen.be/ns/besluit#Besluit": "decisions",
    "http://www.w3.org/ns/oa#linking": "citations",
}
_GENRES = {"https://w3id.org/graf/ns#dokumenttypProtokoll": "protokoll",
           "https://w3id.org/graf/ns#dokumenttypDagordning": "dagordning"}


@dataclass
class PaperReport:
    document: str
    file: str | None
    genre: str  # protokoll | dagordning | other
    media_type: str | None
    meeting: str | None
    body: str | None
    date: str | None
    counts: dict[str, int] = field(default_factory=dict)
    numbers: list[str] = field(default_factory=list)  # item numbers in list order
    unprinted_numbers: int = 0  # items numbered by their list position (no number printed)
    gaps: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def numbering_gaps(numbers: list[str], sign: str = "§") -> list[str]:
    """Gaps in the printed whole numbers of a paper's items, as sentences ("§ 12 missing
    between 11 and 13"). A paper may start anywhere (minutes number §§ through the year), so
    only gaps inside its own range count; numbers such as "6 A" are not counted."""
    values = sorted({int(n) for n in numbers if n.strip().isdigit()})
    out = []
    for a, b in zip(values, values[1:]):
        if b - a == 2:
            out.append(f"{sign} {a + 1} missing between {a} and {b}")
        elif b - a > 2:
            out.append(f"{sign}{sign if sign == '§' else ''} {a + 1}–{b - 1} missing between {a} and {b}")
    return out


def paper_reports(source) -> list[PaperReport]:
    """The report of every paper in ``source`` (a graf.store.GraphStore or a graph file path)."""
    if isinstance(source, (str, Path)):
        from graf.store import GraphStore

        store = GraphStore()
        store.load_file(source)
        source = store
    reports: dict[str, PaperReport] = {}
    for doc, genre, file, fmt, meeting, body, date in run_query(_PAPERS, source)[1]:
        key = str(doc)
        if key in reports:
            continue
        reports[key] = PaperReport(key, _s(file), _GENRES.get(str(genre), "other"), _s(fmt), _s(meeting),
                                   _s(body), _s(date))
    for doc, note in run_query(_WARNINGS, source)[1]:
        if str(doc) in reports:
            reports[str(doc)].warnings.append(str(note))
    for doc, kind, n in run_query(_COUNTS, source)[1]:
        if str(doc) in reports:
            reports[str(doc)].counts[_COUNT_NAMES[str(kind)]] = int(str(n))
    items: dict[str, list[tuple[int, str, bool]]] = defaultdict(list)
    for doc, number, printed, position in run_query(_ITEMS, source)[1]:
        items[str(doc)].append((int(str(position)), str(number), printed is None or str(printed) == "true"))
    for key, report in reports.items():
        rows = sorted(items.get(key, []))
        report.numbers = [n for _, n, _ in rows]
        report.unprinted_numbers = sum(1 for _, _, printed in rows if not printed)
        for name in _COUNT_NAMES.values():
            report.counts.setdefault(name, 0)
        sign = "§" if report.genre == "protokoll" else "punkt"
        # items without a printed number carry their list position, which fills the range the
        # printed ones leave: a gap is a number neither printed nor taken by a position
        report.gaps = numbering_gaps(report.numbers, sign)
        report.warnings = _warnings(report) + sorted(report.warnings)
    return sorted(reports.values(), key=lambda r: (r.date or "", r.body or "", r.file or "", r.document))


def _s(term) -> str | None:
    return None if term is None else str(term)


def _warnings(r: PaperReport) -> list[str]:
    out = []
    if r.genre == "other":
        out.append("genre not recognised (neither protokoll nor dagordning)")
    if r.meeting is None:
        out.append("no meeting found")
    else:
        if r.body is None:
            out.append("no committee found")
        if r.date is None:
            out.append("no meeting date")
    if r.counts["items"] == 0:
        out.append("no items (§§ or agenda points) found")
    if r.genre == "protokoll" and r.counts["attendance"] == 0:
        out.append("attendance list empty")
    if r.unprinted_numbers:
        out.append(f"{r.unprinted_numbers} item(s) without a printed number (numbered by position)")
    return out + r.gaps


def format_reports(reports: list[PaperReport], fmt: str = "table") -> str:
    if fmt == "json":
        return json.dumps([asdict(r) for r in reports], ensure_ascii=False, indent=2) + "\n"
    header = ["paper", "genre", "committee", "date", "items", "attend.", "prop.", "votes", "reserv.", "cit."]
    rows = []
    for r in reports:
        c = r.counts
        rows.append([r.file or r.document.rsplit("/", 1)[-1][:16], r.genre, r.body or "—", r.date or "—",
                     str(c["items"]), str(c["attendance"]), str(c["proposals"]), str(c["votes"]),
                     str(c["reservations"]), str(c["citations"])])
    widths = [max(len(h), *(len(row[i]) for row in rows)) if rows else len(h) for i, h in enumerate(header)]
    lines = ["  ".join(v.ljust(w) for v, w in zip(header, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    for r, row in zip(reports, rows):
        lines.append("  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip())
        lines += [f"    ! {w}" for w in r.warnings]
    n_warned = sum(1 for r in reports if r.warnings)
    lines.append(f"({len(reports)} paper(s), {n_warned} with warnings)")
    return "\n".join(lines) + "\n"
