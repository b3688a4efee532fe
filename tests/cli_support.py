"""The `imrgraph` console command as a user runs it: a subprocess, this checkout first on the path."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def command() -> list[str]:
    """The installed console script (`pip install .` puts it beside the interpreter), else `python -m`."""
    script = Path(sys.executable).with_name("imrgraph")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "imrgraph"]


def environment() -> dict[str, str]:
    return {"PYTHONPATH": str(ROOT), "PATH": os.pathsep.join([str(Path(sys.executable).parent), "/usr/bin", "/bin"]),
            "HOME": os.environ.get("HOME", "/tmp")}


def imrgraph(*args: str, cwd: Path | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([*command(), *args], capture_output=True, text=True, timeout=timeout, cwd=cwd,
                          env=environment())


def start(*args: str, cwd: Path | None = None, **popen) -> subprocess.Popen:
    """The command started as from a terminal: Ctrl-C (SIGINT) reaches it even when these tests run in the
    background, where the shell has them ignore it and a child would inherit that."""
    return subprocess.Popen([*command(), *args], cwd=cwd, env=environment(),
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL), **popen)
