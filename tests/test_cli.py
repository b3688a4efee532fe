"""The `imrgraph` command line as a user meets it: a real subprocess, real files, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imrgraph.build import EXAMPLES
from imrgraph.models import Document
from imrgraph.pipeline import process_documents

ROOT = Path(__file__).resolve().parent.parent
CONTRACT_KEYS = {"id", "source", "format", "case_number", "reviewer", "patient", "diagnoses", "medications",
                 "prior_treatments", "body_parts", "items"}
ITEM_KEYS = {"text", "services", "medication", "quantity", "unit", "frequency", "duration", "body_regions", "decision",
             "medically_necessary", "claims_administrator_guidelines", "reviewer_guidelines", "literature",
             "rationale"}


def imrgraph(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "imrgraph", *args], capture_output=True, text=True, timeout=300,
                          cwd=cwd, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def test_extract_prints_one_contract_object_per_letter(tmp_path):
    letters = sorted(EXAMPLES.glob("*.txt"))
    missing = tmp_path / "missing.txt"
    result = imrgraph("extract", *map(str, letters), str(missing))
    assert result.returncode == 0, result.stderr
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["source"] for o in objects] == [str(p) for p in letters]
    for obj in objects:
        assert CONTRACT_KEYS <= obj.keys()
        assert obj["items"] and all(ITEM_KEYS <= item.keys() for item in obj["items"])
        text = Path(obj["source"]).read_text(encoding="utf-8")
        for item in obj["items"]:  # evidence spans point at the text as read
            start, end = item["span"]
            assert " ".join(text[start:end].split()) == item["text"]
    assert "missing.txt" in result.stderr and "Traceback" not in result.stderr
    assert imrgraph("extract", str(missing), "--strict").returncode == 1


def test_help_and_usage_errors_are_one_line():
    top = imrgraph("--help")
    assert top.returncode == 0 and "build" in top.stdout and "extract" in top.stdout
    wrong = imrgraph("build", "--workers", "0")
    assert wrong.returncode == 2 and "Traceback" not in wrong.stderr
    unknown = imrgraph("frobnicate")
    assert unknown.returncode == 2 and "invalid choice" in unknown.stderr


def test_build_with_no_input_builds_the_bundled_examples(tmp_path):
    result = imrgraph("build", "--workers", "1", "--no-html", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert report["letters"] == len(list(EXAMPLES.glob("*.txt"))) and report["rejected"] == 0


_EXTRACTOR = None


def _extractor():
    global _EXTRACTOR
    if _EXTRACTOR is None:
        from imrgraph.extract import Extractor

        _EXTRACTOR = Extractor()
    return _EXTRACTOR


LETTER = (EXAMPLES / "example_fdl-2014.txt").read_text(encoding="utf-8")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.text(), st.sampled_from(LETTER.splitlines(keepends=True))), max_size=40))
def test_any_text_gives_exactly_one_outcome_and_never_raises(pieces):
    """Arbitrary text, alone or spliced into a real letter's lines: one outcome per input, no exception."""
    texts = ["".join(pieces), LETTER[: len(LETTER) // 2] + "".join(pieces) + LETTER[len(LETTER) // 2:]]
    docs = [Document(f"t{i}.txt", t, "0" * 64, "txt") for i, t in enumerate(texts)]
    outcomes = list(process_documents(docs, _extractor()))
    assert [o.source for o in outcomes] == ["t0.txt", "t1.txt"]
    for o in outcomes:
        assert (o.determination is None) != (o.rejection is None)
        if o.rejection is not None:
            assert o.rejection.reason and "\n" not in o.rejection.reason
