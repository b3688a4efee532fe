"""Extraction speed against its floor, and memory against the number of letters.

Generates N synthetic letters (imrgraph.synth, every layout), then in one process:
1. plain `spacy.blank("en")` tokenisation of the same texts (`nlp.pipe`): the floor of any spaCy
   pipeline on this machine;
2. parse + extract of the same texts through the project's pipeline (`parse`, then
   `Extractor.extract_many`, then `to_json()`);
and reports letters per CPU-second of both (CPU time of this process, so other load on the machine
does not skew the ratio; the two run in alternating slices of 100 letters, so a change in the
machine's speed during the run weighs on both), their ratio (target >= 0.60), and resident memory
sampled every 500 letters (target: flat in the number of letters).

    python bench/bench_extract.py [--letters 3000] [--seed 1] [--json bench/results/extract.json]
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import resource
import sys
import time
from pathlib import Path


def rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


CHUNK = 100


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--letters", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json", type=Path, default=None, help="also write the numbers here")
    a = ap.parse_args(argv)

    import spacy

    from imrgraph.extract import Extractor
    from imrgraph.models import Document
    from imrgraph.parse import parse
    from imrgraph.synth import generate

    texts = [text for _, text, _ in generate(a.letters, seed=a.seed)]
    chars = sum(map(len, texts))

    blank = spacy.blank("en")
    extractor = Extractor()
    gc.collect()
    base_rss = rss_mb()
    samples = []
    tokens = done = items = 0
    tokenise_s = extract_s = 0.0

    # CPU time of this process, so other work on the machine does not count; the two are measured
    # in alternating slices of CHUNK letters, so a machine that slows down or speeds up during the
    # run (a shared VM) weighs on both alike
    for first in range(0, len(texts), CHUNK):
        chunk = texts[first:first + CHUNK]
        start = time.process_time()
        tokens += sum(len(doc) for doc in blank.pipe(chunk, batch_size=64))
        tokenise_s += time.process_time() - start

        start = time.process_time()
        letters = (parse(Document(f"synthetic/{first + n}.txt", text, hashlib.sha256(text.encode()).hexdigest(), "txt"))
                   for n, text in enumerate(chunk))
        for det in extractor.extract_many(p for p in letters if not hasattr(p, "reason")):
            det.to_json()
            done += 1
            items += len(det.items)
        extract_s += time.process_time() - start
        if (first + len(chunk)) % 500 == 0:
            samples.append((first + len(chunk), round(rss_mb(), 1)))

    result = {
        "letters": a.letters,
        "extracted": done,
        "items": items,
        "chars_per_letter": round(chars / a.letters),
        "tokens_per_letter": round(tokens / a.letters),
        "tokenise_letters_per_cpu_s": round(a.letters / tokenise_s, 1),
        "extract_letters_per_cpu_s": round(done / extract_s, 1),
        "ratio_extract_to_tokenise": round((done / extract_s) / (a.letters / tokenise_s), 3),
        "rss_mb_at_start": round(base_rss, 1),
        "rss_mb_samples": samples,
        "rss_growth_mb_first_to_last_sample": round(samples[-1][1] - samples[0][1], 1) if samples else None,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    print(json.dumps(result, indent=2))
    if a.json:
        a.json.parent.mkdir(parents=True, exist_ok=True)
        a.json.write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
