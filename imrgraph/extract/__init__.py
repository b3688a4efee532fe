"""Extract stage: a spaCy pipeline of rule components turns a ParsedLetter into a Determination.

Pipeline (registered components, one job each; they share the letter's `LetterContext`, `doc._.letter`):
imr_sentences -> imr_lexicon (vocabulary phrases) -> imr_drugs -> imr_context (ConText: negated, uncertain,
hypothetical, family mentions in the span groups) -> imr_drug_or_service -> imr_header -> imr_reviewer ->
imr_patient -> imr_history -> imr_items.
The letter is tokenised once as a whitespace-normalised view of what the components read (PDF line
breaks and page lines gone, so phrases broken across lines still match); every value is given its
offsets into the text as read when it is made (see `context.py`).
"""

from __future__ import annotations

import gc
import hashlib
import logging
import re
from collections.abc import Iterable, Iterator

from .. import link
from ..models import Determination, Mention, ParsedLetter
from ..text import TextView
from . import (  # noqa: F401  (registers the components)
    drugs,
    header,
    history,
    items,
    lexicon_matcher,
    negation,
    overlaps,
    patient,
    reviewer,
    sentences,
)
from .context import LETTER, LetterContext

FIRST_WORD = re.compile(r"\S+")  # a header value's first word: 'CM16-0033871' of 'CM16-0033871 Page 1 of 2'
# Sections read by regular expressions on the text as read rather than tokenised.
UNTOKENISED = frozenset({"decisions", "documents", "guidelines", "rationale"})


def build_pipeline():
    """The extraction pipeline on spacy.blank('en') (no statistical model is installable)."""
    import spacy

    logging.getLogger("spacy").setLevel(logging.ERROR)
    nlp = spacy.blank("en")
    # English special cases (contractions, emoticons, "a.m.") cost ~80% of tokenisation time here and
    # no rule of ours depends on them: patterns and letters are tokenised by this same tokenizer
    nlp.tokenizer.rules = {}
    # compounded creams list ingredients as 'Flurbiprofen 20%/Lidocaine 5%': a slash after a percentage
    # separates two names; a table's bar parts two cells ('|Liver|Fatty liver disease|')
    infixes = [*nlp.Defaults.infixes, r"(?<=%)/(?=[A-Za-z])", r"\|"]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    prefixes = [*nlp.Defaults.prefixes, r"\|"]
    nlp.tokenizer.prefix_search = spacy.util.compile_prefix_regex(prefixes).search
    # a full stop after a word of one capital letter ends the sentence, as after any other word: 'hepatitis C.',
    # 'calcium with vitamin D.' (spaCy keeps 'C.' whole, as an initial)
    suffixes = [*nlp.Defaults.suffixes, r"(?<=\b[A-Z])\.", r"\|"]
    nlp.tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search
    nlp.add_pipe("imr_sentences")  # (first: a list the lexicon reads goes on at a sentence, a table's row too)
    nlp.add_pipe("imr_lexicon")
    nlp.add_pipe("imr_drugs")
    nlp.add_pipe("imr_context", name="context")
    for name in ("imr_drug_or_service", "imr_header", "imr_reviewer", "imr_patient", "imr_history", "imr_items"):
        nlp.add_pipe(name)
    return nlp


class Extractor:
    """Holds one pipeline; `extract_many` streams letters through it, one at a time.

    Making one loads the tables extraction reads (link.load_tables) and calls gc.freeze(): the lexicons
    and the code set are ~300k long-lived objects that every full collection of the process would otherwise
    walk again (~35-80 ms each, measured)."""

    def __init__(self, nlp=None):
        self.nlp = nlp or build_pipeline()
        self.words = link.vocabulary_words()  # a word broken at a line's end is read whole where it is one of them
        link.load_tables()
        gc.freeze()

    def extract(self, letter: ParsedLetter) -> Determination:
        return next(self.extract_many([letter]))

    def extract_many(self, letters: Iterable[ParsedLetter]) -> Iterator[Determination]:
        # one letter at a time: nlp.pipe's batching buys nothing for rule components and keeps more
        # objects alive (measured slower)
        for letter in letters:
            view = TextView(letter.document.text, keep=tokenised_regions(letter), words=self.words)
            doc = self.nlp.make_doc(view.text)
            context = LetterContext.for_letter(letter, view)
            context.read_tokens(doc)
            doc.user_data[LETTER] = context
            self.nlp(doc)
            # the context lives in the doc's user data and holds spans that point back at the doc:
            # letting go of it frees the letter's objects at once, not through the garbage collector
            doc.user_data.clear()
            yield assemble(context)


def tokenised_regions(letter: ParsedLetter) -> list[tuple[int, int]]:
    """What the spaCy components read: header values, history sections, item headings."""
    return ([s for k, s in letter.sections.items() if k not in UNTOKENISED] + list(letter.header.values())
            + [it.heading for it in letter.items])


def letter_id(letter: ParsedLetter, case_number: str | None) -> str:
    """The IMR case number when the letter has one, else a hash of its text."""
    if case_number:
        return case_number
    return hashlib.sha256(letter.document.text.encode("utf-8")).hexdigest()[:16]


def assemble(ctx: LetterContext) -> Determination:
    letter = ctx.letter
    case_span = letter.header.get("case_number")  # read on the text as read: it may stand in a running header
    number = FIRST_WORD.search(letter.document.text, *case_span) if case_span else None
    case = Mention(number.group(), number.span()) if number else None
    problems = list(ctx.problems)
    for it in ctx.items:
        problems += [f"item {it.text[:60]!r}: {p}" for p in it.problems]
    return Determination(
        id=letter_id(letter, case.value if case else None),
        source=letter.document.source,
        sha256=letter.document.sha256,
        format=letter.layout,
        case_number=case,
        reviewer=ctx.reviewer,
        patient=ctx.patient,
        diagnoses=ctx.diagnoses,
        medications=ctx.medications,
        prior_treatments=ctx.prior_treatments,
        body_parts=ctx.body_parts,
        items=ctx.items,
        problems=problems,
        dates=ctx.dates,
        priority=ctx.priority,
        treating_physician_specialty=ctx.treating_physician_specialty,
    )
