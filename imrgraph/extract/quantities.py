"""Numbers in requests and rationales: quantity, unit, frequency, duration, strength, form, limits.

Works on single-line text (the extraction view): a request heading or a rationale.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..models import GuidelineLimit
from ..text import inside_brackets
from .body_parts import SPINAL_LEVEL

_ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
NUMBER_WORDS = {
    **_ONES, **_TENS, **{f"{t}-{o}": tv + ov for t, tv in _TENS.items() for o, ov in _ONES.items()},
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "once": 1, "twice": 2, "single": 1,
}
# a number in words, longest first
NUMBER_WORD = r"(?:" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + ")"
NUM = r"(?:\d+(?:\.\d+)?|" + NUMBER_WORD + r"\b)"
PER = {"day": "day", "days": "day", "daily": "day", "d": "day", "week": "week", "weeks": "week", "wk": "week",
       "wks": "week", "weekly": "week", "month": "month", "months": "month", "mo": "month", "mos": "month",
       "monthly": "month"}
PERIOD = r"(?P<per>days?|weeks?|wks?|months?|mos?)"
# UNIT: a singular lowercase full word for each way a request counts what it asks for.
UNITS = {
    "session": "session", "sessions": "session", "visit": "visit", "visits": "visit", "treatment": "treatment",
    "treatments": "treatment", "hour": "hour", "hours": "hour", "hrs": "hour", "hr": "hour", "tablet": "tablet",
    "tablets": "tablet", "tabs": "tablet", "tab": "tablet", "capsule": "capsule", "capsules": "capsule",
    "caps": "capsule", "cap": "capsule", "patch": "patch", "patches": "patch", "injection": "injection",
    "injections": "injection", "inj": "injection", "injs": "injection", "unit": "unit", "units": "unit",
    "pills": "tablet", "pill": "tablet",
    "refills": "refill", "refill": "refill", "gram": "gram", "grams": "gram", "gm": "gram", "gms": "gram",
    "g": "gram", "milliliter": "milliliter", "milliliters": "milliliter", "ml": "milliliter", "mls": "milliliter",
    "ounce": "ounce", "ounces": "ounce", "oz": "ounce", "test": "test", "tests": "test", "procedure": "procedure",
    "procedures": "procedure", "vial": "vial", "vials": "vial", "bottle": "bottle", "bottles": "bottle",
    "tube": "tube", "tubes": "tube", "kit": "kit", "kits": "kit", "pair": "pair", "pairs": "pair",
    "film": "film", "films": "film", "lozenge": "lozenge", "lozenges": "lozenge", "suppository": "suppository",
    "suppositories": "suppository", "application": "application", "applications": "application",
    "appointment": "visit", "appointments": "visit", "class": "session", "classes": "session",
    "trip": "trip", "trips": "trip", "ride": "trip", "rides": "trip",
}
FORMS = {
    "tablet": "tablet", "tablets": "tablet", "tab": "tablet", "tabs": "tablet", "capsule": "capsule",
    "capsules": "capsule", "cap": "capsule", "caps": "capsule", "patch": "patch", "patches": "patch",
    "cream": "cream", "gel": "gel", "lotion": "lotion", "ointment": "ointment", "spray": "spray",
    "solution": "solution", "suspension": "suspension", "injection": "injection", "suppository": "suppository",
    "film": "film", "films": "film", "liquid": "liquid", "powder": "powder", "drops": "drops", "im": "injection",
    "intramuscular": "injection", "injectable": "injection",
}
SIG = {"qd": (1, "day"), "daily": (1, "day"), "bid": (2, "day"), "tid": (3, "day"), "qid": (4, "day"),
       "qhs": (1, "day"), "qam": (1, "day"), "qpm": (1, "day"), "weekly": (1, "week"), "monthly": (1, "month"),
       "once a week": (1, "week"), "once a month": (1, "month"), "twice a week": (2, "week"),
       "twice a day": (2, "day"), "every week": (1, "week"), "every month": (1, "month"),
       "once daily": (1, "day"), "twice daily": (2, "day"), "three times daily": (3, "day"),
       "four times daily": (4, "day"), "twice weekly": (2, "week"), "three times weekly": (3, "week"),
       "every other week": (0.5, "week"), "every 12 hours": (2, "day"), "every 8 hours": (3, "day"),
       "every 6 hours": (4, "day"), "every 4 hours": (6, "day"), "q12h": (2, "day"), "q8h": (3, "day"),
       "q6h": (4, "day"), "q4h": (6, "day"), "at bedtime": (1, "day"), "nightly": (1, "day"),
       "every night": (1, "day"), "every day": (1, "day"), "every morning": (1, "day"), "once a day": (1, "day"),
       "three times a day": (3, "day"), "four times a day": (4, "day"), "once weekly": (1, "week"),
       "once monthly": (1, "month"), "twice monthly": (2, "month"), "twice a month": (2, "month"),
       "once per week": (1, "week"), "once per month": (1, "month"), "once every week": (1, "week"),
       "once every month": (1, "month"), "at hs": (1, "day"), "hs": (1, "day"), "at night": (1, "day")}

# 'twelve (12) sessions', '(3) months supply': the number in parentheses is the number (a number word before
# it says the same thing).
PARENTHESISED = re.compile(r"(?:\b" + NUMBER_WORD + r"\s*)?"
                           r"\(\s*(?P<n>\d+(?:\.\d+)?)\s*\)")
# One container and what it holds ('1 bottle (60 capsules)'): the count is of what it holds.
CONTAINER_OF = re.compile(r"\b(?:one|an?|1)\s+(?:bottle|box|tube|pack|package|container|jar|carton)\s*\(\s*(?P<n>\d{1,4})\s*"
                          r"(?P<form>tablets?|capsules?|caps|tabs|pills|softgels?|patch(?:es)?|packets?|sachets?)\s*\)")
# ('series of 3', 'injection series (3)' with its brackets dropped, 'series x3')
SERIES = re.compile(r"\bseries\s+(?:of\s+|x\s?)?(?P<n>" + NUM + r")\b")
# ... and one spelled out with its digits at a request's end is its count: 'Soma 350 mg, sixty (60)', as is one in
# brackets alone after a word ('Shower chair, purchase (1)').
SPELLED_COUNT_END = re.compile(r"(?:,\s*|\s+)(?:" + NUMBER_WORD + r"\s*|(?<=[a-z]\s))"
                               r"\(\s*(?P<n>\d+)\s*\)\s*$")
FREQUENCY = re.compile(
    r"\b(?P<n>" + NUM + r")\s*(?:(?:x|times?|(?P<unit>sessions?|visits?|treatments?|patch(?:es)?|pairs?))\s*"
    r"(?:a|per|/|each|every)?"
    r"|a|per|/|each|every)\s*(?P<per>day|daily|week|weekly|wk|month|monthly|mo)\b"
)
# "4 hours per day", "4 h/day": an amount per occasion, not a frequency; "5 days per week" is the frequency then.
AMOUNT_PER_DAY = re.compile(r"\b(?P<n>" + NUM + r")\s*(?P<unit>hours?|hrs?|h)\s*(?:a|per|/|each)\s*(?:day|d|visit|session)\b")
# 'twelve weekly sessions', '6 monthly visits': a count of sessions held once a period.
PERIODIC_COUNT = re.compile(r"\b(?P<n>" + NUM + r")\s+(?:additional\s+)?(?P<per>weekly|monthly|daily)\s+(?:[a-z\-]+\s+){0,2}?"
                            r"(?P<unit>sessions|visits|treatments|appointments|classes)\b")
# "24 hours per week", "10 hrs weekly": hours a week, multiplied out over the weeks or months asked for.
HOURS_PER_WEEK = re.compile(r"\b(?P<n>" + NUM + r")\s*(?:hours?|hrs?|h)\s*(?:(?:a|per|/|each)\s*(?:week|wk)|weekly)\b")
DAYS_PER = re.compile(r"\b(?P<n>" + NUM + r")\s*(?:days?|d)\s*(?:a|per|/|each)\s*(?P<per>week|wk|month|mo)\b")
# 'every 4-6 hours', 'q4-6h', 'every 8 hrs': a dose every so many hours, at most as often as the shorter interval;
# 'every 72 hours' is no count of hours.
EVERY_HOURS = re.compile(r"\b(?:every|q)\s*(?P<a>\d{1,3})(?:\s*(?:-|to)\s*\d{1,3})?\s*(?:hours?|hrs?|h)\b")
# 'q7 days', 'every 7 days', 'every week', 'every other day': a dose or visit every so long, a frequency where it
# is once a day, a week or a month ('every 3 days' is none), never a duration.
EVERY_PERIOD = re.compile(r"\b(?:every|q)\s*(?:(?P<n>" + NUM + r")(?:\s*(?:-|to)\s*(?P<to>" + NUM + r"))?\s*-?\s*|"
                          r"(?P<other>other)\s+)?" + PERIOD + r"\b")
ONCE_EVERY = {("day", 1): "day", ("day", 7): "week", ("week", 1): "week", ("month", 1): "month"}
# '12 hrs on/12 hrs off', '12 hours on and 12 hours off', '12 on 12 off': a patch worn in cycles of a day or part
# of one (once a day for 12 on, 12 off).
ON_OFF = re.compile(r"\b(?P<on>\d{1,2})\s*(?:hours?|hrs?|h)?\s*on\s*(?:[,/;-]|and)?\s*(?P<off>\d{1,2})\s*(?:hours?|hrs?|h)?\s*off\b")
# 'b.i.d.', 'q.h.s.': a Latin abbreviation written with stops is the one without.
LATIN_STOPS = re.compile(r"\b(?:[bt]\.i\.d|q\.i\.d|q\.h\.s|q\.d|q\.a\.m|q\.p\.m|p\.r\.n|p\.o)\b\.?")
FREQUENCY_SIG = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, SIG), key=len, reverse=True)) + r")\b")
GRID = re.compile(r"(?<![\w.#/])(?P<n>\d{1,2})\s*[x×]\s*(?P<m>\d{1,2})(?![\w.%/])(?!\s*(?:mg|ml|mcg|%|sessions?|visits?))")
DURATION = re.compile(r"\b(?:for|x|times|over|×|quantity:?|duration:?)\s*(?:a\s+|the\s+next\s+)?(?P<n>" + NUM + r")\s*-?\s*"
                      + PERIOD + r"\b")
DURATION_BARE = re.compile(r"\b(?P<n>" + NUM + r")\s*-?\s*" + PERIOD + r"\b(?!\s*(?:of\s+)?(?:per|a)\b)")
# 'follow-up in 4 to 6 weeks', 'within 2 weeks': when, not for how long.
TIME_TO_COME_BEFORE = re.compile(r"\b(?:in|within)\s+(?:" + NUM + r"\s*(?:-|to|or)\s*)?$")
IN_UNITS = re.compile(r"\(\s*in\s+(?P<per>months|weeks|days|visits|sessions|hours)\s*\)\s*(?:quantity|qty)\s*:?\s*(?P<n>\d+(?:\.\d+)?)")
# A length of time asked for as the amount: '1 month rental', 'a 30-day supply', '30 day trial', 'inpatient stay x 3
# days' (a stay that comes with what is asked for, 'fusion with 2 day inpatient stay', is not).
LENGTH_ASKED = re.compile(r"\b(?:supply|supplies|rental|rent|lease|trial|membership|(?P<stay>stay))\b")
COMPANION_STAY = re.compile(r"\b(?:with|and|plus|including)\s+(?:[\w-]+\s+){0,4}$")
# 'urine drug testing 4 times per year': the count of a year (the frequencies a request carries are per day,
# week or month).
YEARLY = re.compile(r"\b(?P<n>" + NUM + r")\s*(?:x|times?)?\s*(?:a|per|/|each|every|in\s+a)\s*(?:year|yr)\b")
# '#90', 'quantity: 30', 'ninety count', '1 box (30)' state the total; they win over 'one tablet' in a sig.
TOTAL = re.compile(r"#\s*(?P<hash>\d+)|\b(?:quantity|qty|dispense[d]?|disp\.?)\s*(?:requested)?\s*:?\s*#?\s*(?P<qty>\d+(?:\.\d+)?|"
                   + NUMBER_WORD + r"\b)"
                   r"|\b(?P<count>" + NUM + r")\s+count\b"
                   # ('1 box (30)', '2 boxes (60)': the total; 'three boxes of thirty': each box's count, times the boxes)
                   r"|\b(?P<boxes>" + NUM + r"|a)\s+(?:box(?:es)?|packs?|packages?)\s*(?:\(\s*|(?P<of>of)\s+)?(?P<box>" + NUM + r")")
REFILLS = re.compile(r"\b(?:x|with|plus|and|\+)?\s*(?P<n>" + NUM + r")\s*refills?\b")
# 'teeth #8 and #9', 'tooth numbers 3, 14': which teeth, not how many.
TOOTH_NUMBERS = re.compile(r"\b(?:teeth|tooth)\s*(?:numbers?|nos?\.?)?\s*#?\s*\d{1,2}(?:\s*(?:,|and|&|-|to)\s*#?\s*\d{1,2})*")
# 'take 1 tablet every 6 hours', '1-2 caps at bedtime': the dose taken at a time, not the amount asked for.
DOSE = re.compile(
    r"\b(?:take\s+)?" + NUM + r"(?:\s*(?:-|to|or)\s*" + NUM + r")?\s*(?:tabs?|tablets?|caps?|capsules?|pills?|patch(?:es)?)"
    r"(?=\s+(?:by\s+mouth|po|orally|daily|every|q\s*\d|qd|bid|tid|qid|qhs|(?:at\s+)?hs|at\s+bedtime|at\s+night|twice|three\s+times|four\s+times"
    r"|once|per\s+day|a\s+day|as\s+needed|prn|up\s+to)\b)"
)
# ... or a bare number taken by mouth ('caps 1 po BID'), read where one of ORAL_WORDS is (plain substring tests)
ORAL_DOSE = re.compile(r"(?<![#\d.])\b" + NUM + r"(?=\s+(?:po|p\.o\.|by\s+mouth|orally|sl|sublingually)\b)")
ORAL_WORDS = (" po", " p.o.", "mouth", "oral", " sl", "sublingual")
UNIT_WORD = re.compile(r"\b(?P<unit>" + "|".join(sorted(
    ("sessions?", "visits?", "treatments?", "injections?", "patch(?:es)?", "capsules?", "tablets?", "appointments?",
     "class(?:es)?", "trips?", "rides?")
)) + r")\b")
# 'transportation to and from medical appointments x 18': a unit word the request goes to or is for is not what
# it counts.
DESTINATION = re.compile(r"\b(?:to|from|for|at)\s+(?:[a-z]+\s+){0,2}$")
# A count and what it counts, with up to three words between ('12 physical therapy sessions', '1 TENS unit').
COUNT = re.compile(
    r"(?:#\s*(?P<hash>\d+)|\b(?:quantity|qty)\s*(?:requested)?\s*:?\s*#?\s*(?P<qty>\d+(?:\.\d+)?)"
    r"|\b(?:x|times|×)\s*(?P<times>\d+)(?:\s+(?P<times_unit>[a-z]+))?"
    r"|(?<![\w./])(?P<n>" + NUM + r")\s*-?\s*(?P<words>(?:[a-z][a-z\-]*\s+){0,3}?)(?P<unit>" + "|".join(
        sorted(map(re.escape, UNITS), key=len, reverse=True)) + r")\b)"
)
STRENGTH = re.compile(
    r"(?<![\w.])(?P<num>\d+(?:\.\d+)?(?:\s*/\s*\d+(?:\.\d+)?)*)\s*(?P<unit>mg/ml|mg|mcg|gm|g|ml|%|iu|units?(?=\s*/\s*ml))"
    r"(?![a-z])"
)
WEIGHT_OR_VOLUME = frozenset({"gm", "g", "ml"})
# An amount by weight or volume ('240gm', '120 ml'), when nothing else counts the request.
VOLUME = re.compile(r"(?<![\w./])(?P<n>\d+(?:\.\d+)?)\s*(?P<unit>ml|mls|milliliters?|gms?|grams?|g|oz|ounces?)\b")
MEASURE_UNITS = frozenset({"gram", "milliliter", "ounce"})
# An amount by weight or volume asked for more than once: '100 gm x 2' is 200 grams.
# ... after the container it comes in, if written ('100g tubes x 3')
# ... or the count of containers after a comma at the end ('100 gram tubes, three')
TIMES_OVER = re.compile(r"\s*(?:(?:(?:tubes?|jars?|bottles?|containers?|packs?|pumps?)\s*)?(?:x|×|times)\s*"
                        r"|(?:tubes|jars|bottles|containers|packs|pumps)\s*,\s*)(?P<n>" + NUM + r")\b"
                        r"(?!\s*(?:refills?|days?|weeks?|months?)\b)")
# ... or the containers counted after the size of each ('100g, 2 tubes')
CONTAINERS_AFTER = re.compile(r"\s*,?\s*(?P<n>" + NUM + r")\s+(?P<unit>tubes?|bottles?|vials?)\b")
# Units of services counted one by one: a number that opens the request counts them ('one (1) neurology
# consultation', '2 lumbar epidural injections'); a drug's or a device's is never counted so ('4 wheeled walker').
LEADING_COUNT_UNITS = frozenset({"session", "visit", "treatment", "injection", "test", "procedure"})
LEADING = re.compile(r"^\s*(?P<n>" + NUM + r")\s+(?=[a-z])(?!(?:x|times|mg|mcg|ml|gms?|grams?|percent|refills?"
                     r"|prescriptions?|months?|weeks?|days?|hours?|hrs?)\b)")
# A count written after what it counts: 'psychotherapy sessions, twelve', 'acupuncture visits: 6', 'patches, 30'.
TRAILING = re.compile(r"\b(?P<unit>sessions|visits|treatments|injections|tablets|tabs|capsules|caps|patches)\s*[:,\-–]?\s*"
                      r"(?P<n>" + NUM + r")"
                      r"(?!\s*(?:x|×|times|/|per|a|-|%|mg|days?|weeks?|months?|hours?)\b)")


def number(token: str) -> float:
    token = token.lower()
    value = NUMBER_WORDS.get(token)
    return float(value) if value is not None else float(token)


def _clean(x: float | None):
    if x is None:
        return None
    return int(x) if float(x).is_integer() else x


@dataclass
class Request:
    quantity: float | None = None
    unit: str | None = None
    frequency: dict | None = None
    duration: dict | None = None


def parse_request(text: str, default_unit: str | None, count_periods: bool = False,
                  lengths_asked: bool = False) -> Request:
    """Quantity, unit, frequency and duration of one request (or one service's part of it).

    The total asked for, in this order: a stated total ('#90', 'QTY: 60'); a count of something
    ('12 sessions', 'x 12', '160 hours', 'twelve (12) visits', 'sessions, twelve', 'one (1) consultation');
    frequency times duration ('2x/week x 6 weeks', '2 x 6', '4 h/day 5 d/wk 6 wk' = 120 hours); an amount
    by weight or volume ('240gm', '100 gm x 2' = 200 grams); a length of time asked for as the amount
    ('1 month rental', 'a 30-day supply'). Refills after a stated total or amount are not part of it ('#30 x 2
    refills' is 30 tablets, the amount of one fill); refills alone ('x 2 refills') are counted as refills.
    Percentages and strengths ('20%', '10/325mg') are never a count, nor is the dose taken at a time ('1
    tablet every 6 hours'). No number -> no quantity.

    count_periods: a bare number of days ('x 20 days') is the number of program days asked for, not a
    duration; weeks or months ('for 6 weeks') stay the program's duration.
    lengths_asked: the service is asked for by the length of time (equipment, memberships), so a length
    with no other count is the amount (and stays the duration).
    Requests repeat across letters ('TENS unit purchase'): each is read once, and every caller gets
    its own copy."""
    req = _read_request(text, default_unit, count_periods, lengths_asked)
    return Request(req.quantity, req.unit, dict(req.frequency) if req.frequency else None,
                   dict(req.duration) if req.duration else None)


@lru_cache(maxsize=16384)
def _read_request(text: str, default_unit: str | None, count_periods: bool, lengths_asked: bool) -> Request:
    s = " " + text.lower() + " "
    spelled_end = SPELLED_COUNT_END.search(s) if "(" in s else None
    if "." in s:
        s = LATIN_STOPS.sub(lambda m: m.group().replace(".", "") + " ", s)
    if "(" in s:
        s = CONTAINER_OF.sub(lambda m: f" {m.group('n')} {m.group('form')} ", s)
        s = PARENTHESISED.sub(_parenthesised, s)
    req = Request()
    used: list[tuple[int, int]] = []

    def blank(m: re.Match | tuple[int, int]) -> None:
        used.append(m.span() if isinstance(m, re.Match) else m)

    def free(m: re.Match) -> bool:
        return all(m.end() <= a or m.start() >= b for a, b in used)

    for m in DOSE.finditer(s):
        blank(m)
    for m in ORAL_DOSE.finditer(s) if any(word in s for word in ORAL_WORDS) else ():
        blank(m)
    for pattern in (SPINAL_LEVEL, TOOTH_NUMBERS):  # 'C6-7 epidural injection', 'teeth #8 and #9': no counts
        for m in pattern.finditer(s):
            blank(m)
    cycle = ON_OFF.search(s)
    if cycle:
        length = int(cycle.group("on")) + int(cycle.group("off"))
        if length and 24 % length == 0:
            req.frequency = {"times": 24 // length, "per": "day"}
        blank(cycle)
    per_day = None if cycle else AMOUNT_PER_DAY.search(s)
    if per_day:
        blank(per_day)
        days = DAYS_PER.search(s)
        req.frequency = ({"times": _clean(number(days.group("n"))), "per": PER[days.group("per")]} if days
                         else {"times": 1, "per": "day"})
        if days:
            blank(days)
    weekly_hours = None if per_day else HOURS_PER_WEEK.search(s)
    if weekly_hours:
        blank(weekly_hours)
    attendance = None if per_day else DAYS_PER.search(s)  # '5 days/wk x 4 wk': 20 days of attendance
    if attendance:
        req.frequency = {"times": _clean(number(attendance.group("n"))), "per": PER[attendance.group("per")]}
        blank(attendance)
    m = IN_UNITS.search(s)
    if m:
        per = PER[m.group("per")] if m.group("per") in PER else None
        req.quantity, req.unit = number(m.group("n")), (per or UNITS.get(m.group("per"), m.group("per")))
        if per:
            req.duration = {"value": _clean(number(m.group("n"))), "unit": per}
        blank(m)
    for m in GRID.finditer(s):
        if free(m):
            req.frequency = {"times": _clean(number(m.group("n"))), "per": "week"}
            req.duration = {"value": _clean(number(m.group("m"))), "unit": "week"}
            blank(m)
            break
    counted_in = None  # what a frequency counts when it says ('3 visits per week')
    for m in FREQUENCY.finditer(s):
        if free(m) and req.frequency is None:
            req.frequency = {"times": _clean(number(m.group("n"))), "per": PER[m.group("per")]}
            counted_in = UNITS.get(m.group("unit"))
            blank(m)
    m = EVERY_HOURS.search(s)
    if m and free(m):
        hours = int(m.group("a"))
        if req.frequency is None and 2 <= hours <= 24 and 24 % hours == 0:
            req.frequency = {"times": 24 // hours, "per": "day"}
        elif req.frequency is None and hours % 24 == 0 and ONCE_EVERY.get(("day", hours // 24)):
            req.frequency = {"times": 1, "per": ONCE_EVERY[("day", hours // 24)]}  # 'every 168 hours': weekly
        blank(m)
    m = EVERY_PERIOD.search(s)
    if m and free(m):
        per = ONCE_EVERY.get((PER[m.group("per")], number(m.group("n")) if m.group("n") else 1)) \
            if not (m.group("other") or m.group("to")) else None  # 'every 4-6 weeks': no one frequency
        if req.frequency is None and per:
            req.frequency = {"times": 1, "per": per}
        blank(m)
    m = PERIODIC_COUNT.search(s)
    if req.frequency is None and m and free(m):
        req.frequency = {"times": 1, "per": PER[m.group("per")]}
        req.quantity, req.unit = number(m.group("n")), UNITS[m.group("unit")]
        blank(m)
    if req.frequency is None:
        m = FREQUENCY_SIG.search(s)
        if m and free(m):
            times, per = SIG[m.group()]
            req.frequency = {"times": times, "per": per}
            blank(m)
    for pattern in (DURATION, DURATION_BARE):
        for m in pattern.finditer(s):
            if free(m) and req.duration is None and not TIME_TO_COME_BEFORE.search(s, max(0, m.start() - 20), m.start()):
                req.duration = {"value": _clean(number(m.group("n"))), "unit": PER[m.group("per")]}
                blank(m)
    if weekly_hours and req.duration and req.duration["unit"] in ("week", "month"):
        weeks = req.duration["value"] * (4 if req.duration["unit"] == "month" else 1)
        req.quantity, req.unit = number(weekly_hours.group("n")) * weeks, "hour"
    elif weekly_hours:
        req.quantity, req.unit = number(weekly_hours.group("n")), "hour"  # no length: the hours of one week
    for m in STRENGTH.finditer(s):
        if free(m) and m.group("unit") not in WEIGHT_OR_VOLUME:  # '240gm' is an amount, '20%' a strength
            blank(m)
    total = next((m for m in TOTAL.finditer(s) if free(m)), None)
    if req.quantity is None and total:
        req.quantity = number(total.group("hash") or total.group("qty") or total.group("count") or total.group("box"))
        if total.group("of") and total.group("boxes") != "a":
            req.quantity *= number(total.group("boxes"))
        req.unit = default_unit
        _add_refills(s, free, blank, req)
    yearly = YEARLY.search(s) if req.quantity is None else None
    if yearly and free(yearly):
        req.quantity, req.unit = number(yearly.group("n")), default_unit
        blank(yearly)
    if req.quantity is None:
        _count(s, free, blank, default_unit, req)
    if req.quantity is None and spelled_end and default_unit:
        req.quantity, req.unit = number(spelled_end.group("n")), default_unit
    series = SERIES.search(s) if req.quantity is None and default_unit else None
    if series and free(series):  # 'Synvisc injections, right knee, series of 3'
        req.quantity, req.unit = number(series.group("n")), default_unit
        blank(series)
    if req.quantity is None:
        m = next((m for m in VOLUME.finditer(s) if free(m)), None)
        if m and default_unit not in ("session", "visit"):
            req.quantity, req.unit = number(m.group("n")), UNITS[m.group("unit")]
            _measure(s, m, free, blank, req)
    # (not a note in brackets: '5 days/wk x 2 wks (initial trial)' asks for ten days)
    length_written = any(not (m.group("stay") and COMPANION_STAY.search(s, max(0, m.start() - 40), m.start())
                              or inside_brackets(s, m.start()))
                         for m in LENGTH_ASKED.finditer(s))
    length_asked = lengths_asked or length_written
    program_days = count_periods and req.duration is not None and req.duration["unit"] == "day"
    # ... a length written as what is asked for ('550 mg BID, one month supply') is the amount whatever the sig
    if (program_days or length_asked) and req.quantity is None and (req.frequency is None or length_written) \
            and req.duration:
        req.quantity, req.unit = req.duration["value"], req.duration["unit"]
        if not length_asked:  # program days are days of attendance, not a length of time
            req.duration = None
    if req.quantity is None and req.frequency and req.duration:
        per, dur = req.frequency["per"], req.duration["unit"]
        factor = {("week", "week"): 1, ("month", "month"): 1, ("day", "day"): 1, ("day", "week"): 7,
                  ("week", "month"): 4}.get((per, dur))
        if factor:
            req.quantity = req.frequency["times"] * req.duration["value"] * factor
            req.unit = "day" if attendance else counted_in or default_unit
            if per_day:  # hours a day x days a week x weeks
                req.quantity *= number(per_day.group("n"))
                req.unit = "hour"
    elif req.quantity is not None and req.duration is None and req.frequency and req.frequency["times"] == 1 \
            and req.unit in ("session", "visit", "treatment"):
        # "monthly x 3": one a month, three of them -> three months
        req.duration = {"value": _clean(req.quantity), "unit": req.frequency["per"]}
    # nothing is asked for zero times: a zero count, rate or length is no reading of one; and a count of
    # nothing named (no unit written and none given) is no count
    req.quantity = _clean(req.quantity) or None
    if req.quantity is None or req.unit is None:
        req.quantity = req.unit = None
    if req.frequency and not req.frequency["times"]:
        req.frequency = None
    if req.duration and not req.duration["value"]:
        req.duration = None
    return req


def _measure(s: str, m: re.Match, free, blank, req: Request) -> None:
    """An amount by weight or volume: asked for N times ('100 gm x 2'), refilled ('240 gm, 1 refill'), or the size of
    the containers counted after it ('100g, 2 tubes': two tubes)."""
    blank(m)
    times = TIMES_OVER.match(s, m.end())
    containers = CONTAINERS_AFTER.match(s, m.end())
    if times:
        req.quantity *= number(times.group("n"))
        blank(times)
    elif containers:
        req.quantity, req.unit = number(containers.group("n")), UNITS[containers.group("unit")]
        blank(containers)
    _add_refills(s, free, blank, req)


def _add_refills(s: str, free, blank, req: Request) -> None:
    """'#30 x 2 refills': the amount is one fill's, 30; the refills are read so nothing else counts them."""
    refills = next((m for m in REFILLS.finditer(s) if free(m)), None)
    if refills:
        blank(refills)


def _parenthesised(m: re.Match) -> str:
    return " " + m.group("n") + " "


def _count(s: str, free, blank, default_unit: str | None, req: Request) -> None:
    """The first free count in the request: '#90', 'x 12', '12 physical therapy sessions'; refills after it are
    not part of it ('patch x 4 with 1 refill' is 4)."""
    _first_count(s, free, blank, default_unit, req)
    if req.quantity is not None and req.unit != "refill":
        _add_refills(s, free, blank, req)


def _first_count(s: str, free, blank, default_unit: str | None, req: Request) -> None:
    for m in COUNT.finditer(s):
        if not free(m):
            continue
        if m.group("hash") or m.group("qty"):
            req.quantity, req.unit = number(m.group("hash") or m.group("qty")), default_unit
        elif m.group("times"):
            # a unit word in the plural says what is counted; in the singular it names the service
            # ('acupuncture treatment x 8' is 8 sessions)
            written = next((w for w in UNIT_WORD.finditer(s) if w.group("unit").endswith("s")
                            and not DESTINATION.search(s, max(0, w.start() - 40), w.start())), None)
            unit = UNITS.get(m.group("times_unit") or "") or (UNITS[written.group("unit")] if written else None)
            req.quantity, req.unit = number(m.group("times")), unit or default_unit
            if not UNITS.get(m.group("times_unit") or ""):  # 'x 10 with 1 refill': the next word is not counted
                blank((m.start(), m.end("times")))
                return
        elif m.group("unit"):
            if m.group("words") and any(w in UNITS or w in NUMBER_WORDS or w[0].isdigit()
                                        for w in m.group("words").split()):
                continue  # the count belongs to a nearer unit word
            req.quantity, req.unit = number(m.group("n")), UNITS[m.group("unit")]
            if req.unit in MEASURE_UNITS:
                _measure(s, m, free, blank, req)
        else:
            continue
        blank(m)
        return
    m = TRAILING.search(s)
    if m and free(m):
        req.quantity, req.unit = number(m.group("n")), UNITS[m.group("unit")]
        blank(m)
        return
    m = LEADING.match(s)
    if m and free(m) and default_unit in LEADING_COUNT_UNITS:
        req.quantity, req.unit = number(m.group("n")), default_unit


def strength_and_form(text: str) -> tuple[str | None, str | None]:
    """'KLONOPIN 1MG TABLETS' -> ('1 mg', 'tablet')."""
    s = text.lower()
    strength = None
    m = STRENGTH.search(s)
    if m:
        num = re.sub(r"\s*/\s*", "/", m.group("num"))
        unit = m.group("unit")
        strength = f"{num}{unit}" if unit == "%" else f"{num} {'g' if unit == 'gm' else unit}"
    form = None
    for word in re.findall(r"[a-z]+", s):
        if word in FORMS:
            form = FORMS[word]
            break
    return strength, form


LIMIT_QUALIFIER = (r"initial\s+trial\s+of|trial\s+of|up\s+to|total\s+of(?:\s+up\s+to)?|maximum\s+of|max(?:imum)?\s+of|"
                   r"no\s+more\s+than|a\s+total\s+of")
# A limit is an optional qualifier, then this. It is found from its count (re skips ahead to digits) and the
# qualifier looked for just before: a qualifier has no digit, so this finds what `(?:qualifier)?\s*` + LIMIT would.
LIMIT = re.compile(
    r"(?i)(?P<a>\d{1,3})(?:\s*(?:-|–|to)\s*(?P<b>\d{1,3}))?\s*"
    r"(?:(?!over\b|in\b|within\b)[a-z\-]+\s+){0,2}?(?P<unit>visits?|sessions?|treatments?|session\s+trial)\b"
    r"(?:\s+(?:\w+\s+){0,3}?(?:over|in|within)\s+(?:a\s+)?(?P<w1>\d{1,2})(?:\s*(?:-|–|to)\s*(?P<w2>\d{1,2}))?"
    r"\s*-?\s*weeks?)?"
)
QUALIFIER_BEFORE = re.compile(r"(?i)(?P<qual>" + LIMIT_QUALIFIER + r")\s*$")


def guideline_limits(text: str, base: int) -> list[GuidelineLimit]:
    """Limits a rationale states: a range, 'up to N', 'initial trial of N', or 'N visits over M weeks'."""
    out = []
    end = 0
    for m in LIMIT.finditer(text):
        q = QUALIFIER_BEFORE.search(text, max(end, m.start() - 80), m.start())
        start, end = (q.start() if q else m.start()), m.end()
        qual = q.group("qual").lower() if q else ""
        if not (m.group("b") or qual or m.group("w1")):
            continue
        before = text[max(0, start - 30):start].lower()
        if re.search(r"\b(?:request(?:ed|s)?|asking|consisting)\b(?:\s+\w+){0,3}\s*$", before):
            continue  # what was asked for, not what a guideline allows
        a, b = int(m.group("a")), int(m.group("b")) if m.group("b") else None
        low, high = (a, b) if b is not None else ((None, a) if "up to" in qual or "max" in qual or "no more" in qual
                                                    else (a, a))
        weeks = m.group("w2") or m.group("w1")
        unit = m.group("unit").lower().split()[0].rstrip("s")
        out.append(GuidelineLimit(low, high, unit, int(weeks) if weeks else None,
                                  " ".join(text[start:end].split()), (base + start, base + end)))
    return out
