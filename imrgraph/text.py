"""Small text helpers shared by parse and extract: PDF-artefact lines, collapsing, dates, pages."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Container, Iterable, Iterator
from datetime import date
from itertools import accumulate, product


class LinePattern:
    """A regular expression that starts a line (`^` under re.M), searched by jumping from newline to
    newline: re scans for a literal first character in C, but tries a `^` pattern at every
    position (~6x slower on a letter). Matches are those of `pattern`, whose first character is `^`.

    With `word` (lower case), every match holds the word (in any case) on its first line: only the lines that
    hold it are tried, found with str.find, for a pattern that would scan each line it is tried on.
    """

    def __init__(self, body: str, flags: int = 0, word: str | None = None):
        self.pattern = re.compile("^" + body, flags | re.MULTILINE)
        self._after_newline = re.compile("\n" + body, flags | re.MULTILINE)
        self.word = word

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        endpos = len(text) if endpos is None else endpos
        if self.word is not None:
            return next(self._lines_with_word(text, pos, endpos), None)
        if pos == 0 or 0 < pos <= len(text) and text[pos - 1] == "\n":
            m = self.pattern.match(text, pos, endpos)
            if m:
                return m
        newline = self._after_newline.search(text, pos, endpos)
        return self.pattern.match(text, newline.start() + 1, endpos) if newline else None

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match]:
        if self.word is not None:
            yield from self._lines_with_word(text, pos, len(text) if endpos is None else endpos)
            return
        while m := self.search(text, pos, endpos):
            yield m
            pos = max(m.end(), m.start() + 1)

    def _lines_with_word(self, text: str, pos: int, endpos: int) -> Iterator[re.Match]:
        low = lowered(text)
        at = low.find(self.word, pos, endpos)
        while at >= 0:
            start = text.rfind("\n", 0, at) + 1  # the line that holds the word
            m = self.pattern.match(text, start, endpos) if start >= pos else None
            if m:
                yield m
                pos = max(m.end(), m.start() + 1)
            line_end = text.find("\n", at, endpos)
            if line_end < 0:
                return
            at = low.find(self.word, max(line_end + 1, pos), endpos)

    def sub(self, repl, text: str) -> str:
        """Like re.sub with a function or a string (no group references) as the replacement."""
        pieces, pos = [], 0
        for m in self.finditer(text):
            pieces += [text[pos:m.start()], repl(m) if callable(repl) else repl]
            pos = m.end()
        return "".join(pieces) + text[pos:] if pieces else text

    def fullmatch(self, text: str) -> re.Match | None:
        return self.pattern.fullmatch(text)


# Titles and abbreviations whose full stop ends no sentence ('seen by Dr. Lee', 'Mr. Ruiz', 'Soma vs. Norco',
# 'care incl. NSAIDs').
TITLE_ABBREVIATIONS = ("dr", "drs", "mr", "mrs", "ms", "st", "vs", "incl", "approx", "esp", "phys", "dept")
# A page footer's words ('Page 2 of 5'), matched with re.IGNORECASE.
PAGE_OF = r"page[ \t]+\d+[ \t]+of[ \t]+\d+"
# The running headers atop a page: 'Final Determination Letter for IMR Case Number CM16-0187342', 'IMR Case
# Number: CM16-0187342 ...'.
FDL_RUNNING_HEADER = r"final[ \t]+determination[ \t]+letter[ \t]+for[ \t]+imr[ \t]+case[ \t]+number[ \t]+\S+"
CASE_NUMBER_WORDS = r"(?:imr[ \t]+)?case[ \t]+(?:number|no\.?|#)[ \t]*:?[ \t]*cm\d\d-?\d{4,8}"
CASE_RUNNING_HEADER = CASE_NUMBER_WORDS + r"[^\n]{0,60}"
# The words of a page footer or running header line, for patterns that step over such lines.
PAGE_LINE_WORDS = "(?:" + "|".join((PAGE_OF + r"[^\n]{0,60}", FDL_RUNNING_HEADER + r"[ \t]*", CASE_RUNNING_HEADER)) + ")"
# Lines a PDF text layer inserts that are not part of the prose around them.
ARTEFACT_LINE = LinePattern(
    # (the running header's page with or without its word: '... CM16-0033560      2 of 4')
    r"[ \t]*(?:" + PAGE_OF + r"|-[ \t]*\d+[ \t]*-|" + FDL_RUNNING_HEADER + r"(?:[ \t]+(?:page[ \t]+)?\d+[ \t]+of[ \t]+\d+)?)[ \t]*$",
    re.IGNORECASE,
)

# Lines a PDF leaves between two lines of prose or of a citation: running headers...
RUNNING_HEADER = LinePattern(
    r"(?:[ \t]*" + CASE_RUNNING_HEADER +
    r"|[ \t]*(?:cm\d\d-\d{4,8}|page[ \t]*\|[ \t]*\d{1,3}|\d{1,3}[ \t]+of[ \t]+\d{1,3}"  # a case number, 'Page | 3', '3 of 5'
    r"|maximus[ \t]+federal[ \t]+services,?(?:[ \t]+inc\.?)?)[ \t]*)$",
    re.IGNORECASE,
)
# ... and page footers with words around them ('Jane Doe   Page 2 of 5   CM16-0187342'), a title with the case
# number and the page ('MEDICAL PROFESSIONAL REVIEW - CM14-0019833 - Page 2'), 'Page 3' alone (capitalised, as a
# footer is, and short: a citation wrapped before 'page 100' goes on).
# Words are counted, not characters: a footer set out to the page's width has wide gaps between its words.
def _footer_words(most: int) -> str:
    return r"(?:[ \t]*\S++){0," + str(most) + r"}?[ \t]*"


PAGE_FOOTER = LinePattern(r"(?:" + _footer_words(8) + r"\b" + PAGE_OF + _footer_words(8)
                          + r"|" + _footer_words(8) + r"\bcm\d\d-\d{4,8}\b" + _footer_words(3)
                          + r"\bpage[ \t]*\d{1,3}\b" + _footer_words(3)
                          + r"|[ \t]*(?-i:Page|PAGE)[ \t]+\d{1,2}[ \t]*)$", re.IGNORECASE, word="page")
RUNNING_LINES = (RUNNING_HEADER, PAGE_FOOTER)
# A table's rule line, drawn with dashes or equals signs and its cells' crossings ('-------+--------+----').
RULE_LINE = LinePattern(r"[ \t]*[|+]?[ \t]*[-=_]{3,}[-=_+| \t]*$")
# A running header that names the case and nothing else ('IMR Case Number CM19-0001234' atop a page).
CASE_RUNNING_LINE = LinePattern(r"[ \t]*" + CASE_NUMBER_WORDS + r"[ \t]*$", re.IGNORECASE, word="case")


def blank_lines(text: str, *patterns: LinePattern) -> str:
    """The text with every line one of the patterns matches made spaces (offsets kept)."""
    for pattern in patterns:
        text = pattern.sub(_spaces, text)
    return text


BULLET = r"[-–•*▪·+]"  # a list item's bullet
NUMBERED = r"(?:\(?\d{1,2}[.)]|#\d{1,2})"  # ... or its number ('3.', '(2)', '#4')
LEADER_DOTS = re.compile(r"(?:\.{4,}|\.(?:[ \t]\.){3,})")  # ('........', or spaced: '. . . .')


def _spaces(m: re.Match) -> str:
    return " " * len(m.group())


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def lowered(text: str) -> str:
    """The text in lower case with every character at its offset, for case-sensitive patterns written
    in lower case: re skips ahead in C to a literal start, which it cannot do under re.IGNORECASE
    (~10x faster on a letter). A few characters lower to two ('İ'); then only A-Z are lowered."""
    low = text.lower()
    return low if len(low) == len(text) else text.translate(_ASCII_LOWER)


MISSED_LETTER_WORD = 6  # letters of a word that may be typed with one left out


def words(phrase: str) -> str:
    """Regex for a phrase as typed: its words split by any whitespace (PDF line breaks), each long word (before any
    '(S)' or punctuation) whole, short of one letter after its first ('DECISONS', 'SUMARY', 'Reviwer') or with two
    letters after its first swapped ('Reveiwer'), its I, l and O as a scan may read them ('DECISlON(S)', 'Medlcal',
    'RATI0NALE', 'lMR', an m as rn: 'Surnmary', a w as vv: 'REVIEVVER', a y as v: 'SUMMARV'), letter-spaced as a heading
    may be ('C L I N I C A L') or split by a space a scan put in ('SUMMAR Y'), or run together ('ANDRATIONALES')."""
    def word(w: str) -> str:
        stem, rest = WORD_STEM.match(w).groups()
        # (or letter-spaced: 'C L I N I C A L', 'I S S U E S ,', or split once by a scan: 'SUMMAR Y')
        spaced = "|" + " ?".join(map(re.escape, stem + rest)) if len(stem) > 1 else ""
        if len(stem) < MISSED_LETTER_WORD:
            # (a short word only as a scan may read it: 'lMR')
            return "(?:" + _as_scanned(stem) + re.escape(rest) + spaced + ")"
        typed = ({stem} | {stem[:i] + stem[i + 1:] for i in range(1, len(stem))}
                 | {stem[:i] + stem[i + 1] + stem[i] + stem[i + 2:] for i in range(1, len(stem) - 1)})
        return "(?:(?:" + "|".join(_as_scanned(t) for t in sorted(typed, key=len, reverse=True)) + ")" \
            + re.escape(rest) + spaced + ")"
    return r"\s*".join(word(w) for w in phrase.split())  # (words run together too: 'ANDRATIONALES')


WORD_STEM = re.compile(r"([A-Za-z]*)(.*)", re.DOTALL)  # a word's letters, then what follows them ('DECISION', '(S)')
# (patterns that use words() ignore case or read lower-cased text)
SCANNED_ALIKE = {"i": "[il1|]", "l": "[il1|]", "o": "[o0]", "m": "(?:m|rn)", "w": "(?:w|vv)",  # ('Case Surnmary', 'REVIEVVER')
                 "y": "[yv]"}  # ('CASE SUMMARV')


def _as_scanned(word: str) -> str:
    return "".join(SCANNED_ALIKE.get(c.lower(), c) for c in word)


def any_of(phrases: Iterable[str], run_together: bool = False) -> str:
    """Regex for any of the phrases (their words split by any whitespace, or by none with `run_together`: a text
    layer that closed the gaps, 'DateAssigned'), as a trie of their characters: at each place re tries the one next
    character, not every phrase. Where one phrase goes on past another's end the longer is tried first, as in an
    alternation listed longest first."""
    gap = r"\s*" if run_together else r"\s+"
    tree: dict = {}
    for phrase in phrases:
        node = tree
        for piece in re.findall(r"\s+|\S", " ".join(phrase.split())):
            node = node.setdefault(gap if piece.isspace() else re.escape(piece), {})
        node[""] = {}  # a phrase ends here

    def rest(node: dict) -> str:
        branches = [piece + rest(child) for piece, child in node.items() if piece]
        if not branches:
            return ""
        either = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{either})?" if "" in node else either

    return rest(tree)


def collapse(text: str) -> str:
    """Drop PDF artefact lines, then collapse all whitespace to single spaces."""
    return " ".join(ARTEFACT_LINE.sub(" ", text).split())


def inside_brackets(text: str, at: int) -> bool:
    """Whether more round brackets open than close before `at` ('5 days/wk x 2 wks (initial trial)')."""
    return text.count("(", 0, at) > text.count(")", 0, at)


def clause_start(text: str, lo: int, at: int, marks: str = ";") -> int:
    """Where the clause that holds `at` starts, from `lo` on: past the last of `marks` before it, and past brackets
    that opened before that mark and closed before `at` ('tramadol (since 2023; UDS + tramadol), naproxen': the
    semicolon is the brackets', and naproxen's clause starts after them)."""
    start = max(lo, max(text.rfind(mark, lo, at) for mark in marks) + 1)
    if text.find(")", start, at) < 0:
        return start  # (most clauses: no bracket closes in them)
    depth, after = 0, start
    for i in range(start, at):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            depth -= 1
            if depth < 0:
                depth, after = 0, i + 1
    return after


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) so it neither starts nor ends with whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], 1)}
MONTHS.update({name[:3]: n for name, n in list(MONTHS.items())})
MONTHS["sept"] = 9

_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
# Searched in lower-cased text (`lowered`): case-sensitive alternatives are skipped on their first letter.
DATE = re.compile(
    r"\b(?:(?P<m>\d{1,2})\s*/\s*(?P<d>\d{1,2})\s*/\s*(?P<y>\d{4}|\d{2})"
    r"|(?P<m4>\d{1,2})(?:(?P<sep>[-.])(?P<d4>\d{1,2})(?P=sep)(?P<y4>\d{4})"  # 6-1-2008, 06.01.2008
    r"|-(?P<d6>\d{1,2})-(?P<y6>\d{2}))"  # 6-1-08
    r"|(?P<mon>" + _MONTH_NAMES + r")\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{4})"
    r"|(?P<d5>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon5>" + _MONTH_NAMES + r")\.?,?\s+(?P<y5>\d{4})"  # 10 June 2012
    r"|(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2}))\b"
)


# The review's priority as the header words it: a standard review or an expedited one (DWC: an
# expedited review answers an imminent, serious threat to the worker's health). Lower case.
PRIORITY = re.compile(r"(?P<standard>non[\s-]*(?:expedited|urgent)|standard|regular|routine|normal)"
                      r"|(?P<expedited>expedited?|urgent)")


def parse_date(match: re.Match, today: date | None = None) -> str | None:
    """ISO date from a DATE match; two-digit years pivot on the current year."""
    g = match.groupdict()
    if g["m"] or g["d6"]:
        y, m, d = (g["y"], int(g["m"]), int(g["d"])) if g["m"] else (g["y6"], int(g["m4"]), int(g["d6"]))
        year = int(y)
        if len(y) == 2:
            this = (today or date.today()).year % 100
            year += 2000 if year <= this else 1900
    elif g["m4"]:
        year, m, d = int(g["y4"]), int(g["m4"]), int(g["d4"])
    elif g["mon"]:
        year, m, d = int(g["y2"]), MONTHS[g["mon"].lower()], int(g["d2"])
    elif g["mon5"]:
        year, m, d = int(g["y5"]), MONTHS[g["mon5"].lower()], int(g["d5"])
    else:
        year, m, d = int(g["y3"]), int(g["m3"]), int(g["d3"])
    try:
        return date(year, m, d).isoformat()
    except ValueError:
        return None


def expand_pages(text: str) -> list[int]:
    """'100-102, 127' -> [100, 101, 102, 127]; stops at the first thing that is not a page list."""
    pages: list[int] = []
    for m in re.finditer(r"(\d{1,4})(?:\s*(?:-|–|to|through)\s*(\d{1,4}))?", text):
        first = int(m.group(1))
        last = int(m.group(2)) if m.group(2) else first
        if last < first or last - first > 200:
            last = first
        pages.extend(p for p in range(first, last + 1) if p not in pages)
    return pages


def blank_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with each of the (ordered) spans made spaces, overlapping ones too: offsets kept."""
    if not spans:
        return text
    pieces, pos = [], 0
    for start, end in spans:
        start = max(start, pos)  # a span overlapping the one before ('VITAMIN B12' in 'VITAMIN B12 INJECTION')
        if end > start:
            pieces += [text[pos:start], " " * (end - start)]
            pos = end
    return "".join(pieces) + text[pos:]


def _keep_only(text: str, keep: list[tuple[int, int]]) -> str:
    pieces, pos = [], 0
    for start, end in sorted(keep):
        start = max(start, pos)
        if start > pos:
            pieces.append(" " * (start - pos))
        if end > start:
            pieces.append(text[start:end])
            pos = end
    pieces.append(" " * (len(text) - pos))
    return "".join(pieces)


_LONG_SPACE = re.compile(r"\s\s+")


def collapse_spaces(text: str) -> tuple[str, list[tuple[int, int]]]:
    """(text with every whitespace run made one space, the runs longer than one character).

    The same as `re.sub(r"\\s+", " ", text)` and `re.finditer(r"\\s\\s+", text)`; str.split joins the
    words several times faster than re.sub."""
    words = text.split()
    collapsed = " ".join(words)
    if text[:1].isspace():
        collapsed = " " + collapsed
    if text[-1:].isspace() and words:
        collapsed += " "
    return collapsed, [m.span() for m in _LONG_SPACE.finditer(text)]


# Line breaks, and blank lines between them.
LINE_GAP = re.compile(r"\n(?:[ \t]*\n)*")


def usual_line_gap(text: str, start: int, end: int) -> int:
    """The line breaks most gaps between lines hold in [start, end): 1 in single-spaced text, 2 in double-spaced."""
    usual = Counter(m.group().count("\n") for m in LINE_GAP.finditer(text, start, end)).most_common(1)
    return usual[0][0] if usual else 1


def paragraph_end(text: str, start: int, limit: int, local: bool = False) -> int | None:
    """Where the paragraph that holds `start` ends, before `limit`: at a gap between lines wider than the text's
    usual one (a blank line in single-spaced text, two in double-spaced text); `local`: the usual gap of the stretch
    itself (a letter double-spaced in some parts only)."""
    usual = usual_line_gap(text, start, limit) if local else usual_line_gap(text, 0, min(len(text), 20_000))
    return next((m.start() for m in LINE_GAP.finditer(text, start, limit) if m.group().count("\n") > usual), None)


# A word hyphenated across a line break ('post-' at a line's end, 'traumatic' on the next line); the letter
# before the hyphen is checked apart, so the pattern starts with the hyphen, which re scans for in C.
HYPHEN_BREAK = re.compile(r"-([ \t\r\f\v]*\n\s*)(?=[A-Za-z])")
_WHITESPACE = re.compile(r"\s+")


_WORD_BEFORE = re.compile(r"[A-Za-z]+$")
_WORD_AFTER = re.compile(r"[A-Za-z]+")


def _hyphen_breaks(text: str, words: Container[str] | None, whole: str) -> Iterator[tuple[int, bool]]:
    """Where each whitespace run of a word hyphenated across a line break starts, and whether the hyphen goes
    with it: a word broken at a syllable ('psycho-' / 'therapy', 'radicu-' / 'lopathy', 'recom-' / 'mended') is one
    of `words`, or written whole elsewhere in `whole` (the text the words come from), without its hyphen and neither
    with it; a hyphenated word ('post-' / 'traumatic') keeps it."""
    low = None
    for m in HYPHEN_BREAK.finditer(text):
        if m.start() and text[m.start() - 1].isalpha() and text[m.start() - 1].isascii():
            drop = False
            if words is not None:
                left = _WORD_BEFORE.search(text, max(0, m.start() - 40), m.start())
                right = _WORD_AFTER.match(text, m.end())
                if left and right:
                    low = low if low is not None else lowered(whole)
                    halves = left.group().lower(), right.group().lower()
                    joined, hyphened = "".join(halves), "-".join(halves)
                    drop = (joined in words or _written_whole(low, joined)) \
                        and hyphened not in words and not _written_whole(low, hyphened)
            yield m.start(1), drop


# A word a scan split with a stray space or line break ('radicu litis', 'trazo done', 'Lyr ica', 'major depres' / 'sive',
# in double-spaced text too): two pieces that make one of the vocabulary's words of six letters or more, the first no
# word of it (or, for a longer word, the second: 'Psycho logy').
# (found from the first piece, which re scans for; the gap bounded: a view's blanked regions are long runs of spaces)
_SPLIT_FIRST = re.compile(r"[A-Za-z]{3,}(?=[ \t]{1,3}[a-z]|[ \t]{0,3}\n)")
_SPLIT_SECOND = re.compile(r"[ \t]{0,3}(?:\n[ \t]{0,3}){0,2}(?<=\s)([a-z]{2,})(?![A-Za-z])")
SPLIT_WORD_SHORTEST = 6
SPLIT_WORD_SHORTEST_AFTER_A_WORD = 8


def _split_words(text: str, words: Container[str]) -> Iterator[int]:
    """Where the space of each word a scan split with a stray space stands."""
    for m in _SPLIT_FIRST.finditer(text):
        second = _SPLIT_SECOND.match(text, m.end())
        if second is None:
            continue
        left, right = m.group().lower(), second.group(1)
        joined = left + right
        if len(joined) >= SPLIT_WORD_SHORTEST and joined in words \
                and (left not in words or len(joined) >= SPLIT_WORD_SHORTEST_AFTER_A_WORD and right not in words):
            yield m.end()


def _written_whole(low: str, word: str) -> bool:
    """The word stands in the lower-cased text as a word of its own."""
    return re.search(r"(?<![a-z-])" + re.escape(word) + r"(?![a-z-])", low) is not None


def _collapse_joining_hyphens(text: str, dropped: dict[int, bool]) -> tuple[str, list[tuple[int, int, int]]]:
    """collapse_spaces, with the whitespace runs that start at `dropped` removed (and the hyphen before one
    marked True): (text, [(start, end, characters kept)])."""
    pieces, runs, pos = [], [], 0
    for m in _WHITESPACE.finditer(text):
        start, end = m.span()
        kept = 0 if start in dropped else 1
        if dropped.get(start):
            start -= 1  # the line's hyphen goes too
        pieces += [text[pos:start], " " * kept]
        pos = end
        if end - start != kept:
            runs.append((start, end, kept))
    pieces.append(text[pos:])
    return "".join(pieces), runs


class CollapsedText:
    """A text with every whitespace run made one space (`.text`), and the offsets between the two.

    With `join_hyphenated`, a line break after a hyphen inside a word is no space at all
    ('post-\ntraumatic' reads 'post-traumatic'), so names wrapped at their hyphen are one name again; with
    `words` too, a word broken at a syllable is read without the hyphen ('psycho-\ntherapy' reads
    'psychotherapy'), as is one written whole elsewhere in `whole` (the text this one was cut from, by default
    itself; see `_hyphen_breaks`), and with `split_words`, a word of them a scan split with a stray space is read
    whole ('radicu litis' reads 'radiculitis')."""

    def __init__(self, text: str, join_hyphenated: bool = False, words: Container[str] | None = None,
                 whole: str | None = None, split_words: bool = False):
        # Each whitespace run becomes one space (or none, after a hyphen): before run k the collapsed
        # text is shorter by removed[k]. A one-character run made one space shifts nothing, so only the
        # other runs are kept.
        dropped = dict(_hyphen_breaks(text, words, whole or text)) if join_hyphenated else None
        if dropped is not None and words is not None and split_words:
            dropped.update((at, False) for at in _split_words(text, words))  # ('radicu litis' reads 'radiculitis')
        if dropped:
            self.text, runs = _collapse_joining_hyphens(text, dropped)
        else:
            self.text, spans = collapse_spaces(text)
            runs = [(s, e, 1) for s, e in spans]
        removed = list(accumulate((e - s - kept for s, e, kept in runs), initial=0))
        self._run_orig = [s for s, _, _ in runs]
        self._run_end = [e for _, e, _ in runs]
        # where the view's character at a run stands in the text as read: its one space is where the run
        # starts; a run dropped after a hyphen leaves the next word's first letter, where the run ends
        self._run_at = [s if kept else e for s, e, kept in runs]
        self._run_view = [s - r for (s, _, _), r in zip(runs, removed)]
        self._removed = removed

    def to_original(self, pos: int) -> int:
        k = bisect_right(self._run_view, pos) - 1  # the last run starting at or before pos
        if k < 0:
            return pos
        if pos == self._run_view[k]:
            return self._run_at[k]
        return pos + self._removed[k + 1]

    def to_view(self, pos: int) -> int:
        k = bisect_right(self._run_orig, pos) - 1
        if k < 0:
            return pos
        if pos < self._run_end[k]:
            return self._run_view[k]  # inside a run: its one space
        return pos - self._removed[k + 1]

    def span_to_original(self, span: tuple[int, int]) -> tuple[int, int]:
        return self.to_original(span[0]), self.to_original(span[1])

    def span_to_view(self, span: tuple[int, int]) -> tuple[int, int]:
        return self.to_view(span[0]), self.to_view(span[1])


# A word of five letters or more with a small l that a scan may have read for an i ('Medlcine', 'Arlzona').
_L_READ_FOR_AN_I = re.compile(r"\b(?=[A-Za-z]{5,}\b)[A-Za-z]*l[A-Za-z]*\b")


def _as_word_with_an_i(word: str, words: Container[str]) -> str:
    """The word with one of its l read as an i, where it is then one of `words` and is not one as written; never an l
    beside another, as English writes them ('falls' is no 'fails')."""
    low = word.lower()
    if low in words:
        return word
    for at, c in enumerate(word):
        if c == "l" and "l" not in low[max(0, at - 1):at] + low[at + 1:at + 2] and (low[:at] + "i" + low[at + 1:]) in words:
            return word[:at] + "i" + word[at + 1:]
    return word


# A 1 beside a letter, which a scan may have read for an l or an i ('Fami1y', 'Ca1ifornia', 'l11inois', 'Neuro1ogy'),
# found from the 1 (re skips ahead to it), and the word around it.
_ONE_BESIDE_A_LETTER = re.compile(r"1(?:(?<=[A-Za-z]1)|(?=[a-z]))")
_WORD_AROUND = re.compile(r"[A-Za-z1]*")


def _read_ones(text: str, words: Container[str]) -> str:
    """The text with each word a scan wrote with a 1 for an l or an i read as the word it makes (same length)."""
    pieces, pos, read_to = [], 0, 0
    for m in _ONE_BESIDE_A_LETTER.finditer(text):
        if m.start() < read_to:
            continue  # (a second 1 of a word already read)
        start = m.start()
        while start and (text[start - 1].isascii() and text[start - 1].isalpha() or text[start - 1] == "1"):
            start -= 1
        read_to = _WORD_AROUND.match(text, m.start()).end()
        if start and text[start - 1].isdigit() or read_to < len(text) and text[read_to].isdigit():
            continue  # (a number's digits, not a word's letters)
        pieces += [text[pos:start], _as_word_with_letters(text[start:read_to], words)]
        pos = read_to
    return "".join(pieces) + text[pos:] if pieces else text
ONES_READ_AT_MOST = 4  # 1s and ls of one word read (each may be an l or an i)


def _as_word_with_letters(word: str, words: Container[str]) -> str:
    """The word with each 1 and each l of it read as an l or an i, where it is then one of `words`; as written
    where no reading is."""
    low = word.lower()
    ambiguous = [at for at, c in enumerate(low) if c == "1" or c == "l"]
    if len(ambiguous) > ONES_READ_AT_MOST or sum(c.isalpha() for c in low) < 3:
        return word
    for letters in product("li", repeat=len(ambiguous)):
        chars = list(low)
        for at, c in zip(ambiguous, letters):
            chars[at] = c
        read = "".join(chars)
        if read in words:
            return "".join(r.upper() if w.isupper() else r for w, r in zip(word, read))
    return word


class TextView(CollapsedText):
    """The text as read with PDF artefact lines and leader dots removed, every whitespace run made one space, a
    word hyphenated across a line break joined again and, with `words`, a word of them a scan wrote with an l for an i,
    or with a 1 the read stage left ('Fami1y': one letter after the digit), read as that word (same length: offsets do
    not move), and a word of them a scan split with a stray space read whole.

    With `keep`, only those regions of the text stay (the rest becomes one space): extraction
    tokenises what its components read, not the rationales it reads with regular expressions.

    Extraction tokenises this view (so phrases broken across lines still match) and maps every
    span back to the text as read with `to_original`; `to_view` maps the other way.
    """

    def __init__(self, original: str, keep: list[tuple[int, int]] | None = None, words: Container[str] | None = None):
        self.original = original
        # a table's leader dots ('Chronic pain syndrome ........ G89.4') and rule lines are layout, not full stops
        blanked = LEADER_DOTS.sub(_spaces, blank_lines(original, ARTEFACT_LINE, PAGE_FOOTER, CASE_RUNNING_LINE, RULE_LINE))
        # the text as read, its page lines and running headers made spaces: lines (and lists) read across a page
        # break, at the original offsets
        self.lined = blank_lines(blanked, *RUNNING_LINES)
        if keep is not None:  # everything outside the kept regions becomes whitespace
            blanked = _keep_only(blanked, keep)
        if words is not None:
            blanked = _L_READ_FOR_AN_I.sub(lambda m: _as_word_with_an_i(m.group(), words), blanked)
            blanked = _read_ones(blanked, words)
        super().__init__(blanked, join_hyphenated=True, words=words, whole=original, split_words=True)
        self.lower = lowered(self.text)
