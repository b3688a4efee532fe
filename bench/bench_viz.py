"""The explorer at 200, 2,000 and 20,000 synthetic letters: time to write graph.html, time to a
settled page in headless Chromium, and, served, the time to expand a node and open a letter.

    python bench/bench_viz.py [--sizes 200 2000 20000] [--seed 1] [--cache DIR] [--shots DIR]

Each store is built once the way a user builds one (`imrgraph synth N` letters through `imrgraph
build --no-html`; 20,000 letters take several minutes) and kept under --cache for the next run.
Served, the page comes from `imrgraph serve` itself (started on the store, which has no graph.html:
the server draws the explorer once, `served_first_draw_s`) and each click goes through its workers
(/api/explore/). Targets: graph.html written in under 5 s, a settled page in under 3 s, a served
click in under 1 s at 20,000 letters. Screenshots of each page go to --shots.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from serve_support import running_server  # noqa: E402
from viz_support import chromium, node_dom_position, open_explorer, synthetic_store  # noqa: E402

from imrgraph import viz  # noqa: E402

TARGETS = {"write_s": 5.0, "settled_s": 3.0, "expand_s": 1.0}


def store_for(cache: Path, letters: int, seed: int) -> Path:
    work = cache / f"{letters}-letters-seed{seed}"
    store = work / "out" / "store"
    if not (work / "out" / "report.json").is_file():  # written last by a build that finished
        print(f"building {letters:,} synthetic letters into {work} ...", file=sys.stderr, flush=True)
        if work.exists():
            import shutil

            shutil.rmtree(work)
        synthetic_store(work, letters, seed)
    return store


def timed_click(opened, node_id: str) -> float:
    """Seconds from a click on the node to the page being idle with what the click asked for."""
    x, y = node_dom_position(opened, node_id)
    started = time.perf_counter()
    opened.page.mouse.click(x, y)
    opened.page.wait_for_selector("body[data-busy='false']", state="attached", timeout=60_000)
    return time.perf_counter() - started


def measure_file(browser, store: Path, html: Path, shots: Path, name: str) -> dict:
    started, cpu = time.perf_counter(), time.process_time()
    result = viz.write_html(store, html)
    write_s, write_cpu = time.perf_counter() - started, time.process_time() - cpu
    opened = open_explorer(browser, html, timeout_ms=600_000)
    opened.page.screenshot(path=str(shots / f"{name}-file.png"))
    errors = len(opened.console_errors)
    nodes = opened.js("window.imrExplorer.visibleNodeCount()")
    opened.page.context.close()
    return {"view": result["view"], "first_view_nodes": nodes, "letters_embedded": result["letters"],
            "page_mb": round(html.stat().st_size / 2**20, 2), "write_s": round(write_s, 2),
            "write_cpu_s": round(write_cpu, 2), "settled_s": round(opened.settled_ms / 1000, 2),
            "console_errors": errors}


def measure_served(browser, store: Path, shots: Path, name: str) -> dict:
    with running_server(store) as url:
        started = time.perf_counter()
        while urllib.request.urlopen(url + "/", timeout=600).status != 200:  # 202 while it draws the page
            time.sleep(0.2)
        first_draw_s = time.perf_counter() - started
        opened = open_explorer(browser, url + "/", timeout_ms=600_000)
        settled_s = opened.settled_ms / 1000
        ex = "window.imrExplorer"
        first = opened.js(f"{ex}.nodes.getIds()")
        service = max((i for i in first if "/service/" in i), key=lambda i: opened.js(f"id => {ex}.known(id).items", i))
        expand_s = timed_click(opened, service)
        opened.page.wait_for_selector("body[data-moving='false']", state="attached")
        opened.page.screenshot(path=str(shots / f"{name}-served-expanded.png"))
        letter = next(i for i in opened.js(f"{ex}.nodes.getIds()") if "/determination/" in i)
        letter_s = timed_click(opened, letter)
        opened.page.wait_for_selector("body[data-view='letter']", state="attached")
        opened.page.screenshot(path=str(shots / f"{name}-served-letter.png"))
        opened.page.click("#back")
        started = time.perf_counter()
        opened.page.fill("#search-input", "tramadol")
        opened.page.press("#search-input", "Enter")
        opened.page.wait_for_selector("#search-status:has-text('Found'), #search-status:has-text('Nothing')")
        opened.page.wait_for_selector("body[data-busy='false']", state="attached")
        search_s = time.perf_counter() - started
        errors = len(opened.console_errors)
        opened.page.context.close()
    return {"served_first_draw_s": round(first_draw_s, 2), "served_settled_s": round(settled_s, 2),
            "expand_s": round(expand_s, 2), "open_letter_s": round(letter_s, 2), "search_s": round(search_s, 2),
            "served_console_errors": errors}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 2000, 20000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "imrgraph-bench-viz",
                        help="where the built stores are kept between runs")
    parser.add_argument("--shots", type=Path, default=Path(tempfile.gettempdir()) / "imrgraph-bench-viz-shots")
    args = parser.parse_args(argv)
    args.shots.mkdir(parents=True, exist_ok=True)
    rows = []
    with tempfile.TemporaryDirectory() as tmp, chromium() as browser:
        for size in args.sizes:
            store = store_for(args.cache, size, args.seed)
            name = f"{size}-letters"
            row = {"letters": size, **measure_file(browser, store, Path(tmp) / f"{name}.html", args.shots, name),
                   **measure_served(browser, store, args.shots, name)}
            rows.append(row)
            print(json.dumps(row), flush=True)
    print(f"\n{'letters':>7} {'view':>8} {'nodes':>5} {'MB':>5} {'write s':>7} {'cpu s':>6} {'settled s':>9} "
          f"{'served settled s':>16} {'expand s':>8} {'letter s':>8} {'search s':>8}")
    for r in rows:
        print(f"{r['letters']:>7,} {r['view']:>8} {r['first_view_nodes']:>5} {r['page_mb']:>5} {r['write_s']:>7} "
              f"{r['write_cpu_s']:>6} {r['settled_s']:>9} {r['served_settled_s']:>16} {r['expand_s']:>8} "
              f"{r['open_letter_s']:>8} {r['search_s']:>8}")
    if len(rows) > 1:
        low, high = rows[0], rows[-1]
        growth = high["letters"] / low["letters"]
        print(f"\n{growth:.0f}x the letters: graph.html CPU x{high['write_cpu_s'] / max(low['write_cpu_s'], 0.01):.1f}, "
              f"served expand x{high['expand_s'] / max(low['expand_s'], 0.01):.1f}")
    misses = [f"{r['letters']:,} letters: {key} {r[key]} s (target {limit} s)" for r in rows
              for key, limit in TARGETS.items() if r[key] > limit]
    print("targets met" if not misses else "over target: " + "; ".join(misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
