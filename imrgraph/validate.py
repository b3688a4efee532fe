"""SHACL report of the built store against ontology/shapes.ttl; exits non-zero on violations."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--store", type=Path, default=Path("out/store"), help="store directory (default out/store)")
    parser.add_argument("--shapes", type=Path, default=None, help="SHACL shapes (default: the bundled ontology/shapes.ttl)")


def validate_store(store, shapes_path: Path | None = None) -> tuple[bool, str, int]:
    """(conforms, report text, violation count) for the union of all graphs of a pyoxigraph store."""
    import rdflib
    from pyoxigraph import RdfFormat, Triple, serialize
    from pyshacl import validate

    from imrgraph.graph import vocabulary

    data = rdflib.Graph()
    union = (Triple(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, None))
    data.parse(data=serialize(union, format=RdfFormat.N_TRIPLES), format="nt")
    shapes = rdflib.Graph().parse(shapes_path or vocabulary.shapes_file(), format="turtle")
    conforms, report, text = validate(data, shacl_graph=shapes, inference="none", advanced=True)
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    violations = sum(1 for _ in report.subjects(sh.resultSeverity, sh.Violation))
    return bool(conforms), text, violations


def run(args) -> int:
    from imrgraph.errors import UserError
    from imrgraph.graph.sparql import open_store

    try:
        store = open_store(args.store)
    except UserError as e:
        print(f"imrgraph: {e}", file=sys.stderr)
        return 2
    if args.shapes is not None and not args.shapes.is_file():
        print(f"imrgraph: no shapes file at {args.shapes}", file=sys.stderr)
        return 2
    conforms, text, violations = validate_store(store, args.shapes)
    if conforms:
        print(f"conforms: {len(store)} triples, 0 violations")
        return 0
    print(text)
    print(f"imrgraph: {violations} SHACL violation(s) in {args.store}", file=sys.stderr)
    return 1
