"""Export the built store to other graph stores and tools (RDF files, GraphML, GEXF, Neo4j, LadybugDB).

RDF formats (`rdf.py`, `jsonld.py`) serialise the store's quads; the property-graph formats
(`xmlgraph.py`, `neo4j.py`, `ladybug.py`) all read the one mapping in `property_graph.py`.
"""

from __future__ import annotations

from pathlib import Path

from imrgraph.errors import UserError

# format -> (default output beside the store, is a directory, what it is)
FORMATS: dict[str, tuple[str, bool, str]] = {
    "ttl": ("export.ttl", False, "Turtle, the union of all graphs"),
    "nt": ("export.nt", False, "N-Triples, the union of all graphs"),
    "nq": ("export.nq", False, "N-Quads, one named graph per letter (+ concepts, ontology)"),
    "jsonld": ("export.jsonld", False, "JSON-LD with the readable imrgraph @context, named graphs kept"),
    "graphml": ("export.graphml", False, "GraphML property graph (networkx, Cytoscape, yEd)"),
    "gexf": ("export.gexf", False, "GEXF 1.2 property graph (Gephi, networkx)"),
    "neo4j": ("neo4j", True, "neo4j-admin import CSVs + import.sh + load.cypher"),
    "ladybug": ("ladybug", True, "a LadybugDB (Kuzu) database: graph.lbug + schema.cypher"),
}
RDF_FORMATS = ("ttl", "nt", "nq", "jsonld")


def export(store: Path | str, fmt: str, output: Path | str) -> dict:
    """Writes `fmt` from the store at `store` to `output`; returns counts for the summary line."""
    from imrgraph.graph.store import GraphStore

    output = Path(output)
    source = GraphStore(store)
    if FORMATS[fmt][1]:
        if output.exists() and not output.is_dir():
            raise UserError(f"{output} exists and is not a directory")
    elif output.is_dir():
        raise UserError(f"{output} is a directory: give a file name")
    output.parent.mkdir(parents=True, exist_ok=True)
    if fmt in RDF_FORMATS:
        from imrgraph.export import jsonld, rdf

        writer = {"ttl": rdf.write_turtle, "nt": rdf.write_ntriples, "nq": rdf.write_nquads,
                  "jsonld": jsonld.write_jsonld}[fmt]
        return writer(source, output)
    from imrgraph.export.property_graph import PropertyGraph

    graph = PropertyGraph(source)
    if fmt in ("graphml", "gexf"):
        from imrgraph.export import xmlgraph

        return (xmlgraph.write_graphml if fmt == "graphml" else xmlgraph.write_gexf)(graph, output)
    if fmt == "neo4j":
        from imrgraph.export.neo4j import write_neo4j

        return write_neo4j(graph, output)
    from imrgraph.export.ladybug import write_ladybug

    return write_ladybug(graph, output)
