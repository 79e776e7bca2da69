"""RDF terms and their serialisation: the vocabularies graf writes, fast constructors for IRIs
and literals, and terms' N-Triples forms.

Every use of rdflib internals (private constructors, slots, serialiser helpers) is in this
module, as pySHACL keeps its monkey-patches in one place: when rdflib changes, this is the one
file to check. The builder makes tens of thousands of terms per paper, which is why the
constructors bypass rdflib's per-call checks where the result is the same.
"""

from __future__ import annotations

import re

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

_INVALID_IRI_CHAR = re.compile(r'[<>" {}|\\^`]')
_new_str = str.__new__


def make_iri(value: str) -> URIRef:
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
        term = make_iri(str(self) + name)
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


def make_literal(value, lang: str | None = None, datatype: URIRef | None = None) -> Literal:
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

# rdflib's closed namespaces with each term looked up once
RDF_TERMS, RDFS_TERMS, OWL_TERMS, SKOS_TERMS, XSD_TERMS, DCT_TERMS = (
    _Terms(ns) for ns in (RDF, RDFS, OWL, SKOS, XSD, DCTERMS))


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


def bind_prefixes(graph: Graph) -> Graph:
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True)
    return graph


_NT_ESCAPES = re.compile(r'[\\"\n\r]')


def nt_string(value: str) -> str:
    """A plain string literal in N-Triples, as rdflib writes it."""
    if _NT_ESCAPES.search(value) is None:
        return f'"{value}"'
    from rdflib.plugins.serializers.nt import _quote_encode

    return _quote_encode(value)


def nt_term(term) -> str:
    if isinstance(term, Literal):
        from rdflib.plugins.serializers.nt import _quoteLiteral

        return _quoteLiteral(term)
    return term.n3()
