"""The SPARQL 1.1 Service Description answered at GET /sparql without a query."""

from __future__ import annotations

from imrgraph.serve.protocol import Refusal, Reply, choose_format, media_type

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                  "Turtle", "N-Triples", "RDF_XML", "JSON-LD")


def triples(endpoint: str, federated: bool) -> list:
    from pyoxigraph import BlankNode, Literal, NamedNode, Triple

    from imrgraph.graph.iris import PREFIXES

    def sd(name: str) -> NamedNode:
        return NamedNode(SD + name)

    rdf_type = NamedNode(PREFIXES["rdf"] + "type")
    service, dataset, graph = NamedNode(endpoint), BlankNode(), BlankNode()
    features = ["UnionDefaultGraph", *(["BasicFederatedQuery"] if federated else [])]
    return [
        Triple(service, rdf_type, sd("Service")),
        Triple(service, sd("endpoint"), service),
        Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
        *(Triple(service, sd("feature"), sd(name)) for name in features),
        *(Triple(service, sd("resultFormat"), NamedNode(FORMATS + name)) for name in RESULT_FORMATS),
        Triple(service, NamedNode(PREFIXES["dcterms"] + "title"),
               Literal("imrgraph: California IMR determination letters as a knowledge graph (read-only)")),
        Triple(service, sd("defaultDataset"), dataset),
        Triple(dataset, rdf_type, sd("Dataset")),
        Triple(dataset, sd("defaultGraph"), graph),
        Triple(graph, rdf_type, sd("Graph")),
    ]


def reply(endpoint: str, accept: str | None, federated: bool) -> Reply:
    from imrgraph.serve.results import write_graph

    try:
        name = choose_format("graph", accept)
    except Refusal as e:
        return e.reply()
    body = write_graph(triples(endpoint, federated), name, {"sd": SD, "formats": FORMATS})
    return Reply(200, media_type("graph", name), body)
