"""Options several commands share, declared once: `--store`, `-o/--out`, `--progress`, and the
argument types that turn a bad value into argparse's usage error (exit 2)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from imrgraph import DEFAULT_OUT, DEFAULT_STORE

__all__ = ["DEFAULT_OUT", "DEFAULT_STORE", "ProgressBar", "add_out", "add_progress", "add_store", "beside_store",
           "non_negative_int", "port", "positive_float", "positive_int"]


def add_store(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--store", type=Path, default=DEFAULT_STORE, metavar="DIR",
                        help=f"the built store: OUT/store of `imrgraph build` (default {DEFAULT_STORE})")


def add_out(parser: argparse.ArgumentParser, help: str, *, default: Path | None = None, required: bool = False,
            metavar: str = "PATH") -> None:
    """`-o/--out` (also spelt `--output`): where a command writes."""
    parser.add_argument("-o", "--out", "--output", dest="out", type=Path, default=default, required=required,
                        metavar=metavar, help=help)


def beside_store(store: Path, name: str) -> Path:
    """The default output of a command that reads a store: beside it, in the build's OUT folder."""
    return Path(store).parent / name


def add_progress(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--progress", choices=["auto", "on", "off"], default="auto",
                        help="progress bar on stderr (default auto: when stderr is a terminal)")


class ProgressBar:
    """A progress callback `(done, total)` drawing a bar on stderr as `--progress` asks."""

    def __init__(self, mode: str, unit: str):
        self.mode, self.unit = mode, unit
        self._bar = None
        self._done = 0

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None:
            from tqdm import tqdm

            show = self.mode == "on" or (self.mode == "auto" and sys.stderr.isatty() and total > 1)
            self._bar = tqdm(total=total, unit=self.unit, disable=not show, file=sys.stderr, smoothing=0.05)
        self._bar.update(done - self._done)
        self._done = done

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _number(convert: Callable, test: Callable, wanted: str) -> Callable[[str], object]:
    def parse(text: str):
        try:
            value = convert(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if not test(value):
            raise argparse.ArgumentTypeError(f"must be {wanted}, got {text}")
        return value

    parse.__name__ = wanted  # argparse names the type in some messages
    return parse


positive_int = _number(int, lambda v: v >= 1, "at least 1")
non_negative_int = _number(int, lambda v: v >= 0, "zero or more")
positive_float = _number(float, lambda v: v > 0, "more than 0")
port = _number(int, lambda v: 0 <= v <= 65535, "0-65535")


def add_letter_seconds(parser: argparse.ArgumentParser) -> None:
    from imrgraph.pipeline import LETTER_SECONDS

    parser.add_argument("--letter-timeout", dest="letter_seconds", type=positive_float, default=LETTER_SECONDS,
                        metavar="SECONDS", help=f"reject a letter that takes longer than this to read, so the others "
                                            f"go on (default {LETTER_SECONDS:g})")
