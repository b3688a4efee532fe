"""The curated vocabularies in ontology/ and their loader, checked against the contract and the
reference packages (simple_icd_10_cm, drug_named_entity_recognition)."""

from __future__ import annotations

import re

import pyoxigraph
import pytest
import rdflib
import simple_icd_10_cm as icd
from drug_named_entity_recognition import find_drugs
from rdflib.namespace import RDF, SKOS

from imrgraph import link, vocab

IMR = rdflib.Namespace("https://w3id.org/imrgraph#")
SERVICE_BASE = "https://w3id.org/imrgraph/id/service/"
CATEGORY_BASE = "https://w3id.org/imrgraph/id/category/"

PROMISED_SERVICES = {
    "psychotherapy", "cognitive-behavioral-therapy", "biofeedback", "psychological-treatment",
    "acupuncture", "medication-management", "medication", "chiropractic", "physical-therapy",
    "aquatic-therapy", "trigger-point-injection", "epidural-steroid-injection",
    "corticosteroid-injection", "office-visit", "imaging", "drug-testing", "home-health",
    "functional-restoration-program", "durable-medical-equipment", "surgery",
}  # fmt: skip
DWC_CATEGORIES = {
    "pharmaceuticals", "behavioral-mental-health", "evaluation-management", "physical-medicine",
    "injections", "diagnostic-testing", "dmepos", "surgery", "programs", "home-health", "other",
}  # fmt: skip
TTL_FILES = ("services.ttl", "guidelines.ttl")


def rdflib_graph(name: str) -> rdflib.Graph:
    return rdflib.Graph().parse(vocab.ontology_dir() / name, format="turtle")


def longest_service(phrase: str) -> str | None:
    """The service whose pattern is the longest whole-word match in phrase (how the extractor picks)."""
    text = vocab.surface_key(phrase)
    best: tuple[int, str] | None = None
    for concept in vocab.services().values():
        for pattern in concept.patterns:
            if re.search(rf"(?<!\w){re.escape(pattern)}(?!\w)", text) and (
                best is None or len(pattern) > best[0]
            ):
                best = (len(pattern), concept.id)
    return best[1] if best else None


def guideline_unit_for(pattern: str) -> vocab.GuidelineUnit:
    matches = [unit for unit in vocab.guideline_units() if pattern in unit.patterns]
    assert len(matches) == 1, f"{pattern!r} is in {len(matches)} guideline units"
    return matches[0]


# ---- RDF files ----


@pytest.mark.parametrize("name", TTL_FILES)
def test_turtle_parses_identically_with_pyoxigraph_and_rdflib(name):
    store = pyoxigraph.Store()
    store.load(path=str(vocab.ontology_dir() / name), format=pyoxigraph.RdfFormat.TURTLE)
    graph = rdflib_graph(name)
    assert len(store) == len(graph) > 100


@pytest.mark.parametrize("name", TTL_FILES)
def test_vocabularies_declare_no_classes_or_properties(name):
    # imr.ttl owns the classes and properties; these files only hold concepts and schemes.
    graph = rdflib_graph(name)
    declared = {
        s
        for s, o in graph.subject_objects(RDF.type)
        if o
        in (
            rdflib.OWL.Class,
            rdflib.RDFS.Class,
            RDF.Property,
            rdflib.OWL.DatatypeProperty,
            rdflib.OWL.ObjectProperty,
        )
    }
    assert declared == set()


def test_one_english_preflabel_per_concept_even_merged_with_the_core_ontology():
    # SKOS allows one prefLabel per language; imr.ttl also labels the schemes, so the merge must agree.
    graph = rdflib_graph("imr.ttl") + rdflib_graph("services.ttl") + rdflib_graph("guidelines.ttl")
    for subject in set(graph.subjects(SKOS.prefLabel, None)):
        english = [label for label in graph.objects(subject, SKOS.prefLabel) if label.language == "en"]
        assert len(english) == 1, (subject, english)


def test_guideline_units_are_typed_for_the_core_ontology():
    graph = rdflib_graph("guidelines.ttl")
    units = set(graph.subjects(SKOS.inScheme, IMR.GuidelineUnitScheme))
    assert len(units) == len(vocab.guideline_units())
    assert all((unit, RDF.type, IMR.GuidelineUnit) in graph for unit in units)


# ---- services ----


def test_every_contract_service_exists():
    assert PROMISED_SERVICES <= set(vocab.services())


def test_categories_are_the_eleven_dwc_categories():
    assert set(vocab.categories()) == DWC_CATEGORIES
    assert vocab.categories()["dmepos"] == "DMEPOS"


def test_every_service_has_one_broader_and_its_chain_ends_at_its_category_in_the_rdf():
    graph = rdflib_graph("services.ttl")
    category_iris = set(graph.subjects(RDF.type, IMR.TreatmentCategory))
    assert {str(iri).removeprefix(CATEGORY_BASE) for iri in category_iris} == DWC_CATEGORIES
    services = set(graph.subjects(RDF.type, IMR.Service))
    assert len(services) == len(vocab.services())
    for service in services:
        broader = list(graph.objects(service, SKOS.broader))
        assert len(broader) == 1, service
        assert broader[0] in category_iris | services, service
        assert (service, SKOS.inScheme, IMR.ServiceScheme) in graph
        assert (service, RDF.type, SKOS.Concept) in graph
        notation = str(graph.value(service, SKOS.notation))
        assert str(service) == SERVICE_BASE + notation
        top = service
        while top not in category_iris:
            (top,) = graph.objects(top, SKOS.broader)
        concept = vocab.services()[notation]
        assert concept.category == str(top).removeprefix(CATEGORY_BASE)
        expected_broader = str(broader[0]).removeprefix(SERVICE_BASE) if broader[0] in services else None
        assert concept.broader == expected_broader


@pytest.mark.parametrize(("finer", "listed"), [
    ("tens-unit", "durable-medical-equipment"), ("h-wave", "durable-medical-equipment"),
    ("interferential-unit", "durable-medical-equipment"), ("cold-therapy-unit", "durable-medical-equipment"),
    ("orthotics", "durable-medical-equipment"), ("walker", "durable-medical-equipment"),
    ("hot-cold-pack", "durable-medical-equipment"), ("consultation", "office-visit"), ("mri", "imaging"),
    ("x-ray", "imaging"), ("medial-branch-block", "corticosteroid-injection"), ("spinal-fusion", "surgery"),
    ("arthroscopic-surgery", "surgery"), ("hypnotherapy", "psychological-treatment"),
])
def test_a_finer_service_rolls_up_to_the_listed_service_it_refines(finer, listed):
    assert vocab.listed_service(finer) == listed
    assert vocab.services()[finer].category == vocab.services()[listed].category


def test_promised_services_refine_no_other_service():
    # the listed services are the level reports and scores compare at; each sits under its category
    assert all(vocab.services()[s].broader is None for s in PROMISED_SERVICES)
    assert vocab.listed_service("no-such-service") == "no-such-service"


def test_schemes_are_concept_schemes_with_labels():
    graph = rdflib_graph("services.ttl") + rdflib_graph("guidelines.ttl")
    for scheme in (IMR.ServiceScheme, IMR.TreatmentCategoryScheme, IMR.GuidelineUnitScheme):
        assert (scheme, RDF.type, SKOS.ConceptScheme) in graph
        assert graph.value(scheme, SKOS.prefLabel) is not None


def test_no_surface_form_belongs_to_two_services():
    owner: dict[str, str] = {}
    for concept in vocab.services().values():
        for pattern in concept.patterns:
            assert owner.setdefault(pattern, concept.id) == concept.id, pattern


def test_service_patterns_are_lowercase_and_leave_out_ambiguous_pt():
    patterns = [p for concept in vocab.services().values() for p in concept.patterns]
    assert all(p == vocab.surface_key(p) for p in patterns)
    assert "pt" not in patterns


@pytest.mark.parametrize(
    ("phrase", "service"),
    [
        ("individual psychotherapy sessions once a week", "psychotherapy"),
        ("cognitive behavioral psychotherapy", "cognitive-behavioral-therapy"),
        ("cognitive behavioural therapy x 6", "cognitive-behavioral-therapy"),
        ("weekly CBT", "cognitive-behavioral-therapy"),
        ("eight sessions of bio-behavioral therapy", "psychological-treatment"),
        ("biobehavioral pain treatment", "psychological-treatment"),
        ("monthly medication management", "medication-management"),
        ("other medications", "medication"),
        ("pool therapy twice weekly", "aquatic-therapy"),
        ("aqua therapy", "aquatic-therapy"),
        ("lumbar epidural steroid injection at L4-5", "epidural-steroid-injection"),
        ("transforaminal epidural injection", "epidural-steroid-injection"),
        ("random urine drug screen", "drug-testing"),
        ("UDS", "drug-testing"),
        ("MRI of the cervical spine", "mri"),
        ("EMG/NCV of both legs", "electrodiagnostic-testing"),
        ("emg biofeedback", "biofeedback"),
        ("follow-up visit in four weeks", "office-visit"),
        ("trigger point injections", "trigger-point-injection"),
        ("chiropractic treatments", "chiropractic"),
        ("TENS unit rental", "tens-unit"),
        ("medial branch block at L5-S1", "medial-branch-block"),
        ("functional restoration program", "functional-restoration-program"),
        ("home health aide", "home-health"),
        ("knee brace", "orthotics"),
        ("carpal tunnel release", "nerve-decompression"),
    ],
)
def test_longest_pattern_picks_the_specific_service(phrase, service):
    assert longest_service(phrase) == service


# ---- guideline units ----


def test_mtus_documents_are_the_contract_documents():
    documents = {unit.document for unit in vocab.guideline_units() if unit.source == "MTUS"}
    assert documents == {"chronic-pain", "acoem", "acupuncture", "postsurgical", "opioids"}


def test_acoem_chapters_one_to_fifteen_sit_under_the_acoem_document():
    graph = rdflib_graph("guidelines.ttl")
    acoem = {unit.chapter: unit for unit in vocab.guideline_units() if unit.document == "acoem"}
    assert set(acoem) == {None} | {str(n) for n in range(1, 16)}
    for number in range(1, 16):
        unit = acoem[str(number)]
        assert unit.source == "MTUS"
        assert graph.value(rdflib.URIRef(unit.iri), SKOS.broader) == rdflib.URIRef(acoem[None].iri)
    assert acoem["12"].label == "Low Back Complaints"
    assert acoem["8"].label == "Neck and Upper Back Complaints"
    assert acoem["15"].label == "Stress Related Conditions"


def test_odg_chapters_carry_their_canonical_name_and_sit_under_the_odg_root():
    graph = rdflib_graph("guidelines.ttl")
    odg = [unit for unit in vocab.guideline_units() if unit.source == "ODG"]
    roots = [unit for unit in odg if unit.chapter is None]
    assert len(roots) == 1
    chapters = {unit.chapter for unit in odg if unit.chapter is not None}
    assert {
        "Pain",
        "Mental Illness and Stress",
        "Low Back",
        "Neck and Upper Back",
        "Knee and Leg",
        "Shoulder",
    } <= chapters
    for unit in odg:
        assert unit.document == "odg"
        if unit.chapter is not None:
            assert unit.chapter == unit.label
            assert graph.value(rdflib.URIRef(unit.iri), SKOS.broader) == rdflib.URIRef(roots[0].iri)


def test_mtus_documents_other_than_acoem_chapters_have_no_chapter():
    for unit in vocab.guideline_units():
        if unit.source == "MTUS" and unit.document != "acoem":
            assert unit.chapter is None, unit.iri


@pytest.mark.parametrize(
    ("wording", "source", "document", "chapter"),
    [
        ("mental illnes and stress", "ODG", "odg", "Mental Illness and Stress"),
        ("mental illness & stress", "ODG", "odg", "Mental Illness and Stress"),
        ("pain (chronic)", "ODG", "odg", "Pain"),
        ("chronic pain chapter", "ODG", "odg", "Pain"),
        ("low back - lumbar & thoracic (acute & chronic)", "ODG", "odg", "Low Back"),
        ("knee & leg", "ODG", "odg", "Knee and Leg"),
        ("chronic pain treatment guidelines", "MTUS", "chronic-pain", None),
        ("chronic pain medical treatment guidelines", "MTUS", "chronic-pain", None),
        ("acupuncture treatment guidelines", "MTUS", "acupuncture", None),
        ("post-surgical treatment guidelines", "MTUS", "postsurgical", None),
        ("opioids treatment guidelines", "MTUS", "opioids", None),
        ("chapter 12 low back complaints", "MTUS", "acoem", "12"),
        ("neck and upper back complaints", "MTUS", "acoem", "8"),
    ],
)
def test_letter_wordings_resolve_to_their_unit(wording, source, document, chapter):
    unit = guideline_unit_for(wording)
    assert (unit.source, unit.document, unit.chapter) == (source, document, chapter)


def test_no_wording_belongs_to_two_guideline_units():
    owner: dict[str, str] = {}
    for unit in vocab.guideline_units():
        for pattern in unit.patterns:
            assert owner.setdefault(pattern, unit.iri) == unit.iri, pattern


# ---- drugs ----


def dner_generic(surface: str) -> str:
    """What the drug NER package makes of the surface form, in the supplement's notation."""
    return "/".join(drug["name"].lower() for drug, _, _ in find_drugs(surface.split(), is_ignore_case=True))


def dner_names(surface: str) -> bool:
    """Whether the drug NER package reads the whole surface form as one drug's name."""
    words = surface.split()
    found = find_drugs(words, is_ignore_case=True)
    return len(found) == 1 and found[0][1:] == (0, len(words))


def test_drug_supplement_holds_only_what_the_package_misses_or_mis_maps():
    """A row is there because the package does not know the surface, maps it to another generic, or finds the
    drugs in it but not the product's whole name ('Tylenol with codeine #4': the number is part of it)."""
    supplement = vocab.drug_supplement()
    assert 60 <= len(supplement) <= 250
    redundant = {surface for surface, entry in supplement.items()
                 if dner_generic(surface) == entry.generic and dner_names(surface)}
    assert redundant == set()


def test_drug_supplement_maps_the_workers_comp_brands():
    supplement = vocab.drug_supplement()
    assert supplement["norco"].generic == "hydrocodone/acetaminophen"
    assert supplement["hydrocodone/apap"].generic == "hydrocodone/acetaminophen"
    assert supplement["percocet"].generic == "oxycodone/acetaminophen"
    assert supplement["vicoprofen"].generic == "hydrocodone/ibuprofen"
    assert supplement["ultracet"].generic == "tramadol/acetaminophen"
    assert supplement["fexmid"] == vocab.DrugEntry("cyclobenzaprine", "DB00924")
    assert supplement["soma"] == vocab.DrugEntry("carisoprodol", "DB00395")
    assert supplement["terocin"].generic == "methyl salicylate/capsaicin/menthol/lidocaine"
    assert supplement["medrox"].generic.count("/") == 2


def test_drugbank_ids_agree_with_the_package_and_are_absent_for_combinations():
    for surface, entry in vocab.drug_supplement().items():
        assert entry.generic == entry.generic.lower().strip(), surface
        if "/" in entry.generic:
            assert entry.drugbank is None, surface
            continue
        assert entry.drugbank is None or re.fullmatch(r"DB\d{5}", entry.drugbank), surface
        known = find_drugs(entry.generic.split(), is_ignore_case=True)
        if len(known) == 1 and known[0][0]["name"].lower() == entry.generic:
            assert entry.drugbank == known[0][0].get("drugbank_id"), surface


# ---- diagnoses ----


def test_every_diagnosis_code_is_a_billable_icd10cm_leaf():
    codes = set(vocab.diagnosis_synonyms().values()) - {""}
    invalid = {code for code in codes if not (icd.is_valid_item(code) and icd.is_leaf(code))}
    assert invalid == set()
    # injury codes need an encounter 7th character letters do not state: such wordings carry no code
    assert not {code for code in codes if icd.get_seven_chr_def(code, search_in_ancestors=True)}
    assert vocab.diagnosis_synonyms()["cervical strain"] == ""
    assert all("." in code or len(code) == 3 for code in codes)
    assert len(vocab.diagnosis_synonyms()) >= 300


def test_every_finding_against_a_condition_names_codes_of_the_code_set():
    findings = vocab.findings_against()
    assert findings["solid fusion"].conditions == ("M96.0",)
    assert {code for against in findings.values() for code in against.conditions if not icd.is_valid_item(code)} == set()


@pytest.mark.parametrize(
    ("wording", "code"),
    [
        ("lumbago", "M54.50"),
        ("low back pain", "M54.50"),
        ("myalgia and myositis, not otherwise specified", "M79.10"),
        ("myalgia and myositis nos", "M79.10"),
        ("myalgia and myositis", "M79.10"),
        ("myalgia", "M79.10"),
        ("anxiety disorder not otherwise specified", "F41.9"),
        ("anxiety disorder nos", "F41.9"),
        ("anxiety disorder", "F41.9"),
        ("ptsd", "F43.10"),
        ("post-traumatic stress disorder", "F43.10"),
        ("posttraumatic stress disorder", "F43.10"),
        ("major depression", "F32.9"),
        ("major depressive disorder", "F32.9"),
        ("panic disorder", "F41.0"),
        ("pain disorder associated with both psychological and a general medical condition", "F45.42"),
        (
            "pain disorder associated with both psychological factors and a general medical condition",
            "F45.42",
        ),
        ("pain disorder", "F45.42"),
        ("lumbar radiculopathy", "M54.16"),
        ("cervical radiculopathy", "M54.12"),
        ("piriformis syndrome", "G57.00"),
        ("chronic pain syndrome", "G89.4"),
        ("cts", "G56.00"),
        ("lumbar hnp", "M51.26"),
        ("crps", "G90.50"),
        ("gad", "F41.1"),
        ("mdd", "F32.9"),
    ],
)
def test_required_diagnosis_mappings(wording, code):
    assert vocab.diagnosis_synonyms()[wording] == code


def test_unsided_wordings_get_unspecified_laterality_codes():
    synonyms = vocab.diagnosis_synonyms()
    for wording in (
        "carpal tunnel syndrome",
        "knee pain",
        "lateral epicondylitis",
        "shoulder impingement",
        "trigger finger",
    ):
        assert not re.search(r"\b(right|left)\b", icd.get_description(synonyms[wording]), re.IGNORECASE), (
            wording
        )


# ---- body parts, specialties, states ----


def test_body_parts_have_no_laterality_and_no_vague_words():
    parts = vocab.body_parts()
    sided = re.compile(r"\b(left|right|bilateral)\b")
    assert not any(sided.search(canonical) for canonical in parts.values())
    assert not any(sided.search(surface) for surface in parts)
    assert {"body", "pain", "whole body"}.isdisjoint(parts)
    assert parts["lower back"] == parts["low back"] == "low back"
    assert parts["lumbar spine"] == "lumbar"
    assert parts["cervical spine"] == "cervical"
    assert parts["thoracic spine"] == "thoracic"
    assert parts["upper extremities"] == "upper extremities"
    assert parts["feet"] == "foot"


@pytest.mark.parametrize(
    ("wording", "canonical"),
    [
        ("occupational medicine", "Occupational Medicine"),
        ("preventative medicine", "Preventive Medicine"),
        ("preventive medicine", "Preventive Medicine"),
        ("clinical psychology", "Clinical Psychology"),
        ("psychology", "Psychology"),
        ("family practice", "Family Practice"),
        ("family medicine", "Family Medicine"),
        ("physical medicine & rehabilitation", "Physical Medicine and Rehabilitation"),
        ("pm&r", "Physical Medicine and Rehabilitation"),
        ("orthopaedic surgery", "Orthopaedic Surgery"),
        ("orthopedic surgery", "Orthopedic Surgery"),
        ("acupuncture and oriental medicine", "Acupuncture and Oriental Medicine"),
    ],
)
def test_specialty_wordings(wording, canonical):
    assert vocab.specialties()[wording] == canonical


def test_us_states_cover_states_dc_and_puerto_rico_by_name_and_code():
    states = vocab.us_states()
    codes = set(states.values())
    assert len(codes) == 52
    assert all(re.fullmatch(r"[A-Z]{2}", code) for code in codes)
    assert states["california"] == states["ca"] == "CA"
    assert states["montana"] == "MT"
    assert states["district of columbia"] == "DC"
    assert states["puerto rico"] == "PR"


# ---- loader behaviour ----


@pytest.fixture
def ontology_folder(tmp_path, monkeypatch):
    """vocab pointed at an empty folder for one test, with nothing cached from the real ontology/."""
    cached = (vocab.files.triples, vocab.files.store, vocab.concepts.services)
    for function in cached:
        function.cache_clear()
    monkeypatch.setattr(vocab.files, "ontology_dir", lambda: tmp_path)
    yield tmp_path
    monkeypatch.undo()
    for function in cached:
        function.cache_clear()


def test_conflicting_rows_in_a_table_are_rejected(ontology_folder):
    (ontology_folder / "body_parts.tsv").write_text("surface\tcanonical\nknee\tknee\nKnee \tleg\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"body_parts.tsv line 3: 'knee' maps to 'knee' and 'leg'"):
        vocab.files.read_table("body_parts.tsv", "surface", "canonical")


PREFIXES = "@prefix imr: <https://w3id.org/imrgraph#> .\n@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
SERVICE = "<https://w3id.org/imrgraph/id/service/{0}> a imr:Service ; skos:notation \"{0}\" ; skos:prefLabel \"{0}\"@en"


@pytest.mark.parametrize(("turtle", "message"), [
    (SERVICE.format("x") + " .\n", "service 'x' has 0 broader concepts"),
    (SERVICE.format("x") + " ; skos:broader <https://w3id.org/imrgraph/id/service/y> .\n"
     + SERVICE.format("y") + " ; skos:broader <https://w3id.org/imrgraph/id/service/x> .\n",
     "broader chain of 'x' does not end at a category"),
])
def test_a_service_without_a_category_is_rejected(ontology_folder, turtle, message):
    (ontology_folder / "services.ttl").write_text(PREFIXES + turtle, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        vocab.services()


CATEGORY = ("<https://w3id.org/imrgraph/id/category/{0}> a imr:TreatmentCategory ; skos:notation \"{0}\" ; "
            "skos:prefLabel \"{0}\"@en")
UNDER = " ; skos:broader <https://w3id.org/imrgraph/id/{0}>"


def test_how_a_request_is_read_is_the_services_own_else_its_broader_chains_else_its_categorys(ontology_folder):
    (ontology_folder / "services.ttl").write_text(PREFIXES + "\n".join([
        CATEGORY.format("kit") + ' ; imr:countedIn "unit" ; imr:askedForByLength true .',
        CATEGORY.format("trips") + " .",
        SERVICE.format("brace") + UNDER.format("category/kit") + " .",
        SERVICE.format("knee-brace") + UNDER.format("service/brace") + ' ; imr:countedIn "pair" .',
        SERVICE.format("hinged-knee-brace") + UNDER.format("service/knee-brace") + " ; imr:askedForByLength false .",
        SERVICE.format("shuttle") + UNDER.format("category/trips") + ' ; imr:countedIn "ride" ; imr:leadsToOtherCare true .',
        SERVICE.format("shot") + UNDER.format("category/kit") + " ; imr:givesItsDrug true .",
    ]) + "\n", encoding="utf-8")
    read = {s: (c.counted_in, c.asked_for_by_length, c.leads_to_other_care, c.counts_program_days, c.gives_its_drug)
            for s, c in vocab.services().items()}
    assert read == {"brace": ("unit", True, False, False, False), "knee-brace": ("pair", True, False, False, False),
                    "hinged-knee-brace": ("pair", False, False, False, False),
                    "shuttle": ("ride", False, True, False, False), "shot": ("unit", True, False, False, True)}


@pytest.mark.parametrize(("service", "counted_in", "by_length", "program_days", "leads_on", "gives_drug"), [
    ("medication", None, False, False, False, False),  # counted in its drug's form
    ("tens-unit", "unit", True, False, False, False),  # from its category, dmepos, through durable-medical-equipment
    ("mri", "test", False, False, False, False),
    ("functional-restoration-program", "hour", False, True, False, False),  # its own unit, its category's days
    ("weight-loss-program", "session", True, True, False, False),
    ("transportation", "trip", True, False, True, False),
    ("physical-therapy", "session", False, False, False, False),
    ("intramuscular-injection", "injection", False, False, False, True),
    ("corticosteroid-injection", "injection", False, False, False, False),
])
def test_the_service_vocabulary_says_how_its_requests_are_read(service, counted_in, by_length, program_days, leads_on,
                                                                gives_drug):
    concept = vocab.services()[service]
    assert (concept.counted_in, concept.asked_for_by_length, concept.counts_program_days,
            concept.leads_to_other_care, concept.gives_its_drug) == (counted_in, by_length, program_days, leads_on,
                                                                     gives_drug)


def test_the_icd10cm_table_is_what_simple_icd_10_cm_gives():
    """imrgraph/data/icd10cm.json.gz stands in for the package at run time (scripts/make_icd10cm_table.py)."""
    import json

    from imrgraph import link

    assert link._icd_table() == link._read_icd_table() == json.loads(json.dumps(link.icd_table_from_package()))
    for code in ("M75.40", "M17.9", "S83.241", "G89.29", "F32.A", "M54.16", "13", "M70-M79"):
        assert link.icd10cm_title(code) == icd.get_description(code)
        assert link.needs_encounter_character(code) == bool(icd.get_seven_chr_def(code, search_in_ancestors=True))
    assert link.icd10cm_title("m7541") == icd.get_description("M75.41") and link.icd10cm_title("X99.999") is None
    assert link.lateral_code("M75.40", "left") == "M75.42" and link.lateral_code("M17.9", "right") == "M17.11"


def test_derived_tables_are_kept_between_runs_and_made_again_when_what_they_come_from_changes(tmp_path, monkeypatch):
    from imrgraph.cache import derived

    monkeypatch.setenv("IMRGRAPH_CACHE", str(tmp_path / "cache"))
    code = tmp_path / "maker.py"
    code.write_text("first")
    made = []

    def make() -> dict:
        made.append(1)
        return {"made": len(made)}

    assert derived("table", make, code=[str(code)]) == {"made": 1}
    assert derived("table", make, code=[str(code)]) == {"made": 1} and len(made) == 1  # read back
    code.write_text("second")
    assert derived("table", make, code=[str(code)]) == {"made": 2}
    for pickle in (tmp_path / "cache").glob("table-*.pickle"):
        pickle.write_bytes(b"not a pickle")
    assert derived("table", make, code=[str(code)]) == {"made": 3}  # a damaged file is made again
    monkeypatch.setenv("IMRGRAPH_CACHE", "/proc/no-such-cache")  # cannot be written: made each time
    assert derived("table", make, code=[str(code)]) == {"made": 4}


def test_the_kept_drug_and_condition_tables_are_the_ones_made_now():
    from imrgraph import link

    assert link.drug_vocabulary() == link._drug_vocabulary()
    assert link.condition_terms() == link._condition_terms()


def test_a_category_named_as_its_own_block_has_a_level_lookup():
    """Some categories are also the name of their block ('M96', 'C50'): looking for a level's code under them
    ends (it once recursed without end) and gives the code itself where the code set has no level code."""
    for code in ("M96.0", "M96.1", "C50.911", "B20"):
        assert link.at_level(code, "L5-S1") == code


def test_a_context_rule_reads_a_named_word_list_of_its_file():
    rules = {r.literal: r for r in vocab.context_rules()}
    relatives = rules["his wife, his caregiver, had"].pattern[0]["LOWER"]["IN"]
    assert "mother" in relatives and "coworker" in relatives
    assert rules["a mother with"].pattern[0]["LOWER"]["IN"] == relatives


def test_a_context_rule_naming_an_unknown_word_list_is_refused():
    from imrgraph.vocab.context import _context_rule
    raw = {"category": "FAMILY", "literal": "x", "direction": "FORWARD", "pattern": [{"LOWER": {"IN": "@nobody"}}]}
    with pytest.raises(ValueError, match="no word list 'nobody'"):
        _context_rule("rules.json", 1, raw, {})
