"""Python API for notebooks: open a built store, run SPARQL, get rows, a DataFrame or a networkx graph.

    from imrgraph import api
    g = api.open_store("out/store")
    g.select("SELECT ?item WHERE { ?item imr:outcome imr:Overturned }")
    g.select(api.bundled_query("determinations-by-drug"), bindings={"drug": "Klonopin"})
                                              # bound as RDF terms, never spliced; a bound variable
                                              # must be in the SELECT projection (pyoxigraph substitution)
    g.find("norco", kind="drug")              # nodes by name: whole, start or part, any case
    g.dataframe(api.bundled_query("outcome-by-specialty"))
    g.networkx(around="https://w3id.org/imrgraph/id/determination/CM13-0008842", depth=2)

`api.open_store` returns an `imrgraph.graph.store.GraphStore` (its docstring lists every method).
"""

from __future__ import annotations

from imrgraph.errors import UserError
from imrgraph.graph.store import GraphStore, Match, open_store, term

__all__ = ["GraphStore", "Match", "UserError", "bundled_query", "open_store", "term"]


def bundled_query(name: str) -> str:
    """The text of a bundled query (`imrgraph query --list` names them)."""
    from imrgraph import queries

    return queries.text(name)
