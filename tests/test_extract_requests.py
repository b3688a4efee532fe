"""What a disputed item asks for: quantities and units, services (as a hierarchy) and drugs.

Each test names the family of wordings it covers; the wordings are our own, several per family.
"""

from __future__ import annotations

import pytest
from extract_support import document, fdl_item, fdl_letter
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from imrgraph import link, vocab
from imrgraph.extract import Extractor
from imrgraph.extract.quantities import UNITS, parse_request
from imrgraph.parse import parse


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def request(text: str, unit: str | None = "session", **kw) -> tuple:
    r = parse_request(text, unit, **kw)
    return r.quantity, r.unit, r.frequency, r.duration


def items(extractor: Extractor, *headings: str, summary: str = "A 50 year old woman.") -> list[dict]:
    text = fdl_letter(summary, "".join(fdl_item(h) for h in headings))
    return extractor.extract(parse(document(text))).to_json()["items"]


def weekly(times, weeks):
    return {"times": times, "per": "week"}, {"value": weeks, "unit": "week"}


# ---- quantities and units ------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "unit", "expected"), [
    ("Tramadol ER 100mg #45", "tablet", (45, "tablet")),
    ("Naproxen 550 mg QTY 60", "tablet", (60, "tablet")),
    ("Baclofen 10mg, Qty: 90", "tablet", (90, "tablet")),
    ("Meloxicam 15mg quantity requested: 30", "tablet", (30, "tablet")),
    ("KETOROLAC 10MG TABLETS QUANTITY: 20.00", "tablet", (20, "tablet")),
    ("Tizanidine 4 mg, sixty count", "tablet", (60, "tablet")),
    ("Meloxicam 15 mg, 30 count", "tablet", (30, "tablet")),
    ("Lidocaine 5% patches, 2 boxes (60)", "patch", (60, "patch")),
    ("Flector patches, one box of 30", "patch", (30, "patch")),
])
def test_a_stated_total_is_the_quantity(text, unit, expected):
    """Family: a total written with '#', 'QTY', 'Qty:' or 'quantity (requested):', any case and spacing, as a
    count ('sixty count') or as what a box holds ('1 box (30)', 'a box of 30')."""
    assert request(text, unit)[:2] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Botulinum toxin injections, 155 units", (155, "unit")),
    ("Dysport 500 units to the right trapezius", (500, "unit")),
    ("Insulin glargine 100 units/ml, 10 ml", (10, "milliliter")),
])
def test_units_of_a_toxin_are_counted_and_units_per_ml_are_a_strength(text, expected):
    assert request(text, "injection")[:2] == expected


@pytest.mark.parametrize(("text", "unit", "expected"), [
    ("Massage therapy x 10", "session", (10, "session")),
    ("Acupuncture x8", "session", (8, "session")),
    ("Lumbar trigger point injections times 3", "injection", (3, "injection")),
    ("10 chiropractic sessions for the neck", "session", (10, "session")),
    ("6 additional acupuncture visits", "session", (6, "visit")),
    ("Eight sessions of hypnotherapy", "session", (8, "session")),
    ("Psychotherapy ten (10) sessions", "session", (10, "session")),
    ("One (1) interferential unit", "unit", (1, "unit")),
    ("Functional restoration program 80 hours", "hour", (80, "hour")),
    ("Work hardening 40 hrs", "session", (40, "hour")),
    # the injection's abbreviation
    ("Cervical medial branch blocks, C5-6 and C6-7 bilaterally (4 inj)", "injection", (4, "injection")),
])
def test_a_count_of_what_is_asked_for(text, unit, expected):
    """Family: 'x N' / 'times N' (the service's unit), 'N <unit>' with up to three words between, number
    words, and a number repeated in parentheses ('ten (10)')."""
    assert request(text, unit)[:2] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Physical therapy 3x/week x 4 weeks", (12, "session", *weekly(3, 4))),
    ("Physical therapy 2 x 4", (8, "session", *weekly(2, 4))),
    ("Chiropractic twice a week for five weeks", (10, "session", *weekly(2, 5))),
    ("Aquatic therapy two (2) times per week for six (6) weeks", (12, "session", *weekly(2, 6))),
    ("Occupational therapy 1x/wk x 6 wks", (6, "session", *weekly(1, 6))),
    ("Acupuncture 2 x week x 3 weeks", (6, "session", *weekly(2, 3))),
    ("Physical therapy three times weekly for four weeks", (12, "session", *weekly(3, 4))),
])
def test_frequency_times_duration(text, expected):
    """Family: a frequency per week ('3x/week', '2 x week', 'twice a week', 'three times weekly', a grid
    '2 x 4') with a duration in weeks; the quantity is their product."""
    assert request(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Home care 3 h/day 5 d/wk 4 wk", (60, "hour", *weekly(5, 4))),
    ("Attendant care 6 hours a day, 7 days a week for 2 weeks", (84, "hour", *weekly(7, 2))),
    ("In-home assistance 2 hrs per day 3 days per week x 8 weeks", (48, "hour", *weekly(3, 8))),
])
def test_hours_a_day_days_a_week_weeks(text, expected):
    """Family: hours per day x days per week x weeks, abbreviated or in words; the total is in hours."""
    assert request(text, "hour") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Home health aide 20 hours per week for 6 weeks", (120, "hour", None, {"value": 6, "unit": "week"})),
    ("Caregiver 12 hrs/wk x 3 months", (144, "hour", None, {"value": 3, "unit": "month"})),
    ("Attendant care 10 hours weekly for 4 weeks", (40, "hour", None, {"value": 4, "unit": "week"})),
    ("Home assistance 15 hours a week", (15, "hour", None, None)),
])
def test_hours_a_week_over_weeks_or_months(text, expected):
    """Family: hours a week ('per week', '/wk', 'weekly') multiplied out over the weeks or months asked for
    (a month is four weeks); with no length, the hours of one week."""
    assert request(text, "hour") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Functional restoration program 5 days/wk x 4 wk", (20, "day", *weekly(5, 4))),
    # a note in brackets is no length asked for
    ("Work conditioning, 3 days/wk x 2 wks (initial trial)", (6, "day", *weekly(3, 2))),
    ("Work hardening three days per week for 2 weeks", (6, "day", *weekly(3, 2))),
    ("Day program, 4 d/wk x 3 weeks", (12, "day", *weekly(4, 3))),
])
def test_days_a_week_times_weeks_are_days_of_attendance(text, expected):
    """Family: a program asked for in days a week over weeks; the total is days of attendance."""
    assert request(text, "hour") == expected


@pytest.mark.parametrize(("text", "unit", "expected"), [
    ("Lidocaine patches (2) months supply", "patch", (2, "month", None, {"value": 2, "unit": "month"})),
    ("Cold therapy unit x 1 month rental", "unit", (1, "month", None, {"value": 1, "unit": "month"})),
    ("Topical cream one month supply", "tablet", (1, "month", None, {"value": 1, "unit": "month"})),
    ("Butrans patches, a 28-day supply", "patch", (28, "day", None, {"value": 28, "unit": "day"})),
    # ... whatever the sig says of how often it is taken
    ("Meloxicam 15 mg once daily, one month supply", "tablet",
     (1, "month", {"times": 1, "per": "day"}, {"value": 1, "unit": "month"})),
    ("Baclofen 10mg TID, 90 day supply", "tablet", (90, "day", {"times": 3, "per": "day"}, {"value": 90, "unit": "day"})),
    ("Interferential stimulator 30 day trial", "unit", (30, "day", None, {"value": 30, "unit": "day"})),
    ("Gym membership for six months", "unit", (6, "month", None, {"value": 6, "unit": "month"})),
    ("Acute rehabilitation stay x 10 days", "procedure", (10, "day", None, {"value": 10, "unit": "day"})),
])
def test_a_length_asked_for_as_the_amount(text, unit, expected):
    """Family: supplies, rentals, trials, memberships and stays asked for by a length of time."""
    assert request(text, unit) == expected


@pytest.mark.parametrize(("heading", "expected"), [
    ("Supervised weight reduction program x 16 weeks", (16, "week", {"value": 16, "unit": "week"})),
    ("Weight loss program (3 months)", (3, "month", {"value": 3, "unit": "month"})),
    ("Functional restoration program for 4 weeks", (None, None, {"value": 4, "unit": "week"})),
])
def test_a_weight_loss_program_is_bought_by_its_length(extractor, heading, expected):
    """Family: a weight loss program's weeks or months are what is asked for (and its duration); a functional
    restoration program's weeks stay its duration only (its days of attendance are counted)."""
    (item,) = items(extractor, heading)
    assert (item["quantity"], item["unit"], item["duration"]) == expected


@pytest.mark.parametrize(("heading", "services"), [
    ("Crowns for teeth #7 and #10", ["dental-care"]),
    ("Dental restoration, tooth numbers 3, 14 and 19", ["dental-care"]),
])
def test_tooth_numbers_are_no_count(extractor, heading, services):
    (item,) = items(extractor, heading)
    assert (item["services"], item["quantity"]) == (services, None)


def test_a_field_inside_a_services_name_is_not_a_visit(extractor):
    """'skilled nursing visits' is home health: 'nursing' there is no field whose visit is asked for."""
    (item,) = items(extractor, "Home health skilled nursing visits 3 times per week for 2 weeks")
    assert (item["services"], item["quantity"], item["unit"]) == (["home-health"], 6, "visit")


def test_a_stay_that_comes_with_what_is_asked_for_is_not_the_amount():
    assert request("Lumbar fusion with a 2 day inpatient stay", "procedure")[:2] == (None, None)
    assert request("Right total hip replacement and hospital stay x 3 days", "procedure")[:2] == (None, None)


@pytest.mark.parametrize("heading", [
    "L4-L5 posterior lumbar interbody fusion with 3-day inpatient stay, assistant surgeon and brace",
    "Anterior cervical discectomy and fusion at C5-C6 with a 2 day inpatient stay (CPT 22551)",
    "Left total knee arthroplasty with 3-day inpatient stay, per the request of 03/14/2018",
])
def test_a_stay_that_comes_with_a_procedure_is_neither_its_amount_nor_its_duration(extractor, heading):
    (item,) = items(extractor, heading)
    assert (item["quantity"], item["duration"]) == (None, None)


def test_a_stay_asked_for_on_its_own_is_counted_in_days(extractor):
    (item,) = items(extractor, "Associated surgical service: 3-day inpatient stay")
    assert (item["quantity"], item["unit"]) == (3, "day")


def test_equipment_is_asked_for_by_its_length_without_the_word_rental():
    assert request("H-wave device x 3 months", "unit", lengths_asked=True)[:2] == (3, "month")
    assert request("Physical therapy x 6 weeks", "session")[:2] == (None, None)  # a length, not a count


@pytest.mark.parametrize(("text", "expected"), [
    ("Capsaicin 0.075% cream 60gm", (60, "gram")),
    ("Ketoprofen 10%/Gabapentin 6%/Lidocaine 5% compound 240 grams", (240, "gram")),
    ("Diclofenac 1.5% solution 150 ml", (150, "milliliter")),
    ("Salicylate ointment 4 oz", (4, "ounce")),
])
def test_weights_and_volumes_count_but_percentages_and_strengths_do_not(text, expected):
    """Family: compounded creams and liquids; each ingredient's percentage is a strength, the weight or
    volume of the product is the amount."""
    assert request(text, "tablet")[:2] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Oxycodone 5mg #60 with 2 refills", (60, "tablet")),
    ("Zolpidem 5mg #30 x 3 refills", (30, "tablet")),
    ("Naproxen 500 mg qty 60 plus one refill", (60, "tablet")),
    ("Celecoxib 200mg x 2 refills", (2, "refill")),
    ("Fentanyl 25 mcg/hr patch x 10 with 1 refill", (10, "tablet")),
    ("Meloxicam 15 mg, 30 tablets, 2 refills", (30, "tablet")),
    ("Lidocaine patches, thirty (30) with two refills", (30, "patch")),
])
def test_refills_are_not_part_of_the_stated_total(text, expected):
    """Family: refills after a total are not part of it (the amount is one fill's), in any wording; alone,
    they are what is counted."""
    assert request(text, "tablet")[:2] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Voltaren 1% gel 100 gm x 2", (200, "gram")),
    ("Ketoprofen cream 120 g times 3", (360, "gram")),
    ("Lidocaine 4% lotion 60 ml x 2", (120, "milliliter")),
    ("Compounded cream 180 gm with 1 refill", (180, "gram")),
    ("Capsaicin cream 60 gm x 30 days", (60, "gram")),
])
def test_an_amount_by_weight_asked_for_several_times(text, expected):
    """Family: a weight or volume times a count ('100 gm x 2', 'times 3') is the whole amount; refills after it
    and 'x 30 days' (a length) multiply nothing."""
    assert request(text, "cream")[:2] == expected


@pytest.mark.parametrize(("text", "unit", "expected"), [
    ("One (1) neurosurgical consultation", "visit", (1, "visit")),
    ("1 follow-up office visit with the pain specialist", "visit", (1, "visit")),
    ("Two lumbar epidural injections", "injection", (2, "injection")),
    ("Three (3) urine toxicology screens", "test", (3, "test")),
    ("4 wheeled walker", "unit", (None, None)),
    ("1 prescription of topical cream", "cream", (None, None)),
])
def test_a_number_that_opens_a_request_counts_its_services(text, unit, expected):
    """Family: a visit, consultation, injection or test counted by a number before it, in figures, words or
    both; a device's or a drug's opening number is no count ('4 wheeled walker', '1 prescription of')."""
    assert request(text, unit)[:2] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Psychotherapy sessions, twelve", (12, "session")),
    ("Acupuncture visits: 6", (6, "visit")),
    ("Additional chiropractic treatments - 4", (4, "treatment")),
    ("Cyclobenzaprine 10 mg tablets, 60", (60, "tablet")),
    ("Physical therapy sessions 2 times a week", (None, None)),
])
def test_a_count_written_after_what_it_counts(text, expected):
    """Family: the count after the plural unit word it counts, with or without punctuation between; a
    frequency after the unit word is no count."""
    assert request(text)[:2] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Cognitive behavioral therapy, twelve weekly sessions", (12, "session", *weekly(1, 12))),
    ("6 monthly medication management visits", (6, "visit", {"times": 1, "per": "month"},
                                                 {"value": 6, "unit": "month"})),
    ("Psychotherapy, thirty-six (36) sessions", (36, "session", None, None)),
    ("Yoga, eight classes", (8, "session", None, None)),
    ("Follow-up appointments x 3", (3, "visit", None, None)),
])
def test_counts_in_words_of_periodic_sessions_appointments_and_classes(text, expected):
    """Family: a count of sessions held once a period ('twelve weekly sessions': 12 sessions, once a week, for
    12 weeks); compound number words ('thirty-six'); appointments count visits and classes sessions."""
    assert request(text) == expected


@pytest.mark.parametrize(("text", "frequency"), [
    ("Trazodone 50 mg two times daily #60", {"times": 2, "per": "day"}),
    ("Gabapentin 300mg 3 times daily, #90", {"times": 3, "per": "day"}),
    ("Psychotherapy 2 x weekly for 6 weeks", {"times": 2, "per": "week"}),
    ("Medication management 1 time monthly", {"times": 1, "per": "month"}),
])
def test_times_daily_weekly_monthly(text, frequency):
    """Family: a number of times with 'daily', 'weekly' or 'monthly' is the frequency, not once a period."""
    assert request(text, "tablet")[2] == frequency


@pytest.mark.parametrize(("text", "frequency"), [
    ("Hydrocodone 5/325 one every 4-6 hours as needed, #90", {"times": 6, "per": "day"}),
    ("Oxycodone 10 mg q4-6h prn #120", {"times": 6, "per": "day"}),
    ("Morphine ER 15 mg every 12 hrs #60", {"times": 2, "per": "day"}),
    ("Meloxicam 7.5 mg b.i.d. #60", {"times": 2, "per": "day"}),
    ("Trazodone 50 mg q.h.s. #30", {"times": 1, "per": "day"}),
    ("Zolpidem 5 mg nightly #30", {"times": 1, "per": "day"}),
    ("Cyclobenzaprine 5 mg at bedtime, #30", {"times": 1, "per": "day"}),
    ("Pantoprazole 40 mg every morning #30", {"times": 1, "per": "day"}),
    ("Trazodone 50mg, 1-2 tabs at HS, #60", {"times": 1, "per": "day"}),
    ("Melatonin 3 mg hs #30", {"times": 1, "per": "day"}),
    ("Amitriptyline 10 mg at night, #30", {"times": 1, "per": "day"}),
])
def test_a_drugs_sig_is_its_frequency(text, frequency):
    """Family: a dose every so many hours (a range: as often as the shorter interval allows), Latin
    abbreviations with or without stops, bedtime and nightly doses."""
    assert request(text, "tablet")[2] == frequency


@pytest.mark.parametrize(("text", "expected"), [
    ("Butrans 10mcg/hr patch #4, 1 patch q7 days", (4, "patch", {"times": 1, "per": "week"}, None)),
    ("Fentanyl 25 mcg/hr patch, one every seven days, #4", (4, "patch", {"times": 1, "per": "week"}, None)),
    ("Fentanyl 25 mcg/hr patch every 72 hours, #10", (10, "patch", None, None)),
    ("Follow-up visits every 4 weeks x 3", (3, "visit", None, None)),
    ("Follow-up visit with pain management every 4-6 weeks x 3", (3, "patch", None, None)),  # a bare count
    ("Methotrexate every other day #15", (15, "patch", None, None)),
    ("Patch every 168 hours #4", (4, "patch", {"times": 1, "per": "week"}, None)),
])
def test_a_dose_or_visit_every_so_many_days_is_no_duration(text, expected):
    """Family: 'q7 days', 'every seven days' (once a week), 'every 72 hours', 'every 4 weeks', 'every other day':
    an interval is a frequency where it is once a day, a week or a month, and never a count or a duration."""
    assert request(text, "patch") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Lidocaine 5% patch, apply 12 hrs on / 12 hrs off, #30", (30, "patch", {"times": 1, "per": "day"})),
    ("Lidoderm patches, 12 hours on and 12 hours off, qty 60", (60, "patch", {"times": 1, "per": "day"})),
    ("Flector patch 12h on 12h off x 30 patches", (30, "patch", {"times": 1, "per": "day"})),
    ("Butrans patch, 8 on 4 off, #14", (14, "patch", {"times": 2, "per": "day"})),
])
def test_a_patch_worn_in_cycles_is_applied_once_a_cycle(text, expected):
    """Family: hours on and hours off make one application a cycle; their hours are no count."""
    assert request(text, "patch")[:3] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Acupuncture treatment x 8", (8, "session")),
    ("Chiropractic treatment (x6) for the neck", (6, "session")),
    ("Acupuncture treatments x 8", (8, "treatment")),
    ("Massage x 6 visits", (6, "visit")),
])
def test_a_unit_word_in_the_services_name_is_not_what_is_counted(text, expected):
    """Family: 'x N' counts the unit written after it, or a plural unit word in the request; a singular
    'treatment' names the service ('acupuncture treatment'), so the service's own unit is counted."""
    assert request(text)[:2] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Functional restoration program for 6 weeks", (None, None, None, {"value": 6, "unit": "week"})),
    ("Interdisciplinary pain program x 4 weeks", (None, None, None, {"value": 4, "unit": "week"})),
    ("Functional restoration program x 10 days", (10, "day", None, None)),
])
def test_a_programs_length_in_weeks_is_its_duration_and_days_are_attendance(text, expected):
    assert request(text, "hour", count_periods=True) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Right C6-7 interlaminar epidural injection", (None, None)),
    ("Bilateral C4-5 and C5-6 facet injections", (None, None)),
    ("T11-12 medial branch block", (None, None)),
    ("Left L3-4, L4-5 transforaminal injection x 2", (2, "injection")),
    ("L5-S1 epidural, 1 injection", (1, "injection")),
])
def test_a_spinal_levels_numbers_count_nothing(text, expected):
    """Family: the second number of a level ('C6-7', 'T11-12') right before what a request counts is part of
    the level; a count written elsewhere in the request still counts."""
    assert request(text, "injection")[:2] == expected


@pytest.mark.parametrize("text", [
    "Hydrocodone 10/325mg, unknown quantity",
    "Continue counseling until maximal improvement",
    "Lidocaine 5% patch",
    "Tizanidine 4mg, 1 tablet every 8 hours as needed",
    "Take 1-2 caps at bedtime",
    "Shoulder sling purchase",
])
def test_no_number_asked_for_is_no_quantity(text):
    """Family: requests that state no number of what is asked for (a strength, a dose taken at a time, a
    purchase of one thing named without a count)."""
    assert request(text, "tablet")[:2] == (None, None)


def test_units_are_singular_lowercase_full_words():
    assert {UNITS[a] for a in ("gm", "ml", "caps", "hrs")} == {"gram", "milliliter", "capsule", "hour"}
    for unit in set(UNITS.values()):
        assert unit == unit.lower() and unit.isalpha() and not unit.endswith("s") or unit == "ounce", unit


WORDINGS = (
    "{svc} {n} {units}",
    "{svc} x {n}",
    "{svc} x {n} {units}",
    "{n} {units} of {svc}",
    "{svc} QTY: {n}",
)
SCHEDULES = (
    "{svc} {t}x/week x {w} weeks",
    "{svc} {t} x {w}",
    "{svc} {t} times a week for {w} weeks",
    "{svc} {t} times per week for {w} weeks",
    "{svc}, {t} sessions per week x {w} weeks",
)


@settings(max_examples=120, deadline=None)
@given(n=st.integers(1, 400), unit=st.sampled_from(["session", "visit", "tablet", "capsule", "patch", "hour"]),
       wording=st.sampled_from(WORDINGS), svc=st.sampled_from(["Acupuncture", "Psychotherapy", "Norco 10/325mg"]))
def test_a_count_rendered_in_any_wording_reads_back(n, unit, wording, svc):
    text = wording.format(svc=svc, n=n, units=unit + ("es" if unit == "patch" else "s"))
    quantity, read_unit, _, _ = request(text, unit)
    assert (quantity, read_unit) == (n, unit), text


@settings(max_examples=120, deadline=None)
@given(t=st.integers(1, 5), w=st.integers(1, 24), wording=st.sampled_from(SCHEDULES),
       svc=st.sampled_from(["Physical therapy", "Chiropractic care", "Biofeedback"]))
def test_a_schedule_rendered_in_any_wording_reads_back(t, w, wording, svc):
    text = wording.format(svc=svc, t=t, w=w)
    assert request(text, "session") == (t * w, "session", *weekly(t, w)), text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=400), unit=st.sampled_from(["session", "tablet", "hour", None]))
@example(text="X1", unit=None)
def test_any_text_reads_without_error(text, unit):
    got = parse_request(text, unit, lengths_asked=True)
    assert got.quantity is None or got.unit is not None


@pytest.mark.parametrize("text", ["0 x 0", "#0", "x 0 sessions", "0 times a week for 0 weeks"])
def test_a_zero_is_no_count_rate_or_length(text):
    assert parse_request(text, "session") == parse_request("", "session")


def test_a_long_hostile_request_is_read_in_one_pass():
    # patterns that backtrack would not come back from these
    for text in ("1 " * 20000, "x " * 20000 + "weeks", "(" * 20000 + "1", "a " * 20000 + "sessions"):
        parse_request(text, "session")


# ---- services as a hierarchy -------------------------------------------------------------------


@pytest.mark.parametrize(("heading", "services"), [
    ("CT scan of the cervical spine", ["ct-scan"]),
    ("Psychological counselling x 6 sessions", ["psychological-treatment"]),
    ("PT 2x4 lumbar spine", ["physical-therapy"]),
    ("PT/OT 2x4 right wrist", ["physical-therapy", "occupational-therapy"]),
    ("Ultrasound-guided cortisone injection, left hip", ["corticosteroid-injection"]),
    ("Right L4-5 facet injection under CT guidance", ["facet-injection"]),
    ("Left sacroiliac joint injection with fluoroscopic guidance", ["sacroiliac-joint-injection"]),
    ("Ultrasound of the right shoulder", ["ultrasound-imaging"]),
    ("Heat/ice unit for home use", ["cold-therapy-unit"]),
    ("Individual psychotherapy, 8 visits", ["psychotherapy"]),
    ("Repeat MRI left shoulder with contrast", ["mri"]),
    ("X-rays of both hands", ["x-ray"]),
    ("NCV/EMG bilateral upper extremities", ["electrodiagnostic-testing"]),
    ("Left shoulder arthroscopy with subacromial decompression", ["arthroscopic-surgery"]),
    ("L4-5 microdiscectomy", ["spinal-decompression"]),
    ("Left cubital tunnel release", ["nerve-decompression"]),
    ("Total knee arthroplasty, right", ["joint-replacement"]),
    ("Cervical ESI C6-7", ["epidural-steroid-injection"]),
    ("TPIs x 3 to the trapezius", ["trigger-point-injection"]),
    ("Lumbar RFA at L4-5 and L5-S1", ["radiofrequency-ablation"]),
    ("Right SI joint injection", ["sacroiliac-joint-injection"]),
    ("Front-wheeled walker", ["walker"]),
    ("Hot/cold packs for home use", ["hot-cold-pack"]),
    ("Wrist splint, left", ["orthotics"]),
    ("Aspen collar for the neck", ["orthotics"]),
    ("Rigid cervical collar (purchase)", ["orthotics"]),
    ("Orthopedic consult for the knee", ["consultation"]),
    ("Outpatient FCE", ["functional-capacity-evaluation"]),
    ("Random UDS", ["drug-testing"]),
    ("CBC and CMP", ["laboratory-testing"]),
    ("MMPI-2 psychological testing", ["psychological-testing"]),
    ("HHA 3 hours per day", ["home-health"]),
    ("Transportation to and from appointments", ["transportation"]),
    ("Physical therapy and acupuncture, 6 sessions each", ["physical-therapy", "acupuncture"]),
    ("Urine toxicology and liver function tests", ["drug-testing", "laboratory-testing"]),
    ("Paraffin wax bath unit for the hands, purchase", ["durable-medical-equipment"]),
    ("Viscosupplement series, right knee, x 3", ["viscosupplementation"]),
])
def test_every_service_a_heading_names(extractor, heading, services):
    """Family: requests named by modality, kind, abbreviation (ESI, TPI, RFA, FCE, UDS, HHA, EMG/NCV) or
    several services in one heading."""
    (item,) = items(extractor, heading)
    assert item["services"] == services


@pytest.mark.parametrize(("heading", "services"), [
    ("Cognitive behavorial therapy x 6", ["cognitive-behavioral-therapy"]),
    ("Accupuncture 2x3", ["acupuncture"]),
    ("Physcial therapy for the low back", ["physical-therapy"]),
    ("Biofeedback x 4 and cognitive behavioral theraphy x 6", ["biofeedback", "cognitive-behavioral-therapy"]),
    ("Epidural sterioid injection L5-S1", ["epidural-steroid-injection"]),
])
def test_misspelt_service_words_are_read_as_the_word_they_misspell(extractor, heading, services):
    """Family: one letter dropped, doubled, swapped or added in a service word, alone or beside a service
    spelt right."""
    (item,) = items(extractor, heading)
    assert item["services"] == services


@pytest.mark.parametrize(("heading", "services"), [
    ("Left (carpal tunnel) release, outpatient", ["nerve-decompression"]),
    ("Left shoulder (subacromial bursa) injection with ultrasound guidance", ["corticosteroid-injection"]),
    ("Functional (capacity) evaluation, one session", ["functional-capacity-evaluation"]),
    ("Cold (therapy) unit, 7-day rental", ["cold-therapy-unit"]),
    # (a bracketed note that parts no service's words adds nothing)
    ("Physical therapy (12 sessions) for the neck", ["physical-therapy"]),
])
def test_a_note_in_brackets_inside_a_services_words(extractor, heading, services):
    """Family: a request's words parted by a note in brackets ('Left hip (greater trochanteric bursa) injection') name
    the service the words make without the brackets."""
    (item,) = items(extractor, heading)
    assert item["services"] == services


@pytest.mark.parametrize("heading", ["Lumbar spine", "Right shoulder", "Recliner chair for home"])
def test_no_service_from_a_body_part_or_an_unknown_real_word(extractor, heading):
    (item,) = items(extractor, heading)
    assert item["services"] == []


@pytest.mark.parametrize("heading", ["Topical NSAID cream", "Muscle relaxants", "Opioids for flare-ups"])
def test_a_drug_class_asks_for_medication_but_names_no_drug(extractor, heading):
    (item,) = items(extractor, heading)
    assert (item["services"], item["medication"]) == (["medication"], None)


def test_finer_services_roll_up_to_the_listed_service_and_keep_the_category(extractor):
    got = items(extractor, "TENS unit purchase", "Upright MRI of the lumbar spine", "Spine surgeon consultation")
    services = [it["services"][0] for it in got]
    assert services == ["tens-unit", "mri", "consultation"]
    assert [vocab.listed_service(s) for s in services] == ["durable-medical-equipment", "imaging", "office-visit"]
    assert [vocab.services()[s].category for s in services] == ["dmepos", "diagnostic-testing",
                                                                   "evaluation-management"]


def test_a_bare_count_takes_the_unit_of_the_services_category(extractor):
    got = items(extractor, "Knee brace x 2", "Urine drug screen x 4", "Home health care x 20")
    assert [(it["quantity"], it["unit"]) for it in got] == [(2, "unit"), (4, "test"), (20, "hour")]


@pytest.mark.parametrize(("heading", "expected"), [
    ("Round-trip transport to and from her doctor appointments x 14", (14, "trip")),
    ("Non-emergency medical transportation to chiropractic visits, 6 round trips", (6, "trip")),
    ("Taxi rides to therapy sessions x 10", (10, "trip")),
    ("Transportation for acupuncture treatments x 4", (4, "trip")),
])
def test_transportation_counts_trips_and_its_destination_is_not_asked_for(extractor, heading, expected):
    """Family: trips (round trips, rides, a bare count) are what transportation counts; the appointments,
    visits or therapy a trip goes to (after 'to', 'from', 'for') are neither what is counted nor a service."""
    (item,) = items(extractor, heading)
    assert (item["services"], (item["quantity"], item["unit"])) == (["transportation"], expected)


def test_a_rental_request_in_a_letter(extractor):
    (item,) = items(extractor, "Continuous passive motion device x 21 day rental")
    assert (item["quantity"], item["unit"], item["duration"]) == (21, "day", {"value": 21, "unit": "day"})


# ---- drugs ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("surface", "generic"), [
    ("percocet", "oxycodone/acetaminophen"), ("vicoprofen", "hydrocodone/ibuprofen"),
    ("terocin", "methyl salicylate/capsaicin/menthol/lidocaine"),
    ("medrox", "methyl salicylate/menthol/capsaicin"), ("lidoderm", "lidocaine"), ("ultram", "tramadol"),
    ("percodan", "oxycodone/aspirin"), ("lomotil", "diphenoxylate/atropine"),
    # the product's order, however the letter orders the two
    ("bactrim ds", "sulfamethoxazole/trimethoprim"), ("trimethoprim-sulfamethoxazole", "sulfamethoxazole/trimethoprim"),
    ("tmp/smx", "sulfamethoxazole/trimethoprim"),
])
def test_workers_comp_brands_have_their_generics(surface, generic):
    assert link.drug_vocabulary()[surface][0] == generic


@pytest.mark.parametrize("words", [("apap", "hydrocodone"), ("acetaminophen", "oxycodone"), ("ibuprofen", "hydrocodone")])
def test_a_combination_takes_the_order_of_the_product_whatever_order_it_is_written_in(words):
    forward = link.combination_generic([link.drug_vocabulary()[w][0] for w in words])
    backward = link.combination_generic([link.drug_vocabulary()[w][0] for w in reversed(words)])
    assert forward == backward and forward.startswith(("hydrocodone/", "oxycodone/"))


@pytest.mark.parametrize("word", ["anticonvulsants", "laxatives", "amphetamines", "hla-b27", "c-reactive protein",
                                  "proton pump inhibitors", "antihistamines", "cold"])
def test_drug_classes_and_lab_analytes_are_not_drugs(word):
    assert word not in link.drug_vocabulary()


SUMMARY = (
    "A 51 year old man with neck pain. Medications include Vicoprofen 7.5/200mg, APAP/oxycodone and "
    "Tylenol with codeine. He has also been taking Cyclobenzaprin 10 mg at night. An HLA-B27 was negative "
    "and his vitamin D level was low. A urine drug screen in May was positive for morphine. He was given a "
    "course of NSAIDs and uses cold therapy. His whole person impairment is 8%."
)


def test_drugs_in_the_summary_come_only_from_drug_words(extractor):
    text = fdl_letter(SUMMARY, fdl_item("Acupuncture x 6"))
    meds = {m["generic"] for m in extractor.extract(parse(document(text))).to_json()["medications"]}
    assert meds == {"hydrocodone/ibuprofen", "oxycodone/acetaminophen", "acetaminophen/codeine", "cyclobenzaprine"}


@pytest.mark.parametrize(("summary", "expected"), [
    ("His blood pressure is managed with lisinopril and hydrochlorothiazide.", {"lisinopril", "hydrochlorothiazide"}),
    ("For her asthma she uses fluticasone and salmeterol as needed.", {"fluticasone", "salmeterol"}),
    ("He takes amlodipine and benazepril each morning, and metformin.", {"amlodipine", "benazepril", "metformin"}),
    # the product written with a slash stays one product
    ("He takes lisinopril/HCTZ 20/12.5 mg daily.", {"lisinopril/hydrochlorothiazide"}),
])
def test_two_drugs_joined_by_and_are_two_drugs_even_where_a_product_holds_both(extractor, summary, expected):
    """Family: a drug dictionary titles some products with their ingredients joined by 'and'; a letter that
    writes 'X and Y' lists two drugs taken."""
    text = fdl_letter(summary, fdl_item("Acupuncture x 6"))
    meds = {m["generic"] for m in extractor.extract(parse(document(text))).to_json()["medications"]}
    assert meds == expected


@pytest.mark.parametrize(("heading", "medication", "quantity"), [
    ("Gabapenten 300mg #90", ("gabapentin", "300 mg", None), (90, "capsule")),
    ("Meloxicam 7.5mg tablets #30", ("meloxicam", "7.5 mg", "tablet"), (30, "tablet")),
    ("Pantoprazol 40 mg capsules #30", ("pantoprazole", "40 mg", "capsule"), (30, "capsule")),
    ("Percocet 5/325mg #60 with 1 refill", ("oxycodone/acetaminophen", "5/325 mg", None), (60, "tablet")),
    ("Lidoderm 5% patches #30", ("lidocaine", "5%", "patch"), (30, "patch")),
    ("Zubsolv 5.7/1.4 mg films #30", ("buprenorphine/naloxone", "5.7/1.4 mg", "film"), (30, "film")),
    ("Terocin patch #20", ("methyl salicylate/capsaicin/menthol/lidocaine", None, "patch"), (20, "patch")),
    ("Hydrocodone/APAP 10/325 mg #120", ("hydrocodone/acetaminophen", "10/325 mg", None), (120, "tablet")),
    ("Ultram ER 200mg #30", ("tramadol", "200 mg", None), (30, "tablet")),
    ("Flurbiprofen 20%/Cyclobenzaprine 4% cream 120gm", ("flurbiprofen/cyclobenzaprine", "20%/4%", "cream"),
     (120, "gram")),
    # in the prescription's order, not a dictionary product's
    ("Ketoprofen 10%/Gabapentin 6%/Lidocaine 5% cream 240gm", ("ketoprofen/gabapentin/lidocaine", "10%/6%/5%", "cream"),
     (240, "gram")),
    ("Tylenol #3, #30", ("acetaminophen/codeine", None, None), (30, "tablet")),
    ("Tylenol with Codeine #4 one every 6 hours #120", ("acetaminophen/codeine", None, None), (120, "tablet")),
    ("APAP/codeine #3, qty 60", ("acetaminophen/codeine", None, None), (60, "tablet")),
    # a short name with a vowel for another
    ("Xanex 0.5mg #60", ("alprazolam", "0.5 mg", None), (60, "tablet")),
    # an m a scan read as rn
    ("Trarnadol 50mg #120", ("tramadol", "50 mg", None), (120, "tablet")),
    # boxes of a count, and containers counted after a comma
    ("Lidoderm 5% patches, three boxes of thirty", ("lidocaine", "5%", "patch"), (90, "patch")),
    ("Voltaren 1% gel, 100 gram tubes, three", ("diclofenac", "1%", "gel"), (300, "gram")),
    # ... or the containers counted after the size of each
    ("Voltaren 1% gel 100g, 2 tubes", ("diclofenac", "1%", "gel"), (2, "tube")),
    ("Lidocaine 5% ointment 50 gm, 3 tubes", ("lidocaine", "5%", "ointment"), (3, "tube")),
])
def test_a_request_names_its_drug_with_strength_form_and_amount(extractor, heading, medication, quantity):
    """Family: brand or generic (misspelt or not), strength as mg, a ratio or a percentage, the form
    written or not, a compounded topical's ingredients; a number in a product's name (Tylenol #3) counts
    nothing."""
    (item,) = items(extractor, heading)
    got = item["medication"]
    assert item["services"] == ["medication"]
    assert (got["generic"], got["strength"], got["form"]) == medication
    assert (item["quantity"], item["unit"]) == quantity


@pytest.mark.parametrize("summary", [
    "His whole person impairment is 12% and flexion 45 degrees.",
    "Morphine equivalent dosage 120 mg a day was noted.",
    "Prescriptions were increased 10 mg at the last visit.",
])
def test_real_words_before_a_number_are_not_corrected_into_drugs(extractor, summary):
    text = fdl_letter(summary, fdl_item("Acupuncture x 6"))
    meds = {m["generic"] for m in extractor.extract(parse(document(text))).to_json()["medications"]}
    assert meds <= {"morphine"}


@pytest.mark.parametrize(("heading", "regions"), [
    ("Left carpal tunnel release", ["left wrist"]),
    ("Right cubital tunnel release with ulnar nerve transposition", ["right elbow"]),
    ("Left lateral meniscus repair", ["left knee"]),
    ("Bilateral tarsal tunnel release", ["right ankle", "left ankle"]),
    ("Left De Quervain's release", ["left wrist"]),
    ("Right subacromial injection", ["right shoulder"]),
    ("Left partial medial meniscectomy", ["left knee"]),
    ("Right acromioplasty, arthroscopic", ["right shoulder"]),
])
def test_a_structure_a_procedure_names_gives_its_body_region(extractor, heading, regions):
    """Family: a request named by the structure it treats (a nerve tunnel, a meniscus), with its side."""
    (item,) = items(extractor, heading)
    assert item["body_regions"] == regions


@pytest.mark.parametrize(("heading", "unit"), [
    ("Cymbalta 30mg #60", "capsule"),
    ("Duloxetine DR 60 mg, quantity 30", "capsule"),
    ("Celebrex 200mg #30", "capsule"),
    ("Neurontin 300 mg #90", "capsule"),
    ("Minipress 2mg #60", "capsule"),
    ("Keflex 500 mg #28", "capsule"),
    ("Gabapentin 800mg #90", "tablet"),
    ("Naproxen sodium 550mg #60", "tablet"),
    ("Omeprazole 20 mg tablets #30", "tablet"),
    ("Lidoderm 5% #60", "patch"),
    ("Flector 1.3%, quantity 30", "patch"),
    ("Butrans 5 mcg/hr #4", "patch"),
    ("Buprenorphine 10mcg/hour transdermal #4", "patch"),
    ("Buprenorphine 8mg sublingual #30", "tablet"),
    ("Lidocaine 5% ointment 30 gm", "gram"),
    ("Toradol 60 mg IM x 1", "injection"),
    ("Ketorolac 30mg intramuscular, quantity 2", "injection"),
])
def test_a_drug_counts_in_the_form_it_is_dispensed_in(extractor, heading, unit):
    """Family: a count of a drug whose request names no form takes the drug's usual form (capsules for
    duloxetine, celecoxib, low-strength gabapentin), the form of a brand that has one (Lidoderm, Flector
    patches) or a patch's for a strength per hour; a form written in the request wins."""
    (item,) = items(extractor, heading)
    assert item["unit"] == unit


@pytest.mark.parametrize(("heading", "regions"), [
    ("Bilateral lumbar facet joint injections at L4-L5 and L5-S1", ["lumbar"]),
    ("Right cervical epidural steroid injection", ["cervical"]),
    ("Left thoracic facet joint injection T7-8", ["thoracic"]),
])
def test_a_side_before_a_spinal_region_leaves_the_region_whole(extractor, heading, regions):
    """Family: the spine has one cervical, thoracic and lumbar region; a side written before one belongs to
    the joints or nerves that follow ('bilateral lumbar facets' is the lumbar region, never 'lumbars')."""
    (item,) = items(extractor, heading)
    assert item["body_regions"] == regions


@pytest.mark.parametrize(("heading", "regions"), [
    ("Arthroscopy of the left knee with chondroplasty", ["left knee"]),
    ("Diagnostic ultrasound, right elbow", ["right elbow"]),
    ("Right total shoulder arthroplasty", ["right shoulder"]),
    ("Left partial hip replacement", ["left hip"]),
    ("Left revision total knee arthroplasty", ["left knee"]),
    ("Right trigger finger release", ["right finger"]),
    ("Physical therapy for the right shoulder and left knee", ["right shoulder", "left knee"]),
    ("Orthopedic follow-up for the knee and shoulder, right side", ["knee", "shoulder"]),
    # the side the request opens with, for its one paired part named later
    ("Left ulnar nerve anterior transposition at the elbow", ["left elbow"]),
    ("Right carpal tunnel release at the wrist with tenosynovectomy", ["right wrist"]),
])
def test_a_side_reaches_over_the_words_between_it_and_the_part(extractor, heading, regions):
    """Family: a side written before the part with up to two words between ('total', 'partial', 'trigger'), or
    opening the request whose paired part comes later ('Left ulnar nerve transposition at the elbow'); a side never
    reaches across 'and' or a comma to the next part."""
    (item,) = items(extractor, heading)
    assert [r.lower() for r in item["body_regions"]] == regions


@pytest.mark.parametrize(("heading", "regions"), [
    ("Acupuncture for both knees, 6 visits", ["right knee", "left knee"]),
    ("Nerve conduction studies of the bilateral lower limbs", ["right lower extremity", "left lower extremity"]),
    ("X-rays of the wrists bilaterally", ["right wrist", "left wrist"]),
    ("Cortisone injection to the shoulder (bilateral)", ["right shoulder", "left shoulder"]),
    ("Knee sleeve, right knee", ["right knee"]),
    ("Bilateral C5-6 facet blocks", ["cervical"]),
])
def test_both_sides_are_the_right_and_the_left_part(extractor, heading, regions):
    """Family: 'bilateral', 'both' or 'bilaterally' names the right and the left part; an unsided mention of a
    part the request also names with a side adds nothing; the spine is never sided."""
    (item,) = items(extractor, heading)
    assert item["body_regions"] == regions


@pytest.mark.parametrize(("heading", "regions"), [
    ("Chiropractic manipulation for the neck x 8", ["neck"]),
    ("Aquatic therapy for the lower back, twice weekly for 4 weeks", ["low back"]),
    ("Massage to the low back and neck", ["low back", "neck"]),
    ("Repeat MRI, C6-7", ["cervical"]),
    ("Vertebroplasty at T12", ["thoracic"]),
    ("Thoracic epidural injection T10-T11", ["thoracic"]),
    ("Anterior fusion L5-S1", ["lumbar"]),
    ("Right L4-5 transforaminal epidural injection", ["lumbar"]),
])
def test_a_spinal_level_names_its_region(extractor, heading, regions):
    """Family: a level (one or two digits, alone or a range) names its spinal region, which is never sided;
    the neck and the low back are kept as the request names them."""
    (item,) = items(extractor, heading)
    assert item["body_regions"] == regions


@pytest.mark.parametrize(("heading", "regions"), [
    ("Gabapentin 300mg #90 for radiating leg pain", []),
    ("Naproxen 550 mg, low back pain, #60", []),
    ("Diclofenac 1% gel for the left knee, 100 grams", ["left knee"]),
    ("Compounded cream to the right wrist: flurbiprofen/lidocaine", ["right wrist"]),
    ("Referral to a hand surgery consultation", []),
    ("Spine surgeon second opinion", []),
    ("Certified hand therapy for the left elbow, 8 visits", ["left elbow"]),
    ("Hand therapist visits x 6 for the right thumb", ["right thumb"]),
    ("Consultations with hand surgery, neurology and rheumatology", []),
    ("Referral to foot and ankle surgery for the left heel", ["left heel"]),
    ("Referral to spine surgery for the cervical spine", ["cervical"]),
    ("Right hand surgery", ["right hand"]),
    # a side in brackets after the device or test
    ("Hinged knee brace (R)", ["right knee"]),
    ("Shoulder MRI (Lt)", ["left shoulder"]),
])
def test_a_body_word_that_is_no_region_of_the_request(extractor, heading, regions):
    """Family: an oral drug's indication is not a region of the request (a topical put on a part is); a part
    naming a clinician's field ('hand surgery consultation', 'spine surgeon', 'hand therapy') is not one
    either."""
    (item,) = items(extractor, heading)
    assert item["body_regions"] == regions


@pytest.mark.parametrize(("heading", "services"), [
    ("Orthopaedic surgery consultation for the shoulder", ["consultation"]),
    ("Neurological surgery evaluation", ["consultation"]),
    ("Physical medicine and rehabilitation referral", ["consultation"]),
    ("Dermatology evaluation", ["consultation"]),
    ("Referral to an endocrinologist", ["consultation"]),
    ("Follow-up with the internist", ["office-visit"]),
    ("Rheumatology follow up visits x 2", ["office-visit"]),
    ("Psychiatric consultation", ["consultation"]),
    ("Psychiatric follow-up visits, monthly x 4", ["office-visit"]),
    ("Physical therapy evaluation", ["physical-therapy"]),
    ("Occupational therapy evaluation", ["occupational-therapy"]),
    ("Right shoulder surgery", ["surgery"]),
    # a side is no misspelt service word ('bilateral' is not 'lateral'), so the field's own word stays unasked
    ("Spine surgery consultation for the bilateral lower extremities", ["consultation"]),
    ("Hand surgery referral, bilaterally", ["consultation"]),
])
def test_a_physicians_field_with_a_visit_word_asks_for_the_visit(extractor, heading, services):
    """Family: a field from the specialty list named with a consultation, referral, evaluation, follow-up or
    visit word before or after it asks for that consultation or office visit; a service word inside the
    field's name ('surgery' in 'orthopaedic surgery') is no service asked for; a field that is itself a
    treatment ('physical therapy evaluation') stays that treatment."""
    (item,) = items(extractor, heading)
    assert item["services"] == services


@pytest.mark.parametrize(("heading", "services"), [
    ("Cortisone injection of the left middle finger A1 pulley", ["corticosteroid-injection"]),
    ("Right thumb A1 pulley release", ["tendon-surgery"]),
    ("Overhead pulley for home exercise", ["exercise-equipment"]),
])
def test_a_tendon_pulley_is_no_exercise_pulley(extractor, heading, services):
    (item,) = items(extractor, heading)
    assert item["services"] == services


@pytest.mark.parametrize(("heading", "services"), [
    ("TENS unit with supplies", ["tens-unit"]),
    ("H-wave device and supplies, one month", ["h-wave"]),
    ("Lumbar MRI and imaging review", ["mri"]),
])
def test_a_service_and_the_broader_one_it_refines_are_the_finer_one(extractor, heading, services):
    """Family: a request naming a device (or test) and the general kind it belongs to asks for the device."""
    (item,) = items(extractor, heading)
    assert item["services"] == services


@pytest.mark.parametrize(("heading", "services"), [
    ("Injection into the right knee", ["corticosteroid-injection"]),
    ("Ultrasound-guided injection, left shoulder", ["corticosteroid-injection"]),
    ("Piriformis injection, right", ["corticosteroid-injection"]),
    ("Ultrasound of the left wrist", ["ultrasound-imaging"]),
    ("Therapeutic ultrasound and iontophoresis, 6 visits", ["physical-therapy"]),
    ("Dry needling x 6", ["acupuncture"]),
    ("OT 2x/week for 4 weeks", ["occupational-therapy"]),
    ("Speech-language therapy, 10 sessions", ["speech-therapy"]),
    ("Flexion/extension views of the lumbar spine", ["x-ray"]),
    ("Renal function tests", ["laboratory-testing"]),
    ("Holter monitoring", ["cardiac-testing"]),
    ("Intrathecal pain pump trial", ["intrathecal-pump"]),
    ("Nurse case manager", ["nurse-case-management"]),
    ("Inpatient rehab program", ["inpatient-rehabilitation"]),
    ("Help with activities of daily living, 4 hours a day", ["home-health"]),
    ("Pre-op cardiac clearance with the cardiologist", ["preoperative-evaluation"]),
    ("Left long and ring finger A1 pulley releases", ["tendon-surgery"]),
    ("Left elbow ECRB release", ["tendon-surgery"]),
])
def test_more_kinds_of_request_have_their_service(extractor, heading, services):
    """Family: wordings of injections by where they go, imaging and therapy modalities, tests, implants,
    case management and programs, each a vocabulary entry under its DWC category."""
    (item,) = items(extractor, heading)
    assert item["services"] == services


@pytest.mark.parametrize(("heading", "regions"), [
    ("Ultrasound, R wrist", ["right wrist"]),
    ("MRI L shoulder with contrast", ["left shoulder"]),
    ("Rt. knee hinged brace", ["right knee"]),
    ("Lt elbow injection", ["left elbow"]),
    ("Radiographs of the left and right hips", ["right hip", "left hip"]),
    ("Wrist splint, right, custom fit", ["right wrist"]),
    ("Elbow strap, left", ["left elbow"]),
    ("Chiropractic for the C/S and L/S", ["cervical", "lumbar"]),
])
def test_sides_in_short_forms_pairs_and_after_a_comma(extractor, heading, regions):
    """Family: sides abbreviated ('R', 'Lt', 'Rt.'), both sides as 'left and right', a side set off by commas
    after the part and up to two words; spinal regions abbreviated 'C/S', 'L/S'."""
    (item,) = items(extractor, heading)
    assert item["body_regions"] == regions


def test_a_side_is_never_read_from_the_request_before(extractor):
    """A side at the end of one request is not the side of the next one's unsided part."""
    first, second = items(extractor, "MRI of the shoulder, right", "Knee sleeve purchase")
    assert (first["body_regions"], second["body_regions"]) == (["right shoulder"], ["knee"])


@pytest.mark.parametrize(("heading", "services"), [
    ("Referral to physical therapy, 6 visits", ["physical-therapy"]),
    ("Referral for a psychological evaluation", ["psychological-evaluation"]),
    ("Referral to pain management", ["consultation"]),
    ("Knee injections with Synvisc, bilateral", ["viscosupplementation"]),
    ("Shoulder injection with PRP", ["platelet-rich-plasma"]),
    ("Cortisone injection to the knee and trigger point injections", ["corticosteroid-injection",
                                                                      "trigger-point-injection"]),
])
def test_a_wording_that_leads_to_another_service_is_that_service(extractor, heading, services):
    """Family: a referral to or for a treatment asks for the treatment; a generic injection beside a named
    kind of injection is that kind (a steroid named keeps the corticosteroid injection)."""
    (item,) = items(extractor, heading)
    assert item["services"] == services


@pytest.mark.parametrize(("heading", "regions"), [
    ("Radiographs of the ankles", ["right ankle", "left ankle"]),
    ("Nerve conduction study of the lower extremities", ["right lower extremity", "left lower extremity"]),
    ("Paraffin bath for the hands", ["right hand", "left hand"]),
    ("Massage to the buttocks", ["buttock"]),
    ("Occupational therapy for the fingers", ["finger"]),
    ("Left hand/wrist splint", ["left hand", "left wrist"]),
])
def test_a_paired_part_in_the_plural_is_both_sides(extractor, heading, regions):
    """Family: a part the body has on each side written in the plural with no side names both ('the
    ankles'); parts that are not a pair stay as they are ('buttocks', 'fingers'); a side reaches over a
    slash ('Left hand/wrist')."""
    (item,) = items(extractor, heading)
    assert item["body_regions"] == regions


@pytest.mark.parametrize(("heading", "regions"), [
    ("Left wrist and hand x-rays", ["left wrist", "left hand"]),
    ("Right shoulder, elbow and wrist MRI", ["right shoulder", "right elbow", "right wrist"]),
    ("Right knee and left ankle braces", ["right knee", "left ankle"]),
    ("Bilateral shoulders and the neck, physical therapy", ["right shoulder", "left shoulder", "neck"]),
    ("Right greater trochanteric bursa injection", ["right hip"]),
    ("LS spine x-rays", ["low back"]),
])
def test_parts_coordinated_with_a_sided_one_share_its_side(extractor, heading, regions):
    """Family: 'left wrist and hand', 'right shoulder, elbow and wrist': a paired part joined to a sided one by
    'and', a comma or a slash has its side; a part with its own side keeps it; an unpaired part (the neck)
    takes none."""
    (item,) = items(extractor, heading)
    assert item["body_regions"] == regions


@pytest.mark.parametrize(("text", "unit", "quantity"), [
    ("three (3) visits per week for two (2) weeks", "visit", 6),
    ("2 treatments a week x 4 weeks", "treatment", 8),
    ("2 times a week for 6 weeks", "session", 12),
])
def test_a_frequency_that_names_what_it_counts_gives_the_unit(text, unit, quantity):
    got = parse_request(text, "session")
    assert (got.quantity, got.unit) == (quantity, unit)


@pytest.mark.parametrize(("heading", "regions"), [
    ("Hinged knee brace - right", ["right knee"]),
    ("Wrist splint \u2013 left", ["left wrist"]),
    ("Lumbar-sacral orthosis purchase", ["lumbar"]),
])
def test_a_side_after_a_dash_and_a_lumbar_sacral_brace(extractor, heading, regions):
    assert items(extractor, heading)[0]["body_regions"] == regions


@pytest.mark.parametrize(("text", "expected"), [
    ("Counseling sessions, once weekly for 10 weeks", (10, "session", *weekly(1, 10))),
    ("Follow-up once monthly for 4 months", (4, "session", {"times": 1, "per": "month"},
                                                    {"value": 4, "unit": "month"})),
    ("Biofeedback twice monthly for 3 months", (6, "session", {"times": 2, "per": "month"},
                                                {"value": 3, "unit": "month"})),
    ("Random drug screens, 3 times a year", (3, "session", None, None)),
    ("Liver panel 2x per year", (2, "session", None, None)),
    ("Urine toxicology screens, 4 per year", (4, "session", None, None)),
    ("Hemoglobin A1c, two a year", (2, "session", None, None)),
    ("Drug screens 3/yr", (3, "session", None, None)),
])
def test_once_or_twice_a_period_and_counts_a_year(text, expected):
    """Family: 'once weekly', 'once monthly', 'twice monthly' are frequencies multiplied out over the length
    asked for (never a count of one); 'N times a year', 'N per year', 'N/yr' is a count of N (a request's frequency
    is per day, week or month)."""
    assert request(text) == expected


@pytest.mark.parametrize(("heading", "services"), [
    ("CT of the lumbar spine without contrast to evaluate the fusion", ["ct-scan"]),
    ("Lumbar X-rays to assess the hardware after the fusion", ["x-ray"]),
    ("Cervical MRI to rule out a herniated disc; r/o surgery candidate", ["mri"]),
    ("Ultrasound of the right shoulder for evaluation of a rotator cuff repair", ["ultrasound-imaging"]),
    ("Psychological clearance prior to implantation of a spinal cord stimulator", ["psychological-evaluation"]),
    ("Medical clearance before the right knee arthroplasty", ["preoperative-evaluation"]),
    ("Diagnostic medial branch blocks in preparation for radiofrequency ablation", ["medial-branch-block"]),
])
def test_what_a_study_is_for_is_not_asked_for(extractor, heading, services):
    """Family: a purpose after the request ('to evaluate', 'to assess', 'to rule out', 'for evaluation of') or
    what it comes before ('prior to', 'before', 'in preparation for') names what the request serves, not a
    second service asked for."""
    assert items(extractor, heading)[0]["services"] == services


@pytest.mark.parametrize(("heading", "regions"), [
    ("Trigger finger injection, right middle finger", ["right middle finger"]),
    ("Left index finger trigger finger release", ["left index finger"]),
    ("Splint for the right ring finger", ["right ring finger"]),
])
def test_a_finger_named_is_that_finger(extractor, heading, regions):
    """Family: a named finger keeps its name (and its side), and the 'finger' of 'trigger finger' beside it
    adds nothing."""
    assert items(extractor, heading)[0]["body_regions"] == regions


@pytest.mark.parametrize(("heading", "services"), [
    ("Pre-operative labs (CBC, CMP, PT/PTT)", ["laboratory-testing"]),
    ("Coagulation panel: PT, INR", ["laboratory-testing"]),
    ("Labs including INR/PT before the procedure", ["laboratory-testing"]),
    ("PT/OT twice weekly for 4 weeks", ["physical-therapy", "occupational-therapy"]),
])
def test_pt_beside_ptt_or_inr_is_a_lab_test(extractor, heading, services):
    """Family: 'PT' written with PTT or INR is the prothrombin time, not physical therapy; 'PT/OT' is still
    the therapies."""
    assert items(extractor, heading)[0]["services"] == services


@pytest.mark.parametrize(("heading", "expected"), [
    ("Skilled nursing home visits, twice weekly x 3 weeks", (["home-health"], 6, "visit")),
    ("Visiting nurse services, 4 visits", (["home-health"], 4, "visit")),
    ("Home health aide 6 hours per day x 10 days", (["home-health"], 60, "hour")),
])
def test_home_care_asked_for_in_visits_counts_visits(extractor, heading, expected):
    """Family: home care counts hours, unless the request asks for visits and names no hours."""
    (item,) = items(extractor, heading)
    assert (item["services"], item["quantity"], item["unit"]) == expected


@pytest.mark.parametrize(("heading", "regions"), [
    ("Trigger point injections, right trapezius and rhomboid", ["right trapezius", "right rhomboid"]),
    ("Excision of the distal clavicle, left", ["left shoulder"]),
    ("Left levator scapulae and rhomboid trigger point injections", ["left levator scapulae", "left rhomboid"]),
    ("Trigger point injections, bilateral upper trapezius", ["right upper trapezius", "left upper trapezius"]),
])
def test_muscles_of_the_shoulder_girdle_and_the_distal_clavicle(extractor, heading, regions):
    """Family: paired muscles take the side they are coordinated with; the distal clavicle (the
    acromioclavicular joint) is the shoulder."""
    assert items(extractor, heading)[0]["body_regions"] == regions


@pytest.mark.parametrize(("heading", "expected", "drug"), [
    ("Soma 350 mg, sixty (60)", (60, "tablet"), "carisoprodol"),
    ("Trazodone 50 mg one at bedtime, thirty (30)", (30, "tablet"), "trazodone"),
    ("Three phase bone scan of the left upper extremity", (None, None), None),
    ("Triple phase bone scan x 1", (1, "test"), None),
    ("Platelet rich plasma (PRP) injections to the right knee x 3", (3, "injection"), None),
    ("Synvisc injections, right knee, series of 3", (3, "injection"), None),
    # the series' count in brackets or after an x
    ("Hyaluronic acid injection series (3), left knee", (3, "injection"), None),
    ("Gel-One injection series x2 to the right knee", (2, "injection"), None),
])
def test_a_count_spelled_out_at_the_end_and_numbers_inside_a_name(extractor, heading, expected, drug):
    """Family: 'sixty (60)' at a request's end is its count; a number inside a service's or drug's name ('three
    phase bone scan', 'Tylenol #3') counts nothing; words both a drug and a service name are the service."""
    (item,) = items(extractor, heading)
    assert (item["quantity"], item["unit"]) == expected
    assert (item["medication"] or {}).get("generic") == drug


@pytest.mark.parametrize(("heading", "services"), [
    ("CPAP machine 1 month rental", ["durable-medical-equipment"]),
    ("Sleep study with CPAP titration", ["sleep-study"]),
    ("Repeat EEG", ["electrodiagnostic-testing"]),
    ("Binaural hearing aids (one pair)", ["durable-medical-equipment"]),
])
def test_sleep_and_neurology_equipment_and_studies(extractor, heading, services):
    """Family: a CPAP is equipment (its titration part of the sleep study), an EEG electrodiagnostic testing."""
    assert items(extractor, heading)[0]["services"] == services


@pytest.mark.parametrize(("heading", "generic", "count"), [
    ("Vitamin B12 injection 1000 mcg x 4", "vitamin b 12", 4),
    ("Toradol injection x 2", "ketorolac", 2),
    ("Retrospective Toradol 60mg IM injection x1 (DOS 08/15/2014)", "ketorolac", 1),
])
def test_an_injection_that_gives_its_drug_asks_for_both(extractor, heading, generic, count):
    """Family: a service that gives the drug named in it (`imr:givesItsDrug`: an intramuscular injection) asks for
    the injection and the drug; a bare count counts injections."""
    (item,) = items(extractor, heading)
    assert set(item["services"]) == {"intramuscular-injection", "medication"}
    assert (item["medication"]["generic"], item["quantity"], item["unit"]) == (generic, count, "injection")


@pytest.mark.parametrize(("heading", "services"), [
    ("Serum drug levels for gabapentin and duloxetine x 2", ["laboratory-testing"]),
    ("Urine drug screen for oxycodone and alprazolam", ["drug-testing"]),
])
def test_a_drug_a_test_measures_is_not_asked_for(extractor, heading, services):
    """Family: drugs named as what a test measures ('levels of', 'screen for') are the test's, not a medication
    request."""
    (item,) = items(extractor, heading)
    assert (item["services"], item["medication"]) == (services, None)


@pytest.mark.parametrize(("text", "expected"), [
    ("Gabadone, 1 bottle (60 capsules)", (60, "capsule")),
    ("Sentra PM, one box (30 tablets)", (30, "tablet")),
    ("Lidoderm 5% patch, a box (30 patches)", (30, "patch")),
    ("Colace 100 mg, 1 bottle", (1, "bottle")),
])
def test_a_container_counts_what_it_holds(text, expected):
    """Family: one container with what it holds in brackets is a count of what it holds; a container alone is
    one container."""
    assert request(text, "capsule")[:2] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Diclofenac 1% gel 100 g tubes x 2", (200, "gram")),
    ("Capsaicin cream 60gm jar x 3", (180, "gram")),
    ("Lidocaine ointment 50 ml bottles x 2", (100, "milliliter")),
])
def test_a_weight_or_volume_in_containers_times_a_count(text, expected):
    """Family: the amount one container holds, then how many containers ('100g tubes x 3')."""
    assert request(text, "tablet")[:2] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Gabapentin 300mg caps 1 po TID ninety (90)", 90),
    ("Tramadol 50 mg tab 1 by mouth q6h prn #120", 120),
    ("Cyclobenzaprine 7.5 mg 1 orally at bedtime thirty (30)", 30),
])
def test_a_bare_number_taken_by_mouth_is_the_dose_not_the_total(text, expected):
    """Family: '1 po' is what is taken at a time; the total is the count written after the sig, spelled or not."""
    assert request(text, "capsule")[0] == expected


@pytest.mark.parametrize(("heading", "services", "regions"), [
    ("Below-knee prosthesis with a new socket for the right leg", ["prosthesis"], ["right leg"]),
    ("Custom ankle foot orthosis for the left leg", ["orthotics"], ["left leg"]),
    ("Partial finger prosthesis, left ring finger", ["prosthesis"], ["left ring finger"]),
    ("Left ankle brace", ["orthotics"], ["left ankle"]),
])
def test_a_device_named_by_the_parts_it_fits_is_for_the_part_the_request_names(extractor, heading, services, regions):
    """Family: prostheses and orthoses named by the part they fit; the region is the one named in the request's own
    words where it names one."""
    item = items(extractor, heading)[0]
    assert item["services"] == services
    assert [r["value"] if isinstance(r, dict) else r for r in item["body_regions"]] == regions


@pytest.mark.parametrize(("heading", "service"), [
    ("Z-plasty release of the scar contracture, right hand", "surgery"),
    ("Split-thickness skin graft to the left forearm", "surgery"),
    ("Pressure garment for the right arm, 2 units", "durable-medical-equipment"),
    ("Custom molded shoes, 1 pair", "orthotics"),
    ("Removal of symptomatic hardware, left ankle", "hardware-removal"),
    ("Left ring finger flexor tenolysis", "tendon-surgery"),
])
def test_surgery_and_equipment_wordings_name_their_service(extractor, heading, service):
    assert service in items(extractor, heading)[0]["services"]


@pytest.mark.parametrize(("heading", "regions"), [
    ("Hinged knee brace, Lt, purchase", ["left knee"]),
    ("Resting hand splints, R and L", ["right hand", "left hand"]),
    ("Heel cups, B/L, 1 pair", ["right heel", "left heel"]),
    ("Night splints for the feet, 1 pair, B/L", ["right foot", "left foot"]),
    ("Knee brace, hinged type, R", ["right knee"]),
    ("Post-operative hinged knee brace, R", ["right knee"]),
    ("Custom molded foot orthotics, L.", ["left foot"]),
    ("Right lateral epicondylar release", ["right elbow"]),
])
def test_a_side_set_off_after_the_part_in_short_forms(extractor, heading, regions):
    """Family: 'Lt', 'R and L', 'B/L' and a capital letter alone after the part, set off by commas."""
    (item,) = items(extractor, heading)
    assert sorted(r["value"] if isinstance(r, dict) else r for r in item["body_regions"]) == sorted(regions)


@pytest.mark.parametrize(("text", "expected"), [
    ("Front-wheeled walker, quantity one", (1, "unit")),
    ("Cervical pillow, qty: two", (2, "unit")),
    ("Tub transfer bench, purchase (1)", (1, "unit")),
])
def test_a_count_in_words_after_quantity_or_alone_in_brackets_at_the_end(text, expected):
    assert request(text, "unit")[:2] == expected


@pytest.mark.parametrize(("heading", "regions"), [
    ("Removal of spinal hardware T11-L3", ["thoracic", "lumbar"]),
    ("Lumbar fusion L5-S1", ["lumbar"]),
    ("Cervical epidural steroid injection C6-7", ["cervical"]),
])
def test_a_level_range_across_two_regions_names_both(extractor, heading, regions):
    (item,) = items(extractor, heading)
    assert [r["value"] if isinstance(r, dict) else r for r in item["body_regions"]] == regions


@pytest.mark.parametrize(("heading", "regions"), [
    ("Partial finger prostheses for the left index and middle fingers", ["left index finger", "left middle finger"]),
    ("Trigger finger injections, right ring and small fingers", ["right ring finger", "right small finger"]),
])
def test_digits_named_together_before_one_head_noun_are_each_a_part(extractor, heading, regions):
    (item,) = items(extractor, heading)
    assert [r["value"] if isinstance(r, dict) else r for r in item["body_regions"]] == regions


@pytest.mark.parametrize(("heading", "generic"), [
    ("Butalbital/APAP/caffeine 50/325/40 mg #30", "butalbital/acetaminophen/caffeine"),
    ("Butalbital/acetaminophen/caffeine 50/325/40 mg #30", "butalbital/acetaminophen/caffeine"),
])
def test_a_combination_naming_an_ingredient_never_a_drug_alone_last(extractor, heading, generic):
    """Family: caffeine is no drug by itself, but the last ingredient of a combination written out."""
    assert items(extractor, heading)[0]["medication"]["generic"] == generic


def test_a_pair_of_side_letters_that_names_no_side_is_no_side(extractor):
    """'R and R' is no side the vocabulary knows: the part stays unsided, and the letter is read."""
    (item,) = items(extractor, "Wrist splints, R and R, 2 units")
    assert [r["value"] if isinstance(r, dict) else r for r in item["body_regions"]] == ["wrist"]


@pytest.mark.parametrize(("text", "unit", "expected"), [
    ("Percocet 5/325mg 1-2 tabs q4-6h prn pain, dispense 60", "tablet", (60, "tablet")),
    ("Naproxen 550 mg BID, disp #60", "tablet", (60, "tablet")),
    ("Butrans 5mcg/hr patch, 4 patches a month x 3 months", "patch", (12, "patch")),
    ("TENS electrodes, 4 pairs per month x 12 months", "pair", (48, "pair")),
])
def test_a_dispensed_amount_or_a_monthly_count_times_its_months(text, unit, expected):
    assert request(text, unit)[:2] == expected


@pytest.mark.parametrize("text", [
    "Pain management follow-up in 4 to 6 weeks",
    "Orthopedic follow-up within 2 weeks",
])
def test_a_visit_in_some_weeks_has_no_duration(text):
    assert request(text, "visit")[3] is None


def test_a_compression_device_for_clots_is_a_pneumatic_compression_device(extractor):
    assert items(extractor, "DVT prophylaxis compression device x 14 days")[0]["services"] \
        == ["pneumatic-compression-device"]
