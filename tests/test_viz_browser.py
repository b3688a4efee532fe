"""The explorer page in a real headless Chromium: it settles, has a legend, filters, search, and
letter text that looks like markup stays text."""

from __future__ import annotations

from pathlib import Path

import pytest
from viz_support import (
    HOSTILE_ITEM,
    HOSTILE_RATIONALE,
    build_store,
    chromium,
    fixture_letters,
    node_dom_position,
    open_explorer,
    screenshot,
)

from imrgraph import viz

ITEM = "https://w3id.org/imrgraph/id/determination/{}/item/{}"
CLONAZEPAM = "https://w3id.org/imrgraph/id/medication/clonazepam"


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    return build_store(tmp_path_factory.mktemp("viz") / "out", fixture_letters())


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture(scope="module")
def full_page(store, browser):
    html = store.parent / "graph.html"
    assert viz.write_html(store, html)["view"] == "full"
    opened = open_explorer(browser, html)
    yield opened
    opened.page.context.close()


def visible_ids(opened) -> set[str]:
    return set(opened.js("window.imrExplorer.nodes.get({filter: n => !n.hidden}).map(n => n.id)"))


def test_full_page_settles_with_legend_and_no_errors(full_page):
    assert full_page.console_errors == []
    assert full_page.requests == []  # offline: nothing fetched beyond the page itself
    legend = full_page.page.locator("#legend .legend-entry")
    assert set(legend.evaluate_all("els => els.map(e => e.dataset.kind)")) == {
        "determination", "item-upheld", "item-overturned", "service", "drug", "diagnosis", "section", "specialty"}
    assert full_page.page.locator("#legend").is_visible()
    # the network really stopped moving and drew every node
    assert full_page.js("window.imrExplorer.network.physics.stabilized || "
                        "!window.imrExplorer.network.physics.physicsEnabled") is True
    assert full_page.js("window.imrExplorer.visibleNodeCount()") == full_page.js(
        "window.imrExplorer.nodes.length")
    screenshot(full_page, "letters-graph")


def test_outcome_filter_changes_visible_nodes(full_page):
    page = full_page.page
    before = full_page.js("window.imrExplorer.visibleNodeCount()")
    page.click('.chip[data-dim="outcome"][data-value="overturned"]')
    after = full_page.js("window.imrExplorer.visibleNodeCount()")
    assert 0 < after < before
    shown_items = full_page.js(
        "window.imrExplorer.nodes.get({filter: n => !n.hidden && n.kind === 'item'}).map(n => n.tags.outcome[0])")
    assert shown_items and set(shown_items) == {"overturned"}
    assert page.inner_text("#status").startswith(f"Showing {after} of {before} nodes")
    screenshot(full_page, "letters-graph-overturned")
    page.click("#clear-filters")
    assert full_page.js("window.imrExplorer.visibleNodeCount()") == before


def test_service_and_drug_filters_combine(full_page):
    page = full_page.page
    page.click('.chip[data-dim="service"][data-value="Medication"]')
    medication = visible_ids(full_page)
    page.click('.chip[data-dim="drug"][data-value="clonazepam"]')
    both = visible_ids(full_page)
    assert CLONAZEPAM in both and both < medication
    assert ITEM.format("CM14-0000101", 2) in both and ITEM.format("CM14-0000102", 2) not in both
    page.click("#clear-filters")


def test_search_focuses_the_searched_node(full_page):
    page = full_page.page
    page.fill("#search-input", "Klonopin")  # a brand name finds the generic drug node
    page.press("#search-input", "Enter")
    page.wait_for_selector("body[data-moving='false']", state="attached")  # the focus animation ended
    assert full_page.js("window.imrExplorer.network.getSelectedNodes()") == [CLONAZEPAM]
    assert page.inner_text("#details .card-title") == "clonazepam"
    # the view is centred on the node (shifted left of the details panel)
    x, y = node_dom_position(full_page, CLONAZEPAM)
    box = page.locator("#network").bounding_box()
    panel = page.locator("#details").bounding_box()
    centre_x = box["x"] + box["width"] / 2 - panel["width"] / 2
    assert abs(x - centre_x) < 40 and abs(y - (box["y"] + box["height"] / 2)) < 40
    page.fill("#search-input", "no such thing anywhere")
    page.press("#search-input", "Enter")
    assert "Nothing matches" in page.inner_text("#search-status")


def test_clicking_a_node_shows_its_facts_and_evidence(full_page):
    page = full_page.page
    item = ITEM.format("CM14-0000102", 1)
    full_page.js("id => window.imrExplorer.network.fit({nodes: [id], animation: false})", item)
    x, y = node_dom_position(full_page, item)
    page.mouse.click(x, y)
    details = page.inner_text("#details")
    assert "Acupuncture, twelve visits for the low back" in details
    assert "overturned" in details
    assert "Functional gains after the first six visits support more acupuncture." in details
    assert "MTUS acupuncture" in details


def test_markup_in_letter_text_runs_no_script(store, browser):
    html = store.parent / "hostile.html"
    viz.write_html(store, html, focus="CM14-0000105")
    raw = html.read_text(encoding="utf-8")
    assert "<script>alert(1)" not in raw and "<img src=x" not in raw
    opened = open_explorer(browser, html)
    page = opened.page
    item = ITEM.format("CM14-0000105", 1)
    opened.js("id => window.imrExplorer.network.fit({nodes: [id], animation: false})", item)
    x, y = node_dom_position(opened, item)
    page.mouse.move(x, y)
    page.wait_for_selector("#tooltip:not([hidden])")
    assert HOSTILE_ITEM in page.inner_text("#tooltip")
    page.mouse.click(x, y)
    details = page.inner_text("#details")
    assert HOSTILE_ITEM in details and HOSTILE_RATIONALE in details
    page.fill("#search-input", "knee sprain")
    page.press("#search-input", "Enter")
    page.wait_for_selector("body[data-moving='false']", state="attached")
    assert "knee sprain <b>bold</b>" in page.inner_text("#details")
    assert opened.dialogs == []
    assert opened.js("document.querySelectorAll('img, b, #details script, #tooltip script').length") == 0
    assert opened.console_errors == []
    opened.page.context.close()


def test_focus_view_page(store, browser):
    html = store.parent / "focus.html"
    result = viz.write_html(store, html, focus="MTUS chronic-pain p.23", hops=2)
    assert result["view"] == "focus"
    opened = open_explorer(browser, html)
    focus = "https://w3id.org/imrgraph/id/guideline-section/mtus/chronic-pain/-/23"
    assert opened.js("window.imrExplorer.network.getSelectedNodes()") == [focus]
    assert opened.console_errors == []
    assert opened.page.get_attribute("#view-kind", "data-view") == "focus"
    screenshot(opened, "focus-view")
    opened.page.context.close()


def test_overview_page_when_over_budget(store, browser):
    html = store.parent / "overview.html"
    result = viz.write_html(store, html, node_budget=20)
    assert result["view"] == "overview" and result["nodes"] <= 20
    opened = open_explorer(browser, html)
    page = opened.page
    assert "more than the node budget of 20" in page.inner_text("#view-note")
    assert page.locator(".rate-scale").is_visible()
    widths = opened.js("window.imrExplorer.network.body.data.edges.get().map(e => e.width)")
    assert max(widths) > min(widths)  # psychotherapy -> p.23 carries two items, the rest one
    before = opened.js("window.imrExplorer.visibleNodeCount()")
    page.click('.chip[data-dim="service"][data-value="Acupuncture"]')
    assert opened.js("window.imrExplorer.visibleNodeCount()") == 2
    page.click("#clear-filters")
    assert opened.js("window.imrExplorer.visibleNodeCount()") == before
    assert opened.console_errors == []
    screenshot(opened, "overview")
    opened.page.context.close()
