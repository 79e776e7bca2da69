"""Incremental builds into the embedded store: unchanged papers are skipped, a changed paper
replaces only its own named graph, a vanished paper's graph is removed, and an interrupted
build leaves the store as it was before that paper."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def graphs(store_dir: Path) -> dict[str, frozenset]:
    """Each paper's complete graph, as the store keeps it (see GraphStore.paper_quads); also
    checks the store's invariant: its default graph is exactly the union of those graphs."""
    from graf.store import GraphStore

    with GraphStore(store_dir, read_only=True) as store:
        out: dict[str, set] = {}
        for q in store.paper_quads():
            out.setdefault(q.graph_name.value, set()).add(str(q.triple))
        union = {str(q.triple) for q in store.store.quads_for_pattern(None, None, None, ox.DefaultGraph())}
    assert union == set().union(*out.values()) if out else not union
    return {k: frozenset(v) for k, v in out.items()}


@pytest.fixture()
def corpus(tmp_path) -> Path:
    folder = tmp_path / "papers"
    shutil.copytree(EXAMPLES, folder)
    return folder


def test_rebuild_of_unchanged_folder_skips_every_paper(tmp_path, corpus, graf_cli):
    r = graf_cli("build", str(corpus), "--store", "st", "--progress", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    before = graphs(tmp_path / "st")
    manifest = tmp_path / "st" / "graf-manifest.json"
    stamp = manifest.stat().st_mtime_ns
    r = graf_cli("build", str(corpus), "--store", "st", "--progress", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    n = len(list(corpus.iterdir()))
    assert r.stderr.count(": unchanged") == n
    assert f"0 added, 0 updated, {n} unchanged, 0 removed" in r.stderr
    assert manifest.stat().st_mtime_ns == stamp
    assert graphs(tmp_path / "st") == before


def test_changing_one_paper_changes_only_its_graph(tmp_path, corpus, graf_cli):
    assert graf_cli("build", str(corpus), "--store", "st", cwd=tmp_path).returncode == 0
    before = graphs(tmp_path / "st")
    paper = corpus / "protokoll-fritidsnamnden-2025-05-13.md"
    paper.write_text(paper.read_text(encoding="utf-8").replace("3,4 mnkr", "3,9 mnkr"), encoding="utf-8")
    r = graf_cli("build", str(corpus), "--store", "st", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "0 added, 1 updated, 1 unchanged, 0 removed" in r.stderr
    after = graphs(tmp_path / "st")
    assert len(after) == len(before)
    changed = set(before) ^ set(after)
    assert len(changed) == 2  # the old graph of that paper went, its new graph came
    for name in set(before) & set(after):
        assert before[name] == after[name]
    new = (set(after) - set(before)).pop()
    assert any("3,9 mnkr" in t for t in after[new])


def test_vanished_paper_is_removed(tmp_path, corpus, graf_cli):
    assert graf_cli("build", str(corpus), "--store", "st", cwd=tmp_path).returncode == 0
    (corpus / "dagordning-fritidsnamnden-2025-06-10.html").unlink()
    r = graf_cli("build", str(corpus), "--store", "st", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "1 removed" in r.stderr
    assert len(graphs(tmp_path / "st")) == 1
    r = graf_cli("query", "meetings", "--store", "st", "--format", "csv", cwd=tmp_path)
    assert "2025-06-10" not in r.stdout and "2025-05-13" in r.stdout


def test_interrupted_build_leaves_store_as_before_that_paper(tmp_path, corpus, monkeypatch, graf_cli):
    """Simulate a crash after a changed paper's new graph is loaded but before the manifest
    switches to it: the next build drops the orphan and the store holds the paper once."""
    from graf.store import Store

    assert graf_cli("build", str(corpus), "--store", "st", cwd=tmp_path).returncode == 0
    before = graphs(tmp_path / "st")

    def crash(self, changes):
        raise KeyboardInterrupt

    paper = corpus / "protokoll-fritidsnamnden-2025-05-13.md"
    paper.write_text(paper.read_text(encoding="utf-8") + "\nTillägg.\n", encoding="utf-8")
    monkeypatch.setattr(Store, "_record_many", crash)
    from graf.cli import main

    monkeypatch.chdir(tmp_path)
    assert main(["build", str(corpus), "--store", "st", "-q"]) == 130
    monkeypatch.undo()
    # the manifest still names the old graph; the half-finished new graph is an orphan
    with Store(tmp_path / "st") as store:
        assert store.drop_orphans() == 1
    assert graphs(tmp_path / "st") == before
    r = graf_cli("build", str(corpus), "--store", "st", cwd=tmp_path)
    assert r.returncode == 0 and "1 updated" in r.stderr
    assert len(graphs(tmp_path / "st")) == len(before)


def test_papers_built_by_another_graf_are_rebuilt(tmp_path, corpus, graf_cli):
    """An unchanged paper is rebuilt when the code that made its graph has changed since (the
    manifest records the builder's fingerprint), so a store never mixes old and new graphs."""
    import json

    assert graf_cli("build", str(corpus), "--store", "st", cwd=tmp_path).returncode == 0
    manifest = tmp_path / "st" / "graf-manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    paths = sorted(data["papers"])
    assert all(e.get("builder") for e in data["papers"].values())
    data["papers"][paths[0]]["builder"] = "built-by-an-older-graf"
    manifest.write_text(json.dumps(data), encoding="utf-8")
    r = graf_cli("build", str(corpus), "--store", "st", "--progress", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    n = len(paths)
    assert f"0 added, 1 updated, {n - 1} unchanged, 0 removed" in r.stderr
    data = json.loads(manifest.read_text(encoding="utf-8"))
    assert len({e["builder"] for e in data["papers"].values()}) == 1


def test_one_store_object_puts_removes_and_puts_again_keeping_the_union_exact(tmp_path):
    """The store skips loading shared lines it has already put into the union in this session
    (the union is a set). A removal in between may take such a line out of the union, so the
    next paper that states it must load it again: the default graph stays exactly the union of
    the papers' graphs after put, drop, put in one store object, and equals a fresh store."""
    from graf.pipeline import PaperGraph, process_source
    from graf.sources import read_file
    from graf.store import Store

    agenda, minutes = (read_file(p) for p in sorted(EXAMPLES.iterdir()))
    built = {s.path: PaperGraph.of(process_source(s, "https://example.org/")) for s in (agenda, minutes)}

    def put(store, source):
        b = built[source.path]
        store.put_papers([(source.path, b.raw_sha256, b.text_sha256, b.triples, "https://example.org/", "t")])

    with Store(tmp_path / "st") as store:
        store.drop_orphans()
        put(store, agenda)
        store.drop_paper(agenda.path)
        put(store, minutes)
        put(store, agenda)
        store.drop_paper(minutes.path)
    with Store(tmp_path / "fresh") as store:
        store.drop_orphans()
        put(store, agenda)
    kept, fresh = graphs(tmp_path / "st"), graphs(tmp_path / "fresh")
    assert kept == fresh and len(kept) == 1
    # the two papers share lines (the committee, its municipality, persons), or this proves nothing
    shared = set(built[agenda.path].triples.to_ntriples().splitlines()) \
        & set(built[minutes.path].triples.to_ntriples().splitlines())
    assert len(shared) > 5


def _union(store_dir: Path) -> set[str]:
    from graf.store import GraphStore

    with GraphStore(store_dir, read_only=True) as store:
        return {str(q.triple) for q in store.store.quads_for_pattern(None, None, None, ox.DefaultGraph())}


@pytest.mark.parametrize("removed", ["corrected", "original"])
def test_removing_one_of_two_papers_of_a_meeting_keeps_what_the_other_states(tmp_path, graf_cli, removed):
    """Two papers of one meeting (minutes and a corrected copy with a paragraph more) state
    most of the meeting's triples both. The store keeps a meeting's triples as one packed
    literal per paper; removing either paper must leave the union exactly as a store built
    from the other paper alone, and each paper's complete graph as it was."""
    folder = tmp_path / "papers"
    folder.mkdir()
    original = (EXAMPLES / "protokoll-fritidsnamnden-2025-05-13.md").read_text(encoding="utf-8")
    corrected = original.rstrip("\n") + ("\n\n§ 99 Tillägg om lokalbokning\n\nBeslut\n\nNämnden beslutar att "
                                         "lägga informationen till handlingarna.\n")
    (folder / "original.md").write_text(original, encoding="utf-8")
    (folder / "corrected.md").write_text(corrected, encoding="utf-8")
    assert graf_cli("build", str(folder), "--store", "both", cwd=tmp_path).returncode == 0
    both = graphs(tmp_path / "both")
    kept = "original" if removed == "corrected" else "corrected"
    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copy(folder / f"{kept}.md", alone / f"{kept}.md")
    assert graf_cli("build", str(alone), "--store", "fresh", cwd=tmp_path).returncode == 0

    (folder / f"{removed}.md").unlink()
    r = graf_cli("build", str(folder), "--store", "both", cwd=tmp_path)
    assert r.returncode == 0 and "1 removed" in r.stderr, r.stderr
    after = graphs(tmp_path / "both")  # also checks: the union is exactly the papers' graphs
    assert _union(tmp_path / "both") == _union(tmp_path / "fresh")
    assert list(after.values()) == [g for g in both.values() if g in after.values()] and len(after) == 1
    # the two papers shared meeting triples, and each stated some the other did not
    first, second = both.values()
    meeting = [t for t in first & second if "/sammantrade/" in t.split(">", 1)[0]]
    assert len(meeting) > 50 and first - second and second - first
    assert any("/paragraf/99" in t for t in (first | second) - (first & second))


def test_a_store_from_before_meeting_parts_removes_papers_correctly(tmp_path, graf_cli):
    """A store built before meeting parts existed keeps a paper's meeting triples in its named
    graph. Removing such a paper must keep the meeting triples that a paper of the same meeting
    built since (with a meeting part) still states: the union then equals a fresh store of
    that paper."""
    import pyoxigraph as ox

    from graf.store import GraphStore, Store

    folder = tmp_path / "papers"
    folder.mkdir()
    original = (EXAMPLES / "protokoll-fritidsnamnden-2025-05-13.md").read_text(encoding="utf-8")
    (folder / "original.md").write_text(original, encoding="utf-8")
    (folder / "corrected.md").write_text(original + "\n§ 99 Tillägg\n\nBeslut\n\nNämnden beslutar att godkänna "
                                         "tillägget.\n", encoding="utf-8")
    assert graf_cli("build", str(folder), "--store", "st", cwd=tmp_path).returncode == 0
    with Store(tmp_path / "st") as store:
        # turn the original paper's meeting part into the layout of before: its named graph
        name = store.manifest()[str((folder / "original.md").resolve())]["graph"]
        lines = store._unpacked(name, GraphStore._MEETING_LINES, GraphStore.MEETING_PARTS_GRAPH)
        assert lines
        for q in ox.parse(lines, format=ox.RdfFormat.N_TRIPLES):
            store.store.add(ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(name)))
        for q in list(store.store.quads_for_pattern(ox.NamedNode(name), None, None, GraphStore.MEETING_PARTS_GRAPH)):
            store.store.remove(q)
    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copy(folder / "corrected.md", alone / "corrected.md")
    assert graf_cli("build", str(alone), "--store", "fresh", cwd=tmp_path).returncode == 0
    (folder / "original.md").unlink()
    r = graf_cli("build", str(folder), "--store", "st", cwd=tmp_path)
    assert r.returncode == 0 and "1 removed" in r.stderr, r.stderr
    assert _union(tmp_path / "st") == _union(tmp_path / "fresh")
    graphs(tmp_path / "st")
