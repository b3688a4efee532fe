"""What the text of a SPARQL request says before it runs: whether it is an update, and which
endpoints its SERVICE clauses would call.

Read by a small lexer that knows SPARQL's comments, strings and IRIs, so a keyword inside them is
never taken for one. The one ambiguous character is `<`: an IRI starts with it, and so does the
less-than operator. The lexer decides as the grammar does: an operator only inside an expression
(FILTER, BIND, SELECT and solution-modifier expressions), right after an operand; everywhere else
it starts an IRI. Deciding otherwise would let `FILTER(?a<?b)SERVICE:x#>` hide a SERVICE clause in
what looks like an IRI.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_IRI = re.compile(r"<(?:[^<>\"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>")
_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<string>'''(?:[^'\\]|\\.|\\\n|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|\\\n|"(?!""))*\"\"\"
              |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<var>[?$][^\W]\w*)
  | (?P<name>(?:[^\W\d]|_)(?:[\w.\-]|\\[^\s])*(?::(?:[\w.\-:%]|\\[^\s])*)?|:(?:[\w.\-:%]|\\[^\s])*)
  | (?P<number>[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?)
  | (?P<operator><=|>=|!=|&&|\|\||\^\^|[=<>!+\-*/])
  | (?P<punct>.)
""", re.VERBOSE | re.DOTALL)
_UNICODE_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")

UPDATE_KEYWORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"})
# words after which an expression wants an operand (so a `<` there starts an IRI)
_BEFORE_OPERAND = frozenset({"IN", "NOT", "DISTINCT", "AS", "SEPARATOR", "EXISTS"})
# words whose `(` opens an expression
_EXPRESSION_HEADS = frozenset({"FILTER", "BIND", "HAVING", "BY", "ASC", "DESC"})


@dataclass(frozen=True)
class Token:
    kind: str  # space, comment, string, iri, var, name, number, operator, punct
    text: str

    @property
    def word(self) -> str:
        """A keyword's upper-case spelling (names only)."""
        return self.text.upper() if self.kind == "name" else ""


def tokens(text: str) -> list[Token]:
    """The significant tokens of a SPARQL text (no spaces, no comments)."""
    out: list[Token] = []
    frames = [["pattern", None]]  # [kind, mode]; kind: pattern, expression or list; mode: select, modifier
    expect_operand = True  # inside an expression
    position = 0
    while position < len(text):
        kind, mode = frames[-1]
        in_expression = kind == "expression"
        if text[position] == "<" and not (in_expression and not expect_operand):
            match = _IRI.match(text, position)
            if match:
                out.append(Token("iri", match.group()))
                position = match.end()
                expect_operand = False
                continue
        match = _TOKEN.match(text, position)
        position = match.end()
        if match.lastgroup in ("space", "comment"):
            continue
        token = Token(match.lastgroup, match.group())
        if token.kind == "name" and token.text.endswith(".") and ":" not in token.text.rstrip("."):
            # "?s ?p ex.": a name never ends with '.', the triple does
            position -= len(token.text) - len(token.text.rstrip("."))
            token = Token("name", token.text.rstrip("."))
        out.append(token)
        word = token.word
        if word == "SELECT":
            frames[-1][1] = "select"
        elif word in ("BY", "HAVING"):
            frames[-1][1] = "modifier"
        elif word in ("VALUES", "LIMIT", "OFFSET"):
            frames[-1][1] = None
        if token.text == "{":
            frames[-1][1] = None
            frames.append(["pattern", None])
        elif token.text == "}":
            if len(frames) > 1:
                frames.pop()
        elif token.text == "(":
            frames.append([_paren_kind(out[:-1], kind, mode), None])
            expect_operand = True
        elif token.text == ")":
            if len(frames) > 1:
                frames.pop()
            expect_operand = False
        elif token.kind in ("operator", "punct"):
            expect_operand = True
        elif token.kind == "name":
            expect_operand = word in _BEFORE_OPERAND
        else:  # string, var, number
            expect_operand = False
    return out


def _paren_kind(before: list[Token], kind: str, mode: str | None) -> str:
    """What a `(` opens: an expression, or a list (a collection, a VALUES row or variable list)."""
    if kind in ("expression", "list"):
        return kind
    previous = before[-1] if before else Token("punct", "")
    if previous.word == "VALUES":
        return "list"
    if mode in ("select", "modifier") or previous.word in _EXPRESSION_HEADS:
        return "expression"
    if previous.kind in ("name", "iri") and len(before) > 1 and before[-2].word == "FILTER":
        return "expression"  # FILTER regex(...), FILTER <function>(...)
    if previous.kind in ("name", "iri", "var", "string", "number") or previous.text in ("{", ".", ";", ",", "[", ")"):
        return "list"
    return "expression"  # unsure: an operator reading of `<` can only find more SERVICE clauses, never fewer


_NAME_START_RANGES = re.compile(r"\['[^\]]*\]")


def syntax_message(error: SyntaxError, width: int = 300) -> str:
    """The parser's message in one line, with its list of every Unicode range a name may start with
    shortened to "a name": the position and the expected tokens are what a person needs."""
    message = "malformed SPARQL: " + _NAME_START_RANGES.sub("a name", " ".join(str(error).split()))
    return message if len(message) <= width else message[:width - 3] + "..."


def is_update(text: str) -> bool:
    """True when the request is a SPARQL update (its first keyword after the prologue)."""
    significant = tokens(text)
    index = 0
    while index < len(significant):
        word = significant[index].word
        if word.startswith("PREFIX"):
            index += 2 if ":" in word else 3  # PREFIX name: <iri>
        elif word == "BASE":
            index += 2
        else:
            return word in UPDATE_KEYWORDS
    return False


@dataclass(frozen=True)
class ServiceCall:
    """One SERVICE clause, by how the query names its endpoint: `kind` is "iri" (`iri` holds it,
    \\u escapes decoded), "var" or "name" (a prefixed name); `written` is the text as written."""

    kind: str
    written: str
    iri: str | None = None


# The parser matches keywords without a word boundary, so "SERVICE" may be glued to what comes
# before it (an object `true`/`false`) and after it (SILENT, a prefixed-name endpoint):
# `?s ?p trueSERVICESILENTex:x { ... }` is a SERVICE clause calling ex:x.
_SERVICE_WORD = re.compile(r"(?:true|false)?service(?P<silent>silent)?(?P<rest>.*)", re.IGNORECASE | re.DOTALL)
_TARGET_OF = frozenset({"GRAPH", "FROM", "NAMED", "DESCRIBE", "SERVICE", "SILENT"})  # words a name may follow as their IRI


def service_calls(text: str) -> list[ServiceCall]:
    """Every SERVICE clause of a query, in order; where a glued spelling can be read two ways, each
    reading is listed."""
    significant = tokens(text)
    calls: list[ServiceCall] = []

    def call(target: Token) -> None:
        if target.kind == "iri":
            calls.append(ServiceCall("iri", target.text, _iri_value(target.text)))
        else:
            calls.append(ServiceCall("var" if target.kind == "var" else "name", target.text))

    for index, token in enumerate(significant):
        match = _SERVICE_WORD.fullmatch(token.text) if token.kind == "name" else None
        if not match:
            continue
        following = significant[index + 1:index + 3] + [Token("punct", "")] * 2
        rest = match.group("rest")
        if not rest:  # the keyword itself: the endpoint is the next token (after SILENT)
            target = following[1] if following[0].word == "SILENT" and not match.group("silent") else following[0]
            glued_silent = _SERVICE_WORD.fullmatch("service" + target.text) if target.kind == "name" else None
            if glued_silent and glued_silent.group("silent") and glued_silent.group("rest"):
                call(Token("name", glued_silent.group("rest")))  # SILENTex:x: SILENT, then ex:x
            call(target)
        elif ":" in rest and following[0].text == "{" and (index == 0 or significant[index - 1].word not in _TARGET_OF):
            call(Token("name", rest))
    return calls


def _iri_value(token_text: str) -> str:
    return _UNICODE_ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), token_text[1:-1])
