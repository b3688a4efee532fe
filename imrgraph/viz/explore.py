"""The explorer for graphs too big to draw whole: an overview that reads at a glance, a node's
neighbourhood to add on click, a letter as its own view, and search.

The same functions answer the static page (every concept's neighbourhood and, up to a budget, every
letter, embedded in graph.html) and `imrgraph serve` (one node at a time, `viz.live`), so the two
show the same thing. Everything the page gets is a plain JSON-able dict; letter text stays text
(the page only ever sets it with textContent).
"""

from __future__ import annotations

from collections import defaultdict

from . import layout, store
from .model import VizNode

NEIGHBOURS = 12  # neighbours per relation a click adds
LETTERS = 8  # letters a click on a concept adds
OVERVIEW = {"category": 11, "service": 14, "section": 12, "drug": 10}  # nodes per column
# overview edges: each service or drug to its most cited sections, each section to its main services
OVERVIEW_LINKS_OUT, OVERVIEW_LINKS_IN = 2, 2


def node_json(node: VizNode) -> dict:
    """What the page knows of a node (ids are IRIs; names and facts are letter text, shown as text)."""
    out = {"id": node.id, "kind": node.kind, "name": node.label, "label": box_label(node),
           "facts": [list(f) for f in node.facts], "tags": node.tags,
           "search": sorted({node.label.lower(), *node.aliases}), "items": node.items,
           "rate": None if node.rate is None else round(node.rate, 4)}
    if node.kind == "item":
        out["outcome"] = (node.tags.get("outcome") or [None])[0]
    return out


def box_label(node: VizNode) -> str:
    """Two lines: the name, cut to fit a box, and what it counts."""
    if node.kind == "item":
        outcome = (node.tags.get("outcome") or ["no outcome"])[0]
        return f"{layout.cut(node.label)}\n{outcome}"
    if node.kind == "determination":
        over = round((node.rate or 0) * node.items)
        return f"{layout.cut(node.label)}\n{node.items} item{'s' if node.items != 1 else ''}, {over} overturned"
    if node.kind == "diagnosis":
        letters = next((v for k, v in node.facts if k == "Letters"), "0")
        return f"{layout.cut(node.label)}\n{letters} letter{'' if letters == '1' else 's'}"
    if node.rate is None:
        return layout.cut(node.label)
    items = f"{node.items:,} item{'' if node.items == 1 else 's'}"
    return f"{layout.cut(node.label)}\n{items}, {round(100 * node.rate)}% overturned"


class Index:
    """Every concept with its store-wide counts and the aggregated links between concepts: what the
    overview and the neighbourhoods are made of. Its size follows the concepts, not the letters."""

    def __init__(self, graph):
        self.concepts = store.concept_nodes(graph)
        self.links: dict[str, list[tuple[str, str, store.Tally, bool]]] = defaultdict(list)
        for pair in store.concept_pairs(graph):
            if pair.a in self.concepts and pair.b in self.concepts:
                self.links[pair.a].append((pair.b, pair.relation, pair.tally, True))
                self.links[pair.b].append((pair.a, pair.relation, pair.tally, False))
        self._tag()

    def _tag(self) -> None:
        """Filter values: a service's category; a section's or drug's categories and guideline sources
        through the services and sections it is linked with."""
        nodes = self.concepts
        for node in nodes.values():
            if node.kind == "service" and node.category in nodes:
                node.tags["category"] = [nodes[node.category].label]
        for node in nodes.values():
            if node.kind in ("section", "drug"):
                linked = [nodes[other] for other, _rel, _tally, _out in self.links.get(node.id, ())]
                categories = {c for n in linked if n.kind == "service" for c in n.tags.get("category", [])}
                sources = {s for n in linked if n.kind == "section" for s in n.tags.get("source", [])}
                node.tags.setdefault("category", []).extend(sorted(categories))
                node.tags.setdefault("source", []).extend(sorted(sources - set(node.tags.get("source", []))))
            if node.kind == "service":
                sources = {s for other, rel, _t, _o in self.links.get(node.id, ()) if rel == "servicesCite"
                           for s in nodes[other].tags.get("source", [])}
                node.tags["source"] = sorted(sources)

    def neighbours(self, node_id: str, limit: int = NEIGHBOURS) -> tuple[list[dict], dict[str, int]]:
        """The concepts linked with node_id, the most items first, at most `limit` per relation, as
        page edges; and how many more each relation has."""
        by_relation: dict[tuple[str, bool], list] = defaultdict(list)
        for other, relation, tally, out in self.links.get(node_id, ()):
            by_relation[(relation, out)].append((other, tally))
        edges, more = [], {}
        for (relation, out), found in by_relation.items():
            found.sort(key=lambda f: (-f[1].items, self.concepts[f[0]].label))
            for other, tally in found[:limit]:
                source, target = (node_id, other) if out else (other, node_id)
                edges.append(edge_json(source, target, relation, tally))
            if len(found) > limit:
                more[relation] = len(found) - limit
        return edges, more


def edge_json(source: str, target: str, relation: str, tally: store.Tally | None = None) -> dict:
    edge = {"from": source, "to": target, "relation": relation}
    if tally is not None and tally.items:
        edge["count"], edge["overturned"] = tally.items, tally.overturned
    return edge


def overview(index: Index) -> dict:
    """The first view of a big graph: DWC categories, the services most disputed, the guideline
    sections reviewers cite most and the drugs most requested, in four columns with their counts and
    overturn rates; edges join each service or drug to the sections cited for it."""
    concepts = index.concepts

    def top(kind: str) -> list[VizNode]:
        ranked = sorted((n for n in concepts.values() if n.kind == kind and n.items),
                        key=lambda n: (-n.items, n.label))
        return ranked[: OVERVIEW[kind]]

    categories, services, sections, drugs = top("category"), top("service"), top("section"), top("drug")
    shown = {n.id for n in [*categories, *services, *sections, *drugs]}
    edges: dict[tuple[str, str, str], dict] = {}
    for service in services:
        if service.category in shown:
            edges[(service.id, service.category, "inCategory")] = edge_json(service.id, service.category, "inCategory")
    cites: list[tuple[str, str, store.Tally]] = [
        (node.id, other, tally) for node in [*services, *drugs]
        for other, relation, tally, out in index.links.get(node.id, ())
        if relation == "servicesCite" and out and other in shown]
    for end, count in ((0, OVERVIEW_LINKS_OUT), (1, OVERVIEW_LINKS_IN)):
        grouped: dict[str, list] = defaultdict(list)
        for link in cites:
            grouped[link[end]].append(link)
        for links in grouped.values():
            for a, b, tally in sorted(links, key=lambda link: -link[2].items)[:count]:
                edges[(a, b, "servicesCite")] = edge_json(a, b, "servicesCite", tally)
    # order each column by where its neighbours sit, so edges cross less
    neighbours: dict[str, list[str]] = defaultdict(list)
    for e in edges.values():
        neighbours[e["from"]].append(e["to"])
        neighbours[e["to"]].append(e["from"])
    order = {n.id: i for i, n in enumerate(categories)}
    services = sorted(services, key=lambda s: (order.get(s.category, len(order)), -s.items))
    placed = {n.id: float(i) for i, n in enumerate(services)}
    section_ids = layout.by_barycentre([n.id for n in sections], neighbours, placed)
    placed.update({s: float(i) for i, s in enumerate(section_ids)})
    drug_ids = layout.by_barycentre([n.id for n in drugs], neighbours, placed)
    stacks = [[(n.id, box_label(n)) for n in categories], [(n.id, box_label(n)) for n in services],
              [(s, box_label(concepts[s])) for s in section_ids], [(d, box_label(concepts[d])) for d in drug_ids]]
    positions = layout.columns(stacks)
    nodes = [dict(node_json(concepts[i]), x=round(positions[i][0], 1), y=round(positions[i][1], 1))
             for stack in stacks for i, _label in stack]
    # each column's heading, above its first box
    headings = [{"label": title, "x": round(positions[stack[0][0]][0], 1),
                 "y": round(min(positions[i][1] - layout.box_size(label)[1] / 2 for i, label in stack) - 12, 1)}
                for title, stack in zip(COLUMN_TITLES, stacks, strict=True) if stack]
    return {"nodes": nodes, "edges": list(edges.values()), "headings": headings}


COLUMN_TITLES = ("DWC category", "Service", "Guideline section cited", "Drug")


def neighbourhood(index: Index, node_id: str, letters: list[VizNode], limit: int = NEIGHBOURS,
                  letters_total: int | None = None) -> dict:
    """What a click on a concept adds: its linked concepts (at most `limit` per relation) and the
    letters most involved with it."""
    node = index.concepts[node_id]
    edges, more = index.neighbours(node_id, limit)
    relation = _LETTER_RELATION.get(node.kind, "mentions")
    edges += [edge_json(letter.id, node_id, relation) for letter in letters]
    ids = {e["from"] for e in edges} | {e["to"] for e in edges}
    nodes = [node_json(index.concepts[i]) for i in sorted(ids) if i in index.concepts]
    nodes += [node_json(letter) for letter in letters]
    if letters_total is not None and letters_total > len(letters):
        more["letters"] = letters_total - len(letters)
    return {"id": node_id, "nodes": nodes, "edges": edges, "more": more}


# how a letter is drawn linked to a concept it involves
_LETTER_RELATION = {"service": "requestsService", "category": "requestsService", "drug": "requestsMedication",
                    "section": "reviewerCites", "diagnosis": "hasDiagnosis", "specialty": "reviewedBy"}


def letter_view(record: store.LetterRecord, concepts: dict[str, VizNode], refs: bool = False) -> dict:
    """A letter as its own view: the letter, its items with their decisions, what each requests and
    cites, the letter's diagnoses, drugs and reviewer; with the letter text behind each fact (the
    page lays the view out in columns: what the letter names, the letter, its items, what they
    request and cite). `refs`: concepts the page already holds are given by id, kind and name only."""
    det = record.node
    units: dict[str, str] = {}  # first section of a citation -> its label (pages and topic of the citation)
    section_of: dict[str, str] = {}  # every section of a citation -> the node standing for the citation
    for citation in record.citations:
        first = citation.sections[0]
        if first not in units:
            unit = concepts[first].unit if first in concepts else (None, None, None, None)
            pages = sorted(int(concepts[s].unit[3]) for s in citation.sections
                           if s in concepts and concepts[s].unit and concepts[s].unit[3] is not None)
            units[first] = store.section_label(unit, {citation.topic: 1} if citation.topic else None, pages)
        for section in citation.sections:
            section_of.setdefault(section, first)
    edges: dict[tuple[str, str, str], None] = {}
    for e in record.edges:
        target = section_of.get(e.target, e.target)
        if target in concepts or target in units or e.relation == "hasItem":
            edges[(e.source, target, e.relation)] = None
    nodes = [_brief(det), *(_brief(i) for i in record.items)]
    for target in dict.fromkeys(t for _s, t, _r in edges):
        if target in units:
            nodes.append({"id": target, "kind": "section", "name": units[target],
                          "label": layout.cut(units[target]), "base": target in concepts})
        elif target in concepts and not any(n["id"] == target for n in nodes):
            concept = concepts[target]
            nodes.append({"id": target, "kind": concept.kind, "name": concept.label} if refs else node_json(concept))
    return {"id": det.id, "nodes": nodes, "edges": [list(e) for e in edges],
            "letter": _letter_card(record, concepts, units)}


def _brief(node: VizNode) -> dict:
    """A letter or item as its letter's view draws it (the details panel holds the rest)."""
    out = {"id": node.id, "kind": node.kind, "name": node.label, "label": box_label(node)}
    if node.kind == "item":
        out["outcome"] = (node.tags.get("outcome") or [None])[0]
        out["facts"] = [list(f) for f in node.facts]
    return out


def _letter_card(record: store.LetterRecord, concepts: dict[str, VizNode], units: dict[str, str]) -> dict:
    """The letter as the details panel reads it: each fact with the words of the letter it was read
    from; each item's decision and rationale as the letter gives them, what it requests, the guideline
    passages cited for it and the limits they state."""
    def name(concept: str) -> str:
        return concepts[concept].label if concept in concepts else store.local(concept)

    items = []
    for item in record.items:
        spans = _spans_by_fact(record.evidence.get(item.id, []))
        links = [e for e in record.edges if e.source == item.id]
        said = [t for t in spans.pop("", []) if t != item.label]
        items.append({
            "id": item.id, "number": item.number, "name": item.label, "said": said,
            "outcome": (item.tags.get("outcome") or [None])[0],
            "decision": spans.pop("outcome", []) + spans.pop("medicallyNecessary", []),
            "rationale": spans.pop("rationale", []),
            "facts": _facts_with_words([f for f in item.facts if f[0] not in ("Letter", "Item", "Outcome",
                                                                              "Medically necessary")],
                                       spans, store.ITEM_FIELDS),
            "requests": [{"id": e.target, "name": name(e.target)} for e in links
                         if e.relation in ("requestsService", "requestsMedication")],
            "citations": [{"by": c.by, "label": units.get(c.sections[0]) or name(c.sections[0]), "id": c.sections[0],
                           "text": [s.text for s in c.evidence]} for c in record.citations if c.item == item.id],
            "limits": record.limits.get(item.id, [])})
    spans = _spans_by_fact(record.evidence.get(record.node.id, []))
    named = {e.target for e in record.edges if e.source == record.node.id}
    mentioned = [{"id": concept, "kind": concepts[concept].kind if concept in concepts else "",
                  "name": name(concept), "said": said}
                 for concept, said in record.mentions.items() if concept in named]
    return {"id": record.node.id, "name": record.node.label,
            "facts": _facts_with_words(record.node.facts, spans, store.LETTER_FIELDS),
            "items": items, "mentioned": mentioned}


def _spans_by_fact(spans: list[store.Evidence]) -> dict[str, list[str]]:
    by_fact: dict[str, list[str]] = defaultdict(list)
    for span in spans:
        if span.text not in by_fact[span.about]:
            by_fact[span.about].append(span.text)
    return by_fact


def _facts_with_words(facts: list[tuple[str, str]], spans: dict[str, list[str]], fields: dict[str, str]) -> list[list]:
    """[label, value, [the letter's words for it]] for each fact (a span says which property it backs)."""
    label_of = {label: key for key, label in fields.items()}
    return [[label, value, spans.get(label_of.get(label, ""), [])] for label, value in facts]


def letters_by_concept(records: list[store.LetterRecord], limit: int = LETTERS) -> dict[str, tuple[list[str], int]]:
    """For each concept, the letters most involved with it (most of its items first) and how many
    letters involve it: what a click on it adds, worked out from the letters already read."""
    involved: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for record in records:
        for e in record.edges:
            if e.relation != "hasItem":
                involved[e.target][record.node.id] += 1
        for specialty in record.specialties:
            involved[store.SPECIALTY + specialty][record.node.id] += 1
    return {concept: (store.rank_letters(letters)[:limit], len(letters)) for concept, letters in involved.items()}
