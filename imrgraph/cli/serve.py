"""`imrgraph serve`: the read-only SPARQL 1.1 Protocol endpoint over the built store, plus the
explorer and a query page; its options and the checks made before the server starts."""

from __future__ import annotations

import argparse
import os
import sys

from imrgraph.cli import options
from imrgraph.errors import USAGE, UserError

# idle workers cost memory only (~50 MB each), and more of them than slow queries keeps quick ones answered
DEFAULT_WORKERS = min(32, max(8, 2 * (os.cpu_count() or 1)))
DEFAULT_SLOW_QUERIES = max(1, (os.cpu_count() or 1) // 2)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from imrgraph.serve.server import Settings
    from imrgraph.serve.worker import format_size

    d = Settings(store=options.DEFAULT_STORE, workers=DEFAULT_WORKERS, slow_queries=DEFAULT_SLOW_QUERIES)
    options.add_store(parser)
    parser.add_argument("--host", default=d.host, help="address to listen on (default 127.0.0.1: this computer only)")
    parser.add_argument("--port", type=options.port, default=d.port,
                        help=f"TCP port (default {d.port}; 0 picks a free one)")
    parser.add_argument("--timeout", type=options.positive_float, default=d.timeout, metavar="SECONDS",
                        help=f"stop a query after this many seconds (default {d.timeout:g})")
    parser.add_argument("--max-results", type=options.positive_int, default=d.max_results, metavar="N",
                        help=f"cut answers at N rows or triples (default {d.max_results})")
    parser.add_argument("--max-memory", default=format_size(d.max_memory).replace(" ", ""), metavar="SIZE",
                        help="address space of one query worker, e.g. 2G or 512M (default 2GiB)")
    parser.add_argument("--workers", type=options.positive_int, default=d.workers,
                        help=f"query worker processes (default {d.workers}: twice the CPUs, 8 to 32)")
    parser.add_argument("--client-queries", type=options.positive_int, default=d.client_queries, metavar="N",
                        help=f"queries one client address runs at once; more wait their turn (default "
                             f"{d.client_queries})")
    parser.add_argument("--client-queue", type=options.positive_int, default=d.client_queue, metavar="N",
                        help=f"queries one client address may have waiting; more get 503 (default {d.client_queue})")
    parser.add_argument("--slow-queries", type=options.positive_int, default=d.slow_queries, metavar="N",
                        help=f"queries running longer than 0.3 s that run at once; more are paused until one "
                             f"ends (default {d.slow_queries}: half the CPUs)")
    parser.add_argument("--max-connections", type=options.positive_int, default=d.max_connections, metavar="N",
                        help=f"open connections at once (default {d.max_connections})")
    parser.add_argument("--allow-service", action="append", default=[], metavar="URL",
                        help="let SERVICE clauses call this endpoint (repeatable); without it SERVICE is refused")
    parser.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                        help="a host name clients reach the server by (repeatable; needed with --host 0.0.0.0)")
    parser.add_argument("--cors", action="append", default=[], metavar="ORIGIN",
                        help="let pages from ORIGIN (e.g. https://yasgui.example) query the endpoint from a "
                             "browser (repeatable; '*' for any); without it cross-origin requests are refused")
    parser.add_argument("--quiet", action="store_true", help="do not log each request on stderr")
    parser.add_argument("--explore-handlers", default=d.explore_handlers, help=argparse.SUPPRESS)


def settings_from(args: argparse.Namespace):
    """The server's Settings the options ask for; UserError (a usage error) for options that do not fit."""
    from imrgraph.serve.guard import is_wildcard
    from imrgraph.serve.server import Settings
    from imrgraph.serve.worker import parse_size

    try:
        max_memory = parse_size(args.max_memory)
    except ValueError as e:
        raise UserError(f"--max-memory: {e}", exit_code=USAGE) from None
    if max_memory < 512 << 20:
        raise UserError("--max-memory must be at least 512M (a worker takes about 300M to open the store)",
                        exit_code=USAGE)
    if is_wildcard(args.host) and not args.allow_host:
        raise UserError(f"--host {args.host} listens on every interface: name the host names clients use with "
                        "--allow-host NAME", exit_code=USAGE)
    for url in args.allow_service:
        if not url.startswith(("http://", "https://")):
            raise UserError(f"--allow-service takes an http(s) endpoint URL, got {url!r}", exit_code=USAGE)
    for origin in args.cors:
        if origin != "*" and not origin.startswith(("http://", "https://")):
            raise UserError(f"--cors takes an origin such as https://example.org (or '*'), got {origin!r}",
                            exit_code=USAGE)
    return Settings(store=args.store, host=args.host, port=args.port, timeout=args.timeout,
                    max_results=args.max_results, workers=args.workers, max_memory=max_memory,
                    client_queries=args.client_queries, client_queue=args.client_queue,
                    slow_queries=args.slow_queries, max_connections=args.max_connections,
                    max_client_connections=max(1, min(64, args.max_connections // 4)),
                    allow_service=tuple(args.allow_service), allow_hosts=tuple(args.allow_host),
                    cors=tuple(args.cors), quiet=args.quiet, explore_handlers=args.explore_handlers)


def run(args: argparse.Namespace) -> int:
    from imrgraph.graph.store import GraphStore
    from imrgraph.serve.guard import is_loopback
    from imrgraph.serve.server import serve

    settings = settings_from(args)
    GraphStore(settings.store).close()  # a clear message now rather than from every worker

    def ready(url: str) -> None:
        if not is_loopback(settings.host):
            print(f"imrgraph: warning: listening on {settings.host}, reachable from other computers", file=sys.stderr)
        print(f"imrgraph: serving {url}/ (explorer), /query (query page), /sparql (endpoint); time limit "
              f"{settings.timeout:g} s, at most {settings.max_results} results; Ctrl-C stops",
              file=sys.stderr, flush=True)

    try:
        serve(settings, ready)
    except OSError as e:
        raise UserError(f"cannot listen on {settings.host}:{settings.port}: {e.strerror or e}") from None
    except RuntimeError as e:
        raise UserError(str(e)) from None
    return 0
