"""`imrgraph` command line: one sub-command per module.

Each command module exposes `add_arguments(parser)` and `run(args) -> int`; this file only wires
them, so a command's options live next to the code that honours them.
"""

from __future__ import annotations

import argparse
import importlib
import sys

# command -> (module, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "build": ("imrgraph.build", "read letters and build the graph, explorer and report into OUT"),
    "extract": ("imrgraph.extract.command", "print the extraction JSON of each letter, one per line"),
    "query": ("imrgraph.query", "run SPARQL over the built store"),
    "viz": ("imrgraph.viz", "write the interactive HTML network"),
    "report": ("imrgraph.report", "write the static HTML report"),
    "export": ("imrgraph.export", "export the graph to other stores and tools"),
    "push": ("imrgraph.push", "upload the graph to a running SPARQL server (Graph Store Protocol)"),
    "serve": ("imrgraph.serve", "read-only SPARQL 1.1 endpoint plus the explorer"),
    "validate": ("imrgraph.validate", "SHACL report of the built store"),
    "synth": ("imrgraph.synth", "write N realistic synthetic letters with their truth JSON"),
}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    top = argparse.ArgumentParser(prog="imrgraph", description="IMR determination letters -> knowledge graph")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    chosen = next((a for a in argv if not a.startswith("-")), None)
    module = None
    for name, (module_name, help_text) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        if name == chosen:  # only the command that runs is imported: start-up stays fast
            module = importlib.import_module(module_name)
            module.add_arguments(p)
    args = top.parse_args(argv)
    try:
        return module.run(args)
    except KeyboardInterrupt:
        print("imrgraph: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
