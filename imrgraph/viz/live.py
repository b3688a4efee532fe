"""The explorer under `imrgraph serve`: the page, and what its clicks ask the server for.

    GET /api/explore/{name}?param=value  ->  HANDLERS[name](store, **params)  ->  JSON

`store` is the read-only `imrgraph.graph.store.GraphStore` the caller holds open (the server's workers);
params are the query string's values (strings). Every answer is bounded (at most
MAX_LIMIT nodes per relation, LETTERS letters), whatever the store's size. A handler raises
ValueError for a bad parameter (HTTP 400), and NotFound, a ValueError too, for a node the store does
not hold (a server may answer it 404).

    neighbourhood(node=IRI[, limit])  a concept's linked concepts and the letters most involved
    letters(node=IRI[, limit])         the letters most involved with a concept
    letter(id=IRI or letter id)        a letter as its own view, with the letter text behind each fact
    search(q=text[, limit, kind])      nodes by the lookup rule (store.find)

`page(store)` is the explorer page for the store, drawn once per state of the store and kept: it
holds every concept and its neighbourhood, and asks the server only for letters (`letters`,
`letter`, `search?kind=determination`), which no answer needs a store-wide index for, so a worker
process answers its first call as fast as its hundredth. `neighbourhood` and a search over every
kind read that index (built once per process and state of the store: about 2 s at 20,000 letters).
"""

from __future__ import annotations

import threading
from pathlib import Path

from imrgraph.graph import iris

from . import explore, store
from .model import KINDS, VizNode

API = "/api/explore/"
MAX_LIMIT = 50

_cache: dict[tuple, object] = {}  # (kind, store directory, its state) -> index or page
_lock = threading.Lock()


class NotFound(ValueError):
    """The store holds no such node or letter."""


def neighbourhood(graph, node: str = "", limit: str = str(explore.NEIGHBOURS)) -> dict:
    index = _index(graph)
    if node not in index.concepts:
        raise NotFound(f"no concept {node!r} in the store")
    concept = index.concepts[node]
    letters = store.letters_of(graph, concept, explore.LETTERS)
    stubs = store.letter_stubs(graph, letters)
    return explore.neighbourhood(index, node, [stubs[d] for d in letters if d in stubs], _limit(limit))


def letters(graph, node: str = "", limit: str = str(explore.LETTERS)) -> dict:
    """The letters most involved with a concept, without the store-wide index the other answers
    read (the served page holds the concepts and asks only for letters)."""
    if node.startswith(store.SPECIALTY):
        concept = VizNode(node, "specialty", node[len(store.SPECIALTY):])
    else:
        store.iri_values("c", [node])  # refuses anything that is not a plain IRI
        concept = VizNode(node, "diagnosis" if node.startswith(iris.ID + "diagnosis/") else "concept", node)
    found = store.letters_of(graph, concept, _limit(limit))
    stubs = store.letter_stubs(graph, found)
    return {"id": node, "letters": [explore.node_json(stubs[d]) for d in found if d in stubs]}


def letter(graph, id: str = "") -> dict:  # noqa: A002 - the query string's name
    det = id if id.startswith(store.DETERMINATION) else iris.determination(id) if id else ""
    if not det:
        raise ValueError("letter wants id=<letter IRI or id>")
    store.iri_values("det", [det])  # refuses anything that is not a plain IRI
    records = [r for r in store.letter_records(graph, [det]) if r.items or r.node.facts]
    if not records:
        raise NotFound(f"no letter {id!r} in the store")
    record = records[0]
    named = sorted(record.concepts())
    return explore.letter_view(record, store.concept_nodes(graph, named, counts=False), refs=True)


def search(graph, q: str = "", limit: str = "10", kind: str = "") -> dict:
    """Nodes by the lookup rule; `kind=determination` looks among the letters only (no index read)."""
    if kind and kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}")
    concepts = {} if kind == "determination" else _index(graph).concepts
    found = store.find(graph, q, kind=kind or None, limit=_limit(limit), concepts=concepts)
    return {"query": q, "results": [explore.node_json(n) for n in found]}


HANDLERS = {"neighbourhood": neighbourhood, "letters": letters, "letter": letter, "search": search}


def page(graph, api: str = API) -> str:
    """The explorer page served at /: a small store drawn whole, a bigger one opening on the
    overview and fetching from `api` what a click adds. Drawn once per state of the store."""
    from .compose import build_page


    def draw():
        from . import DEFAULT_LETTER_BUDGET, DEFAULT_NODE_BUDGET

        html, _summary = build_page(graph, focus=None, hops=1, node_budget=DEFAULT_NODE_BUDGET, overview=False,
                                    letter_budget=DEFAULT_LETTER_BUDGET, live=api, index=_index(graph))
        return html

    return _cached("page", graph, draw, api)


def _index(graph) -> explore.Index:
    return _cached("index", graph, lambda: explore.Index(graph))


def _cached(kind: str, graph, make, *key):
    path = getattr(graph, "path", None)
    if path is None:  # a store opened by the caller (a server's worker): kept while it is open
        opened = getattr(graph, "store", graph)
        full_key = (kind, id(opened), None, *key)
        with _lock:
            if full_key not in _cache:
                _cache[full_key] = (opened, make())
            return _cache[full_key][1]
    full_key = (kind, str(Path(path).resolve()), state(Path(path)), *key)
    with _lock:
        if full_key in _cache:
            return _cache[full_key]
    value = make()
    with _lock:
        for old in [k for k in _cache if k[:2] == full_key[:2]]:
            del _cache[old]  # an earlier state of the same store
        _cache[full_key] = value
    return value


def state(path: Path) -> tuple:
    """What changes when the store is written: its files' names, sizes and times (RocksDB writes
    new files and a new MANIFEST on every change; logs and the lock file do not count)."""
    files = []
    for f in sorted(Path(path).iterdir()):
        if f.is_file() and not f.name.startswith(("LOG", "LOCK")):
            stat = f.stat()
            files.append((f.name, stat.st_size, stat.st_mtime_ns))
    return tuple(files)


def _limit(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise ValueError(f"limit must be a number, not {text!r}") from None
    if not 1 <= value <= MAX_LIMIT:
        raise ValueError(f"limit must be between 1 and {MAX_LIMIT}")
    return value
