"""The synthetic corpus: reproducible, every layout and wording family the archive shows, and a truth
that is a Determination's extraction JSON whose every span points at the text stating its value."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
import simple_icd_10_cm as cm

from imrgraph import synth, vocab
from imrgraph.cli import main
from imrgraph.models import Determination
from imrgraph.synth.wording import number_words

PAGE_LINE = re.compile(r"^\s*(?:Page \d+ of \d+|Final Determination Letter for IMR Case Number \S+)\s*$", re.M)
SERVICES = set(vocab.services())
DATE_FORMATS = ("%m/%d/%Y", "%m/%d/%y", "%B %d, %Y", "%d %B %Y")


@pytest.fixture(scope="module")
def corpus() -> list[tuple[str, str, dict]]:
    return list(synth.generate(500, seed=11))


def readable(text: str) -> str:
    """Text as a reader takes it: page lines and running headers dropped, whitespace collapsed."""
    return " ".join(PAGE_LINE.sub(" ", text).split())


def at(text: str, span) -> str:
    assert span is not None and 0 <= span[0] <= span[1] <= len(text), span
    return readable(text[span[0]:span[1]])


def as_date(written: str) -> str:
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(written, fmt).date().isoformat()
        except ValueError:
            continue
    raise AssertionError(f"not a date: {written!r}")


def test_same_seed_gives_identical_letters_and_another_seed_does_not():
    first = list(synth.generate(40, seed=5))
    assert first == list(synth.generate(40, seed=5))
    assert [t for _, t, _ in first] != [t for _, t, _ in synth.generate(40, seed=6)]


def test_every_letter_of_a_corpus_has_its_own_id():
    """Two letters of one corpus never share a case number, so one never overwrites the other's files (1,000
    letters of seed 0 once held two CM21-2144215)."""
    ids = [letter_id for letter_id, _, _ in synth.generate(1000, seed=0)]
    assert len(set(ids)) == len(ids)


def test_written_files_are_byte_identical_for_the_same_seed(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    assert synth.write_corpus(25, a, seed=9) == synth.write_corpus(25, b, seed=9) == 25
    names = sorted(p.name for p in a.iterdir())
    assert len(names) == 50 and names == sorted(p.name for p in b.iterdir())
    assert all((a / n).read_bytes() == (b / n).read_bytes() for n in names)


def test_truth_is_a_determinations_json_and_reads_back_unchanged(corpus):
    for letter_id, _, truth in corpus:
        assert Determination.from_json(truth).to_json() == truth
        assert truth["id"] == letter_id and truth["source"] == f"{letter_id}.txt"
        assert truth["format"] in synth.FORMATS and truth["items"]
        assert truth["case_number"] in (None, letter_id)
        if truth["format"] == "mpr":
            assert len(truth["items"]) == 1 and truth["items"][0]["claims_administrator_guidelines"] == []
        for item in truth["items"]:
            assert item["medically_necessary"] is (item["decision"] == "overturned")
            assert item["services"] and set(item["services"]) <= SERVICES
            assert item["quantity"] is None or item["unit"]


def test_every_span_points_at_text_stating_its_value(corpus):
    states = vocab.us_states()
    for _, text, truth in corpus:
        spans = truth["spans"]
        if truth["case_number"]:
            assert at(text, spans["case_number"]) == truth["case_number"]
        for name, value in truth["dates"].items():
            if value:
                assert as_date(at(text, spans[f"dates.{name}"])) == value
        if truth["priority"]:
            assert at(text, spans["priority"]).lower() in {"standard": ("standard", "regular"),
                                                           "expedited": ("expedited", "urgent")}[truth["priority"]]
        if truth["treating_physician_specialty"]:
            assert at(text, spans["treating_physician_specialty"]) == truth["treating_physician_specialty"]
        patient = truth["patient"]
        if patient["age"] is not None:
            assert at(text, spans["patient.age"]) in (str(patient["age"]), number_words(patient["age"]))
        if patient["sex"]:
            word = at(text, spans["patient.sex"])
            assert word in {"male": ("male", "man", "gentleman"), "female": ("female", "woman", "lady")}[patient["sex"]]
        if patient["occupation"]:
            assert at(text, spans["patient.occupation"]) == patient["occupation"]
        if patient["date_of_injury"]:
            assert as_date(at(text, spans["patient.date_of_injury"])) == patient["date_of_injury"]
        for value, span in zip(truth["reviewer"]["specialties"], spans["reviewer.specialties"], strict=True):
            assert vocab.specialty_as_named(at(text, span)) == value
        for value, span in zip(truth["reviewer"]["licensed_in"], spans["reviewer.licensed_in"], strict=True):
            assert states[at(text, span).lower()] == value
        for value, span in zip(truth["body_parts"], spans["body_parts"], strict=True):
            assert_names_part(at(text, span), value)
        for entry in truth["diagnoses"] + truth["medications"] + truth["prior_treatments"]:
            assert at(text, entry["span"]) == entry["text"]
        for item in truth["items"]:
            check_item_spans(text, item)


def assert_names_part(written: str, value: str) -> None:
    """'bilateral knee' states 'right knee' (and 'left knee'); 'lumbosacral spine' states 'low back'."""
    words = written.lower().split()
    part = " ".join(w for w in words if w not in ("right", "left", "bilateral", "both"))
    named = value.removeprefix("right ").removeprefix("left ")
    stems = [w[:6] for w in named.split()]  # 'lower extremity' is 'lower extremities' on one side
    assert named == vocab.body_parts()[part] or stems == [w[:6] for w in part.split()], (written, value)
    side = value.split()[0]
    if side in ("right", "left"):
        assert side in words or "bilateral" in words or "both" in words, (written, value)


def check_item_spans(text: str, item: dict) -> None:
    assert at(text, item["span"]) == item["text"]
    assert at(text, item["spans"]["rationale"]) == item["rationale"]
    assert "medically necessary" in at(text, item["spans"]["decision"]).lower() or \
        at(text, item["spans"]["decision"]).lower() == item["decision"]
    if item["medication"]:
        assert at(text, item["medication"]["span"]).startswith(item["medication"]["text"])
    for value, span in zip(item["body_regions"], item["spans"]["body_regions"], strict=True):
        assert_names_part(at(text, span), value)
    for cite in item["claims_administrator_guidelines"] + item["reviewer_guidelines"]:
        written = at(text, cite["span"]).lower()
        if cite["topic"]:
            assert cite["topic"].lower() in written
        if cite["source"] == "ODG":
            assert "odg" in written or "official disability" in written
        if cite["pages"]:
            assert str(cite["pages"][0]) in written and str(cite["pages"][-1]) in written
    for lit in item["literature"]:
        assert lit["author"] in at(text, lit["span"]) and str(lit["year"]) in at(text, lit["span"])
    for limit in item["guideline_limits"]:
        assert at(text, limit["span"]) == limit["text"] and str(limit["max"]) in limit["text"]


def test_dates_run_in_order_and_most_decisions_are_from_2017_on(corpus):
    years = []
    for _, _, truth in corpus:
        d = truth["dates"]
        known = [d[k] for k in ("ur_denial", "application_received", "assigned", "decision") if d[k]]
        assert known == sorted(known) and len(set(known)) == len(known)
        if d["decision"]:
            years.append(int(d["decision"][:4]))
            if truth["patient"]["date_of_injury"]:
                assert truth["patient"]["date_of_injury"] < d["decision"]
    assert min(years) == 2013 and max(years) <= 2024
    assert sum(y >= 2017 for y in years) > len(years) / 2


# What the archive shows, each found in the text of 500 letters.
VARIETY = {
    "header: one field a line": r"(?m)^ ?Date Assigned: \d\d?/\d\d?/\d{4} *$",
    "header: two columns on one line": r"(?m)^ ?Date of Injury: \S+ +Decision Date: \d\d?/\d\d?/\d{4} *$",
    "header: label above value": r"(?m)^ ?Decision Date: *\n+ *\d\d?/\d\d?/\d{4}",
    "header: a split label": r"(?m)^ ?Application *\n+ *Received:",
    "header: blank values": r"(?m)Employee Name: *(?:\n|Claim)",
    "header: Treating Provider Specialty": r"Treating Provider Specialty: [A-Z]",
    "header: Employee Physician Specialty": r"Employee Physician Specialty: [A-Z]",
    "header: Priority Expedited": r"Priority: *\n*\s*Expedited",
    "header: Dated": r"(?m)^Dated: \d",
    "header: Review Date": r"(?m)^Review Date: \d",
    "MTUS Opioids guideline": r"Opioids \(Effective December 1, 2017\)",
    "ACOEM 3rd Edition by title": r"3rd Edition[^.]*Disorders|Disorders, ACOEM Practice Guidelines, 3rd Edition",
    "8 C.C.R. with paired topics and pages": r"8 C\.C\.R\. 9792\.20 - 9792\.26 MTUS \(Effective July 18, 2009\) [^.]+;"
                                             r"[^.]+Page\(s\): [\d-]+; [\d-]+",
    "ODG Treatment in Workers' Compensation, updated": r"Treatment in Workers' Compensation[^.]*updated",
    "literature in a rationale": r"\((?:[A-Z][\w ]+(?: et al\.)?, (?:19|20)\d\d; )+[A-Z][\w ]+(?: et al\.)?, (?:19|20)\d\d\)",
    "reviewer adopts the claims administrator's guidelines": r"used by the Claims Administrator relevant and\s+appropriate",
    "no guidelines cited": r"did not cite any evidence-based\s+guidelines",
    "decision word on the next line": r":\s*\n\s*\n?\s*(?:Upheld|Overturned) *\n",
    "page line inside a section": r"[a-z,] *\n+Page \d+ of \d+ *\n+ *[a-z]",
    "blank line after every line": r"[a-z] \n\n[a-z]",
    "redaction gap": r" (?:for|at)  [.\n]",
}


def test_every_layout_header_shape_and_citation_form_appears_in_500_letters(corpus):
    assert {truth["format"] for _, _, truth in corpus} == set(synth.FORMATS)
    missing = [name for name, pattern in VARIETY.items() if not any(re.search(pattern, t) for _, t, _ in corpus)]
    assert missing == []
    decisions = [item["decision"] for _, _, truth in corpus for item in truth["items"]]
    assert 0.05 < decisions.count("overturned") / len(decisions) < 0.25
    cited = {(c["source"], c["document"]) for _, _, t in corpus for it in t["items"]
             for c in it["claims_administrator_guidelines"] + it["reviewer_guidelines"]}
    assert cited >= {("MTUS", "chronic-pain"), ("MTUS", "acoem"), ("MTUS", "opioids"), ("MTUS", "acupuncture"),
                     ("MTUS", "postsurgical"), ("ODG", "odg")}


def test_every_icd_code_is_a_valid_code_or_null_by_convention(corpus):
    codes = {d["icd10cm"] for _, _, truth in corpus for d in truth["diagnoses"]}
    assert None in codes  # injuries that need an encounter character are uncoded
    assert sorted(c for c in codes - {None} if not cm.is_valid_item(c)) == []


def test_quantities_follow_the_request_wording(corpus):
    seen = 0
    for _, _, truth in corpus:
        for item in truth["items"]:
            m = re.search(r"\b(\d+)x/week x (\d+) weeks\b|\b(\d+)x(\d+)\b", item["text"])
            if m:
                times, weeks = (int(g) for g in m.groups() if g)
                assert item["quantity"] == times * weeks and item["unit"] == "session"
                assert item["frequency"] == {"times": times, "per": "week"}
                assert item["duration"] == {"value": weeks, "unit": "week"}
                seen += 1
            m = re.search(r"(\d+) (?:hours/day|hours per day|h/day),? (\d+) (?:days/week|days per week|d/wk),? "
                          r"(?:for )?(\d+) (?:weeks|wk)", item["text"])
            if m:
                hours, days, weeks = map(int, m.groups())
                assert item["quantity"] == hours * days * weeks and item["unit"] == "hour"
                seen += 1
            m = re.search(r"#(\d+)(?: with (\d) refills?)?$", item["text"])
            if m and item["medication"]:
                assert item["quantity"] == int(m.group(1))  # refills are not part of the stated total
                seen += 1
    assert seen > 50


def test_cli_writes_n_letters_with_truth_beside_each(tmp_path, capsys):
    out = tmp_path / "corpus"
    assert main(["synth", "12", "-o", str(out), "--seed", "4"]) == 0
    texts, truths = sorted(out.glob("*.txt")), sorted(out.glob("*.json"))
    assert len(texts) == len(truths) == 12 and [p.stem for p in texts] == [p.stem for p in truths]
    for path in truths:
        truth = json.loads(path.read_text())
        assert truth["id"] == path.stem and (out / truth["source"]).is_file()
    assert "12 letters" in capsys.readouterr().out


def test_cli_rejects_bad_input_with_one_line(tmp_path, capsys):
    with pytest.raises(SystemExit) as usage:
        main(["synth", "-3", "-o", str(tmp_path / "x")])
    assert usage.value.code == 2 and "N: must be zero or more" in capsys.readouterr().err
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    assert main(["synth", "2", "-o", str(blocker)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("imrgraph: ") and "not a directory" in err[0]
    assert Path(blocker).read_text() == "not a directory"
