"""`imr_patient`: the injured worker's age, sex, occupation and date of injury, from the case summary.

Age: the first age the summary gives the worker, in digits or words ("a 52-year-old", "thirty-nine
year old", "38 y/o", "52 yo", "aged 52", "52 years of age", "the claimant, 58,"); not a relative's ("her 12-year-old son"),
not a past age ("at age 20"), not a decade ("in his fifties").
Sex, first that answers: the sex word beside the age ("38 y/o man", "a female aged 52", "52 yo F"),
"is a ... woman/gentleman", "Mr."/"Ms."/"Mrs.", then pronouns only when every third-person pronoun of
the summary is of one sex (two at least; "he/she" boilerplate does not count).
Occupation: after "employed as", "worked as", "works for X as", "a former", "by occupation",
"occupation:", "work duties in/as", in apposition ("the claimant, a cashier at ..."), or the words between
the age/sex and the clause that follows ("a 44 year old female grocery clerk who ...", "a 67-year-old former
janitor"). Its last word is a job word: one of the catalogue's (`ontology/job_words.tsv`) or one with a job's
ending the catalogue does not rule out. Else the header's "Occupation:" value. It never runs into or across a
redaction gap or mark ("XXXX") and is never a clinical or person word ("patient", "claimant", "smoker", a body part).
Date of injury: the header's; a cumulative-trauma period ("01/01/2011 - 05/21/2012") gives its last
day, the date the header block records for such a claim. Else the summary's injury date, by the same rule.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc

from .. import vocab
from ..models import Mention, Patient
from ..text import DATE, any_of, clause_start, lowered, parse_date
from .context import LetterContext, letter_of
from .lexicon_matcher import cell_under, rows_under, table_cells

# --- age -------------------------------------------------------------------------------------------
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
NUMBER_WORD = rf"(?:(?:{_TENS}|fourty)(?:[\s-]*(?:{_UNITS}))?|{_TEENS})"
# ... and as ordinals ('her fifty-fifth birthday')
_ORDINAL_UNITS = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth"
_ORDINAL_TENS = "twentieth|thirtieth|fortieth|fiftieth|sixtieth|seventieth|eightieth|ninetieth"
ORDINAL_WORD = rf"(?:(?:{_TENS})[\s-]*(?:{_ORDINAL_UNITS})|{_ORDINAL_TENS}|(?:{_TEENS})th)"
WORD_VALUES = {w: n for n, w in enumerate(_UNITS.split("|"), 1)} | {
    w: n for n, w in enumerate(_TEENS.split("|"), 14)} | {
    w: 10 * n for n, w in enumerate(_TENS.split("|"), 2)} | {"fourty": 40} | {
    w: n for n, w in enumerate(_ORDINAL_UNITS.split("|"), 1)} | {
    w + "th": n for n, w in enumerate(_TEENS.split("|"), 14)} | {
    w: 10 * n for n, w in enumerate(_ORDINAL_TENS.split("|"), 2)}
ORDINAL_SUFFIX = re.compile(r"(?<=\d)(?:st|nd|rd|th)$")
# In lower case, searched in the view's lower-cased text (single spaces). Patterns start with a literal,
# which re skips ahead to (a leading \b or lookbehind makes it try every position): word edges are
# checked after the match.
_AGE_NUMBER = rf"(?<![\w./-])(?P<age>\d{{1,3}}|{NUMBER_WORD})"
# The unit, then the number before it ("52-year-old", "52 y/o", "52yo", "thirty-nine years of age").
AGE_UNIT = re.compile(r"y(?:ears?|rs?)\.?[\s-]*old\b|years?\s+of\s+age\b|y\s*/\s*o\b|y\.\s*o\b\.?|yo\b")
NUMBER_BEFORE_UNIT = re.compile(_AGE_NUMBER + r"(?:\s*\(\d{1,3}\))?\s*-?\s*$")  # "fifty-two (52) year old"
NUMBER_REACH = 25  # characters before a unit where its number is
# ('records his age as 61', 'Age/sex: 47, M.')
# ... 'his age is recorded as 39', 'Her age at the primary treating physician's evaluation of 04/02/2015 was 58')
# ('Her age is given in the PR-2 of 05/11/2015 as forty-six', a form's field: 'Sex - F. Age - 47.')
# ('Age (at the date of the UR review): 63')
# ('Her age appears on the employer's first report of 03/03/2014 as 41')
AGE_WORD = re.compile(r"age(?:d|\s*(?:(?:/|&|and)\s*(?:sex|gender)\s*|\([^()\n]{1,60}\)\s*)?:|(?<=\bage)\s+[-–—]|\s+of|\s+(?:as|is|was)|\s+(?:is|was)\s+(?:recorded|listed|given|"
                      r"documented|noted|stated|reported|shown|entered|written)(?:\s+(?:in|on|by)\s+[^.;]{1,90}?)?\s+as|"
                      r"\s+(?:appears|appeared|is\s+entered|stands)\s+(?:in|on)\s+[^.;]{1,90}?\s+as|"
                      r"\s+at\s+[^.;]{1,80}?\s+(?:was|is)|\s+at\s+[a-z ]{1,30}:|"  # ('Age at review: 47.')
                      # ('his age, which the progress report of 02/19/2018 gives as 61')
                      r",\s+which\s+[^.;]{1,80}?\s+(?:gives?|gave|records?|recorded|lists?|listed|puts?|states?|stated|"
                      r"documents?|documented)\s+as)?\s+" + _AGE_NUMBER + r"\b")
# "The claimant, 58, reports ...": an age set off by commas after a word that names the worker.
AGE_APPOSITION = re.compile(r",\s*(?:now\s+|currently\s+|aged?\s+)?(?P<age>\d{2})\s*,")
# The worker named by a noun ('the claimant', 'the employee').
_WORKER_NOUN = r"(?:claimant|applicant|patient|employee|worker)"
WORKER_BEFORE = re.compile(r"(?<![a-z])(?:(?:" + _WORKER_NOUN + r"|iw|individual|gentleman|man|"
                           r"woman|lady|male|female)|(?:mr|ms|mrs|miss)\.?(?:\s+[a-z'-]+)?)\s*$")
# ... or with the sex in brackets after such a word ('The injured worker (female, 52) has worked ...', '(52 M)')
# ... or the age alone, with when it was told ('Ms.   (forty-seven at the time of this review), a paratransit driver')
AGE_IN_BRACKETS = re.compile(r"\(\s*(?:(?:male|female|m|f)\s*,\s*(?P<age>\d{2})|(?P<first>\d{2})\s*[,/]?\s*(?:male|female|m|f|y/?o)|"
                             r"(?:age\s+|aged\s+)?(?P<alone>\d{2}|" + NUMBER_WORD + r")(?:\s+years?\s+old)?(?:\s+(?:at\s+the\s+time\s+of|"
                             r"as\s+of|on|at)\s+[^()]{1,40})?)\s*\)")
# ... or a note's shorthand after its label ('IW: 52M, journeyman electrician', 'Pt: 47 F')
# ... or a note's sex and age parted by semicolons ('Demographics: male; 46; forklift operator.')
AGE_AFTER_SEX = re.compile(r"(?:male|female)\s*;\s*(?:age\s+)?(?P<age>\d{2})\s*;")
# ... or a form's line of fields parted by slashes ('Age / Sex / Occupation:   38 / F / certified nursing assistant')
AGE_IN_A_FIELDS_LINE = re.compile(r"age\s*/\s*(?:sex|gender)(?:\s*/\s*[a-z]+)*\s*:\s*(?P<age>\d{2})\b")
# ... or opening a quoted note ('begins: "61 F, LHD, hotel housekeeper x 22 yrs')
AGE_SEX_SHORT = re.compile(r"(?:\b(?:iw|pt|patient|claimant|ee|employee)\s*:\s*|[\"“]\s*(?=\d{2}\s?[mf]\s*,))(?P<age>\d{2})\s?"
                           r"(?P<sex>[mf])\b")
# "The patient, who is 52, ..."
# ... or 'She is 52.', 'She was 66 at the orthopedic consultation of 12/02/2024' (the word boundary before the subject
# checked after the match)
# ('The applicant is sixty-two.')
# ('Mr.   is now 52': a title whose name is left out; or the worker's apposition before it: 'Ms. , a retired teacher, is 62')
AGE_BY_ITS_SUBJECT = re.compile(r"(?:who|he|she|the\s+(?:injured\s+)?" + _WORKER_NOUN + r"|\bm(?:r|s|rs)\.)"
                                r"(?:\s*,\s*an?\s+[^,.;]{2,60},)?\s+(?:is|was)\s+"
                                r"(?:(?P<now>now|presently|currently)\s+)?"
                                # ('She is 38 and right-hand dominant')
                                # ('she is 53 now and works part time', 'is 33 at present')
                                r"(?P<age>\d{2}|" + NUMBER_WORD + r")(?=\s*[,.;](?:\s|$)|\s+and\s+(?!a\s+half\b)[a-z]|"
                                r"\s+(?:now|today|at\s+present|presently|currently)\b|"
                                r"\s+(?:years?\s+old\b|"
                        r"at\s+(?:the|her|his|this)\s+(?:[a-z-]+\s+){0,3}(?:consultation|evaluation|visit|exam|examination|"
                        r"appointment|assessment|review|request|application|determination)\b))")
# ... or a record that gives the worker as an age ('the PR-2 of 01/09/2017 gives him as 63', 'lists her at 47')
AGE_GIVEN = re.compile(r"(?:gives?|gave|lists?|listed|records?|recorded|puts?|documents?|documented)\s+(?:him|her)\s+(?:as|at)\s+"
                       r"(?:age\s+|aged\s+)?" + _AGE_NUMBER + r"\b(?!\s*(?:%|percent|degrees|pounds|lbs|kg))")
# "He turned 60 in May": the worker's birthday, not one told as the time of something ('when he turned 18')
AGE_TURNED = re.compile(r"turned\s+" + _AGE_NUMBER + r"\b(?!\s*(?:%|percent|degrees))")
# ... or the birthday to come, a year on from the age now ('who will turn 59 next month')
AGE_TO_TURN = re.compile(r"(?:will|is\s+about\s+to|is\s+going\s+to)\s+turn\s+" + _AGE_NUMBER
                         + r"\s+(?:next|this|later|in|on|within)\b")
TURNED_BY_THE_WORKER = re.compile(r"(?<!when )(?<!after )(?<!since )(?<!until )(?<!before )"
                                  # (or a subject set off by its apposition: 'Ms. X, a pharmacy technician, had just turned 51')
                                  r"(?:\b(?:he|she|who|(?:the|this)\s+(?:injured\s+)?" + _WORKER_NOUN + r")|,)\s+"
                                  r"(?:just\s+|recently\s+|(?:has|had)\s+(?:just\s+|recently\s+|since\s+)?)?$"
                                  # ('He was fifty-one on the day he fell and has since turned fifty-four')
                                  # ('She was 40 that night and turned 41 in May')
                                  r"|\b(?:he|she)\s+(?:was|is)\s+[^.;]{1,60}?\s+and\s+(?:(?:has|had)\s+)?(?:since\s+|now\s+|then\s+)?$")
TURNED_REACH = 100  # characters before 'turned' read for who turned
# ... or a birthday by its number ('had celebrated her 50th birthday'), or the worker as one 'of' an age ('a
# right-hand-dominant woman of 58', 'a man of sixty-one')
AGE_BIRTHDAY = re.compile(r"(?:his|her)\s+(?P<age>\d{2}(?:st|nd|rd|th)|" + ORDINAL_WORD + r")\s+birthday\b")
AGE_OF = re.compile(r"(?:man|woman|gentleman|lady|male|female)\s+of\s+" + _AGE_NUMBER
                    + r"\b(?!\s*(?:kg|lbs?|pounds|feet|foot|inches|cm|%|percent|years?\s+(?:ago|earlier)))")
# "The employee, a night stocker by trade and now 47, ...": an age after 'now' that ends a clause of the worker's
# ('... before his medical retirement in 2012 and is now 61.')
# ('... in 2016 and now, at 62, drives for a ride-share service')
AGE_NOW = re.compile(r"(?:,|\band)\s+(?:is\s+)?now,?\s+(?:at\s+|aged?\s+)?(?P<age>\d{2}|" + NUMBER_WORD + r")\s*[,;.]")
# (the rest of its clause: 'and forty-four at the time of this review, the applicant')
CLAUSE_TO_ITS_COMMA = re.compile(r"[^,;.]*,")
# An age told as at this review ('She is 42 at the time of this review').
AT_THIS_REVIEW = re.compile(r"(?:\s+years?\s+(?:old|of\s+age))?\s+(?:at\s+the\s+time\s+of\s+(?:this|the)\s+(?:review|request|"
                            r"application|determination|imr)|now|today|at\s+present|presently|currently)\b")
# ... or the age now after the age at an event, in one clause ('The applicant was 55 on the day of the fall and is 58
# according to the progress report')
AGE_AND_IS = re.compile(r"\band\s+is\s+(?:(?:now|presently|currently)\s+)?" + _AGE_NUMBER + r"(?=\s*[,.;]|\s+(?:according|per|"
                        r"as\s+of|at\s+the\s+time|now|today|at\s+present|presently|currently|years?\s+old)\b)")
# ... or told as the age at this review ('A roofer for most of his life, and forty-four at the time of this review, the
# injured worker ...', ', 47 at the time of the application,')
AGE_AT_THIS_REVIEW = re.compile(r"(?:,|\band)\s+" + _AGE_NUMBER + r"\s+(?:when|at\s+the\s+time\s+(?:of|that))\s+(?:this|the)\s+"
                                r"(?:request|review|application|imr|appeal|determination|decision|denial|"
                                r"utilization\s+review|ur)\b")
# Where a sentence opens: after a full stop, semicolon or colon and its space, or the text's start.
_SENTENCE_OPENS = r"(?:(?<=[.;:]\s)|^)"
# ... or set before the worker at a sentence's opening, of a worker still at it ('At fifty-two, Ms. Roe still drives a
# route'; not 'At 16, he began work') or now ('Now 41, this injured worker was 39 when ...')
AGE_FRONTED = re.compile(_SENTENCE_OPENS + r"(?:at|(?P<now>now))\s+" + _AGE_NUMBER + r",\s+(?:and\s+an?\s+[^,.;]{1,80},\s+)?(?:(?:mr|ms|mrs|miss)\b\.?|(?:(?:the|this)\s+(?:injured\s+)?"
                         + _WORKER_NOUN + r"|he|she)\b)"
                         r"(?(now)|(?=[^.;]{0,60}?\b(?:is|has|still|remains|continues|now|currently)\b))")
_WORKER_NAMED = r"\b(?:" + _WORKER_NOUN + r"|gentleman|man|woman)\b"
# (or by a pronoun: 'He drove a forklift for twenty years ... and is now 63')
WORKER_WORD = re.compile(_WORKER_NAMED + r"|\b(?:he|she)\b")
# (or the pronoun: 'A respiratory therapist for twelve years and now 41, she ...'; not one saying a thing aside: '... and
# now 45, he says, on a 100-point scale')
WORKER_AFTER = re.compile(r"\s*(?:(?:this|the)\s+(?:[a-z-]+\s+){0,2}" + _WORKER_NAMED + r"|(?:he|she)\b"
                          r"(?!\s+(?:says|said|reports|reported|states|stated|notes|noted|thinks|believes|estimates)\s*,))")
WORKER_REACH = 100
# "at age 20", "since the age of 16", "over age 65": a past age or a guideline's, not the worker's now.
PAST_AGE = re.compile(r"\b(?:at|since|by|until|before|after|from|under|over|between|till)\s+(?:the\s+)?$")
# People an age or a job may be told of who are not the worker: those close to the worker, and a few more.
SOMEONE_ELSE = frozenset(vocab.people_close_to_the_worker()) | {"kid", "kids", "baby", "infant", "toddler", "assailant",
                                                                "suspect"}
# Who an age belongs to when it is not the worker ("her 12-year-old son", "a 2 year old injury").
# People the worker serves or meets at work, named by that place ('an 84-year-old client', 'the shop's customer').
PEOPLE_AT_WORK = frozenset({"boss", "resident", "customer", "client", "passenger", "landlord", "tenant", "visitor", "patron",
                            "inmate", "guest", "shopper", "rider"})
NOT_THE_WORKER = SOMEONE_ELSE | PEOPLE_AT_WORK | {
    "injury", "injuries", "history", "claim",
    "condition", "complaint", "complaints", "tear", "fracture", "surgery", "case", "scar", "lesion", "accident",
}
POSSESSIVE = re.compile(r"(?:\b(?:his|her|their|my|your|whose)|'s)\s+$")
# ... but the worker's own age told by a record ('records his age as 61', "the worker's age is 39")
OWN_AGE_BEFORE = re.compile(r"(?:\b(?:his|her|their|whose)|\b" + _WORKER_NOUN + r"'s)\s+$")  # ('a man whose age is ...')
SUBJECT_REACH = 80
MIN_AGE, MAX_AGE = 14, 100

# --- sex -------------------------------------------------------------------------------------------
SEX_WORDS = {"male": "male", "man": "male", "gentleman": "male", "boy": "male", "female": "female",
             "woman": "female", "lady": "female", "girl": "female"}
_SEX = r"(?P<sex>male|female|man|woman|gentleman|lady|boy|girl)\b"
# Words that end the stretch between an age and a sex word ("a 45-year-old patient whose male ...").
SEX_GAP = r"(?:(?!(?:who|whose|with|and|or|was|is|has|had|that|which|when|while|on|in|at|for|of|to|by|patient|" \
          r"claimant|applicant|employee|worker|individual|person)\b)[a-z][a-z'-]*,?\s+){0,3}?"
SEX_AFTER_AGE = re.compile(r",?\s*" + SEX_GAP + _SEX)
# "52 yo F", "38 y/o M": a capital letter right after the age (read in the view's own case).
# ... after the hand the worker favours ('RHD', 'R-hand dominant', 'right-handed')
HANDEDNESS = r"(?:rhd|lhd|rh|lh|(?:[rl]|right|left)[\s-]?hand(?:ed)?(?:[\s-]dominant)?)"
SEX_LETTER = re.compile(r",?\s*(?:(?i:" + HANDEDNESS + r")\s+)?(?P<sex>[MF])\b(?![./'-]\w)")
SEX_BEFORE_AGE = re.compile(_SEX + r",?\s+(?:who\s+is\s+|is\s+)?$")
SEX_LABEL = re.compile(r"(?:sex|gender)\s*:\s*" + _SEX)
SEX_WORD = re.compile(r" (?:is|was)\s+an?\s+(?:[a-z][a-z'-]*\s+){0,2}?" + _SEX)
# "Mr." / "Ms." / "Mrs." with their dot and capital (read in the view's own case): "MR imaging", "MS" are not titles.
TITLE = re.compile(r"\b(?P<title>Mr|Ms|Mrs)\.(?=\s)")
# A pronoun after a space or parenthesis, not one of a pair ("he/she", "his / her", "s/he").
PRONOUN = re.compile(r"[ (](?:(?P<male>he|him|his|himself)|(?P<female>she|her|hers|herself))\b(?!\s*/)")
# The worker's pronouns outnumber a relative's or a physician's: a sex whose pronouns are at least this many
# times the other's is the worker's ("She ... her husband, he ... She").
PRONOUN_MAJORITY = 3

# --- occupation --------------------------------------------------------------------------------------
# When the worker was hurt, as labels and remarks write it ('at the time of injury', 'on the date of the injury', 'at DOI').
_AT_THE_INJURY = r"(?:at|on)\s+(?:(?:the\s+)?(?:time|date)\s+of\s+(?:the\s+)?(?:injury|doi)|doi)"
# Cue wordings (lower case); the job's words follow the cue. `strong` cues take any job words; the others
# need a word a job ends with ("a former smoker" is no job).
# A move to another post, where a job is held next ('moving, in 2009, to the credit union's lending department').
_MOVED_TO = (r"(?:mov(?:ed|ing)|transferr(?:ed|ing)|reassign(?:ed|ing)|promot(?:ed|ing))(?:,?\s+in\s+(?:19|20)\d\d,?)?"
             r"\s+(?:to|into)\s+[^.;:]{1,60}?")
_ARTICLE = r"(?:an?\s+|the\s+|its\s+|their\s+)?"  # ("lately as its head cook")
# Each cue: its pattern, what must come right before it (within CUE_REACH), whether it is strong, and the
# words one of which the region must hold for the cue to be searched for (None: always searched): re scans
# slowly for a pattern that starts with a common letter or a space, a word is found fast. In the view every
# whitespace run is one space.
OCCUPATION_CUES = tuple((re.compile(pattern), before and re.compile(before), strong, words)
                        for pattern, before, strong, words in (
    # "employed as a", "works for a moving company as a", "hired by   as a", "from repetitive lifting as a"
    # ('works part-time as a parking attendant')
    # ('worked nights as a', 'worked the graveyard shift as a', 'has worked since 2009 as a')
    (r" as " + _ARTICLE, r"(?<![a-z])(?:(?:(?:employed|work(?:s|ed|ing)?)(?:\s+(?:part-time|full-time|part\s+time|full\s+time|"
                         r"seasonally|still|currently|now|primarily|mainly|nights|days|evenings|weekends|overnight|"
                         r"(?:the\s+)?[a-z-]+\s+shifts?|since\s+[a-z0-9/]+))?|job|position|career|hired|trained|capacity|"
                         r"lifting|carrying|moving|transferring|driving|cleaning|cooking|serving|typing|climbing|"
                         # ('before qualifying as a registered nurse', 'licensed as a vocational nurse')
                         r"qualif(?:ied|ying|ies|y)|licensed|certified|retrained|rehired|(?:hired|signed|started)\s+on|"
                         # ('started in kitchens at seventeen as a dishwasher', 'in 2016 moved to the transport unit as a')
                         r"(?:started|began)(?:\s+(?:out|work))?(?:\s+(?:in|at)\s+[^.;:]{1,40}?)?|"
                         # ('before moving, in 2009, to the credit union's lending department as a')
                         + _MOVED_TO + r")|"
                         # ('has worked part-time for the city as a')
                         r"(?:employed|hired|work(?:s|ed|ing)?)(?:\s+(?:part-time|full-time|part\s+time|full\s+time|seasonally|"
                         r"nights|days|weekends))?\s+(?:for|by|at|with|in|on)(?:\s[^.;:]*)?|"
                         # ('has made his living as a roofer')
                         r"(?:made|makes|making|earned|earns|earning)\s+(?:his|her|their|a)\s+living|"
                         # ('work he had done as a water service technician')
                         r"work\s+(?:he|she|they)\s+(?:had\s+|has\s+)?(?:done|did|does|performed)|"
                         # ... or the employer's keeping the worker on ('has kept him on its payroll since 2009 as a',
                         # 'took him on in 2015 as an', 'had employed her for a decade as a')
                         r"(?:employed|hired|engaged|retained|kept|carried|took|taken|brought)\s+(?:him|her|them)"
                         r"(?:\s+on)?(?:\s+(?:on|onto)\s+(?:its|their|the)\s+(?:payroll|staff|books|roster|crew))?"
                         r"(?:\s+(?:since|in|from|for)\s+(?:[a-z0-9/]+\s+){0,2}?[a-z0-9/]+)?)$", True, None),
    # "had driven a city bus for about nine years as a transit bus operator", "spent 20 years as a welder": a
    # length of time spent as the job (its words must end with a job's head word)
    # ... or most of a working life ('has spent most of his working life as a pipe welder')
    (r" as " + _ARTICLE, r"(?<![a-z])(?:(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen|"
                         r"[a-z]+ty|several|many|a\s+few)(?:\s+or\s+\w+)?(?:\s+and\s+a\s+half)?\s+(?:years?|months?)|"
                         r"(?:most|much|all|the\s+bulk)\s+of\s+(?:his|her|their)\s+(?:working\s+life|career|adult\s+life))$",
     False, None),
    # a rung of a career, the last one held ('for the seven years before this claim, had been the sous chef of a hotel
    # kitchen')
    # ('was a stock clerk until 2011 and has since been a receiving supervisor', '... and is now a surgery scheduler')
    (r"(?:had|has)\s+(?:since\s+|now\s+)?been\s+(?:the|an?)\s+", None, False, ("been",)),
    (r"\b(?:is|works\s+as)\s+(?:now|currently|presently)\s+(?:the|an?)\s+", None, False, ("now", "currently", "presently")),
    # ('... and was later promoted to receiving supervisor, the position she held on ...')
    (r"\bpromoted\s+(?:[a-z0-9]+\s+){0,3}?to\s+(?:the\s+(?:position|post|job|rank|role)\s+of\s+)?(?:an?\s+|the\s+)?", None, False,
     ("promoted",)),
    # a career's rung by the year it began ('journeyman mason from 1988, and since 2012 a masonry inspector')
    (r"\bsince\s+(?:19|20)\d\d,?\s+(?:as\s+)?an?\s+", None, False, ("since",)),
    # a record's field for the job ('it gives her occupation as "produce clerk"', 'lists his job title as a ...')
    (r" as [\"“]?" + _ARTICLE, r"(?<![a-z])(?:gives?|gave|lists?|listed|records?|recorded|states?|stated|shows?|showed)\s+"
                         r"(?:her|his|their|the\s+(?:worker|employee|claimant|applicant)['’]s)\s+(?:occupation|job(?:\s+title)?|"
                         r"position|title|job\s+classification)$", True, ("occupation", "job", "position", "title")),
    # the worker named as the job in a record, in the passive ('is classified on her claim form as a licensed vocational
    # nurse', 'was listed by the employer as a warehouse lead')
    (r" as " + _ARTICLE, r"(?<![a-z])(?:is|was|are|were)\s+(?:classified|listed|designated|recorded|entered|titled)"
                         r"(?:\s+(?:on|in|by)\s+[^.;:]{1,40}?)?$", False, None),
    # a record that lists the worker as the job ('the IMR application lists the claimant as 44 years old and as a dental
    # hygienist')
    # ... or the worker's own words ('she describes herself in the intake questionnaire as a senior claims examiner')
    # ('Her claim form classifies her as a head cashier')
    (r" as " + _ARTICLE, r"(?<![a-z])(?:lists?|records?|describes?|identifies|gives?|gave|classif(?:ies|ied|y)|designates?|"
                         r"designated|codes|coded)\s+(?:him|her|himself|herself|"
                         r"the\s+(?:injured\s+)?(?:claimant|applicant|patient|employee|worker))(?:\s+as\s+[^.;:]{1,40}?\s+and|"
                         r"\s+(?:in|on)\s+(?:the|his|her)\s+[a-z -]{1,30}?)?$", False,
     ("lists", "records", "describes", "identifies", "gives", "gave", "classif", "designate", "code")),
    # "He is described in the orthopedic consultation of 10/21/2013 as a journeyman electrician": a record's words
    # for the worker (its words must end with a job's head word)
    (r" as " + _ARTICLE, r"(?<![a-z])(?:described|identified|listed|recorded|documented|reported|characterized)"
                         r"(?:\s+(?:in|by|on|at)\s[^.;:]*)?$", False,
     ("described", "identified", "listed", "recorded", "documented", "reported", "characterized")),
    # a label of the job held at the injury ('Employment at time of injury: school bus monitor', 'Occupation at
    # the time of injury: cook')
    # ('his job at the time of injury was irrigation technician')
    # ('Job title at DOI: utility lineman')
    (r"(?:employment|occupation|job(?:\s+title)?|position)\s+(?:held\s+)?" + _AT_THE_INJURY + r"(?:\s*:|\s+(?:was|is))\s*"
     + _ARTICLE, r"(?<![a-z])$", True, ("time of", "date of", "at doi")),
    # "normal/usual work duties in landscaping"
    (r"duties\s+(?:in|as)\s+" + _ARTICLE, r"(?<![a-z])(?:work|job)\s+$", True, None),
    # "her usual and customary occupation is that of a pipe organ technician"
    # ('occupation - retail stocker', 'Occ: forklift operator')
    # ('Usual occupation (per the PR-2 of 01/13/2025): caregiver')
    # ('his occupation is "tractor-trailer driver"')
    # ('Trade: journeyman ironworker')
    (r"(?:occupation(?:\s*\([^()]{1,60}\))?\s*(?:is|was|:|as|[-–—])|occ\.?\s*:|trade\s*:)\s*(?:that\s+of\s+)?[\"“]?" + _ARTICLE, r"(?<![a-z])(?:usual\s+|customary\s+|his\s+|her\s+)?$",
     True, None),
    # ... or a record's words for it ('Her occupation is recorded in the employer's first report as school custodian',
    # 'His job title appears on the claim form as "parts runner"')
    (r"(?:occupation|job(?:\s+title)?|position|title)\s+(?:(?:is|was)\s+(?:given|listed|recorded|stated|shown|entered|"
     r"noted|reported|described|identified|written)|appears)(?:\s+(?:on|in|by|per|at)\s+[^.;:]{1,60}?)?\s+as\s*[\"“]?"
     + _ARTICLE, None, True, ("occupation", "job", "position", "title")),
    # ... or a record's field for it, quoted ('His job title on the employer's first report is "parts runner."', 'The
    # position entered on his claim form is "tile setter."')
    (r"(?:occupation|job\s+title|job\s+classification|position)\s+(?:(?:entered|listed|given|recorded|shown|written)\s+)?"
     r"(?:on|in|per|from)\s+[^.;:\"“]{1,80}?\s+(?:is|was|reads)"
     r"\s*:?\s*[\"“]" + _ARTICLE, None, True, ("occupation", "job title", "job classification", "position")),
    # ... or the title held ('has held the position of night auditor', 'held the title of sous chef')
    (r"\b(?:held|holds|holding|has\s+held|had\s+held)\s+(?:the\s+)?(?:job\s+)?(?:title|position|post|job|rank|role)\s+of\s+"
     + _ARTICLE, None, True, ("title of", "position of", "post of", "job of", "rank of", "role of")),
    # ... or the job a worker rose to ('was promoted to loan officer in 2019', 'was made a line cook')
    (r"\b(?:promoted|made|appointed|named|moved\s+up)\s+(?:(?:at|in)\s+(?:age\s+)?\d{2,4}\s+)?(?:to\s+)?"
     r"(?:the\s+(?:job|post|position|role)\s+of\s+)?" + _ARTICLE,
     r"(?<![a-z])(?:was|were|been|be|got|is|she|he)\s+$", False, ("promoted", "made", "appointed", "named", "moved up")),
    # "her usual and customary job is correctional officer", "his job title was: cook"
    (r"(?:job|position)(?:\s+title)?\s*(?:is|was|:|as)\s*(?:listed\s+as\s+|that\s+of\s+)?" + _ARTICLE,
     r"(?<![a-z])(?:usual|customary|regular)\s+$", True, ("job", "position")),
    # ('Her usual work is as a hotel housekeeper')
    (r"(?:work|employment)\s*(?:is|was|:|as)\s*(?:listed\s+as\s+|as\s+)?" + _ARTICLE,
     r"(?<![a-z])(?:usual|customary|regular)\s+$", False, ("usual", "customary", "regular")),
    # "whose job is ride operator", "his job title on the employer's report is shaker operator", 'Her job title on the
    # Employer's First Report of Occupational Injury is "sewing machine operator"'
    # ('gives ... his job title as "building maintenance mechanic"')
    # ('her title there is room attendant')
    # ('Her position with the agency, [redacted], was home health aide')
    # ('The applicant's job title, as the employer's report of injury types it, is "warehouse lead"')
    (r"(?:job|position|title)(?:\s+title)?(?:\s+there)?(?:\s+(?:on|in|per|at|with|for)\s+[a-z' ]{1,60}?)?(?:\s*,[^,.;]{0,90},)?"
     r"\s*(?:\b(?:is|was|as)\b:?|:)\s*"
     r"(?:that\s+of\s+)?[\"“]?" + _ARTICLE,
     r"(?<![a-z])(?:his|her|their|whose|(?:injured\s+)?(?:claimant|applicant|patient|employee|worker|iw)'s)\s+$", False,
     ("job", "position", "title")),
    # the worker known by a trade set off by a dash, a colon or a bracket ('identified only by his trade - a commercial
    # electrician -', 'her occupation (medical assistant)')
    (r"(?:trade|occupation|profession)\s*(?:[-–—:(]|,)\s*" + _ARTICLE, r"(?<![a-z])(?:his|her|their)\s+$", False,
     ("trade", "occupation", "profession")),
    # "employed in construction", "works in housekeeping" (a trade; "works in the kitchen" is no job)
    (r"(?:employed|work(?:s|ed|ing)?)\s+in\s+", r"(?<![a-z])$", False,
     ("employed in", "work in", "works in", "worked in", "working in")),
    (r"(?: a|,)\s+(?:former|retired)\s+", None, False, ("former", "retired")),
    # ('The claimant, by occupation a motor grader operator with a county road crew, ...')
    (r"\bby\s+(?:occupation|trade|profession)\s*,?\s+" + _ARTICLE, None, True, ("by occupation", "by trade", "by profession")),
    # a form's line of fields parted by slashes ('Age / Sex / Occupation:   38 / F / certified nursing assistant')
    (r"(?:occupation|job)\s*:\s*\d{2}\s*/\s*(?:[mf]|male|female)\s*/\s*", None, True, ("occupation", "job")),  # 'a retired teacher', '63 y/o F, retired cook'
    # "a 62 year old woman, formerly a school bus dispatcher", "previously employed as a welder"
    # (the word boundary checked after the word: re skips ahead to a pattern's first letters, not to a \b)
    (r"(?:formerly(?<!\wformerly)|previously(?<!\wpreviously)|until(?<!\wuntil)\s+recently)\s+"
     r"(?:employed\s+as\s+|working\s+as\s+)?an?\s+", None, False, ("formerly", "previously", "until recently")),
    # "the claimant, a cashier at ...", "the patient, an ironworker, ..."
    # ... or after a title whose name is left out ('Ms. , a certified pharmacy technician, is 39')
    # ... past a bracket on the worker ('Ms.   (forty-seven at the time of this review), a paratransit driver')
    # ... or set off by dashes ('The applicant -- a dental assistant for most of her working life -- is 44')
    (r"(?:,|\s--|\s[–—])\s*an?\s+", r"(?<![a-z])(?:claimant|applicant|patient|employee|worker|iw|individual|gentleman|man|woman|lady|"
                    r"male|female|m(?:r|s|rs)\.(?:\s+[a-z'-]+){0,2})\s*(?:\([^()]{1,60}\)\s*)?$", False, None),
    # ... or a job risen or moved to ('later became a shift supervisor')
    (r"\bbecame\s+" + _ARTICLE, None, False, ("became",)),
    # ('She had been a grocery stocker for seventeen years')
    (r" (?:is|was|(?:had|has)\s+been)\s+an?\s+", None, False, None),
    # the worker's own words in quotes ('the employee wrote: "I am 53 years old and I have been a cook in the ...')
    (r"\bi\s+(?:am|was|have\s+been|had\s+been|work(?:ed)?\s+as)\s+an?\s+", r"[\"“][^\"”]{0,150}$", False, ("i am", "i was", "i have been",
                                                                                              "i had been", "i work")),
    # a telegraphic summary: '49 yo M, DOI 3/2/12. Delivery driver. LBP ...', '58 y/o right-handed M, machinist'
    # ('51-year-old left-handed woman. Baggage handler for an airline.')
    (r"\.\s+", r"\b(?:yo|y/o|y\.o\.?|years?[\s-]+old)\s*,?\s*(?:[a-z-]+\s+){0,2}?(?:[mf]|male|female|man|woman)\b[^.;]{0,40}$",
     False, ("yo", "y/o", "y.o", " old", "-old")),
    # ... or a job classification in quotes ('under the job classification "Food Service Worker II"'), also past the
    # words on when or where it held ('lists her classification at the date of the injury as "Custodian II"')
    (r"classification(?:\s+(?:on|at|in|per)\s+[^.;:\"“]{1,60}?)?\s*(?::|\s+(?:of|as|is|was))?\s*[\"“]", None, True,
     ("classification",)),
    # ... or after a note's label with the age and sex ('IW: 41 M. Journeyman lineman (electric utility).')
    (r"\.\s+", r"\b(?:iw|pt|patient|claimant|ee|employee)\s*:\s*\d{2}\s?(?:[mf]|male|female)$", False,
     ("iw:", "pt:", "patient:", "claimant:", "ee:", "employee:")),
    # ... or a note's sex and age before it, parted by semicolons ('Demographics: male; 46; forklift operator.')
    (r"\b(?:male|female)\s*;\s*(?:age\s+)?\d{2}\s*;\s*|\b\d{2}\s*;\s*(?:male|female)\s*;\s*", None, False, ("male",)),
    (r",\s+", r"\b(?:yo|y/o|y\.o\.?|years?[\s-]+old)\s*,?\s*(?:[a-z-]+\s+){0,2}?(?:[mf]|male|female|man|woman)"
               r"(?:,\s*" + HANDEDNESS + r")?$", False, ("yo", "y/o", "y.o", " old", "-old")),
))
CUE_REACH = 70
CUES_TRIED = 4  # matches of each cue read, in text order ("is a 50 year old man ... was a machinist")
# "a warehouse worker by occupation": the job's words come before the cue.
# ('Forklift operator by trade and now 46, this man ...': the job opening its sentence)
BY_OCCUPATION = re.compile(r"(?:\ban?\s+|" + _SENTENCE_OPENS + r")(?P<job>[a-z][a-z' -]{2,40}?)\s+by\s+"
                           r"(?:occupation|trade|profession)\b")
BY_OCCUPATION_WORDS = ("by occupation", "by trade", "by profession")
# "A bank teller for nineteen years, the applicant ...": the job, and how long it was held, set before the worker.
# A job in a list of them remarked on as the one held at the injury ('school custodian for the district (2001-2016; job
# held at the time of injury)'): the job's words come before the remark.
# ('1996 - 2010 maintenance mechanic, food processing plant << job at time of injury', '- maintenance technician, apartment
# complex, 2010 to 09/2022 (injured in this position)')
REMARKED_AS_HELD = re.compile(r"(?:^|[.;:,)]\s+|\n\s*|\d\s+|-\s+)(?P<job>[a-z][a-z' -]{2,40}?)(?:(?:\s+(?:for|at|with)|,)\s+[^();.\n<]{0,40}?)?\s*"
                              r"(?:\(|<<|<-+|--)[^()\n]{0,30}?(?:(?:job|position|work)\s+(?:held\s+)?(?:at|on)\s+(?:the\s+)?(?:time|date)\s+of\s+"
                              r"(?:the\s+)?injury|injured\s+in\s+this\s+(?:position|job))")
# ('A forklift operator for eleven years at a lumber yard, the applicant ...', 'A respiratory therapist at a county
# hospital for twelve years and now 41, she ...')
_WHERE_HELD = r"(?:\s+(?:at|with|in|on)\s+[^,.;]{1,60}?)?"
# ('A pipefitter for twenty years, he ...'; after the age it is joined to: 'Now 47, and a baker for most of her working
# life, the worker ...')
FRONTED_JOB_WORDS = re.compile(r"(?:now\s+(?:\d{2}|" + NUMBER_WORD + r"),?\s+and\s+)?an?\s+(?P<job>[a-z][a-z' -]{2,40}?)" + _WHERE_HELD + r"\s+(?:for|of)\s+"
                         # ('for eleven years', 'for much of her career', 'for two decades')
                         r"(?:(?:[a-z0-9-]+\s+){1,3}?(?:years?|decades?)|(?:most|all|much)\s+of\s+(?:his|her|their)\s+"
                         r"(?:working\s+life|career|adult\s+life|life))" + _WHERE_HELD + r"(?:\s+and\s+(?:is\s+)?now\s+[a-z0-9-]+)?"
                         r"\s*,\s*(?:(?:the|this|he|she)\b|m(?:r|s|rs)\.)")  # ('..., Mr.   is now 52')
FRONTED_JOB = re.compile(_SENTENCE_OPENS + FRONTED_JOB_WORDS.pattern)
# ... or named as the title a record gives ('...; ramp agent is the title on her claim form')
TITLE_ON_A_FORM = re.compile(r"(?:[;,.]\s+|\band\s+)(?P<job>[a-z][a-z' -]{2,40}?)\s+(?:is|was)\s+(?:the|his|her)\s+(?:job\s+)?"
                             r"(?:title|occupation|classification)\s+(?:on|in|given\s+on|entered\s+on)\s+(?:his|her|the)\s+"
                             r"(?:claim\s+form|dwc-1|employer['’]s\s+(?:first\s+)?report)")
# The job named right after a trade or an employer's field ('in construction as a carpenter').
JOB_AFTER = re.compile(r"\s+as\s+an?\s+[a-z]")
# An age written as one hyphenated word ('fifty-two-year-old') is no word of a job.
AGE_HYPHENATED = re.compile(r"-(?:years?|yrs?)-old$")
# (a job's first word may start with a numeral: '911 dispatcher', '4th grade teacher', '18-wheeler driver')
# (or a title's abbreviation: 'Sr. Accounting Clerk', 'Asst. store manager', 'Admin. Asst.')
JOB_WORD = re.compile(r"(?:sr|jr|asst|assoc|exec|admin|mgr|supv|coord|tech)\.(?=\s|$|[,;)])|[a-z][a-z'/-]*|"
                      r"\d[\da-z'/-]*(?= [a-z])")
MAX_JOB_WORDS = 5
# Words that describe the worker before the job's words ('a 55-year-old right-handed grocery clerk'), and the hand
# after a side there ('a right hand dominant carpenter').
HAND_SIDES = ("right", "left")
HAND_AFTER_A_SIDE = frozenset({"hand", "handed", "hand-dominant"})  # ('a right hand-dominant packer')
DESCRIBING_WORDS = frozenset({
    "male", "female", "right-handed", "left-handed", "right-hand-dominant", "left-hand-dominant", "ambidextrous",
    "right-hand", "left-hand", "dominant", "rhd", "lhd", "r-hand", "l-hand", "r-handed", "l-handed", "hispanic", "latino", "latina", "caucasian", "white", "black",
    "african-american", "asian", "married", "single", "divorced", "widowed", "obese", "overweight", "full-time",
    "part-time", "seasonal", "temporary", "experienced", "veteran", *HAND_SIDES,
})
# Words that end a job's words: prepositions, conjunctions, verbs and pronouns of the clause that follows.
# The worker's employment told after the job's words ('a nursing assistant employed by ...', '... working nights').
EMPLOYMENT_VERBS = ("employed", "working", "works", "worked", "hired")
# What the worker first felt or noticed, told right after the job ('a grocery stocker felt a pull').
ONSET_VERBS = ("felt", "noticed", "began", "started")
# How the injury happened, told right after the job ('a produce clerk twisted her knee').
MECHANISM_VERBS = ("twisted", "tripped", "strained", "lifted", "stepped", "struck", "bumped", "caught", "pulled",
                   "pushed", "sprained", "landed", "collided", "jumped", "lost", "crushed", "cut", "fell", "slipped",
                   "hurt", "injured", "sustained", "inverted", "everted", "rolled", "wrenched", "jammed", "fractured",
                   "lacerated", "burned", "dislocated", "tore", "hyperextended", "dropped", "reached", "sliced",
                   "missed", "stumbled", "misstepped", "overextended")
JOB_END = frozenset({
    "at", "for", "with", "in", "on", "since", "from", "until", "during", "when", "while", "who", "whose", "which",
    "that", "where", "and", "or", "but", "was", "is", "has", "had", "have", "were", "are", "be", "been", "of", "to",
    "by", "as", "he", "she", "they", "his", "her", "their", "reported", "developed", "felt", "noted", "complained",
    "presented", "underwent", "began", "after", "before", "because", "then", "redacted", "unknown", "aged", "age",
    "consist", "consists", "consisted", "include", "includes", "included", "involve", "involves", "involved", "require",
    "requires", "required",
    *EMPLOYMENT_VERBS, *MECHANISM_VERBS, *ONSET_VERBS,
})
# The job told as the one held when the worker was hurt.
# ('... was promoted to warehouse lead on the night dock, the job she held on the date of injury', 'and a site foreman,
# on 03/03/2015, when the trench wall gave way')
HELD_AT_THE_INJURY = re.compile(r"[^.;(]{0,60}?(?:\([^()]{0,60}?)?\b(?:on\s+the\s+date\s+of\s+(?:the\s+)?injury|at\s+the\s+time\s+of\s+(?:the\s+|"
                                r"his\s+|her\s+)?(?:injury|accident|fall)|when\s+(?:he|she)\s+was\s+(?:hurt|injured)|"
                                r"on\s+\d{1,2}/\d{1,2}/\d{2,4},?\s+when\b|"
                                # (a record's words for it: '..., which is the occupation entered on her claim form')
                                r"(?:which|that)\s+is\s+(?:also\s+)?(?:the|his|her)\s+(?:occupation|job(?:\s+title)?|title|position)\s+"
                                r"(?:entered|listed|given|recorded|shown|named|stated|written)\s+(?:on|in)|"
                                # ('..., which is the position he held on 10/02/2019')
                                # ('..., which is the job he was doing on 09/14/2014', '..., the post he held on 08/02/2015')
                                r"(?:(?:which|that)\s+(?:is|was)\s+|,\s+)(?:the|his|her)\s+(?:position|job|post|role|title|work)\s+"
                                r"(?:he|she|they)\s+(?:held|had|occupied|was\s+in|was\s+doing|did|was\s+working)\s+(?:on|at|when|through|"
                                # ('..., the post he held until the close of the period his claim names')
                                r"until|up\s+to)\b|"
                                # ... or in the next sentence ('... the sous chef of a hotel kitchen. He was working in that
                                # position on 06/03/2012 when ...')
                                r"\.\s+(?:he|she|they)\s+(?:was|were)\s+(?:still\s+)?(?:working|employed|serving)\s+in\s+(?:that|this)\s+"
                                r"(?:position|job|role|capacity|post)\s+(?:on|when|at)\b)")
# ... or under a label of the job held then ('Job title at DOI: ...', 'Occupation at the time of injury: ...')
LABELLED_AT_THE_INJURY = re.compile(r"\b" + _AT_THE_INJURY + r"\s*(?::|\s+(?:was|is))\s*(?:an?\s+|the\s+)?[\"“]?$")
# ... or before it ('in the four years before the injury he worked as a ...'), read after those told after it
HELD_UP_TO_THE_INJURY = re.compile(r"\b(?:before|preceding|leading\s+up\s+to|prior\s+to)\s+(?:the|his|her)\s+(?:injury|accident|"
                                   r"fall)\b[^.;]{0,40}$")
HELD_REACH = 90  # characters before a job's words read for it
# A job risen to after the one named before it in its sentence ('..., qualified as a licensed vocational nurse at 30,
# and had been a charge nurse since 41', 'became a prep cook at 19 ... and at 37 was made kitchen manager'): the
# career's last rung, where nothing marks the job held at the injury.
LEFT_BEFORE = re.compile(r"[^.;]{0,60}?\bbefore\b")
RISEN_TO = re.compile(r"\b(?:became|qualif(?:ied|ying)\s+as|promoted(?:\s+[a-z0-9]+){0,3}?\s+to|(?:was|were|got)\s+made|moved\s+up\s+to|"
                      # ('before she took a position as a data entry operator', 'In 2005 he hired on as a ...')
                      r"took\s+(?:a|the|up\s+a)\s+(?:job|position|post)\s+as|(?:hired|signed)\s+on\s+as|switched\s+to|"
                      r"rose\s+to|advanced\s+to|(?:had|has)\s+(?:since\s+|now\s+)?been|(?:licensed|certified|retrained)\s+as|"
                      # ('trained as a dental assistant ...; for the past nine years she has worked as a billing clerk')
                      r"(?:has|have)\s+(?:since\s+|now\s+)?worked\s+as|"
                      # ('was a bank teller until 2008 and is now a loan processor')
                      r"(?:is|works\s+as)\s+(?:now|currently|presently)|now\s+works\s+as|"
                      # ('moving, in 2009, to the lending department as a loan processor')
                      + _MOVED_TO + r"\s+as)\s+(?:an?\s+|the\s+)?"
                      r"(?:(?:job|post|position|role)\s+of\s+(?:an?\s+)?)?$")
HELD_NOW = re.compile(r"\b(?:since\s+(?:then|\d{4}|[a-z]+\s+\d{4})|now|today|currently|at\s+present|"
                      r"(?:for\s+)?the\s+(?:last|past)\s+[a-z0-9-]+\s+(?:years?|months?))\s*,?\s+(?:he|she|they)\s+"
                      r"(?:has\s+been|is|works\s+as|has\s+worked\s+as)\s+(?:an?\s+|the\s+)?$")
# Words an occupation never starts with ("worked as tolerated", "as a result").
NOT_JOB_START = frozenset({
    "a", "an", "the", "given", "listed", "recorded", "stated", "shown", "entered", "result", "well", "usual", "normal", "needed", "tolerated", "such", "much", "long", "soon",
    "possible", "part", "far", "follows", "before", "previously", "formerly", "currently", "required", "directed",
    "noted", "described", "indicated", "per", "is", "was", "has", "had", "injured", "prior", "of", "evidenced",
    "former", "retired", "restrained", "unrestrained",  # "a restrained driver" in a crash is no job
    "little", "bit", "lot",  # ('who is now a little better')
    # a value the records leave out ('his occupation is not given in the records', 'Occupation: unknown')
    "not", "unknown", "unstated", "unspecified", "unavailable", "none", "n/a", "na", "blank",
})
# ... but a long route is a driver's ('long haul truck driver', 'long distance trucker')
LONG_ROUTE = (["long", "haul"], ["long", "distance"])
# Person and clinical words: the worker named as a patient, a habit or a condition, not a job.
NOT_JOB_WORDS = frozenset({
    "patient", "claimant", "applicant", "individual", "person", "employee", "injured", "smoker", "nonsmoker",
    "non-smoker", "drinker", "user", "abuser", "diabetic", "pain", "injury", "injuries", "disorder", "syndrome",
    "diagnosis", "condition", "history", "complaints", "symptoms", "male", "female", "man", "woman", "gentleman",
    "lady", "right-handed", "left-handed", "right-hand", "left-hand", "dominant", "year", "years", "old", "better", "worse",
})
# A job's last word: one the catalogue names (`ontology/job_words.tsv`: heads and trades) or one with a job's
# ending that the catalogue does not mark as naming no job ('shoulder', 'passenger').
JOB_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent", "man", "men", "ee")
# "a 44-year-old female grocery clerk who ...", "a woman aged 56, a dental hygienist, who ...": the words between
# the age/sex and the clause that follows.
# ('a man of fifty-two and a hotel maintenance engineer for a decade', '"I'm a forty-year-old welder and I can't
# ..."')
AFTER_PERSON = re.compile(
    r"(?:\s*,(?:\s*an?)?|\s+and\s+an?)?\s+(?:(?:former|retired|ex-)\s*)?(?P<e>(?:\d[\da-z'/-]*\s+)?[a-z][a-z'/-]+(?:\s+[a-z][a-z'/-]+){0,3}?)"
    # (past a bracket about the job: '(for a grocery chain, per the employer's first report)')
    r"(?=(?:\s*\([^()]{1,90}\))?\s*(?:,|\bwho\b|\bwhose\b|\bw/|"
    r"\breported\b|\bwas\b|\bhas\b|\bhad\b|\bwith\b|\bdeveloped\b|\bis\b|"
    # ('a registered nurse on an inpatient psychiatric unit')
    r"\bstates\b|\bexperienced\b|\bat\b|\bfor\b|\bin\b|\bon\b|\bsince\b|\bfrom\b|\breports\b|\bcomplains\b|\bpresents\b|"
    r"\bpresented\b|\bcomplained\b|\bdescribes\b|\bdescribed\b|\bunderwent\b|\bsuffered\b|\balleges\b|"
    # ('claims' a verb, not the field of a job the catalogue names: 'a medical claims coordinator')
    r"\bclaims\b(?!\s+(?:" + any_of(word for word, role in vocab.job_words().items() if role == "head") + r")\b)|"
    r"\battributes\b|\bcontinues\b|\bremains\b|\baged\b|\bwhile\b|\bwhen\b|\bfiled\b|\band\s+(?:i|he|she)\b|"
    # (or a verb of the present tense: 'a 49-year-old male letter carrier walks a route'; not 'bus', 'glass', "driver's")
    r"\b[a-z]{2,}(?<![su'])s\s+(?:an?|the|his|her|their|up|down|about|\d+)\b|"
    + "".join(rf"\b{verb}\b|" for verb in EMPLOYMENT_VERBS + MECHANISM_VERBS + ONSET_VERBS) + r"[.;](?:\s|$)))"
)
# A redaction gap in the letter as read: a blank run inside a line, underscores, a redaction mark.
REDACTION_GAP = re.compile(r"[ \t]{2,}|_|\[|\]|\*\*|(?i:redacted|x{3,})")

REDACTION_WORD = re.compile(r"x{3,}|redacted|blank")

# --- date of injury ------------------------------------------------------------------------------------
# What the worker felt as it happened ('felt a pop', 'felt a sharp jolt in his low back').
_FELT = r"pop|snap|tear|pull|twinge|jolt|crack|click|clunk|tearing"
INJURY_CUE = re.compile(r"(?i)injur|accident|assault|robbery|robbed|gunpoint|\bheld\s+up\b|\battacked\b|\bdoi\b|date\s+of\s+(?:the\s+)?(?:industrial\s+)?(?:injury|loss)|"
                        r"incident|fell\b|trauma(?![\s-]+(?:focused|informed))|\bat\s+work\s+on\b|\bwhile\s+working\b|\bclaimed\s+(?:injury\s+)?period\b|"
                        r"\b(?:industrial|work|workers'?\s+comp(?:ensation)?)\s+claim\b|\bclaim\s+(?:dated|of|on)\b|"
                        # the mechanism: "while transferring a patient on ...", "lifting a pallet on ...", "twisted his
                        # knee stepping off a ladder on ..."
                        r"\bwhile\s+[a-z]+ing\b|\b(?:lift|push|pull|carry|carri|transferr|twist|slipp|tripp|stepp)"
                        r"(?:ing|ed)\b|\bhurt\s+(?:his|her|their)\b|"
                        # what the worker felt as it happened: "felt a snap in his shoulder on ..."
                        r"\bfelt\s+(?:a\s+)?(?:sudden\s+|sharp\s+)?(?:" + _FELT + r")\b")
# Matched at the date's end (re.match anchors there; a "^" would only match at the text's start).
INJURY_AFTER = re.compile(r"(?i)[^.;]{0,80}?\b(?:injur|slipped|tripped|fell\b|lifting|twisted|struck|was\s+hit|"
                          r"(?:pull|push|carry|reach|climb)ing\b|sudden\s+(?:onset\s+of\s+)?pain|"
                          # what the worker did or felt as it happened ('when she reached overhead ... and felt a pop')
                          r"(?:reach|pull|push|lift|carri|climb)ed\b|felt\s+(?:a\s+)?(?:sudden\s+|sharp\s+)?(?:" + _FELT
                          + r"|pain)\b|"
                          r"assault|robbed|robbery|held\s+up|at\s+gunpoint|attacked|bitten|collision|accident|"
                          r"strain(?:ed|ing)\b|hurt\b|"
                          r"developed\s+(?:\w+\s+){0,2}?(?:pain|symptoms)\b|while\s+[a-z]+ing\b)")
# (a follow-up visit, not what followed the injury: 'followed within days by pain')
ENCOUNTER = re.compile(r"(?i)\b(?:exam|report|visit|note|pr-?[24]\b|mri|x-?rays?|radiographs?|request|dated|seen|evaluat|perform|"
                       r"surgery|injection|therapy|prescri|follow(?!ed\s+(?:within|by|soon|shortly|days|weeks|hours))|"
                       r"utilization|reviewed|denied|certif|presented|complain)")
# A clinical encounter just before a date: the date is the encounter's, not the injury's.
ENCOUNTER_BEFORE = re.compile(r"(?i)\b(?:seen|saw|evaluat\w*|examin\w*|exam|visits?|mri|x-?rays?|radiographs?|emg|ncv|"
                              r"ct\s+scan|surger(?:y|ies)|operat\w*|performed|underwent|ordered|follow(?:ed)?[\s-]*up|"
                              r"presented|consult\w*|prescribed|treated|injections?|therapy|"
                              r"non-?certified|denied|modified|requested)\b[^.;]{0,30}$")
# A period's second date: "01/01/2011 - 05/21/2012", "from 1/1/11 through 5/21/12", "CT 1/1/2011 to 5/21/2012".
RANGE_JOIN = re.compile(r"\s*(?:-|–|—|to|through|thru|until)\s*")
# ... and "between 01/01/2014 and 09/30/2015"
BETWEEN_BEFORE = re.compile(r"\bbetween\s+$")
AND_JOIN = re.compile(r"\s+and\s+")


@Language.component("imr_patient")
def extract_patient(doc: Doc) -> Doc:
    ctx = letter_of(doc)
    region = ctx.sections.get("summary") or (0, len(ctx.text))
    table = _particulars_table(ctx, region)
    age, age_match = _age(ctx, region)
    sex, sex_end = _sex(ctx, region, age_match)
    occupation = _occupation(ctx, region, age_match, sex_end) or _header_occupation(ctx)
    if table:
        # (a table of the worker's particulars states them outright, where prose may name others' beside them)
        age = _table_value(ctx, table, "age", age_value) or age
        sex = _table_value(ctx, table, "sex", sex_value) or sex
        occupation = _table_value(ctx, table, "occupation", lambda words: " ".join(words.split()) or None) or occupation
    injury = _header_injury_date(ctx) or _injury_date(ctx, region)
    ctx.patient = Patient(age, sex, occupation, injury)
    return doc


# A table of the worker's particulars in columns: a header row of labels parted by runs of spaces ('Age    Sex
# Occupation    Dominant hand'), the values under them on the next row ('62     M      long-haul truck driver    Right').
PARTICULAR_LABELS = {"age": "age", "sex": "sex", "gender": "sex", "occupation": "occupation", "job": "occupation",
                     "job title": "occupation", "position": "occupation", "title": "occupation"}
# (a label may name when: 'Job title on DOI', 'Age at the date of injury')
_PARTICULAR = r"age|sex|gender|occupation|job(?:[ \t]+title)?|position"
_PARTICULAR_WHEN = r"(?:[ \t]+(?:at|on)[ \t]+(?:doi|(?:the[ \t]+)?(?:date[ \t]+of[ \t]+)?injury))?"
PARTICULAR_LABEL = re.compile(r"(?P<label>" + _PARTICULAR + r"|title)\b" + _PARTICULAR_WHEN + r"$")
PARTICULARS_HEADER = re.compile(r"(?im)^[ \t|]*(?:age|sex|gender)\b[^\n]*$")
# (its label may name whose too: "Worker's age on the date of injury"; the value after leader dots, a bar or a wide gap)
PARTICULAR_ROW = re.compile(r"(?im)^[ \t|]*(?:" + _WORKER_NOUN + r"(?:'s)?[ \t]+)?(?P<label>" + _PARTICULAR + r")"
                            + _PARTICULAR_WHEN + r"[ \t]*(?:\.{3,}|…+|\||[ \t]{2,}|\t)[ \t]*(?P<value>[^\s|][^\n|]*?)[ \t|]*$")
NEXT_ROW = re.compile(r"\n[ \t]*(?=\S)")
JOB_LABEL = re.compile(r"position|job(?:\s+title)?|occupation|title|employment|job\s+held")
JOBS_HEADER = re.compile(r"(?im)^[ \t|]*(?:\S[^\n]*?(?:[ \t]{2,}|\|)[ \t]*)?(?:position|job(?:[ \t]+title)?|occupation|title|"
                         r"employment)[ \t]*(?:[ \t]{2,}|\||$)[^\n]*$")
HELD_AT_THE_INJURY_CELL = re.compile(r"\b(?:" + _AT_THE_INJURY + r"|at\s+(?:the\s+)?injury|when\s+(?:injured|hurt))\b")
PEOPLE_HEADER = re.compile(r"(?im)^[ \t|]*(?:person|people|name|relationship|relation|household\s+member|member)\b[^\n]*$")
THE_WORKER_ROW = re.compile(r"(?i)\b(?:(?:injured\s+)?" + _WORKER_NOUN + r"|examinee|self|iw)\b")
TABLE_RULE = re.compile(r"[ \t]*[-=+|_ \t]*")
PEOPLE_ROWS = 16  # lines of a table of people read for the worker's row


def _particulars_table(ctx: LetterContext, region: tuple[int, int]) -> dict[str, tuple[int, int]]:
    """Where each particular's value stands (original offsets) in a table of the worker's particulars in the region;
    empty when there is none."""
    text = ctx.view.original
    lo, hi = ctx.view.to_original(region[0]), ctx.view.to_original(region[1])
    for header in PARTICULARS_HEADER.finditer(text, lo, hi):
        cells = table_cells(text, *header.span())
        labels = {n: PARTICULAR_LABELS[" ".join(m.group("label").split())] for n, (a, b) in enumerate(cells)
                  if (m := PARTICULAR_LABEL.match(text[a:b].strip().lower()))}
        if len(labels) < 2 or len(labels) < len(cells) / 2:
            continue
        row = NEXT_ROW.search(text, header.end(), hi)
        if row is None or "\n\n" in text[header.end():row.start() + 1].replace(" ", ""):
            continue
        row_end = text.find("\n", row.end())
        values = table_cells(text, row.end(), len(text) if row_end < 0 else row_end)
        if len(values) != len(cells):
            continue  # (a wrapped or prose line: no row of this table)
        return {labels[n]: values[n] for n in labels}
    # ... or a table of people, one a row, the worker's row named so ('Person | Age | Occupation' / 'Wife | 41 | ...' /
    # 'Claimant | 44 | order selector')
    for header in PEOPLE_HEADER.finditer(text, lo, hi):
        cells = table_cells(text, *header.span())
        labels = {n: PARTICULAR_LABELS[" ".join(m.group("label").split())] for n, (a, b) in enumerate(cells)
                  if n and (m := PARTICULAR_LABEL.match(text[a:b].strip().lower()))}
        if not labels:
            continue
        line_end = header.end()
        for _ in range(PEOPLE_ROWS):
            line_start = line_end + 1
            line_end = text.find("\n", line_start, hi)
            line_end = hi if line_end < 0 else line_end
            row = table_cells(text, line_start, line_end)
            if not row or TABLE_RULE.fullmatch(text, line_start, line_end):
                continue
            if len(row) != len(cells):
                break  # (the table has ended)
            if THE_WORKER_ROW.search(text, *row[0]):
                return {labels[n]: row[n] for n in labels}
    # ... or a table of the jobs held, the row held at the injury marked so ('Years    Position    Comment' / '2009 - 2014
    # Kitchen manager    held at time of injury')
    for header in JOBS_HEADER.finditer(text, lo, hi):
        cells = table_cells(text, *header.span())
        job = next((n for n, (a, b) in enumerate(cells) if JOB_LABEL.fullmatch(text[a:b].strip(" \t|").lower())), None)
        if job is None or len(cells) < 2:
            continue
        for line_start, line_end in rows_under(text, header.end(), hi, PEOPLE_ROWS):
            if HELD_AT_THE_INJURY_CELL.search(text[line_start:line_end].lower()):
                cell = cell_under(text, cells, job, table_cells(text, line_start, line_end))
                return {"occupation": cell} if cell else {}
    # ... or one row a particular, its label and value parted by leader dots, a bar or a gap ('Age ............ 46')
    rows = {PARTICULAR_LABELS[" ".join(m.group("label").lower().split())]: m.span("value")
            for m in PARTICULAR_ROW.finditer(text, lo, hi)}
    return rows if len(rows) >= 2 else {}


def _table_value(ctx: LetterContext, table: dict[str, tuple[int, int]], field: str, read) -> Mention | None:
    """The particular's value in the table as `read` gives it from the cell's words; None when the table has no such
    cell or `read` finds no value in it."""
    if field not in table:
        return None
    start, end = table[field]
    value = read(ctx.view.original[start:end].strip())
    return Mention(value, (start, end)) if value is not None else None


def sex_value(word: str) -> str | None:
    """'Female', 'woman', 'F' -> 'female'; None for a word that names no sex."""
    word = word.lower()
    return SEX_WORDS.get(word) or {"m": "male", "f": "female"}.get(word)


def age_value(word: str) -> int | None:
    """'52' -> 52, 'thirty-nine' -> 39, 'forty two' -> 42, '50th' -> 50, 'fifty-fifth' -> 55."""
    word = ORDINAL_SUFFIX.sub("", word)
    if word.isdigit():
        return int(word)
    parts = re.split(r"[\s-]+", word)
    if not all(p in WORD_VALUES for p in parts):
        return None
    return sum(WORD_VALUES[p] for p in parts)


class AgePhrase(NamedTuple):
    start: int  # the phrase, in view offsets ("aged 52", "52-year-old")
    end: int
    number: tuple[int, int]  # where the number is
    value: int
    past: bool  # "at age 20" wording is possible ("age N"), not "N years old"
    now: bool = False  # told as the age now or at this review ('he is now 33', 'is 42 at the time of this review')


def _age_phrases(low: str, region: tuple[int, int]) -> list[AgePhrase]:
    out = []
    for m in AGE_UNIT.finditer(low, *region):
        if m.group().startswith("yo") and low[m.start() - 1].isalpha():
            continue  # 'beyond'
        number = NUMBER_BEFORE_UNIT.search(low, max(region[0], m.start() - NUMBER_REACH), m.start())
        value = age_value(number.group("age")) if number else None
        if value is not None:
            out.append(AgePhrase(number.start(), m.end(), number.span("age"), value, False))
    for m in AGE_WORD.finditer(low, *region):
        value = age_value(m.group("age"))
        if value is not None and not low[m.start() - 1:m.start()].isalpha():
            out.append(AgePhrase(m.start(), m.end(), m.span("age"), value, True))
    for m in AGE_APPOSITION.finditer(low, *region):
        if WORKER_BEFORE.search(low, max(region[0], m.start() - 20), m.start()):
            out.append(AgePhrase(m.start("age"), m.end("age"), m.span("age"), int(m.group("age")), False))
    for m in AGE_IN_BRACKETS.finditer(low, *region):
        if WORKER_BEFORE.search(low, max(region[0], m.start() - 20), m.start()):
            group = next(g for g in ("age", "first", "alone") if m.group(g))
            value = age_value(m.group(group))
            if value is not None:
                out.append(AgePhrase(m.start(group), m.end(group), m.span(group), value, False))
    for m in AGE_SEX_SHORT.finditer(low, *region):
        out.append(AgePhrase(m.start("age"), m.end("age"), m.span("age"), int(m.group("age")), False))
    for m in AGE_BY_ITS_SUBJECT.finditer(low, *region):
        value = age_value(m.group("age"))
        if low[m.start() - 1:m.start()].isalpha() or value is None:
            continue
        now = m.group("now") is not None or AT_THIS_REVIEW.match(low, m.end()) is not None
        out.append(AgePhrase(m.start("age"), m.end("age"), m.span("age"), value, False, now))
    for m in AGE_TURNED.finditer(low, *region):
        value = age_value(m.group("age"))
        by = TURNED_BY_THE_WORKER.search(low, max(region[0], m.start() - TURNED_REACH), m.start())
        if value is not None and by and not (by.group().startswith(",") and _someone_elses(low, region[0], by.start())):
            # (the worker's birthday past: the age now, 'she turned 62 this spring')
            out.append(AgePhrase(m.start("age"), m.end("age"), m.span("age"), value, False, True))
    for m in AGE_TO_TURN.finditer(low, *region):
        value = age_value(m.group("age"))
        if value is not None and TURNED_BY_THE_WORKER.search(low, max(region[0], m.start() - TURNED_REACH), m.start()):
            out.append(AgePhrase(m.start("age"), m.end("age"), m.span("age"), value - 1, False))
    for pattern in (AGE_BIRTHDAY, AGE_OF, AGE_GIVEN, AGE_AFTER_SEX, AGE_IN_A_FIELDS_LINE):
        for m in pattern.finditer(low, *region):
            value = age_value(m.group("age"))
            if value is not None and not low[m.start() - 1:m.start()].isalpha():
                out.append(AgePhrase(m.start(), m.end(), m.span("age"), value, False))
    for m in AGE_FRONTED.finditer(low, *region):
        value = age_value(m.group("age"))
        if value is not None:
            out.append(AgePhrase(m.start("age"), m.end("age"), m.span("age"), value, False, bool(m.group("now"))))
    for m in (*AGE_NOW.finditer(low, *region), *AGE_AT_THIS_REVIEW.finditer(low, *region),
              *AGE_AND_IS.finditer(low, *region)):
        # (the worker named before it, or as the subject after it: 'A baker by trade and now 51, this left-handed woman')
        value = age_value(m.group("age"))
        after = CLAUSE_TO_ITS_COMMA.match(low, m.end(), region[1])
        if value is not None and (WORKER_WORD.search(low, max(region[0], m.start() - WORKER_REACH), m.start())
                                  or WORKER_AFTER.match(low, m.end(), region[1])
                                  or after is not None and WORKER_AFTER.match(low, after.end(), region[1])):
            out.append(AgePhrase(m.start("age"), m.end("age"), m.span("age"), value, False, True))
    return sorted(out)


def _age(ctx: LetterContext, region: tuple[int, int]) -> tuple[Mention[int] | None, AgePhrase | None]:
    """The first age in the region that is the worker's, one told as the age at an event ('was fifty years old when he
    fell') after any told as the age now ('He is now fifty-one'); with its phrase (where the sex and job words are);
    else the age a birth year gives on the decision's date."""
    low = ctx.lower
    phrases = _age_phrases(low, region)
    # (the age now before any other; one told as the age at an event after all; of ages told alike, the latest, the
    # highest: 'describes her as a forty-six-year-old ...; she was 47 at the consultation of 03/19/2015')
    def rank(p: AgePhrase) -> tuple[bool, bool]:
        return not p.now, AGE_THEN.match(low, p.end) is not None

    found = None
    for phrase in sorted(phrases, key=rank):
        if found is not None and rank(phrase) != rank(found):
            break
        if not MIN_AGE <= phrase.value <= MAX_AGE:
            continue
        before = low[max(region[0], phrase.start - 12):phrase.start]
        if POSSESSIVE.search(before) and not (low.startswith("age", phrase.start) and OWN_AGE_BEFORE.search(before)) \
                or (phrase.past and PAST_AGE.search(before)):
            continue
        if _someone_elses(low, region[0], phrase.start):
            continue  # ('Her husband, a 62-year-old retired truck driver', 'her father, who is 72')
        if SOMEONE_INDEFINITE.search(low, max(region[0], phrase.start - 60), phrase.start):
            continue  # ('a ladder held by a 20-year-old helper', 'the owner and a recently hired 24-year-old clerk')
        next_word = re.match(r"[\s,-]*([a-z]+)", low[phrase.end:phrase.end + 30])
        if next_word and next_word.group(1) in NOT_THE_WORKER and not DESCRIBED_AS.search(before):
            continue  # ('her 12-year-old son'; not 'She is a 62-year-old grandmother')
        if found is None or phrase.value > found.value and phrase.value - found.value <= LATER_AGE_GAP:
            found = phrase
    if found is not None:
        return Mention(found.value, ctx.original(*found.number)), found
    return _age_from_birth(ctx, region), None


# The worker said to be one ('She is a 62-year-old grandmother'): the age is the worker's.
LATER_AGE_GAP = 5  # years between two ages of the worker told alike for the higher to be the later (not someone else's)
DESCRIBED_AS = re.compile(r"\b(?:is|was)\s+an?\s+$")
# Someone brought in by a word that joins them to another, not as what the worker is ('pushed by a 20-year-old ...', 'and a
# 26-year-old apprentice', 'where a 33-year-old nurse ...')
SOMEONE_INDEFINITE = re.compile(r"\b(?:by|with|where|and|when|while|whom|than)\s+an?\s+(?:[a-z-]+\s+){0,2}$")
MIDYEAR = "07-02"  # a birth year alone: the birthday taken as past from here on
# A birth date's words before a date: the date is no injury's.
BIRTH_BEFORE = re.compile(r"\b(?:born(?:\s+on)?|(?:date\s+of\s+birth|dob|birth\s*date)\s*(?::|,|\s(?:is|was))?)\s*$")
# An age told as the worker's at an event: 'was fifty years old when he fell', '... at the time of the injury'.
AGE_THEN = re.compile(r"(?:\s+years?[\s-]+old)?\s+(?:when|at\s+the\s+time\s+of\s+(?:the|his|her)\s+(?:injury|fall|accident|incident))\b")
# A birth date or year: 'a produce clerk born in 1957', 'Date of Birth:  /  /1966', 'DOB 04/12/1961'.
# ('date of birth, 09/22/1961', 'born in March 1966')
BIRTH = re.compile(r"\b(?:born\s+(?:in\s+|on\s+)?|(?:date\s+of\s+birth|dob|birth\s*date)\s*(?::|,|\s(?:is|was|as))?\s*)"
                   r"(?P<date>(?:[a-z]+\.?\s+\d{1,2},?\s+|[a-z]+\.?\s+|\d{1,2}\s*/\s*\d{1,2}\s*/\s*|[\s/x_-]{0,12})?"
                   r"(?P<year>(?:19|20)\d{2}))\b")


def _age_from_birth(ctx: LetterContext, region: tuple[int, int]) -> Mention[int] | None:
    """The worker's age on the decision's date from the birth date or year the summary or the header gives."""
    decided = ctx.header.get("decision_date")
    decision = _date_or_period_end(ctx, ctx.lower, *decided) if decided else None
    if decision is None:
        return None
    low = lowered(ctx.view.original)  # (as read: the view blanks the header's labels)
    for m in BIRTH.finditer(low, 0, ctx.original(*region)[1]):
        if _someone_elses(low, 0, m.start()):
            continue  # ('her son, born in 1994, ...')
        born = DATE.fullmatch(low, m.start("date"), m.end("date"))
        birthday = parse_date(born) if born else None
        year, month_day = int(decision.value[:4]), decision.value[5:]
        # (a birth year alone: the birthday is more likely past than not after midsummer)
        age = year - int(birthday[:4]) - (month_day < birthday[5:]) if birthday \
            else year - int(m.group("year")) - (month_day < MIDYEAR)
        if MIN_AGE <= age <= MAX_AGE:
            return Mention(age, m.span("year"))
    return None


def _sex(ctx: LetterContext, region: tuple[int, int], age: AgePhrase | None) -> tuple[Mention[str] | None, int]:
    """The worker's sex and where its word ends in the view (-1 when no word says it)."""
    text, low = ctx.text, ctx.lower
    m = None
    if age:
        m = (SEX_AFTER_AGE.match(low, age.end, region[1]) or SEX_LETTER.match(text, age.end, region[1])
             or SEX_BEFORE_AGE.search(low, max(region[0], age.start - 30), age.start))
    m = m or SEX_WORD.search(low, *region) or SEX_LABEL.search(low, *region)
    if m:
        return Mention(sex_value(m.group("sex")), ctx.original(*m.span("sex"))), m.end("sex")
    m = TITLE.search(text, *region)
    if m:
        return Mention("male" if m.group("title") == "Mr" else "female", ctx.original(*m.span("title"))), -1
    return _sex_from_pronouns(ctx, region), -1


def _sex_from_pronouns(ctx: LetterContext, region: tuple[int, int]) -> Mention[str] | None:
    """The sex most of the summary's third-person pronouns agree on (PRONOUN_MAJORITY)."""
    found = {"male": [], "female": []}
    for m in PRONOUN.finditer(ctx.lower, *region):
        found[m.lastgroup].append(m)
    for sex, other in (("male", "female"), ("female", "male")):
        if found[sex] and len(found[sex]) >= PRONOUN_MAJORITY * len(found[other]):
            return Mention(sex, ctx.original(*found[sex][0].span(sex)))
    return None


def _occupation(ctx: LetterContext, region: tuple[int, int], age: AgePhrase | None, sex_end: int) -> Mention[str] | None:
    """The first job the region names by a cue wording, else the job words after the worker's age and sex."""
    low = ctx.lower
    read = low[slice(*region)]
    candidates: list[tuple[int, int, bool]] = []  # (start, end of the region to read, strong cue)
    for pattern, before, strong, words in OCCUPATION_CUES:
        if words and not any(word in read for word in words):
            continue
        tried = 0
        for m in pattern.finditer(low, *region):
            if (before is None or before.search(low, max(region[0], m.start() - CUE_REACH), m.start())) \
                    and not _someone_elses(low, region[0], m.start()):
                candidates.append((m.end(), region[1], strong))
                tried += 1
                if tried == CUES_TRIED:
                    break
    if any(word in read for word in BY_OCCUPATION_WORDS):
        m = BY_OCCUPATION.search(low, *region)
        if m:
            candidates.append((m.start("job"), m.end("job"), True))
    if any(words in read for words in ("of injury", "of the injury", "this position", "this job")):
        candidates += [(m.start("job"), m.end("job"), True) for m in REMARKED_AS_HELD.finditer(low, *region)]
    for pattern, cues in ((FRONTED_JOB, ("year", "decade", "life", "career")), (TITLE_ON_A_FORM, ("claim form", "dwc-1", "report"))):
        m = pattern.search(low, *region) if any(cue in read for cue in cues) else None
        # (the region's first sentence opens it, whatever the view has before it: a heading it leaves out)
        m = m or pattern is FRONTED_JOB and FRONTED_JOB_WORDS.match(low, *region) or None
        if m:
            candidates.append((m.start("job"), m.end("job"), False))
    if age:
        person_end = sex_end if age.end <= sex_end <= age.end + 60 else age.end
        # ... or between the age and the sex ('39-year-old delivery truck driver, male')
        for end in dict.fromkeys((person_end, age.end)):
            after = AFTER_PERSON.match(low, end, region[1])
            if after:
                candidates.append((after.start("e"), after.end("e"), False))
    jobs = []
    for start, end, strong in sorted(candidates):
        job = _job_words(ctx, start, end)
        if job and not strong and JOB_AFTER.match(low, job[1]):
            continue  # 'works in construction as a carpenter': the trade, then the job in it
        if job and _is_job(ctx.text[job[0]:job[1]].lower().split(), strong):
            jobs.append(job)
    # (the job held when the worker was hurt before one held earlier or later: 'hired him as a dishwasher in 2011; ...
    # held the title of sous chef at the time of his injury')
    # (of two told before the same words for it, the nearer: 'made a line cook ... and held the title of sous chef at
    # the time of his injury')
    at_the_injury = [(0, len(m.group()), n) for n, j in enumerate(jobs) if (m := HELD_AT_THE_INJURY.match(low, j[1]))] \
        + [(0, 0, n) for n, j in enumerate(jobs) if LABELLED_AT_THE_INJURY.search(low, max(region[0], j[0] - 40), j[0])] \
        + [(1, j[0] - m.start(), n) for n, j in enumerate(jobs)
           if (m := HELD_UP_TO_THE_INJURY.search(low, max(region[0], j[0] - HELD_REACH), j[0]))]
    if at_the_injury:
        job = jobs[min(at_the_injury)[2]]
    elif jobs:
        job = jobs[0]
        for later in jobs[1:]:
            # (in the same clause, and not a rung told as left before another: '...; he had been a journeyman roofer
            # for fourteen years before ...')
            # (or in a clause after it that says it is held now: '... a roofer for ten years; since 2011 he has been a
            # building inspector')
            between = low[job[1]:later[0]]
            if ". " not in between and ("; " not in between and RISEN_TO.search(low, max(job[1], later[0] - CUE_REACH), later[0])
                                        or HELD_NOW.search(low, max(job[1], later[0] - CUE_REACH), later[0])) \
                    and not LEFT_BEFORE.match(low, later[1]):
                job = later
    else:
        return None
    return _job_mention(ctx, *job)


def _someone_elses(low: str, floor: int, at: int) -> bool:
    """Whether what is told at `at` (an age, a job, a birthday) is someone else's: set after them ('her husband, a
    retired machinist', 'Her husband, a 62-year-old retired truck driver', 'her father, who is 72', 'Her son, a student,
    turned 18', 'her son, born in 1994') or theirs as the clause's subject ('Her husband is a truck driver', 'and his
    wife works as a nurse')."""
    words = re.findall(r"[a-z-]+|,", low[clause_start(low, max(floor, at - SUBJECT_REACH), at, ".:;"):at])
    # (an age set off between commas is no word of the clause: 'Her husband, 55, is a long-haul truck driver')
    words = [w for k, w in enumerate(words) if not (w == "," and k and words[k - 1] == ",")]
    last_comma = len(words) - 1 - words[::-1].index(",") if "," in words else -1
    if last_comma > 0 and (last_comma == len(words) - 1 or words[last_comma + 1] in APPOSITION_OPENS):
        # (or someone the worker serves, named indefinitely: 'moving a patient, a 90-year-old retired welder')
        return words[last_comma - 1] in SOMEONE_ELSE or _another_persons_role(words[:last_comma]) \
            or words[last_comma - 1] in PEOPLE_AT_WORK | {"patient"} and words[last_comma - 2:last_comma - 1] in (["a"], ["an"])
    subject = words[last_comma + 1:]
    subject = subject[1:] if subject[:1] == ["and"] or subject[:1] == ["but"] else subject
    # (not one the worker is: 'Mr. Roe, a grandfather of five and aged sixty-two')
    return any(word in SOMEONE_ELSE and not (n and subject[n - 1] in ("a", "an")) for n, word in enumerate(subject[:3]))


APPOSITION_OPENS = frozenset({"a", "an", "who", "whose", "now", "aged", "age"})
# Words for the worker a role may name ('the injured worker', 'this claimant'), and the articles and possessives that
# open a noun phrase.
WORKER_WORDS = frozenset({"claimant", "applicant", "patient", "employee", "worker", "iw", "individual", "gentleman", "man",
                          "woman", "lady", "male", "female", "mr", "ms", "mrs", "miss", "injured"})
# (definite: 'a correctional officer, now 39' describes the worker)
DETERMINERS = frozenset({"the", "his", "her", "their", "its", "s"})  # ('s: the shop's owner)
# People the letter names by their place beside the worker, not by a job.
OTHER_PEOPLE = PEOPLE_AT_WORK | {"doctor"}
PHRASE_TAIL_OPENS = frozenset({"on", "in", "at", "of", "from", "with", "for"})


def _another_persons_role(words: list[str]) -> bool:
    """Whether a noun phrase ends with a person's role that is not the worker's ('the shop's owner', 'his supervisor',
    'the claimant's supervisor'; not 'the injured worker', 'Ms. Roe'), past what follows its head ('his partner on the
    transport', 'the owner of the shop')."""
    tail = next((k for k in range(len(words) - 1, 1, -1) if words[k] in PHRASE_TAIL_OPENS), len(words))
    return any(_a_role(phrase) for phrase in (words, words[:tail]))


def _a_role(words: list[str]) -> bool:
    head = words[-1] if words else ""
    if head in WORKER_WORDS or not any(w in DETERMINERS for w in words[-4:-1]):
        return False
    return head in OTHER_PEOPLE or head in SOMEONE_ELSE or vocab.job_words().get(head) == "head"


def _header_occupation(ctx: LetterContext) -> Mention[str] | None:
    """The header's 'Occupation:' value, when the summary names no job."""
    span = ctx.header.get("occupation")
    job = _job_words(ctx, *span) if span else None
    if job and _is_job(ctx.text[job[0]:job[1]].lower().split(), False):
        return _job_mention(ctx, *job, starts_a_value=job[0] == span[0])
    return None


def _job_mention(ctx: LetterContext, start: int, end: int, starts_a_value: bool = False) -> Mention[str]:
    """The job's words without an employer's name before them: the words up to the last capitalised one
    when lower-case words follow it ('a Walmart cashier', 'a County of Marin bus driver' -> 'cashier',
    'bus driver'); an acronym is no name ('ICU nurse')."""
    words = list(re.finditer(r"\S+", ctx.text[start:end]))
    before = ctx.text[max(0, start - 40):start].rstrip()
    # (or a summary's, after its colon; or a list's item, after the bracket or semicolon that ends the one before)
    sentence_start = starts_a_value or not before or before.endswith((".", ":", ";", ")"))
    # a capital that starts a sentence or a header's value ('... DOI 3/2/12. Delivery driver.', 'Occupation: Home
    # health aide') names no employer
    named = [n for n, w in enumerate(words) if w.group()[0].isupper() and not w.group().isupper()
             and not (n == 0 and sentence_start)]
    if named and named[-1] + 1 < len(words) and not any(w.group()[0].isupper() for w in words[named[-1] + 1:]):
        start += words[named[-1] + 1].start()
    return Mention(" ".join(ctx.text[start:end].split()), ctx.original(start, end))


GRADE = re.compile(r"(?:i{1,3}|iv|v|[1-4])[,.]?")


def _through_last_head(ctx: LetterContext, first: int, ends: list[int]) -> tuple[int, int]:
    """A job's words end at their last job word: 'school bus driver requires ...' -> 'school bus driver'."""
    words = ctx.lower[first:ends[-1]].split()
    heads = [n for n in range(len(words)) if _job_head_at(words, n)]
    # (and a grade after it: 'Food Service Worker II')
    last = heads[-1] + 1 if heads and heads[-1] + 1 < len(words) and GRADE.fullmatch(words[heads[-1] + 1]) else \
        heads[-1] if heads else -1
    return first, ends[last]


def _job_words(ctx: LetterContext, start: int, end: int) -> tuple[int, int] | None:
    """The job's words from `start`: up to a word that ends them, punctuation, or a redaction gap."""
    low = ctx.lower
    ends: list[int] = []
    first = pos = start
    after_a_side = False
    for _ in range(MAX_JOB_WORDS):
        m = JOB_WORD.match(low, pos, end)
        if m is not None and m.group() == "and" and _joins_two_fields(ctx, ends, m.end(), end):
            ends.append(m.end())  # 'shipping and receiving clerk': two fields of one job
            pos = m.end() + 1
            continue
        if m is None or m.group() in JOB_END or REDACTION_WORD.fullmatch(m.group()) \
                or ends and (_gap_between(ctx, ends[-1], m.start()) or low.startswith(":", m.end())):  # (the next label)
            break
        if not ends and (m.group() in DESCRIBING_WORDS or after_a_side and m.group() in HAND_AFTER_A_SIDE
                         or m.group().endswith(("'s", "’s"))) \
                and re.match(r" (?=[a-z])", low[m.end():m.end() + 2]):
            pos = m.end() + 1  # 'a right-handed grocery clerk', 'the store's produce manager': the job follows
            after_a_side = m.group() in HAND_SIDES
            continue
        first = m.start() if not ends else first
        ends.append(m.end())
        if not re.match(r" (?=[a-z])", low[m.end():m.end() + 2]):
            break
        pos = m.end() + 1
    return _through_last_head(ctx, first, ends) if ends else None


def _joins_two_fields(ctx: LetterContext, ends: list[int], after: int, end: int) -> bool:
    """'and' between two words of one job's field ('shipping and receiving clerk', 'heating and air conditioning
    technician'): a word before it that names no job, and a job's head within two words after it."""
    if len(ends) != 1 or _job_head(ctx.lower[:ends[0]].rsplit(" ", 1)[-1]):
        return False
    words = JOB_WORD.findall(ctx.lower, after, min(end, after + 40))[:3]
    return any(_job_head(w) for w in words[1:3]) and not any(w in JOB_END for w in words[:2])


def _gap_between(ctx: LetterContext, end: int, start: int) -> bool:
    """A redaction gap in the letter as read between two view offsets."""
    a, b = ctx.original(end, start)
    return bool(REDACTION_GAP.search(ctx.letter.document.text, a, b))


def _is_job(words: list[str], strong: bool) -> bool:
    words = [w.strip("'/-") for w in words]
    words = words[:-1] if len(words) > 1 and GRADE.fullmatch(words[-1]) else words  # ('Food Service Worker II')
    if not words or not words[0] or words[0] in NOT_JOB_START and words[:2] not in LONG_ROUTE \
            or any(w in NOT_JOB_WORDS for w in words):
        return False
    if words == ["worker"] or words[-1] in _body_words() \
            or any(age_value(w) is not None and not _numbered_title(words, n) or AGE_HYPHENATED.search(w)
                   for n, w in enumerate(words)):
        # 'dental hygienist' is a job, 'lower back' is not; nor is a number ('twenty-three')
        return False
    if words[0][0].isdigit():
        return _numbered_title(words, 0)
    return _job_head_at(words, len(words) - 1) or (strong and vocab.job_words().get(words[-1]) != "not-head")


def _numbered_title(words: list[str], n: int) -> bool:
    """A job's first word that is a numeral of its title, not an age or a count ('911 dispatcher', '3rd grade
    teacher'; not '45 dispatcher' nor '12 hour shift'): a number of 100 or more or an ordinal, before a job's head."""
    word = words[n]
    if n or len(words) < 2 or not word[0].isdigit() or not _job_head_at(words, len(words) - 1):
        return False
    return not word.isdigit() or int(word) >= 100


def _job_head_at(words: list[str], n: int) -> bool:
    """Whether the n-th word ends a job's name: a job word, or the last of two the catalogue names together ('meter
    reader', where 'reader' alone is no job)."""
    pair = vocab.job_words().get(" ".join(words[n - 1:n + 1])) if n else None
    return pair == "head" if pair else _job_head(words[n])


def _job_head(word: str) -> bool:
    """A word a job's name ends with: 'clerk', 'driver', 'machinist', 'landscaping'; of two jobs joined by a
    slash ('firefighter/paramedic'), either."""
    word = word.strip("'/-")
    if "/" in word:
        return any(_job_head(part) for part in word.split("/"))
    role = vocab.job_words().get(word)
    return role in ("head", "trade") or role is None and len(word) >= 5 and word.endswith(JOB_SUFFIXES) \
        and word not in NOT_JOB_WORDS


@cache
def _body_words() -> frozenset[str]:
    """One-word anatomical terms: a job word is never one ('back', 'shoulder')."""
    return frozenset(w for w in vocab.body_parts() if " " not in w)


# --- date of injury --------------------------------------------------------------------------------


def _header_injury_date(ctx: LetterContext) -> Mention[str] | None:
    span = ctx.header.get("date_of_injury")
    return _date_or_period_end(ctx, ctx.lower, span[0], span[1]) if span else None


def _date_or_period_end(ctx: LetterContext, low: str, start: int, end: int, anchored: bool = False) -> Mention[str] | None:
    """The date at `start` (the first in [start, end) unless anchored); when a second date joins it as a
    period ("01/01/2011 - 05/21/2012"), the period's last day."""
    m = DATE.match(low, start, end) if anchored else DATE.search(low, start, end)
    if m is None or not parse_date(m):
        return None
    join = RANGE_JOIN.match(low, m.end(), end) or (BETWEEN_BEFORE.search(low, max(0, m.start() - 10), m.start())
                                                    and AND_JOIN.match(low, m.end(), end))
    if join:
        second = DATE.match(low, join.end(), end)
        if second and parse_date(second) and parse_date(second) >= parse_date(m):
            m = second
    return Mention(parse_date(m), ctx.original(*m.span()))


def _injury_date(ctx: LetterContext, region: tuple[int, int]) -> Mention[str] | None:
    """The first date with an injury cue shortly before it (same sentence) or an injury event right after it,
    unless a clinical encounter governs the date ('seen on 1/5/2015 for an injury', 'injured and seen on ...'); else the summary's first date when its sentence describes no clinical encounter ('On 1/21/2014 two men
    robbed the branch')."""
    text, low = ctx.text, ctx.lower
    first = None
    for dm in DATE.finditer(low, *region):  # read up to the date that answers, not the whole summary
        if not parse_date(dm) or BIRTH_BEFORE.search(low, max(region[0], dm.start() - 30), dm.start()):
            continue  # (nor the worker's birthday: 'date of birth is 01/17/1958')
        first = first or dm
        before = text[max(region[0], dm.start() - 90):dm.start()]
        before = re.split(r"[.;]\s", before)[-1]
        encounter = ENCOUNTER_BEFORE.search(before)
        cues = list(INJURY_CUE.finditer(before))
        if cues and not (encounter and encounter.start() > cues[-1].start()) \
                or not encounter and INJURY_AFTER.match(text, dm.end(), region[1]):
            return _date_or_period_end(ctx, low, dm.start(), region[1], anchored=True)
    if first:
        start = max(text.rfind(". ", region[0], first.start()) + 1, text.rfind(": ", region[0], first.start()) + 1,
                    region[0])  # a sentence, not the summary's opening line ("... summary below:")
        end = text.find(". ", first.end(), region[1])
        if not ENCOUNTER.search(text, start, end if end > 0 else region[1]):
            return _date_or_period_end(ctx, low, first.start(), region[1], anchored=True)
    return None
