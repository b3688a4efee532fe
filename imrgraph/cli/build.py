"""`imrgraph build`: read letters and build the graph, explorer and report into OUT.

Exit status: 0 when at least one letter is in the graph (rejections are listed in rejected.jsonl
and summarised on stderr); 1 when no input produced a letter; with `--strict`, 1 when any input
was rejected.
"""

from __future__ import annotations

import argparse
import os
import sys

from imrgraph.cli import options
from imrgraph.errors import UserError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from imrgraph.build import COMMIT_LETTERS

    parser.add_argument("inputs", nargs="*", metavar="INPUT",
                        help="letters: .txt, .pdf, .zip, folders (default: the bundled examples)")
    options.add_out(parser, f"output folder (default {options.DEFAULT_OUT}/)", default=options.DEFAULT_OUT,
                    metavar="OUT")
    parser.add_argument("--workers", type=options.positive_int, default=os.cpu_count() or 1,
                        help="extraction processes (default: all cores)")
    parser.add_argument("--resume", action="store_true",
                        help="continue the last (interrupted) build into OUT with the same inputs")
    parser.add_argument("--fresh", action="store_true", help="discard what OUT holds and build from scratch")
    parser.add_argument("--strict", action="store_true", help="exit 1 when any input is rejected")
    parser.add_argument("--no-html", action="store_true", help="skip graph.html and report.html")
    options.add_progress(parser)
    options.add_letter_seconds(parser)
    parser.add_argument("--commit-every", type=options.positive_int, default=COMMIT_LETTERS, metavar="N",
                        help=f"letters per committed batch (default {COMMIT_LETTERS}): the store writes one batch while "
                             f"the next gathers, so a crash redoes at most two batches")


def _warn(message: str) -> None:
    print(f"imrgraph: {message}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    from imrgraph.build import build

    try:
        with options.ProgressBar(args.progress, "letter") as bar:
            summary = build(args.inputs, args.out, workers=args.workers, resume=args.resume, fresh=args.fresh,
                            html=not args.no_html, progress=bar, warn=_warn, commit_every=args.commit_every,
                            letter_seconds=args.letter_seconds)
    except KeyboardInterrupt:
        raise UserError(f"interrupted: the letters read so far are kept; `imrgraph build --resume -o {args.out}` "
                        f"continues with the same inputs and reads only the letters not yet in the graph",
                        exit_code=130) from None
    _warn(f"{summary['letters']} letters, {summary['items']} items, {summary['triples']} triples, "
          f"{summary['rejected']} rejected ({summary['seconds']} s) -> {args.out}")
    if summary["rejected"]:
        _warn(f"rejected inputs and reasons: {args.out / 'rejected.jsonl'}")
    if summary["letters"] == 0:
        return 1
    return 1 if args.strict and summary["rejected"] else 0
