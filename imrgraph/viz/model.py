"""What the explorer draws: plain nodes and edges, independent of RDF and of vis-network.

`store.py` fills these from the graph store; `views.py` (a part drawn whole) and `explore.py` (the
overview, neighbourhoods, a letter's view) make what `page.py` turns into the HTML page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# kind -> how the page draws it; the legend lists them in this order.
KINDS: dict[str, dict[str, str]] = {
    "category": {"label": "DWC category", "shape": "box", "color": "#0d47a1"},
    "determination": {"label": "Determination (letter)", "shape": "diamond", "color": "#455a64"},
    "item": {"label": "Disputed item", "shape": "dot", "color": "#9e9e9e"},
    "service": {"label": "Service", "shape": "square", "color": "#1e88e5"},
    "drug": {"label": "Drug", "shape": "triangle", "color": "#8e24aa"},
    "diagnosis": {"label": "Diagnosis", "shape": "triangleDown", "color": "#ef6c00"},
    "section": {"label": "Guideline section", "shape": "star", "color": "#f9a825"},
    "specialty": {"label": "Reviewer specialty", "shape": "hexagon", "color": "#00897b"},
}

# Items are coloured by outcome rather than by kind.
OUTCOME_COLORS = {"upheld": "#d32f2f", "overturned": "#2e7d32"}

# edge relation -> (label drawn on the edge, how the target names it in its details)
RELATIONS = {
    "hasItem": ("disputed item", "in letter"),
    "requestsService": ("requests", "requested by"),
    "requestsMedication": ("requests drug", "requested by"),
    "mentionsMedication": ("mentions", "mentioned in"),
    "hasDiagnosis": ("diagnosis", "diagnosis in"),
    "reviewerCites": ("reviewer cites", "cited by the reviewer for"),
    "claimsAdministratorCites": ("UR cites", "cited by UR for"),
    "reviewedBy": ("reviewer", "reviewed"),
    "servicesCite": ("reviewers cite", "cited by reviewers for"),
    "requestsDrug": ("drug", "requested as"),
    "inCategory": ("in category", "services"),
}

# filter dimension -> heading in the page, in display order
FILTERS = {
    "service": "Service",
    "category": "DWC category",
    "outcome": "Outcome",
    "source": "Guideline source",
    "drug": "Drug",
}


@dataclass
class VizNode:
    id: str  # the node's IRI (a reviewer specialty: "specialty:" + its name)
    kind: str  # a KINDS key
    label: str
    facts: list[tuple[str, str]] = field(default_factory=list)  # shown on hover and click
    tags: dict[str, list[str]] = field(default_factory=dict)  # filter dimension -> values
    aliases: list[str] = field(default_factory=list)  # other names the search box finds it by
    items: int = 0  # items that reach it over the whole store (a letter: its items)
    rate: float | None = None  # share of those items overturned
    category: str | None = None  # a service's DWC category
    number: int = 0  # an item's number in its letter
    unit: tuple | None = None  # a guideline section's (source, document, chapter, page)


@dataclass
class VizEdge:
    source: str
    target: str
    relation: str  # a RELATIONS key


@dataclass
class View:
    """A part of the graph drawn whole: the store of a few letters, or a focus neighbourhood."""
    kind: str  # "full" | "focus"
    title: str
    nodes: list[VizNode]
    edges: list[VizEdge]
    note: str = ""  # shown above the network
    focus: str | None = None  # the focused node's id
