"""Checks on SPARQL text made before any parser sees it: how deeply it nests, and which SERVICE
endpoints it would call.

Why before parsing: pyoxigraph's parser recurses once per nesting level (a few thousand nested
groups overflow the stack and kill the process) and parses nested blank nodes and collections in
time that grows with the fourth power of the depth (80 levels: 2 s, 160: minutes). And pyoxigraph
runs SERVICE clauses over HTTP with no way to switch that off, so a query is read for SERVICE
clauses here and refused unless each endpoint is one the caller allowed.
"""

from __future__ import annotations

import re
from collections.abc import Collection

MAX_NESTING = 64  # brackets of any kind; ~1 s of parsing at worst, far above hand-written queries


class QueryRefused(ValueError):
    """A query refused before it runs; `code` names the reason for machine-readable answers."""

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


# A name character (SPARQL's PN_CHARS with digits), as read when looking back from a keyword.
_NAME_CHARS = ("A-Za-z0-9_\u00b7\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u037d\u037f-\u1fff\u200c\u200d\u203f\u2040"
               "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff")
_NAME_CHAR = re.compile(f"[{_NAME_CHARS}-]")
_GAP = r"(?:\s|#[^\n\r]*)*"
# SERVICE SILENT? (IRI | variable | prefixed name) {  -- the group is what makes it a clause; the
# prefixed name is read at least as far as the parser would read it
_SERVICE = re.compile(
    rf"SERVICE{_GAP}(?:SILENT{_GAP})?"
    rf"(?:(?P<iri>{_IRI})|(?P<var>[?$][{_NAME_CHARS}]+)"
    rf"|(?P<pname>(?:[{_NAME_CHARS}][{_NAME_CHARS}.-]*)?:(?:[{_NAME_CHARS}.:%-]|\\.)*)){_GAP}{{",
    re.IGNORECASE)
_UCHAR = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def service_targets(query: str) -> list[tuple[str, str]]:
    """Every SERVICE clause the text may hold, as (kind, target): ("iri", absolute-or-relative IRI),
    ("var", "?x") or ("pname", "ex:name"). Read from the raw text, strings and comments included, so
    no way of writing the query can hide one; the cost is that a string spelling out
    `service <...>` is read as a clause too."""
    found = []
    for match in _SERVICE.finditer(query):
        if _is_inside_a_name(query, match.start()):
            continue
        kind = match.lastgroup
        target = match.group(kind)
        if kind == "iri":
            target = _UCHAR.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), target[1:-1])
        found.append((kind, target))
    return found


def _is_inside_a_name(text: str, start: int) -> bool:
    """`?service`, `imr:requestsService`, `ex:home-service`: the word is the end of a variable or
    a prefixed name, not the keyword (which may follow a number or `true` with no space)."""
    i = start
    while i > 0 and _NAME_CHAR.match(text[i - 1]):
        i -= 1
    before = text[i - 1] if i > 0 else ""
    return before == ":" or (before in "?$" and "-" not in text[i:start])


def check_service(query: str, allowed: Collection[str] = ()) -> None:
    """Raises ServiceRefused unless every SERVICE clause names, as an absolute IRI, an endpoint in
    `allowed`."""
    for kind, target in service_targets(query):
        if kind == "iri" and _SCHEME.match(target) and target in allowed:
            continue
        if not allowed:
            raise ServiceRefused("SERVICE (a federated query to another endpoint) is refused: no endpoint is "
                                 "allowed")
        if kind == "var":
            raise ServiceRefused(f"SERVICE {target} is refused: the endpoint must be written as an allowed IRI")
        if kind == "pname" or not _SCHEME.match(target):
            raise ServiceRefused(f"SERVICE {target} is refused: write the endpoint as an absolute IRI")
        raise ServiceRefused(f"SERVICE <{target}> is refused: that endpoint is not allowed")


def check_query(query: str, allow_service: Collection[str] = ()) -> None:
    """Both checks, nesting first (it is what keeps the parser alive)."""
    check_nesting(query)
    check_service(query, allow_service)
