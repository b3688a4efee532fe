"""Shared by the serve, report and analytics tests and bench/bench_serve.py: a store built from
synthetic letters (imrgraph.synth) and `imrgraph serve` really started in a subprocess."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOTS = ROOT / "out" / "screenshots"
# a three-way join over every triple: minutes of work, for the time-limit tests
RUNAWAY_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }"


def synth_store(out_dir: Path, n: int, seed: int = 3) -> tuple[Path, list[dict]]:
    """Builds OUT/store from n synthetic letters; returns the store path and their truth dicts."""
    from imrgraph.graph import GraphWriter
    from imrgraph.synth import generate

    truths = []
    with GraphWriter(out_dir) as writer:
        for letter_id, text, truth in generate(n, seed):
            truth = dict(truth, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
                         source=f"synthetic/{letter_id}.txt")
            writer.add(truth, text)
            truths.append(truth)
    return out_dir / "store", truths


@contextmanager
def running_server(store: Path, *options: str, ready_within: float = 60.0) -> Iterator[str]:
    """`imrgraph serve --port 0` in a subprocess; yields its base URL (http://127.0.0.1:PORT)."""
    command = [sys.executable, "-m", "imrgraph.cli", "serve", "--store", str(store), "--port", "0", "--quiet",
               *options]
    process = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    lines: list[str] = []
    try:
        url = _wait_for_url(process, lines, ready_within)
        # keep draining stderr so the server can never block on a full pipe
        threading.Thread(target=lambda: lines.extend(process.stderr), daemon=True).start()
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_for_url(process: subprocess.Popen, lines: list[str], ready_within: float) -> str:
    deadline = time.monotonic() + ready_within
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if not line:
            raise RuntimeError(f"imrgraph serve exited ({process.wait()}): {''.join(lines)}")
        lines.append(line)
        if "serving http://" in line:
            return line.split("serving ", 1)[1].split("/ ", 1)[0]
    raise RuntimeError(f"imrgraph serve not ready in {ready_within} s: {''.join(lines)}")
