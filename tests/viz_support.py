"""Shared by the viz tests and bench: a small store built from letters written here, and a real
headless Chromium (Debian's, driven by pip playwright) that opens the explorer pages."""

from __future__ import annotations

import hashlib
import shutil
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
HOSTILE_ITEM = "Compounded cream <script>alert(1)</script> 120 g"
HOSTILE_RATIONALE = "The record shows <img src=x onerror=alert(1)> and no trial of first-line agents."


def _span(text: str, part: str) -> list[int]:
    start = text.index(part)
    return [start, start + len(part)]


def _citation(source, document, chapter, topic, pages):
    return {"source": source, "document": document, "chapter": chapter, "topic": topic,
            "pages": pages, "edition": None}


def _item(text, services, decision, reviewer, administrator, rationale, medication=None, quantity=None,
          unit=None):
    return {
        "text": text, "services": services, "medication": medication, "quantity": quantity, "unit": unit,
        "frequency": None, "duration": None, "body_regions": [], "decision": decision,
        "medically_necessary": decision == "overturned", "claims_administrator_guidelines": administrator,
        "reviewer_guidelines": reviewer, "literature": [], "rationale": rationale,
    }


def _letter(letter_id, specialty, state, diagnoses, medications, items, injury="2012-03-14"):
    """One extraction dict (the extraction JSON, docs/EXTRACTION.md) and the letter text its spans point into."""
    lines = [f"Case Number: {letter_id}", f"Date of Injury: {injury}",
             f"The reviewer is board certified in {specialty} and licensed in {state}."]
    lines += [f"History notes {d['text']}." for d in diagnoses]
    lines += [f"Current medicines include {m['text']}." for m in medications]
    for it in items:
        lines += [f"{it['text']}: {it['decision'].title()}", f"Decision rationale: {it['rationale']}"]
    text = "\n".join(lines) + "\n"
    for d in diagnoses:
        d["span"] = _span(text, d["text"])
    for m in medications:
        m["span"] = _span(text, m["text"])
    for it in items:
        it["span"] = _span(text, it["text"])
        it["spans"] = {"rationale": _span(text, it["rationale"])}
    determination = {
        "id": letter_id, "source": f"fixtures/{letter_id}.txt", "format": "fdl-2014", "case_number": letter_id,
        "sha256": hashlib.sha256(text.encode()).hexdigest(),
        "reviewer": {"specialties": [specialty], "board_certified": True, "licensed_in": [state]},
        "patient": {"age": None, "sex": None, "occupation": None, "date_of_injury": injury},
        "diagnoses": diagnoses, "medications": medications, "prior_treatments": [], "body_parts": [],
        "items": items,
    }
    return determination, text


def fixture_letters(hostile: bool = True) -> list[tuple[dict, str]]:
    """Five letters in the seeds' spirit (own words), the last with markup in its text."""
    chronic = "chronic-pain"
    letters = [
        _letter("CM14-0000101", "Psychology", "CA",
                [{"text": "major depressive disorder", "icd10cm": "F32.9", "negated": False}],
                [{"text": "Klonopin", "generic": "clonazepam", "negated": False}],
                [_item("Cognitive behavioral therapy, eight sessions", ["cognitive-behavioral-therapy"], "upheld",
                       [_citation("MTUS", chronic, None, "Behavioral interventions", [23])],
                       [_citation("ODG", "odg", "Mental Illness and Stress", "Cognitive therapy", [])],
                       "Four visits are advised first; eight exceeds that initial trial.", quantity=8,
                       unit="session"),
                 _item("Klonopin 1 mg #60", ["medication"], "upheld",
                       [_citation("MTUS", chronic, None, "Benzodiazepines", [24])], [],
                       "Long-term benzodiazepine use is not advised; the limit is four weeks.",
                       medication={"generic": "clonazepam", "strength": "1 mg", "form": "tablet"},
                       quantity=60, unit="tablet"),
                 _item("Group psychotherapy, six sessions", ["psychotherapy"], "overturned",
                       [_citation("MTUS", chronic, None, "Behavioral interventions", [23])], [],
                       "Six group sessions fit within the initial trial the guideline allows.", quantity=6,
                       unit="session")]),
        _letter("CM14-0000102", "Orthopedic Surgery", "NV",
                [{"text": "low back pain", "icd10cm": "M54.50", "negated": False}],
                [{"text": "Norco", "generic": "hydrocodone/acetaminophen", "negated": False}],
                [_item("Acupuncture, twelve visits for the low back", ["acupuncture"], "overturned",
                       [_citation("MTUS", "acupuncture", None, "Frequency and duration", [])], [],
                       "Functional gains after the first six visits support more acupuncture.", quantity=12,
                       unit="visit"),
                 _item("Norco 10/325 mg #90", ["medication"], "upheld",
                       [_citation("MTUS", chronic, None, "Opioids, criteria for use", [76, 77, 78])], [],
                       "No documented pain relief or return to work on opioids.",
                       medication={"generic": "hydrocodone/acetaminophen", "strength": "10/325 mg",
                                   "form": "tablet"}, quantity=90, unit="tablet")]),
        _letter("CM14-0000103", "Physical Medicine and Rehabilitation", "CA",
                [{"text": "lumbar radiculopathy", "icd10cm": "M54.16", "negated": False}], [],
                [_item("Physical therapy twice weekly for six weeks", ["physical-therapy"], "overturned",
                       [_citation("MTUS", chronic, None, "Physical medicine", [98, 99])], [],
                       "A new flare justifies a short course of therapy.", quantity=12, unit="session"),
                 _item("MRI of the lumbar spine", ["imaging"], "upheld",
                       [_citation("MTUS", "acoem", "12", "Special studies", [303])], [],
                       "No red flags or new neurologic deficit are recorded.")]),
        _letter("CM14-0000104", "Psychiatry", "CA",
                [{"text": "generalized anxiety disorder", "icd10cm": "F41.1", "negated": False}],
                [{"text": "Cymbalta", "generic": "duloxetine", "negated": False}],
                [_item("Individual psychotherapy weekly for twenty weeks", ["psychotherapy"], "upheld",
                       [_citation("MTUS", chronic, None, "Behavioral interventions", [23])],
                       [_citation("ODG", "odg", "Mental Illness and Stress", "Psychotherapy", [])],
                       "Twenty sessions exceed the six to ten the guideline allows first.", quantity=20,
                       unit="session"),
                 _item("Cymbalta 60 mg #30", ["medication"], "overturned",
                       [_citation("MTUS", chronic, None, "Antidepressants", [15])], [],
                       "Duloxetine is a first-line option for neuropathic pain.",
                       medication={"generic": "duloxetine", "strength": "60 mg", "form": "capsule"},
                       quantity=30, unit="capsule")]),
    ]
    if hostile:
        letters.append(_letter(
            "CM14-0000105", "Family Medicine", "AZ",
            [{"text": "knee sprain <b>bold</b>", "icd10cm": None, "negated": False}], [],
            [_item(HOSTILE_ITEM, ["medication"], "upheld",
                   [_citation("MTUS", chronic, None, "Topical analgesics", [111])], [], HOSTILE_RATIONALE,
                   medication={"generic": "lidocaine", "strength": None, "form": "cream"})]))
    return letters


MARKUP = {"occupation": '<a href="https://example.org/x">clerk</a>', "drug": "<b>bold</b>mycin",
          "topic": "<img src=x onerror=alert(5)>", "item": "<script>alert(6)</script> brace"}


def markup_letter() -> tuple[dict, str]:
    """A letter whose occupation, drug, citation topic and item are markup (a link, bold text, an
    image that runs script, a script), in the letter text and in what was read from it."""
    determination, text = _letter(
        "CM14-0000106", "Internal Medicine", "CA", [], [],
        [_item(f"Knee {MARKUP['item']}", ["medication"], "upheld",
               [_citation("MTUS", "chronic-pain", None, MARKUP["topic"], [60])], [],
               "A trial of two months has passed without benefit.",
               medication={"generic": MARKUP["drug"], "strength": None, "form": None})])
    text += f"Occupation: {MARKUP['occupation']}\n"
    start = text.index(MARKUP["occupation"])
    determination["patient"]["occupation"] = MARKUP["occupation"]
    determination["spans"] = {"patient.occupation": [start, start + len(MARKUP["occupation"])]}
    return determination, text


def build_store(out_dir: Path, letters: list[tuple[dict, str]]) -> Path:
    """A real on-disk store written through the graph layer; returns its directory."""
    from imrgraph.graph import GraphWriter

    if out_dir.exists():
        shutil.rmtree(out_dir)
    writer = GraphWriter(out_dir)
    for determination, text in letters:
        writer.add(determination, text=text)
    writer.close()
    return out_dir / "store"


@contextmanager
def chromium():
    """Debian's chromium under playwright; never a downloaded browser."""
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        raise RuntimeError(f"{CHROMIUM} is missing: run scripts/install-browser.sh")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class OpenedPage:
    page: object
    console_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    settled_ms: float = 0.0

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)


def open_explorer(browser, html: Path | str, *, timeout_ms: int = 60_000, size=(1400, 900)) -> OpenedPage:
    """Opens an explorer page (a file, or a served page's URL), records console errors, dialogs and
    any request beyond the page itself, and waits until the network has settled (physics done, or
    first drawing without it)."""
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    opened = OpenedPage(page)
    url = html if isinstance(html, str) else html.resolve().as_uri()
    page.on("console", lambda m: opened.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: opened.console_errors.append(str(e)))

    def on_dialog(dialog):
        opened.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("request", lambda r: opened.requests.append(r.url) if r.url != url else None)
    page.goto(url)
    # a selector wait, not wait_for_function: the page's CSP forbids the eval that one polls with
    page.wait_for_selector("body[data-settled='true']", state="attached", timeout=timeout_ms)
    opened.settled_ms = page.evaluate("window.imrExplorer.state.settledMs")
    return opened


def screenshot(opened: OpenedPage, directory: Path, name: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{name}.png"
    opened.page.screenshot(path=str(path))
    return path


def node_dom_position(opened: OpenedPage, node_id: str) -> tuple[float, float]:
    """Where a node is drawn, in page coordinates (for hovering and clicking it)."""
    return tuple(opened.js(
        """id => { const n = window.imrExplorer.network; const p = n.getPositions([id])[id];
                   const d = n.canvasToDOM(p); const box = document.getElementById('network').getBoundingClientRect();
                   return [box.left + d.x, box.top + d.y]; }""", node_id))


def synthetic_store(work: Path, letters: int, seed: int = 1) -> Path:
    """A store built the way a user builds one: `imrgraph synth` letters through `imrgraph build`
    (extraction included, so every fact has its evidence span). Returns the store directory."""
    import subprocess
    import sys

    texts = work / "letters"
    truths = work / "truth"
    run = [sys.executable, "-m", "imrgraph.cli"]
    subprocess.run([*run, "synth", str(letters), "-o", str(truths), "--seed", str(seed)], check=True,
                   capture_output=True, cwd=ROOT)
    texts.mkdir(parents=True, exist_ok=True)
    for text in truths.glob("*.txt"):  # the truth JSON stays behind: it is not a letter
        text.rename(texts / text.name)
    subprocess.run([*run, "build", str(texts), "-o", str(work / "out"), "--no-html", "--progress", "off"],
                   check=True, capture_output=True, cwd=ROOT)
    return work / "out" / "store"


def label_boxes(opened: OpenedPage) -> dict[str, list[float]]:
    """Each visible node's drawn box (its label included), in page pixels: [left, top, right, bottom]."""
    return opened.js("""() => {
        const ex = window.imrExplorer, net = ex.network, box = document.getElementById('network').getBoundingClientRect();
        const out = {};
        ex.nodes.get({filter: n => !n.hidden}).forEach(n => {
            const b = net.getBoundingBox(n.id);
            const a = net.canvasToDOM({x: b.left, y: b.top}), z = net.canvasToDOM({x: b.right, y: b.bottom});
            out[n.id] = [box.left + a.x, box.top + a.y, box.left + z.x, box.top + z.y];
        });
        return out; }""")


def worst_overlap(boxes: dict[str, list[float]]) -> float:
    """The largest overlap, in pixels, between any two boxes (the smaller of its width and height)."""
    ordered = sorted(boxes.values())
    worst = 0.0
    for i, a in enumerate(ordered):
        for b in ordered[i + 1:]:
            if b[0] >= a[2]:
                break  # sorted by left edge: no later box reaches back to a
            dx, dy = min(a[2], b[2]) - max(a[0], b[0]), min(a[3], b[3]) - max(a[1], b[1])
            if dx > 0 and dy > 0:
                worst = max(worst, min(dx, dy))
    return worst
