"""Graph build and query benchmark on synthetic extractions.

    python bench/bench_graph.py 10000 100000 [--rdflib-at 10000] [--out DIR]

Per size (each in a fresh subprocess, so peak memory is that size's own): build throughput
(letters/s through GraphWriter, graph.ttl included), store size on disk, peak RSS, and the latency
of every bundled query through imrgraph.api (best of 3, rows converted to Python; wall and CPU
seconds, CPU being the steadier number on a shared machine). At --rdflib-at letters it also loads
the same triples into plain in-memory rdflib and times the aggregate query there, as a ratio.
The extractions are imrgraph.synth's truth files. Writes
bench/results/graph.json and prints a Markdown table; the load average is recorded with each size.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def extractions(n: int, seed: int):
    from imrgraph import synth

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
    from imrgraph import api, queries

    g = api.open_store(store_dir)
    with_evidence = g.select("SELECT ?n WHERE { ?n imr:evidence ?e } LIMIT 1")
    params = dict(PARAMS, evidence={"node": with_evidence[0]["n"]} if with_evidence else {})
    out = {}
    for name, query in queries.bundled().items():
        text = query.text
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
