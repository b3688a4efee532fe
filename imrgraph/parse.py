"""Parse stage: recognise a letter's layout and split it into sections and disputed items.

Works on the text as read (offsets are kept, nothing is rewritten) and tolerates what PDF text
layers do to letters: blank lines between lines, headings and sentences broken across lines, the
decision word alone on the next line, page lines, redaction gaps.

Layouts (DOMAIN.md): "fdl-2014" (the 2014+ final determination letter), "fdl-2014-header" (the same
with the case header block), "fdl-2014-documents" (with DOCUMENTS REVIEWED and "IMR DECISION(S) AND
RATIONALE(S)"), "notice-2013" (the 2013 notice), "mpr" (single-issue MEDICAL PROFESSIONAL REVIEW).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import vocab
from .models import Document, ItemBlock, ParsedLetter, Rejection, Span
from .text import (
    ARTEFACT_LINE,
    BULLET,
    CASE_NUMBER_WORDS,
    DATE,
    FDL_RUNNING_HEADER,
    NUMBERED,
    PAGE_LINE_WORDS,
    PAGE_OF,
    PRIORITY,
    RULE_LINE,
    RUNNING_LINES,
    TITLE_ABBREVIATIONS,
    LinePattern,
    any_of,
    blank_lines,
    collapse,
    lowered,
    paragraph_end,
    trim_span,
    words,
)

# A section's number before its heading or label ('1. HOW THE IMR ...', '2) Clinical Case Summary', 'III.',
# 'Section 4:', 'SECTION 2 - CLINICAL CASE SUMMARY', 'B.', '(2) CLINICAL CASE SUMMARY', '1.0').
# (the lookahead skips the number's forms on most lines at once)
# A stray mark a text layer left before a heading or a label (a bar or a bullet before 'RATIONALE:').
# (any block element, geometric shape or private-use glyph a font maps a bullet to)
STRAY_MARK = r"(?:[|¦•·‣⁃∙»›~*#+=–—\u2580-\u25ff\ue000-\uf8ff-]+[ \t]*)?"
SECTION_NUMBER = (r"(?:(?=[\dsivxa-h(])(?:section[ \t]+)?(?:\d{1,2}(?:\.\d{1,2})*[ \t]*[-–—.):]?|(?:[ivx]{1,4}|[a-h])[ \t]*"
                  r"[-–—.):]|\((?:\d{1,2}|[ivx]{1,4}|[a-h])\))[ \t]+)?")
# A page's footer or running header the text layer ran into the heading's line ('Page 2 of 4 IMR ISSUES, DECISIONS AND
# RATIONALES', 'Page 2 of 5 Final Determination Letter for IMR Case Number CM16-0072214 IMR DECISION(S) AND ...', 'IMR
# Case No. CM23-0112745 Page 3 of 6 IMR ISSUES, ...').
PAGE_LINE_LEAD = r"(?:(?i:" + PAGE_OF + r"|" + FDL_RUNNING_HEADER + r"|" + CASE_NUMBER_WORDS + r")[ \t]+)*"
PAGE_LINE_AT_START = re.compile(r"[ \t]*(?:(?i:" + PAGE_OF + r"|" + FDL_RUNNING_HEADER + r"|" + CASE_NUMBER_WORDS + r")[ \t]+)+"
                                + STRAY_MARK)
LINE_LEAD = r"[ \t]*" + PAGE_LINE_LEAD + STRAY_MARK + SECTION_NUMBER  # what may come before a heading's or a label's words


def _headings(**named: tuple[str, ...]) -> LinePattern:
    """Headings alone on their line (words may wrap, a long word may have lost a letter: 'DECISONS', 'SUMARY'), or in
    capitals run into the text after them where the text layer lost the line break ('CLINICAL CASE SUMMARYThe expert
    ...', 'WAS MADEMAXIMUS Federal Services ...', 'IMR ISSUES, DECISIONS AND RATIONALES Each disputed ...'), one named
    group per kind: one pass over the lines."""
    alt = "|".join(f"(?P<{name}>" + "|".join(words(p) for p in phrases) + ")" for name, phrases in named.items())
    return LinePattern(LINE_LEAD + r"(?:" + alt + r")(?:[ \t:]*[ \t]*$|"
                       r"(?-i:(?<=[A-Z)])[ \t]*(?=[A-Z][a-z]|MAXIMUS\b)))", re.IGNORECASE)


def _label(*phrases: str) -> LinePattern:
    """A label that starts a line and ends with a colon; its value may follow on the same line."""
    alt = "|".join(words(p) for p in phrases)
    return LinePattern(LINE_LEAD + r"(?:" + alt + r")[ \t]*:", re.IGNORECASE)


def _label_or_heading(*phrases: str, body: str | None = None) -> LinePattern:
    """A label that starts a line and ends with a colon (its value may follow on the line), or the same words
    alone on their line as a heading; `body`: another regex (from the line's start) that also counts."""
    alt = "|".join([words(p) for p in phrases] + ([body] if body else []))
    return LinePattern(LINE_LEAD + r"(?:" + alt + r")[ \t]*(?::|(?=\r?\n|$))", re.IGNORECASE)


# --- layout markers ---------------------------------------------------------------------------
# The final determination letter's headings, by the section each one starts.
FDL_HEADINGS = _headings(
    qualifications=("HOW THE IMR FINAL DETERMINATION WAS MADE",),
    documents=("DOCUMENTS REVIEWED", "LIST OF DOCUMENTS REVIEWED", "DOCUMENTS REVIEWED FOR DETERMINATION",
               "DOCUMENTS REVIEWED BY THE EXPERT REVIEWER", "DOCUMENTS REVIEWED BY THE REVIEWER", "RECORDS REVIEWED",
               "MEDICAL RECORDS REVIEWED"),
    summary=("CLINICAL CASE SUMMARY", "CASE SUMMARY", "CLINICAL SUMMARY"),
    decisions=("IMR ISSUES, DECISIONS AND RATIONALES", "IMR ISSUES DECISIONS AND RATIONALES",
               "IMR ISSUES, DECISIONS, AND RATIONALES", "IMR ISSUE(S), DECISION(S) AND RATIONALE(S)",
               "IMR ISSUES, DECISIONS AND RATIONALE", "IMR DECISION(S) AND RATIONALE(S)",
               "IMR DECISIONS AND RATIONALES", "IMR DECISION AND RATIONALE", "ISSUES, DECISIONS AND RATIONALES",
               "IMR ISSUES AND DECISIONS"),
)
# Patterns in lower case are searched in the lower-cased text (text.lowered).
FDL_DOCUMENTS_VARIANT = re.compile(r"imr\s+decision\(s\)\s+and\s+rationale\(s\)")
# The words a line of the reviewer's credentials opens with ('State licenses held ...', 'Board Certification: ...').
_CREDENTIAL_LABEL = (r"(?:state|licen|lic\b|board|primary|certif|specialt|subspecialt|profession|degree|diplomate|years|"
                     r"fellowship)")
# The label of the reviewer's credentials block ('The Expert Reviewer has the following credentials:', 'Credentials
# of the Expert Reviewer:', 'Expert reviewer credentials:').
FDL_CREDENTIALS = re.compile(r"(?:the\s+)?(?:expert\s+)?reviewer\s+has\s+the\s+following\s+credentials\s*:|"
                             # (or a heading on its own line: 'CREDENTIALS OF THE EXPERT REVIEWER')
                             r"credentials\s+of\s+the\s+(?:expert\s+|physician\s+)?reviewer\s*(?::|(?=[ \t]*\n))|"
                             # ('Expert reviewer credentials (stated here at the reviewer's request):')
                             # (opening a line or a sentence: not '..., and not as part of the reviewer's credentials:')
                             r"(?:(?m:^)[ \t]*|(?<=[.:] ))(?:(?:the\s+)?expert\s+|physician\s+)?reviewer(?:'s)?\s+credentials\s*"
                             r"(?:\([^()\n]{0,80}\)\s*)?:|"
                             # ('EXPERT REVIEWER CREDENTIALS', 'EXPERT REVIEWER PROFILE' alone on its line)
                             # (also with a note in brackets: 'REVIEWER PROFILE (see above)')
                             # ('REVIEWER SIGNATURE PANEL')
                             # (a heading that opens its line, not a sentence's words wrapped at the line's end: '... are
                             # listed in the Reviewer Profile' / 'at the end of this notice')
                             r"(?m:^)[ \t]*(?:expert\s+|physician\s+)?reviewer(?:'s)?\s+(?:credentials|profile|signature\s+(?:panel|block))"
                             r"(?:[ \t]*\([^()\n]{0,100}\))?[ \t]*(?=\n)|"
                             # ('Reviewer's note on credentials:')
                             r"reviewer(?:'s)?\s+(?:note|statement|remarks?)\s+on\s+(?:(?:his|her|their)\s+)?credentials\s*:|"
                             # ('STATEMENT OF REVIEWER CREDENTIALS' alone on its line, or with its colon; 'ATTESTATION OF THE
                             # EXPERT REVIEWER')
                             r"(?:statement\s+of\s+(?:the\s+)?(?:expert\s+|physician\s+)?reviewer(?:'s)?\s+(?:credentials|"
                             r"qualifications)|attestation\s+of\s+(?:the\s+)?(?:expert\s+|physician\s+)?reviewer)"
                             r"\s*(?::|(?=[ \t]*\n))|"
                             # ('Statement of the reviewer:' over the reviewer's own words on its credentials)
                             r"(?:(?m:^)[ \t]*)statement\s+(?:of|by)\s+(?:the\s+)?(?:expert\s+|physician\s+)?reviewer\s*:|"
                             # ('Note on the reviewer's credentials, added at the reviewer's request:')
                             r"note\s+on\s+(?:the\s+)?(?:expert\s+)?reviewer(?:'s)?\s+credentials\b[^:\n]{0,60}:|"
                             # ... or the reviewer's title alone on its line over a block of credentials ('EXPERT REVIEWER'
                             # / 'State licenses held ........ Colorado, California')
                             # (or over a table of them: '+-----+' / '| Profession | Psychologist |')
                             # (or a signature's: 'Expert Reviewer' / 'MAXIMUS Federal Services, Inc.' / 'Board Certification:
                             # ...')
                             # (or with the organisation after a comma on the title's line)
                             # (double-spaced, the organisation's line naming it anywhere: 'Independent Medical Review,
                             # MAXIMUS Federal Services, Inc.')
                             # ('Physician Reviewer, Independent Medical Review' / 'MAXIMUS Federal Services' / 'Board ...')
                             # (a table's heading row and rules before it: '| Item | Entry |' / '|-----+-----|')
                             r"(?:expert|physician|professional)\s+reviewer(?:,[^\n]{0,60})?[ \t]*\n(?=(?:[ \t]*\n)*(?:[ \t]*[|+-][^\n]*\n){0,3}?"
                             r"(?:[^\n]*\bmaximus\b[^\n]*\n(?:[ \t]*\n)*)?[ \t]*(?:\|?[ \t]*"
                             # (or a table's row under it, whatever its first cell: ' Physiatrist   | Dipl. ABPMR ...')
                             + _CREDENTIAL_LABEL + r"|[^\n|]{1,40}\|[^\n]*(?:" + _CREDENTIAL_LABEL + r"|dipl\b)))")
# (as typed: 'Claims Adminlstrator guideline:')
_GUIDELINE = r"(?:guide\s+line|" + words("guideline") + r")s?(?:\s*\(s\))?"  # ('MAXIMUS guidline:', 'MAXIMUS guide line:')
# The parties a guideline label names: the claims administrator (or its utilization review) and the expert reviewer.
_CA_PARTY = (r"(?:claims?\s*" + words("administrator") + r"|utilization\s+review(?:er)?|\bur(?:\s+physician)?(?:\s+reviewer)?)")
_REVIEWER_PARTY = (r"(?:(?:" + words("maximus") + r"|imr)(?:\s+expert)?(?:\s+(?:" + words("reviewer") + r"|physician))?|"
                   r"(?:(?:independent|expert|physician|professional)\s+)*" + words("reviewer") + r")")
_RELIED_ON = (r"(?:relied\s+(?:up)?on|used|cited|applied|invoked|consulted|followed|adopted|accepted|(?:leaned|rested|drew|"
              r"depended)\s+(?:up)?on|turned\s+to)")
# (or its citations: 'Utilization review citation(s):'; the guidance, sources or references it relied on: 'Guidance
# followed by the claims administrator:', 'References the expert reviewer consulted:')
_GUIDELINES_OR_CITATIONS = r"(?:" + _GUIDELINE + r"|citations?(?:\s*\(s\))?|guidance|sources?|references?|authorit(?:y|ies))"
# The party first (or run together: 'ClaimsAdministrator guideline:', 'Claims Administratorguideline:',
# 'MAXIMUSguideline:', or letter-spaced: 'M A X I M U S   guideline:'), its verb after ('Expert Reviewer guideline(s)
# cited:')
_PARTY_FIRST = r"{party}(?:'s)?\s*" + _GUIDELINES_OR_CITATIONS + r"(?:\s+" + _RELIED_ON + r")?\s*:"
FDL_CA = re.compile(_PARTY_FIRST.format(party=_CA_PARTY))
FDL_REVIEWER = re.compile(_PARTY_FIRST.format(party=_REVIEWER_PARTY))
# FDL_REVIEWER starts with one of several words, which re cannot skip ahead to: the scan looks for
# 'guideline' and then for what came before it.
GUIDELINE_WORD = re.compile(_GUIDELINES_OR_CITATIONS + r"(?:\s+" + _RELIED_ON + r")?\s*:")
# ... or the guidelines first and the party after ('Guidelines the Claims Administrator relied on:', 'Guidelines used by
# the expert reviewer:', 'Guideline(s) cited in the UR determination:', 'Medical Treatment Guideline(s) Relied Upon by
# Utilization Review:')
# ('Citations in the UR decision:')
_PARTY_AFTER = (r"(?:" + _GUIDELINES_OR_CITATIONS + r"\s+(?:(?:" + _RELIED_ON + r"\s+)?(?:by|in)\s+(?:the\s+)?{party}(?:'s)?"
                r"(?:\s+(?:determination|decision|denial|letter|review|report))?|the\s+{party}\s+" + _RELIED_ON + r")|"
                # ... or the basis of its decision ('Basis of the UR non-certification:')
                r"basis\s+(?:of|for)\s+(?:the\s+)?{party}(?:'s)?\s+(?:determination|decision|denial|non-?certification|"
                r"review))\s*:")
# ... or the party and its verb alone, opening a line ('UR relied upon:', 'IMR reviewer relied upon:')
_PARTY_RELIED_ON = r"|(?m:^)[ \t]*{party}\s+" + _RELIED_ON + r"\s*:"
# ... or the basis of the denial, and of this decision ('Basis of the denial:' / 'Basis of this decision:')
_BASIS = r"|basis\s+(?:of|for)\s+{whose}\s*:"
FDL_CA_AFTER = re.compile(_PARTY_AFTER.format(party=_CA_PARTY) + _PARTY_RELIED_ON.format(party=_CA_PARTY)
                          + _BASIS.format(whose=r"the\s+(?:denial|non-?certification|modification)"))
FDL_REVIEWER_AFTER = re.compile(_PARTY_AFTER.format(party=_REVIEWER_PARTY) + _PARTY_RELIED_ON.format(party=_REVIEWER_PARTY)
                                + _BASIS.format(whose=r"this\s+(?:decision|determination|review)"))
REVIEWER_BEFORE = re.compile(_REVIEWER_PARTY + r"(?:'s)?\s*$")
# (as a scan may read it: 'Rationa1e for the Decision:')
_RATIONALE_LABEL = (r"decision\s*" + words("rationale") + r"|" + words("rationale") + r"\s+for\s+(?:the\s+)?"
                    r"(?:decision|determination)")
FDL_RATIONALE = re.compile(r"(?:" + _RATIONALE_LABEL + r")\s*:")
# "<treatment>:  Upheld" with the word on the same or the next line (blank lines, page footers and running
# headers allowed), or the next line a sentence that says it of the review ('<treatment>:' / 'The utilization review
# decision is upheld.').
_DECISION_AFTER = (r"[ \t]*(?:\n[ \t]*" + PAGE_LINE_WORDS + r"?)*(?P<said>(?:the\s+)?(?:[a-z']+\s+){0,3}?(?:decision|denial|"
                   r"determination|non-?certification|modification)\s+(?:is|was|has\s+been)\s+(?:hereby\s+)?)?"
                   r"(?P<word>upheld|overturned|uphold|overturn)\b(?(said)[ \t]*(?:\.[ \t]*)?|[ \t.]*)(?=\n|$)")
DECISION_WORD = re.compile(r"(?i)(?::|[ \t]+[-–—][ \t]*)" + _DECISION_AFTER)
# ... found from its colon or its dash (re skips ahead to those, not to every space), then matched from its start.
DECISION_MARK = re.compile(r"(?i)(?::|-(?<=[ \t]-)[ \t]*|–(?<=[ \t]–)[ \t]*|—(?<=[ \t]—)[ \t]*)" + _DECISION_AFTER)
# A label before the treatment's words ('Request: X', 'Disputed item: X') and one after them that only leads to the
# decision ('X\nDecision: Upheld'): neither is part of the heading.
HEADING_LEAD = re.compile(r"(?i)(?:\d{1,2}\s*[).]\s*)?(?:requested\s+treatment|treatment\s+requested|disputed\s+(?:item|"
                          r"treatment|service)|request(?:ed)?|item|issue|treatment|service)\s*:\s*|"
                          r"\d{1,2}\s*[).]\s+(?=[a-z])")  # ... or the item's number alone ('3. Hinged knee brace')
# The label a decision word follows on its own line ('Decision: Upheld', 'IMR Determination - Overturned').
DECISION_LABEL = r"(?:imr\s+|final\s+)?(?:decision|determination|result|outcome)"
DECISION_LABEL_LINE = re.compile(r"(?i)[ \t]*" + DECISION_LABEL + r"[ \t]*")
# A line that is one sentence of the verdict ('The utilization review decision is overturned.', 'This request is upheld.')
# the verdict regexes below (OUTCOME_WORD, VERDICT) read.
VERDICT_SENTENCE_LINE = re.compile(r"(?i)[ \t]*(?:the|this)\s[^.\n]{0,120}\.?[ \t]*")
# ... and after them the verdict said of them ('X is upheld.', 'X is not medically necessary and appropriate.').
# (or the colon a heading alone on its line ends with: 'Cervical pillow:')
HEADING_TAIL = re.compile(r"(?i)\s*(?:\n[ \t]*" + DECISION_LABEL + r"[ \t]*(?::.*)?|(?<=\w):[ \t]*|"
                          r"\s(?:is|was)\s+(?:hereby\s+)?(?:upheld|overturned)\.?|"
                          r"\s(?:is|was|are|were)\s+(?:not\s+)?medically\s+necessary(?:\s+and\s+appropriate)?\.?)$", re.DOTALL)

# A request is named in well under 600 characters; the bound keeps the 2013 notice's patterns
# linear in the letter's length (an unbounded lazy match scans to the end of the text from every line).
REQUEST = r"(?P<item>.{1,600}?)"
# (as a scan may read it: 'Notice of Independent Medical Review Deterrnination')
NOTICE_TITLE = re.compile(words("notice of independent medical review determination"))
NOTICE_DECISION_SECTION = _headings(decisions=(
    "INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE",
    "INDEPENDENT MEDICAL REVIEW DECISIONS AND RATIONALES",
))
# "1) MAXIMUS Federal Services, Inc. has determined the request for X is not medically necessary." on its own line.
# (a page's lines may fall inside the verdict: 'is not medically' / 'Page 1 of 5' / 'necessary and appropriate.')
_OVER_PAGE_LINES = r"(?:\s*\n[ \t]*" + PAGE_LINE_WORDS + r")*\s+"
NOTICE_DETERMINED = LinePattern(
    r"[ \t]*(?P<n>\d+)\s*[).]\s*MAXIMUS\s+Federal\s+Services,?\s+Inc\.?\s+has\s+determined\s+"
    r"(?:that\s+)?the\s+requests?\s+for\s+" + REQUEST + r"\s+(?:is|are|was|were)" + _OVER_PAGE_LINES + r"(?P<neg>not"
    + _OVER_PAGE_LINES + r")?medically" + _OVER_PAGE_LINES + r"necessary(?:" + _OVER_PAGE_LINES + r"and"
    + _OVER_PAGE_LINES + r"appropriate)?\s*\.", re.IGNORECASE | re.DOTALL
)
NOTICE_QUALIFICATIONS = _label("Medical Qualifications of the Expert Reviewer", "Qualifications of the Expert Reviewer",
                               "Expert Reviewer Qualifications", "Medical Qualifications of the Reviewer")
NOTICE_SUMMARY = LinePattern(
    LINE_LEAD + r"(?:" + "|".join(words(p) for p in (
        "clinical case summary", "expert reviewer case summary", "expert reviewer's case summary",
        "expert reviewer’s case summary", "case summary", "clinical summary")) + r")[ \t]*:?", re.IGNORECASE
)
# The request ends at the colon that ends its line: a colon inside it ('Compounded cream: flurbiprofen ...') does not.
NOTICE_ITEM = LinePattern(r"[ \t]*" + PAGE_LINE_LEAD + r"(?P<n>\d+)\s*[).]\s*" + words("Regarding") + r"\s+the\s+requests?\s+for\s+" + REQUEST
                          + r":[ \t]*(?=\r?\n|$)", re.IGNORECASE | re.DOTALL)
# In lower case, for the lower-cased text.
# What the guidelines are called in a label ('Medical Treatment Guideline(s)', 'Section of the Medical Treatment
# Utilization Schedule (MTUS)', 'Guidelines'), then whose they are.
# (as typed: 'Medical Treatment Guidline(s) Used by the Claims Administrator:', 'Sectlon of the MTUS')
_SECTIONS_WORD = words("section") + r"s?"
_NOTICE_GUIDELINES = (r"(?:" + _SECTIONS_WORD + r"\s+of\s+(?:the\s+)?)?(?:" + words("medical treatment") + r"\s+" + _GUIDELINE
                      + r"|" + words("medical treatment utilization schedule") + r"(?:\s*\(mtus\))?|mtus(?:\s+" + _SECTIONS_WORD
                      + r")?|" + _GUIDELINE + r"|" + words("criteria") + r")")
_USED_BY = r"(?:" + _RELIED_ON + r"\s+by|of)"
# ... a party's label may carry its abbreviation in brackets ('Claims Administrator (CA):', 'Expert Reviewer (ER):')
_ABBREVIATED = r"(?:\s*\([a-z]{2,4}\))?"
# (the parties' names as typed: 'the Expert Reveiwer used')
NOTICE_CA = re.compile(_NOTICE_GUIDELINES + r"\s+" + _USED_BY + r"\s+the\s+" + words("claims administrator") + _ABBREVIATED
                       + r"\s*:")
NOTICE_REVIEWER = re.compile(
    # ('Section of the MTUS the Expert Reviewer used for the Decision:')
    _NOTICE_GUIDELINES + r"\s+(?:the\s+" + words("expert reviewer") + _ABBREVIATED + r"\s+used(?:\s+for\s+(?:the|this|its|"
    r"his|her)\s+(?:decision|determination|review))?|" + _USED_BY
    + r"\s+the\s+(?:expert\s+|physician\s+|professional\s+)?" + words("reviewer") + _ABBREVIATED + r")\s*:"
)
NOTICE_RATIONALE = re.compile(r"(?:rationale\s+used\s+by\s+the\s+expert\s+reviewer|" + _RATIONALE_LABEL + r")\s*:")

MPR_TITLE = re.compile(words("medical professional review"))  # (or letter-spaced: 'M E D I C A L   P R O F E S S I O N A L')
# The single-issue review's parts, each a label with a colon or a heading alone on its line.
MPR_LABELS = {
    "issue": _label_or_heading("ISSUE AT DISPUTE", "ISSUE(S) AT DISPUTE", "ISSUES AT DISPUTE", "ISSUE IN DISPUTE",
                               "DISPUTED ISSUE", "DISPUTED ISSUES", "DISPUTED ITEM", "DISPUTED TREATMENT",
                               "TREATMENT IN DISPUTE", "TREATMENT AT DISPUTE", "REQUESTED TREATMENT", "ISSUE", "ISSUES"),
    "summary": _label_or_heading("CASE SUMMARY", "CLINICAL CASE SUMMARY", "CLINICAL SUMMARY", "CLINICAL HISTORY", "CASE HISTORY",
                                 "BACKGROUND", "CLINICAL BACKGROUND", "SUMMARY OF MEDICAL RECORDS", "SUMMARY OF RECORDS",
                                 "SUMMARY OF THE MEDICAL RECORDS", "MEDICAL RECORDS SUMMARY"),
    "documents": _label_or_heading("DOCUMENTS REVIEWED FOR DETERMINATION", "LIST OF DOCUMENTS REVIEWED", "DOCUMENTS REVIEWED",
                                   "MEDICAL RECORDS REVIEWED", "RECORDS REVIEWED", "RECORDS CONSIDERED",
                                   "DOCUMENTS CONSIDERED"),
    "decision": _label_or_heading("DECISION", "DETERMINATION", "FINAL DETERMINATION", "IMR DETERMINATION",
                                  "IMR DECISION", "FINAL DECISION"),
    "guidelines": _label_or_heading(
        "GUIDELINES AND RATIONALE", "GUIDELINES RELIED UPON", "GUIDELINE(S) RELIED UPON", "GUIDELINES USED", "GUIDELINE(S) USED",
        "GUIDELINES APPLIED", "APPLICABLE GUIDELINES", "GUIDELINES", "GUIDELINE(S)", "MEDICAL TREATMENT GUIDELINES",
        body=words("MEDICAL TREATMENT GUIDELINE") + r"\s*(?:\(\s?S\s?\)|S)?\s+" + words("RELIED UPON BY") + r"\s+(?:THE\s+)?"
             + words("PROFESSIONAL REVIEWER") + r"(?:\s+" + words("AND WHY") + r")?"),
    "rationale": _label_or_heading(
        "RATIONALE", "RATIONALE FOR THE DECISION", "RATIONALE FOR DECISION", "RATIONALE FOR THE DETERMINATION",
        "RATIONALE FOR DETERMINATION", "DECISION RATIONALE", "CLINICAL RATIONALE",
        body=words("RATIONALE FOR WHY THE REQUESTED TREATMENT") + r"\s*/?\s*(?:" + words("SERVICE") + r"\s*)?"
             r"(?:" + words("IS") + r"\s*/?\s*" + words("WAS") + r"|" + words("IS") + r"|" + words("WAS") + r")\s+(?:"
             + words("NOT") + r"\s+)?" + words("MEDICALLY NECESSARY")),
    "qualifications": _label_or_heading(
        "MEDICAL REVIEWER QUALIFICATIONS", "REVIEWER QUALIFICATIONS", "PROFESSIONAL REVIEWER QUALIFICATIONS",
        "EXPERT REVIEWER QUALIFICATIONS", "PHYSICIAN REVIEWER QUALIFICATIONS", "QUALIFICATIONS OF THE REVIEWER",
        "QUALIFICATIONS OF THE MEDICAL REVIEWER", "QUALIFICATIONS OF THE PROFESSIONAL REVIEWER",
        "QUALIFICATIONS OF THE EXPERT REVIEWER", "QUALIFICATIONS OF THE PHYSICIAN REVIEWER", "REVIEWER CREDENTIALS", "MEDICAL REVIEWER CREDENTIALS",
        "REVIEWER INFORMATION", "QUALIFICATIONS", "EXPERT REVIEWER", "PROFESSIONAL REVIEWER", "MEDICAL REVIEWER"),
}
# An issue worded as the question ('Whether the request for X is/was medically necessary.'): X is the item.
ISSUE_QUESTION = re.compile(
    r"(?is)\s*(?:whether\s+)?(?:the\s+)?(?:requests?|treatment)\s+for\s+(?P<item>.+?)\s+"
    r"(?:is\s*/\s*was|is|was|are|were)\s+(?:not\s+)?medically\s+necessary"
)

# The header block's labels, by the field each fills (lower case, words split by any whitespace). Labels
# of fields nothing reads are listed too: a blank (redacted) value ends at the next label instead of
# taking that label's value. The longest that matches wins: 'employee physician specialty' over 'employee'.
# A date's label is a grammar: the event it dates in any of its wordings, in any of the three orders
# ('Date of UR Decision', 'UR Decision Date', 'Date UR Decision'); a few labels name the date alone ('Dated').
DATE_EVENTS = {
    "date_assigned": ("assigned", "assignment", "imr assigned", "imr assignment", "case assigned", "case assignment",
                      "review assigned", "assigned to reviewer", "assigned to the reviewer", "assigned to expert reviewer",
                      "assigned to the expert reviewer"),
    "date_of_injury": ("injury", "industrial injury", "loss"),
    # the 2013 notice's 'Dated:' and the single-issue review's 'Review Date:' are the decision's date
    "decision_date": ("decision", "imr decision", "final decision", "determination", "imr determination",
                      "final determination", "final determination letter", "review", "imr review", "letter", "notice",
                      "imr final determination", "decision letter"),
    "ur_denial_date": ("ur", "ur denial", "ur decision", "ur determination", "ur review", "ur letter",
                       "ur non-certification", "ur noncertification", "ur modification", "utilization review",
                       "utilization review denial", "utilization review decision", "utilization review determination",
                       "utilization review non-certification", "utilization review letter", "denial", "non-certification",
                       "noncertification", "ur date of denial"),
    "application_received": ("application received", "imr application received", "application", "imr application",
                             "received", "application receipt", "receipt of application", "imr request received",
                             "request received", "imr request", "receipt"),
}
DATE_ALONE = {
    "date_assigned": ("imr date assigned",),
    "date_of_injury": ("doi", "dates of injury", "date(s) of injury"),
    "decision_date": ("dated", "date decided"),
    "ur_denial_date": ("ur denied", "ur date of denial"),
    "application_received": ("application received", "imr application received"),
}


def _date_labels(field: str) -> tuple[str, ...]:
    return (*(f"date of {e}" for e in DATE_EVENTS[field]), *(f"{e} date" for e in DATE_EVENTS[field]), *(f"date {e}" for e in DATE_EVENTS[field]),
            *DATE_ALONE.get(field, ()))


HEADER_FIELDS = {
    "case_number": ("case number", "imr case number", "maximus case number", "case no", "case no.", "imr case no.", "case #", "imr case #"),
    **{field: _date_labels(field) for field in DATE_EVENTS},
    "occupation": ("occupation", "employee occupation", "occupation of employee", "usual occupation", "job title",
                   "employee job title"),
    "priority": ("priority", "review priority", "case priority", "imr priority", "review type", "type of review",
                 "imr review type", "priority level"),
    # the treating doctor's specialty, never the reviewer's
    "treating_physician_specialty": (
        "treating provider specialty", "treating physician specialty", "employee physician specialty",
        "provider specialty", "physician specialty", "requesting provider specialty", "requesting physician specialty",
        "primary treating physician specialty", "ptp specialty", "treating provider's specialty",
        "treating physician's specialty", "specialty of treating physician", "specialty of treating provider",
        "treating doctor specialty", "specialty of the treating physician", "specialty of the treating provider",
        "attending physician specialty", "employee's physician specialty"),
}
OTHER_HEADER_LABELS = (
    "employee name", "employee", "injured worker", "patient name", "claimant", "applicant", "claim number",
    "claims number", "claim no", "claim no.", "claim #", "date of birth", "dob", "employee physician",
    "employee physician degree", "treating provider", "treating physician", "treating provider degree",
    "provider degree", "physician degree", "degree", "provider name", "provider", "requesting provider",
    "requesting physician", "employer", "employer name", "claims administrator", "insurer", "carrier",
    "disputed items", "disputed item", "disputed item(s)", "disputed treatment", "disputed services",
    "claims adjuster", "adjuster", "attorney", "applicant attorney", "re", "attn", "attention",
    # the reviewer's own fields: their specialty is never the treating physician's
    "reviewer", "expert reviewer", "reviewer specialty", "reviewer's specialty", "expert reviewer specialty",
    "reviewer physician specialty", "physician reviewer specialty", "reviewing physician specialty",
    "reviewing provider specialty", "specialty of reviewer", "specialty of the reviewer", "reviewer credentials",
)
_ALL_LABELS = sorted({*(label for labels in HEADER_FIELDS.values() for label in labels), *OTHER_HEADER_LABELS})
# (by its letters alone, as a label whose words ran together is read: 'DateAssigned')
_LABEL_FIELD = {"".join(label.split()): key for key, labels in HEADER_FIELDS.items() for label in labels}
# A label ends with a colon; its words may be broken across lines ('Application' / 'Received:') or run together
# ('DateAssigned:', 'UR DenialDate:'). Lower case;
# no leading lookbehind, so re skips ahead on the labels' first letters: `_header` keeps those that
# start the text, a line or follow whitespace (two columns flattened: '09/30/2014 Date of Injury:').
# A label alone on its line may have lost its colon to the text layer ('Date Assigned' / '03/01/2016').
HEADER_LABEL = re.compile(r"(?P<label>" + any_of(_ALL_LABELS, run_together=True) + r")(?:[ \t]*:|"
                          r"(?P<bare>[ \t]*)(?=\r?\n)|"
                          # ... or set apart from its value by a wide gap, as a table's cells are ('Date of Injury
                          # 03/14/2017      Date Assigned     06/01/2020')
                          r"(?P<spaced>[ \t]{2,})(?=\S)|"
                          # ... or by a single space before a value of its own kind, where the text layer closed the
                          # table's gaps ('Date of Injury 11/30/2019 Decision Date 04/02/2021 Priority Regular'; a case
                          # number is read on its own, and a page's running head names one), or a specialty's words
                          # to the line's end ('Treating Provider Specialty Orthopedic Surgery')
                          r"[ \t]+(?=" + DATE.pattern + r"|(?:" + PRIORITY.pattern + r")\b)|"
                          r"(?<=specialty)[ \t]+(?=[a-z][a-z &/,'()-]*[ \t]*(?:\r?\n|$))|"
                          # ... or a degree's ('Employee Physician Specialty Hand Surgery Employee Physician Degree MD')
                          r"(?<=degree)[ \t]+(?=(?:md|do|dc|dpm|phd|psyd|np|pa)\b\.?[ \t]*(?:\r?\n|$)))")
HEADER_DATE_FIELDS = frozenset({"date_assigned", "date_of_injury", "decision_date", "ur_denial_date",
                                "application_received"})
HEADER_VALUE_CHARS = 60  # a value alone on its line, or a cell of a row of values, is short
HEADER_BLANK_LINES = 3  # blank or page lines a value may sit below its label
HEADER_COLUMN_SLACK = 8  # characters a value may start off its label's column
# The 2013 notice's header ends where its letter text starts.
NOTICE_SALUTATION = LinePattern(r"[ \t]*dear\b", re.IGNORECASE)
# In lower case; the lookbehind is the word boundary before 'case' (a leading \b would stop re skipping ahead).
CASE_NUMBER = re.compile(r"case(?<!\wcase)\s+(?:number|no\.?|#)\s*:?\s*(?P<value>cm\d{2}-\d{4,8}|[a-z]{2}\d{2}-\d{4,8})")

# A rationale's own verdict, for layouts that state it in prose.
# "Medical necessity for the ... has not been established"; "the utilization review decision is upheld".
NECESSITY_SHOWN = re.compile(
    r"(?i)\bmedical\s+necessity\b[^.;]{0,200}?\b(?:has|have|is|was|were)\s+(?P<neg>not\s+)?(?:been\s+)?"
    r"(?:established|demonstrated|shown|supported|substantiated)\b"
)
REVIEW_OUTCOME = re.compile(
    r"(?i)\b(?:decision|denial|determination|non-?certification|modification)\s+(?:is|was|has\s+been|will\s+be|"
    r"should\s+be|must\s+be)\s+(?:hereby\s+|therefore\s+)?(?P<word>upheld|maintained|affirmed|sustained|"
    r"overturned|reversed|rescinded)\b"
)
UPHOLDING = frozenset({"upheld", "maintained", "affirmed", "sustained"})
# '... is upheld.', 'is hereby overturned': the review's word with no subject named.
OUTCOME_WORD = re.compile(r"(?i)\b(?:is|are|was|were|has\s+been|have\s+been)\s+(?:hereby\s+|therefore\s+)?"
                          r"(?P<word>upheld|overturned|reversed)\b")
VERDICT = re.compile(
    r"(?i)\b(?P<neg>not\s+|non-?|no\s+longer\s+)?(?:(?:found|considered|shown|deemed)\s+to\s+be\s+|considered\s+|"
    r"deemed\s+)?medically\s+(?:necessary|indicated)(?:\s+and\s+appropriate)?"
)


# Where no section holds the reviewer's qualifications, a sentence that states them does ('The reviewer is
# Board Certified in Neurology and is licensed to practice in California'), with the rest of its paragraph.
# ('The reviewer who examined these records holds board certification in Orthopaedic Surgery', 'The physician who
# decided this review is board-certified in ...', 'decided by an expert reviewer who is board certified in ...')
_PROFESSION = (r"(?:surgeon|physician|psychiatrist|psychologist|neurologist|physiatrist|internist|anesthesiologist|"
               r"chiropractor|podiatrist|rheumatologist|specialist)\b")
REVIEWER_STATEMENT = re.compile(
    # ('This reviewer, who is board certified in ...')
    r"\b(?:the|an?|this)\s+(?:(?:expert\s+|physician\s+|professional\s+|medical\s+|independent\s+|peer\s+)?reviewer"
    r"(?:,?\s+(?:who|that)(?:\s+[^.;]{1,60}?)?|\s+(?:for|in|on|of)\s+this\s+(?:case|review|appeal|matter|dispute))?|"
    r"(?:physician|clinician|doctor|expert)\s+who\s+(?:[^.;]{1,40}?\s)?(?:decided|"
    r"reviewed|performed|conducted|examined)\s+(?:this|the)\s+(?:review|case|appeal|file|records?))"
    # (or a note's label: '(1) The physician who decided this review: certified by ...')
    r"(?:\s+(?:is|was|holds|has\s+been)\s+(?:a\s+|an\s+)?|[ \t]*:[ \t]*)"
    r"(?:board[\s-]+certifi(?:ed|cation)|licensed|certified|certification|diplomate|fellowship|"
    # ... or named by a profession ('The expert reviewer for this case is an orthopaedic surgeon in active practice')
    r"(?:[a-z-]+\s+){0,2}" + _PROFESSION + r")"
    r"|\babout\s+the\s+(?:expert\s+|physician\s+|professional\s+|medical\s+)?reviewer\s*:"
    # ... or a note or statement on the reviewer under its label ('Closing statement on the reviewer:', 'A note from the
    # expert reviewer: I am board certified in ...')
    # (or as a heading on a line of its own: 'A WORD ABOUT THE REVIEWER', "Reviewer's closing statement")
    r"|\b(?:(?:closing\s+)?(?:statement|note|remarks?|words?)\s+(?:on|about|from)\s+the\s+(?:expert\s+|physician\s+)?"
    r"reviewer|(?:expert\s+)?reviewer['’]s\s+(?:closing\s+)?(?:statement|note|remarks|attestation))[ \t]*(?::|\n)"
    # ... or by who performed the review ('This review was performed by a physiatrist.', 'This determination was written
    # by a psychologist who ...')
    # ('The three determinations above were reached by a physiatrist', 'This notice is signed for MAXIMUS Federal Services
    # by the reviewing psychologist, who is ...')
    r"|\b(?:this|the|these)\s+(?:[a-z]+\s+)?(?:review|determinations?|decisions?|notice|letter)(?:\s+above)?\s+(?:was|were|is|are)\s+"
    r"(?:performed|conducted|done|completed|carried\s+out|written|made|decided|prepared|reached|rendered|signed|issued)"
    r"(?:\s+(?:for|on\s+behalf\s+of)\s+[^.;]{1,40}?)?\s+by\s+(?:a|an|the\s+reviewing)\s+"
    # ... or as a profession in the first person or by the reviewer's own voice ('I am a neurologist, certified by ...',
    # 'Speaking as an orthopaedic hand surgeon certified by ...')
    r"|\b(?:i\s+am|speaking\s+as)\s+(?:an?\s+)?(?:[a-z-]+\s+){0,2}?" + _PROFESSION + r"(?=[^.;]{0,40}?\b(?:board|certifi|"
    r"licen|diplomate))"
    # ... or a signature line naming the reviewer over credentials ('Reviewing physician (signature on file)')
    # ('REVIEWER SIGNATURE PANEL' over 'Electronically signed by ...' and the credentials)
    r"|(?m:^)[ \t]*(?:expert\s+|physician\s+)?reviewer(?:['’]s)?\s+signature\s+(?:panel|block)\b"
    r"|(?m:^)[ \t]*(?:reviewing|expert|independent|physician)\s+(?:physician|psychologist|clinician|chiropractor|reviewer)\b"
    r"[^\n:]{0,40}\n(?=[^\n]{0,120}?(?:board|licen|certif|diplomate))"
    # ... or over them on its own line, after a dash or a bar ('Expert reviewer -- Bd. Cert.: Psychiatry | Licensed: CA')
    r"|(?m:^)[ \t]*(?:expert|reviewing|independent)\s+(?:reviewer|physician)[ \t]*(?:--|[-–—|])"
    r"(?=[^\n]{0,120}?(?:board|\bbd\b|licen|certif|diplomate))"
    # ... or the reviewer as a line's label, also a numbered note's, over credentials ('1  Expert reviewer: Diplomate,
    # American Board of ...')
    # (a note marked by an asterisk: '* Expert reviewer: board certified in ...')
    # ... or a letter's closing over the signature's credentials ('Sincerely,' / ', M.D.' / 'Diplomate, American Board of
    # Anesthesiology')
    r"|(?m:^)[ \t]*(?:sincerely|respectfully(?:\s+submitted)?|regards|yours\s+truly)\s*,?[ \t]*\n"
    r"(?=(?:[^\n]*\n){0,2}?[^\n]{0,80}?(?:board|licen|certif|diplomate))"
    # (or 'Reviewer:' alone over abbreviations: 'Reviewer: Bd Cert: Ortho Surg; Lic: CA / AZ')
    r"|(?m:^)[ \t]*(?:\(?\d{1,2}[.)]?[ \t]+|\*{1,3}[ \t]*)?(?:(?:(?:expert|physician|professional|imr)\s+)?reviewer|"
    r"reviewer\s+of\s+record)\s*:(?=[^\n]{0,80}?"
    r"(?:board|licen|certif|diplomate|\bbd\.?\s*cert|\blic\b))"
    # ... or the reviewer in the first person ('I am board certified in Psychiatry')
    # ('I, the undersigned reviewer, am a licensed psychologist with board certification in', 'I hold certification from
    # the American Board of Family Medicine')
    r"|\bi(?:,\s*the\s+undersigned(?:\s+reviewer)?,)?\s+(?:am|hold|have)\s+(?:an?\s+|the\s+)?(?:[a-z]+\s+){0,3}?"
    r"(?:board[\s-]+certifi\w*|licensed|diplomate|certification|licen[sc]es?)\b"
)
# What says who the reviewer is: a qualifications section without any of it ('HOW THE IMR FINAL DETERMINATION WAS
# MADE' in general words) leaves the reviewer to a statement or a credentials block elsewhere in the letter.
CREDENTIAL_WORD = re.compile(r"board|licens|certif|diplomate")
# ... or one that sends the reader to them ('Her board certification and licences are given at the close of
# this letter').
# ('... are stated after the clinical case summary below')
# ('A statement of the reviewer's certification and licensure follows the clinical case summary.')
# ('... are listed in the Expert Reviewer Profile at the end of this notice', '... are entered in the credentials table
# placed directly after the Expert Reviewer Case Summary', 'The reviewer's attestation ... closes this letter.')
# ('... are given in note 1 at the foot of this page', '... appear on the line headed "Reviewer credentials" below')
CREDENTIALS_ELSEWHERE = re.compile(r"\b(?:(?:stated|listed|given|set\s+out|shown|found|appear|entered|printed|recorded|provided|"
                                   r"told|made(?:\s+known)?|included|noted|placed|written|supplied)\s+"
                                   r"(?:(?:over|with|beside|under)\s+(?:the|a)\s+signature\s+)?"
                                   r"(?:(?:in|on|under)\s+(?:(?:the|a|an)\s+)?[a-z0-9'\"“”\s]{1,60}?\s+)?(?:(?:printed|placed|set|found)\s+)?"
                                   r"(?:(?:directly|immediately|just)\s+)?(?:at\s+the\s+(?:end|close|foot|base|"
                                   # ('... are stated in the rationale above')
                                   r"bottom)|below|later|elsewhere|above|earlier|(?:after|following|beneath)\s+the|"
                                   r"in\s+the\s+(?:last|final|closing)\s+(?:section|part|paragraph))|"
                                   r"(?:follows?|comes?)\s+(?:the\s+(?:clinical\s+)?(?:case\s+)?summary|below|later|"
                                   r"at\s+the\s+(?:end|close))|(?:closes?|ends?|concludes?)\s+(?:this|the)\s+(?:letter|notice|"
                                   r"determination)|"
                                   # ('are in the note marked with an asterisk below')
                                   r"(?:is|are)\s+in\s+(?:the\s+|a\s+)?(?:note|footnote|table|block|panel|box)\b[^.]{0,60}?"
                                   r"(?:below|above|at\s+the\s+(?:end|foot|close|bottom)))\b")
STATE_NAMES = any_of(name for name in vocab.us_states() if len(name) > 2)  # (the reviewer's licences read them too)
STATE_NAME = re.compile(r"\b(?:" + STATE_NAMES + r")\b")
STATE_CODE_LICENSED = re.compile(r"(?i:lic|licen[sc]\w*|licensure)\b[^.\n]{0,40}?\b(?:" + "|".join(
    code.upper() for code in vocab.us_states() if len(code) == 2) + r")\b")
CREDENTIAL_LINES = 4  # lines of a statement or credentials block read after its cue
MORE_BLOCK_LINES = 4  # ... and as many more as follow with no blank line between
STATEMENT_REACH = 600  # characters of a reviewer statement's paragraph read


def parse(doc: Document) -> ParsedLetter | Rejection:
    """Recognise the layout and locate sections and items; reject what is not a decided IMR letter."""
    letter = _parse_layout(doc)
    if isinstance(letter, ParsedLetter):
        if "qualifications" not in letter.sections:
            _qualifications_stated(letter)
        else:
            low, qualifications = lowered(doc.text), letter.sections["qualifications"]
            if not CREDENTIAL_WORD.search(low, *qualifications) or CREDENTIALS_ELSEWHERE.search(low, *qualifications) \
                    or not _names_a_state(doc.text, low, qualifications):
                _reviewer_told_elsewhere(letter)
        if _stops_mid_sentence(doc.text):
            letter.problems.append("the text stops mid-sentence: the letter may be cut short")
    return letter


def _names_a_state(text: str, low: str, span: Span) -> bool:
    """Whether a qualifications section names a state (by name, or by its code after a licence's word): one that names
    none says where the credentials are in its own words ('... are printed in the signature panel on the last page')."""
    return STATE_NAME.search(low, *span) is not None or STATE_CODE_LICENSED.search(text, *span) is not None


def _qualifications_stated(letter: ParsedLetter) -> None:
    text = letter.document.text
    low = lowered(text)
    m = REVIEWER_STATEMENT.search(low)
    if m:
        letter.sections["qualifications"] = trim_span(text, m.start(), _statement_end(
            text, low, m.start(), min(len(text), m.start() + STATEMENT_REACH), m.end()))


def _statement_end(text: str, low: str, start: int, limit: int, cue_end: int | None = None) -> int:
    """Where a statement of the reviewer's credentials that starts at `start` ends, by `limit`: at its paragraph's
    end (the paragraph after its cue, past a label's blank line: 'About the reviewer:'), or before its first sentence
    that speaks of something else (a double-spaced 2013 notice's summary goes on with the clinical story without a
    wider gap)."""
    first = trim_span(text, start, limit)[0]
    limit = min(limit, paragraph_end(text, trim_span(text, cue_end or start, limit)[0], limit) or limit)
    end = first
    for sentence_end in [m.end() for m in STATEMENT_SENTENCE_END.finditer(low, first, limit)] + [limit]:
        if not ABOUT_THE_REVIEWER.search(low, end, sentence_end) or end > first and (
                ANOTHER_CLINICIAN_LEADS.match(low, end) or ANOTHER_CLINICIAN_NAMED.search(low, end, sentence_end)):
            break
        end = sentence_end
    return end if end > first else limit


STATEMENT_SENTENCE_END = re.compile(r"[.!?](?=\s)|:[ \t]*\n")
# A sentence led by another clinician, also as a note's next numbered line ('2  The QME named above is ...,
# a psychiatrist licensed in California', 'The treating surgeon, licensed in Nevada, ...').
# (a note marked by asterisks may name them without an article: '** Requesting physician, per the RFA: ...')
ANOTHER_CLINICIAN_LEADS = re.compile(r"\s*(?:(?:\(?\d{1,2}[.)]?\s+)?(?:the\s+|this\s+|dr\.?\s)|\*{1,3}\s*(?:the\s+|this\s+|dr\.?\s)?)[\"“]?(?:ame|qme|pqme|ptp|pcp|"
                                     r"(?:primary\s+)?treating|requesting|referring|consulting|agreed|panel|attending|"
                                     r"primary\s+care|utilization\s+review|ur\b)")
# ... or a sentence that names one ('I have no relationship with the requesting surgeon, who is board certified in ...')
ANOTHER_CLINICIAN_NAMED = re.compile(r"\b(?:the|his|her|their)\s+(?:requesting|treating|referring|primary\s+treating|"
                                     r"utilization\s+review|ur)\s+(?:[a-z-]+\s+)?(?:physician|surgeon|doctor|provider|"
                                     r"reviewer|psychologist|psychiatrist|chiropractor)\b|\b(?:qme|ame|pqme)\b")
ABOUT_THE_REVIEWER = re.compile(r"\b(?:" + CREDENTIAL_WORD.pattern + r"|licenc|reviewer|he/she\b|practi[cs]|affiliat|expert|"
                                r"familiar|qualif|specialt|fellowship)")


def _reviewer_told_elsewhere(letter: ParsedLetter) -> None:
    """A reviewer statement ('About the reviewer: ...') or a credentials block ('The Expert Reviewer has the
    following credentials:') outside the qualifications section: its first lines are the reviewer's (a statement's
    no further than its paragraph)."""
    text = letter.document.text
    low = lowered(text)
    block = FDL_CREDENTIALS.search(low)
    # (not the sentence that sends the reader there: 'the states in which the reviewer is licensed are shown in the
    # signature block')
    m = block or next((m for m in REVIEWER_STATEMENT.finditer(low)
                       if not CREDENTIALS_ELSEWHERE.search(low, m.start(), _sentence_end(low, m.start()))), None)
    if m:
        end = m.end()
        double_spaced = False
        for n in range(CREDENTIAL_LINES + MORE_BLOCK_LINES):
            line = NON_BLANK_LINE.search(text, end)
            # (past its first lines, a block goes on only on the lines right under them: 'State licenses held ...' as
            # the fifth line of a profile; copies to others end it: 'cc: ..., M.D. - Orthopedic Surgery')
            if line is None:
                break
            # (in a block whose lines are not double-spaced, past a blank line only a credential's line goes on: not a
            # note on the other physicians in the file)
            apart = text.count("\n", end, line.start()) != 1
            double_spaced = double_spaced or apart and n == 1
            if n >= CREDENTIAL_LINES and apart or COPIES_LINE.match(low, line.start()) \
                    or block and n > 1 and apart and not double_spaced and not CREDENTIAL_LINE.match(low, line.start()):
                break
            end = line.end()
        end = end if block else _statement_end(text, low, m.start(), end, m.end())
        letter.sections["reviewer_statement"] = trim_span(text, m.start(), end)
        qualifications = letter.sections.get("qualifications")
        if qualifications and qualifications[0] < m.start() < qualifications[1]:
            # (a note under the section at the page's foot: the section ends before it, and another clinician's note
            # after it is neither's)
            letter.sections["qualifications"] = trim_span(text, qualifications[0], text.rfind("\n", 0, m.start()) + 1)
        summary = letter.sections.get("summary")
        # (a statement after the summary under a heading of its own ends it; a note at a page's foot that breaks the
        # summary's sentence does not)
        if summary and summary[0] < m.start() < summary[1] and not _breaks_a_sentence(text, summary[0], m.start()):
            letter.sections["summary"] = trim_span(text, summary[0], text.rfind("\n", summary[0], m.start()) + 1 or m.start())


NON_BLANK_LINE = re.compile(r"[^\n]*\S[^\n]*")
def _sentence_end(low: str, start: int) -> int:
    found = STATEMENT_SENTENCE_END.search(low, start, start + STATEMENT_REACH)
    return found.end() if found else min(len(low), start + STATEMENT_REACH)
RULE_OR_NOTE_NUMBER = re.compile(r"[_\-—–=\s]*(?:\(?\d{1,2}[.)]?[ \t]*)?")


def _breaks_a_sentence(text: str, start: int, at: int) -> bool:
    """Whether what is at `at` (a note at a page's foot) breaks off a sentence: the last line of text before it, past a
    rule line and a note's number, ends with no full stop ('Her physician has' / '____' / '1 ...')."""
    lines = [line for line in text[start:at].splitlines() if not RULE_OR_NOTE_NUMBER.fullmatch(line)]
    return bool(lines) and not SENTENCE_END.search(lines[-1].rstrip())


# A line that goes on with a credentials block: a credential's, the reviewer's title, a running header with the case.
CREDENTIAL_LINE = re.compile(r"[ \t]*\|?[ \t]*(?:(?:medical\s+)?" + _CREDENTIAL_LABEL + r"|(?:expert\s+)?reviewer|imr\s+case)")
COPIES_LINE = re.compile(r"[ \t]*(?:cc|bcc|copies\s+to|copy\s+to|enclosures?|encl)\b\.?\s*:")


def _parse_layout(doc: Document) -> ParsedLetter | Rejection:
    text = doc.text
    low = lowered(text)
    if NOTICE_TITLE.search(low) or "regarding" in low and NOTICE_ITEM.search(text):
        return _parse_notice(doc, low)
    if MPR_TITLE.search(low) and MPR_LABELS["issue"].search(text):
        return _parse_mpr(doc, low)
    headings = _fdl_headings(text)
    if "qualifications" in headings or "decisions" in headings:
        return _parse_fdl(doc, low, headings)
    return Rejection(doc.source, "not an IMR determination letter (no known layout headings found)")


SENTENCE_END = re.compile(r"[.!?)\]\"'\u201d\u2019]$")
CLOSING_LINES = 12  # a closing (cc:, signature) among a letter's last lines means it ends there


def _stops_mid_sentence(text: str) -> bool:
    """A letter ends with a full stop or its closing lines; page footers after them do not count. A letter cut
    at a random point (a failed download, a truncated file) stops mid-sentence."""
    lines = [line.strip() for line in text[-4000:].splitlines()]
    while lines and (not lines[-1] or ARTEFACT_LINE.fullmatch(lines[-1])):
        lines.pop()
    if not lines:
        return True
    if TRAILER.search("\n".join(lines[-CLOSING_LINES:])):
        return False
    return not SENTENCE_END.search(lines[-1])


def _sections(text: str, marks: list[tuple[str, re.Match]]) -> dict[str, Span]:
    """Sections from heading matches: each runs from its heading's end to the next heading."""
    marks = sorted(marks, key=lambda m: m[1].start())
    out: dict[str, Span] = {}
    for i, (name, m) in enumerate(marks):
        end = marks[i + 1][1].start() if i + 1 < len(marks) else len(text)
        if name not in out:
            out[name] = trim_span(text, m.end(), end)
    return out


def _header(text: str, low: str, limit: int, start: int = 0) -> dict[str, Span]:
    """The header block's values in [start, limit), by field (HEADER_FIELDS); a field's first value wins."""
    if "|" in text[start:limit]:  # a header drawn as a table: its bars and rule lines are gaps between cells
        text = blank_lines(text[:limit], RULE_LINE).replace("|", " ") + text[limit:]
        low = lowered(text)
    labels = [m for m in HEADER_LABEL.finditer(low, start, limit) if _label_starts(text, low, m)]
    values: dict[int, Span] = {}  # label index -> value span
    waiting: list[int] = []  # labels in a row whose values are not on their own lines
    rows_before: list[int] = []  # ... and the rows of such labels before them
    for i, m in enumerate(labels):
        end = labels[i + 1].start() if i + 1 < len(labels) else limit
        line_end = text.find("\n", m.end(), end)
        same_line = trim_span(text, m.end(), end if line_end < 0 else line_end)
        if same_line[1] > same_line[0]:
            values.update(_same_line_values(labels, [k for k in waiting if _on_line_of(text, labels[k], m)] + [i],
                                            same_line, text))
            waiting, rows_before = [], []
            continue
        if len(waiting) > 1 and len({_line_start(text, labels[k].start()) for k in waiting}) == 1 \
                and _line_start(text, m.start()) != _line_start(text, labels[waiting[0]].start()):
            # a row of labels whose values were left blank, then the next row of labels: the blank row's labels
            # wait no longer (labels stacked one a line, their values after them all, still wait), unless one row
            # of values after the rows is theirs too
            rows_before, waiting = rows_before + waiting, []
        waiting.append(i)
        lines = _value_lines(text, line_end, end)
        if lines:
            cells = _cells(text, lines[0]) if len(lines) == 1 else []
            # rows of labels, then one row of all their values, in order (a first row whose values were left blank,
            # 'Employee:  Claims Administrator:  Treating Provider:', has none in it)
            whole = next((rows_before[j:] + waiting for j in range(len(rows_before))
                          if (j == 0 or not _on_line_of(text, labels[rows_before[j - 1]], labels[rows_before[j]]))
                          and len(rows_before) - j + len(waiting) == len(cells)), None)
            # ... or one row of labels under blank ones stacked a line each, then that row's values ('Employee:' /
            # 'Date of UR Decision:   Date of Injury:' / '09/12/2013   02/27/2012')
            last_row = [k for k in waiting if _on_line_of(text, labels[k], labels[waiting[-1]])]
            if whole is None and 1 < len(last_row) == len(cells) < len(waiting):
                whole = last_row
            if whole and all(_fits(labels[k], c, text) for k, c in zip(whole, cells)):
                values.update(zip(whole, cells))
            else:
                values.update(_pair_values(labels, waiting, lines, text))
            waiting, rows_before = [], []
    fields: dict[str, Span] = {}
    for i, span in sorted(values.items()):
        key = _field(labels[i])
        if key and key not in fields:
            fields[key] = span
    for key, span in _wrapped_label_values(text, low, limit, start):
        fields.setdefault(key, span)
    if "case_number" not in fields:
        m = CASE_NUMBER.search(low) if not start else None  # (a block repeated under a heading: the first has it)
        if m:
            fields["case_number"] = m.span("value")
    elif not CASE_NUMBER.fullmatch("case number: " + low[slice(*fields["case_number"])].split()[0]):
        del fields["case_number"]  # a label with something other than a case number after it
    return fields


def _label_starts(text: str, low: str, m: re.Match) -> bool:
    """A label starts the text or a line, or follows a space, a value's last digit or a blank value's colon (columns
    run together: 'Case Number:CM19-0001234Date Assigned:'), or, with its colon, its capital follows a word value's
    small letter ('Priority:StandardApplication Received:') or an all-capitals one's; a label without its colon at a line's end starts the line
    or a table's cell (after a wide gap: 'Case Number      Date Assigned      Date of Injury')."""
    before = low[m.start() - 1] if m.start() else " "
    if not (before.isspace() or before.isdigit() or before == ":"  # (or a blank value's colon: 'Treating
            # Provider:Treating Provider Specialty:Psychiatry')
            or m.group().endswith(":") and text[m.start()].isupper() and (
                text[m.start() - 1].islower()
                # (or an all-capitals value's last letter: 'Priority:STANDARDApplication Received:')
                or text[m.start() - 1].isupper() and text[m.start() + 1:m.start() + 2].islower())):
        return False
    if m.group("bare") is None:
        return True
    on_its_line = low[_line_start(low, m.start()):m.start()]
    return not on_its_line.strip() or on_its_line.endswith("  ")


def _on_line_of(text: str, label: re.Match, other: re.Match) -> bool:
    return _line_start(text, label.start()) == _line_start(text, other.start())


def _same_line_values(labels: list[re.Match], row: list[int], span: Span, text: str) -> dict[int, Span]:
    """The value after the last of a row's labels, or, when the row's labels came first and their values after
    them all ('Case Number:  Date Assigned:  CM19-0001234  05/02/2019'), each cell to its label in order."""
    if len(row) == 1:
        return {row[0]: span}
    cells = _cells(text, span)
    if len(cells) == len(row) and all(_fits(labels[k], c, text) for k, c in zip(row, cells)):
        return dict(zip(row, cells))
    # ... and a lone date after a redacted name's label is the date label's ('Application Received:  Employee
    # Name:  06/11/2024')
    dated = [k for k in row if _field(labels[k]) in HEADER_DATE_FIELDS]
    if len(cells) == 1 and dated and _field(labels[row[-1]]) not in HEADER_DATE_FIELDS \
            and DATE.match(lowered(text[slice(*span)])):
        return {dated[-1]: span}
    return {row[-1]: span}


def _cells(text: str, span: Span) -> list[Span]:
    return [(span[0] + c.start(), span[0] + c.end()) for c in HEADER_CELL.finditer(text[slice(*span)])]


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


# A cell that may hold a label's last words, wrapped below its first by a narrow column ('Received:', 'Date of' /
# 'Injury:'), with the colon or without it where the text layer dropped it.
LABEL_TAIL = re.compile(r"[a-z][a-z']*(?:[ ][a-z][a-z']*)?[ \t]*:?")
LABEL_TAIL_SLACK = 2  # characters a wrapped label's words may start off its first words' column
LABEL_ROWS = 3  # rows a narrow cell may wrap a label over ('Employee' / 'Physician' / 'Specialty:')


def _wrapped_label_values(text: str, low: str, limit: int, start: int = 0) -> Iterator[tuple[str, Span]]:
    """Fields whose label cell a narrow table column wrapped over rows, each value where `wrapped_label` finds it."""
    for tail in _cells(low, (start, limit)):
        found = wrapped_label(low, tail)
        if found and found[1] and (found[0] not in HEADER_DATE_FIELDS or DATE.match(low[slice(*found[1])])):
            yield found


def wrapped_label(low: str, tail: Span) -> tuple[str, Span | None] | None:
    """The header field whose label a narrow cell wrapped over rows (`low`, lower case; `tail`, a cell holding the
    label's last words), and its value: the cell beside the label's first words ('Application      03/09/2016' /
    'Received:'; 'Employee   Employee    Family Medicine' / 'Physician:   Physician' / 'Specialty:'; run on after one space,
    a date: 'Application 07/15/2019' / 'Received'), a line of its own between the label's two rows ('Application' /
    '03/19/2015' / 'Received:') or the cell under its last row ('Employee Physician' / 'Specialty:' / 'Psychiatry').
    Where the value wrapped too, its first line is the one found ('Employee Physician   Physical Medicine &' /
    'Specialty:   Rehabilitation')."""
    if not LABEL_TAIL.fullmatch(low, *tail):
        return None
    column, words, pos = _column(low, tail[0]), [low[slice(*tail)].rstrip(" \t:")], tail[0]
    found: tuple[str, Span | None] | None = None
    value: Span | None = None
    for _ in range(LABEL_ROWS - 1):
        above = line_above(low, pos)
        cells = _cells(low, above) if above else []
        if len(cells) == 1 and len(words) == 1 and value is None and _a_value_between_rows(low, cells[0], words[0], column):
            value, pos = cells[0], cells[0][0]  # (a value alone on its line between the label's rows)
            continue
        at = next((n for n, c in enumerate(cells) if abs(_column(low, c[0]) - column) <= LABEL_TAIL_SLACK), None)
        if at is None:
            break
        head = cells[at]
        date = _run_on_date(low, head)
        if date:
            head, value = (head[0], date.start()), (date.start(), head[1])  # ('Application 07/15/2019' / 'Received')
        words.insert(0, low[slice(*head)].strip())
        beside = cells[at + 1] if at + 1 < len(cells) else None
        value = beside if beside and not HEADER_LABEL.match(low, beside[0]) else value
        field = header_field(" ".join(words))
        if field and value:
            return field, value
        found, pos = found or (field and (field, None)), head[0]
    if found and found[1] is None:
        # (the value under the label's last row, in its column)
        below = line_below(low, tail[1])
        under = [c for c in _cells(low, below) if abs(_column(low, c[0]) - column) <= LABEL_TAIL_SLACK] if below else []
        if under and not HEADER_LABEL.match(low, under[0][0]):
            return found[0], under[0]
    return found


def _run_on_date(low: str, cell: Span) -> re.Match | None:
    """The date that ends a cell after a label's words, the two run together by one space ('application 07/15/2019')."""
    date = DATE.search(low, *cell)
    return date if date and date.start() > cell[0] and date.end() == cell[1] else None


def _a_value_between_rows(low: str, cell: Span, tail: str, column: int) -> bool:
    """A single cell between a label's first words on the line above it and its last below: not a label's words of its
    own, or the line above it and the tail make a label ('Employee Physician' / 'Psychiatry' / 'Specialty:')."""
    if _run_on_date(low, cell):
        return False  # (the label's first words with the date run on: 'Application 07/15/2019' / 'Received')
    if not LABEL_TAIL.fullmatch(low, *cell):
        return True
    above = line_above(low, cell[0])
    heads = [c for c in _cells(low, above) if abs(_column(low, c[0]) - column) <= LABEL_TAIL_SLACK] if above else []
    head = low[slice(*heads[0])] if heads else ""
    # (not itself the tail of a label the line above begins: 'Date' / 'Assigned:')
    return bool(head) and header_field(head + " " + tail) is not None and header_field(low[slice(*cell)] + " " + tail) \
        is None and header_field(head + " " + low[slice(*cell)].rstrip(" \t:")) is None


def line_above(text: str, pos: int) -> Span | None:
    """The line with text above the line of `pos`, past the blank lines a text layer leaves between two."""
    above_end = _line_start(text, pos) - 1
    for _ in range(HEADER_BLANK_LINES):
        if above_end <= 0 or text[_line_start(text, above_end):above_end].strip():
            break
        above_end = _line_start(text, above_end) - 1
    return (_line_start(text, above_end), above_end) if above_end > 0 else None


def line_below(text: str, pos: int) -> Span | None:
    """The line with text below the line of `pos`, past the blank lines a text layer leaves between two."""
    below = text.find("\n", pos)
    for _ in range(HEADER_BLANK_LINES + 1):
        if below < 0:
            return None
        end = text.find("\n", below + 1)
        end = len(text) if end < 0 else end
        if text[below + 1:end].strip():
            return below + 1, end
        below = end if end < len(text) else -1
    return None


def _value_lines(text: str, newline: int, end: int) -> list[Span]:
    """The value lines from the newline after a label to the next label: PDF text layers put labels and
    values on lines of their own with blank lines between. Ends at the first line that cannot be a value
    (long, or holding a colon), and after HEADER_BLANK_LINES blank lines with no value."""
    out: list[Span] = []
    blanks = 0
    while 0 <= newline < end and blanks <= HEADER_BLANK_LINES:
        line_end = text.find("\n", newline + 1, end)
        line_end = end if line_end < 0 else line_end
        start, stop = trim_span(text, newline + 1, line_end)
        line = text[start:stop]
        if not line or ARTEFACT_LINE.fullmatch(line):
            blanks += 1
        elif NOTICE_SALUTATION.pattern.match(line):
            break  # the letter's text starts ('Dear')
        elif ":" not in line and max(map(len, HEADER_CELL.findall(line))) <= HEADER_VALUE_CHARS:
            out.append((start, stop))
            blanks = 0
        else:
            break
        newline = line_end if line_end < end else -1
    return out


# A cell of a header row: text up to a run of two or more spaces or a tab.
HEADER_CELL = re.compile(r"\S+(?:[ ]\S+)*")


def _pair_values(labels: list[re.Match], waiting: list[int], lines: list[Span], text: str) -> dict[int, Span]:
    """Labels in a row and then their values in a row pair in order when the counts agree and every date
    label meets a date: the values one a line (a table read column by column) or as cells of one line set
    apart by runs of spaces (the table read row by row). Otherwise the value lines belong to the last
    labels, the ones before them being blank (redacted)."""
    if len(waiting) > 1:
        cells = _cells(text, lines[0]) if len(lines) == 1 else lines
        if len(cells) == len(waiting) and all(_fits(labels[i], cell, text) for i, cell in zip(waiting, cells)):
            return dict(zip(waiting, cells))
        one_row = text.count("\n", labels[waiting[0]].start(), labels[waiting[-1]].start()) == 0
        if len(lines) == 1 and len(cells) < len(waiting) and one_row:
            aligned = _by_column(labels, waiting, cells, text)
            if aligned:
                return aligned
        if not one_row and 1 < len(lines) < len(waiting):
            # labels one a line, fewer values one a line: the first fields were left blank (names, claim
            # numbers), so the values go to the last labels, in order
            last = waiting[-len(lines):]
            if all(_fits(labels[i], line, text) for i, line in zip(last, lines)):
                return dict(zip(last, lines))
    return {waiting[-1]: lines[0]}


def _fits(label: re.Match, cell: Span, text: str) -> bool:
    """A date label's value is a date."""
    return _field(label) not in HEADER_DATE_FIELDS or bool(DATE.match(lowered(text[slice(*cell)])))


def _column(text: str, pos: int) -> int:
    return pos - _line_start(text, pos)


def _by_column(labels: list[re.Match], waiting: list[int], cells: list[Span], text: str) -> dict[int, Span]:
    """A row of values with blanks (redacted cells) under a row of labels: each value goes to the label
    that starts in its column (within HEADER_COLUMN_SLACK characters); none when a value has no such label."""
    pairs: dict[int, Span] = {}
    for cell in cells:
        column = _column(text, cell[0])
        i = min(waiting, key=lambda n: abs(_column(text, labels[n].start()) - column))
        if abs(_column(text, labels[i].start()) - column) > HEADER_COLUMN_SLACK or i in pairs \
                or not _fits(labels[i], cell, text):
            return {}
        pairs[i] = cell
    return pairs


def _field(label: re.Match) -> str | None:
    return header_field(label.group("label"))


def header_field(label: str) -> str | None:
    """The header field a label's words (lower case) name, by their letters alone (HEADER_FIELDS)."""
    return _LABEL_FIELD.get("".join(label.split()))


def _first(pattern: LinePattern, text: str) -> list[re.Match]:
    m = pattern.search(text)
    return [m] if m else []


def _fdl_headings(text: str) -> dict[str, re.Match]:
    """The first of each final determination letter heading."""
    first: dict[str, re.Match] = {}
    for m in FDL_HEADINGS.finditer(text):
        first.setdefault(m.lastgroup, m)
        if len(first) == 4:
            break
    return first


def _parse_fdl(doc: Document, low: str, headings: dict[str, re.Match]) -> ParsedLetter | Rejection:
    text = doc.text
    marks = list(headings.items())
    sections = _sections(text, marks)
    if "decisions" not in sections:
        return Rejection(doc.source, "truncated letter: no 'IMR ISSUES, DECISIONS AND RATIONALES' section")
    first_heading = min(m.start() for _, m in marks)
    header = _header(text, low, first_heading)
    if "documents" in sections or FDL_DOCUMENTS_VARIANT.search(low):
        layout = "fdl-2014-documents"
    elif any(k in header for k in ("date_assigned", "decision_date", "ur_denial_date", "application_received")):
        layout = "fdl-2014-header"
    else:
        layout = "fdl-2014"
    if "summary" not in sections and "qualifications" in sections:
        _summary_without_heading(low, sections)
    if "qualifications" in sections:
        cred = FDL_CREDENTIALS.search(low, *sections["qualifications"])
        if cred:
            sections["credentials"] = (cred.end(), sections["qualifications"][1])
    letter = ParsedLetter(doc, layout, header, sections)
    letter.items = _fdl_items(text, low, sections["decisions"], letter.problems)
    return _require_items(letter)


def _span_between(text: str, start: int, end: int) -> Span | None:
    """The text between an item's opening and its rationale's label, trimmed; None when there is none, or only page
    lines ('Page 3 of 4' between the decision and 'Decision rationale:')."""
    span = trim_span(text, start, end)
    lines = [line.strip() for line in text[slice(*span)].splitlines() if line.strip()]
    if all(ARTEFACT_LINE.fullmatch(line) or any(p.fullmatch(line) for p in RUNNING_LINES) for line in lines):
        return None
    return span


def _fdl_items(text: str, low: str, region: Span, problems: list[str]) -> list[ItemBlock]:
    start, end = region
    labels = []  # (position, kind, match)
    for kind, found in (("ca", FDL_CA.finditer(low, start, end)), ("ca", FDL_CA_AFTER.finditer(low, start, end)),
                        ("reviewer", _reviewer_labels(low, start, end)),
                        ("reviewer", FDL_REVIEWER_AFTER.finditer(low, start, end)),
                        ("rationale", _rationale_labels(low, start, end))):
        labels += [(m.start(), kind, m) for m in found]
    decisions = [m for m in _decision_words(text, start, end) if not _inside_label(text, m)]
    labels += [(m.start(), "decision", m) for m in decisions]
    labels.sort(key=lambda x: x[0])

    # An item starts at a decision heading, or at a guideline label that follows a finished item.
    groups: list[list[tuple[int, str, re.Match]]] = []
    for entry in labels:
        kind = entry[1]
        current = groups[-1] if groups else None
        seen = {k for _, k, _ in current} if current else set()
        # the claims administrator's label follows the reviewer's in some layouts ('MAXIMUS GUIDELINE(S):' then
        # 'CLAIMS ADMINISTRATOR GUIDELINE(S):'): after a rationale it starts the next item
        if kind == "decision" or current is None or kind in seen or (kind == "ca" and "rationale" in seen):
            groups.append([entry])
        else:
            current.append(entry)

    # Headings first: each ends where its group's first label starts; the previous item ends there.
    headings: list[Span] = []
    for n, group in enumerate(groups):
        floor = groups[n - 1][-1][2].end() if n else start
        headings.append(_heading_before(text, floor, group[0][2].start()))

    items: list[ItemBlock] = []
    for n, group in enumerate(groups):
        group_end = headings[n + 1][0] if n + 1 < len(groups) else end
        first_kind, first_match = group[0][1], group[0][2]
        decision = decision_span = None
        if first_kind == "decision":
            word = first_match.group("word").lower()
            decision = "upheld" if word.startswith("uph") else "overturned"
            decision_span = first_match.span("word")
        labelled = [(m, kind) for _, kind, m in group if kind != "decision"]
        parts: dict[str, Span] = {}
        for i, (m, kind) in enumerate(labelled):
            part_end = labelled[i + 1][0].start() if i + 1 < len(labelled) else group_end
            parts[kind] = trim_span(text, m.end(), max(m.end(), part_end))
        told_in_prose = first_kind == "decision" and not labelled and first_match.end() < group_end
        if told_in_prose:
            # (an item told in prose alone, under its decision line, is its own rationale)
            parts["rationale"] = trim_span(text, first_match.end(), group_end)
        block = ItemBlock(headings[n], decision, decision_span, parts.get("ca"), parts.get("reviewer"),
                          parts.get("rationale"))
        if block.rationale:
            block.rationale = _strip_trailer(text, block.rationale)
            if first_kind == "decision" and labelled and "ca" not in parts and "reviewer" not in parts:
                block.guideline_prose = _span_between(text, first_match.end(),
                                                      next(m for m, kind in labelled if kind == "rationale").start())
        if decision is None:
            block.decision, block.decision_span = _stated_verdict(text, block.rationale, (headings[n][0], group_end))
            if block.decision:
                block.problems.append("no decision word after the item; decision taken from its prose")
        heading_text = collapse(text[slice(*headings[n])])
        if block.decision is None:
            problems.append(f"item {n + 1} ({heading_text[:80]!r}): no decision found; item skipped")
        elif not heading_text:
            problems.append(f"item {n + 1}: no treatment heading found; item skipped")
        else:
            if "rationale" not in parts or told_in_prose:
                block.problems.append("no 'Decision rationale:' label")
            items.append(block)
    return items


# A paragraph that tells of the worker ('The injured worker is a 66-year-old man ...', 'This 52 y/o ...').
# ('The worker, a man of forty-nine, has been a baggage handler ...'; 'A bank teller for years, the applicant was ...')
WORKER_PARAGRAPH = re.compile(r"(?:^|\n[ \t]*\n)\s*(?=[^\n]{0,200}?(?:\b\d{1,2}[- ]years?[- ]old\b|\b\d{1,2}\s*y/?o\b|"
                              r"\binjured\s+worker\b|\b(?:patient|claimant|applicant|employee)\s+is\s+an?\b|"
                              r"^the\s+(?:worker|employee|claimant|applicant|patient),\s+an?\s|"
                              # (the worker as the subject of what happened: 'A bank teller for years, the applicant was ...')
                              r"\b(?:the|this)\s+(?:injured\s+)?(?:worker|employee|claimant|applicant)\s+(?:was|is|has|had|fell|"
                              r"felt|slipped|tripped|injured|hurt|sustained|struck|developed|reports|reported)\b))", re.MULTILINE)


def _summary_without_heading(low: str, sections: dict[str, Span]) -> None:
    """A letter with no case summary heading tells of the worker in the paragraphs after the reviewer's
    qualifications: from the first paragraph about the worker to the decisions, that is the summary; or, where the
    section opens with the worker, in the paragraphs before a paragraph that states the reviewer's credentials."""
    start, end = sections["qualifications"]
    m = WORKER_PARAGRAPH.search(low, start, end)
    if m is None:
        return
    # (a line of a paragraph that tells of the worker mid-sentence: the summary opens with that sentence, 'Mr. ... was
    # robbed on' / '05/05/2016; his partner, a 30-year-old ...')
    opening = _sentence_opening(low, start, m.end()) if m.start() > start and "\n" not in m.group() else m.end()
    reviewer = REVIEWER_STATEMENT.search(low, m.end(), end) if not CREDENTIAL_WORD.search(low, start, m.start()) else None
    if reviewer is not None:
        paragraph = low.rfind("\n\n", m.end(), reviewer.start())
        sections["summary"] = (opening, paragraph if paragraph > m.end() else reviewer.start())
        sections["qualifications"] = (reviewer.start(), end)
    else:
        sections["qualifications"] = (start, min(m.start(), trim_span(low, start, opening)[1]))
        sections["summary"] = (opening, end)


# A sentence's end ('.', '?', '!', not a title's: 'Ms.') or a blank line, where the next sentence opens.
SENTENCE_OPENING = re.compile(r"[.!?]" + "".join(rf"(?<!\b{t}\.)" for t in TITLE_ABBREVIATIONS) + r"\s+|\n[ \t]*\n\s*")


def _sentence_opening(low: str, floor: int, at: int) -> int:
    """Where the sentence that holds `at` opens, from `floor`."""
    return max([floor] + [m.end() for m in SENTENCE_OPENING.finditer(low, floor, at) if m.end() <= at])


def _reviewer_labels(low: str, start: int, end: int) -> Iterator[re.Match]:
    """FDL_REVIEWER.finditer(low, start, end), found from the 'guideline' each label ends with."""
    pos = start
    for g in GUIDELINE_WORD.finditer(low, start, end):
        before = REVIEWER_BEFORE.search(low, max(pos, g.start() - 60), g.start())
        if before:
            m = FDL_REVIEWER.match(low, before.start(), end)
            yield m
            pos = m.end()


def _rationale_labels(low: str, start: int, end: int) -> Iterator[re.Match]:
    """FDL_RATIONALE.finditer(low, start, end), found from the 'rationale' each label holds: a label starts at
    the 'decision' just before it (or run into it: 'Decisionrationale:') or at the word itself."""
    pos = start
    at = low.find("rationale", pos, end)
    while at >= 0:
        before = at
        while before > pos and low[before - 1].isspace():
            before -= 1
        decision = before - len("decision")
        m = (FDL_RATIONALE.match(low, decision, end) if before <= at and decision >= pos
             and low.startswith("decision", decision) else None) or FDL_RATIONALE.match(low, at, end)
        if m:
            yield m
            pos = m.end()
        at = low.find("rationale", max(pos, at + 1), end)


def _decision_words(text: str, start: int, end: int) -> Iterator[re.Match]:
    """DECISION_WORD.finditer(text, start, end), found from each match's colon or dash."""
    pos = after = start
    while mark := DECISION_MARK.search(text, after, end):
        at = mark.start()
        if text[at] != ":":  # a dash: the match starts at the spaces before it
            while at > pos and text[at - 1] in " \t":
                at -= 1
        m = DECISION_WORD.match(text, at, end)
        if m:
            yield m
            pos = after = m.end()
        else:  # a dash right at `pos`, with no space before it to start from
            after = mark.start() + 1


def _inside_label(text: str, m: re.Match) -> bool:
    """'Claims Administrator guideline: Upheld...' is not an item heading."""
    return bool(re.search(r"(?i)guidelines?\s*$|rationale\s*$", text[_line_start(text, m.start()):m.start()]))


def _heading_before(text: str, floor: int, pos: int) -> Span:
    """The treatment heading that ends at pos: the lines after the last finished sentence."""
    lines = []
    cursor = last_end = pos
    while cursor > floor and len(lines) < 4:
        line_start = max(text.rfind("\n", floor, cursor) + 1, floor)
        line = text[line_start:cursor]
        # (a page's running header the text layer ran into the heading's first line: 'Final Determination Letter for
        # IMR Case Number CM25-0011236 Page 3 of 5 □ Additional postoperative physical' / 'therapy 2x6:  Upheld')
        furniture = PAGE_LINE_AT_START.match(line)
        if furniture and line[furniture.end():].strip():
            line_start, line = line_start + furniture.end(), line[furniture.end():]
        # the decision's own label line ('X is not medically necessary.' / 'Decision: Upheld') is not the heading
        # ... nor a sentence of the verdict under it ('Massage therapy x 8:' / 'The utilization review
        # decision is overturned.')
        labels_the_decision = not lines and (cursor == pos and DECISION_LABEL_LINE.fullmatch(line)
                                             or VERDICT_SENTENCE_LINE.fullmatch(line)
                                             and (OUTCOME_WORD.search(line) or VERDICT.search(line)))
        if line.strip() and not labels_the_decision and not ARTEFACT_LINE.fullmatch(line.strip()) \
                and not any(p.fullmatch(line) for p in RUNNING_LINES):
            if lines and (re.search(r"[.:;]\s*$", line) or TABLE_ROW.search(line)):
                break  # ... or a row of a decision table above the items ('Gabapentin 600mg #90     Upheld')
            if not lines:
                last_end = cursor  # page lines and running headers after the heading are not part of it
            lines.append(line_start)
        cursor = line_start - 1
    if not lines:
        return (pos, pos)
    start, end = trim_span(text, lines[-1], last_end)
    tail = HEADING_TAIL.search(text, start, end)
    if tail and tail.start() > start:
        end = trim_span(text, start, tail.start())[1]
    lead = HEADING_LEAD.match(text, start, end)
    return (lead.end(), end) if lead and lead.end() < end else (start, end)


# A row of a table of decisions: the treatment, a wide gap, its decision.
TABLE_ROW = re.compile(r"(?i)\S[ \t]{2,}(?:upheld|overturned)[ \t]*$")
TRAILER = LinePattern(r"[ \t]*(?:cc:|/[a-z]{2,4}\b|\[?signature|sincerely,)", re.IGNORECASE)


def _strip_trailer(text: str, span: Span) -> Span:
    """A rationale ends before any closing boilerplate that follows the last item."""
    start, end = span
    m = TRAILER.search(text[start:end])  # the rationale's start counts as a line start
    return trim_span(text, start, start + m.start()) if m else span


def prose_verdict(text: str, span: Span) -> tuple[str | None, Span | None]:
    """The last verdict a span states decides the item: 'is [not] medically necessary', 'medical necessity
    has [not] been established', 'the utilization review decision is upheld / overturned'."""
    last, decision = None, None
    for m in VERDICT.finditer(text, *span):
        before = text[max(span[0], m.start() - 40):m.start()].lower()
        if re.search(r"\b(?:whether|if|establish|determine|supports?\s+that|supported\s+that)\b[^.]*$", before):
            continue  # "to determine whether ... is medically necessary" states no verdict
        before = text[max(span[0], m.start() - 25):m.start()].lower()
        negated = bool(m.group("neg")) or bool(re.search(r"\b(?:not|never|neither)\b[\s\w]*$", before))
        last, decision = m, "upheld" if negated else "overturned"
    for m in NECESSITY_SHOWN.finditer(text, *span):
        if last is None or m.start() > last.start():
            last, decision = m, "upheld" if m.group("neg") else "overturned"
    for pattern in (REVIEW_OUTCOME, OUTCOME_WORD):
        for m in pattern.finditer(text, *span):
            if last is None or m.start() > last.start():
                last, decision = m, "upheld" if m.group("word").lower() in UPHOLDING else "overturned"
    return (decision, last.span()) if last else (None, None)


def _stated_verdict(text: str, rationale: Span | None, part: Span) -> tuple[str | None, Span | None]:
    """An item without its decision word: its rationale's last verdict, else the last one its whole part states."""
    decision, span = prose_verdict(text, rationale) if rationale else (None, None)
    return (decision, span) if decision else prose_verdict(text, part)


def _require_items(letter: ParsedLetter) -> ParsedLetter | Rejection:
    if not letter.items:
        why = "; ".join(letter.problems) or "no disputed items found in the decisions section"
        return Rejection(letter.document.source, f"no decided items: {why}")
    return letter


def _parse_notice(doc: Document, low: str) -> ParsedLetter | Rejection:
    text = doc.text
    marks = [("qualifications", m) for m in _first(NOTICE_QUALIFICATIONS, text)]
    marks += [("summary", m) for m in _first(NOTICE_SUMMARY, text)]
    items_at = list(NOTICE_ITEM.finditer(text))
    # a list of documents right after the reviewer's qualifications ends them ('Documents Reviewed for Determination:')
    qualifications = next((m for name, m in marks if name == "qualifications"), None)
    if qualifications is not None:
        after = [m.start() for _, m in marks if m.start() > qualifications.start()] + [m.start() for m in items_at[:1]]
        documents = MPR_LABELS["documents"].search(text, qualifications.end(), min(after, default=len(text)))
        if documents:
            marks.append(("documents", documents))
    decision_section = NOTICE_DECISION_SECTION.search(text)
    if items_at:
        marks.append(("decisions", items_at[0]))
    sections = _sections(text, [(n, m) for n, m in marks if not items_at or n == "decisions"
                                or m.start() < items_at[0].start()])
    if decision_section and "qualifications" not in sections:
        span = trim_span(text, decision_section.end(), items_at[0].start() if items_at else len(text))
        # a list of documents is no statement of the reviewer: it runs to the summary's label ('Documents Reviewed
        # for Determination: ...' then 'Expert Reviewer Case Summary:'); what comes before it (the header's labels,
        # the verdicts, 'The application ... was received') is the reviewer's only where it names credentials
        documents = MPR_LABELS["documents"].search(text, *span)
        if documents:
            end = min([m.start() for name, m in marks if name == "summary" and m.start() > documents.end()] + [span[1]])
            if end == span[1]:  # no summary label after it: the list ends with its last item
                end = _list_end(text, documents.end(), span[1])
            sections["documents"] = trim_span(text, documents.end(), end)
            before = trim_span(text, span[0], documents.start())
            span = before if CREDENTIAL_WORD.search(low, *before) else trim_span(text, end, span[1])
        # ... nor is the case summary, but for a first paragraph that states the reviewer's credentials ('Expert
        # Reviewer Case Summary: The expert reviewer is Board Certified in ...')
        summary = next((m for name, m in marks if name == "summary" and span[0] <= m.start() < span[1]), None)
        if summary is not None:
            first_end = _statement_end(text, low, summary.end(), span[1])
            stated = CREDENTIAL_WORD.search(low, summary.end(), first_end) is not None
            # (the statement alone where nothing before it names credentials: 'Priority:' / 'Provider Specialty:
            # Neurology' over the summary's label are the header's)
            start = span[0] if not stated or CREDENTIAL_WORD.search(low, span[0], summary.start()) else summary.start()
            span = trim_span(text, start, first_end if stated else summary.start())
        if span[0] < span[1]:
            sections["qualifications"] = span
    if "summary" not in sections and "qualifications" in sections:
        _summary_without_heading(low, sections)  # (the clinical story straight after the reviewer's paragraph)
    header_end = _notice_header_end(text, marks + [("items", m) for m in items_at[:1]])
    header = _header(text, low, header_end)
    # a page after the verdicts may repeat the header with fields the first block lacks ('Priority:', 'Provider
    # Specialty:'): under the decision heading, after its opening sentence, a list of documents or the reviewer's
    # paragraph, up to the first item's section
    header = _filled_from_label_blocks(text, low, header, header_end, items_at[0].start() if items_at else len(text))
    letter = ParsedLetter(doc, "notice-2013", header, sections)
    if not items_at:
        return Rejection(doc.source, "truncated letter: 2013 notice without any 'Regarding the request for' section")
    verdicts = {m.group("n"): m for m in NOTICE_DETERMINED.finditer(text)}
    for i, m in enumerate(items_at):
        end = items_at[i + 1].start() if i + 1 < len(items_at) else len(text)
        parts: dict[str, Span] = {}
        found = sorted(
            (lm.start(), lm.end(), kind)
            for kind, pattern in (("ca", NOTICE_CA), ("reviewer", NOTICE_REVIEWER), ("rationale", NOTICE_RATIONALE))
            for lm in [pattern.search(low, m.end(), end)] if lm
        )
        for j, (_, label_end, kind) in enumerate(found):
            part_end = found[j + 1][0] if j + 1 < len(found) else end
            parts[kind] = trim_span(text, label_end, part_end)
        if not found:
            # (an item told in prose alone, under its 'Regarding the request for' line, is its own rationale)
            parts["rationale"] = trim_span(text, m.end(), end)
        heading = trim_span(text, *m.span("item"))
        block = ItemBlock(heading, None, None, parts.get("ca"), parts.get("reviewer"), parts.get("rationale"))
        if not found:
            block.problems.append("no 'Rationale' label")
        if block.rationale:
            block.rationale = _strip_trailer(text, block.rationale)
            if found and "ca" not in parts and "reviewer" not in parts:
                block.guideline_prose = _span_between(text, m.end(), found[0][0])
        verdict = verdicts.get(m.group("n"))
        if verdict:
            block.decision = "upheld" if verdict.group("neg") else "overturned"
            block.decision_span = verdict.span()
        else:
            block.decision, block.decision_span = _stated_verdict(text, block.rationale, trim_span(text, m.end(), end))
        if block.decision is None:
            letter.problems.append(f"item {m.group('n')}: no decision found; item skipped")
            continue
        letter.items.append(block)
    return _require_items(letter)


# A list's line: set in, or opened by a number or a bullet.
LISTED_LINE = re.compile(r"[ \t]+\S|[ \t]*(?:" + NUMBERED + "|" + BULLET + r")[ \t]")


BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _list_end(text: str, start: int, limit: int) -> int:
    """Where the list that starts at `start` (the rest of its label's line, then its items) ends, by `limit`: before
    the first line that is no item of it; a list run on in a paragraph of its own ('Application for IMR (9/23/2013);
    Utilization Review Determination (9/12/2013); ...') ends with its paragraph."""
    end = start
    for line in NON_BLANK_LINE.finditer(text, start, limit):
        if line.start() > start and not LISTED_LINE.match(text, line.start()):
            if end == start or not text[start:end].strip():
                blank = BLANK_LINE.search(text, line.start(), limit)
                return blank.start() if blank else limit
            break
        end = line.end()
    return end


# A line that starts with a header label and its colon.
LABEL_LINE_START = re.compile(r"(?m)^[ \t]*(?=(?:" + any_of(_ALL_LABELS) + r")[ \t]*:)")


def _filled_from_label_blocks(text: str, low: str, header: dict[str, Span], start: int, end: int) -> dict[str, Span]:
    """The header's fields, with those it lacks from the blocks of label lines in [start, end)."""
    for block in _label_blocks(text, low, start, end):
        header = {**_header(text, low, block[1], block[0]), **header}
    return header


def _label_blocks(text: str, low: str, start: int, end: int) -> Iterator[Span]:
    """The blocks of header label lines in [start, end), each from a line that starts with a label."""
    while (m := LABEL_LINE_START.search(low, start, end)) is not None:
        block_end = min(_label_lines_end(text, low, m.end()), end)
        if block_end > m.end():
            yield m.end(), block_end
        start = max(block_end, low.find("\n", m.end(), end) + 1 or end)


def _label_lines_end(text: str, low: str, start: int) -> int:
    """Where the lines from `start` that hold header labels end (blank lines between them), at the first other line:
    a header block repeated under a heading."""
    end = start
    for line in NON_BLANK_LINE.finditer(text, start):
        if not any(_label_starts(text, low, m) for m in HEADER_LABEL.finditer(low, line.start(), line.end())):
            break
        end = line.end()
    return end


def _notice_header_end(text: str, marks: list[tuple[str, re.Match]]) -> int:
    """The 2013 notice's header runs to its salutation, its first determination line or first section."""
    ends = [m.start() for _, m in marks]
    for pattern in (NOTICE_SALUTATION, NOTICE_DETERMINED):
        m = pattern.search(text, 0, min(ends, default=len(text)))
        if m:
            ends.append(m.start())
    return min(ends, default=len(text))


def _parse_mpr(doc: Document, low: str) -> ParsedLetter | Rejection:
    text = doc.text
    marks = [(name, m) for name, pattern in MPR_LABELS.items() for m in _first(pattern, text)]
    sections = _sections(text, marks)
    header_end = min(m.start() for _, m in marks)
    # (a single-issue review may give its date and priority after the issue or at its close: 'Review Date: 07/22/2014
    # Priority: Standard')
    header = _filled_from_label_blocks(text, low, _header(text, low, header_end), header_end, len(text))
    letter = ParsedLetter(doc, "mpr", header, sections)
    if "issue" not in sections or not sections.keys() & {"rationale", "decision", "guidelines"}:
        return Rejection(doc.source, "truncated letter: MEDICAL PROFESSIONAL REVIEW without issue and rationale")
    rationale = sections.get("rationale") or sections.get("guidelines")  # 'GUIDELINES AND RATIONALE'
    decision, decision_span = prose_verdict(text, sections["decision"]) if "decision" in sections else (None, None)
    if decision is None and rationale:
        decision, decision_span = prose_verdict(text, rationale)
    if decision is None:
        letter.problems.append("the decision and the rationale state no verdict; item skipped")
    else:
        letter.items.append(ItemBlock(_issue_item(text, sections["issue"]), decision, decision_span, None,
                                      _cited(text, sections) or rationale, rationale))
    return _require_items(letter)


def _cited(text: str, sections: dict[str, Span]) -> Span | None:
    """The guidelines the reviewer cites: the guidelines section, or where it also holds the rationale ('GUIDELINES AND
    RATIONALE'), its first paragraph (the reasoning after it names guidelines in prose: 'The ODG criteria require ...')."""
    guidelines = sections.get("guidelines")
    if guidelines is None or "rationale" in sections:
        return guidelines
    start = trim_span(text, *guidelines)[0]
    end = paragraph_end(text, start, guidelines[1])
    return trim_span(text, start, end) if end is not None else guidelines


def _issue_item(text: str, issue: Span) -> Span:
    """The treatment an issue names: all of it, or X of 'Whether the request for X is/was medically necessary'."""
    m = ISSUE_QUESTION.match(text, *issue)
    return trim_span(text, *m.span("item")) if m else issue
