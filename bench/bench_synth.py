"""Throughput of the synthetic letter generator, and the extractor's F1 on its letters.

usage: python bench/bench_synth.py [N] [--write] [--f1 300] [--seed S]
Generates N letters in-process (default 20,000) and reports letters/s; with --write also writes them
(`write_corpus`, .txt + .json per letter) into a temporary directory. Peak RSS shows that memory stays
flat however large N is (streaming). Then runs the extractor over --f1 further letters (another seed)
and prints its F1 against their truth, field by field, weakest first: the synthetic wording is written
independently of the extractor's rules, so this measures extraction on wording it was not tuned to.
"""

from __future__ import annotations

import argparse
import hashlib
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from extract_support import Comparison, compare, fold  # noqa: E402

from imrgraph import synth  # noqa: E402


def extraction_f1(n: int, seed: int) -> Comparison:
    from imrgraph.extract import Extractor
    from imrgraph.models import Document
    from imrgraph.pipeline import process_documents

    letters = {f"{letter_id}.txt": (text, truth) for letter_id, text, truth in synth.generate(n, seed)}
    documents = [Document(source, text, hashlib.sha256(text.encode()).hexdigest(), "txt")
                 for source, (text, _) in letters.items()]
    result = Comparison()
    for outcome in process_documents(documents, Extractor()):
        truth = letters[outcome.source][1]
        if outcome.determination is None:
            result.value("letters.read", True, None, truth["id"])
            continue
        got = outcome.determination.to_json()
        compare(result, truth, got)
        for name in ("assigned", "decision", "ur_denial", "application_received"):
            result.value(f"dates.{name}", truth["dates"][name], got["dates"][name], truth["id"])
        for name in ("priority", "treating_physician_specialty"):
            result.value(name, truth[name] and fold(truth[name]), got[name] and fold(got[name]), truth["id"])
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", nargs="?", type=int, default=20_000)
    ap.add_argument("--write", action="store_true", help="also time write_corpus into a temporary directory")
    ap.add_argument("--f1", type=int, default=300, help="letters to extract and score (0: skip)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()

    list(synth.generate(1, args.seed))  # the vocabularies load once per process: not a per-letter cost
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
    if args.f1:
        result = extraction_f1(args.f1, args.seed + 1)
        print(f"extraction F1 on {args.f1} synthetic letters (seed {args.seed + 1}): {result.f1():.3f}")
        for name in sorted(result.fields(), key=result.f1):
            print(f"  {name:40} {result.f1(name):.3f}  (tp {result.tp[name]}, fp {result.fp[name]}, "
                  f"fn {result.fn[name]})")


if __name__ == "__main__":
    main()
