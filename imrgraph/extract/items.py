"""`imr_items`: each disputed item's services, drug, amounts, regions, decision and guideline citations."""

from __future__ import annotations

import difflib
import re
from dataclasses import replace
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import lexicon
from ..models import DisputedTreatment, ItemBlock, ItemMedication, Mention
from ..text import collapse
from .body_parts import lateral
from .citations import compile_catalogues, parse_citations
from .context import LetterContext, inside
from .quantities import guideline_limits, parse_request, strength_and_form

SPINAL_LEVEL = re.compile(r"(?i)\b(?P<r>[CTL])\s*\d(?:\s*-\s*[CTLS]?\s*\d)?\b")
LEVEL_REGION = {"c": "cervical", "t": "thoracic", "l": "lumbar"}
SERVICE_UNIT = {"medication": None, "home-health": "hour", "functional-restoration-program": "hour"}
# What one unit of a service is when the request gives a bare count ('x 4'), by DWC category.
CATEGORY_UNIT = {"injections": "injection", "evaluation-management": "visit"}
# 2013 notices: "The Expert Reviewer found that the guideline(s) used by the Claims Administrator were relevant".
ADOPTS_CLAIMS_GUIDELINES = re.compile(
    r"(?i)guideline\s*\(?s?\)?\s+used\s+by\s+the\s+claims\s+administrator\s+(?:were|was|are|is)\s+"
    r"(?:relevant|appropriate|applicable)"
)
# 'PT' in capitals is physical therapy in a request ('PT 2x4 lumbar'); lower-case 'pt' is often 'patient'.
PT_ABBREVIATION = re.compile(r"\bPT\b")


def default_unit(service: str) -> str:
    if service in SERVICE_UNIT:
        return SERVICE_UNIT[service]
    concept = lexicon.services().get(service)
    return CATEGORY_UNIT.get(concept.category, "session") if concept else "session"


@Language.factory("imr_items", default_config={"typo_cutoff": 0.84})
def make_items(nlp: Language, name: str, typo_cutoff: float):
    return ItemExtractor(nlp, typo_cutoff)


class ItemExtractor:
    def __init__(self, nlp: Language, typo_cutoff: float):
        self.nlp = nlp
        self.typo_cutoff = typo_cutoff
        self.service_words = sorted({w for s in lexicon.services().values() for p in s.patterns
                                     for w in re.findall(r"[a-z]{5,}", p)})
        self.known_words = frozenset(self.service_words)
        # headings repeat their words: a word's correction is looked for once (difflib takes ~1 ms)
        self._closest_service_word = lru_cache(maxsize=65536)(self._closest)
        compile_catalogues()

    def __call__(self, doc: Doc) -> Doc:
        ctx: LetterContext = doc._.letter
        for block, heading in zip(ctx.letter.items, ctx.headings):
            try:
                ctx.items.append(self.item(doc, ctx, block, heading))
            except Exception as exc:  # one unreadable item must not cost the letter its other items
                ctx.problems.append(f"item {ctx.text[slice(*heading)][:60]!r} not extracted: {exc}")
        return doc

    def services(self, ctx: LetterContext, heading: tuple[int, int]) -> list[tuple[Span, str]]:
        """(span, service id) of a heading in order; a drug name is the service 'medication'."""
        drugs = [s for s in ctx.group("drug") if inside(s, heading)]
        spans = [(s, s.label_) for s in ctx.group("service") if inside(s, heading)]
        return sorted(spans + [(d, "medication") for d in drugs], key=lambda x: x[0].start)

    def typo_services(self, text: str) -> list[str]:
        """Services of a heading after correcting misspelt words ('Behavavioral')."""
        fixed = []
        for word in re.findall(r"[A-Za-z]+|[^A-Za-z]+", text):
            low = word.lower()
            if len(low) >= 6 and low.isalpha() and low not in self.known_words:
                word = self._closest_service_word(low) or word
            fixed.append(word)
        return self.nlp.get_pipe("imr_lexicon").services_in("".join(fixed))

    def _closest(self, word: str) -> str | None:
        close = difflib.get_close_matches(word, self.service_words, n=1, cutoff=self.typo_cutoff)
        return close[0] if close else None

    def item(self, doc: Doc, ctx: LetterContext, block: ItemBlock, heading: tuple[int, int]) -> DisputedTreatment:
        text = ctx.text
        heading_text = text[slice(*heading)].strip()
        found = self.services(ctx, heading)
        drug = next((s for s, service in found if service == "medication"), None)
        services = list(dict.fromkeys(service for _, service in found))
        if not services:
            services = self.typo_services(heading_text)
        if "physical-therapy" not in services and PT_ABBREVIATION.search(heading_text):
            services.append("physical-therapy")
        medication = None
        if drug is not None:
            strength, form = strength_and_form(text[drug.end_char:heading[1]])
            written = ctx.span_text(drug)
            form = form or strength_and_form(written)[1]  # 'Terocin patches' names its form
            medication = ItemMedication(drug.label_, strength, form, written, ctx.span_original(drug),
                                        drug._.drugbank)
        request = self._request(ctx, heading, found, services, medication)
        original = ctx.view.original  # the item's paragraphs are read on the text as read
        ca, ca_lit = parse_citations(original[slice(*block.claims_administrator)], block.claims_administrator[0]) \
            if block.claims_administrator else ([], [])
        rv, rv_lit = parse_citations(original[slice(*block.reviewer)], block.reviewer[0]) if block.reviewer else ([], [])
        if block.reviewer and ADOPTS_CLAIMS_GUIDELINES.search(original, *block.reviewer):
            rv = [replace(c, pages=list(c.pages)) for c in ca] + rv
        rationale = collapse(original[slice(*block.rationale)]) if block.rationale else ""
        limits = guideline_limits(original[slice(*block.rationale)], block.rationale[0]) if block.rationale else []
        literature = list({(x.author, x.year): x for x in ca_lit + rv_lit}.values())
        return DisputedTreatment(
            text=heading_text, span=ctx.original(*heading), services=services, medication=medication,
            quantity=request["quantity"], unit=request["unit"], frequency=request["frequency"],
            duration=request["duration"], body_regions=self._regions(ctx, heading), decision=block.decision,
            claims_administrator_guidelines=ca, reviewer_guidelines=rv, literature=literature,
            rationale=rationale, rationale_span=block.rationale, guideline_limits=limits,
            decision_span=block.decision_span, problems=list(block.problems), quantities=request["quantities"],
        )

    def _request(self, ctx: LetterContext, heading, found: list[tuple[Span, str]], services: list[str],
                 medication) -> dict:
        """Quantities per service part of the heading; one total when the parts agree."""
        text = ctx.text
        cuts = [heading[0]] + [s.start_char for s, _ in found[1:]] + [heading[1]]
        parts = []
        for i, service in enumerate(services if len(found) == len(services) else services[:1]):
            start, end = (cuts[i], cuts[i + 1]) if len(found) == len(services) else heading
            default = (medication.form or "tablet") if service == "medication" and medication else \
                default_unit(service)
            program = service is not None and getattr(lexicon.services().get(service), "category", None) == "programs"
            parts.append((service, parse_request(text[start:end], default, count_periods=program)))
        if not parts:
            parts = [(None, parse_request(text[slice(*heading)], "session"))]
        counted = [(s, r) for s, r in parts if r.quantity is not None]
        quantity = unit = None
        quantities = None
        if len(counted) == 1 or (counted and len({(r.quantity, r.unit) for _, r in counted}) == 1):
            quantity, unit = counted[0][1].quantity, counted[0][1].unit
        elif counted:
            quantities = [{"service": s, "quantity": r.quantity, "unit": r.unit} for s, r in counted]
            units = {r.unit for _, r in counted}
            unit = units.pop() if len(units) == 1 else None
        frequency = next((r.frequency for _, r in parts if r.frequency), None)
        duration = next((r.duration for _, r in parts if r.duration), None)
        return {"quantity": quantity, "unit": unit, "frequency": frequency, "duration": duration,
                "quantities": quantities}

    def _regions(self, ctx: LetterContext, heading) -> list[Mention]:
        out: dict[str, Mention] = {}
        for span in ctx.group("body_part"):
            if inside(span, heading):
                part = lateral(ctx, span)
                out.setdefault(part.value, part)
        for m in SPINAL_LEVEL.finditer(ctx.text, *heading):
            value = LEVEL_REGION[m.group("r").lower()]
            out.setdefault(value, Mention(value, ctx.original(*m.span())))
        return sorted(out.values(), key=lambda m: m.span)
