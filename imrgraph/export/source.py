"""The built store as exporters read it: through the graph layer, streamed, never materialised.

The graph layer's named graphs never share a triple (docs/GRAPH.md), so the union of all graphs is
read as the plain concatenation of the graphs, with no de-duplication set.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pyoxigraph import DefaultGraph, Quad, Triple

from imrgraph.graph import iris
from imrgraph.graph.sparql import open_store, run

__all__ = ["Source", "open_source"]


class Source:
    """A read-only view of OUT/store."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.store = open_store(self.path)
        self.prefixes = dict(iris.PREFIXES)

    def graph_names(self) -> list:
        """Named graphs in IRI order (ontology, concepts, then the letters), so exports are stable."""
        return sorted(self.store.named_graphs(), key=lambda graph: graph.value)

    def quads_by_graph(self) -> Iterator[Quad]:
        """Every quad, the default graph first, then graph by graph."""
        yield from self.store.quads_for_pattern(None, None, None, DefaultGraph())
        for graph in self.graph_names():
            yield from self.store.quads_for_pattern(None, None, None, graph)

    def triples(self) -> Iterator[Triple]:
        """The union graph: each triple once, since the named graphs are disjoint."""
        for quad in self.quads_by_graph():
            yield Triple(quad.subject, quad.predicate, quad.object)

    def about(self, subject) -> Iterator[Quad]:
        """Every quad whose subject is `subject`, in any graph."""
        return self.store.quads_for_pattern(subject, None, None, None)

    def with_predicate(self, predicate) -> Iterator[Quad]:
        return self.store.quads_for_pattern(None, predicate, None, None)

    def query(self, sparql: str, bindings: dict | None = None):
        """SPARQL over the union graph, project prefixes predeclared, values bound, never spliced."""
        return run(self.store, sparql, bindings)

    def __len__(self) -> int:
        return len(self.store)


def open_source(path: Path | str) -> Source:
    return Source(path)
