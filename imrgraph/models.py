"""The data passed between stages: read -> parse -> extract -> link -> graph.

Every stage takes and returns these plain dataclasses; nothing here does work beyond converting
to and from the extraction JSON (docs/EXTRACTION.md), which is an edge format: the typed
`Determination` is what travels from extraction to the graph.
Offsets (`Span`) are character offsets into `Document.text`, the letter as read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

Span = tuple[int, int]
T = TypeVar("T")


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
    # the text between the decision and the rationale when no guideline label stands there: prose that tells whose
    # guidelines were which ('The claims administrator cited ...; the expert reviewer relied on ...')
    guideline_prose: Span | None = None


@dataclass
class ParsedLetter:
    """A document split into its layout's parts (parse stage)."""

    document: Document
    layout: str  # "fdl-2014" | "fdl-2014-header" | "fdl-2014-documents" | "notice-2013" | "mpr"
    header: dict[str, Span] = field(default_factory=dict)  # header field -> value span
    sections: dict[str, Span] = field(default_factory=dict)  # "qualifications", "summary", ...
    items: list[ItemBlock] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


@dataclass
class Mention(Generic[T]):
    """A normalised value and the place in the letter it was read from."""

    value: T
    span: Span


@dataclass
class Citation:
    source: str  # "MTUS" | "ODG" | "other"
    document: str | None
    chapter: str | None
    topic: str | None
    pages: list[int]
    edition: str | None
    span: Span

    def to_json(self) -> dict:
        return {"source": self.source, "document": self.document, "chapter": self.chapter, "topic": self.topic,
                "pages": list(self.pages), "edition": self.edition, "span": list(self.span)}

    @classmethod
    def from_json(cls, d: dict) -> Citation:
        return cls(d["source"], d.get("document"), d.get("chapter"), d.get("topic"), list(d.get("pages") or []),
                   d.get("edition"), _span(d.get("span")))


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
    body_regions: list[Mention[str]]
    decision: str  # "upheld" | "overturned"
    claims_administrator_guidelines: list[Citation]
    reviewer_guidelines: list[Citation]
    literature: list[Literature]
    rationale: str
    rationale_span: Span | None
    guideline_limits: list[GuidelineLimit]
    decision_span: Span | None = None
    problems: list[str] = field(default_factory=list)
    quantities: list[dict] | None = None  # per service, when one request asks for different counts

    @property
    def medically_necessary(self) -> bool:
        """Upheld: the denial stands, the treatment is not medically necessary; overturned: it is."""
        return self.decision == "overturned"


@dataclass
class Reviewer:
    specialties: list[Mention[str]]
    board_certified: bool | None
    licensed_in: list[Mention[str]]


@dataclass
class Patient:
    age: Mention[int] | None
    sex: Mention[str] | None
    occupation: Mention[str] | None
    date_of_injury: Mention[str] | None


@dataclass
class HeaderDates:
    """The dates of the letter's header block (ISO strings), where there is one."""

    assigned: Mention[str] | None = None
    decision: Mention[str] | None = None
    ur_denial: Mention[str] | None = None
    application_received: Mention[str] | None = None

    FIELDS = ("assigned", "decision", "ur_denial", "application_received")


@dataclass
class Determination:
    """Everything extracted from one letter, each value with its evidence span."""

    id: str
    source: str
    sha256: str
    format: str
    case_number: Mention[str] | None
    reviewer: Reviewer
    patient: Patient
    diagnoses: list[Diagnosis]
    medications: list[Medication]
    prior_treatments: list[PriorTreatment]
    body_parts: list[Mention[str]]
    items: list[DisputedTreatment]
    problems: list[str] = field(default_factory=list)
    dates: HeaderDates = field(default_factory=HeaderDates)
    priority: Mention[str] | None = None
    treating_physician_specialty: Mention[str] | None = None

    def to_json(self) -> dict[str, Any]:
        """The extraction JSON object (docs/EXTRACTION.md), with the evidence spans as extensions."""
        r, p = self.reviewer, self.patient
        return {
            "id": self.id,
            "source": self.source,
            "format": self.format,
            "case_number": _value(self.case_number),
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
            "dates": {name: _value(getattr(self.dates, name)) for name in HeaderDates.FIELDS},
            "priority": _value(self.priority),
            "treating_physician_specialty": _value(self.treating_physician_specialty),
            "diagnoses": [
                {"text": x.text, "icd10cm": x.icd10cm, "negated": x.negated, "uncertain": x.uncertain,
                 "span": list(x.span)}
                for x in self.diagnoses
            ],
            "medications": [
                {"text": x.text, "generic": x.generic, "negated": x.negated, "drugbank": x.drugbank,
                 "span": list(x.span)}
                for x in self.medications
            ],
            "prior_treatments": [
                {"text": x.text, "service": x.service, "span": list(x.span)} for x in self.prior_treatments
            ],
            "body_parts": [m.value for m in self.body_parts],
            "items": [_item_json(it) for it in self.items],
            "sha256": self.sha256,
            "spans": {
                "case_number": _span_json(self.case_number),
                "reviewer.specialties": [list(m.span) for m in r.specialties],
                "reviewer.licensed_in": [list(m.span) for m in r.licensed_in],
                "patient.age": _span_json(p.age),
                "patient.sex": _span_json(p.sex),
                "patient.occupation": _span_json(p.occupation),
                "patient.date_of_injury": _span_json(p.date_of_injury),
                **{f"dates.{name}": _span_json(getattr(self.dates, name)) for name in HeaderDates.FIELDS},
                "priority": _span_json(self.priority),
                "treating_physician_specialty": _span_json(self.treating_physician_specialty),
                "body_parts": [list(m.span) for m in self.body_parts],
            },
            "problems": self.problems,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Determination:
        """The inverse of `to_json`: a Determination from one line of extractions.jsonl."""
        spans = d.get("spans") or {}
        reviewer, patient, dates = d.get("reviewer") or {}, d.get("patient") or {}, d.get("dates") or {}
        return cls(
            id=d["id"],
            source=d["source"],
            sha256=d.get("sha256") or "",
            format=d["format"],
            case_number=_mention(d.get("case_number"), spans.get("case_number")),
            reviewer=Reviewer(_mentions(reviewer.get("specialties"), spans.get("reviewer.specialties")),
                              reviewer.get("board_certified"),
                              _mentions(reviewer.get("licensed_in"), spans.get("reviewer.licensed_in"))),
            patient=Patient(*(_mention(patient.get(k), spans.get(f"patient.{k}"))
                              for k in ("age", "sex", "occupation", "date_of_injury"))),
            diagnoses=[Diagnosis(x["text"], x.get("icd10cm"), bool(x.get("negated")), bool(x.get("uncertain")),
                                 _span(x.get("span"))) for x in d.get("diagnoses") or []],
            medications=[Medication(x["text"], x["generic"], bool(x.get("negated")), _span(x.get("span")),
                                    x.get("drugbank")) for x in d.get("medications") or []],
            prior_treatments=[PriorTreatment(x["text"], x.get("service"), _span(x.get("span")))
                              for x in d.get("prior_treatments") or []],
            body_parts=_mentions(d.get("body_parts"), spans.get("body_parts")),
            items=[_item_from_json(it) for it in d.get("items") or []],
            problems=list(d.get("problems") or []),
            dates=HeaderDates(*(_mention(dates.get(k), spans.get(f"dates.{k}")) for k in HeaderDates.FIELDS)),
            priority=_mention(d.get("priority"), spans.get("priority")),
            treating_physician_specialty=_mention(d.get("treating_physician_specialty"),
                                                  spans.get("treating_physician_specialty")),
        )


def _value(m: Mention | None):
    return m.value if m else None


def _span_json(m: Mention | None):
    return list(m.span) if m else None


def _span(value) -> Span:
    return (int(value[0]), int(value[1])) if value else (0, 0)


def _optional_span(value) -> Span | None:
    return (int(value[0]), int(value[1])) if value else None


def _mention(value, span) -> Mention | None:
    return Mention(value, _span(span)) if value is not None else None


def _mentions(values, spans) -> list[Mention]:
    spans = spans or []
    return [Mention(v, _span(spans[i] if i < len(spans) else None)) for i, v in enumerate(values or [])]


def _item_json(it: DisputedTreatment) -> dict:
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
        "medically_necessary": it.medically_necessary,
        "claims_administrator_guidelines": [c.to_json() for c in it.claims_administrator_guidelines],
        "reviewer_guidelines": [c.to_json() for c in it.reviewer_guidelines],
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


def _item_from_json(d: dict) -> DisputedTreatment:
    spans = d.get("spans") or {}
    m = d.get("medication")
    medication = ItemMedication(m["generic"], m.get("strength"), m.get("form"), m.get("text") or m["generic"],
                                _span(m.get("span")), m.get("drugbank")) if m else None
    return DisputedTreatment(
        text=d["text"], span=_span(d.get("span")), services=list(d.get("services") or []), medication=medication,
        quantity=d.get("quantity"), unit=d.get("unit"), frequency=d.get("frequency"), duration=d.get("duration"),
        body_regions=_mentions(d.get("body_regions"), spans.get("body_regions")), decision=d["decision"],
        claims_administrator_guidelines=[Citation.from_json(c) for c in d.get("claims_administrator_guidelines") or []],
        reviewer_guidelines=[Citation.from_json(c) for c in d.get("reviewer_guidelines") or []],
        literature=[Literature(x["author"], int(x["year"]), _span(x.get("span"))) for x in d.get("literature") or []],
        rationale=d.get("rationale") or "", rationale_span=_optional_span(spans.get("rationale")),
        guideline_limits=[GuidelineLimit(g.get("min"), g.get("max"), g.get("unit"), g.get("weeks"), g.get("text") or "",
                                         _span(g.get("span"))) for g in d.get("guideline_limits") or []],
        decision_span=_optional_span(spans.get("decision")), problems=list(d.get("problems") or []),
        quantities=d.get("quantities"),
    )
