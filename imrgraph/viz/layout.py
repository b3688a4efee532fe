"""Node positions computed in Python, so the browser never runs a long physics simulation.

Small views get a networkx spring layout that vis-network only polishes. Big views (where
in-browser physics takes minutes, see COMPONENTS.md) get a hub layout: the most connected concept
nodes (services, drugs, sections...) are spring-laid out on their co-occurrence graph, every other
node goes to the centre of the hubs it reaches, spread on a sunflower spiral, and items sit in a
ring around their determination.
"""

from __future__ import annotations

import math
from collections import defaultdict

from .model import View

SPRING_LIMIT = 300  # up to this many nodes a full spring layout is quick (< 1 s)
HUB_LIMIT = 250  # hubs laid out by spring in a big view
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
NODE_SPACING = 42.0  # px between neighbouring non-hub nodes on a spiral
RELAX_ITERATIONS = 35
RELAX_CHUNK = 256


def positions(view: View, seed: int = 7) -> dict[str, tuple[float, float]]:
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(n.id for n in view.nodes)
    graph.add_edges_from((e.source, e.target) for e in view.edges)
    if not view.nodes:
        return {}
    if len(view.nodes) <= SPRING_LIMIT:
        return _spring(graph, seed)
    return _relax(graph, _hub_layout(view, graph, seed))


def _spring(graph, seed: int) -> dict[str, tuple[float, float]]:
    import networkx as nx

    n = graph.number_of_nodes()
    scale = 120.0 + 55.0 * math.sqrt(n)
    pos = nx.spring_layout(graph, seed=seed, iterations=80, k=1.8 / math.sqrt(max(n, 1)))
    return {node: (float(x) * scale, float(y) * scale) for node, (x, y) in pos.items()}


def _hub_layout(view: View, graph, seed: int) -> dict[str, tuple[float, float]]:
    import networkx as nx

    kind = {n.id: n.kind for n in view.nodes}
    weight = {n.id: n.weight for n in view.nodes}
    # guideline sections (one per page) are too many and too scattered to anchor a layout:
    # they are placed after the items that cite them
    concepts = [n.id for n in view.nodes if n.kind not in ("item", "determination", "section")]
    if not concepts:
        concepts = [n.id for n in view.nodes if n.kind not in ("item", "determination")]
    hubs = set(sorted(concepts, key=lambda i: (-weight[i], -graph.degree(i), i))[:HUB_LIMIT])
    if not hubs:  # only letters and items: hub them on their determinations
        hubs = set(sorted(graph.nodes, key=lambda i: (-graph.degree(i), i))[:HUB_LIMIT])

    reach = {node: _hubs_near(graph, node, hubs) for node in graph.nodes if node not in hubs}
    hub_graph = nx.Graph()
    hub_graph.add_nodes_from(hubs)
    for a, b in graph.edges:
        if a in hubs and b in hubs:
            _bump(hub_graph, a, b, 3.0)
    for near in reach.values():
        near = sorted(near)[:12]
        for i, a in enumerate(near):
            for b in near[i + 1 :]:
                _bump(hub_graph, a, b, 1.0)

    n_hubs = len(hubs)
    spread = NODE_SPACING * math.sqrt(graph.number_of_nodes()) * 0.9
    hub_pos = nx.spring_layout(hub_graph, seed=seed, iterations=60, weight="weight", k=2.0 / math.sqrt(n_hubs))
    pos = {h: (float(x) * spread, float(y) * spread) for h, (x, y) in hub_pos.items()}

    # everything but items: centre of reachable hubs, spread over a spiral per spot
    by_spot: dict[tuple[int, int], list[str]] = defaultdict(list)
    centre = {}
    outer = []
    for node, near in sorted(reach.items()):
        if kind[node] == "item" and _determination_of(graph, node, kind) or kind[node] == "section" and concepts:
            continue
        if near:
            cx = sum(pos[h][0] for h in near) / len(near)
            cy = sum(pos[h][1] for h in near) / len(near)
            centre[node] = (cx, cy)
            by_spot[(round(cx / NODE_SPACING), round(cy / NODE_SPACING))].append(node)
        else:
            outer.append(node)
    for spot_nodes in by_spot.values():
        cx, cy = centre[spot_nodes[0]]
        for i, node in enumerate(spot_nodes, start=1):
            r = NODE_SPACING * 1.3 * math.sqrt(i)
            pos[node] = (cx + r * math.cos(i * GOLDEN_ANGLE), cy + r * math.sin(i * GOLDEN_ANGLE))
    radius = spread * 1.25
    for i, node in enumerate(outer):
        angle = 2 * math.pi * i / max(len(outer), 1)
        pos[node] = (radius * math.cos(angle), radius * math.sin(angle))

    # items in a ring around their determination
    for det in (n for n in graph.nodes if kind[n] == "determination"):
        items = sorted(m for m in graph.neighbors(det) if kind[m] == "item" and m not in pos)
        dx, dy = pos.get(det, (0.0, 0.0))
        ring = 24.0 + 5.0 * len(items)
        for i, item in enumerate(items):
            angle = 2 * math.pi * i / len(items) + 0.5
            pos[item] = (dx + ring * math.cos(angle), dy + ring * math.sin(angle))
    # sections beside the items citing them, spread like the letters
    sections = sorted(n for n in graph.nodes if n not in pos and kind[n] == "section")
    by_spot.clear()
    for node in sections:
        placed = [pos[m] for m in graph.neighbors(node) if m in pos]
        if placed:
            centre[node] = (sum(p[0] for p in placed) / len(placed), sum(p[1] for p in placed) / len(placed))
            by_spot[(round(centre[node][0] / NODE_SPACING), round(centre[node][1] / NODE_SPACING))].append(node)
    for spot_nodes in by_spot.values():
        cx, cy = centre[spot_nodes[0]]
        for i, node in enumerate(spot_nodes):
            r = NODE_SPACING * (0.8 + 1.1 * math.sqrt(i))
            pos[node] = (cx + r * math.cos(i * GOLDEN_ANGLE + 1.0), cy + r * math.sin(i * GOLDEN_ANGLE + 1.0))
    for node in graph.nodes:  # anything left unplaced (items without a letter in the view)
        pos.setdefault(node, (0.0, 0.0))
    return pos


def _relax(graph, start: dict[str, tuple[float, float]], iterations: int = RELAX_ITERATIONS):
    """Fruchterman-Reingold from the hub layout, in numpy (networkx's big-graph path needs scipy):
    all-pairs repulsion in row chunks, so memory stays O(n * CHUNK)."""
    import numpy as np

    order = list(graph.nodes)
    index = {node: i for i, node in enumerate(order)}
    pos = np.array([start[node] for node in order], dtype=np.float64)
    n = len(order)
    src = np.array([index[a] for a, b in graph.edges], dtype=np.int64)
    dst = np.array([index[b] for a, b in graph.edges], dtype=np.int64)
    k = NODE_SPACING * 1.6  # ideal edge length, px
    temperature = float(np.ptp(pos, axis=0).max()) / 10 or k
    x, y = pos[:, 0].copy(), pos[:, 1].copy()
    for step in range(iterations):
        mx, my = np.zeros(n), np.zeros(n)
        for lo in range(0, n, RELAX_CHUNK):
            dx = x[lo : lo + RELAX_CHUNK, None] - x[None, :]
            dy = y[lo : lo + RELAX_CHUNK, None] - y[None, :]
            push = (k * k) / np.maximum(dx * dx + dy * dy, 1.0)
            mx[lo : lo + RELAX_CHUNK] = (dx * push).sum(1)
            my[lo : lo + RELAX_CHUNK] = (dy * push).sum(1)
        if len(src):
            dx, dy = x[src] - x[dst], y[src] - y[dst]
            pull = np.sqrt(dx * dx + dy * dy) / k
            mx -= np.bincount(src, dx * pull, n) - np.bincount(dst, dx * pull, n)
            my -= np.bincount(src, dy * pull, n) - np.bincount(dst, dy * pull, n)
        length = np.maximum(np.sqrt(mx * mx + my * my), 1e-9)
        scale = np.minimum(length, temperature) / length
        x += mx * scale
        y += my * scale
        temperature *= 1 - 1 / (iterations - step + 1)
    pos = np.column_stack([x, y])
    return {node: (float(pos[i, 0]), float(pos[i, 1])) for i, node in enumerate(order)}


def _bump(graph, a: str, b: str, w: float) -> None:
    if graph.has_edge(a, b):
        graph[a][b]["weight"] += w
    else:
        graph.add_edge(a, b, weight=w)


def _hubs_near(graph, node: str, hubs: set[str]) -> set[str]:
    """Hubs one or two steps away, not walking through other hubs."""
    near = set()
    for m in graph.neighbors(node):
        if m in hubs:
            near.add(m)
            continue
        near.update(h for h in graph.neighbors(m) if h in hubs)
    return near


def _determination_of(graph, item: str, kind: dict[str, str]) -> str | None:
    return next((m for m in graph.neighbors(item) if kind[m] == "determination"), None)
