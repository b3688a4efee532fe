"""The surface-form tables of ontology/ (*.tsv): drug brand supplement, drugs' usual forms, workers'-comp
diagnosis wordings (and those coded only with a side) and shorthand, the findings that show a condition absent, the drugs a procedure gives, the personal-history code of each cancer, body parts, specialties, US states, the words of job names, the acronyms of publishing bodies, the kinds of document other sources are. Keys are surface keys (see keys.py); a table that maps
one key to two values is an error (ValueError naming the file and line), not a silent overwrite."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from imrgraph.vocab.files import read_table
from imrgraph.vocab.keys import surface_key, title_case


@dataclass(frozen=True)
class DrugEntry:
    generic: str  # lowercase, combinations joined by "/"
    drugbank: str | None


@cache
def drug_supplement() -> dict[str, DrugEntry]:
    """Lowercase surface -> generic, for drug names the drug NER package misses or mis-maps."""
    table = read_table("drugs.tsv", "surface", "generic")
    return {surface: DrugEntry(generic=entry[0], drugbank=entry[1] or None) for surface, entry in table.items()}


@cache
def _usual_forms() -> dict[str, str]:
    return {drug: entry[0] for drug, entry in read_table("drug_forms.tsv", "drug", "form").items()}


def usual_form(generic: str, strength: str | None = None, written: str | None = None) -> str | None:
    """The dosage form a drug is dispensed in when a request names none ('Cymbalta 60mg #30' is
    capsules), by the brand written where the brand has one form ('Lidoderm' patches), by generic and,
    where the form depends on it, strength ('gabapentin 600 mg' a tablet)."""
    forms = _usual_forms()
    return ((written and forms.get(surface_key(written))) or (strength and forms.get(f"{generic} {strength}"))
            or forms.get(generic))


@cache
def procedure_agents() -> frozenset[str]:
    """Generics given as a procedure's agent (local anaesthetics, injected corticosteroids): named before an injection or
    a block, they are no drug the worker takes."""
    return frozenset(read_table("procedure_agents.tsv", "generic", "note"))


@cache
def diagnosis_synonyms() -> dict[str, str]:
    """Lowercase diagnosis wording -> billable ICD-10-CM code (with dot)."""
    return {surface: entry[0] for surface, entry in _diagnoses().items()}


@cache
def side_required() -> frozenset[str]:
    """Diagnosis wordings coded only where the letter writes the side: their unsided code guesses at something
    else besides ('deep vein thrombosis' at the leg)."""
    return frozenset(surface for surface, (_, _, side) in _diagnoses().items() if side == "required")


@cache
def _diagnoses() -> dict[str, list[str]]:
    return read_table("diagnoses.tsv", "surface", "icd10cm")


@dataclass(frozen=True)
class FindingAgainst:
    conditions: tuple[str, ...]  # ICD-10-CM codes or code prefixes ('M96.0', pseudarthrosis)
    level: bool  # a measure a treated condition is also kept at ('TSH normal'): it answers only a condition weighed


@cache
def findings_against() -> dict[str, FindingAgainst]:
    """A test's finding in lowercase words ('solid fusion') -> the conditions it shows absent."""
    return {finding: FindingAgainst(tuple(entry[0].split()), entry[1] == "level")
            for finding, entry in read_table("findings_against.tsv", "finding", "conditions").items()}


@cache
def cancer_histories() -> dict[str, str]:
    """ICD-10-CM category of a cancer (upper case) -> the code of the worker's personal history of it (Z85)."""
    return {category.upper(): entry[0] for category, entry in read_table("cancer_history.tsv", "cancer", "history").items()}


@cache
def condition_adjectives() -> dict[str, str]:
    """Lowercase adjective a worker is said to be ('obese', 'hypertensive') -> the condition's wording in
    `diagnoses.tsv`."""
    return {adjective: entry[0] for adjective, entry in read_table("condition_adjectives.tsv", "adjective",
                                                                   "condition").items()}


@cache
def condition_shorthand() -> dict[str, str]:
    """Lowercase shorthand a condition's wording is written with ('OA', 'w/') -> the words the code set writes."""
    return {short: entry[0] for short, entry in read_table("condition_shorthand.tsv", "shorthand", "words").items()}


@cache
def body_parts() -> dict[str, str]:
    """Lowercase anatomical term -> canonical term (no laterality)."""
    return {surface: entry[0] for surface, entry in read_table("body_parts.tsv", "surface", "canonical").items()}


@cache
def _specialty_rows() -> dict[str, list[str]]:
    """Lowercase wording -> [canonical name, board, reported] (the one reading of `specialties.tsv`)."""
    return read_table("specialties.tsv", "surface", "canonical")


@cache
def specialties() -> dict[str, str]:
    """Lowercase reviewer specialty wording -> canonical Title Case name."""
    return {surface: entry[0] for surface, entry in _specialty_rows().items()}


@cache
def _specialties_reported_as_written() -> frozenset[str]:
    return frozenset(surface for surface, (_, _, reported) in _specialty_rows().items() if reported == "written")


@cache
def licensed_professions() -> frozenset[str]:
    """The specialties that are professions a state licenses (`board` opens with 'state': 'Psychology',
    'Chiropractic', 'Physical Therapy'), as against a board's certified field."""
    return frozenset(canonical for canonical, board, _ in _specialty_rows().values() if board.startswith("state"))


def specialty_as_named(words: str) -> str:
    """The name a specialty is reported by, for the letter's words naming it: the words themselves, title-cased, where
    the catalogue's `reported` column says a field is named there as written ('Hand Surgery', 'Pain Management');
    else its canonical name (a physician's title, 'physiatrist'; shorthand, 'PM&R'). Words the catalogue lacks are
    their own name."""
    key = surface_key(words)
    if key in specialties() and key not in _specialties_reported_as_written():
        return specialties()[key]
    return title_case(words.split())


def specialty_field(name: str) -> str:
    """The field a reported specialty belongs to, by the catalogue's one name for it ('Hand Surgery' and 'Surgery of
    the Hand' are one field); a name the catalogue lacks is its own field."""
    return specialties().get(surface_key(name), name)


@cache
def job_words() -> dict[str, str]:
    """Lowercase word -> its role in a job's name: `head` (a job's last word: 'clerk', 'aide'; or last two words,
    'meter reader', where the last alone is no job), `trade` (a field of work named as the job: 'landscaping') or
    `not-head` (ends like a job word, names none: 'shoulder')."""
    return {word: entry[0] for word, entry in read_table("job_words.tsv", "word", "role").items()}


@cache
def organisations() -> dict[str, str]:
    """Lowercase acronym -> name, for bodies that publish what reviewers cite ('(AAEM, 2002)')."""
    return {acronym: entry[0] for acronym, entry in read_table("organisations.tsv", "acronym", "name").items()}


@cache
def source_kinds() -> dict[str, bool]:
    """Lowercase kind of document a source outside the MTUS and the ODG is ('clinical practice guideline', 'policy
    bulletin', 'guideline') -> whether it names a source only after a publisher's name ('CDC Guideline', not
    'Psychotherapy Guidelines'); a capitalised name before a kind is that source's title."""
    return {kind: entry[0] == "publisher" for kind, entry in read_table("source_kinds.tsv", "kind", "needs").items()}


@cache
def conditions_held() -> dict[str, tuple[str, ...]]:
    """ICD-10-CM code -> the code prefixes of combinations that hold that condition (`conditions_held.tsv`: a
    radiculopathy in 'cervical disc herniation with radiculopathy', a headache in a migraine diagnosed)."""
    return {code.upper(): tuple(entry[0].split()) for code, entry in read_table("conditions_held.tsv", "code", "held_by").items()}


@cache
def us_states() -> dict[str, str]:
    """Lowercase state name or USPS code -> USPS code (50 states, DC, PR)."""
    names = {surface: entry[0] for surface, entry in read_table("us_states.tsv", "name", "code").items()}
    return names | {code.lower(): code for code in names.values()}
