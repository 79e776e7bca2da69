"""The triples of one mention annotation (a W3C Web Annotation), in the three forms graf writes
them: rdflib terms, N-Triples text and Turtle text.

Annotations are 85-90 % of a paper's triples and all have one shape, so they are written from
these templates instead of term by term; the three forms state the same triples and are kept
side by side so that a change to the shape is made to all three. The annotation's target and
selectors are the hash IRIs graf.graph.iri.Minter.annotation_parts mints.
"""

from __future__ import annotations

from collections.abc import Iterator

from rdflib.namespace import RDF, XSD

from graf.graph.iri import Minter
from graf.graph.terms import OA, PROV, make_iri, make_literal, nt_string

# terms of the annotation pattern (annotate runs once per recognised span)
_RDF_TYPE = RDF.type
_XSD_NON_NEGATIVE = XSD.nonNegativeInteger
_OA_ANNOTATION, _OA_SPECIFIC_RESOURCE = OA.Annotation, OA.SpecificResource
_OA_TEXT_POSITION_SELECTOR, _OA_TEXT_QUOTE_SELECTOR = OA.TextPositionSelector, OA.TextQuoteSelector
_OA_HAS_BODY, _OA_MOTIVATED_BY, _OA_HAS_TARGET = OA.hasBody, OA.motivatedBy, OA.hasTarget
_OA_HAS_SOURCE, _OA_HAS_SELECTOR, _OA_HAS_SCOPE = OA.hasSource, OA.hasSelector, OA.hasScope
_OA_START, _OA_END, _OA_EXACT, _OA_PREFIX, _OA_SUFFIX = OA.start, OA.end, OA.exact, OA.prefix, OA.suffix
_PROV_WAS_GENERATED_BY = PROV.wasGeneratedBy
_OA_NS = str(OA)


def annotation_subjects(anno: str) -> tuple[str, str, str, str]:
    """The subjects of one annotation's triples: the annotation, its target and selectors."""
    return (anno, *Minter.annotation_parts(anno))


def annotation_triples(anno: str, body, motivation, doc, activity, start: int, end: int, exact: str,
                       prefix: str, suffix: str, scopes) -> Iterator[tuple]:
    """One mention as a W3C Web Annotation: the body is the resource mentioned, the target the
    span of the paper's text, selected by position and by quote."""
    a = make_iri(anno)
    target, pos, quote = (make_iri(part) for part in Minter.annotation_parts(anno))
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
    yield pos, _OA_START, make_literal(start, datatype=_XSD_NON_NEGATIVE)
    yield pos, _OA_END, make_literal(end, datatype=_XSD_NON_NEGATIVE)
    yield quote, _RDF_TYPE, _OA_TEXT_QUOTE_SELECTOR
    yield quote, _OA_EXACT, make_literal(exact)
    if prefix:
        yield quote, _OA_PREFIX, make_literal(prefix)
    if suffix:
        yield quote, _OA_SUFFIX, make_literal(suffix)
    for scope in scopes:
        yield target, _OA_HAS_SCOPE, scope


# the fixed part of annotation_triples as N-Triples ({a} the annotation's IRI, {target} {pos}
# {quote} its parts)
_ANNOTATION_NT = (
    "<{a}> <%(type)s> <%(Annotation)s> .\n"
    "<{a}> <%(hasBody)s> {body} .\n"
    "<{a}> <%(motivatedBy)s> <{motivation}> .\n"
    "<{a}> <%(hasTarget)s> <{target}> .\n"
    "<{a}> <%(wasGeneratedBy)s> <{activity}> .\n"
    "<{target}> <%(type)s> <%(SpecificResource)s> .\n"
    "<{target}> <%(hasSource)s> <{doc}> .\n"
    "<{target}> <%(hasSelector)s> <{pos}> .\n"
    "<{target}> <%(hasSelector)s> <{quote}> .\n"
    "<{pos}> <%(type)s> <%(TextPositionSelector)s> .\n"
    "<{pos}> <%(start)s> \"{start}\"^^<%(nonneg)s> .\n"
    "<{pos}> <%(end)s> \"{end}\"^^<%(nonneg)s> .\n"
    "<{quote}> <%(type)s> <%(TextQuoteSelector)s> .\n"
    "<{quote}> <%(exact)s> {exact} .\n"
) % {"type": RDF.type, "Annotation": OA.Annotation, "hasBody": OA.hasBody,
     "motivatedBy": OA.motivatedBy, "hasTarget": OA.hasTarget, "wasGeneratedBy": PROV.wasGeneratedBy,
     "SpecificResource": OA.SpecificResource, "hasSource": OA.hasSource, "hasSelector": OA.hasSelector,
     "TextPositionSelector": OA.TextPositionSelector, "start": OA.start, "end": OA.end,
     "nonneg": XSD.nonNegativeInteger, "TextQuoteSelector": OA.TextQuoteSelector, "exact": OA.exact}


def annotation_ntriples(anno: str, body_nt: str, motivation, doc, activity, start: int, end: int,
                        exact: str, prefix: str, suffix: str, scopes) -> str:
    """The triples of annotation_triples as N-Triples (``body_nt`` the body's N-Triples form)."""
    target, pos, quote = Minter.annotation_parts(anno)
    out = _ANNOTATION_NT.format(a=anno, target=target, pos=pos, quote=quote, body=body_nt,
                                motivation=motivation, doc=doc, activity=activity, start=start, end=end,
                                exact=nt_string(exact))
    if prefix:
        out += f"<{quote}> <{_OA_PREFIX}> {nt_string(prefix)} .\n"
    if suffix:
        out += f"<{quote}> <{_OA_SUFFIX}> {nt_string(suffix)} .\n"
    for scope in scopes:
        out += f"<{target}> <{_OA_HAS_SCOPE}> <{scope}> .\n"
    return out


def annotation_turtle(anno: str, body_nt: str, motivation, doc, activity, start: int, end: int,
                      exact: str, prefix: str, suffix: str, scopes) -> str:
    """The triples of annotation_triples as Turtle statements with graf's prefixes
    (graf.graph.terms.PREFIXES: oa, prov, xsd)."""
    target, pos, quote = Minter.annotation_parts(anno)
    motive = f"oa:{motivation[len(_OA_NS):]}" if motivation.startswith(_OA_NS) else f"<{motivation}>"
    target_tail = "".join(f" ;\n    oa:hasScope <{scope}>" for scope in scopes)
    quote_tail = (f" ;\n    oa:prefix {nt_string(prefix)}" if prefix else "") + \
        (f" ;\n    oa:suffix {nt_string(suffix)}" if suffix else "")
    return (f"<{anno}> a oa:Annotation ;\n    oa:hasBody {body_nt} ;\n    oa:motivatedBy {motive} ;\n"
            f"    oa:hasTarget <{target}> ;\n    prov:wasGeneratedBy <{activity}> .\n"
            f"<{target}> a oa:SpecificResource ;\n    oa:hasSource <{doc}> ;\n"
            f"    oa:hasSelector <{pos}>, <{quote}>{target_tail} .\n"
            f"<{pos}> a oa:TextPositionSelector ;\n"
            f"    oa:start \"{start}\"^^xsd:nonNegativeInteger ;\n    oa:end \"{end}\"^^xsd:nonNegativeInteger .\n"
            f"<{quote}> a oa:TextQuoteSelector ;\n    oa:exact {nt_string(exact)}{quote_tail} .\n")
