"""Extract stage: a spaCy pipeline of rule components turns a ParsedLetter into a Determination.

Pipeline (all registered factories, see `components.py` and `fields.py`):
imr_lexicon -> imr_drugs -> imr_sentences -> imr_negex (negation) -> imr_negex (uncertainty)
-> imr_reviewer -> imr_patient -> imr_history -> imr_items.
The letter is tokenised once, whole, as a whitespace-normalised view (PDF line breaks and page
lines gone, so phrases broken across lines still match); every span is mapped back to an offset
into the text as read before it leaves this stage.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import fields as dataclass_fields
from dataclasses import is_dataclass, replace
from functools import cache

from .. import models
from ..models import Citation, Determination, GuidelineLimit, Literature, Mention, ParsedLetter
from ..text import TextView
from . import components, fields, negation  # noqa: F401  (registers our factories)
from .components import text_of

SPAN_GROUPS = ["diagnosis", "drug", "service"]


def build_pipeline():
    """The extraction pipeline on spacy.blank('en') (no statistical model is installable here)."""
    import spacy

    logging.getLogger("spacy").setLevel(logging.ERROR)
    nlp = spacy.blank("en")
    # English special cases (contractions, emoticons, "a.m.") cost ~80% of tokenisation time here and
    # no rule of ours depends on them: patterns and letters are tokenised by this same tokenizer
    nlp.tokenizer.rules = {}
    nlp.add_pipe("imr_lexicon")
    nlp.add_pipe("imr_drugs")
    nlp.add_pipe("imr_sentences")
    nlp.add_pipe("imr_negex", name="negation",
                 config={"neg_termset": components.negation_termset(), "span_keys": SPAN_GROUPS,
                         "extension_name": "negex"})
    nlp.add_pipe("imr_negex", name="uncertainty",
                 config={"neg_termset": components.uncertainty_termset(), "span_keys": ["diagnosis"],
                         "extension_name": "uncertain"})
    for name in ("imr_reviewer", "imr_patient", "imr_history", "imr_items"):
        nlp.add_pipe(name)
    return nlp


class Extractor:
    """Holds one pipeline; `extract_many` streams letters through it, one at a time.

    Making one calls gc.freeze(): the lexicons are ~90k long-lived objects that every full
    collection of the process would otherwise walk again (~80 ms each, measured)."""

    def __init__(self, nlp=None):
        self.nlp = nlp or build_pipeline()
        gc.freeze()

    def extract(self, letter: ParsedLetter) -> Determination:
        return next(self.extract_many([letter]))

    def extract_many(self, letters: Iterable[ParsedLetter]) -> Iterator[Determination]:
        # one letter at a time through the components: nlp.pipe's batching buys nothing for rule
        # components and keeps more objects alive (measured slower)
        for letter in letters:
            view = TextView(letter.document.text, keep=tokenised_regions(letter))
            doc = self.nlp.make_doc(view.text)
            doc.user_data["letter"] = letter_in_view(letter, view)
            doc.user_data["view"] = view
            for _, component in self.nlp.pipeline:
                doc = component(doc)
            determination = spans_to_original(assemble(doc), view)
            # the spans kept in user_data point back at the doc: without them the letter's objects
            # go at once, rather than through the garbage collector (0.83 -> 0.12 s per 6,000 letters)
            doc.user_data.clear()
            yield determination


# Sections read by regular expressions on the text as read rather than tokenised.
UNTOKENISED = frozenset({"decisions", "documents", "guidelines", "rationale"})


def tokenised_regions(letter: ParsedLetter) -> list[tuple[int, int]]:
    """What the spaCy components read: header values, history sections, item headings."""
    return ([s for k, s in letter.sections.items() if k not in UNTOKENISED] + list(letter.header.values())
            + [it.heading for it in letter.items])


def letter_in_view(letter: ParsedLetter, view: TextView) -> ParsedLetter:
    """The parse stage's spans, moved into the view's coordinates.

    An item's guideline paragraphs, rationale and decision word are not tokenised: they keep
    their offsets into the text as read.
    """
    conv = view.span_to_view
    items = [replace(it, heading=conv(it.heading), problems=list(it.problems)) for it in letter.items]
    return replace(letter, header={k: conv(v) for k, v in letter.header.items()},
                   sections={k: conv(v) for k, v in letter.sections.items()}, items=items,
                   problems=list(letter.problems))


# Results made from the text as read (see letter_in_view): their offsets are already right.
ORIGINAL_OFFSETS = (Citation, Literature, GuidelineLimit)
ORIGINAL_FIELDS = frozenset({"rationale_span", "decision_span"})


@cache
def _span_plan(cls: type) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A result class's span fields (mapped) and its fields that hold results to map in turn (read
    from the annotations once: `Mention | None`, `list[Diagnosis]`)."""
    spans, nested = [], []
    for f in dataclass_fields(cls):
        if f.name in ORIGINAL_FIELDS:
            continue
        if f.name == "span" or f.name.endswith("_span"):
            spans.append(f.name)
        elif any(_is_mapped_result(name) for name in re.findall(r"\w+", str(f.type))):
            nested.append(f.name)
    return tuple(spans), tuple(nested)


def _is_mapped_result(name: str) -> bool:
    cls = getattr(models, name, None)
    return isinstance(cls, type) and is_dataclass(cls) and not issubclass(cls, ORIGINAL_OFFSETS)


def spans_to_original(obj, view: TextView):
    """Every `span` / `*_span` field of a result, mapped from the view to the text as read."""
    spans, nested = _span_plan(type(obj))
    for name in spans:
        value = getattr(obj, name)
        if value is not None:
            setattr(obj, name, view.span_to_original(value))
    for name in nested:
        value = getattr(obj, name)
        if isinstance(value, list):
            for v in value:
                spans_to_original(v, view)
        elif value is not None:
            spans_to_original(value, view)
    return obj


def letter_id(letter: ParsedLetter, case_number: str | None) -> str:
    """The IMR case number when the letter has one, else a hash of its text."""
    if case_number:
        return case_number
    return hashlib.sha256(letter.document.text.encode("utf-8")).hexdigest()[:16]


def assemble(doc) -> Determination:
    letter: ParsedLetter = doc.user_data["letter"]
    result = doc.user_data["imr"]
    case_span = letter.header.get("case_number")
    case = Mention(text_of(doc)[slice(*case_span)].split()[0], case_span) if case_span else None
    problems = list(letter.problems)
    for it in result["items"]:
        problems += [f"item {it.text[:60]!r}: {p}" for p in it.problems]
    return Determination(
        id=letter_id(letter, case.value if case else None),
        source=letter.document.source,
        sha256=letter.document.sha256,
        format=letter.layout,
        case_number=case,
        reviewer=result["reviewer"],
        patient=result["patient"],
        diagnoses=result["diagnoses"],
        medications=result["medications"],
        prior_treatments=result["prior_treatments"],
        body_parts=result["body_parts"],
        items=result["items"],
        problems=problems,
    )
