"""Shared helpers for the graph tests: small extraction dicts written for the tests, and a way to run
the commands in-process exactly as `imrgraph` does (`imrgraph.cli.main`)."""

from __future__ import annotations

import contextlib
import copy
import io
from pathlib import Path

from imrgraph.graph import GraphWriter

SHA = "ab" * 32


def citation(source, document, chapter=None, topic=None, pages=(), edition=None, span=None):
    return {"source": source, "document": document, "chapter": chapter, "topic": topic,
            "pages": list(pages), "edition": edition, "span": span}


def item(text, services, decision, *, medication=None, quantity=None, unit=None, reviewer=(), claims=(),
         limits=(), literature=(), span=(100, 120)):
    return {
        "text": text, "services": list(services), "medication": medication, "quantity": quantity, "unit": unit,
        "frequency": None, "duration": None, "body_regions": [], "decision": decision,
        "medically_necessary": decision == "overturned",
        "claims_administrator_guidelines": list(claims), "reviewer_guidelines": list(reviewer),
        "literature": list(literature), "rationale": f"Reasons about {text}.",
        "guideline_limits": list(limits), "span": list(span),
        "spans": {"decision": [span[1] + 2, span[1] + 8], "rationale": [span[1] + 10, span[1] + 30],
                  "body_regions": []},
    }


def letter(letter_id, items, *, diagnoses=(), medications=(), specialties=("Psychology",), age=50, sex="female"):
    return {
        "id": letter_id, "source": f"letters/{letter_id}.txt", "format": "fdl-2014", "case_number": None,
        "reviewer": {"specialties": list(specialties), "board_certified": True, "licensed_in": ["CA"]},
        "patient": {"age": age, "sex": sex, "occupation": "warehouse clerk", "date_of_injury": "2012-03-04"},
        "diagnoses": list(diagnoses), "medications": list(medications), "prior_treatments": [],
        "body_parts": ["low back"], "items": list(items), "sha256": SHA,
        "spans": {"patient.age": [10, 12], "patient.sex": [13, 19], "reviewer.specialties": [[1, 9]],
                  "reviewer.licensed_in": [[20, 22]], "body_parts": [[30, 38]]},
        "problems": [],
    }


def corpus() -> dict[str, dict]:
    """Three letters written for the tests (not taken from any real letter)."""
    psych = letter("CM-A1", [
        item("Psychotherapy once a week for 20 weeks", ["psychotherapy"], "upheld", quantity=20, unit="session",
             reviewer=[citation("MTUS", "chronic-pain", topic="Behavioral interventions", pages=[23])],
             claims=[citation("ODG", "odg", "Mental Illness and Stress", "Psychotherapy")],
             limits=[{"min": 6, "max": 10, "unit": "visits", "weeks": 6, "text": "up to 6-10 visits",
                      "span": [140, 157]}],
             literature=[{"author": "Otis", "year": 2006, "span": [160, 170]}]),
        item("Clonazepam 1 mg #30", ["medication"], "upheld", quantity=30, unit="tablet",
             medication={"generic": "clonazepam", "strength": "1 mg", "form": "tablet", "text": "Klonopin",
                         "drugbank": "DB01068", "span": [200, 208]},
             reviewer=[citation("MTUS", "chronic-pain", topic="Benzodiazepines", pages=[24])], span=(200, 219)),
    ], diagnoses=[{"text": "generalized anxiety", "icd10cm": "F41.1", "negated": False, "span": [50, 69]},
                  {"text": "PTSD", "icd10cm": "F43.10", "negated": True, "span": [70, 74]}],
        medications=[{"text": "Klonopin", "generic": "clonazepam", "negated": False, "drugbank": "DB01068",
                      "span": [80, 88]}])
    rehab = letter("CM-B2", [
        item("Six sessions of physical therapy", ["physical-therapy"], "overturned", quantity=6, unit="session",
             reviewer=[citation("MTUS", "chronic-pain", topic="Physical medicine", pages=[98, 99])],
             limits=[{"min": 9, "max": 10, "unit": "visits", "weeks": 8, "text": "9-10 visits over 8 weeks",
                      "span": [140, 160]}]),
        item("Norco 10/325 #90", ["medication"], "upheld", quantity=90, unit="tablet",
             medication={"generic": "hydrocodone/acetaminophen", "strength": "10/325 mg", "form": "tablet",
                         "text": "Norco", "drugbank": None, "span": [300, 305]},
             reviewer=[citation("MTUS", "chronic-pain", topic="Opioids", pages=[76, 77, 78])], span=(300, 316)),
    ], diagnoses=[{"text": "lumbago", "icd10cm": "M54.50", "negated": False, "span": [50, 57]}],
        specialties=("Physical Medicine and Rehabilitation",), age=41, sex="male")
    behav = letter("CM-C3", [
        item("Cognitive behavioral therapy x 6", ["cognitive-behavioral-therapy"], "overturned", quantity=6,
             unit="session",
             reviewer=[citation("MTUS", "chronic-pain", topic="Behavioral interventions", pages=[23]),
                       citation("ODG", "odg", "Mental Illness and Stress", "Cognitive therapy", edition="2014-06")]),
    ], diagnoses=[{"text": "major depression", "icd10cm": "F32.9", "negated": False, "span": [50, 66]},
                  {"text": "possible panic disorder", "icd10cm": "F41.0", "negated": False, "uncertain": True,
                   "span": [70, 93]}],
        medications=[{"text": "Xanax", "generic": "alprazolam", "negated": True, "drugbank": None, "span": [95, 100]}])
    return {d["id"]: d for d in (psych, rehab, behav)}


def build(out: Path, letters, batch_letters: int = 2000) -> dict:
    with GraphWriter(out, batch_letters=batch_letters) as writer:
        for d in letters:
            writer.add(copy.deepcopy(d))
    return writer.close()


def command(name: str, argv: list[str]) -> tuple[int, str, str]:
    """Runs `imrgraph NAME ARGV...` in-process; returns (exit code, stdout, stderr)."""
    from imrgraph.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main([name, *argv])
        except SystemExit as exit:  # argparse's usage errors
            code = exit.code
    return code, out.getvalue(), err.getvalue()
