"""Real servers for the export and push tests: Oxigraph, Virtuoso and an authenticating gateway.

Everything binds to 127.0.0.1 on a free port and is stopped (and its files removed by pytest's
tmp_path) when the context manager exits.
"""

from __future__ import annotations

import base64
import http.client
import http.server
import json
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

LOOPBACK = "127.0.0.1"
VIRTUOSO_BINARY = "virtuoso-t"
VIRTUOSO_USER = ("dba", "dba")  # the DBA login of a freshly created Virtuoso database


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


def _wait_until(ready, process: subprocess.Popen, what: str, log: Path | None, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            text = log.read_text(errors="replace")[-2000:] if log and log.exists() else ""
            raise RuntimeError(f"{what} exited with {process.returncode}: {text}")
        if ready():
            return
        time.sleep(0.1)
    raise RuntimeError(f"{what} not ready after {timeout} s")


def _http_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status < 500
    except urllib.error.HTTPError as error:
        return error.code < 500
    except OSError:
        return False


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def sparql_select(url: str, query: str, auth: tuple[str, str] | None = None) -> list[dict[str, dict]]:
    """SPARQL 1.1 Protocol SELECT over HTTP POST; the JSON result bindings."""
    data = urllib.parse.urlencode({"query": query}).encode()
    request = urllib.request.Request(url, data=data, headers={
        "Accept": "application/sparql-results+json",
        "Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.load(response)["results"]["bindings"]


# -- Oxigraph ---------------------------------------------------------------------------------------


class OxigraphServer:
    """`oxigraph serve` (PyPI `oxigraph`) on a fresh directory; union default graph like the local store."""

    def __init__(self, directory: Path, union_default_graph: bool = True) -> None:
        self.directory = directory
        self.port = free_port()
        self.base = f"http://{LOOPBACK}:{self.port}"
        self.store_url = self.base + "/store"
        self.query_url = self.base + "/query"
        self.union_default_graph = union_default_graph
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> OxigraphServer:
        binary = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
        command = [binary, "serve", "--location", str(self.directory / "data"),
                   "--bind", f"{LOOPBACK}:{self.port}"]
        if self.union_default_graph:
            command.append("--union-default-graph")
        self.directory.mkdir(parents=True, exist_ok=True)
        log = self.directory / "oxigraph.log"
        with log.open("wb") as sink:
            self.process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT)
        _wait_until(lambda: _http_ok(self.query_url + "?query=ASK%7B%7D"), self.process, "oxigraph serve",
                    log, 30)
        return self

    def __exit__(self, *exc) -> None:
        if self.process is not None:
            _stop(self.process)

    def select(self, query: str) -> list[dict[str, dict]]:
        return sparql_select(self.query_url, query)


# -- Virtuoso -----------------------------------------------------------------------------------------

VIRTUOSO_INI = """\
[Database]
DatabaseFile       = {dir}/virtuoso.db
ErrorLogFile       = {dir}/virtuoso.log
LockFile           = {dir}/virtuoso.lck
TransactionFile    = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {dir}/virtuoso-temp.db
TransactionFile    = {dir}/virtuoso-temp.trx
Striping           = 0

[Parameters]
ServerPort            = {host}:{sql_port}
DisableUnixSocket     = 1
CheckpointInterval    = 60
CaseMode              = 2
DirsAllowed           = {dir}
NumberOfBuffers       = 10000
MaxDirtyBuffers       = 6000

[HTTPServer]
ServerPort            = {host}:{http_port}
ServerRoot            = {dir}/vsp
ServerThreads         = 10
MaxClientConnections  = 10
Charset               = UTF-8

[SPARQL]
ResultSetMaxRows      = 1000000
MaxQueryExecutionTime = 120
"""


def virtuoso_available() -> bool:
    return shutil.which(VIRTUOSO_BINARY) is not None


class VirtuosoServer:
    """Virtuoso Open Source (Debian `virtuoso-opensource`) from our own virtuoso.ini, on loopback.

    A fresh database directory per instance; the DBA login of a new database is dba/dba.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.http_port = free_port()
        self.sql_port = free_port()
        self.base = f"http://{LOOPBACK}:{self.http_port}"
        self.sparql_url = self.base + "/sparql"
        self.graph_store_url = self.base + "/sparql-graph-crud-auth"
        self.user, self.password = VIRTUOSO_USER
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> VirtuosoServer:
        binary = shutil.which(VIRTUOSO_BINARY)
        if binary is None:
            raise RuntimeError("virtuoso-t not installed: run scripts/install-virtuoso.sh")
        (self.directory / "vsp").mkdir(parents=True, exist_ok=True)
        ini = self.directory / "virtuoso.ini"
        ini.write_text(VIRTUOSO_INI.format(dir=self.directory, host=LOOPBACK, sql_port=self.sql_port,
                                           http_port=self.http_port))
        log = self.directory / "stdout.log"
        with log.open("wb") as sink:
            # its own session, so stopping it never signals the test runner
            self.process = subprocess.Popen([binary, "+configfile", str(ini), "+foreground"], cwd=self.directory,
                                            stdout=sink, stderr=subprocess.STDOUT, start_new_session=True)
        _wait_until(lambda: _http_ok(self.sparql_url + "?query=ASK%7B%7D"), self.process, "virtuoso-t",
                    self.directory / "virtuoso.log", 120)
        return self

    def __exit__(self, *exc) -> None:
        if self.process is not None:
            _stop(self.process)

    def select(self, query: str) -> list[dict[str, dict]]:
        return sparql_select(self.sparql_url, query)


# -- an authenticating gateway in front of a real server ----------------------------------------------


class QuietServer(http.server.ThreadingHTTPServer):
    """A test server that takes a client hanging up as the end of its connection, not as an error to print."""

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class AuthGateway:
    """HTTP reverse proxy on loopback that lets a request through to `upstream` only with the expected
    Basic or Bearer credentials, as a secured deployment of a Graph Store would (Oxigraph has none).
    With no credentials it lets everything through; `busy_first` answers the first N requests with
    `busy_status` (503; 429 with `retry_after` seconds to wait), as an overloaded server or proxy does;
    `stall_first` holds the first N requests unanswered until the gateway stops, as a hung server does."""

    def __init__(self, upstream: str, *, user: str | None = None, password: str | None = None,
                 token: str | None = None, busy_first: int = 0, busy_status: int = 503,
                 retry_after: int | None = None, stall_first: int = 0) -> None:
        self.upstream = urllib.parse.urlsplit(upstream)
        accepted = set()
        if user is not None:
            accepted.add("Basic " + base64.b64encode(f"{user}:{password}".encode()).decode())
        if token is not None:
            accepted.add(f"Bearer {token}")
        self.accepted = accepted
        self.challenge = 'Basic realm="imrgraph-test"' if user is not None else 'Bearer realm="imrgraph-test"'
        self.busy_left = busy_first
        self.busy_status = busy_status
        self.retry_after = retry_after
        self.stall_left = stall_first
        self.stopping = threading.Event()
        self.received = 0
        self.refused = 0
        self.forwarded = 0
        self.port = free_port()
        self.base = f"http://{LOOPBACK}:{self.port}"
        self._server: QuietServer | None = None
        self._thread: threading.Thread | None = None

    def __enter__(self) -> AuthGateway:
        gateway = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # keep the test output clean
                pass

            def _relay(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                gateway.received += 1
                if gateway.stall_left > 0:
                    gateway.stall_left -= 1
                    gateway.stopping.wait(120)
                    self.close_connection = True
                    return
                if gateway.busy_left > 0:
                    gateway.busy_left -= 1
                    wait = {"Retry-After": str(gateway.retry_after)} if gateway.retry_after is not None else {}
                    self._refuse(gateway.busy_status, http.HTTPStatus(gateway.busy_status).phrase,
                                 b"busy, try again\n", wait)
                    return
                if gateway.accepted and self.headers.get("Authorization") not in gateway.accepted:
                    gateway.refused += 1
                    self._refuse(401, "Unauthorized", b"credentials required\n",
                                 {"WWW-Authenticate": gateway.challenge})
                    return
                gateway.forwarded += 1
                upstream = http.client.HTTPConnection(gateway.upstream.hostname, gateway.upstream.port,
                                                      timeout=120)
                headers = {k: v for k, v in self.headers.items() if k.lower() not in ("authorization", "host")}
                upstream.request(self.command, self.path, body=body, headers=headers)
                response = upstream.getresponse()
                data = response.read()
                upstream.close()
                self.send_response(response.status, response.reason)
                for key, value in response.getheaders():
                    if key.lower() not in ("content-length", "connection", "transfer-encoding"):
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _refuse(self, status: int, reason: str, message: bytes, headers: dict | None = None) -> None:
                self.send_response(status, reason)
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", str(len(message)))
                self.end_headers()
                self.wfile.write(message)

            do_GET = do_POST = do_PUT = do_DELETE = _relay

        self._server = QuietServer((LOOPBACK, self.port), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()


# -- a small store built through the graph layer ------------------------------------------------------

def _citation(source, document, chapter=None, topic=None, pages=(), edition=None) -> dict:
    return {"source": source, "document": document, "chapter": chapter, "topic": topic, "pages": list(pages),
            "edition": edition}


def _item(text, services, decision, *, medication=None, quantity=None, unit=None, frequency=None, duration=None,
          regions=(), ca=(), reviewer=(), literature=(), rationale="", span=None) -> dict:
    item = {"text": text, "services": list(services), "medication": medication, "quantity": quantity, "unit": unit,
            "frequency": frequency, "duration": duration, "body_regions": list(regions), "decision": decision,
            "medically_necessary": decision == "overturned", "claims_administrator_guidelines": list(ca),
            "reviewer_guidelines": list(reviewer), "literature": list(literature), "rationale": rationale}
    if span:
        item["span"] = list(span)
    return item


# Three invented letters (our own wording), chosen to exercise the exporters: shared concepts across
# letters, repeated values (lists), pages, literature, negation, and text with quotes, commas, '|',
# a newline, markup and a control character, as untrusted letter text can carry.
LETTERS = [
    {
        "id": "CM99-1001", "source": "fixtures/one.txt", "format": "fdl-2014", "case_number": "CM99-1001",
        "reviewer": {"specialties": ["Psychiatry", "Neurology"], "board_certified": True, "licensed_in": ["CA", "NV"]},
        "patient": {"age": 47, "sex": "female", "occupation": "warehouse clerk", "date_of_injury": "2011-03-14"},
        "diagnoses": [{"text": "generalized anxiety", "icd10cm": "F41.1", "negated": False},
                      {"text": "major depression", "icd10cm": "F32.9", "negated": True}],
        "medications": [{"text": "Klonopin", "generic": "clonazepam", "negated": False}],
        "prior_treatments": [{"text": "talk therapy", "service": "psychotherapy"}],
        "body_parts": ["lumbar", "right knee"],
        "items": [
            _item("Klonopin 1 mg #60", ["medication"], "upheld",
                  medication={"generic": "clonazepam", "strength": "1 mg", "form": "tablet"}, quantity=60,
                  unit="tablet", ca=[_citation("MTUS", "chronic-pain", topic="Benzodiazepines", pages=[24])],
                  reviewer=[_citation("MTUS", "chronic-pain", topic="Benzodiazepines", pages=[24])],
                  rationale='Benzodiazepines are "not recommended" for long-term use, | see p. 24 <b>.'),
            _item("Cognitive behavioral therapy, 12 sessions", ["cognitive-behavioral-therapy", "psychotherapy"],
                  "overturned", quantity=12, unit="session",
                  frequency={"times": 1, "per": "week"}, duration={"value": 12, "unit": "week"},
                  reviewer=[_citation("MTUS", "chronic-pain", topic="Behavioral interventions", pages=[23]),
                            _citation("ODG", "odg", chapter="Mental Illness and Stress", topic="Cognitive therapy",
                                      edition="2014-06")],
                  literature=[{"author": "Okafor", "year": 2009}],
                  rationale="An initial trial of 4 visits is supported;\nfurther visits with documented gains."),
        ],
    },
    {
        "id": "CM99-1002", "source": "fixtures/two.txt", "format": "fdl-2014", "case_number": "CM99-1002",
        "reviewer": {"specialties": ["Orthopedic Surgery"], "board_certified": None, "licensed_in": ["CA"]},
        "patient": {"age": 58, "sex": "male", "occupation": None, "date_of_injury": "2012-09-02"},
        "diagnoses": [{"text": "low back pain", "icd10cm": "M54.50", "negated": False}],
        "medications": [{"text": "Norco", "generic": "hydrocodone/acetaminophen", "negated": False},
                        {"text": "Klonopin", "generic": "clonazepam", "negated": True}],
        "prior_treatments": [{"text": "physical therapy", "service": "physical-therapy"}],
        "body_parts": ["lumbar"],
        "items": [
            _item("Physical therapy 2x6 for the low back", ["physical-therapy"], "upheld", quantity=12,
                  unit="visit", regions=["lumbar"],
                  ca=[_citation("MTUS", "acoem", chapter="12", topic="Physical methods", pages=[298, 299])],
                  reviewer=[_citation("MTUS", "chronic-pain", topic="Physical medicine", pages=[98, 99])],
                  rationale="Guidelines allow 9-10 visits over 8 weeks; 12 exceeds that.\x07"),
            _item("Norco 10/325 #90", ["medication"], "overturned",
                  medication={"generic": "hydrocodone/acetaminophen", "strength": "10/325 mg", "form": None},
                  quantity=90, unit="tablet",
                  reviewer=[_citation("MTUS", "chronic-pain", topic="Opioids", pages=[76, 77, 78])],
                  rationale="Documented pain relief and function support continuing, with weaning."),
        ],
    },
    {
        "id": "CM99-1003", "source": "fixtures/three.txt", "format": "fdl-2013", "case_number": "CM99-1003",
        "reviewer": {"specialties": ["Psychiatry"], "board_certified": True, "licensed_in": ["CA"]},
        "patient": {"age": 39, "sex": "female", "occupation": "bus driver", "date_of_injury": "2010-01-20"},
        "diagnoses": [{"text": "generalized anxiety", "icd10cm": "F41.1", "negated": False}],
        "medications": [],
        "prior_treatments": [],
        "body_parts": ["cervical"],
        "items": [
            _item("Biofeedback x 6 sessions", ["biofeedback"], "upheld", quantity=6, unit="session",
                  ca=[_citation("ODG", "odg", chapter="Pain", topic="Biofeedback")],
                  reviewer=[_citation("MTUS", "chronic-pain", topic="Biofeedback", pages=[24, 25])],
                  rationale="Biofeedback is not a stand-alone treatment; no CBT program is documented."),
        ],
    },
]


def build_store(out_dir: Path) -> Path:
    """OUT/store holding LETTERS, written through the graph layer; returns the store directory."""
    import gc

    from imrgraph.graph import GraphWriter

    writer = GraphWriter(out_dir)
    for letter in LETTERS:
        writer.add(letter)
    writer.close()
    del writer
    gc.collect()  # the writer's handle on the store must be gone before exporters open it read-only
    return out_dir / "store"


# -- competency questions, asked in SPARQL (locally and over HTTP) and in Cypher (LadybugDB) ----------

SPARQL_PREFIXES = """PREFIX imr: <https://w3id.org/imrgraph#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
OVERTURNED = "https://w3id.org/imrgraph#Overturned"

# name -> (SPARQL SELECT, the same question in Cypher over the property-graph mapping)
COMPETENCY_QUESTIONS = {
    "items per outcome": (
        "SELECT ?outcome (COUNT(?item) AS ?n) WHERE { ?item imr:outcome ?outcome } GROUP BY ?outcome",
        "MATCH (i:DisputedTreatment)-[:HAS_OUTCOME]->(o:Outcome) RETURN o.iri, count(i)"),
    "services of overturned items": (
        "SELECT DISTINCT ?service WHERE { ?item imr:outcome imr:Overturned ; imr:requestsService ?service }",
        f"MATCH (s:Service)<-[:REQUESTS_SERVICE]-(:DisputedTreatment)-[:HAS_OUTCOME]->(o:Outcome "
        f"{{iri: '{OVERTURNED}'}}) RETURN DISTINCT s.iri"),
    "determinations by medication mentioned": (
        "SELECT ?determination ?generic WHERE { ?determination imr:mentionsMedication ?m . "
        "?m skos:prefLabel ?generic }",
        "MATCH (d:Determination)-[:MENTIONS_MEDICATION]->(m:Medication) RETURN d.iri, m.prefLabel"),
    "pages reviewers cite, with items": (
        "SELECT ?document ?page (COUNT(DISTINCT ?item) AS ?items) WHERE { ?item imr:reviewerCites ?s . "
        "?s imr:document ?document ; imr:page ?page } GROUP BY ?document ?page",
        "MATCH (i:DisputedTreatment)-[:REVIEWER_CITES]->(s:GuidelineSection) WHERE s.page IS NOT NULL "
        "RETURN s.document, s.page, count(DISTINCT i)"),
    "specialty and age behind each item": (
        "SELECT ?item ?specialty ?age ?necessary WHERE { ?d imr:hasDisputedTreatment ?item ; imr:age ?age ; "
        "imr:reviewedBy/imr:specialty ?specialty . ?item imr:medicallyNecessary ?necessary }",
        "MATCH (r:Reviewer)<-[:REVIEWED_BY]-(d:Determination)-[:HAS_DISPUTED_TREATMENT]->(i:DisputedTreatment) "
        "UNWIND r.specialty AS specialty RETURN i.iri, specialty, d.age, i.medicallyNecessary"),
    "quantities over 10 and their dates of injury": (
        "SELECT ?item ?quantity ?injured WHERE { ?d imr:hasDisputedTreatment ?item ; imr:dateOfInjury ?injured . "
        "?item imr:quantity ?quantity FILTER(?quantity > 10) }",
        "MATCH (d:Determination)-[:HAS_DISPUTED_TREATMENT]->(i:DisputedTreatment) WHERE i.quantity > 10 "
        "RETURN i.iri, i.quantity, CAST(d.dateOfInjury AS STRING)"),
    "literature behind overturned items": (
        "SELECT ?item ?author WHERE { ?item imr:outcome imr:Overturned ; "
        "<http://purl.org/dc/terms/references>/<http://purl.org/dc/terms/creator> ?author }",
        f"MATCH (o:Outcome {{iri: '{OVERTURNED}'}})<-[:HAS_OUTCOME]-(i:DisputedTreatment)-[:REFERENCES]->"
        "(a:ScholarlyArticle) RETURN i.iri, a.creator"),
}

XSD = "http://www.w3.org/2001/XMLSchema#"
_NUMBERS = {XSD + t for t in ("integer", "int", "long", "decimal", "double", "float", "short",
                              "nonNegativeInteger")}


def _plain(value):
    """Numbers compare as numbers (6 == 6.0), whatever type a server or engine chose."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float):
        return float(value)
    return str(value)


def rows_from_json(bindings: list[dict[str, dict]], variables: list[str]) -> list[tuple]:
    """SPARQL JSON results -> sorted rows of plain values."""
    def value(cell):
        if cell is None:
            return None
        datatype = cell.get("datatype")
        if datatype in _NUMBERS:
            return _plain(float(cell["value"]))
        if datatype == XSD + "boolean":
            return cell["value"] in ("true", "1")
        return cell["value"]

    return sorted((tuple(value(row.get(v)) for v in variables) for row in bindings), key=repr)


def rows_from_store(solutions) -> tuple[list[str], list[tuple]]:
    """pyoxigraph solutions -> (variables, sorted rows of plain values)."""
    from pyoxigraph import Literal

    variables = [v.value for v in solutions.variables]

    def value(term):
        if term is None:
            return None
        if isinstance(term, Literal):
            datatype = term.datatype.value
            if datatype in _NUMBERS:
                return _plain(float(term.value))
            if datatype == XSD + "boolean":
                return term.value in ("true", "1")
        return term.value

    rows = [tuple(value(solution[v]) for v in variables) for solution in solutions]
    return variables, sorted(rows, key=repr)


def rows_from_cypher(result) -> list[tuple]:
    rows = []
    while result.has_next():
        rows.append(tuple(_plain(v) for v in result.get_next()))
    return sorted(rows, key=repr)


def bundled_queries() -> dict[str, str]:
    """The project's own competency questions (imrgraph/queries/*.rq), with their prefixes declared."""
    from imrgraph import queries
    from imrgraph.graph import iris

    header = "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in iris.PREFIXES.items())
    return {query.name: header + query.text for query in queries.bundled().values()}
