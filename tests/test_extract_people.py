"""The people of a letter: the injured worker (age, sex, occupation, date of injury) and the expert reviewer
(specialties, board certification, licences), each family of wording with variants of our own.

Families:
- age in digits with a unit ("52-year-old", "52 y/o", "52 yo", "52 years of age"), after "aged"/"age", set off
  by commas after a word for the worker, and in words ("thirty-nine year old"); not a relative's age, a past age
  or a decade;
- sex beside the age (after or before it, a word or a capital letter), "is a ... woman", titles, pronouns only
  when one sex's outnumber the other's threefold;
- occupation after a cue ("employed as", "worked as", "works for X as", "a former", "by occupation",
  "occupation:", "work duties in"), in apposition, between the age/sex (and "former") and the next clause, or
  "is a <job> who"; its last word from the job-word catalogue or with a job's ending; never across a redaction
  gap or mark, never a person or clinical word;
- date of injury from the header (a cumulative-trauma period gives its last day), else from the summary, in
  every date form (two-digit years with dashes, "10 June 2012");
- reviewer credentials in prose and in blocks, several specialties and subspecialties, names the list lacks,
  board certification only where stated, licences only where a licensing wording names the state.
"""

from __future__ import annotations

import re

import pytest
from extract_support import document, fdl_item, fdl_letter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imrgraph import vocab
from imrgraph.extract import Extractor
from imrgraph.models import ParsedLetter
from imrgraph.parse import parse

ITEMS = fdl_item("Tramadol 50mg #60")


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def extract(extractor: Extractor, summary: str = "The worker has neck pain.", **letter) -> dict:
    parsed = parse(document(fdl_letter(summary, ITEMS, **letter)))
    assert isinstance(parsed, ParsedLetter), parsed
    return extractor.extract(parsed).to_json()


def patient(extractor: Extractor, summary: str, **letter) -> dict:
    return extract(extractor, summary, **letter)["patient"]


def reviewer(extractor: Extractor, qualifications: str) -> dict:
    return extract(extractor, qualifications=qualifications)["reviewer"]


# ---- age ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("summary", "age"), [
    ("The claimant is a 52-year-old who lifts boxes.", 52),
    ("This 52 year old has knee pain.", 52),
    ("The worker is a 52 year-\nold with knee pain.", 52),
    ("A 52-yr-old with knee pain.", 52),
    ("The patient is 52 years of age and has knee pain.", 52),
    ("Ms.  is a 52 y/o with knee pain.", 52),
    ("A 52 y.o. cashier with knee pain.", 52),
    ("A 52yo with knee pain.", 52),
    ("The injured worker, aged 52, has knee pain.", 52),
    ("The applicant (age: 52) has knee pain.", 52),
    ("The employee, age 52, has knee pain.", 52),
])
def test_age_in_digits(extractor, summary, age):
    assert patient(extractor, summary)["age"] == age


@pytest.mark.parametrize(("summary", "age"), [
    ("The claimant is a thirty-nine year old with wrist pain.", 39),
    ("A Forty two-year-old with wrist pain.", 42),
    ("This fifty-five-year-old has wrist pain.", 55),
    ("She is sixty years of age.", 60),
    ("The employee, aged twenty-eight, has wrist pain.", 28),
    ("The patient is a 45-year-old customer service representative.", 45),
    ("The patient is a 45-year-old driver who was rear-ended.", 45),
    ("The patient is a fifty-two (52) year old male.", 52),
    ("The patient is a 52-years-old male.", 52),
    ("The patient is a 52 yrs old male.", 52),
])
def test_age_in_words(extractor, summary, age):
    assert patient(extractor, summary)["age"] == age


@pytest.mark.parametrize("summary", [
    "The patient is a man in his fifties who hurt his back.",
    "At age 20 he broke his wrist; since the age of 16 he has smoked.",
    "Her 12-year-old son helps her at home.",
    "The guideline applies to patients over age 65.",
    "He has worked there for 15 years and has a 3 year old injury claim.",
    "The 1987 year old records are missing.",
    "The patient's 45-year-old husband drives her to visits.",
    "He was assaulted by a 30-year-old assailant at the store.",
    "Her 70 year old mother lives with her.",
])
def test_no_age_where_none_is_the_workers(extractor, summary):
    assert patient(extractor, summary)["age"] is None


@pytest.mark.parametrize(("summary", "age"), [
    ("The applicant, 63, has knee pain after a fall.", 63),
    ("The injured worker, 41, reports burning pain in the hand.", 41),
    ("The IW , 29 , was lifting a pallet.", 29),
    ("Mr. XXXX, 52, is a welder who hurt his back.", 52),
    ("Ms.   , 47, reports wrist pain.", 47),
    ("The patient, who is 52, is a welder.", 52),
    ("The applicant, now 61, is a retired welder.", 61),
    ("The claimant, aged 44, reports knee pain.", 44),
    ("Her son, 12, helps her at home.", None),
    ("Pain was rated 7, 58, and then 9 on repeat questioning.", None),
])
def test_age_set_off_by_commas_after_a_word_for_the_worker(extractor, summary, age):
    assert patient(extractor, summary)["age"] == age


@pytest.mark.parametrize(("summary", "age"), [
    # told by a record of it
    ("The claimant hurt her wrist lifting a tray. Her intake form lists her age as sixty-two.", 62),
    ("He hurt his back in a fall. The QME's report records his age as 47.", 47),
    ("He hurt his back in a fall. His birth date is redacted; the intake note gives him as 55.", 55),
    ("He hurt his back in a fall. His age is recorded as 39, and his job title is blacked out.", 39),
    ("She slipped on ice. Her age at the primary treating physician's evaluation of 04/02/2015 was 58.", 58),
    ("The worker is female. Her age is given in the PR-2 of 05/11/2015 as forty-six.", 46),
    ("He hurt his back in a fall. His age is listed on the first report as 51.", 51),
    # with the sex in brackets or in a note's shorthand
    ("The injured worker (female, 52) has worked for nine years as a room attendant.", 52),
    ("IW: 47M, forklift driver. Injured lifting a pallet.", 47),
    ("Demographics: female; 38; hotel housekeeper.", 38),
    ("The application gives: Sex - M. Age - 52. Occupation - baker.", 52),
    ("Age / Sex / Occupation:      41 / M / line cook", 41),
    ("He hurt his back lifting a crate.\nAge at review: 47.", 47),
    # in words after a noun for the worker
    ("The applicant is sixty-two. She slipped on a wet kitchen floor.", 62),
    ("The worker hurt her wrist. The first report lists her at 38.", 38),
    ("The worker's age is 39 according to the first report.", 39),
    # ... in a clause after the word for it, or set before the worker at a sentence's opening, of one still at it
    ("He is named only by his age, which the intake note of 03/03/2019 records as 57, and by his trade.", 57),
    ("She slipped on ice. At forty-four, Ms.   still works the early shift.", 44),
    ("At 50, the worker remains on modified duty.", 50),
    ("At 19, he began work as a roofer. He fell from a ladder in 2016.", None),
    ("Now 47, this injured worker was 44 when a pallet struck her.", 47),
    ("He drove a forklift for twenty years before retiring in 2015 and is now 63.", 63),
    # a birthday
    ("The claimant hurt her wrist lifting a tray. She just turned 58 this spring.", 58),
    ("He hurt his back in a fall; he recently turned fifty.", 50),
    ("The claimant, who had turned forty-one the week before, slipped on a wet floor.", 41),
    ("He slipped on a wet floor. The QME found a stocky man of sixty-one with a guarded gait.", 61),
    ("She slipped on a wet floor three days after her 47th birthday.", 47),
    # ... said after the worker's apposition, not a relative's
    ("Mr. Roe, a night-shift forklift driver, had just turned 49 when he slipped on a ramp.", 49),
    ("Her daughter, a nursing student, turned 21 in May. The claimant slipped on a wet floor.", None),
    # told by the subject and a verb ('She is 52.'), at an encounter, or before the worker named as the subject
    ("She slipped on a wet floor. She is 52.", 52),
    ("She is a dental hygienist. She is 38 and right-hand dominant.", 38),
    ("He is 12 and a half weeks past the surgery.", None),
    ("He fell from a ladder. He was 61 at the neurosurgical consultation of 03/02/2020.", 61),
    ("A welder by trade and now 57, this left-handed man slipped on a ramp.", 57),
    ("A pharmacy technician at a county clinic for six years and now 38, she felt her wrist ache.", 38),
    ("He had his sixty-second birthday two weeks before the surgeon's visit.", 62),
    ("A crane operator at the harbor for eleven years, Mr.   is now 49.", 49),
    ("Mr.  , a retired bus mechanic, is 66 and works part-time as a custodian.", 66),
    # of two ages told alike, the later
    ("The first report calls him a fifty-year-old roofer; he was 51 at the orthopedic visit of 03/02/2016.", 51),
    ("She marked her fortieth birthday in the spring.", 40),
    ("Her son's twelfth birthday party was the day she slipped.", None),
    ("She was 19 when she began work at the plant. She slipped on a wet floor.", None),
    # a label that gives the age and the sex together
    ("Age/sex: 63, F.\nShe slipped on a wet floor.", 63),
    ("Age and gender: 38, male. He slipped on a ramp.", 38),
    # after a clause of the worker's job
    ("The employee, a school custodian by trade and now 53, slipped on a wet floor.", 53),
    # a time, not the worker's age now
    ("When she turned 18 she began work at the plant. She hurt her wrist lifting a tray.", None),
    ("His pain was 8/10 and now 45, he says, on a 100-point scale.", None),
    ("He is a man of 90 kg who slipped on a wet floor.", None),
    ("Her son's 16th birthday party was the day she slipped.", None),
])
def test_age_told_as_a_record_gives_it_a_birthday_or_after_the_job(extractor, summary, age):
    """Family: an age a record gives ('lists her age as'), a birthday ('she just turned 58'), an age after the
    clause that names the worker's job ('..., a custodian by trade and now 53,')."""
    assert patient(extractor, summary)["age"] == age


@pytest.mark.parametrize(("header", "summary", "age"), [
    # a birth year alone: the age on the decision's date, the birthday taken as past after midsummer
    ("Decision Date: 11/20/2015\n\n", "Mr. Roe, a produce clerk born in 1958, has stocked shelves for years.", 57),
    ("Decision Date: 03/02/2015\n\n", "Mr. Roe, a produce clerk born in 1958, has stocked shelves for years.", 56),
    # ... or a full birth date, in the header as read, its day blanked or not
    ("Decision Date: 03/02/2015\nDate of Birth: 01/15/1960\n\n", "The worker has neck pain.", 55),
    ("Decision Date: 09/10/2021\nDate of Birth:  /  /1970\n\n", "The worker has neck pain.", 51),
    # ... not a relative's
    ("Decision Date: 09/10/2021\n\n", "She lives with her son, born in 1990, and has neck pain.", None),
    # ... told in a sentence of the summary, or the month and year only
    ("Decision Date: 03/02/2015\n\n", "The worker's date of birth is 06/30/1970. She has neck pain.", 44),
    ("Decision Date: 03/02/2015\n\n", "The file gives only his date of birth, 06/30/1970.", 44),
    ("Decision Date: 09/02/2015\n\n", "He was born in May 1970 and has neck pain.", 45),
    # ... a report's wording for it ('lists the date of birth as')
    ("Decision Date: 03/02/2015\n\n", "The first report lists the worker's date of birth as 06/30/1970.", 44),
])
def test_the_workers_age_from_a_birth_date_or_year(extractor, header, summary, age):
    assert patient(extractor, summary, header=header)["age"] == age


@pytest.mark.parametrize(("summary", "age"), [
    # the age now over the age at the injury
    ("The worker was forty-four years old when she slipped on 03/03/2017. She is now forty-six.", 46),
    ("He was 38 at the time of the injury and is now 41, and works again.", 41),
    # ... set off by commas, after 'at'
    ("He was 58 when he fell in 2014. He retired in 2016 and now, at 61, drives a school bus part-time.", 61),
    ("She was 49 at the injury and, now aged 53, works from home.", 53),
    # ... the age at the injury where it is the only one
    ("The worker was forty-four years old when she slipped on 03/03/2017.", 44),
    # in brackets after the worker's title, with when it was told
    ("Ms. Park (fifty-three as of the request), a school custodian, has knee pain.", 53),
    # the worker described as a relative of someone
    ("She is a 58-year-old grandmother who cares for two grandchildren after work.", 58),
    ("Ms. Roe, a mother of three and aged forty-four at the time of that visit, filed for review.", 44),
    # ... under a label with a note
    ("Age (at the time of the request): 57\nThe worker has neck pain.", 57),
    # ... a year short of the birthday to come
    ("The worker, who will turn 45 next week, lifts crates.", 44),
    # ... at an evaluation named in three words
    ("She was 51 at the orthopedic panel qualified evaluation of 05/05/2016.", 51),
    # ... not a relative's age told in apposition or a relative clause
    ("Her brother, a 61-year-old retired baker who lives with her, drives her. She is 47.", 47),
    ("She cares for her mother, who is 80 and uses a walker. She was 52 at the evaluation.", 52),
    # ... told as the age at this review, before or after the worker
    ("A roofer for most of his life, and forty-four at the time of this review, the applicant fell from a ladder.", 44),
    ("The employee, a baker, and 52 when the application was filed, reports wrist pain.", 52),
    # the age now before one told earlier
    ("Mr. Ortiz was 30 and new to the crew when he fell from the scaffold; he is now 33.", 33),
    ("The applicant was 55 on the day of the fall and is 58 according to the latest report.", 58),
    ("She was 39 at her first visit. She is 42 at the time of this review and still sews for a living.", 42),
    # not an age told of another by their role beside the worker
    ("The shop's owner, a 70-year-old upholsterer, drove her to urgent care. She is a 48-year-old seamstress.", 48),
    ("His supervisor, a 39-year-old warehouse lead, saw the fall. The claimant is 44.", 44),
    ("At the time of the accident, a 45-year-old man was driving the forklift that struck him.", 45),
    ("The claimant is a school custodian, now 58 years of age, who slipped on a wet floor.", 58),
    ("A baker by trade and now 51, this left-handed woman burned her wrist on an oven door, on 04/04/2019.", 51),
    # the age now told after others, in its words for now
    ("He was 44 on 02/02/2014, when he fell. A 61-year-old passenger was also hurt. He is 48 years old at the time of "
     "this review.", 48),
    ("Her age is recorded as 50 in the QME report of 2016; she is 53 now and works part time.", 53),
    ("He was 30 at the first visit and is 33 at present.", 33),
    ("The AME put her age at 57. She turned 59 this winter.", 59),
    ("His supervisor, a 66-year-old estimator, was with him. He is presently 41.", 41),
    # not someone brought in by a joining word, however the worker's age is told after
    ("The van was loaded by a 19-year-old helper when the shelf gave way. She is 52 and lives alone.", 52),
    ("The foreman and a recently hired 23-year-old laborer pulled him out. He is fifty and right-handed.", 50),
    ("He was taken to a clinic where a 31-year-old nurse practitioner splinted the wrist. He is 57.", 57),
    # the age now after a job held most of a working life, in words
    ("A plasterer for much of her career and now fifty-nine, the applicant slipped on a stair.", 59),
])
def test_the_workers_age_now_or_in_brackets(extractor, summary, age):
    assert patient(extractor, summary)["age"] == age


def test_the_workers_age_after_a_relatives(extractor):
    assert patient(extractor, "His 9-year-old daughter was present. He is a 33 year old man.")["age"] == 33


# ---- sex ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("summary", "sex"), [
    ("This 38 y/o man has back pain.", "male"),
    ("A 52 yo F with back pain.", "female"),
    ("A 52 yo M, with back pain.", "male"),
    ("53 y/o RHD F assembler w/ neck pain.", "female"),
    ("47 y/o R-hand dominant F bookkeeper with wrist pain.", "female"),
    ("62 y/o left-handed M, DOI 03/04/2014.", "male"),
    ("The injured worker, a female aged 52, has back pain.", "female"),
    ("A woman, 47 years old, with back pain.", "female"),
    ("A thirty-nine year old right-hand dominant female assembler.", "female"),
    ("The claimant is a 44-year-old married Hispanic gentleman.", "male"),
    ("The applicant is a pleasant lady who slipped on ice.", "female"),
    ("Mr.   reports back pain since the fall.", "male"),
    ("Mrs.  reports back pain since the fall.", "female"),
    ("Age: 47. Sex: Male. The patient has pain.", "male"),
    ("Gender: female\nThe patient has pain.", "female"),
    ("The patient reports back pain. He says it is worse at night and his sleep is poor.", "male"),
    ("The patient reports back pain. She says it is worse at night and her sleep is poor.", "female"),
    ("A 55-year-old stocker reported shoulder pain after lifting cases. He has had therapy.", "male"),
    ("The patient reports neck pain. She lives with her husband, and he drives her to visits; she says her sleep is "
     "poor.", "female"),
    ("The claimant has knee pain. His wife works nights, so he cares for their son and she says his mood is low.",
     "male"),
])
def test_sex(extractor, summary, sex):
    assert patient(extractor, summary)["sex"] == sex


@pytest.mark.parametrize("summary", [
    "The patient reports back pain. He says it is worse; Dr. Lee said she would refer him.",
    "The patient reports back pain. He/she was seen by the physician. His/her pain is 6/10.",
    "MR imaging showed a disc bulge. MS was ruled out.",
    "A 45-year-old patient whose male supervisor saw the fall.",
])
def test_no_sex_from_ambiguous_words(extractor, summary):
    assert patient(extractor, summary)["sex"] is None


# ---- occupation -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("summary", "occupation"), [
    ("The injured worker is a 47-year-old male who was employed as a warehouse worker when he fell.",
     "warehouse worker"),
    ("She worked as a data\nentry clerk for many years.", "data entry clerk"),
    ("He works as a roofer and fell from a ladder.", "roofer"),
    ("The patient was working as a registered nurse, lifting a patient.", "registered nurse"),
    ("This 38 y/o man was employed by   as a forklift driver when he fell.", "forklift driver"),
    ("He works for a moving company as a furniture mover.", "furniture mover"),
    ("Her job as a school bus driver requires turning her head.", "school bus driver"),
    ("The patient is a former police officer who injured his shoulder.", "police officer"),
    ("The 58-year-old gentleman is a roofer by trade and fell.", "roofer"),
    # the job opening its sentence, by trade or held for years, before the worker
    ("Forklift operator by trade and now 46, this man was steadying a pallet when he felt a pull.", "Forklift operator"),
    ("A bank teller for nineteen years, the applicant was held up at gunpoint.", "bank teller"),
    ("A school custodian of twelve years, she slipped on a wet floor.", "school custodian"),
    # ... with where it was held before or after the years, and the age now
    ("A crane operator for nine years at a container port, the employee felt his back give way.", "crane operator"),
    ("A pharmacy technician at a county clinic for six years and now 38, she felt her wrist ache.",
     "pharmacy technician"),
    ("A crane operator at the harbor for eleven years, Mr.   is now 49.", "crane operator"),
    # a record's field quoted, the worker's own words quoted, a career's later rung and the job held at the injury
    ("Per the claim form, her occupation is \"dental hygienist\"; the application gives her age as 41.", "dental hygienist"),
    ("The application quotes the worker: \"I am 50 and I have been a baker at the plant for twenty years.\"", "baker"),
    ("He worked as a stock clerk before transferring, in 2011, to the shipping office as a freight scheduler.",
     "freight scheduler"),
    # (the employer's possessive before the job is no word of it)
    ("She had been the bakery's shift supervisor since 2012, the position she held when she fell.", "shift supervisor"),
    ("Mr.  , a retired bus mechanic, is 66 and since 2015 has worked part-time for a school as a custodian, the job he "
     "was doing on the evening of 02/02/2016 when he fell.", "custodian"),
    ("She is a 33 year old woman. Her occupation: licensed vocational nurse.", "licensed vocational nurse"),
    ("His usual and customary occupation is a warehouse picker.", "warehouse picker"),
    ("He was engaged in his normal/usual work duties in landscaping when he was hurt.", "landscaping"),
    ("A 29-year old Hispanic male construction laborer who sustained a fall.", "construction laborer"),
    ("The injured worker is a 41-year-old bartender with shoulder pain.", "bartender"),
    ("This fifty-five-year-old lady is a hotel housekeeper who developed wrist pain.", "hotel housekeeper"),
    ("The patient, age 63, is a retired teacher.", "teacher"),
    ("This 49-year-old woman is employed as a dental hygienist and has neck pain.", "dental hygienist"),
    ("He works as an eye care technician.", "eye care technician"),
    ("She was employed as a back office clerk when she fell.", "back office clerk"),
    ("This 57 year old man, formerly a parcel sorter, injured his neck.", "parcel sorter"),
    ("The applicant, previously employed as a crane operator, has low back pain.", "crane operator"),
    ("She is 44 and until recently a pharmacy technician at a drugstore.", "pharmacy technician"),
    ("61 y/o M, retired bus mechanic, DOI 02/03/2016.", "bus mechanic"),
    ("- 52 yo female, former hotel night auditor, injured 2018.", "hotel night auditor"),
    ("The patient is a 58 year old female certified nursing assistant employed by a care home.",
     "certified nursing assistant"),
    ("This 40 year old male forklift operator working nights hurt his back.", "forklift operator"),
    # held part or full time
    ("The worker is a 68-year-old man who works part-time as a parking attendant at a hospital.", "parking attendant"),
    ("She is a 52-year-old woman who worked full time as a school librarian.", "school librarian"),
    # what the worker had been or has been for a time
    ("She had been a grocery stocker for seventeen years when she hurt her knee.", "grocery stocker"),
    ("He has been a wildland firefighter since 2011 and hurt his back.", "wildland firefighter"),
    ("The claimant is a 58 year old male warehouse lead who hurt his back.", "warehouse lead"),
    # a record's words for the worker, however far after the verb
    ("She is described in the hand surgeon's note of 03/04/2019 as a veterinary technician.", "veterinary technician"),
    ("He is identified in the employer's first report as a concrete finisher; he fell from a ramp.", "concrete finisher"),
    # a label for the job held at the injury, up to the next label
    ("Claimant: 52 y/o M\n\nOccupation at time of injury: tile setter\n\nInjury: 04/03/2015 - fell from a scaffold.",
     "tile setter"),
    ("Job at the time of injury: produce clerk\nDOI: 02/02/2017", "produce clerk"),
    ("She has worked for the school district since 1998, lately as its head cook.", "head cook"),
    # a job title a form gives, in quotes
    ("Her job title on the Employer's First Report of Occupational Injury is \"upholstery sewer\", and the form gives her "
     "age as 44.", "upholstery sewer"),
    # the job held at the injury told in a clause, after a dash, or as most of a working life
    ("Per the intake form she is 50; her job at the time of injury was school crossing guard.", "school crossing guard"),
    ("41 y/o M, L-hand dominant; occupation - warehouse picker. Hurt lifting a crate.", "warehouse picker"),
    ("At 59 he has spent the bulk of his career as a sheet metal worker.", "sheet metal worker"),
    # the worker's own words for it, and a note's sex and age before it
    ("She describes herself on the intake questionnaire as a payroll specialist for a county office.", "payroll specialist"),
    ("The employer's report classifies him as a night stocker at a grocery chain.", "night stocker"),
    ("His claim form designates him as a shuttle driver.", "shuttle driver"),
    ("Demographics: female; 38; hotel housekeeper.", "hotel housekeeper"),
    # a note's short label, a living made at it, a job title a form gives
    ("IW: 51 y/o F, RHD. Occ: school bus driver x 12 yrs.", "school bus driver"),
    ("The worker, a man of fifty, has made his living as a stonemason since his twenties.", "stonemason"),
    ("The first report gives her age as 33 and her job title as \"pharmacy technician\".", "pharmacy technician"),
    # the job after 'by occupation', a form's line of fields, 'her title there'
    ("The claimant, by occupation a crane operator with a port authority, was 48 when he fell.", "crane operator"),
    ("Age / Sex / Occupation:      41 / M / line cook", "line cook"),
    ("She has cleaned rooms at a motel for ten years, and her title there is housekeeping aide.", "housekeeping aide"),
    ("He has run the presses for a decade; his title at the plant is press operator.", "press operator"),
])
def test_occupation(extractor, summary, occupation):
    assert patient(extractor, summary)["occupation"] == occupation


@pytest.mark.parametrize("summary", [
    "He works as a  ______ operator at the plant.",
    "The employee is a 50 year old woman who has been a  at   for ten years.",
    "The applicant is a 61 year old male who was working as a  at   when he hurt his back.",
    "The patient is a 47-year-old male former smoker with low back pain.",
    "He is a 45-year-old man who was formerly a smoker.",
    "He is a 45-year-old man, former smoker, with back pain.",
    "The patient is a 45 year old female patient who returned to work as tolerated.",
    "As a result of the fall he could not work as a result of his back pain.",
    "The claimant was a passenger in a van that crashed.",
    "The patient is a poor historian with shoulder pain.",
    "She works as [redacted] for the county.",
    "She has worked as tolerated with her left shoulder.",
    "He returned to work as a result of his lower back.",
    "Her pain has been a burden since the fall.",
    # a value the records leave out
    "He is a 55 year old man; his occupation is not given in the records provided.",
    "Occupation: unknown. She slipped on a wet floor.",
])
def test_no_occupation_from_gaps_or_clinical_words(extractor, summary):
    assert patient(extractor, summary)["occupation"] is None


@pytest.mark.parametrize(("summary", "occupation"), [
    ("The patient is a 45-year-old Walmart cashier who slipped on a spill.", "cashier"),
    ("He is a 38 year old Acme Freight forklift driver who twisted his ankle.", "forklift driver"),
    ("She is a 45-year-old ICU nurse who lifted a patient.", "ICU nurse"),
    ("She is employed as a Medical Assistant at a clinic.", "Medical Assistant"),
])
def test_an_employers_name_before_the_job_is_not_part_of_it(extractor, summary, occupation):
    assert patient(extractor, summary)["occupation"] == occupation


@pytest.mark.parametrize(("summary", "occupation"), [
    ("38 yo F, DOI 4/4/15. Hotel housekeeper. Low back pain since lifting a mattress.", "hotel housekeeper"),
    ("61 y/o M. Roofer. Fell from a ladder.", "roofer"),
    ("Pt: 49 y/o M, warehouse supervisor. DOI 02/02/2016.", "warehouse supervisor"),
    ("57 y/o right-handed F, school bus driver, slipped on ice.", "school bus driver"),
    ("44 y/o M, RHD, sheet metal worker. DOI 04/04/2016.", "sheet metal worker"),
    ("39 y/o F, left-hand dominant, claims adjuster (auto division). DOI 2/2/2017.", "claims adjuster"),
    ("50 y/o M warehouse loader (frozen foods division). DOI 3/3/2013.", "warehouse loader"),
    ("A 47-year-old male meat cutter sprained his wrist on the band saw.", "meat cutter"),
    ("A 33 year old female stock clerk tripped over a pallet.", "stock clerk"),
    ("The patient is a 29 year old male groundskeeper, who stepped in a hole.", "groundskeeper"),
    ("A 31-year-old female courier inverted her right ankle on a curb.", "courier"),
    ("This 52 year old male welder fractured his wrist falling from a scaffold.", "welder"),
    ("A 44-year-old line cook burned her forearm on a fryer.", "line cook"),
    ("The patient is a 52-year-old shipping and receiving clerk who injured his foot.", "shipping and receiving clerk"),
    ("A 33 year old cook and dishwasher slipped on a wet floor.", "cook"),
    # a long route is a driver's, though 'long' starts no job ('as long as')
    ("58 yo M, formerly a long haul truck driver, DOI 2/2/2012, hurt his back.", "long haul truck driver"),
    ("A 47-year-old long distance bus driver hurt his neck.", "long distance bus driver"),
    # the age spelled with hyphens and the hand before the sex, the job a sentence of its own
    ("51-year-old left-handed woman. Baggage handler for an airline. Injured 03/03/2019.", "baggage handler"),
    # the hand the worker favours in three words before the job
    ("The employee is a 36-year-old left hand dominant welder who was grinding a beam.", "welder"),
    # in apposition after a title whose name is left out
    ("Ms. , a certified pharmacy technician, is 39 years old. She hurt her wrist.", "certified pharmacy technician"),
    # 'claims' a field of work before its job's head, not the verb
    ("The applicant is a 48-year-old medical claims coordinator who slipped on ice.", "medical claims coordinator"),
    ("The applicant is a 41-year-old workers' compensation claims examiner who fell on stairs.",
     "workers' compensation claims examiner"),
    # the oil field's and the packing plant's trades
    ("The claimant was a roustabout, the laborer of a drilling crew, when a pipe rolled onto his foot.", "roustabout"),
    ("The employee was a deboner at a meat plant and cut her hand.", "deboner"),
    # ... or by a verb of the present tense before its object
    ("This 44 year old male mail carrier climbs the same hills every day.", "mail carrier"),
    ("The claimant is a 51-year-old female tile setter who carries boxes.", "tile setter"),
])
def test_occupation_in_a_telegraphic_summary_and_before_how_the_injury_happened(extractor, summary, occupation):
    """Family: a job written as a sentence of its own after '<age> yo <sex>', and a job's words ended by the verb
    that tells the injury ('twisted', 'sprained', 'tripped', 'stepped')."""
    assert patient(extractor, summary)["occupation"].lower() == occupation


@pytest.mark.parametrize(("summary", "occupation"), [
    ("The claimant, a hotel housekeeper, hurt her back making beds.", "hotel housekeeper"),
    ("The 35-year-old applicant, a cashier at a grocery chain, strained her wrist.", "cashier"),
    ("The patient, an ironworker on a bridge crew, fell six feet.", "ironworker"),
    ("This is a 70 year old retired bus mechanic who has knee pain.", "bus mechanic"),
    ("The IW is a 66-year-old former janitor who tripped on a cord.", "janitor"),
    ("He is a 41-year-old firefighter/paramedic who injured his back.", "firefighter/paramedic"),
    ("She is a 24 year old cook/dishwasher who burned her hand.", "cook/dishwasher"),
    ("The worker is a 27 year old barista who developed wrist pain.", "barista"),
    ("He is a 19 year old carpenter apprentice who fell from a scaffold.", "carpenter apprentice"),
    ("She is a 45-year-old lab tech who lifted a centrifuge.", "lab tech"),
    ("Mrs. XXXXX is a woman aged fifty-six, a dental hygienist, who reported wrist pain.", "dental hygienist"),
    ("The injured worker is a 35 year old registered nurse (RN) who injured her back.", "registered nurse"),
    ("The applicant is a 62-year-old groundskeeper for a school district who was hurt.", "groundskeeper"),
    ("The applicant, a 28 y/o male server at a restaurant, slipped on ice.", "server"),
    ("She is a 52 year-old female bartender in a casino.", "bartender"),
    ("The worker is a 33 year old male, an apprentice plumber, who fell into a trench.", "apprentice plumber"),
    ("He was a 50-year-old hospital orderly who strained his back moving a bed.", "hospital orderly"),
])
def test_occupation_in_apposition_after_former_and_from_the_catalogue(extractor, summary, occupation):
    assert patient(extractor, summary)["occupation"] == occupation


@pytest.mark.parametrize(("summary", "occupation"), [
    ("His usual and customary job is certified nursing assistant. He has pain.", "certified nursing assistant"),
    ("Her usual and customary job is food server at  . She was struck by a tray.", "food server"),
    ("Her regular position was a night shift stocker at a grocery.", "night shift stocker"),
    ("Her job title: line cook. She burned her forearm.", "line cook"),
    ("Her usual and customary occupation is that of a museum exhibit installer.", "museum exhibit installer"),
    ("His job is that of a tower crane operator.", "tower crane operator"),
    ("He is a 40-year-old man whose job is parcel sorter at a depot; he fell.", "parcel sorter"),
    ("His job title in the claim form is forklift driver. He reports back pain.", "forklift driver"),
    ("This 59-year-old male heavy equipment operator filed a claim for hearing loss.", "heavy equipment operator"),
    ("She is a 35 year old woman who is a lighting gaffer on film sets.", "lighting gaffer"),
    ("His customary work is listed as heavy equipment operator.", "heavy equipment operator"),
    ("He was working in his usual capacity as a carpenter when he fell.", "carpenter"),
    ("The patient is a 44-year-old female who works in housekeeping at a hotel.", "housekeeping"),
    ("He is employed in construction and fell from scaffolding.", "construction"),
    ("She has worked in retail for a decade.", "retail"),
    ("The claimant is a 60-year-old man who works in landscaping as a crew foreman.", "crew foreman"),
    ("Per the records, this 55-year-old right-handed grocery clerk (stocker) reported pain.", "grocery clerk"),
    ("She is a 38-year-old married Hispanic home attendant.", "home attendant"),
    ("This 47 year old male school janitor reports pain in both wrists.", "school janitor"),
    ("The claimant, a female bookkeeper aged 51, developed wrist pain.", "bookkeeper"),
    ("She was employed in food service as a dishwasher when she slipped.", "dishwasher"),
    ("The patient is a sixty-one-year-old machinist who caught his hand in a press.", "machinist"),
    ("He is a forty-four-year-old male parking attendant.", "parking attendant"),
    ("She reports back pain from years of lifting as a certified nursing assistant.", "certified nursing assistant"),
    ("He hurt his shoulder driving as a route salesman.", "route salesman"),
    ("She had driven a tour bus for about eight years as a motor coach operator when she fell.",
     "motor coach operator"),
    ("He is a 60-year-old man who spent 20 years as a pipe fitter.", "pipe fitter"),
    ("39-year-old delivery truck driver, male. Date of injury: 08/19/2014.", "delivery truck driver"),
    ("53 y/o RHD F assembler w/ h/o DM2 c/o b/l hand numbness.", "assembler"),
    ("The patient, who had been with the district for twelve or thirteen years as a school custodian, fell.",
     "school custodian"),
    # when or since when the worker works, between the verb and the job
    ("The patient is a 52-year-old man who worked weekends as a parking valet.", "parking valet"),
    ("She works the graveyard shift as a hospital security guard.", "hospital security guard"),
    ("This 36-year-old man has worked since 2009 as a dental technician.", "dental technician"),
    # the hand the worker favours in two words, after a comma; a job's place in a longer bracket
    ("The applicant is a 45-year-old, left-hand dominant cabinet maker who reported wrist pain.", "cabinet maker"),
    ("Pt is a 50 yo male lineman (county utility district, overhead crew). On 02/02/2020 he fell.", "lineman"),
    # ... and a long bracket about the job, in any words
    ("The claimant is a 39 year old male warehouse picker (for a grocery chain's regional center, per the employer's "
     "first report) who hurt his back.", "warehouse picker"),
    ("The applicant is a 31 year old female billing clerk (she codes claims through an eight-hour shift) who "
     "reports wrist pain.", "billing clerk"),
    # a job followed by where it is done ('on a ward')
    ("The injured worker is a 29-year-old female licensed vocational nurse on a medical ward.", "licensed vocational nurse"),
    # a record that lists the worker as the job, after the age it gives
    ("Neither is in the notes; the claim form lists the claimant as 38 years old and as a pastry cook.", "pastry cook"),
    # a trade set off by a dash or a bracket after the word for it
    ("The worker is known from the file only by her trade - a dental hygienist - and her age.", "dental hygienist"),
    ("He gave his occupation (heavy equipment mechanic) at intake.", "heavy equipment mechanic"),
    # the hand the worker favours, abbreviated, before the job
    ("Intake note: \"49 y/o LHD forklift driver, hurt low back lifting a pallet.\"", "forklift driver"),
    # a record's words for the job, with where they are written
    ("Her occupation is recorded in the employer's first report as school custodian.", "school custodian"),
    ("His job title appears on the claim form as \"parts runner\".", "parts runner"),
    # the employer keeping the worker on as the job
    ("A regional hospital has kept him on its payroll since 2009 as a respiratory therapist.", "respiratory therapist"),
    ("The county hired her in 2016 as a road maintenance worker; she fell from a truck bed.",
     "road maintenance worker"),
    # the title or position held
    ("For eleven years he has held the position of night auditor at a roadside motel.", "night auditor"),
    ("When she was hurt she held the title of benefits eligibility worker for the county.",
     "benefits eligibility worker"),
    # the job held when the worker was hurt, after others held before it; the job a worker rose to
    ("The bakery hired him as a dishwasher in 2011; he was made a line cook in 2014 and held the title of sous chef at "
     "the time of his injury.", "sous chef"),
    ("She started as a teller and was promoted to loan officer in 2019.", "loan officer"),
    ("Hired at 20 as a stock clerk, he was promoted at 37 to receiving supervisor at the north warehouse, the job he "
     "held on the date of injury, and now works as a dispatcher.", "receiving supervisor"),
    ("Her position with the county, [          ], was eligibility worker.", "eligibility worker"),
    # not a job told of another by their role beside the worker
    ("The bakery's owner, a retired pastry chef, drove him home. He works as a line cook.", "line cook"),
    # the worker's own noun before a title a record gives, past a long clause on where it is written
    ("The claimant's job title, as the carrier's intake form of March 2019 spells it out, is \"senior parts clerk.\"",
     "senior parts clerk"),
    ("The applicant's position, per the payroll summary the employer sent, was crane operator.", "crane operator"),
    # a classification told with when or where it held, then quoted
    ("The school district lists her classification at the date of the injury as \"Custodian II.\"", "Custodian II"),
    ("His classification per the city's personnel file is \"Parks Maintenance Worker\".", "Parks Maintenance Worker"),
    # a job qualified for, or became, after another
    ("He worked six years as a pharmacy aide before qualifying as a pharmacy technician, the job he held at the time "
     "of injury.", "pharmacy technician"),
    ("She waited tables until 2010 and later became a banquet captain at the same hotel; the fall came at the time of "
     "her injury in 2016.", "banquet captain"),
    # the job held in the years before the injury, after a career told before it
    ("For two decades he was a long-haul driver; in the three years before the injury he worked as a yard jockey.",
     "yard jockey"),
    # ... or named as the one a record gives, after a career
    ("She was a dental assistant early on, then worked as an office manager, which is the occupation listed on her "
     "claim form.", "office manager"),
    # a career's last rung in its sentence, where nothing marks the job held at the injury
    ("She started as a teller at 20, qualified as a loan processor at 26 and had been a branch manager since 2011. "
     "She fell in the vault in 2014.", "branch manager"),
    ("He began as a dishwasher, became a line cook at 22 and was made head chef at 30. He was robbed in 2019.",
     "head chef"),
    # ... not a job held after the injury
    ("He worked as a roofer until the fall in 2015. He now works as a dispatcher.", "roofer"),
    # ... nor a rung told, in a clause of its own, as left before another
    ("His job title on the claim form is \"framing foreman\"; he had been a carpenter for nine years before the owner "
     "promoted him.", "framing foreman"),
    # a job taken or hired on as after another, with no marker of the injury
    ("She had been a hairdresser for ten years before she took a position as a payroll clerk with the city in 2012.",
     "payroll clerk"),
    ("He framed houses for a decade; in 2005 he hired on as a warehouse picker with a grocer.", "warehouse picker"),
    # ... the job held at the injury told in a bracket after it
    ("Work history: cook at a diner, 1990-2001; school custodian for the district (2001-2016; job held at the time of "
     "injury).", "school custodian"),
    ("Jobs held: Cashier, a grocery (1990-1998) Home health aide for     (1998-2014; job held at the time of injury) "
     "None since 2015.", "Home health aide"),
    # ... or marked after it in other ways
    ("Work history: 1980 - 1995 welder 1995 - 2012 maintenance mechanic, a bottling plant << job at time of injury "
     "2012 - now not employed", "maintenance mechanic"),
    ("He gave this history: - truck driver, 1990-2001 - parts clerk, an auto dealer, 2001 to 2019 (injured in this "
     "position) - not working since", "parts clerk"),
    # a form's label of the job at the date of injury, beside the job since
    ("New patient form: Age: 51 Job title at DOI: utility lineman Current job: dispatcher", "utility lineman"),
    # not a relative's job past the relative's age set off by commas
    ("Her husband, 55, is a long-haul truck driver. She works as a medical assistant.", "medical assistant"),
    # the hand before the job, a space after its side
    ("The claimant is a 45 year old left hand-dominant man who works as a tile setter.", "tile setter"),
    ("The applicant is a 38-year-old right handed woman who works as a hair stylist.", "hair stylist"),
])
def test_occupation_after_the_usual_job_wordings(extractor, summary, occupation):
    assert patient(extractor, summary)["occupation"] == occupation


@pytest.mark.parametrize("summary", [
    "His job is stressful and he has pain.",
    "Her job was modified after the injury.",
    "The patient is a twenty-three year-old woman who sustained an injury at work.",
    "Her usual work is sedentary with occasional lifting.",
    "She works in the kitchen and burned her hand.",
    "He has worked in pain since the accident.",
    "The applicant is a represented former bakery employee who has filed a claim for neck pain.",
    "The applicant is a represented 52-year-old XXXXX employee who has filed a claim for back pain.",
    "The patient is a monolingual Spanish speaker who injured his back.",
    "The patient is a 45-year-old Caucasian who injured her back.",
    "He is a retiree and an avid cyclist.",
    "She is a single parent of two.",
    "For three years as a result of the fall she has had neck pain.",
    "The claimant, a long-distance runner, twisted her knee.",
    "He was a restrained driver in a vehicle that was rear-ended.",
    "The patient is a 45-year-old male presenting for a follow-up of back pain.",
    "The patient is a 45 year old male status post fusion in 2012.",
    "She was referred to a pain management specialist.",
    "He is a petitioner in a separate civil matter.",
    "The applicant, a complainant in the grievance, has neck pain.",
])
def test_no_occupation_from_what_is_said_about_the_job(extractor, summary):
    assert patient(extractor, summary)["occupation"] is None


@pytest.mark.parametrize("summary", [
    "The claimant, a smoker, has neck pain.",
    "The patient, a pleasant and cooperative historian, has neck pain.",
    "He was employed as a XXXX at XXXX when he was hurt.",
    "She worked as a REDACTED for the school district.",
    "The applicant, a 50 year old with neck pain, was seen.",
    "The patient is a 52-year-old male with a painful shoulder.",
    "The patient is a 52-year-old male, a smoker, with a painful shoulder.",
    "The patient is a 52-year-old male, a poor historian, who is unsure of the date.",
])
def test_no_occupation_in_apposition_from_clinical_words_or_redaction_marks(extractor, summary):
    assert patient(extractor, summary)["occupation"] is None


@pytest.mark.parametrize(("summary", "occupation"), [
    ("The worker is a 47-year-old woman. Her spouse, a retired welder, drives her to visits.", None),
    ("This 58-year-old man was hurt at work. His wife is a dental assistant.", None),
    ("She is 39. According to the intake form, her brother works as a roofer.", None),
    ("The 44-year-old applicant lives with his stepfather, a former electrician, and is a warehouse picker.",
     "warehouse picker"),
    ("A 51-year-old woman was hurt at the bakery where she works as a baker, and her husband works as a mechanic.",
     "baker"),
    ("He is a 33-year-old male. His girlfriend, a bartender, reported the fall; he is a line cook at a diner.",
     "line cook"),
])
def test_a_job_told_of_someone_close_to_the_worker_is_not_the_workers(extractor, summary, occupation):
    assert patient(extractor, summary)["occupation"] == occupation


@pytest.mark.parametrize(("summary", "occupation"), [
    # in apposition past the worker's name or a bracket on the worker
    ("Ms. Park (fifty-three as of the request), a school custodian, has knee pain.", "school custodian"),
    ("Mr. Dale Roe, a meter reader for the water district, fell on a curb.", "meter reader"),
    # two words the catalogue names together, where the last alone is no job
    ("She is a 40-year-old avid reader who hurt her back lifting a box.", None),
    # ... ended by how the injury happened
    ("A 49 year old male school bus driver missed a stair at the depot on 03/02/2019.", "school bus driver"),
    # ... or by what the duties are; with a grade; a label with a note in brackets
    ("She works at a clinic, where her duties as a medical assistant include rooming patients.", "medical assistant"),
    ("His job title on the county's roster is \"Maintenance Worker III,\" and he mows.", "Maintenance Worker III"),
    ("Occupation (per the employer's report): warehouse clerk. She lifts boxes.", "warehouse clerk"),
    # ... work told 'as' the job, in dashes, or as work done as it
    ("His regular work is as a school bus driver, on split shifts.", "school bus driver"),
    ("She works under the job classification \"Custodian II\" at a high school.", "Custodian II"),
    ("IW: 52 F. Home health aide (private agency). DOI 2/2/16.", "Home health aide"),
    ("The claimant -- a pharmacy technician since 2009 -- is 38.", "pharmacy technician"),
    ("The county had her lifting bins, work she had done as a recycling sorter for a decade.", "recycling sorter"),
])
def test_occupation_past_a_name_or_a_bracket_and_two_word_jobs(extractor, summary, occupation):
    assert patient(extractor, summary)["occupation"] == occupation


@pytest.mark.parametrize(("header", "summary", "occupation"), [
    ("Case Number: CM16-0102030\nOccupation: Electrician\n\n", "The worker has neck pain.", "Electrician"),
    ("Employee Occupation:\n\nSchool Bus Driver\n\n", "The worker has neck pain.", "School Bus Driver"),
    ("Occupation: Electrician\n\n", "He works as a lineman for the utility.", "lineman"),
    ("Date of Injury: 03/14/2016\nOccupation: Home care aide\n\n", "The worker has neck pain.", "Home care aide"),
    ("Occupation: XXXXX\n\n", "The worker has neck pain.", None),
    ("Occupation: N/A\n\n", "The worker has neck pain.", None),
])
def test_the_headers_occupation_when_the_summary_names_none(extractor, header, summary, occupation):
    assert patient(extractor, summary, header=header)["occupation"] == occupation


def test_the_job_word_catalogue():
    words = vocab.job_words()
    assert set(words.values()) == {"head", "trade", "not-head"}
    # (a word, or two words that end a job's name where the last alone is no job)
    assert all(w == w.lower().strip() and (" " not in w or len(w.split()) == 2 and words[w] == "head"
                                           and words.get(w.split()[1]) == "not-head") for w in words)
    for word, role in (("clerk", "head"), ("barista", "head"), ("landscaping", "trade"), ("shoulder", "not-head"),
                       ("speaker", "not-head"), ("caucasian", "not-head"), ("meter reader", "head")):
        assert words[word] == role


def test_an_occupation_stops_at_a_redaction_gap(extractor):
    got = patient(extractor, "She has worked as a school custodian for  \nsince 2004.")
    assert got["occupation"] == "school custodian"
    text = "He was employed as a machine  \n operator at the plant."
    assert patient(extractor, text)["occupation"] == "machine"


# ---- date of injury -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("header", "summary", "injury"), [
    ("Date of Injury: 05/21/2012\n\n", "Cumulative trauma from 01/01/2011 through 05/21/2012.", "2012-05-21"),
    ("Date of Injury: 01/01/2011 - 05/21/2012\n\n", "She hurt her neck.", "2012-05-21"),
    ("Date of Injury: CT 1/1/2011 to 5/21/2012\n\n", "She hurt her neck.", "2012-05-21"),
    ("Date of Injury: 10/14/2011\n\n", "He was injured on 10/14/11 and seen on 11/02/2011.", "2011-10-14"),
    ("", "She reported cumulative trauma from 01/01/2011 through 05/21/2012 at her desk.", "2012-05-21"),
    ("", "He sustained an industrial injury on March 3, 2013 when he fell.", "2013-03-03"),
    ("Date of Injury:\n\nEmployee Name:\n\n", "He slipped and fell on 2/4/2014.", "2014-02-04"),
    ("", "The injured worker is a 57 year old female, who sustained an industrial injury on 6-1-2008.", "2008-06-01"),
    ("", "He was pushing a pallet jack at work on 1-14-2013 when he felt a pop.", "2013-01-14"),
    ("", "On 1/21/2014 two men robbed the branch where she was a teller.", "2014-01-21"),
    ("", "The date of injury is 06-10-12.", "2012-06-10"),
    ("", "He was hurt at work on 10 June 2012 while unloading a truck.", "2012-06-10"),
    ("", "She was injured on the 3rd of March, 2013 when she fell.", "2013-03-03"),
    ("", "He was injured on June 10th 2012 when he fell.", "2012-06-10"),
    ("DOI: 9-9-11\n\n", "She hurt her neck.", "2011-09-09"),
    ("", "Records describe a 42-year-old woman with an industrial claim dated 8 November 2007.", "2007-11-08"),
    ("", "He has an accepted workers' compensation claim of 04/28/2019 for his back.", "2019-04-28"),
    ("", "The claims administrator denied the request on 3/3/2014.", None),
    ("", "On 1/1/2014 he was injured and was seen on 2/2/2014 at urgent care.", "2014-01-01"),
    ("", "This 45-year-old was seen on 01/05/2015 for an injury that occurred on 12/12/2014.", "2014-12-12"),
    ("", "He was evaluated on 2/2/2014 following an injury at work on 1/1/2014.", "2014-01-01"),
    ("", "An MRI on 2/2/2014 was ordered for an injury of 1/1/2014.", "2014-01-01"),
    ("", "He reports that on 1/1/2014 he slipped on a wet floor at work.", "2014-01-01"),
    ("", "She reports that on 2/3/2012 she developed neck pain after months of keyboard work.", "2012-02-03"),
    ("", "On 5/6/2016 he developed symptoms in both wrists while assembling parts.", "2016-05-06"),
    ("", "She reported neck pain while transferring a patient on March 3rd, 2012.", "2012-03-03"),
    ("", "He felt a pop lifting a pallet on 4/4/2014 and was seen on 4/5/2014.", "2014-04-04"),
    ("", "An MRI on 2/9/2016 showed a tear; he twisted his right knee stepping off a ladder on 11/3/2015.",
     "2015-11-03"),
    ("", "An x-ray on 3/4/2016 was normal. She slipped on a wet floor on 2/28/2016.", "2016-02-28"),
    ("", "An MRI on 6/1/2012 was normal. She claims injury to the neck from repetitive transfers, with a claimed "
         "period of 01/01/2009 to 03/15/2012.", "2012-03-15"),
    ("", "A CT scan on 6/1/2014 was read as normal. He hurt his back on 5/6/2014 unloading boxes.", "2014-05-06"),
    ("", "He pulled a muscle in his back lifting boxes; the MRI on 6/1/2014 was normal.", None),
    ("", "She presented on 3/3/2014 with complaints of neck pain.", None),
    ("", "Progress report dated 04/05/2014 notes neck pain.", None),
    # a birthday or a report's date is no injury's
    ("", "Her date of birth is 09/12/1961. She hurt her neck.", None),
    ("", "Occupation (per the PR-2 of 02/02/2016): cook. She hurt her neck.", None),
])
def test_date_of_injury(extractor, header, summary, injury):
    assert patient(extractor, summary, header=header)["date_of_injury"] == injury


# ---- reviewer -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("qualifications", "expected"), [
    ("The expert reviewer is Board Certified in Anesthesiology, has a subspecialty in Pain Medicine and is "
     "licensed to practice in California.", (["Anesthesiology", "Pain Medicine"], True, ["CA"])),
    ("The reviewer is a physician licensed in the State of California who is board certified in\nPlastic "
     "Surgery and holds a Certificate of Added Qualification in Surgery of the Hand.",
     (["Plastic Surgery", "Surgery of the Hand"], True, ["CA"])),
    ("The physician reviewer is board certified in Orthopaedic Surgery and holds active medical licenses in "
     "Oregon and Washington.", (["Orthopaedic Surgery"], True, ["OR", "WA"])),
    ("The reviewer is Board Certified in Psychiatry, with added qualifications in Psychosomatic Medicine, and is "
     "licensed to practice medicine in Nevada.", (["Psychiatry", "Psychosomatic Medicine"], True, ["NV"])),
    ("The reviewer is Board Certified in Family Medicine with a subspecialty in Addiction Medicine and Sports "
     "Medicine; licenses: Texas, New Mexico.", (["Family Medicine", "Addiction Medicine", "Sports Medicine"], True,
                                               ["TX", "NM"])),
    ("The reviewer is a board-certified anesthesiologist with subspecialty certification in pain medicine who is "
     "licensed in Utah and Idaho.", (["Anesthesiology", "Pain Medicine"], True, ["UT", "ID"])),
    ("The reviewer is licensed in clinical psychology and is licensed to practice in Colorado.",
     (["Clinical Psychology"], None, ["CO"])),
    ("The reviewer is a Diplomate of the American Board of Physical Medicine and Rehabilitation, subspecialty "
     "certified in Electrodiagnostic Medicine, licensed in Ohio.",
     (["Physical Medicine and Rehabilitation", "Electrodiagnostic Medicine"], True, ["OH"])),
])
def test_credentials_in_prose(extractor, qualifications, expected):
    got = reviewer(extractor, qualifications)
    assert (got["specialties"], got["board_certified"], got["licensed_in"]) == expected


@pytest.mark.parametrize(("block", "expected"), [
    ("The Expert Reviewer has the following credentials:\nState(s) of Licensure: California, Nevada\n"
     "Certification(s)/Specialty: Physical Medicine & Rehabilitation",
     (["Physical Medicine & Rehabilitation"], None, ["CA", "NV"])),
    ("The Expert Reviewer has the following credentials:\nState(s) of Licensure: CA, WA\n"
     "Certification(s)/Specialty: Family Practice, Sports Medicine", (["Family Practice", "Sports Medicine"], None,
                                                                      ["CA", "WA"])),
    ("Licensure: AZ\nSpecialty: Neuromusculoskeletal Medicine", (["Neuromusculoskeletal Medicine"], None, ["AZ"])),
])
def test_credentials_in_a_block(extractor, block, expected):
    """A credentials block names the certification but does not say 'board certified': that stays null."""
    got = reviewer(extractor, "He/she is familiar with the governing laws.\n\n" + block)
    assert (got["specialties"], got["board_certified"], got["licensed_in"]) == expected


def test_a_name_the_list_lacks_is_kept_title_cased(extractor):
    got = reviewer(extractor, "The reviewer is Board Certified in Anesthesiology and in aquatic therapy "
                              "medicine, and Board Certified in Wilderness Medicine and is licensed in Texas.")
    assert got["specialties"] == ["Anesthesiology", "Wilderness Medicine"]
    caps = reviewer(extractor, "THE REVIEWER IS BOARD CERTIFIED IN WILDERNESS MEDICINE AND TRAVEL MEDICINE.")
    assert caps["specialties"] == ["Wilderness Medicine", "Travel Medicine"]


def test_the_boards_name_does_not_count_when_its_field_follows(extractor):
    got = reviewer(extractor, "The reviewer is certified by the American Board of Psychiatry and Neurology in "
                              "Psychiatry and is licensed in Illinois.")
    assert got["specialties"] == ["Psychiatry"]
    both = reviewer(extractor, "The reviewer is Board Certified in Psychiatry and Neurology, licensed in Illinois.")
    assert both["specialties"] == ["Psychiatry", "Neurology"]


@pytest.mark.parametrize(("qualifications", "specialties"), [
    ("The reviewer is board certified in Clinical Neuropsychology by the American Board of Professional Psychology "
     "and licensed in Ohio.", ["Clinical Neuropsychology"]),
    ("The reviewer is certified in Addiction Medicine by the American Board of Preventive Medicine.",
     ["Addiction Medicine"]),
    ("The reviewer is board certified by the American Board of Internal Medicine and licensed in Ohio.",
     ["Internal Medicine"]),
    ("Board Certification: American Board of Orthopaedic Surgery\nState License: Ohio", ["Orthopaedic Surgery"]),
    ("The reviewer is a psychiatrist, board certified by the American Board of Psychiatry and Neurology.",
     ["Psychiatry"]),
    ("The reviewer is a neurologist certified by the American Board of Psychiatry & Neurology.", ["Neurology"]),
    ("Specialty: Physical Medicine and Rehabilitation; Subspecialty: Spinal Cord Injury Medicine",
     ["Physical Medicine and Rehabilitation", "Spinal Cord Injury Medicine"]),
    ("The reviewer is an internist certified by the American Board of Internal Medicine and by the American Board "
     "of Obesity Medicine.", ["Internal Medicine", "Obesity Medicine"]),
    # the field after the board's name and a comma
    ("The reviewer's certification is through the American Osteopathic Board of Family Physicians, in Family "
     "Practice, and he is licensed in Ohio.", ["Family Practice"]),
    ("The reviewer is certified by the American Board of Psychiatry and Neurology, in Neurology.", ["Neurology"]),
    ("The reviewer holds board certification in Occupational Medicine from the American Board of Preventive Medicine.",
     ["Occupational Medicine"]),
    ("The reviewer is certified in Sleep Medicine through the American Board of Internal Medicine.", ["Sleep Medicine"]),
])
def test_a_board_named_as_the_certifier_of_another_field_is_not_a_field(extractor, qualifications, specialties):
    assert reviewer(extractor, qualifications)["specialties"] == specialties


@pytest.mark.parametrize(("qualifications", "specialties"), [
    ("The physician reviewer is a Doctor of Osteopathic Medicine, board certified in Occupational Medicine.",
     ["Occupational Medicine"]),
    ("The reviewer is a Doctor of Osteopathy who is board certified in Family Medicine.", ["Family Medicine"]),
])
def test_a_degree_is_not_a_specialty(extractor, qualifications, specialties):
    """Family: the osteopathic degree ('Doctor of Osteopathic Medicine', 'Doctor of Osteopathy') is the
    reviewer's degree; the specialty is the field the reviewer is certified in."""
    assert reviewer(extractor, qualifications)["specialties"] == specialties


@pytest.mark.parametrize(("qualifications", "specialties"), [
    ("The reviewer, a licensed psychologist, holds board certification in Clinical Health Psychology.",
     ["Clinical Health Psychology"]),
    ("The expert is a psychologist licensed in Idaho, with ABPP board certification in Clinical Psychology.",
     ["Clinical Psychology"]),
    ("The podiatrist reviewer is board certified in Foot and Ankle Surgery.",
     ["Podiatry", "Foot and Ankle Surgery"]),
    # a degree, as the osteopathic one, is no specialty beside a field certified
    ("The reviewer, a Doctor of Podiatric Medicine, holds board certification in Podiatric Surgery.",
     ["Podiatric Surgery"]),
    # a state's licensing board names no specialty
    ("The reviewer is a psychologist, licensed by the Utah Board of Psychology, who holds board certification in "
     "Rehabilitation Psychology.", ["Rehabilitation Psychology"]),
    # diplomate status in a field, with the board that certified it
    ("The reviewer, a licensed psychologist, holds diplomate status in Clinical Neuropsychology with the American "
     "Board of Professional Psychology.", ["Clinical Neuropsychology"]),
    ("The reviewer is Board Certified in Neurology. The employee is a certified nursing assistant.", ["Neurology"]),
    ("The reviewer is Board Certified in Family Medicine, with a specialty in Occupational Medicine.",
     ["Family Medicine", "Occupational Medicine"]),
    ("The reviewer is Board Certified in Neurology, with subspecialties in Epilepsy and Clinical Neurophysiology.",
     ["Neurology", "Epilepsy", "Clinical Neurophysiology"]),
    ("Board Certified in Plastic Surgery; she also holds a certificate in Surgery of the Hand.",
     ["Plastic Surgery", "Surgery of the Hand"]),
    ("The reviewer is Board Certified in Neurological Surgery and operates on the spine weekly; he performs spine "
     "surgery.", ["Neurological Surgery"]),
    ("The reviewer is board certified in Orthopaedic Surgery, finished a fellowship in hand surgery, and is licensed "
     "in Utah.", ["Orthopaedic Surgery"]),
    ("Board certified in Physical Medicine and Rehabilitation, with long experience in electrodiagnostic medicine.",
     ["Physical Medicine and Rehabilitation"]),
    ("The reviewer is Board Certified in Neurological Surgery, completed a fellowship in complex spine surgery, and is "
     "licensed in Texas.", ["Neurological Surgery"]),
    ("The reviewer is board certified in Orthopaedic Surgery and has a practice devoted to hand surgery.",
     ["Orthopaedic Surgery"]),
    ("The reviewer is board certified in Orthopaedic Surgery and completed a fellowship in pediatric hand surgery.",
     ["Orthopaedic Surgery"]),
    ("Reviewer credentials: fellowship trained in sports medicine. Board certified: Orthopaedic Surgery.",
     ["Orthopaedic Surgery"]),
    ("The reviewer is board certified in Internal Medicine and in Geriatric Medicine.",
     ["Internal Medicine", "Geriatric Medicine"]),
    ("The reviewer, a board-certified physiatrist, holds a subspecialty certificate in Sports Medicine.",
     ["Physical Medicine and Rehabilitation", "Sports Medicine"]),
    ("Board certified in Anesthesiology, with Addiction Medicine subspecialty certification.",
     ["Anesthesiology", "Addiction Medicine"]),
    ("The reviewer has added certification in Sleep Medicine and is board certified in Neurology.",
     ["Sleep Medicine", "Neurology"]),
    # the profession certified, though named as licensed too
    ("The reviewer is a board certified neurosurgeon licensed in Idaho and Utah.", ["Neurological Surgery"]),
    # no field named as certified: the profession is the specialty
    ("The reviewer, a licensed clinical psychologist, practises in Oregon.", ["Clinical Psychology"]),
])
def test_the_certified_fields_not_the_profession_or_an_area_of_practice(extractor, qualifications, specialties):
    """Family: where the letter names the fields the reviewer is certified in, a profession named as licensed ('a
    licensed psychologist', 'a psychologist licensed in Idaho') is the licence, not a specialty; an area of practice,
    training or experience ('performs spine surgery', 'a fellowship in hand surgery') and a field named in a sentence
    about the worker are never one."""
    assert reviewer(extractor, qualifications)["specialties"] == specialties


@pytest.mark.parametrize(("qualifications", "board"), [
    ("Specialty: Chiropractic\nBoard Certified: No\nLicensed: NV", False),
    ("Specialty: Chiropractic\nBoard Certified: Yes\nLicensed: NV", True),
    ("Specialty: Psychology\nBoard Certification: None\nLicensure: NV", False),
    ("Specialty: Psychology\nBoard Certification: N/A\nLicensure: NV", None),
    ("The reviewer is board eligible in Orthopedic Surgery and licensed in Nevada.", False),
    ("The reviewer is board-certified by the American Osteopathic Board of Family Physicians.", True),
    ("The reviewer's certification is through the American Osteopathic Board of Family Physicians.", True),
    ("The reviewer was certified through the American Board of Anesthesiology in 2004.", True),
    ("Her certification is from the American Board of Orthopaedic Surgery.", True),
    ("The reviewer is certified in Family Medicine by the American Osteopathic Board of Family Physicians.", True),
    ("Primary board ........ Neurology (American Board of Psychiatry and Neurology), certified\nLicensed: Ohio", True),
])
def test_board_certification_answered_in_a_block_or_by_eligibility(extractor, qualifications, board):
    assert reviewer(extractor, qualifications)["board_certified"] is board


def test_a_board_labels_answer_is_no_specialty(extractor):
    got = reviewer(extractor, "The Expert Reviewer has the following credentials:\nState(s) of Licensure: Idaho; California\n"
                              "Board Certified: No (board eligible)\nCertification(s)/Specialty: Orthopaedic Surgery")
    assert (got["specialties"], got["board_certified"], got["licensed_in"]) == (["Orthopaedic Surgery"], False, ["ID", "CA"])


def test_board_certified_only_where_stated(extractor):
    assert reviewer(extractor, "The reviewer is not board certified. The reviewer is a licensed psychologist in "
                               "Arizona.")["board_certified"] is False
    assert reviewer(extractor, "The reviewer practices Internal Medicine in Maine.")["board_certified"] is None
    assert reviewer(extractor, "The reviewer holds diplomate status in Clinical Psychology and is licensed in Maine.")[
        "board_certified"] is True
    assert reviewer(extractor, "Qualifications of the reviewer:\nDiplomate, American Board of Urology\nLicensed in "
                               "Maine")["board_certified"] is True
    assert reviewer(extractor, "The reviewer holds American Board of Anesthesiology certification in Anesthesiology.")[
        "board_certified"] is True
    # diplomate status held with a board, or a diplomate with it
    assert reviewer(extractor, "The reviewer holds diplomate status with the American Board of Urology.")[
        "board_certified"] is True
    assert reviewer(extractor, "She is a diplomate with the American Board of Dermatology, licensed in Maine.")[
        "board_certified"] is True


@pytest.mark.parametrize(("qualifications", "states"), [
    ("MAXIMUS Federal Services, P.O. Box 138009, Sacramento, CA 95813. The expert reviewer is Board Certified in "
     "Neurology and is licensed to practice in Texas.", ["TX"]),
    ("THE EXPERT REVIEWER IS BOARD CERTIFIED IN NEUROLOGY AND IS LICENSED IN CALIFORNIA AND IN OREGON.", ["CA", "OR"]),
    ("The reviewer is Board Certified in Neurology, is licensed in New York and has practiced in Indiana.", ["NY"]),
    ("The reviewer, licensed in the states of North Carolina, South Dakota and West Virginia, is Board Certified in "
     "Neurology.", ["NC", "SD", "WV"]),
    ("The physician reviewer is a licensed practitioner of Clinical Psychology in Vermont, Iowa,\nand Kansas.",
     ["VT", "IA", "KS"]),
    ("The reviewer is a licensed doctor of chiropractic in Arizona.", ["AZ"]),
    ("Qualifications: Licensed Clinical Psychologist, Oregon", ["OR"]),
    ("The reviewer is a licensed physician with offices in Reno, NV.", []),
    ("The reviewer is a licensed physician who trained in Texas.", []),
    ("Licensure: CA (A12345), NV (12345)", ["CA", "NV"]),
    ("State License: CA #G98765", ["CA"]),
    ("Licensed in: CA-A12345", ["CA"]),
    ("The reviewer holds license number A12345 in California and 9876 in Nevada.", ["CA", "NV"]),
    ("Licensed: Texas\nMAXIMUS Federal Services, P.O. Box 138009, Sacramento, CA 95813", ["TX"]),
    ("Licensure: AZ\nThe reviewer attests to having no conflict of interest.", ["AZ"]),
    ("The reviewer is licensed in OR and WA. The reviewer is in practice.", ["OR", "WA"]),
    ("The reviewer is Board Certified in Neurology and holds a California medical license.", ["CA"]),
    ("The reviewer has active Nevada and Arizona licenses.", ["NV", "AZ"]),
    ("The expert holds board certification in Clinical Psychology and an Oregon psychology license.", ["OR"]),
    ("The reviewer holds certification in Neurology and a Texas medical license, and practices weekly.", ["TX"]),
    ("The reviewer carries medical licenses issued by California and Arizona, and has treated patients.",
     ["CA", "AZ"]),
    ("The reviewer, Board Certified in Family Medicine with licenses from Oregon and Nevada, has practiced.",
     ["OR", "NV"]),
    ("The reviewer practices under a Texas license and is in active practice.", ["TX"]),
    # ... a second state after 'as well as', each state's licensing board
    ("The reviewer holds a current license in Iowa as well as in Kansas, and sees patients weekly.", ["IA", "KS"]),
    ("The reviewer, licensed by the Oregon Board of Psychology and by the Idaho State Board of Psychologist Examiners, is "
     "in practice.", ["OR", "ID"]),
    # a licence said to be issued, or licensure held, in the states
    ("The reviewer's medical license was issued by the State of Vermont.", ["VT"]),
    ("The reviewer keeps current licensure in Oregon and Idaho and sees patients weekly.", ["OR", "ID"]),
    # ... or licences said to be held or kept in the states
    ("Medical licenses held in Utah and Montana. In active practice for a decade.", ["UT", "MT"]),
    ("The reviewer's licensure is currently maintained in Iowa.", ["IA"]),
    ("She has licenses actively held in Ohio and Kentucky and practises weekly.", ["OH", "KY"]),
    # a clause before the licence that a word like 'and' opens is no state
    ("The reviewer is board certified in Neurology, and who practices under a Utah license, has no conflict.",
     ["UT"]),
    ("The reviewer, certified in Psychiatry and who has a Washington license, is in active practice.", ["WA"]),
    # the states' medical boards that issued the licences
    ("The reviewer holds medical licenses issued by the Medical Board of California and by the Texas Medical Board.",
     ["CA", "TX"]),
    # a table's cell, to the end of its row
    ("The Expert Reviewer has the following credentials:\n+-----------------------+-----------------+\n"
     "| State(s) of Licensure | Nevada, Utah    |\n| Certification(s)/Specialty | Neurology |\n"
     "+-----------------------+-----------------+", ["NV", "UT"]),
    # the states themselves licensing, or the licences held listed under a label
    ("This case was decided by a chiropractor licensed by Utah and by California who is in practice.", ["UT", "CA"]),
    ("The determination was made by a neurologist, licensed by the states of Idaho and Utah, who is board certified.",
     ["ID", "UT"]),
    ("The reviewer is a psychologist licensed by Oregon. The reviewer is in practice.", ["OR"]),
    ("The reviewer is board certified in Neurology. Licenses held: Arizona; New Mexico; California.", ["AZ", "NM", "CA"]),
    ("Licences held: Ohio, Indiana\nThe reviewer attests to having no conflict of interest.", ["OH", "IN"]),
    # a block's line whose leader dots read as a space
    ("REVIEWER QUALIFICATIONS:\nSpecialty ............ Internal Medicine\nLicensure ............ Oregon; Nevada\n"
     "Years in practice ............ more than ten", ["OR", "NV"]),
    # the licences issued in the states
    ("The reviewer is board certified in Neurology. His/her medical licenses were issued in Oregon and in Idaho.",
     ["OR", "ID"]),
    # the licences held through the states' boards
    ("The reviewer is board certified in Neurology. Licenses are held through the Medical Board of California and the "
     "Oregon Medical Board.", ["CA", "OR"]),
    ("QUALIFICATIONS:\n   Primary board ........ Neurology (American Board of Psychiatry and Neurology), certified\n"
     "   State licenses held ....... Arizona, California\n   Conflicts ........ none", ["AZ", "CA"]),
    # ... with a word on it, or the profession licensed
    ("Reviewer credentials:\n   Licensure, active ............ Utah; Idaho\n   Years in practice ........ 12", ["UT", "ID"]),
    ("CREDENTIALS OF THE EXPERT REVIEWER\nLicensed psychologist ........ Oregon; Washington\nBoard certification .... "
     "Clinical Psychology", ["OR", "WA"]),
])
def test_licences_only_where_a_licensing_wording_names_the_state(extractor, qualifications, states):
    assert reviewer(extractor, qualifications)["licensed_in"] == states


@pytest.mark.parametrize("told", [
    "About the reviewer: the physician who decided this item holds board certification in\n\nNeurology and holds an "
    "active license to practice medicine in Oregon.",
    "The Expert Reviewer has the following credentials:\n\nState(s) of Licensure: Oregon\n\n"
    "Certification(s)/Specialty: Neurology\n",
    "Credentials of the Expert Reviewer:\n\nState(s) of Licensure:\tOregon\n\nIMR Case No.  CM16-0101010        Page 1 of 3\n\n"
    "Certification(s)/Specialty:\tNeurology\n",
    "Expert Reviewer's credentials:\nLicensure: Oregon\nSpecialty: Neurology\n",
    # a credentials heading on its own line, a statement of who performed the review or of the reviewer for the case
    "CREDENTIALS OF THE EXPERT REVIEWER\nSpecialty: Neurology\nLicensure: Oregon\n",
    "This review was performed by a neurologist. Board certifications held: Neurology. Active medical licenses: Oregon.",
    "The expert reviewer for this case is a neurologist in active practice, board certified in Neurology and licensed "
    "in Oregon.",
    # a credentials label with a note in brackets
    "Expert reviewer credentials (given here at the reviewer's request): licensed in Oregon; board certified in Neurology.",
    # a sentence whose subject is the reviewer told by a relative clause
    "The reviewer who examined these records holds board certification in Neurology and is licensed in Oregon.",
    "The physician who decided this review is board-certified in Neurology and is licensed to practice in Oregon.",
])
def test_a_reviewer_told_outside_a_qualifications_section_that_says_nothing_of_them(extractor, told):
    """Family: the qualifications section in general words only, the reviewer's board, specialty and licence in a
    statement or a credentials block after the summary or after the last item."""
    text = fdl_letter("The worker has neck pain.", ITEMS, qualifications="The reviewer has no conflict of "
                      "interest.") + "\n" + told + "\n"
    got = extractor.extract(parse(document(text))).to_json()["reviewer"]
    assert (got["specialties"], got["licensed_in"]) == (["Neurology"], ["OR"])


@pytest.mark.parametrize("closing", [
    # a signature: the reviewer's title and the organisation over the credentials' lines, copies to others after
    "Respectfully,\n\n\nPhysician Reviewer\nMAXIMUS Federal Services\nBoard Certification:    Neurology\n"
    "State Licensure:        Oregon\n\ncc: [        ], M.D. - Orthopaedic Surgery (licensed in Idaho)\n",
    # ... the title and the organisation on one line
    "Electronically signed,\n\n   ______________\n   Expert Reviewer, MAXIMUS Federal Services\n   Board Certified: "
    "Neurology\n   Licensure: Oregon\n   Date signed: 05/05/2016\n\ncc: [      ], D.O., treating physician (licensed in "
    "Idaho)\n",
    # a profile under its heading with a note, and a note on other physicians after a blank line
    "REVIEWER PROFILE (as referred to above)\nBoard Certification:   Neurology\nState(s) of Licensure:   Oregon\n\n"
    "Other physicians in the file: the treating surgeon is an orthopaedic surgeon licensed in Idaho.\n",
    # a statement, then other physicians' credentials said not to be the reviewer's, in a paragraph apart (the letter
    # built here parts its paragraphs with one blank line: two part these)
    "About the reviewer:\nThe reviewer is board certified in Neurology and licensed in Oregon.\n\n\nFor the parties' "
    "information, and not as part of the reviewer's credentials: the utilization review physician is board certified in "
    "Psychiatry and licensed in Idaho.\n",
    # a statement that goes on to other physicians
    "Closing statement on the reviewer:\nThe reviewer is board certified in Neurology and holds a license issued by "
    "Oregon. The reviewer has never treated the worker and does not know the treating neurosurgeon or the "
    "psychiatrist, licensed in Idaho, who saw her for the agreed evaluation.\n",
    # ... or to a numbered note on another physician
    "Notes:\n1  Expert reviewer: Diplomate, American Board of Psychiatry and Neurology, in Neurology. Licensed in "
    "Oregon.\n2  The QME named in the summary is [      ], M.D., an orthopaedic surgeon licensed in Idaho.\n",
])
def test_a_reviewer_told_in_a_closing_beside_other_physicians(extractor, closing):
    """Family: the reviewer's credentials in a signature or a closing statement, beside other physicians' specialties
    and licences (copies to them, the physicians the reviewer does not know, a note on the evaluator)."""
    text = fdl_letter("The worker has neck pain.", ITEMS, qualifications="The reviewer has no conflict of "
                      "interest. The reviewer's board certification and licensure are given at the close of this "
                      "letter.") + "\n" + closing
    got = extractor.extract(parse(document(text))).to_json()["reviewer"]
    assert (got["specialties"], got["licensed_in"]) == (["Neurology"], ["OR"])


def test_a_double_spaced_credentials_block_reads_on_past_its_blank_lines(extractor):
    """A credentials block whose every line is followed by a blank line reads on past them, prose lines too."""
    closing = ("EXPERT REVIEWER CREDENTIALS\n\nThe physician who decided this review is board certified in Neurology,"
               "\n\nwith a subspecialty in Clinical Neurophysiology, and holds licenses in\n\nOregon and Utah.\n")
    text = fdl_letter("The worker has neck pain.", ITEMS, qualifications="The reviewer has no conflict of interest. "
                      "The reviewer's credentials are given at the close of this letter.") + "\n" + closing
    got = extractor.extract(parse(document(text))).to_json()["reviewer"]
    assert (got["specialties"], got["licensed_in"]) == (["Neurology", "Clinical Neurophysiology"], ["OR", "UT"])


@pytest.mark.parametrize("pointer", [
    "The reviewer's board certification and licences are given at the close of the letter.",
    "The reviewer's board certification and state licenses are listed below.",
    "The reviewer's specialty, board certification and state licensure are set out in the last section of this letter.",
    "The reviewer's licensure and board certification are stated after the clinical case summary below.",
    "A statement of the reviewer's licensure and certification follows the clinical case summary.",
    "The reviewer's licences and board appear in the Reviewer Profile printed at the close of this letter.",
    "The reviewer's board and licences are entered in the table placed directly after the case summary.",
    "The reviewer's attestation, with the reviewer's board and licences, closes this letter.",
    # ... or back to where they were told
    "The reviewer's licensure and board certification were given in the rationale above.",
])
def test_a_qualifications_section_that_sends_the_reader_to_the_credentials_elsewhere(extractor, pointer):
    """A qualifications section whose only words on credentials point to where they are told: the reviewer is the
    one told there."""
    text = fdl_letter("The worker has neck pain.", ITEMS, qualifications="The reviewer has no conflict of interest. "
                      + pointer) + "\nAbout the reviewer: this physician holds Board Certification in Neurology and is " \
        "licensed to practice in Oregon.\n"
    got = extractor.extract(parse(document(text))).to_json()["reviewer"]
    assert (got["specialties"], got["licensed_in"], got["board_certified"]) == (["Neurology"], ["OR"], True)


@pytest.mark.parametrize(("told", "expected"), [
    # the reviewer's title alone on its line over a block of credentials at the letter's close
    ("\nEXPERT REVIEWER\nState licenses held .......... Utah, Idaho\nPrimary board ........ Neurology, certified\n",
     (["Neurology"], ["UT", "ID"], True)),
    # ... a longer block, its licences on its fifth line
    ("\nEXPERT REVIEWER PROFILE\nDegree ........ MD\nPrimary board ........ Neurology (American Board of Psychiatry\n"
     "                and Neurology), certified\nAdded qualification ........ Clinical Neurophysiology\n"
     "State licenses held ........ Utah, Idaho\nYears in practice ........ 12\n",
     (["Neurology", "Clinical Neurophysiology"], ["UT", "ID"], True)),
    # a note on credentials between the summary and the decisions
    ("\nReviewer's note on credentials: The reviewer is board certified in Neurology and holds licenses issued by the "
     "Medical Board of California and by the Oregon Medical Board.\n", (["Neurology"], ["CA", "OR"], True)),
    # an attestation under its heading, or a note on the credentials with a remark before its colon
    ("\n4. ATTESTATION OF THE EXPERT REVIEWER\nI am board certified in Neurology and hold a license issued by the Oregon "
     "Medical Board.\n", (["Neurology"], ["OR"], True)),
    ("\nNote on the reviewer's credentials, supplied at the reviewer's wish:\nThe reviewer is board certified in Neurology "
     "and holds licenses granted by the Oregon Medical Board.\n", (["Neurology"], ["OR"], True)),
    # ... or a table of the licensing boards whose value goes on in a row under it
    ("\nEXPERT REVIEWER\n| Specialty          | Neurology                  |\n| Board certification | Yes                     |\n"
     "| Licensing boards   | Oregon Medical Board;      |\n|                    | Utah Medical Board         |\n"
     "| Years in practice  | 12                         |\n", (["Neurology"], ["OR", "UT"], True)),
    # a table's rows under the reviewer's title, the first cell a profession, the board as a diplomate's abbreviation
    ("\nEXPERT REVIEWER\n Neurologist   | Dipl. ABPN (Neurology); Subspecialty: Sleep Medicine\n Licensure     | OR "
     "(active); UT (active)\n", (["Neurology", "Sleep Medicine"], ["OR", "UT"], True)),
    # a profile's rows told active beside a label, a subspecialty certificate over a row of licences no longer held
    ("\nEXPERT REVIEWER PROFILE\nPrimary board certification ...... Neurology\nSubspecialty certificate ...... Sleep "
     "Medicine\nState medical licenses, active ...... Utah, Idaho\nLicensure no longer held ...... Ohio (lapsed)\n",
     (["Neurology", "Sleep Medicine"], ["UT", "ID"], True)),
    ("\nEXPERT REVIEWER\n-------------+-------------\n Board certification | Neurology\n Licensure (active) | Utah; "
     "Idaho\n Licensure (former) | Ohio\n-------------+-------------\n", (["Neurology"], ["UT", "ID"], True)),
    # ... a signature's lines, the last state's own licence not renewed
    ("\nRespectfully,\nExpert Reviewer, MAXIMUS Federal Services\nBoard certified in Neurology\nActive medical licenses: "
     "Utah, Idaho\nOhio license not renewed (inactive since 2015)\n", (["Neurology"], ["UT", "ID"], True)),
    # ... a table's row of licences by its bar
    ("\nEXPERT REVIEWER\n Board certification | Neurology\n Current state licenses | Utah; Idaho\n", (["Neurology"],
                                                                                                   ["UT", "ID"], True)),
    # ... a signature's credentials under the letter's closing, a state no longer licensed told before its name
    ("\nSincerely,\n , M.D.\nDiplomate, American Board of Psychiatry and Neurology, in Neurology\nLicensure: UT (active); "
     "ID (active)\nOhio license: inactive - not currently licensed in Ohio\nExpert Reviewer\n",
     (["Neurology"], ["UT", "ID"], True)),
    # ... or abbreviated on one line, under 'Reviewer:' alone
    ("\nReviewer: Bd Cert: Neuro Surg; Lic: UT / ID; Yrs practice: 12\n", (["Neurological Surgery"], ["UT", "ID"], True)),
    ("\nReviewer credentials (short form): Bd. Cert. Neurology; Subspec. Cert. Sleep Medicine; Lic. UT / ID; 12 yrs\n",
     (["Neurology", "Sleep Medicine"], ["UT", "ID"], True)),
    # a statement of the reviewer's credentials under its heading
    ("\nSTATEMENT OF REVIEWER CREDENTIALS\nThe reviewer is a Diplomate of the American Board of Psychiatry and Neurology, "
     "certified in Neurology, and holds licenses issued by the Oregon Medical Board.\n", (["Neurology"], ["OR"], True)),
])
def test_the_reviewers_credentials_under_a_title_or_a_note_elsewhere(extractor, told, expected):
    """Family: the reviewer's credentials told outside the qualifications section under the reviewer's title alone on
    its line over a credentials block, or under 'Reviewer's note on credentials:'."""
    text = fdl_letter("The worker has neck pain.", ITEMS, qualifications="The reviewer has no conflict of interest. "
                      "The reviewer's board certification and licences are given at the close of the letter.") + told
    got = extractor.extract(parse(document(text))).to_json()["reviewer"]
    assert (got["specialties"], got["licensed_in"], got["board_certified"]) == expected


@pytest.mark.parametrize(("pointer", "told"), [
    # a double-spaced signature, the organisation named mid-line
    ("The states in which the reviewer is licensed, and the reviewer's board, are shown in the signature block that "
     "ends this letter.",
     "Yours truly,\n\n\nExpert Reviewer\n\nIndependent Medical Review Unit, MAXIMUS Federal Services\n\nBoard Certified: "
     "Neurology\n\nState Licenses: Oregon\n\ncc: [      ], M.D., Orthopaedic Surgery (requesting physician)\n"),
    # a line of its own under other clinicians' lines, the pointer naming the line
    ("The reviewer's board and licences appear on the line headed \"Reviewer credentials\" below.",
     "Treating physician:  [    ], MD  |  Orthopaedic Surgery  |  Lic: ID\nReviewer credentials: Bd Cert: Neurology; "
     "Lic: OR\n"),
    # a numbered note at a page's foot, another clinician's note under it
    ("The reviewer's board certification and licensure are given in note 1 at the foot of this page.",
     "1 Expert Reviewer: Board Certified in Neurology; licensed to practice in Oregon.\n2 The Agreed Medical Evaluator is "
     "a Diplomate of the American Board of Orthopaedic Surgery and holds a license in Idaho.\n"),
    # a note marked by an asterisk, a note on other physicians marked by two
    ("The reviewer's board and licences are set out in the note marked with an asterisk below.",
     "* Expert reviewer: board certified in Neurology; licenses issued by the Oregon Medical Board.\n** Requesting "
     "physician, per the request for authorization: board certified in Orthopaedic Surgery, licensed in Idaho.\n"),
    # the reviewer in the first person, or as 'this reviewer, who ...', in a paragraph of the rationale
    ("The reviewer's certification and licensure are stated in the rationale above.",
     "The request was weighed against the guideline. I am board certified in Neurology and hold a medical license in "
     "Oregon, and in my practice this request would not be made.\n"),
    ("The reviewer's board and licences are given in the discussion below.",
     "The utilization review physician, who is board certified in Orthopaedic Surgery, agreed. This reviewer, who is "
     "board certified in Neurology and licensed in Oregon, has read the imaging.\n"),
    # pointers in words of their own, naming no state: a signature panel's heading and its leader dots
    ("The board this reviewer holds, and the states that license the reviewer, appear in the signature panel on the "
     "last page.",
     "REVIEWER SIGNATURE PANEL\nSigned electronically by the Expert Reviewer\nBoard certification ........ Neurology\n"
     "Licensed in ........ Oregon\n\nOther clinicians: the treating surgeon is licensed in Idaho.\n"),
    # ... a note led by a bracketed number, another clinician's note under it
    ("Particulars of the reviewer's board and licences are in note (1).",
     "(1) The physician who decided this review: certified by the American Board of Psychiatry and Neurology in "
     "Neurology; holds a medical license issued by Oregon.\n(2) The panel QME is board certified in Orthopaedic Surgery "
     "and licensed in Idaho.\n"),
    # ... the reviewer in the first person, named as the undersigned, or holding the certification
    ("The reviewer states the reviewer's own certification and licensure in the closing remarks that end this report.",
     "CLOSING REMARKS\nThe treating surgeon is licensed in Idaho. I, the undersigned reviewer, am a physician with "
     "board certification in Neurology, and I hold a license in Oregon.\n"),
    ("A personal statement of the reviewer's standing is appended after the decisions.",
     "I hold certification from the American Board of Psychiatry and Neurology in Neurology, and I am licensed to "
     "practise in Oregon.\n"),
    # ... a signature whose title names the program after a comma
    ("Recorded beneath the reviewer's signature.",
     "Physician Reviewer, Independent Medical Review\nMAXIMUS Federal Services\nBoard certified: Neurology\nLicensed in: "
     "Oregon\n\ncc: Requesting physician (Orthopaedic Surgery, licensed in Idaho)\n"),
    # ... a closing heading without a colon, who reached the decisions
    ("Where the reviewer is certified and licensed is told at the close of this letter.",
     "SOME WORDS ABOUT THE REVIEWER\n\nThe decisions above were rendered by a neurologist. He is board certified in "
     "Neurology and holds a license from the Oregon Medical Board.\n\nThe treating surgeon is licensed in Idaho.\n"),
    # ... the letter signed by the reviewer, named by a profession
    ("The reviewer's credentials are made known over the signature at the end of this letter.",
     "This letter is signed on behalf of the review organisation by the reviewing neurologist, who is board certified "
     "in Neurology and holds a license in Oregon.\n\ncc: Requesting surgeon, licensed in Idaho\n"),
    # ... a signature line over the credentials
    ("See the signature below for the reviewer's standing.",
     "_______________________\nReviewing physician (signed electronically)\nNeurology - Diplomate, American Board of "
     "Psychiatry and Neurology\nState licensure: Oregon\n\nRequesting physician: Orthopaedic Surgery, licensed in Idaho\n"),
    # ... the reviewer's closing statement in the first person, a profession named first
    ("The reviewer's own statement closes this letter.",
     "Reviewer's closing remarks\n\nFor the record, I am a neurologist, board certified in Neurology, with a license "
     "to practise in Oregon.\n"),
    # ... a note at a page's foot led by the reviewer's words for the reviewer of record
    ("The reviewer's board status and licensure are printed in note (1) at the foot of this page.",
     "Expert Reviewer Case Summary:\nThe worker is a certified nursing assistant.\n____\n(1) Reviewer of record: board "
     "certified in Neurology; licensed in Oregon.\n(2) The QME is a board-certified orthopaedic surgeon licensed in "
     "Idaho.\n"),
    # ... the reviewer in the first person, then other clinicians named in the same paragraph
    ("The reviewer's statement of credentials follows the decisions.",
     "REVIEWER STATEMENT:\nI, the undersigned reviewer, am board certified in Neurology and hold a license in Oregon. I "
     "have no tie to the requesting surgeon, who is board certified in Orthopaedic Surgery and licensed in Idaho.\n"),
    # ... a note holding the certification, a signature panel whose lines name the field and then the licences
    ("Particulars of the reviewer's board and licences are in note (1).",
     "(1) The physician who decided this review holds certification in Neurology from the American Board of Psychiatry "
     "and Neurology and is licensed in Oregon.\n(2) The treating physician is licensed in Idaho.\n"),
    ("The reviewer's board and licences are printed in the signature panel below.",
     "REVIEWER SIGNATURE PANEL\nElectronically signed by the physician reviewer\nPhysician Reviewer, Independent "
     "Medical Review Program\nCertified in Neurology by the American Board of Psychiatry and Neurology\nLicenses issued "
     "by Oregon\n"),
    # ... the pointer's words wrapped at the line's end on the heading's name ('... in the Reviewer Profile' / 'at the
    # end'), the heading itself at the letter's end
    ("The reviewer's board and licences are given in the Reviewer Profile\nthat closes this letter.",
     "Reviewer Profile\nBoard certification: Neurology\nLicensed in: Oregon\n"),
    # ... a statement of the reviewer in the first person under its label
    ("The reviewer's board and licences are set out after the decisions.",
     "Statement of the reviewer:\nI was certified by the American Board of Psychiatry and Neurology in Neurology, and I "
     "practise under a license issued by Oregon.\n\ncc: Requesting surgeon, licensed in Idaho\n"),
    # ... the reviewer's title over a table with a heading row and a rule
    ("The reviewer's board and licences are tabled at the end of this letter.",
     "EXPERT REVIEWER\n| Field              | Detail                    |\n|--------------------+---------------------------|\n"
     "| Board certified in | Neurology                 |\n| Licensed by        | Oregon Medical Board      |\n"
     "| Practice           | over five years           |\n"),
    # ... the reviewer's own voice in the rationale
    ("The reviewer's certification and licensure are stated in the rationale above.",
     "Speaking as a neurologist certified by the American Board of Psychiatry and Neurology in Neurology and licensed in "
     "Oregon, this reviewer finds the request unsupported.\n"),
])
def test_the_reviewers_credentials_in_a_closing_a_note_or_the_rationale(extractor, pointer, told):
    """Family: a qualifications section pointing elsewhere (the signature block, a line headed by a label, a note at a
    page's foot, the rationale), the reviewer's credentials told there beside another clinician's; the pointing
    sentence itself is no statement of them."""
    text = fdl_letter("The worker has neck pain.", ITEMS, qualifications="The reviewer has no conflict of interest. "
                      + pointer) + "\n" + told
    got = extractor.extract(parse(document(text))).to_json()["reviewer"]
    assert (got["specialties"], got["licensed_in"], got["board_certified"]) == (["Neurology"], ["OR"], True)


@pytest.mark.parametrize(("qualifications", "expected"), [
    # a credentials line in abbreviations
    ("Credentials on file: DO; Bd Cert: Physical Medicine and Rehabilitation; Subspec Bd Cert: Pain Med; Lic: NV / AZ",
     (["Physical Medicine and Rehabilitation", "Pain Medicine"], ["NV", "AZ"], True)),
    # ... the licence's abbreviation bare before its codes; a licences label with its status in brackets and a colon
    ("Credentials on file: Bd Cert: Neurology; Lic NV / UT / ID", (["Neurology"], ["NV", "UT", "ID"], True)),
    ("Board certified in Neurology. Medical licenses (active): NV and UT", (["Neurology"], ["NV", "UT"], True)),
    # ... a table naming the field and the board, the board in the other spelling of the field
    ("REVIEWER\n| Board certification | Orthopedic Surgery                    |\n| Certifying board    | American Board of "
     "Orthopaedic Surgery |\n| Licensed in         | Nevada                                |\n",
     (["Orthopedic Surgery"], ["NV"], True)),
    # a table of columns whose last header is the years in practice
    ("REVIEWER QUALIFICATIONS:\n Field            Board certified    Licensed in         Years in practice\n"
     " Neurology        Yes (ABPN)         Nevada, Utah        14\n", (["Neurology"], ["NV", "UT"], True)),
    # a block whose labels ran into the values before them
    ("The Expert Reviewer has the following credentials:State(s) of Licensure:Nevada, ArizonaCertification(s)/Specialty:"
     "Neurology", (["Neurology"], ["NV", "AZ"], None)),
])
def test_the_reviewers_credentials_abbreviated_tabled_or_run_together(extractor, qualifications, expected):
    """Family: credentials written in a line of abbreviations ('Bd Cert:', 'Lic: NV / AZ', 'Pain Med'), as a table's
    rows under column headers, or with a label run into the last state before it."""
    got = reviewer(extractor, qualifications)
    assert (got["specialties"], got["licensed_in"], got["board_certified"]) == expected


SINGLE_ISSUE = """MEDICAL PROFESSIONAL REVIEW

IMR Case Number: CM18-0044556
Review Date: 03/02/2018

ISSUE AT DISPUTE:
Physical therapy 8 sessions for the left wrist

CASE SUMMARY:
The applicant is a 36 year old warehouse picker who sprained her left wrist on 01/05/2017.

RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS NOT MEDICALLY NECESSARY:
She already completed twelve visits, so more therapy is not medically necessary.

{heading}
Certification(s)/Specialty: Physical Medicine & Rehabilitation; Sports Medicine
Licensure: Kentucky, Tennessee
"""


@pytest.mark.parametrize("heading", [
    "MEDICAL REVIEWER QUALIFICATIONS:", "QUALIFICATIONS OF THE PROFESSIONAL REVIEWER:", "Qualifications:",
    "Expert Reviewer Qualifications:", "REVIEWER CREDENTIALS:",
])
def test_a_single_issue_reviews_credential_block_under_its_heading_wordings(extractor, heading):
    parsed = parse(document(SINGLE_ISSUE.format(heading=heading)))
    result = extractor.extract(parsed).to_json()
    assert result["reviewer"] == {"specialties": ["Physical Medicine & Rehabilitation", "Sports Medicine"],
                                  "board_certified": None, "licensed_in": ["KY", "TN"]}
    assert result["items"][0]["rationale"].endswith("not medically necessary.")


# ---- the specialty list ------------------------------------------------------------------------------------


def test_every_listed_name_is_title_case_and_names_itself():
    table = vocab.specialties()
    small = {"and", "of", "the", "within", "in", "with"}
    for name in set(table.values()):
        assert table[name.lower()] == name
        assert all(w[0].isupper() or w in small for w in re.split(r"[\s/-]+", name.replace(",", ""))), name


@pytest.mark.parametrize(("wording", "name"), [
    ("orthopedic surgery", "Orthopedic Surgery"), ("orthopaedic surgery", "Orthopaedic Surgery"),
    ("orthopaedic surgeon", "Orthopaedic Surgery"), ("hand surgery", "Surgery of the Hand"),
    ("pm&r", "Physical Medicine and Rehabilitation"), ("physiatrist", "Physical Medicine and Rehabilitation"),
    ("pain management", "Pain Medicine"), ("preventative medicine", "Preventive Medicine"),
    ("psychosomatic medicine", "Psychosomatic Medicine"), ("family practice", "Family Practice"),
    ("chiropractor", "Chiropractic"), ("licensed acupuncturist", "Acupuncture"), ("physical therapist", "Physical Therapy"),
    ("electrodiagnostic medicine", "Electrodiagnostic Medicine"), ("cardiology", "Cardiovascular Disease"),
    ("neuromusculoskeletal medicine", "Neuromusculoskeletal Medicine"), ("clinical neuropsychology",
                                                                          "Clinical Neuropsychology"),
    ("licensed clinical psychologist", "Clinical Psychology"), ("licensed psychologist", "Psychology"),
])
def test_specialty_wordings_and_aliases(wording, name):
    assert vocab.specialties()[wording] == name


@pytest.mark.parametrize(("words", "reported"), [
    # a field's own name is reported as the letter writes it, in title case
    ("Hand Surgery", "Hand Surgery"), ("surgery of the hand", "Surgery of the Hand"), ("PAIN MANAGEMENT", "Pain Management"),
    ("Doctor of Chiropractic", "Chiropractic"),
    ("Foot Surgery", "Foot Surgery"), ("Physical Medicine & Rehabilitation", "Physical Medicine & Rehabilitation"),
    ("Cardiology", "Cardiology"), ("Neurosurgery", "Neurosurgery"),
    # ... a physician's title, shorthand or a misspelling by the field's name
    ("hand surgeon", "Surgery of the Hand"), ("Physiatrist", "Physical Medicine and Rehabilitation"),
    ("PM&R", "Physical Medicine and Rehabilitation"), ("Pain Med", "Pain Medicine"), ("Chiropractor", "Chiropractic"),
    ("licensed clinical psychologist", "Clinical Psychology"), ("Preventative Medicine", "Preventive Medicine"),
    ("ORTHOPAEDIC SURGERY", "Orthopaedic Surgery"), ("Occ Med", "Occupational Medicine"),
])
def test_a_specialty_is_reported_as_the_letter_names_its_field(words, reported):
    assert vocab.specialty_as_named(words) == reported


def test_every_specialty_wording_says_how_it_is_reported():
    rows = (vocab.ontology_dir() / "specialties.tsv").read_text(encoding="utf-8").splitlines()
    assert rows[0].split("\t") == ["surface", "canonical", "board", "reported"]
    for row in rows[1:]:
        surface, canonical, _, reported = row.split("\t")
        assert reported in {"written", "canonical"}, row
        assert reported == "canonical" or surface.lower() != canonical.lower(), row


@pytest.mark.parametrize(("statement", "specialties"), [
    ("The expert reviewer is board certified in Orthopedic Surgery with a subspecialty in Hand Surgery and is licensed "
     "in California.", ["Orthopedic Surgery", "Hand Surgery"]),
    ("The expert reviewer is board certified in Anesthesiology and Pain Management and is licensed in California.",
     ["Anesthesiology", "Pain Management"]),
    ("The expert reviewer is a board-certified physiatrist licensed in California.",
     ["Physical Medicine and Rehabilitation"]),
    ("The expert reviewer is board certified in Hand Surgery (Surgery of the Hand) and is licensed in California.",
     ["Hand Surgery"]),
])
def test_the_reviewers_specialties_as_the_letter_names_them(extractor, statement, specialties):
    assert reviewer(extractor, statement)["specialties"] == specialties


@pytest.mark.parametrize(("statement", "specialties", "states"), [
    ("The reviewer is board certified in Neurology and licensed in Colorado and Utah; an Idaho license the reviewer "
     "used to hold has lapsed.", ["Neurology"], ["CO", "UT"]),
    ("Licensure: Oregon, Nevada (inactive since 2016), California\nBoard certification: Family Medicine",
     ["Family Medicine"], ["OR", "CA"]),
    ("Bd Cert: Psychiatry; Lic: CA / HI (expired)", ["Psychiatry"], ["CA"]),
    ("The reviewer was previously board certified in Internal Medicine and is now board certified in Occupational "
     "Medicine, with licenses in Texas and California.", ["Occupational Medicine"], ["TX", "CA"]),
    ("The reviewer holds board certification in Anesthesiology; a certificate in Critical Care Medicine, earned in "
     "2004, was not renewed. Licensed in Arizona.", ["Anesthesiology"], ["AZ"]),
    ("The reviewer's former licence in Montana is of no account here; the reviewer is licensed in Washington and "
     "board certified in Orthopedic Surgery.", ["Orthopedic Surgery"], ["WA"]),
    ("The reviewer holds an active license to practise medicine in California and in Nevada and is board certified in "
     "Physical Medicine and Rehabilitation.", ["Physical Medicine and Rehabilitation"], ["CA", "NV"]),
    # ... once held, for a time, or set down as no longer current in a table of credentials
    ("The reviewer is board certified in Urology and licensed in Kansas. The reviewer also held a license in Missouri at "
     "one time; it is no longer in force.", ["Urology"], ["KS"]),
    ("The reviewer is board certified in Psychiatry and held added certification in Forensic Psychiatry from 2005 until "
     "2015. Licensed in Vermont.", ["Psychiatry"], ["VT"]),
    # ... or a profession left for medicine
    ("The reviewer, a licensed respiratory therapist before medical school, is board certified in Pulmonary Disease "
     "and licensed in Iowa.", ["Pulmonary Disease"], ["IA"]),
    ("REVIEWER CREDENTIALS\nBoard certification | Urology\nEarlier profession | Licensed pharmacist (Ohio)\n"
     "State licensure | Kansas", ["Urology"], ["KS"]),
    ("REVIEWER CREDENTIALS\nCredential                   | Status\nMedical license - Maine      | Active\n"
     "Medical license - New York   | Revoked at the reviewer's request 2019\nMedical license - Ohio       | Active\n"
     "Board certification          | Dermatology - current", ["Dermatology"], ["ME", "OH"]),
    # a row of credentials no longer held speaks of its own cell, not of the row above it
    ("EXPERT REVIEWER CREDENTIALS\n Board certifications   | Urology; Pediatric Urology (subspecialty)\n"
     " Licensed in            | WA, ID, MT\n Former licenses        | OR (surrendered 2015)\n Practice | 22 years",
     ["Urology", "Pediatric Urology"], ["WA", "ID", "MT"]),
    ("REVIEWER CREDENTIALS\n| Certified in | Rheumatology |\n| Licensure | Maine, Vermont |\n"
     "| Licenses no longer held | New Hampshire (lapsed) |", ["Rheumatology"], ["ME", "VT"]),
    # a block's line of licences no longer held under the current ones, by a label with a colon or leader dots
    # a licence row told current or in force, under others no longer held; another clinician after a colon
    ("QUALIFICATIONS:\nSpecialty ........ Neurology\nLicensure (current) ........ Oregon; Utah\nLicensure (former) "
     "........ Idaho - expired 2014\n\nFor reference only: the requesting physician is a physiatrist, licensed in "
     "Nevada.", ["Neurology"], ["OR", "UT"]),
    ("License(s) in force: Oregon\nLicense(s) not held: Idaho - expired 2010\nBoard certification: Neurology",
     ["Neurology"], ["OR"]),
    ("Bd Cert - Neurology (ABPN). Lic - OR, UT (active); ID (lapsed 2009).", ["Neurology"], ["OR", "UT"]),
    ("Certification(s)/Specialty: Prev. Med. / Occ. Med.\nState(s) of Licensure: OR; UT", ["Preventive Medicine",
                                                                                         "Occupational Medicine"], ["OR", "UT"]),
    ("Bd Cert: Internal Med; Occupational Med. Lic: OR / UT.", ["Internal Medicine", "Occupational Medicine"],
     ["OR", "UT"]),
    ("QUALIFICATIONS:\nBoard certification ........ Neurology\nSubspecialty certification ........ Sleep Medicine\n"
     "Licensed in ........ Oregon", ["Neurology", "Sleep Medicine"], ["OR"]),
    ("State(s) of Licensure: Oregon, Nevada\nFormer licensure (inactive, not current): Idaho\nCertification(s)/Specialty: "
     "Dipl. ABPN - Neurology", ["Neurology"], ["OR", "NV"]),
    ("QUALIFICATIONS:\nBoard certification ........ Neurology, certified\nCurrent state licensure ........ Oregon\n"
     "Prior licensure (lapsed) ........ Idaho - not renewed after 2009", ["Neurology"], ["OR"]),
    # a licence in retired status
    ("Board certified in Neurology. Licensure: OR (active); NV (active); ID (retired status since 2015 - not licensed)",
     ["Neurology"], ["OR", "NV"]),
    # a block's licences after leader dots, each with its status; the board told by its status
    ("QUALIFICATIONS OF THE REVIEWER:\nSpecialty .......... Urology\nBoard status ........ Certified, American Board of "
     "Urology\nMedical licenses ....... Nevada (active); Utah (active); Ohio (inactive\n     since 2011)\n"
     "Practice ........ over 20 hours a week", ["Urology"], ["NV", "UT"]),
    # ... the state named again where the reviewer no longer practises
    ("Board certified in Urology. Licenses are held from Nevada and Utah. An Ohio license is kept in inactive status; "
     "the reviewer does not practice in Ohio.", ["Urology"], ["NV", "UT"]),
])
def test_credentials_the_reviewer_no_longer_holds_are_left_out(extractor, statement, specialties, states):
    found = reviewer(extractor, statement)
    assert (found["specialties"], found["licensed_in"]) == (specialties, states)


@pytest.mark.parametrize(("statement", "specialties"), [
    ("The reviewer, a psychologist, holds board certification in Rehabilitation Psychology and a license in Oregon.",
     ["Rehabilitation Psychology"]),
    ("This determination was written by a psychologist with a Nevada license who is a diplomate in Clinical "
     "Neuropsychology.", ["Clinical Neuropsychology"]),
    ("Reviewer: psychologist (PsyD); board certified in Police and Public Safety Psychology; licensed in Arizona.",
     ["Police and Public Safety Psychology"]),
    ("The reviewer is a physical therapist, board certified in Orthopaedic Physical Therapy, licensed in Idaho.",
     ["Orthopaedic Physical Therapy"]),
    # (a field that names the profession first is the profession's own: both stay)
    ("The reviewer is a chiropractor who is board certified in Chiropractic Neurology and licensed in Utah.",
     ["Chiropractic", "Chiropractic Neurology"]),
    ("The reviewer is a psychologist licensed in Oregon.", ["Psychology"]),
])
def test_a_profession_is_no_specialty_beside_a_field_of_it_certified(extractor, statement, specialties):
    assert reviewer(extractor, statement)["specialties"] == specialties


def test_the_list_covers_the_boards_and_professions():
    names = set(vocab.specialties().values())
    assert len(names) >= 150
    for name in ("Allergy and Immunology", "Colon and Rectal Surgery", "Dermatology", "Emergency Medicine",
                 "Medical Genetics and Genomics", "Nuclear Medicine", "Obstetrics and Gynecology", "Ophthalmology",
                 "Otolaryngology", "Pathology", "Pediatrics", "Radiology", "Thoracic Surgery", "Urology",
                 "Addiction Medicine", "Sports Medicine", "Sleep Medicine", "Hospice and Palliative Medicine",
                 "Osteopathic Manipulative Medicine", "Clinical Psychology", "Chiropractic", "Acupuncture",
                 "Physical Therapy", "Occupational Therapy", "Podiatry"):
        assert name in names, name


# ---- robustness ---------------------------------------------------------------------------------------------

WORDS = st.sampled_from(["a", "52", "year", "old", "-year-old", "y/o", "aged", "male", "female", "M", "F", "he", "she",
                         "his/her", "worked", "as", "employed", "by", "former", "is", "an", "clerk", "  ", "\n",
                         "___", "[redacted]", ",", ".", "Mr.", "who", "thirty-nine", "board", "certified", "in",
                         "Surgery", "of", "the", "Hand", "licensed", "CA", "OR", "State(s) of Licensure:"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(summary=st.lists(WORDS, max_size=40).map(" ".join), qualifications=st.lists(WORDS, max_size=30).map(" ".join))
def test_any_wording_reads_without_error_and_values_are_well_formed(extractor, summary, qualifications):
    result = extract(extractor, summary or "x", qualifications=qualifications)
    person, expert = result["patient"], result["reviewer"]
    assert person["age"] is None or 14 <= person["age"] <= 100
    assert person["sex"] in (None, "male", "female")
    assert person["occupation"] is None or "  " not in person["occupation"] and "_" not in person["occupation"]
    assert all(re.fullmatch(r"[A-Z]{2}", s) for s in expert["licensed_in"])
    assert expert["board_certified"] in (None, True, False)


@pytest.mark.parametrize(("summary", "date"), [
    ("The worker, a 47 year old electrician, was on the date of 19 February 2015 pulling cable overhead.",
     "2015-02-19"),
    ("Seen in clinic on 1/2/2017. She was injured on 3/4/2016 while reaching for a box.", "2016-03-04"),
    ("He was at work on 05/06/2017 when a sudden pain came on in his back.", "2017-05-06"),
    # what the worker felt as it happened, or the work after the date ('while stacking'), outweighs a job title
    # that reads as an encounter ('certified')
    ("The applicant, a certified pharmacy technician, felt a snap in her wrist on 02/11/2018. An MRI on 03/01/2018 "
     "was read as normal.", "2018-02-11"),
    ("A 51-year-old certified welder had neck pain from 07/09/2016 while grinding overhead. Seen on 07/12/2016.",
     "2016-07-09"),
    # an event the worker lived through, not a treatment named after trauma nor a review's date after it
    ("She is a 41-year-old bank teller. On 06/14/2017 she was held up at gunpoint at her window; she was not hurt. "
     "Trauma-focused therapy requested by her psychologist was non-certified on 03/02/2018.", "2017-06-14"),
    ("A night clerk. On 2/9/2016 he was attacked by a customer. Six sessions of trauma-informed counseling were "
     "denied on 8/1/2016.", "2016-02-09"),
    # what the worker did or felt in the past tense after the date, and the event named before it, outweigh a later
    # date near the word 'injury'
    ("He stocks shelves. On 05/02/2015 he lifted a case of water and felt a pull in his back. By 09/30/2016, well "
     "after the injury, he still had pain.", "2015-05-02"),
    # ... felt as a jolt or a click, and pain that followed it, which is no follow-up visit
    ("He drives a forklift. On 09/14/2016 the forklift dropped off a dock plate and he felt a jolt in his neck, "
     "followed within hours by headaches. He was seen on 09/20/2016.", "2016-09-14"),
    ("On 4/2/2019 her ladder shifted and she felt a click in her knee. An MRI on 5/1/2019 showed a tear.", "2019-04-02"),
    ("She was working as a cashier on 11/20/2013 when she reached under the counter and felt a pop in her elbow. "
     "On 06/03/2014, half a year after the injury, she stopped work.", "2013-11-20"),
    ("A 39-year-old teller who was held at gunpoint in a robbery of the branch on 08/08/2013. By 01/12/2014 the "
     "injury had kept her from work for five months.", "2013-08-08"),
    # a continuous trauma's period: its last day
    ("A 52-year-old dispatcher claims cumulative trauma to both wrists from typing between 03/01/2013 and "
     "11/15/2016.", "2016-11-15"),
])
def test_an_injury_date_before_the_work_that_hurt(extractor, summary, date):
    """Family: the date an injury happened, before the work the worker was doing ('pulling', 'reaching') or the
    sudden pain."""
    assert patient(extractor, summary)["date_of_injury"] == date


def test_a_field_named_as_a_licence_kind_is_no_specialty(extractor):
    got = reviewer(extractor, "The expert holds board certification in Clinical Psychology and an Oregon psychology "
                              "license.")
    assert got["specialties"] == ["Clinical Psychology"]


@pytest.mark.parametrize("statement", [
    # a wider gap after the statement
    "The expert reviewer is Board Certified in Occupational Medicine and is licensed to practice in California.\n\n\n\n",
    # double-spaced, the story going on without a wider gap; the statement's label and the reviewer's own sentences
    "The expert reviewer is Board Certified in Occupational Medicine and is licensed to\n\npractice in California. "
    "He/she has no affiliation with any party.\n\nThe history below was drawn by the reviewer from the records:\n\n",
    # a label, its blank line, then the statement
    "About the reviewer:\n\nThe physician is Board Certified in Occupational Medicine, licensed in California.\n\n\n\n",
])
def test_a_2013_notices_summary_opened_by_the_reviewers_statement_is_not_the_reviewers_qualifications(extractor, statement):
    """The summary's label right under the decision heading, the reviewer's statement its first paragraph: the
    qualifications are that statement, not the clinical story after it (where a neurologist and chiropractic care are
    named)."""
    text = ("Notice of Independent Medical Review Determination\n\nDated: 10/02/2013\n\nIMR Case Number: CM13-0005555\n\n"
            "1) MAXIMUS Federal Services, Inc. has determined the request for chiropractic care x 6 is not medically "
            "necessary and appropriate.\n\nINDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE\n\nThe reasons are given "
            "below.\n\nExpert Reviewer Case Summary:\n\n" + statement + "The worker fell from a stool; a neurologist "
            "found no\n\nconcussion and chiropractic care helped for a while.\n\n"
            "1) Regarding the request for chiropractic care x 6:\n\nRationale for the Decision:\n\nNot supported.\n")
    found = extractor.extract(parse(document(text))).to_json()["reviewer"]
    assert found["specialties"] == ["Occupational Medicine"] and found["licensed_in"] == ["CA"]


@pytest.mark.parametrize(("summary", "occupation"), [
    # the last rung, told as the job held through the years before the claim, then pointed to as the one held then
    ("The employee began in warehouses at eighteen as a picker, was later a forklift driver and for the last five years "
     "had been the shipping supervisor of a parts depot. He was working in that position on 03/03/2020 when a pallet "
     "fell on him.", "shipping supervisor"),
    # ... moved to a unit as a job, pointed to as the position held on the date
    ("The applicant worked ten years as a patrol officer and in 2015 transferred to the harbor unit as a marine "
     "patrol deputy, which is the position he held on 07/07/2019.", "marine patrol deputy"),
    # ... a record's name for the job, in the passive, before an earlier job
    ("The worker is listed by her employer as a pharmacy technician. She had worked nine years as a cashier before she "
     "was certified.", "pharmacy technician"),
    # ... a record's field for the job, a rung begun in a year, the job or title pointed to as the one held
    ('She filled out the claim form herself; it gives her occupation as "deli clerk".', "deli clerk"),
    # ... or a record's field quoted after the form it is on
    ('His job title on the employer\'s first report is "parts runner." He was lifting a crate.', "parts runner"),
    ('Her occupation in the DWC-1 claim form was "home care aide." A 24-year-old aide saw her fall.', "home care aide"),
    ('The position entered on his claim form is "tile setter." He worked for a flooring firm.', "tile setter"),
    ("He worked on framing crews as a carpenter, and since 2016 as a site superintendent, the post he held on "
     "05/05/2019.", "site superintendent"),
    ("He was a bricklayer from 1990, and since 2014 a building inspector for the county, the job he was doing on "
     "02/02/2020.", "building inspector"),
    ("She moved from ticketing to the baggage room in 2012; baggage handler is the title on her claim form.",
     "baggage handler"),
])
def test_family_the_job_held_at_the_injury_in_a_career(extractor, summary, occupation):
    """Family: a career told rung by rung, the job held when the worker was hurt pointed to in words of its own ('the
    position he held on <date>', 'working in that position on <date>') or named by a record in the passive."""
    assert patient(extractor, summary)["occupation"] == occupation


@pytest.mark.parametrize(("summary", "occupation"), [
    ("The worker was a stock clerk until 2011 and has since been a receiving supervisor at the same store.",
     "receiving supervisor"),
    ("She was a medical assistant until 2012 and is now a surgery scheduler for the clinic.", "surgery scheduler"),
    ("He drove a route truck for eight years; since 2016 he has been a fleet dispatcher.", "fleet dispatcher"),
    ("The man was a line cook for six years; currently he is a kitchen manager.", "kitchen manager"),
    ("She trained as a dental assistant and worked in an office for five years; for the past nine years she has worked as "
     "a billing clerk.", "billing clerk"),
    ("He began in 1998 as a line cook, qualified as a sous chef in 2004, and has worked as a kitchen manager since 2012.",
     "kitchen manager"),
    ("She was hired as a stock clerk in 2001 and was later promoted to receiving supervisor, the position she held on "
     "03/03/2015.", "receiving supervisor"),
    # (not a later state of the worker, nor someone else's job now)
    ("She is a 50-year-old cashier who is now a little better after therapy.", "cashier"),
    ("He is a 44-year-old roofer; his brother is now a building inspector.", "roofer"),
])
def test_family_a_job_held_now_after_one_held_until_a_year(extractor, summary, occupation):
    """Family: an earlier job told as held until a time, or for a length of time, and the job held since ('has since
    been', 'is now', 'since 2016 he has been'): the later one."""
    assert patient(extractor, summary)["occupation"] == occupation


@pytest.mark.parametrize("summary", [
    "The worker was lifting an 88-year-old resident from a bed when she felt a pull in her back. She is forty-one.",
    "The bus driver was struck by a 30-year-old passenger; he is 41.",
    "She was helping a 70-year-old client into a van. She is 41 years old.",
])
def test_the_age_of_someone_the_worker_serves_is_not_the_workers(extractor, summary):
    assert patient(extractor, summary)["age"] == 41


@pytest.mark.parametrize("summary", [
    "The claimant is a woman whose age is entered in the pain psychology intake of 02/02/2015 as forty-one.",
    "Her age appears on the employer's first report of 03/03/2014 as 41.",
    # (the record named at length)
    "Her age is noted in the orthopedic agreed medical evaluator's supplemental report of 03/03/2014 as 41.",
    # (a birthday just past, the worker named by a demonstrative)
    "This injured worker had just turned 41 at her first visit with the hand surgeon. Her mother is 70.",
    # (someone the worker serves named indefinitely, an age in apposition)
    "On 06/14/2015 she was moving a patient, a 90-year-old retired welder, to a chair. She is 41.",
    # ... or an age at the event, then the birthday since ('was 40 that night and turned 41 in May')
    "On 04/19/2014 she and a 23-year-old aide lifted a patient. She was 40 that night and turned 41 in May.",
])
def test_family_the_workers_age_given_by_a_record(extractor, summary):
    assert patient(extractor, summary)["age"] == 41


@pytest.mark.parametrize(("summary", "expected"), [
    ("Particulars from the claim form:\n   Age      Sex      Occupation                 Dominant hand\n   "
     "58       F        school bus driver          Left\nShe drove for the district for nine years; her husband, 61, is a "
     "retired welder.", (58, "female", "school bus driver")),
    ("Employer's first report:\nSex    Age    Job title on the date of injury    Years in the job\nM      "
     "39     warehouse lead                     4\nA 26-year-old forklift driver saw him fall.", (39, "male", "warehouse lead")),
    ("| Gender | Age | Position        |\n| Male   | 44  | line cook       |\nThe 60-year-old owner of the "
     "restaurant filed the report.", (44, "male", "line cook")),
    # ... or one row a particular, label and value parted by leader dots
    ("From the intake form:\n   Age ......................... 52\n   Sex ......................... Male\n   Occupation "
     ".................. tile setter\nHis 30-year-old helper drove him home.", (52, "male", "tile setter")),
    # ... or by a bar or a wide gap, the label naming whose particular and when
    ("The employer's report reads:\n| Worker's age on the date of injury | 47       |\n| Sex                            | F"
     "            |\n| Job title at DOI               | pastry cook  |\nA 25-year-old dishwasher called for help.",
     (47, "female", "pastry cook")),
    ("Claim form entries:\n  Age          61\n  Gender       Male\n  Position     crane operator\nHis 30-year-old "
     "oiler saw the fall.", (61, "male", "crane operator")),
    # ... or a table of people, one a row, the worker's row named so, its lines ending in spaces
    ("The evaluation lists his household: \n ----------+-----+----------------- \n Person    | Age | Occupation \n"
     " ----------+-----+----------------- \n Wife      | 39  | dental assistant \n Claimant  | 46  | tile setter \n"
     " ----------+-----+----------------- \nHe has not worked since the fall.", (46, "male", "tile setter")),
])
def test_family_the_workers_particulars_in_a_table_of_columns(extractor, summary, expected):
    """Family: a header row of the worker's particulars (age, sex, occupation or job title) over a row of values,
    parted by runs of spaces or bars: those values, before ages and jobs of others in the prose."""
    got = patient(extractor, summary)
    assert (got["age"], got["sex"], got["occupation"]) == expected


def test_a_row_that_is_not_a_tables_is_read_as_prose(extractor):
    got = patient(extractor, "Age and sex matter here.\nShe is a 45-year-old cashier.")
    assert (got["age"], got["occupation"]) == (45, "cashier")


@pytest.mark.parametrize(("summary", "occupation"), [
    ("The worker, a man of fifty-two and a hotel maintenance engineer for a decade, reports back pain.",
     "hotel maintenance engineer"),
    ('He told the psychologist: "I\'m a forty-year-old welder and I can\'t hold a torch anymore."', "welder"),
])
def test_family_a_job_joined_to_the_age_by_and(extractor, summary, occupation):
    assert patient(extractor, summary)["occupation"] == occupation


@pytest.mark.parametrize(("summary", "age"), [
    ('A case manager\'s note opens: "58 M, RHD, forklift operator x 9 yrs."', 58),
    ("He was forty-nine when he fell and has since turned fifty-two.", 52),
    # ... a note's shorthand, its sex letter before a full stop
    ("The notes read: IW: 47 F. Hotel housekeeper x 9 yrs.", 47),
])
def test_the_workers_age_in_a_quoted_note_or_turned_since(extractor, summary, age):
    assert patient(extractor, summary)["age"] == age


def test_the_age_of_a_colleague_named_with_a_phrase_after_the_role_is_not_the_workers(extractor):
    summary = ("The applicant is a deputy. His partner in the patrol car, a 29-year-old deputy, was unhurt. At the "
               "evaluation of 2021 he was 51 years old.")
    assert patient(extractor, summary)["age"] == 51


def test_a_note_at_the_foot_of_the_qualifications_section_is_the_reviewers_and_the_next_note_no_ones():
    """A qualifications section pointing at a note marked with an asterisk under it: the note is the reviewer's, the note
    on another clinician after it is neither the reviewer's nor the section's."""
    found = reviewer(Extractor(), "The reviewer's field and licensure are in the note marked with an asterisk below.\n\n"
                     "  ------------------------------\n  *  Expert reviewer: Neurology, board certified; licensed in "
                     "Oregon.\n  ** Primary treating physician: Internal Medicine, board certified; licensed in Idaho.\n")
    assert (found["specialties"], found["licensed_in"], found["board_certified"]) == (["Neurology"], ["OR"], True)


@pytest.mark.parametrize(("summary", "occupation"), [
    ("A plasterer for much of her career and now fifty-nine, the applicant slipped on a stair.", "plasterer"),
    ("A court reporter for two decades, she developed pain in both wrists.", "court reporter"),
    ("A bus mechanic for one year, the worker strained his back.", "bus mechanic"),
])
def test_a_job_fronted_before_the_worker_for_a_span_of_a_working_life(extractor, summary, occupation):
    """Family: a job opening the sentence for how long it was held ('for much of her career', 'for two decades',
    'for one year'), the worker its subject after the comma."""
    assert patient(extractor, summary)["occupation"] == occupation


@pytest.mark.parametrize(("summary", "occupation"), [
    ("The applicant, 37, has worked since 2008 as a 911 call taker for the city.", "911 call taker"),
    ("She is a 44-year-old 2nd grade teacher who tripped over a backpack.", "2nd grade teacher"),
    ("The employee is 58 and was employed as an 18-wheeler driver when the rig jackknifed.", "18-wheeler driver"),
    # a title's abbreviation before its words
    ('Her title on the employer\'s report is "Sr. Payroll Clerk," and she has held it for six years.', "Sr. Payroll Clerk"),
    # (a number of a count or an age before the words is none of the job's)
    ("The worker is 40 and works as a 12 hour shift operator at a refinery.", None),
    # ... and of a career, the job pointed to as held up to the injury's end
    ("He is 52. He was a farmhand from 1990 to 1999 and a welder until 2010; since 2010 the county has employed him as "
     "a 311 operator, the job he held until the last day of his claimed period.", "311 operator"),
])
def test_family_a_job_title_that_opens_with_a_numeral(extractor, summary, occupation):
    """Family: a job's title whose first word is a numeral of its own ('911', '2nd', '18-wheeler'), not an age or a
    count of hours before the job's words."""
    assert patient(extractor, summary)["occupation"] == occupation


@pytest.mark.parametrize(("qualifications", "states"), [
    # a column of the reviewer's credentials table, its values on the rows under it
    ("Reviewer credentials:\nField             Board       Licensed In             Years\nNeurology         ABPN        "
     "Nevada, Utah            17\nSleep Medicine    ABPN\n", ["NV", "UT"]),
    ("The reviewer's credentials are tabled below.\nRole        Certifying board        State licensure     Years\n"
     "Reviewer    Family Medicine (ABFM)  ID; MT              9\n", ["ID", "MT"]),
    ("Reviewer credentials:\nSpecialty          Licensure (states)      Years\nPsychiatry         Oregon; Hawaii       "
     "   20\n", ["OR", "HI"]),
    # (a row of a licence given up is none held)
    ("Reviewer credentials:\nLicensed in       Status\nMontana           Active\nWyoming           Lapsed in 2011\n",
     ["MT"]),
    ("The Expert Reviewer has the following credentials:\n  State(s) of Licensure    Board Certification    Years in "
     "practice\n  Utah, Nevada             Neurology              More than 10\n", ["UT", "NV"]),
    # the licence's label with what it licenses, before a colon
    ("Credentials: Neurology (ABPN). Licensed to practice: Oregon and Idaho", ["OR", "ID"]),
    # codes ending the block, a heading in capitals after them on the next line
    ("The Expert Reviewer has the following credentials:\nBd Cert: Neurology; Lic: NV / AZ\n\nCLINICAL CASE SUMMARY\n"
     "The reviewer read the file.", ["NV", "AZ"]),
    # a licence to practise a named branch of medicine in the states
    ("This podiatrist holds board certification in Foot and Ankle Surgery and is licensed to practice podiatric "
     "medicine in Utah and Idaho.", ["UT", "ID"]),
    # a licence to practise medicine issued by a state, told in the first person
    ("I am board certified in Neurology. My license to practice medicine was granted by the State of Utah; I also hold "
     "a Nevada license.", ["UT", "NV"]),
])
def test_family_licences_in_a_credentials_table_column_or_a_labelled_line(extractor, qualifications, states):
    assert reviewer(extractor, qualifications)["licensed_in"] == states


def test_a_credentials_tables_next_column_label_is_no_specialty(extractor):
    found = reviewer(extractor, "The Expert Reviewer has the following credentials:\n  Licensure    Board Certification"
                                "    Subspecialty Certification    Years in practice\n  Oregon       Neurology"
                                "              Sleep Medicine                12\n")
    assert (found["specialties"], found["licensed_in"]) == (["Neurology", "Sleep Medicine"], ["OR"])


def test_credentials_on_one_line_at_the_letters_close_after_the_reviewer_and_a_dash(extractor):
    """The reviewer's credentials set out on one line at the letter's close, after 'Expert reviewer' and a dash, their
    fields parted by bars."""
    text = fdl_letter("The worker has neck pain.", ITEMS, qualifications="The reviewer's board and licences are on one "
                      "line at the close of this letter.") + ("\n\nExpert reviewer -- Bd. Cert.: Neurology | Subspecialty "
                                                              "Cert.: Sleep Medicine | Licensed: NV, UT\n")
    found = extractor.extract(parse(document(text))).to_json()["reviewer"]
    assert (found["specialties"], found["licensed_in"]) == (["Neurology", "Sleep Medicine"], ["NV", "UT"])


@pytest.mark.parametrize(("summary", "age", "occupation"), [
    # the age fronted and the job joined to it by 'and', the worker the subject after them
    ("Now 39, and a pastry cook for most of her working life, the applicant burned her forearm on a rack.", 39,
     "pastry cook"),
    ("Now forty-four, and a lineman for twenty years, he fell from a pole.", 44, "lineman"),
    # the job under a label of the trade
    ("Claimant: female, age 33.\nTrade: journeyman plumber, on a hospital job when hurt.", 33, "journeyman plumber"),
    # the job right before what the worker first felt or noticed
    ("This 51 year old male warehouse picker noticed a burning in his groin while lifting.", 51, "warehouse picker"),
    ("A 28-year-old female barista began to have wrist pain at the espresso machine.", 28, "barista"),
])
def test_family_the_job_beside_a_fronted_age_a_trade_label_or_the_first_symptom(extractor, summary, age, occupation):
    found = patient(extractor, summary)
    assert (found["age"], found["occupation"]) == (age, occupation)


def test_a_job_fronted_at_the_summarys_opening_after_an_issue_with_no_full_stop(extractor):
    """A single-issue review whose disputed issue ends in no full stop: the summary's first sentence fronts the job,
    and the summary opens with it although the view runs the issue's words into it."""
    text = SINGLE_ISSUE.format(heading="REVIEWER CREDENTIALS:").replace(
        "Physical therapy 8 sessions for the left wrist", "Whether the request for physical therapy is medically "
        "necessary").replace("The applicant is a 36 year old warehouse picker who sprained her left wrist on 01/05/2017.",
                             "A tile setter for nineteen years, Mr.   is now 47. He sprained his wrist on 01/05/2017.")
    found = extractor.extract(parse(document(text))).to_json()["patient"]
    assert (found["age"], found["occupation"]) == (47, "tile setter")


@pytest.mark.parametrize(("table", "occupation"), [
    ("Years            Position               Comment\n1999 - 2006      Dishwasher\n2006 - 2015      Prep cook\n"
     "2015 - 2020      Head cook              held at the time of injury\n", "Head cook"),
    ("Job title            Employer            Note\nDelivery driver      a bakery\nDispatcher           a freight line"
     "      job at injury\n", "Dispatcher"),
])
def test_family_a_table_of_jobs_whose_row_held_at_the_injury_is_marked(extractor, table, occupation):
    """Family: the worker's jobs in a table, one a row, the row held at the injury marked in another cell: that row's
    job, whatever the prose names before it."""
    summary = "This man, 44, started out clearing tables. Jobs he has held:\n" + table
    assert patient(extractor, summary)["occupation"] == occupation


def test_a_double_spaced_table_of_jobs_and_a_job_labelled_as_held_at_the_injury(extractor):
    """A table of jobs whose rows a double-spaced text layer parts by blank lines; a job under a label of the job held
    at the injury ('Job title at DOI:') over the job held now, its title abbreviated ('Sr. Admin. Asst.')."""
    table = ("Jobs held:\n\n   Years        Position                 Comment\n\n   2001-2009    Dishwasher\n\n"
             "   2009-2016    Prep Cook                position held at the time of injury\n\n")
    assert patient(extractor, "The worker is 40. " + table)["occupation"] == "Prep Cook"
    assert patient(extractor, "Job title at DOI: Asst. Mgr.\nShe now works as a greeter.")["occupation"] == "Asst. Mgr."
