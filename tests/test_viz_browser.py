"""The explorer page of a small store in a real headless Chromium: it settles, has a legend,
filters, search, a letter's own view, and letter text that looks like markup stays text."""

from __future__ import annotations

from pathlib import Path

import pytest
from viz_support import (
    HOSTILE_ITEM,
    HOSTILE_RATIONALE,
    MARKUP,
    build_store,
    chromium,
    fixture_letters,
    markup_letter,
    node_dom_position,
    open_explorer,
    screenshot,
)

from imrgraph import viz
from imrgraph.graph import iris

ID = "https://w3id.org/imrgraph/id/"
ITEM = ID + "determination/{}/item/{}"
CLONAZEPAM = ID + "medication/clonazepam"


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


def test_full_page_settles_with_legend_and_no_errors(full_page, tmp_path):
    assert full_page.console_errors == []
    assert full_page.requests == []  # offline: nothing fetched beyond the page itself
    legend = full_page.page.locator("#legend .legend-entry")
    assert set(legend.evaluate_all("els => els.map(e => e.dataset.kind)")) == {
        "determination", "item-upheld", "item-overturned", "service", "drug", "diagnosis", "section", "specialty"}
    assert full_page.page.locator("#legend").is_visible()
    # the network really stopped moving and drew every node
    assert full_page.js("window.imrExplorer.network.physics.stabilized || "
                        "!window.imrExplorer.network.physics.physicsEnabled") is True
    assert full_page.js("window.imrExplorer.visibleNodeCount()") == full_page.js("window.imrExplorer.nodes.length")
    screenshot(full_page, tmp_path, "letters-graph")


def test_outcome_filter_changes_visible_nodes_and_refits(full_page):
    page = full_page.page
    before = full_page.js("window.imrExplorer.visibleNodeCount()")
    fitted = page.get_attribute("body", "data-fitted")
    page.click('.chip[data-dim="outcome"][data-value="overturned"]')
    after = full_page.js("window.imrExplorer.visibleNodeCount()")
    assert 0 < after < before
    shown_items = full_page.js(
        "window.imrExplorer.nodes.get({filter: n => !n.hidden}).map(n => window.imrExplorer.known(n.id))"
        ".filter(n => n.kind === 'item').map(n => n.outcome)")
    assert shown_items and set(shown_items) == {"overturned"}
    assert page.inner_text("#status").startswith(f"Showing {after} of {before} nodes")
    assert page.get_attribute("body", "data-fitted") != fitted
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
    page.wait_for_selector("#search-status:has-text('Nothing matches')")


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
    assert "MTUS Acupuncture: Frequency and duration" in details


def test_a_letter_opens_as_its_own_view_and_back_returns(full_page, tmp_path):
    page = full_page.page
    before = full_page.js("window.imrExplorer.nodes.length")
    full_page.js("id => window.imrExplorer.select(id, false)", ID + "determination/CM14-0000104")
    page.click("#details button.primary")  # "Open this letter"
    page.wait_for_selector("body[data-view='letter']", state="attached")
    items = page.locator("#details .letter-item")
    assert items.count() == 2
    first = items.nth(0).inner_text()
    assert "Individual psychotherapy weekly for twenty weeks" in first and "UPHELD" in first
    assert "Twenty sessions exceed the six to ten the guideline allows first." in first
    assert "OVERTURNED" in items.nth(1).inner_text()
    ids = set(full_page.js("window.imrExplorer.nodes.getIds()"))
    assert ID + "determination/CM14-0000104" in ids and ITEM.format("CM14-0000104", 2) in ids
    assert ID + "medication/duloxetine" in ids and len(ids) < before
    screenshot(full_page, tmp_path, "letter-view")
    page.click("#back")
    assert page.get_attribute("body", "data-view") == "full"
    assert full_page.js("window.imrExplorer.nodes.length") == before
    assert full_page.console_errors == []


def test_markup_in_letter_text_runs_no_script(store, browser, tmp_path):
    html = tmp_path / "hostile.html"
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
    opened.js("id => window.imrExplorer.openLetter(id)", ID + "determination/CM14-0000105")
    page.wait_for_selector("body[data-view='letter']", state="attached")
    assert HOSTILE_RATIONALE in page.inner_text("#details")
    assert opened.dialogs == []
    assert opened.js("document.querySelectorAll('img, b, #details script, #tooltip script').length") == 0
    assert opened.console_errors == []
    opened.page.context.close()


def test_focus_view_page(store, browser, tmp_path):
    html = tmp_path / "focus.html"
    result = viz.write_html(store, html, focus="MTUS chronic-pain p.23", hops=2)
    assert result["view"] == "focus"
    opened = open_explorer(browser, html)
    focus = ID + "guideline-section/mtus/chronic-pain/-/23"
    assert opened.js("window.imrExplorer.network.getSelectedNodes()") == [focus]
    assert opened.console_errors == []
    assert opened.page.get_attribute("#view-kind", "data-view") == "focus"
    screenshot(opened, tmp_path, "focus-view")
    opened.page.context.close()


def test_overview_page_when_over_budget(store, browser, tmp_path):
    html = tmp_path / "overview.html"
    result = viz.write_html(store, html, node_budget=20)
    assert result["view"] == "overview"
    opened = open_explorer(browser, html)
    page = opened.page
    assert page.locator(".rate-scale").is_visible()
    widths = opened.js("window.imrExplorer.edges.get().filter(e => e.count).map(e => e.width)")
    assert max(widths) > min(widths)  # psychotherapy -> p.23 carries two items, the rest one
    before = opened.js("window.imrExplorer.visibleNodeCount()")
    page.click('.chip[data-dim="category"][data-value="Physical medicine"]')
    shown = visible_ids(opened)
    assert ID + "service/acupuncture" in shown and ID + "service/psychotherapy" not in shown
    page.click("#clear-filters")
    assert opened.js("window.imrExplorer.visibleNodeCount()") == before
    assert opened.console_errors == []
    screenshot(opened, tmp_path, "overview")
    opened.page.context.close()


INERT = ("document.querySelectorAll('#sidebar a, #details a, #tooltip a, img, b, #details script, "
         "#tooltip script, #sidebar script').length")


@pytest.mark.parametrize("overview", [False, True], ids=["whole", "overview"])
def test_markup_in_topic_drug_and_occupation_is_text(browser, tmp_path, overview):
    """A citation topic, a drug, an occupation and an item written as markup show as those characters
    in every place the page puts them, create no element and run nothing."""
    store = build_store(tmp_path / "out", [*fixture_letters(hostile=False), markup_letter()])
    html = tmp_path / "graph.html"
    viz.write_html(store, html, overview=overview)
    raw = html.read_text(encoding="utf-8")
    assert not any(markup in raw for markup in MARKUP.values())
    opened = open_explorer(browser, html)
    page = opened.page
    letter, item = ID + "determination/CM14-0000106", ITEM.format("CM14-0000106", 1)
    drug = iris.medication(MARKUP["drug"])
    opened.js("id => window.imrExplorer.select(id, false)", drug)
    page.wait_for_selector("body[data-busy='false']", state="attached")
    assert page.inner_text("#details .card-title") == MARKUP["drug"]
    opened.js("id => window.imrExplorer.openLetter(id)", letter)
    page.wait_for_selector("body[data-view='letter']", state="attached")
    details = page.inner_text("#details")
    for markup in MARKUP.values():
        assert markup in details
    x, y = node_dom_position(opened, item)
    page.mouse.move(x, y)
    page.wait_for_selector("#tooltip:not([hidden])")
    assert MARKUP["item"] in page.inner_text("#tooltip")
    page.fill("#search-input", "bold")
    page.press("#search-input", "Enter")
    page.wait_for_selector("#search-status:has-text('Found')")
    assert MARKUP["drug"] in page.inner_text("#search-status")
    assert opened.js(INERT) == 0
    assert opened.dialogs == [] and opened.console_errors == []
    opened.page.context.close()
