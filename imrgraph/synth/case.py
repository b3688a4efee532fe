"""The facts of one synthetic case, before any of it is written: dates, the worker, where they hurt,
their conditions, drugs and care so far, the reviewer and the treating doctor.

Reference facts come from `imrgraph.vocab` (body parts, ICD-10-CM codes of diagnosis wordings,
specialties, states) and `imrgraph.link.drug_vocabulary` (drug names to generics); which of them a
case draws, and in what proportions, is decided here.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from functools import cache

from imrgraph import vocab
from imrgraph.link import drug_vocabulary, is_symptom
from imrgraph.synth.wording import PSYCH_SYMPTOMS, title_case

OCCUPATIONS = (
    "case manager", "registered nurse", "warehouse worker", "truck driver", "correctional officer", "police officer",
    "firefighter", "cashier", "janitor", "custodian", "machine operator", "delivery driver", "office assistant",
    "carpenter", "electrician", "laborer", "landscaper", "housekeeper", "bus driver", "teacher", "security guard",
    "certified nursing assistant", "forklift operator", "caregiver", "mechanic", "sales associate", "cook",
    "dishwasher", "packer", "clerk", "social worker", "medical assistant", "administrative assistant", "plumber",
    "construction worker", "painter", "welder", "eligibility worker", "assembler", "stocker", "bartender",
    "line cook", "school custodian", "bus mechanic", "home health aide", "food server", "farm worker", "roofer",
)


@dataclass(frozen=True)
class SiteKind:
    """A part of the body a worker hurts, with what follows from it."""

    key: str
    singular: str  # the part as a complaint names it
    plural: str | None  # both sides; None for the spine
    region: tuple[str, ...]  # how a request names it ('lumbar spine', 'lumbar')
    acoem: str | None  # ACOEM chapter number
    odg: str  # ODG chapter (prefLabel)
    diagnosis_words: tuple[str, ...]  # diagnosis wordings that mention one of these belong here


SITE_KINDS = (
    SiteKind("low back", "low back", None, ("lumbar spine", "lumbar", "low back", "lumbosacral spine"), "12", "Low Back",
             ("lumbar", "lumbago", "low back", "sciatica", "lumbosacral", "low-back")),
    SiteKind("neck", "neck", None, ("cervical spine", "cervical", "neck"), "8", "Neck and Upper Back",
             ("cervical", "neck", "cervicalgia", "whiplash")),
    SiteKind("upper back", "upper back", None, ("thoracic spine", "thoracic"), "8", "Low Back", ("thoracic",)),
    SiteKind("shoulder", "shoulder", "shoulders", ("shoulder",), "9", "Shoulder",
             ("shoulder", "rotator cuff", "impingement", "adhesive capsulitis", "acromioclavicular", "slap")),
    SiteKind("knee", "knee", "knees", ("knee",), "13", "Knee and Leg",
             ("knee", "menisc", "patell", "chondromalacia", "cruciate")),
    SiteKind("wrist", "wrist", "wrists", ("wrist",), "11", "Carpal Tunnel Syndrome",
             ("wrist", "carpal tunnel", "de quervain", "dequervain")),
    SiteKind("hand", "hand", "hands", ("hand",), "11", "Forearm, Wrist, and Hand",
             ("hand", "trigger finger", "trigger thumb", "carpometacarpal")),
    SiteKind("elbow", "elbow", "elbows", ("elbow",), "10", "Elbow", ("elbow", "epicondyl", "cubital")),
    SiteKind("hip", "hip", "hips", ("hip",), None, "Hip and Pelvis", ("hip", "trochanteric", "coxarthrosis")),
    SiteKind("ankle", "ankle", "ankles", ("ankle",), "14", "Ankle and Foot", ("ankle", "achilles")),
    SiteKind("foot", "foot", "feet", ("foot",), "14", "Ankle and Foot", ("foot", "plantar", "metatarsalgia")),
)
SITE_WEIGHTS = (40, 22, 4, 14, 12, 5, 3, 3, 3, 3, 2)
SPINE_WRITTEN = {"low back": ("low back", "lower back", "lumbar spine"), "neck": ("neck", "cervical spine"),
                 "upper back": ("upper back", "mid back", "thoracic spine")}
RADIATES_TO = {"low back": ("left leg", "right leg", "left foot", "right buttock", "left thigh"),
               "neck": ("right arm", "left arm", "right shoulder", "left hand")}
GENERAL_CODES = ("G89", "M79.1", "M79.7", "G47", "I10", "K21", "K29", "E66", "E11", "R51", "G44", "K59", "G57.0")
# letters capitalise these wherever they stand
ABBREVIATIONS = {"oa", "acl", "slap", "djd", "tmj", "cts", "nos", "nec", "gi", "si", "ac", "cmc", "crps", "mdd",
                 "ptsd", "gerd", "lbp", "tbi", "gad", "htn", "ibs", "osa", "iddm", "niddm", "t2dm", "dm2", "mtbi",
                 "adhd", "ocd"}


def diagnosis_wording(surface: str) -> str:
    return " ".join(w.upper() if w in ABBREVIATIONS else w for w in surface.split(" "))


@dataclass(frozen=True)
class Condition:
    text: str  # as a letter writes it
    icd10cm: str | None  # null where the code needs an encounter character, or is not determinable


@cache
def _conditions() -> dict[str, tuple[Condition, ...]]:
    """Diagnosis wordings with their codes, grouped by the site they belong to ('psych', 'general')."""
    groups: dict[str, list[Condition]] = {}
    for surface, code in sorted(vocab.diagnosis_synonyms().items()):
        if "bilateral" in surface or "right" in surface or "left" in surface:
            continue  # the side comes from the complaint, not the condition
        condition = Condition(diagnosis_wording(surface), code or None)
        if code.startswith("F"):
            groups.setdefault("psych", []).append(condition)
        elif code.startswith(GENERAL_CODES):
            groups.setdefault("general", []).append(condition)
        for kind in SITE_KINDS:
            if any(word in surface for word in kind.diagnosis_words):
                groups.setdefault(kind.key, []).append(condition)
                break
    return {k: tuple(v) for k, v in groups.items()}


@dataclass
class Site:
    kind: SiteKind
    side: str | None  # "right" | "left" | "bilateral" | None
    written: str  # the complaint's words: 'right knee', 'both knees', 'lower back'
    parts: list[str]  # body_parts values: 'right knee', or 'right knee' and 'left knee'


def body_part_values(written_part: str, side: str | None, one_side: str | None = None) -> list[str]:
    """The body_parts values of a part as written: the vocabulary's canonical term with the side, both
    sides as two entries. A sided part is singular ('left upper extremity'): `one_side` names one side's
    part where the canonical term is plural."""
    canonical = vocab.body_parts()[written_part]
    if canonical.endswith("s") and not written_part.endswith("s"):
        canonical = written_part
    if side == "bilateral":
        return [f"right {one_side or canonical}", f"left {one_side or canonical}"]
    return [f"{side} {canonical}" if side else canonical]


def pick_site(kind: SiteKind, rng: random.Random) -> Site:
    if kind.plural is None:
        written = rng.choice(SPINE_WRITTEN[kind.key])
        return Site(kind, None, written, body_part_values(written, None))
    side = rng.choice(("right", "left", "right", "left", "bilateral"))
    if side == "bilateral":
        written = f"bilateral {kind.singular}"
        return Site(kind, side, written, body_part_values(kind.singular, side))
    return Site(kind, side, f"{side} {kind.singular}", body_part_values(kind.singular, side))


@dataclass(frozen=True)
class Drug:
    names: tuple[str, ...]  # as letters write it (brand or generic)
    family: str  # what guidelines group it under
    strengths: tuple[str, ...]
    quantities: tuple[int, ...]
    form: str  # "tablet" | "capsule" | "patch" | "cream" | ...


DRUGS = (
    Drug(("Norco", "Hydrocodone/APAP", "hydrocodone/acetaminophen", "Vicodin"), "opioid",
         ("10/325mg", "5/325mg", "7.5/325 mg", "10/325 mg"), (60, 90, 120, 180), "tablet"),
    Drug(("Percocet", "Oxycodone/APAP", "Endocet"), "opioid", ("10/325mg", "5/325mg"), (60, 90, 120), "tablet"),
    Drug(("Ultram", "Tramadol", "tramadol ER"), "opioid", ("50mg", "150mg", "100 mg"), (30, 60, 90), "tablet"),
    Drug(("OxyContin", "Oxycodone"), "opioid", ("20mg", "40mg", "10mg"), (60, 90), "tablet"),
    Drug(("Ultracet",), "opioid", ("37.5/325mg",), (60, 90), "tablet"),
    Drug(("Nucynta", "Tapentadol"), "opioid", ("50mg", "75mg"), (60, 90), "tablet"),
    Drug(("Butrans",), "opioid", ("10mcg/hr", "5mcg/hr"), (4, 8), "patch"),
    Drug(("Fexmid", "Flexeril", "Cyclobenzaprine"), "relaxant", ("7.5mg", "10mg"), (30, 60, 90), "tablet"),
    Drug(("Soma", "Carisoprodol"), "relaxant", ("350mg",), (30, 60, 90), "tablet"),
    Drug(("Zanaflex", "Tizanidine"), "relaxant", ("4mg", "2mg"), (60, 90), "tablet"),
    Drug(("Robaxin", "Methocarbamol"), "relaxant", ("750mg", "500mg"), (60, 90), "tablet"),
    Drug(("Klonopin", "Clonazepam"), "benzo", ("1mg", "0.5mg"), (30, 60), "tablet"),
    Drug(("Xanax", "Alprazolam"), "benzo", ("0.5mg", "1mg"), (30, 60, 90), "tablet"),
    Drug(("Ativan", "Lorazepam"), "benzo", ("1mg", "0.5mg"), (30, 60), "tablet"),
    Drug(("Omeprazole", "Prilosec"), "ppi", ("20mg", "40mg"), (30, 60), "capsule"),
    Drug(("Protonix", "Pantoprazole"), "ppi", ("20mg", "40mg"), (30, 60), "tablet"),
    Drug(("Lyrica", "Pregabalin"), "aed", ("75mg", "50mg", "150mg"), (60, 90), "capsule"),
    Drug(("Neurontin", "Gabapentin"), "aed", ("300mg", "600mg", "800mg"), (60, 90, 120), "capsule"),
    Drug(("Topamax", "Topiramate"), "aed", ("25mg", "50mg"), (60,), "tablet"),
    Drug(("Cymbalta", "Duloxetine"), "antidepressant", ("60mg", "30mg"), (30, 60), "capsule"),
    Drug(("Elavil", "Amitriptyline"), "antidepressant", ("25mg", "10mg"), (30, 60), "tablet"),
    Drug(("Zoloft", "Sertraline"), "antidepressant", ("50mg", "100mg"), (30,), "tablet"),
    Drug(("Wellbutrin", "Bupropion"), "antidepressant", ("150mg",), (30, 60), "tablet"),
    Drug(("Trazodone", "Desyrel"), "sleep", ("50mg", "100mg"), (30, 60), "tablet"),
    Drug(("Ambien", "Zolpidem"), "sleep", ("10mg", "5mg"), (30,), "tablet"),
    Drug(("Lunesta", "Eszopiclone"), "sleep", ("2mg", "3mg"), (30,), "tablet"),
    Drug(("Celebrex", "Celecoxib"), "nsaid", ("200mg",), (30, 60), "capsule"),
    Drug(("Anaprox DS", "Naproxen sodium", "Naproxen"), "nsaid", ("550mg", "550 mg"), (60, 90), "tablet"),
    Drug(("Motrin", "Ibuprofen"), "nsaid", ("800mg", "600mg"), (60, 90), "tablet"),
    Drug(("Mobic", "Meloxicam"), "nsaid", ("15mg", "7.5mg"), (30, 60), "tablet"),
    Drug(("Lidoderm",), "topical", ("5%",), (30, 60, 90), "patch"),
    Drug(("Terocin",), "topical", ("",), (120, 240), "lotion"),
    Drug(("Flector",), "topical", ("1.3%",), (30, 60), "patch"),
    Drug(("Medrox",), "topical", ("",), (30, 60), "patch"),
    Drug(("Menthoderm",), "topical", ("",), (120, 240), "gel"),
)
PSYCH_FAMILIES = ("benzo", "antidepressant", "sleep")


def resolve(name: str) -> tuple[str, str | None] | None:
    """(generic, DrugBank id) of a drug name as written: the whole name, else its first word."""
    known = drug_vocabulary()
    return known.get(name.lower()) or known.get(name.split(" ")[0].lower())


@dataclass
class People:
    """Who is involved: the worker, the reviewer, the treating doctor."""

    sex: str | None
    age: int | None
    age_in_words: bool
    occupation: str | None
    specialties: list[tuple[str, str]]  # (as written, value)
    board_certified: bool | None  # True when the letter says so, None when it does not
    licensed_only: bool  # a licensed professional (no board), written "licensed in X"
    states: list[tuple[str, str]]  # (as written, USPS code)
    treating_specialty: str | None  # the header's, as written


@dataclass
class Dates:
    injury: dt.date
    ur_denial: dt.date
    application: dt.date
    assigned: dt.date
    decision: dt.date


def letter_dates(rng: random.Random, year: int) -> Dates:
    """UR denial before application received before assigned before the decision."""
    decision = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365 if year < 2024 else 330))
    if year == 2013:
        decision = max(decision, dt.date(2013, 7, 1))
    gap = rng.randint(30, 110)
    ur = decision - dt.timedelta(days=gap)
    application = ur + dt.timedelta(days=rng.randint(2, max(3, gap // 4)))
    assigned = application + dt.timedelta(days=rng.randint(1, max(2, (decision - application).days - 5)))
    injury = ur - dt.timedelta(days=rng.randint(120, 365 * 12))
    return Dates(injury, ur, application, assigned, decision)


@cache
def _specialty_surfaces() -> dict[str, tuple[str, ...]]:
    """Value -> the wordings the specialty table gives it (lower case), for the specialties chosen here."""
    wanted = {"Orthopedic Surgery", "Orthopaedic Surgery", "Physical Medicine and Rehabilitation", "Anesthesiology",
              "Pain Medicine", "Family Medicine", "Family Practice", "Internal Medicine", "Occupational Medicine",
              "Preventive Medicine", "Neurology", "Neurological Surgery", "Emergency Medicine", "Sports Medicine",
              "Psychiatry", "Psychology", "Clinical Psychology", "Chiropractic", "Acupuncture", "Surgery of the Hand",
              "Plastic Surgery", "Psychosomatic Medicine", "Electrodiagnostic Medicine", "Addiction Medicine"}
    found: dict[str, list[str]] = {}
    for surface, value in vocab.specialties().items():
        if value in wanted and not surface.endswith(("ist", "or", "ian", "specialist", "surgeon")) and len(surface) > 3:
            found.setdefault(value, []).append(surface)
    return {value: tuple(sorted(s)) for value, s in found.items()}


def specialty(value: str, rng: random.Random) -> tuple[str, str]:
    """A specialty as a letter writes it (a wording the table gives it, title-cased) and its value."""
    surfaces = _specialty_surfaces().get(value) or (value.lower(),)
    written = rng.choice(surfaces)
    written = written.upper() if len(written) <= 4 else title_case(written)
    return written, vocab.specialty_as_named(written)


MEDICAL = ("Orthopedic Surgery", "Physical Medicine and Rehabilitation", "Anesthesiology", "Family Medicine",
           "Family Practice", "Internal Medicine", "Occupational Medicine", "Preventive Medicine", "Neurology",
           "Emergency Medicine", "Orthopaedic Surgery", "Pain Medicine")
SURGICAL = ("Orthopedic Surgery", "Orthopaedic Surgery", "Neurological Surgery", "Plastic Surgery")
PSYCH = ("Psychiatry", "Psychology", "Clinical Psychology")
SUBSPECIALTIES = ("Pain Medicine", "Sports Medicine", "Surgery of the Hand", "Psychosomatic Medicine",
                  "Electrodiagnostic Medicine", "Addiction Medicine")
TREATING = ("Orthopedic Surgery", "Physical Medicine and Rehabilitation", "Pain Medicine", "Chiropractic",
            "Family Practice", "Internal Medicine", "Psychology", "Psychiatry", "Acupuncture", "Occupational Medicine")


@cache
def _states() -> tuple[tuple[str, str], ...]:
    return tuple((title_case(name), code) for name, code in sorted(vocab.us_states().items()) if len(name) > 2)


def people(rng: random.Random, psych: bool, surgical: bool, credentials_block: bool) -> People:
    sex = rng.choice(("male", "female")) if rng.random() < 0.9 else None
    age = rng.randint(22, 68) if rng.random() < 0.88 else None
    if psych:
        pool = PSYCH
    elif surgical and rng.random() < 0.7:
        pool = SURGICAL
    else:
        pool = MEDICAL
    main = rng.choice(pool)
    licensed_only = main in ("Psychology", "Clinical Psychology") and rng.random() < 0.4
    specialties = [specialty(main, rng)]
    if not licensed_only and rng.random() < 0.15:
        sub = rng.choice([s for s in SUBSPECIALTIES if s != main])
        specialties.append(specialty(sub, rng))
    states = _states()
    licensed = [("California", "CA")] if rng.random() < 0.55 else []
    while len(licensed) < rng.choice((1, 1, 1, 2, 2, 3)):
        state = rng.choice(states)
        if state not in licensed:
            licensed.append(state)
    board = None if (credentials_block or licensed_only) else True
    treating = specialty(rng.choice(TREATING), rng)[0] if rng.random() < 0.75 else None
    return People(sex, age, rng.random() < 0.08, rng.choice(OCCUPATIONS) if rng.random() < 0.6 else None,
                  specialties, board, licensed_only, licensed, treating)


@dataclass
class History:
    """What the case summary will state, chosen before it is written."""

    sites: list[Site]
    conditions: list[Condition]
    uncertain: int  # how many of the last conditions are written as uncertain
    negated: list[Condition]
    prior: list[tuple[str, str | None]]  # (as written, SERVICE)
    never_received: str | None  # a treatment the worker never had (not a prior treatment)
    drugs: list[str]  # names of drugs the worker takes
    denied_drug: str | None
    stopped_drug: str | None
    psych_symptoms: list[str] = field(default_factory=list)
    radiates_to: str | None = None


PRIOR_PHYSICAL = (("physical therapy", "physical-therapy"), ("chiropractic care", "chiropractic"),
                  ("chiropractic manipulation", "chiropractic"), ("acupuncture", "acupuncture"),
                  ("aquatic therapy", "aquatic-therapy"), ("trigger point injections", "trigger-point-injection"),
                  ("epidural steroid injections", "epidural-steroid-injection"),
                  ("a cortisone injection", "corticosteroid-injection"), ("a TENS unit", "tens-unit"),
                  ("a home exercise program", None), ("activity modification", None), ("massage", "massage-therapy"),
                  ("a lumbar brace", "orthotics"), ("wrist splints", "orthotics"), ("heat and ice", "hot-cold-pack"),
                  ("occupational therapy", "occupational-therapy"), ("a functional restoration program",
                                                                      "functional-restoration-program"))
PRIOR_PSYCH = (("psychotherapy", "psychotherapy"), ("cognitive behavioral therapy", "cognitive-behavioral-therapy"),
               ("biofeedback", "biofeedback"), ("psychiatric medication management", "medication-management"),
               ("group therapy", "psychotherapy"), ("relaxation training", "psychological-treatment"),
               ("individual counseling", "psychotherapy"))


def _prior_pool(psych: bool) -> list[tuple[str, str | None]]:
    known = vocab.service_ids()
    return [p for p in (PRIOR_PSYCH if psych else PRIOR_PHYSICAL) if p[1] is None or p[1] in known]


def history(rng: random.Random, psych: bool, requested_drugs: set[str]) -> History:
    n = rng.choice((0, 0, 1)) if psych else rng.choice((1, 1, 2, 2, 3))
    sites: list[Site] = []
    while len(sites) < n:
        kind = rng.choices(SITE_KINDS, SITE_WEIGHTS)[0]
        if all(s.kind is not kind for s in sites):
            sites.append(pick_site(kind, rng))
    groups = _conditions()
    pool = [c for s in sites for c in groups.get(s.kind.key, ())]
    pool += list(groups["psych"] if psych else rng.sample(groups["general"], 3))
    conditions: list[Condition] = []
    for condition in rng.sample(pool, min(len(pool), rng.choice((0, 1, 2, 2, 3, 3, 4)))):
        if all(_category(condition) != _category(c) for c in conditions):
            conditions.append(condition)
    negated = []
    if rng.random() < 0.25:
        taken = {_category(c) for c in conditions}
        # a symptom denied ('denies constipation') is no diagnosis, negated or not
        candidates = [c for c in list(groups["psych" if rng.random() < 0.3 else "general"]) + pool
                      if c.icd10cm and _category(c) not in taken and not is_symptom(c.icd10cm)]
        if candidates:
            negated.append(rng.choice(candidates))
    prior = rng.sample(_prior_pool(psych), rng.randint(1, 4))
    if rng.random() < 0.5:
        prior.insert(rng.randrange(len(prior) + 1), ("medications", "medication"))
    unused = [p for p in _prior_pool(psych) if p not in prior and p[1]]
    never = rng.choice(unused)[0].removeprefix("a ") if unused and rng.random() < 0.12 else None
    family_ok = [d for d in DRUGS if (d.family in PSYCH_FAMILIES) == psych]
    drugs = []
    for drug in rng.sample(family_ok, rng.randint(0, 3)):
        name = rng.choice(drug.names)
        if resolve(name) and resolve(name)[0] not in requested_drugs | {resolve(d)[0] for d in drugs}:
            drugs.append(name)
    taken = requested_drugs | {resolve(d)[0] for d in drugs}
    spare = [n for d in DRUGS if d.family in ("benzo", "sleep", "opioid", "antidepressant") for n in d.names[:1]
             if resolve(n)[0] not in taken]
    denied = rng.choice(spare) if spare and rng.random() < 0.12 else None
    spare = [n for n in spare if n != denied]
    stopped = rng.choice(spare) if spare and rng.random() < 0.08 else None
    symptoms = rng.sample(PSYCH_SYMPTOMS, rng.randint(2, 4)) if psych or rng.random() < 0.12 else []
    radiating = [s for s in sites if s.kind.key in RADIATES_TO]
    target = rng.choice(RADIATES_TO[radiating[0].kind.key]) if radiating and rng.random() < 0.35 else None
    return History(sites, conditions, 1 if len(conditions) > 1 and rng.random() < 0.15 else 0, negated, prior,
                   never, drugs, denied, stopped, symptoms, target)


def _category(condition: Condition) -> str:
    return (condition.icd10cm or condition.text)[:3]
