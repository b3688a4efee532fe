"""The one reader of ontology/: where it is, and each file parsed once per process.

ontology/ lies inside the package in an installed wheel (pyproject.toml force-includes it as
imrgraph/ontology) and beside the package in a source checkout; the package's own copy wins.
"""

from __future__ import annotations

import csv
import hashlib
from functools import cache
from pathlib import Path

from pyoxigraph import BlankNode, NamedNode, Quad, RdfFormat, Store, Triple, parse

from imrgraph.vocab.keys import surface_key
from imrgraph.vocab.namespaces import GENID

SHAPES = "shapes.ttl"
_PACKAGE = Path(__file__).resolve().parents[1]


@cache
def ontology_dir() -> Path:
    for candidate in (_PACKAGE / "ontology", _PACKAGE.parent / "ontology"):
        if (candidate / "imr.ttl").is_file():
            return candidate
    raise FileNotFoundError(f"ontology/imr.ttl is neither in {_PACKAGE} nor beside it")


def path(name: str) -> Path:
    return ontology_dir() / name


@cache
def triples(name: str) -> tuple[Triple, ...]:
    """The triples of one Turtle file of ontology/, parsed once per process."""
    with path(name).open("rb") as f:
        return tuple(parse(f, format=RdfFormat.TURTLE))


@cache
def store(name: str) -> Store:
    """One Turtle file as an in-memory store, for the loaders that read it with SPARQL."""
    graph = Store()
    graph.extend(Quad(t.subject, t.predicate, t.object) for t in triples(name))
    return graph


@cache
def fingerprint() -> str:
    """A hash of every file in ontology/: tables derived from them are stale when it changes."""
    digest = hashlib.sha256()
    for file in sorted(p for p in ontology_dir().rglob("*") if p.is_file()):
        digest.update(file.relative_to(ontology_dir()).as_posix().encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()


def vocabulary_files() -> list[str]:
    """The Turtle files the store's ontology graph holds: all of ontology/*.ttl but the shapes."""
    return sorted(p.name for p in ontology_dir().glob("*.ttl") if p.name != SHAPES)


def shapes_file() -> Path:
    return path(SHAPES)


@cache
def canonical_triples() -> tuple[Triple, ...]:
    """The vocabulary files' triples with every blank node (owl:unionOf lists...) replaced by a skolem
    IRI named by a hash of what it says, so every load, build and push gives the same triples."""
    every = [t for name in vocabulary_files() for t in triples(name)]
    outgoing: dict[BlankNode, list[Triple]] = {}
    for t in every:
        if isinstance(t.subject, BlankNode):
            outgoing.setdefault(t.subject, []).append(t)
    names: dict[BlankNode, NamedNode] = {}

    def name(node, seen: frozenset = frozenset()):
        if not isinstance(node, BlankNode):
            return node
        if node not in names:
            if node in seen:
                raise ValueError("ontology/: blank nodes in a cycle cannot be named by what they say")
            parts = sorted(f"{t.predicate} {name(t.object, seen | {node})}" for t in outgoing.get(node, []))
            names[node] = NamedNode(GENID + hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32])
        return names[node]

    return tuple(Triple(name(t.subject), t.predicate, name(t.object)) for t in every)


def read_table(name: str, key: str, value: str) -> dict[str, list[str]]:
    """Rows of a TSV keyed by the `key` column's surface key; each value is the row's `value` column
    plus the remaining columns, in header order. A key mapped to two values raises ValueError."""
    table: dict[str, list[str]] = {}
    with path(name).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        others = [column for column in reader.fieldnames or () if column not in (key, value)]
        for line, row in enumerate(reader, start=2):
            surface = surface_key(row[key] or "")
            if not surface:
                raise ValueError(f"{name} line {line}: empty {key!r}")
            entry = [(row[value] or "").strip(), *((row[column] or "").strip() for column in others)]
            if surface in table and table[surface][0] != entry[0]:
                raise ValueError(f"{name} line {line}: {surface!r} maps to {table[surface][0]!r} and {entry[0]!r}")
            table[surface] = entry
    return table
