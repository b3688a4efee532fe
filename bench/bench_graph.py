"""Graph build and query benchmark on synthetic extractions.

    python bench/bench_graph.py 10000 100000 [--rdflib-at 10000] [--out DIR]

Per size (each in a fresh subprocess, so peak memory is that size's own): build throughput
(letters/s through GraphWriter, graph.ttl included), store size on disk, peak RSS, and the latency
of every bundled query through imrgraph.api (best of 3, rows converted to Python; wall and CPU
seconds, CPU being the steadier number on a shared machine). At --rdflib-at letters it also loads
the same triples into plain in-memory rdflib and times the aggregate query there, as a ratio.
Uses imrgraph.synth when it exists, else the small generator below. Writes
bench/results/graph.json and prints a Markdown table; the load average is recorded with each size.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SERVICES = ["psychotherapy", "cognitive-behavioral-therapy", "biofeedback", "psychological-treatment",
            "acupuncture", "medication-management", "medication", "chiropractic", "physical-therapy",
            "aquatic-therapy", "trigger-point-injection", "epidural-steroid-injection", "office-visit",
            "imaging", "drug-testing", "home-health", "functional-restoration-program",
            "durable-medical-equipment", "surgery"]
DRUGS = [("clonazepam", "Klonopin"), ("hydrocodone/acetaminophen", "Norco"), ("cyclobenzaprine", "Fexmid"),
         ("carisoprodol", "Soma"), ("tramadol", "Ultram"), ("pregabalin", "Lyrica"), ("duloxetine", "Cymbalta"),
         ("gabapentin", "Neurontin"), ("omeprazole", "Prilosec"), ("zolpidem", "Ambien")]
CODES = ["F41.1", "F32.9", "F43.10", "F41.0", "M54.50", "M54.16", "G89.4", "M79.10", "G57.00", "M25.561",
         "M54.2", "S39.012A", "M51.26", "F45.42", "M75.100"]
SPECIALTIES = ["Psychology", "Occupational Medicine", "Family Practice", "Orthopaedic Surgery",
               "Physical Medicine and Rehabilitation", "Anesthesiology", "Pain Medicine", "Psychiatry"]
DOCS = [("MTUS", "chronic-pain", None), ("MTUS", "acoem", "12"), ("MTUS", "acoem", "8"),
        ("MTUS", "acupuncture", None), ("ODG", "odg", "Pain"), ("ODG", "odg", "Mental Illness and Stress"),
        ("ODG", "odg", "Low Back")]


def synthetic(n: int, seed: int):
    """n extraction dicts (CONTRACT section 2 + spans) with realistic shares: ~12% overturned."""
    rng = random.Random(seed)
    for i in range(n):
        items = []
        for k in range(rng.choice([1, 1, 1, 2, 2, 3])):
            service = rng.choice(SERVICES)
            med = None
            if service == "medication":
                generic, brand = rng.choice(DRUGS)
                med = {"generic": generic, "strength": "10 mg", "form": "tablet", "text": brand,
                       "drugbank": None, "span": [900 + k * 100, 905 + k * 100]}
            decision = "overturned" if rng.random() < 0.12 else "upheld"

            def cite(count):
                out = []
                for _ in range(count):
                    source, document, chapter = rng.choice(DOCS)
                    pages = [rng.randint(1, 130)] if document == "chronic-pain" else []
                    out.append({"source": source, "document": document, "chapter": chapter, "topic": "Topic",
                                "pages": pages, "edition": None, "span": [700, 760]})
                return out

            quantity = rng.choice([6, 8, 12, 20, 24, 30, 60, 90])
            limits = ([{"min": 6, "max": rng.choice([6, 10, 20]), "unit": "visits", "weeks": 6,
                        "text": "up to 6-10 visits", "span": [800, 817]}] if rng.random() < 0.3 else [])
            items.append({
                "text": f"{service} x {quantity}", "services": [service], "medication": med,
                "quantity": quantity, "unit": "tablet" if med else "session", "frequency": None, "duration": None,
                "body_regions": ["lumbar"], "decision": decision, "medically_necessary": decision == "overturned",
                "claims_administrator_guidelines": cite(rng.randint(1, 2)), "reviewer_guidelines": cite(rng.randint(1, 3)),
                "literature": [], "rationale": "Synthetic rationale for the benchmark, about two lines long. " * 3,
                "guideline_limits": limits, "span": [600 + k * 300, 640 + k * 300],
                "spans": {"decision": [642, 648], "rationale": [650, 900], "body_regions": [[620, 626]]},
            })
        dx = [{"text": "dx", "icd10cm": c, "negated": rng.random() < 0.05, "span": [300 + j * 20, 310 + j * 20]}
              for j, c in enumerate(rng.sample(CODES, rng.randint(0, 3)))]
        meds = [{"text": b, "generic": g, "negated": False, "drugbank": None, "span": [400 + j * 20, 408 + j * 20]}
                for j, (g, b) in enumerate(rng.sample(DRUGS, rng.randint(0, 2)))]
        yield {
            "id": f"CM{seed}-{i:07d}", "source": f"synthetic/{i}.txt", "format": "fdl-2014", "case_number": None,
            "reviewer": {"specialties": [rng.choice(SPECIALTIES)], "board_certified": True, "licensed_in": ["CA"]},
            "patient": {"age": rng.randint(20, 70), "sex": rng.choice(["male", "female"]), "occupation": "clerk",
                        "date_of_injury": "2013-05-09"},
            "diagnoses": dx, "medications": meds, "prior_treatments": [], "body_parts": ["low back"],
            "items": items, "sha256": f"{i:064x}",
            "spans": {"patient.age": [10, 12], "patient.sex": [13, 17], "reviewer.specialties": [[20, 30]],
                      "reviewer.licensed_in": [[31, 33]], "body_parts": [[40, 48]]},
        }


def extractions(n: int, seed: int):
    try:
        from imrgraph import synth
    except ImportError:
        yield from synthetic(n, seed)
        return
    for _id, _text, truth in synth.generate(n, seed):
        truth.setdefault("sha256", "0" * 64)
        yield truth


RESULTS = Path(__file__).resolve().parent / "results" / "graph.json"
PARAMS = {"determinations-by-drug": {"drug": "klonopin"}}
# the aggregate compared with rdflib: as a plain basic graph pattern, and in the form the bundled
# queries use (each triple pattern its own sub-SELECT, outcomes counted per group; docs/GRAPH.md)
AGGREGATE = """PREFIX imr: <https://w3id.org/imrgraph#>
SELECT ?service (COUNT(?item) AS ?items) (SUM(IF(?o = imr:Overturned, 1, 0)) AS ?overturned)
WHERE { ?item imr:requestsService ?service ; imr:outcome ?o } GROUP BY ?service"""
AGGREGATE_BUNDLED_FORM = """PREFIX imr: <https://w3id.org/imrgraph#>
SELECT ?service (SUM(?n) AS ?items) (SUM(IF(?o = imr:Overturned, ?n, 0)) AS ?overturned)
WHERE { { SELECT ?service ?o (COUNT(*) AS ?n)
          WHERE { { SELECT ?item ?service WHERE { ?item imr:requestsService ?service } }
                  { SELECT ?item ?o WHERE { ?item imr:outcome ?o } } }
          GROUP BY ?service ?o } }
GROUP BY ?service"""


def best_of(runs: int, fn) -> dict:
    """Fastest wall and fastest CPU time of `runs` calls of fn(), and fn's last result."""
    wall = cpu = float("inf")
    result = None
    for _ in range(runs):
        w, c = time.perf_counter(), time.process_time()
        result = fn()
        wall, cpu = min(wall, time.perf_counter() - w), min(cpu, time.process_time() - c)
    return {"wall": round(wall, 4), "cpu": round(cpu, 4), "result": result}


def time_queries(store_dir: Path) -> dict:
    from imrgraph import api
    from imrgraph.query import bundled

    g = api.open_store(store_dir)
    with_evidence = g.select("SELECT ?n WHERE { ?n imr:evidence ?e } LIMIT 1")
    params = dict(PARAMS, evidence={"node": with_evidence[0]["n"]} if with_evidence else {})
    out = {}
    for name, path in bundled().items():
        text = path.read_text()
        timing = best_of(3, lambda text=text, name=name: len(g.select(text, params.get(name))))
        out[name] = {"seconds": timing["wall"], "cpu_seconds": timing["cpu"], "rows": timing["result"]}
    return out


def peak_rss_mb() -> float:
    # VmHWM of this process (ru_maxrss would carry the parent's peak across fork+exec)
    with open("/proc/self/status") as f:
        return round(int(re.search(r"VmHWM:\s+(\d+)", f.read()).group(1)) / 1024, 1)


def one_size(n: int, out: Path, rdflib_compare: bool) -> dict:
    from imrgraph.graph import GraphWriter

    shutil.rmtree(out, ignore_errors=True)
    load_before = os.getloadavg()[0]
    build_s = 0.0  # GraphWriter time only: generating the synthetic letters is not the graph's cost
    source = extractions(n, seed=n)
    writer = GraphWriter(out)
    while True:
        d = next(source, None)
        if d is None:
            break
        t = time.perf_counter()
        writer.add(d)
        build_s += time.perf_counter() - t
    t = time.perf_counter()
    counts = writer.close()
    build_s += time.perf_counter() - t
    del writer
    size = sum(p.stat().st_size for p in (out / "store").rglob("*") if p.is_file())
    result = {"letters": n, "triples": counts["triples"], "build_seconds": round(build_s, 2),
              "letters_per_second": round(n / build_s, 1), "store_bytes": size,
              "graph_ttl_bytes": (out / "graph.ttl").stat().st_size, "load_average_build": load_before,
              "load_average_queries": os.getloadavg()[0], "queries": time_queries(out / "store")}
    result["peak_rss_mb"] = peak_rss_mb()  # build + queries; rdflib's copy of the graph comes after
    if rdflib_compare:
        result["rdflib"] = compare_rdflib(out)
        result["rdflib"]["peak_rss_mb"] = peak_rss_mb()
    return result


def compare_rdflib(out: Path) -> dict:
    """Same triples (graph.ttl as N-Triples), same aggregate: plain in-memory rdflib vs the on-disk
    store, each query text in each engine (best of 3), answers checked equal."""
    import pyoxigraph
    import rdflib

    from imrgraph import api

    nt = out / "graph.nt"
    pyoxigraph.serialize(pyoxigraph.parse(path=str(out / "graph.ttl")), str(nt), pyoxigraph.RdfFormat.N_TRIPLES)
    t = time.perf_counter()
    g = rdflib.Graph()
    g.parse(nt, format="nt")
    load_rdflib = time.perf_counter() - t
    nt.unlink()
    ox = api.open_store(out / "store")

    def answer(rows):
        return sorted((str(r[0]), int(r[1]), int(r[2])) for r in rows)

    timings, answers = {}, set()
    for label, text in (("plain", AGGREGATE), ("bundled_form", AGGREGATE_BUNDLED_FORM)):
        rd = best_of(3, lambda text=text: answer(tuple(row) for row in g.query(text)))
        oxi = best_of(5, lambda text=text: answer((r["service"], r["items"], r["overturned"])
                                                 for r in ox.select(text)))
        answers |= {tuple(rd["result"]), tuple(oxi["result"])}
        timings[label] = {"rdflib_seconds": rd["wall"], "rdflib_cpu_seconds": rd["cpu"],
                          "oxigraph_seconds": oxi["wall"], "oxigraph_cpu_seconds": oxi["cpu"],
                          "speedup": round(rd["wall"] / oxi["wall"], 1),
                          "cpu_speedup": round(rd["cpu"] / oxi["cpu"], 1)}
    assert len(answers) == 1, "rdflib and the store disagree on the aggregate"
    rd_best = min(t["rdflib_seconds"] for t in timings.values())
    ox_best = min(t["oxigraph_seconds"] for t in timings.values())
    rd_cpu = min(t["rdflib_cpu_seconds"] for t in timings.values())
    ox_cpu = min(t["oxigraph_cpu_seconds"] for t in timings.values())
    return {"rdflib_load_seconds": round(load_rdflib, 2), "queries": timings,
            "best_speedup": round(rd_best / ox_best, 1), "best_cpu_speedup": round(rd_cpu / ox_cpu, 1)}


def markdown(results: list[dict]) -> str:
    """The results as one Markdown table: a column per size, query rows as `wall s (CPU s)`."""
    def mb(b):
        return f"{b / 2**20:.0f}"

    cols = [f"{r['letters']:,} letters" for r in results]
    lines = ["| | " + " | ".join(cols) + " |", "|---|" + "---|" * len(cols)]

    def row(label, cells):
        lines.append(f"| {label} | " + " | ".join(cells) + " |")

    row("triples", [f"{r['triples']:,}" for r in results])
    row("build letters/s", [f"{r['letters_per_second']}" for r in results])
    row("store MB", [mb(r["store_bytes"]) for r in results])
    row("peak RSS MB", [f"{r['peak_rss_mb']:.0f}" for r in results])
    row("load average (build / queries)",
        [f"{r['load_average_build']:.1f} / {r['load_average_queries']:.1f}" for r in results])
    for name in results[0]["queries"]:
        row(f"`{name}` s (CPU s)", [f"{r['queries'][name]['seconds']:.3f} ({r['queries'][name]['cpu_seconds']:.3f})"
                                    for r in results])
    for r in results:
        rd = r.get("rdflib")
        if not rd:
            continue
        for label, t in rd["queries"].items():
            lines.append("")
            lines.append(f"rdflib vs store, aggregate ({label}) at {r['letters']:,} letters: rdflib "
                         f"{t['rdflib_seconds']:.3f} s (CPU {t['rdflib_cpu_seconds']:.3f}), store "
                         f"{t['oxigraph_seconds']:.3f} s (CPU {t['oxigraph_cpu_seconds']:.3f}): "
                         f"{t['speedup']}x ({t['cpu_speedup']}x CPU)")
        lines.append(f"best formulation each: {rd['best_speedup']}x ({rd['best_cpu_speedup']}x CPU); "
                     f"peak RSS with rdflib's copy {rd['peak_rss_mb']:.0f} MB")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sizes", nargs="*", type=int, default=[10000, 100000])
    ap.add_argument("--rdflib-at", type=int, default=10000)
    ap.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "imrgraph-bench")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)  # child process: one size
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one_size(args.one, args.out / str(args.one), args.one == args.rdflib_at)))
        return 0
    # sizes not run this time keep their last results
    earlier = json.loads(RESULTS.read_text())["sizes"] if RESULTS.is_file() else []
    results = []
    for n in args.sizes:
        child = subprocess.run([sys.executable, __file__, "--one", str(n), "--rdflib-at", str(args.rdflib_at),
                                "--out", str(args.out)], capture_output=True, text=True,
                               env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])})
        if child.returncode != 0:
            print(f"size {n} failed: {child.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
            return 1
        results.append(json.loads(child.stdout))
        print(json.dumps(results[-1], indent=2), flush=True)
    run = {r["letters"] for r in results}
    results = sorted([r for r in earlier if r["letters"] not in run] + results, key=lambda r: r["letters"])
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps({"cpus": os.cpu_count(), "sizes": results}, indent=2) + "\n")
    print(markdown(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
