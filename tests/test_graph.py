"""The knowledge graph: competency questions in the terms of docs/GRAPH.md, identity, validation, formats."""

from __future__ import annotations

import copy
import json
import shutil

import pyoxigraph
import pytest
import rdflib
from graph_support import build, command, corpus, item, letter

from imrgraph import api
from imrgraph.graph import GraphWriter, iris, triples_for
from imrgraph.graph.store import GraphStore


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("graph")
    counts = build(out, corpus().values())
    return out, counts


@pytest.fixture(scope="module")
def graph(built):
    return api.open_store(built[0] / "store")


def values(rows, key):
    return sorted(r[key] for r in rows)


ID = "https://w3id.org/imrgraph/id/"


# --- competency questions -------------------------------------------------------------------------

def test_which_items_were_overturned(graph):
    rows = graph.select("SELECT ?item WHERE { ?item a imr:DisputedTreatment ; imr:outcome imr:Overturned }")
    assert values(rows, "item") == [ID + "determination/CM-B2/item/1", ID + "determination/CM-C3/item/1"]
    necessary = graph.select("SELECT ?item WHERE { ?item imr:medicallyNecessary true }")
    assert values(necessary, "item") == values(rows, "item")


def test_which_determinations_involve_clonazepam_by_generic_or_brand(graph):
    q = """SELECT DISTINCT ?det ?name WHERE {
             ?med a imr:Medication ; skos:prefLabel|skos:altLabel ?name .
             { ?det imr:mentionsMedication ?med } UNION { ?det imr:hasDisputedTreatment/imr:requestsMedication ?med } }"""
    for name in ("clonazepam", "klonopin"):
        assert values(graph.select(q, bindings={"name": name}), "det") == [ID + "determination/CM-A1"]
    norco = graph.select(q, bindings={"name": "norco"})
    assert values(norco, "det") == [ID + "determination/CM-B2"]
    link = graph.select("SELECT ?m WHERE { ?m skos:prefLabel 'clonazepam' ; skos:exactMatch ?db }")
    assert len(link) == 1


def test_negated_drug_is_not_a_mention(graph):
    rows = graph.select("SELECT ?det WHERE { ?det imr:mentionsMedication ?m . ?m skos:prefLabel 'alprazolam' }")
    assert rows == []
    negated = graph.select("""SELECT ?det WHERE { ?det imr:hasMention ?x . ?x imr:negated true ;
                              imr:mentionOf/skos:prefLabel 'alprazolam' }""")
    assert values(negated, "det") == [ID + "determination/CM-C3"]


def test_which_items_reviewers_cited_mtus_chronic_pain_page_23(graph):
    rows = graph.select("""SELECT ?item WHERE { ?item imr:reviewerCites ?s .
        ?s a imr:GuidelineSection ; imr:guidelineSource "MTUS" ; imr:document "chronic-pain" ; imr:page 23 }""")
    assert values(rows, "item") == [ID + "determination/CM-A1/item/1", ID + "determination/CM-C3/item/1"]


def test_one_section_node_per_page_shared_across_letters(graph):
    rows = graph.select("""SELECT ?s (COUNT(DISTINCT ?item) AS ?n) WHERE { ?item imr:reviewerCites ?s .
        ?s imr:page 23 } GROUP BY ?s""")
    assert rows == [{"s": ID + "guideline-section/mtus/chronic-pain/-/23", "n": 2}]
    pages = graph.select("SELECT ?i ?p WHERE { ?i imr:reviewerCites/imr:page ?p }",
                         bindings={"i": ID + "determination/CM-B2/item/2"})
    assert values(pages, "p") == [76, 77, 78]
    no_page = graph.select("""SELECT ?s WHERE { ?item imr:claimsAdministratorCites ?s .
        FILTER NOT EXISTS { ?s imr:page ?p } }""")
    assert values(no_page, "s") == [ID + "guideline-section/odg/odg/mental-illness-and-stress/-"]


def test_which_diagnoses_have_icd10cm_codes_in_chapter_f(graph):
    rows = graph.select("""SELECT DISTINCT ?code WHERE { ?det imr:hasDiagnosis ?dx . ?dx imr:icd10cm ?code ;
        skos:exactMatch ?icd . FILTER(STRSTARTS(?code, "F")) }""")
    assert values(rows, "code") == ["F32.9", "F41.1"]


def test_ruled_out_ptsd_is_distinguishable(graph):
    asserted = graph.select("SELECT ?dx WHERE { ?det imr:hasDiagnosis ?dx . ?dx imr:icd10cm 'F43.10' }")
    assert asserted == []
    ruled_out = graph.select("SELECT ?det WHERE { ?det imr:hasNegatedDiagnosis ?dx . ?dx imr:icd10cm 'F43.10' }")
    assert values(ruled_out, "det") == [ID + "determination/CM-A1"]
    uncertain = graph.select("SELECT ?code WHERE { ?det imr:hasUncertainDiagnosis/imr:icd10cm ?code }")
    assert values(uncertain, "code") == ["F41.0"]


def test_exceeds_guideline_limit_and_quantities(graph):
    rows = graph.select("SELECT ?item ?flag WHERE { ?item imr:exceedsGuidelineLimit ?flag }")
    assert {r["item"]: r["flag"] for r in rows} == {ID + "determination/CM-A1/item/1": True,
                                                    ID + "determination/CM-B2/item/1": False}
    q = graph.select("SELECT ?q ?u ?i WHERE { ?i imr:quantity ?q ; imr:unit ?u }",
                     bindings={"i": ID + "determination/CM-B2/item/2"})
    assert q == [{"q": 90.0, "u": "tablet", "i": ID + "determination/CM-B2/item/2"}]


def test_reviewer_patient_provenance_and_evidence(graph):
    rows = graph.select("""SELECT ?spec ?state ?age ?sex ?doi ?sha WHERE {
        ?det dcterms:identifier "CM-B2" ; imr:reviewedBy ?r ; imr:age ?age ; imr:sex ?sex ; imr:dateOfInjury ?doi ;
             prov:wasDerivedFrom/imr:sha256 ?sha . ?r a imr:Reviewer ; imr:specialty ?spec ; imr:licensedIn ?state }""")
    assert rows == [{"spec": "Physical Medicine and Rehabilitation", "state": "CA", "age": 41, "sex": "male",
                     "doi": "2012-03-04", "sha": "ab" * 32}]
    ev = graph.select("""SELECT ?text ?start ?end WHERE { ?m imr:mentionOf/imr:icd10cm 'F43.10' ;
        imr:evidence ?e . ?e imr:sourceText ?text ; imr:start ?start ; imr:end ?end }""")
    assert ev == [{"text": "PTSD", "start": 70, "end": 74}]


def test_services_group_by_dwc_category(graph):
    rows = graph.select("""SELECT ?cat (COUNT(?item) AS ?n) WHERE { ?item imr:requestsService ?s .
        ?s a imr:Service ; skos:broader+ ?cat . ?cat a imr:TreatmentCategory } GROUP BY ?cat""")
    assert sum(r["n"] for r in rows) == 5
    assert len({r["cat"] for r in rows}) >= 2


def test_every_imr_term_used_is_declared_with_label_comment_domain_range(graph):
    used = graph.select("""SELECT DISTINCT ?t WHERE { { ?s ?t ?o } UNION { ?s a ?t }
        FILTER(STRSTARTS(STR(?t), "https://w3id.org/imrgraph#")) }""")
    assert used
    for row in used:
        term = row["t"]
        declared = graph.select("""SELECT ?t ?label ?comment WHERE { ?t rdfs:label ?label ; rdfs:comment ?comment .
            OPTIONAL { ?t rdfs:domain ?d } OPTIONAL { ?t rdfs:range ?r }
            FILTER(EXISTS { ?t a owl:Class } || (BOUND(?d) && BOUND(?r))) }""", bindings={"t": term})
        assert declared, f"{term} is not declared in ontology/imr.ttl"


# --- identity and replacement ---------------------------------------------------------------------

def nt_lines(store_dir) -> list[str]:
    with GraphStore(store_dir) as store:
        quads = pyoxigraph.serialize(store.quads_by_graph(), format=pyoxigraph.RdfFormat.N_QUADS)
    return sorted(quads.decode().splitlines())


def test_building_twice_gives_identical_ntriples(tmp_path, built):
    build(tmp_path / "again", corpus().values())
    assert nt_lines(tmp_path / "again" / "store") == nt_lines(built[0] / "store")
    first = (built[0] / "graph.ttl").read_bytes()
    assert sorted(first.splitlines()) == sorted((tmp_path / "again" / "graph.ttl").read_bytes().splitlines())


def test_a_then_a_plus_b_equals_a_plus_b(tmp_path, built):
    letters = list(corpus().values())
    build(tmp_path / "inc", letters[:1], batch_letters=1)
    counts = build(tmp_path / "inc", letters, batch_letters=2)  # A is added again: replaced, not duplicated
    assert counts == built[1]
    assert nt_lines(tmp_path / "inc" / "store") == nt_lines(built[0] / "store")


def test_readding_a_changed_letter_replaces_its_triples(tmp_path):
    letters = corpus()
    build(tmp_path / "x", letters.values())
    changed = copy.deepcopy(letters["CM-A1"])
    changed["items"] = changed["items"][:1]
    changed["items"][0]["decision"] = "overturned"
    changed["items"][0]["medically_necessary"] = True
    changed["medications"] = []
    build(tmp_path / "x", [changed])
    expected = [changed if d["id"] == "CM-A1" else d for d in letters.values()]
    build(tmp_path / "fresh", expected)
    assert nt_lines(tmp_path / "x" / "store") == nt_lines(tmp_path / "fresh" / "store")
    g = api.open_store(tmp_path / "x" / "store")
    assert not g.ask("ASK { ?m skos:altLabel 'klonopin' }")  # its only speller is gone


def test_removing_a_letter_equals_never_adding_it(tmp_path):
    letters = corpus()
    build(tmp_path / "all", letters.values())
    with GraphWriter(tmp_path / "all") as w:
        w.remove("CM-B2")
    others = [d for d in letters.values() if d["id"] != "CM-B2"]
    build(tmp_path / "some", others)
    assert nt_lines(tmp_path / "all" / "store") == nt_lines(tmp_path / "some" / "store")


def test_triples_for_is_pure_and_letter_graphs_are_disjoint():
    letters = list(corpus().values())
    assert triples_for(copy.deepcopy(letters[0])) == triples_for(copy.deepcopy(letters[0]))
    letter_subjects = [{q.subject for q in triples_for(d) if "/graph/letter/" in q.graph_name.value}
                       for d in letters]
    assert not (letter_subjects[0] & letter_subjects[1]) and not (letter_subjects[1] & letter_subjects[2])


def test_hostile_ids_and_text_stay_data(tmp_path):
    nasty = letter('x"> } ; DROP ALL ; #/../é', [item('say "hi" \\ } <b>', ["psychotherapy"], "upheld")])
    counts = build(tmp_path, [nasty])
    assert counts["letters"] == 1
    g = api.open_store(tmp_path / "store")
    rows = g.select("SELECT ?d ?id WHERE { ?d dcterms:identifier ?id }", bindings={"id": nasty["id"]})
    assert len(rows) == 1 and rows[0]["d"].startswith(ID + "determination/x%22%3E")
    assert g.select("SELECT ?t WHERE { ?i imr:text ?t }") == [{"t": 'say "hi" \\ } <b>'}]


# --- files, validation, formats -------------------------------------------------------------------

def test_counts_and_graph_ttl_parse_with_pyoxigraph_and_rdflib(built):
    out, counts = built
    assert counts["letters"] == 3
    triples = list(pyoxigraph.parse(path=str(out / "graph.ttl"), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(set(triples)) == len(triples) == counts["triples"]
    assert len(rdflib.Graph().parse(out / "graph.ttl", format="turtle")) == counts["triples"]


def test_the_store_holds_no_blank_node_and_the_ontology_loads_the_same_every_time(built, tmp_path):
    store = GraphStore(built[0] / "store")
    assert not any(isinstance(term, pyoxigraph.BlankNode) for q in store.quads() for term in (q.subject, q.object))
    ontology = pyoxigraph.NamedNode(iris.ONTOLOGY_GRAPH)
    skolem = {q.subject.value for q in store.quads(graph=ontology)
              if q.subject.value.startswith(iris.ID + ".well-known/genid/")}
    assert len(skolem) >= 5  # the owl:unionOf lists of imr.ttl, named by what they say
    GraphWriter(tmp_path).close()  # another store, another load of ontology/
    again = GraphStore(tmp_path / "store")
    assert set(again.quads(graph=ontology)) == set(store.quads(graph=ontology))


def test_graph_ttl_and_export_ttl_come_from_one_writer(tmp_path):
    build(tmp_path / "out", corpus().values())
    GraphWriter(tmp_path / "out").close()  # a store that is not empty: graph.ttl written from the store
    code, _, err = command("export", ["--format", "ttl", "--store", str(tmp_path / "out" / "store"),
                                      "-o", str(tmp_path / "export.ttl")])
    assert code == 0, err
    written = (tmp_path / "out" / "graph.ttl").read_bytes()
    assert written == (tmp_path / "export.ttl").read_bytes()
    assert b"@prefix imr: <https://w3id.org/imrgraph#> ." in written and b"@prefix id:" not in written


def test_validate_passes_on_good_data(built):
    code, out, err = command("validate", ["--store", str(built[0] / "store")])
    assert code == 0, out + err
    assert "0 violations" in out


def test_validate_fails_on_item_without_outcome(tmp_path):
    broken = letter("CM-BAD", [item("Acupuncture x 12", ["acupuncture"], "upheld")])
    broken["items"][0]["decision"] = "pending"
    broken["items"][0]["medically_necessary"] = None
    build(tmp_path, [broken])
    code, out, err = command("validate", ["--store", str(tmp_path / "store")])
    assert code == 1
    assert "imr:outcome" in out or "outcome" in out
    assert "violation" in err


def test_missing_store_is_a_one_line_error(tmp_path):
    for name, argv in (("validate", []), ("query", ["SELECT * WHERE { ?s ?p ?o }"])):
        code, out, err = command(name, argv + ["--store", str(tmp_path / "none")])
        assert code == 1 and out == ""
        assert err == f"imrgraph: no store at {tmp_path / 'none'}: run `imrgraph build` first\n"


def test_query_formats(built):
    store = str(built[0] / "store")
    q = "SELECT ?item WHERE { ?item imr:outcome imr:Overturned } ORDER BY ?item"
    code, out, _ = command("query", [q, "--store", store, "--format", "json"])
    doc = json.loads(out)
    assert [b["item"]["value"] for b in doc["results"]["bindings"]] == [
        ID + "determination/CM-B2/item/1", ID + "determination/CM-C3/item/1"]
    code, out, _ = command("query", [q, "--store", store, "--format", "csv"])
    assert out.splitlines() == ["item", ID + "determination/CM-B2/item/1", ID + "determination/CM-C3/item/1"]
    code, out, _ = command("query", [q, "--store", store, "--format", "tsv"])
    assert out.splitlines()[1] == f"<{ID}determination/CM-B2/item/1>"
    code, out, _ = command("query", [q, "--store", store])
    assert out.splitlines()[0].strip() == "item" and out.rstrip().endswith("(2 rows)")


def test_query_list_name_file_and_params(built, tmp_path):
    store = str(built[0] / "store")
    code, out, _ = command("query", ["--list"])
    names = [line.split("\t")[0] for line in out.splitlines()]
    assert {"overturn-rate-by-service", "overturn-rate-by-category", "upheld-citations-by-service",
            "determinations-by-drug", "exceeding-guideline-limit", "outcome-by-specialty", "evidence"} <= set(names)
    assert all(len(line.split("\t")[1]) > 20 for line in out.splitlines())
    code, out, _ = command("query", ["--name", "determinations-by-drug", "--param", "drug=norco", "--store", store,
                                   "--format", "csv"])
    assert code == 0 and out.splitlines()[1:] == [f"{ID}determination/CM-B2,hydrocodone/acetaminophen,requested,norco"]
    code, out, _ = command("query", ["--name", "outcome-by-specialty", "--store", store, "--format", "csv"])
    assert out.splitlines()[1:] == ["Psychology,3,2,1", "Physical Medicine and Rehabilitation,2,1,1"]
    rq = tmp_path / "q.rq"
    rq.write_text("ASK { ?s imr:exceedsGuidelineLimit true }")
    code, out, _ = command("query", ["-f", str(rq), "--store", store])
    assert (code, out) == (0, "true\n")


@pytest.mark.parametrize(("drug", "letter", "generic"), [
    ("Klonopin", "CM-A1", "clonazepam"), ("CLONAZEPAM", "CM-A1", "clonazepam"), ("Norco", "CM-B2", "hydrocodone/acetaminophen"),
    ("hydrocodone", "CM-B2", "hydrocodone/acetaminophen"), (" nor ", "CM-B2", "hydrocodone/acetaminophen")])
def test_the_drug_query_finds_a_drug_by_any_case_and_part_of_its_names(built, drug, letter, generic):
    code, out, err = command("query", ["--name", "determinations-by-drug", "--param", f"drug={drug}",
                                       "--store", str(built[0] / "store"), "--format", "csv"])
    assert code == 0, err
    rows = [line.split(",") for line in out.splitlines()[1:]]
    assert rows and {(r[0], r[1]) for r in rows} == {(ID + "determination/" + letter, generic)}


@pytest.mark.parametrize("text", ["klonopin", "Norco", "hydrocodone", "ACETAMINOPHEN", "pam", "o", "xanax", "nothing"])
def test_the_drug_query_and_find_follow_one_rule(graph, text):
    rows = graph.select(api.bundled_query("determinations-by-drug"), {"drug": text})
    involved = {r["generic"] for r in graph.select(
        "SELECT DISTINCT ?generic WHERE { ?m skos:prefLabel ?generic . "
        "{ ?d imr:mentionsMedication ?m } UNION { ?i imr:requestsMedication ?m } }")}
    found = {m.label for m in graph.find(text, kind="drug")}
    # find lists every drug concept; the query only those a letter mentions (not negated) or requests
    assert {r["generic"] for r in rows} == found & involved


def test_find_ranks_the_whole_name_then_its_start_then_a_part(graph):
    assert [(m.kind, m.label, m.rank) for m in graph.find("Klonopin")] == [("drug", "clonazepam", 0)]
    hydro = graph.find("hydrocodone")
    assert [(m.label, m.matched, m.rank) for m in hydro] == \
        [("hydrocodone/acetaminophen", "hydrocodone/acetaminophen", 1)]
    letters = graph.find("cm-b", kind="determination")
    assert [m.iri for m in letters] == [ID + "determination/CM-B2"] and letters[0].rank == 1
    services = graph.find("therapy", kind="service")
    assert {m.matched.lower() for m in services} >= {"physical therapy", "cognitive behavioral therapy"}
    assert [m.rank for m in services] == sorted(m.rank for m in services)
    exact = graph.find("Physical Therapy", kind="service")[0]
    assert (exact.iri, exact.rank) == (ID + "service/physical-therapy", 0)
    assert [m.iri for m in graph.find("f41.1")] == [ID + "diagnosis/F41.1"]  # an ICD-10-CM code
    assert graph.find("no such thing at all") == [] and graph.find("   ") == []
    with pytest.raises(api.UserError, match="kind must be one of"):
        graph.find("x", kind="planet")


def test_bundled_overturn_rates_are_exact(graph):
    rows = graph.select(api.bundled_query("overturn-rate-by-service"))
    by = {r["service"].rsplit("/", 1)[1]: (r["items"], r["overturned"]) for r in rows}
    assert by == {"medication": (2, 0), "psychotherapy": (1, 0), "physical-therapy": (1, 1),
                  "cognitive-behavioral-therapy": (1, 1)}
    cats = graph.select(api.bundled_query("overturn-rate-by-category"))
    assert sum(r["items"] for r in cats) == 5 and sum(r["overturned"] for r in cats) == 2
    cited = graph.select(api.bundled_query("upheld-citations-by-service"))
    assert (ID + "service/psychotherapy", ID + "guideline-section/mtus/chronic-pain/-/23") in {
        (r["service"], r["section"]) for r in cited}


def test_bad_sparql_and_bad_param_are_one_line_errors(built):
    store = str(built[0] / "store")
    for argv, expected in ((["SELECT * WHERE {"], 1), (["--name", "no-such-query"], 2),
                           (["--name", "evidence", "--param", "oops"], 2),
                           (["SELECT ?s WHERE { ?s ?p ?o }", "--param", "x=1"], 1)):
        code, out, err = command("query", argv + ["--store", store])
        assert code == expected and err.startswith("imrgraph: ") and err.count("\n") == 1, (argv, err)


def test_api_dataframe_and_networkx(graph):
    df = graph.dataframe(api.bundled_query("outcome-by-specialty"))
    assert list(df.columns) == ["specialty", "items", "upheld", "overturned"]
    assert int(df["items"].sum()) == 5
    g = graph.networkx(around=ID + "determination/CM-A1", depth=1)
    assert g.has_edge(ID + "determination/CM-A1", ID + "determination/CM-A1/item/1")
    assert g.nodes[ID + "determination/CM-A1"]["imr:age"] == [50]
    sub = graph.networkx("CONSTRUCT { ?i imr:reviewerCites ?s } WHERE { ?i imr:reviewerCites ?s }")
    assert sub.number_of_edges() == 9  # 1 + 1 + 2 + 3 pages, then p. 23 + ODG chapter


def test_store_copy_is_self_contained(built, tmp_path):
    shutil.copytree(built[0] / "store", tmp_path / "copy")
    assert api.open_store(tmp_path / "copy").ask("ASK { ?d a imr:Determination }")


def test_bundled_upheld_citations_count_each_item_once_per_section(graph):
    expected: dict[tuple[str, str], set] = {}
    for d in corpus().values():
        for n, it in enumerate(d["items"], start=1):
            if it["decision"] != "upheld":
                continue
            for service in it["services"]:
                for c in it["reviewer_guidelines"]:
                    for page in c["pages"] or [None]:
                        section = iris.guideline_section(c["source"], c["document"], c["chapter"], page)
                        expected.setdefault((iris.service(service), section), set()).add((d["id"], n))
    rows = graph.select(api.bundled_query("upheld-citations-by-service"))
    assert {(r["service"], r["section"]): r["upheldItems"] for r in rows} == {k: len(v) for k, v in expected.items()}
    assert all(r["label"] for r in rows)


def test_bundled_drug_query_finds_mentions_and_requests(graph):
    rows = graph.select(api.bundled_query("determinations-by-drug"), bindings={"drug": "clonazepam"})
    assert [(r["determination"], r["how"]) for r in rows] == [(ID + "determination/CM-A1", "mentioned"),
                                                                (ID + "determination/CM-A1", "requested")]


def test_header_dates_priority_and_treating_specialty_are_facts_with_evidence():
    det = letter("CM-H9", [item("Acupuncture x 6", ["acupuncture"], "upheld")])
    det["dates"] = {"assigned": "2015-03-02", "decision": "2015-04-09", "ur_denial": "not a date",
                    "application_received": None}
    det["priority"] = "expedited"
    det["treating_physician_specialty"] = "Orthopedic Surgery"
    det["spans"].update({"dates.assigned": [5, 15], "dates.decision": [20, 30], "priority": [40, 49],
                         "treating_physician_specialty": [50, 68]})
    text = "x" * 100
    quads = triples_for(det, text)
    facts = {(q.predicate.value.rsplit("#", 1)[-1], q.object.value) for q in quads
             if q.subject.value == ID + "determination/CM-H9"}
    assert ("decisionDate", "2015-04-09") in facts and ("dateAssigned", "2015-03-02") in facts
    assert ("priority", "expedited") in facts and ("treatingPhysicianSpecialty", "Orthopedic Surgery") in facts
    assert not {p for p, _ in facts} & {"urDenialDate", "applicationReceived"}  # no value, or not a date
    supported = {q.object.value.rsplit("#", 1)[-1] for q in quads if q.predicate.value.endswith("#supports")}
    assert {"decisionDate", "dateAssigned", "priority", "treatingPhysicianSpecialty"} <= supported


def test_outcome_by_specialty_groups_a_field_however_the_letters_name_it(tmp_path):
    letters = [letter("CM-H1", [item("Hand therapy", ["occupational-therapy"], "upheld")], specialties=("Hand Surgery",)),
               letter("CM-H2", [item("Hand therapy", ["occupational-therapy"], "overturned")],
                      specialties=("Surgery of the Hand", "Orthopaedic Surgery")),
               letter("CM-H3", [item("Hand therapy", ["occupational-therapy"], "upheld")], specialties=("Hand Surgeon",)),
               letter("CM-H4", [item("Hand therapy", ["occupational-therapy"], "upheld")], specialties=("Equine Medicine",))]
    build(tmp_path, letters)
    code, out, _ = command("query", ["--name", "outcome-by-specialty", "--store", str(tmp_path / "store"), "--format", "csv"])
    assert out.splitlines()[1:] == ["Surgery of the Hand,3,2,1", "Equine Medicine,1,1,0", "Orthopaedic Surgery,1,0,1"]
    g = api.open_store(tmp_path / "store")
    named = {r["s"] for r in g.select("SELECT ?s WHERE { ?r imr:specialty ?s }")}
    assert named == {"Hand Surgery", "Surgery of the Hand", "Orthopaedic Surgery", "Hand Surgeon", "Equine Medicine"}
