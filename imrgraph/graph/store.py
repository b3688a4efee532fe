"""GraphStore: the one read-side view of a built store (OUT/store of `imrgraph build`).

Opened read-only; every query sees the union of the named graphs (they never share a triple,
docs/GRAPH.md), with the project prefixes predeclared and values bound as RDF terms, never spliced
into the query text. A query that would call another endpoint (SERVICE) is refused unless the store
was opened with an allow-list naming that endpoint. The command line, the Python API, the exporters,
push, validate, the report, the explorer and the server all read a store through this class.

    from imrgraph.graph.store import GraphStore
    with GraphStore("out/store") as g:
        g.select("SELECT ?item WHERE { ?item imr:outcome imr:Overturned }")
        g.find("norco", kind="drug")
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad, Store, Triple, Variable

from imrgraph import DEFAULT_STORE
from imrgraph.errors import UserError
from imrgraph.graph import iris
from imrgraph.graph.limits import check_query
from imrgraph.graph.query_text import is_update, syntax_message

__all__ = ["GraphStore", "Match", "compact", "open_store", "python_value", "term", "union_triples"]

_XSD = iris.PREFIXES["xsd"]
_INTEGERS = {_XSD + t for t in ("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger")}
KINDS = ("determination", "drug", "service", "diagnosis", "section")  # what find() looks for, in rank order


@dataclass(frozen=True)
class Match:
    """A node whose name contains the text looked for."""

    iri: str
    kind: str  # one of KINDS
    label: str  # the node's own label
    matched: str  # the name that matched: a label, brand name, notation, code or case number
    rank: int  # 0: the whole name, 1: its start, 2: a part of it (always case-insensitive)


# One rule for finding a node by name: case-insensitive, the whole name, its start or a part of it.
# ?needle is the text in lower case with single spaces, bound as a literal (so it is projected: pyoxigraph
# binds only projected variables).
FIND_QUERY = """
SELECT ?node ?kind ?label ?name ?needle WHERE {
  { ?node a imr:Determination ; dcterms:identifier|imr:caseNumber ?name . BIND(?name AS ?label)
    BIND("determination" AS ?kind) }
  UNION { ?node a imr:Medication ; skos:prefLabel ?label ; skos:prefLabel|skos:altLabel ?name . BIND("drug" AS ?kind) }
  UNION { ?node a imr:Service ; skos:prefLabel ?label ; skos:prefLabel|skos:altLabel|skos:notation ?name .
          BIND("service" AS ?kind) }
  UNION { ?node a imr:Diagnosis ; skos:prefLabel ?label ; skos:prefLabel|imr:icd10cm ?name . BIND("diagnosis" AS ?kind) }
  UNION { ?node a imr:GuidelineSection ; rdfs:label ?label . BIND(?label AS ?name) BIND("section" AS ?kind) }
  FILTER(CONTAINS(LCASE(STR(?name)), ?needle))
}"""


class GraphStore:
    """A built store, read-only. `allow_service` lists the SERVICE endpoints (IRIs) a query may
    call; by default none. Usable as a context manager; `close()` releases the store's lock."""

    def __init__(self, path: Path | str = DEFAULT_STORE, *, allow_service: Iterable[str] = ()):
        self.path = Path(path)
        self.allow_service = frozenset(allow_service)
        self.prefixes = dict(iris.PREFIXES)
        if not (self.path / "CURRENT").is_file():
            if (self.path / "store" / "CURRENT").is_file():
                raise UserError(f"no store at {self.path}: did you mean {self.path / 'store'}?")
            raise UserError(f"no store at {self.path}: run `imrgraph build` first")
        try:
            self._opened: Store | None = Store.read_only(str(self.path))
        except OSError as e:
            raise UserError(f"cannot open the store at {self.path}: {e}") from None

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._opened = None
        gc.collect()  # the store's files are released when the object is

    def _store(self) -> Store:
        if self._opened is None:
            raise UserError(f"the store at {self.path} is closed")
        return self._opened

    def __len__(self) -> int:
        return len(self._store())

    # ---- SPARQL ----

    def check(self, sparql: str) -> None:
        """Refuses (QueryRefused, a UserError) a query nested too deeply for the parser, or one whose
        SERVICE clauses call an endpoint not in the allow-list (graph/limits.py)."""
        check_query(sparql, self.allow_service)

    def query(self, sparql: str, bindings: dict | None = None, *, default_graphs: list | None = None,
              named_graphs: list | None = None, base_iri: str | None = None):
        """The raw pyoxigraph result (solutions, boolean or triples). `bindings` maps variable names
        to values bound as RDF terms (see `term`). `default_graphs`/`named_graphs` (IRIs) set the
        dataset as the SPARQL protocol does; by default the default graph is the union of all.
        `base_iri` resolves relative IRIs. Raises UserError (QueryRefused before running, see `check`)."""
        self.check(sparql)
        options: dict = {"prefixes": self.prefixes, "base_iri": base_iri}
        if default_graphs:
            options["default_graph"] = [_graph_name(g) for g in default_graphs]
        else:
            options["use_default_graph_as_union"] = True
        if named_graphs:
            options["named_graphs"] = [_graph_name(g) for g in named_graphs]
        try:
            options["substitutions"] = {Variable(k.lstrip("?$")): term(v) for k, v in (bindings or {}).items()} or None
            return self._store().query(sparql, **options)
        except SyntaxError as e:
            if is_update(sparql):
                raise UserError("updates are not allowed: the store is read-only (SPARQL queries only)") from None
            raise UserError(syntax_message(e)) from None
        except (OSError, ValueError, TypeError, RuntimeError) as e:
            raise UserError("query failed: " + " ".join(str(e).split())) from None

    def select(self, sparql: str, bindings: dict | None = None) -> list[dict]:
        """SELECT rows as dicts of plain Python values (IRIs as str, numbers, booleans; unbound -> None)."""
        result = self.query(sparql, bindings)
        names = [v.value for v in result.variables]
        return [{n: python_value(s[n]) for n in names} for s in result]

    def ask(self, sparql: str, bindings: dict | None = None) -> bool:
        return bool(self.query(sparql, bindings))

    def construct(self, sparql: str, bindings: dict | None = None) -> list[Triple]:
        """CONSTRUCT/DESCRIBE results as pyoxigraph Triples."""
        return list(self.query(sparql, bindings))

    def dataframe(self, sparql: str, bindings: dict | None = None):
        """SELECT rows as a pandas DataFrame."""
        import pandas as pd

        result = self.query(sparql, bindings)
        names = [v.value for v in result.variables]
        return pd.DataFrame([[python_value(s[n]) for n in names] for s in result], columns=names)

    # ---- finding nodes by name ----

    def find(self, text: str, kind: str | None = None) -> list[Match]:
        """Nodes whose name contains `text`, case-insensitively, best first: the whole name, then its
        start, then a part of it. Names are labels, brand names (drugs), notations (services), ICD-10-CM
        codes (diagnoses), letter ids and case numbers. `kind` narrows to one of KINDS."""
        if kind is not None and kind not in KINDS:
            raise UserError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}", exit_code=2)
        needle = " ".join(str(text).lower().split())
        if not needle:
            return []
        best: dict[str, Match] = {}
        for row in self.select(FIND_QUERY, {"needle": needle}):
            if kind is not None and row["kind"] != kind:
                continue
            name = str(row["name"]).lower()
            rank = 0 if name == needle else 1 if name.startswith(needle) else 2
            found = Match(row["node"], row["kind"], str(row["label"]), str(row["name"]), rank)
            if row["node"] not in best or _order(found) < _order(best[row["node"]]):
                best[row["node"]] = found
        return sorted(best.values(), key=_order)

    # ---- networkx ----

    def networkx(self, construct: str | None = None, *, around: str | None = None, depth: int = 1,
                 bindings: dict | None = None, literals: bool = False):
        """A networkx MultiDiGraph of part of the graph: the triples of a CONSTRUCT query, or every
        triple within `depth` hops (either direction) of the node `around`. Nodes are IRIs with a short
        `label`; literal values become node attributes unless `literals=True` makes them nodes too.
        Raises UserError when `around` names no node of the store."""
        import networkx as nx

        if (construct is None) == (around is None):
            raise UserError("networkx() wants either a CONSTRUCT query or around=IRI", exit_code=2)
        triples = self.construct(construct, bindings) if construct else self._around(around, depth)
        graph = nx.MultiDiGraph()
        for t in triples:
            s, p = t.subject.value, compact(t.predicate)
            graph.add_node(s, label=compact(t.subject))
            if isinstance(t.object, Literal) and not literals:
                graph.nodes[s].setdefault(p, [])
                graph.nodes[s][p].append(python_value(t.object))
                continue
            o = t.object.value
            graph.add_node(o, label=compact(t.object))
            graph.add_edge(s, o, key=p, predicate=p)
        return graph

    def _around(self, iri: str, depth: int) -> list[Triple]:
        start = str(iri).strip().strip("<>")
        try:
            node = NamedNode(start)
        except ValueError:
            raise UserError(f"around={iri!r} is not an IRI", exit_code=2) from None
        if next(self.quads(subject=node), None) is None and next(self.quads(object=node), None) is None:
            raise UserError(f"around=<{start}>: no such node in the store at {self.path}")
        seen: set = set()
        frontier, out = {node}, {}
        for _ in range(max(depth, 1)):
            following = set()
            for current in frontier - seen:
                seen.add(current)
                for q in self.quads(subject=current):
                    out[Triple(q.subject, q.predicate, q.object)] = None
                    if isinstance(q.object, NamedNode):
                        following.add(q.object)
                for q in self.quads(object=current):
                    out[Triple(q.subject, q.predicate, q.object)] = None
                    following.add(q.subject)
            frontier = following
        return list(out)

    # ---- streaming, for exporters ----

    def quads(self, subject=None, predicate=None, object=None, graph=None) -> Iterator[Quad]:
        """Every quad matching the pattern (None matches anything), in any graph."""
        return self._store().quads_for_pattern(subject, predicate, object, graph)

    def graph_names(self) -> list[NamedNode]:
        """Named graphs in IRI order (concepts, the letters, ontology), so exports are stable."""
        return sorted(self._store().named_graphs(), key=lambda graph: graph.value)

    def quads_by_graph(self) -> Iterator[Quad]:
        """Every quad, the default graph first, then graph by graph in graph_names() order."""
        yield from self.quads(graph=DefaultGraph())
        for graph in self.graph_names():
            yield from self.quads(graph=graph)

    def triples(self) -> Iterator[Triple]:
        """The union graph: each triple once, since the named graphs are disjoint."""
        return union_triples(self._store())


def open_store(path: Path | str = DEFAULT_STORE, *, allow_service: Iterable[str] = ()) -> GraphStore:
    return GraphStore(path, allow_service=allow_service)


def _order(match: Match) -> tuple:
    return match.rank, KINDS.index(match.kind), match.label.lower(), match.iri


def _graph_name(graph) -> NamedNode:
    try:
        return graph if isinstance(graph, NamedNode) else NamedNode(str(graph))
    except ValueError as e:
        raise UserError(f"not a graph IRI: {graph!r} ({e})", exit_code=2) from None


def union_triples(store: Store) -> Iterator[Triple]:
    """Every triple of a store's graphs once (they are disjoint), graph by graph in IRI order."""
    graphs = [DefaultGraph(), *sorted(store.named_graphs(), key=lambda graph: graph.value)]
    for graph in graphs:
        for quad in store.quads_for_pattern(None, None, None, graph):
            yield Triple(quad.subject, quad.predicate, quad.object)


def term(value) -> NamedNode | Literal | BlankNode:
    """A Python value as an RDF term for binding: <iri> or http(s) strings are IRIs, numbers and
    booleans are typed literals, anything else a plain string. Nothing here is spliced into query text."""
    if isinstance(value, NamedNode | Literal | BlankNode):
        return value
    if isinstance(value, bool):
        return Literal(str(value).lower(), datatype=NamedNode(_XSD + "boolean"))
    if isinstance(value, int):
        return Literal(str(value), datatype=NamedNode(_XSD + "integer"))
    if isinstance(value, float | Decimal):
        return Literal(str(value), datatype=NamedNode(_XSD + "decimal"))
    text = str(value)
    if text.startswith("<") and text.endswith(">"):
        return NamedNode(text[1:-1])
    if text.startswith(("http://", "https://")):
        return NamedNode(text)
    return Literal(text)


def python_value(node):
    """An RDF term as a plain Python value: IRIs as str, numbers as int/float, booleans as bool."""
    if node is None:
        return None
    if isinstance(node, Literal):
        dt = node.datatype.value
        try:
            if dt in _INTEGERS:
                return int(node.value)
            if dt in (_XSD + "decimal", _XSD + "double", _XSD + "float"):
                return float(node.value)
        except ValueError:
            return node.value
        if dt == _XSD + "boolean":
            return node.value in ("true", "1")
        return node.value
    return node.value


def compact(node) -> str:
    """Short display form: prefixed name for known namespaces, else the value."""
    if node is None:
        return ""
    if isinstance(node, NamedNode):
        for prefix, ns in iris.PREFIXES.items():
            if node.value.startswith(ns) and prefix != "id":
                return f"{prefix}:{node.value[len(ns):]}"
        return node.value
    return str(python_value(node))
