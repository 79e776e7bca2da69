"""graf export --shards DIR: the bulk path into Virtuoso for millions of quads.

DIR/papers/*.nq   one N-Quads shard per paper, in the graph graf push names it (by source key)
DIR/union.nq      the deduplicated union of all papers, in the union graph queries read
DIR/manifest.nq   graf push's manifest (source key and checksum per paper graph), so that a
                  later `graf push` of the same data sends only what changed and keeps the
                  union right (delete what no other paper states, swap the paper, insert)
DIR/load.sh       Virtuoso's bulk loader: ld_dir, then one rdf_loader_run() per 2.5 cores in
                  parallel (more loaders deadlock on small machines), then a checkpoint
DIR/load.sql      the same with one loader, for an isql session

`graf build --executor dask --shards DIR` writes the same folder from its cache
(shards_from_cache). Exporting again into the same DIR rewrites only the shards of changed
papers, deletes those of papers that are gone, and lists both in DIR/changes.txt; the store is
then brought up to date with `graf push` (the bulk loader only adds, it cannot replace a paper).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from graf.errors import InputError
from graf.export import write_atomic
from graf.publish import data_base
from graf.push import (
    CHECKSUM,
    SOURCE_KEY,
    PaperGraph,
    paper_graph,
    paper_identity,
    papers_from_quads,
    serialized,
    source_keys,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from graf.build_dask import CacheEntry, PaperCache

INDEX = "shards.json"


@dataclass
class ShardReport:
    written: int
    unchanged: int
    removed: int
    quads: int
    union_triples: int
    union_graph: str
    folder: Path


def _shard_name(graph_iri: str) -> str:
    return graph_iri.rstrip("/").rsplit("/", 1)[-1] + ".nq"


def export_shards(quads: list[ox.Quad], folder: str | Path, store_keys: dict[str, str] | None = None
                  ) -> ShardReport:
    """graf export --shards: the papers of a dataset (a graph file or a store) into ``folder``."""
    writer = ShardWriter(folder, data_base(quads))
    for paper in papers_from_quads(quads, store_keys):
        writer.add(paper)
    return writer.finish()


class ShardWriter:
    """Writes the folder described above from papers given one at a time, in the order of
    their graphs' IRIs (graf.publish.paper_graphs'): from a dataset by export_shards, from a
    Dask build's cache by shards_from_cache, so both write the same bytes. Only the
    union's lines (a set, to deduplicate) and the manifest are held until ``finish``."""

    def __init__(self, folder: str | Path, base: str) -> None:
        from graf.graph.iri import Minter

        self.out = Path(folder)
        self.papers_dir = self.out / "papers"
        try:
            self.papers_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(str(self.out), f"cannot create folder ({exc.strerror})") from None
        self.mint = Minter(base)
        self.index_path = self.out / INDEX
        try:
            before = json.loads(self.index_path.read_text(encoding="utf-8")) if self.index_path.exists() else {}
        except (OSError, ValueError):
            before = {}
        self.before: dict[str, str] = before
        self.now: dict[str, str] = {}
        self.written = self.unchanged = self.quads = 0
        self.changes: list[str] = []
        self.manifest: list[tuple[str, str]] = []  # (source key, checksum) per paper
        # the union as lines: a triple is one N-Triples line, so a set of lines is a set of triples
        self.union_lines: dict[bytes, None] = {}

    def add(self, paper: PaperGraph) -> None:
        graph = self.mint.source_graph(paper.key)
        name = _shard_name(graph)
        self.now[name] = paper.checksum
        self.manifest.append((paper.key, paper.checksum))
        lines = paper.lines
        self.quads += len(lines)
        self.union_lines.update(dict.fromkeys(lines))
        if self.before.get(name) == paper.checksum and (self.papers_dir / name).exists():
            self.unchanged += 1
            return
        write_atomic(self.papers_dir / name, _in_graph(lines, graph))
        self.written += 1
        self.changes.append(f"{'changed' if name in self.before else 'new'}\t{graph}\t{paper.key}")

    def finish(self) -> ShardReport:
        out, mint = self.out, self.mint
        removed = 0
        for name in sorted(set(self.before) - set(self.now)):
            (self.papers_dir / name).unlink(missing_ok=True)
            removed += 1
            self.changes.append(f"removed\t{name}")
        union = mint.union_graph()
        write_atomic(out / "union.nq", _in_graph(list(self.union_lines), union))
        m = ox.NamedNode(mint.push_manifest_graph())
        manifest = []
        for key, digest in self.manifest:
            g = ox.NamedNode(mint.source_graph(key))
            manifest += [ox.Quad(g, ox.NamedNode(SOURCE_KEY), ox.Literal(key), m),
                         ox.Quad(g, ox.NamedNode(CHECKSUM), ox.Literal(digest), m)]
        write_atomic(out / "manifest.nq", serialized(manifest, ox.RdfFormat.N_QUADS))
        write_atomic(out / "load.sql", load_sql(out, union).encode("utf-8"))
        write_atomic(out / "load.sh", load_sh(out).encode("utf-8"))
        (out / "load.sh").chmod(0o755)
        write_atomic(out / "changes.txt", ("\n".join(self.changes) + "\n").encode("utf-8"))
        write_atomic(self.index_path, json.dumps(self.now, indent=0, sort_keys=True).encode("utf-8"))
        return ShardReport(self.written, self.unchanged, removed, self.quads, len(self.union_lines), union, out)


def shards_from_cache(cache: PaperCache, entries: Sequence[CacheEntry], folder: str | Path, base: str) -> ShardReport:
    """graf build --executor dask --shards: the built papers' graphs (``entries``, read from
    the Dask build's cache) as the folder above, byte for byte what exporting the same
    build's --out file gives (ShardWriter and push's source keys: the same code).

    Papers whose texts are equal share one named graph, as in the --out file; the graphs go in
    the order of their IRIs, as graf.publish.paper_graphs gives them. Each paper's graph is
    parsed twice -- once for its source identity (a key depends on whether another paper has
    a file of the same name), once to write it -- so that only the union's lines, not every
    paper's triples, are held at once."""
    from graf import publish
    from graf.graph.iri import Minter

    mint = Minter(base)
    by_graph: dict[str, list[str]] = {}  # graph IRI -> the cache keys of its papers
    for entry in entries:
        if entry.text_sha256 is not None:
            keys = by_graph.setdefault(mint.paper_graph(entry.text_sha256), [])
            if entry.key not in keys:
                keys.append(entry.key)
    graphs = sorted(by_graph)

    def triples_of(graph: str) -> list:
        data = b"".join(cache.read_graph(key) for key in by_graph[graph])
        (paper,) = publish.paper_graphs(list(ox.parse(data, format=ox.RdfFormat.N_QUADS)))
        return paper.triples

    keys = source_keys([(g, *paper_identity(triples_of(g))) for g in graphs])
    writer = ShardWriter(folder, base)
    for key, graph in zip(keys, graphs):
        writer.add(paper_graph(key, triples_of(graph)))
    return writer.finish()


def _in_graph(lines: list[bytes], graph: str) -> bytes:
    """N-Triples lines ("… .\\n") as N-Quads lines in ``graph``."""
    suffix = b" " + str(ox.NamedNode(graph)).encode("utf-8") + b" .\n"
    return b"".join(line[:-3] + suffix for line in lines if line.endswith(b" .\n"))


def _ld_dir_lines(folder: Path) -> list[str]:
    root = str(folder.resolve()).replace("'", "''")
    # the graph named in each quad wins over the ld_dir default; none is left unnamed
    return [f"ld_dir('{root}/papers', '*.nq', 'urn:graf:unassigned');",
            f"ld_dir('{root}', 'union.nq', 'urn:graf:unassigned');",
            f"ld_dir('{root}', 'manifest.nq', 'urn:graf:unassigned');"]


def load_sql(folder: Path, union: str) -> str:
    return "\n".join([
        f"-- graf bulk load into Virtuoso (isql-vt PORT dba PASSWORD < load.sql); union graph: {union}",
        f"-- the folder must be listed in DirsAllowed of virtuoso.ini; query with default-graph-uri={union}",
        *_ld_dir_lines(folder),
        "rdf_loader_run();",
        "checkpoint;",
        "SELECT COUNT(*) FROM DB.DBA.LOAD_LIST WHERE ll_error IS NOT NULL;",
        ""])


def load_sh(folder: Path) -> str:
    ld = "\n".join(_ld_dir_lines(folder))
    return f"""#!/bin/sh
# graf bulk load into Virtuoso: ./load.sh [ISQL_PORT] (password from $VIRTUOSO_PASSWORD, default dba)
# One rdf_loader_run() per 2.5 cores, in parallel: more loaders deadlock on small machines.
set -eu
port="${{1:-1111}}"
pw="${{VIRTUOSO_PASSWORD:-dba}}"
isql="$(command -v isql-vt || command -v isql)"
cores="$(nproc 2>/dev/null || echo 1)"
loaders=$(( cores * 2 / 5 ))
[ "$loaders" -ge 1 ] || loaders=1
"$isql" "$port" dba "$pw" <<'SQL'
{ld}
SQL
i=0
while [ "$i" -lt "$loaders" ]; do
  "$isql" "$port" dba "$pw" exec="rdf_loader_run();" >/dev/null &
  i=$((i + 1))
done
wait
"$isql" "$port" dba "$pw" exec="checkpoint;"
"$isql" "$port" dba "$pw" exec="SELECT ll_file, ll_error FROM DB.DBA.LOAD_LIST WHERE ll_error IS NOT NULL;"
"""
