"""The header block: dates, priority and the treating physician's specialty, in every shape the block takes.

Families (one test each, several variants per family):
- one field a line, with the label wordings of the different letter years;
- two columns flattened onto shared lines (one space or many between a value and the next label);
- each label and its value on lines of their own, blank lines between, a label broken across lines;
- a table read column by column (the labels one a line, then their values one a line) or row by row
  (a row of labels, then a row of their values set apart by runs of spaces);
- labels from a grammar of the dated events' wordings; labels alone on their line that lost their colon;
- blank (redacted) values that must not take the next label's value or the prose below the block;
- dates in the common forms (MM/DD/YYYY, M/D/YY, M-D-YYYY, M-D-YY, Month D, YYYY, D Month YYYY, YYYY-MM-DD, after a
  weekday); priority words; the treating physician's specialty, never the reviewer's (nor a reviewer's field);
- the 2013 notice's "Dated:" and the single-issue review's "Review Date:" as the decision date.
"""

from __future__ import annotations

import json

import pytest
from extract_support import LETTERS, document, fdl_item, fdl_letter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imrgraph.extract import Extractor
from imrgraph.models import ParsedLetter
from imrgraph.parse import parse

SUMMARY = "The worker is a 50 year old man who hurt his knee lifting a crate."
ITEMS = fdl_item("Physical therapy 6 visits right knee")


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def extract(extractor: Extractor, text: str) -> dict:
    letter = parse(document(text))
    assert isinstance(letter, ParsedLetter), letter
    return extractor.extract(letter).to_json()


def header_of(extractor: Extractor, header: str) -> dict:
    """The header fields of a 2014-style letter that starts with `header`."""
    result = extract(extractor, fdl_letter(SUMMARY, ITEMS, header=header))
    return {**result["dates"], "priority": result["priority"], "specialty": result["treating_physician_specialty"],
            "case": result["case_number"], "injury": result["patient"]["date_of_injury"]}


FULL = {"assigned": "2016-05-02", "decision": "2016-06-20", "ur_denial": "2016-04-11",
        "application_received": "2016-04-25", "priority": "standard", "specialty": "Family Medicine",
        "case": "CM16-0102030", "injury": "2014-08-19"}


@pytest.mark.parametrize("header", [
    "Case Number: CM16-0102030\nDate Assigned: 05/02/2016\nDate of Injury: 08/19/2014\nDecision Date: 06/20/2016\n"
    "UR Denial Date: 04/11/2016\nPriority: Standard\nApplication Received: 04/25/2016\n"
    "Treating Provider Specialty: Family Medicine\n\n",
    "Case Number: CM16-0102030\nDate Assigned to Reviewer: 05/02/2016\nDate of Injury: 08/19/2014\n"
    "Decision Date: 06/20/2016\nUR Denial Date: 04/11/2016\nPriority: Standard\nApplication Received: 04/25/2016\n"
    "Treating Provider Specialty: Family Medicine\n\n",
    # leading blanks, blank lines between fields, trailing spaces, the older label wordings
    "  IMR Case Number:   CM16-0102030  \n\n  Date Assigned:  05/02/2016 \n\n  Date of Injury: 08/19/2014 \n\n"
    "  Date of Decision: 06/20/2016 \n\n  Date of UR Decision: 04/11/2016 \n\n  Priority:  Standard \n\n"
    "  IMR Application Received: 04/25/2016 \n\n  Employee Physician Specialty:  Family Medicine \n\n",
    # another field order, lower-case labels
    "priority: standard\ncase number: CM16-0102030\nur denial date: 04/11/2016\ndate of injury: 08/19/2014\n"
    "application received: 04/25/2016\ndate assigned: 05/02/2016\ndecision date: 06/20/2016\n"
    "provider specialty: Family Medicine\n\n",
])
def test_one_field_a_line(extractor, header):
    assert header_of(extractor, header) == FULL


@pytest.mark.parametrize("header", [
    # each date's event in its other wordings and orders
    "Case Number: CM16-0102030\nAssignment Date: 05/02/2016\nInjury Date: 08/19/2014\nDate of IMR Decision: 06/20/2016\n"
    "Date of Utilization Review Denial: 04/11/2016\nReview Type: Standard\nDate IMR Application Received: 04/25/2016\n"
    "Treating Physician Specialty: Family Medicine\n\n",
    "Case Number: CM16-0102030\nIMR Assignment Date: 05/02/2016\nDate of Industrial Injury: 08/19/2014\n"
    "Final Determination Letter Date: 06/20/2016\nUtilization Review Determination Date: 04/11/2016\n"
    "Priority Level: Standard\nReceipt of Application Date: 04/25/2016\nTreating Doctor Specialty: Family Medicine\n\n",
    "Case Number: CM16-0102030\nDate Case Assigned: 05/02/2016\nDate of Injury: 08/19/2014\nIMR Determination Date: "
    "06/20/2016\nDate of UR Non-Certification: 04/11/2016\nIMR Priority: Standard\nDate of Application: 04/25/2016\n"
    "Specialty of the Treating Physician: Family Medicine\n\n",
])
def test_label_wordings_from_the_date_label_grammar(extractor, header):
    """Family: a date's label names its event (assignment, injury, the IMR decision, the UR denial, the
    application's receipt) in any wording and order ('Date of X', 'X Date', 'Date X')."""
    assert header_of(extractor, header) == FULL


def test_a_utilization_reviews_date_is_never_the_imr_decisions():
    letter = parse(document(fdl_letter(SUMMARY, ITEMS, header="Utilization Review Determination Date: 04/11/2016\n"
                                                              "Utilization Review Decision Date: 04/12/2016\n\n")))
    assert "decision_date" not in letter.header and "ur_denial_date" in letter.header


@pytest.mark.parametrize("header", [
    "Case Number\nCM16-0102030\nDate Assigned\n05/02/2016\nDate of Injury\n08/19/2014\nDecision Date\n06/20/2016\n"
    "UR Denial Date\n04/11/2016\nPriority\nStandard\nApplication Received\n04/25/2016\nTreating Provider Specialty\n"
    "Family Medicine\n\n",
    " Case Number: CM16-0102030 \n\n Date Assigned \n\n 05/02/2016 \n\n Date of Injury \n\n 08/19/2014 \n\n"
    " Decision Date: 06/20/2016 \n\n UR Denial Date \n\n 04/11/2016 \n\n Priority: Standard \n\n"
    " Application\nReceived \n\n 04/25/2016 \n\n Provider Specialty \n\n Family Medicine \n\n",
])
def test_a_label_alone_on_its_line_without_its_colon(extractor, header):
    """Family: the text layer dropped the colons; a label that fills its line still takes the value below."""
    assert header_of(extractor, header) == FULL


def test_a_label_word_inside_prose_is_not_a_label(extractor):
    header = "Case Number: CM16-0102030\nThe letter below explains the review of the decision date\n06/20/2016\n\n"
    assert header_of(extractor, header)["decision"] is None


@pytest.mark.parametrize("header", [
    "Case Number: CM16-0102030   Date Assigned: 05/02/2016\nDate of Injury: 08/19/2014   Decision Date: 06/20/2016\n"
    "UR Denial Date: 04/11/2016   Priority: Standard\nApplication Received: 04/25/2016   "
    "Treating Provider Specialty: Family Medicine\n\n",
    # a single space between a value and the next label
    " Case Number: CM16-0102030 Date Assigned: 05/02/2016 \n\n Date of Injury: 08/19/2014 Decision Date: 06/20/2016 \n\n"
    " UR Denial Date: 04/11/2016 Priority: Standard \n\n Application Received: 04/25/2016 Employee Physician: \n\n"
    "Employee Physician Specialty: Family Medicine Employee Physician Degree: DO \n\n",
    # three columns on a line, tabs between them
    "Case Number: CM16-0102030\tDate Assigned: 05/02/2016\tDate of Injury: 08/19/2014\n"
    "Decision Date: 06/20/2016\tUR Denial Date: 04/11/2016\tPriority: Standard\n"
    "Application Received: 04/25/2016\tEmployee Name:\tProvider Specialty: Family Medicine\n\n",
])
def test_two_columns_flattened_onto_one_line(extractor, header):
    assert header_of(extractor, header) == FULL


@pytest.mark.parametrize("header", [
    " Case Number: CM16-0102030 \n\n Date Assigned: \n\n05/02/2016 \n\n Date of Injury: \n\n08/19/2014 \n\n"
    " Decision Date: \n\n06/20/2016 \n\n UR Denial Date: \n\n04/11/2016 \n\n Priority: \n\nStandard \n\n"
    " Application \n\nReceived: \n\n04/25/2016 \n\n Employee Name: \n\n Employee Physician Specialty: \n\n"
    "Family Medicine \n\n Employee Physician Degree: \n\n",
    # no blank lines; a label broken after each of its words
    "Case Number:\nCM16-0102030\nDate\nAssigned:\n05/02/2016\nDate of\nInjury:\n08/19/2014\nDecision\nDate:\n"
    "06/20/2016\nUR Denial\nDate:\n04/11/2016\nPriority:\nStandard\nApplication\nReceived:\n04/25/2016\n"
    "Treating Provider\nSpecialty:\nFamily Medicine\n\n",
    # a page line between a label and its value
    "Case Number: CM16-0102030\nDate Assigned:\nPage 1 of 4\n05/02/2016\nDate of Injury:\n08/19/2014\n"
    "Decision Date:\n06/20/2016\nUR Denial Date:\n04/11/2016\nPriority:\nStandard\nApplication Received:\n"
    "04/25/2016\nTreating Provider Specialty:\nFamily Medicine\n\n",
])
def test_label_and_value_on_separate_lines(extractor, header):
    assert header_of(extractor, header) == FULL


def test_labels_in_a_row_then_their_values_in_a_row(extractor):
    header = ("Case Number: CM16-0102030\nDate Assigned:\nDate of Injury:\nDecision Date:\nUR Denial Date:\n"
              "05/02/2016\n08/19/2014\n06/20/2016\n04/11/2016\nPriority: Standard\n"
              "Application Received: 04/25/2016\nProvider Specialty: Family Medicine\n\n")
    assert header_of(extractor, header) == FULL
    # the counts differ (a redacted value in the column): the value belongs to the last label only
    uneven = ("Date Assigned:\nDate of Injury:\nDecision Date:\n06/20/2016\nUR Denial Date: 04/11/2016\n\n")
    got = header_of(extractor, uneven)
    assert (got["assigned"], got["decision"], got["ur_denial"]) == (None, "2016-06-20", "2016-04-11")


def test_a_row_of_labels_under_blank_labels_stacked_a_line_each_takes_its_row_of_values(extractor):
    """Blank labels one a line ('Employee:', 'Claims Administrator:'), then a row of labels and the row of their
    values: each value goes to its column's label, none to the blank ones."""
    header = ("Employee:\nClaims Administrator:\nUR Denial Date:         Date of Injury:          Application Received:\n"
              "04/11/2016              08/19/2014               04/25/2016\nCase Number:            CM16-0102030\n"
              "Date Assigned: 05/02/2016\nDecision Date: 06/20/2016\nPriority: Standard\n"
              "Provider Specialty:      Family Medicine\n\n")
    assert header_of(extractor, header) == FULL


@pytest.mark.parametrize("header", [
    "Case Number:  Date Assigned:  Date of Injury:\n\nCM16-0102030  05/02/2016  08/19/2014\n\n"
    "Decision Date:   UR Denial Date:   Priority:\n\n06/20/2016   04/11/2016   Standard\n\n"
    "Application Received:\n\n04/25/2016\n\nTreating Provider Specialty:\n\nFamily Medicine\n\n",
    " Case Number:\tDate Assigned:\tDate of Injury:\n CM16-0102030\t05/02/2016\t08/19/2014\n"
    " Decision Date:  UR Denial Date:  Priority:  Application Received:\n"
    " 06/20/2016  04/11/2016  Standard  04/25/2016\n Provider Specialty: Family Medicine\n\n",
])
def test_a_table_read_row_by_row_pairs_each_cell_with_its_label(extractor, header):
    """Family: a header table whose rows of labels are each followed by a row of values, the cells set
    apart by runs of spaces or tabs."""
    assert header_of(extractor, header) == FULL


@pytest.mark.parametrize("header", [
    # a row of labels spread to the page's width, its row of values longer than a value alone on its line
    "Case Number:" + " " * 18 + "Date Assigned:" + " " * 18 + "Date of Injury:\n\n"
    "CM16-0102030" + " " * 18 + "05/02/2016" + " " * 22 + "08/19/2014\n\n"
    "Decision Date:" + " " * 16 + "UR Denial Date:" + " " * 17 + "Application Received:\n\n"
    "06/20/2016" + " " * 20 + "04/11/2016" + " " * 22 + "04/25/2016\n\n"
    "Priority:" + " " * 21 + "Treating Provider Specialty:\n\nStandard" + " " * 22 + "Family Medicine\n\n",
])
def test_a_wide_row_of_values_pairs_with_its_row_of_labels(extractor, header):
    """Family: a header table's rows read one after another, set out to the page's width, so that a row of
    values is longer than any one value: each cell is short."""
    assert header_of(extractor, header) == FULL


@pytest.mark.parametrize("header", [
    # a narrow label column: the label's last word wraps below, its value beside the first words
    "Case Number:       CM16-0102030          Date Assigned:     05/02/2016\n\n"
    "Date of Injury:    08/19/2014            Decision Date:     06/20/2016\n\n"
    "UR Denial Date:    04/11/2016            Priority:          Standard\n\n"
    "Application       04/25/2016\n\nReceived:\n\n"
    "Treating Provider:                       Treating Provider   Family Medicine\n\n"
    "                                         Specialty:\n\n",
    # ... with no blank line between, and two wrapped words
    "Case Number: CM16-0102030\nDate Assigned: 05/02/2016\nDate of Injury: 08/19/2014\n"
    "Decision Date: 06/20/2016\nUR Denial       04/11/2016\nDate:\nPriority: Standard\n"
    "Application     04/25/2016\nReceived:\nProvider        Family Medicine\nSpecialty:\n\n",
    # one field a line, the value on a line of its own between the label's two lines
    "Case Number:\nCM16-0102030\nDate Assigned:\n05/02/2016\nDate of Injury:\n08/19/2014\nDecision Date:\n06/20/2016\n"
    "UR Denial Date:\n04/11/2016\nPriority:\nStandard\nApplication\n04/25/2016\nReceived:\nEmployee:\n"
    "Treating Provider Specialty:\nFamily Medicine\n\n",
    # the wrapped word without its colon
    "Case Number       CM16-0102030          Date Assigned        05/02/2016\n"
    "Date of Injury    08/19/2014            Decision Date        06/20/2016\n"
    "UR Denial Date    04/11/2016            Priority             Standard\n"
    "Application       04/25/2016\nReceived\nTreating Provider Specialty    Family Medicine\n\n",
    # every label of a two-column table wrapped, two wrapped words a row; the specialty's label over three rows
    "Case Number:  CM16-0102030     Date          05/02/2016\n"
    "                               Assigned:\n"
    "Date of       08/19/2014       Decision      06/20/2016\n"
    "Injury:                        Date:\n"
    "UR Denial     04/11/2016       Priority:     Standard\n"
    "Date:\n"
    "Application   04/25/2016       Treating\n"
    "Received:                      Provider\n"
    "Employee                       Treating      Family Medicine\n"
    "Name:                          Provider\n"
    "                               Specialty:\n\n",
    # ... with labels and values one row each, the value under its label's wrapped tail or run on after one space
    "Case Number:      CM16-0102030      Date Assigned:      05/02/2016\n"
    "Date of Injury:   08/19/2014        Decision Date:      06/20/2016\n"
    "UR Denial Date:   04/11/2016        Priority:           Standard\n"
    "Application                         Employee Name:\nReceived:\n04/25/2016\n"
    "Treating Provider Specialty: Family Medicine\n\n",
    "Case Number CM16-0102030 Date Assigned 05/02/2016\nDate of Injury 08/19/2014 Decision Date 06/20/2016\n"
    "UR Denial Date 04/11/2016 Priority Standard\nApplication 04/25/2016\nReceived\n"
    "Treating Provider Specialty Family Medicine\n\n",
])
def test_a_label_wrapped_below_its_value(extractor, header):
    """Family: a header table's label cell wrapped onto the next line ('Application' / 'Received:'), its value on
    the first line beside it: the label's words above and below make the label."""
    assert header_of(extractor, header) == FULL


@pytest.mark.parametrize("header", [
    # labels without colons, each set apart from its value by a wide gap
    "IMR Case Number   CM16-0102030\nDate of Injury    08/19/2014        Date Assigned          05/02/2016\n"
    "UR Denial Date    04/11/2016        Priority               Standard\n"
    "Decision Date     06/20/2016        Application Received   04/25/2016\n"
    "Employee                            Claims Administrator\nTreating Provider Specialty   Family Medicine\n\n",
    # columns run together with no space between a value and the next label
    "Case Number:CM16-0102030Date Assigned:05/02/2016\nDate of Injury:08/19/2014Decision Date:06/20/2016\n"
    "UR Denial Date:04/11/2016Priority:Standard\nApplication Received:04/25/2016\n"
    "Treating Provider Specialty:Family Medicine\n\n",
    # a row's labels first, then their values on the same line; a date after a redacted name's label
    "Case Number:  Date Assigned:  CM16-0102030  05/02/2016\nDate of Injury:  Decision Date:  08/19/2014  06/20/2016\n"
    "UR Denial Date:  Priority:  04/11/2016  Standard\nApplication Received:  Employee Name:  04/25/2016\n"
    "Treating Provider Specialty:  Family Medicine\n\n",
    # two rows of labels, then one row of all their values
    "Case Number:   CM16-0102030              Date Assigned:   05/02/2016\n"
    "Date of Injury:                          Decision Date:\nUR Denial Date:                          Priority:\n"
    "08/19/2014        06/20/2016        04/11/2016        Standard\nApplication Received:  04/25/2016\n"
    "Treating Provider Specialty:  Family Medicine\n\n",
    # a table's rows of labels without colons, each over its row of values
    "Case Number          Date Assigned        Date of Injury\n\nCM16-0102030         05/02/2016           08/19/2014\n\n"
    "Decision Date        UR Denial Date       Priority\n\n06/20/2016           04/11/2016           Standard\n\n"
    "Application Received\n\n04/25/2016\n\nTreating Provider Specialty\n\nFamily Medicine\n\n",
    # a first row of labels whose values were left blank, two rows of labels, then one row of all their values
    "Employee:              Claims Administrator:          Treating Provider:\n\n"
    "Case Number:           Date Assigned:                 Date of Injury:\n"
    "Decision Date:         UR Denial Date:                Priority:\n"
    "CM16-0102030     05/02/2016     08/19/2014     06/20/2016     04/11/2016     Standard\n"
    "Application Received:  04/25/2016\nTreating Provider Specialty:  Family Medicine\n\n",
    # columns run together after a blank value
    "Case Number:CM16-0102030Date Assigned:05/02/2016\nDate of Injury:08/19/2014Decision Date:06/20/2016\n"
    "UR Denial Date:04/11/2016Priority:Standard\nApplication Received:04/25/2016\nEmployee Name:Claims Administrator:\n"
    "Treating Provider:Treating Provider Specialty:Family Medicine\n\n",
    # ... or after an all-capitals value
    "Case Number:CM16-0102030Date Assigned:05/02/2016\nDate of Injury:08/19/2014Decision Date:06/20/2016\n"
    "Priority:STANDARDApplication Received:04/25/2016\nEmployee:UR Denial Date:04/11/2016\n"
    "Treating Provider:Treating Provider Specialty:Family Medicine\n\n",
    # columns run together after a word's value: the next label's capital
    "Case Number:CM16-0102030Date Assigned:05/02/2016\nDate of Injury:08/19/2014Decision Date:06/20/2016\n"
    "Priority:StandardApplication Received:04/25/2016\nEmployee:UR Denial Date:04/11/2016\n"
    "Treating Provider:Treating Provider Specialty:Family Medicine\n\n",
    # drawn with bars between its cells and a rule line under its first row
    "Case Number:    | CM16-0102030 | Date Assigned:    | 05/02/2016\n"
    "----------------+--------------+-------------------+-----------\n"
    "Date of Injury: | 08/19/2014   | Decision Date:    | 06/20/2016\n"
    "UR Denial Date: | 04/11/2016   | Priority:         | Standard\n"
    "| Application Received: | 04/25/2016 | Treating Provider Specialty: | Family Medicine |\n\n",
])
def test_header_tables_flattened_in_other_ways(extractor, header):
    """Family: a header table a text layer flattened without colons, without spaces between columns, with a row's
    labels before all its values on one line, with rows of labels before one row of their values, or drawn with
    bars and rule lines: each value goes to its label in reading order (a date to a date label when a redacted field
    comes between)."""
    assert header_of(extractor, header) == FULL


def test_a_blank_specialty_takes_no_salutation_below_it(extractor):
    header = ("Case Number: CM16-0102030\nTreating Provider:            Treating Provider Specialty:\n"
              "                              Family Medicine\n")
    letter = fdl_letter(SUMMARY, ITEMS, header=header).replace("HOW THE IMR", "Dear\n\nHOW THE IMR", 1)
    assert extract(extractor, letter)["treating_physician_specialty"] == "Family Medicine"


@pytest.mark.parametrize(("header", "expected"), [
    ("Employee Physician:   Employee Physician Specialty:   Employee Physician Degree:\n"
     "                       Internal Medicine                MD\n\n", "Internal Medicine"),
    ("Employee Name:    Provider Specialty:    Decision Date:\n                  Podiatry\n\n", "Podiatry"),
    ("Provider Specialty:    Claim Number:      Employee Name:\nPodiatry\n\n", "Podiatry"),
    # labels one a line, then fewer values one a line: the first fields were blank
    (" Employee Name: \n\n Claim Number: \n\n Date of Birth: \n\n Employee Physician: \n\n"
     "Employee Physician Specialty: \n\nEmployee Physician Degree: \n\nInternal Medicine \n\nMD \n\n",
     "Internal Medicine"),
    # a row whose values were all blank, then the next row of labels and its values
    (" Employee Name:        Claim Number: \n \n Date of Birth:        Employee Physician: \n \n \n"
     " Employee Physician Specialty:    Employee Physician Degree: \n Hand Surgery        MD \n\n", "Hand Surgery"),
])
def test_a_row_of_values_with_blanks_pairs_each_value_by_its_column(extractor, header, expected):
    """Family: a table row of labels over a row of values where redacted cells left gaps: each value goes to
    the label in its column, not to the row's last label (nor to a row above whose cells were all blank)."""
    assert header_of(extractor, header)["specialty"] == expected


@pytest.mark.parametrize("header", [
    # blank values on one line each: the next label's value stays with it
    "Employee Name:\nClaim Number:\nDate of Birth:\nEmployee Physician:\nEmployee Physician Specialty:\n"
    "Employee Physician Degree: MD\nDecision Date:  \nUR Denial Date: 04/11/2016\n\n",
    # blank values in flattened columns
    "Employee Name:  Claim Number:  \nDate of Birth:  Employee Physician:  \nEmployee Physician Specialty:  "
    "Employee Physician Degree:  \nDecision Date:   UR Denial Date: 04/11/2016\n\n",
    # blank values on separate lines with blank lines between
    " Employee Name: \n\n Claim Number: \n\n Treating Provider Specialty: \n\n Provider Name: \n\n"
    " Decision Date: \n\n UR Denial Date: \n\n04/11/2016 \n\n",
])
def test_blank_values_take_nothing_from_the_next_label(extractor, header):
    got = header_of(extractor, header)
    assert (got["decision"], got["ur_denial"], got["specialty"]) == (None, "2016-04-11", None)


def test_a_blank_value_does_not_take_the_letter_text_below_the_block(extractor):
    text = ("Notice of Independent Medical Review Determination\n\nDated: 03/14/2014\n\nIMR Case Number: CM13-0055501\n"
            "Treating Provider Specialty:\n\nMAXIMUS Federal Services, Inc. has completed the review of this\n"
            "workers' compensation case and explains its decision below.\n\n" + NOTICE_BODY)
    result = extract(extractor, text)
    assert result["treating_physician_specialty"] is None
    assert result["dates"]["decision"] == "2014-03-14"


@pytest.mark.parametrize(("written", "iso"), [
    ("05/02/2016", "2016-05-02"), ("5/2/2016", "2016-05-02"), ("5/2/16", "2016-05-02"), ("05 / 02 / 2016", "2016-05-02"),
    ("May 2, 2016", "2016-05-02"), ("May 2 2016", "2016-05-02"), ("Sept. 12, 2016", "2016-09-12"),
    ("2016-05-02", "2016-05-02"), ("MAY 2, 2016", "2016-05-02"), ("5-2-2016", "2016-05-02"), ("05.02.2016", "2016-05-02"),
    ("5-2-16", "2016-05-02"), ("2 May 2016", "2016-05-02"), ("2nd May, 2016", "2016-05-02"),
])
def test_dates_in_the_common_forms(extractor, written, iso):
    assert header_of(extractor, f"Decision Date: {written}\nDate Assigned: {written}\n\n")["decision"] == iso


def test_a_value_that_is_not_a_date_gives_no_date(extractor):
    got = header_of(extractor, "Decision Date: pending\nUR Denial Date: 13/45/2016\nDate Assigned: N/A\n\n")
    assert (got["decision"], got["ur_denial"], got["assigned"]) == (None, None, None)


@pytest.mark.parametrize(("written", "priority"), [
    ("Standard", "standard"), ("STANDARD", "standard"), ("Regular", "standard"), ("Routine", "standard"),
    ("Non-Expedited", "standard"), ("Expedited", "expedited"), ("EXPEDITED", "expedited"), ("Urgent", "expedited"),
    ("Expedited Review", "expedited"), ("", None), ("see below", None),
])
def test_priority_words(extractor, written, priority):
    """Standard, regular and routine reviews are 'standard'; expedited and urgent ones 'expedited'."""
    assert header_of(extractor, f"Priority: {written}\nCase Number: CM16-0102030\n\n")["priority"] == priority


@pytest.mark.parametrize(("header", "specialty"), [
    ("Treating Provider Specialty: Physical Medicine & Rehabilitation\n", "Physical Medicine & Rehabilitation"),
    ("Employee Physician Specialty: Chiropractor\n", "Chiropractor"),
    ("Requesting Physician Specialty: ORTHOPAEDIC SURGERY\n", "Orthopaedic Surgery"),
    ("Provider Specialty: Pain Management.\n", "Pain Management"),
    ("Treating Physician Specialty: N/A\n", None),
    ("Employee Physician Specialty: MD\n", None),
    ("Treating Provider Specialty: 12345\n", None),
    ("Treating Provider Specialty: Orthopedic Surgery, MD\n", "Orthopedic Surgery"),
    ("Treating Provider Specialty: Chiropractic, D.C.\n", "Chiropractic"),
    ("Treating Provider Specialty: Internal Medicine (IM)\n", "Internal Medicine"),
    ("Treating Provider Specialty: Allergy, Asthma\n", "Allergy, Asthma"),
])
def test_the_treating_physicians_specialty_as_the_header_writes_it(extractor, header, specialty):
    assert header_of(extractor, header + "\n")["specialty"] == specialty


@pytest.mark.parametrize(("header", "specialty"), [
    ("Reviewer Physician Specialty: Anesthesiology\nExpert Reviewer Specialty: Anesthesiology\n", None),
    ("Treating Physician Specialty: Orthopedics  Reviewing Physician Specialty: Anesthesiology\n", "Orthopedics"),
    ("Physician Reviewer Specialty: Neurology\nProvider Specialty: Podiatry\n", "Podiatry"),
])
def test_a_reviewers_specialty_field_in_the_header_is_not_the_treating_physicians(extractor, header, specialty):
    assert header_of(extractor, header + "\n")["specialty"] == specialty


@pytest.mark.parametrize("written", ["Wednesday, February 17, 2016", "Wed. 02/17/2016", "WEDNESDAY February 17, 2016"])
def test_a_date_after_its_weekday(extractor, written):
    assert header_of(extractor, f"Decision Date: {written}\n\n")["decision"] == "2016-02-17"


@pytest.mark.parametrize(("header", "priority", "specialty"), [
    # a priority in another word, a specialty's words to its line's end
    ("Case Number CM24-0031122 Date Assigned 02/05/2024\n\nDate of Injury 06/17/2022 Decision Date 03/01/2024 Priority "
     "Regular\n\nEmployee Claims Administrator\n\nTreating Provider Specialty Physical Medicine & Rehabilitation\n\n",
     "standard", "Physical Medicine & Rehabilitation"),
    ("Case Number CM22-0040118 Date Assigned 01/10/2022\n\nPriority Urgent\n\n"
     "Treating Provider Employee Physician Specialty Psychiatry\n\n", "expedited", "Psychiatry"),
])
def test_a_priority_and_a_specialty_whose_gaps_the_text_layer_closed(extractor, header, priority, specialty):
    got = header_of(extractor, header)
    assert (got["priority"], got["specialty"]) == (priority, specialty)


def test_the_reviewers_specialty_is_never_the_treating_physicians(extractor):
    text = fdl_letter(SUMMARY, ITEMS, header="Case Number: CM16-0102030\nEmployee Physician Specialty:\n\n",
                      qualifications="The expert reviewer is Board Certified in Orthopedic Surgery and is licensed "
                                     "to practice in California.")
    result = extract(extractor, text)
    assert result["treating_physician_specialty"] is None
    assert result["reviewer"]["specialties"] == ["Orthopedic Surgery"]


NOTICE_BODY = """1) MAXIMUS Federal Services, Inc. has determined the request for an MRI of the left knee is not
medically necessary and appropriate.

INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE

Medical Qualifications of the Expert Reviewer:
The expert reviewer is Board Certified in Internal Medicine and is licensed to practice in Utah.

Expert Reviewer Case Summary:
The patient is a 41 year old woman who twisted her left knee at work on 02/03/2012.

1) Regarding the request for an MRI of the left knee:
Medical Treatment Guideline(s) Used by the Claims Administrator:
The Claims Administrator based its decision on the ACOEM Practice Guidelines, Chapter 13.
Medical Treatment Guideline(s) the Expert Reviewer used:
The Expert Reviewer based his/her decision on the same guideline.
Rationale Used by the Expert Reviewer:
No red flags are described. The request is not medically necessary and appropriate.
"""


def test_a_2013_notices_header_repeated_under_the_decision_heading_gives_what_the_first_block_lacks(extractor):
    """The page after the verdicts repeats the header with the priority and the treating physician's specialty; the
    first block's values stand, and the labels end at the first line of prose."""
    top = ("Notice of Independent Medical Review Determination\n\nDated: 03/14/2014\n\nDate of UR Decision:   1/6/2014\n"
           "Date of Injury:        2/3/2012\nMAXIMUS Case Number:   CM13-0055501\n\nDear  :\n\n")
    repeated = ("INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE\n\nIMR Case Number:   CM13-0055501   Date of Injury: "
                "  02/04/2012\nPriority:          Expedited\nProvider Specialty:   Pain Medicine\n\n")
    body = NOTICE_BODY.replace("INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE\n\n", repeated)
    result = extract(extractor, top + body)
    assert (result["priority"], result["treating_physician_specialty"]) == ("expedited", "Pain Medicine")
    assert result["patient"]["date_of_injury"] == "2012-02-03" and result["dates"]["ur_denial"] == "2014-01-06"
    assert result["reviewer"]["specialties"] == ["Internal Medicine"]


NOTICE_TOP = ("Notice of Independent Medical Review Determination\n\nDated: 03/14/2014\n\nDate of UR Decision:   1/6/2014\n"
              "MAXIMUS Case Number:   CM13-0055501\n\nDear  :\n\n")
NOTICE_FIELDS = "Priority:             Regular\n\nTreating Provider Specialty:   Hand Surgery\n\n"


@pytest.mark.parametrize("where", [
    # after the decision heading's opening sentence
    "INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE\nThe reviewer relied on the records named here:\n\n{fields}",
    # after a list of the documents read
    "INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE\nRecords read:\n  1. The application for review\n"
    "  2. The clinic notes of 2013\n\n{fields}",
    # under another heading, after the employee's blank label and a case number written with the reviewer's name
    "CASE DETAILS\n\nEmployee:\nMaximus Case Number:   CM13-0055501    {fields}",
])
def test_a_2013_notices_header_fields_given_further_down_before_the_first_item(extractor, where):
    """The priority and the specialty the first block lacks, in a block of label lines anywhere before the first item's
    section (not only right under the decision heading)."""
    body = NOTICE_BODY.replace("INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE\n\n", "")
    verdicts, rest = body.split("Medical Qualifications", 1)
    result = extract(extractor, NOTICE_TOP + verdicts + where.format(fields=NOTICE_FIELDS) + "Medical Qualifications" + rest)
    assert (result["priority"], result["treating_physician_specialty"]) == ("standard", "Hand Surgery")
    assert result["dates"]["ur_denial"] == "2014-01-06"


def test_label_lines_inside_an_items_section_are_not_the_header(extractor):
    rationale = "Rationale Used by the Expert Reviewer:\n"
    body = NOTICE_BODY.replace(rationale, rationale + "Priority:  Expedited\nProvider Specialty:  Urology\n")
    result = extract(extractor, NOTICE_TOP + body)
    assert (result["priority"], result["treating_physician_specialty"]) == (None, None)


@pytest.mark.parametrize(("header", "specialty"), [
    # under its label's column
    ("UR Denial Date:      04/11/2016       Priority:             Standard\n"
     "Treating Provider:                    Treating Provider Specialty:  Physical Medicine &\n"
     "                                      Rehabilitation\n\n", "Physical Medicine & Rehabilitation"),
    # under its own column, after 'and' and after a slash
    ("Employee Physician Specialty:   Obstetrics and\n                                Gynecology\n\n",
     "Obstetrics and Gynecology"),
    ("Provider Specialty:  Pain Medicine /\n                     Anesthesiology\n\n", "Pain Medicine / Anesthesiology"),
    # at the line's start where the text layer dropped the indent
    ("Priority:  Standard          Treating Provider Specialty: Physical Medicine &\nRehabilitation\n\n",
     "Physical Medicine & Rehabilitation"),
    # ... beside another column's cells on its line (its rest at the line's start, or under it past a blank line)
    ("Treating Provider Specialty: Hand        Treating Provider Degree: MD\nSurgery\n\n", "Hand Surgery"),
    ("Employee Physician  Obstetrics and     Employee Physician  DO\n\nSpecialty:          Gynecology         Degree:\n\n",
     "Obstetrics and Gynecology"),
    # ... its next label run into it where the text layer closed the gaps
    ("Treating Provider Specialty Family Medicine Treating Provider Degree\n\n", "Family Medicine"),
    # (not a label's letters inside a word of the value)
    ("Treating Provider Specialty:  Medical Acupuncture\n\n", "Medical Acupuncture"),
    # ... or with no joining word, where the two lines make a specialty the catalogue names
    ("Treating Provider Specialty   Hand\nSurgery\n\n", "Hand Surgery"),
    ("Provider Specialty:     Internal\n                        Medicine\n\n", "Internal Medicine"),
    # a value that does not end in a joining word takes nothing from below that makes no specialty with it
    ("Treating Provider Specialty:  Psychiatry\n                              Neurology\n\n", "Psychiatry"),
    # ... nor does one whose next line is another label's (the cut value names no specialty)
    ("Treating Provider Specialty:  Physical Medicine &\nClaims Administrator:  Rehabilitation\n\n", None),
    # below its label, the value wrapped over two lines of its own
    ("Priority:\nRegular\nTreating Provider Specialty:\nObstetrics and\nGynecology\n\n", "Obstetrics and Gynecology"),
    ("Priority\nStandard\nTreating Provider Specialty\nPhysical Medicine &\nRehabilitation\n\n",
     "Physical Medicine & Rehabilitation"),
    # ... after labels whose values were left blank, each on its line, with no joining word
    ("Priority:\nStandard\nEmployee:\n\nTreating Provider:\n\nTreating Provider\nSpecialty:\nOccupational\nMedicine\n\n",
     "Occupational Medicine"),
    # ... in a table's cell wrapped onto the next row, every other cell of it empty
    ("| Priority:          | Standard    | Treating Provider Specialty: | Internal    |\n"
     "|                    |             |                              | Medicine    |\n\n", "Internal Medicine"),
    ("Priority:   | Regular   | Provider Specialty:  | Obstetrics and\n            |           |                      | "
     "Gynecology\n\n", "Obstetrics and Gynecology"),
    # (a next row of cells of its own adds nothing)
    ("| Priority:          | Standard    | Treating Provider Specialty: | Psychiatry  |\n"
     "| Claims Administrator: | Acme     |                              | Neurology   |\n\n", "Psychiatry"),
    # ... or run on, flattened, into the next label with its degree
    ("Employee Physician Specialty Hand Surgery Employee Physician Degree MD\n\n", "Hand Surgery"),
    # the label's cell and the value's both wrapped, the label's last word beside the value's (colon, bars, neither)
    ("Treating Provider:                 Treating Provider    Obstetrics and\n"
     "                                   Specialty:           Gynecology\n\n", "Obstetrics and Gynecology"),
    ("| Priority:        | Regular      | Employee Physician | Hand          |\n"
     "|                  |              | Specialty:         | Surgery       |\n\n", "Hand Surgery"),
    ("  Employee Physician            Employee Physician     Internal\n"
     "                                Specialty              Medicine\n\n", "Internal Medicine"),
    # (a label of its own beside the next line's cell, or a tail under another label, joins nothing)
    ("Treating Provider Specialty:  Physical Medicine &\nClaims Administrator:    Rehabilitation\n\n", None),
    ("Claims Administrator:    Treating Provider Specialty:  Hand\nEmployer:                Name:                         "
     "Surgery\n\n", "Hand"),
    # ... with blank lines between the rows a text layer spaced out
    ("Treating Provider:            Treating Provider    Orthopedic\n\n"
     "                              Specialty:           Surgery\n\n", "Orthopedic Surgery"),
    # a value's two parts on lines of their own below stacked blank labels, blank lines between
    ("Employee Name:\n\nClaims Administrator:\n\nTreating Provider:\n\nTreating Provider Specialty:\n\nInternal\n\n"
     "Medicine\n\n", "Internal Medicine"),
    # ... a value's wrapped part under the start of the cell its label shares, beside another column's cells
    ("Treating Provider:                 Treating Provider Specialty: Internal\n"
     "Treating Provider Degree: MD       Medicine\n\n", "Internal Medicine"),
    # the value under its label's wrapped last row, or alone between the label's two rows, a word of its own
    ("Treating Provider:          Treating Provider\n                            Specialty:\n"
     "                            Neurology\n\n", "Neurology"),
    ("Treating Provider:\nTreating Provider\nNeurology\nSpecialty:\nTreating Provider Degree: MD\n\n", "Neurology"),
    # ... rows of labels wrapped over two rows, their values on a third
    ("Claims Administrator:   Treating Provider     Treating Provider\n                        Specialty:            "
     "Degree:\n                        Hand Surgery          MD\n\n", "Hand Surgery"),
])
def test_a_specialty_wrapped_onto_the_next_line(extractor, header, specialty):
    assert header_of(extractor, header)["specialty"] == specialty


def test_a_value_below_its_label_is_not_the_pages_running_head(extractor):
    header = ("Employee Name:      Claims Administrator:\n\nTreating Provider:  Treating Provider Specialty:\n"
              "                    Internal Medicine\n\n"
              "Final Determination Letter for IMR Case Number CM16-0102030                  Page 1 of 3\n\n")
    assert header_of(extractor, header)["specialty"] == "Internal Medicine"


@pytest.mark.parametrize(("top", "decision"), [
    ("Notice of Independent Medical Review Determination\n\nDated: 03/14/2014\n\n", "2014-03-14"),
    ("Notice of Independent Medical Review Determination\nDated:\n\nMarch 14, 2014\n\n", "2014-03-14"),
    ("Notice of Independent Medical Review Determination\n\nLetter Date: 3/14/14\n\n", "2014-03-14"),
])
def test_the_2013_notices_dated_line_is_the_decision_date(extractor, top, decision):
    header = ("IMR Case Number: CM13-0055501  Date of Injury: 02/03/2012\nClaims Number:   UR Denial Date: 01/06/2014\n"
              "Priority: STANDARD  Application Received: 01/20/2014\nEmployee Name:\n"
              "Treating Provider Specialty: Orthopedic Surgery\n\nDear Mr.  :\n\n")
    result = extract(extractor, top + header + NOTICE_BODY)
    assert result["format"] == "notice-2013"
    assert result["dates"] == {"assigned": None, "decision": decision, "ur_denial": "2014-01-06",
                               "application_received": "2014-01-20"}
    assert (result["priority"], result["treating_physician_specialty"]) == ("standard", "Orthopedic Surgery")
    assert result["reviewer"]["specialties"] == ["Internal Medicine"]


MPR = """MEDICAL PROFESSIONAL REVIEW

IMR Case Number: CM15-0077001
Date of Injury: 10/30/2013
{review}

ISSUE AT DISPUTE:
Lumbar epidural steroid injection at L5-S1

CASE SUMMARY:
This 45 year old man strained his low back loading a truck on 10/30/2013.

RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS NOT MEDICALLY NECESSARY:
There is no radiculopathy on examination, so the injection is not medically necessary.

MEDICAL REVIEWER QUALIFICATIONS:
The reviewer is board certified in Anesthesiology and licensed in Arizona.
"""


@pytest.mark.parametrize(("review", "decision"), [
    ("Review Date: 07/09/2015", "2015-07-09"), ("Review Date:\n\n07/09/2015", "2015-07-09"),
    ("Date of Review: July 9, 2015", "2015-07-09"), ("Review Date:", None),
])
def test_the_single_issue_reviews_review_date_is_the_decision_date(extractor, review, decision):
    result = extract(extractor, MPR.format(review=review))
    assert result["format"] == "mpr"
    assert result["dates"]["decision"] == decision
    assert result["patient"]["date_of_injury"] == "2013-10-30"


@pytest.mark.parametrize("where", ["after the issue", "at the close"])
def test_a_single_issue_reviews_date_and_priority_given_after_its_header(extractor, where):
    fields = "Review Date:  07/09/2015          Priority:  Expedited\n\n"
    text = MPR.format(review="")
    if where == "after the issue":
        text = text.replace("CASE SUMMARY:", fields + "CASE SUMMARY:")
    else:
        text += "\n" + fields
    result = extract(extractor, text)
    assert (result["dates"]["decision"], result["priority"]) == ("2015-07-09", "expedited")
    assert result["patient"]["date_of_injury"] == "2013-10-30"


def test_every_header_value_has_its_span_in_the_letter_as_read(extractor):
    header = (" Case Number: CM16-0102030 Date Assigned: 05/02/2016 \r\n\r\n Date of Injury:\r\n\r\n08/19/2014 \r\n"
              " Decision Date: June 20, 2016  Priority: Expedited\r\n Provider Specialty: Family Medicine\r\n\r\n")
    text = fdl_letter(SUMMARY, ITEMS, header=header).replace("\r\n", "\n")
    result = extract(extractor, text)
    spans = result["spans"]
    assert text[slice(*spans["dates.assigned"])] == "05/02/2016"
    assert text[slice(*spans["dates.decision"])] == "June 20, 2016"
    assert text[slice(*spans["priority"])] == "Expedited"
    assert text[slice(*spans["treating_physician_specialty"])] == "Family Medicine"
    assert text[slice(*spans["patient.date_of_injury"])] == "08/19/2014"


@pytest.mark.parametrize("path", sorted(LETTERS.glob("*.txt")), ids=lambda p: p.stem)
def test_fixture_letters_header_fields_match_their_truth(extractor, path):
    truth = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    result = extract(extractor, path.read_text(encoding="utf-8"))
    got = {k: result[k] for k in ("dates", "priority", "treating_physician_specialty")}
    assert got == {k: truth[k] for k in got}


LABELS = st.sampled_from(["Case Number:", "Date Assigned:", "Decision Date:", "UR Denial Date:", "Priority:",
                          "Application\nReceived:", "Treating Provider Specialty:", "Employee Name:", "Dated:", ""])
VALUES = st.one_of(st.text(alphabet=" \n\t:/-0123456789abcXYZ", max_size=20), st.sampled_from(
    ["05/02/2016", "Standard", "Expedited", "Family Medicine", "", "  ", "\n\n"]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(LABELS, VALUES, st.sampled_from([" ", "\n", "\n\n", "   "])), max_size=12))
def test_any_header_block_reads_without_error_and_values_are_well_formed(extractor, fields):
    header = "".join(label + " " + value + sep for label, value, sep in fields) + "\n\n"
    result = extract(extractor, fdl_letter(SUMMARY, ITEMS, header=header))
    assert all(v is None or len(v) == 10 and v[4] == "-" for v in result["dates"].values())
    assert result["priority"] in (None, "standard", "expedited")
    specialty = result["treating_physician_specialty"]
    assert specialty is None or specialty == specialty.strip() and not any(c.isdigit() for c in specialty)


@pytest.mark.parametrize("running", [
    "Final Determination Letter for IMR Case Number CM16-0033871 ",  # a PDF text layer's trailing space
    "Final Determination Letter for IMR Case Number CM16-0033871",
    "IMR Case Number: CM16-0033871 Page {page} of 2",
])
def test_a_case_number_told_only_in_the_running_header_of_every_page(extractor, running):
    """Family: the case number stands only in the line atop every page, which the summary and the items are
    read without: it is still the letter's case number, its span on the text as read."""
    top = running.format(page=1) + "\n\nPage 1 of 2\n\n"
    item = fdl_item("Sertraline 50mg #30", rationale="The request is not\n\n" + running.format(page=2)
                    + "\n\nPage 2 of 2\n\nmedically necessary.")
    text = top + fdl_letter("The patient is a 40-year-old clerk with depression.", item)
    got = extractor.extract(parse(document(text)))
    assert got.case_number.value == got.id == "CM16-0033871"
    assert text[slice(*got.case_number.span)] == "CM16-0033871"
    assert [it.decision for it in got.items] == ["upheld"]


def test_labels_and_values_whose_gaps_the_text_layer_closed(extractor):
    """A header table whose columns were run together with single spaces and no colons: a label is read where a
    value of its own kind follows it (a date, a priority)."""
    got = header_of(extractor, "IMR Case Number CM21-0077120 Date Assigned 03/09/2021\n\nDate of Injury 11/30/2019 "
                               "Decision Date 04/02/2021\n\nUR Denial Date 02/15/2021 Priority Expedited\n\n"
                               "Application Received 03/01/2021\n\n")
    assert {k: got[k] for k in ("assigned", "decision", "ur_denial", "application_received", "injury", "priority")} == {
        "assigned": "2021-03-09", "decision": "2021-04-02", "ur_denial": "2021-02-15", "application_received": "2021-03-01",
        "injury": "2019-11-30", "priority": "expedited"}
