"""Body parts with their side, as the history and the requests name them ('left knee', 'bilateral shoulders')."""

from __future__ import annotations

import re

from spacy.tokens import Span

from ..models import Mention
from .context import LetterContext

LATERALITY = re.compile(r"(?i)(?:\b(?P<side>left|right|bilateral|both)\s+(?:(?:upper|lower)\s+)?$)")
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


def lateral(ctx: LetterContext, span: Span) -> Mention[str]:
    """The canonical body part with its side ('left knee'), from where the side is written."""
    m = LATERALITY.search(ctx.text[max(0, span.start_char - 25):span.start_char])
    if m and span.label_ not in SPINAL_REGIONS:  # 'bilateral lumbar facets': the spine has one lumbar region
        side = "bilateral" if m.group("side").lower() in ("bilateral", "both") else m.group("side").lower()
        start = span.start_char - (len(m.group()) - m.start("side") + m.start())
        return Mention(f"{side} {number_for_side(span.label_, side)}", ctx.original(start, span.end_char))
    return Mention(span.label_, ctx.span_original(span))
