"""The bundled SPARQL queries (`*.rq` beside this file): each file's name is the query's name, its
first comment line the question it answers. `imrgraph query --list/--name`, `imrgraph.api`, the
report, the analytics and the server's query page all read them from here."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from imrgraph.errors import USAGE, UserError

_FOLDER = Path(__file__).parent


@dataclass(frozen=True)
class BundledQuery:
    name: str
    text: str
    description: str  # the question it answers (its first comment line)


@cache
def bundled() -> dict[str, BundledQuery]:
    """Every bundled query by name, in name order."""
    queries = {}
    for path in sorted(_FOLDER.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        first = next((line for line in text.splitlines() if line.startswith("#")), "")
        queries[path.stem] = BundledQuery(path.stem, text, first.lstrip("# ").strip())
    return queries


def names() -> list[str]:
    return list(bundled())


def get(name: str) -> BundledQuery:
    """The bundled query `name`; UserError (a usage error) naming the known ones when there is none."""
    queries = bundled()
    if name not in queries:
        raise UserError(f"no bundled query {name!r}; have: {', '.join(queries)} (imrgraph query --list)",
                        exit_code=USAGE)
    return queries[name]


def text(name: str) -> str:
    return get(name).text
