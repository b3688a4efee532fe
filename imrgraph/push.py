"""Upload the graph to a running SPARQL server through the SPARQL 1.1 Graph Store Protocol.

Each named graph of the store goes to the graph of the same IRI on the server (or every triple to
one `--graph`), as N-Triples in batches of `--batch-size` triples over one kept-alive connection.
The first request for a graph is a PUT with `--replace` (the server's graph is replaced), else a
POST (triples are added: the graph has no blank nodes, so a second push adds nothing). Blank-node
triples of a graph travel together in its last request: a blank node label only means the same
node within one request body.

HTTP is httpx's: `--token` sends a bearer token; `--user/--password` answer the server's challenge
with httpx's Digest (as Virtuoso's /sparql-graph-crud-auth asks) or Basic authentication. A request
waits `--timeout` seconds for the server, and is sent again (httpx-retries: exponential backoff, or
as long as the server's Retry-After says) after a network error, a timeout or a 429/502/503/504
answer, up to `--retries` times. Refusals end the push with one line: the HTTP status and the first
line of the server's text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

import httpx
from httpx_retries import Retry, RetryTransport

from imrgraph.errors import USAGE, UserError

DEFAULT_BATCH_SIZE = 50_000
DEFAULT_RETRIES = 3
DEFAULT_TIMEOUT = 300.0  # seconds a request may wait for the server (a large batch takes a while to load)
CONNECT_TIMEOUT = 10.0
DEFAULT_BACKOFF = 0.5  # seconds before the first retry, doubled for each next one (with jitter)
RETRY_STATUSES = (429, 502, 503, 504)
N_TRIPLES = "application/n-triples; charset=utf-8"


@dataclass
class PushReport:
    graphs: int = 0
    triples: int = 0
    requests: int = 0
    retries: int = 0


@dataclass
class Credentials:
    user: str | None = None
    password: str | None = None
    token: str | None = None


class BearerAuth(httpx.Auth):
    def __init__(self, token: str) -> None:
        self._header = f"Bearer {token}"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = self._header
        yield request


class ChallengedAuth(httpx.Auth):
    """A user and password sent the way the server's first 401 challenge asks: httpx's DigestAuth or
    BasicAuth, then that scheme for every later request (never Basic to a server that asked for Digest)."""

    def __init__(self, user: str, password: str) -> None:
        self._schemes: dict[str, httpx.Auth] = {"digest": httpx.DigestAuth(user, password),
                                                "basic": httpx.BasicAuth(user, password)}
        self._chosen: httpx.Auth | None = None

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        challenge = None
        if self._chosen is None:
            challenge = yield request
            if challenge.status_code != 401:
                return
            offered = {value.split(None, 1)[0].lower()
                       for value in challenge.headers.get_list("www-authenticate") if value.strip()}
            self._chosen = next((self._schemes[s] for s in self._schemes if s in offered), None)
            if self._chosen is None:
                return
        flow = self._chosen.auth_flow(request)
        try:
            request = next(flow)
            if challenge is not None and "Authorization" not in request.headers:
                request = flow.send(challenge)  # Digest answers a challenge: it has one already
            while True:
                response = yield request
                request = flow.send(response)
        except StopIteration:
            return


def _auth(credentials: Credentials) -> httpx.Auth | None:
    if credentials.token:
        return BearerAuth(credentials.token)
    if credentials.user is not None:
        return ChallengedAuth(credentials.user, credentials.password or "")
    return None


def server_message(status: int, reason: str, body: bytes) -> str:
    """`HTTP 403 Forbidden: <first line of what the server said>` (HTML reduced to its text)."""
    text = body.decode("utf-8", "replace")
    if re.search(r"<\s*(html|body|h1|title)\b", text, re.IGNORECASE):
        # error pages wrap the server's own message in <xmp>/<pre> (Virtuoso) under a generic title
        detail = re.search(r"(?is)<(xmp|pre)\b[^>]*>(.*?)</\1>", text)
        text = html.unescape(re.sub(r"<[^>]+>", "\n", detail.group(2) if detail else text))
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    first = next((line for line in lines if str(status) not in line), "")
    message = f"HTTP {status} {reason}" + (f": {first[:300]}" if first else "")
    if status in (401, 403) and not first:
        message += " (credentials refused or missing: see --user/--password, --token)"
    return message


class _CountingTransport(httpx.BaseTransport):
    """httpx's connection pool, counting the requests that go out on the wire (retries included)."""

    def __init__(self) -> None:
        self._pool = httpx.HTTPTransport()
        self.sent = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.sent += 1
        return self._pool.handle_request(request)

    def close(self) -> None:
        self._pool.close()


class GraphStoreClient:
    """An httpx client for one Graph Store Protocol endpoint: kept-alive connections, authentication,
    timeouts and retries."""

    def __init__(self, endpoint: str, credentials: Credentials | None = None, *,
                 retries: int = DEFAULT_RETRIES, timeout: float = DEFAULT_TIMEOUT,
                 backoff: float = DEFAULT_BACKOFF) -> None:
        parts = urlsplit(endpoint)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise UserError(f"endpoint must be an http(s) URL, not {endpoint!r}")
        self.endpoint = endpoint
        self.timeout = timeout
        self._base = parts._replace(fragment="")
        self._wire = _CountingTransport()
        # POST is retried too: a batch sent again adds no triple twice (the graph has no blank nodes)
        retry = Retry(total=max(0, retries), backoff_factor=backoff, status_forcelist=RETRY_STATUSES,
                      allowed_methods=("PUT", "POST"))
        self._asked = 0
        # trust_env=False: straight to the endpoint, as a proxy from the environment would bypass the retries
        self._http = httpx.Client(
            transport=RetryTransport(transport=self._wire, retry=retry), auth=_auth(credentials or Credentials()),
            timeout=httpx.Timeout(timeout, connect=min(timeout, CONNECT_TIMEOUT)), trust_env=False,
            event_hooks={"request": [self._count_asked]})

    def _count_asked(self, request: httpx.Request) -> None:
        self._asked += 1

    @property
    def requests(self) -> int:
        """HTTP requests sent, authentication challenges and retries included."""
        return self._wire.sent

    @property
    def retried(self) -> int:
        return self._wire.sent - self._asked

    def target(self, graph: str | None) -> str:
        """URL for `graph` (None = the default graph), keeping the endpoint's own query."""
        selector = "default" if graph is None else "graph=" + quote(graph, safe="")
        query = f"{self._base.query}&{selector}" if self._base.query else selector
        return self._base._replace(query=query).geturl()

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> GraphStoreClient:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def send(self, method: str, graph: str | None, body: bytes, content_type: str | None = N_TRIPLES) -> int:
        """One Graph Store request (retried as the client is configured); returns the status."""
        headers = {"Content-Type": content_type} if content_type else {}
        try:
            response = self._http.request(method, self.target(graph), content=body, headers=headers)
        except httpx.TimeoutException:
            raise UserError(f"{self.endpoint} did not answer within {self.timeout:g} s") from None
        except httpx.TransportError as error:
            raise UserError(f"cannot reach {self.endpoint}: {error}") from None
        if response.is_success:
            return response.status_code
        raise UserError(server_message(response.status_code, response.reason_phrase, response.content))


def batches(quads: Iterable, batch_size: int) -> Iterator[tuple[object, list[str]]]:
    """(graph name, N-Triples lines) per request, in graph order; blank-node lines of a graph last.

    `quads` must come grouped by graph (as a store yields them per graph). pyoxigraph terms print
    as N-Triples.
    """
    from pyoxigraph import BlankNode

    current = object()
    lines: list[str] = []
    held: list[str] = []  # blank-node triples: must share one request body
    for quad in quads:
        graph = quad.graph_name
        if graph != current:
            if lines or held:
                yield current, lines + held
            current, lines, held = graph, [], []
        line = f"{quad.subject} {quad.predicate} {quad.object} .\n"
        if isinstance(quad.subject, BlankNode) or isinstance(quad.object, BlankNode):
            held.append(line)
            continue
        lines.append(line)
        if len(lines) >= batch_size:
            yield current, lines
            lines = []
    if lines or held:
        yield current, lines + held


def push(quads: Iterable, client: GraphStoreClient, *, graph: str | None = None, replace: bool = False,
         batch_size: int = DEFAULT_BATCH_SIZE) -> PushReport:
    """Send `quads` (grouped by graph). `graph` sends everything to that one graph instead (its blank-node
    triples, if any, then wait for the last request together)."""
    if batch_size < 1:
        raise UserError("the batch size must be at least 1", exit_code=USAGE)
    report = PushReport()
    started: set[str | None] = set()
    if graph is not None:
        quads = _into_one_graph(quads, graph)
    for graph_name, lines in batches(quads, batch_size):
        target = _graph_iri(graph_name)
        method = "PUT" if replace and target not in started else "POST"
        if target not in started:
            started.add(target)
            report.graphs += 1
        client.send(method, target, "".join(lines).encode("utf-8"))
        report.triples += len(lines)
    report.requests = client.requests
    report.retries = client.retried
    return report


def _graph_iri(graph_name) -> str | None:
    """pyoxigraph graph name -> IRI string, None for the default graph."""
    from pyoxigraph import NamedNode

    return graph_name.value if isinstance(graph_name, NamedNode) else None


def _into_one_graph(quads: Iterable, graph: str) -> Iterator:
    from pyoxigraph import NamedNode, Quad

    target = NamedNode(graph)
    for quad in quads:
        yield Quad(quad.subject, quad.predicate, quad.object, target)
