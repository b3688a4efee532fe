"""Graph analytics over the citation structure (networkx): which guideline sections matter most,
and which sections reviewers cite together.

    from imrgraph import api, analytics
    g = api.open_store("out/store")
    analytics.influential_sections(g, top=10)      # PageRank over the item-section citation graph
    analytics.section_communities(g, service="https://w3id.org/imrgraph/id/service/acupuncture")
    analytics.communities_by_service(g)           # the same, for each of the most disputed services

Every function takes a GraphStore (`api.open_store`) or a store directory. Citations are the expert
reviewer's (`imr:reviewerCites`) unless `cited_by="claims-administrator"` or `"both"`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

CITES = {"reviewer": "imr:reviewerCites", "claims-administrator": "imr:claimsAdministratorCites",
         "both": "imr:reviewerCites|imr:claimsAdministratorCites"}

SECTIONS_QUERY = """\
SELECT ?section ?source ?document ?chapter ?page ?topic (COUNT(?citation) AS ?uses)
WHERE {
  ?section a imr:GuidelineSection .
  OPTIONAL { ?section imr:guidelineSource ?source }
  OPTIONAL { ?section imr:document ?document }
  OPTIONAL { ?section imr:chapter ?chapter }
  OPTIONAL { ?section imr:page ?page }
  OPTIONAL { ?citation imr:citesSection ?section ; imr:topic ?topic }
}
GROUP BY ?section ?source ?document ?chapter ?page ?topic"""

DOCUMENT_NAMES = {"chronic-pain": "Chronic Pain", "acoem": "ACOEM", "acupuncture": "Acupuncture",
                  "postsurgical": "Postsurgical", "opioids": "Opioids", "odg": ""}

CITATIONS_QUERY = """\
SELECT ?item ?section ?outcome
WHERE { ?item CITES ?section . OPTIONAL { ?item imr:outcome ?outcome } }"""

ITEM_SERVICES_QUERY = "SELECT ?item ?service WHERE { ?item a imr:DisputedTreatment ; imr:requestsService ?service }"

TOP_SERVICES_QUERY = """\
SELECT ?service ?label (COUNT(DISTINCT ?item) AS ?items)
WHERE { ?item imr:requestsService ?service . OPTIONAL { ?service skos:prefLabel ?label } }
GROUP BY ?service ?label
ORDER BY DESC(?items) ?service"""

OVERTURNED = "https://w3id.org/imrgraph#Overturned"


def _store(graph):
    if isinstance(graph, str | Path):
        from imrgraph.graph.store import GraphStore

        return GraphStore(graph)
    return graph


def _cites(cited_by: str) -> str:
    if cited_by not in CITES:
        raise ValueError(f"cited_by must be one of {', '.join(CITES)}, got {cited_by!r}")
    return CITES[cited_by]


def page_ranges(pages) -> str:
    """[67, 68, 69, 73] -> "pp. 67-69, 73"; [23] -> "p. 23"."""
    pages = sorted(set(pages))
    if not pages:
        return ""
    runs, start = [], pages[0]
    for previous, page in zip(pages, pages[1:] + [None], strict=True):
        if page is None or page != previous + 1:  # a run ends
            runs.append(str(start) if start == previous else f"{start}-{previous}")
            start = page
    return ("p. " if len(pages) == 1 else "pp. ") + ", ".join(runs)


def unit_label(source: str | None, document: str | None, chapter: str | None, pages=(),
               topic: str | None = None) -> str:
    """A readable name for a guideline unit: "MTUS Chronic Pain pp. 76-80: Opioids criteria for use",
    "MTUS ACOEM ch. 12", "ODG Mental Illness and Stress: Insomnia treatment"."""
    parts = [source or "other", DOCUMENT_NAMES.get(document or "", document or "")]
    if chapter:
        parts.append(f"ch. {chapter}" if chapter.isdigit() else chapter)
    parts.append(page_ranges(pages))
    label = " ".join(p for p in parts if p)
    topic = topic_label(topic)
    return f"{label}: {topic}" if topic else label


# A citation's topic is the text after the guideline's name, as the letter wrote it; where the
# sentence goes on ("...(AEDs) The is the presumptively correct standard", "; which are part of
# the", "; updated 02/05/15") what follows is not part of the title.
_TOPIC_SENTENCE = re.compile(r"\s+(?:(?:The|This|These|Those|That|It|Its|Per|See)\s+(?=[a-z])"
                             r"|(?:is|are|was|were|which|that|provides?|addresses|recommends?)\b)")
_TOPIC_FRAGMENT = re.compile(r"^(?:and|or|which|that|is|are|was|were|the|this|these|those|it|its|as|in|on|of|per|by|"
                             r"see|with|provides?|updated)\b", re.IGNORECASE)
_TOPIC_LEADING = re.compile(r"^(?:and|or)\s+", re.IGNORECASE)
# the guideline's own name given as its topic ("ACOEM Practice Guidelines")
_TOPIC_DOCUMENT = re.compile(r"^(?:the\s+)?(?:CA\s+)?(?:ACOEM|MTUS|ODG|Official Disability Guidelines)"
                             r"(?:\s+(?:Practice\s+)?Guidelines?)?$", re.IGNORECASE)
_TOPIC_DANGLING = re.compile(r"(?:\s+(?:the|of|and|or|a|an|to|for|in|on|which|that))+$", re.IGNORECASE)
TOPIC_CHARS = 70


def topic_label(topic: str | None) -> str | None:
    """A citation topic as a title: its parts (joined by "; ") without the sentence fragments
    extraction carried along, each part cut where a sentence starts, repeats dropped, at most
    TOPIC_CHARS characters. None when nothing title-like is left."""
    if not topic:
        return None
    kept: dict[str, str] = {}
    for part in topic.split(";"):
        part = " ".join(part.split())
        if part.endswith(("...", "…")):  # cut off by extraction: its last word is partial
            part = part.rstrip(".…")
            part = part.rsplit(" ", 1)[0] if " " in part else part
        part = _TOPIC_LEADING.sub("", part.rstrip("."))
        part = _TOPIC_SENTENCE.split(part, maxsplit=1)[0]
        part = _TOPIC_DANGLING.sub("", part).strip(" ,;:")
        if len(part) < 2 or _TOPIC_FRAGMENT.match(part) or _TOPIC_DOCUMENT.match(part):
            continue
        kept.setdefault(part.lower(), part)
    label = "; ".join(kept.values())
    if len(label) > TOPIC_CHARS:
        label = label[: TOPIC_CHARS - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"
    return label or None


@dataclass
class Section:
    source: str | None = None
    document: str | None = None
    chapter: str | None = None
    page: int | None = None
    topics: Counter = field(default_factory=Counter)

    def topic(self) -> str | None:
        """The topic citations give this section, when most of them agree on one (topics are free
        text on each citation; a whole ODG chapter is cited under many)."""
        if not self.topics:
            return None
        topic, uses = max(self.topics.items(), key=lambda kv: (kv[1], kv[0]))
        return topic if uses * 2 > sum(self.topics.values()) else None


def sections(graph) -> dict[str, Section]:
    """Every guideline section IRI with its source, document, chapter, page and citation topics."""
    found: dict[str, Section] = {}
    for row in _store(graph).select(SECTIONS_QUERY):
        section = found.setdefault(row["section"], Section(row["source"], row["document"], row["chapter"],
                                                           row["page"]))
        if row["topic"]:
            section.topics[row["topic"]] += row["uses"]
    return found


def citation_graph(graph, cited_by: str = "reviewer"):
    """Undirected bipartite networkx Graph: item nodes (kind="item", overturned) linked to the
    guideline-section nodes (kind="section") they cite.

    Pages cited only ever together by the same items (a citation of pp. 76-80 makes five page
    sections, see docs/GRAPH.md) are one node here: they are indistinguishable in this graph, and
    split they would divide each citation's weight by the number of pages. A section node is
    keyed by its first IRI and carries `sections` (every IRI it stands for) and `label`."""
    import networkx as nx

    graph = _store(graph)
    known = sections(graph)
    cited: dict[str, set[str]] = {}
    overturned: dict[str, bool] = {}
    for row in graph.select(CITATIONS_QUERY.replace("CITES", _cites(cited_by))):
        cited.setdefault(row["section"], set()).add(row["item"])
        overturned[row["item"]] = row["outcome"] == OVERTURNED
    groups: dict[tuple, list[str]] = {}
    for section, items in cited.items():
        s = known.get(section, Section())
        groups.setdefault((s.source, s.document, s.chapter, frozenset(items)), []).append(section)
    citations = nx.Graph()
    for item, flag in overturned.items():
        citations.add_node(item, kind="item", overturned=flag)
    for (source, document, chapter, items), members in groups.items():
        members.sort()
        parts = [known.get(m, Section()) for m in members]
        topics = sum((p.topics for p in parts), Counter())
        label = unit_label(source, document, chapter, [p.page for p in parts if p.page is not None],
                           Section(topics=topics).topic())
        citations.add_node(members[0], kind="section", sections=members, label=label)
        citations.add_edges_from((members[0], item) for item in items)
    return citations


def influential_sections(graph, top: int = 15, cited_by: str = "reviewer") -> list[dict]:
    """The guideline sections with the highest PageRank in the item-section citation graph.

    PageRank, unlike a plain citation count, weighs a citation by how many other sections the
    citing item names: a section that carries decisions on its own ranks above one that is only
    ever listed among many. Each row: section (IRI), sections (the IRIs of pages always cited with
    it), label, pagerank (shares summing to 1 over all sections), items (citing it), overturned."""
    citations = citation_graph(graph, cited_by)
    if citations.number_of_edges() == 0:
        return []
    rank = pagerank(citations)
    nodes = [n for n, kind in citations.nodes(data="kind") if kind == "section"]
    total = sum(rank[n] for n in nodes)
    rows = []
    for section in nodes:
        items = list(citations.neighbors(section))
        rows.append({"section": section, "sections": citations.nodes[section]["sections"],
                     "label": citations.nodes[section]["label"],
                     "pagerank": rank[section] / total, "items": len(items),
                     "overturned": sum(1 for i in items if citations.nodes[i]["overturned"])})
    rows.sort(key=lambda r: (-r["pagerank"], r["section"]))
    return rows[:top]


def pagerank(graph, alpha: float = 0.85, tolerance: float = 1e-6, max_iterations: int = 100) -> dict:
    """PageRank of an undirected networkx graph by power iteration (each node shares its rank
    equally among its neighbours; isolated nodes share theirs with everyone). networkx's own
    `pagerank` needs scipy, which nothing else here uses, for graphs of a few thousand nodes."""
    nodes = list(graph)
    if not nodes:
        return {}
    neighbours = {n: list(graph.neighbors(n)) for n in nodes}
    isolated = [n for n in nodes if not neighbours[n]]
    share = 1.0 / len(nodes)
    rank = dict.fromkeys(nodes, share)
    for _ in range(max_iterations):
        base = (1.0 - alpha) * share + alpha * share * sum(rank[n] for n in isolated)
        new = dict.fromkeys(nodes, base)
        for node, around in neighbours.items():
            if around:
                part = alpha * rank[node] / len(around)
                for neighbour in around:
                    new[neighbour] += part
        converged = sum(abs(new[n] - rank[n]) for n in nodes) < tolerance * len(nodes)
        rank = new
        if converged:
            break
    return rank


def cocitation_graph(graph, service: str | None = None, cited_by: str = "reviewer"):
    """Weighted networkx Graph of guideline sections; an edge's weight is the number of items
    (requesting `service`, when given) whose reviewer cited both sections."""
    citations = citation_graph(graph, cited_by)
    items = _items(citations)
    if service is not None:
        items &= _items_by_service(_store(graph)).get(service, set())
    return _cocitation(citations, items)


def _items(citations) -> set[str]:
    return {n for n, kind in citations.nodes(data="kind") if kind == "item"}


def _items_by_service(graph) -> dict[str, set[str]]:
    by_service: dict[str, set[str]] = {}
    for row in graph.select(ITEM_SERVICES_QUERY):
        by_service.setdefault(row["service"], set()).add(row["item"])
    return by_service


def _cocitation(citations, items: set[str]):
    import networkx as nx

    together = nx.Graph()
    for item in sorted(items):
        sections = sorted(citations.neighbors(item))
        for section in sections:
            together.add_node(section, label=citations.nodes[section]["label"])
        for a, b in combinations(sections, 2):
            weight = together.get_edge_data(a, b, {"weight": 0})["weight"]
            together.add_edge(a, b, weight=weight + 1)
    return together


def section_communities(graph, service: str | None = None, cited_by: str = "reviewer",
                        seed: int = 7) -> list[dict]:
    """Groups of guideline sections reviewers cite together (Louvain communities of the weighted
    co-citation graph, fixed seed so the report is reproducible). Only groups of two or more
    sections; each: sections (IRIs), labels, cocitations (items citing two of them together)."""
    return _communities(cocitation_graph(graph, service, cited_by), seed)


def _communities(together, seed: int = 7) -> list[dict]:
    import networkx as nx

    if together.number_of_edges() == 0:
        return []
    rows = []
    for group in nx.community.louvain_communities(together, weight="weight", seed=seed):
        if len(group) < 2:
            continue
        inside = together.subgraph(group)
        members = sorted(group, key=lambda s: (-inside.degree(s, weight="weight"), s))
        rows.append({"sections": members, "labels": [together.nodes[s]["label"] for s in members],
                     "cocitations": int(inside.size(weight="weight"))})
    rows.sort(key=lambda r: (-r["cocitations"], r["sections"]))
    return rows


def communities_by_service(graph, top_services: int = 6, cited_by: str = "reviewer") -> list[dict]:
    """section_communities for each of the `top_services` services with the most disputed items:
    [{"service", "label", "items", "communities": [...]}]."""
    graph = _store(graph)
    citations = citation_graph(graph, cited_by)
    cited = _items(citations)
    by_service = _items_by_service(graph)
    rows = []
    for row in graph.select(TOP_SERVICES_QUERY)[:top_services]:
        items = cited & by_service.get(row["service"], set())
        rows.append({"service": row["service"], "label": row["label"] or row["service"].rsplit("/", 1)[-1],
                     "items": row["items"], "communities": _communities(_cocitation(citations, items))})
    return rows
