"""Attacks on `imrgraph serve` started for real: outbound calls (SERVICE), foreign Host names,
cross-origin requests, CORS as opted into, response headers, idle and oversized requests."""

from __future__ import annotations

import json
import re
import socket
import time
from urllib.parse import urlencode

import pytest
from serve_support import Listener, error_of, request, running_server, store_fingerprint, synth_store

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
YASGUI = "http://yasgui.example"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return synth_store(tmp_path_factory.mktemp("serve-security"), 12)


@pytest.fixture(scope="module")
def listener():
    target = Listener()
    yield target
    target.close()


@pytest.fixture(scope="module")
def server(corpus):
    with running_server(corpus[0], "--workers", "2", "--timeout", "10") as url:
        yield url


@pytest.fixture(scope="module")
def open_server(corpus, listener):
    with running_server(corpus[0], "--workers", "2", "--timeout", "10", "--allow-service", listener.url,
                        "--cors", YASGUI) as url:
        yield url


def query(base: str, text: str, headers: dict | None = None, **options):
    return request(base, "/sparql", method="POST", body=urlencode({"query": text}).encode(),
                   headers={**FORM, **(headers or {})}, **options)


def service_queries(url: str) -> list[str]:
    return [
        f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"select * where {{ service silent <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE # a comment\n <{url}>\n{{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ VALUES ?e {{ <{url}> }} SERVICE ?e {{ ?s ?p ?o }} }}",
        f"PREFIX ep: <{url.rsplit('/', 1)[0]}/> SELECT * WHERE {{ SERVICE ep:sparql {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?d a imr:Determination . ?d ?p 1SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE <{url.replace('127.0.0.1', '127.0.0.1').replace('/sparql', '/other')}> {{}} }}",
    ]


def test_service_is_refused_and_the_target_hears_nothing(server, listener):
    before = listener.connections
    for text in service_queries(listener.url):
        status, headers, body = query(server, text)
        assert status == 403, text
        assert error_of(body) == "service-refused" and "SERVICE" in json.loads(body)["message"]
    status, _, body = request(server, "/sparql?" + urlencode({"query": service_queries(listener.url)[0]}))
    assert status == 403
    time.sleep(0.5)
    assert listener.connections == before


def test_an_allowed_service_is_called_and_no_other(open_server, listener):
    before = listener.connections
    status, _, body = query(open_server, f"SELECT ?from WHERE {{ SERVICE <{listener.url}> {{ ?x ?y ?z }} }}",
                            headers={"Accept": "application/sparql-results+json"})
    assert status == 200, body
    assert [b["from"]["value"] for b in json.loads(body)["results"]["bindings"]] == ["listener"]
    assert listener.connections == before + 1
    variable, prefixed, _, other_path = service_queries(listener.url)[3:]
    for text in (variable, prefixed, other_path):
        status, _, body = query(open_server, text)
        assert status == 403 and error_of(body) == "service-refused", text
    assert listener.connections == before + 1


def test_a_foreign_host_header_is_refused(server):
    port = server.rsplit(":", 1)[1]
    for host in ("evil.example", f"evil.example:{port}", "127.0.0.1:1", f"10.0.0.1:{port}"):
        status, _, body = request(server, "/sparql?query=ASK%7B%7D", headers={"Host": host})
        assert status == 403 and error_of(body) == "host-refused", host
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"LOCALHOST:{port}", f"[::1]:{port}"):
        status, _, _ = request(server, "/sparql?query=ASK%7B%7D", headers={"Host": host})
        assert status == 200, host


def test_cross_origin_requests_are_refused_without_cors(server, corpus):
    before = store_fingerprint(corpus[0])
    for headers in ({"Origin": "http://evil.example"}, {"Sec-Fetch-Site": "cross-site"},
                    {"Sec-Fetch-Site": "same-site", "Origin": "http://localhost:9"}):
        status, _, body = query(server, "ASK { ?s ?p ?o }", headers)
        assert status == 403 and error_of(body) == "cross-origin-refused", headers
        status, _, body = request(server, "/sparql", method="POST", body=b"update=DROP+ALL", headers={**FORM, **headers})
        assert status == 403
        status, _, _ = request(server, "/sparql?query=ASK%7B%7D", headers=headers)
        assert status == 403
    status, headers, _ = request(server, "/sparql", method="OPTIONS",
                                 headers={"Origin": YASGUI, "Access-Control-Request-Method": "POST"})
    assert status == 403 and "access-control-allow-origin" not in headers
    # the page's own requests, a link followed from elsewhere, and non-browser clients pass
    status, _, _ = query(server, "ASK {}", {"Origin": server, "Sec-Fetch-Site": "same-origin"})
    assert status == 200
    status, _, _ = request(server, "/query", headers={"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate"})
    assert status == 200
    assert store_fingerprint(corpus[0]) == before


def test_cors_lets_the_named_origin_query(open_server):
    status, headers, body = request(open_server, "/sparql", method="OPTIONS",
                                    headers={"Origin": YASGUI, "Access-Control-Request-Method": "POST",
                                             "Access-Control-Request-Headers": "content-type"})
    assert status == 204 and body == b""
    assert headers["access-control-allow-origin"] == YASGUI
    assert "POST" in headers["access-control-allow-methods"] and "content-type" in headers["access-control-allow-headers"]
    status, headers, body = query(open_server, "ASK { ?d a imr:Determination }", {"Origin": YASGUI})
    assert status == 200 and json.loads(body)["boolean"] is True
    assert headers["access-control-allow-origin"] == YASGUI and "x-sparql-maxrows" in headers["access-control-expose-headers"]
    status, _, body = request(open_server, "/sparql", method="POST", body=b"update=DROP+ALL",
                              headers={**FORM, "Origin": YASGUI})
    assert status == 403 and error_of(body) == "update-refused"
    status, _, body = query(open_server, "ASK {}", {"Origin": "http://other.example"})
    assert status == 403 and error_of(body) == "cross-origin-refused"
    # OPTIONS without an origin is answered too (it used to be 501)
    status, headers, _ = request(open_server, "/sparql", method="OPTIONS")
    assert status == 204 and "POST" in headers["allow"]


def test_every_response_carries_the_protective_headers(server):
    for path in ("/query", "/sparql?query=ASK%7B%7D", "/sparql", "/nothing", "/health"):
        status, headers, body = request(server, path)
        assert headers["x-content-type-options"] == "nosniff", path
        assert headers["referrer-policy"] == "no-referrer", path
        policy = headers["content-security-policy"]
        assert "frame-ancestors 'none'" in policy and "unsafe-inline' " not in policy.split("script-src")[-1].split(";")[0]
    status, headers, body = request(server, "/query")
    script_src = re.search(r"script-src ([^;]*)", headers["content-security-policy"]).group(1)
    assert status == 200 and script_src.startswith("'sha256-") and "unsafe" not in script_src
    assert "default-src 'none'" in headers["content-security-policy"]


def test_the_query_page_escapes_what_it_embeds(server):
    _, _, body = request(server, "/query")
    page = body.decode()
    data = re.search(r'<script id="queries-data" type="application/json">(.*?)</script>', page, re.S).group(1)
    assert "<" not in data and json.loads(data)[0]["name"]  # any `<` in a query is written \u003c


def test_idle_and_dribbling_connections_are_closed(server):
    port = int(server.rsplit(":", 1)[1])
    silent = socket.create_connection(("127.0.0.1", port))
    dribbling = socket.create_connection(("127.0.0.1", port))
    dribbling.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # the head never ends
    started = time.monotonic()
    for sock in (silent, dribbling):
        sock.settimeout(30)
        assert sock.recv(1024) == b""  # closed by the server
        sock.close()
    assert 5 < time.monotonic() - started < 20
    status, _, _ = request(server, "/health")
    assert status == 200


def test_one_client_cannot_hold_every_connection(server):
    port = int(server.rsplit(":", 1)[1])
    held = []
    try:
        for _ in range(100):
            sock = socket.socket()
            sock.bind(("127.0.0.7", 0))
            sock.connect(("127.0.0.1", port))
            held.append(sock)
        time.sleep(0.5)
        closed = 0
        for sock in held:
            sock.settimeout(0.2)
            try:
                closed += sock.recv(1) == b""
            except (TimeoutError, OSError):
                pass
        assert closed >= 100 - 64
        status, _, _ = request(server, "/sparql?query=ASK%7B%7D", source="127.0.0.8")
        assert status == 200
    finally:
        for sock in held:
            sock.close()


def test_an_oversized_body_is_refused_before_it_is_read(server):
    port = int(server.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(f"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/sparql-query\r\n"
                     f"Content-Length: {100 << 20}\r\n\r\n".encode())
        answer = b""
        while b"too-large" not in answer and (chunk := sock.recv(4096)):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 413") and b"too-large" in answer


def test_an_oversized_request_head_is_cut_off(server):
    port = int(server.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        try:
            sock.sendall(f"GET /health HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n".encode())
            for _ in range(200):
                sock.sendall(b"X-Padding: " + b"a" * 1000 + b"\r\n")
        except OSError:
            pass  # closed while sending: what is wanted
        answer = b""
        try:
            while chunk := sock.recv(4096):
                answer += chunk
        except OSError:
            pass
    assert b"200 OK" not in answer
