"""Explorer calls for the tests of GET /api/explore/NAME (registered with --explore-handlers)."""

from __future__ import annotations


def count(store, kind: str) -> dict:
    """How many nodes of one imr: class."""
    if not kind.isidentifier():
        raise ValueError(f"not a class name: {kind!r}")
    rows = store.query(f"SELECT (COUNT(?n) AS ?n) WHERE {{ ?n a <https://w3id.org/imrgraph#{kind}> }}")
    return {"kind": kind, "count": int(next(iter(rows))["n"].value)}


def runaway(store) -> dict:
    list(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }"))
    return {}


HANDLERS = {"count": count, "runaway": runaway}
