"""The five letter layouts, written through a `render.Writer` while the letter's `Determination` is
filled in: every value is recorded with the span of the text that states it.

Shared parts (the header block in its shapes, the case summary, the reviewer's credentials, the
rationale) are written by the functions here; each layout puts them in its own order under its own
headings.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from imrgraph.models import (
    Citation,
    Determination,
    Diagnosis,
    DisputedTreatment,
    GuidelineLimit,
    ItemMedication,
    Literature,
    Medication,
    Mention,
    Patient,
    PriorTreatment,
    Reviewer,
    Span,
)
from imrgraph.synth import wording as say
from imrgraph.synth.case import Dates, History, People, body_part_values, resolve
from imrgraph.synth.citations import LATER_MTUS, Pick, write_pick
from imrgraph.synth.render import Writer
from imrgraph.synth.requests import Request

HEADER_SHAPES = ("one-per-line", "two-columns", "label-above-value")


@dataclass
class Item:
    """A request with its outcome and what each side relied on."""

    request: Request
    decision: str  # "upheld" | "overturned"
    ca: list[Pick]  # the claims administrator's citations ([] when it cited none)
    reviewer: list[Pick]
    adopts: bool  # the reviewer adopts the claims administrator's guidelines
    literature: list[tuple[str, int, bool]]  # (author, year, et al.)
    literature_in_rationale: bool


@dataclass
class Plan:
    """Everything decided about one letter before it is written."""

    layout: str
    case_number: str | None
    dates: Dates
    people: People
    history: History
    psych: bool
    items: list[Item]
    header_shape: str | None  # one of HEADER_SHAPES, or None without a header block
    priority: tuple[str, str]  # (as written, value)
    credentials_block: bool
    decision_next_line: bool
    redact: bool
    documents: bool  # a DOCUMENTS REVIEWED section
    rng: random.Random
    det: Determination = field(init=False)

    @property
    def later(self) -> bool:
        return self.dates.decision >= LATER_MTUS


def mention(w: Writer, value, span: Span) -> Mention:
    return w.anchor(Mention(value, span))


def write_list(w: Writer, words: list[str], rng: random.Random, comma_only: bool = False) -> list[Span]:
    """'a', 'a and b', 'a, b, and c' (semicolons when an entry has its own comma); each entry's span."""
    spans = []
    semi = any("," in x for x in words)
    for i, word in enumerate(words):
        if i:
            last = i == len(words) - 1
            if comma_only:
                w.write(", ")
            elif semi:
                w.write("; and " if last else "; ")
            elif last:
                w.write(rng.choice((", and ", " and ")) if len(words) > 2 else " and ")
            else:
                w.write(", ")
        spans.append(w.write(word))
    return spans


def compose(w: Writer, template: str, rng: random.Random, **slots) -> dict[str, Span | list[Span]]:
    """A template whose slots are text or lists (written with write_list); each slot's span(s)."""
    plain = {k: v for k, v in slots.items() if isinstance(v, str)}
    out: dict[str, Span | list[Span]] = {}
    rest = template
    for name, value in slots.items():
        if isinstance(value, list):
            marker = "{" + name + "}"
            if marker not in rest:
                continue
            before, rest = rest.split(marker, 1)
            out.update(w.fill(before, **plain))
            out[name] = write_list(w, value, rng)
    out.update(w.fill(rest, **plain))
    return out


def pronouns(people: People) -> dict[str, str]:
    if people.sex == "male":
        return {"S": "He", "s": "he", "P": "His"}
    if people.sex == "female":
        return {"S": "She", "s": "she", "P": "Her"}
    return {"S": "The injured worker", "s": "the injured worker", "P": "The injured worker's"}


# --- the header block ------------------------------------------------------------------------------
def write_header(w: Writer, plan: Plan, fields: list[tuple[str, str, str | None]]) -> None:
    """Header fields (label, value as written, truth slot) in the plan's shape; blank values are
    redacted ones."""
    rng, shape = plan.rng, plan.header_shape
    spans: dict[str, Span] = {}
    lead = " " if rng.random() < 0.5 else ""
    if shape == "two-columns":
        for i in range(0, len(fields), 2):
            w.write(lead)
            for j, (label, value, slot) in enumerate(fields[i:i + 2]):
                if j:
                    w.write(rng.choice(("  ", "   ", " ")))
                w.write(f"{label}: ")
                span = w.write(value)
                if slot and value:
                    spans[slot] = span
            w.line()
    elif shape == "label-above-value":
        for label, value, slot in fields:
            if label == "Application Received" and rng.random() < 0.5:
                w.line(f"{lead}Application")
                w.line("Received:")
            else:
                w.line(f"{lead}{label}:")
            if value:
                span = w.line(value)
                if slot:
                    spans[slot] = span
            w.line()
    else:
        for label, value, slot in fields:
            w.write(f"{lead}{label}: ")
            span = w.line(value)
            if slot and value:
                spans[slot] = span
    w.line()
    record_header(w, plan, spans)


def record_header(w: Writer, plan: Plan, spans: dict[str, Span]) -> None:
    det, d = plan.det, plan.dates
    values = {"case_number": plan.case_number, "assigned": d.assigned.isoformat(),
              "decision": d.decision.isoformat(), "ur_denial": d.ur_denial.isoformat(),
              "application_received": d.application.isoformat(), "injury": d.injury.isoformat(),
              "priority": plan.priority[1], "treating": plan.people.treating_specialty}
    for slot, span in spans.items():
        m = mention(w, values[slot], span)
        if slot == "case_number":
            det.case_number = m
        elif slot == "injury":
            det.patient.date_of_injury = m
        elif slot == "priority":
            det.priority = m
        elif slot == "treating":
            det.treating_physician_specialty = m
        else:
            setattr(det.dates, slot, m)


def header_date(d: dt.date, rng: random.Random) -> str:
    return say.slash_date(d) if rng.random() < 0.85 else f"{d.month}/{d.day}/{d.year}"


def fdl_header_fields(plan: Plan) -> list[tuple[str, str, str | None]]:
    rng, d, people = plan.rng, plan.dates, plan.people
    specialty_label = rng.choice(("Employee Physician Specialty", "Treating Provider Specialty"))
    physician = "Employee Physician" if specialty_label.startswith("Employee") else "Treating Provider"
    return [("Case Number", plan.case_number, "case_number"),
            ("Date Assigned", header_date(d.assigned, rng), "assigned"),
            ("Date of Injury", header_date(d.injury, rng), "injury"),
            ("Decision Date", header_date(d.decision, rng), "decision"),
            ("UR Denial Date", header_date(d.ur_denial, rng), "ur_denial"),
            ("Priority", plan.priority[0], "priority"),
            ("Application Received", header_date(d.application, rng), "application_received"),
            ("Employee Name", "", None), ("Claim Number", "", None), ("Date of Birth", "", None),
            (physician, "", None), (specialty_label, people.treating_specialty or "", "treating"),
            (f"{physician} Degree", "", None)]


# --- the case summary ------------------------------------------------------------------------------
def write_summary(w: Writer, plan: Plan) -> None:
    """The case summary; records the patient, body parts, diagnoses, medications and prior care."""
    rng = plan.rng
    sentences = _summary_sentences(plan, pronouns(plan.people))
    split = rng.random() < 0.3 and len(sentences) > 6
    cut = rng.randint(3, len(sentences) - 2) if split else len(sentences)
    joiner = "  " if rng.random() < 0.4 else " "
    for i, sentence in enumerate(sentences):
        if i == cut:
            w.line()
            w.line()
        elif i:
            w.write(joiner)
        sentence(w)
    w.line()
    w.line()


def _summary_sentences(plan: Plan, p: dict[str, str]) -> list:
    """The summary's sentences as writers (each a function of the Writer), in order."""
    rng, people, h, det = plan.rng, plan.people, plan.history, plan.det
    out = []
    doi_known = det.patient.date_of_injury is not None
    doi_written = rng.random() < (0.5 if doi_known else 0.9)
    sex_word = rng.choice(say.SEX_WORDS[people.sex]) if people.sex else None
    age_text = (say.number_words(people.age) if people.age_in_words else str(people.age)) if people.age else None

    def intro(w: Writer) -> None:
        doi = say.date_text(plan.dates.injury, rng) if doi_written else None
        if age_text and sex_word:
            pool = say.INTRO_AGE_SEX_DOI if doi else say.INTRO_AGE_SEX
        elif sex_word:
            pool = say.INTRO_SEX_DOI if doi else ("The injured worker is a {sex} with chronic complaints.",)
        elif age_text:
            pool = ("The injured worker is {age} years old.",)
        else:
            pool = say.INTRO_DOI if doi else ("The injured worker has chronic complaints.",)
        template = rng.choice(pool)
        spans = w.fill(template, age=age_text or "", sex=sex_word or "", doi=doi or "")
        if "{age}" in template:
            det.patient.age = mention(w, people.age, spans["age"])
        if "{sex}" in template:
            det.patient.sex = mention(w, people.sex, spans["sex"])
        if "{doi}" in template and not doi_known:
            det.patient.date_of_injury = mention(w, plan.dates.injury.isoformat(), spans["doi"])
    out.append(intro)

    if people.occupation:
        def occupation(w: Writer) -> None:
            gap = rng.choice((" for  ", " at  ")) if plan.redact else ""
            template = rng.choice(say.OCCUPATION)
            if "by trade" in template:
                gap = ""
            spans = w.fill(template, occupation=people.occupation, gap=gap,
                           a=say.article(people.occupation).split(" ")[0], **p)
            det.patient.occupation = mention(w, people.occupation, spans["occupation"])
        out.append(occupation)
    out.append(lambda w: w.fill(rng.choice(say.MECHANISM), **p))

    if h.sites:
        def complaints(w: Writer) -> None:
            parts = [s.written for s in h.sites]
            if h.radiates_to and h.sites[0].kind.key in ("low back", "neck"):
                source = h.sites[0]
                spans = compose(w, rng.choice(say.RADIATING), rng, source=source.written, target=h.radiates_to, **p)
                _body(w, det, source.parts, spans["source"])
                side, part = h.radiates_to.split(" ", 1)
                _body(w, det, body_part_values(part, side), spans["target"])
                rest = h.sites[1:]
                if rest:
                    w.write(" ")
                    spans = compose(w, rng.choice(say.COMPLAINTS), rng, parts=[s.written for s in rest], n=str(
                        rng.randint(3, 9)), **p)
                    for site, span in zip(rest, spans["parts"]):
                        _body(w, det, site.parts, span)
                return
            spans = compose(w, rng.choice(say.COMPLAINTS), rng, parts=parts, n=str(rng.randint(3, 9)), **p)
            for site, span in zip(h.sites, spans["parts"]):
                _body(w, det, site.parts, span)
        out.append(complaints)
    if h.psych_symptoms:
        out.append(lambda w: compose(w, "{S} reports {symptoms}.", rng, symptoms=h.psych_symptoms, **p))
    out.append(lambda w: w.write(rng.choice(say.PSYCH_EXAM if plan.psych else say.EXAM)))

    if h.conditions:
        def diagnoses(w: Writer) -> None:
            written = []
            for i, c in enumerate(h.conditions):
                unsure = i >= len(h.conditions) - h.uncertain
                written.append(rng.choice(say.UNCERTAIN).format(dx=c.text) if unsure else c.text)
            if rng.random() < 0.3:
                written[0] = say.cap(written[0])
            pool = say.DIAGNOSES_MANY if len(written) > 1 else say.DIAGNOSES_ONE
            spans = compose(w, rng.choice(pool), rng, dx=written, **p)
            for i, (c, span) in enumerate(zip(h.conditions, spans["dx"])):
                unsure = i >= len(h.conditions) - h.uncertain
                start = span[0] + written[i].lower().index(c.text.lower())
                at = (start, start + len(c.text))
                det.diagnoses.append(w.anchor(Diagnosis(_slice(w, at), c.icd10cm, False, unsure, at)))
        out.append(diagnoses)
    for c in h.negated:
        def negated(w: Writer, c=c) -> None:
            spans = w.fill(rng.choice(say.NEGATED_DIAGNOSIS), dx=c.text, Dx=say.cap(c.text), **p)
            span = spans.get("dx") or spans["Dx"]
            det.diagnoses.append(w.anchor(Diagnosis(_slice(w, span), c.icd10cm, True, False, span)))
        out.append(negated)

    def prior(w: Writer) -> None:
        written = [t for t, _ in h.prior]
        spans = compose(w, rng.choice(say.PRIOR), rng, prior=written, **p)
        for (text, service), span in zip(h.prior, spans["prior"]):
            det.prior_treatments.append(w.anchor(PriorTreatment(text, service, span)))
    out.append(prior)
    if h.never_received:
        out.append(lambda w: w.fill(rng.choice(say.NEVER_RECEIVED), t=h.never_received, **p))

    if h.drugs:
        def medications(w: Writer) -> None:
            spans = compose(w, rng.choice(say.MEDICATIONS), rng, meds=list(h.drugs), **p)
            for name, span in zip(h.drugs, spans["meds"]):
                _medication(w, det, name, span, False)
        out.append(medications)
    if h.denied_drug:
        def denied(w: Writer) -> None:
            spans = w.fill(rng.choice(say.NEGATED_DRUG), drug=h.denied_drug, **p)
            _medication(w, det, h.denied_drug, spans["drug"], True)
        out.append(denied)
    if h.stopped_drug:
        def stopped(w: Writer) -> None:
            spans = w.fill(rng.choice(say.STOPPED_DRUG), drug=h.stopped_drug, Drug=say.cap(h.stopped_drug), **p)
            _medication(w, det, h.stopped_drug, spans.get("drug") or spans["Drug"], False)
        out.append(stopped)

    def requested(w: Writer) -> None:
        # a drug named only as asked for is the request's, not one of the worker's medications
        compose(w, rng.choice(say.REQUESTED), rng, r=[it.request.history for it in plan.items], **p)
    out.append(requested)

    def review(w: Writer) -> None:
        many = len(plan.items) > 1
        w.fill(rng.choice(say.UR_DENIED), d=say.date_text(plan.dates.ur_denial, rng), req="requests" if many else
               "request", was="were" if many else "was")
        tail = rng.choice(say.IMR_ASKED)
        if tail:
            w.write(" " + tail)
    out.append(review)
    return out


def _slice(w: Writer, span: Span) -> str:
    """The logical text of a span written moments ago (it is in the last few parts)."""
    text, end = "", w.pos
    for part in reversed(w.parts):
        text = part + text
        end -= len(part)
        if end <= span[0]:
            break
    return text[span[0] - end:span[1] - end]


def _body(w: Writer, det: Determination, values: list[str], span: Span) -> None:
    for value in values:
        if all(m.value != value for m in det.body_parts):
            det.body_parts.append(mention(w, value, span))


def _medication(w: Writer, det: Determination, name: str, span: Span, negated: bool) -> None:
    found = resolve(name)
    if found is None or any(m.generic == found[0] for m in det.medications):
        return
    det.medications.append(w.anchor(Medication(name, found[0], negated, span, found[1])))


# --- the reviewer ----------------------------------------------------------------------------------
def write_credentials_prose(w: Writer, plan: Plan, who: str) -> None:
    rng, people = plan.rng, plan.people
    states = [name for name, _ in people.states]
    specs = [written for written, _ in people.specialties]
    if people.licensed_only:
        template = rng.choice(say.LICENSED_ONLY)
    elif len(specs) > 1:
        template = rng.choice(say.BOARD_SUB)
    else:
        template = rng.choice(say.BOARD)
    spans = compose(w, template, rng, who=who, spec=specs[0], sub=specs[1] if len(specs) > 1 else "",
                    states=states)
    _record_reviewer(w, plan, [spans["spec"]] + ([spans["sub"]] if len(specs) > 1 else []), spans["states"])


def write_credentials_block(w: Writer, plan: Plan) -> None:
    people = plan.people
    w.line("The Expert Reviewer has the following credentials:")
    w.write("State(s) of Licensure: ")
    states = write_list(w, [name for name, _ in people.states], plan.rng, comma_only=True)
    w.line()
    w.write("Certification(s)/Specialty: ")
    specs = write_list(w, [written for written, _ in people.specialties], plan.rng, comma_only=True)
    w.line()
    w.line()
    _record_reviewer(w, plan, specs, states)


def _record_reviewer(w: Writer, plan: Plan, specs: list[Span], states: list[Span]) -> None:
    people = plan.people
    plan.det.reviewer = Reviewer([mention(w, value, span) for (_, value), span in zip(people.specialties, specs)],
                                 people.board_certified,
                                 [mention(w, code, span) for (_, code), span in zip(people.states, states)])


# --- disputed items --------------------------------------------------------------------------------
def reference(item: Item) -> str:
    """How a rationale names the request."""
    text = item.request.history if item.request.text.isupper() else item.request.text
    return text if item.request.medication or text[:2].isupper() else text[0].lower() + text[1:]


def new_item(w: Writer, item: Item, heading: Span) -> DisputedTreatment:
    r = item.request
    medication = None
    if r.medication:
        generic, strength, form, name, drugbank = r.medication
        at = r.medication_at
        medication = w.anchor(ItemMedication(generic, strength, form, name, (heading[0] + at[0], heading[0] + at[1]),
                                             drugbank))
    regions = [mention(w, value, (heading[0] + a, heading[0] + b)) for value, (a, b) in r.regions]
    return w.anchor(DisputedTreatment(
        text=" ".join(r.text.split()), span=heading, services=list(r.services), medication=medication,
        quantity=r.quantity, unit=r.unit, frequency=r.frequency, duration=r.duration, body_regions=regions,
        decision=item.decision, claims_administrator_guidelines=[], reviewer_guidelines=[], literature=[],
        rationale="", rationale_span=None, guideline_limits=[]))


def write_rationale(w: Writer, plan: Plan, item: Item, out: DisputedTreatment, closing: dict[str, tuple[str, ...]],
                    quote_ur: bool = False) -> None:
    rng = plan.rng
    start = w.pos
    if quote_ur:
        w.write(rng.choice(say.UR_QUOTE) + " ")
    guidance = say.GUIDANCE[item.request.family]
    for n, (template, specs) in enumerate(rng.sample(guidance, min(len(guidance), rng.choice((1, 2, 2))))):
        if n:
            w.write(" ")
        pieces = template.split("{")
        w.write(pieces[0])
        for piece in pieces[1:]:
            index, literal = piece.split("}", 1)
            text, limit = _limit_text(specs[int(index)], rng)
            span = w.write(text)
            out.guideline_limits.append(w.anchor(GuidelineLimit(limit["min"], limit["max"], limit["unit"],
                                                                limit["weeks"], text, span)))
            w.write(literal)
        if n == 0 and item.literature_in_rationale and item.literature and w.parts[-1].endswith("."):
            w.parts[-1] = w.parts[-1][:-1]
            w.pos -= 1
            w.write(" (")
            _write_literature(w, item, out, "; ")
            w.write(").")
    w.write(" ")
    r = item.request
    if item.decision == "upheld":
        pool = say.CASE_UPHELD + (say.CASE_UPHELD_SESSIONS if r.quantity and r.unit in ("session", "visit") else ()) + (
            say.CASE_UPHELD_DRUG if r.medication else ())
    else:
        pool = say.CASE_OVERTURNED
    ref = reference(item)
    w.write(rng.choice(pool).format(ref=ref) + " ")
    conclusion = closing[item.decision]
    w.write((rng.choice(conclusion) if isinstance(conclusion, tuple) else conclusion).format(ref=ref))
    out.rationale_span = (start, w.pos)
    out.rationale = " ".join(_slice(w, out.rationale_span).split())
    w.anchor(out, "rationale_span")


def _limit_text(limit: tuple, rng: random.Random) -> tuple[str, dict]:
    qualifier, lo, hi, noun, unit, wlo, whi = limit
    if lo is None or lo == hi:
        numbers = str(hi)
    else:
        numbers = f"{lo}-{hi}" if rng.random() < 0.7 else f"{lo} to {hi}"
    text = (qualifier + " " if qualifier else "") + f"{numbers} {noun}"
    if whi is not None:
        if wlo == whi:
            text += f" over {whi} weeks"
        else:
            text += rng.choice((f" over {wlo}-{whi} weeks", f" over {wlo} to {whi} weeks"))
    return text, {"min": lo, "max": hi, "unit": unit, "weeks": whi}


def _write_literature(w: Writer, item: Item, out: DisputedTreatment, separator: str) -> None:
    for i, (author, year, et_al) in enumerate(item.literature):
        if i:
            w.write(separator)
        span = w.write(f"{author}{' et al.' if et_al else ''}, {year}")
        out.literature.append(w.anchor(Literature(author, year, span)))


def write_citations(w: Writer, plan: Plan, picks: list[Pick], style: str) -> list[Citation]:
    cites: list[Citation] = []
    for n, p in enumerate(picks):
        if n:
            w.write(", " if style == "fdl" else "; ")
        cites += write_pick(w, p, style, plan.rng, plan.later)
    return cites


def fdl_guideline(w: Writer, plan: Plan, item: Item, picks: list[Pick], who: str, literature: bool,
                  out: DisputedTreatment) -> list[Citation]:
    """One 'Claims Administrator guideline:' or 'MAXIMUS guideline:' paragraph's text."""
    rng = plan.rng
    if not picks and not literature:
        w.write(rng.choice((f"The {who} did not cite any evidence-based guidelines.",
                            f"The {who} did not cite any evidence based guidelines for this request.")))
        return []
    mtus = [p for p in picks if p.kind != "odg"]
    odg = [p for p in picks if p.kind == "odg"]
    cites: list[Citation] = []
    if mtus:
        w.write("Decision based on MTUS ")
        cites += write_citations(w, plan, mtus, "fdl")
        w.write(".")
    else:
        w.write(f"The {who} did not base their decision on the MTUS.")
    if odg or literature:
        w.write("  Decision based on Non-MTUS Citation ")
        cites += write_citations(w, plan, odg, "fdl")
        if literature:
            if odg:
                w.write("; ")
            _write_literature(w, item, out, "; ")
        w.write(".")
    return cites


# --- the layouts -----------------------------------------------------------------------------------
def fdl(w: Writer, plan: Plan) -> None:
    """The final determination letter (2014 on), with or without a header block or documents list."""
    rng = plan.rng
    if plan.header_shape:
        write_header(w, plan, fdl_header_fields(plan))
    elif plan.case_number:
        w.write(" Case Number: " if rng.random() < 0.5 else "IMR Case Number: ")
        record_header(w, plan, {"case_number": w.line(plan.case_number)})
        w.line()
    w.line(rng.choice((" HOW THE IMR FINAL DETERMINATION WAS MADE", "HOW THE IMR FINAL DETERMINATION WAS MADE")))
    w.write(rng.choice(say.HEAD) + " ")
    if not plan.credentials_block:
        write_credentials_prose(w, plan, rng.choice(("The expert reviewer", "The physician reviewer")))
        w.write(" ")
    w.line(rng.choice(say.TAIL))
    w.line()
    if plan.credentials_block:
        write_credentials_block(w, plan)
    if plan.documents:
        w.line("DOCUMENTS REVIEWED")
        write_documents(w, plan, numbered=rng.random() < 0.5)
    w.line("CLINICAL CASE SUMMARY")
    w.line("The expert reviewer developed the following clinical case summary based on a review of the case file, "
           "including all medical records:")
    w.line()
    write_summary(w, plan)
    w.line("IMR DECISION(S) AND RATIONALE(S)" if plan.documents or rng.random() < 0.1 else
           rng.choice(("IMR ISSUES, DECISIONS AND RATIONALES", "IMR ISSUES, DECISIONS AND RATIONALES")))
    w.line("The Final Determination was based on decisions for the disputed items/services set forth below:")
    w.line()
    for item in plan.items:
        heading = w.write(item.request.text)
        w.write(":" + rng.choice(("  ", " ")))
        if plan.decision_next_line:
            w.line()
            if rng.random() < 0.5:
                w.line()
        out = new_item(w, item, heading)
        out.decision_span = w.line(item.decision.capitalize())
        w.anchor(out, "decision_span")
        w.line()
        in_ca = item.literature and not item.literature_in_rationale and rng.random() < 0.4
        in_rv = item.literature and not item.literature_in_rationale and not in_ca
        w.write("Claims Administrator guideline: ")
        out.claims_administrator_guidelines = fdl_guideline(w, plan, item, item.ca, "Claims Administrator", in_ca,
                                                            out)
        w.line()
        w.line()
        w.write("MAXIMUS guideline: ")
        if item.adopts and out.claims_administrator_guidelines:
            w.write("The Expert Reviewer found the guidelines cited by the Claims Administrator relevant and "
                    "appropriate for this request.")
            out.reviewer_guidelines = list(out.claims_administrator_guidelines)
            if in_rv:
                w.write("  Decision based on Non-MTUS Citation ")
                _write_literature(w, item, out, "; ")
                w.write(".")
        else:
            out.reviewer_guidelines = fdl_guideline(w, plan, item, item.reviewer, "Expert Reviewer", in_rv, out)
        w.line()
        w.line()
        w.write("Decision rationale: ")
        write_rationale(w, plan, item, out, say.CONCLUDE)
        w.line()
        w.line()
        plan.det.items.append(out)


def write_documents(w: Writer, plan: Plan, numbered: bool) -> None:
    rng, d = plan.rng, plan.dates
    dates = {"d1": say.slash_date(d.ur_denial), "d2": say.slash_date(d.ur_denial - dt.timedelta(days=rng.randint(3, 15))),
             "d3": say.slash_date(d.ur_denial - dt.timedelta(days=rng.randint(20, 200)))}
    if rng.random() < 0.5:
        w.line("The following documents were reviewed for this determination:")
    for n, doc in enumerate(rng.sample(say.DOCUMENTS, rng.randint(3, 6)), 1):
        w.line((f"{n}. " if numbered else rng.choice(("", "- "))) + doc.format(**dates))
    w.line()


def notice(w: Writer, plan: Plan) -> None:
    """The 2013 Notice of Independent Medical Review Determination."""
    rng, d = plan.rng, plan.dates
    if rng.random() < 0.5:
        w.line("MAXIMUS FEDERAL SERVICES, INC.")
        w.line("P.O. Box 138009")
        w.line("Sacramento, CA 95813-8009")
        w.line()
    w.line("Notice of Independent Medical Review Determination")
    w.write("Dated: ")
    spans = {"decision": w.line(header_date(d.decision, rng))}
    w.line()
    record_header(w, plan, spans)
    plan.header_shape = rng.choice(("one-per-line", "two-columns"))
    fields = [("IMR Case Number", plan.case_number, "case_number"), ("Date of Injury", header_date(d.injury, rng), "injury"),
              ("Claims Number", "", None), ("UR Denial Date", header_date(d.ur_denial, rng), "ur_denial"),
              ("Priority", plan.priority[0], "priority"),
              ("Application Received", header_date(d.application, rng), "application_received"),
              ("Employee Name", "", None), ("Provider Name", "", None),
              ("Treating Provider Specialty", plan.people.treating_specialty or "", "treating")]
    write_header(w, plan, fields)
    if rng.random() < 0.3:
        w.line("Disputed Items: " + ", ".join(it.request.text.upper() for it in plan.items))
        w.line()
    w.line(rng.choice(("Dear Mr.  :", "Dear Ms.  :", "Dear  :")))
    w.line("MAXIMUS Federal Services, Inc. has completed the Independent Medical Review (IMR) of the above workers' "
           "compensation case. This letter provides you with the IMR Final Determination and explains how the "
           "determination was made.")
    w.line()
    w.line("Following is a summary of the IMR Final Determination:")
    w.line()
    outs = []
    for n, item in enumerate(plan.items, 1):
        w.write(f"{n}) MAXIMUS Federal Services, Inc. has determined the request for ")
        heading = w.write(item.request.text)
        w.write(" is ")
        decision = w.write(("not " if item.decision == "upheld" else "") + "medically necessary and appropriate")
        w.line(".")
        out = new_item(w, item, heading)
        out.decision_span = decision
        w.anchor(out, "decision_span")
        outs.append(out)
    w.line()
    w.line("This determination is final and binding, and is not subject to further appeal except as provided by the "
           "Labor Code.")
    w.line()
    w.line("Sincerely,")
    w.line("MAXIMUS Federal Services, Inc.")
    w.line()
    w.line("cc: Department of Industrial Relations, Division of Workers' Compensation")
    w.line()
    w.line("INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE")
    w.line("The Independent Medical Review was conducted on all the medical records provided for review.")
    w.line()
    w.line("Medical Qualifications of the Expert Reviewer:")
    write_credentials_prose(w, plan, rng.choice(("The expert reviewer", "The physician reviewer")))
    w.line(" " + say.TAIL[0])
    w.line()
    w.line(rng.choice(("Expert Reviewer Case Summary:", "CLINICAL CASE SUMMARY:")))
    write_summary(w, plan)
    for n, (item, out) in enumerate(zip(plan.items, outs), 1):
        w.write(f"{n}) Regarding the request for ")
        w.line(item.request.text + ":")
        w.line()
        w.line("Medical Treatment Guideline(s) Used by the Claims Administrator:")
        out.claims_administrator_guidelines = notice_guidelines(w, plan, item.ca, "Claims Administrator")
        w.line()
        w.line()
        w.line("Medical Treatment Guideline(s) the Expert Reviewer used:")
        if item.adopts and out.claims_administrator_guidelines:
            w.write("The Expert Reviewer found the guideline(s) used by the Claims Administrator relevant and "
                    "appropriate for the employee's clinical circumstance.")
            out.reviewer_guidelines = list(out.claims_administrator_guidelines)
            if item.reviewer and rng.random() < 0.5:
                w.write(" ")
                out.reviewer_guidelines += notice_guidelines(w, plan, item.reviewer, "Expert Reviewer")
        else:
            out.reviewer_guidelines = notice_guidelines(w, plan, item.reviewer, "Expert Reviewer")
        w.line()
        w.line()
        w.line("Rationale Used by the Expert Reviewer:")
        write_rationale(w, plan, item, out, say.NOTICE_CONCLUDE)
        w.line()
        w.line()
        plan.det.items.append(out)


def notice_guidelines(w: Writer, plan: Plan, picks: list[Pick], who: str) -> list[Citation]:
    rng = plan.rng
    if not picks:
        w.write(f"The {who} did not cite any evidence-based guidelines for its decision.")
        return []
    verb = "its" if who == "Claims Administrator" else "his/her"
    cites: list[Citation] = []
    for n, p in enumerate(picks):
        if n:
            w.write(" ")
        w.write(f"The {who} based {verb} decision on the ")
        cites += write_pick(w, p, "formal", rng, plan.later)
        w.write(", which is not part of the MTUS." if p.kind == "odg" else ", which is part of the MTUS.")
    return cites


def mpr(w: Writer, plan: Plan) -> None:
    """The single-issue MEDICAL PROFESSIONAL REVIEW."""
    rng, d = plan.rng, plan.dates
    item = plan.items[0]
    if rng.random() < 0.6:
        w.line("MAXIMUS Federal Services")
    w.line("MEDICAL PROFESSIONAL REVIEW")
    w.line()
    spans = {}
    if plan.case_number:
        w.write("IMR Case Number: ")
        spans["case_number"] = w.line(plan.case_number)
    w.write("Date of Injury: ")
    spans["injury"] = w.line(header_date(d.injury, rng))
    w.write("Review Date: ")
    spans["decision"] = w.line(header_date(d.decision, rng))
    w.line()
    record_header(w, plan, spans)
    w.line("ISSUE AT DISPUTE:")
    heading = w.line(item.request.text)
    out = new_item(w, item, heading)
    w.line()
    w.line("CASE SUMMARY:")
    write_summary(w, plan)
    w.line("DOCUMENTS REVIEWED FOR DETERMINATION:")
    write_documents(w, plan, numbered=False)
    w.line("MEDICAL TREATMENT GUIDELINE(S) RELIED UPON BY PROFESSIONAL REVIEWER AND WHY:")
    cites: list[Citation] = []
    for p in item.reviewer:
        w.write(rng.choice(("California MTUS ", "MTUS ", "")) if p.kind != "odg" else "")
        cites += write_pick(w, p, "formal", rng, plan.later)
        w.line()
    if item.literature and not item.literature_in_rationale:
        _write_literature(w, item, out, "; ")
        w.line()
    out.reviewer_guidelines = cites
    w.line(rng.choice(("These guidelines were relied upon because they address the requested treatment.",
                       "The MTUS is the presumptively correct standard for this request.")))
    w.line()
    w.line("RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS NOT MEDICALLY NECESSARY:")
    write_rationale(w, plan, item, out, say.MPR_CONCLUDE, quote_ur=item.decision == "overturned" and rng.random() < 0.4)
    out.decision_span = out.rationale_span
    w.anchor(out, "decision_span")
    w.line()
    w.line()
    w.line("MEDICAL REVIEWER QUALIFICATIONS:")
    write_credentials_prose(w, plan, "The reviewer")
    w.line(" The reviewer has been in active clinical practice for more than five years.")
    plan.det.items.append(out)


WRITERS = {"fdl-2014": fdl, "fdl-2014-header": fdl, "fdl-2014-documents": fdl, "notice-2013": notice, "mpr": mpr}


def blank_determination(layout: str) -> Determination:
    return Determination(id="", source="", sha256="", format=layout, case_number=None,
                         reviewer=Reviewer([], None, []), patient=Patient(None, None, None, None), diagnoses=[],
                         medications=[], prior_treatments=[], body_parts=[], items=[])
