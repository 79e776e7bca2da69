"""Publishing a built graph: open it from a file or a store, split it into one named graph per
source paper, and write dumps (Turtle, N-Quads, framed JSON-LD) with a DCAT-AP-SE description.

Works on pyoxigraph terms throughout (fast, streaming serialisers); rdflib is used only for the
JSON-LD compaction against the shipped context.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from graf.errors import GrafError, InputError, UsageError
from graf.graph.iri import text_span
from graf.settings import PROVENANCE_FORMS

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
OA = "http://www.w3.org/ns/oa#"
PROV = "http://www.w3.org/ns/prov#"
BESLUIT = "http://data.vlaanderen.be/ns/besluit#"
DCT = "http://purl.org/dc/terms/"
DCAT = "http://www.w3.org/ns/dcat#"
FOAF = "http://xmlns.com/foaf/0.1/"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
GRAF = "https://w3id.org/graf/ns#"
IANA_MEDIA = "http://www.iana.org/assignments/media-types/"
EU_FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
CC0 = "http://creativecommons.org/publicdomain/zero/1.0/"

_DOC_IRI = re.compile(r"^(?P<base>.*)dokument/(?P<sha>[0-9a-f]{16,64})$")

# file extension -> pyoxigraph format
_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE, ".turtle": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG, ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD, ".rdf": ox.RdfFormat.RDF_XML, ".xml": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML, ".n3": ox.RdfFormat.N3,
}


# ----------------------------------------------------------------------------- opening data


def rdf_format(path: Path) -> ox.RdfFormat:
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = " ".join(sorted(_FORMATS))
        raise InputError(str(path), f"unknown RDF file type {path.suffix or '(none)'} (known: {known})")
    return fmt


def load_file(path: str | Path) -> list[ox.Quad]:
    """Parse an RDF file into quads (named graphs of .nq/.trig files are kept).

    Parsed, not loaded into a pyoxigraph Store: the store rewrites derived numeric datatypes
    (xsd:nonNegativeInteger becomes xsd:integer), and dumps must keep the data as built."""
    path = Path(path)
    if not path.is_file():
        raise InputError(str(path), "no such file")
    from graf.rdf_input import refuse_hazards

    refuse_hazards(path)
    fmt = rdf_format(path)
    try:
        return list(ox.parse(path=str(path), format=fmt))
    except SyntaxError as exc:
        raise InputError(str(path), f"not valid {fmt.name}: {str(exc).splitlines()[0]}") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read ({exc})") from None


def open_store_dir(directory: str | Path) -> ox.Store:
    """Open an on-disk pyoxigraph store (graf build --store) read-only."""
    directory = Path(directory)
    if not directory.is_dir():
        raise InputError(str(directory), "no such store folder")
    try:
        return ox.Store.read_only(str(directory))
    except OSError as exc:
        raise InputError(str(directory), f"not a readable graph store ({str(exc).splitlines()[0]})") from None


def open_source(data: str | None = None, store_dir: str | None = None) -> list[ox.Quad]:
    """All quads of a graph file or of a store folder."""
    if bool(data) == bool(store_dir):
        raise UsageError("give exactly one of a graph file or --store DIR")
    if data:
        return load_file(data)
    from graf.store import GraphStore

    raw = open_store_dir(store_dir)
    if raw.contains_named_graph(GraphStore.OWN_SUBJECTS_GRAPH):
        # a graf store keeps each paper's own triples in the default graph only (see
        # GraphStore); its papers' complete graphs are put together from both
        del raw
        with GraphStore(store_dir, read_only=True) as store:
            return list(store.paper_quads())
    quads = list(raw.quads_for_pattern(None, None, None, None))
    if any(not isinstance(q.graph_name, ox.DefaultGraph) for q in quads):
        # graf's store keeps the union of its papers' named graphs in the default graph too;
        # the named graphs alone are the data
        quads = [q for q in quads if not isinstance(q.graph_name, ox.DefaultGraph)]
    return quads


def _triple(q: ox.Quad) -> ox.Triple:
    return ox.Triple(q.subject, q.predicate, q.object)


def named_graphs(quads: list[ox.Quad]) -> list:
    return sorted({q.graph_name for q in quads if not isinstance(q.graph_name, ox.DefaultGraph)},
                  key=lambda g: g.value)


def merged_triples(quads: Iterable[ox.Quad]) -> Iterator[ox.Triple]:
    """Every triple of every graph once (the RDF merge of the dataset), in input order."""
    seen: set[tuple] = set()
    for q in quads:
        key = (q.subject, q.predicate, q.object)
        if key not in seen:
            seen.add(key)
            yield ox.Triple(*key)


def materialise(quads: list[ox.Quad], directory: str | Path) -> None:
    """Write an on-disk store at ``directory`` whose default graph is the merge of all graphs
    (so queries need no union-graph flag and see no duplicates) and whose named graphs are
    kept for GRAPH queries."""
    target = ox.Store(str(directory))
    target.bulk_extend(q for q in quads if not isinstance(q.graph_name, ox.DefaultGraph))
    target.bulk_extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph())
                       for t in merged_triples(quads))
    target.flush()
    del target


# ----------------------------------------------------------------------------- per-paper graphs


def paper_graph_iri(document_iri: str) -> str:
    """The named graph of one paper, the same IRI graf.pipeline gives it ({base}graph/{sha16})."""
    m = _DOC_IRI.match(document_iri)
    if m:
        from graf.graph.iri import Minter

        return Minter(m.group("base")).paper_graph(m.group("sha"))
    return f"{document_iri}/graph"


def _shared_graph_iri(docs) -> str:
    base = next((m.group("base") for d in docs if (m := _DOC_IRI.match(d.value))), None)
    if not base:
        return "urn:graf:graph:shared"
    from graf.graph.iri import Minter

    return Minter(base).shared_graph()


@dataclass
class PaperGraph:
    iri: str
    triples: list[ox.Triple] = field(default_factory=list)


def paper_graphs(quads: list[ox.Quad]) -> list[PaperGraph]:
    """One graph per source paper. A dataset that already has named graphs (built to .nq or
    .trig, or a graf store) keeps them, with default-graph triples in a shared graph; a plain
    graph is split using the provenance (see split_by_provenance)."""
    named = named_graphs(quads)
    if not named:
        return split_by_provenance(list(merged_triples(quads)))
    by_graph: dict[object, list[ox.Triple]] = {}
    for q in quads:
        by_graph.setdefault(q.graph_name, []).append(_triple(q))
    out = [PaperGraph(g.value, by_graph[g]) for g in named]
    default = by_graph.get(ox.DefaultGraph())
    if default:
        out.append(PaperGraph(_shared_graph_iri(_target_documents(_triple(q) for q in quads)), default))
    return out


def _target_document(target, source_of: dict) -> ox.NamedNode | None:
    """The document an annotation target is a span of: a slim target names it in its text
    fragment IRI, a full one states it (oa:hasSource; ``source_of`` maps targets to sources)."""
    if isinstance(target, ox.NamedNode):
        span = text_span(target.value)
        if span is not None:
            return ox.NamedNode(span.document)
    return source_of.get(target)


def _target_documents(triples: Iterable[ox.Triple]) -> set:
    """Every document an annotation target in ``triples`` is a span of."""
    has_target, has_source = ox.NamedNode(OA + "hasTarget"), ox.NamedNode(OA + "hasSource")
    docs = set()
    for t in triples:
        if t.predicate == has_source:
            docs.add(t.object)
        elif t.predicate == has_target and (doc := _target_document(t.object, {})) is not None:
            docs.add(doc)
    return docs


def split_by_provenance(triples: list[ox.Triple]) -> list[PaperGraph]:
    """Assign each triple of a merged graph to the papers it came from.

    Every extracted node has an oa:Annotation whose target is a span of the paper's document
    (a text fragment IRI of it, or in the full form a target whose oa:hasSource it is): that node
    (with its annotations and, in the full form, their targets and selectors) belongs to that paper;
    so does anything with prov:wasDerivedFrom the document. Nodes without a span of their own
    (a treatment, a decision) belong to every paper whose nodes point at them. A node named in
    two papers has its triples in both graphs; what no paper reaches goes to a shared graph.
    """
    by_subject: dict[object, list[ox.Triple]] = {}
    for t in triples:
        by_subject.setdefault(t.subject, []).append(t)
    has_body, has_target, has_source, has_selector = (
        ox.NamedNode(OA + n) for n in ("hasBody", "hasTarget", "hasSource", "hasSelector"))
    derived = ox.NamedNode(PROV + "wasDerivedFrom")

    owners: dict[object, set] = {}
    text_p = ox.NamedNode(GRAF + "text")
    docs = _target_documents(triples)
    docs |= {t.subject for t in triples if t.predicate == text_p}  # a paper with no spans
    source_of = {t.subject: t.object for t in triples if t.predicate == has_source}
    for doc in docs:
        owners.setdefault(doc, set()).add(doc)
    for subject, ts in by_subject.items():
        bodies = [t.object for t in ts if t.predicate == has_body]
        targets = [t.object for t in ts if t.predicate == has_target]
        sources = {doc for tgt in targets if (doc := _target_document(tgt, source_of)) is not None}
        if sources:
            owners.setdefault(subject, set()).update(sources)
            for node in bodies:
                owners.setdefault(node, set()).update(sources)
            for tgt in targets:
                if tgt not in by_subject:
                    continue  # a text fragment: no triples of its own to place
                owners.setdefault(tgt, set()).update(sources)
                for t in by_subject.get(tgt, ()):
                    if t.predicate == has_selector:
                        owners.setdefault(t.object, set()).update(sources)
        for t in ts:
            if t.predicate == derived and t.object in docs:
                owners.setdefault(subject, set()).add(t.object)
    anchored = set(owners)

    # hash IRIs (law#K9P2S3, anno#target) go with their document IRI when unanchored
    for subject in by_subject:
        if subject not in owners and isinstance(subject, ox.NamedNode) and "#" in subject.value:
            whole = ox.NamedNode(subject.value.split("#", 1)[0])
            if whole in owners:
                owners[subject] = set(owners[whole])

    # an unanchored IRI minted under an anchored one (…/paragraf/1/behandling) goes with it
    for subject in by_subject:
        if subject in owners or not isinstance(subject, ox.NamedNode):
            continue
        parent = subject.value
        while "/" in parent:
            parent = parent.rsplit("/", 1)[0]
            node = ox.NamedNode(parent) if parent else None
            if node is not None and node in anchored:
                owners[subject] = set(owners[node])
                break

    # unanchored nodes inherit the owners of every node that points at them
    frontier = list(owners)
    while frontier:
        node = frontier.pop()
        mine = owners[node]
        for t in by_subject.get(node, ()):
            obj = t.object
            if isinstance(obj, ox.Literal) or obj in anchored or obj not in by_subject:
                continue
            have = owners.setdefault(obj, set())
            if not mine <= have:
                have |= mine
                frontier.append(obj)

    # still unowned: a node that points at owned nodes goes with them
    for subject, ts in by_subject.items():
        if subject not in owners:
            pointed = set().union(*(owners.get(t.object, set()) for t in ts))
            if pointed:
                owners[subject] = pointed

    graphs: dict[object, PaperGraph] = {d: PaperGraph(paper_graph_iri(d.value)) for d in docs}
    shared: list[ox.Triple] = []
    for subject, ts in by_subject.items():
        mine = owners.get(subject)
        if not mine:
            shared.extend(ts)
            continue
        for doc in mine:
            graphs[doc].triples.extend(ts)
    out = sorted(graphs.values(), key=lambda g: g.iri)
    if shared:
        out.append(PaperGraph(_shared_graph_iri(docs), shared))
    return out


# ----------------------------------------------------------------------------- atomic files


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same folder and rename, so readers never see half a file."""
    from graf.export import write_atomic

    write_atomic(path, data)


def _atomic_serialize(path: Path, items: Iterable, fmt: ox.RdfFormat, prefixes: dict | None = None) -> None:
    data = ox.serialize(items, format=fmt, prefixes=prefixes) if prefixes else ox.serialize(items, format=fmt)
    atomic_write_bytes(path, data)


# ----------------------------------------------------------------------------- JSON-LD


def prefixes() -> dict[str, str]:
    try:
        from graf.graph import PREFIXES

        out = {k: str(v) for k, v in PREFIXES.items()}
    except ImportError:  # the graph stage is optional for publishing a finished graph
        out = {}
    out.setdefault("graf", GRAF)
    out.setdefault("oa", OA)
    out.setdefault("dct", DCT)
    out.setdefault("besluit", BESLUIT)
    out.setdefault("dcat", DCAT)
    return out


def jsonld_context() -> dict:
    """ontology/context.jsonld when shipped, else a context of graf's prefixes."""
    try:
        from graf.resources import context_path

        path = context_path()
        if path.is_file():
            data = json.loads(path.read_text(encoding="utf-8"))
            return data.get("@context", data) if isinstance(data, dict) else {}
    except (ImportError, OSError, ValueError, GrafError):  # no ontology folder: graf's prefixes
        pass
    return dict(prefixes())


def _context_of(ctx: dict | list) -> dict:
    if isinstance(ctx, list):
        merged: dict = {}
        for part in ctx:
            if isinstance(part, dict):
                merged.update(part)
        return merged
    return ctx


def framed_jsonld(triples: Iterable[ox.Triple], context: dict | None = None) -> dict:
    """Compact JSON-LD (rdflib, against ``context``) framed so each meeting nests the nodes
    minted under its IRI (items, treatments, decisions, proposals, reservations …).

    Embedding is done by replacing a reference with the node object itself, which states the
    same triples, so the document still parses to exactly the input graph."""
    from rdflib import Graph

    ctx = context if context is not None else jsonld_context()
    nt = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    g = Graph()
    g.parse(data=nt.decode("utf-8"), format="nt")
    doc = json.loads(g.serialize(format="json-ld", context=ctx, auto_compact=False))
    nodes = doc.get("@graph", [])
    if isinstance(doc, list):
        nodes, doc = doc, {"@context": ctx, "@graph": doc}
    terms = _context_of(ctx)
    id_terms = {k for k, v in terms.items() if isinstance(v, dict) and v.get("@type") in ("@id", "@vocab")}
    by_id = {n["@id"]: n for n in nodes if isinstance(n, dict) and "@id" in n}

    def expand(curie: str) -> str:
        term = terms.get(curie)
        if isinstance(term, dict):
            term = term.get("@id")
        if isinstance(term, str) and term != curie:
            return expand(term)
        pfx, sep, local = curie.partition(":")
        if sep and pfx in terms and isinstance(terms[pfx], str) and not local.startswith("//"):
            return terms[pfx] + local
        return curie

    def is_meeting(node: dict) -> bool:
        types = node.get("@type", [])
        types = types if isinstance(types, list) else [types]
        return any(expand(t) == BESLUIT + "Zitting" for t in types)

    embedded: set[str] = set()

    def embed(node: dict, root: str) -> None:
        for key, value in list(node.items()):
            if key.startswith("@"):
                continue
            values = value if isinstance(value, list) else [value]
            changed = []
            for v in values:
                ref = v.get("@id") if isinstance(v, dict) and set(v) == {"@id"} else (
                    v if isinstance(v, str) and key in id_terms else None)
                full = expand(ref) if ref else None
                if (ref and full and full.startswith(root + "/") and ref in by_id
                        and ref not in embedded):
                    embedded.add(ref)
                    child = by_id[ref]
                    embed(child, root)
                    changed.append(child)
                else:
                    changed.append(v)
            node[key] = changed if isinstance(value, list) else changed[0]

    meetings = [n for n in nodes if isinstance(n, dict) and is_meeting(n)]
    for meeting in meetings:
        embedded.add(meeting["@id"])
        embed(meeting, expand(meeting["@id"]))
    # nodes minted under a meeting that point at a nested node (a treatment at its item, a
    # decision at its treatment) nest under it through @reverse, until nothing moves
    in_tree = set(embedded)
    moved = True
    while moved:
        moved = False
        for node in nodes:
            nid = node.get("@id") if isinstance(node, dict) else None
            if not nid or nid in embedded:
                continue
            root = next((expand(m["@id"]) for m in meetings
                         if expand(nid).startswith(expand(m["@id"]) + "/")), None)
            if root is None:
                continue
            for key, value in list(node.items()):
                if key.startswith("@"):
                    continue
                values = value if isinstance(value, list) else [value]
                parent_ref = next((v.get("@id") if isinstance(v, dict) else v for v in values
                                   if (v.get("@id") if isinstance(v, dict) and set(v) == {"@id"}
                                       else v if isinstance(v, str) and key in id_terms else None)
                                   in in_tree), None)
                if parent_ref is None:
                    continue
                rest = [v for v in values if (v.get("@id") if isinstance(v, dict) else v) != parent_ref]
                if rest:
                    node[key] = rest if isinstance(value, list) else rest[0]
                else:
                    del node[key]
                parent = by_id[parent_ref]
                parent.setdefault("@reverse", {}).setdefault(key, []).append(node)
                embedded.add(nid)
                in_tree.add(nid)
                embed(node, root)
                in_tree.update(embedded)
                moved = True
                break
    top = [n for n in nodes if not isinstance(n, dict) or n.get("@id") not in embedded or n in meetings]
    return {"@context": ctx, "@graph": top}


# ----------------------------------------------------------------------------- DCAT


@dataclass
class Distribution:
    path: Path
    media_type: str
    file_type: str  # EU file-type authority code
    title: str


# EU data themes (Publications Office authority table "data-theme"), the vocabulary DCAT-AP and
# DCAT-AP-SE prescribe for dcat:theme, with the Swedish labels the portal shows.
DATA_THEME_SCHEME = "http://publications.europa.eu/resource/authority/data-theme"
DATA_THEMES = {
    "AGRI": "Jordbruk, fiske, skogsbruk och livsmedel", "ECON": "Ekonomi och finans",
    "EDUC": "Utbildning, kultur och sport", "ENER": "Energi", "ENVI": "Miljö",
    "GOVE": "Regeringen och den offentliga sektorn", "HEAL": "Hälsa", "INTR": "Internationella frågor",
    "JUST": "Rättsliga frågor, rättsväsende och allmän säkerhet", "OP_DATPRO": "Tillfälliga uppgifter",
    "REGI": "Regioner och städer", "SOCI": "Befolkning och samhälle", "TECH": "Vetenskap och teknik",
    "TRAN": "Transport",
}
# ADMS publisher types, the vocabulary DCAT-AP-SE requires for the publisher's dct:type.
PUBLISHER_TYPE_SCHEME = "http://purl.org/adms/publishertype/1.0"
PUBLISHER_TYPES = {
    "LocalAuthority": "Kommunal myndighet", "RegionalAuthority": "Regional myndighet",
    "NationalAuthority": "Nationell myndighet", "SupraNationalAuthority": "Överstatlig myndighet",
    "Academia-ScientificOrganisation": "Akademisk eller vetenskaplig organisation",
    "Company": "Företag", "IndustryConsortium": "Branschsammanslutning",
    "NonGovernmentalOrganisation": "Icke-statlig organisation", "NonProfitOrganisation": "Ideell organisation",
    "PrivateIndividual(s)": "Privatperson(er)", "StandardisationBody": "Standardiseringsorgan",
}
PUBLISHER_TYPE = "http://purl.org/adms/publishertype/"
SPARQL_PROTOCOL = "https://www.w3.org/TR/sparql11-protocol/"
VCARD = "http://www.w3.org/2006/vcard/ns#"
SKOS = "http://www.w3.org/2004/02/skos/core#"


@dataclass
class CatalogInfo:
    title: str = "graf: kommunala nämndprotokoll som länkade data"
    description: str = ("Dagordningar och protokoll från kommunala nämnder, tolkade till en "
                        "kunskapsgraf: sammanträden, ärenden, beslut, yrkanden, reservationer, "
                        "personer och hänvisningar till författningar.")
    publisher: str = "graf"
    publisher_iri: str | None = None
    publisher_type: str = "LocalAuthority"  # a PUBLISHER_TYPES code
    license: str = CC0
    dataset_iri: str | None = None
    # where the files are published; None: {base}dump/, where `graf serve` answers for them
    download_base: str | None = None
    sparql_endpoint: str | None = None  # None: {base}sparql, `graf serve`'s endpoint
    language: str = "http://publications.europa.eu/resource/authority/language/SWE"
    themes: tuple[str, ...] = ("GOVE",)  # DATA_THEMES codes
    keywords: tuple[str, ...] = ("protokoll", "dagordning", "kommun", "nämnd", "beslut", "länkade data")
    contact_name: str | None = None  # the contact point; the publisher's name when only an address is given
    contact_email: str | None = None
    contact_url: str | None = None

    def checked(self) -> CatalogInfo:
        """Refuse codes outside the vocabularies the profile prescribes, and relative URLs."""
        if self.publisher_type not in PUBLISHER_TYPES:
            raise UsageError(f"unknown publisher type {self.publisher_type!r} (known: "
                             f"{', '.join(PUBLISHER_TYPES)})")
        unknown = [t for t in self.themes if t not in DATA_THEMES]
        if unknown:
            raise UsageError(f"unknown theme {', '.join(unknown)} (EU data themes: {', '.join(DATA_THEMES)})")
        for name in ("publisher_iri", "dataset_iri", "download_base", "sparql_endpoint", "contact_url",
                     "license"):
            value = getattr(self, name)
            if value and not re.match(r"^[a-z][a-z0-9+.-]*:\S+$", value, re.I):
                raise UsageError(f"{name.replace('_', ' ')} must be an absolute IRI, not {value!r}")
        if self.contact_email and not re.fullmatch(r"[^@\s<>]+@[^@\s<>]+", self.contact_email):
            raise UsageError(f"contact e-mail {self.contact_email!r} is not an address")
        return self


def data_base(quads: Iterable[ox.Quad]) -> str:
    """The IRI base the data was minted under (from its documents), else graf's default."""
    from graf.settings import DEFAULT_BASE

    for q in quads:
        for term in (q.subject, q.object):
            if isinstance(term, ox.NamedNode) and (m := _DOC_IRI.match(term.value)):
                return m.group("base")
    return DEFAULT_BASE


def meeting_date_range(store_or_triples) -> tuple[str | None, str | None]:
    date_p = ox.NamedNode(DCT + "date")
    zitting = ox.NamedNode(BESLUIT + "Zitting")
    rdf_type = ox.NamedNode(RDF_TYPE)
    triples = list(store_or_triples)
    meetings = {t.subject for t in triples if t.predicate == rdf_type and t.object == zitting}
    dates = sorted(t.object.value for t in triples
                   if t.predicate == date_p and t.subject in meetings and isinstance(t.object, ox.Literal)
                   and re.fullmatch(r"\d{4}-\d{2}-\d{2}", t.object.value))
    return (dates[0], dates[-1]) if dates else (None, None)


def dcat_description(info: CatalogInfo, distributions: list[Distribution],
                     date_range: tuple[str | None, str | None], base: str | None = None) -> list[ox.Triple]:
    """A DCAT-AP-SE description that validates against DCAT-AP 3 and DIGG's profile
    (shapes/dcat): a dcat:Catalog holding one dcat:Dataset with a dcat:Distribution per dump
    file and a dcat:DataService for the SPARQL endpoint.

    Every node is an IRI (a fragment of dcat.ttl's own published address, so a harvester can
    dereference it), every value of a controlled vocabulary is typed with the class the profile
    expects (licence, language, media type, file type, theme, publisher type), as a harvester
    without the vocabularies loaded checks them. The URLs (access, download, endpoint) are typed
    rdfs:Resource, the class DCAT-AP's shapes ask of them: under RDFS inference every IRI is one,
    but a validator run without inference (pyshacl's default) finds no class on them otherwise. ``base`` is the data's IRI base: the files are
    at {base}dump/ and the endpoint at {base}sparql unless ``info`` says otherwise."""
    info.checked()
    N, L = ox.NamedNode, ox.Literal
    rdf_type = N(RDF_TYPE)
    site = base or data_base(())
    files = info.download_base or site + "dump/"
    here = files + DUMP_NAMES["dcat"] + "#"
    catalog = N(here + "katalog")
    ds = N(info.dataset_iri or here + "datamangd")
    service = N(here + "sparql")
    publisher = N(info.publisher_iri or here + "utgivare")
    license_ = N(info.license)
    language = N(info.language)
    date = N(XSD + "date")

    def typed(node: ox.NamedNode, *classes: str) -> list[ox.Triple]:
        return [ox.Triple(node, rdf_type, N(c)) for c in classes]

    def concept(iri: str, label: str, scheme: str) -> list[ox.Triple]:
        node = N(iri)
        return [*typed(node, SKOS + "Concept"), ox.Triple(node, N(SKOS + "prefLabel"), L(label, language="sv")),
                ox.Triple(node, N(SKOS + "inScheme"), N(scheme))]

    out = [*typed(catalog, DCAT + "Catalog"),
           ox.Triple(catalog, N(DCT + "title"), L(info.title, language="sv")),
           ox.Triple(catalog, N(DCT + "description"), L(info.description, language="sv")),
           ox.Triple(catalog, N(DCT + "publisher"), publisher),
           ox.Triple(catalog, N(DCT + "license"), license_),
           ox.Triple(catalog, N(DCT + "language"), language),
           ox.Triple(catalog, N(DCAT + "dataset"), ds),
           ox.Triple(catalog, N(DCAT + "service"), service),
           ox.Triple(catalog, N(DCAT + "themeTaxonomy"), N(DATA_THEME_SCHEME)),
           *typed(N(DATA_THEME_SCHEME), SKOS + "ConceptScheme"),
           ox.Triple(N(DATA_THEME_SCHEME), N(DCT + "title"), L("Datateman", language="sv")),
           *typed(license_, DCT + "LicenseDocument"),
           *typed(language, DCT + "LinguisticSystem")]
    # the publisher, with the type DCAT-AP-SE requires
    kind = PUBLISHER_TYPE + info.publisher_type
    out += [*typed(publisher, FOAF + "Agent", FOAF + "Organization"),
            ox.Triple(publisher, N(FOAF + "name"), L(info.publisher, language="sv")),
            ox.Triple(publisher, N(DCT + "type"), N(kind)),
            *concept(kind, PUBLISHER_TYPES[info.publisher_type], PUBLISHER_TYPE_SCHEME)]
    # the contact point (a vCard organisation), when one is given
    contact = None
    if info.contact_email or info.contact_url or info.contact_name:
        contact = N(here + "kontakt")
        out += [*typed(contact, VCARD + "Kind", VCARD + "Organization"),
                ox.Triple(contact, N(VCARD + "fn"), L(info.contact_name or info.publisher, language="sv"))]
        if info.contact_email:
            out.append(ox.Triple(contact, N(VCARD + "hasEmail"), N("mailto:" + info.contact_email)))
        if info.contact_url:
            out.append(ox.Triple(contact, N(VCARD + "hasURL"), N(info.contact_url)))
    out += [*typed(ds, DCAT + "Dataset"),
            ox.Triple(ds, N(DCT + "title"), L(info.title, language="sv")),
            ox.Triple(ds, N(DCT + "description"), L(info.description, language="sv")),
            ox.Triple(ds, N(DCT + "license"), license_),
            ox.Triple(ds, N(DCT + "language"), language),
            ox.Triple(ds, N(DCT + "issued"), L(dt.date.today().isoformat(), datatype=date)),
            ox.Triple(ds, N(DCT + "publisher"), publisher)]
    out += [ox.Triple(ds, N(DCAT + "keyword"), L(k, language="sv")) for k in dict.fromkeys(info.keywords)]
    for code in dict.fromkeys(info.themes):
        theme = f"{DATA_THEME_SCHEME}/{code}"
        out += [ox.Triple(ds, N(DCAT + "theme"), N(theme)), *concept(theme, DATA_THEMES[code], DATA_THEME_SCHEME)]
    if contact is not None:
        out.append(ox.Triple(ds, N(DCAT + "contactPoint"), contact))
    start, end = date_range
    if start:
        period = N(here + "period")
        out += [ox.Triple(ds, N(DCT + "temporal"), period),
                *typed(period, DCT + "PeriodOfTime"),
                ox.Triple(period, N(DCAT + "startDate"), L(start, datatype=date)),
                ox.Triple(period, N(DCAT + "endDate"), L(end, datatype=date))]
    for d in distributions:
        node = N(here + d.path.name)
        url = N(files + d.path.name)
        media, fmt = N(IANA_MEDIA + d.media_type), N(EU_FILE_TYPE + d.file_type)
        out += [ox.Triple(ds, N(DCAT + "distribution"), node),
                *typed(node, DCAT + "Distribution"),
                ox.Triple(node, N(DCT + "title"), L(d.title, language="sv")),
                ox.Triple(node, N(DCAT + "accessURL"), url),
                ox.Triple(node, N(DCAT + "downloadURL"), url), *typed(url, RDFS + "Resource"),
                ox.Triple(node, N(DCAT + "mediaType"), media), *typed(media, DCT + "MediaType"),
                ox.Triple(node, N(DCT + "format"), fmt), *typed(fmt, DCT + "MediaTypeOrExtent"),
                ox.Triple(node, N(DCT + "license"), license_),
                ox.Triple(node, N(DCAT + "byteSize"),
                          L(str(d.path.stat().st_size), datatype=N(XSD + "nonNegativeInteger")))]
    # the SPARQL endpoint that serves the same dataset
    endpoint = N(info.sparql_endpoint or site + "sparql")
    protocol = N(SPARQL_PROTOCOL)
    out += [*typed(service, DCAT + "DataService"),
            ox.Triple(service, N(DCT + "title"), L("SPARQL-ändpunkt för " + info.title, language="sv")),
            ox.Triple(service, N(DCAT + "endpointURL"), endpoint), *typed(endpoint, RDFS + "Resource"),
            ox.Triple(service, N(DCAT + "servesDataset"), ds),
            ox.Triple(service, N(DCT + "conformsTo"), protocol), *typed(protocol, DCT + "Standard"),
            ox.Triple(service, N(DCT + "publisher"), publisher),
            ox.Triple(service, N(DCT + "license"), license_)]
    if contact is not None:
        out.append(ox.Triple(service, N(DCAT + "contactPoint"), contact))
    return out


def _dcat_turtle(triples: list[ox.Triple]) -> bytes:
    pfx = {"dcat": DCAT, "dct": DCT, "foaf": FOAF, "xsd": XSD, "skos": SKOS, "vcard": VCARD, "rdfs": RDFS}
    return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=pfx)


# ----------------------------------------------------------------------------- export


DUMP_NAMES = {"turtle": "graf.ttl", "nquads": "graf.nq", "jsonld": "graf.jsonld", "dcat": "dcat.ttl"}


def export(quads: list[ox.Quad], out_dir: str | Path, info: CatalogInfo | None = None,
           provenance: str = "slim") -> list[Path]:
    """Write graf.ttl, graf.nq (one named graph per paper), graf.jsonld (framed) and
    dcat.ttl into ``out_dir``; every file is written atomically. Returns the paths.
    ``provenance`` "full": every slim annotation written in the full W3C form (a
    SpecificResource with position and quote selectors, computed from the stored text;
    graf.graph.provenance) for consumers that do not read RFC 5147 fragment targets."""
    if provenance not in PROVENANCE_FORMS:
        raise UsageError(f"--provenance must be one of {', '.join(PROVENANCE_FORMS)}, not {provenance!r}")
    if provenance == "full":
        from graf.graph.provenance import expand_quads

        quads = expand_quads(quads)
    info = (info or CatalogInfo()).checked()  # a bad option fails before any file is written
    quads_in = quads
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(str(out), f"cannot create folder ({exc.strerror})") from None
    triples = list(merged_triples(quads))
    pfx = prefixes()
    ttl = out / DUMP_NAMES["turtle"]
    _atomic_serialize(ttl, triples, ox.RdfFormat.TURTLE, pfx)
    nq = out / DUMP_NAMES["nquads"]
    quads = (ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(g.iri))
             for g in paper_graphs(quads) for t in g.triples)
    _atomic_serialize(nq, quads, ox.RdfFormat.N_QUADS)
    jl = out / DUMP_NAMES["jsonld"]
    atomic_write_bytes(jl, json.dumps(framed_jsonld(triples), ensure_ascii=False, indent=1).encode("utf-8"))
    dists = [Distribution(ttl, "text/turtle", "RDF_TURTLE", "Grafen i Turtle"),
             Distribution(nq, "application/n-quads", "RDF_N_QUADS",
                          "Grafen i N-Quads, en namngiven graf per handling"),
             Distribution(jl, "application/ld+json", "JSON_LD",
                          "Grafen i JSON-LD, sammanträden med sina ärenden och beslut")]
    dcat = out / DUMP_NAMES["dcat"]
    description = dcat_description(info, dists, meeting_date_range(triples), data_base(quads_in))
    atomic_write_bytes(dcat, _dcat_turtle(description))
    return [ttl, nq, jl, dcat]
