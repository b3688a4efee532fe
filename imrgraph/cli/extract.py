"""`imrgraph extract`: the extraction JSON (docs/EXTRACTION.md) of each letter, one object per line.

Every rejected input is one line on stderr. Exit status: 1 when no letter was extracted, or with
`--strict` when any input was rejected; else 0.
"""

from __future__ import annotations

import argparse
import json
import sys

from imrgraph.cli import options


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="letters (.txt, .pdf, .zip, folders)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when any input is rejected")
    options.add_letter_seconds(parser)


def run(args: argparse.Namespace) -> int:
    from imrgraph.pipeline import process

    extracted = rejected = 0
    for outcome in process(args.files, letter_seconds=args.letter_seconds):
        if outcome.determination is not None:
            sys.stdout.write(json.dumps(outcome.determination.to_json(), ensure_ascii=False) + "\n")
            extracted += 1
        else:
            rejected += 1
            print(f"imrgraph: rejected {outcome.rejection.source}: {outcome.rejection.reason}", file=sys.stderr)
    sys.stdout.flush()
    if not extracted:
        return 1
    return 1 if rejected and args.strict else 0
