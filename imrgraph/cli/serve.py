"""`imrgraph serve`: the read-only SPARQL 1.1 Protocol endpoint over the built store, plus the
explorer and a query page."""

from __future__ import annotations

import argparse
import ipaddress
import os
import sys

from imrgraph.cli import options


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from imrgraph.serve import DEFAULT_MAX_RESULTS, DEFAULT_PORT, DEFAULT_TIMEOUT

    options.add_store(parser)
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default 127.0.0.1: this computer only)")
    parser.add_argument("--port", type=options.port, default=DEFAULT_PORT,
                        help=f"TCP port (default {DEFAULT_PORT}; 0 picks a free one)")
    parser.add_argument("--timeout", type=options.positive_float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                        help=f"stop a query after this many seconds (default {DEFAULT_TIMEOUT:g})")
    parser.add_argument("--max-results", type=options.positive_int, default=DEFAULT_MAX_RESULTS, metavar="N",
                        help=f"cut answers at N rows or triples (default {DEFAULT_MAX_RESULTS})")
    parser.add_argument("--workers", type=options.positive_int, default=max(2, os.cpu_count() or 1),
                        help="query worker processes (default: the number of CPUs, at least 2)")
    parser.add_argument("--quiet", action="store_true", help="do not log each request on stderr")


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def run(args: argparse.Namespace) -> int:
    from imrgraph.serve import run_server

    def ready(host: str, port: int) -> None:
        shown = f"[{host}]" if ":" in host else host
        if not _is_loopback(args.host):
            print(f"imrgraph: warning: listening on {args.host}, reachable from other computers", file=sys.stderr)
        print(f"imrgraph: serving http://{shown}:{port}/ (explorer), /query (query page), /sparql (endpoint); "
              f"time limit {args.timeout:g} s, at most {args.max_results} results; Ctrl-C stops",
              file=sys.stderr, flush=True)

    run_server(args.store, host=args.host, port=args.port, timeout=args.timeout, max_results=args.max_results,
               workers=args.workers, quiet=args.quiet, ready=ready)
    return 0
