"""`imrgraph export --format neo4j`: the CSVs obey the `neo4j-admin database import` rules.

Checked: header fields (one ID column with its ID space, :LABEL, known types, arrays), every row as
wide as its header, values that parse as their declared type, IDs unique in their ID space, every
relationship end an existing node of the space the header names, :TYPE matching the file, and the
import command and Cypher script naming every file and column with the same array delimiter.
"""

from __future__ import annotations

import csv
import datetime
import re
import shlex

import pytest
from export_support import LETTERS, build_store

from imrgraph import export
from imrgraph.graph import iris
from imrgraph.graph.store import GraphStore

# neo4j-admin import header types (Neo4j 5 operations manual, "CSV header format")
NEO4J_TYPES = {"int", "long", "float", "double", "boolean", "byte", "short", "char", "string", "point", "date",
               "localtime", "time", "localdatetime", "datetime", "duration"}


def parse_field(text: str) -> dict:
    name, _, rest = text.partition(":")
    match = re.fullmatch(r"(?P<type>[A-Za-z_]+)?(?P<array>\[\])?(?:\((?P<space>[^)]*)\))?", rest)
    assert match, f"malformed header field {text!r}"
    return {"name": name, "type": match["type"], "array": bool(match["array"]), "space": match["space"],
            "has_type": bool(rest)}


def check_value(value: str, kind: str, field: str) -> None:
    if kind in ("int", "long", "short", "byte"):
        assert re.fullmatch(r"-?\d+", value), f"{field}: {value!r} is not an integer"
    elif kind in ("float", "double"):
        float(value)
    elif kind == "boolean":
        assert value in ("true", "false"), f"{field}: {value!r} is not a boolean"
    elif kind == "date":
        datetime.date.fromisoformat(value)


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    store = build_store(tmp_path_factory.mktemp("built"))
    directory = tmp_path_factory.mktemp("neo4j")
    counts = export.export(store, "neo4j", directory)
    return directory, counts, GraphStore(store)


def read(path):
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


def array_delimiter(directory) -> str:
    command = shlex.split((directory / "import.sh").read_text().split("neo4j-admin", 1)[1].replace("\\\n", " "))
    return next(arg.split("=", 1)[1] for arg in command if arg.startswith("--array-delimiter="))


def test_csv_files_follow_the_import_format(exported):
    directory, counts, _ = exported
    delimiter = array_delimiter(directory)
    ids: dict[str, dict[str, set[str]]] = {}  # ID space -> id -> labels
    node_rows = 0
    for path in sorted(directory.glob("nodes_*.csv")):
        header, rows = read(path)
        fields = [parse_field(h) for h in header]
        id_fields = [i for i, f in enumerate(fields) if f["type"] == "ID"]
        assert len(id_fields) == 1 and fields[id_fields[0]]["space"], f"{path.name}: one ID column with a space"
        label_fields = [i for i, f in enumerate(fields) if f["type"] == "LABEL"]
        assert len(label_fields) == 1, f"{path.name}: one :LABEL column"
        names = [f["name"] for f in fields if f["name"]]
        assert len(names) == len(set(names)), f"{path.name}: duplicate property names"
        for f in fields:
            if f["type"] not in ("ID", "LABEL", None):
                assert f["type"] in NEO4J_TYPES, f"{path.name}: unknown type in {f}"
        space = fields[id_fields[0]]["space"]
        kind = path.stem.removeprefix("nodes_")
        for row in rows:
            assert len(row) == len(header), f"{path.name}: row width differs from header"
            node_id = row[id_fields[0]]
            assert node_id and node_id not in ids.get(space, {}), f"{path.name}: ID {node_id!r} not unique"
            labels = set(row[label_fields[0]].split(";"))
            assert kind in labels
            ids.setdefault(space, {})[node_id] = labels
            for f, value in zip(fields, row, strict=True):
                if value == "" or f["type"] in ("ID", "LABEL", None):
                    continue
                for element in value.split(delimiter) if f["array"] else [value]:
                    check_value(element, f["type"], f"{path.name}:{f['name']}")
            node_rows += 1
    assert node_rows == counts["nodes"]

    relationship_rows = 0
    for path in sorted(directory.glob("rels_*.csv")):
        header, rows = read(path)
        fields = [parse_field(h) for h in header]
        start = next(i for i, f in enumerate(fields) if f["type"] == "START_ID")
        end = next(i for i, f in enumerate(fields) if f["type"] == "END_ID")
        rel_type = next(i for i, f in enumerate(fields) if f["type"] == "TYPE")
        for row in rows:
            assert len(row) == len(header)
            assert row[start] in ids[fields[start]["space"]], f"{path.name}: no start node {row[start]}"
            assert row[end] in ids[fields[end]["space"]], f"{path.name}: no end node {row[end]}"
            assert row[rel_type] == path.stem.removeprefix("rels_")
            relationship_rows += 1
    assert relationship_rows == counts["relationships"]


def test_values_and_arrays_survive_the_csv(exported):
    directory, _, source = exported
    header, rows = read(directory / "nodes_Reviewer.csv")
    delimiter = array_delimiter(directory)
    column = header.index("specialty:string[]")
    reviewer = next(r for r in rows if r[0] == iris.determination("CM99-1001") + "/reviewer")
    assert sorted(reviewer[column].split(delimiter)) == ["Neurology", "Psychiatry"]
    header, rows = read(directory / "nodes_DisputedTreatment.csv")
    rationale = {r[0]: r[header.index("rationale:string")] for r in rows}
    first = LETTERS[0]["items"][0]["rationale"]  # quotes, comma and '|' kept verbatim
    assert rationale[iris.item("CM99-1001", 1)] == first
    assert "\n" in rationale[iris.item("CM99-1001", 2)]  # multi-line field, hence --multiline-fields
    header, rows = read(directory / "rels_HAS_DISPUTED_TREATMENT.csv")
    expected = next(iter(source.query("SELECT (COUNT(*) AS ?n) WHERE { ?d imr:hasDisputedTreatment ?i }")))
    assert len(rows) == int(expected["n"].value)


def test_import_command_and_cypher_script_cover_every_file_and_column(exported):
    directory, _, _ = exported
    script = (directory / "import.sh").read_text()
    cypher = (directory / "load.cypher").read_text()
    assert "neo4j-admin database import full" in script and "--multiline-fields=true" in script
    for path in directory.glob("*.csv"):
        option = "--nodes" if path.name.startswith("nodes_") else "--relationships"
        assert f"{option}={path.name}" in script
        assert f"'file:///{path.name}'" in cypher
        header, _ = read(path)
        for field in header:
            if path.name.startswith("nodes_") and field != ":LABEL":
                assert f"row.`{field}`" in cypher, f"{field} of {path.name} is not loaded by load.cypher"
    assert f"split(row.`specialty:string[]`, '{array_delimiter(directory)}')" in cypher
