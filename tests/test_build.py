"""`imrgraph build` end to end on our own letters: outputs, bad input, incremental, parallel, resume."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph

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
    src = _letters(tmp_path / "in", ["fdl-2014", "fdl-2014-header", "fdl-2014-documents", "notice-2013", "mpr"])
    one = build([str(src)], tmp_path / "one", workers=1, html=False)
    two = build([str(src)], tmp_path / "two", workers=2, html=False)
    assert one["triples"] == two["triples"]
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

