"""Store ingestion benchmark: the CPU a batch size costs the writer and RocksDB.

    python bench/bench_store.py [--letters 4000] [--batches 4000,500,100]

Extracts N synthetic letters (imrgraph.synth) and maps them to N-Quads once, then for each batch size loads them into
a fresh on-disk store with one `bulk_load` per batch, strict and lenient, and reports wall time and
the process CPU of all its threads (the loader's and RocksDB's background compactions) up to and
including `optimize()`: every call ingests files that overlap the whole store, so RocksDB
recompacts it, and that background work grows with the number of calls. Writes
bench/results/store.json and prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import tempfile
import time
from pathlib import Path

from pyoxigraph import RdfFormat, Store

from imrgraph import synth
from imrgraph.extract import Extractor
from imrgraph.graph.writer import serialize_letter
from imrgraph.models import Document
from imrgraph.pipeline import process_documents

RESULTS = Path(__file__).resolve().parent / "results" / "store.json"


def process_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def load(letters: list[bytes], per_call: int, lenient: bool, where: Path) -> dict:
    shutil.rmtree(where, ignore_errors=True)
    store = Store(str(where))
    wall, cpu = time.perf_counter(), process_cpu()
    for i in range(0, len(letters), per_call):
        store.bulk_load(b"".join(letters[i:i + per_call]), format=RdfFormat.N_QUADS, lenient=lenient)
    store.flush()
    loaded = time.perf_counter() - wall
    store.optimize()
    row = {"letters_per_call": per_call, "calls": -(-len(letters) // per_call), "lenient": lenient,
           "load_wall_s": round(loaded, 2), "with_optimize_wall_s": round(time.perf_counter() - wall, 2),
           "cpu_s": round(process_cpu() - cpu, 2), "quads": len(store)}
    del store
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=4000)
    parser.add_argument("--batches", default="4000,500,100")
    args = parser.parse_args()
    letters = []
    texts = {}
    documents = []
    for letter_id, text, _truth in synth.generate(args.letters, seed=7):
        texts[letter_id] = text
        documents.append(Document(letter_id, text, "0" * 64, "txt"))
    for outcome in process_documents(documents, Extractor()):
        if outcome.determination is not None:
            rdf = serialize_letter(outcome.determination.to_json(), texts[outcome.source])
            letters.append(rdf.own + rdf.concepts)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for per_call in map(int, args.batches.split(",")):
            for lenient in (False, True):
                rows.append(load(letters, per_call, lenient, Path(tmp) / "store"))
                print(rows[-1], flush=True)
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps({"letters": args.letters, "runs": rows}, indent=2) + "\n")
    print("| letters/call | calls | lenient | load s | + optimize s | CPU s (all threads) |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['letters_per_call']} | {r['calls']} | {r['lenient']} | {r['load_wall_s']} | "
              f"{r['with_optimize_wall_s']} | {r['cpu_s']} |")


if __name__ == "__main__":
    main()
