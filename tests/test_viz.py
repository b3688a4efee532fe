"""viz without a browser: focus terms, hops, the overview of a bigger store, what a click adds
(the embedded answers and the served ones), the page's offline build and its CSP, the CLI."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import pytest
from viz_support import HOSTILE_ITEM, build_store, fixture_letters

from imrgraph import api, viz
from imrgraph.viz import live, store
from imrgraph.viz.views import UnknownFocus, resolve

ID = "https://w3id.org/imrgraph/id/"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return build_store(tmp_path_factory.mktemp("vizcli") / "out", fixture_letters())


@pytest.fixture(scope="module")
def graph(built):
    return api.open_store(built)


def payload(html: Path) -> dict:
    text = html.read_text(encoding="utf-8")
    return json.loads(re.search(r'<script type="application/json" id="imr-data">(.*?)</script>', text, re.S)[1])


@pytest.mark.parametrize(("term", "node", "kind"), [
    ("Klonopin", ID + "medication/clonazepam", "drug"),
    ("hydrocodone/acetaminophen", ID + "medication/hydrocodone+acetaminophen", "drug"),
    ("acupuncture", ID + "service/acupuncture", "service"),
    ("MTUS chronic-pain p.23", ID + "guideline-section/mtus/chronic-pain/-/23", "section"),
    ("CM14-0000103", ID + "determination/CM14-0000103", "determination"),
    ("cm14-0000103", ID + "determination/CM14-0000103", "determination"),
    ("F41.1", ID + "diagnosis/F41.1", "diagnosis"),
    ("psychiatry", "specialty:Psychiatry", "specialty"),
    (ID + "determination/CM14-0000102/item/1", ID + "determination/CM14-0000102/item/1", "item"),
])
def test_focus_terms_resolve(graph, term, node, kind):
    assert resolve(graph, term) == (node, kind)


def test_lookup_rule_ranks_exact_then_prefix_then_substring(graph):
    # exact beats a longer name starting with the text; prefix beats containing
    assert [n.id for n in store.find(graph, "psychotherapy")][0] == ID + "service/psychotherapy"
    assert store.find(graph, "clonaz")[0].id == ID + "medication/clonazepam"
    assert {n.kind for n in store.find(graph, "azepam")} == {"drug"}
    assert store.find(graph, "0000104")[0].id == ID + "determination/CM14-0000104"
    assert store.find(graph, "acupuncture", kind="section")[0].kind == "section"
    assert store.find(graph, "no such thing") == []


def test_unknown_focus_is_rejected(graph):
    with pytest.raises(UnknownFocus, match="unknown focus 'no such drug'"):
        resolve(graph, "no such drug")


def test_hops_widen_the_focus_view(built, tmp_path):
    det = ID + "determination/CM14-0000101"
    sizes = []
    for hops in (0, 1, 2):
        result = viz.write_html(built, tmp_path / f"h{hops}.html", focus="CM14-0000101", hops=hops)
        ids = {n["id"] for n in payload(tmp_path / f"h{hops}.html")["first"]["nodes"]}
        sizes.append(result["nodes"])
        assert result["view"] == "focus" and det in ids
    h0 = {n["id"] for n in payload(tmp_path / "h0.html")["first"]["nodes"]}
    assert h0 == {det, *(f"{det}/item/{i}" for i in (1, 2, 3))}  # a letter and its items are one place
    h1 = {n["id"] for n in payload(tmp_path / "h1.html")["first"]["nodes"]}
    assert ID + "medication/clonazepam" in h1 and ID + "guideline-section/mtus/chronic-pain/-/23" in h1
    assert not any("CM14-0000104" in i for i in h1)
    h2 = {n["id"] for n in payload(tmp_path / "h2.html")["first"]["nodes"]}
    assert ID + "determination/CM14-0000104" in h2  # shares MTUS chronic-pain p.23
    assert sizes[0] < sizes[1] < sizes[2]


def test_small_store_is_drawn_whole_with_its_letters(built, tmp_path):
    result = viz.write_html(built, tmp_path / "whole.html")
    data = payload(tmp_path / "whole.html")
    assert result["view"] == "full" and data["mode"] == "graph" and result["letters"] == 5
    kinds = {n["kind"] for n in data["first"]["nodes"]}
    assert kinds == {"determination", "item", "service", "drug", "diagnosis", "section", "specialty"}
    # each letter also opens as its own view, with the letter text behind its items
    letter = data["embedded"]["letters"][ID + "determination/CM14-0000102"]["letter"]
    acupuncture = letter["items"][0]
    assert acupuncture["name"] == "Acupuncture, twelve visits for the low back"
    assert acupuncture["rationale"] == ["Functional gains after the first six visits support more acupuncture."]


def test_over_the_node_budget_the_page_opens_on_the_overview(built, tmp_path):
    result = viz.write_html(built, tmp_path / "overview.html", node_budget=20)
    data = payload(tmp_path / "overview.html")
    assert result["view"] == "overview" and data["mode"] == "explore"
    first = data["first"]
    assert {n["kind"] for n in first["nodes"]} == {"category", "service", "section", "drug"}
    assert all("x" in n and "y" in n for n in first["nodes"])
    psychotherapy = ID + "service/psychotherapy"
    p23 = ID + "guideline-section/mtus/chronic-pain/-/23"
    edge = next(e for e in first["edges"] if e["from"] == psychotherapy and e["to"] == p23)
    assert (edge["count"], edge["overturned"]) == (2, 1)
    # what a click on a concept adds is embedded: its linked concepts and its letters
    embedded = data["embedded"]
    assert {e["to"] for e in embedded["neighbours"][psychotherapy]["edges"]} >= {p23, ID + "category/behavioral-mental-health"}
    letters, total = embedded["lettersOf"][psychotherapy]
    assert set(letters) == {ID + "determination/CM14-0000101", ID + "determination/CM14-0000104"} and total == 2
    assert set(embedded["letters"]) == {ID + f"determination/CM14-000010{i}" for i in range(1, 6)}


def test_columns_of_the_overview_never_overlap(built, tmp_path):
    from imrgraph.viz.layout import box_size

    viz.write_html(built, tmp_path / "overview.html", overview=True)
    nodes = payload(tmp_path / "overview.html")["first"]["nodes"]
    boxes = []
    for n in nodes:
        w, h = box_size(n["label"])
        boxes.append((n["x"] - w / 2, n["y"] - h / 2, n["x"] + w / 2, n["y"] + h / 2))
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)


def test_above_the_letter_budget_the_page_says_it_shows_a_summary(built, tmp_path):
    result = viz.write_html(built, tmp_path / "summary.html", letter_budget=2, node_budget=20)
    data = payload(tmp_path / "summary.html")
    assert result["letters"] == 0 and data["embedded"]["letters"] == {}
    assert data["embedded"]["neighbours"]  # concepts still expand
    assert "more than this page embeds (2)" in data["summary"]
    assert "more than this page embeds (2)" in (tmp_path / "summary.html").read_text(encoding="utf-8")


def test_progress_is_reported(built, tmp_path):
    steps = []
    viz.write_html(built, tmp_path / "p.html", progress=steps.append)
    assert steps[0] == "explorer: concepts and their links" and steps[-1].startswith("explorer: writing")
    assert "explorer: reading 5 letters" in steps


def test_page_is_self_contained_and_runs_only_its_own_scripts(built, tmp_path):
    html = tmp_path / "page.html"
    viz.write_html(built, html)
    text = html.read_text(encoding="utf-8")
    assert "vis.Network" in text
    assert not re.search(r'<(script|link|img)[^>]+(src|href)=', text)
    assert not re.search(r"cdnjs|jsdelivr|unpkg|bootstrap", text)  # what pyvis's own template loads
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', text)[1].replace("&#39;", "'")
    script_src = next(d for d in policy.split("; ") if d.startswith("script-src"))
    assert "unsafe" not in script_src and "connect-src" not in policy
    inline = re.findall(r"<script>(.*?)</script>", text, re.S)
    hashes = {"'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'" for s in inline}
    assert len(inline) == 2 and set(script_src.split()[1:]) == hashes


def test_letter_text_stays_data_in_the_page(built, tmp_path):
    html = tmp_path / "hostile.html"
    viz.write_html(built, html, focus="CM14-0000105")
    raw = html.read_text(encoding="utf-8")
    assert "<script>alert(1)" not in raw and "<img src=x" not in raw and "<b>bold" not in raw
    assert HOSTILE_ITEM in json.dumps(payload(html), ensure_ascii=False)


# ---- served: what the page asks the server for --------------------------------------------


def test_served_neighbourhood_is_bounded_and_lists_letters(graph):
    section = ID + "guideline-section/mtus/chronic-pain/-/23"
    answer = live.HANDLERS["neighbourhood"](graph, node=section)
    ids = {n["id"] for n in answer["nodes"]}
    assert {ID + "service/psychotherapy", ID + "service/cognitive-behavioral-therapy"} <= ids
    assert {ID + "determination/CM14-0000101", ID + "determination/CM14-0000104"} <= ids
    assert all(e["from"] in ids | {section} and e["to"] in ids | {section} for e in answer["edges"])
    small = live.HANDLERS["neighbourhood"](graph, node=ID + "category/behavioral-mental-health", limit="1")
    assert sum(e["relation"] == "inCategory" for e in small["edges"]) == 1 and small["more"]["inCategory"] >= 1
    json.dumps(answer)


def test_served_letter_carries_the_text_behind_each_fact(graph):
    view = live.HANDLERS["letter"](graph, id="CM14-0000102")
    assert view["id"] == ID + "determination/CM14-0000102"
    items = view["letter"]["items"]
    assert [i["outcome"] for i in items] == ["overturned", "upheld"]
    assert items[1]["rationale"] == ["No documented pain relief or return to work on opioids."]
    assert {c["label"] for c in items[1]["citations"]} == {"MTUS Chronic Pain pp. 76-78: Opioids, criteria for use"}
    same = live.HANDLERS["letter"](graph, id=ID + "determination/CM14-0000102")
    assert same == view


def test_served_letters_of_a_concept_need_no_index(graph):
    section = ID + "guideline-section/mtus/chronic-pain/-/23"
    answer = live.HANDLERS["letters"](graph, node=section)
    assert [n["id"] for n in answer["letters"]] == [ID + "determination/CM14-0000101",
                                                    ID + "determination/CM14-0000104"]  # most of its items first
    assert answer["letters"][0]["facts"][1] == ["Items", "3 (2 upheld, 1 overturned)"]
    assert [n["id"] for n in live.HANDLERS["letters"](graph, node="specialty:Psychiatry")["letters"]] == [
        ID + "determination/CM14-0000104"]
    assert live.HANDLERS["letters"](graph, node=ID + "diagnosis/F41.1", limit="1")["letters"][0]["name"] == "CM14-0000104"


def test_served_search_uses_the_lookup_rule(graph):
    answer = live.HANDLERS["search"](graph, q="Klonopin")
    assert answer["results"][0]["id"] == ID + "medication/clonazepam"
    assert live.HANDLERS["search"](graph, q="nothing of the sort")["results"] == []
    letters = live.HANDLERS["search"](graph, q="0000104", kind="determination")["results"]
    assert [n["id"] for n in letters] == [ID + "determination/CM14-0000104"]
    assert live.HANDLERS["search"](graph, q="klonopin", kind="determination")["results"] == []


@pytest.mark.parametrize(("name", "params", "error"), [
    ("neighbourhood", {"node": ID + "service/no-such-service"}, live.NotFound),
    ("neighbourhood", {"node": ID + "service/acupuncture", "limit": "many"}, ValueError),
    ("neighbourhood", {"node": ID + "service/acupuncture", "limit": "100000"}, ValueError),
    ("letter", {"id": "CM99-0000000"}, live.NotFound),
    ("letter", {"id": ID + "determination/x> } DROP ALL"}, ValueError),
    ("letter", {}, ValueError),
    ("letters", {"node": "not an <iri>"}, ValueError),
    ("search", {"q": "x", "kind": "planet"}, ValueError),
])
def test_served_handlers_refuse_bad_requests(graph, name, params, error):
    with pytest.raises(error):
        live.HANDLERS[name](graph, **params)


def test_served_page_is_drawn_once_per_state_of_the_store(built, tmp_path):
    graph = api.open_store(built)
    first = live.page(graph)
    assert live.page(graph) is first
    assert "connect-src 'self'" in first.replace("&#39;", "'") or '"mode":"graph"' in first


# ---- the command ---------------------------------------------------------------------------


def run_cli(argv: list[str]) -> int:
    from imrgraph.cli import main

    return main(["viz", *argv])


def test_cli_writes_page_and_reports_bad_input_in_one_line(built, tmp_path, capsys):
    out = tmp_path / "cli.html"
    assert run_cli(["--store", str(built), "-o", str(out), "--focus", "Norco", "--hops", "2"]) == 0
    captured = capsys.readouterr()
    assert "focus view" in captured.out and out.is_file()
    assert "imrgraph: explorer: concepts and their links" in captured.err
    assert run_cli(["--store", str(built), "-o", str(out), "--focus", "nothing like this"]) == 1
    err = capsys.readouterr().err.splitlines()[-1]
    assert err.startswith("imrgraph: unknown focus 'nothing like this'")
    assert run_cli(["--store", str(tmp_path / "missing"), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("imrgraph: no store at") and err.count("\n") == 1


def test_handlers_read_a_store_opened_by_the_caller(built):
    """A server's worker holds a GraphStore open and hands it to the handlers."""
    opened = api.open_store(built)
    letters = live.HANDLERS["letters"](opened, node=ID + "service/psychotherapy")["letters"]
    assert {n["id"] for n in letters} == {ID + "determination/CM14-0000101", ID + "determination/CM14-0000104"}
    assert live.HANDLERS["neighbourhood"](opened, node=ID + "service/psychotherapy")["nodes"]
    assert live.HANDLERS["letter"](opened, id="CM14-0000104")["letter"]["name"] == "CM14-0000104"
    assert live.HANDLERS["search"](opened, q="Cymbalta")["results"][0]["id"] == ID + "medication/duloxetine"
