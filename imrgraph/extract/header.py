"""`imr_header`: the header block's dates, the review's priority and the treating physician's specialty.

The parse stage pairs each header label with its value (`ParsedLetter.header`, every layout of the
block); this component reads the values. A value that is not what its label asks for (a redacted
blank, "N/A", a degree where a specialty belongs) gives no value.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from .. import vocab
from ..models import HeaderDates, Mention
from ..parse import HEADER_CELL, HEADER_COLUMN_SLACK, HEADER_LABEL, line_above, line_below, wrapped_label
from ..text import DATE, PRIORITY, lowered, parse_date
from .context import LetterContext, letter_of
from .lexicon_matcher import COLUMN_GAP

# header field -> HeaderDates field
DATE_FIELDS = {"date_assigned": "assigned", "decision_date": "decision", "ur_denial_date": "ur_denial",
               "application_received": "application_received"}
WEEKDAY = re.compile(r"(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s*")
# A specialty value: words of letters (with '&', '/', '-', commas, apostrophes, parentheses), no digits.
SPECIALTY_VALUE = re.compile(r"[A-Za-z][A-Za-z&/,'() .-]{1,78}[A-Za-z)]")
SPECIALTY_MAX_WORDS = 8
# Values that fill a specialty label without naming one: redaction words, "not given" words, degrees.
NOT_A_SPECIALTY = frozenset({
    "n/a", "na", "none", "unknown", "not provided", "not available", "not applicable", "not stated", "pending",
    "redacted", "unspecified", "other", "md", "m.d", "m.d.", "do", "d.o", "d.o.", "dc", "d.c", "d.c.", "phd",
    "ph.d", "ph.d.", "psyd", "psy.d", "psy.d.", "dpm", "np", "pa", "pa-c", "rn", "lac", "l.ac", "l.ac.", "pt", "dpt",
})
# A degree after the specialty ('Chiropractic, D.C') or its abbreviation in parentheses ('(IM)').
TRAILING_DEGREE = re.compile(r"\s*,\s*(?P<degree>[A-Za-z.-]{2,6})$|\s*\([A-Z&/]{2,6}\)$")
SMALL_WORDS = frozenset({"and", "of", "the", "in", "with", "for", "or"})


@Language.component("imr_header")
def extract_header(doc: Doc) -> Doc:
    ctx = letter_of(doc)
    dates = HeaderDates()
    for key, name in DATE_FIELDS.items():
        span = ctx.header.get(key)
        if span:
            setattr(dates, name, header_date(ctx, span))
    ctx.dates = dates
    ctx.priority = _priority(ctx)
    ctx.treating_physician_specialty = _specialty(ctx)
    return doc


def header_date(ctx: LetterContext, span: tuple[int, int]) -> Mention[str] | None:
    """The date a header value starts with (MM/DD/YYYY, M/D/YY, Month D, YYYY, YYYY-MM-DD), after a weekday."""
    weekday = WEEKDAY.match(ctx.lower, *span)
    m = DATE.match(ctx.lower, weekday.end() if weekday else span[0], span[1])
    value = parse_date(m) if m else None
    return Mention(value, ctx.original(*m.span())) if value else None


def _priority(ctx: LetterContext) -> Mention[str] | None:
    span = ctx.header.get("priority")
    m = PRIORITY.match(ctx.lower, *span) if span else None
    if m is None:
        return None
    return Mention("standard" if m.group("standard") else "expedited", ctx.original(*m.span()))


def _specialty(ctx: LetterContext) -> Mention[str] | None:
    """The treating physician's specialty as the header writes it (all-capitals values title-cased), with the rest of it
    a narrow cell wrapped onto the next line."""
    span = ctx.header.get("treating_physician_specialty")
    if span is None:
        return None
    raw = ctx.text[slice(*span)].rstrip(" .,;")
    # (not the next label run into it where the text layer closed the gaps: 'Internal Medicine Employee Physician Degree')
    label = next((m for m in HEADER_LABEL.finditer(raw.lower() + "\n", 1) if raw[m.start() - 1].isspace()), None)
    raw = raw[:label.start()].rstrip(" .,;") if label else raw  # (a label at the value's end is one alone on its line)
    tail = TRAILING_DEGREE.search(raw)  # 'Orthopedic Surgery, MD', 'Internal Medicine (IM)'
    if tail and (tail.group("degree") is None or tail.group("degree").lower() in NOT_A_SPECIALTY):
        raw = raw[:tail.start()]
    start, end = ctx.original(span[0], span[0] + len(raw))
    words = raw.split()
    wrapped = _wrapped_below(ctx.view.original, start, end, words)
    if wrapped:
        words, end = wrapped
    above = _wrapped_above(ctx.view.original, start, words)
    if above:
        words, start = above
    value = " ".join(words)
    if not SPECIALTY_VALUE.fullmatch(value) or len(words) > SPECIALTY_MAX_WORDS or value.lower() in NOT_A_SPECIALTY:
        return None
    if value.isupper():
        words = [w.lower() if w.lower() in SMALL_WORDS and n else w.capitalize() for n, w in enumerate(words)]
    return Mention(" ".join(words), (start, end))


# A value cut off by a narrow cell whose last word joins it to more ('Physical Medicine &' / 'Rehabilitation').
VALUE_GOES_ON = re.compile(r"(?:&|\band|/|-)$", re.IGNORECASE)


def _wrapped_below(text: str, start: int, end: int, words: list[str]) -> tuple[list[str], int] | None:
    """The next line's only cell, or its cell under the value beside the specialty label's wrapped tail ('Employee
    Physician   Physical Medicine &' / 'Specialty:   Rehabilitation') or beside cells of the table's columns to the left
    of the label's ('Employee Physician Specialty: Internal' / 'Employee Physician Degree: MD     Medicine'), past
    blank lines, a table's bars read as gaps, where the value's last word joins it to more or the two make one of the
    catalogue's specialties ('Orthopedic' / 'Surgery'; not 'Psychiatry' / 'Neurology')."""
    line_end = text.find("\n", end)
    # (the value ends its line, or a gap parts it from the next column's cells: 'Specialty: Orthopedic    Degree: MD')
    rest = text[end:line_end]
    if not words or line_end < 0 or rest.strip(" \t|") and not COLUMN_GAP.match(rest):
        return None
    low = lowered(text).replace("|", " ")
    below = line_below(low, end)
    cells = [(below[0] + c.start(), below[0] + c.end()) for c in HEADER_CELL.finditer(low[slice(*below)])] if below else []
    line_start = text.rfind("\n", 0, start) + 1
    # (where the label's cell starts: the value's own, holding the label too, or the one before it)
    line_cells = [c.start() for c in HEADER_CELL.finditer(low, line_start, start + 1)]
    own_cell = line_cells[-1] if line_cells else start
    label_cell = line_cells[-2] if own_cell == start and len(line_cells) > 1 else own_cell
    column = start - line_start
    # (under the value, or under its cell's start where label and value share a cell)
    # (the cells after it are other columns': '... Rehabilitation        Degree:')
    under = [k for k, c in enumerate(cells) if min(abs(c[0] - below[0] - at) for at in (column, own_cell - line_start))
             <= HEADER_COLUMN_SLACK]
    if len(cells) >= 2 and under \
            and (under[0] == 1 and (wrapped_label(low, cells[0]) or ("",))[0] == "treating_physician_specialty"
                 or all(c[1] - below[0] < label_cell - line_start for c in cells[:under[0]])):
        cell = cells[under[0]]
    elif below and _a_lone_cell(low[slice(*below)]):
        cell = cells[0]
    else:
        return None
    joined = [*words, *text[slice(*cell)].split()]
    if not VALUE_GOES_ON.search(words[-1]) and " ".join(joined).lower() not in vocab.specialties():
        return None
    return joined, cell[1]


def _wrapped_above(text: str, start: int, words: list[str]) -> tuple[list[str], int] | None:
    """The line above a value that starts its line, past blank lines, where that line's only cell ends with a joining
    word or the two make one of the catalogue's specialties: the value's first part, read after its label's line
    ('Treating Provider Specialty:' / 'Physical Medicine &' / 'Rehabilitation', 'Occupational' / 'Medicine')."""
    line_start = text.rfind("\n", 0, start) + 1
    above = line_above(text, start) if words and not text[line_start:start].strip() else None
    cell = text[slice(*above)] if above else ""
    if not _a_lone_cell(cell) or not (VALUE_GOES_ON.search(cell.rstrip())
                                      or " ".join([*cell.split(), *words]).lower() in vocab.specialties()):
        return None
    return [*cell.split(), *words], above[0] + len(cell) - len(cell.lstrip())


def _a_lone_cell(line: str) -> bool:
    """A line holding one cell and no label: a value's wrapped part."""
    return bool(line.strip()) and ":" not in line and not COLUMN_GAP.search(line.strip())
