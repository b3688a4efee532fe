"""`imrgraph export`: RDF formats round-trip to the store's graph; GraphML and GEXF load in networkx."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from export_support import LETTERS
from pyoxigraph import CanonicalizationAlgorithm, Dataset, DefaultGraph, Quad, RdfFormat, parse

from imrgraph import export
from imrgraph.cli import main
from imrgraph.export.property_graph import PropertyGraph
from imrgraph.graph import iris

IMR = iris.IMR


def canonical(quads) -> set:
    dataset = Dataset(quads)
    dataset.canonicalize(CanonicalizationAlgorithm.RDFC_1_0)
    return set(dataset)


def store_dataset(source, union: bool) -> set:
    quads = source.quads_by_graph()
    if union:
        quads = (Quad(q.subject, q.predicate, q.object, DefaultGraph()) for q in quads)
    return canonical(quads)


def run_cli(*argv: str) -> int:
    return main(["export", *argv])


@pytest.mark.parametrize("fmt,syntax,union", [
    ("ttl", RdfFormat.TURTLE, True), ("nt", RdfFormat.N_TRIPLES, True),
    ("nq", RdfFormat.N_QUADS, False), ("jsonld", RdfFormat.JSON_LD, False)])
def test_rdf_formats_round_trip_to_an_isomorphic_graph(store, source, tmp_path, fmt, syntax, union):
    path = tmp_path / f"graph.{fmt}"
    assert run_cli("--format", fmt, "--store", str(store), "-o", str(path)) == 0
    quads = list(parse(path=str(path), format=syntax))
    assert len(quads) == len(source)  # nothing lost, nothing doubled
    assert canonical(quads) == store_dataset(source, union)


def test_nquads_keep_one_named_graph_per_letter(store, tmp_path):
    path = tmp_path / "graph.nq"
    export.export(store, "nq", path)
    graphs = {q.graph_name.value for q in parse(path=str(path), format=RdfFormat.N_QUADS)}
    assert {iris.letter_graph(letter["id"]) for letter in LETTERS} <= graphs
    assert {iris.CONCEPTS_GRAPH, iris.ONTOLOGY_GRAPH} <= graphs


def test_jsonld_uses_the_readable_context(store, tmp_path):
    path = tmp_path / "graph.jsonld"
    export.export(store, "jsonld", path)
    document = json.loads(path.read_text())
    context = document["@context"]
    assert context["imr"] == IMR and context["Determination"] == "imr:Determination"
    assert context["hasDisputedTreatment"] == {"@id": "imr:hasDisputedTreatment", "@type": "@id"}
    assert context["age"] == {"@id": "imr:age", "@type": "xsd:integer"}
    assert context["icd10cm"] == "imr:icd10cm"  # the property wins over the prefix of the same name
    letter = next(g for g in document["@graph"] if g.get("@id") == "id:graph/letter/CM99-1002")
    determination = next(n for n in letter["@graph"] if "Determination" in n.get("@type", []))
    assert determination["age"] == 58 and determination["caseNumber"] == "CM99-1002"
    assert determination["dateOfInjury"] == "2012-09-02"
    assert sorted(determination["hasDisputedTreatment"]) == ["id:determination/CM99-1002/item/1",
                                                             "id:determination/CM99-1002/item/2"]
    concepts = next(g for g in document["@graph"] if g.get("@id") == "id:graph/concepts")
    back_pain = next(n for n in concepts["@graph"] if n["@id"] == "id:diagnosis/M54.50")
    assert back_pain["icd10cm"] == "M54.50"
    assert back_pain["exactMatch"] == iris.ICD10CM + "M54.50"
    item = next(n for n in letter["@graph"] if n["@id"] == "id:determination/CM99-1002/item/2")
    assert item["outcome"] == "imr:Overturned" and item["medicallyNecessary"] is True


def test_graphml_loads_in_networkx_as_the_property_graph(store, source, tmp_path):
    path = tmp_path / "graph.graphml"
    assert run_cli("--format", "graphml", "--store", str(store), "-o", str(path)) == 0
    graph = nx.read_graphml(path)
    check_property_graph(graph, source)
    determination = graph.nodes[iris.determination("CM99-1001")]
    assert determination["age"] == 47 and isinstance(determination["age"], int)
    reviewer = graph.nodes[iris.determination("CM99-1001") + "/reviewer"]
    assert json.loads(reviewer["specialty"]) == ["Neurology", "Psychiatry"]
    assert reviewer["boardCertified"] is True


def test_gexf_loads_in_networkx_with_readable_labels(store, source, tmp_path):
    path = tmp_path / "graph.gexf"
    assert run_cli("--format", "gexf", "--store", str(store), "-o", str(path)) == 0
    graph = nx.read_gexf(path, node_type=str)
    check_property_graph(graph, source)
    item = graph.nodes[iris.item("CM99-1002", 1)]
    assert item["label"] == "Physical therapy 2x6 for the low back"  # the name, not the IRI
    assert item["quantity"] == 12.0 and item["medicallyNecessary"] is False
    # the control character of the letter text cannot travel in XML: replaced, the rest kept
    assert item["rationale"].endswith("12 exceeds that.\ufffd")


def check_property_graph(graph, source) -> None:
    """Kinds, names and relations as the mapping says, counted against SPARQL over the store."""
    mapping = PropertyGraph(source)
    assert graph.number_of_nodes() == mapping.node_count
    assert graph.number_of_edges() == mapping.edge_count
    kinds = {}
    for _, data in graph.nodes(data=True):
        kinds[data["kind"]] = kinds.get(data["kind"], 0) + 1
    count = next(iter(source.query("SELECT (COUNT(?d) AS ?n) WHERE { ?d a imr:Determination }")))
    assert kinds["Determination"] == int(count["n"].value) == len(LETTERS)
    assert kinds["DisputedTreatment"] == sum(len(letter["items"]) for letter in LETTERS)
    edge_labels = {}
    for _, _, data in graph.edges(data=True):
        edge_labels[data["label"]] = edge_labels.get(data["label"], 0) + 1
    cites = next(iter(source.query("SELECT (COUNT(*) AS ?n) WHERE { ?i imr:reviewerCites ?s }")))
    assert edge_labels["REVIEWER_CITES"] == int(cites["n"].value)
    assert edge_labels["HAS_OUTCOME"] == kinds["DisputedTreatment"]
    determination = iris.determination("CM99-1001")
    data = graph.nodes[determination]
    assert data.get("name", data.get("label")) == "CM99-1001"  # GraphML `name`, GEXF node `label`
    items = [t for _, t, d in graph.out_edges(determination, data=True) if d["label"] == "HAS_DISPUTED_TREATMENT"]
    assert sorted(items) == [iris.item("CM99-1001", 1), iris.item("CM99-1001", 2)]
    # ontology classes and properties are schema, not nodes; vocabulary individuals are nodes
    assert IMR + "Determination" not in graph and IMR + "hasDisputedTreatment" not in graph
    assert graph.nodes[IMR + "Overturned"]["kind"] == "Outcome"


def test_export_without_a_store_says_so_in_one_line(tmp_path, capsys):
    assert run_cli("--format", "ttl", "--store", str(tmp_path / "missing"), "-o", str(tmp_path / "x.ttl")) == 1
    err = capsys.readouterr().err
    assert err.startswith("imrgraph: no store at") and err.count("\n") == 1


def test_export_to_a_directory_where_a_file_is_expected_is_refused(store, tmp_path, capsys):
    assert run_cli("--format", "nt", "--store", str(store), "-o", str(tmp_path)) == 1
    assert "is a directory" in capsys.readouterr().err
