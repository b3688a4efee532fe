"""`imrgraph validate`: the SHACL report of the built store; exit 1 on violations."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from imrgraph.cli import options


def add_arguments(parser: argparse.ArgumentParser) -> None:
    options.add_store(parser)
    parser.add_argument("--shapes", type=Path, default=None, metavar="FILE.ttl",
                        help="SHACL shapes (default: the bundled ontology/shapes.ttl)")


def run(args: argparse.Namespace) -> int:
    from imrgraph.graph.store import GraphStore
    from imrgraph.validate import validate_store

    with GraphStore(args.store) as graph:
        conforms, text, violations = validate_store(graph, args.shapes)
        triples = len(graph)
    if conforms:
        print(f"conforms: {triples} triples, 0 violations")
        return 0
    print(text)
    print(f"imrgraph: {violations} SHACL violation(s) in {args.store}", file=sys.stderr)
    return 1
