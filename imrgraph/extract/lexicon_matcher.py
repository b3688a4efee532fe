"""`imr_lexicon`: the curated vocabularies matched as phrases; span label = the normalised value."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from functools import cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .. import link, vocab
from ..cache import derived
from ..text import MONTHS, TITLE_ABBREVIATIONS
from .body_parts import LEVEL, SPINAL_REGIONS
from .context import LetterContext, letter_of
from .quantities import NUMBER_WORD
from .sentences import BULLET, NUMBERED, list_ends, opens_its_line


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
                matcher.add(value, _tokenised_in_either_case(nlp, surfaces))
            self.matchers[group] = matcher
        if "diagnosis" in groups:
            _term_prefixes()  # the code set's wording, read once when the pipeline is built

    def __call__(self, doc: Doc) -> Doc:
        ctx = letter_of(doc)
        for group, matcher in self.matchers.items():
            regions = ctx.regions(group)
            spans = []
            for region in regions:  # each region's tokens only, not the whole letter's
                first, last = ctx.region_tokens(region)
                if last > first:
                    spans += matcher(doc[first:last], as_spans=True)
            if group == "service":
                spans += _physical_therapy_abbreviations(doc, ctx, regions)
                spans += _care_in_the_summary(doc, ctx, spans)
                spans = [s for s in spans if not _counseling_of_another_kind(ctx, s)]
            if group == "body_part":
                spans = [s for s in spans if not _a_length(ctx, s)] + _coordinated_digits(doc, ctx, regions)
            if group == "diagnosis":
                named = sorted(s.start_char for s in spans)
                clauses = [Clauses(ctx, *region, named) for region in regions]
                statements = diagnosis_statements(ctx, regions, clauses)
                adjectives = _conditions_by_an_adjective(doc, ctx, regions)
                had = sorted(conditions_had(ctx, regions, clauses) + [(a.start_char, a.end_char) for a in adjectives])
                for name, found in (("diagnosis_statement", statements), ("condition_had", had)):
                    ctx.groups[name] = [s for s in (doc.char_span(*r, alignment_mode="expand") for r in found)
                                        if s is not None]
                spans += adjectives + _level_diagnoses(doc, ctx, regions) + _code_set_diagnoses(
                    doc, ctx, _merged(statements + had + denials(ctx, regions, clauses) + weighings(ctx, regions, clauses)))
                spans += _titles_after_codes(doc, ctx, regions) + _items_before_codes(doc, ctx, statements, spans) \
                    + _codes_alone(doc, ctx, statements)
                spans += _elided_heads(doc, spans)
                spans = [_with_title_qualifier(doc, ctx, s) for s in spans if not _runs_into_the_next(ctx, s)]
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


# A condition the worker is said to be, by its adjective ('she is obese, with a BMI of 36', 'because he is diabetic',
# 'the claimant has hypertension, is obese, takes an NSAID', 'he is obese and hypertensive'; catalogue:
# `ontology/condition_adjectives.tsv`): that condition, had.
WORKER_IS = re.compile(r"\b(?:(?:he|she|(?:the|this)\s+(?:worker|employee|applicant|patient|claimant))\s+|[,;]\s*)"
                       r"(?:is|was|remains|has\s+been)\s+(?:also\s+|already\s+|now\s+)?|"
                       # ('The treating physician describes him as morbidly obese')
                       r"\b(?:describe[sd]?|regards?|regarded|considers?|considered)\s+(?:him|her)\s+as\s+")
ADJECTIVE_JOINT = re.compile(r",?\s+and\s+|,\s*")
ADVERB = re.compile(r"[a-z]+ly\s+")  # ('she is also mildly anemic'), where the catalogue has no wording with it


@cache
def _condition_adjective() -> re.Pattern[str]:
    words = sorted(vocab.condition_adjectives(), key=len, reverse=True)
    return re.compile(r"(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) + r")\b")


def _conditions_by_an_adjective(doc: Doc, ctx: LetterContext, regions: list[tuple[int, int]]) -> list[Span]:
    low, adjective, out = ctx.lower, _condition_adjective(), []
    for lo, hi in regions:
        for lead in WORKER_IS.finditer(low, lo, hi):
            pos = lead.end()
            while (m := adjective.match(low, pos, hi)
                   or (adverb := ADVERB.match(low, pos, hi)) and adjective.match(low, adverb.end(), hi)) is not None:
                span = doc.char_span(m.start(), m.end(), label=vocab.condition_adjectives()[" ".join(m.group().split())],
                                     alignment_mode="expand")
                if span is not None:
                    out.append(span)
                joint = ADJECTIVE_JOINT.match(low, m.end(), hi)
                pos = joint.end() if joint else hi
    return out


# An operation the vocabulary does not list is named by its ending ('a right hemicolectomy', 'an upper lobectomy',
# 'evacuated by craniotomy', 'a pyeloplasty'): the generic surgery. A blood draw is no operation ('phlebotomy'), nor a
# split ('dichotomy').
# (found by the ending, which re skips ahead to, then read back to the word's start)
SURGERY_ENDING = re.compile(r"(?:ectom|otom|oplast|opex)(?:y|ies)\b", re.I)
SURGERY_STEM = 3  # letters at least before the ending
NOT_OPERATIONS = frozenset({"phlebotomy", "phlebotomies", "dichotomy", "dichotomies"})
GENERIC_SURGERY = "surgery"  # the service, and the category of every surgery


def _care_in_the_summary(doc: Doc, ctx: LetterContext, named: list[Span]) -> list[Span]:
    """Care the vocabulary does not name, in the case summary (where care had is told; not a request's own name, which
    the vocabulary reads), where no wording the vocabulary names already stands."""
    summary = ctx.letter.sections.get("summary")
    if summary is None:
        return []
    lo, hi = ctx.view.span_to_view(summary)
    taken = {i for s in named for i in range(s.start, s.end)}
    found = [*_surgeries_by_their_ending(doc, ctx, lo, hi), *_care_told_by_its_verb(doc, ctx, lo, hi)]
    return [s for s in found if s is not None and not taken.intersection(range(s.start, s.end))]


def _surgeries_by_their_ending(doc: Doc, ctx: LetterContext, lo: int, hi: int) -> Iterator[Span | None]:
    text = ctx.text
    for m in SURGERY_ENDING.finditer(text, lo, hi):
        start = m.start()
        while start > lo and text[start - 1].isalpha():
            start -= 1
        if m.start() - start >= SURGERY_STEM and text[start:m.end()].lower() not in NOT_OPERATIONS:
            yield doc.char_span(start, m.end(), label=GENERIC_SURGERY)


# A corticosteroid by its class or its names (an injection's agent).
STEROID_WORDS = (r"(?:steroids?|corticosteroids?|cortisone|kenalog|depo-?medrol|triamcinolone|methylprednisolone|betamethasone"
                 r"|celestone|dexamethasone)")
# Care told by what was done rather than named ('both screws were taken out in 2016', 'the pins were pulled after a
# month', 'the thumb was injected with cortisone', 'the labrum was repaired arthroscopically').
CARE_TOLD_BY_ITS_VERB = (
    ("hardware-removal", re.compile(r"\b(?:screws?|plates?|hardware|rods?|k-?wires?|pins?|implants?)\s+(?:was|were|had\s+been|"
                                    r"has\s+been)\s+(?:later\s+|then\s+|subsequently\s+|also\s+)?(?:removed|pulled|taken\s+out)\b")),
    ("corticosteroid-injection", re.compile(r"\binjected\b(?:\s+[^.;]{0,40}?)?\s+with\s+(?:an?\s+)?" + STEROID_WORDS + r"\b")),
    ("arthroscopic-surgery", re.compile(r"\b(?:repaired|operated\s+on|treated|debrided|released|resected|washed\s+out|"
                                        r"done|performed)\s+arthroscopically\b")),
)


def _care_told_by_its_verb(doc: Doc, ctx: LetterContext, lo: int, hi: int) -> Iterator[Span | None]:
    for service, pattern in CARE_TOLD_BY_ITS_VERB:
        for m in pattern.finditer(ctx.lower, lo, hi):
            yield doc.char_span(m.start(), m.end(), label=service, alignment_mode="expand")


# Counseling on something other than the mind ('six sessions of nutritional counseling', 'vocational counseling') is
# no psychotherapy.
COUNSELING = re.compile(r"counsell?ing\b")
ANOTHER_KIND_BEFORE = re.compile(r"\b(?:nutrition(?:al)?|diet(?:ary)?|dietitian|vocational|genetic|financial|career|"
                                 r"lactation|(?:smoking|tobacco)(?:\s+cessation)?|weight(?:\s+loss)?)\s+$")


def _counseling_of_another_kind(ctx: LetterContext, span: Span) -> bool:
    return COUNSELING.match(ctx.lower, span.start_char) is not None \
        and ANOTHER_KIND_BEFORE.search(ctx.lower, max(0, span.start_char - 30), span.start_char) is not None


# 'feet' after a number is a length ('fell 12 feet', 'a 10-foot ladder', 'walks a hundred feet'), no body part.
LENGTH = re.compile(r"(?:\d|\b" + NUMBER_WORD + r"|\bhundred|\bfew|\bseveral)[\s-]*(?:feet|foot)$")


def _a_length(ctx: LetterContext, span: Span) -> bool:
    return LENGTH.search(ctx.lower, max(0, span.start_char - 15), span.end_char) is not None


# Digits named together before one head noun ('the left index and middle fingers', 'ring and small fingers'):
# each is a part of its own.
_DIGIT = r"(index|middle|ring|small|little|long|great|second|third|fourth|fifth)"
COORDINATED_DIGITS = re.compile(r"\b" + _DIGIT + r"\s*(?:,|and|&|/)\s*(?:the\s+)?" + _DIGIT + r"\s+(finger|toe)s\b")


def _coordinated_digits(doc: Doc, ctx: LetterContext, regions: list[tuple[int, int]]) -> list[Span]:
    parts = vocab.body_parts()
    out = []
    for lo, hi in regions:
        if ctx.lower.find("fingers", lo, hi) < 0 and ctx.lower.find("toes", lo, hi) < 0:
            continue
        for m in COORDINATED_DIGITS.finditer(ctx.lower, lo, hi):
            for n, (start, end) in ((1, m.span(1)), (2, (m.start(2), m.end()))):
                part = parts.get(f"{m.group(n)} {m.group(3)}")
                span = doc.char_span(start, end, label=part, alignment_mode="expand") if part else None
                if span is not None:
                    out.append(span)
    return out


# 'PT' in capitals is physical therapy, in a summary and in a request ('12 sessions of PT', 'post-op PT', 'PT/OT',
# 'PT 2x4 lumbar') unless it is the patient doing something ('PT states', 'PT is a 45-year-old'); lower-case 'pt'
# is the patient; beside PTT or INR ('PT/PTT', 'PT/INR', 'INR/PT') it is the prothrombin time, a lab test.
# (what may not come before 'PT' is checked after it: re skips ahead to a pattern's leading literal, not past a
# lookbehind)
PT_WORD = re.compile(r"PT(?<![\w.-]PT)(?<!INR/PT)(?<!PTT/PT)(?![\w-])(?!\.\w)(?!\s*(?:/|,|and|&)\s*(?:PTT|INR)\b)")
PATIENT_VERBS = frozenset({
    "is", "was", "has", "had", "states", "stated", "reports", "reported", "complains", "complained", "presents",
    "presented", "denies", "denied", "notes", "noted", "underwent", "continues", "continued", "received",
    "returned", "c/o", "'s", "will", "should", "would", "can", "does", "did", "takes", "took", "uses", "used",
})


def _physical_therapy_abbreviations(doc: Doc, ctx: LetterContext, regions: list[tuple[int, int]]) -> list[Span]:
    out = []
    for lo, hi in regions:
        for m in PT_WORD.finditer(ctx.text, lo, hi):
            span = doc.char_span(m.start(), m.end())
            if span is not None and not (span.end < len(doc) and doc[span.end].lower_ in PATIENT_VERBS):
                out.append(Span(doc, span.start, span.end, label="physical-therapy"))
    return out


def _tokenised_in_either_case(nlp, surfaces: list[str]) -> list:
    """Each surface as tokens, and again in capitals where the tokenizer cuts capitals differently ('t2dm' is
    't2' + 'dm', a number and a unit, but 'T2DM' one token): the matcher compares lower-cased tokens."""
    lower = list(nlp.tokenizer.pipe(surfaces))
    upper = list(nlp.tokenizer.pipe(s.upper() for s in surfaces))
    return lower + [u for u, low in zip(upper, lower) if len(u) != len(low)]


POSSESSIVE = re.compile(r"(?<=[a-z])'s?(?=\s)")


def _diagnosis_surfaces() -> dict[str, str]:
    """Diagnosis wordings, plus each 'X of <part>' wording with 'the' and with the side written in ('of the left knee',
    'of right ankle'), each eponym's without its possessive, and each spinal region's wording with 'spine' after the
    region ('lumbar spine sprain/strain') or with the region after it ('sprain/strain of the lumbar spine')."""
    surfaces = {k: k for k in vocab.diagnosis_synonyms()}
    # ... and each 'X of <part>' with 'the' written in ('tear of the medial meniscus')
    for k in list(surfaces):
        head, sep, part = k.partition(" of ")
        if sep and not part.startswith(("the ", "left ", "right ", "bilateral ")):
            surfaces.setdefault(f"{head} of the {part}", k)
    for k, label in list(surfaces.items()):
        head, sep, part = k.partition(" of the ")
        if sep and not re.match(r"(?:left|right|bilateral)\b", part):
            for side in ("left", "right", "bilateral"):
                surfaces.setdefault(f"{head} of the {side} {part}", label)
                surfaces.setdefault(f"{head} of {side} {part}", label)  # (as a code's title writes it: 'Sprain of right ankle')
        # an eponym written without its possessive ('Parkinson disease', 'Crohns disease', 'golfers elbow')
        for plain in {POSSESSIVE.sub("", k), POSSESSIVE.sub("s", k)} - {k}:
            surfaces.setdefault(plain, label)
        region, space, rest = k.partition(" ")
        if region in SPINAL_REGIONS and space and not rest.startswith(("spine", "region")):
            surfaces.setdefault(f"{region} spine {rest}", label)
            # ... and with the region after it ('segmental dysfunction of the lumbar spine')
            surfaces.setdefault(f"{rest} of the {region} spine", label)
    # ... and each wording with any of its words in shorthand ('breast CA', 'ETOH abuse', 'panic d/o', 'adj d/o w/ mixed
    # anxiety & depressed mood')
    shorthand: dict[str, list[str]] = {}
    for short, words in vocab.condition_shorthand().items():
        shorthand.setdefault(words, []).append(short)
    for k, label in list(surfaces.items()):
        padded = f" {k} "
        variants = {padded}
        for words, shorts in shorthand.items():
            if f" {words} " in padded and words != k and len(variants) <= MAX_SHORTHAND_VARIANTS:
                # (a wording's shorthand alone, 'ra', is a word's piece too)
                variants |= {v.replace(f" {words} ", f" {short} ", 1) for v in variants for short in shorts}
        for variant in variants - {padded}:
            surfaces.setdefault(variant.strip(), label)
    return surfaces


MAX_SHORTHAND_VARIANTS = 32  # wordings written with shorthand per wording: a few words each, in any combination


SPINAL_REGION = r"(?:cervical|thoracic|lumbar|lumbosacral)"  # the spine's regions by name
# A wording that ends in a region or a side ('degenerative disc disease, lumbar') and runs into the next
# condition of a list ('..., lumbar facet arthropathy') is not that wording: the next one starts there.
INTO_THE_NEXT = re.compile(r",\s*(?:" + SPINAL_REGION + r"|right|left|bilateral)$")
NEXT_WORD = re.compile(r"\s+(?!and\b|or\b)[a-z]")


# A disc diagnosis or spondylosis named by its spinal level: "L5-S1 disc herniation with bilateral S1 radiculopathy",
# "cervical disc disorder at C4-C5 level with radiculopathy", "disc herniation at L5-S1", "cervical spondylosis with
# radiculopathy", "disc protrusion at L4-L5 with right-sided radiculopathy".
_DISC_KIND = r"herniation|protrusion|bulge|extrusion|displacement|disorder|disease|degeneration"
_DISC = (r"(?:(?:intervertebral\s+)?dis[ck]\s+(?P<kind>" + _DISC_KIND + r")|(?P<ddd>ddd|degenerative\s+dis[ck]\s+disease)|"
         r"(?P<hnp>hnp|herniated\s+(?:nucleus\s+pulposus|dis[ck]))|(?P<spondylosis>spondylosis))")
# (what lies between 'with' and the root's word: its side, the limb or region it reaches, the root)
_WITH = (r"(?P<with>\s+(?:with\s+|w/\s*)(?:(?:bilateral|left|right|b/l|rt|lt|r|l)(?:-sided|\s+sided)?\s+)?"
         r"(?:(?:lower|upper)\s+(?:extremity|extremities|limb|limbs)\s+|" + SPINAL_REGION + r"\s+)?(?:[cls]\d\s+)?"
         r"(?P<what>radiculopathy|radiculitis|myelopathy))?")
# In lower case, searched in the view's lower-cased text.
LEVEL_DIAGNOSIS = re.compile(
    r"\b(?:(?:(?P<level>" + LEVEL + r")|(?P<region>" + SPINAL_REGION + r"|[ctl]-spine))\s+)?" + _DISC
    + r"(?:\s*,?\s+(?:at\s+(?:the\s+)?)?(?P<level2>" + LEVEL + r")(?:\s+levels?)?\b)?" + _WITH
)
# (the word boundary before "ddd" or "hnp" checked after it: re skips ahead to a first letter, not to a \b)
DISC_WORD = re.compile(r"dis[ck]\s+(?:" + _DISC_KIND + r")|ddd(?<!\wddd)\b|hnp(?<!\whnp)\b|herniated|spondylosis\s+(?:with|w/)")


# ... or, named bare, by the study or the level its sentence names before it ('A cervical CT showed a solid fusion at C5-6,
# and a new disc herniation was ruled out')
REGION_BEFORE = re.compile(r"(?:\b(?P<level>" + LEVEL + r")\b|\b(?P<region>" + SPINAL_REGION + r")\s+(?:spine\b|"
                           r"(?:mri|ct|myelogram|x-?rays?|radiographs?|films|imaging|studies|scan)))")
REGION_REACH = 160


def _region_of_its_sentence(low: str, at: int) -> str | None:
    named = list(REGION_BEFORE.finditer(low, max(0, at - REGION_REACH), at))
    m = named[-1] if named else None  # (the nearest before it)
    if m is None or low.find(". ", m.end(), at) >= 0:
        return None
    return level_region(m.group("level")) if m.group("level") else m.group("region")


def level_region(level: str) -> str:
    """'L5-S1' -> 'lumbosacral', 'C4-5' -> 'cervical', 'T8' -> 'thoracic', 'L4-5' -> 'lumbar', 'S1' (a nerve
    root) -> 'lumbosacral'."""
    level = level.upper().replace(" ", "")
    if "S" in level:
        return "lumbosacral"
    return {"C": "cervical", "T": "thoracic", "L": "lumbar"}[level[0]]


def _level_diagnoses(doc: Doc, ctx: LetterContext, regions: list[tuple[int, int]]) -> list[Span]:
    """Spans labelled with a lexicon wording ('lumbosacral disc disorder with radiculopathy') that has a code."""
    low = ctx.lower
    # re skips ahead to 'dis'; most letters have no such diagnosis
    found = [m for region in regions if DISC_WORD.search(low, *region) for m in LEVEL_DIAGNOSIS.finditer(low, *region)]
    out = []
    for m in found:
        # the level, where written, says the region ('lumbar disc protrusion at L5-S1' is lumbosacral)
        level = m.group("level") or m.group("level2")
        region = level_region(level) if level else m.group("region")
        if region and region.endswith("-spine"):
            region = vocab.body_parts()[region]  # 'C-spine' is the cervical region, as the body-part table has it
        if region is None:
            region = _region_of_its_sentence(low, m.start())
        if region is None:
            continue  # 'disc herniation' with no level or region named: the lexicon's own wordings read it
        # (a radiculitis is coded as the radiculopathy: the code set's radiculopathy includes it)
        tail = f" with {m.group('what').lower().replace('radiculitis', 'radiculopathy')}" if m.group("with") else ""
        if m.group("spondylosis"):
            if not tail:
                continue  # 'lumbar spondylosis' alone: the lexicon's own wordings read it
            wordings = [f"{region.lower()} spondylosis{tail}"]
        else:
            kind = m.group("kind").lower() if m.group("kind") else "herniation" if m.group("hnp") else "degeneration"
            wordings = [f"{region.lower()} disc {kind}{tail}" for kind in (kind, "displacement", "disorder")]
        key = next((k for k in wordings if link.is_condition(k)), None)
        span = doc.char_span(m.start(), m.end(), label=key, alignment_mode="expand") if key else None
        if span is not None:
            out.append(span)
    return out


# ---- where a letter states the worker's conditions -----------------------------------------------------

# The body systems a history may be told by ('Cardiac history:').
BODY_SYSTEMS = (r"cardiac|cardiovascular|renal|kidney|pulmonary|respiratory|gastrointestinal|gi|endocrine|metabolic|"
                r"psychiatric|neurologic(?:al)?|rheumatologic(?:al)?|infectious\s+disease|oncologic(?:al)?|cancer|"
                r"hematologic(?:al)?|dermatologic(?:al)?|urologic(?:al)?|gynecologic(?:al)?|musculoskeletal|"
                r"mental\s+health|behavioral\s+health|liver|hepatic|heart|lung|thyroid|blood|skin|"
                # ... or by the specialty that keeps it ('Hematology/oncology history, taken from ...:')
                r"hematology|oncology|cardiology|pulmonology|nephrology|gastroenterology|endocrinology|neurology|"
                r"rheumatology|urology|dermatology|psychiatry")
# What may stand between a label and its colon: its source in brackets or in words ('Other conditions, taken by organ
# from the cardiology note of 2019:', 'The medical history is long and is drawn from the family doctor's letter of
# 2018:'), or 'as follows'.
_LABEL_TAIL = (r"\s*(?:\([^()\n]{1,60}\)\s*)?"
               r"(?:,?\s+(?:(?:is|are|was|were)\s+(?:[a-z]+\s+){0,2}?(?:and\s+(?:is|are|was|were)\s+)?)?"
               r"(?:from|per|according\s+to|(?:as\s+)?(?:[a-z]+(?:ed|en)|given)\s+(?:[a-z]+\s+)?(?:in|by|from))\s+[^.:;\n]{1,70}|"
               # ('Problem list as it now stands:', 'Diagnoses as of 03/2015:', 'Problems as recorded by the PTP:')
               r"\s+as\s+(?:it|they|of|recorded|listed|kept|given|written|charted)\b[^.:;\n]{0,50}|"
               # ('The medical history is grouped below by the clinic that treats each condition:')
               r"\s+(?:is|are)\s+(?:set|laid|given|shown|organi[sz]ed|grouped|arranged|summari[sz]ed|listed)\s+(?:out\s+)?"
               r"[^.:;\n]{1,80}|"
               # ('Her history is long, and the intake groups it by the clinic that follows each problem:')
               r"[^.:;\n]{0,60}?\b(?:lists?|listed|gives?|groups?|grouped|arranges?|sets?\s+out)\s+(?:it|them)\s+[^.:;\n]{1,70}|"
               # ('sorted his other problems by the physician who treats each:', 'Other problems, by body system:')
               r",?\s+(?:by|under|per)\s+(?:the\s+|each\s+)?(?:organ\s+|body\s+)?(?:systems?|specialt(?:y|ies)|specialists?|"
               r"clinics?|physicians?|doctors?|services?)\b[^.:;\n]{0,50}|"
               # ('... lays out the medical history by body system, summarized here:', 'Other history, in brief below:')
               r"[^.:;\n]{0,40}?,?\s+(?:as\s+)?(?:[a-z]+(?:ed|en)|given|set\s+out|in\s+brief)\s+(?:here|below)|"
               # ('The impression in the internist's note of 03/04/2016 reads:', 'The problem list includes:')
               r"(?:\s+(?:in|of|from|on)\s+[^.:;\n]{1,80}?)?\s+(?:now\s+)?(?:reads?|runs?|ran|states?|stated|says?|said|"
               r"lists?|listed|includes?|included|contains?|contained|consists?\s+of))?"
               # ('gives her problems as follows:'; '..., taken from the internist's letter (status words in brackets):')
               r"(?:\s+(?:are|is|were|was)?\s*as\s+follows)?(?:\s*\([^()\n]{1,90}\))?\s*:")
# A statement of diagnoses reads forward from its cue ('Diagnoses include', 'diagnosed with', 'Impression:',
# 'history of', 'meets criteria for'); lower case, over the view's lower-cased text, matched where
# `CUE_WORD` finds its first word.
STATEMENT_CUE = re.compile(
    # 'The diagnoses which were given by the treating physician are ...'
    r"diagnos(?:is|es)\s+(?:which|that)\s+(?:was|were|is|are|have\s+been|had\s+been)\s+[a-z]+(?:\s+by\s+[^,.;]{0,50}?)?"
    r"\s+(?:are|is|were|was|include[sd]?)\b|"
    # (not a differential diagnosis, which weighs: 'the differential diagnosis included BPPV and a fistula')
    r"diagnos(?:is|es|ed)\b(?<!differential\sdiagnosis)(?<!differential\sdiagnoses)|diagnose\b(?<!to\sdiagnose)|diagnostic\s+impressions?\b|"
    r"impressions?\b|assessments?\b|(?:assess|a/p)(?=\s*:)|problem\s+list\b|(?:active\s+|current\s+)?problems(?=\s*(?:\([^)]{0,80}\)\s*)?:)|"
    # a multiaxial diagnosis's clinical and medical axes ('Axis I: 296.32 Major depressive disorder, recurrent, moderate',
    # 'Axis III: bilateral CTS'), not its stressors or functioning (IV, V)
    r"axis\s+(?:i{1,3}|[123])\s*:|"
    r"suffer(?:s|ed|ing)?\s+from\b|history\s+(?:of|(?:also\s+)?(?:includes?|included|including))\b|h/o\b|carries\b|dx\b|(?<![a-z]\s)hx(?=\s*:)|pm(?:s)?hx?\b|(?:medical|med|other|past)\s+hx\b|hx\s+of\b|comorbidit(?:y|ies)\b|co-morbidit|"
    r"history\s+(?:is\s+|was\s+)?(?:also\s+|further\s+|otherwise\s+)?(?:significant|notable|positive|remarkable)\s+for\b|"
    r"medical\s+history\b|(?:medical|past|health)\s+background\b|(?:non-?industrial|non-?occupational|non-?work(?:-related)?)\s+(?:medical\s+)?history\b|"
    r"(?:non-?industrial|non-?occupational)(?=\s*:)|"
    # what an evaluation lists under its own label ('Neurology evaluation (Dr. Roe, 2019): migraine; ...')
    r"(?:evaluation|consultation|consult|assessment)\b(?=[^.:;\n]{0,60}:\s)|"
    # a list under its source alone ('From the internist's records:')
    r"(?:from|per)\s+(?:the\s+|his\s+|her\s+|their\s+)?[^.:;]{0,50}?\b(?:records|notes|reports?|consultations?|charts?|evaluations?|qme|ame)(?=\s*(?:\([^()]{0,60}\)\s*)?(?:,\s*[\d/]+\s*)?(?::|--|—|–))|"
    # a body system's history under its label ('Renal and transplant history:', 'Cardiac history:')
    r"(?:" + BODY_SYSTEMS + r")(?:\s*(?:and|/)\s*[a-z]+)?\s+history(?=\s*(?:\([^()]{0,80}\)\s*)?(?:,[^.:;]{1,90})?:)|"
    # 'Other medical problems are ...', 'her medical conditions include ...', 'Other conditions: OSA on CPAP'
    r"(?:(?:other|medical|chronic|additional|coexisting|co-existing|comorbid|health|non-?industrial|non-?occupational|"
    # ('Her known conditions are ...', 'Pre-existing conditions include ...', 'underlying conditions:')
    r"known|(?:pre-?)?existing|underlying|concurrent|concomitant)\s+)+"
    r"(?:problems?|conditions?|illness(?:es)?)"
    # ('His other health problems, in the internist's words, are ...', '..., which matter to the request only because the
    # surgery has to allow for them, are ...')
    # ... or where they are listed ('Medical problems per the cardiology note of 2020 are ...')
    # ('Comorbid conditions documented by the primary treating physician include ...')
    r"(?:(?:,[^,.;:]{1,120},|\s+(?:from|in|per|on|at|according\s+to|(?:documented|recorded|listed|noted|reported)\s+(?:by|in))\s+"
    r"[^,.;:]{1,80}?)?\s+(?:are|is|were|was|include[sd]?)\b|"
    r"(?=" + _LABEL_TAIL + r"))|problems\s+(?:are|were|include[sd]?)\b|"
    r"list(?:s|ed)?\b(?!\s+(?:\w+\s+){0,2}?(?:complaints?|symptoms?|findings|medications?|treatments?|documents?))|"
    r"(?:meets?|met|meeting|fulfil+s?)\s+(?:the\s+)?(?:[a-z-]+\s+){0,2}criteria\s+(?:only\s+)?(?:for|of)\b|"
    r"found\s+to\s+have\b|treated\s+for\b|treatment\s+for\b|"
    # what a diagnosis set aside was replaced with ('He replaced it with adjustment disorder with mixed anxiety')
    r"replaced\s+(?:it|this|that|(?:that|this|the)\s+(?:diagnosis|label))\s+with\b|"
    # what the worker's condition was concluded to be ('concluded that her condition was a major depressive disorder')
    r"condition(?:(?<=\bhis\scondition)|(?<=\bher\scondition)|(?<=\btheir\scondition))\s+(?:was|is)\s+(?=an?\s)|"
    # ... or treated or followed by someone first ('has been treated by his internist monthly since 2019 for ...', 'has
    # been followed in the spine clinic since 2015 for ...')
    r"(?:treated|followed|managed)\s+(?:by|at|in)\s+[^.;:,()]{1,70}?\s+for\b|"
    # ('has been followed since then for adjustment disorder')
    r"followed\s+(?:(?:since|from)\s+(?:then|[\d/]+)\s+|regularly\s+|closely\s+)?for\b|"
    # what a complaint proved to be ('the flank pain turned out to be a kidney stone')
    r"(?:turned\s+out|proved|proven)\s+to\s+be\b|"
    # what a test or a consultant confirmed ('an EMG confirmed a right C7 radiculopathy')
    r"confirm(?:ed|s|ing)\b(?!\s+(?:that|whether|no|the\s+absence))|"
    # what an electrodiagnostic study, which diagnoses a nerve's disorder, documented ('Nerve conduction testing in
    # 07/2011 documented mild right carpal tunnel syndrome'; not what it showed, which restates a diagnosis named
    # elsewhere: 'EDX showed moderate right median neuropathy at the wrist', nor an image's findings)
    r"(?:emg(?:\s*/\s*nc[sv])?|nc[sv](?:\s*/\s*emg)?|edx|electrodiagnostic\s+(?:testing|stud(?:y|ies)|tests?)|"
    r"nerve\s+conduction\s+(?:testing|stud(?:y|ies)|tests?|velocit(?:y|ies)))(?:\s+(?:in|on|of|from|dated)\s+[\d/]+)?"
    r"(?:\s+(?:also|again|later))?\s+(?:documented|diagnosed|established)\b(?!\s+(?:that|no|normal|only)\b)|"
    # a history under a label of its own ('Other history: hypertension; GERD')
    r"(?:other|past|prior|additional|remaining)\s+history(?=" + _LABEL_TAIL + r")|"
    # ... or told as what it is ('Her other history is asthma and gout')
    r"(?:other|past|prior|additional|remaining)\s+(?:medical\s+)?history(?:,[^,.;:]{1,80},)?\s+(?:is|was|includes?|included)\b|"
    # a physician who follows the worker for it ('his nephrologist follows him for IgA nephropathy'),
    # what a condition led on to ('diabetic nephropathy, which progressed to end-stage renal disease'), care given for it
    # ('a liver transplant for hepatitis C cirrhosis')
    r"(?:follow(?:s|ed)?|sees?|saw|seen)\s+(?:him|her|them)\s+for\b|progress(?:ed|ing)\s+to\b|"
    r"(?:transplant(?:ation)?|[a-z]+ectomy|[a-z]+plasty|resection|repair|fusion|release|surgery|iodine|radioiodine|"
    r"radiation|radiotherapy|chemotherapy|ablation|dialysis|tka|tha|tsa|acdf|orif|grafting|cabg|stenting|pci)"
    r"(?:\s+(?:(?:in|on)\s+)?[\d/]+)?\s+for\b|"  # ('s/p L THA 2019 for primary OA')  # ('a transplant in 2016 for')
    # what the file documents ('The records document an L4-5 disc protrusion with left L5 radiculopathy')
    # (not what they document happened: 'the notes document that his headaches fell')
    r"(?:records|notes|chart|file)\s+(?:also\s+)?document(?:s|ed)?\b(?!\s+(?:that|how|whether|what|when|an?\s+"
    r"(?:\d|fall|drop|rise|decrease|increase|reduction|improvement|change)))|"
    # a physician who manages or treats the worker's condition ('an internist manages her right hip bursitis', 'her
    # primary care physician manages hypothyroidism with levothyroxine'; 'treating' alone is the physician's adjective)
    r"(?:manag|treat)(?:es|ing)\s+(?:his|her|their)\b|(?:manages|treats)\s+(?=[a-z])|"
    # a diagnosis an evaluator adds ('an internal medicine QME added hypertension and irritable bowel syndrome')
    r"added\b(?!\s+(?:that|to|on|in)\b)|"
    # a S/O/A/P note's assessment ('A: 1) Bilateral carpal tunnel syndrome 2) Cervicalgia'), its source in brackets
    # ('A (PTP 6/12/17): 1) ...')
    r"a(?:\s*\([^()]{1,40}\))?\s*:(?!\S)|"
    # ... or after a dash, its items numbered ('A - (1) Plantar fasciitis, L. (2) ...')
    r"a\s+[-–—]\s+(?=\(?1[.)])|"
    # ... or what a worker is otherwise healthy but for ('She is otherwise healthy aside from asthma')
    r"healthy\s+(?:apart\s+from|aside\s+from|except\s+for|other\s+than|but\s+for|save\s+for)\b|"
    # the conditions the claim covers ('Her accepted conditions are', 'compensable conditions include', 'accepted and
    # treated conditions are')
    r"(?:accepted|compensable|industrial|admitted)\s+(?:(?:and|&)\s+(?:treated|compensable|accepted)\s+)?"
    r"(?:(?:body\s+parts?|injur(?:y|ies))\s+and\s+)?"
    r"(?:(?:psychiatric|orthopedic|orthopaedic|medical|physical|internal\s+medicine)\s+)?"  # ('accepted psychiatric conditions are')
    r"conditions?(?:\s+(?:are|is|were|was|include[sd]?|consist\s+of)\b|\s*:)|"
    # ('an accepted claim for asthma and hypertension', 'the claim was accepted for carpal tunnel syndrome')
    r"(?:accepted|compensable|industrial|admitted)\s+claims?\s+for\b|(?:(?<=was\s)|(?<=is\s)|(?<=were\s)|(?<=been\s))accepted\s+for\b"
)
# ... or under a body system's name alone, opening its line, as a list by organ system gives them ('Cardiac: sick
# sinus syndrome', '- Endocrine/metabolic: type 2 diabetes', 'Renal -   chronic kidney disease', 'Cardiology ---- CAD';
# not a note within a line: '... stopped - nephrology: no NSAIDs')
SYSTEM_LABEL = re.compile(r"\b(?:" + BODY_SYSTEMS + r"|genitourinary|vascular|neuro|psych|hem/onc|heme|pulm)"
                          r"(?:\s*(?:and|/|&)\s*[a-z]+)?\s*(?::|[-–—]+(?=\s))"
                          # (not a review of systems' denials: 'GI: denies dyspepsia, melena')
                          r"(?!\s*(?:denies|denied|no|negative|neg|none|normal|unremarkable|wnl)\b)")
# ... or what a report found, listed under 'the following' ('The cardiology QME found the following, with the
# hypertension put partly down to stress:', 'her chart lists the following problems:')
FOLLOWING_LABEL = re.compile(r"\b(?:found|finds|lists?|listed|gives?|gave|documents?|documented|records?|recorded|notes?|noted|"
                             r"diagnosed|reports?|reported|identified|includes?|included|has|had)\s+the\s+following"
                             # (conditions, not a sequence of events: 'the records give the following sequence:')
                             r"(?:\s+(?:conditions|diagnoses|problems|comorbidities|medical\s+(?:conditions|problems|history)))?"
                             r"(?:,[^.:;]{0,120})?:")
# ... or what a physician puts the worker's condition down to ('attributed her symptoms to carpal tunnel syndrome',
# 'his widespread aching was put down to polymyalgia rheumatica', 'put the rise down to dehydration',
# 'her pain was due to primary osteoarthritis', 'was better explained by the PTSD', 'considered the headaches to be
# cervicogenic headaches'; not what it was first put down to, which history reads as weighed): read only in a region
# that holds one of ATTRIBUTION_WORDS (plain substring tests, fast)
ATTRIBUTING = (r"(?:(?<!first\s)(?<!initially\s)(?<!originally\s)attribut(?:ed|es|ing)\s+(?:[a-z'’]+\s+){0,5}?to|(?:considered|felt|thought|believed|judged)\s+"
               r"(?:[a-z'’]+\s+){1,4}?to\s+be|put\s+(?:(?:it|this|that|them|these|those|(?:the|his|her|their)(?:\s+[a-z-]+){1,4})\s+)?"
               r"down\s+to)")
ATTRIBUTION_CUE = re.compile(
    ATTRIBUTING + r"\b|(?P<cause>due\s+to|caused\s+by|secondary\s+to|attributable\s+to|explained\s+by)\b|"
    # ... or by a verb of its own ('the night pain comes from adhesive capsulitis', 'the morning stiffness reflects
    # primary osteoarthritis of the knee')
    r"\b(?:(?:comes?|came|stems?|stemmed|arises?|arose|results?|resulted|originates?|originated)\s+"
    r"(?:mainly\s+|mostly\s+|largely\s+|partly\s+|chiefly\s+)?from|reflects?|reflected)\b")
# ... a cause said of the state by a verb ('was due to', 'is likely secondary to', 'better explained by')
CAUSE_VERB_BEFORE = re.compile(r"\b(?:was|were|is|are|likely|better|best)\s$")
ATTRIBUTION_WORDS = ("attribut", "due to", "caused by", "secondary to", "explained by", " to be ", " down to", "from",
                     "reflect")
CUE_WORD = re.compile(r"diagnos|impression|assess|a/p|problem|suffer|history|h/o|carries|dx|list|meet|met\b|fulfil|non|"
                      + BODY_SYSTEMS + r"|"
                      r"pm(?:s)?h|hx|med\s|comorbid|co-morbid|medical|found|treat|accepted|compensable|industrial|admitted|a\s*[:(]|a\s[-–—]|"
                      r"axis|confirm|background|evaluation|consult|from|per\s|iodine|radioiodine|radiation|radiotherapy|chemotherapy|ablation|dialysis|follow|see|saw|seen|progress|transplant|ectomy|plasty|resection|repair|fusion|release|surgery|"
                      r"other\s|past\s|prior\s|remaining\s|chronic\s|additional\s|coexisting|co-existing|added|known\s|existing\s|underlying\s|concurrent\s|concomitant\s|manag|records|notes|chart|file|"
                      r"turned|proved|proven|healthy|grafting|stenting|(?:tka|tha|tsa|acdf|orif|cabg|pci)\b|emg|nc[sv]|edx|electrodiagnostic|nerve\s|condition\s|replaced")
# ... or what a medical-legal evaluator found or recorded ('the orthopedic AME, on 09/28/2015, found bilateral knee
# osteoarthritis', 'the QME also recorded obesity'); not a study ('the MRI found ...') nor a treating physician's
# examination ('the surgeon found a varus deformity'): findings
FOUND_BY_AN_EVALUATOR = re.compile(r"\b(?:(?:qme|ame|ime|evaluator)\s*(?:,\s*on\s+[\d/]+\s*,\s*|\s+on\s+[\d/]+\s+)?|"
                                   # ... or a psychological evaluation ('A psychiatric evaluation in 2016 by the
                                   # QME's colleague found generalized anxiety disorder')
                                   # ... or by its evaluator ('The pain psychologist's evaluation of 02/2022 found ...')
                                   r"(?:psycholog(?:ical|ist['’]s)|psychiatr(?:ic|ist['’]s)|neuropsycholog(?:ical|ist['’]s))\s+"
                                   r"(?:evaluation|assessment|consultation)\b[^.;]{0,80}?\s)(?:also\s+)?(?:found|recorded|noted|listed)\b"
                                   r"(?!\s+(?:\d|(?:no|that|to|him|her|them|it|relief|improvement|tenderness|pain)\b|an?\s+(?:\d|"
                                   r"(?:improvement|decrease|increase|reduction|drop|rise|change)\b)))")
# ... or a condition's ICD code written after it, in brackets of either kind ('lumbar disc herniation (M51.26) with
# sciatica', 'PTSD, chronic [F43.12]'): the clause around the code states the worker's conditions.
ICD_CODE = link.ICD_CODE.lower()  # in the view's lower-cased text
WRITTEN_CODE = re.compile(r"[(\[]\s*(?:icd(?:-?10)?(?:-cm)?\s*:?\s*)?(?P<code>" + ICD_CODE + r")\s*[)\]]")
# ... or backward from a cue after the conditions: passive ('carpal tunnel syndrome was diagnosed by nerve
# studies', 'major depression, diagnosed by her psychologist', 'migraine headaches, first diagnosed in her
# twenties') or naming them ('insomnia is among her diagnoses', 'X is listed as a diagnosis', 'X remains the primary
# diagnosis').
BACKWARD_CUE = re.compile(r"diagnos(?:ed\b(?!\s+(?:with|as)\b)|is\b|es\b)|confirmed\b")
PASSIVE_BEFORE = re.compile(r"(?:\b(?:was|were|been|is|are)\s+|,\s*)(?:first\s+|initially\s+|originally\s+)?$")
NAMING_BEFORE = re.compile(
    r"\b(?:is|are|was|were|remains?)\s+(?:now\s+|also\s+)?(?:among|one\s+of|listed\s+(?:as|among)|"
    r"included\s+(?:in|among)|part\s+of|the|a|an)\s+(?:(?:her|his|their|the)\s+)?(?:[a-z]+\s+)?$"
)
# What ends a statement: a new clause about the worker or a relative clause (over the lower-cased text)...
_CLAUSE_VERB = (r"\s+(?:[a-z]+\s+)?(?:has|had|have|was|were|is|are|reports?|reported|underwent|received|completed|"
                r"takes|took|uses|used|continues|continued|denies|states|stated|notes|noted|describes|described|"
                r"considered|concluded|felt|thought|believed|attributed)\b")
# one flat alternation, each branch led by its literal (re then skips ahead on their first letters)
# The verbs a record tells by ('and lists current medications as ...'): each opens a clause of its own.
REPORTING_VERBS = r"reports|reported|lists|listed|records|recorded|documents|documented|notes|noted"
# The verbs that weigh a condition and never open a statement of their own ('considered' does: 'considered the
# headaches to be ...').
SUSPECTING_WORDS = ("suspected", "questioned", "queried")
# 'since' and 'until' before a time are no clause ('atrial fibrillation, on Eliquis since 05/2017; obesity', 'migraine
# since her twenties', 'and, since starting opioids, opioid-induced constipation')
A_TIME = (r"\s+(?:\d|(?:early|late|mid|last)\b|age\b|childhood|adolescence|then\b|[a-z]+ing\b|(?:"
          + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b|"
          r"(?:his|her|their)\s+(?:early\s+|late\s+|mid-?)?(?:teens|twenties|thirties|forties|fifties|sixties|youth|"
          r"childhood|adolescence)\b)")
CLAUSE_BREAK = re.compile(
    r";\s+(?=(?:he|she|they|the|his|her|this|that|there)\b)|"
    + "|".join(rf"{w}\b" for w in ("which", "who", "whom", "whose", "but", "however", "although", "though",
                                    "because", "whereas", "while", "when", "after"))
    + rf"|(?:since|until)\b(?!{A_TIME})"
    # a condition weighed after a statement's cue is weighed, not stated ('she developed swelling, and the surgeon
    # suspected complex regional pain syndrome'); not the adjective (ADJECTIVE_BEFORE: 'and suspected piriformis
    # syndrome', 'lists the diagnoses as suspected pseudarthrosis')
    + r"|(?:" + "|".join(SUSPECTING_WORDS) + r")\b"
    + "|" + "|".join(subject + _CLAUSE_VERB for subject in (
        "he", "she", "they", r"the\s+(?:patient|claimant|employee|applicant|(?:injured\s+)?worker)"))
    + r"|and\s+(?:was|is|has|had|were|are|underwent|received|recommended|requested|treated|referred|prescribed|"
    r"started|completed|continues|continued|" + REPORTING_VERBS + r")\b"
)
ADJECTIVE_BEFORE = re.compile(r"(?:\b(?:and|or|with|a|an|the|of|for|as|include[sd]?|including)|[,:])\s$")
# ... or a sentence end: . ! ? before a capital (in the view's text), unless the period ends a list number
# ('Diagnoses: 1. Lumbar radiculopathy. 2. Insomnia.') or a short abbreviation.
SENTENCE_END = re.compile(r"[.!?](?=\s+(?:[A-Z(]|" + BULLET + r"\s))")  # (a bulleted item after it)
# (a list's number after an opening quote too: '"1. L4-5 HNP ...')
NOT_AN_END = re.compile(r"(?:^|[\s(\"“'‘])(?:\d{1,2}|[A-Za-z]|" + "|".join(TITLE_ABBREVIATIONS) + r"|no|e\.g|i\.e)$",
                        re.IGNORECASE)
STATEMENT_LONGEST = 500  # characters: an unpunctuated block must not become one statement
LIST_LONGEST = 1500  # ... a labelled list is read item by item
MAX_RESUMED = 4  # relative clauses a list statement goes on past
MAX_RESUMED_ITEMS = 24  # ... and a labelled list's items, each ended by a semicolon or sentences of its own
# A series whose items semicolons part: its last item, and where an item's words start.
SERIES_LAST_ITEM = re.compile(r";\s+and\s")
SERIES_ITEM = re.compile(r"\s*(?:and\s+)?")


def diagnosis_statements(ctx: LetterContext, regions: list[tuple[int, int]], clauses: list[Clauses]) -> list[tuple[int, int]]:
    """The stretches of the view where the letter states the worker's conditions, in order, disjoint."""
    low = ctx.lower
    out = []
    for (lo, hi), cuts in zip(regions, clauses):
        for word in CUE_WORD.finditer(low, lo, hi):
            at = word.start()
            if word.group() in SUFFIX_CUES:  # an operation's suffix: its cue is read from the word's start ('cholecystectomy for')
                while at > lo and low[at - 1].isalpha():
                    at -= 1
            m = STATEMENT_CUE.match(low, at, hi) if _word_start(low, at) else None
            if m:
                heading = HEADING_COLON.match(low, m.end())
                # (a note's 'A:' holds its colon, 'A - ' its dash)
                listing = heading is not None or m.group().rstrip().endswith((":", "-", "–", "—"))
                # (a list is read from its label's colon: the label's own words may hold a clause's break)
                out += _read_on(cuts, m.end(), heading.end() if heading else m.end(), listing)
        out += [(m.end(), cuts.end_of(m.end(), False)) for m in FOUND_BY_AN_EVALUATOR.finditer(low, lo, hi)]
        out += [(m.end(), cuts.end_of(m.end(), False)) for m in SYSTEM_LABEL.finditer(low, lo, hi)
                if opens_its_line(ctx.view.original, ctx.view.to_original(m.start()))]
        if low.find("the following", lo, hi) >= 0:
            out += [stretch for m in FOLLOWING_LABEL.finditer(low, lo, hi) for stretch in _read_on(cuts, m.end(), m.end(), True)]
        if any(low.find(word, lo, hi) >= 0 for word in CLINICIAN_VERBS):
            out += [(m.end(), cuts.end_of(m.end(), False)) for m in DESCRIBED_BY_A_CLINICIAN.finditer(low, lo, hi)]
        if any(low.find(word, lo, hi) >= 0 for word in ATTRIBUTION_WORDS):
            out += [(m.end(), cuts.end_of(m.end(), False)) for m in ATTRIBUTION_CUE.finditer(low, lo, hi)
                    if _word_start(low, m.start()) and (not m.group("cause")
                                                        or CAUSE_VERB_BEFORE.search(low, max(lo, m.start() - 8), m.start()))]
        if low.find("(", lo, hi) >= 0 or low.find("[", lo, hi) >= 0:
            out += [(cuts.start_of(m.start()), cuts.end_of(m.end(), False)) for m in WRITTEN_CODE.finditer(low, lo, hi)]
        for m in BACKWARD_CUE.finditer(low, lo, hi):
            before = (PASSIVE_BEFORE if m.group().endswith("d") else NAMING_BEFORE).search(
                low, max(lo, m.start() - 40), m.start())
            if before:
                out.append((cuts.start_of(before.start()), before.start()))
    return _merged(out + _condition_tables(ctx, regions))


def _read_on(cuts: Clauses, start: int, label_end: int, listing: bool) -> list[tuple[int, int]]:
    """A statement's stretches from its cue's end: its clause (a list's, read from its label's end), and the clauses
    it resumes in after a break."""
    end = cuts.end_of(label_end, listing)
    out = [(start, end)]
    for _ in range(MAX_RESUMED_ITEMS if listing else MAX_RESUMED):
        resumed = cuts.resumed_after(end, listing)
        if resumed is None or listing and resumed > start + LIST_LONGEST:
            break
        end = cuts.end_of(resumed, False)
        out.append((resumed, end))
    return out


# A table of conditions: a header row of short cells set apart by runs of spaces, one of them the condition's
# ('Clinic      Condition      Status', 'Problem    Since    Followed by'); its rows, to the first blank line, state
# them. Read in the text as written, where the runs of spaces still part the cells.
# Cells are parted by runs of spaces or by bars ('| System | Condition | ICD-10 | Status |').
_CELL_SEPARATOR = r"(?:[ \t]{2,}|[ \t]*\|[ \t]*)"
# A header's cell of a word or a few (a cell's words may be parted by a spaced slash: 'Treatment / status'), and the
# cells after the one that names the table, to the line's end
_HEADER_CELL = r"[a-z][a-z0-9/&.-]*(?: [a-z/&][a-z/&.-]*){0,2}"
_LATER_CELLS = r"(?:" + _CELL_SEPARATOR + _HEADER_CELL + r")*[ \t]*\|?[ \t]*$"
CONDITION_HEADER = re.compile(r"(?im)^[ \t]*\|?[ \t]*(?:[a-z][a-z0-9/&.-]*(?: [a-z/&][a-z/&.-]*)?" + _CELL_SEPARATOR + r")*"
                              r"(?:conditions?|diagnos[ie]s|dx|problems?|medical\s+problems?)" + _LATER_CELLS)
CELL_SEPARATOR = re.compile(_CELL_SEPARATOR)


def table_cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each cell of a table's line, its cells parted by runs of spaces or bars."""
    cuts = [start] + [x for m in CELL_SEPARATOR.finditer(text, start, end) for x in m.span()] + [end]
    return [(a, b) for a, b in zip(cuts[::2], cuts[1::2]) if text[a:b].strip()]


def rows_under(text: str, header_end: int, limit: int, most: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each line under a table's header, up to `most` of them: a blank line between rows (a
    double-spaced layer) is passed over, two together end the table."""
    line_end, blank = header_end, 0
    for _ in range(most):
        start = line_end + 1
        if start >= limit:
            return
        line_end = text.find("\n", start, limit)
        line_end = limit if line_end < 0 else line_end
        if not text[start:line_end].strip():
            blank += 1
            if blank == 2:
                return
            continue
        blank = 0
        yield start, line_end


def cell_under(text: str, header: list[tuple[int, int]], k: int, row: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The cell of a row that stands under the header's k-th cell: the one whose start column lies between the end
    of the header cell before it and the start of the one after it (a value may start off its label's column)."""
    def column(at: int) -> int:
        return at - text.rfind("\n", 0, at) - 1
    lo = column(header[k - 1][1]) if k else -1
    hi = column(header[k + 1][0]) if k + 1 < len(header) else 10 ** 6
    return next((cell for cell in row if lo < column(cell[0]) < hi), None)
# ... or a code's column before a description's ('ICD-10 | Description | Status', 'Code    Description')
CODED_HEADER = re.compile(r"(?im)^[ \t]*\|?[ \t]*(?:icd(?:[- ]?(?:9|10)(?:-cm)?)?(?:\s+codes?)?|codes?|dx\s+codes?)"
                          + _CELL_SEPARATOR + r"descriptions?\b" + _LATER_CELLS)
BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _condition_tables(ctx: LetterContext, regions: list[tuple[int, int]]) -> list[tuple[int, int]]:
    text = ctx.view.original
    out = []
    for header in [*CONDITION_HEADER.finditer(text), *CODED_HEADER.finditer(text)]:
        if len(CELL_SEPARATOR.split(header.group().strip(" \t|"))) < 2:
            continue  # a word alone on its line is a heading, not a table's header
        blank = BLANK_LINE.search(text, header.end() + 1)
        start, end = ctx.view.span_to_view((header.end(), blank.start() if blank else len(text)))
        out += [(max(start, lo), min(end, hi)) for lo, hi in regions if start < hi and lo < end]
    return out


COLUMN_GAP = re.compile(r"[ \t]{2,}")


def _column_gap_before(ctx: LetterContext, start: int, previous_end: int) -> bool:
    """Whether a run of spaces on one line, a table's column gap, parts a token from the one before it."""
    gap = ctx.view.original[ctx.view.to_original(previous_end):ctx.view.to_original(start)]
    return "\n" not in gap and COLUMN_GAP.search(gap) is not None


# 'She also has type 2 diabetes', 'he has had hypertension', 'has since had': a condition the worker has, said with a verb; what
# follows up to the clause's end (history reads it as a diagnosis unless it names a symptom: 'she has knee
# pain' is a complaint; asked 'whether he had sleep apnea', it is a question). Found from the verb, which re
# skips ahead to, then who has it just before (within HAS_REACH characters: in the view a whitespace run is one
# space).
HAS_VERB = re.compile(r"(?:ha[sd]\s+(?:(?:since|also|long|previously)\s+had\s+|had\s+)?|(?:does|did)\s+(?:also\s+)?have\s+)"  # ('he does have fatty liver disease')
                      r"(?!(?:no|not|never|been|had|undergone|received|completed|tried|attended|used|worn|"
                      r"taken|a\s+trial|an?\s+(?:mri|x-?ray|ct|emg|exam|evaluation))\b)")
HAS_SUBJECT = re.compile(r"(?:(?<!whether )(?<!if )\b(?:he|she|they|patient|claimant|applicant|worker|employee|iw|individual)|,?\s+and)\s+"
                         r"(?:also\s+|additionally\s+|further\s+|still\s+)?\Z")
HAS_REACH = 40
# ... or developed ('He then developed adhesive capsulitis', 'the officer developed chronic PTSD'; not the
# reviewer who 'developed the following clinical case summary')
DEVELOPED = re.compile(r"developed(?<!\wdeveloped)\s+(?!(?:no|not|after|over|during|from|when|while|since|following|"
                       r"symptoms|the\s+following|this|that|a\s+(?:plan|summary|program))\b)")


# ... or what one caused or left behind ('the hepatitis had caused cirrhosis', 'the chemotherapy left him
# with a neuropathy'; not complaints)
CAUSED = re.compile(r"\b(?:caused|led\s+to|resulted\s+in|left\s+(?:him|her|them)\s+with)\s+"
                    r"(?!(?:by|him|her|them|no)\b|(?:[a-z]+\s+)?(?:complaints?|symptoms?|pain)\b)")
# ... or had once or more ('after an episode of pancreatitis', 'two bouts of gout')
AN_EPISODE_OF = re.compile(r"\b(?:an?|one|two|three|several|multiple|recurrent|repeated|\d+)\s+(?:[a-z]+\s+)?"
                           # (not one named again: 'a flare of his bowel disease')
                           r"(?:episodes?|bouts?|attacks?|flares?|flare-ups?)\s+of\s+(?!(?:his|her|their|the|this|that)\s)")
# ... not a drug's effect it was stopped for ('Ambien was stopped after an episode of sleepwalking', 'tapered off following
# two bouts of delirium'; a disease it caused is the worker's: 'stopped naproxen after an episode of gastritis')
STOPPED_FOR = re.compile(r"\b(?:stopped|discontinued|d/c'?d|tapered|weaned|halted|ceased|withdrawn|came\s+off|taken\s+off|"
                         r"switched)\b[^.;:]{0,60}?\b(?:after|following|because\s+of|due\s+to|owing\s+to|for)\s+\Z")
DRUG_EFFECT = re.compile(r"(?:[a-z-]+\s+)?(?:sleep-?walking|sleep\s+driving|complex\s+sleep\s+behaviou?rs?|somnambulism|delirium|"
                         r"confusion|hallucinations?|(?:over)?sedation|priapism)\b")


def conditions_had(ctx: LetterContext, regions: list[tuple[int, int]], clauses: list[Clauses]) -> list[tuple[int, int]]:
    low = ctx.lower
    out = []
    for (lo, hi), cuts in zip(regions, clauses):
        out += [(m.end(), cuts.end_of(m.end(), False)) for pattern in (AN_EPISODE_OF, CAUSED) for m in pattern.finditer(low, lo, hi)
                if pattern is CAUSED or not (DRUG_EFFECT.match(low, m.end()) and STOPPED_FOR.search(low, max(lo, m.start() - 80),
                                                                                                      m.start()))]
        after = lo  # a statement's cue starts where the one before it ends, or later
        for m in HAS_VERB.finditer(low, lo, hi):
            if HAS_SUBJECT.search(low, max(after, m.start() - HAS_REACH), m.start()):
                out += _read_on(cuts, m.end(), m.end(), False)
                after = m.end()
        out += [(m.end(), cuts.end_of(m.end(), False)) for m in DEVELOPED.finditer(low, lo, hi)]
    return _merged(out)


# Where a letter says a condition is absent ('no evidence of', 'negative for', 'denies', 'ruled out'): the code
# set's wordings are looked for there too, so ConText can mark them negated.
DENIAL = re.compile(r"(?:no\s+(?:[a-z]+\s+)?(?:evidence|signs?|history|indication|findings?|symptoms?)\s+(?:of|for)|"
                    r"negative\s+for|denie[sd]|absence\s+of|ruled\s+out|free\s+of|without\s+(?:any\s+)?evidence\s+of|"
                    r"inconsistent\s+with|incompatible\s+with|not\s+(?:consistent|compatible|suggestive|indicative)\s+"
                    r"(?:with|of)|negative\s+(?:medical\s+|past\s+)?history|(?:does|did)\s+not\s+(?:have|carry|find))\b")


def _any_word(*lists: str) -> str:
    """An alternation of the words of the rule file's word lists."""
    return "(?:" + "|".join(re.escape(word) for name in lists for word in vocab.context_word_lists()[name]) + ")"


# ... or a test or a clinician that excluded it ('laboratory testing had excluded rheumatoid arthritis', 'serologies
# excluded hepatitis B', 'the internist excluded gout'): found from the verb (fast), then the word before it,
# from the rule file's word lists (the ConText rules that negate it read the same ones)
EXCLUDING_VERB = r"(?:excluded|eliminated)"
EXCLUDING_SUBJECT = _any_word("before_excluded", "clinicians")
CLINICIAN = _any_word("clinicians") + "s?"
ALLERGIC_REACTION = _any_word("allergic_reactions")  # ('hives', 'anaphylaxis'): a drug allergy's, not a side effect
DENYING_LIST_WORDS = _any_word("denying_list_labels")  # ('Ruled out:', 'Considered and answered'): a list's label
# ... or what the treating physicians describe ('Her treating physicians now describe lumbar post-laminectomy syndrome'; not
# what the worker describes, nor 'describes constant lateral elbow pain')
# ... or follows ('Her cardiologist follows atrial fibrillation and heart failure'; not 'follows up')
# ... or records, adds or documents ('the psychiatrist records alcohol use disorder, mild'; not what one notes or
# documented, often a finding: 'the surgeon documented a valgus deformity')
CLINICIAN_VERBS = ("describ", "follows", "monitors", "record", "adds", "document", "note")
DESCRIBED_BY_A_CLINICIAN = re.compile(r"\b" + CLINICIAN + r"\s+(?:now\s+|also\s+|still\s+)?(?:describe[sd]?\b|"
                                      r"(?:records|recorded|adds|documents|notes|noted)\b|"
                                      r"(?:follows|monitors)\b(?!\s+(?:up|him|her|them|this|that|it)\b))"
                                      r"(?!\s+(?:him|her|them|how|what|that)\b|\s+(?:\S+\s+){0,6}?(?:pain|symptoms?|complaints?|"
                                      r"findings?|tenderness|numbness|weakness|stiffness|swelling|relief|reflexes|range|strength|"
                                      r"improvement|spasms?)\b(?!\s+(?:syndrome|disorder)\b))")
EXCLUDED = re.compile(r"\b" + EXCLUDING_VERB + r"\b")
EXCLUDED_BY = re.compile(r"(?:\b" + EXCLUDING_SUBJECT + r"|\d%?)\s+$")  # ... or a test's value ('an A1c of 5.4% excluded')
# ... or after it: 'X was ruled out', 'X was not confirmed', 'X has never been diagnosed', 'X is unlikely', 'X, ruled out',
# 'X was suspected but not confirmed': the denial's words (found fast), then what leads into them just before.
DENIED_WORDS = re.compile(r"(?:not|never)\s+(?:been\s+)?(?:confirmed|present|found|supported|seen|identified|demonstrated|"
                          r"substantiated|established|diagnosed|detected|evident|documented|reported|endorsed|described)\b|"
                          r"ruled\s+out\b|excluded\b|"
                          r"unlikely\b")
DENIED_LEAD = re.compile(r"(?:\b(?:but|and|was|were|been|is|are|has|have|had)\s+(?:(?:was|were|is|are|been|has|have|then|"
                         r"later|subsequently|ultimately|both|all)\s+)*|[,(:-]\s*)$")


def denials(ctx: LetterContext, regions: list[tuple[int, int]], clauses: list[Clauses]) -> list[tuple[int, int]]:
    low = ctx.lower
    out = []
    for (lo, hi), cuts in zip(regions, clauses):
        out += [(m.end(), cuts.end_of(m.end(), False)) for m in DENIAL.finditer(low, lo, hi)
                if _word_start(low, m.start())]
        out += [(m.end(), cuts.end_of(m.end(), False)) for m in EXCLUDED.finditer(low, lo, hi)
                if EXCLUDED_BY.search(low, max(lo, m.start() - 20), m.start())]
        for m in DENIED_WORDS.finditer(low, lo, hi):
            lead = DENIED_LEAD.search(low, max(lo, m.start() - 60), m.start()) if _word_start(low, m.start()) else None
            if lead:
                out.append((cuts.start_of(lead.start()), lead.start()))
    return out


# Where a letter weighs a condition ('Amyloidosis sat on the differential', 'gout was checked
# for'): the code set's wordings are looked for in the clause, so an answer after it can deny them.
# The verbs that weigh a condition (history reads them too).
WEIGHING_VERBS = (r"considered|suspected|questioned|raised|queried|entertained|weighed|wondered|suggested|floated|posited|"
                  r"feared|put\s+forward|proposed|mooted|contemplated|hypothesi[sz]ed")
# ... and a clinician's worry (history reads it too; not the worker's about a drug: 'declined it, worried about dizziness')
CLINICIAN_WORRIED = r"(?:" + CLINICIAN + r")\s+(?:[a-z]+\s+){0,3}?(?:worried|concerned)\s+(?:about|over)"
WEIGHING_CUE = re.compile(r"\b(?:" + WEIGHING_VERBS + r"|differential|checked|looked\s+for|tested\s+for|"
                          # ('led her internist to consider polymyalgia rheumatica', 'examined her for de Quervain's')
                          r"to\s+(?:consider|suspect|question|entertain|weigh)|(?:examined|evaluated)\s+(?:him|her|them)\s+"
                          r"(?:in\s+[\d/]+\s+)?for|"
                          r"concern\s+(?:for|about)|" + CLINICIAN_WORRIED + r")\b")


def weighings(ctx: LetterContext, regions: list[tuple[int, int]], clauses: list[Clauses]) -> list[tuple[int, int]]:
    return [(cuts.start_of(m.start()), cuts.end_of(m.end(), False))
            for (lo, hi), cuts in zip(regions, clauses) for m in WEIGHING_CUE.finditer(ctx.lower, lo, hi)]


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, overlapping ones joined, empty ones dropped."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(r for r in ranges if r[1] > r[0]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


SUFFIX_CUES = ("ectomy", "plasty")


def _word_start(low: str, at: int) -> bool:
    return at == 0 or not low[at - 1].isalnum()


class Clauses:
    """A region's sentence ends and clause breaks, found once; a statement runs from its cue to the next of
    them (back to the previous one for a cue after its conditions), found by bisection."""

    def __init__(self, ctx: LetterContext, lo: int, hi: int, named: list[int] = ()):
        self.ctx, self.low, self.text, self.lo, self.hi = ctx, ctx.lower, ctx.text, lo, hi
        self.named = named  # where the table's conditions start, in order
        self._found = False

    def _find(self) -> None:
        """Read once, when the region's first statement asks (most letters' summaries have a few)."""
        low, text, lo, hi = self.low, self.text, self.lo, self.hi
        # a list's last item ends without a full stop: the space before the next line is its end
        self.ends = sorted([m.start() for m in SENTENCE_END.finditer(text, lo, hi)
                            if not NOT_AN_END.search(text, max(lo, m.start() - 4), m.start())]
                           + [at - 1 for at in list_ends(self.ctx, lo, hi) if lo < at <= hi])
        breaks = [b for b in CLAUSE_BREAK.finditer(low, lo, hi)
                  if b.group().startswith(";") or _word_start(low, b.start())
                  and not (b.group() in SUSPECTING_WORDS and ADJECTIVE_BEFORE.search(low, max(lo, b.start() - 11), b.start()))]
        self.break_starts = [b.start() for b in breaks]
        self.break_ends = [b.end() for b in breaks]
        self._found = True

    def end_of(self, start: int, listing: bool) -> int:
        """Where a statement that starts at `start` ends; after a heading's colon ('Impression:') it runs on over
        the short sentences without a verb that list conditions one by one ('Right knee chondromalacia.')."""
        if not self._found:
            self._find()
        hi = min(self.hi, start + (LIST_LONGEST if listing else STATEMENT_LONGEST))
        end = hi
        for k in range(bisect_left(self.ends, start), len(self.ends)):
            at = self.ends[k]
            if at >= hi:
                break
            # (a list told in sentences goes on at a sentence led by a condition; a bulleted one does not; none goes
            # on past a label of its own, 'Meds:', 'S:')
            if not (listing and not NEXT_LABEL.match(self.low, at + 1) and (_list_item_follows(self.low, self.text, at + 1, hi) or self._wrapped_item(at + 1, hi)
                                 or self._led_by_a_condition(at + 1) and self._next_bullet(start, at, True) is None
                                 or self._next_item(at + 1, hi) is not None)):
                end = at
                break
        k = bisect_left(self.break_starts, start)
        return self.break_starts[k] if k < len(self.break_starts) and self.break_starts[k] < end else end

    def resumed_after(self, end: int, listing: bool = False) -> int | None:
        """Where a statement ended by a relative clause set off by commas goes on, in the same sentence
        ('hypothyroidism, for which she takes levothyroxine, asthma ...', 'migraines in her twenties, which had been
        quiescent for years, and hypothyroidism'): after the clause's closing comma; a labelled list ('Medical
        history: sleep apnea, treated with CPAP, although he uses it rarely; obesity; ...') goes on after the
        semicolon that ends the item, or at the next bullet; so does a sentence's series of items parted by
        semicolons, its last after '; and' ('his problems are diabetes, treated with metformin; hypertension; and
        coronary artery disease'), at each item that opens with a condition; a statement goes on at 'as well as'
        ('..., noting heavy drinking after the assault, as well as chronic insomnia'); None elsewhere."""
        k = bisect_left(self.ends, end)
        sentence_end = self.ends[k] if k < len(self.ends) else self.hi
        if listing:
            semicolon = self.low.find(";", end, sentence_end)
            if semicolon >= 0:
                return semicolon + 1
            bullet = self._next_bullet(end, min(self.hi, end + WRAPPED_ITEM_LONGEST)) or self._next_item(end, self.hi)
            if bullet is not None and not LABEL_BETWEEN.search(self.low, end, bullet):
                return bullet  # ... or at the next bulleted item (not one under another label: 'Meds:')
            # ... or at the next sentence of a list told in sentences (a table's row is one), past a clause cut short
            starts = self.ctx.sentence_chars
            k = bisect_right(starts, end)
            nearer = starts[k] if k < len(starts) and starts[k] < sentence_end else sentence_end + 1
            after = WORD_START.search(self.low, nearer, self.hi) if nearer < self.hi else None
            if after is not None and self._led_by_a_condition(after.start()):
                return after.start()
            sublabel = self._next_sublabel(end, min(self.hi, end + ITEM_LONGEST))
            if sublabel is not None:
                return sublabel  # ... or at the next line led by a body system's label ('Endocrine/metabolic: ...')
        semicolon = self.low.find(";", end, sentence_end)
        if semicolon >= 0 and SERIES_LAST_ITEM.search(self.low, semicolon, sentence_end):
            item = SERIES_ITEM.match(self.low, semicolon + 1).end()
            if self._led_by_a_condition(item):
                return item
        more = AS_WELL_AS.search(self.low, end, sentence_end)
        if more:
            return more.end()
        # (or ended by a short phrase before it: 'chronic obstructive pulmonary disease after 30 pack-years of smoking,
        # which he gave up in 2015, and type 2 diabetes')
        relative = RELATIVE_CLAUSE_AT.match(self.low, end) \
            if COMMA_BEFORE.search(self.low, max(self.lo, end - 12), end) else PHRASE_THEN_RELATIVE_CLAUSE.match(self.low, end)
        if relative is None:
            return None
        comma = self.low.find(", ", relative.end(), sentence_end)
        return comma + 2 if comma >= 0 else None

    def _led_by_a_condition(self, at: int) -> bool:
        """The sentence at `at` opens with a condition's name, an item of a labelled list told in sentences
        ('Past medical history: Reflux disease on Nexium. Osteoporosis, found on DEXA in 2017, treated with
        alendronate. ...')."""
        word = WORD_START.search(self.low, at)
        if word is None:
            return False
        start = LEADING_QUALIFIERS.match(self.low, word.start()).end()  # ('Moderate mitral regurgitation on an echo ...')
        k = bisect_left(self.named, word.start())
        return k < len(self.named) and word.start() <= self.named[k] <= start or _opens_with_a_term(self.low, start)

    def _next_item(self, at: int, hi: int) -> int | None:
        """Where the next bulleted item starts when the sentence at `at` is one more of an item told in sentences:
        the next item, within ITEM_LONGEST, opens with a condition ('- Type 2 diabetes since 2001. She takes
        metformin. Insulin was offered, and she declined.' / '- Diabetic polyneuropathy ...')."""
        bullet = self._next_bullet(at, min(hi, at + ITEM_LONGEST), across_sentences=True)
        return bullet if bullet is not None and self._led_by_a_condition(bullet) else None

    def _next_bullet(self, at: int, hi: int, across_sentences: bool = False) -> int | None:
        """Where the next bulleted item's words start, when one starts a line before any sentence ends (or any
        one, across sentences)."""
        view = self.ctx.view
        for m in BULLET_AFTER.finditer(self.text, at, hi):
            if not across_sentences and SENTENCE_END.search(self.text, at, m.start()):
                return None
            start = view.to_original(m.start() + 1)
            if not view.original[view.original.rfind("\n", 0, start) + 1:start].strip():
                return m.end()
        return None

    def _next_sublabel(self, at: int, hi: int) -> int | None:
        """Where the words after the next line-leading label start ('   Renal: chronic kidney disease ...', '  -
        Endocrinology: osteoporosis ...'), when it is no label of another kind ('Allergies:', 'Social:')."""
        view = self.ctx.view
        for m in SUBLABEL_AFTER.finditer(self.low, at, hi):
            if LABEL_BETWEEN.match(self.low, m.start() + 1):
                return None
            if self._led_by_a_condition(m.start() + 1):
                continue  # a condition and its status ('Gout - allopurinol'), an item
            start = view.to_original(m.start() + 1)
            if LINE_OPENING.fullmatch(view.original, view.original.rfind("\n", 0, start) + 1, start):
                return m.end()
        return None

    def _wrapped_item(self, at: int, hi: int) -> bool:
        """The words at `at` are the rest of a bulleted item that ran onto a second line: a bulleted line follows
        them before any sentence ends ('- End-stage renal disease ...; hemodialysis' / 'Monday, Wednesday and
        Friday since 2016' / '- Gout')."""
        return self._next_bullet(at, min(hi, at + WRAPPED_ITEM_LONGEST)) is not None

    def start_of(self, end: int) -> int:
        """Where a statement that ends at `end` (its cue) starts."""
        if not self._found:
            self._find()
        start = max(self.lo, end - STATEMENT_LONGEST)
        k = bisect_left(self.ends, end) - 1
        if k >= 0 and self.ends[k] + 1 > start:
            start = self.ends[k] + 1
        k = bisect_right(self.break_ends, end) - 1
        if k >= 0 and self.break_starts[k] >= start:
            start = self.break_ends[k]
        return start


WORD_START = re.compile(r"\S")
# A label of something other than conditions: a list of conditions ends at it.
_OTHER_LABEL = (r"(?:(?:current\s+|discharge\s+)?(?:meds?|medications?)|rx|allerg\w*|intolerances?|tx|treatments?|"
                r"s|o|p|plan|labs?|imaging|social(?:\s+history)?|family(?:\s+history)?|f/?hx|s/?hx|exam\w*|"
                r"subjective|objective|ur|rfa|work\s+status|complaints?|symptoms|cc|hpi|chief\s+complaints?)"
                r"(?:\s+[a-z/]+){0,3}(?:\s*\([^()]{0,60}\))?:\s")  # ('Tx to date:', 'Medication trials:')
NEXT_LABEL = re.compile(r"\s*" + _OTHER_LABEL)
SUBLABEL_AFTER = re.compile(r"\s[a-z][a-z/&-]*(?:\s[a-z/&-]+){0,2}(?:\s*\([^()]{0,40}\))?(?::\s+|\s+(?:--|[-–—])\s+)")
LABEL_BETWEEN = re.compile(r"(?:^|(?<=\s))" + _OTHER_LABEL)
# Words a condition's name may open with that the lexicon's wording leaves out: its side, its degree, its course, its
# spinal region.
LEADING_QUALIFIERS = re.compile(r"(?:(?:left|right|bilateral|bilat|l|r|lt|rt|mild|moderate|severe|chronic|acute|remote|known|"
                                r"early|long-?standing|stable|recurrent|paroxysmal|persistent|"
                                + "|".join(sorted(SPINAL_REGIONS, key=len, reverse=True)) + r")\s+){0,2}")
AS_WELL_AS = re.compile(r"\bas\s+well\s+as\b")
RELATIVE_CLAUSE_AT = re.compile(r"(?:which|who|whom|whose)\b")
PHRASE_THEN_RELATIVE_CLAUSE = re.compile(r"[^.;,()]{1,40}?,\s*(?:for\s+)?(?:which|who|whom|whose)\b")
COMMA_BEFORE = re.compile(r",\s*(?:(?:for|in|with|of|to|by|from)\s+)?$")
# 'Diagnoses:', 'Impression :', 'Diagnosis(es):', 'Medical history, from the internal medicine consultation of
# 09/05/2019:', 'Past medical history (per the QME report of 05/02/2013):', 'Non-industrial history, as summarized in an
# internal medicine evaluation dated 06/14/2016:'
HEADING_COLON = re.compile(_LABEL_TAIL)
LIST_ITEM_WORDS = 10
VERB = re.compile(r"\b(?:is|are|was|were|be|been|has|had|have|reports?|reported|denies|denied|underwent|received|completed|"
                  r"takes|took|uses|used|states|stated|notes|noted|showed|revealed|requested|recommended|continues|"
                  r"continued|remains|works|worked|lives|might|may|could|would|should|will|can|wondered|asked|felt|"
                  r"thought|believed|said|told|ordered|referred|complains?|complained|describes?|described|presents?|"
                  r"presented|says|walks|ambulates|attends|sees|saw)\b")


WRAPPED_ITEM_LONGEST = 160  # characters
ITEM_LONGEST = 400  # characters: the rest of a bulleted item told in sentences
LINE_OPENING = re.compile(r"\s*(?:(?:" + BULLET + r"|" + NUMBERED + r")\s*)?")  # what may lead a line before its label
BULLET_AFTER = re.compile(r"\s(?:" + BULLET + r"|" + NUMBERED + r")\s")  # a bullet or an item's number ('2)', '(3)', '4.')


def _list_item_follows(low: str, text: str, at: int, hi: int) -> bool:
    """The sentence at `at` is a short verbless phrase, an item of a list of conditions."""
    nxt = SENTENCE_END.search(text, at, hi)
    item = low[at:nxt.start() if nxt else hi]
    return len(item.split()) <= LIST_ITEM_WORDS and not VERB.search(item)


def _code_set_diagnoses(doc: Doc, ctx: LetterContext, statements: list[tuple[int, int]]) -> list[Span]:
    """Conditions in the code set's own wording (titles, inclusion terms) where the letter states diagnoses;
    labelled with that wording. Our table's wordings are matched everywhere by the phrase matcher."""
    if not statements:
        return []
    terms, prefixes, shorthand = link.condition_terms(), _term_prefixes(), vocab.condition_shorthand()
    starts, ends, low = ctx.token_starts, ctx.token_ends, ctx.lower
    out = []
    for region in statements:
        first, last = ctx.region_tokens(region)
        for i in range(first, last):
            first_word = low[starts[i]:ends[i]]
            if not first_word.isalnum() or _expanded(shorthand, first_word, ctx.text[starts[i]:ends[i]]) not in prefixes:
                continue  # a wording starts at a word that begins one
            # words added one token at a time while they begin some wording; the longest wording wins; shorthand
            # is read as the code set's words ('primary OA', 'adjustment disorder w/ anxiety')
            key, found = "", None
            j = i
            while j < last:
                piece, step = low[starts[j]:ends[j]], 1
                if piece in CLAUSE_MARKS or j > i and _column_gap_before(ctx, starts[j], ends[j - 1]):
                    break  # (a table's next cell is no word of it: 'Primary      Gout')
                if j + 2 < last and ends[j] == starts[j + 1] and ends[j + 1] == starts[j + 2] \
                        and low[starts[j]:ends[j + 2]] in shorthand:
                    piece, step = low[starts[j]:ends[j + 2]], 3  # shorthand the tokenizer splits at its slash ('d/o')
                j += step
                word = _expanded(shorthand, piece, ctx.text[starts[j - step]:ends[j - 1]])
                word = word if word != piece or piece.isalnum() else vocab.folded_key(piece)
                if not word:
                    continue  # a comma, hyphen, apostrophe or slash inside a wording
                longer = f"{key} {word}" if key else word
                if longer not in prefixes:
                    if key and word in REMISSION_STAGES:
                        continue  # 'in sustained remission': the code set says 'in remission'
                    break
                key = longer
                if key in terms:
                    found = (j, key)
            if found:
                out.append(Span(doc, i, found[0], label=found[1]))
    return out


CLAUSE_MARKS = frozenset(".;:!?()[]")


def _expanded(shorthand: dict[str, str], word: str, written: str) -> str:
    """A word of a wording as the code set writes it: shorthand of letters only where written in capitals ('OA', not
    the 'ra' of a word broken at its line's end)."""
    words = shorthand.get(word)
    return words if words and (not word.isalpha() or written.isupper()) else word
# The stages of remission DSM-5 names and the code set does not ('alcohol use disorder, in early remission').
REMISSION_STAGES = frozenset({"early", "sustained"})
# A problem list that writes each code before its condition in the code set's words ('M51.26 Other
# intervertebral disc displacement, lumbar region'): the title after its own code is that condition.
CODE_BEFORE = re.compile(r"(?<![\w.])(?P<code>" + ICD_CODE + r")\s+(?=[a-z])")


# Conditions given by their codes alone where the letter states diagnoses ('The diagnoses listed are F33.1, F41.1 and
# G47.00'): a full code between list marks, not before a title nor in brackets after a condition.
CODE_ALONE = re.compile(r"(?:^|(?<=[\s,;:]))(?P<code>" + ICD_CODE + r")(?=\s*(?:,|;|\.(?!\d)|\band\b|\bor\b|$))")


def _codes_alone(doc: Doc, ctx: LetterContext, statements: list[tuple[int, int]]) -> list[Span]:
    out = []
    for lo, hi in statements:
        for m in CODE_ALONE.finditer(ctx.lower, lo, hi):
            code = link.written_code(m.group("code"))
            title = link.icd10cm_title(code) if code and not link.needs_encounter_character(code) else None
            span = doc.char_span(*m.span("code")) if title else None
            if span is not None:
                out.append(Span(doc, span.start, span.end, label=title.lower()))
    return out


def _titles_after_codes(doc: Doc, ctx: LetterContext, regions: list[tuple[int, int]]) -> list[Span]:
    out = []
    for lo, hi in regions:
        for m in CODE_BEFORE.finditer(ctx.lower, lo, hi):
            code = link.written_code(m.group("code"))
            title = link.icd10cm_title(code) if code else None
            end = m.end() + len(title or "")
            if title and vocab.folded_key(ctx.lower[m.end():end]) == vocab.folded_key(title):
                span = doc.char_span(m.end(), end)
                if span is not None:
                    out.append(Span(doc, span.start, span.end, label=title.lower()))
    return out


# A code written after a condition, before the next condition: 'Segmental dysfunction, lumbar region (M99.03)',
# 'left shoulder rotator cuff tendinitis (M75.82)'.
CODE_AFTER = re.compile(r"[^()\[\].;:]{0,60}?" + WRITTEN_CODE.pattern)
# A list item the wording table does not know, with the physician's code after it ('2. Bilateral sensorineural
# hearing loss (H90.3)', '; blurred vision (H53.8)', 'Long term (current) use of opiate analgesic (Z79.891)'): a
# few words from the item's start to the code, one of them in brackets as the code set writes its titles.
ITEM_BEFORE_CODE = re.compile(r"(?:^|[;:,]|(?:^|\s)" + BULLET + r"|\b\d{1,2}[.)])\s*(?P<words>[a-z][a-z'/-]*(?:\s+(?:[a-z][a-z'/-]*|\([a-z]+\))){0,6}"
                              r"(?:,\s*(?:right|left|bilateral|unspecified|[a-z]+\s+region))?)\s*" + WRITTEN_CODE.pattern)
# ... but a qualifier after a condition's comma ('PTSD, chronic (F43.12)') is the condition's, whose code it is.
QUALIFIERS_ONLY = re.compile(r"(?:(?:chronic|acute|subacute|recurrent|severe|moderate|mild|unspecified|right|left|"
                             r"bilateral|healed|resolved|improved|stable|controlled|uncontrolled|intractable|"
                             r"persistent|intermittent)\b\s*)+")


def _items_before_codes(doc: Doc, ctx: LetterContext, statements: list[tuple[int, int]], found: list[Span]) -> list[Span]:
    """Conditions named only by the code written after them, where the letter states diagnoses; labelled with
    the code's title (so they are coded with it). Not a piece of a condition already found, nor a clause."""
    out = []
    for lo, hi in statements:
        if ctx.lower.find("(", lo, hi) < 0 and ctx.lower.find("[", lo, hi) < 0:
            continue
        for m in ITEM_BEFORE_CODE.finditer(ctx.lower, lo, hi):
            code = link.written_code(m.group("code"))
            title = link.icd10cm_title(code) if code and not link.needs_encounter_character(code) else None
            start, end = m.span("words")
            if title is None or VERB.search(ctx.lower, start, end) or QUALIFIERS_ONLY.fullmatch(ctx.lower, start, end) or any(
                    s.start_char < end and start < s.end_char or s.end_char <= start and _written_for(ctx, s, code)
                    for s in found):
                continue  # a piece of a condition found, or what follows one the code is written for
            span = doc.char_span(start, end)
            if span is not None:
                out.append(Span(doc, span.start, span.end, label=title.lower()))
    return out


def _written_for(ctx: LetterContext, span: Span, code: str) -> bool:
    """Whether a code written after a condition, before the next one, is that condition's code."""
    m = CODE_AFTER.match(ctx.lower, span.end_char)
    return m is not None and link.written_code(m.group("code")) == code \
        and is_code_of(code, link.icd10cm(span.label_), span.label_, ctx.span_text(span))


def is_code_of(written: str, code: str | None, label: str, text: str) -> bool:
    """Whether a code the letter writes after a condition names it: of its category, or a finer code whose title holds
    its wording ('primary OA' and 'primary osteoarthritis, right knee'), or one whose title names the condition by a word
    of its wording ('insomnia disorder (F51.01)', 'Primary insomnia'); for a wording without a code, one whose title
    shares a word with it or with the part it names ('rotator cuff tendinitis (M75.81)': the shoulder's)."""
    if code is None:
        padded = f" {' '.join(text.lower().split())} "
        parts = {part for term, part in vocab.body_parts().items() if f" {term} " in padded}
        return link.shares_title_word(written, " ".join([text, *parts]))
    # (or one of another category whose title names the same condition: 'insomnia disorder (F51.01)', Primary insomnia)
    return written[:3] == code[:3] or label in (link.icd10cm_title(written) or "").lower() \
        or link.shares_title_word(written, label, naming=True)


ELIDING_JOINTS = frozenset({"or", "and", "/", "&"})


def _elided_heads(doc: Doc, spans: list[Span]) -> list[Span]:
    """'alcohol or drug abuse', 'cervical and lumbar radiculopathy': a word joined to a condition's first word
    shares the rest of its name, where the two make a condition of their own (the word alone is the span)."""
    taken = {i for s in spans for i in range(s.start, s.end)}
    out = []
    for span in spans:
        at = span.start - 2
        if len(span) < 2 or at < 0 or at in taken or doc[span.start - 1].lower_ not in ELIDING_JOINTS \
                or not doc[at].is_alpha:
            continue
        wording = " ".join([doc[at].lower_, *(t.lower_ for t in span[1:])])
        label = vocab.folded_key(wording)
        if label in vocab.diagnosis_synonyms() or link.icd10cm(wording):
            out.append(Span(doc, at, at + 1, label=label))
    return out


TERM_WORD = re.compile(r"[a-z0-9'-]+")


def _opens_with_a_term(low: str, at: int) -> bool:
    """Whether the words at `at` open with a condition in the code set's wording ('Pulmonary hypertension, moderate,
    ...'), where the lexicon has no name for it."""
    terms, prefixes = link.condition_terms(), _term_prefixes()
    key, end = "", at
    for word in TERM_WORD.finditer(low, at, at + 80):
        if key and not low[end:word.start()].isspace():
            return False  # (a wording is words parted by spaces)
        key, end = f"{key} {word.group()}" if key else word.group(), word.end()
        if key in terms:
            return True
        if key not in prefixes:
            return False
    return False


@cache
def _term_prefixes() -> frozenset[str]:
    """Every leading run of words of the code set's condition wordings ('chronic', 'chronic pain', ...); kept
    between runs."""
    return derived("term_prefixes", _prefixes_of_terms, code=[__file__, link.__file__, str(link.ICD_TABLE)])


def _prefixes_of_terms() -> frozenset[str]:
    out = set()
    for key in link.condition_terms():
        words = key.split()
        out.update(" ".join(words[:n]) for n in range(1, len(words) + 1))
    return frozenset(out)


def _runs_into_the_next(ctx: LetterContext, span: Span) -> bool:
    low = ctx.lower
    return "," in low[span.start_char:span.end_char] and bool(
        INTO_THE_NEXT.search(low, span.start_char, span.end_char) and NEXT_WORD.match(low, span.end_char))


# A qualifier that is part of a condition's name ('lumbar disc displacement without myelopathy'): kept in the
# span, so the 'without' in it negates nothing after it.
TITLE_QUALIFIER = re.compile(r"\s*,?\s*(?:without|w/o)\s+(?:myelopathy|radiculopathy)(?:\s+or\s+(?:myelopathy|radiculopathy))?\b")


def _with_title_qualifier(doc: Doc, ctx: LetterContext, span: Span) -> Span:
    if "w" not in ctx.lower[span.end_char:span.end_char + 4]:
        return span  # no 'without' or 'w/o' follows: most spans
    m = TITLE_QUALIFIER.match(ctx.lower, span.end_char)
    if not m:
        return span
    longer = doc.char_span(span.start_char, m.end(), label=span.label, alignment_mode="expand")
    return longer if longer is not None else span
