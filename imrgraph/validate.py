"""SHACL validation of a built store against the bundled shapes (ontology/shapes.ttl) or a file."""

from __future__ import annotations

from pathlib import Path

from imrgraph.errors import UserError


def validate_store(graph, shapes_path: Path | None = None) -> tuple[bool, str, int]:
    """(conforms, report text, violation count) for the union graph of a GraphStore.
    Raises UserError when the shapes file cannot be read as Turtle."""
    import rdflib
    from pyoxigraph import RdfFormat, serialize
    from pyshacl import validate

    shapes = rdflib.Graph().parse(data=serialize(_shapes(shapes_path), format=RdfFormat.N_TRIPLES), format="nt")
    data = rdflib.Graph()
    data.parse(data=serialize(graph.triples(), format=RdfFormat.N_TRIPLES), format="nt")
    conforms, report, text = validate(data, shacl_graph=shapes, inference="none", advanced=True)
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    violations = sum(1 for _ in report.subjects(sh.resultSeverity, sh.Violation))
    return bool(conforms), text, violations


def _shapes(path: Path | None) -> list:
    from pyoxigraph import RdfFormat, parse

    from imrgraph import vocab

    if path is None:
        return list(vocab.triples(vocab.files.SHAPES))
    if not Path(path).is_file():
        raise UserError(f"no shapes file at {path}")
    try:
        return list(parse(path=str(path), format=RdfFormat.TURTLE, base_iri=Path(path).resolve().as_uri()))
    except (SyntaxError, ValueError) as e:
        raise UserError(f"cannot read the SHACL shapes in {path} as Turtle: {str(e).splitlines()[0]}") from None
    except OSError as e:
        raise UserError(f"cannot read {path}: {e.strerror or e}") from None
