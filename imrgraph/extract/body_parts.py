"""Body parts with their side, as the history and the requests name them ('left knee', 'bilateral shoulders')."""

from __future__ import annotations

import re

from spacy.tokens import Span

from ..models import Mention
from .context import LetterContext

SIDES = {"left": "left", "lt": "left", "l": "left", "right": "right", "rt": "right", "r": "right",
         "bilateral": "bilateral", "both": "bilateral", "bilaterally": "bilateral", "b/l": "bilateral",
         "bilat": "bilateral", "r and l": "bilateral", "l and r": "bilateral", "r/l": "bilateral", "l/r": "bilateral",
         "right and left": "bilateral", "left and right": "bilateral"}
# A side written before a request's body part, with up to two words between that are no list break:
# 'Left total knee', 'right trigger thumb', 'bilateral upper extremity', 'right and left knees', 'Rt. wrist'.
_SIDE_WORD = r"(?P<side>left|right|bilateral|both|lt|rt)"
SIDE_BEFORE = re.compile(r"(?i)\b(?:(?P<both>right\s+and\s+left|left\s+and\s+right)|" + _SIDE_WORD
                         + r"\b\.?)(?:[\s/-]+(?!and\b|or\b|to\b|of\b|for\b)[a-z]+){0,2}?[\s/-]+$")
# 'R shoulder', 'L knee': a capital letter alone, right before the part.
LETTER_SIDE = re.compile(r"\b(?P<side>[RL])\.?\s+$")
# A side written after the part as an adverb, in parentheses or as a comma- or dash-set word ending a phrase:
# 'knees bilaterally', 'shoulder (left)', 'Hinged knee brace (R)', 'Knee brace, left, hinged', 'knee brace - right'.
# (set off, every side word of SIDES but 'both' and the adverb, a letter alone as a capital: 'hinged knee brace, R';
# a space as any run of them)
_SET_SIDES = "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in sorted(SIDES, key=len, reverse=True)
                      if word not in ("l", "r", "both", "bilaterally"))
SIDE_AFTER = re.compile(r"(?i)\s*(?:,\s*)?(?:(?P<adverb>bilaterally)\b|(?:\s*[a-z]+){0,2}?\s*\(\s*(?P<side>left|right|"
                        r"bilateral|lt|rt|b/l|(?-i:[RL]))\.?\s*\))"
                        # (also past a note set off by commas: 'foot orthotics, 1 pair, B/L')
                        r"|(?:\s+[a-z]+){0,2}?(?:\s*,\s*[a-z0-9]+(?:\s+[a-z]+)?)?\s*(?:,|\s[-–—])\s*(?P<set>" + _SET_SIDES
                        + r"|(?-i:[RL])\.?)\s*(?=[,;:()]|$)")
# ... or at the request's opening ('Left ulnar nerve transposition at the elbow')
OPENING_SIDE = re.compile(r"(?i)\s*" + _SIDE_WORD + r"\b\.?\s")
# Between two parts named together ('left wrist and hand', 'right thumb, index and middle fingers'): the second
# shares the first's side.
COORDINATED = re.compile(r"\s*(?:,|and|&|/)\s*(?:and\s+)?(?:the\s+)?")
# A spinal level or nerve root ('L4-5', 'C5-C6', 'S1'), in lower case.
LEVEL = r"[ctls]\d{1,2}(?:\s*-\s*[ctls]?\d{1,2})?"
SPINAL_LEVEL = re.compile(r"\b" + LEVEL + r"\b")
# Regions of the spine are named by themselves: a side written before one belongs to what follows it.
SPINAL_REGIONS = frozenset({"cervical", "thoracic", "lumbar", "lumbosacral", "thoracolumbar", "cervicothoracic",
                            "sacral"})
# Parts the body has one of on each side: written in the plural with no side, a request names both.
PAIRED = frozenset({"knee", "shoulder", "hand", "wrist", "ankle", "foot", "hip", "elbow", "leg", "arm", "forearm",
                    "thigh", "heel", "thumb", "upper extremities", "lower extremities", "eye", "ear",
                    "index finger", "middle finger", "ring finger", "small finger", "little finger", "great toe",
                    "trapezius", "upper trapezius", "rhomboid", "levator scapulae", "scapula", "clavicle", "patella"})
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


def request_regions(ctx: LetterContext, span: Span, heading: tuple[int, int],
                    shared: str | None = None) -> list[Mention[str]]:
    """The body regions a request's body part names: a spinal region whole, never sided; a side reaching over
    up to two words ('Left total knee', 'Right hand/wrist'); both sides as the right and the left part
    ('bilateral wrists', 'the knees' -> 'right knee', 'left knee'). `shared`: the side of the part this one
    is coordinated with ('left wrist and hand')."""
    if span.label_ in SPINAL_REGIONS:  # 'bilateral lumbar facets': the spine has one lumbar region
        return [Mention(span.label_, ctx.span_original(span))]
    side, start = None, span.start_char
    lo = max(heading[0], span.start_char - 30)  # a side is read inside the request only
    before = SIDE_BEFORE.search(ctx.text, lo, span.start_char) or LETTER_SIDE.search(ctx.text, lo, span.start_char)
    if before:
        side, start = ("bilateral" if before.groupdict().get("both") else SIDES[before.group("side").lower()]), before.start()
    else:
        after = SIDE_AFTER.match(ctx.text, span.end_char, heading[1])
        if after:
            side = SIDES[" ".join((after.group("adverb") or after.group("side") or after.group("set")).lower().rstrip(".").split())]
    if side is None and span.label_ in PAIRED:
        # the side the request opens with, for a paired part named later ('Left ulnar nerve anterior transposition at
        # the elbow')
        opening = OPENING_SIDE.match(ctx.text, heading[0], span.start_char)
        side = shared or (SIDES[opening.group("side").lower()] if opening else None)
    if side is None and span.label_ in PAIRED and _plural(ctx.text[span.start_char:span.end_char]):
        side = "bilateral"  # 'x-rays of the knees'
    if side is None:
        return [Mention(span.label_, ctx.span_original(span))]
    where = ctx.original(start, span.end_char)
    sides = ("right", "left") if side == "bilateral" else (side,)
    return [Mention(f"{s} {number_for_side(span.label_, s)}", where) for s in sides]


def _plural(written: str) -> bool:
    last = written.lower().split()[-1] if written.split() else ""
    return last in SINGULARS or (last.endswith("s") and not last.endswith("ss"))


def side_of(parts: list[Mention[str]]) -> str | None:
    """The side the regions of one body part were given: 'right', 'left', 'bilateral' or None."""
    sides = {m.value.split(" ", 1)[0] for m in parts} & {"right", "left"}
    return ("bilateral" if len(sides) == 2 else sides.pop()) if sides else None
