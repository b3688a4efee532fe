"""The text helpers the fast paths rest on give what the plain regular expressions give."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from imrgraph import link
from imrgraph.text import (
    ARTEFACT_LINE,
    PAGE_FOOTER,
    CollapsedText,
    LinePattern,
    TextView,
    any_of,
    blank_spans,
    collapse,
    collapse_spaces,
    lowered,
    paragraph_end,
    words,
)

# Pieces that make the cases these helpers special-case: runs of every kind of whitespace, line
# starts, page lines, capitals that lower to two characters.
PIECES = st.sampled_from([
    " ", "  ", "\n", "\r\n", "\t", "\x0b", "\x0c", "\xa0", "\u2003", "\u3000", "\x1c", "\x85", "\u200b",
    "a", "B", "é", "İ", "ß", "\U0001F600", ".", ";", "Page 2 of 4", "- 3 -", "page 1 of 9",
    "FINAL DETERMINATION LETTER FOR IMR CASE NUMBER CM13-0000001", "Decision based on", "also based on",
    "Case Summary", "CLINICAL CASE SUMMARY:", "x", "  2 of 4",
])
TEXTS = st.lists(PIECES, max_size=14).map("".join)

PLAIN_ARTEFACT = re.compile(
    r"(?im)^[ \t]*(?:page[ \t]+\d+[ \t]+of[ \t]+\d+|-[ \t]*\d+[ \t]*-"
    # (a running head with its page after it, with or without its word: 'FINAL DETERMINATION LETTER FOR IMR CASE NUMBER
    # CM13-0000001 Page 2 of 4', '... CM13-0000001   2 of 4')
    r"|final[ \t]+determination[ \t]+letter[ \t]+for[ \t]+imr[ \t]+case[ \t]+number[ \t]+\S+"
    r"(?:[ \t]+(?:page[ \t]+)?\d+[ \t]+of[ \t]+\d+)?)[ \t]*$"
)


@settings(max_examples=400, deadline=None)
@given(TEXTS, st.integers(0, 200), st.integers(0, 200))
def test_line_pattern_finds_what_a_caret_pattern_finds(text, pos, endpos):
    assert [m.span() for m in ARTEFACT_LINE.finditer(text)] == [m.span() for m in PLAIN_ARTEFACT.finditer(text)]
    assert ARTEFACT_LINE.sub(" ", text) == PLAIN_ARTEFACT.sub(" ", text)
    pos, endpos = min(pos, len(text)), min(max(pos, endpos), len(text))
    ours, plain = ARTEFACT_LINE.search(text, pos, endpos), PLAIN_ARTEFACT.search(text, pos, endpos)
    assert (ours and ours.span()) == (plain and plain.span())




def test_a_running_head_with_its_page_without_the_word_is_a_page_line():
    text = "She declined a trial of\nFinal Determination Letter for IMR Case Number CM16-0033560        2 of 4\nduloxetine."
    assert ARTEFACT_LINE.sub(" ", text) == "She declined a trial of\n \nduloxetine."


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([" ", "\n", "\t", "Page 2 of 4", "PAGE 1 OF 9", "xpage 1 of 2", "a", "x" * 30, "İ", "é"]),
                max_size=14).map("".join), st.integers(0, 200), st.integers(0, 200))
def test_a_line_pattern_tried_where_its_word_is_finds_what_a_caret_pattern_finds(text, pos, endpos):
    plain = PAGE_FOOTER.pattern  # the same body, tried at every line's start
    pos, endpos = min(pos, len(text)), min(max(pos, endpos), len(text))
    assert [m.span() for m in PAGE_FOOTER.finditer(text, pos, endpos)] == [m.span() for m in plain.finditer(text, pos, endpos)]
    assert PAGE_FOOTER.sub(" ", text) == plain.sub(" ", text)


def test_line_pattern_matches_only_at_line_starts():
    heading = LinePattern(r"[ \t]*case\s+summary[ \t]*:?", re.IGNORECASE)
    text = "the case summary: no\n  CASE\nSUMMARY:\nx"
    assert [m.group().split() for m in heading.finditer(text)] == [["CASE", "SUMMARY:"]]
    assert heading.search("Case Summary").span() == (0, 12)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_collapsed_text_maps_every_word_back(text):
    collapsed, runs = collapse_spaces(text)
    assert collapsed == re.sub(r"\s+", " ", text)
    assert runs == [m.span() for m in re.finditer(r"\s\s+", text)]
    flat = CollapsedText(text)
    for m in re.finditer(r"\S+", flat.text):  # each word of the collapsed text is that word of the text
        start, end = flat.to_original(m.start()), flat.to_original(m.end())
        assert text[start:end] == m.group()
        assert flat.to_view(start) == m.start()


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_lowered_keeps_every_offset(text):
    low = lowered(text)
    assert len(low) == len(text)
    assert not re.search(r"[A-Z]", low)  # what patterns written in lower case rely on


def test_lowered_falls_back_to_ascii_when_a_letter_lowers_to_two():
    assert lowered("Case Number: CM13-1") == "case number: cm13-1"
    assert lowered("İSTANBUL Case") == "İstanbul case"  # 'İ'.lower() is two characters


def test_view_drops_page_lines_and_keeps_offsets():
    original = "Summary of the\ncase.\nPage 2 of 4\n   The injured   worker"
    view = TextView(original)
    assert view.text == "Summary of the case. The injured worker"
    assert view.lower == view.text.lower()
    at = view.text.index("injured")
    assert original[view.to_original(at):view.to_original(at + len("injured"))] == "injured"


WORDS = frozenset({"psychotherapy", "radiculopathy", "post-traumatic", "therapy"})


@pytest.mark.parametrize(("original", "read"), [
    ("six sessions of psycho-\ntherapy in 2019", "six sessions of psychotherapy in 2019"),
    ("cervical radicu- \n\n lopathy (M54.12)", "cervical radiculopathy (M54.12)"),
    ("post-\ntraumatic stress", "post-traumatic stress"),  # a hyphenated word keeps its hyphen
    ("a follow-\nup visit", "a follow-up visit"),  # not a word of the vocabularies: kept as written
    # ... but a word the letter writes whole elsewhere is that word, and one it writes hyphenated keeps its hyphen
    ("He recom- \n\nmended surgery, as is recommended.", "He recommended surgery, as is recommended."),
    ("a follow-\nup visit and a follow-up call", "a follow-up visit and a follow-up call"),
])
def test_a_word_broken_at_a_syllable_is_read_whole(original, read):
    """Family: a word a PDF breaks at a line's end with a hyphen is read without it where the whole word is one
    the letters are read for or one the text writes whole elsewhere, and with it where the word is hyphenated or
    unknown; every word maps back."""
    view = TextView(original, words=WORDS)
    assert view.text == read
    for m in re.finditer(r"[A-Za-z]+", view.text):
        start, end = view.to_original(m.start()), view.to_original(m.end())
        assert re.sub(r"-\s*", "", original[start:end]) == m.group()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab-\n ", max_size=40))
def test_joining_broken_words_maps_every_word_back(text):
    view = TextView(text, words=frozenset({"ab", "aab", "abab", "bb", "ba"}))
    for m in re.finditer(r"\S+", view.text):
        start, end = view.to_original(m.start()), view.to_original(m.end())
        assert re.sub(r"-\s+", "", text[start:end]).replace("-", "") == m.group().replace("-", "")


@pytest.mark.parametrize(("spans", "expected"), [
    ([(0, 11), (0, 21)], " " * 21 + " 1000MCG X 4"),  # a drug inside a service's name, both with digits
    ([(0, 7), (4, 11)], " " * 11 + " INJECTION 1000MCG X 4"),
    ([(0, 7), (12, 21)], " " * 7 + " B12 " + " " * 9 + " 1000MCG X 4"),
])
def test_blanked_spans_keep_every_offset_when_they_overlap(spans, expected):
    text = "VITAMIN B12 INJECTION 1000MCG X 4"
    blanked = blank_spans(text, spans)
    assert blanked == expected and len(blanked) == len(text)


LABELS = ["date", "dated", "date of injury", "date of ur", "date of ur denial", "no", "no.", "case no", "case no."]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([*LABELS, " ", "\n", ":", " :", "x", "d"]), max_size=10).map("".join))
def test_any_of_matches_what_the_alternation_longest_first_matches(text):
    tail = r"(?:[ \t]*:|[ \t]*(?=\n))"
    plain = re.compile("(?:" + "|".join(r"\s+".join(map(re.escape, p.split())) for p in sorted(LABELS, key=len, reverse=True))
                       + ")" + tail)
    trie = re.compile("(?:" + any_of(LABELS) + ")" + tail)
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]


@pytest.mark.parametrize("footer", [
    "CM16-0102030" + " " * 70 + "Page 3 of 4",
    "Doe, Jane" + " " * 40 + "CM16-0102030" + " " * 40 + "Page 3 of 4",
    "IMR REVIEW - CM16-0102030 -" + " " * 50 + "Page 3",
    "  Page 3 of 4" + " " * 60 + "Final Determination Letter",
])
def test_a_footer_set_out_to_the_pages_width_is_a_page_line(footer):
    """Family: a page footer whose words a PDF lays out across the page's width (wide gaps between the case
    number, a name and 'Page 3 of 4') is a page line, in the lines read and in the text extraction tokenises: the
    citation or sentence it interrupts reads on."""
    original = "The reviewer relied on the Chronic Pain Guidelines, Physical\n" + footer + "\nMedicine, pages 98-99."
    read = "The reviewer relied on the Chronic Pain Guidelines, Physical Medicine, pages 98-99."
    assert collapse(TextView(original).lined) == read and TextView(original).text == read
    assert PAGE_FOOTER.fullmatch(footer)


@pytest.mark.parametrize(("text", "ends_before"), [
    # single-spaced: a blank line ends a paragraph
    ("The reviewer is board certified.\nLicensed in Ohio.\n\nThe worker fell.\n", "The worker"),
    # double-spaced: a blank line is the gap between lines; two end a paragraph
    ("Line one of the statement\n\nand its second line.\n\n\n\nThe worker fell.\n\nHe has pain.\n\n", "The worker"),
])
def test_a_paragraph_ends_at_a_gap_wider_than_the_texts_usual_one(text, ends_before):
    end = paragraph_end(text, 0, len(text))
    assert end is not None and text[end:].lstrip().startswith(ends_before)


@pytest.mark.parametrize(("typed", "read"), [
    ("CLINICAL CASE SUMARY", True), ("Clinical\n  Case Summary", True), ("IMR ISSUES, DECISONS AND RATIONALES", True),
    ("Medical Qualifications of the Expert Reviwer", True),
    # two letters swapped, or an I, l or O read by a scan as another ('DECISlONS', 'RATI0NALES', 'Medlcal')
    ("Medical Qualifications of the Expert Reveiwer", True), ("IMR ISSUES, DECISlONS AND RATI0NALES", True),
    ("Medlcal Qualifications of the Expert Reviewer", True),
    # two letters lost, or a short word's one, is another word
    ("CLINICAL CASE SUMRY", False), ("CLINICAL CAS SUMMARY", False), ("IMR ISSUES, DECISIONS ND RATIONALES", False),
])
def test_a_phrase_is_read_as_typed_with_a_long_word_short_of_one_letter_or_two_swapped(typed, read):
    phrases = ("CLINICAL CASE SUMMARY", "IMR ISSUES, DECISIONS AND RATIONALES", "Medical Qualifications of the Expert Reviewer")
    pattern = re.compile("(?:" + "|".join(words(p) for p in phrases) + r")\Z", re.IGNORECASE)
    assert (pattern.match(typed) is not None) is read


@pytest.mark.parametrize(("scanned", "read"), [
    ("Board Certified in Anesthesiology and Pain Medlcine, licensed in Arlzona.",
     "Board Certified in Anesthesiology and Pain Medicine, licensed in Arizona."),
    ("She takes Gabapentln and Lyrlca.", "She takes Gabapentin and Lyrica."),
    # what stays: a word as written, and an l beside another ('falls' is no 'fails')
    ("She falls often; the plan failed; Lyrica helps.", "She falls often; the plan failed; Lyrica helps."),
])
def test_a_scans_l_for_an_i_is_read_as_the_word_it_makes(scanned, read):
    """Family: a word of the catalogues that a scan wrote with an l for an i ('Medlcine', 'Arlzona') is read as that
    word in the view extraction reads, at the same offsets; a word the catalogues know as written stays."""
    view = TextView(scanned, words=link.vocabulary_words())
    assert view.text == read


@pytest.mark.parametrize(("scanned", "read"), [
    ("Board Certified in Fami1y Practice, licensed in Ca1ifornia and l11inois.",
     "Board Certified in Family Practice, licensed in California and illinois."),
    ("She takes Cymba1ta and Tramado1 daily.", "She takes Cymbalta and Tramadol daily."),
    # what stays: numbers, codes and words no reading makes one of the catalogues'
    ("Seen on 11/12/2021 for M51.16; room 1A; x1 only.", "Seen on 11/12/2021 for M51.16; room 1A; x1 only."),
    ("A 21yo seen for the 1st visit, Rx1 for 30 days; Fami1y Practice.",
     "A 21yo seen for the 1st visit, Rx1 for 30 days; Family Practice."),
])
def test_a_scans_1_for_an_l_or_an_i_is_read_as_the_word_it_makes(scanned, read):
    """Family: a word of the catalogues that a scan wrote with a 1 for an l or an i ('Fami1y', 'l11inois') is read as
    that word, at the same offsets."""
    view = TextView(scanned, words=link.vocabulary_words())
    assert view.text == read


@pytest.mark.parametrize(("scanned", "read"), [
    ("Diagnoses: lumbar radicu litis and adhesive capsu litis.", "Diagnoses: lumbar radiculitis and adhesive capsulitis."),
    ("She takes trazo done at night and Lyr ica.", "She takes trazodone at night and Lyrica."),
    # ... across a line break, a blank line between (double-spaced text), or a second piece no word of them
    ("and major depres \n\nsive disorder; Board Certified in Clinical Psycho logy.",
     "and major depressive disorder; Board Certified in Clinical Psychology."),
    # what stays: two words of their own, or pieces a column's wide gap parts
    ("He is on his way to work in the back office.", "He is on his way to work in the back office."),
    ("Drug            trazo        done", "Drug trazo done"),
])
def test_a_word_a_scan_split_with_a_stray_space_is_read_whole(scanned, read):
    """Family: a word of the catalogues a scan split with a stray space or line break ('radicu litis', 'trazo done',
    'depres' / 'sive') is read whole when its first piece is no word of them, or, for a longer word, its second ('Psycho
    logy'); the offsets map back onto the text as read."""
    view = TextView(scanned, words=link.vocabulary_words())
    assert view.text == read
    assert all(scanned[view.to_original(at)] == c for at, c in enumerate(read) if c != " ")
