"""Graph build and query benchmark on synthetic extractions.

    python bench/bench_graph.py 10000 100000 [--rdflib-at 10000] [--out DIR]

Per size (each in a fresh subprocess, so peak memory is that size's own): build throughput
(letters/s through GraphWriter, graph.ttl included), store size on disk, peak RSS, and the latency
of every bundled query (best of 3, results fully consumed). At --rdflib-at letters it also loads the
same triples into plain in-memory rdflib and times one aggregate query there, as a ratio.
Uses imrgraph.synth when it exists, else the small generator below.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
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


PARAMS = {"determinations-by-drug": {"drug": "klonopin"}}


def time_queries(store_dir: Path) -> dict:
    from imrgraph import api
    from imrgraph.query import bundled

    g = api.open_store(store_dir)
    with_evidence = g.select("SELECT ?n WHERE { ?n imr:evidence ?e } LIMIT 1")
    params = dict(PARAMS, evidence={"node": with_evidence[0]["n"]} if with_evidence else {})
    out = {}
    for name, path in bundled().items():
        text = path.read_text()
        best, rows = float("inf"), 0
        for _ in range(3):
            t = time.perf_counter()
            rows = len(g.select(text, params.get(name)))
            best = min(best, time.perf_counter() - t)
        out[name] = {"seconds": round(best, 4), "rows": rows}
    return out


AGGREGATE = """PREFIX imr: <https://w3id.org/imrgraph#>
SELECT ?service (COUNT(?item) AS ?items) (SUM(IF(?o = imr:Overturned, 1, 0)) AS ?overturned)
WHERE { ?item imr:requestsService ?service ; imr:outcome ?o } GROUP BY ?service"""


def one_size(n: int, out: Path, rdflib_compare: bool) -> dict:
    from imrgraph.graph import GraphWriter

    shutil.rmtree(out, ignore_errors=True)
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
              "graph_ttl_bytes": (out / "graph.ttl").stat().st_size, "queries": time_queries(out / "store")}
    if rdflib_compare:
        result["rdflib"] = compare_rdflib(out)
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return result


def compare_rdflib(out: Path) -> dict:
    """Same triples (graph.ttl as N-Triples), same aggregate: plain in-memory rdflib vs the on-disk store."""
    import pyoxigraph
    import rdflib

    from imrgraph import api

    nt = out / "graph.nt"
    pyoxigraph.serialize(pyoxigraph.parse(path=str(out / "graph.ttl")), str(nt), pyoxigraph.RdfFormat.N_TRIPLES)
    t = time.perf_counter()
    g = rdflib.Graph()
    g.parse(nt, format="nt")
    load_rdflib = time.perf_counter() - t
    t = time.perf_counter()
    rd_rows = len(list(g.query(AGGREGATE)))
    q_rdflib = time.perf_counter() - t
    ox = api.open_store(out / "store")
    best = float("inf")
    for _ in range(3):
        t = time.perf_counter()
        ox_rows = len(ox.select(AGGREGATE))
        best = min(best, time.perf_counter() - t)
    assert rd_rows == ox_rows
    nt.unlink()
    return {"rdflib_load_seconds": round(load_rdflib, 2), "rdflib_aggregate_seconds": round(q_rdflib, 3),
            "oxigraph_aggregate_seconds": round(best, 4), "speedup": round(q_rdflib / best, 1)}


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
    for n in args.sizes:
        child = subprocess.run([sys.executable, __file__, "--one", str(n), "--rdflib-at", str(args.rdflib_at),
                                "--out", str(args.out)], capture_output=True, text=True,
                               env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])})
        if child.returncode != 0:
            print(f"size {n} failed: {child.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
            return 1
        print(json.dumps(json.loads(child.stdout), indent=2), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
