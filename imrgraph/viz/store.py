"""Reads what the explorer draws out of the graph store, through a GraphStore (SPARQL only).

`Subgraph` holds letters (determinations with their items) and the concepts they link to, loaded a
batch of letters at a time; concept facts (item counts, overturn rates) are counted over the whole
store, so a node says the same thing in every view.
"""

from __future__ import annotations

import re
from collections import defaultdict

from .model import VizEdge, VizNode

SPECIALTY = "specialty:"  # id prefix of specialty nodes (a literal in the store, a node here)
# characters RFC 3987 forbids in an IRI: an IRI without them cannot break out of <...>
_BAD_IRI = re.compile(r'[\s<>"{}|^`\\]')
BATCH = 400  # letters per VALUES block

# item/determination -> concept links the explorer draws
LINKS = """
SELECT ?det ?from ?rel ?to WHERE {
  {values}
  { ?det imr:hasDisputedTreatment ?from . ?from imr:requestsService ?to . BIND("requestsService" AS ?rel) }
  UNION { ?det imr:hasDisputedTreatment ?from . ?from imr:requestsMedication ?to . BIND("requestsMedication" AS ?rel) }
  UNION { ?det imr:hasDisputedTreatment ?from . ?from imr:reviewerCites ?to . BIND("reviewerCites" AS ?rel) }
  UNION { ?det imr:hasDisputedTreatment ?from . ?from imr:claimsAdministratorCites ?to .
          BIND("claimsAdministratorCites" AS ?rel) }
  UNION { ?det imr:mentionsMedication ?to . BIND(?det AS ?from) BIND("mentionsMedication" AS ?rel) }
  UNION { ?det imr:hasDiagnosis ?to . BIND(?det AS ?from) BIND("hasDiagnosis" AS ?rel) }
}"""

LETTERS = """
SELECT ?det ?id ?case ?age ?sex ?injury ?occupation ?path ?layout WHERE {
  {values}
  ?det a imr:Determination .
  OPTIONAL { ?det dcterms:identifier ?id }
  OPTIONAL { ?det imr:caseNumber ?case }
  OPTIONAL { ?det imr:age ?age }
  OPTIONAL { ?det imr:sex ?sex }
  OPTIONAL { ?det imr:dateOfInjury ?injury }
  OPTIONAL { ?det imr:occupation ?occupation }
  OPTIONAL { ?det prov:wasDerivedFrom/imr:sourcePath ?path }
  OPTIONAL { ?det imr:layout ?layout }
}"""

REVIEWERS = """
SELECT ?det ?property ?value WHERE {
  {values}
  ?det imr:reviewedBy ?reviewer .
  ?reviewer ?p ?value .
  VALUES (?p ?property) { (imr:specialty "specialty") (imr:licensedIn "licensedIn") (imr:boardCertified "board") }
}"""

ITEMS = """
SELECT ?det ?item ?n ?text ?outcome ?quantity ?unit ?regions WHERE {
  {values}
  ?det imr:hasDisputedTreatment ?item .
  OPTIONAL { ?item imr:itemNumber ?n }
  OPTIONAL { ?item imr:text ?text }
  OPTIONAL { ?item imr:outcome ?o . BIND(IF(?o = imr:Overturned, "overturned", "upheld") AS ?outcome) }
  OPTIONAL { ?item imr:quantity ?quantity }
  OPTIONAL { ?item imr:unit ?unit }
  OPTIONAL { SELECT ?item (GROUP_CONCAT(?region; SEPARATOR=", ") AS ?regions)
             WHERE { ?item imr:bodyRegion ?region } GROUP BY ?item }
}"""

# text spans: letter and item facts, and where each concept is named in these letters
EVIDENCE = """
SELECT ?node ?det ?text ?start ?supports WHERE {
  {values}
  { ?det imr:evidence ?ev . BIND(?det AS ?node) }
  UNION { ?det imr:reviewedBy ?reviewer . ?reviewer imr:evidence ?ev . BIND(?det AS ?node) }
  UNION { ?det imr:hasDisputedTreatment ?node . ?node imr:evidence ?ev }
  UNION { ?det imr:hasMention ?m . ?m imr:mentionOf ?node ; imr:evidence ?ev }
  UNION { ?det imr:hasDisputedTreatment/imr:hasMention ?m . ?m imr:mentionOf ?node ; imr:evidence ?ev }
  UNION { ?det imr:hasDisputedTreatment/imr:hasCitation ?c . ?c imr:citesSection ?node ; imr:evidence ?ev }
  ?ev imr:sourceText ?text .
  OPTIONAL { ?ev imr:start ?start }
  OPTIONAL { ?ev imr:supports ?supports }
}"""

CONCEPTS = """
SELECT ?c ?kind ?label ?alt ?code ?source ?document ?chapter ?page ?category ?categoryLabel WHERE {
  {values}
  { ?c a imr:Service . BIND("service" AS ?kind)
    OPTIONAL { ?c skos:broader+ ?category . ?category a imr:TreatmentCategory
               OPTIONAL { ?category skos:prefLabel ?categoryLabel } } }
  UNION { ?c a imr:Medication . BIND("drug" AS ?kind) OPTIONAL { ?c skos:altLabel ?alt } }
  UNION { ?c a imr:Diagnosis . BIND("diagnosis" AS ?kind) OPTIONAL { ?c imr:icd10cm ?code } }
  UNION { ?c a imr:GuidelineSection . BIND("section" AS ?kind)
    OPTIONAL { ?c imr:guidelineSource ?source } OPTIONAL { ?c imr:document ?document }
    OPTIONAL { ?c imr:chapter ?chapter } OPTIONAL { ?c imr:page ?page } }
  OPTIONAL { ?c skos:prefLabel|rdfs:label ?label }
}"""

# over the whole store: how many items reach each concept, and how many of them were overturned
CONCEPT_COUNTS = """
SELECT ?c ?rel (COUNT(DISTINCT ?item) AS ?items) (COUNT(DISTINCT ?over) AS ?overturned)
       (COUNT(DISTINCT ?det) AS ?letters) WHERE {
  {values}
  { ?item imr:requestsService|imr:requestsMedication ?c . BIND("requests" AS ?rel) }
  UNION { ?item imr:reviewerCites ?c . BIND("reviewerCites" AS ?rel) }
  UNION { ?item imr:claimsAdministratorCites ?c . BIND("claimsAdministratorCites" AS ?rel) }
  UNION { ?det imr:mentionsMedication|imr:hasDiagnosis ?c . BIND("letters" AS ?rel) }
  OPTIONAL { ?item imr:outcome imr:Overturned . BIND(?item AS ?over) }
}
GROUP BY ?c ?rel"""

SPECIALTY_COUNTS = """
SELECT ?specialty (COUNT(DISTINCT ?det) AS ?letters) WHERE {
  ?det imr:reviewedBy/imr:specialty ?specialty .
} GROUP BY ?specialty"""


def iri_values(var: str, iris: list[str]) -> str:
    """A VALUES block of IRIs taken from the store; refuses anything that is not a plain IRI."""
    for iri in iris:
        if _BAD_IRI.search(iri) or ":" not in iri:
            raise ValueError(f"not an IRI: {iri!r}")
    return f"VALUES ?{var} {{ " + " ".join(f"<{iri}>" for iri in iris) + " }"


def select(graph, query: str, values: str = "", bindings: dict | None = None) -> list[dict]:
    """Rows of a query over a GraphStore (project prefixes predeclared), `{values}` filled with a VALUES block."""
    return graph.select(query.replace("{values}", values), bindings=bindings)


def _batched(graph, query: str, var: str, iris: list[str] | None) -> list[dict]:
    """Runs query over all of the store (iris None) or over the given IRIs a batch at a time."""
    if iris is None:
        return select(graph, query)
    rows = []
    for i in range(0, len(iris), BATCH):
        rows.extend(select(graph, query, iri_values(var, iris[i : i + BATCH])))
    return rows


def _local(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


def _pct(part: int, whole: int) -> str:
    return f"{part} of {whole} ({100 * part / whole:.0f}%)" if whole else "0"


class Subgraph:
    """Letters loaded so far, their items and the concepts they reach."""

    def __init__(self, graph):
        self.graph = graph
        self.nodes: dict[str, VizNode] = {}
        self.edges: dict[tuple[str, str, str], VizEdge] = {}
        self.letters: set[str] = set()
        self.items_of: dict[str, list[str]] = defaultdict(list)
        self._specialty_letters: dict[str, int] | None = None

    def load(self, letters: list[str] | None = None) -> None:
        """Adds these determinations (None: every letter in the store) with all they link to."""
        if letters is not None:
            letters = sorted(set(letters) - self.letters)
            if not letters:
                return
        new_concepts = self._letters(letters)
        self.add_concepts(sorted(new_concepts))
        self._evidence(letters)
        self._item_tags()

    def specialty_letters(self) -> dict[str, int]:
        """Specialty -> letters it reviewed, over the whole store."""
        if self._specialty_letters is None:
            self._specialty_letters = {str(r["specialty"]): int(r["letters"])
                                       for r in select(self.graph, SPECIALTY_COUNTS)}
        return self._specialty_letters

    def neighbours(self) -> dict[str, set[str]]:
        adjacency: dict[str, set[str]] = defaultdict(set)
        for source, target, _rel in self.edges:
            adjacency[source].add(target)
            adjacency[target].add(source)
        return adjacency

    # ---- letters and items ----
    def _letters(self, letters: list[str] | None) -> set[str]:
        loaded = set()
        for row in _batched(self.graph, LETTERS, "det", letters):
            det = row["det"]
            loaded.add(det)
            facts = [("Letter id", row.get("id") or _local(det))]
            facts += [(label, str(row[key])) for key, label in (
                ("case", "Case number"), ("age", "Patient age"), ("sex", "Patient sex"),
                ("occupation", "Occupation"), ("injury", "Date of injury"), ("layout", "Letter layout"),
                ("path", "Source file")) if row.get(key) not in (None, "")]
            self.nodes[det] = VizNode(det, "determination", row.get("case") or row.get("id") or _local(det), facts)
        self.letters |= loaded
        reviewer: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for row in _batched(self.graph, REVIEWERS, "det", letters):
            reviewer[row["det"]][row["property"]].append(str(row["value"]))
        for det, props in reviewer.items():
            node = self.nodes[det]
            if props["specialty"]:
                node.facts.append(("Reviewer", ", ".join(props["specialty"])))
            if props["board"]:
                node.facts.append(("Board certified", "yes" if props["board"][0] in ("True", "true") else "no"))
            if props["licensedIn"]:
                node.facts.append(("Licensed in", ", ".join(sorted(props["licensedIn"]))))
            for specialty in props["specialty"]:
                sid = SPECIALTY + specialty
                if sid not in self.nodes:
                    letters_reviewed = self.specialty_letters().get(specialty, 0)
                    self.nodes[sid] = VizNode(sid, "specialty", specialty, [("Letters reviewed", str(letters_reviewed))],
                                              weight=max(1, letters_reviewed))
                self._edge(det, sid, "reviewedBy")
        for row in _batched(self.graph, ITEMS, "det", letters):
            det, item = row["det"], row["item"]
            outcome = row.get("outcome") or ""
            number = row.get("n") or _local(item)
            text = row.get("text") or f"item {number}"
            facts = [("Letter", self.nodes[det].label), ("Item", str(number)), ("Outcome", outcome or "unknown")]
            if outcome:
                necessary = "yes" if outcome == "overturned" else "no"
                facts.append(("Medically necessary", necessary))
            if row.get("quantity") is not None:
                facts.append(("Quantity", f"{row['quantity']:g} {row.get('unit') or ''}".strip()
                              if isinstance(row["quantity"], float) else f"{row['quantity']} {row.get('unit') or ''}"))
            if row.get("regions"):
                facts.append(("Body regions", row["regions"]))
            self.nodes[item] = VizNode(item, "item", text, facts, tags={"outcome": [outcome] if outcome else []})
            self.items_of[det].append(item)
            self._edge(det, item, "hasItem")
        concepts = set()
        for row in _batched(self.graph, LINKS, "det", letters):
            self._edge(row["from"], row["to"], row["rel"])
            concepts.add(row["to"])
        for det in loaded:
            self.nodes[det].weight = max(1, len(self.items_of[det]))
            outcomes = [self.nodes[i].tags["outcome"] for i in self.items_of[det]]
            upheld = sum(o == ["upheld"] for o in outcomes)
            self.nodes[det].facts.append(("Items", f"{len(outcomes)} ({upheld} upheld, "
                                                   f"{len(outcomes) - upheld} overturned)"))
        return {c for c in concepts if c not in self.nodes}

    def _edge(self, source: str, target: str, relation: str) -> None:
        self.edges.setdefault((source, target, relation), VizEdge(source, target, relation))

    # ---- concepts ----
    def add_concepts(self, concepts: list[str]) -> None:
        if not concepts:
            return
        described: dict[str, dict] = {}
        for row in _batched(self.graph, CONCEPTS, "c", concepts):
            entry = described.setdefault(row["c"], {"kind": row["kind"], "alt": set()})
            for key in ("label", "code", "source", "document", "chapter", "page", "category", "categoryLabel"):
                if row.get(key) not in (None, ""):
                    entry.setdefault(key, row[key])
            if row.get("alt"):
                entry["alt"].add(row["alt"])
        counts: dict[str, dict[str, tuple[int, int, int]]] = defaultdict(dict)
        for row in _batched(self.graph, CONCEPT_COUNTS, "c", concepts):
            counts[row["c"]][row["rel"]] = (int(row["items"]), int(row["overturned"]), int(row["letters"]))
        for iri in concepts:
            entry = described.get(iri, {"kind": "service", "alt": set()})
            self.nodes[iri] = self._concept_node(iri, entry, counts.get(iri, {}))

    def _concept_node(self, iri: str, entry: dict, counts: dict) -> VizNode:
        kind = entry["kind"]
        label = str(entry.get("label") or _local(iri))
        requested, over, _ = counts.get("requests", (0, 0, 0))
        facts: list[tuple[str, str]] = []
        node = VizNode(iri, kind, label, facts, aliases=[_local(iri), *sorted(entry["alt"])])
        if kind == "service":
            node.tags = {"service": [label], "category": [str(entry.get("categoryLabel")
                                                             or _local(entry.get("category", "other")))]}
            facts += [("Service id", _local(iri)), ("DWC category", node.tags["category"][0]),
                      ("Items requesting", str(requested)), ("Overturned", _pct(over, requested))]
        elif kind == "drug":
            facts += [("Generic", label)]
            if entry["alt"]:
                facts.append(("Also written", ", ".join(sorted(entry["alt"]))))
            facts += [("Items requesting", str(requested)), ("Overturned", _pct(over, requested)),
                      ("Letters naming it", str(counts.get("letters", (0, 0, 0))[2]))]
        elif kind == "diagnosis":
            if entry.get("code"):
                facts.append(("ICD-10-CM", str(entry["code"])))
                node.aliases.append(str(entry["code"]))
            facts.append(("Letters", str(counts.get("letters", (0, 0, 0))[2])))
        elif kind == "section":
            for key, title in (("source", "Source"), ("document", "Document"), ("chapter", "Chapter"),
                               ("page", "Page")):
                if entry.get(key) not in (None, ""):
                    facts.append((title, str(entry[key])))
            cited, cited_over, _ = counts.get("reviewerCites", (0, 0, 0))
            ur, _, _ = counts.get("claimsAdministratorCites", (0, 0, 0))
            facts += [("Reviewer cites it in", f"{cited} items"), ("UR cites it in", f"{ur} items"),
                      ("Overturned when reviewer cites", _pct(cited_over, cited))]
            node.tags = {"source": [str(entry.get("source") or "other")]}
            requested = max(cited, ur)
        node.weight = max(1, requested or counts.get("letters", (0, 0, 0))[2])
        return node

    def _item_tags(self) -> None:
        """Filter values and link facts of every item: services, categories, drugs, guideline sources."""
        links: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for source, target, rel in self.edges:
            if rel in _LINK_FACTS and self.nodes[source].kind == "item":
                links[source][rel].append(target)
        for item_id, by_rel in links.items():
            item = self.nodes[item_id]
            concept = self.nodes.__getitem__
            item.tags["service"] = sorted({concept(c).label for c in by_rel["requestsService"]})
            item.tags["category"] = sorted({concept(c).tags["category"][0] for c in by_rel["requestsService"]})
            item.tags["drug"] = sorted({concept(c).label for c in by_rel["requestsMedication"]})
            item.tags["source"] = sorted({concept(c).tags["source"][0] for rel in ("reviewerCites",
                                          "claimsAdministratorCites") for c in by_rel[rel]})
            item.facts = [f for f in item.facts if f[0] not in _LINK_FACTS.values()]
            item.facts += [(title, "; ".join(sorted(concept(c).label for c in by_rel[rel])))
                           for rel, title in _LINK_FACTS.items() if by_rel[rel]]

    def _evidence(self, letters: list[str] | None) -> None:
        spans: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
        for row in _batched(self.graph, EVIDENCE, "det", letters):
            node = row["node"]
            if node not in self.nodes:
                continue
            text = " ".join(str(row["text"]).split())
            supports = _term_name(str(row.get("supports") or ""))
            if self.nodes[node].kind not in ("item", "determination"):
                text = f"{self.nodes[row['det']].label}: {text}"
            elif supports and supports not in ("rationale", "outcome"):
                text = f"{supports}: {text}"
            spans[node].append((_evidence_rank(supports), int(row.get("start") or 0), text))
        for node, found in spans.items():
            seen = dict.fromkeys(text for _rank, _start, text in sorted(found))
            self.nodes[node].evidence = [*self.nodes[node].evidence,
                                         *(t for t in seen if t not in self.nodes[node].evidence)]


_LINK_FACTS = {
    "requestsService": "Services",
    "requestsMedication": "Drug",
    "reviewerCites": "Reviewer cites",
    "claimsAdministratorCites": "UR cites",
}


def _evidence_rank(supports: str) -> int:
    """The item text first, then its decision, then the rationale, then everything else."""
    return {"": 0, "outcome": 1, "rationale": 2}.get(supports, 3)


def _term_name(iri: str) -> str:
    """imr:rationale -> "rationale"."""
    return re.split(r"[#/]", iri)[-1]
