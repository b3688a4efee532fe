"""The explorer of 200 and 2,000 synthetic letters (built by `imrgraph build`) in headless Chromium,
as graph.html and as `imrgraph serve` serves it: it opens on an overview of at most 150 nodes whose labels do not
overlap; a click adds a node's neighbours; a letter opens with its items and the letter text behind
them, and Back returns; search selects and expands; filters refit; nothing errs."""

from __future__ import annotations

import time
import urllib.request

import pytest
from serve_support import running_server
from viz_support import (
    chromium,
    label_boxes,
    node_dom_position,
    open_explorer,
    screenshot,
    synthetic_store,
    worst_overlap,
)

from imrgraph import api, viz

SIZES = (200, 2000)
RATIONALE = """
SELECT ?item ?text WHERE { ?item imr:evidence ?ev . ?ev imr:supports imr:rationale ; imr:sourceText ?text }"""


@pytest.fixture(scope="module", params=SIZES, ids=lambda n: f"{n}-letters")
def built(request, tmp_path_factory):
    return request.param, synthetic_store(tmp_path_factory.mktemp(f"letters{request.param}"), request.param)


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


def wait_idle(opened) -> None:
    opened.page.wait_for_selector("body[data-busy='false']", state="attached", timeout=30_000)
    opened.page.wait_for_selector("body[data-moving='false']", state="attached", timeout=30_000)


def visible(opened) -> list[str]:
    return opened.js("window.imrExplorer.nodes.get({filter: n => !n.hidden}).map(n => n.id)")


def all_inside_the_view(opened) -> bool:
    box = opened.page.locator("#network").bounding_box()
    for left, top, right, bottom in label_boxes(opened).values():
        if left < box["x"] - 2 or top < box["y"] - 2 or right > box["x"] + box["width"] + 2 or \
                bottom > box["y"] + box["height"] + 2:
            return False
    return True


@pytest.mark.parametrize("served", [False, True], ids=["file", "served"])
def test_explorer_at_scale(built, browser, served, tmp_path):
    letters, store = built
    graph = api.open_store(store)
    if served:
        with running_server(store, "--workers", "2") as url:
            deadline = time.monotonic() + 300
            while urllib.request.urlopen(url + "/", timeout=300).status != 200:  # 202 while it draws the page
                assert time.monotonic() < deadline
                time.sleep(0.5)
            opened = open_explorer(browser, url + "/")
            explore(opened, graph, letters_readable=True, shots=tmp_path)
            opened.page.context.close()
        return
    html = tmp_path / "graph.html"
    result = viz.write_html(store, html)
    opened = open_explorer(browser, html)
    readable = result["letters"] == letters
    assert readable == (letters <= viz.DEFAULT_LETTER_BUDGET)
    if not readable:
        assert "more than this page embeds" in opened.page.inner_text("#view-note")
    explore(opened, graph, letters_readable=readable, shots=tmp_path)
    assert opened.requests == []
    opened.page.context.close()


def explore(opened, graph, *, letters_readable: bool, shots) -> None:
    page, ex = opened.page, "window.imrExplorer"
    # the first view: an overview that reads at a glance
    first = visible(opened)
    assert 0 < len(first) <= 150
    assert page.get_attribute("body", "data-mode") == "explore"
    assert worst_overlap(label_boxes(opened)) <= 3
    assert opened.js(f"{ex}.network.getScale()") * 14 >= 11  # box labels are 14 px: legible as drawn
    assert all_inside_the_view(opened)
    screenshot(opened, shots, "overview")

    # a click on the most disputed service adds its neighbours beside it
    service = max((i for i in first if "/service/" in i), key=lambda i: opened.js(f"id => {ex}.known(id).items", i))
    x, y = node_dom_position(opened, service)
    page.mouse.click(x, y)
    wait_idle(opened)
    after = visible(opened)
    added = set(after) - set(first)
    assert added and added <= set(opened.js(f"id => {ex}.network.getConnectedNodes(id)", service))
    assert page.inner_text("#details .card-title") == opened.js(f"id => {ex}.known(id).name", service)
    screenshot(opened, shots, "expanded")

    letter = next((i for i in after if "/determination/" in i), None)
    if letters_readable:
        # a letter opens as its own view: its items, each with the letter's words behind it
        assert letter is not None
        x, y = node_dom_position(opened, letter)
        page.mouse.click(x, y)
        page.wait_for_selector("body[data-view='letter']", state="attached")
        wait_idle(opened)
        items = graph.select("SELECT ?d ?item WHERE { ?d imr:hasDisputedTreatment ?item }", bindings={"d": letter})
        sections = page.locator("#details .letter-item")
        assert sections.count() == len(items) > 0
        text = page.inner_text("#details")
        rationales = [r["text"] for i in items for r in graph.select(RATIONALE, bindings={"item": i["item"]})]
        assert rationales and all(" ".join(r.split())[:120] in text for r in rationales)
        assert worst_overlap(label_boxes(opened)) <= 3
        screenshot(opened, shots, "letter")
        page.click("#back")
        assert page.get_attribute("body", "data-view") == "overview"
        assert sorted(visible(opened)) == sorted(after)
    else:
        assert letter is None  # a summary page lists no letters

    # search selects what it finds and adds its neighbours
    drugs = sorted((n for n in graph.select(
        "SELECT ?d ?label (COUNT(?i) AS ?n) WHERE { ?i imr:requestsMedication ?d . ?d skos:prefLabel ?label } "
        "GROUP BY ?d ?label")), key=lambda r: -r["n"])
    target = drugs[min(len(drugs) - 1, 12)]  # one the overview does not show
    page.fill("#search-input", target["label"])
    page.press("#search-input", "Enter")
    page.wait_for_selector("#search-status:has-text('Found')")
    wait_idle(opened)
    assert opened.js(f"{ex}.network.getSelectedNodes()") == [target["d"]]
    assert opened.js(f"id => {ex}.network.getConnectedNodes(id).length", target["d"]) > 0
    x, y = node_dom_position(opened, target["d"])
    box = page.locator("#network").bounding_box()
    assert box["x"] <= x <= box["x"] + box["width"] and box["y"] <= y <= box["y"] + box["height"]

    # a filter keeps what matches and refits the view to it
    before = len(visible(opened))
    fitted = page.get_attribute("body", "data-fitted")
    page.locator('#filters .chip[data-dim="category"]').first.click()
    kept = visible(opened)
    assert 0 < len(kept) < before and page.get_attribute("body", "data-fitted") != fitted
    assert all_inside_the_view(opened)
    page.click("#clear-filters")
    assert opened.console_errors == [] and opened.dialogs == []
