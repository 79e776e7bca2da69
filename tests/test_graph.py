"""Graph building: IRIs, model, provenance, determinism; export and store round trips."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib import namespace as rns
from rdflib.namespace import OWL, RDF
from test_graph_records import TEXT, make_linked, make_paper, sp

from graf.export import serialize, write_graph
from graf.graph import DEFAULT_BASE, build_graph
from graf.graph.iri import slug
from graf.graph.terms import BESLUIT, CITO, DCT, ELI, GRAF, OA, PERSON
from graf.records import Linked, Meeting, Source
from graf.store import GraphStore, format_results, run_query

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def graph() -> Graph:
    return build_graph(make_paper(), make_linked(), DEFAULT_BASE)


def test_slug_folds_diacritics_and_spaces():
    assert slug("Åsa  Öberg") == "asa-oberg"
    assert slug("SOF 2023/599") == "sof-2023-599"


def test_same_input_gives_identical_serialisation():
    a = serialize(build_graph(make_paper(), make_linked()), "ttl")
    b = serialize(build_graph(make_paper(), make_linked()), "ttl")
    assert a == b


def test_output_is_stable_across_hash_seeds(tmp_path):
    script = (
        "import sys; sys.path.insert(0, 'tests')\n"
        "from test_graph_records import make_paper, make_linked\n"
        "from graf.graph import build_graph\nfrom graf.export import serialize\n"
        "g = build_graph(make_paper(), make_linked())\n"
        "sys.stdout.buffer.write(serialize(g, sys.argv[1]))\n"
    )
    for fmt in ("ttl", "jsonld"):
        outs = []
        for seed in ("1", "2"):
            env = dict(os.environ, PYTHONHASHSEED=seed)
            outs.append(subprocess.run([sys.executable, "-c", script, fmt], cwd=REPO, env=env,
                                       capture_output=True, check=True).stdout)
        assert outs[0] == outs[1] and outs[0]


def test_no_blank_nodes(graph):
    assert not any(isinstance(t, BNode) for triple in graph for t in triple)


def test_meeting_iri_from_body_and_date_and_item_iris_under_it(graph):
    meeting = URIRef(DEFAULT_BASE + "sammantrade/ekby/kulturnamnden/2031-02-14")
    assert (meeting, RDF.type, BESLUIT.Zitting) in graph
    assert (meeting, DCT.date, Literal("2031-02-14", datatype=URIRef(
        "http://www.w3.org/2001/XMLSchema#date"))) in graph
    items = set(graph.objects(meeting, BESLUIT.behandelt))
    assert items == {URIRef(f"{meeting}/paragraf/1"), URIRef(f"{meeting}/paragraf/2")}


def test_meeting_without_date_uses_checksum():
    paper = make_paper()
    paper = dataclasses.replace(paper, meeting=dataclasses.replace(paper.meeting, date=None, date_span=None))
    g = build_graph(paper, make_linked())
    meetings = list(g.subjects(RDF.type, BESLUIT.Zitting))
    assert meetings == [URIRef(DEFAULT_BASE + "sammantrade/sha-" + paper.source.sha256[:16])]


def test_person_shared_between_papers_and_base_respected():
    base = "http://example.org/x/"
    other_text = TEXT.replace("2031-02-14", "2031-03-14")
    p1 = make_paper()
    p2 = make_paper(other_text)
    p2 = dataclasses.replace(p2, meeting=dataclasses.replace(p2.meeting, date=dt.date(2031, 3, 14)))
    g1, g2 = build_graph(p1, make_linked(), base), build_graph(p2, make_linked(), base)
    persons1 = set(g1.subjects(RDF.type, PERSON.Person))
    persons2 = set(g2.subjects(RDF.type, PERSON.Person))
    assert URIRef(base + "person/ekby/asa-oberg") in persons1 & persons2
    m1 = set(g1.subjects(RDF.type, BESLUIT.Zitting))
    m2 = set(g2.subjects(RDF.type, BESLUIT.Zitting))
    assert m1.isdisjoint(m2)
    assert all(str(s).startswith(base) for s in g1.subjects() if "w3.org" not in str(s))


def test_unlinked_person_ref_gets_fallback_key():
    paper = make_paper()
    g = build_graph(paper, Linked(reference_date=None))
    assert (URIRef(DEFAULT_BASE + "person/ekby/asa-oberg"), RDF.type, PERSON.Person) in g


def test_item_cases_and_own_case(graph):
    item = URIRef(DEFAULT_BASE + "sammantrade/ekby/kulturnamnden/2031-02-14/paragraf/2")
    case = URIRef(DEFAULT_BASE + "arende/kun-2030-77")
    assert (item, GRAF.arende, case) in graph and (item, DCT.relation, case) in graph
    assert (case, DCT.identifier, Literal("KUN 2030/77")) in graph
    assert graph.value(item, GRAF.nummer) == Literal("2")


def test_reservation_favours_reservers_own_yrkande(graph):
    item = DEFAULT_BASE + "sammantrade/ekby/kulturnamnden/2031-02-14/paragraf/2"
    res = URIRef(item + "/reservation/1")
    assert graph.value(res, GRAF.tillFormanFor) == URIRef(item + "/yrkande/2")
    assert graph.value(res, GRAF.mot) == URIRef(item + "/beslut")
    assert graph.value(URIRef(item + "/yrkande/2"), GRAF.stance) == GRAF.avslag


def test_citation_provision_is_part_of_act_with_lagen_nu(graph):
    sub = URIRef(DEFAULT_BASE + "sfs/2017:725#K4P2")
    act = URIRef(DEFAULT_BASE + "sfs/2017:725")
    treatment = URIRef(DEFAULT_BASE + "sammantrade/ekby/kulturnamnden/2031-02-14/paragraf/2/behandling")
    assert (treatment, ELI.cites, sub) in graph
    assert graph.value(sub, ELI.is_part_of) == act
    assert (sub, OWL.sameAs, URIRef("https://lagen.nu/2017:725#K4P2")) in graph
    assert (act, OWL.sameAs, URIRef("https://lagen.nu/2017:725")) in graph


# The fixture paper with its provision cited twice more in item 2 (appended at the end, so
# every other span stays where it was): once in the same words, once in shorter words.
TEXT_CITING_TWICE = TEXT + "Ärendet rör åter 4 kap. 2 § kommunallagen (2017:725).\n"
SUB = URIRef(DEFAULT_BASE + "sfs/2017:725#K4P2")
TREATMENT2 = URIRef(DEFAULT_BASE + "sammantrade/ekby/kulturnamnden/2031-02-14/paragraf/2/behandling")


def paper_citing_twice():
    linked = make_linked()
    first = linked.citations[0]

    def again(needle: str, occurrence: int):
        span = sp(needle, occurrence, text=TEXT_CITING_TWICE)
        return dataclasses.replace(first, citation=dataclasses.replace(first.citation, span=span, text=needle))

    more = [again("4 kap. 2 § kommunallagen (2017:725)", 2), again("kommunallagen (2017:725)", 2)]
    return make_paper(TEXT_CITING_TWICE), dataclasses.replace(linked, citations=[*linked.citations, *more])


def test_citation_as_printed_one_node_per_citing_law_and_wording():
    g = build_graph(*paper_citing_twice(), DEFAULT_BASE)
    nodes = set(g.subjects(CITO.hasCitedEntity, SUB))
    assert {str(g.value(n, GRAF.citeradSom)) for n in nodes} == {
        "4 kap. 2 § kommunallagen (2017:725)", "kommunallagen (2017:725)"}
    assert len(nodes) == 2  # the words printed twice make one node
    for node in nodes:
        assert (node, RDF.type, CITO.Citation) in g
        assert list(g.objects(node, CITO.hasCitingEntity)) == [TREATMENT2]
        assert str(node).startswith(f"{TREATMENT2}/citering/")
    # three linking annotations stay, one per printed occurrence
    assert len(set(g.subjects(OA.hasBody, SUB))) == 3
    # a report is referenced (dct:references), not cited as law: no cito:Citation for it
    assert not set(g.subjects(CITO.hasCitedEntity, URIRef(DEFAULT_BASE + "rapport/sou/2029:12")))


def full_form(g: Graph) -> Graph:
    """``g`` with its slim annotations in the full W3C form, as graf export --provenance full
    writes them."""
    import pyoxigraph as ox

    from graf.graph.provenance import expand_quads

    quads = ox.parse(g.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    data = ox.serialize(expand_quads(quads), format=ox.RdfFormat.N_TRIPLES)
    return Graph().parse(data=data, format="nt")


def test_every_annotation_targets_a_fragment_of_its_paper(graph):
    """Slim provenance: one annotation, its body and an RFC 5147 fragment IRI of the text per
    mention; no selectors, no per-annotation activity, no explicit default motivation."""
    from graf.graph.iri import text_span

    text = str(next(graph.objects(None, GRAF.text)))
    doc = next(graph.subjects(GRAF.text, None))
    annos = list(graph.subjects(RDF.type, OA.Annotation))
    assert len(annos) > 20
    for anno in annos:
        target = graph.value(anno, OA.hasTarget)
        span = text_span(str(target))
        assert span is not None and span.document == str(doc)
        assert str(target) == f"{doc}#char={span.start},{span.end}"
        assert 0 <= span.start < span.end <= len(text)
        assert graph.value(anno, OA.motivatedBy) in (None, OA.linking)
        assert set(graph.predicates(anno, None)) <= {RDF.type, OA.hasBody, OA.hasTarget, OA.motivatedBy,
                                                     GRAF.sammanhang}
    assert not set(graph.subjects(RDF.type, OA.TextQuoteSelector))
    assert len(set(graph.subject_objects(rns.PROV.wasGeneratedBy))) == 1 + len(list(
        graph.subjects(RDF.type, BESLUIT.Besluit)))  # the document's, and each decision's treatment


def test_linking_annotations_name_their_citing_item(graph):
    linking = list(graph.subjects(OA.motivatedBy, OA.linking))
    assert linking
    for anno in linking:
        citing, cited = graph.value(anno, GRAF.sammanhang), graph.value(anno, OA.hasBody)
        assert (citing, ELI.cites, cited) in graph or (citing, DCT.references, cited) in graph


def test_full_form_quotes_each_slice_from_the_stored_text(graph):
    """The full form is computed from the slim annotation and the stored text: a position and a
    quote selector whose exact is the slice, the prefix and suffix around it, the default
    motivation and the document's activity stated on every annotation."""
    from graf.graph.iri import text_span

    text = str(next(graph.objects(None, GRAF.text)))
    doc = next(graph.subjects(GRAF.text, None))
    activity = graph.value(doc, rns.PROV.wasGeneratedBy)
    full = full_form(graph)
    annos = list(graph.subjects(RDF.type, OA.Annotation))
    assert set(full.subjects(RDF.type, OA.Annotation)) == set(annos)
    for anno in annos:
        span = text_span(str(graph.value(anno, OA.hasTarget)))
        target = full.value(anno, OA.hasTarget)
        assert (target, RDF.type, OA.SpecificResource) in full and full.value(target, OA.hasSource) == doc
        sels = list(full.objects(target, OA.hasSelector))
        pos = next(s for s in sels if (s, RDF.type, OA.TextPositionSelector) in full)
        quote = next(s for s in sels if (s, RDF.type, OA.TextQuoteSelector) in full)
        start, end = int(full.value(pos, OA.start)), int(full.value(pos, OA.end))
        assert (start, end) == (span.start, span.end)
        assert str(full.value(quote, OA.exact)) == text[start:end]
        assert str(full.value(quote, OA.prefix) or "") == text[max(0, start - 24):start]
        assert str(full.value(quote, OA.suffix) or "") == text[end:end + 24]
        assert full.value(anno, OA.motivatedBy) == (graph.value(anno, OA.motivatedBy) or OA.identifying)
        assert full.value(anno, rns.PROV.wasGeneratedBy) == activity
        assert full.value(target, OA.hasScope) == graph.value(anno, GRAF.sammanhang)
        assert full.value(anno, GRAF.sammanhang) is None


def test_provenance_is_a_small_share_of_the_triples(graph):
    """Slim provenance: at most five triples per mention (three plus a linking motivation and
    a citing context), where the full form takes fifteen or more."""
    annos = set(graph.subjects(RDF.type, OA.Annotation))
    anno_triples = sum(1 for s, _, _ in graph if s in annos)
    assert anno_triples <= 3 * len(annos) + 2 * len(set(graph.subjects(OA.motivatedBy, OA.linking)))
    assert len(full_form(graph)) >= len(graph) + 11 * len(annos)


def test_plain_text_of_unknown_layout_builds_document_only():
    text = "Lite text utan struktur om 2 kap. 3 § kommunallagen."
    src = Source("x.txt", text, "a" * 64, "b" * 64, "text/plain")
    from graf.records import Paper

    g = build_graph(Paper(src, "other", Meeting()), Linked(reference_date=None))
    assert not list(g.subjects(RDF.type, BESLUIT.Zitting))
    assert (None, GRAF.text, Literal(text)) in g


@pytest.mark.parametrize("suffix", [".ttl", ".nt", ".jsonld", ".nq", ".trig"])
def test_write_graph_round_trips(graph, tmp_path, suffix):
    path = write_graph(graph, tmp_path / f"out{suffix}")
    fmt = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".nq": "nquads", ".trig": "trig"}[suffix]
    if suffix in (".nq", ".trig"):
        back = Dataset().parse(path, format=fmt)
        n = len(list(back.quads((None, None, None, None))))
    else:
        n = len(Graph().parse(path, format=fmt))
    assert n == len(graph)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_write_dataset_keeps_named_graphs(graph, tmp_path):
    ds = Dataset()
    name = URIRef(DEFAULT_BASE + "graf/paper-1")
    for t in graph:
        ds.graph(name).add(t)
    out = (tmp_path / "d.nq")
    write_graph(ds, out)
    assert all(line.endswith(f"<{name}> .") for line in out.read_text().splitlines())


def test_write_graph_rejects_unknown_extension(graph, tmp_path):
    from graf.errors import UsageError

    with pytest.raises(UsageError):
        write_graph(graph, tmp_path / "out.xyz")


def test_disk_store_named_graph_persists_and_binds_terms(graph, tmp_path):
    store = GraphStore(tmp_path / "store")
    store.load_graph(graph, DEFAULT_BASE + "graf/paper-1")
    store.load_graph(graph, DEFAULT_BASE + "graf/paper-1")  # reloading replaces, not doubles
    n = len(store)
    store.flush()
    del store
    store = GraphStore(tmp_path / "store")
    assert len(store) == n == len(graph)
    assert store.named_graphs() == [DEFAULT_BASE + "graf/paper-1"]
    q = "SELECT ?p ?name WHERE { ?p <http://xmlns.com/foaf/0.1/name> ?name }"
    _, rows = store.query(q, {"name": "Per Lind"})
    assert rows == [(URIRef(DEFAULT_BASE + "person/ekby/per-lind"), Literal("Per Lind"))]
    _, rows = store.query(q, {"name": 'x" } ?p ?q ?name . FILTER("1'})  # no injection
    assert rows == []


def test_run_query_on_graph_and_formats(graph):
    q = ("SELECT ?name ?missing WHERE { ?p <http://xmlns.com/foaf/0.1/name> ?name } "
         "ORDER BY ?name")
    variables, rows = run_query(q, graph)
    assert variables == ["name", "missing"]
    assert [r[0] for r in rows] == [Literal("Nils Ek"), Literal("Per Lind"), Literal("Åsa Öberg")]
    data = json.loads(format_results(variables, rows, "json"))
    assert data["head"]["vars"] == ["name", "missing"]
    assert data["results"]["bindings"][0] == {"name": {"type": "literal", "value": "Nils Ek"}}
    csv_text = format_results(variables, rows, "csv")
    assert csv_text.splitlines()[0] == "name,missing" and "Per Lind," in csv_text
    assert "(3 rows)" in format_results(variables, rows, "table")


def test_store_replace_papers_and_read_only_reopen(graph, tmp_path):
    from graf.store import Store

    paper = make_paper()
    with Store(tmp_path / "st") as store:
        store.replace_papers([(paper.source, graph)], DEFAULT_BASE)
        store.replace_papers([(paper.source, graph)], DEFAULT_BASE)
    with Store(tmp_path / "st", read_only=True) as store:
        assert store.named_graphs() == [f"{DEFAULT_BASE}graph/{paper.source.sha256[:16]}"]
        variables, rows = run_query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", store)
        assert int(rows[0][0]) == len(graph)


@pytest.mark.parametrize("value,kw", [
    ("Socialnämnden", {}), ("Socialnämnden", {"lang": "sv"}), ("x\ny \"z\"", {}), ("", {}),
    (5, {}), (0, {"datatype": rns.XSD.nonNegativeInteger}), (True, {}), ("2024-03-19", {"datatype": rns.XSD.date}),
])
def test_fast_literal_equals_rdflib_literal(value, kw):
    """The builder makes common literals without rdflib's constructor (speed); they must be
    indistinguishable from rdflib's own, in equality, hashing and N-Triples output."""
    from rdflib.plugins.serializers.nt import _nt_row

    from graf.graph.terms import make_literal as _literal

    fast, slow = _literal(value, **kw), Literal(value, **kw)
    assert fast == slow and hash(fast) == hash(slow)
    assert (fast.language, fast.datatype, fast.value) == (slow.language, slow.datatype, slow.value)
    s = URIRef("urn:s")
    assert _nt_row((s, s, fast)) == _nt_row((s, s, slow))
