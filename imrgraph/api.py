"""Python API for notebooks: open a built store, run SPARQL, get rows, a DataFrame or a networkx graph.

    from imrgraph import api
    g = api.open_store("out/store")
    g.select("SELECT ?item WHERE { ?item imr:outcome imr:Overturned }")
    g.select("SELECT ?d ?drug WHERE { ?m skos:altLabel ?drug . ?d imr:mentionsMedication ?m }",
             bindings={"drug": "klonopin"})   # bound as RDF terms, never spliced; a bound variable
                                              # must be in the SELECT projection (pyoxigraph substitution)
    g.dataframe(api.bundled_query("outcome-by-specialty"))
    g.networkx(around="https://w3id.org/imrgraph/id/determination/X", depth=2)
"""

from __future__ import annotations

from pathlib import Path

from imrgraph.errors import UserError
from imrgraph.graph.sparql import DEFAULT_STORE, compact, python_value, run, term

__all__ = ["GraphStore", "UserError", "bundled_query", "open_store", "term"]


def bundled_query(name: str) -> str:
    """The text of a bundled query (`imrgraph query --list` names them)."""
    from imrgraph import queries

    return queries.text(name)


class GraphStore:
    """A read-only view of a built store; every query sees the union of all graphs."""

    def __init__(self, path: Path | str = DEFAULT_STORE):
        from imrgraph.graph.sparql import open_store as _open

        self.path = Path(path)
        self.store = _open(self.path)

    def query(self, sparql: str, bindings: dict | None = None):
        """The raw pyoxigraph result (solutions, boolean or triples)."""
        return run(self.store, sparql, bindings)

    def select(self, sparql: str, bindings: dict | None = None) -> list[dict]:
        """SELECT rows as dicts of plain Python values (IRIs as str, numbers, booleans; unbound -> None)."""
        result = self.query(sparql, bindings)
        names = [v.value for v in result.variables]
        return [{n: python_value(s[n]) for n in names} for s in result]

    def dataframe(self, sparql: str, bindings: dict | None = None):
        """SELECT rows as a pandas DataFrame (pandas must be installed)."""
        try:
            import pandas as pd
        except ImportError:
            raise UserError("dataframe() needs pandas: pip install pandas") from None
        result = self.query(sparql, bindings)
        names = [v.value for v in result.variables]
        return pd.DataFrame([[python_value(s[n]) for n in names] for s in result], columns=names)

    def ask(self, sparql: str, bindings: dict | None = None) -> bool:
        return bool(self.query(sparql, bindings))

    def triples(self, sparql: str, bindings: dict | None = None) -> list:
        """CONSTRUCT/DESCRIBE results as pyoxigraph Triples."""
        return list(self.query(sparql, bindings))

    def networkx(self, construct: str | None = None, *, around: str | None = None, depth: int = 1,
                 bindings: dict | None = None, literals: bool = False):
        """A networkx MultiDiGraph of part of the graph: the triples of a CONSTRUCT query, or every
        triple within `depth` hops (either direction) of the node `around`. Nodes are IRIs with a short
        `label`; literal values become node attributes unless `literals=True` makes them nodes too."""
        import networkx as nx

        if (construct is None) == (around is None):
            raise UserError("networkx() wants either a CONSTRUCT query or around=IRI")
        triples = self.triples(construct, bindings) if construct else self._around(around, depth)
        graph = nx.MultiDiGraph()
        for t in triples:
            s, p = t.subject.value, compact(t.predicate)
            graph.add_node(s, label=compact(t.subject))
            if t.object.__class__.__name__ == "Literal" and not literals:
                graph.nodes[s].setdefault(p, [])
                graph.nodes[s][p].append(python_value(t.object))
                continue
            o = t.object.value
            graph.add_node(o, label=compact(t.object))
            graph.add_edge(s, o, key=p, predicate=p)
        return graph

    def _around(self, iri: str, depth: int) -> list:
        from pyoxigraph import NamedNode, Triple

        seen, frontier, out = set(), {NamedNode(str(iri).strip("<>"))}, {}
        for _ in range(max(depth, 1)):
            nxt = set()
            for node in frontier - seen:
                seen.add(node)
                for q in self.store.quads_for_pattern(node, None, None, None):
                    out[Triple(q.subject, q.predicate, q.object)] = None
                    if isinstance(q.object, NamedNode):
                        nxt.add(q.object)
                for q in self.store.quads_for_pattern(None, None, node, None):
                    out[Triple(q.subject, q.predicate, q.object)] = None
                    nxt.add(q.subject)
            frontier = nxt
        return list(out)


def open_store(path: Path | str = DEFAULT_STORE) -> GraphStore:
    return GraphStore(path)
