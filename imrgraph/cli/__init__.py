"""`imrgraph` command line: one sub-command per module of this package.

Each command module exposes `add_arguments(parser)` and `run(args) -> int`; only the chosen one is
imported, so `imrgraph --help` and start-up stay fast. This is the one place that turns a
`UserError` into `imrgraph: <message>` on stderr and its exit code: 0 success, 1 the job failed or
found problems, 2 bad usage or options (argparse's own code).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from imrgraph import __version__
from imrgraph.errors import UserError

# command -> one-line help; the module is imrgraph.cli.<command>
COMMANDS: dict[str, str] = {
    "build": "read letters and build the graph, explorer and report into OUT",
    "extract": "print the extraction JSON of each letter, one per line",
    "query": "run SPARQL over the built store",
    "viz": "write the interactive HTML network",
    "report": "write the static HTML report",
    "export": "export the graph to other stores and tools",
    "push": "upload the graph to a running SPARQL server (Graph Store Protocol)",
    "serve": "read-only SPARQL 1.1 endpoint plus the explorer",
    "validate": "SHACL report of the built store",
    "synth": "write N realistic synthetic letters with their truth JSON",
}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    top = argparse.ArgumentParser(prog="imrgraph", description="IMR determination letters -> knowledge graph")
    top.add_argument("--version", action="version", version=f"imrgraph {__version__}")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    chosen = next((a for a in argv if not a.startswith("-")), None)
    module = None
    for name, help_text in COMMANDS.items():
        parser = sub.add_parser(name, help=help_text, description=help_text)
        if name == chosen:
            module = importlib.import_module(f"imrgraph.cli.{name}")
            module.add_arguments(parser)
    args = top.parse_args(argv)
    try:
        return module.run(args)
    except UserError as error:
        print(f"imrgraph: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("imrgraph: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader went away (`imrgraph extract ... | head`): nothing more to say, and nothing to
        # flush at exit either, or Python reports the broken pipe again
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
