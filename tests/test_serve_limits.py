"""`imrgraph serve` under queries built to hurt it, started for real: deep nesting, a query that
needs more memory than a worker may have, one client's slow queries against another's quick
ones, and arbitrary SPARQL from hypothesis. The store never changes."""

from __future__ import annotations

import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from serve_support import (
    RUNAWAY_QUERY,
    Listener,
    child_pids,
    error_of,
    peak_memory,
    request,
    running_server,
    store_fingerprint,
    synth_store,
    wait_for_workers,
)

from imrgraph.graph.limits import MAX_NESTING, check_query, nesting_depth

TIME_LIMIT = 3.0
MEMORY_LIMIT = 1 << 30
FORM = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"}
QUICK = "SELECT (COUNT(?d) AS ?n) WHERE { ?d a imr:Determination }"
# a 16-character string doubled 34 times: 256 GiB if it were ever built
DOUBLING = ('SELECT ?n WHERE { BIND("0123456789abcdef" AS ?a0) '
            + " ".join(f"BIND(CONCAT(?a{i}, ?a{i}) AS ?a{i + 1})" for i in range(34)) + " BIND(STRLEN(?a34) AS ?n) }")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return synth_store(tmp_path_factory.mktemp("serve-limits"), 20)


@pytest.fixture(scope="module")
def server(corpus):
    with running_server(corpus[0], "--workers", "3", "--timeout", str(TIME_LIMIT), "--max-memory",
                        str(MEMORY_LIMIT), "--client-queries", "1", "--client-queue", "2", "--slow-queries", "1") as url:
        yield url


def post(base: str, text: str, source: str | None = None, timeout: float = 60):
    return request(base, "/sparql", method="POST", body=urlencode({"query": text}).encode(), headers=FORM,
                   source=source, timeout=timeout)


def deep(kind: str, levels: int) -> str:
    if kind == "group":
        return "SELECT * WHERE " + "{" * levels + " ?s ?p ?o " + "}" * levels
    if kind == "expression":
        return "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * levels + "?o" + ")" * levels + ") }"
    return "SELECT * WHERE { ?s ?p " + "[ ?p " * levels + "1" + " ]" * levels + " }"


@pytest.mark.parametrize("kind", ["group", "expression", "blank-node"])
def test_deep_nesting_is_refused_without_a_crash(server, kind):
    for levels in (MAX_NESTING + 1, 3_000, 20_000):
        status, _, body = post(server, deep(kind, levels))
        assert status == 400 and error_of(body) == "too-deep"
        assert json.loads(body)["message"].startswith("query nested too deeply")
    status, _, body = post(server, deep(kind, 8))
    assert status == 200
    # no worker died: none is being replaced
    status, _, body = request(server, "/health")
    assert json.loads(body)["workers"]["starting"] == 0


def test_the_nesting_check_ignores_brackets_in_strings_and_counts_hidden_ones():
    many_strings = "SELECT * WHERE { VALUES ?t { " + " ".join(f'"x (y) {i}"' for i in range(500)) + " } }"
    assert nesting_depth(many_strings) == 3
    check_query(many_strings)
    # brackets written where an IRI could also be a less-than still count
    assert nesting_depth("SELECT * { FILTER(?a<" + "(" * 100 + "?b>?c" + ")" * 100 + ") }") >= 100


@pytest.fixture(scope="module")
def patient_server(corpus):
    """A time limit long enough for a query to reach the memory limit on a busy machine."""
    with running_server(corpus[0], "--workers", "2", "--timeout", "90", "--max-memory", str(MEMORY_LIMIT)) as url:
        yield url


def test_a_query_needing_too_much_memory_fails_alone(patient_server):
    server = patient_server
    peaks: dict[int, int] = {}
    stop = threading.Event()

    def watch() -> None:
        while not stop.is_set():
            for pid in child_pids(server.pid):
                peaks[pid] = max(peaks.get(pid, 0), peak_memory(pid))
            time.sleep(0.05)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        started = time.monotonic()
        status, _, body = post(server, DOUBLING)
        assert status == 500 and error_of(body) == "memory-limit", body
        assert "1 GiB" in json.loads(body)["message"]
        assert time.monotonic() - started < 90
    finally:
        stop.set()
        watcher.join()
    assert peaks and max(peaks.values()) <= MEMORY_LIMIT
    wait_for_workers(server)
    status, _, body = post(server, QUICK)
    assert status == 200 and json.loads(body)["results"]["bindings"][0]["n"]["value"] == "20"


def test_one_clients_slow_queries_do_not_starve_another(server):
    wait_for_workers(server)
    with ThreadPoolExecutor(4) as pool:
        slow = [pool.submit(post, server, RUNAWAY_QUERY, "127.0.0.2") for _ in range(3)]
        time.sleep(0.5)  # one runs, two wait in that client's own queue
        status, headers, body = post(server, RUNAWAY_QUERY, "127.0.0.2")
        assert status == 503 and error_of(body) == "busy" and int(headers["retry-after"]) >= 1
        for _ in range(5):
            started = time.monotonic()
            status, _, body = post(server, QUICK, "127.0.0.3")
            assert status == 200 and time.monotonic() - started < 1.5
        answers = [future.result() for future in slow]
    # each waited its turn behind the one before: stopped at the time limit, or not started within it;
    # the pool's threads may reach the server in any order, so which one ran first is not known
    assert [status for status, _, _ in answers] == [503, 503, 503]
    errors = [error_of(body) for _, _, body in answers]
    assert "timeout" in errors and set(errors) <= {"timeout", "busy"}


def test_slow_queries_beyond_the_slow_lanes_are_paused(server):
    """--slow-queries 1 (the default on two CPUs): a second slow query waits, stopped, using no
    CPU, until the first ends; quick queries meanwhile are answered."""
    wait_for_workers(server)
    with ThreadPoolExecutor(2) as pool:
        slow = [pool.submit(post, server, RUNAWAY_QUERY, source) for source in ("127.0.0.4", "127.0.0.5")]
        time.sleep(1.8)
        states = {pid: Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
                  for pid in child_pids(server.pid)}
        assert sorted(states.values()).count("T") == 1, states  # one stopped; the other runs
        status, _, body = request(server, "/health")
        assert json.loads(body)["workers"]["slow"] == 1 and json.loads(body)["workers"]["paused"] == 1
        status, _, body = post(server, QUICK, "127.0.0.6")
        assert status == 200
        answers = [future.result() for future in slow]
    assert {error_of(body) for _, _, body in answers} == {"timeout"}


# --- arbitrary and hostile SPARQL ---------------------------------------------------------------

TARGET = Listener()
ADVERSARIAL = [
    RUNAWAY_QUERY, DOUBLING, deep("group", 5_000), deep("blank-node", 200), deep("expression", 70),
    f"SELECT * WHERE {{ SERVICE <{TARGET.url}> {{ ?s ?p ?o }} }}",
    f"SELECT * WHERE {{ BIND(<{TARGET.url}> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
    f"LOAD <{TARGET.url}>", "DROP ALL", "CLEAR DEFAULT", "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "DELETE WHERE { ?s ?p ?o }", "PREFIX x: <urn:x> INSERT { ?s x:y 1 } WHERE { ?s ?p ?o }",
    "SELECT * WHERE { ?s ?p ?o } ; DROP ALL", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "DESCRIBE ?s WHERE { ?s ?p ?o }", "SELECT (REPLACE(STR(?o), '(.*)*x', 'y') AS ?r) WHERE { ?s ?p ?o }",
    "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?a ?d",
]
SPARQL_WORDS = ["SELECT", "*", "WHERE", "{", "}", "(", ")", "[", "]", "?s", "?p", "?o", ".", ";", "SERVICE", "SILENT",
                "<urn:x>", f"<{TARGET.url}>", "FILTER", "BIND", "AS", "CONCAT", "OPTIONAL", "UNION", "MINUS", "LOAD",
                "INSERT", "DATA", "DROP", "GRAPH", "'x'", '"""', "#", "\n", "1", "imr:Determination", "a", "LIMIT"]
sparql_text = st.one_of(
    st.sampled_from(ADVERSARIAL),
    st.text(max_size=300),
    st.lists(st.sampled_from(SPARQL_WORDS), max_size=60).map(" ".join),
    st.builds(lambda kind, n: deep(kind, n), st.sampled_from(["group", "expression", "blank-node"]),
              st.integers(1, 400)),
)
ANSWERS = {200, 400, 403, 406, 500, 503}


@pytest.fixture(scope="module")
def fuzzed(corpus):
    with running_server(corpus[0], "--workers", "2", "--timeout", "2", "--max-memory", str(MEMORY_LIMIT),
                        "--client-queue", "64") as url:
        peaks: dict[int, int] = {}
        stop = threading.Event()

        def watch() -> None:
            while not stop.is_set():
                for pid in child_pids(url.pid):
                    peaks[pid] = max(peaks.get(pid, 0), peak_memory(pid))
                time.sleep(0.05)

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        yield url, peaks
        stop.set()


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(text=sparql_text, as_form=st.booleans())
def test_arbitrary_sparql_never_breaks_the_endpoint(fuzzed, corpus, text, as_form):
    url, peaks = fuzzed
    started = time.monotonic()
    if as_form:
        status, headers, body = post(url, text, timeout=30)
    else:
        status, headers, body = request(url, "/sparql", method="POST", body=text.encode("utf-8", "surrogatepass"),
                                        headers={"Content-Type": "application/sparql-query"}, timeout=30)
    assert time.monotonic() - started < 2 + 3  # the time limit, the kill and a worker's restart
    assert status in ANSWERS, (status, body[:200])
    if status != 200:
        error = json.loads(body)
        assert error["message"] and (status != 500 or error["error"] == "memory-limit"), error
    assert max(peaks.values(), default=0) <= MEMORY_LIMIT


def test_after_the_fuzzing_the_store_is_unchanged_and_nothing_was_called(fuzzed, corpus):
    url, _ = fuzzed
    before = store_fingerprint(corpus[0])
    for text in ADVERSARIAL:
        status, _, _ = post(url, text, timeout=30)
        assert status in ANSWERS
    wait_for_workers(url)
    status, _, body = post(url, QUICK)
    assert status == 200 and json.loads(body)["results"]["bindings"][0]["n"]["value"] == "20"
    assert store_fingerprint(corpus[0]) == before
    assert TARGET.connections == 0


def test_a_replacement_worker_that_cannot_open_the_store_is_started_again(tmp_path):
    """The store away while a worker is replaced (a build replacing its files does this for a moment): the
    replacement is tried again until it opens the store, so the endpoint answers again once the store is back."""
    store, _ = synth_store(tmp_path / "out", 5)
    with running_server(store, "--workers", "1", "--timeout", "2") as base:
        store.rename(tmp_path / "away")
        status, _, _ = post(base, RUNAWAY_QUERY)  # stopped at the limit: its worker is killed and replaced
        assert status == 503
        time.sleep(1)  # the replacement has tried and failed to open the missing store
        (tmp_path / "away").rename(store)
        deadline, status = time.monotonic() + 30, None
        while status != 200 and time.monotonic() < deadline:
            status, _, body = post(base, QUICK, timeout=10)
        assert status == 200, body
