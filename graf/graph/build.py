"""Build the RDF graph of one paper from its structure (Paper) and resolved entities (Linked).

Only this stage knows RDF. The output is deterministic: IRIs come from graf.graph.iri, no blank
nodes are created and no timestamps are written, so the same input gives an identical graph.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

from graf import __version__
from graf.graph.iri import DEFAULT_BASE, Minter, PaperNTriples, fold, is_own, person_key, slug
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

_INVALID_IRI_CHAR = re.compile(r'[<>" {}|\\^`]')
_new_str = str.__new__


def _iri(value: str) -> URIRef:
    """URIRef(value) without its per-call validity scan (one regex pass instead of ten
    substring scans); an invalid IRI still goes through URIRef so it warns as before."""
    if _INVALID_IRI_CHAR.search(value):
        return URIRef(value)
    return _new_str(URIRef, value)


class _CachedNamespace(Namespace):
    """An open namespace whose terms are made once: Namespace.__getattr__ builds a new URIRef
    on every access, and the builder looks up tens of thousands of terms per paper."""

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("__"):
            raise AttributeError(name)
        term = _iri(str(self) + name)
        self.__dict__[name] = term
        return term


class _Terms:
    """Attribute access to a closed rdflib namespace (RDF, DCTERMS …), each term looked up once."""

    def __init__(self, ns) -> None:
        self._ns = ns

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("__"):
            raise AttributeError(name)
        term = getattr(self._ns, name)
        setattr(self, name, term)
        return term

    def __getitem__(self, name: str) -> URIRef:
        return self._ns[name]


_LITERALS: dict[tuple, Literal] = {}
_LITERAL_CACHE_MAX = 50_000


def _literal(value, lang: str | None = None, datatype: URIRef | None = None) -> Literal:
    """Literal(value, lang=..., datatype=...), faster for the common cases.

    A plain or language-tagged string is built directly with the same slot values rdflib's
    Literal.__new__ gives it (lexical form = value, no datatype, not ill-typed); any other
    value (ints, bools, typed strings) is made by rdflib once and reused."""
    if type(value) is str and datatype is None:
        if lang is None or lang in _VALID_LANGS:
            lit = _new_str(Literal, value)
            lit._language = lang
            lit._datatype = None
            lit._value = value
            lit._ill_typed = None
            return lit
        return Literal(value, lang=lang)
    key = (type(value), value, lang, datatype)
    lit = _LITERALS.get(key)
    if lit is None:
        lit = Literal(value, lang=lang, datatype=datatype)
        if len(_LITERALS) < _LITERAL_CACHE_MAX:
            _LITERALS[key] = lit
    return lit


_VALID_LANGS = frozenset({"sv", "en"})

# the fast constructors, for the store's conversion of query results as well
make_iri = _iri
make_literal = _literal

_RDF, _RDFS, _OWL, _SKOS, _XSD, _DCT = (_Terms(ns) for ns in (RDF, RDFS, OWL, SKOS, XSD, DCTERMS))


GRAF = _CachedNamespace("https://w3id.org/graf/ns#")
BESLUIT = _CachedNamespace("http://data.vlaanderen.be/ns/besluit#")
MANDAAT = _CachedNamespace("http://data.vlaanderen.be/ns/mandaat#")
ELI = _CachedNamespace("http://data.europa.eu/eli/ontology#")
ELIDL = _CachedNamespace("http://data.europa.eu/eli/eli-draft-legislation-ontology#")
OPENGOV = _CachedNamespace("http://www.w3.org/ns/opengov#")
ORG = _CachedNamespace("http://www.w3.org/ns/org#")
PERSON = _CachedNamespace("http://www.w3.org/ns/person#")
FOAF = _CachedNamespace("http://xmlns.com/foaf/0.1/")
PROV = _CachedNamespace("http://www.w3.org/ns/prov#")
DCT = DCTERMS  # a closed namespace: DCT.title / DCT.format are str methods on Namespace
OA = _CachedNamespace("http://www.w3.org/ns/oa#")
SCHEMA = _CachedNamespace("http://schema.org/")
CITO = _CachedNamespace("http://purl.org/spar/cito/")

PREFIXES = {
    "graf": GRAF, "besluit": BESLUIT, "mandaat": MANDAAT, "eli": ELI, "eli-dl": ELIDL,
    "opengov": OPENGOV, "org": ORG, "person": PERSON, "foaf": FOAF, "prov": PROV, "dct": DCT,
    "oa": OA, "schema": SCHEMA, "skos": SKOS, "owl": OWL, "rdfs": RDFS, "xsd": XSD, "cito": CITO,
}


def turtle_prefix_lines(prefixes) -> bytes:
    """The @prefix lines of a Turtle document for a prefix -> namespace mapping."""
    return "".join(f"@prefix {k}: <{v}> .\n" for k, v in prefixes.items()).encode("utf-8")


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


# terms of the annotation pattern (annotate runs once per recognised span)
_RDF_TYPE = RDF.type
_XSD_NON_NEGATIVE = XSD.nonNegativeInteger
_OA_ANNOTATION, _OA_SPECIFIC_RESOURCE = OA.Annotation, OA.SpecificResource
_OA_TEXT_POSITION_SELECTOR, _OA_TEXT_QUOTE_SELECTOR = OA.TextPositionSelector, OA.TextQuoteSelector
_OA_HAS_BODY, _OA_MOTIVATED_BY, _OA_HAS_TARGET = OA.hasBody, OA.motivatedBy, OA.hasTarget
_OA_HAS_SOURCE, _OA_HAS_SELECTOR, _OA_HAS_SCOPE = OA.hasSource, OA.hasSelector, OA.hasScope
_OA_START, _OA_END, _OA_EXACT, _OA_PREFIX, _OA_SUFFIX = OA.start, OA.end, OA.exact, OA.prefix, OA.suffix
_PROV_WAS_GENERATED_BY = PROV.wasGeneratedBy


class TripleSet:
    """The triples of one paper, in insertion order, without an rdflib store behind them.

    Adding a triple to an rdflib Graph costs ~10 µs (three indexes, events); a paper has
    thousands, and most builds only stream them to a store or a file. ``to_graph`` makes the
    rdflib Graph when one is needed (validation, in-memory queries), ``to_ntriples`` the
    N-Triples that Oxigraph loads directly.

    Mention annotations, 85-90 % of a paper's triples, are kept as one small record each
    (see ``add_annotation``) and written straight to N-Triples from a template; their rdflib
    terms are made only when something iterates the set.
    """

    __slots__ = ("_triples", "_annotations", "_annotation_triples", "_expanded")

    def __init__(self) -> None:
        self._triples: dict[tuple, None] = {}
        # annotation IRI -> [body, motivation, document, activity, start, end, exact, prefix,
        #                    suffix, scopes]
        self._annotations: dict[str, list] = {}
        self._annotation_triples = 0
        self._expanded: dict[tuple, None] | None = None

    def add(self, triple: tuple) -> None:
        self._triples[triple] = None

    def add_annotation(self, anno: str, body: URIRef, motivation: URIRef, document: URIRef,
                       activity: URIRef, start: int, end: int, exact: str, prefix: str, suffix: str,
                       scope: URIRef | None) -> None:
        """The triples of one oa:Annotation (see _annotation_triples for the shape)."""
        record = self._annotations.get(anno)
        if record is None:
            self._annotations[anno] = [body, motivation, document, activity, start, end, exact,
                                       prefix, suffix, [scope] if scope is not None else []]
            self._annotation_triples += 14 + bool(prefix) + bool(suffix) + (scope is not None)
        elif scope is not None and scope not in record[9]:
            record[9].append(scope)
            self._annotation_triples += 1
        self._expanded = None

    def _annotation_terms(self):
        for anno, (body, motivation, doc, activity, start, end, exact, prefix, suffix, scopes) \
                in self._annotations.items():
            yield from _annotation_triples(anno, body, motivation, doc, activity, start, end, exact,
                                           prefix, suffix, scopes)

    def __iter__(self):
        yield from self._triples
        yield from self._annotation_terms()

    def __len__(self) -> int:
        return len(self._triples) + self._annotation_triples

    def __contains__(self, triple) -> bool:
        if triple in self._triples:
            return True
        if self._expanded is None:
            self._expanded = dict.fromkeys(self._annotation_terms())
        return triple in self._expanded

    def to_graph(self) -> Graph:
        g = bind_prefixes(Graph(bind_namespaces="none"))
        for t in self:
            g.add(t)
        return g

    def to_ntriples(self) -> bytes:
        return self.split_ntriples(None).others

    def split_ntriples(self, document: str | None, own_as_turtle: bool = False) -> "PaperNTriples":
        """The N-Triples, split into the paper's own triples (subjects at or under its
        ``document`` IRI; see graf.graph.iri.split_own_lines) and the others; with no document,
        all are others. ``own_as_turtle``: the own part as Turtle for a Turtle file, its
        annotations written from a template with prefixed names (what a Turtle serialiser
        would make of them, without parsing them back first)."""
        # rdflib's _nt_row, with each term's N-Triples form made once per call: subjects,
        # predicates and classes repeat on most rows.
        forms: dict = {}
        get = forms.get
        own_rows: list[str] = []
        rows: list[str] = []
        own_subjects: dict[str, None] = {}
        for s, p, o in self._triples:
            fs = get(s)
            if fs is None:
                fs = forms[s] = _nt_term(s)
            fp = get(p)
            if fp is None:
                fp = forms[p] = _nt_term(p)
            fo = get(o)
            if fo is None:
                fo = forms[o] = _nt_term(o)
            if document is not None and isinstance(s, URIRef) and is_own(s, document):
                own_rows.append(f"{fs} {fp} {fo} .\n")
                own_subjects[str(s)] = None
            else:
                rows.append(f"{fs} {fp} {fo} .\n")
        template = _ANNOTATION_NT
        for anno, (body, motivation, doc, activity, start, end, exact, prefix, suffix, scopes) \
                in self._annotations.items():
            if document is not None and is_own(anno, document):
                append = own_rows.append
                for subject in (anno, *Minter.annotation_parts(anno)):
                    own_subjects[subject] = None
                if own_as_turtle:
                    fb = get(body)
                    if fb is None:
                        fb = forms[body] = _nt_term(body)
                    append(_annotation_turtle(anno, fb, motivation, doc, activity, start, end, exact,
                                              prefix, suffix, scopes))
                    continue
            else:
                append = rows.append
            fb = get(body)
            if fb is None:
                fb = forms[body] = _nt_term(body)
            append(template.format(a=anno, body=fb, motivation=motivation, doc=doc,
                                   activity=activity, start=start, end=end, exact=_nt_string(exact)))
            if prefix:
                append(f"<{anno}#quote> <{_OA_PREFIX}> {_nt_string(prefix)} .\n")
            if suffix:
                append(f"<{anno}#quote> <{_OA_SUFFIX}> {_nt_string(suffix)} .\n")
            for scope in scopes:
                append(f"<{anno}#target> <{_OA_HAS_SCOPE}> <{scope}> .\n")
        return PaperNTriples("".join(own_rows).encode("utf-8"), "".join(rows).encode("utf-8"),
                             list(own_subjects), own_is_turtle=own_as_turtle and document is not None)


def _annotation_triples(anno: str, body, motivation, doc, activity, start: int, end: int, exact: str,
                        prefix: str, suffix: str, scopes) -> Iterator[tuple]:
    """One mention as a W3C Web Annotation: the body is the resource mentioned, the target the
    span of the paper's text, selected by position and by quote."""
    a = _iri(anno)
    target, pos, quote = (_iri(part) for part in Minter.annotation_parts(anno))
    yield a, _RDF_TYPE, _OA_ANNOTATION
    yield a, _OA_HAS_BODY, body
    yield a, _OA_MOTIVATED_BY, motivation
    yield a, _OA_HAS_TARGET, target
    yield a, _PROV_WAS_GENERATED_BY, activity
    yield target, _RDF_TYPE, _OA_SPECIFIC_RESOURCE
    yield target, _OA_HAS_SOURCE, doc
    yield target, _OA_HAS_SELECTOR, pos
    yield target, _OA_HAS_SELECTOR, quote
    yield pos, _RDF_TYPE, _OA_TEXT_POSITION_SELECTOR
    yield pos, _OA_START, _literal(start, datatype=_XSD_NON_NEGATIVE)
    yield pos, _OA_END, _literal(end, datatype=_XSD_NON_NEGATIVE)
    yield quote, _RDF_TYPE, _OA_TEXT_QUOTE_SELECTOR
    yield quote, _OA_EXACT, _literal(exact)
    if prefix:
        yield quote, _OA_PREFIX, _literal(prefix)
    if suffix:
        yield quote, _OA_SUFFIX, _literal(suffix)
    for scope in scopes:
        yield target, _OA_HAS_SCOPE, scope


# the fixed part of _annotation_triples as N-Triples ({a} the annotation's IRI)
_ANNOTATION_NT = (
    "<{a}> <%(type)s> <%(Annotation)s> .\n"
    "<{a}> <%(hasBody)s> {body} .\n"
    "<{a}> <%(motivatedBy)s> <{motivation}> .\n"
    "<{a}> <%(hasTarget)s> <{a}#target> .\n"
    "<{a}> <%(wasGeneratedBy)s> <{activity}> .\n"
    "<{a}#target> <%(type)s> <%(SpecificResource)s> .\n"
    "<{a}#target> <%(hasSource)s> <{doc}> .\n"
    "<{a}#target> <%(hasSelector)s> <{a}#pos> .\n"
    "<{a}#target> <%(hasSelector)s> <{a}#quote> .\n"
    "<{a}#pos> <%(type)s> <%(TextPositionSelector)s> .\n"
    "<{a}#pos> <%(start)s> \"{start}\"^^<%(nonneg)s> .\n"
    "<{a}#pos> <%(end)s> \"{end}\"^^<%(nonneg)s> .\n"
    "<{a}#quote> <%(type)s> <%(TextQuoteSelector)s> .\n"
    "<{a}#quote> <%(exact)s> {exact} .\n"
) % {"type": RDF.type, "Annotation": OA.Annotation, "hasBody": OA.hasBody,
     "motivatedBy": OA.motivatedBy, "hasTarget": OA.hasTarget, "wasGeneratedBy": PROV.wasGeneratedBy,
     "SpecificResource": OA.SpecificResource, "hasSource": OA.hasSource, "hasSelector": OA.hasSelector,
     "TextPositionSelector": OA.TextPositionSelector, "start": OA.start, "end": OA.end,
     "nonneg": XSD.nonNegativeInteger, "TextQuoteSelector": OA.TextQuoteSelector, "exact": OA.exact}

def _annotation_turtle(anno: str, body_nt: str, motivation, doc, activity, start: int, end: int,
                       exact: str, prefix: str, suffix: str, scopes) -> str:
    """The triples of _annotation_triples as Turtle statements with graf's prefixes."""
    motive = f"oa:{motivation[len(_OA_NS):]}" if motivation.startswith(_OA_NS) else f"<{motivation}>"
    target_tail = "".join(f" ;\n    oa:hasScope <{scope}>" for scope in scopes)
    quote_tail = (f" ;\n    oa:prefix {_nt_string(prefix)}" if prefix else "") + \
        (f" ;\n    oa:suffix {_nt_string(suffix)}" if suffix else "")
    return (f"<{anno}> a oa:Annotation ;\n    oa:hasBody {body_nt} ;\n    oa:motivatedBy {motive} ;\n"
            f"    oa:hasTarget <{anno}#target> ;\n    prov:wasGeneratedBy <{activity}> .\n"
            f"<{anno}#target> a oa:SpecificResource ;\n    oa:hasSource <{doc}> ;\n"
            f"    oa:hasSelector <{anno}#pos>, <{anno}#quote>{target_tail} .\n"
            f"<{anno}#pos> a oa:TextPositionSelector ;\n"
            f"    oa:start \"{start}\"^^xsd:nonNegativeInteger ;\n    oa:end \"{end}\"^^xsd:nonNegativeInteger .\n"
            f"<{anno}#quote> a oa:TextQuoteSelector ;\n    oa:exact {_nt_string(exact)}{quote_tail} .\n")


_OA_NS = str(OA)

_NT_ESCAPES = re.compile(r'[\\"\n\r]')


def _nt_string(value: str) -> str:
    """A plain string literal in N-Triples, as rdflib writes it."""
    if _NT_ESCAPES.search(value) is None:
        return f'"{value}"'
    from rdflib.plugins.serializers.nt import _quote_encode

    return _quote_encode(value)


def _nt_term(term) -> str:
    if isinstance(term, Literal):
        from rdflib.plugins.serializers.nt import _quoteLiteral

        return _quoteLiteral(term)
    return term.n3()


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
        """One oa:Annotation whose body is ``node`` and whose target is ``span`` of the paper.
        ``scope`` (oa:hasScope on the target) names the resource the span was read in the
        context of — for a citation, the item that cites — so a query can go from the citing
        item to the citation's printed surface without scanning every mention of the act."""
        if span is None:
            return
        start, end = span.start, span.end
        text = self.text
        self.g.add_annotation(self.mint.annotation(self.doc_str, str(node), start, end, str(motivation)),
                              node, motivation, self.doc, self.activity, start, end, text[start:end],
                              text[max(0, start - _QUOTE_CONTEXT):max(0, start)],
                              text[end:end + _QUOTE_CONTEXT], scope)

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
        municipal = municipality and any(w in name.lower() for w in _MUNICIPAL_BODY_WORDS)
        node = _iri(self.mint.body(name, municipality if municipal else None))
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
        if paper.kind == "other" and not paper.items and not m.body and not m.date:
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

    def participation(self, person: URIRef, role: str, party: str | None,
                      replaces: URIRef | None = None, span: Span | None = None) -> None:
        if self.meeting is None:
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
                node = _iri(self.mint.district(ent.key))
                self.add(node, _RDF.type, GRAF.Stadsdelsomrade)
                self.add(node, _RDF.type, _DCT.Location)
                self.add(node, _SKOS.prefLabel, _literal(ent.key, lang="sv"))
                if ent.label != ent.key:
                    self.add(node, _RDFS.label, _literal(ent.label, lang="sv"))
            elif ent.kind == "body":
                node = self.body_node(ent.label or ent.key,
                                      attrs.get("municipality", self.municipality))
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
            case = _iri(self.mint.arende(dnr.value))
            self.add(case, _RDF.type, GRAF.Arende)
            self.add(case, _DCT.identifier, _literal(dnr.value))
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
                         or (is_minutes and item.decisions))
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
            self.add(pnode, SCHEMA.text, _literal(prop.span.slice(self.text)))
            creators, parties = self.people_of(pnode, prop.by, SCHEMA.creator)
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
            favoured = None
            if res.in_favour_of in ("own", "joint"):
                favoured = next((p for p, c, _ in proposals if c & persons), None) or next(
                    (p for p, _, pp in proposals if pp & parties), None)
            if favoured is not None:
                self.add(rnode, GRAF.tillFormanFor, favoured)
            elif res.in_favour_of and res.in_favour_of not in ("own", "joint"):
                self.add(rnode, GRAF.tillFormanForText, _literal(res.in_favour_of))
            self.annotate(rnode, res.span)

        for i, st in enumerate(item.statements, 1):
            snode = _iri(self.mint.statement(str(node), i))
            self.add(snode, _RDF.type, STATEMENT_CLASSES.get(fold_kind(st.kind), GRAF.Uttalande))
            self.add(snode, GRAF.avser, treatment)
            self.add(snode, GRAF.framstalldVid, treatment)
            self.people_of(snode, st.by, GRAF.avgivenAv)
            if st.text_span is not None:
                self.add(snode, SCHEMA.text, _literal(st.text_span.slice(self.text)))
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
        printed surface in one hop; through the linking annotation it takes five (annotation,
        target, scope, selector, quote), and on the on-disk store each hop is a seek per row."""
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
