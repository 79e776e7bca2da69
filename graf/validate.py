"""SHACL validation of graf graphs (shapes/graf-shapes.ttl) plus the span checks that SHACL
cannot express cheaply: every annotation's span lies inside the stored text of its source
document -- a slim annotation's text fragment target (``…/dokument/{sha}#char=120,135``) names
a document with a stored text and characters inside it; in the full form, the
TextPositionSelector lies inside the text and the TextQuoteSelector's oa:exact equals that
slice."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from graf.errors import GrafError
from graf.graph.iri import text_span
from graf.resources import shapes_path

OA = Namespace("http://www.w3.org/ns/oa#")
GRAF = Namespace("https://w3id.org/graf/ns#")
FOAF_DOCUMENT = URIRef("http://xmlns.com/foaf/0.1/Document")
GSH = Namespace("https://w3id.org/graf/shapes#")
SPAN_CHECK = GSH["C10-span-in-text"]
TARGET_DOCUMENT_CHECK = GSH["C10-target-document"]

_SEVERITY = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}


@dataclass(frozen=True)
class ValidationResult:
    focus: str
    path: str | None
    message: str
    severity: str  # Violation | Warning | Info
    source_shape: str | None = None
    value: str | None = None


@dataclass
class ValidationReport:
    """``conforms`` is False when any Violation was found (warnings do not break conformance)."""

    conforms: bool
    results: list[ValidationResult] = field(default_factory=list)

    @property
    def violations(self) -> list[ValidationResult]:
        return [r for r in self.results if r.severity == "Violation"]

    @property
    def warnings(self) -> list[ValidationResult]:
        return [r for r in self.results if r.severity != "Violation"]

    @property
    def text(self) -> str:
        head = "Conforms" if self.conforms else "Does not conform"
        lines = [f"{head}: {len(self.violations)} violation(s), {len(self.warnings)} warning(s)"]
        for r in self.results:
            lines.append(f"{r.severity}: {r.message}")
            lines.append(f"  focus node: {r.focus}")
            if r.path:
                lines.append(f"  path: {r.path}")
            if r.value is not None:
                lines.append(f"  value: {r.value}")
            if r.source_shape:
                lines.append(f"  shape: {r.source_shape}")
        return "\n".join(lines)

    def shapes_fired(self, severity: str | None = None) -> set[str]:
        return {r.source_shape or "" for r in self.results
                if severity is None or r.severity == severity}


@lru_cache(maxsize=4)
def _shapes(path: str) -> Graph:
    return Graph().parse(path, format="turtle")


def load_graph(path: str | Path) -> Graph:
    """Parse a graph file by extension; unreadable input raises InputError."""
    from graf.export import read_graph

    return read_graph(path)


def _as_graph(graph) -> Graph:
    """A plain Graph over all triples (a Dataset's named graphs are unioned)."""
    if hasattr(graph, "quads") and type(graph) is not Graph:
        g = Graph()
        for s, p, o, _ in graph.quads((None, None, None, None)):
            g.add((s, p, o))
        return g
    return graph


def _str(node: Node | None) -> str | None:
    if node is None:
        return None
    if isinstance(node, Literal):
        return str(node)
    if isinstance(node, URIRef):
        return str(node)
    return _describe_path(node)


def _named(node: Node | None) -> URIRef | None:
    return node if isinstance(node, URIRef) else None


def _describe_path(node) -> str:
    return f"[{node.n3()}]"


def check_spans(graph: Graph) -> list[ValidationResult]:
    """A slim annotation's fragment target: a document with a stored text (foaf:Document,
    graf:text) and 0 <= start < end <= len(text). In the full form, each TextPositionSelector:
    0 <= start < end <= len(text); each TextQuoteSelector on the same target:
    oa:exact == text[start:end]."""
    out: list[ValidationResult] = []
    texts: dict[Node, str | None] = {}

    def text_of(source: Node) -> str | None:
        if source not in texts:
            value = graph.value(source, GRAF.text)
            texts[source] = str(value) if value is not None else None
        return texts[source]

    def outside(anno, path: str, start: int, end: int, text: str) -> ValidationResult | None:
        if 0 <= start < end <= len(text):
            return None
        return ValidationResult(str(anno), path,
                                f"Span [{start}, {end}) lies outside the source text (length {len(text)}).",
                                "Violation", str(SPAN_CHECK), f"{start}-{end}")

    for anno, target in graph.subject_objects(OA.hasTarget):
        span = text_span(str(target)) if isinstance(target, URIRef) else None
        if span is not None:
            document = URIRef(span.document)
            text = text_of(document)
            if text is None or (document, RDF.type, FOAF_DOCUMENT) not in graph:
                out.append(ValidationResult(
                    str(anno), str(OA.hasTarget),
                    "The target's document is not a foaf:Document with a stored text (graf:text).",
                    "Violation", str(TARGET_DOCUMENT_CHECK), str(target)))
            elif (result := outside(anno, str(OA.hasTarget), span.start, span.end, text)) is not None:
                out.append(result)
            continue
        source = graph.value(target, OA.hasSource)
        if source is None:
            continue
        text = text_of(source)
        if text is None:
            continue
        positions, quotes = [], []
        for sel in graph.objects(target, OA.hasSelector):
            if (sel, RDF.type, OA.TextPositionSelector) in graph:
                positions.append(sel)
            if (sel, RDF.type, OA.TextQuoteSelector) in graph:
                quotes.append(sel)
        for pos in positions:
            try:
                start = int(graph.value(pos, OA.start))  # type: ignore[arg-type]
                end = int(graph.value(pos, OA.end))  # type: ignore[arg-type]
            except (TypeError, ValueError):
                continue  # missing or malformed offsets are the SHACL shapes' business
            if (result := outside(anno, "oa:hasTarget/oa:hasSelector", start, end, text)) is not None:
                out.append(result)
                continue
            for quote in quotes:
                exact = graph.value(quote, OA.exact)
                if exact is not None and str(exact) != text[start:end]:
                    out.append(ValidationResult(
                        str(anno), "oa:hasTarget/oa:hasSelector/oa:exact",
                        f"oa:exact differs from the source text at [{start}, {end}): "
                        f"{text[start:end]!r}.", "Violation", str(SPAN_CHECK), str(exact)))
    return out


def validate(graph, shapes: str | Path | None = None) -> ValidationReport:
    """Validate ``graph`` (rdflib Graph or Dataset) against graf's shapes."""
    import pyshacl

    data = _as_graph(graph)
    shapes_graph = _shapes(str(shapes or shapes_path()))
    _, results_graph, results_text = pyshacl.validate(
        data, shacl_graph=shapes_graph, inference="none", advanced=False,
        allow_warnings=True, meta_shacl=False, abort_on_first=False, inplace=True,
    )
    if not isinstance(results_graph, Graph):  # pyshacl's ValidationFailure: broken shapes
        raise GrafError(f"cannot validate: {results_text}")
    results: list[ValidationResult] = []
    for res in results_graph.subjects(RDF.type, SH.ValidationResult):
        if (None, SH.detail, res) in results_graph:
            continue  # nested detail of a sh:node failure; the outer result names the rule
        message = results_graph.value(res, SH.resultMessage)
        results.append(ValidationResult(
            focus=_str(results_graph.value(res, SH.focusNode)) or "",
            path=_path_text(results_graph, results_graph.value(res, SH.resultPath)),
            message=str(message) if message is not None else "constraint not met",
            severity=_SEVERITY.get(results_graph.value(res, SH.resultSeverity), "Violation"),
            # SPARQL constraints report their node shape; the named constraint is more precise
            source_shape=_str(_named(results_graph.value(res, SH.sourceConstraint))
                              or results_graph.value(res, SH.sourceShape)),
            value=_str(results_graph.value(res, SH.value)),
        ))
    results.extend(check_spans(data))
    results.sort(key=lambda r: (r.severity != "Violation", r.source_shape or "", r.focus,
                                r.path or "", r.value or ""))
    conforms = not any(r.severity == "Violation" for r in results)
    return ValidationReport(conforms, results)


def _path_text(g: Graph, path: Node | None) -> str | None:
    if path is None:
        return None
    if isinstance(path, URIRef):
        return str(path)
    inverse = g.value(path, SH.inversePath)
    if inverse is not None:
        return f"^{inverse}"
    items = list(g.items(path)) if (path, RDF.first, None) in g else []
    if items:
        return "/".join(str(i) for i in items)
    return path.n3()


def validate_file(path: str | Path) -> ValidationReport:
    return validate(load_graph(path))
