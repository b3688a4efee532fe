"""`imrgraph serve` started for real, used as the tools people bring use it: SPARQLWrapper with
its defaults, rdflib's SPARQLStore, relative IRIs, the service description, kept-alive
connections; and the explorer's JSON calls and page."""

from __future__ import annotations

import http.client
import json
import os
import statistics
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest
from pyoxigraph import RdfFormat, parse
from serve_support import error_of, request, running_server, synth_store

LETTERS = 15
AGES = "CONSTRUCT { ?d <https://w3id.org/imrgraph#age> ?age } WHERE { ?d <https://w3id.org/imrgraph#age> ?age }"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return synth_store(tmp_path_factory.mktemp("serve-clients"), LETTERS)


@pytest.fixture(scope="module")
def server(corpus):
    with running_server(corpus[0], "--workers", "2", "--timeout", "3", "--explore-handlers", "explore_handlers",
                        python_path=Path(__file__).parent) as url:
        yield url


@pytest.fixture(scope="module")
def ages(corpus) -> int:
    return sum(1 for truth in corpus[1] if truth["patient"]["age"] is not None)


@pytest.mark.parametrize("return_format", [None, "xml", "rdf+xml", "n3", "turtle", "json-ld"])
def test_sparqlwrapper_construct_with_each_format(server, ages, return_format):
    from SPARQLWrapper import SPARQLWrapper

    client = SPARQLWrapper(server + "/sparql")
    if return_format:
        client.setReturnFormat(return_format)  # else its default: XML, sent as format=xml
    client.setQuery(AGES)
    answer = client.queryAndConvert()  # an rdflib Graph, or the text itself for n3 and turtle
    if isinstance(answer, bytes):
        from rdflib import Graph

        answer = Graph().parse(data=answer, format="n3")
    assert len(answer) == ages


def test_sparqlwrapper_describe(server, corpus):
    from SPARQLWrapper import SPARQLWrapper

    letter = corpus[1][0]["id"]
    client = SPARQLWrapper(server + "/sparql")
    client.setQuery(f'DESCRIBE ?d WHERE {{ ?d <http://purl.org/dc/terms/identifier> "{letter}" }}')
    graph = client.queryAndConvert()
    assert any(str(o) == letter for o in graph.objects())


def test_rdflib_sparqlstore(server, corpus, ages):
    from rdflib import Graph
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    graph = Graph(store=SPARQLStore(server + "/sparql"))
    rows = graph.query("SELECT ?id WHERE { ?d a <https://w3id.org/imrgraph#Determination> ; "
                       "<http://purl.org/dc/terms/identifier> ?id }")
    assert {str(row.id) for row in rows} == {truth["id"] for truth in corpus[1]}
    assert len(graph.query(AGES)) == ages
    assert graph.query("ASK { ?d a <https://w3id.org/imrgraph#Determination> }").askAnswer is True


def test_construct_with_relative_iris(server):
    status, headers, body = request(server, "/sparql?" + urlencode(
        {"query": "CONSTRUCT { ?d <seen> <#letter> } WHERE { ?d a imr:Determination } LIMIT 2"}),
        headers={"Accept": "application/n-triples"})
    assert status == 200, body
    triples = list(parse(body, RdfFormat.N_TRIPLES))
    assert triples and {t.predicate.value for t in triples} == {server + "/seen"}
    assert {t.object.value for t in triples} == {server + "/sparql#letter"}


def test_service_description(server):
    status, headers, body = request(server, "/sparql")
    assert status == 200 and headers["content-type"].startswith("text/turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    triples = list(parse(body, RdfFormat.TURTLE))
    endpoint = server + "/sparql"
    assert any(t.subject.value == endpoint and t.object.value == sd + "Service" for t in triples)
    assert any(t.predicate.value == sd + "endpoint" and t.object.value == endpoint for t in triples)
    assert any(t.object.value == sd + "SPARQL11Query" for t in triples)
    status, headers, body = request(server, "/sparql", headers={"Accept": "application/ld+json"})
    assert status == 200 and headers["content-type"].startswith("application/ld+json")


def test_kept_alive_requests_do_not_stall(server):
    """Headers and body sent apart on a kept-alive connection wait ~40 ms each for the delayed
    ACK (Nagle); sent together they take a few milliseconds."""
    host, port = server.removeprefix("http://").rsplit(":", 1)
    connection = http.client.HTTPConnection(host, int(port))
    body = urlencode({"query": "ASK { ?d a imr:Determination }"})
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    latencies = []
    for _ in range(40):
        started = time.perf_counter()
        connection.request("POST", "/sparql", body=body, headers=headers)
        response = connection.getresponse()
        assert response.status == 200 and json.loads(response.read())["boolean"] is True
        latencies.append(time.perf_counter() - started)
    connection.close()
    assert statistics.median(latencies) < 0.02


def test_explore_calls_run_in_the_workers(server, corpus):
    status, headers, body = request(server, "/api/explore/count?kind=Determination")
    assert status == 200 and headers["content-type"].startswith("application/json")
    assert json.loads(body) == {"kind": "Determination", "count": LETTERS}
    status, _, body = request(server, "/api/explore/nothing")
    assert status == 404 and "count" in json.loads(body)["message"]
    status, _, body = request(server, "/api/explore/count?kind=not-a-class")
    assert status == 400 and json.loads(body)["message"] == "not a class name: 'not-a-class'"
    status, _, body = request(server, "/api/explore/count?colour=red")
    assert status == 400 and error_of(body) == "bad-parameters"
    started = time.monotonic()
    status, _, body = request(server, "/api/explore/runaway")
    assert status == 503 and error_of(body) == "timeout" and time.monotonic() - started < 3 + 1.5


def test_explorer_is_served_from_the_builds_page(tmp_path):
    store, _ = synth_store(tmp_path / "out", 3)
    page = ("<!DOCTYPE html><html><head><title>drawn by the build</title></head><body>"
            "<script>document.body.dataset.ok = '1';</script></body></html>")
    (tmp_path / "out" / "graph.html").write_text(page, encoding="utf-8")
    with running_server(store, "--workers", "1") as url:
        started = time.monotonic()
        status, headers, body = request(url, "/")
        assert status == 200 and body.decode() == page and time.monotonic() - started < 2
        import base64
        import hashlib

        digest = base64.b64encode(hashlib.sha256(b"document.body.dataset.ok = '1';").digest()).decode()
        assert f"script-src 'sha256-{digest}';" in headers["content-security-policy"]


def test_explorer_is_drawn_once_when_the_build_wrote_none(tmp_path):
    store, _ = synth_store(tmp_path / "out", 3)
    stale = tmp_path / "out" / "graph.html"
    stale.write_text("<p>from an older build</p>", encoding="utf-8")
    os.utime(stale, ns=(0, 0))
    with running_server(store, "--workers", "1") as url:
        status, headers, body = request(url, "/")
        assert status == 202 and headers["retry-after"] and b"being drawn" in body
        deadline = time.monotonic() + 120
        while status != 200 and time.monotonic() < deadline:
            time.sleep(0.5)
            status, headers, body = request(url, "/")
        assert status == 200 and b"imr-data" in body and b"older build" not in body
        again = request(url, "/")
        assert again[0] == 200 and again[2] == body
