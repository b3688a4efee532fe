"""Which part of the graph a page shows: the whole graph, a focus neighbourhood, or the overview.

Any view that would have more nodes than the budget becomes the overview (services linked to the
guideline sections reviewers cite), so a page never holds more nodes than a browser draws quickly.
"""

from __future__ import annotations

import re
from collections import deque

from imrgraph.errors import UserError

from .model import View, VizEdge, VizNode, rate_color
from .store import SPECIALTY, Subgraph, iri_values, select


class UnknownFocus(UserError):
    """A focus term that names nothing in the store."""


COUNT_LETTERS = """
SELECT (COUNT(DISTINCT ?det) AS ?letters) (COUNT(DISTINCT ?item) AS ?items) WHERE {
  ?det a imr:Determination . OPTIONAL { ?det imr:hasDisputedTreatment ?item }
}"""

# candidates for a focus term, most specific kind first (?rank)
RESOLVE = """
SELECT ?node ?kind ?needle ?squeezed WHERE {
  { ?node a imr:Determination ; dcterms:identifier|imr:caseNumber ?v .
    FILTER(LCASE(STR(?v)) = ?needle) BIND(1 AS ?rank) BIND("determination" AS ?kind) }
  UNION { ?node a imr:Service . FILTER(LCASE(STRAFTER(STR(?node), "/id/service/")) = ?needle)
    BIND(2 AS ?rank) BIND("service" AS ?kind) }
  UNION { ?node a imr:Service ; skos:prefLabel ?v . FILTER(LCASE(STR(?v)) = ?needle)
    BIND(3 AS ?rank) BIND("service" AS ?kind) }
  UNION { ?node a imr:Medication ; skos:prefLabel|skos:altLabel ?v . FILTER(LCASE(STR(?v)) = ?needle)
    BIND(4 AS ?rank) BIND("drug" AS ?kind) }
  UNION { ?node a imr:GuidelineSection ; rdfs:label ?v . FILTER(REPLACE(LCASE(STR(?v)), "[ .-]", "") = ?squeezed)
    BIND(5 AS ?rank) BIND("section" AS ?kind) }
  UNION { ?node a imr:Diagnosis ; imr:icd10cm|skos:prefLabel ?v . FILTER(LCASE(STR(?v)) = ?needle)
    BIND(6 AS ?rank) BIND("diagnosis" AS ?kind) }
}
ORDER BY ?rank STR(?node)"""

RESOLVE_SPECIALTY = """
SELECT DISTINCT ?v ?needle WHERE { ?reviewer imr:specialty ?v . FILTER(LCASE(STR(?v)) = ?needle) } ORDER BY ?v"""

RESOLVE_IRI = """SELECT ?type ?node WHERE { ?node a ?type }"""
KIND_OF_CLASS = {
    "Determination": "determination", "DisputedTreatment": "item", "Service": "service",
    "Medication": "drug", "Diagnosis": "diagnosis", "GuidelineSection": "section",
}

LETTER_OF_ITEM = """SELECT ?det ?node WHERE { ?det imr:hasDisputedTreatment ?node }"""

LETTERS_OF_CONCEPTS = """
SELECT DISTINCT ?det WHERE {
  {values}
  { ?det imr:hasDisputedTreatment ?item .
    ?item imr:requestsService|imr:requestsMedication|imr:reviewerCites|imr:claimsAdministratorCites ?c }
  UNION { ?det imr:mentionsMedication|imr:hasDiagnosis ?c }
}"""

LETTERS_OF_SPECIALTY = """
SELECT DISTINCT ?det ?specialty WHERE { ?det imr:reviewedBy/imr:specialty ?specialty }"""

OVERVIEW = """
SELECT ?service ?section (COUNT(DISTINCT ?item) AS ?items) (COUNT(DISTINCT ?over) AS ?overturned) WHERE {
  ?item imr:requestsService ?service ; imr:reviewerCites ?section .
  OPTIONAL { ?item imr:outcome imr:Overturned . BIND(?item AS ?over) }
}
GROUP BY ?service ?section"""


def choose(graph, *, focus: str | None, hops: int, node_budget: int, overview: bool = False) -> View:
    """The view a page shows; raises UnknownFocus for a focus term the store does not know."""
    if overview:
        return overview_view(graph, node_budget)
    if focus is not None:
        return focus_view(graph, focus, hops, node_budget)
    return full_view(graph, node_budget)


def full_view(graph, node_budget: int) -> View:
    counts = select(graph, COUNT_LETTERS)[0]
    letters, items = int(counts.get("letters") or 0), int(counts.get("items") or 0)
    if letters + items > node_budget:
        return _too_big(graph, node_budget, f"The graph has {letters} letters and {items} items")
    sub = Subgraph(graph)
    sub.load(None)
    title = f"IMR determinations: {letters} letter{'s' if letters != 1 else ''}, {items} items"
    view = View("full", title, list(sub.nodes.values()), list(sub.edges.values()))
    if not letters:
        view.note = "The store holds no letters yet: run `imrgraph build` first."
    if len(view.nodes) > node_budget:
        return _too_big(graph, node_budget, f"The graph has {len(view.nodes)} nodes")
    return view


def focus_view(graph, term: str, hops: int, node_budget: int) -> View:
    focus, kind = resolve(graph, term)
    hops = max(0, int(hops))
    sub = Subgraph(graph)
    wanted = _letters_touching(graph, [(focus, kind)])
    while True:
        if len(sub.letters | wanted) * 2 > node_budget:
            return _too_big(graph, node_budget, f"The view around “{term}” within {hops} hops reaches "
                                                f"{len(sub.letters | wanted)} letters")
        sub.load(sorted(wanted))
        depth = _depths(sub, focus)
        # concepts short of the hop limit: their other letters are within reach too
        reached = [(n, sub.nodes[n].kind) for n, d in depth.items()
                   if d < hops and sub.nodes[n].kind not in ("item", "determination")]
        wanted = _letters_touching(graph, reached) - sub.letters
        if not wanted:
            break
    keep = {n for n, d in depth.items() if d <= hops}
    nodes = [n for n in sub.nodes.values() if n.id in keep]
    edges = [e for e in sub.edges.values() if e.source in keep and e.target in keep]
    if len(nodes) > node_budget:
        return _too_big(graph, node_budget, f"The view around “{term}” within {hops} hops has {len(nodes)} nodes")
    label = sub.nodes[focus].label
    return View("focus", f"Around {label} ({hops} hop{'s' if hops != 1 else ''})", nodes, edges, focus=focus)


def resolve(graph, term: str) -> tuple[str, str]:
    """A focus term -> (node id, kind): an IRI, letter id or case number, service id, drug (generic or
    brand), guideline section label ("MTUS chronic-pain p.23"), ICD-10-CM code or diagnosis, specialty."""
    from imrgraph import api

    text = " ".join(str(term).split())
    if not text:
        raise UnknownFocus("empty focus term")
    if re.match(r"^https?://\S+$", text):
        try:
            rows = select(graph, RESOLVE_IRI, bindings={"node": api.term(text)})
        except ValueError:
            rows = []
        kinds = [KIND_OF_CLASS.get(str(r["type"]).rsplit("#", 1)[-1]) for r in rows]
        kinds = [k for k in kinds if k]
        if kinds:
            return text, kinds[0]
        raise UnknownFocus(f"unknown focus {text!r}: no letter, item or concept with that IRI in the store")
    needle = text.lower()
    rows = select(graph, RESOLVE, bindings={"needle": needle, "squeezed": re.sub(r"[ .-]", "", needle)})
    if rows:
        return rows[0]["node"], rows[0]["kind"]
    rows = select(graph, RESOLVE_SPECIALTY, bindings={"needle": needle})
    if rows:
        return SPECIALTY + str(rows[0]["v"]), "specialty"
    raise UnknownFocus(f"unknown focus {text!r}: not a letter id, case number, service, drug, guideline "
                       "section (e.g. 'MTUS chronic-pain p.23'), diagnosis, specialty or IRI in the store")


def _letters_touching(graph, nodes: list[tuple[str, str]]) -> set[str]:
    """Letters that contain or link to these (node id, kind) pairs."""
    from imrgraph import api

    letters: set[str] = set()
    concepts = []
    for node, kind in nodes:
        if kind == "specialty":
            rows = select(graph, LETTERS_OF_SPECIALTY, bindings={"specialty": node[len(SPECIALTY):]})
            letters.update(r["det"] for r in rows)
        elif kind == "determination":
            letters.add(node)
        elif kind == "item":
            letters.update(r["det"] for r in select(graph, LETTER_OF_ITEM, bindings={"node": api.term(node)}))
        else:
            concepts.append(node)
    for i in range(0, len(concepts), 400):
        rows = select(graph, LETTERS_OF_CONCEPTS, iri_values("c", concepts[i : i + 400]))
        letters.update(r["det"] for r in rows)
    return letters


def _depths(sub: Subgraph, start: str) -> dict[str, int]:
    """Hops from start; a letter and its items count as one place (that edge costs no hop)."""
    adjacency = sub.neighbours()
    depth = {start: 0}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for nb in adjacency.get(node, ()):
            free = {sub.nodes[node].kind, sub.nodes[nb].kind} == {"item", "determination"}
            d = depth[node] + (0 if free else 1)
            if d < depth.get(nb, 1 << 30):
                depth[nb] = d
                if free:
                    queue.appendleft(nb)
                else:
                    queue.append(nb)
    return depth


def _too_big(graph, node_budget: int, reason: str) -> View:
    view = overview_view(graph, node_budget)
    view.note = (f"{reason}, more than the node budget of {node_budget}: showing the overview instead. "
                 "Use --focus (or a larger --node-budget) to see letters. " + view.note).strip()
    return view


def overview_view(graph, node_budget: int) -> View:
    rows = select(graph, OVERVIEW)
    services: dict[str, list[int]] = {}
    sections: dict[str, list[int]] = {}
    for row in rows:
        for table, key in ((services, row["service"]), (sections, row["section"])):
            totals = table.setdefault(key, [0, 0])
            totals[0] += int(row["items"])
            totals[1] += int(row["overturned"])
    room = max(0, node_budget - len(services))
    ranked = sorted(sections, key=lambda s: (-sections[s][0], s))
    kept = set(ranked[:room])
    sub = Subgraph(graph)
    sub.add_concepts(sorted(services) + sorted(kept))
    nodes: dict[str, VizNode] = {iri: sub.nodes[iri] for iri in [*sorted(services), *sorted(kept)]}
    edges = []
    for row in rows:
        service, section = row["service"], row["section"]
        if section not in kept:
            continue
        items, over = int(row["items"]), int(row["overturned"])
        edges.append(VizEdge(service, section, "servicesCite", count=items, color=rate_color(over / items)))
        for dim in ("service", "category"):
            for value in nodes[service].tags[dim]:
                _add(nodes[section].tags, dim, value)
        _add(nodes[service].tags, "source", nodes[section].tags["source"][0])
    title = f"Overview: {len(services)} services, {len(kept)} guideline sections"
    note = ""
    if len(kept) < len(sections):
        note = f"Showing the {len(kept)} most cited of {len(sections)} guideline sections."
    if not rows:
        note = "No item in the store has both a service and a guideline section its reviewer cites."
    return View("overview", title, list(nodes.values()), edges, note=note, anchors=("service", "section"))


def _add(tags: dict[str, list[str]], dim: str, value: str) -> None:
    values = tags.setdefault(dim, [])
    if value not in values:
        values.append(value)
