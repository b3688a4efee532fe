"""A query worker process: opens the store read-only under an address-space limit, then answers
one job at a time from its pipe until the pipe closes.

Why processes: pyoxigraph cannot cancel a running query (an aggregate over a runaway join blocks
inside `Store.query` until the whole join is evaluated), so the server kills the worker at the time
limit and starts another. The address-space limit (RLIMIT_AS) makes a query that would need more
memory fail inside its own worker: Rust aborts on the failed allocation (SIGABRT), the server
answers that the query needed too much memory and replaces the worker.
"""

from __future__ import annotations

import os
import resource
import signal
import threading
import time
from dataclasses import dataclass

READY = "ready"


@dataclass(frozen=True)
class WorkerSpec:
    """What every worker of a server is started with."""

    store: str
    max_results: int
    max_memory: int  # bytes of address space
    allow_service: tuple[str, ...] = ()


def _exit_with_parent(parent: int) -> None:
    """A worker busy in a query must not outlive a server that died without killing it."""
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            os._exit(1)


def _linux_settings() -> None:
    """Two malloc arenas: glibc reserves 64 MiB of address space per arena, one per thread that
    allocates, up to eight per core, and under RLIMIT_AS those reservations alone made thread
    creation fail at random (two keep a worker at ~280 MiB after opening the store). And a
    SIGKILL when the server dies: a worker paused with SIGSTOP runs no watchdog thread."""
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(-8, 2)  # M_ARENA_MAX
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux with glibc


def worker_main(spec: WorkerSpec, conn, parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    _linux_settings()
    resource.setrlimit(resource.RLIMIT_AS, (spec.max_memory, spec.max_memory))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # an aborted query leaves no core file
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    from imrgraph.errors import UserError
    from imrgraph.graph.store import GraphStore
    from imrgraph.serve.protocol import ExploreJob, error_reply
    from imrgraph.serve.results import execute, explore

    try:
        graph = GraphStore(spec.store, allow_service=spec.allow_service)
    except UserError as e:
        conn.send(("failed", str(e)))
        return
    conn.send((READY, os.getpid()))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        retire = False
        try:
            if isinstance(job, ExploreJob):
                reply = explore(graph, job)
            else:
                reply = execute(graph, job, spec.max_results)
        except MemoryError:
            reply, retire = memory_reply(spec.max_memory), True
        except Exception as e:  # any engine failure is reported; the worker lives on
            reply = error_reply(500, "query-failed", " ".join(f"{type(e).__name__}: {e}".split()))
        conn.send((reply, retire))
        if retire:
            return


def memory_reply(max_memory: int):
    from imrgraph.serve.protocol import error_reply

    return error_reply(500, "memory-limit", f"the query needed more than the {format_size(max_memory)} memory "
                                            "limit of a query worker and was stopped")


def format_size(size: int) -> str:
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20)):
        if size >= scale and size % (scale // 4) == 0:
            return f"{size / scale:g} {unit}"
    return f"{size} bytes"


def parse_size(text: str) -> int:
    """'2G', '512MiB', '1.5g', '1073741824' -> bytes."""
    number = text.strip().lower().removesuffix("b").removesuffix("i")
    scale = {"k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40}.get(number[-1:], 1)
    try:
        return int(float(number[:-1] if scale > 1 else number) * scale)
    except ValueError:
        raise ValueError(f"not a size: {text!r} (write e.g. 2G or 512M)") from None
