"""`imr_sentences`: sentence starts after . ! ? followed by a capital or digit, and at the items of a
list ('Impression: 1) ... 2) ...', a line that starts '3.' or '-' and the line after it), which letters
write without the full stops that would end them."""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.language import Language
from spacy.tokens import Doc

from ..link import ICD_CODE
from ..text import BULLET, LEADER_DOTS, LINE_GAP, NUMBERED, TITLE_ABBREVIATIONS, LinePattern, usual_line_gap
from .context import LetterContext, letter_of

# Ends at the first character of a sentence: after . ! ? (and closing quotes or brackets) and
# whitespace, before a capital or digit; not after a title ('seen by Dr. Lee', 'Mr. Ruiz', 'vs. Soma').
# Starting with the punctuation lets re skip ahead in C.
SENTENCE_START = re.compile(r"[.!?]" + "".join(rf"(?<!\b(?i:{t})\.)" for t in TITLE_ABBREVIATIONS)
                            + r"[\"')\]]*\s+(?=[\"'(\[]*[A-Z0-9])")
# An item numbered with a bracket inside a line: the number starts its sentence (after a space, or a space and
# '('). Found from the bracket, which re skips ahead to, then its number.
INLINE_ITEM = re.compile(r"\)\s+(?=[A-Za-z])")
ITEM_NUMBER = re.compile(r"\d{1,2}\Z")
# A list item's mark: a number ('3.', '(2)'), a bullet, or the code a problem list writes first ('M54.16
# Radiculopathy, lumbar region').
LINE_HEAD = re.compile(r"[ \t]*(?:(?:" + BULLET + r"|" + NUMBERED + r")[ \t]*)?")


def opens_its_line(text: str, start: int) -> bool:
    """Whether the text as written has only a bullet or a number before `start` on its line."""
    return LINE_HEAD.fullmatch(text, text.rfind("\n", 0, start) + 1, start) is not None


_ITEM_MARK = r"(?:" + NUMBERED + "|" + BULLET + "|" + ICD_CODE + ")"
# (an item whose brackets stay open at its line's end goes on on the next line: '- PAD [raised for weak pulses; ABIs 1.05 and' / '0.99
# left - normal; excluded]')
_ITEM_LINE = r"[ \t]*" + _ITEM_MARK + r"[ \t]+(?=[A-Za-z(])(?:[^\n(\[]|\([^()\n]*\)|\[[^\[\]\n]*\])*\n"
# A line that is a list item ends its sentence where the next line starts with a capital, a digit or a bracket
# (read in the case summary as read: the view has no line breaks); `next` ends where that line's words start.
LIST_LINE = LinePattern(_ITEM_LINE + r"(?=(?P<next>\s*)(?:[A-Z0-9(]|" + BULLET + r"[ \t]|" + NUMBERED + r"[ \t]))")
# The last item of a list: a list line followed by a line that starts with a capital letter and is no item
# ('5. Rule out opioid use disorder' and then 'Complex regional pain syndrome was suspected ...'): what it states
# ends there.
# (not a wrapped item's second line, with the list's next item after it: '2. Possible sleep apnea: snores;' /
# 'Epworth 14.' / '3. Gout')
LIST_END = LinePattern(_ITEM_LINE + r"(?=(?P<next>\s*)(?!" + _ITEM_MARK + r"[ \t])[A-Z](?![^\n]*\n\s*" + NUMBERED + r"[ \t]))")
# ... or an item wrapped onto lines set in under it, followed by a line at the margin that starts with a capital ('  -
# 12/2015: MUA was requested, but the' / '    patient chose to wait' / 'He took Norco ...').
WRAPPED_ITEM_END = LinePattern(r"(?P<indent>[ \t]*)" + _ITEM_MARK + r"[ \t]+[^\n]*\n(?:(?P=indent)[ \t]+(?!" + _ITEM_MARK
                               + r"[ \t])\S[^\n]*\n)+(?=(?P<next>)[A-Z])")
# ... or a list set in from the margin whose enclosing sentence goes on at the margin in lower case ('   - Psych eval -
# not done' / 'and under "Meds": Norco ...'): the last item ends at its line's end, unless its last word carries on.
_CARRIES_ON = "".join(rf"(?<!\s{word})" for word in ("a", "an", "the", "of", "to", "for", "with", "and", "or", "in", "on",
                                                     "at", "by", "from"))
LIST_LEFT = LinePattern(r"[ \t]+" + _ITEM_MARK + r"[ \t]+(?=[A-Za-z(])[^\n]*[^\s,;:(\[-]" + _CARRIES_ON
                        + r"[ \t]*\n(?=(?P<next>)[a-z])")
# ... and a line that starts with a bullet starts a sentence at its bullet ('- Rx history: ...').
BULLET_LINE = LinePattern(r"[ \t]*(?=" + BULLET + r"[ \t]+(?:[A-Za-z(]|\d{1,2}/))")
# ... and so does a drawn table's row whose first cell starts with a capital or a digit ('| Voltaren 1% gel | ... |'; not a
# cell's second line, '| extremity, postoperative |   |')
BAR_ROW = LinePattern(r"[ \t]*(?=\|[ \t]*[A-Z0-9(])")
# ... and so does a line that starts with a short label and its colon or a long dash ('Endocrine:    type 2 diabetes ...',
# 'GI: GERD', 'Pulm -- asthma'), a note in brackets perhaps before the colon ('Dx list (pain clinic 03/2022):').
LABEL_LINE = LinePattern(r"[ \t]*(?=[A-Z](?:[A-Za-z /&-]{1,30}(?:\([^()\n]{1,40}\))?[ \t]*:|[A-Za-z /&]{1,30}[ \t]+(?:-{2,}|—))"
                         r"[ \t]+\S)")
# ... and so does a chronology's row, a date (or a span of dates) heading its line with a column's gap after it ('   11/2019
#       Soft collar for 2 weeks', '04/2021 - present  medication management'), though the row above it wrapped onto a
# line of its own.
_ROW_DATE = r"(?:\d{1,2}/(?:\d{1,2}/)?\d{2,4}|(?:19|20)\d\d)"
DATED_ROW = LinePattern(r"[ \t]*(?=" + _ROW_DATE + r"(?:[ \t]*[-–][ \t]*(?:" + _ROW_DATE + r"|present|now|ongoing))?[ \t]{2,}[A-Za-z])")
# A row of a table set out in columns (two gaps of three spaces or more between words) ends its sentence at its
# line's end: a comment in its last column ('ordered, never filled') is its row's, not the next row's.
# (or of two columns set far apart, 'Osteoporosis       Excluded - DEXA 11/2020', or a cell's second line, set under its
# column: '                      flexion-extension films')
TABLE_ROW = LinePattern(r"(?=[^\n]*\S[ \t]{3,}\S[^\n]*\S[ \t]{3,}\S|[ \t]*\S[^\n]*?\S[ \t]{5,}\S|[ \t]{20,}\S)"
                        r"[^\n]*\n(?=(?P<next>\s*)[A-Z0-9(])")
# ... and so does a row whose next row, set in as far and set out in columns too, starts in lower case ('  metformin
# 500 mg     bid     current'; not a cell's second line set in further: '    left leg      (swelling)')
LOWER_CASE_ROW = LinePattern(r"(?P<indent>[ \t]*)\S[^\n]*?\S[ \t]{3,}\S[^\n]*\n(?=(?P<next>(?P=indent))[a-z][^\n]*?\S[ \t]{3,}\S)")
# ... and so does a row whose cells leader dots part ('docusate 100 bid ............ current'), where the next line is
# such a row too, whatever its case.
LEADER_ROW = LinePattern(r"[^\n]*\S ?" + LEADER_DOTS.pattern + r" ?\S[^\n]*\n(?=(?P<next>\s*)[^\n]*\S ?" + LEADER_DOTS.pattern
                         + r" ?\S)", word="....")
LINE_END = re.compile(r"[^\n]*\n\s*(?=[A-Z0-9(])")
# A line that ends without a full stop, before a line that opens a sentence with a pronoun or an article in capitals
# ('MDD - PHQ-9 = 9; criteria not met' / 'Her orthopedic diagnoses are ...'): a note's last line ends there.
UNSTOPPED_LINE_END = re.compile(r"[A-Za-z0-9)'’\"][ \t]*\n(?=(?P<next>[ \t]*)(?:Her|His|She|He|They|Their|The|This|These|Those|"
                                r"Its?)[ \t]+[a-z])")
# A label alone on its line ('Meds:', 'Current medications:') starts a sentence; of the lines set in under it, each one
# set in as far as the first and starting with a capital or a digit is an item of its own though it has no bullet
# ('    Vicodin 5/500 - offered 1/2013; pt declined' over '    Omeprazole 20 mg - ...'); a line set in further, or
# starting in lower case, goes on the item before it.
# (or a heading in capitals without its colon: 'LOW BACK' / '   Physical therapy, 24 visits (2012)', 'LEFT KNEE (non-industrial)')
LABEL_ALONE = LinePattern(r"(?P<indent>[ \t]*)(?:[A-Z][A-Za-z /&-]{1,40}(?:\([^()\n]{1,40}\))?[ \t]*:|"
                          r"[A-Z][A-Z/&-]+(?: [A-Z/&-]+){0,4}(?:[ \t]+\([^()\n]{1,40}\))?)[ \t]*\n")
SET_IN_LINE = re.compile(r"(?:[ \t]*\n)*(?P<indent>[ \t]*)(?=\S)")

LONGEST_SENTENCE = 1500  # characters (the longest sentence of 2,751 letters has 610)


def _paragraph_starts(text: str, start: int, end: int) -> list[int]:
    """Where each paragraph after the first starts with a capital, a digit or a bracket: a gap wider than the
    region's usual one between lines is a paragraph's end ('FHx: mother - lumbar stenosis' / '' / 'She has completed
    ...'), in single- and double-spaced text alike."""
    gaps = [(m.group().count("\n"), m.end()) for m in LINE_GAP.finditer(text, start, end)]
    usual = usual_line_gap(text, start, end)
    return [at for n, at in gaps if n > usual and at < end and (text[at:at + 1].isupper() or text[at:at + 1] in "0123456789(")]


@Language.component("imr_sentences")
def mark_sentences(doc: Doc) -> Doc:
    """Sentence starts found on the text (the same boundaries as spaCy's sentencizer here, without a Python
    step per token), kept as plain lists on the letter's context: nothing reads them through the doc, whose
    `doc.sents` would build a Python object per token."""
    ctx = letter_of(doc)
    if not len(doc):
        ctx.sentence_firsts, ctx.sentence_chars = [], [0]
        return doc
    token_starts = ctx.token_starts
    starts = [m.end() for m in SENTENCE_START.finditer(ctx.text)] + list(_inline_items(ctx.text, 0, len(ctx.text)))
    summary = ctx.letter.sections.get("summary")  # where letters list conditions and care
    if summary:
        lined = ctx.view.lined  # a list goes on across a page break
        ends = [m.end("next") for pattern in (LIST_LINE, WRAPPED_ITEM_END, LIST_LEFT) for m in pattern.finditer(lined, *summary)] \
            + [m.end() for pattern in (BULLET_LINE, BAR_ROW, LABEL_LINE, DATED_ROW) for m in pattern.finditer(lined, *summary)] \
            + [m.end("next") for pattern in (TABLE_ROW, LOWER_CASE_ROW) for m in pattern.finditer(lined, *summary)] \
            + [m.end("next") for m in UNSTOPPED_LINE_END.finditer(lined, *summary)] \
            + [m.end("next") for m in LEADER_ROW.finditer(ctx.view.original, *summary)]  # (the dots are blanks in `lined`)
        for item in _inline_items(lined, *summary):
            end = LINE_END.match(lined, item, summary[1])
            ends += [end.end()] if end else []
        ends += _paragraph_starts(lined, *summary)
        ends += _items_under_a_label(lined, *summary)
        ends += [m.end("indent") for m in LABEL_ALONE.finditer(lined, *summary)]  # (a label alone starts a sentence)
        starts += [ctx.view.to_view(end) for end in ends]
    firsts = [0]
    for start in [*sorted(set(starts)), len(ctx.text)]:
        # a run longer than any sentence letters write (text without full stops) is cut, so that what is read
        # to a sentence's end stays within reach
        while start - token_starts[firsts[-1]] > LONGEST_SENTENCE:
            cut = bisect_left(token_starts, token_starts[firsts[-1]] + LONGEST_SENTENCE, firsts[-1] + 1)
            if cut == len(token_starts):
                break  # (no token starts past the bound: the run ends the text)
            firsts.append(cut)
        i = bisect_left(token_starts, start, firsts[-1])  # a break is where a token starts (after a space)
        if i < len(token_starts) and token_starts[i] == start and i > firsts[-1]:
            firsts.append(i)
    ctx.sentence_firsts = firsts
    ctx.sentence_chars = [token_starts[i] for i in firsts] + [len(ctx.text)]
    return doc


def _items_under_a_label(text: str, start: int, end: int) -> list[int]:
    """Where each item after the first of a list set in under a label alone on its line starts (one in lower case too
    where every item so far tells its status after a dash: '  Savella 12.5 mg - Rx'd 01/2014, never filled' over
    '  metformin 1000 mg bid - current')."""
    starts = []
    for label in LABEL_ALONE.finditer(text, start, end):
        first = SET_IN_LINE.match(text, label.end(), end)
        depth = len(first.group("indent")) if first else 0
        if depth <= len(label.group("indent")):
            starts += _flush_items(text, label.end(), end)
            continue
        at = text.find("\n", first.end(), end)
        dashed = STATUS_DASH.match(text, first.end()) is not None
        while at >= 0 and (line := SET_IN_LINE.match(text, at + 1, end)) and len(line.group("indent")) >= depth:
            dashed = dashed and STATUS_DASH.match(text, line.end()) is not None
            if len(line.group("indent")) == depth and (text[line.end()].isupper() or text[line.end()].isdigit() or dashed):
                starts.append(line.end())
            at = text.find("\n", line.end(), end)
    return starts


STATUS_DASH = re.compile(r"[^\n]*\S[ \t]+[-–—][ \t]+\S")  # a list line's status after a dash ('... 30 mg - current')


def _flush_items(text: str, start: int, end: int) -> list[int]:
    """Where each line after the first of the block right under a label starts, its lines not set in, when every one
    starts with a capital or a digit: a list without marks ('Meds:' / 'Diclofenac - avoid' / 'Amlodipine - current'),
    not prose wrapped under the label."""
    block_end = text.find("\n\n", start, end)
    lines = [m for m in FLUSH_LINE.finditer(text, start, end if block_end < 0 else block_end)]
    if len(lines) < 2 or not all(m.group("first") for m in lines):
        return []
    return [m.start("first") for m in lines[1:]]


FLUSH_LINE = re.compile(r"^[ \t]*(?:(?P<first>[A-Z0-9])|\S)", re.MULTILINE)


def _inline_items(text: str, start: int, end: int):
    """Where each bracket-numbered item inside a line starts ('2) depression')."""
    for m in INLINE_ITEM.finditer(text, start, end):
        number = ITEM_NUMBER.search(text, max(start, m.start() - 2), m.start())
        if number is None:
            continue
        at = number.start() - 1 if number.start() and text[number.start() - 1] == "(" else number.start()
        if at and text[at - 1].isspace():
            yield at


def list_ends(ctx: LetterContext, lo: int, hi: int) -> list[int]:
    """Where each list in a stretch of the view ends (the view offset of the line after its last item)."""
    view = ctx.view
    start, end = ctx.original(lo, hi)
    return [view.to_view(m.end("next")) for pattern in (LIST_END, WRAPPED_ITEM_END, LIST_LEFT)
            for m in pattern.finditer(view.lined, start, end)]
