"""The explorer page: a payload of what to draw, rendered into one self-contained HTML page
(templates/explorer.html) with vis-network (as pyvis vendors it) and explorer.js inlined and hashed
into the page's Content-Security-Policy. No CDN, nothing fetched, except from `imrgraph serve`'s
own /api/explore/ when the page is served (`live`).

Two modes: "graph" draws a view whole (a small store, a focus view: View from views.py, laid out by
a spring layout); "explore" opens on the overview and adds what the reader clicks (explore.py),
from what the page embeds or, served, from the server.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from . import explore, layout, store
from .model import FILTERS, KINDS, OUTCOME_COLORS, RELATIONS, View

ASSETS = Path(__file__).with_name("assets")


def vis_library() -> Path:
    """vis-network as pyvis vendors it (found without importing pyvis, which takes a second)."""
    from importlib.util import find_spec

    return Path(find_spec("pyvis").origin).with_name("templates") / "lib" / "vis-9.1.2"

PHYSICS_LIMIT = 150  # above this many nodes the browser gets fixed positions and no physics

VIEW_LABELS = {
    "full": "Whole graph",
    "focus": "Focus view",
    "overview": "Overview: the most disputed services, the guideline sections cited for them, the drugs",
}
EXPLORE_FILTERS = {"category": "DWC category", "source": "Guideline source"}

# legend swatches, drawn in an 18x18 box
SHAPE_SVG = {
    "dot": '<circle cx="9" cy="9" r="7" fill="{c}"/>',
    "box": '<rect x="1" y="4" width="16" height="10" rx="2" fill="{c}"/>',
    "square": '<rect x="2" y="2" width="14" height="14" fill="{c}"/>',
    "diamond": '<polygon points="9,1 17,9 9,17 1,9" fill="{c}"/>',
    "triangle": '<polygon points="9,2 17,16 1,16" fill="{c}"/>',
    "triangleDown": '<polygon points="1,2 17,2 9,16" fill="{c}"/>',
    "star": '<polygon points="9,1 11.4,6.6 17,7 12.7,10.8 14,16.5 9,13.5 4,16.5 5.3,10.8 1,7 6.6,6.6" fill="{c}"/>',
    "hexagon": '<polygon points="5,2 13,2 17,9 13,16 5,16 1,9" fill="{c}"/>',
}


def graph_payload(view: View, records: list[store.LetterRecord], index: explore.Index) -> dict:
    """A view drawn whole, laid out here; its letters also open as their own views."""
    pos = layout.spring([n.id for n in view.nodes], [(e.source, e.target) for e in view.edges])
    first_nodes = []
    for n in view.nodes:
        entry = explore.node_json(n)
        entry["x"], entry["y"] = round(pos[n.id][0], 1), round(pos[n.id][1], 1)
        entry["evidence"] = _evidence(n, records)
        first_nodes.append(entry)
    edges = [explore.edge_json(e.source, e.target, e.relation) for e in view.edges]
    shown = {n.id for n in view.nodes}
    return {
        "mode": "graph", "view": view.kind, "viewLabel": VIEW_LABELS[view.kind], "focus": view.focus,
        "physics": len(view.nodes) <= PHYSICS_LIMIT, "anchors": ["item"],
        "first": {"nodes": first_nodes, "edges": edges},
        "filters": _filters(view.nodes, ("item",), FILTERS),
        "embedded": {"nodes": {}, "neighbours": {}, "lettersOf": {},
                     "letters": {r.node.id: explore.letter_view(r, index.concepts) for r in records
                                 if r.node.id in shown}},
    }


def _evidence(node, records: list[store.LetterRecord]) -> list[dict]:
    """In a graph drawn whole, a node's card quotes the letter: a letter's or item's own spans, or
    where each letter names a concept."""
    spans = []
    for record in records:
        for span in record.evidence.get(node.id, []):
            text = span.text if node.kind in ("item", "determination") else f"{record.node.label}: {span.text}"
            spans.append({"about": span.about, "text": text})
    return spans[:6]


def explore_payload(index: explore.Index, records: list[store.LetterRecord] | None, *,
                    live: str | None = None, focus: str | None = None, summary: str = "") -> dict:
    """The overview, and what a click adds: embedded for every concept and, with `records`, every
    letter; served (`live`, the server's /api/explore/ prefix), the letters are fetched instead."""
    first = explore.overview(index)
    concepts = index.concepts
    nodes = {i: explore.node_json(n) for i, n in concepts.items()}
    neighbours = {}
    for concept in concepts:
        edges, more = index.neighbours(concept)
        if edges or more:
            neighbours[concept] = {"edges": edges, "more": more}
    letters, letters_of = {}, {}
    if records is not None and live is None:
        for record in records:
            nodes[record.node.id] = explore.node_json(record.node)
        letters = {r.node.id: explore.letter_view(r, concepts, refs=True) for r in records}
        letters_of = _letters_of(records, index)
    embedded = {"nodes": nodes, "neighbours": neighbours, "letters": letters, "lettersOf": letters_of}
    return {
        "mode": "explore", "view": "overview", "viewLabel": VIEW_LABELS["overview"], "focus": focus,
        "physics": False, "anchors": ["category", "service", "section", "drug"],
        "first": first, "live": live, "summary": summary,
        "filters": _filters(list(concepts.values()), ("category", "service", "section", "drug"), EXPLORE_FILTERS),
        "embedded": embedded,
    }


def _letters_of(records: list[store.LetterRecord], index: explore.Index) -> dict[str, list]:
    """Each concept's letters (a category's through its services) as [[ids], how many in all]."""
    found = explore.letters_by_concept(records)
    by_category: dict[str, Counter] = {}
    for record in records:
        for e in record.edges:
            service = index.concepts.get(e.target)
            if service is not None and service.kind == "service" and service.category:
                by_category.setdefault(service.category, Counter())[record.node.id] += 1
    for category, letters in by_category.items():
        found[category] = (store.rank_letters(letters)[: explore.LETTERS], len(letters))
    return {concept: [ids, total] for concept, (ids, total) in found.items()}


def _filters(nodes, anchors: tuple[str, ...], dims: dict[str, str]) -> list[dict]:
    counts: dict[str, Counter] = {dim: Counter() for dim in dims}
    for n in nodes:
        if n.kind in anchors:
            for dim in dims:
                counts[dim].update(set(n.tags.get(dim, [])))
    return [{"dim": dim, "label": label, "values": sorted(counts[dim].items(), key=lambda kv: (-kv[1], kv[0]))}
            for dim, label in dims.items() if counts[dim]]


def render(payload: dict, *, title: str, note: str = "") -> str:
    from markupsafe import Markup

    from imrgraph.templates import pages

    vis_lib = vis_library()
    payload = dict(payload, kinds=KINDS, relations=RELATIONS, outcomeColors=OUTCOME_COLORS)
    return pages.render(
        "explorer.html",
        scripts={"vis": (vis_lib / "vis-network.min.js").read_text(encoding="utf-8"),
                 "explorer": (ASSETS / "explorer.js").read_text(encoding="utf-8")},
        connect=payload.get("live") is not None,
        title=title, view=payload["view"], view_label=payload["viewLabel"], mode=payload["mode"], note=note,
        legend=_legend(payload), payload=payload,
        vis_css=Markup((vis_lib / "vis-network.css").read_text(encoding="utf-8")),
        explorer_css=Markup((ASSETS / "explorer.css").read_text(encoding="utf-8")),
    )


def _legend(payload: dict) -> list[dict]:
    from markupsafe import Markup

    boxes = payload["mode"] == "explore"
    entries = []
    for kind, style in KINDS.items():
        shape = "box" if boxes else style["shape"]
        if kind == "category" and not boxes:
            continue
        if kind == "item":
            entries.extend(
                {"key": f"item-{outcome}", "label": f"Disputed item, {outcome}",
                 "svg": Markup(SHAPE_SVG[shape].format(c=color))}
                for outcome, color in OUTCOME_COLORS.items()
            )
        else:
            entries.append({"key": kind, "label": style["label"],
                            "svg": Markup(SHAPE_SVG[shape].format(c=style["color"]))})
    return entries
