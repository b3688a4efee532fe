"""The curated vocabularies in ontology/: services, guideline units, and the surface-form tables.

Each loader reads its file once (functools.cache) and returns plain dicts/dataclasses. Surface
forms are lowercase with whitespace collapsed; a vocabulary file that maps one surface form to two
different values is an error (ValueError naming the file and line), not a silent overwrite.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pyoxigraph import RdfFormat, Store

_PACKAGE_DIR = Path(__file__).parent
# An installed wheel carries the vocabularies inside the package; a source checkout beside it.
ONTOLOGY_DIR: Path = (
    _PACKAGE_DIR / "ontology" if (_PACKAGE_DIR / "ontology").is_dir() else _PACKAGE_DIR.parent / "ontology"
)

_PREFIXES = """
PREFIX imr: <https://w3id.org/imrgraph#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


@dataclass(frozen=True)
class ServiceConcept:
    id: str  # SERVICE id, e.g. "aquatic-therapy"
    label: str
    category: str  # DWC treatment category id, e.g. "physical-medicine": the top of the broader chain
    patterns: tuple[str, ...]  # lowercased prefLabel + altLabels
    broader: str | None = None  # the service this one is a kind of (tens-unit -> durable-medical-equipment)


@dataclass(frozen=True)
class GuidelineUnit:
    iri: str
    source: str  # "MTUS" | "ODG"
    document: str  # DOCUMENT id, "odg" for ODG
    chapter: str | None  # ACOEM chapter number or ODG chapter name
    label: str
    patterns: tuple[str, ...]  # lowercased prefLabel + altLabels


@dataclass(frozen=True)
class DrugEntry:
    generic: str  # lowercase, combinations joined by "/"
    drugbank: str | None


def normalize_surface(text: str) -> str:
    """The key form of every surface table: lowercase, single spaces."""
    return " ".join(text.lower().split())


def _load_turtle(name: str) -> Store:
    store = Store()
    store.load(path=str(ONTOLOGY_DIR / name), format=RdfFormat.TURTLE)
    return store


def _select(store: Store, sparql: str) -> list[dict[str, str]]:
    results = store.query(_PREFIXES + sparql)
    names = [variable.value for variable in results.variables]
    rows = []
    for solution in results:
        row = {}
        for name in names:
            term = solution[name]
            if term is not None:
                row[name] = term.value  # IRI string or literal lexical form
        rows.append(row)
    return rows


def _patterns(label: str, alt_labels: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys([normalize_surface(label), *sorted(normalize_surface(a) for a in alt_labels)]))


@cache
def _services_store() -> Store:
    return _load_turtle("services.ttl")


@cache
def services() -> dict[str, ServiceConcept]:
    """SERVICE id -> concept. A service's skos:broader is either the service it refines or, for one that
    refines none, its DWC category; its category is found by walking the chain. Raises ValueError if a
    service has no broader, more than one, or a chain that loops or ends anywhere but a category."""
    store = _services_store()
    rows = _select(
        store,
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
        concepts[service_id] = ServiceConcept(
            id=service_id,
            label=labels[service_id],
            category=up,
            patterns=_patterns(labels[service_id], sorted(set(alt_labels[service_id]))),
            broader=broader if broader_is_service else None,
        )
    return concepts


def listed_service(service_id: str) -> str:
    """The service at the top of a service's broader chain (tens-unit -> durable-medical-equipment);
    an id the vocabulary does not know is its own."""
    known = services()
    while service_id in known and known[service_id].broader:
        service_id = known[service_id].broader
    return service_id


@cache
def categories() -> dict[str, str]:
    """DWC treatment category id -> label."""
    rows = _select(
        _services_store(),
        "SELECT ?id ?label WHERE { ?c a imr:TreatmentCategory ; skos:notation ?id ; skos:prefLabel ?label }",
    )
    return {row["id"]: row["label"] for row in sorted(rows, key=lambda row: row["id"])}


@cache
def guideline_units() -> tuple[GuidelineUnit, ...]:
    """Every unit of the guideline catalogue, in notation order."""
    rows = _select(
        _load_turtle("guidelines.ttl"),
        """SELECT ?unit ?notation ?label ?source ?document ?chapter ?alt WHERE {
             ?unit skos:inScheme imr:GuidelineUnitScheme ; skos:notation ?notation ; skos:prefLabel ?label ;
                   imr:guidelineSource ?source ; imr:document ?document .
             OPTIONAL { ?unit imr:chapter ?chapter }
             OPTIONAL { ?unit skos:altLabel ?alt }
           }""",
    )
    first: dict[str, dict[str, str]] = {}
    alt_labels: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        first.setdefault(row["notation"], row)
        if "alt" in row:
            alt_labels[row["notation"]].add(row["alt"])
    return tuple(
        GuidelineUnit(
            iri=row["unit"],
            source=row["source"],
            document=row["document"],
            chapter=row.get("chapter"),
            label=row["label"],
            patterns=_patterns(row["label"], sorted(alt_labels[notation])),
        )
        for notation, row in sorted(first.items())
    )


def _read_table(name: str, key: str, value: str) -> dict[str, list[str]]:
    """Rows of a TSV keyed by the normalised `key` column; each value is the whole row's `value` column
    plus the remaining columns, in header order. Conflicting duplicate keys raise ValueError."""
    path = ONTOLOGY_DIR / name
    table: dict[str, list[str]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        others = [column for column in reader.fieldnames or () if column not in (key, value)]
        for line, row in enumerate(reader, start=2):
            surface = normalize_surface(row[key] or "")
            if not surface:
                raise ValueError(f"{name} line {line}: empty {key!r}")
            entry = [(row[value] or "").strip(), *((row[column] or "").strip() for column in others)]
            if surface in table and table[surface][0] != entry[0]:
                raise ValueError(
                    f"{name} line {line}: {surface!r} maps to {table[surface][0]!r} and {entry[0]!r}"
                )
            table[surface] = entry
    return table


@cache
def drug_supplement() -> dict[str, DrugEntry]:
    """Lowercase surface -> generic, for drug names the drug NER package misses or mis-maps."""
    table = _read_table("drugs.tsv", "surface", "generic")
    return {
        surface: DrugEntry(generic=entry[0], drugbank=entry[1] or None) for surface, entry in table.items()
    }


@cache
def diagnosis_synonyms() -> dict[str, str]:
    """Lowercase diagnosis wording -> billable ICD-10-CM code (with dot)."""
    return {
        surface: entry[0] for surface, entry in _read_table("diagnoses.tsv", "surface", "icd10cm").items()
    }


@cache
def body_parts() -> dict[str, str]:
    """Lowercase anatomical term -> canonical term (no laterality)."""
    return {
        surface: entry[0] for surface, entry in _read_table("body_parts.tsv", "surface", "canonical").items()
    }


@cache
def specialties() -> dict[str, str]:
    """Lowercase reviewer specialty wording -> canonical Title Case name."""
    return {
        surface: entry[0] for surface, entry in _read_table("specialties.tsv", "surface", "canonical").items()
    }


@cache
def us_states() -> dict[str, str]:
    """Lowercase state name or USPS code -> USPS code (50 states, DC, PR)."""
    names = {surface: entry[0] for surface, entry in _read_table("us_states.tsv", "name", "code").items()}
    return names | {code.lower(): code for code in names.values()}
