"""graf push: publish papers into a remote SPARQL 1.1 store so that it never destroys or lies.

The store ends up with
* one named graph per paper, named by the paper's *source identity* (graf.graph.iri
  Minter.source_graph), so a corrected paper replaces its graph instead of adding a second;
* a manifest graph recording, per paper graph, its source key and the checksum of its triples
  (data, not part of the name): unchanged papers are skipped, changed ones replaced, papers the
  data no longer holds dropped (unless the push is an increment);
* the deduplicated union of the paper graphs as the default graph (or, where the default graph
  cannot be written, as Virtuoso's, a named union graph that queries give as default-graph-uri),
  kept right on every replace or removal: what no other paper states is deleted, the new
  paper's triples inserted.

Every graph is first loaded into a staging graph (Graph Store PUT, else SPARQL Update in chunks
that halve when the store refuses their size) and then swapped in with *one* update request
(MOVE; a DROP + INSERT … WHERE in the same request only where MOVE is "not supported"). A
refused or interrupted load therefore leaves the published graph as it was.
"""

from __future__ import annotations

import hashlib
import urllib.parse
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import pyoxigraph as ox

from graf.errors import GrafError, UsageError
from graf.remote import Client, Credentials, RemoteError, StoreRefused, query_endpoint

GRAF = "https://w3id.org/graf/ns#"
SOURCE_KEY = GRAF + "sourceKey"
CHECKSUM = GRAF + "sha256"

# First INSERT DATA size: Virtuoso's SPARQL parser runs out of memory on ~4 MB requests and
# is fine at 250 KB; chunks halve from here whenever a store refuses one as too big.
START_CHUNK_BYTES = 250_000
MIN_CHUNK_BYTES = 2_000


@dataclass(frozen=True)
class PaperGraph:
    """One paper's triples as graf pushes them: ``key`` is its stable source identity."""
    key: str
    ntriples: bytes  # its triples as sorted N-Triples lines: what is sent, and what is checksummed
    checksum: str

    @property
    def lines(self) -> list[bytes]:
        return self.ntriples.splitlines(keepends=True)

    def __len__(self) -> int:
        return self.ntriples.count(b"\n")


@dataclass
class PushReport:
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    removed: int = 0
    triples: int = 0
    union_graph: str | None = None  # None: the default graph
    methods: set[str] = field(default_factory=set)
    chunk_bytes: int = START_CHUNK_BYTES


def serialized(items: Iterable[ox.Triple] | Iterable[ox.Quad], fmt: ox.RdfFormat) -> bytes:
    """pyoxigraph's serialisation as bytes (it returns None only when given an output file)."""
    data = ox.serialize(items, format=fmt)
    assert data is not None
    return data


def _value(term: object) -> str:
    return str(getattr(term, "value", term))


def sorted_ntriples(triples: Iterable[ox.Triple]) -> bytes:
    """The graph as sorted N-Triples lines (graf mints no blank nodes, so equal graphs give
    equal bytes whatever the order they came in)."""
    return b"".join(sorted(serialized(list(triples), ox.RdfFormat.N_TRIPLES).splitlines(keepends=True)))


def checksum(ntriples: bytes) -> str:
    return hashlib.sha256(ntriples).hexdigest()


def _n3(iri: str) -> str:
    return ox.NamedNode(iri).__str__()


def _literal(value: str) -> str:
    return ox.Literal(value).__str__()


# ----------------------------------------------------------------------------- endpoints


def gsp_url(update_endpoint: str) -> str | None:
    """The Graph Store Protocol URL beside an update endpoint: Oxigraph serves /store beside
    /update, Virtuoso /sparql-graph-crud-auth beside /sparql-auth. None when unknown."""
    parts = urllib.parse.urlsplit(update_endpoint)
    path = parts.path.rstrip("/")
    for tail, gsp in (("/update", "/store"), ("/sparql-auth", "/sparql-graph-crud-auth")):
        if path.endswith(tail):
            return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path[: -len(tail)] + gsp, "", ""))
    return None


def query_url(update_endpoint: str) -> str:
    """The query endpoint beside an update endpoint (Oxigraph and Fuseki: /query beside
    /update); Virtuoso's /sparql-auth answers both."""
    parts = urllib.parse.urlsplit(update_endpoint)
    path = parts.path.rstrip("/")
    if path.endswith("/update"):
        return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path[: -len("/update")] + "/query", "", ""))
    return update_endpoint


def _not_supported(exc: StoreRefused, keyword: str) -> bool:
    """Whether a refusal says the store lacks an operation (not that the data is wrong)."""
    text = exc.text.lower()
    if exc.status == 501:
        return True
    return exc.status == 400 and keyword.lower() in text and any(
        w in text for w in ("not supported", "unsupported", "not implemented", "syntax error", "unknown"))


def _too_big(exc: StoreRefused) -> bool:
    """A refusal that a smaller request may get past: 413, a 500, or a parser out of room."""
    if exc.status in (413, 500, 503, 507):
        return True
    text = exc.text.lower()
    return exc.status == 400 and any(w in text for w in (
        "memory", "too large", "too long", "too big", "exceed", "stack", "sr4", "sp031"))


# ----------------------------------------------------------------------------- the pusher


class Pusher:
    def __init__(self, endpoint: str, base: str, *, login: Credentials | None = None, timeout: float = 120.0,
                 method: str = "auto", union_graph: str | None = None, query_endpoint_url: str | None = None,
                 say: Callable[[str], None] | None = None,
                 progress: Callable[[int], Callable[[int, int, str, str], None]] | None = None):
        """``progress``, given the number of paper graphs to send, returns the callback told
        (done, total, graph, "added" | "replaced") after each one (graf.progress.Progress)."""
        if method not in ("auto", "gsp", "update"):
            raise UsageError(f"unknown push method {method!r} (auto, gsp, update)")
        from graf.graph.iri import Minter

        self.client = Client(endpoint, login, timeout)
        self.login = login
        self.timeout = timeout
        self.mint = Minter(base)
        self.method = method
        self.gsp = gsp_url(endpoint) if method in ("auto", "gsp") else None
        if method == "gsp" and self.gsp is None:
            raise UsageError(f"{endpoint}: cannot tell the Graph Store Protocol URL (expected …/update or "
                             "…/sparql-auth); use --method update")
        self.query_url = query_endpoint_url or query_url(endpoint)
        self.union_choice = union_graph  # "default", an IRI, or None (decide from the store)
        self.manifest_graph = self.mint.push_manifest_graph()
        self.paper_prefix = self.mint("graph", "paper", "")
        self.report = PushReport()
        self.say = say or (lambda _msg: None)
        self.progress = progress
        self.chunk_bytes = START_CHUNK_BYTES

    # -- graph names

    def graph_of(self, key: str) -> str:
        return self.mint.source_graph(key)

    def _union_target(self) -> str | None:
        """The union's graph: None = the store's default graph."""
        if self.union_choice == "default":
            return None
        if self.union_choice:
            return self.union_choice
        return self.mint.union_graph() if self.client.is_virtuoso() else None

    # -- remote state

    def remote_manifest(self) -> dict[str, tuple[str, str]]:
        """graph IRI -> (source key, checksum) as the store records them."""
        q = (f"SELECT ?g ?key ?sum WHERE {{ GRAPH {_n3(self.manifest_graph)} "
             f"{{ ?g {_n3(SOURCE_KEY)} ?key ; {_n3(CHECKSUM)} ?sum }} }} ORDER BY ?g")
        _, rows = query_endpoint(self.query_url, q, timeout=self.timeout, login=self.login)
        # learn who the store is (its Server header) from the same endpoint
        if not self.client.server:
            try:
                self.client.request("POST", b"query=ASK%7B%7D",
                                    {"Content-Type": "application/x-www-form-urlencoded",
                                     "Accept": "application/sparql-results+json"}, url=self.query_url)
            except RemoteError:
                pass
        return {str(g): (str(k), str(s)) for g, k, s in rows}

    # -- requests

    def update(self, text: str) -> None:
        self.client.request("POST", text.encode("utf-8"), {"Content-Type": "application/sparql-update"})

    def stage(self, staging: str, body: bytes) -> None:
        """Load N-Triples into the (emptied) staging graph."""
        if self.gsp:
            url = f"{self.gsp}?graph={urllib.parse.quote(staging, safe='')}"
            try:
                self.client.request("PUT", body, {"Content-Type": "application/n-triples"}, url=url)
                self.report.methods.add("gsp")
                return
            except StoreRefused as exc:
                if self.method == "gsp" or exc.status in (401, 403) or 300 <= exc.status < 400:
                    raise
                # the store does not take the PUT there (or not this big): SPARQL Update, chunked
                self.gsp = None
                self.say(f"graf push: Graph Store PUT refused ({exc}); using SPARQL Update")
        self.update(f"DROP SILENT GRAPH {_n3(staging)}")
        lines = body.splitlines(keepends=True)
        self._insert(staging, lines)
        self.report.methods.add("update")

    def _insert(self, graph: str, lines: list[bytes]) -> None:
        """INSERT DATA the lines in chunks of ~chunk_bytes; a chunk refused as too big is
        split in two and both halves retried, and later chunks start at the smaller size."""
        pending = self._chunks(lines)
        while pending:
            chunk = pending.pop(0)
            raw = b"".join(chunk)
            try:
                self.update(f"INSERT DATA {{ GRAPH {_n3(graph)} {{\n{raw.decode('utf-8')}\n}} }}")
            except StoreRefused as exc:
                # below MIN_CHUNK_BYTES a refusal is the store's last word, not a size problem
                if not _too_big(exc) or len(chunk) < 2 or len(raw) < MIN_CHUNK_BYTES:
                    raise
                half = len(chunk) // 2
                self.chunk_bytes = max(MIN_CHUNK_BYTES, len(raw) // 2)
                pending[0:0] = [chunk[:half], chunk[half:]]
        self.report.chunk_bytes = self.chunk_bytes

    def _chunks(self, lines: list[bytes]) -> list[list[bytes]]:
        out: list[list[bytes]] = []
        cur: list[bytes] = []
        size = 0
        for line in lines:
            if cur and size + len(line) > self.chunk_bytes:
                out.append(cur)
                cur, size = [], 0
            cur.append(line)
            size += len(line)
        if cur:
            out.append(cur)
        return out

    def swap(self, staging: str, target: str | None, before: Sequence[str] = (), after: Sequence[str] = ()) -> None:
        """Move the staging graph onto ``target`` (None: the default graph) in one request,
        with the ``before`` and ``after`` operations in the same request."""
        dest = "DEFAULT" if target is None else f"GRAPH {_n3(target)}"
        move = [f"MOVE SILENT GRAPH {_n3(staging)} TO {dest}"]
        try:
            self.update(" ;\n".join([*before, *move, *after]))
            return
        except StoreRefused as exc:
            if not _not_supported(exc, "move"):
                raise
        into = "" if target is None else f"GRAPH {_n3(target)} "
        replace = [f"DROP SILENT {dest}",
                   f"INSERT {{ {into}{{ ?s ?p ?o }} }} WHERE {{ GRAPH {_n3(staging)} {{ ?s ?p ?o }} }}",
                   f"DROP SILENT GRAPH {_n3(staging)}"]
        self.update(" ;\n".join([*before, *replace, *after]))

    # -- union maintenance

    def _union_template(self, union: str | None) -> str:
        return "{ ?s ?p ?o }" if union is None else f"{{ GRAPH {_n3(union)} {{ ?s ?p ?o }} }}"

    def union_delete(self, graph: str, union: str | None) -> str:
        """Delete from the union what ``graph`` states and no other paper graph does."""
        return (f"DELETE {self._union_template(union)} WHERE {{ GRAPH {_n3(graph)} {{ ?s ?p ?o }} "
                f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != {_n3(graph)} && "
                f"STRSTARTS(STR(?other), {_literal(self.paper_prefix)})) }} }}")

    def union_insert(self, graph: str, union: str | None) -> str:
        return f"INSERT {self._union_template(union)} WHERE {{ GRAPH {_n3(graph)} {{ ?s ?p ?o }} }}"

    def manifest_ops(self, graph: str, paper: PaperGraph | None) -> list[str]:
        ops = [f"DELETE WHERE {{ GRAPH {_n3(self.manifest_graph)} {{ {_n3(graph)} ?p ?o }} }}"]
        if paper is not None:
            ops.append(f"INSERT DATA {{ GRAPH {_n3(self.manifest_graph)} {{ {_n3(graph)} "
                       f"{_n3(SOURCE_KEY)} {_literal(paper.key)} ; {_n3(CHECKSUM)} {_literal(paper.checksum)} }} }}")
        return ops

    # -- the whole push

    def push_papers(self, papers: list[PaperGraph], increment: bool = False) -> PushReport:
        keys = [p.key for p in papers]
        if len(set(keys)) != len(keys):
            dup = sorted({k for k in keys if keys.count(k) > 1})[0]
            raise UsageError(f"two papers share the source key {dup!r}; graf push needs one key per paper")
        try:
            remote = self.remote_manifest()
            union = self._union_target()
            foreign_union = not remote and not self._union_is_empty(union)
        except RemoteError as exc:
            # only reads so far: say so, as the failures after the first write say what holds
            raise RemoteError(f"{exc}; nothing at the store was changed") from None
        self.report.union_graph = union
        if foreign_union:
            # a store graf has not pushed into with a manifest (or an older graf's push): its
            # union cannot be told apart from other data, so it is rebuilt from the papers
            self.say("graf push: no manifest at the store; the union graph is rebuilt from the papers")
            self.update(f"DROP SILENT {'DEFAULT' if union is None else 'GRAPH ' + _n3(union)}")
        local = {self.graph_of(p.key): p for p in papers}
        done = 0
        todo = [(g, p) for g, p in local.items() if remote.get(g, ("", ""))[1] != p.checksum]
        self.report.unchanged = len(local) - len(todo)
        vanished = [] if increment else sorted(set(remote) - set(local))
        tick = self.progress(len(todo)) if self.progress and todo else None
        try:
            # One request per paper: union delete, swap, union insert and manifest entry
            # together, so the union, the paper graphs and the manifest agree after every
            # request. (Moving one whole union graph at the end instead runs past Virtuoso's
            # transaction log limit, SR325, at a few hundred papers.)
            for graph, paper in todo:
                staging = self.mint.staging_graph(graph)
                self.stage(staging, paper.ntriples)
                self.swap(staging, graph, before=[self.union_delete(graph, union)],
                          after=[self.union_insert(graph, union), *self.manifest_ops(graph, paper)])
                if graph in remote:
                    self.report.replaced += 1
                else:
                    self.report.added += 1
                self.report.triples += len(paper)
                done += 1
                if tick is not None:
                    tick(done, len(todo), paper.key, "replaced" if graph in remote else "added")
            for graph in vanished:
                self.update(" ;\n".join([self.union_delete(graph, union), f"DROP SILENT GRAPH {_n3(graph)}",
                                         *self.manifest_ops(graph, None)]))
                self.report.removed += 1
        except RemoteError as exc:
            raise RemoteError(
                f"{exc}; push stopped after {done} of {len(todo)} paper graph(s) and {self.report.removed} "
                "removal(s): each paper at the store is wholly as before or wholly new, and the union and "
                "manifest match them; push again to finish") from None
        return self.report

    def _union_is_empty(self, union: str | None) -> bool:
        pattern = "{ ?s ?p ?o }" if union is None else f"{{ GRAPH {_n3(union)} {{ ?s ?p ?o }} }}"
        _, rows = query_endpoint(self.query_url, f"SELECT ?s WHERE {pattern} LIMIT 1", timeout=self.timeout,
                                 login=self.login)
        return not rows

    def push_one_graph(self, graph: str, triples: list[ox.Triple]) -> PushReport:
        """Replace one named graph (--graph IRI) through a staging graph."""
        staging = self.mint.staging_graph(graph)
        try:
            self.stage(staging, serialized(triples, ox.RdfFormat.N_TRIPLES))
            self.swap(staging, graph)
        except RemoteError as exc:
            raise RemoteError(f"{exc}; graph <{graph}> is as it was before the push") from None
        self.report.replaced = 1
        self.report.triples = len(triples)
        return self.report


# ----------------------------------------------------------------------------- papers from data


def papers_from_quads(quads: list[ox.Quad], store_keys: dict[str, str] | None = None) -> list[PaperGraph]:
    """The papers of a dataset with their stable keys (see source_keys)."""
    from graf import publish

    graphs = publish.paper_graphs(quads)
    keys = source_keys([(g.iri, *paper_identity(g.triples)) for g in graphs], store_keys)
    return [paper_graph(key, g.triples) for key, g in zip(keys, graphs)]


def paper_identity(triples: Sequence[ox.Triple]) -> tuple[str | None, str | None]:
    """What a paper graph says of its source: the name of the file it was read from
    (prov:wasDerivedFrom / schema:name) and its text checksum; (None, None) for a graph
    without a document."""
    text_p, sha_p = ox.NamedNode(GRAF + "text"), ox.NamedNode(GRAF + "sha256")
    derived = ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")
    name_p = ox.NamedNode("http://schema.org/name")
    docs = sorted((t.subject for t in triples if t.predicate == text_p), key=_value)
    if not docs:
        return None, None
    doc = docs[0]
    files = {t.object for t in triples if t.subject == doc and t.predicate == derived}
    names = sorted(_value(t.object) for t in triples if t.subject in files and t.predicate == name_p)
    shas = [_value(t.object) for t in triples if t.subject == doc and t.predicate == sha_p]
    return (names[0] if names else None), (shas[0] if shas else _value(doc))


def source_keys(found: Sequence[tuple[str, str | None, str | None]],
                store_keys: dict[str, str] | None = None) -> list[str]:
    """The stable key of each paper graph, given as (graph IRI, file name, text checksum) from
    paper_identity, all of a dataset's papers at once (a name shared by two papers is told
    apart by the text).

    ``store_keys`` maps a graph name to its source path (a graf store's manifest); otherwise
    a paper's key is the name of the file it was read from, as the graph records it; two
    papers read from files of the same name get their text checksum added, and a graph
    without a document is keyed by its name."""
    from collections import Counter

    named = Counter(name for _, name, _ in found if name is not None)
    shared_names = {n for n, count in named.items() if count > 1}
    keys = []
    for iri, name, identity in found:
        if store_keys and iri in store_keys:
            keys.append(store_keys[iri])
        elif identity is None:
            keys.append(f"text:{iri}")
        elif name is None:
            keys.append(f"text:{identity}")
        elif name in shared_names:
            # two papers read from files of one name: the text tells them apart (a corrected
            # one then gets a new key, and a mirroring push drops the old)
            keys.append(f"file:{name}#{identity[:16]}")
        else:
            keys.append(f"file:{name}")
    return keys


def paper_graph(key: str, triples: Iterable[ox.Triple]) -> PaperGraph:
    nt = sorted_ntriples(triples)
    return PaperGraph(key, nt, checksum(nt))


def push(endpoint: str, quads: list[ox.Quad], *, store_keys: dict[str, str] | None = None,
         graph: str | None = None, increment: bool = False, **options: object) -> PushReport:
    if not quads:
        raise GrafError("nothing to push: the data holds no triples")
    from graf.publish import data_base

    pusher = Pusher(endpoint, data_base(quads), **options)  # type: ignore[arg-type]
    if graph:
        from graf.publish import merged_triples

        return pusher.push_one_graph(graph, list(merged_triples(quads)))
    return pusher.push_papers(papers_from_quads(quads, store_keys), increment=increment)
