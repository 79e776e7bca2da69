"""Slim provenance rendered in full, on demand.

graf stores each mention as a slim oa:Annotation whose target is a text fragment IRI of the
paper (``…/dokument/{sha}#char=120,135``; graf.graph.templates). Everything the full W3C form
adds -- the oa:SpecificResource, the position and quote selectors with exact, prefix and suffix,
the motivation oa:identifying, the generating activity on every annotation -- follows from that
and from two triples of the document: its stored text (graf:text) and its activity
(prov:wasGeneratedBy). This module makes the full form from the slim one, for `graf serve`
(an annotation's page) and `graf export --provenance full`.

Terms are pyoxigraph's: both callers read a pyoxigraph store or parse.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pyoxigraph as ox

from graf.graph.iri import text_span
from graf.graph.templates import full_annotation_ntriples
from graf.graph.terms import GRAF, OA, PROV

_HAS_BODY, _HAS_TARGET, _MOTIVATED_BY = (ox.NamedNode(str(t)) for t in (OA.hasBody, OA.hasTarget, OA.motivatedBy))
_SAMMANHANG = ox.NamedNode(str(GRAF.sammanhang))
_TEXT = ox.NamedNode(str(GRAF.text))
_WAS_GENERATED_BY = ox.NamedNode(str(PROV.wasGeneratedBy))
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_ANNOTATION = ox.NamedNode(str(OA.Annotation))
# the predicates of a slim annotation that its full form states differently
SLIM_PREDICATES = frozenset({_HAS_TARGET, _MOTIVATED_BY, _SAMMANHANG})


def full_triples(anno: ox.NamedNode, statements: Iterable[tuple], text_of: Callable[[str], str | None],
                 activity_of: Callable[[str], ox.NamedNode | None]) -> list[ox.Triple] | None:
    """The full form of the slim annotation ``anno`` whose (predicate, object) pairs are
    ``statements``; ``text_of`` / ``activity_of`` give a document IRI's stored text and
    generating activity. None when ``anno`` is not a slim annotation of a known text (one
    body, one fragment target inside the text), which then stays as it is."""
    bodies, targets, motivations, scopes = [], [], [], []
    for p, o in statements:
        if p == _HAS_BODY:
            bodies.append(o)
        elif p == _HAS_TARGET:
            targets.append(o)
        elif p == _MOTIVATED_BY:
            motivations.append(o)
        elif p == _SAMMANHANG:
            scopes.append(o.value)
    if len(bodies) != 1 or len(targets) != 1 or len(motivations) > 1 \
            or not isinstance(targets[0], ox.NamedNode):
        return None
    span = text_span(targets[0].value)
    if span is None:
        return None
    text = text_of(span.document)
    if text is None or not 0 <= span.start < span.end <= len(text):
        return None
    activity = activity_of(span.document)
    nt = full_annotation_ntriples(anno.value, str(bodies[0]), motivations[0].value if motivations else None,
                                  span.document, activity.value if activity is not None else None,
                                  span.start, span.end, text, scopes)
    return list(ox.parse(nt.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))


def expand_quads(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """``quads`` with every slim annotation replaced by its full form, in the same graph (the
    document's text and activity are looked up in any graph). Other quads are kept as they are."""
    quads = list(quads)
    texts: dict[str, str] = {}
    activities: dict[str, ox.NamedNode] = {}
    annos: dict[tuple, list[tuple]] = {}
    for q in quads:
        p = q.predicate
        if p == _TEXT and isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.Literal):
            texts[q.subject.value] = q.object.value
        elif p == _WAS_GENERATED_BY and isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.NamedNode):
            activities[q.subject.value] = q.object
        elif p == _HAS_TARGET and isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.NamedNode) \
                and text_span(q.object.value) is not None:
            annos[(q.subject, q.graph_name)] = []
    if not annos:
        return quads
    for q in quads:
        statements = annos.get((q.subject, q.graph_name))
        if statements is not None:
            statements.append((q.predicate, q.object))
    full: dict[tuple, list[ox.Triple]] = {}
    for key, statements in annos.items():
        triples = full_triples(key[0], statements, texts.get, activities.get)
        if triples is not None:
            full[key] = triples
    out = []
    for q in quads:
        key = (q.subject, q.graph_name)
        if key in full and (q.predicate in SLIM_PREDICATES or q.predicate == _HAS_BODY
                            or (q.predicate == _RDF_TYPE and q.object == _ANNOTATION)):
            continue  # restated by the full form
        out.append(q)
    for (_, graph), triples in full.items():
        out.extend(ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples)
    return out
