"""JSON-LD export with a readable, fixed @context, streamed node by node.

The context (`context()`) is the project's published one: the prefixes of docs/GRAPH.md, one term
per `imr:` class and property named by its local name (`Determination`, `hasDisputedTreatment`,
`age`), object properties coerced to IRIs and typed datatype properties to their XSD range, plus the
SKOS / RDFS / Dublin Core / PROV terms the graph uses. It comes from the ontology graph of the
store (ontology/imr.ttl), so it changes only when the ontology does. Named graphs are kept (one
`{"@id": graph, "@graph": [...]}` object per graph) and every value that does not fit its term's
coercion is written in expanded form, so reading the file back gives the store's quads exactly.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode

from imrgraph.graph import iris
from imrgraph.graph.store import GraphStore

RDF_TYPE = iris.PREFIXES["rdf"] + "type"
XSD = iris.PREFIXES["xsd"]
ONTOLOGY = iris.ONTOLOGY_GRAPH
_CANONICAL_INTEGER = re.compile(r"^(0|-?[1-9]\d{0,15})$")  # exact as a JSON number (< 2**53)

# standard-vocabulary terms the graph uses: term -> (prefix:name, coercion or None)
STANDARD_TERMS = {
    "label": ("rdfs:label", None), "comment": ("rdfs:comment", None),
    "subClassOf": ("rdfs:subClassOf", "@id"), "domain": ("rdfs:domain", "@id"), "range": ("rdfs:range", "@id"),
    "seeAlso": ("rdfs:seeAlso", "@id"),
    "prefLabel": ("skos:prefLabel", None), "altLabel": ("skos:altLabel", None),
    "definition": ("skos:definition", None), "notation": ("skos:notation", None),
    "exactMatch": ("skos:exactMatch", "@id"), "closeMatch": ("skos:closeMatch", "@id"),
    "broader": ("skos:broader", "@id"), "narrower": ("skos:narrower", "@id"),
    "inScheme": ("skos:inScheme", "@id"), "topConceptOf": ("skos:topConceptOf", "@id"),
    "hasTopConcept": ("skos:hasTopConcept", "@id"),
    "identifier": ("dcterms:identifier", None), "title": ("dcterms:title", None),
    "creator": ("dcterms:creator", None), "date": ("dcterms:date", "xsd:gYear"),
    "references": ("dcterms:references", "@id"), "isPartOf": ("dcterms:isPartOf", "@id"),
    "wasDerivedFrom": ("prov:wasDerivedFrom", "@id"),
}
OWL = iris.PREFIXES["owl"]
ONTOLOGY_TERMS = f"""
SELECT ?term ?kind ?range WHERE {{
  GRAPH <{ONTOLOGY}> {{
    ?term a ?kind .
    FILTER(?kind IN (<{OWL}Class>, <{OWL}ObjectProperty>, <{OWL}DatatypeProperty>))
    FILTER(STRSTARTS(STR(?term), "{iris.IMR}"))
    OPTIONAL {{ ?term <{iris.PREFIXES["rdfs"]}range> ?range }}
  }}
}}"""


def context(source: GraphStore) -> dict:
    """The @context: prefixes, imr: terms from the ontology, then the standard terms. A prefix named like
    an imr: term (`icd10cm`) gives way to the term: IRIs of that namespace are then written in full."""
    imr_terms: dict[str, object] = {}
    for row in source.query(ONTOLOGY_TERMS):
        name = row["term"].value[len(iris.IMR):]
        kind = row["kind"].value
        curie = "imr:" + name
        if kind == OWL + "Class":
            imr_terms[name] = curie
        elif kind == OWL + "ObjectProperty":
            imr_terms[name] = {"@id": curie, "@type": "@id"}
        elif row["range"] is not None and row["range"].value.startswith(XSD) and row["range"].value != XSD + "string":
            imr_terms[name] = {"@id": curie, "@type": "xsd:" + row["range"].value[len(XSD):]}
        else:
            imr_terms[name] = curie
    ctx: dict[str, object] = {prefix: namespace for prefix, namespace in sorted(source.prefixes.items())
                              if prefix not in imr_terms}
    ctx.update(sorted(imr_terms.items()))
    for term, (curie, coercion) in STANDARD_TERMS.items():
        if term not in ctx:
            ctx[term] = {"@id": curie, "@type": coercion} if coercion else curie
    return ctx


class _Compactor:
    """IRIs <-> the context's terms and CURIEs."""

    def __init__(self, ctx: dict) -> None:
        self.namespaces = sorted(((ns, prefix) for prefix, ns in ctx.items() if isinstance(ns, str)
                                  and ns.endswith(("#", "/"))), key=lambda item: -len(item[0]))
        expand = self.expand
        self.class_terms: dict[str, str] = {}
        self.property_terms: dict[str, tuple[str, str | None]] = {}
        for term, definition in ctx.items():
            if isinstance(definition, dict):
                coercion = definition.get("@type")
                self.property_terms[expand(definition["@id"])] = (
                    term, coercion if coercion in (None, "@id") else expand(coercion))
            elif ":" in definition and not definition.endswith(("#", "/")):
                iri = expand(definition)
                if term[:1].isupper():
                    self.class_terms[iri] = term
                else:
                    self.property_terms[iri] = (term, None)

    def expand(self, curie: str) -> str:
        prefix, _, rest = curie.partition(":")
        for namespace, name in self.namespaces:
            if name == prefix:
                return namespace + rest
        return curie

    def iri(self, iri: str) -> str:
        for namespace, prefix in self.namespaces:
            rest = iri[len(namespace):]
            if iri.startswith(namespace) and rest and not rest.startswith("//"):
                return f"{prefix}:{rest}"
        return iri

    def node(self, term) -> str:
        return f"_:{term.value}" if isinstance(term, BlankNode) else self.iri(term.value)

    def key(self, predicate: str) -> tuple[str, str | None]:
        found = self.property_terms.get(predicate)
        return found if found else (self.iri(predicate), None)

    def value(self, obj, coercion: str | None):
        if not isinstance(obj, Literal):
            return self.node(obj) if coercion == "@id" else {"@id": self.node(obj)}
        lexical = obj.value
        if obj.language:
            return {"@value": lexical, "@language": obj.language}
        datatype = obj.datatype.value
        if coercion == datatype:
            if datatype == XSD + "integer" and _CANONICAL_INTEGER.match(lexical):
                return int(lexical)
            if datatype == XSD + "boolean" and lexical in ("true", "false"):
                return lexical == "true"
            return lexical
        if datatype == XSD + "string" and coercion is None:
            return lexical
        return {"@value": lexical, "@type": self.iri(datatype)}


def _node_objects(quads: Iterator, compact: _Compactor) -> Iterator[dict]:
    """One JSON-LD node object per run of quads with the same subject."""
    subject = None
    current: dict = {}
    for quad in quads:
        if quad.subject != subject:
            if current:
                yield current
            subject = quad.subject
            current = {"@id": compact.node(subject)}
        predicate = quad.predicate.value
        if predicate == RDF_TYPE and isinstance(quad.object, NamedNode):
            current.setdefault("@type", []).append(
                compact.class_terms.get(quad.object.value) or compact.iri(quad.object.value))
            continue
        key, coercion = compact.key(predicate)
        current.setdefault(key, []).append(compact.value(quad.object, coercion))
    if current:
        yield current


def _simplify(node: dict) -> dict:
    """Single values without their list, for reading (JSON-LD treats both alike)."""
    return {key: value[0] if isinstance(value, list) and len(value) == 1 else value for key, value in node.items()}


def write_jsonld(source: GraphStore, path: Path) -> dict:
    ctx = context(source)
    compact = _Compactor(ctx)
    graphs = nodes = 0
    with open(path, "w", encoding="utf-8") as out:
        out.write('{\n"@context": ' + json.dumps(ctx, indent=1, ensure_ascii=False) + ',\n"@graph": [')
        first = True
        default = source.quads(graph=DefaultGraph())
        for node in _node_objects(default, compact):
            out.write(("\n" if first else ",\n") + json.dumps(_simplify(node), ensure_ascii=False))
            first = False
            nodes += 1
        for graph in source.graph_names():
            out.write(("\n" if first else ",\n") + '{"@id": ' + json.dumps(compact.iri(graph.value))
                      + ', "@graph": [')
            first = False
            graphs += 1
            separator = "\n "
            for node in _node_objects(source.quads(graph=graph), compact):
                out.write(separator + json.dumps(_simplify(node), ensure_ascii=False))
                separator = ",\n "
                nodes += 1
            out.write("\n]}")
        out.write("\n]}\n")
    return {"graphs": graphs, "nodes": nodes}
