"""Extraction speed against its floor, and memory against the number of letters.

Generates N synthetic letters (imrgraph.synth, every layout), then in one process:
1. plain `spacy.blank("en")` tokenisation of the same texts (`nlp.pipe`): the floor of any spaCy
   pipeline on this machine;
2. parse + extract of the same texts through the project's pipeline (`parse`, then
   `Extractor.extract_many`, then `to_json()`);
and reports letters per CPU-second of both (CPU time of this process, so other load on the machine
does not skew the ratio), their ratio (target >= 0.60), and resident memory sampled every 500
letters during extraction (target: flat in the number of letters).

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

    # CPU time of this process: other work on the machine does not skew the ratio
    blank = spacy.blank("en")
    start = time.process_time()
    tokens = sum(len(doc) for doc in blank.pipe(texts, batch_size=64))
    tokenise_s = time.process_time() - start

    extractor = Extractor()
    gc.collect()
    base_rss = rss_mb()
    samples = []

    def letters():
        for n, text in enumerate(texts):
            doc = Document(f"synthetic/{n}.txt", text, hashlib.sha256(text.encode()).hexdigest(), "txt")
            yield parse(doc)

    start = time.process_time()
    done = items = 0
    for det in extractor.extract_many(p for p in letters() if not hasattr(p, "reason")):
        det.to_json()
        done += 1
        items += len(det.items)
        if done % 500 == 0:
            samples.append((done, round(rss_mb(), 1)))
    extract_s = time.process_time() - start

    result = {
        "letters": a.letters,
        "extracted": done,
        "items": items,
        "chars_per_letter": round(chars / a.letters),
        "tokens_per_letter": round(tokens / a.letters),
        "tokenise_letters_per_cpu_s": round(a.letters / tokenise_s, 1),
        "extract_letters_per_cpu_s": round(done / extract_s, 1),
        "ratio_extract_to_tokenise": round((done / extract_s) / (a.letters / tokenise_s), 3),
        "rss_mb_before_extract": round(base_rss, 1),
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
