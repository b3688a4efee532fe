"""Guideline citations and literature in a 'guideline' paragraph of a letter.

A paragraph is cut into clauses ("Decision based on ...", sentences of the 2013 notice), each
clause into segments that start at a guideline anchor (an MTUS document, an ACOEM chapter, an
ODG mention); pages, editions and literature belong to the segment they stand in, and what is
left of the segment is its topic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from .. import vocab
from ..models import Citation, Literature, Span
from ..text import MONTHS, CollapsedText, expand_pages, lowered

# Patterns in lower case are matched in the lower-cased text (text.lowered), where re can skip ahead
# to a literal start and skip alternatives on their first letter; LITERATURE needs the capitals.
NO_MTUS = re.compile(r"did\s+not\s+(?:base|rely)\s+(?:its|their|his|her|the)?\s*(?:decision|determination)?\s*"
                     r"(?:on|upon)\s+the\s+(?:ca\s+)?mtus[^.]*\.?")
# A clause starts at '(Decision|Also) based on' and after a sentence's end. Found from 'based on' and
# from the punctuation, which re can skip ahead to.
BASED_ON = re.compile(r"based\s+on\b")
BASED_ON_LEAD = re.compile(r"\b(?:decision|also)\s+\Z")
SENTENCE_END = re.compile(r"[.;](\s+)(?=[a-z])")
PAGES = re.compile(
    r"\bp(?:age\s*\(s\)|ages?|gs?\.?|p?\.)\s*:?\s*(?P<list>\d{1,4}(?:\s*(?:-|–|to|,|and|&)\s*\d{1,4})*)"
)
PAGES_EMPTY = re.compile(r"\bpage\s*\(?s?\)?[.:]*\s*(?=$|[.;])|\bpage\s*\(s\.?")
EDITION = re.compile(
    r"(?:\b(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?,?\s+(?P<y>(?:19|20)\d\d)"
    r"(?:\s+(?:update|updated|edition|revision))?"
    r"|\b(?:updated?|edition|revised)\s*:?\s*(?P<m2>\d{1,2})\s*/\s*(?:\d{1,2}\s*/\s*)?(?P<y2>(?:19|20)\d\d)"
    r"|\b(?P<m3>\d{1,2})\s*/\s*(?P<y3>(?:19|20)\d\d)\s+(?:update|edition)"
    r"|\b(?P<y4>(?:19|20)\d\d)\s+(?:update|edition|web\s+edition)"
    r"|\((?P<y5>(?:19|20)\d\d)\))"
)
LITERATURE = re.compile(r"\b(?P<author>[A-Z][A-Za-z'\-]+)(?:\s+(?:et\s+al\.?|and\s+[A-Z][A-Za-z'\-]+))?,?\s+"
                        r"(?P<year>(?:19|20)\d\d)\b")
# Every edition and literature reference has a year: where there is none, neither pattern is tried.
YEAR = re.compile(r"(?:19|20)\d\d")
NOT_AUTHORS = frozenset({"Guidelines", "Guideline", "Update", "Updated", "Edition", "ODG", "MTUS", "ACOEM", "Chapter",
                         "Page", "Pages", "Treatment", "Citation", "Section", "Revised", "California", "Web",
                         "Disability", "Pain", "Stress", "Complaints", "Official", "Medicine", "Practice", "The"})
ODG = re.compile(r"\b(?:official\s+disability\s+guidelines?(?:\s*\(\s*odg\s*\))?|odg\b)")
ACOEM = re.compile(r"\b(?:acoem|american\s+college\s+of\s+occupational\s+and\s+environmental\s+medicine)\b")
CHAPTER_NO = re.compile(r"\bch(?:apter|\.)?\s*(?P<n>\d{1,2})\b")
NON_MTUS = re.compile(r"non-?\s*mtus|not\s+(?:a\s+)?part\s+of\s+the\s+mtus")
# What a topic is not: words of a citation's frame, blanked before the topic is read.
TOPIC_FRAME = re.compile(r"\(\s*odg\s*\)|\b(?:chapter\b|(?:decision|also)\s+based\s+on\b|citation\b|"
                         r"which\s+is\s+(?:not\s+)?(?:a\s+)?part\s+of\s+the\s+mtus\b|non-?mtus\s+citation\b|"
                         r"mtus\b|topic\s*:)")
TOPIC_SPLIT = re.compile(r"(?i)[,;]|\s\.\s|\.\s|\.$|\balso\s+see\b")
TOPIC_PREFIX = re.compile(r"(?i)^(?:medical\s+treatment\s+guidelines?|treatment\s+guidelines?)\s+")
WORDY = re.compile(r"[A-Za-z]{3,}")
ODG_CHAPTER_HEAD = re.compile(r"[\s:,\-–(]*(?:chapter\s*:?\s*)?")
ODG_CHAPTER_AFTER = re.compile(r"\s*chapter\b")
CLOSING_BRACKET = re.compile(r"\s*\)")
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

    def __init__(self, pairs: list[tuple[str, vocab.GuidelineUnit]]):
        pairs = sorted(pairs, key=lambda x: -len(x[0]))
        self.units = {_label_key(label): unit for label, unit in reversed(pairs)}
        # in lower case (the labels' tokens are), for lower-cased text
        self.regex = re.compile(r"(?<!\w)" + _trie([_label_tokens(label) for label, _ in pairs]) + r"(?!\w)")

    def unit(self, match: re.Match) -> vocab.GuidelineUnit:
        return self.units[_label_key(match.group())]


@cache
def _catalogues() -> tuple[_Catalogue, _Catalogue]:
    """(MTUS documents and ACOEM chapters, ODG chapters)."""
    mtus, odg = [], []
    for unit in vocab.guideline_units():
        if unit.source == "ODG" and unit.chapter is None:
            continue  # the ODG root is found by the ODG pattern
        (odg if unit.source == "ODG" else mtus).extend((p, unit) for p in unit.patterns)
    return _Catalogue(mtus), _Catalogue(odg)


def compile_catalogues() -> None:
    """Build the catalogue regexes now (a pipeline's start-up) rather than on the first letter (0.15 s)."""
    _catalogues()


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

    Letters repeat the same guideline lines (every item of a letter, thousands of letters), wrapped
    at different places: the paragraph is parsed with its whitespace collapsed, the result cached,
    and only its offsets are moved back onto the text as read.
    """
    flat = CollapsedText(text)
    citations, literature = _parse_at_zero(flat.text)

    def at(span: Span) -> Span:
        return flat.to_original(span[0]) + base, flat.to_original(span[1]) + base

    return ([Citation(c.source, c.document, c.chapter, c.topic, list(c.pages), c.edition, at(c.span))
             for c in citations],
            [Literature(x.author, x.year, at(x.span)) for x in literature])


@lru_cache(maxsize=8192)
def _parse_at_zero(text: str) -> tuple[tuple[Citation, ...], tuple[Literature, ...]]:
    citations, literature = _parse(text, 0)
    return tuple(citations), tuple(literature)


def _blank_no_mtus(text: str) -> str:
    """'The Claims Administrator did not base their decision on the MTUS.' cites nothing: blank the
    sentence (found from its verb, then back to the sentence start: no quadratic scan)."""
    for m in NO_MTUS.finditer(lowered(text)):
        start = text.rfind(".", 0, m.start()) + 1
        text = text[:start] + " " * (m.end() - start) + text[m.end():]
    return text


def _parse(text: str, base: int) -> tuple[list[Citation], list[Literature]]:
    cleaned = _blank_no_mtus(text)
    low = lowered(cleaned)
    citations: list[Citation] = []
    literature: list[Literature] = []
    raw = [0] + _clause_starts(low) + [len(cleaned)]
    cuts = [a for a, b in zip(raw, raw[1:]) if a == 0 or _anchors(cleaned[a:b], False) or NON_MTUS.search(low, a, b)]
    for a, b in zip(cuts, cuts[1:] + [len(cleaned)]):  # a sentence with no guideline of its own continues the last
        clause = cleaned[a:b]
        if not clause.strip():
            continue
        for m in LITERATURE.finditer(clause) if YEAR.search(clause) else ():
            if m.group("author") not in NOT_AUTHORS and m.group("author").lower() not in MONTHS:
                literature.append(Literature(m.group("author"), int(m.group("year")),
                                             (base + a + m.start(), base + a + m.end())))
        citations += [Citation(c.source, c.document, c.chapter, c.topic, c.pages, c.edition,
                               (c.span[0] + base + a, c.span[1] + base + a)) for c in _clause_citations(clause)]
    return _merge(citations), literature


@lru_cache(maxsize=8192)
def _clause_citations(clause: str) -> tuple[Citation, ...]:
    """The citations of one clause, offsets relative to it (clauses repeat across letters: cached)."""
    non_mtus = bool(NON_MTUS.search(lowered(clause)))
    anchors = _anchors(clause, non_mtus)
    out = []
    for i, anchor in enumerate(anchors):
        seg_end = anchors[i + 1].start if i + 1 < len(anchors) else len(clause)
        segment = clause[anchor.end:seg_end]
        chapter = anchor.chapter
        if anchor.source == "ODG" and chapter is None:
            chapter, segment = _odg_chapter(segment)
        edition = None
        m = EDITION.search(lowered(segment)) if YEAR.search(segment) else None
        if m and anchor.source in ("ODG", "MTUS"):
            edition = _edition(m)
        # ODG segments lose their chapter words above, so their offsets are not the clause's: never split them.
        pieces = _topic_pieces(segment) if anchor.source != "ODG" else [(0, len(segment))]
        for piece_start, piece_end in pieces:
            piece = segment[piece_start:piece_end]
            pages: list[int] = []
            for pm in PAGES.finditer(lowered(piece)):
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
        topic = _topic(_blank(NON_MTUS, clause))
        if topic:
            out.append(Citation("other", None, None, topic, [], None, (0, len(clause.rstrip()))))
    return tuple(out)


def _topic_pieces(segment: str) -> list[tuple[int, int]]:
    """A segment with two page lists ('Topical analgesics Page(s): 111-113; Salicylate topicals Page(s): 105')
    cites two topics: each piece ends with its page list; text after the last list stays with it."""
    low = lowered(segment)
    ends = [m.end() for m in PAGES.finditer(low)]
    if len(ends) < 2:
        return [(0, len(segment))]
    pieces, start = [], 0
    for end in ends[:-1]:
        if not WORDY.search(PAGES.sub(" ", low[end:ends[ends.index(end) + 1]])):
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
        for ts, te in taken:
            if s < te and ts < e:
                return False
        return True

    low = lowered(clause)
    for m in ODG.finditer(low):
        if free(*m.span()):
            found.append(_Anchor(m.start(), m.end(), "ODG", "odg", None))
            taken.append(m.span())
    if not non_mtus or found:
        acoem_context = bool(ACOEM.search(low))
        for m in mtus.regex.finditer(low):
            unit = mtus.unit(m)
            if free(*m.span()) and not _inside_odg_segment(found, m.start(), clause):
                if unit.document == "acoem" and unit.chapter and not acoem_context:
                    continue  # a bare "Low Back Complaints" outside an ACOEM citation
                found.append(_Anchor(m.start(), m.end(), "MTUS", unit.document, unit.chapter, unit.label))
                taken.append(m.span())
        if acoem_context:
            for m in CHAPTER_NO.finditer(low):
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
    return {u.chapter: u.label for u in vocab.guideline_units() if u.document == "acoem" and u.chapter}


def _acoem_title(number: str) -> str | None:
    return _acoem_titles().get(number)


def _odg_chapter(segment: str) -> tuple[str | None, str]:
    """An ODG chapter named right after the ODG mention, or anywhere as '<name> Chapter'."""
    _, odg = _catalogues()
    low = lowered(segment)
    head = ODG_CHAPTER_HEAD.match(low).end()
    m = odg.regex.match(low, head)
    if m:
        return odg.unit(m).chapter, segment[:m.start()] + " " + segment[m.end():]
    for m in odg.regex.finditer(low):
        # '<name> Chapter' or '(<name>)'; not the '(for pain)' of a topic
        if ODG_CHAPTER_AFTER.match(low, m.end()) or (CLOSING_BRACKET.match(low, m.end())
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
    s = _blank(PAGES, segment)
    s = _blank(PAGES_EMPTY, s)
    if YEAR.search(s):
        s = _blank(EDITION, s)
        s = LITERATURE.sub(lambda m: " " if m.group("author") not in NOT_AUTHORS else m.group(), s)
    s = _blank(TOPIC_FRAME, s)
    pieces = []
    for piece in TOPIC_SPLIT.split(s):
        piece = _balanced(" ".join(piece.split()).strip(" :-–"))
        if piece and not TOPIC_NOISE.match(piece) and WORDY.search(piece):
            piece = TOPIC_PREFIX.sub("", piece)
            pieces.append(piece)
    return "; ".join(pieces) or None


def _clause_starts(low: str) -> list[int]:
    starts = [m.start(1) for m in SENTENCE_END.finditer(low)]
    for m in BASED_ON.finditer(low):
        lead = BASED_ON_LEAD.search(low, max(0, m.start() - 40), m.start())
        if lead:
            starts.append(lead.start())
    return sorted(starts)


def _blank(pattern: re.Pattern, text: str) -> str:
    """pattern.sub(" ", text) for a pattern in lower case: matched in the lower-cased text."""
    pieces, pos = [], 0
    for m in pattern.finditer(lowered(text)):
        pieces += [text[pos:m.start()], " "]
        pos = m.end()
    return "".join(pieces) + text[pos:] if pieces else text


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
