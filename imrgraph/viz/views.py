"""Which part of the graph a page draws whole: every letter of a small store, or the neighbourhood of
a focus term. A view that would hold more nodes than the budget is not drawn whole: the page opens
on the overview instead (explore.py), where the reader expands what they click.
"""

from __future__ import annotations

from collections import defaultdict, deque

from imrgraph.errors import UserError

from . import store
from .model import View, VizEdge, VizNode


class UnknownFocus(UserError):
    """A focus term that names nothing in the store."""


def resolve(graph, term: str, concepts: dict[str, VizNode] | None = None) -> tuple[str, str]:
    """A focus term -> (node id, kind), by the lookup rule of store.find: an IRI, letter id or case
    number, service, drug (generic or brand), guideline section ("MTUS chronic-pain p.23"),
    ICD-10-CM code or diagnosis, specialty."""
    text = " ".join(str(term).split())
    if not text:
        raise UnknownFocus("empty focus term")
    found = store.find(graph, text, limit=1, concepts=concepts)
    if not found:
        raise UnknownFocus(f"unknown focus {text!r}: not a letter id, case number, service, drug, guideline "
                           "section (e.g. 'MTUS chronic-pain p.23'), diagnosis, specialty or IRI in the store")
    return found[0].id, found[0].kind


def whole(records: list[store.LetterRecord], concepts: dict[str, VizNode]) -> tuple[list[VizNode], list[VizEdge]]:
    """Every letter of `records` with its items and all they link to."""
    nodes: dict[str, VizNode] = {}
    edges: dict[tuple[str, str, str], VizEdge] = {}
    for record in records:
        nodes[record.node.id] = record.node
        for item in record.items:
            nodes[item.id] = item
        for edge in record.edges:
            if edge.target in concepts or edge.target in nodes:
                nodes.setdefault(edge.target, concepts.get(edge.target))
                edges[(edge.source, edge.target, edge.relation)] = edge
    _tag_items(records, nodes)
    return [n for n in nodes.values() if n is not None], list(edges.values())


def _tag_items(records: list[store.LetterRecord], nodes: dict[str, VizNode]) -> None:
    """Filter values of every item: its services, their categories, its drug, its guideline sources;
    and its links as facts."""
    for record in records:
        for item in record.items:
            linked: dict[str, list[VizNode]] = defaultdict(list)
            for e in record.edges:
                if e.source == item.id and e.target in nodes and nodes[e.target] is not None:
                    linked[e.relation].append(nodes[e.target])
            services = linked["requestsService"]
            item.tags["service"] = sorted({s.label for s in services})
            item.tags["category"] = sorted({c for s in services for c in s.tags.get("category", [])})
            item.tags["drug"] = sorted({d.label for d in linked["requestsMedication"]})
            item.tags["source"] = sorted({src for rel in ("reviewerCites", "claimsAdministratorCites")
                                          for s in linked[rel] for src in s.tags.get("source", [])})
            item.facts = [f for f in item.facts if f[0] not in _LINK_FACTS.values()]
            item.facts += [(title, "; ".join(sorted({n.label for n in linked[rel]})))
                           for rel, title in _LINK_FACTS.items() if linked[rel]]


_LINK_FACTS = {"requestsService": "Services", "requestsMedication": "Drug", "reviewerCites": "Reviewer cites",
               "claimsAdministratorCites": "UR cites"}


def full_view(records: list[store.LetterRecord], concepts: dict[str, VizNode]) -> View:
    nodes, edges = whole(records, concepts)
    letters, items = len(records), sum(len(r.items) for r in records)
    title = f"IMR determinations: {letters} letter{'s' if letters != 1 else ''}, {items} items"
    view = View("full", title, nodes, edges)
    if not letters:
        view.note = "The store holds no letters yet: run `imrgraph build` first."
    return view


def focus_view(graph, focus: str, kind: str, hops: int, node_budget: int,
               concepts: dict[str, VizNode]) -> View | None:
    """The letters and concepts within `hops` of the focus (a letter and its items count as one
    place); None when that is more than `node_budget` nodes."""
    hops = max(0, int(hops))
    records: dict[str, store.LetterRecord] = {}
    wanted = _letters_touching(graph, [(focus, kind)], concepts, node_budget)
    while True:
        if len(records.keys() | wanted) * 2 > node_budget:
            return None
        for record in store.letter_records(graph, sorted(wanted)):
            records[record.node.id] = record
        nodes, edges = whole(list(records.values()), concepts)
        if focus not in {n.id for n in nodes} and focus in concepts:
            nodes.append(concepts[focus])
        depth = _depths(nodes, edges, focus)
        # concepts short of the hop limit: their other letters are within reach too
        kind_of = {n.id: n.kind for n in nodes}
        reached = [(n, kind_of[n]) for n, d in depth.items() if d < hops and kind_of[n] not in ("item", "determination")]
        wanted = _letters_touching(graph, reached, concepts, node_budget) - records.keys()
        if not wanted:
            break
    keep = {n for n, d in depth.items() if d <= hops}
    nodes = [n for n in nodes if n.id in keep]
    if len(nodes) > node_budget:
        return None
    edges = [e for e in edges if e.source in keep and e.target in keep]
    label = next(n.label for n in nodes if n.id == focus)
    return View("focus", f"Around {label} ({hops} hop{'s' if hops != 1 else ''})", nodes, edges, focus=focus)


def _letters_touching(graph, nodes: list[tuple[str, str]], concepts: dict[str, VizNode], budget: int) -> set[str]:
    """Letters that contain or link to these (node id, kind) pairs (at most `budget` per node: more
    than half the budget makes the view too big anyway)."""
    letters: set[str] = set()
    for node, kind in nodes:
        if kind == "determination":
            letters.add(node)
        elif kind == "item":
            letters.add(node.rsplit("/item/", 1)[0])
        elif node in concepts:
            letters.update(store.letters_of(graph, concepts[node], budget))
    return letters


def _depths(nodes: list[VizNode], edges: list[VizEdge], start: str) -> dict[str, int]:
    """Hops from start; a letter and its items count as one place (that edge costs no hop)."""
    kind = {n.id: n.kind for n in nodes}
    adjacency: dict[str, set[str]] = defaultdict(set)
    for e in edges:
        adjacency[e.source].add(e.target)
        adjacency[e.target].add(e.source)
    depth = {start: 0}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for nb in adjacency.get(node, ()):
            free = {kind.get(node), kind.get(nb)} == {"item", "determination"}
            d = depth[node] + (0 if free else 1)
            if d < depth.get(nb, 1 << 30):
                depth[nb] = d
                if free:
                    queue.appendleft(nb)
                else:
                    queue.append(nb)
    return depth
