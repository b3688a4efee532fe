"""Which PDF library should the read stage use? Measure speed and text quality on letter-like PDFs.

Generates multi-page PDFs shaped like IMR determination letters with fpdf2 (header lines, bold
section headings, wrapped prose left-aligned or justified, per-item decision lines, a running
case-number header and a "Page 2 of 4" footer), once with the Helvetica core font (WinAnsi
encoding) and once with an embedded TrueType font (Identity-H + ToUnicode, as modern word
processors write). The generator records exactly which line lands on which page, so every
extracted page is compared with its true text:

- sim: character similarity of whitespace-collapsed text (difflib ratio), mean and worst page;
- lines: share of the true lines that come back as a whole line (headings and "Upheld" lines
  must stay on their own line for the parser);
- glued / split / junk: per 1,000 true words, extracted tokens that are two true words run
  together, a true word cut in two, or anything else not in the letter;
- 2sp: per 1,000 true words, runs of two or more spaces inside a line (justified text turned
  into doubled spaces changes offsets and trips the parser's patterns);
- pages/s: open + extract every page from bytes in memory, per CPU second of this process
  (best of 3 passes; wall-clock time is noisy on a shared machine).

Licences matter for a tool others install: pymupdf is AGPL-3.0 (or a paid licence), so choosing
it would force AGPL terms or a licence fee on every user; the others are permissive.

Run: python bench/bench_pdf.py [--letters 30] [--seed 7]
"""

from __future__ import annotations

import argparse
import difflib
import io
import random
import re
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF

TTF_CANDIDATES = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/Library/Fonts/Arial Unicode.ttf",
    "C:/Windows/Fonts/arial.ttf",
]

TIMING_REPEATS = 3
LICENCES = {
    "pypdf": "BSD-3",
    "pdfminer.six": "MIT",
    "pypdfium2 (range)": "Apache-2.0/BSD-3",
    "pypdfium2 (bounded)": "Apache-2.0/BSD-3",
    "pymupdf": "AGPL-3.0",
    "imrgraph.read": "(pypdfium2 range)",
}

# --- letter-like text, written for this benchmark --------------------------------------------

TREATMENTS = [
    ("Norco 10/325 mg #90", "MTUS Chronic Pain Medical Treatment Guidelines, Opioids, criteria for use, pages 76-80"),
    ("Cognitive behavioral therapy, 1 session per week for 12 weeks",
     "MTUS Chronic Pain Medical Treatment Guidelines, Behavioral interventions, page 23"),
    ("Acupuncture 2 x 6 for the lumbar spine", "MTUS Acupuncture Medical Treatment Guidelines"),
    ("Physical therapy 3 times a week for 4 weeks, right shoulder",
     "MTUS ACOEM Practice Guidelines, 2nd Edition (2004), Chapter 9, pages 203-204"),
    ("MRI of the cervical spine without contrast", "ACOEM Chapter 8, Neck and Upper Back Complaints, page 177"),
    ("Klonopin 1 mg #60", "MTUS Chronic Pain Medical Treatment Guidelines, Benzodiazepines, page 24"),
    ("Lumbar epidural steroid injection at L4-L5", "MTUS Chronic Pain Medical Treatment Guidelines, page 46"),
    ("Urine drug screen", "ODG Pain (Chronic), Urine drug testing"),
]

SUMMARY_SENTENCES = [
    "The applicant is a {age}-year-old {sex} {job} who reported an industrial injury on {doi}.",
    "The mechanism was repetitive lifting of boxes weighing up to sixty pounds over several years.",
    "Diagnoses include lumbar radiculopathy, cervical strain and an adjustment disorder with anxiety.",
    "Prior care has consisted of medications, {n} sessions of physical therapy and a home exercise program.",
    "A progress note dated {date} documents pain rated {p}/10 without medication and {q}/10 with it.",
    "On examination there was tenderness over the paraspinal muscles with a restricted range of motion.",
    "Straight leg raising was reported as positive on the right at forty-five degrees.",
    "The treating physician asked for continued treatment to maintain function and permit a return to work.",
    "Utilization review non-certified the request on {date}, citing a lack of documented functional gains.",
    "The patient\u2019s psychologist notes improved sleep and fewer panic episodes since the last visit.",
    "No aberrant drug-taking behavior was described, and a pain agreement was said to be on file.",
    "Electrodiagnostic testing from the prior year showed a mild chronic L5 radiculopathy.",
]

RATIONALE_SENTENCES = [
    "The guidelines support {what} when there is objective evidence of functional improvement.",
    "The records provided do not quantify how the prior {n} visits changed activities of daily living.",
    "An initial trial of 3-4 visits over 2 weeks is recommended, with up to 6-10 visits over 5-6 weeks "
    "in total if progress is documented.",
    "Ongoing opioid use requires review of the \u201cfour A\u2019s\u201d: analgesia, activities, adverse effects "
    "and aberrant behavior.",
    "The number requested exceeds what the guidelines allow as a first course of treatment.",
    "Because the documentation establishes neither benefit nor a plan to taper, the request is not supported.",
    "Given the documented decrease in pain and the return to modified duty, continued treatment is reasonable.",
    "Guidelines limit this class of medication to four weeks because of the risk of dependence.",
    "Literature (Smith, 2011) suggests limited long-term benefit \u2013 a brief course is preferred.",
]


def _fill(template: str, rng: random.Random) -> str:
    return template.format(
        age=rng.randint(24, 66), sex=rng.choice(["male", "female"]),
        job=rng.choice(["warehouse worker", "bus driver", "registered nurse", "cashier", "carpenter"]),
        doi=f"{rng.randint(1, 12)}/{rng.randint(1, 28)}/20{rng.randint(5, 13):02d}",
        date=f"{rng.randint(1, 12)}/{rng.randint(1, 28)}/2014", n=rng.randint(6, 24),
        p=rng.randint(6, 9), q=rng.randint(2, 5), what=rng.choice(["continued therapy", "this medication"]),
    )


def _paragraph(bank: list[str], rng: random.Random, sentences: int) -> str:
    return " ".join(_fill(rng.choice(bank), rng) for _ in range(sentences))


def letter_blocks(rng: random.Random) -> tuple[str, list[tuple[str, str]]]:
    """(case number, [(style, text)]) where style is 'field', 'heading' or 'prose'."""
    case = f"CM14-{rng.randint(10**6, 10**7 - 1):07d}"
    blocks = [("field", f"Case Number: {case}"), ("field", f"Date Assigned: {rng.randint(1, 12)}/2/2014"),
              ("field", "Date of Injury: 03/14/2011"), ("field", "Priority: Standard"),
              ("heading", "HOW THE IMR FINAL DETERMINATION WAS MADE"),
              ("prose", "The independent Physician Reviewer who reviewed this case has determined that, based on "
                        "the documents provided, the requested treatment should be decided as stated below. "
                        "The reviewer is Board Certified in Physical Medicine and Rehabilitation and is licensed "
                        "to practice in California."),
              ("heading", "CLINICAL CASE SUMMARY")]
    blocks += [("prose", _paragraph(SUMMARY_SENTENCES, rng, rng.randint(3, 6))) for _ in range(rng.randint(3, 6))]
    blocks.append(("heading", "IMR ISSUES, DECISIONS AND RATIONALES"))
    for treatment, guideline in rng.sample(TREATMENTS, rng.randint(2, 4)):
        blocks.append(("field", f"{treatment}: {rng.choice(['Upheld', 'Overturned'])}"))
        blocks.append(("prose", f"Claims Administrator guideline: Decision based on {guideline}."))
        blocks.append(("prose", f"MAXIMUS guideline: Decision based on {guideline}, and ODG Pain (Chronic)."))
        blocks += [("prose", "Decision rationale: " + _paragraph(RATIONALE_SENTENCES, rng, rng.randint(4, 7)))
                   for _ in range(rng.randint(1, 2))]
    return case, blocks


# --- rendering with exact page truth ---------------------------------------------------------

@dataclass
class RenderedLetter:
    pdf: bytes
    pages: list[str]  # the true text of each page, lines joined with "\n"


SPACE_RUN = re.compile(r"(?<=\S)  +(?=\S)")  # a doubled space inside a line shifts offsets and regexes


CORE_FONT_SUBSTITUTES = str.maketrans({"\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-"})


def render(case: str, blocks: list[tuple[str, str]], ttf: str | None, justify: bool, by_word: bool
           ) -> RenderedLetter:
    """The letter as a PDF; `by_word` draws each word at its own position with no space glyphs
    (as many report generators do), so extractors must infer spaces from gaps."""
    pdf = FPDF(format="letter")
    pdf.set_auto_page_break(False)
    pdf.set_margins(25, 20, 25)
    family = "helvetica"
    if ttf:
        pdf.add_font("body", "", ttf)
        pdf.add_font("body", "B", ttf)  # one face is enough: the bench is about text, not weight
        family = "body"
    line_h, bottom = 5.5, pdf.h - 22
    pages: list[list[str]] = []

    def text_of(s: str) -> str:
        return s if ttf else s.translate(CORE_FONT_SUBSTITUTES)

    def new_page() -> None:
        pdf.add_page()
        pdf.set_font(family, "", 8)
        header = f"IMR Final Determination - {case}"
        pdf.cell(0, 4, header, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
        pages.append([header])

    def write(chunk: list[str], justified: bool) -> None:
        if not by_word:
            pdf.multi_cell(width, line_h, " ".join(chunk), align="J" if justified else "L",
                           new_x="LMARGIN", new_y="NEXT")
            return
        for number, line in enumerate(chunk, start=1):
            words = line.split()
            widths = [pdf.get_string_width(word) for word in words]
            stretch = justified and number < len(chunk) and len(words) > 1
            gap = (width - sum(widths)) / (len(words) - 1) if stretch else pdf.get_string_width(" ")
            x = pdf.l_margin
            for word, word_width in zip(words, widths, strict=True):
                pdf.text(x, pdf.y + 0.75 * line_h, word)
                x += word_width + gap
            pdf.set_y(pdf.y + line_h)

    new_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    for style, raw in blocks:
        text = text_of(raw)
        pdf.set_font(family, "B" if style == "heading" else "", 12 if style == "heading" else 10.5)
        lines = pdf.multi_cell(width, line_h, text, dry_run=True, output="LINES")
        if style == "heading" and pdf.y + 3 * line_h > bottom:  # keep a heading with its text
            new_page()
            pdf.set_font(family, "B", 12)
        while lines:
            fit = max(1, int((bottom - pdf.y) // line_h))
            chunk, lines = lines[:fit], lines[fit:]
            write(chunk, justified=justify and style == "prose")
            pages[-1].extend(chunk)
            if lines:
                new_page()
                pdf.set_font(family, "", 10.5)
        pdf.ln(2)
    total = len(pages)
    for number, page_lines in enumerate(pages, start=1):  # footers once the page count is known
        pdf.page = number
        pdf.set_font(family, "", 8)
        footer = f"Page {number} of {total}"
        pdf.set_xy(pdf.l_margin, pdf.h - 15)
        pdf.cell(width, 4, footer, align="C")
        page_lines.append(footer)
    return RenderedLetter(bytes(pdf.output()), ["\n".join(p) for p in pages])


# --- extractors --------------------------------------------------------------------------------

def extract_pypdf(data: bytes) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


def extract_pdfminer(data: bytes) -> list[str]:
    from pdfminer.high_level import extract_text

    return extract_text(io.BytesIO(data)).split("\f")[:-1]


def _pdfium_pages(data: bytes, bounded: bool) -> list[str]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        out = []
        for page in pdf:
            textpage = page.get_textpage()
            out.append(textpage.get_text_bounded() if bounded else textpage.get_text_range())
            textpage.close()
            page.close()
        return out
    finally:
        pdf.close()


def extract_pymupdf(data: bytes) -> list[str]:
    import pymupdf

    with pymupdf.open(stream=data, filetype="pdf") as doc:
        return [page.get_text() for page in doc]


EXTRACTORS: dict[str, Callable[[bytes], list[str]]] = {
    "pypdf": extract_pypdf,
    "pdfminer.six": extract_pdfminer,
    "pypdfium2 (range)": lambda data: _pdfium_pages(data, bounded=False),
    "pypdfium2 (bounded)": lambda data: _pdfium_pages(data, bounded=True),
    "pymupdf": extract_pymupdf,
}


# --- scoring -----------------------------------------------------------------------------------

@dataclass
class Score:
    sims: list[float]
    lines_kept: int = 0
    lines_total: int = 0
    words: int = 0
    glued: int = 0
    split: int = 0
    junk: int = 0
    space_runs: int = 0


def score_page(truth: str, got: str, vocab: set[str], score: Score) -> None:
    got = got.replace("\r\n", "\n").replace("\r", "\n")
    a, b = " ".join(truth.split()), " ".join(got.split())
    score.sims.append(difflib.SequenceMatcher(None, a, b, autojunk=False).ratio())
    got_lines = {" ".join(line.split()) for line in got.split("\n")}
    true_lines = [" ".join(line.split()) for line in truth.split("\n") if line.strip()]
    score.lines_total += len(true_lines)
    score.lines_kept += sum(line in got_lines for line in true_lines)
    score.words += len(a.split())
    score.space_runs += len(SPACE_RUN.findall(got))
    tokens = b.split()
    skip_next = False
    for i, token in enumerate(tokens):
        if skip_next:
            skip_next = False
            continue
        if token in vocab:
            continue
        if i + 1 < len(tokens) and token + tokens[i + 1] in vocab:
            score.split += 1
            skip_next = True
        elif any(token[:k] in vocab and token[k:] in vocab for k in range(1, len(token))):
            score.glued += 1
        else:
            score.junk += 1


def run_extractor(extract: Callable[[bytes], list[str]], letters: list[RenderedLetter]) -> tuple[float, Score]:
    extract(letters[0].pdf)  # warm-up: imports and library initialisation are not per-page costs
    best = float("inf")
    for _ in range(TIMING_REPEATS):  # CPU time, best of several: other processes may share the machine
        start = time.process_time()
        outputs = [extract(letter.pdf) for letter in letters]
        best = min(best, time.process_time() - start)
    score = Score(sims=[])
    for letter, pages in zip(letters, outputs, strict=True):
        vocab = set(" ".join(letter.pages).split())
        pages = pages + [""] * (len(letter.pages) - len(pages))
        for truth, got in zip(letter.pages, pages, strict=False):
            score_page(truth, got, vocab, score)
    return sum(len(letter.pages) for letter in letters) / best, score


def read_stage_pages() -> Callable[[bytes], list[str]]:
    """The read stage's own PDF path (header/trailer checks, extraction, line-break normalising)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from imrgraph.read import pdf_pages

    return pdf_pages


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--letters", type=int, default=30, help="letters per font variant")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    ttf = next((p for p in TTF_CANDIDATES if Path(p).exists()), None)
    variants = [("core font", None, False), ("core font, words placed one by one", None, True)]
    if ttf:
        variants += [("embedded TTF", ttf, False), ("embedded TTF, words placed one by one", ttf, True)]
    else:
        print("no TrueType font found: measuring the core-font variants only")
    for label, font, by_word in variants:
        letters = []
        for i in range(args.letters):
            case, blocks = letter_blocks(rng)
            letters.append(render(case, blocks, font, justify=i % 2 == 1, by_word=by_word))
        n_pages = sum(len(x.pages) for x in letters)
        print(f"\n{label}: {len(letters)} letters, {n_pages} pages "
              f"({n_pages / len(letters):.1f} pages/letter, half justified)")
        print(f"{'library':<22}{'licence':<18}{'pages/s':>8}{'sim mean':>10}{'sim min':>9}"
              f"{'lines':>8}{'glued':>7}{'split':>7}{'junk':>7}{'2sp':>7}")
        for name, extract in dict(EXTRACTORS, **{"imrgraph.read": read_stage_pages()}).items():
            speed, s = run_extractor(extract, letters)
            per_k = 1000 / s.words
            print(f"{name:<22}{LICENCES[name]:<18}{speed:8.0f}{100 * statistics.mean(s.sims):9.2f}%"
                  f"{100 * min(s.sims):8.2f}%{100 * s.lines_kept / s.lines_total:7.1f}%"
                  f"{s.glued * per_k:7.2f}{s.split * per_k:7.2f}{s.junk * per_k:7.2f}{s.space_runs * per_k:7.1f}")
    print("\nglued/split/junk/2sp: per 1,000 true words; lines: true lines returned whole")
    return 0


if __name__ == "__main__":
    sys.exit(main())
