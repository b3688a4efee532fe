"""read -> parse -> extract for a stream of inputs, in input order, one outcome per input.

Shared by `extract`, `build` and the build's worker processes, so every caller gets the same
guarantees: each input yields exactly one Outcome (a Determination or a Rejection) and no input
can stop the stream.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from . import read
from .models import Determination, Document, ParsedLetter, Rejection
from .parse import parse

LETTER_SECONDS = 30.0  # a letter takes ~0.05 s to read: one that takes this long is rejected, not waited for
ERROR_CHARS = 200  # of a library's error message in a rejection reason


@dataclass
class Outcome:
    source: str
    determination: Determination | None = None
    rejection: Rejection | None = None


def process(inputs: Iterable[str | Path], extractor=None, letter_seconds: float | None = None) -> Iterator[Outcome]:
    """Every input (files, folders, zips) to its outcome."""
    return process_sources(read.discover(inputs), extractor, letter_seconds)


def process_sources(sources: Iterable[read.Source | Rejection], extractor=None,
                    letter_seconds: float | None = None) -> Iterator[Outcome]:
    """Discovered sources to outcomes, each loaded as its turn comes."""
    from .extract import Extractor

    extractor = extractor or Extractor()
    documents = (s if isinstance(s, Rejection) else read.load(s) for s in sources)
    return process_documents(documents, extractor, letter_seconds)


def process_documents(documents: Iterable[Document | Rejection], extractor,
                      letter_seconds: float | None = None) -> Iterator[Outcome]:
    """Each document read within `letter_seconds` (None: no limit), or rejected with the reason."""
    for item in documents:
        result = item if isinstance(item, Rejection) else _read(item, extractor, letter_seconds)
        if isinstance(result, Rejection):
            yield Outcome(result.source, rejection=result)
        else:
            yield Outcome(result.source, determination=result)


class LetterTimeout(BaseException):
    """Raised into a letter's reading when its time is up (a BaseException, so no `except Exception` on the
    way swallows it)."""


def _read(doc: Document, extractor, seconds: float | None) -> Determination | Rejection:
    if len(doc.text) > extractor.nlp.max_length:
        return Rejection(doc.source, f"too long for a letter: {len(doc.text):,} characters "
                                     f"(limit {extractor.nlp.max_length:,})")
    stage = "parsing"
    try:
        with _time_limit(seconds):
            letter = parse(doc)
            if isinstance(letter, ParsedLetter):
                stage = "extracting"
                return extractor.extract(letter)
            return letter
    except LetterTimeout:
        return Rejection(doc.source, f"took longer than {seconds:g} s to read (the limit per letter): left out so "
                                     f"the other letters go on")
    except Exception as exc:  # a bug must cost one letter, not the batch
        message = " ".join(str(exc).split())
        if len(message) > ERROR_CHARS:
            message = message[:ERROR_CHARS - 3] + "..."
        return Rejection(doc.source, f"internal error while {stage}: {type(exc).__name__}: {message}")


@contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    """Raises LetterTimeout in this thread after `seconds` (a timer signal: it interrupts regular expressions
    too). Only the main thread receives signals: elsewhere, and without `seconds`, no limit."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(*_) -> None:
        raise LetterTimeout

    before = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, before)
