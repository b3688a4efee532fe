"""The case summary's history fields, family by family of wording: ConText negation, uncertainty,
hypothetical and family mentions; stated diagnoses and their codes; drugs taken, stopped and never taken;
care received; the parts complained of. Every sentence here is our own wording."""

from __future__ import annotations

import pytest
from extract_support import document, fdl_item, fdl_letter
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from imrgraph import link, vocab
from imrgraph.extract import Extractor, negation
from imrgraph.models import ParsedLetter
from imrgraph.parse import parse
from imrgraph.vocab.context import CONTEXT_DIRECTIONS


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def history(extractor: Extractor, summary: str, heading: str = "Physical therapy x 6") -> dict:
    letter = parse(document(fdl_letter(summary, fdl_item(heading))))
    assert isinstance(letter, ParsedLetter), letter
    return extractor.extract(letter).to_json()


def diagnoses(extractor, summary: str) -> dict[str, tuple[bool, bool]]:
    """ICD-10-CM code -> (negated, uncertain)."""
    return {d["icd10cm"]: (d["negated"], d["uncertain"]) for d in history(extractor, summary)["diagnoses"]
            if d["icd10cm"]}


def medications(extractor, summary: str, heading: str = "Physical therapy x 6") -> dict[str, bool]:
    return {m["generic"]: m["negated"] for m in history(extractor, summary, heading)["medications"]}


def prior(extractor, summary: str) -> set[str]:
    """The listed services of the prior treatments (a finer one rolled up: tens-unit is durable equipment)."""
    return {vocab.listed_service(p["service"]) for p in history(extractor, summary)["prior_treatments"]}


def body_parts(extractor, summary: str) -> set[str]:
    return set(history(extractor, summary)["body_parts"])


# ---- ConText: negation ---------------------------------------------------------------------------


@pytest.mark.parametrize("summary", [
    "Her diagnoses include insomnia. She denies any depression.",
    "Her diagnoses include insomnia. There is no evidence of depression.",
    "Her diagnoses include insomnia. A screening questionnaire was negative for depression.",
    "Her diagnoses include insomnia. The psychologist found no signs of depression.",
    "Her diagnoses include insomnia. She has never had depression.",
    "Her diagnoses include insomnia. The evaluation showed an absence of\ndepression.",
    "Her diagnoses include insomnia. Depression was ruled out by the psychologist.",
    "Her diagnoses include insomnia. Depression has been ruled out.",
    "Her diagnoses include insomnia. Depression is unlikely.",
    "Her diagnoses include insomnia. She does not meet the criteria for depression.",
    "Her diagnoses include insomnia. THE PATIENT DENIES DEPRESSION.",
    "Her diagnoses include insomnia. She doesn't have depression.",
    "Her diagnoses include insomnia. Depression and anxiety are both denied.",
    "Her diagnoses include insomnia.\nDepression is denied.",
])
def test_a_condition_stated_absent_is_negated(extractor, summary):
    """Family: pre-negation ('denies', 'no evidence of', 'negative for', 'no signs of', 'never', 'absence
    of', 'does not meet the criteria for', contractions) and post-negation ('was ruled out', 'has been ruled
    out', 'is unlikely', 'are denied': the words a request's denial is told in, with a rule of their own
    for conditions), in any case, across a line wrap; the other diagnosis stays positive."""
    got = diagnoses(extractor, summary)
    assert got["F32.A"] == (True, False)
    assert got["G47.00"] == (False, False)


@pytest.mark.parametrize("summary", [
    "Her diagnoses include insomnia. Review of the notes: No clinical signs of depression are described.",
    "Assessment: No objective evidence of depression. Her diagnoses include insomnia.",
    "Her diagnoses include insomnia. Mood screen: no.\nDepression: none.",
    "Her diagnoses include insomnia. The mood inventory failed to demonstrate any depression.",
    "Her diagnoses include insomnia. Depression could not be confirmed by the psychologist.",
    "Her diagnoses include insomnia. Depression is not suspected by the treating psychologist.",
    "Her diagnoses include insomnia. Review of systems: depression - negative.",
])
def test_a_colon_before_no_and_failed_studies_negate(extractor, summary):
    """Family: 'No ...' right after a colon (a heading, an introduction) negates what follows it; only a bare
    'no'/'none' answering a label ('Depression: none.') negates the label; 'failed to show/demonstrate';
    'could not be confirmed', 'is not suspected'; an answer after a dash ('depression - negative')."""
    got = diagnoses(extractor, summary)
    assert got["F32.A"] == (True, False)
    assert got["G47.00"] == (False, False)


@pytest.mark.parametrize("summary", [
    "Her diagnoses include insomnia. Her therapist wondered about depression, but a later evaluation ruled it out.",
    "Her diagnoses include insomnia. Depression was raised by her internist; however, this was not confirmed.",
    "Her diagnoses include insomnia. Depression was considered in 2019 but the criteria were not met and "
    "depression was ruled out.",
    "Her diagnoses include insomnia. Depression was considered, but it has since been excluded.",
    "Her diagnoses include insomnia. Depression was a concern. That was not supported by the testing in 2021.",
])
def test_a_condition_weighed_then_denied_is_negated(extractor, summary):
    """Family: a condition weighed ('wondered about', 'raised', 'considered', 'a concern') and then denied
    past a 'but' or 'however' that stops a trigger's reach, by a pronoun standing for it ('ruled it out',
    'this was not confirmed', 'it has since been excluded') or by its name again; 'was considered, but' is
    no request weighed."""
    got = diagnoses(extractor, summary)
    assert got["F32.A"] == (True, False)
    assert got["G47.00"] == (False, False)


@pytest.mark.parametrize("summary", [
    "Her diagnoses include insomnia and depression. It was not confirmed that she fell at work.",
    "Her diagnoses include insomnia and depression. This was not supported by her employer's report.",
    "Her diagnoses include insomnia. Depression was mentioned by her sister. It was not confirmed whether "
    "she fell.",
])
def test_a_pronoun_that_stands_for_no_condition_negates_nothing(extractor, summary):
    """Family, the other side: 'it' before 'that'/'whether' stands for no condition, and a condition the
    letter states as the worker's is not denied by a pronoun after it."""
    got = diagnoses(extractor, summary)
    assert got.get("F32.A", (False, False))[0] is False
    assert got["G47.00"] == (False, False)


@pytest.mark.parametrize("summary", [
    "Assessment: 1) insomnia 2) depression\nFibromyalgia was ruled out by the rheumatologist.",
    "Assessment:\n1. Insomnia\n2. Depression\nFibromyalgia has been ruled out.",
    "Assessment:\n- insomnia\n- depression\nFibromyalgia was ruled out in 2020.",
    "Assessment: 1) insomnia, 2) depression, 3) rule out fibromyalgia\nShe denies any low mood.",
    "She has no history of surgery.\n - Dx: insomnia; depression\n - 05/02: seen for follow-up.",
])
def test_the_items_of_a_list_end_where_the_next_begins(extractor, summary):
    """Family: list items written without full stops ('1) ... 2) ...', a line per item, a bulleted line) end
    at the next item or at the line after the list, so a trigger in one item or after the list reaches no other
    item."""
    got = diagnoses(extractor, summary)
    assert got["F32.A"] == (False, False)
    assert got["G47.00"] == (False, False)
    assert got.get("M79.7", (True, False))[0] is True or got["M79.7"] == (False, True)


@pytest.mark.parametrize(("summary", "code"), [
    ("Her diagnoses include insomnia. She has no history of epilepsy.", "G40.909"),
    ("Her diagnoses include insomnia. Vascular claudication was ruled out by normal pulses.", "I73.9"),
    ("Her diagnoses include insomnia. She denies diabetes, hypertension or a bleeding disorder.", "D68.9"),
    ("Her diagnoses include insomnia. A CT showed a solid fusion with no evidence of pseudarthrosis.", "M96.0"),
    ("Her diagnoses include insomnia. She denies any drug abuse.", "F19.10"),
    ("Her diagnoses include insomnia. She denies a history of GI bleed or kidney disease.", "K92.2"),
    ("Her diagnoses include insomnia. She has no history of hepatitis C.", "B19.20"),
    ("Her diagnoses include insomnia. BPPV was ruled out by a negative Dix-Hallpike test.", "H81.10"),
    ("Her diagnoses include insomnia. The screen found no post-\ntraumatic stress disorder.", "F43.10"),
    ("Her diagnoses include insomnia. Benign paroxysmal positional\nvertigo was excluded.", "H81.10"),
])
def test_conditions_by_name_and_hyphenated_across_a_line_are_read(extractor, summary, code):
    """Conditions by name (epilepsy, BPPV, vascular claudication, a bleeding disorder, pseudarthrosis, drug abuse,
    a GI bleed, a name ending in a capital letter and a full stop), and a name hyphenated at a line's end ('post-'
    then 'traumatic stress disorder'), here denied."""
    assert diagnoses(extractor, summary)[code] == (True, False)


@pytest.mark.parametrize(("summary", "code"), [
    # a spinal region's condition named with the region after it, also one coded only with its region
    ("The chiropractor's diagnoses are segmental dysfunction of the cervical spine and insomnia.", "M99.01"),
    ("Diagnoses: thoracic segmental dysfunction; insomnia.", "M99.02"),
    ("Diagnoses: disc displacement of the lumbar spine; insomnia.", "M51.26"),
    # an entrapment named by its nerve alone
    ("Diagnoses: ulnar entrapment at the elbow; insomnia.", "G56.20"),
])
def test_conditions_by_their_spinal_region_after_them_and_nerve_entrapments(extractor, summary, code):
    assert code in diagnoses(extractor, summary)


@pytest.mark.parametrize(("summary", "expected"), [
    # a condition a combination stated holds is that combination's
    ("An EMG confirmed an active left C6 radiculopathy. The diagnoses are cervical disc herniation at C5-C6 with "
     "radiculopathy and insomnia.", {"M50.122", "G47.00"}),
    ("She has daily headaches. The neurologist diagnosed migraine without aura; she also has insomnia.",
     {"G43.009", "G47.00"}),
    # (not one of another region)
    ("An EMG confirmed a left L5 radiculopathy. The diagnoses are cervical disc herniation at C5-C6 with radiculopathy "
     "and insomnia.", {"M54.16", "M50.122", "G47.00"}),
])
def test_a_condition_a_stated_combination_holds_is_that_combinations(extractor, summary, expected):
    assert set(diagnoses(extractor, summary)) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # a relative named only as someone heard from before a clinician's finding on the worker
    ("Lupus was weighed. After an interview with her mother, the rheumatologist concluded that she does not have lupus; "
     "she has insomnia.", {"M32.9": (True, False), "G47.00": (False, False)}),
    # ... not a relative's own condition told of them
    ("She has insomnia. She spoke with her mother, who has lupus.", {"G47.00": (False, False)}),
    # a condition listed among the possibilities, answered later
    ("She has insomnia. The radiologist listed a demyelinating disease among the possibilities; the neurologist found "
     "no sign of a demyelinating illness.", {"G47.00": (False, False), "G37.9": (True, False)}),
])
def test_a_relative_heard_from_and_a_condition_listed_among_the_possibilities(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected



@pytest.mark.parametrize("summary", [
    "Her diagnoses include insomnia. Depression was considered, but the mood inventory was normal.",
    "Her diagnoses include insomnia. Depression was suspected by her internist; however, the psychologist's "
    "screen came back negative.",
    "Her diagnoses include insomnia. Depression had been raised as a cause of the fatigue, yet her PHQ-9 was "
    "entirely unremarkable.",
    "Her diagnoses include insomnia. Depression was assessed by the panel psychologist, but he did not satisfy the "
    "DSM-5 criteria.",
    "Her diagnoses include insomnia. Depression was screened for in 2017; however, she never fulfilled diagnostic\n"
    "criteria.",
    "Her diagnoses include insomnia. Depression was entertained early on, yet the criteria were not met on testing.",
    "Her diagnoses include insomnia. Depression was considered by Dr. Lee in 2014, but she did not meet Beck criteria.",
    "Her diagnoses include insomnia. Depression of a moderate degree was raised by Mr. Ruiz, but the PHQ-9 was normal.",
    "Her diagnoses include insomnia. Depression was also considered, but her PHQ-9 and Beck scores were both normal.",
    "Her diagnoses include insomnia. Depression was questioned, but the screening inventories were all within normal "
    "limits.",
])
def test_a_condition_weighed_then_answered_by_normal_findings_is_negated(extractor, summary):
    """Family: a condition weighed ('was considered', 'was also suspected', 'raised', 'assessed', 'screened for') and
    answered in the same sentence by findings that are normal, negative, unremarkable or within normal limits (all
    or both of them), or by its criteria not met."""
    assert diagnoses(extractor, summary)["F32.A"] == (True, False)


@pytest.mark.parametrize(("summary", "expected"), [
    ("Diagnoses: insomnia; depression was suspected in 2019 but the PHQ-9 was normal.", (True, False)),
    ("Diagnoses: insomnia; depression was considered, but it was ruled out.", (True, False)),
    ("Diagnoses: insomnia; depression was suspected.", (False, True)),
])
def test_a_condition_a_diagnosis_list_weighs_is_denied_like_one_weighed_in_prose(extractor, summary, expected):
    """Family: a list item that weighs its condition rather than stating it is denied by normal findings or a
    pronoun, and stays in doubt when nothing answers it."""
    got = diagnoses(extractor, summary)
    assert (got["G47.00"], got["F32.A"]) == ((False, False), expected)


def test_criteria_met_or_unmet_for_another_condition_do_not_deny_a_weighed_one(extractor):
    got = diagnoses(extractor, "Her diagnoses include insomnia. Depression was considered, but the criteria were met "
                               "on interview. Anxiety was evaluated. She did not meet criteria for a program.")
    assert not got.get("F32.A", (False, False))[0]
    assert not got.get("F41.9", (False, False))[0]


def test_normal_findings_do_not_deny_a_condition_the_letter_states(extractor):
    got = diagnoses(extractor, "Her diagnoses include insomnia and depression. Depression was considered the "
                               "cause of her fatigue, but her thyroid tests were normal.")
    assert got["F32.A"] == (False, False)


@pytest.mark.parametrize(("summary", "code"), [
    ("Diagnoses: 1) somatic dysfunction of the low back (M99.03) 2) insomnia", "M99.03"),
    ("Diagnoses: right shoulder rotator cuff tendinitis (M75.81), insomnia", "M75.81"),
    ("Diagnoses: insomnia; lumbar radiculopathy\n(M54.17).", "M54.17"),
])
def test_a_full_code_written_with_a_condition_is_its_code(extractor, summary, code):
    """Family: the code a letter writes after a condition, when it is a full code of the same category as the
    wording's code (or shares a word with a wording that has none), says more than the wording: the region,
    the lesion."""
    got = diagnoses(extractor, summary)
    assert got[code] == (False, False)
    assert got["G47.00"] == (False, False)


@pytest.mark.parametrize(("summary", "code"), [
    ("Problem list: G47.00 Insomnia, unspecified; M51.27 Other intervertebral disc displacement, lumbosacral "
     "region.", "M51.27"),
    ("Problem list on the last report: M75.41 Impingement syndrome of right shoulder; G47.00 Insomnia, "
     "unspecified", "M75.41"),
    ("Assessment: G47.00 Insomnia, unspecified; Z79.891 Long term (current) use of opiate analgesic.", "Z79.891"),
])
def test_a_code_written_before_its_own_title_is_that_condition(extractor, summary, code):
    """Family: a problem list that writes each code before the code set's own words for it ('M51.27 Other
    intervertebral disc displacement, lumbosacral region'): the title after its own code is that condition,
    with that code; a title written with its bracketed words ('(current)') is that title."""
    got = diagnoses(extractor, summary)
    assert got[code] == (False, False)
    assert got["G47.00"] == (False, False)


@pytest.mark.parametrize(("summary", "code"), [
    ("The diagnoses are: 1. Insomnia, unspecified (G47.00) 2. Bilateral conductive hearing loss (H90.0)", "H90.0"),
    ("Diagnoses: insomnia (G47.00); double vision (H53.2).", "H53.2"),
    ("Her physician lists insomnia (G47.00), dry eye syndrome, bilateral (H04.123).", "H04.123"),
    ("Diagnoses:\n1. Insomnia (G47.00)\n2. Long-term (current) use of anticoagulants (Z79.01)\n", "Z79.01"),
    ("Diagnoses: insomnia (G47.00); dependence on a wheelchair for mobility (Z99.3).", "Z99.3"),
])
def test_a_condition_named_only_by_its_written_code_is_that_code(extractor, summary, code):
    """Family: a list item the wording table does not know, with the physician's code after it: the code
    names it, with the item's words as written (up to seven, one of them bracketed as in the code set)."""
    got = {d["icd10cm"]: d["text"] for d in history(extractor, summary)["diagnoses"]}
    assert "G47.00" in got and got[code] in summary and len(got[code].split()) >= 2


@pytest.mark.parametrize("summary", [
    "Diagnoses: cervical sprain (S13.4XXA), insomnia",
    "Diagnoses: insomnia, lumbar radiculopathy (M54.1)",
    "Diagnoses: lumbar strain, insomnia (F32.9)",
])
def test_a_written_code_that_says_no_more_is_not_taken(extractor, summary):
    """Near misses: an injury code keeps no code (the documented rule), a category is no full code, and a
    code written after another condition is not this one's."""
    got = diagnoses(extractor, summary)
    assert not {"S13.4XXA", "M54.1", "F32.9"} & set(got)
    assert got["G47.00"] == (False, False)


@pytest.mark.parametrize(("summary", "code"), [
    ("Diagnoses include insomnia. He no longer has the right foot drop noted after the surgery.", "M21.371"),
    ("Diagnoses include insomnia. She no longer suffers from migraines.", "G43.909"),
    ("Diagnoses include insomnia. She no longer meets criteria for major depressive disorder.", "F32.9"),
])
def test_a_condition_the_worker_no_longer_has_is_negated(extractor, summary, code):
    """Family: 'no longer has', 'no longer suffers from', 'no longer meets criteria for' a condition: resolved,
    as 'X has resolved' is (a drug no longer taken stays taken)."""
    got = diagnoses(extractor, summary)
    assert got[code] == (True, False) and got["G47.00"] == (False, False)


def test_a_condition_on_both_sides_the_code_set_codes_apart_has_no_code(extractor):
    """Family: 'bilateral shoulder impingement', 'bilateral lateral epicondylitis' have a code for each side and
    none for both: no code (the unspecified side's would say the side is not known); where the code set has a
    bilateral code it is the code ('bilateral carpal tunnel syndrome' -> G56.03)."""
    found = {d["text"]: d["icd10cm"] for d in history(extractor, "Diagnoses: bilateral shoulder impingement; "
                                                                  "bilateral lateral epicondylitis; bilateral carpal "
                                                                  "tunnel syndrome.")["diagnoses"]}
    assert found == {"bilateral shoulder impingement": None, "bilateral lateral epicondylitis": None,
                     "bilateral carpal tunnel syndrome": "G56.03"}


def test_a_struck_out_list_item_is_only_that_item(extractor):
    """', resolved' after the last item of a list ('..., insomnia and left wrist contusion, resolved') is that
    item's: the items before it stay positive."""
    got = diagnoses(extractor, "Her diagnoses are depression, insomnia and left wrist contusion, resolved.")
    assert got["G47.00"] == (False, False)
    assert got["F32.A"] == (False, False)


@pytest.mark.parametrize("summary", [
    "DIAGNOSES:\n * M54.2 Cervicalgia\n * M79.18 Myalgia, other site\n * M62.838 Other muscle spasm\n"
    "Cervical radiculopathy: ruled out by EMG/NCS in 2019.",
    "Current diagnoses:\n  M54.2   Cervicalgia\n  M79.18  Myalgia, other site\n  M62.838 Other muscle spasm\n"
    "Cervical radiculopathy was considered and not diagnosed.",
])
def test_each_line_of_a_bulleted_or_coded_list_is_its_own_item(extractor, summary):
    """Family: bullets and problem-list codes at the start of each line mark list items, every one of them; the
    last item ends at its line, so a denial on the next line reaches only its own condition."""
    got = diagnoses(extractor, summary)
    assert [got[code] for code in ("M54.2", "M79.18", "M62.838")] == [(False, False)] * 3
    assert got["M54.12"] == (True, False)


def test_a_code_set_title_that_says_not_elsewhere_classified_is_coded(extractor):
    got = diagnoses(extractor, "Diagnoses:\n  M96.1  Postlaminectomy syndrome, not elsewhere classified\n"
                               "  G89.4  Chronic pain syndrome\nShe is working.")
    assert got["M96.1"] == (False, False)


@pytest.mark.parametrize(("summary", "expected"), [
    ("She denies alcohol or drug abuse.", {"F10.10": (True, False), "F19.10": (True, False)}),
    ("Diagnoses include cervical and lumbar radiculopathy.", {"M54.12": (False, False), "M54.16": (False, False)}),
    ("He has no history of drug or alcohol abuse.", {"F19.10": (True, False), "F10.10": (True, False)}),
    ("Diagnoses include diabetes and kidney disease.", {"E11.9": (False, False), "N28.9": (False, False)}),
])
def test_a_word_joined_to_a_conditions_first_word_shares_its_name(extractor, summary, expected):
    """Family: 'alcohol or drug abuse', 'cervical and lumbar radiculopathy' name two conditions; 'diabetes and
    kidney disease' stays two conditions of their own ('diabetes disease' is none)."""
    assert diagnoses(extractor, summary) == expected


def test_a_numbered_list_ends_at_its_last_item(extractor):
    """A list stated after 'Diagnoses are:' whose last item has no full stop ends with that item's line: the
    next line's condition, suspected and then excluded, is not stated by the list."""
    summary = ("Diagnoses listed by the physician are:\n\n1. Lumbar radiculopathy\n\n2. Rule out fibromyalgia\n\n"
               "Thoracic outlet syndrome was suspected in 2015, but it was excluded by testing.")
    got = diagnoses(extractor, summary)
    assert got["M54.16"] == (False, False)
    assert got["G54.0"] == (True, False)


def test_a_wrapped_last_item_ends_where_the_next_line_returns_to_the_margin(extractor):
    """A bulleted item wrapped onto a line set in under it, with no full stop, ends where a line at the margin starts
    with a capital: the item's 'never done' says nothing of the drugs in the sentence after it."""
    summary = ("He hurt his knee. Care so far:\n  - 2019: physical therapy, 12 visits\n  - 2021: an arthroscopy was "
               "asked for, but the\n    carrier denied it and it was never done\nHe used Norco for a month and now "
               "takes meloxicam.")
    assert medications(extractor, summary) == {"hydrocodone/acetaminophen": False, "meloxicam": False}


@pytest.mark.parametrize("summary", [
    "Her chart lists, for care:\n   - Aquatic therapy - 6 visits\n   - Massage - not done\nand, for drugs: Norco 5 mg "
    "bid and meloxicam daily.",
    "The note of 05/2022 gives:\n  * Injection R knee - not done\nwhile her medicines are Norco at night and meloxicam.",
])
def test_a_list_set_in_ends_where_its_sentence_goes_on_at_the_margin(extractor, summary):
    """A list set in from the margin, inside a sentence that goes on at the margin in lower case: its last item's
    'not begun' or 'declined' says nothing of the drugs after it."""
    assert medications(extractor, summary) == {"hydrocodone/acetaminophen": False, "meloxicam": False}


@pytest.mark.parametrize(("summary", "code"), [
    ("She hurt her back lifting. She also has type 2 diabetes, controlled with metformin.", "E11.9"),
    ("He hurt his back lifting. He has hypertension, treated by his internist.", "I10"),
    ("The worker hurt her back lifting; the patient additionally has mild intermittent asthma.", "J45.20"),
])
def test_a_condition_the_worker_is_said_to_have_is_a_diagnosis(extractor, summary, code):
    """Family: 'she also has X', 'he has X' states a condition the worker has, as a diagnosis list does."""
    assert diagnoses(extractor, summary)[code] == (False, False)


@pytest.mark.parametrize("summary", [
    "He hurt his back lifting. He has low back pain radiating to the left leg.",
    "He hurt his back lifting. He has had physical therapy for his sciatica-like symptoms.",
    "He hurt his back lifting. He has an MRI showing a disc bulge.",
])
def test_what_the_worker_has_that_is_no_condition_is_no_diagnosis(extractor, summary):
    """Near misses: a symptom the worker has is a complaint; care or a study the worker has had is not a
    condition."""
    assert diagnoses(extractor, summary) == {}


def test_a_condition_weighed_under_a_fuller_name_is_denied_under_that_name(extractor):
    """'questioned a diabetic peripheral neuropathy ... no evidence of neuropathy': the condition denied is
    the one weighed (its code), not the bare head word."""
    got = diagnoses(extractor, "Her diagnoses include insomnia. A consultant queried a diabetic peripheral "
                               "neuropathy, yet the nerve studies were normal, with no evidence of neuropathy.")
    assert got["E11.42"] == (True, False)
    assert "G62.9" not in got


@pytest.mark.parametrize("summary", [
    "She denies depression but her diagnoses include insomnia.",
    "She denies depression; however, insomnia was diagnosed by her physician.",
    "There is no evidence of depression, although she is diagnosed with insomnia.",
    "She denies depression; insomnia was diagnosed in 2014.",
    "She has no depression, which testing confirmed, and she is diagnosed with insomnia.",
    "The psychologist found no depression and diagnosed insomnia.",
])
def test_negation_ends_at_but_however_although_semicolon_which(extractor, summary):
    """Family: a negation's scope ends at 'but', 'however', 'although', ';', 'which' and a new clause
    ('and diagnosed')."""
    got = diagnoses(extractor, summary)
    assert got["F32.A"] == (True, False)
    assert got["G47.00"] == (False, False)


@pytest.mark.parametrize("summary", [
    "Her history includes asthma, which has not flared in years, and insomnia.",
    "He carries a diagnosis of asthma, which no inhaler has been needed for, as well as insomnia.",
    "Her known conditions are asthma, whose attacks have not come back since 2010, and insomnia.",
    "She was seen by a sleep physician, who found no apnea on the study, and diagnosed insomnia.",
])
def test_a_negation_inside_a_relative_clause_ends_with_the_clause(extractor, summary):
    """Family: a trigger inside a relative clause set off by commas reaches no further than the clause's
    closing comma before a conjunction; the condition after it is stated."""
    assert diagnoses(extractor, summary)["G47.00"] == (False, False)


def test_a_list_inside_a_relative_clause_stays_under_its_negation(extractor):
    """A list's comma is followed by its next item, not by a conjunction: the clause goes on."""
    got = diagnoses(extractor, "She saw a rheumatologist, who found no gout, lupus or scleroderma, and she "
                               "has insomnia.")
    assert got["M10.9"] == (True, False) and got["M32.9"] == (True, False)
    assert got["G47.00"] == (False, False)


@pytest.mark.parametrize("summary", [
    "Diagnoses include insomnia. Fibromyalgia was not confirmed by the rheumatologist.",
    "Diagnoses include insomnia. Fibromyalgia is not present on today's examination.",
    "Diagnoses include insomnia. Fibromyalgia has never been diagnosed.",
    "Diagnoses include insomnia. Fibromyalgia was not reported by her rheumatologist.",
    "Diagnoses include insomnia. She has not been diagnosed with fibromyalgia.",
    "Diagnoses include insomnia. Fibromyalgia was suspected but not confirmed.",
    "Diagnoses include insomnia. Fibromyalgia was raised as a possibility but was not supported by the exam.",
    "Diagnoses include insomnia. The tender point count was not consistent with fibromyalgia.",
    "Diagnoses include insomnia. Negative past history for fibromyalgia.",
    "Diagnoses include insomnia. Fibromyalgia: denied.",
    "Diagnoses: 1. Insomnia. 2. Fibromyalgia, ruled out.",
    "Diagnoses: 1. Insomnia. 2. Fibromyalgia - excluded.",
])
def test_a_condition_the_records_do_not_bear_out_is_negated(extractor, summary):
    """Family: post-triggers of a finding ('was not confirmed', 'is not present', 'has never been diagnosed',
    'suspected but not confirmed', 'not supported'), relation words ('not consistent with'), a review of
    systems' 'X: denied', a list item struck out (', ruled out', '- excluded'); the condition is named only in
    the code set's wording, outside any statement of diagnoses."""
    got = diagnoses(extractor, summary)
    assert got["M79.7"] == (True, False)
    assert got["G47.00"] == (False, False)


@pytest.mark.parametrize("summary", [
    "Diagnoses include fibromyalgia. Objective functional improvement has not been documented.",
    "Diagnoses include fibromyalgia and insomnia; improvement was not confirmed.",
    "Diagnoses include fibromyalgia. Its diagnosis was confirmed by the rheumatologist.",
    "Diagnoses include fibromyalgia - stable.",
])
def test_a_post_trigger_about_something_else_leaves_the_condition(extractor, summary):
    """Near misses: a post-trigger whose subject is not the condition, or a confirmation."""
    assert diagnoses(extractor, summary)["M79.7"] == (False, False)


@pytest.mark.parametrize("summary", [
    "He is not currently taking any medications other than Advil.",
    "She takes no medication except Advil as needed.",
    "No medications besides Advil were reported.",
    "He denies all prescription drugs with the exception of Advil.",
])
def test_an_exception_ends_the_negation(extractor, summary):
    """Family: what follows 'other than', 'except', 'besides', 'with the exception of' is taken."""
    assert medications(extractor, summary)["ibuprofen"] is False


@pytest.mark.parametrize("summary", [
    "Her diagnoses include insomnia. No further treatment was provided for her depression.",
    "Her diagnoses include insomnia. She does not want medication for her depression.",
    "Her diagnoses include insomnia. She was not able to concentrate due to depression.",
    "Her diagnoses include insomnia. She cannot work because of depression.",
    "Her diagnoses include insomnia. No records were sent regarding the depression.",
    "Her diagnoses include insomnia. There are no contraindications, and her other diagnosis is depression.",
])
def test_a_negated_action_does_not_negate_its_reason(extractor, summary):
    """Family: a negation of an action (treatment not given, unable to work) reaches nothing past what the
    action was for ('for her', 'due to', 'because of', 'regarding') or a new clause ('and her ...')."""
    got = diagnoses(extractor, summary)
    assert got.get("F32.A", (False, False)) == (False, False)
    assert got["G47.00"] == (False, False)


@pytest.mark.parametrize("summary", [
    "Diagnoses include insomnia. There has been no change in her insomnia since the last visit.",
    "Diagnoses include insomnia. Insomnia is not only a symptom but a diagnosis here.",
    "Diagnoses include insomnia. The sleep log shows no increase in insomnia.",
    "Diagnoses include insomnia; her insomnia is not necessarily related to pain.",
])
def test_pseudo_triggers_negate_nothing(extractor, summary):
    """Family: pseudo-triggers that contain a negation word ('no change', 'not only', 'no increase',
    'not necessarily')."""
    assert diagnoses(extractor, summary)["G47.00"] == (False, False)


@pytest.mark.parametrize("summary", [
    "Diagnoses include lumbar radiculopathy and r/o piriformis syndrome.",
    "Diagnoses include lumbar radiculopathy and rule out piriformis syndrome.",
    "Diagnoses include lumbar radiculopathy and suspected piriformis syndrome.",
    "Diagnoses include lumbar radiculopathy and possible piriformis syndrome.",
    "Diagnoses include lumbar radiculopathy and questionable piriformis syndrome.",
    "Diagnoses include lumbar radiculopathy; piriformis syndrome cannot be excluded.",
    "Diagnoses include lumbar radiculopathy and probable Piriformis Syndrome.",
    "Diagnoses: lumbar radiculopathy; piriformis syndrome, suspected; insomnia.",
    "Diagnoses: lumbar radiculopathy, piriformis syndrome (possible), insomnia.",
])
def test_rule_out_suspected_possible_are_uncertain(extractor, summary):
    """Family: POSSIBLE_EXISTENCE ('r/o', 'rule out', 'suspected', 'possible', 'questionable', 'probable',
    'cannot be excluded'): the condition is listed, uncertain, not negated."""
    got = diagnoses(extractor, summary)
    assert got["G57.00"] == (False, True)
    assert got["M54.16"] == (False, False)


@pytest.mark.parametrize("summary", [
    "Diagnoses include insomnia. If she develops gastritis, the naproxen will be stopped.",
    "Diagnoses include insomnia. Should gastritis occur, omeprazole would be added.",
    "Diagnoses include insomnia. Omeprazole is given to prevent gastritis.",
    "Diagnoses include insomnia. She is at risk of gastritis from the naproxen.",
])
def test_a_hypothetical_condition_is_not_listed(extractor, summary):
    """Family: HYPOTHETICAL ('if she develops', 'should ... occur', 'to prevent', 'risk of'): a what-if is
    not the worker's condition, negated or not, so it is left out."""
    got = diagnoses(extractor, summary)
    assert not any(code.startswith("K29") for code in got)
    assert got["G47.00"] == (False, False)


@pytest.mark.parametrize("summary", [
    "Her mother has fibromyalgia; her own diagnoses include insomnia.",
    "There is a family history of fibromyalgia. Diagnoses include insomnia.",
    "Her sister's fibromyalgia was discussed. The diagnosis is insomnia.",
    "Her father carries a diagnosis of fibromyalgia, and she has insomnia, diagnosed in 2012.",
    "Family history is notable for a sister with fibromyalgia. Her diagnoses include insomnia.",
    "Diagnoses include insomnia. She has an aunt with fibromyalgia and a brother with asthma.",
])
def test_a_relatives_condition_is_never_the_workers(extractor, summary):
    """Family: FAMILY ('mother has', 'family history of', "sister's"): the graph must not give the worker
    a relative's disease, so it is not listed at all (neither asserted nor negated)."""
    got = diagnoses(extractor, summary)
    assert "M79.7" not in got
    assert got["G47.00"] == (False, False)


@pytest.mark.parametrize("summary", [
    "Her husband drove her to 12 sessions of physical therapy.",
    "Her husband had to take her to 12 sessions of physical therapy.",
    "His wife reports he had physical therapy in 2016.",
    "Her daughter says she underwent physical therapy last year.",
    "His wife had hip surgery; he had physical therapy in 2016.",
    "Her husband, who drove her to 12 sessions of physical therapy, has been supportive.",
    "His wife, who takes him to physical therapy twice a week, says it has helped.",
])
def test_a_relative_named_beside_the_workers_care_keeps_it(extractor, summary):
    """A relative who helps (takes the worker to care, in a relative clause too), tells of the worker's care or
    has care of their own in another clause does not take the worker's therapy away."""
    assert prior(extractor, summary) == {"physical-therapy"}


@pytest.mark.parametrize("summary", [
    "Her husband, who has a history of lumbar stenosis, recently had a laminectomy.",
    "Her co-worker, who was hurt when the pallet shifted, later underwent rotator cuff repair.",
    "A coworker later underwent knee surgery after the same fall.",
    "His brother had an ACL reconstruction, which is why he is nervous about surgery.",
    "His wife, his caregiver, had hip surgery in May and cannot help him bathe.",
    "Her husband recently underwent knee replacement surgery.",
    "Her sister, a nurse, had physical therapy after a fall of her own.",
    "Her son received acupuncture for his own back.",
    "His wife uses a CPAP machine for her own sleep apnea.",
    "Her husband receives massage every week for a shoulder of his own.",
    "His daughter is being treated with physical therapy for a soccer injury.",
])
def test_care_a_relative_had_is_not_the_workers(extractor, summary):
    """Family: a relative or another person (a co-worker), with an apposition or a relative clause between,
    who had, underwent, received or needs care: the care is theirs, as is what their relative clause tells;
    care the worker fears ('nervous about surgery') is not had."""
    assert prior(extractor, summary) == set()
    assert diagnoses(extractor, summary) == {}


# ---- diagnoses: what the letter states --------------------------------------------------------------


@pytest.mark.parametrize("summary", [
    "Diagnoses include lumbar radiculopathy, chronic pain syndrome and insomnia.",
    "The diagnoses are lumbar radiculopathy,\nchronic pain syndrome, and insomnia.",
    "She has been diagnosed with lumbar radiculopathy, chronic pain syndrome and insomnia.",
    "Impression: lumbar radiculopathy; chronic pain syndrome; insomnia.",
    "Assessment: 1. Lumbar radiculopathy. 2. Chronic pain syndrome. 3. Insomnia.",
    "The treating physician lists lumbar radiculopathy, chronic pain syndrome, and insomnia.",
    "Lumbar radiculopathy, chronic pain syndrome and insomnia were diagnosed by her physician.",
    "DIAGNOSES: LUMBAR RADICULOPATHY, CHRONIC PAIN SYNDROME, INSOMNIA.",
    "He has lumbar radiculopathy (M54.16), chronic pain syndrome (G89.4) and insomnia (G47.00).",
    "She was found to have lumbar radiculopathy, chronic pain syndrome and insomnia.",
    "He is being treated for lumbar radiculopathy, chronic pain syndrome and insomnia.",
])
def test_diagnosis_statements_in_every_form(extractor, summary):
    """Family: a statement of the worker's conditions: 'Diagnoses include', 'The diagnoses are',
    'diagnosed with', 'Impression:', a numbered 'Assessment:' list, 'lists', a passive 'were diagnosed',
    'found to have', 'treated for', conditions written with their ICD codes; in capitals, across line wraps."""
    assert set(diagnoses(extractor, summary)) == {"M54.16", "G89.4", "G47.00"}


@pytest.mark.parametrize("summary", [
    "Her accepted conditions are lumbar radiculopathy and insomnia, with pain in both legs.",
    "The compensable conditions include lumbar radiculopathy and insomnia.",
    "His accepted body parts and conditions: low back, lumbar radiculopathy, insomnia.",
    "Industrial conditions were lumbar radiculopathy and insomnia.",
    "The IW has lumbar radiculopathy and insomnia.",
    "The individual has lumbar radiculopathy and insomnia after the fall.",
])
def test_conditions_the_claim_covers_or_the_iw_has_are_stated(extractor, summary):
    """Family: the conditions a claim covers ('accepted conditions are', 'compensable conditions include',
    'accepted body parts and conditions:') and a condition 'the IW' or 'the individual' has are stated."""
    assert diagnoses(extractor, summary) == {"M54.16": (False, False), "G47.00": (False, False)}


@pytest.mark.parametrize("summary", [
    "After the fall she developed lumbar radiculopathy and, later, insomnia.",
    "This 41-year-old loader developed lumbar radiculopathy and insomnia after lifting a crate.",
    "S: back pain. O: tender at L5. A:\n1) Lumbar radiculopathy\n2) Insomnia\nP: continue naproxen.",
])
def test_conditions_developed_or_in_a_soap_assessment_are_stated(extractor, summary):
    """Family: a condition the worker developed ('then developed adhesive capsulitis'), and the assessment ('A:')
    of a S/O/A/P note, are stated; a symptom developed ('developed knee pain') stays a complaint."""
    assert diagnoses(extractor, summary) == {"M54.16": (False, False), "G47.00": (False, False)}


def test_a_symptom_developed_is_no_diagnosis(extractor):
    assert diagnoses(extractor, "She developed knee pain and numbness after the fall.") == {}


@pytest.mark.parametrize(("summary", "code"), [
    ("Diagnoses: grade III chondromalacia of the medial femoral condyle, right knee; insomnia.", "M94.261"),
    ("Diagnoses: chondromalacia patella, left knee; insomnia.", "M22.42"),
    ("Diagnoses: chondromalacia of the lateral tibial plateau, left knee; insomnia.", "M94.262"),
    ("Diagnoses:\n1. Z68.41 Body mass index (BMI) 40.0-44.9, adult\n2. G47.00 Insomnia, unspecified", "Z68.41"),
    ("Diagnoses: polycystic ovary syndrome; insomnia.", "E28.2"),
    ("Diagnoses: iron deficiency anemia; insomnia.", "D50.9"),
    ("Diagnoses: mood disorder due to traumatic brain injury; insomnia.", "F06.30"),
    ("Diagnoses: oropharyngeal dysphagia; insomnia.", "R13.12"),
    ("Diagnoses are insomnia and palpitations.", "R00.2"),
    ("Diagnoses: glaucoma; insomnia.", "H40.9"),
    ("Diagnoses: Cushing syndrome; insomnia.", "E24.9"),
    ("Diagnoses: pre-diabetes; insomnia.", "R73.03"),
    ("Diagnoses: hyperthyroidism; insomnia.", "E05.90"),
    ("Diagnoses: Charcot neuroarthropathy of the left foot; insomnia.", "M14.672"),
    ("Diagnoses: Charcot's joint, right shoulder; insomnia.", "M14.611"),
])
def test_code_set_titles_with_bracketed_words_and_common_comorbidities(extractor, summary, code):
    """Family: chondromalacia at the part named with it (the patella's has its own codes); a code set title
    written after its code with its bracketed words in other brackets ('Body mass index (BMI) ...' for '[BMI]');
    comorbidities named in plain words; a title the code set writes with accents ('Charcôt') as letters write it
    ('Charcot'); the foot placed where the code set names the ankle and foot."""
    assert diagnoses(extractor, summary) == {code: (False, False), "G47.00": (False, False)}


@pytest.mark.parametrize("summary", [
    "Past medical history: lumbar radiculopathy, on gabapentin since 03/2016; insomnia.",
    "PMH - lumbar radiculopathy, followed by a spine surgeon since 2015; insomnia.",
    "Her history includes lumbar radiculopathy since her thirties and insomnia until last year.",
    "Medical history: lumbar radiculopathy since age 40, insomnia since January.",
])
def test_since_a_time_goes_on_with_the_statement(extractor, summary):
    """Family: 'since' or 'until' before a date, an age or a time of life is no new clause."""
    assert diagnoses(extractor, summary) == {"M54.16": (False, False), "G47.00": (False, False)}


@pytest.mark.parametrize("summary", [
    "The diagnoses listed on the progress report are M54.16 and G47.00; no narrative is given.",
    "Diagnoses (by code only): M54.16, G47.00.",
    "The treating physician lists the diagnoses as M54.16 and G47.00.",
    "The diagnoses which were given by the treating physician are lumbar radiculopathy and insomnia.",
    "The diagnoses that have been listed by her doctors include lumbar radiculopathy and insomnia.",
])
def test_conditions_given_by_their_codes_alone(extractor, summary):
    """Family: a statement of diagnoses that gives full codes only, in a list (each code is its condition), or
    whose cue a relative clause follows ('The diagnoses which were given by ... are')."""
    assert diagnoses(extractor, summary) == {"M54.16": (False, False), "G47.00": (False, False)}


@pytest.mark.parametrize(("summary", "code"), [
    ("Dx (PTP): L4-5 HNP; insomnia.", "M51.26"),
    ("Diagnoses: HNP at L5-S1; insomnia.", "M51.27"),
    ("Diagnoses include a C5-6 herniated disc and insomnia.", "M50.222"),
    ("Diagnoses: herniated nucleus pulposus, L4-5; insomnia.", "M51.26"),
])
def test_a_herniated_disc_named_by_its_level(extractor, summary, code):
    """Family: 'HNP', 'herniated disc' and 'herniated nucleus pulposus' at a spinal level are the disc
    displacement at that level's region (or the level's own code where the code set has one)."""
    assert diagnoses(extractor, summary) == {code: (False, False), "G47.00": (False, False)}


@pytest.mark.parametrize(("summary", "code"), [
    ("Diagnoses: L5-S1 disc extrusion with right-sided radiculopathy; insomnia.", "M51.17"),
    ("Diagnoses: lumbar disc herniation at L4-5 with left sided radiculopathy; insomnia.", "M51.16"),
    ("Diagnoses: L4-L5 disc bulge with bilateral lower extremity radiculopathy; insomnia.", "M51.16"),
    ("Diagnoses: cervical disc protrusion at C6-7 with left upper limb radiculitis; insomnia.", "M50.123"),
    ("Diagnoses: lumbar disc protrusion at L3-L4 with right lumbar radiculitis; insomnia.", "M51.16"),
    ("Diagnoses: cervical disc disorder at the C5-C6 level with radiculopathy; insomnia.", "M50.122"),
    ("Diagnoses: cervical spondylosis with radiculopathy; insomnia.", "M47.22"),
    ("Diagnoses: lumbar spondylosis with left L5 radiculitis; insomnia.", "M47.26"),
    ("Diagnoses: thoracic spondylosis with myelopathy; insomnia.", "M47.14"),
])
def test_a_spinal_condition_with_its_radiculopathy_is_one_condition(extractor, summary, code):
    """Family: a disc condition or spondylosis 'with' a radiculopathy, whatever stands between (its side, the limb or
    region it reaches, the root, the word 'level'), is the one condition with radiculopathy (a radiculitis is
    coded as one), not two."""
    assert diagnoses(extractor, summary) == {code: (False, False), "G47.00": (False, False)}


@pytest.mark.parametrize(("summary", "expected"), [
    ("The diagnoses are lumbar strain and depression secondary to chronic pain.", {"F32.A": (False, False)}),
    ("Diagnoses: insomnia due to low back pain; hypertension.", {"G47.00": (False, False), "I10": (False, False)}),
    ("Her psychologist diagnosed an adjustment disorder with depressed mood related to her chronic neck pain.",
     {"F43.21": (False, False)}),
    # guards: a condition as the cause, or the complaint named apart
    ("Diagnoses: insomnia secondary to PTSD; chronic pain syndrome.",
     {"G47.00": (False, False), "F43.10": (False, False), "G89.4": (False, False)}),
    ("The diagnoses are chronic pain and depression.", {"G89.29": (False, False), "F32.A": (False, False)}),
])
def test_a_complaint_named_as_the_cause_of_a_condition_is_part_of_its_name(extractor, summary, expected):
    """Family: 'depression secondary to chronic pain', 'insomnia due to low back pain': the complaint after
    'secondary to', 'due to', 'related to', 'caused by' or 'from' names the condition's cause."""
    assert diagnoses(extractor, summary) == expected


def test_a_drug_recommended_and_not_started_is_negated(extractor):
    got = medications(extractor, "A pharmacist friend recommended glucosamine, which she has not yet started. She takes Norco.")
    assert got == {"glucosamine": True, "hydrocodone/acetaminophen": False}


@pytest.mark.parametrize("summary", [
    "She takes Norco. The plan is to taper the Norco and begin gabapentin.",
    "She takes Norco. Plan: start gabapentin 300 mg three times daily.",
    "She takes Norco. The physician would like her to start gabapentin.",
])
def test_a_drug_to_be_started_is_not_taken(extractor, summary):
    assert medications(extractor, summary) == {"hydrocodone/acetaminophen": False}


@pytest.mark.parametrize(("summary", "code"), [
    ("Diagnoses include lumbar radiculopathy and long term (current) use of opiate analgesic.", "Z79.891"),
    ("Diagnoses: lumbar radiculopathy; long-term opioid use.", "Z79.891"),
    ("Diagnoses include lumbar radiculopathy and long-term use of NSAIDs.", "Z79.1"),
    ("Her history includes lumbar radiculopathy and long term use of anticoagulants.", "Z79.01"),
])
def test_long_term_drug_use_stated_as_a_diagnosis(extractor, summary, code):
    """Family: long-term use of a class of drugs, in the code set's words or shorter, is a condition where the
    letter states diagnoses (the code set's Z79 codes)."""
    assert diagnoses(extractor, summary) == {"M54.16": (False, False), code: (False, False)}


def test_long_term_drug_use_outside_a_statement_is_no_diagnosis(extractor):
    assert diagnoses(extractor, "Diagnoses include lumbar radiculopathy. The guidelines discourage long-term "
                                "use of opioids.") == {"M54.16": (False, False)}


@pytest.mark.parametrize("summary", [
    "She fell on her right knee while carrying a box and has knee pain with kneeling.",
    "An MRI of the lumbar spine showed a disc protrusion at L4-5 with foraminal narrowing.",
    "Examination revealed tenderness over the lateral epicondyle and a positive Tinel sign.",
    "Electrodiagnostic studies were consistent with a mild median neuropathy at the wrist.",
    "She reports radiating pain into the left leg and numbness of the foot.",
])
def test_no_diagnosis_from_a_mechanism_a_finding_or_a_complaint(extractor, summary):
    """Family: an injury's mechanism, an exam or imaging finding, a study's reading and a complaint are not
    stated diagnoses."""
    assert history(extractor, summary)["diagnoses"] == []


@pytest.mark.parametrize("summary", [
    "Diagnoses: 1. Insomnia. 2. Status post right carpal tunnel release.",
    "Diagnoses include insomnia, status post left de Quervain's release.",
    "Diagnoses include insomnia and status post trigger finger release.",
    "Her diagnoses include insomnia; she had a carpal tunnel injection in 2015.",
])
def test_a_condition_named_in_a_procedure_is_not_a_diagnosis(extractor, summary):
    """Family: a procedure named after the condition it treats ('carpal tunnel release', "de Quervain's
    release", 'trigger finger release', 'carpal tunnel injection') states the procedure, not a condition."""
    assert set(diagnoses(extractor, summary)) == {"G47.00"}


def test_a_condition_before_its_procedure_is_still_stated(extractor):
    got = diagnoses(extractor, "Diagnoses include bilateral carpal tunnel syndrome, status post right carpal "
                               "tunnel release.")
    assert set(got) == {"G56.03"}


@pytest.mark.parametrize(("summary", "code"), [
    ("Diagnoses include CRPS type II.", "G56.40"),
    ("Diagnoses include RSD of the left lower extremity.", "G90.522"),
    ("Diagnoses include post-fusion syndrome.", "M96.1"),
    ("Diagnoses include lumbar facet arthropathy.", "M47.816"),
    ("Diagnoses include lumbar discogenic pain.", "M51.360"),
    ("Diagnoses include constipation secondary to opioids.", "K59.03"),
    ("Diagnoses include MDD, recurrent, moderate.", "F33.1"),
])
def test_workers_comp_wording_of_conditions(extractor, summary, code):
    """Family: our table's workers'-comp wording (CRPS types and limbs, post-fusion syndrome, facet arthropathy
    by region, discogenic pain, opioid-induced constipation, abbreviated depression grades)."""
    assert code in diagnoses(extractor, summary)


@pytest.mark.parametrize(("summary", "code"), [
    ("Diagnoses include right shoulder impingement syndrome.", "M75.41"),
    ("Diagnoses include impingement syndrome of the left shoulder.", "M75.42"),
    ("The diagnosis is lateral epicondylitis of the left elbow.", "M77.12"),
    ("The diagnosis is right lateral epicondylitis.", "M77.11"),
    ("The diagnosis is lateral epicondylitis.", "M77.10"),
    ("She was diagnosed with bilateral carpal tunnel syndrome.", "G56.03"),
    ("She was diagnosed with carpal tunnel syndrome, right worse than left.", "G56.03"),
    ("She was diagnosed with carpal tunnel syndrome on the right.", "G56.01"),
    ("Diagnoses include lumbar disc protrusion at L5-S1.", "M51.27"),
    ("Diagnoses include an L4-5 disc herniation.", "M51.26"),
    ("Diagnoses include rheumatoid arthritis and gastrointestinal bleeding.", "K92.2"),
    ("Diagnoses include rheumatoid arthritis and gastrointestinal bleeding.", "M06.9"),
    ("Her other diagnoses are type 2 diabetes mellitus without complications.", "E11.9"),
])
def test_codes_take_the_written_side_and_the_code_sets_wording(extractor, summary, code):
    """Family: the side where written (before, after, 'of the left', 'on the right', 'right worse than
    left'), the spinal level where written, and conditions in the code set's own titles and inclusion
    terms ('hemorrhage' read as 'bleeding')."""
    assert code in diagnoses(extractor, summary)


@pytest.mark.parametrize(("summary", "code"), [
    ("Diagnoses include left L5 radiculopathy.", "M54.16"),
    ("Diagnoses include right C6 radiculopathy.", "M54.12"),
    ("Diagnoses include an S1 radiculopathy on the left.", "M54.17"),
    ("Diagnoses include radiculopathy at T10.", "M54.14"),
    ("Diagnoses include spondylolisthesis at L4-5.", "M43.16"),
    ("Diagnoses include cervical disc degeneration at C5-6.", "M50.322"),
    ("Diagnoses include cervical disc degeneration, C6-C7.", "M50.323"),
    ("Diagnoses include a C4-5 disc herniation.", "M50.221"),
    ("Diagnoses include cervical disc degeneration.", "M50.30"),
    ("Diagnoses include pseudarthrosis at L5-S1.", "M96.0"),
    ("Diagnoses include failed back surgery syndrome at L4-5.", "M96.1"),
])
def test_a_spinal_level_or_root_picks_the_region_and_the_levels_leaf(extractor, summary, code):
    """Family: a nerve root or a level before, inside or after a spinal condition says its region ('L5
    radiculopathy' is lumbar, 'S1' lumbosacral); where the code set has a code for the level itself
    (cervical discs), that leaf; else the region's (lumbar discs have no level codes)."""
    assert code in diagnoses(extractor, summary)


@pytest.mark.parametrize("summary", [
    "Diagnoses include lumbar degenerative disc disease and insomnia.",
    "Diagnoses include lumbar disc degeneration at L4-5 and insomnia.",
    "Dx: L5-S1 DDD; insomnia.",
])
def test_lumbar_disc_degeneration_without_its_pain_named_is_listed_without_a_code(extractor, summary):
    """The code set's lumbar disc degeneration codes name the pain (none, discogenic, in the leg): a wording that
    says none of it is listed with no code, as an injury whose encounter is not stated is."""
    found = history(extractor, summary)["diagnoses"]
    assert [d["icd10cm"] for d in found] == [None, "G47.00"]
    assert "disc" in found[0]["text"].lower() or "ddd" in found[0]["text"].lower()


@pytest.mark.parametrize(("summary", "code"), [
    ("Diagnoses include bursitis of the right hip.", "M70.61"),
    ("Diagnoses include bursitis, left shoulder.", "M75.52"),
    ("Diagnoses include complex regional pain syndrome, left lower extremity.", "G90.522"),
    ("Diagnoses include CRPS of the right upper extremity.", "G90.511"),
    ("Diagnoses include complex regional pain syndrome of the left leg.", "G90.522"),
    ("Diagnoses include reflex sympathetic dystrophy, right arm.", "G90.511"),
    ("Diagnoses include bilateral primary osteoarthritis of the knees.", "M17.0"),
    ("Diagnoses include osteoarthritis of both hips.", "M16.0"),
    ("Diagnoses include bursitis.", "M71.9"),
])
def test_a_condition_named_with_its_part_is_coded_at_the_part(extractor, summary, code):
    """Family: a condition whose code set entry is general ('bursitis') written with a part after it ('of the
    right hip', ', left shoulder'): the part's code, on its side; without a part, the general code. A limb is
    named as letters name it ('leg', 'arm'), and a wording the code set does not place ('reflex sympathetic
    dystrophy') is placed as another wording of its code."""
    assert code in diagnoses(extractor, summary)


@pytest.mark.parametrize(("summary", "code"), [
    ("Her other diagnoses include T2DM.", "E11.9"),
    ("Her other diagnoses include t2dm.", "E11.9"),
    ("Her other diagnoses include DM2 and HTN.", "I10"),
])
def test_abbreviations_match_in_capitals_and_in_lower_case(extractor, summary, code):
    """Family: abbreviations that the tokenizer cuts differently by case ('t2dm' reads as a number and a unit,
    'T2DM' as one word)."""
    assert code in diagnoses(extractor, summary)


@pytest.mark.parametrize("summary", [
    "Diagnoses include cervical strain.",
    "Diagnoses include a lumbar sprain/strain.",
    "The diagnosis is a medial meniscus tear of the right knee.",
    "The diagnosis is a full-thickness rotator cuff tear.",
])
def test_no_code_where_the_code_is_not_unambiguous(extractor, summary):
    """Family: injuries whose codes need an encounter 7th character, and tears that may or may not be
    traumatic, are listed with no code."""
    found = history(extractor, summary)["diagnoses"]
    assert len(found) == 1 and found[0]["icd10cm"] is None


@pytest.mark.parametrize("summary", [
    "There is no evidence of gastrointestinal bleeding.",
    "Stool testing was negative for gastrointestinal bleeding.",
    "She denies gastrointestinal bleeding or reflux.",
    "Gastrointestinal bleeding was ruled out by endoscopy.",
])
def test_a_condition_in_the_code_sets_wording_stated_absent(extractor, summary):
    """Family: a condition our table lacks but the code set names, said to be absent outside any statement
    of diagnoses."""
    assert diagnoses(extractor, summary)["K92.2"] == (True, False)


@pytest.mark.parametrize(("summary", "code"), [
    ("She denies thyroid disease.", "E07.9"),
    ("Kidney disease was ruled out.", "N28.9"),
    ("He denies stomach ulcers.", "K25.9"),
    ("There is no history of kidney stones.", "N20.0"),
    ("He denies alcohol abuse.", "F10.10"),
])
def test_comorbidities_in_plain_words_stated_absent(extractor, summary, code):
    """Family: the plain words for common comorbidities a summary rules out before an anti-inflammatory or an
    opioid (thyroid, kidney, ulcers, stones, substance abuse)."""
    assert diagnoses(extractor, summary)[code] == (True, False)


@pytest.mark.parametrize(("summary", "expected"), [
    ("The otolaryngologist diagnosed bilateral sensorineural hearing loss and bilateral tinnitus.",
     {"H90.3": (False, False), "H93.13": (False, False)}),
    ("Diagnoses include hearing loss of the left ear. Meniere's disease was considered because of one episode of "
     "vertigo, but it was not confirmed.", {"H91.92": (False, False), "H81.09": (True, False)}),
    ("She was diagnosed with generalized anxiety disorder, and has insomnia.",
     {"F41.1": (False, False), "G47.00": (False, False)}),
    ("She tried oral NSAIDs and had gastritis.", {"K29.70": (False, False)}),
    ("53 y/o F w/ h/o DM2 and HTN. Dx: b/l CTS; L4-5 DDD; C-spine DDD.",
     {"E11.9": (False, False), "I10": (False, False), "G56.03": (False, False), "M50.30": (False, False)}),
    ("Her past history includes a neurogenic bladder and hypertension.", {"N31.9": (False, False), "I10": (False, False)}),
    ("His medical history also included BPH. Surgical history includes a hernia repair.", {"N40.0": (False, False)}),
    ("Prior history including a UTI in 2016 and neurogenic bowel.", {"N39.0": (False, False), "K59.2": (False, False)}),
    ("A urinary tract infection was suspected last spring, but the culture came back negative.", {"N39.0": (True, False)}),
    ("Her family history includes hypertension; her own history includes a neurogenic bladder.",
     {"N31.9": (False, False)}),
    ("Diagnoses include insomnia; history of myocardial infarction.", {"G47.00": (False, False), "I25.2": (False, False)}),
    ("His past history includes a prior MI and hypertension.", {"I25.2": (False, False), "I10": (False, False)}),
])
def test_a_history_that_includes_conditions_states_them(extractor, summary, expected):
    """Family: 'history includes', 'included', 'including', 'h/o' state the worker's conditions as 'history of' does
    (a relative's history excepted); ear, urinary and heart conditions by their plain names, on their side
    ('Tinnitus, bilateral' drops the 'ear' of 'Tinnitus, unspecified ear'), a past heart attack as the old one
    it is (I25.2; I21 is for its first four weeks); a symptom named as the reason a condition was weighed takes
    no pronoun after it."""
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize("summary", [
    "Diagnoses: insomnia. A lumbar MRI showed a 3 mm protrusion at L5-S1 and no canal or foraminal stenosis.",
    "Diagnoses: insomnia. The cervical MRI revealed a disc bulge at C6-7 without foraminal stenosis.",
    # its reading after a dash
    "Diagnoses: insomnia. Lumbar MRI 4/2017 - small L4-5 bulge, no canal or foraminal stenosis.",
    "Diagnoses: insomnia. Thoracic MRI 11/2018 - a T7-8 bulge and no cord or foraminal stenosis.",
])
def test_what_an_image_does_not_show_is_no_condition_denied(extractor, summary):
    """An image's reading of what it does not show is a finding (like what it shows), not a condition denied;
    'no evidence of' a condition, or one weighed and answered by the image, is denied."""
    assert diagnoses(extractor, summary) == {"G47.00": (False, False)}


@pytest.mark.parametrize("summary", [
    "Diagnoses: insomnia. Lumbar stenosis was suspected, but the MRI showed no stenosis.",
    "Diagnoses: insomnia. Lumbar stenosis was considered early on, but the MRI found no evidence of it.",
])
def test_a_condition_weighed_and_answered_by_an_image_is_denied(extractor, summary):
    """A test said to show none of the weighed condition ('showed no stenosis'), or no evidence of it, denies it;
    one that shows none of something else ('no cord signal change' for a possible myelopathy) does not."""
    assert diagnoses(extractor, summary) == {"G47.00": (False, False), "M48.061": (True, False)}


@pytest.mark.parametrize(("summary", "code"), [
    ("Diagnoses: insomnia. A deep vein thrombosis of the left leg was suspected, but a duplex ultrasound showed no "
     "thrombus.", "I82.402"),
    ("Diagnoses: insomnia. Charcot neuroarthropathy of the right foot was considered, but the MRI showed no "
     "neuropathic changes.", "M14.671"),
])
def test_a_test_showing_none_of_the_conditions_kin_denies_it(extractor, summary, code):
    """Family: the word the test shows none of shares its stem with the condition's head word."""
    assert diagnoses(extractor, summary) == {"G47.00": (False, False), code: (True, False)}


def test_a_condition_raised_is_answered_by_a_test_that_showed_no_finding_of_it(extractor):
    """A condition weighed by a verb after it and then a test that showed no finding answers the question, whatever
    the finding's word ('cord signal change' for myelopathy)."""
    summary = ("Diagnoses: insomnia. Possible cervical spondylotic myelopathy was raised by the neurosurgeon, but the MRI "
               "showed no cord signal change.")
    assert diagnoses(extractor, summary) == {"G47.00": (False, False), "M47.12": (True, False)}


def test_a_test_showing_none_after_a_condition_not_weighed_denies_nothing(extractor):
    summary = "Diagnoses: insomnia. He has cervical spondylotic myelopathy, and the MRI showed no cord compression."
    assert diagnoses(extractor, summary) == {"G47.00": (False, False), "M47.12": (False, False)}


def test_a_joint_condition_without_a_site_takes_the_letters_one_joint(extractor):
    """Family: osteoarthritis / DJD written without a site in a letter about one joint."""
    summary = ("He twisted his left knee at work and has knee pain on stairs. Radiographs showed no evidence "
               "of degenerative joint disease. The diagnosis is a left knee sprain.")
    assert diagnoses(extractor, summary)["M17.12"] == (True, False)


def test_one_code_per_condition_and_a_positive_statement_wins(extractor):
    """Family: a condition named twice (with and without its side; once negated, once stated)."""
    summary = ("Diagnoses include lateral epicondylitis. The impression in May was right lateral epicondylitis. "
               "An earlier note said there was no insomnia, but insomnia is now among her diagnoses.")
    got = diagnoses(extractor, summary)
    assert got == {"M77.11": (False, False), "G47.00": (False, False)}


def test_a_qualifier_in_a_conditions_name_negates_nothing(extractor):
    """Family: ICD-style qualifiers ('without myelopathy') are part of the condition, not a negation of the
    list after it."""
    got = diagnoses(extractor, "Diagnoses include lumbar disc displacement without myelopathy, right shoulder "
                               "impingement, and chronic pain syndrome.")
    assert got == {"M51.26": (False, False), "M75.41": (False, False), "G89.4": (False, False)}


# ---- medications -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("summary", "generic"), [
    ("He stopped taking Lyrica because of dizziness.", "pregabalin"),
    ("Norco was discontinued in 2013.", "hydrocodone/acetaminophen"),
    ("She failed gabapentin.", "gabapentin"),
    ("She did not tolerate Cymbalta.", "duloxetine"),
    ("He is no longer taking Soma.", "carisoprodol"),
    ("She was weaned off Percocet last year.", "oxycodone/acetaminophen"),
    ("He denies side effects from Norco.", "hydrocodone/acetaminophen"),
    ("Neurontin did not help her pain.", "gabapentin"),
    ("Norco is not providing adequate relief.", "hydrocodone/acetaminophen"),
    ("He was not able to tolerate gabapentin due to sedation.", "gabapentin"),
    # a drug after one tried 'without clear benefit' is not reached by the 'without'
    ("Capsaicin cream was used without clear benefit, and tramadol was stopped in 2019.", "tramadol"),
    # not gone back to, not resumed: taken before
    ("He has not gone back to meloxicam, which he took until the surgery.", "meloxicam"),
    ("She did not restart Lyrica after the rash cleared.", "pregabalin"),
])
def test_a_drug_tried_and_stopped_is_past_use_not_negated(extractor, summary, generic):
    """Family: stopped, discontinued, failed, not tolerated, no longer taking, weaned off, did not help, and
    'denies side effects from' a drug: all say the drug was taken."""
    assert medications(extractor, summary)[generic] is False


@pytest.mark.parametrize(("summary", "generic"), [
    ("She denies use of Vicodin.", "hydrocodone/acetaminophen"),
    ("He has never taken Lyrica.", "pregabalin"),
    ("She has never been prescribed Klonopin.", "clonazepam"),
    ("He does not take Soma.", "carisoprodol"),
    ("She denies ever taking duloxetine or any other antidepressant.", "duloxetine"),
    ("There is no record that he was ever prescribed Klonopin.", "clonazepam"),
    ("There is no evidence that the patient has been taking Soma.", "carisoprodol"),
    ("He denies that he has used Vicodin.", "hydrocodone/acetaminophen"),
    # the drug after 'the' (not a person taking the worker somewhere)
    ("She takes naproxen. She denies taking the Ultracet her first doctor wrote for.", "tramadol/acetaminophen"),
    ("He denies ever using the Soma that was prescribed in 2019.", "carisoprodol"),
])
def test_a_drug_never_taken_is_negated(extractor, summary, generic):
    """Family: 'denies use of', 'has never taken', 'never been prescribed', 'does not take', 'denies ever
    taking', and a negated 'that' clause ('no record that he was ever prescribed', 'denies that he has
    used')."""
    assert medications(extractor, summary)[generic] is True


@pytest.mark.parametrize("summary", [
    "Lyrica was never tried.",
    "Lyrica has not been tried.",
    "He has not tried Lyrica.",
    "She was not prescribed Lyrica.",
    "Lyrica was never prescribed for her.",
])
def test_a_drug_never_tried_written_either_side_is_negated(extractor, summary):
    """Family: a drug never tried or prescribed, with the negation after the drug or before it."""
    assert medications(extractor, summary)["pregabalin"] is True


@pytest.mark.parametrize(("summary", "expected"), [
    ("She is allergic to codeine.", {"codeine": True}),
    ("Allergies: codeine and Keflex.", {"codeine": True, "cephalexin": True}),
    ("He has an intolerance to Lyrica.", {"pregabalin": True}),
    ("She avoids ibuprofen because of gastritis.", {"ibuprofen": True}),
    ("Ibuprofen is contraindicated given her kidney disease.", {"ibuprofen": True}),
    ("He is allergic to codeine but takes Norco.", {"codeine": True, "hydrocodone/acetaminophen": False}),
    ("He denies drug allergies and takes Norco.", {"hydrocodone/acetaminophen": False}),
    # an allergy list named with its verb, not its colon, or a drug joined to one named as an allergy
    ("Her allergy list includes penicillin and naproxen. She takes Norco.",
     {"penicillin": True, "naproxen": True, "hydrocodone/acetaminophen": False}),
    ("His allergy profile shows sulfamethoxazole. He takes Norco.",
     {"sulfamethoxazole": True, "hydrocodone/acetaminophen": False}),
    ("Codeine made her itch and is charted among her allergies along with Keflex.", {"codeine": True, "cephalexin": True}),
    ("He takes Norco. His chart records one true allergy, to penicillin.",
     {"hydrocodone/acetaminophen": False, "penicillin": True}),
    # a labelled allergy history with an aside, its items each with a colon of their own
    ("She takes Norco. Her allergy history, per the intake form:\n- Lyrica: swelling of the feet\n- Keflex: hives\n"
     "She walks daily.", {"hydrocodone/acetaminophen": False, "pregabalin": True, "cephalexin": True}),
])
def test_a_drug_the_worker_is_allergic_to_or_avoids_is_not_taken(extractor, summary, expected):
    """Family: allergies and intolerances ('allergic to', 'Allergies:'), avoidance and contraindication say
    the worker does not take a drug; 'but' ends the list, and a drug taken beside them stays taken."""
    assert medications(extractor, summary) == expected


@pytest.mark.parametrize("summary", [
    "She takes ibuprofen as needed and has not tried Lyrica.",
    "She takes ibuprofen and was never prescribed Lyrica.",
    "She takes ibuprofen daily and has never been given Lyrica.",
])
def test_a_drug_never_tried_does_not_negate_the_one_taken_before_it(extractor, summary):
    """Near miss: 'and has not tried X' negates X, not the drug of the clause before 'and'."""
    assert medications(extractor, summary) == {"ibuprofen": False, "pregabalin": True}


@pytest.mark.parametrize("summary", [
    "She takes ibuprofen. Lyrica was suggested by her internist but was never started.",
    "She takes ibuprofen. Lyrica was requested last year, but it was not authorized.",
    "She takes ibuprofen. Lyrica was prescribed in March, but she never filled it.",
    "She takes ibuprofen. Lyrica was offered, but the patient declined.",
    "She takes ibuprofen. Lyrica was recommended in 2020 yet she refused to take it.",
    "She takes ibuprofen. She became dizzy on Lyrica and is now recorded as intolerant to it.",
    "She takes ibuprofen. Lyrica came up at the last visit; she declined it.",
    "She takes ibuprofen. Lyrica denied by the carrier, never started.",
    "She takes ibuprofen. Lyrica: prescribed in 2019, not filled; ibuprofen continues.",
    # unwilling to try it, never put one on, its prescription gone unfilled
    "She takes ibuprofen. She has been unwilling to try Lyrica.",
    "She takes ibuprofen. Her doctor wrote a Lyrica prescription in May; it went unfilled.",
    # its prescription as the subject, before or after the drug's clause; obtained as filled
    "She takes ibuprofen. Lyrica was written for her in 2022, but the script has never been filled.",
    "She takes ibuprofen. A Lyrica prescription issued by the neurologist last fall was never filled.",
    "She takes ibuprofen. Lyrica was ordered, but the pharmacy wanted prior approval and she never obtained it.",
    # samples never opened
    "She takes ibuprofen. She was handed Lyrica samples in May and has never opened them.",
    "She takes ibuprofen. She got Lyrica samples in May, which she has not opened.",
    "She takes ibuprofen. Lyrica was written in June, but she never filled that prescription.",
    "She takes ibuprofen. She asked her surgeon for Lyrica, and he would not prescribe it.",
    # asked for by the worker, and not given
    "She takes ibuprofen. She keeps asking for Lyrica, which her treating physician has declined to prescribe.",
    # refused in the worker's own clause, by a word for a drug of its kind
    "She takes ibuprofen. Her internist suggested Lyrica instead, but she refused to try another nerve medicine.",
    "She takes ibuprofen. Lyrica was offered in its place, and she declined any new pills.",
])
def test_a_drug_offered_and_not_had_is_negated(extractor, summary):
    """Family: a drug weighed, offered or prescribed and then not had, told past a 'but'/'yet' that stops
    a trigger's reach ('but was never started', 'but she never filled it', 'but the patient declined'), by
    a pronoun that stands for it ('intolerant to it', 'declined it') or by a terse clause of its own
    ('denied by the carrier, never started'); the drug taken before it stays taken."""
    assert medications(extractor, summary) == {"ibuprofen": False, "pregabalin": True}


def test_a_patch_never_put_on_is_not_taken(extractor):
    assert medications(extractor, "She takes ibuprofen. Lidoderm patches were dispensed in 2019; she says she never put "
                                  "one on.") == {"ibuprofen": False, "lidocaine": True}


def test_a_refusal_by_a_word_for_a_kind_of_drug_denies_only_one_offered(extractor):
    """Near miss: 'declined another antidepressant' after a drug stopped, not offered, leaves that drug taken."""
    assert medications(extractor, "Cymbalta was stopped for nausea, and she declined another antidepressant.") == {
        "duloxetine": False}


@pytest.mark.parametrize("summary", [
    "She takes naproxen. Tramadol was stopped in 2021. She was offered a lumbar epidural injection and declined it.",
    "Gabapentin was discontinued last year; a course of acupuncture was offered, but he refused it.",
])
def test_a_pronoun_after_the_next_treatment_stands_for_that_treatment(extractor, summary):
    """Near miss: 'declined it' after a treatment offered denies the treatment, not the drug stopped before it."""
    assert not any(medications(extractor, summary).values())


@pytest.mark.parametrize(("summary", "expected"), [
    ("She takes naproxen. The physician requested a ketoprofen/lidocaine cream and acupuncture.", {"naproxen": False}),
    ("She takes naproxen. Lyrica was recommended, but she declined it.", {"naproxen": False, "pregabalin": True}),
    ("She takes naproxen. The request is for Lyrica. She has taken Lyrica since 2019.",
     {"naproxen": False, "pregabalin": False}),
    ("She takes oxycodone, which she plans to stop, and acetaminophen.", {"oxycodone": False, "acetaminophen": False}),
    ("She takes naproxen. She was given Flexeril at urgent care but did not fill the prescription.",
     {"naproxen": False, "cyclobenzaprine": True}),
    # a drug a request replaces is one the worker took
    ("The pain physician asked for Lyrica 75 mg twice daily in place of the generic gabapentin he has used since "
     "2019.", {"gabapentin": False}),
    ("Dr. Ames requested Celebrex instead of her ibuprofen.", {"ibuprofen": False}),
    ("A request was made to switch from tramadol to tapentadol.", {"tramadol": False}),
    # asked to change one drug for another and to add a third
    ("She takes Ultram. The physician asked to change her to tramadol ER and to add a compounded flurbiprofen cream.",
     {"tramadol": False}),
    # named as what this review decides
    ("She takes naproxen. UR denied both; the Lyrica and the Zanaflex are the subject of this review.",
     {"naproxen": False}),
    ("She takes naproxen. The Lidoderm patches are now at issue.", {"naproxen": False}),
    ("She takes naproxen. Her physician proposes to add a Butrans patch.", {"naproxen": False}),
])
def test_a_drug_named_only_as_asked_for_is_not_the_workers(extractor, summary, expected):
    """Family: a drug the summary names only in what is asked for belongs to the request; one asked for and
    refused is negated, one also said to be taken is taken; 'plans to stop' asks for nothing."""
    assert medications(extractor, summary) == expected


def test_a_terse_denial_after_a_drug_does_not_reach_the_drug_before_it(extractor):
    """Near miss: ', never started X' names its own drug after it; the drug before it was taken."""
    assert medications(extractor, "She takes ibuprofen, never started Lyrica.") == {"ibuprofen": False,
                                                                                    "pregabalin": True}


@pytest.mark.parametrize(("summary", "expected"), [
    ("He takes Percocet, about 90 morphine milligram equivalents a day.", {"oxycodone/acetaminophen": False}),
    ("He takes Percocet; his morphine equivalent dose is 90 mg.", {"oxycodone/acetaminophen": False}),
    ("His diabetes is treated with insulin. He injects insulin glargine at night.", {"insulin glargine": False}),
    ("He takes hydrocodone-\nacetaminophen and ibuprofen.", {"hydrocodone/acetaminophen": False, "ibuprofen": False}),
    ("He takes ibuprofen and Oxycodone-\nAPAP.", {"oxycodone/acetaminophen": False, "ibuprofen": False}),
    ("She takes naproxen and calcium with vitamin D.", {"naproxen": False, "calcium/vitamin d": False}),
    ("She takes oxycodone/APAP 5/325 twice a day; the oxycodone gives little relief.",
     {"oxycodone/acetaminophen": False}),
    ("He uses Tylenol and Norco for breakthrough pain.", {"acetaminophen": False, "hydrocodone/acetaminophen": False}),
    ("He takes Endocet and oxycodone at night.", {"oxycodone/acetaminophen": False, "oxycodone": False}),
    ("She takes Percocet and OxyContin.", {"oxycodone/acetaminophen": False, "oxycodone": False}),
    # a brand of its own is its own drug, whatever the ingredient named bare after it
    ("A Butrans patch was started in 2019. Zubsolv was offered as well; he refused it. The denial said that "
     "buprenorphine is meant for addiction.", {"buprenorphine": False, "buprenorphine/naloxone": True}),
])
def test_drug_names_as_a_dose_measure_by_a_broader_name_and_across_a_line_hyphen(extractor, summary, expected):
    """Families: a drug's name in a dose measure ('morphine milligram equivalents') is no drug taken; a
    bare name beside one that says which ('insulin', 'insulin glargine'; 'the oxycodone' beside oxycodone/APAP, its
    first ingredient, but not Tylenol beside Norco) is one drug; a combination
    hyphenated at a line's end is one combination."""
    assert medications(extractor, summary) == expected


def test_an_ingredient_of_a_compound_asked_for_is_still_negated_on_its_own(extractor):
    """A compound asked for ('flurbiprofen/lidocaine cream') is not each of its ingredients asked for: the
    summary's 'has never used Lidoderm' negates lidocaine."""
    got = medications(extractor, "She takes ibuprofen. She has never used Lidoderm patches.",
                      "Compound cream: Flurbiprofen 20%/Lidocaine 5% 120gm")
    assert got["lidocaine"] is True


@pytest.mark.parametrize(("summary", "generic"), [
    ("She has never taken Lyrica.", "pregabalin"),
    ("Meds: Voltaren gel prn.  Celebrex 200 mg - proposed 11/2023;  not started.  NKDA.", "celecoxib"),
    ("Medication  Start  Stop  Comment\nNaproxen 500 mg  2019  --  current\nLyrica 75 mg  --  --  requested 04/2016; "
     "not yet started", "pregabalin"),
    ("He takes ibuprofen. He turned down Norco at the first visit.", "hydrocodone/acetaminophen"),
])
def test_a_drug_asked_for_that_the_summary_says_was_never_taken_is_negated(extractor, summary, generic):
    """Family: the drug a request asks for, which the summary says was never taken, declined or not yet started
    ('proposed; not started', a table's 'requested 04/2016; not yet started'), is negated; the request's own mention
    neither negates it nor makes it taken."""
    heading = {"pregabalin": "Lyrica 75mg #60", "celecoxib": "Celebrex 200mg #30",
               "hydrocodone/acetaminophen": "Norco 10/325mg #90"}[generic]
    assert medications(extractor, summary, heading)[generic] is True


@pytest.mark.parametrize(("summary", "heading", "generic", "negated"), [
    ("The file holds no documentation that Lyrica was ever prescribed to her.", "Lyrica 75mg #60", "pregabalin", False),
    ("There is no mention in the chart of Ambien being used before.", "Ambien 10mg #30", "zolpidem", False),
    # a drug not asked for, the same words deny
    ("The file holds no documentation that Lyrica was ever prescribed to her.", "Physical therapy x 6", "pregabalin", True),
])
def test_the_records_silence_does_not_deny_a_drug_asked_for(extractor, summary, heading, generic, negated):
    """Family: the records' silence on a drug ('no documentation that ... was ever prescribed', 'no mention ... of')
    leaves the drug a request asks for as it is; a drug not asked for it denies."""
    assert medications(extractor, summary, heading)[generic] is negated


@pytest.mark.parametrize("summary", [
    "Medication  Start  Stop  Comment\nGabapentin 300 mg  03/2015  06/2015  dizziness, d/c'd\nSertraline 50 mg  07/2015  --",
    "Medication   Start/Stop   Comment\nGabapentin 300 mg   03/2015-06/2015   dizziness, d/c'd",
    "Meds: gabapentin 300 mg tid.  Tramadol - offered 2015;  declined.",
])
def test_a_tables_start_column_and_a_sentence_after_a_drug_say_nothing_of_it(extractor, summary):
    """Family: a drug table's 'Start' column heading asks for no drug ('start gabapentin' does), and prose with two
    spaces after its full stops is no table row: the next sentence's status ('declined') is not the drug's."""
    assert medications(extractor, summary)["gabapentin"] is False


@pytest.mark.parametrize(("summary", "expected"), [
    ("Her medications include Percoset, Neurotin and Trazadone.",
     {"oxycodone/acetaminophen", "gabapentin", "trazodone"}),
    ("She takes Norco, tizandine and Prilosec.", {"hydrocodone/acetaminophen", "tizanidine", "omeprazole"}),
    ("He has tried Flexiril and Celebrix.", {"cyclobenzaprine", "celecoxib"}),
    # the object of a verb of taking in its other tenses
    ("She has taken ibuprofin since the fall.", {"ibuprofen"}),
    ("He was given Flexiril at urgent care.", {"cyclobenzaprine"}),
    # written as it sounds: 'y' for 'i', 'ph' for 'f'
    ("She takes Amitryptiline 10 mg at night and Ibuprophen 600 mg.", {"amitriptyline", "ibuprofen"}),
    ("Medications: Ibuprofin.", {"ibuprofen"}),
    # before a bare dose and how often it is taken, in a note's shorthand
    ("Meds: ibuprofen 600 tid, Flexiril 5 hs prn, pantoprazole 40 qd.", {"ibuprofen", "cyclobenzaprine", "pantoprazole"}),
    # listed after a drug named with its release's letters
    ("Her medications are Anaprox DS and Vicoden.", {"naproxen", "hydrocodone/acetaminophen"}),
    # the subject of a verb of taking
    ("Topomax was started at 25 mg, and the dose was increased later. Treatment was stopped in June.", {"topiramate"}),
    # a short name before its strength ('Zolft' for Zoloft), not an everyday word there
    ("She is on Zolft 100 mg daily and Lexapro; total 60 mg a day of the two.", {"sertraline", "escitalopram"}),
    # ... or before its form and strength, or a combination's strengths alone
    ("For years he used Flector patch 1.3% on the elbow.", {"diclofenac"}),
    ("She relies on Voltarin gel 1% for the knees.", {"diclofenac"}),
    ("He takes Vicodin 5/300 after work and Ultracett 37.5/325 at night.",
     {"hydrocodone/acetaminophen", "tramadol/acetaminophen"}),
    # what the worker is allergic to, and the rest of an allergy list past each drug's reaction
    ("Allergies: Amoxicilin (hives).", {"amoxicillin"}),
    ("Allergies: 1) Bactrim - rash; 2) Naprosin - swelling.", {"sulfamethoxazole/trimethoprim", "naproxen"}),
    ("She is allergic to Tramadal.", {"tramadol"}),
    ("Allergies: seasonal pollen and shellfish.", set()),
    ("The MRI of 10/2015 was read as normal.", set()),
    ("She takes regular walks, and her medication regimen is unchanged.", set()),
    ("He climbs ladders, stairs and scaffolds at work.", set()),
    ("He denies use of alcohol, tobacco or marijuana.", set()),
])
def test_misspelt_drugs_where_a_drug_must_stand(extractor, summary, expected):
    """Family: a misspelt name listed beside a drug or named as what the worker takes ('takes', 'tried',
    'medications include', 'Medications:'), the rest of such a list with it; near misses: everyday words
    there, and substances that are not medications."""
    assert set(medications(extractor, summary)) == expected


@pytest.mark.parametrize("summary", [
    "She takes Percocet. A urine drug screen in May was negative for oxycodone.",
    "She takes Percocet. Urine toxicology was positive for oxycodone.",
    "She takes Percocet. The UDS detected oxycodone, consistent with her prescription.",
    "She takes Percocet. Laboratory testing showed HLA-B27 was negative.",
    "She takes Percocet. Her labs, including a rheumatoid factor, were normal.",
    "She takes Percocet. Gout was questioned, but her uric acid level was normal.",
    "She takes Percocet. The joint aspirate and uric acid were negative for crystals.",
    "She takes Percocet. Her uric acid, drawn fasting in June, was 6.8 mg/dL.",
    "She takes Percocet. A trough lithium level of 0.6 mmol/L was reported by the lab.",
    "She takes Percocet. A plasma lithium came back in range.",
    "She takes Percocet. Two screens were sent in May; the later one was negative for oxycodone.",
    "She takes Percocet. A urine specimen sent in March contained oxymorphone.",
])
def test_a_drug_in_a_drug_test_result_is_a_lab_word(extractor, summary):
    """Family: a name in a test's result (a drug found by a drug screen, a lab marker, one measured as a
    concentration or drawn from the blood) is not a medication mention."""
    assert medications(extractor, summary) == {"oxycodone/acetaminophen": False}


@pytest.mark.parametrize("summary", [
    "She takes Percocet. Medial branch blocks with bupivacaine in 2016 gave six hours of relief.",
    "She takes Percocet. Blocks were done at L4-5 and L5-S1 on 1/12/2016 with 0.5 mL of 0.5% bupivacaine.",
    "Care has included two ESIs that gave no lasting benefit, a HEP, and medications consisting of Percocet.",
    "She takes Percocet. An epidural injection of 80 mg Depo-Medrol helped for a month.",
    "She takes Percocet. Trigger point injections using lidocaine were of no lasting benefit.",
    "She takes Percocet and sits for an hour at most.",
    "She takes Percocet; her job has her wringing out mops all shift.",
])
def test_a_procedures_agent_or_a_laboratory_abbreviation_is_no_medication(extractor, summary):
    """Family: the drug a named block or injection gives is the procedure's, not one the worker takes; a
    laboratory chemical's short name that is an English word ('sits') names no drug."""
    assert medications(extractor, summary) == {"oxycodone/acetaminophen": False}


@pytest.mark.parametrize("summary", [
    "She takes Percocet. In May she was given an injection of Toradol for a flare.",
    "She takes Percocet. In the emergency room a Toradol injection was given.",
    "She takes Percocet. She had a Toradol shot in May.",
])
def test_a_drug_given_by_a_bare_injection_was_taken(extractor, summary):
    """Family: a drug given by an injection that is no named procedure, or named in a service that gives its
    drug ('Toradol injection', `imr:givesItsDrug`), was taken."""
    assert medications(extractor, summary) == {"oxycodone/acetaminophen": False, "ketorolac": False}


@pytest.mark.parametrize("summary", [
    "She takes Percocet. Her husband takes lorazepam at night.",
    "She takes Percocet. Her mother, a retired nurse, is on lorazepam.",
    "She takes Percocet; her sister has been taking lorazepam for years.",
    "She takes Percocet. Her son, who moved in with her last year, uses lorazepam for his own anxiety.",
    "She takes Percocet. Her husband also takes lorazepam for his panic disorder.",
    "She takes Percocet. Her husband, a diabetic who takes lorazepam at night, drives her to her visits.",
    "She takes Percocet. Her mother, who has fibromyalgia and takes lorazepam, lives with her.",
    "She takes Percocet. When she ran out she took a few of her brother's lorazepam tablets.",
    "She takes Percocet. Her nephew, who stays with her on weekends and has panic attacks, is on lorazepam.",
    "She takes Percocet. Her father, who is 81 and has insomnia, uses lorazepam.",
])
def test_a_drug_another_person_takes_is_not_the_workers(extractor, summary):
    """Family: a relative or another person who takes, uses or is on a drug, with an apposition or a
    relative clause between (also one that tells something else before its condition): the drug and what
    it is taken for are theirs."""
    assert medications(extractor, summary) == {"oxycodone/acetaminophen": False}
    assert diagnoses(extractor, summary) == {}


@pytest.mark.parametrize("summary", [
    "Her husband says the Percocet helps her sleep.",
    "Her daughter takes her to refill the Percocet each month.",
    "Her husband, who drives her to visits, reports she takes Percocet.",
])
def test_a_relative_speaking_of_the_workers_drug_keeps_it(extractor, summary):
    """A relative who tells of the worker's drug or takes the worker to get it leaves the drug hers."""
    assert medications(extractor, summary) == {"oxycodone/acetaminophen": False}

# ---- prior treatments --------------------------------------------------------------------------------


@pytest.mark.parametrize(("summary", "service"), [
    ("She completed 8 sessions of acupuncture in 2013.", "acupuncture"),
    ("He has undergone physical therapy and chiropractic care.", "chiropractic"),
    ("She was treated with aquatic therapy with temporary relief.", "aquatic-therapy"),
    ("She has seen a psychologist for six sessions of cognitive behavioral therapy.",
     "cognitive-behavioral-therapy"),
    ("Prior care has included two lumbar epidural steroid injections.", "epidural-steroid-injection"),
    ("He has worn a wrist splint at night for months.", "durable-medical-equipment"),
    ("She used a TENS unit during therapy with some benefit.", "durable-medical-equipment"),
    ("He was given a hinged knee brace.", "durable-medical-equipment"),
    ("Treatment has included biofeedback and psychiatric medication management.", "medication-management"),
    ("Prior care: PT x 12, home exercises and anti-inflammatories.", "physical-therapy"),
    ("She attended ten sessions of PT without lasting benefit.", "physical-therapy"),
    ("He finished twenty visits of post-operative therapy after the repair.", "physical-therapy"),
    ("A right L4-5 epidural steroid injection in May reduced her leg pain by half.", "epidural-steroid-injection"),
    ("Acupuncture last spring eased his neck pain for a month.", "acupuncture"),
    ("She completed six sessions of PT. She takes naproxen.", "physical-therapy"),
    ("06/27/2018 UR: viscosupplementation non-certified; PT modified to 4 visits. She had acupuncture in 2017.",
     "acupuncture"),
    ("He rates his pain 8/10 and walks with a cane.", "durable-medical-equipment"),
    ("She lives alone, ambulates with a single point cane, and bathes herself.", "durable-medical-equipment"),
    ("She uses a walker at home.", "durable-medical-equipment"),
    ("Symptoms persist despite night splinting and a cortisone injection.", "durable-medical-equipment"),
    ("Her pain persists in spite of physical therapy.", "physical-therapy"),
    ("He had a right shoulder arthroscopic decompression in 2014.", "surgery"),
    ("Treatment to date has been rest and PT.", "physical-therapy"),
    ("She has also finished two rounds of acupuncture, eight sessions each.", "acupuncture"),
    # what the worker has been through, had the benefit of or graduated from; not a request weighed as considerable
    ("What she has already been through is considerable: eight acupuncture visits and a TENS unit.", "acupuncture"),
    ("He has had the benefit of twelve chiropractic visits.", "chiropractic"),
    ("She graduated from a functional restoration program in 2019.", "functional-restoration-program"),
    ("Since the release she has been to hand therapy nine times.", "occupational-therapy"),
    ("He went to physical therapy twice a week last winter.", "physical-therapy"),
    ("She paid out of pocket for several massages.", "massage-therapy"),
    ("He then began chiropractic care with a local provider.", "chiropractic"),
    ("She was started on aquatic therapy in March.", "aquatic-therapy"),
    ("An earlier episode of depression resolved with counseling.", "psychotherapy"),
    ("A course of acupuncture in 2016 did little.", "acupuncture"),
    ("Eight sessions of acupuncture were authorized and completed in 2015.", "acupuncture"),
    ("Twelve visits of physical therapy were approved and then attended over six weeks.", "physical-therapy"),
    ("He had a radical prostatectomy in 2012 with no recurrence.", "surgery"),
    ("Her history includes a cholecystectomy in 2009.", "surgery"),
    ("She joined Weight Watchers on her own and lost 20 pounds.", "weight-loss-program"),
    ("In 2016 she went through an outpatient opioid taper program.", "detoxification"),
    ("A 30-day TENS trial did not help.", "durable-medical-equipment"),
    # an outcome told of the care before it reaches no care after it
    ("He had a facet injection in 2019 that didn't touch the pain, and acupuncture in 2020 that eased it.",
     "acupuncture"),
    ("A knee brace did not lessen the swelling, and a cortisone injection in 2021 helped for a month.",
     "corticosteroid-injection"),
    ("In the emergency room a Toradol injection was given.", "intramuscular-injection"),
    ("He sees his psychiatrist monthly for medication management by telehealth.", "medication-management"),
    ("Her psychiatrist has followed her every six weeks for medication management.", "medication-management"),
    ("He took part in a hospital-based aquatic therapy program.", "aquatic-therapy"),
    ("Conservative care incl. acupuncture was tried without benefit.", "acupuncture"),
    ("At urgent care he was given an injection of Toradol and a sling.", "intramuscular-injection"),
    ("She was referred for a psychological evaluation and later attended eight sessions of biofeedback.",
     "biofeedback"),
    ("An acupuncture course in 2018 eased her neck and eliminated her need for ibuprofen.", "acupuncture"),
])
def test_care_received_in_many_wordings(extractor, summary, service):
    """Family: care received (completed, undergone, treated with, seen ... for, has included, worn, used,
    given, walks with, despite); braces, splints, splinting, canes, walkers and TENS units are durable medical
    equipment."""
    assert service in prior(extractor, summary)


@pytest.mark.parametrize("summary", [
    "The PT states that her pain is unchanged.",
    "PT reported that he walks daily.",
])
def test_pt_doing_something_is_the_patient_not_therapy(extractor, summary):
    assert "physical-therapy" not in prior(extractor, summary)


@pytest.mark.parametrize("summary", [
    "Acupuncture was not helpful.",
    "Acupuncture was not effective for her neck pain.",
    "She did not have any benefit from acupuncture.",
    "He did not get much relief from acupuncture.",
    "Acupuncture has not been beneficial.",
    "She has not had lasting relief from acupuncture.",
])
def test_care_whose_outcome_is_worded_with_a_negation_was_received(extractor, summary):
    """Family: the outcome of care received written with 'not' ('not helpful', 'did not have any benefit
    from'): the care was had, so it is a prior treatment."""
    assert "acupuncture" in prior(extractor, summary)


@pytest.mark.parametrize("summary", [
    "Acupuncture has never been tried.",
    "Acupuncture was not provided.",
    "He did not have acupuncture.",
    "Utilization review certified six sessions of acupuncture, which have not yet been scheduled.",
    "The surgeon raised the idea of acupuncture, but no request was made.",
    "Acupuncture was first recommended in 2016, but the request was never authorized.",
    "Six sessions of acupuncture were certified in May and scheduled, but she cancelled each visit.",
    "In 2014 he agreed to start acupuncture, but the clinic closed before his first visit.",
    "He has had chiropractic care and has not yet had any acupuncture.",
])
def test_care_never_had_written_either_side(extractor, summary):
    assert "acupuncture" not in prior(extractor, summary)


@pytest.mark.parametrize("summary", [
    "The provider requested acupuncture twice a week.",
    "Acupuncture was recommended by the treating physician.",
    "She has not tried acupuncture.",
    "He has never had acupuncture.",
    "There has been no acupuncture to date.",
    "She is a candidate for acupuncture.",
    "If she does not improve, acupuncture would be considered.",
    "She may have had acupuncture in the past.",
    "Acupuncture was previously denied by utilization review.",
    "Acupuncture was non-certified on 01/02/2014.",
    "06/27/2018 UR: acupuncture non-certified; PT modified to 4 visits.",
    "Acupuncture denied by UR in 2018; the worker takes naproxen.",
    "Knee surgery, postoperative therapy and acupuncture were requested.",
    "The physician asked for a refill of Norco and a trial of acupuncture.",
    "He is asking for a course of acupuncture, which he has not had.",
    "The treating doctor seeks a trial of acupuncture.",
    # 'has had none' tells no care had; a request named as the subject reaches past its apposition
    "An acupuncture referral went out in 2020, and she has had none.",
    "He was sent for acupuncture but has had none so far.",
    "The disputed items, both non-certified on 03/02/2016, are a TENS unit and six sessions of acupuncture.",
    "Acupuncture has come up in the progress notes, but none has been given.",
])
def test_care_not_received(extractor, summary):
    """Family: asked for, recommended, weighed, never had, not tried, none to date, in doubt, refused by a
    reviewer."""
    assert "acupuncture" not in prior(extractor, summary)


@pytest.mark.parametrize(("summary", "service"), [
    ("He is currently in physical therapy twice a week.", "physical-therapy"),
    ("She is post-op from a lumbar fusion.", "surgery"),
    ("He is currently attending acupuncture.", "acupuncture"),
])
def test_care_under_way_or_just_done_is_care_received(extractor, summary, service):
    """Family: care the worker is in now ('currently in') or has just had ('post-op from')."""
    assert service in prior(extractor, summary)


@pytest.mark.parametrize("summary", [
    "It is unclear whether she completed physical therapy.",
    "It is not clear if he ever attended physical therapy.",
    "He is currently awaiting physical therapy.",
    "Physical therapy is currently pending authorization.",
])
def test_care_in_doubt_or_awaited_is_not_received(extractor, summary):
    """Near misses: a doubt that runs past its clause's subject and verb, and care awaited now."""
    assert "physical-therapy" not in prior(extractor, summary)


@pytest.mark.parametrize("summary", [
    "An MRI of the lumbar spine showed a disc bulge. She has had physical therapy.",
    "A psychological evaluation in May found depression. She has had physical therapy.",
    "A urine drug screen in May was appropriate. She has had physical therapy.",
    "She has had monthly office visits and physical therapy.",
    "A multidisciplinary evaluation in May found her a candidate for a program. She has had physical therapy.",
])
def test_tests_and_evaluations_are_not_treatments(extractor, summary):
    assert prior(extractor, summary) == {"physical-therapy"}


@pytest.mark.parametrize(("summary", "expected"), [
    ("He had eight visits with a speech-language pathologist after the fall.", {"speech-therapy"}),
    ("She has tried several massages and saw an acupuncturist in 2019.", {"massage-therapy", "acupuncture"}),
    ("She had six sessions with a hand therapist.", {"occupational-therapy"}),
    ("Prior treatment: physical therapy, psychology visits.", {"physical-therapy", "psychological-treatment"}),
    ("Prior care: physical therapy and two right L5-S1 TFESIs in 2019.", {"physical-therapy",
                                                                         "epidural-steroid-injection"}),
    ("He had physical therapy but stopped going because of transportation problems.", {"physical-therapy"}),
    ("She received chiropractic care; home health issues were raised by her daughter.", {"chiropractic"}),
])
def test_care_named_by_who_gives_it_and_not_by_a_difficulty(extractor, summary, expected):
    """Family: a therapy named by its provider ('a speech therapist', 'an acupuncturist') or in the plural
    ('massages') is care received; a service that names a difficulty ('transportation problems', 'home health
    issues') is none."""
    assert prior(extractor, summary) == expected


@pytest.mark.parametrize("summary", [
    'She has had physical therapy; she said she would rather "go straight to surgery."',
    "She has had physical therapy and wants to try acupuncture.",
    "She has had physical therapy and hopes to have surgery soon.",
])
def test_care_the_worker_wishes_for_is_not_received(extractor, summary):
    assert prior(extractor, summary) == {"physical-therapy"}


@pytest.mark.parametrize(("summary", "listed"), [
    ("Treatment has consisted of physical therapy, acupuncture and medications.", True),
    ("Prior treatment included medications, chiropractic care and a home exercise program.", True),
    ("Prior care has included physical therapy, epidural injections and long-term opioid therapy.", True),
    ("Treatment to date has included physical therapy, chiropractic care, NSAIDs, and an epidural injection.", True),
    ("He tried muscle relaxants, anti-inflammatories and acupuncture without benefit.", True),
    ("She denies NSAID use. She had physical therapy.", False),
    ("Current medications include Norco and Soma. She has had physical therapy.", False),
    ("Her pain is 7/10 without medications. She has had physical therapy.", False),
    ("She has been treated with Norco and naproxen.", False),
    ("She has had physical therapy. Medications are Norco and naproxen, which she has taken for years.", False),
    ("An evaluation that included physical therapy testing found her keen to cut her reliance on medications.",
     False),
    ("She completed physical therapy; her pain is 6/10 off her medication and 3/10 on it.", False),
    ("She had physical therapy. Her pain is 8/10 without and 6/10 with medications, unchanged.", False),
    ("She had physical therapy. An injection gave relief with a reduced need for medication.", False),
    ("She had physical therapy. Her award provides for future medical care, including medication.", False),
    ("She had physical therapy. In 2014 she took an intentional overdose of her pain medication.", False),
])
def test_the_word_medications_is_a_treatment_only_in_a_list_of_care(extractor, summary, listed):
    """Family: 'medications', or a class of drugs ('NSAIDs', 'muscle relaxants'), as a kind of care in a list of
    care received; named drugs are medications, not the prior treatment 'medication'."""
    assert ("medication" in prior(extractor, summary)) is listed


@pytest.mark.parametrize("summary", [
    "She says a co-worker on her shift had carpal tunnel release last spring. She had physical therapy.",
    "A friend at his church had a lumbar fusion; he had physical therapy.",
    "Two co-workers at the warehouse have had knee arthroscopy. She had physical therapy.",
    "He had physical therapy and is delaying surgery until after the holidays.",
    "She had physical therapy and has put off surgery until her children are older.",
])
def test_care_another_person_had_or_the_worker_puts_off_is_not_received(extractor, summary):
    """Family: care had by a relative, friend or co-worker named with a place or group ('on her shift', 'at his
    church'), or care the worker delays or puts off, is no care received."""
    assert prior(extractor, summary) == {"physical-therapy"}


def test_care_discussed_or_avoided_is_not_received(extractor):
    summary = ("A surgeon had discussed an arthroscopic subacromial decompression, but she preferred to avoid surgery. "
               "She had physical therapy.")
    assert prior(extractor, summary) == {"physical-therapy"}


@pytest.mark.parametrize("summary", [
    "The injured worker is a 58-year-old home care aide who hurt her back lifting a client. She had physical therapy.",
    "She is a 44-year-old home health aide who slipped at a client's house; she had physical therapy afterwards.",
])
def test_a_service_named_in_the_workers_job_is_no_care(extractor, summary):
    assert prior(extractor, summary) == {"physical-therapy"}


# ---- body parts ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("summary", "parts"), [
    ("She twisted her right knee on a stair.", {"right knee"}),
    ("He fell and landed on his buttocks and low back.", {"buttocks", "low back"}),
    ("She reports numbness and tingling in both hands.", {"right hand", "left hand"}),
    ("She has right lateral elbow pain with gripping.", {"right elbow"}),
    ("He has low back pain radiating into the right leg; the leg pain is worse at night.",
     {"low back", "right leg"}),
    ("The right-hand dominant worker has neck pain.", {"neck"}),
    ("She has neck pain. She denies low back pain.", {"neck"}),
    ("She has neck pain. The diagnoses are cervical strain and lumbar radiculopathy.", {"neck"}),
    # 'feet' after a number is a length
    ("He fell roughly 14 feet off a scaffold and hurt his left ankle.", {"left ankle"}),
    ("She stepped off a 6-foot platform and has pain in both feet.", {"right foot", "left foot"}),
    ("He can walk only a hundred feet before his low back pain returns; he fell nine feet.", {"low back"}),
    # a part the injury spared
    ("She caught her right hand in a press; the left hand was not hurt.", {"right hand"}),
    ("He strained his low back lifting a crate, but his neck and shoulders were uninjured.", {"low back"}),
])
def test_body_parts_complained_of_or_injured(extractor, summary, parts):
    """Family: parts hurt (twisted, landed on) or complained of, with the side as written; 'both' is right
    and left; a plural kept as written; a part named without its side elsewhere is the same part; not
    'right-hand dominant', not a negated part, not the part in a condition's name."""
    assert body_parts(extractor, summary) == parts


# ---- the component -----------------------------------------------------------------------------------


def test_the_rules_are_medspacys_with_ours_layered_over():
    rules = vocab.context_rules()
    literals = {r.literal: r for r in rules}
    assert len(literals) == len(rules)
    assert literals["no"].category == "NEGATED_EXISTENCE"  # medspaCy's, kept
    assert literals["as needed"].direction == "PSEUDO"  # medspaCy's, replaced by ours
    assert literals["family"].allowed_types == frozenset({"DIAGNOSIS"})
    # a relative's own care or condition, never the worker's drug
    assert literals["his wife, his caregiver, had"].allowed_types == frozenset({"DIAGNOSIS", "SERVICE"})
    assert {r.direction for r in rules} == set(CONTEXT_DIRECTIONS)
    # only our rules that say so reach the mentions inside their own words
    assert {r.literal for r in rules if r.reaches_inside} == {"her husband, a diabetic who",
                                                              "his wife, who has X and takes",
                                                              "her father has X and had",
                                                              "has not yet had physical therapy",
                                                              "had excluded", "confirmed X and excluded",
                                                              "never started X", "has not gone back to",
                                                              "the father's gout is controlled with"}


def test_every_word_a_rule_names_is_a_word_the_tokenizer_keeps_whole(extractor):
    """A rule's word that the tokenizer splits ('co-worker' is 'co', '-', 'worker'; 'vs.' is 'vs', '.') could never
    match a token: such a word is written as its tokens, one step each, not listed as one."""
    def whole(word: str) -> bool:
        return any(word.lower() in [t.lower_ for t in extractor.nlp.make_doc(text)]
                   for text in (f"the {word} and", f"mother{word} and"))  # ('s is a clitic of the word before it)
    split = sorted({(rule.literal, word) for rule in vocab.context_rules() for token in rule.pattern or ()
                    for value in token.values() if isinstance(value, dict)
                    for words in (value.get("IN"), value.get("NOT_IN")) if isinstance(words, (list, tuple))
                    for word in words if not whole(word)})
    assert split == []


WORDS = ["no", "not", "denies", "never", "without", "but", "however", ";", "which", "r/o", "possible",
         "was", "ruled", "out", "if", "mother", "has", "Norco", "insomnia", "depression", "acupuncture",
         "physical", "therapy", "knee", "pain", "diagnoses", "include", ",", ".", "\n", "relief", "no change",
         "gram", "-", "negative", "for", "is", "unlikely", "significant", "any", "I", "3"]


def context_work(extractor, summary: str, monkeypatch) -> int:
    """How many token tests the ConText matcher makes on a letter with this summary."""
    calls = 0
    holds = negation._holds

    def counted(*args):
        nonlocal calls
        calls += 1
        return holds(*args)

    monkeypatch.setattr(negation, "_holds", counted)
    letter = parse(document(fdl_letter(summary, fdl_item("Norco 10/325mg #90"))))
    if isinstance(letter, ParsedLetter):
        extractor.extract(letter)
    monkeypatch.setattr(negation, "_holds", holds)
    return calls


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(block=st.lists(st.sampled_from(WORDS), min_size=1, max_size=40).map(" ".join))
# (a run without full stops cut into sentences up to the last token of the text it reads)
@example(block="not ; not physical mother significant was without without diagnoses include gram gram never not insomnia "
               "without without knee knee diagnoses include include , mother gram gram - - negative not no I mother not ;")
def test_context_never_raises_and_its_work_grows_linearly(extractor, monkeypatch, block):
    """Any mix of triggers, targets and punctuation: no exception, and each copy of a block costs about what the
    copies before it cost: the 32 copies after the first 32 cost at most three times the 16 after the first 16
    (linear work costs twice, quadratic four times), give or take the last copies."""
    work = {n: context_work(extractor, "She has knee pain. " + " ".join([block] * n), monkeypatch) for n in (16, 32, 64)}
    assert work[64] - work[32] <= 3 * (work[32] - work[16]) + 200


def test_code_for_a_known_surface_is_stable():
    assert link.icd10cm("shoulder impingement", side="right") == "M75.41"
    assert link.icd10cm("cervical strain") is None


@pytest.mark.parametrize("summary", [
    "Diagnoses include insomnia. He is not diabetic.",
    "Diagnoses include insomnia. The claimant is not a diabetic and does not smoke.",
])
def test_the_worker_called_diabetic_is_the_condition(extractor, summary):
    assert diagnoses(extractor, summary)["E11.9"] == (True, False)


def test_a_longer_name_with_diabetic_is_its_own_condition(extractor):
    got = diagnoses(extractor, "Diagnoses include insomnia and diabetic peripheral neuropathy.")
    assert "E11.42" in got and "E11.9" not in got


@pytest.mark.parametrize("summary", [
    "Diagnoses include insomnia. She denies leg pain.",
    "Diagnoses include insomnia. He reports dizziness without vertigo.",
    "Diagnoses include insomnia. There is no neck pain today.",
    "Diagnoses include insomnia. She denies constipation, nausea or daytime sedation on her medications.",
    "Diagnoses include insomnia. He denies sudden muscle weakness with emotion or sleep paralysis.",
    "Diagnoses include insomnia. There are no muscle spasms or cramps on examination.",
])
def test_a_symptom_denied_is_no_diagnosis(extractor, summary):
    """Family: a symptom (a chapter 18 code, or a pain, constipation, muscle weakness or spasm code of another
    chapter) said to be absent outside a statement of diagnoses is not listed, negated or not."""
    assert set(diagnoses(extractor, summary)) == {"G47.00"}


def test_a_symptom_stated_as_a_diagnosis_is_listed(extractor):
    assert diagnoses(extractor, "Diagnoses include insomnia and low back pain.")["M54.50"] == (False, False)


@pytest.mark.parametrize(("summary", "code"), [
    ("Diagnoses include insomnia. Cognitive screening was normal and there is no dementia.", "F03.90"),
    ("Diagnoses include insomnia. Tension-type headaches were ruled out.", "G44.209"),
])
def test_common_conditions_named_plainly(extractor, summary, code):
    assert diagnoses(extractor, summary)[code] == (True, False)


@pytest.mark.parametrize(("summary", "generic"), [
    ("Allergies: penicillin. She takes ibuprofen.", "penicillin"),
    ("She is allergic to PCN. She takes ibuprofen.", "penicillin"),
])
def test_a_drug_named_only_as_an_allergy_is_not_taken(extractor, summary, generic):
    assert medications(extractor, summary)[generic] is True


def test_a_word_with_an_english_ending_is_no_misspelt_drug(extractor):
    got = medications(extractor, "She reported relief with gabapentin, allowing her to sleep. She also takes Percoset.")
    assert set(got) == {"gabapentin", "oxycodone/acetaminophen"}


def test_a_lab_value_said_to_be_normal_is_no_drug(extractor):
    assert "uric acid" not in medications(extractor, "Uric acid was normal. She takes ibuprofen.")


@pytest.mark.parametrize(("summary", "code"), [
    ("Diagnoses include insomnia. CRPS of the right arm was considered, but she did not meet Budapest criteria.",
     "G90.511"),
    ("Diagnoses include insomnia. Complex regional pain syndrome of the left lower extremity was suspected by "
     "Dr. Patel, but the bone scan was normal.", "G90.522"),
    ("Diagnoses include insomnia. Complex regional pain syndrome of the left upper extremity was considered at the "
     "first post-operative visit because of swelling, but she did not meet the Budapest criteria.", "G90.512"),
])
def test_a_condition_weighed_at_a_part_is_denied_at_that_part(extractor, summary, code):
    """Family: the part a weighed condition is at, written between it and the verb that weighs it, and a
    title's full stop ('Dr. Patel') inside the sentence."""
    assert diagnoses(extractor, summary)[code] == (True, False)


@pytest.mark.parametrize("summary", [
    "Diagnoses include insomnia. Fibromyalgia was considered because of her diffuse pain and was excluded.",
    "Diagnoses include insomnia. Fibromyalgia was suspected by her internist but has since been ruled out.",
    "Diagnoses include insomnia. Fibromyalgia was raised in 2016 and was later refuted by a rheumatologist.",
    "Diagnoses include insomnia. A prior provider raised fibromyalgia; that diagnosis was not confirmed.",
    "Diagnoses include insomnia. Her PCP questioned fibromyalgia, but the condition has since been excluded.",
])
def test_a_condition_weighed_then_denied_by_its_own_verb_or_a_noun_for_it(extractor, summary):
    """Family: a weighed condition answered by a second verb of its own ('... and was excluded', 'but has since
    been ruled out') or by a noun standing for it ('that diagnosis was not confirmed')."""
    assert diagnoses(extractor, summary) == {"G47.00": (False, False), "M79.7": (True, False)}


@pytest.mark.parametrize("summary", [
    "Diagnoses include insomnia. The evaluator considered fibromyalgia but concluded she did not meet the criteria.",
    "Diagnoses include insomnia. Her rheumatologist suspected fibromyalgia, but the tender point examination was "
    "normal.",
    "Diagnoses include insomnia. Fibromyalgia was raised in 2016; fibromyalgia is no longer being considered.",
    "Diagnoses include insomnia. Fibromyalgia was questioned; a rheumatology examination in 2018 was normal.",
    "Diagnoses include insomnia. Fibromyalgia was suspected, but a rheumatology review showed only mild arthritis.",
    "Diagnoses include insomnia. Fibromyalgia was raised in 2017; the rheumatologist did not confirm it.",
    "Diagnoses include insomnia. A rheumatology work-up in 2016 did not support fibromyalgia.",
])
def test_a_condition_weighed_by_a_verb_before_it_or_set_aside_is_denied(extractor, summary):
    """Family: a condition weighed by an active verb before it ('considered fibromyalgia but ...') and answered
    in its sentence, or set aside later ('is no longer being considered')."""
    assert diagnoses(extractor, summary) == {"G47.00": (False, False), "M79.7": (True, False)}


@pytest.mark.parametrize(("summary", "expected"), [
    ("Diagnoses include insomnia. Nerve studies showed no evidence of cervical radiculopathy, which had been "
     "considered because of neck stiffness.", {"G47.00": (False, False), "M54.12": (True, False)}),
    ("Diagnoses include insomnia. An MRI was requested to rule out cervical radiculopathy.",
     {"G47.00": (False, False)}),
])
def test_a_condition_denied_and_then_said_weighed_is_denied_unless_asked_about(extractor, summary, expected):
    """A condition denied, with a clause after it saying it had been weighed, is denied; one denied in a request
    (a test asked for to rule it out) is not said absent."""
    assert diagnoses(extractor, summary) == expected


def test_a_condition_weighed_then_treated_is_not_denied(extractor):
    got = diagnoses(extractor, "Diagnoses include insomnia. Fibromyalgia was considered and was treated with duloxetine.")
    assert got.get("M79.7", (False, False))[0] is False


@pytest.mark.parametrize(("summary", "code"), [
    ("Diagnoses: posttraumatic stress disorder, chronic [F43.12]; insomnia.", "F43.12"),
    ("Diagnoses: PTSD, chronic (F43.12); insomnia.", "F43.12"),
    ("She has major depressive disorder, recurrent, severe [F33.2] and insomnia.", "F33.2"),
    ("Diagnoses: chronic viral hepatitis C [B18.2]; insomnia.", "B18.2"),
])
def test_a_code_in_square_brackets_or_after_a_qualifier_is_the_conditions(extractor, summary, code):
    """Family: a code written after a condition in square brackets as in round ones; a qualifier after the
    condition's comma ('PTSD, chronic (F43.12)') is no condition of its own."""
    assert diagnoses(extractor, summary) == {code: (False, False), "G47.00": (False, False)}


@pytest.mark.parametrize("summary", [
    "The diagnoses listed by the treating physician are:\n\n• Insomnia\n\n• Cervical strain\n\nPage 2 of 5\n\n"
    "Final Determination Letter for IMR Case Number CM16-0152290\n\n• Hypertension\n\n• Diabetes mellitus: denied\n\n"
    "A cortisone injection in 2015 helped.",
    "Diagnoses:\n1. Insomnia\n2. Cervical strain\nIMR Case Number CM16-0152290          Page 2 of 5\n3. Hypertension\n"
    "4. Diabetes mellitus, ruled out\nHe works full time.",
])
def test_a_list_broken_by_a_page_break_goes_on_after_it(extractor, summary):
    """Family: a page footer and running header between two items of a list: the items after them are still
    the list's, each with its own denial."""
    got = diagnoses(extractor, summary)
    assert (got["G47.00"], got["I10"], got["E11.9"]) == ((False, False), (False, False), (True, False))


@pytest.mark.parametrize(("summary", "code"), [
    ("Diagnoses:\n• Insomnia (G47.00)\n• Long term (current) use of opiate analgesic (Z79.891)\n", "Z79.891"),
    ("Diagnoses:\n - Insomnia (G47.00)\n - Dependence on a wheelchair (Z99.3)\n", "Z99.3"),
    ("Diagnoses: insomnia; disc herniation at L5-S1.", "M51.27"),
    ("Diagnoses: insomnia; disc protrusion at C5-6 with radiculopathy.", "M50.122"),
])
def test_a_bulleted_item_named_by_its_code_and_a_disc_condition_by_its_level_after_it(extractor, summary, code):
    """Family: a bulleted list item the wording table does not know takes the code written after it; 'disc
    herniation at L5-S1' names its region by the level written after it."""
    assert diagnoses(extractor, summary)[code] == (False, False)


@pytest.mark.parametrize(("summary", "expected"), [
    # named bare, its region told by the study its sentence names before it, or by a level there
    ("Diagnoses: insomnia. A lumbar MRI in 2020 found postoperative fibrosis at the L4-L5 laminotomy, and a recurrent "
     "disc herniation was excluded.", {"G47.00": (False, False), "M51.26": (True, False)}),
    ("Diagnoses: insomnia. The cervical CT was read as normal, and a disc protrusion was ruled out.",
     {"G47.00": (False, False), "M50.20": (True, False)}),
    ("Diagnoses: insomnia. After a CT of the L5-S1 level the surgeon diagnosed a disc herniation.",
     {"G47.00": (False, False), "M51.27": (False, False)}),
    ("Diagnoses: insomnia and a failed back surgery syndrome of the lumbar spine; a recurrent disc herniation was "
     "excluded by a repeat MRI.", {"G47.00": (False, False), "M96.1": (False, False), "M51.26": (True, False)}),
    # not past its sentence
    ("Diagnoses: insomnia. A lumbar MRI was normal. A disc herniation was excluded.", {"G47.00": (False, False)}),
])
def test_a_disc_condition_named_bare_takes_the_region_its_sentence_names(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    ("Her medications include Lyrica 75 mg twice daily and metformin for type 2 diabetes mellitus.",
     {"E11.9": (False, False)}),
    ("He takes lisinopril 10 mg daily for his hypertension and Norco for pain.", {"I10": (False, False)}),
    ("She takes Flexeril for muscle spasms, gabapentin for neuropathic pain and docusate for constipation.", {}),
    ("She takes hydroxyzine 25 mg as needed for anxiety and lorazepam PRN for insomnia.", {}),
    # a feeling a drug eases, not an anxiety disorder
    ("Her psychiatrist prescribes clonazepam 0.5 mg at bedtime for anxiety.", {}),
    ("Buspirone was tried for daytime anxiety in 2019.", {}),
    ("He takes sertraline 100 mg daily for generalized anxiety disorder.", {"F41.1": (False, False)}),
    ("GASTROINTESTINAL\nGastroesophageal reflux disease, controlled on omeprazole 20 mg daily.", {"K21.9": (False, False)}),
    ("She has hypertension, well managed with lisinopril.", {"I10": (False, False)}),
    ("Her hypertension treated with amlodipine has been stable for years.", {"I10": (False, False)}),
])
def test_a_condition_a_drug_is_taken_for_is_stated(extractor, summary, expected):
    """Family: 'metformin for type 2 diabetes', 'lisinopril 10 mg daily for his hypertension': the condition a drug
    is taken for is the worker's; a complaint it eases (pain, spasms) or a side effect (constipation) is not
    listed."""
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    ("After the assault he developed poor sleep and anxiety about driving. Diagnoses: insomnia.",
     {"G47.00": (False, False)}),
    ("Diagnoses: insomnia. She has had anxiety whenever she walks to her car since the robbery.",
     {"G47.00": (False, False)}),
    ("Diagnoses: insomnia. He reports anxiety attacks at work since the fall.", {"G47.00": (False, False)}),
    ("Diagnoses: insomnia. She has anxiety over her finances.", {"G47.00": (False, False)}),
    # attacks of a condition are complaints, unless a statement lists them
    ("After the robbery she developed nightmares, panic attacks and avoidance of banks. Diagnoses: insomnia.",
     {"G47.00": (False, False)}),
    ("Diagnoses: insomnia and panic attacks.", {"G47.00": (False, False), "F41.0": (False, False)}),
    # guards: the disorder, or the feeling without its occasion
    ("Diagnoses: insomnia. She has an anxiety disorder about which she sees a psychologist.",
     {"G47.00": (False, False), "F41.9": (False, False)}),
    ("Diagnoses: insomnia and anxiety, for which she sees a psychologist.",
     {"G47.00": (False, False), "F41.9": (False, False)}),
])
def test_a_feeling_told_with_its_occasion_is_a_complaint(extractor, summary, expected):
    """Family: anxiety about, over or whenever something, or in attacks, and attacks of a condition ('panic attacks')
    are what the worker feels, not the disorder (the disorder, or the words listed among the diagnoses, is)."""
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    ("In 2014 she began to walk with a cane in the left hand.", {"durable-medical-equipment"}),
    ("Acupuncture, 6 sessions in spring 2013, gave no benefit.", {"acupuncture"}),
    ("Physical therapy in 2015 was of limited benefit.", {"physical-therapy"}),
    ("She may benefit from acupuncture.", set()),
    ("He might still benefit from physical therapy.", set()),
])
def test_care_told_by_its_outcome_or_wished_for(extractor, summary, expected):
    """Family: care that gave no benefit or was of limited benefit was received; care the worker may, might or
    could benefit from was not."""
    assert prior(extractor, summary) == expected


# ---- conditions a physician puts the worker's state down to ----------------------------------------

@pytest.mark.parametrize(("summary", "code"), [
    ("Her examiner attributed the ongoing hand numbness to carpal tunnel syndrome of the right wrist.", "G56.01"),
    ("In his opinion the persistent knee pain was due to primary osteoarthritis of the left knee.", "M17.12"),
    ("The neurologist considered the daily headaches to be cervicogenic headaches.", "G44.86"),
    ("The psychologist felt the low mood was best explained by major depressive disorder, single episode.", "F32.9"),
    ("Her stiffness is likely secondary to adhesive capsulitis of the right shoulder.", "M75.01"),
    # ... or by a verb of its own
    ("The orthopedist thinks the night pain comes from adhesive capsulitis of the right shoulder.", "M75.01"),
    ("In his view the tingling stems largely from carpal tunnel syndrome of the right wrist.", "G56.01"),
    ("Her physician feels the morning stiffness reflects primary osteoarthritis of the left knee.", "M17.12"),
    ("The limp arose from primary osteoarthritis of the left knee.", "M17.12"),
])
def test_a_condition_the_state_is_put_down_to_is_stated(extractor, summary, code):
    assert diagnoses(extractor, summary).get(code) == (False, False)


@pytest.mark.parametrize(("summary", "code"), [
    ("The orthopedist also noted adhesive capsulitis of the right shoulder.", "M75.01"),
    ("At the visit the internist notes type 2 diabetes mellitus.", "E11.9"),
])
def test_a_condition_a_clinician_notes_is_stated(extractor, summary, code):
    assert diagnoses(extractor, summary).get(code) == (False, False)


def test_what_a_headache_is_considered_to_be_lists_only_the_condition_it_is(extractor):
    found = diagnoses(extractor, "The treating physician considered the headaches to be cervicogenic headaches.")
    assert found == {"G44.86": (False, False)}


@pytest.mark.parametrize(("summary", "code"), [
    ("Blood work ordered by her internist had excluded rheumatoid arthritis.", "M06.9"),
    ("A rheumatology workup excluded systemic lupus erythematosus last spring.", "M32.9"),
    ("The studies have excluded cervical spondylotic myelopathy.", "M47.12"),
])
def test_a_test_that_excluded_a_condition_negates_it(extractor, summary, code):
    assert diagnoses(extractor, summary).get(code) == (True, False)


@pytest.mark.parametrize(("summary", "expected"), [
    # a screen for several conditions that found none
    ("A psychological evaluation screened for generalized anxiety disorder, panic disorder and insomnia and found "
     "none.", {"F41.1": (True, False), "F41.0": (True, False), "G47.00": (True, False)}),
    # weighed, then answered by tests negative since
    ("Gout was considered by her internist, but the uric acid levels have been normal on three occasions.",
     {"M10.9": (True, False)}),
    # healed on a follow-up test
    ("She had a duodenal ulcer in 2012, treated with pantoprazole; a repeat endoscopy in 2013 showed complete healing.",
     {"K26.9": (True, False)}),
    # (a screen with no answer weighs nothing)
    ("She was screened for generalized anxiety disorder in 2014.", {}),
])
def test_conditions_screened_for_weighed_or_found_healed_later(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize("summary", [
    "She has insomnia. The psychologist documents a fall in her Beck Depression Inventory from 30 to 21 and in her "
    "PTSD Checklist from 60 to 45.",
    "She has insomnia. Her psychiatrist records a decline in the Hamilton Depression\n\nRating Scale from 20 to 14.",
])
def test_a_conditions_name_inside_a_tests_or_a_scales_is_no_condition(extractor, summary):
    assert diagnoses(extractor, summary) == {"G47.00": (False, False)}


def test_blood_loss_anemia_is_its_own_code(extractor):
    assert diagnoses(extractor, "The discharge diagnoses included acute blood loss anemia after the fusion.") == \
        {"D62": (False, False)}


def test_a_diagnosis_excluded_by_name_is_not_the_condition_that_explains_it(extractor):
    found = diagnoses(extractor, "Panic disorder had been raised at intake, but he decided her attacks were better "
                                 "explained by the PTSD and excluded that diagnosis.")
    assert found.get("F43.10") == (False, False)


@pytest.mark.parametrize("summary", [
    "Nerve conduction studies in May showed a mild median neuropathy at the left wrist, without cervical radiculopathy.",
    "An EMG of both arms was consistent with carpal tunnel syndrome and showed no cervical radiculopathy.",
])
def test_what_a_nerve_study_does_not_show_is_a_finding_not_a_denial(extractor, summary):
    assert "M54.12" not in diagnoses(extractor, summary)


@pytest.mark.parametrize(("summary", "code"), [
    ("She came to the emergency room short of breath; a chest CT angiogram found no pulmonary embolism.",
     "I26.99"),
    ("Nerve conduction studies and an EMG in 2019 showed no cervical radiculopathy.", "M54.12"),
    ("A venous duplex of the left leg in March revealed no deep vein thrombosis.", "I82.402"),
])
def test_a_study_that_read_nothing_but_a_conditions_absence_answers_it(extractor, summary, code):
    """A study whose whole reading is that the condition is absent answered the question it was done for: the
    condition is denied (one absence among findings is a finding)."""
    assert diagnoses(extractor, summary).get(code) == (True, False)


@pytest.mark.parametrize("summary", [
    # denied past the part it was weighed to play
    "Her diagnoses include insomnia. Depression as a source of her fatigue was not supported by the testing.",
    "Her diagnoses include insomnia. Depression, as the cause of her poor sleep, was excluded by the psychologist.",
    "Her diagnoses include insomnia. Depression, as an explanation for her fatigue, was set aside by the psychologist.",
    # weighed and then ended
    "Her diagnoses include insomnia. Depression was suspected by her internist in 2016 and has resolved.",
    # a diagnosis revised later in its sentence
    "Her diagnoses include insomnia. Her first physician diagnosed depression; as the low mood lifted within weeks, "
    "that diagnosis was revised in 2019.",
])
def test_a_condition_denied_past_its_role_ended_after_a_suspicion_or_its_diagnosis_revised(extractor, summary):
    """Family: a condition weighed as the source, cause or explanation of a complaint and denied after that aside;
    one suspected that has since resolved; a diagnosis later revised, replaced or superseded (not one revised to
    include more)."""
    got = diagnoses(extractor, summary)
    assert got["F32.A"] == (True, False)
    assert got["G47.00"] == (False, False)


@pytest.mark.parametrize("summary", [
    "Her diagnoses include insomnia. An early working diagnosis of depression did not survive the psychological "
    "testing of 2019, which was normal.",
    "Diagnoses:\n1. Insomnia\n2. Depression - PHQ-9 of 3 in 02/2016; no longer carried\n3. Obesity",
    "Diagnoses:\n1. Insomnia\n2. Depression - queried in 2015; the diagnosis was never made\n3. Obesity",
    # in a relative clause; taken off a list by a verb before it; a label a clinician would not adopt
    "Her diagnoses include insomnia. A screening score gave her a label of depression that did not hold up at the "
    "psychologist's evaluation.",
    "Her diagnoses include insomnia. The psychiatrist has since taken depression off her problem list.",
    "Her diagnoses include insomnia. Her PCP struck depression off the active problem list in 2020.",
    "Her diagnoses include insomnia. Her PCP raised depression in 2019; the psychologist would not adopt that label.",
    "Her diagnoses include insomnia. Her PCP wondered about depression; the psychiatrist declined to make that diagnosis.",
    # replaced, past who made it
    "Her diagnoses include insomnia. The depression diagnosed by her first psychologist was replaced by PTSD.",
    # answered by a word for the diagnosis or a pronoun: struck, no longer on any list, declined to diagnose it
    "Her diagnoses include insomnia. Her PCP suspected depression, but the psychiatrist struck that diagnosis.",
    "Her diagnoses include insomnia. Her PCP suspected depression; the PHQ-9 was 2, and the diagnosis no longer appears "
    "on any list.",
    "Her diagnoses include insomnia. The QME wondered about depression, found no low mood, and declined to diagnose it.",
    "Her diagnoses include insomnia. A prior provider floated depression in 2013; the psychologist did not make that "
    "diagnosis.",
])
def test_a_working_diagnosis_that_did_not_hold_or_is_no_longer_carried(extractor, summary):
    """Family: a diagnosis that `did not survive` or `hold up` to a test (also in a relative clause), one taken or
    struck off a problem list or that no longer appears on one, one a later clinician would not adopt, struck or declined
    to make, one raised (`floated`) and answered so, and a list item `no longer carried` or whose `diagnosis was never
    made`, is denied."""
    assert diagnoses(extractor, summary)["F32.A"] == (True, False)


@pytest.mark.parametrize(("summary", "expected"), [
    ("Diagnoses: insomnia. Ringing in the left ear after the fall was looked at by an ENT; the tinnitus has since "
     "faded away.", {"G47.00": (False, False), "H93.19": (True, False)}),
    ("Diagnoses: insomnia. Her gastritis dissipated once the ibuprofen was stopped.",
     {"G47.00": (False, False), "K29.70": (True, False)}),
    # guards: a list that only comes from a problem list; a complaint that faded
    ("Diagnoses: insomnia and hypertension from the problem list.", {"G47.00": (False, False), "I10": (False, False)}),
    ("Diagnoses: insomnia and hypertension. The headaches have faded.", {"G47.00": (False, False), "I10": (False, False)}),
])
def test_a_condition_that_faded_has_ended(extractor, summary, expected):
    """Family: a condition that `faded` or `dissipated` has ended, as one that resolved or cleared has."""
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "wording"), [
    ("Diagnoses:\n1) Plantar fasciitis, bilateral\n2) Tarsal tunnel syndrome, right\n3) Sprain of right ankle, resolved\n",
     "sprain of right ankle"),
    ("Diagnoses:\n1) Tarsal tunnel syndrome, right\n2) Tear of left medial meniscus - excluded by MRI\n",
     "tear of left medial meniscus"),
])
def test_a_part_with_its_side_and_no_article_names_the_item_its_verdict_ends(extractor, summary, wording):
    """Family: 'X of <side> <part>' without 'the', as a code's title writes it ('Sprain of right ankle'), is the
    condition, so the verdict at its item's end is its own, not the item's before it."""
    got = {d["text"].lower(): d["negated"] for d in history(extractor, summary)["diagnoses"]}
    assert got[wording] is True and got["tarsal tunnel syndrome"] is False


def test_a_diagnosis_revised_to_include_another_stands(extractor):
    got = diagnoses(extractor, "Diagnoses: insomnia. He was diagnosed with depression; that diagnosis was revised to "
                               "include anxiety.")
    assert got["F32.A"] == (False, False)


@pytest.mark.parametrize("summary", [
    "Diagnoses: insomnia. A recurrent tear of the left medial meniscus was weighed, but the surgeon ruled it out.",
    "Diagnoses: insomnia. A tear of the medial meniscus was considered; the MRI did not confirm it.",
])
def test_a_condition_written_of_the_part_with_its_article_and_side(extractor, summary):
    """Family: a wording the catalogue keeps as 'X of <part>' ('tear of medial meniscus') written with 'the' and a
    side ('tear of the left medial meniscus') is that condition, so the pronoun that denies it is its own and not the
    condition named before."""
    conditions = history(extractor, summary)["diagnoses"]
    assert [(d["negated"]) for d in conditions if "meniscus" in d["text"]] == [True]
    assert diagnoses(extractor, summary) == {"G47.00": (False, False)}


@pytest.mark.parametrize(("summary", "expected"), [
    # never filled in the worker's own clause, in the past or present tense
    ("PRESCRIBED, NEVER FILLED: Nucynta (tapentadol) 50 mg - written 01/07/2021; pt did not fill, reports she is afraid "
     "of opioids.", {"tapentadol": True}),
    ("Lyrica was prescribed in 2019; she did not fill it because of the cost.", {"pregabalin": True}),
    # an intolerance whose item says it was taken and stopped
    ("INTOLERANCES: Lyrica - ankle swelling, weight gain (stopped 2019). Gabapentin - sleepiness (stopped 2020).",
     {"pregabalin": False, "gabapentin": False}),
    ("Allergies: codeine (hives); morphine (itching).", {"codeine": True, "morphine": True}),
    # an allergy a list item's note charts after its colon
    ("Medications:\n- Naproxen 550 mg: twice daily, current\n- Celecoxib: charted as an allergy (facial swelling)\n"
     "- Soma 350 mg: discontinued 09/2017", {"naproxen": False, "celecoxib": True, "carisoprodol": False}),
    # a compound named in prose, its ingredients each with its strength, in the order written
    ("A compounded cream of ketoprofen 10%, cyclobenzaprine 3% and lidocaine 5% was dispensed in 12/2024.",
     {"ketoprofen/cyclobenzaprine/lidocaine": False}),
    ("She takes ibuprofen 800 mg, gabapentin 300 mg and Norco.",
     {"ibuprofen": False, "gabapentin": False, "hydrocodone/acetaminophen": False}),
])
def test_drugs_never_filled_intolerances_stopped_and_compounds_in_prose(extractor, summary, expected):
    assert medications(extractor, summary) == expected


@pytest.mark.parametrize("summary", [
    "She declined a prescription for Xanax, and hydroxyzine was stopped because it made her drowsy at work.",
    "He refused Lyrica; gabapentin was later tapered.",
])
def test_a_drug_whose_own_clause_tells_its_use_is_outside_a_refusal_before_it(extractor, summary):
    """Family: a refusal's reach ends at a drug whose own verb tells it was taken ('was stopped', 'was tapered')."""
    got = medications(extractor, summary)
    assert sorted(got.values()) == [False, True]


def test_a_wording_with_its_article_and_side_keeps_the_catalogues_code_at_that_side(extractor):
    """'complex regional pain syndrome of the left upper limb' is the catalogue's 'complex regional pain syndrome of
    upper limb' on the left."""
    got = diagnoses(extractor, "Diagnoses: insomnia. Complex regional pain syndrome of the left upper limb was considered "
                               "in 2023, but he did not meet the Budapest criteria.")
    assert got == {"G47.00": (False, False), "G90.512": (True, False)}


def test_a_condition_said_by_its_adjective_before_later_statements(extractor):
    """A condition the worker is said to be (`she is morbidly obese`) is stated wherever the summary states other
    conditions after it."""
    got = diagnoses(extractor, "Her diagnoses are insomnia and lumbar sprain. Her comorbid conditions are "
                               "considerable. She is morbidly obese, 5 feet 3 inches tall. She has type 2 diabetes. She also carries diagnoses "
                               "of hypertension and asthma.")
    assert got["E66.01"] == (False, False) and got["E11.9"] == (False, False)


@pytest.mark.parametrize(("summary", "negated"), [
    ("Review of systems: negative for reflux, negative for sleep apnea.", True),
    ("He has reflux, treated with omeprazole.", False),
])
def test_reflux_alone_is_acid_reflux(extractor, summary, negated):
    assert diagnoses(extractor, "Diagnoses: insomnia. " + summary)["K21.9"] == (negated, False)


@pytest.mark.parametrize(("summary", "expected"), [
    ("Diagnoses: insomnia. Because his father has gout, gout and pseudogout were both weighed; the tap showed no crystals.",
     {"M10.9": (True, False), "M11.20": (True, False)}),
    ("Diagnoses: insomnia. Since her mother has lupus, lupus was tested for, and the ANA was negative.",
     {"M32.9": (True, False)}),
    ("Diagnoses: insomnia. Because her dad has gout, gout was raised and then excluded by aspiration.",
     {"M10.9": (True, False)}),
    # the relative's own conditions stay theirs
    ("Diagnoses: insomnia. Because his father has gout and diabetes, he watches his diet.", {}),
])
def test_a_condition_that_opens_the_main_clause_after_a_relatives_is_the_workers(extractor, summary, expected):
    """Family: a clause about a relative's condition set off before the main clause ('Because his father has gout,
    ...') reaches no condition that opens the main clause, nor those named with it."""
    assert diagnoses(extractor, summary) == {"G47.00": (False, False), **expected}


@pytest.mark.parametrize("summary", [
    "Diagnoses: insomnia. Depression came up at a later visit, but the psychologist did not feel she met the criteria for it.",
    "Diagnoses: insomnia. Depression was brought up by her internist; the PHQ-9 was normal and that was set aside.",
])
def test_a_condition_that_came_up_or_was_brought_up_is_weighed(extractor, summary):
    assert diagnoses(extractor, summary)["F32.A"] == (True, False)


@pytest.mark.parametrize(("summary", "code"), [
    # no side: the code's leg, or its primary osteoarthritis, would be a guess
    ("After the fusion a deep vein thrombosis was suspected, but a duplex study was negative.", None),
    ("She had a DVT in 2015, treated with warfarin for six months.", None),
    ("The diagnoses are shoulder impingement syndrome and acromioclavicular joint osteoarthritis.", None),
    # the side written with it, or with the one limb its sentence names
    ("She had a deep vein thrombosis of the right leg in 2015, treated with warfarin.", "I82.401"),
    ("When her left calf swelled a deep vein thrombosis was suspected, but the duplex was negative.", "I82.402"),
    ("The diagnoses are right shoulder impingement syndrome and right acromioclavicular joint osteoarthritis.", "M19.011"),
])
def test_a_condition_coded_only_with_its_side(extractor, summary, code):
    """Family: conditions whose unsided code guesses at more than the side (a deep vein thrombosis's leg, the AC
    joint's osteoarthritis as primary) are coded only where the letter writes the side (`side` in
    ontology/diagnoses.tsv); their sentence's one sided part gives it."""
    named = [d["icd10cm"] for d in history(extractor, summary)["diagnoses"]
             if any(word in d["text"].lower() for word in ("thrombosis", "dvt", "acromioclavicular"))]
    assert named == [code]


@pytest.mark.parametrize(("summary", "wording", "code"), [
    # the words leave the code to a detail they do not give: the tendon, the cause, the kind of arthritis
    ("Diagnoses: right SI joint dysfunction and lumbar strain.", "SI joint dysfunction", None),
    ("The pain specialist listed sacroiliac joint dysfunction on the left.", "sacroiliac joint dysfunction", None),
    ("He has bilateral wrist flexor tendinitis from the assembly line.", "wrist flexor tendinitis", None),
    ("Her orthopedist diagnosed left rotator cuff tendinosis.", "rotator cuff tendinosis", None),
    ("Her surgeon's impression was right shoulder tendinitis.", "shoulder tendinitis", None),
    ("Assessment: L4-5 and L5-S1 lumbar facet syndrome.", "lumbar facet syndrome", None),
    ("Diagnoses: cervical myelopathy, under evaluation.", "cervical myelopathy", None),
    ("After the second operation she developed arachnoiditis.", "arachnoiditis", None),
    ("The diagnoses are left shoulder impingement syndrome and left AC joint arthritis.", "AC joint arthritis", None),
    ("The diagnoses are impingement syndrome and arthrosis of the right acromioclavicular joint.",
     "arthrosis of the right acromioclavicular joint", None),
    ("He gives a history of substance abuse in his twenties.", "substance abuse", None),
    # guards: the detail written
    ("Assessment: right De Quervain's tenosynovitis.", "De Quervain's tenosynovitis", "M65.4"),
    ("He has left Achilles tendinitis.", "Achilles tendinitis", "M76.62"),
    ("The diagnoses include cervical spondylotic myelopathy.", "cervical spondylotic myelopathy", "M47.12"),
    ("The diagnoses are right shoulder impingement syndrome and right AC joint osteoarthritis.", "AC joint osteoarthritis",
     "M19.011"),
    ("She has right sacroiliitis.", "sacroiliitis", "M46.1"),
    ("He denies alcohol abuse.", "alcohol abuse", "F10.10"),
])
def test_a_condition_whose_words_leave_its_code_to_a_detail_not_written(extractor, summary, wording, code):
    """Family: conditions named but left uncoded in ontology/diagnoses.tsv because their words do not decide the code
    (which tendon, what caused the myelopathy, primary or post-traumatic arthritis, alcohol or drugs); the same
    condition with the detail written is coded."""
    named = {d["text"].lower(): d["icd10cm"] for d in history(extractor, summary)["diagnoses"]}
    assert [c for text, c in named.items() if wording.lower() in text] == [code]


@pytest.mark.parametrize(("summary", "code"), [
    ("Diagnoses: post-traumatic arthritis of the left hip.", "M16.52"),
    ("Diagnoses: posttraumatic arthritis of the right ankle.", "M19.171"),
    ("Diagnoses: right sciatic neuropathy after the pelvic fracture.", "G57.01"),
    ("Diagnoses: status post left below-knee amputation.", "Z89.512"),
    ("Diagnoses: acquired absence of right upper limb below elbow; phantom limb pain.", "Z89.211"),
    ("Diagnoses: phantom limb pain.", "G54.6"),
    ("Diagnoses: hypertrophic scars of the left forearm.", "L91.0"),
    ("Diagnoses: Raynaud's phenomenon.", "I73.00"),
    ("Diagnoses: painful neuroma of the residual limb.", "T87.30"),
    ("Diagnoses: left patellar tendinitis.", "M76.52"),
    ("Diagnoses: right posterior tibial tendinitis.", "M76.821"),
    # a burn's scars, a jaw's joint, the eye and the lungs
    ("Diagnoses: hypertrophic scarring of the left forearm after a flash burn.", "L91.0"),
    ("Diagnoses: scar contracture of the left first web space.", "L90.5"),
    ("Diagnoses: arthralgia of the right temporomandibular joint.", "M26.621"),
    ("Diagnoses: sleep bruxism.", "G47.63"),
    ("Diagnoses: early nuclear cataract of the left eye.", "H25.12"),
    ("Diagnoses: acute pulmonary coccidioidomycosis.", "B38.0"),
])
def test_conditions_of_injuries_and_their_aftermath_are_coded(extractor, summary, code):
    assert diagnoses(extractor, summary).get(code) == (False, False)


# ---- drugs not taken after all --------------------------------------------------------------------

@pytest.mark.parametrize(("summary", "generic"), [
    ("She was given a prescription for Celebrex, which she says she never filled.", "celecoxib"),
    ("He was prescribed tizanidine, which he never took.", "tizanidine"),
    ("Nortriptyline was proposed for sleep, but she chose not to take it.", "nortriptyline"),
    ("Duloxetine was suggested for pain and mood, but he preferred not to change medications.", "duloxetine"),
    ("Topiramate was discussed, and she decided not to start it.", "topiramate"),
    # a relative clause whose choice has no object of its own
    ("Her internist wrote a script for Ultram, which she elected not to fill.", "tramadol"),
    ("He was offered baclofen, which he decided against.", "baclofen"),
    ("An old pharmacy printout shows Ambien, which he denies ever taking.", "zolpidem"),
    ("The AME proposed Effexor, which the employee declined out of worry about weight gain.", "venlafaxine"),
    # a dose or one of them never taken
    ("His internist prescribed Maxalt, but he never took a dose.", "rizatriptan"),
    ("A Flector patch was authorized in 2014, but he never applied one.", "diclofenac"),
    # the prescription named by a word for it
    ("Lyrica was prescribed in June, and the pharmacy log shows that prescription was never filled.", "pregabalin"),
    # two verbs of not having it
    ("The urgent care wrote for Ultram, but she says she never filled or took it.", "tramadol"),
])
def test_a_drug_the_worker_chose_not_to_take_is_negated(extractor, summary, generic):
    assert medications(extractor, summary).get(generic) is True


@pytest.mark.parametrize(("summary", "generic"), [
    ("Her internist suggested Zepbound (tirzepatide) last spring, but she preferred to wait.", "tirzepatide"),
    ("Nucynta (tapentadol) was offered in 2021, and he chose not to take it.", "tapentadol"),
])
def test_a_drug_named_with_its_other_name_in_brackets_is_one_mention(extractor, summary, generic):
    """The other name in brackets says nothing of its own: what follows the pair is the drug's."""
    assert medications(extractor, summary)[generic] is True


@pytest.mark.parametrize("summary", [
    "Meloxicam was tried and stopped for heartburn, and she says that she never took the Ultram her internist wrote for.",
    "He used meloxicam for a year; he states that he did not take the gabapentin offered in 2019.",
    "She used meloxicam in 2017 and stopped it for heartburn. She says that she has never taken tramadol.",
])
def test_a_clause_that_tells_of_another_drug_not_taken_leaves_the_one_before(extractor, summary):
    """'that' after a reporting verb opens what was said, not a relative clause of the drug before: the drug
    the clause names as its object is the one not taken."""
    assert medications(extractor, summary).get("meloxicam") is False


def test_choosing_not_to_take_one_drug_leaves_the_one_taken(extractor):
    assert medications(extractor, "He takes meloxicam daily and chose not to take the tramadol.") \
        .get("meloxicam") is False


def test_a_drug_with_two_letters_swapped_is_read(extractor):
    assert medications(extractor, "Current medications: Lyrcia 50 mg twice daily.") == {"pregabalin": False}


# ---- care received ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("summary", "service"), [
    ("She was placed in a wrist splint at the clinic.", "durable-medical-equipment"),
    ("He was fitted with a knee brace by the therapist.", "durable-medical-equipment"),
    ("Acupuncture was added in the spring, with little benefit.", "acupuncture"),
])
def test_care_placed_fitted_or_added_was_received(extractor, summary, service):
    assert service in prior(extractor, summary)


@pytest.mark.parametrize("summary", [
    "A rotator cuff repair was offered, but he chose to postpone surgery until his children finished school.",
    "Knee arthroscopy was discussed and deferred while she recovered from the flu.",
])
def test_care_postponed_or_deferred_was_not_received(extractor, summary):
    assert prior(extractor, summary) == set()


def test_a_drug_declined_in_the_passive_is_negated_unless_the_payer_declined_it(extractor):
    assert medications(extractor, "Amitriptyline was offered for sleep but was declined by the worker.") \
        == {"amitriptyline": True}
    assert medications(extractor, "Lyrica was declined by the carrier in May, and she still takes it.") \
        == {"pregabalin": False}


# ---- whose clause: the worker's pronoun or a relative's ----------------------------------------------

@pytest.mark.parametrize(("summary", "expected"), [
    # the pronoun of the other sex than the worker's, after a relative of that sex: the relative's
    ("This 48 year old male mechanic lives with his wife, who drives him to visits; she has migraines herself and "
     "takes topiramate. He takes meloxicam.", {"meloxicam": False}),
    ("The applicant is a 39-year-old woman. Her husband is a diabetic. He takes insulin every morning. She takes "
     "naproxen.", {"naproxen": False}),
    # the worker's own pronoun after the relative: the worker's
    ("A 55 year old male. He looks after his mother during her chemotherapy, and he still takes tramadol at night.",
     {"tramadol": False}),
    # no relative named: a pronoun of the other sex is someone else's act, the drug still the worker's
    ("A 55 year old male. His physician saw him in May and she prescribed gabapentin, which he takes daily.",
     {"gabapentin": False}),
])
def test_a_clause_led_by_a_relatives_pronoun_is_the_relatives(extractor, summary, expected):
    assert medications(extractor, summary) == expected


def test_a_condition_in_a_relatives_clause_is_not_listed(extractor):
    found = diagnoses(extractor, "A 61 year old male. His wife came with him; she has rheumatoid arthritis and "
                                 "takes methotrexate. He has hypertension.")
    assert found == {"I10": (False, False)}


@pytest.mark.parametrize("relative", ["brother-in-law", "sister-in-law", "mother-in-law"])
def test_an_in_law_is_a_relative(extractor, relative):
    summary = f"She used a TENS unit lent by her {relative}. Her {relative}, who had a lumbar fusion, no longer uses it."
    assert prior(extractor, summary) == {"durable-medical-equipment"}


def test_care_the_worker_is_ready_to_go_ahead_with_is_not_received(extractor):
    assert prior(extractor, "She had twelve sessions of physical therapy, and she is now ready to proceed with "
                            "arthroscopic surgery.") == {"physical-therapy"}


def test_a_drug_continued_after_a_recommendation_is_taken(extractor):
    assert medications(extractor, "Injections were recommended, and he continued to take celecoxib daily.") \
        == {"celecoxib": False}


@pytest.mark.parametrize(("summary", "expected"), [
    ("Her daughter has asthma and uses an albuterol inhaler. She takes celecoxib.", {"celecoxib": False}),
    ("His father had gout and was on allopurinol for years. He takes meloxicam.", {"meloxicam": False}),
    ("Her mother has long-standing rheumatoid arthritis treated with methotrexate. She takes celecoxib.",
     {"celecoxib": False}),
    ("His brother has epilepsy, well controlled on levetiracetam. He takes meloxicam.", {"meloxicam": False}),
])
def test_a_relatives_condition_then_the_drug_for_it_is_the_relatives(extractor, summary, expected):
    """Family: one relative the subject of both verbs ('has X and takes Y'), or the relative's condition told with
    its treatment ('has X treated with Y', 'controlled on Y')."""
    assert medications(extractor, summary) == expected


def test_a_family_history_under_its_label_is_the_relatives_up_to_the_next_label(extractor):
    summary = ("Past medical history: hypertension. Family history: Mother is living, with type 2 diabetes treated with "
               "insulin. A brother has epilepsy and is stable on levetiracetam. Current medications: meloxicam daily.")
    assert medications(extractor, summary) == {"meloxicam": False}
    assert diagnoses(extractor, summary) == {"I10": (False, False)}


@pytest.mark.parametrize(("summary", "code"), [
    ("The first examiner attributed her groin pain to a right inguinal hernia, but an ultrasound showed no hernia.",
     "K40.90"),
    ("Her physician attributed the tingling to a C7 cervical radiculopathy, but the EMG showed no evidence of "
     "cervical radiculopathy.", "M54.12"),
])
def test_a_condition_the_state_was_put_down_to_and_a_test_then_showed_absent_is_negated(extractor, summary, code):
    assert diagnoses(extractor, summary).get(code) == (True, False)


@pytest.mark.parametrize("summary", [
    "Family history:\n- Father: gout, on colchicine\n- Aunt: epilepsy, treated with levetiracetam\n"
    "Current medications: meloxicam daily.",
    "FH: Maternal grandmother: asthma, uses albuterol. Brother: seizures, maintained on levetiracetam.\n"
    "MEDICATIONS: meloxicam.",
    "Family History:\n\n- Mother: epilepsy, on levetiracetam\n\nSocial History: married.\n\n"
    "Medications: meloxicam.",
])
def test_a_relatives_own_label_goes_on_with_the_family_history(extractor, summary):
    """Family: each relative under a family history on a label of their own ('Mother: ...') is still in it; the
    next label that names no relative ends it at its colon (the drug ending the line before is the relative's)."""
    assert medications(extractor, summary) == {"meloxicam": False}
    assert diagnoses(extractor, summary) == {}


@pytest.mark.parametrize("summary", [
    "A 61-year-old woman takes gabapentin. Her husband is diabetic; he uses insulin, and she draws up his insulin at "
    "night.",
    "A 58-year-old man takes gabapentin. His wife has epilepsy and he gives her levetiracetam every evening.",
    # a relative's condition kept in check by a drug, by the possessive
    "A 58-year-old man takes gabapentin. (The father's gout has been controlled with allopurinol for many years.)",
    "A 61-year-old woman takes gabapentin. Her mother's diabetes is managed with metformin.",
])
def test_a_drug_the_relatives_possessive_names_is_theirs(extractor, summary):
    assert medications(extractor, summary) == {"gabapentin": False}
    assert diagnoses(extractor, summary) == {}


@pytest.mark.parametrize("summary", [
    "Current medications are OxyContin 20 mg every 12 hours and Percocet 10/325 for breakthrough pain. Utilization "
    "review modified the OxyContin for weaning.",
    "She takes Percocet 10/325 and OxyContin 20 mg twice a day; her physician wants to taper the OxyContin.",
])
def test_a_brand_named_again_is_its_own_drug(extractor, summary):
    """'the OxyContin' is that product, not the generic ingredient of another drug named before."""
    assert medications(extractor, summary) == {"oxycodone": False, "oxycodone/acetaminophen": False}


def test_a_family_history_ends_where_a_sentence_tells_of_the_worker_again(extractor):
    summary = ("He smokes. Family history: his mother has lupus and his brother is maintained on methadone.\n\n"
               "He completed eight sessions of physical therapy in 2015 and takes naproxen.")
    assert prior(extractor, summary) == {"physical-therapy"}
    assert medications(extractor, summary) == {"naproxen": False}


@pytest.mark.parametrize(("summary", "code"), [
    ("Her first physician attributed the arm tingling to a C6 cervical radiculopathy and ordered an MRI. Months "
     "later the EMG showed no evidence of cervical radiculopathy.", "M54.12"),
    ("The chiropractor considered the buttock pain to be referred from left sacroiliitis. Provocation tests were "
     "negative, and sacroiliitis was ruled out.", "M46.1"),
])
def test_what_the_state_was_put_down_to_gives_way_to_a_later_denial(extractor, summary, code):
    assert diagnoses(extractor, summary).get(code) == (True, False)


def test_a_condition_suspected_after_a_statements_cue_is_weighed_not_stated(extractor):
    summary = ("Two months after the fracture she developed swelling and color change in the hand, and her surgeon "
               "suspected complex regional pain syndrome. The pain physician found that she did not meet the "
               "Budapest criteria and that complex regional pain syndrome was not present.")
    assert diagnoses(extractor, summary).get("G90.50") == (True, False)


@pytest.mark.parametrize(("summary", "expected"), [
    ("Buprenorphine was offered, but she declined; her cousin had died of a fentanyl overdose.",
     {"buprenorphine": True}),
    ("He takes tramadol. A friend of his died from an overdose of oxycodone last year.", {"tramadol": False}),
    ("The CURES report showed alprazolam dispensed by a second prescriber. She takes sertraline.",
     {"sertraline": False}),
])
def test_a_drug_named_as_what_harmed_someone_or_a_report_shows_dispensed_is_no_drug_taken(extractor, summary, expected):
    assert medications(extractor, summary) == expected


@pytest.mark.parametrize("summary", [
    "A 58 year old male. His daughter, who helps him with shopping, is a diabetic and takes insulin. He takes naproxen.",
    "A 58 year old male. He lives with his brother, who also has arthritis and was recently started on insulin. "
    "He takes naproxen.",
])
def test_a_relatives_drug_after_an_apposition_and_coordinated_verbs_is_theirs(extractor, summary):
    assert medications(extractor, summary) == {"naproxen": False}


def test_a_drug_in_an_organisms_name_is_no_drug(extractor):
    assert medications(extractor, "The wound culture grew methicillin-resistant Staphylococcus aureus, and she "
                                  "completed a course of doxycycline.") == {"doxycycline": False}


@pytest.mark.parametrize(("summary", "service"), [
    ("Her knee did not improve with a hinged brace or with physical therapy.", "physical-therapy"),
    ("After the fracture he was kept in a short leg cast and then a walking boot.", "durable-medical-equipment"),
    ("The wrist was immobilized in a thumb spica splint for six weeks.", "durable-medical-equipment"),
])
def test_care_that_did_not_help_or_kept_the_part_still_was_received(extractor, summary, service):
    assert service in prior(extractor, summary)


def test_a_relative_diagnosed_with_a_condition_is_not_the_worker(extractor):
    assert diagnoses(extractor, "His mother was diagnosed with Parkinson's disease last year. He has "
                                "hypertension.") == {"I10": (False, False)}


def test_medical_problems_named_as_a_list_are_stated(extractor):
    assert diagnoses(extractor, "Her other medical problems include asthma and gastroesophageal reflux disease.") \
        == {"J45.909": (False, False), "K21.9": (False, False)}


@pytest.mark.parametrize(("summary", "codes"), [
    ("Past medical history includes type 2 diabetes, for which he takes metformin, hypertension, for which he takes "
     "lisinopril, and hyperlipidemia.", {"E11.9", "I10", "E78.5"}),
    ("Her history includes migraines as a teenager, which have not recurred for a decade, and hypothyroidism.",
     {"G43.909", "E03.9"}),
    # ... and a condition the worker has
    ("He has hypertension, which he controls with diet, and type 2 diabetes.", {"I10", "E11.9"}),
    ("He has chronic obstructive pulmonary disease after years of smoking, which he gave up in 2015, and type 2 "
     "diabetes that is controlled by diet.", {"J44.9", "E11.9"}),
    # (not the clause's own subject after 'and')
    ("He has hypertension, which was found in 2015, and he takes lisinopril for it.", {"I10"}),
])
def test_a_list_statement_goes_on_past_a_relative_clause_set_off_by_commas(extractor, summary, codes):
    assert set(diagnoses(extractor, summary)) == codes


def test_a_word_the_vocabularies_spell_so_is_no_misspelt_drug(extractor):
    """'relief' is one letter from a brand of nabumetone (Relif), and a word the code set and guidelines use."""
    assert medications(extractor, "Facet blocks gave only brief relief, and gabapentin was started.") \
        == {"gabapentin": False}


@pytest.mark.parametrize("summary", [
    "Physical therapy helped, with a decrease in his pain medication for two months.",
    "He has had physical therapy, and his medications have included tramadol and naproxen.",
    "She had physical therapy; a urine drug screen in May was consistent with her prescriptions.",
])
def test_medication_named_as_an_outcome_a_drug_list_or_a_test_result_is_no_care(extractor, summary):
    assert prior(extractor, summary) == {"physical-therapy"}


@pytest.mark.parametrize(("summary", "parts"), [
    ("She reports numbness in the right thumb, index and middle fingers.",
     {"right thumb", "right index finger", "right middle finger"}),
    ("He complains of pain in the left wrist and hand.", {"left wrist", "left hand"}),
    ("He complains of pain in both knees and the low back.", {"right knee", "left knee", "low back"}),
])
def test_a_part_named_with_a_sided_one_shares_its_side_where_the_body_has_two(extractor, summary, parts):
    assert body_parts(extractor, summary) == parts


@pytest.mark.parametrize(("summary", "expected"), [
    ("Medications: tramadol 50 mg bid and meloxicam 15 mg daily; drug screens have been consistent.",
     {"tramadol": False, "meloxicam": False}),
    ("She takes sertraline; a urine drug screen in May was positive for cocaine.", {"sertraline": False}),
])
def test_a_drug_listed_beside_a_test_result_in_another_clause_is_taken(extractor, summary, expected):
    assert medications(extractor, summary) == expected


def test_a_drug_of_someone_elses_is_not_the_workers(extractor):
    assert medications(extractor, "She takes naproxen; once she took two of her roommate's hydrocodone tablets.") \
        == {"naproxen": False}


@pytest.mark.parametrize(("summary", "code"), [
    ("Older clinic notes listed fibromyalgia. The rheumatologist examined her in 2017 and concluded that she does "
     "not have fibromyalgia.", "M79.7"),
    ("His therapist diagnosed posttraumatic stress disorder. The agreed medical evaluator opined that he did not "
     "meet criteria for posttraumatic stress disorder.", "F43.10"),
])
def test_an_evaluators_later_conclusion_that_a_condition_is_absent_outweighs_its_statement(extractor, summary, code):
    assert diagnoses(extractor, summary).get(code) == (True, False)


def test_a_tests_finding_does_not_outweigh_a_stated_condition(extractor):
    assert diagnoses(extractor, "Diagnoses: lumbar radiculopathy. The EMG showed no evidence of lumbar "
                                "radiculopathy.").get("M54.16") == (False, False)


def test_a_drug_in_a_relatives_own_relative_clause_is_theirs(extractor):
    assert medications(extractor, "Migraine runs in the family: her brother, who is treated with topiramate, and "
                                  "her mother. She takes sumatriptan.") == {"sumatriptan": False}


def test_a_conclusion_on_a_condition_unspecified_is_one_on_its_finer_kind_stated_before(extractor):
    found = diagnoses(extractor, "The first evaluator diagnosed adjustment disorder with depressed mood. A year later "
                                 "the psychologist concluded that she no longer has an adjustment disorder.")
    assert found == {"F43.21": (True, False)}


def test_a_relatives_condition_diagnosed_in_a_relative_clause_is_theirs(extractor):
    assert diagnoses(extractor, "She looks after her daughter, who was recently diagnosed with type 1 diabetes. She "
                                "has hypertension.") == {"I10": (False, False)}


def test_a_relatives_drug_after_a_clause_telling_their_treatment_is_theirs(extractor):
    assert medications(extractor, "A 50 year old woman. Her brother, who has also been treated for anxiety, takes "
                                  "buspirone. She takes duloxetine.") == {"duloxetine": False}


def test_a_condition_weighed_then_its_criteria_unmet_in_the_next_sentence_is_negated(extractor):
    summary = ("Her surgeon raised the question of complex regional pain syndrome in March because of swelling and "
               "color change in the hand. The pain specialist who saw her in April concluded that she did not meet "
               "the Budapest criteria.")
    assert diagnoses(extractor, summary).get("G90.50") == (True, False)


@pytest.mark.parametrize("summary", [
    "PMH: denies DM2 or HTN; nonsmoker. Diagnoses: insomnia.",
    "Past medical history - denies DM2 or HTN. Diagnoses: insomnia.",
])
def test_a_history_label_then_denies_negates_what_follows(extractor, summary):
    """Family: 'denies' after a label leads what it denies; only 'denied' or 'absent' after a label looks back
    ('Chest pain: denied')."""
    assert diagnoses(extractor, summary) == {"E11.9": (True, False), "I10": (True, False), "G47.00": (False, False)}


@pytest.mark.parametrize(("summary", "code"), [
    ("Diagnoses: insomnia. Thoracic outlet syndrome (TOS) was also considered, but the MRI was normal.", "G54.0"),
    ("Diagnoses: insomnia. Complex regional pain syndrome (CRPS) was suspected; however, the bone scan was normal.",
     "G90.50"),
])
def test_a_weighed_condition_with_its_short_name_after_it_is_denied(extractor, summary, code):
    assert diagnoses(extractor, summary)[code] == (True, False)


@pytest.mark.parametrize(("summary", "expected"), [
    # weighed on a differential, then answered
    ("Diagnoses: insomnia. Ulnar neuropathy was on the working differential, but the nerve studies were normal.",
     {"G56.20": (True, False)}),
    ("Diagnoses: insomnia. Her first examiner's differential included cubital tunnel syndrome and de Quervain "
     "tenosynovitis; both provocative tests were negative.", {"G56.20": (True, False), "M65.4": (True, False)}),
    # conditions named together, weighed and answered together
    ("Diagnoses: insomnia. Gout and pseudogout were both suspected, but no crystals were found on the tap.",
     {"M10.9": (True, False), "M11.20": (True, False)}),
    ("Diagnoses: insomnia. Septic arthritis or gout was considered; the joint fluid culture was negative.",
     {"M00.9": (True, False), "M10.9": (True, False)}),
    # set aside by a pronoun, or found unsupported
    ("Diagnoses: insomnia. Frozen shoulder had been raised at the first visit, but it is no longer being considered.",
     {"M75.00": (True, False)}),
    ("Diagnoses: insomnia. A hand surgeon evaluated him for carpal tunnel syndrome and found nothing to support it.",
     {"G56.00": (True, False)}),
    ("Diagnoses: insomnia. Cervical radiculopathy and thoracic outlet syndrome were raised early; neither was "
     "confirmed.", {"M54.12": (True, False), "G54.0": (True, False)}),
    # what the one who read a test concluded, or a condition excluded in a clause of its own, is no image's finding
    ("Diagnoses: insomnia. The nerve conduction study showed slowing at the elbow, and the neurologist concluded that "
     "carpal tunnel syndrome was not present.", {"G56.00": (True, False)}),
    ("Diagnoses: insomnia. A lumbar MRI showed no abscess; cauda equina syndrome was ruled out on the same day.",
     {"G83.4": (True, False)}),
    # answered by a finding that names the opposite
    ("Diagnoses: insomnia. Pseudarthrosis was suspected, but a CT scan showed solid fusion at L4-5.",
     {"M96.0": (True, False)}),
    ("Diagnoses: insomnia. Avascular necrosis was considered; however, the MRI showed an intact femoral head.",
     {"M87.9": (True, False)}),
])
def test_a_condition_weighed_and_answered_in_other_words(extractor, summary, expected):
    """Family: a condition on a differential, or named with others that are weighed together, is denied by what
    answers it; so is one set aside by a pronoun ('it is no longer being considered', 'neither was confirmed') or
    concluded absent by whoever read a test."""
    assert diagnoses(extractor, summary) == {"G47.00": (False, False), **expected}


@pytest.mark.parametrize(("summary", "expected"), [
    ("Diagnoses: insomnia. He had plantar fasciitis in 2012, which resolved with stretching.", {"M72.2": (True, False)}),
    ("Diagnoses: insomnia. She had a duodenal ulcer years ago that has since healed.", {"K26.9": (True, False)}),
    ("Diagnoses: insomnia. His hand numbness after the cast was put down to a median neuropathy; it resolved in "
     "weeks.", {"G56.10": (True, False)}),
    ("Diagnoses: insomnia. Her wrist pain was blamed on a de Quervain tenosynovitis of the left wrist; this settled "
     "after a splint.", {"M65.4": (True, False)}),
    # ... or named again without its site, recorded as ended
    ("Diagnoses: insomnia. She was found to have lateral epicondylitis of the right elbow. By the spring her grip had "
     "recovered, and the lateral epicondylitis was recorded as resolved.", {"M77.11": (True, False)}),
    ("Diagnoses: insomnia. After the fusion she developed a deep vein thrombosis of the left leg; she took apixaban for "
     "three months and the clot has resolved.", {"I82.402": (True, False)}),
    # a condition still present
    ("Diagnoses: insomnia. He has hypertension, which is controlled with amlodipine.", {"I10": (False, False)}),
])
def test_a_past_condition_told_with_its_end(extractor, summary, expected):
    """Family: a condition whose end is told after it, in a clause of its own ('which resolved', 'that has since
    healed') or by a pronoun ('it resolved', 'the clot has resolved'), is negated as resolved."""
    assert diagnoses(extractor, summary) == {"G47.00": (False, False), **expected}


@pytest.mark.parametrize(("summary", "code"), [
    ("Diagnoses: pseudogout of the knee; insomnia.", "M11.20"),
    ("Diagnoses: septic arthritis; insomnia.", "M00.9"),
    ("Diagnoses: left median neuropathy; insomnia.", "G56.12"),
    ("Diagnoses: cervical instability; insomnia.", "M53.2X2"),
    ("Diagnoses: lumbar discitis; insomnia.", "M46.46"),
])
def test_conditions_of_joints_nerves_and_the_spine_added_to_the_table(extractor, summary, code):
    assert diagnoses(extractor, summary) == {code: (False, False), "G47.00": (False, False)}


@pytest.mark.parametrize(("summary", "code"), [
    ("Diagnoses: PTSD, chronic; insomnia.", "F43.12"),
    ("Diagnoses: ptsd, acute; insomnia.", "F43.11"),
    ("Diagnoses: borderline personality disorder; insomnia.", "F60.3"),
    ("Diagnoses: class II obesity; insomnia.", "E66.812"),
    ("Diagnoses: Crohn's disease of the small bowel; insomnia.", "K50.00"),
    ("Diagnoses: GERD with esophagitis; insomnia.", "K21.00"),
    ("Diagnoses: hepatic steatosis; insomnia.", "K76.0"),
    ("Diagnoses: C. difficile infection; insomnia.", "A04.72"),
    ("Diagnoses: cholelithiasis; insomnia.", "K80.20"),
    ("Diagnoses: hepatitis B; insomnia.", "B19.10"),
    ("Diagnoses: preeclampsia; insomnia.", "O14.90"),
])
def test_conditions_of_the_mind_the_gut_and_pregnancy_added_to_the_table(extractor, summary, code):
    """The code set's qualifier after a name ('PTSD, chronic'), personality disorders by kind, obesity by class, where
    Crohn's disease lies, reflux with esophagitis, liver, gallbladder, infective and pregnancy conditions."""
    assert diagnoses(extractor, summary) == {code: (False, False), "G47.00": (False, False)}


@pytest.mark.parametrize(("summary", "code"), [
    ("Diagnoses: insomnia. Her gallstones were treated with an open cholecystectomy in 2004.", "K80.20"),
    ("Diagnoses: insomnia. Her gout was treated with a cortisone injection in 2019.", "M10.9"),
    ("Diagnoses: insomnia. His hypothyroidism, treated with levothyroxine, is stable.", "E03.9"),
])
def test_a_condition_treated_with_care_or_a_drug_was_had(extractor, summary, code):
    """Family: a condition the letter says was treated with care (its article or one word before it) or with a drug
    is stated as the worker's."""
    assert diagnoses(extractor, summary) == {code: (False, False), "G47.00": (False, False)}


@pytest.mark.parametrize(("summary", "expected"), [
    ("Diagnoses: insomnia. The urgent care physician wondered whether the swelling might be pseudogout. Her calcium "
     "was 9.4 mg/dL, and the knee was tapped that week; no crystals were seen.", {"M11.20": (True, False)}),
    ("Diagnoses: insomnia. The podiatrist asked if the heel pain could represent plantar fasciitis. The ultrasound "
     "was normal.", {"M72.2": (True, False)}),
    # asked about and not answered: a question, neither stated nor an item of the list above it
    ("Diagnoses: insomnia. The podiatrist wondered whether the heel pain might be plantar fasciitis.", {}),
])
def test_a_condition_asked_about_then_answered_by_the_next_sentence(extractor, summary, expected):
    """Family: a condition asked about ('wondered whether ... might be', 'asked if ... could represent') is weighed,
    and the next sentence's negative tests answer it, a decimal value in them no sentence end; a sentence asking it
    is no verbless item of the list before it."""
    assert diagnoses(extractor, summary) == {"G47.00": (False, False), **expected}


@pytest.mark.parametrize(("summary", "expected"), [
    # tested or looked for, answered after a colon or 'but'
    ("Diagnoses: insomnia. Because his brother has celiac disease, the gastroenterologist also tested for celiac "
     "disease: the tissue transglutaminase antibody was negative.", {"K90.0": (True, False)}),
    ("Diagnoses: insomnia. Her physician checked for hypothyroidism as a cause of her fatigue, but the TSH was normal.",
     {"E03.9": (True, False)}),
    ("Diagnoses: insomnia. Her numbness raised concern about a peripheral neuropathy; the nerve conduction study was "
     "normal.", {"G62.9": (True, False)}),
    # denied by 'neither ... nor', or between a verb and its particle
    ("Diagnoses: insomnia. The rheumatologist concluded that she has neither psoriatic arthritis nor gout.",
     {"L40.50": (True, False), "M10.9": (True, False)}),
    ("Diagnoses: insomnia. The psychiatrist set bipolar disorder and ADHD aside.",
     {"F31.9": (True, False), "F90.9": (True, False)}),
    # named again by the last word of its name and said to have ended
    ("Diagnoses: insomnia. She was treated for iron deficiency anemia in 2014; the anemia has since resolved.",
     {"D50.9": (True, False)}),
    ("Diagnoses: insomnia. He had acute gouty arthritis in 2015. The arthritis resolved with colchicine.",
     {"M10.9": (True, False)}),
])
def test_a_condition_tested_for_set_aside_or_ended_by_its_last_word(extractor, summary, expected):
    """Families: a condition tested or looked for and the tests normal; one a clinician has 'neither' of, sets
    aside or puts aside; one named again by its last word ('the anemia') and said to have resolved (one entry, the
    full name's). A relative's clause before the clinician's ends at the clinician."""
    assert diagnoses(extractor, summary) == {"G47.00": (False, False), **expected}


def test_an_injury_named_again_by_its_last_words_and_healed_is_one_negated_entry(extractor):
    summary = "Urgent care diagnosed a right ankle sprain and fitted a boot; the ankle sprain healed by the spring."
    got = [(d["text"], d["negated"]) for d in history(extractor, summary)["diagnoses"]]
    assert got == [("right ankle sprain", True)]


@pytest.mark.parametrize(("summary", "expected"), [
    ("Diagnoses: bipolar 2 disorder; cyclothymic disorder.", {"F31.81": (False, False), "F34.0": (False, False)}),
    ("Diagnoses: left elbow stiffness; right knee stiffness.", {"M25.622": (False, False), "M25.661": (False, False)}),
    # stiffness the worker developed or complains of is a symptom, not a condition stated
    ("Diagnoses: insomnia. Over the winter he developed swelling and stiffness of the left wrist.",
     {"G47.00": (False, False)}),
    ("Diagnoses: insomnia. She complains of knee stiffness.", {"G47.00": (False, False)}),
])
def test_bipolar_kinds_and_joint_stiffness(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # a body system's history under its label lists the worker's conditions
    ("Cardiac history:\n- Hypertrophic cardiomyopathy\n- Hyperkalemia on spironolactone, resolved when it was stopped",
     {"I42.2": (False, False), "E87.5": (True, False)}),
    # infections, a nodule, a transplant's rejection
    ("Diagnoses: HIV infection; latent tuberculosis; shingles in 2017, resolved; IgA nephropathy.",
     {"B20": (False, False), "Z22.7": (False, False), "B02.9": (True, False), "N02.8": (False, False)}),
    ("Diagnoses: insomnia. Graves' disease was suspected, but her TSH receptor antibodies were negative.",
     {"G47.00": (False, False), "E05.00": (True, False)}),
    ("Diagnoses: insomnia. The hand surgeon suspected left cubital tunnel syndrome, but the nerve studies were "
     "normal.", {"G47.00": (False, False), "G56.22": (True, False)}),
    ("Diagnoses: pulmonary nodule. Lung cancer was suspected, but the bronchoscopic biopsy was benign.",
     {"R91.8": (False, False), "C34.90": (True, False)}),
    # a long item ended by the verb alone; a stone that passed; a terse item weighed and answered
    ("Medical history:\n- Deep vein thrombosis of the right calf in 03/2012, two weeks after a long flight, treated "
     "with rivaroxaban for three months; resolved\n- Kidney stone in 2009, which passed on its own\n- Carpal tunnel "
     "syndrome - suspected; nerve conduction studies negative", {"I82.401": (True, False), "N20.0": (True, False),
                                                                  "G56.00": (True, False)}),
    # a co-worker told of in a relative clause, then diagnosed
    ("Diagnoses: insomnia. A co-worker who was also on shift that night was later diagnosed with posttraumatic stress "
     "disorder.", {"G47.00": (False, False)}),
    # a history label without its system is a narrative, not a list of conditions
    ("History: 45-year-old roofer with low back pain after a fall.", {}),
])
def test_system_histories_infections_and_endocrine_conditions(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


def test_a_stimulation_test_names_no_drug(extractor):
    assert medications(extractor, "She takes Percocet. A cosyntropin stimulation test was normal.") == {
        "oxycodone/acetaminophen": False}


@pytest.mark.parametrize("summary", [
    "Her history includes a small bowel resection in 2010.",
    "He received a kidney transplant in 2012 from his brother.",
    "She had a laparoscopic sleeve gastrectomy in 2019.",
])
def test_surgeries_of_the_body_named_by_their_procedure(extractor, summary):
    assert prior(extractor, summary) == {"surgery"}


def test_a_family_history_ends_at_the_paragraph_about_the_worker(extractor):
    """A family history with no full stop at its end ('FHx: mother - lumbar stenosis; father - colon cancer') ends
    where the next paragraph, about the worker, begins (a gap wider than the letter's usual one between lines)."""
    summary = ("She hurt her back lifting.\nDx: low back pain | FHx: mother - lumbar stenosis; father - colon cancer\n\n"
               "She has completed 10 sessions of physical therapy and uses a TENS unit at home.")
    assert prior(extractor, summary) == {"physical-therapy", "durable-medical-equipment"}


@pytest.mark.parametrize(("summary", "expected"), [
    # the code set's qualifiers after a title ('without status migrainosus', 'without psychotic features') deny
    # nothing after them
    ("Diagnoses: chronic migraine without aura, intractable, without status migrainosus, and adjustment disorder "
     "with anxiety.", {"G43.719": (False, False), "F43.22": (False, False)}),
    ("Diagnoses: functional neurological symptom disorder, with attacks or seizures; restless legs syndrome.",
     {"F44.5": (False, False), "G25.81": (False, False)}),
    ("Diagnoses: insomnia. Rebound headache was diagnosed in 2016 and resolved after she stopped Fioricet.",
     {"G47.00": (False, False), "G44.40": (True, False)}),
])
def test_headache_and_functional_neurological_titles(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


def test_a_problem_list_with_leader_dots_and_codes_without_their_dot(extractor):
    """A table's leader dots before a code are layout, not full stops: each row's code is its condition's; an item
    ended by a dash and the verb ('- resolved after a cortisone injection') is negated."""
    summary = ("Diagnoses as the provider lists them:\n1)  Lumbar radiculopathy, left L5 ............ M5416\n"
               "2)  Chronic pain syndrome ..................... G89.4\n"
               "3)  De Quervain tenosynovitis, right - resolved after a cortisone injection (2015)\n")
    assert diagnoses(extractor, summary) == {"M54.16": (False, False), "G89.4": (False, False),
                                             "M65.4": (True, False)}


def test_insomnia_due_to_a_mental_disorder(extractor):
    assert diagnoses(extractor, "Diagnoses: insomnia due to PTSD; hypothyroidism.") == {
        "F51.05": (False, False), "E03.9": (False, False)}


@pytest.mark.parametrize(("summary", "code"), [
    ("Diagnoses: insomnia. He had an inferior myocardial infarction in 2009.", "I25.2"),
    ("Diagnoses: insomnia. She has diabetic nephropathy.", "E11.21"),
    ("Diagnoses: insomnia. She has lupus nephritis.", "M32.14"),
    ("Diagnoses: insomnia. He has diabetic retinopathy.", "E11.319"),
])
def test_past_infarctions_and_diabetic_or_lupus_complications(extractor, summary, code):
    """A myocardial infarction a review tells of is an old one (I25.2); diabetic and lupus complications have
    combined codes."""
    assert diagnoses(extractor, summary) == {"G47.00": (False, False), code: (False, False)}


def test_a_clinician_opening_a_new_clause_ends_a_denial(extractor):
    """'did not support ADHD, and the neuropsychologist attributed ... to PTSD': the denial ends where another
    clinician's clause begins, whatever their field (a word list in the context rules)."""
    summary = ("Diagnoses: insomnia. Testing did not support attention deficit disorder, and the gastroenterologist "
               "attributed her weight loss to celiac disease.")
    got = diagnoses(extractor, summary)
    assert got["K90.0"] == (False, False)
    assert all(negated for code, (negated, _) in got.items() if code.startswith("F90"))


@pytest.mark.parametrize(("summary", "expected"), [
    # 'suspected' as an adjective after 'as' or 'include' qualifies the first condition; the list is still stated
    ("Her surgeon lists the diagnoses as suspected pseudarthrosis, post-laminectomy syndrome and insomnia.",
     {"M96.0": (False, True), "M96.1": (False, True), "G47.00": (False, True)}),
    ("The diagnoses include suspected cubital tunnel syndrome and insomnia.",
     {"G56.20": (False, True), "G47.00": (False, True)}),
])
def test_a_list_led_by_a_suspected_condition_is_still_a_statement(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize("summary", [
    "He smokes; nicotine patches were tried for a month without success.",
    "She chews nicotine gum to cut down on cigarettes.",
    "He used NicoDerm in 2018 and relapsed.",
])
def test_nicotine_replacement_is_the_drug_nicotine(extractor, summary):
    assert medications(extractor, summary) == {"nicotine": False}


@pytest.mark.parametrize(("summary", "expected"), [
    # a condition named again by the last words of its name is the one named before
    ("The AME diagnosed major depressive disorder, recurrent, severe, and linked her weight loss to the depressive "
     "disorder.", {"F33.2": (False, False)}),
    ("Diagnoses: right knee primary osteoarthritis; insomnia. She limps because of the osteoarthritis.",
     {"M17.11": (False, False), "G47.00": (False, False)}),
    ("Diagnoses: osteoarthritis of the right knee; insomnia. The arthritis limits her walking.",
     {"M17.11": (False, False), "G47.00": (False, False)}),
    # an evaluator's report that the worker no longer has a condition is the later word on it, on the finer kind
    ("In 2015 her psychologist diagnosed adjustment disorder with anxiety. A QME in 2019 reported that she no "
     "longer has an adjustment disorder.", {"F43.22": (True, False)}),
    # a physician who manages a condition states it, with or without 'her'
    ("Her internist manages hyperlipidemia with atorvastatin.", {"E78.5": (False, False)}),
])
def test_a_condition_named_again_or_managed(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    ("She took two Norco tablets that belonged to her husband; she takes ibuprofen.", {"ibuprofen": False}),
    ("He used oxycodone which had been prescribed to his brother; he takes naproxen.", {"naproxen": False}),
    ("Her daughter was recently started on Adderall. She takes sertraline.", {"sertraline": False}),
    ("His wife has been placed on warfarin. He takes meloxicam.", {"meloxicam": False}),
    ("He takes naproxen. Police found a bottle of oxycodone in his truck that belongs to his grown daughter.",
     {"naproxen": False}),
    ("He takes naproxen. His younger sister, a nurse, has lupus and is treated at the university with Plaquenil.",
     {"naproxen": False}),
    ("He takes naproxen. A friend with the same kind of job \"swears by\" Mobic.", {"naproxen": False}),
    # ... a workmate where the workmate works, or who wears or applies the drug
    ("He takes naproxen. A co-worker on the loading dock uses Lidoderm patches on her own back.", {"naproxen": False}),
    ("He takes naproxen. His foreman, who hurt his knee last year, wears a Butrans patch.", {"naproxen": False}),
    ("He takes naproxen. A crewmate at the yard applies Flector patches after each shift.", {"naproxen": False}),
    # ... told in an apposition or a relative clause on the relative
    ("He takes naproxen. His brother, a 58-year-old electrician who takes Mobic for gout, drives him.", {"naproxen": False}),
    ("He takes naproxen. His son, 33, a roofer who lives nearby and takes Mobic, helps him.", {"naproxen": False}),
    ("He takes naproxen. His sister has gout and, he says, now takes Mobic for it.", {"naproxen": False}),
    ("He takes naproxen. His uncle had a knee replacement in 2012 and still takes Mobic daily.", {"naproxen": False}),
    ("He takes naproxen. His wife, a nurse who is herself treated with Mobic for arthritis, drives him.",
     {"naproxen": False}),
    ("He takes naproxen. He avoids opioids, having seen his cousin grow dependent on OxyContin.", {"naproxen": False}),
    ("He takes naproxen. Once he swallowed two Norco tablets from his wife's dental prescription.", {"naproxen": False}),
    ("He takes naproxen. His sister, a 40-year-old teacher who lives nearby and takes Mobic, visits him.",
     {"naproxen": False}),
    ("He takes naproxen. His mother, a retired nurse, has gout controlled with allopurinol.", {"naproxen": False}),
    ("He takes naproxen. His mother, who is 80 and has gout controlled with allopurinol, lives with him.",
     {"naproxen": False}),
    ("The worker is a 44-year-old man who takes naproxen. His wife, who drives him to visits, said that she takes "
     "Mobic for her own hip.", {"naproxen": False}),
    # every person close to the worker the catalogue names: family, step-family, friends, workmates
    ("After the fall she took hydrocodone tablets that belonged to her mom. She takes celecoxib.", {"celecoxib": False}),
    ("He finished oxycodone that had been prescribed to his stepson; he takes naproxen.", {"naproxen": False}),
    ("She swallowed a tramadol that belonged to her colleague. She takes diclofenac.", {"diclofenac": False}),
])
def test_a_drug_belonging_to_or_started_for_another_person_is_not_the_workers(extractor, summary, expected):
    assert medications(extractor, summary) == expected


@pytest.mark.parametrize("summary", [
    "She has also been seeing a chiropractor for her neck.",
    "He has been followed by a chiropractor since 2017.",
])
def test_a_clinician_seen_or_followed_is_care_received(extractor, summary):
    assert prior(extractor, summary) == {"chiropractic"}


@pytest.mark.parametrize(("summary", "expected"), [
    # a labelled list goes on past an item's own clause, at the next semicolon
    ("PMH: asthma, controlled with an inhaler, although she uses it daily in winter; hypothyroidism; "
     "and gout managed with diet.", {"J45.909": (False, False), "E03.9": (False, False), "M10.9": (False, False)}),
    # a label qualified by its source, over bulleted items that run onto a second line
    ("Medical history, per the cardiology consultation of 02/03/2020:\n- Atrial fibrillation, on apixaban since "
     "2018 after an episode\nwhile traveling\n- Hyperphosphatemia: sevelamer\n- Colonic diverticulosis\n",
     {"I48.91": (False, False), "E83.39": (False, False), "K57.30": (False, False)}),
    # a labelled list told in sentences, each led by a condition
    ("Past medical history: Hypothyroidism on levothyroxine. Osteoporosis, seen on a DEXA study in 2016 "
     "after years of steroids, treated with alendronate. Supraventricular tachycardia, controlled with metoprolol.",
     {"E03.9": (False, False), "M81.0": (False, False), "I47.10": (False, False)}),
    # 'since' before a gerund is a time, no clause
    ("Diagnoses: irritable bowel syndrome and, since starting oxycodone, opioid-induced constipation.",
     {"K58.9": (False, False), "K59.03": (False, False)}),
    ("Diagnoses: major depressive disorder, single episode, in partial remission; chronic rhinosinusitis.",
     {"F32.4": (False, False), "J32.9": (False, False)}),
    ("Her history is also notable for hypertension and chronic lateral instability of the right ankle.",
     {"I10": (False, False), "M25.371": (False, False)}),
    # a label that reads, lists or includes, its items past one's status told in a clause
    ("The impression in the internist's note of 03/04/2016 reads:\n  1) Asthma\n  2) Gout - quiet after a change of "
     "diet\n  3) Hypothyroidism\nShe walks daily.", {"J45.909": (False, False), "M10.9": (False, False),
                                                     "E03.9": (False, False)}),
    ("The problem list includes:\n - Asthma\n - Gout, better since allopurinol was started\n - Hypothyroidism\nShe "
     "walks daily.", {"J45.909": (False, False), "M10.9": (False, False), "E03.9": (False, False)}),
])
def test_a_labelled_list_read_item_by_item(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    ("Gout, first diagnosed in 2009, resolved after weight loss. Diagnoses: insomnia.",
     {"M10.9": (True, False), "G47.00": (False, False)}),
    ("Diagnoses: insomnia. She had a gastric ulcer in 2015, blamed on naproxen, which has since healed.",
     {"K25.9": (True, False), "G47.00": (False, False)}),
    ("Past medical history:\n- Hepatitis C, treated in 2015, since resolved\n- Insomnia\n",
     {"B19.20": (True, False), "G47.00": (False, False)}),
    ("Diagnoses: insomnia. She had drug-induced gastritis in 2012, which resolved once the naproxen was stopped.",
     {"K29.70": (True, False), "G47.00": (False, False)}),
    # ... or in a relative clause that first says what it was put down to
    ("Diagnoses: insomnia. Her history adds a gastric ulcer in 2016, which was attributed to aspirin and has since healed.",
     {"K25.9": (True, False), "G47.00": (False, False)}),
    ("Diagnoses: insomnia. Gastritis found in 2013 was blamed on meloxicam and has resolved.",
     {"K29.70": (True, False), "G47.00": (False, False)}),
    # 'healed' as the next item's adjective ends nothing
    ("Diagnoses: gout; healed left wrist fracture; insomnia.", {"M10.9": (False, False), "G47.00": (False, False)}),
])
def test_a_condition_whose_end_is_told_after_a_comma(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    ("Allergies: penicillin (hives); latex (rash); tramadol (nausea).", {"penicillin": True, "tramadol": True}),
    ("Allergies: none; she takes tramadol.", {"tramadol": False}),
])
def test_every_item_of_a_labelled_allergy_list_is_negated(extractor, summary, expected):
    got = medications(extractor, summary)
    assert {k: v for k, v in got.items() if k in expected} == expected


@pytest.mark.parametrize(("summary", "expected"), [
    ("Surgical history: appendectomy in 1998; left knee arthroscopy in 2010.", {"surgery"}),
    ("Past surgeries include a cholecystectomy and a right carpal tunnel release.", {"surgery"}),
])
def test_a_surgical_history_is_care_received(extractor, summary, expected):
    assert prior(extractor, summary) == expected


def test_a_denied_bleeding_sign_is_no_diagnosis(extractor):
    summary = "Diagnoses: prediabetes; insomnia. She denies hematemesis or melena."
    assert diagnoses(extractor, summary) == {"R73.03": (False, False), "G47.00": (False, False)}


def test_a_relative_the_subject_of_two_verbs_has_both(extractor):
    summary = ("Her mother has psoriatic arthritis treated with methotrexate and had a stroke at 68. "
               "Diagnoses: insomnia.")
    assert diagnoses(extractor, summary) == {"G47.00": (False, False)}
    assert medications(extractor, summary) == {}


@pytest.mark.parametrize(("summary", "expected"), [
    ("He had two knee surgeries in 2015 and 2016.", {"surgery"}),
    ("Past medical history: coronary artery disease, s/p CABG in 2011.", {"surgery"}),
    ("After the injury she went on to a C5-6 fusion.", {"surgery"}),
])
def test_surgeries_in_the_plural_and_by_their_abbreviation_are_care(extractor, summary, expected):
    assert prior(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # weighed by a verb, answered by the next sentence's tests
    ("Diagnoses: insomnia. Gout and pseudogout were both suspected, and septic arthritis had to be excluded. The "
     "knee was tapped: no crystals were found, and the culture was negative.",
     {"G47.00": (False, False), "M10.9": (True, False), "M11.20": (True, False), "M00.9": (True, False)}),
    # a test in the next sentence that shows none of the condition's kin
    ("Diagnoses: insomnia. Her surgeon's differential included a deep vein thrombosis of the right leg. A duplex "
     "scan on 03/02/2016 showed no thrombus.", {"G47.00": (False, False), "I82.401": (True, False)}),
    # a differential diagnosis weighs, it states nothing; each item is answered on its own
    ("Diagnoses: insomnia. The differential diagnosis for the vertigo included benign paroxysmal positional vertigo "
     "and Meniere disease. The neurologist documented that BPPV had been excluded, and the otologist found nothing "
     "to support Meniere disease.", {"G47.00": (False, False), "H81.10": (True, False), "H81.09": (True, False)}),
    # set aside by those who raised it
    ("Diagnoses: insomnia. A chiropractor had raised a left piriformis syndrome, but neither the physiatrist nor "
     "the chiropractor pursued it further.", {"G47.00": (False, False), "G57.02": (True, False)}),
    # a short name in brackets does not stand between a condition and the pronoun that denies it
    ("Diagnoses: insomnia. Complex regional pain syndrome (CRPS) was also considered, and the pain specialist ruled "
     "it out.", {"G47.00": (False, False), "G90.50": (True, False)}),
    # a terse list item
    ("Diagnoses: insomnia; gout ruled out (uric acid normal).", {"G47.00": (False, False), "M10.9": (True, False)}),
])
def test_a_weighed_condition_answered_further_on(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # a label with its source in brackets, numbered items, one of them ended after a semicolon
    ("Past medical history (per the internist's note of 01/05/2016): 1) Hypertension, on amlodipine 2) Pulmonary "
     "embolism in 2009, treated with apixaban for a year; resolved 3) Hypertriglyceridemia",
     {"I10": (False, False), "I26.99": (True, False), "E78.1": (False, False)}),
    # 'as well as' after a clause break goes on with the list
    ("The AME diagnosed panic disorder, noting attacks after the accident, as well as chronic insomnia.",
     {"F41.0": (False, False), "G47.00": (False, False)}),
    ("Migraine, first diagnosed in her teens, is treated with sumatriptan. Diagnoses: insomnia.",
     {"G43.909": (False, False), "G47.00": (False, False)}),
    ("Diagnoses: insomnia. She had postoperative delirium after the fusion, resolved within two days.",
     {"G47.00": (False, False), "F05": (True, False)}),
])
def test_a_history_list_with_its_sources_and_ends(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    ("Allergies: 1) Codeine - nausea 2) Sulfa - rash 3) Gabapentin - dizziness.", {"codeine": True, "gabapentin": True}),
    ("ALLERGIES: 1. Codeine - vomiting 2. Ultram - confusion 3. Shellfish - hives.",
     {"codeine": True, "tramadol": True}),
    # the list ends at its last item: a paragraph after it is the worker's own
    ("Allergies:\n1) Morphine - itching\n2) Latex - rash\n\nIbuprofen 800 mg was stopped in 2011 after gastritis.",
     {"morphine": True, "ibuprofen": False}),
    # ... and goes on over the blank lines a PDF's double spacing leaves between items
    ("Allergies:\n\n1) Latex - rash\n\n2) Morphine - itching\n\nIbuprofen 800 mg was stopped in 2011 after gastritis.",
     {"morphine": True, "ibuprofen": False}),
    ("Medications:\n1) Gabapentin 300 mg tid\n2) Nortriptyline 25 mg at bedtime - ordered 03/2018, never filled\n"
     "3) Meloxicam 15 mg daily\n", {"gabapentin": False, "nortriptyline": True, "meloxicam": False}),
    # a brand in brackets is the drug named again; what follows it is said of the drug
    ("His physician advised changing to buprenorphine/naloxone (Suboxone), which he has not started. "
     "He takes Norco.", {"buprenorphine/naloxone": True, "hydrocodone/acetaminophen": False}),
    ("Her son has epilepsy and receives Keppra. She takes gabapentin.", {"gabapentin": False}),
])
def test_numbered_drug_lists_a_brand_in_brackets_and_a_relatives_second_verb(extractor, summary, expected):
    assert medications(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    ("Past surgical history: 1) Cholecystectomy, 2004 2) Right knee arthroscopy, 2011", {"surgery"}),
    ("She had left shoulder bursitis in 2010, which settled after a single cortisone injection.",
     {"corticosteroid-injection"}),
    ("A subacromial injection of lidocaine and corticosteroid relieved 80% of her shoulder pain for a day.",
     {"corticosteroid-injection"}),
    ("He is now followed monthly by his psychiatrist for medication management.", {"medication-management"}),
])
def test_care_had_in_a_numbered_history_or_told_by_its_effect(extractor, summary, expected):
    assert prior(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # the worker's own after a relative's
    ("Because his father has gout, gout of his own was weighed too; his uric acid was normal. Diagnoses: insomnia.",
     {"M10.9": (True, False), "G47.00": (False, False)}),
    # a list item struck out after its part
    ("Diagnoses:\n1. Insomnia\n2. Complex regional pain syndrome, right upper extremity - ruled out\n",
     {"G47.00": (False, False), "G90.511": (True, False)}),
    # an item ended '; resolved' at its line's end
    ("Past medical history:\n- Insomnia\n- Right lateral epicondylitis in 2010; resolved\nFamily history: "
     "Father with diabetes.", {"G47.00": (False, False), "M77.11": (True, False)}),
])
def test_the_workers_own_and_a_struck_out_item(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # conditions put down to together are answered together, and a relative's condition named between is no bound
    ("Her widespread pain was put down to polymyalgia rheumatica and lupus, the latter because her sister has lupus. "
     "Her markers were normal, and the rheumatologist set both of those diagnoses aside. Diagnoses: insomnia.",
     {"M35.3": (True, False), "M32.9": (True, False), "G47.00": (False, False)}),
    ("Past history: postpartum depression in 2009, which resolved within the year. Diagnoses: insomnia.",
     {"F53.0": (True, False), "G47.00": (False, False)}),
    ("Diagnoses: Hodgkin lymphoma, in remission since 2006; insomnia.",
     {"C81.9A": (False, False), "G47.00": (False, False)}),
])
def test_conditions_put_down_to_and_set_aside_together(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize("summary", [
    "Family history: mother with breast cancer. Care to date has included physical therapy.",
    "Family history: father with a stroke, now on aspirin. After the fall she completed physical therapy.",
    "Family history: his father died of a heart attack. Treatment for the back has consisted of physical therapy.",
    "Family history: a brother has colon cancer. Therapy of her neck has included physical therapy.",
])
def test_a_family_history_ends_at_a_sentence_about_the_workers_care(extractor, summary):
    assert prior(extractor, summary) == {"physical-therapy"}


def test_a_service_in_a_conditions_name_is_no_care(extractor):
    summary = "Diagnoses: failed back surgery syndrome; insomnia. She had physical therapy."
    assert prior(extractor, summary) == {"physical-therapy"}


@pytest.mark.parametrize(("summary", "code"), [
    ("Diagnoses: adjustment disorder w/ anxiety; insomnia.", "F43.22"),
    ("Diagnoses: major depressive disorder, recurrent, severe w/o psychotic features; insomnia.", "F33.2"),
    ("Diagnoses: L4-5 HNP w/ L5 radiculopathy; insomnia.", "M51.16"),
    ("Diagnoses: C5-6 HNP w/ L C6 radiculopathy; insomnia.", "M50.122"),
    ("Diagnoses: R hip osteoarthritis; insomnia.", "M16.11"),
    ("Diagnoses: L shoulder impingement; insomnia.", "M75.42"),
    ("Diagnoses: Lt knee pain; insomnia.", "M25.562"),
])
def test_shorthand_for_with_and_a_side_letter(extractor, summary, code):
    """Family: 'w/' and 'w/o' in a condition's wording are 'with' and 'without'; 'R', 'L', 'Rt', 'Lt' before a
    part are its side (not 'L-spine')."""
    assert diagnoses(extractor, summary) == {code: (False, False), "G47.00": (False, False)}


@pytest.mark.parametrize(("summary", "code"), [
    ("He reports a history of alcohol abuse, in sustained remission since 2012; insomnia.", "F10.11"),
    ("Diagnoses: opioid dependence, in early remission; insomnia.", "F11.21"),
    ("Diagnoses: cannabis abuse, in sustained remission; insomnia.", "F12.11"),
])
def test_a_stage_of_remission_the_code_set_does_not_name(extractor, summary, code):
    """Family: DSM-5's 'in early remission' and 'in sustained remission' are the code set's 'in remission'."""
    assert diagnoses(extractor, summary) == {code: (False, False), "G47.00": (False, False)}


@pytest.mark.parametrize(("summary", "expected"), [
    ("Diagnoses: L-shoulder impingement; insomnia.", {"M75.42": (False, False), "G47.00": (False, False)}),
    ("Diagnoses: L-spine and hip osteoarthritis; insomnia.", {"M16.9": (False, False), "G47.00": (False, False)}),
    ("Diagnoses: L-spine hip osteoarthritis; insomnia.", {"M16.9": (False, False), "G47.00": (False, False)}),
])
def test_a_side_letter_joined_by_a_hyphen_but_not_the_lumbar_spines(extractor, summary, expected):
    """'L-shoulder' is the left shoulder; 'L-spine' is the lumbar spine and gives no side to what follows."""
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize("summary", [
    "Other conditions: OSA on CPAP, and insomnia.",
    "Her other medical problems are OSA and insomnia.",
    "Chronic conditions include OSA and insomnia.",
    "Coexisting conditions: OSA; insomnia.",
])
def test_other_conditions_are_a_statement(extractor, summary):
    assert diagnoses(extractor, summary) == {"G47.33": (False, False), "G47.00": (False, False)}


@pytest.mark.parametrize(("summary", "code"), [
    ("PMH: PUD, insomnia.", "K27.9"),
    ("PMH: ALS, insomnia.", "G12.21"),
    ("PMH: CAD, insomnia.", "I25.10"),
    ("PMH: CHF, insomnia.", "I50.9"),
    ("PMH: afib, insomnia.", "I48.91"),
    ("PMH: HLD, insomnia.", "E78.5"),
    ("PMH: DM II, insomnia.", "E11.9"),
    ("PMH: ESRD, insomnia.", "N18.6"),
])
def test_common_comorbidities_by_their_abbreviations(extractor, summary, code):
    assert diagnoses(extractor, summary) == {code: (False, False), "G47.00": (False, False)}


def test_a_negation_ends_at_a_second_finding(extractor):
    summary = ("Diagnoses: PTSD, chronic [F43.12]. Bipolar disorder was raised at intake; later the psychiatrist "
               "concluded that she does not have bipolar disorder and that the sleep change is better explained by the "
               "PTSD.")
    assert diagnoses(extractor, summary) == {"F43.12": (False, False), "F31.9": (True, False)}


@pytest.mark.parametrize(("summary", "expected"), [
    ("Diagnoses: chronic PTSD; insomnia. She has PTSD.", {"F43.12": (False, False), "G47.00": (False, False)}),
    ("Diagnoses: major depressive disorder, single episode, moderate. She has major depressive disorder.",
     {"F32.1": (False, False)}),
])
def test_an_unspecified_code_gives_way_to_its_finer_kind(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    ("He has failed 18 PT visits and 2 subacromial CSIs.", {"physical-therapy", "corticosteroid-injection"}),
    ("She had de Quervain's injections in 2017 with partial relief.", {"corticosteroid-injection"}),
    ("She had two subacromial injections in 2016.", {"corticosteroid-injection"}),
    ("He completed six sessions of nutritional counseling and PT.", {"physical-therapy"}),
    ("She has had vocational counseling and twelve sessions of counseling with a psychologist.", {"psychotherapy"}),
    ("She is followed monthly by psychiatry for medication management.", {"medication-management"}),
])
def test_care_in_shorthand_plurals_and_other_kinds_of_counseling(extractor, summary, expected):
    """Family: 'CSI' is a corticosteroid injection; an injection, block or shot the vocabulary names in the
    singular is read in the plural; counseling on diet, work or money is no psychotherapy; a worker followed by a
    physician for care receives it."""
    assert prior(extractor, summary) == expected


def test_a_lower_case_letter_before_a_condition_is_a_bullet_not_a_side(extractor):
    """A PDF draws a bullet as 'l': a side letter is a capital."""
    assert diagnoses(extractor, "Diagnoses:\nl Lumbar radiculopathy\nl R hip osteoarthritis") \
        == {"M54.16": (False, False), "M16.11": (False, False)}


@pytest.mark.parametrize(("summary", "expected"), [
    ("She has applied a compounded flurbiprofen 20%/lidocaine 5% cream since 2015.", {"flurbiprofen/lidocaine": False}),
    ("He uses ketamine 10%/gabapentin 6%/clonidine 0.2% cream on the hand.", {"ketamine/gabapentin/clonidine": False}),
    ("He takes gabapentin 300 mg / day and naproxen.", {"gabapentin": False, "naproxen": False}),
])
def test_a_compounded_product_with_each_ingredients_strength_is_one_drug(extractor, summary, expected):
    assert medications(extractor, summary) == expected


@pytest.mark.parametrize("summary", [
    "She takes naproxen. Allergies are listed as codeine (hives) and sulfa.",
    "She takes naproxen. Her allergies were documented as codeine and sulfa.",
    "She takes naproxen. Her pain physician suggested codeine, but she preferred not to add another medication.",
    "She takes naproxen. Codeine was offered in 2014 for cough, and she has not started it.",
    "She takes naproxen. Codeine was prescribed; she hasn't yet taken it.",
])
def test_a_drug_listed_as_an_allergy_or_not_yet_started_is_negated(extractor, summary):
    assert medications(extractor, summary) == {"naproxen": False, "codeine": True}


@pytest.mark.parametrize(("summary", "expected"), [
    ("TREATMENT TO DATE:\n- Physical therapy, 12 sessions (2022)\n- Home exercises\n- Acupuncture x 6\n\n"
     "The surgeon requested a shoulder MRI.", {"physical-therapy", "acupuncture"}),
    ("Prior treatment -\n1. Chiropractic care in 2019\n2. Physical therapy in 2020\nPLAN: acupuncture.",
     {"chiropractic", "physical-therapy"}),
    ("Conservative care: physical therapy; a TENS unit.", {"physical-therapy", "durable-medical-equipment"}),
    ("He had physical therapy and chiropractic care in 2019-2020, with temporary benefit.",
     {"physical-therapy", "chiropractic"}),
    ("He may benefit from physical therapy.", set()),
])
def test_care_listed_under_a_label_of_care_had_was_received(extractor, summary, expected):
    """Family: each item of a list under 'Treatment to date:', 'Prior treatment -', 'Conservative care:' was
    received, up to the next label; care 'with temporary benefit' too."""
    assert prior(extractor, summary) == expected


@pytest.mark.parametrize("summary", [
    "She completed 12 sessions of CBT.\n\nPRIOR PSYCHOLOGICAL CARE:\n- the sessions above\n",
    "She completed 12 sessions of CBT.\n\nCURRENT MEDICATIONS\n\nMedication        Strength       Directions\n"
    "sertraline        50 mg          daily\n",
])
def test_a_service_in_a_heading_or_a_tables_header_row_is_no_care(extractor, summary):
    assert prior(extractor, summary) == {"cognitive-behavioral-therapy"}


@pytest.mark.parametrize(("summary", "expected"), [
    ("Diagnoses: 1. DM2 w/ peripheral neuropathy (E11.42) 2. Insomnia", {"E11.42": (False, False),
                                                                           "G47.00": (False, False)}),
    ("Diagnoses: type 2 diabetes with kidney disease [E11.22]; insomnia.", {"E11.22": (False, False),
                                                                             "G47.00": (False, False)}),
    ("Diagnoses: diabetes with neuropathy; insomnia.", {"E11.9": (False, False), "G62.9": (False, False),
                                                        "G47.00": (False, False)}),
])
def test_two_conditions_joined_by_with_under_the_first_ones_code_are_one(extractor, summary, expected):
    """Family: a code written after 'X with Y' that is of X's category names the one condition X with Y."""
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize("summary", [
    "Diagnoses: insomnia. Her mother has a long history of migraine, and his father had a myocardial infarction at 58.",
    "Diagnoses: insomnia. She lives alone; her brother recently had a stroke.",
    "Diagnoses: insomnia. His co-worker had a concussion in the same fall.",
])
def test_a_condition_a_relative_or_another_person_had_is_theirs(extractor, summary):
    assert diagnoses(extractor, summary) == {"G47.00": (False, False)}


@pytest.mark.parametrize(("summary", "code"), [
    ("Diagnoses: mild neurocognitive disorder due to traumatic brain injury; insomnia.", "F06.70"),
    ("Diagnoses: personality change due to traumatic brain injury; insomnia.", "F07.0"),
    ("Diagnoses: post-concussional syndrome; insomnia.", "F07.81"),
    ("Diagnoses: post-traumatic seizures; insomnia.", "R56.1"),
    ("Diagnoses: right perilymphatic fistula; insomnia.", "H83.11"),
])
def test_dsm5_and_head_injury_wordings(extractor, summary, code):
    assert diagnoses(extractor, summary) == {code: (False, False), "G47.00": (False, False)}


@pytest.mark.parametrize("summary", [
    "Diagnoses: PTSD; insomnia. The QME concluded that he does not have somatic symptom disorder, finding that his "
    "symptoms are better explained by the PTSD.",
    "Diagnoses: PTSD; insomnia. The QME found no somatic symptom disorder; the symptoms are attributable to the PTSD.",
])
def test_what_a_denied_condition_is_put_down_to_instead_is_not_denied(extractor, summary):
    assert diagnoses(extractor, summary) == {"F43.10": (False, False), "G47.00": (False, False),
                                             "F45.1": (True, False)}


def test_a_request_word_in_a_clause_of_its_own_asks_for_nothing_after_the_semicolon(extractor):
    summary = ("Diagnoses: insomnia. A pain physician suspected an opioid use disorder because of two early refill "
               "requests; an addiction evaluation found no evidence of opioid use disorder.")
    got = {(d["icd10cm"], d["negated"]) for d in history(extractor, summary)["diagnoses"]}
    assert got == {("G47.00", False), (None, True)}


def test_a_clinician_opening_a_new_clause_ends_a_negation(extractor):
    summary = ("Diagnoses: insomnia. PTSD was considered but she did not meet the full criteria, and an internal "
               "medicine QME added hypertension and irritable bowel syndrome.")
    assert diagnoses(extractor, summary) == {"G47.00": (False, False), "F43.10": (True, False), "I10": (False, False),
                                             "K58.9": (False, False)}


@pytest.mark.parametrize("summary", [
    "A 40-year-old woman. Her report records a death wish without plan or intent, and lists current medications as "
    "bupropion XL 300 mg every morning.",
    "A 40-year-old woman. She has no suicidal intent, and the psychiatrist documented that she takes bupropion daily.",
])
def test_a_reporting_verb_after_and_ends_a_negation(extractor, summary):
    assert medications(extractor, summary) == {"bupropion": False}


def test_a_condition_considered_and_ruled_out_after_a_list_of_diagnoses_is_the_one_denied(extractor):
    summary = ("A psychiatric AME diagnosed posttraumatic stress disorder, chronic, and major depressive disorder, "
               "single episode, severe, considered and ruled out bipolar disorder, and recommended more care.")
    assert diagnoses(extractor, summary) == {"F43.12": (False, False), "F32.2": (False, False), "F31.9": (True, False)}


@pytest.mark.parametrize(("summary", "code"), [
    ("Medications: levothyroxine 75 mcg daily (hypothyroidism); Norco 10/325 (pain).", "E03.9"),
    ("An internist manages her right hip trochanteric bursitis.", "M70.61"),
    ("Her PCP is treating his hypertension.", "I10"),
    # who prescribed the drug may come between it and its condition
    ("She takes levothyroxine, prescribed by her family doctor for hypothyroidism.", "E03.9"),
    ("He takes amlodipine 5 mg, prescribed by a cardiologist, for hypertension.", "I10"),
    # the worker's family doctor is no relative
    ("Her family physician diagnosed type 2 diabetes and prescribed metformin.", "E11.9"),
    # what the file documents
    ("The treating notes document lumbar spondylosis and right knee osteoarthritis.", "M47.816 M17.11"),
])
def test_a_condition_in_brackets_after_its_drug_or_managed_by_a_physician_is_stated(extractor, summary, code):
    assert diagnoses(extractor, summary) == {c: (False, False) for c in code.split()}


def test_a_request_reaches_no_further_than_its_clause(extractor):
    summary = ("She was evaluated by an AME who recommended continued psychiatric care, and has seen a psychiatrist "
               "monthly for medication management since 2015, while an internist gave a cortisone injection in 2016 "
               "with good relief.")
    assert prior(extractor, summary) == {"medication-management", "corticosteroid-injection"}


@pytest.mark.parametrize("summary", [
    "Diagnoses: insomnia. Neurology was consulted and ALS was considered; the EMG was unrevealing and the neurologist "
    "ruled ALS out.",
    "Diagnoses: insomnia. ALS was considered and ruled out on clinical grounds.",
    "Diagnoses: insomnia. The neurologist considered and excluded ALS.",
])
def test_a_condition_ruled_out_in_any_order_is_negated(extractor, summary):
    """Family: 'ruled X out', the passive 'X was considered and ruled out' and the active 'considered and excluded
    X'."""
    assert diagnoses(extractor, summary) == {"G47.00": (False, False), "G12.21": (True, False)}


@pytest.mark.parametrize(("summary", "code"), [
    ("A 60-year-old man. His type 2 diabetes is managed by his PCP with metformin and glipizide.", "E11.9"),
    ("A 60-year-old man. The orthopedic AME, on 09/28/2015, found bilateral knee osteoarthritis.", "M17.0"),
    ("A 60-year-old man. The panel QME found lumbar radiculopathy on examination.", "M54.16"),
])
def test_a_condition_a_physician_manages_or_an_evaluator_found_is_stated(extractor, summary, code):
    assert diagnoses(extractor, summary) == {code: (False, False)}


def test_what_a_study_found_is_a_finding(extractor):
    assert diagnoses(extractor, "A 60-year-old man. The MRI found a disc protrusion at L4-5.") == {}


def test_what_a_treating_surgeon_found_on_examination_is_a_finding(extractor):
    assert diagnoses(extractor, "A 60-year-old man. The surgeon found a varus deformity of the left knee.") == {}


@pytest.mark.parametrize("summary", [
    "A 50-year-old man takes Percocet. He had run out and taken hydrocodone tablets belonging to his mother.",
    "A 50-year-old man takes Percocet. The screen detected hydrocodone that he obtained from a family member.",
    "A 50-year-old man takes Percocet. He took one of his wife's hydrocodone tablets; the hydrocodone use was judged "
    "an isolated lapse.",
    # ... or in a list of the relative's own, in a relative clause
    "A 50-year-old man takes Percocet. He cares for his father, whose medications include metoprolol, Eliquis and "
    "hydrocodone.",
    "A 50-year-old man takes Percocet. His sister, whose daily pills are gabapentin and hydrocodone, lives with him.",
    # ... or in the records of another patient misfiled in the worker's
    "A 50-year-old man takes Percocet. Two pages belong to a different patient with his surname, listing hydrocodone, "
    "lisinopril and Eliquis; they were set aside.",
    "A 50-year-old man takes Percocet. A misfiled note on another claimant shows gabapentin 300 mg and hydrocodone.",
    "A 50-year-old man takes Percocet. The file holds a refill history for a different patient, a retired teacher with "
    "her own claim number, showing fills of gabapentin and hydrocodone.",
    # ... or a relative put on it
    "A 50-year-old man takes Percocet. His brother, who shares the apartment, was lately placed on hydrocodone.",
])
def test_a_drug_belonging_to_someone_else_is_not_the_workers_even_named_again(extractor, summary):
    assert medications(extractor, summary) == {"oxycodone/acetaminophen": False}


def test_what_a_guideline_does_not_address_says_nothing_of_the_worker(extractor):
    summary = "Diagnoses: lumbar strain. He takes melatonin nightly. The MTUS does not address melatonin for insomnia."
    assert diagnoses(extractor, summary) == {"G47.00": (False, False)}
    assert medications(extractor, summary) == {"melatonin": False}


@pytest.mark.parametrize(("summary", "code"), [
    ("Diagnoses: recurrent corneal erosion, right eye; insomnia.", "H18.831"),
    ("Diagnoses: dry eye syndrome, right eye; insomnia.", "H04.121"),
    ("Diagnoses: noise-induced hearing loss, bilateral; insomnia.", "H83.3X3"),
    ("Diagnoses: left noise-induced sensorineural hearing loss; insomnia.", "H83.3X2"),
    ("Diagnoses: intercostal neuralgia, left (G58.0); insomnia.", "G58.0"),
])
def test_eye_ear_and_chest_wall_wordings(extractor, summary, code):
    assert diagnoses(extractor, summary) == {code: (False, False), "G47.00": (False, False)}


def test_the_agent_of_nerve_blocks_at_several_levels_is_no_medication(extractor):
    summary = "A 50-year-old man takes gabapentin. He had intercostal nerve blocks at T6, T7 and T8 with bupivacaine."
    assert medications(extractor, summary) == {"gabapentin": False}


@pytest.mark.parametrize(("summary", "parts"), [
    ("He sustained fractures of the 6th, 7th and 8th ribs in the fall.", ["chest"]),
    ("She has pain in the buttocks.", ["buttocks"]),
])
def test_a_part_named_by_another_in_the_plural_is_not_made_plural(extractor, summary, parts):
    """'the ribs' are the chest, not 'chests'; a part written in the plural stays plural."""
    got = extractor.extract(parse(document(fdl_letter(summary, fdl_item("Physical therapy x 6"))))).to_json()
    assert got["body_parts"] == parts


@pytest.mark.parametrize("summary", [
    "A 40-year-old man had chiropractic care. On 3/3/2015 utilization review modified the biofeedback to 4 sessions and "
    "the aquatic therapy to 6 visits.",
    "A 40-year-old man had chiropractic care. The UR physician cut the biofeedback to three sessions, and reduced the "
    "aquatic therapy to six visits.",
    "A 40-year-old man had chiropractic care. The carrier partially certified the biofeedback, allowing four sessions; "
    "the claims administrator approved only six visits of aquatic therapy.",
])
def test_care_a_review_cut_down_is_asked_for(extractor, summary):
    """Family: a review's verb of cutting a request down ('modified ... to 4 sessions', 'reduced', 'partially certified',
    'approved only') makes what follows in its clause a request, though its count reads like care had."""
    assert prior(extractor, summary) == {"chiropractic"}


@pytest.mark.parametrize("summary", [
    # a guideline's topic named after the guideline and a comma
    "A 40-year-old man had chiropractic care. The UR physician relied on the ODG Knee & Leg chapter, Aquatic therapy, "
    "and on the ODG Low Back chapter, Biofeedback.",
    # the request named before what the review did with it, or in the passive cut down
    "A 40-year-old man had chiropractic care. For the biofeedback the utilization reviewer cited the ODG and certified "
    "three of the six visits.",
    "A 40-year-old man had chiropractic care. Aquatic therapy was modified to 6 visits, should the surgery go forward.",
    "A 40-year-old man had chiropractic care. Utilization review approved the MRI and modified the aquatic therapy from "
    "12 visits to 6.",
    # care offered at a time and turned down
    "A 40-year-old man had chiropractic care. His internist offered biofeedback in late 2014, which he declined.",
    # ... or suggested and never had, or not yet begun
    "A 40-year-old man had chiropractic care. The QME suggested a trial of biofeedback in 2015; none has been given.",
    "A 40-year-old man had chiropractic care. He had not yet begun aquatic therapy at the last visit.",
])
def test_care_named_in_a_reviews_words_or_turned_down_is_not_had(extractor, summary):
    assert prior(extractor, summary) == {"chiropractic"}


@pytest.mark.parametrize("summary", [
    "A 40-year-old man had chiropractic care. After utilization review modified the request, he attended six visits of "
    "aquatic therapy.",
    "A 40-year-old man had chiropractic care. He cut back to light duty and had six visits of aquatic therapy.",
])
def test_care_had_after_a_review_or_a_cut_of_another_kind_stays_had(extractor, summary):
    assert prior(extractor, summary) == {"chiropractic", "aquatic-therapy"}


def test_a_list_of_requests_set_apart_by_semicolons_is_all_asked_for(extractor):
    summary = ("A 50-year-old man takes naproxen. The physician requested an H-wave device for a home trial; "
               "acupuncture, 6 sessions; compounded flurbiprofen 20%/lidocaine 5% cream, 180 grams.")
    assert medications(extractor, summary) == {"naproxen": False}
    assert prior(extractor, summary) == set()


@pytest.mark.parametrize("summary", [
    "She has had lumbar radiculopathy and insomnia since the fall.",
    "The worker has had insomnia for years, and he has had lumbar radiculopathy since 2019.",
    "Since the injury she has had insomnia; she had had lumbar radiculopathy before it.",
])
def test_a_condition_the_worker_has_had_is_stated(extractor, summary):
    """Family: 'has had' and 'had had' say a condition is the worker's as 'has' and 'had' do."""
    assert diagnoses(extractor, summary) == {"M54.16": (False, False), "G47.00": (False, False)}


@pytest.mark.parametrize("summary", [
    "Diagnoses include insomnia. Her physician questioned whether she had fibromyalgia.",
    "Diagnoses include insomnia. The internist wondered if he has fibromyalgia.",
    "Diagnoses include insomnia. He had physical therapy and has had no fibromyalgia.",
])
def test_a_condition_asked_about_with_has_is_no_statement(extractor, summary):
    """'whether she had fibromyalgia' asks; it does not state (and 'has had no' denies)."""
    assert diagnoses(extractor, summary).get("M79.7", (True, False))[0] is True


@pytest.mark.parametrize("summary", [
    "Diagnoses include insomnia. The rheumatologist asked whether the worker's widespread aches might be early "
    "fibromyalgia. Her tender point examination was normal.",
    "Diagnoses include insomnia. Her physician wondered if the patient's diffuse pain and poor sleep could represent "
    "possible fibromyalgia; the rheumatology examination was unremarkable.",
    "Diagnoses include insomnia. Her aches were at first thought to be fibromyalgia, but the rheumatologist "
    "attributed them to hypothyroidism.",
    "Diagnoses include insomnia. The pain had initially been treated as fibromyalgia, but it was later put down to "
    "a thyroid disorder.",
    "Diagnoses include insomnia. Fibromyalgia was considered, but the spells of pain were better explained by "
    "overuse.",
])
def test_a_condition_taken_for_the_answer_at_first_or_asked_about_at_length_is_denied(extractor, summary):
    """Family: a condition asked about in a longer question (a possessive, a qualifier such as 'early' or
    'possible' before it) and answered, or taken for the answer at first ('at first thought to be', 'initially
    treated as') and then put down to something else, is denied."""
    assert diagnoses(extractor, summary).get("M79.7") == (True, False)


@pytest.mark.parametrize("summary", [
    "His current problems are insomnia, treated with trazodone, with poor sleep for years; hypertension, treated with "
    "lisinopril; lumbar radiculopathy, with an EMG in 2015, followed by a spine surgeon; and gout, with a flare in "
    "2016 that settled with colchicine.",
    "Her medical history includes insomnia, diagnosed in 2010 and treated with melatonin; hypertension; lumbar "
    "radiculopathy, confirmed on EMG, managed by her physiatrist; and gout.",
])
def test_a_statements_series_parted_by_semicolons_states_each_item(extractor, summary):
    """Family: a statement whose items semicolons part, the last after '; and', each item told at length with
    clauses of its own: every item that opens with a condition is stated."""
    assert diagnoses(extractor, summary) == {"G47.00": (False, False), "I10": (False, False),
                                             "M54.16": (False, False), "M10.9": (False, False)}


def test_a_series_item_that_tells_a_finding_is_no_statement(extractor):
    got = diagnoses(extractor, "He was diagnosed with insomnia; an MRI showed a disc herniation; and lumbar "
                               "radiculopathy was suspected.")
    assert got.get("M54.16", (False, True)) != (False, False)


@pytest.mark.parametrize("summary", [
    "Diagnoses include insomnia. Serologies excluded lupus and gout.",
    "Diagnoses include insomnia. Labs excluded lupus and gout.",
    "Diagnoses include insomnia. The consulting internist excluded lupus and gout.",
    "Diagnoses include insomnia. An ultrasound excluded gout. Her internist excluded lupus.",
])
def test_a_condition_a_test_or_a_clinician_excluded_is_denied(extractor, summary):
    """Family: 'X excluded <condition>' with a test for its subject (serologies, labs, an ultrasound; words that
    name care too) or a clinician."""
    assert diagnoses(extractor, summary) == {"G47.00": (False, False), "M32.9": (True, False), "M10.9": (True, False)}


@pytest.mark.parametrize("summary", [
    "Diagnoses include insomnia. The emergency physician found a right ureteral stone on CT, and he passed the stone "
    "two days later.",
    "Diagnoses include insomnia. He had a ureteral stone in 2019. He passed the ureteral stone at home.",
    "Diagnoses include insomnia. She was treated for chronic hepatitis C in 2016, and her hepatitis C has resolved.",
    # ... or after the worker no longer has it, meets its criteria, or has recovered from it
    "Diagnoses include insomnia. An evaluation in 2015 diagnosed gout. He no longer has the gout, his flares having "
    "stopped.",
    "Diagnoses include insomnia and panic disorder. She no longer meets criteria for the panic disorder.",
    "Diagnoses include insomnia. She was treated for gastritis in 2019 and has since recovered from the gastritis.",
])
def test_a_condition_passed_or_ended_under_a_possessive_is_ended(extractor, summary):
    """Family: a condition named again by its last words after 'passed' ('he passed the stone') or after a possessive
    and said to have ended ('her hepatitis C has resolved'): one negated entry."""
    got = diagnoses(extractor, summary)
    assert len(got) == 2 and all(negated for code, (negated, _) in got.items() if code != "G47.00")


@pytest.mark.parametrize(("summary", "code", "negated"), [
    ("He has alcohol use disorder and attends meetings.", None, False),
    ("He has a substance use disorder and attends groups.", None, False),
    ("The addiction psychiatrist did not find a stimulant use disorder.", None, True),
    ("A toxicologist saw her in 2021 and did not find an opioid use disorder; CURES is clean.", None, True),
    ("He has cannabis use disorder, mild, and smokes nightly.", "F12.10", False),
    ("She has opioid use disorder, severe, on buprenorphine.", "F11.20", False),
])
def test_a_use_disorder_is_coded_only_with_its_severity(extractor, summary, code, negated):
    """Family: ICD-10-CM codes a substance use disorder by its severity (mild: F1x.10; moderate or severe: F1x.20);
    a use disorder whose severity is not stated is kept without a code."""
    got = [(d["text"].lower(), d["icd10cm"], d["negated"]) for d in history(extractor, summary)["diagnoses"]]
    assert len(got) == 1 and "use disorder" in got[0][0] and got[0][1:] == (code, negated)


@pytest.mark.parametrize(("summary", "code"), [
    ("He drank heavily for a year; the psychiatrist now records alcohol use disorder, moderate, in early remission.",
     "F10.21"),
    ("The worker says he misused alcohol in his thirties; alcohol abuse, in sustained remission for 12 years.", "F10.11"),
    ("She tells of cannabis abuse at college, in remission for many years.", "F12.11"),
    ("He mentions opioid dependence after a 2012 surgery, now in remission on no medication.", "F11.21"),
    ("His neuropsychologist recorded cannabis abuse, in early remission, before the testing.", "F12.11"),
    ("The psychiatrist adds alcohol use disorder, mild, in early remission.", "F10.11"),
])
def test_a_use_disorder_in_remission_is_the_workers_with_its_remission_code(extractor, summary, code):
    """Family: a substance use disorder told with its remission, in the wording or just after it ('..., in sustained
    remission since 2011', '... at college, in remission'): the worker's condition, with the code of its remission."""
    assert diagnoses(extractor, summary) == {code: (False, False)}


@pytest.mark.parametrize(("summary", "code"), [
    ("Her neurologist recorded migraine without aura at the first visit.", "G43.009"),
    ("The physiatrist records lumbar radiculopathy on the left.", "M54.16"),
    ("The rheumatologist recorded fibromyalgia at her 2019 visit.", "M79.7"),
    ("The internist adds obstructive sleep apnea, on CPAP nightly.", "G47.33"),
])
def test_a_condition_a_clinician_records_is_the_workers(extractor, summary, code):
    """Family: a physician who records or adds a condition states it."""
    assert diagnoses(extractor, summary) == {code: (False, False)}


def test_what_a_clinician_notes_of_a_symptom_or_a_clause_states_no_condition(extractor):
    assert diagnoses(extractor, "The surgeon noted tenderness over the medial joint line, and the therapist documented "
                                "that her knee pain eased with rest.") == {}


@pytest.mark.parametrize(("summary", "codes"), [
    ("He is obese (BMI 35) and walks with a cane.", {"E66.9"}),
    ("The worker is morbidly obese at 6 feet and 330 pounds.", {"E66.01"}),
    ("This employee is already hypertensive and prediabetic.", {"I10", "R73.03"}),
    ("Because she is diabetic, her sugars are checked before each injection.", {"E11.9"}),
    ("The applicant has asthma, is obese, and smokes.", {"J45.909", "E66.9"}),
    ("Her internist describes her as hypothyroid and anemic.", {"E03.9", "D64.9"}),
    ("She is also mildly anemic after the operation.", {"D64.9"}),
])
def test_a_condition_the_worker_is_said_to_be(extractor, summary, codes):
    """Family: a condition told by its adjective after the worker ('he is obese', 'she is diabetic', 'has asthma, is
    obese', 'describes her as hypothyroid'; catalogue `ontology/condition_adjectives.tsv`) is the worker's."""
    assert diagnoses(extractor, summary) == {code: (False, False) for code in codes}


@pytest.mark.parametrize("summary", [
    "He is not obese and walks without a device.",
    "The burning in the feet was thought to be diabetic rather than radicular.",
    "The kidney disease was felt to be hypertensive in origin by her nephrologist.",
])
def test_an_adjective_not_said_of_the_worker_is_no_condition(extractor, summary):
    assert diagnoses(extractor, summary) == {}


@pytest.mark.parametrize("summary", [
    "Diagnoses: lumbar strain. A DVT of the right calf was suspected after the swelling; venous duplex 05/2021 negative.",
    "Diagnoses: lumbar strain. DVT of the left leg suspected after the fusion in 2019 - duplex neg.",
    "Diagnoses: lumbar strain. Gout was questioned in 2018 after a hot toe; joint aspirate 2018 nl.",
])
def test_a_condition_weighed_then_answered_by_a_tests_terse_note(extractor, summary):
    """Family: a condition weighed by a verb or a participle alone ('DVT of the left leg suspected'), then answered by a
    test's note later in its sentence ('; venous duplex 05/2021 negative', '- duplex neg.'): denied."""
    got = diagnoses(extractor, summary)
    assert len(got) == 1 and all(negated for negated, _ in got.values())


@pytest.mark.parametrize(("summary", "code"), [
    ("Past history: asthma as a small child, which he outgrew before school.", "J45.909"),
    ("She was admitted for meningitis at age 9 and recovered fully.", "G03.9"),
    ("He had pulmonary tuberculosis in 2004, treated with rifampin for four months, after which she was considered cured.",
     "A15.0"),
    ("Kawasaki disease at age 2, followed by cardiology for years, resolved.", "M30.3"),
    ("Glandular fever as a student: infectious mononucleosis at 19, which cleared over a summer.", "B27.90"),
    ("She developed postpartum depression following the birth of her son in 2009, treated with fluoxetine for a year and "
     "a half, which resolved completely.", "F53.0"),
    ("A post-concussion syndrome was found by neurology in 2017 for poor focus; that has resolved, and he is "
     "discharged.", "F07.81"),
])
def test_a_condition_outgrown_recovered_from_or_cured_after_its_treatment_has_ended(extractor, summary, code):
    """Family: a past condition told as outgrown, recovered from after where or when it was ('at age 9 and recovered
    fully'), ended or cured in a relative clause however long its treatment's note ('..., which resolved completely',
    '..., after which she was considered cured') or by a bare pronoun ('; that has resolved'): ended."""
    got = diagnoses(extractor, summary)
    assert got.get(code, (None,))[0] is True


@pytest.mark.parametrize("summary", [
    "Diagnoses: lumbar strain. Epilepsy is not carried on his problem list.",
    "Diagnoses: lumbar strain. The synovial fluid grew nothing, and septic arthritis is no longer suspected.",
    "Diagnoses: lumbar strain. The AME felt that fibromyalgia had not been proven.",
    "Diagnoses: lumbar strain. Standing films of the spine excluded spondylolisthesis.",
    "Diagnoses: lumbar strain. Chemical pneumonitis was considered at the ER, but a clear film did not support it.",
    "Diagnoses: 1. Lumbar strain 2. Fibromyalgia - per the PTP; the defense QME did not agree with it.",
    "Diagnoses: lumbar strain. Her PCP raised bipolar disorder; the psychiatrist found no mania and set that label aside.",
    "Diagnoses: lumbar strain. Gout was raised by her internist; her urate level came back in range, so the idea was dropped.",
])
def test_a_condition_put_aside_in_more_wordings(extractor, summary):
    """Family: a condition not carried, no longer suspected, not proven, excluded by films or views, not supported by
    a test, not agreed with, or its label or idea set aside or dropped: denied."""
    got = diagnoses(extractor, summary)
    assert len(got) == 1 and all(negated for negated, _ in got.values())


def test_a_condition_a_list_item_answers_with_denies_alone(extractor):
    """'HTN: denies' answers the item; 'asthma - denies current symptoms' tells only of its symptoms."""
    assert diagnoses(extractor, "Other history: HTN: denies; BP 120/76.") == {"I10": (True, False)}
    assert diagnoses(extractor, "PMH: asthma - denies current symptoms.") == {"J45.909": (False, False)}


@pytest.mark.parametrize(("summary", "code"), [
    ("The AME diagnosed an adjustment disorder and disagreed with an earlier psychiatrist's diagnosis of PTSD.", "F43.10"),
    ("Her family doctor's notes carry rheumatoid arthritis; the rheumatology QME disagreed, noting negative serology.",
     "M06.9"),
    # ... or doubted, disputed or did not confirm 'that diagnosis' past a semicolon or in the next sentence
    ("She has asthma. An urgent care note diagnosed lumbar radiculopathy; the AME doubted that diagnosis, finding "
     "normal reflexes.", "M54.16"),
    ("She has asthma. Her psychologist diagnosed major depressive disorder. The QME disputed that diagnosis.", "F32.9"),
    ("She has asthma. The first note gave fibromyalgia; her rheumatologist did not support that diagnosis.", "M79.7"),
    # ... or weighed, then disagreed with by another clinician with no object
    ("She has asthma. Her chiropractor suggested left piriformis syndrome, but the physiatrist disagreed, finding "
     "no tenderness.", "G57.02"),
    ("She has asthma. Gout was suspected by urgent care, but her rheumatologist did not agree.", "M10.9"),
])
def test_a_condition_a_later_clinician_disagreed_with(extractor, summary, code):
    """Family: a diagnosis another's ('an earlier psychiatrist's diagnosis of PTSD') that a clinician disagreed with,
    or one a clinician disagreed with in the next clause, with no object ('...; the QME disagreed, noting ...')."""
    assert diagnoses(extractor, summary)[code] == (True, False)


def test_a_clinician_who_disagreed_about_something_else_denies_nothing(extractor):
    assert diagnoses(extractor, "He has gout; the QME disagreed with the PTP about work restrictions.") == \
        {"M10.9": (False, False)}


def test_passing_something_else_ends_no_condition(extractor):
    got = diagnoses(extractor, "Diagnoses include insomnia and a ureteral stone. He passed the test of strength.")
    assert got == {"G47.00": (False, False), "N20.1": (False, False)}


@pytest.mark.parametrize(("summary", "code"), [
    ("She has thrombocytopenia, with platelets of 90,000.", "D69.6"),
    ("He has alcoholic cirrhosis of the liver.", "K70.30"),
    ("She has had postablative hypothyroidism since 2012.", "E89.0"),
    ("He has a left ureteral stone.", "N20.1"),
    ("She has chronic lymphocytic leukemia, in remission since 2014.", "C91.11"),
    ("He has CLL, followed by an oncologist.", "C91.10"),
    ("He has had a psychotic disorder since 2010.", "F29"),
    ("She carries a diagnosis of delusional disorder.", "F22"),
    ("She has cannabis use disorder, moderate.", "F12.20"),
    ("He has cocaine abuse, by his own account.", "F14.10"),
    ("She has left ventricular hypertrophy on echocardiogram.", "I51.7"),
    ("He has a right acoustic neuroma, watched with MRIs.", "D33.3"),
    ("She has tinea manuum of the left hand.", "B35.2"),
    ("He has a tobacco use disorder.", "F17.200"),
    ("He has a bleeding duodenal ulcer.", "K26.4"),
    ("He was treated for an H. pylori infection in 2015.", "B96.81"),
    ("She had Helicobacter pylori gastritis in 2009.", "K29.70"),
    ("She has stage 3b chronic kidney disease.", "N18.32"),
    ("He has CKD stage 4, followed by a nephrologist.", "N18.4"),
    ("He has stage 2 CKD.", "N18.2"),
    # a heart attack a summary tells of is an old one
    ("He had a non-ST elevation myocardial infarction in 2011.", "I25.2"),
    ("She had an inferior wall myocardial infarction in 2008, treated with a stent.", "I25.2"),
    ("He has moderate aortic stenosis, followed with echocardiograms.", "I35.0"),
    ("She has mitral valve prolapse.", "I34.1"),
    ("He has pulmonary sarcoidosis.", "D86.0"),
    ("She has a history of transient ischemic attack in 2012.", "G45.9"),
    ("He has atrial flutter, on apixaban.", "I48.92"),
    ("She has ulcerative colitis, on mesalamine.", "K51.90"),
    ("She has radiation-induced hypothyroidism.", "E89.0"),
    ("He has osteopenia.", "M85.80"),
])
def test_conditions_the_wording_table_adds_have_their_codes(extractor, summary, code):
    assert code in diagnoses(extractor, summary)


@pytest.mark.parametrize("summary", [
    "Diagnoses: insomnia. A brain MRI showed no white matter lesions, and her neurologist found nothing to support "
    "multiple sclerosis.",
    "Diagnoses: insomnia. The cervical MRI showed mild spondylosis, and the rheumatologist saw no evidence of "
    "rheumatoid arthritis.",
])
def test_a_clinicians_finding_of_none_beside_a_studys_reading_denies_the_condition(extractor, summary):
    """Family: a study's reading of what it does not show is a finding, but in the same sentence a clinician who
    found nothing to support a condition denies it."""
    got = diagnoses(extractor, summary)
    assert len(got) == 2 and [negated for negated, _ in got.values()].count(True) == 1


def test_a_clinicians_finding_of_none_does_not_outweigh_the_condition_stated(extractor):
    got = diagnoses(extractor, "The nerve studies were normal and the electromyographer found no evidence of ulnar "
                               "neuropathy. The surgeon's assessment was left cubital tunnel syndrome.")
    assert got == {"G56.22": (False, False)}


@pytest.mark.parametrize("summary", [
    "Diagnoses: insomnia. The psychologist weighed generalized anxiety disorder and decided that she did not meet "
    "criteria for it.",
    "Diagnoses: insomnia. Her psychiatrist weighed panic disorder, but she did not fulfill the criteria for this.",
])
def test_criteria_not_met_for_a_pronoun_answer_the_condition_weighed(extractor, summary):
    got = diagnoses(extractor, summary)
    assert got["G47.00"] == (False, False) and len(got) == 2 and all(
        negated for code, (negated, _) in got.items() if code != "G47.00")


def test_a_condition_named_again_two_sentences_on_and_said_to_have_healed_is_ended(extractor):
    got = diagnoses(extractor, "Diagnoses: insomnia. Endoscopy in 2016 found a gastric ulcer, and ibuprofen was "
                               "stopped. She was given omeprazole for eight weeks. A second endoscopy showed that the "
                               "ulcer had healed.")
    assert got == {"G47.00": (False, False), "K25.9": (True, False)}


@pytest.mark.parametrize(("summary", "expected"), [
    ("She has vitamin D deficiency and takes no supplement.", {}),
    ("He has vitamin B12 deficiency, found in 2019.", {}),
    ("She has vitamin D deficiency and takes vitamin D 2000 units daily.", {"ergocalciferol": False}),
])
def test_a_drug_that_names_a_condition_of_its_lack_is_no_drug_taken(extractor, summary, expected):
    """Family: 'vitamin D deficiency', 'B12 deficiency' name a condition; the drug inside the name is taken only
    where the letter says so."""
    assert medications(extractor, summary) == expected


@pytest.mark.parametrize("summary", [
    "She has insomnia.\n\nFamily History\n\nMother: lupus, on hydroxychloroquine. Father: gout, on allopurinol.\n\n"
    "Social History\n\nShe lives alone.",
    "She has insomnia.\n\n2.4 Family History\n\nPage 1 of 3\n\nIMR Case Number CM16-0102030\n\n- Mother: lupus, on "
    "hydroxychloroquine\n\n- Father: gout, on allopurinol\n\n2.5 Social History\n\nShe lives alone.",
])
def test_a_family_history_heading_without_its_colon_is_the_relatives(extractor, summary):
    """Family: a family history under a heading alone on its line (no colon), its items the relatives' even across a
    page break with its running header."""
    assert diagnoses(extractor, summary) == {"G47.00": (False, False)}
    assert medications(extractor, summary) == {}


@pytest.mark.parametrize(("summary", "expected"), [
    ("Her physician offered a switch to duloxetine in May, and she declined.", {"duloxetine": True}),
    ("Tizanidine offered 2/2019, pt declined; continues ibuprofen.", {"tizanidine": True, "ibuprofen": False}),
    ("Medications: - Buspirone 10 mg - offered in place of clonazepam 2016, declined by the patient",
     {"buspirone": True, "clonazepam": False}),
    ("Celecoxib was prescribed in 2017, but she never picked them up.", {"celecoxib": True}),
    ("Zolpidem extended release (Ambien CR) was prescribed, and he did not fill it.", {"zolpidem": True}),
    # a refusal of another drug, named after it, leaves the one tried
    ("Gabapentin was tried and stopped, and she declined pregabalin.", {"gabapentin": False, "pregabalin": True}),
])
def test_a_drug_the_worker_declined_or_never_picked_up_is_negated(extractor, summary, expected):
    """Family: a drug offered and refused with no word standing for it ('and he declined', 'pt declined',
    'declined by the patient'), one never picked up, one not filled after its form and brand; the drug it was
    to replace stays taken."""
    assert medications(extractor, summary) == expected


@pytest.mark.parametrize("summary", [
    "Diagnoses include insomnia. Gout was checked for at the first visit; the uric acid was normal.",
    "Diagnoses include insomnia. Gout was looked for at the first visit, but the aspirate was negative.",
    "Diagnoses include insomnia. Gout was also tested for; the joint fluid was unremarkable.",
])
def test_a_condition_checked_or_tested_for_and_answered_is_denied(extractor, summary):
    """Family: a condition 'checked for', 'looked for', 'tested for' in the passive is weighed, and the answer after
    it denies it."""
    assert diagnoses(extractor, summary) == {"G47.00": (False, False), "M10.9": (True, False)}


@pytest.mark.parametrize(("summary", "code"), [
    ("Diagnoses include insomnia. Polymyalgia rheumatica was placed on the differential, but the ESR was normal.", "M35.3"),
    ("Diagnoses include insomnia. Amyloidosis was suspected, but the fat pad biopsy was negative.", "E85.9"),
    ("Diagnoses include insomnia. Viral hepatitis was considered, but the serologies were negative.", "B19.9"),
])
def test_a_condition_in_the_code_sets_own_words_weighed_and_answered_is_denied(extractor, summary, code):
    """Family: a condition named only in the code set's wording (no row of our table) where the letter weighs it:
    it is read there as where the letter states or denies one."""
    assert diagnoses(extractor, summary) == {"G47.00": (False, False), code: (True, False)}


@pytest.mark.parametrize(("summary", "expected"), [
    ("Meds: Norco 10/325 TID. UDS 3/2/16: + oxycodone, + THC; not addressed.", {"hydrocodone/acetaminophen": False}),
    ("Former smoker, quit 2018; cotinine neg 5/2018. Meds: meloxicam.", {"meloxicam": False}),
    ("Meds: meloxicam. Duloxetine offered 6/2016 - declined.", {"meloxicam": False, "duloxetine": True}),
    # a drug a screen did not detect, or detects
    ("She takes Norco 10/325 four times a day. A urine drug screen on 08/14/2013 did not detect hydrocodone.",
     {"hydrocodone/acetaminophen": False}),
    ("Meds: tramadol 50 mg bid. The drug test detects no tramadol and detects oxycodone.", {"tramadol": False}),
    # ... or one the screens of the clause before, named by a pronoun, found
    ("Urine drug screens were collected in 04/2013 and 06/2013; each was consistent with the prescribed hydrocodone. "
     "Meds: Norco 10/325 mg bid - current.", {"hydrocodone/acetaminophen": False}),
])
def test_terse_notes_test_results_and_refusals(extractor, summary, expected):
    """Family: a clinic note's shorthand: a drug a screen found ('UDS: + oxycodone'), an analyte's result ('cotinine
    neg'), a drug offered and refused after a dash ('offered 6/2016 - declined')."""
    assert medications(extractor, summary) == expected


def test_a_terse_history_lists_a_condition_by_its_adjective(extractor):
    assert diagnoses(extractor, "PMH: HTN; DM2; hypothyroid, on levothyroxine.") == {"E11.9": (False, False), "I10": (False, False),
                                                                   "E03.9": (False, False)}


@pytest.mark.parametrize("summary", [
    "Diagnoses include insomnia. The gout that followed the surgery was treated with colchicine and has resolved.",
    "Diagnoses include insomnia. Her gout was treated by her internist with allopurinol and resolved.",
])
def test_a_condition_treated_and_then_ended_by_its_own_verbs_is_ended(extractor, summary):
    """Family: a condition whose own verbs say it was treated and then ended ('was treated with X and has
    resolved')."""
    assert diagnoses(extractor, summary) == {"G47.00": (False, False), "M10.9": (True, False)}


def test_a_condition_weighed_and_not_found_is_denied(extractor):
    got = diagnoses(extractor, "Diagnoses include insomnia. Gout was looked for on the aspirate and was not found.")
    assert got == {"G47.00": (False, False), "M10.9": (True, False)}


@pytest.mark.parametrize("summary", [
    "His ankle swelled; the internist put this down to his dehydration rather than to gout.",
    "The swelling was put down to dehydration rather than gout.",
])
def test_a_state_put_down_to_one_condition_rather_than_another(extractor, summary):
    """Family: 'put this down to X' (a word between the verb and its particle) states X; 'rather than Y' denies Y."""
    assert diagnoses(extractor, summary) == {"E86.0": (False, False), "M10.9": (True, False)}


@pytest.mark.parametrize(("summary", "expected"), [
    ("Meds: meloxicam. Gabapentin was avoided because of her kidney disease.", {"meloxicam": False, "gabapentin": True}),
    ("Meds: meloxicam. Her psychiatrist suggested adding bupropion, which she declined for fear of insomnia.",
     {"meloxicam": False, "bupropion": True}),
    # a drug held for a while is still taken
    ("Meds: meloxicam. Meloxicam was withheld for two days around the surgery and then resumed.", {"meloxicam": False}),
    # ... or asked to be avoided, in the subjunctive
    ("Meds: meloxicam. Her cardiologist asks that gabapentin and similar drugs be avoided.",
     {"meloxicam": False, "gabapentin": True}),
    # ... or one the worker is allergic to, named after the same drug weighed under another name
    ("Meds: meloxicam. Kadian was weighed by her surgeon, but she is allergic to morphine.",
     {"meloxicam": False, "morphine": True}),
    ("Meds: meloxicam. She took morphine in the hospital and is not allergic to morphine.",
     {"meloxicam": False, "morphine": False}),
    ("Meds: meloxicam. Avinza was weighed, but she has a documented allergy to morphine.",
     {"meloxicam": False, "morphine": True}),
    ("Meds: meloxicam. She took morphine in the hospital and has no allergy to morphine.",
     {"meloxicam": False, "morphine": False}),
])
def test_a_drug_avoided_or_declined_in_a_relative_clause_is_negated(extractor, summary, expected):
    assert medications(extractor, summary) == expected


@pytest.mark.parametrize("summary", [
    "Diagnoses: insomnia. A gout flare of the left ankle in 2012 has since resolved.",
    "Diagnoses: insomnia. Her gout, first seen at a clinic, had long subsided.",
])
def test_a_condition_ended_by_its_own_verb_after_where_and_when_it_was(extractor, summary):
    assert diagnoses(extractor, summary) == {"G47.00": (False, False), "M10.9": (True, False)}


@pytest.mark.parametrize("summary", [
    "Diagnoses: insomnia. His physician raised the possibility of a gout; the uric acid was normal.",
    "Diagnoses: insomnia. The podiatrist wondered whether a red, tender toe might be gout, but the aspirate showed "
    "no crystals.",
])
def test_a_condition_weighed_before_it_and_answered_by_a_test_that_showed_none(extractor, summary):
    """Family: 'raised the possibility of a X', a question whose words hold commas, answered by a test that showed
    none of it."""
    assert diagnoses(extractor, summary) == {"G47.00": (False, False), "M10.9": (True, False)}


def test_a_state_put_down_to_a_condition_with_the_states_words_between(extractor):
    got = diagnoses(extractor, "Diagnoses: insomnia. A spine surgeon put her aching right buttock down to a right "
                               "piriformis syndrome.")
    assert got == {"G47.00": (False, False), "G57.01": (False, False)}


def test_a_denial_ends_where_a_finding_is_put_down_to_a_cause(extractor):
    got = diagnoses(extractor, "Diagnoses: insomnia. The neurologist found no evidence of gout and attributed the "
                               "leg pain to lumbar radiculopathy.")
    assert got == {"G47.00": (False, False), "M10.9": (True, False), "M54.16": (False, False)}


def test_an_answer_after_the_next_condition_named_is_that_ones(extractor):
    """A condition a state is put down to, then another weighed after it, then an answer: the answer is the second
    one's (it is weighed, though named in the attribution's clause); the first stays stated."""
    got = diagnoses(extractor, "Diagnoses: insomnia. Her internist attributed the leg pain to lumbar radiculopathy, "
                               "and checked for gout as a cause of her swelling; the uric acid was normal.")
    assert got == {"G47.00": (False, False), "M54.16": (False, False), "M10.9": (True, False)}


def test_how_a_condition_went_denies_nothing_after_it(extractor):
    """'resolved without treatment' tells how a condition went; the 'without' denies no condition after it."""
    got = diagnoses(extractor, "Her history includes gout in 2010, which resolved without treatment, and lumbar "
                               "radiculopathy, treated with physical therapy.")
    assert got == {"M10.9": (True, False), "M54.16": (False, False)}


def test_a_condition_in_a_relative_clause_treated_and_ended(extractor):
    got = diagnoses(extractor, "Her history includes insomnia and gout, which was treated with colchicine in 2016 "
                               "and has resolved.")
    assert got == {"G47.00": (False, False), "M10.9": (True, False)}


@pytest.mark.parametrize(("summary", "expected"), [
    ("Meds: sertraline. The neurologist considered starting topiramate but chose to wait for the imaging.",
     {"sertraline": False}),
    # (a decision against it says it was not taken)
    ("Meds: sertraline. Her psychiatrist considered adding bupropion, and decided against it for now.",
     {"sertraline": False, "bupropion": True}),
])
def test_a_drug_considered_for_starting_is_not_taken(extractor, summary, expected):
    assert medications(extractor, summary) == expected


def test_a_tables_start_column_asks_for_no_drug(extractor):
    """A medication table's 'START' column heading, flattened onto the rows' line, is no request to start the drugs
    listed under it (a 'PLAN:' heading still is)."""
    summary = ("The medication list is below:\n\n   MEDICATION        STRENGTH     DIRECTIONS          START     NOTE\n"
               "   Norco             10/325 mg    1 tab q6h prn       2017\n"
               "   Baclofen          10 mg        --                  2019      d/c 2021\n\nPLAN: Lyrica 75 mg.")
    assert medications(extractor, summary) == {"hydrocodone/acetaminophen": False, "baclofen": False}


@pytest.mark.parametrize(("summary", "expected"), [
    ("She has calcium pyrophosphate deposition disease of the left knee and takes colchicine.", {"colchicine": False}),
    ("He has vitamin B12 deficiency, found on labs in 2018, and takes meloxicam.", {"meloxicam": False}),
])
def test_a_drug_inside_a_conditions_name_is_no_drug_taken(extractor, summary, expected):
    """Family: a drug's name inside a condition's longer name (a crystal disease, a deficiency) names the condition."""
    assert medications(extractor, summary) == expected


def test_sickle_cell_trait_checked_for_and_answered_is_denied(extractor):
    got = diagnoses(extractor, "Diagnoses: insomnia. Because his cousin has sickle cell anemia, the hematologist "
                               "checked him for sickle cell trait; the electrophoresis was normal.")
    assert got == {"G47.00": (False, False), "D57.3": (True, False)}


def test_a_word_any_condition_may_end_in_is_the_nearest_conditions(extractor):
    """'the infection resolved' after two infections named is the nearer one's end; a long-standing one named before
    stays."""
    got = diagnoses(extractor, "He has HIV infection, followed by his internist. In 2016 he had cellulitis of the left "
                               "leg, treated with cephalexin; the infection cleared.")
    assert got["B20"] == (False, False) and got["L03.116"] == (True, False)


@pytest.mark.parametrize(("summary", "expected"), [
    ("Massage and aquatic therapy were done in 2015, with brief relief.", {"massage-therapy", "aquatic-therapy"}),
    ("Chiropractic care was also done for six weeks.", {"chiropractic"}),
    ("Acupuncture will be done next month.", set()),
])
def test_care_said_to_have_been_done_was_had(extractor, summary, expected):
    assert {p["service"] for p in history(extractor, summary)["prior_treatments"]} == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # the generic word names the surgery already named by its kind
    ("He had a right carpal tunnel release in 2014. Occupational therapy after surgery helped.",
     {"nerve-decompression", "occupational-therapy"}),
    ("A lumbar fusion was done in 2012, and she has had no relief since the operation.", {"spinal-fusion"}),
    # a surgery at a part of its own is another
    ("He had a right carpal tunnel release in 2014 and knee surgery in 2016.", {"nerve-decompression", "surgery"}),
    ("He had a lumbar fusion in 2012, then surgery on the left shoulder in 2015.", {"spinal-fusion", "surgery"}),
    # ... and with no surgery named by its kind, the generic word is the surgery had
    ("He had physical therapy after surgery in 2012.", {"physical-therapy", "surgery"}),
])
def test_surgery_named_only_by_the_generic_word_is_the_surgery_named_by_its_kind(extractor, summary, expected):
    assert {p["service"] for p in history(extractor, summary)["prior_treatments"]} == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # treated and gone: the worker's history of the cancer
    ("Diagnoses: insomnia. She had follicular thyroid carcinoma, removed by thyroidectomy in 2011, with no "
     "evidence of disease since.", {"G47.00": (False, False), "Z85.850": (False, False)}),
    ("Diagnoses: insomnia. A squamous cell carcinoma of the skin of his scalp was excised in 2019.",
     {"G47.00": (False, False), "Z85.828": (False, False)}),
    ("Diagnoses: insomnia. He is status post radical prostatectomy for prostate cancer.",
     {"G47.00": (False, False), "Z85.46": (False, False)}),
    # still treated or watched: the cancer
    ("Diagnoses: insomnia. She has breast cancer and is currently receiving chemotherapy.",
     {"G47.00": (False, False), "C50.919": (False, False)}),
    ("Diagnoses: insomnia. He has prostate cancer, on active surveillance since 2016.",
     {"G47.00": (False, False), "C61": (False, False)}),
    # a relative's is no one's history here
    ("Diagnoses: insomnia. Her sister had colon cancer, treated with a colectomy.", {"G47.00": (False, False)}),
    # a lymphoma in remission takes its remission code
    ("Diagnoses: insomnia. He was treated for non-Hodgkin lymphoma in 2008; the lymphoma has been in remission "
     "since 2009.", {"G47.00": (False, False), "C85.9A": (False, False)}),
])
def test_a_cancer_treated_and_gone_is_a_history_of_it_and_one_in_remission_takes_its_code(extractor, summary, expected):
    """Family: a cancer told with its treatment, its removal or no evidence of it since is the worker's personal
    history of it (Z85, by the catalogue of cancers' history codes); one still treated or watched is a cancer."""
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("code", "history"), [("C50.912", "Z85.3"), ("C18.7", "Z85.038"), ("C44.91", "Z85.828"),
                                               ("C81.90", "Z85.71"), ("C91.10", "Z85.6"), ("M54.50", None)])
def test_the_catalogue_gives_a_cancers_history_code(code, history):
    assert link.history_of_cancer(code) == history


@pytest.mark.parametrize(("code", "remitted"), [("C91.10", "C91.11"), ("C90.00", "C90.01"), ("C81.90", "C81.9A"),
                                                ("C91.11", "C91.11"), ("F32.1", "F32.1")])
def test_a_condition_in_remission_takes_the_one_code_beside_it_that_says_so(code, remitted):
    assert link.in_remission(code) == remitted


@pytest.mark.parametrize(("summary", "expected"), [
    ("Other tx: PT, acupuncture x 6, TENS.", {"physical-therapy", "acupuncture", "tens-unit"}),
    ("Tx to date: chiropractic x 12; lumbar ESI 2015.", {"chiropractic", "epidural-steroid-injection"}),
    # an injection and an operation in a note's shorthand
    ("Tx: L wrist steroid inj 2021. PSH: lap chole 2012.", {"corticosteroid-injection", "surgery"}),
])
def test_a_clinic_notes_label_of_other_care_lists_care_had(extractor, summary, expected):
    assert {p["service"] for p in history(extractor, summary)["prior_treatments"]} == expected


@pytest.mark.parametrize("summary", [
    "She has had acupuncture. Her father is now in physical therapy following a knee replacement.",
    "She has had acupuncture. Her father, who lives with her, was undergoing physical therapy last spring.",
    "He has had acupuncture. His wife is receiving physical therapy for her neck.",
])
def test_care_a_relative_is_in_is_the_relatives(extractor, summary):
    assert {p["service"] for p in history(extractor, summary)["prior_treatments"]} == {"acupuncture"}


@pytest.mark.parametrize(("summary", "expected"), [
    ("Hydromorphone (nausea) and tramadol (seizure) are listed as allergies. She takes duloxetine.",
     {"hydromorphone": True, "tramadol": True, "duloxetine": False}),
    ("Penicillin is a documented allergy. He takes meloxicam.", {"penicillin": True, "meloxicam": False}),
    ("Oxycodone, morphine and codeine were noted as intolerances. She takes naproxen.",
     {"oxycodone": True, "morphine": True, "codeine": True, "naproxen": False}),
    # a drug listed beside the allergy, not in its series, is taken
    ("She takes naproxen. Codeine is an allergy.", {"naproxen": False, "codeine": True}),
])
def test_a_series_of_drugs_said_after_it_to_be_allergies_is_not_taken(extractor, summary, expected):
    assert medications(extractor, summary) == expected


@pytest.mark.parametrize("summary", [
    "A pain physician offered duloxetine in 2016; she declined.",
    "Her physician suggested nortriptyline at the May visit; he refused.",
])
def test_a_drug_offered_and_refused_in_the_next_clause_is_not_taken(extractor, summary):
    assert list(medications(extractor, summary).values()) == [True]


@pytest.mark.parametrize(("summary", "expected"), [
    # a test done to exclude a condition, and normal
    ("Diagnoses: insomnia. Thyroid studies were drawn to exclude hypothyroidism as a cause and were normal.",
     {"G47.00": (False, False), "E03.9": (True, False)}),
    ("Diagnoses: insomnia. Serologies were sent to rule out lupus, and were negative.",
     {"G47.00": (False, False), "M32.9": (True, False)}),
    # a clinician's suspicion another did not confirm
    ("Diagnoses: insomnia. The aching led his internist to suspect fibromyalgia, but the rheumatologist did not "
     "confirm that diagnosis.", {"G47.00": (False, False), "M79.7": (True, False)}),
    # treated, then ended, with where and when between
    ("Diagnoses: insomnia. She had left plantar fasciitis in 2015, which was treated with stretching and has "
     "resolved.", {"G47.00": (False, False), "M72.2": (True, False)}),
    ("Diagnoses: insomnia. He had chronic hepatitis C, which was treated with Epclusa in 2019 and cured.",
     {"G47.00": (False, False), "B18.2": (True, False)}),
    # ... and by a pronoun, the nearest condition's
    ("Diagnoses: insomnia. He had Lyme disease in 2011, treated with doxycycline, and it resolved.",
     {"G47.00": (False, False), "A69.20": (True, False)}),
])
def test_conditions_answered_by_a_test_done_for_them_by_a_suspicion_unconfirmed_or_cured(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


def test_a_labelled_lists_item_told_in_sentences_leaves_the_list_going_on(extractor):
    """Family: a bulleted item of a labelled list may run to sentences of its own (the drugs for it, what was
    offered); the items after it are still the list's."""
    got = diagnoses(extractor, "Past medical history, per the cardiology consultation of 03/03/2016:\n\n"
                               "- Atrial fibrillation since 2012; rate controlled. He takes metoprolol. Warfarin was "
                               "stopped in 2014 after a nosebleed.\n\n- Gout, on allopurinol.\n\n- Hyperlipidemia; "
                               "LDL 96. He walks daily.\n\n- Hypothyroidism, on levothyroxine.")
    assert set(got) == {"I48.91", "M10.9", "E78.5", "E03.9"} and not any(n for n, _ in got.values())


@pytest.mark.parametrize(("summary", "expected"), [
    ("Diagnoses: insomnia. Nephrolithiasis was suspected at an urgent care visit for flank pain, but a CT showed no "
     "stones.", {"G47.00": (False, False), "N20.0": (True, False)}),
    # a condition before a comma, in a clause of its own, is no part of what was weighed
    ("Diagnoses: insomnia. Since she took prednisone for asthma, avascular necrosis was a concern; the MRI "
     "showed no collapse.", {"G47.00": (False, False), "J45.909": (False, False), "M87.9": (True, False)}),
])
def test_a_condition_weighed_by_a_verb_after_it_is_answered_by_a_test_that_showed_none(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    ("He has had acupuncture. In 2016 he underwent an interdisciplinary evaluation at a functional restoration "
     "program.", {"acupuncture"}),
    ("He has had acupuncture; a 2014 evaluation for a functional restoration program led to no admission.",
     {"acupuncture"}),
    ("She has had acupuncture. Her brother, who lives nearby, completed a functional restoration program.",
     {"acupuncture"}),
    # the program itself, completed, is care had
    ("She finished a four-week functional restoration program in 2012.", {"functional-restoration-program"}),
])
def test_a_program_evaluated_at_or_a_relatives_is_no_care_had(extractor, summary, expected):
    assert {p["service"] for p in history(extractor, summary)["prior_treatments"]} == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # a symptom-coded condition suspected and answered is a condition denied; a relative who saw it names nothing
    ("He has insomnia. His wife saw two staring spells, and post-traumatic seizures were suspected. Two EEGs were "
     "both normal.", {"G47.00": (False, False), "R56.1": (True, False)}),
    # criteria fallen short of
    ("He has insomnia. The neurologist considered chronic migraine, but the diary showed only six headache days a "
     "month, short of the criteria.", {"G47.00": (False, False), "G43.709": (True, False)}),
    # a test's value that excluded it
    ("He has insomnia. Tests were normal. A hemoglobin A1c of 5.1% excluded diabetes.",
     {"G47.00": (False, False), "E11.9": (True, False)}),
    # conditions weighed 'for X and for a Y', excluded together
    ("He has insomnia. An otolaryngologist evaluated him for Meniere's disease and for a perilymphatic fistula, and "
     "excluded both.", {"G47.00": (False, False), "H81.09": (True, False), "H83.19": (True, False)}),
    # tests named for conditions, normal after a comma
    ("He has insomnia. A TSH and an A1c, drawn to exclude hypothyroidism and diabetes, were normal.",
     {"G47.00": (False, False), "E03.9": (True, False), "E11.9": (True, False)}),
])
def test_conditions_weighed_and_answered_in_the_ways_a_neurologists_letter_tells(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # what a drug test or a prescription-monitoring report showed is no drug taken
    ("He takes gabapentin. A drug test in May showed oxymorphone only.", {"gabapentin": False}),
    ("She takes duloxetine. The CURES report listed a 10 day supply of tramadol from an urgent care.",
     {"duloxetine": False}),
    # a drug offered and passed over for the one the worker stayed on
    ("He takes oxycodone. A switch to Nucynta was offered, but he preferred to continue the oxycodone.",
     {"oxycodone": False, "tapentadol": True}),
    # a relative who lives with the worker and takes a drug
    ("She takes sertraline. Her father-in-law lives with them and takes hydromorphone.", {"sertraline": False}),
])
def test_drugs_a_report_showed_passed_over_or_a_relatives_are_not_taken(extractor, summary, expected):
    assert medications(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    ("He has insomnia. He does have gout, on allopurinol.", {"G47.00": (False, False), "M10.9": (False, False)}),
    # a numbered item told in sentences; a label naming its source 'as summarized in'
    ("Non-industrial history, as summarized in an internist's report of 03/02/2016:\n\n1) Gout since 2010. He "
     "takes allopurinol. Colchicine was stopped.\n\n2) Hypertension, on amlodipine.\n\n3) Insomnia, on melatonin.",
     {"M10.9": (False, False), "I10": (False, False), "G47.00": (False, False)}),
    # treated, with or without the care named, and then ended
    ("He has insomnia. His cellulitis around the portal site, which was treated and resolved, delayed therapy.",
     {"G47.00": (False, False), "L03.90": (True, False)}),
    ("He has insomnia. He had Pneumocystis pneumonia in 2009, which was treated and is considered cured.",
     {"G47.00": (False, False), "B59": (True, False)}),
    ("He has insomnia. He had diffuse large B-cell lymphoma, treated in 2012, and it has been in remission since.",
     {"G47.00": (False, False), "C83.3A": (False, False)}),
])
def test_conditions_in_an_internists_history_said_plainly_numbered_or_ended(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # evaluated for it at a time, then answered by normal tests after a semicolon
    ("She has insomnia. A rheumatologist evaluated her in 2015 for possible lupus; her ANA and complements were "
     "normal.", {"G47.00": (False, False), "M32.9": (True, False)}),
    # a condition weighed and then said not to be had, by 'one'
    ("He has insomnia. The QME weighed an illness anxiety disorder but found that he does not have one.",
     {"G47.00": (False, False), "F45.21": (True, False)}),
])
def test_a_condition_evaluated_for_at_a_time_or_denied_by_one_is_answered(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


def test_care_attempted_was_had(extractor):
    assert prior(extractor, "He has insomnia. He attempted outpatient detoxification in 2014.") == {"detoxification"}


@pytest.mark.parametrize(("summary", "expected"), [
    ("He takes naproxen. He lists morphine as an allergy (itching).", {"naproxen": False, "morphine": True}),
    # what follows a drug offered in place of another is said of the offered drug
    ("She takes zolpidem. Eszopiclone was proposed in place of Ambien; she preferred not to change medications.",
     {"zolpidem": False, "eszopiclone": True}),
    # a product the drug dictionary names by its form is its drug
    ("He takes naproxen. A buprenorphine patch was proposed; he has not started it.",
     {"naproxen": False, "buprenorphine": True}),
])
def test_drugs_listed_as_allergies_offered_in_place_of_others_or_named_by_their_form(extractor, summary, expected):
    assert medications(extractor, summary) == expected


def test_care_a_review_first_denied_was_not_had_and_care_after_it_was(extractor):
    summary = "He has insomnia. After surgery was first denied in 2013 he went on to six acupuncture visits."
    assert prior(extractor, summary) == {"acupuncture"}


def test_a_family_history_ends_at_a_label_that_names_its_source_in_brackets(extractor):
    summary = ("He has insomnia.\n\nFHx: father - gout, on allopurinol.\n\nMeds (pain clinic 03/02/2016): tramadol "
               "50 mg q6h prn; meloxicam 15 mg qd.")
    assert medications(extractor, summary) == {"tramadol": False, "meloxicam": False}


@pytest.mark.parametrize("summary", [
    "Diagnoses: insomnia. A deep vein thrombosis of the right calf was suspected. The venous duplex showed patent "
    "veins, good flow and no thrombus.",
    "Diagnoses: insomnia. Lumbar stenosis was suspected. The MRI showed mild disc bulging and no stenosis.",
])
def test_a_test_showing_none_of_the_conditions_kin_later_in_its_clause_denies_it(extractor, summary):
    got = diagnoses(extractor, summary)
    assert got["G47.00"] == (False, False) and len(got) == 2 and all(n for c, (n, _) in got.items() if c != "G47.00")


def test_an_answer_read_past_a_decimal_value(extractor):
    got = diagnoses(extractor, "She has insomnia. Her physician tested for hypothyroidism; the TSH was 1.7 mIU/L and the "
                               "free T4 was normal.")
    assert got == {"G47.00": (False, False), "E03.9": (True, False)}


@pytest.mark.parametrize(("summary", "expected"), [
    ("She takes tapentadol. Morphine given after her hysterectomy caused a rash and is recorded in the chart as an allergy.",
     {"tapentadol": False, "morphine": True}),
    # a drug told before another's allergy is taken
    ("He uses Advil 400 mg and is allergic to sulfamethoxazole.", {"ibuprofen": False, "sulfamethoxazole": True}),
    # offered as an alternative to another, then refused
    ("She takes tapentadol. A pain physician suggested Belbuca as an alternative to the tapentadol; she declined.",
     {"tapentadol": False, "buprenorphine": True}),
    # what a pharmacogenetic panel commented on
    ("She takes tapentadol. A pharmacogenetic panel commented that codeine would give reduced analgesia.",
     {"tapentadol": False}),
])
def test_drugs_recorded_as_allergies_offered_as_alternatives_or_named_by_a_panel(extractor, summary, expected):
    assert medications(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    ("S: neck pain 5/10.\nTx to date: CMT x 8; ice/heat prn.\nP: CMT 1x/wk x 6 wks; acupuncture x 8.",
     {"chiropractic", "hot-cold-pack"}),
    ("Tx: night splints (some help); OT x 6 (no change).\nP: EMG/NCV; massage x 6.",
     {"orthotics", "occupational-therapy"}),
])
def test_a_clinic_notes_tx_label_lists_care_had_and_its_p_label_care_asked_for(extractor, summary, expected):
    assert {p["service"] for p in history(extractor, summary)["prior_treatments"]} == expected


@pytest.mark.parametrize(("summary", "expected"), [
    ("Intolerances: sertraline (agitation). She takes tramadol.", {"sertraline": True, "tramadol": False}),
    ("Allergies/intolerances: codeine (vomiting)", {"codeine": True}),
    ("Drug allergies and intolerances: meloxicam (edema), duloxetine (sweats)", {"meloxicam": True, "duloxetine": True}),
    ("Adverse drug reactions: cyclobenzaprine - morning grogginess", {"cyclobenzaprine": True}),
    ("Allergies to medications: celecoxib. Current: naproxen.", {"celecoxib": True, "naproxen": False}),
    ("Allergies (drug): baclofen; he uses ibuprofen.", {"baclofen": True, "ibuprofen": False}),
    # ... or a sentence's label over the list's lines
    ("Her recorded allergies are:\n1) Baclofen - hives\n2) Meloxicam - edema\nShe uses ibuprofen.",
     {"baclofen": True, "meloxicam": True, "ibuprofen": False}),
    ("His drug intolerances include:\n- Duloxetine (sweats)\nHe uses ibuprofen.", {"duloxetine": True, "ibuprofen": False}),
])
def test_a_list_labelled_as_allergies_or_intolerances_in_other_words_is_not_taken(extractor, summary, expected):
    got = medications(extractor, summary)
    assert {k: v for k, v in got.items() if k in expected} == expected


MEDICATION_TABLE = """\
DRUG                  HOW TAKEN              BEGUN      ENDED      REMARKS

{first:<22}daily                  03/2016    --         {remark}

Meloxicam             15 mg daily            01/2015    06/2015    helped a little
"""


@pytest.mark.parametrize(("first", "remark", "expected"), [
    # the remark is the row's own: the next row's drug is untouched
    ("Capsaicin cream", "ordered, never filled", {"capsaicin": True, "meloxicam": False}),
    ("Duloxetine", "not started", {"duloxetine": True, "meloxicam": False}),
    ("Topiramate", "never taken - cost", {"topiramate": True, "meloxicam": False}),
    ("Baclofen", "taking", {"baclofen": False, "meloxicam": False}),
    ("Diclofenac gel", "never opened", {"diclofenac": True, "meloxicam": False}),
    ("Lidocaine cream", "not used", {"lidocaine": True, "meloxicam": False}),
])
def test_a_remark_in_a_medication_tables_last_column_is_its_rows(extractor, first, remark, expected):
    got = medications(extractor, MEDICATION_TABLE.format(first=first, remark=remark))
    assert {k: v for k, v in got.items() if k in expected} == expected


def test_a_remark_at_a_rows_end_reaches_no_row_below_written_in_lower_case(extractor):
    """A table's rows may start in lower case ('  metformin 500 mg     bid     current'): the refusal ending the row
    above is that row's alone."""
    summary = ("Meds:\n  Butrans patch        --          offered 2019 for rotation; declined\n"
               "  metformin 500 mg     bid         current\n  lisinopril 20 mg     daily       current\n")
    assert medications(extractor, summary) == {"buprenorphine": True, "metformin": False, "lisinopril": False}



def test_a_cells_second_line_set_in_further_is_still_its_rows(extractor):
    summary = ("Conditions weighed:\n  Pulmonary embolism,        ER, 03/2018             CT angiogram 03/2018:\n"
               "    right side               (chest pain)            no filling defect, excluded\n")
    assert diagnoses(extractor, summary) == {"I26.99": (True, False)}


@pytest.mark.parametrize(("summary", "expected"), [
    ("Medications: Theramine 2 caps at bedtime; celecoxib 1 cap daily.", {"theramine", "celecoxib"}),
    ("She uses naproxen, 2 tabs a day.", {"naproxen"}),
])
def test_a_counts_unit_is_no_drug(extractor, summary, expected):
    assert set(medications(extractor, summary)) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # the verb's object after it is excluded; what the same subject found before it stands
    ("The neurologist diagnosed carpal tunnel syndrome and excluded a cervical radiculopathy.",
     {"G56.00": (False, False), "M54.12": (True, False)}),
    ("A duplex scan in 03/2018 excluded deep vein thrombosis of the right leg. Diagnoses: gout.",
     {"I82.401": (True, False), "M10.9": (False, False)}),
    ("The rheumatology consult has already excluded lupus. Diagnoses: gout.",
     {"M32.9": (True, False), "M10.9": (False, False)}),
    ("A work-up excluded celiac disease. Diagnoses: gout.", {"K90.0": (True, False), "M10.9": (False, False)}),
    # the passive, with a preposition or a mark after the verb, reaches back alone
    ("Gout was considered and excluded by aspiration, and fibromyalgia was diagnosed.",
     {"M10.9": (True, False), "M79.7": (False, False)}),
    ("Gout was weighed and excluded, and fibromyalgia was diagnosed.", {"M10.9": (True, False), "M79.7": (False, False)}),
    # a terse item struck out, its reason in brackets after
    ("Dx: 1. Gout\n2. Lupus - ruled out (ANA negative 2016)", {"M10.9": (False, False), "M32.9": (True, False)}),
])
def test_a_test_or_clinician_that_excluded_a_condition_named_after_the_verb(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # a past-history label in its clinic-note spellings
    ("PMHx: HTN; asthma.", {"I10": (False, False), "J45.909": (False, False)}),
    ("PMSHx: hypothyroidism; s/p cholecystectomy.", {"E03.9": (False, False)}),
    ("Med hx: GERD.", {"K21.9": (False, False)}),
    # 'DM' alone, stated and denied
    ("PMH: DM, HLD.", {"E11.9": (False, False), "E78.5": (False, False)}),
    ("PMHx: asthma. No DM.", {"J45.909": (False, False), "E11.9": (True, False)}),
])
def test_a_clinic_notes_history_label_and_its_abbreviations(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # shorthand inside a wording of the code set: read as its words
    ("Dx: L hip primary OA.", {"M16.12": (False, False)}),
    ("Dx: primary OA of the right hip.", {"M16.11": (False, False)}),
    ("Dx: cervicogenic HA; neck sprain.", {"G44.86": (False, False)}),
    # lower case is no shorthand: a word broken at its line's end
    ("Dx: cervical strain. Her pain ra-\ndiates to the shoulder.", {}),
])
def test_shorthand_in_a_code_set_wording(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # the code after the item's condition and its part is that condition's, finer than its wording
    ("A: 1. Primary OA L hip, superolateral (M16.12) 2. Gout", {"M16.12": (False, False), "M10.9": (False, False)}),
    ("Impression: primary osteoarthritis, R knee (M17.11); lumbar strain.", {"M17.11": (False, False)}),
])
def test_a_code_written_after_a_conditions_item_is_that_conditions(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


def test_the_code_sets_own_not_qualifier_denies_nothing_after_it(extractor):
    summary = "Diagnoses: chronic migraine without aura, not intractable and left occipital neuralgia."
    assert diagnoses(extractor, summary) == {"G43.709": (False, False), "M54.81": (False, False)}


@pytest.mark.parametrize(("summary", "expected"), [
    # weighed as a noun ('was a consideration', 'a possibility') and answered
    ("Pseudogout was a consideration, and the joint was tapped: no crystals were seen.", {"M11.20": (True, False)}),
    ("Lupus was a possibility; the serologies were negative.", {"M32.9": (True, False)}),
    # a test that shows none of a name whose last word is generic, by the word before it
    ("Cauda equina syndrome was suspected; the MRI showed a disc bulge without compression of the cauda equina.",
     {"G83.4": (True, False)}),
    # named as what tests were done for, and the tests' result right after the names
    ("Labs sent to rule out hypothyroidism and gout were both normal. Diagnoses: lumbar strain.",
     {"E03.9": (True, False), "M10.9": (True, False)}),
])
def test_a_condition_weighed_as_a_noun_or_by_the_tests_named_for_it_and_answered(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    ("Her internist diagnosed plantar fasciitis of the left foot; this was treated with a night splint and had resolved "
     "by 2019.", {"M72.2": (True, False)}),
    ("Medical history:\n- Hepatitis C, treated with sofosbuvir for 12 weeks in 2017 and considered cured.\n- Asthma.",
     {"B19.20": (True, False), "J45.909": (False, False)}),
    ("Diagnoses: asthma. A right Bell's palsy in 2012 resolved completely within weeks.",
     {"J45.909": (False, False), "G51.0": (True, False)}),
])
def test_a_condition_that_ended_in_other_words(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # a list item's terse end, before the next item or the next label
    ("Medication trials:\n1) Duloxetine 30 mg - 2015; nausea\n2) Nortriptyline - suggested 2016 by the QME; patient "
     "refused\n3) Baclofen 10 mg - continues", {"duloxetine": False, "nortriptyline": True, "baclofen": False}),
    ("Medications:\n- Venlafaxine - offered 05/2017 for mood - declined\n- Meloxicam 7.5 mg daily",
     {"venlafaxine": True, "meloxicam": False}),
    ("Psychiatric medications:\n1. Prazosin - proposed for nightmares; pt declined\nALLERGIES: none\n",
     {"prazosin": True}),
    # offered as an option for later
    ("She uses meloxicam. Her surgeon raised a fentanyl patch as an option for some later date.",
     {"meloxicam": False, "fentanyl": True}),
    # declined with no item's end after it is another clause's verb
    ("Her medications are meloxicam and trazodone; she declined gabapentin.",
     {"meloxicam": False, "trazodone": False, "gabapentin": True}),
])
def test_a_drug_declined_at_a_list_items_end_or_offered_as_an_option(extractor, summary, expected):
    got = medications(extractor, summary)
    assert {k: v for k, v in got.items() if k in expected} == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # said after it: present, listed, documented
    ("Hypertension has been present since 2011. Diagnoses: lumbar strain.", {"I10": (False, False)}),
    ("Her weight is 240 pounds, and morbid obesity is listed among her problems.", {"E66.01": (False, False)}),
    # 'has since had'
    ("She had thyroid cancer treated with thyroidectomy and has since had postprocedural hypothyroidism.",
     {"Z85.850": (False, False), "E89.0": (False, False)}),
    # physicians who 'diagnose' it
    ("Her internist and her cardiologist diagnose paroxysmal atrial fibrillation.", {"I48.0": (False, False)}),
    # a diagnosis the code set files with the symptoms
    ("He has prediabetes, with an A1c of 6.0%.", {"R73.03": (False, False)}),
    # a condition named as what is prevented or screened is none
    ("She takes apixaban for stroke prevention and aspirin for DVT prophylaxis. Diagnoses: gout.",
     {"M10.9": (False, False)}),
    # a condition treated before it is named, then cured
    ("He was treated for hepatitis C with sofosbuvir in 2016 and has been considered cured since.",
     {"B19.20": (True, False)}),
    ("Diagnoses: male hypogonadism attributed to opioids.", {"E29.1": (False, False)}),
])
def test_a_condition_stated_ended_or_only_prevented_in_other_words(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    ("The low testosterone may worsen his insulin resistance; he takes metformin.", {"metformin": False}),
    ("She was treated for hepatitis C with sofosbuvir in 2016 and has been considered cured.", {"sofosbuvir": False}),
    ("Her internist offered liraglutide in 2015; she declined because of nausea fears.", {"liraglutide": True}),
])
def test_a_drug_measured_taken_before_a_cure_or_declined_for_a_reason(extractor, summary, expected):
    assert medications(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # weighed with an article after the verb
    ("The rheumatologist considered a gout flare after two swollen toes, but the aspirate was negative.",
     {"M10.9": (True, False)}),
    ("Her neurologist suspected a seizure disorder, but two EEGs were normal.", {"G40.909": (True, False)}),
    # a series said after it to be in a physician's care
    ("Asthma and hypothyroidism are followed by her internist.", {"J45.909": (False, False), "E03.9": (False, False)}),
])
def test_a_condition_weighed_with_its_article_or_in_a_physicians_care(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


def test_a_drug_a_physician_asked_to_add_is_asked_for_not_taken(extractor):
    summary = "She uses meloxicam. Her physician asked to add tizanidine at night."
    assert medications(extractor, summary) == {"meloxicam": False}


def test_a_condition_weighed_for_a_reason_then_shown_absent(extractor):
    summary = "Her internist considered pseudogout after a hot swollen knee, but the tap showed no crystals."
    assert diagnoses(extractor, summary) == {"M11.20": (True, False)}


def test_care_named_again_by_the_first_words_of_its_fuller_name_is_that_care(extractor):
    summary = ("In 2016 she underwent manipulation under anesthesia of the right shoulder. Since the manipulation she "
               "has attended eight physical therapy visits.")
    assert prior(extractor, summary) == {"surgery", "physical-therapy"}


@pytest.mark.parametrize(("summary", "expected"), [
    # the tests named for conditions, answered in a clause of their own
    ("A ferritin and a TSH were sent to exclude anemia and hypothyroidism, and both came back normal.",
     {"D64.9": (True, False), "E03.9": (True, False)}),
    # what it was first put down to, then denied
    ("Her internist first attributed the tingling to cubital tunnel syndrome. Nerve studies: Impression: C8 "
     "radiculopathy; no cubital tunnel syndrome.", {"G56.20": (True, False), "M54.12": (False, False)}),
    # one medical problem named in the singular
    ("Her only other medical problem is asthma, treated with an inhaler.", {"J45.909": (False, False)}),
    ("A normal B12 level excluded B12 deficiency.", {"E53.8": (True, False)}),
    # a stroke in a list of what the worker has not had, by its common word; heat stroke is no cerebral infarction
    ("Pertinent negatives: no coronary artery disease, stroke or sleep apnea.",
     {"I25.10": (True, False), "I63.9": (True, False), "G47.30": (True, False)}),
    ("He was treated for heat stroke at work in 2019.", {}),
])
def test_a_condition_answered_first_put_down_to_or_named_alone(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # a cancer watched or treated now is the worker's cancer; one treated and gone, the history of it
    ("Bladder cancer is on active surveillance by his urologist. Diagnoses: gout.",
     {"C67.9": (False, False), "M10.9": (False, False)}),
    ("He was treated for non-Hodgkin lymphoma in 2001 and has been free of disease since.", {"Z85.72": (False, False)}),
    ("Diagnoses: gout. Her mother takes tamoxifen for metastatic breast cancer.", {"M10.9": (False, False)}),
    # followed for it, led on to it, put down to something, kept down by a drug, given care for it
    ("His nephrologist follows him for seronegative rheumatoid arthritis.", {"M06.00": (False, False)}),
    ("Her internist and pulmonologist follow her for asthma and obstructive sleep apnea.",
     {"J45.909": (False, False), "G47.33": (False, False)}),
    ("Two specialists see him for gout.", {"M10.9": (False, False)}),
    ("Comorbid conditions documented by his internist include hyperlipidemia and obesity.",
     {"E78.5": (False, False), "E66.9": (False, False)}),
    ("She has lupus nephritis, which progressed to end-stage renal disease in 2019.",
     {"M32.14": (False, False), "N18.6": (False, False)}),
    ("Chronic kidney disease stage 3b has been attributed to years of NSAIDs.", {"N18.32": (False, False)}),
    ("Chronic hepatitis B is suppressed on entecavir.", {"B18.1": (False, False)}),
    ("She had a kidney transplant for polycystic kidney disease in 2010.", {"Q61.3": (False, False)}),
    ("He has myelodysplastic syndrome, on transfusions.", {"D46.9": (False, False)}),
    # an ulcer treated and then healed, named again by its head
    ("She had a gastric ulcer in 2016; the ulcer was treated with omeprazole and has since healed.",
     {"K25.9": (True, False)}),
])
def test_comorbidities_told_by_their_course_or_care(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize("summary", [
    "Diagnoses: gout. Zolpidem was stopped after an episode of sleepwalking.",
    "Diagnoses: gout. She came off quetiapine following two bouts of delirium in 2019.",
    "Diagnoses: gout. Trazodone was discontinued because of an episode of priapism.",
])
def test_an_episode_a_drug_was_stopped_for_is_the_drugs_effect(extractor, summary):
    """Family: an episode of a drug's effect (sleepwalking, delirium, priapism) after which the drug was stopped is what
    the drug did, not a condition the worker has; a disease it caused is the worker's (see 'an episode of gastritis')."""
    assert diagnoses(extractor, summary) == {"M10.9": (False, False)}


def test_an_episode_told_for_itself_is_a_condition(extractor):
    """Guard: 'two bouts of pancreatitis' with no drug stopped for them are the worker's."""
    assert diagnoses(extractor, "He had two bouts of pancreatitis in 2018.") == {"K85.92": (False, False)}


@pytest.mark.parametrize("summary", [
    "His known conditions are gout and obesity.",
    "Pre-existing conditions include gout and obesity.",
    "Known conditions: gout; obesity.",
    "The underlying medical conditions are gout and obesity.",
    "Concurrent conditions include gout and obesity.",
])
def test_conditions_told_as_known_or_underlying_are_stated(extractor, summary):
    """Family: the worker's conditions under an adjective that says they were there before or beside the injury."""
    assert diagnoses(extractor, summary) == {"M10.9": (False, False), "E66.9": (False, False)}


def test_a_multiaxial_diagnosis_states_its_clinical_and_medical_axes(extractor):
    summary = ("Axis I: 309.81 Posttraumatic stress disorder, chronic; 307.42 Primary insomnia.\nAxis III: Bilat CTS.\n"
               "Axis IV: loss of job. Axis V: GAF 52.")
    assert diagnoses(extractor, summary) == {"F43.12": (False, False), "F51.01": (False, False), "G56.03": (False, False)}


@pytest.mark.parametrize(("summary", "expected"), [
    ("Tx to date: CBT x 8; psychiatric med mgmt every 6 wks.", {"cognitive-behavioral-therapy", "medication-management"}),
    ("Hx: L THA 2016. Ambulates 200 ft w/ a cane.", {"surgery", "durable-medical-equipment"}),
    ("Tx hx: PT x18; aquatic x8 (2020); chiro x6.", {"physical-therapy", "aquatic-therapy", "chiropractic"}),
])
def test_a_clinic_notes_history_and_shorthand_of_care(extractor, summary, expected):
    assert prior(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    ("He takes meloxicam. The allergy list reads: tramadol (rash).", {"meloxicam": False, "tramadol": True}),
    ("She takes meloxicam. Famotidine was prescribed, but the pharmacy shows it was never picked up.",
     {"meloxicam": False, "famotidine": True}),
    ("He takes meloxicam. Ultram (tramadol) is charted as an allergy.", {"meloxicam": False, "tramadol": True}),
    # (past when it happened)
    ("He takes meloxicam. Hives from tramadol in 2016 are recorded as an allergy.", {"meloxicam": False, "tramadol": True}),
    # an allergy told by its reaction, by the allergy list it appears on past a long clause, or by a record's list
    ("He takes meloxicam. Naproxen makes his tongue swell.", {"meloxicam": False, "naproxen": True}),
    ("He takes meloxicam. Codeine brings on wheezing, so he avoids it.", {"meloxicam": False, "codeine": True}),
    ("He takes meloxicam. Bactrim, given for a bladder infection years ago, covered him in hives.",
     {"meloxicam": False, "sulfamethoxazole/trimethoprim": True}),
    ("He takes meloxicam. Reglan, given in an emergency room for vomiting in 2011, caused a spasm of his jaw muscles and "
     "has been charted as an allergy since then.", {"meloxicam": False, "metoclopramide": True}),
    ("He takes meloxicam. Codeine produces severe itching and appears on his allergy list.",
     {"meloxicam": False, "codeine": True}),
    ("Under drug allergies the intake form lists codeine (nausea) and Keflex (rash). He takes meloxicam.",
     {"meloxicam": False, "codeine": True, "cephalexin": True}),
    # (not a drug named before another the sentence charts)
    ("He takes meloxicam. Naproxen helped and codeine has been charted as an allergy.",
     {"meloxicam": False, "naproxen": False, "codeine": True}),
    # a drug suggested for a purpose and not wanted
    ("He takes meloxicam. His psychiatrist suggested mirtazapine as a sleep aid; he did not want it.",
     {"meloxicam": False, "mirtazapine": True}),
    # not lately is no never
    ("Her medications are meloxicam and sumatriptan as needed, which she has not taken in several months.",
     {"meloxicam": False, "sumatriptan": False}),
])
def test_a_drug_on_an_allergy_list_never_picked_up_or_not_used_lately(extractor, summary, expected):
    assert medications(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    ("Chronic kidney disease, stage 4, was documented in 2016.", {"N18.4": (False, False)}),
    ("The worker has an accepted claim for hypertension and asthma.", {"I10": (False, False), "J45.909": (False, False)}),
])
def test_a_condition_documented_after_its_stage_or_in_an_accepted_claim(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # a label that lists 'as follows:', its items after a weighed one stated still
    ("The consultation lists the assessment as follows:\n\n1. Gout.\n\n2. Suspected sleep apnea: loud snoring;\n\n"
     "STOP-BANG 6.\n\n3. Hypertension, on lisinopril.\n\n4. Asthma.",
     {"M10.9": (False, False), "I10": (False, False), "J45.909": (False, False)}),
    # a bulleted list ends at the prose after it, though that opens with a condition
    ("The report lists the diagnoses as follows:\n\n - Gout\n - Rule out cubital tunnel syndrome\n\nLupus was raised "
     "because of a rash, but the ANA was negative.", {"M10.9": (False, False), "G56.20": (False, True),
                                                      "M32.9": (True, False)}),
])
def test_a_list_given_as_follows(extractor, summary, expected):
    got = diagnoses(extractor, summary)
    assert {code: got.get(code) for code in expected} == expected


@pytest.mark.parametrize(("summary", "expected"), [
    ("Other hx: asthma on an albuterol inhaler. Smokes.", {"J45.909": (False, False)}),
    ("A psychiatric evaluation in 2016 by the QME's colleague found generalized anxiety disorder.",
     {"F41.1": (False, False)}),
])
def test_a_terse_history_label_a_condition_on_its_drug_or_a_psychological_evaluations_finding(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # refused with its own object after 'but': the refusal is of what follows, not of the drug before it
    ("She stays on sertraline but refused quetiapine.", {"sertraline": False, "quetiapine": True}),
    ("He stays on celecoxib, but turned down a course of duloxetine and refused it.", {"celecoxib": False, "duloxetine": True}),
    ("He kept taking baclofen but declined trigger point injections.", {"baclofen": False}),
    # nothing after the verb: what was offered before it was refused
    ("Nortriptyline was suggested, but she declined it.", {"nortriptyline": True}),
    # a refusal of 'it' or 'them' is of what was named before it, not of the drug started in its stead
    ("Olanzapine was raised in 2019; he refused it over worries about weight gain, and mirtazapine at night was begun instead.",
     {"olanzapine": True, "mirtazapine": False}),
    ("Lidocaine patches were offered; she rejected them, and tramadol was started.", {"lidocaine": True, "tramadol": False}),
    ("Topiramate was proposed for headaches, yet the worker declined, citing memory problems.", {"topiramate": True}),
    # ... and a list item's line end is its clause's end
    ("Medication trials:\n- Amitriptyline: suggested 2018, but pt declined\n- Meloxicam 15 mg daily\n\n"
     "She works as a clerk.", {"amitriptyline": True, "meloxicam": False}),
])
def test_a_refusal_after_but_is_of_its_object_or_of_what_was_offered_before_it(extractor, summary, expected):
    assert medications(extractor, summary) == expected


def test_a_suspected_item_at_a_list_lines_end_is_uncertain(extractor):
    assert diagnoses(extractor, "Problem list:\n- Gout, suspected\n- Asthma\n\nShe is a cashier.") == {
        "M10.9": (False, True), "J45.909": (False, False)}


@pytest.mark.parametrize(("summary", "expected"), [
    # answered past the condition named as the reason it was weighed
    ("She has type 2 diabetes. Frozen shoulder was weighed because of her diabetes, but her motion was full and the "
     "orthopedist ruled it out.", {"E11.9": (False, False), "M75.00": (True, False)}),
    # found unsupported on an examination or a study
    ("Piriformis syndrome was raised last year, but his physician found nothing at the visit to support it.",
     {"G57.00": (True, False)}),
    # an infinitive weighs; a diagnosis not pursued, withdrawn or dropped is answered
    ("The first physician went on to question a C6 radiculopathy; the EMG was unremarkable, and that diagnosis was not "
     "pursued further.", {"M54.12": (True, False)}),
    ("The panel QME thought he was developing adhesive capsulitis, but his motion returned and the QME withdrew that "
     "diagnosis.", {"M75.00": (True, False)}),
    ("An earlier counselor raised bipolar disorder after short nights; later no manic episode was found and that "
     "diagnosis was dropped.", {"F31.9": (True, False)}),
])
def test_a_weighed_condition_answered_past_its_reason_or_withdrawn(extractor, summary, expected):
    got = diagnoses(extractor, summary)
    assert {code: got.get(code) for code in expected} == expected


@pytest.mark.parametrize(("summary", "expected"), [
    ("Problem list:\n- Gout\n- Fibromyalgia - seen by rheumatology in 2019 for aching; ruled out\n- Asthma\n\nShe is a cook.",
     {"M10.9": (False, False), "M79.7": (True, False), "J45.909": (False, False)}),
    ("Problems:\n1. R/O lumbar radiculopathy - EMG 2019 normal; not supported\n2. HTN\n\nHe drives a truck.",
     {"M54.16": (True, False), "I10": (False, False)}),
    ("Problems (psych QME 2021):\n- PTSD: weighed at intake; PCL-5 below cutoff - not dx'd\n"
     "- CRPS L UE - raised 2020; scan unremarkable; Budapest criteria not met\n- Panic d/o\n\nShe is a teller.",
     {"F43.10": (True, False), "G90.50": (True, False), "F41.0": (False, False)}),
])
def test_a_terse_items_verdict_at_its_end_past_a_clause_of_its_own(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    ("Nerve studies confirmed a left C7 radiculopathy.", {"M54.12": (False, False)}),
    ("Lumbar stenosis was confirmed on a CT myelogram in 2017.", {"M48.061": (False, False)}),
    ("Other history: asthma; gout, on allopurinol.", {"J45.909": (False, False), "M10.9": (False, False)}),
    ("She stopped naproxen in 2019 after an episode of gastritis.", {"K29.70": (False, False)}),
    # a trigger in brackets reaches no further than the bracket's end
    ("Diagnoses: cervical spondylosis (CT showed foraminal narrowing, no HNP), neck pain and hypertension.",
     {"M47.812": (False, False), "M54.2": (False, False), "I10": (False, False)}),
    # an ended state is not read past a label
    ("Axis I: Generalized anxiety disorder\nCannabis use disorder, mild\nAxis III: Healed burn of "
     "the left hand", {"F41.1": (False, False), "F12.10": (False, False)}),
    # shorthand split at its slash, and the code set's longer titles
    ("Problems:\n- Adjustment d/o w/ mixed anxiety & depressed mood (per QME)\n- Alcohol use d/o, mild, in sustained remission\n\n"
     "He is a welder.", {"F43.23": (False, False), "F10.11": (False, False)}),
    ("Problems:\n- L knee lateral meniscus tear, old\n\nShe is a nurse.", {"M23.201": (False, False)}),
])
def test_a_condition_confirmed_labelled_had_once_or_in_a_clinic_notes_shorthand(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    ("To date he has had ten physical therapy visits, eight acupuncture visits (stopped once CRPS was suspected) and a "
     "TENS unit.", {"physical-therapy", "acupuncture", "durable-medical-equipment"}),
    ("Tx to date: HEP. Neck: PT x 10 in 2018, chiro x 4.", {"physical-therapy", "chiropractic"}),
    ("Tx: PT x 12.\nRFA 03/04/22: acupuncture x 6; LSO brace.", {"physical-therapy"}),
    ("He had an RFA at L4-5 in 2019 with good relief.", {"radiofrequency-ablation"}),
    ("Shoulder: s/p arthroscopic SAD 2016.", {"surgery"}),
])
def test_care_counted_in_a_note_and_care_on_a_request_line(extractor, summary, expected):
    assert prior(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    ("She takes metformin + Januvia.", {"metformin": False, "sitagliptin": False}),
    ("He takes acetaminophen + codeine.", {"acetaminophen/codeine": False}),
    ("Meds: Norco. Nortriptyline offered 2019; pt declined (worried about weight).",
     {"hydrocodone/acetaminophen": False, "nortriptyline": True}),
    ("Labs: uric acid 6.2, creatinine 0.8. Meds: allopurinol.", {"allopurinol": False}),
    ("Meds: meloxicam.\nRFA 02/01/24: duloxetine 30 mg #30.", {"meloxicam": False}),
])
def test_drugs_listed_with_a_plus_refused_before_a_bracket_measured_or_requested(extractor, summary, expected):
    assert medications(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # a list told in sentences, past an item whose own clause is cut short and an item opened by its degree
    ("Past medical history (per the internist, 2019):\n\nAsthma since childhood.\n\nThyroid cancer, 2008 - thyroidectomy, "
     "then radioiodine; scans since have been clear.\n\nModerate mitral regurgitation on an echo in 2017.\n\n"
     "Gout - allopurinol.", {"J45.909": (False, False), "Z85.850": (False, False), "I34.0": (False, False),
                             "M10.9": (False, False)}),
    # a label whose own words run on before its colon, over bulleted items told in sentences
    ("His non-occupational history is lengthy and is taken from a heart clinic letter of 2016:\n"
     "  - Atrial fibrillation since 2012. No stroke since.\n  - Hypothyroidism, on levothyroxine.",
     {"I48.91": (False, False), "I63.9": (True, False), "E03.9": (False, False)}),
    # a list under its source alone, its items heading their lines before a colon or named only by the code set
    ("Her health otherwise is poor. From the primary care records:\n  Severe obesity: BMI 44.\n"
     "  Pulmonary hypertension, moderate, on an echo in 2018.\n  Chronic kidney disease, stage 3a (eGFR 50).",
     {"E66.01": (False, False), "I27.20": (False, False), "N18.31": (False, False)}),
])
def test_a_list_told_in_sentences_under_a_long_or_source_only_label(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    ("Claudication was raised; pulses and Doppler studies were fine, and vascular insufficiency of the legs - peripheral "
     "arterial disease - was not felt to be present.", {"I73.9": (True, False)}),
    ("Medical history: breast cancer treated with mastectomy in 2010. A bone scan in 2015 excluded bony metastases.",
     {"Z85.3": (False, False), "C79.51": (True, False)}),
])
def test_a_condition_judged_absent_or_metastases_excluded(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # a history labelled by its organ or specialty, with its source in brackets
    ("Renal history (from the nephrology notes):\n- End-stage renal disease; dialysis since 2015.\n- Anemia of CKD, on "
     "epoetin.\n\nShe is a clerk.", {"N18.6": (False, False), "D63.1": (False, False)}),
    ("Hematology/oncology history, taken from the oncologist's letter:\n*  Hodgkin lymphoma in 1995, treated with "
     "chemotherapy, with no evidence of disease since.\n*  Moderate aortic stenosis, followed with echocardiograms.",
     {"Z85.71": (False, False), "I35.0": (False, False)}),
    # what a condition caused or left behind, and what is screened for (nothing stated)
    ("Liver history: chronic hepatitis B, which has caused compensated cirrhosis. He has an ultrasound twice a year to "
     "screen for hepatocellular carcinoma.", {"B18.1": (False, False), "K74.60": (False, False)}),
    ("The cisplatin left him with chemotherapy-induced peripheral neuropathy.", {"G62.9": (False, False)}),
    # ended when considered cured; answered in a relative clause of its own or by a conclusion of something else
    ("He had hepatitis C, treated with Epclusa in 2018; the hepatitis C is now considered cured.", {"B19.20": (True, False)}),
    ("Conduction at the wrist was fine, so left carpal tunnel syndrome, which had been suspected, was not "
     "confirmed.", {"G56.02": (True, False)}),
    ("After a chest film, interstitial lung disease was a worry, but the lung doctor concluded the marks were old "
     "scarring and nothing more.", {"J84.9": (True, False)}),
    ("She had COVID-19 in 2021, and it has resolved.", {"U07.1": (True, False)}),
    ("Medical history: kidney transplant in 2005; kidney transplant failure in 2014.", {"T86.12": (False, False)}),
    ("She had radioactive iodine for Graves' disease in 1999.", {"E05.00": (False, False)}),
])
def test_a_history_under_its_organs_label_caused_screened_for_or_answered_anew(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    ("She takes sertraline. Bupropion was suggested for smoking, and she preferred to try exercise first.",
     {"sertraline": False, "bupropion": True}),
    ("He takes naproxen. Amitriptyline came up, but his heart doctor advised against it; it was never given.",
     {"naproxen": False, "amitriptyline": True}),
    ("She uses Tresiba nightly and receives epoetin at dialysis.", {"insulin degludec": False, "epoetin alfa": False}),
    ("Labs: thyroglobulin undetectable. Meds: levothyroxine.", {"levothyroxine": False}),
    # brands whose ingredients the drug package names otherwise: acetaminophen, not paracetamol; the tablet's salt
    ("For migraines she takes Excedrin Migraine and Depakote ER 250 mg nightly.",
     {"acetaminophen/aspirin/caffeine": False, "divalproex": False}),
    # eye drops by brand, and the lubricant by its name without the salt the package gives it
    ("After the splash he used Vigamox and Pred Forte, and he still uses Refresh Plus (carboxymethylcellulose).",
     {"moxifloxacin": False, "prednisolone": False, "carboxymethylcellulose": False}),
    # a biologic by its name without the four-letter suffix the package keeps ('erenumab-aooe')
    ("For migraines she injects Aimovig monthly; Ajovy was tried first. She also uses Humira.",
     {"erenumab": False, "fremanezumab": False, "adalimumab": False}),
])
def test_a_drug_proposed_and_put_off_advised_against_or_named_by_brand(extractor, summary, expected):
    assert medications(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # a verdict in a sentence of its own after a bulleted item; an end in brackets
    ("Problem list:\n  - Gout\n  - Nonunion of the fusion - suspected on films; CT showed solid fusion. Ruled out.\n"
     "  - Hepatitis C - treated with Mavyret in 2019 (cured)\n\nHe is a roofer.",
     {"M10.9": (False, False), "M96.0": (True, False), "B19.20": (True, False)}),
    # a denial in the same sentence as a study's finding, before it, is the worker's
    ("She has asthma. She is not diabetic (A1c 5.2%), and nerve studies showed a chronic L5 radiculopathy.",
     {"J45.909": (False, False), "E11.9": (True, False)}),
    # weighed and then answered by a normal test after 'and'
    ("She has asthma. Pulmonary hypertension was raised as well, and her echocardiogram in 2020 showed normal "
     "pressures.", {"J45.909": (False, False), "I27.20": (True, False)}),
    # a drug's side effects are no conditions the drug caused
    ("She has asthma. Gabapentin caused ankle swelling and vertigo, so it was stopped.", {"J45.909": (False, False)}),
])
def test_an_items_verdict_told_after_it_and_answers_beside_a_studys_finding(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    ("Medications:\n  Meloxicam      7.5 mg daily      since 2019\n  Methadone      -                 offered 2020, declined\n"
     "\nShe walks daily.", {"meloxicam": False, "methadone": True}),
    ("She takes meloxicam. Tramadol came up last year, but the worker did not want to try it.",
     {"meloxicam": False, "tramadol": True}),
])
def test_a_drug_declined_at_a_table_rows_end_or_not_wanted(extractor, summary, expected):
    assert medications(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # a table of conditions by body system, each line led by its label
    ("Comorbid conditions, reviewed by system at the internist's visit of 2016:\n\n"
     "   Metabolic:        type 2 diabetes mellitus, metformin 500 bid,\n                     last A1c 7.1%\n"
     "   GI:               GERD - on omeprazole; peptic ulcer disease - denied\n"
     "   Mood:             depression - PHQ-9 1 at the visit, not present\n\nHe drives a forklift.",
     {"E11.9": (False, False), "K21.9": (False, False), "K27.9": (True, False), "F32.A": (True, False)}),
    # lists under each source, set off by a dash pair, with verdicts after a colon
    ("Her conditions come from several reports, set out by source:\n\n"
     "   Per the cardiology consultation, 03/2017 -- atrial fibrillation: on apixaban; coronary artery disease: excluded, "
     "stress test normal.\n\n   Per the psychiatric QME (Dr. Roe, 2016) -- adjustment disorder with anxiety: resolved.\n\n"
     "She is a cook.", {"I48.91": (False, False), "I25.10": (True, False), "F43.22": (True, False)}),
    # a clinic note's bare history label, its items' verdicts after an arrow
    ("Hx:\n- asthma - albuterol prn\n- sacroiliitis - considered, provocation tests neg -> not supported\n\nTx: PT x 6.",
     {"J45.909": (False, False), "M46.1": (True, False)}),
    ("Medical history: hypothyroidism after radioiodine for Graves' disease in 2004.",
     {"E89.0": (False, False), "E05.00": (False, False)}),
])
def test_conditions_by_system_by_source_and_under_a_clinic_notes_label(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    ("Tx:\n- bilat MBB L4-5 (10/2019, bupivacaine) -> 80% relief x 3 h\nMeds: meloxicam - current; tramadol - pt refuses "
     "(\"no narcotics\")", {"meloxicam": False, "tramadol": True}),
])
def test_a_blocks_agent_in_brackets_and_a_drug_refused_in_the_present(extractor, summary, expected):
    assert medications(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # items marked with a plus sign, the history's label alone on its line, a denial on the next label's line
    ("Hx:\n+ bilat CTS, L > R\n+ gout - on allopurinol\n+ HLD - diet only\nPMH: denies HTN, DM.\n\nHe is a butcher.",
     {"G56.03": (False, False), "M10.9": (False, False), "E78.5": (False, False), "I10": (True, False),
      "E11.9": (True, False)}),
    # a clinic note's assessment numbered under 'A:', past an item whose verdict follows an arrow
    ("S: neck pain 6/10.\nA: 1. cervical radiculopathy - persistent\n   2. myelopathy - suspected 2019 -> MRI no cord "
     "signal, excluded\n   3. MDD, single episode, mild - per PCP\n   4. HTN - on lisinopril\nP: PT x 6.",
     {"M54.12": (False, False), "F32.0": (False, False), "I10": (False, False)}),
])
def test_a_clinic_notes_plus_marked_history_and_numbered_assessment(extractor, summary, expected):
    got = diagnoses(extractor, summary)
    assert {code: got.get(code) for code in expected} == expected


@pytest.mark.parametrize(("summary", "expected"), [
    ("Celecoxib was stopped at her internist's request because she takes rivaroxaban for a clot.",
     {"celecoxib": False, "rivaroxaban": False}),
    ("He takes tramadol. Meloxicam and diclofenac have been avoided since a bleeding ulcer.",
     {"tramadol": False, "meloxicam": True, "diclofenac": True}),
])
def test_a_drug_named_in_a_reason_after_a_request_and_a_series_avoided(extractor, summary, expected):
    assert medications(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    ("She takes sertraline. A bipolar disorder was specifically excluded at the last psychiatric visit.",
     {"F31.9": (True, False)}),
    ("He has asthma. He had gastritis in 2014, which was put down to naproxen and which cleared once it was stopped.",
     {"J45.909": (False, False), "K29.70": (True, False)}),
])
def test_excluded_with_an_adverb_and_ended_in_a_second_relative_clause(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


def test_a_list_of_conditions_ends_at_a_label_of_another_kind(extractor):
    """The medication list after a problem list is not its items: a condition named there as the reason a drug was
    stopped does not state it again."""
    summary = ("Problems:\n1) GERD from NSAIDs - resolved off naproxen\n2) HTN\nMeds:\n- naproxen 500 mg - d/c'd "
               "(GERD)\n- tramadol\n\nHe is a welder.")
    assert diagnoses(extractor, summary) == {"K21.9": (True, False), "I10": (False, False)}


def test_a_condition_that_came_up_on_the_differential_after_a_list_is_weighed_and_answered(extractor):
    summary = ("Other conditions: asthma; and poor sleep with insomnia. Complex regional pain syndrome of the left leg came "
               "up on the differential in 2023 because of swelling, yet the anesthesiologist saw no color change and set "
               "that diagnosis aside.")
    assert diagnoses(extractor, summary) == {"J45.909": (False, False), "G47.00": (False, False), "G90.522": (True, False)}


def test_a_history_by_body_system_goes_on_at_each_systems_label(extractor):
    """Each system's line may run to sentences of its own; the list goes on at the next system's label, and not at a
    label of another kind."""
    summary = ("Medical history, as recorded by the internist in 2014:\n"
               "   Cardiac: atrial fibrillation since 2010. Takes apixaban daily.\n"
               "   Renal: stage 3a chronic kidney disease, checked yearly.\n"
               "   Musculoskeletal: gout, on allopurinol.\n"
               "   Medication trials: gabapentin - stopped, dizziness.\n\nHe drives a bus.")
    assert diagnoses(extractor, summary) == {"I48.91": (False, False), "N18.31": (False, False), "M10.9": (False, False)}


@pytest.mark.parametrize(("summary", "expected"), [
    ("Problems:\n1) Gout\n2) Right sacroiliitis - on the differential in 2022; SI injection gave no relief;\n"
     "   no longer being considered\n\nShe is a cook.", {"M10.9": (False, False), "M46.1": (True, False)}),
    ("Problems:\n- L leg DVT 2016 (post-op), treated w/ apixaban x 3 mo; repeat duplex clear; DVT resolved.\n- Gout",
     {"I82.402": (True, False), "M10.9": (False, False)}),
    ("She has asthma. A duodenal ulcer was found in 2016 and put down to ibuprofen; it was treated with omeprazole and "
     "has since healed.", {"J45.909": (False, False), "K26.9": (True, False)}),
])
def test_an_items_end_no_longer_weighed_named_again_bare_or_treated_and_healed(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


def test_a_drug_suggested_in_place_of_another_and_passed_over_after_a_semicolon(extractor):
    assert medications(extractor, "He takes naproxen. Meloxicam was recommended instead of naproxen; he preferred to "
                                  "stay on naproxen.") == {"naproxen": False, "meloxicam": True}


@pytest.mark.parametrize(("summary", "expected"), [
    ("The medical history is grouped below by the clinic that treats each condition:\n"
     "  Rheumatology (consult 2016) - lupus: ruled out, ANA negative.\n"
     "  Endocrinology - Graves' disease: on methimazole.\n"
     "  Hematology - iron deficiency anemia: resolved, iron stopped 2015.\n\nShe is a nurse.",
     {"M32.9": (True, False), "E05.00": (False, False), "D50.9": (True, False)}),
    ("His other health problems, in the internist's words, are asthma, controlled with an inhaler, and gout.",
     {"J45.909": (False, False), "M10.9": (False, False)}),
])
def test_a_history_by_the_specialty_that_keeps_it_and_problems_in_the_internists_words(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    ("Celecoxib and the other NSAIDs are avoided given her kidney disease. She takes tramadol.",
     {"celecoxib": True, "tramadol": False}),
    ("She takes no medications other than Tylenol.", {"acetaminophen": False}),
    ("Meds: meloxicam.\nAll: morphine (itch).", {"meloxicam": False, "morphine": True}),
])
def test_an_exception_needs_its_than_and_a_notes_short_allergy_label(extractor, summary, expected):
    assert medications(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    ("He has hypertension. Cauda equina syndrome was the first concern, yet the scan showed no compression of the cauda equina.",
     {"I10": (False, False), "G83.4": (True, False)}),
    ("He has hypertension. In 2010 he passed a kidney stone without treatment.",
     {"I10": (False, False), "N20.0": (True, False)}),
    # a two-column table of problems and their status, a cell running onto a second line under its column
    ("Problem list:\n\n  Problem                                           Status\n"
     "  Lumbar spondylolisthesis L4-5                     Active; 3 mm slip, no motion on\n"
     "                                                    flexion-extension films\n"
     "  Lumbar spinal stenosis                            Active\n"
     "  Osteoporosis                                      Excluded - DEXA 2020\n\nShe is a nurse.",
     {"M43.16": (False, False), "M48.061": (False, False), "M81.0": (True, False)}),
])
def test_weighed_as_the_concern_a_stone_passed_and_a_two_column_problem_table(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    ("Eight acupuncture sessions were authorized in 2016; she went to three and stopped.", {"acupuncture"}),
    ("She finished ten physical therapy visits in 2017 and, paid by her health plan, four chiropractic visits.",
     {"physical-therapy", "chiropractic"}),
    ("Eight acupuncture sessions were authorized in 2016, but she never attended.", set()),
])
def test_care_authorized_then_attended_and_care_paid_by_a_health_plan(extractor, summary, expected):
    assert prior(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    ("He takes naproxen. Nortriptyline was offered to help him sleep, and he declined.",
     {"naproxen": False, "nortriptyline": True}),
    ("Medications:\nMeloxicam           7.5 mg daily             current\n"
     "Buspirone           10 mg twice daily        offered 2022; declined\n"
     "Trazodone           50 mg at bedtime         prescribed 2023; never filled\n\nShe is a cashier.",
     {"meloxicam": False, "buspirone": True, "trazodone": True}),
])
def test_a_drug_offered_and_declined_tersely_or_never_filled_at_a_rows_end(extractor, summary, expected):
    assert medications(extractor, summary) == expected


def test_conditions_tests_were_ordered_to_exclude_and_found_normal_after_a_semicolon(extractor):
    summary = ("He has gout. His physician ordered thyroid studies, an ANA and a sedimentation rate to exclude hypothyroidism "
               "and lupus; all were normal.")
    assert diagnoses(extractor, summary) == {"M10.9": (False, False), "E03.9": (True, False), "M32.9": (True, False)}


@pytest.mark.parametrize(("summary", "expected"), [
    # a time after the care's name, in its own clause
    ("Other medical history: gout and a right hemithyroid lobectomy; a cholecystectomy at age 31.", {"surgery"}),
    ("Past history: asthma; L3-4 microdiscectomy 2011 (non-industrial), recovered fully.", {"surgery"}),
    ("Lumbar history: R L5 TFESI 06/2016 - 2 wks relief; SI joint injection (2017) - no relief.",
     {"epidural-steroid-injection", "corticosteroid-injection"}),
    ("Remote history of a left knee arthroscopy in 2004 for a torn meniscus.", {"surgery"}),
    ("Counseling: 10 sessions with a social worker, 03/2017 - 08/2017.", {"psychotherapy"}),
    # ... or heading a chronology's item
    ("Course of care:\n04/2015 - C5-6 anterior fusion.\n09/2015 - 12 post-operative therapy visits.",
     {"surgery", "physical-therapy"}),
    # a surgery's date and the colon before its details; care in a clinic note's shorthand
    ("Fell from a roof. ORIF 06/02/2022: plate and screws, left distal radius.", {"surgery"}),
    ("PSH: C-section 2014. Tx: aquatic tx x 10 (2019); SPC for distances.",
     {"surgery", "aquatic-therapy", "durable-medical-equipment"}),
    # equipment the worker is on; a walker in a note's shorthand
    ("PMH: HTN; OSA on CPAP nightly. Gets around with a 4WW.", {"durable-medical-equipment"}),
    ("PMH: OSA; a CPAP was ordered in 2019 but not yet delivered.", set()),
    # not a time it was asked for, offered, declined or weighed
    ("Biofeedback was asked for in 2019 and not certified.", set()),
    ("A spine surgeon offered a lumbar fusion in 03/2021; she put it off.", set()),
    ("A functional restoration program intake evaluation 05/2020: a good candidate.", set()),
    ("Chiropractic care was prescribed in 2018, but he never began it.", set()),
    ("Aquatic therapy was ordered in 2021, but she chose not to start it.", set()),
    # a chronology's item asked for by a bare participle after the care, and a surgery of its own after the generic word
    ("Course: 2018 - eight chiropractic visits; 2019 - L4-5 fusion requested, denied.", {"chiropractic"}),
    # a device whose name ends like a person's is still care ('stimulator')
    ("Back history: spinal cord stimulator 2019 - explanted 2021 for infection.", {"surgery"}),
    # a span of months with two-digit years in a table of care had, not a score's range; care never attended
    ("Prior care      Dates           Visits          Result\nPT              03/15-06/15     12              some help\n"
     "Chiro           --              --              never went\n\nShe is a cook.", {"physical-therapy"}),
    ("Acupuncture - never attended. Chiropractic care is her wish, with pain at 6/10-8/10.", set()),
    # an operation the vocabulary does not list, named by its ending; not a blood draw
    ("Other history: colon cancer, resected by a left hemicolectomy in 2012, no recurrence.", {"surgery"}),
    ("Hemochromatosis, managed with phlebotomy since 2015.", set()),
    ("The records show a dichotomy since 2019 between his reported pain and his activity.", set()),
    # dated after what it was done for, in its clause
    ("PMH:\n1. Hypertension.\n2. Carcinoma of the right breast, 2008 - mastectomy and radiation; no recurrence since.",
     {"surgery"}),
    ("Disc herniation, 2019 - epidural injection recommended.", set()),
    # nor a note's date or a person
    ("Medication review, 02/11/2022: meloxicam and omeprazole.", set()),
    ("Neck pain - first raised by a chiropractor in 2020.", set()),
    # nor the generic word for a surgeon's clinic in a table
    ("Problem              Clinic                    Plan\nAortic aneurysm      vascular surgery, 2021    yearly scan\n\n"
     "She is a bookkeeper.", set()),
    # a request for authorization's date, not an ablation's
    ("RFA 04/03/2019 asked for acupuncture x 6 and a lumbar brace.", set()),
    ("RFA 11/20/2018 for the three items below; all non-certified.", set()),
    ("She had a left RFA 03/2019 for facet pain, with relief for six months.", {"radiofrequency-ablation"}),
])
def test_care_named_with_the_time_it_was_done_was_had(extractor, summary, expected):
    assert prior(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # care a note says was never had, or weighed and not taken up, tersely after a dash or a few words
    ("Tx to date:\n- PT 12 visits, 2011\n- Acupuncture - requested 2012, never authorized\n- TENS - never done\n"
     "- TENS trial - declined by pt 2021\n- cervical ESI discussed - pt refuses needles\n"
     "- sympathetic block for CRPS raised by the pain doctor -- not pursued\n"
     "- Fusion - neurosurgeon 2018: not a candidate", {"physical-therapy"}),
    # (not care weighed and then had, nor a row's care before the next row's 'never authorized')
    ("Tx to date: PT in 2019, considered helpful; acupuncture 2018 considered beneficial by her.",
     {"physical-therapy", "acupuncture"}),
    ("Tx to date:\n- chiropractic, discussed and completed in 2014\n- C5-6 interlaminar ESI 10/18/2020 - ~40% x 4 wks\n"
     "- acupuncture - never authorized", {"chiropractic", "epidural-steroid-injection"}),
    # ... past the words before the dash, or as an item's last note after its first
    ("Care so far:\n• Aquatic therapy, 8 visits (2014) - some benefit\n• Cervical ESI C6-7 - approved 2015; patient declined\n"
     "• Shoulder arthroscopy - not recommended by the orthopedic QME\n• Massage - denied by UR in 2016",
     {"aquatic-therapy"}),
    # (not care had whose note goes on to what the worker declined after it)
    ("Care so far:\n• Acupuncture - 6 visits; she declined more.", {"acupuncture"}),
    # offered, and then declined after a comma
    ("Care so far: PT x 12 (2019); TPIs offered, patient declined; acupuncture, never authorized.", {"physical-therapy"}),
    # authorized and then had in part, told in its own clause
    ("Twelve aquatic therapy visits were authorized in 2012; she made it to eight of them.", {"aquatic-therapy"}),
    ("Six sessions of acupuncture were certified in 2013; by the last report he had attended four of the six.",
     {"acupuncture"}),
    ("Six sessions of acupuncture were certified in 2013; she never went.", set()),
    ("Eight visits of aquatic therapy were approved in 2016 and he attended five of them.", {"aquatic-therapy"}),
    # a care table's status after the count it was for, or a referral declined; a list item's 'none to date'
    ("Care to date:\nPhysical therapy          2014-2015   24 visits completed\n"
     "Chiropractic manipulation 03/2016     6 visits authorized; none attended\n"
     "Cognitive behavioral therapy 2016     referred; patient declined\n"
     "Acupuncture               2017        8 visits authorized; attended 6", {"physical-therapy", "acupuncture"}),
    ("Care so far:\n- Chiropractic care: none to date\n- Physical therapy: 16 visits in 2018", {"physical-therapy"}),
    # authorized, then cancelled by the worker or never given
    ("Care so far:\n  2019 Massage x 6 authorized; cancelled by pt (moved)\n  2020 PT x 12, some benefit",
     {"physical-therapy"}),
    ("Care so far:\n  2019 Euflexxa - auth'd; cx'd by pt, never given\n  2020 PT x 12, some benefit", {"physical-therapy"}),
])
def test_care_never_had_or_not_taken_up_in_a_notes_shorthand(extractor, summary, expected):
    assert prior(extractor, summary) == expected


def test_a_care_tables_status_after_the_date_says_whether_it_was_had(extractor):
    summary = ("His care, as the physiatrist tabulates it:\n\nCare                            Date       Status\n"
               "Lumbar corset                   03/2017    Dispensed; wears it daily\n"
               "Euflexxa series, L knee         07/2018    Requested; denied by UR\n"
               "Physical therapy, 10 visits     09/2018    Authorized; went to 4, then quit\n"
               "Acupuncture, 8 visits           02/2019    Authorized; none attended\n"
               "Aquatic therapy                 08/2020    Offered; declined by the worker\n"
               "CBT, 6 sessions                 2021       Completed; sleeping better\n")
    assert prior(extractor, summary) == {"durable-medical-equipment", "physical-therapy", "cognitive-behavioral-therapy"}


@pytest.mark.parametrize(("summary", "expected"), [
    # a clinic note's minus sign before what is absent, its plus sign before what is there
    ("PMH: asthma; GERD. (-) HTN.\n\nShe is a cook.", {"J45.909": (False, False), "K21.9": (False, False),
                                                       "I10": (True, False)}),
    ("Hx: (+) gout; (\u2212) CAD; OSA.\n\nHe is a baker.", {"M10.9": (False, False), "I25.10": (True, False),
                                                          "G47.33": (False, False)}),
    # a condition answered 'none' after a dash
    ("PMH: HTN; CHF - none; afib.\n\nHe is a baker.", {"I10": (False, False), "I50.9": (True, False),
                                                     "I48.91": (False, False)}),
    # hypothyroidism after an ablation in other wording
    ("Other history: hypothyroidism following thyroid ablation in 2011.\n\nShe is a teller.", {"E89.0": (False, False)}),
    # an assessment label with its source in brackets; a syndrome in shorthand
    ("A (PTP 5/2/16): 1) R CTS 2) R trigger thumb. Cubital tunnel synd - excluded by NCS.\n\nShe is a packer.",
     {"G56.01": (False, False), "M65.311": (False, False), "G56.20": (True, False)}),
])
def test_a_clinic_notes_signs_its_sourced_assessment_and_a_syndrome_in_shorthand(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # an evaluator who takes a diagnosis back, or does not make it, has the later word
    ("The PTP diagnosed panic disorder. In a supplemental report the PQME withdrew the panic disorder diagnosis.\n\n"
     "She is a teller.", {"F41.0": (True, False)}),
    ("Dx (PTP): 1. MDD 2. GAD. Psych AME: concurs on MDD. Does not diagnose GAD.\n\nHe is a clerk.",
     {"F32.9": (False, False), "F41.1": (True, False)}),
    ("The QME had diagnosed insomnia disorder and later retracted the earlier diagnosis of insomnia disorder.\n\n"
     "He is a guard.", {"G47.00": (True, False)}),
    # weighed, and then the clinician did not diagnose it
    ("Panic disorder was considered, but the attacks came only with reminders, and her psychologist never diagnosed it."
     "\n\nShe is a teller.", {"F41.0": (True, False)}),
    # a trigger's word broken at a line's end is read whole
    ("EMG in 2017 was normal, so cervical radiculopathy was ex-\ncluded.\n\nShe is a cook.",
     {"M54.12": (True, False)}),
    # a clause that puts a state down to a condition ends a denial before it
    ("The AME found that she has PTSD but did not meet criteria for a major depressive disorder, putting the low mood "
     "down to the PTSD.\n\nShe is a cashier.", {"F43.10": (False, False), "F32.9": (True, False)}),
    # a tendon 'retracted' takes nothing back
    ("Dx: a full-thickness infraspinatus tear retracted 2 cm and biceps tendinosis.\n\nHe is a roofer.",
     {"M75.20": (False, False)}),
])
def test_an_evaluator_who_takes_back_or_does_not_make_a_diagnosis(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # a condition weighed and answered by its tests' normal results in brackets
    ("Hypothyroidism was looked for as a cause of her fatigue (TSH and free T4 both normal).\n\nShe is a cook.",
     {"E03.9": (True, False)}),
    ("The rheumatologist tested her for lupus (ANA negative).\n\nShe is a cook.", {"M32.9": (True, False)}),
    # ... not by a bracket of findings that are not a test's normal result
    ("She has asthma. Gout was suspected (first MTP joint swollen).\n\nShe is a cook.", {"J45.909": (False, False)}),
    # ... or by a study's finding after 'but', the condition weighed at a spinal level
    ("Pseudarthrosis at C5-6 was considered in 2019, but a CT showed solid fusion.\n\nHe is a cook.",
     {"M96.0": (True, False)}),
    # ended after it was treated, injected or found ('was diagnosed in 2021 and resolved')
    ("PTP dx: CTS. A right middle trigger finger was injected with cortisone in 2016 and has since resolved.\n\nShe is a cook.",
     {"G56.00": (False, False), "M65.30": (True, False)}),
    ("He has asthma. A rebound headache from Fioricet overuse was diagnosed in 2020 and resolved after a taper.\n\n"
     "He is a cook.", {"J45.909": (False, False), "G44.40": (True, False)}),
    # whose criteria were not met, named before the verb
    ("Dx (PTP): PTSD. The AME found that the criteria for panic disorder were not met.\n\nShe is a cook.",
     {"F43.10": (False, False), "F41.0": (True, False)}),
    # the claim's accepted and treated conditions
    ("His accepted and treated conditions are lumbar radiculopathy and adhesive capsulitis of the right shoulder.\n\n"
     "He is a cook.", {"M54.16": (False, False), "M75.01": (False, False)}),
    # a condition a relative has, weighed then in the worker herself
    ("Because her mother has gout, the internist considered gout in the patient herself; he decided that she does not "
     "have it.\n\nShe is a cook.", {"M10.9": (True, False)}),
    # ... or named after a clause in which a clinician tested the worker for it, and dropped
    ("Her brother has lupus, so the rheumatologist tested her ANA (negative), so SLE was not pursued.\n\n"
     "She is a cook.", {"M32.9": (True, False)}),
    ("His mother has SLE; his own ANA was normal; lupus was not considered further.\n\n"
     "He is a cook.", {"M32.9": (True, False)}),
    # (not the relative's conditions alone)
    ("His father has gout and diabetes, and his brother has psoriasis.\n\nHe is a cook.", {}),
])
def test_a_condition_answered_by_normal_results_in_brackets_or_weighed_in_the_worker_herself(extractor, summary,
                                                                                             expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # an allergic reaction written after the drug or before it
    ("She takes tramadol. Oxycodone: hives (allergy).", {"tramadol": False, "oxycodone": True}),
    ("He takes naproxen. He reports hives with sulfamethoxazole.", {"naproxen": False, "sulfamethoxazole": True}),
    ("She takes meloxicam. Allergies are listed as amoxicillin (hives) and morphine (nausea).",
     {"meloxicam": False, "amoxicillin": True, "morphine": True}),
    # never picked up after a dash, never filled after a table's column gap, declined with its reason in brackets
    ("Meds: naproxen. Flector patch Rx'd 2/2020 - never picked up.", {"naproxen": False, "diclofenac": True}),
    ("Medications:\nMeloxicam          7.5 mg daily          current\nLyrica 75 mg       prescribed 2019       never filled\n"
     "Duloxetine 30 mg   offered 03/2021       declined (fear of nausea)\n\nShe is a cook.",
     {"meloxicam": False, "pregabalin": True, "duloxetine": True}),
    # declined in a note's shorthand at a row's end
    ("Medications:\nMeloxicam          7.5 mg daily          cont\nDuloxetine 30 mg   offered 2021          decl\n\n"
     "She is a cook.", {"meloxicam": False, "duloxetine": True}),
    # ... refused or declined with the worker's words quoted after it, perhaps after who said them, on a row of its own
    # or over two lines
    ("Drug          Dose        Status        Comment\nGabapentin    300 mg tid  cont          helps\n"
     "Pregabalin    --          refused       \"scared of weight gain\"\nCelecoxib     --          decl          pt: \"does "
     "not want another\n                                        pill\"\n\nShe is a cook.",
     {"gabapentin": False, "pregabalin": True, "celecoxib": True}),
    # a drug's way down planned is no request for the drugs listed after it
    ("Medications at the last visit: tramadol 50 mg at bedtime; Opana ER 10 mg, which the physician stopped on the way "
     "to a planned wean; pregabalin 75 mg at night; celecoxib 200 mg daily.",
     {"tramadol": False, "oxymorphone": False, "pregabalin": False, "celecoxib": False}),
    ("His tapering plan was written in 2019: oxycodone 10 mg four a day, then three. He also takes naproxen.",
     {"oxycodone": False, "naproxen": False}),
    # ... nor one the physician wishes or wants to stop
    ("Current medications are naproxen 500 mg twice daily, which the provider wishes to stop because of dyspepsia, and "
     "Flexeril 5 mg at bedtime.", {"naproxen": False, "cyclobenzaprine": False}),
    ("She takes oxycodone 10 mg, which her physician wants to taper, and pregabalin 75 mg twice a day.",
     {"oxycodone": False, "pregabalin": False}),
    # the prescription never filled, samples never opened
    ("Previously: Butrans patch - stopped in 2016. Methadone (prior physician) - prescription never filled. She takes "
     "Lyrica.", {"buprenorphine": False, "methadone": True, "pregabalin": False}),
    ("Voltaren gel samples were handed to her at the 06/2024 visit; she has not opened them. She takes meloxicam.",
     {"diclofenac": True, "meloxicam": False}),
    # an intolerance a status cell says was stopped was taken; one that says no more was not
    ("Medications:\nCymbalta 30 mg ........ intolerance - stopped after 2 wks\nCelecoxib ........ intolerance (rash)\n"
     "HC/APAP 5/325 ........ current\n\nShe is a cook.",
     {"duloxetine": False, "celecoxib": True, "hydrocodone/acetaminophen": False}),
    # an allergy after a reaction, in a table's status column, or carried in the chart
    ("Meds: celecoxib. Gabapentin - dizziness (allergy). Lamotrigine is carried on her chart as an allergy.",
     {"celecoxib": False, "gabapentin": True, "lamotrigine": True}),
    ("Meds            Dose          Status\nNaproxen        500 mg bid    taking\nCodeine         --            "
     "ALLERGY - itching\n", {"naproxen": False, "codeine": True}),
    # kept from the worker with no mark before the verb, for a reason
    ("Meds: amlodipine. Naproxen avoided d/t CKD. Other: (ibuprofen avoided per nephrology). Aspirin and the other "
     "NSAIDs are avoided for that reason.", {"amlodipine": False, "naproxen": True, "ibuprofen": True, "aspirin": True}),
    # declined in a clause of its own on a table's row; put off after a column's gap
    ("Drug            Dose        Since       Status\nSertraline      50 mg qd    03/2016     continuing\n"
     "Trazodone       --          --          offered 05/2019; pt declined\nBuspirone       offered 2020            "
     "pt wants to wait\nLosartan        50 mg qd    PCP         continuing\n",
     {"sertraline": False, "trazodone": True, "buspirone": True, "losartan": False}),
    # offered before its name and put off after it; not a drug taken before another wish
    ("Her internist suggested metformin, but she preferred to try a walking program first. She takes Norco, but she "
     "preferred to try acupuncture first.", {"metformin": True, "hydrocodone/acetaminophen": False}),
    # refused on a row in shorthand, with what is refused or a reason after it, past a strength's decimal point
    ("Med           Start     Stop     Why\nLosartan      50 qd     per PCP  --\nPregabalin    --        --       offered "
     "06/2014; pt decl (afraid of weight gain)\nMetformin     --        --       PCP suggested 04/16; pt chose a diet "
     "trial first\nNorco         --        --       offered 10/2022; refuses opioids\nTestosterone gel 1.62%      "
     "offered 05/2023      declined (fear of clots)\nAn exercise program was advised.",
     {"losartan": False, "pregabalin": True, "metformin": True, "hydrocodone/acetaminophen": True,
      "testosterone": True}),
    # an allergy said with its drug's pronoun, or as the worker's only one
    ("Morphine gives her itching and is listed as her only drug allergy. He reports a rash with naproxen and lists it as "
     "an allergy. Her PCP tried rizatriptan; she stopped it after one dose, and it is now charted as an allergy.",
     {"morphine": True, "naproxen": True, "rizatriptan": True}),
    # offered in place of another and put off; never taken, any of it; never started past a relative clause
    ("The surgeon suggested changing from diclofenac to celecoxib in 2022, but she chose to stay with the diclofenac. "
     "Percocet was written at discharge, but he says he never took any. A Medrol Dosepak, which the surgeon "
     "suggested in its place, was never started.",
     {"diclofenac": False, "celecoxib": True, "oxycodone/acetaminophen": True, "methylprednisolone": True}),
    # rows parted by leader dots, whatever their case, each its own; arrows and dashes before a status; never prescribed
    ("Meds:\ncelecoxib 200 qd ........ current\nNaloxone nasal ............ rx'd 2019, never filled\n"
     "losartan 50 qd ............ current\nPercocet .................. refused - \"not any narcotics\"\n"
     "buspirone ................. offered 06/21 -> declined\nnaproxen .................. ALLERGY (angioedema)\n"
     "- Soma: never rx'd; pt against muscle relaxants\n",
     {"celecoxib": False, "naloxone": True, "losartan": False, "oxycodone/acetaminophen": True, "buspirone": True,
      "naproxen": True, "carisoprodol": True}),
    ("Meds:\n- ibuprofen → d/c 2019, GI upset\n- Keflex → ALLERGY (hives)\n- Lyrica → declined 05/2020\n\nShe is a cook.",
     {"ibuprofen": False, "cephalexin": True, "pregabalin": True}),
    ("Meds:\n- naproxen => d/c 2018, reflux\n- Bactrim => ALLERGY (hives)\n- Cymbalta => declined 03/2021\n\nShe is a cook.",
     {"naproxen": False, "sulfamethoxazole/trimethoprim": True, "duloxetine": True}),
    # a drug's planned stop is no request for the next row's drug
    ("Meds:\n  Eliquis 5 mg         1 bid           for DVT; planned stop 04/2019\n  losartan 50 mg       1 daily\n",
     {"apixaban": False, "losartan": False}),
    # stopped, and not taken since
    ("His nephrologist stopped the naproxen he had used for years; he has not taken it since.",
     {"naproxen": False}),
    # a drug stopped is no drug never taken
    ("He takes Norco. Zolpidem 5 mg qhs - pt has not taken it since 2018.", {"hydrocodone/acetaminophen": False,
                                                                         "zolpidem": False}),
])
def test_allergic_reactions_drugs_never_picked_up_and_drugs_stopped(extractor, summary, expected):
    assert medications(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # a terse item answered 'no', 'denies' or 'neg' after a dash or a comma; never diagnosed
    ("PMH: HTN; gout - no; CKD - no. Nonsmoker.\n\nShe is a cook.",
     {"I10": (False, False), "M10.9": (True, False), "N18.9": (True, False)}),
    ("A:\n- Cervicalgia\n- Depression - denies\n- Anxiety - GAD-7 = 2, neg\nP: PT.",
     {"M54.2": (False, False), "F32.A": (True, False), "F41.9": (True, False)}),
    ("PMH: asthma; insomnia - no formal dx, not treated.\n\nShe is a cook.",
     {"J45.909": (False, False), "G47.00": (True, False)}),
    # a verdict in a clause of its own inside the item
    ("Dx:\n1. Cervicalgia\n2. Lupus - r/o by rheumatology 2019; ANA and dsDNA not supportive\n3. HTN\nMeds: Norco.",
     {"M54.2": (False, False), "M32.9": (True, False), "I10": (False, False)}),
    ("A:\n1) Cervicalgia\n2) Fibromyalgia - rheum eval 2021: does not meet ACR criteria\n3) Asthma\nP: PT.",
     {"M54.2": (False, False), "M79.7": (True, False), "J45.909": (False, False)}),
    ("A:\n1) Cervicalgia\n2) Gout - seen by rheum 2022, uric acid 5.0, dx not made\n3) Asthma\nP: PT.",
     {"M54.2": (False, False), "M10.9": (True, False), "J45.909": (False, False)}),
    # a note's shorthand for excluded and resolved
    ("Dx:\n #1 Cervicalgia\n #2 Gastritis, NSAID-related - resolv. after ibuprofen d/c'd\n #3 Fibromyalgia - excl. (rheum 2019)\n"
     "PMH: HTN.", {"M54.2": (False, False), "K29.70": (True, False), "M79.7": (True, False), "I10": (False, False)}),
    # a verdict after an arrow, the item led by its spinal region
    ("A:\n- Lumbar radiculopathy, chronic\n- Lumbar pseudarthrosis - r/o; CT 2020 solid fusion \u2192 excluded\nP: PT.",
     {"M54.16": (False, False), "M96.0": (True, False)}),
    # not a dash's 'no' before what it qualifies
    ("Tx: chiro x 6 - no benefit. PMH: HTN.\n\nHe is a cook.", {"I10": (False, False)}),
])
def test_a_terse_items_no_denies_neg_never_diagnosed_and_an_arrows_verdict(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # care given in a year for a condition; a cirrhosis named by its cause
    ("Transplant history: she had a liver transplant in 2014 for hepatitis C cirrhosis.\n\nShe is a cook.",
     {"K74.60": (False, False)}),
    # treated, and then the worker said cured
    ("PMH: HTN. Her hepatitis C was treated with sofosbuvir in 2016, and she is considered cured.\n\nShe is a cook.",
     {"I10": (False, False), "B19.20": (True, False)}),
    # ended by its own verb past a clause set off by commas, or passed
    ("PMH: HTN. A gout flare in 2012, after a week of diuretics, resolved with colchicine.\n\nShe is a cook.",
     {"I10": (False, False), "M10.9": (True, False)}),
    ("PMH: asthma. A left kidney stone passed by itself in 2017.\n\nShe is a cook.",
     {"J45.909": (False, False), "N20.0": (True, False)}),
])
def test_care_in_a_year_for_a_condition_and_conditions_cured_resolved_or_passed(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # a verdict past a relative clause about the condition
    ("Lupus, which her internist weighed because of joint aches and a photosensitive rash over the summer months, was "
     "excluded by a negative ANA; diabetes, which was checked before surgery, was excluded by an A1c of 5.4.\n\n"
     "She is a cook.", {"M32.9": (True, False), "E11.9": (True, False)}),
    # ... or weighed as what a test was done to exclude, or as on a clinician's list
    ("The surgeon tapped the knee to exclude gout: no crystals were seen.\n\nShe is a cook.", {"M10.9": (True, False)}),
    ("Gout had also been on the surgeon's list, but the uric acid and the tap were normal.\n\nShe is a cook.",
     {"M10.9": (True, False)}),
    # ... or past one in the passive without commas
    ("The lupus that had been suspected at first was excluded by a negative ANA.\n\nShe is a cook.",
     {"M32.9": (True, False)}),
    ("The gout that was weighed early on was not supported by the aspiration.\n\nShe is a cook.", {"M10.9": (True, False)}),
    # (not a condition diagnosed and then treated)
    ("The gout that was diagnosed in 2012 was treated with colchicine.\n\nShe is a cook.", {"M10.9": (False, False)}),
    # two conditions weighed with one verb and answered together
    ("When the ankle swelled, septic arthritis was suspected, and so was gout; the tap excluded both.\n\n"
     "He is a cook.", {"M10.9": (True, False), "M00.9": (True, False)}),
])
def test_a_verdict_past_a_relative_clause_and_two_conditions_weighed_with_one_verb(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


def test_a_list_a_sentence_introduces_by_who_manages_each_item_goes_on_at_bulleted_sublabels(extractor):
    summary = ("Her medical history is long, and the internist's note groups it by the clinic that follows each problem:\n"
               "  - Nephrology: chronic kidney disease, stage 3a. She sees the nephrologist twice a year.\n"
               "  - Endocrinology: hypothyroidism; levothyroxine 75 mcg.\n"
               "  - Primary care: gout, on allopurinol.\n\nShe is a cook.")
    assert diagnoses(extractor, summary) == {"N18.31": (False, False), "E03.9": (False, False), "M10.9": (False, False)}


@pytest.mark.parametrize("summary", [
    # a list a sentence introduces with where it is summed up ('summarized here', 'in brief below')
    "The internist's report lays out his medical history by body system, summarized here:\n"
    "   Heart - atrial fibrillation, on apixaban; hypertension.\n   Kidney - chronic kidney disease stage 3a, seen by "
    "nephrology.\n\nHe is a cook.",
    "The QME sorted his other problems by the physician who treats each:\n   Heart - atrial fibrillation, on "
    "apixaban; hypertension.\n   Kidney - chronic kidney disease stage 3a, seen by nephrology.\n\nHe is a cook.",
    "Other medical history, in brief below:\n   Heart - atrial fibrillation, on apixaban; hypertension.\n"
    "   Kidney - chronic kidney disease stage 3a, seen by nephrology.\n\nHe is a cook.",
])
def test_a_list_introduced_as_summed_up_here_or_below(extractor, summary):
    assert diagnoses(extractor, summary) == {"I48.91": (False, False), "I10": (False, False), "N18.31": (False, False)}


@pytest.mark.parametrize(("summary", "expected"), [
    # a test's finding that shows a condition weighed absent, from the catalogue of such findings
    ("After an L4-5 fusion in 2017 his leg pain came back. The surgeon wanted to exclude a pseudarthrosis. A CT that "
     "spring showed solid posterolateral and interbody fusion.\n\nHe is a cook.", {"M96.0": (True, False)}),
    ("Problems:\n- L5-S1 fusion 2014\n- Pseudoarthrosis L5-S1 - suspected 2015; CT 03/2016 solid fusion\n- Gout",
     {"M96.0": (True, False), "M10.9": (False, False)}),
    ("Cirrhosis was looked for with a FibroScan in 2022, which found no fibrosis. She has gout.",
     {"K74.60": (True, False), "M10.9": (False, False)}),
    ("A DVT of the right calf was suspected in 2020; the duplex showed fully compressible veins.\n\nShe is a cook.",
     {"I82.401": (True, False)}),
    # ... a test named with its result ('negative', 'normal', a level in range)
    ("Problems:\n- Insomnia\n- Deep venous thrombosis, left leg - r/o; Doppler 2/2021 negative",
     {"G47.00": (False, False), "I82.402": (True, False)}),
    ("A deep vein thrombosis of the right calf was a worry after the cast came off, but a D-dimer was normal.\n\nShe is a cook.",
     {"I82.401": (True, False)}),
    ("Gout was on the differential when her big toe swelled; a serum uric acid came back at 3.8.\n\nShe is a cook.",
     {"M10.9": (True, False)}),
    # not a finding at another level about a condition stated
    ("Diagnoses: pseudarthrosis at L4-5. A CT in 2019 showed solid fusion at L5-S1 and a lucency at L4-5.",
     {"M96.0": (False, False)}),
    # ... nor a level a treated condition is kept at
    ("She has gout, treated with allopurinol; her uric acid is normal now.\n\nShe is a cook.", {"M10.9": (False, False)}),
])
def test_a_finding_that_shows_a_condition_weighed_absent(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


def test_a_list_after_a_long_relative_clause_that_names_the_request(extractor):
    summary = ("His other medical problems, which matter to the surgical request only because they must be managed around "
               "the operation, are hypertension, which is kept in check with lisinopril; obesity (BMI 38); and "
               "gout, treated with allopurinol.\n\nHe is a cook.")
    assert diagnoses(extractor, summary) == {"I10": (False, False), "E66.9": (False, False), "M10.9": (False, False)}
    assert medications(extractor, summary) == {"lisinopril": False, "allopurinol": False}


@pytest.mark.parametrize(("summary", "expected"), [
    # conditions 'all' weighed together, answered by 'none of the three' or 'none of them'
    ("When the knee swelled, septic arthritis, gout and pseudogout were all considered. The tap showed a low cell count "
     "and a negative culture, and none of the three was confirmed.\n\nHe is a cook.",
     {"M10.9": (True, False), "M11.20": (True, False), "M00.9": (True, False)}),
    ("Lupus and RA were both weighed by rheumatology; none of them was borne out.\n\nShe is a cook.",
     {"M32.9": (True, False), "M06.9": (True, False)}),
])
def test_conditions_weighed_together_and_none_of_them_confirmed(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


def test_a_table_with_a_column_for_the_condition_states_its_rows(extractor):
    summary = ("  Clinic           Condition                          Status\n"
               "  Kidney           Chronic kidney disease stage 4     on dialysis planning\n"
               "  Primary          Gout                               on allopurinol\n"
               "  Heart            Heart failure (EF 55%)             compensated\n"
               "  Behavioral       Depression - PHQ-9 = 3, neg")
    # (a clinic's word is no word of the condition in the next cell: not 'Primary gout')
    assert diagnoses(extractor, summary) == {"N18.4": (False, False), "M10.9": (False, False), "I50.9": (False, False),
                                             "F32.A": (True, False)}


def test_a_verdict_in_a_later_cell_of_the_conditions_row(extractor):
    summary = ("  Problem                Clinic                      Status\n"
               "  Abdominal aortic aneurysm  Vascular surgery, 2021  yearly scan\n"
               "  Peripheral artery dz   Vascular surgery, 2021      ruled out - normal ABIs\n"
               "  Type 2 diabetes        PCP                         denied; A1c 5.4%\n\nShe is a cook.")
    assert diagnoses(extractor, summary) == {"I71.40": (False, False), "I73.9": (True, False), "E11.9": (True, False)}


def test_a_table_whose_cells_bars_part_states_its_rows_and_reads_their_verdicts(extractor):
    """Family: a table drawn with bars ('| Organ | Problem | Code | Status |') is read as one whose cells runs of
    spaces part: its rows state their conditions, a later cell's verdict denies its row's."""
    summary = ("She is a cook. Her internist's report sets out the rest of her health in a grid:\n\n"
               "| Organ       | Problem                   | Code   | Status                 |\n"
               "| Heart       | Essential hypertension    | I10    | Active                 |\n"
               "| Metabolic   | Type 2 diabetes mellitus  | E11.9  | Active - on metformin  |\n"
               "| Kidney      | Chronic kidney disease    | N18.9  | Ruled out 2021         |\n"
               "|Liver|Fatty liver disease|K76.0|excluded by ultrasound|\n\nShe takes metformin.")
    assert diagnoses(extractor, summary) == {"I10": (False, False), "E11.9": (False, False), "N18.9": (True, False),
                                             "K76.0": (True, False)}


def test_a_status_cell_of_a_drawn_table_answers_only_its_own_row(extractor):
    """A verdict in a row's last cell ('| Ruled out |'), its condition unknown to the code set, does not reach the next
    row's condition: each row of a drawn table whose first cell starts with a capital is a sentence of its own."""
    summary = ("She is a cook. Her problem list:\n\n"
               "| Diagnosis                          | ICD-10   | Status     |\n"
               "+------------------------------------+----------+------------+\n"
               "| Essential hypertension             | I10      | Active     |\n"
               "| Hardware loosening, left ankle     | T84.038A | Ruled out  |\n"
               "| Type 2 diabetes mellitus           | E11.9    | History of |\n\nShe takes metformin.")
    assert diagnoses(extractor, summary) == {"I10": (False, False), "E11.9": (False, False)}


def test_a_drug_tables_rows_drawn_with_bars_are_read_one_by_one(extractor):
    """A drug screen's result in one row's comment ('CURES and UDS consistent') says nothing of the drugs in the rows
    below it, and a later row's status is its own drug's."""
    summary = ("Current medications:\n\n| Medication   | Directions      | Comment                         |\n"
               "|--------------|-----------------|---------------------------------|\n"
               "| Tramadol     | 50 mg q6h PRN   | since 2021; UDS consistent      |\n"
               "| Meloxicam    | 15 mg daily     | started 2022                    |\n"
               "| Lyrica       | --              | offered 2023; pt declined       |\n\nHe walks daily.")
    assert medications(extractor, summary) == {"tramadol": False, "meloxicam": False, "pregabalin": True}


def test_a_drug_before_a_clause_of_its_own_about_drug_screens_is_taken(extractor):
    """A test and its result in a clause of its own after the drug's ('..., and the disorder is in remission, with
    consistent urine drug screens') say nothing of the drug named before."""
    assert medications(extractor, "He used oxycodone until 2019; his doctor switched him to Zubsolv, and the use "
                                  "disorder is in remission, with consistent urine drug screens.")["buprenorphine/naloxone"] is False


def test_a_tables_rule_line_is_layout(extractor):
    """A table drawn with a rule line under its header ('-----+-----+----') reads its first row as it reads the rest."""
    summary = ("She is a cook. Her medication table:\n\nDrug          | Dose          | Status\n"
               "--------------+---------------+-----------\nSertraline    | 100 mg daily  | current\n"
               "Lorazepam     | 0.5 mg prn    | never filled\n\nShe walks daily.")
    assert medications(extractor, summary) == {"sertraline": False, "lorazepam": True}


@pytest.mark.parametrize("header", ["ICD-10 | Description | Status", "Code      Description                        Status"])
def test_a_table_of_codes_and_their_descriptions_states_its_rows(extractor, header):
    """Family: a table whose columns are a code and its description ('ICD-10 | Description | Status') is a table of
    conditions: each row states its own, and a status cell denies its row's."""
    sep = " | " if "|" in header else "    "
    rows = [("I10", "Essential (primary) hypertension", "active"), ("E66.9", "Obesity, unspecified", "active"),
            ("M10.9", "Gout, unspecified", "excluded - no crystals")]
    table = "\n".join(sep.join(row) for row in rows)
    summary = "She is a cook. Her internist's problem table:\n\n" + header + "\n" + table + "\n\nShe takes lisinopril."
    assert diagnoses(extractor, summary) == {"I10": (False, False), "E66.9": (False, False), "M10.9": (True, False)}


def test_an_item_treated_and_ended_after_a_semicolon_with_no_subject(extractor):
    summary = ("Other problems, by organ system:\n  GI - duodenal ulcer in 2016, aspirin-related; treated with omeprazole "
               "and has since healed.\n  Heart - hypertension; treated with amlodipine and well controlled.\n\nHe is a cook.")
    assert diagnoses(extractor, summary) == {"K26.9": (True, False), "I10": (False, False)}


def test_a_kidney_stone_in_other_words_that_passed(extractor):
    summary = "He has hypertension. A 4 mm renal stone in 2017 passed without treatment.\n\nHe is a cook."
    assert diagnoses(extractor, summary) == {"N20.0": (True, False), "I10": (False, False)}


@pytest.mark.parametrize(("summary", "expected"), [
    # what the treating physicians describe
    ("Her treating physicians now describe chronic pain syndrome and lumbar post-laminectomy syndrome.\n\nShe is a cook.",
     {"M96.1": (False, False), "G89.4": (False, False)}),
    # not the complaints a physician describes
    ("The surgeon describes constant lateral elbow pain at night.\n\nShe is a cook.", {}),
    # what a clinician's record documents, or a psychologist's evaluation found; not what an examination documented
    ("Her internist also documents gout, obstructive sleep apnea and chronic kidney disease stage 3.\n\nShe is a cook.",
     {"M10.9": (False, False), "G47.33": (False, False), "N18.30": (False, False)}),
    ("The pain psychologist's evaluation of 03/2021 found generalized anxiety disorder.\n\nShe is a cook.",
     {"F41.1": (False, False)}),
    ("On 02/03/2021 the surgeon documented a valgus deformity and crepitus.\n\nShe is a cook.", {}),
])
def test_conditions_the_treating_physicians_describe(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # put off by the worker after a dash, avoided for a reason in shorthand, declined as 'another new medicine'
    ("Meds: Norco. Duloxetine suggested for mood - pt wants to wait. Naproxen - avoided d/t CKD.",
     {"hydrocodone/acetaminophen": False, "duloxetine": True, "naproxen": True}),
    ("She took Ambien. Lunesta was offered in its place; she preferred not to try another new sleep medicine.",
     {"zolpidem": False, "eszopiclone": True}),
    # never picked up, the drug named before the verb
    ("She takes sertraline. Trazodone given by her PCP in 2019 was never picked up.",
     {"sertraline": False, "trazodone": True}),
    # an allergy found after the drug was taken
    ("He takes Keppra. He was started on lamotrigine, which caused a rash, and lamotrigine is now recorded as an allergy.",
     {"levetiracetam": False, "lamotrigine": True}),
])
def test_drugs_put_off_avoided_never_picked_up_or_found_an_allergy(extractor, summary, expected):
    assert medications(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # weighed, then a clinician did not feel it was present, or a study showed the part normal
    ("Frozen shoulder was considered in 2014, but the range was close to normal and the orthopedist did not think it was present.\n\n"
     "She is a cook.", {"M75.00": (True, False)}),
    ("De Quervain tenosynovitis was considered, but an ultrasound showed normal first dorsal compartment tendons.\n\n"
     "She is a cook.", {"M65.4": (True, False)}),
    # treated in a year and then cured; followed an injury and resolved
    ("PMH: HTN. She had treatment for hepatitis C in 2014 and is considered cured.\n\nShe is a cook.",
     {"I10": (False, False), "B19.20": (True, False)}),
    ("PMH: HTN. Post-concussion syndrome (poor focus, irritability) followed and resolved by 2018.\n\nShe is a cook.",
     {"I10": (False, False), "F07.81": (True, False)}),
])
def test_a_condition_a_clinician_did_not_feel_present_or_one_that_followed_and_resolved(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


def test_a_surgery_of_its_own_after_the_generic_word_is_kept(extractor):
    """'Prior surgeries:' names the generic service, a carpal tunnel release a finer one; the appendectomy after them is
    surgery of its own, not the generic word named again."""
    found = history(extractor, "Prior surgeries: left carpal tunnel release 2015; appendectomy at age 19.")
    assert {(p["text"], p["service"]) for p in found["prior_treatments"]} == {
        ("carpal tunnel release", "nerve-decompression"), ("appendectomy", "surgery")}


@pytest.mark.parametrize(("summary", "expected"), [
    # a test the catalogue knows for the condition, past the next condition named
    ("He has gout. His internist looked for hypothyroidism and anemia as causes of the fatigue: the anemia was excluded "
     "by a blood count, and his TSH came back normal.\n\nHe is a cook.",
     {"M10.9": (False, False), "E03.9": (True, False), "D64.9": (True, False)}),
    # a level below the diabetic range, antibodies negative, an index under five, a normal tracing
    ("She has migraine. Diabetes was suspected because of her weight; her A1c at 5.2% settled it.\n\nShe is a cook.",
     {"G43.909": (False, False), "E11.9": (True, False)}),
    ("She has asthma. Her rheumatologist wondered about rheumatoid arthritis, but the RF and anti-CCP antibody tests "
     "were both negative.\n\nShe is a cook.", {"J45.909": (False, False), "M06.9": (True, False)}),
    ("He has hypertension. Because his wife complained of his snoring, he was sent for a sleep study to look for "
     "obstructive sleep apnea; the AHI was 2 per hour.\n\nHe is a cook.",
     {"I10": (False, False), "G47.33": (True, False)}),
    ("She has asthma. A seizure disorder was weighed after two spells at work; two EEGs were normal.\n\nShe is a cook.",
     {"J45.909": (False, False), "G40.909": (True, False)}),
    ("He has gout. His family doctor had him tested for ankylosing spondylitis; HLA-B27 was negative.\n\nHe is a cook.",
     {"M10.9": (False, False), "M45.9": (True, False)}),
    ("She has asthma. Lupus was on the list, but her ANA was negative.\n\nShe is a cook.",
     {"J45.909": (False, False), "M32.9": (True, False)}),
    ("He has gout. Coronary artery disease was suspected after chest pain at work; a stress test was normal.\n\nHe is a cook.",
     {"M10.9": (False, False), "I25.10": (True, False)}),
    ("She has asthma. Left carpal tunnel syndrome came up at intake; the EMG was normal.\n\nShe is a cook.",
     {"J45.909": (False, False), "G56.02": (True, False)}),
])
def test_a_condition_weighed_is_answered_by_its_own_test(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # a treated condition kept in range is not answered by its level
    ("She has hypothyroidism, found in 2012 and treated with levothyroxine 75 mcg; her TSH is normal.\n\nShe is a cook.",
     {"E03.9": (False, False)}),
    ("Past medical history:\n1. Type 2 diabetes - metformin; A1c 5.9% last spring\n2. Hypertension\n\nHe is a cook.",
     {"E11.9": (False, False), "I10": (False, False)}),
    # a nerve study normal for one nerve and showing the condition weighed in another
    ("EMG/NCS 03/2016: mild left C7 radiculopathy; ulnar nerve conduction normal.\n\nShe is a cook.", {}),
])
def test_a_level_in_range_does_not_answer_a_treated_condition(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # new rows: conditions weighed and answered in words the vocabulary did not have
    ("He has gout. A right Baker's cyst was suspected, but no cyst was seen on ultrasound.\n\nHe is a cook.",
     {"M10.9": (False, False), "M71.21": (True, False)}),
    ("She has asthma. An acute kidney injury after the surgery resolved within a week.\n\nShe is a cook.",
     {"J45.909": (False, False), "N17.9": (True, False)}),
    ("He has gout. Brachial plexopathy was raised by the surgeon; the EMG was normal.\n\nHe is a cook.",
     {"M10.9": (False, False), "G54.0": (True, False)}),
    # an item at its level with a finding and a verdict after it
    ("Problem list:\n1. Gout\n2. L4-5 central stenosis: raised in 2014 -> MRI canal patent; not supported.\n\nHe is a cook.",
     {"M10.9": (False, False), "M48.061": (True, False)}),
    # what an image was read as showing absent is a finding; what it excluded is not
    ("He has gout. A lumbar MRI was read as showing a small L5-S1 protrusion and no central canal stenosis.\n\nHe is a cook.",
     {"M10.9": (False, False)}),
    ("He has gout. The 2019 MRI reports a 2 mm bulge at C6-7 with slight narrowing at the left foramen, and no central stenosis is seen."
     "\n\nHe is a cook.", {"M10.9": (False, False)}),
    ("He has gout. Nerve studies were read as showing an S1 radiculopathy on the left and excluded a peripheral polyneuropathy."
     "\n\nHe is a cook.", {"M10.9": (False, False), "G62.9": (True, False)}),
])
def test_conditions_in_new_words_and_images_read_as_showing(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # cured or eradicated later in a long sentence, past commas and a semicolon
    ("He has gout. Latent tuberculosis, picked up on a skin test in 2011, got four months of rifampin and "
     "is considered cured.\n\nHe is a cook.", {"M10.9": (False, False), "Z22.7": (True, False)}),
    ("He has gout; an H. pylori infection found in 2017 got quadruple therapy and was eradicated.\n\nHe is a cook.",
     {"M10.9": (False, False), "B96.81": (True, False)}),
    ("She has asthma. Hepatitis C was found by screening in 2015 and treated with Mavyret in 2016; the virus has not "
     "been seen since, and she is considered cured.\n\nShe is a cook.", {"J45.909": (False, False), "B19.20": (True, False)}),
    # in the next sentence, which opens with a pronoun for it
    ("She has asthma. She caught hepatitis C from a needle in 1990. It was treated with Zepatier in 2017, no virus has "
     "been found on testing since, and she is considered cured.\n\nShe is a cook.",
     {"J45.909": (False, False), "B19.20": (True, False)}),
    # 'has been cured'
    ("He has gout. The hepatitis C he carried has been cured (sustained response in 2016).\n\nHe is a cook.",
     {"M10.9": (False, False), "B19.20": (True, False)}),
    # not cured, and a cure of the next condition named is that one's
    ("He has hepatitis C, treated in 2016 but not cured.\n\nHe is a cook.", {"B19.20": (False, False)}),
    ("He has hypertension and had Lyme disease in 2014, treated with doxycycline and considered cured.\n\nHe is a cook.",
     {"I10": (False, False), "A69.20": (True, False)}),
])
def test_a_disease_cured_later_in_its_sentence_or_the_next(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # the alternative taken after a refusal is not refused
    ("She was offered tramadol at the first visit and declined it, preferring ibuprofen from the pharmacy, which she "
     "takes most days.", {"tramadol": True, "ibuprofen": False}),
    ("Gabapentin was suggested; he refused it, opting for acetaminophen at bedtime.", {"gabapentin": True, "acetaminophen": False}),
    # taken once and not since, past 'but'
    ("She takes meloxicam, and she took Percocet for ten days after the operation but has not taken it since June 2014.",
     {"meloxicam": False, "oxycodone/acetaminophen": False}),
    # discussed and put off
    ("PMH: prediabetes on diet - metformin discussed at intake, pt wants to wait. She takes omeprazole.",
     {"metformin": True, "omeprazole": False}),
    # an allergy told in a relative clause, or by a participle after the reaction
    ("He gets hives with codeine, which is charted as an allergy. He takes Norco.",
     {"codeine": True, "hydrocodone/acetaminophen": False}),
    ("Past opioids: Dilaudid 2014 - vomiting, listed as an allergy. Current: tramadol 50 mg bid.",
     {"hydromorphone": True, "tramadol": False}),
])
def test_drugs_refused_for_another_taken_once_discussed_or_charted_as_allergies(extractor, summary, expected):
    assert medications(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # a result in other words: within range, nonreactive
    ("She has gout. Hypothyroidism was tested for because of her fatigue; TSH and T4 were within range.\n\n"
     "She is a cook.", {"M10.9": (False, False), "E03.9": (True, False)}),
    ("She has gout. Her internist wondered about lupus; the ANA was nonreactive.\n\nShe is a cook.",
     {"M10.9": (False, False), "M32.9": (True, False)}),
    # excluded by a result in a sentence that also tells what was ordered
    ("He has gout. Labs ordered to look for a cause of the numbness showed a folate of 14 ng/mL, which excluded folate "
     "deficiency.\n\nHe is a cook.", {"M10.9": (False, False), "E53.8": (True, False)}),
    # put to rest
    ("He has gout. A normal A1c put diabetes to rest.\n\nHe is a cook.", {"M10.9": (False, False), "E11.9": (True, False)}),
    # a request to rule a condition out says nothing of it
    ("He has gout. An MRI was requested to rule out a meniscal tear.\n\nHe is a cook.", {"M10.9": (False, False)}),
    # ... but a test asked for and then read says what it found
    ("He has gout. A polysomnogram was ordered in 2019 for loud snoring and ruled out narcolepsy.\n\nHe is a cook.",
     {"M10.9": (False, False), "G47.419": (True, False)}),
    ("He has gout. Her internist requested an ANA panel for the joint pains, and it came back negative for lupus."
     "\n\nHe is a cook.", {"M10.9": (False, False), "M32.9": (True, False)}),
    ("He has gout. The neurologist recommended nerve studies for the tingling and they showed no ulnar neuropathy."
     "\n\nHe is a cook.", {"M10.9": (False, False), "G56.20": (True, False)}),
])
def test_a_condition_answered_in_other_result_words_excluded_by_a_result_or_put_to_rest(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # a verdict of its own, the condition named again after 'not' or 'no' opening a clause, outweighs the item's naming
    ("He has gout.\nRheumatology questions:\n- SLE - raised 2020 (ANA 1:320). Complements normal; rheum: not SLE.\n"
     "- OSA - raised for snoring; home study AHI 3 -> no OSA.\n\nHe is a cook.",
     {"M10.9": (False, False), "M32.9": (True, False), "G47.33": (True, False)}),
    # looked for and none found; a diagnosis not made
    ("She has gout. The EMG searched for a second lesion, a cervical radiculopathy, and found none.\n\nShe is a cook.",
     {"M10.9": (False, False), "M54.12": (True, False)}),
    ("She has gout. Fibromyalgia was suspected by her PCP in 2019, but that diagnosis was not made by the rheumatologist."
     "\n\nShe is a cook.", {"M10.9": (False, False), "M79.7": (True, False)}),
])
def test_a_condition_denied_by_a_verdict_of_its_own_found_none_or_not_made(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # ended after a long treatment, or the worker's full recovery
    ("He has gout. A cellulitis of the left lower leg was treated with IV cefazolin through a PICC line followed by two weeks of oral "
     "cephalexin and had cleared completely by June.\n\nHe is a cook.", {"M10.9": (False, False), "L03.116": (True, False)}),
    ("She has asthma. In 2020 she was admitted with COVID-19 pneumonia, given dexamethasone, and she has since recovered "
     "fully.\n\nShe is a cook.", {"J45.909": (False, False), "J12.82": (True, False)}),
    # went away, disappeared
    ("He has gout. A right lateral epicondylitis from 2016 went away with a counterforce brace and has stayed away."
     "\n\nHe is a cook.", {"M10.9": (False, False), "M77.11": (True, False)}),
    ("She has asthma. Her de Quervain's tenosynovitis disappeared after one injection.\n\nShe is a cook.",
     {"J45.909": (False, False), "M65.4": (True, False)}),
    # not a recovery in part (nor a condition the worker was only admitted with)
    ("She has asthma. In 2020 she was admitted with COVID-19 pneumonia, and she has recovered only in part.\n\nShe is a cook.",
     {"J45.909": (False, False)}),
])
def test_a_condition_ended_after_a_long_treatment_or_by_a_full_recovery(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # equipment the worker sleeps or walks with
    ("He has sleep apnea; every night he sleeps with his CPAP.", {"durable-medical-equipment"}),
    # hardware removal named by what was removed, or in shorthand
    ("She had a fusion at L4-S1 in 2011; in 2013 came removal of the pedicle screws.", {"spinal-fusion", "hardware-removal"}),
    ("Surgical history:\n2016 ORIF R ankle\n2017 ROH R ankle (prominent plate)", {"fracture-fixation", "hardware-removal"}),
    # a substance abuse program and a coping skills group attended
    ("In 2019 she finished the intensive outpatient substance abuse program and a pain coping skills group in 2021.",
     {"detoxification", "psychological-treatment"}),
])
def test_equipment_used_hardware_removed_and_programs_attended(extractor, summary, expected):
    assert {p["service"] for p in history(extractor, summary)["prior_treatments"]} == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # refused together with the drug named next, or turned down
    ("He smokes. His PCP offered nicotine gum and later bupropion in 2023, and he declined both.",
     {"nicotine": True, "bupropion": True}),
    ("Lyrica and Cymbalta were offered; she declined both, saying she feared weight gain.",
     {"pregabalin": True, "duloxetine": True}),
    ("He takes meloxicam. The surgeon offered a short course of Percocet, which he turned down.",
     {"meloxicam": False, "oxycodone/acetaminophen": True}),
    # 'both' before what it names is no refusal of the drugs named before it
    ("He takes Norco and tramadol; he declined both physical therapy and injections.",
     {"hydrocodone/acetaminophen": False, "tramadol": False}),
    # a relative clause with 'that'; a drug not given, which reaches back only
    ("The urgent care gave him a prescription for Vicodin that he never filled.", {"hydrocodone/acetaminophen": True}),
    ("Ibuprofen not given (ulcer history) - uses Tylenol as needed.", {"ibuprofen": True, "acetaminophen": False}),
    # never prescribed, with the worker as subject, reaches forward only; intolerant of
    ("She takes oxycodone, and she has never been prescribed naloxone.", {"oxycodone": False, "naloxone": True}),
    ("He takes tramadol. He is intolerant of morphine (nausea).", {"tramadol": False, "morphine": True}),
])
def test_drugs_refused_together_turned_down_not_given_or_not_tolerated(extractor, summary, expected):
    assert medications(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # discussed, and the worker asked to hold off; discussed and deferred until something else was done
    ("He takes Norco. Duloxetine was discussed at the May visit; he asked to hold off while the injection took effect.",
     {"hydrocodone/acetaminophen": False, "duloxetine": True}),
    ("She takes sertraline. Trazodone for sleep was discussed in 2017 and deferred until her cardiologist had seen her.",
     {"sertraline": False, "trazodone": True}),
])
def test_drugs_put_off_at_the_workers_asking_or_deferred(extractor, summary, expected):
    assert medications(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # a history told as what it is
    ("His other history is hypertension, obesity (BMI 39) and gout.\n\nHe is a cook.",
     {"I10": (False, False), "E66.9": (False, False), "M10.9": (False, False)}),
    ("Her past medical history includes asthma and GERD.\n\nShe is a cook.", {"J45.909": (False, False), "K21.9": (False, False)}),
    # rows: fibroids, tobacco use
    ("Her other medical problems are asthma and uterine fibroids, for which a hysterectomy was done in 2009.\n\nShe is a cook.",
     {"J45.909": (False, False), "D25.9": (False, False)}),
    ("Problem list: 1) Lumbar sprain 2) Tobacco use, 1 ppd.\n\nHe is a cook.", {"Z72.0": (False, False)}),
])
def test_a_history_told_as_what_it_is_and_rows_for_fibroids_and_tobacco_use(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # a status cell after leader dots holds the verdict
    ("Dx / status\nPTSD, chronic ...................... active\nGAD ................................ not dx'd - "
     "better explained by the PTSD\nAlcohol abuse ...................... denied; AUDIT-C 1\nHTN "
     "................................ on lisinopril\n\nHe is a cook.",
     {"F43.12": (False, False), "F41.1": (True, False), "F10.10": (True, False), "I10": (False, False)}),
    # 'r/o'd' in a list's item
    ("A: 1. L shoulder impingement 2. Cervical radiculopathy - r/o'd by NCS 2014\n\nHe is a cook.",
     {"M75.42": (False, False), "M54.12": (True, False)}),
])
def test_a_verdict_after_leader_dots_or_in_shorthand(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # care told by what was done: hardware taken out, a steroid injected, a repair done arthroscopically
    ("She had ORIF of the left ankle with a syndesmotic screw in 2015. The syndesmotic screw was taken out in 03/2016.",
     {"fracture-fixation", "hardware-removal"}),
    ("He had a plate fixed to the fifth metatarsal in 2019; the plate was taken out in 2020 because it rubbed on his boot.",
     {"hardware-removal"}),
    ("The trigger finger of the left ring finger was injected with cortisone on 05/02/2018 and again in 2019.", {"corticosteroid-injection"}),
    ("A labral tear was repaired arthroscopically in 03/2016, and he then had 20 visits of physical therapy.",
     {"arthroscopic-surgery", "physical-therapy"}),
    # a request to take it out is no care had
    ("Removal of the screws was requested on 04/02/2021.", set()),
])
def test_care_told_by_what_was_done(extractor, summary, expected):
    assert {p["service"] for p in history(extractor, summary)["prior_treatments"]} == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # a row's status cell that tells its end
    ("He has gout. Other problems (PCP list):\nCondition                   Year    Treatment               Status\n"
     "Hypertension                2010    lisinopril 20 mg        controlled\n"
     "Shingles, right flank       2021    valacyclovir            cleared in about a month\n"
     "Hepatitis C                 2015    Mavyret, 8 weeks        cured, SVR in 2016\n\nHe is a cook.",
     {"M10.9": (False, False), "I10": (False, False), "B02.9": (True, False), "B19.20": (True, False)}),
    # ... however the end is told after the word
    ("He has gout. Other problems (PCP list):\nCondition                   Year    Treatment               Status\n"
     "Shingles, right flank       2021    none                    cleared with valacyclovir\n\nHe is a cook.",
     {"M10.9": (False, False), "B02.9": (True, False)}),
    # conditions on the list weighed together and answered by the next sentence's tests; rows in plain words
    ("He has asthma. In 2018 his left knee was hot and swollen. A septic joint and gout were both on the list. "
     "Aspiration: no crystals, and the Gram stain and culture were negative.\n\nHe is a cook.",
     {"J45.909": (False, False), "M10.9": (True, False), "M00.9": (True, False)}),
    ("She has asthma. Her PCP wondered about an underactive thyroid; the TSH was normal.\n\nShe is a cook.",
     {"J45.909": (False, False), "E03.9": (True, False)}),
    # medications on a list are no condition on one
    ("Her medications are on the list below. She has asthma.\n\nShe is a cook.", {"J45.909": (False, False)}),
])
def test_a_row_that_tells_its_end_and_conditions_on_the_list(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize("summary", [
    # an allergy in a table's status past empty cells, by column gaps or by leader dots
    "Meds:\n  Medication      Dose          Prescriber      Status\n  Butrans         10 mcg/hr     pain mgmt       current\n"
    "  Bactrim         --            --              ALLERGY: hives\n\n  OTC: Tylenol 500 mg.",
    "Meds:\n  Butrans 10 mcg/hr .................. pain mgmt ............ current\n"
    "  Bactrim ............................ --- .................. ALLERGY (hives)\n\n  OTC: Tylenol 500 mg.",
])
def test_an_allergy_in_a_tables_status_past_empty_cells(extractor, summary):
    assert medications(extractor, summary) == {
        "buprenorphine": False, "sulfamethoxazole/trimethoprim": True, "acetaminophen": False}


@pytest.mark.parametrize(("summary", "expected"), [
    # operations by their names and shorthand
    ("His urologist treated a bladder cancer by transurethral resection in 2016.", {"surgery"}),
    ("Skin: the cheek's basal cell carcinoma; Mohs surgery in 2019.", {"surgery"}),
    ("Other hx: bladder cancer 2017 - TURBT; clear cystoscopies since.", {"surgery"}),
])
def test_operations_named_by_their_names_and_shorthand(extractor, summary, expected):
    assert {p["service"] for p in history(extractor, summary)["prior_treatments"]} == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # the worker would rather not, after the drug was put before them (before or after its name)
    ("She takes celecoxib. Moving to a fentanyl patch was discussed in 2020; she would rather wait.",
     {"celecoxib": False, "fentanyl": True}),
    ("He takes Norco. His surgeon suggested gabapentin at night, and the worker said he would rather not add a pill.",
     {"hydrocodone/acetaminophen": False, "gabapentin": True}),
    ("Prazosin - proposed in 2019 for nightmares; she preferred to rely on her therapy. She takes sertraline.",
     {"prazosin": True, "sertraline": False}),
    # never prescribed with its reason in brackets; listed as an intolerance
    ("Meds: naproxen 500 mg bid. Oxycodone - never prescribed (clinic policy). PT to date.",
     {"naproxen": False, "oxycodone": True}),
    ("Meds:\n- Trazodone - listed as an intolerance (grogginess).\n- Sertraline 100 mg - current.",
     {"trazodone": True, "sertraline": False}),
])
def test_drugs_the_worker_would_rather_not_take_never_prescribed_or_not_tolerated(extractor, summary, expected):
    assert medications(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # a verdict in brackets answers its own condition there, not the one the brackets follow
    ("His history includes gastroesophageal reflux disease (Barrett esophagus was excluded on a 2019 scope) and gout.",
     {"K21.9": (False, False), "K22.70": (True, False), "M10.9": (False, False)}),
    ("Past history: psoriasis (psoriatic arthritis was ruled out by rheumatology), asthma.",
     {"L40.9": (False, False), "L40.50": (True, False), "J45.909": (False, False)}),
    # ... and, alone in its brackets, the condition before them
    ("Past history: gout, lupus (ruled out by rheumatology in 2015) and asthma.",
     {"M10.9": (False, False), "M32.9": (True, False), "J45.909": (False, False)}),
])
def test_a_verdict_in_brackets_answers_its_own_condition(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # ended after what was done for it, told by its own verb
    ("She has asthma and had iron deficiency anemia (a low ferritin in 2016, repleted with two iron infusions and "
     "since resolved).", {"J45.909": (False, False), "D50.9": (True, False)}),
    ("He has gout. A vitamin D deficiency found in 2019 was supplemented over the winter and has resolved.",
     {"M10.9": (False, False), "E55.9": (True, False)}),
    # ... not one kept corrected
    ("She has asthma and hypokalemia, corrected with daily potassium tablets.",
     {"J45.909": (False, False), "E87.6": (False, False)}),
])
def test_a_condition_corrected_or_repleted_and_ended_is_negated(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "code"), [
    # tests for a condition weighed, named as a panel, screen or workup
    ("She has gout. Her rheumatologist checked for lupus as well, and the panel was normal.", "M32.9"),
    ("He has asthma. Celiac disease was looked for, and the screen came back negative.", "K90.0"),
    ("She has gout. The hematologist tested for von Willebrand disease, and the workup was unremarkable.", "D68.00"),
])
def test_a_condition_weighed_then_answered_by_a_panel_screen_or_workup(extractor, summary, code):
    assert diagnoses(extractor, summary)[code] == (True, False)


@pytest.mark.parametrize(("summary", "expected"), [
    # a condition one doctor charted and another doubted, in the same sentence
    ("She has asthma. Panic disorder was recorded by the first evaluator, but her psychologist could not confirm "
     "that diagnosis.", {"J45.909": (False, False), "F41.0": (True, False)}),
    ("He has gout. Fibromyalgia appears in an old chart note; his rheumatologist withdrew that diagnosis in 2020.",
     {"M10.9": (False, False), "M79.7": (True, False)}),
    # ... not one named as a reason, nor by a pronoun in the next sentence
    ("Osteonecrosis of the hip was a worry as she has needed prednisone bursts for asthma; the MRI ruled it out.",
     {"J45.909": (False, False), "M87.9": (True, False)}),
    ("Diagnoses: cervical radiculopathy; hypertension. Early on a lumbar disc herniation was a worry, and the MRI "
     "excluded it.", {"M54.12": (False, False), "I10": (False, False), "M51.26": (True, False)}),
])
def test_a_condition_stated_then_doubted_in_its_own_sentence_is_negated(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # a past history under its label states its conditions
    ("He is a baker. Past history: gout and psoriasis.", {"M10.9": (False, False), "L40.9": (False, False)}),
    ("Prior history: hypertension; asthma.", {"I10": (False, False), "J45.909": (False, False)}),
    # ... and one that settled, or that a physician deems cured, has ended
    ("Past history: asthma; trigger finger in 2011, which settled after one injection.",
     {"J45.909": (False, False), "M65.30": (True, False)}),
    ("She has asthma. Hepatitis C turned up on a donor screen in 2015 and was treated with Mavyret; her liver "
     "specialist now deems her cured.", {"J45.909": (False, False), "B19.20": (True, False)}),
    # ... not a condition one of whose flares settled
    ("Past history: gout, on allopurinol, with an attack in 2019 that settled with colchicine; asthma.",
     {"M10.9": (False, False), "J45.909": (False, False)}),
])
def test_a_past_history_label_and_conditions_that_settled_or_were_deemed_cured(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "code"), [
    # a condition weighed, then answered in more shapes
    ("She has asthma. Her PCP raised fibromyalgia in 2016 since she ached all over, but the rheumatologist did not "
     "think she met criteria.", "M79.7"),
    ("He has gout. A lumbar radiculopathy had been raised by his first doctor, but the EMG showed none.", "M54.16"),
    ("He has gout. Lupus was considered, but his fatigue was better accounted for by depression.", "M32.9"),
    ("He has gout. The CT showed solid bridging at L4-5, and pseudarthrosis was thus excluded.", "M96.0"),
    ("She has asthma. The AME raised bipolar II disorder for spells of irritability. A year later he wrote a "
     "supplemental report retracting the bipolar II diagnosis.", "F31.81"),
    # ... by a clinician who did not find that what the worker described met the criteria
    ("She has asthma. The QME weighed panic disorder yet did not find that her attacks met the criteria.", "F41.0"),
    ("He has gout. Fibromyalgia was raised, but the rheumatologist did not believe his scattered tender points "
     "satisfied the ACR criteria.", "M79.7"),
    # rejected or dismissed by a word for it
    ("She has asthma. The QME considered a bipolar disorder because of a spell of little sleep in 2016, but found no "
     "history of mania and rejected that diagnosis.", "F31.9"),
    ("She has asthma. Her pulmonologist raised allergic bronchopulmonary aspergillosis; the IgE was normal, and he "
     "dismissed it.", "B44.81"),
    # excluded past a participle's clause of its weighing
    ("She has asthma. A left de Quervain's tenosynovitis, considered at first because of thumb pain, was ruled out by "
     "the hand surgeon.", "M65.4"),
    # excluded together ('were both excluded'), or past its site
    ("She has asthma. The nerve study's reader wrote that a right cubital tunnel syndrome and a C7 radiculopathy were "
     "both excluded.", "G56.21"),
    # a test asked for in a participle's clause, then read
    ("She has asthma. A venous duplex, ordered after a long flight, found no deep vein thrombosis of the right leg.",
     "I82.401"),
    ("She has asthma. Nerve conduction studies in 2019 found a mild left carpal tunnel syndrome; ulnar neuropathy at the "
     "left elbow was excluded.", "G56.22"),
    # ... by the verdict of the clinician who weighed it
    ("She has asthma. Her psychologist weighed panic disorder and concluded the criteria were not met.", "F41.0"),
    # ... its code written in brackets after its site
    ("She has asthma (J45.909). Complex regional pain syndrome of the right lower limb (G90.521) was raised in 2020 "
     "because of color change but was ruled out after a normal bone scan.", "G90.521"),
])
def test_a_condition_weighed_then_answered_in_more_shapes(extractor, summary, code):
    assert diagnoses(extractor, summary)[code] == (True, False)


@pytest.mark.parametrize(("summary", "expected"), [
    # one weighed and then confirmed is the worker's, and sure
    ("He has asthma. Gout was suspected in 2019 but was later confirmed by aspiration of the knee.",
     {"J45.909": (False, False), "M10.9": (False, False)}),
    ("She is a cook. A left carpal tunnel syndrome was weighed early and was confirmed by a nerve study; the "
     "right median latencies were normal.", {"G56.02": (False, False)}),
    # ... by a test or a clinician, with a word for it
    ("He has asthma. His internist first suspected gout on the look of the toe; a joint aspirate in 2019 showed "
     "urate crystals and confirmed the diagnosis.", {"J45.909": (False, False), "M10.9": (False, False)}),
    ("He has asthma. Right cubital tunnel syndrome was suspected, and nerve studies in 2020 confirmed it.",
     {"J45.909": (False, False), "G56.21": (False, False)}),
    ("He has asthma. His surgeon suspected a left trigger thumb; it was later confirmed by ultrasound.",
     {"J45.909": (False, False), "M65.312": (False, False)}),
    # ... or in a relative clause
    ("He has asthma. His podiatrist suspected plantar fasciitis, which was confirmed by ultrasound in 2021.",
     {"J45.909": (False, False), "M72.2": (False, False)}),
    ("He has asthma. The examination suggested right cubital tunnel syndrome, which has been confirmed by nerve "
     "studies.", {"J45.909": (False, False), "G56.21": (False, False)}),
    ("He has asthma. His podiatrist suspected plantar fasciitis, which has since been confirmed by ultrasound.",
     {"J45.909": (False, False), "M72.2": (False, False)}),
])
def test_a_condition_weighed_then_confirmed_is_stated(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # a drug table's status cell, past the dose, date or empty cells, tells a drug never taken
    ("Medications:\nLosartan               50 mg daily             current         PCP\n"
     "Flector patch          1 patch bid             never filled    carrier denied 2014\n"
     "Naproxen               --                      AVOID           GI bleed 2011\n"
     "Tramadol (ER 2012)     one dose                ALLERGY - itching\n\nHe is a cook.",
     {"losartan": False, "diclofenac": True, "naproxen": True, "tramadol": True}),
    ("Meds:\n  Celecoxib ........ 200 mg ........ never picked up ........ cost\n"
     "  Venlafaxine ...... -- ............. suggested by psych 2020; pt declined ........ fear of nausea\n"
     "  Omeprazole ....... 20 mg .......... current\n\nShe is a cook.",
     {"celecoxib": True, "venlafaxine": True, "omeprazole": False}),
    # ... but a status of one taken comes first
    ("Medications:\nIbuprofen              800 mg tid              stopped 2019    rash; allergy on chart since\n"
     "Lisinopril             10 mg                   current\n\nHe is a cook.",
     {"ibuprofen": False, "lisinopril": False}),
])
def test_a_drug_tables_status_cell_tells_a_drug_never_taken(extractor, summary, expected):
    assert medications(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # never filled, obtained or picked up, told after the drug in more shapes
    ("He takes Norco. A Flector patch was prescribed in 2014, was not approved and was never obtained.",
     {"hydrocodone/acetaminophen": False, "diclofenac": True}),
    ("She takes sertraline. Her psychiatrist proposed adding mirtazapine, which has not been started.",
     {"sertraline": False, "mirtazapine": True}),
    ("He takes Norco. His PCP prescribed Celebrex, which she did not pick up, as it cost too much.",
     {"hydrocodone/acetaminophen": False, "celecoxib": True}),
    ("He takes Norco. Nucynta was prescribed; the plan would not cover it, and she never had it filled.",
     {"hydrocodone/acetaminophen": False, "tapentadol": True}),
    ("He takes Norco. His PCP ordered nicotine gum last spring; he has not picked it up and still smokes.",
     {"hydrocodone/acetaminophen": False, "nicotine": True}),
])
def test_a_drug_never_filled_obtained_or_picked_up(extractor, summary, expected):
    assert medications(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # a request for authorization written as 'RFA' is no ablation
    ("He had PT x 12 in 2013. RFA 04/02/2015 (ortho): left knee scope. He walks with a cane.",
     {"physical-therapy", "durable-medical-equipment"}),
    ("He had PT x 12 in 2013. His doctor's RFA of 2-9-2023 asked for a knee replacement.", {"physical-therapy"}),
    ("She had chiropractic care in 2012. RFA for Skelaxin #60 and acupuncture x 6; UR denied both.", {"chiropractic"}),
    ("She had chiropractic care in 2012. UR non-certified both items. RFA 01/08/2025.", {"chiropractic"}),
    # ... an ablation done still is
    ("She had chiropractic care in 2012 and a lumbar RFA in 06/2019 with six months of relief.",
     {"chiropractic", "radiofrequency-ablation"}),
    # a weight loss program named in more ways, and known by what it did
    ("She joined a paid weight-loss program in 2012.", {"weight-loss-program"}),
    ("He lost 20 pounds through a program run by his health plan's weight management classes in 2019.",
     {"weight-loss-program"}),
    # ... not one never joined
    ("He had PT in 2015; a weight-loss program was suggested, but he never enrolled.", {"physical-therapy"}),
])
def test_a_request_for_authorization_and_weight_loss_programs(extractor, summary, expected):
    assert prior(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # equipment named as its condition's care in a list's item or a table's row is care had
    ("Other problems: 1) Gout 2) Obstructive sleep apnea - BiPAP 3) Asthma", {"durable-medical-equipment"}),
    ("Comorbidities:\nCondition                  Since    Care              Clinic\n"
     "Central sleep apnea        2019     CPAP nightly      Sleep clinic\n\nHe is a cook.",
     {"durable-medical-equipment"}),
    # ... not equipment the condition only needs
    ("Other problems: gout; obstructive sleep apnea, untreated. A CPAP was recommended.", set()),
])
def test_equipment_named_as_its_conditions_care_is_care_had(extractor, summary, expected):
    assert prior(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # an allergy outweighs every mention of the drug taken, before or after it
    ("Medications:\nMeloxicam 15 mg       daily        continue      knees\n"
     "Oxycodone/APAP        --           ALLERGY       itching; added 2019\n\n"
     "He was given oxycodone/acetaminophen after the 2019 arthroscopy and itched all over for a day.",
     {"meloxicam": False, "oxycodone/acetaminophen": True}),
    ("She takes Norco. In 2015 her dentist gave her clindamycin and she broke out in hives; clindamycin has been carried "
     "on the chart as an allergy ever since.", {"hydrocodone/acetaminophen": False, "clindamycin": True}),
    # reactions and intolerances told after the drug in more shapes
    ("He takes Norco. Penicillin gives him hives. Allopurinol - intolerant (rash). Ibuprofen - helps.",
     {"hydrocodone/acetaminophen": False, "penicillin": True, "allopurinol": True, "ibuprofen": False}),
    # a drug put before the worker as another's replacement and put off
    ("He takes pregabalin. Nortriptyline: raised last year as a substitute for the pregabalin; he would rather wait.",
     {"pregabalin": False, "nortriptyline": True}),
])
def test_allergies_intolerances_and_replacements_put_off(extractor, summary, expected):
    assert medications(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "code"), [
    # a condition weighed, answered in more shapes: not borne out, concerns set aside, disposed of
    ("She has asthma. Hypothyroidism was a consideration for the weight gain; it was not borne out.", "E03.9"),
    ("He has asthma. His PCP worried about lupus; after a rheumatology visit the concern was dismissed.", "M32.9"),
    ("He has asthma. A negative serology disposed of Lyme disease.", "A69.20"),
])
def test_a_condition_weighed_then_set_aside_or_disposed_of(extractor, summary, code):
    assert diagnoses(extractor, summary)[code] == (True, False)


def test_criteria_unmet_for_a_pronoun_reach_no_further(extractor):
    # the pronoun's condition is denied; what is named after it in the clause that follows is not
    found = diagnoses(extractor, "She has major depressive disorder. PTSD was weighed by the QME, but he found that she "
                                 "did not fulfil the criteria for it, and he put her insomnia down to the depression.")
    assert found["F43.10"] == (True, False) and found["G47.00"] == (False, False) and found["F32.9"] == (False, False)


@pytest.mark.parametrize(("summary", "expected"), [
    # a table of conditions whose header's cell is parted by a spaced slash
    ("She is a cook. The internist's table:\n\n   Condition                        Treatment / status\n"
     "   Essential hypertension           amlodipine 5 mg daily\n"
     "   Atrial fibrillation              ruled out - Holter 2019 normal\n\nShe walks daily.",
     {"I10": (False, False), "I48.91": (True, False)}),
    # what a complaint turned out to be, and its end
    ("He has asthma. The flank pain turned out to be a kidney stone, which passed within a week.",
     {"J45.909": (False, False), "N20.0": (True, False)}),
    ("He has asthma. His dizziness proved to be benign paroxysmal positional vertigo on testing.",
     {"J45.909": (False, False), "H81.10": (False, False)}),
])
def test_a_slashed_table_header_and_what_a_complaint_turned_out_to_be(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


def test_a_pronoun_in_a_sentence_a_clinician_leads_is_the_clinicians(extractor):
    # her husband named a sentence before; 'he' in the evaluator's sentence is the evaluator, not the husband
    found = diagnoses(extractor, "She has asthma. Her husband died last spring and she lives alone. The QME (2023) "
                                 "diagnosed an adjustment disorder, and he does not diagnose a panic disorder, though "
                                 "she has had two spells of racing heart.")
    assert found == {"J45.909": (False, False), "F43.20": (False, False), "F41.0": (True, False)}


@pytest.mark.parametrize(("summary", "expected"), [
    # an allergy label whose list wraps onto the next line
    ("She has gout. She takes tramadol. Allergies:\ncodeine (itching); penicillin (hives).",
     {"tramadol": False, "codeine": True, "penicillin": True}),
    ("She has gout. Allergies: latex; codeine (itching);\nmorphine (confusion). She takes tramadol.",
     {"tramadol": False, "codeine": True, "morphine": True}),
    # ... not a line of its own after the label's line
    ("She has gout. Allergies: penicillin\nMedications: morphine 15 mg twice daily.",
     {"penicillin": True, "morphine": False}),
])
def test_an_allergy_list_that_wraps_onto_the_next_line(extractor, summary, expected):
    assert medications(extractor, summary) == expected


def test_a_request_list_parted_by_semicolons_holds_a_hospital_bed(extractor):
    # 'bed' ends in -ed without being a past verb: the list of requests goes on past it
    assert prior(extractor, "He has gout. The PTP requested a shower chair x 1; individual psychotherapy x 6 "
                            "sessions; a hospital bed with rails; and home health 3 hours daily. UR "
                            "non-certified all four.") == set()


@pytest.mark.parametrize(("summary", "expected"), [
    # conditions listed under a body system's name that opens its line
    ("He is a welder. His internist lists them by system:\nPulmonary: asthma since childhood.\n"
     "Genitourinary: benign prostatic hyperplasia, on finasteride.\n- Endocrine/metabolic: type 2 diabetes (metformin).",
     {"J45.909": (False, False), "N40.0": (False, False), "E11.9": (False, False)}),
    # ... not a note inside a table's row
    ("He is a welder. Meds:\n  naproxen 500 mg .......... stopped - nephrology: no NSAIDs; dizziness after tramadol",
     {}),
])
def test_conditions_under_a_body_systems_label(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "code"), [
    # an eponym written without its possessive
    ("She has Crohn disease, on infliximab.", "K50.90"),
    ("He has Parkinson disease, on carbidopa/levodopa.", "G20.A1"),
    ("She has Hashimoto thyroiditis, on levothyroxine.", "E06.3"),
    ("She has Addison disease, on hydrocortisone.", "E27.1"),
])
def test_an_eponym_without_its_possessive(extractor, summary, code):
    assert code in diagnoses(extractor, summary)


@pytest.mark.parametrize(("summary", "expected"), [
    # the brackets after a condition end with its end or its exclusion, past their semicolons
    ("He is a roofer. Other conditions: asthma (inhaler); cellulitis of the leg (2015; IV antibiotics, ten days; "
     "cleared); gallstones (2012 and 2016; both passed); hypothyroidism (raised in 2020; TSH 2.1, excluded).",
     {"J45.909": (False, False), "L03.90": (True, False), "K80.20": (True, False), "E03.9": (True, False)}),
    # ... not a flare's end, nor a word in the middle of the brackets
    ("He is a roofer. Other conditions: gout (on allopurinol; an attack in 2019, settled); follicular lymphoma "
     "(2015; six cycles; PET-negative remission since 2016).", {"M10.9": (False, False), "C82.90": (False, False)}),
])
def test_brackets_that_end_with_a_conditions_end_or_exclusion(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


def test_a_monitor_in_sinus_rhythm_answers_atrial_fibrillation(extractor):
    found = diagnoses(extractor, "He has gout. Atrial fibrillation was raised after an office ECG, but a 48-hour "
                                 "monitor showed sinus rhythm throughout. His flutter of 2015 was ablated.")
    assert found["I48.91"] == (True, False)


@pytest.mark.parametrize(("summary", "expected"), [
    # a family history ends at a sentence about the worker's own drugs
    ("He has gout.\nFamily history: his father had colon cancer, and a brother takes insulin.\n\nHis current "
     "medications are losartan and Norco 10/325 twice daily.",
     {"losartan": False, "hydrocodone/acetaminophen": False}),
    ("He has gout.\nFamily history: his father had Parkinson's and took carbidopa/levodopa.\n\nFor his pain he "
     "takes tramadol 50 mg and acetaminophen.", {"tramadol": False, "acetaminophen": False}),
])
def test_a_family_history_ends_at_the_workers_own_drugs(extractor, summary, expected):
    assert medications(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "code"), [
    # a condition stated, then its label given up later
    ("He has gout. His first doctor charted an adjustment disorder; after testing, the psychologist made it PTSD, "
     "and the adjustment disorder label was dropped.", "F43.20"),
    ("He has gout. His PCP charted fibromyalgia in 2016; the diagnosis of fibromyalgia was later withdrawn by "
     "rheumatology.", "M79.7"),
    ("He has gout and restless legs syndrome. Two years on, restless legs syndrome was removed from the problem "
     "list.", "G25.81"),
])
def test_a_stated_condition_whose_label_was_later_given_up(extractor, summary, code):
    assert diagnoses(extractor, summary)[code] == (True, False)


def test_a_worry_answered_by_the_condition_named_again(extractor):
    found = diagnoses(extractor, "She has gout. Her surgeon was worried about a loose body, since the knee "
                                 "locked twice; no loose body was found on MRI.")
    assert found == {"M10.9": (False, False), "M23.40": (True, False)}


def test_an_other_history_label_with_its_source_and_a_note_in_brackets(extractor):
    found = diagnoses(extractor, "She is a clerk. Her other history, copied from the internist's 2021 letter "
                                 "(status notes in brackets):\n- Hypertension [on amlodipine]\n"
                                 "- Gout [allopurinol; no flare since 2019]\n- Asthma [inhaler as needed]")
    assert found == {"I10": (False, False), "M10.9": (False, False), "J45.909": (False, False)}


@pytest.mark.parametrize(("summary", "expected"), [
    # square brackets end with the condition's end or exclusion, their item wrapped onto the next line
    ("She is a clerk. Other history:\n- Hypertension [on amlodipine]\n- Cellulitis of the left leg [2016; "
     "cefazolin for ten days;\n  resolved]\n- Peripheral artery disease [raised for weak pulses; ABIs 1.05 right "
     "and\n  0.99 left, normal; excluded]",
     {"I10": (False, False), "L03.116": (True, False), "I73.9": (True, False)}),
])
def test_square_brackets_that_end_with_a_conditions_end_or_exclusion(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


def test_a_review_of_systems_denial_under_a_body_system_states_nothing(extractor):
    assert diagnoses(extractor, "He is a cook. He has asthma.\nGI: denies dyspepsia, melena.\nNeuro: no seizures.") \
        == {"J45.909": (False, False)}


@pytest.mark.parametrize(("summary", "expected"), [
    # what a report found, listed under 'the following'
    ("She is a clerk. The cardiology QME of 2019 found the following, with the hypertension put partly down to "
     "stress:\n - Hypertension. On lisinopril since 2017.\n - Irritable bowel syndrome; dicyclomine as needed.\n"
     " - Tension-type headaches.", {"I10": (False, False), "K58.9": (False, False), "G44.209": (False, False)}),
    # ... a history 'taken from' a source that includes conditions
    ("He is a cook. His other history, taken from the PCP's notes, includes psoriasis, for which he uses a steroid "
     "cream, and mild intermittent asthma.", {"L40.9": (False, False), "J45.20": (False, False)}),
    # ... the claim's conditions of a kind, and a condition treated by someone for it
    ("She is a nurse. Her accepted psychiatric conditions are insomnia and posttraumatic stress disorder.",
     {"F43.10": (False, False), "G47.00": (False, False)}),
    ("She is a nurse. She has been seen by a psychiatrist every two months since 2021 and treated by him for panic "
     "disorder.", {"F41.0": (False, False)}),
    # ... a condition noted or carried, and one kept in check after when it began
    ("He is a cook. Obesity is noted (BMI 39). A depressive disorder is carried by the psychologist.",
     {"E66.9": (False, False), "F32.A": (False, False)}),
    ("He is a cook. Migraine without aura since his twenties, treated with rizatriptan as needed.",
     {"G43.009": (False, False)}),
])
def test_more_ways_a_letter_states_conditions(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


def test_the_workers_worry_about_a_side_effect_weighs_no_condition(extractor):
    found = diagnoses(extractor, "He has gout. Pregabalin was offered for his neuropathic pain; he "
                                 "turned it down, being worried about vertigo.")
    assert found == {"M10.9": (False, False)}


@pytest.mark.parametrize(("summary", "expected"), [
    # a worker otherwise healthy but for a condition, kept in check by a drug taken for it
    ("He is a baker. He is otherwise healthy aside from gout, for which he takes allopurinol.",
     {"M10.9": (False, False)}),
    # ... a problem list's item and its drug after a dash
    ("He is a baker. Problem list:\n- Depression - on sertraline\n- Asthma - albuterol prn",
     {"F32.A": (False, False), "J45.909": (False, False)}),
    # ... a note's assessment after a dash, its items numbered
    ("He is a baker. S - knee pain. O - effusion. A - (1) Patellar tendinitis, R. (2) Gout. (3) R/O septic "
     "arthritis - tap neg. P - arthroscopy.", {"M10.9": (False, False), "M00.9": (True, False)}),
    # ... what a joint replacement was done for, its date between
    ("He is a baker. s/p L THA 03/2020 for primary OA of the left hip; he walks with a cane.",
     {"M16.12": (False, False)}),
])
def test_conditions_a_note_states_tersely(extractor, summary, expected):
    found = diagnoses(extractor, summary)
    assert {code: found[code] for code in expected if code in found} == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # a drug screen's result inside brackets is no result for the drugs listed after them
    ("He is a cook. Meds: tramadol 50 mg bid (since 2022; UDS 03/2024 + tramadol only), meloxicam 15 qd "
     "(restarted 2024), metformin 500 bid, simvastatin 20 qhs.",
     {"tramadol": False, "meloxicam": False, "metformin": False, "simvastatin": False}),
])
def test_a_drug_screen_in_brackets_reaches_no_drug_after_them(extractor, summary, expected):
    assert medications(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # non-industrial conditions by organ system, each under its system's name and a dash
    ("He is a driver. Nonindustrial problems, by organ system, per the internist's 2016 note:\n"
     "  Vascular -        hypertension, treated with losartan\n  Kidney --------   chronic kidney disease, stage 3a\n"
     "  Pulm -            asthma, albuterol as needed",
     {"I10": (False, False), "N18.31": (False, False), "J45.909": (False, False)}),
])
def test_conditions_under_a_body_systems_name_and_a_dash(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "code"), [
    # a condition tested for and found absent in a relative clause
    ("She has asthma. Before surgery a hematologist checked her for factor V Leiden, which was absent.", "D68.51"),
    # ... a table's status that another diagnosis replaced it
    ("She has asthma.\n\n  Diagnosis                 Clinic        Status\n"
     "  Adjustment disorder       psychology    replaced by PTSD 2021\n  PTSD, chronic             psychology    active\n",
     "F43.20"),
    # ... a bursitis drained, treated and healed
    ("He has gout. A septic olecranon bursitis in 2018 was drained and treated with cefazolin, and it healed.",
     "M70.20"),
])
def test_a_condition_found_absent_replaced_or_healed(extractor, summary, code):
    assert diagnoses(extractor, summary)[code] == (True, False)


def test_a_problem_list_as_it_evolved_and_an_item_taken_off_it(extractor):
    found = diagnoses(extractor, "He is a welder. Problem list as it now stands:\n- Lumbar strain - 2019.\n"
                                 "- Lateral epicondylitis, left - added 03/2020 for elbow pain; taken off the list by "
                                 "the hand surgeon 09/2020 once the pain had settled with bracing and home exercise.\n"
                                 "- Current: left cubital tunnel syndrome; hypertension.")
    assert found["M77.12"] == (True, False) and found["G56.22"] == (False, False) and found["I10"] == (False, False)


@pytest.mark.parametrize(("summary", "code"), [
    # a spread to bone weighed in the singular, and answered
    ("He has gout. Given his melanoma, the oncologist raised a possible bone metastasis; the bone scan was "
     "negative, and that worry was put to rest.", "C79.51"),
])
def test_a_metastasis_weighed_and_answered(extractor, summary, code):
    assert diagnoses(extractor, summary)[code] == (True, False)


def test_a_list_of_events_under_the_following_states_no_condition(extractor):
    # a sequence of care, not of conditions: the complaint in it is no diagnosis
    found = diagnoses(extractor, "He has gout. The records give the following sequence:\n- 2016: PT x 12, no help\n"
                                 "- 2017: discectomy; the arm pain eased, the neck pain stayed")
    assert found == {"M10.9": (False, False)}


def test_a_finer_condition_set_aside_by_its_shorter_name(extractor):
    found = diagnoses(extractor, "She has asthma. The AME diagnosed adjustment disorder with anxiety. The QME set "
                                 "the adjustment disorder label aside; his diagnosis is PTSD.")
    assert found["F43.22"] == (True, False) and found["F43.10"] == (False, False)


def test_a_finer_condition_rejected_later_by_its_shorter_name(extractor):
    found = diagnoses(extractor, "He has gout. In 2019 the defense QME thought he met criteria only for adjustment disorder "
                                 "with depressed mood. A year later the psychologist diagnosed PTSD and rejected the "
                                 "adjustment disorder diagnosis.")
    assert found == {"M10.9": (False, False), "F43.21": (True, False), "F43.10": (False, False)}


@pytest.mark.parametrize(("summary", "expected"), [
    # a drug the worker has not filled, named by who the worker is
    ("He has gout. Baclofen 10 mg was prescribed in March, which the applicant never filled. He takes "
     "meloxicam.", {"baclofen": True, "meloxicam": False}),
    # ... prescribed, then never filled, in a list's item
    ("He has gout. Meds:\n- naproxen 500 mg bid, current.\n- Cymbalta 30 mg was written by the PCP in 2019; "
     "prescribed, never filled.", {"naproxen": False, "duloxetine": True}),
    # ... one a physician asked to be avoided, not one named in the sentence before
    ("He has gout. His nephrologist asked that naproxen be avoided. He takes tramadol.",
     {"naproxen": True, "tramadol": False}),
    ("He has gout. He was managed with meloxicam and tramadol. The AME cautioned that opioids should be avoided.",
     {"meloxicam": False, "tramadol": False}),
    # ... one that causes a reaction, or is carried on a chart as an allergy
    ("He has gout. He takes Norco. Codeine causes a rash. Penicillin makes him break out, and it is carried on his "
     "chart as an allergy.", {"hydrocodone/acetaminophen": False, "codeine": True, "penicillin": True}),
    # ... an allergy label with a note in brackets
    ("She has asthma. She takes albuterol. ALLERGIES (per the chart): naproxen -> hives; aspirin -> wheezing.",
     {"albuterol": False, "naproxen": True, "aspirin": True}),
])
def test_more_ways_a_drug_was_not_taken(extractor, summary, expected):
    found = medications(extractor, summary)
    assert {name: found.get(name) for name in expected} == expected


@pytest.mark.parametrize(("summary", "code"), [
    # a pronoun's answer past a decimal point
    ("He has gout. His PCP questioned hypothyroidism in 2016; a TSH of 2.1 excluded it.", "E03.9"),
    # ... a clinician who did not find it present
    ("He has gout. Lupus was queried in 2020 for joint pain; her rheumatologist did not find it present.",
     "M32.9"),
])
def test_a_condition_weighed_then_answered_past_a_decimal_or_not_found_present(extractor, summary, code):
    assert diagnoses(extractor, summary)[code] == (True, False)


def test_a_problem_lists_rule_out_answered_by_a_test_note(extractor):
    found = diagnoses(extractor, "He is a cook. Problem list:\n- Depression - on sertraline\n- Lumbar radiculopathy - "
                                 "r/o; EMG/NCS 2021 w/o evidence of a root lesion\n- Gout - r/o; uric acid pending")
    assert found["M54.16"] == (True, False) and found["F32.A"] == (False, False) and found["M10.9"][0] is False


def test_a_claim_accepted_for_a_condition_states_it(extractor):
    assert diagnoses(extractor, "She is a cook. Her claim was accepted for left carpal tunnel syndrome.") \
        == {"G56.02": (False, False)}


@pytest.mark.parametrize(("summary", "code"), [
    # a condition whose criteria were not reached, or that a psychologist did not diagnose
    ("She has gout. Panic disorder was raised by the PTP. On testing she fell short of criteria for panic disorder.",
     "F41.0"),
    ("He has gout. An illness anxiety disorder was queried by the surgeon; the evaluating psychologist did not "
     "diagnose one.",
     "F45.21"),
    # ... one sent on for as possible, then answered
    ("She has gout. Her PCP referred her to rheumatology for possible lupus; the rheumatologist found a negative "
     "ANA, did not think she met criteria, and blamed the aches on overuse.", "M32.9"),
    # ... one ended past a clause of its treatment, eradicated, or recovered from
    ("She has gout. Other history:\nHematologic: B12 deficiency in 2016; treated with injections; resolved.",
     "E53.8"),
    ("He has asthma. 3. H. pylori infection - eradicated, 2015", "B96.81"),
    ("He has asthma. He was hospitalized for pneumonia in 2021 and has since recovered completely.", "J18.9"),
])
def test_more_ways_a_condition_was_answered_or_ended(extractor, summary, code):
    assert diagnoses(extractor, summary)[code] == (True, False)


@pytest.mark.parametrize(("summary", "code"), [
    ("Active problems: 1) Primary OA of L knee, medial. 2) Hypertension.", "M17.12"),
    ("Problems: 1. Degenerative arthritis of the Rt hip (KL 3). 2. Hypertension.", "M16.11"),
    ("Problems: 1. Primary OA bilat knees. 2. Hypertension.", "M17.0"),
    ("Problems: 1. L thumb CMC OA, Eaton III. 2. Hypertension.", "M18.12"),
    ("Problems: 1. Right thumb carpometacarpal osteoarthritis. 2. Hypertension.", "M18.11"),
    ("Problems: 1. Basal joint arthritis of both thumbs. 2. Hypertension.", "M18.0"),
    ("Problems: (1) Post-traumatic arthritis, left thumb CMC joint. (2) Hypertension.", "M18.32"),
])
def test_osteoarthritis_placed_by_a_side_written_short_or_at_the_thumbs_base(extractor, summary, code):
    assert diagnoses(extractor, summary) == {code: (False, False), "I10": (False, False)}


def test_osteoarthritis_of_both_hands_takes_no_one_code(extractor):
    """The code set codes each hand apart and has no code for both: no code, as for `bilateral hand osteoarthritis`."""
    found = history(extractor, "Problems: osteoarthritis of both hands; gout.")["diagnoses"]
    assert [(d["icd10cm"], d["negated"]) for d in found] == [(None, False), ("M10.9", False)]


def test_each_line_set_in_under_a_label_alone_is_an_item_of_its_own(extractor):
    """A refusal at one line's end is that line's drug's, not the next line's, though no bullet starts the lines; a
    line set in further goes on the item before it."""
    summary = ("Medications:\n    Baclofen 10 mg tid - since 2019\n    Tramadol 50 mg - offered 2020; he refuses opioids\n"
               "    Famotidine 20 mg - for reflux 2018, none lately\n    Meloxicam 15 mg - stopped 2021 for\n"
               "      heartburn, not restarted\nAllergies: none known.")
    assert medications(extractor, summary) == {"baclofen": False, "tramadol": True, "famotidine": False,
                                               "meloxicam": False}


@pytest.mark.parametrize(("summary", "expected"), [
    ("Medication trials: 1. Nortriptyline at night - offered 05/2022; pt \"does not want more pills\".\n"
     "2. Sertraline 50 mg - current.", {"nortriptyline": True, "sertraline": False}),
    ("Venlafaxine     raised 09/2021     pt would rather wait\nLisinopril      current", {"venlafaxine": True,
                                                                                         "lisinopril": False}),
    ("Her PCP suggested gabapentin; she doesn't want to take it. She uses ice.", {"gabapentin": True}),
    ("Pregabalin was discussed, but he does not want surgery yet; he takes pregabalin 50 mg three times daily.",
     {"pregabalin": False}),
])
def test_a_drug_put_off_in_the_workers_own_words(extractor, summary, expected):
    assert medications(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    ("Past history:\n- Osteopenia [ruled out by a bone density scan 2017]\n- Asthma",
     {"M85.80": (True, False), "J45.909": (False, False)}),
    ("Past history:\n- Shingles, left chest [2019; acyclovir; gone by summer - cleared]\n- Asthma",
     {"B02.9": (True, False), "J45.909": (False, False)}),
    ("Past history:\nRenal -- kidney stone 2015; lithotripsy; passed\nPulm -- asthma",
     {"N20.0": (True, False), "J45.909": (False, False)}),
    ("Past history:\nID -- Lyme disease 2012; doxycycline 3 weeks; resolved\nRheum -- gout; colchicine; a flare 2020; "
     "resolved\nEndo -- hypothyroidism", {"A69.20": (True, False), "M10.9": (False, False), "E03.9": (False, False)}),
])
def test_an_item_excluded_in_the_brackets_it_opens_or_ended_past_its_notes(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "code"), [
    ("In 2020 the PTP added thoracic outlet syndrome. The vascular surgeon who saw her next did not agree with that "
     "diagnosis: pulses held with the arm raised.", "G54.0"),
    ("The psychologist diagnosed PTSD, chronic. The panel QME disagreed with the PTSD diagnosis and found an adjustment "
     "disorder.", "F43.12"),
    ("Her internist raised fibromyalgia in 2018. At the rheumatology visit, tender points were 5 of 18; the "
     "rheumatology consultant did not make that diagnosis.", "M79.7"),
    ("The PTP listed lumbar radiculopathy. The spine consultant found normal reflexes, stating in his letter that the "
     "worker has no lumbar radiculopathy.", "M54.16"),
    ("Dx: 1. Panic disorder. 2. PTSD. The AME did not find that the spells she told him of met the criteria for a "
     "panic disorder.", "F41.0"),
    ("Motion was almost full; the surgeon did not think he had adhesive capsulitis.", "M75.00"),
])
def test_a_condition_a_later_clinician_disputes_or_does_not_find(extractor, summary, code):
    assert diagnoses(extractor, summary)[code] == (True, False)


def test_a_later_clinician_who_agrees_leaves_the_condition_stated(extractor):
    summary = "The PTP diagnosed fibromyalgia in 2019. The AME agreed with that diagnosis."
    assert diagnoses(extractor, summary) == {"M79.7": (False, False)}


@pytest.mark.parametrize(("summary", "expected"), [
    ("A: Depression, improving; OSA - raised, not dx'd (BMI 23).\nP: continue therapy.",
     {"F32.A": (False, False), "G47.33": (True, False)}),
    ("CT 2021: the graft has fused; pseudarthrosis r/o. Current problems: post-laminectomy syndrome.",
     {"M96.0": (True, False), "M96.1": (False, False)}),
    ("Dx: 1. R/O lumbar radiculopathy. 2. Hypertension.", {"M54.16": (False, True), "I10": (False, False)}),
])
def test_a_verdict_closing_an_item_opened_after_a_semicolon_or_a_terse_r_o_after_the_condition(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


def test_an_unspecified_mention_gives_way_to_the_finer_one_answered(extractor):
    """`suspected CRPS` and `CRPS, L lower extremity - ... criteria not met` are one condition: the placed one's
    answer stands for both."""
    summary = ("Sympathetic blocks x 2 in 2021 for suspected CRPS - no change.\nProblems:\n1. CRPS, L lower extremity - "
               "suspected 2021; Budapest criteria not met on review\n2. Hypertension")
    assert diagnoses(extractor, summary) == {"G90.522": (True, False), "I10": (False, False)}


@pytest.mark.parametrize(("summary", "expected"), [
    ("Her cardiologist follows atrial fibrillation and heart failure. He follows up in a month.",
     {"I48.91": (False, False), "I50.9": (False, False)}),
    ("The PTP recorded neck and right shoulder pain, 5/10; the surgeon documented a valgus deformity.", {}),
    ("Asthma is non-industrial and is treated by her internist.", {"J45.909": (False, False)}),
])
def test_a_condition_a_clinician_follows_or_calls_nonindustrial(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "code"), [
    ("Other history: giant cell arteritis in 2019, on prednisone for a year.", "M31.6"),
    ("Diagnoses: lumbar spondylosis; long-term opioid analgesic use.", "Z79.891"),
    ("Other history: an antral ulcer, found on endoscopy in 2020 and treated.", "K25.9"),
])
def test_more_wordings_of_conditions(extractor, summary, code):
    assert code in diagnoses(extractor, summary)


@pytest.mark.parametrize(("summary", "expected"), [
    ("Her internist proposed naproxen in 2019, but the nephrologist advised against NSAIDs, including the naproxen; "
     "naproxen was never started. She takes acetaminophen.", {"naproxen": True, "acetaminophen": False}),
    ("The PTP wrote for a prednisone taper in 2020. He never filled the prednisone: his diabetes was poorly "
     "controlled. He takes metformin.", {"prednisone": True, "metformin": False}),
    ("The surgeon offered Percocet at discharge and wrote a prescription. Never filled. She uses ice.",
     {"oxycodone/acetaminophen": True}),
    ("She was given codeine after the extraction. Two days later she had facial swelling and went to urgent care; "
     "it was charted as an allergy from then on. She then took ibuprofen.", {"codeine": True, "ibuprofen": False}),
])
def test_a_drug_said_never_started_or_an_allergy_a_few_clauses_on(extractor, summary, expected):
    assert medications(extractor, summary) == expected


def test_a_row_of_a_medication_table_ending_in_an_allergy_or_never_filled(extractor):
    """A row's last cell after an arrow or a dash, past a prescriber's abbreviated title ('fam. phys.') and the same
    drug named again in brackets."""
    summary = ("Medication             prescriber        dates              status\n"
               "Sertraline 50 mg       fam. phys.        2019 - present     current\n"
               "Nucynta 50 mg          pain phys.        02/2020 - 04/2020  stopped: itching all over -> ALLERGY (tapentadol)\n"
               "Eszopiclone 2 mg       fam. phys.        06/2021            written, never filled\n"
               "Codeine                ED                2015               nausea - not an allergy\n")
    assert medications(extractor, summary) == {"sertraline": False, "tapentadol": True, "eszopiclone": True,
                                               "codeine": False}


def test_a_drug_the_worker_put_off_after_a_physician_brought_it_up(extractor):
    summary = "The PCP brought up nortriptyline in 2022; she preferred to wait until after the block. She takes naproxen."
    assert medications(extractor, summary) == {"nortriptyline": True, "naproxen": False}


def test_an_allergy_list_set_in_under_its_label_alone(extractor):
    summary = "Medications: tramadol 50 mg.\nALLERGIES:\n   Penicillin - hives\n   Keflex - rash\n\nShe is a teacher."
    assert medications(extractor, summary) == {"tramadol": False, "penicillin": True, "cephalexin": True}


@pytest.mark.parametrize(("summary", "expected"), [
    ("Tx to date:\n  PT 2019, 12 visits - no lasting gain\n  Chiropractic 2020, 8 visits - brief relief\n"
     "  Massage - approved 03/2021, cancelled (clinic closed)\n  Acupuncture - offered 2021, declined (needles)\n"
     "  TENS -> no help\n\nShe works as a cashier.", {"physical-therapy", "chiropractic", "durable-medical-equipment"}),
])
def test_care_set_in_under_a_label_alone(extractor, summary, expected):
    assert prior(extractor, summary) == expected


def test_surgeries_set_in_under_a_surgical_hx_label(extractor):
    summary = "Surgical hx:\n   06/2015    L4-5 microdiscectomy\n   09/2017    removal of hardware - no change\n\nHe is a welder."
    assert {p["service"] for p in history(extractor, summary)["prior_treatments"]} == {"spinal-decompression",
                                                                                       "hardware-removal"}


def test_a_label_alone_with_a_note_in_brackets_starts_its_list(extractor):
    """A denial at the end of the line before ('not implanted') reaches no item of the list under `Dx list (...):`,
    double-spaced and set flush with the label."""
    summary = ("Stimulator trial 2019 - little relief, not implanted\n\nDx list (pain clinic 03/2022):\n\n"
               "Failed back surgery syndrome\n\nChronic pain syndrome\n\nHe is a roofer.")
    assert diagnoses(extractor, summary) == {"M96.1": (False, False), "G89.4": (False, False)}


@pytest.mark.parametrize(("summary", "expected"), [
    ("The PTP listed gout and knee osteoarthritis in 2019. The rheumatologist agreed with the osteoarthritis but did "
     "not find gout.",
     {"M10.9": (True, False), "M17.9": (False, False)}),
    ("The neurologist listed post-concussion syndrome. The PTP had raised a bipolar disorder; the QME did not find one, "
     "and put the mood swings down to the post-concussion syndrome.", {"F07.81": (False, False), "F31.9": (True, False)}),
])
def test_a_condition_a_later_clinician_did_not_find(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


def test_care_never_authorized_at_its_rows_end(extractor):
    summary = ("Tx to date:\n  PT x 12 (2020) ....... brief relief\n  Acupuncture .......... never authorized\n"
               "  Chiropractic x 6 ..... no lasting benefit\n\nShe is a nurse.")
    assert prior(extractor, summary) == {"physical-therapy", "chiropractic"}


@pytest.mark.parametrize(("summary", "expected"), [
    ("Asthma is described by her pulmonologist as mild.", {"J45.909": (False, False)}),
    ("A knee x-ray showed tricompartmental osteoarthritis, which the PTP listed as a second diagnosis.",
     {"M17.9": (False, False)}),
    ("The panel QME also recorded obesity (BMI 37). The AME noted 40% relief of the knee pain.",
     {"E66.9": (False, False)}),
    ("The first psychologist diagnosed an acute stress disorder; in 2019 the label was dropped in favor of "
     "PTSD.", {"F43.0": (True, False), "F43.10": (False, False)}),
    ("Liver enzymes were high in 2021; hepatitis B and hepatitis C serology both came back negative.",
     {"B19.10": (True, False), "B19.20": (True, False)}),
    ("Steroid-induced diabetes in 2020, after a prednisone burst, has since resolved.",
     {"E09.9": (True, False)}),
])
def test_conditions_described_listed_recorded_dropped_or_tested_negative(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


def test_gestational_diabetes_of_a_past_pregnancy_takes_no_pregnancy_code(extractor):
    found = history(extractor, "She had gestational diabetes in 2012, which resolved after delivery.")["diagnoses"]
    assert [(d["icd10cm"], d["negated"]) for d in found] == [(None, True)]


@pytest.mark.parametrize(("summary", "expected"), [
    ("Surgical history: tonsillectomy (1990); cholecystectomy for gallstones (2011); hysterectomy in 2015 for "
     "fibroids.", {"K80.20": (False, False), "D25.9": (False, False)}),
    ("Diffuse aching led the PCP to raise fibromyalgia in 2020; the rheumatologist counted 4 of 18 tender points and "
     "did not make that diagnosis.", {"M79.7": (True, False)}),
    ("A:\n- Cervical radiculopathy, C7\n- Fibromyalgia - no\n- Gout - no flares since 2018",
     {"M54.12": (False, False), "M79.7": (True, False), "M10.9": (False, False)}),
])
def test_an_operation_for_a_condition_a_weighed_one_not_diagnosed_and_a_bare_no(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    ("Meds:\n- Meloxicam -- -- advised against by nephrology (eGFR 41)\n- Amitriptyline 10 mg -- 2016, intolerant "
     "(dry mouth)\n- Naproxen 500 mg bid -- current", {"meloxicam": True, "amitriptyline": True, "naproxen": False}),
    ("Ibuprofen .............................. AVOID per GI\nPantoprazole ........................... current",
     {"ibuprofen": True, "pantoprazole": False}),
    ("Lidocaine ointment ................... suggested 2019; pt would rather keep the patch\nTizanidine ............ current",
     {"lidocaine": True, "tizanidine": False}),
    ("Capsaicin cream was raised as an option and has not been prescribed. He takes tramadol.",
     {"capsaicin": True, "tramadol": False}),
    ("Her PCP stopped naproxen in 2018; celecoxib, which the surgeon had weighed, was never prescribed. She has never "
     "been prescribed naloxone.", {"naproxen": False, "celecoxib": True, "naloxone": True}),
    ("Duloxetine was started in 2019 and was not given again after a fall.", {"duloxetine": False}),
    ("Metformin was started in 2018 and stopped for loose stools; the long-acting form of metformin has not been tried.",
     {"metformin": False}),
])
def test_a_drug_advised_against_intolerant_or_put_off_at_its_rows_end_or_never_prescribed(extractor, summary, expected):
    assert medications(extractor, summary) == expected


def test_a_weighed_condition_wondered_about_and_answered(extractor):
    summary = ("Her internist wondered whether the aching in her shoulders was polymyalgia rheumatica; her sedimentation "
               "rate was 9, normal; that diagnosis was set aside. She uses Spiriva for COPD.")
    assert diagnoses(extractor, summary) == {"M35.3": (True, False), "J44.9": (False, False)}


@pytest.mark.parametrize(("summary", "expected"), [
    # a label alone on its line, its items marked, a label of two denying words joined by 'or'
    ("Diagnoses: lumbar strain.\nConditions excluded or not confirmed:\n- Rheumatoid arthritis - RF and CCP both normal.\n"
     "- Gout - the toe was tapped and showed no crystals.\n\nShe walks daily.",
     {"M06.9": (True, False), "M10.9": (True, False)}),
    # a label without its colon (a heading after a blank line), a question's words, the items' explanations over
    # more than one sentence
    ("Problems: asthma.\n\nQuestions raised and answered\n- Pseudarthrosis after the fusion - feared in 2019. A CT scan "
     "later showed solid bone.\n- Lupus - the ANA was weakly positive; the rheumatologist found nothing more.\n\nHe drives.",
     {"J45.909": (False, False), "M96.0": (True, False), "M32.9": (True, False)}),
    # a label that says by whom, its items flush under it up to the next label
    ("The QME listed:\nMajor depressive disorder, single episode, moderate\nConditions considered and not diagnosed by "
     "the QME:\nGeneralized anxiety disorder - worry limited to the claim\nPanic disorder - no unexpected attacks\n"
     "Medical history: asthma.", {"F32.1": (False, False), "F41.1": (True, False), "F41.0": (True, False),
                                  "J45.909": (False, False)}),
    # a sub-heading without its colon inside a list, over items set in further
    ("Problem list:\n   Active\n     1) Asthma\n   Excluded\n     2) Pulmonary embolism - CT angiogram 2019 clear\n\n"
     "He drives.", {"J45.909": (False, False), "I26.99": (True, False)}),
    # items run into the label's line, parted by commas and 'and'
    ("Diagnoses: cervical strain.\nSet aside: fibromyalgia, polymyalgia rheumatica and gout.\nShe swims.",
     {"M79.7": (True, False), "M35.3": (True, False), "M10.9": (True, False)}),
    # a list of resolved conditions
    ("Assessment:\n1. Lumbar disc herniation.\n2. Depression.\nResolved:\n1. Gastritis from NSAIDs (2019).\n2. Anemia.\n",
     {"M51.26": (False, False), "F32.A": (False, False), "K29.70": (True, False), "D64.9": (True, False)}),
    # ... set in under its label, up to the next label as far in
    ("She drives a bus.\n\n   Assessment:\n     1. Lumbar disc herniation\n   Resolved:\n     Gastritis\n"
     "   Other, not work related:\n     + Asthma\n     + Gout\n\nShe swims.",
     {"M51.26": (False, False), "K29.70": (True, False), "J45.909": (False, False), "M10.9": (False, False)}),
    # an item that confirms its condition is the worker's; only an item's first condition is denied
    ("Diagnoses: knee strain.\nConsidered and answered:\n- Carpal tunnel syndrome - the EMG confirmed it.\n"
     "- Gout - no crystals; her hypertension was the reason for the check.\n\nShe cooks.",
     {"G56.00": (False, False), "M10.9": (True, False)}),
])
def test_a_lists_label_that_denies_its_items(extractor, summary, expected):
    got = diagnoses(extractor, summary)
    assert {code: got.get(code) for code in expected} == expected


def test_a_rule_out_label_asks_rather_than_denies(extractor):
    negated, _ = diagnoses(extractor, "Diagnoses: lumbar strain.\nRule out:\n- Lumbar radiculopathy\n\nHe drives.")["M54.16"]
    assert negated is False


@pytest.mark.parametrize("summary", [
    "Medical problems from the internist's consultation in 03/2020 are hypertension and type 2 diabetes.",
    "Chronic conditions per her family doctor are hypertension and type 2 diabetes.",
    "Other health problems according to her QME are hypertension and type 2 diabetes.",
])
def test_conditions_told_with_where_they_are_listed(extractor, summary):
    assert diagnoses(extractor, summary) == {"I10": (False, False), "E11.9": (False, False)}


@pytest.mark.parametrize(("summary", "expected"), [
    # something else chosen first or instead, the other drug named in the worker's clause
    ("Her internist proposed metformin for the borderline sugars; she chose a walking program first. She takes "
     "meloxicam.", {"metformin": True, "meloxicam": False}),
    ("The surgeon suggested hydromorphone after the repair; the patient asked to take tramadol instead.",
     {"hydromorphone": True, "tramadol": False}),
    # a decision against it, by the worker or by a physician
    ("His cardiologist weighed colchicine and decided against it. He takes aspirin.", {"colchicine": True, "aspirin": False}),
    ("The psychiatrist raised lithium in 2020; the worker and her husband chose against it. She takes sertraline.",
     {"lithium": True, "sertraline": False}),
    # kept from the worker for a reason at its row's end
    ("Meloxicam - avoided while she is on warfarin.\nWarfarin - current.", {"meloxicam": True, "warfarin": False}),
    # (each line of a list flush under its label is an item of its own)
    ("Medications:\nDiclofenac - avoid (per nephrology)\nAmlodipine - current", {"diclofenac": True, "amlodipine": False}),
])
def test_a_drug_put_off_for_another_decided_against_or_avoided_for_a_reason(extractor, summary, expected):
    assert medications(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    ("The nephrologist has asked that celecoxib, diclofenac and the other NSAIDs be avoided. He takes tramadol.",
     {"celecoxib": True, "diclofenac": True, "tramadol": False}),
    ("Duloxetine or milnacipran were offered and declined. She takes tramadol.",
     {"duloxetine": True, "milnacipran": True, "tramadol": False}),
    ("He was offered gabapentin and then pregabalin, and he refused them. He takes naproxen.",
     {"gabapentin": True, "pregabalin": True, "naproxen": False}),
    # a series the worker takes, then a drug declined on its own
    ("She takes naproxen and tramadol, and declined Lyrica.", {"naproxen": False, "tramadol": False, "pregabalin": True}),
])
def test_what_is_said_after_a_series_of_drugs_is_said_of_each(extractor, summary, expected):
    assert medications(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # an end told after a long note of where and when it was found
    ("He has asthma. A post-concussion syndrome found at the urgent care recheck of 10/2017 had cleared by 2018.",
     {"J45.909": (False, False), "F07.81": (True, False)}),
    # ... or by what was done for it, a pronoun standing for it
    ("She has gout. She was diagnosed with a left trigger thumb in 2021; a tendon sheath injection that spring "
     "resolved it.", {"M10.9": (False, False), "M65.312": (True, False)}),
    # a condition named as possible, then a study's finding that answers it (its side on the first mention only)
    ("Diagnoses: neck strain; rule out right carpal tunnel syndrome. Nerve studies 05/2016: normal median latencies, "
     "no sign of carpal tunnel syndrome.", {"G56.01": (True, False)}),
])
def test_an_end_told_late_or_by_its_care_and_a_possible_condition_a_study_answers(extractor, summary, expected):
    got = diagnoses(extractor, summary)
    assert {code: got.get(code) for code in expected} == expected


@pytest.mark.parametrize("summary", [
    "She has been followed in the spine clinic since 2015 for lumbar spinal stenosis.",
    "She is managed at a pain practice for lumbar spinal stenosis.",
    "Lumbar spinal stenosis developed after 2015 and is followed by her surgeon.",
])
def test_a_condition_followed_or_managed_somewhere_or_developed_and_followed(extractor, summary):
    assert diagnoses(extractor, summary) == {"M48.061": (False, False)}


def test_a_wrapped_items_last_words_are_no_label_over_the_items_after_it(extractor):
    summary = ("Assessment:\n  1) Right cubital tunnel syndrome - considered in 2020; nerve studies normal,\n"
               "     ruled out\n  2) Type 2 diabetes\n  3) Hypertension\n\nShe sews.")
    assert diagnoses(extractor, summary) == {"G56.21": (True, False), "E11.9": (False, False), "I10": (False, False)}


@pytest.mark.parametrize(("summary", "expected"), [
    # not wanted in the worker's own clause, the object a pronoun or a kind of pill
    ("Her internist offered topiramate for the headaches; she did not want it. Naproxen is her only drug.",
     {"topiramate": True, "naproxen": False}),
    ("The pain physician offered nortriptyline; the worker did not want to start a second nerve pill. He takes meloxicam.",
     {"nortriptyline": True, "meloxicam": False}),
    # ... or not willing to
    ("Her psychiatrist suggested mirtazapine; she remains unwilling to take it. She takes naproxen.",
     {"mirtazapine": True, "naproxen": False}),
    ("Topiramate was discussed at the last visit, and he is reluctant to start it. Naproxen is his only drug.",
     {"topiramate": True, "naproxen": False}),
    # (not a pronoun for a kind of drug named after it)
    ("She also uses hydroxyzine at times. She could use a sleeping pill but does not want them.", {"hydroxyzine": False}),
    # not tried or used, said before its name
    ("Celecoxib was stopped in 2019 for heartburn; she has not tried duloxetine.", {"celecoxib": False, "duloxetine": True}),
    ("He has not yet used the lidocaine patch. He takes tramadol.", {"lidocaine": True, "tramadol": False}),
    # a drug and its brand joined by 'in the form of': what is said after the brand is the drug's
    ("Buprenorphine in the form of Butrans was offered; she declined it. She takes oxycodone.",
     {"buprenorphine": True, "oxycodone": False}),
])
def test_a_drug_not_wanted_or_named_with_its_brand(extractor, summary, expected):
    assert medications(extractor, summary) == expected


@pytest.mark.parametrize("summary", [
    # a chronology flush under its label, its dates in a column set apart by a wide gap
    "Course of care:\n03/2017      R C5-6 ESI - brief relief\n11/2019      C5-6 ACDF (recurrent disc)\n"
    "2020         post-op PT x 12\n\nShe drives.",
    "Timeline:\n  2017\t\tC5-6 ESI - brief relief\n  2019\t\tC5-6 ACDF\n  2020\t\tpost-op PT x 12\n\nShe drives.",
])
def test_care_in_a_chronologys_rows_dated_in_their_first_column(extractor, summary):
    assert prior(extractor, summary) == {"epidural-steroid-injection", "surgery", "physical-therapy"}


def test_care_in_a_chronologys_row_after_a_wrapped_row_and_in_its_second_clause(extractor):
    summary = ("Her care is set out below.\n\n   2017          PT x 8; no change\n"
               "   03/14/2019    Left C5-6 anterior discectomy and fusion with plate and\n"
               "                 bone graft from the iliac crest\n"
               "   04/2019       Bone stimulator for 3 months; a soft collar at night\n\nShe drives.")
    assert prior(extractor, summary) == {"physical-therapy", "surgery", "durable-medical-equipment"}


@pytest.mark.parametrize(("summary", "expected"), [
    # weighed in a list's item and answered later in it: the answer outweighs the doubt
    ("PMHx:\n- Swollen neck nodes 2016 - sarcoidosis was a concern; a node biopsy showed reactive change only, "
     "sarcoidosis excluded.\n- Asthma.", {"D86.9": (True, False), "J45.909": (False, False)}),
    # weighed in a list and not answered: in doubt
    ("PMHx: asthma; sarcoidosis was a concern in 2016.", {"J45.909": (False, False), "D86.9": (False, True)}),
    # an infection's verdict at its item's end
    ("PMHx:\n- Asthma.\n- Hepatitis B: vaccinated, surface antibody positive, core antibody negative - no infection.",
     {"J45.909": (False, False), "B19.10": (True, False)}),
])
def test_a_condition_weighed_in_a_list_and_an_infections_verdict(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # an item opening with its side and then its level, its verdict after a study's result
    ("Assessment:\n- Cervical spondylosis without myelopathy\n- Left C7 radiculopathy - nerve studies 2018 normal; not "
     "confirmed\n- GERD, on famotidine", {"M47.812": (False, False), "M54.12": (True, False), "K21.9": (False, False)}),
    # an end after an arrow
    ("PMHx:\n- HTN - amlodipine\n- Hep C - Epclusa 2019, SVR -> cured", {"I10": (False, False), "B19.20": (True, False)}),
    # (a condition that has not come back after its care is still the worker's)
    ("She has asthma. She had de Quervain's tenosynovitis in 2020, treated with one injection, and it has not recurred.",
     {"J45.909": (False, False), "M65.4": (False, False)}),
])
def test_an_items_verdict_after_its_side_and_level_or_an_arrow(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # not to be used, said of a series
    ("His cardiologist wrote that celecoxib and meloxicam are not to be used with his warfarin.",
     {"celecoxib": True, "meloxicam": True, "warfarin": False}),
    # rejected by a physician
    ("A switch to buprenorphine was raised in 2019 and rejected by his pain doctor. He takes morphine.",
     {"buprenorphine": True, "morphine": False}),
    # preferred not to have it
    ("A lidocaine infusion was discussed last year, and she preferred not to have it. She takes tramadol.",
     {"lidocaine": True, "tramadol": False}),
    # a row's allergy with its reaction after a dash; never filled after an arrow
    ("Meds:\n- Codeine -- ALLERGY - hives\n- 2019: Percocet from the ER -> never filled.\n- Naproxen -- current",
     {"codeine": True, "oxycodone/acetaminophen": True, "naproxen": False}),
])
def test_a_drug_not_to_be_used_rejected_not_wanted_an_allergy_with_its_reaction_or_never_filled(extractor, summary,
                                                                                                 expected):
    assert medications(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # the word heading a drug list's label, before its colon
    ("She had physical therapy and acupuncture.\nMedications, per the PTP note of 2016:\n1. Tramadol 50 mg",
     {"physical-therapy", "acupuncture"}),
    ("He had physical therapy and acupuncture.\nSleep medication trials (psychiatry, 2017):\n- Zolpidem - stopped",
     {"physical-therapy", "acupuncture"}),
    # the word for drugs kept from the worker or mislaid
    ("She had physical therapy and acupuncture, and she avoids anti-inflammatory medication because of an old ulcer.",
     {"physical-therapy", "acupuncture"}),
    ("He had physical therapy and acupuncture. In 2014 he reported two lost prescriptions.",
     {"physical-therapy", "acupuncture"}),
    # (care received, named with the rest)
    ("Treatment has included physical therapy, acupuncture and medications.",
     {"physical-therapy", "acupuncture", "medication"}),
])
def test_the_word_for_drugs_in_a_lists_label_or_for_drugs_avoided_or_lost_is_no_care(extractor, summary, expected):
    assert prior(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # a condition with the drug alone after a dash
    ("Medically she is complicated.\nHypertension - losartan 50 mg. Gout - allopurinol 100 mg.",
     {"I10": (False, False), "M10.9": (False, False)}),
    # (not a label that groups drugs by what they are for)
    ("Drugs by purpose:\nMood/anxiety: sertraline 50 mg daily.\nSleep: trazodone.", {}),
    # a note's 'ASSESS:' and 'A/P:' labels
    ("ASSESS: 1. Obesity 2. Primary OA of the L knee, medial compartment", {"M17.12": (False, False), "E66.9": (False, False)}),
    ("A/P: 1. Lumbar strain 2. Type 2 diabetes", {"E11.9": (False, False)}),
    # a use disorder in remission now is the worker's
    ("He used cannabis daily for a year after the fall; his cannabis abuse has been in early remission for a year.",
     {"F12.11": (False, False)}),
])
def test_a_condition_with_its_drug_after_a_dash_under_a_notes_assessment_or_in_remission(extractor, summary, expected):
    got = diagnoses(extractor, summary)
    assert {code[:3]: got_value for code, got_value in got.items()} == {code[:3]: value for code, value in expected.items()}


@pytest.mark.parametrize(("summary", "expected"), [
    # an item's verdict in brackets
    ("Assessment: 1) Lumbar spondylosis 2) Type 2 diabetes - A1c 5.2% (excluded) 3) Hypertension",
     {"E11.9": (True, False), "I10": (False, False)}),
    # a verdict past a relative clause, in the words of an item's verdict
    ("She has asthma; lupus, which her internist had raised in 2015, was withdrawn after a normal ANA.",
     {"J45.909": (False, False), "M32.9": (True, False)}),
    # a serology after the test was named for the condition
    ("She has asthma. Raised liver enzymes prompted testing for hepatitis B, and the antigen test came back negative.",
     {"J45.909": (False, False), "B19.10": (True, False)}),
])
def test_a_verdict_in_brackets_past_a_relative_clause_or_a_serology_after_and_the(extractor, summary, expected):
    got = diagnoses(extractor, summary)
    assert {code: got.get(code) for code in expected} == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # a row whose leader dots are spaced
    ("Meds:\nSertraline . . . . . . . . . current\nQuetiapine . . . . . . . . . suggested for sleep - pt refused\n"
     "Per PCP: lisinopril 10 mg.", {"sertraline": False, "quetiapine": True, "lisinopril": False}),
    # avoided by a physician, said before its name
    ("Her internist has carefully avoided celecoxib because of her kidneys. She takes tramadol.",
     {"celecoxib": True, "tramadol": False}),
])
def test_a_drug_refused_in_a_row_of_spaced_dots_or_avoided_before_its_name(extractor, summary, expected):
    assert medications(extractor, summary) == expected


@pytest.mark.parametrize("summary", [
    "She has asthma. Frozen shoulder was suspected in 2016, but her motion came back and the orthopedist struck it off the "
    "problem list.",
    "She has asthma. Frozen shoulder was raised in 2016; her internist later took it off her diagnosis list.",
])
def test_a_condition_a_pronoun_says_was_taken_off_the_list(extractor, summary):
    assert diagnoses(extractor, summary) == {"J45.909": (False, False), "M75.00": (True, False)}


@pytest.mark.parametrize(("summary", "expected"), [
    ("An office lidocaine impingement test took the pain away. She takes naproxen.", {"naproxen": False}),
    ("A left knee injection with bupivacaine and methylprednisolone helped for a month. He takes tramadol.",
     {"tramadol": False}),
    # (a drug given by injection is one the worker had)
    ("He had an injection of Toradol at urgent care. He takes tramadol.", {"ketorolac": False, "tramadol": False}),
])
def test_a_drug_named_as_a_tests_or_an_injections_agent_is_not_one_taken(extractor, summary, expected):
    assert medications(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    ("A lidocaine injection into the bursa took away most of her pain. She takes naproxen.",
     {"naproxen": False}),
    ("A Kenalog injection into the knee helped for a month. He takes meloxicam.", {"meloxicam": False}),
    # (a drug the catalogue does not name as a procedure's is the worker's, and so is a patch of the same drug)
    ("He had a Toradol injection at urgent care and uses a lidocaine patch.", {"ketorolac": False, "lidocaine": False}),
])
def test_a_procedures_drug_named_before_its_injection_is_not_one_taken(extractor, summary, expected):
    assert medications(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # an item that opens with its side and part, its verdict in other words
    ("A: 1. L knee effusion 2. L knee gout - weighed; not felt to be present (tap clear) 3. L knee OA",
     {"M10.9": (True, False), "M17.12": (False, False)}),
    # a question a study put to rest, in the next sentence
    ("She has asthma. A left C7 radiculopathy came up on the differential. A cervical MRI showed patent foramina, which "
     "put that question to rest.", {"J45.909": (False, False), "M54.12": (True, False)}),
    # 'that problem' has ended
    ("He has gout. A left trigger thumb was injected in 2018 and that problem has resolved.",
     {"M10.9": (False, False), "M65.312": (True, False)}),
])
def test_an_item_opening_with_its_part_a_question_put_to_rest_and_that_problem_resolved(extractor, summary, expected):
    got = diagnoses(extractor, summary)
    assert {code: got.get(code) for code in expected} == expected


@pytest.mark.parametrize(("summary", "expected"), [
    ("She has asthma. The knee was tapped because septic arthritis and pseudogout both had to be excluded; the fluid "
     "was clear and sterile, which laid both concerns to rest.",
     {"J45.909": (False, False), "M00.9": (True, False), "M11.20": (True, False)}),
    ("She has asthma. Lupus and sarcoidosis were raised in 2019; normal labs and a chest film put the two questions to "
     "rest.", {"J45.909": (False, False), "M32.9": (True, False), "D86.9": (True, False)}),
    ("She has asthma. Lupus and sarcoidosis were raised in 2019, and those possibilities were set aside after the labs.",
     {"J45.909": (False, False), "M32.9": (True, False), "D86.9": (True, False)}),
])
def test_conditions_weighed_together_and_answered_by_a_word_for_all_of_them(extractor, summary, expected):
    """Family: conditions weighed together and answered by a word that names them all ('laid both concerns to rest',
    'put the two questions to rest', 'those possibilities were set aside')."""
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # only willing to try it
    ("Bupropion was offered; he refused it, but he is willing to try nicotine gum. He takes naproxen.",
     {"bupropion": True, "nicotine": True, "naproxen": False}),
    # prescribed and never filled, joined by 'and'
    ("She takes meloxicam. Tizanidine was prescribed in 05/2019 and never filled.", {"meloxicam": False, "tizanidine": True}),
    # put off for a taper of the drug taken
    ("He takes morphine. A switch to methadone was discussed in 2022; he would rather taper down the morphine.",
     {"morphine": False, "methadone": True}),
])
def test_a_drug_only_willing_to_try_never_filled_after_and_or_put_off_for_a_taper(extractor, summary, expected):
    assert medications(extractor, summary) == expected


def test_cirrhosis_named_alone_weighed_and_answered_by_its_finding(extractor):
    summary = "She has asthma. Cirrhosis had been a worry, but a liver elastography in 2020 showed no fibrosis."
    assert diagnoses(extractor, summary) == {"J45.909": (False, False), "K74.60": (True, False)}


@pytest.mark.parametrize(("summary", "expected"), [
    # weighed, and answered by a pronoun past findings said absent on the way
    ("Vestibular migraine was weighed; with no headache during the spells and no hearing loss, the neurologist ruled it "
     "out. She has tinnitus.", {"G43.909": (True, False), "H91.90": (True, False), "H93.19": (False, False)}),
    # ... by a test of its own after 'and', named at length
    ("Gout was considered because of a hot toe, and a joint aspirate in 05/2021 was negative.", {"M10.9": (True, False)}),
    # ... weighed as a question a complaint raised, answered by a normal study after 'but'
    ("Tingling in the fingers raised a question of carpal tunnel syndrome, but her 2019 nerve studies came back "
     "normal.", {"G56.00": (True, False)}),
    # ... denied past a short relative clause of the clinician who weighed it, after a study's reading
    ("The MRI showed a disc bulge at L4-5; the piriformis syndrome that her therapist had raised was therefore "
     "not supported.", {"G57.00": (True, False)}),
    # ... said absent at some length after a study's reading
    ("An EMG in 2018 was read as a right S1 radiculopathy; there was no electrodiagnostic evidence of a "
     "peripheral polyneuropathy.", {"G62.9": (True, False)}),
    # ... a condition the catalogue names in full (not the blood pressure's)
    ("Idiopathic intracranial hypertension was raised because of headaches; the ophthalmologist ruled it out. He has "
     "hypertension.",
     {"G93.2": (True, False), "I10": (False, False)}),
    # ... by a pronoun past a clinician's finding of none
    ("The QME raised lupus because of a rash, but the rheumatologist found no history of photosensitivity or arthritis "
     "and ruled it out.", {"M32.9": (True, False), "M19.90": (True, False)}),
    ("Lupus was weighed because of a rash, but there is no history of arthritis and it was ruled out.",
     {"M32.9": (True, False), "M19.90": (True, False)}),
    # ... or by a clinician who did not find it, in a clause of its own
    ("Stiff shoulders raised the question of polymyalgia rheumatica in 2019; the rheumatologist reviewed her labs and did "
     "not find polymyalgia rheumatica present.", {"M35.3": (True, False)}),
])
def test_a_condition_weighed_and_answered_past_findings_tests_and_relative_clauses(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # offered after its name, then put off by the worker
    ("Modafinil was suggested by the neurologist, and she chose not to take a stimulant. She takes sertraline.",
     {"modafinil": True, "sertraline": False}),
    ("Duloxetine was raised in 2021, but he decided against it; he takes naproxen.", {"duloxetine": True, "naproxen": False}),
    # ... a series offered and put off together
    ("She has been offered bupropion and nicotine gum, but she has not wanted to try either. She takes lisinopril.",
     {"bupropion": True, "nicotine": True, "lisinopril": False}),
    # offered or planned by a clinician and named nowhere as taken
    ("He takes oxycodone. The pain physician plans to rotate him to Belbuca once the dose is lower.",
     {"oxycodone": False, "buprenorphine": True}),
    ("Gabapentin was suggested in 2020. She takes naproxen.", {"gabapentin": True, "naproxen": False}),
    # approved but never used, told by the pronoun's noun
    ("A Lidoderm trial was approved in 2014, but she never applied the patches. She takes naproxen.",
     {"lidocaine": True, "naproxen": False}),
    # ... refused by a pronoun past care named only to say when it was offered
    ("Percocet was offered after the knee replacement; he declined it. He takes celecoxib.",
     {"oxycodone/acetaminophen": True, "celecoxib": False}),
    # never filled at a chronology row's end, its reason in brackets after it
    ("Course:\n  03/2019      meloxicam 15 mg started -> continues\n  05/2019      Norco 5/325 prescribed -> never filled "
     "(\"did not want pills\")\n\nShe works as a cook.", {"meloxicam": False, "hydrocodone/acetaminophen": True}),
    # a study's finding said absent, then a new clause after a comma about something else
    ("A lumbar MRI showed no disc herniation, and the leg cramps were traced to a low magnesium level, which cleared "
     "after a month of magnesium oxide.", {"magnesium oxide": False}),
])
def test_a_drug_put_off_after_its_offer_never_filled_or_past_a_finding_said_absent(extractor, summary, expected):
    assert medications(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    # a condition that ended, in a sentence a study's reading opens
    ("A repeat MRI showed no cord compression, and the weakness was traced to a viral myositis, which cleared within "
     "a month.", {"M60.9": (True, False)}),
    ("The MRI showed no cord compression, and the numbness was put down to diabetes, treated with metformin.",
     {"E11.9": (False, False)}),
    # a verdict of its own after a clause a negation opened
    ("The QME rejected the conversion disorder diagnosis, finding his worry not excessive, and confirmed panic disorder.",
     {"F44.9": (True, False), "F41.0": (False, False)}),
    # excluded by a clinician named right after a clause's end ('and the consulting rheumatologist excluded ...')
    ("Because of swollen knees gout was raised; the uric acid was normal and the consulting rheumatologist excluded "
     "lupus in 2019.", {"M10.9": (True, False), "M32.9": (True, False)}),
])
def test_a_condition_ended_after_a_studys_reading_or_excluded_by_a_clinician_after_a_clauses_end(extractor, summary,
                                                                                                 expected):
    assert diagnoses(extractor, summary) == expected


def test_care_in_a_chronologys_row_dated_from_a_month_to_the_present(extractor):
    summary = ("Her care is set out below.\n\n  01/2021            crisis counseling, 2 visits\n\n"
               "  03/2021 - 09/2021  weekly CBT, 24 sessions\n\n  04/2021 - present  psychiatric medication management, "
               "monthly\n\nShe drives.")
    assert prior(extractor, summary) == {"psychotherapy", "cognitive-behavioral-therapy", "medication-management"}


def test_a_list_item_diagnosed_on_examination_despite_a_normal_test_and_a_palmar_nodule(extractor):
    summary = ("Assessment:\n1. Cubital tunnel syndrome, left - clinical dx; NCS 03/2021 normal\n"
               "2. Dupuytren's disease, right palm - observation\n3. Asthma\n\nShe works as a teller.")
    assert diagnoses(extractor, summary) == {"G56.22": (False, False), "M72.0": (False, False), "J45.909": (False, False)}


@pytest.mark.parametrize("summary", [
    "Records: RFA and orthopedic progress report, 02/11/2022. She had an L4-5 RFA in 2019 with six months of relief.",
    "The PTP's RFA of 03/03/2023 asks for Lyrica and aquatic therapy. She had an L4-5 RFA in 2019 with six months of relief.",
])
def test_a_request_for_authorization_beside_a_report_or_a_clinicians_is_no_ablation(extractor, summary):
    """The ablation kept is the one done in 2019, not the request form named before it."""
    text = fdl_letter(summary, fdl_item("Physical therapy x 6"))
    (care,) = history(extractor, summary)["prior_treatments"]
    assert care["service"] == "radiofrequency-ablation" and text[care["span"][0]:care["span"][1] + 8] == "RFA in 2019"


def test_care_denied_by_a_list_items_opening_words_after_its_dash(extractor):
    summary = "Treatment to date:\n  - PT x 8 in 2020, some relief\n  - No prior acupuncture\nMeds: naproxen.\n\nShe drives."
    assert prior(extractor, summary) == {"physical-therapy"}


@pytest.mark.parametrize(("summary", "expected"), [
    # a table's rows with the code in a column of its own before the condition, the status after leader dots
    ("Impression (ICD-9):\n  715.16  Osteoarthritis, right knee ............. active\n"
     "  274.9   Gout ............................. ruled out - aspirate neg 2012\n"
     "  533.90  Peptic ulcer ..................... healed\n\nShe drives.",
     {"M17.11": (False, False), "M10.9": (True, False), "K27.9": (True, False)}),
    # ... numbered, the code in a column after the condition and the status after it
    ("Problems:\n  1   Hypothyroidism                  E03.9      Active\n"
     "  2   Lupus                           M32.9      Ruled out - ANA negative\n\nShe drives.",
     {"E03.9": (False, False), "M32.9": (True, False)}),
    # a list's item that ended, past its code in brackets; one weighed past its side, answered by a test's note
    ("Assessment:\n  - Trigger finger, left (M65.30) -- resolved after injection 03/2019\n"
     "  - Cubital tunnel syndrome, left -- r/o; NCS 04/2019 normal\n  - Asthma\n\nShe drives.",
     {"M65.30": (True, False), "G56.22": (True, False), "J45.909": (False, False)}),
])
def test_a_problem_tables_status_past_a_code_in_its_own_column_or_in_brackets(extractor, summary, expected):
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize("summary", [
    "He stopped codeine, declined tramadol, and now takes ibuprofen 800 mg twice a day.",
    "She refused tramadol, and still takes ibuprofen as needed.",
    "He would not try tramadol and also takes ibuprofen daily.",
])
def test_a_drug_taken_in_a_clause_after_one_refused_is_taken(extractor, summary):
    """Family: 'and' with a verb of the worker's, an adverb between ('and now takes'), opens a clause of its own: the
    refusal before it does not reach the drug after it."""
    got = medications(extractor, summary)
    assert got["tramadol"] is True and got["ibuprofen"] is False


@pytest.mark.parametrize("summary", [
    "Diagnoses: insomnia. Her internist wondered about fibromyalgia, but the rheumatologist found too few tender points "
    "and declined to make the diagnosis.",
    "Diagnoses: insomnia. Fibromyalgia was the working label in 2015; the rheumatologist has not used that label since.",
    "Diagnoses: insomnia. Fibromyalgia was raised once, but the rheumatologist wrote that fibromyalgia was no longer a "
    "consideration.",
])
def test_a_condition_weighed_and_then_let_go_in_other_words_is_negated(extractor, summary):
    """Family: a weighed condition a clinician declines to make, stops using the label for, or no longer counts as a
    consideration is negated."""
    assert diagnoses(extractor, summary) == {"G47.00": (False, False), "M79.7": (True, False)}


def test_what_a_withdrawn_diagnosis_gave_way_to_is_kept(extractor):
    """Family: 'in favor of' ends a withdrawal's reach: the condition kept is stated."""
    got = diagnoses(extractor, "The psychiatrist diagnoses insomnia and generalized anxiety disorder. A major depressive "
                               "disorder was entered first; the psychologist withdrew that diagnosis in favor of GAD alone.")
    assert got["F41.1"] == (False, False)



@pytest.mark.parametrize("summary", [
    "She takes meloxicam. Her family history notes a mother with lupus who is treated with methotrexate.",
    "She takes meloxicam. She mentions a brother with epilepsy maintained on Depakote.",
    "She takes meloxicam. She avoids opioids because of her father's history of dependence on oxycodone.",
])
def test_a_relatives_drug_after_their_condition_or_dependence_is_not_the_workers(extractor, summary):
    """Family: a drug a relative with a condition is treated with or maintained on, or one a relative depended on,
    is the relative's."""
    assert medications(extractor, summary) == {"meloxicam": False}


def test_a_drug_class_after_never_taken_any_denies_no_drug_before_it(extractor):
    """Guard: 'never taken any opioid medication' denies the class named, not the drug of the sentence before."""
    assert medications(extractor, "She uses Tylenol daily. She has never taken any opioid medication.") == \
        {"acetaminophen": False}


@pytest.mark.parametrize("summary", [
    "Diagnoses: insomnia. Her thyroid panel was normal, and hypothyroidism was crossed off.",
    "Diagnoses: insomnia. His first physician wrote that hypothyroidism was likely. That impression did not survive "
    "repeat testing.",
    "Diagnoses: insomnia. An intake form listed hypothyroidism, but that diagnosis has never been borne out.",
    "Diagnoses: insomnia. She was also screened for hypothyroidism, and none was found.",
    "Diagnoses: insomnia. Hypothyroidism was a question after a borderline TSH, and her internist closed the question.",
])
def test_a_condition_let_go_by_its_label_or_its_screen_is_negated(extractor, summary):
    """Family: a condition crossed off, whose impression did not survive or whose diagnosis was never borne out, one
    screened for and not found, or whose question a clinician closed, is negated."""
    assert diagnoses(extractor, summary) == {"G47.00": (False, False), "E03.9": (True, False)}


def test_a_condition_screened_for_without_an_answer_is_no_diagnosis(extractor):
    """Guard: what a worker is screened for, with nothing said of the result, is not listed."""
    assert diagnoses(extractor, "Diagnoses: insomnia. Yearly labs screen for hypothyroidism.") == {"G47.00": (False, False)}


@pytest.mark.parametrize("summary", [
    "A functional restoration program accepted her in 2019, but she left after the intake visit and never entered the "
    "program.",
    "Aquatic therapy has been in every plan since 2018 and has yet to begin.",
    "Care to date:\n- Acupuncture: eight visits authorized 2020; none attended (she moved)\n- Naproxen daily",
    "Care to date:\n- Lumbar fusion: proposed by the spine surgeon 2021; she wants to wait\n- Naproxen daily",
])
def test_care_never_begun_in_other_words_is_not_received(extractor, summary):
    """Family: care the worker never entered or began, that has yet to begin, whose authorized visits none were
    attended, or that a surgeon only proposed, is no prior treatment."""
    assert not prior(extractor, summary) & {"functional-restoration-program", "aquatic-therapy", "acupuncture",
                                            "surgery", "spinal-fusion"}


@pytest.mark.parametrize(("summary", "code"), [
    ("Diagnoses: insomnia. Left lateral epicondylitis, eased by a brace in 2016, has long since resolved.", "M77.12"),
    ("Diagnoses: insomnia. Numb feet raised the question of multiple sclerosis; the neurologist's work-up turned up "
     "nothing to support it.", "G35.D"),
    ("Diagnoses: insomnia. A concern about opioid dependence was raised in 2019; the addiction consultant found no "
     "use disorder, and that concern was laid aside.", "F11.20"),
    ("Diagnoses: insomnia. Pes anserine bursitis of the right knee was suggested once; the ultrasound was normal and "
     "nobody has brought it up again.", "M70.51"),
])
def test_a_condition_ended_or_answered_in_other_words_is_negated(extractor, summary, code):
    """Family: a condition that has long since resolved, a question a work-up turned up nothing to support, a concern
    laid aside; the knee's pes anserine bursitis by its side."""
    assert diagnoses(extractor, summary) == {"G47.00": (False, False), code: (True, False)}


@pytest.mark.parametrize("summary", [
    "Diagnoses: insomnia. The evaluator ordered serologic testing, and gout was excluded.",
    "Diagnoses: insomnia. Uric acid studies were requested, and gout was ruled out.",
])
def test_a_verdict_in_a_clause_of_its_own_after_a_test_asked_for_is_heard(extractor, summary):
    """Family: a condition with its own verdict in a clause after a test was asked for is no part of the request."""
    assert diagnoses(extractor, summary) == {"G47.00": (False, False), "M10.9": (True, False)}


@pytest.mark.parametrize(("summary", "expected"), [
    ("In 2016 the physician replaced OxyContin with Nucynta ER because of constipation.",
     {"oxycodone": False, "tapentadol": False}),
    ("She was switched from gabapentin to Lyrica, and later supplemented Lyrica with Cymbalta.",
     {"gabapentin": False, "pregabalin": False, "duloxetine": False}),
    ("He takes Tylenol with codeine at night.", {"acetaminophen/codeine": False}),
])
def test_with_joins_only_a_known_products_ingredients(extractor, summary, expected):
    """Family: 'with' between two drug names is one product only where a product has those ingredients; one drug
    replaced with another, or added to it, is two."""
    assert medications(extractor, summary) == expected


@pytest.mark.parametrize("summary", [
    "Diagnoses: insomnia. Because her aunt has gout, the internist ordered tests: the uric acid was normal, excluding gout.",
    "Diagnoses: insomnia. As his father had gout, she checked a uric acid, which was normal, thereby excluding gout.",
    "Diagnoses: insomnia. The rheumatologist ordered labs: the uric acid was normal, and the aspirate ruled out gout.",
])
def test_a_result_that_excludes_a_condition_a_relative_has_is_the_workers_answer(extractor, summary):
    """Family: a clinician's main clause ends a relative's reach; a result 'excluding' a condition, and a verdict after
    the colon that follows tests asked for, deny it for the worker."""
    assert diagnoses(extractor, summary) == {"G47.00": (False, False), "M10.9": (True, False)}


def test_a_drug_a_tables_status_gives_as_requested_is_the_requests(extractor):
    """Family: a drug whose row's status says it was asked for and nothing more is the request's, not one taken."""
    summary = ("His medication list reads:\n\nDrug               Dose                Status\nNaproxen           500 mg bid"
               "          ACTIVE\nDuexis             800/26.6 mg TID     REQUESTED\nTizanidine         4 mg hs"
               "             pending authorization\n\nHe asked for Duexis in place of naproxen.")
    assert medications(extractor, summary) == {"naproxen": False}


@pytest.mark.parametrize(("summary", "expected"), [
    ("She takes sertraline. Naloxone spray was prescribed in 2021 and has never been filled.",
     {"sertraline": False, "naloxone": True}),
    ("She takes sertraline. Mirtazepine was suggested for sleep; she never started it.",
     {"sertraline": False, "mirtazapine": True}),
    # never begun for a reason, not for a time
    ("He takes naproxen. Amitriptyline 10 mg was ordered by his internist, but he says he never took it for worry "
     "about grogginess.", {"naproxen": False, "amitriptyline": True}),
    ("He takes naproxen. Amitriptyline was stopped in 2019, and he has not taken it for three years.",
     {"naproxen": False, "amitriptyline": False}),
    # a misspelt name in quotes, as the letter copies a record's spelling
    ('His clinic gave him samples of "Celebrx" 200 mg daily, and "Tizandine" was prescribed for spasm.',
     {"celecoxib": False, "tizanidine": False}),
    ('Current medications include "Neurotin" and omeprazole.', {"gabapentin": False, "omeprazole": False}),
    # offered, and another kept in its place with the subject left to the clause before
    ("He takes naproxen. He was offered Lyrica last spring but elected to remain on naproxen alone.",
     {"naproxen": False, "pregabalin": True}),
    ("He takes naproxen. He was offered Lyrica and chose to start it, and he has taken it since.",
     {"naproxen": False, "pregabalin": False}),
    # offered as another's replacement and put off ('replacing X with Y': Y is offered, X is kept)
    ("She takes citalopram. Her internist suggested replacing the citalopram with venlafaxine, but she chose to keep "
     "the citalopram.", {"citalopram": False, "venlafaxine": True}),
    ("He takes tramadol. His physician offered to switch the tramadol to tapentadol, but he preferred to stay on "
     "tramadol.", {"tramadol": False, "tapentadol": True}),
])
def test_a_drug_never_filled_or_misspelt_where_it_was_offered_is_read(extractor, summary, expected):
    """Family: a drug prescribed 'and has never been filled' was never taken; a misspelt name where a drug was
    suggested, offered or refused is read as the drug."""
    assert medications(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "expected"), [
    ("Diagnoses: insomnia. Her numbness prompted a question whether she had gout or lupus; the rheumatologist "
     "concluded that neither diagnosis was present.", {"M10.9": (True, False), "M32.9": (True, False)}),
    ("Diagnoses: insomnia. She had joint pains, which her physician diagnosed as gout; these had settled by 2019.",
     {"M10.9": (True, False)}),
    ("Diagnoses: insomnia. A surgeon examined her for gout; the aspirate was clear, and he did not think that "
     "condition was present.", {"M10.9": (True, False)}),
    ("Diagnoses: insomnia. Swollen toes led her internist to consider gout, but the internist set that diagnosis aside.",
     {"M10.9": (True, False)}),
    # the condition a word stands for found absent, nobody carrying it on, the picture not fitting
    ("Diagnoses: insomnia. A rheumatologist tried to settle whether she had lupus and found that the disease was not "
     "present.", {"M32.9": (True, False)}),
    ("Diagnoses: insomnia. Her internist wondered about gout early on; no subsequent physician has listed that "
     "diagnosis.", {"M10.9": (True, False)}),
    ("Diagnoses: insomnia. Her internist wondered about gout early on, but the rheumatologist felt that the picture did "
     "not fit.", {"M10.9": (True, False)}),
    # ... or one that never came about or did not pan out
    ("Diagnoses: insomnia. Her surgeon feared that a frozen shoulder would follow, but a frozen shoulder never "
     "materialized.", {"M75.00": (True, False)}),
    ("Diagnoses: insomnia. Gout was the first guess, and gout did not pan out once the aspirate came back.",
     {"M10.9": (True, False)}),
    # ... past where and by whom it was first made, set off by commas
    ("Diagnoses: insomnia. A label of gout in the right foot, first given by a walk-in clinic in 2016, did not survive "
     "the rheumatology work-up.", {"M10.9": (True, False)}),
])
def test_conditions_weighed_and_answered_in_further_words(extractor, summary, expected):
    """Family: 'neither diagnosis was present', 'these had settled', 'did not think that condition was present', a
    condition a clinician was led 'to consider' and set aside."""
    assert diagnoses(extractor, summary) == {"G47.00": (False, False), **expected}


@pytest.mark.parametrize("summary", [
    "Her list reads: intolerant of Celexa - headaches, stopped after 3 weeks; naproxen daily.",
    "She takes naproxen daily. Intolerances: Celexa - headaches; stopped after three weeks.",
    "Allergic to Celexa (rash, discontinued after two doses); naproxen daily.",
])
def test_an_intolerance_whose_note_says_the_drug_was_stopped_after_a_while_was_taken(extractor, summary):
    """A drug listed as an intolerance or allergy whose own note says it was stopped after days, weeks or doses on it
    was taken."""
    assert medications(extractor, summary) == {"citalopram": False, "naproxen": False}


def test_a_drug_that_made_the_worker_react_and_was_stopped_was_taken(extractor):
    """Family: a reaction told with the drug's stop was had on the drug: taken, not an allergy that kept it away; a
    reaction alone is the allergy."""
    assert medications(extractor, "Tramadol made her itch and was discontinued. Codeine makes her itch.") == \
        {"tramadol": False, "codeine": True}


@pytest.mark.parametrize("summary", [
    "She takes sertraline. Her sister also works at the plant and takes Xanax for a panic disorder.",
    "She takes sertraline. She once took some leftover Xanax that had belonged to her late mother.",
])
def test_a_relatives_drug_told_with_any_verb_or_after_their_death_is_not_the_workers(extractor, summary):
    """Family: a relative who does anything and takes a drug for a condition has both; a drug that belonged to a
    relative who has died is theirs."""
    got = history(extractor, summary)
    assert {m["generic"]: m["negated"] for m in got["medications"]} == {"sertraline": False}
    assert not got["diagnoses"]


def test_a_drug_a_tables_row_says_was_never_filled_stays_not_taken_when_named_again(extractor):
    """Family: a row's 'prescribed; never filled' is the last word on the drug, as a sentence saying so is: a later
    sentence about why it was written does not undo it."""
    summary = ("Medications:\n   Naproxen 550 mg      01/2014      taking twice daily\n   Celebrex 200 mg      11/2015"
               "      prescribed; never filled\n\nThe physician explains that Celebrex was written to replace naproxen.")
    assert medications(extractor, summary) == {"naproxen": False, "celecoxib": True}


@pytest.mark.parametrize(("summary", "code"), [
    ("Diagnoses: adj d/o w/ mixed anxiety & depressed mood.", "F43.23"),
    ("Diagnoses: adj d/o w/ depressed mood.", "F43.21"),
    ("Diagnoses: MDD, recurrent, severe w/o psychotic features.", "F33.2"),
])
def test_a_condition_with_several_words_in_shorthand_is_its_code(extractor, summary, code):
    """Family: a wording with any number of its words in a clinician's shorthand ('adj', 'd/o', 'w/', '&') is the
    wording."""
    assert diagnoses(extractor, summary) == {code: (False, False)}


@pytest.mark.parametrize("summary", [
    "Diagnoses: insomnia. Gout was also ruled out by the agreed medical evaluator.",
    "Diagnoses: insomnia. Gout was later excluded.",
    "Diagnoses: insomnia. A rheumatologist evaluated her in 2021 for gout and concluded that the criteria were not met.",
])
def test_a_verdict_with_an_adverb_or_unmet_criteria_in_the_passive_denies(extractor, summary):
    """Family: 'was also ruled out', 'was later excluded' reach back past their adverb; a condition a clinician
    evaluated the worker for, whose criteria 'were not met', is denied."""
    assert diagnoses(extractor, summary) == {"G47.00": (False, False), "M10.9": (True, False)}


def test_a_drug_the_worker_was_switched_from_after_a_reaction_was_taken(extractor):
    assert medications(extractor, "Oxycodone made her itch, so she was switched to tramadol.") == \
        {"oxycodone": False, "tramadol": False}


@pytest.mark.parametrize(("summary", "expected"), [
    ("Diagnoses: insomnia. His physician questioned whether he had gout. The rheumatologist confirmed that diagnosis "
     "on aspiration.", {"M10.9": (False, False)}),
    ("Diagnoses: insomnia. His physician questioned whether he had gout, but the aspirate showed no crystals.",
     {"M10.9": (True, False)}),
    ("Diagnoses: insomnia. The urgent care physician diagnosed gout; the swelling faded within a week and the diagnosis "
     "was not carried forward.", {"M10.9": (True, False)}),
])
def test_a_condition_asked_about_then_confirmed_or_not_carried_forward(extractor, summary, expected):
    """Family: a condition a clinician asked whether the worker had is weighed, and the next sentence's 'confirmed that
    diagnosis' states it; one whose diagnosis 'was not carried forward' is denied."""
    assert diagnoses(extractor, summary) == {"G47.00": (False, False), **expected}


@pytest.mark.parametrize("summary", [
    "Utilization review cited the Chronic Pain Medical Treatment Guidelines, Epidural steroid injections (ESIs), page 46.",
    "An epidural steroid injection was first asked for in 2013; that request was denied and the injection has never been "
    "performed.",
])
def test_care_named_as_a_guidelines_topic_or_asked_for_and_never_done_is_not_received(extractor, summary):
    """Family: care named as a guideline's topic with its pages is no care had; care 'asked for' whose procedure 'has
    never been performed' was not received."""
    assert prior(extractor, summary + " She has completed 12 sessions of physical therapy.") == {"physical-therapy"}


@pytest.mark.parametrize(("summary", "expected"), [
    ("Diagnoses: insomnia. A sacral pressure ulcer that opened in 2020 has since healed.", {"L89.159": (True, False)}),
    ("Diagnoses: insomnia and a pressure sore.", {"L89.90": (False, False)}),
])
def test_a_pressure_ulcer_by_its_site(extractor, summary, expected):
    """Family: a pressure ulcer (sore, decubitus ulcer) is coded by its site where the letter gives the sacrum, else
    unspecified; its stage is never written."""
    assert diagnoses(extractor, summary) == {"G47.00": (False, False), **expected}


@pytest.mark.parametrize(("summary", "expected"), [
    # a word for what was weighed, with an adjective, let go
    ("Diagnoses: insomnia. An intake psychologist gave a provisional diagnosis of panic disorder; on retesting the "
     "attacks were too infrequent to sustain it, and the provisional diagnosis was not carried forward.",
     {"F41.0": (True, False)}),
    ("Diagnoses: insomnia. Her family doctor suggested gout; a tap found no crystals and the working impression was "
     "taken off the table.", {"M10.9": (True, False)}),
    ("Diagnoses: insomnia. A podiatrist raised plantar fasciitis in 2019, and the foot surgeon now regards that question "
     "as closed.", {"M72.2": (True, False)}),
    ("Diagnoses: insomnia. A podiatrist raised plantar fasciitis in 2019, and the foot surgeon considers that question "
     "settled.", {"M72.2": (True, False)}),
    ("Diagnoses: insomnia. Lupus was put forward by the first examiner; the rheumatologist could find no basis for it.",
     {"M32.9": (True, False)}),
    ("Diagnoses: insomnia. His internist raised the question of a peripheral neuropathy, but the nerve studies were "
     "symmetric and the neurologist saw no reason to pursue it further.", {"G62.9": (True, False)}),
    ("Diagnoses: insomnia. A knee effusion was first put down to gout by urgent care; the orthopedist set that "
     "explanation aside.", {"M10.9": (True, False)}),
    # feared, and answered by a clean study
    ("Diagnoses: insomnia. After the flight her calf ached and a deep vein thrombosis of the left leg was feared; the duplex "
     "scan was clean.", {"I82.402": (True, False)}),
    # the weighing that a test was asked for
    ("Diagnoses: insomnia. A CT was ordered because the urologist wondered about a recurrent kidney stone; it showed "
     "only a small cyst.", {"N20.0": (True, False)}),
])
def test_a_condition_weighed_and_let_go_by_a_word_for_it(extractor, summary, expected):
    """Family: a condition weighed ('put forward', 'feared', 'raised the question of', a test asked for because a
    clinician wondered about it) and let go by a word standing for it, with or without an adjective ('the provisional
    diagnosis was not carried forward', 'the working impression was taken off the table', 'regards that question as
    closed', 'set that explanation aside', 'could find no basis for it', 'saw no reason to pursue it', a 'clean' study)."""
    found = diagnoses(extractor, summary)
    assert {code: found.get(code) for code in expected} == expected
    assert found["G47.00"] == (False, False)


@pytest.mark.parametrize(("summary", "code"), [
    ("Diagnoses: insomnia. Fibromyalgia has been left off every problem list since 2019.", "M79.7"),
    ("Diagnoses: insomnia. The rheumatologist discharged her with gout off the table.", "M10.9"),
    ("Diagnoses: insomnia. Her chiropractor listed lumbar radiculopathy, but the physiatrist's EMG was normal and he "
     "would not adopt that diagnosis.", "M54.16"),
])
def test_a_stated_condition_left_off_the_lists_or_not_adopted_after_but(extractor, summary, code):
    """Family: a condition stated and then left off the lists ('left off every problem list', 'off the table'), or
    whose diagnosis a later clinician would not adopt in the same sentence after 'but', is denied."""
    assert diagnoses(extractor, summary)[code] == (True, False)


@pytest.mark.parametrize(("summary", "expected"), [
    ("She is a cashier. Nerve conduction testing in 2016 documented moderate left carpal tunnel syndrome.",
     {"G56.02": (False, False)}),
    ("He has been followed since 2018 for major depressive disorder, single episode, moderate.", {"F32.1": (False, False)}),
])
def test_a_condition_an_electrodiagnostic_study_documented_or_followed_for(extractor, summary, expected):
    """Family: what a nerve study 'documented' (not what it 'showed', which restates a diagnosis named elsewhere) and
    what the worker is 'followed since ... for' are the worker's conditions."""
    assert diagnoses(extractor, summary) == expected


def test_what_a_nerve_study_showed_is_no_condition_of_its_own(extractor):
    assert diagnoses(extractor, "Diagnoses: insomnia. An EMG in 2016 showed chronic denervation.") == \
        {"G47.00": (False, False)}


@pytest.mark.parametrize("summary", [
    "Celebrex was prescribed in 2019, but he never had the prescription filled.",
    "Her doctor wrote for Celebrex in March; she has not gotten the script filled.",
])
def test_a_drug_whose_prescription_was_never_had_filled_was_not_taken(extractor, summary):
    """Family: a drug whose prescription the worker 'never had filled' or 'has not gotten filled' was not taken."""
    assert medications(extractor, summary) == {"celecoxib": True}


def test_care_the_worker_was_referred_to_someone_for_is_not_care_had(extractor):
    """Family: care the worker was 'referred to' someone 'for' is asked for, not had."""
    assert prior(extractor, "In May the physician referred her to a pain psychologist for six sessions of cognitive "
                            "behavioral therapy. She has had acupuncture.") == {"acupuncture"}


@pytest.mark.parametrize("summary", [
    "Aquatic therapy x8 was approved in the spring, though by her latest visit she had not booked a session.",
    "She never had acupuncture: six visits were approved, but they lapsed when the acupuncture clinic closed.",
])
def test_care_certified_but_not_begun_or_named_by_its_clinic_is_not_received(extractor, summary):
    """Family: care certified that the worker 'had not yet' begun is not care had, nor is care named only by the clinic
    that gives it told of as a subject ('the acupuncture clinic closed')."""
    assert prior(extractor, summary + " She has had physical therapy.") == {"physical-therapy"}


@pytest.mark.parametrize(("summary", "expected"), [
    # a conclusion in the present tense outweighs the fuller name stated before
    ("A pain physician recorded complex regional pain syndrome of the left lower limb as his working diagnosis. The "
     "QME measured no temperature difference; her report states that the findings do not meet criteria for CRPS.",
     {"G90.522": (True, False)}),
    # ... a condition struck from the list, or carried on no report since
    ("Her internist added gout to her problem list in 2016; a rheumatologist found no crystals, and gout has since been "
     "struck from the list.", {"M10.9": (True, False)}),
    ("An urgent care doctor diagnosed plantar fasciitis. Plantar fasciitis has not been carried on any treating report "
     "since.", {"M72.2": (True, False)}),
    ("The neurologist recorded migraine as ruled out after a normal diary.", {"G43.909": (True, False)}),
    ("A spine surgeon took the 2018 films to show a lumbar disc herniation and made it his working diagnosis. Two years "
     "later the panel QME wrote that the diagnosis of a herniation could not be upheld.", {"M51.26": (True, False)}),
    # ... two long sentences on, by a word for its diagnosis
    # ... past a symptom named on the way
    ("In 2015 a chiropractor recorded lumbar radiculopathy as his leading diagnosis. A full set of nerve conduction studies "
     "and a needle examination of both legs in 03/2016 found nothing abnormal in any muscle that was sampled. The "
     "physiatrist put the leg pain down to the hip joint, and the radicular diagnosis has not been listed on any report "
     "since.", {"M54.16": (True, False)}),
    ("A sleep study was normal, and the internist listed obstructive sleep apnea as excluded.", {"G47.33": (True, False)}),
    ("The gastroenterologist now records his duodenal ulcer as healed.", {"K26.9": (True, False)}),
    ("His internist listed gout as a working diagnosis; the rheumatologist later examined him and did not confirm gout.",
     {"M10.9": (True, False)}),
    # ... and what the evaluator concluded the condition was instead
    ("The psychiatric AME concluded that panic disorder was not present and that his condition was a generalized "
     "anxiety disorder.", {"F41.0": (True, False), "F41.1": (False, False)}),
])
def test_a_condition_set_aside_later_or_concluded_to_be_another(extractor, summary, expected):
    """Family: a condition stated and then set aside by a later word on it ('states that ... does not amount to',
    'has since been struck from the list', 'has not been carried on any treating report since', 'recorded ... as
    ruled out', 'listed ... as excluded'), and the condition an evaluator concluded it was instead ('that his condition
    was a ...')."""
    assert diagnoses(extractor, summary) == expected


def test_a_mood_episode_named_as_what_a_bipolar_disorder_was_found_by_is_no_diagnosis(extractor):
    """Family: 'found no history of mania or hypomania' weighs a bipolar disorder; the episodes are no diagnoses of
    their own (one stated is: 'Diagnoses: hypomania')."""
    assert diagnoses(extractor, "A bipolar disorder was questioned in 2020, but the psychiatrist found no history of "
                                "mania or hypomania and did not make that diagnosis. He has insomnia.") == \
        {"F31.9": (True, False), "G47.00": (False, False)}
    assert diagnoses(extractor, "Diagnoses: hypomania; insomnia.") == {"F30.8": (False, False), "G47.00": (False, False)}
    # (one denied with no bipolar disorder weighed is denied)
    assert diagnoses(extractor, "She denied suicidal ideation and any history of mania. She has insomnia.")["F30.9"] \
        == (True, False)


def test_an_inflammatory_arthritis_has_no_one_code(extractor):
    """Family: 'inflammatory arthritis' names no one disease (rheumatoid, psoriatic, reactive): no code, and not the
    osteoarthritis code 'arthritis' alone would give."""
    found = history(extractor, "Her internist wondered about an inflammatory arthritis, but a rheumatologist found none. "
                               "She has gout.")["diagnoses"]
    assert [(d["text"], d["icd10cm"], d["negated"]) for d in found] == \
        [("inflammatory arthritis", None, True), ("gout", "M10.9", False)]


def test_a_notes_last_line_without_a_full_stop_ends_before_a_sentence_in_capitals(extractor):
    """Family: a note's line that ends without a full stop ('... criteria not met') ends its sentence where the next
    line opens one ('Her orthopedic diagnoses are ...'): its denial does not reach the next line's conditions."""
    summary = ("The psychologist's note lists:\nR/O:\nGAD - not diagnosed; worry confined to work\nMDD - PHQ-9 of 8; "
               "criteria not met\nHer orthopedic diagnoses are cervicalgia and lumbago.")
    assert diagnoses(extractor, summary) == {"F41.1": (True, False), "F32.9": (True, False), "M54.2": (False, False),
                                             "M54.50": (False, False)}


@pytest.mark.parametrize("summary", [
    "She takes Norco. Her spouse, who has heart failure, uses temazepam to sleep.",
    "She takes Norco. Her mother has taken temazepam for years and sleeps well.",
    "She takes Norco and turned down a sleeping pill after a niece of hers struggled to get off temazepam.",
    "She takes Norco. She cares for her mother, who has insomnia treated with temazepam.",
    # ('has been treated for years with', 'injects', 'spent years in a ... program')
    "She takes Norco. Her sister has been treated for a decade with temazepam for insomnia.",
    "She takes Norco. Her father has diabetes and injects insulin twice a day.",
    "She takes Norco. Her brother spent two years in a temazepam taper program.",
    # ('has been kept on', 'who is on hospice care ... and receives', a drug given out of the relative's own supply)
    "She takes Norco. A co-worker with the same injury has been kept on temazepam for a year.",
    "She takes Norco. She cares for her mother, who is in hospice for heart failure and receives temazepam nightly.",
    "She takes Norco. After the fall her sister gave her one of her own temazepam tablets.",
])
def test_a_drug_a_relative_takes_as_the_subject_is_not_the_workers(extractor, summary):
    """Family: a drug whose taker is a relative named as the subject, past an apposition or a relative clause ('Her
    husband, who ..., takes temazepam', 'her mother has taken', 'a cousin of hers had struggled to come off'), is no
    drug of the worker's."""
    assert medications(extractor, summary) == {"hydrocodone/acetaminophen": False}


@pytest.mark.parametrize("summary", [
    "Conversion to tapentadol was discussed at two visits. She takes Norco.",
    "Tapentadol was brought up by the pain physician in May. She takes Norco.",
])
def test_a_drug_only_discussed_was_not_taken(extractor, summary):
    """Family: a drug a clinician 'discussed' or 'brought up' with the worker, never said to be taken, was not taken."""
    assert medications(extractor, summary) == {"tapentadol": True, "hydrocodone/acetaminophen": False}


@pytest.mark.parametrize("summary", [
    "Tx to date: PT x12 (2019); acupuncture x6 auth'd 2020 - not done (no ride); CBT referral - pt declined.",
    "Conservative tx: PT x12 (2019) - plateaued; Synvisc series auth'd 03/2020 - not yet done (awaiting clearance).",
])
def test_care_authorized_and_not_done_in_a_notes_list_was_not_received(extractor, summary):
    """Family: a note's list of care whose item says it was authorized and 'not done' ('auth'd 2020 - not done',
    'not yet done') was not received."""
    assert prior(extractor, summary) == {"physical-therapy"}


@pytest.mark.parametrize(("summary", "code"), [
    ("Cervical radic was a concern, but the EMG was normal and it was ruled out. She has insomnia.", "M54.12"),
    ("Problem list: R shoulder RTC tear (old); insomnia.", None),
])
def test_conditions_in_a_clinicians_shorthand(extractor, summary, code):
    """Family: 'radic' for radiculopathy and 'RTC' for rotator cuff in a clinician's shorthand."""
    found = history(extractor, summary)["diagnoses"]
    assert [d["icd10cm"] for d in found if d["icd10cm"] != "G47.00"] == [code] and len(found) == 2


@pytest.mark.parametrize(("summary", "expected"), [
    # a code the letter writes that names the condition by a word of its wording, in another category
    ("The diagnoses are generalized anxiety disorder and insomnia disorder (F51.01).",
     {"F41.1": (False, False), "F51.01": (False, False)}),
    # ... past a specifier that names what the condition is not ('non-sleep disorder'), itself no condition
    ("The psychologist diagnosed insomnia disorder, with non-sleep disorder mental comorbidity, persistent (F51.01).",
     {"F51.01": (False, False)}),
    # ... not one that names another condition
    ("She has major depressive disorder (F41.1).", {"F32.9": (False, False)}),
    # a DSM name with its slash
    ("Her school records suggested attention-deficit/hyperactivity disorder, but a neuropsychologist found no evidence "
     "of it. She has insomnia.", {"F90.9": (True, False), "G47.00": (False, False)}),
])
def test_a_written_code_that_names_the_condition_and_dsm_names(extractor, summary, expected):
    """Family: a code the letter writes after a condition names it when its title shares a word that names the
    condition ('insomnia disorder (F51.01)': 'Primary insomnia'), not only a word of its kind ('disorder'); a name after
    'non-' is no condition; DSM's 'attention-deficit/hyperactivity disorder'."""
    assert diagnoses(extractor, summary) == expected


def test_care_authorized_of_which_none_took_place_was_not_received(extractor):
    """Family: care authorized 'but ... none took place' (or 'none happened') was not received."""
    assert prior(extractor, "She had six acupuncture visits booked with a clinic in 2019, and none took place. She has "
                            "had physical therapy.") == {"physical-therapy"}


def test_an_acromioclavicular_joint_arthropathy_has_no_code_of_its_own(extractor):
    """Family: arthropathy of the AC joint, like its arthritis, names no primary osteoarthritis: no code, and not the
    unspecified arthropathy 'arthropathy' alone would give."""
    found = history(extractor, "The diagnoses are shoulder impingement and acromioclavicular joint arthropathy.")
    assert [(d["text"], d["icd10cm"]) for d in found["diagnoses"]][-1] == ("acromioclavicular joint arthropathy", None)


def test_a_set_in_list_of_drugs_with_statuses_after_dashes_reads_each_line_as_its_own(extractor):
    """Family: a drug list set in under 'Meds:' whose lines each tell a status after a dash is read line by line, a
    line that starts in lower case too ('metformin 1000 mg bid - current' under '... - Rx'd 01/2014, never filled')."""
    summary = ("Her drugs, from the internist's chart:\nMeds:\n  Savella 25 mg bid - written 03/2019, never filled\n"
               "  metformin 500 mg with meals - ongoing\n  Lunesta 1 mg - offered for sleep, pt declined\n"
               "Tx to date: PT x30.")
    assert medications(extractor, summary) == {"milnacipran": True, "metformin": False, "eszopiclone": True}


@pytest.mark.parametrize("summary", [
    "His physician wondered about a peripheral polyneuropathy; the normal sural responses were \"against a generalized "
    "polyneuropathy\". He has hypertension.",
    "A peripheral polyneuropathy was suspected, but the nerve studies argued against a polyneuropathy. He has hypertension.",
])
def test_a_condition_a_finding_is_told_to_be_against_is_denied(extractor, summary):
    """Family: a finding told to be 'against' a condition ('was \"against a generalized polyneuropathy\"', 'argued
    against') denies it."""
    assert diagnoses(extractor, summary) == {"G62.9": (True, False), "I10": (False, False)}


@pytest.mark.parametrize("item", [
    "acupuncture - recommended 9/19, never auth'd",
    "massage x4 auth'd 8/19 - pt did not schedule",
    "aquatic tx - auth x6 10/19, all cx'd (no ride)",
    "pool therapy - on the community center wait list since 05/2020",
    # ... or a status recommended by someone and no more
    "acupuncture: recommended by the PTP 04/2020; he would rather not",
    # ... or past a semicolon, waiting, or not yet authorized
    "acupuncture - requested; denied by utilization review, never given",
    "acupuncture - 6 visits certified 05/2020; awaiting scheduling",
    "acupuncture: planned by the pain clinic; not yet performed",
    "acupuncture -- recommended 2020; not authorized",
])
def test_care_in_a_notes_list_never_authorized_scheduled_or_cancelled_was_not_received(extractor, item):
    """Family: a note's item of care 'never auth'd', that the worker 'did not schedule', 'all cx'd', or that waits 'on
    the ... wait list', was not received."""
    assert prior(extractor, f"Tx to date: PT 12/12 done 2018; chiro x6 (2019) - temp relief; {item}.") == \
        {"physical-therapy", "chiropractic"}


def test_a_label_over_the_care_it_introduces_is_no_care(extractor):
    """Family: care named as the label of what follows ('Her mental health care to date is as follows.') is no care of
    its own; the care it introduces is."""
    assert prior(extractor, "His psychological care to date has been as follows. He completed eight sessions of "
                            "cognitive behavioral therapy.") == {"cognitive-behavioral-therapy"}


@pytest.mark.parametrize("summary", [
    # a clinician's field of certification or training is no care
    "She completed physical therapy. A surgeon who is board certified in orthopaedic surgery examined her.",
    "She completed physical therapy. The panel evaluator, a Diplomate of the American Board of Orthopaedic Surgery, saw her.",
    # ... nor care the worker chose not to have, or was found no candidate for
    "She completed physical therapy. The surgeon offered a fusion, and she decided not to undergo surgery.",
    "Care so far:\n- Physical therapy: completed\n- Lumbar surgery - spine surgeon, 2019: not a surgical candidate\n",
])
def test_no_care_from_credentials_or_care_the_worker_chose_not_to_have(extractor, summary):
    assert prior(extractor, summary) == {"physical-therapy"}


def test_a_status_after_a_semicolon_that_speaks_of_another_thing_leaves_the_care_had(extractor):
    assert prior(extractor, "Tx to date:\n- PT x 12 - completed\n- TENS trial during PT - some relief; home unit denied by "
                            "UR 04/2020\n") == {"physical-therapy", "durable-medical-equipment"}


def test_care_a_clinician_raised_that_the_worker_turned_down_was_not_received(extractor):
    assert prior(extractor, "She completed physical therapy. Her surgeon also raised acupuncture, which she declined.") \
        == {"physical-therapy"}


def test_a_status_recommended_by_someone_and_then_had_is_care_received(extractor):
    assert prior(extractor, "Tx to date: PT 12/12 done 2018; acupuncture: recommended by the PTP and then completed, "
                            "6 visits.") == {"physical-therapy", "acupuncture"}


@pytest.mark.parametrize(("summary", "expected"), [
    ("His physician wondered whether the swollen ankle was gout or cellulitis. He also has hypertension, treated with "
     "amlodipine. A joint tap and a blood count were normal, which put both of those concerns to rest.",
     {"M10.9": (True, False), "L03.90": (True, False), "I10": (False, False)}),
    ("Lupus and rheumatoid arthritis were considered because of her joint pains. She also has hypothyroidism, "
     "treated with levothyroxine. Her serology was negative, and both were ruled out by the rheumatologist.",
     {"M32.9": (True, False), "M06.9": (True, False), "E03.9": (False, False)}),
    ("Her surgeon considered two explanations, carpal tunnel syndrome and cervical radiculopathy. She takes "
     "levothyroxine for hypothyroidism. An EMG in 2019 showed neither condition.",
     {"G56.00": (True, False), "M54.12": (True, False), "E03.9": (False, False)}),
    ("The psychologist raised major depression and generalized anxiety disorder as possible diagnoses. She has "
     "asthma. The QME later found that she met the criteria for neither.",
     {"F32.9": (True, False), "F41.1": (True, False), "J45.909": (False, False)}),
    # (a group answered, not a condition stated)
    ("She has hypertension and type 2 diabetes. Both have been stable for years.",
     {"I10": (False, False), "E11.9": (False, False)}),
])
def test_conditions_weighed_together_are_answered_together_sentences_later(extractor, summary, expected):
    """Family: conditions weighed together and answered together ('put both of those concerns to rest', 'both were
    ruled out') sentences later, past other conditions named on the way, which stay stated."""
    assert diagnoses(extractor, summary) == expected


def test_every_relative_of_a_sex_is_one_the_catalogue_names():
    """Whose a pronoun is reads the relatives by sex; the people it reads are the catalogue's, and only a spouse or a
    partner is either sex's."""
    of_sex = vocab.relatives_of_sex()
    assert of_sex["female"] | of_sex["male"] <= set(vocab.context_word_lists()["relatives"])
    assert of_sex["female"] & of_sex["male"] == {"spouse", "partner"}
    assert {"wife", "grandmother"} <= of_sex["female"] and {"husband", "stepson"} <= of_sex["male"]


@pytest.mark.parametrize(("summary", "expected"), [
    ("He had eczema as a boy and outgrew it before high school.", {"L30.9": (True, False)}),
    ("He had asthma in grade school, which he left behind in his teens.", {"J45.909": (True, False)}),
    ("Gout was diagnosed in 2019; since he began allopurinol it has been no longer a problem.", {"M10.9": (True, False)}),
    ("He had plantar fasciitis in 2015, treated with inserts, that has given him no trouble since.",
     {"M72.2": (True, False)}),
    ("Gout was written down once in 2014, and that diagnosis has since fallen away.", {"M10.9": (True, False)}),
    ("His rheumatologist no longer counts gout among his diagnoses.", {"M10.9": (True, False)}),
    ("His gout flared in 2014 and is now a thing of the past.", {"M10.9": (True, False)}),
    ("The panic disorder of his first year faded within months and is no longer an issue.", {"F41.0": (True, False)}),
    # ... or weighed and turned out to be something else, or answered by a study that came back clean
    ("Gout was blamed for his swollen toe at first; it turned out to be something else.", {"M10.9": (True, False)}),
    ("His internist looked into lupus, but the antibody panel came back clean.", {"M32.9": (True, False)}),
    # ... or let go in time
    ("Widespread aches made her physician weigh lupus; once the aches eased, that question was not raised again.",
     {"M32.9": (True, False)}),
    ("His physician thought gout might be starting, but the swelling settled and was never mentioned again.",
     {"M10.9": (True, False)}),
    # (the DSM-IV name of a post-concussion syndrome)
    ("A neurologist raised a postconcussional disorder; the testing did not support a postconcussional disorder.",
     {"F07.81": (True, False)}),
    # a condition still had stays
    ("He has had gout since 2014; it is a problem at every visit.", {"M10.9": (False, False)}),
])
def test_a_condition_outgrown_left_behind_or_no_longer_counted_is_not_the_workers_now(extractor, summary, expected):
    """Family: a condition the worker outgrew, left behind, that is no longer a problem or has given no trouble since,
    whose diagnosis fell away or that a clinician no longer counts among the diagnoses, is negated."""
    assert diagnoses(extractor, "Diagnoses: insomnia. " + summary) == {"G47.00": (False, False), **expected}


@pytest.mark.parametrize("summary", [
    # a diagnosis put forward by a clinician, answered by a test in the next sentence
    "Diagnoses include insomnia. A consulting physician proposed fibromyalgia because of her widespread pain. Her "
    "tender point examination was normal.",
    "Diagnoses include insomnia. In 2019 her internist mooted fibromyalgia. The rheumatology workup was normal.",
    # ... or weighed as a question and answered as one
    "Diagnoses include insomnia. The evaluator weighed whether she had fibromyalgia. The rheumatologist's report "
    "answers that question in the negative.",
    "Diagnoses include insomnia. Her doctor considered whether she had fibromyalgia. That question was answered in the "
    "negative by a rheumatologist.",
])
def test_a_condition_proposed_or_weighed_as_a_question_and_answered_next_is_denied(extractor, summary):
    """Family: a condition a clinician proposed, mooted or weighed as a question ('weighed whether she had ...'),
    answered in the next sentence by a normal test or an answer in the negative."""
    assert diagnoses(extractor, summary) == {"G47.00": (False, False), "M79.7": (True, False)}


@pytest.mark.parametrize(("summary", "code"), [
    ("She has a bipolar illness treated with lithium.", "F31.9"),
    ("He has manic-depressive illness.", "F31.9"),
    ("She was diagnosed with manic depression in 2010.", "F31.9"),
])
def test_a_psychiatric_disorder_named_as_an_illness(extractor, summary, code):
    assert diagnoses(extractor, summary) == {code: (False, False)}


@pytest.mark.parametrize("quote", ['"', "\u201c", "'"])
def test_a_numbered_list_in_quotes_is_read_item_by_item(extractor, quote):
    """Family: a record's numbered list quoted whole ('lists the diagnoses: "1. ... 2. ..."'): the number after the
    opening quote ends no sentence."""
    summary = (f"His PR-2 gives the working diagnoses in shorthand: {quote}1. C5-6 HNP w/ RUE radic 2. Carpal tunnel synd. "
               "3. Gout.\u201d He works as a cook.")
    assert set(diagnoses(extractor, summary)) == {"M50.222", "G56.00", "M10.9"}


@pytest.mark.parametrize("summary", [
    # named again at a sentence's start and dropped from the diagnoses
    "Diagnoses include insomnia. A psychologist also listed gout in 2014. Gout no longer appears among the diagnoses in "
    "the later reports.",
    "Diagnoses include insomnia and gout. The gout was dropped from the problem list after a normal aspirate.",
    # ... or by a word for its name in the next sentence
    "Diagnoses include insomnia. Gout was recorded at an urgent care visit in 2013. That label no longer applies; the "
    "aspirate showed no crystals.",
    "Diagnoses include insomnia. An urgent care physician wrote down gout in 2013. That diagnosis was withdrawn in 2014.",
    # ... or named once and said no longer to appear or figure among them
    "Diagnoses include insomnia. Gout, found in 2014, no longer appears among her diagnoses.",
    "Diagnoses include insomnia. Her gout no longer figures in the treating reports.",
    "Diagnoses include insomnia and gout. That joint problem had cleared by 2015 on colchicine.",
    # ... named again as a question or a diagnosis
    "Diagnoses include insomnia. A first evaluation raised possible gout; the aspirate was clear, and the gout question "
    "was dropped.",
    "Diagnoses include insomnia and gout. The gout diagnosis was withdrawn in 2015.",
    # ... or as the object of a clinician's verb
    "Diagnoses include insomnia. A rheumatologist recorded gout in 2014. In 2015 the same rheumatologist withdrew that "
    "diagnosis after a normal aspirate.",
    "Diagnoses include insomnia. Gout appeared on the reports until 2016, but the treating physician stopped listing it "
    "after a normal aspirate.",
])
def test_a_condition_dropped_from_the_diagnoses_later_is_ended(extractor, summary):
    """Family: a condition named, then said to be no longer among the diagnoses, dropped or withdrawn, by its name or by
    a word for it in the next sentence ('That label no longer applies')."""
    assert diagnoses(extractor, summary) == {"G47.00": (False, False), "M10.9": (True, False)}


def test_a_still_held_condition_named_again_is_not_ended(extractor):
    assert diagnoses(extractor, "Diagnoses include insomnia and gout. The gout is well controlled on allopurinol.") == \
        {"G47.00": (False, False), "M10.9": (False, False)}


@pytest.mark.parametrize("finding", ["showed no thrombus", "found no evidence of thrombus", "found the veins fully "
                                     "compressible"])
def test_a_duplex_finding_no_clot_answers_a_thrombosis_weighed(extractor, finding):
    summary = (f"Diagnoses include insomnia. A deep vein thrombosis of the left leg was suspected after surgery. A venous "
               f"duplex {finding}.")
    assert diagnoses(extractor, summary) == {"G47.00": (False, False), "I82.402": (True, False)}


@pytest.mark.parametrize(("summary", "expected"), [
    # a diagnosis set aside, put to rest, crossed off or dismissed, in the passive
    ("She has gout. After a negative antibody panel, lupus was set aside as the cause of her joint pain.",
     {"M10.9": (False, False), "M32.9": (True, False)}),
    ("She has gout. Fibromyalgia was quickly crossed off once the thyroid was treated.",
     {"M10.9": (False, False), "M79.7": (True, False)}),
    ("She has gout. Rheumatoid arthritis was dismissed by the rheumatologist in 2019.",
     {"M10.9": (False, False), "M06.9": (True, False)}),
    # ... between a verb and its particle, past what the verb took up
    ("She has gout. A normal nerve study laid the possibility of a carpal tunnel syndrome to rest.",
     {"M10.9": (False, False), "G56.00": (True, False)}),
    # ... the label dropped in the same sentence's next clause
    ("She has gout. A frozen shoulder was raised by her therapist, but the surgeon let that diagnosis go.",
     {"M10.9": (False, False), "M75.00": (True, False)}),
    ("She has gout. Plantar fasciitis was considered at first; her heel pain settled, and the diagnosis was struck.",
     {"M10.9": (False, False), "M72.2": (True, False)}),
    ("She has gout. Her chiropractor suggested a cervical radiculopathy, but the EMG gave the diagnosis no support.",
     {"M10.9": (False, False), "M54.12": (True, False)}),
    # ... or a clinician's doubt that the worker ever had it
    ("She has gout. Her neurologist doubted whether she had really had a migraine.",
     {"M10.9": (False, False), "G43.909": (True, False)}),
])
def test_family_a_diagnosis_set_aside_let_go_or_doubted(extractor, summary, expected):
    """Family: a condition dropped in words other than 'ruled out': set aside, crossed off, dismissed, laid to rest,
    a label let go or given no support, a clinician's doubt that the worker ever had it."""
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize("summary", [
    "She has gout. Her request for surgery was set aside until the records arrived.",
    "She has gout; she has not had a migraine since the accident, her neurologist doubted whether a CT was needed.",
])
def test_words_that_set_aside_other_things_end_no_condition(extractor, summary):
    """Guard: a request set aside, or a clinician's doubt about a test, ends no condition."""
    assert diagnoses(extractor, summary)["M10.9"] == (False, False)


@pytest.mark.parametrize("summary", [
    "She takes sertraline. Lyrica was requested in May, and she has not taken it. Utilization review on 06/02/2024 "
    "non-certified sertraline 50mg #30, Lyrica 75mg #60 and six sessions of therapy.",
    "She takes sertraline. Her doctor offered Lyrica; she turned it down. Utilization review on 06/02/2024 "
    "non-certified Lyrica 75mg #60 and sertraline 50mg #30.",
])
def test_a_drug_not_taken_stays_not_taken_when_the_request_is_named_again(extractor, summary):
    """A drug said never taken or refused is not made the worker's by the request for it named later."""
    assert medications(extractor, summary, heading="Lyrica 75mg #60") == {"sertraline": False, "pregabalin": True}


@pytest.mark.parametrize(("summary", "expected"), [
    # a shared list, then the drugs said to be the other person's, by the pronoun of the other sex or by name
    ("A 58-year-old man. The couple's shared list reads metformin, Lasix, Eliquis and Norco; his physician notes that the "
     "Lasix and the Eliquis are hers.", {"metformin": False, "hydrocodone/acetaminophen": False}),
    ("A 44-year-old woman. The pharmacy printout lists Spiriva, gabapentin and warfarin. The warfarin is her father's.",
     {"tiotropium": False, "gabapentin": False}),
    # ... not the worker's own said to be the worker's
    ("A 58-year-old man. His wife uses the same pharmacy; the Norco is his, not hers.", {"hydrocodone/acetaminophen": False}),
    # ... prescribed to or belonging to a relative, a list of them
    ("A 61-year-old woman. The household list: meloxicam and omeprazole are hers, while glipizide, simvastatin and "
     "losartan were prescribed to her husband.", {"meloxicam": False, "omeprazole": False}),
    ("A 61-year-old woman. The bottles were sorted by person: the gabapentin is hers; the Eliquis belongs to her son.",
     {"gabapentin": False}),
    # ... a family history list, its label telling where it was taken from
    ("A 61-year-old woman takes meloxicam. Family history, as recorded on her intake sheet: mother - lupus, on "
     "Plaquenil; brother - gout, on allopurinol.", {"meloxicam": False}),
])
def test_family_a_drug_said_to_be_another_persons_is_not_the_workers(extractor, summary, expected):
    """Family: a drug the letter says is another person's ('... are hers', 'is her father's'), wherever else it is named
    (a household's one list), is not the worker's."""
    assert medications(extractor, summary) == expected


def test_a_condition_named_again_more_fully_and_ended_is_ended(extractor):
    """'a left L5 radiculopathy' ... 'The left L5 radiculopathy resolved': the same condition, named with its side and
    level, ended."""
    summary = ("He developed back pain with a left L5 radiculopathy in 2019. The left L5 radiculopathy resolved after "
               "surgery; he has insomnia.")
    assert diagnoses(extractor, summary) == {"M54.16": (True, False), "G47.00": (False, False)}


@pytest.mark.parametrize(("summary", "expected"), [
    ("She has gout. Her asthma was treated with inhalers as a child, and her physician no longer lists that diagnosis.",
     {"M10.9": (False, False), "J45.909": (True, False)}),
    ("She has gout. Her headaches were labelled migraine in 2018, but it is no longer present.",
     {"M10.9": (False, False), "G43.909": (True, False)}),
    ("She has gout. Plantar fasciitis that began in 2017 responded to stretching and orthotics and has not come back.",
     {"M10.9": (False, False), "M72.2": (True, False)}),
    # ... not the worker who has not returned
    ("She has gout and plantar fasciitis, and she has not returned to work.", {"M10.9": (False, False), "M72.2": (False, False)}),
])
def test_family_a_condition_no_longer_present_carried_or_returning(extractor, summary, expected):
    """Family: a condition that ended in words of its absence: no longer present, no longer listed by the clinician, or
    treated and not returned since."""
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize("course", ["which was removed in 2012 and has not come back", "treated with surgery and "
                                    "radiation in 2012; it has resolved"])
def test_a_cancer_treated_and_ended_is_a_history_of_it(extractor, course):
    """A cancer told with its treatment and its end is the worker's history of it (Z85), not a condition denied."""
    assert diagnoses(extractor, f"She has gout. She had a melanoma of the back in 2012, {course}.") == \
        {"M10.9": (False, False), "Z85.820": (False, False)}


@pytest.mark.parametrize(("summary", "expected"), [
    # one auxiliary for both verbs
    ("He has gout. Lupus was considered for his joint pain and ruled out after serology.",
     {"M10.9": (False, False), "M32.9": (True, False)}),
    ("He has gout. A frozen shoulder was weighed because of the stiffness and set aside once motion returned.",
     {"M10.9": (False, False), "M75.00": (True, False)}),
    # a clinician who did not think a sign was due to it
    ("He has gout. Rheumatoid arthritis was entertained; the rheumatologist did not think the swelling was due to "
     "rheumatoid arthritis.", {"M10.9": (False, False), "M06.9": (True, False)}),
    # its criteria not met, the diagnosis pointed back to
    ("He has gout. A panic disorder was a provisional impression at intake. A year later the psychologist found he did "
     "not meet the criteria for that diagnosis.", {"M10.9": (False, False), "F41.0": (True, False)}),
    # a test's normal result past its date and its words, in the next sentence
    ("He has gout. Numb fingers raised the question of a carpal tunnel syndrome. Nerve conduction studies on "
     "03/04/2021 were normal.", {"M10.9": (False, False), "G56.00": (True, False)}),
    ("He has gout. Because of his snoring his physician wondered about sleep apnea. A home study showed an "
     "apnea-hypopnea index of 2.", {"M10.9": (False, False), "G47.30": (True, False)}),
    # a list's status word after its code
    ("Problems:\n1) Gout (M10.9) -- active\n2) Gastritis (K29.70) -- gone since the naproxen was stopped",
     {"M10.9": (False, False), "K29.70": (True, False)}),
])
def test_family_a_condition_weighed_and_answered_in_other_words(extractor, summary, expected):
    """Family: a condition weighed and answered without 'ruled out' right after it: a second verb sharing the first's
    auxiliary, a clinician's disbelief, criteria not met for 'that diagnosis', a test's normal result in the next
    sentence past its date, a list's 'gone since'."""
    assert diagnoses(extractor, summary) == expected


@pytest.mark.parametrize("summary", [
    "He takes Norco. A prescription for Lyrica 75 mg written in 03/2021 went unfilled.",
    "He takes Norco. The Lyrica his internist wrote for in 2021 stayed unfilled.",
])
def test_a_drug_whose_prescription_went_unfilled_was_never_taken(extractor, summary):
    assert medications(extractor, summary) == {"hydrocodone/acetaminophen": False, "pregabalin": True}


@pytest.mark.parametrize("stenosis", ["lumbar spinal stenosis without neurogenic claudication",
                                      "spinal stenosis of the lumbar spine without neurogenic claudication"])
def test_a_code_titles_without_in_a_listed_diagnosis_denies_nothing_after_it(extractor, stenosis):
    """'without neurogenic claudication' is part of the diagnosis's name (the code set's M48.061), not a denial of the
    conditions listed after it."""
    summary = f"The diagnoses are {stenosis}, right lumbar radiculopathy, gout and insomnia."
    assert diagnoses(extractor, summary) == {"M48.061": (False, False), "M54.16": (False, False),
                                             "M10.9": (False, False), "G47.00": (False, False)}


def test_a_resolved_label_over_the_next_list_ends_no_coded_condition_above_it(extractor):
    """Guard: 'Inactive / resolved problems:' heads the list after it; the coded conditions above it stand."""
    summary = ("Active problems:\n  M10.9    Gout - stable\n  G47.00   Insomnia, unspecified - improved\n"
               "Inactive / resolved problems:\n  K29.70   Gastritis - resolved 2019\n\nShe is a cook.")
    assert diagnoses(extractor, summary) == {"M10.9": (False, False), "G47.00": (False, False), "K29.70": (True, False)}


def test_a_drug_a_relative_was_on_when_something_befell_them_is_theirs(extractor):
    """'her brother had a fall while on oxycodone' is the brother's oxycodone: it undoes no refusal of the worker's."""
    summary = "She takes Norco. Oxycodone was offered in 2019, and she declined it; her brother had a fall while on oxycodone."
    assert medications(extractor, summary) == {"hydrocodone/acetaminophen": False, "oxycodone": True}


@pytest.mark.parametrize(("summary", "services"), [
    # care the carrier denied that the worker then paid for: before its name, or after it by a pronoun or its name again
    ("The carrier non-certified massage in 2019, so she paid out of pocket for six massage sessions at a spa.",
     {"massage-therapy"}),
    ("Care to date:\n  02/2019    Euflexxa injections requested; denied by UR. She paid for\n"
     "             the injections herself in 03/2019 with brief relief\n", {"viscosupplementation"}),
    ("Chiropractic was denied in 2020; he paid for it himself and went weekly for two months.", {"chiropractic"}),
    # (not care denied where what the worker paid for was other care named next)
    ("The TENS unit was denied in 2020, and he paid privately for acupuncture.", {"acupuncture"}),
    ("Biofeedback was denied by the carrier. The carrier paid for his physical therapy.", {"physical-therapy"}),
])
def test_family_care_denied_and_then_paid_for_by_the_worker_was_had(extractor, summary, services):
    assert prior(extractor, summary) == {vocab.listed_service(s) for s in services}


def test_care_had_only_as_the_condition_of_a_recommended_one_makes_it_no_care_had(extractor):
    """A recommended procedure put off until other care is tried ('...; she chose to wait until she had tried
    massage') was not had."""
    summary = ("In 2021 a trigger point injection was recommended; she chose to wait until she had tried massage, and "
               "the injection was never given.")
    assert "trigger-point-injection" not in prior(extractor, summary)


def test_care_listed_under_headings_in_capitals_each_item_its_own(extractor):
    """Care listed under region headings in capitals, each item set in under its heading and wrapped onto lines set in
    further: a status on an item's wrapped line ('denied by UR; not done') is that item's alone."""
    summary = ("His care by region, per the pain physician:\n\nNECK\n   Physical therapy, 12 visits (2019)\n"
               "   Cervical facet radiofrequency ablation - requested 2020;\n      denied by UR; not done\n"
               "LEFT SHOULDER\n   Subacromial cortisone injection (2020)\n   Arthroscopic labral repair (2021)\n")
    assert prior(extractor, summary) == {"physical-therapy", "corticosteroid-injection", "surgery"}


@pytest.mark.parametrize(("summary", "expected"), [
    # a family history's paragraph ends it: the worker's drug table after it is the worker's
    ("The worker is a 50-year-old baker with low back pain since a fall at work in\n2019. She has had therapy.\n\n"
     "FAMILY HISTORY: Mother with lupus, on hydroxychloroquine. Father with\ngout.\n\n"
     "The clinic's drug list of 05/2020 follows:\n| Drug          | Dose          | Status        |\n"
     "| Meloxicam     | 15 mg daily   | current       |\n| Baclofen      | 10 mg tid     | stopped 2019  |\n",
     {"meloxicam": False, "baclofen": False}),
    # a negation ends where a comma opens the worker's next predicate
    ("He takes naproxen with no heartburn, uses baclofen at night, and refused oxycodone in 2020.",
     {"naproxen": False, "baclofen": False, "oxycodone": True}),
    # ... or where a relative clause in a list of drugs closes before the next drug and its dose
    ("Her medications are duloxetine, which she has taken for two years without benefit, meloxicam 15 mg daily and "
     "baclofen at night.", {"duloxetine": False, "meloxicam": False, "baclofen": False}),
    # a drug left over from a relative's prescription is not the worker's; a drug a screen showed is a result
    ("She once took two oxycodone tablets left over from her father's prescription. She takes naproxen.",
     {"naproxen": False}),
    ("Urine drug screens since 2019 have shown buprenorphine only. He takes Suboxone daily.",
     {"buprenorphine/naloxone": False}),
    # the agent of a test done with it
    ("The Neer test with lidocaine gave relief. She takes ibuprofen.", {"ibuprofen": False}),
])
def test_family_whose_drug_and_how_far_a_negation_reaches(extractor, summary, expected):
    assert medications(extractor, summary) == expected


@pytest.mark.parametrize(("summary", "code"), [
    # a weighed condition denied in a relative clause after it, or told not found in a clause of its own
    ("Numb fingers raised the question of left carpal tunnel syndrome, which an EMG in 2019 did not bear out.", "G56.02"),
    ("Nerve studies showed a chronic left C7 radiculopathy; left cubital tunnel syndrome was not found.", "G56.22"),
    # ... set aside by words for the concern it was ('that concern was laid to rest', 'that possibility was dismissed')
    ("Gout was raised by the podiatrist because of the swelling; the uric acid was normal, and that concern was laid to "
     "rest.", "M10.9"),
    ("Because the calf ached on walking, peripheral artery disease came up; the pulses were full, and that possibility "
     "was dismissed.", "I73.9"),
    # ... withdrawn or not confirmed past who raised it and when
    ("PTSD is the psychologist's diagnosis; a panic disorder made at first was later withdrawn.", "F41.0"),
    ("A diagnosis of fibromyalgia raised at an urgent care visit in 2018 was not confirmed by the rheumatologist.",
     "M79.7"),
    # ... or answered by 'no evidence of one'
    ("Given her many complaints the AME weighed a somatic symptom disorder, saw no evidence of one, and kept the PTSD.",
     "F45.1"),
])
def test_family_a_condition_weighed_and_denied_by_later_words(extractor, summary, code):
    assert diagnoses(extractor, summary)[code] == (True, False)


@pytest.mark.parametrize(("summary", "services"), [
    # care that someone close to the worker had is not the worker's
    ("He had physical therapy in 2019. His brother had a rotator cuff repair of his own last spring.", {"physical-therapy"}),
    ("She had acupuncture in 2020. A co-worker who underwent a carpal tunnel release has told her what to expect.",
     {"acupuncture"}),
    ("She had chiropractic care in 2018. Her mother is recovering from a hip replacement and has been using a walker.",
     {"chiropractic"}),
    # (nor is a request named in the summary's account of the denial, as a guideline's topic or by its citation)
    ("Treatment has included physical therapy, and the UR letter rests on the ODG Knee chapter, Walking aids (canes, "
     "crutches, braces, orthoses, & walkers).", {"physical-therapy"}),
    ("She has had physical therapy; the walker was denied, and the brace with reference to the ODG Knee chapter, Knee "
     "brace.", {"physical-therapy"}),
    ("Treatment has included physical therapy, and the UR letter quotes TENS, chronic pain, pages 114-116.",
     {"physical-therapy"}),
])
def test_family_care_that_is_someone_elses_or_a_denied_requests(extractor, summary, services):
    assert prior(extractor, summary) == services


@pytest.mark.parametrize(("summary", "expected"), [
    # never taken, told in a relative clause after the drug; stopped, told as not taken since a time
    ("She takes naproxen, and nortriptyline 10 mg at night, which she says she has never taken because of dry mouth.",
     {"naproxen": False, "nortriptyline": True}),
    ("Current drugs: Percocet 5/325 mg at night; Zanaflex 2 mg, not taken since March; naproxen as needed.",
     {"oxycodone/acetaminophen": False, "tizanidine": False, "naproxen": False}),
    # the agents of injections and blocks: the second of two, past a bracket, or what an injection is of
    ("He had an L5-S1 epidural injection with Depo-Medrol 80 mg and 2% lidocaine in 2019. He takes naproxen.",
     {"naproxen": False}),
    ("She had medial branch blocks at L4 and L5 (both sides, under fluoroscopy), with 0.5 mL of 0.25% bupivacaine at "
     "each level. She takes ibuprofen.", {"ibuprofen": False}),
    ("In 2020 his right shoulder got two injections of Kenalog with lidocaine. He takes meloxicam.", {"meloxicam": False}),
])
def test_family_drugs_never_taken_stopped_or_given_as_a_procedures_agent(extractor, summary, expected):
    assert medications(extractor, summary) == expected
