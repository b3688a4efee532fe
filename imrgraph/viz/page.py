"""View -> one self-contained HTML page (vis-network from pyvis inlined, no CDN, no bootstrap).

pyvis's Network holds the nodes, edges and vis options; the page is rendered from our own
template (assets/explorer.html) because pyvis's template always asks a CDN for bootstrap.
Nodes and edges go into the Network in bulk: `Network.add_edge` scans every edge per call.
"""

from __future__ import annotations

import math
import textwrap
from collections import Counter
from pathlib import Path

from .layout import positions
from .model import FILTERS, KINDS, OUTCOME_COLORS, RELATIONS, View

ASSETS = Path(__file__).with_name("assets")
PHYSICS_LIMIT = 150  # above this many nodes the browser gets fixed positions and no physics
LABELLED_HUBS = 40  # big views: concepts whose labels stay readable when zoomed out
EVIDENCE_CHARS = 700  # longest evidence text sent to the page per span
EVIDENCE_SPANS = 4

VIEW_LABELS = {
    "full": "Whole graph",
    "focus": "Focus view",
    "overview": "Overview: services and the guideline sections reviewers cite",
}

# legend swatches, drawn in an 18x18 box
SHAPE_SVG = {
    "dot": '<circle cx="9" cy="9" r="7" fill="{c}"/>',
    "square": '<rect x="2" y="2" width="14" height="14" fill="{c}"/>',
    "diamond": '<polygon points="9,1 17,9 9,17 1,9" fill="{c}"/>',
    "triangle": '<polygon points="9,2 17,16 1,16" fill="{c}"/>',
    "triangleDown": '<polygon points="1,2 17,2 9,16" fill="{c}"/>',
    "star": '<polygon points="9,1 11.4,6.6 17,7 12.7,10.8 14,16.5 9,13.5 4,16.5 5.3,10.8 1,7 6.6,6.6" fill="{c}"/>',
    "hexagon": '<polygon points="5,2 13,2 17,9 13,16 5,16 1,9" fill="{c}"/>',
}


def render(view: View) -> str:
    from jinja2 import Environment, FileSystemLoader
    from markupsafe import Markup

    net = _network(view)
    nodes, edges, _heading, _height, _width, _options = net.get_network_data()
    payload = {
        "view": view.kind,
        "focus": view.focus,
        "anchors": list(view.anchors),
        "expand": view.kind != "overview",
        "kinds": KINDS,
        "relations": RELATIONS,
        "filters": _filters(view),
        "nodes": nodes,
        "edges": edges,
        "options": net.options,
    }
    env = Environment(loader=FileSystemLoader(ASSETS), autoescape=True)
    vis_lib = Path(__import__("pyvis").__file__).with_name("templates") / "lib" / "vis-9.1.2"
    return env.get_template("explorer.html").render(
        title=view.title,
        view=view.kind,
        view_label=VIEW_LABELS[view.kind],
        note=view.note,
        legend=_legend(view),
        payload=payload,
        vis_css=Markup((vis_lib / "vis-network.css").read_text(encoding="utf-8")),
        vis_js=Markup((vis_lib / "vis-network.min.js").read_text(encoding="utf-8")),
        explorer_css=Markup((ASSETS / "explorer.css").read_text(encoding="utf-8")),
        explorer_js=Markup((ASSETS / "explorer.js").read_text(encoding="utf-8")),
    )


def _network(view: View):
    from pyvis.edge import Edge
    from pyvis.network import Network
    from pyvis.node import Node

    big = len(view.nodes) > PHYSICS_LIMIT
    pos = positions(view)
    # in a big view only the most connected concepts are labelled at overview zoom; the rest
    # (drawn below the label threshold) appear when zoomed in
    ranked = sorted((n for n in view.nodes if n.kind not in ("item", "determination")), key=lambda n: -n.weight)
    headline = {n.id for n in ranked[:LABELLED_HUBS]} if big else set()
    net = Network(directed=True, cdn_resources="in_line")
    for n in view.nodes:
        style = KINDS[n.kind]
        x, y = pos[n.id]
        concept = n.kind not in ("item", "determination")
        node = Node(
            n.id,
            style["shape"],
            label=_short_label(n.label, 24 if concept else 20),
            color=n.color or (OUTCOME_COLORS.get(_first(n.tags, "outcome")) if n.kind == "item" else None)
            or style["color"],
            x=round(x, 1),
            y=round(y, 1),
            value=round(1 + math.log2(max(n.weight, 1)), 2),
            font={"size": 30 if n.id in headline else 15 if concept else 12},
            name=n.label,
            kind=n.kind,
            tags=n.tags,
            facts=[list(f) for f in n.facts],
            evidence=[_clip(t) for t in n.evidence[:EVIDENCE_SPANS]],
            search=sorted({n.label.lower(), n.id.rsplit("/", 1)[-1].lower(), *(a.lower() for a in n.aliases)}),
        )
        net.nodes.append(node.options)
        net.node_ids.append(n.id)
    widest = max((e.count for e in view.edges), default=1)
    for i, e in enumerate(view.edges):
        forward = RELATIONS[e.relation][0]
        items = f"{e.count} item{'s' if e.count != 1 else ''}"
        edge = Edge(  # arrows come from the options, not per edge
            e.source,
            e.target,
            id=i,
            label=items if view.kind == "overview" else forward,
            relation=e.relation,
            width=round(2 + 8 * math.log(e.count) / math.log(widest), 2) if widest > 1 else 2.5,
        )
        if e.color:
            edge.options["color"] = {"color": e.color, "highlight": e.color, "hover": e.color}
        net.edges.append(edge.options)
    net.options = _options(view, big)
    return net


def _options(view: View, big: bool) -> dict:
    return {
        "autoResize": True,
        "layout": {"improvedLayout": False, "randomSeed": 7},
        "nodes": {
            "borderWidth": 1,
            "font": {"face": "system-ui, sans-serif", "color": "#1f2328", "strokeWidth": 4, "strokeColor": "#ffffff"},
            "scaling": {"min": 9, "max": 28, "label": {"enabled": False, "drawThreshold": 9 if big else 5}},
        },
        "edges": {
            "smooth": False if big else {"enabled": True, "type": "continuous", "roundness": 0.3},
            "arrows": {"to": {"enabled": view.kind != "overview", "scaleFactor": 0.45}},
            "color": {"color": "#b7bec7", "highlight": "#37474f", "hover": "#37474f", "inherit": False},
            "font": {"size": 10, "color": "#5f6b76", "strokeWidth": 3, "strokeColor": "#ffffff",
                     "align": "top" if view.kind == "overview" else "middle"},
            "selectionWidth": 1.5,
        },
        "physics": {
            "enabled": not big,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -80,
                "centralGravity": 0.008,
                "springLength": 150,
                "springConstant": 0.06,
                "damping": 0.5,
                "avoidOverlap": 0.6,
            },
            "maxVelocity": 40,
            "minVelocity": 1.5,
            "timestep": 0.45,
            "stabilization": {"enabled": True, "iterations": 150, "updateInterval": 30, "fit": True},
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
            "navigationButtons": False,
            "keyboard": {"enabled": True, "bindToWindow": False},
        },
    }


def _filters(view: View) -> list[dict]:
    counts: dict[str, Counter] = {dim: Counter() for dim in FILTERS}
    for n in view.nodes:
        if n.kind in view.anchors:
            for dim in FILTERS:
                counts[dim].update(set(n.tags.get(dim, [])))
    return [
        {"dim": dim, "label": label, "values": sorted(counts[dim].items(), key=lambda kv: (-kv[1], kv[0]))}
        for dim, label in FILTERS.items()
        if counts[dim]
    ]


def _legend(view: View) -> list[dict]:
    from markupsafe import Markup

    present = {n.kind for n in view.nodes}
    entries = []
    for kind, style in KINDS.items():
        if view.kind == "overview" and kind not in present:
            continue
        if kind == "item":
            entries.extend(
                {"key": f"item-{outcome}", "label": f"Disputed item, {outcome}",
                 "svg": Markup(SHAPE_SVG["dot"].format(c=color))}
                for outcome, color in OUTCOME_COLORS.items()
            )
        else:
            entries.append({"key": kind, "label": style["label"],
                            "svg": Markup(SHAPE_SVG[style["shape"]].format(c=style["color"]))})
    return entries


def _short_label(text: str, width: int) -> str:
    lines = textwrap.wrap(text, width, max_lines=2, placeholder="…", break_long_words=False)
    return "\n".join(lines) or text[:width]


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EVIDENCE_CHARS else text[: EVIDENCE_CHARS - 1] + "…"


def _first(tags: dict[str, list[str]], dim: str) -> str | None:
    values = tags.get(dim) or []
    return values[0] if values else None
