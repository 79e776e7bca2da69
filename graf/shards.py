"""graf export --shards DIR: the bulk path into Virtuoso for millions of quads.

DIR/papers/*.nq   one N-Quads shard per paper, in the graph graf push names it (by source key)
DIR/union.nq      the deduplicated union of all papers, in the union graph queries read
DIR/manifest.nq   graf push's manifest (source key and checksum per paper graph), so that a
                  later `graf push` of the same data sends only what changed and keeps the
                  union right (delete what no other paper states, swap the paper, insert)
DIR/load.sh       Virtuoso's bulk loader: ld_dir, then one rdf_loader_run() per 2.5 cores in
                  parallel (more loaders deadlock on small machines), then a checkpoint
DIR/load.sql      the same with one loader, for an isql session

Exporting again into the same DIR rewrites only the shards of changed papers, deletes those of
papers that are gone, and lists both in DIR/changes.txt; the store is then brought up to date
with `graf push` (the bulk loader only adds, it cannot replace a paper).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from graf.errors import InputError
from graf.export import write_atomic
from graf.publish import data_base
from graf.push import CHECKSUM, SOURCE_KEY, PaperGraph, papers_from_quads, serialized

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
    from graf.graph.iri import Minter

    out = Path(folder)
    papers_dir = out / "papers"
    try:
        papers_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(str(out), f"cannot create folder ({exc.strerror})") from None
    mint = Minter(data_base(quads))
    papers: list[PaperGraph] = papers_from_quads(quads, store_keys)
    index_path = out / INDEX
    try:
        before: dict[str, str] = json.loads(index_path.read_text(encoding="utf-8")) if index_path.exists() else {}
    except (OSError, ValueError):
        before = {}
    now: dict[str, str] = {}
    written = unchanged = n_quads = 0
    changes: list[str] = []
    for p in papers:
        graph = mint.source_graph(p.key)
        name = _shard_name(graph)
        now[name] = p.checksum
        n_quads += len(p)
        if before.get(name) == p.checksum and (papers_dir / name).exists():
            unchanged += 1
            continue
        write_atomic(papers_dir / name, _in_graph(p.lines, graph))
        written += 1
        changes.append(f"{'changed' if name in before else 'new'}\t{graph}\t{p.key}")
    removed = 0
    for name in sorted(set(before) - set(now)):
        (papers_dir / name).unlink(missing_ok=True)
        removed += 1
        changes.append(f"removed\t{name}")

    union = mint.union_graph()
    # the union as lines: a triple is one N-Triples line, so a set of lines is a set of triples
    union_lines = list(dict.fromkeys(line for p in papers for line in p.lines))
    write_atomic(out / "union.nq", _in_graph(union_lines, union))
    m = ox.NamedNode(mint.push_manifest_graph())
    manifest = []
    for p in papers:
        g = ox.NamedNode(mint.source_graph(p.key))
        manifest += [ox.Quad(g, ox.NamedNode(SOURCE_KEY), ox.Literal(p.key), m),
                     ox.Quad(g, ox.NamedNode(CHECKSUM), ox.Literal(p.checksum), m)]
    write_atomic(out / "manifest.nq", serialized(manifest, ox.RdfFormat.N_QUADS))
    write_atomic(out / "load.sql", load_sql(out, union).encode("utf-8"))
    write_atomic(out / "load.sh", load_sh(out).encode("utf-8"))
    (out / "load.sh").chmod(0o755)
    write_atomic(out / "changes.txt", ("\n".join(changes) + "\n").encode("utf-8"))
    write_atomic(index_path, json.dumps(now, indent=0, sort_keys=True).encode("utf-8"))
    return ShardReport(written, unchanged, removed, n_quads, len(union_lines), union, out)


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
