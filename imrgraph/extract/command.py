"""Print the extraction JSON (CONTRACT section 2) of each letter, one object per line."""

from __future__ import annotations

import argparse
import json
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="letters (.txt, .pdf, .zip, folders)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when any input is rejected")


def run(args: argparse.Namespace) -> int:
    from ..pipeline import process

    rejected = 0
    for outcome in process(args.files):
        if outcome.determination is not None:
            sys.stdout.write(json.dumps(outcome.determination.to_json(), ensure_ascii=False) + "\n")
        else:
            rejected += 1
            print(f"imrgraph: rejected {outcome.rejection.source}: {outcome.rejection.reason}", file=sys.stderr)
    sys.stdout.flush()
    return 1 if rejected and args.strict else 0
