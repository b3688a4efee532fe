"""Read-only SPARQL 1.1 Protocol endpoint over the built store, plus the explorer and a query page.

    /sparql   GET ?query=, POST form (query=) or application/sparql-query; results as SPARQL JSON,
              XML, CSV or TSV (SELECT/ASK) or Turtle, N-Triples, RDF/XML, JSON-LD (CONSTRUCT/DESCRIBE)
              by the Accept header or a `format=`/`output=` parameter. Updates are refused (403).
    /         the interactive explorer (imrgraph.viz), drawn once at startup
    /query    a query page with the bundled queries one click away

Why worker processes: pyoxigraph cannot cancel a running query. It releases the GIL, but an
aggregate (COUNT over a runaway join) blocks inside `Store.query` itself until the whole join is
evaluated, so iterating results lazily with a deadline check never gets control back (measured:
`Store.query` of such a COUNT had not returned after 20 s). So each query runs in one of a pool of
worker processes, each holding the store opened with `Store.read_only`; when a query passes the
time limit its worker is killed and replaced (~0.2 s to spawn and reopen the store here). Results
are cut at `--max-results` rows/triples while iterating lazily, and a cut answer carries the
header `X-SPARQL-MaxRows` (as Virtuoso does). Served with the standard library's
ThreadingHTTPServer: a thread per connection only relays bytes; the CPU work is in the workers.
"""

from __future__ import annotations

import json
import os
import queue
import signal
import socket
import tempfile
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import islice
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from imrgraph.errors import UserError
from imrgraph.graph.query_text import is_update
from imrgraph.graph.store import GraphStore

DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_RESULTS = 10_000
MAX_BODY_BYTES = 1 << 20

# name -> (canonical media type, other media types clients send for it)
RESULT_FORMATS = {
    "json": ("application/sparql-results+json", ("application/json",)),
    "xml": ("application/sparql-results+xml", ("application/xml", "text/xml")),
    "csv": ("text/csv", ()),
    "tsv": ("text/tab-separated-values", ()),
}
GRAPH_FORMATS = {
    "turtle": ("text/turtle", ("application/x-turtle",)),
    "ntriples": ("application/n-triples", ("text/plain",)),
    "rdfxml": ("application/rdf+xml", ("application/xml", "text/xml")),
    "jsonld": ("application/ld+json", ("application/json",)),
}
FORMAT_ALIASES = {"ttl": "turtle", "nt": "ntriples", "n-triples": "ntriples", "rdf": "rdfxml",
                  "json-ld": "jsonld", "srj": "json", "srx": "xml"}

class ServeError(Exception):
    """A request the endpoint refuses: HTTP status + a one-line reason for the JSON error body."""

    def __init__(self, status: int, reason: str, code: str):
        super().__init__(reason)
        self.status, self.reason, self.code = status, reason, code


@dataclass
class Reply:
    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


def error_reply(status: int, code: str, message: str, **extra) -> Reply:
    body = json.dumps({"error": code, "message": message, **extra}).encode("utf-8")
    return Reply(status, "application/json; charset=utf-8", body)


# ---------------------------------------------------------------------------------------------
# Content negotiation


def _accepted(accept: str) -> list[tuple[float, int, str]]:
    """Accept header -> [(q, position, media range)], most preferred first."""
    ranges = []
    for position, part in enumerate(accept.split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        if not media:
            continue
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q > 0:
            ranges.append((-q, position, media.lower()))
    return [(-q, pos, media) for q, pos, media in sorted(ranges)]


def choose_format(kind: str, accept: str | None, requested: str | None) -> str:
    """The output format name for a result kind ("results" or "graph") from an explicit
    format/output parameter (a short name or media type) or else the Accept header."""
    formats = RESULT_FORMATS if kind == "results" else GRAPH_FORMATS
    default = "json" if kind == "results" else "turtle"
    if requested:
        wanted = requested.strip().lower()
        wanted = FORMAT_ALIASES.get(wanted, wanted)
        if wanted in formats:
            return wanted
        for name, (media, aliases) in formats.items():
            if wanted.split(";")[0].strip() in (media, *aliases):
                return name
        raise ServeError(400, f"unknown format {requested!r} for this query; use one of: "
                              f"{', '.join(formats)}", "bad-format")
    if not accept or not accept.strip():
        return default
    for _, _, media in _accepted(accept):
        if media in ("*/*", "*"):
            return default
        for name, (canonical, aliases) in formats.items():
            if media in (canonical, *aliases):
                return name
        if media.endswith("/*"):
            family = media[:-1]
            for name, (canonical, _) in formats.items():
                if canonical.startswith(family):
                    return name
    offered = ", ".join(media for media, _ in formats.values())
    raise ServeError(406, f"cannot answer with any type in Accept: {accept}; this query offers {offered}",
                     "not-acceptable")


# ---------------------------------------------------------------------------------------------
# Running one query (inside a worker process)


@dataclass
class Job:
    query: str
    accept: str | None = None
    format: str | None = None
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)


def execute(graph, job: Job, max_results: int) -> Reply:
    """Runs one query against an open GraphStore and serialises its answer."""
    from pyoxigraph import NamedNode, QueryBoolean, QuerySolutions

    try:
        default_graphs = [NamedNode(iri) for iri in job.default_graphs]
        named_graphs = [NamedNode(iri) for iri in job.named_graphs]
    except ValueError as e:
        return error_reply(400, "bad-graph", f"bad default-graph-uri or named-graph-uri: {e}")
    try:
        graph.check_services(job.query)
    except UserError as e:
        return error_reply(400, "service-refused", str(e))
    try:
        result = graph.query(job.query, default_graphs=default_graphs, named_graphs=named_graphs)
    except UserError as e:
        if is_update(job.query):
            return error_reply(403, "update-refused", "this endpoint is read-only: SPARQL updates are refused")
        return error_reply(400, "malformed-query", str(e))
    try:
        if isinstance(result, QueryBoolean):
            return _boolean_reply(result, job)
        if isinstance(result, QuerySolutions):
            return _solutions_reply(result, job, max_results)
        return _graph_reply(result, job, max_results)
    except ServeError as e:
        return error_reply(e.status, e.code, e.reason)


def _media(formats: dict, name: str) -> str:
    media = formats[name][0]
    return media + "; charset=utf-8" if media.startswith("text/") or "json" in media else media


def _boolean_reply(result, job: Job) -> Reply:
    from pyoxigraph import QueryResultsFormat

    name = choose_format("results", job.accept, job.format)
    body = result.serialize(format=getattr(QueryResultsFormat, name.upper()))
    return Reply(200, _media(RESULT_FORMATS, name), body)


def _solutions_reply(result, job: Job, max_results: int) -> Reply:
    """SELECT rows, cut at max_results. The kept rows are written as TSV (RDF term syntax, lossless)
    and re-read by pyoxigraph, whose serialisers then produce every format the same way."""
    from pyoxigraph import QueryResultsFormat, parse_query_results

    name = choose_format("results", job.accept, job.format)
    variables = result.variables
    lines = ["\t".join(str(v) for v in variables)]
    rows = 0
    for solution in islice(result, max_results + 1):
        rows += 1
        if rows > max_results:
            break
        lines.append("\t".join("" if solution[v] is None else str(solution[v]) for v in variables))
    kept = parse_query_results("\n".join(lines) + "\n", QueryResultsFormat.TSV)
    body = kept.serialize(format=getattr(QueryResultsFormat, name.upper()))
    headers = {"X-SPARQL-MaxRows": str(max_results)} if rows > max_results else {}
    return Reply(200, _media(RESULT_FORMATS, name), body, headers)


def _graph_reply(result, job: Job, max_results: int) -> Reply:
    from pyoxigraph import RdfFormat, serialize

    from imrgraph.graph.iris import PREFIXES

    name = choose_format("graph", job.accept, job.format)
    triples = list(islice(result, max_results + 1))
    headers = {}
    if len(triples) > max_results:
        triples.pop()
        headers["X-SPARQL-MaxRows"] = str(max_results)
    rdf_format = {"turtle": RdfFormat.TURTLE, "ntriples": RdfFormat.N_TRIPLES,
                  "rdfxml": RdfFormat.RDF_XML, "jsonld": RdfFormat.JSON_LD}[name]
    prefixes = PREFIXES if name in ("turtle", "rdfxml") else None
    body = serialize(triples, format=rdf_format, prefixes=prefixes)
    return Reply(200, _media(GRAPH_FORMATS, name), body, headers)


def _exit_with_parent(parent: int) -> None:
    """A worker busy in a query must not outlive a server that died without killing it."""
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            os._exit(1)


def worker_main(store_path: str, max_results: int, conn, parent: int) -> None:
    """A worker process: opens the store read-only, then answers one Job at a time until EOF."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    try:
        graph, failure = GraphStore(store_path), None
    except UserError as e:
        graph, failure = None, str(e)
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if failure:
            reply = error_reply(500, "store-unavailable", failure)
        else:
            try:
                reply = execute(graph, job, max_results)
            except Exception as e:  # any engine failure is reported; the worker lives on
                reply = error_reply(500, "query-failed", " ".join(f"{type(e).__name__}: {e}".split()))
        conn.send(reply)


# ---------------------------------------------------------------------------------------------
# The worker pool


class Worker:
    def __init__(self, context, store_path: str, max_results: int):
        self.conn, child = context.Pipe()
        self.process = context.Process(target=worker_main, args=(store_path, max_results, child, os.getpid()),
                                       daemon=True, name="imrgraph-sparql-worker")
        self.process.start()
        child.close()

    def stop(self) -> None:
        self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


class WorkerPool:
    """N worker processes; a query that passes `timeout` seconds has its worker killed and replaced."""

    def __init__(self, store_path: Path, size: int, timeout: float, max_results: int):
        import multiprocessing

        # spawn, not fork: the server has threads, and a forked child could inherit a held lock
        self._context = multiprocessing.get_context("spawn")
        self._store_path, self._max_results = str(store_path), max_results
        self.timeout = timeout
        self._idle: queue.Queue[Worker] = queue.Queue()
        self._all: set[Worker] = set()
        self._lock = threading.Lock()
        for _ in range(size):
            self._idle.put(self._spawn())

    def _spawn(self) -> Worker:
        worker = Worker(self._context, self._store_path, self._max_results)
        with self._lock:
            self._all.add(worker)
        return worker

    def _replace(self, worker: Worker) -> Worker:
        with self._lock:
            self._all.discard(worker)
        worker.stop()
        return self._spawn()

    def run(self, job: Job) -> Reply:
        started = time.monotonic()
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            return error_reply(503, "busy", f"every query worker stayed busy for {self.timeout:g} s; try again")
        try:
            worker.conn.send(job)
            if worker.conn.poll(max(self.timeout - (time.monotonic() - started), 0.0)):
                return worker.conn.recv()
            worker = self._replace(worker)
            return error_reply(503, "timeout", f"the query ran past the {self.timeout:g} s time limit and was stopped",
                               timeout_seconds=self.timeout)
        except (EOFError, OSError):
            worker = self._replace(worker)
            return error_reply(500, "worker-died", "the query worker stopped unexpectedly; try again")
        finally:
            self._idle.put(worker)

    def close(self) -> None:
        with self._lock:
            workers, self._all = list(self._all), set()
        for worker in workers:
            worker.stop()


# ---------------------------------------------------------------------------------------------
# Pages


class Pages:
    """The explorer (drawn by imrgraph.viz in a background thread at startup) and the query page."""

    def __init__(self, store_path: Path, page_dir: Path):
        self._store_path = store_path
        self._explorer_file = page_dir / "explorer.html"
        self._explorer_ready = threading.Event()
        self._explorer_error: str | None = None
        self.query_page = render_query_page()
        threading.Thread(target=self._draw_explorer, daemon=True, name="imrgraph-explorer").start()

    def _draw_explorer(self) -> None:
        from imrgraph.viz import write_html

        try:
            write_html(self._store_path, self._explorer_file)
        except Exception as e:  # shown on the page instead of killing the server
            self._explorer_error = " ".join(f"{type(e).__name__}: {e}".split())
        finally:
            self._explorer_ready.set()

    def explorer(self, wait: float) -> Reply:
        if not self._explorer_ready.wait(wait):
            reply = error_reply(503, "explorer-drawing", "the explorer is still being drawn; reload in a few seconds")
            reply.headers["Retry-After"] = "5"
            return reply
        if self._explorer_error:
            return error_reply(500, "explorer-failed", f"could not draw the explorer: {self._explorer_error}")
        return Reply(200, "text/html; charset=utf-8", self._explorer_file.read_bytes())


def bundled_queries() -> list[dict]:
    from imrgraph import queries

    return [{"name": q.name, "description": q.description, "text": q.text} for q in queries.bundled().values()]


def _script_json(value) -> str:
    """JSON safe inside a <script> element (no `</script>` or `<!--` can be formed)."""
    return json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_query_page() -> bytes:
    from imrgraph.graph.iris import PREFIXES
    from imrgraph.templates import fill

    return fill("query.html", queries=_script_json(bundled_queries()), prefixes=_script_json(PREFIXES)).encode("utf-8")


# ---------------------------------------------------------------------------------------------
# HTTP


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: clients reuse one connection
    server_version = "imrgraph-sparql"
    server: SparqlServer

    def log_message(self, format: str, *args) -> None:
        if not self.server.quiet:
            super().log_message(format, *args)

    def _send(self, reply: Reply, head_only: bool = False) -> None:
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        if reply.content_type.startswith("text/html"):
            # the pages carry their scripts inline and must never load anything from elsewhere
            self.send_header("Content-Security-Policy",
                             "default-src 'self' 'unsafe-inline' data: blob:; connect-src 'self'")
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if not head_only:
            self.wfile.write(reply.body)

    def do_GET(self) -> None:
        self._dispatch(head_only=False)

    def do_HEAD(self) -> None:
        self._dispatch(head_only=True)

    def _dispatch(self, head_only: bool) -> None:
        url = urlsplit(self.path)
        if url.path == "/sparql":
            reply = self._sparql(self._params(url.query), None)
        elif url.path in ("/", "/index.html"):
            reply = self.server.pages.explorer(wait=self.server.pool.timeout)
        elif url.path == "/query":
            reply = Reply(200, "text/html; charset=utf-8", self.server.pages.query_page)
        elif url.path == "/favicon.ico":
            reply = Reply(204, "image/x-icon", b"")  # no icon; answered so browsers log no error
        elif url.path == "/health":
            reply = Reply(200, "application/json", b'{"status":"ok"}')
        else:
            reply = error_reply(404, "not-found", f"nothing at {url.path}; the endpoint is /sparql, "
                                                  "the explorer /, the query page /query")
        self._send(reply, head_only)

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        if url.path != "/sparql":
            self._send(error_reply(404, "not-found", f"nothing to POST to at {url.path}; use /sparql"))
            return
        try:
            body = self._body()
        except ServeError as e:
            self.close_connection = True
            self._send(error_reply(e.status, e.code, e.reason))
            return
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = self._params(url.query)
        if media == "application/x-www-form-urlencoded":
            form = self._params(body.decode("utf-8", errors="replace"))
            for key, values in form.items():
                params.setdefault(key, []).extend(values)
            reply = self._sparql(params, None)
        elif media == "application/sparql-query":
            reply = self._sparql(params, body.decode("utf-8", errors="replace"))
        elif media == "application/sparql-update":
            reply = self._update_refused()
        else:
            reply = error_reply(415, "unsupported-media-type",
                                "POST a form (application/x-www-form-urlencoded) with query=..., "
                                "or the query itself as application/sparql-query")
        self._send(reply)

    def _refuse_method(self) -> None:
        reply = error_reply(405, "method-not-allowed", "this endpoint is read-only: use GET or POST with a query")
        reply.headers["Allow"] = "GET, HEAD, POST"
        self._send(reply)

    do_PUT = do_DELETE = do_PATCH = _refuse_method

    def _body(self) -> bytes:
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            raise ServeError(400, "bad Content-Length", "bad-request") from None
        if length > MAX_BODY_BYTES:
            raise ServeError(413, f"request body over {MAX_BODY_BYTES} bytes", "too-large")
        return self.rfile.read(length) if length > 0 else b""

    @staticmethod
    def _params(text: str) -> dict[str, list[str]]:
        return parse_qs(text, keep_blank_values=True)

    def _update_refused(self) -> Reply:
        return error_reply(403, "update-refused", "this endpoint is read-only: SPARQL updates are refused")

    def _sparql(self, params: dict[str, list[str]], body_query: str | None) -> Reply:
        if "update" in params:
            return self._update_refused()
        queries = params.get("query", []) + ([body_query] if body_query is not None else [])
        if len(queries) != 1 or not queries[0].strip():
            return error_reply(400, "missing-query" if not queries or not queries[0].strip() else "several-queries",
                               "give exactly one SPARQL query: GET /sparql?query=..., a POSTed form with query=, "
                               "or a POST of application/sparql-query")
        if is_update(queries[0]):
            return self._update_refused()
        requested = (params.get("format") or params.get("output") or [None])[0]
        job = Job(queries[0], self.headers.get("Accept"), requested,
                  params.get("default-graph-uri", []), params.get("named-graph-uri", []))
        return self.server.pool.run(job)


class SparqlServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64

    def __init__(self, address: tuple[str, int], pool: WorkerPool, pages: Pages, quiet: bool):
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.pool, self.pages, self.quiet = pool, pages, quiet
        super().__init__(address, Handler)


# ---------------------------------------------------------------------------------------------
# Running


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def run_server(store: Path, *, host: str = "127.0.0.1", port: int = DEFAULT_PORT, timeout: float = DEFAULT_TIMEOUT,
               max_results: int = DEFAULT_MAX_RESULTS, workers: int = 2, quiet: bool = False,
               ready=None) -> None:
    """Serves the store until Ctrl-C or SIGTERM; `ready(host, port)` is called once it listens.
    Raises UserError when there is no store or the address cannot be bound."""
    GraphStore(store).close()  # a clear message now rather than from every worker
    pool = WorkerPool(store, workers, timeout, max_results)
    with tempfile.TemporaryDirectory(prefix="imrgraph-serve-") as page_dir:
        try:
            server = SparqlServer((host, port), pool, Pages(store, Path(page_dir)), quiet)
        except OSError as e:
            pool.close()
            raise UserError(f"cannot listen on {host}:{port}: {e.strerror or e}") from None
        # SIGTERM (service managers, tests) takes the same clean path as Ctrl-C
        signal.signal(signal.SIGTERM, _interrupt)
        if ready is not None:
            ready(*server.server_address[:2])
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
            pool.close()
