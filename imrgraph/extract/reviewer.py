"""`imr_reviewer`: the expert reviewer's specialties, board certification and licensure."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from .. import lexicon
from ..models import Mention, Reviewer
from .context import LetterContext, inside

# Patterns in lower case are searched in the view's lower-cased text.
BOARD = re.compile(r"\bboard[\s-]+certified\b")
SPECIALTY_CUE = re.compile(
    r"(?i)(?:board[\s-]+certified\s+(?:in|by\s+the\s+american\s+board\s+of)|subspecialty\s+in|specialty\s*:|"
    r"specialt(?:y|ies)\s*:|certification\(s\)\s*/\s*specialty\s*:|licensed\s+in|specializ(?:es|ing)\s+in|"
    r"certified\s+in|practice\s+of)\s*"
)
LICENSE = re.compile(r"(?:licensed\s+to\s+practice\s+(?:medicine\s+)?in|state\(s\)\s+of\s+licensure\s*:"
                     r"|licensed\s+in(?:\s+the\s+states?\s+of)?|licensure\s*:|licen[sc]es?\s+(?:to\s+practice\s+)?in"
                     r"|licensed\s+(?:physician|psychologist|chiropractor)\s+in)(?P<where>[^.:]*?)(?=\.|\b[a-z()/]+\s*:|$)")


@Language.component("imr_reviewer")
def extract_reviewer(doc: Doc) -> Doc:
    ctx: LetterContext = doc._.letter
    region = ctx.sections.get("qualifications")
    text = ctx.text
    specialties: list[Mention] = []
    board = None
    licensed: list[Mention] = []
    if region:
        seen = set()
        for span in ctx.group("specialty"):
            if inside(span, region) and span.label_ not in seen:
                seen.add(span.label_)
                specialties.append(Mention(span.label_, ctx.span_original(span)))
        if not specialties:
            specialties = _unknown_specialties(ctx, region)
        low = ctx.lower
        board = True if BOARD.search(low, *region) else None
        for m in LICENSE.finditer(low, *region):
            for code, (start, end) in _states_in(text[m.start("where"):m.end("where")], m.start("where")):
                if code not in {x.value for x in licensed}:
                    licensed.append(Mention(code, ctx.original(start, end)))
    ctx.reviewer = Reviewer(specialties, board, licensed)
    return doc


def _states_in(where: str, offset: int) -> list[tuple[str, tuple[int, int]]]:
    """US states named in a licensure phrase: full names (longest first) or upper-case USPS codes."""
    states = lexicon.us_states()
    words = list(re.finditer(r"[A-Za-z]+", where))
    found, i = [], 0
    while i < len(words):
        for n in (3, 2, 1):
            chunk = words[i:i + n]
            name = " ".join(w.group().lower() for w in chunk)
            if len(chunk) == n and (len(name) > 2 and name in states
                                    or n == 1 and chunk[0].group().isupper() and name in states):
                found.append((states[name].upper(), (offset + chunk[0].start(), offset + chunk[-1].end())))
                i += n
                break
        else:
            i += 1
    return found


def _unknown_specialties(ctx: LetterContext, region: tuple[int, int]) -> list[Mention]:
    """A specialty the lexicon lacks, from 'Board Certified in X and ...' wording."""
    text = ctx.text
    out = []
    for m in SPECIALTY_CUE.finditer(text, *region):
        rest = re.match(r"([A-Z][A-Za-z&/ \-]{2,60}?)(?=\s*(?:,|\.|\band\b|\bwith\b|\bhas\b|\bis\b|\n|$))", text[m.end():region[1]])
        if rest and not lexicon.us_states().get(rest.group(1).lower()):
            value = " ".join(w if w.isupper() else w.capitalize() for w in rest.group(1).split())
            out.append(Mention(value, ctx.original(m.end(), m.end() + len(rest.group(1)))))
    return out
