"""`imr_history`: what the case summary says of the worker's conditions, drugs, past care and complaints.

Every field reads the mentions of one span group in the case summary with what `imr_context` (ConText)
found about them: a hypothetical mention ('if he develops gastritis') or a relative's ('his mother has
diabetes') is not the worker's and is left out of every field; a negated one is a negated diagnosis or
drug, never a prior treatment or a complaint.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import link, vocab
from ..models import Diagnosis, Medication, Mention, PriorTreatment
from ..text import LEADER_DOTS, TITLE_ABBREVIATIONS, any_of, clause_start, lowered, paragraph_end
from .body_parts import COORDINATED, PAIRED, SIDES, SINGULARS, SPINAL_LEVEL, number_for_side, side_of
from .context import LetterContext, inside, letter_of
from .lexicon_matcher import (
    ALLERGIC_REACTION,
    ATTRIBUTING,
    CELL_SEPARATOR,
    CLINICIAN,
    CLINICIAN_WORRIED,
    CODE_AFTER,
    COLUMN_GAP,
    DENIAL,
    DENYING_LIST_WORDS,
    EXCLUDING_SUBJECT,
    EXCLUDING_VERB,
    GENERIC_SURGERY,
    LEADING_QUALIFIERS,
    REPORTING_VERBS,
    WEIGHING_VERBS,
    is_code_of,
    level_region,
)
from .negation import FAMILY, HYPOTHETICAL, NEGATED, POSSIBLE
from .sentences import BULLET, LINE_HEAD, NUMBERED, SET_IN_LINE, opens_its_line

# A short label and its colon in the view's lower-cased text ('gi:', 'rheum consult:').
SHORT_LABEL = r"[a-z][a-z /&-]{1,30}:"

# Cue patterns are booleans over a sentence's lower-cased text: in lower case, with the word boundary
# before the alternatives, so re tries them only at word edges and skips each on its first letter.
# A condition named only to describe something else ('borderline traits', 'sciatica-like symptoms', 'apixaban for
# stroke prevention', 'DVT prophylaxis') is none.
QUALIFIER_AFTER = re.compile(r"(?i)^(?:\s*(?:features|traits|symptoms|like|type\s+symptoms|prevention|prophylaxis|"
                             r"precautions|screening|risk)|-like)\b")
# ... nor one named as what the worker is screened for ('yearly scans to screen for liver cancer', 'surveillance for
# recurrence').
SCREENED_FOR_BEFORE = re.compile(r"\b(?:screen(?:s|ed|ing)?|surveillance)\s+for\s+(?:an?\s+|the\s+|any\s+)?(?:[a-z-]+\s+)?$")
# ... unless the screen's answer follows: then it was weighed and answered ('She was also screened for a major depressive
# disorder, and none was found')
# ('the intake screened for panic disorder, insomnia and a bipolar disorder and found none')
SCREEN_ANSWERED_AFTER = re.compile(r"[^.;]{0,90}?(?:,\s*)?\s(?:and|but)\s+(?:(?:none|nothing|it|this|that)\s+(?:was|were)\s+"
                                   r"(?:not\s+)?(?:found|identified|seen|present|detected|confirmed)|"
                                   r"(?:found|identified|detected)\s+(?:none|nothing|no\s+evidence)(?:\s+of\s+(?:them|it|any))?)\b")
# A condition's name inside a procedure's ('carpal tunnel release', "de Quervain's release", 'trigger finger
# injection') names the procedure, not a condition.
PROCEDURE_AFTER = re.compile(r"\s*(?:releases?|repairs?|reconstructions?|decompressions?|injections?|debridements?|"
                             r"surgery|surgeries|excisions?|resections?|transpositions?|blocks?|ablations?)\b"
                             # ... nor a test's or a scale's ('the Beck Depression Inventory', 'the PTSD Checklist', 'the
                             # Insomnia Severity Index')
                             r"|\s*(?:(?:rating|severity|symptom|impact|disability|screening)\s+)?(?:inventory|inventories|"
                             r"checklist|scales?|questionnaire|index|scores?)\b")
# Care the worker had: a past or perfect verb of receiving, a count of sessions, an outcome of treatment
# ('was not helpful').
PRIOR_CUE = re.compile(
    # ('has had', 'had'; not 'has had none')
    r"treat(?:ed|ment|ments)\b|\b(?:prior\b|previous|conservative\s+(?:care|management)\s*:|"
    r"had\b(?!\s+(?:none|nothing|neither|no\b|not\b|yet\s+to\b))|underwent|undergone|"
    r"received|tried\b|trials?\s+of\b|failed\b|completed|benefit(?:ing|ed|s)?\s+from|history\s+(?:of|includes?|included)\b|performed\b|"
    r"attempted\b|"
    r"(?:was|were|been)\s+(?:\w+ly\s+|also\s+)?done\b|"
    r"surgical\s+history\b|(?:past|prior|previous)\s+surger(?:y|ies)\b|\bpsh\b|"
    # a clinic note's label ('Other tx: PT, aquatic therapy, ...', 'Tx hx:', 'Tx: night splints; OT x 6', 'Hx: R TKA 2015')
    r"other\s+(?:tx|treatments?|care|therapies)\s*:|tx\s+(?:to\s+date|hx|history)\b|tx\s*:|hx\s*:|"
    r"attended\b|participated\b|administered\b|to\s+date\b|care\s+has\b|included\b|consisted\b|seen\b|saw\b|sees\b|"
    r"(?:been|is|was)\s+seeing\b|"
    r"used\b|uses\b|using\b|wore\b|worn\b|wears\b|wearing\b|given\b|provided\b|sessions\s+of\b|visits\b|"
    # a clinic note's count of what was had ('OT x 10, CMT x 4 in 2019')
    r"(?<![\d/])x\s?\d{1,3}\b(?!\s*(?:/|per\b|a\s+week|weekly|wks?\b|weeks?\b|days?\b|months?\b))|"
    r"(?:walk|walks|walking|walked|ambulate|ambulates|ambulating|ambulated|gets\s+around)(?:\s+\d+\s*(?:ft|feet|m|yards))?"
    r"\s+(?:with\b|w/)|owns\b|"
    r"relies\s+on\b|despite\b|in\s+spite\s+of\b|gave\b|(?:of|with)\s+(?:\w+\s+){0,2}?benefit\b|"
    r"relief\b|helped\b|improvement\b|status\s+post\b|s/p\b|attends\b|attending\b|receives\b|receiving\b|"
    r"undergoing\b|participates\b|participating\b|ongoing\b|managed\b|maintained\s+on\b|(?:in)?effective\b|"
    r"(?:un)?helpful\b|beneficial\b|(?:un)?successful\b|currently\b|post-?op\b|postop\b|"
    r"(?:reduced|decreased|lessened|alleviated|relieved|eased)\s+(?:(?:about\s+)?\d+\s*(?:%|percent)\s+of\s+)?"
    r"(?:his|her|their|the)\b|"
    # 'has finished two rounds of acupuncture', 'has been to occupational therapy', 'paid privately for massages',
    # 'then began chiropractic care'
    # ('What he has already been through is considerable: ...', 'has had the benefit of', 'graduated from')
    r"finished\b|(?:rounds?|courses?)\s+of\b|(?:has|have|had)\s+(?:already\s+|also\s+)?been\s+(?:to|through)\b|went\s+to\b|goes\s+to\b|"
    r"(?:has|have|had)\s+(?:(?:already|also)\s+)?(?:had\s+)?the\s+benefit\s+of\b|graduated\s+from\b|"
    r"went\s+on\s+to\b|proceeded\s+(?:to|with)\b|"
    r"(?:went|gone|goes|going)\s+through\b|joined\b|enrolled\b|took\s+part\s+in\b|"
    # what it did for the worker ('lost 18 pounds through a weight loss program run by her health plan')
    r"lost\s+(?:about\s+|some\s+)?(?:\d+\s*(?:pounds|lbs?|kg)|weight)\s+(?:through|with|on|in)\b|"
    # 'her psychiatrist has followed her every six weeks for medication management'
    r"(?:has|have|had)\s+(?:also\s+)?followed\s+(?:him|her|them)\b|(?:did\s+not|didn't|failed\s+to)\s+help\b|"
    r"(?:resolved?|improved?|responded|respond|settled|cleared)\s+(?:with|to|after)\b|"
    r"paid\s+(?:\w+\s+){0,3}?for\b|(?:began|begun|started)\b|"
    # 'was placed in an ankle brace', 'was fitted with a splint', 'aquatic therapy was added'
    r"placed\s+(?:in|into)\b|fitted\s+(?:with|for)\b|(?:was|were)\s+added\b|"
    r"(?:kept|immobili[sz]ed)\s+(?:[\w-]+\s+){0,2}?(?:in|with)\b|"
    # 'He is seen every month by psychiatry for medication management', 'has also been followed by her psychiatrist'
    r"(?:is|was|are|were|being|been)\s+(?:now\s+|still\s+|also\s+)?followed\s+(?:\w+\s+){0,2}?(?:by|in)\b|"
    # ('Followed weekly by the psychologist')
    r"followed\s+(?:monthly|weekly|regularly|quarterly|every\s+\w+\s+\w+)\s+(?:by|in)\b)"
)
# Any character of a sentence: a title's full stop ends none ('considered by Dr. Lee in 2014, but ...'), nor does a
# decimal point ('uric acid was 5.1 mg/dL').
_IN_THE_SENTENCE = r"(?:[^.]|\b(?:" + "|".join(TITLE_ABBREVIATIONS) + r")\.|(?<=\d)\.(?=\d))"
# An arrow a note writes before a status or a verdict ('-> declined', '→ ALLERGY', '=> ruled out').
ARROW = r"(?:->|→|=>)"
# Care asked for, planned, weighed, wished for or feared, not had (before the mention, or right after it).
_NOTE_DATE = r"\d{1,2}[/-]\d{1,4}(?:[/-]\d{2,4})?"
# What this review decides: 'the subject of this review', 'at issue', 'in dispute'.
_UNDER_REVIEW = (r"(?:subjects?\s+of\s+(?:this|the)\s+(?:independent\s+medical\s+)?(?:review|dispute|imr|appeal)|at\s+issue|"
                 r"in\s+dispute)")
_WAY_DOWN = r"(?:stop|taper|wean|discontinue|reduce|quit|come\s+off)"  # a drug's way down, planned or wished
REQUEST_CUE = re.compile(r"\b(?:(?<!/)p\s*:(?=\s)|"
                         # a request for authorization's line ('RFA 2/3/22: TENS unit; ...'), not the ablation
                         r"(?<!\bl\s)(?<!\br\s)(?<!left\s)(?<!right\s)(?<!bilateral\s)rfa(?=\s*(?:dated\s+|of\s+|on\s+)?"
                         r"(?:" + _NOTE_DATE + r"\s*\)?\s*(?:\([^()]{1,20}\)\s*)?)?:"  # ('RFA 04/02/2015 (ortho):')
                         # ('RFA 07/09/2020 asked for ...', 'RFA 11/20/2018 for the three items below', 'The RFA of 6-3-2021
                         # asked for'; not 'L RFA 03/2019 for ...')
                         r"|\s*(?:dated\s+|of\s+|on\s+)?" + _NOTE_DATE + r",?\s+(?:asked|asks|requested|requests|sought|seeks|"
                         r"listed|lists|for)\b"
                         # ... or drugs asked for by their counts ('RFA for Zanaflex #60 and ...')
                         r"|\s+for\s+[^.;:#]{1,40}#\s*\d"
                         # ... or a document beside a report ('RFA and pain clinic progress report, 03/02/2021')
                         r"|\s+and\s+(?:[a-z-]+\s+){0,3}(?:reports?|notes?)\b)|"
                         # ... or a clinician's ('the surgeon's RFA of 5/5/2022')
                         r"(?<=['’]s\s)rfa\b|"
                         # ... or a note's dated line of its own ('... all non-certified. RFA 01/08/2025.')
                         r"(?:(?<=[.;:]\s)|(?<=\n))rfa(?=\s+" + _NOTE_DATE + r"\s*[.;])|request|recommend|authori[sz]ation|non-?certif|would\s+like|"  # (a note's 'P:')
                         # a review cutting a request down ('utilization review modified the massage to 3 visits', 'the carrier
                         # trimmed the biofeedback to four sessions')
                         r"(?:utilization\s+review(?:er)?|\bur|claims\s+administrator|carrier|insurer)(?:\s+(?:physician|"
                         r"reviewer|nurse))?(?:\s+(?:on\s+)?" + _NOTE_DATE + r")?\s+(?:\w+ly\s+)?(?:modified|reduced|cut|trimmed|"
                         r"shortened|limited|(?:(?<=partially\s)(?:certified|approved|authori[sz]ed)|(?:certified|approved|authori[sz]ed)\s+only))\b|"
                         # ('... and modified the massage from 10 visits to 5'; not modified duty)
                         r"\bmodified\s+(?!(?:duty|work|activit|schedule|job|position|shift|hours|light)\w*)(?=[^.;]{0,60}?\bto\s+"
                         r"(?:\d+|one|two|three|four|five|six|eight|ten|twelve)\b)|"
                         # ... or care that waits on it ('should the surgery go forward')
                         r"\bshould\s+(?=(?:the|a|an|his|her)\s+[a-z -]{1,40}?\s+(?:go\s+(?:forward|ahead)|proceed|take\s+place|"
                         r"be\s+(?:approved|certified|authori[sz]ed|performed|done))\b)|"
                         # (not an insurer's: 'paid through his health plan, four massage visits')
                         r"(?<!without\s)(?<!\bno\s)(?<!health\s)(?<!insurance\s)(?<!benefit\s)(?<!dental\s)"
                         # (nor a drug's way down: 'a plan to wean', 'a planned taper', 'planned stop 03/2018', 'the tapering plan')
                         r"(?<!taper\s)(?<!tapering\s)(?<!weaning\s)"
                         r"plan(?:s|ned)?\b(?!\s+to\s+" + _WAY_DOWN + r"\b|\s+(?:(?:opioid|dose|medication)\s+)?(?:taper|tapering|wean|weaning|reduction|"
                         r"discontinuation|stop|end)\b|\s+or\s+intent)|"
                         r"ask(?:s|ed|ing)?\s+(?:for\b|to\s+(?:add|start|begin|try|prescribe|switch|change|convert)\b)|seek(?:s|ing)?\b|sought\b|(?<!the\s)(?:start|begin)\b(?!\s*/|\s+(?:stop|end|date|dates|d/c)\b)|"
                         r"future\s+(?:medical\s+)?(?:care|treatment)|provision\s+for\b|discussed\b|"
                         # what this review decides ('the items at issue')
                         + _UNDER_REVIEW + r"\b|"
                         r"(?:prefers?|preferred|wants?|wanted|wishes|wished|chose|chooses)\s+to\s+avoid\b|"
                         r"(?:postpone|postponed|postpones|postponing|defer|deferred|defers|deferring)\b|"
                         r"delay(?:s|ed|ing)?\b(?!\s+(?:in|of)\b)|put(?:s|ting)?\s+off\b|"
                         r"(?:prepared|ready|willing|eager|keen)\s+to\s+(?:go\s+ahead|proceed|undergo|have)\b|"
                         r"agreed\s+to\s+(?:enter|start|begin|undergo|try|have|attend|go\s+ahead)\b|"
                         r"(?:raised|mentioned|floated)\s+the\s+(?:idea|option)\s+of\b|"
                         r"prescribed\s+(?:a|an)\s+trial|propos(?:ed|es|ing)\b|ordered(?!\s+by\b)|referred\s+for|candidate\s+for|"
                         # ('The panel QME suggested a course of biofeedback')
                         r"suggest(?:ed|s|ing)\s+(?:(?:a|an)\s+(?:trial|course)\s+of\s+|adding\s+|trying\s+)|"
                         # ('referred him to a psychologist for an evaluation and 12 sessions of CBT')
                         r"referred\s+(?:him|her|them)\s+(?:back\s+)?to\s+(?:an?\s+|the\s+)?[a-z' -]{1,40}?\s+for\b|"
                         # 'considered starting levetiracetam but chose to wait'
                         r"considered\s+(?:starting|adding|trying|beginning|switching\s+to|a\s+trial\s+of)\b|"
                         r"(?<!longer\sbeing\s)(?<!longer\s)consider(?!ab)(?!ed\b" + _IN_THE_SENTENCE + r"{0,90}?\b(?:but|and|however|yet)\b)|(?:would|may|might|could|should|will|can)\s+(?:\w+\s+)?benefit|pending|awaiting|scheduled|to\s+undergo|"
                         # (not a drug's way down: 'diclofenac, which the provider wishes to stop')
                         r"would\s+rather|(?:prefers?|wants?|wish(?:es)?|hopes?)\s+to\b(?!\s+" + _WAY_DOWN + r"\b)|"
                         r"(?:nervous|afraid|fearful|scared|anxious|worried|apprehensive|hesitant|reluctant)\s+(?:about|of|to)\b)")
# The verbs of care then had ('authorized and completed', 'Authorized; went to 4, then quit').
_CARE_HAD = (r"(?:completed|attended|received|performed|undergone|underwent|done|finished|given|administered|went(?:\s+to)?|"
             r"made\s+it\s+to|had)\b(?!\s+(?:not|never|yet\s+to)\b)")  # (not 'she had not yet scheduled it')
_NOT_THEN_HAD = r"(?!\s*,?\s*and\s+(?:then\s+)?" + _CARE_HAD + r")"
# 'considered' as weighing, not a state the care or condition was judged to be in ('considered cured', 'considered
# helpful')
_CONSIDERED = r"considered(?!\s+(?:cured|stable|resolved|successful|effective|permanent|helpful|beneficial|useful)\b)"
REQUEST_AFTER = re.compile(r"\s*(?:,?\s*(?:[a-z0-9-]+,?\s+){0,6}?(?:is|was|were|are|has\s+been|have\s+been|being)\s+"
                           r"(?:currently\s+|now\s+|still\s+|first\s+|initially\s+|originally\s+|also\s+)?"
                           r"(?:requested|recommended|proposed|offered|suggested|planned|ordered|asked\s+for|"
                           # ('Conversion to buprenorphine was discussed at several visits')
                           r"discussed|brought\s+up|"
                           r"non-?certified|denied|authorized|certified|approved|scheduled|pending|modified|reduced|"
                           # (not a state it left: 'with sofosbuvir in 2017 and has been considered cured')
                           + _CONSIDERED + r")\b"
                           # ... but not then had ('six sessions were authorized and completed')
                           # ('; he attended three, then quit')
                           # ('were authorized in late 2012; she made it to eight of them', '...; by the last report he had
                           # attended four')
                           # ('were authorized in 2017 and she attended two of them')
                           # (not care had only as a condition of it: '...; he put it off until he had given X a try')
                           r"(?!\s*(?:(?:[^.;]{0,30}?\s)?,?\s*and\s+(?:(?:he|she|they)\s+)?|[^.;]{0,30};\s*(?:[^.;]{0,40}?\s)?"
                           r"(?<!until\s)(?<!unless\s)(?<!before\s)(?<!if\s)(?:he|she|they)\s+)"
                           r"(?:were\s+|was\s+|then\s+|later\s+|only\s+)?" + _CARE_HAD + r")"
                           # a utilization review's line: 'UR: viscosupplementation non-certified; PT modified'
                           r"|(?:non-?certified|denied|modified)\b"
                           # ... or what a review decided on it ('For the massage the utilization reviewer applied ...')
                           r"|\s+(?:the\s+)?(?:ur|utilization\s+review(?:er)?|claims\s+administrator)(?:\s+(?:physician|reviewer|"
                           r"nurse))?\s+(?:\w+ly\s+)?(?:cited|relied|applied|invoked|referenced|denied|modified|non-?certified|"
                           r"certified|approved|authori[sz]ed)\b"
                           # ... or what this review decides ('the Cymbalta and the Zanaflex are the subject of this review')
                           r"|,?\s*(?:[a-z0-9-]+,?\s+){0,6}?(?:is|are|was|were)\s+(?:now\s+)?(?:the\s+)?" + _UNDER_REVIEW + r"\b"
                           # ... or a note's bare participle ('2020 - lumbar fusion requested, denied'; not 'PT
                           # recommended and completed')
                           r"|(?:requested|recommended|proposed)\b" + _NOT_THEN_HAD + r")")
# ... and care weighed and not taken up, tersely, also past a few words or a dash ('cervical ESI discussed - pt refuses
# needles', 'TENS trial - declined by pt 2021', 'sympathetic block for CRPS raised by the pain doctor -- not
# pursued', 'Fusion - neurosurgeon 2018: not a candidate', 'Massage ........ never authorized')
# ... or after a dash and the words before it ('Right knee arthroscopy - not recommended by the orthopedic QME',
# 'Massage - denied by UR')
_NOT_TAKEN_UP = (r"(?:discussed|raised|suggested|" + _CONSIDERED + r"|declined|refused|deferred|not\s+pursued|"
                 r"not\s+a\s+(?:[a-z-]+\s+)?candidate|"
                 r"not\s+recommended|denied\s+by|non-?certified|never\s+(?:authori[sz]ed|approved|scheduled|done|attended|given|"
                 r"administered|performed|"
                 # ('C5-6 ACDF: proposed by neurosurgery 12/2020', 'six visits authorized 03/2020; none attended')
                 r"received|started)|proposed\s+by|none\s+(?:attended|used|received|given|done|taken)|"
                 # ('acupuncture x6 auth'd 2018 - not done (transportation)')
                 r"not\s+(?:yet\s+)?(?:done|attended|started|performed|received|begun|authori[sz]ed|approved|certified|"
                 r"scheduled)|"
                 # ('6 visits certified 05/2015; awaiting scheduling', 'pending authorization')
                 r"(?:awaiting|pending)\s+(?:scheduling|authori[sz]ation|approval|certification)|"
                 # ('acupuncture - recommended 9/17, never auth'd', 'massage x4 auth'd 8/17 - pt did not schedule', 'aquatic
                 # tx - auth x6 10/15, all cx'd (no ride)', 'pool therapy - on community center wait list')
                 r"never\s+auth'?d|(?:pt|patient|he|she)\s+(?:did\s+not|didn't|never)\s+(?:schedule|attend|start|go)|"
                 # ('Synvisc-One - auth'd; cx'd by pt (moved), never given')
                 r"(?:all\s+)?(?:cx'?d|cancell?ed)(?:\s+by\s+(?:the\s+)?(?:pt|patient|worker|claimant))?|"
                 r"on\s+(?:a|the)?\s*(?:[a-z-]+\s+){0,3}wait(?:ing)?[\s-]?list|"
                 r"none(?:\s+(?:to\s+date|so\s+far|yet))?(?=\s*(?:[.;,)•\-–—]|$)))\b")
# (its status's words may run past a semicolon: 'Synvisc-One injection - requested; denied by utilization review')
# (a semicolon only after a request's own status: not the worker's own words after it, 'Acupuncture - 6 visits; she declined
# more', nor another thing's, 'TENS trial - some relief; home unit denied by UR')
NOT_TAKEN_UP_AFTER = re.compile(r"\s*(?:(?:[a-z0-9/'’-]+\s+){0,3}?|(?:[a-z0-9/'’-]+\s+){0,3}?(?:[-–—]{1,2}|:)\s*"
                                r"(?:(?:requested|planned|proposed|recommended|ordered|referred|authori[sz]ed|certified|"
                                r"scheduled|approved)(?:\s+by\s+[a-z ]{1,30}?)?(?:\s+[0-9/]+)?;\s+|"
                                r"(?!(?:he|she|they|pt|patient)\b)[a-z0-9/]+[:,]?\s+){0,4}?|"
                                + LEADER_DOTS.pattern + r"\s*)" + _NOT_TAKEN_UP + _NOT_THEN_HAD
                                # ... or in a clause on it the worker turned it down in ('Her physician also raised
                                # chiropractic treatment, which she declined')
                                + r"|(?:\s+[a-z0-9/-]+){0,4}\s*,\s*which\s+(?:he|she|they|the\s+(?:patient|worker|claimant))\s+"
                                r"(?:\w+ly\s+|later\s+|then\s+)?(?:declined|refused|turned\s+down|did\s+not\s+(?:pursue|want|"
                                r"attend|start))\b"
                                # ... or as a list item's status, recommended by someone and no more ('Manipulation under
                                # anesthesia: recommended by orthopedics 03/2014; patient not willing')
                                + r"|\s*(?:[a-z0-9/'’-]+\s+){0,3}?(?:[-–—]{1,2}|:)\s*(?:recommended|advised|suggested|ordered)\s+by\b"
                                r"(?![^.;•]{0,60}\b(?:and|then|but)\s+(?:was\s+|were\s+)?(?:done|completed|performed|given|had|"
                                r"received|attended)\b)"
                                # ... or as a list item's last note ('Lumbar ESI L4-5 - authorized 2013; patient declined'; not
                                # 'Physical therapy - 12 visits; she declined more')
                                # ... or after its offer and a comma ('TPIs offered, patient declined')
                                # ('Aquatic therapy x 12 authorized; cancelled by pt (no ride)')
                                + r"|\s*(?:[a-z0-9/-]+\s+){0,3}?(?:(?:[-–—]{1,2}|:)\s*[^.;•]{0,40};|(?:authori[sz]ed|auth'?d|approved|"
                                r"certified)\s*;|(?:offered|recommended|suggested|"
                                r"proposed)\b[^.;,•]{0,30},)\s*(?:(?:the\s+)?(?:patient|pt|worker|claimant|he|she)\s+)?"
                                + _NOT_TAKEN_UP + r"(?=\s*(?:[.;,()•]|$))")  # (or a note in brackets: '; none attended (clinic closed)')
# ... or named and then said to have been given none of ('Trigger point injections have been mentioned in the notes but
# none has been given')
NONE_GIVEN_AFTER = re.compile(r"[^.;]{0,80}?\b(?:but|and)\s+none\s+(?:has|have|was|were)\s+(?:ever\s+|yet\s+)?(?:been\s+)?"
                              r"(?:given|done|performed|received|administered|attempted|provided)\b"
                              # ('were authorized in 02/2013, but the acupuncturist's office never contacted her and none
                              # took place')
                              r"|[^.;]{0,120}?\b(?:and|but)\s+none\s+(?:(?:ever\s+)?took\s+place|(?:ever\s+)?happened|occurred|"
                              r"went\s+ahead)\b"
                              # ... or the worker never began it ('accepted him, but he left after the intake and never
                              # entered the program'), or it has yet to begin
                              r"|[^.;]{0,120}?\b(?:never|did\s+not|didn't)\s+(?:entered|enter|enrolled\s+in|enroll\s+in|began|"
                              r"begin|started|start|joined|join)\s+(?:it|them|the\s+(?:program|course|sessions?|visits?|"
                              r"therapy|treatment|class(?:es)?))\b"
                              r"|[^.;]{0,120}?\b(?:has|have|had)\s+yet\s+to\s+(?:begin|start|take\s+place|be\s+(?:scheduled|"
                              r"done|started|given|provided))\b"
                              # ... or by its kind, never done ('that request was non-certified and the injection has never
                              # been performed')
                              r"|[^.;]{0,120}?\b(?:the|that|this)\s+(?:injection|procedure|surgery|operation|block|sessions?|"
                              r"course|program|therapy|treatment|trial)\s+(?:has|have|had|was|were)\s+never\s+(?:been\s+)?"
                              r"(?:performed|done|given|started|provided|held|attended)\b")
COMPLAINT_CUE = re.compile(r"\b(?:pain|injur(?!ed\s+worker)|complain|sprain|strain|hurt|ache|symptom|numb|tingl|radiat|stiff|"
                           r"twist|fell\b|fall\b|landing|landed|struck|jerk|trauma|swell)")
# A condition named as a complaint ('low back pain') names the part complained of.
COMPLAINT_WORDING = re.compile(r"\b(?:pain|ache|algia)|algia\b")
# The verbs that weigh a condition ('X was suspected', 'the evaluator considered X').
WEIGHING = re.compile(r"\b(?:" + WEIGHING_VERBS + r"|concern\s+for)\b")
# A denial's words right before a condition ('no evidence of pseudarthrosis', 'negative for', 'ruled out'), the
# lexicon's denial wordings.
# (a result's verb, 'which excluded B12 deficiency', 'and excluded a peripheral polyneuropathy', is no request's)
EXCLUDED_BEFORE = re.compile(r"\b(?:" + EXCLUDING_SUBJECT + r"|and|but|also|already)\s+" + EXCLUDING_VERB + r"\s+(?:\w+\s+){0,2}$")
SAID_ABSENT_REACH = 60  # characters ('no electromyographic evidence of a diabetic polyneuropathy')
SAID_ABSENT_BEFORE = re.compile(r"(?:" + DENIAL.pattern + r"|\bruled?\s+out)\s+(?:\w+\s+){0,2}$|" + EXCLUDED_BEFORE.pattern)
IMAGING_FINDING = re.compile(r"\b(?:mri|x-?rays?|radiographs?|ct\b|imaging|ultrasound|arthrogram|myelogram|"
                             r"electrodiagnostic|emg|ncv|ncs|nerve\s+conduction|electromyograph\w*)\b[^.;]*?"
                             # ... or its reading after a dash or colon ('Cervical MRI 2/2017 - mild DDD ..., no canal
                             # stenosis')
                             r"(?:\b(?:show(?:s|ed|ing)|reveal(?:s|ed|ing)|demonstrat(?:es|ed|ing)|report(?:s|ed|ing)|read\s+as)\b|(?:\s[-–—]|:)\s)")
EXAM_CUE = re.compile(r"\b(?:exam|revealed|flexion|extension|range\s+of\s+motion|tender|palpat|"
                      r"spasm|mri\b|x-?ray|straight\s+leg|reflex)")
# A word in a test's result (a drug found by a drug screen, a marker such as HLA-B27) is a lab word, not a
# drug the worker takes or avoids.
LAB_TEST = re.compile(r"\b(?:urine\s+drug|drug\s+(?:screen|test)|uds\b|urine\s+tox|toxicology|tox\s+screen|urine\s+specimen|"
                      r"cures\b|laborator|labs?\b|blood\s+(?:test|work)|bloodwork|serum|titer|antibod|marker|levels?\b|"
                      r"panel\b|aspirat)")
TEST_RESULT = re.compile(r"\b(?:positive|negative|detect(?:ed|s)?|consistent|inconsistent|present|absent|normal|contain(?:s|ed)|"
                         r"abnormal|elevated|unremarkable|dispensed)\b")  # 'the CURES report showed hydrocodone dispensed'
# ... or a drug a test showed, right before it ('the screens have shown buprenorphine only')
SHOWN_BEFORE = re.compile(r"\b(?:shown|showed|shows|revealed|reveals)\s+(?:only\s+)?$")
SHOWN_REACH = 24
# A drug named as what harmed someone ('died of a methadone overdose', 'an overdose of oxycodone') or in an
# organism's name ('methicillin-resistant Staphylococcus aureus') is no drug taken or avoided.
DRUG_HARM_AFTER = re.compile(r"\s+(?:overdoses?|toxicity|poisoning|intoxication)\b|[\s-](?:resistant|sensitive|susceptible)\b")
DRUG_HARM_BEFORE = re.compile(r"\b(?:overdose[sd]?\s+(?:of|on)|died\s+(?:of|from))\s+(?:an?\s+)?$")
# The agent a named procedure gives ('medial branch blocks with bupivacaine', 'an epidural injection of 80 mg
# Depo-Medrol') is the procedure's, not a drug the worker takes; a drug given by a bare injection ('an injection of
# Toradol') was taken.
PROCEDURE_AGENT_BEFORE = re.compile(r"\b(?:blocks?|mbbs?|epidurals?|esis?|ablations?|neurotomy|rhizotomy|(?:trigger\s+point|"
                                    r"facet|joint|epidural|nerve|sacroiliac|si|steroid|intra-?articular|subacromial|"
                                    r"bursa|tendon\s+sheath)\s+injections?)\b(?:(?:[^.;,()]|\.(?=\d)|,(?=\s*(?:[ctls]\d|and\b))|"
                                    r"\([^()]{0,80}\),?){0,80}?"
                                    # (not 'a trial of' or 'a course of' a drug named after the procedure)
                                    r"(?<!trial\s)(?<!trials\s)(?<!course\s)(?<!courses\s)\b(?:with|using|of|containing)\s+"
                                    # (the second agent of two: 'with Kenalog 80 mg and 1% lidocaine')
                                    r"(?:[\w.%/-]+\s+){0,3}(?:(?:and|&)\s+(?:[\w.%/-]+\s+){0,2})?"
                                    # ... or in brackets after it, with its date ('bilat MBB L4-5 #1 (11/2018, lidocaine)')
                                    r"|[^.;()]{0,40}?\((?:[^()]{0,40}?[,;]\s*)?)$"
                                    # ... or any injection given with it ('a right knee injection with bupivacaine and triamcinolone';
                                    # not 'an injection of Toradol', a drug given)
                                    r"|\binjections?\b[^.;,]{0,40}?\b(?:with|using|containing)\s+(?:[\w.%]+\s+){0,3}$"
                                    # ... or a test done with it ('the impingement test with lidocaine')
                                    r"|\b(?:test|testing|challenge)\s+(?:with|using)\s+(?:[\w.%]+\s+){0,2}$")
# ... or named as the agent of a test ('a lidocaine impingement test'), or, for a procedure's drug
# (`ontology/procedure_agents.tsv`), of an injection or a block named after it ('a subacromial lidocaine injection')
PROCEDURE_AGENT_AFTER = re.compile(r"\s+(?:[a-z-]+\s+)?(?:test|challenge)\b")
# ... or the agent an injection is of ('knee injections of Kenalog 40 mg with lidocaine')
AGENT_INJECTED_BEFORE = re.compile(r"\b(?:injections?|infiltrations?|blocks?)\s+(?:of|with)\s+(?:[\w.%]+\s+){0,2}$")
AGENT_OF_AFTER = re.compile(r"\s+(?:[a-z-]+\s+){0,2}?(?:injections?|infiltrations?|blocks?)\b")
# (the word boundary before it checked after the word, which re skips ahead to)
DOCUMENTS_HEADING = re.compile(r"document(?<!\wdocument)s?\s+reviewed\b")
# A service named as the subject of a document or an evaluation ('Functional Restoration Program Evaluation
# dated ...', 'physical therapy notes'), or of a difficulty ('transportation problems'), is not care received.
_EVALUATION = r"evaluations?|assessments?|screening"
# (nor a label over the care it introduces: 'Her mental health care to date is as follows.')
NOT_THE_SERVICE_AFTER = re.compile(r"(?:\s+to\s+date)?\s+(?:is|are|was|were|has\s+been|have\s+been)\s+as\s+follows\b|"
                                   r"\s*(?:" + _EVALUATION + r"|consult(?:ation)?s?|reports?|notes?|"
                                   r"records?|requests?|authorization|dated|problems?|issues?|difficult(?:y|ies)|"
                                   r"barriers?|concerns?)\b"
                                   # ... nor a clinic that gives it, told of as a subject ('they lapsed unused when the
                                   # acupuncture clinic stopped in-person care')
                                   r"|\s+(?:clinic|center|centre|office|practice|provider)s?\s+(?:\w+ly\s+)?(?:stopped|closed|"
                                   r"was|is|has|had|did|does|declined|refused|cancell?ed|would|could|requires?|required)\b"
                                   # ... nor a guideline's topic cited by its pages ('the reviewer cited the MTUS Chronic Pain
                                   # Medical Treatment Guidelines, Epidural steroid injections (ESIs), page 46')
                                   # (or its short name in brackets: '(ESIs), page 46'; or more of its words: 'H-wave
                                   # stimulation, home use, page 117')
                                   r"|(?:\s*\([^()]{0,30}\)|\s*\))?(?:\s*,\s*[a-z][a-z ()&/-]{0,40}?)?\s*,?\s*"
                                   r"(?:pages?\s*(?:\(s\))?\s*:?\s*\d|pp?\.\s*\d)")
# ... nor a guideline's topic named after the guideline and a comma ('relied on the ODG Shoulder chapter, Surgery for
# impingement syndrome', 'the ODG Low Back chapter, Massage')
GUIDELINE_BEFORE_ITS_TOPIC = re.compile(r"\b(?:odg|mtus|acoem|guidelines?|chapter)\b[^.;]{0,40}?,\s*$|"
                                        # (or in its topic's brackets: 'chapter, Walking aids (canes, crutches, & walkers)')
                                        r"\b(?:odg|mtus|acoem|guidelines?|chapter)\b[^.;()]{0,60}?\([^()]{0,80}$")
# ... or a request denied with reference to a guideline, its verb given by the clause before ('the interferential unit
# was non-certified under ..., and the shower chair with reference to the ODG ...')
DENIED_WITH_REFERENCE_AFTER = re.compile(r"(?:\s+[a-z-]+){0,2}?\s+(?:with\s+reference\s+to|on\s+the\s+basis\s+of|pursuant\s+to|"
                                         r"citing|under\s+the\s+(?:mtus|odg|acoem|chronic|guidelines?))\b")
DENIAL_IN_THE_SENTENCE = re.compile(r"\b(?:denied|non-?certified|not\s+certified|modified)\b")
# ... nor the field a clinician is certified or trained in ('board certified in orthopaedic surgery', 'a Diplomate of the
# American Board of Orthopaedic Surgery', 'completed a fellowship in spine surgery').
CREDENTIAL_BEFORE = re.compile(r"\b(?:board[\s-]+certified\s+in|board\s+of|fellowship(?:[\s-]+trained)?\s+in|certified\s+in|"
                               r"diplomate\s+(?:in|of)|speciali[sz](?:es|ing|ed)\s+in|practice\s+limited\s+to)\s+(?:(?:the|[a-z-]+)\s+){0,2}$")
# ... nor is an evaluation named as the service's own wording ('multidisciplinary evaluation' for a program).
EVALUATION_NAMED = re.compile(r"\b(?:" + _EVALUATION + r")$")
# ... nor the service an evaluation was done at or for ('an intake evaluation at a pain rehabilitation
# program', 'assessed for a functional restoration program in 2019', 'a screening at the Bayview ... program')
EVALUATED_AT_BEFORE = re.compile(r"\b(?:" + _EVALUATION + r"|intake|consult(?:ation)?s?)\s+(?:\w+\s+){0,3}?(?:at|for|by|with|from)\s+"
                                 r"(?:an?\s+|the\s+)?(?:[a-z-]+\s+){0,3}$")
# 'Medications are naproxen and ...', 'Medications include:': the word heads the list of drugs, the drugs are the
# medications; 'reliance on medication', 'pain without medication' speak of drugs, not of care received.
DRUG_LIST_AFTER = re.compile(r"\s*(?::|are\b|were\b|include[sd]?\b|(?:have|has|had)\s+(?:also\s+)?included\b|"
                             r"consist(?:ed)?\s+of\b|listed\s+(?:are|as|include)\b"

                             # ... or what is said of the drugs taken, a table's columns ('no change in function or
                             # medication use', 'Medication Strength Directions')
                             r"|(?:use|usage|intake|regimen|strength|dose|dosage|directions)\b)")
NOT_CARE_BEFORE = re.compile(r"(?:\b(?:reliance|dependence|dependency|reliant|relying)\s+(?:up)?on|\b(?:without|off|on)"
                             r"(?:\s+(?:his|her|their|the|any))?|\d\s*/\s*10\s+with|"
                             # (drugs named again, kept from the worker or mislaid: 'which activities the medication allows',
                             # 'avoids anti-inflammatory medication', 'two lost prescriptions')
                             r"\b(?:which|what|whether)\s+(?:activities\s+)?the|\bavoid(?:s|ed|ing)?|\b(?:lost|early|stolen|missing)|"
                             r"\b(?:need|needs|reduction|decrease|increase)\s+(?:for|in|of)(?:\s+(?:his|her|their|the))?"
                             r"(?:\s+pain)?|"
                             r"\boverdose\s+(?:of|on)(?:\s+(?:his|her|their|the))?)\s+$")  # '6/10 with medications'
# What joins things named together: ', ', 'and', 'or', ', and a' (conditions, care).
_JOINED = r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+)(?:(?:for|of)\s+)?(?:an?\s+|the\s+)?"  # ('... for X and for a Y')
COORDINATED_BEFORE = re.compile(r"(?:,|\band|\bor)\s+$")
COORDINATED_AFTER = re.compile(_JOINED + r"[a-z]")
# What separates two conditions of a list.
ITEM_BREAK = re.compile(r"[,;.:]|\b(?:and|or)\b")
HEAD_NOUNS = frozenset({"care", "treatment", "treatments", "therapy", "sessions", "visits"})
# Services that find things out rather than treat (tests, evaluations, visits and consultations, by the service
# they refine): not prior treatments. Medication management is care.
NOT_TREATMENT_CATEGORIES = frozenset({"diagnostic-testing"})
NOT_TREATMENT_SERVICES = frozenset({"psychological-evaluation", "functional-capacity-evaluation", "office-visit"})
EQUIPMENT_CATEGORY, EQUIPMENT = "dmepos", "durable-medical-equipment"
# Equipment the worker is on or uses ('OSA on CPAP nightly', 'on home oxygen', 'sleeps with a CPAP machine', 'walks
# with a cane').
ON_EQUIPMENT_BEFORE = re.compile(r"\b(?:on|(?:sleeps|slept|sleeping|walks|walked|walking)\s+with)\s+"
                                 r"(?:nightly\s+|home\s+|a\s+|an\s+|his\s+|her\s+)?$")
# ... or named as its condition's care in a list's item ('7) Obstructive sleep apnea - CPAP', 'OSA -- CPAP nightly')
EQUIPMENT_AFTER_ITS_CONDITION = re.compile(r"\s*(?:\([^()]{0,30}\)\s*)?(?:[-–—]{1,2}|:)\s*(?:(?:on|uses?)\s+)?")
# A side written with a condition or a body part: before it ('right lateral epicondylitis', 'left shoulder
# impingement'), or after it ('of the right knee', 'on the left', ', bilateral').
# ... in shorthand too ('R hip osteoarthritis', 'Lt shoulder impingement', 'L-shoulder pain'; 'L-spine' is the lumbar
# spine, no side)
SIDE_BEFORE = re.compile(r"(?<![\w/])(right|left|bilateral|both|b/l|bilat|(?:rt|lt|r|l)(?=\s|-(?!spine\b)))"
                         r"(?:[\s-]+(?!and\b|or\b)[a-z]+){0,2}?[\s-]+$")
SIDE_AFTER = re.compile(r"\s*,?\s*(?:(?:of|in|on|at|involving|affecting)\s+(?:the\s+|both\s+)?)?"
                        r"(?:(?:upper|lower)\s+)?(right|left|bilateral(?:ly)?)\b(?!\s+(?:worse|greater|more)\b)")
SIDE_WORD = re.compile(r"\b(?:right|left|bilateral)\b")
# What joins a condition to the part after it: 'of the right', 'in both', ', left', ' R' ('primary OA R knee').
PART_AFTER = re.compile(r"\s*,?\s*(?:(?:of|in|at|involving|affecting)\s+)?(?:the\s+|both\s+)?"
                        r"(?:(?:right|left|bilateral|bilat|b/l|rt\.?|lt\.?|r|l)\s+)?")
BOTH_SIDES = re.compile(r"\s*,?\s*(?:right|left)\s+(?:worse|greater|more)\s+than\s+(?:right|left)\b")
NOT_A_COMPLAINT_AFTER = re.compile(r"[\s-]*(?:dominant|surgeon|surgery|specialist|brace|splint)\b")


@Language.component("imr_history")
def extract_history(doc: Doc) -> Doc:
    ctx = letter_of(doc)
    summary = _case_summary(ctx)
    ctx.diagnoses = _diagnoses(ctx, summary)
    ctx.medications = _medications(ctx, summary)
    ctx.prior_treatments = _prior_treatments(doc, ctx, summary)
    ctx.body_parts = _body_parts(ctx, summary)
    return doc


def _case_summary(ctx: LetterContext):
    """The summary section up to a list of the documents reviewed, where one follows it in the same section."""
    summary = ctx.sections.get("summary")
    if summary is None:
        return None
    documents = DOCUMENTS_HEADING.search(ctx.lower, *summary)
    return (summary[0], documents.start()) if documents else summary


def _said(ctx: LetterContext, span: Span) -> frozenset[str]:
    """The ConText categories that reach a mention (`imr_context`); a relative's where a relative's pronoun leads
    its clause, and not a relative's where the worker's own pronoun leads it after the relative was named."""
    said = ctx.modifiers.get((span.start, span.end), NOTHING)
    clauses = ctx.memo.setdefault("clause of", {})
    key = (span.start, span.end)
    whose = clauses[key] if key in clauses else clauses.setdefault(key, _clause_of(ctx, span))
    if (FAMILY in said or whose == "relative") and _tested_in_the_worker_before(ctx, span):
        return said - {FAMILY}
    if whose == "relative" and FAMILY not in said:
        return said | {FAMILY}
    if (whose == "worker" or OWN_AFTER.match(ctx.lower, span.end_char) or _relative_only_heard(ctx, span)) \
            and FAMILY in said:
        return said - {FAMILY}
    return said


# A relative named only as someone heard from, before a clinician's finding on the worker ('After an interview with her
# sister, he concluded that she does not have a bipolar disorder'): the finding's condition is the worker's.
HEARD_FROM_BEFORE = re.compile(r"\b(?:with|from|by|of|to)\s+(?:his|her|their|the)\s+$")
FINDING_AFTER = re.compile(r",\s*(?:he|she|they|the\s+[a-z]+)\s+(?:[a-z]+\s+){0,5}?(?:concluded|found|determined|decided|wrote|"
                           r"judged|felt|thought|diagnosed|confirmed|excluded)\b")


def _relative_only_heard(ctx: LetterContext, span: Span) -> bool:
    start = ctx.sentence(span).start_char
    named = list(ANY_RELATIVE.finditer(ctx.lower, start, span.start_char))
    return bool(named) and HEARD_FROM_BEFORE.search(ctx.lower, max(start, named[-1].start() - 12), named[-1].start()) is not None \
        and FINDING_AFTER.search(ctx.lower, named[-1].end(), span.start_char) is not None


# ... or named after a clause in which a clinician tested the worker for it, set off after the relative's ('Her sister also
# has lupus, so the rheumatologist tested her ANA (negative), so SLE was not pursued', '...; his own ANA was
# normal; lupus was not considered further')
WORKERS_CLAUSE = re.compile(r"(?:;|,\s*(?:so|and|but))\s+(?:because\s+of\s+(?:that|this)(?:\s+history)?,?\s+)?"
                            r"(?:the\s+(?:patient|worker|claimant)'s\s+own|(?:her|his)\s+own|(?:the|her|his)\s+(?:[a-z-]+\s+){0,2}?"
                            + CLINICIAN + r")\b")


def _tested_in_the_worker_before(ctx: LetterContext, span: Span) -> bool:
    relatives = list(ANY_RELATIVE.finditer(ctx.lower, ctx.sentence(span).start_char, span.start_char))
    return bool(relatives) and WORKERS_CLAUSE.search(ctx.lower, relatives[-1].end(), span.start_char) is not None


# A mention said to be the worker's own after a relative's ('her mother has rheumatoid arthritis, and rheumatoid
# arthritis of her own was weighed as well', '... considered gout in the patient herself').
OWN_AFTER = re.compile(r"\s+(?:of\s+(?:her|his|their)\s+own|in\s+(?:the\s+(?:patient|worker|claimant|applicant|employee)"
                       r"(?:\s+(?:herself|himself|themselves))?|herself|himself))\b")


# A clause's subject pronoun tells whose it is where the worker's sex is known and a relative was just named: the
# pronoun of the other sex is the relative's ('His wife told the psychologist ...; she has been treated for anxiety
# herself and takes sertraline'), the worker's own is the worker's ('caring for his wife during her treatment, and
# he continued to take tramadol').
RELATIVES_OF_SEX = vocab.relatives_of_sex()
RELATIVES = any_of(vocab.people_close_to_the_worker())
ANY_RELATIVE = re.compile(r"\b(?:" + RELATIVES + r")\b")
PRONOUN_OF_SEX = {"female": "she", "male": "he"}
POSSESSIVE_OF_SEX = {"female": " her ", "male": " his "}
# ('His wife ... added that she has taken tramadol for her own knee')
CLAUSE_SUBJECT = re.compile(r"(?:[;:]|\b(?:and|but|while|whereas|although|that)\b)\s*(?P<pronoun>he|she)\b")
SENTENCE_SUBJECT = re.compile(r"\s*(?P<pronoun>he|she)\b")
RELATIVE_REACH = 300  # characters back to the relative named
CLINICIAN_LEADS = re.compile(r"\s*(?:(?:the|her|his|their|a|an)\s+)?(?:[a-z-]+\s+){0,2}?(?:" + CLINICIAN + r"|dr)\b")


# ... and a relative's condition then the drug for it, one subject for both verbs ('Their son has ADHD and is on
# Concerta', 'her mother has diabetes and takes insulin'), whatever the worker's sex.
RELATIVE_HAS_AND_TAKES = re.compile(
    r"\b(?:" + RELATIVES + r")(?:-in-law)?(?:\s+of\s+(?:his|hers|theirs))?"
    # ... or the relative as the subject of a verb of taking, past an apposition or a relative clause ('Her husband, who
    # uses CPAP for his own sleep apnea, takes temazepam', 'his wife has taken alprazolam for years', 'a cousin of hers
    # had struggled to come off Suboxone')
    # ('a co-worker with a similar injury "swears by" Celebrex', 'His wife is being treated with acupuncture')
    # ('Her husband, a 62-year-old retired truck driver who takes warfarin', 'Her son, a 29-year-old security guard who
    # lives with her and takes sertraline')
    # ('Their daughter, 41, a dental hygienist who has lupus and takes hydroxychloroquine', 'a medical assistant who is
    # herself treated with sertraline')
    # ('a co-worker in the same department uses Voltaren gel', 'a crewmate on his shift wears a fentanyl patch')
    r"(?:(?:\s*,\s*(?:\d{1,2}\s*,\s*)?(?:who|a|an)\b[^;.]*?,|\s+(?:with|in|on|at|from)\s+[^.;,]{1,40}?|"
    r"\s*,\s*(?:\d{1,2}\s*,\s*)?an?\s+[^;.,]{1,60}?\s+who(?:\s+[^;.,]{1,40}?\s+and)?)?"
    r"\s+[\"“]?(?:also\s+|still\s+|now\s+)?(?:takes|took|(?:has|had)\s+taken|"
    # ('Her sister has been treated for a decade with temazepam', 'his father injects insulin')
    # ('her brother spent two years in a detox program on buprenorphine')
    r"(?:spent|spends)\s+(?:[a-z]+\s+){0,2}?(?:years|months|decades|time)\s+(?:in|on)|"
    r"uses|used|wears|wore|applies|applied|rubs|injects|injected|(?:is|was)\s+on|(?:is|was|has\s+been)\s+(?:being\s+|himself\s+|herself\s+)?"
    r"(?:treated\s+(?:for\s+[a-z0-9 ]{1,20}?\s+)?with|prescribed|kept\s+on|"
    r"maintained\s+on)|"
    # ('Her husband receives chiropractic care twice a month for his own back')
    r"receives|received|attends|attended|swears\s+by|swore\s+by|(?:become|became|becoming|grow|grew|get|got|is|was)\s+(?:dependent|addicted|hooked)\s+on|"
    r"(?:had\s+)?struggled\s+to\s+(?:come|get)\s+off|came\s+off|depends\s+on|depended\s+on)[\"”’]?\s+(?:[a-z0-9.]+\s+){0,3}$|"
    # ... after an apposition or a relative clause too ('His son, who drives him to visits, is in recovery and takes
    # methadone', 'his brother, who also has back pain and was recently started on Lyrica')
    r"(?:(?:\s*,\s*(?:who|a|an)\b[^;.]*?,?(?=\s+(?:also\s+)?(?:has|had|is|was)\b))?"
    # ('The brother also works at the prison and takes Xanax for a panic disorder')
    r"\s+(?:also\s+)?(?:has|had|is|was|lives|lived|works|worked|[a-z]+s)\b[^.;]*?\band(?:\s*,[^,.;]{1,40}?,)?\s+(?:is\s+|was\s+)?(?:\w+ly\s+|still\s+|now\s+)?"
    # ('His older brother, an Army veteran, has PTSD and is treated at the VA with prazosin')
    r"(?:on|takes|took|taking|uses|used|injects|injected|receives|received|gets|started\s+on|put\s+on|prescribed|"
    r"treated\s+(?:(?:at|by|in|for)\s+[^.;,]{1,30}?\s+)?with)|"
    # ... or the condition's treatment told after it ('his father has psoriasis treated with methotrexate',
    # 'his father had diabetes, controlled on insulin', 'her mother, who has Parkinson's disease treated with
    # carbidopa/levodopa')
    # ('his wife, a 41-year-old dental hygienist, has rheumatoid arthritis treated with methotrexate')
    # ('His wife, who is 59 and has type 2 diabetes managed with metformin')
    r"(?:\s*,\s*(?:who|a|an)\b[^;.]*?,|,?\s+who(?:\s+[^;.,]{1,30}?\s+and)?)?\s+(?:also\s+)?(?:has|had)\b[^.;]*?\b"
    r"(?:treated|managed|controlled)\s+"
    r"(?:with|on|by)|"
    # ... or the drug in a relative clause of its own ('his brother, who is treated with Humira injections'), or after
    # the relative's condition ('a mother with rheumatoid arthritis who is treated with methotrexate', 'a brother with
    # epilepsy maintained on Depakote')
    r"(?:\s+with\s+[^.;,()]{1,60}?)?\s*,?\s+(?:who\s+(?:also\s+)?(?:is|was|has\s+been)\s+)?(?:\w+ly\s+)?"
    r"(?:treated\s+with|taking|prescribed|maintained\s+on|controlled\s+(?:with|on)|managed\s+with|"
    r"(?<=who\sis\s)on|(?<=who\swas\s)on))\s+(?:[a-z0-9.]+\s+){0,3}$)")
# ... or what befell a relative on the drug ('her sister had a seizure while on tramadol')
RELATIVE_WHILE_ON = re.compile(r"\b(?:" + RELATIVES + r")\b[^.;]{0,60}?\b(?:while|when)\s+(?:on|taking|using)\s+$")
RELATIVE_WHILE_REACH = 90
# ... and a drug of someone else's ('one of her sister's alprazolam tablets', 'his wife's Norco', 'hydrocodone tablets
# belonging to his mother', 'Xanax tablets that belonged to her sister', 'hydrocodone that he obtained from a family
# member') is not the worker's own, even taken
# once, nor when named again ('the alprazolam').
SOMEONE_ELSES_AFTER = re.compile(r"\s+(?:[a-z]+\s+){0,2}?(?:(?:that|which)\s+(?:had\s+)?(?:belonged|been\s+prescribed)\s+to|"
                                 # ('borrowed from', 'obtained from', 'two oxycodone tablets from her husband's prescription',
                                 # 'tablets left over from her father's prescription')
                                 r"belonging\s+to|(?:left\s+over\s+|leftover\s+)?from|"
                                 # ('the bottle of alprazolam found at a pill count belongs to her adult son')
                                 r"(?:[^.;,]{0,40}?\s)?(?:belongs|belonged|belong)\s+to|"
                                 # ('leftover oxycodone that had belonged to her late husband')
                                 r"prescribed\s+to)\s+(?:his|her|their|a|the)\s+(?:(?:late|former|deceased|ex-?|adult|grown|"
                                 r"older|younger|elder|teenage)\s*)?"
                                 r"(?:" + RELATIVES + r"|family\s+member|relative)")
# ... or said to be theirs, alone or with the drugs named with it ('the insulin glargine and the Lasix are hers', 'the
# warfarin is his father's'): the possessive pronoun of the other sex, or a relative's
def _owner(group: str) -> str:
    return r"(?:his|her|their)\s+(?:late\s+|elderly\s+|adult\s+)?(?P<" + group + r">" + RELATIVES + r")"


OWNED_AFTER = re.compile(r"(?:\s*(?:,|\band\b)\s*(?:the\s+)?(?:(?!and\b)[a-z0-9/-]+\s+){0,3}?(?!and\b)[a-z0-9/-]+){0,8}\s+"
                         r"(?:(?:is|are|was|were)\s+(?:all\s+|both\s+)?(?:" + _owner("owner") + r"['’]s|(?P<pronoun>hers|his|theirs)"
                         # ('... and lisinopril were prescribed to her husband', 'the insulin belongs to her husband')
                         r"|(?:prescribed|dispensed|ordered)\s+(?:to|for)\s+" + _owner("prescribed_to") + r"\b)|"
                         r"(?:belongs?|belonged)\s+to\s+" + _owner("belongs_to") + r"\b)"
                         r"(?=\s*[,.;)]|\s+(?:and|not|alone|only|for|since|in)\b)")
OTHER_SEX_POSSESSIVE = {"male": ("hers", "theirs"), "female": ("his", "theirs")}


def _workers_sex(ctx: LetterContext) -> str | None:
    return ctx.patient.sex.value if ctx.patient and ctx.patient.sex else None


def _owned_by_another(ctx: LetterContext, span: Span) -> bool:
    m = OWNED_AFTER.match(ctx.lower, span.end_char)
    if m is None:
        return False
    sex = _workers_sex(ctx)
    return any(m.group(group) for group in ("owner", "prescribed_to", "belongs_to")) \
        or m.group("pronoun") in OTHER_SEX_POSSESSIVE.get(sex or "", ("theirs",))


# ... or a relative's dependence on it ('her father's history of dependence on oxycodone')
# The drugs of a list named before this one, each with its strength ('warfarin 5 mg, metformin and '): none past a
# sentence's end.
_LISTED_BEFORE = r"(?:[a-z0-9/-]+(?:\s+[a-z0-9/.-]+){0,2}(?:\s*,\s*(?:and\s+)?|\s+and\s+)){0,6}"
SOMEONE_ELSES_BEFORE = re.compile(r"\bgave\s+(?:him|her|them)\s+(?:[a-z]+\s+){0,3}?(?:of\s+)?(?:his|her|their)\s+own\s+"
                                  r"(?:[a-z]+\s+){0,2}$|"  # ('gave her one of her own temazepam tablets')
                                  r"\b(?:" + RELATIVES + r")(?:-in-law)?(?:['’]s\s+"
                                  r"(?:(?:history\s+of\s+)?(?:dependence|addiction|overdose|abuse|misuse)\s+(?:on|to|of)\s+|"
                                  r"(?:[a-z]+\s+){0,2})|"
                                  # ... or a list of the relative's ('his mother, whose medicines include warfarin and Aricept')
                                  r"\s*,?\s+whose\s+(?:own\s+|current\s+|daily\s+|usual\s+)?(?:medicines|medications|meds|drugs|"
                                  r"prescriptions|pills)\s+(?:include[sd]?|are|were|consist\s+of|list)\s+" + _LISTED_BEFORE + r")$|"
                                  # ... or of another patient's records, misfiled ('a chart note about some other patient
                                  # on file here, naming digoxin and lisinopril')
                                  r"\b(?:another|a\s+different|an\s+unrelated|some\s+other)\s+(?:claimant|patient|person|"
                                  r"individual|worker|employee|applicant)(?:['’]s)?\b[^.;]{0,90}?\b(?:listing|lists?|listed|"
                                  r"including|includes|showing|shows|naming|names|prescribing|on|taking)\s+"
                                  r"(?:(?:fills?|refills?|prescriptions?|doses?)\s+(?:of|for)\s+)?" + _LISTED_BEFORE + r"$|"
                                  # ... or a relative put on it ('her sister, who stays with her, was lately placed on
                                  # methadone')
                                  r"\b(?:" + RELATIVES + r")\b[^.;]{0,60}?\b(?:was|is|has\s+been|had\s+been)\s+(?:\w+ly\s+)?"
                                  r"(?:started|placed|put|maintained|kept)\s+on\s+$")
SOMEONE_ELSES_REACH = 160  # characters back to the relative or the other patient named
# A family history under its own label ('FAMILY HISTORY: Mother is living, with diabetes treated with insulin.') is
# the relatives' up to the next label ('MEDICATIONS:', not a relative's own: 'Mother: diabetes, on insulin') or a
# sentence about the worker ('He completed ...', 'After surgery she completed ...', 'For pain he takes ...', 'Care to
# date has included ...', 'Her medications are ...', 'His current medications are ...').
FAMILY_HISTORY_LABEL = re.compile(r"\b(?:family\s+(?:medical\s+)?history|fhx|fh)(?:\s*[:\-–]|"
                                  # ... or a label with words of where it was taken from ('Family history, as entered
                                  # in a single list on the intake form:')
                                  r",\s+(?:as\s+)?(?:entered|recorded|listed|given|taken|written)\b[^.:;\n]{0,60}:|"
                                  # ... or a heading without its colon, a relative next ('Family History Mother: ...')
                                  r"(?=\s+(?:(?:his|her|the)\s+)?(?:" + RELATIVES + r")\b))")
NEXT_LABEL = re.compile(r"\b[A-Z][A-Za-z]*(?:[ /][A-Za-z]+){0,3}(?:\s*\([^()\n]{1,40}\))?\s*:(?!\d)")  # ('Meds (psychiatry 09/10/2015):')
FAMILY_HISTORY_REACH = 600
WORKER_SENTENCE = re.compile(r"(?:(?:after|since|in|on|by|at|for)\s+(?:[a-z0-9/]+\s+){1,2}?)?"
                             r"(?:he|she|the\s+(?:patient|worker|claimant|applicant|employee|injured\s+worker)|"
                             # ('Treatment for the back has consisted of ...')
                             r"iw|(?:(?:her|his)\s+)?(?:care|treatment|therapy)(?:\s+(?:for|of)\s+(?:the\s+|his\s+|her\s+)?"
                             r"[a-z]+(?:\s+[a-z]+)?)?\s+(?:to\s+date|has|have|included|includes|consisted)|"
                             r"(?:her|his)\s+(?:own\s+|current\s+|present\s+|other\s+|usual\s+|daily\s+)?(?:medications|"
                             r"medicines|meds|symptoms|pain|conditions|problems|diagnoses|treatment|job|work)|"
                             r"current\s+medications)\b")


def _clause_of(ctx: LetterContext, span: Span) -> str | None:
    """Whose a mention's clause is: 'relative' (a relative has it and takes the drug, a family history, the
    relative's pronoun), 'worker' (the worker's own pronoun after a relative), else None."""
    relatives = _relatives(ctx)
    if not relatives["any"] and not relatives["family history"]:
        return None
    sent = ctx.sentence(span)
    if _between(relatives["any"], sent.start_char, span.start_char) \
            and (RELATIVE_HAS_AND_TAKES.search(ctx.lower, sent.start_char, span.start_char)
                 or RELATIVE_WHILE_ON.search(ctx.lower, max(sent.start_char, span.start_char - RELATIVE_WHILE_REACH),
                                             span.start_char)):
        return "relative"
    stretches = relatives["family history"]
    k = bisect_right(stretches, (span.start_char, len(ctx.lower))) - 1
    if k >= 0 and stretches[k][0] <= span.start_char < stretches[k][1]:
        return "relative"
    sex = _workers_sex(ctx)
    other = {"male": "female", "female": "male"}.get(sex or "")
    if other is None or not _between(relatives[other], max(0, sent.start_char - RELATIVE_REACH), span.start_char):
        return None
    if ctx.lower.endswith(POSSESSIVE_OF_SEX[other], 0, span.start_char):
        return "relative"  # 'her husband uses insulin, and she draws up his insulin'
    leads = [SENTENCE_SUBJECT.match(ctx.lower, sent.start_char, span.start_char),
             *CLAUSE_SUBJECT.finditer(ctx.lower, sent.start_char, span.start_char)]
    lead = next((m for m in reversed(leads) if m is not None), None)
    if lead is None:
        return None
    if lead.group("pronoun") == PRONOUN_OF_SEX[other]:
        if not _between(relatives[other], max(0, sent.start_char - RELATIVE_REACH), lead.start()):
            return None
        # (not where a clinician leads the pronoun's sentence and no relative is named in it: 'Her husband died in
        # 2022. The QME diagnosed grief; he does not diagnose ...')
        return None if CLINICIAN_LEADS.match(ctx.lower, sent.start_char) \
            and not _between(relatives[other], sent.start_char, lead.start()) else "relative"
    # the worker's own pronoun after a relative named in the sentence, and none named again up to the mention
    if _between(relatives[other], sent.start_char, lead.start()) and not _between(relatives[other], lead.end(), span.end_char):
        return "worker"
    return None


def _relatives(ctx: LetterContext) -> dict:
    """Where the letter names relatives (by sex, and any), and its family histories: read once per letter."""
    found = ctx.memo.get("relatives")
    if found is None:
        low = ctx.lower
        named = [(m.start(), m.group()) for m in ANY_RELATIVE.finditer(low)]
        stretches = []
        for label in FAMILY_HISTORY_LABEL.finditer(low) if "family" in low or "fh" in low else ():
            reach = min(len(low), label.end() + FAMILY_HISTORY_REACH)
            next_label = next((m for m in NEXT_LABEL.finditer(ctx.text, label.end(), reach)
                               if not ANY_RELATIVE.search(low, m.start(), m.end())), None)
            # (sentences as the letter's sentence marks found them: a paragraph's end ends one too)
            firsts = ctx.sentence_chars
            worker = next((at for at in firsts[bisect_right(firsts, label.end()):bisect_left(firsts, reach)]
                           if WORKER_SENTENCE.match(low, at)), None)
            end = min(reach, worker) if worker is not None else reach
            # (nor past its paragraph: a table of the worker's drugs under it, 'The medication record is below:')
            start = ctx.view.to_original(min(label.end() + 1, end))  # (its first words, past a blank line under it)
            paragraph = paragraph_end(ctx.view.original, start, ctx.view.to_original(end), local=True)
            end = ctx.view.to_view(paragraph) if paragraph is not None else end
            if next_label:  # up to its colon: in the view a line's last word runs into it ('on Savella Social History:')
                end = min(end, next_label.end() - 1)
            stretches.append((label.end(), end))
        found = ctx.memo["relatives"] = {
            **{sex: [at for at, word in named if word in words] for sex, words in RELATIVES_OF_SEX.items()},
            "any": [at for at, _ in named], "family history": stretches}
    return found


def _between(starts: list[int], lo: int, hi: int) -> bool:
    """Whether any of the sorted positions lies in [lo, hi)."""
    k = bisect_left(starts, lo)
    return k < len(starts) and starts[k] < hi


NOTHING: frozenset[str] = frozenset()
# A relative's condition or a what-if is not said of the worker.
NOT_THE_WORKERS = frozenset({HYPOTHETICAL, FAMILY})
NOT_RECEIVED = NOT_THE_WORKERS | {NEGATED, POSSIBLE}


def _in_statement(ctx: LetterContext, span: Span) -> bool:
    """Within a stretch where the letter states the worker's conditions (`imr_lexicon` finds them, in order
    and disjoint)."""
    return _within(ctx.group("diagnosis_statement"), span)


def _stated(ctx: LetterContext, span: Span) -> bool:
    """A condition the letter states as the worker's: in a statement, or said to be had, a drug taken for it or
    it kept in check by one, and no symptom ('she also has type 2 diabetes', 'metformin for type 2 diabetes',
    'reflux disease, controlled on pantoprazole', not 'he has knee pain', 'Norco for pain')."""
    if _in_statement(ctx, span) or IN_REMISSION.search(ctx.lower, span.start_char, span.end_char):
        return True  # ('alcohol use disorder, mild, in early remission': a state of the worker's condition)
    return (_within(ctx.group("condition_had"), span) or _treated_by_a_drug(ctx, span)
            or _kept_in_check(ctx, span) or STATED_AFTER.match(ctx.lower, span.end_char) is not None
            or _heads_its_line(ctx, span)) \
        and not _names_a_symptom(span) and not FEELING_WITH_ITS_OCCASION.match(ctx.lower, span.end_char) \
        and not ATTACKS.search(ctx.lower, span.start_char, span.end_char)


# A feeling told with its occasion is a complaint ('anxiety about going back to work', 'anxiety whenever she enters
# a store'), not the disorder of the same word ...
FEELING_WITH_ITS_OCCASION = re.compile(r"(?<=anxiety)\s+(?:about|over|whenever|when|around|before|while)\b")
# ... and so are attacks of one ('she developed nightmares, hypervigilance and panic attacks', 'anxiety attacks at
# work') unless a statement lists them (not an illness's attacks: 'two transient ischemic attacks').
ATTACKS = re.compile(r"\b(?:panic|anxiety)\s+attacks\b")
_IN_REMISSION = r"in\s+(?:[a-z]+\s+)?remission\b"
IN_REMISSION = re.compile(r"\b" + _IN_REMISSION)
# ('alcohol abuse in his twenties, in sustained remission for 11 years')
REMISSION_AFTER = re.compile(r"(?:\s+[^.;,()]{1,25}?(?=,))?,?\s*(?:now\s+)?" + _IN_REMISSION)
# A condition that heads its own line before a colon and what is known of it ('Severe obesity: BMI 44.', '2)
# Hypertension: on lisinopril'): an item of the worker's conditions.
DETAIL_AFTER_COLON = re.compile(r"(?:,[^:\n]{1,30})?[ \t]*:[ \t]*\S")


def _heads_its_line(ctx: LetterContext, span: Span) -> bool:
    start, end = ctx.span_original(span)
    return opens_its_line(ctx.view.original, start) and DETAIL_AFTER_COLON.match(ctx.view.original, end) is not None


# 'gout has been present since 2012', 'asthma is listed among her problems', 'asthma is well controlled', 'Obesity is
# noted (BMI 38)', 'a depressive disorder is carried by the psychologist',
# 'asthma and gout are followed by her internist', 'diabetes is nonindustrial', 'asthma is described by her
# pulmonologist as mild', 'kidney disease has been attributed to
# lithium', 'chronic kidney disease, stage 4, was documented in 2016', 'Gout developed in 2019 and is followed by
# her internist'
STATED_AFTER = re.compile(r"(?:\s+and\s+[^.;,]{1,40}?|,\s*[^.;,]{1,25},|\s+(?:developed|began|started|appeared|arose)\s+[^.;,]{1,30}?\s+and)?"
                          r",?\s+(?:is|are|was|were|has\s+been|have\s+been)\s+(?:also\s+|long\s+)?"
                          r"(?:present|listed|documented|recorded|charted|noted|carried|found|discovered|detected|established|longstanding|"
                          # ('his cannabis use disorder has been in early remission since 2021')
                          r"(?:now\s+)?in\s+(?:sustained\s+|early\s+|full\s+|partial\s+)?remission|"
                          r"long-standing|well[- ]controlled|active|non-?\s?industrial|"
                          r"(?:managed|treated|followed|monitored)\s+by\s+(?:his|her|their|the|an?)\b|attributed\s+to|"
                          r"described\s+(?:by\s+(?:his|her|their|the)\s+[a-z]+\s+)?as)\b"
                          r"(?!\s+(?:to|that|whether|on\s+(?:the\s+)?(?:mri|ct|x-?rays?|imaging|exam)))|"
                          + REMISSION_AFTER.pattern + r"|"
                          # ('... arthritis of the thumb's base, which the PTP listed as a second diagnosis')
                          r",\s*which\s+(?:he|she|they|the\s+[a-z]+)\s+(?:listed|recorded|added|gave|named)\s+as\s+"
                          r"(?:an?\s+|the\s+|his\s+|her\s+)?(?:[a-z]+\s+)?(?:diagnosis|dx|impression)\b|"
                          # ('read the MRI as showing a disc herniation and made that his principal diagnosis')
                          r"\s+and\s+made\s+(?:that|it|this)\s+(?:his|her|their|the|a)\s+(?:[a-z]+\s+)?(?:diagnosis|dx)\b|"
                          # ('the chiropractor entered cervical radiculopathy as the working diagnosis')
                          r"\s+as\s+(?:an?|the|his|her|their)\s+(?:working|principal|primary|main|provisional|first|initial|"
                          r"leading)\s+(?:diagnosis|dx|impression)\b")


# 'Gastroesophageal reflux disease, controlled on pantoprazole', 'hypertension, well managed with lisinopril',
# 'hypertension treated with lisinopril', 'her hypertension is managed by her PCP with lisinopril', 'a disc herniation
# was treated first with therapy'; care
# named with its article ('her gallstones were treated with an open cholecystectomy')
CHECKED_BY = re.compile(r"(?:\s+(?:since|from|for)\s+[^.;,()]{1,30}?(?=,))?"  # ('Migraine since her teens, treated with ...')
                        r"(?:,|\s[-–—])?\s+(?:(?:(?:is|was|are|were|has\s+been|have\s+been)\s+)?(?:(?:well|poorly|partially|fairly)\s+)?"
                        r"(?:controlled|managed|maintained|stable|treated|suppressed)\s+(?:first\s+|initially\s+|conservatively\s+)?"
                        r"(?:by\s+(?:his|her|their|the)\s+[a-z]+\s+)?"
                        # ... or tersely ('GERD on pantoprazole', 'Depression - on Cymbalta'), or with the drug taken for it
                        # ('gout, for which she takes allopurinol')
                        r"(?:on|with)|on|for\s+which\s+(?:he|she|they|the\s+(?:worker|patient))\s+(?:takes|uses|is\s+on|"
                        r"has\s+been\s+on))\s+(?P<care>(?:an?\s+|the\s+)?(?:[a-z-]+\s+)?)|"
                        # ... or with the drug alone after a dash ('Hypertension - amlodipine 10 mg'; not a label's colon,
                        # 'Mood/anxiety: sertraline')
                        r"\s+[-–—]+\s*(?P<drug>)")


def _kept_in_check(ctx: LetterContext, span: Span) -> bool:
    m = CHECKED_BY.match(ctx.lower, span.end_char)
    if m is None:
        return False
    if m.group("care") is None:
        return any(d.start_char == m.end("drug") for d in ctx.group("drug"))
    return any(d.start_char == m.start("care") for d in ctx.group("drug")) \
        or any(m.start("care") <= c.start_char <= m.end() for c in ctx.group("service"))


# 'metformin for type 2 diabetes', 'lisinopril 10 mg daily for her hypertension', 'Levothyroxine 75 mcg daily
# (hypothyroidism)': a drug, its dose, then 'for' or the condition in brackets.
# complaints, a side effect, a feeling ('lorazepam most days for anxiety', not an anxiety disorder)
SYMPTOM_WORDING = re.compile(COMPLAINT_WORDING.pattern + r"|spasm|cramp|constipation|headache|anxiety(?!\s+disorder)")
# A drug taken as needed ('hydroxyzine 25 mg as needed for anxiety', 'prn') eases a symptom.
# ... also who prescribed it between ('citalopram, prescribed by his family physician for anxiety')
DRUG_FOR = re.compile(r"(?![\s\w./%-]*?\b(?:as\s+needed|prn|p\.r\.n|stopped|discontinued|d/c|held|avoided|after)\b)"
                      r"[\s\w./%-]{0,40}?"
                      r"(?:,?\s*(?:prescribed|managed|given|ordered)\s+by\s+(?:his|her|their|the|an?)\s+"
                      r"(?:[\w-]+\s+){0,2}?[\w-]+,?\s+)?"
                      r"(?:\bfor\s+(?:his|her|their|the\s+)?(?:\w+\s+)?|\(\s*)$")


def _treated_by_a_drug(ctx: LetterContext, span: Span) -> bool:
    if SYMPTOM_WORDING.search(ctx.lower, span.start_char, span.end_char):
        return False  # 'gabapentin for neuropathic pain', 'Flexeril for spasms': what a drug eases is a complaint
    drugs = ctx.group("drug")
    k = bisect_right(drugs, span.start, key=lambda s: s.start) - 1
    return k >= 0 and 0 < span.start_char - drugs[k].end_char <= 90 \
        and DRUG_FOR.fullmatch(ctx.lower, drugs[k].end_char, span.start_char) is not None \
        and not _said(ctx, drugs[k]) & NOT_THE_WORKERS  # 'his wife takes metformin for her diabetes'


# A complaint named as the cause in another condition's name ('depression secondary to chronic pain', 'insomnia due
# to low back pain') is part of that name, not a condition of its own.
CAUSE_BETWEEN = re.compile(r"\s*,?\s*(?:secondary\s+to|due\s+to|related\s+to|caused\s+by|from)\s+(?:(?:his|her|their|the)\s+)?")


def _a_complaint_named_as_a_cause(ctx: LetterContext, mentions: list[Span], n: int) -> bool:
    span = mentions[n]
    return n > 0 and COMPLAINT_WORDING.search(ctx.lower, span.start_char, span.end_char) is not None \
        and CAUSE_BETWEEN.fullmatch(ctx.lower, mentions[n - 1].end_char, span.start_char) is not None


def _within(stretches: list[Span], span: Span) -> bool:
    k = bisect_right(stretches, span.start, key=lambda s: s.start) - 1
    return k >= 0 and stretches[k].end > span.start


def _diagnoses(ctx: LetterContext, region) -> list[Diagnosis]:
    """Conditions the summary states as the worker's ('Diagnoses include...', 'diagnosed with...'), and
    conditions it says the worker does not have, wherever it says so. A finding of an examination or a
    study that no statement names is not listed; one code per condition, a positive statement first."""
    chosen: dict[str, Diagnosis] = {}
    tentative: set[str] = set()  # conditions kept only as what the state was put down to
    concluded_unspecified: list[tuple[str, tuple[int, int]]] = []
    site: list = []  # the letter's one site, found when a condition without one needs it
    requests: dict[int, list[int]] = {}
    mentions = [m for m in ctx.group_in("diagnosis", region)
                if not NON_BEFORE.search(ctx.lower, max(0, m.start_char - 4), m.start_char)]
    next_conditions = _next_conditions(ctx, mentions)
    absorbed: set[int] = set()  # mentions read as part of the one before ('DM2 w/ peripheral neuropathy (E11.42)')
    ended_by: set[int] = set()  # where a condition named again by its last words ends it ('...; the anemia has resolved')
    doubted: set[str] = set()  # conditions named as possible ('rule out carpal tunnel syndrome')
    for n, span in enumerate(mentions):
        said = _said(ctx, span)
        if FAMILY in said and any(_past_a_relatives_clause(ctx, mentions[k])
                                  for k in range(_first_named_with(ctx, mentions, n), n + 1)):
            said -= {FAMILY}  # ('because his father has gout, gout and septic arthritis were both considered')
        if POSSIBLE in said:
            doubted.add(span.label_)
        withdrawn = WITHDRAWN_AFTER.match(ctx.lower, span.end_char) is not None \
            or _disputed(ctx, span, next_conditions[n])  # (reaching past a symptom named on the way, as a pronoun's does)
        if n in absorbed or said & NOT_THE_WORKERS or QUALIFIER_AFTER.match(ctx.text[span.end_char:span.end_char + 20]) \
                or SCREENED_FOR_BEFORE.search(ctx.lower, max(0, span.start_char - 40), span.start_char) \
                and not SCREEN_ANSWERED_AFTER.match(ctx.lower, span.end_char) \
                or PROCEDURE_AFTER.match(ctx.lower, span.end_char) or _a_complaint_named_as_a_cause(ctx, mentions, n) \
                or NEGATED not in said and not withdrawn and _named_before(ctx, mentions[:n], span) \
                or span.start_char in ended_by:
            continue
        stated = _stated(ctx, span)
        following = mentions[n + 1] if n + 1 < len(mentions) else None
        # a condition a list weighs rather than states ('Diagnoses: cervical strain; cervical radiculopathy was
        # suspected in 2018 but the EMG was normal') is denied the way one weighed in prose is; a symptom named
        # as the reason it was weighed ('because of one episode of vertigo') takes no pronoun after it
        # conditions named together are weighed, put down to and answered together ('gout and pseudogout were both
        # considered', 'put down to polymyalgia rheumatica, hypothyroidism and lupus')
        first, last = _first_named_with(ctx, mentions, n), _last_named_with(ctx, mentions, n)
        if last - first == 1 and LONE_COMMA.fullmatch(ctx.lower, mentions[first].end_char, mentions[last].start_char):
            first = last = n  # two parted by a comma alone are no series ('For asthma, avascular necrosis was a concern')
        put_down_to, weighed_before = _attributed_to(ctx, mentions[first]), _weighed_before(ctx, mentions[first])
        end = mentions[last].end_char
        # (an answer after the next condition named is that one's: 'attributed the headaches to tension-type
        # headache, and checked for hypothyroidism; her thyroid studies were normal')
        # (and within reach: a text without full stops is read no further)
        reach = min(len(ctx.lower), end + ANSWER_REACH)
        answer_end = min(next_conditions[last].start_char, reach) if next_conditions[last] is not None else reach
        weighed_by_a_verb = WEIGHED.match(ctx.lower, end) is not None  # ('X was suspected')
        # (one weighed and then confirmed is the worker's: 'was suspected at first and was confirmed by an EMG')
        confirmed = weighed_by_a_verb and CONFIRMED_AFTER.match(ctx.lower, end, answer_end) is not None \
            or (weighed_by_a_verb or weighed_before) and _confirmed_by_a_pronoun(ctx, end, answer_end)
        stated = stated or confirmed
        weighed = not confirmed and (not stated or weighed_by_a_verb or put_down_to or weighed_before)
        ended = _ended_by_its_head(ctx, mentions, n, ended_by)
        tests_normal = weighed_before and TESTS_FOUND_NORMAL.match(ctx.lower, end) is not None
        # a test's finding from the catalogue answers only its own conditions: past the next condition named too
        # ('tested for anemia and hypothyroidism: a blood count excluded the anemia, and the TSH came back normal'); a
        # level a treated condition is kept at ('her TSH is normal') answers only one a verb weighed
        found_against = weighed and _answered_by_a_finding(
            ctx, span, end, levels=POSSIBLE in said or weighed_before or put_down_to or weighed_by_a_verb)
        verdict_before = VERDICT_OPENING_BEFORE.search(ctx.lower, max(0, span.start_char - 30), span.start_char) is not None \
            or NOT_THOUGHT_PRESENT_BEFORE.search(ctx.lower, max(ctx.sentence(span).start_char, span.start_char - 160),
                                                 span.start_char) is not None
        tested_negative = DOUBTED_THEN_TESTED_NEGATIVE.match(ctx.lower, span.end_char)
        denied_by_its_list = _denied_by_its_list(ctx, mentions, n)  # (a list's items are weighed and answered)
        ended_after = _denied_after(ctx, span, next_conditions[n], ENDED_AFTER)
        negated = NEGATED in said or verdict_before or withdrawn \
            or tested_negative is not None and (POSSIBLE in said or tested_negative.group("doubt") is not None) \
            or _ruled_out_around(ctx, span, mentions[first], mentions[last]) \
            or SEROLOGY_NEGATIVE_AFTER.match(ctx.lower, end) is not None \
            or DENIED_PAST_ITS_ROLE.match(ctx.lower, end) is not None \
            or _denied_after(ctx, span, next_conditions[n], VERDICT_PAST_A_RELATIVE_CLAUSE) \
            or _denied_after(ctx, span, next_conditions[n], NOT_BORNE_OUT_AFTER) \
            or _denied_after(ctx, span, next_conditions[n], NOT_CONFIRMED_PAST_WHO_MADE_IT) \
            or ended_after or ended or _cured_later(ctx, span, next_conditions[n]) \
            or _verdict_ends_item(ctx, span, next_conditions[n]) or denied_by_its_list \
            or (_denied_after(ctx, mentions[last], next_conditions[last], DENIED_BY_PRONOUN) if weighed
                else _denied_in_its_sentence(ctx, mentions[last], next_conditions[last])) \
            or weighed and (WEIGHED_THEN_ANSWERED.match(ctx.lower, end, reach) is not None
                            or (put_down_to or weighed_before) and ANSWERED.match(ctx.lower, end, answer_end) is not None
                            or weighed_before and SHOWN_NONE_AFTER.match(ctx.lower, end, answer_end) is not None
                            or tests_normal
                            or WEIGHED_THEN_SHOWN_NONE.match(ctx.lower, end, answer_end) is not None
                            or WEIGHED_THEN_TESTED_NEGATIVE.match(ctx.lower, end, answer_end) is not None
                            or (weighed_by_a_verb or weighed_before)
                            and _answered_next(ctx, mentions, span, end, reach)
                            or _shown_absent_after(ctx, span)
                            or _answered_as_a_group(ctx.lower, end)) or found_against
        # a cancer told with its treatment, its remission or its watch is the worker's ('a basal cell carcinoma was
        # removed', 'prostate cancer ... is on active surveillance'), also where it ended after treatment ('treated
        # surgically and has not recurred': a history of it)
        label_code = link.icd10cm(span.label_) or ""
        if negated and label_code.startswith("C") and (ended or ended_after or _cured_later(ctx, span, next_conditions[n])) \
                and _cancer_course(ctx, mentions, n, label_code) != label_code:
            negated, stated = False, True
        if not stated and not negated and label_code.startswith("C"):
            stated = _cancer_told(ctx, mentions, n, label_code)
        # a condition denied in a request ('an MRI was requested to rule out a meniscal tear') is not said absent;
        # one weighed after it ('no evidence of radiculopathy, which had been considered') is
        # (tests asked for and found normal answer it: 'ordered thyroid studies to exclude hypothyroidism; all were normal')
        # ('considered gout; he decided that she does not have it': the verb that weighs it asks for no care)
        if not stated and not (negated and (tests_normal or found_against
                                            or EXCLUDED_BEFORE.search(ctx.lower, max(0, span.start_char - 60), span.start_char)
                                            or not _asked_before(ctx, ctx.sentence(span), span, requests)
                                            or _considered(ctx, mentions, n))):
            continue
        # an image's reading of what it does not show ('the MRI showed ... no canal or foraminal stenosis') is a
        # finding, not a condition weighed and denied ('no evidence of pseudarthrosis' is, and so is what the one
        # who read it concluded, 'and the electromyographer concluded that ulnar neuropathy was not present',
        # or a condition excluded in a clause of its own, '...; cauda equina syndrome was excluded', or one that ended,
        # '..., and the weakness was put down to a viral myositis, which cleared'; nor is one named as
        # possible before: 'r/o ulnar neuropathy. Nerve studies: ... no sign of ulnar neuropathy')
        if not stated and NEGATED in said and span.label_ not in doubted and ctx.sentence(span).has(IMAGING_FINDING) \
                and IMAGING_FINDING.search(ctx.lower, ctx.sentence(span).start_char, span.start_char) \
                and not ctx.sentence(span).has(WEIGHING) \
                and not CONCLUDED_BEFORE.search(ctx.lower, ctx.sentence(span).start_char, span.start_char) \
                and not CLINICIAN_FOUND_NONE.search(ctx.lower, ctx.sentence(span).start_char, span.start_char) \
                and not EXCLUDED_AFTER.match(ctx.lower, span.end_char) and not ended_after \
                and not SAID_ABSENT_BEFORE.search(ctx.lower, max(0, span.start_char - SAID_ABSENT_REACH), span.start_char) \
                and not _all_the_study_read(ctx, mentions, span):
            continue
        if negated and not stated:
            span = _named_fully_before(ctx, mentions[:n], span)
        side, start = _side(ctx, span)
        code = link.icd10cm(span.label_, side=side)
        if code and (not stated and link.is_symptom(code) and not (weighed_before or weighed_by_a_verb or denied_by_its_list)
                     or negated and code.startswith(MOOD_EPISODE)
                     and ctx.lower.find("bipolar", max(0, span.start_char - BIPOLAR_REACH), span.start_char) >= 0):
            continue  # 'denies leg pain', 'dizziness without vertigo': a symptom denied is no diagnosis (one suspected
            # and answered is: 'post-traumatic seizures were suspected ... the EEG was normal'), nor is an episode
            # of mood a bipolar disorder named just before is weighed by ('found no history of mania or hypomania')
        # a condition named with its part ('bursitis of the right hip', 'CRPS, left lower extremity', 'lumbar
        # sprain with radiculopathy') is coded at that part where the code set has a code for it; one the
        # code set leaves without a site is placed by the letter's one site
        part, part_side = _part_named_with(ctx, span)
        part = vocab.body_parts().get(part, part) if part else part  # 'of the knees' is placed at the knee
        if code and part is None and link.site_unstated(code):
            site = site or [_single_site(ctx, region)]
            part, part_side = site[0]
        if code and part is not None:
            # (none where the part is on both sides and the code set codes each apart: 'osteoarthritis of both hands')
            code = link.icd10cm(span.label_, side=side or part_side, site=part)
        if code and not (side or part_side) and vocab.surface_key(span.label_) in vocab.side_required():
            # ('a deep vein thrombosis was ruled out': the code's leg would be a guess; 'a duplex scan of the left
            # leg found no deep vein thrombosis' is the left leg's)
            sentence = ctx.sentence(span)
            limb_side = _one_limb_side(ctx, (sentence.start_char, sentence.end_char))
            code = link.icd10cm(span.label_, side=limb_side) if limb_side else None
        level = _level_named_with(ctx, span) if code else None
        if level:
            # a spinal level or nerve root says the region ('L5 radiculopathy', 'spondylolisthesis at L4-5') and,
            # where the code set goes that far, the level's own code ('disc degeneration at C5-6')
            if not REGION_WORD.search(span.label_):
                code = link.icd10cm(span.label_, side=side, site=level_region(level)) or code
            code = link.at_level(code, level)
        if code and code.startswith(ACUTE_INFARCTION):
            code = OLD_INFARCTION  # a heart attack a summary tells of is past (I21 and I22 are for its first four weeks)
        code = _code_written_after(ctx, span, code, following)
        if code and code.startswith("C") and not negated:
            code = _cancer_course(ctx, mentions, n, code)
        elif code and not negated and REMISSION_AFTER.match(ctx.lower, span.end_char):
            code = link.in_remission(code)  # ('alcohol abuse, in sustained remission since 2010': F10.11)
        end = span.end_char
        combined = _combined_code(ctx, span, code, following)
        if combined:
            code, end = combined, following.end_char
            absorbed.add(n + 1)
        written = " ".join(ctx.text[start:end].split())
        # (one a list states as weighed, 'lymphoma was a concern', is in doubt: a later answer outweighs it)
        doubtful = (POSSIBLE in said or weighed_by_a_verb) and not negated and not confirmed
        found = Diagnosis(written, code, negated, doubtful, ctx.original(start, end))
        key = code or written.lower()
        kept = chosen.get(key)
        attributed = not negated and put_down_to
        concluded = negated and (CONCLUDED_BEFORE.search(ctx.lower, ctx.sentence(span).start_char, span.start_char)
                                 or verdict_before or withdrawn)
        # a positive statement outweighs a negated or uncertain one of the same condition, and an answer outweighs
        # the question (ruled out after it was suspected); a condition the state was
        # only put down to ('initially attributed the numbness to a cervical radiculopathy') gives way to a denial
        # of it anywhere in the summary ('the EMG showed no evidence of cervical radiculopathy')
        if kept is None or (kept.negated or kept.uncertain) and not (found.negated or found.uncertain or attributed) \
                or kept.uncertain and found.negated or key in tentative and found.negated or concluded and not kept.negated:
            chosen[key] = found
            tentative.discard(key)
            if attributed:
                tentative.add(key)
        elif key in tentative and not (found.negated or found.uncertain or attributed):
            tentative.discard(key)  # stated outright too: no longer only what the state was put down to
        if concluded and code and _unspecified(code):
            concluded_unspecified.append((code, found.span))
    # ... and a conclusion on the condition unspecified ('no longer has an adjustment disorder') is one on the
    # finer kind stated before ('adjustment disorder with mixed anxiety and depressed mood'): one negated entry
    for code, at in concluded_unspecified:
        finer = [d for d in chosen.values() if d.icd10cm and d.icd10cm != code and d.icd10cm.startswith(code[:-1])
                 and d.span[0] < at[0]]
        for d in finer:
            d.negated, d.uncertain = True, False
        if finer:
            chosen.pop(code, None)
    return _one_code_per_condition(list(chosen.values()))


# A condition's name after 'non-' names what something else is not ('insomnia disorder, with non-sleep disorder mental
# comorbidity').
NON_BEFORE = re.compile(r"\bnon-$")
MOOD_EPISODE = "F30"  # a manic or hypomanic episode: what a bipolar disorder is found by, not a disorder of its own
BIPOLAR_REACH = 300  # characters back to the bipolar disorder it was weighed for (one denied alone is denied)


# A condition weighed, then denied by a pronoun that stands for it ('fibromyalgia was suspected, but testing
# ruled it out', 'CRPS was considered; however, this was not confirmed'): ConText's terminators ('but',
# 'however') stop a trigger's reach, the pronoun carries it back. Read up to the next condition named, within
# the mention's sentence and the one after.
# (a decimal point ends no sentence: 'a TSH of 2.1 excluded it')
_IN_A_CLAUSE = r"[^.;]*(?:(?<=\d)\.(?=\d)[^.;]*)*"
_IN_THIS_SENTENCE_OR_THE_NEXT = _IN_A_CLAUSE + r"(?:[.;]\s*" + _IN_A_CLAUSE + r")?\b"
# A weighed condition that did not hold ('did not survive the study', 'did not pan out', 'had not materialized').
_DID_NOT_HOLD = (r"(?:did\s+not|didn't|(?:has|had|have)\s+not|never)\s+(?:survived?|hold\s+up|held\s+up|stand\s+up|"
                 r"stood\s+up|pan(?:ned)?\s+out|materiali[sz]ed?)")
# Off a list of conditions ('the internist struck it off his problem list', 'taken off the diagnosis list').
# ('has been left off every diagnosis list since')
_OFF_THE_LIST = (r"(?:off|from)\s+(?:the\s+|his\s+|her\s+|their\s+|every\s+|any\s+|all\s+(?:the\s+|his\s+|her\s+)?)?"
                 r"(?:(?:active\s+|later\s+)?problem\s+|diagnos(?:is|tic)\s+)?lists?")
# The verbs of a drug the worker never had ('never filled it', 'has not tried them').
_NOT_HAD_VERB = r"fill(?:ed)?|start(?:ed)?|t(?:ook|aken|ake)|tr(?:ied|y)|receive[d]?|appl(?:ied|y)|used?|obtain(?:ed)?|open(?:ed)?"
# What a clinician weighed, named by a word for it ('that concern', 'both questions', 'the two possibilities').
_CONCERNS = (r"(?:(?:that|this|the|those|these|both|all|each)\s+(?:(?:of\s+)?(?:the|those|these)\s+)?(?:two\s+|three\s+)?"
             # ('the provisional diagnosis', 'that explanation', 'the query')
             r"(?:(?:provisional|working|tentative|initial|original|earlier|first|presumptive)\s+)?"
             r"(?:ideas?|concerns?|questions?|possibilit(?:y|ies)|suspicions?|worr(?:y|ies)|labels?|diagnos[ie]s|matters?|"
             r"impressions?|explanations?|quer(?:y|ies)|hypothes[ie]s|theor(?:y|ies)|notions?))")
DENIED_BY_PRONOUN = re.compile(
    _IN_THIS_SENTENCE_OR_THE_NEXT + r"(?:(?:ruled|rules|ruling)\s+(?:it|this|that|them)\s+out|"
    # ('found no evidence of one')
    r"no\s+(?:evidence|signs?)\s+of\s+(?:it|this|that|them|one|such\s+a\s+(?:disorder|condition|diagnosis))\b|"
    # ('concluded that neither diagnosis was present')
    r"neither\s+(?:of\s+them\s+|one\s+|diagnosis\s+|condition\s+)?(?:was|is)\s+(?:\w+ly\s+)?(?:pursued|confirmed|supported|"
    r"found|present)\b|"
    # ('None of the three confirmed.', 'none of them was found')
    r"none\s+of\s+(?:them|these|those|the\s+(?:two|three|four|five|several|conditions|diagnoses))\s+(?:(?:was|were|has\s+been|"
    r"have\s+been)\s+)?(?:\w+ly\s+)?(?:pursued|confirmed|supported|found|present|borne\s+out)\b|"
    # 'the internist set each of those diagnoses aside'
    r"set\s+(?:each\s+of\s+|all\s+of\s+|both\s+of\s+)?(?:it|this|that|them|those|these)(?:\s+diagnos[ie]s|\s+conditions|"
    r"\s+labels?|\s+ideas?)?\s+aside\b|"
    # ('the normal film did not support it')
    r"(?:did\s+not|didn't|does\s+not|do\s+not)\s+support\s+(?:it|this|that|them|(?:this|that|the)\s+diagnosis)\b|"
    # ('the QME did not agree with this diagnosis', 'the AME disagreed with it')
    r"(?:(?:did\s+not|didn't|does\s+not|do\s+not)\s+agree|disagreed|disagrees)\s+with\s+(?:it|this|that|them|(?:this|that|the)\s+"
    r"(?:diagnosis|label|condition))\b|"
    # ('the CRP was normal, and that idea was dropped', 'that concern was set aside')
    # (or both of them: 'those concerns were dropped')
    # ('the provisional diagnosis was not carried forward', 'that explanation was taken off the table')
    + _CONCERNS + r"\s+(?:was|were|has\s+been|have\s+been)\s+(?:\w+ly\s+|later\s+|then\s+)?(?:dropped|abandoned|"
    # ('that concern was laid to rest', 'that possibility was dismissed')
    r"(?:set|laid|put)\s+aside|withdrawn|(?:put|laid)\s+to\s+rest|dismissed|discarded|excluded|ruled\s+out|retired|closed|"
    r"not\s+(?:(?:raised|mentioned|revisited|brought\s+up)\s+"
    r"again|carried\s+(?:forward|over)|borne\s+out|"
    r"sustained|confirmed|supported|pursued)|(?:taken\s+)?off\s+the\s+table)\b|"
    # ('the hand surgeon regards that question as closed', 'considers the matter settled')
    r"(?:regards?|regarded|considers?|considered|treats?|treated)\s+" + _CONCERNS + r"\s+(?:as\s+)?(?:closed|settled|answered|"
    r"resolved)\b|"
    # ('the symptoms were too sparse to sustain it')
    r"(?:too\s+[a-z]+|not\s+enough|insufficient)\s+to\s+(?:sustain|support|justify|warrant)\s+(?:it|this|that|them|"
    r"(?:this|that|the)\s+diagnosis)\b|"
    # ('the vascular surgeon saw no reason to pursue it')
    r"(?:saw|sees|found|finds|had|has)\s+no\s+(?:reason|need|indication)\s+to\s+(?:pursue|investigate|treat)\s+(?:it|this|that|"
    r"them)(?:\s+further)?\b|"
    # 'but neither the internist nor the podiatrist took it further', 'the surgeon did not pursue it'
    r"(?:(?:did\s+not|didn't|never|no\s+one|nobody)\s+|neither\b[^.;]{0,60}?\b)pursued?\s+(?:it|this|that|them)\b|"
    # 'evaluated her for X and found nothing to support that diagnosis'
    # ('found nothing at the visit to support it', 'saw no evidence on the scan of it')
    # ('... turned up nothing to support it')
    # ('could find no basis for it')
    r"(?:found|(?:could\s+|can\s+)?find|showed|saw|turned\s+up|revealed|yielded)\s+(?:nothing|no\s+(?:evidence|support|"
    r"findings?|basis|grounds))\s+(?:(?:on|in|at)\s+(?:[a-z-]+\s+){1,3}?)?"
    r"(?:to\s+support|for|of)\s+"
    r"(?:it|this|that|them)\b|"
    # ('excluded it', 'rejected that diagnosis', 'dismissed both concerns')
    r"(?:excluded|refuted|disproved|rejected|dismissed|discarded)\s+(?:it|this|that|them|both|each|" + _CONCERNS + r")\b|"
    # ('the orthopedist set that explanation aside')
    r"set\s+" + _CONCERNS + r"\s+aside\b|"
    # ('the rheumatologist struck it off the problem list')
    r"(?:removed|took|struck|deleted|dropped)\s+(?:it|this|that|them)\s+" + _OFF_THE_LIST + r"|"
    # ('a lumbar MRI showed open foramina, and that put the question to rest', 'which put both worries to rest')
    r"(?:put|puts|putting|laid|lays|laying)\s+(?:it|this|that|them|" + _CONCERNS + r")\s+to\s+rest\b|"
    # ('his internist closed the question', 'that question was closed')
    r"closed\s+(?:the|that|this)\s+(?:question|matter|issue|concern)\b|" + _CONCERNS + r"\s+(?:was|were)\s+closed\b|"
    # 'weighed an illness anxiety disorder and found that she does not have one'
    r"(?:does|do|did)\s+not\s+have\s+(?:it|one|this|that|either)\b|"
    # 'the QME did not diagnose it', 'the rheumatologist never found it present'
    r"(?:did\s+not|didn't|does\s+not|never)\s+(?:diagnose|diagnosed)\s+(?:it|this|that|them|one)\b|"
    # ('found no history of mania, and declined to diagnose it')
    r"(?:declined|refused|would\s+not|wouldn't)\s+(?:to\s+)?diagnose\s+(?:it|this|that|them|one)\b|"
    r"(?:did\s+not|didn't|does\s+not|never)\s+(?:find|found)\s+(?:it|this|that|them)\s+(?:to\s+be\s+)?present\b|"
    r"(?:did\s+not|didn't|does\s+not)\s+find\s+(?:one|either)\b|"  # ('the psychiatrist did not find one')
    # ('..., then did not make that diagnosis', 'declined to make the diagnosis')
    r"(?:did\s+not|didn't|does\s+not|declined\s+to|refused\s+to|would\s+not|wouldn't)\s+make\s+(?:that|this|the)\s+diagnosis\b|"
    # ('the surgeon has not used that label since', 'no longer uses the term')
    r"(?:(?:has|have|had)\s+not|never|no\s+longer)\s+(?:used?|uses|applied|given)\s+(?:that|this|the)\s+(?:label|diagnosis|term)\b|"
    # 'the orthopedist did not think it was present'
    r"(?:did\s+not|didn't|does\s+not)\s+(?:feel|think|believe)\s+(?:that\s+)?(?:it|this|that|they|(?:that|this|the)\s+"
    r"(?:condition|diagnosis))\s+(?:was|were|is|are)\s+"
    r"(?:present|there)\b|"
    # ... or by its criteria not met in the next sentence, before any other condition is named ('The surgeon raised
    # the question of CRPS ... The pain physician concluded that he did not meet the Budapest criteria.'), or by a
    # pronoun for it ('weighed panic disorder, but he did not fulfil the criteria for it')
    r"(?:did\s+not|didn't|does\s+not|doesn't|failed\s+to)\s+(?:meet|fulfill?|satisfy)\s+(?:the\s+)?(?:[a-z0-9-]+\s+){0,2}"
    r"criteria(?:\s+for\s+(?:it|this|that|them|either|both))?\b(?!\s+for\b)|"
    # ('evaluated him for opioid use disorder and concluded that the criteria were not met')
    r"(?:the\s+)?(?:[a-z0-9-]+\s+){0,2}criteria\s+(?:were|was)\s+not\s+(?:met|fulfilled|satisfied)\b|"
    r"(?:did\s+not|didn't|does\s+not|failed\s+to|could\s+not|couldn't|(?:was|were)\s+unable\s+to)\s+"
    r"(?:confirm|support|show|demonstrate|substantiate)\s+(?:it|this|them|"
    r"(?:that|this|the)\s+(?:diagnosis|condition|impression|suspicion))\b|"
    # ('both concerns were set aside')
    # ('concluded that the disorder was not present')
    r"(?:it|this|that|which|they|(?:this|that|the)\s+(?:diagnosis|condition|impression|concern|disorder|syndrome|disease)|"
    r"(?:both|all|these|those|the)\s+(?:concerns|considerations|possibilities|diagnoses|conditions))\s+"
    r"(?:was|were|is|are|ha(?:s|ve)(?:\s+(?:since|now|also|\w+ly))?\s+been)\s+"
    r"(?:\w+ly\s+|since\s+|later\s+|then\s+|also\s+)?"
    r"(?:ruled\s+out|excluded|refuted|disproven|withdrawn|dropped|abandoned|retracted|rescinded|set\s+aside|dismissed|"
    r"not\s+(?:confirmed|supported|substantiated|verified|present|found|made|borne\s+out)|"
    r"no\s+longer\s+(?:being\s+)?(?:considered|suspected|entertained|pursued))|"
    # ... or let go in time ('the catching stopped within a few weeks and was not mentioned again')
    r"(?:and|but)\s+(?:was|were)\s+(?:never|not)\s+(?:mentioned|raised|revisited|brought\s+up)\s+again\b|"
    # ('no later provider has carried that diagnosis forward', 'no subsequent report has repeated it')
    r"no\s+(?:later|other|subsequent|further|treating)?\s*(?:provider|physician|clinician|doctor|report|note|record|"
    r"evaluator|examiner)s?\s+(?:has|have|had)\s+(?:since\s+)?(?:carried|listed|repeated|used|made|recorded|given|adopted)\s+"
    r"(?:it|this|that|them|(?:this|that|the)\s+(?:diagnosis|label|impression))\b|"
    # ('wrote that the picture did not fit')
    r"(?:the|that|this|her|his)\s+(?:picture|presentation|findings|symptoms|history)\s+(?:did|does)\s+not\s+fit\b|"
    # ... or outgrown, left behind, no longer a problem, no trouble since ('had asthma as a child and grew out of it',
    # 'bulimia in her teens, which she left behind', 'since trazodone was added it is no longer a problem', 'a trigger
    # thumb ... that has given her no trouble since', 'that diagnosis has fallen away')
    r"(?:grew|grown)\s+out\s+of\s+(?:it|them)\b|outgrew\s+(?:it|them)\b|(?:which|that)\s+[^.;]{0,30}?\bleft\s+behind\b|"
    r"left\s+(?:it|them)\s+behind\b|"
    # ('The panic disorder went away by 2015 and is no longer an issue', 'is a thing of the past')
    r"(?:(?:it|this|that|they)\s+)?(?:is|are|was|were|has\s+been)\s+(?:now\s+)?(?:no\s+longer\s+(?:a|an)\s+(?:problem|issue|"
    r"concern|factor)|a\s+thing\s+of\s+the\s+past)\b|"
    # ('it is no longer present', 'his internist no longer carries that diagnosis')
    r"(?:it|this|that|they)\s+(?:is|are|was|were)\s+(?:now\s+)?no\s+longer\s+(?:present|active|evident|seen|found|there)\b|"

    # ('put down to alcohol abuse; that turned out to be something else')
    r"(?:it|this|that|they)\s+(?:turned\s+out|proved)\s+to\s+be\s+(?:something\s+else|a\s+false\s+alarm|nothing)\b|"
    r"(?:has|have|had)\s+given\s+(?:him|her|them)\s+no\s+(?:trouble|problems?)\b|"
    r"(?:that|this|the)\s+(?:diagnosis|label|impression)\s+(?:has|had)\s+(?:since\s+)?(?:fallen|dropped)\s+away\b|"
    # ('the EMG searched for a root lesion too and found none', 'and none was found')
    r"found\s+none|(?:none|nothing)\s+(?:was|were)\s+(?:found|identified|seen|present)\b|"
    # ('that diagnosis was never pursued', 'the evaluator withdrew the diagnosis')
    r"(?:it|this|that|(?:this|that|the)\s+(?:diagnosis|condition|impression|concern))\s+(?:has|have|had|was|were)\s+"
    r"(?:not|never)\s+(?:been\s+)?(?:pursued|confirmed|supported|substantiated)|"
    # ('the diagnosis no longer appears on any list', 'that label is no longer listed')
    r"(?:it|this|that|(?:this|that|the)\s+(?:diagnosis|condition|label))\s+(?:no\s+longer\s+appears\s+(?:on|in)\s+"
    r"(?:any|the|his|her|their)\s+(?:[a-z]+\s+)?(?:list|record|notes?)|(?:is|was)\s+no\s+longer\s+(?:listed|carried))|"
    r"(?:withdr(?:ew|awn|awing)|retract(?:ed|ing)|dropp(?:ed|ing)|abandon(?:ed|ing)|rescind(?:ed|ing)|struck|"
    r"remov(?:ed|ing)|discard(?:ed|ing))\s+"
    r"(?:it|this|that|(?:this|that|the)\s+(?:diagnosis|"
    r"condition|impression)))\b"
    r"(?!\s+(?:that|whether)\b)")  # 'it was not confirmed that she fell': no pronoun for a condition
# A condition, stated or weighed, whose end is told right after it ('attributed to a median neuropathy; it resolved by
# the third month', 'found to have a deep vein thrombosis; he completed warfarin, and the clot has resolved'), or after
# a comma ('Lyme disease, found in 2012, resolved after ...', 'an ulcer in 2012, attributed to ibuprofen, that has
# since healed', '... in 2011, on apixaban for three months; resolved', 'in 2016 that resolved after
# aspiration'; not past another item: 'insomnia and left wrist contusion, resolved').
ENDED_WORD = (r"(?:resolv(?:ed)?|cleared|healed|subsided|settled|passed|cured|eradicated|recovered|outgrew|outgrown|"
              r"went\s+away|gone\s+away|disappeared|abated|faded(?:\s+away)?|dissipated|"
              # ('responded to canalith repositioning and has not returned', 'gone since Norco was stopped')
              r"not\s+(?:returned|come\s+back)(?!\s+to\b)|gone(?=\s+(?:since|after|by|now|for)\b|\s*[.;,)]))")  # ('resolv.' in a note's shorthand)
_FLARE = r"(?:flares?|attacks?|episodes?|bouts?|exacerbations?)"  # one bout of a condition: its end is not the condition's
# what was done to a condition before it ended ('a low ferritin, corrected with two infusions and since resolved')
TREATED_WORD = r"(?:treated|corrected|repleted|supplemented)"
# ('was recorded as resolved', 'is now listed as healed')
_ENDED = (r"(?:(?:has|had)\s+(?:been\s+)?|was\s+|(?:is|are|was|were|(?:has|have)\s+been)\s+(?:now\s+)?(?:considered|"
          r"(?:recorded|listed|noted|charted|documented|marked|entered|coded)\s+as)\s+)?"
          r"(?:(?:since|fully|completely|later|long|now)\s+){0,2}" + ENDED_WORD + r"\b")  # ('has long since resolved')
# the verb, not an adjective of the next item ('...; healed left calcaneal fracture', 'healed L1 fracture')
_NOT_AN_ADJECTIVE = (r"(?!\s+(?:(?:left|right|bilateral|lt|rt|[lrtc]\d{1,2})\b|(?:[a-z-]+\s+){0,2}(?:fractures?|injur(?:y|ies)|"
                     r"wounds?|tears?|ulcers?|lacerations?|burns?|sprains?|strains?)\b))")
ENDED_AFTER = re.compile(
    # a follow-up test that found it healed ('a duodenal ulcer in 2012, treated with pantoprazole; a repeat endoscopy in
    # 2013 showed complete healing')
    r"[^.;]{0,80}?;\s*(?:a|the|her|his)\s+(?:follow-?up|repeat|later|subsequent)\s+[a-z-]+(?:\s+[a-z-]+)?(?:\s+(?:in|on|of)\s+"
    r"[\d/]+)?\s+(?:showed|confirmed|documented|found)\s+(?:complete\s+|full\s+)?(?:healing|resolution)\b|"
    # a long item ended by the verb alone ('Pulmonary embolism ... in 08/2014, six weeks after the arthroscopy,
    # treated with warfarin for six months; resolved')
    # ... or by its own verbs, treated (found, injected) and then ended ('The anemia after the bleed was treated with iron
    # and has resolved', '...; this was treated with therapy and had resolved by June', 'A trigger finger was injected
    # with steroid in 2015 and has since resolved', 'was diagnosed in 2022 and resolved after ...')
    r"(?:\s+[^.;,]{1,40}?)??(?:,|;\s*(?:this|it)\b)?(?:\s+(?:that|which))?(?:\s+[^.;,]{1,40}?)??\s+(?:(?:was|were|had\s+been|"
    r"has\s+been)\s+(?:\w+ly\s+)?)?(?:" + TREATED_WORD + r"|injected|diagnosed|found|managed|drained|aspirated|splinted|"
    # ('... responded to canalith repositioning in 2016 and has not returned', '..., which was put down to aspirin and
    # has since healed')
    r"suspected|responded|attributed|blamed)"
    r"(?:\s+(?:with|by|in|on|at|over|for|during|to)\s+[^.;,]{1,60}?)?,?\s+and\s+(?:(?:he|she|they)\s+)?(?:(?:is\s+|was\s+)?considered\s+)?"
    + _ENDED + r"|"
    # ... or treated before it was named ('was treated for chronic hepatitis C with sofosbuvir in 2016 and has been
    # considered cured since')
    # ('hospitalized for meningitis at age 6 and recovered fully')
    r"\s+(?:with|by|in|at)\s+[^.;,]{1,60}?\s+and\s+(?:(?:has|had)\s+been\s+(?:\w+ly\s+)?considered\s+|(?:is|was)\s+considered\s+)?"
    + _ENDED + r"|"
    # ... or by a pronoun opening the next clause ('an acute carpal tunnel syndrome of the right wrist; this resolved
    # within weeks', '... in 2019, and it has since cleared'; not what ended something else: 'it resolved the burning')
    r"(?:\s+[^.;,]{1,40}?)??(?:;|,?\s+and)\s*(?:this|it)\s+(?:later\s+|eventually\s+|then\s+)?" + _ENDED
    + r"(?!\s+(?:the|his|her|their|its|an?|it|them)\b)|"
    # ... or in a relative clause after it ('epilepsy in childhood, which she outgrew', 'tuberculosis in 1998, treated with
    # isoniazid, after which he was considered cured')
    # (not what ended something else: 'gabapentin for neuropathy, which resolved the burning')
    r"[^.;]{0,120}?,\s+(?:after\s+)?which\s+(?:(?:he|she|they|it)\s+)?(?:later\s+|eventually\s+)?" + _ENDED
    + r"(?!\s+(?:the|his|her|their|its|an?|it|them)\b)|"
    # ... or after what followed it ('Post-concussion syndrome (poor focus, irritability) followed and resolved')
    r"(?:\s*\([^()]{0,60}\))?\s+(?:followed|developed|persisted|lingered)\s+(?:[^.;,]{1,30}?\s+)?and\s+" + _ENDED + r"|"
    # ... or by its own verb after where and when it was ('A gout flare of the left ankle in 2012 had since
    # resolved', 'A right Bell's palsy in 2012 cleared within weeks')
    # (not past a label: 'Cannabis use disorder, mild Axis III: Healed burn')
    # ('A left kidney stone passed by itself', 'A gout flare in 2012, after a week of diuretics, resolved')
    # ('A vestibular neuritis found at an urgent care recheck late in 2019 had settled by the spring')
    # (nor a label over the next list: '1. Lumbar disc herniation' / 'Resolved:' / 'Gastritis')
    # (past a code in brackets: 'Opioid-induced constipation (K59.03) -- gone since Norco was stopped')
    r"(?:(?!\b(?:and|or|but)\b)(?:[^.;,:]|\([a-z]\d{2}\.\w{1,4}\))){0,70}?(?:,[^.;,:]{1,60},)?\s(?=ha[sd]\s|" + ENDED_WORD + r"\b)"
    + _ENDED + _NOT_AN_ADJECTIVE + r"(?!(?:\s+[a-z/]+){0,3}\s*:)|"  # (nor a label: 'Inactive / resolved problems:')
    # ... or treated and ended in a clause of its own ('an ulcer ... put down to aspirin; it was treated with famotidine
    # and has since healed', a note's '...; treated with famotidine and has since healed')
    r"[^.;]{0,120}?;\s*(?:(?:it|this)\s+(?:was|were|had\s+been)\s+)?treated(?:\s+(?:with|by)\s+[^.;,]{1,60}?)?\s+and\s+" + _ENDED + r"|"
    # ... or by what was done for it, a pronoun standing for it ('de Quervain's tenosynovitis in 2022; a steroid injection
    # that summer resolved it')
    r"[^.;]{0,60}?;\s*[^.;]{1,80}?\s" + ENDED_WORD + r"\s+(?:it|them)\b|"
    # ... or by a second relative clause ('colitis in 2015, which was put down to an antibiotic and which cleared')
    r"[^.;,]{0,40}?,\s*(?:which|that)\s+[^.;]{1,80}?\band\s+(?:which|that)\s+" + _ENDED + r"|"
    # ... or as the last of the notes in brackets after it, round or square, past their semicolons ('septic arthritis
    # (2015; drained, two weeks of antibiotics; cleared)', 'gallstones (2012 and 2016; both passed)')
    # (not a flare's end: 'gout (on allopurinol; a flare in 2019, settled)')
    r"(?:,?\s+[^\s()\[\].;,:]+){0,8}?\s*"  # (past its site and when: 'of the left leg after a fall in 2015', ', right flank')
    r"[(\[](?![^()\[\]]*\b" + _FLARE + r"\b)[^()\[\]]{0,160}?(?:[;,]|\s[-–—])\s*(?:both\s+|"
    r"all\s+|each\s+)?" + _ENDED + r"\s*[)\]]|"
    # (past a clause of its treatment or two of its notes: 'B12 deficiency in 2016; treated with injections; resolved',
    # 'Lyme disease 2012; doxycycline 3 weeks; resolved'; not a flare's end)
    r"(?:(?!\b(?:and|or)\b)[^.;]){0,160}?(?:;(?![^.;]*\b" + _FLARE + r"\b)[^.;]{1,60}){0,2}?;\s*" + _ENDED
    # (at the item's end: before the next item's bullet, number or label, 'resolved GI -- diverticulitis ...')
    + r"(?=\s*(?:[.;]|" + BULLET + r"\s|" + NUMBERED + r"\s|$)|\s+[a-z/&]{1,15}(?:\s+[a-z/&]{1,15})?\s*(?::|-{2,}|\s[-–—]\s))|"
    r"(?:" + _IN_THIS_SENTENCE_OR_THE_NEXT + r"(?:it|the\s+(?:condition|clot|thrombus|infection|ulcer|rash)|"
    # ('... was splinted in 2016, and that condition has resolved', '...; that has resolved'; not a flare 'that settled')
    r"(?:that|this)(?:\s+(?:problem|condition)|(?=\s+(?:has|had)\s))|"
    # ('headaches ..., which her physician diagnosed as post-traumatic headache; these had settled completely')
    r"(?:these|those|they)(?=\s+(?:have|had)\s))\s+|"
    # (not one of its flares: 'gout, on febuxostat, with an attack in 2016 that settled'; a list item's 'gout - a flare
    # in 2013, resolved' is the gout's end)
    r"(?:(?!\b(?:and|or)\b|\b" + _FLARE + r"\b[^.;,]{0,40}?\b(?:that|which)\b|\s"
    + NUMBERED + r"\s)[^.;]){0,80}?"
    r"(?:(?:[,;(:]|\s[-–—]|\s" + ARROW + r")\s*(?:(?:which|that)\s+)?|\s(?:which|that)\s+))"  # ('HCV - Epclusa 2020, SVR12 -> cured')
    + _ENDED
    + _NOT_AN_ADJECTIVE)
# ... or cured later in its sentence, however long, or in the next one that opens with a pronoun for it ('Latent
# TB, picked up on a skin test, got a course of rifampin and is considered cured', 'an ulcer's H. pylori, given
# quadruple therapy and eradicated', 'It was treated in 2017; no virus has been found since, and she is considered
# cured'): 'cured' and 'eradicated' tell of a disease and nothing else.
# So does an end told after its treatment ('... was treated with IV cefazolin, then two weeks of oral cephalexin, and
# had cleared completely') or the worker's full recovery ('..., and he has recovered fully since').
CURED_CLAUSE = re.compile(r"(?:[,;]\s*|\band\s+)(?:(?:he|she|they|it)\s+)?(?:(?:is|was|has\s+been|had\s+been)\s+)?"
                          r"(?:now\s+)?(?:considered\s+)?(?:cured|eradicated)\b|"
                          # ('his hepatologist considers him cured')
                          r"\b(?:considers?|considered|deems?|deemed|declared?)\s+(?:him|her|them)\s+(?:to\s+be\s+)?cured\b|"
                          r"\b" + TREATED_WORD + r"\b[^.]*?\band\s+(?:(?:has|had)\s+)?(?:since\s+)?(?:completely\s+|fully\s+)?"
                          + ENDED_WORD + r"\b|"
                          r"\b(?:he|she|and)\s+(?:has\s+|had\s+)?(?:since\s+)?(?:fully\s+|completely\s+)?recovered"
                          r"(?:\s+(?:fully|completely))?(?=\s*[.;,])")
PRONOUN_OPENING = re.compile(r"\s*(?:it|this|the\s+(?:infection|virus|condition|disease))\s")


def _cured_later(ctx: LetterContext, span: Span, following: Span | None) -> bool:
    reach = ctx.sentence(span).end_char
    if PRONOUN_OPENING.match(ctx.lower, reach):
        reach = ctx.end_of_next_sentence(span)
    if following is not None:
        reach = min(reach, following.start_char)
    return CURED_CLAUSE.search(ctx.lower, span.end_char, reach) is not None


# ... or named again by the last words of its name ('treated for iron deficiency anemia in 2014; the anemia has
# resolved', 'a left wrist sprain ... The wrist sprain resolved', 'her hepatitis B has cleared'): the end is the
# first condition's, and the second mention is no condition of its own.
# ... or dropped from the diagnoses, also named again at a sentence's start ('Panic disorder no longer appears among the
# The words that set a condition aside after it, in the passive ('was set aside as an explanation', 'was crossed off',
# 'was put to rest', 'was dismissed').
SET_ASIDE_WORDS = r"set\s+aside|crossed\s+(?:off|out)|(?:put|laid)\s+to\s+rest|dismissed|discarded"
# diagnoses', 'the fibromyalgia was dropped from the problem list')
_DROPPED = (r"(?:no\s+longer\s+(?:appears|applies|figures|features|is\s+(?:listed|carried|diagnosed))|(?:was|has\s+been)\s+"
            r"(?:dropped|withdrawn|removed|retracted|struck|abandoned|" + SET_ASIDE_WORDS + r")\b)")
# (the head may be told as a question or a diagnosis: 'the radiculopathy question was dropped')
ENDED_BY_ITS_HEAD = re.compile(r"(?:\b(?:the|his|her|their)\s+|;\s*(?!(?:the|his|her|their)\s)|(?<=\.\s))(?P<head>(?:[a-z0-9-]+\s+){0,3}?[a-z-]+)"
                               r"(?:\s+(?:question|diagnosis|label))?\s+"
                               # ('the ulcer was treated with famotidine and has since healed')
                               r"(?:(?:(?:was|were|has\s+been)\s+treated(?:\s+with\s+[^.;,]{1,40}?)?\s+and\s+)?" + _ENDED
                               + r"|" + _DROPPED + r")")
# ... or by a word for its name in the next sentence or clause ('Adhesive capsulitis was recorded in 2013. That label no
# longer applies', '...; the motion came back, and the diagnosis was crossed off'): the last condition named before it
LABEL_DROPPED = re.compile(r"(?:(?<=\.\s)|(?<=;\s)|(?<=\sand\s))(?:that|this|the)\s+(?:label|diagnosis|impression|condition|"
                           r"(?:[a-z]+\s+)?problem)\s+"
                           r"(?:" + _DROPPED + r"|" + _ENDED + r")|"
                           # ... or as the object of a clinician's verb ('the same consultant withdrew that diagnosis', 'the
                           # treating physician stopped listing it', 'she retracted that diagnosis')
                           r"\b(?:withdrew|retracted|rescinded|dropped|removed|struck|abandoned)\s+(?:that|this|the)\s+"
                           r"(?:diagnosis|label|impression)\b|\bstopped\s+(?:listing|recording|carrying|diagnosing)\s+"
                           r"(?:it|that\s+(?:diagnosis|label|condition))\b|"
                           # ('let that label drop', 'gave that impression no support', 'crossed it off')
                           r"\blet\s+(?:that|this|the)\s+(?:diagnosis|label|impression)\s+(?:drop|go|lapse)\b|"
                           r"\bgave\s+(?:that|this|the)\s+(?:diagnosis|label|impression|idea)\s+no\s+support\b|"
                           r"\bcrossed\s+(?:it|that\s+(?:diagnosis|label))\s+(?:off|out)\b|"
                           # ('did not meet full criteria for that diagnosis')
                           r"(?:did|does|do)\s+not\s+(?:meet|fulfill?|satisfy)\s+(?:the\s+)?(?:full\s+)?(?:diagnostic\s+)?criteria\s+"
                           r"for\s+(?:that|this|the)\s+(?:diagnosis|disorder|condition|label)\b|"
                           # ('his internist no longer carries that diagnosis')
                           r"\bno\s+longer\s+(?:carries|carried|lists|listed|records|recorded|includes|included|uses|used)\s+"
                           r"(?:that|this|the)\s+(?:diagnosis|label|condition|impression)\b")


# ... or passed, got over or no longer had after it ('diagnosed a right ureteral stone on CT; he passed the stone three
# days later', 'She no longer meets criteria for the panic disorder', 'has since recovered from the gastritis')
ENDED_BEFORE_ITS_HEAD = re.compile(r"\b(?:passed|no\s+longer\s+(?:has|have|had|suffers?\s+from|shows?|meets?\s+(?:the\s+)?"
                                   r"(?:full\s+)?(?:diagnostic\s+)?criteria\s+for)|(?:has|have|had)\s+(?:since\s+|now\s+)?"
                                   r"(?:fully\s+)?recovered\s+from|(?:is|was)\s+(?:now\s+)?free\s+of|got\s+over)\s+"
                                   r"(?:the|his|her|their)\s+")
HEAD_WORDS = 3  # the last words of a name that may stand for it
GENERIC_HEADS = frozenset({"infection", "disease", "disorder", "condition", "syndrome", "injury", "problem"})


def _head_at(low: str, at: int, words: list[str]) -> str | None:
    """The most of a name's last words (up to HEAD_WORDS) written whole at `at`."""
    for k in range(min(HEAD_WORDS, len(words)), 0, -1):
        head = " ".join(words[-k:])
        if low.startswith(head, at) and not low[at + len(head):at + len(head) + 1].isalnum():
            return head
    return None


SITE_TAIL = re.compile(r"\s+(?:of|in|at|involving)\s+(?:the\s+|his\s+|her\s+)?(?:[a-z-]+\s+){0,3}[a-z-]+$")


def _ended_by_its_head(ctx: LetterContext, mentions: list[Span], n: int, ended_by: set[int]) -> bool:
    """Whether the condition is named again by the last words of its name and said to have ended, in its sentence
    or the two after, with no condition of that name between; where those words stand goes into `ended_by`."""
    span = mentions[n]
    name = " " + ctx.span_lower(span)
    # (named again without its site: 'adhesive capsulitis of the left shoulder' ... 'the adhesive capsulitis resolved')
    bare = SITE_TAIL.sub("", name)
    lo, hi = span.end_char, ctx.end_of_next_sentence(span, after=2)
    heads = [(m.start("head"), m.group("head")) for m in ENDED_BY_ITS_HEAD.finditer(ctx.lower, lo, hi)]
    heads += [(m.end(), head) for m in ENDED_BEFORE_ITS_HEAD.finditer(ctx.lower, lo, hi)
              for head in [_head_at(ctx.lower, m.end(), name.split())] if head]
    label = LABEL_DROPPED.search(ctx.lower, lo, hi)
    if label and not any(lo <= other.start_char < label.start() for other in mentions[n + 1:]):
        return True
    for start, head in sorted(heads):
        # (or named more fully: 'a left L5 radiculopathy' ... 'The left L5 radiculopathy resolved')
        if name.endswith(" " + head) or bare.endswith(" " + head) \
                or (" " + head).endswith(name) and head.split()[-1] not in GENERIC_HEADS:
            # a word any condition may end in ('the infection resolved') is the nearest condition's
            if any(other.start_char < start and (head in GENERIC_HEADS
                                                 or (" " + ctx.span_lower(other)).endswith(" " + head))
                   for other in mentions[n + 1:]):
                return False
            ended_by.add(start)
            return True
    return False


# A condition weighed ('X was suspected') and then answered in the same sentence by normal findings ('Thoracic
# outlet syndrome was considered, but the Adson and Roos tests were negative', 'but her labs were all normal') or by
# its criteria not met ('PTSD was considered at intake, but she did not meet full criteria', 'criteria were not
# satisfied').
# (its short name or the part the condition is at may come between: 'thoracic outlet syndrome (TOS) was considered',
# 'CRPS of the right arm was considered'); a condition on a differential is weighed too
# (its code in brackets before or after its site: 'Complex regional pain syndrome of the left upper limb (G90.512) was
# considered')
_WEIGHED = (r"(?:(?:\s*\([a-z0-9 .-]{1,15}\))?(?:,?\s+(?:of|in|involving|at)\s+(?:the\s+|his\s+|her\s+)?(?:[a-z0-9-]+\s+){0,2}[a-z0-9-]+)?"
            r"(?:\s*\([a-z0-9 .-]{1,15}\))?"
            # (in a relative clause of its own: 'left ulnar neuropathy, which had been suspected, was not confirmed')
            r"(?:,\s*(?:which|that)(?=\s+(?:was|were|had|has)\b))?"
            # (or a participle alone: 'DVT of the L leg suspected post-op 10/2022')
            r"\s+(?:suspected|questioned|(?:was|were|ha[sd]\s+(?:also\s+)?been)\s+(?:\w+ly\s+|also\s+|both\s+|all\s+)?(?:" + WEIGHING_VERBS + r"|evaluated|feared|put\s+forward|"
            r"assessed|screened\s+for|checked(?:\s+for)?|looked\s+for|tested\s+for|investigated|(?:an?|the)\s+(?:diagnostic\s+|early\s+|main\s+|first\s+)?(?:concern|consideration|possibility|worry|suspicion)|(?:(?:placed|put|kept)\s+)?(?:on|in|part\s+of)\s+the\s+(?:[\w'’]+\s+)?(?:differential|list)\b(?!\s+of))|"
            r"(?:had|has|have|needed)\s+to\s+be\s+(?:excluded|ruled\s+out)|"
            # ('CRPS of the left leg came up on the differential last year', 'Restless legs syndrome came up at a later visit',
            # 'was brought up by the neurologist')
            r"(?:came\s+up|arose|appeared)\s+(?:\w+\s+)?(?:on|in)\s+the\s+(?:\w+\s+)?differential|came\s+up(?!\s+(?:with|short)\b)|"
            r"(?:was|were)\s+(?:also\s+)?brought\s+up)\b"
            # ... or a terse item of a list ('Sacroiliitis - suspected; FABER test negative')
            r"|\s*[-–—:]\s*(?:considered|suspected|questioned)\b)")
WEIGHED = re.compile(_WEIGHED)
CONFIRMED_AFTER = re.compile(_WEIGHED + r"[^.;]{0,60}?\b(?:and|but)\s+(?:was|were|has\s+been|had\s+been)\s+(?:\w+ly\s+|later\s+|"
                             r"then\s+)?confirmed\b(?!\s+(?:not|that)\b)")
# ... or by a test or a clinician after it, by a word for it ('suspected cubital tunnel syndrome; nerve studies
# confirmed the diagnosis', 'was suspected, and an MRI confirmed it', '...; it was confirmed by an EMG', 'suspected gout,
# which was confirmed by aspiration')
CONFIRMED_BY_A_PRONOUN = re.compile(r"\b(?:confirmed\s+(?:it|this|that|the\s+(?:diagnosis|suspicion|impression)|(?:this|that)\s+"
                                    r"(?:diagnosis|suspicion|impression))|(?:it|this|which|the\s+diagnosis)\s+(?:was|has\s+(?:since\s+|now\s+|also\s+)?been)\s+"
                                    r"(?:later\s+|then\s+|subsequently\s+|since\s+)?confirmed)\b")
NOT_BEFORE = re.compile(r"\b(?:not|never|n't)\s+(?:\w+\s+)?$")
CONFIRMED_REACH = 200


# ... or in the next sentence, by its name for it ('... questioned whether he had PTSD. A psychological evaluation confirmed
# that diagnosis')
CONFIRMED_BY_NAME = re.compile(r"\b(?:confirmed\s+(?:that|this|the)\s+(?:diagnosis|suspicion|impression)|(?:that|this|the)\s+"
                               r"(?:diagnosis|suspicion|impression)\s+was\s+(?:later\s+|then\s+|subsequently\s+)?confirmed)\b")


def _confirmed_by_a_pronoun(ctx: LetterContext, end: int, answer_end: int) -> bool:
    """A confirmation after a condition weighed, in its sentence (or past a semicolon), or by its name for it in the next
    sentence, before the next condition."""
    reach = min(answer_end, end + CONFIRMED_REACH)
    sentence_end = ctx.lower.find(". ", end, reach)
    m = CONFIRMED_BY_A_PRONOUN.search(ctx.lower, end, sentence_end if sentence_end >= 0 else reach)
    if m is None and sentence_end >= 0:
        next_end = ctx.lower.find(". ", sentence_end + 2, reach)
        m = CONFIRMED_BY_NAME.search(ctx.lower, sentence_end, next_end if next_end >= 0 else reach)
    return m is not None and not NOT_BEFORE.search(ctx.lower, max(0, m.start() - 16), m.start())


# ... or weighed by a verb before it ('The evaluator considered opioid dependence but concluded that he did not
# meet the criteria for it')
WEIGHED_BEFORE_REACH = 90  # characters read before the condition ('asked whether the worker's own joint aches might be')
# ('aspirated the knee to exclude septic arthritis', 'drew blood to rule out gout')
WEIGHED_BEFORE = re.compile(r"\b(?:(?:" + WEIGHING_VERBS + r"|to\s+(?:question|consider|suspect|entertain|weigh|exclude|"
                            r"rule\s+out|look\s+for|check\s+for|test\s+for|screen\s+for|evaluate\s+for))\s+"
                            r"(?:(?:the|a)\s+(?:possibility|question)\s+of\s+(?:an?\s+)?|a\s+diagnosis\s+of\s+|an?\s+)?|"
                            # ... or asked about ('wondered whether the swelling might be pseudogout', 'asked if this could
                            # represent a stress fracture')
                            r"(?:wondered|asked|questioned)\s+(?:whether|if)\s+(?:[a-z'’]+,?\s+){0,7}?(?:might|could|may|would)"
                            r"\s+(?:be|represent|reflect)\s+(?:an?\s+|the\s+)?|wondered\s+about\s+(?:an?\s+|the\s+)?|"
                            # ('questioned whether he had post-traumatic stress disorder')
                            # ('weighed whether she had a bipolar illness of her own')
                            r"(?:wondered|asked|questioned|weighed|considered|queried|explored)\s+(?:whether|if)\s+"
                            r"(?:he|she|they|the\s+(?:worker|patient))\s+"
                            r"(?:had|has|might\s+have|could\s+have)\s+(?:an?\s+)?|"
                            # ... or tested for ('also tested for celiac disease', 'looked for a thyroid
                            # disorder as a cause', 'raised concern about a peripheral neuropathy')
                            r"(?:tested|looked|checked|screened|evaluated|worked\s+(?:him|her|them)\s+up)\s+(?:him\s+|her\s+)?"
                            r"(?:(?:in|on|at)\s+[\w/]+\s+)?for\s+(?:an?\s+|the\s+)?|concern\s+(?:for|about|of)\s+(?:an?\s+|the\s+)?|"
                            # ('her primary care physician looked into hyperthyroidism')
                            r"(?:looked|looks|looking)\s+into\s+(?:an?\s+|the\s+|possible\s+)?|"
                            # ... or sent on for it, hedged ('sent her to rheumatology for possible fibromyalgia')
                            r"\b(?:for|of)\s+(?:possible|probable|presumed|query)\s+|"
                            # ... or a clinician's worry ('the surgeon was concerned about a loose body')
                            + CLINICIAN_WORRIED + r"\s+(?:an?\s+|the\s+|possible\s+)?|"
                            # ... or taken for it at first ('was initially thought to be gout', 'had at first been
                            # treated as primary insomnia')
                            r"(?:at\s+first|initially|first|originally)\s+(?:been\s+)?(?:(?:thought|felt|believed|presumed|"
                            r"assumed)\s+to\s+be|(?:treated|regarded|managed|labell?ed)\s+as|"
                            # ('first attributed the tingling to cubital tunnel syndrome')
                            r"attributed\s+(?:[a-z'’]+\s+){0,5}?to)\s+(?:an?\s+|the\s+)?|"
                            # ... or thought to be coming on ('felt he was developing a frozen shoulder')
                            r"(?:thought|felt|believed|suspected|wondered\s+(?:whether|if))\s+(?:that\s+)?(?:he|she|they|"
                            r"the\s+(?:worker|patient))\s+(?:was|were|might\s+be|may\s+be|could\s+be)\s+developing\s+"
                            r"(?:an?\s+|early\s+)?|"
                            # ... or on a differential ('the differential at the first visit included X')
                            r"differential(?:\s+diagnos[ie]s)?(?:\s+[a-z]+){0,4}?\s+(?:included|includes|was|were)\s+|"
                            # ... or named as what a test was done for ('studies were drawn to exclude hypothyroidism')
                            r"(?:drawn|done|obtained|performed|sent|checked|ordered)\s+(?:[a-z,-]+\s+){0,8}?to\s+(?:exclude|rule\s+out|"
                            r"look\s+for|check\s+for|screen\s+for)\s+(?:an?\s+|the\s+)?)"
                            r"(?:(?:right|left|bilateral|early|mild|possible|probable|true|underlying|occult|"
                            # ('suspected right carpal tunnel syndrome', 'early gout', 'wondered about a recurrent disc herniation')
                            r"inflammatory|recurrent|new)\s+)?$")
# A test's result that finds nothing ('the venous duplex was clean').
NORMAL_RESULT = r"(?:normal|negative|unremarkable|clean)"
_ANSWERED = (
    # ... or by a second verb of its own ('Alcohol abuse was considered because of his family history and was
    # excluded', 'X was suspected but has since been ruled out')
    # ('screened him for hemochromatosis, which was absent')
    _IN_THE_SENTENCE + r"*?(?:(?:\b(?:and|but)|,)\s+(?:which\s+)?(?:was|were|is|ha[sd](?:\s+(?:since|now|later|\w+ly))?\s+been)\s+"
    r"(?:\w+ly\s+|later\s+|then\s+)?(?:excluded|ruled\s+out|refuted|disproven|withdrawn|absent|" + SET_ASIDE_WORDS + r"|"
    r"not\s+(?:confirmed|supported|substantiated|found|seen|identified|present))|"
    # ... the second verb's auxiliary shared with the first ('was considered because of stiffness and ruled out')
    r"\band\s+(?:\w+ly\s+|later\s+|then\s+)?(?:excluded|ruled\s+out|refuted|disproven|" + SET_ASIDE_WORDS + r")\b|"
    # ... or by the tests it was named for ('studies were drawn to exclude hypothyroidism and were normal', '..., and
    # both came back normal')
    r"(?:and|,)\s+(?:(?:both|all|each|they|the\s+(?:tests?|results?|studies|labs?|panels?|screens?|work-?ups?|serology|"
    r"blood\s*work))\s+)?(?:were|was|came\s+back)\s+"
    r"(?:all\s+|both\s+)?" + NORMAL_RESULT + r"|"
    # ... or by the tests' normal results in brackets ('was looked for as a cause (TSH and free T4 both normal)')
    r"[^.;()]{0,80}?\([^()]{0,80}?\b" + NORMAL_RESULT + r"(?=[^()]{0,20}\))|"
    # ... or by findings after 'but', a semicolon or a colon ('X was questioned; nerve studies were normal', 'but the MRI
    # showed only mild spondylosis', 'but no crystals were seen', 'but the CT showed solid bridging bone', 'but the MRI
    # showed an intact tendon')
    # ... or by a test of its own after 'and' that was normal ('was raised as well, and his echo in 2019 showed normal
    # pressures')
    r"and\s+(?:his|her|their|the|an?)\s+[^.;]{0,60}?\b(?:(?:showed|revealed|demonstrated)\s+(?:an?\s+)?normal\b|"
    # ('and an overnight oximetry study in 2022 was normal')
    r"(?:was|were|came\s+back|returned)\s+(?:\w+ly\s+|all\s+|both\s+)?" + NORMAL_RESULT + r"\b)|"
    # (or a verdict of the clinician who weighed it: 'weighed somatic symptom disorder and concluded the criteria were not met')
    r"(?:(?:but|however|yet)\b|[;:]|\band\s+(?:then\s+)?(?:concluded|decided|determined)\b)(?:[^.;]|(?<=\d)\.(?=\d))*?\b(?:no\s+(?:[a-z-]+\s+){1,3}(?:was|were)\s+(?:seen|found|"
    r"identified|detected)|"
    # ('but the uric acid levels have been normal on three occasions')
    r"(?:was|were|is|are|came\s+back|returned|(?:have|has|had)\s+(?:\w+ly\s+|all\s+|both\s+)?been)\s+"
    r"(?:\w+ly\s+|all\s+|both\s+)?(?:" + NORMAL_RESULT + r"|benign|within\s+normal\s+limits)|showed\s+only\b|"
    r"showed\s+(?:an?\s+)?(?:solid|intact|healed|normal)\b|(?:(?:did|does|do)\s+not|didn't|doesn't|never|failed\s+to)\s+"
    # ('but rheumatology did not think he met criteria', 'but did not find that what she reported met the criteria')
    r"(?:(?:feel|think|believe|find)\s+(?:that\s+)?(?:[a-z'-]+\s+){1,5}?)?"
    r"(?:meet|met|fulfill?(?:ed)?|satisf(?:y|ied))\s+(?:the\s+|all\s+|its\s+|their\s+)?(?:[a-z0-9-]+\s+){0,2}criteria|"
    r"short\s+of\s+(?:the\s+|its\s+)?(?:[a-z0-9-]+\s+){0,2}criteria|criteria\s+"
    r"(?:(?:was|were|are|is|have|has)\s+(?:been\s+)?)?(?:not|never)\s+(?:been\s+)?(?:met|fulfilled|satisfied)|"
    # ... or tersely ('; facet loading negative bilaterally, not supported')
    r"(?<=[;:,]\s)(?:[a-z-]+\s+){1,3}negative|not\s+(?:supported|confirmed|substantiated)|"
    # ... or by a clinician who disagreed ('but the treating physiatrist disagreed, finding no ...')
    r"disagreed\b(?!\s+(?:with\s+)?(?:about|over|as\s+to)\b)|(?:did\s+not|didn't)\s+(?:agree|concur)\b(?!\s+(?:about|as\s+to)\b)|"
    # ... or by the state put down to something else ('but the psychiatrist attributed it to nightmares', 'but
    # was later put down to a sprain', 'but the spells were better explained by anxiety')
    # ... or concluded to be something else ('but the radiologist concluded the changes were old scarring and
    # nothing more')
    r"concluded\s+(?:that\s+)?[^.;]{0,80}?\b(?:nothing\s+more|nothing\s+else|only|merely|simply|instead|rather\s+than)\b|"
    r"(?:attributed|ascribed|put\s+down)\s+(?:it|this|that|them|the\s+[a-z-]+)\s+to|(?:was|were)\s+(?:\w+ly\s+|later\s+|"
    r"instead\s+)?(?:attributed|ascribed|put\s+down)\s+to|better\s+(?:explained|accounted\s+for)\s+by))\b")
WEIGHED_THEN_ANSWERED = re.compile(_WEIGHED + _ANSWERED)
ANSWER_REACH = 1500  # characters read after conditions weighed for their answer (two long sentences)
# ... or, for one a note doubts ('R/O'), by a test's note after it ('R/O septic arthritis - tap neg', 'OSA - r/o; sleep study
# 2021 neg', 'Lumbar radiculopathy - r/o; EMG 2019 w/o evidence of a root lesion')
_TEST_NOTED_NEGATIVE = (r"\s*[-–—;:,]\s*(?:[a-z/&-]+\s+|[\d/]+\s+){1,4}?"
                        r"(?:negative|neg|normal|nl|wnl|w/o\s+evidence|without\s+evidence|no\s+evidence)\b")
DOUBTED_THEN_TESTED_NEGATIVE = re.compile(r"(?:,?\s+(?:right|left|bilateral|bilat|r|l)\b)?"  # (past its side: 'CTS, right -- r/o; NCS normal')
                                          r"(?P<doubt>\s+(?:--|[-–—])\s+r/o\b)?" + _TEST_NOTED_NEGATIVE)
# ... and, for one weighed by a verb, by such a note later in the sentence ('DVT was suspected because of calf swelling;
# venous duplex 04/2020 negative', 'DVT of the L leg suspected post-op - duplex neg.')
WEIGHED_THEN_TESTED_NEGATIVE = re.compile(_WEIGHED + r"[^.;]{0,60}?" + _TEST_NOTED_NEGATIVE)
# ... or, for one named as what tests were done for, by the tests' result right after it ('labs sent to rule out anemia and
# gout were both normal')
TESTS_FOUND_NORMAL = re.compile(r"(?:\s+|[;,]\s*(?:all|both|they|these|each)\s+)(?:were|was|came\s+back)\s+(?:all\s+|both\s+)?"
                                + NORMAL_RESULT + r"\b")
# ... and one weighed by a verb before it, by a test that showed none ('wondered whether the knee might be gout, but
# the aspirate showed no crystals', also after the reason it was weighed, 'after two swollen toes, but ...'; read
# only there: after a list, 'showed no' may answer another item)
# ('looked into hyperthyroidism, but the thyroid panel came back clean')
SHOWN_NONE_AFTER = re.compile(r"[^.;:]{0,80}?(?:\b(?:but|however|yet)\b|[;:])[^.;]*?\b(?:(?:showed|revealed|demonstrated)\s+"
                              r"(?:no|none|nothing)|(?:came\s+back|returned)\s+(?:all\s+|both\s+)?" + NORMAL_RESULT + r")\b")
# ... and so is one weighed by a verb after it ('Nephrolithiasis was suspected during a visit for flank pain, but a CT
# showed no stones')
WEIGHED_THEN_SHOWN_NONE = re.compile(_WEIGHED + _IN_THE_SENTENCE + r"*?" + SHOWN_NONE_AFTER.pattern)
ANSWERED = re.compile(_ANSWERED)
# ... or by the next sentence's tests, all negative ('Gout and pseudogout were both considered, and septic arthritis
# had to be excluded. The knee was aspirated: no crystals were seen, and the Gram stain and culture were negative.')
ANSWERED_NEXT = re.compile(
    _IN_THE_SENTENCE + r"*?\.\s+" + _IN_THE_SENTENCE + r"*?\b(?:(?:was|were|came\s+back|returned)\s+(?:\w+ly\s+|all\s+|"
    r"both\s+)?(?:" + NORMAL_RESULT + r"|benign)|no\s+(?:[a-z-]+\s+){1,3}(?:was|were)\s+(?:seen|found|identified|detected)|"
    # ('His report answers that question in the negative.')
    r"answer(?:s|ed)?\s+(?:that|the|this)\s+question\s+in\s+the\s+negative|"
    r"(?:that|the|this)\s+question\s+(?:was|has\s+been)\s+answered\s+in\s+the\s+negative)\b")
# 'both' standing for what was named, not a determiner ('declined both physical therapy and injections')
ALONE = r"(?=\s*[.;,(]|\s+(?:of\s+them|because|saying|citing)\b)"
# The worker named by a noun ('the employee', 'the injured worker').
_WORKER_NOUN = r"(?:injured\s+)?(?:patient|worker|claimant|applicant|employee)"
# the worker's refusal ('declined it', 'which he turned down', 'refused both')
REFUSED = r"(?:declined|declines|refused|refuses|rejected|turned\s+down)"
# A drug's way off, which tells it was taken ('stopped', 'd/c'd', 'tapered').
_STOPPED = r"(?:stopped|discontinued|d/c(?:'?d)?|tapered|weaned)"
# A drug's own clause that tells its use ('hydroxyzine was stopped', 'Norco was later tapered').
USED_BY_ITS_VERB = re.compile(r"\s+(?:was|were|had\s+been|has\s+been)\s+(?:\w+ly\s+|later\s+|then\s+|eventually\s+)?"
                              r"(?:" + _STOPPED + r"|reduced|increased|continued|titrated|switched|changed)\b|"
                              # ... or its note, stopped after a while on it ('intolerant of Lexapro - nausea, stopped
                              # after 10 days')
                              r"\s*[-–—:,(]\s*(?:[^.;:()]{0,40}?[,;(]\s*)?" + _STOPPED + r"\s+after\s+(?:\d+|an?|one|two|three|"
                              r"four|five|six|several|a\s+few)\s+(?:days?|weeks?|wks?|months?|doses?)\b")
# What the records do not show, before a drug ('There was no evidence in the records that she had ever been prescribed')
RECORDS_SILENT_BEFORE = re.compile(r"\bno\s+(?:evidence|record|records|documentation|indication|mention)\b[^.;]*$")
# a drug put before the worker ('duloxetine discussed - pt would rather wait') ...
# (a drug put to the worker; recommended, it may be the request's: 'The provider recommended Neurontin')
_PROPOSED = r"(?:offered|suggested|proposed|discussed|raised|brought\s+up)"
OFFERED = r"(?:recommended|" + _PROPOSED + r")"
# ... and put off in a clause of the worker's own ('but she preferred to keep her tramadol', 'and he asked to hold
# off', '; he would rather wait and see', 'and the worker said she would rather not add a pill')
# ... or something else chosen first or instead ('she chose weight loss first', 'he asked to keep his Norco instead')
_OTHER_CHOSEN = (r"(?:(?:chose|preferred|opted\s+for|wanted)\s+(?!to\b)[^.;]{1,40}?\bfirst|"
                 r"(?:chose|preferred|opted|wanted|asked|elected)\s+to\s+(?:use|take|keep|stay\s+with)\s+[^.;]{1,40}?\binstead)")
# (the subject may be left to the clause before: 'was offered Lyrica but elected to remain on naproxen')
THEN_PUT_OFF = (r"(?:\b(?:but|and)|;)\s+(?:(?:he|she|they|pt|patient|the\s+(?:patient|worker))\s+|(?=(?:preferred|chose|opted|elected|"
                r"decided)\s))(?:(?:preferred|chose|opted|elected|"
                r"decided|wanted|asked)\s+to\s+(?:continue|stay|remain|keep|try|wait|hold\s+off|defer|manage|rely)|"
                # ('and she chose not to take a stimulant', 'but he decided against it')
                r"(?:preferred|chose|opted|elected|decided|wanted)\s+not\s+to\s+(?:take|start|try|use|add|begin|fill)\b|"
                r"decided\s+against\b|(?:has|have|had|did|does)\s+not\s+want(?:ed)?\s+to\s+(?:start|take|try|use|begin|fill)\b|"
                # ('but he has been unwilling to take it', 'and she is reluctant to start it')
                r"(?:(?:has|have|had)\s+been\s+|is\s+|was\s+|remains\s+|remained\s+)(?:unwilling|reluctant|not\s+willing)\s+"
                r"to\s+(?:start|take|try|use|begin|fill)\b|"
                r"(?:(?:said|says|stated)\s+(?:that\s+)?(?:he|she|they)\s+)?would\s+rather\s+(?:not|hold\s+off|wait|defer|stay|keep|"
                r"continue|taper|remain|stick)|" + _OTHER_CHOSEN + r"|"
                # ('but she refused to try another antidepressant', '; he declined it'; not 'he declined a trial of Y')
                + REFUSED + r"(?:\s+to\s+(?:try|take|start|use|begin|fill))?(?:\s+(?:it|them|this|that|(?:the|an?|another|any|"
                r"further|more|new)(?:\s+[a-z-]+){1,2}))?(?=\s*[.;,)]|\s+(?:because|due\s+to|d/t|citing|out\s+of|for\s+fear|"
                r"given|since|after|as)\b))")
# A drug the worker is said to be allergic to, right before it ('but she is allergic to morphine'), however often it is
# named as weighed or given.
_ALLERGIC_TO = r"(?:allergic|allergy|allergies|intolerant|intolerance|hypersensitive|hypersensitivity)\s+to\s+"
ALLERGIC_TO_BEFORE = re.compile(r"(?<!\bnot\s)(?<!\bnever\s)(?<!\bno\s)(?<!\bno\slonger\s)\b" + _ALLERGIC_TO
                                + r"(?:(?:the|all|any)\s+)?$")
# A drug put down as an allergy ('now charted as an allergy', 'carried on her chart as an intolerance') ...
_CHARTED_AS_AN_ALLERGY = (r"(?:now\s+)?(?:listed|recorded|charted|documented|noted|entered|carried)(?:\s+(?:on|in)\s+(?:his|her|the)\s+"
                          r"(?:chart|records?|file))?\s+as\s+(?:an?\s+|(?:his|her)\s+)?(?:\w+\s+)?(?:allerg(?:y|ies)|intoleran(?:ce|t))")
# ... or kept from the worker by a physician ('the cardiologist advised against it', 'recommended against starting ...')
ADVISED_AGAINST = r"(?:advised|advises|recommended|cautioned|warned)\s+(?:him\s+|her\s+)?against"
# A pronoun after a drug that denies it ('developed a rash with gabapentin and is now listed as allergic to it', 'Lyrica
# was offered; she declined it', 'she never filled it')
DRUG_DENIED_BY_PRONOUN = re.compile(
    _IN_THIS_SENTENCE_OR_THE_NEXT + r"(?:(?:was|were|(?:has|have|had)\s+been)\s+(?:\w+ly\s+)?(?:declined|refused|avoided|rejected)\b"  # '... but was declined'
    r"(?!\s+by\s+(?:the\s+)?(?:carrier|insurer|insurance|ur\b|utilization|claims|adjuster|reviewer|payer|employer))|"
    + _ALLERGIC_TO + r"(?:it|this|them)|"
    # ('the psychiatrist suggested quetiapine; he did not want it because of ...')
    # (not a class of drug named without a drug's name: 'could use a sleeping pill but does not want them')
    r"(?:did\s+not|didn't)\s+want\s+(?:it|this)\b|" + REFUSED + r"\s+(?:to\s+(?:take|start|try|use|fill)\s+)?"
    # ('offered nicotine gum and later bupropion ... and declined both', 'turned it down')
    r"(?:it|this|them|(?:both|each|either)" + ALONE + r")\b|turned\s+(?:it|this|them|both)\s+down|"
    # ('she never had the prescription filled')
    r"(?:never|did\s+not|didn't|(?:has|have|had)\s+not|hasn't|haven't)(?:\s+yet)?\s+(?:had|got|gotten|get|have)\s+"
    r"(?:the|that|this|its|his|her)\s+(?:prescription|script|rx)\s+filled\b|"
    r"(?:never|did\s+not|didn't|(?:has|have|had)\s+not|hasn't|haven't)(?:\s+yet)?\s+"
    # ('never filled or took it')
    r"(?:" + _NOT_HAD_VERB + r")(?:\s+or\s+(?:" + _NOT_HAD_VERB + r"))?\s+"
    # (not one stopped: 'has not taken it since 2018'; 'never applied the patches')
    # ('never took any.'; not a class of drugs after it, which the next mention may cut off: 'has never taken any opioid
    # medication')
    r"(?:it|this|them|(?:any|one)(?=\s*[.;,)]|\s+(?:because|as|when|so|and|but|or|though|although|until)\b)|"
    r"(?:the|that|this)\s+(?:prescription|script|rx|medication|patch(?:es)?|cream|gel|"
    r"pills?|tablets?)|"
    # ('never took a dose', 'never applied one')
    r"(?:a|one)\s+(?:single\s+)?(?:dose|pill|tablet|patch))"
    # (not a time since: 'has not taken it in a year', '... for two years'; a reason is no time: 'for fear of nausea')
    r"(?!\s+(?:in|since)\b|\s+for\s+(?!(?:fear|worry|worries|concerns?|reasons?|lack|cost|financial|personal)\b))|"
    # 'gets a rash from naproxen and charts it as an allergy', 'it is now charted as an allergy'
    r"(?:lists?|listed|records?|recorded|charts?|charted)\s+(?:it|this|them)\s+as\s+(?:an?\s+|(?:his|her)\s+)?(?:\w+\s+)?allerg(?:y|ies)|"
    # (or a participle's, '2014 - vomiting, listed as an allergy'; a pronoun's is ALLERGY_BY_PRONOUN's)
    r"(?<=[,;–—-]\s)" + _CHARTED_AS_AN_ALLERGY + r"|"
    # 'a Medrol Dosepak, which the surgeon offered instead, was never started'
    r"(?<=,\s)which\s+[^.;]{1,120}?,\s*(?:was|were)\s+(?:never|not)\s+(?:started|filled|taken|tried|used|pursued|prescribed|given)|"
    # ('which has not been started')
    r"(?:which|that)\s+(?:has|have|had|was|were)\s+(?:not|never)\s+(?:yet\s+)?(?:been\s+)?(?:started|filled|taken|tried|"
    r"picked\s+up|obtained)\b|"
    # ('was prescribed in 2020 and has never been filled', 'ordered but never dispensed')
    r"(?:and|but)\s+(?:(?:has|have|had|was|were)\s+)?(?:never|not)\s+(?:yet\s+)?(?:been\s+)?(?:filled|picked\s+up|dispensed)\b|"
    # ('he never had it filled')
    r"(?:never|did\s+not|didn't|(?:has|have|had)\s+not)\s+(?:had|have|get|got|gotten)\s+(?:it|this|them)\s+filled\b|"
    # 'she never picked them up', 'he did not pick up the prescription'
    r"(?:never|did\s+not|didn't|(?:has|have|had)\s+not|hasn't|haven't)(?:\s+yet)?\s+pick(?:ed)?\s+(?:(?:it|this|them)\s+up|"
    r"up\s+(?:it|this|them|the\s+(?:prescription|"
    r"script|rx|medication)))|"
    # 'the pharmacy says it was never picked up'
    # ('but the prescription has never been filled')
    r"(?:it|this|they|(?:the|that|this)\s+(?:prescription|script|rx|medication))\s+(?:(?:was|were|has\s+been|had\s+been)\s+"
    r"(?:never|not)|(?:has|have|had)\s+(?:never|not)\s+been)\s+"
    r"(?:picked\s+up|filled|dispensed|started|taken|used|prescribed|given|tried)|"
    # ('it went unfilled', 'she says she never put one on')
    r"(?:it|this|they|(?:the|that|this)\s+(?:prescription|script|rx))\s+(?:went|stayed|remained|was\s+left)\s+unfilled\b|"
    r"(?:never|did\s+not|didn't)\s+put\s+(?:it|one|them|any)\s+on\b|"
    # 'the worker did not want to fill it', 'did not want to start a second nerve pill'; '...; he did not want it' (the worker's
    # own clause, not 'could use a sleeping pill but does not want them')
    r"(?:did\s+not|didn't|does\s+not|doesn't)\s+want\s+to\s+(?:take|try|start|use|fill)\s+(?:it|this|them\b|"
    r"(?:an?|any|another|more)\s+(?:[a-z-]+\s+){0,2}?(?:medicines?|pills?|drugs?)\b)|"
    r"(?<=[;,]\s)(?:he|she|they|pt|the\s+(?:patient|worker))\s+(?:did\s+not|didn't|does\s+not|doesn't)\s+want\s+(?:it|this|them)\b|"
    # 'her cardiologist advised against it' (not a payer's refusal: the worker may have it all the same), 'she and her
    # daughter chose against it'
    + ADVISED_AGAINST + r"\s+(?:it|this|them)|(?:decided|decides|chose|elected|opted)\s+against\s+(?:(?:starting|using|"
    r"taking|trying)\s+)?(?:it|this|them)\b|"
    # ('he declined to prescribe it', 'he would not prescribe it')
    r"(?:declined|refused|would\s+not|wouldn't|will\s+not|won't)\s+(?:to\s+)?prescribe\s+(?:it|this|them)\b|"
    # ('asked to be switched to OxyContin, which the physician has declined to prescribe')
    r"(?:which|that)\s+(?:the|his|her)\s+(?:[a-z-]+\s+){0,2}?(?:physician|doctor|provider|prescriber|surgeon|psychiatrist|"
    r"clinician|pcp|ptp)\s+(?:has\s+|had\s+)?(?:declined|refused|(?:did|does|would)\s+not\s+agree)\s+to\s+(?:prescribe|give|"
    r"order|start|provide)\b|"
    # 'recommended glucosamine, which he has not started', 'was prescribed Norco, which he states he never filled'
    # or chose not to fill
    r"(?:which|that)\s+(?:(?:he|she|they)\s+(?:says?|states?|said|stated|reports?|reported)\s+(?:that\s+)?)?"
    r"(?:he|she|they|the\s+" + _WORKER_NOUN + r")\s+"
    r"(?:(?:(?:has|have|had|did)\s+)?(?:not|never)\s+(?:yet\s+)?(?:started|taken|take|took|tried|try|filled|fill|used|use|start|"
    r"opened|open|"
    r"pick(?:ed)?\s+up)"
    # ('which he elected not to fill', 'which she decided against', 'which he denies ever having taken')
    r"|(?:chose|decided|elected|preferred|opted|wished|wanted)\s+not\s+to\s+(?:take|start|try|use|fill|begin)\b"
    r"|(?:denies|denied)\s+(?:ever\s+)?(?:taking|using|filling|receiving|having\s+(?:taken|used|filled|received))\b"
    r"|(?:decided|chose|elected|opted)\s+against\b)"
    # (the verb has no object of its own: 'Norco, which he never filled.', '... which he never took because of ...'; not
    # 'and he reports that he never took the Percocet', '... that he has never taken methadone')
    r"(?=[ \t]*[.,;:)\n]|\s+(?:because|due|d/t|after|as|since|when|until|and|but|or|in|for|per|given|out|owing|while|"
    r"either|at\s+all|ever|yet|himself|herself)\b)"
    # (not one taken before and not lately: 'which she has not used in several months')
    r"(?!\s+(?:it\s+)?(?:in|for|since)\s+(?:more\s+than|over|the\s+(?:past|last)|about|almost|nearly|\d|an?\s|one|two|three|"
    r"several|many|months|years|weeks))|"
    # 'Prazosin was recommended, but she chose not to take it', 'Cymbalta was suggested, but she preferred not to change
    # medications' (or 'not to add another medication')
    r"(?:chose|chooses|decided|decides|elected|preferred|prefers|opted|wished)\s+not\s+to\s+(?:(?:take|start|try|use|fill|"
    r"begin|have|receive|get|undergo)\s+(?:it|this|them|the\s+(?:medication|prescription|drug)|(?:another|a|any)\s+(?:new\s+)?(?:[a-z]+\s+)?"
    r"(?:medicines?|medications?|drugs?|pills?))|(?:change|add)\b(?!\s+(?:jobs?|work|employers?|doctors?|physicians?|providers?)))|"
    # 'A switch to Nucynta was suggested, but she preferred to stay on the oxycodone'
    # ('Bupropion was suggested, and he preferred to try exercise first')
    + OFFERED + r"\b[^.]*?" + THEN_PUT_OFF + r"|"
    # ('Duloxetine suggested for mood - pt wants to wait', 'Metformin   offered by PCP 04/17; pt chose a diet trial first',
    # 'Elavil raised 05/2019 - he would rather wait', 'offered 2/2020 - pt "doesn't want more pills"')
    + OFFERED + r"\b[^.;]{0,40}?(?:[-–—,;]|\s)\s*(?:pt|patient|he|she)\s+(?:(?:says?|said|states?|stated)\s*:?\s*)?[\"“]?"
    r"(?:(?:wants|wanted|prefers|preferred)\s+to\s+(?:wait|hold\s+off|defer)|would\s+rather\s+(?:not|wait|hold\s+off|defer)|"
    r"(?:does\s+not|doesn't|did\s+not|didn't)\s+want\s+(?:to\s+(?:take|try|start|add|use)\b|it\b|them\b|(?:another|more|any|a|an|new)\s|"
    r"(?:opioids?|narcotics?|pills?|medications?|meds|drugs?)\b)|"
    + _OTHER_CHOSEN + r"))\b")


def _put_to_the_worker(verbs: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The verbs before a drug's name ('suggested a trial of ...') and after it ('... was discussed')."""
    # ('offered to change the gabapentin to Lyrica')
    return (re.compile(r"\b" + verbs + r"\s+(?:(?:a|an|the)\s+)?(?:trial\s+of\s+)?(?:[a-z-]+\s+){0,5}$"),
            re.compile(r"\s+(?:was|were|had\s+been|has\s+been)\s+(?:\w+ly\s+|also\s+|then\s+)?" + verbs + r"\b"))


# ... or offered before or after its name and put off after it ('Her internist suggested metformin, but she preferred
# to try a walking program first', 'Modafinil was suggested by the neurologist, and she chose not to take a
# stimulant')
OFFERED_BEFORE, OFFERED_AFTER = _put_to_the_worker(OFFERED)
# A drug put to the worker, not asked for
PROPOSED_BEFORE, PROPOSED_AFTER = _put_to_the_worker(_PROPOSED)
# ... or planned for the worker ('plans to rotate him to Belbuca', 'intends to start a trial of nortriptyline')
PLANNED_BEFORE = re.compile(r"\b(?:plans?|planned|planning|intends?|intended)\s+to\s+(?:start|begin|transition|switch|rotate|"
                            r"change|move|try|add|convert)\s+(?:(?:him|her|them|the\s+(?:worker|patient))\s+)?"
                            r"(?:(?:to|on|onto)\s+)?(?:(?:a|an|the)\s+)?(?:trial\s+of\s+)?(?:[a-z-]+\s+){0,2}$")
PUT_OFF_AFTER = re.compile(r"[^.;]{0,60}?(?P<off>" + THEN_PUT_OFF + r")\b")


# ... or kept from the worker after the last of a series, said of them all ('wants celecoxib, diclofenac and any
# other NSAID avoided', 'offered nicotine gum and later bupropion in 2023, and he declined both', or put off: 'offered
# bupropion and nicotine gum, but she has not wanted to try either'): the
# drugs and care named one after another, parted by commas, 'and' or 'or'.
IN_A_SERIES = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or)\s+)(?:then\s+|later\s+|also\s+)?(?:(?:a|an|the)\s+)?"
                         r"(?:other\s+|trial\s+of\s+)?")
REFUSED_ALL = re.compile(r"[^.]*?\b" + REFUSED + r"\s+(?:them\b|(?:them\s+)?(?:both|each|either|all)" + ALONE + ")")


def _declined_after_its_series(ctx: LetterContext, named: list[Span], span: Span) -> bool:
    last, following = span, _next_in(named, span)
    while following is not None and IN_A_SERIES.fullmatch(ctx.lower, last.end_char, following.start_char):
        last, following = following, _next_in(named, following)
    return last is not span and (_denied_after(ctx, last, following, DRUG_DECLINED_AFTER)
                                 or _denied_after(ctx, last, following, REFUSED_ALL)
                                 or _offered_then_put_off(ctx, last, following))  # ('..., but she has not wanted to try either')


def _past_the_same(drugs: list[Span], span: Span, following: Span | None) -> Span | None:
    """The next drug named after `following` when that names the same drug again ('Butrans ... -> ALLERGY
    (buprenorphine)')."""
    return _next_in(drugs, following) if following is not None and following.label_ == span.label_ else following


def _offered_then_put_off(ctx: LetterContext, span: Span, reach: Span | None) -> bool:
    """(A drug named in the worker's clause is the one chosen instead: 'suggested oxycodone; he asked to use tramadol
    instead'.)"""
    if OFFERED_BEFORE.search(ctx.lower, max(0, span.start_char - 50), span.start_char) is None \
            and OFFERED_AFTER.match(ctx.lower, span.end_char) is None or _replaced(ctx, span):
        return False
    m = PUT_OFF_AFTER.match(ctx.lower, span.end_char, min(ctx.sentence(span).end_char, span.end_char + PRONOUN_REACH))
    return m is not None and (reach is None or m.start("off") < reach.start_char)
# ... or the worker's refusal told in the drug's own sentence, with no word for it ('offered Suboxone, and he
# declined', 'Lyrica offered 1/2018, pt declined', 'offered 6/2016 - declined', 'offered in place of lorazepam,
# declined by the patient')
_DECLINED = (r"(?:(?:\b(?:he|she|they|pt|patient|the\s+" + _WORKER_NOUN + r")\s+(?:\w+ly\s+)?|(?:[-–,;]|" + ARROW + r")\s*|\band\s+)"
             r"(?:" + REFUSED + r"|avoided|avoids|" + ADVISED_AGAINST + r"|decl\b\.?|deferred|put\s+off)|"
             # (a drug kept from the worker needs no mark before the verb: 'Meloxicam avoided d/t CKD', 'Celecoxib ...... AVOID
             # per cardiology')
             r"\s(?:are\s+|is\s+)?(?:avoided|avoid(?=\s+(?:per|d/t|due\s+to|because|given|while)\b|\s*\()))")
DRUG_DECLINED_AFTER = re.compile(r"[^.;]*?(?:;\s*(?=(?:he|she|they|pt|patient|the)\s))?(?:"
                                 # ('the nephrologist asked that naproxen be avoided', not a sentence after it)
                                 # ('... meloxicam and celecoxib are not to be used with her warfarin')
                                 r"(?:should\s+|must\s+)?be\s+avoided\b|(?:(?:is|are)\s+not\s+to|(?:should|must)\s+not)\s+be\s+"
                                 r"(?:used|taken|given)\b|" + _DECLINED
                                 # (at a clause's end, or a list item's: 'Prazosin - proposed in 2017; patient declined'
                                 # before the next item or label)
                                 + r"(?=\s*(?:[.;,()]|" + NUMBERED + r"\s|" + BULLET + r"\s|" + SHORT_LABEL + r"\s)|"
                                 r"\s+(?:because|due\s+to|d/t|citing|owing\s+to|out\s+of|for\s+fear|per|by|given|since|after|until|for\s+that|"
                                 r"while))|"
                                 # 'suggested adding Abilify, which the patient declined because of ...'
                                 r"\bwhich\s+(?:he|she|they|the\s+" + _WORKER_NOUN + r")\s+(?:\w+ly\s+)?"
                                 + REFUSED + r"\b|\b(?:declined|refused)\s+by\s+"
                                 r"(?:the\s+)?(?:patient|pt|worker|claimant|applicant|employee|him|her)\b)")
# ... or at the end of its table row ('Methadone      -      offered 2019, declined')
# ... its reason after it, in brackets or quoted as the worker's words, perhaps after who said them ('offered 03/2021
# declined (fear of nausea)', 'refused      pt: "worried about dependence"'); a quote a line's end broke may stay open
_REASON = r"(?:\s*\([^()]{0,60}\)|(?:\s+[-–—]|,)?\s+(?:[a-z]{1,8}:?\s+)?[\"“][^\"“”]{0,80}[\"”]?)?"
# (in a table's row the refusal may follow a column's gap alone: 'offered 03/2021      declined')
# (past a strength's decimal point, 'Voltaren gel 1.5%   offered 02/2022   declined'; what is refused may follow, 'offered
# 09/2023; refuses opioids')
DRUG_DECLINED_AT_ITS_END = re.compile(r"(?:[^.;]|(?<=\d)\.(?=\d))*?(?:;\s*(?=(?:he|she|they|pt|patient|the)\s))?(?:" + _DECLINED
                                      + r"|\s(?:declined|refused|decl\b\.?))(?:\s+(?:all\s+)?(?:opioids?|narcotics?|it|them|"
                                      r"medications?|meds|pills))?(?:\s+[\d/]{4,10})?" + _REASON + r"\s*$")
# ... or a terse clause that ends the drug's ('Nucynta denied by the carrier, never started.', 'Rx'd 2/2020 - never picked up.')
# ('pt did not fill', 'she has not filled it')
# ('Methadone - prescription never filled', 'samples were handed to her; she has not opened them')
_NEVER = (r"(?:(?:the\s+)?(?:pt|patient|worker|claimant|he|she|prescription|script|rx)\s+(?:was\s+)?)?"
          r"(?:(?:never|not)\s+(?:yet\s+|ever\s+)?(?:started|filled|taken|"
          r"tried|trialed|dispensed|received|initiated|begun|picked\s+up|obtained|rx'?d|prescribed|opened)|"
          r"(?:did\s+not|didn't|has\s+not|hasn't)\s+(?:fill(?:ed)?|start(?:ed)?|pick(?:ed)?\s+(?:it\s+)?up|open(?:ed)?))"
          r"(?:\s+(?:it|them))?\s*")
# (also after a clause of another verb: 'was ordered in 2019, was not covered and was never obtained')
_NEVER_HAD = (r"[^.;,]{0,60}(?:[,;:]|\s[-–—]|\s" + ARROW + r"|\sand(?=\s+never\b))(?:[^.;,]{0,40}?\band\s+(?:was|were)\s+)?\s*"
              r"(?:(?:rx'?d|prescribed|(?:rx\s+)?written|ordered)\s*,\s*)?" + _NEVER)  # ('...; prescribed, never filled')
# ... or in a relative clause after it ('amitriptyline 25 mg at bedtime, which she admits she has never taken')
NEVER_TAKEN_IN_ITS_CLAUSE = re.compile(r"[^.;,]{0,30}?,\s+which\s+(?:[^.;,]{0,50}?\s)?(?:has|have|had)\s+never\s+"
                                       r"(?:taken|filled|started|tried|used)\b")
NEVER_HAD_AFTER = re.compile(_NEVER_HAD + r"(?:\([^()]{0,60}\)\s*)?(?:[.;,]|(?=" + NUMBERED + r"\s|" + BULLET + r"\s))")  # ('- never rx'd (PTP policy).')
# ... at its table row's end, also after a column's gap ('prescribed 03/2024; never filled', 'prescribed 08/2014
# never filled'), past an abbreviation's dot ('fam. phys. 02/2021 written, never filled')
NEVER_HAD_AT_ITS_END = re.compile(r"(?:[^.;,]|\.(?=\s+[a-z0-9])){0,90}(?:[,;]|\s[-–—]|\s" + ARROW + r"|\s)\s*" + _NEVER + _REASON + r"\s*$")
# ... or an allergy or intolerance at its row's end, after an arrow, a dash, a colon or a comma ('stopped: blistering at
# every patch site -> ALLERGY (buprenorphine)', '2014, intolerant (palpitations)', 'Celecoxib: charted as an allergy';
# not 'not an allergy')
ALLERGY_AT_ITS_END = re.compile(r"(?:[^.;]|\.(?=\s+[a-z0-9]))*?(?:" + ARROW + r"|[-–—:,])\s*(?<!\bnot\s)(?:now\s+)?"
                                # ('Celecoxib: charted as an allergy (facial swelling)')
                                r"(?:(?:charted|listed|documented|recorded|noted|carried|flagged)\s+as\s+)?(?:an?\s+)?(?<!\bnot\san\s)"
                                # (its reaction after it: '(hives)', '- itching')
                                r"(?:allerg(?:y|ic|ies)|intoleran(?:t|ce))\b(?:\s*\([^()]{0,40}\)|\s*[-–—:]\s*[a-z][a-z ,/]{0,40})?\s*$")
PRONOUN_REACH = 300
LABEL_REACH = 500  # characters to a word for a diagnosis stated before, two sentences on ('the radicular diagnosis')
# ... or said not started right after its name, or in a terse sentence of its own after it ('OxyContin was not started',
# 'celecoxib was not prescribed'; '... wrote the first script. Never filled.'; not 'was not started until 2019',
# 'was started in 2019 and was not given again'; not one taken before and its other form 'not tried')
NOT_STARTED_AFTER = re.compile(r"(?:\s+(?:cream|gel|patch(?:es)?|ointment|spray|tablets?|capsules?)|"
                               # ... or its prescription, and who wrote it ('A tramadol prescription from urgent care for
                               # his back was never filled')
                               r"\s+(?:prescription|script|rx)(?:\s+(?:from|by|for|written|dated|issued)\b[^.;,]{1,60}?)?)?"
                               # ('was mentioned as a possibility and has not been prescribed')
                               r"(?:\s+(?:was|were)\s+(?:mentioned|discussed|raised|suggested|proposed|offered|considered|"
                               r"recommended)\b[^.;]{0,60}?\s+and)?"
                               r"\s+(?:was|were|has\s+been|had\s+been|(?:has|have|had)(?=\s+(?:not|never)\s+been))\s*(?:never|not)\s+"
                               r"(?:been\s+)?(?:yet\s+)?(?:started|filled|prescribed|given|picked\s+up|dispensed|begun|"
                               r"initiated)\b(?!\s+(?:until|till|again)\b)|"
                               # ('A prescription for Remeron 15 mg written in 08/2022 went unfilled')
                               r"[^.;]{0,60}?\s(?:went|stayed|remained|was\s+left)\s+unfilled\b|"
                               r"[^.]{0,120}\.\s+(?:(?:it|this|the\s+(?:prescription|script|rx))\s+was\s+)?" + _NEVER + r"[.;]")
# ... or never filled or kept from the worker before its name ('She never filled the Medrol', 'He has never been
# prescribed naloxone', 'the nephrologist advised against starting meloxicam')
NEVER_HAD_BEFORE = re.compile(r"\b(?:(?:never|did\s+not|didn't)\s+(?:fill(?:ed)?|start(?:ed)?|pick(?:ed)?\s+up)|never\s+(?:took|taken|tried)|"
                              r"(?:has|have|had)\s+never\s+been\s+(?:prescribed|given|started\s+on|tried\s+on)|"
                              # ('her internist has avoided celecoxib given her kidneys')
                              r"(?:has|have|had)\s+(?:\w+ly\s+)?avoided|"
                              # ('she is open to trying a lidocaine patch')
                              r"(?:is|are|was|were)\s+(?:now\s+)?(?:willing|open)\s+to\s+(?:try|trying|start|starting)|"
                              + ADVISED_AGAINST + r"(?:\s+(?:any|using|starting|adding|"
                              r"taking|trying|moving\s+to|switching\s+to|oral))?)\s+(?:the\s+|her\s+|his\s+|an?\s+|any\s+)?$")
GENERIC_MEDICATION = "medication"  # the service the word 'medications' names
# ... or an allergy said of it by a pronoun a few clauses on ('... was given codeine after the extraction. Two days later
# her face swelled and she went to urgent care; it was charted as an allergy from then on.')
# (also in a relative clause's, 'which is charted as an allergy')
ALLERGY_BY_PRONOUN = re.compile(_IN_A_CLAUSE + r"(?:[.;]\s*" + _IN_A_CLAUSE + r"){0,3}\b(?:it|this|they|which)\s+"
                                r"(?:is|are|was|were|has\s+(?:since\s+)?been|have\s+been)\s+" + _CHARTED_AS_AN_ALLERGY + r"\b")


# 'Lumbar stenosis was suspected, but the MRI showed no stenosis': a test said to show none of the condition's
# head word or its kin ('deep vein thrombosis ... showed no thrombus'), in its sentence or the next (not 'showed no
# cord signal change' after 'possible cervical myelopathy').
# (the none may come later in the test's clause: 'showed patent veins, good flow and no thrombus'); a name whose last
# word is generic goes by the word before it ('cauda equina syndrome ... with no pressure on the cauda equina')
SHOWN_ABSENT = re.compile(r"\b(?:showed|shows|revealed|demonstrated|found)\s+(?:[^.;]{0,80}?\s)?(?:no|without)\s+"
                          r"(?P<words>(?:[a-z-]+\s+){0,4}[a-z]+)\b")


def _shown_absent_after(ctx: LetterContext, span: Span) -> bool:
    words = ctx.span_lower(span).split()
    head = words[-2] if len(words) > 1 and words[-1] in GENERIC_HEADS else words[-1]
    stem = _stem(head)
    return any(stem in map(_stem, m.group("words").split())
               for m in SHOWN_ABSENT.finditer(ctx.lower, span.end_char, ctx.end_of_next_sentence(span)))


def _answered_by_a_finding(ctx: LetterContext, span: Span, end: int, bound: int | None = None,
                           levels: bool = True) -> bool:
    """'A nonunion at L5-S1 was feared; the CT found solid bony fusion': a finding of a test that shows the condition
    absent, from the catalogue of such findings, before `bound` (its sentence or the next); `levels`: also a measure
    a treated condition is kept at ('the TSH was normal'), which answers only a condition weighed."""
    pattern = _findings_against(link.icd10cm(span.label_) or "", levels)
    bound = ctx.end_of_next_sentence(span) if bound is None else bound
    return pattern is not None and pattern.search(ctx.lower, end, bound) is not None


@cache
def _findings_against(code: str, levels: bool) -> re.Pattern | None:
    """The findings that show the condition of `code` absent, each its words in order with up to FINDING_GAP words
    between them ('solid bilateral posterolateral fusion'), a word's plural or adverb ending allowed."""
    findings = [finding for finding, against in vocab.findings_against().items()
                if code and code.startswith(against.conditions) and (levels or not against.level)]
    if not findings:
        return None
    gap = r"(?:[\s,/-]+[\w/-]+){0," + str(FINDING_GAP) + r"}?[\s,/-]+"  # (a date is one word: 'EMG of 04/09/2014 was normal')
    return re.compile("|".join(r"\b" + gap.join(RESULT_WORDS.get(word, re.escape(word) + r"(?:s|es|ly)?") for word in finding.split())
                               + r"\b" for finding in findings))


# A result's other words ('a TSH within range', 'RF nonreactive')
RESULT_WORDS = {"normal": r"(?:normal|unremarkable|wnl|within\s+(?:the\s+)?(?:normal\s+)?(?:range|limits))",
                "negative": r"(?:negative|neg|nonreactive|non-reactive)"}


FINDING_GAP = 5


def _stem(word: str) -> str:
    """A word's first letters, which its kin share ('thrombosis' and 'thrombus', 'neuroarthropathy' and
    'neuropathic')."""
    return word[:STEM_LENGTH]


STEM_LENGTH = 5


# (who made it or when, in a participle's phrase: 'diagnosed by her first psychologist', 'raised at the emergency visit',
# 'diagnosed early on')
_WHO_MADE_IT = (r"\s+(?:diagnosed|made|given|raised|recorded|proposed)(?:\s+(?:by|in|at|during)\s+[^.;,]{1,50}?|"
                r"\s+(?:early\s+on|at\s+first|initially|originally|earlier|previously))")
EXCLUDED_AFTER = re.compile(r"(?:\s+(?:that|which)\s+[^.;,]{1,60}?|" + _WHO_MADE_IT + r")?"  # (past a short relative clause: 'that the chiropractor
                            # had suspected', or its site: 'radial tunnel syndrome at the left elbow was excluded')
                            r"(?:\s+(?:at|of|in)\s+(?:the\s+)?(?:[a-z-]+\s+){0,2}?[a-z-]+(?=\s+(?:was|were|ha[sd])\b))?"
                            r"\s+(?:was|were|ha[sd]\s+been)\s+(?:\w+ly\s+|also\s+|then\s+|thus\s+|thereby\s+|therefore\s+|both\s+|"
                            r"all\s+)?"
                            r"(?:(?:looked|tested|checked|screened)\s+for\s+and\s+)?(?:excluded|ruled\s+out|"  # ('was looked for and excluded')
                            # ('was set aside as an explanation', 'was crossed off', 'was put to rest')
                            # ('...; carpal tunnel syndrome was not found')
                            r"not\s+(?:supported|confirmed|substantiated|found|seen|identified|demonstrated|detected|borne\s+out)|"
                            r"refuted|disproven|" + SET_ASIDE_WORDS + r")\b")


# A verb and its particle around what they deny.
QUESTION_OF_BEFORE = re.compile(r"(?:the|any)\s+(?:question|possibility|idea|notion|concern|diagnosis|suspicion)\s+of\s+(?:an?\s+)?$")
DENYING_AROUND = ((("ruled ", "rules ", "ruling "), " out"), (("set ", "sets ", "setting ", "put ", "puts ", "putting "), " aside"),
                  (("put ", "puts ", "putting ", "laid ", "lays ", "laying "), " to rest"))


def _ruled_out_around(ctx: LetterContext, span: Span, first: Span, last: Span) -> bool:
    """'the neurologist ruled ALS out', 'after setting gout and pseudogout aside': the conditions
    named together between a verb and its particle; or a list's terse item 'Rheumatoid arthritis ruled out
    (rheumatoid factor negative)', 'CRPS, left lower extremity - ruled out'."""
    low = ctx.lower
    # (past what the verb took up: 'put the question of a cervical radiculopathy to rest')
    question = QUESTION_OF_BEFORE.search(low, max(0, first.start_char - 40), first.start_char)
    before = question.start() if question else first.start_char
    if any(low.endswith(verbs, 0, before) and low.startswith(particle, last.end_char) for verbs, particle in DENYING_AROUND):
        return True
    m = RULED_OUT_RIGHT_AFTER.match(low, span.end_char)
    return m is not None and not _heads_a_list(ctx, m.start("verdict"))


# ... or a table's cell, after the row's first ('Rheumatology     Gout - excluded; no crystals'), its code's
# ('274.9   Gout ........ ruled out - aspirate neg', '2. 401.9  Hypertension ....'), after the row's number ('2   Lupus
#      M32.9      Ruled out')
CELL_OPENING = re.compile(r"[ \t]*\|?[ \t]*(?:\d{1,2}[.)]?[ \t]+)?(?:(?:[a-z][\w/&.-]*(?: [\w/&.-]+)?|\d{3}(?:\.\d{1,2})?)"
                          + CELL_SEPARATOR.pattern + r")?"
                          + LEADING_QUALIFIERS.pattern, re.I)


def _opens_a_cell(ctx: LetterContext, span: Span) -> bool:
    start = ctx.span_original(span)[0]
    text = ctx.view.original
    return CELL_OPENING.fullmatch(text, text.rfind("\n", 0, start) + 1, start) is not None


# A terse item that opens with a condition and ends with a verdict on it past a clause of its own ('Lupus - seen
# by rheumatology for joint aches in 2018; ruled out.')
ITEM_OPENING = re.compile(r"\s*(?:" + BULLET + r"|" + NUMBERED + r")?\s*(?:" + SHORT_LABEL + r"\s*)?"  # (under a sub-label: 'GI: ...')
                          r"(?:(?:r/o|rule\s+out|suspected|possible|probable|query)\s+)?"
                          r"(?:[clts]\d{1,2}(?:\s*-\s*[clts]?\d{1,2})?\s+)?"  # (at its level: 'L4-5 central stenosis: ...')
                          + LEADING_QUALIFIERS.pattern
                          + r"(?:[clts]\d{1,2}(?:\s*-\s*[clts]?\d{1,2})?\s+)?"  # (or after its side: 'Right C6 radiculopathy')
                          # (or its part: 'L knee gout - weighed; not felt to be present')
                          + r"(?:" + any_of(part for part in vocab.body_parts() if " " not in part) + r"\s+)?")
# ('...; taken off her list in 2019 by the hand surgeon')
_STRUCK_OFF = r"(?:taken|removed|struck|deleted|left|kept)\s+(?:" + _OFF_THE_LIST + r"|off\s+the\s+table)"
_VERDICT = (r"(?:ruled\s+out|r/o\s+by|r/o'?d\b|excluded|excl\b\.?|dropped|withdrawn|abandoned|not\s+present|absent|neg(?:ative)?|denied|denies(?=\s*(?:[;,.]|$))|"
            r"(?:replaced|superseded)\s+by|"  # ('Acute stress disorder ... replaced by PTSD 10/2021')
            + _STRUCK_OFF + r"|"
            r"not\s+(?:confirmed|supported|substantiated|pursued|diagnosed|dx(?:'?d)?)|(?:dx|diagnosis)\s+not\s+made|"
            r"not\s+(?:felt|thought|believed|found)\s+to\s+be\s+present|"  # ('- weighed; not felt to be present')
            r"no\s+longer\s+(?:being\s+)?(?:considered|suspected|pursued|carried|listed|used)|"
            # ('queried by the neurologist; ... so the diagnosis was never made')
            r"(?:the\s+)?(?:dx|diagnosis)\s+(?:was\s+)?never\s+made|"
            # (an infection's: 'Hepatitis B: surface antigen negative, antibody positive (vaccinated) - no infection')
            r"no\s+(?:active\s+|current\s+)?(?:infection|disease)\b|not\s+infected|never\s+infected|"
            r"(?:[a-z-]+\s+){0,2}criteria\s+(?:not|never)\s+met|(?:does|did)\s+not\s+meet\s+(?:[a-z0-9-]+\s+){0,2}criteria)")
# (at the item's end, or in a clause of its own inside it: 'Lupus - raised by the PCP in 2016; rheum 2017: criteria not
# met, not SLE', '- rheum eval 2021: does not meet ACR criteria')
ITEM_VERDICT = re.compile(r"(?:[;,:–—(]|(?<![a-z0-9])-|" + ARROW + r")\s*(?:" + _VERDICT + r"(?=[^;,.]{0,40}?(?:[;,.]|$))|" + _STRUCK_OFF
                          + r"|no(?=\s*(?:[;,.]|$))"  # (a bare 'no': 'Cauda equina syndrome - no')
                          # (or its end, past its code: 'Trigger finger, left (M65.30) -- resolved after an injection')
                          + r"|(?P<ended>" + ENDED_WORD + r")\b" + _NOT_AN_ADJECTIVE + r"(?=[^;,.]{0,40}?(?:[;,.]|$)))")
FLARE = re.compile(r"\b" + _FLARE + r"\b")


# A diagnosis its item says was made on the examination: a normal test after it does not deny it ('Carpal tunnel
# syndrome, left - clinical dx; NCS 2021 normal').
MADE_CLINICALLY = re.compile(r"\bclinical(?:ly)?\s+(?:dx|diagnos[ie]s|diagnosed)\b|\bdiagnosed\s+clinically\b")


def _verdict_ends_item(ctx: LetterContext, span: Span, following: Span | None) -> bool:
    sent = ctx.sentence(span)
    in_a_cell = _opens_a_cell(ctx, span)
    # (an item may open after a semicolon: 'A: PTSD, improving; OSA - considered, not dx'd')
    opening = max(sent.start_char, ctx.lower.rfind(";", sent.start_char, span.start_char) + 1)
    if not (in_a_cell or ITEM_OPENING.fullmatch(ctx.lower, opening, span.start_char)) \
            or MADE_CLINICALLY.search(ctx.lower, span.end_char, sent.end_char):
        return False
    verdict = ITEM_VERDICT.search(ctx.lower, span.end_char, sent.end_char)
    if verdict is not None and verdict.group("ended") and (FLARE.search(ctx.lower, span.end_char, verdict.start())
                                                           or ";" in ctx.lower[span.end_char:verdict.start()]):
        # a flare's end, not the condition's ('gout (on allopurinol; an attack in 2019, settled)'), nor the next item's
        # ('bursitis of the hip; and a wrist fracture in 2010, healed')
        verdict = None
    verdict = verdict or _verdict_alone_after(ctx, sent.end_char, ctx.end_of_next_sentence(span))
    return verdict is not None and (following is None or following.start_char > verdict.start()) \
        or in_a_cell and _verdict_in_its_row(ctx, span) \
        or _answered_by_a_finding(ctx, span, span.end_char, min(sent.end_char, following.start_char if following else sent.end_char),
                                  levels=False)


# ... or a later cell of its table's row that opens with a verdict ('Gout      rheumatology 2019      ruled out - no
# crystals') or with its end ('Zoster, right flank      2021      valacyclovir      cleared by spring')
CELL_VERDICT = re.compile(r"(?:" + _VERDICT + r"|(?:" + ENDED_WORD + r"|recovered))\b")


def _verdict_in_its_row(ctx: LetterContext, span: Span) -> bool:
    return any(CELL_VERDICT.match(cell) for cell in _later_cells(ctx, span))


def _later_cells(ctx: LetterContext, span: Span) -> list[str]:
    """The lower-cased cells of a table's row after the one a mention stands in (past the rest of its own cell), as
    written; none where no column's gap or leader dots follow it on its line."""
    end = ctx.span_original(span)[1]
    text = ctx.view.original
    line_end = text.find("\n", end)
    line_end = line_end if line_end >= 0 else len(text)
    # (a line of prose with two spaces after its full stops is no row: 'Voltaren gel prn. Celebrex - proposed;  not
    # started.' says nothing of the Voltaren)
    sentence_end = SENTENCE_STOP.search(text, end, line_end)
    return CELL_BREAK.split(text[end:sentence_end.start() if sentence_end else line_end].lower())[1:]


SENTENCE_STOP = re.compile(r"\.(?=\s+[A-Z][a-z])")


# A row's cells part at a column's gap or at leader dots ('GAD ........ not dx'd - better explained by the PTSD')
CELL_BREAK = re.compile(CELL_SEPARATOR.pattern + r"|\s*" + LEADER_DOTS.pattern + r"\s*")


# ... or in a sentence of its own after the item's ('- Pseudarthrosis L4-5 - suspected in 2020; CT showed solid fusion.
# Ruled out.')
VERDICT_ALONE = re.compile(r"[\s.]*(?P<verdict>" + _VERDICT + r")\s*\.?\s*$")


def _verdict_alone_after(ctx: LetterContext, start: int, end: int) -> re.Match | None:
    """A verdict in a sentence of its own, not a heading over the next items ('   Excluded' / '     2) Pulmonary
    embolism - ...')."""
    m = VERDICT_ALONE.match(ctx.lower, start, end)
    return None if m is None or _heads_a_list(ctx, m.start("verdict")) else m


def _heads_a_list(ctx: LetterContext, at: int) -> bool:
    """Whether the verdict's words at a view offset are a heading over the next items ('1) Asthma' / '   Excluded' /
    '     2) Pulmonary embolism - ...'), not the item's verdict."""
    start = ctx.view.to_original(at)
    return opens_its_line(ctx.view.original, start) and _a_heading(ctx.view.original, start)


# ... or past the part it was weighed to play ('Cervical radiculopathy as a source of her symptoms was not supported
# by EMG/NCV testing', 'Gout, as the cause of the swelling, was excluded', '..., as an explanation for her aching, ...')
DENIED_PAST_ITS_ROLE = re.compile(
    r",?\s+as\s+(?:an?|the|one|any)\s+(?:[a-z-]+\s+)?(?:source|cause|explanation|generator|contributor|driver|basis)"
    r"(?:\s+(?:of|for)\s+(?:[a-z-]+\s+){0,3}?[a-z-]+)?,?\s+(?:was|were|has\s+been|had\s+been)\s+(?:\w+ly\s+|later\s+|then\s+)?"
    r"(?:excluded|ruled\s+out|refuted|disproven|withdrawn|set\s+aside|dismissed|rejected|not\s+(?:confirmed|supported|"
    r"substantiated|found|borne\s+out))\b")
RULED_OUT_RIGHT_AFTER = re.compile(r"(?:\s*,\s*(?:(?!(?:and|or)\b)[a-z]+\s+){0,3}(?!(?:and|or)\b)[a-z]+\s*[-–—:,]\s*|"
                                   r"\s*[-–—:,]?\s+|\s*[(\[]\s*)(?P<verdict>ruled\s+out|excluded|"
                                   # ('solid fusion - pseudarthrosis r/o.'; not a list item's '- r/o', which asks)
                                   r"(?<=[a-z]\s)r/o(?=\s*(?:[.;,)\]]|$))|(?<=[-–—:]\s)(?:denied|neg|negative|absent))\b"
                                   r"(?!\s+(?:a|an|the|any|his|her)\b)")


# Conditions weighed together answered together, sentences later and past other conditions named on the way ('...
# wondered whether the swollen ankle was gout or cellulitis. He also has hypertension ... A joint tap and a blood
# count were normal, which put both of those concerns to rest.')
_BOTH_OF_THEM = (r"(?:both|all|each|none|neither)(?:\s+of)?(?:\s+(?:those|these|them|the))?(?:\s+(?:two|three|four))?"
                 r"(?:\s+(?:concerns|possibilities|questions|diagnoses|conditions|suspicions|worries|ideas|explanations))?")
GROUP_ANSWERED = re.compile(r"\b(?:(?:put|laid|set)\s+" + _BOTH_OF_THEM + r"\s+(?:to\s+rest|aside)|"
                            + _BOTH_OF_THEM + r"\s+(?:was|were|has\s+been|have\s+been)\s+(?:\w+ly\s+)?(?:excluded|ruled\s+out|"
                            r"dismissed|set\s+aside|put\s+to\s+rest|laid\s+to\s+rest|eliminated|answered)|"
                            r"(?:ruled|ruling)\s+(?:both\s+of\s+them|them\s+(?:both|all)|all\s+of\s+them|both)\s+out|"
                            r"(?:excluded|excluding)\s+(?:both\s+of\s+them|them\s+(?:both|all)|all\s+of\s+them|both)|"
                            # ('the EMG showed neither condition', 'met the criteria for neither proposed diagnosis',
                            # 'answered all three questions in the negative')
                            r"(?:showed|found|confirmed|supported|revealed)\s+(?:neither|none\s+of\s+(?:them|the\s+(?:two|three|four)))|"
                            r"criteria\s+for\s+neither|"
                            r"answered\s+(?:both|all(?:\s+(?:two|three|four))?)\s+(?:of\s+(?:the|those|these)\s+)?(?:questions|"
                            r"concerns|possibilities)\s+in\s+the\s+negative)\b")
GROUP_ANSWER_SENTENCES = 4  # sentences after the one that weighed them
GROUP_ANSWER_REACH = 1500  # characters read for them at most (a text without full stops is read no further)
GROUP_SENTENCE_END = re.compile(r"\.(?=\s)")


def _answered_as_a_group(low: str, end: int) -> bool:
    """Whether conditions weighed together, ending at `end`, are answered together within the next few sentences."""
    reach = min(len(low), end + GROUP_ANSWER_REACH)
    stop = end
    for _ in range(GROUP_ANSWER_SENTENCES):
        found = GROUP_SENTENCE_END.search(low, stop, reach)
        if found is None:
            stop = reach
            break
        stop = found.end()
    return GROUP_ANSWERED.search(low, end, stop) is not None


def _weighed_before(ctx: LetterContext, span: Span) -> bool:
    return WEIGHED_BEFORE.search(ctx.lower, max(0, span.start_char - WEIGHED_BEFORE_REACH), span.start_char) is not None


# An evaluator's conclusion that the worker does not have a condition ('the psychiatrist ... concluded that she does
# not have bipolar disorder', 'the QME concluded that she did not meet criteria for PTSD', 'reported that she no
# longer has an adjustment disorder', 'Does not diagnose GAD', 'withdrew the adjustment disorder diagnosis')
# outweighs its being stated before: the later word on it.
# ('his report states that the picture does not amount to CRPS')
CONCLUDED_BEFORE = re.compile(r"\b(?:conclude[sd]|determine[sd]|opine[sd]|(?:reported|reports|found|finds|stated|states|stating|"
                              r"writing|wrote|writes)\s+"
                              r"(?:in\s+(?:his|her|their|the)\s+(?:report|letter|note|evaluation)\s+)?that|(?:does|did)\s+not\s+diagnose|"
                              r"(?:did|does)\s+not\s+find\s+that|"
                              # ('the rheumatologist ... did not confirm fibromyalgia')
                              r"(?:did|does|could|would)\s+not\s+confirm|"
                              r"withdr(?:ew|awing)|retract(?:ed|ing)|rescind(?:ed|ing)|dropp(?:ed|ing)|abandon(?:ed|ing)|"
                              r"reject(?:ed|ing)|discard(?:ed|ing))\b")
# (who made it, set off by commas: 'An early impression of gout, made at an urgent care visit in 2011, did not hold up')
# ('... of gout in the left knee, made at ...')
_WHO_MADE_IT_SET_OFF = r"(?:\s+(?:in|of|at)\s+(?:the\s+|his\s+|her\s+)?(?:left\s+|right\s+)?[a-z]+)?,\s+(?:first\s+)?(?:diagnosed|made|given|raised|recorded|proposed|suggested)\b[^.;]{1,80}?,"
# ... or given up after it, its label or diagnosis withdrawn ('the adjustment disorder label was dropped', 'the
# diagnosis of fibromyalgia was later withdrawn', 'gout was removed from the problem list', 'set the adjustment disorder
# diagnosis aside')
WITHDRAWN_AFTER = re.compile(r"(?:\s+(?:label|diagnosis|dx|impression|designation))?"
                             # (past who made it: 'The adjustment disorder diagnosed by her first psychologist was replaced
                             # by these diagnoses')
                             r"(?:" + _WHO_MADE_IT + r"|" + _WHO_MADE_IT_SET_OFF + r")?"
                             # ('fibromyalgia has since been struck from the list')
                             r"\s+(?:was|were|(?:has|had)(?:\s+since|\s+now|\s+also)?\s+been)\s+"
                             r"(?:later\s+|then\s+|subsequently\s+|since\s+|eventually\s+|formally\s+)?"
                             r"(?:dropped|withdrawn|retracted|rescinded|abandoned|retired|(?:replaced|superseded)\s+by|"
                             # ('hypothyroidism was crossed off')
                             r"(?:crossed|scratched)\s+(?:off|out)|struck\s+out|"
                             + _STRUCK_OFF + r")\b"
                             # ... or a working diagnosis that did not hold ('An early working diagnosis of lumbar
                             # radiculopathy did not survive the 08/2013 electrodiagnostic study')
                             # (or in a relative clause: 'a label of hypertension that did not hold up at any later visit')
                             # ('a frozen shoulder had not materialized', 'the SLAP lesion did not pan out')
                             r"|(?:" + _WHO_MADE_IT_SET_OFF + r")?(?:,?\s+(?:that|which))?\s+" + _DID_NOT_HOLD + r"\b"
                             # ... or taken off a list by a verb before it ('has since taken cervical radiculopathy off her
                             # problem list', 'struck gout off the diagnosis list')
                             # ('discharged him with ankylosing spondylitis off the table')
                             r"|(?:\s+(?:label|diagnosis|dx))?\s+off\s+(?:the\s+table|(?:the\s+|his\s+|her\s+|their\s+)?"
                             r"(?:(?:active\s+)?problem\s+|diagnosis\s+)?list)\b"
                             # ... or set aside by name ('set the acute stress disorder label aside')
                             r"|\s+(?:label|diagnosis|dx)\s+aside\b"
                             # ... or absent from every report since ('Carpal tunnel syndrome has not been carried on any
                             # treating report since', '... is not mentioned in any of the surgeon's later reports')
                             r"|(?:,?\s+[^.;,]{1,60}?,)?\s+(?:(?:is|was|has|have|had)\s+not|(?:has|have|had)\s+not\s+been|(?:is|was)\s+"
                             r"no\s+longer|(?:has|have|had)\s+never\s+been)\s+(?:been\s+)?(?:carried|listed|mentioned|recorded|"
                             r"repeated|named|used)\s+(?:again\s+)?(?:on|in|by)\s+(?:any|the|later|subsequent|more\s+recent)\b"
                             r"[^.;]{0,60}?\b(?:reports?|notes?|records?|lists?|evaluations?|visits?)\b")
# ... or not thought or found present by a clinician ('the surgeon did not feel he had a frozen shoulder', 'but did not
# find adhesive capsulitis'), or what the worker told not found to meet its criteria ('did not find that the spells he
# told of met the criteria for a panic disorder')
_HE_HAD = (r"(?:he|she|they|the\s+(?:worker|patient|claimant|applicant|employee))\s+(?:had|has|have)\s+"
           r"(?:(?:ever|really|truly|actually)\s+)?(?:had\s+)?")
NOT_THOUGHT_PRESENT_BEFORE = re.compile(
    r"\b(?:(?:did|does)\s+not\s+(?:find\s+(?:any\s+)?|(?:find|think|feel|believe)\s+(?:that\s+)?(?:" + _HE_HAD + r"|"
    # ('did not believe the swelling was due to gout')
    r"(?:the|her|his|their)\s+(?:[a-z-]+\s+){1,2}(?:was|were|is|are)\s+(?:due\s+to|caused\s+by|from|a\s+sign\s+of)\s+|"
    r"[^.;]{0,80}?\b(?:met|meets|meet|fulfill?(?:ed|s)?|satisf(?:y|ied|ies))\s+"
    r"(?:the\s+|all\s+)?(?:[a-z0-9-]+\s+){0,2}criteria\s+(?:for|of)\s+))|"
    # ('doubted that he had ever had a seizure')
    r"doubted\s+(?:that\s+|whether\s+|if\s+)?" + _HE_HAD + r")(?:an?\s+|the\s+)?(?:[a-z-]+\s+){0,2}$")
# ... or disputed by a later clinician, by name ('the AME disagreed with the PTSD diagnosis') or in the next sentence, before
# the next condition named ('The vascular surgeon did not agree with this diagnosis', '...; the rheumatologist did not make
# that diagnosis'; in its own sentence 'that diagnosis' may be another's)
DISPUTED = r"(?:disagreed|disagrees|(?:did|does)\s+not\s+(?:agree|concur)|(?:didn't|doesn't)\s+(?:agree|concur))\s+with\s+"
# (by name: the condition with 'diagnosis' after it, or after 'the physiatrist's added diagnosis of')
DISPUTED_BEFORE = re.compile(r"\b" + DISPUTED + r"(?:the|an?|his|her|their|that|this)\s+"
                             r"(?:(?P<of>(?:[a-z'’-]+\s+){0,3}?(?:diagnosis|dx)\s+of\s+(?:an?\s+)?$)|(?:[a-z-]+\s+){0,2}$)")
DIAGNOSIS_AFTER = re.compile(r"\s+(?:diagnosis|dx|label|impression)\b")
# ('Her first physician diagnosed X; the panel QME doubted that diagnosis', '... did not confirm that diagnosis')
# (or in its own sentence after 'but': 'listed cervical radiculopathy, but the neurologist declined to adopt that diagnosis')
DISPUTED_AFTER = re.compile(r"(?:" + _IN_A_CLAUSE + r"[.;]\s*(?:" + _IN_A_CLAUSE + r";\s*){0,2}" + _IN_A_CLAUSE
                            + r"|[^.;]*?\bbut\b[^.;]*?)\b(?:" + DISPUTED
                            # ('the rheumatologist would not adopt that label', 'declined to make that diagnosis')
                            + r"|(?:did\s+not|didn't|would\s+not|wouldn't|declined\s+to|refused\s+to)\s+"
                            r"(?:make|accept|endorse|share|confirm|support|adopt|give|assign)\s+|"
                            r"(?:doubted|doubts|disputed|disputes|questioned|questions|rejected|rejects|refuted)\s+)"
                            r"(?:that|this|the|his|her|their)\s+(?:diagnosis|dx|impression|label)\b")


# ... or its tests named after it, for it and those named with it, negative ('HIV and hepatitis C serologies came
# back negative', 'Lyme titers were negative')
SEROLOGY_NEGATIVE_AFTER = re.compile(r"(?:,?\s+and\s+the|;\s*the)?"  # ('screened for HBV, and the surface antigen came back negative')
                                     r"\s+(?:[a-z-]+\s+){0,2}?(?:serolog(?:y|ies)|antibod(?:y|ies)|titers?|screen(?:ing|s)?|testing|tests?|"
                                     r"panel|pcr)\s+"
                                     r"(?:both\s+|all\s+)?(?:(?:was|were|are|is|came\s+back|returned)\s+)?(?:both\s+|all\s+)?(?:negative|neg|"
                                     r"non-?reactive|undetectable)\b")
# ... or its label dropped, revised or not borne out a clause or two on, in its sentence or the next, before the next
# condition named ('diagnosed an adjustment disorder; a year on that label was dropped in favor of PTSD', '...; because her
# symptoms went on beyond three months, that diagnosis was revised', '... was developing. That impression did not survive')
# ... or by a clinician who disagreed in the next clause, with no object ('... list type 2 diabetes; the QME disagreed,
# citing A1c values of 5.9%')
DISAGREED_NEXT = re.compile(r"[^.;]{0,40}?;\s*(?:the|an?|his|her|their)\s+(?:[a-z-]+\s+){0,3}?(?:disagreed|disagrees|"
                            r"(?:did|does)\s+not\s+agree)\b(?!\s+with\b)")
LABEL_DROPPED_AFTER = re.compile(_IN_A_CLAUSE + r"(?:[;.]\s*" + _IN_A_CLAUSE + r"){0,2}\b(?:that|this|the)\s+"
                                 # ('the provisional diagnosis was not carried forward', 'the recurrence was not borne out')
                                 r"(?:(?:provisional|working|tentative|initial|original|earlier|presumptive|radicular)\s+)?"
                                 r"(?:label|diagnosis|dx|impression|recurrence|suspicion)\s+(?:of\s+(?:an?\s+)?[a-z-]+\s+)?"
                                 r"(?:(?:was|were|has\s+been|had\s+been)\s+(?:later\s+|then\s+|subsequently\s+)?(?:dropped|withdrawn|"
                                 r"retracted|rescinded|abandoned|retired|removed|set\s+aside|replaced|superseded|"
                                 # (not one widened: 'that diagnosis was revised to include panic attacks')
                                 r"(?:revised|changed|amended)(?!\s+to\s+(?:include|add)))|"
                                 # ('but that diagnosis has never been borne out', 'That impression did not survive further
                                 # work-up')
                                 r"(?:has|have|had|was|were)\s+(?:never|not)\s+(?:been\s+)?(?:borne\s+out|confirmed|"
                                 r"substantiated|verified|established|carried\s+(?:forward|over))|"  # ('was not carried forward')
                                 + _DID_NOT_HOLD + r"|"
                                 # ('concluded that the diagnosis of a herniation could not be sustained')
                                 r"(?:could|can)\s*(?:not|n't)\s+(?:be\s+)?(?:sustained|supported|upheld|confirmed|maintained)|"
                                 r"(?:has|have|had|was|were)\s+not\s+been\s+(?:carried|listed|repeated)\s+(?:on|in)\s+(?:any|later)\b)\b"
                                 # ... or the symptoms told short of its threshold ('her symptoms fell well short of the
                                 # threshold for that disorder')
                                 r"|" + _IN_A_CLAUSE + r"(?:[;.]\s*" + _IN_A_CLAUSE + r"){0,2}\b(?:fell|falls|fall|were|was)\s+(?:\w+\s+)?"
                                 r"short\s+of\s+(?:the\s+)?(?:threshold|criteria)\s+(?:for|of)\s+(?:that|this|the)\s+"
                                 r"(?:disorder|diagnosis|condition)\b")


def _disputed(ctx: LetterContext, span: Span, following: Span | None) -> bool:
    before = DISPUTED_BEFORE.search(ctx.lower, max(0, span.start_char - 80), span.start_char)
    return before is not None and (before.group("of") is not None
                                   or DIAGNOSIS_AFTER.match(ctx.lower, span.end_char) is not None) \
        or _denied_after(ctx, span, following, DISPUTED_AFTER) \
        or _denied_after(ctx, span, following, LABEL_DROPPED_AFTER, reach=LABEL_REACH) \
        or _denied_after(ctx, span, following, DISAGREED_NEXT)


# ... or a verdict of its own that opens a clause with the condition named again ('SLE - raised 2022 ...; rheum: not SLE',
# '... AHI 3.1 -> no OSA', 'normal, not hypothyroid')
VERDICT_OPENING_BEFORE = re.compile(r"(?:^|[.;:,(]|" + ARROW + r"|\s[-–—])\s*(?:not|no)\s+$")
# A condition weighed by 'considered' right before it ('considered gout', 'considered a diagnosis of lupus'), or worried
# about ('his internist worried about an aortic aneurysm'): the worry is the physician's, not a worker's about care
# asked for.
# ('a consulting physician proposed complex regional pain syndrome': a diagnosis put forward, not care asked for)
CONSIDERED_BEFORE = re.compile(r"\b(?:consider(?:ed|s|ing)?|proposed|mooted|floated|put\s+forward|hypothesi[sz]ed|contemplated|"
                               r"(?:worried|concerned)\s+(?:also\s+)?about)\s+"
                               # ('considered whether she had fibromyalgia')
                               r"(?:(?:whether|if)\s+(?:he|she|they|the\s+(?:worker|patient))\s+(?:had|has|might\s+have|could\s+have)\s+)?"
                               r"(?:the\s+possibility\s+of\s+|a\s+diagnosis\s+of\s+)?(?:an?\s+)?(?:[a-z-]+\s+){0,2}$")


def _considered(ctx: LetterContext, mentions: list[Span], n: int) -> bool:
    """Weighed by 'considered' or a worry right before it, here or where its sentence named it first ('worried about a
    loose body, but no loose body was seen')."""
    span = mentions[n]
    start = ctx.sentence(span).start_char
    return any(CONSIDERED_BEFORE.search(ctx.lower, max(0, m.start_char - 50), m.start_char)
               for m in (span, *(m for m in mentions[:n] if m.start_char >= start and m.label_ == span.label_)))


# A clinician's finding of none is theirs, not the image's, even beside a study's reading ('the MRI showed no
# white matter lesions, and the neurologist saw nothing to support multiple sclerosis')
CLINICIAN_FOUND_NONE = re.compile(r"\b" + CLINICIAN + r"\s+(?:\w+\s+)?(?:found|saw|identified)\s+(?:no|nothing)\b")
# A condition the state was put down to is stated, and still weighed: a test after it may deny it ('attributed the
# groin pain to an inguinal hernia, but an ultrasound showed no hernia').
ATTRIBUTED_BEFORE = re.compile(r"\b" + ATTRIBUTING + r"\s+(?:an?\s+|the\s+|his\s+|her\s+)?(?:[a-z0-9-]+\s+){0,4}$")


def _attributed_to(ctx: LetterContext, span: Span) -> bool:
    lo = max(0, span.start_char - 80)
    return any(ctx.lower.find(word, lo, span.start_char) >= 0 for word in ("attribut", " to be ", " down to")) \
        and ATTRIBUTED_BEFORE.search(ctx.lower, lo, span.start_char) is not None


def _next_conditions(ctx: LetterContext, mentions: list[Span]) -> list[Span | None]:
    """For each mention, the next one after it that names no symptom, is no short name in brackets of the one
    before it ('complex regional pain syndrome (CRPS) was also weighed, and the surgeon ruled it out'), is no
    relative's ('... lupus, the last because her mother has lupus. ... set each of those diagnoses aside') and is no
    finding said absent on the way ('Meniere's disease was weighed; with no fluctuating hearing loss, the ENT ruled it
    out') (one pass from the end)."""
    out: list[Span | None] = []
    upcoming = None
    for n in range(len(mentions) - 1, -1, -1):
        span = mentions[n]
        out.append(upcoming)
        if not _names_a_symptom(span) and not (n and _short_name_of(ctx, mentions[n - 1], span)) \
                and not (n and _reason_weighed(ctx, mentions[n - 1], span)) and not _said(ctx, span) & NOT_THE_WORKERS \
                and not FOUND_ABSENT_BEFORE.search(ctx.lower, max(0, span.start_char - 40), span.start_char):
            upcoming = span
    return out[::-1]


# A finding said absent: 'no' or 'without' and a few words before it, after a comma, 'and' or a clinician's finding
# ('with no headache during the spells and no hearing loss', 'found no history of photosensitivity or arthritis', 'there
# is no history of seizures')
FOUND_ABSENT_BEFORE = re.compile(r"(?:\bwith|\band|,|\bfound|\bshowed|\breported|\bis|\bwas|\bhad)\s+(?:no|without)\s+"
                                 r"(?:[a-z-]+\s+){0,4}$")


# The reason a condition was weighed, named after its verb ('Frozen shoulder was weighed because of her
# diabetes, but ... the orthopedist ruled it out'): what answers after it answers the one weighed.
REASON_AFTER_WEIGHING = re.compile(r"[^.;,]{0,40}?\b(?:(?:because\s+of|given|in\s+(?:view|light)\s+of|owing\s+to|due\s+to)\s+|"
                                   # ... or in a clause of its own ('a concern as she has needed prednisone for asthma')
                                   r"(?:because|since|as)\s+(?:he|she|they)\s+[^.;,]{0,60}?\bfor\s+)"
                                   r"(?:(?:his|her|their|the|a|an|known|long-?standing)\s+)*")


def _reason_weighed(ctx: LetterContext, before: Span, span: Span) -> bool:
    weighed = WEIGHED.match(ctx.lower, before.end_char)
    return weighed is not None and REASON_AFTER_WEIGHING.fullmatch(ctx.lower, weighed.end(), span.start_char) is not None


def _short_name_of(ctx: LetterContext, before: Span, span: Span) -> bool:
    """A condition's short name in brackets right after it ('thoracic outlet syndrome (TOS)')."""
    return OPEN_BRACKET.fullmatch(ctx.lower, before.end_char, span.start_char) is not None \
        and link.icd10cm(before.label_) == link.icd10cm(span.label_)


CONDITIONS_JOINED = re.compile(_JOINED)
LONE_COMMA = re.compile(r"\s*,\s*(?:an?\s+|the\s+)?")


def _last_named_with(ctx: LetterContext, mentions: list[Span], n: int) -> int:
    """The index of the last mention named together with mention n (n itself when none follows it so)."""
    while n + 1 < len(mentions) and _joined(ctx, mentions[n], mentions[n + 1]):
        n += 1
    return n


def _past_a_relatives_clause(ctx: LetterContext, span: Span) -> bool:
    """A condition that opens the main clause right after a clause about a relative's ('Because his father has gout,
    gout was considered'), or one named with it there: the worker's."""
    return RELATIVES_CLAUSE_BEFORE.search(ctx.lower, max(ctx.sentence(span).start_char, span.start_char - 120),
                                          span.start_char) is not None


RELATIVES_CLAUSE_BEFORE = re.compile(r"\b(?:because|since|as|although|though|while|given\s+that)\s+(?:his|her|their|the\s+"
                                     r"worker's|the\s+patient's)\s+(?:[a-z-]+\s+){0,2}?(?:" + RELATIVES + r")\s+(?:has|had|"
                                     r"have|was|were|is|suffers?|suffered)\b[^,.;]{0,60},\s*$")


def _first_named_with(ctx: LetterContext, mentions: list[Span], n: int) -> int:
    while n > 0 and _joined(ctx, mentions[n - 1], mentions[n]):
        n -= 1
    return n


def _joined(ctx: LetterContext, before: Span, after: Span) -> bool:
    return CONDITIONS_JOINED.fullmatch(ctx.lower, before.end_char, after.start_char) is not None \
        or WEIGHED_TOO.fullmatch(ctx.lower, before.end_char, after.start_char) is not None


# A verdict on a condition past a relative clause about it ('Lupus, which her internist weighed because of joint
# aches, was excluded by a negative ANA').
# ... or not confirmed past who raised it ('a diagnosis of gout raised at an urgent care visit was not confirmed by the
# rheumatologist')
NOT_CONFIRMED_PAST_WHO_MADE_IT = re.compile(_WHO_MADE_IT + r"\s+(?:was|were|has\s+been|had\s+been)\s+(?:\w+ly\s+)?not\s+"
                                            r"(?:confirmed|supported|substantiated|borne\s+out|upheld|accepted)\b")
# ... or denied in a relative clause after it ('..., which nerve studies in 2019 did not bear out', '..., which the MRI
# failed to confirm')
NOT_BORNE_OUT_AFTER = re.compile(r",?\s+(?:which|that)\s+(?:[^.;,]{1,60}?\s)?(?:did\s+not|didn't|does\s+not|failed\s+to|"
                                 r"could\s+not)\s+(?:bear\s+out|support|confirm|substantiate|show|demonstrate)\b")
VERDICT_PAST_A_RELATIVE_CLAUSE = re.compile(r"(?:,\s*(?:which|that|(?:first\s+|initially\s+|once\s+)?(?:" + WEIGHING_VERBS + r"))\s"
                                            r"[^.;]{1,120}?,|"  # (or a participle's: 'first considered for the heel pain,')
                                            # (or one of a clinician who weighed it, without commas: 'the left carpal
                                            # tunnel syndrome that her chiropractor had suspected was not supported')
                                            # (or in the passive: 'the cervical radiculopathy that had been suspected
                                            # early on was not confirmed')
                                            r"\s+(?:that|which)\s+(?:(?:had|has)\s+been\s+|(?:was|were)\s+|(?:(?:his|her|their|the|an?)\s+)?"
                                            r"[a-z-]+\s+(?:had\s+|has\s+)?)"
                                            r"(?:" + WEIGHING_VERBS + r"|proposed|diagnosed)(?:\s+(?:in|on|at)\s+[\w/]+|\s+early(?:\s+on)?|"
                                            r"\s+at\s+first|\s+initially|\s+earlier)?)"
                                            r"\s*(?:was|were|had\s+been|has\s+been)\s+"
                                            r"(?:\w+ly\s+|later\s+|then\s+|therefore\s+|thus\s+)?(?:refuted|disproven|not\s+found|"
                                            + _VERDICT + r")\b")
# ... or weighed with the same verb ('septic arthritis was suspected, and so was gout; the aspiration ... excluded both')
WEIGHED_TOO = re.compile(r"\s+(?:was|were)\s+(?:\w+ly\s+|also\s+)?(?:" + WEIGHING_VERBS + r")\s*,?\s+and\s+so\s+(?:was|were)\s+"
                         r"(?:an?\s+|the\s+)?")


# A study whose reading is the condition's absence and nothing else ('a chest CT angiogram found no pulmonary embolism',
# 'nerve studies in 2019 showed no cervical radiculopathy'): a condition answered, not one finding among others
# ('showed a 3 mm protrusion and no canal stenosis').
ABSENCE_READ = re.compile(r"\s*(?:no|without)\s+(?:[a-z0-9-]+\s+){0,3}")


def _all_the_study_read(ctx: LetterContext, mentions: list[Span], span: Span) -> bool:
    studies = list(IMAGING_FINDING.finditer(ctx.lower, ctx.sentence(span).start_char, span.start_char))
    study = studies[-1] if studies else None  # (the nearest before it)
    return study is not None and ABSENCE_READ.fullmatch(ctx.lower, study.end(), span.start_char) is not None \
        and not any(study.start() <= m.start_char < span.start_char for m in mentions)


def _names_a_symptom(span: Span) -> bool:
    code = link.icd10cm(span.label_)
    return code is not None and link.is_symptom(code)


# ... a condition stated, then doubted in its own sentence ('X was charted by the QME, but the treating psychiatrist
# did not confirm that diagnosis'), unless it is named as a reason ('a concern because of steroid bursts for asthma;
# the scan ruled it out': the pronoun is the concern's) or as what explains another ('better explained by the PTSD,
# and excluded that diagnosis')
NAMED_AS_A_REASON = re.compile(r"\b(?:for|because\s+of|due\s+to|given|(?:explained|caused|accounted\s+for)\s+by|"
                               r"(?:attributed|ascribed|put\s+down|secondary|related)\s+to)\s+"
                               r"(?:(?:his|her|their|the|a|an)\s+)?(?:[a-z-]+\s+){0,2}$")


def _denied_in_its_sentence(ctx: LetterContext, span: Span, following: Span | None) -> bool:
    return NAMED_AS_A_REASON.search(ctx.lower, max(0, span.start_char - 40), span.start_char) is None \
        and _denied_after(ctx, span, following, DENIED_BY_PRONOUN, before=ctx.sentence(span).end_char)


def _denied_after(ctx: LetterContext, span: Span, following: Span | None, pattern: re.Pattern,
                  in_its_sentence: bool = False, before: int | None = None, reach: int = PRONOUN_REACH) -> bool:
    """Whether the words after a mention, before the next one of its kind (and `before`), deny it (a pronoun that
    stands for it, a terse clause of its own; `in_its_sentence`: one that ends with the sentence, as a table's row
    does) within `reach` characters."""
    end = min(span.end_char + reach, following.start_char if following is not None else len(ctx.lower),
              len(ctx.lower) if before is None else before)
    if in_its_sentence:
        if end < ctx.sentence(span).end_char:
            return False  # (another mention before the sentence's end: its end is not this one's)
        end = ctx.sentence(span).end_char
    return pattern.match(ctx.lower, span.end_char, end) is not None


def _next_in(spans: list[Span], span: Span) -> Span | None:
    k = bisect_right(spans, span.start, key=lambda s: s.start)
    return spans[k] if k < len(spans) else None


ACUTE_INFARCTION = ("I21", "I22")
OLD_INFARCTION = "I25.2"


# A cancer treated and gone is the worker's history of it ('thyroid carcinoma, treated with thyroidectomy in
# 2011', 'a squamous cell carcinoma of the scalp was excised', 's/p lobectomy for lung cancer');
# one still treated or watched is a cancer ('is being treated with tamoxifen', 'on active surveillance').
CANCER_TREATED = re.compile(r"\b(?:treated|removed|excised|resected|cured|eradicated|[a-z]+ectomy|s/p|status\s+post|"
                            r"no\s+(?:evidence\s+of\s+(?:the\s+)?(?:disease|recurrence|cancer)|recurrence)|disease-free|"
                            r"cancer-free|free\s+of\s+(?:the\s+)?(?:disease|cancer)|clear\s+margins|in\s+remission)\b")
CANCER_TREATED_BEFORE = re.compile(r"\b(?:(?:s/p|status\s+post)\s+[^.;]{0,60}?\bfor|(?:was|were|had\s+been)\s+treated\s+for)\s+"
                                   r"(?:an?\s+|the\s+|her\s+|his\s+)?(?:[a-z-]+\s+){0,3}$")
_CANCER_IN_CARE = (r"\b(?:(?:is|are)\s+(?:being\s+|currently\s+|now\s+)?treated|undergoing|currently\s+(?:on|receiving)|"
                   r"receiving|active\s+surveillance")
CANCER_IN_CARE = re.compile(_CANCER_IN_CARE + ")")
CANCER_ONGOING = re.compile(_CANCER_IN_CARE + "|metasta)")
# ... and a lymphoma, a leukaemia or a myeloma in remission takes the code set's remission code ('the Hodgkin lymphoma
# has been in remission since 1994').
REMISSION = re.compile(r"\bin\s+(?:complete\s+|full\s+)?remission\b")


def _cancer_told(ctx: LetterContext, mentions: list[Span], n: int, code: str) -> bool:
    """Whether a cancer's course is told beside it (treated and gone, or still treated or watched): the worker's."""
    start, end = _cancer_window(ctx, mentions, n)
    return _cancer_course(ctx, mentions, n, code) != code or CANCER_IN_CARE.search(ctx.lower, start, end) is not None


def _cancer_window(ctx: LetterContext, mentions: list[Span], n: int) -> tuple[int, int]:
    """The mention's sentence, up to the next other condition named (not the cancer named again by its last words:
    'a follicular lymphoma in 2011; the lymphoma is in remission now')."""
    span = mentions[n]
    sent = ctx.sentence(span)
    return sent.start_char, min(next((m.start_char for m in mentions[n + 1:] if m.label_ != span.label_
                                      and not span.label_.lower().endswith(" " + m.label_.lower())), sent.end_char),
                                sent.end_char)


def _cancer_course(ctx: LetterContext, mentions: list[Span], n: int, code: str) -> str:
    """A cancer's code as its course in the mention's sentence makes it, read up to the next other condition."""
    span = mentions[n]
    start, end = _cancer_window(ctx, mentions, n)
    remitted = link.in_remission(code)
    if remitted != code and REMISSION.search(ctx.lower, span.end_char, end):
        return remitted
    if "in remission" in (link.icd10cm_title(code) or "").lower():
        return code  # written in remission already ('... leukemia of B-cell type in remission (C91.11)')
    history = link.history_of_cancer(code)
    if history is None or CANCER_ONGOING.search(ctx.lower, start, end):
        return code
    treated = CANCER_TREATED.search(ctx.lower, span.end_char, end) \
        or CANCER_TREATED_BEFORE.search(ctx.lower, max(start, span.start_char - 90), span.start_char)
    return history if treated else code


def _code_written_after(ctx: LetterContext, span: Span, code: str | None, following: Span | None) -> str | None:
    """The letter's own full code for a condition where it writes one and it names the condition (`is_code_of`): it
    says more than the wording can (the region, the side)."""
    m = CODE_AFTER.match(ctx.lower, span.end_char)
    if m is None or following is not None and following.start_char < m.start("code"):
        return code
    written = link.written_code(m.group("code"))
    if written is None or written == code or link.needs_encounter_character(written):
        return code  # an injury's code stays unstated, as everywhere (see link.icd10cm)
    return written if is_code_of(written, code, span.label_, ctx.span_text(span)) else code


WITH_BETWEEN = re.compile(r"\s*(?:with|w/)\s*")


def _combined_code(ctx: LetterContext, span: Span, code: str | None, following: Span | None) -> str | None:
    """The code the letter writes after a condition with another ('DM2 w/ peripheral neuropathy (E11.42)'), where it
    is of the first one's category: the two are that one condition."""
    if code is None or following is None or not WITH_BETWEEN.fullmatch(ctx.lower, span.end_char, following.start_char):
        return None
    m = CODE_AFTER.match(ctx.lower, following.end_char)
    written = link.written_code(m.group("code")) if m else None
    return written if written and written != code and written[:3] == code[:3] \
        and not link.needs_encounter_character(written) else None


FULLER_NAME_REACH = 600  # characters: a test's long report may come between the weighing and its answer


def _named_fully_before(ctx: LetterContext, before: list[Span], span: Span) -> Span:
    """The fuller name a denied condition was weighed under just before ('a diabetic peripheral neuropathy was
    questioned, but the studies showed no evidence of neuropathy'), else the mention itself."""
    word = ctx.span_lower(span)
    for earlier in reversed(before):
        if span.start_char - earlier.end_char > FULLER_NAME_REACH:
            break
        name = ctx.span_lower(earlier)
        if name != word and name.endswith(" " + word) and _said(ctx, earlier) <= {POSSIBLE} \
                and not _stated(ctx, earlier):
            return earlier
    return span


def _answered_next(ctx: LetterContext, mentions: list[Span], span: Span, end: int, reach: int) -> bool:
    """Whether the next sentence, before `reach`, answers what this one weighed by a verb, naming no condition of its
    own (a differential's list is answered item by item)."""
    m = ANSWERED_NEXT.match(ctx.lower, end, reach)
    if m is None:
        return False
    sentence_end = ctx.sentence(span).end_char
    return not any(sentence_end <= other.start_char < m.end() for other in mentions)


def _named_before(ctx: LetterContext, before: list[Span], span: Span) -> bool:
    """A condition named again by part of its name ('major depressive disorder, recurrent, moderate ... attributed
    her poor sleep to the depressive disorder', 'osteoarthritis of the knee ... the arthritis') or by its short name
    in brackets right after it
    ('complex regional pain syndrome (CRPS) was also weighed'): the one named before."""
    if before and _short_name_of(ctx, before[-1], span):
        return True
    if not ANAPHORIC_BEFORE.search(ctx.lower, max(0, span.start_char - 6), span.start_char):
        return False
    words = ctx.span_lower(span)
    return any(words in named and words != named for named in (ctx.span_lower(m) for m in before))


OPEN_BRACKET = re.compile(r"\s*[(\[]\s*")
# ... and a drug's, after its form ('zolpidem extended release (Ambien CR)')
BRAND_IN_BRACKETS = re.compile(r"(?:\s+[a-z0-9%./-]+){0,4}?\s*(?:[(\[]|,?\s+(?:in\s+the\s+form\s+of|as|given\s+as|sold\s+as))\s*")


def _one_code_per_condition(diagnoses: list[Diagnosis]) -> list[Diagnosis]:
    """'lateral epicondylitis' and 'right lateral epicondylitis' in one letter are one condition: the code
    without a side gives way to the one with it, a condition to a combination that holds it; so do 'PTSD, chronic [F43.12]' and 'the PTSD' named again, the
    unspecified code to a finer one under the same heading, said alike or answering it ('suspected CRPS' and 'CRPS,
    R upper extremity - ... criteria not met')."""
    by_code = {d.icd10cm: d for d in diagnoses if d.icd10cm}
    finer = [(d.icd10cm, d.negated) for d in diagnoses if d.icd10cm and not _unspecified(d.icd10cm)]
    stated = [d.icd10cm for d in diagnoses if d.icd10cm and not d.negated]
    held = vocab.conditions_held()
    out = []
    for d in diagnoses:
        # (nor one a combination stated holds: 'an active right C6 radiculopathy' beside 'cervical disc herniation at
        # C5-C6 with right C6 radiculopathy')
        if d.icd10cm in held and not d.negated and any(code.startswith(held[d.icd10cm]) for code in stated):
            continue
        sided = [by_code[other] for other in (link.lateral_code(d.icd10cm, side) for side in link.SIDES)
                 if other != d.icd10cm and other in by_code] if d.icd10cm else []
        if sided:
            for other in sided:
                if d.negated and other.uncertain:  # (the answer outweighs the question: 'rule out left CTS ... no CTS')
                    other.negated, other.uncertain = True, False
            continue
        if d.icd10cm and _unspecified(d.icd10cm) and any(code.startswith(d.icd10cm[:-1]) and (negated == d.negated or d.uncertain)
                                                         for code, negated in finer):
            continue
        out.append(d)
    return out


@cache
def _unspecified(code: str) -> bool:
    return "unspecified" in (link.icd10cm_title(code) or "").lower()


def _side(ctx: LetterContext, span: Span) -> tuple[str | None, int]:
    """The side a mention names and where its text starts (the side word before it is part of it)."""
    inside_it = SIDE_WORD.search(ctx.lower, span.start_char, span.end_char)
    if inside_it:
        return inside_it.group(), span.start_char
    before = _side_before(ctx, span)
    if before:
        return SIDES[before.group(1)], before.start()
    if BOTH_SIDES.match(ctx.lower, span.end_char):
        return "bilateral", span.start_char
    after = SIDE_AFTER.match(ctx.lower, span.end_char)
    if after:
        return after.group(1).removesuffix("ly"), span.start_char
    return None, span.start_char


def _side_before(ctx: LetterContext, span: Span) -> re.Match | None:
    before = SIDE_BEFORE.search(ctx.lower, max(ctx.sentence(span).start_char, span.start_char - 30), span.start_char)
    # a side letter is a capital: 'l' is a bullet as a PDF draws it ('l Depression', 'l R hip osteoarthritis')
    while before and len(before.group(1)) == 1 and not ctx.text[before.start()].isupper():
        before = SIDE_BEFORE.search(ctx.lower, before.start() + 1, span.start_char)
    return before


def _part_named_with(ctx: LetterContext, span: Span) -> tuple[str | None, str | None]:
    """The body part written with a condition, as written, and its side: before it in the same list item, or
    right after it ('of the right hip', ', left lower extremity')."""
    parts = ctx.group("body_part")
    k = bisect_right(parts, span.start, key=lambda s: s.start) - 1
    if k >= 0 and parts[k].end <= span.start and not ITEM_BREAK.search(ctx.lower, parts[k].end_char, span.start_char):
        return ctx.span_lower(parts[k]), _side(ctx, parts[k])[0]
    if k + 1 < len(parts) and PART_AFTER.fullmatch(ctx.lower, span.end_char, parts[k + 1].start_char):
        return ctx.span_lower(parts[k + 1]), _side(ctx, parts[k + 1])[0]
    return None, None


REGION_WORD = re.compile(r"\b(?:cervical|thoracic|lumbar|lumbosacral|sacral|thoracolumbar|cervicothoracic)\b")
LEVEL_BEFORE = re.compile(r"\b([ctls]\d{1,2}(?:\s*-\s*[ctls]?\d{1,2})?)(?:\s+(?:and|or|-)\s+[ctls]\d{1,2})?\s+$")
LEVEL_AFTER = re.compile(r"\s*,?\s*(?:(?:at|of)\s+(?:the\s+)?)?([ctls]\d{1,2}(?:\s*-\s*[ctls]?\d{1,2})?)\b")


def _level_named_with(ctx: LetterContext, span: Span) -> str | None:
    """The spinal level or nerve root written in a condition, just before it or just after it."""
    low = ctx.lower
    within = SPINAL_LEVEL.search(low, span.start_char, span.end_char)
    if within:
        return within.group()
    found = LEVEL_BEFORE.search(low, max(0, span.start_char - 20), span.start_char) or LEVEL_AFTER.match(low, span.end_char)
    return found.group(1) if found else None


# The limbs a deep vein's clot is placed in by its sentence (not a foot or an ankle an X-ray was taken of).
WHOLE_LIMBS = frozenset({"arm", "leg", "upper extremities", "lower extremities"})


def _one_limb_side(ctx: LetterContext, region: tuple[int, int]) -> str | None:
    """The side of the limbs a region names ('her left calf'), when they name just one."""
    sides = {_side(ctx, s)[0] for s in ctx.group("body_part") if s.label_ in WHOLE_LIMBS and inside(s, region)} - {None}
    return sides.pop() if len(sides) == 1 else None


def _single_site(ctx: LetterContext, region) -> tuple[str | None, str | None]:
    """The one joint or spinal region the summary's complaints are about, and its side, if there is just one:
    it places a condition the letter names without a site ('degenerative joint disease' in a letter about a
    right knee)."""
    parts = {(s.label_, _side(ctx, s)[0]) for s in ctx.group("body_part")
             if inside(s, region) and not _said(ctx, s) & (NOT_THE_WORKERS | {NEGATED})}
    sites = {part for part, _ in parts}
    if len(sites) != 1:
        return None, None
    sides = {side for _, side in parts if side}
    return sites.pop(), (sides.pop() if len(sides) == 1 else None)


# A drug named by its generic as one named before ('no change with the hydrocodone'); a brand names its own product
# ('OxyContin ... Percocet ... modified the OxyContin' are two drugs).
ANAPHORIC_BEFORE = re.compile(r"\b(?:the|his|her|this|that)\s+$")
# A drug asked for again: one the worker takes.
CONTINUED_BEFORE = re.compile(r"\b(?:(?:continued|continues|continuing)(?:\s+(?:to\s+(?:take|use)|on|with))?|continuation\s+of|"
                              r"ongoing|refills?\s+of|renewal\s+of)\s+(?:the\s+|his\s+|her\s+)?$")
REFILL_AFTER = re.compile(r"(?:\s+[\d./]+\s*(?:mg|mcg|%)?)?\s+(?:refills?|renewal)\b")
# A drug in a labelled list of allergies or intolerances ('Intolerances:', 'Adverse drug reactions:'), past
# the semicolons that part its items ('Allergies: morphine (itching); gabapentin (sedation)'), not past a clause about
# the worker ('Allergies: none; she takes gabapentin').
_ALLERGY_WORD = r"(?:allerg(?:y|ies)|intoleran(?:ce|ces)|adverse\s+(?:drug\s+)?reactions?|sensitivit(?:y|ies)|adrs?|all(?=\s*:))"
ALLERGY_LIST_BEFORE = re.compile(rf"\b{_ALLERGY_WORD}(?:\s*(?:/|,|&|\band\b|\bor\b)\s*{_ALLERGY_WORD})*"
                                 # ('The allergy list shows: morphine (itch)', 'Her allergy history, as recorded at
                                 # intake:')
                                 r"(?:\s+to\s+(?:medications?|drugs)|\s*\([^()]{1,30}\)|\s+(?:list|history|record|profile)"
                                 r"(?:\s+(?:reads|shows|includes|notes))?|"
                                 # ('Her documented allergies are:')
                                 r"\s+(?:are|were|include|included)(?:\s+as\s+follows)?)?(?:,[^.:;,]{1,40})?"
                                 # (an item's own colon after its bullet: '- Seroquel: dystonia - Codeine: ...')
                                 r"\s*:(?:(?!\b(?:he|she|they|takes|uses|none|nkda|nka|denies)\b)"
                                 r"(?:\b\d{1,2}\.|(?<![^\s])[-–•*]\s+[^.:;–•*-]{1,40}:|[^.:]))*$")
STOPPED_IN_ITS_ITEM = re.compile(r"[^.:]{0,80}?\b" + _STOPPED + r"\b")  # ('Seroquel - morning grogginess; stopped ...')


def _in_an_allergy_list(ctx: LetterContext, span: Span) -> bool:
    """A drug in a labelled list of allergies: on the label's line, on the line the list wraps onto after a
    separator, or on an item line of the list under it (blank lines between, as a PDF's double spacing leaves
    them)."""
    label = ALLERGY_LIST_BEFORE.search(ctx.lower, max(0, span.start_char - 120), span.start_char)
    following = _next_in(ctx.group("drug"), span)
    if label is None or STOPPED_IN_ITS_ITEM.match(ctx.lower, span.end_char,
                                                  following.start_char if following is not None else len(ctx.lower)):
        return False  # (an intolerance whose item says it was taken and stopped: 'Lyrica - ankle swelling (stopped 2019)')
    lines = ctx.view.original[ctx.view.to_original(label.start()):ctx.view.to_original(span.start_char)].split("\n")
    if len(lines) == 1:
        return True  # on the label's line
    if len(lines) == 2 and lines[0].rstrip().endswith((":", ";", ",")):
        return True  # on the line the label's list wraps onto ('Allergies:' / 'sulfa (rash); morphine (confusion)')
    *between, own = lines[1:]
    if lines[0].rstrip().endswith(":") and all(line[:1] in " \t" for line in lines[1:] if line.strip()):
        return True  # on a line set in under the label alone ('ALLERGIES:' / '   Morphine - itching' / '   Tegretol')
    return LIST_ITEM.match(own) is not None and all(LIST_ITEM.match(line) or not line.strip() for line in between)


# ... or a series of drugs said after it to be allergies ('Hydromorphone (nausea) and tramadol (rash) are listed as
# allergies', 'codeine is a documented allergy'): read after the series' last drug, each with its reaction in brackets.
DRUG_SERIES_GAP = re.compile(r"(?:\s*\([^()]{0,40}\))?\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or)\s+)")
ALLERGY_SAID_AFTER = re.compile(
    # (after a drug in brackets, its bracket: 'Ultram (tramadol) is charted as an allergy')
    # (past when or where it happened: 'A rash from Bactrim in 2010 is recorded as an allergy')
    r"\)?(?:\s*\([^()]{0,40}\))?(?:\s+(?:in|since|during|after|at)\s+[^.;,()]{1,30}?)?\s*,?\s+(?:(?:[^.;]{0,160}?\s(?:and|but)\s+|which\s+)?(?:is|are|was|were|ha(?:s|ve)\s+(?:since\s+)?been|appears?)\s+(?:now\s+|also\s+)?"
    r"(?:both\s+|all\s+|each\s+)?"
    r"(?:(?:listed|documented|noted|recorded|reported|charted|entered|carried|kept|flagged|coded|marked)\s+)?"
    r"(?:(?:in|on)\s+(?:the|his|her)\s+(?:(?:chart|records?|file)\s+|(?=allerg)))?"
    r"(?:as\s+)?|as\s+)(?:an?\s+|(?:his|her|their)\s+)?(?:only\s+)?(?:(?:listed|documented|known|"
    r"drug|medication)\s+)?(?:allerg(?:y|ies|ic)|intoleran(?:t|ce|ces))\b(?!\s+to\b)")  # (not 'allergic to' another drug)


def _allergy_said_after(ctx: LetterContext, drugs: list[Span], span: Span) -> bool:
    last = span
    for following in drugs[bisect_right(drugs, span.start, key=lambda s: s.start):]:
        if not DRUG_SERIES_GAP.fullmatch(ctx.lower, last.end_char, following.start_char):
            break
        last = following
    said = ALLERGY_SAID_AFTER.match(ctx.lower, last.end_char)
    # (of the last drug named before it: 'Naproxen helped and tramadol has been charted as an allergy' is tramadol's)
    after = next((d for d in drugs[bisect_right(drugs, last.start, key=lambda s: s.start):] if d.label_ != last.label_), None)
    return said is not None and (after is None or after.start_char >= said.end())


# A drug table's status for a drug the worker never took, in the row's first cell that tells a status ('Flector 1.3%
# patch    1 bid    never filled    carrier denied', 'Ibuprofen    --    AVOID    bleeding ulcer',
# 'Morphine IV    single dose    ALLERGY - hives', 'Venlafaxine    --    suggested by psych 03/2020; not started');
# a status of one taken comes first ('Naproxen    stopped    ALLERGY later': the drug was taken).
_NOT_TAKEN_STATUS = (r"(?:(?:rx'?d|prescribed|proposed|offered|suggested|recommended|discussed|requested|ordered|planned)\b[^;,]{0,40}?(?:[;,]|\s[-–—])?\s*)?"
                     r"(?:(?:pt|patient)\s+)?(?:" + _NEVER + r"|" + REFUSED + r"|decl\b|avoid(?:ed)?\b|contraindicated\b|"
                     # (a status cell of its own: 'not used', 'never opened')
                     r"(?:not|never)\s+(?:used|opened)\s*$)")
# ... or asked for and nothing more ('Duexis   800/26.6 mg TID   REQUESTED', 'pending authorization'): the request's drug
DRUG_STATUS_CELL = re.compile(r"(?P<allergy>allerg(?:y|ic)\b|intoleran(?:t|ce)\b)|(?P<not_taken>" + _NOT_TAKEN_STATUS + r")|"
                              r"(?P<requested>(?:requested|pending)(?:\s+(?:auth\w*|approval|review|by\s+[a-z]+))?\s*$)|"
                              r"(?:current|active|taking|" + _STOPPED + r"|held|completed|continued|switched|changed|replaced|"
                              r"prn)\b")


def _status_in_its_row(ctx: LetterContext, span: Span) -> str | None:
    """'allergy', 'not_taken' or 'requested' where a drug table's row says so, else None; an intolerance the cell says
    was stopped was taken ('intolerance - stopped after 2 wks')."""
    for cell in _later_cells(ctx, span):
        status = DRUG_STATUS_CELL.match(cell.strip())
        if status is not None:
            if status.lastgroup == "allergy" and status.group().startswith("intoleran") \
                    and STOPPED_IN_ITS_ITEM.match(cell, status.end()):
                return None
            return status.lastgroup
    return None


# An allergic reaction written right after the drug ('Morphine: hives (allergy)', 'codeine - anaphylaxis', 'sulfa
# (allergy)') or before it ('reports hives with codeine', 'angioedema from lisinopril'). (A ConText trigger would cut
# short an allergy list's own trigger: 'Allergies are listed as amoxicillin (hives) and morphine (nausea)'.)
# (also a table's status after its gap and empty cells, 'Tramadol   --   --   ALLERGY - rash', and any reaction the word allergy follows,
# 'Tramadol - rash (allergy)')
REACTION_AFTER = re.compile(r"(?:\s*(?:[:(]|" + ARROW + r"|[-–—]{1,3}))*\s*(?:" + ALLERGIC_REACTION + r"\b|allerg(?:y|ic)\b(?!\s+to\b)|"
                            r"[a-z]+(?:\s+[a-z]+)?\s*\(\s*allerg(?:y|ic)\b|"
                            # ('Colchicine - intolerant (diarrhea)', 'Codeine gives her hives')
                            r"intoleran(?:t|ce)\b(?!\s+(?:of|to)\b)|(?:gives|gave|causes|caused)\s+(?:him|her|them)\s+"
                            + ALLERGIC_REACTION + r"\b|"
                            # ('Codeine causes a rash', 'penicillin makes her break out')
                            r"(?:causes|caused|gives|gave)\s+(?:him\s+|her\s+|them\s+)?(?:vomiting|hives|a\s+rash|rash|itching)\b|"
                            r"(?:makes|made)\s+(?:him|her|them)\s+(?:itch|vomit|break\s+out)\b|"
                            # ('Ibuprofen makes his lips swell', 'Morphine produces intense itching', 'Aspirin brings on
                            # wheezing'; past a note on when it was given: 'Keflex, given after an extraction, covered her
                            # in hives')
                            r"(?:\s*,[^,.;]{1,80},)?\s*(?:(?:makes|made)\s+(?:his|her|their)\s+(?:lips|face|tongue|throat|skin|eyes)\s+"
                            r"(?:swell|itch)|(?:produces|produced|brings\s+on|brought\s+on|causes|caused|gives|gave)\s+"
                            r"(?:him\s+|her\s+|them\s+)?(?:an?\s+|intense\s+|severe\s+|marked\s+)?(?:itching|wheezing|hives|rash|"
                            r"angioedema|lip\s+swelling|facial\s+swelling)|covered\s+(?:him|her|them)\s+in\s+(?:hives|a\s+rash))\b)")
REACTION_BEFORE = re.compile(r"\b" + ALLERGIC_REACTION + r"\s+(?:with|from|to|after)\s+(?:the\s+|his\s+|her\s+)?$")


# ... but a reaction that made the worker stop a drug taken is no allergy that kept it away ('Tramadol made her itch and
# was discontinued', 'Oxycodone made her itch, so she was switched to tramadol')
STOPPED_AFTER_REACTION = re.compile(r"[^.;]{0,40}?\b(?:and|so)\s+(?:(?:he|she|they)\s+)?(?:was|were|has\s+been|had\s+been)\s+"
                                    r"(?:\w+ly\s+|then\s+)?(?:" + _STOPPED + r"|switched)\b")


# ... or one a record lists under its allergies ('Under drug allergies his intake questionnaire lists morphine (itching)
# and Demerol (vomiting)')
ALLERGIES_LISTED_BEFORE = re.compile(r"\ballerg(?:y|ies)\b[^.;:]{0,60}?\b(?:lists|listed|records|recorded|shows|showed|"
                                     r"includes|included|names|named)\s+(?:(?!(?:takes|took|uses|used|is|was|are|were|he|she|"
                                     r"they|but|not|no)\b)[a-z0-9()/,'-]+\s+){0,6}?$")


def _allergic_reaction(ctx: LetterContext, span: Span) -> bool:
    reaction = REACTION_AFTER.match(ctx.lower, span.end_char)
    if reaction is not None:
        return STOPPED_AFTER_REACTION.match(ctx.lower, reaction.end()) is None
    before = REACTION_BEFORE.search(ctx.lower, max(0, span.start_char - 40), span.start_char)
    # (not a reaction that ends a row or a line: 'Oxycodone -- ALLERGY - hives' / 'With the Lyrica samples ...')
    return before is not None and "\n" not in ctx.view.original[ctx.view.to_original(before.start()):ctx.span_original(span)[0]]


# A drug a request replaces is one the worker took ('requested trazodone in place of the over-the-counter
# diphenhydramine she had been using', 'Lyrica to replace her gabapentin').
REPLACED_BEFORE = re.compile(r"\b(?:in\s+place\s+of|instead\s+of|to\s+replace|replacing|rather\s+than|as\s+an\s+alternative\s+to|"
                             r"as\s+an?\s+(?:replacement|substitute)\s+for|"
                             r"chang(?:e|ed|ing)\s+from|"
                             r"switch(?:ed|ing)?\s+from)\s+(?:the\s+|his\s+|her\s+|their\s+)?(?:(?!(?:to|with|by)\b)[a-z-]+\s+){0,2}$")


def _other_name_in_brackets(ctx: LetterContext, drugs: list[Span], span: Span) -> bool:
    """The drug's other name in brackets straight after the first ('Zepbound (tirzepatide)', 'Norco (hydrocodone/APAP)')."""
    k = bisect_right(drugs, span.start, key=lambda s: s.start) - 2
    return k >= 0 and drugs[k].label_ == span.label_ \
        and BRAND_IN_BRACKETS.fullmatch(ctx.lower, drugs[k].end_char, span.start_char) is not None


def _replaced(ctx: LetterContext, span: Span) -> bool:
    return REPLACED_BEFORE.search(ctx.lower, max(0, span.start_char - 50), span.start_char) is not None


def _past_replaced(ctx: LetterContext, drugs: list[Span], span: Span | None) -> Span | None:
    """The next mention from `span` on that is no drug another replaces ('Hydroxyzine - offered in place of
    lorazepam, declined by the patient': the refusal is of hydroxyzine)."""
    while span is not None and _is_one_of(drugs, span) and _replaced(ctx, span):
        span = _next_in(drugs, span)
    return span


def _is_one_of(spans: list[Span], span: Span) -> bool:
    k = bisect_right(spans, span.start, key=lambda s: s.start) - 1
    return k >= 0 and spans[k].start == span.start and spans[k].end == span.end


# Care named only to say when something was done ('after the arthroscopy', 'before her fusion').
WHEN_BEFORE = re.compile(r"\b(?:after|before|following|since|during|until)\s+(?:the\s+|his\s+|her\s+|their\s+|an?\s+)?"
                         r"(?:[a-z0-9-]+\s+){0,2}$")


def _medications(ctx: LetterContext, region) -> list[Medication]:
    """Drugs the summary names, not only as asked for; negated when it says the worker does not or never did take
    them ('denies use of', 'has never taken'), but a drug tried and stopped is past use, and a drug asked for is
    not negated.
    A name in a test's result is a lab word, not a drug mention."""
    drugs = ctx.group("drug")
    services = ctx.group("service")
    drugs_and_care = sorted([*drugs, *services], key=lambda s: s.start)
    requested = set()
    for heading in ctx.headings:
        named = [s.label_ for s in ctx.group_in("drug", heading)]
        # a heading that names several drugs asks for their compound, not for each ingredient on its own
        if len(named) > 1:
            requested.add(link.combination_generic(named))
        else:
            requested.update(named)
    chosen: dict[str, Medication] = {}
    taken: set[str] = set()  # drugs named once at least outside a request
    anaphoric: set[str] = set()  # drugs named once at least as one named before ('the hydrocodone')
    someone_elses: set[str] = set()  # drugs named as another person's ('her husband's alprazolam tablets')
    owned: set[str] = set()  # drugs said to be another person's ('the Lasix is hers')
    ruled_out: set[str] = set()  # drugs the worker is allergic to or never started, however often named as taken
    proposed: set[str] = set()  # drugs a clinician offered or planned, named nowhere as taken
    request_starts: dict[int, list[int]] = {}
    for span in drugs:
        if not inside(span, region) or _other_name_in_brackets(ctx, drugs, span):
            continue  # (the drug's other name in brackets is the same mention: 'Zepbound (tirzepatide)')
        if _owned_by_another(ctx, span):
            owned.add(span.label_)  # (wherever else it is named: a shared list's drug the letter says is the wife's)
            continue
        said = _said(ctx, span)
        sent = ctx.sentence(span)
        named_again = ANAPHORIC_BEFORE.search(ctx.lower, max(0, span.start_char - 6), span.start_char) is not None
        if SOMEONE_ELSES_BEFORE.search(ctx.lower, max(0, span.start_char - SOMEONE_ELSES_REACH), span.start_char) \
                or SOMEONE_ELSES_AFTER.match(ctx.lower, span.end_char):
            someone_elses.add(span.label_)
            continue
        shown = SHOWN_BEFORE.search(ctx.lower, max(sent.start_char, span.start_char - SHOWN_REACH), span.start_char)
        if said & NOT_THE_WORKERS \
                or sent.has(LAB_TEST) and (sent.has(TEST_RESULT) and _in_a_test_result(ctx, sent, span) or shown) \
                or PROCEDURE_AGENT_BEFORE.search(ctx.lower, max(sent.start_char, span.start_char - 120), span.start_char) \
                or DRUG_HARM_AFTER.match(ctx.lower, span.end_char) or PROCEDURE_AGENT_AFTER.match(ctx.lower, span.end_char) \
                or span.label_ in vocab.procedure_agents() and (AGENT_OF_AFTER.match(ctx.lower, span.end_char) or
                                                                 AGENT_INJECTED_BEFORE.search(ctx.lower, max(0, span.start_char - 30),
                                                                                              span.start_char)) \
                or DRUG_HARM_BEFORE.search(ctx.lower, max(0, span.start_char - 30), span.start_char) \
                or named_again and span.label_ in someone_elses:  # 'the alprazolam use was judged an isolated lapse'
            continue
        if named_again and ctx.span_lower(span) == span.label_:
            anaphoric.add(span.label_)
        row_status = _status_in_its_row(ctx, span)
        asked = _asked_before(ctx, sent, span, request_starts) or REQUEST_AFTER.match(ctx.lower, span.end_char) is not None \
            or row_status == "requested"
        if not asked or CONTINUED_BEFORE.search(ctx.lower, max(0, span.start_char - 30), span.start_char) \
                or REFILL_AFTER.match(ctx.lower, span.end_char) \
                or _replaced(ctx, span):
            taken.add(span.label_)  # 'requested continued Norco', 'a Belbuca refill': a drug the worker takes
        following = _next_in(drugs, span)
        if following is not None and following.label_ == span.label_ \
                and BRAND_IN_BRACKETS.fullmatch(ctx.lower, span.end_char, following.start_char):
            # its brand in brackets: 'buprenorphine/naloxone (Suboxone)', 'zolpidem extended release (Ambien CR)',
            # 'buprenorphine in the form of Butrans'
            following = _next_in(drugs, following)
        # a pronoun after the next treatment named stands for that treatment ('A fentanyl patch was discontinued.
        # He was offered a spinal cord stimulator trial and declined it.')
        treatment = _next_in(services, span)
        if treatment is not None and (WHEN_BEFORE.search(ctx.lower, max(0, treatment.start_char - 40), treatment.start_char)
                                      or ctx.lower.endswith(" as a ", 0, treatment.start_char)):
            # care that only says when ('Percocet was offered after the knee replacement; he declined it'), or what the
            # drug was for ('suggested quetiapine as a sleep aid; he did not want it')
            treatment = None
        nearer = treatment if treatment is not None and (following is None or treatment.start < following.start) \
            else following
        # (what is said after a drug offered in place of another is the offered drug's)
        replaced = _replaced(ctx, span)
        reach = nearer if replaced else _past_replaced(ctx, drugs, nearer)
        allergy = _in_an_allergy_list(ctx, span) or _allergy_said_after(ctx, drugs, span) or _allergic_reaction(ctx, span) \
            or ALLERGIES_LISTED_BEFORE.search(ctx.lower, max(sent.start_char, span.start_char - 120), span.start_char) is not None \
            or ALLERGIC_TO_BEFORE.search(ctx.lower, max(sent.start_char, span.start_char - 40), span.start_char) is not None \
            and not STOPPED_IN_ITS_ITEM.match(ctx.lower, span.end_char, following.start_char if following is not None
                                              else len(ctx.lower)) \
            or row_status == "allergy" or _denied_after(ctx, span, reach, ALLERGY_BY_PRONOUN) \
            or _denied_after(ctx, span, _past_the_same(drugs, span, following), ALLERGY_AT_ITS_END, in_its_sentence=True)
        # (said outright not started or never filled: the later word on a drug named as proposed before)
        never_had = _denied_after(ctx, span, following, NOT_STARTED_AFTER) \
            or NEVER_HAD_BEFORE.search(ctx.lower, max(sent.start_char, span.start_char - 60), span.start_char) is not None
        # (a drug asked for is not denied by the records' silence: 'no evidence that he had ever been prescribed
        # Klonopin' leaves the Klonopin asked for; 'she has never taken Lyrica' does not)
        silent = span.label_ in requested and RECORDS_SILENT_BEFORE.search(ctx.lower, sent.start_char, span.start_char)
        # (a drug whose own clause tells its use is outside a refusal before it: 'She declined Xanax, and hydroxyzine
        # was stopped because it made her drowsy')
        used = USED_BY_ITS_VERB.match(ctx.lower, span.end_char) is not None
        negated = (NEGATED in said and not silent and not used or _denied_after(ctx, span, reach, DRUG_DENIED_BY_PRONOUN)
                   or not replaced and (_denied_after(ctx, span, reach, DRUG_DECLINED_AFTER)
                                        or _denied_after(ctx, span, reach, DRUG_DECLINED_AT_ITS_END, in_its_sentence=True))
                   or allergy or _offered_then_put_off(ctx, span, reach)
                   or _declined_after_its_series(ctx, drugs_and_care, span)
                   or _denied_after(ctx, span, following, NEVER_HAD_AFTER) or never_had
                   or _denied_after(ctx, span, following, NEVER_TAKEN_IN_ITS_CLAUSE)
                   or _denied_after(ctx, span, following, NEVER_HAD_AT_ITS_END, in_its_sentence=True)
                   or row_status == "not_taken")
        if allergy or never_had or row_status == "not_taken":  # ('Celebrex   11/2015   prescribed; never filled')
            ruled_out.add(span.label_)
        if asked and (PROPOSED_BEFORE.search(ctx.lower, max(0, span.start_char - 50), span.start_char)
                      or PROPOSED_AFTER.match(ctx.lower, span.end_char)
                      or PLANNED_BEFORE.search(ctx.lower, max(0, span.start_char - 80), span.start_char)):
            proposed.add(span.label_)
        kept = chosen.get(span.label_)
        if kept is None:
            chosen[span.label_] = Medication(ctx.span_text(span), span.label_, negated, ctx.span_original(span),
                                             ctx.drugbank.get((span.start, span.end)))
        elif kept.negated and not negated and not asked and span.label_ not in ruled_out:
            # (a request's mention undoes no refusal of a drug named outside requests: 'proposed 09/2016 - not started
            # ... asked for prazosin'; nor does the drug taken undo an allergy it caused: 'Hydrocodone/APAP -- ALLERGY
            # ... he was given hydrocodone after the operation and vomited')
            kept.negated = False
        elif span.label_ in ruled_out:
            # an allergy found after the drug was taken ('... and lamotrigine is now on her allergy list'), or a drug
            # proposed and then said never started ('the naproxen her internist had proposed; naproxen was never started')
            kept.negated = True
    # a drug the summary names only as asked for ('The provider requested Lyrica and ...') is the request's, not
    # one the worker takes ('Lyrica was recommended; she declined it' is one she never took)
    # ... but one a clinician offered or planned for the worker is one not taken ('plans to rotate him to Belbuca once
    # the dose is lower', 'Gabapentin was suggested in 2020')
    chosen = {generic: m for generic, m in chosen.items()
              if (generic in taken or m.negated or generic in proposed) and generic not in owned}
    for generic in proposed - taken:
        if generic in chosen:
            chosen[generic].negated = True
    # 'treated with insulin' and 'insulin glargine' in one letter are one drug, and so are 'hydrocodone/APAP' and
    # 'no change with the hydrocodone' (its first ingredient named again; Tylenol beside Norco, or 'Endocet and
    # oxycodone', are two drugs): the bare name gives way to the one that says which
    # ... but a brand of its own is its own drug ('Butrans was started ... offered Suboxone ... that buprenorphine is
    # recommended')
    for generic, medication in list(chosen.items()):
        by_its_generic = medication.text.lower() == generic
        fuller = [m for other, m in chosen.items() if other.startswith(generic + " ")
                  or generic in anaphoric and by_its_generic and other.startswith(generic + "/")]
        if fuller:
            fuller[0].negated = fuller[0].negated and medication.negated
            del chosen[generic]
    return list(chosen.values())


# A list set out under a label of care had ('TREATMENT TO DATE:' over '- Physical therapy, 12 sessions', 'Prior
# treatment -' over '1. Chiropractic care in 2019', 'Past surgical history:'): each item was received. A list run
# into the label's own sentence is read by PRIOR_CUE ('treatment').
# (over the view's lower-cased text, each branch led by its literal; the label must end its line as written, or
# numbered items follow it on its line)
CARE_HAD_LABEL = re.compile(r"(?:\btx(?=\s*:)|(?:treatments?|tx|care|therapy|therapies)\s+(?:to\s+date|history|hx|received|rendered)|"
                            r"(?:prior|past|previous|other)\s+(?:[a-z]+\s+)?(?:treatments?|tx|care|therapies|surger(?:y|ies))|"
                            r"surgical\s+(?:history|hx)|conservative\s+(?:care|treatment|management))\s*[:\-–]")
FLUSH_LABEL = re.compile(r"[A-Z][^:\n]{0,40}:")  # a line that opens with a label ends a flush list


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))
LIST_ITEM = re.compile(r"[ \t]*(?:" + BULLET + r"|" + NUMBERED + r"|\(?[a-z][.)])\s")


def _in_a_list_of_care_had(ctx: LetterContext, span: Span) -> bool:
    return any(start <= span.start_char < end for start, end, _ in _lists_under(ctx, CARE_HAD_LABEL))


def _lists_under(ctx: LetterContext, label: re.Pattern[str], loose: bool = False) -> list[tuple[int, int, bool]]:
    """The view stretches of the lists under a label (matched over the view's lower-cased text, with its colon or dash,
    or alone on its line), each with whether it is run into the label's line: the items set in under it, marked or
    not, blank lines between; a list run into the label's line only when its items are numbered. With `loose`, for a
    label that opens its line, any list run into its line, and lines flush under it up to a blank line or a label."""
    stretches = ctx.memo.get(label)
    if stretches is None:
        stretches = ctx.memo[label] = []
        text = ctx.view.original
        for label_start, start, marked in _labels(ctx, label, loose):
            label_end = text.find("\n", label_start, start)
            if label_end >= 0:
                start = label_end  # a label alone on its line (the dash opens the next line's item)
            if (label_end >= 0 or not marked) and not _a_heading(text, label_start):
                continue
            end = start
            line_end = text.find("\n", start)
            if line_end < 0:
                continue
            if text[start:line_end].strip():
                # a list run into the label's own line is read by PRIOR_CUE, unless its items are numbered ('Past
                # surgical history: 1) Hysterectomy, 1998 2) Left knee arthroscopy, 2005'): each is a sentence
                if marked and (loose or LIST_ITEM.match(text, start)):
                    stretches.append((*ctx.view.span_to_view((start, line_end)), True))
                continue
            indent = _indent(text[text.rfind("\n", 0, label_start) + 1:label_start + 1])
            set_in = flush = None  # items set in under the label with no mark ('Tx:' / '  PT x 12 -> plateau' / '  TENS ->
            # no help'), or flush under it
            for line in re.finditer(r"\n([^\n]*)", text[start:]):  # its items, and blank lines between
                item = line.group(1)
                if set_in is None and item.strip():
                    set_in = not LIST_ITEM.match(item) and item[:1] in " \t"
                    flush = loose and not set_in and not LIST_ITEM.match(item)
                if flush and (not item.strip() or FLUSH_LABEL.match(item)):
                    break
                if set_in and _indent(item) <= indent and FLUSH_LABEL.fullmatch(item.strip()):
                    break  # a label as far in as this one opens a list of its own ('   Resolved:' ... '   Non-industrial:')
                if item.strip() and not LIST_ITEM.match(item) and not (set_in and item[:1] in " \t") and not flush:
                    break
                end = start + line.end()
            stretches.append((*ctx.view.span_to_view((start, end)), False))
    return stretches


def _labels(ctx: LetterContext, label: re.Pattern[str], loose: bool) -> Iterator[tuple[int, int, bool]]:
    """Where a label starts and ends in the text as read, and whether a colon or a dash ends it: anywhere in the view,
    or, for a loose label, opening its line (tried at each line's head, not at every character)."""
    text = ctx.view.original
    if not loose:
        for m in label.finditer(ctx.lower):
            yield ctx.view.to_original(m.start()), ctx.view.to_original(m.end()), m.group()[-1] in LABEL_MARKS
        return
    low = lowered(text)
    for head in LINE_HEAD_AT.finditer(text):
        m = label.match(low, head.end())
        if m is not None:
            yield m.start(), m.end(), m.group()[-1] in LABEL_MARKS


LABEL_MARKS = ":-–—"
LINE_HEAD_AT = re.compile(r"^" + LINE_HEAD.pattern, re.MULTILINE)


def _a_heading(text: str, start: int) -> bool:
    """A label without its colon heads a list as a heading does: capitalised, after a blank line or over items set in
    as far as it or further ('   Ruled out' / '     9) Atrial fibrillation - ...'; not a wrapped line's last words:
    '... ulnar studies normal,' / '     Excluded' / '  4) Gout')."""
    line_start = text.rfind("\n", 0, start) + 1
    if not text[start].isupper():
        return False
    if not text[text.rfind("\n", 0, max(line_start - 1, 0)) + 1:line_start].strip():
        return True
    line_end = text.find("\n", start)
    below = SET_IN_LINE.match(text, line_end + 1) if line_end >= 0 else None
    return below is not None and len(below.group("indent")) >= start - line_start


# A list's label whose words deny its items ('Ruled out:', 'Conditions excluded or not confirmed:', 'Questions raised and
# answered:', 'Considered and answered' alone on its line), the words from the rule file's list: each item's first
# condition is denied, unless the item confirms it. (Not 'Rule out:', which asks.)
_LISTED = r"(?:diagnos(?:is|es)|conditions?|dx|problems?|questions?|issues?|differentials?)"
DENYING_LIST_LABEL = re.compile(r"(?:(?:other\s+|differential\s+)?" + _LISTED + r"\s+)?" + DENYING_LIST_WORDS
                                + r"(?:\s+(?:or|and|/)\s+" + DENYING_LIST_WORDS + r")?(?:\s+" + _LISTED + r")?"
                                # (by whom: 'Conditions considered and not diagnosed by the QME:')
                                r"(?:\s+(?:by|per)\s+[^.:;]{1,40}?(?=\s*:))?"
                                r"(?:\s*(?:[:–—]|-+(?=\s))|(?=\s|$))")
SEMICOLON = re.compile(";")
CONFIRMED_IN_ITEM = re.compile(r"(?<!not\s)(?<!never\s)(?<!n't\s)\b(?:confirmed|verified|proven)\b")


def _denied_by_its_list(ctx: LetterContext, mentions: list[Span], n: int) -> bool:
    span = mentions[n]
    stretch = next((s for s in _lists_under(ctx, DENYING_LIST_LABEL, loose=True) if s[0] <= span.start_char < s[1]), None)
    if stretch is None:
        return False
    sentence = ctx.sentence(span)
    # (a list run into its label's line parts its items with commas and 'and' too: 'Excluded: gout, RA and lupus')
    parted = ITEM_BREAK if stretch[2] else SEMICOLON
    item_start = max([stretch[0], sentence.start_char] + [m.end() for m in parted.finditer(ctx.lower, stretch[0], span.start_char)])
    if any(item_start <= other.start_char for other in mentions[:n]):
        return False  # not the item's first condition
    return CONFIRMED_IN_ITEM.search(ctx.lower, span.end_char, sentence.end_char) is None


# A label that opens its line and ends with a colon on it ('Medications, per the PTP note of 2016:', 'Sleep medication
# trials (psychiatry, 2017):', 'Medication list (pain clinic 2021):').
LABEL_AROUND = re.compile(r"[ \t]*(?:[-•*][ \t]*)?[A-Z][^.:;\n]{0,40}")
LABEL_TAIL = re.compile(r"[^.:;\n]{0,80}:")


def _in_a_label(ctx: LetterContext, span: Span) -> bool:
    start, end = ctx.span_original(span)
    text = ctx.view.original
    line_start = text.rfind("\n", 0, start) + 1
    return (start == line_start or LABEL_AROUND.fullmatch(text, line_start, start) is not None) \
        and LABEL_TAIL.match(text, end) is not None


def _in_a_heading(ctx: LetterContext, span: Span) -> bool:
    """A service named in a heading ('PRIOR PSYCHOLOGICAL CARE:', 'CURRENT MEDICATIONS') or a table's header row
    ('Medication    Strength    Directions') is no care: its line in capitals, ending in a colon or short, or
    capitalised words set apart by runs of spaces."""
    start, end = ctx.span_original(span)
    text = ctx.view.original
    line_end = text.find("\n", end)
    line = text[text.rfind("\n", 0, start) + 1:line_end if line_end >= 0 else len(text)].strip()
    if line[:1].isdigit():
        return False  # (a chronology's row: '2019    C5-6 ACDF')
    if line.isupper():
        return line.endswith(":") or len(line.split()) <= HEADING_WORDS
    cells = COLUMN_GAP.split(line)
    return len(cells) > 1 and all(cell.istitle() and len(cell.split()) <= 2 for cell in cells)


HEADING_WORDS = 6


def _prior_treatments(doc: Doc, ctx: LetterContext, region) -> list[PriorTreatment]:
    """Care the worker received: services named in a sentence about past care, not asked for, planned,
    negated or in doubt. Equipment is durable medical equipment (its finer service where the vocabulary has
    one, e.g. tens-unit); the word 'medications' is the service 'medication' only in a list of care received
    (a drug named by name is a medication, not a treatment)."""
    job = ctx.patient.occupation if ctx.patient else None
    # a service named in the worker's job ('a home care aide') is no care
    # ... nor one that qualifies a condition's name ('failed back surgery syndrome'; a condition named by the care,
    # 'a right below-knee amputation', is care too)
    conditions = ctx.group("diagnosis")
    services = [s for s in ctx.group_in("service", region)
                if not (job and job.span[0] <= ctx.span_original(s)[0] < job.span[1])
                and not _in_a_longer_name(conditions, s)]
    concepts = vocab.services()
    out: dict[str, PriorTreatment] = {}
    requests: dict[int, list[int]] = {}
    only_the_word = False  # whether the generic surgery kept is named by the generic word alone
    for span in services:
        sent = ctx.sentence(span)
        # (care denied, then paid for by the worker, was had: 'UR refused it; she covered the cost of the brace herself')
        paid = _paid_for_privately(ctx, services, span)
        if not paid and (_said(ctx, span) & NOT_RECEIVED or _shortened(ctx, services, span)
                         or REQUEST_CUE.match(ctx.lower, span.start_char)):
            continue  # (nor care whose name is a request's: 'RFA 08/19/19:')
        service = span.label_
        concept = concepts.get(service)
        if concept is None or concept.category in NOT_TREATMENT_CATEGORIES \
                or vocab.listed_service(service) in NOT_TREATMENT_SERVICES:
            continue
        if not paid and (not (sent.has(PRIOR_CUE) or _in_a_list_of_care_had(ctx, span) or _dated(ctx, sent, span)
                or concept.category == EQUIPMENT_CATEGORY and (ON_EQUIPMENT_BEFORE.search(
                    ctx.lower, max(0, span.start_char - 20), span.start_char) or _care_of_the_condition_before(ctx, span))) \
                or _asked_before(ctx, sent, span, requests) \
                or REQUEST_AFTER.match(ctx.lower, span.end_char) or NOT_TAKEN_UP_AFTER.match(ctx.lower, span.end_char) \
                or NONE_GIVEN_AFTER.match(ctx.lower, span.end_char, _until_next(services, span, sent.end_char)) \
                or _not_had_by_its_status(ctx, sent, span) or _in_a_heading(ctx, span)):
            continue
        if NOT_THE_SERVICE_AFTER.match(ctx.lower, span.end_char) or EVALUATION_NAMED.search(ctx.lower, span.start_char,
                                                                                            span.end_char) \
                or GUIDELINE_BEFORE_ITS_TOPIC.search(ctx.lower, max(sent.start_char, span.start_char - 140), span.start_char) \
                or _care_of_another(ctx, sent, span) \
                or sent.has(DENIAL_IN_THE_SENTENCE) and DENIED_WITH_REFERENCE_AFTER.match(ctx.lower, span.end_char) \
                or EVALUATED_AT_BEFORE.search(ctx.lower, max(0, span.start_char - 80), span.start_char) \
                or CREDENTIAL_BEFORE.search(ctx.lower, max(0, span.start_char - 50), span.start_char):
            continue
        if service == GENERIC_MEDICATION and (not _in_a_list_of_care(ctx, span, services)
                                        or DRUG_LIST_AFTER.match(ctx.lower, span.end_char) or _in_a_label(ctx, span)
                                        or NOT_CARE_BEFORE.search(ctx.lower, max(0, span.start_char - 32), span.start_char)
                                        or sent.has(LAB_TEST) and sent.has(TEST_RESULT) and _in_a_test_result(ctx, sent, span)):
            continue
        if concept.category == EQUIPMENT_CATEGORY and vocab.listed_service(service) != EQUIPMENT:
            service = EQUIPMENT  # equipment the vocabulary files under no listed service is durable equipment
        if service not in out:
            text = _with_head_noun(doc, ctx, span)
            out[service] = PriorTreatment(text, service, ctx.original(span.start_char, span.start_char + len(text)))
            if service == GENERIC_SURGERY:
                only_the_word = text.lower() in GENERIC_SURGERY_WORDS and not _at_a_part(ctx, span)
        elif service == GENERIC_SURGERY and only_the_word \
                and (ctx.span_lower(span) not in GENERIC_SURGERY_WORDS or _at_a_part(ctx, span)):
            # a surgery of its own after the generic word is the one kept ('Past surgeries: ... release 2016;
            # cholecystectomy at age 40')
            text = _with_head_noun(doc, ctx, span)
            out[service] = PriorTreatment(text, service, ctx.original(span.start_char, span.start_char + len(text)))
            only_the_word = False
    # surgery named only by the generic word beside a surgery named by its kind ('an L4-S1 fusion ... physical
    # therapy before and after surgery') is that surgery named again; one at a part of its own ('shoulder surgery')
    # is another
    if GENERIC_SURGERY in out and only_the_word \
            and any(concepts[other].category == GENERIC_SURGERY for other in out if other != GENERIC_SURGERY):
        del out[GENERIC_SURGERY]
    return list(out.values())


# Care the worker paid for: right before its name ('paid out of pocket for eight acupuncture sessions'), or in a
# sentence of the worker's after it, of it by a pronoun or its name again, before other care is named ('Pool passes -
# not authorized; he paid for them himself', '... refused at UR. She then paid for the massage privately').
_PRIVATELY = r"(?:(?:him|her|them)sel(?:f|ves)|out\s+of\s+(?:(?:his|her|their)\s+)?(?:own\s+)?pocket|privately|on\s+(?:his|her|their)\s+own)"
PAID_FOR_BEFORE = re.compile(r"\bpaid\s+" + _PRIVATELY + r"\s+for\s+(?:[\w-]+\s+){0,3}$|\bself-?(?:paid|funded)\s+$")
PAID_FOR_AFTER = re.compile(r"\b(?:he|she|they|the\s+(?:worker|patient|claimant|applicant|employee))\s+(?:then\s+|later\s+|"
                            r"eventually\s+|instead\s+)?paid\s+(?:" + _PRIVATELY + r"\s+)?(?:for\s+(?:it|them|this|that|the\s+"
                            r"[\w-]+(?:\s+[\w-]+)?)\s+)?" + _PRIVATELY + r"?(?<=[a-z])\b(?!\s+for\b)")  # (not for other care named next)
PAID_REACH = 40  # characters before care's name read for who paid for it


def _paid_for_privately(ctx: LetterContext, services: list[Span], span: Span) -> bool:
    low = ctx.lower
    if "paid" not in low and "self" not in low:
        return False
    if PAID_FOR_BEFORE.search(low, max(0, span.start_char - PAID_REACH), span.start_char):
        return True
    end = _until_next(services, span, ctx.end_of_next_sentence(span))
    paid = PAID_FOR_AFTER.search(low, span.end_char, end)
    return paid is not None and _PRIVATE_WORDS.search(paid.group()) is not None


_PRIVATE_WORDS = re.compile(_PRIVATELY)


# Care someone close to the worker had, that person the clause's subject ('his sister had a shoulder repair of her own
# in May', 'her father is recovering from a hip replacement and has been using a walker', 'a co-worker who
# had a carpal tunnel release'), or care 'of his own' after such a person is named.
CARE_OF_ANOTHER_BEFORE = re.compile(r"\b(?:" + RELATIVES + r")\b[^.;]{0,80}?\b(?:who\s+)?(?:had(?!\s+to\b)|has\s+had|underwent|(?:is|was)\s+"
                                    r"recovering\s+from|recovering\s+from|(?:recently\s+)?(?:finished|completed)|received|got|"
                                    r"(?:has|had)\s+been\s+using)\b[^.;]{0,80}$")
OF_THEIR_OWN_AFTER = re.compile(r"(?:\s+[a-z-]+){0,2}?\s+of\s+(?:his|her|their)\s+own\b")
CARE_OF_ANOTHER_REACH = 160
# (the worker named after that person, as a subject or as the one taken to the care: 'her husband had surgery, and she
# had therapy', 'her husband had to take her to therapy')
THE_WORKERS_OWN_CLAUSE = {"female": re.compile(r"\b(?:she|her(?!\s+own\b)|the\s+(?:worker|patient|claimant|applicant|employee))\b"),
                          "male": re.compile(r"\b(?:he|him|the\s+(?:worker|patient|claimant|applicant|employee))\b")}


def _care_of_another(ctx: LetterContext, sent, span: Span) -> bool:
    low = ctx.lower
    start = max(sent.start_char, span.start_char - CARE_OF_ANOTHER_REACH)
    other = CARE_OF_ANOTHER_BEFORE.search(low, start, span.start_char)
    if other is None:
        return False
    # (not where the worker is named as a subject after that person: 'her husband had surgery, and she had therapy')
    workers = THE_WORKERS_OWN_CLAUSE.get(_workers_sex(ctx) or "")
    return workers is None and OF_THEIR_OWN_AFTER.match(low, span.end_char) is not None \
        or workers is not None and workers.search(low, other.start() + 1, span.start_char) is None


def _until_next(spans: list[Span], span: Span, end: int) -> int:
    """Where the next of `spans` after `span` starts, or `end` if sooner: what is said after a mention before the next
    is said of it."""
    following = _next_in(spans, span)
    return end if following is None else min(end, following.start_char)


def _care_of_the_condition_before(ctx: LetterContext, span: Span) -> bool:
    """Equipment named as the care of the condition before it: after a dash or colon, or in a later cell of the row the
    condition heads ('Sleep apnea      2020      BiPAP at night')."""
    conditions = ctx.group("diagnosis")
    k = bisect_right(conditions, span.start, key=lambda s: s.start) - 1
    if k < 0 or conditions[k].end > span.start:
        return False
    condition = conditions[k]
    if EQUIPMENT_AFTER_ITS_CONDITION.fullmatch(ctx.lower, condition.end_char, span.start_char):
        return True
    (start, end), (equipment, _) = ctx.span_original(condition), ctx.span_original(span)
    text = ctx.view.original
    return "\n" not in text[end:equipment] and COLUMN_GAP.search(text, end, equipment) is not None \
        and opens_its_line(text, start)


def _dated(ctx: LetterContext, sent, span: Span) -> bool:
    """Care named with the time it was done, in its own clause: after its name ('a kidney transplant in 2015', 'L CSI
    11/2017', 'hernia repair at age 20', 'TENS trial w/ PT (2018)', 'Psychotherapy: 16 sessions, 07/2015 - 06/2016')
    or heading a chronology's item ('06/2013 - L4-S1 fusion', 'Chronology: 03/2012 - laminectomy'); not where the
    clause asks for it, plans, offers, weighs or declines it ('biofeedback was asked for in 2019', 'offered a fusion
    in 03/2022'), nor a note's date set off by a comma ('Medication review, 02/11/2022:'; 'ORIF 06/02/2022: plate
    and screws' is the surgery's) or a person's ('raised by a chiropractor in 2020'). The generic word names care only
    at a part ('knee surgery in 2015'; 'vascular surgery, 08/2024' is a clinic)."""
    low = ctx.lower
    name = ctx.span_lower(span)
    if name in GENERIC_SURGERY_WORDS and not _at_a_part(ctx, span) or PERSON_NAMED.search(name):
        return False
    after = DONE_AT_AFTER.match(low, span.end_char, sent.end_char)
    if after is not None and NOTE_DATE_AFTER.fullmatch(low, span.end_char, after.end() + 1):
        after = None  # a note's date and its colon, set off by a comma
    clause_start = max(sent.start_char, low.rfind(";", sent.start_char, span.start_char) + 1)
    if after is None and DONE_AT_BEFORE.match(low, sent.start_char, span.start_char) is None \
            and not _dated_in_its_column(ctx, sent, span) and not _dated_after_its_reason(ctx, clause_start, span):
        return False
    clause_end = low.find(";", span.end_char, sent.end_char)  # (a chronology's item is read to its end: '2020 - lumbar
    clause_end = sent.end_char if clause_end < 0 else clause_end  # fusion requested, denied')
    return NOT_YET_DONE.search(low, clause_start, after.end() if after else clause_end) is None


# A past time: a month and year or a full date, a year (not a dose: '2000 mg'), an age, years ago; not a note's date
# before its colon. A month and a year of two digits only as a span of months ('08/12-01/13'), not a score's range
# ('6/10-8/10').
_MONTH_YY = r"(?!\d{1,2}/10\b)(?:0?[1-9]|1[0-2])/\d\d"
_PAST_TIME = (r"(?:(?:0?[1-9]|1[0-2])/(?:(?:0?[1-9]|[12]\d|3[01])/)?(?:19|20)\d\d|(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])/\d\d"
              r"|" + _MONTH_YY + r"\s*[-–]\s*" + _MONTH_YY +
              r"|(?:19|20)\d\d(?!\s*(?:mg|mcg|units?|ml|cc)\b)|age\s+\d{1,2}|[a-z0-9]+\s+years?\s+ago)\b")
DONE_AT_AFTER = re.compile(r"(?::\s)?[^;:.>]{0,48}?\b" + _PAST_TIME)  # (past a label's colon)
NOTE_DATE_AFTER = re.compile(r",\s*(?:dated\s+)?[\d/]+:")
DONE_AT_BEFORE = re.compile(r"(?:[a-z][a-z ]{0,30}:\s*)?(?:[-•*]\s*)?(?:in\s+)?" + _PAST_TIME
                            + r"\s*(?:-|–|:)\s*(?:[\w/+-]+\s+){0,5}$")
# ... or in the first column of a chronology's row, a wide gap after it ('11/2018      L4-S1 TLIF', '05/2022 - present
# medication management'), in any of its clauses or list's items ('11/2019      Soft collar for 2 weeks; a bone
# stimulator at home', '03/2021      ED: reduction, short arm splint')
DATE_IN_ITS_COLUMN = re.compile(r"(?:[-•*]\s*)?" + _PAST_TIME + r"(?:\s*[-–]\s*(?:present|now|current|ongoing|" + _PAST_TIME
                                + r"))?(?P<gap>\s+)(?:[^;:,]{0,80}[;:,]\s*)*(?:[\w/+-]+\s+){0,5}$")


def _dated_in_its_column(ctx: LetterContext, sent, span: Span) -> bool:
    m = DATE_IN_ITS_COLUMN.match(ctx.lower, sent.start_char, span.start_char)
    return m is not None and COLUMN_GAP.match(ctx.view.original, ctx.view.to_original(m.start("gap"))) is not None


# ... or after what it was done for and its time, in its clause ('Cancer of the right breast, 2011 - mastectomy and
# chemotherapy', 'Colon CA 2015 - hemicolectomy'; not a test's, 'XR 11/2016 - neg except a small traction spur')
DATED_IN_ITS_CLAUSE = re.compile(r"(?:,\s*|\s)" + _PAST_TIME + r"\s*[-–:]\s*(?:[\w/+-]+\s+){0,5}$")


def _dated_after_its_reason(ctx: LetterContext, clause_start: int, span: Span) -> bool:
    dated = DATED_IN_ITS_CLAUSE.search(ctx.lower, clause_start, span.start_char)
    return dated is not None and any(dated.start() - 2 <= d.end_char <= dated.start() for d in ctx.group("diagnosis"))
# Words of care not had (yet) in the clause that dates it.
NOT_YET_DONE = re.compile(r"\b(?:request|recommend|rec'?d\b|schedul|plan|pending|auth|certif|denied|propos|offer|suggest|"
                          r"order|await|consider(?!ab)|discuss|refer|candidate|future|next\b|upcoming|until\b|defer|postpone|"
                          r"ask|prescri|eval|intake|assess|screen|declin|refus|cancel|never\b|not\b|no\b|without\b)")
# A table's status after the care's date ('Euflexxa series   03/2019   Requested; denied by UR', 'Aquatic
# therapy   08/2020   Offered; declined by the worker'), unless the clause after it tells the care was had ('Authorized;
# went to 4, then quit').
NUMBER_OF_VISITS = r"\d+\s+(?:visits?|sessions?|treatments?|injections?)\s+"
# (also after the count it was for: '6 visits authorized; none attended')
STATUS_WORDS = re.compile(r"\s*(?:[,–—-]\s*)?(?:" + NUMBER_OF_VISITS + r")?(?:requested|recommended|authori[sz]ed|approved|"
                          r"(?:non-?)?certified|non-?cert|denied|offered|proposed|scheduled|pending|discussed|suggested|"
                          r"cancell?ed|declined|refused|deferred|referred)\b")
HAD_AFTER_STATUS = re.compile(r"[^.;]*?\b" + _CARE_HAD)


NONE_BEFORE = re.compile(r"\b(?:no|none|not|never|did\s+not|didn't)\b")


def _not_had_by_its_status(ctx: LetterContext, sent, span: Span) -> bool:
    low = ctx.lower
    dated = DONE_AT_AFTER.match(low, span.end_char, sent.end_char)
    if dated is None:
        return False
    start, end = dated.end(), sent.end_char
    status_end = low.find(";", start, end)
    status_end = end if status_end < 0 else status_end
    if STATUS_WORDS.match(low, start, status_end) is None:
        return False
    had = HAD_AFTER_STATUS.match(low, status_end + 1, end)
    return had is None or NONE_BEFORE.search(low, status_end + 1, had.end()) is not None


# a clinician named for the care ("a chiropractor"), not a device ending like one ("spinal cord stimulator")
PERSON_NAMED = re.compile(r"\b" + CLINICIAN + r"$")


def _shortened(ctx: LetterContext, services: list[Span], span: Span) -> bool:
    """Care named again by the first words of the fuller name given before ('manipulation under anesthesia ... after
    the manipulation ...'): that care, not the care those words alone name."""
    if not THE_BEFORE.search(ctx.lower, max(0, span.start_char - 6), span.start_char):
        return False
    words = ctx.span_lower(span) + " "
    return any(s.end_char <= span.start_char and s.label_ != span.label_ and ctx.span_lower(s).startswith(words)
               for s in services)


THE_BEFORE = re.compile(r"\b(?:the|this|that)\s+$")
GENERIC_SURGERY_WORDS = frozenset({"surgery", "surgeries", "operation", "operations", "surgical treatment",
                                   "surgical intervention", "surgical procedure", "operative treatment"})
# What joins care to the part it was done on after it: 'on the left shoulder', 'to both knees'.
PART_OF_CARE_AFTER = re.compile(r"\s+(?:on|to|of)\s+(?:the\s+|his\s+|her\s+|their\s+|both\s+)?(?:(?:right|left)\s+)?")


def _at_a_part(ctx: LetterContext, span: Span) -> bool:
    """Whether a body part is named right before or right after `span` ('knee surgery', 'surgery on the left
    shoulder')."""
    parts = ctx.group("body_part")
    k = bisect_right(parts, span.start, key=lambda s: s.start) - 1
    return k >= 0 and parts[k].end == span.start \
        or k + 1 < len(parts) and PART_OF_CARE_AFTER.fullmatch(ctx.lower, span.end_char, parts[k + 1].start_char) is not None


def _in_a_longer_name(names: list[Span], span: Span) -> bool:
    """Whether one of `names` (sorted, disjoint) holds `span` before its last word."""
    k = bisect_right(names, span.start, key=lambda s: s.start) - 1
    return k >= 0 and names[k].end > span.end


# The tests of the clause before, named by a pronoun ('Urine drug screens were collected ...; each was consistent with
# the prescribed hydrocodone').
TESTS_BY_A_PRONOUN = re.compile(r"\s*(?:each|all|both|they|these|those|it)\s+(?:of\s+them\s+)?(?:was|were|is|are|has|have|came|showed)\b")


def _in_a_test_result(ctx: LetterContext, sent, span: Span) -> bool:
    """A test and its result in the mention's own clause (a sentence's parts apart by semicolons: 'Medications:
    gabapentin ...; UDS have been consistent' lists the drug, 'UDS was positive for oxycodone' tests for it)."""
    start = clause_start(ctx.lower, sent.start_char, span.start_char)
    if TESTS_BY_A_PRONOUN.match(ctx.lower, start):
        start = sent.start_char
    end = NEXT_CLAUSE.search(ctx.lower, span.end_char, sent.end_char)
    end = sent.end_char if end is None else end.start()
    return LAB_TEST.search(ctx.lower, start, end) is not None and TEST_RESULT.search(ctx.lower, start, end) is not None


# Where the clause after a drug ends: a semicolon, or a clause of its own after 'and' or 'but' ('he was switched to
# Zubsolv, and the use disorder is in remission, with clean drug screens').
NEXT_CLAUSE = re.compile(r";|,\s+(?:and|but)\s+(?:the|he|she|they|his|her|it|this)\b")


def _asked_before(ctx: LetterContext, sent, span: Span, requests: dict[int, list[int]]) -> bool:
    """A request word ('requested', 'recommended', 'candidate for') comes before the mention in its sentence
    (the sentence's request words found once), not in a clause of its own before a semicolon or another clause
    ('two early refill requests; an evaluation found no evidence of opioid use disorder', 'recommended continued
    care, and has seen a psychiatrist monthly for medication management'); a later clause may ask again ('...
    allowing four sessions; the carrier approved only six visits of aquatic therapy')."""
    if sent.start_char not in requests:
        requests[sent.start_char] = [m.end() for m in REQUEST_CUE.finditer(ctx.lower, sent.start_char, sent.end_char)
                                     if not _column_heading(ctx, m)]
    clause_end = None
    for end in requests[sent.start_char]:
        if end > span.start_char:
            return False
        if clause_end is not None and clause_end.start() > end:
            continue  # (within the clause already read)
        # (the clause's end may be told by words after the mention: '...; diabetes, which was tested for, ...')
        clause_end = REQUEST_CLAUSE_END.search(ctx.lower, end, sent.end_char)
        # (the main clause's verb ends a relative clause's request, not the request named as the subject: 'The disputed
        # requests, non-certified on 01/19/2016, are ...')
        while clause_end is not None and clause_end.group("main") \
                and not RELATIVE.search(ctx.lower, sent.start_char, clause_end.start()):
            clause_end = REQUEST_CLAUSE_END.search(ctx.lower, clause_end.end(), sent.end_char)
        if clause_end is None or clause_end.start() >= span.start_char:
            return True
    return False


def _column_heading(ctx: LetterContext, m: re.Match) -> bool:
    """A table's column heading in capitals ('MEDICATION  STRENGTH  DIRECTIONS  START'), not a word of prose (a
    section's heading in capitals, 'PLAN:' or 'REQUESTS', is one of requests)."""
    return ctx.text[m.start():m.end()] in ("START", "BEGIN")


# Where a request word's reach ends: a semicolon before a clause with a verb of its own ('; an evaluation found ...',
# not a list of requests: '; acupuncture, 6 sessions; compounded ... cream'), a comma and 'while', a comma and
# 'and' before a new verb or pronoun subject (not a list's last member: 'physical therapy, and the purchase of a
# cold therapy unit'), or 'and' before a verb of care had.
# ... or a colon before the results of the tests asked for ('ordered laboratory studies: rheumatoid factor was negative')
REQUEST_CLAUSE_END = re.compile(r"[;:](?=[^;.]{0,80}?\b(?:was|were|is|are|has|had|did|found|concluded|revealed|takes|took|uses|"
                                r"(?:show|note|report|document|record|list|describe|state|indicate|reflect)(?:s|e?d)?)\b"
                                # ... or a past verb after a subject of two words or more ('; an injection to the knee
                                # helped'; not '; a hinged knee brace', nor a noun ending so: '; a hospital bed')
                                r"|\s*(?:[^\s;.]+\s+){2,10}?(?!(?:bed|need|speed|seed|feed|shed|sled|red)\b)[a-z]+ed\b)|,\s+(?:while|whereas)\b|"
                                # ... or the result of a test asked for after its participle's clause ('A stress test,
                                # ordered for breathlessness, was normal, and coronary artery disease was excluded', 'A
                                # duplex scan, ordered after a long flight, found no deep vein thrombosis')
                                r",\s+(?:(?:was|were|came\s+back)\s+(?:\w+ly\s+)?(?:normal|negative|unremarkable)|"
                                r"(?:found|showed|revealed|demonstrated)\s+no)\b|"
                                # ... or the main clause's verb after a relative clause that holds the request word ('His
                                # other conditions, which matter to the request only as the surgery must allow for them, are gout, ...')
                                r"(?P<main>,\s+(?:are|were|include|included)\b)|,\s+and\s+(?:has|had|have|is|was|he|she|"
                                r"they|" + REPORTING_VERBS + r")\b"
                                # ... or the main clause after a clause the request word opened ('After utilization review
                                # modified the request, he attended six visits of aquatic therapy')
                                r"|,\s+(?:he|she|they)\s+(?:then\s+|later\s+|\w+ly\s+)?(?:attended|completed|underwent|received|"
                                r"had|tried|went|started|began|finished)\b"
                                # ... or a clause of its own with its subject and verdict ('Serologic testing was ordered,
                                # and rheumatoid arthritis was excluded')
                                r"|,\s+and\s+(?:[a-z'’-]+\s+){1,6}?(?:was|were|is|are)\s+(?:\w+ly\s+|then\s+|later\s+)?"
                                r"(?:excluded|ruled\s+out|confirmed|diagnosed|found|not\s+(?:found|confirmed|present)|negative)\b"
                                # ... or 'and' before a verb of care had ('was referred for an evaluation and subsequently
                                # attended six sessions of CBT') or of a test's result ('was ordered for his snoring and
                                # excluded narcolepsy', 'and came back negative for gout')
                                r"|\band\s+(?:it\s+|they\s+)?(?:then\s+|subsequently\s+|later\s+|eventually\s+)?(?:attended|completed|underwent|"
                                r"received|participated|went\s+on|ruled\s+out|excluded|showed|revealed|demonstrated|"
                                r"confirmed|came\s+back|(?:was|were)\s+(?:normal|negative|unremarkable))\b"
                                # ... or a reason told in a clause of its own ('at her internist's request because she
                                # takes warfarin')
                                r"|\b(?:because|since|as)\s+(?:he|she|they|the\s+(?:patient|worker))\s+(?:\w+ly\s+)?"
                                r"(?:takes|took|uses|used|is|was|has|had|needs|needed)\b"
                                # ... or a clinician's weighing that the test was for ('was ordered because the surgeon
                                # wondered about a recurrent disc herniation')
                                r"|\b(?:because|as)\s+(?:(?:the|his|her|their|an?)\s+)?(?:[a-z'’-]+\s+){0,2}?(?:"
                                + WEIGHING_VERBS + r")\b")


RELATIVE = re.compile(r"\b(?:which|that|who|whose)\b")


def _in_a_list_of_care(ctx: LetterContext, span: Span, services: list[Span]) -> bool:
    """Joined to other care by a comma, 'and' or 'or' ('physical therapy, acupuncture and medications'), or
    named in one sentence with another service."""
    if COORDINATED_BEFORE.search(ctx.lower, max(0, span.start_char - 6), span.start_char) \
            or COORDINATED_AFTER.match(ctx.lower, span.end_char):
        return True
    sent = ctx.sentence(span)
    return any(other is not span and sent.start_char <= other.start_char < sent.end_char
               and other.label_ != GENERIC_MEDICATION for other in services)


def _with_head_noun(doc: Doc, ctx: LetterContext, span: Span) -> str:
    """'chiropractic' + 'care'/'treatments' as written."""
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and nxt.lower_ in HEAD_NOUNS:
        return ctx.text[span.start_char:nxt.idx + len(nxt)]
    return ctx.span_text(span)


def _body_parts(ctx: LetterContext, region) -> list[Mention]:
    """The parts the worker hurt or complains of, with their side: not the part in a condition's name (unless
    the condition is a pain complained of) or a procedure's, none in a statement of diagnoses, not an
    examination's, not a negated one; 'both hands' is the right and the left hand."""
    named = [s for key in ("service", "drug") for s in ctx.group(key)]
    named += [s for s in ctx.group("diagnosis") if not COMPLAINT_WORDING.search(s.label_)]
    starts = sorted((s.start, s.end) for s in named)
    found: dict[str, Mention] = {}
    previous_end, previous_side = -1, None  # the part before and its side, which a part named with it shares
    for span in ctx.group("body_part"):
        if not inside(span, region) or _said(ctx, span) & (NOT_THE_WORKERS | {NEGATED}) or _in_statement(ctx, span):
            continue
        k = bisect_right(starts, (span.start, len(ctx.token_starts))) - 1
        if k >= 0 and starts[k][1] > span.start or NOT_A_COMPLAINT_AFTER.match(ctx.lower, span.end_char):
            continue
        sent = ctx.sentence(span)
        if not sent.has(COMPLAINT_CUE) or sent.has(EXAM_CUE) or sent.has(REQUEST_CUE):
            continue
        shared = previous_side if previous_end >= 0 and COORDINATED.fullmatch(ctx.lower, previous_end, span.start_char) \
            else None
        parts = _sided_parts(ctx, span, shared)
        previous_end, previous_side = span.end_char, side_of(parts)
        for part in parts:
            found.setdefault(part.value, part)
    sided = {v.split(" ", 1)[1] for v in found if v.split(" ", 1)[0] in ("right", "left")}
    return [m for v, m in found.items() if v not in sided]


def _sided_parts(ctx: LetterContext, span: Span, shared: str | None = None) -> list[Mention]:
    written = ctx.span_lower(span)
    before = _side_before(ctx, span)
    side = None
    if before and " and " not in ctx.lower[before.start():span.start_char]:
        side = SIDES[before.group(1)]
    if side is None and shared and span.label_ in PAIRED:  # a part the body has one of is not sided ('the low back')
        side, where = shared, ctx.span_original(span)
    elif side is None:
        # a part written in the plural stays plural ('buttocks'), as written; not one named by another part
        # ('the 6th, 7th and 8th ribs' are the chest)
        last = written.split()[-1] if written.split() else ""
        named = span.label_.split()[-1]
        plural = SINGULARS.get(last, last[:-1] if last.endswith("s") and not last.endswith("ss") else None) == named
        return [Mention(number_for_side(span.label_, "bilateral") if plural else span.label_,
                        ctx.span_original(span))]
    else:
        where = ctx.original(before.start(), span.end_char)
    if side == "bilateral":
        return [Mention(f"{s} {number_for_side(span.label_, s)}", where) for s in ("right", "left")]
    return [Mention(f"{side} {number_for_side(span.label_, side)}", where)]
