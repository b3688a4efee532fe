"""Graph analytics on a store built from synthetic letters, checked against the letters' citations."""

from __future__ import annotations

import networkx as nx
import pytest
from serve_support import synth_store

from imrgraph import analytics, api


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    store, truths = synth_store(tmp_path_factory.mktemp("analytics"), 60, seed=21)
    return api.open_store(store), truths


def test_pagerank_matches_the_closed_form_on_a_star():
    # centre c and three leaves l: c = 0.15/4 + 0.85 * 3l, l = 0.15/4 + 0.85 * c/3
    rank = analytics.pagerank(nx.star_graph(3))
    assert rank[0] == pytest.approx(0.4797297, abs=1e-5)
    assert rank[1] == pytest.approx(0.1734234, abs=1e-5)
    assert sum(rank.values()) == pytest.approx(1.0)


def test_page_ranges_and_labels():
    assert analytics.page_ranges([73, 67, 68, 69]) == "pp. 67-69, 73"
    assert analytics.page_ranges([23]) == "p. 23"
    assert analytics.unit_label("MTUS", "chronic-pain", None, [76, 77, 78], "Opioids") == \
        "MTUS Chronic Pain pp. 76-78: Opioids"
    assert analytics.unit_label("MTUS", "acoem", "12", []) == "MTUS ACOEM ch. 12"
    assert analytics.unit_label("ODG", "odg", "Mental Illness and Stress", []) == "ODG Mental Illness and Stress"


def test_citation_graph_links_every_item_to_what_its_reviewer_cited(corpus):
    graph, truths = corpus
    citations = analytics.citation_graph(graph)
    items = [n for n, kind in citations.nodes(data="kind") if kind == "item"]
    cited = [it for t in truths for it in t["items"] if it["reviewer_guidelines"]]
    assert len(items) == len(cited)
    assert nx.is_bipartite(citations)
    # merged page sections still stand for every page IRI cited
    iris = {iri for _, data in citations.nodes(data=True) if data["kind"] == "section" for iri in data["sections"]}
    expected = {r["s"] for r in graph.select("SELECT DISTINCT ?s WHERE { ?i imr:reviewerCites ?s }")}
    assert iris == expected


def test_influential_sections_are_ranked_shares(corpus):
    graph, _ = corpus
    rows = analytics.influential_sections(graph, top=200)
    assert rows and sum(r["pagerank"] for r in rows) == pytest.approx(1.0)
    assert [r["pagerank"] for r in rows] == sorted((r["pagerank"] for r in rows), reverse=True)
    for row in rows[:5]:
        citing = graph.select("SELECT ?s (COUNT(DISTINCT ?i) AS ?n) WHERE { ?i imr:reviewerCites ?s } GROUP BY ?s",
                              bindings={"s": row["section"]})
        assert citing[0]["n"] == row["items"]


def test_communities_group_sections_cited_together(corpus):
    graph, truths = corpus
    together = analytics.cocitation_graph(graph)
    communities = analytics.section_communities(graph)
    assert communities
    members = [s for c in communities for s in c["sections"]]
    assert len(members) == len(set(members))  # a partition
    for community in communities:
        assert len(community["sections"]) >= 2
        inside = together.subgraph(community["sections"])
        assert community["cocitations"] == inside.size(weight="weight")
    # deterministic for the report
    assert analytics.section_communities(graph) == communities


def test_communities_by_service_only_use_that_services_items(corpus):
    graph, _ = corpus
    by_service = analytics.communities_by_service(graph, top_services=3)
    assert len(by_service) == 3
    assert [s["items"] for s in by_service] == sorted((s["items"] for s in by_service), reverse=True)
    for service in by_service:
        assert service["communities"] == analytics.section_communities(graph, service=service["service"])


def test_unknown_cited_by_is_refused(corpus):
    with pytest.raises(ValueError, match="cited_by"):
        analytics.citation_graph(corpus[0], cited_by="nobody")


@pytest.mark.parametrize(("topic", "label"), [
    ("Muscle relaxants; which are part of the", "Muscle relaxants"),
    ("Opioids; updated 01/02/16; Those guidelines say", "Opioids"),
    ("and Trigger point injections", "Trigger point injections"),
    ("Topical analgesics The guideline is clear on this", "Topical analgesics"),
    ("is the part of the guideline that covers knee surgery", None),
    ("ACOEM Practice Guidelines", None),
    ("Office Visits; Office visits", "Office Visits"),
    ("Weaning of medications; tapering sch...", "Weaning of medications; tapering"),
    ("NSAIDs; GI symptoms & cardiovascular risk", "NSAIDs; GI symptoms & cardiovascular risk"),
])
def test_topic_labels_keep_the_title_not_the_sentence(topic, label):
    assert analytics.topic_label(topic) == label
    assert analytics.unit_label("MTUS", "chronic-pain", None, [1], topic) == (
        f"MTUS Chronic Pain p. 1: {label}" if label else "MTUS Chronic Pain p. 1")
