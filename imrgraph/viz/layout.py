"""Node positions computed in Python, so the browser never runs a long physics simulation.

A small graph (the whole store of a few dozen letters, a focus view) gets a networkx spring layout
that vis-network only polishes. The overview and a letter's view are drawn in columns of labelled
boxes, each column's boxes stacked with room between them, so no two labels can overlap whatever
their length: the box sizes here are upper bounds of what the page draws (explorer.js uses the
same font, margin and width limit).
"""

from __future__ import annotations

import math

FONT_PX = 14  # the explorer's box label font
LINE_PX = 17
CHAR_PX = 0.56 * FONT_PX  # wider than the average system-ui glyph: boxes are never underestimated
BOX_MARGIN = 8  # vis-network's box margin on each side
BOX_CHARS = 28  # label lines are cut to this many characters
ROW_GAP = 14  # px between two boxes of a column
COLUMN_GAP = 80  # px between two columns' widest boxes


def spring(node_ids: list[str], edges: list[tuple[str, str]], seed: int = 7) -> dict[str, tuple[float, float]]:
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(node_ids)
    graph.add_edges_from(edges)
    n = graph.number_of_nodes()
    if not n:
        return {}
    scale = 120.0 + 55.0 * math.sqrt(n)
    pos = nx.spring_layout(graph, seed=seed, iterations=80, k=1.8 / math.sqrt(max(n, 1)))
    return {node: (float(x) * scale, float(y) * scale) for node, (x, y) in pos.items()}


def box_size(label: str) -> tuple[float, float]:
    """Upper bound of the box vis-network draws for this label (lines already cut to BOX_CHARS)."""
    lines = label.split("\n")
    width = max(len(line) for line in lines) * CHAR_PX + 2 * BOX_MARGIN
    return width, len(lines) * LINE_PX + 2 * BOX_MARGIN


def columns(stacks: list[list[tuple[str, str]]], x0: float = 0.0) -> dict[str, tuple[float, float]]:
    """Centres for columns of (id, label) boxes, left to right, each column centred on y = 0."""
    pos: dict[str, tuple[float, float]] = {}
    x = x0
    for stack in stacks:
        if not stack:
            continue
        sizes = [box_size(label) for _id, label in stack]
        width = max(w for w, _h in sizes)
        height = sum(h for _w, h in sizes) + ROW_GAP * (len(stack) - 1)
        y = -height / 2
        for (node_id, _label), (_w, h) in zip(stack, sizes, strict=True):
            pos[node_id] = (x + width / 2, y + h / 2)
            y += h + ROW_GAP
        x += width + COLUMN_GAP
    return pos


def by_barycentre(stack: list[str], neighbours: dict[str, list[str]], placed: dict[str, float]) -> list[str]:
    """Orders a column by the mean position of each node's neighbours already placed (fewer edge
    crossings); nodes with none keep their order at the end."""
    def key(item):
        index, node = item
        ys = [placed[m] for m in neighbours.get(node, []) if m in placed]
        return (0, sum(ys) / len(ys), index) if ys else (1, 0.0, index)

    return [node for _i, node in sorted(enumerate(stack), key=key)]


def cut(text: str, chars: int = BOX_CHARS) -> str:
    """One label line of at most `chars` characters, cut at a word boundary."""
    text = " ".join(str(text).split())
    if len(text) <= chars:
        return text
    head = text[: chars - 1]
    return (head.rsplit(" ", 1)[0] if " " in head[chars // 2 :] else head).rstrip(" ,;:") + "…"
