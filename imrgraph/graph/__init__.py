"""Extraction JSON -> RDF: the mapping (mapping.py), IRIs (iris.py), the on-disk store writer (store.py)."""

from imrgraph.graph.mapping import triples_for
from imrgraph.graph.store import GraphWriter, SerializedLetter, export_turtle, serialize_letter

__all__ = ["GraphWriter", "SerializedLetter", "export_turtle", "serialize_letter", "triples_for"]
