"""The served explorer and query page in a real headless Chromium (Debian's, via playwright)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from serve_support import running_server, synth_store
from viz_support import chromium

from imrgraph import queries


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    store, _ = synth_store(tmp_path_factory.mktemp("serve-browser"), 40)
    with running_server(store, "--timeout", "20") as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


def open_page(browser, url: str):
    """A page with its console errors and every request that left the server's origin recorded."""
    page = browser.new_context(viewport={"width": 1400, "height": 900}).new_page()
    errors, foreign = [], []
    origin = urlsplit(url).netloc
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: foreign.append(r.url) if urlsplit(r.url).netloc not in (origin, "") else None)
    page.goto(url)
    return page, errors, foreign


def test_explorer_loads_from_the_server(server, browser, tmp_path):
    page, errors, foreign = open_page(browser, server + "/")
    page.wait_for_selector("body[data-settled='true']", state="attached", timeout=120_000)
    assert page.locator("canvas").count() >= 1
    assert page.evaluate("window.imrExplorer.network.body.data.nodes.length") > 10
    page.screenshot(path=str(tmp_path / "serve-explorer.png"))  # pytest's folder, never the checkout's out/
    assert errors == [] and foreign == []


def test_query_page_runs_a_bundled_query_in_one_click(server, browser, tmp_path):
    page, errors, foreign = open_page(browser, server + "/query")
    buttons = page.locator("#bundled button")
    assert buttons.count() == len(queries.names())
    page.click("#bundled button[data-name='overturn-rate-by-service']")
    page.wait_for_selector("#results tr:nth-child(2)", timeout=30_000)
    headers = page.locator("#results th").all_text_contents()
    assert headers[:3] == ["service", "label", "items"]
    assert page.locator("#status").text_content().split()[1] in ("row", "rows")
    assert page.locator("#downloads a").all_text_contents() == ["CSV", "TSV", "JSON", "XML"]
    page.screenshot(path=str(tmp_path / "serve-query-page.png"), full_page=True)
    assert errors == [] and foreign == []


def test_query_page_shows_the_servers_error_message(server, browser):
    page, errors, _ = open_page(browser, server + "/query")
    page.fill("#editor", "SELECT ?x WHERE { ?x imr:outcome ")
    page.click("#run")
    page.wait_for_selector("#status.bad", timeout=30_000)
    assert page.locator("#status").text_content().startswith("malformed SPARQL: error at 1:")
    page.fill("#editor", "DELETE WHERE { ?s ?p ?o }")
    page.click("#run")
    # a locator, not wait_for_function: the page's CSP forbids the eval that one polls with
    page.locator("#status", has_text="read-only").wait_for(timeout=30_000)
    assert page.locator("#results tr").count() == 0
    # the failed fetches are logged by the browser as failed resources, not page errors
    assert all("status of 4" in e for e in errors)
