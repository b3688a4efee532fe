"""`imrgraph serve` started for real in a subprocess over a store built from synthetic letters,
exercised with plain HTTP (urllib) and SPARQLWrapper."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from pyoxigraph import QueryResultsFormat, RdfFormat, parse, parse_query_results
from serve_support import ROOT, RUNAWAY_QUERY, running_server, synth_store, wait_for_workers

from imrgraph.serve.protocol import choose_format, is_update

TIME_LIMIT = 2.0
MAX_RESULTS = 1000
IDS_QUERY = "SELECT ?id WHERE { ?d a imr:Determination ; dcterms:identifier ?id }"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return synth_store(tmp_path_factory.mktemp("serve"), 30)


@pytest.fixture(scope="module")
def server(corpus):
    store, _ = corpus
    with running_server(store, "--timeout", str(TIME_LIMIT), "--max-results", str(MAX_RESULTS),
                        "--workers", "2") as url:
        yield url


@pytest.fixture(scope="module")
def letter_ids(corpus) -> set[str]:
    return {truth["id"] for truth in corpus[1]}


def http(url: str, *, query: str | None = None, accept: str | None = None, data: bytes | None = None,
         content_type: str | None = None, method: str | None = None, params: dict | None = None):
    """(status, headers, body) of one plain HTTP request; error statuses are returned, not raised."""
    query_params = dict(params or {})
    if query is not None:
        query_params["query"] = query
    if query_params:
        url += "?" + urllib.parse.urlencode(query_params)
    request = urllib.request.Request(url, data=data, method=method)
    if accept:
        request.add_header("Accept", accept)
    if content_type:
        request.add_header("Content-Type", content_type)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def form(**fields) -> bytes:
    return urllib.parse.urlencode(fields).encode()


# --- result formats ---------------------------------------------------------------------------

def test_select_as_json(server, letter_ids):
    status, headers, body = http(server + "/sparql", query=IDS_QUERY, accept="application/sparql-results+json")
    assert status == 200
    assert headers["Content-Type"].startswith("application/sparql-results+json")
    data = json.loads(body)
    assert data["head"]["vars"] == ["id"]
    assert {b["id"]["value"] for b in data["results"]["bindings"]} == letter_ids


def test_select_as_xml(server, letter_ids):
    status, headers, body = http(server + "/sparql", query=IDS_QUERY, accept="application/sparql-results+xml")
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+xml")
    rows = parse_query_results(body, QueryResultsFormat.XML)
    assert {row["id"].value for row in rows} == letter_ids


def test_select_as_csv(server, letter_ids):
    status, headers, body = http(server + "/sparql", query=IDS_QUERY, accept="text/csv")
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(body.decode())))
    assert rows[0] == ["id"]
    assert {r[0] for r in rows[1:]} == letter_ids


def test_select_as_tsv_keeps_term_types(server, corpus):
    query = "SELECT ?d ?age WHERE { ?d a imr:Determination ; imr:age ?age }"
    status, headers, body = http(server + "/sparql", query=query, accept="text/tab-separated-values")
    assert status == 200 and headers["Content-Type"].startswith("text/tab-separated-values")
    rows = list(parse_query_results(body, QueryResultsFormat.TSV))
    ages = sorted(t["patient"]["age"] for t in corpus[1] if t["patient"]["age"] is not None)
    assert sorted(int(r["age"].value) for r in rows) == ages
    assert all(r["age"].datatype.value.endswith("#integer") for r in rows)


def test_format_parameter_overrides_accept(server, letter_ids):
    status, headers, body = http(server + "/sparql", query=IDS_QUERY, accept="application/sparql-results+json",
                                 params={"format": "csv"})
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    assert body.decode().splitlines()[0] == "id"


def test_browser_accept_gets_json(server):
    status, headers, _ = http(server + "/sparql", query=IDS_QUERY,
                              accept="text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
    # application/xml is the best match a SELECT can give
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+xml")


def test_ask_and_construct(server, corpus):
    status, _, body = http(server + "/sparql", query="ASK { ?i imr:outcome imr:Overturned }")
    overturned = any(item["decision"] == "overturned" for t in corpus[1] for item in t["items"])
    assert status == 200 and json.loads(body)["boolean"] is overturned
    construct = "CONSTRUCT { ?d imr:age ?age } WHERE { ?d imr:age ?age } LIMIT 5"
    status, headers, body = http(server + "/sparql", query=construct, accept="text/turtle")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    assert len(list(parse(body, RdfFormat.TURTLE))) == 5
    status, headers, body = http(server + "/sparql", query=construct, accept="application/n-triples")
    assert status == 200 and len(body.decode().strip().splitlines()) == 5


def test_post_form_and_post_sparql_query(server, letter_ids):
    status, _, body = http(server + "/sparql", data=form(query=IDS_QUERY),
                           content_type="application/x-www-form-urlencoded")
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == len(letter_ids)
    status, _, body = http(server + "/sparql", data=IDS_QUERY.encode(), content_type="application/sparql-query",
                           accept="text/csv")
    assert status == 200 and len(body.decode().strip().splitlines()) == len(letter_ids) + 1


def test_unacceptable_accept_is_406(server):
    status, headers, body = http(server + "/sparql", query=IDS_QUERY, accept="image/png")
    assert status == 406 and json.loads(body)["error"] == "not-acceptable"


def test_results_are_cut_at_the_cap(server):
    status, headers, body = http(server + "/sparql", query="SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
    assert status == 200
    assert len(json.loads(body)["results"]["bindings"]) == MAX_RESULTS
    assert headers["X-SPARQL-MaxRows"] == str(MAX_RESULTS)
    status, headers, body = http(server + "/sparql", query=IDS_QUERY + " LIMIT 3")
    assert len(json.loads(body)["results"]["bindings"]) == 3 and "X-SPARQL-MaxRows" not in headers


def test_default_graph_uri_restricts_the_dataset(server):
    ontology = "https://w3id.org/imrgraph/id/graph/ontology"
    query = "ASK { ?d a imr:Determination }"
    status, _, body = http(server + "/sparql", query=query, params={"default-graph-uri": ontology})
    assert status == 200 and json.loads(body)["boolean"] is False
    status, _, body = http(server + "/sparql", query=query)
    assert json.loads(body)["boolean"] is True


# --- refusals ---------------------------------------------------------------------------------

def _still_absent(server) -> bool:
    _, _, body = http(server + "/sparql", query="ASK { <urn:x:a> <urn:x:b> <urn:x:c> }")
    return json.loads(body)["boolean"] is False


@pytest.mark.parametrize("how", ["query-param", "update-form", "sparql-update-body", "prologue-then-update"])
def test_updates_are_refused(server, how):
    update = "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }"
    if how == "query-param":
        status, _, body = http(server + "/sparql", query=update)
    elif how == "update-form":
        status, _, body = http(server + "/sparql", data=form(update=update),
                               content_type="application/x-www-form-urlencoded")
    elif how == "sparql-update-body":
        status, _, body = http(server + "/sparql", data=update.encode(), content_type="application/sparql-update")
    else:
        text = "# add one\nPREFIX x: <urn:x:>\nBASE <urn:y>\n" + update
        status, _, body = http(server + "/sparql", data=form(query=text),
                               content_type="application/x-www-form-urlencoded")
    assert status == 403
    assert json.loads(body) == {"error": "update-refused",
                                "message": "this endpoint is read-only: SPARQL updates are refused"}
    assert _still_absent(server)


def test_other_methods_are_refused(server):
    status, headers, body = http(server + "/sparql", data=b"<urn:x:a> <urn:x:b> <urn:x:c> .", method="PUT",
                                 content_type="application/n-triples")
    assert status == 405 and "POST" in headers["Allow"]
    assert json.loads(body)["error"] == "method-not-allowed"


def test_malformed_query_is_400_with_a_message(server):
    status, headers, body = http(server + "/sparql", query="SELECT ?x WHERE { ?x imr:outcome ")
    assert status == 400 and headers["Content-Type"].startswith("application/json")
    error = json.loads(body)
    assert error["error"] == "malformed-query"
    assert error["message"].startswith("malformed SPARQL: error at 1:")
    assert len(error["message"]) <= 300


def test_missing_query_is_400(server):
    status, _, body = http(server + "/sparql", data=form(limit="3"), content_type="application/x-www-form-urlencoded")
    assert status == 400 and json.loads(body)["error"] == "missing-query"
    status, _, body = http(server + "/sparql", data=b"{}", content_type="application/json")
    assert status == 415


def test_runaway_query_is_stopped_at_the_time_limit(server, letter_ids):
    started = time.monotonic()
    status, _, body = http(server + "/sparql", query=RUNAWAY_QUERY)
    elapsed = time.monotonic() - started
    assert status == 503 and json.loads(body)["error"] == "timeout"
    assert TIME_LIMIT <= elapsed < TIME_LIMIT + 3
    # its worker was replaced: the endpoint keeps answering
    for _ in range(4):
        status, _, body = http(server + "/sparql", query=IDS_QUERY)
        assert status == 200 and len(json.loads(body)["results"]["bindings"]) == len(letter_ids)


def test_a_runaway_query_does_not_block_the_others(server, letter_ids):
    wait_for_workers(server)
    with ThreadPoolExecutor(2) as pool:
        slow = pool.submit(http, server + "/sparql", query=RUNAWAY_QUERY)
        time.sleep(0.3)
        started = time.monotonic()
        status, _, body = http(server + "/sparql", query=IDS_QUERY)
        assert status == 200 and time.monotonic() - started < 1.5
        assert slow.result()[0] == 503


# --- standard client --------------------------------------------------------------------------

def test_sparqlwrapper_formats(server, letter_ids):
    from SPARQLWrapper import CSV, JSON, TSV, TURTLE, XML, SPARQLWrapper

    client = SPARQLWrapper(server + "/sparql")
    client.setQuery("PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX imr: <https://w3id.org/imrgraph#> "
                    "SELECT ?id WHERE { ?d a imr:Determination ; dcterms:identifier ?id }")
    client.setReturnFormat(JSON)
    rows = client.queryAndConvert()["results"]["bindings"]
    assert {r["id"]["value"] for r in rows} == letter_ids
    client.setReturnFormat(XML)
    document = client.queryAndConvert()  # an xml.dom.minidom Document
    assert {n.firstChild.data for n in document.getElementsByTagName("literal")} == letter_ids
    client.setReturnFormat(CSV)
    assert len(client.queryAndConvert().decode().strip().splitlines()) == len(letter_ids) + 1
    client.setReturnFormat(TSV)
    assert client.queryAndConvert().decode().splitlines()[0] == "?id"
    client.setMethod("POST")
    client.setReturnFormat(JSON)
    client.setQuery("ASK { ?d a <https://w3id.org/imrgraph#Determination> }")
    assert client.queryAndConvert()["boolean"] is True
    client.setQuery("CONSTRUCT WHERE { ?d <https://w3id.org/imrgraph#age> ?a } LIMIT 3")
    client.setReturnFormat(TURTLE)
    assert len(list(parse(client.queryAndConvert(), RdfFormat.TURTLE))) == 3


def test_sparqlwrapper_errors(server):
    from SPARQLWrapper import JSON, POST, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

    client = SPARQLWrapper(server + "/sparql")
    client.setReturnFormat(JSON)
    client.setQuery("SELECT ?x WHERE { ?x ")
    with pytest.raises(QueryBadFormed, match="malformed SPARQL"):
        client.query()
    client.setQuery("INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }")
    client.setMethod(POST)
    with pytest.raises(Exception, match="403"):
        client.query()
    assert _still_absent(server)


# --- command line and pure helpers ------------------------------------------------------------

def test_serve_refuses_a_missing_store(tmp_path):
    result = subprocess.run([sys.executable, "-m", "imrgraph", "serve", "--store", str(tmp_path / "nothing")],
                            cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.startswith("imrgraph: no store at") and "Traceback" not in result.stderr


def test_serve_rejects_bad_limits(corpus):
    result = subprocess.run([sys.executable, "-m", "imrgraph", "serve", "--store", str(corpus[0]),
                             "--timeout", "0"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1].endswith("argument --timeout: must be more than 0, got 0")


def test_listens_on_loopback_by_default(server):
    assert server.startswith("http://127.0.0.1:")


@pytest.mark.parametrize(("accept", "kind", "expected"), [
    (None, "results", "json"),
    ("text/csv;q=0.5, application/sparql-results+xml", "results", "xml"),
    ("text/*", "results", "csv"),
    ("application/json", "graph", "jsonld"),
    ("application/rdf+xml;q=0.2, text/turtle;q=0.9", "graph", "turtle"),
    ("*/*", "graph", "turtle"),
])
def test_choose_format(accept, kind, expected):
    assert choose_format(kind, accept, None) == expected


@pytest.mark.parametrize(("text", "update"), [
    ("INSERT DATA { <a:b> <a:c> <a:d> }", True),
    ("prefix x: <urn:x:>\n  # comment\n delete where { ?s ?p ?o }", True),
    ("DROP ALL", True),
    ("SELECT ?insert WHERE { ?insert ?p ?o }", False),
    ("# INSERT nothing\nASK {}", False),
])
def test_is_update(text, update):
    assert is_update(text) is update


# --- a store that changes while it is served -------------------------------------------------------

def _add_letters(out_dir, letters) -> None:
    import hashlib

    from imrgraph.graph import GraphWriter

    with GraphWriter(out_dir) as writer:
        for letter_id, text, truth in letters:
            writer.add(dict(truth, sha256=hashlib.sha256(text.encode()).hexdigest(),
                            source=f"synthetic/{letter_id}.txt"), text)


def test_a_store_written_while_served_is_answered_from_then_on_never_from_before(tmp_path):
    from imrgraph.synth import generate

    letters = list(generate(60, 11))
    _add_letters(tmp_path, letters[:20])
    count = "SELECT (COUNT(?d) AS ?n) WHERE { ?d a imr:Determination }"

    def counted(base) -> int:
        status, _, body = http(base + "/sparql", query=count, accept="application/sparql-results+json")
        assert status == 200, body
        return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])

    with running_server(tmp_path / "store", "--workers", "2") as base:
        seen = [counted(base)]
        with ThreadPoolExecutor(1) as pool:
            writing = pool.submit(lambda: [_add_letters(tmp_path, letters[a:a + 20]) for a in (20, 40)])
            while not writing.done():
                seen.append(counted(base))
            writing.result()
        deadline = time.monotonic() + 30
        while seen[-1] != 60 and time.monotonic() < deadline:
            seen.append(counted(base))
            time.sleep(0.1)
    assert seen[0] == 20 and seen[-1] == 60
    assert seen == sorted(seen), "an older answer came after a newer one"
