"""The triples of one mention annotation (a W3C Web Annotation), in the forms graf writes them.

Annotations are most of a paper's triples and all have one shape, so they are written from
these templates instead of term by term. graf stores the slim form, three to five triples per
mention::

    <…/dokument/{sha}/anno/{hash}> a oa:Annotation ;
        oa:hasBody <the node mentioned> ;
        oa:hasTarget <…/dokument/{sha}#char=120,135> ;   # RFC 5147 fragment of the text
        oa:motivatedBy oa:linking ;                       # only when not oa:identifying
        graf:sammanhang <citing item> .                   # only for citations

The activity that generated it is stated once, on the document (prov:wasGeneratedBy). The
full form -- a oa:SpecificResource target with a TextPositionSelector and a TextQuoteSelector
(exact, prefix, suffix), the motivation and the activity on every annotation -- follows from
the slim form and the stored text alone; ``full_annotation_ntriples`` renders it on demand
(graf serve, graf export --provenance full; see graf.graph.provenance).

The slim form is written three ways (rdflib terms, N-Triples, Turtle) that state the same
triples and are kept side by side so that a change to the shape is made to all three.
"""

from __future__ import annotations

from collections.abc import Iterator

from rdflib.namespace import RDF, XSD

from graf.graph.iri import Minter
from graf.graph.terms import GRAF, OA, PROV, make_iri, nt_string

# characters of context either side of the span in the full form's quote selector
QUOTE_CONTEXT = 24
# the motivation a slim annotation without oa:motivatedBy has
DEFAULT_MOTIVATION = OA.identifying

_RDF_TYPE = RDF.type
_OA_ANNOTATION = OA.Annotation
_OA_HAS_BODY, _OA_MOTIVATED_BY, _OA_HAS_TARGET = OA.hasBody, OA.motivatedBy, OA.hasTarget
_GRAF_SAMMANHANG = GRAF.sammanhang
_OA_NS = str(OA)


def annotation_triples(anno: str, body, motivation, target: str, scopes) -> Iterator[tuple]:
    """One mention as a slim W3C Web Annotation (rdflib terms): the body is the resource
    mentioned, the target the fragment IRI of the span of the paper's text."""
    a = make_iri(anno)
    yield a, _RDF_TYPE, _OA_ANNOTATION
    yield a, _OA_HAS_BODY, body
    yield a, _OA_HAS_TARGET, make_iri(target)
    if motivation != DEFAULT_MOTIVATION:
        yield a, _OA_MOTIVATED_BY, motivation
    for scope in scopes:
        yield a, _GRAF_SAMMANHANG, scope


def annotation_size(motivation, scopes) -> int:
    """How many triples annotation_triples yields."""
    return 3 + (motivation != DEFAULT_MOTIVATION) + len(scopes)


_ANNOTATION_NT = (
    "<{a}> <%(type)s> <%(Annotation)s> .\n"
    "<{a}> <%(hasBody)s> {body} .\n"
    "<{a}> <%(hasTarget)s> <{target}> .\n"
) % {"type": RDF.type, "Annotation": OA.Annotation, "hasBody": OA.hasBody, "hasTarget": OA.hasTarget}


def annotation_ntriples(anno: str, body_nt: str, motivation, target: str, scopes) -> str:
    """The triples of annotation_triples as N-Triples (``body_nt`` the body's N-Triples form)."""
    out = _ANNOTATION_NT.format(a=anno, body=body_nt, target=target)
    if motivation != DEFAULT_MOTIVATION:
        out += f"<{anno}> <{_OA_MOTIVATED_BY}> <{motivation}> .\n"
    for scope in scopes:
        out += f"<{anno}> <{_GRAF_SAMMANHANG}> <{scope}> .\n"
    return out


def annotation_turtle(anno: str, body_nt: str, motivation, target: str, scopes) -> str:
    """The triples of annotation_triples as a Turtle statement with graf's prefixes
    (graf.graph.terms.PREFIXES: oa, graf)."""
    tail = ""
    if motivation != DEFAULT_MOTIVATION:
        motive = f"oa:{motivation[len(_OA_NS):]}" if motivation.startswith(_OA_NS) else f"<{motivation}>"
        tail = f" ;\n    oa:motivatedBy {motive}"
    tail += "".join(f" ;\n    graf:sammanhang <{scope}>" for scope in scopes)
    return f"<{anno}> a oa:Annotation ;\n    oa:hasBody {body_nt} ;\n    oa:hasTarget <{target}>{tail} .\n"


# the full form (W3C Web Annotation with selectors) as N-Triples; {a} the annotation's IRI,
# {target} {pos} {quote} its parts (Minter.annotation_parts)
_FULL_NT = (
    "<{a}> <%(type)s> <%(Annotation)s> .\n"
    "<{a}> <%(hasBody)s> {body} .\n"
    "<{a}> <%(motivatedBy)s> <{motivation}> .\n"
    "<{a}> <%(hasTarget)s> <{target}> .\n"
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
     "motivatedBy": OA.motivatedBy, "hasTarget": OA.hasTarget,
     "SpecificResource": OA.SpecificResource, "hasSource": OA.hasSource, "hasSelector": OA.hasSelector,
     "TextPositionSelector": OA.TextPositionSelector, "start": OA.start, "end": OA.end,
     "nonneg": XSD.nonNegativeInteger, "TextQuoteSelector": OA.TextQuoteSelector, "exact": OA.exact}


def full_annotation_ntriples(anno: str, body_nt: str, motivation: str | None, document: str,
                             activity: str | None, start: int, end: int, text: str, scopes) -> str:
    """One annotation in the full W3C form, as N-Triples: its target an oa:SpecificResource of
    the document selected by position and by quote (exact, and up to QUOTE_CONTEXT characters
    of prefix and suffix, cut from ``text``, the document's stored text), the citing scope as
    oa:hasScope on the target. ``motivation`` None: the default (oa:identifying); ``activity``
    None: the document states none, and neither does the annotation."""
    target, pos, quote = Minter.annotation_parts(anno)
    out = _FULL_NT.format(a=anno, target=target, pos=pos, quote=quote, body=body_nt,
                          motivation=motivation or DEFAULT_MOTIVATION, doc=document,
                          start=start, end=end, exact=nt_string(text[start:end]))
    if activity is not None:
        out += f"<{anno}> <{PROV.wasGeneratedBy}> <{activity}> .\n"
    prefix, suffix = text[max(0, start - QUOTE_CONTEXT):start], text[end:end + QUOTE_CONTEXT]
    if prefix:
        out += f"<{quote}> <{OA.prefix}> {nt_string(prefix)} .\n"
    if suffix:
        out += f"<{quote}> <{OA.suffix}> {nt_string(suffix)} .\n"
    for scope in scopes:
        out += f"<{target}> <{OA.hasScope}> <{scope}> .\n"
    return out
