"""`imrgraph build` end to end on our own letters: outputs, bad input, incremental, parallel, resume."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph
from cli_support import command, environment, imrgraph, start

from imrgraph.build import EXAMPLES, build

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
IMR = "https://w3id.org/imrgraph#"


def sorted_nquads(store_dir: Path) -> list[str]:
    store = pyoxigraph.Store.read_only(str(store_dir))
    return sorted(str(q) for q in store.quads_for_pattern(None, None, None, None))


def lines(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def test_bundled_examples_build_every_output(tmp_path):
    out = tmp_path / "out"
    summary = build([], out, workers=1)  # the main job: explorer and report too
    report = json.loads((out / "report.json").read_text())
    assert "CM13-" in (out / "graph.html").read_text(encoding="utf-8")  # a case number among the nodes
    assert "overturn rate by DWC" in (out / "report.html").read_text(encoding="utf-8")
    assert report == summary
    assert report["inputs"] == report["letters"] + report["rejected"] == 5
    assert report["rejected"] == 0
    assert set(report["formats"]) == {"fdl-2014", "fdl-2014-header", "fdl-2014-documents", "notice-2013", "mpr"}
    extractions = lines(out / "extractions.jsonl")
    assert len(extractions) == 5 and sum(len(d["items"]) for d in extractions) == report["items"] > 5
    for det in extractions:
        for item in det["items"]:
            assert item["decision"] in ("upheld", "overturned")
            assert item["medically_necessary"] == (item["decision"] == "overturned")
    # graph.ttl is the store's union graph and parses
    parsed = list(pyoxigraph.parse(path=str(out / "graph.ttl"), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(set(parsed)) == report["triples"]
    store = pyoxigraph.Store.read_only(str(out / "store"))
    count = store.query(f"SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE {{ GRAPH ?g {{ ?d a <{IMR}Determination> }} }}")
    assert int(next(iter(count))["n"].value) == 5


def _bad_inputs(folder: Path) -> dict[str, str]:
    """name -> a word the rejection reason must contain."""
    from fpdf import FPDF

    folder.mkdir()
    shutil.copy(EXAMPLES / "example_fdl-2014.txt", folder / "good.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_text("   \n\n \t \n")
    (folder / "junk.txt").write_bytes(bytes(range(256)) * 40)
    shutil.copy(FIXTURES / "bad" / "not_a_letter.txt", folder / "memo.txt")
    shutil.copy(FIXTURES / "bad" / "truncated_letter.txt", folder / "truncated.txt")
    (folder / "notes.docx").write_bytes(b"PK\x03\x04 not really")
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")  # ink but no text layer, like a scan
    pdf.output(str(folder / "scanned.pdf"))
    (folder / "cut.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\nendobj\n")
    with open(folder / "huge.txt", "wb") as f:
        f.truncate(1 << 30)  # sparse: a 1 GB file that uses no disk
    return {"empty.txt": "empty", "blank.txt": "empty", "junk.txt": "binary", "memo.txt": "not an imr",
            "truncated.txt": "truncated", "notes.docx": "unsupported", "scanned.pdf": "text layer",
            "cut.pdf": "pdf", "huge.txt": "too large"}


def test_bad_inputs_each_get_one_line_and_the_batch_goes_on(tmp_path):
    expected = _bad_inputs(tmp_path / "in")
    out = tmp_path / "out"
    started = time.monotonic()
    summary = build([str(tmp_path / "in")], out, workers=1, html=False)
    assert time.monotonic() - started < 120  # the 1 GB file is not read
    rejected = {Path(r["source"]).name: r["reason"] for r in lines(out / "rejected.jsonl")}
    assert set(rejected) == set(expected)
    for name, word in expected.items():
        assert word in rejected[name].lower(), (name, rejected[name])
        assert "\n" not in rejected[name] and "Traceback" not in rejected[name]
    assert summary["letters"] == 1 and summary["inputs"] == summary["letters"] + summary["rejected"]
    assert [d["source"] for d in lines(out / "extractions.jsonl")] == [str(tmp_path / "in" / "good.txt")]


def test_exit_codes_and_messages(tmp_path, capsys):
    _bad_inputs(tmp_path / "in")
    args = ["build", str(tmp_path / "in"), "-o", str(tmp_path / "o1"), "--workers", "1", "--no-html"]
    from imrgraph.cli import main

    assert main(args) == 0
    assert main(args + ["--strict"]) == 1
    (tmp_path / "in" / "good.txt").unlink()
    assert main(["build", str(tmp_path / "in"), "-o", str(tmp_path / "o2"), "--workers", "1", "--no-html"]) == 1
    err = capsys.readouterr().err
    assert "0 letters" in err and "Traceback" not in err
    assert main(["build", "--resume", "-o", str(tmp_path / "nothing-here"), "--no-html"]) == 1
    assert "nothing to resume" in capsys.readouterr().err


def _letters(folder: Path, names: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(EXAMPLES / f"example_{name}.txt", folder / f"{name}.txt")
    return folder


def test_an_out_built_by_another_imrgraph_is_built_again_from_every_input(tmp_path, monkeypatch):
    """Unchanged inputs are not read again only while imrgraph is the same: after an upgrade (other code or
    vocabularies) every input is read again, with one warning, and OUT holds only the new extractions."""
    src = _letters(tmp_path / "in", ["fdl-2014", "mpr"])
    out = tmp_path / "out"
    build([str(src)], out, workers=1, html=False)
    warnings: list[str] = []
    same = build([str(src)], out, workers=1, html=False, warn=warnings.append)
    assert (same["processed"], same["unchanged"], warnings) == (0, 2, [])
    monkeypatch.setattr("imrgraph.build.extractor_version", lambda: "another")
    again = build([str(src)], out, workers=1, html=False, warn=warnings.append)
    assert (again["processed"], again["unchanged"], again["letters"]) == (2, 0, 2)
    assert len(warnings) == 1 and "another version of imrgraph" in warnings[0]
    assert len(lines(out / "extractions.jsonl")) == 2


def test_incremental_rebuild_matches_a_fresh_build(tmp_path):
    src = _letters(tmp_path / "in", ["fdl-2014", "notice-2013", "mpr"])
    shutil.copy(FIXTURES / "bad" / "one_bad_item.txt", src / "one_bad_item.txt")  # kept, with a problem
    out = tmp_path / "out"
    first = build([str(src)], out, workers=1, html=False)
    assert (first["processed"], first["letters_with_problems"]) == (4, 1)
    again = build([str(src)], out, workers=1, html=False)
    assert (again["processed"], again["unchanged"], again["letters"]) == (0, 4, 4)
    assert {k: again[k] for k in ("items", "letters_with_problems", "formats")} == \
        {k: first[k] for k in ("items", "letters_with_problems", "formats")}
    # change one letter, drop another
    changed = src / "mpr.txt"
    changed.write_text(changed.read_text() + "\nThis determination is final.\n")
    (src / "notice-2013.txt").unlink()
    third = build([str(src)], out, workers=1, html=False)
    assert (third["processed"], third["unchanged"], third["removed"], third["letters"]) == (1, 2, 1, 3)
    fresh = tmp_path / "fresh"
    build([str(src)], fresh, workers=1, html=False)
    assert sorted_nquads(out / "store") == sorted_nquads(fresh / "store")
    key = lambda d: (d["source"], d["sha256"])  # noqa: E731
    assert sorted(map(key, lines(out / "extractions.jsonl"))) == sorted(map(key, lines(fresh / "extractions.jsonl")))


def test_two_workers_give_the_same_graph_as_one(tmp_path):
    from imrgraph.synth import write_corpus

    src = _letters(tmp_path / "in", ["fdl-2014", "fdl-2014-header", "fdl-2014-documents", "notice-2013", "mpr"])
    write_corpus(40, src / "synth", seed=4)  # enough letters for two workers (one per 16 letters at most)
    one = build([str(src)], tmp_path / "one", workers=1, html=False)
    two = build([str(src)], tmp_path / "two", workers=2, html=False)
    assert two["workers"] == 2 and one["triples"] == two["triples"]
    assert sorted_nquads(tmp_path / "one" / "store") == sorted_nquads(tmp_path / "two" / "store")
    assert lines(tmp_path / "one" / "extractions.jsonl") == lines(tmp_path / "two" / "extractions.jsonl")


def test_killed_build_resumes_to_the_same_triples(tmp_path):
    from imrgraph.synth import write_corpus

    src = tmp_path / "letters"
    write_corpus(240, src, seed=11)
    for truth in src.glob("*.json"):
        truth.unlink()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    cmd = [sys.executable, "-m", "imrgraph", "build", str(src), "-o", str(tmp_path / "killed"), "--workers", "1",
           "--no-html", "--progress", "off", "--commit-every", "20"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    extractions = tmp_path / "killed" / "extractions.jsonl"
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and proc.poll() is None:
        if extractions.exists() and extractions.stat().st_size > 0:
            time.sleep(0.5)  # let it get into the middle of a batch
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the build finished before it could be killed: use more letters"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    done_before = len(lines(extractions))
    assert 0 < done_before < 240
    resumed = subprocess.run([sys.executable, "-m", "imrgraph", "build", "--resume", "-o", str(tmp_path / "killed"),
                              "--workers", "1", "--no-html", "--progress", "off"], env=env, capture_output=True,
                             text=True, timeout=600)
    assert resumed.returncode == 0, resumed.stderr
    assert "was interrupted" in resumed.stderr
    assert not (tmp_path / "killed" / "graph.ttl.partial").exists()
    report = json.loads((tmp_path / "killed" / "report.json").read_text())
    # at most two batches are redone: the one the store was writing and the one gathering
    assert report["unchanged"] >= done_before - 2 * 20 and report["letters"] == 240
    whole = build([str(src)], tmp_path / "whole", workers=1, html=False)
    assert report["triples"] == whole["triples"]
    assert sorted_nquads(tmp_path / "killed" / "store") == sorted_nquads(tmp_path / "whole" / "store")
    assert sorted(json.dumps(d, sort_keys=True) for d in lines(extractions)) == \
        sorted(json.dumps(d, sort_keys=True) for d in lines(tmp_path / "whole" / "extractions.jsonl"))



def store_letters(out: Path) -> set[str]:
    """The case numbers of the determinations in OUT's store."""
    store = pyoxigraph.Store.read_only(str(out / "store"))
    rows = store.query(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?d a <{IMR}Determination> }} }}")
    return {row["g"].value.rsplit("/", 1)[-1] for row in rows}


def test_two_inputs_of_one_letter_keep_one_and_name_it_and_removing_either_loses_nothing(tmp_path):
    src = _letters(tmp_path / "in", ["notice-2013", "mpr"])
    shutil.copy(src / "notice-2013.txt", src / "notice-2013-copy.txt")  # the same text
    edited = src / "notice-2013-edited.txt"  # the same case number, another text
    edited.write_text((src / "notice-2013.txt").read_text() + "\nThis determination is final.\n")
    out = tmp_path / "out"
    first = build([str(src)], out, workers=1, html=False)
    assert (first["letters"], first["rejected"], first["inputs"]) == (2, 2, 4)
    rejected = {Path(r["source"]).name: r["reason"] for r in lines(out / "rejected.jsonl")}
    kept = str(src / "notice-2013-copy.txt")  # sorted order: the first of the three is kept
    assert rejected == {
        "notice-2013-edited.txt": f"duplicate letter: the same case number {_case(out, kept)} as {kept}, which is in "
                                  "the graph",
        "notice-2013.txt": f"duplicate letter: the same text as {kept}, which is in the graph"}
    assert len(store_letters(out)) == 2 and len(lines(out / "extractions.jsonl")) == 2
    (src / "notice-2013-copy.txt").unlink()  # the kept one goes: the next in line takes its place
    second = build([str(src)], out, workers=1, html=False)
    assert (second["letters"], second["rejected"]) == (2, 1)
    assert len(store_letters(out)) == 2
    assert sorted(d["source"] for d in lines(out / "extractions.jsonl")) == [str(src / "mpr.txt"),
                                                                              str(src / "notice-2013-edited.txt")]
    (src / "notice-2013.txt").unlink()  # the duplicate goes: the kept letter stays
    third = build([str(src)], out, workers=1, html=False)
    assert (third["letters"], third["rejected"], third["removed"]) == (2, 0, 1)
    assert len(store_letters(out)) == 2
    fresh = build([str(src)], tmp_path / "fresh", workers=1, html=False)
    assert fresh["triples"] == third["triples"]
    assert sorted_nquads(out / "store") == sorted_nquads(tmp_path / "fresh" / "store")


def _case(out: Path, source: str) -> str:
    return next(d["case_number"] for d in lines(out / "extractions.jsonl") if d["source"] == source)


def test_one_folder_by_absolute_then_relative_path_keeps_every_letter(tmp_path, monkeypatch):
    src = _letters(tmp_path / "in", ["fdl-2014", "notice-2013", "mpr"])
    out = tmp_path / "out"
    build([str(src)], out, workers=1, html=False)
    monkeypatch.chdir(tmp_path)
    again = build(["in"], out, workers=1, html=False)
    assert (again["letters"], again["rejected"], again["removed"]) == (3, 0, 3)
    build(["in"], tmp_path / "fresh", workers=1, html=False)
    assert len(store_letters(out)) == 3 and sorted_nquads(out / "store") == sorted_nquads(tmp_path / "fresh" / "store")
    assert sorted(d["source"] for d in lines(out / "extractions.jsonl")) == \
        [os.path.join("in", n) for n in ("fdl-2014.txt", "mpr.txt", "notice-2013.txt")]
    report = json.loads((out / "report.json").read_text())
    assert report["letters"] == 3


def _slow_letter(path: Path) -> Path:
    """A real letter whose case summary runs to 900 KB: seconds to read, where a letter takes ~0.05 s."""
    text = (EXAMPLES / "example_notice-2013.txt").read_text(encoding="utf-8")
    at = text.find("\n", text.lower().find("case summary"))
    line = "The employee reports low back pain radiating to the left leg; she takes Norco 10/325 and gabapentin.\n"
    path.write_text(text[:at] + "\n" + line * (900_000 // len(line)) + text[at:], encoding="utf-8")
    return path


def test_a_letter_over_the_time_limit_is_rejected_with_its_reason_and_the_build_goes_on(tmp_path):
    src = _letters(tmp_path / "in", ["fdl-2014", "mpr"])
    _slow_letter(src / "long-summary.txt")
    out = tmp_path / "out"
    started = time.monotonic()
    result = imrgraph("build", str(src), "-o", str(out), "--workers", "1", "--no-html", "--letter-timeout", "1")
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started < 120
    report = json.loads((out / "report.json").read_text())
    assert (report["letters"], report["rejected"]) == (2, 1)
    assert lines(out / "rejected.jsonl") == [{"source": str(src / "long-summary.txt"), "reason":
                                              "took longer than 1 s to read (the limit per letter): left out so the "
                                              "other letters go on"}]
    extracted = imrgraph("extract", str(src / "long-summary.txt"), str(src / "mpr.txt"), "--letter-timeout", "1")
    assert extracted.returncode == 0 and len(extracted.stdout.splitlines()) == 1
    assert "took longer than 1 s" in extracted.stderr and "Traceback" not in extracted.stderr


def test_a_second_build_into_the_same_out_stops_in_one_line_and_the_first_finishes_whole(tmp_path):
    from imrgraph.synth import write_corpus

    src = tmp_path / "letters"
    write_corpus(300, src, seed=5)
    out = tmp_path / "out"
    first = start("build", str(src), "-o", str(out), "--workers", "1", "--no-html", "--progress", "off",
                  "--commit-every", "20", stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 240
    while not (out / "extractions.jsonl").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    second = imrgraph("build", str(src), "-o", str(out), "--workers", "1", "--no-html", "--fresh")
    assert first.poll() is None, "the first build finished before the second started: use more letters"
    assert second.returncode == 1 and second.stderr.count("\n") == 1, second.stderr
    assert f"{out} is being built by process {first.pid}" in second.stderr
    _, err = first.communicate(timeout=600)
    assert first.returncode == 0, err
    report = json.loads((out / "report.json").read_text())
    assert report["letters"] == 300 and len(lines(out / "extractions.jsonl")) == 300
    assert b"\0" not in (out / "rejected.jsonl").read_bytes() and lines(out / "rejected.jsonl") == []


def test_a_letter_of_one_megabyte_lines_is_rejected_with_a_readable_reason(tmp_path):
    src = _letters(tmp_path / "in", ["mpr"])
    text = (EXAMPLES / "example_fdl-2014.txt").read_text(encoding="utf-8")
    at = text.find("CLINICAL CASE SUMMARY")
    (src / "wide.txt").write_text(text[:at] + "pain " * 220_000 + "\n" + text[at:], encoding="utf-8")
    out = tmp_path / "out"
    summary = build([str(src)], out, workers=1, html=False)
    assert (summary["letters"], summary["rejected"]) == (1, 1)
    reason = lines(out / "rejected.jsonl")[0]["reason"]
    assert reason.startswith("too long for a letter: ") and "(limit 1,000,000)" in reason and len(reason) < 100


def test_letters_cut_short_that_still_build_carry_a_problem(tmp_path):
    import random

    shuffle = random.Random(3)
    src = tmp_path / "cut"
    src.mkdir()
    letters = sorted(EXAMPLES.glob("*.txt")) + sorted((FIXTURES / "letters").glob("*.txt"))
    for path in letters:
        text = path.read_text(encoding="utf-8")
        for n in range(4):
            at = shuffle.randrange(len(text) // 3, len(text) - 2)
            while not text[at - 1].isalnum():  # a cut after a full stop looks like an ending: not this test's case
                at -= 1
            (src / f"{path.stem}-{n}.txt").write_text(text[:at], encoding="utf-8")
    out = tmp_path / "out"
    summary = build([str(src)], out, workers=1, html=False)
    built = lines(out / "extractions.jsonl")
    assert len(built) > len(letters)  # most cuts still make a letter
    assert [d["source"] for d in built if not d["problems"]] == []
    assert summary["letters_with_problems"] == summary["letters"]
    whole = build([str(EXAMPLES), str(FIXTURES / "letters")], tmp_path / "whole", workers=1, html=False)
    assert whole["letters_with_problems"] == sum(1 for d in lines(tmp_path / "whole" / "extractions.jsonl")
                                                 if any("cut short" not in p for p in d["problems"]))


def test_a_disk_that_fills_up_stops_the_build_in_one_line_and_a_resume_finishes_it(tmp_path):
    import resource

    from imrgraph.synth import write_corpus

    src = tmp_path / "letters"
    write_corpus(200, src, seed=8)
    out = tmp_path / "out"

    def small_disk() -> None:  # no file may grow past 4 MB: graph.ttl outgrows it after ~160 letters
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4 << 20, 4 << 20))

    args = ["build", str(src), "-o", str(out), "--workers", "1", "--no-html", "--progress", "off", "--commit-every", "20"]
    full = subprocess.run([*command(), *args], env=environment(), capture_output=True, text=True, timeout=600,
                          preexec_fn=small_disk)
    assert full.returncode == 1 and "Traceback" not in full.stderr, full.stderr
    last = full.stderr.splitlines()[-1]
    assert last.startswith(f"imrgraph: cannot write to {out}") and "File too large" in last, full.stderr
    assert "the letters committed so far are kept" in last
    resumed = imrgraph("build", "--resume", "-o", str(out), "--workers", "1", "--no-html", "--progress", "off")
    assert resumed.returncode == 0, resumed.stderr
    report = json.loads((out / "report.json").read_text())
    assert report["letters"] == 200 and report["unchanged"] > 0
    whole = build([str(src)], tmp_path / "whole", workers=1, html=False)
    assert report["triples"] == whole["triples"]
    assert sorted_nquads(out / "store") == sorted_nquads(tmp_path / "whole" / "store")
    assert sorted(map(json.dumps, lines(out / "extractions.jsonl"))) == \
        sorted(map(json.dumps, lines(tmp_path / "whole" / "extractions.jsonl")))


def test_few_letters_use_one_worker_whatever_the_default(tmp_path):
    src = _letters(tmp_path / "in", ["fdl-2014", "fdl-2014-header", "fdl-2014-documents", "notice-2013", "mpr"])
    assert build([str(src)], tmp_path / "five", workers=2, html=False)["workers"] == 1


def test_graph_ttl_spells_each_decimal_the_one_canonical_way_in_fresh_and_incremental_builds(tmp_path):
    src = _letters(tmp_path / "in", ["fdl-2014", "notice-2013", "mpr"])
    out = tmp_path / "out"
    build([str(src)], out, workers=1, html=False)
    (src / "mpr.txt").write_text((src / "mpr.txt").read_text() + "\n")
    build([str(src)], out, workers=1, html=False)  # a replaced letter: graph.ttl written from the store
    again = (out / "graph.ttl").read_text(encoding="utf-8")
    build([str(src)], tmp_path / "fresh", workers=1, html=False)  # graph.ttl streamed as the letters arrive
    fresh = (tmp_path / "fresh" / "graph.ttl").read_text(encoding="utf-8")
    decimal = "http://www.w3.org/2001/XMLSchema#decimal"
    canonical = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d*[1-9])?")  # XSD 1.1: 6, 0.5, 12.25; never 6.0, 6.00 or 06
    for text in (fresh, again):
        values = [t.object.value for t in pyoxigraph.parse(text.encode(), format=pyoxigraph.RdfFormat.TURTLE)
                  if isinstance(t.object, pyoxigraph.Literal) and t.object.datatype.value == decimal]
        assert values and all(canonical.fullmatch(v) for v in values), values
    parse = lambda text: set(pyoxigraph.parse(text.encode(), format=pyoxigraph.RdfFormat.TURTLE))  # noqa: E731
    assert parse(fresh) == parse(again)
