"""`imrgraph push`: upload the graph to a running SPARQL server (Graph Store Protocol)."""

from __future__ import annotations

import argparse
import os
import re
import sys
import time

from imrgraph.cli import options
from imrgraph.errors import USAGE, UserError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from imrgraph.push import DEFAULT_BATCH_SIZE, DEFAULT_RETRIES, DEFAULT_TIMEOUT

    parser.add_argument("--endpoint", required=True,
                        help="Graph Store Protocol URL, e.g. http://127.0.0.1:7878/store (Oxigraph) or "
                             "http://127.0.0.1:8890/sparql-graph-crud-auth (Virtuoso)")
    options.add_store(parser)
    parser.add_argument("--graph", help="send every triple to this one graph IRI instead of the store's "
                                        "named graphs (one per letter, plus ontology and concepts)")
    parser.add_argument("--user", help="user name for HTTP Digest or Basic authentication")
    parser.add_argument("--password", help="password (or set IMRGRAPH_PASSWORD)")
    parser.add_argument("--token", help="bearer token (or set IMRGRAPH_TOKEN)")
    parser.add_argument("--replace", action="store_true",
                        help="replace each target graph on the server (PUT) instead of adding to it (POST)")
    parser.add_argument("--batch-size", type=options.positive_int, default=DEFAULT_BATCH_SIZE,
                        help=f"triples per request (default: {DEFAULT_BATCH_SIZE})")
    parser.add_argument("--retries", type=options.non_negative_int, default=DEFAULT_RETRIES,
                        help=f"retries per request on network errors, timeouts and 429/502/503/504, with "
                             f"exponential backoff or as the server's Retry-After says (default: {DEFAULT_RETRIES})")
    parser.add_argument("--timeout", type=options.positive_float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                        help=f"how long one request may wait for the server (default: {DEFAULT_TIMEOUT:g})")


def run(args: argparse.Namespace) -> int:
    from imrgraph.graph.store import GraphStore
    from imrgraph.push import Credentials, GraphStoreClient, push

    password = args.password if args.password is not None else os.environ.get("IMRGRAPH_PASSWORD")
    token = args.token if args.token is not None else os.environ.get("IMRGRAPH_TOKEN")
    if token and args.user:
        raise UserError("give either --user/--password or --token, not both", exit_code=USAGE)
    if args.user and password is None:
        raise UserError("--user needs --password (or IMRGRAPH_PASSWORD)", exit_code=USAGE)
    if args.graph is not None and not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$", args.graph):
        raise UserError(f"--graph must be an absolute IRI, not {args.graph!r}", exit_code=USAGE)
    source = GraphStore(args.store)
    started = time.perf_counter()
    try:
        credentials = Credentials(user=args.user, password=password, token=token)
        with GraphStoreClient(args.endpoint, credentials, retries=args.retries, timeout=args.timeout) as client:
            report = push(source.quads_by_graph(), client, graph=args.graph, replace=args.replace,
                          batch_size=args.batch_size)
    except UserError as error:
        raise UserError(f"push failed: {error}", error.exit_code) from None
    seconds = time.perf_counter() - started
    print(f"pushed {report.triples} triples in {report.graphs} graphs to {args.endpoint} "
          f"({report.requests} requests, {report.retries} retries, {seconds:.1f} s)", file=sys.stderr)
    return 0
