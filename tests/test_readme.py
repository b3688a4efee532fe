"""Every example of the README runs against the bundled example letters, as a new user runs it:
the command lines under "Use" with the real `imrgraph` command in a scratch folder (so `out/` is
the default OUT), then the Python API block. Each must exit 0 and say something sensible."""

from __future__ import annotations

import ast
import json
import re
import shlex
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from cli_support import ROOT, imrgraph, start
from export_support import OxigraphServer, free_port

from imrgraph.build import EXAMPLES

README = (ROOT / "README.md").read_text(encoding="utf-8")


def use_commands() -> list[str]:
    """The command lines of the code block under '## Use', comments removed."""
    section = README.split("\n## Use\n", 1)[1]
    block = section.split("```\n", 2)[1]
    return [re.sub(r"\s+#.*$", "", line).strip() for line in block.splitlines() if line.startswith("imrgraph ")]


def python_block() -> list[str]:
    block = README.split("```python\n", 1)[1].split("```", 1)[0]
    return [line for line in block.splitlines() if line.strip()]


def expand(command: str, scratch: Path) -> list[list[str]]:
    """A README line as the argument lists to run: optional [..] parts dropped, FILE ... the bundled
    letters, a|b|c alternatives each run, /tmp/ paths inside the scratch folder."""
    command = re.sub(r"\s*\[[^\]]*\]", "", command).replace("/tmp/", f"{scratch}/tmp/")
    args = shlex.split(command)[1:]
    if "FILE" in args:
        at = args.index("FILE")
        args[at:at + 2] = [str(p) for p in sorted(EXAMPLES.glob("*.txt"))]
    runs = [args]
    for index, arg in enumerate(args):
        if "|" in arg and not arg.startswith(("SELECT", "http")):
            runs = [[*args[:index], choice, *args[index + 1:]] for choice in arg.split("|")]
    return runs


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    """A user's folder, where `imrgraph build` (the README's first line) has built the examples."""
    folder = tmp_path_factory.mktemp("reader")
    build = use_commands()[0]
    assert build.startswith("imrgraph build")
    (args,) = expand(build, folder)
    result = imrgraph(*args, cwd=folder)
    assert result.returncode == 0, result.stderr
    report = json.loads((folder / "out" / "report.json").read_text())
    assert report["letters"] == len(list(EXAMPLES.glob("*.txt"))) and report["rejected"] == 0
    assert (folder / "out" / "graph.html").is_file() and (folder / "out" / "report.html").is_file()
    return folder


def check_output(args: list[str], stdout: str, stderr: str, folder: Path) -> None:
    """What each kind of example must have said or written."""
    name = args[0]
    if name == "extract":
        letters = [json.loads(line) for line in stdout.splitlines()]
        assert len(letters) == len(list(EXAMPLES.glob("*.txt"))) and all(d["items"] for d in letters)
    elif name == "query":
        if "--list" in args:
            assert "determinations-by-drug" in stdout and "overturn-rate-by-service" in stdout
        elif "--format" in args and "csv" in args:
            assert stdout.splitlines()[0] == "n" and int(stdout.splitlines()[1]) == len(list(EXAMPLES.glob("*.txt")))
        else:
            rows = int(re.search(r"\((\d+) rows?\)\s*$", stdout).group(1))
            assert rows >= 1, stdout
    elif name == "viz":
        out = folder / args[args.index("-o") + 1]
        assert "vis.Network" in out.read_text(encoding="utf-8")
        nodes = int(re.search(r"(\d+) nodes", stdout).group(1))
        assert "focus view" in stdout and nodes > 1, stdout
    elif name == "report":
        assert "plotly" in (folder / "out" / "report.html").read_text(encoding="utf-8")
    elif name == "export":
        fmt = args[args.index("--format") + 1]
        written = Path(re.search(r"wrote (\S+) ", stderr).group(1))
        written = written if written.is_absolute() else folder / written
        assert written.exists() and (any(written.iterdir()) if written.is_dir() else written.stat().st_size > 0), fmt
    elif name == "validate":
        assert "0 violations" in stdout
    elif name == "synth":
        out = Path(args[args.index("-o") + 1])
        assert len(list(out.glob("*.txt"))) == int(args[1]) == len(list(out.glob("*.json")))
    else:
        raise AssertionError(f"no check for the README example {args}")


def test_every_command_line_example_runs(scratch):
    commands = use_commands()[1:]
    assert len(commands) >= 10
    ran = []
    for command in commands:
        for args in expand(command, scratch):
            if args[0] == "serve":
                serve_example(args, scratch)
            elif args[0] == "push":
                push_example(args, scratch)
            else:
                result = imrgraph(*args, cwd=scratch)
                assert result.returncode == 0, (args, result.stderr)
                assert "Traceback" not in result.stderr
                check_output(args, result.stdout, result.stderr, scratch)
            ran.append(args[0])
    assert {"extract", "query", "viz", "serve", "report", "export", "push", "validate", "synth"} <= set(ran)


def serve_example(args: list[str], folder: Path) -> None:
    """`imrgraph serve` as written, on a free port (the default may be taken on a shared computer)."""
    port = free_port()
    server = start(*args, "--port", str(port), "--quiet", cwd=folder, stderr=subprocess.PIPE, text=True)
    try:
        line = server.stderr.readline()
        assert f"serving http://127.0.0.1:{port}/" in line, line
        count = "SELECT (COUNT(*) AS ?n) WHERE { ?d a imr:Determination }"
        url = f"http://127.0.0.1:{port}/sparql?" + urllib.parse.urlencode({"query": count})
        with urllib.request.urlopen(url, timeout=60) as response:
            n = json.load(response)["results"]["bindings"][0]["n"]["value"]
        assert int(n) == len(list(EXAMPLES.glob("*.txt")))
        deadline = time.monotonic() + 120
        while True:  # the explorer may still be being drawn: a page that reloads itself says so
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=60) as response:
                page = response.read()
            if b"vis.Network" in page:
                break
            assert b'http-equiv="refresh"' in page and time.monotonic() < deadline, page[:300]
            time.sleep(1)
    finally:
        server.terminate()
        server.wait(timeout=30)


def push_example(args: list[str], folder: Path) -> None:
    """`imrgraph push` to a real Oxigraph server standing where the README's endpoint points."""
    with OxigraphServer(folder / "oxigraph") as server:
        endpoint = args[args.index("--endpoint") + 1]
        args = [*args[:args.index("--endpoint") + 1], re.sub(r"//[^/]+/", f"//127.0.0.1:{server.port}/", endpoint),
                *args[args.index("--endpoint") + 2:]]
        result = imrgraph(*args, cwd=folder)
        assert result.returncode == 0, result.stderr
        count = "SELECT (COUNT(*) AS ?n) WHERE { ?d a <https://w3id.org/imrgraph#Determination> }"
        assert int(server.select(count)[0]["n"]["value"]) == len(list(EXAMPLES.glob("*.txt")))


def test_the_python_api_example_runs(scratch, monkeypatch):
    monkeypatch.chdir(scratch)
    names: dict = {}
    for line in python_block():
        statement = ast.parse(line)
        if isinstance(statement.body[0], ast.Expr):
            value = eval(compile(ast.Expression(statement.body[0].value), "README", "eval"), names)
            assert value is not None and len(value) >= 1, line
            if "networkx(" in line:
                assert value.number_of_nodes() > 1 and value.number_of_edges() >= 1, line
        else:
            exec(compile(statement, "README", "exec"), names)
    assert "g" in names
