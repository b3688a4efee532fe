"""Body parts with their side, as the history and the requests name them ('left knee', 'bilateral shoulders')."""

from __future__ import annotations

import re

from spacy.tokens import Span

from ..models import Mention
from .context import LetterContext

# A side written before a request's body part, with up to two words between that are no list break:
# 'Left total knee', 'right trigger thumb', 'bilateral upper extremity'.
SIDE_BEFORE = re.compile(r"(?i)\b(?P<side>left|right|bilateral|both)(?:[\s-]+(?!and\b|or\b|to\b|of\b|for\b)[a-z]+){0,2}?"
                         r"[\s-]+$")
# A side written after the part only as an adverb or in parentheses: 'knees bilaterally', 'shoulder (left)'.
SIDE_AFTER = re.compile(r"(?i)\s*(?:,\s*)?(?:(?P<adverb>bilaterally)\b|\(\s*(?P<side>left|right|bilateral)\s*\))")
# Regions of the spine are named by themselves: a side written before one belongs to what follows it.
SPINAL_REGIONS = frozenset({"cervical", "thoracic", "lumbar", "lumbosacral", "thoracolumbar", "cervicothoracic",
                            "sacral"})
IRREGULAR_PLURALS = {"foot": "feet", "extremity": "extremities", "tooth": "teeth"}
SINGULARS = {v: k for k, v in IRREGULAR_PLURALS.items()}


def number_for_side(part: str, side: str) -> str:
    """'bilateral shoulders', 'left lower extremity': both sides take the plural, one side the singular."""
    *head, last = part.split()
    singular = SINGULARS.get(last, last)
    if side != "bilateral":
        return " ".join([*head, singular])
    plural = IRREGULAR_PLURALS.get(singular) or (singular if singular.endswith("s") else singular + "s")
    return " ".join([*head, plural])


def request_regions(ctx: LetterContext, span: Span) -> list[Mention[str]]:
    """The body regions a request's body part names: a spinal region whole, never sided; a side reaching over
    up to two words ('Left total knee'); both sides as the right and the left part ('bilateral wrists' ->
    'right wrist', 'left wrist')."""
    if span.label_ in SPINAL_REGIONS:  # 'bilateral lumbar facets': the spine has one lumbar region
        return [Mention(span.label_, ctx.span_original(span))]
    side, start = None, span.start_char
    before = SIDE_BEFORE.search(ctx.text, max(0, span.start_char - 30), span.start_char)
    if before:
        side, start = before.group("side").lower(), before.start()
    else:
        after = SIDE_AFTER.match(ctx.text, span.end_char)
        if after:
            side = "bilateral" if after.group("adverb") else after.group("side").lower()
    if side is None:
        return [Mention(span.label_, ctx.span_original(span))]
    where = ctx.original(start, span.end_char)
    sides = ("right", "left") if side in ("bilateral", "both") else (side,)
    return [Mention(f"{s} {number_for_side(span.label_, s)}", where) for s in sides]
