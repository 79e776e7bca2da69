"""The whole path for one paper and for a corpus: read -> parse -> recognise -> link -> build.

This module only sequences the stages; each stage lives in its own package.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rdflib import Dataset, Graph, URIRef

from graf.records import Linked, Paper, Source

if TYPE_CHECKING:
    from graf.graph.build import TripleSet


@dataclass
class Processed:
    source: Source
    paper: Paper
    linked: Linked
    triples: "TripleSet"
    base: str
    _graph: Graph | None = field(default=None, repr=False)

    @property
    def graph(self) -> Graph:
        """The paper's triples as an rdflib Graph, made on first use."""
        if self._graph is None:
            self._graph = self.triples.to_graph()
        return self._graph


@dataclass
class BuildResult:
    processed: list[Processed] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)

    def dataset(self, base: str) -> Dataset:
        """One named graph per paper (IRI from the paper's text checksum)."""
        ds = Dataset()
        for p in self.processed:
            g = ds.graph(paper_graph_iri(p.source, base))
            for triple in p.triples:
                g.add(triple)
        return ds

    def merged(self) -> Graph:
        from graf.graph.build import bind_prefixes

        g = bind_prefixes(Graph(bind_namespaces="none"))
        for p in self.processed:
            for triple in p.triples:
                g.add(triple)
        return g


def paper_graph_iri(source: Source, base: str) -> URIRef:
    from graf.graph.iri import Minter

    return URIRef(Minter(base).paper_graph(source.sha256))


def process_source(source: Source, base: str) -> Processed:
    from graf.graph.build import build_triples
    from graf.link import link
    from graf.nlp import recognise
    from graf.structure import parse

    paper = parse(source)
    recognised = recognise(paper)
    linked = link(paper, recognised, base)
    triples = build_triples(paper, linked, base)
    return Processed(source, paper, linked, triples, base)


def _process_path(args: tuple[str, str]) -> tuple[str, Processed | None, str]:
    """Read and process one file; never raises (a failure comes back as its reason)."""
    from graf.errors import GrafError
    from graf.sources import read_file

    path, base = args
    try:
        return path, process_source(read_file(path), base), "ok"
    except GrafError as exc:
        return path, None, getattr(exc, "reason", str(exc))
    except RecursionError:
        return path, None, "too deeply nested to process"
    except Exception as exc:  # a bug in a stage must not lose the other papers
        if os.environ.get("GRAF_DEBUG"):
            raise
        return path, None, f"internal error while processing ({type(exc).__name__}: {exc})"


def iter_build(files: Iterable[str], base: str, workers: int = 1,
               progress: Callable[[int, int, str, str], None] | None = None,
               ) -> Iterator[tuple[str, Processed | None, str]]:
    """Process the given files in order, one at a time, so a large corpus never has to be held
    in memory. Yields (path, Processed or None, status). ``workers`` > 1 processes papers in
    that many worker processes (results still come back in input order)."""
    files = [str(f) for f in files]
    jobs = [(f, base) for f in files]
    if workers > 1 and len(files) > 1:
        import multiprocessing as mp

        ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
        with ctx.Pool(workers) as pool:
            for i, item in enumerate(pool.imap(_process_path, jobs, chunksize=1), 1):
                if progress:
                    progress(i, len(files), item[0], item[2])
                yield item
        return
    for i, job in enumerate(jobs, 1):
        item = _process_path(job)
        if progress:
            progress(i, len(files), item[0], item[2])
        yield item


def build(paths: Iterable[str], base: str, workers: int = 1,
          progress: Callable[[int, int, str, str], None] | None = None) -> BuildResult:
    """Process every paper under ``paths`` and keep the results (for small corpora, tests and
    eval; the command line streams with iter_build instead)."""
    from graf.sources import list_inputs

    result = BuildResult()
    for path, processed, status in iter_build(list_inputs(paths), base, workers, progress):
        if processed is None:
            result.failures.append((path, status))
        else:
            result.processed.append(processed)
    return result


def stderr_progress(i: int, n: int, path: str, status: str) -> None:
    print(f"[{i}/{n}] {path}: {status}", file=sys.stderr, flush=True)
