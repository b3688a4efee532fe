"""From logical text to the letter as a PDF text layer gives it, keeping every recorded span true.

Layouts write a letter's logical text (one paragraph a line) through a `Writer`, which returns the
span of every piece it writes and remembers which truth objects hold spans. `finish` then applies
the PDF-extraction artefacts of one letter (lines hard-wrapped at spaces, a blank line after every
line, page lines and a running header between lines) and moves every remembered span to where its
text ended up.
"""

from __future__ import annotations

import bisect
import re
from functools import cache

from imrgraph.models import Span

_SLOT = re.compile(r"\{(\w+)\}")


@cache
def _template(template: str) -> tuple[tuple[str, str | None], ...]:
    """'a {x} b' -> (('a ', 'x'), (' b', None)): literal text, then the slot that follows it."""
    pieces, last = [], 0
    for m in _SLOT.finditer(template):
        pieces.append((template[last:m.start()], m.group(1)))
        last = m.end()
    pieces.append((template[last:], None))
    return tuple(pieces)


class Writer:
    """The logical text of one letter, written piece by piece."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.anchors: list[tuple[object, str]] = []  # (object, attribute) whose span is in logical offsets

    def write(self, text: str) -> Span:
        start = self.pos
        self.parts.append(text)
        self.pos += len(text)
        return start, self.pos

    def fill(self, template: str, **slots: str) -> dict[str, Span]:
        """Writes a template with '{name}' slots; returns where each slot's text landed."""
        spans = {}
        for literal, slot in _template(template):
            if literal:
                self.write(literal)
            if slot is not None:
                spans[slot] = self.write(slots[slot])
        return spans

    def line(self, text: str = "") -> Span:
        span = self.write(text)
        self.write("\n")
        return span

    def anchor(self, holder, attribute: str = "span"):
        """Remembers that `holder.attribute` is a span to move when the artefacts are applied."""
        self.anchors.append((holder, attribute))
        return holder

    def text(self) -> str:
        return "".join(self.parts)


class OffsetMap:
    """Logical offsets to offsets in the finished text: shifts that start at given logical offsets."""

    def __init__(self) -> None:
        self.keys = [0]
        self.shifts = [0]

    def grow(self, at: int, by: int) -> None:
        """Characters at logical offset `at` and after move `by` further."""
        if self.keys[-1] == at:
            self.shifts[-1] += by
        else:
            self.keys.append(at)
            self.shifts.append(self.shifts[-1] + by)

    def offset(self, pos: int) -> int:
        return pos + self.shifts[bisect.bisect_right(self.keys, pos) - 1]

    def span(self, span: Span) -> Span:
        start, end = span
        if end <= start:
            return self.offset(start), self.offset(start)
        return self.offset(start), self.offset(end - 1) + 1


def _wrap(line: str, start: int, width: int, out: list[tuple[int, int]]) -> None:
    """Cuts a line at spaces into pieces of at most `width` characters (a word longer stays whole);
    each piece is (logical start, logical end); the space at a cut is the separator."""
    while len(line) > width:
        cut = line.rfind(" ", 1, width + 1)
        if cut <= 0:
            cut = line.find(" ", width)
            if cut < 0:
                break
        out.append((start, start + cut))
        line, start = line[cut + 1:], start + cut + 1
    out.append((start, start + len(line)))


class Artefacts:
    """What one letter's text layer does to its lines."""

    def __init__(self, width: int | None, separator: str, lines_per_page: int | None, running_header: str | None):
        self.width = width  # hard wrap at this many characters, or None
        self.separator = separator  # what ends a line: "\n", or " \n\n" (a blank line after every line)
        self.lines_per_page = lines_per_page  # a page line after this many lines, or None
        self.running_header = running_header  # a line at the top of every page after the first

    def apply(self, logical: str) -> tuple[str, OffsetMap]:
        lines: list[tuple[int, int]] = []
        start = 0
        for line in logical.split("\n"):
            if self.width and len(line) > self.width:
                _wrap(line, start, self.width, lines)
            else:
                lines.append((start, start + len(line)))
            start += len(line) + 1
        if lines and lines[-1][0] == lines[-1][1] == len(logical):
            lines.pop()  # the text's closing newline starts no line
        moved = OffsetMap()
        out: list[str] = []
        sep = self.separator
        per_page = self.lines_per_page
        pages = -(-len(lines) // per_page) if per_page else 0
        for n, (a, b) in enumerate(lines):
            if per_page and n and n % per_page == 0:
                inserted = f"Page {n // per_page} of {pages}{sep}"
                if self.running_header:
                    inserted += self.running_header + sep
                out.append(inserted)
                moved.grow(a, len(inserted))
            out.append(logical[a:b])
            out.append(sep)
            moved.grow(b + 1, len(sep) - 1)  # the separator stands for one logical character
        if per_page:
            out.append(f"Page {pages} of {pages}{sep}")
        return "".join(out), moved


def finish(writer: Writer, artefacts: Artefacts) -> str:
    """The letter's text with its artefacts; every anchored span moved to match it."""
    text, moved = artefacts.apply(writer.text())
    for holder, attribute in writer.anchors:
        setattr(holder, attribute, moved.span(getattr(holder, attribute)))
    return text
