"""Graph stage: Paper + Linked -> rdflib Graph (the only stage that knows RDF)."""

from graf.graph.build import DEFAULT_BASE, build_graph
from graf.graph.terms import PREFIXES, bind_prefixes

__all__ = ["DEFAULT_BASE", "PREFIXES", "bind_prefixes", "build_graph"]
