"""The SKOS vocabularies of ontology/: services with their DWC treatment categories
(services.ttl) and the guideline catalogue (guidelines.ttl), read with SPARQL, once per process."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from imrgraph.vocab import files
from imrgraph.vocab.keys import slug, surface_key
from imrgraph.vocab.namespaces import IMR

OTHER_CATEGORY = "other"  # DWC category of services the vocabulary does not know

_PREFIXES = """
PREFIX imr: <https://w3id.org/imrgraph#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


@dataclass(frozen=True)
class ServiceConcept:
    id: str  # SERVICE id, e.g. "aquatic-therapy"
    label: str
    category: str  # DWC treatment category id, e.g. "physical-medicine": the top of the broader chain
    patterns: tuple[str, ...]  # surface keys of the prefLabel and altLabels (and COUNTED_HEADS plurals)
    broader: str | None = None  # the service this one is a kind of (tens-unit -> durable-medical-equipment)
    # how its requests are read (imr.ttl): each the service's own, else its broader chain's, else its category's
    counted_in: str | None = None  # unit of a bare count; None: medication, counted in its drug's form
    asked_for_by_length: bool = False
    counts_program_days: bool = False
    leads_to_other_care: bool = False
    gives_its_drug: bool = False


@dataclass(frozen=True)
class GuidelineUnit:
    iri: str
    source: str  # "MTUS" | "ODG"
    document: str  # DOCUMENT id, "odg" for ODG
    chapter: str | None  # ACOEM chapter number or ODG chapter name
    label: str
    patterns: tuple[str, ...]  # surface keys of the prefLabel and altLabels


@dataclass(frozen=True)
class GuidelineTitle:
    """A later title of a guideline unit (ACOEM 3rd Edition, the 2017 MTUS): cited alone, it is that unit."""

    iri: str
    label: str
    unit: GuidelineUnit
    edition: str | None
    patterns: tuple[str, ...]  # lowercased prefLabel + altLabels, read anywhere (a prefLabel that is also a
    # hiddenLabel is read only in context)
    context_patterns: tuple[str, ...]  # lowercased hiddenLabels: read only right after an ACOEM mention


@dataclass(frozen=True)
class GuidelineTopic:
    """A topic of an MTUS document cited by topic and page, with the pages it spans."""

    iri: str
    label: str
    unit: GuidelineUnit  # its document
    first_page: int
    last_page: int
    patterns: tuple[str, ...]  # lowercased prefLabel + altLabels

    @property
    def pages(self) -> range:
        return range(self.first_page, self.last_page + 1)


def _select(name: str, sparql: str) -> list[dict[str, str]]:
    results = files.store(name).query(_PREFIXES + sparql)
    names = [variable.value for variable in results.variables]
    rows = []
    for solution in results:
        rows.append({n: solution[n].value for n in names if solution[n] is not None})  # IRI or lexical form
    return rows


def _patterns(label: str, alt_labels: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys([surface_key(label), *sorted(surface_key(a) for a in alt_labels)]))


# A label naming one of what letters count ('subacromial injection', 'A1 pulley release') is read in the plural too
# ('2 subacromial injections', 'ring and middle finger A1 pulley releases').
COUNTED_HEADS = ("injection", "block", "shot", "release", "repair", "debridement", "ablation", "reconstruction")


def _plurals(labels: list[str]) -> set[str]:
    return {label + "s" for label in labels if label.lower().endswith(COUNTED_HEADS)}


@cache
def services() -> dict[str, ServiceConcept]:
    """SERVICE id -> concept. A service's skos:broader is either the service it refines or, for one that
    refines none, its DWC category; its category is found by walking the chain. Raises ValueError if a
    service has no broader, more than one, or a chain that loops or ends anywhere but a category."""
    rows = _select(
        "services.ttl",
        """SELECT ?id ?label ?up ?upKind ?alt WHERE {
             ?s a imr:Service ; skos:notation ?id ; skos:prefLabel ?label .
             OPTIONAL { ?s skos:broader ?b . ?b skos:notation ?up .
                        OPTIONAL { ?b a imr:Service . BIND("service" AS ?upKind) } }
             OPTIONAL { ?s skos:altLabel ?alt }
           }""",
    )
    labels: dict[str, str] = {}
    ups: dict[str, set[tuple[str, bool]]] = defaultdict(set)
    alt_labels: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        labels[row["id"]] = row["label"]
        if "up" in row:
            ups[row["id"]].add((row["up"], "upKind" in row))
        if "alt" in row:
            alt_labels[row["id"]].append(row["alt"])
    for service_id in labels:
        if len(ups[service_id]) != 1:
            raise ValueError(
                f"services.ttl: service {service_id!r} has {len(ups[service_id])} broader concepts, needs exactly 1"
            )
    parent = {service_id: next(iter(found)) for service_id, found in ups.items()}  # (id, is a service)
    reading = _request_reading()
    concepts = {}
    for service_id in sorted(labels):
        up, up_is_service = parent[service_id]
        chain = [service_id]
        while up_is_service:
            if up in chain or up not in labels:
                raise ValueError(f"services.ttl: the broader chain of {service_id!r} does not end at a category")
            chain.append(up)
            up, up_is_service = parent[up]
        broader, broader_is_service = parent[service_id]
        chain.append(up)
        said = {field: next((reading[c][field] for c in chain if field in reading[c]), None) for field in READING}
        concepts[service_id] = ServiceConcept(
            id=service_id,
            label=labels[service_id],
            category=up,
            patterns=_patterns(labels[service_id], sorted(set(alt_labels[service_id])
                                                          | _plurals([labels[service_id], *alt_labels[service_id]]))),
            broader=broader if broader_is_service else None,
            counted_in=said["counted_in"],
            asked_for_by_length=said["asked_for_by_length"] == "true",
            counts_program_days=said["counts_program_days"] == "true",
            leads_to_other_care=said["leads_to_other_care"] == "true",
            gives_its_drug=said["gives_its_drug"] == "true",
        )
    return concepts


# ServiceConcept field -> the property of a service or category that says it
READING = {"counted_in": "countedIn", "asked_for_by_length": "askedForByLength",
           "counts_program_days": "countsProgramDays", "leads_to_other_care": "leadsToOtherCare",
           "gives_its_drug": "givesItsDrug"}


def _request_reading() -> dict[str, dict[str, str]]:
    """Service or category id -> {ServiceConcept field: lexical value} of what it says of its requests."""
    values = " ".join(f"imr:{term}" for term in READING.values())
    field = {f"{IMR}{term}": name for name, term in READING.items()}
    said: dict[str, dict[str, str]] = defaultdict(dict)
    for row in _select("services.ttl", f"SELECT ?id ?p ?value WHERE {{ VALUES ?p {{ {values} }} "
                                       "?c skos:notation ?id ; ?p ?value }"):
        said[row["id"]][field[row["p"]]] = row["value"]
    return said


def listed_service(service_id: str) -> str:
    """The service at the top of a service's broader chain (tens-unit -> durable-medical-equipment);
    an id the vocabulary does not know is its own."""
    known = services()
    while service_id in known and known[service_id].broader:
        service_id = known[service_id].broader
    return service_id


def service_ids() -> frozenset[str]:
    return frozenset(services())


@cache
def categories() -> dict[str, str]:
    """DWC treatment category id -> label."""
    rows = _select(
        "services.ttl",
        "SELECT ?id ?label WHERE { ?c a imr:TreatmentCategory ; skos:notation ?id ; skos:prefLabel ?label }",
    )
    return {row["id"]: row["label"] for row in sorted(rows, key=lambda row: row["id"])}


def _first_by(rows: list[dict[str, str]], key: str) -> dict[str, dict[str, str]]:
    """The first row of each entry (a SELECT with OPTIONAL labels gives one row per label)."""
    first: dict[str, dict[str, str]] = {}
    for row in rows:
        first.setdefault(row[key], row)
    return first


def _labels_by(rows: list[dict[str, str]], key: str, column: str) -> dict[str, list[str]]:
    """Each entry's values of one column, sorted."""
    labels: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        if column in row:
            labels[row[key]].add(row[column])
    return {k: sorted(v) for k, v in labels.items()}


@cache
def guideline_units() -> tuple[GuidelineUnit, ...]:
    """Every unit of the guideline catalogue, in notation order."""
    rows = _select(
        "guidelines.ttl",
        """SELECT ?unit ?notation ?label ?source ?document ?chapter ?alt WHERE {
             ?unit skos:inScheme imr:GuidelineUnitScheme ; skos:notation ?notation ; skos:prefLabel ?label ;
                   imr:guidelineSource ?source ; imr:document ?document .
             OPTIONAL { ?unit imr:chapter ?chapter }
             OPTIONAL { ?unit skos:altLabel ?alt }
           }""",
    )
    first = _first_by(rows, "notation")
    alts = _labels_by(rows, "notation", "alt")
    return tuple(
        GuidelineUnit(
            iri=row["unit"],
            source=row["source"],
            document=row["document"],
            chapter=row.get("chapter"),
            label=row["label"],
            patterns=_patterns(row["label"], alts.get(notation, [])),
        )
        for notation, row in sorted(first.items())
    )


@cache
def guideline_titles() -> tuple[GuidelineTitle, ...]:
    """Later titles of guideline units, each with the unit it is a version of, in notation order."""
    units = {unit.iri: unit for unit in guideline_units()}
    rows = _select(
        "guidelines.ttl",
        """SELECT ?title ?notation ?label ?unit ?edition ?alt ?hidden WHERE {
             ?title skos:inScheme <https://w3id.org/imrgraph/id/guideline-titles> ; skos:notation ?notation ;
                    skos:prefLabel ?label ; <http://purl.org/dc/terms/isVersionOf> ?unit .
             OPTIONAL { ?title <https://schema.org/bookEdition> ?edition }
             OPTIONAL { ?title skos:altLabel ?alt }
             OPTIONAL { ?title skos:hiddenLabel ?hidden }
           }""",
    )
    first = _first_by(rows, "notation")
    alts, hidden = _labels_by(rows, "notation", "alt"), _labels_by(rows, "notation", "hidden")
    titles = []
    for notation, row in sorted(first.items()):
        context = tuple(sorted({surface_key(h) for h in hidden.get(notation, [])}))
        titles.append(GuidelineTitle(
            iri=row["title"], label=row["label"], unit=units[row["unit"]], edition=row.get("edition"),
            patterns=tuple(p for p in _patterns(row["label"], alts.get(notation, [])) if p not in context),
            context_patterns=context,
        ))
    return tuple(titles)


@cache
def guideline_topics() -> tuple[GuidelineTopic, ...]:
    """Topics of MTUS documents with their pages, in notation order. Raises ValueError on a page span
    that ends before it starts."""
    units = {unit.iri: unit for unit in guideline_units()}
    rows = _select(
        "guidelines.ttl",
        """SELECT ?topic ?notation ?label ?unit ?first ?last ?alt WHERE {
             ?topic skos:inScheme <https://w3id.org/imrgraph/id/guideline-topics> ; skos:notation ?notation ;
                    skos:prefLabel ?label ; skos:broader ?unit ;
                    <https://schema.org/pageStart> ?first ; <https://schema.org/pageEnd> ?last .
             OPTIONAL { ?topic skos:altLabel ?alt }
           }""",
    )
    first = _first_by(rows, "notation")
    alts = _labels_by(rows, "notation", "alt")
    topics = []
    for notation, row in sorted(first.items()):
        start, end = int(row["first"]), int(row["last"])
        if end < start:
            raise ValueError(f"guidelines.ttl: topic {notation!r} spans pages {start}-{end}")
        topics.append(GuidelineTopic(iri=row["topic"], label=row["label"], unit=units[row["unit"]],
                                     first_page=start, last_page=end,
                                     patterns=_patterns(row["label"], alts.get(notation, []))))
    return tuple(topics)


def _unit_key(source: str, document: str | None, chapter: str | None) -> tuple[str, str | None, str | None]:
    return source.lower(), slug(document) if document else None, slug(chapter) if chapter else None


@cache
def _units_by_key() -> dict[tuple[str, str | None, str | None], str]:
    return {_unit_key(u.source, u.document, u.chapter): u.iri for u in sorted(guideline_units(), key=lambda u: u.iri)}


def guideline_unit(source: str, document: str | None, chapter: str | None) -> str | None:
    """The IRI of the most specific unit a cited section belongs to: its chapter if the catalogue
    has it, else its document."""
    units = _units_by_key()
    key = _unit_key(source, document, chapter)
    return units.get(key) or units.get((key[0], key[1], None))
