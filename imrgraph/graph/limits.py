"""Checks on SPARQL text made before any parser sees it: how deeply it nests, and which SERVICE
endpoints it would call.

Why before parsing: pyoxigraph's parser recurses once per nesting level (a few thousand nested
groups overflow the stack and kill the process) and parses nested blank nodes and collections in
time that grows with the fourth power of the depth (80 levels: 2 s, 160: minutes). And pyoxigraph
runs SERVICE clauses over HTTP with no way to switch that off, so a query is read for SERVICE
clauses (found by graph/query_text.py's lexer) and refused unless each endpoint is one the caller
allowed.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from imrgraph.errors import UserError
from imrgraph.graph.query_text import service_calls

MAX_NESTING = 64  # brackets of any kind; ~1 s of parsing at worst, far above hand-written queries


class QueryRefused(UserError):
    """A query refused before it runs; `code` names the reason for machine-readable answers (the
    server answers each differently)."""

    code = "refused"


class QueryTooDeep(QueryRefused):
    code = "too-deep"


class ServiceRefused(QueryRefused):
    code = "service-refused"


# The lexical pieces that decide what is code: strings (long forms first, as the parser tries
# them), comments and IRIs (with the \u escapes an IRI may hold); brackets are what is counted.
_IRI = r"<(?:[^\x00-\x20<>\"{}|^`\\]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>"
_LEXEMES = re.compile(
    r"'''(?:'{0,2}(?:[^'\\]|\\.))*'''"
    r'|"""(?:"{0,2}(?:[^"\\]|\\.))*"""'
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r'|"(?:[^"\\\n\r]|\\.)*"'
    r"|#[^\n\r]*"
    rf"|(?P<iri>{_IRI})"
    r"|(?P<open>[{(\[])|(?P<close>[})\]])",
    re.DOTALL)
_BRACKETS = re.compile(r"(?P<open>[{(\[])|(?P<close>[})\]])")


def _steps(matches):
    """+1 per opening and -1 per closing bracket among the matches; an IRI's own brackets count
    too (`<` may also be a less-than whose operands nest)."""
    for match in matches:
        kind = match.lastgroup
        if kind == "open":
            yield 1
        elif kind == "close":
            yield -1
        elif kind == "iri":
            yield from _steps(_BRACKETS.finditer(match.group()))


def _depth(steps) -> int:
    depth = deepest = 0
    for step in steps:
        depth = max(depth + step, 0)
        deepest = max(deepest, depth)
    return deepest


def nesting_depth(query: str) -> int:
    """The deepest bracket nesting ({ ( [ together) outside strings and comments, and never less
    than the count over the raw text, so brackets written inside an ambiguous token still count."""
    return max(_depth(_steps(_LEXEMES.finditer(query))), _depth(_steps(_BRACKETS.finditer(query))))


def check_nesting(query: str, limit: int = MAX_NESTING) -> None:
    depth = nesting_depth(query)
    if depth > limit:
        raise QueryTooDeep(f"query nested too deeply: {depth} levels of brackets, at most {limit}")


def check_service(query: str, allowed: Collection[str] = ()) -> None:
    """Raises ServiceRefused unless every SERVICE clause (found as graph/query_text.py reads them)
    names, as an absolute IRI written out, an endpoint in `allowed`."""
    for call in service_calls(query):
        if call.kind == "iri" and _SCHEME.match(call.iri) and call.iri in allowed:
            continue
        if not allowed:
            raise ServiceRefused("federated queries (SERVICE) are not allowed: no endpoint is allowed")
        if call.kind == "var":
            raise ServiceRefused(f"federated queries (SERVICE) are not allowed with {call.written}: the endpoint "
                                 "must be written as an allowed IRI")
        if call.kind == "name" or not _SCHEME.match(call.iri):
            raise ServiceRefused(f"federated queries (SERVICE) are not allowed with {call.written}: write the "
                                 "endpoint as an absolute IRI")
        raise ServiceRefused(f"federated queries (SERVICE) are not allowed with <{call.iri}>: that endpoint is "
                             "not in the allow-list")


_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def check_query(query: str, allow_service: Collection[str] = ()) -> None:
    """Both checks, nesting first (it is what keeps the parser alive)."""
    check_nesting(query)
    check_service(query, allow_service)
