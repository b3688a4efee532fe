"""Export and push benchmark on a synthetic store.

    python bench/bench_export.py 5000 [--out DIR] [--virtuoso]

Builds a store of N synthetic letters (bench_graph.extractions), then runs every export format, each in
a fresh subprocess (time, output size, peak RSS of that process), and pushes the store to an Oxigraph
server started on 127.0.0.1 (and to Virtuoso with --virtuoso, digest authentication), reporting
triples/s, requests, and the push time as a ratio to writing the same triples as N-Triples locally.
Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path[:0] = [str(ROOT), str(BENCH), str(ROOT / "tests")]

FORMATS = ["ttl", "nt", "nq", "jsonld", "graphml", "gexf", "neo4j", "ladybug"]
ONE_EXPORT = r"""
import json, re, sys, time
from imrgraph import export
started = time.perf_counter()
counts = export.export(sys.argv[1], sys.argv[2], sys.argv[3])
# VmHWM, not ru_maxrss: the latter keeps the parent's peak across fork+exec
peak_kb = int(re.search(r"VmHWM:\s+(\d+)", open("/proc/self/status").read()).group(1))
print(json.dumps({"seconds": round(time.perf_counter() - started, 2), "counts": counts,
                  "peak_rss_mb": round(peak_kb / 1024)}))
"""


def size_mb(path: Path) -> float:
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return round(sum(p.stat().st_size for p in files) / 2**20, 1)


def build(n: int, out: Path) -> dict:
    import gc

    from bench_graph import extractions

    from imrgraph.graph import GraphWriter

    started = time.perf_counter()
    writer = GraphWriter(out)
    for letter in extractions(n, seed=7):
        writer.add(letter)
    counts = writer.close()
    del writer
    gc.collect()
    return {"letters": n, "triples": counts["triples"], "build_seconds": round(time.perf_counter() - started, 1)}


def push_to(endpoint: str, store: Path, **credentials) -> dict:
    from imrgraph import push
    from imrgraph.graph.store import GraphStore

    source = GraphStore(store)
    started, cpu = time.perf_counter(), time.process_time()
    with push.GraphStoreClient(endpoint, push.Credentials(**credentials)) as client:
        report = push.push(source.quads_by_graph(), client, replace=True)
    seconds = time.perf_counter() - started
    # the client's own CPU: the wall time is mostly the server's, and noisy on a shared machine
    return {"seconds": round(seconds, 2), "client_cpu_seconds": round(time.process_time() - cpu, 2),
            "triples": report.triples, "requests": report.requests,
            "triples_per_second": round(report.triples / seconds)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("letters", type=int)
    parser.add_argument("--out", type=Path, help="work directory (default: a temporary one)")
    parser.add_argument("--virtuoso", action="store_true", help="also push to a Virtuoso started here")
    args = parser.parse_args()
    work = args.out or Path(tempfile.mkdtemp(prefix="bench-export-"))
    result = {"build": build(args.letters, work / "built"), "export": {}, "push": {}}
    store = work / "built" / "store"
    for fmt in FORMATS:
        target = work / ("export-" + fmt)
        line = subprocess.run([sys.executable, "-c", ONE_EXPORT, str(store), fmt, str(target)], check=True,
                              capture_output=True, text=True, cwd=ROOT).stdout.strip().splitlines()[-1]
        result["export"][fmt] = json.loads(line) | {"size_mb": size_mb(target)}

    from export_support import OxigraphServer, VirtuosoServer

    with OxigraphServer(work / "oxigraph") as server:
        result["push"]["oxigraph"] = push_to(server.store_url, store)
    if args.virtuoso:
        with VirtuosoServer(work / "virtuoso") as server:
            result["push"]["virtuoso"] = push_to(server.graph_store_url, store, user=server.user,
                                                 password=server.password)
    for pushed in result["push"].values():
        pushed["vs_nt_export"] = round(pushed["seconds"] / result["export"]["nt"]["seconds"], 1)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
