"""The static report over a store built from synthetic letters: its numbers against the letters'
truth, its offline page, hostile text, an empty store, and the page in headless Chromium."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from serve_support import ROOT, SCREENSHOTS, synth_store
from viz_support import chromium

from imrgraph import api
from imrgraph.report import collect, write_report

HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return synth_store(tmp_path_factory.mktemp("report"), 80, seed=11)


@pytest.fixture(scope="module")
def report(corpus):
    return collect(api.open_store(corpus[0]))


def test_headline_numbers_match_the_letters(report, corpus):
    truths = corpus[1]
    items = [item for t in truths for item in t["items"]]
    assert report.letters == len(truths)
    assert report.items == len(items)
    assert report.overturned == sum(item["decision"] == "overturned" for item in items)


def test_drug_counts_match_the_letters(report, corpus):
    expected = Counter(item["medication"]["generic"] for t in corpus[1] for item in t["items"] if item["medication"])
    panel = next(p for p in report.panels if p.anchor == "drugs")
    bars = panel.figure.data[0].y  # upheld trace: one bar per drug
    upheld = dict(zip(bars, panel.figure.data[0].x, strict=True))
    overturned = dict(zip(panel.figure.data[1].y, panel.figure.data[1].x, strict=True))
    assert bars and len(bars) == min(15, len(expected))
    for generic in bars:
        assert upheld[generic] + overturned[generic] == expected[generic]
    assert min(expected[g] for g in bars) >= max((n for g, n in expected.items() if g not in bars), default=0)


def test_category_table_adds_up(report, corpus):
    panel = next(p for p in report.panels if p.anchor == "categories")
    columns, rows = panel.table
    assert columns == ["DWC category", "items", "upheld", "overturned", "overturn rate"]
    for _, items, upheld, overturned, rate in rows:
        assert upheld + overturned == items and rate == f"{100 * overturned / items:.1f}%"
    # every item requests at least one service, and each service has one category
    assert sum(r[1] for r in rows) >= report.items


def test_every_panel_shows_its_queries(report):
    assert [p.anchor for p in report.panels] == ["categories", "services", "citations", "drugs", "specialties",
                                                 "limits", "influence", "communities"]
    for panel in report.panels:
        assert panel.queries and all("SELECT" in q for q in panel.queries)
        assert panel.figure is not None or panel.table is not None


def test_page_is_offline_and_complete(corpus, tmp_path):
    out = tmp_path / "report.html"
    write_report(corpus[0], out)
    page = out.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=", page)  # plotly inline; requests are checked in Chromium
    assert page.count('class="plotly-graph-div"') == 7
    assert page.count("<summary>SPARQL") == 11
    assert "Plotly.newPlot" in page


def _hostile_store(out_dir: Path) -> Path:
    from imrgraph.graph import GraphWriter
    from imrgraph.synth import generate

    with GraphWriter(out_dir) as writer:
        for letter_id, text, truth in generate(6, seed=5):
            truth = dict(truth, sha256="0" * 64, source=f"{letter_id}.txt")
            truth["reviewer"] = dict(truth["reviewer"], specialties=[HOSTILE])
            for item in truth["items"]:
                item["medication"] = {"generic": "</script><script>alert(2)</script>", "strength": None, "form": None}
            writer.add(truth, text)
    return out_dir / "store"


def test_markup_in_letters_is_shown_not_run(tmp_path):
    out = tmp_path / "report.html"
    write_report(_hostile_store(tmp_path / "hostile"), out)
    page = out.read_text(encoding="utf-8")
    assert HOSTILE not in page and "<script>alert(2)" not in page
    with chromium() as browser:
        tab = browser.new_page()
        dialogs = []
        tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        tab.goto(out.as_uri())
        tab.wait_for_selector("#chart-specialties .main-svg", timeout=60_000)
        assert HOSTILE in tab.locator("#specialties .reading").text_content()
        assert "</script><script>alert(2)</script>" in tab.locator("#drugs .reading").text_content()
        assert dialogs == []


def test_empty_store_gives_a_page_saying_so(tmp_path):
    from imrgraph.graph import GraphWriter

    GraphWriter(tmp_path / "empty").close()
    out = tmp_path / "report.html"
    write_report(tmp_path / "empty" / "store", out)
    assert "no disputed items yet" in out.read_text(encoding="utf-8")


def test_cli_missing_store(tmp_path):
    result = subprocess.run([sys.executable, "-m", "imrgraph", "report", "--store", str(tmp_path / "none"),
                             "-o", str(tmp_path / "r.html")], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and result.stderr.startswith("imrgraph: no store at")
    assert "Traceback" not in result.stderr and not (tmp_path / "r.html").exists()


def test_report_renders_in_chromium(corpus, tmp_path):
    out = tmp_path / "report.html"
    write_report(corpus[0], out)
    with chromium() as browser:
        tab = browser.new_context(viewport={"width": 1300, "height": 900}).new_page()
        errors, requests = [], []
        tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        tab.on("pageerror", lambda e: errors.append(str(e)))
        tab.on("request", lambda r: requests.append(r.url) if r.url != out.as_uri() else None)
        tab.goto(out.as_uri())
        tab.wait_for_selector("#chart-communities, #chart-influence .main-svg", timeout=60_000)
        assert tab.locator(".js-plotly-plot .main-svg").count() >= 7
        # each chart drew its bars
        assert tab.locator("#chart-drugs .bars path").count() >= 2
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(SCREENSHOTS / "report-synthetic-80.png"), full_page=True)
        assert errors == [] and requests == []
