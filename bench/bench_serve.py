"""Load test of `imrgraph serve` on loopback (bounded in requests and time), against the server as
it was before it moved to Starlette/uvicorn (commit 60e5930), measured in the same run.

    python bench/bench_serve.py [--letters 2000] [--requests 1200] [--old-ref 60e5930]

The store: `imrgraph synth N --seed 7` then `imrgraph build --no-html`, into out/bench-serve-N/
(reused). Prints, and writes to bench/results/serve.json:
  lookups    point lookups (one letter's triples by its identifier, a different letter each time),
             8 keep-alive clients: req/s, new and old server
  bundled    the bundled overturn-rate-by-service query, 8 keep-alive clients: req/s, new and old
             (the new one also with its answer cache defeated by a unique comment per request)
  mixed      16 clients, each from its own loopback address: 12 send bundled queries and lookups,
             4 send slow joins (~1.5 s of a core each): quick queries' p95, errors; and the same
             12 quick clients alone, for comparison
  runaway    a runaway query: seconds until its 503, and its worker's CPU afterwards
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from serve_support import RUNAWAY_QUERY, child_pids, running_server, wait_for_workers  # noqa: E402

from imrgraph.api import bundled_query  # noqa: E402

BUNDLED = "overturn-rate-by-service"
LOOKUP = 'SELECT ?p ?o WHERE { ?d dcterms:identifier "%s" ; ?p ?o }'
# a cross join of 2,000 x 2,000 items: ~1.5 s of one core
SLOW = ("SELECT (COUNT(*) AS ?n) WHERE { { SELECT ?a WHERE { ?a imr:outcome ?o } LIMIT 2000 } "
        "{ SELECT ?b WHERE { ?b imr:outcome ?p } LIMIT 2000 } }")
FORM = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"}


def store_for(letters: int) -> Path:
    out = ROOT / "out" / f"bench-serve-{letters}"
    store = out / "out" / "store"
    if not (store / "CURRENT").is_file():
        started = time.perf_counter()
        imrgraph = [sys.executable, "-m", "imrgraph.cli"]
        subprocess.run([*imrgraph, "synth", str(letters), "-o", str(out / "letters"), "--seed", "7"], check=True,
                       stdout=subprocess.DEVNULL)
        subprocess.run([*imrgraph, "build", str(out / "letters"), "-o", str(out / "out"), "--no-html",
                        "--progress", "off"], check=True, stdout=subprocess.DEVNULL)
        print(f"built {letters} letters in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return store


@contextmanager
def old_server(store: Path, ref: str, workers: int):
    """The server as it was at `ref` (its whole package and ontology, unpacked from git), started through
    its own run(); its explorer, which it drew at every start, is not drawn (it would take the CPU the
    measurement needs)."""
    with tempfile.TemporaryDirectory(prefix="imrgraph-old-serve-") as folder:
        archive = subprocess.run(["git", "archive", "--format=tar", ref, "imrgraph", "ontology"], cwd=ROOT,
                                 capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", folder], input=archive, check=True)
        launcher = (
            "import sys, argparse, imrgraph.serve as s\n"
            "s.Pages._draw_explorer = lambda self: self._explorer_ready.set()\n"
            "p = argparse.ArgumentParser(); s.add_arguments(p)\n"
            "sys.exit(s.run(p.parse_args(sys.argv[1:])))\n")
        env = {**os.environ, "PYTHONPATH": folder}
        process = subprocess.Popen([sys.executable, "-c", launcher, "--store", str(store), "--port", "0", "--quiet",
                                    "--workers", str(workers), "--timeout", "30"], cwd=folder, env=env,
                                   stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                line = process.stderr.readline()
                if not line:
                    raise RuntimeError(f"the old server exited ({process.wait()})")
                if "serving http://" in line:
                    break
            threading.Thread(target=lambda: [None for _ in process.stderr], daemon=True).start()
            yield line.split("serving ", 1)[1].split("/ ", 1)[0]
        finally:
            process.terminate()
            process.wait(timeout=15)


def client(base: str, bodies, count: int, results: dict, source: str | None = None, label=lambda body: "quick"):
    """One keep-alive connection sending `count` POSTs built by bodies(); records latencies per label."""
    url = urlsplit(base)

    def connect():
        return http.client.HTTPConnection(url.hostname, url.port, timeout=120,
                                          source_address=(source, 0) if source else None)

    connection = connect()
    for _ in range(count):
        body = bodies()
        kind = label(body)
        started = time.perf_counter()
        try:
            connection.request("POST", "/sparql", body=body, headers=FORM)
            response = connection.getresponse()
            payload = response.read()
            if response.status != 200 or not json.loads(payload)["results"]["bindings"]:
                results.setdefault(kind + "_errors", []).append(f"HTTP {response.status}: {payload[:120]!r}")
                continue
        except (OSError, http.client.HTTPException, ValueError) as e:
            results.setdefault(kind + "_errors", []).append(f"{type(e).__name__}: {e}")
            connection.close()
            connection = connect()
            continue
        results.setdefault(kind, []).append(time.perf_counter() - started)
    connection.close()


def summary(latencies: list[float], errors: list[str], seconds: float | None = None) -> dict:
    ordered = sorted(latencies)

    def pct(p: float) -> float:
        return round(1000 * ordered[min(len(ordered) - 1, int(p * len(ordered)))], 1) if ordered else None

    result = {"ok": len(ordered), "errors": len(errors), "first_errors": errors[:3],
              "p50_ms": pct(0.50), "p95_ms": pct(0.95), "max_ms": pct(1.0)}
    if seconds:
        result["requests_per_s"] = round(len(ordered) / seconds, 1)
    return result


def load(base: str, bodies, clients: int, requests: int) -> dict:
    results: dict = {}
    per_client = max(1, requests // clients)
    # each client from its own loopback address, as separate clients are (the server shares its
    # workers fairly between addresses)
    threads = [threading.Thread(target=client, args=(base, bodies, per_client, results, f"127.0.0.{10 + i}"))
               for i in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return summary(results.get("quick", []), results.get("quick_errors", []), time.perf_counter() - started)


def mixed(base: str, lookups, bundled, requests_per_client: int, slow_clients: int = 4) -> dict:
    """16 clients from 16 loopback addresses; 4 send slow joins, 12 a mix of bundled queries (as
    people send them: the same text, answered from the cache after the first) and lookups of a
    random letter (nearly all new to the cache: they run in the workers)."""
    results: dict = {}
    slow_count = iter(range(10**9))

    def slow_body():  # each one new to the answer cache
        return urlencode({"query": f"# {next(slow_count)}\n{SLOW}"})

    def quick_bodies():
        return bundled if random.random() < 0.3 else lookups()

    threads = []
    for i in range(12 + slow_clients):
        source = f"127.0.0.{10 + i}"
        if i < slow_clients:
            threads.append(threading.Thread(target=client, args=(base, slow_body, 4, results, source,
                                                                 lambda body: "slow")))
        else:
            threads.append(threading.Thread(target=client, args=(base, quick_bodies, requests_per_client, results,
                                                                 source)))
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    return {"seconds": round(elapsed, 1),
            "quick": summary(results.get("quick", []), results.get("quick_errors", []), elapsed),
            "slow": summary(results.get("slow", []), results.get("slow_errors", []))}


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def runaway(base: str, pid: int, limit: float) -> dict:
    """Sends a runaway query; times its answer; then checks that its worker is gone and that the
    workers left (the replacement included, once started) use no CPU."""
    before = set(child_pids(pid))
    started = time.perf_counter()
    status, _ = post(base, RUNAWAY_QUERY)
    elapsed = time.perf_counter() - started
    wait_for_workers(base)
    workers = child_pids(pid)
    first = sum(cpu_seconds(p) for p in workers)
    time.sleep(1.0)
    used = sum(cpu_seconds(p) for p in workers) - first
    return {"status": status, "seconds_to_answer": round(elapsed, 2), "time_limit": limit,
            "within_limit_plus_1s": elapsed < limit + 1, "killed_workers": len(before - set(workers)),
            "workers_cpu_seconds_in_the_next_second": round(used, 3)}


def post(base: str, query: str) -> tuple[int, bytes]:
    url = urlsplit(base)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=120)
    connection.request("POST", "/sparql", body=urlencode({"query": query}), headers=FORM)
    response = connection.getresponse()
    return response.status, response.read()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=1200, help="requests per throughput measurement")
    parser.add_argument("--old-ref", default="60e5930", help="git revision of the server to compare with")
    args = parser.parse_args()
    store = store_for(args.letters)
    from pyoxigraph import Store

    from imrgraph.graph.iris import PREFIXES

    ids = [row["id"].value for row in Store.read_only(str(store)).query(
        "SELECT ?id WHERE { ?d a imr:Determination ; dcterms:identifier ?id }", prefixes=PREFIXES,
        use_default_graph_as_union=True)]
    counter = iter(range(10**9))
    lookups = lambda: urlencode({"query": LOOKUP % random.choice(ids)})  # noqa: E731
    bundled = urlencode({"query": bundled_query(BUNDLED)})
    bundled_fresh = lambda: urlencode({"query": f"# {next(counter)}\n" + bundled_query(BUNDLED)})  # noqa: E731
    results: dict = {"letters": args.letters, "old": args.old_ref}

    with old_server(store, args.old_ref, workers=2) as base:
        load(base, lookups, 2, 40)
        results["lookups_old"] = load(base, lookups, 8, args.requests // 3)
        results["bundled_old"] = load(base, lambda: bundled, 8, args.requests // 6)
    with running_server(store, "--timeout", "10") as base:
        load(base, lookups, 8, 80)  # every worker opened and warm
        results["lookups"] = load(base, lookups, 8, args.requests)
        results["bundled"] = load(base, lambda: bundled, 8, args.requests)
        results["bundled_uncached"] = load(base, bundled_fresh, 8, args.requests // 6)
        results["mixed_without_slow"] = mixed(base, lookups, bundled, 40, slow_clients=0)
        results["mixed"] = mixed(base, lookups, bundled, 40)
        results["runaway"] = runaway(base, base.pid, 10)
    results["ratios"] = {
        "lookups_new_over_old": round(results["lookups"]["requests_per_s"] / results["lookups_old"]["requests_per_s"], 1),
        "bundled_new_over_old": round(results["bundled"]["requests_per_s"] / results["bundled_old"]["requests_per_s"], 1),
        "bundled_uncached_new_over_old": round(results["bundled_uncached"]["requests_per_s"]
                                               / results["bundled_old"]["requests_per_s"], 1),
    }
    print(json.dumps(results, indent=2))
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "serve.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    failures = [results["lookups"]["requests_per_s"] < 1000, results["ratios"]["bundled_new_over_old"] < 2,
                results["mixed"]["quick"]["p95_ms"] is None or results["mixed"]["quick"]["p95_ms"] >= 200,
                results["mixed"]["quick"]["errors"] > 0, not results["runaway"]["within_limit_plus_1s"],
                results["runaway"]["killed_workers"] < 1,
                results["runaway"]["workers_cpu_seconds_in_the_next_second"] > 0.05]
    return 1 if any(failures) else 0


if __name__ == "__main__":
    sys.exit(main())
