"""Who may talk to the endpoint: the Host header, the request's origin, CORS; and the headers
every response carries.

- Host: only the names the server is reached by (the bound address with its port; `localhost`,
  `127.0.0.1` and `[::1]` too when bound to loopback; the `--allow-host` names), so a page whose
  own name was re-pointed at this machine (DNS rebinding) is refused.
- Origin: a browser says where a request comes from (`Origin`, `Sec-Fetch-Site`). Same-origin
  requests, top-level navigations and clients that say nothing (curl, SPARQLWrapper, rdflib) pass;
  any other cross-origin request is refused (403), writes included, unless its origin was named
  with `--cors` (or `--cors '*'`): those origins may query, and get the CORS headers and preflight
  answers browsers need. Updates are refused to everyone anyway (403 read-only).
"""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Collection
from dataclasses import dataclass

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")
CORS_METHODS = "GET, HEAD, POST, OPTIONS"
CORS_HEADERS = "accept, content-type"
BASE_HEADERS = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer")]
# anything that is not one of our pages (JSON, results, RDF) can run nothing and be framed by nobody
DATA_CSP = (b"content-security-policy", b"default-src 'none'; frame-ancestors 'none'")


def is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return host == "localhost"


def is_wildcard(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.strip("[]")).is_unspecified
    except ValueError:
        return False


@dataclass(frozen=True)
class Policy:
    hosts: frozenset[str]  # accepted Host header values, lower case, with port
    cors: frozenset[str]  # origins allowed to query cross-origin ("*": any)

    @classmethod
    def for_address(cls, host: str, port: int, allow_hosts: Collection[str] = (),
                    cors: Collection[str] = ()) -> Policy:
        names = {name.lower() for name in allow_hosts}
        bound = f"[{host}]" if ":" in host and not host.startswith("[") else host
        if not is_wildcard(host):
            names.add(bound.lower())
        if is_loopback(host) or is_wildcard(host):
            names.update(LOOPBACK_NAMES)
        hosts = {f"{name}:{port}" for name in names}
        if port == 80:
            hosts |= names
        return cls(frozenset(hosts), frozenset(origin.rstrip("/").lower() for origin in cors))

    def cors_allows(self, origin: str) -> bool:
        return "*" in self.cors or origin.lower() in self.cors


def _refusal(status: int, code: str, message: str) -> tuple[int, bytes]:
    return status, json.dumps({"error": code, "message": message}).encode("utf-8")


class Guard:
    """ASGI middleware applying a Policy in front of the app, and adding the response headers."""

    def __init__(self, app, policy: Policy):
        self.app, self.policy = app, policy

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {}
        for name, value in scope["headers"]:
            headers.setdefault(name, value.decode("latin-1"))
        host = headers.get(b"host", "").lower()
        origin = headers.get(b"origin")
        method = scope["method"]
        if host not in self.policy.hosts:
            await self._send(send, *_refusal(403, "host-refused", f"this server does not answer to the host "
                                                                  f"name {host or '(none)'!r}"))
            return
        cross = self._cross_origin(headers, host, origin)
        allowed = cross and origin is not None and self.policy.cors_allows(origin)
        if cross and not allowed and not self._navigation(headers, method):
            await self._send(send, *_refusal(403, "cross-origin-refused",
                                             "cross-origin requests are refused; start the server with --cors "
                                             "ORIGIN to let that page query it"))
            return
        cors_headers = self._cors_headers(origin) if allowed else []
        if method == "OPTIONS":
            extra = [(b"allow", CORS_METHODS.encode())]
            if allowed and headers.get(b"access-control-request-method"):
                extra += [(b"access-control-allow-methods", CORS_METHODS.encode()),
                          (b"access-control-allow-headers", CORS_HEADERS.encode()),
                          (b"access-control-max-age", b"600")]
            await self._send(send, 204, b"", cors_headers + extra)
            return

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                added = [h for h in (*BASE_HEADERS, DATA_CSP, *cors_headers) if h[0] not in present]
                message = {**message, "headers": [*message.get("headers", []), *added]}
            await send(message)

        await self.app(scope, receive, send_with_headers)

    @staticmethod
    def _cross_origin(headers: dict, host: str, origin: str | None) -> bool:
        site = headers.get(b"sec-fetch-site")
        if site is not None and site not in ("same-origin", "none"):
            return True
        return origin is not None and origin.lower() not in (f"http://{host}", f"https://{host}")

    @staticmethod
    def _navigation(headers: dict, method: str) -> bool:
        """A person following a link to a page or a query: read-only, shown to them, not to the site."""
        return method in ("GET", "HEAD") and headers.get(b"sec-fetch-mode") == "navigate"

    def _cors_headers(self, origin: str) -> list[tuple[bytes, bytes]]:
        value = "*" if "*" in self.policy.cors else origin
        return [(b"access-control-allow-origin", value.encode("latin-1")),
                (b"access-control-expose-headers", b"x-sparql-maxrows, retry-after"),
                (b"vary", b"origin")]

    @staticmethod
    async def _send(send, status: int, body: bytes, headers: list | None = None) -> None:
        base = [(b"content-type", b"application/json; charset=utf-8")] if body else []
        await send({"type": "http.response.start", "status": status,
                    "headers": [*base, (b"content-length", str(len(body)).encode()), *BASE_HEADERS, DATA_CSP,
                                *(headers or [])]})
        await send({"type": "http.response.body", "body": body})
