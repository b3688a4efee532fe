"""Write the interactive HTML explorer of the graph (works offline, opens in any browser).

A small store is drawn whole; a bigger one opens on an overview (DWC categories, services, the
guideline sections cited for them, drugs) where a click adds a node's neighbourhood and a letter
opens as its own view with the letter text behind each fact. `--focus TERM --hops N` draws the
neighbourhood of a drug, service, guideline section, letter... The page embeds the letters up to
--letter-budget; above it, it holds the overview and every concept's neighbourhood and says so
(under `imrgraph serve`, the same page fetches letters from the server).
"""

from __future__ import annotations

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
    Raises UserError when there is no readable store or focus names nothing in it (views.UnknownFocus),
    OSError when out_file cannot be written.
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

