"""`imrgraph viz`: the interactive HTML network of the graph (offline, opens in any browser)."""

from __future__ import annotations

import argparse
import sys

from imrgraph.cli import options
from imrgraph.errors import UserError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from imrgraph.viz import DEFAULT_LETTER_BUDGET, DEFAULT_NODE_BUDGET

    options.add_store(parser)
    options.add_out(parser, "HTML file to write (default: graph.html beside the store, or focus.html with --focus)",
                    metavar="FILE.html")
    views = parser.add_mutually_exclusive_group()
    views.add_argument("--focus", metavar="TERM",
                       help="centre on a drug (generic or brand), service id, guideline section "
                            "('MTUS chronic-pain p.23'), letter id, diagnosis, specialty or IRI")
    views.add_argument("--overview", action="store_true",
                       help="open on the overview even for a small store")
    parser.add_argument("--hops", type=options.non_negative_int, default=1,
                        help="with --focus: how far to reach (default 1)")
    parser.add_argument("--node-budget", type=options.positive_int, default=DEFAULT_NODE_BUDGET,
                        help=f"most nodes drawn at once; a bigger view opens on the overview "
                             f"(default {DEFAULT_NODE_BUDGET})")
    parser.add_argument("--letter-budget", type=options.non_negative_int, default=DEFAULT_LETTER_BUDGET,
                        help=f"most letters whose text the page embeds (default {DEFAULT_LETTER_BUDGET:,})")


def run(args: argparse.Namespace) -> int:
    from imrgraph.viz import write_html

    output = args.out or options.beside_store(args.store, "focus.html" if args.focus else "graph.html")
    try:
        result = write_html(args.store, output, focus=args.focus, hops=args.hops, node_budget=args.node_budget,
                            overview=args.overview, letter_budget=args.letter_budget,
                            progress=lambda step: print(f"imrgraph: {step}", file=sys.stderr))
    except OSError as e:
        raise UserError(f"cannot write {output}: {e.strerror or e}") from None
    print(f"wrote {output}: {result['view']} view, {result['nodes']} nodes, {result['edges']} edges")
    return 0
