"""`imr_items`: each disputed item's services, drug, amounts, regions, decision and guideline citations."""

from __future__ import annotations

import bisect
import difflib
import itertools
import re
from dataclasses import replace
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import link, vocab
from ..cache import derived
from ..models import Citation, DisputedTreatment, ItemBlock, ItemMedication, Mention
from ..text import blank_spans, collapse, paragraph_end
from .body_parts import COORDINATED, SIDES, SPINAL_LEVEL, request_regions, side_of
from .citations import (
    adopted_in_part,
    adopts_claims_administrator,
    claims_administrator_in_summary,
    claims_administrator_in_summary_by_item,
    claims_administrators_by_pages,
    claims_administrators_by_place,
    claims_administrators_by_topic,
    claims_administrators_by_topic_name,
    compile_catalogues,
    find_literature,
    guidelines_by_party,
    pages_of_the_same,
    parse_citations,
    pointed_at_items,
    same_as_above,
    tells_the_claims_administrators,
    told_by_party_first,
    without_claims_administrators_set_aside,
)
from .context import LetterContext, inside, letter_of
from .lexicon_matcher import STEROID_WORDS
from .quantities import NUMBER_WORD, guideline_limits, parse_request, strength_and_form

LEVEL_REGION = {"c": "cervical", "t": "thoracic", "l": "lumbar"}  # a level by its first letter ('L5-S1' is lumbar)
LEVEL_RANGE_END = re.compile(r"-\s*([ctl])")  # ... and a range's last level ('T11-L3', 'C7-T1')
# A request naming only a class of drugs ('Topical NSAID', 'Opioids') asks for medication, with no drug.
DRUG_CLASS = re.compile(
    r"(?i)\b(?:nsaids?|opioids?|opiates?|narcotics?|muscle\s+relaxants?|muscle\s+relaxers?|benzodiazepines?"
    r"|anti-?depressants?|anti-?convulsants?|anti-?epileptics?|proton\s+pump\s+inhibitors?|ppis?|analgesics?"
    r"|anti-?inflammator(?:y|ies)|hypnotics?|sleep\s+aids?|antihistamines?|laxatives?|stool\s+softeners?"
    r"|medical\s+foods?)\b"
)
# 'referral to physical therapy', 'referral for a psychological evaluation': the referral asks for what follows.
REFERRAL_TO = re.compile(r"(?i)\breferrals?\s+(?:for|to)\b")
# Imaging that guides a procedure ('ultrasound-guided injection', 'under CT guidance') is part of it, not a
# study asked for.
GUIDANCE = re.compile(r"(?i)[\s-]guid(?:ed|ance)\b")
STEROID = re.compile(r"(?i)\b" + STEROID_WORDS + r"\b")
# An injection named by where it goes only ('injection into the right knee') is a corticosteroid injection.
INJECTION = re.compile(r"(?i)\binjections?\b")
# A request for a compounded topical names several drugs as one product ...
COMPOUNDED = re.compile(r"\b(?:creams?|gels?|ointments?|lotions?|compound(?:ed)?|topicals?|transdermal)\b")
# ... each ingredient after the one before and its strength ('Flurbiprofen 20%/Cyclobenzaprine 4% cream')
INGREDIENT_BREAK = re.compile(r"\s*[/+]\s*(?=[A-Za-z])")
# Devices named by the parts they fit ('ankle foot orthosis', 'below-elbow prosthesis', 'wrist splint').
DEVICE_FOR_A_PART = re.compile(r"\b(?:orthos[ie]s|orthotics?|prosthe\w*|braces?|splints?|garments?|gloves?|sleeves?|"
                               r"supports?|shoes?|boots?)\b")
# 'hand surgeon', 'spine specialist', 'a hand surgery consultation', 'hand therapy' (a therapist's discipline): a
# body part naming a clinician's field is no body region of the request (nor one in a field a visit is with:
# 'consultations with spine surgery, neurology and rheumatology').
NAMES_A_FIELD = re.compile(r"\s*(?:surgeons?|specialists?|(?:surgery|surgical)\s+(?:consult\w*|referral|evaluation"
                           r"|follow[\s-]*up|visit|opinion))\b|(?<=hand)\s+therap(?:y|ies|ists?)\b")
STAY_WITH = re.compile(r"\bwith\s+(?:an?\s+)?\d{1,2}[\s-]*(?:days?|nights?)[\s-]+(?:inpatient\s+|hospital\s+)?"
                       r"(?:stay|admission)\b")
# A drug a test measures ('Serum drug levels for gabapentin and duloxetine') is no drug asked for.
TESTED_FOR = re.compile(r"\b(?:levels?|concentrations?|assays?|screen(?:ing)?|testing|tests?)\s+(?:of|for)\s+"
                        r"(?:[\w/-]+(?:\s*,\s*|\s+(?:and|or)\s+))*$")
# A drug is asked for without a body region unless it is put on one ('ketoprofen cream to the right knee').
TOPICAL_FORMS = frozenset({"cream", "gel", "patch", "ointment", "lotion", "spray"})
# Words of at least this many letters that no vocabulary knows are candidates for a typo correction.
TYPO_MIN_LETTERS = 6
# A strength per hour ('Butrans 10mcg/hr') is a transdermal patch's.
RATE_PER_HOUR = re.compile(r"(?i)(?<![a-z])(?:mcg|µg|mg)\s*/\s*(?:hr|h|hour)\b")
# A physician's field named with a visit ('orthopedic surgery consultation', 'follow-up with pain management'):
# the field is no service asked for; the visit word says which evaluation-and-management service is.
VISIT_WORDS = {"consult": "consultation", "referral": "consultation", "evaluation": "consultation",
               "opinion": "consultation", "follow": "office-visit", "visit": "office-visit"}
VISIT_AFTER = r"\s+(?P<after>consult(?:ation)?s?|referrals?|(?:re-?)?evaluations?|follow[\s-]*ups?|(?:office\s+)?visits?" \
              r"|(?:second\s+)?opinions?)\b"
VISIT_BEFORE = r"\b(?P<before>consult(?:ation)?s?|referrals?|follow[\s-]*ups?|(?:office\s+)?visits?|(?:re-?)?evaluations?)" \
               r"\s+(?:with|to|by)\s+(?:an?\s+|the\s+)?"
VISIT_WORD = re.compile(r"\b(?:consult|referral|evaluation|re-?evaluation|follow|visit|opinion)")


def finest(services: list[str]) -> list[str]:
    """The services without those another of them refines ('TENS unit and supplies' asks for a TENS unit,
    not also for durable medical equipment)."""
    concepts = vocab.services()
    refined = set()
    for service in services:
        broader = getattr(concepts.get(service), "broader", None)
        while broader and broader not in refined:
            refined.add(broader)
            broader = getattr(concepts.get(broader), "broader", None)
    return [s for s in services if s not in refined]


def asked_for(services: list[str], heading: str) -> list[str]:
    """The services a request asks for when one of its wordings only leads to another: a referral to a
    treatment ('referral to physical therapy') asks for the treatment; an injection named generically beside
    a named kind ('knee injections with Synvisc') is that kind, unless a steroid is named; imaging that guides
    a procedure is part of the procedure."""
    concepts = vocab.services()
    if REFERRAL_TO.search(heading) and any(concepts[s].category != "evaluation-management" for s in services):
        services = [s for s in services if s != "consultation"]
    if GUIDANCE.search(heading) and any(concepts[s].category != "diagnostic-testing" for s in services):
        services = [s for s in services if vocab.listed_service(s) != "imaging"]
    if "corticosteroid-injection" in services and not STEROID.search(heading) \
            and any(concepts[s].category == "injections" and s != "corticosteroid-injection" for s in services):
        services = [s for s in services if s != "corticosteroid-injection"]
    return services


def _heading_words() -> tuple[list[str], frozenset[str]]:
    """The service vocabulary's words, and the words a heading may hold that are no misspelt service word
    (those, other vocabularies' words and the sides: 'bilateral' is no misspelt 'lateral')."""
    service_words = sorted({w for s in vocab.services().values() for p in s.patterns
                            for w in re.findall(r"[a-z]{5,}", p)})
    known_words = frozenset(service_words) | frozenset(
        w for vocabulary in (vocab.body_parts(), link.drug_vocabulary(), vocab.specialties(), SIDES)
        for phrase in vocabulary for w in re.findall(rf"[a-z]{{{TYPO_MIN_LETTERS},}}", phrase))
    return service_words, known_words


@Language.factory("imr_items", default_config={"typo_cutoff": 0.84})
def make_items(nlp: Language, name: str, typo_cutoff: float):
    return ItemExtractor(nlp, typo_cutoff)


VISITS = re.compile(r"\bvisits?\b")
HOURS = re.compile(r"\b(?:hours?|hrs?)\b")
# Where a request says what it is for, or what it comes before, after what it asks for ('psychological
# evaluation prior to a spinal cord stimulator trial').
PURPOSE = re.compile(r"\b(?:to\s+(?:evaluate|assess|rule\s+out|r/o|check|confirm|exclude|look\s+for|investigate|"
                     r"determine|document)|for\s+(?:evaluation|assessment)\s+of|r/o|prior\s+to|before|ahead\s+of|"
                     r"in\s+(?:preparation|anticipation)\s+(?:for|of)|pending)\b")
# A number inside a drug's or a service's name ('Tylenol #3', 'three phase bone scan', '4-wheeled walker').
NUMBER_IN_NAME = re.compile(r"\d|\b(?:" + NUMBER_WORD + r"|triple|double)\b")
# Where a service leading to other care goes ('transportation to physical therapy appointments'): the care
# after it is not asked for.
GOES_TO = re.compile(r"\b(?:to|from|for)\b")



def _given_by(drug: Span, services: list[Span]) -> bool:
    """The drug is named inside the name of a service that gives it ('Toradol injection', `imr:givesItsDrug`)."""
    concepts = vocab.services()
    return any(inside(drug, (s.start_char, s.end_char)) and concepts[s.label_].gives_its_drug for s in services)

class ItemExtractor:
    def __init__(self, nlp: Language, typo_cutoff: float):
        self.nlp = nlp
        self.typo_cutoff = typo_cutoff
        self.service_words, self.known_words = derived("heading_words", _heading_words, code=[__file__, link.__file__],
                                                       packages=("drug-named-entity-recognition",))
        self.long_word = re.compile(rf"[a-z]{{{TYPO_MIN_LETTERS},}}")
        # headings repeat their words: a word's correction is looked for once (difflib takes ~1 ms)
        self._closest_service_word = lru_cache(maxsize=65536)(self._closest)
        fields = "|".join(re.escape(f) for f in sorted(vocab.specialties(), key=len, reverse=True))
        self.field_visit = re.compile(rf"(?:{VISIT_BEFORE})?\b(?P<field>{fields})\b(?:{VISIT_AFTER})?")
        compile_catalogues()

    def __call__(self, doc: Doc) -> Doc:
        ctx = letter_of(doc)
        for block, heading in zip(ctx.letter.items, ctx.headings):
            try:
                ctx.items.append(self.item(doc, ctx, block, heading))
            except Exception as exc:  # one unreadable item must not cost the letter its other items
                ctx.problems.append(f"item {ctx.text[slice(*heading)][:60]!r} not extracted: {exc}")
        return doc

    def services(self, ctx: LetterContext, heading: tuple[int, int]) -> list[tuple[int, str]]:
        """(view offset, service id) of each service a heading names, in order; a drug name is the service
        'medication'; a misspelt service word is read as the word it misspells."""
        spans = ctx.group_in("service", heading)
        named = self._field_visits(ctx, heading, spans)
        named += [(d.start_char, "medication") for d in ctx.group_in("drug", heading) if not _given_by(d, spans)
                  and not TESTED_FOR.search(ctx.lower, max(heading[0], d.start_char - 60), d.start_char)]
        known = {service for _, service in named}
        # (a word the lexicon read as written is no misspelling: 'surgery' in 'orthopedic surgery consultation')
        named += [(heading[0] + offset, service) for offset, service in self.typo_services(ctx.text[slice(*heading)])
                  if service not in known and not any(s.start_char <= heading[0] + offset < s.end_char for s in spans)]
        known |= {service for _, service in named}
        named += [(heading[0] + offset, service) for offset, service in self.bracketed_services(ctx.text[slice(*heading)])
                  if service not in known]
        return sorted(named)

    def bracketed_services(self, text: str) -> list[tuple[int, str]]:
        """(offset, service id) in a heading read without its brackets, where a note in brackets parts a service's
        words ('Left shoulder (subacromial bursa) injection'); none when it has no brackets."""
        if "(" not in text:
            return []
        kept = [k for k, c in enumerate(text) if c not in "()"]
        return [(kept[at], service) for at, service
                in self.nlp.get_pipe("imr_lexicon").services_in("".join(text[k] for k in kept))]

    def _fields_visited(self, ctx: LetterContext, heading) -> list[re.Match]:
        """A physician's field named with a visit word before or after it ('orthopedic surgery consultation',
        'consultations with hand surgery')."""
        if not VISIT_WORD.search(ctx.lower, *heading):
            return []
        return [m for m in self.field_visit.finditer(ctx.lower, *heading) if m.group("before") or m.group("after")]

    def _field_visits(self, ctx: LetterContext, heading, spans) -> list[tuple[int, str]]:
        """(view offset, service id) of the services a heading names, reading a physician's field named with
        a visit word ('orthopedic surgery consultation', 'follow-up with pain management') as the visit:
        a service word inside a longer field's name is none ('surgery' there), and a field with no service
        of its own asks for the consultation or office visit its word says ('ophthalmology evaluation'). A
        field that is itself the service ('physical therapy evaluation') stays that service."""
        fields = self._fields_visited(ctx, heading)
        named = [(s.start_char, s.label_) for s in spans
                 if not any(m.start("field") <= s.start_char and s.end_char <= m.end("field")
                            and (s.start_char, s.end_char) != m.span("field") for m in fields)]
        if any(vocab.services()[service].category == "evaluation-management" for _, service in named):
            return named
        for m in fields:
            # a field inside a service's own name ('skilled nursing visits') is that service's word
            if not any(m.start("field") <= at < m.end("field") for at, _ in named) \
                    and not any(s.start_char <= m.start("field") and m.end("field") <= s.end_char for s in spans):
                visit = m.group("before") or m.group("after")
                return [*named, (m.start(), next(v for k, v in VISIT_WORDS.items() if k in visit))]
        return named

    def typo_services(self, text: str) -> list[tuple[int, str]]:
        """(offset, service id) in a heading after correcting misspelt words ('Cognitive Behavorial
        therapy'); none when no word needed a correction."""
        if all(w in self.known_words for w in self.long_word.findall(text.lower())):
            return []  # most headings: every long word is known
        fixed, starts = [], []  # the corrected pieces and where each stood in `text`
        corrected = False
        position = 0
        for word in re.findall(r"[A-Za-z]+|[^A-Za-z]+", text):
            starts.append(position)
            position += len(word)
            low = word.lower()
            if len(low) >= TYPO_MIN_LETTERS and low.isalpha() and low not in self.known_words:
                closest = self._closest_service_word(low)
                if closest:
                    word, corrected = closest, True
            fixed.append(word)
        if not corrected:
            return []
        fixed_starts = list(itertools.accumulate((len(piece) for piece in fixed[:-1]), initial=0))
        return [(starts[bisect.bisect_right(fixed_starts, at) - 1], service)
                for at, service in self.nlp.get_pipe("imr_lexicon").services_in("".join(fixed))]

    def _closest(self, word: str) -> str | None:
        close = difflib.get_close_matches(word, self.service_words, n=1, cutoff=self.typo_cutoff)
        return close[0] if close else None

    def item(self, doc: Doc, ctx: LetterContext, block: ItemBlock, heading: tuple[int, int]) -> DisputedTreatment:
        text = ctx.text
        heading_text = text[slice(*heading)].strip()
        found = self.services(ctx, heading)
        purpose = PURPOSE.search(ctx.lower, *heading)
        if purpose and any(at < purpose.start() for at, _ in found):
            # 'CT scan to evaluate the fusion', 'MRI to rule out a tear': what a study is for is not asked for
            found = [(at, service) for at, service in found if at < purpose.start()]
        concepts = vocab.services()
        leading = next((at for at, service in found if concepts[service].leads_to_other_care), None)
        destination = GOES_TO.search(ctx.lower, leading, heading[1]) if leading is not None else None
        if destination:
            found = [(at, service) for at, service in found if at < destination.start()]
        drug = next(iter(ctx.group_in("drug", heading)), None)
        services = list(dict.fromkeys(service for _, service in found))
        if not services and DRUG_CLASS.search(heading_text):
            services.append("medication")
        if not services and INJECTION.search(heading_text):
            services.append("corticosteroid-injection")
        services = asked_for(finest(services), heading_text)
        if drug is not None and "medication" not in services \
                and _given_by(drug, ctx.group_in("service", heading)):
            services.append("medication")  # 'VITAMIN B12 INJECTION X 4': the injection counts, its drug is asked for
        # a drug a test measures, or one a procedure's name holds, is not asked for as a medication
        medication = self._medication(ctx, heading, services) if drug is not None and "medication" in services else None
        request = self._request(ctx, heading, found, services, medication)
        original = ctx.view.original  # the item's paragraphs are read on the text as read
        ca, ca_lit = parse_citations(original[slice(*block.claims_administrator)], block.claims_administrator[0]) \
            if block.claims_administrator else ([], [])
        summary = ctx.letter.sections.get("summary")
        if block.claims_administrator is None and summary and len(ctx.letter.items) == 1:
            ca = claims_administrator_in_summary(original[slice(*summary)], summary[0])  # a single-issue review
        elif block.claims_administrator is None and summary:
            # (a summary that tells them item by item: 'For the aquatic therapy the UR physician cited ...')
            by_item = ctx.memo.get("claims_administrator_in_summary")
            if by_item is None:
                by_item = ctx.memo["claims_administrator_in_summary"] = claims_administrator_in_summary_by_item(
                    original[slice(*summary)], summary[0], [text[slice(*h)] for h in ctx.headings])
            ca = [replace(c, pages=list(c.pages)) for c in by_item[len(ctx.items)]]
        rv, rv_lit = parse_citations(original[slice(*block.reviewer)], block.reviewer[0]) if block.reviewer else ([], [])
        if block.reviewer:  # ('plus Duloxetine (Cymbalta), Page(s): 43-44, of the same guidelines')
            rv += pages_of_the_same(original[slice(*block.reviewer)], block.reviewer[0], rv, ca + rv)
        if block.claims_administrator and block.reviewer and block.reviewer[0] < block.claims_administrator[0] \
                and not ca and same_as_above(original[slice(*block.claims_administrator)]):
            # 'MAXIMUS GUIDELINE(S): ...' then 'CLAIMS ADMINISTRATOR GUIDELINE(S): Same as above.'
            ca = [replace(c, pages=list(c.pages)) for c in rv]
        elif block.reviewer and tells_the_claims_administrators(original[slice(*block.reviewer)]):
            # the reviewer's paragraph tells what the claims administrator relied on: that is not the reviewer's
            told, own, _ = guidelines_by_party(original[slice(*block.reviewer)], block.reviewer[0], opening_party="reviewer")
            # (told more fully than the summary's account: 'citing the ACOEM guidelines and the ODG' there, 'ACOEM ...,
            # Chapter 11, ..., page 261, and ... the ODG, Carpal Tunnel Syndrome' here)
            ca = told if told and block.claims_administrator is None and all(_said_more_fully(c, told) for c in ca) \
                else ca or told
            # (and what of it the reviewer took up: 'relied on the ODG section, as the utilization review did')
            rv = adopted_in_part(original[slice(*block.reviewer)], block.reviewer[0], ca, rv) \
                if adopts_claims_administrator(original[slice(*block.reviewer)]) else own
        elif block.reviewer and adopts_claims_administrator(original[slice(*block.reviewer)]):
            rv = adopted_in_part(original[slice(*block.reviewer)], block.reviewer[0], ca, rv)
        elif block.reviewer:
            rv = without_claims_administrators_set_aside(original[slice(*block.reviewer)], block.reviewer[0], rv)
        if block.reviewer:  # ('the pregabalin page cited by the claims administrator', 'the latter of its sources')
            rv = claims_administrators_by_topic(original[slice(*block.reviewer)], rv, ca)
            rv = claims_administrators_by_place(original[slice(*block.reviewer)], block.reviewer[0], rv, ca)
            rv = claims_administrators_by_pages(original[slice(*block.reviewer)], block.reviewer[0], rv, ca)
            rv = claims_administrators_by_topic_name(original[slice(*block.reviewer)], block.reviewer[0], rv, ca)
        above = [(it.text, it.claims_administrator_guidelines, it.reviewer_guidelines) for it in ctx.items]
        if block.reviewer:  # ('Those listed for Item 1 above')
            rv = pointed_at_items(original[slice(*block.reviewer)], rv, above, "reviewer", block.reviewer[0])
        if block.claims_administrator:
            ca = pointed_at_items(original[slice(*block.claims_administrator)], ca, above, "ca", block.claims_administrator[0])
        prose = block.guideline_prose or _rationale_opening_on_guidelines(original, block)
        if prose:
            # (a single-issue summary's account of the claims administrator's citations stands where the prose has none)
            earlier = ([c for it in ctx.items for c in it.claims_administrator_guidelines],
                       [c for it in ctx.items for c in it.reviewer_guidelines])
            told, rv, ca_lit = guidelines_by_party(original[slice(*prose)], prose[0], earlier=earlier, known=ca)
            # (a unit the prose names again, told in full elsewhere, is that one: 'ACOEM Chapter 9, on which the
            # utilization reviewer relied' after the summary's 'ACOEM Chapter 9, ..., pages 207-209')
            # (and the summary's account stands whole where the prose names again only some of it)
            same = [next((c for c in ca if _names_the_unit(t, c)), None) for t in told]
            ca = ca if ca and all(same) else [c or t for c, t in zip(same, told)] or ca
            # ('The expert reviewer treated the Lidoderm pages as controlling')
            rv = claims_administrators_by_topic(original[slice(*prose)], rv, ca)
        rationale = collapse(original[slice(*block.rationale)]) if block.rationale else ""
        limits = guideline_limits(original[slice(*block.rationale)], block.rationale[0]) if block.rationale else []
        rationale_lit = find_literature(original[slice(*block.rationale)], block.rationale[0]) if block.rationale else []
        literature = list({(x.author, x.year): x for x in ca_lit + rv_lit + rationale_lit}.values())
        return DisputedTreatment(
            text=heading_text, span=ctx.original(*heading), services=services, medication=medication,
            quantity=request["quantity"], unit=request["unit"], frequency=request["frequency"],
            duration=request["duration"], body_regions=self._regions(ctx, heading, services, medication), decision=block.decision,
            claims_administrator_guidelines=ca, reviewer_guidelines=rv, literature=literature,
            rationale=rationale, rationale_span=block.rationale, guideline_limits=limits,
            decision_span=block.decision_span, problems=list(block.problems), quantities=request["quantities"],
        )

    def _medication(self, ctx: LetterContext, heading: tuple[int, int], services: list[str]) -> ItemMedication:
        """The drug a request names, its strength and form; the ingredients of a compounded topical
        ('Flurbiprofen 20%/Lidocaine 5% cream') as one combination with a strength per ingredient."""
        text = ctx.text
        drugs = ctx.group_in("drug", heading)
        if len(drugs) > 1 and services == ["medication"] and COMPOUNDED.search(ctx.lower, *heading):
            ends = [d.start_char for d in drugs[1:]] + [heading[1]]
            strengths = [strength_and_form(text[d.end_char:end])[0] for d, end in zip(drugs, ends)]
            form = strength_and_form(text[drugs[-1].end_char:heading[1]])[1]
            start, end = drugs[0].start_char, drugs[-1].end_char
            return ItemMedication(link.combination_generic([d.label_ for d in drugs]),
                                  "/".join(strengths) if all(strengths) else None, form, text[start:end],
                                  ctx.original(start, end), None)
        drug = drugs[0]
        strength, form = strength_and_form(text[drug.end_char:heading[1]])
        written = ctx.span_text(drug)
        if "/" in drug.label_ and any(c.isdigit() for c in written):  # one name with each ingredient's strength
            strengths = [strength_and_form(piece)[0] for piece in INGREDIENT_BREAK.split(text[drug.start_char:heading[1]])]
            strength = "/".join(strengths) if all(strengths) else None
        form = form or strength_and_form(written)[1]  # 'Terocin patches' names its form
        return ItemMedication(drug.label_, strength, form, written, ctx.span_original(drug),
                              ctx.drugbank.get((drug.start, drug.end)))

    def _request(self, ctx: LetterContext, heading, found: list[tuple[int, str]], services: list[str],
                 medication) -> dict:
        """Quantities per service part of the heading; one total when the parts agree. A drug's or a service's
        name counts nothing ('Tylenol #3, #30' is 30 tablets, a 'three phase bone scan' one test)."""
        named = [s for s in (*ctx.group_in("drug", heading), *ctx.group_in("service", heading))
                 if NUMBER_IN_NAME.search(ctx.lower, s.start_char, s.end_char)]
        # ... nor the length of a stay that comes with a procedure ('fusion with a 2 day inpatient stay')
        stays = [m.span() for m in STAY_WITH.finditer(ctx.lower, *heading)]
        text = blank_spans(ctx.text, sorted([(s.start_char, s.end_char) for s in named] + stays))
        cuts = [heading[0]] + [start for start, _ in found[1:]] + [heading[1]]
        parts = []
        for i, service in enumerate(services if len(found) == len(services) else services[:1]):
            start, end = (cuts[i], cuts[i + 1]) if len(found) == len(services) else heading
            concept = vocab.services()[service]  # how its requests are read: what a bare count counts, ...
            default = (medication.form or vocab.usual_form(medication.generic, medication.strength, medication.text)
                       or ("patch" if RATE_PER_HOUR.search(text, start, end) else "tablet")) \
                if service == "medication" and medication else concept.counted_in
            if default == "hour" and VISITS.search(ctx.lower, start, end) and not HOURS.search(ctx.lower, start, end):
                default = "visit"  # care counted in hours asked for as visits ('skilled nursing visits')
            parts.append((service, parse_request(text[start:end], default, count_periods=concept.counts_program_days,
                                                 lengths_asked=concept.asked_for_by_length)))
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

    def _regions(self, ctx: LetterContext, heading, services: list[str], medication) -> list[Mention]:
        """The body regions a request names: its body parts with their sides and the spinal regions of the
        levels it names ('L4-5' -> lumbar); not a body word inside a drug's name, nor the part of an oral
        drug's indication ('Gabapentin for leg pain')."""
        if services == ["medication"] and not (medication and medication.form in TOPICAL_FORMS) \
                and not COMPOUNDED.search(ctx.lower, *heading):
            return []
        drugs = ctx.group_in("drug", heading)
        fields = [m.span("field") for m in self._fields_visited(ctx, heading)]
        parts = [span for span in ctx.group_in("body_part", heading) if not NAMES_A_FIELD.match(ctx.lower, span.end_char)
                 and not any(inside(span, field) for field in fields)
                 and not any(inside(span, (d.start_char, d.end_char)) for d in drugs)]
        # a device named by the parts it fits ('ankle foot orthosis', 'below-elbow prosthesis') is for the part the
        # request names after it in words of its own ('... for the right leg'), where it names one
        named = [(n.start_char, n.end_char) for n in ctx.group_in("service", heading)]
        fitted = [span for span in parts if any(inside(span, n) for n in named)]
        own = [span for span in parts if span not in fitted]
        if fitted and own and DEVICE_FOR_A_PART.search(ctx.lower, *heading):
            device_end = max(end for start, end in named if any(inside(f, (start, end)) for f in fitted))
            parts = own if min(s.start_char for s in own) >= device_end else parts
        out: dict[str, Mention] = {}
        previous_end, previous_side = heading[0], None
        for span in parts:
            # 'left wrist and hand': a part coordinated with a sided one shares its side
            shared = previous_side if COORDINATED.fullmatch(ctx.lower, previous_end, span.start_char) else None
            regions = request_regions(ctx, span, heading, shared)
            previous_end, previous_side = span.end_char, side_of(regions)
            for region in regions:
                out.setdefault(region.value, region)
        for m in SPINAL_LEVEL.finditer(ctx.lower, *heading):
            # a nerve root alone ('S1') names no region here; a range across two regions names both ('T11-L3')
            last = LEVEL_RANGE_END.search(m.group())
            for value in (LEVEL_REGION.get(m.group()[0]), LEVEL_REGION.get(last.group(1)) if last else None):
                if value:
                    out.setdefault(value, Mention(value, ctx.original(*m.span())))
        # a part named more closely elsewhere in the request adds nothing: 'knee' beside 'right knee', 'finger'
        # ('trigger finger') beside 'right middle finger'
        closer = {value.split(" ", 1)[1] for value in out if value.split(" ", 1)[0] in ("right", "left")} \
            | {value.rsplit(" ", 1)[1] for value in out if " " in value}
        return sorted((m for value, m in out.items() if value not in closer), key=lambda m: m.span)


def _names_the_unit(named: Citation, cited: Citation) -> bool:
    """Whether `named` is the guideline unit `cited` is, said with no more than it of its document and chapter ('the
    MTUS, page 80' for the Chronic Pain Medical Treatment Guidelines' page 80)."""
    return named.source == cited.source and named.document in (None, cited.document) \
        and named.chapter in (None, cited.chapter)


def _said_more_fully(cited: Citation, told: list[Citation]) -> bool:
    """Whether one of `told` is the unit `cited` names, with at least what it says of chapter and pages."""
    return any(_names_the_unit(cited, t) and set(cited.pages) <= set(t.pages) for t in told)


def _rationale_opening_on_guidelines(original: str, block: ItemBlock) -> tuple[int, int] | None:
    """The first paragraph of an unlabelled item's rationale where it opens by telling whose guidelines were which
    ('Decision rationale: Utilization review cited the MTUS ..., and this reviewer agrees that the section governs')."""
    if block.claims_administrator or block.reviewer or not block.rationale:
        return None
    end = paragraph_end(original, block.rationale[0], block.rationale[1], local=True) or block.rationale[1]
    told = told_by_party_first(original[block.rationale[0]:end])
    return (block.rationale[0], block.rationale[0] + told) if told else None
