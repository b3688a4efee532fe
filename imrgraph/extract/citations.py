"""Guideline citations and literature in a 'guideline' paragraph of a letter.

A paragraph is cut into clauses ("Decision based on ...", sentences of the 2013 notice), each
clause into segments that start at a guideline anchor (an MTUS document, an ACOEM chapter, an
ODG mention); pages, editions and literature belong to the segment they stand in, and what is
left of the segment is its topic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from .. import lexicon
from ..models import Citation, Literature, Span
from ..text import MONTHS, expand_pages

NO_MTUS = re.compile(r"(?i)did\s+not\s+(?:base|rely)\s+(?:its|their|his|her|the)?\s*(?:decision|determination)?\s*"
                     r"(?:on|upon)\s+the\s+(?:CA\s+)?MTUS[^.]*\.?")
CLAUSE = re.compile(r"(?i)\bdecision\s+based\s+on\b|\balso\s+based\s+on\b|(?<=[.;])\s+(?=[A-Z])")
PAGES = re.compile(
    r"(?i)\b(?:page\s*\(s\)|pages?|pgs?\.?|pp?\.)\s*:?\s*(?P<list>\d{1,4}(?:\s*(?:-|–|to|,|and|&)\s*\d{1,4})*)"
)
PAGES_EMPTY = re.compile(r"(?i)\bpage\s*\(?s?\)?[.:]*\s*(?=$|[.;])|\bpage\s*\(s\.?")
EDITION = re.compile(
    r"(?i)(?:\b(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?,?\s+(?P<y>(?:19|20)\d\d)"
    r"(?:\s+(?:update|updated|edition|revision))?"
    r"|\b(?:updated?|edition|revised)\s*:?\s*(?P<m2>\d{1,2})\s*/\s*(?:\d{1,2}\s*/\s*)?(?P<y2>(?:19|20)\d\d)"
    r"|\b(?P<m3>\d{1,2})\s*/\s*(?P<y3>(?:19|20)\d\d)\s+(?:update|edition)"
    r"|\b(?P<y4>(?:19|20)\d\d)\s+(?:update|edition|web\s+edition)"
    r"|\((?P<y5>(?:19|20)\d\d)\))"
)
LITERATURE = re.compile(r"\b(?P<author>[A-Z][A-Za-z'\-]+)(?:\s+(?:et\s+al\.?|and\s+[A-Z][A-Za-z'\-]+))?,?\s+"
                        r"(?P<year>(?:19|20)\d\d)\b")
NOT_AUTHORS = frozenset({"Guidelines", "Guideline", "Update", "Updated", "Edition", "ODG", "MTUS", "ACOEM", "Chapter",
                         "Page", "Pages", "Treatment", "Citation", "Section", "Revised", "California", "Web",
                         "Disability", "Pain", "Stress", "Complaints", "Official", "Medicine", "Practice", "The"})
ODG = re.compile(r"(?i)\bofficial\s+disability\s+guidelines?(?:\s*\(\s*odg\s*\))?|\bodg\b")
ACOEM = re.compile(r"(?i)\bacoem\b|\bamerican\s+college\s+of\s+occupational\s+and\s+environmental\s+medicine\b")
CHAPTER_NO = re.compile(r"(?i)\bch(?:apter|\.)?\s*(?P<n>\d{1,2})\b")
NON_MTUS = re.compile(r"(?i)non-?\s*mtus|not\s+(?:a\s+)?part\s+of\s+the\s+mtus")
TOPIC_NOISE = re.compile(
    r"(?i)^(?:part\s+(?:one|two|three|1|2|3)|medical\s+treatment\s+guidelines?|mtus|non-?mtus\s+citation|"
    r"citation|topic|also\s+see|see|which\s+is\s+(?:not\s+)?part\s+of\s+the\s+mtus|treatment\s+guidelines?|"
    r"guidelines?|and|the|chapter|ca)$"
)


@dataclass(frozen=True)
class _Anchor:
    start: int
    end: int
    source: str
    document: str | None
    chapter: str | None
    label: str | None = None  # the unit's canonical name, for a topic when nothing else is said


class _Catalogue:
    """All labels of a set of guideline units as one regex (longest first), and label -> unit."""

    def __init__(self, pairs: list[tuple[str, lexicon.GuidelineUnit]]):
        pairs = sorted(pairs, key=lambda x: -len(x[0]))
        self.units = {_label_key(label): unit for label, unit in reversed(pairs)}
        self.regex = re.compile(r"(?i)(?<!\w)" + _trie([_label_tokens(label) for label, _ in pairs]) + r"(?!\w)")

    def unit(self, match: re.Match) -> lexicon.GuidelineUnit:
        return self.units[_label_key(match.group())]


@cache
def _catalogues() -> tuple[_Catalogue, _Catalogue]:
    """(MTUS documents and ACOEM chapters, ODG chapters)."""
    mtus, odg = [], []
    for unit in lexicon.guideline_units():
        if unit.source == "ODG" and unit.chapter is None:
            continue  # the ODG root is found by the ODG pattern
        (odg if unit.source == "ODG" else mtus).extend((p, unit) for p in unit.patterns)
    return _Catalogue(mtus), _Catalogue(odg)


def _label_tokens(label: str) -> list[str]:
    """A catalogue label as regex tokens: flexible spacing between them, '&' for 'and'."""
    tokens = re.findall(r"[a-z0-9]+|[^a-z0-9\s]", label.lower())
    return [r"(?:and|&)" if t in ("and", "&") else re.escape(t) for t in tokens]


def _trie(sequences: list[list[str]]) -> str:
    """One regex for many token sequences, factored by common prefixes: an alternation of hundreds
    of labels is retried at every position, a trie walks each position once."""
    tree: dict = {}
    for seq in sequences:
        node = tree
        for token in seq:
            node = node.setdefault(token, {})
        node[""] = {}  # a label ends here

    def walk(node: dict) -> str:
        alternatives = []
        for token, child in node.items():
            rest = {k: v for k, v in child.items() if k}
            if not token:
                continue
            if not rest:
                alternatives.append(token)
            elif "" in child:  # a label ends here and longer ones go on: prefer the longer
                alternatives.append(token + r"(?:\s*" + walk(rest) + ")?")
            else:
                alternatives.append(token + r"\s*" + walk(rest))
        alternatives.sort(key=len, reverse=True)
        return "(?:" + "|".join(alternatives) + ")"

    return walk(tree)


_SPACES = re.compile(r"\s+")


def _label_key(text: str) -> str:
    return _SPACES.sub("", text.lower()).replace("&", "and")


def parse_citations(text: str, base: int) -> tuple[list[Citation], list[Literature]]:
    """Citations and literature of one guideline paragraph (text is the raw slice at offset base).

    Letters repeat the same guideline lines (every item of a letter, thousands of letters): the
    result for a paragraph is cached and only its offsets are moved.
    """
    citations, literature = _parse_at_zero(text)
    return ([replace(c, pages=list(c.pages), span=(c.span[0] + base, c.span[1] + base)) for c in citations],
            [replace(x, span=(x.span[0] + base, x.span[1] + base)) for x in literature])


@lru_cache(maxsize=8192)
def _parse_at_zero(text: str) -> tuple[tuple[Citation, ...], tuple[Literature, ...]]:
    citations, literature = _parse(text, 0)
    return tuple(citations), tuple(literature)


def _blank_no_mtus(text: str) -> str:
    """'The Claims Administrator did not base their decision on the MTUS.' cites nothing: blank the
    sentence (found from its verb, then back to the sentence start: no quadratic scan)."""
    for m in NO_MTUS.finditer(text):
        start = text.rfind(".", 0, m.start()) + 1
        text = text[:start] + " " * (m.end() - start) + text[m.end():]
    return text


def _parse(text: str, base: int) -> tuple[list[Citation], list[Literature]]:
    cleaned = _blank_no_mtus(text)
    citations: list[Citation] = []
    literature: list[Literature] = []
    raw = [0] + [m.start() for m in CLAUSE.finditer(cleaned)] + [len(cleaned)]
    cuts = [a for a, b in zip(raw, raw[1:]) if a == 0 or _anchors(cleaned[a:b], False) or NON_MTUS.search(cleaned[a:b])]
    for a, b in zip(cuts, cuts[1:] + [len(cleaned)]):  # a sentence with no guideline of its own continues the last
        clause = cleaned[a:b]
        if not clause.strip():
            continue
        for m in LITERATURE.finditer(clause):
            if m.group("author") not in NOT_AUTHORS and m.group("author").lower() not in MONTHS:
                literature.append(Literature(m.group("author"), int(m.group("year")),
                                             (base + a + m.start(), base + a + m.end())))
        citations += [replace(c, span=(c.span[0] + base + a, c.span[1] + base + a)) for c in _clause_citations(clause)]
    return _merge(citations), literature


@lru_cache(maxsize=8192)
def _clause_citations(clause: str) -> tuple[Citation, ...]:
    """The citations of one clause, offsets relative to it (clauses repeat across letters: cached)."""
    non_mtus = bool(NON_MTUS.search(clause))
    anchors = _anchors(clause, non_mtus)
    out = []
    for i, anchor in enumerate(anchors):
        seg_end = anchors[i + 1].start if i + 1 < len(anchors) else len(clause)
        segment = clause[anchor.end:seg_end]
        chapter = anchor.chapter
        if anchor.source == "ODG" and chapter is None:
            chapter, segment = _odg_chapter(segment)
        edition = None
        m = EDITION.search(segment)
        if m and anchor.source in ("ODG", "MTUS"):
            edition = _edition(m)
        # ODG segments lose their chapter words above, so their offsets are not the clause's: never split them.
        pieces = _topic_pieces(segment) if anchor.source != "ODG" else [(0, len(segment))]
        for piece_start, piece_end in pieces:
            piece = segment[piece_start:piece_end]
            pages: list[int] = []
            for pm in PAGES.finditer(piece):
                pages += [p for p in expand_pages(pm.group("list")) if p not in pages]
            topic = _topic(piece)
            if topic is None and anchor.label and anchor.document == "acoem":
                topic = anchor.label
            start = anchor.start if piece_start == 0 else anchor.end + piece_start
            end = anchor.end + piece_end if piece_end < len(segment) else seg_end
            while end > start and clause[end - 1].isspace():
                end -= 1
            out.append(Citation(anchor.source, anchor.document, chapter, topic, pages, edition, (start, end)))
    if not anchors and non_mtus and clause.strip():
        topic = _topic(NON_MTUS.sub(" ", clause))
        if topic:
            out.append(Citation("other", None, None, topic, [], None, (0, len(clause.rstrip()))))
    return tuple(out)


def _topic_pieces(segment: str) -> list[tuple[int, int]]:
    """A segment with two page lists ('Topical analgesics Page(s): 111-113; Salicylate topicals Page(s): 105')
    cites two topics: each piece ends with its page list; text after the last list stays with it."""
    ends = [m.end() for m in PAGES.finditer(segment)]
    if len(ends) < 2:
        return [(0, len(segment))]
    pieces, start = [], 0
    for end in ends[:-1]:
        if not re.search(r"[A-Za-z]{3,}", PAGES.sub(" ", segment[end:ends[ends.index(end) + 1]])):
            continue  # 'page 24, page 66': one topic with two lists
        pieces.append((start, end))
        start = end
    pieces.append((start, len(segment)))
    return pieces


@lru_cache(maxsize=8192)
def _anchors(clause: str, non_mtus: bool) -> tuple[_Anchor, ...]:
    mtus, _ = _catalogues()
    found: list[_Anchor] = []
    taken: list[tuple[int, int]] = []

    def free(s, e):
        return all(e <= ts or s >= te for ts, te in taken)

    for m in ODG.finditer(clause):
        if free(*m.span()):
            found.append(_Anchor(m.start(), m.end(), "ODG", "odg", None))
            taken.append(m.span())
    if not non_mtus or found:
        acoem_context = bool(ACOEM.search(clause))
        for m in mtus.regex.finditer(clause):
            unit = mtus.unit(m)
            if free(*m.span()) and not _inside_odg_segment(found, m.start(), clause):
                if unit.document == "acoem" and unit.chapter and not acoem_context:
                    continue  # a bare "Low Back Complaints" outside an ACOEM citation
                found.append(_Anchor(m.start(), m.end(), "MTUS", unit.document, unit.chapter, unit.label))
                taken.append(m.span())
        if acoem_context:
            for m in CHAPTER_NO.finditer(clause):
                if free(*m.span()) and not _inside_odg_segment(found, m.start(), clause):
                    found.append(_Anchor(m.start(), m.end(), "MTUS", "acoem", m.group("n"), _acoem_title(m.group("n"))))
                    taken.append(m.span())
    found.sort(key=lambda a: a.start)
    return tuple(_fold_acoem(found, clause))


def _inside_odg_segment(anchors: list[_Anchor], pos: int, clause: str) -> bool:
    """Text after an ODG mention (up to the next clause) belongs to ODG, not to MTUS."""
    return any(a.source == "ODG" and a.start < pos for a in anchors)


ACOEM_FILLER = re.compile(r"(?i)practice|guidelines?|edition|\d+(?:st|nd|rd|th)?|chapter|ch\b|the|of|[^a-z]")


def _fold_acoem(anchors: list[_Anchor], clause: str) -> list[_Anchor]:
    """'ACOEM ... Chapter 12 Low Back Complaints' is one anchor: the chapter."""
    out: list[_Anchor] = []
    for a in anchors:
        prev = out[-1] if out else None
        if (prev and prev.document == a.document == "acoem"
                and (prev.chapter is None or a.chapter is None or prev.chapter == a.chapter)
                and not ACOEM_FILLER.sub("", clause[prev.end:a.start]).strip()):
            out[-1] = _Anchor(prev.start, a.end, "MTUS", "acoem", prev.chapter or a.chapter, prev.label or a.label)
        else:
            out.append(a)
    return out


@cache
def _acoem_titles() -> dict[str, str]:
    return {u.chapter: u.label for u in lexicon.guideline_units() if u.document == "acoem" and u.chapter}


def _acoem_title(number: str) -> str | None:
    return _acoem_titles().get(number)


def _odg_chapter(segment: str) -> tuple[str | None, str]:
    """An ODG chapter named right after the ODG mention, or anywhere as '<name> Chapter'."""
    _, odg = _catalogues()
    head = re.match(r"[\s:,\-–(]*(?:chapter\s*:?\s*)?", segment, re.I).end()
    m = odg.regex.match(segment, head)
    if m:
        return odg.unit(m).chapter, segment[:m.start()] + " " + segment[m.end():]
    for m in odg.regex.finditer(segment):
        after = segment[m.end():]
        # '<name> Chapter' or '(<name>)'; not the '(for pain)' of a topic
        if re.match(r"\s*chapter\b", after, re.I) or (re.match(r"\s*\)", after)
                                                         and segment[:m.start()].rstrip().endswith("(")):
            return odg.unit(m).chapter, segment[:m.start()] + " " + segment[m.end():]
    return None, segment


def _edition(m: re.Match) -> str:
    g = m.groupdict()
    if g["mon"]:
        return f"{g['y']}-{MONTHS[g['mon'].lower()]:02d}"
    if g["m2"]:
        return f"{g['y2']}-{int(g['m2']):02d}"
    if g["m3"]:
        return f"{g['y3']}-{int(g['m3']):02d}"
    return g["y4"] or g["y5"]


def _topic(segment: str) -> str | None:
    """What a segment says besides pages, editions, literature and boilerplate."""
    s = PAGES.sub(" ", segment)
    s = PAGES_EMPTY.sub(" ", s)
    s = EDITION.sub(" ", s)
    s = LITERATURE.sub(lambda m: " " if m.group("author") not in NOT_AUTHORS else m.group(), s)
    s = re.sub(r"(?i)\bchapter\b|\(\s*odg\s*\)|\b(?:decision|also)\s+based\s+on\b|\bcitation\b|\bwhich\s+is\s+(?:not\s+)?(?:a\s+)?part\s+of\s+the\s+mtus\b|"
               r"\bnon-?mtus\s+citation\b|\bmtus\b|\btopic\s*:", " ", s)
    pieces = []
    for piece in re.split(r"[,;]|\s\.\s|\.\s|\.$|\balso\s+see\b", s, flags=re.I):
        piece = _balanced(" ".join(piece.split()).strip(" :-–"))
        if piece and not TOPIC_NOISE.match(piece) and re.search(r"[A-Za-z]{3,}", piece):
            piece = re.sub(r"(?i)^(?:medical\s+treatment\s+guidelines?|treatment\s+guidelines?)\s+", "", piece)
            pieces.append(piece)
    return "; ".join(pieces) or None


def _balanced(piece: str) -> str:
    """Drop brackets the split left unpaired: '(FRPs)' keeps its pair, '(for pain' loses its '('."""
    while piece.startswith("(") and ")" not in piece or piece.endswith(")") and "(" not in piece:
        piece = piece[1:] if piece.startswith("(") and ")" not in piece else piece[:-1]
        piece = piece.strip(" :-–")
    return piece


def _merge(citations: list[Citation]) -> list[Citation]:
    """One citation per guideline unit and pages: topics joined, first span kept."""
    out: dict[tuple, Citation] = {}
    for c in citations:
        key = (c.source, c.document, c.chapter, tuple(c.pages))
        if key in out:
            kept = out[key]
            topics = [t for t in (kept.topic, c.topic) if t]
            kept.topic = "; ".join(dict.fromkeys("; ".join(topics).split("; "))) or None
            kept.edition = kept.edition or c.edition
            kept.span = (min(kept.span[0], c.span[0]), max(kept.span[1], c.span[1]))
        else:
            out[key] = c
    return list(out.values())


def span_text(text: str, span: Span) -> str:
    return text[span[0]:span[1]]
