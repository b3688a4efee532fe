"""`imrgraph export --format ladybug`: a LadybugDB database answering the competency questions in Cypher
exactly as SPARQL answers them over the store."""

from __future__ import annotations

import ladybug
import pytest
from export_support import (
    COMPETENCY_QUESTIONS,
    SPARQL_PREFIXES,
    build_store,
    rows_from_cypher,
    rows_from_store,
)

from imrgraph import export
from imrgraph.export.ladybug import DATABASE_FILE, SCHEMA_FILE
from imrgraph.graph import iris
from imrgraph.graph.store import GraphStore


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    store = build_store(tmp_path_factory.mktemp("built"))
    directory = tmp_path_factory.mktemp("ladybug")
    counts = export.export(store, "ladybug", directory)
    database = ladybug.Database(str(directory / DATABASE_FILE), read_only=True)
    connection = ladybug.Connection(database)
    yield GraphStore(store), connection, directory, counts
    connection.close()
    database.close()


@pytest.mark.parametrize("question", list(COMPETENCY_QUESTIONS))
def test_cypher_answers_equal_sparql_answers(exported, question):
    source, connection, _, _ = exported
    sparql, cypher = COMPETENCY_QUESTIONS[question]
    _, expected = rows_from_store(source.query(SPARQL_PREFIXES + sparql))
    assert expected, "a competency question over the fixture letters must have answers"
    assert rows_from_cypher(connection.execute(cypher)) == expected


def test_database_holds_every_node_and_relationship_with_its_schema(exported):
    _, connection, directory, counts = exported
    nodes = connection.execute("MATCH (n) RETURN count(n)").get_next()[0]
    relationships = connection.execute("MATCH ()-[r]->() RETURN count(r)").get_next()[0]
    assert (nodes, relationships) == (counts["nodes"], counts["relationships"])
    schema = (directory / SCHEMA_FILE).read_text()
    assert "CREATE NODE TABLE `Determination`(`iri` STRING, `name` STRING, `age` INT64" in schema
    assert "`dateOfInjury` DATE" in schema and "`specialty` STRING[]" in schema
    row = connection.execute("MATCH (d:Determination {iri: $iri}) RETURN d.name, d.age, d.bodyPart, d.dateOfInjury",
                             {"iri": iris.determination("CM99-1001")}).get_next()
    assert row[0] == "CM99-1001" and row[1] == 47
    assert sorted(row[2]) == ["lumbar", "right knee"] and str(row[3]) == "2011-03-14"


def test_exporting_again_replaces_the_database(exported, tmp_path):
    source, _, directory, _ = exported
    store = source.path
    first = export.export(store, "ladybug", tmp_path)
    second = export.export(store, "ladybug", tmp_path)  # not "table already exists", not doubled
    assert first == second
    database = ladybug.Database(str(tmp_path / DATABASE_FILE), read_only=True)
    connection = ladybug.Connection(database)
    assert connection.execute("MATCH (n) RETURN count(n)").get_next()[0] == first["nodes"]
    connection.close()
    database.close()
