"""Read letters and build the graph, explorer and report into OUT.

OUT holds `extractions.jsonl`, `rejected.jsonl`, `report.json`, `store/`, `graph.ttl`,
`graph.html`, `report.html`, and `manifest.sqlite`: which source produced what, committed together
with the store and the JSON lines in batches. That makes builds

- incremental: an input whose size and modification time are unchanged is not read again; a
  changed one is re-extracted and replaces its letter; letters of inputs no longer given are
  removed, so OUT always mirrors the inputs of the last build; an OUT built by another imrgraph
  (other code or vocabularies) is built again from every input;
- resumable: a build killed at any point loses at most its last two batches (the one the store was
  writing and the one gathering); the next build
  (`--resume` repeats the last build's inputs) truncates what was written after the last commit
  and continues, with no duplicate triples or lines. Ctrl-C commits every letter read so far.
- one letter per input: a letter id (case number or text hash) is claimed by the first input of
  the build that gives it; a later input with the same id is rejected naming that one, and no
  letter is removed while an input of this build gives it (so another spelling of a path, or the
  loss of a duplicate, never empties the graph).

OUT is locked for the build's duration (OUT/.build.lock, holding the builder's process id).

`build` returns the summary written to report.json; it says what it does through callbacks
(`progress(done, total)`, `warn(message)`) and raises UserError when it cannot run at all.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import USAGE, UserError
from .pipeline import LETTER_SECONDS

if TYPE_CHECKING:
    from .graph.writer import SerializedLetter

EXAMPLES = Path(__file__).parent / "examples"
COMMIT_LETTERS = 1000
COMMIT_SECONDS = 30.0
CHUNK = 16  # letters per task sent to a worker
LOCK_FILE = ".build.lock"
DUPLICATE = "duplicate letter:"  # the start of the reason an input holding another input's letter is rejected with


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
    workers: int = 1


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
            CREATE INDEX IF NOT EXISTS sources_letter ON sources (letter_id);
            CREATE TEMP TABLE claims (letter_id TEXT PRIMARY KEY, name TEXT, sha256 TEXT);
            """
        )

    def get(self, key: str, default=None):
        row = self.db.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else default

    def put(self, key: str, value) -> None:
        self.db.execute("INSERT OR REPLACE INTO state VALUES (?, ?)", (key, json.dumps(value)))

    def claim(self, letter_id: str, name: str, sha256: str | None) -> tuple[str, str | None] | None:
        """Gives `letter_id` to the input `name` for this build, unless an input read before in this build has
        it: then that input's (name, sha256)."""
        row = self.db.execute("SELECT name, sha256 FROM claims WHERE letter_id = ?", (letter_id,)).fetchone()
        if row:
            return row
        self.db.execute("INSERT INTO claims VALUES (?, ?, ?)", (letter_id, name, sha256))
        return None

    def holder(self, letter_id: str) -> str | None:
        """The input that gives `letter_id` in this build, if one does."""
        row = self.db.execute("SELECT name FROM claims WHERE letter_id = ?", (letter_id,)).fetchone()
        return row[0] if row else None

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
          commit_every: int = COMMIT_LETTERS, letter_seconds: float | None = LETTER_SECONDS) -> dict:
    """Builds `inputs` (default: the bundled examples) into the folder `out`; returns the summary."""
    if workers < 1 or commit_every < 1:
        raise UserError("workers and commit_every must be at least 1", exit_code=USAGE)
    progress, warn = progress or _ignore, warn or _ignore
    started = time.monotonic()
    out = Path(out)
    if not resume:
        inputs = inputs or [str(EXAMPLES)]
        _require_letters(inputs)
    if out.exists() and not out.is_dir():
        raise UserError(f"{out} exists and is not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise UserError(f"cannot write to {out}: {e.strerror or e}") from None
    if not os.access(out, os.W_OK | os.X_OK):
        raise UserError(f"cannot write to {out}: permission denied")
    with _locked(out):
        try:
            return _build(inputs, out, workers, resume, fresh, html, progress, warn, commit_every, letter_seconds,
                          started)
        except OSError as e:  # disk full, a file made read-only: what was committed before stays consistent
            where = f" ({e.filename})" if e.filename else ""
            raise UserError(f"cannot write to {out}{where}: {e.strerror or e}; "
                            f"the letters committed so far are kept") from None


def _require_letters(inputs: list[str]) -> None:
    """Stops a build whose inputs hold nothing to read (a mistyped path, an empty folder) before OUT is touched:
    building it would write an empty graph over the last one."""
    from . import read

    refused = []
    for item in read.discover(inputs):
        if isinstance(item, read.Source):
            return
        if len(refused) < 3:
            refused.append(f"{item.source}: {item.reason}")
    raise UserError("nothing to read: " + "; ".join(refused))


@contextmanager
def _locked(out: Path) -> Iterator[None]:
    """Holds OUT for one build: a second build into the same folder stops before touching anything."""
    import fcntl

    handle = open(out / LOCK_FILE, "a+", encoding="utf-8")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise UserError(f"{out} is being built by {holder}: wait for it to finish or build into another "
                            f"folder") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"process {os.getpid()}\n")
        handle.flush()
        yield
    finally:
        handle.close()


def _build(inputs, out: Path, workers: int, resume: bool, fresh: bool, html: bool, progress: Progress, warn: Warn,
           commit_every: int, letter_seconds: float | None, started: float) -> dict:
    if fresh:
        _clear(out)
    (out / "report.json").unlink(missing_ok=True)  # written only by a build that finishes
    manifest = Manifest(out / "manifest.sqlite")
    if resume:
        if inputs:
            raise UserError("--resume continues the last build with its own inputs: give no INPUT", exit_code=USAGE)
        inputs = manifest.get("inputs")
        if inputs is None:
            raise UserError(f"nothing to resume in {out}")
    made_by = extractor_version()
    if manifest.get("made_by") != made_by and manifest.db.execute("SELECT 1 FROM sources LIMIT 1").fetchone():
        warn(f"{out} was built by another version of imrgraph: every input is read again")
        manifest.db.close()
        _clear(out)
        manifest = Manifest(out / "manifest.sqlite")
    manifest.put("made_by", made_by)
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
        superseded = _run(inputs, manifest, writer, ext_file, rej_file, counts, workers, progress, commit_every,
                          letter_seconds)
        vanished = [row for row in manifest.db.execute("SELECT name, letter_id FROM sources WHERE seen = 0")]
        for _, letter_id in vanished:
            if letter_id and manifest.holder(letter_id) is None:  # not the letter another input now gives
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
        "letters_with_problems": counts.problems, "formats": counts.formats, "workers": counts.workers,
    }
    (out / "report.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return summary


def extractor_version() -> str:
    """What a letter's extraction and triples depend on: imrgraph's version, its source and the ontology."""
    from . import __version__, vocab

    digest = hashlib.sha256(f"{__version__}\0{vocab.fingerprint()}".encode())
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(b"\0" + path.read_bytes())
    return digest.hexdigest()[:24]


def _clear(out: Path) -> None:
    import shutil

    for name in ("store", "manifest.sqlite", "extractions.jsonl", "rejected.jsonl", "graph.ttl", "graph.html",
                 "report.html"):
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
         progress: Progress, commit_every: int, letter_seconds: float | None) -> bool:
    """Stream every source through extraction and commit in batches; True if a letter was replaced."""
    from . import read

    total = sum(1 for _ in read.discover(inputs))
    counts.workers = min(workers, max(1, -(-total // CHUNK)))  # a process per chunk at most: few letters, one
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
        """Sources that need work; unchanged ones are counted and recorded as seen. An unchanged input is read
        again when it was a duplicate (the input it duplicated may be gone) or when its letter was given by an
        input read before it in this build (it is a duplicate now)."""
        for item in read.discover(inputs):
            counts.inputs += 1
            if isinstance(item, read.Rejection):
                yield item
                continue
            row = manifest.source(item.name)
            mtime = stamp(item)
            if row and row[0] == item.size and row[1] == mtime and not (row[6] or "").startswith(DUPLICATE) \
                    and (row[3] is None or manifest.claim(row[3], item.name, row[2]) is None):
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

    def drop_previous(previous, keep: str | None) -> None:
        """Removes the letter an input gave before, unless it is `keep` or another input gives it now."""
        nonlocal superseded
        if previous and previous[3]:
            superseded = True
            if previous[3] != keep and manifest.holder(previous[3]) is None:
                writer.remove(previous[3])

    with _stop_between_letters() as stopped:
        for outcome, source in _outcomes(todo(), counts.workers, letter_seconds):
            counts.processed += 1
            size = source.size if source else None
            mtime = stamp(source) if source else None
            previous = manifest.source(outcome.source) if source else None
            letter: BuiltLetter | None = outcome.determination
            reason = outcome.rejection.reason if letter is None else None
            same_input = False
            if letter is not None:
                earlier = manifest.claim(letter.id, outcome.source, letter.sha256)
                if earlier is not None:
                    same_input = earlier[0] == outcome.source
                    reason = _duplicate(letter, outcome.source, *earlier)
            if reason is None:
                drop_previous(previous, keep=letter.id)
                writer.add_serialized(letter.id, letter.rdf)
                ext_file.write(letter.json_line)
                _count_letter(letter.format, letter.items, letter.has_problems, counts)
                pending_rows.append((outcome.source, size, mtime, letter.sha256, letter.id, letter.items,
                                     letter.format, None, letter.has_problems))
            else:
                if not same_input:
                    drop_previous(previous, keep=None)
                _write_rejection(rej_file, outcome.source, reason)
                counts.rejected += 1
                if source is not None and not same_input:
                    pending_rows.append((outcome.source, size, mtime, None, None, 0, None, reason, False))
            advance()
            if stopped():
                commit(final=True)
                raise KeyboardInterrupt
            if len(pending_rows) >= commit_every or time.monotonic() - last_commit > COMMIT_SECONDS:
                commit()
    commit(final=True)
    return superseded


def _duplicate(letter: BuiltLetter, source: str, earlier: str, earlier_sha256: str | None) -> str:
    if earlier == source:
        return f"{DUPLICATE} the same input given twice"
    if earlier_sha256 == letter.sha256:
        return f"{DUPLICATE} the same text as {earlier}, which is in the graph"
    return f"{DUPLICATE} the same case number {letter.id} as {earlier}, which is in the graph"


@contextmanager
def _stop_between_letters() -> Iterator[Callable[[], bool]]:
    """Ctrl-C stops the build after the letter in hand, so every letter done so far is committed; a second
    Ctrl-C stops it at once (the last commit is still consistent)."""
    if threading.current_thread() is not threading.main_thread():
        yield lambda: False
        return
    asked: list[bool] = []

    def ask(*_) -> None:
        if asked:
            raise KeyboardInterrupt
        asked.append(True)

    before = signal.signal(signal.SIGINT, ask)
    try:
        yield lambda: bool(asked)
    finally:
        signal.signal(signal.SIGINT, before)


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


def _outcomes(sources: Iterator, workers: int, letter_seconds: float | None) -> Iterator[tuple]:
    """(outcome, source) pairs in input order; outcome.determination is a BuiltLetter.

    With several workers, chunks go to a process pool with a bounded look-ahead, so memory stays
    flat and the sources generator (which updates the manifest) only ever runs in this thread. The
    pipeline is built once, here, and the workers are forked after it: they start at once and share it.
    """
    global _WORKER_EXTRACTOR
    from .extract import Extractor

    extractor = Extractor()
    chunks = _chunks(sources)
    if workers == 1:
        for chunk in chunks:
            yield from _work_chunk(chunk, extractor, letter_seconds)
        return
    import multiprocessing
    from collections import deque

    _WORKER_EXTRACTOR = extractor
    with multiprocessing.get_context("fork").Pool(workers, initializer=_init_worker) as pool:
        pending: deque = deque()
        for chunk in chunks:
            pending.append(pool.apply_async(_work_in_worker, (chunk, letter_seconds)))
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


_WORKER_EXTRACTOR = None  # the parent's pipeline, inherited by forked workers


def _init_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops the pool


def _work_in_worker(chunk: list, letter_seconds: float | None) -> list:
    return _work_chunk(chunk, _WORKER_EXTRACTOR, letter_seconds)


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


def _work_chunk(chunk: list, extractor, letter_seconds: float | None) -> list[tuple]:
    """Load, parse, extract and map one chunk to RDF: all the per-letter work, so the one writer
    process only appends bytes (the mapping in the writer made 2 workers no faster than 1)."""
    from . import read
    from .graph import serialize_letter
    from .pipeline import Outcome, process_documents

    documents = [s if isinstance(s, read.Rejection) else read.load(s) for s in chunk]
    texts = {d.source: d.text for d in documents if not isinstance(d, read.Rejection)}
    out = []
    for outcome, source in zip(process_documents(documents, extractor, letter_seconds), chunk):
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
