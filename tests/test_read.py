"""The read stage on real files made in tmp_path: decoding, PDFs, zips, folders, limits, never raising."""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import struct
import zipfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from fpdf import FPDF
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from imrgraph.models import Document, Rejection
from imrgraph.read import (
    DEFAULT_LIMITS,
    ReadLimits,
    Source,
    discover,
    human_size,
    load,
    read_inputs,
)

LETTER = (
    "Case Number: CM99-0000042\n"
    "Date of Injury: 02/03/2010\n"
    "IMR ISSUES, DECISIONS AND RATIONALES\n"
    "Six sessions of aquatic therapy: Overturned\n"
    "Decision rationale: the record shows a clear gain in walking distance after the first visits.\n"
)
SCANNED_REASON = "PDF has no text layer (scanned image?): OCR is not supported"


def make_pdf(pages: list[list[str]]) -> bytes:
    """A PDF whose pages hold the given lines, one text line per cell (core font)."""
    pdf = FPDF()
    pdf.set_font("helvetica", size=11)
    for lines in pages:
        pdf.add_page()
        for line in lines:
            pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def make_scanned_pdf() -> bytes:
    """A page carrying only a picture of text, as a scanner produces: no text layer."""
    picture = Image.new("L", (400, 120), 255)
    for x in range(40, 360):  # a dark band standing in for a printed line
        for y in range(50, 60):
            picture.putpixel((x, y), 0)
    pdf = FPDF()
    pdf.add_page()
    pdf.image(picture, x=10, y=10, w=150)
    return bytes(pdf.output())


def make_zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def load_path(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> Document | Rejection:
    (item,) = read_inputs([path], limits)
    return item


def names(items) -> list[str]:
    return [item.name if isinstance(item, Source) else item.source for item in items]


# --- text decoding -----------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Reviewer: café owner’s knee — Upheld\n".encode(), "Reviewer: café owner’s knee — Upheld\n"),
        (b"He called it \x93medically necessary\x94 \x96 Overturned\n",
         "He called it \u201cmedically necessary\u201d \u2013 Overturned\n"),
        (b"Jos\xe9 Pe\xf1a, M\xfcller clinic, 5\xb0 flexion\n", "José Peña, Müller clinic, 5° flexion\n"),
        (b"\xef\xbb\xbfUTF-8 with a byte-order mark: na\xc3\xafve\n", "UTF-8 with a byte-order mark: naïve\n"),
        ("Windows UTF-16: “quoted” ½\r\n".encode("utf-16"), "Windows UTF-16: “quoted” ½\n"),
        ("\ufeffBig-endian UTF-16 text\n".encode("utf-16-be"), "Big-endian UTF-16 text\n"),
    ],
    ids=["utf-8", "cp1252", "latin-1", "utf-8-bom", "utf-16-le", "utf-16-be"],
)
def test_text_encodings_decode_to_the_right_characters(tmp_path, raw, expected):
    path = write(tmp_path / "letter.txt", raw)
    doc = load_path(path)
    assert doc == Document(source=str(path), text=expected, sha256=hashlib.sha256(raw).hexdigest(), kind="txt")


def test_line_breaks_normalised_and_stray_nul_dropped_nothing_else_rewritten(tmp_path):
    body = "  Indented line\twith a tab  \r\nold Mac line\rlast line" + " padding" * 40
    doc = load_path(write(tmp_path / "a.txt", (body[:30] + "\x00" + body[30:]).encode()))
    assert doc.text == body.replace("\r\n", "\n").replace("\r", "\n")


def test_a_page_break_starts_a_line(tmp_path):
    """Family: a form feed at a page break (as pdftotext writes it) or a vertical tab is a line break, so a heading
    after it starts its line."""
    body = "the summary ends here.\n\fIMR ISSUES, DECISIONS AND RATIONALES\nfirst item\vsecond" + " padding" * 40
    doc = load_path(write(tmp_path / "a.txt", body.encode()))
    assert doc.text == body.replace("\f", "\n").replace("\v", "\n")
    assert "\nIMR ISSUES, DECISIONS AND RATIONALES\n" in doc.text


def test_characters_a_reader_does_not_see_are_read_as_seen(tmp_path):
    """Family: a no-break space (after a heading, between words) is a space; a soft hyphen ending a line is the
    line-break hyphen, elsewhere nothing, as are a zero-width space and a stray byte-order mark."""
    body = ("IMR ISSUES,\u00a0DECISIONS AND RATIONALES\u00a0\nacromio\u00ad\nclavicular arthro\u00adsis\u00ad \n"
            "the knee\u202fjoint, zero\u200bwidth\ufeff" + " padding" * 40)
    doc = load_path(write(tmp_path / "a.txt", body.encode()))
    assert doc.text == ("IMR ISSUES, DECISIONS AND RATIONALES \nacromio-\nclavicular arthrosis- \n"
                        "the knee joint, zerowidth" + " padding" * 40)


def test_a_typefaces_ligatures_are_read_as_their_letters(tmp_path):
    """Family: ligatures that PDF text extraction leaves ('ﬁ', 'ﬂ', 'ﬀ', 'ﬃ', 'ﬄ') are their letters, so 'board
    certiﬁed' and 'ﬁbromyalgia' read as written."""
    body = "The reviewer is board certi\ufb01ed; \ufb01bromyalgia, re\ufb02ux, sta\ufb00, e\ufb03cacy, ba\ufb04ed." \
        + " padding" * 40
    doc = load_path(write(tmp_path / "a.txt", body.encode()))
    assert doc.text.startswith("The reviewer is board certified; fibromyalgia, reflux, staff, efficacy, baffled.")


@pytest.mark.parametrize(("scanned", "read"), [
    # digits read for letters in a word
    ("Board Certified in 0rthopaedic Surgery, licensed in Ca1ifornia and Co1orado.",
     "Board Certified in Orthopaedic Surgery, licensed in California and Colorado."),
    ("She takes Me1oxicam and Tramado1; Norc0 was stopped. 1nternal Medicine.",
     "She takes Meloxicam and Tramadol; Norco was stopped. Internal Medicine."),
    ("Licensed in New Y0rk, lllinois and 0hio; takes 0xyC0ntin.", "Licensed in New York, Illinois and Ohio; takes OxyContin."),
    # ... in a word of three where it reads as a common word
    ("A 47 year o1d cook; a1l of it was n0t done; A1c 5.9; C1d.", "A 47 year old cook; all of it was not done; A1c 5.9; C1d."),
    # ... two together ending a word, and a letter in an age of two digits
    ("A 5l-year-old drywa11 installer; a 6l year old mechanic.", "A 51-year-old drywall installer; a 61 year old mechanic."),
    # letters read for digits in a date or a number
    ("Date of Injury: O8/O9/2016. Decision Date: 1l/04/2O13.", "Date of Injury: 08/09/2016. Decision Date: 11/04/2013."),
    ("Norco 1O/325 2Omg #6O, Page(s): 76-8O.", "Norco 10/325 20mg #60, Page(s): 76-80."),
    ("TENS Page(s): ll4-116; Postsurgical Treatment Guidelines, pages lO-12.", "TENS Page(s): 114-116; Postsurgical Treatment Guidelines, pages 10-12."),
    # ... in a day after its month, and in a date run into the next label
    ("Dated: March 1l, 2016; signed Sept. O4, 2015.", "Dated: March 11, 2016; signed Sept. 04, 2015."),
    ("Date of Injury:O3/12/2O14Priority:Standard", "Date of Injury:03/12/2014Priority:Standard"),
    # an I and an l read as each other
    ("lMR DEClSION(S) AND RATlONALE(S); MAXlMUS; UpheId; Date of lnjury; lndependent review; MRl of the knee.",
     "IMR DECISION(S) AND RATIONALE(S); MAXIMUS; Upheld; Date of Injury; Independent review; MRI of the knee."),
    # what stays: codes, counts, units, ordinals and short words
    ("HbA1c 5.4, ICD M10.9, T10, 1st visit, x1000, O2 saturation, L5-S1, Illinois, all lumbar levels, lbs, 1week, 1day, Butrans 10mcg/hr, x10mg.",
     "HbA1c 5.4, ICD M10.9, T10, 1st visit, x1000, O2 saturation, L5-S1, Illinois, all lumbar levels, lbs, 1week, 1day, Butrans 10mcg/hr, x10mg."),
])
def test_characters_a_scan_misread_are_read_as_they_stand(tmp_path, scanned, read):
    """Family: a scan's 1 and 0 for an l and an o inside a word, O, I and l for digits inside a date or a number, and I
    and l for each other, are read as what they stand for, each at its offset; codes, counts and short words stay."""
    body = scanned + " padding" * 40
    doc = load_path(write(tmp_path / "a.txt", body.encode()))
    assert doc.text == read + " padding" * 40


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"", "empty file"),
        (b"  \r\n\t\n   \n", "empty file (whitespace only)"),
        (b"PK\x00\x00\x01\x02" + bytes(range(256)) * 8, "binary file, not text"),
        (b"abc \x81\x8d\x8f\x90\x9d " * 50, "cannot decode text (tried utf-8, cp1252, latin-1)"),
        (b"\xff\xfe" + b"\x00\xd8" + b"a\x00", "cannot decode text: invalid UTF-16 after its byte-order mark"),
    ],
    ids=["empty", "whitespace", "binary", "undecodable", "bad-utf-16"],
)
def test_text_that_is_not_a_letter_is_rejected_with_its_reason(tmp_path, raw, reason):
    path = write(tmp_path / "x.txt", raw)
    assert load_path(path) == Rejection(str(path), reason)


def test_random_binary_junk_is_rejected_as_binary(tmp_path):
    junk = os.urandom(64 * 1024) + b"\x00" * 64
    assert load_path(write(tmp_path / "junk.txt", junk)).reason == "binary file, not text"


def test_sparse_one_gigabyte_file_is_rejected_by_size(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:
        f.truncate(1 << 30)  # sparse: no real disk use
    assert load_path(path) == Rejection(str(path), "file too large: 1.0 GB (limit 64 MB)")
    # decided from the size alone: a source that cannot be opened gets the same verdict
    gone = Source(str(tmp_path / "gone.txt"), None, 1 << 30)
    assert load(gone) == Rejection(gone.name, "file too large: 1.0 GB (limit 64 MB)")


def test_file_over_a_custom_limit_is_rejected_and_one_under_it_read(tmp_path):
    limits = ReadLimits(max_bytes=len(LETTER))
    assert isinstance(load_path(write(tmp_path / "fits.txt", LETTER.encode()), limits), Document)
    too_big = load_path(write(tmp_path / "big.txt", LETTER.encode() + b"x"), limits)
    assert too_big.reason == f"file too large: {len(LETTER) + 1} B (limit {len(LETTER)} B)"


@pytest.mark.parametrize(("n", "text"), [(512, "512 B"), (1536, "1.5 KB"), (64 << 20, "64 MB"),
                                          (1 << 30, "1.0 GB"), (3 << 40, "3.0 TB")])
def test_human_size(n, text):
    assert human_size(n) == text


# --- PDF ---------------------------------------------------------------------------------------

def test_pdf_text_layer_comes_back_with_pages_joined_by_newline(tmp_path):
    pages = [LETTER.splitlines()[:3], LETTER.splitlines()[3:] + ["Page 2 of 2"]]
    data = make_pdf(pages)
    path = write(tmp_path / "letter.pdf", data)
    doc = load_path(path)
    assert doc == Document(source=str(path), text="\n".join(line for page in pages for line in page),
                           sha256=hashlib.sha256(data).hexdigest(), kind="pdf")


def test_scanned_pdf_without_text_layer_is_rejected(tmp_path):
    assert load_path(write(tmp_path / "scan.pdf", make_scanned_pdf())).reason == SCANNED_REASON


@pytest.mark.parametrize("keep", [0.3, 0.6, 0.95])
def test_truncated_pdf_is_rejected(tmp_path, keep):
    data = make_pdf([LETTER.splitlines()] * 3)
    reason = load_path(write(tmp_path / "cut.pdf", data[: int(len(data) * keep)])).reason
    assert reason == "truncated PDF (no %%EOF marker at the end)"


def test_corrupt_pdf_with_intact_ends_is_rejected(tmp_path):
    data = b"%PDF-1.7\n" + b"1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\n" * 20 + b"trailer\n%%EOF\n"
    assert load_path(write(tmp_path / "bad.pdf", data)).reason == "corrupt PDF (PDFium: Data format error)"


def test_text_file_named_pdf_is_rejected(tmp_path):
    assert load_path(write(tmp_path / "renamed.pdf", LETTER.encode())).reason == "not a PDF (no %PDF header)"


def test_password_protected_pdf_is_rejected(tmp_path):
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.cell(0, 6, "Confidential determination")
    pdf.set_encryption(owner_password="owner-secret", user_password="user-secret")
    reason = load_path(write(tmp_path / "locked.pdf", bytes(pdf.output()))).reason
    assert reason == "encrypted PDF: a password is required"


# --- zip archives ------------------------------------------------------------------------------

def test_zip_with_text_pdf_and_nested_zip_members(tmp_path):
    pdf = make_pdf([["Acupuncture 2 x 6: Upheld"]])
    inner = make_zip({"deep.txt": b"Nested letter: Overturned\n"})
    archive = write(tmp_path / "batch.zip", make_zip({
        "letters/b.txt": LETTER.encode("cp1252"),
        "letters/a.PDF": pdf,
        "letters/": b"",  # a directory entry
        "inner.zip": inner,
        "notes.docx": b"word processor file",
        "__MACOSX/letters/._b.txt": b"resource fork",
        "letters/.hidden.txt": b"skipped",
    }))
    items = list(read_inputs([archive]))
    prefix = f"{archive}!"
    assert names(items) == [prefix + "inner.zip!deep.txt", prefix + "letters/a.PDF",
                            prefix + "letters/b.txt", prefix + "notes.docx"]
    deep, pdf_doc, text_doc, docx = items
    assert deep.text == "Nested letter: Overturned\n" and deep.kind == "txt"
    assert pdf_doc.text == "Acupuncture 2 x 6: Upheld" and pdf_doc.sha256 == hashlib.sha256(pdf).hexdigest()
    assert text_doc.text == LETTER
    assert docx.reason == "unsupported file type .docx"


def test_zip_members_named_outside_the_archive_are_rejected_each_with_a_line(tmp_path):
    archive = write(tmp_path / "evil.zip", make_zip({"../../evil.txt": LETTER.encode(), "/etc/abs.txt": LETTER.encode(),
                                                     "a/../../up.txt": LETTER.encode(), "..\\win.txt": LETTER.encode(),
                                                     "fine.txt": LETTER.encode()}))
    items = list(read_inputs([archive]))
    outside = "zip member named outside the archive ('..' or an absolute path): refused"
    assert [(x.source, x.reason) for x in items if isinstance(x, Rejection)] == [
        (f"{archive}!{name}", outside) for name in ("../../evil.txt", "..\\win.txt", "/etc/abs.txt", "a/../../up.txt")]
    assert names(x for x in items if isinstance(x, Document)) == [f"{archive}!fine.txt"]
    assert not (tmp_path.parent / "evil.txt").exists()


def test_truth_json_beside_its_letter_is_read_as_nothing(tmp_path):
    folder = tmp_path / "synth"
    for name in ("a.txt", "a.json", "b.pdf", "b.json", "orphan.json"):
        write(folder / name, LETTER.encode() if name.endswith(".txt") else b"{}")
    archive = write(tmp_path / "synth.zip", make_zip({"x.txt": LETTER.encode(), "x.json": b"{}", "y.json": b"{}"}))
    items = list(discover([folder, archive, folder / "a.json"]))
    assert [(x.source, x.reason) for x in items if isinstance(x, Rejection)] == [
        (str(folder / "orphan.json"), "unsupported file type .json"), (f"{archive}!y.json", "unsupported file type .json"),
        (str(folder / "a.json"), "unsupported file type .json")]  # named on its own, it is an input
    assert names(x for x in items if isinstance(x, Source)) == [str(folder / "a.txt"), str(folder / "b.pdf"),
                                                                 f"{archive}!x.txt"]


def test_zip_member_sources_are_sized_and_load_on_their_own(tmp_path):
    archive = write(tmp_path / "one.zip", make_zip({"x!y.txt": LETTER.encode()}))
    (source,) = discover([archive])
    assert source == Source(str(archive), "x!y.txt", len(LETTER))
    assert source.name == f"{archive}!x!y.txt"
    assert load(source).text == LETTER


def test_interleaved_loads_from_archives_and_nested_archives(tmp_path):
    first = write(tmp_path / "first.zip", make_zip({
        "x.txt": b"first x\n", "one.zip": make_zip({"y.txt": b"one y\n"}),
        "two.zip": make_zip({"y.txt": b"two y\n", "deeper.zip": make_zip({"z.txt": b"deep z\n"})})}))
    second = write(tmp_path / "second.zip", make_zip({"x.txt": b"second x\n"}))
    truth = {f"{first}!x.txt": "first x\n", f"{first}!one.zip!y.txt": "one y\n",
             f"{first}!two.zip!y.txt": "two y\n", f"{first}!two.zip!deeper.zip!z.txt": "deep z\n",
             f"{second}!x.txt": "second x\n"}
    limits = ReadLimits(max_zip_depth=3)
    sources = list(discover([first, second], limits))
    assert sorted(s.name for s in sources) == sorted(truth)
    order = sources[::-1] + sources + sources[::2]  # jump between archives and nesting chains
    assert [load(s, limits).text for s in order] == [truth[s.name] for s in order]


def test_archive_changed_on_disk_is_read_again(tmp_path):
    path = write(tmp_path / "batch.zip", make_zip({"a.txt": b"before\n"}))
    (source,) = discover([path])
    assert load(source).text == "before\n"
    write(path, make_zip({"a.txt": b"after the change\n"}))
    (source,) = discover([path])
    assert load(source).text == "after the change\n"


def test_zip_bomb_member_rejected_and_other_members_still_read(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("a-real.txt", LETTER)
        with archive.open("bomb.txt", "w", force_zip64=True) as member:
            for _ in range(16):  # 16 MB of spaces, written in chunks, deflates to ~16 KB
                member.write(b" " * (1 << 20))
        archive.writestr("z-real.txt", LETTER)
    path = write(tmp_path / "bomb.zip", buffer.getvalue())
    first, bomb, last = read_inputs([path])
    assert first.text == LETTER and last.text == LETTER
    assert bomb.source == f"{path}!bomb.txt"
    assert bomb.reason.startswith("zip bomb suspected: 16 MB compressed") and "(limit 200:1)" in bomb.reason


def test_small_highly_compressible_member_is_not_a_bomb(tmp_path):
    text = "Upheld\n" + "\n" * 50_000 + "Overturned\n"  # ratio far above 200 but only 50 KB
    assert load_path(write(tmp_path / "blank.zip", make_zip({"gappy.txt": text.encode()}))).text == text


def test_zip_over_member_or_total_budget_rejected_whole(tmp_path):
    path = write(tmp_path / "many.zip", make_zip({f"{i}.txt": LETTER.encode() for i in range(3)}))
    assert list(read_inputs([path], ReadLimits(max_zip_members=2))) == [
        Rejection(str(path), "zip bomb suspected: 3 members (limit 2)")]
    (whole,) = read_inputs([path], ReadLimits(max_zip_total=2 * len(LETTER)))
    assert whole.source == str(path) and whole.reason.startswith("zip bomb suspected: expands to")


def test_nested_zip_members_count_against_the_outer_budget(tmp_path):
    inner = make_zip({f"{i}.txt": LETTER.encode() for i in range(3)})
    path = write(tmp_path / "outer.zip", make_zip({"a.txt": LETTER.encode(), "inner.zip": inner}))
    items = list(read_inputs([path], ReadLimits(max_zip_members=4)))
    assert [type(x) for x in items] == [Document, Rejection]
    assert items[1] == Rejection(f"{path}!inner.zip", "zip bomb suspected: 3 members (limit 2 left, nested zips included)")


def test_zip_nested_deeper_than_the_limit_is_rejected(tmp_path):
    level3 = make_zip({"c.txt": LETTER.encode()})
    level2 = make_zip({"b.txt": LETTER.encode(), "level3.zip": level3})
    path = write(tmp_path / "level1.zip", make_zip({"level2.zip": level2}))
    b, too_deep = read_inputs([path])
    assert b.source == f"{path}!level2.zip!b.txt" and b.text == LETTER
    assert too_deep == Rejection(f"{path}!level2.zip!level3.zip", "zip nested more than 2 levels deep")
    assert [type(x) for x in read_inputs([path], ReadLimits(max_zip_depth=3))] == [Document, Document]


def test_corrupt_and_empty_zips_are_rejected(tmp_path):
    junk = write(tmp_path / "junk.zip", b"this is not an archive at all")
    empty = write(tmp_path / "empty.zip", make_zip({"folder/": b"", ".DS_Store": b"x"}))
    assert list(read_inputs([junk, empty])) == [Rejection(str(junk), "corrupt zip: File is not a zip file"),
                                                Rejection(str(empty), "empty zip (no visible members)")]


def test_zip_member_with_damaged_data_is_rejected_not_raised(tmp_path):
    data = bytearray(make_zip({"letter.txt": LETTER.encode() * 20}))
    start = 30 + len("letter.txt")  # local header + name, then the deflated data
    data[start + 5: start + 25] = bytes(20)
    path = write(tmp_path / "damaged.zip", bytes(data))
    (item,) = read_inputs([path])
    assert item.source == f"{path}!letter.txt" and item.reason.startswith("corrupt zip member:")


def test_encrypted_zip_member_is_rejected(tmp_path):
    data = bytearray(make_zip({"secret.txt": LETTER.encode(), "open.txt": LETTER.encode()}))
    local = data.find(b"PK\x03\x04")  # set the "encrypted" flag of the first member, both headers
    central = data.find(b"PK\x01\x02")
    for flag_at in (local + 6, central + 8):
        data[flag_at:flag_at + 2] = struct.pack("<H", struct.unpack("<H", data[flag_at:flag_at + 2])[0] | 1)
    path = write(tmp_path / "locked.zip", bytes(data))
    assert list(read_inputs([path])) == [
        load(Source(str(path), "open.txt", len(LETTER))),
        Rejection(f"{path}!secret.txt", "encrypted zip member (password protected)"),
    ]


# --- folders and paths -------------------------------------------------------------------------

def test_folder_is_walked_recursively_in_sorted_order_skipping_hidden(tmp_path):
    root = tmp_path / "inbox"
    for relative in ["b/2.txt", "a/1.txt", "c.TXT", ".hidden/x.txt", "a/.DS_Store", "a/sub/0.txt"]:
        write(root / relative, LETTER.encode())
    write(root / "a/sub/scan.pdf", make_pdf([["Decision: Upheld"]]))
    write(root / "notes.docx", b"not a letter")
    write(root / "README", b"no extension")
    (root / "empty-subfolder").mkdir()
    items = list(read_inputs([root]))
    assert names(items) == [str(root / r) for r in
                            ["README", "a/1.txt", "a/sub/0.txt", "a/sub/scan.pdf", "b/2.txt", "c.TXT", "notes.docx"]]
    assert [x.reason for x in items if isinstance(x, Rejection)] == [
        "unsupported file type (no extension)", "unsupported file type .docx"]
    assert [x.kind for x in items if isinstance(x, Document)] == ["txt", "txt", "pdf", "txt", "txt"]


def test_path_given_as_string_keeps_its_spelling(tmp_path, monkeypatch):
    write(tmp_path / "letters/one.txt", LETTER.encode())
    monkeypatch.chdir(tmp_path)
    assert names(discover(["./letters"])) == [os.path.join("./letters", "one.txt")]


def test_symlink_loop_is_walked_once(tmp_path):
    write(tmp_path / "d/one.txt", LETTER.encode())
    (tmp_path / "d/again").symlink_to(tmp_path / "d")
    assert names(discover([tmp_path / "d"])) == [str(tmp_path / "d/one.txt")]


def test_bad_paths_are_rejected_with_reasons(tmp_path):
    missing = tmp_path / "nowhere.txt"
    broken = tmp_path / "broken.txt"
    broken.symlink_to(tmp_path / "gone.txt")
    explicit = write(tmp_path / "letter.docx", b"word")
    hidden = write(tmp_path / ".explicit.txt", LETTER.encode())
    empty = tmp_path / "empty"
    (empty / ".git").mkdir(parents=True)
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert list(read_inputs([missing, broken, explicit, empty, fifo])) == [
        Rejection(str(missing), "no such file or folder"),
        Rejection(str(broken), "broken symbolic link"),
        Rejection(str(explicit), "unsupported file type .docx"),
        Rejection(str(empty), "empty folder (no visible files)"),
        Rejection(str(fifo), "not a regular file"),
    ]
    assert load_path(hidden).text == LETTER  # named explicitly, so read though hidden


def test_every_input_yields_exactly_one_result(tmp_path):
    inbox = tmp_path / "inbox"
    expected = set()
    for name, data in {"good.txt": LETTER.encode(), "empty.txt": b"", "bin.txt": os.urandom(2000) + b"\0",
                       "good.pdf": make_pdf([["Upheld"]]), "scan.pdf": make_scanned_pdf(),
                       "cut.pdf": make_pdf([["Upheld"]])[:300], "x.csv": b"a,b"}.items():
        expected.add(str(write(inbox / name, data)))
    archive = write(inbox / "pack.zip", make_zip({"m1.txt": LETTER.encode(), "m2.pdf": b"%PDF-broken",
                                                  "m3.rtf": b"{\\rtf1}"}))
    expected |= {f"{archive}!m1.txt", f"{archive}!m2.pdf", f"{archive}!m3.rtf"}
    missing = str(tmp_path / "missing")
    results = list(read_inputs([inbox, missing]))
    assert sorted(names(results)) == sorted(expected | {missing})
    assert sum(isinstance(x, Document) for x in results) == 3  # good.txt, good.pdf, m1.txt


def test_sources_are_picklable_and_load_in_worker_processes(tmp_path):
    write(tmp_path / "a.txt", LETTER.encode())
    write(tmp_path / "b.pdf", make_pdf([["Overturned"]]))
    write(tmp_path / "c.zip", make_zip({"m.txt": b"Upheld\n"}))
    sources = list(discover([tmp_path]))
    assert pickle.loads(pickle.dumps(sources)) == sources
    with ProcessPoolExecutor(max_workers=2) as pool:
        in_workers = list(pool.map(load, sources))
    assert in_workers == [load(s) for s in sources]
    assert [d.text for d in in_workers] == [LETTER, "Overturned", "Upheld\n"]


# --- never raises ------------------------------------------------------------------------------

A_PDF = make_pdf([LETTER.splitlines()])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=4096), suffix=st.sampled_from([".txt", ".pdf", ".zip"]))
def test_any_bytes_give_a_document_or_a_rejection(tmp_path, data, suffix):
    path = write(tmp_path / f"input{suffix}", data)
    (item,) = read_inputs([path])
    assert isinstance(item, Document | Rejection) and item.source == str(path)
    if isinstance(item, Document):
        assert "\r" not in item.text and "\x00" not in item.text and item.text.strip()
    else:
        assert item.reason and "\n" not in item.reason


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, len(A_PDF) - 1), st.integers(0, 255)), min_size=1, max_size=20))
def test_damaged_pdfs_give_a_document_or_a_rejection(tmp_path, damage):
    data = bytearray(A_PDF)
    for at, value in damage:
        data[at] = value
    item = load(Source(str(write(tmp_path / "damaged.pdf", bytes(data))), None, len(data)))
    assert isinstance(item, Document | Rejection)
    if isinstance(item, Rejection):
        assert item.reason and "\n" not in item.reason


A_ZIP = make_zip({"a.txt": LETTER.encode(), "b.pdf": A_PDF, "inner.zip": make_zip({"c.txt": LETTER.encode()})})


def test_a_zip_member_whose_name_was_damaged_away_is_rejected(tmp_path):
    data = bytearray(make_zip({"a.txt": LETTER.encode(), "b": b"x"}))
    entry = data.find(b"PK\x01\x02", data.find(b"PK\x01\x02") + 4)  # the central entry of "b"
    struct.pack_into("<H", data, entry + 28, 0)  # its name length, now 0
    del data[entry + 46]
    end = data.rfind(b"PK\x05\x06")
    struct.pack_into("<I", data, end + 12, struct.unpack_from("<I", data, end + 12)[0] - 1)
    path = write(tmp_path / "nameless.zip", bytes(data))
    outcome = {item.source: getattr(item, "reason", None) for item in read_inputs([path])}
    assert outcome == {f"{path}!a.txt": None, f"{path}!": "zip member without a name"}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, len(A_ZIP) - 1), st.integers(0, 255)), min_size=1, max_size=8))
def test_damaged_zips_give_documents_or_rejections(tmp_path, damage):
    data = bytearray(A_ZIP)
    for at, value in damage:
        data[at] = value
    path = write(tmp_path / "damaged.zip", bytes(data))
    for item in read_inputs([path]):
        assert isinstance(item, Document | Rejection) and item.source.startswith(str(path))
