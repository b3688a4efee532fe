"""The `imrgraph` command line as a user meets it: a real subprocess, real files, no tracebacks."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from cli_support import ROOT, imrgraph, start
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imrgraph import __version__
from imrgraph.build import EXAMPLES
from imrgraph.models import Document
from imrgraph.pipeline import process_documents

LETTER_KEYS = {"id", "source", "format", "case_number", "reviewer", "patient", "diagnoses", "medications",
                 "prior_treatments", "body_parts", "items"}
ITEM_KEYS = {"text", "services", "medication", "quantity", "unit", "frequency", "duration", "body_regions", "decision",
             "medically_necessary", "claims_administrator_guidelines", "reviewer_guidelines", "literature",
             "rationale"}


def test_extract_prints_one_contract_object_per_letter(tmp_path):
    letters = sorted(EXAMPLES.glob("*.txt"))
    missing = tmp_path / "missing.txt"
    result = imrgraph("extract", *map(str, letters), str(missing))
    assert result.returncode == 0, result.stderr
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["source"] for o in objects] == [str(p) for p in letters]
    for obj in objects:
        assert LETTER_KEYS <= obj.keys()
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


# --- one exit-code rule, one line per problem -----------------------------------------------------

def test_version():
    result = imrgraph("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"imrgraph {__version__}"


def test_extract_of_a_missing_file_exits_1_with_one_line(tmp_path):
    missing = tmp_path / "nowhere.txt"
    result = imrgraph("extract", str(missing))
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr == f"imrgraph: rejected {missing}: no such file or folder\n"


STORE_COMMANDS = {
    "query": ["SELECT * WHERE { ?s ?p ?o }"], "validate": [], "viz": [], "report": [],
    "export": ["--format", "nt"], "push": ["--endpoint", "http://127.0.0.1:9/store"], "serve": ["--port", "0"],
}


@pytest.mark.parametrize("name", list(STORE_COMMANDS))
def test_no_store_is_the_same_one_line_error_for_every_command(name, tmp_path):
    missing = tmp_path / "out" / "store"
    result = imrgraph(name, *STORE_COMMANDS[name], "--store", str(missing), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == f"imrgraph: no store at {missing}: run `imrgraph build` first\n"
    assert list(tmp_path.iterdir()) == []  # nothing written anywhere


@pytest.mark.parametrize("name", list(STORE_COMMANDS))
def test_store_given_the_build_folder_gets_a_hint(name, examples_out, tmp_path):
    result = imrgraph(name, *STORE_COMMANDS[name], "--store", str(examples_out), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == f"imrgraph: no store at {examples_out}: did you mean {examples_out / 'store'}?\n"


def test_query_says_updates_are_not_allowed_and_changes_nothing(examples_out):
    store = str(examples_out / "store")
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    before = imrgraph("query", count, "--store", store, "--format", "csv").stdout
    for update in ("INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }",
                   "PREFIX x: <urn:x:>\n# a comment\ndelete where { ?s ?p ?o }", "DROP ALL"):
        result = imrgraph("query", update, "--store", store)
        assert result.returncode == 1 and result.stdout == ""
        assert result.stderr.startswith("imrgraph: updates are not allowed") and result.stderr.count("\n") == 1
    after = imrgraph("query", count, "--store", store, "--format", "csv").stdout
    assert before == after and int(after.split()[1]) > 1000


@pytest.mark.parametrize("content", [b"\x00\xff\x10 binary junk", b"this is not turtle at all\n", b""])
def test_validate_with_shapes_that_are_not_turtle_is_one_line(content, examples_out, tmp_path):
    shapes = tmp_path / "shapes.ttl"
    shapes.write_bytes(content)
    result = imrgraph("validate", "--store", str(examples_out / "store"), "--shapes", str(shapes))
    if not content:  # an empty Turtle file is valid: no shapes, so the store conforms
        assert result.returncode == 0 and "0 violations" in result.stdout
        return
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"imrgraph: cannot read the SHACL shapes in {shapes} as Turtle: ")
    assert result.stderr.count("\n") == 1
    missing = imrgraph("validate", "--store", str(examples_out / "store"), "--shapes", str(tmp_path / "none.ttl"))
    assert missing.returncode == 1 and missing.stderr == f"imrgraph: no shapes file at {tmp_path / 'none.ttl'}\n"


def test_viz_and_report_without_o_write_beside_the_store(examples_out, tmp_path):
    out = tmp_path / "built"
    shutil.copytree(examples_out / "store", out / "store")
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    assert imrgraph("viz", "--store", str(out / "store"), cwd=elsewhere).returncode == 0
    assert imrgraph("viz", "--store", str(out / "store"), "--overview", cwd=elsewhere).returncode == 0
    assert imrgraph("report", "--store", str(out / "store"), cwd=elsewhere).returncode == 0
    assert imrgraph("export", "--format", "nt", "--store", str(out / "store"), cwd=elsewhere).returncode == 0
    assert sorted(p.name for p in out.iterdir()) == ["export.nt", "graph.html", "report.html", "store"]
    assert "vis.Network" in (out / "graph.html").read_text(encoding="utf-8")
    assert list(elsewhere.iterdir()) == []


def test_synth_and_build_take_progress_in_the_same_form(tmp_path):
    shown = imrgraph("synth", "30", "-o", str(tmp_path / "letters"), "--progress", "on")
    assert shown.returncode == 0 and "30/30" in shown.stderr
    quiet = imrgraph("synth", "3", "-o", str(tmp_path / "more"), "--progress", "off")
    assert quiet.returncode == 0 and quiet.stderr == ""
    for name, args in (("synth", ["3", "-o", str(tmp_path / "x")]), ("build", ["-o", str(tmp_path / "o")])):
        bad = imrgraph(name, *args, "--progress", "maybe")
        assert bad.returncode == 2 and "choose from 'auto', 'on', 'off'" in bad.stderr
    built = imrgraph("build", str(tmp_path / "more"), "-o", str(tmp_path / "o"), "--workers", "1", "--no-html",
                     "--progress", "on", "--strict")
    assert built.returncode == 0 and "3/3" in built.stderr  # the truth files beside the letters are no inputs
    assert json.loads((tmp_path / "o" / "report.json").read_text())["rejected"] == 0


def test_ctrl_c_during_a_build_says_how_to_continue(tmp_path):
    assert imrgraph("synth", "1000", "-o", str(tmp_path / "letters"), "--progress", "off").returncode == 0
    out = tmp_path / "out"
    build = start("build", str(tmp_path / "letters"), "-o", str(out), "--workers", "1", "--no-html",
                  "--progress", "off", stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while build.poll() is None and time.monotonic() < deadline and (
            not (out / "extractions.jsonl").exists() or (out / "extractions.jsonl").stat().st_size == 0):
        time.sleep(0.05)  # wait for letters being read, still long before the first commit (1,000 letters or 30 s)
    time.sleep(1)
    build.send_signal(signal.SIGINT)
    _, err = build.communicate(timeout=120)
    assert build.returncode == 130, err
    assert err.splitlines()[-1] == (
        f"imrgraph: interrupted: the letters read so far are kept; `imrgraph build --resume -o {out}` continues with "
        f"the same inputs and reads only the letters not yet in the graph")
    assert "Traceback" not in err
    assert not (out / "report.json").exists()  # no report of a finished build
    kept = len((out / "extractions.jsonl").read_text().splitlines())
    assert 0 < kept < 1000
    resumed = imrgraph("build", "--resume", "-o", str(out), "--workers", "1", "--no-html", "--progress", "off")
    assert resumed.returncode == 0, resumed.stderr
    report = json.loads((out / "report.json").read_text())
    assert report["unchanged"] == kept and report["letters"] == 1000


def test_an_interrupted_fresh_build_leaves_no_report_of_a_finished_one(tmp_path):
    out = tmp_path / "out"
    assert imrgraph("build", "-o", str(out), "--workers", "1", "--progress", "off").returncode == 0
    assert (out / "report.json").exists() and (out / "graph.html").exists()
    assert imrgraph("synth", "300", "-o", str(tmp_path / "letters"), "--progress", "off").returncode == 0
    build = start("build", str(tmp_path / "letters"), "-o", str(out), "--fresh", "--workers", "1", "--progress", "off",
                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while (out / "report.json").exists() and build.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    build.send_signal(signal.SIGINT)
    _, err = build.communicate(timeout=120)
    assert build.returncode == 130, err
    assert not any((out / name).exists() for name in ("report.json", "graph.html", "report.html"))


def test_nothing_to_read_is_one_line_and_writes_nothing(tmp_path):
    (tmp_path / "empty").mkdir()
    for path in (tmp_path / "missing", tmp_path / "empty"):
        result = imrgraph("build", str(path), "-o", str(tmp_path / "out"))
        assert result.returncode == 1 and result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
        assert result.stderr.startswith(f"imrgraph: nothing to read: {path}: ")
    assert not (tmp_path / "out").exists()
    for args in (["-o", "/dev/null/out"], ["--workers", "many"], ["--letter-timeout", "0"], ["--commit-every", "-1"]):
        result = imrgraph("build", *args)
        assert result.returncode in (1, 2) and "Traceback" not in result.stderr
        assert len([x for x in result.stderr.splitlines() if x.startswith("imrgraph")]) == 1, result.stderr


def test_a_reader_that_goes_away_is_no_error():
    letters = sorted((ROOT / "tests" / "fixtures" / "letters").glob("*.txt"))
    extract = start("extract", *map(str, letters), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert extract.stdout.read(10) == b'{"id": "CM'
    extract.stdout.close()  # like `| head -c 10`
    err = extract.stderr.read().decode()
    assert extract.wait(timeout=120) == 0 and err == ""
