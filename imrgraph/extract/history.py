"""`imr_history`: what the case summary says of the worker's conditions, drugs, past care and complaints."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import link
from ..models import Diagnosis, Medication, Mention, PriorTreatment
from .body_parts import lateral
from .context import LetterContext, inside

# Cue patterns are booleans over a sentence's lower-cased text: in lower case, with the word boundary
# before the alternatives, so re tries them only at word edges and skips each on its first letter.
DIAGNOSIS_CUE = re.compile(
    r"diagnos|rule\s+out|ruled\s+out|suffers\s+from|\b(?:dx\b|impression|assessment|r/o\b|meets?\s+criteria|"
    r"did\s+not\s+meet|history\s+of\b|carries\b|conditions?\s+(?:include|are|is)\b|"
    r"list(?:s|ed)?\b(?!\s+(?:\w+\s+){0,2}?(?:complaints?|symptoms?|findings|medications?)))"
)
# A negated mention counts without a diagnosis cue when the negation is explicit ("no evidence of", "denies").
EXPLICIT_NEGATION = re.compile(
    r"\b(?:no\s+(?:clinical\s+|objective\s+)?(?:evidence|signs?|history|indication|findings)\s+(?:of|for)|"
    r"denie[sd]|denying|ruled?\s+out|rules\s+out|negative\s+for|absence\s+of|without\s+evidence\s+of|"
    r"does\s+not\s+(?:have|meet)|did\s+not\s+(?:have|meet)|not\s+diagnosed)\b"
)
QUALIFIER_AFTER = re.compile(r"(?i)^\s*(?:features|traits|symptoms|like|type\s+symptoms)\b")
PRIOR_CUE = re.compile(
    r"treat(?:ed|ment|ments)\b|\b(?:prior\b|previous|has\s+had\b|had\b|underwent|undergone|received|"
    r"tried\b|failed\b|completed|benefit(?:ing|ed|s)?\s+from|history\s+of|performed\b|attended\b|"
    r"administered\b|to\s+date\b|care\s+has\b)"
)
REQUEST_CUE = re.compile(r"\b(?:request|recommend|authori[sz]|non-?certif|would\s+like|plan\s+(?:is|to)|"
                         r"prescribed\s+(?:a|an)\s+trial|proposed|ordered|referred\s+for)")
COMPLAINT_CUE = re.compile(r"\b(?:pain|injur|complain|sprain|strain|hurt|ache|symptom|numb|tingl|radiat|stiff)")
EXAM_CUE = re.compile(r"\b(?:exam|revealed|flexion|extension|range\s+of\s+motion|tender|palpat|"
                      r"spasm|mri\b|x-?ray|straight\s+leg|reflex)")
HEAD_NOUNS = frozenset({"care", "treatment", "treatments", "therapy", "sessions", "visits"})


@Language.component("imr_history")
def extract_history(doc: Doc) -> Doc:
    ctx: LetterContext = doc._.letter
    summary = ctx.sections.get("summary")
    ctx.diagnoses = _diagnoses(ctx, summary)
    ctx.medications = _medications(ctx, summary)
    ctx.prior_treatments = _prior_treatments(doc, ctx, summary)
    ctx.body_parts = _body_parts(ctx, summary)
    return doc


def _diagnoses(ctx: LetterContext, region) -> list[Diagnosis]:
    chosen: dict[str, Diagnosis] = {}
    for span in ctx.group("diagnosis"):
        if not inside(span, region):
            continue
        sent = ctx.sentence(span)
        if QUALIFIER_AFTER.match(ctx.text[span.end_char:span.end_char + 20]):
            continue
        if not sent.has(DIAGNOSIS_CUE) and not (
                span._.negex and EXPLICIT_NEGATION.search(ctx.lower, sent.start_char, span.start_char)):
            continue
        code = link.icd10cm(span.label_)
        written = ctx.span_text(span)
        key = code or written.lower()
        found = Diagnosis(" ".join(written.split()), code, bool(span._.negex), bool(span._.uncertain),
                          ctx.span_original(span))
        kept = chosen.get(key)
        # a positive statement outweighs a negated or uncertain one of the same condition
        if kept is None or (kept.negated or kept.uncertain) and not (found.negated or found.uncertain):
            chosen[key] = found
    return list(chosen.values())


def _medications(ctx: LetterContext, region) -> list[Medication]:
    drugs = ctx.group("drug")
    requested = {s.label_ for s in drugs for heading in ctx.headings if inside(s, heading)}
    chosen: dict[str, Medication] = {}
    for span in drugs:
        if not inside(span, region):
            continue
        negated = bool(span._.negex) and span.label_ not in requested
        kept = chosen.get(span.label_)
        if kept is None:
            chosen[span.label_] = Medication(ctx.span_text(span), span.label_, negated, ctx.span_original(span),
                                             span._.drugbank)
        elif kept.negated and not negated:
            kept.negated = False
    return list(chosen.values())


def _prior_treatments(doc: Doc, ctx: LetterContext, region) -> list[PriorTreatment]:
    """Services named in a sentence about past care; a named drug there is the service 'medication'."""
    out: dict[str, PriorTreatment] = {}
    mentions = [(s, s.label_) for s in ctx.group("service")] + [(d, "medication") for d in ctx.group("drug")]
    for span, service in sorted(mentions, key=lambda m: m[0].start):
        if not inside(span, region) or span._.negex:
            continue
        sent = ctx.sentence(span)
        if not sent.has(PRIOR_CUE) or REQUEST_CUE.search(ctx.lower, sent.start_char, span.start_char) \
                or REQUEST_CUE.search(sent.low, 0, 40):
            continue
        if service not in out:
            text = _with_head_noun(doc, ctx, span) if service == span.label_ else ctx.span_text(span)
            out[service] = PriorTreatment(text, service, ctx.original(span.start_char, span.start_char + len(text)))
    return list(out.values())


def _with_head_noun(doc: Doc, ctx: LetterContext, span: Span) -> str:
    """'chiropractic' + 'care'/'treatments' as written."""
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and nxt.lower_ in HEAD_NOUNS:
        return ctx.text[span.start_char:nxt.idx + len(nxt)]
    return ctx.span_text(span)


def _body_parts(ctx: LetterContext, region) -> list[Mention]:
    out: dict[str, Mention] = {}
    for span in ctx.group("body_part"):
        if not inside(span, region):
            continue
        sent = ctx.sentence(span)
        if not sent.has(COMPLAINT_CUE) or sent.has(EXAM_CUE) or sent.has(REQUEST_CUE):
            continue
        part = lateral(ctx, span)
        out.setdefault(part.value, part)
    return list(out.values())
