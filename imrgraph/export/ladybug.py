"""LadybugDB (PyPI `ladybug`, the maintained fork of Kuzu): an embedded Cypher database, ready to query.

Into DIR: `graph.lbug` (the database) and `schema.cypher` (its DDL). One node table per kind
(primary key `iri`, `name`, typed property columns, lists as `T[]`), one relationship table per
type with every FROM/TO pair of kinds it joins. Rows are bulk-copied from in-memory frames of at
most `CHUNK` rows, so memory stays bounded while the property graph streams.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from pathlib import Path

from imrgraph.errors import UserError
from imrgraph.export.property_graph import EdgeSpool, Property, PropertyGraph

DATABASE_FILE = "graph.lbug"
SCHEMA_FILE = "schema.cypher"
CHUNK = 50_000
LADYBUG_TYPES = {"string": "STRING", "integer": "INT64", "float": "DOUBLE", "boolean": "BOOLEAN", "date": "DATE"}


def column_type(prop: Property) -> str:
    return LADYBUG_TYPES[prop.type] + ("[]" if prop.is_list else "")


def schema_statements(graph: PropertyGraph) -> list[str]:
    statements = []
    for kind, properties in graph.schema.items():
        columns = ["`iri` STRING", "`name` STRING", *(f"`{p.key}` {column_type(p)}" for p in properties.values())]
        statements.append(f"CREATE NODE TABLE `{kind}`({', '.join(columns)}, PRIMARY KEY(`iri`))")
    for rel_type, pairs in sorted(graph.relations.items()):
        ends = ", ".join(f"FROM `{source}` TO `{target}`" for source, target in sorted(pairs))
        statements.append(f"CREATE REL TABLE `{rel_type}`({ends})")
    return statements


def _column_value(value, prop: Property):
    if prop.type == "date":
        convert = datetime.date.fromisoformat
        return [convert(v) for v in value] if prop.is_list else convert(value)
    return value


def write_ladybug(graph: PropertyGraph, directory: Path) -> dict:
    try:
        return _write(graph, directory)
    except RuntimeError as error:  # ladybug reports a locked or unwritable database this way
        first = (str(error).strip().splitlines() or ["unknown error"])[0]
        raise UserError(f"ladybug cannot write {directory / DATABASE_FILE}: {first}") from None


def _write(graph: PropertyGraph, directory: Path) -> dict:
    try:
        import ladybug
        import pandas
    except ImportError as error:
        raise UserError(f"the ladybug export needs the '{error.name}' package (pip install ladybug pandas)") \
            from None
    directory.mkdir(parents=True, exist_ok=True)
    database_path = directory / DATABASE_FILE
    for old in (database_path, directory / (DATABASE_FILE + ".wal")):
        old.unlink(missing_ok=True)  # the export is a fresh database, never a merge into an old one
    statements = schema_statements(graph)
    (directory / SCHEMA_FILE).write_text(";\n".join(statements) + ";\n")

    # one checkpoint at the end instead of one per COPY (each costs ~50 ms, most of a small table's load)
    database = ladybug.Database(str(database_path), auto_checkpoint=False)
    connection = ladybug.Connection(database)
    spool = EdgeSpool()
    try:
        for statement in statements:
            connection.execute(statement)

        def copy(table: str, columns: dict[str, list], options: str = "") -> None:
            # object columns: ladybug reads Python values (lists, dates, None) straight from them
            frame = pandas.DataFrame({name: pandas.Series(values, dtype=object) for name, values in columns.items()})
            connection.execute(f"COPY `{table}` FROM $frame{options}", {"frame": frame})

        kind = None
        rows: dict[str, list] = {}
        for node in graph.nodes(spool):
            if node.kind != kind or len(rows["iri"]) >= CHUNK:
                if kind is not None:
                    copy(kind, rows)
                kind = node.kind
                rows = {"iri": [], "name": [], **{key: [] for key in graph.schema[kind]}}
            rows["iri"].append(node.id)
            rows["name"].append(node.name)
            for key, prop in graph.schema[kind].items():
                value = node.properties.get(key)
                rows[key].append(None if value is None else _column_value(value, prop))
        if kind is not None:
            copy(kind, rows)

        pending: dict[tuple[str, str, str], dict[str, list]] = defaultdict(lambda: {"from": [], "to": []})

        def flush(group: tuple[str, str, str]) -> None:
            rel_type, source, target = group
            copy(rel_type, pending.pop(group), f" (from='{source}', to='{target}')")

        for edge in spool:
            group = (edge.type, edge.source_kind, edge.target_kind)
            pending[group]["from"].append(edge.source)
            pending[group]["to"].append(edge.target)
            if len(pending[group]["from"]) >= CHUNK:
                flush(group)
        for group in sorted(pending):
            flush(group)
        connection.execute("CHECKPOINT")
    finally:
        spool.close()
        connection.close()
        database.close()
    return {"nodes": graph.node_count, "relationships": graph.edge_count, "tables": len(statements)}
