"""Time to a settled network in headless Chromium for explorer views of about 200, 1,000 and 5,000 nodes.

    python bench/bench_viz.py [--sizes 200 1000 5000] [--seed 0]

Builds a store per size from synthetic letters (imrgraph.synth), writes the full view with a node
budget large enough to keep it, opens it in Debian's chromium (screenshots: out/screenshots/bench-*.png)
and reports: nodes, edges, page size,
seconds to write the page (Python) and milliseconds from navigation to a settled network (the page's
own signal: physics stabilised, or first drawing when positions are precomputed). Target: < 3 s at
1,000 nodes. Also times the overview of the largest store. Results go to out/bench/viz.json.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from viz_support import chromium, open_explorer, screenshot  # noqa: E402

from imrgraph import synth, viz  # noqa: E402
from imrgraph.graph import GraphWriter  # noqa: E402


def build(out_dir: Path, letters: int, seed: int) -> Path:
    writer = GraphWriter(out_dir)
    for letter_id, text, truth in synth.generate(letters, seed):
        truth = dict(truth, id=letter_id, source=f"synth/{letter_id}.txt")
        truth.setdefault("sha256", f"synth-{letter_id}")
        writer.add(truth, text=text)
    writer.close()
    return out_dir / "store"


def store_of_size(work: Path, nodes: int, seed: int) -> tuple[Path, int]:
    """A store whose full view has about `nodes` nodes (concepts saturate, so search the letter count)."""
    letters = max(1, nodes // 6)
    for attempt in range(4):
        store = build(work / f"n{nodes}-{attempt}", letters, seed)
        got = viz.write_html(store, work / "probe.html", node_budget=10**9)["nodes"]
        if abs(got - nodes) <= nodes * 0.05:
            break
        letters = max(1, round(letters * nodes / got))
    return store, letters


def measure(browser, store: Path, html: Path, shot: str, **options) -> dict:
    started = time.perf_counter()
    result = viz.write_html(store, html, **options)
    write_s = time.perf_counter() - started
    opened = open_explorer(browser, html, timeout_ms=600_000)
    errors = list(opened.console_errors)
    screenshot(opened, shot)
    opened.page.context.close()
    return {**result, "page_mb": round(html.stat().st_size / 2**20, 2), "write_s": round(write_s, 2),
            "settled_ms": round(opened.settled_ms), "console_errors": len(errors)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 1000, 5000])
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp, chromium() as browser:
        work = Path(tmp)
        store = None
        for size in args.sizes:
            store, letters = store_of_size(work, size, args.seed)
            row = measure(browser, store, work / f"n{size}.html", f"bench-{size}", node_budget=10**9)
            rows.append({"target": size, "letters": letters, **row})
            print(json.dumps(rows[-1]), flush=True)
        if store is not None:
            row = measure(browser, store, work / "overview.html", "bench-overview", overview=True)
            rows.append({"target": "overview of the largest store", "letters": letters, **row})
            print(json.dumps(rows[-1]), flush=True)
    out = ROOT / "out" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    (out / "viz.json").write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    print(f"\n{'view':>30} {'letters':>7} {'nodes':>6} {'edges':>6} {'MB':>5} {'write s':>7} {'settled ms':>10}")
    for r in rows:
        print(f"{str(r['target']):>30} {r['letters']:>7} {r['nodes']:>6} {r['edges']:>6} {r['page_mb']:>5} "
              f"{r['write_s']:>7} {r['settled_ms']:>10}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
