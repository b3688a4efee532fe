"""`imrgraph export --format neo4j`: the files read as `neo4j-admin database import full` reads them.

Neo4j cannot be installed here, so this module reads the export with its own reader of the documented
import format (Neo4j 5 operations manual, "Import" and "CSV header format"):

- fields are separated by `--delimiter` (`,`); a field may be quoted with `--quote` (`"`), a quote
  inside a quoted field is written twice, and with `--multiline-fields=true` a quoted field may hold
  line breaks; an empty unquoted field is no value;
- each header field is `<name>:<field_type>`: `ID(space)` (the node id, kept as property `<name>`),
  `LABEL` (one or more labels), `START_ID(space)`, `END_ID(space)`, `TYPE`, `IGNORE`, or a property
  type (`int`, `long`, `float`, `double`, `boolean`, `byte`, `short`, `char`, `string`, `point`, `date`,
  `localtime`, `time`, `localdatetime`, `datetime`, `duration`; `string` when none is given), with `[]`
  for an array;
- labels and array values are split on `--array-delimiter` (`;` unless the command sets another);
- ids are unique within their id space, and every relationship end names a node of its space.

The nodes and relationships read this way must be exactly the property-graph mapping of the store.
"""

from __future__ import annotations

import datetime
import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from export_support import LETTERS, build_store

from imrgraph import export
from imrgraph.export.property_graph import EdgeSpool, PropertyGraph
from imrgraph.graph import iris
from imrgraph.graph.store import GraphStore

PROPERTY_TYPES = {"int", "long", "float", "double", "boolean", "byte", "short", "char", "string", "point", "date",
                  "localtime", "time", "localdatetime", "datetime", "duration"}
ENTITY_TYPES = {"ID", "LABEL", "START_ID", "END_ID", "TYPE", "IGNORE"}
DEFAULTS = {"delimiter": ",", "array-delimiter": ";", "quote": '"', "multiline-fields": "false"}


# -- the documented import format ---------------------------------------------------------------------


@dataclass
class ImportCommand:
    options: dict[str, str]
    node_files: list[str]
    relationship_files: list[str]
    database: str


def read_command(script: str) -> ImportCommand:
    """The `neo4j-admin database import full` line of import.sh, its options with the documented defaults."""
    words = shlex.split(script.split("neo4j-admin", 1)[1].replace("\\\n", " "), comments=True)
    assert words[:3] == ["database", "import", "full"], words[:3]
    options, nodes, relationships, positional = dict(DEFAULTS), [], [], []
    for word in words[3:]:
        if word.startswith("--"):
            key, _, value = word[2:].partition("=")
            if key == "nodes":
                nodes.append(value)
            elif key == "relationships":
                relationships.append(value)
            else:
                options[key] = value
        else:
            positional.append(word)
    return ImportCommand(options, nodes, relationships, positional[-1])


@dataclass(frozen=True)
class Cell:
    text: str
    quoted: bool


def read_records(text: str, delimiter: str, quote: str, multiline: bool) -> list[list[Cell]]:
    """Records of cells. A quoted cell runs to the quote that is not doubled; inside it a doubled quote is
    one quote, and a line break is kept only with multi-line fields."""
    records: list[list[Cell]] = []
    record: list[Cell] = []
    i, n = 0, len(text)
    while i < n:
        if text[i] == quote:
            value, i = [], i + 1
            while True:
                assert i < n, "a quoted field is never closed"
                char = text[i]
                if char == quote and text[i + 1:i + 2] == quote:
                    value.append(quote)
                    i += 2
                elif char == quote:
                    i += 1
                    break
                else:
                    assert multiline or char not in "\r\n", "a line break in a field needs --multiline-fields"
                    value.append(char)
                    i += 1
            cell = Cell("".join(value), True)
            assert i == n or text[i] in (delimiter, "\n", "\r"), f"text after a closing quote at {i}"
        else:
            end = i
            while end < n and text[end] not in (delimiter, "\n", "\r"):
                end += 1
            cell, i = Cell(text[i:end], False), end
        record.append(cell)
        if i < n and text[i] == delimiter:
            i += 1
            if i == n:  # a delimiter ending the text: an empty last field
                record.append(Cell("", False))
            continue
        records.append(record)
        record = []
        if text.startswith("\r\n", i):
            i += 2
        elif i < n:
            i += 1
    if record:
        records.append(record)
    return records


@dataclass(frozen=True)
class HeaderField:
    name: str
    type: str  # an entity type (ID, LABEL, ...) or a property type
    array: bool = False
    space: str | None = None


def read_header(cells: list[Cell]) -> list[HeaderField]:
    fields = []
    for cell in cells:
        name, colon, kind = cell.text.partition(":")
        if not colon:
            fields.append(HeaderField(name, "string"))
            continue
        match = re.fullmatch(r"(?P<type>[A-Za-z_]+)(?P<array>\[\])?(?:\((?P<space>[^)]*)\))?", kind)
        assert match, f"malformed header field {cell.text!r}"
        kind = match["type"]
        if kind.upper() in ENTITY_TYPES:
            assert not match["array"], f"{cell.text!r}: an entity field is no array"
            fields.append(HeaderField(name, kind.upper(), space=match["space"]))
        else:
            assert kind.lower() in PROPERTY_TYPES, f"unknown type in {cell.text!r}"
            assert match["space"] is None, f"{cell.text!r}: only id fields name an id space"
            fields.append(HeaderField(name, kind.lower(), bool(match["array"])))
    names = [f.name for f in fields if f.name and f.type not in ("LABEL", "TYPE", "IGNORE", "START_ID", "END_ID")]
    assert len(names) == len(set(names)), f"a property named twice in {names}"
    return fields


def convert(text: str, kind: str):
    if kind in ("int", "long", "short", "byte"):
        assert re.fullmatch(r"[+-]?\d+", text), f"{text!r} is not an integer"
        return int(text)
    if kind in ("float", "double"):
        return float(text)
    if kind == "boolean":
        assert text.lower() in ("true", "false"), f"{text!r} is not a boolean"
        return text.lower() == "true"
    if kind == "date":
        return datetime.date.fromisoformat(text)
    if kind == "char":
        assert len(text) == 1
    return text


@dataclass
class Database:
    nodes: dict[str, dict[str, dict]] = field(default_factory=dict)  # id space -> id -> node
    relationships: list[tuple[str, str, str]] = field(default_factory=list)  # (type, start id, end id)


def import_directory(directory: Path) -> tuple[ImportCommand, Database]:
    """What neo4j-admin would create from the files import.sh names, by the rules above."""
    command = read_command((directory / "import.sh").read_text())
    options = command.options
    delimiter, arrays, quote = options["delimiter"], options["array-delimiter"], options["quote"]
    multiline = options["multiline-fields"] == "true"
    database = Database()

    def records(name: str) -> tuple[list[HeaderField], list[list[Cell]]]:
        text = (directory / name).read_text(encoding=options.get("input-encoding", "utf-8"))
        header, *rows = read_records(text, delimiter, quote, multiline)
        fields = read_header(header)
        for row in rows:
            assert len(row) == len(fields), f"{name}: a row of {len(row)} fields under {len(fields)} headers"
        return fields, rows

    for name in command.node_files:
        fields, rows = records(name)
        assert [f.type for f in fields].count("ID") == 1, f"{name}: one ID field"
        for row in rows:
            node = {"labels": set(), "properties": {}}
            space = node_id = None
            for f, cell in zip(fields, row, strict=True):
                if f.type == "IGNORE" or (cell.text == "" and not cell.quoted):
                    continue
                if f.type == "ID":
                    space, node_id = f.space, cell.text
                    if f.name:
                        node["properties"][f.name] = cell.text
                elif f.type == "LABEL":
                    node["labels"] |= set(cell.text.split(arrays))
                elif f.array:
                    node["properties"][f.name] = [convert(v, f.type) for v in cell.text.split(arrays)]
                else:
                    node["properties"][f.name] = convert(cell.text, f.type)
            assert node_id, f"{name}: a node without an id"
            ids = database.nodes.setdefault(space, {})
            assert node_id not in ids, f"{name}: id {node_id!r} twice in space {space}"
            ids[node_id] = node
    for name in command.relationship_files:
        fields, rows = records(name)
        types = [f.type for f in fields]
        assert types.count("START_ID") == types.count("END_ID") == types.count("TYPE") == 1, name
        start, end, rel_type = (fields[types.index(t)] for t in ("START_ID", "END_ID", "TYPE"))
        for row in rows:
            cells = dict(zip(types, (cell.text for cell in row), strict=True))
            for f, key in ((start, "START_ID"), (end, "END_ID")):
                assert cells[key] in database.nodes.get(f.space, {}), f"{name}: no node {cells[key]} in {f.space}"
            database.relationships.append((cells["TYPE"], cells["START_ID"], cells["END_ID"]))
    return command, database


# -- the export, read back ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    store = build_store(tmp_path_factory.mktemp("built"))
    directory = tmp_path_factory.mktemp("neo4j")
    counts = export.export(store, "neo4j", directory)
    command, database = import_directory(directory)
    return directory, counts, GraphStore(store), command, database


@pytest.fixture(scope="module")
def mapping(exported):
    """(nodes by id, relationships) of the property-graph mapping the export was written from."""
    _, _, source, _, _ = exported
    graph = PropertyGraph(source)
    with EdgeSpool() as spool:
        nodes = {node.id: node for node in graph.nodes(spool)}
        edges = sorted((edge.type, edge.source, edge.target) for edge in spool)
    return nodes, edges


def test_every_node_has_its_kind_and_the_common_label(exported, mapping):
    _, counts, _, _, database = exported
    nodes, _ = mapping
    [imported] = database.nodes.values()  # one id space: IRIs are unique across kinds
    assert len(imported) == counts["nodes"] == len(nodes)
    for node_id, node in nodes.items():
        assert imported[node_id]["labels"] == {node.kind, "Resource"}, node_id
    assert {"Determination", "DisputedTreatment", "Reviewer", "GuidelineSection"} <= \
        {label for node in imported.values() for label in node["labels"]}


def test_every_property_reads_back_with_its_type(exported, mapping):
    _, _, _, _, database = exported
    nodes, _ = mapping
    [imported] = database.nodes.values()

    def plain(value):
        return value.isoformat() if isinstance(value, datetime.date) else value

    for node_id, node in nodes.items():
        properties = {key: [plain(v) for v in value] if isinstance(value, list) else plain(value)
                      for key, value in imported[node_id]["properties"].items()}
        assert properties == {"iri": node_id, "name": node.name, **node.properties}, node_id
    determination = imported[iris.determination("CM99-1001")]["properties"]
    assert determination["age"] == 47 and determination["dateOfInjury"] == datetime.date(2011, 3, 14)
    item = imported[iris.item("CM99-1001", 2)]["properties"]
    assert item["medicallyNecessary"] is True and item["quantity"] == 12


def test_arrays_quotes_and_line_breaks_survive(exported):
    _, _, _, _, database = exported
    [imported] = database.nodes.values()
    reviewer = imported[iris.determination("CM99-1001") + "/reviewer"]["properties"]
    assert sorted(reviewer["specialty"]) == ["Neurology", "Psychiatry"]
    assert sorted(reviewer["licensedIn"]) == ["CA", "NV"]
    rationale = imported[iris.item("CM99-1001", 1)]["properties"]["rationale"]
    assert rationale == LETTERS[0]["items"][0]["rationale"]  # quotes, a comma and '|' kept verbatim
    assert "\n" in imported[iris.item("CM99-1001", 2)]["properties"]["rationale"]


def test_every_relationship_reads_back(exported, mapping):
    _, counts, _, _, database = exported
    _, edges = mapping
    assert sorted(database.relationships) == edges and len(edges) == counts["relationships"]
    assert any(rel_type == "HAS_DISPUTED_TREATMENT" for rel_type, _, _ in edges)


def test_the_import_command_names_every_file_and_the_array_delimiter(exported):
    directory, _, _, command, _ = exported
    assert command.options["multiline-fields"] == "true" and command.options["id-type"] == "string"
    assert sorted(command.node_files + command.relationship_files) == sorted(p.name for p in directory.glob("*.csv"))
    assert command.database == "${1:-neo4j}"


def test_read_records_follows_the_documented_quoting():
    text = 'a,"b ""c"", d",,""\n"x\ny",z,w,v\n'
    assert read_records(text, ",", '"', multiline=True) == [
        [Cell("a", False), Cell('b "c", d', True), Cell("", False), Cell("", True)],
        [Cell("x\ny", True), Cell("z", False), Cell("w", False), Cell("v", False)]]
    with pytest.raises(AssertionError, match="multiline"):
        read_records('"x\ny"\n', ",", '"', multiline=False)


def test_load_script_reads_every_column_with_the_same_delimiter(exported):
    directory, _, _, command, _ = exported
    cypher = (directory / "load.cypher").read_text()
    for path in directory.glob("*.csv"):
        assert f"'file:///{path.name}'" in cypher
        if path.name.startswith("nodes_"):
            header = read_records(path.read_text(), ",", '"', True)[0]
            for cell in header:
                if cell.text != ":LABEL":
                    assert f"row.`{cell.text}`" in cypher, f"{cell.text} of {path.name} is not loaded by load.cypher"
    assert f"split(row.`specialty:string[]`, '{command.options['array-delimiter']}')" in cypher
