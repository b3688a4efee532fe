"""What the extraction components share about one letter: `doc._.letter`, a `LetterContext`.

spaCy tokenises a view of the letter (`text.TextView`: PDF artefact lines gone, whitespace runs made
one space, only what the components read kept); the parse stage's spans and every result are in
offsets into the letter as read. Two rules keep the two systems apart: regions of the parsed
letter are moved into the view once, here (`sections`, `header`, `headings`), and every value a
component finds is given its place in the letter as read when it is made (`original`).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc, Span

from ..models import (
    Diagnosis,
    DisputedTreatment,
    HeaderDates,
    Medication,
    Mention,
    ParsedLetter,
    Patient,
    PriorTreatment,
    Reviewer,
)
from ..models import Span as Offsets
from ..text import TextView

# The letter's context is kept in the doc's user data under LETTER and the components read it with `letter_of`:
# `doc._.letter` (the same value) builds an accessor object on every read (~20x slower).
LETTER = "imr_letter"
if not Doc.has_extension("letter"):
    Doc.set_extension("letter", getter=lambda doc: doc.user_data.get(LETTER),
                      setter=lambda doc, context: doc.user_data.__setitem__(LETTER, context))

# Where each span group is read (the fields that use it look nowhere else): sections of the letter,
# and "headings", the disputed items' headings.
GROUP_SECTIONS = {
    "specialty": ("qualifications", "reviewer_statement"),
    "diagnosis": ("summary",),
    "body_part": ("summary", "headings"),
    "service": ("summary", "headings"),
    "drug": ("summary", "headings"),
}


class Sentence:
    """A sentence as view offsets and lower-cased text; remembers which cue patterns it holds
    (several mentions share a sentence)."""

    __slots__ = ("start_char", "end_char", "low", "_cues")

    def __init__(self, low: str, start: int, end: int):
        self.start_char, self.end_char, self.low = start, end, low[start:end]
        self._cues: dict = {}

    def has(self, cue) -> bool:
        found = self._cues.get(cue)
        if found is None:
            found = self._cues[cue] = cue.search(self.low) is not None
        return found


@dataclass
class LetterContext:
    """One letter's state through the pipeline: its parts, the view spaCy reads, and the results."""

    letter: ParsedLetter  # offsets into the letter as read
    view: TextView
    # the parsed letter's regions, in view offsets
    sections: dict[str, Offsets] = field(default_factory=dict)
    header: dict[str, Offsets] = field(default_factory=dict)
    headings: list[Offsets] = field(default_factory=list)  # one per letter.items
    # written by the matching components
    groups: dict[str, list[Span]] = field(default_factory=dict)
    # ConText: (first token, end token) of a span -> the categories of the triggers that reach it
    modifiers: dict[tuple[int, int], frozenset[str]] = field(default_factory=dict)
    # a drug span's DrugBank id, by its (first token, end token); none for a combination joined from two
    drugbank: dict[tuple[int, int], str | None] = field(default_factory=dict)
    sentence_firsts: list[int] = field(default_factory=list)  # first token of each sentence
    sentence_chars: list[int] = field(default_factory=list)  # first character of each, + the text's length
    token_starts: list[int] = field(default_factory=list)
    token_ends: list[int] = field(default_factory=list)
    _sentences: dict[int, Sentence] = field(default_factory=dict)
    _group_starts: dict[str, tuple[list[Span], list[int] | None]] = field(default_factory=dict)
    memo: dict[str, object] = field(default_factory=dict)  # what a component derives once per letter
    # results
    reviewer: Reviewer | None = None
    patient: Patient | None = None
    dates: HeaderDates = field(default_factory=HeaderDates)
    priority: Mention[str] | None = None
    treating_physician_specialty: Mention[str] | None = None
    diagnoses: list[Diagnosis] = field(default_factory=list)
    medications: list[Medication] = field(default_factory=list)
    prior_treatments: list[PriorTreatment] = field(default_factory=list)
    body_parts: list[Mention[str]] = field(default_factory=list)
    items: list[DisputedTreatment] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @classmethod
    def for_letter(cls, letter: ParsedLetter, view: TextView) -> LetterContext:
        to_view = view.span_to_view
        # a header value on a line the view leaves out (a running header: 'Final Determination Letter for IMR
        # Case Number CM16-...' atop every page) is not there to read
        header = {k: span for k, span in ((k, to_view(v)) for k, v in letter.header.items()) if span[1] > span[0]}
        return cls(letter, view, sections={k: to_view(v) for k, v in letter.sections.items()}, header=header,
                   headings=[to_view(it.heading) for it in letter.items], problems=list(letter.problems))

    @property
    def text(self) -> str:
        """The view's text (`doc.text` joins every token on each access)."""
        return self.view.text

    @property
    def lower(self) -> str:
        """The view's text in lower case, same offsets (for patterns written in lower case)."""
        return self.view.lower

    def original(self, start: int, end: int) -> Offsets:
        """A view span's place in the letter as read."""
        return self.view.to_original(start), self.view.to_original(end)

    def span_original(self, span: Span) -> Offsets:
        return self.original(span.start_char, span.end_char)

    def span_text(self, span: Span) -> str:
        """`span.text` without making a Token object per token."""
        return self.view.text[span.start_char:span.end_char]

    def span_lower(self, span: Span) -> str:
        """The span's words in lower case, one space between them (the view's)."""
        return self.view.lower[span.start_char:span.end_char]

    def group(self, name: str) -> list[Span]:
        return self.groups.get(name, [])

    def group_in(self, name: str, region: Offsets | None) -> list[Span]:
        """The spans of a group that lie within a region (`inside`; none without a region), in the group's order:
        found by bisection where the group is in text order (the first time a group is read, its spans' starts
        are kept)."""
        if region is None:
            return []
        spans = self.group(name)
        kept = self._group_starts.get(name)
        if kept is None or kept[0] is not spans:  # a component may have put a new list in the group
            starts = [s.start_char for s in spans]
            kept = self._group_starts[name] = spans, (starts if starts == sorted(starts) else None)
        starts = kept[1]
        if starts is None:
            return [s for s in spans if inside(s, region)]
        out = []
        for k in range(bisect_left(starts, region[0]), bisect_right(starts, region[1])):
            if spans[k].end_char <= region[1]:
                out.append(spans[k])
        return out

    def regions(self, group: str) -> list[Offsets]:
        """The view regions a span group is matched in."""
        names = GROUP_SECTIONS[group]
        regions = [self.sections[n] for n in names if n in self.sections]
        return regions + self.headings if "headings" in names else regions

    def read_tokens(self, doc: Doc) -> None:
        """Every token's start and end character, read from the doc once per letter."""
        attrs = doc.to_array([IDX, LENGTH])
        self.token_starts = attrs[:, 0].tolist()
        self.token_ends = (attrs[:, 0] + attrs[:, 1]).tolist()

    def region_tokens(self, region: Offsets) -> tuple[int, int]:
        """The tokens that lie wholly inside a view region, as [first, last): tokens are in order."""
        return bisect_left(self.token_starts, region[0]), bisect_right(self.token_ends, region[1])

    def sentence(self, span: Span) -> Sentence:
        """The sentence that holds a span's first token."""
        i = bisect_right(self.sentence_firsts, span.start) - 1
        found = self._sentences.get(i)
        if found is None:
            found = self._sentences[i] = Sentence(self.lower, self.sentence_chars[i], self.sentence_chars[i + 1])
        return found

    def end_of_next_sentence(self, span: Span, after: int = 1) -> int:
        """Where the sentence `after` sentences past the one that holds a span's first token ends."""
        i = bisect_right(self.sentence_firsts, span.start) - 1
        return self.sentence_chars[min(i + 1 + after, len(self.sentence_chars) - 1)]


def letter_of(doc: Doc) -> LetterContext:
    """`doc._.letter`, read directly."""
    return doc.user_data[LETTER]


def inside(span: Span | Offsets, region: Offsets | None) -> bool:
    """A spaCy span or a (start, end) pair lies within a region (same offsets)."""
    if region is None:
        return False
    start, end = (span.start_char, span.end_char) if isinstance(span, Span) else span
    return region[0] <= start and end <= region[1]
