"""Parse stage: layouts, item boundaries, PDF artefacts and rejections, on our own fixture letters."""

from __future__ import annotations

import json

import pytest
from extract_support import BAD, LETTERS, document, fdl_item, fdl_letter
from hypothesis import given, settings
from hypothesis import strategies as st

from imrgraph.models import ParsedLetter, Rejection
from imrgraph.parse import (
    DECISION_WORD,
    FDL_RATIONALE,
    MPR_TITLE,
    NOTICE_TITLE,
    _decision_words,
    _rationale_labels,
    parse,
)
from imrgraph.text import collapse


def parsed(path) -> ParsedLetter | Rejection:
    return parse(document(path.read_text(encoding="utf-8"), str(path)))


def heading(letter: ParsedLetter, n: int) -> str:
    return collapse(letter.document.text[slice(*letter.items[n].heading)])


def part(letter: ParsedLetter, n: int, name: str) -> str:
    return collapse(letter.document.text[slice(*getattr(letter.items[n], name))])


@pytest.mark.parametrize("path", sorted(LETTERS.glob("*.txt")), ids=lambda p: p.stem)
def test_each_fixture_layout_is_recognised_with_its_items(path):
    truth = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    letter = parsed(path)
    assert isinstance(letter, ParsedLetter)
    assert letter.layout == truth["format"]
    assert [heading(letter, n) for n in range(len(letter.items))] == [it["text"] for it in truth["items"]]
    assert [it.decision for it in letter.items] == [it["decision"] for it in truth["items"]]
    assert letter.problems == []


def test_all_five_layouts_occur_among_the_fixtures():
    layouts = {parsed(p).layout for p in LETTERS.glob("*.txt")}
    assert layouts == {"fdl-2014", "fdl-2014-header", "fdl-2014-documents", "notice-2013", "mpr"}


def test_decision_word_alone_on_the_next_line_closes_the_heading():
    letter = parsed(LETTERS / "fdl_opioid_taper.txt")
    assert heading(letter, 1) == "Fexmid 7.5mg #60"
    assert letter.document.text[slice(*letter.items[1].decision_span)] == "Upheld"
    assert part(letter, 0, "rationale").endswith("The request for Norco 10/325mg #90 is not medically necessary.")


def test_page_lines_stay_out_of_rationales_and_headings():
    letter = parsed(LETTERS / "fdl_opioid_taper.txt")
    rationale = part(letter, 0, "rationale")
    assert "Page 2 of 4" not in rationale and "no plan to taper. A consistent urine drug screen" in rationale
    two_column = parsed(LETTERS / "header_two_column_esi.txt")
    assert heading(two_column, 1) == "Tramadol ER 150mg #30"
    assert "Page 3 of 5" not in part(two_column, 0, "rationale")


def test_a_heading_wrapped_over_two_lines_is_one_item():
    text = fdl_letter("The worker is a 40 year old man with low back pain.",
                      fdl_item("Physical therapy 2 times a week for 6 weeks,\nlumbar spine"))
    letter = parse(document(text))
    assert len(letter.items) == 1
    assert heading(letter, 0) == "Physical therapy 2 times a week for 6 weeks, lumbar spine"


def test_header_fields_and_case_number():
    letter = parsed(LETTERS / "header_two_column_esi.txt")
    text = letter.document.text
    assert text[slice(*letter.header["case_number"])] == "CM15-0041207"
    assert text[slice(*letter.header["date_of_injury"])] == "09/02/2010"
    assert "credentials" in letter.sections


def test_notice_items_take_their_verdicts_from_the_numbered_determinations():
    letter = parsed(LETTERS / "notice_pt_knee_mri.txt")
    assert [it.decision for it in letter.items] == ["upheld", "overturned"]
    assert part(letter, 1, "claims_administrator").startswith("The Claims Administrator based its decision")


def test_mpr_verdict_comes_from_the_rationale_prose_not_the_fixed_heading():
    letter = parsed(LETTERS / "mpr_duloxetine_overturned.txt")
    assert [it.decision for it in letter.items] == ["overturned"]
    assert letter.items[0].claims_administrator is None


@pytest.mark.parametrize(("name", "reason"), [
    ("not_a_letter.txt", "not an IMR determination letter"),
    ("truncated_letter.txt", "truncated letter"),
])
def test_bad_inputs_are_rejected_with_a_reason(name, reason):
    result = parsed(BAD / name)
    assert isinstance(result, Rejection)
    assert reason in result.reason and "\n" not in result.reason


def test_a_letter_whose_only_item_has_no_decision_is_rejected():
    items = "Lumbar support brace (purchase)\n\nMAXIMUS guideline: Decision based on MTUS ACOEM.\n"
    result = parse(document(fdl_letter("A 30 year old woman with back pain.", items)))
    assert isinstance(result, Rejection)
    assert result.reason.startswith("no decided items") and "no decision found" in result.reason


def test_one_bad_item_keeps_the_good_item_and_records_the_problem():
    letter = parsed(BAD / "one_bad_item.txt")
    assert isinstance(letter, ParsedLetter)
    assert [heading(letter, 0)] == ["Chiropractic manipulation 2 times a week for 6 weeks, lumbar spine"]
    assert len(letter.problems) == 1 and "Lumbar support brace (purchase)" in letter.problems[0]


def test_decision_word_in_a_guideline_line_is_not_an_item():
    items = fdl_item("Norco 10/325mg #60", reviewer="Upheld guidance: Decision based on MTUS Chronic Pain "
                     "Medical Treatment Guidelines, Opioids Page(s): 80.")
    letter = parse(document(fdl_letter("A 50 year old man takes Norco.", items)))
    assert len(letter.items) == 1 and letter.items[0].decision == "upheld"


@pytest.mark.parametrize(("rationale", "decision"), [
    ("The criteria were not met. Medical necessity for the six sessions has not been established.", "upheld"),
    ("Medical necessity for the knee injection was not demonstrated, and the denial is upheld.", "upheld"),
    ("Findings support the surgery; the utilization review decision is therefore overturned.", "overturned"),
    ("The UR reviewer called it not medically necessary. On this record the non-certification is reversed.",
     "overturned"),
    ("Medical necessity has been established for the brace.", "overturned"),
    ("It is not clear whether the request is medically necessary. The prior determination is affirmed.", "upheld"),
    ("The request for the MRI is not medically necessary.", "upheld"),
])
def test_a_verdict_in_prose_in_its_common_wordings(rationale, decision):
    """Family: a single-issue review states its verdict in prose: 'is [not] medically necessary', 'medical
    necessity has [not] been established / demonstrated', 'the (UR) decision / denial / non-certification is
    upheld / affirmed / overturned / reversed'; the last such statement decides."""
    from imrgraph.parse import prose_verdict

    assert prose_verdict(rationale, (0, len(rationale)))[0] == decision


# ---- single-issue reviews and 2013 notices in other wordings of their parts ---------------------------------

MPR_PARTS = {
    "headings": ("MEDICAL PROFESSIONAL REVIEW\n\nCase Number: CM17-0100200\n\nISSUE AT DISPUTE\nWhether the request for "
                 "right knee arthroscopy is/was medically\nnecessary.\n\nCASE SUMMARY\nThe worker, a 50-year-old baker, "
                 "twisted her knee.\n\nDECISION\nThe request for right knee arthroscopy is/was NOT medically necessary.\n\n"
                 "GUIDELINES AND RATIONALE\nODG, Knee & Leg chapter, Arthroscopic surgery.\n\nThe findings do not meet the "
                 "criteria.\n\nREVIEWER QUALIFICATIONS\nOrthopedic Surgery\nBoard certified: yes\nLicensed in: Oregon\n"),
    "labels": ("MEDICAL PROFESSIONAL REVIEW\n\nCase Number: CM18-0200300\n\nIssue: Lyrica 75 mg twice daily, quantity 60\n\n"
               "CASE SUMMARY\nThe worker has neuropathic pain.\n\nDETERMINATION: The request for Lyrica 75 mg twice daily, "
               "quantity 60 IS MEDICALLY NECESSARY.\n\nRATIONALE\nMTUS Chronic Pain Medical Treatment Guidelines, "
               "Antiepilepsy drugs, pages 16-20.\n\nThe medication helps. The request is medically necessary.\n\n"
               "Expert reviewer: Board Certified, Neurology. Licensed in Nevada.\n"),
    # the parts under other labels: the history as 'BACKGROUND', the guidelines as 'APPLICABLE GUIDELINES', the rationale
    # as 'CLINICAL RATIONALE', the decision last
    "background": ("MEDICAL PROFESSIONAL REVIEW\n\nCase Number: CM24-0300400\n\nREQUESTED TREATMENT:\nWalker with seat, "
                   "purchase\n\nBACKGROUND:\nThe worker, a 70-year-old retired cook, has knee arthritis.\n\nRECORDS "
                   "CONSIDERED:\n1. Orthopedic notes, 2024\n\nAPPLICABLE GUIDELINES:\nODG, Knee & Leg chapter, Walking aids."
                   "\n\nCLINICAL RATIONALE:\nShe walks without an aid at home.\n\nDETERMINATION:\nThe request for a walker "
                   "with seat is not medically necessary.\n\nQUALIFICATIONS OF THE PHYSICIAN REVIEWER:\nThe reviewer is "
                   "board certified in Physical Medicine and Rehabilitation and licensed in Texas.\n"),
    # the labels behind a stray mark the text layer left at the line's start
    "marked": ("MEDICAL PROFESSIONAL REVIEW\n\nCase Number: CM19-0400500\n\n\u2022 ISSUE AT DISPUTE:\nCervical pillow\n\n"
               "|CASE SUMMARY: The worker, a 44-year-old cashier, has neck pain.\n\n|MEDICAL TREATMENT GUIDELINE(S) RELIED "
               "UPON BY PROFESSIONAL REVIEWER AND WHY: ODG, Neck and Upper Back chapter, Pillow.\n\n|RATIONALE FOR WHY THE "
               "REQUESTED TREATMENT/SERVICE IS/WAS NOT MEDICALLY NECESSARY: The ODG recommends a pillow with exercise. The "
               "request is medically necessary.\n\n|MEDICAL REVIEWER QUALIFICATIONS: The reviewer is board certified in "
               "Family Medicine and licensed in Utah.\n"),
}


# ... whatever the mark: a diamond, guillemets, a square, an arrow, an asterisk
for mark in ("\u25ca", "\u00bb", "\u25a0", "\u203a", "*", "\u25b8"):
    MPR_PARTS[f"marked {mark}"] = MPR_PARTS["marked"].replace("\u2022 ", mark + " ").replace("\n|", f"\n{mark} ")


@pytest.mark.parametrize(("layout", "item", "decision"), [
    *((name, "Cervical pillow", "overturned") for name in MPR_PARTS if name.startswith("marked ")),
    ("headings", "right knee arthroscopy", "upheld"),
    ("labels", "Lyrica 75 mg twice daily, quantity 60", "overturned"),
    ("background", "Walker with seat, purchase", "upheld"),
    ("marked", "Cervical pillow", "overturned"),
])
def test_a_single_issue_review_with_headings_or_labels_in_other_wordings(layout, item, decision):
    """Family: the single-issue review's parts as headings alone on their line or as labels with a colon
    (ISSUE / Issue:, DECISION / DETERMINATION:, GUIDELINES AND RATIONALE, RATIONALE, REVIEWER QUALIFICATIONS /
    Expert reviewer:, BACKGROUND, APPLICABLE GUIDELINES, CLINICAL RATIONALE); an issue asked as a question names its
    treatment; the decision part's verdict decides."""
    letter = parse(document(MPR_PARTS[layout]))
    assert isinstance(letter, ParsedLetter) and letter.layout == "mpr"
    assert [heading(letter, 0)] == [item] and [it.decision for it in letter.items] == [decision]
    assert "qualifications" in letter.sections and letter.items[0].reviewer is not None
    assert "summary" in letter.sections


def test_a_single_issue_reviews_guidelines_and_rationale_cites_in_its_first_paragraph():
    """'GUIDELINES AND RATIONALE': the guidelines cited are its first paragraph; the reasoning after it names guidelines in
    prose ('The ODG criteria require ...') and cites nothing."""
    letter = parse(document(MPR_PARTS["headings"].replace(
        "The findings do not meet the criteria.", "The ODG criteria require a failed course of therapy. The findings do "
        "not meet the criteria.")))
    assert part(letter, 0, "reviewer") == "ODG, Knee & Leg chapter, Arthroscopic surgery."
    assert part(letter, 0, "rationale").endswith("The findings do not meet the criteria.")


@pytest.mark.parametrize(("ca_label", "reviewer_label"), [
    # as typed or scanned
    ("Claims Adminlstrator guideline:", "MAXIMUS guidline:"),
    ("Claims Admnistrator guideline(s):", "MAXIMUS guideline:"),
    # run together, or split
    ("Claims Administratorguideline:", "MAXIMUSguideline:"),
    ("Claims Adrninistrator guide line:", "MAXIMUS guide line:"),
    # the guidelines first and the party after
    ("Guidelines the Claims Administrator relied on:", "Guidelines the reviewer relied on:"),
    ("Guidelines used by the Claims Administrator:", "Guidelines used by the expert reviewer:"),
    # the party's words run together, or letter-spaced
    ("ClaimsAdministrator guideline:", "M A X I M U S   guideline:"),
    ("ClaimsAdministratorguideline:", "M A X I M U S guideline:"),
    # the party named by its review or its determination, its verb after the guidelines or after the party
    ("Guideline(s) cited in the UR determination:", "Guideline(s) cited by the IMR expert reviewer:"),
    ("Guidelines relied upon by utilization review:", "Guidelines applied by the IMR physician:"),
    ("Claims Administrator guidelines cited:", "Expert Reviewer guidelines applied:"),
    ("Utilization review citation(s):", "Independent reviewer citations:"),
    ("UR physician guidelines:", "Expert Reveiwer guideline(s) used:"),
    # the guidance, sources or references the party relied on, or the basis of its decision
    ("Basis of the utilization review non-certification:", "References the expert reviewer consulted:"),
    ("Guidance followed by the claims administrator:", "Sources relied upon by the IMR reviewer:"),
    ("UR sources:", "Guidance invoked by the expert reviewer:"),
    ("Guideline(s) the utilization reviewer rested on:", "Authorities the IMR physician drew upon:"),
    ("Citations in the UR denial:", "Citations accepted by the expert reviewer:"),
    ("Claims administrator authority:", "Guidance the reviewer turned to:"),
    # ... or no party named, only the decision the guidelines were the basis of
    ("Basis of the non-certification:", "Basis of this determination:"),
])
def test_a_2014_letters_guideline_labels_as_typed_scanned_or_with_the_party_after(ca_label, reviewer_label):
    """Family: the item's guideline labels with a letter a scan misread or a typist left out, the party's words run
    together or letter-spaced ('ClaimsAdministrator', 'M A X I M U S'), or with the guidelines named before the party
    ('Guidelines the Claims Administrator relied on:')."""
    text = fdl_letter("The worker has neck pain.", fdl_item("Physical therapy x 6")).replace(
        "Claims Administrator guideline:", ca_label).replace("MAXIMUS guideline:", reviewer_label)
    letter = parse(document(text))
    assert part(letter, 0, "claims_administrator").startswith("Decision based on MTUS Chronic Pain")
    assert part(letter, 0, "reviewer").startswith("Decision based on MTUS Chronic Pain Medical Treatment Guidelines, Opioids")


def test_an_items_heading_alone_on_its_line_over_a_sentence_of_its_verdict():
    """Family: a treatment heading alone on its line with its colon, the verdict said in a sentence on the next line
    ('The utilization review decision is overturned.', 'This request is upheld.'): the heading names the treatment."""
    items = ("Massage therapy, eight (8) visits, low back:\nThe utilization review decision is overturned.\n\n"
             "Claims Administrator guideline: Decision based on MTUS Chronic Pain Medical Treatment Guidelines.\n\n"
             "MAXIMUS guideline: Decision based on MTUS Chronic Pain Medical Treatment Guidelines, Massage therapy, page 60."
             "\n\nDecision rationale: Massage is an adjunct to exercise. The request is medically necessary.\n\n"
             "Naproxen 500 mg #60:\nThis request is upheld.\n\nClaims Administrator guideline: Decision based on MTUS "
             "Chronic Pain Medical Treatment Guidelines.\n\nMAXIMUS guideline: Decision based on MTUS Chronic Pain "
             "Medical Treatment Guidelines, NSAIDs, page 67.\n\nDecision rationale: The drug has not helped. The "
             "request is not medically necessary.\n")
    letter = parse(document(fdl_letter("The worker has back pain.", items)))
    assert [heading(letter, n) for n in range(2)] == ["Massage therapy, eight (8) visits, low back", "Naproxen 500 mg #60"]
    assert [it.decision for it in letter.items] == ["overturned", "upheld"]


def test_items_told_in_prose_alone_under_headings_over_a_sentence_of_their_verdict():
    """Family: items with no label at all, each a heading with its colon over a sentence that says the review's verdict
    ('The denial is upheld.', 'The UR determination was overturned.'): each is an item, its prose its rationale."""
    items = ("Home traction unit:\nThe UR determination was overturned.\nThe neck pain radiates and a home trial is "
             "reasonable. The request is medically necessary.\n\nRepeat discogram, two levels:\nThe denial is upheld.\n"
             "No surgery is planned and the test would change nothing. The request is not medically necessary.\n")
    letter = parse(document(fdl_letter("The worker has neck pain.", items)))
    assert [heading(letter, n) for n in range(len(letter.items))] == ["Home traction unit", "Repeat discogram, two levels"]
    assert [it.decision for it in letter.items] == ["overturned", "upheld"]


def test_a_note_on_the_reviewer_at_a_pages_foot_inside_the_summary_leaves_the_summary_whole():
    """A note on the reviewer's credentials at the foot of a page, the case summary going on after it: the note is the
    reviewer's statement and the summary reads on past it (a statement under its own heading after the summary ends
    it instead)."""
    story = ("The worker, a 40-year-old cook, burned her forearm on a fryer in 2016 and has had pain since. Her treating "
             "physician has\n\n____________\n1 Credentials of the expert reviewer: Board Certified in Plastic Surgery; "
             "licensed in Oregon.\n2 The treating physician is a dermatologist licensed in Idaho.\n        Page 1 of 3\n\n"
             "seen her monthly since 2017. She takes gabapentin 300 mg at night and uses silicone sheets on the scar, "
             "which has thickened along its upper edge and pulls when she reaches for the top shelf of the walk-in "
             "cooler. Her therapist notes a loss of elbow extension of 15 degrees and recommends continued scar "
             "massage at home. Utilization review non-certified the requested laser treatment in 2018.")
    text = fdl_letter(story, fdl_item("Laser scar treatment x 3"), qualifications="The reviewer has no conflict of "
                      "interest. The reviewer's credentials are given in a note below.")
    letter = parse(document(text))
    summary = letter.document.text[slice(*letter.sections["summary"])]
    assert summary.rstrip().endswith("laser treatment in 2018.") and "reviewer_statement" in letter.sections


def test_a_2014_letters_labels_run_together():
    """Family: the item's labels with their words run together, as a PDF's text layer may give them
    ('Claims Administratorguideline:', 'MAXIMUSguideline:', 'Decisionrationale:')."""
    text = fdl_letter("The worker has neck pain.", fdl_item("Physical therapy x 6", rationale="The MTUS allows it.")).replace(
        "Claims Administrator guideline:", "Claims Administratorguideline:").replace(
        "MAXIMUS guideline:", "MAXIMUSguideline:").replace("Decision rationale:", "Decisionrationale:")
    letter = parse(document(text))
    assert part(letter, 0, "claims_administrator").startswith("Decision based on MTUS Chronic Pain")
    assert part(letter, 0, "rationale") == "The MTUS allows it."


def test_header_labels_whose_words_ran_together():
    """Family: header labels whose words the text layer ran together ('DateAssigned:', 'UR DenialDate:',
    'ApplicationReceived:', 'Employee PhysicianSpecialty:') are the labels."""
    header = ("Case Number:      CM15-0100200      DateAssigned:      03/02/2015\n"
              "Date of Injury:   01/05/2013        DecisionDate:      04/20/2015\n"
              "UR DenialDate:    02/10/2015        ApplicationReceived:   02/27/2015\n"
              "Employee PhysicianSpecialty:   Orthopedic Surgery\n\n")
    letter = parse(document(fdl_letter("The worker has neck pain.", fdl_item("Physical therapy x 6"), header=header)))
    text = letter.document.text
    assert {field: text[slice(*span)] for field, span in letter.header.items()} == {
        "case_number": "CM15-0100200", "date_assigned": "03/02/2015", "date_of_injury": "01/05/2013",
        "decision_date": "04/20/2015", "ur_denial_date": "02/10/2015", "application_received": "02/27/2015",
        "treating_physician_specialty": "Orthopedic Surgery"}


@pytest.mark.parametrize(("guidelines", "rationale"), [
    ("MEDICAL TREATMENT GUIDELlNE(S) RELIED UPON BY PROFESSIONAL REVIEWER AND WHY:",
     "RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVlCE IS/WAS NOT MEDICALLY NECESSARY:"),
    ("MEDICAL TREATMENT GUIDELINE(S) RELIED UPON BY PROFESIONAL REVIEWER AND WHY:",
     "RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS NOT MEDlCALLY NECESARY:"),
    # a w a scan read as vv
    ("MEDICAL TREATMENT GUIDELlNE(S) RELlED UPON BY PROFESSlONAL REVIEVVER AND VVHY:",
     "RATlONALE FOR VVHY THE REQUESTED TREATMENT/SERVlCE IS/VVAS NOT MEDlCALLY NECESSARY:"),
])
def test_a_single_issue_reviews_long_headings_read_as_typed_or_scanned(guidelines, rationale):
    """Family: the single-issue review's long guideline and rationale headings with a letter a scan misread or a
    typist left out ('GUIDELlNE(S)', 'SERVlCE', 'PROFESIONAL'): the letter is read, not rejected as cut short."""
    text = ("MEDICAL  PROFESSIONAL  REVIEW\n\nIMR Case Number: CM16-0100400\n\nISSUE AT DISPUTE:\nLumbar facet "
            "neurotomy\n\nCASE SUMMARY:\nThe worker, a 44-year-old welder, has low back pain.\n\n" + guidelines
            + "\nODG, Low Back chapter, Facet joint radiofrequency neurotomy.\n\n" + rationale
            + "\nThe first procedure gave too little relief. The request is not medically necessary.\n")
    letter = parse(document(text))
    assert isinstance(letter, ParsedLetter) and letter.layout == "mpr"
    assert [heading(letter, 0)] == ["Lumbar facet neurotomy"] and [it.decision for it in letter.items] == ["upheld"]
    assert "Facet joint" in letter.document.text[slice(*letter.sections["guidelines"])]


NOTICE_2013 = ("Dated: 08/01/2013\n\nIMR Case Number: CM13-0009999\n\nDear Ms. Doe,\n\nCLINICAL CASE SUMMARY:\n"
               "The physician reviewer read the file. The reviewer is Board Certified in Psychiatry and is licensed "
               "to practice in Ohio.\n\nThe worker has anxiety.\n\nIMR ISSUES, DECISIONS AND RATIONALES:\n\n"
               "1) Regarding the request for Topical cream: ketoprofen 10%, 120 grams:\n\n"
               "Section of the MTUS used by the Claims Administrator:\nMTUS Chronic Pain Medical Treatment Guidelines, "
               "Topical analgesics, page 111.\n\nSection of the MTUS used by the Expert Reviewer:\nMTUS Chronic Pain "
               "Medical Treatment Guidelines, Topical analgesics, pages 111-113.\n\nRationale for the Decision:\n"
               "Ketoprofen is not approved for topical use.\n\nThe request for Topical cream: ketoprofen 10%, 120 grams "
               "is not medically necessary and appropriate.\n\n"
               "2) Regarding the request for Buspirone 10 mg #60:\n\nThe worker's anxiety improved on it. The request "
               "for Buspirone 10 mg #60 is medically necessary and appropriate.\n")


def test_a_2013_notice_with_other_label_wordings_a_colon_in_its_request_and_no_labels():
    """Family: 'Section of the MTUS used by the ...:' and 'Rationale for the Decision:' labels; a request that holds
    a colon ends at the colon that ends its line; an item without labels takes its part's last verdict; the
    reviewer's statement in the summary is the qualifications."""
    letter = parse(document(NOTICE_2013))
    assert isinstance(letter, ParsedLetter) and letter.layout == "notice-2013"
    assert [heading(letter, n) for n in range(2)] == ["Topical cream: ketoprofen 10%, 120 grams", "Buspirone 10 mg #60"]
    assert [it.decision for it in letter.items] == ["upheld", "overturned"]
    assert part(letter, 0, "claims_administrator").endswith("page 111.")
    assert part(letter, 0, "rationale").startswith("Ketoprofen is not approved")
    qualifications = collapse(letter.document.text[slice(*letter.sections["qualifications"])])
    assert qualifications.startswith("The reviewer is Board Certified in Psychiatry")


def test_a_2013_notice_label_with_the_partys_abbreviation():
    """'Medical Treatment Guideline(s) Used by the Claims Administrator (CA):' and '... Used by the Expert Reviewer
    (ER):' are the parties' labels."""
    text = NOTICE_2013.replace("Section of the MTUS used by the Claims Administrator:",
                               "Medical Treatment Guideline(s) Used by the Claims Administrator (CA):").replace(
        "Section of the MTUS used by the Expert Reviewer:", "Medical Treatment Guideline(s) Used by the Expert Reviewer (ER):")
    letter = parse(document(text))
    assert part(letter, 0, "claims_administrator").endswith("page 111.")
    assert part(letter, 0, "reviewer").endswith("pages 111-113.")


@pytest.mark.parametrize("regarding", ["Regardlng", "Regard1ng", "Regardng", "REGARDING"])
def test_a_2013_notices_item_opening_as_typed_or_scanned(regarding):
    """Family: the word that opens a notice's item as a scan or a typist left it is still the item's opening."""
    letter = parse(document(NOTICE_2013.replace("1) Regarding", f"1) {regarding}")))
    assert [heading(letter, n) for n in range(2)] == ["Topical cream: ketoprofen 10%, 120 grams", "Buspirone 10 mg #60"]


_NOTICE_REVIEWER_LABEL = "Section of the MTUS used by the Expert Reviewer:"
_NOTICE_CA_LABEL = "Section of the MTUS used by the Claims Administrator:"


@pytest.mark.parametrize(("written", "label"), [
    (_NOTICE_REVIEWER_LABEL, "Section of the MTUS the Expert Reviewer used for the Decision:"),
    (_NOTICE_REVIEWER_LABEL, "Medical Treatment Guideline(s) the Expert Reviewer used for this review:"),
    # the party's name as typed, two letters swapped or one left out
    (_NOTICE_REVIEWER_LABEL, "Medical Treatment Guideline(s) the Expert Reveiwer used:"),
    (_NOTICE_REVIEWER_LABEL, "Section of the MTUS used by the Expert Reviwer:"),
    # the guidelines' words with a letter left out or misread by a scan
    (_NOTICE_CA_LABEL, "Medical Treatment Guidline(s) Used by the Claims Administrator:"),
    (_NOTICE_CA_LABEL, "Sectlon of the MTUS used by the Claims Administrator:"),
    (_NOTICE_CA_LABEL, "Medical Treatment GuideIines Used by the Claims Administrator:"),
])
def test_a_2013_notices_guideline_labels_in_other_wordings_as_typed_or_scanned(written, label):
    """Family: the notice's guideline labels saying what the guidelines were used for, with the party's name or the
    guidelines' words as typed or scanned ('Reveiwer', 'Guidline(s)', 'Sectlon')."""
    letter = parse(document(NOTICE_2013.replace(written, label)))
    assert part(letter, 0, "claims_administrator").endswith("page 111.")
    assert part(letter, 0, "reviewer").endswith("pages 111-113.")


def test_a_2013_notice_without_summary_label_tells_of_the_worker_before_the_reviewers_paragraph():
    """A notice with no summary label whose paragraph about the worker comes before the one stating the reviewer's
    credentials: the first is the summary, the second the qualifications."""
    text = ("Notice of Independent Medical Review Determination\n\nDated: 12/17/2013\n\nIMR Case Number:  CM13-0064499\n\n"
            "1) MAXIMUS Federal Services, Inc. has determined the request for Tramadol 50mg #120 is not medically "
            "necessary and appropriate.\n\nINDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE\nAn application was filed "
            "on 11/12/2013.\n\nDocuments Reviewed for Determination:\nIMR application (11/12/2013); UR letter "
            "(10/31/2013).\n\nThe worker, a man of forty-nine, has been a baggage handler for nineteen years. He takes "
            "tramadol.\n\nThis case was decided by an expert reviewer who is board certified in Family Medicine and holds "
            "licenses to practice in California.\n\n1) Regarding the request for Tramadol 50mg #120:\n\nRationale for the "
            "Decision:\nNo functional gain is recorded.\n")
    letter = parse(document(text))
    assert isinstance(letter, ParsedLetter) and letter.layout == "notice-2013"
    assert collapse(letter.document.text[slice(*letter.sections["summary"])]).startswith("The worker, a man of forty-nine")
    assert "tramadol" in letter.document.text[slice(*letter.sections["summary"])]
    qualifications = letter.document.text[slice(*letter.sections["qualifications"])]
    assert "Family Medicine" in qualifications and "baggage" not in qualifications


def test_a_2013_notices_documents_list_after_the_qualifications_is_not_the_reviewers():
    """A list of documents under its label right after the reviewer's qualifications ends them: the chiropractor's
    reports it names are no specialty of the reviewer."""
    text = NOTICE_2013.replace("CLINICAL CASE SUMMARY:\nThe physician reviewer read the file. The reviewer is Board "
                               "Certified in Psychiatry and is licensed to practice in Ohio.\n\n",
                               "Medical Qualifications of the Expert Reviewer:\nCertification(s)/Specialty: Psychiatry\n\n"
                               "Documents Reviewed for Determination:\n1. Chiropractic reports (2012-2013)\n"
                               "2. Physical therapy notes\n\nClinical Summary:\n")
    letter = parse(document(text))
    qualifications = letter.document.text[slice(*letter.sections["qualifications"])]
    assert "Psychiatry" in qualifications and "Chiropractic" not in qualifications
    assert "Chiropractic reports" in letter.document.text[slice(*letter.sections["documents"])]


_ITEM_PARTS = ("\n\nClaims Administrator guideline: Decision based on MTUS Chronic Pain Medical Treatment Guidelines."
               "\n\nMAXIMUS guideline: Decision based on MTUS Chronic Pain Medical Treatment Guidelines.\n\n"
               "Decision rationale: {rationale}\n\n")


@pytest.mark.parametrize(("item", "decision"), [
    ("Aquatic therapy x 8\nDecision: Upheld", "upheld"),
    ("Aquatic therapy x 8:\nPage 2 of 3\nUpheld", "upheld"),
    ("Aquatic therapy x 8:  \n\n \n\nPage 2 of 3 \n\nFinal Determination Letter for IMR Case Number CM16-0187342 \n\n"
     " \n\nUpheld ", "upheld"),
    ("Aquatic therapy x 8:\nIMR Case Number: CM16-0187342    Page 2 of 3\nUpheld", "upheld"),
    ("Aquatic therapy x 8 - UPHELD", "upheld"),
    ("Aquatic therapy x 8 \u2013 Overturned", "overturned"),
    ("Request: Aquatic therapy x 8\nDetermination: The utilization review decision is overturned.", "overturned"),
    ("Aquatic therapy x 8 is upheld.", "upheld"),
    ("Aquatic therapy x 8", "overturned"),
    ("2. Aquatic therapy x 8 is not medically necessary and appropriate.", "upheld"),
    ("1) Aquatic therapy x 8 is medically necessary.", "overturned"),
    ("Aquatic therapy x 8 is not medically necessary and appropriate.\n\nDecision: Upheld", "upheld"),
    ("Aquatic therapy x 8 is medically necessary.\nIMR Determination - Overturned", "overturned"),
    ("Aquatic therapy x 8 is upheld.\n \nResult: Upheld", "upheld"),
])
def test_a_decision_written_after_its_item_in_other_forms(item, decision):
    """Family: the decision on its own labelled line (after the item's words or after a sentence stating the
    verdict), on a line after a page break (its footer and running header between), after a dash, as a sentence
    about the item, or only in the rationale's prose; the labels around the treatment's words are not part of
    its heading."""
    rationale = "The sessions are medically necessary." if decision == "overturned" else "They are not needed."
    letter = parse(document(fdl_letter("The worker has knee pain.", item + _ITEM_PARTS.format(rationale=rationale))))
    assert isinstance(letter, ParsedLetter), letter
    assert [(heading(letter, 0), letter.items[0].decision)] == [("Aquatic therapy x 8", decision)]


@pytest.mark.parametrize("page_break", ["Page 3 of 4\n\nCase Number: CM16-0123456", "Page 3 of 4          CM16-0123456",
                                        "CM16-0123456 - Page 3 of 4"])
def test_a_page_break_before_a_heading_is_not_part_of_it(page_break):
    items = (fdl_item("Tizanidine 4 mg #90", decision="Overturned") + "\n" + page_break + "\n\n"
             + fdl_item("Home exercise kit"))
    letter = parse(document(fdl_letter("The worker has low back pain.", items)))
    assert isinstance(letter, ParsedLetter), letter
    assert [heading(letter, n) for n in range(2)] == ["Tizanidine 4 mg #90", "Home exercise kit"]


def test_reviewer_guidelines_labelled_first_with_s_in_brackets_and_decisions_stated_first():
    """Family: items whose decision is the heading's own sentence ('2. X is not medically necessary and
    appropriate.'), with 'MAXIMUS GUIDELINE(S):' before 'CLAIMS ADMINISTRATOR GUIDELINE(S):', and a page line
    and running header between an item's heading and its labels: each item keeps its own heading, decision
    and parts."""
    parts = ("\n\nMAXIMUS GUIDELINE(S): ODG Pain (Chronic), {topic}.\n\n"
             "CLAIMS ADMINISTRATOR GUIDELINE(S): Same as above.\n\n"
             "DECISION RATIONALE: {rationale}\n\n")
    items = ("1. Tizanidine 4 mg #90 is medically necessary and appropriate."
             + parts.format(topic="Muscle relaxants", rationale="Spasm is documented. The request is medically necessary.")
             + "2. Home exercise kit is not medically necessary and appropriate.\n\n\n\nPage 3 of 4\n\n"
               "Case Number: CM16-0123456\n"
             + parts.format(topic="Exercise", rationale="A kit adds nothing. The request is not medically necessary."))
    letter = parse(document(fdl_letter("The worker has low back pain.", items)))
    assert isinstance(letter, ParsedLetter), letter
    assert [(heading(letter, n), it.decision) for n, it in enumerate(letter.items)] == [
        ("Tizanidine 4 mg #90", "overturned"), ("Home exercise kit", "upheld")]
    assert [part(letter, n, "reviewer") for n in range(2)] == ["ODG Pain (Chronic), Muscle relaxants.",
                                                              "ODG Pain (Chronic), Exercise."]
    assert [part(letter, n, "claims_administrator") for n in range(2)] == ["Same as above."] * 2


@pytest.mark.parametrize("summary", [
    "The injured worker is a 58-year-old man, formerly a roofer, who fell from a ladder. He has insomnia.",
    "This 47 y/o female cashier slipped at work. She has insomnia.",
    "The claimant is a warehouse lead who strained his back lifting. He has insomnia.",
    # ... opening with what happened or with the job, the worker named by role later in the sentence
    "A forklift driver for a decade, the employee was pinned against a rack on 02/02/2019. He has insomnia.",
    "While unloading a delivery truck on 05/06/2020, the injured worker felt his back give way. He has insomnia.",
    # ... its first sentence wrapped, the worker's age told on a later line of it (the summary opens with the sentence)
    "Mr. Roe drove the night bus and was robbed at knifepoint on\n03/03/2019; the robber cut his passenger, a "
    "30-year-old nurse. He has insomnia.",
    "Ms.   kept the books at a garage and slipped on an oily ramp on\n02/02/2018, and the worker, a 51-year-old "
    "woman, hurt her hip. She has insomnia.",
])
def test_a_case_summary_without_its_heading_follows_the_qualifications(summary):
    """Family: a letter whose case summary has no heading: the paragraphs after the reviewer's qualifications
    that tell of the worker are the summary, and the qualifications end before them."""
    letter = fdl_letter(summary, fdl_item("Physical therapy x 6")).replace(
        "CLINICAL CASE SUMMARY\nThe expert reviewer developed the following clinical case summary based on a review "
        "of the case\nfile, including all medical records:\n\n", "")
    parsed = parse(document(letter))
    assert "CLINICAL CASE SUMMARY" not in letter and isinstance(parsed, ParsedLetter)
    assert collapse(letter[slice(*parsed.sections["summary"])]) == collapse(summary)
    assert "insomnia" not in letter[slice(*parsed.sections["qualifications"])]


def test_a_table_of_decisions_above_the_items_is_no_part_of_the_first_heading():
    """A flattened table of the decisions (treatment, a wide gap, the decision) above items that carry no decision
    word: each item keeps its own heading and takes its decision from its rationale."""
    table = ("Disputed Item/Service                                  Decision\n\n"
             "Repeat right C6-7 interlaminar epidural steroid        Overturned\n\ninjection\n\n"
             "Tizanidine 4 mg #60                                    Upheld\n\n\n")
    parts = ("\n\nClaims Administrator guideline: Decision based on MTUS Chronic Pain Medical Treatment Guidelines.\n\n"
             "MAXIMUS guideline: Decision based on MTUS Chronic Pain Medical Treatment Guidelines.\n\n"
             "Decision rationale: {rationale}\n\n")
    items = (table + "Repeat right C6-7 interlaminar epidural steroid injection"
             + parts.format(rationale="The first injection gave lasting relief. The request is medically necessary.")
             + "Tizanidine 4 mg #60" + parts.format(rationale="No spasm is documented. It is not medically necessary."))
    letter = parse(document(fdl_letter("The worker has neck pain.", items)))
    assert isinstance(letter, ParsedLetter), letter
    assert [(heading(letter, n), it.decision) for n, it in enumerate(letter.items)] == [
        ("Repeat right C6-7 interlaminar epidural steroid injection", "overturned"), ("Tizanidine 4 mg #60", "upheld")]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([" ", "\t", "\n", ":", "-", "–", " - ", "Upheld", "OVERTURNED", "overturn", "x", ".",
                                 "Page 1 of 2 : ", "Case Number: CM13-0000001"]), max_size=10).map("".join),
       st.integers(0, 100), st.integers(0, 100))
def test_decision_words_found_from_their_marks_are_the_pattern_s(text, start, end):
    start, end = min(start, len(text)), min(max(start, end), len(text))
    assert [(m.span(), m.span("word")) for m in _decision_words(text, start, end)] == \
        [(m.span(), m.span("word")) for m in DECISION_WORD.finditer(text, start, end)]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([" ", "\n", "decision", "rationale", " for the ", "determination", ":", "x", "in"]),
                max_size=10).map("".join), st.integers(0, 100), st.integers(0, 100))
def test_rationale_labels_found_from_their_word_are_the_pattern_s(low, start, end):
    start, end = min(start, len(low)), min(max(start, end), len(low))
    assert [m.span() for m in _rationale_labels(low, start, end)] == [m.span() for m in FDL_RATIONALE.finditer(low, start, end)]


def _numbered(text: str, headings: tuple[str, ...], numbers: tuple[str, ...]) -> str:
    for words, number in zip(headings, numbers):
        text = text.replace(words, number + words, 1)
    return text


FDL_SECTIONS = ("HOW THE IMR FINAL DETERMINATION WAS MADE", "CLINICAL CASE SUMMARY", "IMR ISSUES, DECISIONS AND RATIONALES")


@pytest.mark.parametrize("numbers", [("1. ", "2. ", "3. "), ("I. ", "II. ", "III. "), ("A) ", "B) ", "C) "),
                                     ("Section 1: ", "Section 2: ", "Section 3: "), ("1 ", "2 ", "3 "),
                                     ("SECTION 1 - ", "SECTION 2 - ", "SECTION 3 - "), ("(1) ", "(2) ", "(3) "),
                                     ("(a) ", "(b) ", "(c) "), ("1.0 ", "2.0 ", "3.0 ")])
def test_numbered_section_headings(numbers):
    """Family: a house style that numbers its sections ('1. HOW THE IMR ...', 'II.', 'B)', 'Section 3:') writes the
    same headings and labels after the number, in each layout."""
    fdl = parse(document(_numbered(fdl_letter("The worker has neck pain.", fdl_item("Physical therapy x 6")),
                                   FDL_SECTIONS, numbers)))
    assert isinstance(fdl, ParsedLetter) and fdl.layout == "fdl-2014"
    assert heading(fdl, 0) == "Physical therapy x 6"
    assert collapse(fdl.document.text[slice(*fdl.sections["summary"])]).endswith("The worker has neck pain.")
    notice = parse(document(_numbered(NOTICE_2013.replace("CLINICAL CASE SUMMARY:", "Expert Reviewer Case Summary:"),
                                      ("Expert Reviewer Case Summary:",), numbers[1:])))
    assert isinstance(notice, ParsedLetter) and notice.layout == "notice-2013"
    assert collapse(notice.document.text[slice(*notice.sections["summary"])]).startswith("The physician reviewer")
    mpr = parse(document(_numbered(MPR_PARTS["headings"], ("ISSUE AT DISPUTE", "CASE SUMMARY", "DECISION\n"),
                                   numbers)))
    assert isinstance(mpr, ParsedLetter) and mpr.layout == "mpr"
    assert [heading(mpr, 0)] == ["right knee arthroscopy"] and [it.decision for it in mpr.items] == ["upheld"]


@pytest.mark.parametrize("label", ["Clinical Summary:", "CLINICAL SUMMARY", "Case Summary:", "Expert Reviewer's Case Summary:",
                                   "Expert Reviwer Case Summary:",
                                   # an m a scan read as rn
                                   "Expert Reviewer Case Surnmary:"])
def test_a_2013_notices_summary_under_each_label_the_letters_use(label):
    """Family: the notice's summary label in the wordings the 2014 letters use too ('Clinical Summary:'); the
    reviewer's paragraph under its own label before it stays the qualifications."""
    text = NOTICE_2013.replace("CLINICAL CASE SUMMARY:\nThe physician reviewer read the file. The reviewer is Board "
                               "Certified in Psychiatry and is licensed to practice in Ohio.\n\n",
                               "Medical Qualifications of the Expert Reviewer:\nThe physician reviewer is Board "
                               "Certified in Psychiatry and is licensed to practice in Ohio.\n\n" + label + "\n")
    letter = parse(document(text))
    assert isinstance(letter, ParsedLetter) and letter.layout == "notice-2013"
    assert collapse(letter.document.text[slice(*letter.sections["summary"])]).startswith("The worker has anxiety.")
    assert "Psychiatry" in letter.document.text[slice(*letter.sections["qualifications"])]


@pytest.mark.parametrize(("wrong", "right"), [("IMR ISSUES, DECISONS AND RATIONALES", "IMR ISSUES, DECISIONS AND RATIONALES"),
                                            ("CLINICAL CASE SUMARY", "CLINICAL CASE SUMMARY"),
                                            ("IMR ISSUES, DECISlONS AND RATIONALES", "IMR ISSUES, DECISIONS AND RATIONALES"),
                                            ("CLlNICAL CASE SUMMARY", "CLINICAL CASE SUMMARY"),
                                            # letter-spaced, a word or all of them
                                            ("I M R   ISSUES,  DECISIONS  AND  RATIONALES",
                                             "IMR ISSUES, DECISIONS AND RATIONALES"),
                                            ("C L I N I C A L   C A S E   S U M M A R Y", "CLINICAL CASE SUMMARY"),
                                            # ... its punctuation spaced too
                                            ("I M R   I S S U E S ,   D E C I S I O N S   A N D   R A T I O N A L E S",
                                             "IMR ISSUES, DECISIONS AND RATIONALES"),
                                            # words run together, a y read as v
                                            ("IMR ISSUES,  DECISIONS  ANDRATIONALES", "IMR ISSUES, DECISIONS AND RATIONALES"),
                                            ("CLINICAL CASE SUMMARV", "CLINICAL CASE SUMMARY"),
                                            # a word split once by a space a scan put in
                                            ("CLINICAL CASE SUMMAR Y", "CLINICAL CASE SUMMARY"),
                                            ("IMR ISSUES, DECI SIONS AND RATIONALES", "IMR ISSUES, DECISIONS AND RATIONALES"),
                                            ("H O W  T H E  I M R  F I N A L  D E T E R M I N A T I O N  W A S  M A D E",
                                             "HOW THE IMR FINAL DETERMINATION WAS MADE")])
def test_a_heading_typed_with_a_letter_left_out_is_the_heading(wrong, right):
    """Family: a long word of a section heading short of one letter ('DECISONS', 'SUMARY'), as a scan reads it, or
    letter-spaced ('C L I N I C A L   C A S E') is still the heading: the letter is read, not rejected as cut short."""
    letter = parse(document(fdl_letter("The worker has neck pain.", fdl_item("Physical therapy x 6")).replace(right, wrong)))
    assert isinstance(letter, ParsedLetter) and letter.layout == "fdl-2014"
    assert [heading(letter, 0)] == ["Physical therapy x 6"]
    assert collapse(letter.document.text[slice(*letter.sections["summary"])]).endswith("The worker has neck pain.")


@pytest.mark.parametrize("heading", ["LIST OF DOCUMENTS REVIEWED", "DOCUMENTS  REVIEWED  BY  THE  EXPERT  REVIEWER",
                                     "MEDICAL RECORDS REVIEWED"])
def test_a_documents_list_under_each_heading_is_no_statement_of_the_reviewer(heading):
    """Family: the list of documents after the reviewer's paragraph, under the headings letters give it, is the
    documents' section: the clinicians' fields it names are not the reviewer's."""
    text = fdl_letter("The worker has neck pain.", fdl_item("Physical therapy x 6")).replace(
        "\n\nCLINICAL CASE SUMMARY", "\n\n" + heading + "\n1. Orthopedic surgery notes, 2019\n2. Chiropractic notes, "
        "2020\n\nCLINICAL CASE SUMMARY")
    letter = parse(document(text))
    qualifications = collapse(letter.document.text[slice(*letter.sections["qualifications"])])
    assert "Family Medicine" in qualifications and "Orthopedic" not in qualifications
    assert "Chiropractic notes" in letter.document.text[slice(*letter.sections["documents"])]


def test_a_2013_notices_verdict_line_broken_by_a_pages_lines_is_its_items_own():
    """'... is not medically' / 'Page 1 of 4' / the running line / 'necessary and appropriate.': the verdict of item
    1, not the next item's read past the break."""
    text = ("Notice of Independent Medical Review Determination\n\nDated: 10/01/2013\n\nIMR Case Number: CM13-0007777\n\n"
            "1) MAXIMUS Federal Services, Inc. has determined the request for chiropractic care x 8 is not medically\n\n"
            "Page 1 of 4\n\nIMR Case Number CM13-0007777\n\nnecessary and appropriate.\n\n"
            "2) MAXIMUS Federal Services, Inc. has determined the request for naproxen 500mg #60 is medically necessary "
            "and appropriate.\n\nCLINICAL CASE SUMMARY:\nThe worker strained his back.\n\n"
            "IMR ISSUES, DECISIONS AND RATIONALES:\n\n1) Regarding the request for chiropractic care x 8:\n\n"
            "Rationale for the Decision:\nEight visits were already given.\n\n"
            "2) Regarding the request for naproxen 500mg #60:\n\nRationale for the Decision:\nIt helps him.\n")
    letter = parse(document(text))
    assert [it.decision for it in letter.items] == ["upheld", "overturned"]


def test_a_2013_notices_documents_list_before_the_summary_is_no_statement_of_the_reviewer():
    """'Documents Reviewed for Determination:' under the decision heading, then the summary with the reviewer's
    statement (double-spaced, over two lines): the documents are a section of their own."""
    text = ("Notice of Independent Medical Review Determination\n\nDated: 11/04/2013\n\nIMR Case Number: CM13-0004444\n\n"
            "1) MAXIMUS Federal Services, Inc. has determined the request for massage x 6 is not medically necessary and "
            "appropriate.\n\nINDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE\n\nDocuments Reviewed for Determination:\n\n"
            "   Massage therapy notes\n\n\n\nExpert Reviewer Case Summary:\n\nThe physician reviewer is board certified in "
            "Family Medicine and holds licenses in Oregon\n\nand Idaho.\n\n\n\nThe worker strained her neck at work.\n\n"
            "1) Regarding the request for massage x 6:\n\nRationale for the Decision:\nNot supported.\n")
    letter = parse(document(text))
    assert collapse(letter.document.text[slice(*letter.sections["documents"])]) == "Massage therapy notes"
    qualifications = collapse(letter.document.text[slice(*letter.sections["qualifications"])])
    assert "Massage therapy notes" not in qualifications and "and Idaho" in qualifications


def _notice_under_its_decision_heading(lines: str, statement: str) -> str:
    """A 2013 notice with `lines` under its decision heading, then the summary whose first paragraph is `statement`."""
    return ("Notice of Independent Medical Review Determination\n\nDated: 11/04/2013\n\nIMR Case Number: CM13-0004444\n\n"
            "1) MAXIMUS Federal Services, Inc. has determined the request for massage x 6 is not medically necessary and "
            "appropriate.\n\nINDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE\n" + lines + "CLINICAL CASE SUMMARY:\n"
            + statement + "\n\nThe worker strained her neck at work.\n\n"
            "1) Regarding the request for massage x 6:\n\nRationale for the Decision:\nNot supported.\n")


@pytest.mark.parametrize(("documents", "story"), [
    ("", "The injured worker is a 51-year-old warehouse picker who strained her neck lifting a tote."),
    ("", "This 39 y/o bus mechanic hurt his low back in 2012 and has had therapy since."),
    # ... after a list of documents under the heading, which ends with its paragraph
    ("Documents Reviewed for Determination:\n   1. Utilization review letter, 10/01/2013\n   2. Therapy notes, 2013\n\n",
     "The injured worker is a 51-year-old warehouse picker who strained her neck lifting a tote."),
    # ... or one run on in a paragraph, naming other clinicians' fields
    ("Documents Reviewed for Determination:\nApplication for review (10/02/2013); orthopedic surgery notes (2013);\n"
     "chiropractic notes, six visits (2013).\n\n",
     "The injured worker is a 51-year-old warehouse picker who strained her neck lifting a tote."),
])
def test_a_2013_notices_story_after_the_reviewers_paragraph_without_a_heading_is_its_summary(documents, story):
    """No summary label under the decision heading: the reviewer's paragraph, then the clinical story in paragraphs
    of its own, which are the summary, not the reviewer's."""
    text = ("Notice of Independent Medical Review Determination\n\nDated: 11/04/2013\n\nIMR Case Number: CM13-0004444\n\n"
            "1) MAXIMUS Federal Services, Inc. has determined the request for massage x 6 is not medically necessary and "
            "appropriate.\n\nINDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE\n\n" + documents + "The physician reviewer is "
            "board certified in Family Medicine and is licensed in Oregon.\n\n" + story + "\n\nA chiropractor saw the "
            "worker in 2013.\n\n1) Regarding the request for massage x 6:\n\nRationale for the Decision:\nNot supported.\n")
    letter = parse(document(text))
    qualifications = collapse(letter.document.text[slice(*letter.sections["qualifications"])])
    summary = collapse(letter.document.text[slice(*letter.sections["summary"])])
    assert "Family Medicine" in qualifications and not any(w in qualifications for w in ("chiropract", "orthopedic"))
    assert summary.startswith(story[:20]) and summary.endswith("in 2013.")


def test_a_2013_notices_header_labels_over_the_summary_are_no_statement_of_the_reviewer():
    """The header's label lines under the decision heading ('Provider Specialty:  Neurology'), then the summary whose
    first paragraph states the reviewer's credentials: the reviewer's section is that paragraph alone."""
    letter = parse(document(_notice_under_its_decision_heading(
        "\nPriority:   Standard\nProvider Specialty:   Neurology\n\n",
        "The expert reviewer is licensed in Oregon and practises Family Medicine.")))
    qualifications = collapse(letter.document.text[slice(*letter.sections["qualifications"])])
    assert "Family Medicine" in qualifications and "Neurology" not in qualifications


@pytest.mark.parametrize("opening", [
    "The request for review came in on 09/02/2013; every record below went to an Expert Reviewer.\n\n",
    "Priority:  Regular\nProvider Specialty:  Neurology\nDisputed Items: MASSAGE X 6\n\n"
    "1) MAXIMUS Federal Services, Inc. has determined the request for massage x 6 is not medically necessary and "
    "appropriate.\n\n",
])
def test_a_2013_notices_documents_list_after_other_lines_is_no_statement_of_the_reviewer(opening):
    """Family: under the decision heading, an opening sentence, or the header's labels and the verdicts, then the
    documents list naming other doctors' fields, then the summary whose first paragraph states the reviewer's
    credentials: the reviewer's section is that statement alone."""
    letter = parse(document(_notice_under_its_decision_heading(
        opening + "Documents Reviewed for Determination:\n1. Orthopedic surgery consultation, 05/2013\n"
        "2. Chiropractic notes, 06/2013\n\n",
        "The expert reviewer is Board Certified in Family Medicine and is licensed in Oregon.")))
    qualifications = collapse(letter.document.text[slice(*letter.sections["qualifications"])])
    assert "Family Medicine" in qualifications
    assert not any(word in qualifications for word in ("Orthopedic", "Chiropractic", "Neurology", "records"))
    assert "Chiropractic notes" in letter.document.text[slice(*letter.sections["documents"])]



def _letter_spaced(line: str) -> str:
    return "   ".join(" ".join(word) for word in line.split())


def test_a_single_issue_review_with_its_title_and_long_labels_letter_spaced():
    """Family: a single-issue review whose title and long part labels are letter-spaced, their '(S)' and 'IS/WAS'
    too ('G U I D E L I N E ( S )', 'I S / W A S   N O T'): the letter is read, not rejected as cut short."""
    text = (_letter_spaced("MEDICAL PROFESSIONAL REVIEW") + "\n\nIMR Case Number: CM15-0100200\n\n"
            + _letter_spaced("ISSUE AT DISPUTE:") + "\nLumbar facet neurotomy\n\n" + _letter_spaced("CASE SUMMARY:")
            + "\nThe worker, a 44-year-old welder, has low back pain.\n\n"
            + _letter_spaced("MEDICAL TREATMENT GUIDELINE(S) RELIED UPON BY") + "\n"
            + _letter_spaced("PROFESSIONAL REVIEWER AND WHY:") + "\nODG, Low Back chapter, Facet joint radiofrequency "
            "neurotomy.\n\n" + _letter_spaced("RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE") + "\n"
            + _letter_spaced("IS/WAS NOT MEDICALLY NECESSARY:") + "\nThe first procedure gave too little relief. The "
            "request is not medically necessary.\n")
    letter = parse(document(text))
    assert isinstance(letter, ParsedLetter) and letter.layout == "mpr"
    assert [heading(letter, 0)] == ["Lumbar facet neurotomy"] and [it.decision for it in letter.items] == ["upheld"]


def test_headings_in_capitals_run_into_the_text_after_them():
    """Family: a 2014 letter's headings in capitals that the text layer ran into the words after them ('HOW THE IMR
    FINAL DETERMINATION WAS MADEMAXIMUS Federal Services ...', 'CLINICAL CASE SUMMARYThe expert reviewer ...') are
    the headings."""
    text = fdl_letter("The worker has neck pain.", fdl_item("Physical therapy x 6")).replace(
        "WAS MADE\nMAXIMUS", "WAS MADEMAXIMUS").replace("CLINICAL CASE SUMMARY\nThe", "CLINICAL CASE SUMMARYThe")
    letter = parse(document(text))
    assert isinstance(letter, ParsedLetter) and letter.layout == "fdl-2014"
    assert collapse(letter.document.text[slice(*letter.sections["summary"])]).endswith("The worker has neck pain.")
    assert "qualifications" in letter.sections


@pytest.mark.parametrize("line", [
    "Page 2 of 4 IMR ISSUES, DECISIONS AND RATIONALES The Final",
    "Page 2 of 4 Final Determination Letter for IMR Case Number CM16-0012345 IMR ISSUES, DECISIONS AND\nRATIONALES "
    "The Final",
    "IMR Case No. CM16-0012345 Page 2 of 4 IMR ISSUES, DECISIONS AND RATIONALES\nThe Final",
])
def test_a_heading_behind_a_page_line_on_its_line_run_into_the_text(line):
    """Family: a heading the text layer put after a page's footer or running header on one line, and ran into the
    words after it past a space ('Page 2 of 4 IMR ISSUES, DECISIONS AND RATIONALES The Final ...'), is the heading."""
    text = fdl_letter("The worker has neck pain.", fdl_item("Physical therapy x 6")).replace(
        "IMR ISSUES, DECISIONS AND RATIONALES\nThe Final", line)
    letter = parse(document(text))
    assert isinstance(letter, ParsedLetter) and [it.decision for it in letter.items] == ["upheld"]
    assert collapse(letter.document.text[slice(*letter.sections["summary"])]).endswith("The worker has neck pain.")


@pytest.mark.parametrize(("title", "pattern"), [
    ("Notice of Independent Medical Review Deterrnination", NOTICE_TITLE),
    ("Notice of lndependent Medical Revievv Determination", NOTICE_TITLE),
    ("M E D I C A L   P R O F E S S I O N A L   R E V I E W", MPR_TITLE),
])
def test_a_layouts_title_as_a_scan_reads_it_is_its_title(title, pattern):
    """Family: a layout's title with letters a scan misread ('Deterrnination', 'Revievv') or letter-spaced is its
    title."""
    assert pattern.search(title.lower())


NOTICE_LABELLED = ("Notice of Independent Medical Review Determination\n\nIMR Case Number: CM13-0008888\n\n"
                   "{m}Medical Qualifications of the Expert Reviewer:\nThe reviewer is Board Certified in Neurology and "
                   "licensed in Ohio.\n\n{m}Expert Reviewer Case Summary:\nThe worker, a 50-year-old cook, has neck "
                   "pain.\n\n1) Regarding the request for Physical therapy x 6:\n\n{m}Rationale Used by the Expert "
                   "Reviewer:\nThe worker improved. The request is medically necessary and appropriate.\n")


@pytest.mark.parametrize("mark", ["\u25aa ", "\u2022 ", "\u258c", "\ue001 ", "\u25c6 "])
def test_a_notice_and_a_letter_whose_labels_and_headings_carry_any_stray_mark(mark):
    """Family: a 2013 notice's labels and a 2014 letter's headings behind a block element, a square, a bullet or a
    private-use glyph the text layer left at the line's start."""
    notice = parse(document(NOTICE_LABELLED.format(m=mark)))
    assert isinstance(notice, ParsedLetter) and notice.layout == "notice-2013"
    assert collapse(notice.document.text[slice(*notice.sections["summary"])]).startswith("The worker, a 50-year-old")
    assert collapse(notice.document.text[slice(*notice.sections["qualifications"])]).startswith("The reviewer is Board")
    letter = parse(document(fdl_letter("The worker has neck pain.", fdl_item("Physical therapy x 6")).replace(
        "HOW THE IMR", mark + "HOW THE IMR").replace("CLINICAL CASE SUMMARY", mark + "CLINICAL CASE SUMMARY")))
    assert isinstance(letter, ParsedLetter) and "summary" in letter.sections and "qualifications" in letter.sections


def test_an_item_heading_behind_a_running_header_on_its_first_line():
    """Family: an item's heading whose first line the text layer ran behind a page's running header and a stray mark
    ('Final Determination Letter for IMR Case Number ... Page 3 of 5 □ Additional physical' / 'therapy x 6:  Upheld')
    keeps its own words, not the header's."""
    items = (fdl_item("Trigger point injection x 1") + "Final Determination Letter for IMR Case Number CM20-0012345 "
             "Page 3 of 5 \u25a1 Additional physical\n" + fdl_item("therapy x 6"))
    letter = parse(document(fdl_letter("The worker has neck pain.", items)))
    assert isinstance(letter, ParsedLetter)
    assert [heading(letter, n) for n in range(len(letter.items))] == ["Trigger point injection x 1",
                                                                       "Additional physical therapy x 6"]


def test_a_notice_item_behind_a_page_line_on_its_line():
    """Family: a 2013 notice's 'Regarding the request for' after a page's footer on the same line is that item."""
    text = NOTICE_2013.replace("2) Regarding the request for", "Page 3 of 5   2) Regarding the request for")
    assert "Page 3 of 5   2) Regarding" in text
    letter = parse(document(text))
    assert isinstance(letter, ParsedLetter) and len(letter.items) == 2
