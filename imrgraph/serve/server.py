"""Running the endpoint: the listening socket, the worker pool, and uvicorn with its limits.

uvicorn gives keep-alive (headers and body leave in one write), the idle keep-alive timeout and
the connection limit. Limits it lacks are added to its HTTP protocol here: a connection must send a
complete request head of at most MAX_HEAD_BYTES within HEAD_TIMEOUT seconds of opening or of
starting a request, and one client address may hold at most `max_client_connections` connections
at once, so idle or slow sockets cannot take every connection from the others.
"""

from __future__ import annotations

import asyncio
import socket
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HEAD_TIMEOUT = 10.0  # seconds to send a request's line and headers
KEEP_ALIVE_TIMEOUT = 5  # seconds an idle kept-alive connection stays open
MAX_HEAD_BYTES = 64 * 1024  # request line and headers (a GET query string is in the line)


@dataclass(frozen=True)
class Settings:
    store: Path
    host: str = "127.0.0.1"
    port: int = 7878
    timeout: float = 30.0
    max_results: int = 10_000
    workers: int = 4
    max_memory: int = 2 << 30
    client_queries: int = 2
    slow_queries: int = 1
    client_queue: int = 16
    max_connections: int = 256
    max_client_connections: int = 64
    allow_service: tuple[str, ...] = ()
    allow_hosts: tuple[str, ...] = ()
    cors: tuple[str, ...] = ()
    quiet: bool = False
    explore_handlers: str = "imrgraph.viz.live"


def listen(host: str, port: int) -> socket.socket:
    """The bound, listening socket (so the real port is known before the app is made)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP named, not 0: asyncio sets TCP_NODELAY on accepted sockets only when it reads
    # that protocol, and without it every kept-alive response waits ~40 ms (Nagle, delayed ACK)
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host.strip("[]"), port))
        sock.listen(2048)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def protocol_class(max_client_connections: int):
    """uvicorn's HTTP protocol with a request-head timeout and size limit, and a per-client
    connection limit."""
    try:  # the C parser when installed (uvicorn[standard]); h11 otherwise
        from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol as Protocol
    except ImportError:
        from uvicorn.protocols.http.h11_impl import H11Protocol as Protocol

    open_per_client: Counter[str] = Counter()

    class LimitedProtocol(Protocol):
        def connection_made(self, transport) -> None:
            super().connection_made(transport)
            self._peer = self.client[0] if self.client else ""
            self._head_timer = None
            self._head_bytes = 0
            open_per_client[self._peer] += 1
            if open_per_client[self._peer] > max_client_connections:
                transport.close()  # connection_lost follows and counts it out
                return
            self._arm_head_timer()

        def connection_lost(self, exc) -> None:
            if self._head_timer is not None:
                self._head_timer.cancel()
                self._head_timer = None
            open_per_client[self._peer] -= 1
            if open_per_client[self._peer] <= 0:
                del open_per_client[self._peer]
            super().connection_lost(exc)

        def data_received(self, data: bytes) -> None:
            super().data_received(data)
            if self.cycle is None or self.cycle.response_complete:  # a request head has begun, not ended
                self._head_bytes += len(data)
                if self._head_bytes > MAX_HEAD_BYTES:
                    self.transport.close()
                elif self._head_timer is None:
                    self._arm_head_timer()
            else:
                self._head_bytes = 0
                if self._head_timer is not None:
                    self._head_timer.cancel()
                    self._head_timer = None

        def _arm_head_timer(self) -> None:
            self._head_timer = self.loop.call_later(HEAD_TIMEOUT, self._head_timed_out)

        def _head_timed_out(self) -> None:
            self._head_timer = None
            if self.cycle is None or self.cycle.response_complete:
                self.transport.close()

    return LimitedProtocol


def serve(settings: Settings, on_ready: Callable[[str], None]) -> None:
    """Serves until SIGINT or SIGTERM. Raises OSError when the address cannot be bound and
    RuntimeError when the workers cannot open the store; `on_ready(base_url)` once it answers."""
    sock = listen(settings.host, settings.port)
    try:
        asyncio.run(_serve(settings, sock, on_ready))
    finally:
        sock.close()


async def _serve(settings: Settings, sock: socket.socket, on_ready: Callable[[str], None]) -> None:
    import uvicorn

    from imrgraph.serve.app import Endpoint, create_app
    from imrgraph.serve.cache import ReplyCache
    from imrgraph.serve.guard import Guard, Policy
    from imrgraph.serve.pages import Explorer, query_page
    from imrgraph.serve.pool import WorkerPool
    from imrgraph.serve.worker import WorkerSpec

    host, port = sock.getsockname()[:2]
    spec = WorkerSpec(str(settings.store), settings.max_results, settings.max_memory, settings.allow_service)
    pool = WorkerPool(spec, settings.workers, settings.timeout, settings.client_queries, settings.client_queue,
                      settings.slow_queries)
    await pool.start()
    try:
        endpoint = Endpoint(pool, Explorer(settings.store), query_page(), ReplyCache(),
                            settings.explore_handlers, bool(settings.allow_service))
        policy = Policy.for_address(settings.host, port, settings.allow_hosts, settings.cors)
        config = uvicorn.Config(
            Guard(create_app(endpoint), policy), http=protocol_class(settings.max_client_connections),
            lifespan="off", timeout_keep_alive=KEEP_ALIVE_TIMEOUT, limit_concurrency=settings.max_connections,
            access_log=not settings.quiet,
            log_level="warning" if settings.quiet else "info", server_header=False, date_header=True)
        server = uvicorn.Server(config)
        shown = f"[{host}]" if ":" in host else host
        on_ready(f"http://{shown}:{port}")
        await server.serve(sockets=[sock])
    finally:
        await pool.close()
