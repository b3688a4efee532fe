"""The synthetic corpus: reproducible, every layout, truth in the extraction JSON form and really
stated in its letter."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
import simple_icd_10_cm as cm

from imrgraph import synth, vocab
from imrgraph.cli import main

PAGE_LINE = re.compile(r"^\s*Page \d+ of \d+\s*$", re.MULTILINE)
SERVICES = set(vocab.services())  # the truth speaks our service vocabulary
DOCUMENTS = {"chronic-pain", "acoem", "acupuncture", "postsurgical", "opioids", "odg", None}


@pytest.fixture(scope="module")
def corpus() -> list[tuple[str, str, dict]]:
    return list(synth.generate(400, seed=11))


def readable(text: str) -> str:
    """The letter as a perfect reader sees it: page lines dropped, whitespace collapsed."""
    return synth.collapse(PAGE_LINE.sub(" ", text))


def test_same_seed_gives_identical_letters_and_another_seed_does_not():
    first = list(synth.generate(60, seed=5))
    assert first == list(synth.generate(60, seed=5))
    other = list(synth.generate(60, seed=6))
    assert [text for _, text, _ in first] != [text for _, text, _ in other]


def test_written_files_are_byte_identical_for_the_same_seed(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    assert synth.write_corpus(25, a, seed=9) == 25
    assert synth.write_corpus(25, b, seed=9) == 25
    names = sorted(p.name for p in a.iterdir())
    assert names == sorted(p.name for p in b.iterdir())
    assert all((a / n).read_bytes() == (b / n).read_bytes() for n in names)


def test_every_layout_and_both_decisions_appear_in_200_letters():
    letters = list(synth.generate(200, seed=1))
    assert {truth["format"] for _, _, truth in letters} == set(synth.FORMATS)
    decisions = [item["decision"] for _, _, truth in letters for item in truth["items"]]
    overturned = decisions.count("overturned") / len(decisions)
    assert 0.04 < overturned < 0.25
    assert len({letter_id for letter_id, _, _ in letters}) == 200


def test_truth_has_every_contract_key_with_its_type(corpus):
    for letter_id, _, truth in corpus:
        assert truth["id"] == letter_id and truth["source"] == f"{letter_id}.txt"
        assert truth["format"] in synth.FORMATS
        if truth["format"] in ("fdl-2014-header", "notice-2013"):
            assert truth["id"] == truth["case_number"]
            assert re.fullmatch(r"CM1[345]-\d{7}", truth["case_number"])
        else:
            assert truth["case_number"] is None and re.fullmatch(r"SYN-\d{6}-[0-9a-f]{6}", letter_id)
        reviewer = truth["reviewer"]
        assert reviewer["specialties"] and all(s == s.strip() and s[0].isupper() for s in reviewer["specialties"])
        assert reviewer["board_certified"] in (True, None)
        assert reviewer["licensed_in"] and all(re.fullmatch(r"[A-Z]{2}", s) for s in reviewer["licensed_in"])
        patient = truth["patient"]
        assert patient["age"] is None or (isinstance(patient["age"], int) and 18 <= patient["age"] <= 80)
        assert patient["sex"] in ("male", "female", None)
        assert patient["occupation"] is None or patient["occupation"] == patient["occupation"].lower()
        if patient["date_of_injury"] is not None:
            dt.date.fromisoformat(patient["date_of_injury"])
        for d in truth["diagnoses"]:
            assert isinstance(d["text"], str) and isinstance(d["negated"], bool) and isinstance(d["uncertain"], bool)
            assert not (d["negated"] and d["uncertain"])
        generics = [m["generic"] for m in truth["medications"]]
        assert len(generics) == len(set(generics))
        assert all(g == g.lower() and isinstance(m["negated"], bool) for g, m in zip(generics, truth["medications"]))
        assert all(p["service"] in SERVICES | {None} for p in truth["prior_treatments"])
        assert all(b == b.lower() for b in truth["body_parts"])
        assert truth["items"]
        if truth["format"] == "mpr":
            assert len(truth["items"]) == 1
        for item in truth["items"]:
            check_item(item, truth["format"])


def check_item(item: dict, layout: str) -> None:
    assert item["text"] == synth.collapse(item["text"]) and item["text"]
    assert item["services"] and set(item["services"]) <= SERVICES
    med = item["medication"]
    if med is not None:
        assert item["services"] == ["medication"]
        assert set(med) == {"generic", "strength", "form"} and med["generic"] == med["generic"].lower()
    assert item["quantity"] is None or isinstance(item["quantity"], int | float)
    assert (item["quantity"] is None) or item["unit"]
    if item["frequency"] is not None:
        assert item["frequency"]["per"] in ("day", "week", "month") and item["frequency"]["times"] > 0
    if item["duration"] is not None:
        assert item["duration"]["unit"] in ("day", "week", "month") and item["duration"]["value"] > 0
    assert all(r == r.lower() for r in item["body_regions"])
    assert item["decision"] in ("upheld", "overturned")
    assert item["medically_necessary"] is (item["decision"] == "overturned")
    if layout == "mpr":
        assert item["claims_administrator_guidelines"] == []
    for cite in item["claims_administrator_guidelines"] + item["reviewer_guidelines"]:
        assert set(cite) == {"source", "document", "chapter", "topic", "pages", "edition"}
        assert cite["source"] in ("MTUS", "ODG", "other") and cite["document"] in DOCUMENTS
        assert all(isinstance(p, int) for p in cite["pages"]) and cite["pages"] == sorted(set(cite["pages"]))
        assert cite["edition"] is None or re.fullmatch(r"20\d\d-(0[1-9]|1[0-2])", cite["edition"])
        if cite["document"] == "acoem":
            assert cite["chapter"].isdigit()
    for lit in item["literature"]:
        assert isinstance(lit["author"], str) and 1990 < lit["year"] < 2020
    assert item["rationale"] == synth.collapse(item["rationale"])
    for limit in item["guideline_limits"]:
        assert limit["text"] in item["rationale"]
        assert str(limit["max"]) in limit["text"] and limit["unit"] in limit["text"]
        assert limit["min"] is None or limit["min"] <= limit["max"]
        assert limit["weeks"] is None or f"{limit['weeks']} week" in limit["text"]


def test_every_truth_text_is_stated_in_its_letter(corpus):
    for _, text, truth in corpus:
        letter = readable(text)
        assert "Page " not in letter or not re.search(r"Page \d+ of \d+", letter)
        for item in truth["items"]:
            assert item["text"] in letter
            assert item["rationale"] in letter
            conclusion = item["rationale"].rsplit(". ", 1)[-1]  # the rationale ends by stating the decision
            assert "medically necessary" in conclusion
            assert ("not" in conclusion.split()) is (item["decision"] == "upheld")
            for lit in item["literature"]:
                assert f"{lit['author']}, {lit['year']}" in letter
        for d in truth["diagnoses"]:
            assert d["text"] in letter
        for m in truth["medications"]:
            assert m["text"] in letter
        for p in truth["prior_treatments"]:
            assert p["text"] in letter
        for part in truth["body_parts"]:
            assert part in letter or part.replace("low back", "lower back") in letter
        patient = truth["patient"]
        if patient["occupation"]:
            assert patient["occupation"] in letter
        if patient["age"]:
            assert re.search(rf"\b{patient['age']}[ -]year", letter)
        if truth["case_number"]:
            assert truth["case_number"] in letter
        for state in truth["reviewer"]["licensed_in"]:
            assert any(name in letter for name, code in synth.STATES if code == state)


def test_fdl_headings_carry_the_decision(corpus):
    for _, text, truth in corpus:
        letter = readable(text)
        for item in truth["items"]:
            word = item["decision"].capitalize()
            if truth["format"].startswith("fdl"):
                assert f"{item['text']}: {word}" in letter
            elif truth["format"] == "notice-2013":
                neg = "not " if item["decision"] == "upheld" else ""
                assert f"request for {item['text']} is {neg}medically necessary" in letter


def test_pdf_artefacts_occur_and_leave_the_truth_intact(corpus):
    texts = [text for _, text, _ in corpus]
    assert any(" \n\n" in t for t in texts)  # a blank line after every line
    assert any(PAGE_LINE.search(t) for t in texts)
    assert any(re.search(r":  \n+Upheld", t) for t in texts)  # decision alone on the next line
    assert any("  ." in t or "  at the time" in t for t in texts)  # a redacted name leaves a gap
    typos = [item["text"] for _, _, truth in corpus for item in truth["items"] if "ehavavioral" in item["text"].lower()]
    assert typos  # the heading typo is kept in the truth, as written
    assert any(max(len(line) for line in t.splitlines()) <= 101 for t in texts)  # hard-wrapped
    assert any(max(len(line) for line in t.splitlines()) > 300 for t in texts)  # and not


def test_every_icd_code_is_a_billable_leaf(corpus):
    codes = {code for _, code in synth.GENERAL_DX + synth.PSYCH_DX}
    codes |= {code for pool in synth.SPINAL_DX.values() for _, code in pool}
    codes |= {code for pool in synth.JOINT_DX.values() for _, *sided in pool for code in sided if code}
    codes |= {code for _, code, _ in synth.NEGATED_DX}
    codes |= {d["icd10cm"] for _, _, truth in corpus for d in truth["diagnoses"]}
    bad = sorted(c for c in codes if not (cm.is_valid_item(c) and cm.is_leaf(c)))
    assert not bad


def test_quantities_follow_the_request_wording():
    """A few wordings whose numbers the truth must spell out exactly."""
    seen = {}
    for _, _, truth in synth.generate(1500, seed=3):
        for item in truth["items"]:
            seen.setdefault(classify(item["text"]), item)
    pt = seen["2x"]
    times, weeks = map(int, re.search(r"(\d+)x(\d+)", pt["text"]).groups())
    assert pt["quantity"] == times * weeks and pt["frequency"] == {"times": times, "per": "week"}
    assert pt["duration"] == {"value": weeks, "unit": "week"}
    home = seen["home"]
    hours, days, weeks = map(int, re.findall(r"\d+", home["text"]))
    assert home["quantity"] == hours * days * weeks and home["unit"] == "hour"
    drug = seen["#"]
    assert drug["quantity"] == int(drug["text"].rsplit("#", 1)[1]) and drug["medication"]["strength"].endswith(("mg", "%"))
    weekly = seen["WEEKLY"]
    assert weekly["quantity"] == weekly["duration"]["value"] and weekly["frequency"] == {"times": 1, "per": "week"}


def classify(text: str) -> str:
    if re.search(r"\d+x\d+", text):
        return "2x"
    if text.startswith("Home health"):
        return "home"
    if text.startswith("WEEKLY"):
        return "WEEKLY"
    if re.search(r"#\d+$", text):
        return "#"
    return "other"




def test_cli_writes_n_letters_with_truth_beside_each(tmp_path, capsys):
    out = tmp_path / "corpus"
    assert main(["synth", "12", "-o", str(out), "--seed", "4"]) == 0
    texts = sorted(out.glob("*.txt"))
    truths = sorted(out.glob("*.json"))
    assert len(texts) == 12 and len(truths) == 12
    assert [p.stem for p in texts] == [p.stem for p in truths]
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
