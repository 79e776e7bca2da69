"""The whole path for one paper and for a corpus: read -> parse -> recognise -> link -> build.

This module only sequences the stages; each stage lives in its own package.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from rdflib import Dataset, Graph, URIRef

from graf.records import Linked, Paper, Source


@dataclass
class Processed:
    source: Source
    paper: Paper
    linked: Linked
    graph: Graph


@dataclass
class BuildResult:
    processed: list[Processed] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)

    def dataset(self, base: str) -> Dataset:
        """One named graph per paper (IRI from the paper's text checksum)."""
        ds = Dataset()
        for p in self.processed:
            g = ds.graph(paper_graph_iri(p.source, base))
            for triple in p.graph:
                g.add(triple)
        return ds

    def merged(self) -> Graph:
        g = Graph()
        for p in self.processed:
            for triple in p.graph:
                g.add(triple)
            for prefix, ns in p.graph.namespaces():
                g.bind(prefix, ns, override=False)
        return g


def paper_graph_iri(source: Source, base: str) -> URIRef:
    return URIRef(f"{base}graph/{source.sha256[:16]}")


def process_source(source: Source, base: str) -> Processed:
    from graf.graph import build_graph
    from graf.link import link
    from graf.nlp import recognise
    from graf.structure import parse

    paper = parse(source)
    recognised = recognise(paper)
    linked = link(paper, recognised, base)
    graph = build_graph(paper, linked, base)
    return Processed(source, paper, linked, graph)


def build(paths: Iterable[str], base: str,
          progress: Callable[[int, int, str, str], None] | None = None) -> BuildResult:
    """Read and process every paper under ``paths``. A paper that cannot be read or processed
    is recorded as a failure; the others are still built."""
    from graf.errors import GrafError
    from graf.sources import list_inputs, read_file

    files = list_inputs(paths)
    result = BuildResult()
    for i, path in enumerate(files, 1):
        try:
            source = read_file(path)
            result.processed.append(process_source(source, base))
            status = "ok"
        except GrafError as exc:
            reason = getattr(exc, "reason", str(exc))
            result.failures.append((str(path), reason))
            status = reason
        except RecursionError:
            result.failures.append((str(path), "too deeply nested to process"))
            status = "failed"
        except Exception as exc:  # a bug in a stage must not lose the other papers
            if "GRAF_DEBUG" in __import__("os").environ:
                raise
            reason = f"internal error while processing ({type(exc).__name__}: {exc})"
            result.failures.append((str(path), reason))
            status = "failed"
        if progress:
            progress(i, len(files), str(path), status)
    return result


def stderr_progress(i: int, n: int, path: str, status: str) -> None:
    print(f"[{i}/{n}] {path}: {status}", file=sys.stderr, flush=True)
