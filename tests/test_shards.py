"""graf export --shards: per-paper shards, the deduplicated union, push's manifest and the
bulk-load scripts; exporting again rewrites only what changed (the Virtuoso load itself is
tested in test_virtuoso.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox

from graf import publish

ROOT = Path(__file__).resolve().parents[1]


def _build(graf_cli, folder: Path, out: Path) -> Path:
    res = graf_cli("build", str(folder), "--out", str(out), "-q")
    assert res.returncode == 0, res.stderr
    return out


def _triples(path: Path) -> set:
    return {(q.subject, q.predicate, q.object) for q in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS)}


def test_shards_follow_the_papers(graf_cli, tmp_path):
    papers = tmp_path / "papers"
    shutil.copytree(ROOT / "examples", papers)
    shards = tmp_path / "shards"
    nq = _build(graf_cli, papers, tmp_path / "a.nq")
    res = graf_cli("export", str(nq), "--shards", str(shards))
    assert res.returncode == 0, res.stderr
    files = sorted((shards / "papers").glob("*.nq"))
    assert len(files) == 2
    # each shard is one paper's graph; the union is the set of all their triples, once
    everything = {(q.subject, q.predicate, q.object) for q in publish.load_file(nq)}
    assert _triples(shards / "union.nq") == everything
    assert sum(len(_triples(f)) for f in files) >= len(everything)
    graphs = {q.graph_name.value for f in files for q in ox.parse(path=str(f), format=ox.RdfFormat.N_QUADS)}
    assert len(graphs) == 2 and all("/graph/paper/" in g for g in graphs)
    manifest = (shards / "manifest.nq").read_text(encoding="utf-8")
    assert all(g in manifest for g in graphs)
    script = (shards / "load.sh").read_text(encoding="utf-8")
    assert "ld_dir" in script and "rdf_loader_run()" in script and "* 2 / 5" in script

    # one paper corrected, then one gone: only its shard changes
    minutes = next(papers.glob("protokoll-*"))
    minutes.write_text(minutes.read_text(encoding="utf-8").replace("Remiss", "Rättad remiss", 1), encoding="utf-8")
    before = {f.name: f.read_bytes() for f in files}
    res = graf_cli("export", str(_build(graf_cli, papers, tmp_path / "b.nq")), "--shards", str(shards))
    assert "1 paper shard(s) (1 unchanged, 0 removed" in res.stderr, res.stderr
    after = {f.name: f.read_bytes() for f in (shards / "papers").glob("*.nq")}
    assert set(after) == set(before) and sum(after[n] != before[n] for n in after) == 1
    assert (shards / "changes.txt").read_text(encoding="utf-8").startswith("changed")
    minutes.unlink()
    nq3 = _build(graf_cli, papers, tmp_path / "c.nq")
    res = graf_cli("export", str(nq3), "--shards", str(shards))
    assert "0 paper shard(s) (1 unchanged, 1 removed" in res.stderr, res.stderr
    assert len(list((shards / "papers").glob("*.nq"))) == 1
    assert _triples(shards / "union.nq") == {(q.subject, q.predicate, q.object) for q in publish.load_file(nq3)}
