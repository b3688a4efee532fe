"""Write the interactive HTML network of the graph (works offline, opens in any browser).

Views: the whole graph; --focus TERM with --hops N around a drug, service, guideline section,
determination...; and the overview (services linked to the guideline sections reviewers cite),
used automatically when a view would exceed --node-budget nodes.
"""

from __future__ import annotations

from pathlib import Path

DEFAULT_NODE_BUDGET = 1500


def write_html(store_dir: Path, out_file: Path, *, focus: str | None = None, hops: int = 1,
               node_budget: int = DEFAULT_NODE_BUDGET, overview: bool = False) -> dict:
    """Renders a view of the store at store_dir into out_file.

    Returns {"nodes": n, "edges": m, "view": "full"|"focus"|"overview"}. Raises UserError when
    there is no readable store or focus names nothing in it (views.UnknownFocus), OSError when
    out_file cannot be written.
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
