"""The extractor over every fixture letter, compared field by field with the letter's truth JSON."""

from __future__ import annotations

import json

import pytest
from extract_support import LETTERS, Comparison, compare

from imrgraph.extract import Extractor
from imrgraph.pipeline import process

LETTER_FILES = sorted(LETTERS.glob("*.txt"))


@pytest.fixture(scope="module")
def extracted() -> dict[str, dict]:
    """Fixture stem -> extraction JSON, from one pass of the real pipeline over the folder."""
    out = {}
    for outcome in process(LETTER_FILES, Extractor()):
        assert outcome.determination is not None, outcome.rejection
        result = outcome.determination.to_json()
        out[result["source"].rsplit("/", 1)[-1].removesuffix(".txt")] = result
    return out


def truth(stem: str) -> dict:
    return json.loads((LETTERS / f"{stem}.json").read_text(encoding="utf-8"))


def test_every_fixture_letter_has_a_truth_file_and_an_extraction(extracted):
    assert len(LETTER_FILES) >= 10
    assert set(extracted) == {p.stem for p in LETTER_FILES}
    assert all((LETTERS / f"{stem}.json").exists() for stem in extracted)


@pytest.mark.parametrize("stem", [p.stem for p in LETTER_FILES])
def test_items_layout_and_decisions_are_exact(extracted, stem):
    expected, got = truth(stem), extracted[stem]
    assert got["format"] == expected["format"]
    assert got["id"] == expected["id"] or expected["case_number"] is None
    assert got["case_number"] == expected["case_number"]
    assert [it["decision"] for it in got["items"]] == [it["decision"] for it in expected["items"]]
    assert [it["medically_necessary"] for it in got["items"]] == [it["decision"] == "overturned"
                                                                   for it in expected["items"]]
    assert [" ".join(it["text"].split()) for it in got["items"]] == [it["text"] for it in expected["items"]]


def test_overall_and_per_field_agreement(extracted):
    result = Comparison()
    for stem, got in extracted.items():
        compare(result, truth(stem), got)
    weak = {name: round(result.f1(name), 3) for name in result.fields() if result.f1(name) < 0.9}
    assert weak == {}, result.misses
    assert result.f1() >= 0.97, result.misses
    assert result.f1("items.count") == result.f1("item.decision") == 1.0
