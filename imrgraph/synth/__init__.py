"""Synthetic IMR letters in every layout, each with the extraction a perfect reader gives.

    from imrgraph import synth
    for letter_id, text, truth in synth.generate(100, seed=1): ...   # truth: the extraction JSON
    synth.write_corpus(1000, "letters/", seed=1)                      # <id>.txt + <id>.json each

A letter is planned (case.py: the facts; requests.py: what is disputed; citations.py: what each
side cited), written in its layout (layouts.py, with wording.py's phrasings) while its
`Determination` is filled in with the span of every value, then given the artefacts of a PDF text
layer (render.py), which moves every span with its text. The truth is that Determination's
`to_json()`, so it carries evidence spans exactly as the extractor's output does. The same N and
seed give byte-identical letters.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
from collections.abc import Callable, Iterator
from pathlib import Path

from imrgraph.errors import USAGE, UserError
from imrgraph.models import Determination
from imrgraph.synth import case as cases
from imrgraph.synth import citations, layouts, requests
from imrgraph.synth.render import Artefacts, Writer, finish
from imrgraph.synth.wording import AUTHORS, ORGANISATIONS

FORMATS = ("fdl-2014", "fdl-2014-header", "fdl-2014-documents", "notice-2013", "mpr")
FORMAT_WEIGHTS = (28, 32, 15, 12, 13)
YEARS = tuple(range(2014, 2025))
YEAR_WEIGHTS = (6, 8, 8, 9, 9, 9, 9, 9, 9, 9, 8)  # most of the archive is from 2017 on
OVERTURN_RATE = 0.12


class SeededRandom(random.Random):
    """random.Random whose choice, randint, randrange, sample and shuffle take one float draw each: the
    generator makes hundreds of draws a letter, and these are several times cheaper (still seeded)."""

    def choice(self, seq):
        return seq[int(self.random() * len(seq))]

    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))

    def randrange(self, n: int) -> int:  # the one-argument form only
        return int(self.random() * n)

    def sample(self, population, k: int) -> list:
        pool = list(population)
        return [pool.pop(int(self.random() * len(pool))) for _ in range(k)]

    def shuffle(self, x: list) -> None:
        for i in range(len(x) - 1, 0, -1):
            j = int(self.random() * (i + 1))
            x[i], x[j] = x[j], x[i]


def plan_letter(rng: random.Random, index: int) -> layouts.Plan:
    layout = rng.choices(FORMATS, FORMAT_WEIGHTS)[0]
    year = 2013 if layout == "notice-2013" else rng.choices(YEARS, YEAR_WEIGHTS)[0]
    dates = cases.letter_dates(rng, year)
    psych = rng.random() < 0.15
    n_items = 1 if layout == "mpr" else rng.choices((1, 2, 3, 4, 5), (42, 30, 15, 9, 4))[0]
    history = cases.history(rng, psych, set())
    items_wanted = requests.requests(history, psych, n_items, rng)
    requested = {r.medication[0] for r in items_wanted if r.medication}
    history.drugs = [d for d in history.drugs if cases.resolve(d)[0] not in requested]
    if history.denied_drug and cases.resolve(history.denied_drug)[0] in requested:
        history.denied_drug = None
    if history.stopped_drug and cases.resolve(history.stopped_drug)[0] in requested:
        history.stopped_drug = None
    for r in items_wanted:
        if r.implies_prior and r.implies_prior not in history.prior:
            history.prior.append(r.implies_prior)
    block = layout.startswith("fdl") and rng.random() < 0.25
    people = cases.people(rng, psych, any(r.family == "surgery" for r in items_wanted), block)
    header = None
    if layout == "fdl-2014-header" or (layout == "fdl-2014-documents" and rng.random() < 0.5):
        header = rng.choice(layouts.HEADER_SHAPES)
    with_number = layout in ("fdl-2014-header", "notice-2013") or header is not None or (
        layout == "mpr" and rng.random() < 0.5) or (layout == "fdl-2014" and rng.random() < 0.2)
    # 7919 is prime to 10**7: every letter of a corpus (up to ten million) has its own number, so its own files
    case_number = f"CM{dates.application.year % 100}-{index * 7919 % 10_000_000:07d}"
    priority = rng.choices((("Standard", "standard"), ("STANDARD", "standard"), ("Expedited", "expedited"),
                            ("Regular", "standard"), ("Urgent", "expedited")), (70, 12, 10, 5, 3))[0]
    items = []
    for r in items_wanted:
        if rng.random() < 0.25 and "ehavioral" in r.text:
            r.text = r.text.replace("ehavioral", "ehavorial")  # a typo letters keep
        site = r.site or (rng.choice(history.sites) if history.sites else None)
        ca = [] if layout == "mpr" or rng.random() < 0.06 else citations.pick(
            r.family, site, dates.decision, rng.choice((1, 1, 2, 2, 3)), rng, reviewer=False)
        reviewer = citations.pick(r.family, site, dates.decision, rng.choice((1, 1, 2, 2)), rng, reviewer=True)
        literature = []
        if rng.random() < 0.14:
            for _ in range(rng.randint(1, 3)):
                author = rng.choice(ORGANISATIONS) if rng.random() < 0.1 else rng.choice(AUTHORS)
                if all(author != a for a, _, _ in literature):
                    literature.append((author, rng.randint(1995, year - 1), rng.random() < 0.3))
        items.append(layouts.Item(r, "overturned" if rng.random() < OVERTURN_RATE else "upheld", ca, reviewer,
                                  layout in ("notice-2013", "fdl-2014", "fdl-2014-header") and rng.random() < 0.15,
                                  literature, rng.random() < 0.6))
    return layouts.Plan(layout, case_number if with_number else None, dates, people, history, psych, items, header,
                        priority, block, rng.random() < 0.3, rng.random() < 0.4,
                        layout == "fdl-2014-documents", rng)


def letter(rng: random.Random, index: int) -> tuple[str, Determination]:
    """One letter's text and its truth."""
    plan = plan_letter(rng, index)
    plan.det = layouts.blank_determination(plan.layout)
    w = Writer()
    layouts.WRITERS[plan.layout](w, plan)
    artefacts = Artefacts(
        width=rng.randint(85, 100) if rng.random() < 0.75 else None,
        separator=" \n\n" if rng.random() < 0.6 else "\n",
        lines_per_page=rng.randint(30, 55) if rng.random() < 0.4 else None,
        running_header=f"Final Determination Letter for IMR Case Number {plan.case_number}"
        if plan.case_number and plan.det.case_number and rng.random() < 0.5 else None)
    text = finish(w, artefacts)
    det = plan.det
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    det.sha256 = sha
    det.id = det.case_number.value if det.case_number else sha[:16]
    det.source = f"{det.id}.txt"
    return text, det


def generate_determinations(n: int, seed: int = 0) -> Iterator[tuple[str, Determination]]:
    """(letter text, truth) for n letters; the same n and seed give the same letters."""
    rng = SeededRandom(seed)
    for index in range(n):
        yield letter(rng, index)


def generate(n: int, seed: int = 0) -> Iterator[tuple[str, str, dict]]:
    """(id, letter text, truth as the extraction JSON) for n letters."""
    for text, det in generate_determinations(n, seed):
        yield det.id, text, det.to_json()


def write_corpus(n: int, out_dir: Path, seed: int = 0, progress: Callable[[int, int], None] | None = None) -> int:
    """Writes DIR/<id>.txt and DIR/<id>.json for n letters, streaming; returns the number written.
    `progress(done, n)` is called after each letter. Raises UserError when DIR cannot be written."""
    out_dir = Path(out_dir)
    if n < 0:
        raise UserError("N must be zero or more", exit_code=USAGE)
    if out_dir.exists() and not out_dir.is_dir():
        raise UserError(f"{out_dir} exists and is not a directory")
    written = 0
    base = str(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for letter_id, text, truth in generate(n, seed):
            _write(f"{base}/{letter_id}.txt", text)
            _write(f"{base}/{letter_id}.json", json.dumps(truth, ensure_ascii=False) + "\n")
            written += 1
            if progress is not None:
                progress(written, n)
    except OSError as exc:
        raise UserError(f"cannot write to {out_dir}: {exc.strerror or exc}") from None
    return written


def _write(path: str, text: str) -> None:
    """Plain os-level write: much less CPU per file than Path.write_text (no text-IO layers)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        os.write(fd, text.encode("utf-8"))
    finally:
        os.close(fd)
