"""spaCy components that turn matched spans and sections into the fields of a determination."""

from __future__ import annotations

import difflib
import re
from bisect import bisect_right
from dataclasses import replace
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import link, vocab
from ..models import (
    Diagnosis,
    DisputedTreatment,
    ItemMedication,
    Medication,
    Mention,
    Patient,
    PriorTreatment,
    Reviewer,
)
from ..text import DATE, collapse, parse_date
from .citations import compile_catalogues, parse_citations
from .components import lower_of, sentences, span_text, spans_of, text_of
from .quantities import guideline_limits, parse_request, strength_and_form


def _result(doc: Doc) -> dict:
    return doc.user_data.setdefault("imr", {})


def _in(span: Span | tuple[int, int], region: tuple[int, int] | None) -> bool:
    if region is None:
        return False
    start, end = (span.start_char, span.end_char) if isinstance(span, Span) else span
    return region[0] <= start and end <= region[1]


class _Sentence:
    """A sentence as character offsets and lower-cased text; remembers which cue patterns it holds
    (several mentions share a sentence)."""

    __slots__ = ("start_char", "end_char", "low", "_cues")

    def __init__(self, low: str, start: int, end: int):
        self.start_char, self.end_char, self.low = start, end, low[start:end]
        self._cues: dict[re.Pattern, bool] = {}

    def has(self, cue: re.Pattern) -> bool:
        found = self._cues.get(cue)
        if found is None:
            found = self._cues[cue] = cue.search(self.low) is not None
        return found


def _sentence(doc: Doc, span: Span) -> _Sentence:
    first_tokens, first_chars = sentences(doc)
    i = bisect_right(first_tokens, span.start) - 1
    made = doc.user_data.setdefault("sentence_objects", {})
    if i not in made:
        made[i] = _Sentence(lower_of(doc), first_chars[i], first_chars[i + 1])
    return made[i]


# --- reviewer ---------------------------------------------------------------------------------
# Patterns in lower case are searched in the view's lower-cased text (lower_of).
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
    letter = doc.user_data["letter"]
    region = letter.sections.get("qualifications")
    text = text_of(doc)
    specialties: list[Mention] = []
    board = None
    licensed: list[Mention] = []
    if region:
        seen = set()
        for span in spans_of(doc, "specialty"):
            if _in(span, region) and span.label_ not in seen:
                seen.add(span.label_)
                specialties.append(Mention(span.label_, (span.start_char, span.end_char)))
        if not specialties:
            specialties = _unknown_specialties(text, region)
        low = lower_of(doc)
        board = True if BOARD.search(low, *region) else None
        for m in LICENSE.finditer(low, *region):
            for code, span in _states_in(text[m.start("where"):m.end("where")], m.start("where")):
                if code not in {x.value for x in licensed}:
                    licensed.append(Mention(code, span))
    _result(doc)["reviewer"] = Reviewer(specialties, board, licensed)
    return doc


def _states_in(where: str, offset: int) -> list[tuple[str, tuple[int, int]]]:
    """US states named in a licensure phrase: full names (longest first) or upper-case USPS codes."""
    states = vocab.us_states()
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


def _unknown_specialties(text: str, region: tuple[int, int]) -> list[Mention]:
    """A specialty the lexicon lacks, from 'Board Certified in X and ...' wording."""
    out = []
    for m in SPECIALTY_CUE.finditer(text, *region):
        rest = re.match(r"([A-Z][A-Za-z&/ \-]{2,60}?)(?=\s*(?:,|\.|\band\b|\bwith\b|\bhas\b|\bis\b|\n|$))", text[m.end():region[1]])
        if rest and not vocab.us_states().get(rest.group(1).lower()):
            value = " ".join(w if w.isupper() else w.capitalize() for w in rest.group(1).split())
            out.append(Mention(value, (m.end(), m.end() + len(rest.group(1)))))
    return out


# --- patient ----------------------------------------------------------------------------------
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
    letter = doc.user_data["letter"]
    text = text_of(doc)
    region = letter.sections.get("summary") or (0, len(text))
    age = sex = occupation = injury = None
    m = AGE_SEX.search(text, *region)
    if m and 14 <= int(m.group("age")) <= 100:
        age = Mention(int(m.group("age")), m.span("age"))
        if m.group("sex"):
            word = m.group("sex").lower()
            sex = Mention("female" if word in FEMALE else "male", m.span("sex"))
    if sex is None:
        sm = SEX_WORD.search(text, *region)
        if sm:
            sex = Mention("female" if sm.group("sex").lower() in FEMALE else "male", sm.span("sex"))
    low = lower_of(doc)
    occupation = _occupation(text, low, region, m)
    header = letter.header.get("date_of_injury")
    if header:
        dm = DATE.search(low, *header)
        if dm and parse_date(dm):
            injury = Mention(parse_date(dm), dm.span())
    if injury is None:
        injury = _injury_date(text, low, region)
    _result(doc)["patient"] = Patient(age, sex, occupation, injury)
    return doc


def _occupation(text: str, low: str, region: tuple[int, int], age_sex: re.Match | None) -> Mention | None:
    """'worked as a bank teller', 'work duties in landscaping', '44-year-old female data entry clerk who'."""
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
            return Mention(value, (start, start + len(raw.rstrip(" -/"))))
    return None


INJURY_AFTER = re.compile(r"(?i)^[^.;]{0,80}?\b(?:injur|slipped|tripped|fell\b|lifting|twisted|struck|was\s+hit|"
                          r"assault|robbed|collision|accident|strain(?:ed|ing)\b|hurt\b)")
ENCOUNTER = re.compile(r"(?i)\b(?:exam|report|visit|note|mri|x-?rays?|radiographs?|request|dated|seen|evaluat|perform|"
                       r"surgery|injection|therapy|prescri|follow|utilization|reviewed|denied|certif)")


def _injury_date(text: str, low: str, region: tuple[int, int]) -> Mention | None:
    """The first date with an injury cue shortly before it (same sentence) or an injury event right after it;
    else the summary's first date when its sentence describes no clinical encounter ('On 1/21/2014 two men
    robbed the branch')."""
    first = None
    for dm in DATE.finditer(low, *region):  # read up to the date that answers, not the whole summary
        if not parse_date(dm):
            continue
        first = first or dm
        before = text[max(region[0], dm.start() - 90):dm.start()]
        before = re.split(r"[.;]\s", before)[-1]
        if INJURY_CUE.search(before) or INJURY_AFTER.match(text, dm.end(), region[1]):
            return Mention(parse_date(dm), dm.span())
    if first:
        start = max(text.rfind(". ", region[0], first.start()) + 1, region[0])
        end = text.find(". ", first.end(), region[1])
        if not ENCOUNTER.search(text, start, end if end > 0 else region[1]):
            return Mention(parse_date(first), first.span())
    return None


# --- history: diagnoses, medications, prior treatments, body parts ------------------------------
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
LATERALITY = re.compile(r"(?i)(?:\b(?P<side>left|right|bilateral|both)\s+(?:(?:upper|lower)\s+)?$)")


@Language.component("imr_history")
def extract_history(doc: Doc) -> Doc:
    letter = doc.user_data["letter"]
    summary = letter.sections.get("summary")
    result = _result(doc)
    result["diagnoses"] = _diagnoses(doc, summary)
    result["medications"] = _medications(doc, summary, letter)
    result["prior_treatments"] = _prior_treatments(doc, summary)
    result["body_parts"] = _body_parts(doc, summary)
    return doc


def _diagnoses(doc: Doc, region) -> list[Diagnosis]:
    chosen: dict[str, Diagnosis] = {}
    for span in spans_of(doc, "diagnosis"):
        if not _in(span, region):
            continue
        sent = _sentence(doc, span)
        if QUALIFIER_AFTER.match(text_of(doc)[span.end_char:span.end_char + 20]):
            continue
        if not sent.has(DIAGNOSIS_CUE) and not (
                span._.negex and EXPLICIT_NEGATION.search(lower_of(doc), sent.start_char, span.start_char)):
            continue
        code = link.icd10cm(span.label_)
        written = span_text(doc, span)
        key = code or written.lower()
        found = Diagnosis(" ".join(written.split()), code, bool(span._.negex), bool(span._.uncertain),
                          (span.start_char, span.end_char))
        kept = chosen.get(key)
        # a positive statement outweighs a negated or uncertain one of the same condition
        if kept is None or (kept.negated or kept.uncertain) and not (found.negated or found.uncertain):
            chosen[key] = found
    return list(chosen.values())


def _resolve_overlaps(doc: Doc) -> tuple[list[Span], list[Span]]:
    """(drugs, services) with overlaps settled by length: 'cortisone injection' is a procedure, 'Terocin
    lotion' a drug. Computed once per letter."""
    if "drug_service_spans" not in doc.user_data:
        drugs, services = spans_of(doc, "drug"), spans_of(doc, "service")
        overlapping = {(d.start, s.start) for d in drugs for s in services if d.start < s.end and s.start < d.end} \
            if drugs and services else set()
        by_start = {x.start: x for x in drugs}, {x.start: x for x in services}
        lost_drugs = {d for d, s in overlapping if len(by_start[1][s]) > len(by_start[0][d])}
        lost_services = {s for d, s in overlapping if len(by_start[1][s]) <= len(by_start[0][d])}
        doc.user_data["drug_service_spans"] = ([d for d in drugs if d.start not in lost_drugs],
                                               [s for s in services if s.start not in lost_services])
    return doc.user_data["drug_service_spans"]


def drug_spans(doc: Doc) -> list[Span]:
    return _resolve_overlaps(doc)[0]


def service_spans(doc: Doc) -> list[Span]:
    return _resolve_overlaps(doc)[1]


def _medications(doc: Doc, region, letter) -> list[Medication]:
    drugs = drug_spans(doc)
    requested = {s.label_ for s in drugs for it in letter.items if _in(s, it.heading)}
    chosen: dict[str, Medication] = {}
    for span in drugs:
        if not _in(span, region):
            continue
        negated = bool(span._.negex) and span.label_ not in requested
        kept = chosen.get(span.label_)
        if kept is None:
            chosen[span.label_] = Medication(span_text(doc, span), span.label_, negated, (span.start_char, span.end_char),
                                             span._.drugbank)
        elif kept.negated and not negated:
            kept.negated = False
    return list(chosen.values())


def _prior_treatments(doc: Doc, region) -> list[PriorTreatment]:
    """Services named in a sentence about past care; a named drug there is the service 'medication'."""
    out: dict[str, PriorTreatment] = {}
    mentions = [(s, s.label_) for s in service_spans(doc)] + [(d, "medication") for d in drug_spans(doc)]
    for span, service in sorted(mentions, key=lambda m: m[0].start):
        if not _in(span, region) or span._.negex:
            continue
        sent = _sentence(doc, span)
        if not sent.has(PRIOR_CUE) or REQUEST_CUE.search(lower_of(doc), sent.start_char, span.start_char) \
                or REQUEST_CUE.search(sent.low, 0, 40):
            continue
        if service not in out:
            text = _with_head_noun(doc, span) if service == span.label_ else span_text(doc, span)
            out[service] = PriorTreatment(text, service, (span.start_char, span.start_char + len(text)))
    return list(out.values())


def _with_head_noun(doc: Doc, span: Span) -> str:
    """'chiropractic' + 'care'/'treatments' as written."""
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and nxt.lower_ in ("care", "treatment", "treatments", "therapy", "sessions", "visits"):
        return text_of(doc)[span.start_char:nxt.idx + len(nxt)]
    return span_text(doc, span)


def _body_parts(doc: Doc, region) -> list[Mention]:
    out: dict[str, Mention] = {}
    for span in spans_of(doc, "body_part"):
        if not _in(span, region):
            continue
        sent = _sentence(doc, span)
        if not sent.has(COMPLAINT_CUE) or sent.has(EXAM_CUE) or sent.has(REQUEST_CUE):
            continue
        value, start = _lateral(doc, span)
        if value not in out:
            out[value] = Mention(value, (start, span.end_char))
    return list(out.values())


IRREGULAR_PLURALS = {"foot": "feet", "extremity": "extremities", "tooth": "teeth"}


def _number_for_side(part: str, side: str) -> str:
    """'bilateral shoulders', 'left lower extremity': both sides take the plural, one side the singular."""
    *head, last = part.split()
    singular = {v: k for k, v in IRREGULAR_PLURALS.items()}.get(last, last)
    if side != "bilateral":
        return " ".join([*head, singular])
    plural = IRREGULAR_PLURALS.get(singular) or (singular if singular.endswith("s") else singular + "s")
    return " ".join([*head, plural])


def _lateral(doc: Doc, span: Span) -> tuple[str, int]:
    """Canonical body part with its side ('left knee'), and where the mention starts."""
    m = LATERALITY.search(text_of(doc)[max(0, span.start_char - 25):span.start_char])
    value = span.label_
    if m:
        side = "bilateral" if m.group("side").lower() in ("bilateral", "both") else m.group("side").lower()
        return f"{side} {_number_for_side(value, side)}", span.start_char - (len(m.group()) - m.start("side") + m.start())
    return value, span.start_char


# --- items ------------------------------------------------------------------------------------
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
    concept = vocab.services().get(service)
    return CATEGORY_UNIT.get(concept.category, "session") if concept else "session"


@Language.factory("imr_items", default_config={"typo_cutoff": 0.84})
def make_items(nlp: Language, name: str, typo_cutoff: float):
    return ItemExtractor(nlp, typo_cutoff)


class ItemExtractor:
    def __init__(self, nlp: Language, typo_cutoff: float):
        self.nlp = nlp
        self.typo_cutoff = typo_cutoff
        self.service_words = sorted({w for s in vocab.services().values() for p in s.patterns
                                     for w in re.findall(r"[a-z]{5,}", p)})
        self.known_words = frozenset(self.service_words)
        # headings repeat their words: a word's correction is looked for once (difflib takes ~1 ms)
        self._closest_service_word = lru_cache(maxsize=65536)(self._closest)
        compile_catalogues()

    def __call__(self, doc: Doc) -> Doc:
        letter = doc.user_data["letter"]
        items = []
        for block in letter.items:
            try:
                items.append(self.item(doc, block))
            except Exception as exc:  # one unreadable item must not cost the letter its other items
                letter.problems.append(f"item {text_of(doc)[slice(*block.heading)][:60]!r} not extracted: {exc}")
        _result(doc)["items"] = items
        return doc

    def services(self, doc: Doc, heading: tuple[int, int]) -> list[tuple[Span, str]]:
        """(span, service id) of a heading in order; a drug name is the service 'medication'."""
        drugs = [s for s in drug_spans(doc) if _in(s, heading)]
        spans = [(s, s.label_) for s in service_spans(doc) if _in(s, heading)]
        return sorted(spans + [(d, "medication") for d in drugs], key=lambda x: x[0].start)

    def typo_services(self, text: str) -> list[str]:
        """Services of a heading after correcting misspelt words ('Behavavioral')."""
        fixed = []
        for word in re.findall(r"[A-Za-z]+|[^A-Za-z]+", text):
            low = word.lower()
            if len(low) >= 6 and low.isalpha() and low not in self.known_words:
                word = self._closest_service_word(low) or word
            fixed.append(word)
        corrected = self.nlp.make_doc("".join(fixed))
        corrected.user_data["letter"] = None
        lexicon_matcher = self.nlp.get_pipe("imr_lexicon")
        matched = lexicon_matcher.matchers["service"](corrected)
        return list(dict.fromkeys(corrected.vocab.strings[m] for m, _, _ in sorted(matched, key=lambda x: x[1])))

    def _closest(self, word: str) -> str | None:
        close = difflib.get_close_matches(word, self.service_words, n=1, cutoff=self.typo_cutoff)
        return close[0] if close else None

    def item(self, doc: Doc, block) -> DisputedTreatment:
        text = text_of(doc)
        heading_text = text[slice(*block.heading)].strip()
        found = self.services(doc, block.heading)
        drug = next((s for s, service in found if service == "medication"), None)
        services = list(dict.fromkeys(service for _, service in found))
        if not services:
            services = self.typo_services(heading_text)
        if "physical-therapy" not in services and PT_ABBREVIATION.search(heading_text):
            services.append("physical-therapy")
        medication = None
        if drug is not None:
            strength, form = strength_and_form(text[drug.end_char:block.heading[1]])
            written = span_text(doc, drug)
            form = form or strength_and_form(written)[1]  # 'Terocin patches' names its form
            medication = ItemMedication(drug.label_, strength, form, written, (drug.start_char, drug.end_char),
                                        drug._.drugbank)
        request = self._request(doc, block.heading, found, services, medication)
        regions = self._regions(doc, block.heading)
        original = doc.user_data["view"].original  # item paragraphs keep offsets into the text as read
        ca, ca_lit = parse_citations(original[slice(*block.claims_administrator)], block.claims_administrator[0]) \
            if block.claims_administrator else ([], [])
        rv, rv_lit = parse_citations(original[slice(*block.reviewer)], block.reviewer[0]) if block.reviewer else ([], [])
        if block.reviewer and ADOPTS_CLAIMS_GUIDELINES.search(original, *block.reviewer):
            rv = [replace(c, pages=list(c.pages)) for c in ca] + rv
        rationale = collapse(original[slice(*block.rationale)]) if block.rationale else ""
        limits = guideline_limits(original[slice(*block.rationale)], block.rationale[0]) if block.rationale else []
        literature = list({(x.author, x.year): x for x in ca_lit + rv_lit}.values())
        return DisputedTreatment(
            text=heading_text, span=block.heading, services=services, medication=medication,
            quantity=request["quantity"], unit=request["unit"], frequency=request["frequency"],
            duration=request["duration"], body_regions=regions, decision=block.decision,
            claims_administrator_guidelines=ca, reviewer_guidelines=rv, literature=literature,
            rationale=rationale, rationale_span=block.rationale, guideline_limits=limits,
            decision_span=block.decision_span, problems=list(block.problems), quantities=request["quantities"],
        )

    def _request(self, doc: Doc, heading, found: list[tuple[Span, str]], services: list[str], medication) -> dict:
        """Quantities per service part of the heading; one total when the parts agree."""
        text = text_of(doc)
        cuts = [heading[0]] + [s.start_char for s, _ in found[1:]] + [heading[1]]
        parts = []
        for i, service in enumerate(services if len(found) == len(services) else services[:1]):
            start, end = (cuts[i], cuts[i + 1]) if len(found) == len(services) else heading
            default = (medication.form or "tablet") if service == "medication" and medication else \
                default_unit(service)
            program = service is not None and getattr(vocab.services().get(service), "category", None) == "programs"
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

    def _regions(self, doc: Doc, heading) -> list[Mention]:
        out: dict[str, Mention] = {}
        for span in spans_of(doc, "body_part"):
            if _in(span, heading):
                value, start = _lateral(doc, span)
                out.setdefault(value, Mention(value, (start, span.end_char)))
        for m in SPINAL_LEVEL.finditer(text_of(doc), *heading):
            value = LEVEL_REGION[m.group("r").lower()]
            out.setdefault(value, Mention(value, m.span()))
        return sorted(out.values(), key=lambda m: m.span)

