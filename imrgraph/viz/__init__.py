"""Write the interactive HTML network of the graph (works offline, opens in any browser).

Views: the whole graph; --focus TERM with --hops N around a drug, service, guideline section,
determination...; and the overview (services linked to the guideline sections reviewers cite),
used automatically when a view would exceed --node-budget nodes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

DEFAULT_NODE_BUDGET = 1500


def write_html(store_dir: Path, out_file: Path, *, focus: str | None = None, hops: int = 1,
               node_budget: int = DEFAULT_NODE_BUDGET, overview: bool = False) -> dict:
    """Renders a view of the store at store_dir into out_file.

    Returns {"nodes": n, "edges": m, "view": "full"|"focus"|"overview"}. Raises
    views.UnknownFocus (a ValueError) when focus names nothing in the store, UserError when
    there is no readable store.
    """
    from imrgraph import api

    from .page import render
    from .views import choose

    graph = api.open_store(Path(store_dir))
    view = choose(graph, focus=focus, hops=hops, node_budget=node_budget, overview=overview)
    out_file = Path(out_file)
    out_file.parent.mkdir(parents=True, exist_ok=True)
    out_file.write_text(render(view), encoding="utf-8")
    return view.summary()


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--store", type=Path, default=Path("out/store"), help="graph store (default out/store)")
    parser.add_argument("-o", "--output", type=Path, default=None,
                        help="HTML file to write (default out/graph.html, or out/focus.html with --focus)")
    parser.add_argument("--focus", metavar="TERM",
                        help="centre on a drug (generic or brand), service id, guideline section "
                             "('MTUS chronic-pain p.23'), letter id, diagnosis, specialty or IRI")
    parser.add_argument("--hops", type=int, default=1, help="with --focus: how far to reach (default 1)")
    parser.add_argument("--node-budget", type=int, default=DEFAULT_NODE_BUDGET,
                        help=f"views with more nodes fall back to the overview (default {DEFAULT_NODE_BUDGET})")
    parser.add_argument("--overview", action="store_true",
                        help="services linked to the guideline sections reviewers cite")


def run(args: argparse.Namespace) -> int:
    if args.hops < 0 or args.node_budget < 1:
        print("imrgraph: --hops must be >= 0 and --node-budget >= 1", file=sys.stderr)
        return 2
    if args.focus is not None and args.overview:
        print("imrgraph: choose either --focus or --overview", file=sys.stderr)
        return 2
    output = args.output or Path("out") / ("focus.html" if args.focus else "graph.html")
    from imrgraph.errors import UserError

    try:
        result = write_html(args.store, output, focus=args.focus, hops=args.hops,
                            node_budget=args.node_budget, overview=args.overview)
    except (ValueError, OSError, UserError) as exc:
        print(f"imrgraph: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {output}: {result['view']} view, {result['nodes']} nodes, {result['edges']} edges")
    return 0
