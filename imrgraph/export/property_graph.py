"""The one RDF -> property-graph mapping used by every property-graph export (GraphML, GEXF, Neo4j, LadybugDB).

- Node: every subject with an `rdf:type` other than schema terms (OWL/RDFS classes and properties).
  Its id is its IRI; its *kind* (label / table) is the local name of its most specific class,
  preferring `imr:` classes, then schema.org, SKOS, PROV, anything else (`Determination`, `Service`,
  `ScholarlyArticle`...). `name` is a readable label: prefLabel, rdfs:label, the case number, the item
  text, ... else the IRI's path.
- Property: a literal, or an IRI that is not a node (`skos:exactMatch` ICD-10-CM IRIs), keyed by the
  predicate's local name (`age`, `dateOfInjury`); a clash between vocabularies gets the prefix
  (`dcterms_date`). A predicate with several values on some node is a list for its kind.
- Relationship: a predicate from a node to a node; its type is the local name in UPPER_SNAKE_CASE
  (`imr:hasDisputedTreatment` -> `HAS_DISPUTED_TREATMENT`).

Reading is two passes over the store (schema, then data), each a lookup per node; relationships
wait in a temporary file (`EdgeSpool`) while nodes are written. Memory grows with the number of
nodes (their kinds), not with the triples or the text.
"""

from __future__ import annotations

import re
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from pyoxigraph import BlankNode, Literal, NamedNode

from imrgraph.graph import iris
from imrgraph.graph.store import GraphStore

RDF = iris.PREFIXES["rdf"]
RDFS = iris.PREFIXES["rdfs"]
OWL = iris.PREFIXES["owl"]
XSD = iris.PREFIXES["xsd"]
SKOS = iris.PREFIXES["skos"]
TYPE = NamedNode(RDF + "type")
SUBCLASS_OF = NamedNode(RDFS + "subClassOf")

# classes whose instances are schema, not data
SCHEMA_CLASSES = {OWL + name for name in ("Class", "ObjectProperty", "DatatypeProperty", "AnnotationProperty",
                                          "Ontology", "Restriction", "FunctionalProperty",
                                          "TransitiveProperty", "SymmetricProperty", "AllDisjointClasses")}
SCHEMA_CLASSES |= {RDFS + "Class", RDFS + "Datatype", RDF + "Property", RDF + "List"}
GENERIC_CLASSES = {OWL + "NamedIndividual", OWL + "Thing", RDFS + "Resource"}
# where a node's kind is taken from, most preferred first
KIND_NAMESPACES = [iris.IMR, iris.PREFIXES["schema"], SKOS, iris.PREFIXES["prov"]]
# predicates tried in order for the readable `name`
NAME_PREDICATES = [SKOS + "prefLabel", RDFS + "label", iris.PREFIXES["dcterms"] + "title",
                   iris.IMR + "caseNumber", iris.PREFIXES["dcterms"] + "identifier", iris.IMR + "text",
                   iris.IMR + "sourceText", iris.IMR + "specialty", iris.IMR + "sourcePath"]
NAME_LENGTH = 80
RESERVED_KEYS = {"iri", "kind", "name"}  # columns every node has

INTEGER_TYPES = {XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                                   "positiveInteger", "nonPositiveInteger", "negativeInteger",
                                   "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte")}
FLOAT_TYPES = {XSD + "decimal", XSD + "double", XSD + "float"}
VALUE_TYPES = ("string", "integer", "float", "boolean", "date")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_INTEGER = re.compile(r"^[+-]?\d+$")
_FLOAT = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$|^[+-]?INF$|^NaN$")
# list delimiters offered to formats that flatten lists into one field (Neo4j CSV), first unused wins
LIST_DELIMITERS = ["|", ";", "\u00a6", "\u001f"]


@dataclass(frozen=True)
class Property:
    key: str
    type: str  # one of VALUE_TYPES
    is_list: bool


@dataclass
class Node:
    id: str
    kind: str
    name: str
    properties: dict[str, object]  # key -> value, or list of values for list properties


@dataclass(frozen=True)
class Edge:
    type: str
    source: str
    target: str
    source_kind: str
    target_kind: str


@dataclass
class _Column:
    types: set[str] = field(default_factory=set)
    is_list: bool = False
    delimiters: set[str] = field(default_factory=lambda: set(LIST_DELIMITERS))  # not inside any value


def local_name(iri: str) -> str:
    return re.split(r"[#/]", iri.rstrip("/#"))[-1] or iri


def relation_type(key: str) -> str:
    """`hasDisputedTreatment` -> `HAS_DISPUTED_TREATMENT`, `dcterms_references` -> `DCTERMS_REFERENCES`."""
    snake = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", key)
    return re.sub(r"[^A-Za-z0-9]+", "_", snake).strip("_").upper() or "RELATED_TO"


def literal_type(literal: Literal) -> str:
    datatype = literal.datatype.value
    lexical = literal.value
    if datatype in INTEGER_TYPES and _INTEGER.match(lexical):
        return "integer"
    if datatype in FLOAT_TYPES and _FLOAT.match(lexical):
        return "float"
    if datatype == XSD + "boolean" and lexical in ("true", "false", "1", "0"):
        return "boolean"
    if datatype == XSD + "date" and _DATE.match(lexical):
        return "date"
    return "string"


def typed_value(lexical: str, value_type: str):
    """A literal's lexical form as the Python value of its column type (dates stay ISO strings)."""
    if value_type == "integer":
        return int(lexical)
    if value_type == "float":
        return float(lexical)
    if value_type == "boolean":
        return lexical in ("true", "1")
    return lexical


def _term_key(term) -> str:
    return term.value if isinstance(term, NamedNode) else f"_:{term.value}"


class PropertyGraph:
    """The store seen as a property graph. `schema` (kind -> key -> Property) and `relations` (type ->
    (from kind, to kind) pairs) are known on construction; `nodes(spool)` then streams the nodes, sorted
    by kind and id, and leaves their relationships in the spool."""

    def __init__(self, source: GraphStore) -> None:
        self.source = source
        self._kinds = self._read_kinds()
        self._keys = self._predicate_keys()
        self._relations = self._relation_names()
        self.schema: dict[str, dict[str, Property]] = {}
        self.relations: dict[str, set[tuple[str, str]]] = defaultdict(set)
        self.list_delimiter = LIST_DELIMITERS[0]
        self.node_count = 0
        self.edge_count = 0
        self._read_schema()

    # -- pass 0: which subjects are nodes, and of what kind --------------------------------------

    def _superclasses(self) -> dict[str, set[str]]:
        direct: dict[str, set[str]] = defaultdict(set)
        for quad in self.source.quads(predicate=SUBCLASS_OF):
            if isinstance(quad.subject, NamedNode) and isinstance(quad.object, NamedNode):
                direct[quad.subject.value].add(quad.object.value)
        closure: dict[str, set[str]] = {}

        def ancestors(cls: str, seen: frozenset = frozenset()) -> set[str]:
            if cls not in closure:
                found = set()
                for parent in direct.get(cls, ()):
                    if parent not in seen:
                        found |= {parent} | ancestors(parent, seen | {cls})
                closure[cls] = found
            return closure[cls]

        for cls in list(direct):
            ancestors(cls)
        return closure

    def _read_kinds(self) -> dict[str, str]:
        types: dict[str, set[str]] = defaultdict(set)
        for quad in self.source.quads(predicate=TYPE):
            if isinstance(quad.object, NamedNode) and isinstance(quad.subject, NamedNode | BlankNode):
                types[_term_key(quad.subject)].add(quad.object.value)
        superclasses = self._superclasses()
        kinds: dict[str, str] = {}
        chosen: dict[frozenset, str] = {}  # the same type sets recur: decide each once
        for subject, classes in types.items():
            if classes & SCHEMA_CLASSES:
                continue
            key = frozenset(classes)
            if key not in chosen:
                chosen[key] = self._kind_of(classes, superclasses)
            kinds[subject] = chosen[key]
        return kinds

    @staticmethod
    def _kind_of(classes: set[str], superclasses: dict[str, set[str]]) -> str:
        candidates = classes - GENERIC_CLASSES or classes
        # most specific: drop every class that is a superclass of another one here
        implied = set().union(*(superclasses.get(cls, set()) for cls in candidates))
        specific = candidates - implied or candidates

        def rank(cls: str) -> tuple[int, str]:
            namespace = next((i for i, ns in enumerate(KIND_NAMESPACES) if cls.startswith(ns)),
                             len(KIND_NAMESPACES))
            return namespace, cls

        return re.sub(r"[^A-Za-z0-9_]", "_", local_name(min(specific, key=rank)))

    def _predicate_keys(self) -> dict[str, str]:
        """Every predicate -> its property key / relation name: the local name, prefixed on a clash."""
        predicates = sorted(row["p"].value for row in self.source.query("SELECT DISTINCT ?p WHERE { ?s ?p ?o }"))
        by_local: dict[str, list[str]] = defaultdict(list)
        for predicate in predicates:
            by_local[local_name(predicate)].append(predicate)
        prefix_of = {ns: prefix for prefix, ns in self.source.prefixes.items()}
        keys = {}
        for local, same in by_local.items():
            for predicate in same:
                owner = next((ns for ns in prefix_of if predicate.startswith(ns) and predicate[len(ns):] == local),
                             None)
                bare_ok = local not in RESERVED_KEYS and (len(same) == 1 or owner == iris.IMR)
                if bare_ok:
                    keys[predicate] = local
                else:
                    prefix = prefix_of.get(owner, "ns") if owner else "ns"
                    keys[predicate] = f"{prefix}_{local}"
        return {p: re.sub(r"[^A-Za-z0-9_]", "_", key) for p, key in keys.items()}

    def _relation_names(self) -> dict[str, str]:
        """Predicate -> relationship type. Never a kind's name in another case: LadybugDB (like Kuzu)
        has one case-insensitive namespace for node and relationship tables (`imr:outcome` vs
        `imr:Outcome` gives HAS_OUTCOME)."""
        taken = {kind.lower() for kind in self._kinds.values()}
        names = {}
        for predicate, key in self._keys.items():
            name = relation_type(key)
            names[predicate] = "HAS_" + name if name.lower() in taken else name
        return names

    # -- pass 1: the schema ----------------------------------------------------------------------

    def _ordered_nodes(self) -> list[tuple[str, str]]:
        return sorted(((kind, node) for node, kind in self._kinds.items()))

    def _subject_term(self, node: str):
        return BlankNode(node[2:]) if node.startswith("_:") else NamedNode(node)

    def _statements(self, node: str) -> Iterator[tuple[str, object]]:
        """(predicate IRI, object) of one node, each once, rdf:type left out."""
        seen = set()
        for quad in self.source.quads(subject=self._subject_term(node)):
            if quad.predicate == TYPE:
                continue
            statement = (quad.predicate.value, quad.object)
            if statement not in seen:
                seen.add(statement)
                yield statement

    def _read_schema(self) -> None:
        columns: dict[str, dict[str, _Column]] = defaultdict(dict)
        for kind, node in self._ordered_nodes():
            self.node_count += 1
            texts: dict[str, list[str]] = defaultdict(list)
            for predicate, obj in self._statements(node):
                key = self._keys[predicate]
                target = None if isinstance(obj, Literal) else self._kinds.get(_term_key(obj))
                if target is not None:
                    self.relations[self._relations[predicate]].add((kind, target))
                    self.edge_count += 1
                    continue
                column = columns[kind].setdefault(key, _Column())
                column.types.add(literal_type(obj) if isinstance(obj, Literal) else "string")
                texts[key].append(obj.value)
            for key, values in texts.items():
                column = columns[kind][key]
                column.is_list = column.is_list or len(values) > 1
                column.delimiters = {d for d in column.delimiters if not any(d in value for value in values)}
        for kind in sorted(set(self._kinds.values())):
            self.schema[kind] = {
                key: Property(key, next(iter(column.types)) if len(column.types) == 1 else "string", column.is_list)
                for key, column in sorted(columns[kind].items())}
        unused = set(LIST_DELIMITERS).intersection(
            *(column.delimiters for by_key in columns.values() for column in by_key.values() if column.is_list))
        self.list_delimiter = next((d for d in LIST_DELIMITERS if d in unused), LIST_DELIMITERS[-1])

    # -- pass 2: the data --------------------------------------------------------------------------

    @property
    def kinds(self) -> list[str]:
        return list(self.schema)

    def kind_of(self, node: str) -> str | None:
        return self._kinds.get(node)

    def property_types(self) -> dict[str, Property]:
        """One Property per key over all kinds (a key typed differently by two kinds becomes a string),
        for formats with one attribute table (GraphML, GEXF)."""
        merged: dict[str, Property] = {}
        for properties in self.schema.values():
            for key, prop in properties.items():
                known = merged.get(key)
                if known is None:
                    merged[key] = prop
                elif known != prop:
                    merged[key] = Property(key, known.type if known.type == prop.type else "string",
                                           known.is_list or prop.is_list)
        return dict(sorted(merged.items()))

    def nodes(self, edges: EdgeSpool) -> Iterator[Node]:
        """Every node; its relationships go to `edges`, to be read once all nodes are out."""
        for kind, node in self._ordered_nodes():
            schema = self.schema[kind]
            values: dict[str, list] = defaultdict(list)
            names: dict[str, str] = {}
            for predicate, obj in self._statements(node):
                if not isinstance(obj, Literal):
                    target = _term_key(obj)
                    target_kind = self._kinds.get(target)
                    if target_kind is not None:
                        edges.add(Edge(self._relations[predicate], node, target, kind, target_kind))
                        continue
                key = self._keys[predicate]
                prop = schema[key]
                lexical = obj.value
                if predicate in NAME_PREDICATES and predicate not in names:
                    names[predicate] = lexical
                if isinstance(obj, Literal) and prop.type != "string":
                    values[key].append(typed_value(lexical, prop.type))
                else:
                    values[key].append(lexical)
            properties = {}
            for key, found in values.items():
                ordered = sorted(found, key=lambda v: (str(type(v)), v))
                properties[key] = ordered if schema[key].is_list else ordered[0]
            yield Node(node, kind, self._name(node, names), properties)

    @staticmethod
    def _name(node: str, names: dict[str, str]) -> str:
        text = next((names[p] for p in NAME_PREDICATES if p in names), None)
        if text is None:
            text = node[len(iris.ID):] if node.startswith(iris.ID) else local_name(node)
        text = " ".join(text.split())
        return text if len(text) <= NAME_LENGTH else text[: NAME_LENGTH - 1] + "\u2026"


class EdgeSpool:
    """Relationships met while nodes stream, kept in a temporary file (IRIs hold no tab or newline)
    until every node is written: one pass over the store yields both, in any memory."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile("w+", encoding="utf-8")
        self.count = 0

    def __enter__(self) -> EdgeSpool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._file.close()

    def add(self, edge: Edge) -> None:
        self._file.write(f"{edge.type}\t{edge.source}\t{edge.target}\t{edge.source_kind}\t{edge.target_kind}\n")
        self.count += 1

    def __iter__(self) -> Iterator[Edge]:
        self._file.flush()
        self._file.seek(0)
        for line in self._file:
            yield Edge(*line.rstrip("\n").split("\t"))
