"""The one Turtle writer: OUT/graph.ttl (as a build streams it, or from the store) and
`imrgraph export --format ttl` are written here, with the project prefixes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import BinaryIO

from pyoxigraph import Quad, RdfFormat, Triple, serialize

from imrgraph.graph import iris

# no "id:" prefix: its local names would need escaped slashes, full IRIs read better
PREFIXES = {k: v for k, v in iris.PREFIXES.items() if k != "id"}


def write_turtle(triples: Iterable[Triple | Quad], out: BinaryIO | None = None) -> bytes | None:
    """Turtle of `triples` (quads lose their graph) into `out`, or returned as bytes without one."""
    plain = (t if isinstance(t, Triple) else Triple(t.subject, t.predicate, t.object) for t in triples)
    return serialize(plain, out, RdfFormat.TURTLE, prefixes=PREFIXES)
