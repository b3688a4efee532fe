"""Write the interactive HTML explorer of the graph (works offline, opens in any browser).

A small store is drawn whole; a bigger one opens on an overview (DWC categories, services, the
guideline sections cited for them, drugs) where a click adds a node's neighbourhood and a letter
opens as its own view with the letter text behind each fact. `--focus TERM --hops N` draws the
neighbourhood of a drug, service, guideline section, letter... The page embeds the letters up to
--letter-budget; above it, it holds the overview and every concept's neighbourhood and says so
(under `imrgraph serve`, the same page fetches letters from the server).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

DEFAULT_NODE_BUDGET = 150  # most nodes a page draws at once before it opens on the overview
DEFAULT_LETTER_BUDGET = 1000  # most letters whose text a page embeds (~9 MB, ~2 s to write)

Progress = Callable[[str], None]


def write_html(store_dir: Path, out_file: Path, *, focus: str | None = None, hops: int = 1,
               node_budget: int = DEFAULT_NODE_BUDGET, overview: bool = False,
               letter_budget: int = DEFAULT_LETTER_BUDGET, progress: Progress | None = None) -> dict:
    """Renders the explorer of the store at store_dir into out_file; `progress` hears each step.

    Returns {"nodes": n, "edges": m, "view": "full"|"focus"|"overview", "letters": embedded letters}.
    Raises views.UnknownFocus (a ValueError) when focus names nothing in the store, api.StoreError
    when there is no readable store.
    """
    from imrgraph import api
    from imrgraph.templates import pages

    from .compose import build_page

    graph = api.open_store(Path(store_dir))
    page, summary = build_page(graph, focus=focus, hops=hops, node_budget=node_budget, overview=overview,
                               letter_budget=letter_budget, progress=progress)
    if progress:
        progress(f"explorer: writing {out_file}")
    pages.write(Path(out_file), page)
    return summary


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--store", type=Path, default=Path("out/store"), help="graph store (default out/store)")
    parser.add_argument("-o", "--output", type=Path, default=None,
                        help="HTML file to write (default out/graph.html, or out/focus.html with --focus)")
    parser.add_argument("--focus", metavar="TERM",
                        help="centre on a drug (generic or brand), service id, guideline section "
                             "('MTUS chronic-pain p.23'), letter id, diagnosis, specialty or IRI")
    parser.add_argument("--hops", type=int, default=1, help="with --focus: how far to reach (default 1)")
    parser.add_argument("--node-budget", type=int, default=DEFAULT_NODE_BUDGET,
                        help=f"most nodes drawn at once; a bigger view opens on the overview "
                             f"(default {DEFAULT_NODE_BUDGET})")
    parser.add_argument("--letter-budget", type=int, default=DEFAULT_LETTER_BUDGET,
                        help=f"most letters whose text the page embeds (default {DEFAULT_LETTER_BUDGET:,})")
    parser.add_argument("--overview", action="store_true", help="open on the overview even for a small store")


def run(args: argparse.Namespace) -> int:
    if args.hops < 0 or args.node_budget < 1 or args.letter_budget < 0:
        print("imrgraph: --hops and --letter-budget must be >= 0 and --node-budget >= 1", file=sys.stderr)
        return 2
    if args.focus is not None and args.overview:
        print("imrgraph: choose either --focus or --overview", file=sys.stderr)
        return 2
    output = args.output or Path("out") / ("focus.html" if args.focus else "graph.html")
    from imrgraph.api import StoreError

    try:
        result = write_html(args.store, output, focus=args.focus, hops=args.hops, node_budget=args.node_budget,
                            overview=args.overview, letter_budget=args.letter_budget,
                            progress=lambda step: print(f"imrgraph: {step}", file=sys.stderr))
    except (ValueError, OSError, StoreError) as exc:
        print(f"imrgraph: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {output}: {result['view']} view, {result['nodes']} nodes, {result['edges']} edges")
    return 0
