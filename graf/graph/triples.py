"""TripleSet: the triples of one paper, kept without an rdflib store and written to N-Triples
(or, for a paper's own part, Turtle) directly."""

from __future__ import annotations

from rdflib import Graph, URIRef

from graf.graph.iri import PaperNTriples, is_own
from graf.graph.templates import annotation_ntriples, annotation_size, annotation_triples, annotation_turtle
from graf.graph.terms import bind_prefixes, nt_term


class TripleSet:
    """The triples of one paper, in insertion order, without an rdflib store behind them.

    Adding a triple to an rdflib Graph costs ~10 µs (three indexes, events); a paper has
    thousands, and most builds only stream them to a store or a file. ``to_graph`` makes the
    rdflib Graph when one is needed (validation, in-memory queries), ``to_ntriples`` the
    N-Triples that Oxigraph loads directly.

    Mention annotations, most of a paper's triples, are kept as one small record each
    (see ``add_annotation``) and written straight to N-Triples from a template; their rdflib
    terms are made only when something iterates the set.
    """

    __slots__ = ("_triples", "_annotations", "_annotation_triples", "_expanded")

    def __init__(self) -> None:
        self._triples: dict[tuple, None] = {}
        # annotation IRI -> [body, motivation, target (text fragment IRI), scopes]
        self._annotations: dict[str, list] = {}
        self._annotation_triples = 0
        self._expanded: dict[tuple, None] | None = None

    def add(self, triple: tuple) -> None:
        self._triples[triple] = None

    def add_annotation(self, anno: str, body: URIRef, motivation: URIRef, target: str,
                       scope: URIRef | None) -> None:
        """The triples of one oa:Annotation (see graf.graph.templates for the shape); ``target``
        the text fragment IRI of its span (Minter.text_fragment)."""
        record = self._annotations.get(anno)
        if record is None:
            scopes = [scope] if scope is not None else []
            self._annotations[anno] = [body, motivation, target, scopes]
            self._annotation_triples += annotation_size(motivation, scopes)
        elif scope is not None and scope not in record[3]:
            record[3].append(scope)
            self._annotation_triples += 1
        self._expanded = None

    def _annotation_terms(self):
        for anno, (body, motivation, target, scopes) in self._annotations.items():
            yield from annotation_triples(anno, body, motivation, target, scopes)

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

    def split_ntriples(self, document: str | None, own_as_turtle: bool = False) -> PaperNTriples:
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
                fs = forms[s] = nt_term(s)
            fp = get(p)
            if fp is None:
                fp = forms[p] = nt_term(p)
            fo = get(o)
            if fo is None:
                fo = forms[o] = nt_term(o)
            if document is not None and isinstance(s, URIRef) and is_own(s, document):
                own_rows.append(f"{fs} {fp} {fo} .\n")
                own_subjects[str(s)] = None
            else:
                rows.append(f"{fs} {fp} {fo} .\n")
        for anno, (body, motivation, target, scopes) in self._annotations.items():
            if document is not None and is_own(anno, document):
                append = own_rows.append
                own_subjects[anno] = None
                write = annotation_turtle if own_as_turtle else annotation_ntriples
            else:
                append = rows.append
                write = annotation_ntriples
            fb = get(body)
            if fb is None:
                fb = forms[body] = nt_term(body)
            append(write(anno, fb, motivation, target, scopes))
        return PaperNTriples("".join(own_rows).encode("utf-8"), "".join(rows).encode("utf-8"),
                             list(own_subjects), own_is_turtle=own_as_turtle and document is not None)
