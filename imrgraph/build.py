"""Read letters and build the graph, explorer and report into OUT.

OUT holds `extractions.jsonl`, `rejected.jsonl`, `report.json`, `store/`, `graph.ttl`,
`graph.html`, `report.html`, and `manifest.sqlite`: which source produced what, committed together
with the store and the JSON lines in batches. That makes builds

- incremental: an input whose size and modification time are unchanged is not read again; a
  changed one is re-extracted and replaces its letter; letters of inputs no longer given are
  removed, so OUT always mirrors the inputs of the last build;
- resumable: a build killed at any point loses at most its last two batches (the one the store was
  writing and the one gathering); the next build
  (`--resume` repeats the last build's inputs) truncates what was written after the last commit
  and continues, with no duplicate triples or lines.

`build` returns the summary written to report.json; it says what it does through callbacks
(`progress(done, total)`, `warn(message)`) and raises UserError when it cannot run at all.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import USAGE, UserError

if TYPE_CHECKING:
    from .graph.writer import SerializedLetter

EXAMPLES = Path(__file__).parent / "examples"
COMMIT_LETTERS = 1000
COMMIT_SECONDS = 30.0
CHUNK = 16  # letters per task sent to a worker


@dataclass
class Counts:
    inputs: int = 0
    letters: int = 0
    items: int = 0
    rejected: int = 0
    processed: int = 0
    unchanged: int = 0
    removed: int = 0
    problems: int = 0
    formats: dict[str, int] = field(default_factory=dict)


class Manifest:
    """OUT/manifest.sqlite: one row per source, and the committed sizes of the JSON-lines files."""

    def __init__(self, path: Path):
        self.db = sqlite3.connect(path)
        self.db.executescript(
            """
            CREATE TABLE IF NOT EXISTS sources (name TEXT PRIMARY KEY, size INTEGER, mtime INTEGER,
                sha256 TEXT, letter_id TEXT, items INTEGER, format TEXT, reason TEXT, problems INTEGER,
                seen INTEGER);
            CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT);
            """
        )

    def get(self, key: str, default=None):
        row = self.db.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else default

    def put(self, key: str, value) -> None:
        self.db.execute("INSERT OR REPLACE INTO state VALUES (?, ?)", (key, json.dumps(value)))

    def source(self, name: str):
        return self.db.execute(
            "SELECT size, mtime, sha256, letter_id, items, format, reason, problems FROM sources WHERE name = ?", (name,)
        ).fetchone()


Progress = Callable[[int, int], None]  # (inputs done, inputs in all)
Warn = Callable[[str], None]  # a one-line warning; the build goes on


def _ignore(*_) -> None:
    pass


def build(inputs: list[str], out: Path, *, workers: int = 1, resume: bool = False, fresh: bool = False,
          html: bool = True, progress: Progress | None = None, warn: Warn | None = None,
          commit_every: int = COMMIT_LETTERS) -> dict:
    """Builds `inputs` (default: the bundled examples) into the folder `out`; returns the summary."""
    if workers < 1 or commit_every < 1:
        raise UserError("workers and commit_every must be at least 1", exit_code=USAGE)
    progress, warn = progress or _ignore, warn or _ignore
    started = time.monotonic()
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise UserError(f"{out} exists and is not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise UserError(f"cannot write to {out}: {e.strerror or e}") from None
    if not os.access(out, os.W_OK | os.X_OK):
        raise UserError(f"cannot write to {out}: permission denied")
    if fresh:
        _clear(out)
    manifest = Manifest(out / "manifest.sqlite")
    if resume:
        if inputs:
            raise UserError("--resume continues the last build with its own inputs: give no INPUT", exit_code=USAGE)
        inputs = manifest.get("inputs")
        if inputs is None:
            raise UserError(f"nothing to resume in {out}")
    elif not inputs:
        inputs = [str(EXAMPLES)]
    if manifest.get("complete") is False:
        warn(f"the last build into {out} was interrupted: its committed letters are kept, the rest is built now")
    manifest.put("inputs", [str(i) for i in inputs])
    manifest.put("complete", False)  # until the end: a build killed before its first commit was interrupted too
    manifest.db.execute("UPDATE sources SET seen = 0")
    manifest.db.commit()

    from .graph import GraphWriter

    extractions = out / "extractions.jsonl"
    _truncate(extractions, manifest.get("extractions_size", 0))
    counts = Counts()
    with open(extractions, "ab") as ext_file, open(out / "rejected.jsonl", "wb") as rej_file:
        writer = GraphWriter(out, batch_letters=None)  # batched by commit()
        superseded = _run(inputs, manifest, writer, ext_file, rej_file, counts, workers, progress, commit_every)
        vanished = [row for row in manifest.db.execute("SELECT name, letter_id FROM sources WHERE seen = 0")]
        for _, letter_id in vanished:
            if letter_id:
                writer.remove(letter_id)
        counts.removed = len(vanished)
        manifest.db.execute("DELETE FROM sources WHERE seen = 0")
        manifest.db.commit()
        graph = writer.close()
    if superseded or vanished:
        _rewrite_extractions(extractions, manifest)
    manifest.put("extractions_size", extractions.stat().st_size)
    manifest.put("complete", True)
    manifest.db.commit()

    if html:
        _html(out, warn)
    summary = {
        "inputs": counts.inputs, "letters": counts.letters, "items": counts.items, "triples": graph["triples"],
        "rejected": counts.rejected, "seconds": round(time.monotonic() - started, 2),
        "processed": counts.processed, "unchanged": counts.unchanged, "removed": counts.removed,
        "letters_with_problems": counts.problems, "formats": counts.formats, "workers": workers,
    }
    (out / "report.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return summary


def _clear(out: Path) -> None:
    import shutil

    for name in ("store", "manifest.sqlite", "extractions.jsonl", "rejected.jsonl", "graph.ttl"):
        path = out / name
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()


def _truncate(path: Path, size: int) -> None:
    """Drop what an interrupted build wrote after its last commit."""
    if path.exists() and path.stat().st_size > size:
        with open(path, "r+b") as f:
            f.truncate(size)
    elif not path.exists():
        path.touch()


def _run(inputs, manifest: Manifest, writer, ext_file, rej_file, counts: Counts, workers: int,
         progress: Progress, commit_every: int) -> bool:
    """Stream every source through extraction and commit in batches; True if a letter was replaced."""
    from . import read

    total = sum(1 for _ in read.discover(inputs))
    done = 0

    def advance() -> None:
        nonlocal done
        done += 1
        progress(done, total)

    progress(0, total)
    superseded = False
    pending_rows: list[tuple] = []
    last_commit = time.monotonic()
    mtimes: dict[str, int] = {}

    def stamp(source) -> int:
        if source.path not in mtimes:
            mtimes.clear()  # one archive or file at a time: keeps memory flat
            try:
                mtimes[source.path] = os.stat(source.path).st_mtime_ns
            except OSError:
                mtimes[source.path] = 0
        return mtimes[source.path]

    def todo() -> Iterator:
        """Sources that need work; unchanged ones are counted and recorded as seen."""
        for item in read.discover(inputs):
            counts.inputs += 1
            if isinstance(item, read.Rejection):
                yield item
                continue
            row = manifest.source(item.name)
            mtime = stamp(item)
            if row and row[0] == item.size and row[1] == mtime:
                _count_unchanged(item.name, row, counts, rej_file)
                manifest.db.execute("UPDATE sources SET seen = 1 WHERE name = ?", (item.name,))
                advance()
                continue
            yield item

    in_flight: tuple | None = None  # (manifest rows, extractions size) of the batch the store is writing

    def commit(final: bool = False) -> None:
        """Records in the manifest the letters known to be in the store. The store writes one batch in
        the background while the next gathers, so a batch's rows are recorded at the commit after its
        own (or at the final one)."""
        nonlocal pending_rows, last_commit, in_flight
        ext_file.flush()
        os.fsync(ext_file.fileno())
        rej_file.flush()
        batch = (pending_rows, ext_file.tell())
        pending_rows = []
        if final:
            writer.flush()
            written, in_flight = [in_flight, batch], None
        else:
            writer.write_batch()  # returns once the batch before is in the store
            written, in_flight = [in_flight], batch
        for rows, size in filter(None, written):
            manifest.db.executemany("INSERT OR REPLACE INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)", rows)
            manifest.put("extractions_size", size)
        manifest.put("complete", False)
        manifest.db.commit()
        last_commit = time.monotonic()

    for outcome, source in _outcomes(todo(), workers):
        counts.processed += 1
        size = source.size if source else None
        mtime = stamp(source) if source else None
        previous = manifest.source(outcome.source) if source else None
        if outcome.determination is not None:
            letter: BuiltLetter = outcome.determination
            if previous and previous[3]:
                superseded = True
                if previous[3] != letter.id:
                    writer.remove(previous[3])
            writer.add_serialized(letter.id, letter.rdf)
            ext_file.write(letter.json_line)
            _count_letter(letter.format, letter.items, letter.has_problems, counts)
            pending_rows.append((outcome.source, size, mtime, letter.sha256, letter.id, letter.items,
                                 letter.format, None, letter.has_problems))
        else:
            rejection = outcome.rejection
            if previous and previous[3]:
                superseded = True
                writer.remove(previous[3])
            _write_rejection(rej_file, rejection.source, rejection.reason)
            counts.rejected += 1
            if source is not None:
                pending_rows.append((rejection.source, size, mtime, None, None, 0, None, rejection.reason, False))
        advance()
        if len(pending_rows) >= commit_every or time.monotonic() - last_commit > COMMIT_SECONDS:
            commit()
    commit(final=True)
    return superseded


def _count_letter(fmt: str, items: int, problems: bool, counts: Counts) -> None:
    counts.letters += 1
    counts.items += items
    counts.problems += problems
    counts.formats[fmt] = counts.formats.get(fmt, 0) + 1


def _count_unchanged(name: str, row, counts: Counts, rej_file) -> None:
    counts.unchanged += 1
    if row[3]:
        _count_letter(row[5], row[4], bool(row[7]), counts)
    else:
        _write_rejection(rej_file, name, row[6])
        counts.rejected += 1


def _write_rejection(rej_file, source: str, reason: str) -> None:
    rej_file.write((json.dumps({"source": source, "reason": reason}, ensure_ascii=False) + "\n").encode("utf-8"))


def _outcomes(sources: Iterator, workers: int) -> Iterator[tuple]:
    """(outcome, source) pairs in input order; outcome.determination is a BuiltLetter.

    With several workers, chunks go to a process pool with a bounded look-ahead, so memory stays
    flat and the sources generator (which updates the manifest) only ever runs in this thread.
    """
    chunks = _chunks(sources)
    if workers == 1:
        from .extract import Extractor

        extractor = Extractor()
        for chunk in chunks:
            yield from _work_chunk(chunk, extractor)
        return
    import multiprocessing
    from collections import deque

    with multiprocessing.get_context("fork").Pool(workers, initializer=_init_worker) as pool:
        pending: deque = deque()
        for chunk in chunks:
            pending.append(pool.apply_async(_work_in_worker, (chunk,)))
            if len(pending) >= 4 * workers:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


def _chunks(sources: Iterator, size: int = CHUNK) -> Iterator[list]:
    chunk = []
    for s in sources:
        chunk.append(s)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


_WORKER_EXTRACTOR = None


def _init_worker() -> None:
    global _WORKER_EXTRACTOR
    from .extract import Extractor

    _WORKER_EXTRACTOR = Extractor()


def _work_in_worker(chunk: list) -> list:
    return _work_chunk(chunk, _WORKER_EXTRACTOR)


@dataclass(frozen=True)
class BuiltLetter:
    """What a worker hands the writer for one letter: its JSON line and its RDF, ready to store."""

    id: str
    format: str
    sha256: str
    items: int
    has_problems: bool
    json_line: bytes
    rdf: SerializedLetter


def _work_chunk(chunk: list, extractor) -> list[tuple]:
    """Load, parse, extract and map one chunk to RDF: all the per-letter work, so the one writer
    process only appends bytes (the mapping in the writer made 2 workers no faster than 1)."""
    from . import read
    from .graph import serialize_letter
    from .pipeline import Outcome, process_documents

    documents = [s if isinstance(s, read.Rejection) else read.load(s) for s in chunk]
    texts = {d.source: d.text for d in documents if not isinstance(d, read.Rejection)}
    out = []
    for outcome, source in zip(process_documents(documents, extractor), chunk):
        if outcome.determination is not None:
            det = outcome.determination.to_json()
            letter = BuiltLetter(det["id"], det["format"], det["sha256"], len(det["items"]), bool(det["problems"]),
                                 (json.dumps(det, ensure_ascii=False) + "\n").encode("utf-8"),
                                 serialize_letter(det, texts[det["source"]]))
            outcome = Outcome(outcome.source, determination=letter)
        out.append((outcome, source if isinstance(source, read.Source) else None))
    return out


def _rewrite_extractions(path: Path, manifest: Manifest) -> None:
    """Keep only the lines of current letters (drops replaced and removed ones), streaming."""
    tmp = path.with_suffix(".jsonl.tmp")
    with open(path, encoding="utf-8") as src, open(tmp, "w", encoding="utf-8") as dst:
        for line in src:
            det = json.loads(line)
            row = manifest.source(det["source"])
            if row and row[2] == det.get("sha256") and row[3] == det["id"]:
                dst.write(line)
    os.replace(tmp, path)


def _html(out: Path, warn: Warn) -> None:
    """The explorer and the report, saying each step as it starts (through `warn`, the build's one-line
    channel); a failure here must not lose the built graph."""
    for name, write in (("graph.html", _write_viz), ("report.html", _write_report)):
        try:
            write(out / "store", out / name, warn)
        except Exception as exc:  # the graph is built; say what is missing and go on
            warn(f"could not write {name}: {type(exc).__name__}: {exc}")


def _write_viz(store: Path, target: Path, progress: Warn) -> None:
    from .viz import write_html

    write_html(store, target, progress=progress)


def _write_report(store: Path, target: Path, progress: Warn) -> None:
    from .report import write_report

    write_report(store, target, progress=progress)
