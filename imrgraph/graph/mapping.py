"""The one mapping from an extraction dict (the extraction JSON, docs/EXTRACTION.md) to RDF quads.

`triples_for(determination)` is pure: the same dict always gives the same quads. Facts about the
letter go into the letter's named graph; descriptions of shared concepts (medications, diagnoses,
guideline sections, literature) go into the concepts graph, where every letter that names a concept
writes the same quads, so the concept exists once however many letters cite it. The two kinds of
quad never share a subject, so the named graphs are disjoint and the union graph holds each triple
once. docs/GRAPH.md describes the resulting graph.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from functools import cache

from pyoxigraph import Literal, NamedNode, Quad

from imrgraph import vocab
from imrgraph.graph import iris
from imrgraph.link import icd10cm_title

RDF = iris.PREFIXES["rdf"]
RDFS = iris.PREFIXES["rdfs"]
XSD = iris.PREFIXES["xsd"]
SKOS = iris.PREFIXES["skos"]
PROV = iris.PREFIXES["prov"]
DCT = iris.PREFIXES["dcterms"]
SCHEMA = iris.PREFIXES["schema"]
IMR = iris.IMR

TYPE = NamedNode(RDF + "type")
TRUE = Literal("true", datatype=NamedNode(XSD + "boolean"))
FALSE = Literal("false", datatype=NamedNode(XSD + "boolean"))
CONCEPTS = NamedNode(iris.CONCEPTS_GRAPH)
OUTCOMES = {"upheld": NamedNode(IMR + "Upheld"), "overturned": NamedNode(IMR + "Overturned")}
PARTIES = {"claims_administrator_guidelines": "ClaimsAdministrator", "reviewer_guidelines": "ExpertReviewer"}
DIRECT_CITES = {"claims_administrator_guidelines": "claimsAdministratorCites",
                "reviewer_guidelines": "reviewerCites"}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# units a request and a guideline limit may use for the same thing (sessions are visits)
_UNIT_SYNONYMS = {"visit": "session", "treatment": "session", "appointment": "session"}


@cache
def imr(name: str) -> NamedNode:
    return NamedNode(IMR + name)


@cache
def _datatype(name: str) -> NamedNode:
    return NamedNode(XSD + name)


def typed(value, datatype: str) -> Literal:
    return Literal(str(value), datatype=_datatype(datatype))


def boolean(value: bool) -> Literal:
    return TRUE if value else FALSE


def decimal(value) -> Literal | None:
    """xsd:decimal in its one canonical spelling (XSD 1.1: 6, 0.5), the spelling the store gives back, so
    6, 6.0 and "6.00" are the same literal and graph.ttl reads the same written as letters arrive or from
    the store."""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    if not number.is_finite():
        return None
    text = format(number.normalize(), "f")
    return typed(text, "decimal")


def same_unit(a: str | None, b: str | None) -> bool:
    """True when either unit is unknown or both name the same countable thing."""
    if not a or not b:
        return True

    def norm(u: str) -> str:
        u = u.lower().strip().rstrip("s")
        return _UNIT_SYNONYMS.get(u, u)

    return norm(a) == norm(b)


class _Quads:
    """Collects quads for one letter: letter facts in its graph, concept descriptions in the concepts graph."""

    def __init__(self, letter_id: str, text: str | None):
        self.letter_id = letter_id
        self.text = text
        self.graph = NamedNode(iris.letter_graph(letter_id))
        self.quads: dict[Quad, None] = {}

    def fact(self, s: NamedNode, p: NamedNode, o) -> None:
        if o is not None:
            self.quads[Quad(s, p, o, self.graph)] = None

    def concept(self, s: NamedNode, p: NamedNode, o) -> None:
        if o is not None:
            self.quads[Quad(s, p, o, CONCEPTS)] = None

    def evidence(self, node: NamedNode, span, supports: NamedNode | None = None, surface: str | None = None):
        """Links node to the text span it was read from; `supports` names the property the span backs."""
        if not span or span[0] is None or span[1] is None:
            return
        start, end = int(span[0]), int(span[1])
        ev = NamedNode(iris.evidence(self.letter_id, start, end))
        self.fact(node, imr("evidence"), ev)
        self.fact(ev, TYPE, imr("Evidence"))
        self.fact(ev, imr("start"), typed(start, "integer"))
        self.fact(ev, imr("end"), typed(end, "integer"))
        source_text = self.text[start:end] if self.text is not None else surface
        if source_text is not None:
            self.fact(ev, imr("sourceText"), Literal(source_text))
        if supports is not None:
            self.fact(ev, imr("supports"), supports)


def _spans(d: dict, key: str) -> list:
    spans = d.get("spans") or {}
    return spans.get(key) or []


def _nth(spans: list, i: int):
    return spans[i] if i < len(spans) else None


def triples_for(determination: dict, text: str | None = None) -> list[Quad]:
    """All quads for one letter. `text` (the letter as read) makes every evidence node carry the exact
    source text; without it evidence carries the extracted surface string where there is one."""
    d = determination
    letter_id = str(d["id"])
    q = _Quads(letter_id, text)
    det = NamedNode(iris.determination(letter_id))

    q.fact(det, TYPE, imr("Determination"))
    q.fact(det, TYPE, NamedNode(PROV + "Entity"))
    q.fact(det, NamedNode(DCT + "identifier"), Literal(letter_id))
    q.fact(det, imr("layout"), Literal(d["format"]) if d.get("format") else None)
    if d.get("case_number"):
        q.fact(det, imr("caseNumber"), Literal(d["case_number"]))
        q.evidence(det, (d.get("spans") or {}).get("case_number"), imr("caseNumber"), d["case_number"])
    _source(q, det, d)
    _patient(q, det, d)
    _header(q, det, d)
    _reviewer(q, det, d)
    _diagnoses(q, det, d.get("diagnoses") or [])
    _medications(q, det, d.get("medications") or [])
    for i, prior in enumerate(d.get("prior_treatments") or []):
        mention = NamedNode(f"{det.value}/prior-treatment/{i + 1}")
        q.fact(det, imr("hasPriorTreatment"), mention)
        q.fact(mention, TYPE, imr("PriorTreatment"))
        q.fact(mention, imr("text"), Literal(prior["text"]))
        if prior.get("service"):
            q.fact(mention, imr("mentionOf"), _service(q, prior["service"]))
        q.evidence(mention, prior.get("span"), None, prior["text"])
    body_spans = _spans(d, "body_parts")
    for i, part in enumerate(d.get("body_parts") or []):
        q.fact(det, imr("bodyPart"), Literal(part))
        q.evidence(det, _nth(body_spans, i), imr("bodyPart"), part)
    for n, it in enumerate(d.get("items") or [], start=1):
        _item(q, det, n, it)
    return list(q.quads)


def _source(q: _Quads, det: NamedNode, d: dict) -> None:
    source = NamedNode(det.value + "/source")
    q.fact(det, NamedNode(PROV + "wasDerivedFrom"), source)
    q.fact(source, TYPE, imr("SourceFile"))
    q.fact(source, imr("sourcePath"), Literal(d["source"]) if d.get("source") else None)
    q.fact(source, imr("sha256"), Literal(d["sha256"]) if d.get("sha256") else None)


def _patient(q: _Quads, det: NamedNode, d: dict) -> None:
    patient = d.get("patient") or {}
    spans = d.get("spans") or {}
    values = {
        "age": typed(int(patient["age"]), "integer") if patient.get("age") is not None else None,
        "sex": Literal(patient["sex"]) if patient.get("sex") else None,
        "occupation": Literal(patient["occupation"]) if patient.get("occupation") else None,
        "date_of_injury": (typed(patient["date_of_injury"], "date")
                           if _DATE.match(str(patient.get("date_of_injury") or "")) else None),
    }
    names = {"age": "age", "sex": "sex", "occupation": "occupation", "date_of_injury": "dateOfInjury"}
    for key, value in values.items():
        if value is None:
            continue
        q.fact(det, imr(names[key]), value)
        q.evidence(det, spans.get(f"patient.{key}"), imr(names[key]), str(patient[key]))


HEADER_DATES = {"assigned": "dateAssigned", "decision": "decisionDate", "ur_denial": "urDenialDate",
                "application_received": "applicationReceived"}


def _header(q: _Quads, det: NamedNode, d: dict) -> None:
    """The header block's dates, priority and treating physician's specialty."""
    spans = d.get("spans") or {}
    for key, prop in HEADER_DATES.items():
        value = (d.get("dates") or {}).get(key)
        if _DATE.match(str(value or "")):
            q.fact(det, imr(prop), typed(value, "date"))
            q.evidence(det, spans.get(f"dates.{key}"), imr(prop), value)
    for key, prop in (("priority", "priority"), ("treating_physician_specialty", "treatingPhysicianSpecialty")):
        if d.get(key):
            q.fact(det, imr(prop), Literal(d[key]))
            q.evidence(det, spans.get(key), imr(prop), d[key])


def _reviewer(q: _Quads, det: NamedNode, d: dict) -> None:
    reviewer = d.get("reviewer") or {}
    node = NamedNode(det.value + "/reviewer")
    q.fact(det, imr("reviewedBy"), node)
    q.fact(node, TYPE, imr("Reviewer"))
    q.fact(node, TYPE, NamedNode(PROV + "Agent"))
    for key, prop in (("specialties", "specialty"), ("licensed_in", "licensedIn")):
        spans = _spans(d, f"reviewer.{key}")
        for i, value in enumerate(reviewer.get(key) or []):
            q.fact(node, imr(prop), Literal(value))
            q.evidence(node, _nth(spans, i), imr(prop), value)
    for value in reviewer.get("specialties") or []:
        q.fact(node, imr("specialtyField"), Literal(vocab.specialty_field(value)))
    if reviewer.get("board_certified") is not None:
        q.fact(node, imr("boardCertified"), boolean(reviewer["board_certified"]))


def _diagnoses(q: _Quads, det: NamedNode, diagnoses: list[dict]) -> None:
    for i, dx in enumerate(diagnoses, start=1):
        code = (dx.get("icd10cm") or "").strip().upper() or None
        concept = NamedNode(iris.diagnosis(code, dx["text"]))
        q.concept(concept, TYPE, imr("Diagnosis"))
        q.concept(concept, TYPE, NamedNode(SKOS + "Concept"))
        q.concept(concept, NamedNode(SKOS + "inScheme"), imr("DiagnosisScheme"))
        if code:
            q.concept(concept, imr("icd10cm"), Literal(code))
            q.concept(concept, NamedNode(SKOS + "exactMatch"), NamedNode(iris.icd10cm_iri(code)))
            q.concept(concept, NamedNode(SKOS + "prefLabel"), Literal(icd10cm_title(code) or code))
        else:
            q.concept(concept, NamedNode(SKOS + "prefLabel"), Literal(iris.slug(dx["text"]).replace("-", " ")))
        negated, uncertain = bool(dx.get("negated")), bool(dx.get("uncertain"))
        link = "hasNegatedDiagnosis" if negated else "hasUncertainDiagnosis" if uncertain else "hasDiagnosis"
        q.fact(det, imr(link), concept)
        mention = NamedNode(f"{det.value}/diagnosis/{i}")
        q.fact(det, imr("hasMention"), mention)
        q.fact(mention, TYPE, imr("DiagnosisMention"))
        q.fact(mention, imr("mentionOf"), concept)
        q.fact(mention, imr("text"), Literal(dx["text"]))
        q.fact(mention, imr("negated"), boolean(negated))
        q.fact(mention, imr("uncertain"), boolean(uncertain))
        q.evidence(mention, dx.get("span"), None, dx["text"])


def _medication_concept(q: _Quads, generic: str, surface: str | None, drugbank: str | None) -> NamedNode:
    generic = generic.strip().lower()
    concept = NamedNode(iris.medication(generic))
    q.concept(concept, TYPE, imr("Medication"))
    q.concept(concept, TYPE, NamedNode(SKOS + "Concept"))
    q.concept(concept, NamedNode(SKOS + "inScheme"), imr("MedicationScheme"))
    q.concept(concept, NamedNode(SKOS + "prefLabel"), Literal(generic))
    if drugbank:
        q.concept(concept, NamedNode(SKOS + "exactMatch"), NamedNode(iris.drugbank_iri(drugbank)))
    label = brand_label(generic, surface)
    if label:
        q.concept(concept, NamedNode(SKOS + "altLabel"), Literal(label))
    return concept


def brand_label(generic: str, surface: str | None) -> str | None:
    """A brand or abbreviation as the letter wrote it, lowercased: an alternative label of the generic."""
    name = " ".join((surface or "").split()).lower()
    if name and name != generic.strip().lower() and not any(ch.isdigit() for ch in name):
        return name
    return None


def _medications(q: _Quads, det: NamedNode, medications: list[dict]) -> None:
    for i, med in enumerate(medications, start=1):
        concept = _medication_concept(q, med["generic"], med.get("text"), med.get("drugbank"))
        negated = bool(med.get("negated"))
        if not negated:
            q.fact(det, imr("mentionsMedication"), concept)
        mention = NamedNode(f"{det.value}/medication/{i}")
        q.fact(det, imr("hasMention"), mention)
        q.fact(mention, TYPE, imr("MedicationMention"))
        q.fact(mention, imr("mentionOf"), concept)
        q.fact(mention, imr("text"), Literal(med.get("text") or med["generic"]))
        q.fact(mention, imr("negated"), boolean(negated))
        q.evidence(mention, med.get("span"), None, med.get("text"))


def _service(q: _Quads, service_id: str) -> NamedNode:
    node = NamedNode(iris.service(service_id))
    if service_id not in vocab.service_ids():
        # not in the bundled vocabulary: describe it here so it is still a typed, grouped concept
        q.concept(node, TYPE, imr("Service"))
        q.concept(node, TYPE, NamedNode(SKOS + "Concept"))
        q.concept(node, NamedNode(SKOS + "prefLabel"), Literal(service_id))
        q.concept(node, NamedNode(SKOS + "inScheme"), imr("ServiceScheme"))
        q.concept(node, NamedNode(SKOS + "broader"), NamedNode(iris.category(vocab.OTHER_CATEGORY)))
    return node


def _section(q: _Quads, citation: dict, page: int | None) -> NamedNode:
    chapter = citation.get("chapter")
    node, quads = _section_quads(citation["source"], citation.get("document"),
                                 str(chapter) if chapter else None, int(page) if page is not None else None)
    q.quads.update(dict.fromkeys(quads))
    return node


@cache
def _section_quads(source: str, document: str | None, chapter: str | None,
                   page: int | None) -> tuple[NamedNode, tuple[Quad, ...]]:
    """A section node and its description; cached, since letters cite the same few hundred sections."""
    node = NamedNode(iris.guideline_section(source, document, chapter, page))
    described = _Quads("", None)
    described.concept(node, TYPE, imr("GuidelineSection"))
    described.concept(node, imr("guidelineSource"), Literal(source))
    described.concept(node, imr("document"), Literal(document) if document else None)
    described.concept(node, imr("chapter"), Literal(chapter) if chapter else None)
    if page is not None:
        described.concept(node, imr("page"), typed(page, "integer"))
    # "MTUS acoem ch. 12 p. 303", "ODG Mental Illness and Stress", "MTUS chronic-pain p. 23"
    label = " ".join(str(x) for x in (source, document != source.lower() and document,
                                       chapter and (f"ch. {chapter}" if chapter.isdigit() else chapter),
                                       page is not None and f"p. {page}") if x)
    described.concept(node, NamedNode(RDFS + "label"), Literal(label))
    unit = vocab.guideline_unit(source, document, chapter)
    if unit:
        described.concept(node, NamedNode(DCT + "isPartOf"), NamedNode(unit))
    return node, tuple(described.quads)


def _item(q: _Quads, det: NamedNode, n: int, it: dict) -> None:
    node = NamedNode(iris.item(q.letter_id, n))
    q.fact(det, imr("hasDisputedTreatment"), node)
    q.fact(node, TYPE, imr("DisputedTreatment"))
    q.fact(node, imr("itemNumber"), typed(n, "integer"))
    q.fact(node, imr("text"), Literal(it["text"]))
    q.evidence(node, it.get("span"), None, it["text"])
    spans = it.get("spans") or {}
    outcome = OUTCOMES.get(str(it.get("decision")).lower())
    q.fact(node, imr("outcome"), outcome)
    if outcome is not None:
        q.evidence(node, spans.get("decision"), imr("outcome"), it.get("decision"))
    necessary = it.get("medically_necessary")
    if necessary is None and outcome is not None:
        necessary = it["decision"] == "overturned"
    if necessary is not None:
        q.fact(node, imr("medicallyNecessary"), boolean(necessary))
    for service_id in it.get("services") or []:
        q.fact(node, imr("requestsService"), _service(q, service_id))
    med = it.get("medication")
    if med and med.get("generic"):
        concept = _medication_concept(q, med["generic"], med.get("text"), med.get("drugbank"))
        q.fact(node, imr("requestsMedication"), concept)
        mention = NamedNode(node.value + "/medication")
        q.fact(node, imr("hasMention"), mention)
        q.fact(mention, TYPE, imr("MedicationMention"))
        q.fact(mention, imr("mentionOf"), concept)
        q.fact(mention, imr("text"), Literal(med.get("text") or med["generic"]))
        q.fact(mention, imr("negated"), FALSE)
        q.evidence(mention, med.get("span"), None, med.get("text"))
        q.fact(node, imr("strength"), Literal(med["strength"]) if med.get("strength") else None)
        q.fact(node, imr("form"), Literal(med["form"]) if med.get("form") else None)
    quantity = decimal(it["quantity"]) if it.get("quantity") is not None else None
    q.fact(node, imr("quantity"), quantity)
    q.fact(node, imr("unit"), Literal(it["unit"]) if it.get("unit") else None)
    freq, dur = it.get("frequency"), it.get("duration")
    if freq:
        q.fact(node, imr("frequencyTimes"), decimal(freq.get("times")))
        q.fact(node, imr("frequencyPer"), Literal(freq["per"]) if freq.get("per") else None)
    if dur:
        q.fact(node, imr("durationValue"), decimal(dur.get("value")))
        q.fact(node, imr("durationUnit"), Literal(dur["unit"]) if dur.get("unit") else None)
    region_spans = spans.get("body_regions") or []
    for i, region in enumerate(it.get("body_regions") or []):
        q.fact(node, imr("bodyRegion"), Literal(region))
        q.evidence(node, _nth(region_spans, i), imr("bodyRegion"), region)
    if it.get("rationale"):
        q.fact(node, imr("rationale"), Literal(it["rationale"]))
        q.evidence(node, spans.get("rationale"), imr("rationale"), it["rationale"])
    for key in PARTIES:
        _citations(q, node, key, it.get(key) or [])
    for lit in it.get("literature") or []:
        work = NamedNode(iris.literature(lit["author"], lit["year"]))
        q.fact(node, NamedNode(DCT + "references"), work)
        q.concept(work, TYPE, NamedNode(SCHEMA + "ScholarlyArticle"))
        q.concept(work, NamedNode(DCT + "creator"), Literal(lit["author"]))
        q.concept(work, NamedNode(DCT + "date"), typed(int(lit["year"]), "gYear"))
        q.concept(work, NamedNode(RDFS + "label"), Literal(f"{lit['author']} {int(lit['year'])}"))
        q.evidence(node, lit.get("span"), NamedNode(DCT + "references"), f"{lit['author']}, {lit['year']}")
    _limits(q, node, it)


def _citations(q: _Quads, item: NamedNode, key: str, citations: Iterable[dict]) -> None:
    role = "claims-administrator" if key == "claims_administrator_guidelines" else "reviewer"
    for k, citation in enumerate(citations, start=1):
        node = NamedNode(f"{item.value}/citation/{role}/{k}")
        q.fact(item, imr("hasCitation"), node)
        q.fact(node, TYPE, imr("GuidelineCitation"))
        q.fact(node, imr("citedBy"), imr(PARTIES[key]))
        q.fact(node, imr("topic"), Literal(citation["topic"]) if citation.get("topic") else None)
        q.fact(node, imr("edition"), Literal(citation["edition"]) if citation.get("edition") else None)
        for page in citation.get("pages") or [None]:
            section = _section(q, citation, page)
            q.fact(node, imr("citesSection"), section)
            q.fact(item, imr(DIRECT_CITES[key]), section)
        written = citation.get("topic") or " ".join(
            str(x) for x in (citation["source"], citation.get("document"), citation.get("chapter")) if x)
        q.evidence(node, citation.get("span"), None, written)


def _limits(q: _Quads, item: NamedNode, it: dict) -> None:
    """Guideline limits stated in the rationale; the item exceeds one when it asks for more than its max."""
    quantity = it.get("quantity")
    comparable, exceeds = False, False
    for k, limit in enumerate(it.get("guideline_limits") or [], start=1):
        node = NamedNode(f"{item.value}/limit/{k}")
        q.fact(item, imr("hasGuidelineLimit"), node)
        q.fact(node, TYPE, imr("GuidelineLimit"))
        for key, prop in (("min", "minimum"), ("max", "maximum"), ("weeks", "overWeeks")):
            if limit.get(key) is not None:
                q.fact(node, imr(prop), decimal(limit[key]))
        q.fact(node, imr("unit"), Literal(limit["unit"]) if limit.get("unit") else None)
        q.fact(node, imr("text"), Literal(limit["text"]) if limit.get("text") else None)
        q.evidence(node, limit.get("span"), None, limit.get("text"))
        if quantity is not None and limit.get("max") is not None and same_unit(it.get("unit"), limit.get("unit")):
            comparable = True
            exceeds = exceeds or float(quantity) > float(limit["max"])
    if comparable:
        q.fact(item, imr("exceedsGuidelineLimit"), boolean(exceeds))
