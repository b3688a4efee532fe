"""Chooses what an explorer page holds and renders it: the whole graph of a small store, a focus
view, or the overview with what a click adds (embedded up to the letter budget)."""

from __future__ import annotations

from . import explore, page, store, views


def build_page(graph, *, focus: str | None, hops: int, node_budget: int, overview: bool, letter_budget: int,
               progress=None, live: str | None = None, index: explore.Index | None = None) -> tuple[str, dict]:
    """(page HTML, {"nodes", "edges", "view", "letters"}) for a read-only store. `live`: the page is
    served, and fetches from that API prefix what a click adds instead of embedding it."""
    def step(text: str) -> None:
        if progress:
            progress(f"explorer: {text}")

    step("concepts and their links")
    index = index or explore.Index(graph)
    letters, items = store.counts(graph)
    target = views.resolve(graph, focus, index.concepts) if focus is not None else None
    records = None
    if letters <= (letter_budget if live is None else min(letter_budget, node_budget)):
        step(f"reading {letters:,} letters")
        records = store.letter_records(graph)
    if target is not None:
        view = views.focus_view(graph, *target, hops, node_budget, index.concepts)
        if view is not None:
            shown = {n.id for n in view.nodes}
            return _graph(view, [r for r in records or store.letter_records(
                graph, [n.id for n in view.nodes if n.kind == "determination"]) if r.node.id in shown], index)
    elif not overview and records is not None and letters + items <= node_budget:
        view = views.full_view(records, index.concepts)
        if len(view.nodes) <= node_budget:
            return _graph(view, records, index)
    summary = ""
    if records is None and live is None:
        summary = (f"The store holds {letters:,} letters, more than this page embeds ({letter_budget:,}): it "
                   "shows how they group, not each letter's text. Open a letter with `imrgraph serve` or "
                   "`imrgraph viz --focus CASE-NUMBER`.")
    note = summary
    if target is not None:
        note = (f"The view around “{focus}” is larger than {node_budget} nodes: it opens on the overview with "
                f"that node added. {summary}").strip()
    step("overview and neighbourhoods")
    payload = page.explore_payload(index, records if live is None else None, live=live,
                                   focus=target[0] if target else None, summary=summary)
    title = f"IMR determinations: {letters:,} letters, {items:,} items"
    html = page.render(payload, title=title, note=note)
    return html, {"nodes": len(payload["first"]["nodes"]), "edges": len(payload["first"]["edges"]),
                  "view": "overview", "letters": len(records or [])}


def _graph(view, records, index) -> tuple[str, dict]:
    payload = page.graph_payload(view, records, index)
    html = page.render(payload, title=view.title, note=view.note)
    return html, {"nodes": len(view.nodes), "edges": len(view.edges), "view": view.kind, "letters": len(records)}
