"""The ontology's disjointness axioms, checked with an OWL 2 RL reasoner (owlrl) on the ontology as a
built store holds it: a node typed as two disjoint classes, directly or through a property's domain or
range, is reported as a contradiction, while the graph built from the bundled examples has none."""

from __future__ import annotations

import gc
import itertools
import re

import owlrl
import pytest
import rdflib
from pyoxigraph import NamedNode, RdfFormat, serialize

from imrgraph.build import build
from imrgraph.graph import iris
from imrgraph.graph.store import GraphStore

IMR = rdflib.Namespace(iris.IMR)
PROV = rdflib.Namespace(iris.PREFIXES["prov"])
SKOS = rdflib.Namespace(iris.PREFIXES["skos"])
EX = rdflib.Namespace("https://example.org/node/")
ERRORS = rdflib.Namespace("http://www.daml.org/2002/03/agents/agent-ont#")  # where owlrl writes what clashed
CLASH = re.compile(r"Disjoint classes (\S+) and (\S+) have a common individual (\S+)")

# Kinds of node the graph keeps apart: no node is ever two of them.
NODE_KINDS = ["Determination", "DisputedTreatment", "Reviewer", "SourceFile", "Evidence", "Mention",
              "GuidelineCitation", "GuidelineSection", "GuidelineLimit", "CitingParty", "Service",
              "TreatmentCategory", "Medication", "Diagnosis", "GuidelineUnit", "Outcome"]
MENTION_KINDS = ["DiagnosisMention", "MedicationMention", "PriorTreatment"]
# Types that do go together: a class and its superclass, ours or the standard one it refines.
COMPATIBLE = [("Mention", "DiagnosisMention"), ("Mention", "PriorTreatment"), ("Determination", PROV.Entity),
              ("SourceFile", PROV.Entity), ("Reviewer", PROV.Agent), ("Service", SKOS.Concept),
              ("Medication", SKOS.Concept), ("Outcome", SKOS.Concept)]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("examples")
    build([], out, workers=1, html=False)
    gc.collect()  # the build's handle on the store must be gone before it is opened read-only
    return GraphStore(out / "store")


def as_rdflib(quads) -> rdflib.Graph:
    graph = rdflib.Graph()
    graph.parse(data=serialize((quad.triple for quad in quads), format=RdfFormat.N_TRIPLES), format="nt")
    return graph


def ontology(source) -> rdflib.Graph:
    """The store's ontology graph: imr.ttl with the service and guideline vocabularies."""
    return as_rdflib(source.quads(graph=NamedNode(iris.ONTOLOGY_GRAPH)))


def clashes(graph: rdflib.Graph) -> dict[str, set[frozenset[str]]]:
    """Runs the OWL 2 RL closure; individual -> the pairs of disjoint classes it was found in."""
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    found: dict[str, set[frozenset[str]]] = {}
    for message in graph.objects(None, ERRORS.error):
        match = CLASH.fullmatch(str(message))
        assert match, f"owlrl reported something other than a clash: {message}"
        found.setdefault(match[3], set()).add(frozenset((match[1], match[2])))
    return found


def term(name) -> rdflib.URIRef:
    return name if isinstance(name, rdflib.URIRef) else IMR[name]


def test_a_node_of_two_disjoint_classes_is_a_contradiction(built):
    graph = ontology(built)
    expected: dict[str, set[frozenset[str]]] = {}
    for group in (NODE_KINDS, MENTION_KINDS):
        for first, second in itertools.combinations(group, 2):
            node = EX[f"{first}-{second}"]
            graph.add((node, rdflib.RDF.type, IMR[first]))
            graph.add((node, rdflib.RDF.type, IMR[second]))
            expected[str(node)] = {frozenset((str(IMR[first]), str(IMR[second])))}
    # inferred kinds: a mention kind is a Mention, a property's domain and range type its ends
    graph.add((EX.prior, rdflib.RDF.type, IMR.PriorTreatment))
    graph.add((EX.prior, rdflib.RDF.type, IMR.Medication))
    expected[str(EX.prior)] = {frozenset((str(IMR.Mention), str(IMR.Medication)))}
    graph.add((EX.case, IMR.caseNumber, rdflib.Literal("CM00-0000001")))
    graph.add((EX.case, IMR.rationale, rdflib.Literal("not supported")))
    expected[str(EX.case)] = {frozenset((str(IMR.Determination), str(IMR.DisputedTreatment)))}
    graph.add((EX.item, IMR.evidence, EX.span))
    graph.add((EX.span, IMR.negated, rdflib.Literal(False)))
    expected[str(EX.span)] = {frozenset((str(IMR.Evidence), str(IMR.Mention)))}
    for n, (first, second) in enumerate(COMPATIBLE):
        node = EX[f"compatible-{n}"]
        graph.add((node, rdflib.RDF.type, term(first)))
        graph.add((node, rdflib.RDF.type, term(second)))
    assert clashes(graph) == expected


def test_every_class_of_the_ontology_is_in_a_disjointness_axiom(built):
    rows = built.query(
        "SELECT ?class WHERE { ?class a owl:Class FILTER(STRSTARTS(STR(?class), STR(imr:))) "
        "FILTER NOT EXISTS { ?axiom a owl:AllDisjointClasses ; owl:members/rdf:rest*/rdf:first ?class } }")
    assert [row["class"].value for row in rows] == []
    declared = {row["class"].value.removeprefix(iris.IMR) for row in built.query(
        "SELECT ?class WHERE { ?class a owl:Class FILTER(STRSTARTS(STR(?class), STR(imr:))) }")}
    assert declared == set(NODE_KINDS) | set(MENTION_KINDS)


def test_the_graph_built_from_the_bundled_examples_is_consistent(built):
    graph = as_rdflib(built.quads_by_graph())
    assert clashes(graph) == {}
    # the reasoner did read the ontology: mentions are inferred to be Mentions
    mentions = set(graph.subjects(rdflib.RDF.type, IMR.Mention))
    assert mentions and mentions == {node for kind in MENTION_KINDS for node in graph.subjects(rdflib.RDF.type,
                                                                                               IMR[kind])}
    assert len(set(graph.subjects(rdflib.RDF.type, IMR.Determination))) == 5
