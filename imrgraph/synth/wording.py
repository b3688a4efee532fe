"""How the synthetic letters say things: phrase banks and the small helpers that write numbers, dates
and lists. Written for these letters alone (never taken from the extractor), deliberately varied, and
wider than what any one letter-writer uses, so extraction is measured on wording it was not tuned to.

Templates mark the places a truth value is written with '{slot}' (see render.Writer.fill).
"""

from __future__ import annotations

import datetime as dt
import random

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
_UNITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
          "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def number_words(n: int) -> str:
    """0-99 in words: 'thirty-nine'."""
    if n < 20:
        return _UNITS[n]
    tens, unit = divmod(n, 10)
    return _TENS[tens] + (f"-{_UNITS[unit]}" if unit else "")


def count(n: int, rng: random.Random, words: float = 0.2) -> str:
    """A count as letters write it: '12', 'twelve' or 'twelve (12)'."""
    r = rng.random()
    if n < 20 and r < words:
        return number_words(n)
    if n < 20 and r < words * 1.5:
        return f"{number_words(n)} ({n})"
    return str(n)


def date_text(d: dt.date, rng: random.Random) -> str:
    """A date in one of the forms letters use."""
    k = rng.randrange(6)
    if k == 0:
        return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"
    if k == 1:
        return f"{d.month}/{d.day}/{d.year % 100:02d}"
    if k == 2:
        return f"{d.month}/{d.day}/{d.year}"
    if k == 3:
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    return slash_date(d)


def slash_date(d: dt.date) -> str:
    return f"{d.month:02d}/{d.day:02d}/{d.year}"


def article(word: str) -> str:
    return ("an " if word[:1].lower() in "aeiou" else "a ") + word


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def title_case(text: str) -> str:
    """'knee & leg (acute & chronic)' -> 'Knee & Leg (Acute & Chronic)'; small words stay lower case."""
    small = {"and", "of", "the", "for", "in", "to", "or", "with", "a", "an", "on"}
    out = []
    for i, word in enumerate(text.split(" ")):
        bare = word.strip("(),")
        if i and bare in small:
            out.append(word)
        else:
            lead = len(word) - len(word.lstrip("("))
            out.append(word[:lead] + word[lead:lead + 1].upper() + word[lead + 1:])
    return " ".join(out)


# --- the patient -----------------------------------------------------------------------------------
SEX_WORDS = {"male": ("male", "male", "man", "gentleman"), "female": ("female", "female", "woman", "lady")}
# {age} and {sex} are truth slots; {doi} the date of injury.
INTRO_AGE_SEX_DOI = (
    "The injured worker is a {age} year old {sex} with a date of injury of {doi}.",
    "This is a {age}-year-old {sex} who was injured at work on {doi}.",
    "The patient is a {age} year-old {sex} who sustained an industrial injury on {doi}.",
    "According to the records provided, the applicant is a {age}-year-old {sex} who reported an injury on {doi}.",
    "The claimant, a {age} y/o {sex}, was hurt on the job on {doi}.",
    "This {age} year old {sex} reports a work-related injury dated {doi}.",
    "The employee is a {sex} aged {age} whose claim arises from an injury on {doi}.",
    "Records describe a {age}-year-old {sex} with an industrial claim dated {doi}.",
)
INTRO_AGE_SEX = (
    "The patient is a {age} year old {sex}.",
    "The injured worker is a {age}-year-old {sex} with chronic complaints.",
    "This {age} y/o {sex} continues to treat for an industrial injury.",
    "The applicant is a {sex} aged {age}.",
)
INTRO_DOI = (
    "The injured worker sustained an industrial injury on {doi}.",
    "The date of injury is {doi}.",
    "This case involves a work injury that occurred on {doi}.",
    "The claim arises from an incident at work on {doi}.",
)
INTRO_SEX_DOI = ("The injured worker is a {sex} who was hurt at work on {doi}.",
                 "This {sex} reports an occupational injury dated {doi}.")
# {occupation} is the truth slot; {gap} a redaction gap or nothing.
OCCUPATION = (
    "{S} works as {a} {occupation}{gap}.",
    "{S} was employed as {a} {occupation}{gap} at the time of injury.",
    "At the time of the injury {s} was working as {a} {occupation}{gap}.",
    "{S} is {a} {occupation} by trade.",
    "{S} is a former {occupation}{gap} who has not worked since the injury.",
    "{S} had worked as {a} {occupation}{gap} for several years.",
    "{P} usual and customary job is {occupation}{gap}.",
)
MECHANISM = (
    "The mechanism of injury is not described in the records.",
    "The injury was attributed to cumulative trauma from repetitive duties.",
    "{S} was lifting a heavy box when {s} felt a pull.",
    "{S} slipped on a wet floor at work and fell.",
    "{S} was rear-ended while driving a company vehicle.",
    "{S} fell from a ladder while stocking shelves.",
    "{S} reported stress at work after conflict with a supervisor.",
    "{S} was struck by a falling object.",
    "{S} tripped over a pallet and landed on an outstretched hand.",
)
# complaints: {parts} is written with the body-part slots inside it
COMPLAINTS = (
    "{S} complains of {parts} pain.",
    "Current complaints include {parts} pain rated {n}/10.",
    "Subjective complaints are ongoing pain in the {parts}.",
    "{S} reports persistent {parts} pain that worsens with activity.",
    "{S} continues to have pain involving the {parts}.",
    "The chief complaints are {parts} pain with stiffness.",
)
RADIATING = (
    "{S} has chronic {source} pain radiating to the {target}.",
    "{S} describes {source} pain that radiates into the {target}.",
)
PSYCH_SYMPTOMS = ("anxiety", "depressed mood", "sleep disturbance", "irritability", "poor concentration",
                  "panic attacks", "social withdrawal", "nightmares", "tearfulness", "low energy")
EXAM = (
    "Examination showed tenderness to palpation and reduced range of motion.",
    "On examination there was muscle spasm with guarding.",
    "Objective findings were unchanged from the prior visit.",
    "Neurological examination was grossly intact.",
    "Motor strength was 5/5 throughout with intact sensation.",
)
PSYCH_EXAM = ("Mental status examination revealed a depressed and anxious affect.",
              "Beck Depression Inventory and Beck Anxiety Inventory scores were in the moderate range.")

# --- diagnoses -------------------------------------------------------------------------------------
# {dx} is the list of diagnosis slots
DIAGNOSES_MANY = (
    "Diagnoses include {dx}.",
    "The diagnoses are {dx}.",
    "{S} has been diagnosed with {dx}.",
    "Current diagnoses: {dx}.",
    "The treating physician's impressions were {dx}.",
    "Assessment: {dx}.",
    "Working diagnoses consist of {dx}.",
    "The records list the following diagnoses: {dx}.",
)
DIAGNOSES_ONE = (
    "The diagnosis is {dx}.",
    "{S} has been diagnosed with {dx}.",
    "Diagnosis: {dx}.",
    "The treating diagnosis is {dx}.",
    "The provider diagnosed {dx}.",
)
UNCERTAIN = ("rule out {dx}", "r/o {dx}", "possible {dx}", "suspected {dx}", "probable {dx}")
# negated conditions: {dx} the condition's slot
NEGATED_DIAGNOSIS = (
    "{S} denies {dx}.",
    "There is no evidence of {dx}.",
    "{Dx} was ruled out.",
    "Testing was negative for {dx}.",
    "There were no signs of {dx}.",
    "{S} has no history of {dx}.",
    "{Dx} has been excluded.",
    "{S} does not carry a diagnosis of {dx}.",
    "The examiner found no findings to suggest {dx}.",
)

# --- treatment received ----------------------------------------------------------------------------
PRIOR = (
    "Treatment to date has included {prior}.",
    "Prior treatment includes {prior}.",
    "{S} has been treated with {prior}.",
    "Care to date has consisted of {prior}.",
    "{S} underwent {prior} without lasting benefit.",
    "Conservative care has included {prior}.",
    "{S} has completed {prior} with partial relief.",
)
NEVER_RECEIVED = ("{S} has never had {t}.", "{S} has not tried {t}.", "No {t} has been provided to date.")

# --- medications -----------------------------------------------------------------------------------
MEDICATIONS = (
    "Current medications include {meds}.",
    "Medications have included {meds}.",
    "{S} is currently taking {meds}.",
    "Medications: {meds}.",
    "{P} medication regimen consists of {meds}.",
    "{S} takes {meds}.",
    "The medication list includes {meds}.",
)
NEGATED_DRUG = (
    "{S} denies taking {drug}.",
    "{S} has never been prescribed {drug}.",
    "There is no record that {s} was ever given {drug}.",
    "{S} denies use of {drug}.",
)
STOPPED_DRUG = (
    "{S} tried {drug} in the past but stopped it because of side effects.",
    "{Drug} was discontinued after it failed to help.",
    "{S} no longer takes {drug}.",
)
DOSE_TIMES = (("once daily", 1), ("daily", 1), ("twice a day", 2), ("twice daily", 2), ("BID", 2),
              ("three times a day", 3), ("TID", 3), ("every 8 hours", 3), ("four times a day", 4))

# --- the request and utilization review -------------------------------------------------------------
REQUESTED = (
    "The primary treating physician has requested {r}.",
    "The provider recommended {r}.",
    "A request was submitted for {r}.",
    "The treating physician requested authorization for {r}.",
    "The current request is for {r}.",
    "At issue is the request for {r}.",
    "The plan included {r}.",
)
UR_DENIED = (
    "Utilization review dated {d} non-certified the {req}.",
    "On {d} utilization review denied the {req}.",
    "The {req} {was} not certified by utilization review on {d}.",
    "The {req} {was} denied in utilization review.",
    "A utilization review determination of {d} found the {req} not medically necessary.",
    "The {req} {was} modified to non-certification by utilization review on {d}.",
)
IMR_ASKED = ("This independent medical review addresses the request to overturn that decision.",
             "The injured worker has asked for independent medical review of that decision.", "")

# --- the reviewer ----------------------------------------------------------------------------------
BOARD = (
    "{who} is Board Certified in {spec} and is licensed to practice in {states}.",
    "{who} is board certified in {spec}, and is licensed to practice in {states}.",
    "{who} holds board certification in {spec} and is licensed in {states}.",
    "{who} is certified by the American Board in {spec} and holds a license to practice in {states}.",
)
BOARD_SUB = (
    "{who} is Board Certified in {spec}, has a subspecialty in {sub} and is licensed to practice in {states}.",
    "{who} is Board Certified in {spec} with a Certificate of Added Qualification in {sub}, and is licensed "
    "to practice in {states}.",
    "{who} is board certified in {spec} and in {sub}, and is licensed to practice in {states}.",
)
LICENSED_ONLY = (
    "{who} is licensed in {spec} and is licensed to practice in {states}.",
    "{who} is a licensed practitioner of {spec} in {states}.",
)
HEAD = ("MAXIMUS Federal Services sent the complete case file to an expert reviewer. He/she has no "
        "affiliation with the employer, employee, providers or the claims administrator.",
        "MAXIMUS Federal Services forwarded the case file to an independent expert reviewer who has no "
        "affiliation with the employer, the employee, the providers or the claims administrator.")
TAIL = ("He/she has been in active clinical practice for more than five years and is currently working at "
        "least 24 hours a week in active practice. The expert reviewer was selected based on his/her clinical "
        "experience, education, background, and expertise in the same or similar specialties that evaluate "
        "and/or treat the medical condition and disputed items/services. He/she is familiar with governing laws "
        "and regulations, including the strength of evidence hierarchy that applies to Independent Medical "
        "Review determinations.",
        "The reviewer has practised for more than five years, works at least 24 hours a week in active "
        "practice, and was chosen for expertise in a specialty that treats the condition and the disputed "
        "services. The reviewer knows the laws and regulations that govern these reviews.")

DOCUMENTS = ("Application for Independent Medical Review", "Utilization Review Determination dated {d1}",
             "Request for Authorization dated {d2}", "Primary treating physician's progress report dated {d2}",
             "Progress report dated {d3}", "Initial comprehensive evaluation dated {d3}",
             "Medical records from the claims administrator", "Employer's First Report of Injury",
             "Psychological evaluation dated {d3}", "Pharmacy records", "Physical therapy notes",
             "Agreed medical evaluation dated {d3}")

# --- the rationale ---------------------------------------------------------------------------------
CASE_UPHELD = (
    "In this case, the records do not document objective functional improvement from prior treatment.",
    "The documentation submitted does not establish the medical necessity of the request.",
    "There is no recent evaluation in the records that supports the request.",
    "No clear rationale for the request was offered by the treating physician.",
    "The records do not show that more conservative measures failed.",
    "The submitted notes lack measurable goals for the proposed treatment.",
)
CASE_UPHELD_SESSIONS = (
    "The number of prior sessions and the response to them are not documented.",
    "The request for {ref} exceeds the number of visits the guidelines support for an initial trial.",
    "The request as written exceeds the guideline recommendations.",
)
CASE_UPHELD_DRUG = (
    "There is no documentation of pain relief or improved function with the ongoing use of this medication.",
    "The medication has been used for longer than the guidelines recommend.",
    "The records do not show that first-line options were tried and failed.",
)
CASE_OVERTURNED = (
    "In this case, the records document objective functional improvement and a clear treatment plan.",
    "The documentation supports the medical necessity of the requested treatment.",
    "The injured worker has failed conservative care, and the request is consistent with the guidelines.",
    "The treating physician documented measurable gains in function and a reduction in medication use.",
)
UR_QUOTE = ("The utilization reviewer considered the request not medically necessary because the records were "
            "incomplete.", "Utilization review had found the request not medically necessary.")
CONCLUDE = {
    "upheld": ("The request is not medically necessary.", "Therefore, the request for {ref} is not medically necessary.",
               "As such, the request for {ref} is not medically necessary and appropriate.",
               "This request does not meet those standards and is therefore not medically necessary.",
               "Consequently, {ref} is not medically necessary."),
    "overturned": ("The request is medically necessary.", "Therefore, the request for {ref} is medically necessary.",
                   "As such, the request for {ref} is appropriate and medically necessary.",
                   "The request for {ref} is medically necessary and appropriate.",
                   "Consequently, {ref} is medically necessary."),
}
MPR_CONCLUDE = {
    "upheld": ("The requested {ref} is not medically necessary, and the prior non-certification is upheld.",
               "Accordingly, {ref} is not medically necessary and the utilization review decision is upheld."),
    "overturned": ("The requested {ref} is medically necessary, and the prior non-certification is overturned.",
                   "Accordingly, {ref} is medically necessary and the utilization review decision is overturned."),
}
NOTICE_CONCLUDE = {"upheld": "The request for {ref} is not medically necessary and appropriate.",
                   "overturned": "The request for {ref} is medically necessary and appropriate."}

# What the guidelines say, by kind of request: (sentence, limits it states). A limit is (qualifier, lo, hi,
# unit word, unit, weeks lo, weeks hi); "{0}", "{1}" mark where each limit is written.
GUIDANCE = {
    "psych": (
        ("The MTUS recommends behavioral interventions. The identification and reinforcement of coping skills is "
         "often more useful in the treatment of pain than ongoing medication or therapy, which could lead to "
         "psychological or physical dependence.", ()),
        ("ODG Cognitive Behavioral Therapy (CBT) guidelines for chronic pain recommend an {0} and, with evidence of "
         "objective functional improvement, a total of {1} (individual sessions).",
         (("initial trial of", 3, 4, "psychotherapy visits", "visit", 2, 2), ("up to", 6, 10, "visits", "visit", 5, 6))),
        ("The Official Disability Guidelines Psychotherapy Guidelines recommend an {0} and, with evidence of "
         "objective functional improvement, a total of {1} as individual sessions.",
         (("initial trial of", 6, 6, "visits", "visit", 6, 6), ("up to", 13, 20, "visits", "visit", 13, 20))),
        ("Psychological treatment is recommended for appropriately identified patients during treatment for "
         "chronic pain. Cognitive behavioral therapy and self-regulatory treatments have been found to be "
         "particularly effective.", ()),
        ("The official disability guidelines recommend {0} maximum for most patients who are making progress in "
         "their treatment; in some unusually complex and severe cases {1} may be allowed if progress is being made.",
         (("", 13, 20, "sessions", "session", None, None), ("up to", None, 50, "sessions", "session", None, None))),
    ),
    "biofeedback": (
        ("Biofeedback is not recommended as a stand-alone treatment, but is recommended as an option in a cognitive "
         "behavioral therapy program to facilitate exercise therapy and return to activity.", ()),
        ("The guidelines allow an {0}, and with evidence of objective functional improvement a total of {1}.",
         (("initial trial of", 3, 4, "psychotherapy visits", "visit", 2, 2), ("up to", 6, 10, "visits", "visit", 5, 6))),
    ),
    "pt": (
        ("The MTUS Chronic Pain Medical Treatment Guidelines recommend {0} of physical medicine for myalgia and "
         "myositis, and {1} for neuralgia, neuritis, and radiculitis.",
         (("", 9, 10, "visits", "visit", 8, 8), ("", 8, 10, "visits", "visit", 4, 4))),
        ("Physical medicine guidelines allow for fading of treatment frequency, plus active self-directed home "
         "physical medicine.", ()),
        ("ODG recommends {0} for sprains and strains of the lumbar region.",
         (("up to", None, 10, "visits", "visit", 8, 8),)),
    ),
    "postop": (
        ("The Postsurgical Treatment Guidelines support {0} after this procedure, with an initial course of therapy "
         "of one half of that number.", (("", 12, 12, "visits", "visit", 12, 12),)),
        ("The postsurgical physical medicine treatment period is limited, and the guidelines recommend {0}.",
         (("up to", None, 24, "visits", "visit", 10, 10),)),
    ),
    "aquatic": (
        ("Aquatic therapy is recommended as an optional form of exercise therapy, where available, as an alternative "
         "to land-based physical therapy, specifically where reduced weight bearing is desirable.", ()),
        ("For the number of supervised visits, the guidelines recommend {0} for myalgia and myositis.",
         (("", 9, 10, "visits", "visit", 8, 8),)),
    ),
    "chiro": (
        ("The MTUS recommends manual therapy and manipulation for chronic pain caused by musculoskeletal conditions, "
         "with a {0} and, with evidence of objective functional improvement, a total of {1}.",
         (("trial of", 6, 6, "visits", "visit", 2, 2), ("up to", None, 18, "visits", "visit", 6, 8))),
        ("Elective or maintenance care is not medically necessary, and recurrences or flare-ups require a "
         "re-evaluation of treatment success.", ()),
    ),
    "acu": (
        ("The Acupuncture Medical Treatment Guidelines state that acupuncture is used as an option when pain "
         "medication is reduced or not tolerated, and it may be used as an adjunct to physical rehabilitation "
         "and/or surgical intervention to hasten functional recovery.", ()),
        ("Time to produce functional improvement is {0}, and acupuncture treatments may be extended if "
         "functional improvement is documented.", (("", 3, 6, "treatments", "treatment", None, None),)),
        ("The guidelines support an {0} with a frequency of 1 to 3 times per week.",
         (("initial trial of", 3, 6, "treatments", "treatment", None, None),)),
    ),
    "frp": (
        ("Functional restoration programs are recommended where there is access to programs with proven successful "
         "outcomes, for patients with conditions that put them at risk of delayed recovery.", ()),
        ("Total treatment duration should generally not exceed {0}, and longer durations require individualized "
         "care plans and proven outcomes.", (("", 20, 20, "full-day sessions", "session", None, None),)),
        ("An initial authorization of {0} is supported, with further treatment based on documented progress.",
         (("up to", None, 80, "hours", "hour", 2, 2),)),
    ),
    "home": (
        ("Home health services are recommended only for otherwise recommended medical treatment for patients who are "
         "homebound, on a part-time or intermittent basis. Medical treatment does not include homemaker services "
         "like shopping, cleaning, and laundry, and personal care given by home health aides like bathing, dressing, "
         "and using the bathroom when this is the only care needed.", ()),
    ),
    "dme": (
        ("TENS is not recommended as a primary treatment modality, but a home-based trial may be considered as a "
         "noninvasive conservative option if used as an adjunct to a program of evidence-based functional "
         "restoration.", ()),
        ("Durable medical equipment is recommended generally if there is a medical need and if the device or system "
         "meets the definition of durable medical equipment.", ()),
    ),
    "udt": (
        ("The MTUS recommends drug testing as an option to assess for the use or the presence of illegal drugs, and "
         "as a step in the ongoing management of patients on opioids.", ()),
        ("ODG recommends urine drug testing on a yearly basis for patients at low risk of addiction or aberrant "
         "behavior.", ()),
    ),
    "imaging": (
        ("ACOEM guidelines state that unequivocal objective findings that identify specific nerve compromise on the "
         "neurologic examination are sufficient evidence to warrant imaging in patients who do not respond to "
         "treatment.", ()),
        ("Imaging is indicated when red flags are present, when there is physiologic evidence of tissue insult, or "
         "when surgery is being considered.", ()),
    ),
    "emg": (
        ("Electromyography may be useful to identify subtle, focal neurologic dysfunction in patients with symptoms "
         "that persist despite conservative care.", ()),
        ("Nerve conduction studies are not recommended when a patient is presumed to have symptoms on the basis of "
         "radiculopathy that is already clinically obvious.", ()),
    ),
    "tpi": (
        ("Trigger point injections are recommended only for myofascial pain syndrome with limited lasting value, "
         "when there is documentation of circumscribed trigger points with evidence upon palpation of a twitch "
         "response as well as referred pain.", ()),
    ),
    "esi": (
        ("Epidural steroid injections are recommended as an option for treatment of radicular pain, defined as pain "
         "in a dermatomal distribution with corroborative findings of radiculopathy. Radiculopathy must be "
         "documented by physical examination and corroborated by imaging studies and/or electrodiagnostic "
         "testing.", ()),
    ),
    "cortico": (
        ("Corticosteroid injections are recommended for short-term use only, and invasive techniques have limited "
         "proven value. If pain is not adequately controlled after conservative treatment, an injection may be "
         "considered.", ()),
    ),
    "surgery": (
        ("Surgical consultation is indicated for patients who have activity limitation and failure of an exercise "
         "rehabilitation program, with clear clinical and imaging evidence of a lesion that has been shown to "
         "benefit from surgical repair.", ()),
        ("Arthroscopic surgery has not been shown to be more beneficial than conservative treatment for "
         "degenerative pathology.", ()),
    ),
    "office": (
        ("Office visits are recommended as determined to be medically necessary. The need for a clinical office "
         "visit with a health care provider is individualized based upon a review of the patient concerns, signs "
         "and symptoms, clinical stability, and reasonable physician judgment.", ()),
        ("The occupational health practitioner may refer to other specialists if a diagnosis is uncertain or "
         "extremely complex, when psychosocial factors are present, or when the plan or course of care may benefit "
         "from additional expertise.", ()),
    ),
    "medmgmt": (
        ("Patients with complex conditions with multiple comorbidities including psychiatric disorders should be "
         "referred to a psychiatry specialist, including for the purpose of medication therapy.", ()),
        ("Office visits for medication management are recommended as medically indicated, and the frequency is "
         "individualized based on the medications prescribed.", ()),
    ),
    "opioid": (
        ("The MTUS requires ongoing review and documentation of pain relief, functional status, appropriate "
         "medication use, and side effects for patients on opioids.", ()),
        ("Opioids should be discontinued if there is no overall improvement in function, unless there are "
         "extenuating circumstances.", ()),
        ("Analgesia, activities of daily living, adverse side effects, and aberrant drug-taking behaviors should be "
         "documented at each visit.", ()),
    ),
    "relaxant": (
        ("Non-sedating muscle relaxants are recommended with caution as a second-line option for short-term "
         "treatment of acute exacerbations in patients with chronic low back pain.", ()),
        ("Muscle relaxants show no benefit beyond NSAIDs in pain and overall improvement, and efficacy appears to "
         "diminish over time.", ()),
    ),
    "benzo": (
        ("Benzodiazepines are not recommended for long-term use because long-term efficacy is unproven and there is "
         "a risk of dependence. Tolerance to hypnotic effects develops rapidly and long-term use may actually "
         "increase anxiety.", ()),
    ),
    "ppi": (
        ("Proton pump inhibitors are recommended for patients at intermediate or high risk for gastrointestinal "
         "events, such as those with a history of peptic ulcer, GI bleeding or perforation, or concurrent use of "
         "ASA, corticosteroids, and/or an anticoagulant.", ()),
    ),
    "aed": (
        ("Antiepilepsy drugs are recommended for neuropathic pain. A good response has been defined as a 50% "
         "reduction in pain and a moderate response as a 30% reduction.", ()),
    ),
    "antidepressant": (
        ("Antidepressants are recommended as a first-line option for neuropathic pain, and as a possibility for "
         "non-neuropathic pain. Assessment of treatment efficacy should include pain outcomes, function, sleep "
         "quality and duration, and psychological assessment.", ()),
    ),
    "nsaid": (
        ("NSAIDs are recommended at the lowest dose for the shortest period in patients with moderate to severe "
         "pain. There is no evidence of long-term effectiveness for pain or function.", ()),
    ),
    "topical": (
        ("Topical analgesics are largely experimental in use with few randomized controlled trials to determine "
         "efficacy or safety. Any compounded product that contains at least one drug or drug class that is not "
         "recommended is not recommended.", ()),
        ("Topical lidocaine may be recommended for localized peripheral pain after there has been evidence of a "
         "trial of first-line therapy.", ()),
    ),
    "sleep": (
        ("Pharmacological agents for insomnia should only be used after careful evaluation of potential causes of "
         "sleep disturbance. Zolpidem is a short-acting nonbenzodiazepine hypnotic approved for the short-term "
         "treatment of insomnia.", ()),
    ),
}
AUTHORS = ("Otis", "Townsend", "Kerns", "Turk", "Gatchel", "Chou", "Furlan", "Manchikanti", "Staal", "Koes", "Deyo",
           "Cherkin", "Haldeman", "Hoffman", "Airaksinen", "Assendelft", "Bigos", "Hayden", "Ostelo", "Vowles",
           "Eccleston", "Morley", "Jensen", "Dagenais", "Guzman", "Van Tulder", "Ballantyne", "Franklin")
ORGANISATIONS = ("American Psychiatric Association", "American Society of Anesthesiologists",
                 "American College of Occupational and Environmental Medicine")
