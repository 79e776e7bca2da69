"""What the readable pages show, read from the graph: one view record per page type.

A reader comes for the meeting record (who sat, what each § decided, who proposed what, how the
vote went, who reserved), not for the property table. Each page type is a handful of fixed
SPARQL queries with the page's IRI substituted for ``?this`` (no request text ever reaches a
query), run on the server's lookup lane; the rows become the frozen records below, which the
Jinja templates in graf/serve/templates lay out. The property table (graf.serve.pages) stays one
click away for every IRI.

``Run`` is the one way this module reaches the store: ``run(query, {"this": iri}) -> rows``,
each row a dict from variable to plain value (an IRI or a literal's text; None when unbound).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

Row = dict[str, Any]  # variable -> an IRI or a literal's text (str), None when unbound
Run = Callable[[str, dict[str, str]], list[Row]]

GRAF = "https://w3id.org/graf/ns#"
BESLUIT = "http://data.vlaanderen.be/ns/besluit#"
ELI = "http://data.europa.eu/eli/ontology#"
ORG = "http://www.w3.org/ns/org#"
PERSON = "http://www.w3.org/ns/person#"
DCT = "http://purl.org/dc/terms/"
FOAF = "http://xmlns.com/foaf/0.1/"

# rdf:type -> page kind; the first kind a resource's types name wins
PAGE_KINDS = (
    (BESLUIT + "Zitting", "meeting"),
    (BESLUIT + "Agendapunt", "item"),
    (PERSON + "Person", "person"),
    (GRAF + "organtypParti", "party"),  # a party is an org:Organization classified as one
    (BESLUIT + "Bestuursorgaan", "committee"),
    (BESLUIT + "Bestuurseenheid", "municipality"),
    (ELI + "LegalResource", "statute"),
    (ELI + "LegalResourceSubdivision", "statute"),
    (GRAF + "Stadsdelsomrade", "district"),
    (GRAF + "Arende", "case"),
)

PAGE_SIZE = 25  # rows of a person's, party's or committee's history on one page
MAX_ROWS = 5000  # rows one page query may read (the answer limits of the workers apply too)

# Where a statute's own IRIs point readers: the hosts of readable Swedish law texts and of
# the legal information system (rinfo); other sameAs/seeAlso links stay in the RDF view.
_LAW_SITES = (("lagen.nu", "lagen.nu"), ("rinfo.lagrummet.se", "rinfo"), ("data.riksdagen.se", "Riksdagen"))

_PREFIXES = """PREFIX graf: <https://w3id.org/graf/ns#>
PREFIX besluit: <http://data.vlaanderen.be/ns/besluit#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX eli-dl: <http://data.europa.eu/eli/eli-draft-legislation-ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX schema: <http://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX cito: <http://purl.org/spar/cito/>
"""


# ----------------------------------------------------------------------------- records


@dataclass(frozen=True)
class Ref:
    """A thing the page links to, with the words shown for it."""

    iri: str
    label: str


@dataclass(frozen=True)
class Attendee:
    person: Ref
    party: Ref | None
    roles: tuple[str, ...]
    replaces: Ref | None


@dataclass(frozen=True)
class RoleGroup:
    role: str
    attendees: tuple[Attendee, ...]


@dataclass(frozen=True)
class Proposal:
    iri: str
    movers: tuple[Ref, ...]
    parties: tuple[Ref, ...]
    kind: str | None  # yrkande, tilläggsyrkande, återremiss … as the paper calls it
    stance: str | None
    about: str | None
    text: str | None


@dataclass(frozen=True)
class VoteMember:
    person: Ref
    party: Ref | None
    choice: str  # ja | nej | avstår


@dataclass(frozen=True)
class Vote:
    iri: str
    yes: str | None
    no: str | None
    abstain: str | None
    result: str | None
    yes_means: str | None
    no_means: str | None
    members: tuple[VoteMember, ...]


@dataclass(frozen=True)
class Statement:
    """A reservation, protokollsanteckning, särskilt uttalande or ersättaryttrande."""

    iri: str
    kind: str
    by: tuple[Ref, ...]
    parties: tuple[Ref, ...]
    text: str | None
    in_favour_of: str | None


@dataclass(frozen=True)
class Citation:
    statute: Ref
    cited_as: tuple[str, ...]
    sites: tuple[Ref, ...]  # lagen.nu, rinfo, riksdagen


@dataclass(frozen=True)
class Item:
    iri: str
    number: str
    printed: bool  # the paper printed the number (a § or agenda number), not graf's count
    title: str | None
    cases: tuple[Ref, ...]
    documents: tuple[Ref, ...]
    decision: str | None
    decision_points: tuple[str, ...]
    proposals: tuple[Proposal, ...]
    voting_order: tuple[str, ...]
    votes: tuple[Vote, ...]
    statements: tuple[Statement, ...]
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class Meeting:
    iri: str
    body: Ref | None
    municipality: Ref | None
    date: str | None
    start: str | None
    place: str | None
    number: str | None
    paragraphs: str | None
    justering_date: str | None
    justerare: tuple[Ref, ...]
    papers: tuple[Ref, ...]
    attendance: tuple[RoleGroup, ...]
    party_seats: tuple[tuple[Ref, int], ...]  # members and serving substitutes per party
    items: tuple[Item, ...]


@dataclass(frozen=True)
class MeetingRef:
    meeting: Ref
    date: str | None
    body: Ref | None


@dataclass(frozen=True)
class Activity:
    """One thing a person or party did at a meeting: attended, proposed, voted, reserved …"""

    when: MeetingRef
    item: Ref | None
    kind: str
    text: str | None
    link: Ref | None


@dataclass(frozen=True)
class Page:
    number: int
    size: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages

    def slice(self, rows: list) -> list:
        return rows[(self.number - 1) * self.size: self.number * self.size]


@dataclass(frozen=True)
class PersonView:
    iri: str
    name: str
    other_names: tuple[str, ...]
    parties: tuple[Ref, ...]
    roles: tuple[tuple[str, int], ...]  # role -> meetings in it
    meetings: tuple[tuple[MeetingRef, tuple[str, ...]], ...]  # this page of meetings, roles held
    meetings_page: Page
    activity: tuple[Activity, ...]
    activity_page: Page


@dataclass(frozen=True)
class PartyView:
    iri: str
    name: str
    code: str | None
    members: tuple[Ref, ...]
    activity: tuple[Activity, ...]
    activity_page: Page


@dataclass(frozen=True)
class MunicipalityView:
    """A municipality: its committees with their meetings in the graph."""

    iri: str
    name: str
    committees: tuple[tuple[Ref, int, str | None, str | None], ...]  # committee, meetings, first and last date


@dataclass(frozen=True)
class CommitteeView:
    iri: str
    name: str
    municipality: Ref | None
    kind: str | None
    meetings: tuple[tuple[MeetingRef, int], ...]  # meeting, number of §§
    meetings_page: Page


@dataclass(frozen=True)
class CitingItem:
    when: MeetingRef
    item: Ref
    cited_as: tuple[str, ...]


@dataclass(frozen=True)
class StatuteView:
    iri: str
    title: str
    identifier: str | None
    whole: Ref | None  # the act a provision belongs to
    provisions: tuple[Ref, ...]
    sites: tuple[Ref, ...]
    citing: tuple[CitingItem, ...]


@dataclass(frozen=True)
class CaseView:
    iri: str
    identifier: str
    items: tuple[tuple[MeetingRef, Ref, bool], ...]  # meeting, item, the item's own case
    documents: tuple[Ref, ...]


@dataclass(frozen=True)
class PaperView:
    """A paper graf read: what kind, which meeting, and its text as read."""

    iri: str
    kind: str | None
    meetings: tuple[MeetingRef, ...]
    text: str
    media_type: str | None  # of the text graf holds
    sha256: str | None
    files: tuple[tuple[Ref, str | None], ...] = ()  # the file(s) it was read from, with their media type


@dataclass(frozen=True)
class DistrictView:
    iri: str
    name: str
    other_names: tuple[str, ...]
    valid_from: str | None
    valid_until: str | None
    same_as: tuple[str, ...]
    meetings: tuple[MeetingRef, ...]  # meetings whose papers mention it


# ----------------------------------------------------------------------------- helpers


def page_kind(types: list[str], predicates: list[str] = ()) -> str | None:  # type: ignore[assignment]
    """The readable page for a resource of these rdf:types (and org:classification values);
    a document whose text graf read (it holds graf:text) is a paper."""
    for iri, kind in PAGE_KINDS:
        if iri in types:
            return kind
    if GRAF + "text" in predicates:
        return "paper"
    return None


def natural_key(text: str | None) -> tuple:
    """'2' before '10', '4a' after '4': how a reader orders § and item numbers."""
    parts = re.split(r"(\d+)", text or "")
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p.lower()) for p in parts if p)


def _local(iri: str) -> str:
    return re.split(r"[/#]", iri.rstrip("/"))[-1]


def _ref(iri: str | None, label: str | None) -> Ref | None:
    return Ref(iri, label or _local(iri)) if iri else None


def _refs(labels: dict[str, str]) -> tuple[Ref, ...]:
    """Links by label: the graph does not keep the order the paper printed them in, and a page
    must read the same from any store."""
    return tuple(Ref(k, v) for k, v in sorted(labels.items(), key=lambda kv: (kv[1], kv[0])))


def _unique(values) -> tuple:
    return tuple(dict.fromkeys(v for v in values if v is not None))


@cache
def vocabulary_labels() -> dict[str, str]:
    """Swedish labels of graf's own terms (classes, stances, body types), from the ontology
    that ships with graf, so the pages say 'reservation' and 'bifall' as the papers do."""
    from rdflib import Graph
    from rdflib.namespace import RDFS, SKOS

    from graf.resources import ontology_path

    g = Graph()
    try:
        g.parse(ontology_path(), format="turtle")
    except Exception:  # a page without vocabulary labels is still a page
        return {}
    out: dict[str, str] = {}
    for pred in (RDFS.label, SKOS.prefLabel):  # prefLabel wins where both exist
        for s, o in g.subject_objects(pred):
            if getattr(o, "language", None) == "sv":
                out[str(s)] = str(o)
    return out


def term_label(iri: str | None) -> str | None:
    if iri is None:
        return None
    return vocabulary_labels().get(iri) or _local(iri)


def _meeting_ref(row: Row, meeting="meeting", date="date", body="body", body_label="bodyLabel") -> MeetingRef:
    iri = row[meeting] or ""
    when = row.get(date)
    b = _ref(row.get(body), row.get(body_label))
    label = " ".join(x for x in ((b.label if b else None), when) if x) or _local(iri)
    return MeetingRef(Ref(iri, label), when, b)


def _page(total: int, number: int) -> Page:
    page = Page(1, PAGE_SIZE, total)
    return Page(min(max(1, number), page.pages), PAGE_SIZE, total)


def _sites(urls: Iterable[str | None]) -> tuple[Ref, ...]:
    known = sorted({url for url in urls if url})  # read once: ``urls`` may be a generator
    out = []
    for host, label in _LAW_SITES:
        for url in known:
            if re.match(rf"https?://{re.escape(host)}/", url):
                out.append(Ref(url, label))
    return tuple(out)


# ----------------------------------------------------------------------------- meeting and items


_MEETING_HEAD = _PREFIXES + """
SELECT ?this ?date ?start ?place ?number ?paragraphs ?justering ?body ?bodyLabel ?municipality ?municipalityLabel
WHERE {
  OPTIONAL { ?this dct:date ?date }
  OPTIONAL { ?this besluit:geplandeStart ?start }
  OPTIONAL { ?this schema:location ?place }
  OPTIONAL { ?this graf:protokollnummer ?number }
  OPTIONAL { ?this graf:paragrafer ?paragraphs }
  OPTIONAL { ?this graf:justeringsdatum ?justering }
  OPTIONAL { ?this besluit:isGehoudenDoor ?body OPTIONAL { ?body rdfs:label ?bodyLabel }
             OPTIONAL { ?body besluit:bestuurt ?municipality
                        OPTIONAL { ?municipality skos:prefLabel ?municipalityLabel } } }
} LIMIT 1"""

_MEETING_PAPERS = _PREFIXES + """
SELECT ?this ?paper ?title ?kind ?justerare ?justerareName WHERE {
  { ?this besluit:heeftNotulen|besluit:heeftAgenda ?paper
    OPTIONAL { ?paper dct:title|schema:name ?title } BIND("protokoll" AS ?kind)
    FILTER NOT EXISTS { ?this besluit:heeftAgenda ?paper } }
  UNION { ?this besluit:heeftAgenda ?paper OPTIONAL { ?paper dct:title|schema:name ?title } BIND("dagordning" AS ?kind) }
  UNION { ?this graf:justerare ?justerare OPTIONAL { ?justerare foaf:name ?justerareName } }
}"""

_ATTENDANCE = _PREFIXES + """
SELECT ?this ?person ?name ?role ?party ?code ?partyLabel ?replaces ?replacesName WHERE {
  ?this eli-dl:had_participation ?p .
  ?p eli-dl:had_participant_person ?person .
  OPTIONAL { ?p graf:roll ?role }
  OPTIONAL { ?person foaf:name ?name }
  OPTIONAL { ?p eli-dl:participation_in_name_of ?party
             OPTIONAL { ?party skos:notation ?code } OPTIONAL { ?party skos:prefLabel ?partyLabel } }
  OPTIONAL { ?p graf:ersatter ?replaces OPTIONAL { ?replaces foaf:name ?replacesName } }
}"""

# The item queries read either every item of a meeting (?this is the meeting) or one item
# (?item is substituted): SCOPE is the pattern that finds the items.
_MEETING_SCOPE = "?this besluit:behandelt ?item ."
_ITEM_SCOPE = ""

_ITEMS = _PREFIXES + """
SELECT ?this ?item ?number ?printed ?position ?title WHERE {
  SCOPE
  OPTIONAL { ?item graf:nummer ?number }
  OPTIONAL { ?item graf:nummerTryckt ?printed }
  OPTIONAL { ?item schema:position ?position }
  OPTIONAL { ?item dct:title ?title }
}"""

_ITEM_CASES = _PREFIXES + """
SELECT ?this ?item ?case ?identifier ?own ?document ?documentTitle WHERE {
  SCOPE
  { ?item dct:relation ?case . ?case a graf:Arende . OPTIONAL { ?case dct:identifier ?identifier }
    BIND(EXISTS { ?item graf:arende ?case } AS ?own) }
  UNION { ?item dct:references ?document OPTIONAL { ?document dct:title ?documentTitle } }
}"""

_ITEM_DECISIONS = _PREFIXES + """
SELECT ?this ?item ?decision ?text ?point ?pointText ?pointPosition WHERE {
  SCOPE
  ?treatment dct:subject ?item ; prov:generated ?decision .
  OPTIONAL { ?decision prov:value ?text }
  OPTIONAL { ?decision dct:hasPart ?point . ?point prov:value ?pointText
             OPTIONAL { ?point schema:position ?pointPosition } }
}"""

_ITEM_PROPOSALS = _PREFIXES + """
SELECT ?this ?item ?proposal ?text ?stance ?about ?kind ?mover ?moverName ?party ?code ?partyLabel WHERE {
  SCOPE
  ?treatment dct:subject ?item . ?proposal a graf:Yrkande ; graf:framstalldVid ?treatment .
  OPTIONAL { ?proposal schema:text ?text }
  OPTIONAL { ?proposal graf:stance ?stance }
  OPTIONAL { ?proposal graf:avserText ?about }
  OPTIONAL { ?proposal graf:yrkandeslag ?kind }
  OPTIONAL { ?proposal schema:creator ?mover OPTIONAL { ?mover foaf:name ?moverName } }
  OPTIONAL { ?proposal graf:forParti ?party
             OPTIONAL { ?party skos:notation ?code } OPTIONAL { ?party skos:prefLabel ?partyLabel } }
}"""

_ITEM_VOTING_ORDER = _PREFIXES + """
SELECT ?this ?item ?order ?text WHERE {
  SCOPE
  ?treatment dct:subject ?item . ?order a graf:Propositionsordning ; dct:isPartOf ?treatment .
  OPTIONAL { ?order schema:text ?text }
}"""

_ITEM_VOTES = _PREFIXES + """
SELECT ?this ?item ?vote ?yes ?no ?abstain ?result ?yesMeans ?noMeans ?voter ?voterName ?side ?voterParty ?code WHERE {
  SCOPE
  ?treatment dct:subject ?item ; besluit:heeftStemming ?vote .
  OPTIONAL { ?vote besluit:aantalVoorstanders ?yes }
  OPTIONAL { ?vote besluit:aantalTegenstanders ?no }
  OPTIONAL { ?vote besluit:aantalOnthouders ?abstain }
  OPTIONAL { ?vote besluit:gevolg ?result }
  OPTIONAL { ?vote graf:jaRostFor ?yesMeans }
  OPTIONAL { ?vote graf:nejRostFor ?noMeans }
  OPTIONAL {
    VALUES (?sideProperty ?side) { (besluit:heeftVoorstander "ja") (besluit:heeftTegenstander "nej")
                                   (besluit:heeftOnthouder "avstår") }
    ?vote ?sideProperty ?voter OPTIONAL { ?voter foaf:name ?voterName }
    OPTIONAL { ?voter org:hasMembership/org:organization ?voterParty
               OPTIONAL { ?voterParty skos:notation ?code } } }
}"""

_ITEM_STATEMENTS = _PREFIXES + """
SELECT ?this ?item ?statement ?type ?text ?inFavourOf ?author ?authorName ?party ?code ?partyLabel WHERE {
  SCOPE
  ?treatment dct:subject ?item . ?statement graf:framstalldVid ?treatment ; a ?type .
  FILTER(?type IN (graf:Reservation, graf:Protokollsanteckning, graf:SarskiltUttalande,
                   graf:Ersattaryttrande, graf:Uttalande))
  FILTER NOT EXISTS { ?statement a ?narrower . ?narrower rdfs:subClassOf ?type }
  OPTIONAL { ?statement schema:text ?text }
  OPTIONAL { ?statement graf:tillFormanForText ?inFavourOf }
  OPTIONAL { ?statement graf:avgivenAv ?author OPTIONAL { ?author foaf:name ?authorName } }
  OPTIONAL { ?statement graf:forParti ?party
             OPTIONAL { ?party skos:notation ?code } OPTIONAL { ?party skos:prefLabel ?partyLabel } }
}"""

_ITEM_CITATIONS = _PREFIXES + """
SELECT ?this ?item ?law ?title ?identifier ?provision ?wholeTitle ?wholeId ?site ?citedAs WHERE {
  SCOPE
  ?treatment dct:subject ?item ; eli:cites ?law .
  OPTIONAL { ?law eli:title ?title }
  OPTIONAL { ?law eli:id_local ?identifier }
  OPTIONAL { ?law graf:provision ?provision }
  OPTIONAL { ?law eli:is_part_of ?whole OPTIONAL { ?whole eli:title ?wholeTitle }
             OPTIONAL { ?whole eli:id_local ?wholeId } }
  OPTIONAL { ?law owl:sameAs|rdfs:seeAlso ?site }
  OPTIONAL { ?citation cito:hasCitingEntity ?treatment ; cito:hasCitedEntity ?law ; graf:citeradSom ?citedAs }
}"""

_ITEM_MEETING = _PREFIXES + """
SELECT ?this ?meeting ?date ?body ?bodyLabel WHERE {
  ?meeting besluit:behandelt ?this .
  OPTIONAL { ?meeting dct:date ?date }
  OPTIONAL { ?meeting besluit:isGehoudenDoor ?body OPTIONAL { ?body rdfs:label ?bodyLabel } }
} LIMIT 1"""

# the order a reader expects the attendance in; other roles follow in alphabetical order
ROLE_ORDER = ("ordförande", "förste vice ordförande", "1:e vice ordförande", "vice ordförande",
              "andre vice ordförande", "2:e vice ordförande", "ledamot", "ledamöter",
              "tjänstgörande ersättare", "ersättare", "justerare", "sekreterare")


def _role_rank(role: str) -> tuple:
    r = role.lower()
    return (ROLE_ORDER.index(r), "") if r in ROLE_ORDER else (len(ROLE_ORDER), r)


def _attendance(rows: list[Row]) -> tuple[tuple[RoleGroup, ...], tuple[tuple[Ref, int], ...]]:
    """One row per person under the first of their roles in reading order; a party count of
    those who took part in decisions (members, the chair, serving substitutes)."""
    by_person: dict[str, dict] = {}
    for r in rows:
        iri = r["person"]
        entry = by_person.setdefault(iri, {"name": r["name"], "roles": [], "party": None, "replaces": None})
        if r["role"] and r["role"] not in entry["roles"]:
            entry["roles"].append(r["role"])
        if r["party"] and entry["party"] is None:
            entry["party"] = _ref(r["party"], r["code"] or r["partyLabel"])
        if r["replaces"] and entry["replaces"] is None:
            entry["replaces"] = _ref(r["replaces"], r["replacesName"])
    groups: dict[str, list[Attendee]] = {}
    for iri, e in by_person.items():
        roles = tuple(sorted(e["roles"], key=_role_rank)) or ("närvarande",)
        groups.setdefault(roles[0], []).append(
            Attendee(Ref(iri, e["name"] or _local(iri)), e["party"], roles, e["replaces"]))
    ordered = tuple(RoleGroup(role, tuple(sorted(people, key=lambda a: (a.party.label if a.party else "~",
                                                                        a.person.label))))
                    for role, people in sorted(groups.items(), key=lambda kv: _role_rank(kv[0])))
    deciding = {"ordförande", "vice ordförande", "förste vice ordförande", "andre vice ordförande",
                "1:e vice ordförande", "2:e vice ordförande", "ledamot", "ledamöter", "tjänstgörande ersättare"}
    seats: dict[Ref, int] = {}
    for g in ordered:
        for a in g.attendees:
            if a.party and any(role.lower() in deciding for role in a.roles):
                seats[a.party] = seats.get(a.party, 0) + 1
    return ordered, tuple(sorted(seats.items(), key=lambda kv: (-kv[1], kv[0].label)))


def _items(run: Run, scope: str, subs: dict[str, str]) -> tuple[Item, ...]:
    def q(text: str) -> list[Row]:
        return run(text.replace("SCOPE", scope), subs)

    heads = q(_ITEMS)
    cases: dict[str, dict[str, tuple[str, bool]]] = {}
    documents: dict[str, dict[str, str]] = {}
    for r in q(_ITEM_CASES):
        if r["case"]:
            prev = cases.setdefault(r["item"], {}).get(r["case"])
            own = r["own"] == "true" or bool(prev and prev[1])
            cases[r["item"]][r["case"]] = (r["identifier"] or (prev[0] if prev else "") or _local(r["case"]), own)
        if r["document"]:
            documents.setdefault(r["item"], {})[r["document"]] = r["documentTitle"] or _local(r["document"])
    decisions: dict[str, dict] = {}
    for r in q(_ITEM_DECISIONS):
        d = decisions.setdefault(r["item"], {"text": None, "points": {}})
        d["text"] = d["text"] or r["text"]
        if r["point"]:
            d["points"][r["point"]] = (natural_key(r["pointPosition"]), r["pointText"])
    proposals: dict[str, dict[str, dict]] = {}
    for r in q(_ITEM_PROPOSALS):
        p = proposals.setdefault(r["item"], {}).setdefault(r["proposal"], {"row": r, "movers": {}, "parties": {}})
        if r["mover"]:
            p["movers"][r["mover"]] = r["moverName"] or _local(r["mover"])
        if r["party"]:
            p["parties"][r["party"]] = r["code"] or r["partyLabel"] or _local(r["party"])
    orders: dict[str, dict[str, str]] = {}
    for r in q(_ITEM_VOTING_ORDER):
        if r["text"]:
            orders.setdefault(r["item"], {})[r["order"]] = r["text"]
    votes: dict[str, dict[str, dict]] = {}
    for r in q(_ITEM_VOTES):
        v = votes.setdefault(r["item"], {}).setdefault(r["vote"], {"row": r, "members": {}})
        if r["voter"] and r["side"]:
            v["members"][(r["voter"], r["side"])] = VoteMember(
                Ref(r["voter"], r["voterName"] or _local(r["voter"])), _ref(r["voterParty"], r["code"]), r["side"])
    statements: dict[str, dict[str, dict]] = {}
    for r in q(_ITEM_STATEMENTS):
        s = statements.setdefault(r["item"], {}).setdefault(r["statement"], {"row": r, "by": {}, "parties": {}})
        if r["author"]:
            s["by"][r["author"]] = r["authorName"] or _local(r["author"])
        if r["party"]:
            s["parties"][r["party"]] = r["code"] or r["partyLabel"] or _local(r["party"])
    citations: dict[str, dict[str, dict]] = {}
    for r in q(_ITEM_CITATIONS):
        c = citations.setdefault(r["item"], {}).setdefault(r["law"], {"row": r, "sites": set(), "as": {}})
        if r["site"]:
            c["sites"].add(r["site"])
        if r["citedAs"]:
            c["as"][r["citedAs"]] = None

    out = []
    seen: set[str] = set()
    for h in sorted(heads, key=lambda h: (natural_key(h["number"]), natural_key(h["position"]))):
        iri = h["item"] or subs.get("item", "")
        if iri in seen:
            continue
        seen.add(iri)
        d = decisions.get(iri, {"text": None, "points": {}})
        points = tuple(t for _, t in sorted(d["points"].values(), key=lambda kv: kv[0]) if t)
        out.append(Item(
            iri=iri, number=h["number"] or h["position"] or "", printed=h["printed"] == "true", title=h["title"],
            cases=tuple(Ref(c, ident) for c, (ident, own) in sorted(cases.get(iri, {}).items(),
                                                                  key=lambda kv: (not kv[1][1], kv[1][0]))),
            documents=_refs(documents.get(iri, {})),
            decision=d["text"], decision_points=points,
            proposals=tuple(Proposal(p, _refs(x["movers"]),
                                     _refs(x["parties"]), x["row"]["kind"],
                                     term_label(x["row"]["stance"]), x["row"]["about"], x["row"]["text"])
                            for p, x in sorted(proposals.get(iri, {}).items(), key=lambda kv: natural_key(kv[0]))),
            voting_order=tuple(t for _, t in sorted(orders.get(iri, {}).items())),
            votes=tuple(Vote(v, x["row"]["yes"], x["row"]["no"], x["row"]["abstain"], x["row"]["result"],
                             x["row"]["yesMeans"], x["row"]["noMeans"],
                             tuple(sorted(x["members"].values(), key=lambda m: (m.choice, m.person.label))))
                        for v, x in sorted(votes.get(iri, {}).items(), key=lambda kv: natural_key(kv[0]))),
            statements=tuple(Statement(s, term_label(x["row"]["type"]) or "uttalande",
                                       _refs(x["by"]),
                                       _refs(x["parties"]),
                                       x["row"]["text"], x["row"]["inFavourOf"])
                             for s, x in sorted(statements.get(iri, {}).items(), key=lambda kv: natural_key(kv[0]))),
            citations=tuple(Citation(Ref(law, statute_label(x["row"]) or _local(law)),
                                     tuple(x["as"]), _sites(x["sites"]))
                            for law, x in sorted(citations.get(iri, {}).items())),
        ))
    return tuple(out)


# the parts of a lagen.nu provision fragment (graf.link.statutes.provision_fragment) as a
# Swedish reader writes them: K5P4S2 -> "5 kap. 4 § 2 st."
_PROVISION_WORDS = {"K": "{} kap.", "P": "{} §", "S": "{} st.", "N": "{} p.", "M": "{} men.", "O": "{} mom."}


def provision_words(fragment: str | None) -> str | None:
    if not fragment:
        return None
    parts = re.findall(r"([KPSNMO])(\d+[a-z]?)", fragment)
    if not parts or "".join(k + n for k, n in parts) != fragment:
        return fragment  # not a fragment of that shape: shown as stored
    return " ".join(_PROVISION_WORDS[k].format(n) for k, n in parts)


def statute_label(row: Row) -> str | None:
    """'2 kap. 1 § kommunallag (2017:725)' for a provision, 'kommunallag (2017:725)' for an act;
    the number alone when the act's title is unknown."""
    provision = provision_words(row.get("provision"))
    title = row.get("title") or row.get("wholeTitle")
    number = row.get("wholeId") if provision else row.get("identifier")
    words = " ".join(x for x in (provision, title) if x)
    if number and words:
        return f"{words} ({number})"
    return words or number or row.get("identifier")


def meeting_view(run: Run, iri: str) -> Meeting:
    subs = {"this": iri}
    head = (run(_MEETING_HEAD, subs) or [{}])[0]
    papers: dict[str, str] = {}
    justerare: dict[str, str] = {}
    for r in run(_MEETING_PAPERS, subs):
        if r.get("paper"):
            papers[r["paper"]] = r["kind"] or "handling"
        if r.get("justerare"):
            justerare[r["justerare"]] = r["justerareName"] or _local(r["justerare"])
    attendance, seats = _attendance(run(_ATTENDANCE, subs))
    start = head.get("start")
    return Meeting(
        iri=iri, body=_ref(head.get("body"), head.get("bodyLabel")),
        municipality=_ref(head.get("municipality"), head.get("municipalityLabel")),
        date=head.get("date"), start=start[11:16] if start and len(start) >= 16 else None,
        place=head.get("place"), number=head.get("number"), paragraphs=head.get("paragraphs"),
        justering_date=head.get("justering"),
        justerare=tuple(sorted((Ref(k, v) for k, v in justerare.items()), key=lambda r: r.label)),
        papers=tuple(Ref(k, v) for k, v in papers.items()), attendance=attendance, party_seats=seats,
        items=_items(run, _MEETING_SCOPE, subs))


def item_view(run: Run, iri: str) -> tuple[Item, MeetingRef | None]:
    items = _items(run, _ITEM_SCOPE, {"item": iri})
    rows = run(_ITEM_MEETING, {"this": iri})
    item = items[0] if items else Item(iri, "", False, None, (), (), None, (), (), (), (), (), ())
    return item, (_meeting_ref(rows[0]) if rows else None)


# ----------------------------------------------------------------------------- people and parties


_PERSON_HEAD = _PREFIXES + """
SELECT ?this ?name ?alt ?party ?code ?partyLabel WHERE {
  OPTIONAL { ?this foaf:name ?name }
  OPTIONAL { ?this skos:altLabel ?alt }
  OPTIONAL { ?this org:hasMembership/org:organization ?party
             OPTIONAL { ?party skos:notation ?code } OPTIONAL { ?party skos:prefLabel ?partyLabel } }
}"""

_PERSON_MEETINGS = _PREFIXES + """
SELECT ?this ?meeting ?date ?body ?bodyLabel ?role WHERE {
  ?meeting eli-dl:had_participation ?p . ?p eli-dl:had_participant_person ?this .
  OPTIONAL { ?p graf:roll ?role }
  OPTIONAL { ?meeting dct:date ?date }
  OPTIONAL { ?meeting besluit:isGehoudenDoor ?body OPTIONAL { ?body rdfs:label ?bodyLabel } }
}"""

# What someone (?this a person) or a party (?this a party) put on record, item by item:
# proposals, reservations and statements, and (for a person) each vote cast.
_ACTIVITY = _PREFIXES + """
SELECT ?this ?meeting ?date ?body ?bodyLabel ?item ?number ?title ?thing ?type ?text ?choice WHERE {
  {
    ?thing AUTHORED_BY ?this ; graf:framstalldVid ?treatment ; a ?type .
    FILTER(?type IN (graf:Yrkande, graf:Reservation, graf:Protokollsanteckning, graf:SarskiltUttalande,
                     graf:Ersattaryttrande, graf:Uttalande))
    FILTER NOT EXISTS { ?thing a ?narrower . ?narrower rdfs:subClassOf ?type }
    OPTIONAL { ?thing schema:text ?text }
  } UNION {
    VALUES (?sideProperty ?choice) { (besluit:heeftVoorstander "ja") (besluit:heeftTegenstander "nej")
                                     (besluit:heeftOnthouder "avstår") }
    ?thing ?sideProperty ?this . ?treatment besluit:heeftStemming ?thing .
    BIND(besluit:Stemming AS ?type)
    OPTIONAL { ?thing besluit:gevolg ?text }
  }
  ?treatment dct:subject ?item . ?meeting besluit:behandelt ?item .
  OPTIONAL { ?item graf:nummer ?number }
  OPTIONAL { ?item dct:title ?title }
  OPTIONAL { ?meeting dct:date ?date }
  OPTIONAL { ?meeting besluit:isGehoudenDoor ?body OPTIONAL { ?body rdfs:label ?bodyLabel } }
}"""


# the order in which a § unfolds: proposals, the vote, then reservations and statements
_COURSE = ("Yrkande", "Stemming", "Reservation", "Protokollsanteckning", "SarskiltUttalande", "Ersattaryttrande",
           "Uttalande")


def _course_rank(type_iri: str | None) -> int:
    local = _local(type_iri or "")
    return _COURSE.index(local) if local in _COURSE else len(_COURSE)


def _activity(rows: list[Row]) -> list[Activity]:
    ranked = []
    seen = set()
    for r in rows:
        key = (r["thing"], r["type"], r["choice"])
        if key in seen:
            continue
        seen.add(key)
        kind = term_label(r["type"]) or "uttalande"
        if r["choice"]:
            kind = f"röstade {r['choice']}"
        item_label = " ".join(x for x in ((f"§ {r['number']}" if r["number"] else None), r["title"]) if x)
        activity = Activity(_meeting_ref(r), _ref(r["item"], item_label), kind, r["text"], _ref(r["thing"], kind))
        ranked.append(((_course_rank(r["type"]), natural_key(r["thing"])), activity))
    # within an item in the order of its course (the stable sort below keeps it among equals),
    # so the list reads the same from any store whatever order the rows came in
    out = [a for _, a in sorted(ranked, key=lambda ka: ka[0])]
    # newest first, then in the paper's order
    out.sort(key=lambda a: (a.when.date or "", a.when.meeting.iri, tuple(-x[1] for x in natural_key(
        a.item.label if a.item else ""))), reverse=True)
    return out


def person_view(run: Run, iri: str, meetings_page: int = 1, activity_page: int = 1) -> PersonView:
    subs = {"this": iri}
    head = run(_PERSON_HEAD, subs)
    name = next((r["name"] for r in head if r["name"]), _local(iri))
    parties = _unique(_ref(r["party"], r["code"] or r["partyLabel"]) for r in head)
    others = _unique(r["alt"] for r in head if r["alt"] != name)
    meetings: dict[str, tuple[MeetingRef, list[str]]] = {}
    for r in run(_PERSON_MEETINGS, subs):
        m = meetings.setdefault(r["meeting"], (_meeting_ref(r), []))
        if r["role"] and r["role"] not in m[1]:
            m[1].append(r["role"])
    roles: dict[str, int] = {}
    for _, rs in meetings.values():
        for role in rs:
            roles[role] = roles.get(role, 0) + 1
    ordered = sorted(meetings.values(), key=lambda m: (m[0].date or "", m[0].meeting.iri), reverse=True)
    mpage = _page(len(ordered), meetings_page)
    activity = _activity(run(_ACTIVITY.replace("AUTHORED_BY", "graf:avgivenAv|schema:creator"), subs))
    apage = _page(len(activity), activity_page)
    return PersonView(iri, name, others, parties, tuple(sorted(roles.items(), key=lambda kv: _role_rank(kv[0]))),
                      tuple((m, tuple(sorted(rs, key=_role_rank))) for m, rs in mpage.slice(ordered)), mpage,
                      tuple(apage.slice(activity)), apage)


_PARTY_HEAD = _PREFIXES + """
SELECT ?this ?name ?code ?member ?memberName WHERE {
  OPTIONAL { ?this skos:prefLabel ?name }
  OPTIONAL { ?this skos:notation ?code }
  OPTIONAL { ?membership org:organization ?this ; org:member ?member OPTIONAL { ?member foaf:name ?memberName } }
}"""


def party_view(run: Run, iri: str, activity_page: int = 1) -> PartyView:
    subs = {"this": iri}
    head = run(_PARTY_HEAD, subs)
    code = next((r["code"] for r in head if r["code"]), None)
    name = next((r["name"] for r in head if r["name"]), code or _local(iri))
    members = sorted(_unique(_ref(r["member"], r["memberName"]) for r in head), key=lambda m: m.label)
    activity = _activity(run(_ACTIVITY.replace("AUTHORED_BY", "graf:forParti"), subs))
    page = _page(len(activity), activity_page)
    return PartyView(iri, name, code, tuple(members), tuple(page.slice(activity)), page)


# ----------------------------------------------------------------------------- committees, statutes, cases, districts


_COMMITTEE = _PREFIXES + """
SELECT ?this ?name ?kind ?municipality ?municipalityLabel ?meeting ?date (COUNT(DISTINCT ?item) AS ?items) WHERE {
  OPTIONAL { ?this rdfs:label ?name }
  OPTIONAL { ?this org:classification ?kind }
  OPTIONAL { ?this besluit:bestuurt ?municipality OPTIONAL { ?municipality skos:prefLabel ?municipalityLabel } }
  OPTIONAL { ?meeting besluit:isGehoudenDoor ?this OPTIONAL { ?meeting dct:date ?date }
             OPTIONAL { ?meeting besluit:behandelt ?item } }
} GROUP BY ?this ?name ?kind ?municipality ?municipalityLabel ?meeting ?date"""


def committee_view(run: Run, iri: str, page_number: int = 1) -> CommitteeView:
    rows = run(_COMMITTEE, {"this": iri})
    name = next((r["name"] for r in rows if r["name"]), _local(iri))
    kind = next((term_label(r["kind"]) for r in rows if r["kind"]), None)
    municipality = next((_ref(r["municipality"], r["municipalityLabel"]) for r in rows if r["municipality"]), None)
    meetings = {r["meeting"]: (MeetingRef(Ref(r["meeting"], " ".join(x for x in (name, r["date"]) if x)),
                                          r["date"], Ref(iri, name)), int(r["items"] or 0))
                for r in rows if r["meeting"]}
    ordered = sorted(meetings.values(), key=lambda m: (m[0].date or "", m[0].meeting.iri), reverse=True)
    page = _page(len(ordered), page_number)
    return CommitteeView(iri, name, municipality, kind, tuple(page.slice(ordered)), page)


# the dates in a group of their own, as on the landing page: MIN/MAX over a group holding an
# undated meeting is unbound
_MUNICIPALITY = _PREFIXES + """
SELECT ?this ?name ?body ?bodyLabel ?meetings ?first ?last WHERE {
  OPTIONAL { ?this skos:prefLabel ?name }
  OPTIONAL { { SELECT ?this ?body (SAMPLE(?label) AS ?bodyLabel) (COUNT(DISTINCT ?meeting) AS ?meetings) WHERE {
                 ?body besluit:bestuurt ?this OPTIONAL { ?body rdfs:label ?label }
                 OPTIONAL { ?meeting besluit:isGehoudenDoor ?body } } GROUP BY ?this ?body }
             OPTIONAL { SELECT ?body (MIN(?date) AS ?first) (MAX(?date) AS ?last) WHERE {
                          ?meeting besluit:isGehoudenDoor ?body ; dct:date ?date } GROUP BY ?body } }
}"""


def municipality_view(run: Run, iri: str) -> MunicipalityView:
    """The committees that met (most meetings first), then those only named in the papers."""
    rows = run(_MUNICIPALITY, {"this": iri})
    name = next((r["name"] for r in rows if r["name"]), _local(iri))
    committees = [(Ref(r["body"], r["bodyLabel"] or _local(r["body"])), int(r["meetings"] or 0),
                   r["first"], r["last"]) for r in rows if r["body"]]
    committees.sort(key=lambda c: (-c[1], c[0].label.lower()))
    return MunicipalityView(iri, name, tuple(committees))


_STATUTE_HEAD = _PREFIXES + """
SELECT ?this ?title ?identifier ?provision ?site ?whole ?wholeTitle ?wholeId ?part ?partId WHERE {
  OPTIONAL { ?this eli:title ?title }
  OPTIONAL { ?this eli:id_local ?identifier }
  OPTIONAL { ?this graf:provision ?provision }
  OPTIONAL { ?this owl:sameAs|rdfs:seeAlso ?site }
  OPTIONAL { ?this eli:is_part_of ?whole OPTIONAL { ?whole eli:title ?wholeTitle }
             OPTIONAL { ?whole eli:id_local ?wholeId } }
  OPTIONAL { ?part eli:is_part_of ?this OPTIONAL { ?part graf:provision ?partId } }
}"""

# items citing the act itself or one of its provisions
_STATUTE_CITING = _PREFIXES + """
SELECT ?this ?meeting ?date ?body ?bodyLabel ?item ?number ?title ?citedAs WHERE {
  { ?treatment eli:cites ?this } UNION { ?part eli:is_part_of ?this . ?treatment eli:cites ?part }
  ?treatment dct:subject ?item . ?meeting besluit:behandelt ?item .
  OPTIONAL { ?item graf:nummer ?number }
  OPTIONAL { ?item dct:title ?title }
  OPTIONAL { ?meeting dct:date ?date }
  OPTIONAL { ?meeting besluit:isGehoudenDoor ?body OPTIONAL { ?body rdfs:label ?bodyLabel } }
  OPTIONAL { ?citation cito:hasCitingEntity ?treatment ; cito:hasCitedEntity ?cited ; graf:citeradSom ?citedAs
             FILTER(?cited = ?this || EXISTS { ?cited eli:is_part_of ?this }) }
}"""


def statute_view(run: Run, iri: str) -> StatuteView:
    head = run(_STATUTE_HEAD, {"this": iri})
    title = next((r["title"] for r in head if r["title"]), None)
    identifier = next((r["identifier"] for r in head if r["identifier"]), None)
    provision = next((r["provision"] for r in head if r["provision"]), None)
    whole = next((_ref(r["whole"], r["wholeTitle"]) for r in head if r["whole"]), None)
    label = statute_label({"provision": provision, "title": title, "identifier": identifier,
                           "wholeTitle": whole.label if whole else None,
                           "wholeId": next((r["wholeId"] for r in head if r.get("wholeId")), None)}) or _local(iri)
    citing: dict[str, dict] = {}
    for r in run(_STATUTE_CITING, {"this": iri}):
        c = citing.setdefault(r["item"], {"row": r, "as": {}})
        if r["citedAs"]:
            c["as"][r["citedAs"]] = None
    items = [CitingItem(_meeting_ref(c["row"]), Ref(item, " ".join(
        x for x in ((f"§ {c['row']['number']}" if c["row"]["number"] else None), c["row"]["title"]) if x)
        or _local(item)), tuple(c["as"])) for item, c in citing.items()]
    items.sort(key=lambda c: (c.when.date or "", c.when.meeting.iri, natural_key(c.item.label)), reverse=True)
    return StatuteView(iri, label, identifier, whole,
                       tuple(sorted(_unique(_ref(r["part"], r["partId"]) for r in head), key=lambda p: natural_key(
                           p.label))),
                       _sites(r["site"] for r in head if r["site"]), tuple(items))


_CASE = _PREFIXES + """
SELECT ?this ?identifier ?item ?own ?number ?title ?meeting ?date ?body ?bodyLabel ?document ?documentTitle WHERE {
  OPTIONAL { ?this dct:identifier ?identifier }
  OPTIONAL { { ?item dct:relation ?this . BIND(EXISTS { ?item graf:arende ?this } AS ?own)
               ?meeting besluit:behandelt ?item .
               OPTIONAL { ?item graf:nummer ?number } OPTIONAL { ?item dct:title ?title }
               OPTIONAL { ?meeting dct:date ?date }
               OPTIONAL { ?meeting besluit:isGehoudenDoor ?body OPTIONAL { ?body rdfs:label ?bodyLabel } } }
             UNION { ?document dct:isPartOf ?this OPTIONAL { ?document dct:title ?documentTitle } } }
}"""


def case_view(run: Run, iri: str) -> CaseView:
    """Where a case (ärende) appears. The full history with decision texts at each step is
    queries/case-history.rq (another branch); this page lists the appearances by date."""
    rows = run(_CASE, {"this": iri})
    identifier = next((r["identifier"] for r in rows if r["identifier"]), _local(iri))
    items: dict[str, tuple[MeetingRef, Ref, bool]] = {}
    for r in rows:
        if r["item"] and r["meeting"]:
            label = " ".join(x for x in ((f"§ {r['number']}" if r["number"] else None), r["title"]) if x)
            items[r["item"]] = (_meeting_ref(r), Ref(r["item"], label or _local(r["item"])), r["own"] == "true")
    ordered = sorted(items.values(), key=lambda x: (x[0].date or "", x[0].meeting.iri, natural_key(x[1].label)))
    # the documents as each § lists them, the §§ in date order
    step = {item.iri: n for n, (_, item, _) in enumerate(ordered)}
    documents = tuple(sorted(_unique(_ref(r["document"], r["documentTitle"]) for r in rows if r["document"]),
                             key=lambda d: (step.get(d.iri.rsplit("/handling/", 1)[0], len(step)),
                                            natural_key(d.iri))))
    return CaseView(iri, identifier, tuple(ordered), documents)


_DISTRICT = _PREFIXES + """
SELECT ?this ?name ?alt ?from ?until ?same WHERE {
  OPTIONAL { ?this skos:prefLabel ?name }
  OPTIONAL { ?this rdfs:label ?alt }
  OPTIONAL { ?this schema:validFrom ?from }
  OPTIONAL { ?this schema:validThrough ?until }
  OPTIONAL { ?this owl:sameAs ?same }
}"""

_PAPER_MEETINGS = _PREFIXES + """
SELECT ?this ?meeting ?date ?body ?bodyLabel WHERE {
  ?this dct:subject ?meeting . ?meeting a besluit:Zitting .
  OPTIONAL { ?meeting dct:date ?date }
  OPTIONAL { ?meeting besluit:isGehoudenDoor ?body OPTIONAL { ?body rdfs:label ?bodyLabel } }
}"""


# the file a paper's text was read from (a PDF, a Markdown file …), as the build recorded it
_PAPER_FILES = _PREFIXES + """
SELECT ?this ?file ?name ?format WHERE {
  ?this prov:wasDerivedFrom ?file .
  OPTIONAL { ?file schema:name ?name }
  OPTIONAL { ?file dct:format ?format }
} ORDER BY ?name ?file"""


def district_view(run: Run, iri: str, papers: list[str]) -> DistrictView:
    """``papers``: the documents whose text mentions the district (the resource's source
    passages, read by the worker however the annotations are stored)."""
    rows = run(_DISTRICT, {"this": iri})
    name = next((r["name"] for r in rows if r["name"]), _local(iri))
    meetings: dict[str, MeetingRef] = {}
    for paper in dict.fromkeys(papers):
        for r in run(_PAPER_MEETINGS, {"this": paper}):
            meetings[r["meeting"]] = _meeting_ref(r)
    return DistrictView(
        iri, name, _unique(r["alt"] for r in rows if r["alt"] and r["alt"] != name),
        next((r["from"] for r in rows if r["from"]), None), next((r["until"] for r in rows if r["until"]), None),
        _unique(r["same"] for r in rows if r["same"]),
        tuple(sorted(meetings.values(), key=lambda m: (m.date or "", m.meeting.iri), reverse=True)))


def paper_view(run: Run, iri: str, properties: dict[str, list[str]]) -> PaperView:
    """``properties``: the paper's own values by predicate (the resource lookup has them)."""
    def first(predicate: str) -> str | None:
        return next(iter(properties.get(predicate, [])), None)

    meetings = tuple(_meeting_ref(r) for r in run(_PAPER_MEETINGS, {"this": iri}))
    files = tuple((Ref(r["file"], r["name"] or _local(r["file"])), r["format"])
                  for r in run(_PAPER_FILES, {"this": iri}))
    return PaperView(iri, term_label(first(DCT + "type")), meetings, first(GRAF + "text") or "",
                     first(DCT + "format"), first(GRAF + "sha256"), files)
