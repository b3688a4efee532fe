"""Scale benchmark: synthetic corpora of several sizes built with 1 and 2 workers.

One command, one JSON and one Markdown table:

    python bench/bench_scale.py --sizes 1000,10000,100000 --workers 1,2 [--data /tmp/imr-scale]

For each size N: writes N synthetic letters (imrgraph synth, every layout) once, then for each
worker count runs `imrgraph build` in a fresh OUT as a subprocess, measuring wall time, peak
resident memory of the whole process tree (sampled every 0.2 s), store size on disk, and the
latency of every bundled query (best of 3). Against each corpus: the tokenisation floor (reading and
tokenising the same texts with `spacy.blank("en")` on one core, the least any build must do), the build's
speed as a ratio of it and of one worker, and the projection to the 1.5M-letter archive (hours at the
2-worker rate, store disk at the measured KB a letter), each checked against its target. The extraction F1 against the synthetic truth is taken
on the first 1,000 letters of the smallest corpus with the shared scorer when it is present
(`--scorer`). Where a letter's time goes: `--stages N` (default 500) runs the build's stages one
after another in this process on N letters of the smallest corpus and gives each stage's CPU
milliseconds a letter: read, parse, extract, map (the RDF quads), serialise (N-Quads and Turtle
bytes), IPC (pickling what a worker sends the writer, both ways) and store (the writer's batches,
its background loads included). Results: bench/results/scale.json and bench/results/scale.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants."""
    total = 0
    pids = [pid]
    while pids:
        p = pids.pop()
        try:
            with open(f"/proc/{p}/status") as f:
                total += next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))
            with open(f"/proc/{p}/task/{p}/children") as f:
                pids += [int(c) for c in f.read().split()]
        except (OSError, StopIteration):
            continue
    return total / 1024


def dir_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


ARCHIVE = 1_500_000
# (name, test, description) of issue targets, checked per corpus size
TARGETS = (
    ("floor_ratio_2_workers", lambda v: v >= 0.6, "2 workers >= 0.6x the one-core floor"),
    ("speedup_2_workers", lambda v: v >= 1.7, "2 workers >= 1.7x one worker"),
    ("peak_rss_mb", lambda v: v < 1536, "peak RSS under 1.5 GB"),
    ("archive_hours", lambda v: v < 1.5, "1.5M letters under 1.5 hours"),
)


def tokenisation_floor(letters: Path) -> float:
    """Letters a second that reading and tokenising the texts with a blank English pipeline takes on one core."""
    import spacy

    nlp = spacy.blank("en")
    paths = sorted(letters.glob("*.txt"))
    started = time.perf_counter()
    for doc in nlp.pipe(p.read_text(encoding="utf-8", errors="replace") for p in paths):
        len(doc)
    return round(len(paths) / (time.perf_counter() - started), 1)


def run_build(letters: Path, out: Path, workers: int) -> dict:
    shutil.rmtree(out, ignore_errors=True)
    cmd = [sys.executable, "-m", "imrgraph", "build", str(letters), "-o", str(out), "--workers", str(workers),
           "--no-html", "--progress", "off"]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            env=dict(os.environ, PYTHONPATH=str(ROOT)))
    peak = 0.0
    samples = []
    while proc.poll() is None:
        rss = tree_rss_mb(proc.pid)
        peak = max(peak, rss)
        samples.append(round(rss))
        time.sleep(0.2)
    seconds = time.perf_counter() - started
    err = proc.stderr.read()
    if proc.returncode != 0:
        raise SystemExit(f"build failed ({proc.returncode}): {err[-2000:]}")
    report = json.loads((out / "report.json").read_text())
    return {"seconds": round(seconds, 1), "letters_per_s": round(report["letters"] / seconds, 1),
            "peak_rss_mb": round(peak), "rss_quartiles_mb": _quartiles(samples),
            "store_mb": round(dir_mb(out / "store"), 1),
            "store_kb_per_letter": round(dir_mb(out / "store") * 1000 / max(1, report["letters"]), 2),
            "letters": report["letters"], "items": report["items"], "triples": report["triples"],
            "rejected": report["rejected"]}


def _quartiles(samples: list[int]) -> list[int]:
    """RSS at 25/50/75/100% of the run: flat memory shows as four similar numbers."""
    if not samples:
        return []
    return [samples[min(len(samples) - 1, len(samples) * q // 4)] for q in (1, 2, 3, 4)]


def query_latencies(store: Path) -> dict[str, float]:
    from imrgraph import api, queries

    graph = api.open_store(store)
    item = graph.select("SELECT ?i WHERE { ?d <https://w3id.org/imrgraph#hasDisputedTreatment> ?i } LIMIT 1")[0]["i"]
    # the parameterised questions are asked as a user asks them: about one drug, one fact
    params = {"determinations-by-drug": {"drug": "klonopin"}, "evidence": {"node": item}}
    out = {}
    for name in queries.names():
        best = None
        for _ in range(3):
            started = time.perf_counter()
            graph.select(api.bundled_query(name), params.get(name))
            elapsed = time.perf_counter() - started
            best = elapsed if best is None else min(best, elapsed)
        out[name] = round(best, 3)
    return out


def extraction_f1(out: Path, letters: Path, scorer: Path | None, limit: int = 1000) -> float | None:
    if scorer is None or not scorer.exists():
        return None
    gold = Path(str(letters) + "-truth")
    shutil.rmtree(gold, ignore_errors=True)
    gold.mkdir()
    wanted = set()
    for truth in sorted(letters.glob("*.json"))[:limit]:
        shutil.copy(truth, gold / truth.name)
        wanted.add(truth.stem)
    pred = gold.with_name(gold.name + "-pred.jsonl")
    with open(out / "extractions.jsonl") as src, open(pred, "w") as dst:
        for line in src:
            if Path(json.loads(line)["source"]).stem in wanted:
                dst.write(line)
    result = subprocess.run([sys.executable, str(scorer), str(pred), str(gold), "--json"], capture_output=True,
                            text=True)
    return json.loads(result.stdout)["overall_f1"]


STAGES = ("read", "parse", "extract", "map", "serialise", "ipc", "store")


def stage_ms(letters: Path, n: int) -> dict[str, float]:
    """CPU milliseconds a letter spends in each stage of a one-worker build (all threads of this process)."""
    import pickle
    import tempfile

    from imrgraph import read
    from imrgraph.build import BuiltLetter
    from imrgraph.extract import Extractor
    from imrgraph.graph import GraphWriter, serialize_letter
    from imrgraph.graph.mapping import triples_for
    from imrgraph.models import ParsedLetter
    from imrgraph.parse import parse

    sources = [s for s in read.discover([letters]) if isinstance(s, read.Source)][:n]
    spent = dict.fromkeys(STAGES, 0.0)
    extractor = Extractor()
    done = 0
    with tempfile.TemporaryDirectory() as tmp:
        writer = GraphWriter(Path(tmp), batch_letters=None)
        clock = time.process_time()

        def lap(stage: str) -> None:
            nonlocal clock
            now = time.process_time()
            spent[stage] += now - clock
            clock = now

        for source in sources:
            document = read.load(source)
            lap("read")
            letter = parse(document)
            lap("parse")
            if not isinstance(letter, ParsedLetter):
                continue
            det = extractor.extract(letter).to_json()
            lap("extract")
            triples_for(det, document.text)
            lap("map")
            rdf = serialize_letter(det, document.text)  # maps again: the map's share is taken off below
            lap("serialise")
            built = BuiltLetter(det["id"], det["format"], det["sha256"], len(det["items"]), bool(det["problems"]),
                                (json.dumps(det, ensure_ascii=False) + "\n").encode("utf-8"), rdf)
            built = pickle.loads(pickle.dumps(built))
            lap("ipc")
            writer.add_serialized(built.id, built.rdf)
            done += 1
            if done % 1000 == 0:
                writer.write_batch()
            lap("store")
        writer.flush()
        lap("store")
        writer.close()
    spent["serialise"] -= spent["map"]
    return {stage: round(1000 * seconds / max(done, 1), 2) for stage, seconds in spent.items()}


def per_size(n: int, runs: list[dict], floor: float) -> dict:
    """Ratios, the archive projection and the targets met for one corpus size."""
    by_w = {r["workers"]: r for r in runs}
    fastest = max(runs, key=lambda r: r["letters_per_s"])
    out = {"floor_letters_per_s": floor,
           "peak_rss_mb": max(r["peak_rss_mb"] for r in runs),
           "store_kb_per_letter": fastest["store_kb_per_letter"],
           "archive_hours": round(ARCHIVE / fastest["letters_per_s"] / 3600, 2),
           "archive_store_gb": round(ARCHIVE * fastest["store_kb_per_letter"] / 1e6, 1)}
    for w, r in by_w.items():
        out[f"floor_ratio_{w}_worker{'s' if w > 1 else ''}"] = round(r["letters_per_s"] / floor, 2)
    if 1 in by_w and 2 in by_w:
        out["speedup_2_workers"] = round(by_w[2]["letters_per_s"] / by_w[1]["letters_per_s"], 2)
    out["targets"] = {text: ok(out[key]) for key, ok, text in TARGETS if key in out}
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--data", type=Path, default=Path("/tmp/imr-scale"))
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--scorer", type=Path, default=ROOT.parent / "shared" / "tools" / "score.py")
    ap.add_argument("--stages", type=int, default=500, metavar="N", help="letters for the per-stage times (0: none)")
    a = ap.parse_args(argv)
    from imrgraph.synth import write_corpus

    sizes = [int(s) for s in a.sizes.split(",")]
    workers = [int(w) for w in a.workers.split(",")]
    rows = []
    result = {"machine": {"cores": os.cpu_count(), "load_average_at_start": os.getloadavg()}, "runs": rows}
    for n in sizes:
        letters = a.data / f"letters-{n}"
        if not (letters.exists() and len(list(letters.glob("*.txt"))) == n):
            shutil.rmtree(letters, ignore_errors=True)
            started = time.perf_counter()
            write_corpus(n, letters, seed=a.seed)
            print(f"wrote {n} letters in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        floor = tokenisation_floor(letters)
        result.setdefault("floor_letters_per_s", {})[n] = floor
        print(f"tokenisation floor of {n} letters: {floor} letters/s", file=sys.stderr)
        for w in workers:
            out = a.data / f"out-{n}-{w}"
            print(f"building {n} letters with {w} worker(s)...", file=sys.stderr)
            row = {"size": n, "workers": w, **run_build(letters, out, w), "load_average": os.getloadavg()[0]}
            row["queries_s"] = query_latencies(out / "store")
            if n == sizes[0] and w == workers[0]:
                result["extraction_f1_synthetic"] = extraction_f1(out, letters, a.scorer)
            rows.append(row)
            print(json.dumps(row), file=sys.stderr)
            if n != sizes[-1] or w != workers[-1]:
                shutil.rmtree(out, ignore_errors=True)
    if a.stages:
        result["stage_ms_per_letter"] = stage_ms(a.data / f"letters-{sizes[0]}", a.stages)
    for n in sizes:
        result.setdefault("per_size", {})[n] = per_size(n, [r for r in rows if r["size"] == n],
                                                        result["floor_letters_per_s"][n])
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "scale.json").write_text(json.dumps(result, indent=2) + "\n")
    (RESULTS / "scale.md").write_text(markdown(result))
    print(markdown(result))
    return 0


def markdown(result: dict) -> str:
    lines = ["| letters | workers | seconds | letters/s | peak RSS MB | RSS quartiles MB | store MB | KB/letter "
             "| slowest query s |", "|---|---|---|---|---|---|---|---|---|"]
    for r in result["runs"]:
        slowest = max(r["queries_s"].items(), key=lambda kv: kv[1])
        lines.append(f"| {r['size']} | {r['workers']} | {r['seconds']} | {r['letters_per_s']} | {r['peak_rss_mb']} "
                     f"| {r['rss_quartiles_mb']} | {r['store_mb']} | {r['store_kb_per_letter']} "
                     f"| {slowest[1]} ({slowest[0]}) |")
    lines += ["", "| letters | floor letters/s | 1 worker / floor | 2 workers / floor | 2 workers / 1 | peak RSS MB "
              "| 1.5M letters: hours | store GB | targets met |", "|---|---|---|---|---|---|---|---|---|"]
    for n, p in result["per_size"].items():
        met = sum(p["targets"].values())
        missed = "; ".join(text for text, ok in p["targets"].items() if not ok)
        lines.append(f"| {n} | {p['floor_letters_per_s']} | {p.get('floor_ratio_1_worker')} "
                     f"| {p.get('floor_ratio_2_workers')} | {p.get('speedup_2_workers')} | {p['peak_rss_mb']} "
                     f"| {p['archive_hours']} | {p['archive_store_gb']} "
                     f"| {met}/{len(p['targets'])}{' (missed: ' + missed + ')' if missed else ''} |")
    lines.append("")
    lines.append(f"extraction F1 on synthetic letters: {result.get('extraction_f1_synthetic')}")
    if "stage_ms_per_letter" in result:
        stages = result["stage_ms_per_letter"]
        lines += ["", "| CPU ms a letter | " + " | ".join(stages) + " |", "|---" * (len(stages) + 1) + "|",
                  "| one worker | " + " | ".join(str(v) for v in stages.values()) + " |"]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
