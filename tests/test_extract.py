"""Focused tests of the extraction rules: citations, quantities, limits, negation, drugs and offsets."""

from __future__ import annotations

import pytest
from extract_support import LETTERS, document, fdl_item, fdl_letter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imrgraph import link
from imrgraph.extract import Extractor
from imrgraph.extract.citations import parse_citations
from imrgraph.extract.quantities import guideline_limits, parse_request, strength_and_form
from imrgraph.models import ParsedLetter
from imrgraph.parse import parse


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def extract(extractor: Extractor, text: str) -> dict:
    letter = parse(document(text))
    assert isinstance(letter, ParsedLetter), letter
    return extractor.extract(letter).to_json()


def cites(text: str) -> list[tuple]:
    citations, _ = parse_citations(text, 0)
    return [(c.source, c.document, c.chapter, c.topic, c.pages, c.edition) for c in citations]


# ---- citations -------------------------------------------------------------------------------


def test_page_ranges_are_expanded_and_kept_with_their_topic():
    assert cites("Decision based on MTUS Chronic Pain Treatment Guidelines Page(s): 100-102, 127.") == [
        ("MTUS", "chronic-pain", None, None, [100, 101, 102, 127], None)]


def test_a_new_topic_with_its_own_pages_starts_a_new_citation():
    got = cites("Decision based on MTUS Chronic Pain Medical Treatment Guidelines, Topical analgesics "
                "Page(s): 111-113; Salicylate topicals Page(s): 105.")
    assert [(c[3], c[4]) for c in got] == [("Topical analgesics", [111, 112, 113]), ("Salicylate topicals", [105])]
    prose = cites("The Expert Reviewer based his/her decision on the Chronic Pain Medical Treatment Guidelines "
                  "(2009), Carisoprodol (Soma), page 29, and Muscle relaxants (for pain), pages 63-65, which are "
                  "part of the MTUS.")
    assert [(c[0], c[1], c[4]) for c in prose] == [("MTUS", "chronic-pain", [29]), ("MTUS", "chronic-pain",
                                                                                      [63, 64, 65])]


def test_one_topic_with_a_page_list_stays_one_citation():
    got = cites("Decision based on MTUS Chronic Pain Medical Treatment Guidelines, Opioids, Page(s): 78-80, 91.")
    assert got == [("MTUS", "chronic-pain", None, "Opioids", [78, 79, 80, 91], None)]


def test_odg_chapter_only_when_named_at_the_head_or_as_a_chapter():
    head = cites("Decision based on Non-MTUS Citation Official Disability Guidelines (ODG), Pain (Chronic), "
                 "Functional restoration programs (FRPs), updated 02/2015.")
    assert head == [("ODG", "odg", "Pain", "Functional restoration programs (FRPs)", [], "2015-02")]
    topic_only = cites("Decision based on Non-MTUS Citation Official Disability Guidelines (ODG): Muscle "
                       "relaxants (for pain).")
    assert [(c[2], c[3]) for c in topic_only] == [(None, "Muscle relaxants (for pain)")]
    named = cites("Decision based on Non-MTUS Citation Official Disability Guidelines (ODG) Mental Illnes and "
                  "Stress Chapter, Office Visits")
    assert named[0][2] == "Mental Illness and Stress"


@pytest.mark.parametrize(("wording", "edition"), [
    ("Cognitive Behavioral Therapy, November 2014 update.", "2014-11"),
    ("Physical therapy, updated 05/2015.", "2015-05"),
    ("Meniscectomy, updated 06/05/2014.", "2014-06"),
])
def test_odg_editions(wording, edition):
    assert cites(f"Decision based on Non-MTUS Citation Official Disability Guidelines (ODG) {wording}")[0][5] == edition


def test_acoem_edition_in_parentheses_is_not_an_odg_edition_and_chapter_is_the_number():
    got = cites("The Claims Administrator based its decision on the ACOEM Practice Guidelines, 2nd Edition "
                "(2004), Chapter 13, Knee Complaints, pages 341-343, which are part of the MTUS.")
    assert [(c[0], c[1], c[2], c[4]) for c in got] == [("MTUS", "acoem", "13", [341, 342, 343])]


def test_a_decision_not_based_on_the_mtus_gives_no_mtus_citation():
    assert cites("The Claims Administrator did not base their decision on the MTUS.") == []
    got = cites("The Expert Reviewer did not base their decision on the MTUS.  Decision based on Non-MTUS "
                "Citation Official Disability Guidelines (ODG) Pain, Behavioral Interventions.")
    assert got == [("ODG", "odg", "Pain", "Behavioral Interventions", [], None)]


def test_literature_and_non_guideline_sources():
    citations, literature = parse_citations(
        "Decision based on Non-MTUS Citation Official Disability Guidelines (ODG): Cognitive Behavioral Therapy "
        "(CBT) guidelines for chronic pain; Otis, 2006; Kerns et al., 2005", 0)
    assert [(x.author, x.year) for x in literature] == [("Otis", 2006), ("Kerns", 2005)]
    assert [c.source for c in citations] == ["ODG"]
    other, only_literature = parse_citations("Decision based on Non-MTUS Citation Morley, 2004; Cherkin, 1997.", 0)
    assert other == [] and len(only_literature) == 2


# ---- quantities ------------------------------------------------------------------------------


def request(text: str, unit: str | None = "session", **kw) -> tuple:
    r = parse_request(text, unit, **kw)
    return r.quantity, r.unit, r.frequency, r.duration


@pytest.mark.parametrize(("text", "unit", "expected"), [
    ("Physical therapy 2x6 lumbar", "session",
     (12, "session", {"times": 2, "per": "week"}, {"value": 6, "unit": "week"})),
    ("Norco 10/325mg #90", "tablet", (90, "tablet", None, None)),
    ("Fexmid 7.5mg one tablet twice a day #60", "tablet", (60, "tablet", {"times": 2, "per": "day"}, None)),
    ("WEEKLY COGNITIVE BEHAVIORAL SESSIONS QUANTITY: 24 WEEKS", "session",
     (24, "session", {"times": 1, "per": "week"}, {"value": 24, "unit": "week"})),
    ("MONTHLY MEDICATION MANAGEMENT (IN MONTHS) QUANTITY: 6.00", "visit",
     (6, "month", {"times": 1, "per": "month"}, {"value": 6, "unit": "month"})),
    ("Medication management visits monthly x 3", "visit",
     (3, "visit", {"times": 1, "per": "month"}, {"value": 3, "unit": "month"})),
    ("Medication management sessions x 6", "visit", (6, "session", None, None)),
    ("Home health aide 4 hours per day, 5 days per week for 6 weeks", "hour",
     (120, "hour", {"times": 5, "per": "week"}, {"value": 6, "unit": "week"})),
    ("Trigger point injections x 4", "injection", (4, "injection", None, None)),
    ("Continue psychotherapy until permanent and stationary", "session", (None, None, None, None)),
])
def test_requests(text, unit, expected):
    assert request(text, unit) == expected


def test_program_days_are_the_count_not_a_duration():
    assert request("Functional restoration program x 20 days", "hour", count_periods=True) == (20, "day", None, None)
    assert request("Physical therapy x 6 weeks", "session")[3] == {"value": 6, "unit": "week"}


def test_strength_and_form():
    assert strength_and_form(" 1MG TABLETS QUANTITY: 30.00") == ("1 mg", "tablet")
    assert strength_and_form(" 10/325mg #90") == ("10/325 mg", None)
    assert strength_and_form(" 5% patches #30") == ("5%", "patch")


def test_per_service_counts_of_a_combined_request(extractor):
    items = fdl_item("Biofeedback x 6 sessions Cognitive behavioral therapy 2 times a week times 6 weeks")
    got = extract(extractor, fdl_letter("A 29 year old man with low back pain.", items))["items"][0]
    assert got["services"] == ["biofeedback", "cognitive-behavioral-therapy"]
    assert got["quantity"] is None and got["unit"] == "session"
    assert got["quantities"] == [{"service": "biofeedback", "quantity": 6, "unit": "session"},
                                 {"service": "cognitive-behavioral-therapy", "quantity": 12, "unit": "session"}]


def test_guideline_limits():
    text = ("Initial trial of 3-4 psychotherapy visits over 2 weeks. With evidence of improvement, total of up to "
            "6-10 visits over 5-6 weeks. The request for 20 sessions exceeds this; up to 10 visits is enough.")
    limits = [(g.min, g.max, g.unit, g.weeks) for g in guideline_limits(text, 0)]
    assert (3, 4, "visit", 2) in limits and (6, 10, "visit", 6) in limits and (None, 10, "visit", None) in limits
    assert all(g[1] != 20 for g in limits)  # what was asked is not a limit


# ---- history: negation, uncertainty, drugs ---------------------------------------------------


HISTORY = (
    "The patient is a 47-year-old right-handed male forklift operator who injured his back on 03/14/2011. "
    "Diagnoses include lumbar radiculopathy and r/o piriformis syndrome. He denies depression. There is no "
    "evidence of fibromyalgia. He has been diagnosed with anxiety disorder with PTSD features but did not meet "
    "the full diagnosis for PTSD. Medications are Norco, Fexmid and hydrocodone/APAP. He has never tried Lyrica. "
    "There was no evidence that he had ever been prescribed Klonopin. He has not had acupuncture before. "
    "Prior treatment included physical therapy and an intra-articular cortisone injection."
)


@pytest.fixture(scope="module")
def history(extractor) -> dict:
    return extract(extractor, fdl_letter(HISTORY, fdl_item("Klonopin 1mg #30")))


def test_patient(history):
    assert history["patient"] == {"age": 47, "sex": "male", "occupation": "forklift operator",
                                  "date_of_injury": "2011-03-14"}


def test_negated_and_uncertain_diagnoses(history):
    by_code = {d["icd10cm"][:3]: (d["negated"], d["uncertain"]) for d in history["diagnoses"]}
    assert by_code["M54"] == (False, False)
    assert by_code["G57"] == (False, True)  # r/o
    assert by_code["F32"] == (True, False)  # denies depression
    assert by_code["M79"] == (True, False)  # no evidence of fibromyalgia
    assert by_code["F43"] == (True, False)  # did not meet the full diagnosis for PTSD
    assert by_code["F41"] == (False, False)


def test_negated_drugs_unless_requested(history):
    meds = {m["generic"]: m["negated"] for m in history["medications"]}
    assert meds["hydrocodone/acetaminophen"] is False
    assert meds["cyclobenzaprine"] is False
    assert meds["pregabalin"] is True  # never tried
    assert meds["clonazepam"] is False  # never prescribed, but it is the request
    assert "cortisone" not in meds  # part of the injection procedure


def test_prior_treatments_leave_out_what_was_never_had(history):
    services = {p["service"] for p in history["prior_treatments"]}
    assert {"physical-therapy", "corticosteroid-injection"} <= services
    assert "acupuncture" not in services


@pytest.mark.parametrize(("surface", "generic"), [
    ("norco", "hydrocodone/acetaminophen"), ("fexmid", "cyclobenzaprine"), ("flexeril", "cyclobenzaprine"),
    ("hydrocodone/apap", "hydrocodone/acetaminophen"), ("klonopin", "clonazepam"), ("lyrica", "pregabalin"),
    ("soma", "carisoprodol"), ("ultram", "tramadol"), ("tylenol #3", "acetaminophen/codeine"),
    # the stool softener's combination by its ingredients' names (sennosides, not the senna plant)
    ("senokot-s", "sennosides/docusate"), ("peri-colace", "sennosides/docusate"),
])
def test_brand_names_and_abbreviations_map_to_generics(surface, generic):
    assert link.drug_vocabulary()[surface][0] == generic


def test_a_request_names_its_drug_with_strength_and_form(extractor):
    got = extract(extractor, fdl_letter("A 52 year old woman.", fdl_item("Norco 10/325mg #90")))["items"][0]
    assert got["services"] == ["medication"]
    assert got["medication"]["generic"] == "hydrocodone/acetaminophen"
    assert (got["medication"]["strength"], got["quantity"], got["unit"]) == ("10/325 mg", 90, "tablet")


# ---- offsets -------------------------------------------------------------------------------------


def spans_with_values(result: dict):
    """(value, span) pairs whose span must point at text containing the value."""
    spans = result["spans"]
    if spans["patient.occupation"]:
        yield result["patient"]["occupation"], spans["patient.occupation"]
    if spans["case_number"]:
        yield result["case_number"], spans["case_number"]
    if spans["patient.age"]:
        yield str(result["patient"]["age"]), spans["patient.age"]
    for d in result["diagnoses"]:
        yield d["text"], d["span"]
    for m in result["medications"]:
        yield m["text"], m["span"]
    for p in result["prior_treatments"]:
        yield p["text"], p["span"]
    for it in result["items"]:
        yield it["text"], it["span"]
        for c in it["claims_administrator_guidelines"] + it["reviewer_guidelines"]:
            for page in c["pages"][:1]:
                yield str(page), c["span"]
        for x in it["literature"]:
            yield x["author"], x["span"]
        if it["medication"]:
            yield it["medication"]["text"], it["medication"]["span"]


@pytest.mark.parametrize("path", sorted(LETTERS.glob("*.txt")), ids=lambda p: p.stem)
def test_every_span_points_at_text_containing_its_value(extractor, path):
    text = path.read_text(encoding="utf-8")
    result = extract(extractor, text)
    checked = 0
    for value, (start, end) in spans_with_values(result):
        assert " ".join(value.split()).lower() in " ".join(text[start:end].split()).lower(), (value, start, end)
        checked += 1
    assert checked >= 5


# ---- robustness ----------------------------------------------------------------------------------


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(summary=st.text(max_size=300), heading=st.text(min_size=1, max_size=80).filter(lambda s: "\n" not in s))
def test_arbitrary_text_in_a_real_layout_never_raises(extractor, summary, heading):
    text = fdl_letter(summary, fdl_item(heading.replace(":", " ") or "x"))
    letter = parse(document(text))
    if isinstance(letter, ParsedLetter):
        result = extractor.extract(letter).to_json()
        assert all(it["decision"] in ("upheld", "overturned") for it in result["items"])


PAGE_LINES = ["Final Determination Letter for IMR Case Number CM16-0033871 ", "Page 2 of 5", "- 3 -", "CM15-0001234",
              "IMR Case Number: CM15-0001234  Page 3 of 4", "MAXIMUS Federal Services", "", "   ", "Page 2",
              "MEDICAL PROFESSIONAL REVIEW  -  CM15-0001234  -  Page 2"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=st.sampled_from(sorted(LETTERS.glob("*.txt"))), data=st.data())
def test_page_lines_anywhere_in_a_letter_never_raise(extractor, path, data):
    """A PDF's footers and running headers (with its trailing spaces) can land on any line, the header block's
    included; every span still points into the letter."""
    lines = path.read_text(encoding="utf-8").split("\n")
    for _ in range(data.draw(st.integers(1, 6))):
        lines.insert(data.draw(st.integers(0, len(lines))), data.draw(st.sampled_from(PAGE_LINES)))
    text = "\n".join(lines)
    letter = parse(document(text))
    if isinstance(letter, ParsedLetter):
        result = extractor.extract(letter).to_json()
        for _, (start, end) in spans_with_values(result):
            assert 0 <= start <= end <= len(text)


# ---- the extraction JSON is an edge format -------------------------------------------------------


@pytest.mark.parametrize("path", sorted(LETTERS.glob("*.txt")), ids=lambda p: p.stem)
def test_json_round_trip_gives_back_the_same_determination(extractor, path):
    from imrgraph.models import Determination

    determination = extractor.extract(parse(document(path.read_text(encoding="utf-8"))))
    again = Determination.from_json(determination.to_json())
    assert again == determination
    assert again.to_json() == determination.to_json()


def test_medically_necessary_follows_the_decision(extractor):
    text = fdl_letter("The patient is a 40-year-old male.", fdl_item("Physical therapy x 6", "Overturned")
                      + fdl_item("Norco 10/325mg #60", "Upheld"))
    items = extractor.extract(parse(document(text))).items
    assert [(it.decision, it.medically_necessary) for it in items] == [("overturned", True), ("upheld", False)]
    assert [it["medically_necessary"] for it in extract(extractor, text)["items"]] == [True, False]
