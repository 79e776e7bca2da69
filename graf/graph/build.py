"""Build the RDF graph of one paper from its structure (Paper) and resolved entities (Linked):
the mapping from graf's records to the vocabularies.

Only this stage knows RDF. The output is deterministic: IRIs come from graf.graph.iri, no blank
nodes are created and no timestamps are written, so the same input gives an identical graph.
Terms and their serialisation are in graf.graph.terms, the annotation templates in
graf.graph.templates, the triple container in graf.graph.triples.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import Graph, URIRef

from graf import __version__
from graf.grammar.dnr import case_key
from graf.graph.iri import DEFAULT_BASE, Minter, fold, person_key, slug
from graf.graph.terms import (
    BESLUIT, CITO, ELI, ELIDL, FOAF, GRAF, OA, ORG, PERSON, PROV, SCHEMA,
)
from graf.graph.terms import DCT_TERMS as _DCT
from graf.graph.terms import OWL_TERMS as _OWL
from graf.graph.terms import RDF_TERMS as _RDF
from graf.graph.terms import RDFS_TERMS as _RDFS
from graf.graph.terms import SKOS_TERMS as _SKOS
from graf.graph.terms import XSD_TERMS as _XSD
from graf.graph.terms import make_iri as _iri
from graf.graph.terms import make_literal as _literal
from graf.graph.triples import TripleSet
from graf.records import (
    AgendaItem,
    DecisionPoint,
    Linked,
    LinkedCitation,
    LinkedPerson,
    Paper,
    PersonRef,
    Span,
    Vote,
)

__all__ = ["DEFAULT_BASE", "build_graph", "build_triples"]

STANCES = {"bifall": GRAF.bifall, "avslag": GRAF.avslag, "delvis": GRAF.delvis, "annat": GRAF.annat}
# a member's choice on a voting list -> the LBLOD property that names the voter on that side
_VOTE_SIDES = {"ja": BESLUIT.heeftVoorstander, "nej": BESLUIT.heeftTegenstander, "avstår": BESLUIT.heeftOnthouder}
STATEMENT_CLASSES = {
    "särskilt uttalande": GRAF.SarskiltUttalande,
    "ersättaryttrande": GRAF.Ersattaryttrande,
    "protokollsanteckning": GRAF.Protokollsanteckning,
}
DOCUMENT_TYPES = {
    "protokoll": GRAF.dokumenttypProtokoll,
    "dagordning": GRAF.dokumenttypDagordning,
}
# bodies whose names say they belong to a municipality; others (Migrationsverket, Region
# Stockholm) are minted without the municipality in their IRI
_MUNICIPAL_BODY_WORDS = ("nämnd", "styrelse", "fullmäktige", "utskott", "förvaltning", "beredning")


def body_iri(mint: Minter, name: str, municipality: str | None) -> str:
    """The IRI of a body named in a paper of ``municipality`` (graf show links the same)."""
    return mint.body(name, municipality if _is_municipal(name, municipality) else None)


# Checked in order: the first folded needle found in the text decides ("vice ordförande"
# before "ordförande", "tjänstgörande ersättare" before "ersättare").
_ROLE_CONCEPTS = (
    ("tjanstgorande", GRAF.rollTjanstgorandeErsattare), ("vice ordforande", GRAF.rollViceOrdforande),
    ("ordforande", GRAF.rollOrdforande), ("ersattare", GRAF.rollErsattare),
    ("ledamot", GRAF.rollLedamot), ("justerare", GRAF.rollJusterare),
    ("sekreterare", GRAF.rollSekreterare),
)
_BODY_TYPES = (
    ("stadsdelsnamnd", GRAF.organtypStadsdelsnamnd), ("kommunstyrelse", GRAF.organtypKommunstyrelse),
    ("fullmaktige", GRAF.organtypKommunfullmaktige), ("utskott", GRAF.organtypUtskott),
    ("namnd", GRAF.organtypNamnd),
)


@functools.lru_cache(maxsize=4096)  # a paper's few roles and bodies, asked for again and again
def _first_match(text: str, table: tuple[tuple[str, URIRef], ...]) -> URIRef | None:
    folded = fold(text)
    return next((concept for needle, concept in table if needle in folded), None)


def role_concept(role: str) -> URIRef:
    return _first_match(role, _ROLE_CONCEPTS) or GRAF.rollTjansteperson


def body_type(name: str) -> URIRef | None:
    return _first_match(name, _BODY_TYPES)


def _is_municipal(name: str, municipality: str | None) -> bool:
    return bool(municipality) and any(w in name.lower() for w in _MUNICIPAL_BODY_WORDS)


def _has_meeting(paper: Paper) -> bool:
    m = paper.meeting
    return not (paper.kind == "other" and not paper.items and not m.body and not m.date)


def item_keys(items: tuple[AgendaItem, ...]) -> list[str]:
    """The IRI key of each item. Papers can print the same number twice (a web list whose
    markers and printed agenda numbers disagree); the later item gets its list position in its
    key so no two items merge into one node."""
    seen: set[str] = set()
    keys = []
    for item in items:
        keys.append(item.number if item.number not in seen else f"{item.number}-pos{item.position}")
        seen.add(item.number)
    return keys


@dataclass(frozen=True)
class PaperIris:
    """The IRIs the graph of a paper gives its document, meeting, committee and items (for
    indexes kept beside the graph, such as graf.search)."""

    document: str
    meeting: str | None
    body: str | None
    items: tuple[tuple[AgendaItem, str], ...]


def paper_iris(paper: Paper, base: str = DEFAULT_BASE) -> PaperIris:
    mint, m = Minter(base), paper.meeting
    document = mint.document(paper.source.sha256)
    if not _has_meeting(paper):
        return PaperIris(document, None, None, ())
    meeting = mint.meeting(m.body, m.municipality, m.date.isoformat() if m.date else None, paper.source.sha256)
    body = body_iri(mint, m.body, m.municipality) if m.body else None
    items = tuple((item, mint.item(meeting, key, paper.kind))
                  for item, key in zip(paper.items, item_keys(paper.items)))
    return PaperIris(document, meeting, body, items)


def build_triples(paper: Paper, linked: Linked, base: str = DEFAULT_BASE) -> TripleSet:
    """The triples of one paper (see TripleSet)."""
    return _Builder(paper, linked, base).build()


def build_graph(paper: Paper, linked: Linked, base: str = DEFAULT_BASE) -> Graph:
    """Return the triples of one paper as an rdflib Graph. Merge graphs (or keep one named
    graph per paper) in the caller; IRIs shared between papers (people, bodies, cases,
    meetings) make them meet."""
    return build_triples(paper, linked, base).to_graph()


class _Builder:
    def __init__(self, paper: Paper, linked: Linked, base: str):
        self.paper = paper
        self.linked = linked
        self.mint = Minter(base)
        self.text = paper.source.text
        self.g = TripleSet()
        self.doc = _iri(self.mint.document(paper.source.sha256))
        self.doc_str = str(self.doc)
        self.activity = _iri(self.mint.activity(__version__))
        self.municipality = paper.meeting.municipality
        self.meeting: URIRef | None = None
        self._persons_by_span: dict[Span, str] = {}
        self._persons_by_name: dict[str, str] = {}
        self._person_nodes: set[URIRef] = set()

    # ------------------------------------------------------------------ helpers

    def add(self, s, p, o) -> None:
        self.g._triples[(s, p, o)] = None  # TripleSet.add without a second call

    def literal(self, s, p, value, **kw) -> None:
        if value is not None and value != "":
            self.add(s, p, _literal(value, **kw))

    def annotate(self, node: URIRef, span: Span | None, motivation: URIRef = OA.identifying,
                 scope: URIRef | None = None) -> None:
        """One oa:Annotation whose body is ``node`` and whose target is ``span`` of the paper, as
        a text fragment IRI of the document (slim provenance; graf.graph.templates). ``scope``
        (graf:sammanhang) names the resource the span was read in the context of -- for a
        citation, the item that cites."""
        if span is None:
            return
        start, end = span.start, span.end
        self.g.add_annotation(self.mint.annotation(self.doc_str, str(node), start, end, str(motivation)),
                              node, motivation, Minter.text_fragment(self.doc_str, start, end), scope)

    def covering(self, span: Span | None, fallback: Iterable[Span | None]) -> Span | None:
        if span is not None:
            return span
        spans = [s for s in fallback if s is not None]
        if not spans:
            return None
        return Span(min(s.start for s in spans), max(s.end for s in spans))

    # ------------------------------------------------------------------ build

    def build(self) -> TripleSet:
        self.provenance()
        self.municipality_node()
        self.meeting_node()
        self.index_persons()
        self.persons()
        self.entities()
        item_nodes = self.items()
        self.attendance()
        self.citations(item_nodes)
        return self.g

    def provenance(self) -> None:
        src = self.paper.source
        doc, g = self.doc, self.g
        file_node = _iri(self.mint.file(src.raw_sha256))
        agent = _iri(self.mint.software(__version__))
        g.add((doc, _RDF.type, FOAF.Document))
        g.add((doc, _RDF.type, PROV.Entity))
        g.add((doc, _DCT.type, DOCUMENT_TYPES.get(self.paper.kind, GRAF.dokumenttypAnnat)))
        g.add((doc, GRAF.text, _literal(src.text)))
        g.add((doc, GRAF.sha256, _literal(src.sha256)))
        g.add((doc, _DCT.format, _literal("text/plain")))
        g.add((doc, PROV.wasDerivedFrom, file_node))
        g.add((doc, PROV.wasGeneratedBy, self.activity))
        # the base the IRIs were minted under: a server reads it instead of being told again
        g.add((doc, GRAF.bas, _literal(self.mint.base)))
        for warning in src.warnings:
            g.add((doc, _SKOS.editorialNote, _literal(warning)))
        g.add((file_node, _RDF.type, PROV.Entity))
        g.add((file_node, GRAF.sha256, _literal(src.raw_sha256)))
        g.add((file_node, _DCT.format, _literal(src.media_type)))
        # the base name only: a full path would differ between machines for the same input
        self.literal(file_node, SCHEMA.name, os.path.basename(src.path))
        g.add((self.activity, _RDF.type, PROV.Activity))
        g.add((self.activity, _RDFS.label, _literal(f"graf build {__version__}")))
        g.add((self.activity, PROV.wasAssociatedWith, agent))
        g.add((agent, _RDF.type, PROV.SoftwareAgent))
        g.add((agent, _RDFS.label, _literal("graf")))
        g.add((agent, SCHEMA.softwareVersion, _literal(__version__)))

    def municipality_node(self) -> None:
        if not self.municipality:
            return
        node = _iri(self.mint.municipality(self.municipality))
        self.add(node, _RDF.type, BESLUIT.Bestuurseenheid)
        self.add(node, _RDF.type, ORG.Organization)
        self.add(node, _SKOS.prefLabel, _literal(self.municipality, lang="sv"))

    def body_node(self, name: str, municipality: str | None, label: str | None = None) -> URIRef:
        municipal = _is_municipal(name, municipality)
        node = _iri(body_iri(self.mint, name, municipality))
        self.add(node, _RDF.type, ORG.Organization)
        self.add(node, _RDFS.label, _literal(label or name, lang="sv"))
        kind = body_type(name)
        if kind is not None or municipal:
            self.add(node, _RDF.type, BESLUIT.Bestuursorgaan)
        if kind is not None:
            self.add(node, ORG.classification, kind)
        if municipal:
            self.add(node, BESLUIT.bestuurt, _iri(self.mint.municipality(municipality)))
        return node

    def meeting_node(self) -> None:
        paper, m = self.paper, self.paper.meeting
        if not _has_meeting(paper):
            return  # a plain text of unknown layout: no meeting to speak of
        date = m.date.isoformat() if m.date else None
        node = _iri(self.mint.meeting(m.body, self.municipality, date, paper.source.sha256))
        self.meeting = node
        self.add(node, _RDF.type, BESLUIT.Zitting)
        if m.body:
            body = self.body_node(m.body, self.municipality)
            self.add(node, BESLUIT.isGehoudenDoor, body)
            self.annotate(body, m.body_span)
        if m.date:
            self.add(node, _DCT.date, _literal(m.date.isoformat(), datatype=_XSD.date))
            if m.start_time:
                hh_mm = m.start_time.replace(".", ":")
                if len(hh_mm) == 5 and hh_mm[2] == ":" and hh_mm.replace(":", "").isdigit():
                    self.add(node, BESLUIT.geplandeStart,
                             _literal(f"{date}T{hh_mm}:00", datatype=_XSD.dateTime))
        self.literal(node, GRAF.protokollnummer, m.number)
        self.literal(node, GRAF.paragrafer, m.paragraph_range)
        self.literal(node, SCHEMA.location, m.place)
        if m.justering_date:
            self.add(node, GRAF.justeringsdatum, _literal(m.justering_date.isoformat(), datatype=_XSD.date))
        link = BESLUIT.heeftNotulen if paper.kind == "protokoll" else BESLUIT.heeftAgenda
        self.add(node, link, self.doc)
        self.add(self.doc, _DCT.subject, node)
        self.annotate(node, self.covering(None, (m.date_span,)) or m.body_span)

    # ------------------------------------------------------------------ people

    def index_persons(self) -> None:
        for lp in self.linked.persons:
            key = slug(lp.key)
            for span in lp.spans:
                self._persons_by_span[span] = key
            for name in (lp.name, *lp.variants):
                self._persons_by_name.setdefault(fold(name), key)

    def person_iri(self, ref: PersonRef) -> URIRef:
        key = self._persons_by_span.get(ref.span) or self._persons_by_name.get(fold(ref.name))
        if key is None:
            key = person_key(ref.name)
        node = _iri(self.mint.person(key, self.municipality, is_key=True))
        if node not in self._person_nodes:
            self._person_nodes.add(node)
            self.add(node, _RDF.type, PERSON.Person)
            self.add(node, FOAF.name, _literal(ref.name))
        self.annotate(node, ref.span)
        if ref.party:
            self.membership(node, ref.party)
        return node

    def party_node(self, code: str, label: str | None = None) -> URIRef:
        node = _iri(self.mint.party(code))
        self.add(node, _RDF.type, ORG.Organization)
        self.add(node, ORG.classification, GRAF.organtypParti)
        self.add(node, _SKOS.notation, _literal(code))
        if label:
            self.add(node, _SKOS.prefLabel, _literal(label, lang="sv"))
        return node

    def membership(self, person: URIRef, code: str) -> None:
        party = self.party_node(code)
        membership = _iri(self.mint.membership(str(person), code))
        self.add(membership, _RDF.type, ORG.Membership)
        self.add(membership, ORG.member, person)
        self.add(membership, ORG.organization, party)
        self.add(membership, PROV.wasDerivedFrom, self.doc)
        self.add(person, ORG.hasMembership, membership)

    def persons(self) -> None:
        for lp in self.linked.persons:
            self.linked_person(lp)

    def linked_person(self, lp: LinkedPerson) -> URIRef:
        node = _iri(self.mint.person(lp.key, self.municipality, is_key=True))
        if node not in self._person_nodes:
            self._person_nodes.add(node)
            self.add(node, _RDF.type, PERSON.Person)
            self.add(node, FOAF.name, _literal(lp.name))
        for variant in lp.variants:
            if variant != lp.name:
                self.add(node, _SKOS.altLabel, _literal(variant))
        for span in lp.spans:
            self.annotate(node, span)
        if lp.party:
            self.membership(node, lp.party)
        for role in lp.roles:
            self.participation(node, role, lp.party)
        return node

    def participation(self, person: URIRef, role: str | None, party: str | None,
                      replaces: URIRef | None = None, span: Span | None = None) -> None:
        if self.meeting is None or not role:  # listed without a role word: no participation role
            return
        role_text = " ".join(role.split()).lower()
        if not role_text:
            return
        node = _iri(self.mint.participation(str(self.meeting), str(person), role_text))
        self.add(node, _RDF.type, ELIDL.Participation)
        self.add(node, ELIDL.had_participant_person, person)
        self.add(node, ELIDL.participation_role, role_concept(role_text))
        self.add(node, GRAF.roll, _literal(role_text))
        self.add(self.meeting, ELIDL.had_participation, node)
        if party:
            self.add(node, ELIDL.participation_in_name_of, self.party_node(party))
        if replaces is not None:
            self.add(node, GRAF.ersatter, replaces)
        if role_concept(role_text) == GRAF.rollJusterare:
            self.add(self.meeting, GRAF.justerare, person)
        self.annotate(node, span)

    def deciding(self, person: URIRef, party: str | None, span: Span | None) -> None:
        """A member listed among the beslutande with no role word: a participation in the
        role graf:rollBeslutande and no graf:roll (no role was printed)."""
        if self.meeting is None:
            return
        node = _iri(self.mint.participation(str(self.meeting), str(person), "beslutande"))
        self.add(node, _RDF.type, ELIDL.Participation)
        self.add(node, ELIDL.had_participant_person, person)
        self.add(node, ELIDL.participation_role, GRAF.rollBeslutande)
        self.add(self.meeting, ELIDL.had_participation, node)
        if party:
            self.add(node, ELIDL.participation_in_name_of, self.party_node(party))
        self.annotate(node, span)

    def attendance(self) -> None:
        for att in self.paper.attendance:
            person = self.person_iri(att.person)
            if att.role is None and att.deciding:
                self.deciding(person, att.person.party, att.span)
                continue
            replaces = self.person_iri(att.replaces) if att.replaces else None
            self.participation(person, att.role, att.person.party, replaces, att.span)

    # ------------------------------------------------------------------ entities

    def entities(self) -> None:
        for ent in self.linked.entities:
            attrs = dict(ent.attrs)
            if ent.kind == "party":
                node = self.party_node(ent.key, ent.label if ent.label != ent.key else None)
            elif ent.kind == "district":
                node = _iri(self.mint.district(ent.key))
                self.add(node, _RDF.type, GRAF.Stadsdelsomrade)
                self.add(node, _RDF.type, _DCT.Location)
                self.add(node, _SKOS.prefLabel, _literal(ent.key, lang="sv"))
                if ent.label != ent.key:
                    self.add(node, _RDFS.label, _literal(ent.label, lang="sv"))
            elif ent.kind == "body":
                # minted from the key (the canonical name), labelled as the paper prints it
                # at its fullest ("Stadsledningskontoret (SLK)")
                node = self.body_node(ent.key, attrs.get("municipality", self.municipality),
                                      label=ent.label)
            elif ent.kind == "municipality":
                # "Norrviks kommun" in a Norrvik paper: the municipality itself (municipality_node)
                node = _iri(self.mint.municipality(ent.key))
            else:
                continue
            if "valid_from" in attrs:
                self.add(node, SCHEMA.validFrom, _literal(attrs["valid_from"], datatype=_XSD.date))
            if "valid_until" in attrs:
                self.add(node, SCHEMA.validThrough, _literal(attrs["valid_until"], datatype=_XSD.date))
            if "wikidata" in attrs:
                self.add(node, _OWL.sameAs, _iri(f"http://www.wikidata.org/entity/{attrs['wikidata']}"))
            for span in ent.spans:
                self.annotate(node, span)

    # ------------------------------------------------------------------ items

    def items(self) -> list[tuple[AgendaItem, URIRef, URIRef | None]]:
        out: list[tuple[AgendaItem, URIRef, URIRef | None]] = []
        if self.meeting is None:
            return out
        for item, key in zip(self.paper.items, item_keys(self.paper.items)):
            out.append(self.item(item, key))
        return out

    def points(self, parent: URIRef, points: tuple[DecisionPoint, ...]) -> None:
        for i, point in enumerate(points, 1):
            node = _iri(self.mint.decision_point(str(parent), i))
            self.add(node, _RDF.type, GRAF.Beslutspunkt)
            self.add(node, _DCT.isPartOf, parent)
            self.add(parent, _DCT.hasPart, node)
            self.add(node, SCHEMA.position, _literal(i))
            self.literal(node, GRAF.nummer, point.number)
            self.add(node, PROV.value, _literal(point.text))
            self.annotate(node, point.span)

    def item(self, item: AgendaItem, key: str) -> tuple[AgendaItem, URIRef, URIRef | None]:
        assert self.meeting is not None
        node = _iri(self.mint.item(str(self.meeting), key, self.paper.kind))
        self.add(self.meeting, BESLUIT.behandelt, node)
        self.add(node, _RDF.type, BESLUIT.Agendapunt)
        self.add(node, GRAF.nummer, _literal(item.number))
        self.add(node, GRAF.nummerTryckt, _literal(bool(item.number_printed)))
        self.add(node, SCHEMA.position, _literal(item.position))
        if item.title:
            self.add(node, _DCT.title, _literal(item.title, lang="sv"))
            self.annotate(node, item.title_span)
        self.annotate(node, item.span)
        own_case = None
        for dnr in item.dnr:
            case = _iri(self.mint.arende(case_key(dnr.value)))  # one case however it is printed
            self.add(case, _RDF.type, GRAF.Arende)
            self.add(case, _DCT.identifier, _literal(dnr.value))
            # the key as a literal, so a query can find the case from a registry number bound
            # as a parameter (queries/case-history.rq) without knowing how IRIs are minted
            self.add(case, GRAF.arendenyckel, _literal(case_key(dnr.value)))
            self.add(node, _DCT.relation, case)
            if dnr.role == "own":
                self.add(node, GRAF.arende, case)
                own_case = own_case or case
            self.annotate(case, dnr.span)
        for i, handling in enumerate(item.handlingar, 1):
            hnode = _iri(self.mint.handling(handling.identifier) if handling.identifier
                           else self.mint.item_document(str(node), i))
            self.add(hnode, _RDF.type, FOAF.Document)
            self.add(hnode, _DCT.type, GRAF.dokumenttypHandling)
            self.literal(hnode, _DCT.identifier, handling.identifier)
            self.add(hnode, _DCT.title, _literal(handling.title, lang="sv"))
            self.add(node, _DCT.references, hnode)
            if own_case is not None:
                self.add(hnode, _DCT.isPartOf, own_case)
            self.annotate(hnode, handling.span)

        is_minutes = self.paper.kind == "protokoll"
        has_treatment = (item.proposals or item.reservations or item.statements or item.outcome
                         or item.votes or item.non_participation or (is_minutes and item.decisions))
        if not is_minutes and item.decisions:
            # an agenda's "förslag till beslut" is a draft, not a decision
            draft = _iri(self.mint.draft(str(node)))
            self.add(draft, _RDF.type, BESLUIT.Ontwerpbesluit)
            self.add(draft, PROV.value, _literal(_joined(item.decisions)))
            self.add(node, BESLUIT.heeftOntwerpbesluit, draft)
            self.points(draft, item.decisions)
            self.annotate(draft, self.covering(None, (p.span for p in item.decisions)))
        if not (is_minutes or has_treatment):
            return item, node, None

        treatment = _iri(self.mint.treatment(str(node)))
        self.add(treatment, _RDF.type, BESLUIT.BehandelingVanAgendapunt)
        self.add(treatment, _DCT.subject, node)
        self.annotate(treatment, item.span)
        decision: URIRef | None = None
        if is_minutes and (item.decisions or item.outcome or item.reservations):
            decision = _iri(self.mint.decision(str(node)))
            self.add(decision, _RDF.type, BESLUIT.Besluit)
            self.add(decision, PROV.wasGeneratedBy, treatment)
            self.add(treatment, PROV.generated, decision)
            if item.decisions:
                self.add(decision, PROV.value, _literal(_joined(item.decisions)))
                self.points(decision, item.decisions)
                self.annotate(decision, self.covering(None, (p.span for p in item.decisions)))
            elif item.outcome:
                self.add(decision, PROV.value, _literal(item.outcome))
                self.annotate(decision, item.outcome_span)

        proposals: list[tuple[URIRef, set[URIRef], set[str]]] = []
        for i, prop in enumerate(item.proposals, 1):
            pnode = _iri(self.mint.proposal(str(node), i))
            self.add(pnode, _RDF.type, GRAF.Yrkande)
            self.add(pnode, GRAF.stance, STANCES.get(fold(prop.stance), GRAF.annat))
            self.add(pnode, GRAF.framstalldVid, treatment)
            self.literal(pnode, GRAF.avserText, prop.target)
            self.literal(pnode, GRAF.yrkandeslag, prop.kind)
            self.add(pnode, SCHEMA.text, _literal(prop.span.slice(self.text)))
            creators, parties = self.people_of(pnode, prop.by, SCHEMA.creator)
            parties |= self.party_groups_of(pnode, prop.parties)
            self.points(pnode, prop.points)
            self.annotate(pnode, prop.span)
            proposals.append((pnode, creators, parties))

        if item.outcome:
            order = _iri(self.mint.voting_order(str(node)))
            self.add(order, _RDF.type, GRAF.Propositionsordning)
            self.add(order, _DCT.isPartOf, treatment)
            self.add(order, SCHEMA.text, _literal(item.outcome))
            for pnode, _, _ in proposals:
                self.add(order, GRAF.stalldMot, pnode)
            self.annotate(order, item.outcome_span)

        for i, res in enumerate(item.reservations, 1):
            rnode = _iri(self.mint.reservation(str(node), i))
            self.add(rnode, _RDF.type, GRAF.Reservation)
            self.add(rnode, GRAF.framstalldVid, treatment)
            if decision is not None:
                self.add(rnode, GRAF.mot, decision)
            persons, parties = self.people_of(rnode, res.by, GRAF.avgivenAv)
            parties |= self.party_groups_of(rnode, res.parties)
            if res.written:
                self.add(rnode, GRAF.skriftlig, _literal(True))
            if res.text_span is not None:
                self.add(rnode, SCHEMA.text, _literal(res.text_span.slice(self.text)))
            favoured = None
            if res.in_favour_of in ("own", "joint"):
                favoured = next((p for p, c, _ in proposals if c & persons), None) or next(
                    (p for p, _, pp in proposals if pp & parties), None)
            if favoured is not None:
                self.add(rnode, GRAF.tillFormanFor, favoured)
            elif res.in_favour_of and res.in_favour_of not in ("own", "joint"):
                self.add(rnode, GRAF.tillFormanForText, _literal(res.in_favour_of))
            self.annotate(rnode, res.span)

        for i, vote in enumerate(item.votes, 1):
            self.vote(_iri(self.mint.vote(str(node), i)), vote, treatment)

        for i, np in enumerate(item.non_participation, 1):
            nnode = _iri(self.mint.non_participation(str(node), i))
            self.add(nnode, _RDF.type, GRAF.DeltarEjIBeslut)
            self.add(nnode, GRAF.framstalldVid, treatment)
            self.people_of(nnode, np.by, GRAF.avgivenAv)
            self.party_groups_of(nnode, np.parties)
            if np.jav:
                self.add(nnode, GRAF.jav, _literal(True))
            self.annotate(nnode, np.span)

        for i, st in enumerate(item.statements, 1):
            snode = _iri(self.mint.statement(str(node), i))
            self.add(snode, _RDF.type, STATEMENT_CLASSES.get(fold_kind(st.kind), GRAF.Uttalande))
            self.add(snode, GRAF.avser, treatment)
            self.add(snode, GRAF.framstalldVid, treatment)
            self.people_of(snode, st.by, GRAF.avgivenAv)
            self.party_groups_of(snode, st.parties)
            if st.text_span is not None:
                self.add(snode, SCHEMA.text, _literal(st.text_span.slice(self.text)))
            self.annotate(snode, st.span)
        return item, node, treatment

    def party_groups_of(self, node: URIRef, codes: tuple[str, ...]) -> set[str]:
        """Party groups that move, reserve or state something as a group, without names:
        the party itself is the author (graf:avgivenAvPartigrupp)."""
        for code in codes:
            party = self.party_node(code)
            self.add(node, GRAF.avgivenAvPartigrupp, party)
            self.add(node, GRAF.forParti, party)
        return set(codes)

    def vote(self, vnode: URIRef, vote: Vote, treatment: URIRef) -> None:
        """A besluit:Stemming on the § 's treatment: the printed counts, what ja and nej
        stood for, the result sentence and, where a voting list is printed, each member."""
        self.add(vnode, _RDF.type, BESLUIT.Stemming)
        self.add(treatment, BESLUIT.heeftStemming, vnode)
        for prop, count in ((BESLUIT.aantalVoorstanders, vote.yes), (BESLUIT.aantalTegenstanders, vote.no),
                            (BESLUIT.aantalOnthouders, vote.abstain)):
            if count is not None:
                self.add(vnode, prop, _literal(count))
        self.literal(vnode, BESLUIT.gevolg, vote.result, lang="sv")
        self.literal(vnode, GRAF.jaRostFor, vote.yes_means, lang="sv")
        self.literal(vnode, GRAF.nejRostFor, vote.no_means, lang="sv")
        if vote.casting_vote:
            self.add(vnode, GRAF.utslagsrost, _literal(True))
        for member in vote.members:
            side = _VOTE_SIDES.get(member.choice)
            if side is None:
                continue
            person = self.person_iri(member.person)
            self.add(vnode, BESLUIT.heeftStemmer, person)
            self.add(vnode, side, person)
        self.annotate(vnode, vote.span)

    def people_of(self, node: URIRef, refs: tuple[PersonRef, ...], prop: URIRef
                  ) -> tuple[set[URIRef], set[str]]:
        persons, parties = set(), set()
        for ref in refs:
            person = self.person_iri(ref)
            persons.add(person)
            self.add(node, prop, person)
            if ref.party:
                parties.add(ref.party)
                party = self.party_node(ref.party)
                self.add(node, GRAF.forParti, party)
                self.annotate(party, ref.party_span)
            if ref.group:
                self.add(node, GRAF.partigrupp, _literal(True))
        return persons, parties

    # ------------------------------------------------------------------ citations

    def citing_node(self, span: Span, items: list[tuple[AgendaItem, URIRef, URIRef | None]]) -> URIRef:
        for item, node, treatment in items:
            if item.span.start <= span.start < item.span.end:
                return treatment or node
        return self.doc

    def citations(self, items: list[tuple[AgendaItem, URIRef, URIRef | None]]) -> None:
        for lc in self.linked.citations:
            cited = self.cited_node(lc)
            if cited is None:
                continue
            citing = self.citing_node(lc.citation.span, items)
            if lc.kind == "report":
                self.add(citing, _DCT.references, cited)
            else:
                self.add(citing, ELI.cites, cited)
                self.citation_as_printed(citing, cited, lc.citation.span)
            self.annotate(cited, lc.citation.span, OA.linking, scope=citing)

    def citation_as_printed(self, citing: URIRef, cited: URIRef, span: Span) -> None:
        """The citation with the words the paper printed: one cito:Citation per citing
        resource, cited act or provision, and wording (the same words printed twice in one item
        make one node). It restates ``citing eli:cites cited`` so that a query reads the
        printed surface in one hop; the linking annotation names only the span (a text fragment
        IRI), and cutting the words out of the stored text in a query costs a string operation
        over the whole paper per row."""
        wording = span.slice(self.text)
        node = _iri(self.mint.citation(str(citing), str(cited), wording))
        self.add(node, _RDF.type, CITO.Citation)
        self.add(node, CITO.hasCitingEntity, citing)
        self.add(node, CITO.hasCitedEntity, cited)
        self.literal(node, GRAF.citeradSom, wording)

    def cited_node(self, lc: LinkedCitation) -> URIRef | None:
        cited = self.mint.cited(lc, self.municipality)
        if cited is None:
            return None
        kind = lc.kind
        if kind == "sfs":
            act = _iri(self.mint.sfs(lc.sfs))
            self.add(act, _RDF.type, ELI.LegalResource)
            self.add(act, GRAF.sfs, _literal(lc.sfs))
            self.add(act, ELI.id_local, _literal(lc.sfs))
            self.literal(act, ELI["title"], lc.act_title, lang="sv")
            if lc.lagen_nu:
                self.add(act, _OWL.sameAs, _iri(lc.lagen_nu.split("#", 1)[0]))
            if lc.rinfo:
                self.add(act, _RDFS.seeAlso, _iri(lc.rinfo.split("#", 1)[0]))
            if lc.riksdagen:
                self.add(act, _RDFS.seeAlso, _iri(f"https://data.riksdagen.se/dokument/{lc.riksdagen}"))
            if not lc.provision:
                return act
            sub = _iri(cited)
            self.add(sub, _RDF.type, ELI.LegalResourceSubdivision)
            self.add(sub, ELI.is_part_of, act)
            self.add(sub, GRAF.provision, _literal(lc.provision))
            self.add(sub, ELI.id_local, _literal(f"{lc.sfs}#{lc.provision}"))
            if lc.lagen_nu and "#" in lc.lagen_nu:
                self.add(sub, _OWL.sameAs, _iri(lc.lagen_nu))
            if lc.rinfo and "#" in lc.rinfo:
                self.add(sub, _RDFS.seeAlso, _iri(lc.rinfo))
            return sub
        if kind == "eu":
            act = _iri(cited)
            self.add(act, _RDF.type, ELI.LegalResource)
            self.add(act, GRAF.celex, _literal(lc.celex))
            self.add(act, ELI.id_local, _literal(lc.celex))
            self.add(act, _RDFS.seeAlso, _iri(
                f"https://eur-lex.europa.eu/legal-content/SV/TXT/?uri=CELEX:{lc.celex}"))
            self.literal(act, ELI["title"], lc.act_title, lang="sv")
            if lc.eli:
                self.add(act, _OWL.sameAs, _iri(lc.eli))
            if lc.lagen_nu:
                self.add(act, _RDFS.seeAlso, _iri(lc.lagen_nu))
            return act
        if kind == "report":
            report = _iri(cited)
            self.add(report, _RDF.type, FOAF.Document)
            self.add(report, _DCT.type, GRAF.dokumenttypRapport)
            self.add(report, _DCT.identifier, _literal(lc.report_id))
            if lc.lagen_nu:
                self.add(report, _RDFS.seeAlso, _iri(lc.lagen_nu.split("#", 1)[0]))
            return report
        act = _iri(cited)  # kfs
        self.add(act, _RDF.type, ELI.LegalResource)
        self.add(act, GRAF.kfs, _literal(lc.kfs))
        self.add(act, ELI.id_local, _literal(lc.kfs))
        if self.municipality:
            self.add(act, ELI.passed_by, _iri(self.mint.municipality(self.municipality)))
        return act


def fold_kind(kind: str) -> str:
    return " ".join(kind.lower().split())


def _joined(points: tuple[DecisionPoint, ...]) -> str:
    return "\n".join(f"{p.number}. {p.text}" if p.number else p.text for p in points)
