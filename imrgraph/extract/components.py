"""spaCy rule components of the extraction pipeline (registered factories, configurable).

Every component reads the `ParsedLetter` the extractor puts in `doc.user_data["letter"]` and the
span groups earlier components wrote; results go to `doc.user_data["imr"]`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

import numpy as np
from spacy.attrs import IDX, LENGTH, SENT_START
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .. import link, vocab

# Span groups written by the lexicon components.
GROUPS = ("service", "diagnosis", "body_part", "specialty", "drug")

if not Span.has_extension("drugbank"):
    Span.set_extension("drugbank", default=None)


def text_of(doc: Doc) -> str:
    """The letter view's text: `doc.text` joins every token on each access, this is free."""
    return doc.user_data["view"].text


def set_spans(doc: Doc, group: str, spans: list[Span]) -> None:
    """A span group, also kept as the list of Span objects: reading `doc.spans[group]` makes new
    Span objects on every pass, and the components pass over the groups many times."""
    doc.spans[group] = spans
    doc.user_data.setdefault("span_lists", {})[group] = spans


def spans_of(doc: Doc, group: str) -> list[Span]:
    return doc.user_data["span_lists"].get(group, [])


def span_text(doc: Doc, span: Span) -> str:
    """`span.text` without making a Token object per token."""
    return doc.user_data["view"].text[span.start_char:span.end_char]


def token_offsets(doc: Doc) -> tuple[list[int], list[int]]:
    """Every token's start and end character, read from the doc once per letter."""
    offsets = doc.user_data.get("token_offsets")
    if offsets is None:
        attrs = doc.to_array([IDX, LENGTH])
        offsets = doc.user_data["token_offsets"] = attrs[:, 0].tolist(), (attrs[:, 0] + attrs[:, 1]).tolist()
    return offsets


def region_tokens(doc: Doc, region: tuple[int, int]) -> tuple[int, int]:
    """The tokens that lie wholly inside a character region, as [first, last): tokens are in order."""
    starts, ends = token_offsets(doc)
    return bisect_left(starts, region[0]), bisect_right(ends, region[1])


def lower_of(doc: Doc) -> str:
    """The view's text in lower case, same offsets: for patterns written in lower case (see text.lowered)."""
    return doc.user_data["view"].lower


@Language.factory("imr_lexicon", default_config={"groups": ["service", "diagnosis", "body_part", "specialty"]})
def make_lexicon_matcher(nlp: Language, name: str, groups: list[str]):
    return LexiconMatcher(nlp, groups)


class LexiconMatcher:
    """PhraseMatcher over the curated vocabularies; span label = the normalised value."""

    def __init__(self, nlp: Language, groups: list[str]):
        self.groups = groups
        self.matchers = {}
        sources = {
            "service": {p: s.id for s in vocab.services().values() for p in s.patterns},
            "diagnosis": _diagnosis_surfaces(),
            "body_part": vocab.body_parts(),
            "specialty": vocab.specialties(),
        }
        for group in groups:
            matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
            by_value: dict[str, list[str]] = {}
            for surface, value in sources[group].items():
                by_value.setdefault(value, []).append(surface)
            for value, surfaces in by_value.items():
                matcher.add(value, list(nlp.tokenizer.pipe(surfaces)))
            self.matchers[group] = matcher

    def __call__(self, doc: Doc) -> Doc:
        letter = doc.user_data["letter"]
        for group, matcher in self.matchers.items():
            regions = group_regions(letter, group)
            spans = []
            for region in regions:  # each region's tokens only, not the whole letter's
                first, last = region_tokens(doc, region)
                if last > first:
                    spans += matcher(doc[first:last], as_spans=True)
            if group == "diagnosis":
                spans += _level_diagnoses(doc, regions)
            set_spans(doc, group, filter_spans(spans))
        return doc


# Where each group is read (the fields that use it look nowhere else): sections of the letter, and
# "headings", the disputed items' headings.
GROUP_SECTIONS = {
    "specialty": ("qualifications",),
    "diagnosis": ("summary",),
    "body_part": ("summary", "headings"),
    "service": ("summary", "headings"),
    "drug": ("summary", "headings"),
}


def group_regions(letter, group: str) -> list[tuple[int, int]]:
    names = GROUP_SECTIONS[group]
    regions = [letter.sections[n] for n in names if n in letter.sections]
    return regions + [it.heading for it in letter.items] if "headings" in names else regions


def _diagnosis_surfaces() -> dict[str, str]:
    """Diagnosis wordings, plus each 'X of the <part>' wording with the side written in ('of the left knee')."""
    surfaces = {k: k for k in vocab.diagnosis_synonyms()}
    for k in list(surfaces):
        head, sep, part = k.partition(" of the ")
        if sep and not re.match(r"(?:left|right|bilateral)\b", part):
            for side in ("left", "right", "bilateral"):
                surfaces.setdefault(f"{head} of the {side} {part}", k)
    return surfaces


# A disc diagnosis named by its spinal level: "L5-S1 disc herniation with bilateral S1 radiculopathy",
# "cervical disc disorder at C4-C5 with radiculopathy".
_LEVEL = r"[ctl]\d{1,2}(?:\s*-\s*[ctls]?\d{1,2})?"
_DISC_KIND = r"herniation|protrusion|bulge|extrusion|displacement|disorder|disease|degeneration"
_DISC = r"(?:intervertebral\s+)?dis[ck]\s+(?P<kind>" + _DISC_KIND + ")"
_WITH = r"(?P<with>\s+with\s+(?:(?:bilateral|left|right)\s+)?(?:[cls]\d\s+)?(?P<what>radiculopathy|radiculitis|myelopathy))?"
# In lower case, searched in the view's lower-cased text.
LEVEL_DIAGNOSIS = re.compile(
    r"\b(?:(?P<level>" + _LEVEL + r")|(?P<region>cervical|thoracic|lumbar|lumbosacral))\s+" + _DISC
    + r"(?:\s+at\s+(?:the\s+)?(?P<level2>" + _LEVEL + r"))?" + _WITH
)
DISC_WORD = re.compile(r"dis[ck]\s+(?:" + _DISC_KIND + ")")


def level_region(level: str) -> str:
    """'L5-S1' -> 'lumbosacral', 'C4-5' -> 'cervical', 'T8' -> 'thoracic', 'L4-5' -> 'lumbar'."""
    level = level.upper().replace(" ", "")
    if level.startswith("L") and "S" in level:
        return "lumbosacral"
    return {"C": "cervical", "T": "thoracic", "L": "lumbar"}[level[0]]


def _level_diagnoses(doc: Doc, regions: list[tuple[int, int]]) -> list[Span]:
    """Spans labelled with a lexicon wording ('lumbosacral disc disorder with radiculopathy') that has a code."""
    low = lower_of(doc)
    # re skips ahead to 'dis'; most letters have no such diagnosis
    found = [m for region in regions if DISC_WORD.search(low, *region) for m in LEVEL_DIAGNOSIS.finditer(low, *region)]
    out = []
    for m in found:
        region = m.group("region") or level_region(m.group("level") or m.group("level2"))
        kinds = [m.group("kind").lower(), "displacement", "disorder"]
        tail = f" with {m.group('what').lower()}" if m.group("with") else ""
        key = next((k for k in (f"{region.lower()} disc {kind}{tail}" for kind in kinds) if link.icd10cm(k)), None)
        span = doc.char_span(m.start(), m.end(), label=key, alignment_mode="expand") if key else None
        if span is not None:
            out.append(span)
    return out


# Ends at the first character of a sentence: after . ! ? (and closing quotes or brackets) and
# whitespace, before a capital or digit. Starting with the punctuation lets re skip ahead in C.
SENTENCE_START = re.compile(r"[.!?][\"')\]]*\s+(?=[\"'(\[]*[A-Z0-9])")


@Language.component("imr_sentences")
def mark_sentences(doc: Doc) -> Doc:
    """Sentence starts after . ! ? followed by a capital or digit, found on the text and set as one
    array: the same boundaries as spaCy's sentencizer here, without a Python step per token.

    Also kept as plain lists (`sentences(doc)`): reading them back through `doc.sents` builds a
    Python object per token."""
    if not len(doc):
        doc.user_data["sentences"] = ([], [0])
        return doc
    token_starts = token_offsets(doc)[0]
    firsts = [0]
    for m in SENTENCE_START.finditer(text_of(doc)):
        i = bisect_left(token_starts, m.end(), firsts[-1])  # a break is where a token starts (after a space)
        if i < len(token_starts) and token_starts[i] == m.end() and i > firsts[-1]:
            firsts.append(i)
    flags = np.full(len(token_starts), -1, dtype=np.int64)
    flags[firsts] = 1
    doc.from_array([SENT_START], flags.astype(np.uint64).reshape(-1, 1))
    doc.user_data["sentences"] = (firsts, [token_starts[i] for i in firsts] + [len(text_of(doc))])
    return doc


def sentences(doc: Doc) -> tuple[list[int], list[int]]:
    """(first token of each sentence, first character of each sentence + the text's length)."""
    return doc.user_data["sentences"]


@Language.factory("imr_drugs", default_config={"max_tokens": 4})
def make_drug_finder(nlp: Language, name: str, max_tokens: int):
    return DrugFinder(nlp, max_tokens)


_JOIN = re.compile(r"\s*([/\-])\s*")  # 'hydrocodone / apap' -> 'hydrocodone/apap'


def _joiner(m: re.Match) -> str:
    return m.group(1)  # a function: re parses a template replacement on every call


class DrugFinder:
    """Drug names (package dictionary + our supplement) by n-gram lookup in the summary and requests.

    A dictionary lookup per n-gram is cheaper than a 100k-pattern PhraseMatcher and needs no
    start-up compilation. Only tokens whose word can begin a drug name are tried (a lexeme flag, read
    for all tokens at once), so the Python work is per candidate, not per token. Combinations written
    'hydrocodone/APAP' are joined into one generic.
    """

    def __init__(self, nlp: Language, max_tokens: int):
        self.max_tokens = max_tokens
        self.vocab = {(_JOIN.sub(_joiner, k) if ("/" in k or "-" in k) else k): v
                      for k, v in link.drug_vocabulary().items()}
        from spacy.lang.en.stop_words import STOP_WORDS

        # words that can begin a drug name; variants starting with a stop word ('a-...', 'is ...') are
        # dictionary noise and would make every 'a' and 'is' a candidate
        first_words = frozenset(w for w in (_FIRST_WORD.match(k).group() for k in self.vocab if _FIRST_WORD.match(k))
                                if w not in STOP_WORDS or w in self.vocab)
        # a lexeme flag, set once per word of the vocabulary (new words as they are first seen): the
        # tokens worth a lookup come out of Doc.to_array, in C
        self.can_start = nlp.vocab.add_flag(lambda word: word.isalpha() and word.lower() in first_words)

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        starts, ends = token_offsets(doc)
        in_regions = bytearray(len(starts))
        for region in group_regions(doc.user_data["letter"], "drug"):
            first, last = region_tokens(doc, region)
            if last > first:
                in_regions[first:last] = b"\x01" * (last - first)
        candidates = [i for i in np.flatnonzero(doc.to_array(self.can_start)).tolist() if in_regions[i]]
        if not candidates:
            set_spans(doc, "drug", [])
            return doc
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
                if key in self.vocab:
                    generic, drugbank = self.vocab[key]
                    span = Span(doc, i, i + n, label=generic)
                    span._.drugbank = drugbank
                    found.append(span)
                    last_end = i + n
                    break
        set_spans(doc, "drug", _join_combinations(doc, found))
        return doc


_FIRST_WORD = re.compile(r"[a-z0-9][a-z0-9']*")


def _join_combinations(doc: Doc, spans: list[Span]) -> list[Span]:
    """'hydrocodone / APAP' -> one span, generic 'hydrocodone/acetaminophen'."""
    out: list[Span] = []
    for span in spans:
        prev = out[-1] if out else None
        if prev is not None and span.start - prev.end == 1 and doc[prev.end].text in ("/", "-", "+"):
            generic = "/".join(dict.fromkeys(prev.label_.split("/") + span.label_.split("/")))
            joined = Span(doc, prev.start, span.end, label=generic)
            out[-1] = joined
        else:
            out.append(span)
    return out


def negation_termset() -> dict[str, list[str]]:
    """negspacy's clinical termset, with rule-out phrases moved to uncertainty and IMR wording added."""
    from negspacy.termsets import termset

    terms = termset("en_clinical").get_patterns()
    uncertain = set(uncertainty_termset()["preceding_negations"])
    terms["preceding_negations"] = [t for t in terms["preceding_negations"] if t not in uncertain and t != "ro"] + [
        "did not meet the full diagnosis for", "did not meet the criteria for", "did not meet criteria for",
        "does not meet criteria for", "no evidence", "no evidence that", "no history of", "no documentation of",
        "not diagnosed with", "never been prescribed", "negative for", "ruled out for",
        "has not had", "have not had", "had not had", "has never had", "never tried", "has never tried",
        "not tried", "has not tried", "never received", "has not received", "no prior", "no previous",
        "without evidence of", "no indication of", "no findings of", "no clinical evidence of",
    ]
    terms["pseudo_negations"] += ["not otherwise specified", "not elsewhere classified", "no longer"]
    terms["following_negations"] += ["was ruled out", "has been ruled out", "is not supported", "was denied"]
    terms["termination"] += ["with", "and has", "and was", "and is", "who", "while", ";"]
    return terms


def uncertainty_termset() -> dict[str, list[str]]:
    return {
        "pseudo_negations": ["not rule out", "not ruled out"],
        "preceding_negations": ["r/o", "rule out", "rule-out", "to rule out", "possible", "probable", "suspected",
                                "suspect", "questionable", "query", "presumed", "cannot exclude", "likely",
                                "differential diagnosis includes", "versus"],
        "following_negations": ["is suspected", "was suspected", "is possible", "is questionable",
                                "to be ruled out", "cannot be excluded"],
        "termination": ["but", "however", "although", "which", "with", "and has", "who", ";"],
    }
