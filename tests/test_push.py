"""`imrgraph push` to a real Oxigraph server (started here on 127.0.0.1), through the Graph Store Protocol."""

from __future__ import annotations

import time

import pytest
from export_support import (
    COMPETENCY_QUESTIONS,
    SPARQL_PREFIXES,
    AuthGateway,
    OxigraphServer,
    bundled_queries,
    free_port,
    rows_from_json,
    rows_from_store,
)
from pyoxigraph import BlankNode, Literal, NamedNode, Quad

from imrgraph import push
from imrgraph.cli import main
from imrgraph.graph import iris
from imrgraph.vocab.namespaces import GENID

QUERIES = {name: SPARQL_PREFIXES + sparql for name, (sparql, _) in COMPETENCY_QUESTIONS.items()} | bundled_queries()
COUNT_PER_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


@pytest.fixture
def server(tmp_path):
    with OxigraphServer(tmp_path) as running:
        yield running


def run_cli(*argv: str) -> int:
    return main(["push", *argv])


def assert_same_answers(source, select) -> None:
    for name, query in QUERIES.items():
        variables, expected = rows_from_store(source.query(query))
        assert rows_from_json(select(query), variables) == expected, name


def test_push_then_query_over_http_gives_the_local_answers(store, source, server, capsys):
    assert run_cli("--endpoint", server.store_url, "--store", str(store), "--batch-size", "200") == 0
    assert f"pushed {len(source)} triples" in capsys.readouterr().err
    assert_same_answers(source, server.select)
    # the named graphs arrive as they are: one per letter, plus concepts and ontology
    _, local = rows_from_store(source.query(COUNT_PER_GRAPH))
    assert rows_from_json(server.select(COUNT_PER_GRAPH), ["g", "n"]) == local
    assert any(row[0] == iris.letter_graph("CM99-1002") for row in local)


def test_replace_overwrites_and_plain_push_adds(store, source, server):
    graph = "https://example.org/imr-copy"
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    marker = Quad(NamedNode("https://example.org/stale"), NamedNode("https://example.org/p"), Literal("old"),
                  NamedNode(graph))
    with push.GraphStoreClient(server.store_url) as client:
        push.push([marker], client)
    assert run_cli("--endpoint", server.store_url, "--store", str(store), "--graph", graph, "--replace",
                   "--batch-size", "500") == 0
    assert int(server.select(count)[0]["n"]["value"]) == len(source)  # the stale triple is gone
    with push.GraphStoreClient(server.store_url) as client:
        push.push([marker], client)  # POST adds
    assert int(server.select(count)[0]["n"]["value"]) == len(source) + 1


def test_a_second_push_adds_nothing(store, source, server):
    """No blank nodes in the graph (the ontology's are skolem IRIs), so pushing again without
    --replace finds every triple already there."""
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert run_cli("--endpoint", server.store_url, "--store", str(store)) == 0
    first = int(server.select(count)[0]["n"]["value"])
    assert run_cli("--endpoint", server.store_url, "--store", str(store)) == 0
    assert int(server.select(count)[0]["n"]["value"]) == first == len(source)
    skolem = f'SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), "{GENID}")) }} }}'
    assert int(server.select(skolem)[0]["n"]["value"]) > 0


def test_blank_nodes_stay_whole_across_batches(server):
    graph = NamedNode("https://example.org/spans")
    quads = []
    for n in range(7):
        span = BlankNode()
        subject = NamedNode(f"https://example.org/item/{n}")
        quads += [Quad(subject, NamedNode("https://example.org/evidence"), span, graph),
                  Quad(span, NamedNode("https://example.org/start"), Literal(str(n)), graph),
                  Quad(subject, NamedNode("https://example.org/label"), Literal(f"item {n}"), graph)]
    with push.GraphStoreClient(server.store_url) as client:
        report = push.push(quads, client, batch_size=2)
    assert report.triples == len(quads) and report.requests > 1
    rows = server.select("SELECT ?item ?start WHERE { ?item <https://example.org/evidence> ?span . "
                         "?span <https://example.org/start> ?start }")
    assert sorted((r["item"]["value"].rsplit("/", 1)[1], r["start"]["value"]) for r in rows) == \
        [(str(n), str(n)) for n in range(7)]


@pytest.mark.parametrize("credentials", [{"token": "s3cret-token"}, {"user": "imr", "password": "pa ss"}])
def test_push_authenticates_with_token_or_basic_credentials(store, source, server, credentials):
    with AuthGateway(server.base, **credentials) as gateway:
        args = ["--token", credentials["token"]] if "token" in credentials else \
            ["--user", credentials["user"], "--password", credentials["password"]]
        assert run_cli("--endpoint", gateway.base + "/store", "--store", str(store), *args) == 0
        # a token goes with every request; a password answers the one Basic challenge, then goes along
        requests = len(list(push.batches(source.quads_by_graph(), push.DEFAULT_BATCH_SIZE)))
        assert gateway.forwarded == requests
        assert gateway.refused == (1 if "user" in credentials else 0)
    assert_same_answers(source, server.select)


@pytest.mark.parametrize("credentials", [[], ["--token", "wrong"], ["--user", "imr", "--password", "wrong"]])
def test_refused_credentials_end_in_one_line(store, server, capsys, credentials):
    with AuthGateway(server.base, user="imr", password="right") as gateway:
        assert run_cli("--endpoint", gateway.base + "/store", "--store", str(store), "--retries", "0",
                       *credentials) == 1
    err = capsys.readouterr().err
    assert err == "imrgraph: push failed: HTTP 401 Unauthorized: credentials required\n"
    assert server.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[0]["n"]["value"] == "0"


def test_server_refusal_reports_status_and_server_text(store, server, capsys):
    # Oxigraph refuses a Graph Store request that names no graph and no `default`
    assert run_cli("--endpoint", server.base + "/store?graph=", "--store", str(store)) == 1
    err = capsys.readouterr().err
    assert err.startswith("imrgraph: push failed: HTTP 400 ") and err.count("\n") == 1


def test_busy_server_is_retried_until_it_accepts(source, server):
    with AuthGateway(server.base, busy_first=2) as gateway, \
            push.GraphStoreClient(gateway.base + "/store", retries=3, backoff=0.05) as client:
        report = push.push(source.quads_by_graph(), client)
    assert report.retries == 2 and report.triples == len(source)
    assert_same_answers(source, server.select)


def test_a_busy_server_is_waited_for_as_long_as_its_retry_after_says(source, server):
    with AuthGateway(server.base, busy_first=1, busy_status=429, retry_after=2) as gateway, \
            push.GraphStoreClient(gateway.base + "/store", retries=2, backoff=0.01) as client:
        started = time.monotonic()
        report = push.push(source.quads_by_graph(), client)
        waited = time.monotonic() - started
    assert report.retries == 1 and report.requests == gateway.received == len(list(
        push.batches(source.quads_by_graph(), push.DEFAULT_BATCH_SIZE))) + 1
    assert waited >= 2  # not the 0.01 s backoff: the server said when to come back
    assert_same_answers(source, server.select)


def test_a_server_that_never_answers_times_out_in_one_line(store, server, capsys):
    with AuthGateway(server.base, stall_first=10) as gateway:
        started = time.monotonic()
        assert run_cli("--endpoint", gateway.base + "/store", "--store", str(store), "--timeout", "0.5",
                       "--retries", "1") == 1
        waited = time.monotonic() - started
        assert gateway.received == 2  # the request and one retry, each given up after 0.5 s
    assert waited < 10
    assert capsys.readouterr().err == \
        f"imrgraph: push failed: {gateway.base}/store did not answer within 0.5 s\n"


def test_server_still_busy_after_the_retries_is_reported(store, server, capsys):
    with AuthGateway(server.base, busy_first=10) as gateway:
        assert run_cli("--endpoint", gateway.base + "/store", "--store", str(store), "--retries", "1") == 1
    assert capsys.readouterr().err == "imrgraph: push failed: HTTP 503 Service Unavailable: busy, try again\n"


def test_push_without_a_store_says_so_in_one_line(tmp_path, server, capsys):
    assert run_cli("--endpoint", server.store_url, "--store", str(tmp_path / "none")) == 1
    err = capsys.readouterr().err
    assert err.startswith("imrgraph: no store at") and err.count("\n") == 1


def test_unreachable_endpoint_is_retried_then_reported(store, capsys):
    endpoint = f"http://127.0.0.1:{free_port()}/store"
    assert run_cli("--endpoint", endpoint, "--store", str(store), "--retries", "1") == 1
    err = capsys.readouterr().err
    assert err.startswith(f"imrgraph: push failed: cannot reach {endpoint}") and err.count("\n") == 1


@pytest.mark.parametrize("argv,message", [
    (["--endpoint", "ftp://127.0.0.1/x"], "endpoint must be an http(s) URL"),
    (["--endpoint", "http://127.0.0.1:9/store", "--user", "u"], "--user needs --password"),
    (["--endpoint", "http://127.0.0.1:9/store", "--graph", "not an iri"], "--graph must be an absolute IRI"),
])
def test_bad_options_are_one_line_errors(store, capsys, argv, message):
    assert run_cli(*argv, "--store", str(store)) != 0
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_a_timeout_must_be_positive(store, capsys):
    with pytest.raises(SystemExit) as exit_:
        run_cli("--endpoint", "http://127.0.0.1:9/store", "--store", str(store), "--timeout", "0")
    assert exit_.value.code == 2 and "--timeout: must be more than 0" in capsys.readouterr().err


def test_server_message_reduces_an_html_error_page_to_its_reason():
    page = (b'<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head><title>SPARQL Graph Protocol '
            b'request failed</title></head><body><h1>HTTP/1.1 403 Forbidden</h1>\n<xmp>SQ110:SECURITY: '
            b'Permission denied for delete</xmp></body></html>')
    assert push.server_message(403, "Forbidden", page) == \
        "HTTP 403 Forbidden: SQ110:SECURITY: Permission denied for delete"
