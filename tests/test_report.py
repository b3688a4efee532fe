"""The static report over a store built from synthetic letters: its numbers against the letters'
truth (the header dates and the deadlines too), its offline page and strict CSP, hostile text, an
empty store, and the page in headless Chromium."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re
import statistics
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from serve_support import ROOT
from viz_support import chromium

from imrgraph import api
from imrgraph.report import collect, write_report

HOSTILE = "<img src=x onerror=alert(1)>"
MARKUP = ['<a href="https://example.org/x">link</a>', "<b>bold</b>", "<img src=x onerror=alert(3)>",
          "<script>alert(4)</script>"]
IMR, XSD = "https://w3id.org/imrgraph#", "http://www.w3.org/2001/XMLSchema#"
TREATING = ["Orthopedic Surgery", "Pain Medicine", "Chiropractic"]


def header(index: int) -> dict:
    """The header fields a letter gives (docs/EXTRACTION.md): dates, priority, treating physician.
    Every seventh letter has no decision date (its case number's year counts instead)."""
    decided = dt.date(2013, 11, 20) + dt.timedelta(days=9 * index)
    received = decided - dt.timedelta(days=8 + (index * 7) % 40)  # 8 to 47 days before the decision
    dates = {"assigned": None, "decision": None if index % 7 == 3 else decided.isoformat(),
             "ur_denial": (received - dt.timedelta(days=12)).isoformat(), "application_received": received.isoformat()}
    return {"dates": dates, "priority": "expedited" if index % 10 == 0 else "standard",
            "treating_physician_specialty": None if index % 4 == 1 else TREATING[index % 3]}


def add_header_quads(store: Path, truths: list[dict]) -> None:
    """The header fields as triples in each letter's graph, where the store does not hold them yet
    (the graph mapping writes them once it maps the header)."""
    from pyoxigraph import Literal, NamedNode, Quad, Store

    from imrgraph.graph import iris

    writable = Store(str(store))
    for truth in truths:
        det, graph = NamedNode(iris.determination(truth["id"])), NamedNode(iris.letter_graph(truth["id"]))
        values = {"decisionDate": truth["dates"]["decision"], "urDenialDate": truth["dates"]["ur_denial"],
                  "applicationReceived": truth["dates"]["application_received"]}
        for name, value in values.items():
            if value and next(writable.quads_for_pattern(det, NamedNode(IMR + name), None), None) is None:
                writable.add(Quad(det, NamedNode(IMR + name), Literal(value, datatype=NamedNode(XSD + "date")), graph))
        for name, value in (("priority", truth["priority"]),
                            ("treatingPhysicianSpecialty", truth["treating_physician_specialty"])):
            if value and next(writable.quads_for_pattern(det, NamedNode(IMR + name), None), None) is None:
                writable.add(Quad(det, NamedNode(IMR + name), Literal(value), graph))
    writable.flush()
    del writable


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    from imrgraph.graph import GraphWriter
    from imrgraph.synth import generate

    out = tmp_path_factory.mktemp("report")
    truths = []
    with GraphWriter(out) as writer:
        for index, (letter_id, text, truth) in enumerate(generate(80, 11)):
            truth = dict(truth, sha256=hashlib.sha256(text.encode()).hexdigest(), source=f"synthetic/{letter_id}.txt",
                         **header(index))
            writer.add(truth, text)
            truths.append(truth)
    add_header_quads(out / "store", truths)
    return out / "store", truths


@pytest.fixture(scope="module")
def report(corpus):
    return collect(api.open_store(corpus[0]))


def panel(report, anchor):
    return next(p for p in report.panels if p.anchor == anchor)


def test_headline_numbers_match_the_letters(report, corpus):
    truths = corpus[1]
    items = [item for t in truths for item in t["items"]]
    assert report.letters == len(truths)
    assert report.items == len(items)
    assert report.overturned == sum(item["decision"] == "overturned" for item in items)


def test_drug_counts_match_the_letters(report, corpus):
    expected = Counter(item["medication"]["generic"] for t in corpus[1] for item in t["items"] if item["medication"])
    figure = panel(report, "drugs").charts[0].figure
    bars = figure.data[0].y  # upheld trace: one bar per drug
    upheld = dict(zip(bars, figure.data[0].x, strict=True))
    overturned = dict(zip(figure.data[1].y, figure.data[1].x, strict=True))
    assert bars and len(bars) == min(15, len(expected))
    for generic in bars:
        assert upheld[generic] + overturned[generic] == expected[generic]
    assert min(expected[g] for g in bars) >= max((n for g, n in expected.items() if g not in bars), default=0)


def test_category_table_adds_up(report):
    columns, rows = panel(report, "categories").table
    assert columns == ["DWC category", "items", "upheld", "overturned", "overturn rate"]
    for _, items, upheld, overturned, rate in rows:
        assert upheld + overturned == items and rate == f"{100 * overturned / items:.1f}%"
    assert sum(r[1] for r in rows) >= report.items  # every item requests a service, each in one category


def _year(truth) -> int | None:
    if truth["dates"]["decision"]:
        return int(truth["dates"]["decision"][:4])
    case = truth.get("case_number") or ""
    return 2000 + int(case[2:4]) if re.match(r"^CM\d\d-", case) else None


def test_items_by_year_and_month_of_decision(report, corpus):
    truths = corpus[1]
    by_year: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    by_month: dict[str, int] = Counter()
    for truth in truths:
        year = _year(truth)
        for item in truth["items"]:
            if year is not None:
                by_year[year][0] += 1
                by_year[year][1] += item["decision"] == "overturned"
            if truth["dates"]["decision"]:
                by_month[truth["dates"]["decision"][:7]] += 1
    columns, rows = panel(report, "time").table
    assert [(int(r[0]), r[1], r[3]) for r in rows] == [(y, *by_year[y]) for y in sorted(by_year)]
    months = panel(report, "months").charts[0].figure
    assert dict(zip(months.data[0].x, (u + o for u, o in zip(months.data[0].y, months.data[1].y, strict=True)),
                    strict=True)) == dict(by_month)
    undated = sum(len(t["items"]) for t in truths if not t["dates"]["decision"] and _year(t))
    assert f"{undated:,} items of letters without a decision date" in panel(report, "time").note


def test_time_to_decision_against_the_deadline(report, corpus):
    expected = {}
    for priority, limit in (("standard", 30), ("expedited", 3)):
        letters = [t for t in corpus[1] if t["priority"] == priority and t["dates"]["decision"]]
        days = [(dt.date.fromisoformat(t["dates"]["decision"]) -
                 dt.date.fromisoformat(t["dates"]["application_received"])).days for t in letters]
        denied = [(dt.date.fromisoformat(t["dates"]["decision"]) -
                   dt.date.fromisoformat(t["dates"]["ur_denial"])).days for t in letters]
        late = sum(d > limit for d in days)
        expected[priority] = [priority, len(letters), limit, f"{statistics.median(days):g}",
                              f"{100 * late / len(letters):.1f}%", f"{statistics.median(denied):g}"]
    deadline = panel(report, "deadline")
    assert deadline.table[1] == [expected["standard"], expected["expedited"]]
    assert deadline.reading.startswith(f"{expected['standard'][4]} of {expected['standard'][1]} standard reviews "
                                       "took more than 30 days")
    late_bars = [trace for trace in deadline.charts[0].figure.data if trace.name == "past the deadline"]
    assert late_bars and min(late_bars[0].x) > 30


def test_outcome_by_treating_physician_specialty(report, corpus):
    expected = Counter()
    for truth in corpus[1]:
        if truth["treating_physician_specialty"]:
            expected[truth["treating_physician_specialty"]] += len(truth["items"])
    figure = panel(report, "treating").charts[0].figure
    totals = {y: u + o for y, u, o in zip(figure.data[0].y, figure.data[0].x, figure.data[1].x, strict=True)}
    assert totals == dict(expected)


def test_over_limit_table_has_one_row_per_request(report, corpus):
    graph = api.open_store(corpus[0])
    over = graph.select("SELECT (COUNT(DISTINCT ?item) AS ?n) WHERE { ?item imr:exceedsGuidelineLimit true }")[0]["n"]
    columns, rows = panel(report, "limits").table
    assert columns == ["request", "asked", "guideline limit", "times the limit", "outcome"]
    assert len(rows) == min(15, over) and len({r[0] for r in rows}) >= len(rows) - 1
    times = [float(r[3].rstrip("x")) for r in rows]
    assert times == sorted(times, reverse=True) and times[-1] > 1


def test_every_panel_shows_its_queries(report):
    assert [p.anchor for p in report.panels] == [
        "categories", "services", "time", "months", "deadline", "citations", "drugs", "specialties", "treating",
        "limits", "influence", "communities"]
    for p in report.panels:
        assert p.queries and all("SELECT" in q for q in p.queries)
        assert p.charts or p.table is not None


def test_page_is_offline_with_a_strict_policy(corpus, tmp_path):
    out = tmp_path / "report.html"
    steps = []
    write_report(corpus[0], out, progress=steps.append)
    assert steps[0] == "report: categories" and steps[-1].startswith("report: writing")
    page = out.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=", page)  # plotly inline; requests are checked in Chromium
    assert page.count('class="chart"') == page.count("data-chart=") >= 12
    assert page.count("<summary>SPARQL") == 15
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)[1].replace("&#39;", "'")
    script_src = next(d for d in policy.split("; ") if d.startswith("script-src")).split()[1:]
    inline = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(inline) == 2 and "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert set(script_src) == {"'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
                               for s in inline}


def _hostile_store(out_dir: Path) -> Path:
    """Letters whose specialty, occupation, drug, citation topic and treating specialty are markup."""
    from imrgraph.graph import GraphWriter
    from imrgraph.synth import generate

    truths = []
    with GraphWriter(out_dir) as writer:
        for index, (letter_id, text, truth) in enumerate(generate(8, seed=5)):
            markup = MARKUP[index % len(MARKUP)]
            truth = dict(truth, sha256="0" * 64, source=f"{letter_id}.txt", **header(index))
            truth["reviewer"] = dict(truth["reviewer"], specialties=[HOSTILE])
            truth["patient"] = dict(truth["patient"], occupation=markup)
            truth["treating_physician_specialty"] = markup
            for item in truth["items"]:
                item["medication"] = {"generic": markup if index else "</script><script>alert(2)</script>",
                                      "strength": None, "form": None}
                for citation in item["reviewer_guidelines"]:
                    citation["topic"] = markup
            writer.add(truth, text)
            truths.append(truth)
    add_header_quads(out_dir / "store", truths)
    return out_dir / "store"


def test_markup_in_letters_is_shown_not_run(tmp_path):
    out = tmp_path / "report.html"
    write_report(_hostile_store(tmp_path / "hostile"), out)
    page = out.read_text(encoding="utf-8")
    assert HOSTILE not in page and "<script>alert(2)" not in page and "<b>bold" not in page
    with chromium() as browser:
        tab = browser.new_page()
        dialogs, errors = [], []
        tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        tab.on("pageerror", lambda e: errors.append(str(e)))
        tab.goto(out.as_uri())
        tab.wait_for_selector("#chart-treating .main-svg", timeout=60_000)
        assert HOSTILE in tab.locator("#specialties .reading").text_content()
        assert "</script><script>alert(2)</script>" in tab.text_content("body")
        # plotly draws the labels as written: no link, bold run or image is made from them
        labels = tab.eval_on_selector_all(".js-plotly-plot .ytick text, .js-plotly-plot .xtick text",
                                          "els => els.map(e => e.textContent).join(' | ')")
        for markup in ("<b>bold</b>", '<a href="https://example.org/x">link</a>'):
            assert markup in labels
        assert tab.evaluate("document.querySelectorAll('.js-plotly-plot a, .js-plotly-plot img, main img, main b, "
                            "main a[href^=\"https\"], svg [style*=\"font-weight:bold\"], "
                            "svg [style*=\"font-weight: bold\"]').length") == 0
        tab.locator("#chart-drugs .bars path").first.hover(force=True)  # plotly's drag layer lies on top
        tab.wait_for_selector("#chart-drugs .hoverlayer .hovertext")
        assert tab.evaluate("document.querySelectorAll('.hoverlayer a, .hoverlayer b').length") == 0
        assert dialogs == [] and errors == []


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
        tab = browser.new_context(viewport={"width": 1000, "height": 900}).new_page()
        errors, requests = [], []
        tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        tab.on("pageerror", lambda e: errors.append(str(e)))
        tab.on("request", lambda r: requests.append(r.url) if r.url != out.as_uri() else None)
        tab.goto(out.as_uri())
        tab.wait_for_selector("#chart-influence .main-svg", timeout=60_000)
        charts = tab.locator(".js-plotly-plot .main-svg")
        assert charts.count() >= 12
        assert tab.locator("#chart-drugs .bars path").count() >= 2
        # nothing drawn past the right edge of its chart: titles are page text, labels are cut to fit
        overflow = tab.evaluate("""() => [...document.querySelectorAll('.js-plotly-plot')].filter(plot => {
            const box = plot.getBoundingClientRect();
            return [...plot.querySelectorAll('text')].some(t => t.getBoundingClientRect().right > box.right + 1);
        }).map(p => p.id)""")
        assert overflow == []
        tab.screenshot(path=str(tmp_path / "report.png"), full_page=True)
        assert errors == [] and requests == []
