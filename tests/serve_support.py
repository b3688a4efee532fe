"""Shared by the serve, report and analytics tests and bench/bench_serve.py: a store built from
synthetic letters (imrgraph.synth) and `imrgraph serve` really started in a subprocess."""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
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


class ServerURL(str):
    """The base URL of a running server, with its process id and its stderr lines so far."""

    pid: int
    log: list[str]


@contextmanager
def running_server(store: Path, *options: str, ready_within: float = 60.0,
                   python_path: Path | None = None) -> Iterator[ServerURL]:
    """`imrgraph serve --port 0` in a subprocess; yields its base URL (http://127.0.0.1:PORT).
    `python_path`: a folder the server (and its workers) can import modules from."""
    command = [sys.executable, "-m", "imrgraph.cli", "serve", "--store", str(store), "--port", "0", "--quiet",
               *options]
    env = dict(os.environ)
    if python_path is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(python_path), *filter(None, [env.get("PYTHONPATH")])])
    process = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
                               env=env)
    lines: list[str] = []
    try:
        url = ServerURL(_wait_for_url(process, lines, ready_within))
        url.pid, url.log = process.pid, lines
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


def request(base: str, path: str, *, method: str = "GET", body: bytes | None = None, headers: dict | None = None,
            source: str | None = None, timeout: float = 60) -> tuple[int, dict[str, str], bytes]:
    """(status, headers with lower-case names, body) of one request; `source`: the loopback address
    to send from (127.0.0.2, ...), which the server sees as another client."""
    host, port = base.removeprefix("http://").rsplit(":", 1)
    connection = http.client.HTTPConnection(host.strip("[]"), int(port), timeout=timeout,
                                            source_address=(source, 0) if source else None)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def store_fingerprint(store: Path) -> tuple[int, str]:
    """(quad count, sha256 of the sorted N-Quads) of a store, read in a fresh read-only open."""
    from pyoxigraph import RdfFormat, Store, serialize

    quads = sorted(serialize(Store.read_only(str(store)), format=RdfFormat.N_QUADS).splitlines())
    return len(quads), hashlib.sha256(b"\n".join(quads)).hexdigest()


def error_of(body: bytes) -> str:
    return json.loads(body)["error"]


def wait_for_workers(base: str, within: float = 30.0) -> None:
    """Until no query worker is starting (one replaced after a timeout takes a moment to start)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        status, _, body = request(base, "/health")
        if status == 200 and json.loads(body)["workers"]["starting"] == 0:
            return
        time.sleep(0.05)
    raise RuntimeError(f"query workers still starting after {within} s")


def child_pids(pid: int) -> list[int]:
    """The processes whose parent is `pid` (a server's query workers)."""
    children = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                children.append(int(entry.name))
    return children


def peak_memory(pid: int) -> int:
    """Bytes: the highest address space (VmPeak) the process has had so far; 0 once it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmPeak:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


class Listener:
    """A TCP listener on loopback that records every connection made to it and answers each HTTP
    request with one SPARQL JSON row (?from = "listener"), as a remote endpoint would."""

    ANSWER = json.dumps({"head": {"vars": ["from"]},
                         "results": {"bindings": [{"from": {"type": "literal", "value": "listener"}}]}}).encode()

    def __init__(self):
        import socket

        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/sparql"
        self.connections = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            with conn:
                conn.settimeout(5)
                try:
                    conn.recv(65536)
                    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
                                 b"Content-Length: " + str(len(self.ANSWER)).encode() + b"\r\nConnection: close\r\n\r\n"
                                 + self.ANSWER)
                except OSError:
                    pass

    def close(self) -> None:
        self.sock.close()
