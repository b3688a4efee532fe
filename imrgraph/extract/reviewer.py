"""`imr_reviewer`: the expert reviewer's specialties, board certification and licensure.

Read in the qualifications section (or, where it says nothing of them, in a statement or credentials block of
them elsewhere: 'About the reviewer: ...'), in prose ("Board Certified in Anesthesiology, has a
subspecialty in Pain Medicine and is licensed to practice in California", "holds a Certificate of
Added Qualification in Surgery of the Hand", "holds active licenses in California and Washington")
and in credential blocks ("State(s) of Licensure: CA, WA", "Certification(s)/Specialty: ...").
Specialties: every name of the specialty list (`ontology/specialties.tsv`) the section holds, plus a
capitalised name the list lacks after a certification wording. Board certification: true only where the
letter says so ("board certified", "diplomate of the American Board of ...", "Board Certified: Yes"), false
where it says not ("not board certified", "board eligible", "Board Certified: No"), else null (a
"Certification(s)/Specialty:" block does not say it). Licences: the states a licensing
wording names ("licensed in", "licensed practitioner of Psychology in", "Licensed Psychologist, Oregon"),
never an address ("Sacramento, CA" on a letterhead, "offices in Reno, NV").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from spacy.language import Language
from spacy.tokens import Doc

from .. import vocab
from ..models import Mention, Reviewer
from ..parse import ANOTHER_CLINICIAN_LEADS, STATE_NAMES
from .context import LetterContext, letter_of
from .lexicon_matcher import cell_under, rows_under, table_cells

# Patterns in lower case are searched in the view's lower-cased text; they start with a literal, which re
# skips ahead to (a leading \b would make it try every position).
BOARD_CERTIFIED = re.compile(r"board[\s-]+certifi(?:ed|cations?)\b|diplomate\s+of\b|"
                             # (a credentials line's abbreviation: 'Bd Cert: Anesthesiology', 'Bd. Certified')
                             r"bd\.?\s+cert(?:ified|\.|\b)|diplomate\s+(?:status\s+)?(?:in|with)\b|"
                             # ('holding American Board of Anesthesiology certification in Anesthesiology')
                             r"american\s+(?:osteopathic\s+)?board\s+of\s+[a-z ]{2,40}?\s+certification\b|"
                             r"diplomate\s*,\s*(?:the\s+)?american\s+(?:osteopathic\s+)?board\b|"
                             # ('whose certification is through the American Osteopathic Board of Family Physicians')
                             r"certifi(?:ed|cation)\s+(?:(?:is|was)\s+)?(?:in\s+[a-z ,&]{2,60}?\s+)?(?:by|through|from)\s+the\s+"
                             r"american\s+(?:osteopathic\s+)?board\b|"
                             # ... or a credentials block's board line, its leader dots read as spaces ('Primary board .......
                             # Orthopaedic Surgery (American Board of Orthopaedic Surgery), certified')
                             r"primary\s+board\b[^.;:]{0,100}?,\s*certified\b|"
                             # ('Board status ....... Certified, American Board of Urology')
                             r"board\s+status\s*[:|]?\s*certified\b|"
                             # ('Dipl. ABPN - Neurology', 'Dipl. ABPMR (Physical Medicine & Rehabilitation)')
                             r"dipl\.?\s+(?:ab[a-z]{1,5}|aob[a-z]{1,5}|american\s+(?:osteopathic\s+)?board)\b")
NOT_BOARD_CERTIFIED = re.compile(r"(?:not|non)[\s-]+board[\s-]+certified\b|board[\s-]+eligible\b")
# A credential block's yes/no line: "Board Certified: No", "Board Certification: N/A".
BOARD_ANSWER = re.compile(r"board[\s-]+certifi(?:ed|cation)\s*:\s*(?P<answer>yes|no|none|n/?a)\b")
# A list name followed by these words names a guideline or a body, not the reviewer's field.
NOT_A_FIELD_AFTER = re.compile(r"\s*(?:practice\s+)?(?:guidelines?|association|society|college|journal)\b|[ \t]*licen[sc]es?\b")
# (the word boundary before a word checked after it)
BOARD_OF = re.compile(r"board(?<!\wboard)\s+of\s+")
BOARD_QUALIFIER = re.compile(r"(?:professional|medical|clinical|general)\s+")
# "in X by the American Board of Y": Y certified X ("board certified by the American Board of Y" names Y itself).
BY_THE_BOARD = re.compile(r"(?<!certified)\s+(?:by|with|from|through)\s+(?:the\s+)?(?:american\s+)?(?:osteopathic\s+)?$")
FIELD_IN = re.compile(r",?\s+in\s+")  # ("the American Osteopathic Board of Family Physicians, in Family Practice")
# Wordings after which the reviewer's certified field is named.
CERTIFIED_IN = re.compile(
    r"(?:board[\s-]+certified\s+(?:in|by\s+the\s+american\s+board\s+of)|diplomate\s+of\s+the\s+american\s+"
    r"(?:osteopathic\s+)?board\s+of|certified\s+by\s+the\s+american\s+(?:osteopathic\s+)?board\s+of|"
    r"diplomate\s+(?:status\s+)?in|"
    r"(?:sub-?)?specialt(?:y|ies)(?:\s+certificat(?:e|ion))?\s+in|certificates?\s+of\s+added\s+qualifications?\s+in|"
    r"certifi(?:cates?|cation)\s+in|"
    r"added\s+(?:qualifications?|certification)\s+in|specializ(?:es|ing)\s+in|board[\s-]+certified\s*[,:]|"
    r"certification\s*\(s\)\s*/\s*specialt(?:y|ies)\s*:|specialt(?:y|ies)\s*:|certified\s+in|"
    # (a block's line whose leader dots read as a space: 'Subspecialty certification ....... Pain Medicine')
    r"sub-?specialty\s+certifi(?:cation|cate)(?=\s+[a-z]))\s+"
)
# ... and the field a certified profession names ('a board-certified anesthesiologist')
CERTIFIED_FIELD = re.compile(CERTIFIED_IN.pattern + r"|board[\s-]+certified\s+(?:an?\s+)?")
# ... or a field named before its certification ('with Pain Medicine subspecialty certification')
FIELD_CERTIFIED_AFTER = re.compile(r"\s+(?:sub-?specialty|board\s+certification|certification)\b")
# What names an area of practice, training or experience rather than a certified field.
# ('a fellowship in complex spine surgery', 'a practice devoted to spine surgery', 'a practice focused on')
PRACTICE_AREA_BEFORE = re.compile(r"\b(?:fellowship(?:[\s-]+(?:training|trained))?|experience|"
                                  # (not being 'in practice': a table's 'Years in practice' column before its rows)
                                  r"(?<!\bin\s)practices?|performs|including)\s+(?:(?:devoted|limited|dedicated|focused|confined)\s+"
                                  r"(?:to|on)\s+|in\s+)?(?:[a-z-]+\s+)?$")
PRACTICE_AREA_REACH = 30
# A profession named as licensed.
LICENSED = re.compile(r"\blicen[sc]ed\s+(?!in\b|to\b|by\b)")
LICENSED_REACH = 12
LICENSED_AFTER = re.compile(r"\s+licen[sc]ed\b")
# ... or, a practitioner's name, past a comma ('a psychologist, licensed by the California Board of Psychology'; not a
# field's: 'Board Certified in Psychiatry and Neurology, licensed in Illinois')
PRACTITIONER = re.compile(r"(?:ist|or|ian|er)$")
LICENSED_AFTER_A_COMMA = re.compile(r",\s+licen[sc]ed\b")
# ... or by its degree ('a Doctor of Podiatric Medicine, board certified in podiatric surgery')
DEGREE = re.compile(r".{0,10}?\bdoctor\s+of\s")
# A credential the reviewer no longer holds: told so before it ('formerly board certified in', 'an earlier certification
# in', 'once held a license in') ...
HELD_ONCE_BEFORE = re.compile(r"\b(?:(?:formerly|previously|once|earlier)\s+(?:been\s+|was\s+|held\s+(?:an?\s+)?)?|"
                              r"(?:earlier|former|past|previous|prior|lapsed|expired|inactive)\s+)"
                              r"(?:board[\s-]+)?(?:certified|certification|certificate|licen[sc]ed?|licensure)"
                              r"(?:\s+(?:in|from|by|as))?\s+(?:the\s+|an?\s+)?$|"
                              # ('the reviewer does not currently practice in Colorado', 'not currently licensed in New York')
                              r"\b(?:does|do|did)\s+not\s+(?:currently\s+|now\s+|presently\s+)?practi[cs]e\s+(?:medicine\s+)?in\s+$|"
                              r"\bnot\s+(?:currently\s+|now\s+|presently\s+|any\s+longer\s+)?licen[sc]ed\s+in\s+$|"
                              # ('Earlier profession | Licensed physical therapist')
                              r"\b(?:earlier|former|previous|prior)\s+(?:profession|career|occupation)\s*[|:]?\s*"
                              r"(?:(?:licensed|registered|certified)\s+)?$")
HELD_ONCE_REACH = 60
# ... or after it, before the next one named and within its clause ('Oregon, Nevada (inactive since 2016)', 'an Idaho
# license the reviewer used to hold has lapsed', 'a certificate in Critical Care Medicine, earned in 2004, was not
# renewed', 'HI (expired)')
# ('also held a license in Missouri at one time', 'from 2005 until 2015', 'Medical license - New York | Revoked')
HELD_NO_LONGER = re.compile(r"\b(?:lapsed|expired|inactive|once\s+held|no\s+longer\s+(?:active|current|held|valid|maintained|"
                            r"in\s+force|renewed)|not\s+(?:been\s+)?(?:maintained|renewed|kept\s+up|current)|(?:was|were|been|is|are)\s+"
                            r"(?:retired|given\s+up|allowed\s+to\s+lapse)|surrendered|relinquished|revoked|cancel+ed|"
                            # ('OR (retired status since 2018 - not licensed)')
                            r"retired\s+status|not\s+(?:currently\s+)?licensed|"
                            r"at\s+one\s+time|in\s+the\s+past|until\s+(?:19|20)\d\d|"
                            # (a profession the reviewer left for medicine: 'a registered nurse before medical school')
                            r"before\s+(?:entering\s+medicine|medical\s+school|becoming\s+a\s+(?:physician|doctor)|"
                            r"(?:his|her|their)\s+medical\s+(?:training|education)))\b"
                            # (not a label's words, which speak of what follows them: '... | FL' / 'Licenses no longer
                            # held | NY', 'Lapsed licenses: NY')
                            r"(?!\s*(?:licen[sc](?:es|ures?)|certifications?|boards?|states?)?\s*(?:\(s\))?\s*[|:])")
# (or a table's next row, where its label runs up to a bar: '| CA, TX' / 'Licenses no longer held | NY')
# (or a block's next line, where its label runs up to a colon: 'California, Massachusetts' / 'Former licensure (inactive,
# not current): Connecticut')
# (or words that open a row of licences no longer held: 'California' / 'Prior licensure (lapsed) ...... Texas')
HELD_CLAUSE_END = re.compile(r"[;.](?:\s|$)|\n\s*\n|\s(?=[a-z][a-z()/ ]{2,40}\|)|\s(?=[a-z][a-z()/, ]{2,50}:\s)|"
                             r"\s(?=(?:prior|former|previous|past|earlier|lapsed|expired|inactive)\s+(?:state\s+)?licen)|"
                             r"\s(?=licen[sc]\w*\s*\((?:former|prior|past|expired|lapsed|inactive)\))")
# ... and a field certified, or a state before another, ends where a row of licences no longer held opens ('Orthopaedic
# Sports Medicine' / 'Licensure no longer held ...... Hawaii'; after the last state, the words are its own: 'Nevada license
# not renewed')
FIELD_CLAUSE_END = re.compile(HELD_CLAUSE_END.pattern + r"|\s(?=licen[sc]\w*(?:\s*\(s\))?\s+(?:no\s+longer|not\s+(?:current|held|"
                              r"active|renewed)|lapsed|expired|inactive|surrendered)\b)")
OWN_LICENCE_LABEL = re.compile(r"\s+(?:medical\s+)?licen[sc]e(?:\s*[:\-–—(]\s*|\s+(?:is|was|has\s+been)\s+)(?:in\s+)?")
# A physician other than the reviewer, by the definite article or a possessive before a title ('the treating
# neurosurgeon', 'her internist'; not 'a board-certified orthopedic surgeon'), and a licence told of them ('the
# psychiatrist, licensed in Idaho, who saw her for the agreed evaluation').
_ANOTHER_PHYSICIAN = r"\b(?:the|his|her|their)\s+(?:[a-z-]+\s+){0,2}"
_PRACTITIONER_TITLE = r"[a-z]*(?:surgeon|ist|ian)"  # ('neurosurgeon', 'internist', 'physician')
ANOTHER_PHYSICIAN = re.compile(_ANOTHER_PHYSICIAN + r"$")
PRACTITIONER_TITLE = re.compile(_PRACTITIONER_TITLE + r"$")
OTHER_PHYSICIANS_LICENCE = re.compile(_ANOTHER_PHYSICIAN + _PRACTITIONER_TITLE + r",?\s+(?:who\s+is\s+)?licen[sc]ed\s+"
                                      r"(?:to\s+practi[cs]e\s+(?:[a-z]+\s+)?)?in\s+[^.;]*$")
ANOTHER_PHYSICIAN_REACH = 80
# ... but the reviewer so named ('The podiatrist reviewer is', 'the psychiatrist who decided this review')
THE_REVIEWER_AFTER = re.compile(r"\s+(?:(?:expert|physician|professional)\s+)?reviewer\b|\s+who\s+(?:reviewed|decided|performed|"
                                r"conducted|wrote)\b")
# Where a sentence, or a numbered note on its own line, opens ('1  Expert reviewer: ...' / '2  The "AME" ... is ...').
# (or after a colon: 'For reference only: the requesting physician is ...')
SENTENCE_OR_NOTE_OPENS = re.compile(r"[.;:](?=\s)|\n(?=[ \t]*\d{1,2}[.)]?[ \t]+[a-z])")
# The professions a state licenses ('Psychology', 'Chiropractic').
PROFESSIONS = vocab.licensed_professions()
# Where a sentence or a label's value starts in a statement.
SENTENCE_STOP = re.compile(r"[.:](?=\s)")
# A sentence about the worker, by its subject ('The employee is a 44-year-old woman who works as ...').
ABOUT_THE_WORKER = re.compile(r"\s*(?:the|this)\s+(?:[a-z0-9-]+\s+){0,2}?(?:employee|applicant|patient|claimant|worker)\b")
# A capitalised name: words with capitals joined by small words ("Surgery of the Hand").
NAME = re.compile(r"[A-Z][A-Za-z'/-]*(?:\s+(?:(?:and|of|the|&|in|for)\s+)*(?!Licen[sc])[A-Z][A-Za-z'/-]*){0,6}")  # (not a licence's label next)
NAME_SEPARATOR = re.compile(r"(?i)\s*(?:,|;|\band\b|&)\s*")
FIELD_JOINT = re.compile(r"(?i)\s+(?:and|&)\s+")
FIELD_ENDS = frozenset({"medicine", "surgery", "psychology", "psychiatry", "therapy", "neurology", "pathology",
                        "radiology", "care", "pediatrics", "oncology", "cardiology", "dentistry", "health"})
NOT_A_NAME_WORD = frozenset({"The", "Board", "Boards", "American", "State", "States", "License", "Licenses", "Licence", "Licences", "Licensure",
                             "Licensed", "He", "She", "His", "Her", "They", "Medical", "Doctor", "AND", "IS",
                             "Specialty", "Specialties", "Subspecialty", "Subspecialties", "Certification",
                             "Certifications", "Certified", "Dipl", "Diplomate",
                             "IN", "OF", "THE",
                             # (a table's next column label: 'Subspecialty Certification    Years in practice')
                             "Years", "Year", "Status", "Expires", "Expiration",
                             # an answer to a label ('Board Certified: No (board eligible)')
                             "Yes", "No", "None", "YES", "NO", "NONE", "N/A"})
# The licensed profession's words ("licensed practitioner of clinical psychology in Utah", "Licensed
# Psychologist, California"): a few words that are not a clause's verbs or joints.
_NOT_PROFESSION = r"(?!(?:who|whose|which|that|where|is|has|have|was|were|and|but|in|by|to|board|with|at|for|from|" \
                  r"since|located|based|practi[cs]ing|practi[cs]es|offices?)\b)"
_PROFESSION = r"(?:" + _NOT_PROFESSION + r"[a-z][a-z()./&'-]*\s+){0,5}?" + _NOT_PROFESSION + r"[a-z][a-z()./&'-]*"
# ('licenses held in Texas and California', 'licensure is currently maintained in Oregon')
_HELD = r"(?:(?:is|are)\s+)?(?:currently\s+|actively\s+)?(?:held|maintained|kept)\s+"
# Licensing wordings ("licensed to practice in", "holds active licenses in", "State(s) of Licensure:",
# "Licensed in:"); the states follow until the clause ends.
LICENSE = re.compile(
    # (its abbreviation as a label: 'Lic: CA / TX', 'Lic.:', 'Lic. CA / OR', 'Lic - CA, OR')
    # (or a table's row of one: 'Medical license - Maine      | Active')
    # (or bare before a list of codes: 'Lic CA / UT / ID')
    # ('licensed to practice podiatric medicine in California')
    r"(?:lic(?:\.\s*:?|\s*[:\-–—]|\s+(?=[a-z]{2}\s*[/,;&]))|licen[sc]e\s+[-–—]\s+(?=[a-z]+(?:\s+[a-z]+)?\s*\|)|licen(?:[sc]ed\s+(?:to\s+practi[cs]e\s+(?:[a-z]+\s+){0,2}|as\s+an?\s+[a-z]+\s+|" + _PROFESSION + r"\s+)?(?:in\b|"
    r"by\s+the\s+(?:states?\s+of|[a-z ]{0,30}?board\s+of)|by\s+(?!the\b))|[sc]ed\s+" + _PROFESSION + r"\s*,|"
    r"[sc]es?\s+(?:to\s+practi[cs]e\s+(?:[a-z]+\s+)?|(?:number|no\.?|#)\s*[a-z0-9-]+\s+|" + _HELD + r")?in\b|"
    # ('Licenses are held through the Medical Board of California and the Washington Medical Commission')
    r"[sc]es?\s+" + _HELD + r"(?:through|with|from|via)\b|"
    # 'medical licenses issued by California and Arizona', 'licenses from California and Colorado', 'license to practice
    # was issued by the State of Texas'
    # ('His/her medical licenses were issued in California and in Arizona')
    # ('her license to practice surgery was granted by the State of Nevada')
    r"[sc]es?\s+(?:to\s+practi[cs]e\s+(?:[a-z]+\s+)?)?(?:(?:was|were)\s+)?(?:(?:issued|granted)\s+(?:by|in)|from)(?:\s+the\s+states?\s+of)?\b|"
    # 'keeps current licensure in Oregon and Idaho'
    # ... or a table's cell ('| State(s) of Licensure | California, Colorado |'), to the end of its row
    # ('Licenses held: Arizona; New Mexico; California.')
    # ... or a block's line set out with leader dots, read as spaces ('State licenses held ....... Arizona, California')
    r"sure\s+(?:" + _HELD + r")?in\b|sure\s*[:|]|"
    # ('| Current state licenses | California; Oregon |')
    r"[sc]es?\s*(?:\(s\))?\s*\|(?=\s*[a-z])|"
    # ... or a block's line whose leader dots the view reads as a space ('Licensure ........ California; Hawaii')
    r"sure\s+(?!(?:and|or|is|was|are|were|has|have|had|of|board|status|information|details)\b)(?=[a-z])|"
    # ... or with a word on it ('Licensure, active ....... California; Arizona'), or the profession licensed
    # ('Licensed psychologist ........ California; Hawaii')
    # ('State medical licenses, active ..... Arizona', 'Licensure (active) | Texas')
    r"(?:sure|[sc]es?)\s*(?:,\s*(?:active|current|held|states?)\b|\((?:active|current|held|in\s+force)\))(?:\s*[|:])?\s*(?=[a-z])|"
    r"[sc]ed\s+(?:clinical\s+)?(?:psychologist|physician|chiropractor|acupuncturist|pharmacist|(?:physical\s+)?therapist|"
    r"nurse\s+practitioner)\s+(?=[a-z])|"
    # ('License(s) in force: California')
    r"[sc]es?\s*(?:\(s\))?\s*(?:held|in\s+force|current|active)?\s*:|[sc]es?\s+held\s+(?=[a-z])|"
    # ... or a block's line of licences whose leader dots run up to a state's name ('Medical licenses ....... Oregon
    # (active); Idaho (active)')
    r"[sc]es\s+(?=(?:" + STATE_NAMES + r")\b)|"
    # ... or a table's row of the boards that license ('| Licensing boards | California Board of Psychology; |')
    r"sing\s+boards?\s*(?:[:|]\s*|\s+(?=[a-z]))|"
    # ('Licensed to practice: California and Texas')
    r"[sc]ed\s*(?:to\s+practi[cs]e\s*)?(?:in\s*)?:))(?P<where>[^.:]*?)"
    # (up to the next label, also one run into the last state: 'Oregon' + 'Certification(s)/Specialty:')
    r"(?=\.|\blicen|\b(?![a-z]+(?:certification|specialt))[a-z()/]+\s*:|(?<=[a-z])(?:certification|specialt)[a-z()/]*\s*:|"
    # (a table's row ends at its last bar and the next row's first; not where the next row's first cell is empty,
    # a value going on: '| Licensing boards | California Board of Psychology; |' / '|   | Oregon Board of Psychology |')
    r"(?<!\|\s)\|\s*(?:\|(?!\s*\|)|\n|$)|$)"
)
# ... or the state before the licence: 'holds a California medical license', 'has active Nevada and Arizona licenses',
# '... and a California psychology license', 'practices under a California license'.
LICENSE_HELD = re.compile(r"(?:hold(?<!\whold)s?|has(?<!\whas)|holding(?<!\wholding)|having(?<!\whaving)|and(?<!\wand)|"
                          r"under(?<!\wunder))\s+"
                          r"(?:an?\s+)?(?:active\s+|current\s+|valid\s+|unrestricted\s+)?"
                          r"(?P<where>(?:(?!\b(?:board|certifi\w*|in|who|which|that)\b)[a-z ,&]){2,60}?)\s+(?:medical\s+|professional\s+|chiropractic\s+|"
                          r"psychology\s+|physician\s+)?licen[sc]es?\b")
# ... or the state of each board that licensed the reviewer ('licensed by the Oregon Board of Psychology and by the Idaho
# State Board of Psychologist Examiners')
LICENSED_BY = re.compile(r"\blicen[sc]ed\s+by\b")
LICENSING_BOARD = re.compile(r"\bby\s+the\s+(?P<where>[a-z]+(?:\s+[a-z]+){0,2}?)\s+(?:state\s+)?board\s+of\b")
# Where a licensing clause ends: the next clause about the reviewer.
# (not a state's licensing board: 'issued by the Medical Board of California and by the Arizona Medical Board')
CLAUSE_END = re.compile(r"\b(?:who|which|is|has|have|(?<!medical\s)board(?!\s+of\b)|certified|with|since|for|"
                        r"(?<!well )as(?!\s+well\s+as))\b")
BRACKETED = re.compile(r"\([^()]*\)")
# A USPS code counts only as a list member ("CA, NV and OR"), not as a word of the sentence ("IS IN").
CODE_IN_LIST = re.compile(r"(?:,|;|\band|&|/)\s*$")
# after a code: the list goes on or ends, or the licence's number follows ("CA (A12345)", "CA #G98765", "CA-A12345")
# (or its cell ends, or a table's next row, its label running up to a bar or to the licence word that ended the
# clause: 'WA, ID, MT' / 'Former licenses | OR')
# (or a heading in capitals, the view's line end lost: 'Lic: CA / OR' / 'CLINICAL CASE SUMMARY')
CODE_LIST_NEXT = re.compile(r"\s*(?:$|,|;|and\b|&|/|\)|\(|#|\|)|\s+[A-Z][A-Za-z()/ ]{2,40}(?:\||$)|-?[A-Za-z]{0,2}\d|"
                            r"\s+[A-Z]{3,}(?:\s+[A-Z]{2,})+\b")  # not "CA 95813", a ZIP code
SENTENCE_NEXT = re.compile(r"\s+[A-Z][a-z]")
CODE_GAP = 6  # characters between a code and the list mark before it
CELL_OPENING = " \t\n|"


@Language.component("imr_reviewer")
def extract_reviewer(doc: Doc) -> Doc:
    ctx = letter_of(doc)
    low = ctx.lower
    specialties: list[Mention[str]] = []
    board: bool | None = None
    licences: list[Mention[str]] = []
    # the qualifications section, and a statement of them elsewhere where that section says nothing of them
    for region in ctx.regions("specialty"):
        specialties += [s for s in _specialties(ctx, region) if s.value not in {x.value for x in specialties}]
        board = board if board is not None else _board_certified(low, region)
        licences += [x for x in _licences(ctx, region) if x.value not in {y.value for y in licences}]
    ctx.reviewer = Reviewer(specialties, board, licences)
    return doc


def _board_certified(low: str, region: tuple[int, int]) -> bool | None:
    """False where the letter says not ('not board certified', 'board eligible', 'Board Certified: No'), true
    where it says so, else null ('Board Certification: N/A' says neither)."""
    answer = BOARD_ANSWER.search(low, *region)
    if answer:
        word = answer.group("answer")
        return True if word == "yes" else False if word in ("no", "none") else None
    if NOT_BOARD_CERTIFIED.search(low, *region):
        return False
    return True if BOARD_CERTIFIED.search(low, *region) else None


def _specialties(ctx: LetterContext, region: tuple[int, int]) -> list[Mention[str]]:
    """The list's names in the section, then names it lacks after a certification wording, in text order."""
    low = ctx.lower
    found = [(span.start_char, span.end_char, span.label_) for span in ctx.group_in("specialty", region)
             if not NOT_A_FIELD_AFTER.match(low, span.end_char)]
    listed = sorted((start, end) for start, end, _ in found)  # a board's dropped names are not unlisted ones
    unlisted = _unlisted(ctx, region, listed)
    # an area of practice, training or experience is no specialty ('completed a fellowship in spine surgery', 'with
    # experience in electrodiagnostic medicine', 'performs spine surgery')
    found = [f for f in found if not PRACTICE_AREA_BEFORE.search(low, max(region[0], f[0] - PRACTICE_AREA_REACH), f[0])]
    # ... nor a name in a sentence about the worker ('The employee works as a certified nursing assistant')
    stops = [region[0]] + [m.end() for m in SENTENCE_STOP.finditer(low, *region)]
    found = [f for f in found if not ABOUT_THE_WORKER.match(low, stops[bisect_right(stops, f[0]) - 1], region[1])]
    certified = _certified(low, region, found)
    if unlisted or certified:
        # where the letter names the fields the reviewer is certified in, a profession named as licensed is the
        # licence, not a specialty ('licensed psychologist' beside a board certification in Clinical Health Psychology),
        # unless it is the one certified ('a board certified orthopedic surgeon licensed in Nevada')
        found = [f for f in found if f[0] in certified or not _licensed_profession(low, region, f)]
    found = _the_reviewers_now(low, region, _without_board_names(low, region, found) + unlisted, fields=True)
    # ... and a profession is no specialty beside a field of it certified ('a psychologist, Board Certified in Clinical
    # Health Psychology'; 'Profession | Psychologist' over 'Board certification | ABPP, Rehabilitation Psychology')
    names = {value for _, _, value in found}
    found = [f for f in found if f[2] not in PROFESSIONS
             or not any(name != f[2] and name.lower().endswith(f[2].lower()) for name in names)]
    out: list[Mention[str]] = []
    seen: set[str] = set()
    # (one specialty named twice, as 'Hand Surgery' and 'Surgery of the Hand', or in two spellings, 'Orthopedic Surgery'
    # and 'Orthopaedic Surgery': once)
    for start, end, value in sorted(found):
        if _spelling_key(value) not in seen:
            seen.add(_spelling_key(value))
            out.append(Mention(vocab.specialty_as_named(ctx.text[start:end]), ctx.original(start, end)))
    return out


def _spelling_key(name: str) -> str:
    """A specialty's name with its British spellings made American ('Orthopaedic', 'Anaesthesiology', 'Paediatrics')."""
    return name.lower().replace("ae", "e")


def _licensed_profession(low: str, region: tuple[int, int], name: tuple[int, int, str]) -> bool:
    """'a licensed psychologist', 'Licensed Psychologist', 'a psychologist licensed in California', 'a Doctor of
    Podiatric Medicine'."""
    start, end, _ = name
    return LICENSED.search(low, max(region[0], start - LICENSED_REACH), end) is not None \
        or LICENSED_AFTER.match(low, end) is not None or DEGREE.match(low, max(region[0], start - 10), end) is not None \
        or PRACTITIONER.search(low, start, end) is not None and LICENSED_AFTER_A_COMMA.match(low, end) is not None


def _certified(low: str, region: tuple[int, int], found: list[tuple[int, int, str]]) -> set[int]:
    """Where the listed names start that a certification wording names, right after it ('Board Certified in
    Neurology', 'a board-certified anesthesiologist') or right before it ('with Pain Medicine subspecialty
    certification')."""
    starts = {start for start, _, _ in found}
    return {start for start, end, _ in found if FIELD_CERTIFIED_AFTER.match(low, end)} \
        | {cue.end() for cue in CERTIFIED_FIELD.finditer(low, *region) if cue.end() in starts}


def _without_board_names(low: str, region: tuple[int, int], found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """'certified by the American Board of Psychiatry and Neurology in Psychiatry': the names in the board's
    name do not count when the field it certified follows ('in Psychiatry') or, named as the certifier ('in
    Clinical Neuropsychology by the American Board of Professional Psychology'), when other names are given."""
    starts = {start: (end, i) for i, (start, end, _) in enumerate(found)}
    dropped: set[int] = set()
    for m in BOARD_OF.finditer(low, *region):
        chain, pos = [], m.end()
        qualifier = BOARD_QUALIFIER.match(low, pos)  # 'Board of Professional Psychology'
        pos = qualifier.end() if qualifier and qualifier.end() in starts else pos
        while pos in starts:
            end, i = starts[pos]
            chain.append(i)
            joint = NAME_SEPARATOR.match(low, end)
            pos = joint.end() if joint and joint.end() > end else -1
        after = FIELD_IN.match(low, found[chain[-1]][1]) if chain else None
        certifier = BY_THE_BOARD.search(low, max(region[0], m.start() - 30), m.start())
        # ... the board certified the field named right before it ('in X by the American Board of Y'), not one
        # after 'and' ('by the American Board of Family Medicine and by the American Board of Obesity Medicine')
        certifier = certifier if certifier and any(end == certifier.start() for _, end, _ in found) else None
        outside = {value for n, (_, _, value) in enumerate(found) if n not in chain}
        if chain and _a_states_board(low, region[0], m.start()):
            dropped.update(chain)  # a state's licensing board ('licensed by the California Board of Psychology')
        elif after and after.end() in starts or chain and certifier and len(chain) < len(found):
            dropped.update(chain)
        elif len(chain) > 1 and any(found[n][2] in outside for n in chain):
            # 'a psychiatrist, certified by the American Board of Psychiatry and Neurology': the board's
            # field the letter names elsewhere is the reviewer's, not the board's other field
            dropped.update(n for n in chain if found[n][2] not in outside)
    return [f for i, f in enumerate(found) if i not in dropped]


STATE_BEFORE = re.compile(r"((?:[a-z]+\s+){1,3}?)(?:state\s+)?$")


def _a_states_board(low: str, lo: int, board: int) -> bool:
    """Whether the words before 'Board of' name a US state ('the Nevada State Board of ...')."""
    m = STATE_BEFORE.search(low, max(lo, board - 40), board)
    words = m.group(1).split() if m else []
    return any(" ".join(words[k:]) in vocab.us_states() and len(" ".join(words[k:])) > 2 for k in range(len(words)))


def _unlisted(ctx: LetterContext, region: tuple[int, int], listed: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Capitalised names after certification wordings that no listed name covers ('Board Certified in
    Wilderness Medicine'), title-cased; a list of them ('X, Y and Z') gives each."""
    text = ctx.text
    out = []
    pos = region[0]
    for cue in CERTIFIED_IN.finditer(ctx.lower, *region):
        if cue.start() < pos:
            continue  # within the names the previous wording listed
        pos = cue.end()
        while pos < region[1]:
            name = NAME.match(text, pos, region[1])
            if name is None:
                break
            for start, end in (piece for part in _name_parts(name, listed) for piece in _fields(text, *part)):
                words = text[start:end].split()
                if not any(w in NOT_A_NAME_WORD or w.lower() in vocab.us_states() for w in words):
                    out.append((start, end, vocab.title_case(words)))
            separator = NAME_SEPARATOR.match(text, name.end(), region[1])
            if separator is None or separator.end() == name.end():
                break
            pos = separator.end()
    return out


def _fields(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """'Wilderness Medicine and Travel Medicine' is two names, 'Allergy and Immunology' one: split at 'and'
    where the words on both sides end as names of fields do."""
    joint = FIELD_JOINT.search(text, start, end)
    if joint and text[start:joint.start()].split()[-1].lower() in FIELD_ENDS \
            and text[joint.end():end].split()[-1].lower() in FIELD_ENDS:
        return [(start, joint.start()), *_fields(text, joint.end(), end)]
    return [(start, end)]


def _name_parts(name: re.Match, listed: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The stretches of a capitalised name that no listed name covers and that a comma or 'and' sets apart
    from the listed ones ('Chiropractic Orthopedists' is one name, the list's 'Chiropractic' in it)."""
    start, end = name.span()
    first = max(bisect_left(listed, (start, start)) - 1, 0)  # listed names are sorted and do not overlap
    covered = [(max(a, start), min(b, end)) for a, b in listed[first:bisect_left(listed, (end, end))] if b > start]
    if not covered:
        return [(start, end)]
    parts, pos = [], start
    for a, b in covered + [(end, end)]:
        pieces = list(NAME_SEPARATOR.finditer(name.string, pos, a))
        bounds = [pos] + [x for p in pieces for x in p.span()] + [a]
        for n in range(0, len(bounds), 2):
            piece_start, piece_end = bounds[n], bounds[n + 1]
            attached = (n == 0 and pos > start) or (n + 2 == len(bounds) and a < end)
            if piece_end > piece_start and not attached:
                parts.append((piece_start, piece_end))
        pos = max(pos, b)
    return parts


def _licences(ctx: LetterContext, region: tuple[int, int]) -> list[Mention[str]]:
    text, low = ctx.text, ctx.lower
    named: list[tuple[str, int, int]] = []
    for m in [*LICENSE.finditer(low, *region), *LICENSE_HELD.finditer(low, *region),
              *(LICENSING_BOARD.finditer(low, *region) if LICENSED_BY.search(low, *region) else ())]:
        start, end = m.span("where")
        # (a clause's words in brackets end no clause: 'Nevada (inactive since 2016), California')
        clause = CLAUSE_END.search(BRACKETED.sub(lambda b: " " * len(b.group()), low[start:end]))
        stop = start + clause.start() if clause else end
        named += [(code, a, b) for code, (a, b) in _states_in(text[start:stop], start)]
    held = _the_reviewers_now(low, region, [(a, b, code) for code, a, b in named], fields=False)
    out: list[Mention[str]] = []
    for mention in sorted([Mention(code, ctx.original(a, b)) for a, b, code in held] + _licence_column(ctx, region),
                          key=lambda x: x.span):
        if mention.value not in {x.value for x in out}:
            out.append(mention)
    return out


# A table of the reviewer's credentials in columns, one of them the licences' ('Specialty    Board    Licensed In'); its
# rows' cells under that label name the states ('Neurology    ABPN    California, Washington'). Read in the text as
# written, where runs of spaces still part the cells.
LICENCE_LABEL = re.compile(r"(?:states?(?:\s*\(s\))?\s+(?:of\s+)?)?(?:licen[sc](?:ure|es?|ed\s+in)|licensing\s+states?)"
                           r"(?:\s*\((?:s|states?|active|current|held)\))?")
LICENCE_COLUMN = re.compile(r"(?im)^[^\n]*?(?:^|[ \t]{2,}|\|)[ \t]*" + LICENCE_LABEL.pattern + r"[ \t]*(?:[ \t]{2,}|\||$)")
TABLE_ROWS = 8  # lines under a header read (a double-spaced layer's blank lines among them)


def _licence_column(ctx: LetterContext, region: tuple[int, int]) -> list[Mention[str]]:
    """The states in the cells under a credentials table's licence column, in the region; empty where it has none."""
    text = ctx.view.original
    lo, hi = ctx.view.to_original(region[0]), ctx.view.to_original(region[1])
    out: list[Mention[str]] = []
    for header in LICENCE_COLUMN.finditer(text, lo, hi):
        header_end = text.find("\n", header.start(), hi)
        header_end = hi if header_end < 0 else header_end
        cells = table_cells(text, header.start(), header_end)
        label = next((k for k, (a, b) in enumerate(cells) if LICENCE_LABEL.fullmatch(text[a:b].lower().strip(" \t|"))), None)
        if label is None or len(cells) < 2:
            continue
        for start, line_end in rows_under(text, header_end, hi, TABLE_ROWS):
            cell = cell_under(text, cells, label, table_cells(text, start, line_end))
            if cell and not HELD_NO_LONGER.search(text[start:line_end].lower()):  # ('Oregon    Lapsed 2006')
                out += [Mention(code, span) for code, span in _states_in(text[slice(*cell)], cell[0])]
    return out


def _the_reviewers_now(low: str, region: tuple[int, int], named: list[tuple[int, int, str]],
                       fields: bool) -> list[tuple[int, int, str]]:
    """The credentials named (start, end, value) less another clinician's, in a sentence that clinician leads, and those
    the letter says the reviewer no longer holds: told so before one, or after it within its clause and before the next
    one named."""
    starts = sorted({start for start, _, _ in named})
    opens = [region[0]] + [m.end() for m in SENTENCE_OR_NOTE_OPENS.finditer(low, *region)]
    kept = []
    for start, end, value in named:
        opening = opens[bisect_right(opens, start) - 1]
        if HELD_ONCE_BEFORE.search(low, max(region[0], start - HELD_ONCE_REACH), start) \
                or ANOTHER_CLINICIAN_LEADS.match(low, opening) \
                or ANOTHER_PHYSICIAN.search(low, max(opening, start - ANOTHER_PHYSICIAN_REACH), start) \
                and PRACTITIONER_TITLE.search(low, start, end) and not THE_REVIEWER_AFTER.match(low, end):
            continue
        if OTHER_PHYSICIANS_LICENCE.search(low, max(opening, start - ANOTHER_PHYSICIAN_REACH), start):
            continue
        # (up to the next one named, then its clause's end within that: each search stays short on a long list)
        following = bisect_right(starts, start)
        limit = max(end, starts[following] if following < len(starts) else region[1])
        # (a row of licences no longer held opens a clause of its own after a field, or before the next state named)
        clause_end = FIELD_CLAUSE_END if fields or following < len(starts) else HELD_CLAUSE_END
        stop = clause_end.search(low, end, limit)
        # (or the state's own licence label says so: 'Ohio license: inactive - not currently licensed in Ohio')
        own_label = OWN_LICENCE_LABEL.match(low, end)
        if not HELD_NO_LONGER.search(low, end, stop.start() if stop else limit) \
                and not (own_label and HELD_NO_LONGER.match(low, own_label.end())):
            kept.append((start, end, value))
    return kept


# (a word, or a capital's word run into the one before it: 'Oregon' in 'OregonCertification(s)/Specialty:')
STATE_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+")


def _states_in(where: str, offset: int) -> list[tuple[str, tuple[int, int]]]:
    """US states named in a licensing clause: full names (longest first) or upper-case USPS codes in a list."""
    states = vocab.us_states()
    words = list(STATE_WORD.finditer(where))
    found, i = [], 0
    while i < len(words):
        for n in (3, 2, 1):
            chunk = words[i:i + n]
            name = " ".join(w.group().lower() for w in chunk)
            if len(chunk) == n and name in states and (len(name) > 2 or _listed_code(where, chunk[0])):
                found.append((states[name].upper(), (offset + chunk[0].start(), offset + chunk[-1].end())))
                i += n
                break
        else:
            i += 1
    return found


def _listed_code(where: str, word: re.Match) -> bool:
    """An upper-case code as a member of a list, or alone as the licensing wording's value ('Licensure: CA'
    with the next sentence after it)."""
    start = word.start()
    if not word.group().isupper():
        return False
    # (the first of the value, after blanks or a cell's bar: 'Licensed in      | WA, ID')
    if not where[:start].strip(CELL_OPENING) and (start <= CODE_GAP or "|" in where[:start]):
        return bool(CODE_LIST_NEXT.match(where, word.end()) or SENTENCE_NEXT.match(where, word.end()))
    return bool(CODE_IN_LIST.search(where, max(0, start - CODE_GAP), start) and CODE_LIST_NEXT.match(where, word.end()))
