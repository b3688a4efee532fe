"""Neo4j: the CSV files `neo4j-admin database import full` reads, plus a Cypher LOAD CSV script.

Into DIR: `nodes_<Kind>.csv` per node kind (header `iri:ID(Resource)`, `:LABEL`, `name`, then typed
properties `age:long`, `page:long[]`, `dateOfInjury:date`, ...), `rels_<TYPE>.csv` per relationship
type (`:START_ID(Resource)`, `:END_ID(Resource)`, `:TYPE`), `import.sh` (the neo4j-admin command)
and `load.cypher` (the same data into a running server, files placed in its import directory).
Every node also has the label `Resource` and one ID space `Resource`: IRIs are unique across kinds.
Lists use the delimiter the property-graph mapping found unused in the data (`|` unless taken); the
`:LABEL` cell joins a node's labels with the same delimiter, since neo4j-admin splits labels on
`--array-delimiter` as it splits arrays.
"""

from __future__ import annotations

import csv
import shlex
from pathlib import Path

from imrgraph.export.property_graph import EdgeSpool, Property, PropertyGraph

ID_SPACE = "Resource"
COMMON_LABEL = "Resource"
NEO4J_TYPES = {"string": "string", "integer": "long", "float": "double", "boolean": "boolean", "date": "date"}
ID_COLUMN = f"iri:ID({ID_SPACE})"
START_COLUMN = f":START_ID({ID_SPACE})"
END_COLUMN = f":END_ID({ID_SPACE})"
CYPHER_BATCH = 10_000


def header_field(prop: Property) -> str:
    return f"{prop.key}:{NEO4J_TYPES[prop.type]}{'[]' if prop.is_list else ''}"


def _cell(value, delimiter: str) -> str:
    if isinstance(value, list):
        return delimiter.join(_cell(v, delimiter) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _csv_writer(handle):
    # neo4j-admin's defaults: comma, double quote, quotes doubled inside quoted fields
    return csv.writer(handle, delimiter=",", quotechar='"', doublequote=True, lineterminator="\n",
                      quoting=csv.QUOTE_MINIMAL)


def node_file(kind: str) -> str:
    return f"nodes_{kind}.csv"


def relationship_file(rel_type: str) -> str:
    return f"rels_{rel_type}.csv"


def write_neo4j(graph: PropertyGraph, directory: Path) -> dict:
    directory.mkdir(parents=True, exist_ok=True)
    delimiter = graph.list_delimiter
    for stale in list(directory.glob("nodes_*.csv")) + list(directory.glob("rels_*.csv")):
        stale.unlink()  # a kind or type that no longer exists must not be imported again
    with EdgeSpool() as spool:
        handle = writer = None
        kind = None
        columns: list[str] = []
        for node in graph.nodes(spool):
            if node.kind != kind:
                if handle:
                    handle.close()
                kind = node.kind
                columns = list(graph.schema[kind])
                handle = open(directory / node_file(kind), "w", encoding="utf-8", newline="")
                writer = _csv_writer(handle)
                writer.writerow([ID_COLUMN, ":LABEL", "name",
                                 *(header_field(graph.schema[kind][key]) for key in columns)])
            writer.writerow([node.id, delimiter.join((kind, COMMON_LABEL)), node.name,
                             *(_cell(node.properties[key], delimiter) if key in node.properties else ""
                               for key in columns)])
        if handle:
            handle.close()
        relationship_writers: dict[str, tuple] = {}
        try:
            for edge in spool:
                if edge.type not in relationship_writers:
                    rel_handle = open(directory / relationship_file(edge.type), "w", encoding="utf-8", newline="")
                    rel_writer = _csv_writer(rel_handle)
                    rel_writer.writerow([START_COLUMN, END_COLUMN, ":TYPE"])
                    relationship_writers[edge.type] = (rel_handle, rel_writer)
                relationship_writers[edge.type][1].writerow([edge.source, edge.target, edge.type])
        finally:
            for rel_handle, _ in relationship_writers.values():
                rel_handle.close()
    rel_types = sorted(relationship_writers)
    (directory / "import.sh").write_text(import_script(graph.kinds, rel_types, delimiter))
    (directory / "import.sh").chmod(0o755)
    (directory / "load.cypher").write_text(load_script(graph, rel_types, delimiter))
    return {"nodes": graph.node_count, "relationships": graph.edge_count, "files": len(graph.kinds) + len(rel_types)}


def import_script(kinds: list[str], rel_types: list[str], delimiter: str) -> str:
    lines = ["#!/bin/sh",
             "# Offline bulk import into a new Neo4j 5 database (stop the DBMS first).",
             "# Usage: sh import.sh [DATABASE]   (run from this directory; default database: neo4j)",
             'set -eu', 'cd "$(dirname "$0")"',
             "neo4j-admin database import full \\",
             f"  --id-type=string --multiline-fields=true --array-delimiter={shlex.quote(delimiter)} \\"]
    lines += [f"  --nodes={node_file(kind)} \\" for kind in kinds]
    lines += [f"  --relationships={relationship_file(rel)} \\" for rel in rel_types]
    lines += ['  "${1:-neo4j}"', ""]
    return "\n".join(lines)


def _cypher_string(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _conversion(column: str, prop: Property, delimiter: str) -> str:
    field = f"row.`{column}`"
    convert = {"integer": "toInteger({})", "float": "toFloat({})", "boolean": "toBoolean({})",
               "date": "date({})", "string": "{}"}[prop.type]
    if prop.is_list:
        return f"[v IN split({field}, {_cypher_string(delimiter)}) | {convert.format('v')}]"
    return convert.format(field)


def load_script(graph: PropertyGraph, rel_types: list[str], delimiter: str) -> str:
    """Cypher for a running Neo4j 5 (cypher-shell -f load.cypher): the CSVs from its import directory."""
    out = ["// Load the imrgraph export into a running Neo4j 5: copy the CSV files into the server's",
           "// import directory, then: cypher-shell -u neo4j -p PASSWORD -f load.cypher",
           f"CREATE CONSTRAINT resource_iri IF NOT EXISTS FOR (n:{COMMON_LABEL}) REQUIRE n.iri IS UNIQUE;", ""]
    for kind in graph.kinds:
        sets = [f"n:`{kind}`", "n.name = row.`name`"]
        for prop in graph.schema[kind].values():
            sets.append(f"n.`{prop.key}` = {_conversion(header_field(prop), prop, delimiter)}")
        out += [f"LOAD CSV WITH HEADERS FROM 'file:///{node_file(kind)}' AS row",
                "CALL { WITH row",
                f"  MERGE (n:{COMMON_LABEL} {{iri: row.`{ID_COLUMN}`}})",
                "  SET " + ",\n      ".join(sets),
                f"}} IN TRANSACTIONS OF {CYPHER_BATCH} ROWS;", ""]
    for rel in rel_types:
        out += [f"LOAD CSV WITH HEADERS FROM 'file:///{relationship_file(rel)}' AS row",
                "CALL { WITH row",
                f"  MATCH (a:{COMMON_LABEL} {{iri: row.`{START_COLUMN}`}})",
                f"  MATCH (b:{COMMON_LABEL} {{iri: row.`{END_COLUMN}`}})",
                f"  MERGE (a)-[:`{rel}`]->(b)",
                f"}} IN TRANSACTIONS OF {CYPHER_BATCH} ROWS;", ""]
    return "\n".join(out)
