"""Every IRI the graph mints, in one place: deterministic functions of content, never counters.

Letter-scoped nodes (determination, items, citations, mentions, evidence...) live under the
determination's IRI; shared concepts (services, medications, diagnoses, guideline sections,
literature) are keyed by their normalised value so every letter that names them meets on one node.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote

# the namespaces and the slug rule, re-exported: the graph's IRIs are made from them
from imrgraph.vocab.keys import slug as slug
from imrgraph.vocab.namespaces import DRUGBANK as DRUGBANK
from imrgraph.vocab.namespaces import ICD10CM as ICD10CM
from imrgraph.vocab.namespaces import ID as ID
from imrgraph.vocab.namespaces import IMR as IMR
from imrgraph.vocab.namespaces import PREFIXES as PREFIXES

GRAPH = ID + "graph/"
ONTOLOGY_GRAPH = GRAPH + "ontology"  # imr.ttl + the service/guideline vocabularies
CONCEPTS_GRAPH = GRAPH + "concepts"  # shared concepts described from letters (sections, drugs, ...)
LETTER_GRAPH = GRAPH + "letter/"  # one named graph per letter: LETTER_GRAPH + <id>


@lru_cache(maxsize=4096)  # a letter's id is encoded for each of its ~30 evidence and item IRIs
def segment(value: str) -> str:
    """One path segment: percent-encodes everything outside the unreserved set, so any id is safe."""
    return quote(str(value), safe="-._~")


def determination(letter_id: str) -> str:
    return f"{ID}determination/{segment(letter_id)}"


def letter_graph(letter_id: str) -> str:
    return LETTER_GRAPH + segment(letter_id)


def item(letter_id: str, number: int) -> str:
    return f"{determination(letter_id)}/item/{number}"


def evidence(letter_id: str, start: int, end: int) -> str:
    return f"{determination(letter_id)}/evidence/{int(start)}-{int(end)}"


def service(service_id: str) -> str:
    return f"{ID}service/{segment(service_id)}"


def category(category_id: str) -> str:
    return f"{ID}category/{segment(category_id)}"


def medication(generic: str) -> str:
    """Combination products keep their parts in order: hydrocodone/acetaminophen -> hydrocodone+acetaminophen."""
    return f"{ID}medication/" + "+".join(slug(part) for part in generic.split("/"))


def diagnosis(icd10cm: str | None, text: str) -> str:
    if icd10cm:
        return f"{ID}diagnosis/{segment(icd10cm.upper())}"
    return f"{ID}diagnosis/text/{slug(text)}"


def guideline_section(source: str, document: str | None, chapter: str | None, page: int | None) -> str:
    parts = [slug(source), slug(document) if document else "-", slug(chapter) if chapter else "-",
             str(int(page)) if page is not None else "-"]
    return f"{ID}guideline-section/" + "/".join(parts)


def literature(author: str, year: int) -> str:
    return f"{ID}literature/{slug(author)}-{int(year)}"


def icd10cm_iri(code: str) -> str:
    return ICD10CM + segment(code.upper())


def drugbank_iri(drugbank_id: str) -> str:
    return DRUGBANK + segment(drugbank_id)
