"""`imr_lexicon`: the curated vocabularies matched as phrases; span label = the normalised value."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .. import link, vocab
from .context import LetterContext


@Language.factory("imr_lexicon", default_config={"groups": ["service", "diagnosis", "body_part", "specialty"]})
def make_lexicon_matcher(nlp: Language, name: str, groups: list[str]):
    return LexiconMatcher(nlp, groups)


class LexiconMatcher:
    """PhraseMatcher per vocabulary group, each run only over the regions its fields read."""

    def __init__(self, nlp: Language, groups: list[str]):
        self.nlp = nlp
        self.matchers = {}
        sources = {
            "service": {p: s.id for s in vocab.services().values() for p in s.patterns},
            "diagnosis": _diagnosis_surfaces(),
            "body_part": vocab.body_parts(),
            "specialty": vocab.specialties(),
        }
        for group in groups:
            matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
            by_value: dict[str, list[str]] = {}
            for surface, value in sources[group].items():
                by_value.setdefault(value, []).append(surface)
            for value, surfaces in by_value.items():
                matcher.add(value, list(nlp.tokenizer.pipe(surfaces)))
            self.matchers[group] = matcher

    def __call__(self, doc: Doc) -> Doc:
        ctx: LetterContext = doc._.letter
        for group, matcher in self.matchers.items():
            regions = ctx.regions(group)
            spans = []
            for region in regions:  # each region's tokens only, not the whole letter's
                first, last = ctx.region_tokens(region)
                if last > first:
                    spans += matcher(doc[first:last], as_spans=True)
            if group == "diagnosis":
                spans += _level_diagnoses(doc, ctx, regions)
            ctx.groups[group] = filter_spans(spans)
        return doc

    def services_in(self, text: str) -> list[tuple[int, str]]:
        """(character offset, service id) of the services a piece of text names, in order, each once; the
        longest of overlapping wordings wins, as in a letter."""
        doc = self.nlp.make_doc(text)
        first: dict[str, int] = {}
        for span in filter_spans(self.matchers["service"](doc, as_spans=True)):
            first.setdefault(span.label_, span.start_char)
        return sorted((start, service) for service, start in first.items())


def _diagnosis_surfaces() -> dict[str, str]:
    """Diagnosis wordings, plus each 'X of the <part>' wording with the side written in ('of the left knee')."""
    surfaces = {k: k for k in vocab.diagnosis_synonyms()}
    for k in list(surfaces):
        head, sep, part = k.partition(" of the ")
        if sep and not re.match(r"(?:left|right|bilateral)\b", part):
            for side in ("left", "right", "bilateral"):
                surfaces.setdefault(f"{head} of the {side} {part}", k)
    return surfaces


# A disc diagnosis named by its spinal level: "L5-S1 disc herniation with bilateral S1 radiculopathy",
# "cervical disc disorder at C4-C5 with radiculopathy".
_LEVEL = r"[ctl]\d{1,2}(?:\s*-\s*[ctls]?\d{1,2})?"
_DISC_KIND = r"herniation|protrusion|bulge|extrusion|displacement|disorder|disease|degeneration"
_DISC = r"(?:intervertebral\s+)?dis[ck]\s+(?P<kind>" + _DISC_KIND + ")"
_WITH = r"(?P<with>\s+with\s+(?:(?:bilateral|left|right)\s+)?(?:[cls]\d\s+)?(?P<what>radiculopathy|radiculitis|myelopathy))?"
# In lower case, searched in the view's lower-cased text.
LEVEL_DIAGNOSIS = re.compile(
    r"\b(?:(?P<level>" + _LEVEL + r")|(?P<region>cervical|thoracic|lumbar|lumbosacral))\s+" + _DISC
    + r"(?:\s+at\s+(?:the\s+)?(?P<level2>" + _LEVEL + r"))?" + _WITH
)
DISC_WORD = re.compile(r"dis[ck]\s+(?:" + _DISC_KIND + ")")


def level_region(level: str) -> str:
    """'L5-S1' -> 'lumbosacral', 'C4-5' -> 'cervical', 'T8' -> 'thoracic', 'L4-5' -> 'lumbar'."""
    level = level.upper().replace(" ", "")
    if level.startswith("L") and "S" in level:
        return "lumbosacral"
    return {"C": "cervical", "T": "thoracic", "L": "lumbar"}[level[0]]


def _level_diagnoses(doc: Doc, ctx: LetterContext, regions: list[tuple[int, int]]) -> list[Span]:
    """Spans labelled with a lexicon wording ('lumbosacral disc disorder with radiculopathy') that has a code."""
    low = ctx.lower
    # re skips ahead to 'dis'; most letters have no such diagnosis
    found = [m for region in regions if DISC_WORD.search(low, *region) for m in LEVEL_DIAGNOSIS.finditer(low, *region)]
    out = []
    for m in found:
        region = m.group("region") or level_region(m.group("level") or m.group("level2"))
        kinds = [m.group("kind").lower(), "displacement", "disorder"]
        tail = f" with {m.group('what').lower()}" if m.group("with") else ""
        key = next((k for k in (f"{region.lower()} disc {kind}{tail}" for kind in kinds) if link.icd10cm(k)), None)
        span = doc.char_span(m.start(), m.end(), label=key, alignment_mode="expand") if key else None
        if span is not None:
            out.append(span)
    return out
