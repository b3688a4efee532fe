"""Link stage: surface forms -> codes and concepts (ICD-10-CM, generic drug names, DrugBank ids).

Maintained packages first (`simple-icd-10-cm`, `drug-named-entity-recognition`), our curated
lexicons in `ontology/` for the workers'-comp wording they lack.
"""

from __future__ import annotations

import bz2
import importlib.util
import pickle
import re
from functools import cache
from pathlib import Path

from .vocab import diagnosis_synonyms, drug_supplement, folded_key


@cache
def _icd_titles() -> dict[str, str]:
    """Normalised ICD-10-CM titles of billable codes -> code (the package's 2026 code set)."""
    import simple_icd_10_cm as cm

    titles: dict[str, str] = {}
    for code in cm.get_all_codes(True):
        if cm.is_leaf(code):
            titles.setdefault(folded_key(cm.get_description(code)), code)
    return titles


@cache
def _synonyms() -> dict[str, str]:
    return {folded_key(k): v for k, v in diagnosis_synonyms().items()}


_QUALIFIERS = re.compile(r"\b(?:not otherwise specified|nos|unspecified|disorder)\b")


def icd10cm(text: str) -> str | None:
    """ICD-10-CM code of a diagnosis as written, or None when neither lexicon knows it."""
    key = folded_key(text)
    synonyms = _synonyms()
    if key in synonyms:
        return synonyms[key]
    titles = _icd_titles()
    for candidate in (key, key + " unspecified", _QUALIFIERS.sub(" ", key)):
        candidate = " ".join(candidate.split())
        if candidate in synonyms:
            return synonyms[candidate]
        if candidate in titles:
            return titles[candidate]
    return None


@cache
def icd10cm_title(code: str) -> str | None:
    """The ICD-10-CM title of a code (any level), or None when the code set has no such code."""
    import simple_icd_10_cm as cm

    code = code.upper()
    return cm.get_description(code) if cm.is_valid_item(code) else None


def generic_name(package_name: str) -> str:
    """DNER's canonical name -> our generic form ('abacavir, lamivudine, and zidovudine' -> 'a/b/c')."""
    parts = re.split(r",\s*(?:and\s+)?|\s+and\s+", package_name.lower())
    return "/".join(p.strip() for p in parts if p.strip())


def _package_dictionary() -> dict:
    """The drug package's own dictionary, read from its data file.

    Importing the package builds a fuzzy-matching n-gram index we do not use (seconds of start-up
    in every worker); its data file holds the same variants and canonical records.
    """
    spec = importlib.util.find_spec("drug_named_entity_recognition")
    path = Path(spec.submodule_search_locations[0]) / "drug_ner_dictionary.pkl.bz2"
    with bz2.open(path, "rb") as handle:
        return pickle.load(handle)


# MeSH branches of things that are not a product a worker takes: D27 pharmacological actions
# (Anticonvulsants), D23 biological factors, D09 glycoconjugates and D12.776 proteins (HLA-B27 Antigen,
# C-Reactive Protein: lab analytes).
_NOT_A_DRUG_TREES = ("D27", "D23", "D09", "D12.776")


def _names_no_drug(info: dict) -> bool:
    """True for a package record that is a drug class or a lab analyte rather than a drug: it has no
    drug reference (DrugBank, MedlinePlus, NHS) and its MeSH branches are classes or body substances,
    or its name is a plural class name ('Amphetamines', 'Laxatives')."""
    if info.get("drugbank_id") or info.get("medline_plus_id") or info.get("nhs_url"):
        return False
    trees = info.get("mesh_tree") or []
    if trees and all(tree.startswith(_NOT_A_DRUG_TREES) for tree in trees):
        return True
    last = (info.get("name") or "").lower().rsplit(" ", 1)[-1]
    return last.endswith("s") and not last.endswith(("ss", "us", "is"))


@cache
def drug_vocabulary() -> dict[str, tuple[str, str | None]]:
    """Every known drug surface form (lowercase) -> (generic, DrugBank id).

    The package's dictionary without its drug classes and lab analytes, with our supplement taking
    precedence for the brand names and abbreviations workers'-comp letters use that the package lacks
    or maps wrongly.
    """
    package = _package_dictionary()
    data = package["drug_canonical_to_data"]
    vocab: dict[str, tuple[str, str | None]] = {}
    for variant, canonicals in package["drug_variant_to_canonical"].items():
        if len(canonicals) != 1 or len(variant) < 3 or variant in _NOT_DRUGS or "effect" in variant:
            continue  # ambiguous or too short to trust in free text
        info = data.get(canonicals[0], {})
        if _names_no_drug(info):
            continue
        vocab[variant] = (generic_name(info.get("name") or canonicals[0]), info.get("drugbank_id"))
    for surface, entry in drug_supplement().items():
        vocab[surface.lower()] = (entry.generic, entry.drugbank)
    return vocab


@cache
def _combination_orders() -> dict[frozenset[str], str]:
    """Ingredient set -> the generic of the known product with exactly those ingredients, in its order
    (our supplement's products first, then the package's)."""
    orders: dict[frozenset[str], str] = {}
    supplement = [entry.generic for entry in drug_supplement().values()]
    for generic in supplement + [generic for generic, _ in drug_vocabulary().values()]:
        if "/" in generic:
            orders.setdefault(frozenset(generic.split("/")), generic)
    return orders


def combination_generic(parts: list[str]) -> str:
    """The generic of a combination written as parts ('APAP/hydrocodone'): the order of the known
    product with the same ingredients (hydrocodone/acetaminophen), else the order written."""
    ingredients = list(dict.fromkeys(p for part in parts for p in part.split("/")))
    return _combination_orders().get(frozenset(ingredients)) or "/".join(ingredients)


# English words the drug dictionary also lists as names; in letters they are never the drug.
_NOT_DRUGS = frozenset({
    "pain", "care", "sleep", "heat", "ice", "today", "support", "relief", "balance", "focus", "max",
    "prevent", "advance", "control", "ease", "complete", "active", "plan", "one", "total", "allergy",
    "guidelines", "medical", "treatment", "therapy", "program", "page", "request", "patient",
    "chronic", "oxygen", "water", "alcohol", "nicotine", "caffeine", "sodium", "calcium", "iron",
    "magnesium", "potassium", "zinc", "vitamin", "vitamins", "omega", "fish oil", "cocaine",
    "cold", "hot", "rest", "cream", "gel", "patch", "lotion", "spray", "gaba", "serotonin", "dopamine",
    "histamine", "cortisol", "estrogen", "glucose", "protein", "collagen", "heroin", "marijuana",
    "methamphetamine",
    # drug classes: named in prose, they are not a prescribed drug
    "anticonvulsant", "anticonvulsants", "anxiolytic", "anxiolytics", "benzodiazepine", "benzodiazepines",
    "opioid", "opioids", "opiate", "opiates", "nsaid", "nsaids", "antidepressant", "antidepressants",
    "muscle relaxant", "muscle relaxants", "hypnotic", "hypnotics", "sedative", "sedatives", "steroid",
    "steroids", "antibiotic", "antibiotics", "analgesic", "analgesics", "narcotic", "narcotics",
    "proton pump inhibitor", "proton pump inhibitors", "ppi", "ppis", "antispasmodic", "antispasmodics",
    "anti-inflammatory", "anti-inflammatories", "antiepileptic", "antiepileptics", "snri", "snris", "ssri",
    "ssris", "triptan", "triptans", "stool softener", "stool softeners", "laxative", "laxatives",
    "antiemetic", "antiemetics", "antihistamine", "antihistamines", "neuroleptic", "neuroleptics",
    "antipsychotic", "antipsychotics", "cox-2 inhibitor", "cox-2 inhibitors", "anesthetic", "anesthetics",
    "local anesthetic", "amphetamines", "barbiturates", "corticosteroid", "corticosteroids", "topical",
    "topicals", "compound", "medical food",
    # lab tests and analytes
    "hla-b27", "hla b27", "c-reactive protein", "crp",
})
