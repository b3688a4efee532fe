"""The data passed between stages: read -> parse -> extract -> link -> graph.

Every stage takes and returns these plain dataclasses; nothing here does work.
Offsets (`Span`) are character offsets into `Document.text`, the letter as read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Span = tuple[int, int]


@dataclass(frozen=True)
class Document:
    """One input that yielded text (read stage)."""

    source: str  # path as given; zip members as "archive.zip!member.txt"
    text: str
    sha256: str  # of the raw bytes
    kind: str  # "txt" | "pdf"


@dataclass(frozen=True)
class Rejection:
    """One input that produced no letter, with a one-line reason (any stage)."""

    source: str
    reason: str


@dataclass
class ItemBlock:
    """One disputed item as laid out in the letter (parse stage)."""

    heading: Span  # the treatment as requested
    decision: str | None  # "upheld" | "overturned" | None when the letter does not say
    decision_span: Span | None
    claims_administrator: Span | None = None  # the claims administrator's guideline text
    reviewer: Span | None = None  # the expert reviewer's guideline text
    rationale: Span | None = None
    problems: list[str] = field(default_factory=list)


@dataclass
class ParsedLetter:
    """A document split into its layout's parts (parse stage)."""

    document: Document
    layout: str  # "fdl-2014" | "fdl-2014-header" | "fdl-2014-documents" | "notice-2013" | "mpr"
    header: dict[str, Span] = field(default_factory=dict)  # header label -> value span
    sections: dict[str, Span] = field(default_factory=dict)  # "qualifications", "summary", ...
    items: list[ItemBlock] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


@dataclass
class Citation:
    source: str  # "MTUS" | "ODG" | "other"
    document: str | None
    chapter: str | None
    topic: str | None
    pages: list[int]
    edition: str | None
    span: Span


@dataclass
class Literature:
    author: str
    year: int
    span: Span


@dataclass
class GuidelineLimit:
    """A limit a rationale states, e.g. 'up to 6-10 visits over 5-6 weeks'."""

    min: float | None
    max: float | None
    unit: str | None
    weeks: float | None
    text: str
    span: Span


@dataclass
class Diagnosis:
    text: str
    icd10cm: str | None
    negated: bool
    uncertain: bool
    span: Span


@dataclass
class Medication:
    text: str
    generic: str
    negated: bool
    span: Span
    drugbank: str | None = None


@dataclass
class PriorTreatment:
    text: str
    service: str | None
    span: Span


@dataclass
class Mention:
    """A normalised value found at a place in the text (body part, specialty, state...)."""

    value: str
    span: Span


@dataclass
class ItemMedication:
    generic: str
    strength: str | None
    form: str | None
    text: str
    span: Span
    drugbank: str | None = None


@dataclass
class DisputedTreatment:
    text: str
    span: Span
    services: list[str]
    medication: ItemMedication | None
    quantity: float | None
    unit: str | None
    frequency: dict | None  # {"times": n, "per": "day"|"week"|"month"}
    duration: dict | None  # {"value": n, "unit": "day"|"week"|"month"}
    body_regions: list[Mention]
    decision: str
    claims_administrator_guidelines: list[Citation]
    reviewer_guidelines: list[Citation]
    literature: list[Literature]
    rationale: str
    rationale_span: Span | None
    guideline_limits: list[GuidelineLimit]
    decision_span: Span | None = None
    problems: list[str] = field(default_factory=list)
    quantities: list[dict] | None = None  # per service, when one request asks for different counts


@dataclass
class Reviewer:
    specialties: list[Mention]
    board_certified: bool | None
    licensed_in: list[Mention]


@dataclass
class Patient:
    age: Mention | None
    sex: Mention | None
    occupation: Mention | None
    date_of_injury: Mention | None


@dataclass
class Determination:
    """Everything extracted from one letter: CONTRACT section 2 plus evidence spans."""

    id: str
    source: str
    sha256: str
    format: str
    case_number: Mention | None
    reviewer: Reviewer
    patient: Patient
    diagnoses: list[Diagnosis]
    medications: list[Medication]
    prior_treatments: list[PriorTreatment]
    body_parts: list[Mention]
    items: list[DisputedTreatment]
    problems: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The CONTRACT section 2 object, with our documented extensions (spans, limits)."""
        return determination_json(self)


def _value(m: Mention | None):
    return m.value if m else None


def _span(m: Mention | None):
    return list(m.span) if m else None


def _citation(c: Citation) -> dict:
    return {"source": c.source, "document": c.document, "chapter": c.chapter, "topic": c.topic,
            "pages": list(c.pages), "edition": c.edition, "span": list(c.span)}


def determination_json(d: Determination) -> dict[str, Any]:
    def item(it: DisputedTreatment) -> dict:
        med = None
        if it.medication:
            m = it.medication
            med = {"generic": m.generic, "strength": m.strength, "form": m.form,
                   "text": m.text, "drugbank": m.drugbank, "span": list(m.span)}
        return {
            "text": it.text,
            "services": it.services,
            "medication": med,
            "quantity": it.quantity,
            "unit": it.unit,
            **({"quantities": it.quantities} if it.quantities else {}),
            "frequency": it.frequency,
            "duration": it.duration,
            "body_regions": [m.value for m in it.body_regions],
            "decision": it.decision,
            "medically_necessary": it.decision == "overturned",
            "claims_administrator_guidelines": [_citation(c) for c in it.claims_administrator_guidelines],
            "reviewer_guidelines": [_citation(c) for c in it.reviewer_guidelines],
            "literature": [{"author": x.author, "year": x.year, "span": list(x.span)} for x in it.literature],
            "rationale": it.rationale,
            "guideline_limits": [
                {"min": g.min, "max": g.max, "unit": g.unit, "weeks": g.weeks, "text": g.text, "span": list(g.span)}
                for g in it.guideline_limits
            ],
            "span": list(it.span),
            "spans": {
                "decision": list(it.decision_span) if it.decision_span else None,
                "rationale": list(it.rationale_span) if it.rationale_span else None,
                "body_regions": [list(m.span) for m in it.body_regions],
            },
            "problems": it.problems,
        }

    r, p = d.reviewer, d.patient
    return {
        "id": d.id,
        "source": d.source,
        "format": d.format,
        "case_number": _value(d.case_number),
        "reviewer": {
            "specialties": [m.value for m in r.specialties],
            "board_certified": r.board_certified,
            "licensed_in": [m.value for m in r.licensed_in],
        },
        "patient": {
            "age": _value(p.age),
            "sex": _value(p.sex),
            "occupation": _value(p.occupation),
            "date_of_injury": _value(p.date_of_injury),
        },
        "diagnoses": [
            {"text": x.text, "icd10cm": x.icd10cm, "negated": x.negated, "uncertain": x.uncertain,
             "span": list(x.span)}
            for x in d.diagnoses
        ],
        "medications": [
            {"text": x.text, "generic": x.generic, "negated": x.negated, "drugbank": x.drugbank,
             "span": list(x.span)}
            for x in d.medications
        ],
        "prior_treatments": [
            {"text": x.text, "service": x.service, "span": list(x.span)} for x in d.prior_treatments
        ],
        "body_parts": [m.value for m in d.body_parts],
        "items": [item(it) for it in d.items],
        "sha256": d.sha256,
        "spans": {
            "case_number": _span(d.case_number),
            "reviewer.specialties": [list(m.span) for m in r.specialties],
            "reviewer.licensed_in": [list(m.span) for m in r.licensed_in],
            "patient.age": _span(p.age),
            "patient.sex": _span(p.sex),
            "patient.occupation": _span(p.occupation),
            "patient.date_of_injury": _span(p.date_of_injury),
            "body_parts": [list(m.span) for m in d.body_parts],
        },
        "problems": d.problems,
    }
