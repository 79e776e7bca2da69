"""Embedded on-disk store (pyoxigraph) and SPARQL querying of graphs, stores and files.

Query parameters are bound as RDF terms through SPARQL substitutions (SEP-0007), never pasted
into the query text. Rows come back as tuples of rdflib terms (None for unbound variables).
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import json
import os
import queue
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from graf.errors import GrafError, InputError, UsageError
from graf.graph.terms import make_iri, make_literal
from graf.tabular import spreadsheet_safe

Row = tuple[Node | None, ...]

_FORMATS_BY_SUFFIX = {
    ".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG, ".jsonld": ox.RdfFormat.JSON_LD, ".json": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML, ".xml": ox.RdfFormat.RDF_XML, ".n3": ox.RdfFormat.N3,
}


# ------------------------------------------------------------------ term conversion

def to_ox(term) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term or a plain Python value as a pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, (ox.NamedNode, ox.BlankNode, ox.Literal)):
        return term
    if isinstance(term, bool):
        return ox.Literal("true" if term else "false", datatype=ox.NamedNode(str(XSD.boolean)))
    if isinstance(term, int):
        return ox.Literal(str(term), datatype=ox.NamedNode(str(XSD.integer)))
    if isinstance(term, float):
        return ox.Literal(repr(term), datatype=ox.NamedNode(str(XSD.double)))
    if isinstance(term, _dt.date) and not isinstance(term, _dt.datetime):
        return ox.Literal(term.isoformat(), datatype=ox.NamedNode(str(XSD.date)))
    if isinstance(term, str):
        return ox.Literal(term)
    raise UsageError(f"cannot bind a value of type {type(term).__name__} as an RDF term")


def from_ox(term) -> Node | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return make_iri(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return make_literal(term.value, lang=term.language)
        dt = term.datatype.value if term.datatype is not None else None
        if dt is None or dt == _XSD_STRING:
            return make_literal(term.value)
        return Literal(term.value, datatype=URIRef(dt))
    raise GrafError(f"unsupported RDF term in results: {term!r}")


_XSD_STRING = str(XSD.string)


def _convert_rows(solutions) -> list[Row]:
    """Query solutions as rows of rdflib terms. Rows repeat the same meeting, item or party
    on many rows, and making an rdflib term costs far more than a dictionary lookup, so each
    distinct term is converted once."""
    seen: dict = {None: None}
    get = seen.get
    rows = []
    for solution in solutions:
        row = []
        for term in solution:
            node = get(term)
            if node is None and term is not None:
                node = seen[term] = from_ox(term)
            row.append(node)
        rows.append(tuple(row))
    return rows


# ------------------------------------------------------------------ store

class GraphStore:
    """A pyoxigraph store, on disk when ``path`` is given, else in memory."""

    def __init__(self, path: str | Path | None = None, read_only: bool = False):
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        self._union_seen: set[bytes] | None = None  # see _new_to_union
        try:
            if self.path is not None and read_only:
                if not self.path.is_dir():
                    raise InputError(str(path), "no such store")
                self.store = ox.Store.read_only(str(self.path))
            elif self.path is not None:
                self.path.mkdir(parents=True, exist_ok=True)
                self.store = ox.Store(str(self.path))
            else:
                self.store = ox.Store()
        except OSError as exc:
            raise InputError(str(path), f"cannot open store: {exc}") from None

    def load_graph(self, graph: Graph, name: str | None = None) -> None:
        """Put ``graph``'s triples into the named graph ``name`` (replacing what it held), or
        into the default graph when ``name`` is None. A Dataset keeps its own graph names."""
        if hasattr(graph, "quads") and type(graph) is not Graph and name is None:
            data = graph.serialize(format="nquads")
            self.store.load(data.encode("utf-8") if isinstance(data, str) else data,
                            format=ox.RdfFormat.N_QUADS)
            return
        data = graph.serialize(format="nt", encoding="utf-8")
        if name is None:
            self.store.load(data, format=ox.RdfFormat.N_TRIPLES)
            return
        self._replace_named(name, data)

    # The default graph holds the union of the papers' triples, without duplicates: queries
    # run on it with set semantics. (Oxigraph's "default graph as union" keeps one copy of a
    # triple per graph holding it; a person named in 40 papers then multiplies every join by
    # 40 and a contract query over a modest store runs out of memory.)
    #
    # A paper's named graph holds the triples it shares, or may share, with other papers:
    # those about persons, parties, committees, acts, cases. Its own triples -- those whose
    # subject is its document or lies under the document's IRI (its annotations, about half
    # of the total), which no other paper can state because the IRI carries the text's checksum
    # -- go to the default graph only, and the store keeps the list of their subjects in a
    # bookkeeping graph of its own (OWN_SUBJECTS_GRAPH: one compressed literal per paper).
    # Removing a paper then removes those subjects' triples, and those of its named graph that
    # no other paper's graph holds. Writing each triple once into the union and a sixth of them
    # into a named graph costs well under half of writing all of them twice (six indexes for a
    # named graph, three for the default one).
    #
    # A meeting's triples (the meeting and everything under its IRI: items, proposals, votes,
    # participations -- 60 % of the shared triples) are stated by the papers of that meeting
    # only, its agenda and minutes (the split is by subject, so every paper puts a triple on
    # the same side). They go to the union, and to the bookkeeping graph
    # MEETING_PARTS_GRAPH as one compressed literal per paper, with the meetings they lie under
    # (graf.graph.iri.meeting_of): removing a paper removes those of its meeting triples that
    # no other paper of the same meeting states, which are found by unpacking those papers'
    # literals. One literal instead of a named-graph quad per triple (six index entries each)
    # is a third less to write.

    OWN_SUBJECTS_GRAPH = ox.NamedNode("urn:graf:store:own-subjects")
    _OWN_SUBJECTS = ox.NamedNode("urn:graf:store:ownSubjects")
    MEETING_PARTS_GRAPH = ox.NamedNode("urn:graf:store:meeting-parts")
    _MEETING_LINES = ox.NamedNode("urn:graf:store:meetingTriples")
    _ABOUT_MEETING = ox.NamedNode("urn:graf:store:aboutMeeting")
    BOOKKEEPING_GRAPHS = frozenset({OWN_SUBJECTS_GRAPH, MEETING_PARTS_GRAPH})

    def _replace_named(self, name: str, ntriples: bytes) -> None:
        """Put triples that are not a paper's (load_graph) into a named graph and the union."""
        self._remove_paper_graph(name)
        self.store.bulk_load(ntriples, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(name))
        self.store.bulk_load(ntriples, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph())

    # The shared lines this store object has put into the union since it was opened or since
    # its last removal. Later papers of a build mostly repeat them (parties, committees,
    # statutes, persons, the meeting an agenda and its minutes share), and the union is a set:
    # loading them again would only cost index writes and compaction (7 % of the store's
    # writes). A removal may take such a line out of the union, so every removal forgets
    # them; the set is bounded (cleared when full), which only costs loads.
    _UNION_SEEN_MAX = 500_000

    def _new_to_union(self, lines: list[bytes]) -> bytes:
        """Those of ``lines`` (N-Triples lines without their line ends, none empty) not yet put into the
        union by this store object, as N-Triples."""
        seen = self._union_seen
        if seen is None or len(seen) > self._UNION_SEEN_MAX:
            seen = self._union_seen = set()
        fresh = [line for line in lines if line not in seen]
        seen.update(fresh)
        return b"\n".join(fresh) + b"\n" if fresh else b""

    def _forget_union_lines(self) -> None:
        self._union_seen = None

    def _may_hold(self, name: str) -> bool:
        """Whether the store may hold triples of graph ``name``: after drop_orphans() every
        graph it holds is one the manifest names, so a new name needs no removal (which costs
        a few lookups per paper)."""
        if getattr(self, "_orphans_dropped", False):
            return any(e.get("graph") == name for e in self._papers().values())
        return True

    def _remove_paper_graph(self, name: str) -> None:
        """Remove a paper's triples from the store: its own (by subject) and those of its named
        graph that no other graph holds."""
        self._forget_union_lines()
        target = ox.NamedNode(name)
        if self.store.contains_named_graph(target):
            self._remove_named(target)
        subjects = self._own_subjects(name)
        if subjects:
            default = ox.DefaultGraph()
            for subject in subjects:
                node = ox.NamedNode(subject)
                for q in list(self.store.quads_for_pattern(node, None, None, default)):
                    self.store.remove(q)
        self._forget_bookkeeping(name, self.OWN_SUBJECTS_GRAPH)
        self._remove_meeting_part(name)

    def _remove_meeting_part(self, name: str) -> None:
        """Remove from the union the meeting triples of paper graph ``name`` that no other
        paper of the same meetings states (nor, as a safeguard, any named graph)."""
        lines = self._unpacked(name, self._MEETING_LINES, self.MEETING_PARTS_GRAPH)
        if lines:
            others = {q.subject.value
                      for meeting in self._meetings(name)
                      for q in self.store.quads_for_pattern(None, self._ABOUT_MEETING, meeting,
                                                            self.MEETING_PARTS_GRAPH)
                      if isinstance(q.subject, ox.NamedNode)} - {name}
            stated = set()
            for other in others:
                stated.update(self._unpacked(other, self._MEETING_LINES, self.MEETING_PARTS_GRAPH).split(b"\n"))
            alone = b"".join(line + b"\n" for line in lines.split(b"\n") if line and line not in stated)
            default = ox.DefaultGraph()
            for q in ox.parse(alone, format=ox.RdfFormat.N_TRIPLES):
                if not any(not isinstance(h.graph_name, ox.DefaultGraph)
                           for h in self.store.quads_for_pattern(q.subject, q.predicate, q.object, None)):
                    self.store.remove(ox.Quad(q.subject, q.predicate, q.object, default))
        self._forget_bookkeeping(name, self.MEETING_PARTS_GRAPH)

    def _meetings(self, name: str) -> list[ox.NamedNode]:
        return [q.object for q in self.store.quads_for_pattern(ox.NamedNode(name), self._ABOUT_MEETING, None,
                                                               self.MEETING_PARTS_GRAPH)
                if isinstance(q.object, ox.NamedNode)]

    @staticmethod
    def _packed(data: bytes) -> str:
        import base64
        import zlib

        return base64.b64encode(zlib.compress(data, 1)).decode("ascii")

    def _unpacked(self, name: str, predicate: ox.NamedNode, graph: ox.NamedNode) -> bytes:
        import base64
        import zlib

        for q in self.store.quads_for_pattern(ox.NamedNode(name), predicate, None, graph):
            if isinstance(q.object, ox.Literal):
                return zlib.decompress(base64.b64decode(q.object.value))
        return b""

    def _meeting_part_quads(self, name: str, lines: list[bytes], base: str) -> bytes:
        """The N-Quads lines recording a paper's meeting triples and the meetings they lie
        under (loaded with its named graph)."""
        from graf.graph.iri import meeting_of

        subjects = {line[1:line.index(b">")] for line in lines}
        meetings = {m for subject in subjects if (m := meeting_of(subject.decode("utf-8"), base))}
        graph = self.MEETING_PARTS_GRAPH.value
        packed = self._packed(b"".join(line + b"\n" for line in lines))
        out = [f"<{name}> <{self._MEETING_LINES.value}> \"{packed}\" <{graph}> .\n"]
        out += [f"<{name}> <{self._ABOUT_MEETING.value}> <{m}> <{graph}> .\n" for m in sorted(meetings)]
        return "".join(out).encode("utf-8")

    def _remove_named(self, target: ox.NamedNode) -> None:
        """Drop a named graph, and from the union each of its triples no other graph holds
        (nor another paper's meeting part: a store built before meeting parts existed keeps
        meeting triples in its papers' named graphs until they are rebuilt)."""
        triples = [q.triple for q in self.store.quads_for_pattern(None, None, None, target)]
        self.store.remove_graph(target)
        default = ox.DefaultGraph()
        meeting_parts: dict[str, set] = {}
        for t in triples:
            still_held = any(not isinstance(q.graph_name, ox.DefaultGraph)
                             for q in self.store.quads_for_pattern(t.subject, t.predicate, t.object, None))
            if not still_held and not self._in_meeting_part(t, target.value, meeting_parts):
                self.store.remove(ox.Quad(t.subject, t.predicate, t.object, default))

    def _in_meeting_part(self, triple: ox.Triple, besides: str, parsed: dict[str, set]) -> bool:
        """Whether a paper other than ``besides`` states ``triple`` in its meeting part: those
        of the papers registered under a meeting its subject may lie under (the prefixes
        graf.graph.iri.meeting_of can give), parsed once per removal into ``parsed``."""
        from graf.graph.iri import meeting_prefixes

        subject = triple.subject.value if isinstance(triple.subject, ox.NamedNode) else ""
        for meeting in meeting_prefixes(subject):
            for q in self.store.quads_for_pattern(None, self._ABOUT_MEETING, ox.NamedNode(meeting),
                                                  self.MEETING_PARTS_GRAPH):
                graph = q.subject.value if isinstance(q.subject, ox.NamedNode) else ""
                if graph == besides:
                    continue
                if graph not in parsed:
                    lines = self._unpacked(graph, self._MEETING_LINES, self.MEETING_PARTS_GRAPH)
                    parsed[graph] = {x.triple for x in ox.parse(lines, format=ox.RdfFormat.N_TRIPLES)}
                if triple in parsed[graph]:
                    return True
        return False

    def _own_subjects_quad(self, name: str, subjects: list[str]) -> bytes:
        """The N-Quads line recording a paper's own subjects (loaded with its named graph)."""
        packed = self._packed("\n".join(subjects).encode("utf-8"))
        return (f"<{name}> <{self._OWN_SUBJECTS.value}> \"{packed}\" "
                f"<{self.OWN_SUBJECTS_GRAPH.value}> .\n").encode()

    def _own_subjects(self, name: str) -> list[str]:
        return self._unpacked(name, self._OWN_SUBJECTS, self.OWN_SUBJECTS_GRAPH).decode("utf-8").splitlines()

    def _forget_bookkeeping(self, name: str, bookkeeping: ox.NamedNode) -> None:
        """Drop what a bookkeeping graph records of paper graph ``name``."""
        for q in list(self.store.quads_for_pattern(ox.NamedNode(name), None, None, bookkeeping)):
            self.store.remove(q)

    def _graphs_with_own_subjects(self) -> list[str]:
        return self._graphs_with(self._OWN_SUBJECTS, self.OWN_SUBJECTS_GRAPH)

    def _graphs_with_meeting_parts(self) -> list[str]:
        return self._graphs_with(self._MEETING_LINES, self.MEETING_PARTS_GRAPH)

    def _graphs_with(self, predicate: ox.NamedNode, bookkeeping: ox.NamedNode) -> list[str]:
        """The paper graphs that have a ``predicate`` entry in a bookkeeping graph."""
        return sorted(q.subject.value for q in self.store.quads_for_pattern(None, predicate, None, bookkeeping)
                      if isinstance(q.subject, ox.NamedNode))

    def paper_quads(self) -> Iterator[ox.Quad]:
        """Every paper's triples in its paper's named graph, as a dataset with one complete
        graph per paper would hold them: the shared triples from the named graph, the paper's
        own from the default graph (by the subjects listed for it). The default graph itself
        (the union) is not repeated."""
        for g in self.store.named_graphs():
            if g not in self.BOOKKEEPING_GRAPHS:
                yield from self.store.quads_for_pattern(None, None, None, g)
        default = ox.DefaultGraph()
        for name in self._graphs_with_own_subjects():
            graph = ox.NamedNode(name)
            for subject in self._own_subjects(name):
                for q in self.store.quads_for_pattern(ox.NamedNode(subject), None, None, default):
                    yield ox.Quad(q.subject, q.predicate, q.object, graph)
        for name in self._graphs_with_meeting_parts():
            lines = self._unpacked(name, self._MEETING_LINES, self.MEETING_PARTS_GRAPH)
            graph = ox.NamedNode(name)
            for q in ox.parse(lines, format=ox.RdfFormat.N_TRIPLES):
                yield ox.Quad(q.subject, q.predicate, q.object, graph)

    def load_file(self, path: str | Path, name: str | None = None) -> None:
        p = Path(path)
        fmt = _FORMATS_BY_SUFFIX.get(p.suffix.lower())
        if fmt is None:
            raise UsageError(f"{path}: unknown RDF file extension (use .ttl .nt .nq .trig .jsonld)")
        if not p.is_file():
            raise InputError(str(path), "no such file")
        from graf.rdf_input import refuse_hazards

        refuse_hazards(path)
        kwargs = {}
        if name is not None and fmt not in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG):
            kwargs["to_graph"] = ox.NamedNode(name)
        try:
            self.store.load(path=str(p), format=fmt, **kwargs)
        except (SyntaxError, ValueError, OSError) as exc:
            raise InputError(str(path), f"not loadable as {fmt}: {exc}") from None
        if fmt in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG) and name is None:
            # a dataset file: its papers' union becomes the default graph that queries read
            self.store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")

    def named_graphs(self) -> list[str]:
        """The papers' named graphs (not the store's bookkeeping graph)."""
        return sorted(g.value for g in self.store.named_graphs()
                      if isinstance(g, ox.NamedNode) and g not in self.BOOKKEEPING_GRAPHS)

    def __len__(self) -> int:
        """Triples in the default graph (the union of the papers), each counted once."""
        result = self.store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(next(iter(result))[0].value)

    def query(self, query_text: str, bindings: Mapping[str, object] | None = None
              ) -> tuple[list[str], list[Row]]:
        subs = {ox.Variable(k.lstrip("?$")): to_ox(v) for k, v in (bindings or {}).items()}
        try:
            try:
                result = self.store.query(query_text, substitutions=subs or None)
            except RuntimeError as exc:
                if not subs or "projection" not in str(exc):
                    raise
                # Oxigraph substitutes only projected variables; bind the others with a VALUES
                # block of escaped RDF terms (still never pasting raw input into the query).
                from graf.remote import bind_into_query

                bound = bind_into_query(query_text, {k.lstrip("?$"): v for k, v in bindings.items()})
                result = self.store.query(bound)
        except SyntaxError as exc:
            raise UsageError(f"SPARQL syntax error: {exc}") from None
        except RuntimeError as exc:
            raise UsageError(f"cannot run query: {exc}") from None
        if isinstance(result, (ox.QueryBoolean, bool)):
            return ["ask"], [(Literal(bool(result)),)]
        if isinstance(result, ox.QuerySolutions):
            names = [v.value for v in result.variables]
            return names, _convert_rows(result)
        rows = _convert_rows((t.subject, t.predicate, t.object) for t in result)
        return ["subject", "predicate", "object"], rows

    # ------------------------------------------------------------- incremental builds
    #
    # The store keeps a manifest (graf-manifest.json in the store folder): for every source
    # file, the checksum of its bytes, the checksum of its text and the named graph holding its
    # triples. A paper's graph is named after its text checksum, so a changed paper is loaded
    # under a new name (an atomic load) before the manifest switches to it and the old graph is
    # dropped: a build interrupted at any point leaves each paper either as it was or as it is
    # now, and graphs that no manifest entry names (left by an interrupted build) are dropped at
    # the start of the next one.

    MANIFEST = "graf-manifest.json"
    JOURNAL = "graf-manifest.journal"

    # The manifest is a snapshot (graf-manifest.json, rewritten when the store is closed) plus
    # a journal of the changes since (one JSON line per paper, appended and fsynced as each
    # paper commits), so recording a paper costs the same in a store of ten papers as in one
    # of ten thousand.

    def manifest(self) -> dict[str, dict]:
        """A copy of the manifest: source path -> entry."""
        return dict(self._papers())

    def _papers(self) -> dict[str, dict]:
        """The manifest itself, for reading inside the store (manifest() copies it, which
        per paper of a large build would cost time quadratic in the papers)."""
        if getattr(self, "_manifest", None) is None:
            self._manifest = self._read_manifest()
        return self._manifest

    def _read_manifest(self) -> dict[str, dict]:
        if self.path is None:
            return {}
        papers: dict[str, dict] = {}
        snap = self.path / self.MANIFEST
        try:
            if snap.exists():
                papers = dict(json.loads(snap.read_text(encoding="utf-8")).get("papers", {}))
            journal = self.path / self.JOURNAL
            if journal.exists():
                for line in journal.read_text(encoding="utf-8").splitlines():
                    if not line.strip():
                        continue
                    try:
                        change = json.loads(line)
                    except ValueError:
                        break  # a line cut short by a crash: nothing after it committed
                    if change.get("entry") is None:
                        papers.pop(change["path"], None)
                    else:
                        papers[change["path"]] = change["entry"]
        except (OSError, ValueError, KeyError) as exc:
            raise InputError(str(snap), f"unreadable store manifest: {exc}") from None
        return papers

    def _record(self, path: str, entry: dict | None) -> None:
        """Commit one manifest change (the switch that makes a paper's new graph current)."""
        self._record_many([(path, entry)])

    def _record_many(self, changes: list[tuple[str, dict | None]]) -> None:
        """Commit manifest changes together: one journal append, one fsync; the manifest in
        memory changes only once the journal holds them."""
        papers = self._papers()
        if self.path is not None:
            lines = "".join(json.dumps({"path": path, "entry": entry}, ensure_ascii=False, sort_keys=True) + "\n"
                            for path, entry in changes)
            with open(self.path / self.JOURNAL, "a", encoding="utf-8") as fh:
                fh.write(lines)
                fh.flush()
                os.fsync(fh.fileno())
        for path, entry in changes:
            if entry is None:
                papers.pop(path, None)
            else:
                papers[path] = entry
        self._journal_dirty = True

    def _compact_manifest(self) -> None:
        if self.path is None or not getattr(self, "_journal_dirty", False):
            return
        from graf.export import write_atomic

        body = json.dumps({"version": 1, "papers": self._manifest}, ensure_ascii=False, indent=1,
                          sort_keys=True)
        write_atomic(self.path / self.MANIFEST, body.encode("utf-8"))
        try:
            (self.path / self.JOURNAL).unlink()
        except OSError:
            pass
        self._journal_dirty = False

    def put_paper(self, path: str, raw_sha256: str, text_sha256: str, graph: Graph, base: str,
                  builder: str | None = None) -> str:
        """Load one paper's graph and record it in the manifest (with the fingerprint of the
        ``builder`` that made it, when given); returns the graph name."""
        return self.put_papers([(path, raw_sha256, text_sha256, graph, base, builder)])[0]

    def put_papers(self, papers: list[tuple]) -> list[str]:
        """put_paper for several papers (tuples of its arguments) at once: one bulk load for
        their named graphs, one for the union, one journal commit. RocksDB pays a fixed cost
        per bulk load (a table file per index), and a crash before the commit leaves all of
        them uncommitted: the next build's drop_orphans() removes what was loaded."""
        from graf.graph.iri import Minter, split_own_lines

        names, named_parts, union_parts, changes = [], [], [], []
        # removals first: each forgets the lines put into the union (see _new_to_union)
        for _path, _raw, text_sha256, _graph, base, *_rest in papers:
            name = Minter(base).paper_graph(text_sha256)
            if self._may_hold(name):
                self._remove_paper_graph(name)
        for path, raw_sha256, text_sha256, graph, base, *rest in papers:
            builder = rest[0] if rest else None
            mint = Minter(base)
            name, document = mint.paper_graph(text_sha256), mint.document(text_sha256)
            if hasattr(graph, "split_ntriples"):
                parts = graph.split_ntriples(document)
            else:
                parts = split_own_lines(graph.serialize(format="nt", encoding="utf-8"), document)
            if parts.own_subjects:
                named_parts.append(self._own_subjects_quad(name, parts.own_subjects))
            lines = parts.others.split(b"\n")
            in_meeting = b"<" + mint.meeting_root.encode("utf-8")
            meeting: list[bytes] = []
            shared: list[bytes] = []
            for line in lines:
                if line:
                    (meeting if line.startswith(in_meeting) else shared).append(line)
            if meeting:
                named_parts.append(self._meeting_part_quads(name, meeting, mint.base))
            if shared:
                named_parts.append((b"\n".join(shared) + b"\n").replace(b" .\n", b" <" + name.encode("utf-8") + b"> .\n"))
            union_parts.append(parts.own)
            union_parts.append(self._new_to_union(meeting + shared))
            entry = {"raw_sha256": raw_sha256, "text_sha256": text_sha256, "graph": name, "base": base}
            if builder is not None:
                entry["builder"] = builder
            changes.append((path, entry))
            names.append(name)
        # bulk_load writes sorted table files straight into RocksDB (2-3x faster than a
        # transactional load) but is not atomic. Safety comes from the order instead: the
        # named graphs with the subjects lists, the union, then the manifest switch. A crash before
        # the switch leaves graphs and subjects lists that no manifest entry names, and
        # drop_orphans() at the start of the next build removes them together with the union
        # triples that only they held.
        # lenient: the pipeline's own serialiser wrote these lines from IRIs it minted and
        # checked (graf.graph.terms.make_iri); validating every IRI again was a third of the
        # load's time. A malformed line still fails the load.
        if named_parts:
            self.store.bulk_load(b"".join(named_parts), format=ox.RdfFormat.N_QUADS, lenient=True)
        self.store.bulk_load(b"".join(union_parts), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph(),
                             lenient=True)
        old = {path: self._papers().get(path, {}).get("graph") for path, _ in changes}
        self._record_many(changes)
        self._papers_changed = getattr(self, "_papers_changed", 0) + len(changes)
        for (path, _), name in zip(changes, names):
            if old[path] and old[path] != name:
                self._drop_unreferenced(old[path], self._papers())
        return names

    def drop_paper(self, path: str) -> None:
        entry = self._papers().get(path)
        self._record(path, None)
        self._papers_changed = getattr(self, "_papers_changed", 0) + 1
        if entry:
            self._drop_unreferenced(entry["graph"], self._papers())

    def _drop_unreferenced(self, name: str, papers: dict[str, dict]) -> None:
        if any(e.get("graph") == name for e in papers.values()):
            return  # another file with the same text shares the graph
        self._remove_paper_graph(name)

    def drop_orphans(self) -> int:
        """Drop named graphs that no manifest entry names (left by an interrupted build)."""
        papers = self.manifest()
        if (not papers and self.path is not None and not (self.path / self.MANIFEST).exists()
                and not (self.path / self.JOURNAL).exists()):
            # a new store, or one graf did not build incrementally: leave its graphs alone
            self._orphans_dropped = next(iter(self.store.named_graphs()), None) is None \
                and not self._graphs_with_own_subjects()
            return 0
        keep = {e["graph"] for e in papers.values()}
        orphans = {g.value for g in self.store.named_graphs()
                   if isinstance(g, ox.NamedNode) and "/graph/" in g.value and g.value not in keep}
        orphans |= {name for name in self._graphs_with_own_subjects() + self._graphs_with_meeting_parts()
                    if name not in keep}
        for name in sorted(orphans):
            self._remove_paper_graph(name)
        self._orphans_dropped = True
        return len(orphans)

    def count(self) -> int:
        return len(self)

    def replace_papers(self, papers, base: str) -> None:
        """Put each (Source, Graph) in the store as put_paper does, replacing what an earlier
        build of the same paper put there."""
        self.put_papers([(source.path, source.raw_sha256, source.sha256, graph, base)
                         for source, graph in papers])
        self.flush()

    def flush(self) -> None:
        if self.path is not None and not self.read_only and self.store is not None:
            self.store.flush()

    def _worth_compacting(self) -> bool:
        changed = getattr(self, "_papers_changed", 0)
        return changed > 0 and changed * 10 >= max(80, len(self._papers()))

    def close(self) -> None:
        """Flush and release the database (RocksDB keeps files open until the store object is
        dropped; a later read-only open of the same folder needs them closed)."""
        if getattr(self, "store", None) is None:
            return
        if not self.read_only and self.path is not None and self._worth_compacting():
            # compacting after a build that changed much of the store halves later lookup
            # costs (a few sorted tables per index instead of one per bulk load); it rewrites
            # the whole database, so a build that touched a few papers of a large store leaves
            # the new tables to RocksDB's own background compaction
            self.store.optimize()
        if not self.read_only:
            self._compact_manifest()
        self.flush()
        self.store = None

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


Store = GraphStore  # the name the command line uses


class BackgroundWriter:
    """Runs ``write(*args)`` calls (e.g. a store's put_paper) on one background thread, in the
    order given, while the caller goes on processing the next papers. pyoxigraph lets go of
    the GIL while it parses and writes, so with two cores the writes and the pipeline run side
    by side.

    Use as a context manager; leaving it waits until every queued write is done (or, when
    leaving with an exception such as Ctrl-C, until the write under way is done and the rest
    are dropped, so a store still holds whole papers only). An error in a write is raised
    again in the caller at the next ``write`` or at the end.
    """

    def __init__(self, write: Callable[..., object], depth: int = 2,
                 write_batch: Callable[[list[tuple]], object] | None = None, min_batch: int = 1):
        self._write = write
        # with write_batch, the writer waits for min_batch writes (or the end) and does them,
        # with any others already waiting, in one call: RocksDB pays a fixed cost per bulk
        # load, and when writing is the slower side the batches grow by themselves
        self._write_batch = write_batch
        self._min_batch = max(1, min_batch) if write_batch is not None else 1
        self._queue: queue.Queue = queue.Queue(maxsize=max(depth, self._min_batch + 1))
        self._error: BaseException | None = None
        self._abort = False
        self._thread = threading.Thread(target=self._run, name="graf-store-writer", daemon=True)
        self._thread.start()

    def write(self, *args) -> None:
        self._raise_error()
        self._queue.put(args)

    def _run(self) -> None:
        while True:
            jobs = [self._queue.get()]
            while jobs[-1] is not None and len(jobs) < self._min_batch and not self._abort:
                jobs.append(self._queue.get())
            if self._write_batch is not None:
                while jobs[-1] is not None:
                    try:
                        jobs.append(self._queue.get_nowait())
                    except queue.Empty:
                        break
            done = jobs[-1] is None
            jobs = [j for j in jobs if j is not None]
            if jobs and self._error is None and not self._abort:
                try:
                    if self._write_batch is not None and len(jobs) > 1:
                        self._write_batch(jobs)
                    else:
                        for job in jobs:
                            self._write(*job)
                except BaseException as exc:  # handed to the caller's thread
                    self._error = exc
            if done:
                return

    def _raise_error(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            self._abort = True
            raise error

    def close(self, abort: bool = False) -> None:
        if self._thread.is_alive():
            self._abort = self._abort or abort
            self._queue.put(None)
            self._thread.join()
        if not abort:
            self._raise_error()

    def __enter__(self) -> BackgroundWriter:
        return self

    def __exit__(self, exc_type, *exc) -> None:
        self.close(abort=exc_type is not None)


def open_store(path: str | Path) -> GraphStore:
    return GraphStore(path)


def run_query(query_text: str, graph_or_store, bindings: Mapping[str, object] | None = None
              ) -> tuple[list[str], list[Row]]:
    """Run a SPARQL query over an rdflib Graph/Dataset, a GraphStore, a pyoxigraph Store or a
    graph file path. Returns the variable names and rows of rdflib terms (None when unbound)."""
    if isinstance(graph_or_store, GraphStore):
        store = graph_or_store
    elif isinstance(graph_or_store, ox.Store):
        store = GraphStore.__new__(GraphStore)
        store.path, store.store, store.read_only = None, graph_or_store, False
    elif isinstance(graph_or_store, (str, Path)):
        store = GraphStore()
        store.load_file(graph_or_store)
    elif isinstance(graph_or_store, Graph):
        store = GraphStore()
        store.load_graph(graph_or_store)
    else:
        raise UsageError(f"cannot query a {type(graph_or_store).__name__}")
    return store.query(query_text, bindings)


# ------------------------------------------------------------------ result formats

def _json_term(term: Node) -> dict:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype and term.datatype != XSD.string:
        out["datatype"] = str(term.datatype)
    return out


def _plain(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def format_results(variables: list[str], rows: Iterable[Row], fmt: str = "table") -> str:
    """``json`` (W3C SPARQL 1.1 Query Results JSON), ``csv`` (SPARQL 1.1 CSV), ``tsv`` or
    ``table`` (aligned columns for reading)."""
    rows = list(rows)
    fmt = fmt.lower()
    if fmt == "json":
        bindings = [{v: _json_term(t) for v, t in zip(variables, row) if t is not None}
                    for row in rows]
        return json.dumps({"head": {"vars": list(variables)}, "results": {"bindings": bindings}},
                          ensure_ascii=False, indent=2) + "\n"
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\r\n")
        safe = spreadsheet_safe if fmt == "csv" else str
        writer.writerow([safe(v) for v in variables])
        for row in rows:
            writer.writerow([safe(_plain(t)) for t in row])
        return buf.getvalue()
    if fmt == "table":
        cells = [[_plain(t).replace("\n", " ") for t in row] for row in rows]
        widths = [len(v) for v in variables]
        for row in cells:
            widths = [min(max(w, len(c)), 80) for w, c in zip(widths, row)]
        def fmt_row(values: list[str]) -> str:
            return "  ".join(v[:80].ljust(w) for v, w in zip(values, widths)).rstrip()
        lines = [fmt_row(list(variables)), fmt_row(["-" * w for w in widths])]
        lines += [fmt_row(r) for r in cells]
        lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
        return "\n".join(lines) + "\n"
    raise UsageError(f"unknown result format '{fmt}' (use table, csv, tsv or json)")


# ------------------------------------------------------------------ the base a graph was built with

_RECORDED_BASE = "SELECT DISTINCT ?base WHERE { ?doc <https://w3id.org/graf/ns#bas> ?base }"


def recorded_base(store_dir: str | Path | None = None, data: str | Path | None = None) -> str | None:
    """The IRI base the store ``store_dir`` or the graph file ``data`` was built with (the
    store's manifest records it per paper; every paper's graph states it with graf:bas), or
    None when it records none. Several bases (papers built with different --base) are refused:
    no single prefix would answer for all of them."""
    bases: set[str] = set()
    if store_dir is not None:
        with GraphStore(store_dir, read_only=True) as store:
            bases = {e["base"] for e in store.manifest().values() if e.get("base")}
            if not bases:
                bases = {str(r[0]) for r in store.query(_RECORDED_BASE)[1]}
    elif data is not None:
        bases = {str(r[0]) for r in run_query(_RECORDED_BASE, Path(data))[1]}
    if len(bases) > 1:
        raise UsageError(f"the graph was built with several bases ({', '.join(sorted(bases))}); give --base")
    return next(iter(bases), None)
