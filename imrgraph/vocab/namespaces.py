"""The namespaces the ontology (ontology/imr.ttl) and the graph speak, and the prefixes every
query, Turtle file and page predeclares for them."""

IMR = "https://w3id.org/imrgraph#"  # ontology terms
ID = "https://w3id.org/imrgraph/id/"  # instances
# RDF 1.1 skolem IRIs: the ontology's blank nodes (owl:unionOf lists...) named for good
GENID = ID + ".well-known/genid/"
ICD10CM = "http://purl.bioontology.org/ontology/ICD10CM/"
DRUGBANK = "https://go.drugbank.com/drugs/"

PREFIXES = {
    "imr": IMR,
    "id": ID,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "schema": "https://schema.org/",
    "icd10cm": ICD10CM,
    "drugbank": DRUGBANK,
}
