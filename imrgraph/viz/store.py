"""Reads what the explorer draws out of a read-only store (anything with `select(sparql, bindings)`
giving rows of plain values, such as `imrgraph.api.GraphStore`), by SPARQL only.

Nothing here grows faster than the letters. Counts over the whole store are aggregates whose
triple patterns sit in their own sub-SELECTs, so pyoxigraph hash-joins them (docs/GRAPH.md, "Query
speed") and only the few result rows are decoded. What belongs to letters (facts, items, links,
evidence) is read for a batch of letters at a time, each batch's lookups bounded by its letters.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache

from imrgraph.graph import iris

from .model import VizEdge, VizNode

IMR = iris.IMR
OVERTURNED = IMR + "Overturned"
SPECIALTY = "specialty:"  # id prefix of specialty nodes (a literal in the store, a node here)
DETERMINATION = iris.ID + "determination/"
# characters RFC 3987 forbids in an IRI: an IRI without them cannot break out of <...>
_BAD_IRI = re.compile(r'[\s<>"{}|^`\\]')
BATCH = 200  # letters per VALUES block

# ---- concepts: what they are and how many items / letters reach them (whole store) ----

CONCEPTS = """
SELECT ?c ?kind ?label ?alt ?code ?source ?document ?chapter ?page ?category WHERE {
  {values}
  { ?c a imr:Service . BIND("service" AS ?kind)
    OPTIONAL { ?c skos:broader+ ?category . ?category a imr:TreatmentCategory } }
  UNION { ?c a imr:TreatmentCategory . BIND("category" AS ?kind) }
  UNION { ?c a imr:Medication . BIND("drug" AS ?kind) OPTIONAL { ?c skos:altLabel ?alt } }
  UNION { ?c a imr:Diagnosis . BIND("diagnosis" AS ?kind) OPTIONAL { ?c imr:icd10cm ?code } }
  UNION { ?c a imr:GuidelineSection . BIND("section" AS ?kind)
    OPTIONAL { ?c imr:guidelineSource ?source } OPTIONAL { ?c imr:document ?document }
    OPTIONAL { ?c imr:chapter ?chapter } OPTIONAL { ?c imr:page ?page } }
  OPTIONAL { ?c skos:prefLabel|rdfs:label ?label }
}"""

# items reaching each concept, by outcome: requesting it, and cited for it by the reviewer; one query
# each (one UNION of both joins the outcomes twice as slowly)
REQUEST_COUNTS = """
SELECT ?c ?outcome (COUNT(*) AS ?n) WHERE {
  { SELECT ?item ?c WHERE { {values} ?item imr:requestsService|imr:requestsMedication ?c } }
  { SELECT ?item ?outcome WHERE { ?item imr:outcome ?outcome } }
}
GROUP BY ?c ?outcome"""

REVIEWER_CITES_COUNTS = """
SELECT ?c ?outcome (COUNT(*) AS ?n) WHERE {
  { SELECT ?item ?c WHERE { {values} ?item imr:reviewerCites ?c } }
  { SELECT ?item ?outcome WHERE { ?item imr:outcome ?outcome } }
}
GROUP BY ?c ?outcome"""

UR_CITES_COUNTS = """
SELECT ?c (COUNT(*) AS ?n) WHERE { {values} ?item imr:claimsAdministratorCites ?c } GROUP BY ?c"""

# items per DWC category, at the top of each service's skos:broader chain (an item requesting two
# services of one category counts once)
CATEGORY_COUNTS = """
SELECT ?c ?outcome (COUNT(*) AS ?n) WHERE {
  { SELECT DISTINCT ?item ?c WHERE {
      { SELECT ?item ?service WHERE { ?item imr:requestsService ?service } }
      { SELECT ?service ?c WHERE { {values} ?service skos:broader+ ?c . ?c a imr:TreatmentCategory } } } }
  { SELECT ?item ?outcome WHERE { ?item imr:outcome ?outcome } }
}
GROUP BY ?c ?outcome"""

LETTER_COUNTS = """
SELECT ?c (COUNT(*) AS ?letters) WHERE {
  {values}
  ?det imr:mentionsMedication|imr:hasDiagnosis ?c .
}
GROUP BY ?c"""

SPECIALTY_COUNTS = """
SELECT ?specialty ?outcome (COUNT(DISTINCT ?det) AS ?letters) (COUNT(?item) AS ?items) WHERE {
  { SELECT ?reviewer ?specialty WHERE { ?reviewer imr:specialty ?specialty } }
  { SELECT ?det ?reviewer WHERE { ?det imr:reviewedBy ?reviewer } }
  { SELECT ?det ?item WHERE { ?det imr:hasDisputedTreatment ?item } }
  { SELECT ?item ?outcome WHERE { ?item imr:outcome ?outcome } }
}
GROUP BY ?specialty ?outcome"""

# the topics citations give each guideline section (free text, so a section's title is the topic most
# of its citations agree on)
SECTION_TOPICS = """
SELECT ?c ?topic (COUNT(*) AS ?n) WHERE {
  { SELECT ?citation ?c WHERE { {values} ?citation imr:citesSection ?c } }
  { SELECT ?citation ?topic WHERE { ?citation imr:topic ?topic } }
}
GROUP BY ?c ?topic"""

# ---- concept to concept, through the items that link them ----

# services and drugs to the guideline sections reviewers cite for them, and services to drugs
PAIRS = """
SELECT ?a ?b ?rel ?outcome (COUNT(*) AS ?n) WHERE {
  { { SELECT ?item ?a WHERE { {values_a} ?item imr:requestsService|imr:requestsMedication ?a } }
    { SELECT ?item ?b WHERE { {values_b} ?item imr:reviewerCites ?b } }
    BIND("servicesCite" AS ?rel) }
  UNION
  { { SELECT ?item ?a WHERE { {values_a} ?item imr:requestsService ?a } }
    { SELECT ?item ?b WHERE { {values_b} ?item imr:requestsMedication ?b } }
    BIND("requestsDrug" AS ?rel) }
  { SELECT ?item ?outcome WHERE { ?item imr:outcome ?outcome } }
}
GROUP BY ?a ?b ?rel ?outcome"""

CATEGORY_OF = """
SELECT ?a ?b WHERE { {values} ?a skos:broader+ ?b . ?b a imr:TreatmentCategory }"""

# items of one concept (VALUES ?c), as far as LIMIT: the letters are read off their IRIs
# (one branch per predicate: written as a property path the query sometimes read every item first)
ITEMS_OF_CONCEPT = """
SELECT ?item WHERE {
  {values}
  { ?item imr:requestsService ?c } UNION { ?item imr:requestsMedication ?c } UNION { ?item imr:reviewerCites ?c }
  UNION { ?item imr:claimsAdministratorCites ?c } UNION { ?service skos:broader+ ?c . ?item imr:requestsService ?service }
} LIMIT {limit}"""

LETTERS_NAMING = """
SELECT ?det WHERE { {values} ?det imr:mentionsMedication|imr:hasDiagnosis ?c } LIMIT {limit}"""

LETTERS_OF_SPECIALTY = """
SELECT DISTINCT ?det ?specialty WHERE { ?det imr:reviewedBy/imr:specialty ?specialty } LIMIT {limit}"""

# ---- letters ----

# a few letters (VALUES ?det) with their item counts: lookups bounded by those letters
LETTER_STUBS = """
SELECT ?det ?id ?case (COUNT(?item) AS ?items) (SUM(IF(?outcome = imr:Overturned, 1, 0)) AS ?overturned) WHERE {
  {values}
  ?det a imr:Determination .
  OPTIONAL { ?det dcterms:identifier ?id }
  OPTIONAL { ?det imr:caseNumber ?case }
  OPTIONAL { ?det imr:hasDisputedTreatment ?item . OPTIONAL { ?item imr:outcome ?outcome } }
}
GROUP BY ?det ?id ?case"""

# what the explorer shows of a letter, read from the letters' own named graphs: one index lookup
# per predicate (per letter, or over every letter at once); each node's IRI says which letter and
# which part of it (docs/GRAPH.md, "IRIs"), so no join is needed
LETTER_FACTS = """
SELECT ?node ?p ?v WHERE {
  {values}
  VALUES ?p { dcterms:identifier imr:caseNumber imr:dateAssigned imr:applicationReceived imr:urDenialDate
              imr:decisionDate imr:priority imr:treatingPhysicianSpecialty imr:age imr:sex imr:occupation
              imr:dateOfInjury imr:bodyPart imr:layout imr:sourcePath imr:specialty imr:boardCertified
              imr:licensedIn imr:itemNumber imr:text imr:outcome imr:quantity imr:unit imr:strength imr:form
              imr:frequencyTimes imr:frequencyPer imr:durationValue imr:durationUnit imr:bodyRegion
              imr:exceedsGuidelineLimit imr:maximum imr:requestsService imr:requestsMedication
              imr:mentionsMedication imr:hasDiagnosis imr:mentionOf imr:citesSection imr:topic }
  GRAPH ?g { ?node ?p ?v }
}"""

# the text behind each fact (sub-SELECTs: hash joins, see the module docstring)
EVIDENCE = """
SELECT ?node ?start ?text ?supports WHERE {
  { SELECT ?node ?ev WHERE { {values} GRAPH ?g { ?node imr:evidence ?ev } } }
  { SELECT ?ev ?text WHERE { {values} GRAPH ?g { ?ev imr:sourceText ?text } } }
  { SELECT ?ev ?start WHERE { {values} GRAPH ?g { ?ev imr:start ?start } } }
  OPTIONAL { SELECT ?ev ?supports WHERE { {values} GRAPH ?g { ?ev imr:supports ?supports } } }
}"""

COUNT_LETTERS = """
SELECT ?letters ?items WHERE {
  { SELECT (COUNT(?det) AS ?letters) WHERE { ?det a imr:Determination } }
  { SELECT (COUNT(?item) AS ?items) WHERE { ?item a imr:DisputedTreatment } }
}"""



def iri_values(var: str, iris_: Iterable[str]) -> str:
    """A VALUES block of IRIs taken from the store; refuses anything that is not a plain IRI."""
    iris_ = list(iris_)
    for iri in iris_:
        if _BAD_IRI.search(iri) or ":" not in iri:
            raise ValueError(f"not an IRI: {iri!r}")
    return f"VALUES ?{var} {{ " + " ".join(f"<{iri}>" for iri in iris_) + " }"


def select(graph, query: str, bindings: dict | None = None, **blocks: str) -> list[dict]:
    """Rows of `query` with its {name} blocks filled (VALUES blocks made by iri_values, limits)."""
    for name, text in blocks.items():
        query = query.replace("{" + name + "}", text)
    query = re.sub(r"\{(values|values_a|values_b)\}", "", query)
    return graph.select(query, bindings=bindings)


def batches(items: list[str], size: int = BATCH) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def local(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


def letter_graph(det: str) -> str:
    """The named graph holding a letter's own triples (docs/GRAPH.md, "Named graphs")."""
    return iris.LETTER_GRAPH + det[len(DETERMINATION):]


def counts(graph) -> tuple[int, int]:
    row = select(graph, COUNT_LETTERS)[0]
    return int(row["letters"] or 0), int(row["items"] or 0)


# ---------------------------------------------------------------------------------------------
# Concepts


@dataclass
class Tally:
    """Items (and how many overturned) reaching a concept one way; letters naming it."""
    items: int = 0
    overturned: int = 0
    letters: int = 0

    def add(self, n: int, outcome: str | None) -> None:
        self.items += n
        if outcome == OVERTURNED:
            self.overturned += n

    @property
    def rate(self) -> float | None:
        return self.overturned / self.items if self.items else None


def concept_nodes(graph, only: list[str] | None = None, counts: bool = True) -> dict[str, VizNode]:
    """Concept nodes (categories, services, drugs, diagnoses, guideline sections, reviewer
    specialties) with their counts over the whole store; `only` restricts to those ids. A concept no
    item or letter reaches is left out. `counts=False`: what they are and their names only, a
    section's without its citations' topic (a few concepts named by one letter: no query over the
    whole store)."""
    iri_only = None if only is None else [i for i in only if not i.startswith(SPECIALTY)]
    specialties = None if only is None else [i[len(SPECIALTY):] for i in only if i.startswith(SPECIALTY)]
    tallies: dict[str, dict[str, Tally]] = defaultdict(lambda: defaultdict(Tally))
    described: dict[str, dict] = {}
    if iri_only is None or iri_only:
        for values in ([""] if iri_only is None else [iri_values("c", b) for b in batches(iri_only, 400)]):
            if counts:
                _count_concepts(graph, values, tallies)
            for row in select(graph, CONCEPTS, values=values):
                entry = described.setdefault(row["c"], {"kind": row["kind"], "alt": set(), "pages": set()})
                for key in ("label", "code", "source", "document", "chapter", "page", "category"):
                    if row.get(key) not in (None, ""):
                        entry.setdefault(key, row[key])
                if row.get("alt"):
                    entry["alt"].add(row["alt"])
            for row in select(graph, SECTION_TOPICS, values=values) if counts else ():
                if row["c"] in described:
                    described[row["c"]].setdefault("topics", Counter())[row["topic"]] += int(row["n"])
    nodes = {iri: _concept_node(iri, entry, tallies.get(iri, {})) for iri, entry in described.items()
             if iri in tallies or not counts}
    if counts and (specialties is None or specialties):
        nodes.update(specialty_nodes(graph, specialties))
    elif specialties:
        nodes.update({SPECIALTY + s: VizNode(SPECIALTY + s, "specialty", s, aliases=[s.lower()]) for s in specialties})
    return nodes


def _count_concepts(graph, values: str, tallies: dict[str, dict[str, Tally]]) -> None:
    for query, how in ((REQUEST_COUNTS, "requests"), (REVIEWER_CITES_COUNTS, "reviewerCites"),
                       (UR_CITES_COUNTS, "claimsAdministratorCites")):
        for row in select(graph, query, values=values):
            tallies[row["c"]][how].add(int(row["n"]), row.get("outcome"))
    for row in select(graph, CATEGORY_COUNTS, values=values):
        tallies[row["c"]]["requests"].add(int(row["n"]), row["outcome"])
    for row in select(graph, LETTER_COUNTS, values=values):
        tallies[row["c"]]["letters"].letters += int(row["letters"])


def specialty_nodes(graph, only: list[str] | None = None) -> dict[str, VizNode]:
    """Reviewer specialties (literals in the store) as nodes; one aggregate over the store, small
    whatever its size, so `only` just picks from it."""
    tallies: dict[str, Tally] = defaultdict(Tally)
    for row in select(graph, SPECIALTY_COUNTS):
        if only is None or row["specialty"] in only:
            tally = tallies[str(row["specialty"])]
            tally.add(int(row["items"]), row["outcome"])
            tally.letters += int(row["letters"])
    nodes = {}
    for name, tally in tallies.items():
        node = VizNode(SPECIALTY + name, "specialty", name, [
            ("Letters reviewed", f"{tally.letters:,}"), ("Items decided", f"{tally.items:,}"),
            ("Overturned", _pct(tally.overturned, tally.items))],
            items=tally.items, rate=tally.rate, aliases=[name.lower()])
        nodes[node.id] = node
    return nodes


def _pct(part: int, whole: int) -> str:
    return f"{part:,} of {whole:,} ({100 * part / whole:.0f}%)" if whole else "none"


def _concept_node(iri: str, entry: dict, tallies: dict[str, Tally]) -> VizNode:
    kind = entry["kind"]
    label = str(entry.get("label") or local(iri))
    requests = tallies.get("requests", Tally())
    node = VizNode(iri, kind, label, [], aliases=[local(iri).lower(), *sorted(a.lower() for a in entry["alt"])])
    facts = node.facts
    if kind == "category":
        facts += [("Items requesting", f"{requests.items:,}"), ("Overturned", _pct(requests.overturned, requests.items))]
        node.tags = {"category": [label]}
    elif kind == "service":
        category = entry.get("category")
        node.tags = {"service": [label]}
        node.category = category
        facts += [("Service id", local(iri)), ("Items requesting", f"{requests.items:,}"),
                  ("Overturned", _pct(requests.overturned, requests.items))]
    elif kind == "drug":
        if entry["alt"]:
            facts.append(("Also written", ", ".join(sorted(entry["alt"]))))
        facts += [("Items requesting", f"{requests.items:,}"), ("Overturned", _pct(requests.overturned, requests.items)),
                  ("Letters naming it", f"{tallies.get('letters', Tally()).letters:,}")]
        node.tags = {"drug": [label]}
    elif kind == "diagnosis":
        if entry.get("code"):
            facts.append(("ICD-10-CM", str(entry["code"])))
            node.aliases.append(str(entry["code"]).lower())
        facts.append(("Letters", f"{tallies.get('letters', Tally()).letters:,}"))
    elif kind == "section":
        for key, title in (("source", "Source"), ("document", "Document"), ("chapter", "Chapter"), ("page", "Page")):
            if entry.get(key) not in (None, ""):
                facts.append((title, str(entry[key])))
        node.unit = (entry.get("source"), entry.get("document"), entry.get("chapter"), entry.get("page"))
        node.label = section_label(node.unit, entry.get("topics"))
        cited, ur = tallies.get("reviewerCites", Tally()), tallies.get("claimsAdministratorCites", Tally())
        facts += [("Reviewer cites it in", f"{cited.items:,} items"), ("UR cites it in", f"{ur.items:,} items"),
                  ("Overturned when reviewer cites", _pct(cited.overturned, cited.items))]
        node.tags = {"source": [str(entry.get("source") or "other")]}
        requests = cited if cited.items else ur
        node.aliases += [label.lower(), re.sub(r"[ .-]", "", label.lower())]
    node.items = requests.items
    node.rate = requests.rate
    return node


# ---------------------------------------------------------------------------------------------
# Links between concepts


def section_label(unit: tuple, topics: Counter | None = None, pages: list[int] | None = None) -> str:
    """ "MTUS Chronic Pain p. 23: Behavioral interventions": the guideline unit, and the topic most of
    its citations give it when they agree on one (analytics.Section.topic)."""
    from imrgraph.analytics import Section, unit_label

    source, document, chapter, page = unit
    if pages is None:
        pages = [] if page is None else [int(page)]
    topic = Section(topics=topics).topic() if topics else None
    return unit_label(source, document, chapter, pages, topic)


@dataclass
class Pair:
    a: str
    b: str
    relation: str
    tally: Tally = field(default_factory=Tally)


def concept_pairs(graph, centre: str | None = None) -> list[Pair]:
    """Aggregated links between concepts through the items that join them: service or drug ->
    guideline section its reviewers cite ("servicesCite"), service -> drug ("requestsDrug"), service ->
    its DWC category ("inCategory"). `centre`: only the pairs touching that concept."""
    pairs: dict[tuple[str, str, str], Pair] = {}
    runs = [{}] if centre is None else [{"values_a": iri_values("a", [centre])},
                                        {"values_b": iri_values("b", [centre])}]
    for blocks in runs:
        for row in select(graph, PAIRS, **blocks):
            key = (row["a"], row["b"], row["rel"])
            pairs.setdefault(key, Pair(*key)).tally.add(int(row["n"]), row["outcome"])
    category_runs = [""] if centre is None else [iri_values("a", [centre]), iri_values("b", [centre])]
    for values in category_runs:
        for row in select(graph, CATEGORY_OF, values=values):
            pairs.setdefault((row["a"], row["b"], "inCategory"), Pair(row["a"], row["b"], "inCategory"))
    return list(pairs.values())


SAMPLE = 25  # items read per letter asked for: bounds a click's cost whatever the concept's size


def letters_of(graph, node: VizNode, limit: int) -> list[str]:
    """Up to `limit` letters that involve a concept, those with most of its items first (then by
    IRI). Only the first limit x SAMPLE items the store gives are counted, so a concept with
    thousands of items costs what a small one does; below that the ranking is exact."""
    if node.kind == "specialty":
        rows = select(graph, LETTERS_OF_SPECIALTY, bindings={"specialty": node.label}, limit=str(int(limit)))
        return [r["det"] for r in rows]
    if node.kind == "diagnosis":
        return [r["det"] for r in select(graph, LETTERS_NAMING, values=iri_values("c", [node.id]),
                                         limit=str(int(limit)))]
    items = Counter()
    for (item,) in _rows(graph, ITEMS_OF_CONCEPT, values=iri_values("c", [node.id]),
                         limit=str(int(limit) * SAMPLE)):
        items[item.rsplit("/item/", 1)[0]] += 1
    return rank_letters(items)[:limit]


def rank_letters(items: dict[str, int]) -> list[str]:
    """Letters by how many of a concept's items they hold, most first, then by IRI."""
    return sorted(items, key=lambda det: (-items[det], det))


# ---------------------------------------------------------------------------------------------
# Letters


def letter_stubs(graph, letters: list[str]) -> dict[str, VizNode]:
    """Letter nodes with their item counts, for the given letters."""
    stubs = {}
    for batch in batches(letters, 400):
        for row in select(graph, LETTER_STUBS, values=iri_values("det", batch)):
            det = row["det"]
            items, over = int(row["items"] or 0), int(row["overturned"] or 0)
            letter_id = row["id"] or local(det)
            name = row["case"] or letter_id
            stubs[det] = VizNode(det, "determination", name,
                                 [("Letter id", letter_id), ("Items", _items_fact(items, over))],
                                 aliases=sorted({name.lower(), letter_id.lower()}),
                                 items=items, rate=over / items if items else None)
    return stubs


def _items_fact(items: int, overturned: int) -> str:
    return f"{items} ({items - overturned} upheld, {overturned} overturned)"


@dataclass
class Evidence:
    about: str  # the fact the span backs ("" for the node itself: an item's text, a mention)
    start: int
    text: str


@dataclass
class Citation:
    iri: str
    item: str
    by: str  # "reviewer" | "UR"
    sections: list[str] = field(default_factory=list)
    topic: str | None = None
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class LetterRecord:
    """One letter as the explorer shows it: the letter, its items, what they link to, and the letter
    text behind each fact."""
    node: VizNode
    items: list[VizNode] = field(default_factory=list)
    edges: list[VizEdge] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    limits: dict[str, list[str]] = field(default_factory=dict)  # item -> limit texts
    mentions: dict[str, list[str]] = field(default_factory=dict)  # concept -> how the letter wrote it
    evidence: dict[str, list[Evidence]] = field(default_factory=dict)  # letter, item or concept -> spans
    specialties: list[str] = field(default_factory=list)

    def concepts(self) -> set[str]:
        inside = {self.node.id, *(i.id for i in self.items)}
        return {e.target for e in self.edges if e.target not in inside}


# facts shown for a letter, its reviewer and its items: predicate -> label, in display order
LETTER_FIELDS = {
    "caseNumber": "Case number", "dateAssigned": "Date assigned", "applicationReceived": "Application received",
    "urDenialDate": "UR denial", "decisionDate": "Decision date", "priority": "Priority",
    "treatingPhysicianSpecialty": "Treating physician", "age": "Patient age", "sex": "Patient sex",
    "occupation": "Occupation", "dateOfInjury": "Date of injury", "bodyPart": "Body parts", "layout": "Letter layout",
    "specialty": "Reviewer", "boardCertified": "Board certified", "licensedIn": "Licensed in",
    "sourcePath": "Source file",
}
ITEM_FIELDS = {
    "quantity": "Quantity", "strength": "Strength", "form": "Form", "frequencyTimes": "Times",
    "frequencyPer": "Per", "durationValue": "Duration", "durationUnit": "Duration unit",
    "bodyRegion": "Body regions", "exceedsGuidelineLimit": "Exceeds a stated limit",
}
LINKS = ("requestsService", "requestsMedication", "mentionsMedication", "hasDiagnosis")
EVIDENCE_CHARS = 1500  # longest span the page gets (a rationale can run to pages)
# a letter-scoped node: the letter's IRI, then which part of it
_PART = re.compile(r"^(" + re.escape(DETERMINATION) + r"[^/]+)(?:/(.*))?$")
_MENTION = re.compile(r"^(?:medication|diagnosis)/\d+$")
_ITEM = re.compile(r"^item/(\d+)(?:/(citation/(reviewer|claims-administrator)/\d+|limit/\d+|medication))?$")


def letter_records(graph, letters: list[str] | None = None, progress=None) -> list[LetterRecord]:
    """Each letter's record: every letter in one pass over their graphs (None), or the given ones a
    letter at a time. `progress(done, total)` hears how far it got."""
    if letters is None:
        records = _read_letters(graph, "")
        if progress:
            progress(len(records), len(records))
        return list(records.values())
    out = []
    for done, det in enumerate(letters, start=1):
        out.extend(_read_letters(graph, iri_values("g", [letter_graph(det)])).values())
        if progress:
            progress(done, len(letters))
    return out


def _rows(graph, query: str, **blocks: str) -> Iterator[tuple]:
    """A SELECT's rows as tuples of plain strings (None when unbound), in projection order; for
    reading many rows, where converting each value to a Python type would cost more than the query."""
    for name, text in blocks.items():
        query = query.replace("{" + name + "}", text)
    for solution in graph.query(re.sub(r"\{(values|values_a|values_b)\}", "", query)):
        yield tuple(None if term is None else term.value for term in solution)


def _read_letters(graph, values: str) -> dict[str, LetterRecord]:
    records: dict[str, LetterRecord] = {}
    props: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    citations: dict[str, Citation] = {}
    mention_of: dict[str, str] = {}  # mention -> the concept it names
    said: dict[str, list[str]] = defaultdict(list)  # mention -> its text as written
    numbers: dict[str, set[int]] = defaultdict(set)  # letter -> its item numbers

    def record(det: str) -> LetterRecord:
        if det not in records:
            records[det] = LetterRecord(VizNode(det, "determination", local(det), []))
        return records[det]

    parts: dict[str, tuple] = {}  # node -> (letter, part, item match); a node has many facts
    for node, p, v in _rows(graph, LETTER_FACTS, values=values):
        parsed = parts.get(node)
        if parsed is None:
            match = _PART.match(node)
            parsed = parts[node] = (None, None, None) if match is None else (
                *match.groups(), _ITEM.match(match[2] or ""))
        det, part, item = parsed
        if det is None:
            continue
        p = _name(p)
        letter = record(det)
        if part is None or part in ("reviewer", "source"):
            if p in LINKS:
                letter.edges.append(VizEdge(det, v, p))
            else:
                props[det][p].append(v)
        elif item and item[2] is None:
            numbers[det].add(int(item[1]))
            if p in LINKS:
                letter.edges.append(VizEdge(node, v, p))
            else:
                props[node][p].append(v)
        elif item and item[2].startswith("citation/"):
            citation = citations.get(node)
            if citation is None:
                citation = citations[node] = Citation(node, f"{det}/item/{item[1]}",
                                                      "UR" if item[3] == "claims-administrator" else "reviewer")
                letter.citations.append(citation)
            if p == "citesSection" and v not in citation.sections:
                citation.sections.append(v)
            elif p == "topic":
                citation.topic = v
        elif item and item[2].startswith("limit/"):
            if p == "text":
                letter.limits.setdefault(f"{det}/item/{item[1]}", []).append(v)
        elif _MENTION.match(part or "") or item:  # item/N/medication: the item's drug as written
            if p == "mentionOf":
                mention_of[node] = v
            elif p == "text":
                said[node].append(v)
    for node, concept in mention_of.items():
        mentions = records[_PART.match(node)[1]].mentions.setdefault(concept, [])
        mentions.extend(t for t in said.get(node, []) if t not in mentions)
    for det, letter in records.items():
        _describe(letter, props, sorted(numbers[det]))
    for node, start, text, supports in _rows(graph, EVIDENCE, values=values):
        parsed = parts.get(node)
        if parsed is None:
            match = _PART.match(node)
            parsed = parts[node] = (None, None, None) if match is None else (
                *match.groups(), _ITEM.match(match[2] or ""))
        det, part, item = parsed
        if det not in records:
            continue
        text = " ".join(text.split())
        if len(text) > EVIDENCE_CHARS:
            text = text[: EVIDENCE_CHARS - 1] + "…"
        span = Evidence(_name(supports or ""), int(start), text)
        if node in citations:
            citations[node].evidence.append(span)
            continue
        if node in mention_of:  # the letter's words for a concept: kept under the concept
            node = mention_of[node]
        elif part == "reviewer":
            node = det
        elif part is not None and not (item and item[2] is None):
            continue  # prior treatments, guideline limits...: not shown
        records[det].evidence.setdefault(node, []).append(span)
    for letter in records.values():
        for spans in letter.evidence.values():
            spans.sort(key=lambda s: (_EVIDENCE_ORDER.get(s.about, 9), s.start))
        for citation in letter.citations:
            citation.evidence.sort(key=lambda s: s.start)
    return records


def _describe(letter: LetterRecord, props: dict[str, dict[str, list[str]]], numbers: list[int]) -> None:
    det = letter.node.id
    own = props.get(det, {})
    letter_id = (own.get("identifier") or [local(det)])[0]
    letter.node.label = (own.get("caseNumber") or [letter_id])[0]
    letter.node.aliases = sorted({letter.node.label.lower(), letter_id.lower()})
    letter.specialties = list(own.get("specialty", []))
    over = 0
    for number in numbers:
        iri = f"{det}/item/{number}"
        item = _item_node(iri, number, props.get(iri, {}), letter.node.label)
        letter.items.append(item)
        letter.edges.append(VizEdge(det, iri, "hasItem"))
        over += item.tags["outcome"] == ["overturned"]
    for citation in letter.citations:
        relation = "reviewerCites" if citation.by == "reviewer" else "claimsAdministratorCites"
        for section in citation.sections:
            letter.edges.append(VizEdge(citation.item, section, relation))
    for specialty in letter.specialties:
        letter.edges.append(VizEdge(det, SPECIALTY + specialty, "reviewedBy"))
    letter.edges = list({(e.source, e.target, e.relation): e for e in letter.edges}.values())
    items = len(letter.items)
    facts = [("Letter id", letter_id), ("Items", _items_fact(items, over))]
    for key, label in LETTER_FIELDS.items():
        if own.get(key):
            facts.append((label, ", ".join(_show(key, v) for v in sorted(set(own[key]), key=own[key].index))))
    letter.node.facts = facts
    letter.node.items = items
    letter.node.rate = over / items if items else None


def _item_node(iri: str, number: int, props: dict[str, list[str]], letter: str) -> VizNode:
    outcome = props.get("outcome", [None])[0]
    outcome = None if outcome is None else "overturned" if outcome == OVERTURNED else "upheld"
    facts = [("Letter", letter), ("Item", str(number)), ("Outcome", outcome or "unknown")]
    if outcome:
        facts.append(("Medically necessary", "yes" if outcome == "overturned" else "no"))
    for key, label in ITEM_FIELDS.items():
        if props.get(key):
            value = ", ".join(_show(key, v) for v in props[key])
            if key == "quantity" and props.get("unit"):
                value += f" {props['unit'][0]}"
            facts.append((label, value))
    text = (props.get("text") or [f"item {number}"])[0]
    return VizNode(iri, "item", text, facts, tags={"outcome": [outcome] if outcome else []}, number=number)


_EVIDENCE_ORDER = {"": 0, "outcome": 1, "rationale": 2}


@cache
def _name(iri: str) -> str:
    """imr:rationale -> "rationale"."""
    return re.split(r"[#/]", str(iri))[-1]


def _show(key: str, value: str) -> str:
    if key in ("boardCertified", "exceedsGuidelineLimit"):
        return "yes" if value in ("true", "1") else "no"
    if key == "quantity" or key == "durationValue" or key == "frequencyTimes":
        return f"{float(value):g}"
    return value


# ---------------------------------------------------------------------------------------------
# Finding a node by name

LETTER_BY_NAME = """
SELECT ?det ?name WHERE { ?det dcterms:identifier|imr:caseNumber ?name }"""

LETTERS_MATCHING = """
SELECT ?det ?needle WHERE {
  ?det dcterms:identifier|imr:caseNumber ?name .
  FILTER({test}(LCASE(?name), ?needle))
} LIMIT {limit}"""


def find(graph, text: str, kind: str | None = None, limit: int = 10,
         concepts: dict[str, VizNode] | None = None) -> list[VizNode]:
    """Nodes named by `text`, case-insensitively: an exact name, code or id first (a guideline section
    also by its label without spaces, dots or dashes: "MTUS chronic-pain p.23"), then names that
    start with it, then names that contain it; within each, those with the most items first. Letters
    are found by id or case number (by part of one when the text has four digits or more: that
    reads every letter's id); an IRI finds its node. `kind` keeps one kind."""
    text = " ".join(str(text).split())
    if not text:
        return []
    if concepts is None:
        concepts = concept_nodes(graph)
    if re.match(r"^https?://\S+$", text):
        return _by_iri(graph, text, concepts)
    needle = text.lower()
    squeezed = re.sub(r"[ .-]", "", needle)
    pool = [n for n in concepts.values() if kind in (None, n.kind)]
    tests = [lambda name: name in (needle, squeezed), lambda name: name.startswith(needle),
             lambda name: needle in name]
    id_like = sum(c.isdigit() for c in text) >= 4  # a case number or id: worth a scan of the letters
    for rank, test in enumerate(tests):
        hits = [n for n in pool if any(test(name) for name in (n.label.lower(), *n.aliases))]
        if kind in (None, "determination") and (rank == 0 or id_like):
            hits += _letters_named(graph, text, rank, limit)
        if hits:
            hits.sort(key=lambda n: (-n.items, n.label))
            return hits[:limit]
    return []


def _letters_named(graph, text: str, rank: int, limit: int) -> list[VizNode]:
    if rank == 0:  # ids and case numbers are stored as written: try the usual spellings
        dets = {r["det"] for spelling in {text, text.upper(), text.lower()}
                for r in select(graph, LETTER_BY_NAME, bindings={"name": spelling})}
    else:
        query = LETTERS_MATCHING.replace("{test}", "STRSTARTS" if rank == 1 else "CONTAINS")
        dets = {r["det"] for r in select(graph, query, bindings={"needle": text.lower()}, limit=str(int(limit)))}
    return list(letter_stubs(graph, sorted(dets)).values()) if dets else []


def _by_iri(graph, iri: str, concepts: dict[str, VizNode]) -> list[VizNode]:
    if iri in concepts:
        return [concepts[iri]]
    match = _PART.match(iri)
    if match is None:
        return []
    det, part = match.groups()
    if part is None:
        return list(letter_stubs(graph, [det]).values())
    item = _ITEM.match(part)
    if item and item[2] is None:
        records = letter_records(graph, [det])
        return [i for r in records for i in r.items if i.id == iri]
    return []
