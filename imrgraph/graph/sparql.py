"""Opening a built store read-only and running SPARQL over it safely (shared by query, api, validate)."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from pyoxigraph import BlankNode, Literal, NamedNode, Store, Variable

from imrgraph.errors import UserError
from imrgraph.graph import iris
from imrgraph.graph.query_text import is_update

DEFAULT_STORE = Path("out/store")
_XSD = iris.PREFIXES["xsd"]
_INTEGERS = {_XSD + t for t in ("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger")}


def open_store(path: Path | str = DEFAULT_STORE) -> Store:
    path = Path(path)
    if not (path / "CURRENT").is_file():
        if (path / "store" / "CURRENT").is_file():
            raise UserError(f"no store at {path}: did you mean {path / 'store'}?")
        raise UserError(f"no store at {path}: run `imrgraph build` first")
    try:
        return Store.read_only(str(path))
    except OSError as e:
        raise UserError(f"cannot open the store at {path}: {e}") from None


def term(value) -> NamedNode | Literal:
    """A Python value as an RDF term for binding: <iri> or http(s) strings are IRIs, numbers and
    booleans are typed literals, anything else a plain string. Nothing here is spliced into query text."""
    if isinstance(value, NamedNode | Literal | BlankNode):
        return value
    if isinstance(value, bool):
        return Literal(str(value).lower(), datatype=NamedNode(_XSD + "boolean"))
    if isinstance(value, int):
        return Literal(str(value), datatype=NamedNode(_XSD + "integer"))
    if isinstance(value, float | Decimal):
        return Literal(str(value), datatype=NamedNode(_XSD + "decimal"))
    text = str(value)
    if text.startswith("<") and text.endswith(">"):
        return NamedNode(text[1:-1])
    if text.startswith(("http://", "https://")):
        return NamedNode(text)
    return Literal(text)


def run(store: Store, query: str, bindings: dict | None = None):
    """SELECT/ASK/CONSTRUCT over the union of all graphs, with the project prefixes predeclared and
    `bindings` substituted as RDF terms (SEP-0007), so user values never become SPARQL syntax."""
    substitutions = {Variable(k.lstrip("?$")): term(v) for k, v in (bindings or {}).items()}
    try:
        return store.query(query, prefixes=iris.PREFIXES, use_default_graph_as_union=True,
                           substitutions=substitutions or None)
    except SyntaxError as e:
        if is_update(query):
            raise UserError("updates are not allowed: the store is read-only (SPARQL queries only)") from None
        raise UserError(syntax_message(e)) from None
    except (OSError, ValueError, TypeError, RuntimeError) as e:
        raise UserError("query failed: " + " ".join(str(e).split())) from None


_NAME_START_RANGES = re.compile(r"\['[^\]]*\]")


def syntax_message(error: SyntaxError, width: int = 300) -> str:
    """The parser's message in one line, with its list of every Unicode range a name may start with
    shortened to "a name": the position and the expected tokens are what a person needs."""
    message = "malformed SPARQL: " + _NAME_START_RANGES.sub("a name", " ".join(str(error).split()))
    return message if len(message) <= width else message[:width - 3] + "..."


def python_value(node):
    """An RDF term as a plain Python value: IRIs as str, numbers as int/float, booleans as bool."""
    if node is None:
        return None
    if isinstance(node, Literal):
        dt = node.datatype.value
        try:
            if dt in _INTEGERS:
                return int(node.value)
            if dt in (_XSD + "decimal", _XSD + "double", _XSD + "float"):
                return float(node.value)
        except ValueError:
            return node.value
        if dt == _XSD + "boolean":
            return node.value in ("true", "1")
        return node.value
    return node.value


def compact(node) -> str:
    """Short display form: prefixed name for known namespaces, else the value."""
    if node is None:
        return ""
    if isinstance(node, NamedNode):
        for prefix, ns in iris.PREFIXES.items():
            if node.value.startswith(ns) and prefix != "id":
                return f"{prefix}:{node.value[len(ns):]}"
        return node.value
    return str(python_value(node))
