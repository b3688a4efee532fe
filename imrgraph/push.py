"""Upload the graph to a running SPARQL server through the SPARQL 1.1 Graph Store Protocol.

Each named graph of the store goes to the graph of the same IRI on the server (or every triple to
one `--graph`), as N-Triples in batches of `--batch-size` triples over one kept-alive connection.
The first request for a graph is a PUT with `--replace` (the server's graph is replaced), else a
POST (triples are added). Blank-node triples of a graph travel together in its last request: a
blank node label only means the same node within one request body.

Authentication: `--token` sends a bearer token; `--user/--password` answers the server's challenge
(HTTP Digest, as Virtuoso's /sparql-graph-crud-auth asks, or Basic). Refusals end the push with
one line: the HTTP status and the first line of the server's text.
"""

from __future__ import annotations

import base64
import hashlib
import html
import http.client
import re
import secrets
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

from imrgraph.errors import USAGE, UserError

DEFAULT_BATCH_SIZE = 50_000
DEFAULT_RETRIES = 3
RETRY_STATUSES = {429, 502, 503, 504}
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


@dataclass
class _Digest:
    """State of an HTTP Digest (RFC 7616, MD5 / qop=auth) session: the nonce is reused, nc counts."""

    realm: str
    nonce: str
    opaque: str | None
    qop: str | None
    algorithm: str
    count: int = field(default=0)

    def header(self, method: str, uri: str, user: str, password: str) -> str:
        hash_ = (lambda text: hashlib.sha256(text.encode()).hexdigest()) if self.algorithm.upper().startswith(
            "SHA-256") else (lambda text: hashlib.md5(text.encode()).hexdigest())
        ha1 = hash_(f"{user}:{self.realm}:{password}")
        ha2 = hash_(f"{method}:{uri}")
        parts = {"username": user, "realm": self.realm, "nonce": self.nonce, "uri": uri,
                 "algorithm": self.algorithm}
        if self.qop:
            self.count += 1
            nc = f"{self.count:08x}"
            cnonce = secrets.token_hex(8)
            parts.update(qop="auth", nc=nc, cnonce=cnonce)
            parts["response"] = hash_(f"{ha1}:{self.nonce}:{nc}:{cnonce}:auth:{ha2}")
        else:
            parts["response"] = hash_(f"{ha1}:{self.nonce}:{ha2}")
        if self.opaque is not None:
            parts["opaque"] = self.opaque
        unquoted = {"qop", "nc", "algorithm"}
        return "Digest " + ", ".join(
            f"{key}={value}" if key in unquoted else f'{key}="{value}"' for key, value in parts.items())


_CHALLENGE_PARAM = re.compile(r'(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))')


def _parse_challenges(values: list[str]) -> dict[str, dict[str, str]]:
    """WWW-Authenticate headers -> {scheme (lowercase): {param: value}}."""
    challenges: dict[str, dict[str, str]] = {}
    for value in values:
        scheme, _, rest = value.strip().partition(" ")
        params = {m.group(1).lower(): m.group(2) if m.group(2) is not None else m.group(3)
                  for m in _CHALLENGE_PARAM.finditer(rest)}
        challenges[scheme.lower()] = params
    return challenges


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


class GraphStoreClient:
    """One kept-alive HTTP(S) connection to a Graph Store Protocol endpoint."""

    def __init__(self, endpoint: str, credentials: Credentials | None = None, *,
                 retries: int = DEFAULT_RETRIES, timeout: float = 300.0, backoff: float = 0.5) -> None:
        parts = urlsplit(endpoint)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise UserError(f"endpoint must be an http(s) URL, not {endpoint!r}")
        self.endpoint = endpoint
        self._https = parts.scheme == "https"
        self._host = parts.hostname
        self._port = parts.port
        self._path = parts.path or "/"
        self._query = parts.query
        self.credentials = credentials or Credentials()
        self.retries = retries
        self.timeout = timeout
        self.backoff = backoff
        self._connection: http.client.HTTPConnection | None = None
        self._digest: _Digest | None = None
        self._basic = False
        self.requests = 0
        self.retried = 0

    # -- addressing ---------------------------------------------------------------------------

    def target(self, graph: str | None) -> str:
        """Request URI for `graph` (None = the default graph), keeping the endpoint's own query."""
        selector = "default" if graph is None else "graph=" + quote(graph, safe="")
        query = f"{self._query}&{selector}" if self._query else selector
        return f"{self._path}?{query}"

    # -- HTTP ---------------------------------------------------------------------------------

    def _connect(self) -> http.client.HTTPConnection:
        if self._connection is None:
            kind = http.client.HTTPSConnection if self._https else http.client.HTTPConnection
            self._connection = kind(self._host, self._port, timeout=self.timeout)
        return self._connection

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def __enter__(self) -> GraphStoreClient:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _authorization(self, method: str, uri: str) -> str | None:
        creds = self.credentials
        if creds.token:
            return f"Bearer {creds.token}"
        if creds.user is None:
            return None
        if self._digest is not None:
            return self._digest.header(method, uri, creds.user, creds.password or "")
        if self._basic:
            token = base64.b64encode(f"{creds.user}:{creds.password or ''}".encode()).decode()
            return f"Basic {token}"
        return None

    def _send_once(self, method: str, uri: str, body: bytes, content_type: str | None
                   ) -> tuple[int, str, bytes, list[str]]:
        headers = {"Content-Length": str(len(body))}
        if content_type:
            headers["Content-Type"] = content_type
        authorization = self._authorization(method, uri)
        if authorization:
            headers["Authorization"] = authorization
        connection = self._connect()
        try:
            connection.request(method, uri, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException):
            self.close()  # a broken keep-alive connection is reopened on the next attempt
            raise
        if response.will_close:
            self.close()
        self.requests += 1
        return response.status, response.reason, data, response.headers.get_all("WWW-Authenticate") or []

    def _learn_challenge(self, challenges: list[str]) -> bool:
        """Adopt the scheme the server asked for; False when we have nothing to answer it with."""
        creds = self.credentials
        if creds.user is None:
            return False
        parsed = _parse_challenges(challenges)
        digest = parsed.get("digest")
        if digest is not None and "nonce" in digest:
            renewed = self._digest is not None and digest.get("stale", "").lower() == "true"
            if self._digest is not None and not renewed:
                return False  # the server rejected a fresh digest answer: wrong credentials
            qop = digest.get("qop")
            self._digest = _Digest(realm=digest.get("realm", ""), nonce=digest["nonce"],
                                   opaque=digest.get("opaque"),
                                   qop="auth" if qop and "auth" in qop.split(",") else None,
                                   algorithm=digest.get("algorithm", "MD5"))
            return True
        if "basic" in parsed and not self._basic:
            self._basic = True
            return True
        return False

    def send(self, method: str, graph: str | None, body: bytes, content_type: str | None = N_TRIPLES) -> int:
        """One Graph Store request, retried on network errors and 429/5xx-unavailable; returns the status."""
        uri = self.target(graph)
        attempt = 0
        answered_challenge = 0
        while True:
            try:
                status, reason, data, challenges = self._send_once(method, uri, body, content_type)
            except (OSError, http.client.HTTPException) as error:
                if attempt >= self.retries:
                    raise UserError(f"cannot reach {self.endpoint}: {error}") from None
                attempt += 1
                self.retried += 1
                time.sleep(self.backoff * 2 ** (attempt - 1))
                continue
            if status == 401 and answered_challenge < 2 and self._learn_challenge(challenges):
                answered_challenge += 1
                continue
            if status in RETRY_STATUSES and attempt < self.retries:
                attempt += 1
                self.retried += 1
                time.sleep(self.backoff * 2 ** (attempt - 1))
                continue
            if 200 <= status < 300:
                return status
            raise UserError(server_message(status, reason, data))


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
