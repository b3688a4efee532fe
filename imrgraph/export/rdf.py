"""RDF serialisations, streamed from the store: Turtle and N-Triples (the union graph), N-Quads (the
named graphs kept: one per letter, plus concepts and ontology), JSON-LD (named graphs kept, with the
readable @context of `imrgraph.export.jsonld`)."""

from __future__ import annotations

from pathlib import Path

from pyoxigraph import RdfFormat, serialize

from imrgraph.graph import turtle
from imrgraph.graph.store import GraphStore


def write_turtle(source: GraphStore, path: Path) -> dict:
    with open(path, "wb") as out:
        turtle.write_turtle(source.triples(), out)
    return {"triples": len(source)}


def write_ntriples(source: GraphStore, path: Path) -> dict:
    with open(path, "wb") as out:
        serialize(source.triples(), out, RdfFormat.N_TRIPLES)
    return {"triples": len(source)}


def write_nquads(source: GraphStore, path: Path) -> dict:
    with open(path, "wb") as out:
        serialize(source.quads_by_graph(), out, RdfFormat.N_QUADS)
    return {"quads": len(source), "graphs": len(source.graph_names())}
