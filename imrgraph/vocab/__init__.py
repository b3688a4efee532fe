"""The ontology and vocabularies of ontology/, read here and nowhere else.

    from imrgraph import vocab
    vocab.services()["acupuncture"].category    # "physical-medicine"
    vocab.guideline_units()                     # the guideline catalogue
    vocab.drug_supplement()["norco"].generic    # "hydrocodone/acetaminophen"
    vocab.canonical_triples()                   # what the store's ontology graph holds

files.py finds ontology/ and parses each file once per process; concepts.py reads the SKOS
vocabularies (services, the guideline catalogue: units, later titles, topics), tables.py the surface-form tables; keys.py holds the
text-key rules, context.py the ConText trigger set, namespaces.py the namespaces and prefixes.
"""

from imrgraph.vocab.concepts import (
    OTHER_CATEGORY,
    GuidelineTitle,
    GuidelineTopic,
    GuidelineUnit,
    ServiceConcept,
    categories,
    guideline_titles,
    guideline_topics,
    guideline_unit,
    guideline_units,
    listed_service,
    service_ids,
    services,
)
from imrgraph.vocab.context import (
    ContextRule,
    context_rules,
    context_word_lists,
    people_close_to_the_worker,
    relatives_of_sex,
)
from imrgraph.vocab.files import (
    canonical_triples,
    fingerprint,
    ontology_dir,
    shapes_file,
    triples,
    vocabulary_files,
)
from imrgraph.vocab.keys import folded_key, slug, surface_key, title_case
from imrgraph.vocab.tables import (
    DrugEntry,
    FindingAgainst,
    body_parts,
    cancer_histories,
    condition_adjectives,
    condition_shorthand,
    conditions_held,
    diagnosis_synonyms,
    drug_supplement,
    findings_against,
    job_words,
    licensed_professions,
    organisations,
    procedure_agents,
    side_required,
    source_kinds,
    specialties,
    specialty_as_named,
    specialty_field,
    us_states,
    usual_form,
)

__all__ = [
    "OTHER_CATEGORY", "ContextRule", "DrugEntry", "FindingAgainst", "GuidelineTitle", "GuidelineTopic", "GuidelineUnit", "ServiceConcept", "body_parts", "cancer_histories", "canonical_triples", "condition_adjectives", "condition_shorthand", "conditions_held", "findings_against",
    "categories", "context_rules", "context_word_lists", "diagnosis_synonyms", "drug_supplement", "fingerprint", "folded_key", "guideline_titles", "guideline_topics", "guideline_unit", "guideline_units", "job_words", "licensed_professions", "people_close_to_the_worker", "relatives_of_sex",
    "listed_service", "ontology_dir", "organisations", "procedure_agents", "service_ids", "services", "shapes_file", "side_required", "slug", "source_kinds", "specialties", "specialty_as_named", "specialty_field", "surface_key", "title_case", "triples",
    "us_states", "usual_form", "vocabulary_files",
]
