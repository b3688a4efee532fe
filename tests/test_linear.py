"""Parse and extraction time grows in proportion to a letter's length, whatever the letter holds.

Each attack repeats a unit that starts one of our patterns and never completes it (the shape that
makes a lazy or nested regular expression scan to the end of the text from every line). Growing the
letter 10x must grow the time about 10x: quadratic work would grow it about 100x. The bound is loose
(the machine is shared and timing is noisy); the best of three runs is compared."""

from __future__ import annotations

import time

import pytest
from extract_support import document

from imrgraph.extract import Extractor
from imrgraph.models import ParsedLetter
from imrgraph.parse import parse

NOTICE = "Notice of Independent Medical Review Determination\n"
NOTICE_TAIL = "\n1) Regarding the request for physical therapy x 6:\nRationale Used by the Expert Reviewer: not medically necessary.\n"
FDL = "HOW THE IMR FINAL DETERMINATION WAS MADE\nThe expert reviewer is "
SUMMARY = "licensed in Ohio.\n\nCLINICAL CASE SUMMARY\n"
DECISIONS = "\n\nIMR ISSUES, DECISIONS AND RATIONALES\nPhysical therapy x 6:  Upheld\nDecision rationale: not medically necessary.\n"
ATTACKS = {
    "unfinished 2013 verdict lines": (NOTICE, "1) MAXIMUS Federal Services, Inc. has determined the request for a b c\n",
                                      NOTICE_TAIL),
    "unfinished 2013 item lines": (NOTICE, "2) Regarding the request for a b c\n", NOTICE_TAIL),
    "blank header labels": ("", "Date Assigned:\n\nEmployee Name:  Claim Number: 1\n", FDL + SUMMARY + DECISIONS),
    "one licence list without end": (FDL + "licensed in ", "CA, OR and ", SUMMARY + DECISIONS),
    "certified names": (FDL, "Board Certified in Neurology and Wilderness Medicine, ", SUMMARY + DECISIONS),
    "pronoun pairs and age words": (FDL + SUMMARY, "he/she his aged a 40 year old ", DECISIONS),
    "occupation cues": (FDL + SUMMARY, "works for as is a former a b c employed as ", DECISIONS),
    "credentials once held": (FDL, "licensed in Ohio, formerly licensed in Utah until 2001 and ", SUMMARY + DECISIONS),
    "conditions weighed without full stops": (FDL + SUMMARY, "gout was considered versus bursitis and asthma was suspected and ",
                                              DECISIONS),
}
# an attack whose every unit is read to the end of its reach is grown from a shorter letter (its time stays in bounds)
SMALL_LETTER = {"conditions weighed without full stops": 4_000}
GROWTH = 10
MAX_RATIO = 30  # linear ~10, quadratic ~100


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def seconds(extractor: Extractor, text: str) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        letter = parse(document(text))
        if isinstance(letter, ParsedLetter):
            extractor.extract(letter)
        best = min(best, time.perf_counter() - started)
    return best


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_time_grows_linearly_with_the_letter(extractor, name):
    head, unit, tail = ATTACKS[name]
    repeats = SMALL_LETTER.get(name, 40_000) // len(unit)
    small = seconds(extractor, head + unit * repeats + tail)
    large = seconds(extractor, head + unit * repeats * GROWTH + tail)
    assert large / max(small, 1e-3) < MAX_RATIO, (name, small, large)
