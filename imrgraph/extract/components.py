"""spaCy rule components of the extraction pipeline (registered factories, configurable).

Every component reads the `ParsedLetter` the extractor puts in `doc.user_data["letter"]` and the
span groups earlier components wrote; results go to `doc.user_data["imr"]`.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .. import lexicon, link

# Span groups written by the lexicon components.
GROUPS = ("service", "diagnosis", "body_part", "specialty", "drug")

if not Span.has_extension("drugbank"):
    Span.set_extension("drugbank", default=None)


def letter_regions(doc: Doc) -> list[tuple[int, int]]:
    """Character regions worth matching: everything but the boilerplate 'how it was made' prose."""
    letter = doc.user_data["letter"]
    spans = [s for k, s in letter.sections.items() if k not in ("decisions", "documents")]
    spans += [it.heading for it in letter.items]
    return spans


@Language.factory("imr_lexicon", default_config={"groups": ["service", "diagnosis", "body_part", "specialty"]})
def make_lexicon_matcher(nlp: Language, name: str, groups: list[str]):
    return LexiconMatcher(nlp, groups)


class LexiconMatcher:
    """PhraseMatcher over the curated vocabularies; span label = the normalised value."""

    def __init__(self, nlp: Language, groups: list[str]):
        self.groups = groups
        self.matchers = {}
        sources = {
            "service": {p: s.id for s in lexicon.services().values() for p in s.patterns},
            "diagnosis": {k: k for k in lexicon.diagnosis_synonyms()},
            "body_part": lexicon.body_parts(),
            "specialty": lexicon.specialties(),
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
        for group, matcher in self.matchers.items():
            spans = [Span(doc, s, e, label=m) for m, s, e in matcher(doc)]
            doc.spans[group] = filter_spans(spans)
        return doc


@Language.factory("imr_drugs", default_config={"max_tokens": 4})
def make_drug_finder(nlp: Language, name: str, max_tokens: int):
    return DrugFinder(max_tokens)


_JOIN = re.compile(r"\s*([/\-])\s*")


class DrugFinder:
    """Drug names (package dictionary + our supplement) by n-gram lookup in the history and requests.

    A dictionary lookup per n-gram is cheaper than a 100k-pattern PhraseMatcher and needs no
    start-up compilation; combinations written 'hydrocodone/APAP' are joined into one generic.
    """

    def __init__(self, max_tokens: int):
        self.max_tokens = max_tokens
        self.vocab = {(_JOIN.sub(r"\1", k) if ("/" in k or "-" in k) else k): v
                      for k, v in link.drug_vocabulary().items()}

    def __call__(self, doc: Doc) -> Doc:
        found: list[Span] = []
        for start_char, end_char in letter_regions(doc):
            region = doc.char_span(start_char, end_char, alignment_mode="expand")
            if region is None:
                continue
            i = region.start
            while i < region.end:
                hit = None
                for n in range(min(self.max_tokens, region.end - i), 0, -1):
                    key = _JOIN.sub(r"\1", doc[i:i + n].text.lower())
                    if key in self.vocab and doc[i].is_alpha:
                        hit = (n, self.vocab[key])
                        break
                if hit:
                    n, (generic, drugbank) = hit
                    span = Span(doc, i, i + n, label=generic)
                    span._.drugbank = drugbank
                    found.append(span)
                    i += n
                else:
                    i += 1
        doc.spans["drug"] = _join_combinations(doc, found)
        return doc


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
