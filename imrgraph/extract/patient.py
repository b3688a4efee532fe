"""`imr_patient`: the injured worker's age, sex, occupation and date of injury."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..models import Mention, Patient
from ..text import DATE, parse_date
from .context import LetterContext

AGE_SEX = re.compile(
    r"(?i)\b(?P<age>\d{1,3})\s*-?\s*(?:years?|yrs?|y/o|yo)\b(?:\s*-?\s*old)?[\s,-]*"
    r"(?:(?:right|left|ambi)[\s-]?handed[\s,]+|(?:married|single|divorced|widowed)[\s,]+)?"
    r"(?P<sex>male|female|man|woman|gentleman|lady|boy|girl)?\b"
)
SEX_WORD = re.compile(r"(?i)\b(?:is\s+an?\s+|the\s+)(?P<sex>male|female|man|woman|gentleman|lady)\b")
FEMALE = frozenset({"female", "woman", "lady", "girl"})
INJURY_CUE = re.compile(r"(?i)injur|accident|\bdoi\b|date\s+of\s+(?:the\s+)?(?:industrial\s+)?(?:injury|loss)|"
                        r"incident|fell\b|trauma")
# Four wordings of an occupation, each with the words it cannot match without: the leftmost match of
# those whose words the view holds (one pattern of all four was re-tried at every word of the summary).
OCCUPATION_WORDINGS = tuple((re.compile(pattern), cues) for pattern, cues in (
    (r"\b(?:work(?:ing|ed|s)?|employed|job)\s+as\s+(?:an?\s+|the\s+)?(?P<job>[a-z][a-z/ \-]{2,40}?)"
     r"(?=\s*(?:\bat\b|\bfor\b|\bwhen\b|\bwith\b|\bin\b|\bwhile\b|,|\.|\bwho\b|\band\b|$))", (" as ",)),
    (r"\b(?:usual\s+|normal\s+|customary\s+|regular\s+)?(?:normal/usual\s+)?work\s+duties\s+(?:in|as\s+an?)\s+"
     r"(?P<job>[a-z][a-z/ \-]{2,40}?)(?=\s*(?:,|\.|\bwhen\b|\bat\b|\bfor\b|$))", ("work duties",)),
    (r"\boccupation\s*(?:is|was|:)\s*(?:an?\s+)?(?P<job>[a-z][a-z/ \-]{2,40}?)(?=\s*(?:,|\.|\n|$))", ("occupation",)),
    (r"\b(?:an?\s+)(?P<job>[a-z][a-z\- ]{2,30}?)\s+by\s+(?:occupation|trade)\b", ("by occupation", "by trade")),
))
# "a 39-year-old female grocery cashier who ...": the words between the sex and the clause that follows.
OCCUPATION_AFTER_SEX = re.compile(
    r"\s+(?P<e>[a-z][a-z\-]+(?:\s+[a-z][a-z\-]+){0,2}?)(?=\s*(?:,|\bwho\b|\bwhose\b|\bsustained\b|\binjured\b|"
    r"\breported\b|\bwas\b|\bhas\b|\bhad\b|\bwith\b|\bhurt\b|\bdeveloped\b|\bfell\b|\bslipped\b))"
)
# Words an occupation never starts with, and wordings that name the person rather than the job.
NOT_OCCUPATION_START = frozenset({
    "at", "in", "for", "when", "with", "while", "who", "whose", "the", "a", "an", "and", "of", "on", "to", "from", "by",
    "result", "well", "usual", "normal", "is", "was", "has", "had", "currently", "previously", "formerly", "injured",
})
NOT_OCCUPATION = frozenset({"patient", "claimant", "applicant", "worker", "employee", "individual", "person"})


@Language.component("imr_patient")
def extract_patient(doc: Doc) -> Doc:
    ctx: LetterContext = doc._.letter
    text = ctx.text
    region = ctx.sections.get("summary") or (0, len(text))
    age = sex = occupation = injury = None
    m = AGE_SEX.search(text, *region)
    if m and 14 <= int(m.group("age")) <= 100:
        age = Mention(int(m.group("age")), ctx.original(*m.span("age")))
        if m.group("sex"):
            word = m.group("sex").lower()
            sex = Mention("female" if word in FEMALE else "male", ctx.original(*m.span("sex")))
    if sex is None:
        sm = SEX_WORD.search(text, *region)
        if sm:
            sex = Mention("female" if sm.group("sex").lower() in FEMALE else "male", ctx.original(*sm.span("sex")))
    low = ctx.lower
    occupation = _occupation(ctx, region, m)
    header = ctx.header.get("date_of_injury")
    if header:
        dm = DATE.search(low, *header)
        if dm and parse_date(dm):
            injury = Mention(parse_date(dm), ctx.original(*dm.span()))
    if injury is None:
        injury = _injury_date(ctx, region)
    ctx.patient = Patient(age, sex, occupation, injury)
    return doc


def _occupation(ctx: LetterContext, region: tuple[int, int], age_sex: re.Match | None) -> Mention | None:
    """'worked as a bank teller', 'work duties in landscaping', '44-year-old female data entry clerk who'."""
    text, low = ctx.text, ctx.lower
    candidates = []
    om = None
    for pattern, cues in OCCUPATION_WORDINGS:  # the view's whitespace is single spaces: cues are literal
        if any(low.find(cue, *region) >= 0 for cue in cues):
            m = pattern.search(low, *region)
            if m and (om is None or m.start() < om.start()):
                om = m
    if om:
        candidates.append((text[om.start("job"):om.end("job")], om.start("job")))
    if age_sex and age_sex.group("sex"):
        am = OCCUPATION_AFTER_SEX.match(text, age_sex.end(), region[1])
        if am:
            candidates.append((am.group("e"), am.start("e")))
    for raw, start in sorted(candidates, key=lambda c: c[1]):
        value = " ".join(raw.split()).strip(" -/")
        if value and value.split()[0] not in NOT_OCCUPATION_START and value.split()[-1] not in NOT_OCCUPATION - {"worker"} \
                and value not in NOT_OCCUPATION:
            return Mention(value, ctx.original(start, start + len(raw.rstrip(" -/"))))
    return None


INJURY_AFTER = re.compile(r"(?i)^[^.;]{0,80}?\b(?:injur|slipped|tripped|fell\b|lifting|twisted|struck|was\s+hit|"
                          r"assault|robbed|collision|accident|strain(?:ed|ing)\b|hurt\b)")
ENCOUNTER = re.compile(r"(?i)\b(?:exam|report|visit|note|mri|x-?rays?|radiographs?|request|dated|seen|evaluat|perform|"
                       r"surgery|injection|therapy|prescri|follow|utilization|reviewed|denied|certif)")


def _injury_date(ctx: LetterContext, region: tuple[int, int]) -> Mention | None:
    """The first date with an injury cue shortly before it (same sentence) or an injury event right after it;
    else the summary's first date when its sentence describes no clinical encounter ('On 1/21/2014 two men
    robbed the branch')."""
    text, low = ctx.text, ctx.lower
    first = None
    for dm in DATE.finditer(low, *region):  # read up to the date that answers, not the whole summary
        if not parse_date(dm):
            continue
        first = first or dm
        before = text[max(region[0], dm.start() - 90):dm.start()]
        before = re.split(r"[.;]\s", before)[-1]
        if INJURY_CUE.search(before) or INJURY_AFTER.match(text, dm.end(), region[1]):
            return Mention(parse_date(dm), ctx.original(*dm.span()))
    if first:
        start = max(text.rfind(". ", region[0], first.start()) + 1, region[0])
        end = text.find(". ", first.end(), region[1])
        if not ENCOUNTER.search(text, start, end if end > 0 else region[1]):
            return Mention(parse_date(first), ctx.original(*first.span()))
    return None
