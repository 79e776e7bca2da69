"""Build the RDF graph of one paper from its structure (Paper) and resolved entities (Linked).

Only this stage knows RDF. The output is deterministic: IRIs come from graf.graph.iri, no blank
nodes are created and no timestamps are written, so the same input gives an identical graph.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

from graf import __version__
from graf.graph.iri import DEFAULT_BASE, Minter, fold, person_key, slug
from graf.records import (
    AgendaItem,
    DecisionPoint,
    Linked,
    LinkedCitation,
    LinkedPerson,
    Paper,
    PersonRef,
    Span,
)

GRAF = Namespace("https://w3id.org/graf/ns#")
BESLUIT = Namespace("http://data.vlaanderen.be/ns/besluit#")
MANDAAT = Namespace("http://data.vlaanderen.be/ns/mandaat#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
ELIDL = Namespace("http://data.europa.eu/eli/eli-draft-legislation-ontology#")
OPENGOV = Namespace("http://www.w3.org/ns/opengov#")
ORG = Namespace("http://www.w3.org/ns/org#")
PERSON = Namespace("http://www.w3.org/ns/person#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
PROV = Namespace("http://www.w3.org/ns/prov#")
DCT = DCTERMS  # a closed namespace: DCT.title / DCT.format are str methods on Namespace
OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("http://schema.org/")

PREFIXES = {
    "graf": GRAF, "besluit": BESLUIT, "mandaat": MANDAAT, "eli": ELI, "eli-dl": ELIDL,
    "opengov": OPENGOV, "org": ORG, "person": PERSON, "foaf": FOAF, "prov": PROV, "dct": DCT,
    "oa": OA, "schema": SCHEMA, "skos": SKOS, "owl": OWL, "rdfs": RDFS, "xsd": XSD,
}

__all__ = ["DEFAULT_BASE", "PREFIXES", "TripleSet", "build_graph", "build_triples", "bind_prefixes"]

STANCES = {"bifall": GRAF.bifall, "avslag": GRAF.avslag, "delvis": GRAF.delvis, "annat": GRAF.annat}
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
_QUOTE_CONTEXT = 24


def bind_prefixes(graph: Graph) -> Graph:
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True)
    return graph


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


def _first_match(text: str, table: tuple[tuple[str, URIRef], ...]) -> URIRef | None:
    folded = fold(text)
    return next((concept for needle, concept in table if needle in folded), None)


def role_concept(role: str) -> URIRef:
    return _first_match(role, _ROLE_CONCEPTS) or GRAF.rollTjansteperson


def body_type(name: str) -> URIRef | None:
    return _first_match(name, _BODY_TYPES)


class TripleSet:
    """The triples of one paper, in insertion order, without an rdflib store behind them.

    Adding a triple to an rdflib Graph costs ~10 µs (three indexes, events); a paper has
    thousands, and most builds only stream them to a store or a file. ``to_graph`` makes the
    rdflib Graph when one is needed (validation, in-memory queries), ``to_ntriples`` the
    N-Triples that Oxigraph loads directly.
    """

    __slots__ = ("_triples",)

    def __init__(self) -> None:
        self._triples: dict[tuple, None] = {}

    def add(self, triple: tuple) -> None:
        self._triples[triple] = None

    def __iter__(self):
        return iter(self._triples)

    def __len__(self) -> int:
        return len(self._triples)

    def __contains__(self, triple) -> bool:
        return triple in self._triples

    def to_graph(self) -> Graph:
        g = bind_prefixes(Graph(bind_namespaces="none"))
        for t in self._triples:
            g.add(t)
        return g

    def to_ntriples(self) -> bytes:
        from rdflib.plugins.serializers.nt import _nt_row

        return "".join(_nt_row(t) for t in self._triples).encode("utf-8")


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
        self.doc = URIRef(self.mint.document(paper.source.sha256))
        self.activity = URIRef(self.mint("aktivitet", f"graf-{__version__}"))
        self.municipality = paper.meeting.municipality
        self.meeting: URIRef | None = None
        self._persons_by_span: dict[Span, str] = {}
        self._persons_by_name: dict[str, str] = {}
        self._person_nodes: set[URIRef] = set()

    # ------------------------------------------------------------------ helpers

    def add(self, s, p, o) -> None:
        self.g.add((s, p, o))

    def literal(self, s, p, value, **kw) -> None:
        if value is not None and value != "":
            self.add(s, p, Literal(value, **kw))

    def annotate(self, node: URIRef, span: Span | None, motivation: URIRef = OA.identifying) -> None:
        """One oa:Annotation whose body is ``node`` and whose target is ``span`` of the paper."""
        if span is None:
            return
        anno = URIRef(self.mint.annotation(str(self.doc), str(node), span.start, span.end,
                                           str(motivation)))
        target, pos, quote = (URIRef(f"{anno}#{part}") for part in ("target", "pos", "quote"))
        g = self.g
        g.add((anno, RDF.type, OA.Annotation))
        g.add((anno, OA.hasBody, node))
        g.add((anno, OA.motivatedBy, motivation))
        g.add((anno, OA.hasTarget, target))
        g.add((anno, PROV.wasGeneratedBy, self.activity))
        g.add((target, RDF.type, OA.SpecificResource))
        g.add((target, OA.hasSource, self.doc))
        g.add((target, OA.hasSelector, pos))
        g.add((target, OA.hasSelector, quote))
        g.add((pos, RDF.type, OA.TextPositionSelector))
        g.add((pos, OA.start, Literal(span.start, datatype=XSD.nonNegativeInteger)))
        g.add((pos, OA.end, Literal(span.end, datatype=XSD.nonNegativeInteger)))
        g.add((quote, RDF.type, OA.TextQuoteSelector))
        g.add((quote, OA.exact, Literal(self.text[span.start:span.end])))
        prefix = self.text[max(0, span.start - _QUOTE_CONTEXT):max(0, span.start)]
        suffix = self.text[span.end:span.end + _QUOTE_CONTEXT]
        if prefix:
            g.add((quote, OA.prefix, Literal(prefix)))
        if suffix:
            g.add((quote, OA.suffix, Literal(suffix)))

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
        file_node = URIRef(self.mint.file(src.raw_sha256))
        agent = URIRef(self.mint("programvara", "graf", __version__))
        g.add((doc, RDF.type, FOAF.Document))
        g.add((doc, RDF.type, PROV.Entity))
        g.add((doc, DCT.type, DOCUMENT_TYPES.get(self.paper.kind, GRAF.dokumenttypAnnat)))
        g.add((doc, GRAF.text, Literal(src.text)))
        g.add((doc, GRAF.sha256, Literal(src.sha256)))
        g.add((doc, DCT.format, Literal("text/plain")))
        g.add((doc, PROV.wasDerivedFrom, file_node))
        g.add((doc, PROV.wasGeneratedBy, self.activity))
        for warning in src.warnings:
            g.add((doc, SKOS.editorialNote, Literal(warning)))
        g.add((file_node, RDF.type, PROV.Entity))
        g.add((file_node, GRAF.sha256, Literal(src.raw_sha256)))
        g.add((file_node, DCT.format, Literal(src.media_type)))
        # the base name only: a full path would differ between machines for the same input
        self.literal(file_node, SCHEMA.name, os.path.basename(src.path))
        g.add((self.activity, RDF.type, PROV.Activity))
        g.add((self.activity, RDFS.label, Literal(f"graf build {__version__}")))
        g.add((self.activity, PROV.wasAssociatedWith, agent))
        g.add((agent, RDF.type, PROV.SoftwareAgent))
        g.add((agent, RDFS.label, Literal("graf")))
        g.add((agent, SCHEMA.softwareVersion, Literal(__version__)))

    def municipality_node(self) -> None:
        if not self.municipality:
            return
        node = URIRef(self.mint.municipality(self.municipality))
        self.add(node, RDF.type, BESLUIT.Bestuurseenheid)
        self.add(node, RDF.type, ORG.Organization)
        self.add(node, SKOS.prefLabel, Literal(self.municipality, lang="sv"))

    def body_node(self, name: str, municipality: str | None, label: str | None = None) -> URIRef:
        municipal = municipality and any(w in name.lower() for w in _MUNICIPAL_BODY_WORDS)
        node = URIRef(self.mint.body(name, municipality if municipal else None))
        self.add(node, RDF.type, ORG.Organization)
        self.add(node, RDFS.label, Literal(label or name, lang="sv"))
        kind = body_type(name)
        if kind is not None or municipal:
            self.add(node, RDF.type, BESLUIT.Bestuursorgaan)
        if kind is not None:
            self.add(node, ORG.classification, kind)
        if municipal:
            self.add(node, BESLUIT.bestuurt, URIRef(self.mint.municipality(municipality)))
        return node

    def meeting_node(self) -> None:
        paper, m = self.paper, self.paper.meeting
        if paper.kind == "other" and not paper.items and not m.body and not m.date:
            return  # a plain text of unknown layout: no meeting to speak of
        date = m.date.isoformat() if m.date else None
        node = URIRef(self.mint.meeting(m.body, self.municipality, date, paper.source.sha256))
        self.meeting = node
        self.add(node, RDF.type, BESLUIT.Zitting)
        if m.body:
            body = self.body_node(m.body, self.municipality)
            self.add(node, BESLUIT.isGehoudenDoor, body)
            self.annotate(body, m.body_span)
        if m.date:
            self.add(node, DCT.date, Literal(m.date.isoformat(), datatype=XSD.date))
            if m.start_time:
                hh_mm = m.start_time.replace(".", ":")
                if len(hh_mm) == 5 and hh_mm[2] == ":" and hh_mm.replace(":", "").isdigit():
                    self.add(node, BESLUIT.geplandeStart,
                             Literal(f"{date}T{hh_mm}:00", datatype=XSD.dateTime))
        self.literal(node, GRAF.protokollnummer, m.number)
        self.literal(node, GRAF.paragrafer, m.paragraph_range)
        self.literal(node, SCHEMA.location, m.place)
        if m.justering_date:
            self.add(node, GRAF.justeringsdatum, Literal(m.justering_date.isoformat(), datatype=XSD.date))
        link = BESLUIT.heeftNotulen if paper.kind == "protokoll" else BESLUIT.heeftAgenda
        self.add(node, link, self.doc)
        self.add(self.doc, DCT.subject, node)
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
        node = URIRef(self.mint("person", key))
        if node not in self._person_nodes:
            self._person_nodes.add(node)
            self.add(node, RDF.type, PERSON.Person)
            self.add(node, FOAF.name, Literal(ref.name))
        self.annotate(node, ref.span)
        if ref.party:
            self.membership(node, ref.party)
        return node

    def party_node(self, code: str, label: str | None = None) -> URIRef:
        node = URIRef(self.mint.party(code))
        self.add(node, RDF.type, ORG.Organization)
        self.add(node, ORG.classification, GRAF.organtypParti)
        self.add(node, SKOS.notation, Literal(code))
        if label:
            self.add(node, SKOS.prefLabel, Literal(label, lang="sv"))
        return node

    def membership(self, person: URIRef, code: str) -> None:
        party = self.party_node(code)
        membership = URIRef(self.mint.membership(str(person), code))
        self.add(membership, RDF.type, ORG.Membership)
        self.add(membership, ORG.member, person)
        self.add(membership, ORG.organization, party)
        self.add(membership, PROV.wasDerivedFrom, self.doc)
        self.add(person, ORG.hasMembership, membership)

    def persons(self) -> None:
        for lp in self.linked.persons:
            self.linked_person(lp)

    def linked_person(self, lp: LinkedPerson) -> URIRef:
        node = URIRef(self.mint("person", slug(lp.key)))
        if node not in self._person_nodes:
            self._person_nodes.add(node)
            self.add(node, RDF.type, PERSON.Person)
            self.add(node, FOAF.name, Literal(lp.name))
        for variant in lp.variants:
            if variant != lp.name:
                self.add(node, SKOS.altLabel, Literal(variant))
        for span in lp.spans:
            self.annotate(node, span)
        if lp.party:
            self.membership(node, lp.party)
        for role in lp.roles:
            self.participation(node, role, lp.party)
        return node

    def participation(self, person: URIRef, role: str, party: str | None,
                      replaces: URIRef | None = None, span: Span | None = None) -> None:
        if self.meeting is None:
            return
        role_text = " ".join(role.split()).lower()
        if not role_text:
            return
        key = str(person).rsplit("/", 1)[-1]
        node = URIRef(f"{self.meeting}/deltagande/{key}/{slug(role_text)}")
        self.add(node, RDF.type, ELIDL.Participation)
        self.add(node, ELIDL.had_participant_person, person)
        self.add(node, ELIDL.participation_role, role_concept(role_text))
        self.add(node, GRAF.roll, Literal(role_text))
        self.add(self.meeting, ELIDL.had_participation, node)
        if party:
            self.add(node, ELIDL.participation_in_name_of, self.party_node(party))
        if replaces is not None:
            self.add(node, GRAF.ersatter, replaces)
        if role_concept(role_text) == GRAF.rollJusterare:
            self.add(self.meeting, GRAF.justerare, person)
        self.annotate(node, span)

    def attendance(self) -> None:
        for att in self.paper.attendance:
            person = self.person_iri(att.person)
            replaces = self.person_iri(att.replaces) if att.replaces else None
            self.participation(person, att.role, att.person.party, replaces, att.span)

    # ------------------------------------------------------------------ entities

    def entities(self) -> None:
        for ent in self.linked.entities:
            attrs = dict(ent.attrs)
            if ent.kind == "party":
                node = self.party_node(ent.key, ent.label if ent.label != ent.key else None)
            elif ent.kind == "district":
                node = URIRef(self.mint.district(ent.key))
                self.add(node, RDF.type, GRAF.Stadsdelsomrade)
                self.add(node, RDF.type, DCT.Location)
                self.add(node, SKOS.prefLabel, Literal(ent.key, lang="sv"))
                if ent.label != ent.key:
                    self.add(node, RDFS.label, Literal(ent.label, lang="sv"))
            elif ent.kind == "body":
                node = self.body_node(ent.label or ent.key,
                                      attrs.get("municipality", self.municipality))
            else:
                continue
            if "valid_from" in attrs:
                self.add(node, SCHEMA.validFrom, Literal(attrs["valid_from"], datatype=XSD.date))
            if "valid_until" in attrs:
                self.add(node, SCHEMA.validThrough, Literal(attrs["valid_until"], datatype=XSD.date))
            if "wikidata" in attrs:
                self.add(node, OWL.sameAs, URIRef(f"http://www.wikidata.org/entity/{attrs['wikidata']}"))
            for span in ent.spans:
                self.annotate(node, span)

    # ------------------------------------------------------------------ items

    def items(self) -> list[tuple[AgendaItem, URIRef, URIRef | None]]:
        out: list[tuple[AgendaItem, URIRef, URIRef | None]] = []
        if self.meeting is None:
            return out
        # Papers can print the same number twice (a web list whose markers and printed agenda
        # numbers disagree); the later item gets its list position in its IRI so no two items
        # merge into one node.
        seen: set[str] = set()
        for item in self.paper.items:
            key = item.number if item.number not in seen else f"{item.number}-pos{item.position}"
            seen.add(item.number)
            out.append(self.item(item, key))
        return out

    def points(self, parent: URIRef, points: tuple[DecisionPoint, ...]) -> None:
        for i, point in enumerate(points, 1):
            node = URIRef(f"{parent}/punkt/{i}")
            self.add(node, RDF.type, GRAF.Beslutspunkt)
            self.add(node, DCT.isPartOf, parent)
            self.add(parent, DCT.hasPart, node)
            self.add(node, SCHEMA.position, Literal(i))
            self.literal(node, GRAF.nummer, point.number)
            self.add(node, PROV.value, Literal(point.text))
            self.annotate(node, point.span)

    def item(self, item: AgendaItem, key: str) -> tuple[AgendaItem, URIRef, URIRef | None]:
        assert self.meeting is not None
        node = URIRef(self.mint.item(str(self.meeting), key, self.paper.kind))
        self.add(self.meeting, BESLUIT.behandelt, node)
        self.add(node, RDF.type, BESLUIT.Agendapunt)
        self.add(node, GRAF.nummer, Literal(item.number))
        self.add(node, GRAF.nummerTryckt, Literal(bool(item.number_printed)))
        self.add(node, SCHEMA.position, Literal(item.position))
        if item.title:
            self.add(node, DCT.title, Literal(item.title, lang="sv"))
            self.annotate(node, item.title_span)
        self.annotate(node, item.span)
        own_case = None
        for dnr in item.dnr:
            case = URIRef(self.mint.arende(dnr.value))
            self.add(case, RDF.type, GRAF.Arende)
            self.add(case, DCT.identifier, Literal(dnr.value))
            self.add(node, DCT.relation, case)
            if dnr.role == "own":
                self.add(node, GRAF.arende, case)
                own_case = own_case or case
            self.annotate(case, dnr.span)
        for i, handling in enumerate(item.handlingar, 1):
            hnode = URIRef(self.mint.handling(handling.identifier) if handling.identifier
                           else f"{node}/handling/{i}")
            self.add(hnode, RDF.type, FOAF.Document)
            self.add(hnode, DCT.type, GRAF.dokumenttypHandling)
            self.literal(hnode, DCT.identifier, handling.identifier)
            self.add(hnode, DCT.title, Literal(handling.title, lang="sv"))
            self.add(node, DCT.references, hnode)
            if own_case is not None:
                self.add(hnode, DCT.isPartOf, own_case)
            self.annotate(hnode, handling.span)

        is_minutes = self.paper.kind == "protokoll"
        has_treatment = (item.proposals or item.reservations or item.statements or item.outcome
                         or (is_minutes and item.decisions))
        if not is_minutes and item.decisions:
            # an agenda's "förslag till beslut" is a draft, not a decision
            draft = URIRef(f"{node}/forslag")
            self.add(draft, RDF.type, BESLUIT.Ontwerpbesluit)
            self.add(draft, PROV.value, Literal(_joined(item.decisions)))
            self.add(node, BESLUIT.heeftOntwerpbesluit, draft)
            self.points(draft, item.decisions)
            self.annotate(draft, self.covering(None, (p.span for p in item.decisions)))
        if not (is_minutes or has_treatment):
            return item, node, None

        treatment = URIRef(f"{node}/behandling")
        self.add(treatment, RDF.type, BESLUIT.BehandelingVanAgendapunt)
        self.add(treatment, DCT.subject, node)
        self.annotate(treatment, item.span)
        decision: URIRef | None = None
        if is_minutes and (item.decisions or item.outcome or item.reservations):
            decision = URIRef(f"{node}/beslut")
            self.add(decision, RDF.type, BESLUIT.Besluit)
            self.add(decision, PROV.wasGeneratedBy, treatment)
            self.add(treatment, PROV.generated, decision)
            if item.decisions:
                self.add(decision, PROV.value, Literal(_joined(item.decisions)))
                self.points(decision, item.decisions)
                self.annotate(decision, self.covering(None, (p.span for p in item.decisions)))
            elif item.outcome:
                self.add(decision, PROV.value, Literal(item.outcome))
                self.annotate(decision, item.outcome_span)

        proposals: list[tuple[URIRef, set[URIRef], set[str]]] = []
        for i, prop in enumerate(item.proposals, 1):
            pnode = URIRef(f"{node}/yrkande/{i}")
            self.add(pnode, RDF.type, GRAF.Yrkande)
            self.add(pnode, GRAF.stance, STANCES.get(fold(prop.stance), GRAF.annat))
            self.add(pnode, GRAF.framstalldVid, treatment)
            self.literal(pnode, GRAF.avserText, prop.target)
            self.add(pnode, SCHEMA.text, Literal(prop.span.slice(self.text)))
            creators, parties = self.people_of(pnode, prop.by, SCHEMA.creator)
            self.points(pnode, prop.points)
            self.annotate(pnode, prop.span)
            proposals.append((pnode, creators, parties))

        if item.outcome:
            order = URIRef(f"{node}/propositionsordning")
            self.add(order, RDF.type, GRAF.Propositionsordning)
            self.add(order, DCT.isPartOf, treatment)
            self.add(order, SCHEMA.text, Literal(item.outcome))
            for pnode, _, _ in proposals:
                self.add(order, GRAF.stalldMot, pnode)
            self.annotate(order, item.outcome_span)

        for i, res in enumerate(item.reservations, 1):
            rnode = URIRef(f"{node}/reservation/{i}")
            self.add(rnode, RDF.type, GRAF.Reservation)
            self.add(rnode, GRAF.framstalldVid, treatment)
            if decision is not None:
                self.add(rnode, GRAF.mot, decision)
            persons, parties = self.people_of(rnode, res.by, GRAF.avgivenAv)
            favoured = None
            if res.in_favour_of in ("own", "joint"):
                favoured = next((p for p, c, _ in proposals if c & persons), None) or next(
                    (p for p, _, pp in proposals if pp & parties), None)
            if favoured is not None:
                self.add(rnode, GRAF.tillFormanFor, favoured)
            elif res.in_favour_of and res.in_favour_of not in ("own", "joint"):
                self.add(rnode, GRAF.tillFormanForText, Literal(res.in_favour_of))
            self.annotate(rnode, res.span)

        for i, st in enumerate(item.statements, 1):
            snode = URIRef(f"{node}/uttalande/{i}")
            self.add(snode, RDF.type, STATEMENT_CLASSES.get(fold_kind(st.kind), GRAF.Uttalande))
            self.add(snode, GRAF.avser, treatment)
            self.add(snode, GRAF.framstalldVid, treatment)
            self.people_of(snode, st.by, GRAF.avgivenAv)
            if st.text_span is not None:
                self.add(snode, SCHEMA.text, Literal(st.text_span.slice(self.text)))
            self.annotate(snode, st.span)
        return item, node, treatment

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
                self.add(node, GRAF.partigrupp, Literal(True))
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
            self.add(citing, DCT.references if lc.kind == "report" else ELI.cites, cited)
            self.annotate(cited, lc.citation.span, OA.linking)

    def cited_node(self, lc: LinkedCitation) -> URIRef | None:
        kind = lc.kind
        # the link stage's identifier is used when it lives under this graph's base (the same
        # run); otherwise the IRI is minted here with the scheme of graf.graph.iri
        own = lc.iri if lc.iri and lc.iri.startswith(self.mint.base) else None
        if kind == "sfs" and lc.sfs:
            if own and "#" in own:
                act = URIRef(own.split("#", 1)[0])
            elif own and not lc.provision:
                act = URIRef(own)
            else:
                act = URIRef(self.mint.sfs(lc.sfs))
            self.add(act, RDF.type, ELI.LegalResource)
            self.add(act, GRAF.sfs, Literal(lc.sfs))
            self.add(act, ELI.id_local, Literal(lc.sfs))
            self.literal(act, ELI["title"], lc.act_title, lang="sv")
            if lc.lagen_nu:
                self.add(act, OWL.sameAs, URIRef(lc.lagen_nu.split("#", 1)[0]))
            if lc.rinfo:
                self.add(act, RDFS.seeAlso, URIRef(lc.rinfo.split("#", 1)[0]))
            if lc.riksdagen:
                self.add(act, RDFS.seeAlso, URIRef(f"https://data.riksdagen.se/dokument/{lc.riksdagen}"))
            if not lc.provision:
                return act
            sub = URIRef(own if own and own != str(act) else f"{act}#{lc.provision}")
            self.add(sub, RDF.type, ELI.LegalResourceSubdivision)
            self.add(sub, ELI.is_part_of, act)
            self.add(sub, GRAF.provision, Literal(lc.provision))
            self.add(sub, ELI.id_local, Literal(f"{lc.sfs}#{lc.provision}"))
            if lc.lagen_nu and "#" in lc.lagen_nu:
                self.add(sub, OWL.sameAs, URIRef(lc.lagen_nu))
            if lc.rinfo and "#" in lc.rinfo:
                self.add(sub, RDFS.seeAlso, URIRef(lc.rinfo))
            return sub
        if kind == "eu" and (lc.celex or own):
            act = URIRef(own or self.mint.celex(lc.celex or ""))
            self.add(act, RDF.type, ELI.LegalResource)
            if lc.celex:
                self.add(act, GRAF.celex, Literal(lc.celex))
                self.add(act, ELI.id_local, Literal(lc.celex))
                self.add(act, RDFS.seeAlso, URIRef(
                    f"https://eur-lex.europa.eu/legal-content/SV/TXT/?uri=CELEX:{lc.celex}"))
            self.literal(act, ELI["title"], lc.act_title, lang="sv")
            if lc.eli and lc.eli != str(act):
                self.add(act, OWL.sameAs, URIRef(lc.eli))
            if lc.lagen_nu and lc.lagen_nu != str(act):
                self.add(act, RDFS.seeAlso, URIRef(lc.lagen_nu))
            return act
        if kind == "report" and lc.report_id:
            report = URIRef(own or self.mint.report(lc.report_id))
            self.add(report, RDF.type, FOAF.Document)
            self.add(report, DCT.type, GRAF.dokumenttypRapport)
            self.add(report, DCT.identifier, Literal(lc.report_id))
            if lc.lagen_nu:
                self.add(report, RDFS.seeAlso, URIRef(lc.lagen_nu.split("#", 1)[0]))
            return report
        if kind == "kfs" and lc.kfs:
            act = URIRef(own or self.mint.kfs(lc.kfs, self.municipality))
            self.add(act, RDF.type, ELI.LegalResource)
            self.add(act, GRAF.kfs, Literal(lc.kfs))
            self.add(act, ELI.id_local, Literal(lc.kfs))
            if self.municipality:
                self.add(act, ELI.passed_by, URIRef(self.mint.municipality(self.municipality)))
            return act
        return None


def fold_kind(kind: str) -> str:
    return " ".join(kind.lower().split())


def _joined(points: tuple[DecisionPoint, ...]) -> str:
    return "\n".join(f"{p.number}. {p.text}" if p.number else p.text for p in points)
