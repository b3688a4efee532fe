"""Link stage: surface forms -> codes and concepts (ICD-10-CM, generic drug names, DrugBank ids).

Maintained packages first (`simple-icd-10-cm`, `drug-named-entity-recognition`), our curated
lexicons in `ontology/` for the workers'-comp wording they lack.
"""

from __future__ import annotations

import bz2
import gzip
import importlib.util
import json
import pickle
import re
from functools import cache, lru_cache
from pathlib import Path

from .vocab import cancer_histories, diagnosis_synonyms, drug_supplement, folded_key

# Chapters whose conditions letters state as the worker's: endocrine, mental, nervous system, eye and ear,
# circulatory, respiratory, digestive, skin, musculoskeletal, genitourinary (not symptoms, injuries by
# mechanism, external causes or encounter reasons).
_TERM_CHAPTERS = frozenset("EFGHIJKLMN")
# ... and the blocks of other chapters whose titles a summary writes as a condition ('acquired absence of right
# leg below knee')
_TERM_BLOCKS = ("Z89",)
# ... and the categories whose titles run to eight words ('major depressive disorder, single episode, in partial
# remission', 'adjustment disorder with mixed anxiety and depressed mood', 'alcohol use disorder, mild, in early
# remission')
_LONG_TITLES = ("F1", "F32", "F33", "F43")
# What imrgraph reads of the ICD-10-CM code set, made from simple-icd-10-cm by scripts/make_icd10cm_table.py:
# the package parses its whole XML code set on import (seconds at every start), the table loads in a blink.
ICD_TABLE = Path(__file__).parent / "data" / "icd10cm.json.gz"
_BRACKETED = re.compile(r"\s*\[[^\]]*\]|\s*\([^)]*\)")
_UNSPECIFIED_TAIL = re.compile(r"(?i)(?:,\s*|\s+)(?:unspecified|not elsewhere classified|nos)$")
# The same condition in the plainer words letters use.
_PLAIN_WORDS = {"hemorrhage": "bleeding"}


def icd_table_from_package() -> dict:
    """The table ICD_TABLE holds, made from simple-icd-10-cm: every code (chapters and blocks too) with its
    title, parent, whether it is a leaf and whether it takes an encounter 7th character; and `terms`, the
    code set's wordings of conditions (see `_terms_from_package`)."""
    from importlib.metadata import version

    import simple_icd_10_cm as cm

    codes = {code: [cm.get_description(code), cm.get_parent(code), cm.is_leaf(code),
                    bool(cm.get_seven_chr_def(code, search_in_ancestors=True))] for code in cm.get_all_codes(True)}
    return {"package": f"simple-icd-10-cm {version('simple-icd-10-cm')}", "codes": codes,
            "terms": _terms_from_package(cm)}


def _terms_from_package(cm) -> dict[str, str]:
    """Normalised ICD-10-CM wording -> billable code: every billable code's title and inclusion terms,
    without bracketed qualifiers and a trailing 'unspecified'/'NOS' (the package's 2026 code set)."""
    terms: dict[str, str] = {}
    placed_only: list[tuple[str, str]] = []
    for code in cm.get_all_codes(True):
        if cm.is_leaf(code):
            wordings, billable = (cm.get_description(code), *cm.get_inclusion_term(code)), code
        else:  # a category's inclusion terms ('Deep vein thrombosis NOS') name its unspecified code
            wordings, billable = cm.get_inclusion_term(code), _unspecified_leaf(cm, code)
            if billable is None:
                continue
            # ... and so does its title where the codes right under it only place it ('Peroneal tendinitis' ->
            # 'Peroneal tendinitis, unspecified leg'): the side or site a letter writes picks the code
            title = cm.get_description(code)
            placing = cm.get_description(billable)[len(title):]
            if billable in cm.get_children(code) and cm.get_description(billable).startswith(title) \
                    and _UNSPECIFIED_PLACE.fullmatch(placing):
                placed_only.append((title, billable))
        for wording in wordings:
            terms.setdefault(_term_key(wording), billable)
    for title, billable in placed_only:  # never in place of a code's own wording
        terms.setdefault(_term_key(title), billable)
    return terms


# What the unspecified code under a category adds to its title when it only places it: ', unspecified leg',
# ', site unspecified'.
_UNSPECIFIED_PLACE = re.compile(r", (?:unspecified(?: [a-z]+){1,3}|[a-z]+ unspecified)")


def _term_key(wording: str) -> str:
    return folded_key(_UNSPECIFIED_TAIL.sub("", _BRACKETED.sub("", wording).strip()))


def write_icd_table(path: Path = ICD_TABLE) -> None:
    """Writes ICD_TABLE from the installed simple-icd-10-cm (byte for byte the same for the same package)."""
    data = json.dumps(icd_table_from_package(), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as out:
        out.write(data)


@cache
def _icd_table() -> dict:
    from .cache import derived

    return derived("icd10cm", _read_icd_table, code=[str(ICD_TABLE)])  # a pickle loads in 2/3 of the time


def _read_icd_table() -> dict:
    with gzip.open(ICD_TABLE, "rb") as f:
        return json.loads(f.read())


def _icd_terms() -> dict[str, str]:
    return _icd_table()["terms"]


def _icd_code(code: str) -> list | None:
    """The table's row of a code, written with or without its dot ('M75.41', 'm7541'), or None."""
    return _icd_table()["codes"].get(_dotted(code))


def _dotted(code: str) -> str:
    code = code.upper()
    if "." not in code and len(code) > 3 and code not in _icd_table()["codes"]:
        code = f"{code[:3]}.{code[3:]}"
    return code


# An ICD-10-CM code as letters write it ('M54.16', 'G89.29', 'M1A.0'), in capitals; `ICD_CODE.lower()` is the
# same in lower-cased text.
ICD_CODE = r"[A-TV-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?"


def written_code(code: str) -> str | None:
    """A code the letter writes, as the code set writes it, when it is a full code (one with no codes
    under it, 7th character and all: 'S23.3XXD'); None for a category or a code the set does not have."""
    code = _dotted(code)
    return code if _icd_code(code) is not None and not _icd_children().get(code) else None


def shares_title_word(code: str, text: str, naming: bool = False) -> bool:
    """Whether a condition's wording and a code's title have a word in common ('Sprain of ligaments ...' and
    'Sprain of ligaments of thoracic spine'); with `naming`, a word that names the condition, not its kind or course
    ('insomnia disorder' and 'Primary insomnia', not 'disorder')."""
    words = {w for w in _title_words(text) if len(w) > 3 and not (naming and w in KIND_WORDS)}
    return bool(words & _title_words(icd10cm_title(code) or ""))


# Words of a condition's name that say its kind or course, not which condition it is.
KIND_WORDS = frozenset({"disorder", "syndrome", "disease", "other", "unspecified", "chronic", "acute", "pain", "with",
                        "without", "region", "site", "episode", "type", "persistent", "recurrent", "single", "moderate",
                        "severe", "mild", "condition"})


@cache
def _icd_children() -> dict[str, list[str]]:
    from .cache import derived

    return derived("icd_children", _children_of_codes, code=[__file__, str(ICD_TABLE)])


def _children_of_codes() -> dict[str, list[str]]:
    children: dict[str, list[str]] = {}
    for code, (_, parent, _, _) in _icd_table()["codes"].items():
        if code != parent:  # a category named as its own block ('M96') is not its own child
            children.setdefault(parent, []).append(code)
    return children


def load_tables() -> None:
    """Loads the code set's tables and the known combinations now rather than on first use: a process that
    reads many letters loads them before gc.freeze() (extract.Extractor does), so that no full collection
    walks the code set's ~120k rows again."""
    _icd_table()
    _icd_children()
    _combination_orders()


def _icd_descendants(code: str) -> list[str]:
    out = []
    for child in _icd_children().get(code, []):
        out += [child, *_icd_descendants(child)]
    return out


def _unspecified_leaf(cm, code: str) -> str | None:
    """The billable code under a category that leaves everything else unspecified (I82.40 -> I82.409),
    or None when the category has none."""
    for child in reversed(cm.get_children(code)):
        if "unspecified" in cm.get_description(child).lower():
            return child if cm.is_leaf(child) else _unspecified_leaf(cm, child)
    return None


@cache
def condition_terms() -> dict[str, str]:
    """The code set's wording of conditions as a letter would write it (normalised -> code): titles and
    inclusion terms of the chapters in `_TERM_CHAPTERS`, up to six words, without the catalogue forms
    ('Other ...', '..., lumbar region'), each also in plain words ('bleeding' for 'hemorrhage') and without
    its possessive. Kept
    between runs (imrgraph.cache)."""
    from .cache import derived

    return derived("condition_terms", _condition_terms, code=[__file__, str(ICD_TABLE)])


def _condition_terms() -> dict[str, str]:
    out: dict[str, str] = {}
    for key, code in _icd_terms().items():
        words = key.split()
        block = code.startswith(_TERM_BLOCKS)
        longest = 8 if block or code.startswith(_LONG_TITLES) else 6
        if code[0] not in _TERM_CHAPTERS and not block or not 0 < len(words) <= longest or words[0] in ("other", "unspecified") \
                or len(words) == 1 and len(key) <= 4:  # an inclusion term's acronym ('pin', 'pres') is a word too
            continue
        plain = " ".join(_PLAIN_WORDS.get(w, w) for w in words)
        # ... and each eponym without its possessive ('parkinson disease', 'crohns disease')
        for variant in (key, plain, *(_POSSESSIVE_S.sub(joined, plain) for joined in (r"\1", r"\1s") if " s " in plain)):
            out.setdefault(variant, code)
    return {k: v for k, v in out.items() if k not in _COMMON_WORDS}


_POSSESSIVE_S = re.compile(r"\b([a-z]+) s\b")  # a folded key's possessive ('crohn s disease')
# Titles that are also everyday words in a summary.
_COMMON_WORDS = frozenset({"disorder", "disease", "syndrome", "pain", "stress", "fatigue", "falls", "injury",
                           "transgender"})


@cache
def _synonyms() -> dict[str, str]:
    return {folded_key(k): v for k, v in diagnosis_synonyms().items()}


_QUALIFIERS = re.compile(r"\b(?:not otherwise specified|nos|not elsewhere classified|nec|unspecified|disorder)\b")
SIDES = ("right", "left", "bilateral")


@lru_cache(maxsize=65536)
def icd10cm(text: str, side: str | None = None, site: str | None = None) -> str | None:
    """ICD-10-CM code of a diagnosis as written, or None when it is not known or not unambiguous.

    `side` ('right', 'left', 'bilateral') picks the lateral code when the code set has one; `site`
    (a body part such as 'knee') places a condition written without one ('degenerative joint disease').
    Injury codes that need an encounter 7th character are never given: letters do not say it."""
    code = _known_code(text)
    if code is None:
        return None
    # placed with the wording as written, else with another wording of its code ('reflex sympathetic dystrophy
    # of the arm' is placed as 'complex regional pain syndrome of upper limb')
    places = [p for p in (site, LIMBS.get(site or "")) if p]
    for wording in (folded_key(text), *_wordings_of(code)) if places else ():
        found = next((c for place in places for c in map(_known_code, _placed(wording, place, side)) if c), None)
        if found:
            code = found
            break
    if side in SIDES:
        sided = lateral_code(code, side)
        if side == "bilateral" and sided == code and _UNSPECIFIED_PART.search((icd10cm_title(code) or "").lower()):
            return None  # both sides where the code set codes each side apart: no one code says it
        code = sided
    return None if needs_encounter_character(code) else code


def _placed(text: str, place: str, side: str | None) -> tuple[str, ...]:
    placed = (f"{place} {text}", f"{text} of the {place}", f"{text} of {place}", f"{text} in {place}", f"{text}, {place}",
              f"{text}, {place} region")
    return placed + (f"{text} {side} {place}", f"{text} of {side} {place}") if side in SIDES else placed


@cache
def _wordings() -> dict[str, tuple[str, ...]]:
    by_code: dict[str, list[str]] = {}
    for key, code in _synonyms().items():
        if code:
            by_code.setdefault(code, []).append(key)
    return {code: tuple(keys) for code, keys in by_code.items()}


def _wordings_of(code: str) -> tuple[str, ...]:
    """The lexicon's wordings of a code."""
    return _wordings().get(code, ())


# The code set names a limb 'upper limb' or 'lower limb', and the foot with the ankle; letters say 'arm', 'leg',
# 'extremity', 'foot'.
LIMBS = {"arm": "upper limb", "arms": "upper limb", "upper extremity": "upper limb", "upper extremities": "upper limb",
         "leg": "lower limb", "legs": "lower limb", "lower extremity": "lower limb", "lower extremities": "lower limb",
         "foot": "ankle and foot", "feet": "ankle and foot", "ankle": "ankle and foot", "ankles": "ankle and foot"}


def is_condition(text: str) -> bool:
    """Whether the catalogue or the code set knows a wording as a condition, with a code or without one ('lumbar
    strain': an injury whose code letters cannot give)."""
    return " ".join(folded_key(text).split()) in _synonyms() or _known_code(text) is not None


def _known_code(text: str) -> str | None:
    key = folded_key(text)
    synonyms, terms = _synonyms(), _icd_terms()
    # a code set's title written with its bracketed words ('Long term (current) use of opiate analgesic'): the
    # terms are kept without them
    unbracketed = (folded_key(_BRACKETED.sub(" ", text)),) if "(" in text or "[" in text else ()
    for candidate in (key, key + " unspecified", _QUALIFIERS.sub(" ", key), *unbracketed):
        candidate = " ".join(candidate.split())
        if candidate in synonyms:
            return synonyms[candidate] or None
        if candidate in terms:
            return terms[candidate]
    return condition_terms().get(key)


def site_unstated(code: str) -> bool:
    """The code's title leaves the body site open ('Unspecified osteoarthritis, unspecified site',
    'Radiculopathy, site unspecified', 'Loose body in unspecified joint')."""
    title = (icd10cm_title(code) or "").lower()
    return "unspecified site" in title or "site unspecified" in title or "unspecified joint" in title


_TITLE_WORD = re.compile(r"[a-z]+")
# Words a lateral title adds to the unlateral one without naming another condition (ICD-10-CM codes
# osteoarthritis of a limb joint as primary unless written otherwise).
_LATERAL_FILLERS = frozenset({"of", "the", "and", "unspecified", "unilateral", "primary", "limb", "limbs", "side"})


def _title_words(title: str) -> frozenset[str]:
    return frozenset(w[:-1] if w.endswith("s") and len(w) > 3 else w for w in _TITLE_WORD.findall(title.lower())
                     if w not in _LATERAL_FILLERS and w not in SIDES)


@cache
def lateral_code(code: str, side: str) -> str:
    """The code of the same condition on the written side ('M75.40' + 'right' -> 'M75.41'), found among its
    siblings and then in its category: the one title that names the side and otherwise says the same
    thing. The code itself when it already names a side or the code set has no such code."""
    title = icd10cm_title(code)
    if title is None or "unspecified" not in title.lower():
        return code
    words = _title_words(title)
    # 'Tinnitus, unspecified ear' is 'Tinnitus, bilateral': the part after 'unspecified' may go with the side
    part = _UNSPECIFIED_PART.search(title.lower())
    alike = (words, words - {part.group(1)}) if part and part.end() == len(title) else (words,)
    codes = _icd_table()["codes"]
    parent = _icd_code(code)[1]
    in_a_joint = part is None and "joint" in words and "unspecified joint" not in title.lower()
    for pool in (_icd_children().get(parent, []) if parent else [], _icd_descendants(code[:3])):
        found = {c for c in pool if codes[c][2] and c != code
                 and side in (named := _TITLE_WORD.findall(codes[c][0].lower()))
                 and (_title_words(codes[c][0]) in alike
                      or in_a_joint and _title_words(codes[c][0]) - _part_after(named, side) in alike)}
        if len(found) == 1:
            return found.pop()
    return code


def _part_after(words: list[str], side: str) -> set[str]:
    """The hand or foot a lateral title names to place the side of a joint in it, where the unlateral one names
    only the joint ('Osteoarthritis of first carpometacarpal joint, unspecified' -> '..., right hand')."""
    at = words.index(side) + 1
    return set(words[at:]) if words[at:] in (["hand"], ["foot"]) else set()


# The side a title leaves open, and the part it names ('..., unspecified ear', '... of unspecified shoulder').
_UNSPECIFIED_PART = re.compile(r"\bunspecified\s+(side|ear|eye|shoulder|elbow|wrist|hand|hip|knee|ankle|foot|"
                               r"upper\s+arm|forearm|thigh|lower\s+leg|finger|thumb|toe|upper\s+limb|lower\s+limb|"
                               r"limb|arm|leg)\b")
_SPINAL_LEVEL = re.compile(r"(?i)([ctls])\s*(\d{1,2})\s*-\s*([ctls])?\s*(\d{1,2})")
# Words a level's title adds to or drops from its region's ('..., unspecified cervical region' -> '... at C5-C6 level').
_LEVEL_FILLERS = frozenset({"region", "at", "level", "mid", "high", "c", "t", "l", "s"})


@cache
def at_level(code: str, level: str) -> str:
    """The code of the same condition at a written spinal level where the code set has one ('M50.30' + 'C5-6' ->
    'M50.322', 'Other cervical disc degeneration at C5-C6 level'); else the code itself."""
    m = _SPINAL_LEVEL.fullmatch(level.strip())
    title = icd10cm_title(code)
    if not m or title is None:
        return code
    first, low, second, high = m.groups()
    named = f"at {first.upper()}{low}-{(second or first).upper()}{high} level"
    words = _title_words(title) - _LEVEL_FILLERS
    codes = _icd_table()["codes"]
    found = {c for c in _icd_descendants(code[:3]) if codes[c][2] and named in codes[c][0]
             and _title_words(codes[c][0]) - _LEVEL_FILLERS == words}
    return found.pop() if len(found) == 1 else code


# Symptom codes outside chapter 18: pain in a limb, a joint or a region, and the complaints other chapters code
# (constipation, muscle weakness, spasm, cramp).
_SYMPTOM_TITLE = re.compile(r"^(?:pain|other\s+chronic\s+pain|cervicalgia|low\s+back\s+pain|dorsalgia|constipation|stiffness|"
                            r"muscle\s+weakness|(?:other\s+)?muscle\s+spasm|cramp|hematemesis|melena|"
                            r"hemorrhage\s+of\s+anus\s+and\s+rectum)\b", re.IGNORECASE)


def is_symptom(code: str) -> bool:
    """A symptom, not a disease: chapter 18 (R codes) and the symptom codes of other chapters ('Pain in left
    leg', 'Cervicalgia', 'Constipation, unspecified'); not the states of the blood sugar chapter 18 files as
    diagnoses ('Prediabetes', 'Impaired fasting glucose')."""
    title = icd10cm_title(code)
    return code.upper().startswith("R") and not code.upper().startswith("R73.0") \
        or bool(title and _SYMPTOM_TITLE.match(title))


def history_of_cancer(code: str) -> str | None:
    """The code of the worker's personal history of a cancer ('C73' -> 'Z85.850'), where the table has its
    category."""
    return cancer_histories().get(code.upper()[:3])


@cache
def in_remission(code: str) -> str:
    """The code of the same condition in remission ('C81.90' -> 'C81.9A', 'C91.10' -> 'C91.11'): the one code beside
    it whose title says it is in remission; else the code itself."""
    row = _icd_code(code)
    if row is None or REMITTED.search(row[0]):
        return code
    codes = _icd_table()["codes"]
    found = [c for c in _icd_children().get(row[1], []) if codes[c][2] and REMITTED.search(codes[c][0])]
    return found[0] if len(found) == 1 else code


REMITTED = re.compile(r"(?i)(?<!not having achieved )\bin remission\b")


def needs_encounter_character(code: str) -> bool:
    """Injury and external-cause codes take a 7th character for the encounter (initial, subsequent, sequela)."""
    row = _icd_code(code)
    return bool(row and row[3])


def icd10cm_title(code: str) -> str | None:
    """The ICD-10-CM title of a code (any level), or None when the code set has no such code."""
    row = _icd_code(code)
    return row[0] if row else None


def generic_name(package_name: str) -> str:
    """DNER's canonical name -> our generic form ('abacavir, lamivudine, and zidovudine' -> 'a/b/c')."""
    parts = re.split(r",\s*(?:and\s+)?|\s+and\s+", _MAKING.sub("", package_name.lower()))
    return "/".join(_BIOLOGIC_SUFFIX.sub("", p.strip()) for p in parts if p.strip())


_MAKING = re.compile(r"\s*\((?:rdna|recombinant)(?:\s+origin)?\)")  # how a biologic is made: 'insulin degludec (rdna origin)'
# A biologic's four-letter suffix, which letters and their readers leave out ('erenumab-aooe' is erenumab,
# 'pegfilgrastim-jmdb' pegfilgrastim); only after a biologic's stem, not a chemical's '-diol'.
_BIOLOGIC_SUFFIX = re.compile(r"(?<=mab|ept|ase|min|ina|gol|tin|can|tim|tox|ine)-[a-z]{4}$")


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
def vocabulary_words() -> frozenset[str]:
    """Every word (lowercase, hyphenated ones whole) of the conditions, drugs, services, body parts, fields, jobs,
    states, guideline names and ConText triggers the letters are read for: where a word broken at a line's end is one
    of them without its hyphen ('psycho-' / 'therapy', 'Dis-' / 'orders', 'ex-' / 'cluded'), the hyphen was the
    line's; where a scan's l for an i makes one of them no word ('Medlcine', 'Arlzona'), the l is an i. Kept between
    runs (imrgraph.cache)."""
    from .cache import derived

    return derived("vocabulary_words", _vocabulary_words, code=[__file__, str(ICD_TABLE)],
                   packages=("drug-named-entity-recognition",))


def _vocabulary_words() -> frozenset[str]:
    from . import vocab

    guidelines = (*vocab.guideline_units(), *vocab.guideline_titles(), *vocab.guideline_topics())
    phrases = [*condition_terms(), *diagnosis_synonyms(), *drug_vocabulary(), *vocab.body_parts(),
               *vocab.specialties(), *vocab.job_words(), *(p for s in vocab.services().values() for p in s.patterns),
               *(name for name in vocab.us_states() if len(name) > 2),
               *(p for g in guidelines for p in (g.label, *g.patterns)),
               *(rule.literal for rule in vocab.context_rules())]  # ('was ex-' / 'cluded')
    return frozenset(w for phrase in phrases for w in _VOCABULARY_WORD.findall(phrase.lower()))


_VOCABULARY_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")


@cache
def drug_vocabulary() -> dict[str, tuple[str, str | None]]:
    """Every known drug surface form (lowercase) -> (generic, DrugBank id).

    The package's dictionary without its drug classes and lab analytes, with our supplement taking
    precedence for the brand names and abbreviations workers'-comp letters use that the package lacks
    or maps wrongly. Seconds to make: kept between runs (imrgraph.cache).
    """
    from .cache import derived

    return derived("drug_vocabulary", _drug_vocabulary, code=[__file__],
                   packages=("drug-named-entity-recognition",))


def _drug_vocabulary() -> dict[str, tuple[str, str | None]]:
    package = _package_dictionary()
    data = package["drug_canonical_to_data"]
    vocab: dict[str, tuple[str, str | None]] = {}
    for variant, canonicals in package["drug_variant_to_canonical"].items():
        if len(canonicals) != 1 or len(variant) < 3 or variant in _NOT_DRUGS or "effect" in variant:
            continue  # ambiguous or too short to trust in free text
        if variant.strip(_LOOSE_ENDS) != variant:
            continue  # a fragment ('alcohol,', ', vusion') would make a drug of a word and the comma after it
        info = data.get(canonicals[0], {})
        if _names_no_drug(info) or _research_abbreviation(variant, info):
            continue
        vocab[variant] = (generic_name(info.get("name") or canonicals[0]), info.get("drugbank_id"))
    # a product the package names by its form ('Lidocaine Patch', 'Estradiol Patch', 'Fentanyl Sublingual Spray') is
    # its drug, where the package knows the drug by itself
    drugbank_of: dict[str, str | None] = {}
    for generic, drugbank in vocab.values():
        drugbank_of[generic] = drugbank_of.get(generic) or drugbank
    for variant, (generic, drugbank) in vocab.items():
        bare = _FORM_TAIL.sub("", generic)
        if bare != generic and bare in drugbank_of:
            vocab[variant] = (bare, drugbank or drugbank_of[bare])
    for surface, entry in drug_supplement().items():
        vocab[surface.lower()] = (entry.generic, entry.drugbank)
    return vocab


_FORM_TAIL = re.compile(r"\s+(?:(?:nasal|sublingual|oral|topical|transdermal|buccal)\s+)?(?:patch|cream|gel|spray|ointment|"
                        r"lotion|solution|powder|capsules|implant)$")


def _research_abbreviation(variant: str, info: dict) -> bool:
    """A laboratory chemical's short name ('SITS', 'DIDS', 'IBMX': no DrugBank entry, a name with locants) is no
    drug a letter names; as a word it is English ('sits')."""
    name = info.get("name") or ""
    return info.get("drugbank_id") is None and variant.isalpha() and len(variant) <= 6 and bool(_LOCANT.search(name))


_LOCANT = re.compile(r"(?:^|[\s(\[])\d+'?(?:[,/]\d+'?)*-")  # '4-acetamido', "2,2'-disulfonic": a chemical's name


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


def is_known_combination(parts: list[str]) -> bool:
    """Whether a product with exactly these parts' ingredients is known ('Tylenol with codeine'; not 'OxyContin with
    Nucynta', one drug replaced with another)."""
    return frozenset(p for part in parts for p in part.split("/")) in _combination_orders()


def combination_generic(parts: list[str], as_written: bool = False) -> str:
    """The generic of a combination written as parts ('APAP/hydrocodone'): the order of the known
    product with the same ingredients (hydrocodone/acetaminophen), else (or `as_written`, a compound's prescription)
    the order written."""
    ingredients = list(dict.fromkeys(p for part in parts for p in part.split("/")))
    return (None if as_written else _combination_orders().get(frozenset(ingredients))) or "/".join(ingredients)


# English words the drug dictionary also lists as names; in letters they are never the drug.
_LOOSE_ENDS = " ,;:-"
_NOT_DRUGS = frozenset({
    "pain", "care", "sleep", "heat", "ice", "today", "support", "relief", "balance", "focus", "max",
    "prevent", "advance", "control", "ease", "complete", "active", "plan", "one", "total", "allergy",
    "guidelines", "medical", "treatment", "therapy", "program", "page", "request", "patient",
    "chronic", "oxygen", "water", "alcohol", "nicotine", "caffeine", "sodium", "calcium", "iron",
    "magnesium", "potassium", "zinc", "vitamin", "vitamins", "omega", "fish oil", "cocaine",
    "cold", "hot", "rest", "cream", "gel", "patch", "lotion", "spray", "gaba", "serotonin", "dopamine",
    "histamine", "cortisol", "estrogen", "glucose", "protein", "collagen", "heroin", "marijuana",
    "methamphetamine", "mop", "mops", "uric acid", "thyroglobulin",  # (blood tests' analytes: 'uric acid 5.1')
    "caps", "tabs",  # a count's unit ('2 caps hs'), also a buffer chemical's short name
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
