"""Extraction JSON -> RDF and back: the mapping (mapping.py), IRIs (iris.py), the store writer
(writer.py) and its one Turtle writer (turtle.py), the one read-side view of a built store (store.py), and what a query's text says
before it runs (query_text.py)."""

from imrgraph.graph.mapping import triples_for
from imrgraph.graph.store import GraphStore
from imrgraph.graph.writer import GraphWriter, SerializedLetter, serialize_letter

__all__ = ["GraphStore", "GraphWriter", "SerializedLetter", "serialize_letter", "triples_for"]
