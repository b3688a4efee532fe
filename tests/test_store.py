"""GraphStore, the one read-side view of a built store: federated queries refused unless allowed
(against real HTTP listeners), nodes found by name, networkx neighbourhoods that say when they miss."""

from __future__ import annotations

import urllib.request

import pytest
from cli_support import imrgraph
from export_support import OxigraphServer
from serve_support import Listener

from imrgraph.errors import UserError
from imrgraph.graph import GraphWriter
from imrgraph.graph.store import GraphStore


@pytest.fixture
def listener():
    running = Listener()
    yield running
    running.close()


def federated(url: str) -> list[str]:
    """SERVICE clauses calling `url`, written the ways the SPARQL parser accepts them."""
    return [
        f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"select * where {{ service silent <{url}> {{ ?s ?p ?o }} }}",
        f"PREFIX remote: <{url.rsplit('/', 1)[0]}/> SELECT * WHERE {{ SERVICE remote:sparql {{ ?s ?p ?o }} }}",
        # keywords glued to what comes before and after them
        f"PREFIX e: <{url.rsplit('/', 1)[0]}/> SELECT * WHERE {{ ?d a imr:Determination ; imr:medicallyNecessary ?n "
        f". ?x imr:medicallyNecessary falseSERVICESILENTe:sparql {{ ?s ?p ?o }} }}",
        # a less-than sign that is not an IRI, then a comment that hides a '>'
        f"PREFIX : <{url.rsplit('/', 1)[0]}/> SELECT * WHERE {{ BIND(1 AS ?a) BIND(2 AS ?b) "
        f"FILTER(?a<?b)SERVICE:sparql#>\n{{ ?s ?p ?o }} }}",
        "SELECT * WHERE { BIND(<" + url + "> AS ?endpoint) SERVICE ?endpoint { ?s ?p ?o } }",
    ]


def test_query_refuses_federated_queries_and_calls_nobody(examples_out, listener):
    store = str(examples_out / "store")
    for query in federated(listener.url):
        result = imrgraph("query", query, "--store", store)
        assert result.returncode == 1, query
        assert result.stderr.startswith("imrgraph: federated queries (SERVICE) are not allowed"), result.stderr
        assert result.stderr.count("\n") == 1
    assert listener.connections == 0


def test_the_word_service_elsewhere_is_no_service_clause(examples_out):
    graph = GraphStore(examples_out / "store")
    for query in ("SELECT ?s WHERE { ?s ?p 'SERVICE <http://127.0.0.1:9/x> {}' }",
                  "SELECT ?s WHERE { ?s ?p ?o # SERVICE <http://127.0.0.1:9/x> { }\n } LIMIT 1",
                  "SELECT ?s WHERE { ?s ?p <https://w3id.org/imrgraph/id/service/acupuncture> }",
                  "PREFIX service: <https://w3id.org/imrgraph/id/service/> "
                  "SELECT ?i WHERE { ?i imr:requestsService service:acupuncture . service:acupuncture ?p ?o }"):
        graph.select(query)  # runs: no refusal


def test_an_allow_list_lets_the_named_endpoint_through(tmp_path, listener):
    with OxigraphServer(tmp_path / "remote") as remote:
        turtle = b"<https://example.org/a> <https://example.org/says> 'hello from the remote store' ."
        request = urllib.request.Request(remote.store_url + "?default", data=turtle, method="POST",
                                         headers={"Content-Type": "text/turtle"})
        urllib.request.urlopen(request, timeout=30).close()
        GraphWriter(tmp_path / "local").close()  # an empty store: every answer comes from the remote one
        graph = GraphStore(tmp_path / "local" / "store", allow_service=[remote.query_url])
        rows = graph.select(f"SELECT ?said WHERE {{ SERVICE <{remote.query_url}> {{ ?s ?p ?said }} }}")
        assert rows == [{"said": "hello from the remote store"}]
        with pytest.raises(UserError, match="that endpoint is not in the allow-list"):
            graph.select(f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}")
        with pytest.raises(UserError, match="must be written as an allowed IRI"):
            graph.select(f"SELECT * WHERE {{ BIND(<{remote.query_url}> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}")
    assert listener.connections == 0


def test_networkx_around_a_node_the_store_lacks_says_so(examples_out):
    graph = GraphStore(examples_out / "store")
    missing = "https://w3id.org/imrgraph/id/determination/CM99-0000000"
    with pytest.raises(UserError, match=f"around=<{missing}>: no such node"):
        graph.networkx(around=missing, depth=2)
    letter = graph.select("SELECT ?d WHERE { ?d imr:caseNumber 'CM13-0008842' }")[0]["d"]
    around = graph.networkx(around=letter, depth=2)
    assert around.number_of_nodes() > 20 and letter in around


def test_a_closed_store_refuses_further_use(examples_out):
    with GraphStore(examples_out / "store") as graph:
        assert len(graph) > 1000
    with pytest.raises(UserError, match="is closed"):
        len(graph)
