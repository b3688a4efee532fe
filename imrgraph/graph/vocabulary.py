"""The bundled vocabulary files (ontology/*.ttl): where they are, and what the mapping needs from them.

Read straight from the Turtle files (not through Python tables), so the graph links to exactly the
concepts the store's ontology graph holds.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from pyoxigraph import BlankNode, RdfFormat, Triple, parse

from imrgraph.graph import iris

OTHER_CATEGORY = "other"  # DWC category of services the vocabulary does not know
SHAPES_FILE = "shapes.ttl"


@cache
def ontology_dir() -> Path:
    """ontology/ beside the package in a checkout, imrgraph/ontology/ in an installed wheel."""
    package = Path(__file__).resolve().parents[1]
    for candidate in (package.parent / "ontology", package / "ontology"):
        if (candidate / "imr.ttl").is_file():
            return candidate
    raise FileNotFoundError("ontology/imr.ttl not found beside the imrgraph package")


def vocabulary_files() -> list[Path]:
    """Every Turtle vocabulary loaded into the ontology graph (all of ontology/*.ttl but the shapes)."""
    return sorted(p for p in ontology_dir().glob("*.ttl") if p.name != SHAPES_FILE)


def shapes_file() -> Path:
    return ontology_dir() / SHAPES_FILE


@cache
def _vocabulary_triples() -> tuple:
    triples = []
    for path in vocabulary_files():
        with path.open("rb") as f:
            triples.extend(parse(f, format=RdfFormat.TURTLE, base_iri=path.as_uri()))
    return tuple(triples)


def canonical_triples() -> list[Triple]:
    """The vocabulary triples with blank nodes (owl:unionOf lists...) named by a hash of what they say,
    so loading the same files always gives the same quads (parsers name blank nodes at random)."""
    triples = _vocabulary_triples()
    outgoing: dict[BlankNode, list[Triple]] = {}
    for t in triples:
        if isinstance(t.subject, BlankNode):
            outgoing.setdefault(t.subject, []).append(t)
    names: dict[BlankNode, BlankNode] = {}

    def name(node, depth=0):
        if not isinstance(node, BlankNode):
            return node
        if node not in names:
            if depth > 50:  # a cycle of blank nodes: fall back to the parser's name
                return node
            parts = sorted(f"{t.predicate} {name(t.object, depth + 1)}" for t in outgoing.get(node, []))
            names[node] = BlankNode("b" + hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32])
        return names[node]

    return [Triple(name(t.subject), t.predicate, name(t.object)) for t in triples]


@cache
def service_ids() -> frozenset[str]:
    service_class = iris.IMR + "Service"
    prefix = iris.ID + "service/"
    return frozenset(
        t.subject.value[len(prefix):] for t in _vocabulary_triples()
        if t.predicate.value.endswith("#type") and t.object.value == service_class
        and t.subject.value.startswith(prefix)
    )


@cache
def _guideline_units() -> dict[tuple[str, str | None, str | None], str]:
    """(source, document, chapter) -> guideline-unit IRI, from the subjects carrying those literals."""
    fields: dict[str, dict[str, str]] = {}
    wanted = {iris.IMR + "guidelineSource": "source", iris.IMR + "document": "document",
              iris.IMR + "chapter": "chapter"}
    for t in _vocabulary_triples():
        name = wanted.get(t.predicate.value)
        if name and t.subject.value.startswith(iris.ID + "guideline-unit/"):
            fields.setdefault(t.subject.value, {})[name] = t.object.value
    return {(f.get("source", "").lower(), _norm(f.get("document")), _norm(f.get("chapter"))): iri
            for iri, f in sorted(fields.items())}


def _norm(value: str | None) -> str | None:
    return iris.slug(value) if value else None


def guideline_unit(source: str, document: str | None, chapter: str | None) -> str | None:
    """The most specific unit a section belongs to: its chapter if the vocabulary has it, else its document."""
    units = _guideline_units()
    key = (source.lower(), _norm(document), _norm(chapter))
    return units.get(key) or units.get((key[0], key[1], None))
