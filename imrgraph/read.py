"""Read stage: input paths -> `Source` references -> `Document` (text as read) or `Rejection`.

Two steps so a build can show a progress bar with a known total and load in worker processes:
`discover()` lists every input cheaply (folders, zip listings) and `load()` reads one `Source`
(a small picklable reference). `read_inputs()` chains them. Neither raises for bad input: every
input yields exactly one `Document` or one `Rejection` with a one-line reason.

Discovery rules
- Inputs are `.txt`, `.pdf` and `.zip` files (extension, case-insensitive) and folders.
- Folders are walked recursively in sorted name order (deterministic). Hidden entries (name
  starting with ".", e.g. `.DS_Store`, `.git/`) are skipped; anything else that is not a letter
  file is rejected ("unsupported file type .docx"), never dropped silently. No attempt is made to
  recognise the tool's own outputs: point the build at letters, not at `out/`.
  A folder given on the command line that holds no visible file is rejected ("empty folder").
  A `.json` file beside a letter of the same name (`x.json` beside `x.txt` or `x.pdf`: the truth
  `imrgraph synth` writes) is read as nothing, like a hidden file; given on its own it is rejected.
  Symbolic links are followed; a folder reached twice (link loop) is walked once.
- A path given explicitly is read whatever its name (hidden or not); a missing path, a broken
  link, a device or pipe is rejected.
- Zip archives: members are listed in sorted order, directories and hidden/`__MACOSX` members
  skipped, other members handled like folder files. A member whose name steps out of the archive
  (`../x.txt`, `/x.txt`) is rejected ("named outside the archive"), never read. Nested zips are opened up to
  `ReadLimits.max_zip_depth` levels (the archive on disk is level 1). Limits against zip bombs:
  a member whose compression ratio exceeds `max_zip_ratio` (members under 1 MiB are exempt: they
  cannot exhaust anything) is rejected by itself and the other members are still read; an
  archive with more than `max_zip_members` members or more than `max_zip_total` uncompressed
  bytes - counting the members of nested zips - is rejected whole, before anything is inflated.
  Reads are also bounded by `max_bytes`, so a member that lies about its size cannot blow up.
  Nothing is extracted to disk (no path traversal). `load` keeps the archive it read last open
  (per process), since members arrive one after another: a 25,000-member zip loads in ~1 s.
- Names: `Source.name` (and so `Document.source` / `Rejection.source`) is the path as given,
  joined with folder entries; zip members are `archive.zip!member.txt`, nested ones
  `archive.zip!inner.zip!member.txt`.

Text as read
- `Document.text` is what later stages index into (evidence spans are offsets into it), so it is
  the decoded text with only two changes: line breaks `\\r\\n` and lone `\\r` become `\\n`, and NUL
  characters are dropped. `Document.sha256` is of the raw bytes.
- `.txt` decoding: a byte-order mark selects UTF-8 or UTF-16; otherwise strict UTF-8, then
  cp1252, then latin-1 (accepted only if it yields few C1 control characters). A file with more
  than 1% control characters (NUL, other C0 controls except tab/newline/form feed) is
  "binary file, not text".
- `.pdf`: the text layer via pypdfium2 (PDFium; Apache-2.0/BSD), chosen by measurement in
  bench/bench_pdf.py: the most faithful text and line structure of the permissive libraries and
  the fastest. Pages are joined with "\\n", each page's text kept as extracted. No OCR: a PDF with
  no text layer is rejected, as are encrypted, truncated (no `%%EOF` marker at the end: a cut
  letter would silently lose its decisions) and corrupt PDFs. PDFium is not thread-safe: run
  `load` in processes, not threads.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import lzma
import os
import re
import stat
import zipfile
import zlib
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from imrgraph.models import Document, Rejection

LETTER_KINDS = {".txt": "txt", ".pdf": "pdf"}
ZIP_SUFFIX = ".zip"
COMPANION_SUFFIX = ".json"
RATIO_EXEMPT_BYTES = 1 << 20  # members smaller than this cannot exhaust memory or disk at any ratio
CONTROL_SHARE_LIMIT = 0.01
EMPTY_ZIP = "empty zip (no visible members)"
TRIED_ENCODINGS = "utf-8, cp1252, latin-1"

_C0_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")  # tab, LF, VT, FF, CR are text
_C1_CONTROLS = re.compile(r"[\x80-\x9f]")
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
         (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
         (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"))


@dataclass(frozen=True)
class Source:
    """A picklable reference to one input: a file, or a member of a zip archive."""

    path: str  # the file on disk (the archive for zip members)
    member: str | None  # zip member name ("inner.zip!x.txt" inside a nested zip), else None
    size: int  # bytes (uncompressed size for members)

    @property
    def name(self) -> str:
        return self.path if self.member is None else f"{self.path}!{self.member}"


@dataclass(frozen=True)
class ReadLimits:
    max_bytes: int = 64 * 1024 * 1024  # per input (a letter is ~5-60 KB)
    max_zip_members: int = 100_000
    max_zip_total: int = 2 * 1024**3  # uncompressed bytes per archive, nested zips included
    max_zip_ratio: int = 200  # per member uncompressed/compressed (zip bomb)
    max_zip_depth: int = 2  # the archive on disk is level 1


DEFAULT_LIMITS = ReadLimits()


class UnreadableInput(Exception):
    """Raised inside this module with the one-line reason an input is rejected."""

    @property
    def reason(self) -> str:
        return str(self.args[0])


def human_size(n: int) -> str:
    """1073741824 -> '1.0 GB', 67108864 -> '64 MB'."""
    units = ("B", "KB", "MB", "GB", "TB")
    value, power = float(n), 0
    while value >= 1024 and power < len(units) - 1:
        value /= 1024
        power += 1
    if power == 0:
        return f"{n} B"
    return f"{value:.1f} {units[power]}" if value < 10 else f"{value:.0f} {units[power]}"


def _too_large(size: int, limits: ReadLimits) -> str:
    return f"file too large: {human_size(size)} (limit {human_size(limits.max_bytes)})"


def _unsupported(name: str) -> str:
    suffix = Path(name).suffix.lower()
    return f"unsupported file type {suffix}" if suffix else "unsupported file type (no extension)"


def _is_hidden(part: str) -> bool:
    return part.startswith(".") or part == "__MACOSX"


def _is_companion(name: str, beside: Collection[str]) -> bool:
    """A `.json` beside a letter of the same name (the truth `imrgraph synth` writes): not an input."""
    stem, suffix = os.path.splitext(name)
    return suffix.lower() == COMPANION_SUFFIX and any(stem + kind in beside for kind in LETTER_KINDS)


def _leaves_archive(member: str) -> bool:
    """A member name with a '..' step or an absolute path: written out, it would land outside the folder."""
    parts = re.split(r"[/\\]", member)
    return ".." in parts or member.startswith(("/", "\\")) or bool(re.match(r"[A-Za-z]:", member))


# --- discovery ---------------------------------------------------------------------------------

def discover(inputs: Iterable[str | Path], limits: ReadLimits = DEFAULT_LIMITS) -> Iterator[Source | Rejection]:
    """Every letter reference (or rejection) under `inputs`, in a deterministic order."""
    for given in inputs:
        path = os.fspath(given)  # files and zips always yield something; only a folder can vanish
        yield from _or_empty(_walk(path, limits, visited=set()), path, "empty folder (no visible files)")


def _walk(path: str, limits: ReadLimits, visited: set[tuple[int, int]]) -> Iterator[Source | Rejection]:
    try:
        info = os.stat(path)
    except FileNotFoundError:
        yield Rejection(path, "broken symbolic link" if os.path.islink(path) else "no such file or folder")
        return
    except OSError as e:
        yield Rejection(path, f"cannot access: {e.strerror or _one_line(e)}")
        return
    if stat.S_ISDIR(info.st_mode):
        if (info.st_dev, info.st_ino) in visited:
            return
        visited.add((info.st_dev, info.st_ino))
        try:
            names = sorted(os.listdir(path))
        except OSError as e:
            yield Rejection(path, f"cannot list folder: {e.strerror or _one_line(e)}")
            return
        for name in names:
            if not _is_hidden(name) and not _is_companion(name, names):
                yield from _walk(os.path.join(path, name), limits, visited)
    elif not stat.S_ISREG(info.st_mode):
        yield Rejection(path, "not a regular file")
    else:
        suffix = Path(path).suffix.lower()
        if suffix in LETTER_KINDS:
            yield Source(path, None, info.st_size)
        elif suffix == ZIP_SUFFIX:
            yield from _zip_file(path, limits)
        else:
            yield Rejection(path, _unsupported(path))


@dataclass
class _ZipBudget:
    """What one archive on disk may still expand to, its nested zips included."""

    members: int
    total: int


def _zip_file(path: str, limits: ReadLimits) -> Iterator[Source | Rejection]:
    try:
        archive = _open_zip(path)
    except UnreadableInput as e:
        yield Rejection(path, e.reason)
        return
    with archive:
        budget = _ZipBudget(limits.max_zip_members, limits.max_zip_total)
        problem = _over_budget(archive, budget, nested=False)
        if problem:
            yield Rejection(path, problem)
            return
        yield from _or_empty(_zip_members(archive, path, "", 1, limits, budget), path, EMPTY_ZIP)


def _or_empty(items: Iterator[Source | Rejection], name: str, reason: str) -> Iterator[Source | Rejection]:
    """`items`, or a rejection of `name` when a folder or archive holds nothing to read."""
    empty = True
    for item in items:
        empty = False
        yield item
    if empty:
        yield Rejection(name, reason)


def _over_budget(archive: zipfile.ZipFile, budget: _ZipBudget, nested: bool) -> str | None:
    """Charge an archive's listing to the budget; the reason it does not fit, if it does not."""
    infos = archive.infolist()
    total = sum(i.file_size for i in infos)
    left = " left, nested zips included" if nested else ""
    if len(infos) > budget.members:
        return f"zip bomb suspected: {len(infos):,} members (limit {budget.members:,}{left})"
    if total > budget.total:
        return f"zip bomb suspected: expands to {human_size(total)} (limit {human_size(budget.total)}{left})"
    budget.members -= len(infos)
    budget.total -= total
    return None


def _zip_members(archive: zipfile.ZipFile, path: str, prefix: str, depth: int, limits: ReadLimits,
                 budget: _ZipBudget) -> Iterator[Source | Rejection]:
    names = {i.filename for i in archive.infolist()}
    for info in sorted(archive.infolist(), key=lambda i: i.filename):
        if not info.filename:  # a damaged directory entry
            yield Rejection(f"{path}!{prefix}", "zip member without a name")
            continue
        member = prefix + info.filename
        name = f"{path}!{member}"
        if _leaves_archive(info.filename):
            yield Rejection(name, "zip member named outside the archive ('..' or an absolute path): refused")
            continue
        if info.is_dir() or any(_is_hidden(part) for part in info.filename.split("/")) \
                or _is_companion(info.filename, names):
            continue
        suffix = Path(info.filename).suffix.lower()
        ratio = info.file_size / max(info.compress_size, 1)
        if suffix not in LETTER_KINDS and suffix != ZIP_SUFFIX:
            yield Rejection(name, _unsupported(info.filename))
        elif info.flag_bits & 0x1:
            yield Rejection(name, "encrypted zip member (password protected)")
        elif info.file_size > RATIO_EXEMPT_BYTES and ratio > limits.max_zip_ratio:
            yield Rejection(name, f"zip bomb suspected: {human_size(info.file_size)} compressed "
                                  f"{ratio:,.0f}:1 (limit {limits.max_zip_ratio}:1)")
        elif suffix in LETTER_KINDS:
            yield Source(path, member, info.file_size)
        elif depth >= limits.max_zip_depth:
            yield Rejection(name, f"zip nested more than {limits.max_zip_depth} levels deep")
        elif info.file_size > limits.max_bytes:
            yield Rejection(name, _too_large(info.file_size, limits))
        else:
            yield from _nested_zip(archive, info, path, member, depth, limits, budget)


def _nested_zip(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: str, member: str, depth: int,
                limits: ReadLimits, budget: _ZipBudget) -> Iterator[Source | Rejection]:
    name = f"{path}!{member}"
    try:
        inner = _open_nested(archive, info.filename, limits)
    except UnreadableInput as e:
        yield Rejection(name, e.reason)
        return
    with inner:
        problem = _over_budget(inner, budget, nested=True)
        if problem:
            yield Rejection(name, problem)
            return
        yield from _or_empty(_zip_members(inner, path, member + "!", depth + 1, limits, budget), name, EMPTY_ZIP)


# --- loading -----------------------------------------------------------------------------------

def load(source: Source, limits: ReadLimits = DEFAULT_LIMITS) -> Document | Rejection:
    """Read one input; a `Rejection` with a one-line reason for anything that is not a letter."""
    kind = LETTER_KINDS.get(Path(source.member or source.path).suffix.lower())
    if kind is None:
        return Rejection(source.name, _unsupported(source.member or source.path))
    try:
        data = _source_bytes(source, limits)
        text = decode_text(data) if kind == "txt" else pdf_text(data)
    except UnreadableInput as e:
        return Rejection(source.name, e.reason)
    return Document(source=source.name, text=text, sha256=hashlib.sha256(data).hexdigest(), kind=kind)


def read_inputs(inputs: Iterable[str | Path], limits: ReadLimits = DEFAULT_LIMITS) -> Iterator[Document | Rejection]:
    """`discover` then `load`: one `Document` or `Rejection` per input, in discovery order."""
    for item in discover(inputs, limits):
        yield item if isinstance(item, Rejection) else load(item, limits)


def _source_bytes(source: Source, limits: ReadLimits) -> bytes:
    if source.size > limits.max_bytes:
        raise UnreadableInput(_too_large(source.size, limits))
    if source.member is None:
        try:
            with open(source.path, "rb") as f:
                data = f.read(limits.max_bytes + 1)
        except OSError as e:
            raise UnreadableInput(f"cannot read file: {e.strerror or _one_line(e)}") from None
        if len(data) > limits.max_bytes:  # the file grew since discovery
            raise UnreadableInput(_too_large(os.path.getsize(source.path), limits))
        return data
    try:
        on_disk = os.stat(source.path)
    except OSError as e:
        raise UnreadableInput(f"cannot read file: {e.strerror or _one_line(e)}") from None
    _ARCHIVES.use((source.path, on_disk.st_mtime_ns, on_disk.st_size))
    archive = _ARCHIVES.get("", lambda: _open_zip(source.path))
    return _member_bytes(archive, "", source.member, limits)


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split()) or type(error).__name__


def _open_zip(file: str | io.BytesIO) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(file)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, ValueError) as e:
        raise UnreadableInput(f"corrupt zip: {_one_line(e)}") from None
    except OSError as e:
        raise UnreadableInput(f"cannot read file: {e.strerror or _one_line(e)}") from None


class _OpenArchives:
    """The archives of the zip file on disk read last, kept open between `load` calls.

    Discovery lists an archive's members one after another; opening it again for each member
    parses its whole directory each time (quadratic: 2,000 members of a 20,000-member zip took
    6 minutes). Only the chain of nested archives in use stays open, to bound memory.
    """

    def __init__(self) -> None:
        self._disk: tuple[str, int, int] | None = None  # path, mtime, size: reopen if it changed
        self._open: dict[str, zipfile.ZipFile] = {}  # "" = the file on disk, else "inner.zip!..."

    def use(self, disk: tuple[str, int, int]) -> None:
        if disk != self._disk:
            self._close(list(self._open))
            self._disk = disk

    def get(self, chain: str, open_archive: Callable[[], zipfile.ZipFile]) -> zipfile.ZipFile:
        if chain not in self._open:
            self._close([k for k in self._open if k and not chain.startswith(k + "!")])
            self._open[chain] = open_archive()
        return self._open[chain]

    def _close(self, chains: list[str]) -> None:
        for chain in chains:
            self._open.pop(chain).close()


_ARCHIVES = _OpenArchives()


def _has(archive: zipfile.ZipFile, member: str) -> bool:
    try:
        archive.getinfo(member)
    except KeyError:
        return False
    return True


def _member_bytes(archive: zipfile.ZipFile, chain: str, member: str, limits: ReadLimits) -> bytes:
    """The bytes of `member` of `archive` (reached through `chain`), following "inner.zip!name"
    into nested archives. An exact member name wins, so a "!" inside a real name is not nesting.
    """
    if _has(archive, member):
        return _bounded_member(archive, member, limits)
    for cut in (i for i, ch in enumerate(member) if ch == "!"):
        outer = member[:cut]
        if outer.lower().endswith(ZIP_SUFFIX) and _has(archive, outer):
            inner_chain = chain + outer
            inner = _ARCHIVES.get(inner_chain, partial(_open_nested, archive, outer, limits))
            return _member_bytes(inner, inner_chain + "!", member[cut + 1:], limits)
    raise UnreadableInput("zip member not found")


def _open_nested(archive: zipfile.ZipFile, member: str, limits: ReadLimits) -> zipfile.ZipFile:
    return _open_zip(io.BytesIO(_bounded_member(archive, member, limits)))


def _bounded_member(archive: zipfile.ZipFile, member: str, limits: ReadLimits) -> bytes:
    """Inflate at most `max_bytes` + 1 bytes, whatever size the header declares."""
    try:
        with archive.open(member) as f:
            data = f.read(limits.max_bytes + 1)
    except NotImplementedError as e:  # e.g. an unsupported compression method
        raise UnreadableInput(f"unsupported zip member: {_one_line(e)}") from None
    except RuntimeError:  # zipfile's way of saying "password required" (after its subclass above)
        raise UnreadableInput("encrypted zip member (password protected)") from None
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, zlib.error, lzma.LZMAError) as e:
        raise UnreadableInput(f"corrupt zip member: {_one_line(e)}") from None
    if len(data) > limits.max_bytes:
        raise UnreadableInput(_too_large(archive.getinfo(member).file_size, limits))
    return data


# --- text --------------------------------------------------------------------------------------

# A soft hyphen ending a line is the word's line-break hyphen; elsewhere, like a zero-width space or a byte
# order mark, it is not seen. No-break spaces are spaces.
SOFT_HYPHEN_AT_LINE_END = re.compile("\u00ad(?=[ \t\u00a0]*\n)")
UNSEEN_CHARACTERS = str.maketrans({"\x00": None, "\u00ad": None, "\u200b": None, "\ufeff": None, "\u00a0": " ",
                                   "\u2007": " ", "\u202f": " "})


# A typeface's ligature, as PDF text extraction leaves it ('certiﬁed', 'ﬂexion'), is its letters.
LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                           "\ufb05": "st", "\ufb06": "st"})


# A page break (form feed, from pdftotext and the like) or a vertical tab starts a line, as a carriage return does.
LINE_BREAKS = str.maketrans({"\r": "\n", "\f": "\n", "\v": "\n"})


def _as_read(text: str) -> str:
    text = text.replace("\r\n", "\n").translate(LINE_BREAKS)
    return read_scan_misreads(SOFT_HYPHEN_AT_LINE_END.sub("-", text).translate(UNSEEN_CHARACTERS).translate(LIGATURES))


# A scan reads some letters as digits, digits as letters, and an I and an l as each other ('Ca1ifornia', '0rthopaedic',
# 'Tramado1', 'O8/O4/2015', 'UpheId', 'lnjury', 'MAXlMUS'): each is read as what it stands for, every character at its
# offset.
# ... a 1 or a 0 (or two: 'drywa11') in a word of letters and those digits only, three letters at least, each digit
# with two letters after it or ending the word, four after it opening the word ('Y0rk'; 'HbA1c', 'M10', '1st', '1day',
# 'T10' stay); a word of three only where it reads as one of a few common words ('year o1d', 'n0t'; 'A1c' stays)
_DIGITS_IN_A_WORD = re.compile(r"\b(?=[A-Za-z]*[01])[A-Za-z01]{3,}\b")
_SHORT_WORDS = frozenset({"old", "all", "ill", "not", "for", "now", "how", "low", "son", "got", "lot"})
_DIGIT_FOR_A_LETTER = re.compile(r"[01](?=[A-Za-z01]*[A-Za-z][A-Za-z01]*[A-Za-z]|[01]?$)")
# ... an O, I or l in a date or a number of two digits or more ('O8/O4/2015', '2O13', '1l/04/2011'), an O after a
# number's digits
# (a date may run into the next label: 'UR Denial Date:06/29/2O15Priority:')
_LETTERS_IN_A_NUMBER = re.compile(r"(?<![\w/])(?=[0-9/]*[OIl])[0-9OIl]{1,2}/[0-9OIl]{1,2}/[0-9OIl]{2,4}(?![0-9a-zOIl_/])|"
                                r"(?<![A-Za-z0-9])(?=[0-9]*[OIl])(?=(?:[OIl]*[0-9]){2})[0-9OIl]{3,}(?![A-Za-z0-9])|"
                                # ... or an O after a number's digits ('#6O', '76-8O', '2Omg')
                                r"(?<![A-Za-z0-9.])[0-9]+[0-9O]*O[0-9O]*(?=(?:mg|mcg|ml|gm|g)\b|[^A-Za-z0-9]|$)|"
                                # ... or in a range's first number ('Page(s): ll4-116', 'pages lO-12')
                                r"(?<![A-Za-z0-9])(?=[0-9]*[OIl])[0-9OIl]{2,3}(?=-[0-9]{1,3}(?![A-Za-z0-9]))|"
                                # ... or in an age of two digits ('a 5l-year-old', '6l year old')
                                r"(?<![A-Za-z0-9])(?:[0-9][OIl]|[OIl][0-9])(?=[\s-]*(?:years?|yrs?|y/o|yo)\b)")
_AS_DIGITS = str.maketrans("OIl", "011")
# ... or in a day after its month ('December 1l, 2013', 'March O9, 2015')
_DAY_AFTER_A_MONTH = re.compile(r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
                                r"December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)\s+"
                                r"(?P<day>(?=[0-9]?[OIl])(?=[OIl]?[0-9])[0-9OIl]{2})(?=,?\s+[0-9OIl]{4}\b)")
# ... a capital I between lower-case letters ('UpheId', 'DecisIon'), a small l among capitals ('MAXlMUS', 'lMR', 'MRl'),
# and a small l opening a word where no English word has it ('lnjury', 'lmaging', 'lllinois')
_I_FOR_AN_L = re.compile(r"(?<=[a-z])I(?=[a-z])")
_L_FOR_AN_I = re.compile(r"(?<=[A-Z])l(?=[A-Z])|\bl(?=[A-Z]{2})|(?<=[A-Z]{2})l\b|\bl(?=[nmst][a-z]|ll[a-z])")


def read_scan_misreads(text: str) -> str:
    """The text with the characters a scan misread read as what they stand for (same length)."""
    text = _DIGITS_IN_A_WORD.sub(_word_of_letters, text)
    text = _LETTERS_IN_A_NUMBER.sub(lambda m: m.group().translate(_AS_DIGITS), text)
    text = _DAY_AFTER_A_MONTH.sub(lambda m: m.group()[:m.start("day") - m.start()] + m.group("day").translate(_AS_DIGITS),
                                  text)
    return _L_FOR_AN_I.sub("I", _I_FOR_AN_L.sub("l", text))


def _word_of_letters(m: re.Match) -> str:
    word = m.group()
    if len(word) == 3:
        read = word[0] + _letter_for(word, 1) + word[2]
        return read if word[0].isalpha() and word[2].isalpha() and read.lower() in _SHORT_WORDS else word
    if sum(c.isalpha() for c in word) < 3:
        return word
    return _DIGIT_FOR_A_LETTER.sub(lambda d: _letter_for(word, d.start()) if _among_letters(word, d.start()) else d.group(),
                                   word)


def _among_letters(word: str, at: int) -> bool:
    """A digit, or two together, between letters or ending a word after one ('drywa11'), or opening a word of letters
    ('10mcg' is a number)."""
    if at == 0:
        return word[1].isalpha() and _opens_a_word(word)
    # the run of digits the one at `at` is in (two only where they end the word)
    run_start = at - 1 if word[at - 1] in "01" else at
    run_end = at + 2 if run_start == at and at + 1 < len(word) and word[at + 1] in "01" else at + 1
    return run_start > 0 and word[run_start - 1].isalpha() \
        and (run_end == len(word) or run_end - run_start == 1 and word[run_end].isalpha())


# Counts written against their unit ('1week', '1month'): the digit is the count.
_UNITS_AFTER_A_COUNT = frozenset({"week", "weeks", "month", "months", "year", "years", "hour", "hours", "time", "times",
                                  "dose", "doses", "visit", "visits"})


def _opens_a_word(word: str) -> bool:
    """A digit opening a word is a letter ('0hio', '1nternal') before enough letters that are no unit of a count."""
    rest = word[1:].lower()
    return rest not in _UNITS_AFTER_A_COUNT and sum(c.isalpha() for c in rest) >= (3 if word[0] == "0" else 4)


def _letter_for(word: str, at: int) -> str:
    """The letter a scan read as the digit: O for 0, l for 1 (I opening a word), in the case of the letters around it."""
    upper = at == 0 or word[at - 1].isupper() and (at + 1 == len(word) or word[at + 1].isupper())
    if word[at] == "0":
        return "O" if upper else "o"
    return "I" if at == 0 else "L" if upper else "l"


def _share(pattern: re.Pattern[str], text: str) -> float:
    return sum(1 for _ in pattern.finditer(text)) / max(len(text), 1)


def decode_text(data: bytes) -> str:
    """Bytes of a text file -> its text as read, or `UnreadableInput` with the reason."""
    if not data:
        raise UnreadableInput("empty file")
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                raise UnreadableInput(f"cannot decode text: invalid {label} after its byte-order mark") from None
            break
    else:
        text = _decode_unmarked(data)
    if _share(_C0_CONTROLS, text) > CONTROL_SHARE_LIMIT:
        raise UnreadableInput("binary file, not text")
    text = _as_read(text)
    if not text.strip():
        raise UnreadableInput("empty file (whitespace only)")
    return text


def _decode_unmarked(data: bytes) -> str:
    for codec in ("utf-8", "cp1252"):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    text = data.decode("latin-1")  # never fails: the question is whether the result is text
    if _share(_C0_CONTROLS, text) > CONTROL_SHARE_LIMIT:
        raise UnreadableInput("binary file, not text")
    if _share(_C1_CONTROLS, text) > CONTROL_SHARE_LIMIT:
        raise UnreadableInput(f"cannot decode text (tried {TRIED_ENCODINGS})")
    return text


# --- PDF ---------------------------------------------------------------------------------------

_PDFIUM_REASONS = {
    4: "encrypted PDF: a password is required",
    5: "encrypted PDF: unsupported security handler",
}


def _detail(error: Exception) -> str:
    """'Failed to load document (PDFium: Data format error).' -> 'PDFium: Data format error'."""
    found = re.search(r"\((PDFium: [^)]*)\)", str(error))
    return found.group(1) if found else str(error)


def pdf_pages(data: bytes) -> list[str]:
    """The text layer of each page (line breaks as `\\n`), or `UnreadableInput` with the reason."""
    import pypdfium2 as pdfium  # heavy: imported only when a PDF is read

    if not data:
        raise UnreadableInput("empty file")
    if b"%PDF-" not in data[:1024]:
        raise UnreadableInput("not a PDF (no %PDF header)")
    if b"%%EOF" not in data[-1024:]:
        raise UnreadableInput("truncated PDF (no %%EOF marker at the end)")
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        raise UnreadableInput(_PDFIUM_REASONS.get(getattr(e, "err_code", None), f"corrupt PDF ({_detail(e)})")) from None
    try:
        pages = []
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            pages.append(_as_read(textpage.get_text_range()))
            textpage.close()
            page.close()
    except pdfium.PdfiumError as e:
        raise UnreadableInput(f"corrupt PDF: page {len(pages) + 1} ({_detail(e)})") from None
    finally:
        pdf.close()
    if not pages:
        raise UnreadableInput("PDF has no pages")
    return pages


def pdf_text(data: bytes) -> str:
    """The whole text layer, pages joined with "\\n"; a PDF without one is rejected (no OCR)."""
    text = "\n".join(pdf_pages(data))
    if not text.strip():
        raise UnreadableInput("PDF has no text layer (scanned image?): OCR is not supported")
    return text
