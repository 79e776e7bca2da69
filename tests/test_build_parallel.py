"""The parts of a build that run side by side: worker processes sending papers back as
N-Triples, and store / file writes on a background thread."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import pytest

from graf.graph import DEFAULT_BASE
from graf.pipeline import SerializedTriples, process_source
from graf.sources import read_file
from graf.store import BackgroundWriter

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def test_serialized_triples_hold_the_same_triples():
    from graf.graph.iri import Minter, split_own_lines

    paper = next(p for p in sorted(EXAMPLES.iterdir()) if p.suffix in (".md", ".html"))
    processed = process_source(read_file(paper), DEFAULT_BASE)
    triples = processed.triples
    document = Minter(DEFAULT_BASE).document(processed.source.sha256)
    sent = SerializedTriples.of(triples, document)
    import pickle

    back = pickle.loads(pickle.dumps(sent))
    assert len(back) == len(triples)
    assert sorted(back.to_ntriples().splitlines()) == sorted(triples.to_ntriples().splitlines())
    assert set(back) == set(triples)
    assert len(back.to_graph()) == len(triples)
    # the split made while building equals the split read back from the text, and is a split
    parts = back.split_ntriples(document)
    again = split_own_lines(triples.to_ntriples(), document)
    assert sorted(parts.own.splitlines()) == sorted(again.own.splitlines())
    assert sorted(parts.others.splitlines()) == sorted(again.others.splitlines())
    assert set(parts.own_subjects) == set(again.own_subjects) and document in parts.own_subjects
    assert parts.others.splitlines() and parts.own.splitlines()


def test_build_workers_send_back_only_what_the_writers_take():
    """A build run's worker returns the checksums, the triples as N-Triples and (for a store)
    the search entries: not the parsed paper and its linked records, whose pickling cost the
    parent more than its search index. In and out of process, the same graphs and entries."""
    import pickle

    from graf.pipeline import iter_paper_graphs
    from graf.search import paper_entries

    papers = [str(p) for p in sorted(EXAMPLES.iterdir()) if p.suffix in (".md", ".html", ".txt")][:3]
    in_workers = list(iter_paper_graphs(papers, DEFAULT_BASE, workers=2, search_entries=True))
    in_process = list(iter_paper_graphs(papers, DEFAULT_BASE, workers=1))
    assert [p for p, _, _ in in_workers] == papers
    for (_path, sent, status), (_, here, _) in zip(in_workers, in_process):
        assert status == "ok" and sent.paper is None and sent.entries
        assert (sent.raw_sha256, sent.text_sha256) == (here.raw_sha256, here.text_sha256)
        assert sorted(sent.triples.to_ntriples().splitlines()) == sorted(here.triples.to_ntriples().splitlines())
        assert list(sent.entries) == paper_entries(here.paper, DEFAULT_BASE) == here.search_entries(DEFAULT_BASE)
        # the whole record crosses the process boundary as little more than its N-Triples
        assert len(pickle.dumps(sent)) < 1.5 * len(sent.triples.to_ntriples()) + 3 * len(sent.entries[0].text)
    assert all(not b.entries for _, b, _ in iter_paper_graphs(papers[:2], DEFAULT_BASE, workers=2))


def test_writer_keeps_order_and_waits_for_every_write():
    done: list[int] = []

    def slow_write(i: int) -> None:
        time.sleep(0.002)
        done.append(i)

    with BackgroundWriter(slow_write) as writer:
        for i in range(50):
            writer.write(i)
    assert done == list(range(50))


def test_writer_error_reaches_the_caller_and_stops_later_writes():
    done: list[int] = []
    failed = threading.Event()

    def write(i: int) -> None:
        if i == 3:
            failed.set()
            raise ValueError("disk full")
        done.append(i)

    writer = BackgroundWriter(write, depth=1)
    with pytest.raises(ValueError, match="disk full"):
        for i in range(100):
            writer.write(i)
            if failed.is_set():
                time.sleep(0.01)  # let the writer thread record the error
    writer.close()
    assert done == [0, 1, 2]


def test_leaving_with_an_exception_finishes_the_write_under_way_and_drops_the_rest():
    started = threading.Event()
    release = threading.Event()
    done: list[int] = []

    def write(i: int) -> None:
        started.set()
        release.wait(5)
        done.append(i)

    with pytest.raises(KeyboardInterrupt), BackgroundWriter(write, depth=5) as writer:
        for i in range(4):
            writer.write(i)
        started.wait(5)
        threading.Timer(0.05, release.set).start()
        raise KeyboardInterrupt
    assert done == [0]  # the first write finished whole; the queued ones were dropped


def test_two_workers_build_the_same_file_and_store_as_one(tmp_path):
    from graf.cli import main

    folder = tmp_path / "papers"
    folder.mkdir()
    for paper in sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".md", ".html")):
        shutil.copy(paper, folder / paper.name)
    outputs = {}
    for workers in ("1", "2"):
        out = tmp_path / f"w{workers}.ttl"
        assert main(["build", str(folder), "--out", str(out), "--store", str(tmp_path / f"st{workers}"),
                     "--workers", workers, "-q"]) == 0
        outputs[workers] = out.read_bytes()
    assert outputs["1"] == outputs["2"] and len(outputs["1"]) > 1000

    import pyoxigraph as ox

    def quads(path: Path) -> set[str]:
        store = ox.Store.read_only(str(path))
        try:
            return {str(q) for q in store}
        finally:
            del store

    assert quads(tmp_path / "st1") == quads(tmp_path / "st2")


def test_annotation_records_write_what_their_terms_say():
    """Mention annotations are kept as records and written to N-Triples from a template; the
    bytes must parse back to exactly the terms the set yields, escapes included."""
    from rdflib import Graph, URIRef

    from graf.graph.triples import TripleSet

    ts = TripleSet()
    body = URIRef("https://x.org/person/a")
    identifying = URIRef("http://www.w3.org/ns/oa#identifying")
    linking = URIRef("http://www.w3.org/ns/oa#linking")
    ts.add_annotation("https://x.org/doc/1/anno/1", body, identifying, "https://x.org/doc/1#char=0,5", None)
    ts.add_annotation("https://x.org/doc/1/anno/2", body, linking, "https://x.org/doc/1#char=7,9",
                      URIRef("https://x.org/item/1"))
    ts.add_annotation("https://x.org/doc/1/anno/2", body, linking, "https://x.org/doc/1#char=7,9",
                      URIRef("https://x.org/item/2"))  # same mention read in a second scope
    # 3 triples for an identifying mention, 3 + motivation + two contexts for the linking one
    assert len(ts) == 3 + 6
    nt = ts.to_ntriples().decode("utf-8")
    assert len(nt.splitlines()) == len(ts) == len(set(ts))
    assert set(Graph().parse(data=nt, format="nt")) == set(ts)
    assert all(t in ts for t in ts)


def test_writer_batches_what_waits_and_keeps_the_order():
    done: list[int] = []
    batches: list[int] = []
    gate = threading.Event()

    def write(i: int) -> None:
        gate.wait(5)
        done.append(i)

    def write_batch(jobs: list[tuple]) -> None:
        batches.append(len(jobs))
        done.extend(i for (i,) in jobs)

    with BackgroundWriter(write, depth=20, write_batch=write_batch) as writer:
        writer.write(0)  # the writer blocks on this one while the rest queue up
        for i in range(1, 11):
            writer.write(i)
        gate.set()
    assert done == list(range(11))
    assert batches and max(batches) > 1


@pytest.mark.parametrize("suffix", [".ttl", ".nq", ".jsonld"])
def test_build_interrupted_midway_leaves_the_old_output_file(tmp_path, monkeypatch, suffix):
    """Ctrl-C after the first paper of `graf build --out`: the old file stays as it was and no
    temporary file or folder is left beside it."""
    import graf.pipeline as pipeline
    from graf.cli import main

    folder = tmp_path / "papers"
    folder.mkdir()
    for paper in sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".md", ".html")):
        shutil.copy(paper, folder / paper.name)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / f"graph{suffix}"
    out.write_text("# old\n", encoding="utf-8")
    real = pipeline._process_path
    calls = []

    def second_paper_interrupted(args):
        calls.append(args)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(args)

    monkeypatch.setattr(pipeline, "_process_path", second_paper_interrupted)
    assert main(["build", str(folder), "--out", str(out), "--workers", "1", "-q"]) == 130
    assert out.read_text(encoding="utf-8") == "# old\n"
    assert [p.name for p in out_dir.iterdir()] == [out.name]


def test_turtle_file_holds_the_same_triples_as_ntriples(tmp_path):
    """A Turtle file is written with the papers' own triples rendered from a template; it must
    hold exactly what the N-Triples file holds (escapes, scopes, prefixes and all)."""
    from rdflib import Graph

    from graf.cli import main

    folder = tmp_path / "papers"
    folder.mkdir()
    for paper in sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".md", ".html")):
        shutil.copy(paper, folder / paper.name)
    (folder / "odd.txt").write_text('Protokoll\nSocialnämnden\n§ 1 "Citat" \\ och SoL 4 kap. 1 §\n',
                                    encoding="utf-8")
    for suffix in (".ttl", ".nt"):
        assert main(["build", str(folder), "--out", str(tmp_path / f"g{suffix}"), "-q"]) == 0
    ttl = set(Graph().parse(tmp_path / "g.ttl", format="turtle"))
    nt = set(Graph().parse(tmp_path / "g.nt", format="nt"))
    assert ttl == nt and len(ttl) > 1000
