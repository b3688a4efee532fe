"""Throughput and memory of the synthetic letter generator.

usage: python bench/bench_synth.py [N] [--write]
Generates N letters in-process (default 20,000) and reports letters/s; with --write also writes them
(`write_corpus`, .txt + .json per letter) into a temporary directory. Peak RSS is printed to show
that memory stays flat however large N is (streaming).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
import time
from pathlib import Path

from imrgraph import synth


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", nargs="?", type=int, default=20_000)
    ap.add_argument("--write", action="store_true", help="also time write_corpus into a temporary directory")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()

    start, cpu = time.perf_counter(), time.process_time()
    chars = sum(len(text) for _, text, _ in synth.generate(args.n, args.seed))
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    # CPU seconds too: on a shared machine the wall clock also counts other processes' turns
    print(f"generate: {args.n} letters in {seconds:.2f} s = {args.n / seconds:,.0f} letters/s "
          f"({args.n / cpu:,.0f} per CPU-second; {chars / args.n:,.0f} chars/letter)")
    if args.write:
        out = Path(tempfile.mkdtemp(prefix="bench-synth-"))
        try:
            start, cpu = time.perf_counter(), time.process_time()
            synth.write_corpus(args.n, out, args.seed)
            seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
            print(f"write_corpus: {args.n} letters in {seconds:.2f} s = {args.n / seconds:,.0f} letters/s "
                  f"({args.n / cpu:,.0f} per CPU-second)")
        finally:
            shutil.rmtree(out)
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
