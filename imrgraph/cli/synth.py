"""`imrgraph synth`: N realistic synthetic letters in every layout, each with its truth JSON."""

from __future__ import annotations

import argparse

from imrgraph.cli import options


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("n", metavar="N", type=options.non_negative_int, help="number of letters to write")
    options.add_out(parser, "directory for <id>.txt and <id>.json", required=True, metavar="DIR")
    parser.add_argument("--seed", type=int, default=0, help="random seed (same N and seed give identical files)")
    options.add_progress(parser)


def run(args: argparse.Namespace) -> int:
    from imrgraph.synth import write_corpus

    with options.ProgressBar(args.progress, "letter") as bar:
        written = write_corpus(args.n, args.out, args.seed, progress=bar)
    print(f"wrote {written} letters (.txt + .json) to {args.out}")
    return 0
