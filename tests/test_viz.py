"""viz without a browser: focus terms, hops, the node budget, the page's offline build, the CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from viz_support import build_store, fixture_letters

from imrgraph import api, viz
from imrgraph.cli import main
from imrgraph.viz.views import UnknownFocus, resolve

ID = "https://w3id.org/imrgraph/id/"


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    return build_store(tmp_path_factory.mktemp("vizcli") / "out", fixture_letters())


def payload(html: Path) -> dict:
    text = html.read_text(encoding="utf-8")
    return json.loads(re.search(r'<script type="application/json" id="imr-data">(.*?)</script>', text, re.S)[1])


@pytest.mark.parametrize(("term", "node", "kind"), [
    ("Klonopin", ID + "medication/clonazepam", "drug"),
    ("hydrocodone/acetaminophen", ID + "medication/hydrocodone+acetaminophen", "drug"),
    ("acupuncture", ID + "service/acupuncture", "service"),
    ("MTUS chronic-pain p.23", ID + "guideline-section/mtus/chronic-pain/-/23", "section"),
    ("CM14-0000103", ID + "determination/CM14-0000103", "determination"),
    ("F41.1", ID + "diagnosis/F41.1", "diagnosis"),
    ("psychiatry", "specialty:Psychiatry", "specialty"),
    (ID + "determination/CM14-0000102/item/1", ID + "determination/CM14-0000102/item/1", "item"),
])
def test_focus_terms_resolve(store, term, node, kind):
    assert resolve(api.open_store(store), term) == (node, kind)


def test_unknown_focus_is_rejected(store):
    with pytest.raises(UnknownFocus, match="unknown focus 'no such drug'"):
        resolve(api.open_store(store), "no such drug")


def test_hops_widen_the_focus_view(store, tmp_path):
    det = ID + "determination/CM14-0000101"
    sizes = []
    for hops in (0, 1, 2):
        result = viz.write_html(store, tmp_path / f"h{hops}.html", focus="CM14-0000101", hops=hops)
        ids = {n["id"] for n in payload(tmp_path / f"h{hops}.html")["nodes"]}
        sizes.append(result["nodes"])
        assert result["view"] == "focus" and det in ids
    h0 = {n["id"] for n in payload(tmp_path / "h0.html")["nodes"]}
    assert h0 == {det, *(f"{det}/item/{i}" for i in (1, 2, 3))}  # a letter and its items are one place
    h1 = {n["id"] for n in payload(tmp_path / "h1.html")["nodes"]}
    assert ID + "medication/clonazepam" in h1 and ID + "guideline-section/mtus/chronic-pain/-/23" in h1
    assert not any("CM14-0000104" in i for i in h1)
    h2 = {n["id"] for n in payload(tmp_path / "h2.html")["nodes"]}
    assert ID + "determination/CM14-0000104" in h2  # shares MTUS chronic-pain p.23
    assert sizes[0] < sizes[1] < sizes[2]


def test_node_budget_switches_to_overview(store, tmp_path):
    assert viz.write_html(store, tmp_path / "a.html")["view"] == "full"
    small = viz.write_html(store, tmp_path / "b.html", node_budget=30)
    assert small["view"] == "overview" and small["nodes"] <= 30
    focus = viz.write_html(store, tmp_path / "c.html", focus="MTUS chronic-pain p.23", hops=3, node_budget=12)
    assert focus["view"] == "overview"
    data = payload(tmp_path / "c.html")
    assert {n["kind"] for n in data["nodes"]} == {"service", "section"}
    p23 = [e for e in data["edges"] if e["to"].endswith("chronic-pain/-/23") and e["from"].endswith("psychotherapy")]
    assert p23 and p23[0]["label"] == "2 items"


def test_page_is_self_contained(store, tmp_path):
    html = tmp_path / "page.html"
    viz.write_html(store, html)
    text = html.read_text(encoding="utf-8")
    assert "vis.Network" in text and "Content-Security-Policy" in text
    assert not re.search(r'<(script|link|img)[^>]+(src|href)=', text)
    assert not re.search(r"cdnjs|jsdelivr|unpkg|bootstrap", text)  # what pyvis's own template loads


def run_cli(argv: list[str]) -> int:
    return main(["viz", *argv])


def test_cli_writes_page_and_reports_bad_input_in_one_line(store, tmp_path, capsys):
    out = tmp_path / "cli.html"
    assert run_cli(["--store", str(store), "-o", str(out), "--focus", "Norco", "--hops", "2"]) == 0
    assert "focus view" in capsys.readouterr().out and out.is_file()
    assert run_cli(["--store", str(store), "-o", str(out), "--focus", "nothing like this"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("imrgraph: unknown focus 'nothing like this'") and err.count("\n") == 1
    assert run_cli(["--store", str(tmp_path / "missing"), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("imrgraph: no store at") and err.count("\n") == 1
