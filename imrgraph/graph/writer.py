"""GraphWriter: letters in, an on-disk pyoxigraph store and graph.ttl out.

One named graph per letter (replaced whole when the letter is added again), one graph of shared
concepts, one graph holding the ontology and vocabularies. Letters are buffered and written a batch
at a time, so memory stays bounded by the batch, not by the number of letters.
"""

from __future__ import annotations

import gc
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import NamedNode, Quad, RdfFormat, Store, parse, serialize

from imrgraph import vocab
from imrgraph.graph import iris
from imrgraph.graph.mapping import SKOS, brand_label, triples_for
from imrgraph.graph.store import union_triples
from imrgraph.graph.turtle import write_turtle

ONTOLOGY = NamedNode(iris.ONTOLOGY_GRAPH)
CONCEPTS = NamedNode(iris.CONCEPTS_GRAPH)
ALT_LABEL = NamedNode(SKOS + "altLabel")
PREF_LABEL = NamedNode(SKOS + "prefLabel")
MENTION_OF = NamedNode(iris.IMR + "mentionOf")
TEXT = NamedNode(iris.IMR + "text")


class GraphWriter:
    """Writes letters into OUT/store; `close()` also writes OUT/graph.ttl. Usable as a context manager.

    Into an empty store (a fresh build) graph.ttl is written as letters arrive, from Turtle the
    workers made, so the build does not end with a full read of the store; any other build, or one
    that removes or replaces a letter, writes graph.ttl from the store at close.
    """

    def __init__(self, out_dir: Path, batch_letters: int | None = 1000):
        """`batch_letters`: letters written at a time; None when the caller calls `write_batch` itself."""
        self.out_dir = Path(out_dir)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.store = Store(str(self.out_dir / "store"))
        self.batch_letters = batch_letters
        self._pending: dict[str, SerializedLetter] = {}
        # one batch loads in a background thread (bulk_load releases the GIL) while the next gathers,
        # so the build keeps feeding its workers during a load
        self._loader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="imrgraph-load")
        self._loading: Future | None = None
        self._loading_ids: set[str] = set()
        self._written_concepts: set[bytes] = set()  # N-Quads lines; bounded by the number of distinct concepts
        fresh = next(iter(self.store.named_graphs()), None) is None
        partial = self.out_dir / "graph.ttl.partial"
        partial.unlink(missing_ok=True)  # left by an interrupted build
        self._turtle = open(partial, "wb") if fresh else None
        self._quads = 0  # written so far, when streaming
        self._load_vocabulary()

    def __enter__(self) -> GraphWriter:
        return self

    def __exit__(self, *exc) -> None:
        if exc[0] is None:
            self.close()
        else:
            self.flush()

    def _load_vocabulary(self) -> None:
        """The ontology graph always holds the current ontology/*.ttl, replaced on every open."""
        self.store.remove_graph(ONTOLOGY)
        quads = [Quad(t.subject, t.predicate, t.object, ONTOLOGY) for t in vocab.canonical_triples()]
        self.store.extend(quads)
        self._stream(quads)

    def _stream(self, quads: list[Quad], turtle: bytes | None = None) -> None:
        """Appends to the streamed graph.ttl: quads serialised here, or a letter's Turtle as made."""
        if self._turtle is None:
            return
        if quads:
            quads = list(dict.fromkeys(quads))  # the vocabulary files repeat some triples
            write_turtle(quads, self._turtle)
            self._quads += len(quads)
        if turtle:
            self._turtle.write(turtle)

    def add(self, determination: dict, text: str | None = None) -> int:
        """Adds (or replaces) one letter; `text`, the letter as read, fills evidence sourceText exactly."""
        return self.add_serialized(str(determination["id"]), serialize_letter(determination, text))

    def add_serialized(self, letter_id: str, letter: SerializedLetter) -> int:
        """Adds (or replaces) one letter mapped by `serialize_letter` (usually in a worker process)."""
        if letter_id in self._loading_ids:
            self._wait()
        if letter_id not in self._pending and self.store.contains_named_graph(
                NamedNode(iris.letter_graph(letter_id))):
            self.remove(letter_id)
        self._pending[letter_id] = letter
        if self.batch_letters is not None and len(self._pending) >= self.batch_letters:
            self.write_batch()
        return letter.own_quads

    def write_batch(self) -> None:
        """Starts writing the pending letters in the background, once the batch before them is written:
        when this returns, every letter added before the previous call is in the store."""
        self._wait()
        if not self._pending:
            return
        new_concepts = []
        for letter in self._pending.values():
            for line in letter.concepts.splitlines(keepends=True):
                if line not in self._written_concepts:  # pyoxigraph writes one canonical line per quad
                    self._written_concepts.add(line)
                    new_concepts.append(line)
        # joined here so each letter's bytes are freed as soon as the batch is handed over
        nquads = b"".join([*(x.own for x in self._pending.values()), *new_concepts])
        turtle = b"".join(x.turtle for x in self._pending.values()) if self._turtle is not None else b""
        quads = sum(x.own_quads for x in self._pending.values())
        self._loading_ids = set(self._pending)
        self._pending.clear()
        self._loading = self._loader.submit(self._load, nquads, b"".join(new_concepts), turtle, quads)

    def _load(self, nquads: bytes, concepts: bytes, turtle: bytes, own_quads: int) -> None:
        """One `bulk_load` of N-Quads bytes per batch, letters and their new shared-concept quads
        together: parsed and loaded in Rust without the GIL (a Python iterator into `bulk_extend`
        fights the process pool's threads for the GIL and was measured 100x slower); one call because
        every call ingests files that overlap the whole store, which RocksDB then recompacts in the
        background: that work grows with the number of calls (bench/bench_store.py)."""
        # lenient: the bytes come from pyoxigraph's own serializer, valid by construction (~10% faster)
        self.store.bulk_load(nquads, format=RdfFormat.N_QUADS, lenient=True)
        if self._turtle is not None:
            self._quads += own_quads
            self._stream(list(parse(concepts, format=RdfFormat.N_QUADS)), turtle)

    def _wait(self) -> None:
        if self._loading is not None:
            loading, self._loading, self._loading_ids = self._loading, None, set()
            loading.result()

    def flush(self) -> None:
        """Makes every letter added so far durable in the store (the build commits after this)."""
        self.write_batch()
        self._wait()
        self.store.flush()

    def remove(self, letter_id: str) -> None:
        """Drops the letter's graph, then the concept descriptions no remaining letter supports."""
        self._pending.pop(letter_id, None)
        graph = NamedNode(iris.letter_graph(letter_id))
        if not self.store.contains_named_graph(graph):
            return
        self.flush()
        self._stop_streaming()
        referenced = {q.object for q in self.store.quads_for_pattern(None, None, None, graph)
                      if isinstance(q.object, NamedNode)}
        concepts = [c for c in referenced if next(self.store.quads_for_pattern(c, None, None, CONCEPTS), None)]
        self.store.remove_graph(graph)
        for concept in concepts:
            self._collect(concept)
        self._written_concepts.clear()  # some may be gone now; re-adding an existing quad is harmless

    def _collect(self, concept: NamedNode) -> None:
        described = list(self.store.quads_for_pattern(concept, None, None, CONCEPTS))
        if not any(q.graph_name not in (CONCEPTS, ONTOLOGY)
                   for q in self.store.quads_for_pattern(None, None, concept, None)):
            for quad in described:
                self.store.remove(quad)
            return
        # still used: keep only the alternative labels some remaining mention still spells
        labels = [q for q in described if q.predicate == ALT_LABEL]
        if not labels:
            return
        generic = next((q.object.value for q in described if q.predicate == PREF_LABEL), "")
        spelled = set()
        for mention in self.store.quads_for_pattern(None, MENTION_OF, concept, None):
            for text in self.store.quads_for_pattern(mention.subject, TEXT, None, mention.graph_name):
                spelled.add(brand_label(generic, text.object.value))
        for quad in labels:
            if quad.object.value not in spelled:
                self.store.remove(quad)

    def _stop_streaming(self) -> None:
        """A removal makes the streamed file wrong: graph.ttl will be written from the store instead."""
        if self._turtle is not None:
            self._turtle.close()
            Path(self._turtle.name).unlink()
            self._turtle = None

    def close(self) -> dict:
        """Flushes, finishes OUT/graph.ttl (the union graph) and returns counts; closing twice is harmless."""
        if self.store is None:
            return self._closed
        self.flush()
        self._loader.shutdown()
        self.store.optimize()
        letters = sum(1 for g in self.store.named_graphs() if g.value.startswith(iris.LETTER_GRAPH))
        # the named graphs never share a triple (see mapping.py), so quads == distinct union triples
        if self._turtle is not None:
            self._turtle.close()
            Path(self._turtle.name).replace(self.out_dir / "graph.ttl")
            self._turtle = None
            triples = self._quads
        else:
            with open(self.out_dir / "graph.ttl", "wb") as f:
                write_turtle(union_triples(self.store), f)
            triples = len(self.store)
        # release the store now: a read-only open of it (explorer, report) fails while this one lives
        self.store = None
        gc.collect()
        self._closed = {"triples": triples, "letters": letters}
        return self._closed


@dataclass(frozen=True)
class SerializedLetter:
    """One letter's RDF, made where the letter was extracted: its own named graph as N-Quads and as
    Turtle (for graph.ttl), and the shared-concept quads the writer deduplicates."""

    own: bytes
    own_quads: int
    turtle: bytes
    concepts: bytes


def serialize_letter(determination: dict, text: str | None = None) -> SerializedLetter:
    quads = triples_for(determination, text)
    own = list(dict.fromkeys(q for q in quads if q.graph_name != CONCEPTS))
    concepts = [q for q in quads if q.graph_name == CONCEPTS]
    return SerializedLetter(
        own=serialize(own, format=RdfFormat.N_QUADS),
        own_quads=len(own),
        turtle=write_turtle(own),
        concepts=serialize(concepts, format=RdfFormat.N_QUADS),
    )
