"""`imr_drugs`: drug names (package dictionary + our supplement) in the summary and the requests."""

from __future__ import annotations

import difflib
import re
from bisect import bisect_right
from functools import lru_cache

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import link, vocab
from ..cache import derived
from ..text import clause_start
from .context import LetterContext, inside, letter_of
from .quantities import FORMS, UNITS

_JOIN = re.compile(r"\s*([/\-])\s*")  # 'hydrocodone / apap' -> 'hydrocodone/apap'
_FIRST_WORD = re.compile(r"[a-z0-9][a-z0-9']*")
# What joins two drug names into one combination product: 'hydrocodone/APAP', 'Tylenol with codeine' ('with' only a
# known product's ingredients: 'replaced OxyContin with Nucynta' names two drugs).
_COMBINATION_JOINERS = frozenset({"/", "-", "+", "&", "with"})

# A drug name followed by one of these is what a lab measured ('vitamin D level', 'gabapentin serum
# levels'), not a drug the worker takes.
_ANALYTE_AFTER = re.compile(
    r"\s*(?:serum\s+|blood\s+|urine\s+)?(?:stimulation\s+|suppression\s+|challenge\s+|tolerance\s+)?"
    r"(?:levels?|tests?|testing|assays?|panels?|antigens?|antibod(?:y|ies)"
    r"|titers?|concentrations?)\b"
    # ... or a condition named after its lack, its excess or the body's resistance to it: 'vitamin D deficiency', 'B12
    # insufficiency', 'insulin resistance'
    r"|\s*(?:deficiency|deficiencies|deficient|insufficiency|toxicity|resistance)\b"
    # ... or a dose measured in it: '120 morphine milligram equivalents', 'morphine equivalent dose'
    r"|\s*(?:milligram\s+|mg\s+)?equivalen(?:ts?|ce|cy)\b"
    # ... or a result said of it: 'uric acid was normal', 'vitamin B12 is low', tersely 'cotinine neg'
    r"|\s+(?:was|were|is|are)\s+(?:normal|abnormal|elevated|low|high|unremarkable|within\s+normal\s+limits)\b"
    r"|\s+(?:neg|pos|negative|positive)\b"
    # ... or a concentration measured in it: 'uric acid drawn in March was 5.1 mg/dL', 'a lithium level of 0.8 mEq/L'
    r"|(?:,?\s+[\w/-]+){0,6}?,?\s+(?:was|were|is|are|of|at)\s+\d+(?:\.\d+)?\s*(?:mg|g|ng|mcg|ug|µg|pg|meq|mmol|iu|u)/(?:dl|l|ml)\b"
)
# ... or one drawn from the blood, or its measure: 'a serum uric acid', 'plasma lithium', 'a low free testosterone',
# 'total testosterone'
_ANALYTE_BEFORE = re.compile(r"\b(?:serum|plasma|blood|low|total|free)\s+$")
# ...and so is one a test result names: 'the urine drug screen was negative for oxycodone'. Read on the
# clause before the drug (cut at the last '.' or ';', at most this many characters back).
_RESULT_WINDOW = 160
_TEST_WORDS = r"\b(?:screens?|screening|tests?|testing|toxicology|tox|uds|udt|urinalysis|assays?)\b"
_TEST_RESULT_BEFORE = re.compile(_TEST_WORDS + r"[^.;]*(?:\b(?:positive|negative|detected|detection|pos|neg)\b|\+)[^.;]*$"
                                 # ... or what a drug test or a prescription-monitoring report showed ('a drug test showed
                                 # buprenorphine and norbuprenorphine only', 'a CURES report showed a 20 day supply of
                                 # hydrocodone/acetaminophen filled in August')
                                 r"|\b(?:(?:drug|urine|urine\s+drug)\s+(?:screens?|tests?|testing)|uds|udt|toxicology|cures|pdmp|"
                                 r"(?:prescription\s+)?(?:drug\s+)?monitoring\s+(?:program|report|database)|"
                                 # ... or a pharmacogenetic panel's comment ('commented that codeine and hydrocodone would
                                 # be expected to give reduced analgesia')
                                 r"pharmacogenetic\s+(?:panel|test(?:ing)?|report))\b"
                                 r"[^.;]*\b(?:showed|shows|revealed|reveals|listed|lists|commented|reported)\b[^.;]*$")
# ... or in a clause of its own after the sentence named the test ('drug screens were collected ...; the second was
# negative for hydrocodone')
_RESULT_FOR_BEFORE = re.compile(r"\b(?:positive|negative)\s+for\s+(?:[\w/-]+,?\s+(?:and\s+|or\s+)?){0,3}$")
_TEST_WORD = re.compile(_TEST_WORDS)
# A misspelt drug name is looked for only where a drug must be: a word written just before a strength
# ('Flexiril 10mg'), a word listed beside a known drug, or the words of a request that names no service and no
# known drug but states a dose.
# Found from the strength (a digit), then the word just before it.
_STRENGTH = re.compile(r"\d+(?:\.\d+)?(?:\s*/\s*\d+(?:\.\d+)?)*\s*(?:mg|mcg|gm|g|ml|%)(?![a-z])"
                       # ... or a bare dose before how often it is taken, in a note's shorthand ('Flexiril 5 hs prn')
                       r"|\d+(?:\.\d+)?(?=\s+(?:qd|bid|tid|qid|qhs|hs|qam|qpm|prn|daily|nightly)\b)"
                       # ... or a combination's strengths alone ('Percoset 10/325'; not a date: '10/2015')
                       r"|\d+(?:\.\d+)?/\d{3}(?![\d/])")
# (five letters: 'Lyrca 75 mg'), its form between ('Voltarin gel 1%')
# (a name in quotes, as the letter copies a record's spelling: '"Celebrx" 200 mg')
_WORD_BEFORE = re.compile(r"\b([a-z]{5,})[\"”’']?(?:\s+(?:gel|cream|patch(?:es)?|ointment|lotion|spray|solution|tabs?|tablets?|"
                          r"caps?|capsules?|er|sr|xr|cr|ds))?\s*$")
_DOSE_SIGNAL = re.compile(
    r"\d\s*(?:mg|mcg|gm|ml|%)(?![a-z])|#\s*\d|\b(?:qty|quantity|tabs?|tablets?|caps?|capsules?|patch(?:es)?"
    r"|cream|gel|ointment|lotion|refills?|bid|tid|qid|qhs|prn)\b"
)
_WORD = re.compile(r"[a-z]{6,}")
_HEADING_WORD = re.compile(r"\b[a-z]{5,}\b")  # ('Xanex 0.5mg #60')
# ... or a word listed beside a drug ('Norco, tizandine and gabapentin'), or named as what the worker takes
# ('takes Neurotin', 'has taken ibuprofin', 'medications include Percoset').
_LISTED_AFTER = re.compile(r"(?:\s+(?:ds|er|xr|cr|sr|xl|la|dr|cd))?"  # (past the release's letters: 'Anaprox DS and Percoset')
                           # (past a note on the drug, in an allergy list: 'Augmentin - rash; Keterolac - hives')
                           r"(?:\s*(?:[-–—:]\s*[a-z ]{1,25}?|\([^()\n]{1,25}\)))?"
                           r"\s*(?:[,;]\s*(?:and\s+|or\s+)?(?:\d[.)]\s*)?|\s(?:and|or)\s+)([a-z]{6,})\b(?![-/])")
_LISTED_BEFORE = re.compile(r"\b([a-z]{6,})(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)$")
# ... or the subject of a verb of taking ('Neurotin was started at 300 mg', 'Lyrca was stopped')
_TAKEN_AFTER = re.compile(r"\b([a-z]{5,})[\"”’']?\s+(?:was|were)\s+(?:(?:first|then|later|initially|briefly)\s+)?"
                          r"(?:started|tried|prescribed|added|stopped|discontinued|tapered|titrated|increased|switched|"
                          r"suggested|offered|recommended|declined|refused)\b")  # ('Mirtazepine was suggested as a sleep aid')
_TAKES = re.compile(r"\b(?:(?:takes|taking|took|taken|given|uses|used|prescribed|tried|trials?\s+of|started\s+on)\s+|(?:medications?|meds)"
                    r"\s*(?:include[sd]?\s+|including\s+|are\s+|were\s+|:\s*)|"
                    # ... or what the worker is allergic to ('Allergies: Penicilin (rash)', 'allergic to Keterolac')
                    r"allerg(?:y|ies|ic)\s*(?:to\s+|:\s*(?:\d[.)]\s*)?))[\"“‘']?([a-z]{6,})\b(?![-/])")
# Words of requests that are no drug whatever their spelling.
_REQUEST_WORDS = frozenset({
    "retrospective", "prospective", "request", "requested", "prescription", "prescriptions", "continue",
    "continued", "dispense", "dispensed", "unknown", "quantity", "supply", "compound", "compounded", "topical",
    "transdermal", "extended", "release", "delayed", "sustained", "strength", "dosage", "equivalent",
    "equivalents", "approximately", "increased", "decreased", "reduced", "maximum", "minimum", "currently",
    "prescribed", "including", "totaling", "morning", "evening", "bedtime", "nightly", "needed", "between",
    "medication", "medications", "refills", "purchase", "rental", "additional", "sessions", "visits",
})


@Language.factory("imr_drugs", default_config={"max_tokens": 5, "typo_cutoff": 0.85})
def make_drug_finder(nlp: Language, name: str, max_tokens: int, typo_cutoff: float):
    return DrugFinder(nlp, max_tokens, typo_cutoff)


def _joiner(m: re.Match) -> str:
    return m.group(1)  # a function: re parses a template replacement on every call


def _lookup_tables() -> tuple[dict, frozenset[str], dict[str, list[str]], frozenset[str]]:
    """The drug vocabulary with combinations' separators joined; the words that can begin a drug name; the
    single-word names of five letters or more by first letter (for typos); the words other vocabularies know."""
    from spacy.lang.en.stop_words import STOP_WORDS

    # a product's title that names its ingredients with 'and' ('lisinopril and hydrochlorothiazide') is, in a
    # letter, two drugs taken; letters write one product with a slash, a hyphen or 'with'
    names = {(_JOIN.sub(_joiner, k) if ("/" in k or "-" in k) else k): v for k, v in link.drug_vocabulary().items()
             if not (" and " in k and "/" in v[0])}
    # variants starting with a stop word ('a-...', 'is ...') are dictionary noise and would make every 'a' and
    # 'is' a candidate
    first_words = frozenset(w for w in (_FIRST_WORD.match(k).group() for k in names if _FIRST_WORD.match(k))
                            if w not in STOP_WORDS or w in names)
    by_initial: dict[str, list[str]] = {}
    for key in names:
        if key.isalpha() and len(key) >= 5:
            by_initial.setdefault(key[0], []).append(key)
    # words the letters' other vocabularies know are not misspelt drugs
    known_words = _REQUEST_WORDS | frozenset(FORMS) | frozenset(UNITS) | frozenset(
        w for vocabulary in ([p for s in vocab.services().values() for p in s.patterns], vocab.body_parts())
        for phrase in vocabulary for w in _WORD.findall(phrase))
    return names, first_words, by_initial, known_words


def _sound(word: str) -> str:
    """A word as it sounds: 'y' read as 'i', 'ph' as 'f', a doubled letter as one."""
    return re.sub(r"(.)\1", r"\1", word.replace("ph", "f").replace("y", "i"))


def _vowel_apart(name: str, word: str) -> bool:
    """The two differ in one letter only, a vowel in each."""
    apart = [(a, b) for a, b in zip(name, word) if a != b] if len(name) == len(word) else []
    return len(apart) == 1 and all(c in "aeiou" for c in apart[0])


# A word with an English verb's or adverb's ending is no misspelt drug name ('gabapentin, allowing ...' is not
# Aloin).
ENGLISH_ENDING = re.compile(r"(?:ing|ed|ly|ment|tion)$")


class DrugFinder:
    """Drug names by n-gram lookup in the summary and requests.

    A dictionary lookup per n-gram is cheaper than a 100k-pattern PhraseMatcher and needs no
    start-up compilation. Only tokens whose word can begin a drug name are tried (a lexeme flag, read
    for all tokens at once), so the Python work is per candidate, not per token. Combinations written
    'hydrocodone/APAP' are joined into one generic. A drug named as a lab analyte or a test result is
    left out. A misspelt name ('Omperazole') is corrected to the nearest single-word drug name with the
    same first letter, only where a drug must stand and only when one name is clearly nearest.
    """

    def __init__(self, nlp: Language, max_tokens: int, typo_cutoff: float):
        self.max_tokens = max_tokens
        self.typo_cutoff = typo_cutoff
        self.vocab, first_words, self.by_initial, self.known_words = derived(
            "drug_finder", _lookup_tables, code=[__file__, link.__file__],
            packages=("drug-named-entity-recognition", "spacy"))
        # a lexeme flag, set once per word of the vocabulary (new words as they are first seen): the
        # tokens worth a lookup come out of Doc.to_array, in C; a word hyphenated at a line's end
        # ('Hydrocodone-' before 'acetaminophen' on the next line) is one token with its hyphen
        self.can_start = nlp.vocab.add_flag(
            lambda word: word.rstrip("-").isalpha() and word.rstrip("-").lower() in first_words)
        self.corrected = lru_cache(maxsize=16384)(self._nearest_drug)
        # a word spelled as the vocabularies spell it (conditions, services, guidelines: 'relief', not the brand
        # Relif) is no misspelt drug
        self.spelled_words = link.vocabulary_words()

    def __call__(self, doc: Doc) -> Doc:
        ctx = letter_of(doc)
        text, starts, ends = ctx.text, ctx.token_starts, ctx.token_ends
        in_regions = bytearray(len(starts))
        for region in ctx.regions("drug"):
            first, last = ctx.region_tokens(region)
            if last > first:
                in_regions[first:last] = b"\x01" * (last - first)
        candidates = [i for i in np.flatnonzero(doc.to_array(self.can_start)).tolist() if in_regions[i]]
        found: list[Span] = []
        last_end = 0
        for i in candidates:
            if i < last_end:
                continue
            for n in range(min(self.max_tokens, len(starts) - i), 0, -1):
                if not in_regions[i + n - 1]:
                    continue
                key = text[starts[i]:ends[i + n - 1]].lower()
                if "/" in key or "-" in key:
                    key = _JOIN.sub(_joiner, key)
                    if n == 1:
                        key = key.rstrip("-")  # 'Hydrocodone-' left at a line's end, its hyphen one token with it
                if key in self.vocab:
                    found.append(self._span(doc, ctx, i, i + n, key))
                    last_end = i + n
                    break
        found = sorted(found + self._misspelt(doc, ctx, found), key=lambda s: s.start)
        ctx.groups["drug"] = [s for s in _join_combinations(doc, found)
                              if not _names_an_analyte(ctx.lower, s) and not _inside_a_condition(ctx, s)]
        return doc

    def _span(self, doc: Doc, ctx: LetterContext, start: int, end: int, key: str) -> Span:
        generic, drugbank = self.vocab[key]
        ctx.drugbank[start, end] = drugbank
        return Span(doc, start, end, label=generic)

    def _misspelt(self, doc: Doc, ctx: LetterContext, found: list[Span]) -> list[Span]:
        """Drug names written with a typo, where a drug must stand (see the class docstring)."""
        low = ctx.lower
        words: list[tuple[int, int]] = []
        for region in ctx.regions("drug"):
            for m in _STRENGTH.finditer(low, *region):
                before = _WORD_BEFORE.search(low, max(region[0], m.start() - 40), m.start())
                if before:
                    words.append(before.span(1))
            words += [m.span(1) for pattern in (_TAKES, _TAKEN_AFTER) for m in pattern.finditer(low, *region)]
        for span in found:
            words += _listed_beside(low, span.start_char, span.end_char)
        services = ctx.group("service")
        for heading in ctx.headings:
            if (_DOSE_SIGNAL.search(low, *heading) and not any(inside(s, heading) for s in found)
                    and not any(inside(s, heading) for s in services)):
                words += [m.span() for m in _HEADING_WORD.finditer(low, *heading)]
        out: list[Span] = []
        taken = {(s.start_char, s.end_char) for s in found}
        tried: set[tuple[int, int]] = set()
        while words:
            start, end = words.pop()
            if (start, end) in tried:
                continue
            tried.add((start, end))
            word = low[start:end]
            if word in self.vocab or word in self.known_words or word in self.spelled_words or ENGLISH_ENDING.search(word) \
                    or any(a < end and start < b for a, b in taken):
                continue
            key = self.corrected(word)
            span = doc.char_span(start, end) if key else None
            if span is not None:
                out.append(self._span(doc, ctx, span.start, span.end, key))
                taken.add((start, end))
                words += _listed_beside(low, start, end)  # the rest of the list: 'Percoset, Neurotin and Soma'
        return out

    def _nearest_drug(self, word: str) -> str | None:
        """The one drug name nearest a misspelt word, or None when none is near enough or two are as near; an m a scan
        read as rn ('Trarnadol', 'Arnbien') is the m."""
        if "rn" in word and (read := word.replace("rn", "m")) in self.vocab:
            return read
        names = [k for k in self.by_initial.get(word[0], ()) if abs(len(k) - len(word)) <= 2]
        # a name written as it sounds ('Nortryptiline', 'Ibuprophen') is that name
        # ... and so is one with a vowel for another ('Xanex'), which a short name's ratio scores low
        sounded = {self.vocab[k][0]: k for k in names if _sound(k) == _sound(word) or _vowel_apart(k, word)}
        if len(sounded) == 1:
            return next(iter(sounded.values()))
        # two letters swapped ('Lyrcia') is a typist's slip that a ratio of matching letters scores low
        swapped = {self.vocab[k][0]: k for k in {word[:i] + word[i + 1] + word[i] + word[i + 2:]
                                                 for i in range(1, len(word) - 1)} & set(names)}
        if len(swapped) == 1 and len(word) >= 5:
            return next(iter(swapped.values()))
        close = difflib.get_close_matches(word, names, n=2, cutoff=self.typo_cutoff)
        if not close:
            return None
        ratios = [difflib.SequenceMatcher(None, word, name).ratio() for name in close]
        if len(close) == 2 and ratios[1] == ratios[0] and self.vocab[close[0]][0] != self.vocab[close[1]][0]:
            return None
        return close[0]


def _listed_beside(low: str, start: int, end: int) -> list[tuple[int, int]]:
    """The words listed just after and just before a drug name, where there are such."""
    out = []
    after = _LISTED_AFTER.match(low, end)
    if after:
        out.append(after.span(1))
    before = _LISTED_BEFORE.search(low, max(0, start - 40), start)
    if before:
        out.append(before.span(1))
    return out


def _names_an_analyte(low: str, span: Span) -> bool:
    """A drug a lab measured or a test result names, not one the worker takes."""
    if _ANALYTE_AFTER.match(low, span.end_char) or _ANALYTE_BEFORE.search(low, max(0, span.start_char - 8), span.start_char):
        return True
    before = low[max(0, span.start_char - _RESULT_WINDOW):span.start_char]
    start = clause_start(before, 0, len(before), ".;")
    if _TEST_RESULT_BEFORE.search(before, start):
        return True
    return bool(_RESULT_FOR_BEFORE.search(before, start)) and bool(_TEST_WORD.search(before, before.rfind(".") + 1))


def _inside_a_condition(ctx: LetterContext, span: Span) -> bool:
    """A drug named inside a condition's longer name ('calcium pyrophosphate deposition disease', 'vitamin B12
    deficiency'): the condition, not a drug taken."""
    conditions = ctx.group("diagnosis")
    k = bisect_right(conditions, span.start, key=lambda s: s.start) - 1
    return k >= 0 and conditions[k].end >= span.end and len(conditions[k]) > len(span)


def _join_combinations(doc: Doc, spans: list[Span]) -> list[Span]:
    """'hydrocodone / APAP', 'Tylenol with codeine', 'hydrocodone APAP' -> one span, one generic in the
    order of the known product with those ingredients (link.combination_generic); a compound written with each
    ingredient's strength ('ketoprofen 10%/gabapentin 6%/lidocaine 5%') in the order written."""
    out: list[Span] = []
    for span in spans:
        prev = out[-1] if out else None
        gap = span.start - prev.end if prev is not None else -1
        joiner = doc[prev.end].lower_ if gap == 1 else None
        compounded = 1 < gap <= 4 and _strength_then_joiner(doc[prev.end:span.start]) \
            or 1 < gap <= 5 and _listed_in_a_compound(doc, prev, doc[prev.end:span.start])
        joined = joiner in _COMBINATION_JOINERS and (joiner not in _LIST_JOINERS or _written_generic(prev) and _written_generic(span)) \
            and (joiner != "with" or link.is_known_combination([prev.label_, span.label_])) \
            or (gap == 0 and span.text.lower() == "apap") or compounded
        if joined:
            # (a compound written with each ingredient's strength is in the prescription's order, not a product's)
            generic = link.combination_generic([prev.label_, span.label_], as_written=compounded)
            out[-1] = Span(doc, prev.start, span.end, label=generic)
        else:
            out.append(span)
    return [_with_ingredient_after(doc, span) for span in out]


# A compounded product writes each ingredient's strength before the next ('Flurbiprofen 20%/Lidocaine 5% cream',
# 'ketamine 10%/gabapentin 6%/clonidine 0.2%').
STRENGTH_TOKEN = re.compile(r"\d+(?:\.\d+)?%?|%|mg|mcg|g")


def _strength_then_joiner(between: Span) -> bool:
    return between[-1].text in ("/", "+") and all(STRENGTH_TOKEN.fullmatch(t.lower_) for t in between[:-1])


# ... or names its ingredients in prose, each with its strength ('a compounded cream of ketoprofen 10%, cyclobenzaprine 3%
# and lidocaine 5%')
COMPOUND_LEAD = re.compile(r"\bcompound(?:ed)?\s+(?:topical\s+)?(?:[a-z]+\s+)?(?:of|containing|with)\s+$")
COMPOUND_JOINERS = frozenset({",", "and"})


def _listed_in_a_compound(doc: Doc, prev: Span, between: Span) -> bool:
    strengths = [t for t in between if STRENGTH_TOKEN.fullmatch(t.lower_)]
    joiners = [t for t in between if t.lower_ in COMPOUND_JOINERS]
    return bool(strengths) and bool(joiners) and len(strengths) + len(joiners) == len(between) \
        and between[0].lower_ not in COMPOUND_JOINERS \
        and COMPOUND_LEAD.search(letter_of(doc).lower, max(0, prev.start_char - 60), prev.start_char) is not None


# '+' and '&' also list two products ('metformin + Jardiance'): they join only ingredients written by their names
# or short names ('acetaminophen + codeine', 'APAP & codeine').
_LIST_JOINERS = frozenset({"+", "&"})


def _written_generic(span: Span) -> bool:
    return span.text.lower() == span.label_ or span.text.isupper() and len(span.text) <= 4


# Ingredients never a drug alone that a combination names last ('butalbital/APAP/caffeine').
COMBINATION_ONLY_INGREDIENTS = frozenset({"caffeine"})


def _with_ingredient_after(doc: Doc, span: Span) -> Span:
    end = span.end
    if end + 1 < len(doc) and doc[end].lower_ in _COMBINATION_JOINERS and doc[end + 1].lower_ in COMBINATION_ONLY_INGREDIENTS:
        return Span(doc, span.start, end + 2, label=link.combination_generic([span.label_, doc[end + 1].lower_]))
    return span
