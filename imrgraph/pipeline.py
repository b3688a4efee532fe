"""read -> parse -> extract for a stream of inputs, in input order, one outcome per input.

Shared by `extract`, `build` and the build's worker processes, so every caller gets the same
guarantees: each input yields exactly one Outcome (a Determination or a Rejection) and no input
can stop the stream.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from . import read
from .models import Determination, Document, ParsedLetter, Rejection
from .parse import parse

CHUNK = 32


@dataclass
class Outcome:
    source: str
    determination: Determination | None = None
    rejection: Rejection | None = None


def process(inputs: Iterable[str | Path], extractor=None) -> Iterator[Outcome]:
    """Every input (files, folders, zips) to its outcome."""
    return process_sources(read.discover(inputs), extractor)


def process_sources(sources: Iterable[read.Source | Rejection], extractor=None) -> Iterator[Outcome]:
    """Discovered sources to outcomes, in chunks so the spaCy pipeline can batch."""
    from .extract import Extractor

    extractor = extractor or Extractor()
    it = iter(sources)
    while chunk := list(islice(it, CHUNK)):
        yield from _chunk([s if isinstance(s, Rejection) else read.load(s) for s in chunk], extractor)


def process_documents(documents: Iterable[Document | Rejection], extractor) -> Iterator[Outcome]:
    it = iter(documents)
    while chunk := list(islice(it, CHUNK)):
        yield from _chunk(chunk, extractor)


def _chunk(loaded: list[Document | Rejection], extractor) -> Iterator[Outcome]:
    parsed = [item if isinstance(item, Rejection) else _parse(item) for item in loaded]
    letters = [p for p in parsed if isinstance(p, ParsedLetter)]
    results = dict(zip((id(x) for x in letters), _extract_all(letters, extractor)))
    for p in parsed:
        if isinstance(p, Rejection):
            yield Outcome(p.source, rejection=p)
        else:
            result = results[id(p)]
            if isinstance(result, Rejection):
                yield Outcome(result.source, rejection=result)
            else:
                yield Outcome(result.source, determination=result)


def _parse(doc: Document) -> ParsedLetter | Rejection:
    try:
        return parse(doc)
    except Exception as exc:  # a parser bug must cost one letter, not the batch
        return Rejection(doc.source, f"internal error while parsing: {type(exc).__name__}: {exc}")


def _extract_all(letters: list[ParsedLetter], extractor) -> list[Determination | Rejection]:
    try:
        return list(extractor.extract_many(letters))
    except Exception:
        out: list[Determination | Rejection] = []
        for letter in letters:  # find the one letter that fails, keep the others
            try:
                out.append(extractor.extract(letter))
            except Exception as exc:
                out.append(Rejection(letter.document.source,
                                     f"internal error while extracting: {type(exc).__name__}: {exc}"))
        return out
