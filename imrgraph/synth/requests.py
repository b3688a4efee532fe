"""Disputed items: what was asked for, worded as a request heading, with the values a perfect
reader takes from that heading (services, drug, quantity and unit, frequency, duration, regions).

Quantities follow the extraction JSON's rules: the total asked for ('2x/week x 6 weeks' is 12
sessions, '4 hours/day, 5 days/week for 6 weeks' 120 hours, '#90' 90 tablets or the form named, a
rental's length in months); no number written, no quantity.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from imrgraph import vocab
from imrgraph.models import Span
from imrgraph.synth.case import DRUGS, PSYCH_FAMILIES, Drug, History, Site, body_part_values, resolve
from imrgraph.synth.wording import cap, count, number_words

FORM_WORDS = {"tablet": ("tablets", "tabs", "tablet"), "capsule": ("capsules", "caps", "capsule"),
              "patch": ("patches", "patch"), "lotion": ("lotion",), "gel": ("gel",), "cream": ("cream",)}


@dataclass
class Request:
    """One disputed item before it is written: its heading and what the heading says."""

    text: str = ""
    services: list[str] = field(default_factory=list)
    family: str = ""  # which guidelines speak to it
    site: Site | None = None
    medication: tuple | None = None  # (generic, strength, form, name, drugbank)
    medication_at: Span | None = None  # where the drug's name and strength stand in the heading
    quantity: float | None = None
    unit: str | None = None
    frequency: dict | None = None
    duration: dict | None = None
    regions: list[tuple[str, Span]] = field(default_factory=list)  # (value, where in the heading)
    history: str = ""  # how the case summary names the request
    implies_prior: tuple[str, str] | None = None  # care the request continues: (as written, SERVICE)

    def add(self, text: str) -> Span:
        start = len(self.text)
        self.text += text
        return start, len(self.text)

    def region(self, written: str, side: str | None, part: str) -> None:
        """Writes a region and records its values."""
        at = self.add(written)
        self.regions += [(value, at) for value in body_part_values(part, side)]

    def counted(self, quantity, unit, frequency=None, duration=None) -> Request:
        self.quantity, self.unit, self.frequency, self.duration = quantity, unit, frequency, duration
        return self


def _weeks(times: int, weeks: int) -> tuple[dict, dict]:
    return {"times": times, "per": "week"}, {"value": weeks, "unit": "week"}


def _where(r: Request, site: Site | None, rng: random.Random, lead: str) -> None:
    """' for the right knee', ', lumbar spine' ... or nothing."""
    if site is None:
        return
    r.site = site
    r.add(lead)
    if site.side is None:
        written = rng.choice(site.kind.region)
        r.region(written, None, written)
    elif site.side == "bilateral":
        r.region(f"bilateral {site.kind.plural}", "bilateral", site.kind.plural)
    else:
        r.region(f"{site.side} {site.kind.singular}", site.side, site.kind.singular)


SESSIONS = {  # service -> (family, heading words, how the summary names it)
    "physical-therapy": ("pt", ("Physical therapy", "Physical Therapy", "PT", "Additional physical therapy",
                                "Physiotherapy"), "physical therapy"),
    "aquatic-therapy": ("aquatic", ("Aquatic therapy", "Aqua therapy", "Pool therapy"), "aquatic therapy"),
    "chiropractic": ("chiro", ("Chiropractic treatment", "Chiropractic manipulation", "Chiropractic care"),
                     "chiropractic treatment"),
    "acupuncture": ("acu", ("Acupuncture", "Acupuncture treatment", "Acupuncture sessions"), "acupuncture"),
    "occupational-therapy": ("pt", ("Occupational therapy", "OT"), "occupational therapy"),
    "massage-therapy": ("pt", ("Massage therapy",), "massage therapy"),
    "psychotherapy": ("psych", ("Individual psychotherapy", "Psychotherapy", "Individual Psychotherapy"),
                      "psychotherapy"),
    "cognitive-behavioral-therapy": ("psych", ("Cognitive behavioral therapy", "Cognitive Behavioral Therapy", "CBT",
                                               "Cognitive behavioural therapy"), "cognitive behavioral therapy"),
    "biofeedback": ("biofeedback", ("Biofeedback", "Biofeedback therapy"), "biofeedback"),
    "psychological-treatment": ("psych", ("Psychological treatment", "Bio-behavioral pain management",
                                          "Psychological counseling"), "psychological treatment"),
}


def sessions(service: str, case: History, rng: random.Random) -> Request:
    family, names, said = SESSIONS[service]
    name = rng.choice(names)
    lower = name if name.isupper() else name[0].lower() + name[1:]
    site = None if family in ("psych", "biofeedback") or rng.random() < 0.35 or not case.sites else rng.choice(case.sites)
    r = Request(services=[service], family=family, history=said)
    times, weeks = rng.choice(((2, 6), (3, 4), (2, 4), (1, 6), (3, 2), (2, 3), (1, 4), (2, 8), (3, 6)))
    freq, dur = _weeks(times, weeks)
    k = rng.randrange(11)
    if k == 0:
        r.add(f"{name} {times}x{weeks}")
        _where(r, site, rng, " ")
        return r.counted(times * weeks, "session", freq, dur)
    if k == 1:
        r.add(f"{name} {count(times, rng, 0.5)} times a week for {count(weeks, rng, 0.5)} weeks")
        _where(r, site, rng, " for the ")
        return r.counted(times * weeks, "session", freq, dur)
    if k == 2:
        n = rng.choice((6, 8, 10, 12, 18, 24))
        r.add(f"{count(n, rng)} sessions of {lower}")
        _where(r, site, rng, " for the ")
        return r.counted(n, "session")
    if k == 3:
        n = rng.choice((6, 8, 10, 12))
        r.add(f"{name} x {n} visits")
        _where(r, site, rng, " to the ")
        return r.counted(n, "visit")
    if k == 4:
        r.add(f"{name} {times}x/week x {weeks} weeks")
        _where(r, site, rng, ", ")
        return r.counted(times * weeks, "session", freq, dur)
    if k == 5:
        r.add(f"{name} {times} x {weeks}")
        _where(r, site, rng, " ")
        return r.counted(times * weeks, "session", freq, dur)
    if k == 6:
        r.add(f"Continued {lower} {times} times per week for {weeks} weeks")
        _where(r, site, rng, ", ")
        r.implies_prior = (said, service)
        return r.counted(times * weeks, "session", freq, dur)
    if k == 7:
        n = rng.choice((6, 8, 12))
        r.add(f"{name} (x{n})")
        _where(r, site, rng, " for the ")
        return r.counted(n, "session")
    if k == 8:
        n = rng.choice((6, 12))
        r.add(f"{name}, {number_words(n)} ({n}) sessions")
        _where(r, site, rng, ", ")
        return r.counted(n, "session")
    if k == 9 and family in ("psych", "biofeedback"):
        weeks = rng.choice((12, 20, 24))
        r.add(f"WEEKLY {said.upper()} SESSIONS QUANTITY: {weeks} WEEKS")
        return r.counted(weeks, "session", *_weeks(1, weeks))
    r.add(f"{name}")
    _where(r, site, rng, " for the ")
    return r  # no number asked for: no quantity


def drug(case: History, rng: random.Random, families: tuple[str, ...] | None = None) -> Request | None:
    pool = [d for d in DRUGS if families is None or d.family in families]
    d: Drug = rng.choice(pool)
    name = rng.choice(d.names)
    found = resolve(name)
    if found is None:
        return None
    generic, drugbank = found
    strength_written = rng.choice(d.strengths)
    strength = strength_written.replace(" ", "").replace("mg", " mg").replace("mcg/hr", " mcg/hr") or None
    qty = rng.choice(d.quantities)
    r = Request(services=["medication"], family=d.family, history=name)
    head = f"{name} {strength_written}".strip()
    form = None
    # '#60' with no form written counts the drug's usual form, as it is dispensed
    unit = (vocab.usual_form(generic, strength, name) or "tablet") if d.form in ("tablet", "capsule") else d.form
    k = rng.randrange(9)
    if d.family == "topical" and d.form in ("lotion", "gel"):
        unit, amount = rng.choice((("milliliter", f"{qty}ml"), ("milliliter", f"{qty} ml"), ("gram", f"{qty}gm"),
                                   ("gram", f"{qty} grams")))
        r.medication_at = r.add(head)
        r.add(f" {d.form} {amount}" if rng.random() < 0.6 else f" {amount}")
        r.medication = (generic, strength, d.form, name, drugbank)
        return r.counted(qty, unit)
    if k == 0:
        word = rng.choice(FORM_WORDS[d.form])
        form = unit = d.form
        r.medication_at = r.add(head)
        r.add(f" {word} quantity: {qty}.00")
        if rng.random() < 0.5:
            r.text, name = r.text.upper(), name.upper()
    elif k == 1:
        r.add("1 prescription of ")
        r.medication_at = r.add(head)
        r.add(f" #{qty}")
    elif k == 2 and d.form in ("tablet", "capsule"):
        said, times = rng.choice((("one tablet daily", 1), ("1 tab BID", 2), ("one three times a day", 3),
                                  ("1 PO TID", 3), ("two times daily", 2)))
        r.medication_at = r.add(head)
        r.add(f" {said} #{qty}")
        r.frequency = {"times": times, "per": "day"}
    elif k == 3:
        r.medication_at = r.add(head)
        r.add(f", #{qty}")
    elif k == 4:
        r.medication_at = r.add(head)
        r.add(f" QTY {qty}" if rng.random() < 0.5 else f" Qty: {qty}")
    elif k == 5:
        refills = rng.randint(1, 3)
        r.medication_at = r.add(head)
        r.add(f" #{qty} with {refills} refill{'s' if refills > 1 else ''}")
        r.medication = (generic, strength, form, name, drugbank)
        return r.counted(qty, unit)  # the amount of one fill: refills are not part of the stated total
    elif k == 6:
        r.medication_at = r.add(head)
        return _no_number(r, generic, strength, name, drugbank)
    elif k == 7:
        r.medication_at = r.add(head)
        r.add(f" ({qty}) {FORM_WORDS[d.form][0]}")
        form = unit = d.form
    else:
        r.medication_at = r.add(head)
        r.add(f" #{qty}")
    r.medication = (generic, strength, form, name, drugbank)
    return r.counted(qty, unit, r.frequency)


def _no_number(r: Request, generic, strength, name, drugbank) -> Request:
    r.medication = (generic, strength, None, name, drugbank)
    return r


def imaging(case: History, rng: random.Random) -> Request | None:
    if not case.sites:
        return None
    site = rng.choice(case.sites)
    service, words = rng.choice((("mri", ("MRI of the", "Repeat MRI of the", "MRI scan of the", "Magnetic resonance "
                                                                                               "imaging of the")),
                                 ("x-ray", ("X-rays of the", "Radiographs of the", "X-ray of the")),
                                 ("ct-scan", ("CT scan of the", "CT of the"))))
    r = Request(services=[service], family="imaging", history="imaging")
    r.add(rng.choice(words))
    _where(r, site, rng, " ")
    if service == "mri" and rng.random() < 0.3:
        r.add(" without contrast")
    return r


def electrodiagnostic(case: History, rng: random.Random) -> Request | None:
    spine = [s for s in case.sites if s.kind.key in ("low back", "neck")]
    if not spine:
        return None
    site = rng.choice(spine)
    limb = "lower" if site.kind.key == "low back" else "upper"
    r = Request(services=["electrodiagnostic-testing"], family="emg", site=site, history="electrodiagnostic studies")
    r.add(rng.choice(("EMG/NCV", "EMG/NCS", "NCV", "EMG", "Electromyography and nerve conduction studies")) + " of the ")
    side = rng.choice(("bilateral", "right", "left"))
    if side == "bilateral":
        at = r.add(f"bilateral {limb} extremities")
        r.regions += [(value, at) for value in body_part_values(f"{limb} extremities", "bilateral", f"{limb} extremity")]
    else:
        r.region(f"{side} {limb} extremity", side, f"{limb} extremity")
    return r


def injection(case: History, rng: random.Random) -> Request | None:
    spine = [s for s in case.sites if s.kind.key in ("low back", "neck")]
    joints = [s for s in case.sites if s.kind.plural and s.side != "bilateral"]
    k = rng.randrange(4)
    if k == 0 and spine:
        site = rng.choice(spine)
        low = site.kind.key == "low back"
        level = rng.choice(("L4-L5", "L5-S1", "L4-5 and L5-S1")) if low else rng.choice(("C5-C6", "C6-C7", "C5-6"))
        word = "Lumbar" if low else "Cervical"
        r = Request(services=["epidural-steroid-injection"], family="esi", site=site,
                    history="an epidural steroid injection")
        style = rng.randrange(3)
        if style == 0:
            r.region(word, None, word.lower())
            r.add(f" epidural steroid injection at {level}")
        elif style == 1:
            r.region(word, None, word.lower())
            r.add(f" ESI {level} x 2")
            return r.counted(2, "injection")
        else:
            r.add("Transforaminal epidural steroid injection, ")
            r.region(f"{word.lower()} spine", None, f"{word.lower()} spine")
            r.add(f", {level}")
        return r
    if k == 1 and joints:
        site = rng.choice(joints)
        r = Request(services=["corticosteroid-injection"], family="cortico", site=site, history="a steroid injection")
        r.add(rng.choice(("Cortisone injection to the ", "Corticosteroid injection, ", "Steroid injection for the ")))
        r.region(f"{site.side} {site.kind.singular}", site.side, site.kind.singular)
        return r
    if k == 2 and spine and spine[0].kind.key == "low back":
        r = Request(services=["medial-branch-block"], family="esi", site=spine[0], history="medial branch blocks")
        if rng.random() < 0.5:
            r.region("Lumbar", None, "lumbar")
            r.add(" medial branch block at L4-L5")
        else:
            r.add("Bilateral L4-5 and L5-S1 medial branch blocks")
        return r
    n = rng.choice((2, 3, 4))
    r = Request(services=["trigger-point-injection"], family="tpi", history="trigger point injections")
    r.add(rng.choice((f"Trigger point injections x {n}", f"{n} trigger point injections",
                      f"Trigger point injection (TPI) x{n}")))
    return r.counted(n, "injection")


def equipment(case: History, rng: random.Random) -> Request:
    k = rng.randrange(7)
    if k == 0:
        months = rng.choice((1, 1, 3))
        r = Request(services=["tens-unit"], family="dme", history="a TENS unit")
        r.add(rng.choice((f"TENS unit x {months} month rental", f"TENS unit rental for {months} month"
                          + ("s" if months > 1 else ""), f"TENS unit, ({months}) month rental")))
        return r.counted(months, "month", None, {"value": months, "unit": "month"})
    if k == 1:
        r = Request(services=["tens-unit"], family="dme", history="a TENS unit")
        r.add(rng.choice(("TENS unit purchase", "Purchase of TENS unit", "TENS unit and supplies")))
        return r
    if k == 2:
        months = rng.choice((3, 6))
        r = Request(services=["tens-unit"], family="dme", history="TENS supplies")
        r.add(rng.choice((f"TENS supplies ({months}) months supply", f"TENS electrodes, {months} month supply")))
        return r.counted(months, "month", None, {"value": months, "unit": "month"})
    if k == 3:
        r = Request(services=["h-wave"], family="dme", history="an H-wave unit")
        r.add(rng.choice(("Home H-wave device, 30 day trial", "H-Wave unit trial for 30 days")))
        return r.counted(30, "day", None, {"value": 30, "unit": "day"})
    if k == 4:
        r = Request(services=["cold-therapy-unit"], family="dme", history="a cold therapy unit")
        r.add(rng.choice(("Cold therapy unit purchase", "Cryotherapy unit", "Vascutherm cold compression unit")))
        return r
    if k == 5 and any(s.kind.key == "low back" for s in case.sites):
        r = Request(services=["orthotics"], family="dme", history="a back brace")
        written = rng.choice(("Lumbar", "LSO lumbar"))
        if written.startswith("LSO "):
            r.add("LSO ")  # the orthosis' abbreviation is no word of the region
        r.region(written.removeprefix("LSO "), None, "lumbar")
        r.add(" support brace")
        return r
    r = Request(services=["interferential-unit"], family="dme", history="an interferential unit")
    r.add(rng.choice(("Interferential unit purchase", "Interferential current stimulator")))
    return r


def program(rng: random.Random) -> Request:
    k = rng.randrange(5)
    if k == 0:
        hours, days, weeks = rng.choice(((4, 5, 6), (8, 7, 4), (3, 3, 4), (4, 7, 2), (6, 5, 8)))
        r = Request(services=["home-health"], family="home", history="home health services")
        r.add(rng.choice(("Home health aide {h} hours/day, {d} days/week for {w} weeks",
                          "Home health care {h} hours per day {d} days per week for {w} weeks",
                          "Home health services {h} h/day {d} d/wk {w} wk")).format(h=hours, d=days, w=weeks))
        return r.counted(hours * days * weeks, "hour", *_weeks(days, weeks))
    r = Request(services=["functional-restoration-program"], family="frp", history="a functional restoration program")
    if k == 1:
        hours = rng.choice((80, 160))
        r.add(rng.choice(("Functional restoration program x {n} hours", "{n} hours of a functional restoration "
                          "program", "FRP {n} hours")).format(n=hours))
        return r.counted(hours, "hour")
    if k == 2:
        days = rng.choice((10, 20))
        r.add(f"Functional restoration program x {days} days")
        return r.counted(days, "day")
    if k == 3:
        weeks = rng.choice((2, 4, 6))
        r.add(f"Functional restoration program for {weeks} weeks")
        return r.counted(None, None, None, {"value": weeks, "unit": "week"})
    r.add("Functional restoration program evaluation")
    return r


def surgery(case: History, rng: random.Random) -> Request | None:
    fits = [s for s in case.sites if s.side != "bilateral" and s.kind.key != "upper back"]
    if not fits:
        return None
    site = rng.choice(fits)
    key = site.kind.key
    if key in ("low back", "neck"):
        low = key == "low back"
        service, text = rng.choice(
            (("spinal-decompression", "Lumbar decompression at L4-L5"), ("spinal-fusion", "Posterior lumbar interbody "
             "fusion at L5-S1"), ("spinal-decompression", "Lumbar microdiscectomy at L4-5")) if low else
            (("spinal-fusion", "Anterior cervical discectomy and fusion at C5-C6"),
             ("spinal-fusion", "Cervical fusion C5-C7")))
        r = Request(services=[service], family="surgery", site=site, history="surgery")
        r.add(text)
        word = "lumbar" if low else "cervical"
        r.regions.append((word, _word_span(text, word)))
        return r
    procedures = {"knee": (("arthroscopic-surgery", "{R} knee arthroscopy"), ("arthroscopic-surgery",
                                                                             "{R} knee arthroscopic partial meniscectomy")),
                  "shoulder": (("arthroscopic-surgery", "{R} shoulder arthroscopic subacromial decompression"),),
                  "wrist": (("nerve-decompression", "{R} wrist carpal tunnel release"),),
                  "hand": (("tendon-surgery", "{R} hand trigger finger release"),),
                  "hip": (("joint-replacement", "{R} hip total arthroplasty"),),
                  "ankle": (("arthroscopic-surgery", "{R} ankle arthroscopy"),),
                  "foot": (("surgery", "{R} foot plantar fascia release"),),
                  "elbow": (("surgery", "{R} elbow lateral epicondylar release"),)}[key]
    service, template = rng.choice(procedures)
    r = Request(services=[service], family="surgery", site=site, history="surgery")
    r.region(f"{cap(site.side)} {site.kind.singular}", site.side, site.kind.singular)
    r.add(template.removeprefix("{R} " + site.kind.singular))
    return r


def _word_span(text: str, word: str) -> Span:
    start = text.lower().index(word)
    return start, start + len(word)


def visit(rng: random.Random, psych: bool) -> Request:
    k = rng.randrange(5)
    if k == 0:
        r = Request(services=["consultation"], family="office", history="a consultation")
        r.add(rng.choice(("Orthopedic surgery consultation", "Pain management consultation", "Consultation with a "
                          "spine surgeon", "Psychiatric consultation", "Internal medicine consultation")))
        return r
    if k == 1:
        n = rng.choice((1, 2, 4, 6))
        r = Request(services=["office-visit"], family="office", history="follow-up visits")
        r.add(f"Follow-up office visits x {n}" if n > 1 else "1 follow-up office visit")
        return r.counted(n, "visit")
    if k == 2 and not psych:
        r = Request(services=["office-visit"], family="office", history="a follow-up visit")
        r.add(rng.choice(("Follow-up visit with pain management", "Office visit for re-evaluation")))
        return r
    r = Request(services=["medication-management"], family="medmgmt", history="medication management")
    months = rng.choice((3, 6, 12))
    style = rng.randrange(3)
    if style == 0:
        r.add(f"MONTHLY MEDICATION MANAGEMENT (IN MONTHS) QUANTITY: {months}.00")
        return r.counted(months, "month", {"times": 1, "per": "month"}, {"value": months, "unit": "month"})
    if style == 1:
        n = rng.choice((4, 6, 8))
        r.add(f"Medication management sessions x {n}")
        return r.counted(n, "session")
    r.add(f"Psychiatric medication management 1 visit per month for {months} months")
    return r.counted(months, "visit", {"times": 1, "per": "month"}, {"value": months, "unit": "month"})


def simple(kind: str, rng: random.Random) -> Request:
    if kind == "udt":
        r = Request(services=["drug-testing"], family="udt", history="a urine drug screen")
        r.add(rng.choice(("Urine drug screen", "Urine drug test (UDT)", "Urine toxicology screen", "Random urine drug "
                          "testing x 4")))
        return r.counted(4, "test") if r.text.endswith("x 4") else r
    if kind == "gym":
        r = Request(services=["gym-membership"], family="pt", history="a gym membership")
        months = rng.choice((3, 6, 12))
        r.add(f"Gym membership x {months} months")
        return r.counted(months, "month", None, {"value": months, "unit": "month"})
    r = Request(services=["functional-capacity-evaluation"], family="office", history="a functional capacity "
                "evaluation")
    r.add(rng.choice(("Functional capacity evaluation", "FCE (functional capacity evaluation)")))
    return r


PHYSICAL_MIX = (("drug", 40), ("physical-therapy", 8), ("chiropractic", 4), ("acupuncture", 6), ("aquatic-therapy", 2),
                ("occupational-therapy", 1), ("massage-therapy", 1), ("imaging", 7), ("emg", 4), ("udt", 3),
                ("injection", 6), ("equipment", 6), ("surgery", 4), ("visit", 4), ("program", 3), ("gym", 1),
                ("fce", 1), ("psych", 1))
PSYCH_MIX = (("psychotherapy", 22), ("cognitive-behavioral-therapy", 20), ("biofeedback", 8),
             ("psychological-treatment", 7), ("visit", 14), ("psychdrug", 22), ("drug", 4))


def draft(kind: str, case: History, psych: bool, rng: random.Random) -> Request | None:
    """One request of the given kind, or None when this case cannot ask for it."""
    if kind == "drug":
        return drug(case, rng)
    if kind == "psychdrug":
        return drug(case, rng, PSYCH_FAMILIES)
    if kind == "psych":
        kind = rng.choice(("psychotherapy", "cognitive-behavioral-therapy"))
    if kind in SESSIONS:
        return sessions(kind, case, rng)
    builders = {"imaging": imaging, "emg": electrodiagnostic, "injection": injection, "equipment": equipment,
                "surgery": surgery}
    if kind in builders:
        return builders[kind](case, rng)
    if kind == "program":
        return program(rng)
    if kind == "visit":
        return visit(rng, psych)
    return simple(kind, rng)


def requests(case: History, psych: bool, n: int, rng: random.Random) -> list[Request]:
    """n different requests for one case."""
    mix = PSYCH_MIX if psych else PHYSICAL_MIX
    kinds, weights = [k for k, _ in mix], [w for _, w in mix]
    known = vocab.service_ids()
    out: list[Request] = []
    for _ in range(30):
        if len(out) == n:
            break
        r = draft(rng.choices(kinds, weights)[0], case, psych, rng)
        if r is None or not set(r.services) <= known or any(
                x.text.lower() == r.text.lower() or (x.medication and r.medication and x.medication[0] == r.medication[0])
                for x in out):
            continue
        out.append(r)
    return out
