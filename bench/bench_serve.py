"""Load test of `imrgraph serve` (loopback only, bounded): concurrent keep-alive clients run a bundled
query against a store of N synthetic letters; prints requests/s, latency percentiles and errors.

    python bench/bench_serve.py [--letters 10000] [--clients 8] [--requests 400] [--query NAME]

The store is built once into out/bench-serve-<N>/ and reused. Results also go to
bench/results/serve.json.
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from serve_support import running_server, synth_store  # noqa: E402

from imrgraph.api import bundled_query  # noqa: E402


def store_for(letters: int) -> Path:
    out = ROOT / "out" / f"bench-serve-{letters}"
    if not (out / "store" / "CURRENT").is_file():
        started = time.perf_counter()
        synth_store(out, letters, seed=1)
        print(f"built {letters} letters in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return out / "store"


def client(base: str, body: str, count: int, latencies: list[float], errors: list[str]) -> None:
    """One keep-alive connection sending `count` POSTs; records each latency or error."""
    url = urlsplit(base)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=120)
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"}
    for _ in range(count):
        started = time.perf_counter()
        try:
            connection.request("POST", "/sparql", body=body, headers=headers)
            response = connection.getresponse()
            payload = response.read()
            if response.status != 200 or not json.loads(payload)["results"]["bindings"]:
                errors.append(f"HTTP {response.status}: {payload[:120]!r}")
                continue
        except (OSError, http.client.HTTPException, ValueError) as e:
            errors.append(f"{type(e).__name__}: {e}")
            connection.close()
            connection = http.client.HTTPConnection(url.hostname, url.port, timeout=120)
            continue
        latencies.append(time.perf_counter() - started)
    connection.close()


def load(base: str, query: str, clients: int, requests: int) -> dict:
    body = urlencode({"query": query})
    latencies: list[float] = []
    errors: list[str] = []
    per_client = max(1, requests // clients)
    threads = [threading.Thread(target=client, args=(base, body, per_client, latencies, errors))
               for _ in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    ordered = sorted(latencies)

    def pct(p: float) -> float:
        return 1000 * ordered[min(len(ordered) - 1, int(p * len(ordered)))] if ordered else float("nan")

    return {"clients": clients, "requests": per_client * clients, "ok": len(latencies), "errors": len(errors),
            "first_errors": errors[:3], "seconds": round(elapsed, 2),
            "requests_per_s": round(len(latencies) / elapsed, 1),
            "p50_ms": round(pct(0.50), 1), "p95_ms": round(pct(0.95), 1), "max_ms": round(pct(1.0), 1),
            "mean_ms": round(1000 * statistics.fmean(ordered), 1) if ordered else None}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--query", default="overturn-rate-by-service", help="bundled query to run")
    parser.add_argument("--workers", type=int, default=None, help="server worker processes (default: its own)")
    args = parser.parse_args()
    store = store_for(args.letters)
    options = ["--workers", str(args.workers)] if args.workers else []
    lookup = "SELECT ?item ?text WHERE { ?item imr:outcome imr:Overturned ; imr:text ?text } LIMIT 10"
    results = {"letters": args.letters}
    with running_server(store, "--timeout", "60", *options) as base:
        load(base, lookup, 2, 20)  # warm the workers' caches
        results["bundled"] = {"query": args.query,
                              **load(base, bundled_query(args.query), args.clients, args.requests)}
        results["lookup"] = {"query": lookup, **load(base, lookup, args.clients, args.requests)}
    print(json.dumps(results, indent=2))
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "serve.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 1 if results["bundled"]["errors"] or results["lookup"]["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
