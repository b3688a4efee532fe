"""Extraction JSON -> RDF: the mapping (mapping.py), IRIs (iris.py), the on-disk store writer (store.py)."""

from imrgraph.graph.mapping import triples_for
from imrgraph.graph.store import GraphWriter, export_turtle, serialize_letter

__all__ = ["GraphWriter", "export_turtle", "serialize_letter", "triples_for"]
