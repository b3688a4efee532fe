"""Answers kept in the server process: the same request on the same store gets the same bytes,
so repeated questions (the bundled queries, the explorer's calls) skip the workers entirely.

Kept: successful answers up to MAX_ENTRY bytes, least recently used dropped past `max_bytes`.
Everything is forgotten when the store moves to another generation (see `WorkerPool.generation`), and
an answer is kept only for the generation it was asked in."""

from __future__ import annotations

import json
from collections import OrderedDict
from dataclasses import asdict

from imrgraph.serve.protocol import Reply

MAX_ENTRY = 1 << 20


class ReplyCache:
    def __init__(self, max_bytes: int = 64 << 20):
        self.max_bytes = max_bytes
        self._entries: OrderedDict[str, Reply] = OrderedDict()
        self._bytes = 0
        self._generation = 0

    @staticmethod
    def key(job) -> str:
        return type(job).__name__ + json.dumps(asdict(job), sort_keys=True)

    def _current(self, generation: int) -> bool:
        """Forgets everything when the store has moved on; False for an answer from an older generation."""
        if generation > self._generation:
            self._generation = generation
            self._entries.clear()
            self._bytes = 0
        return generation == self._generation

    def get(self, key: str, generation: int) -> Reply | None:
        self._current(generation)
        reply = self._entries.get(key)
        if reply is not None:
            self._entries.move_to_end(key)
        return reply

    def put(self, key: str, reply: Reply, generation: int) -> None:
        if not self._current(generation) or reply.status != 200 or len(reply.body) > MAX_ENTRY or key in self._entries:
            return
        self._entries[key] = reply
        self._bytes += len(reply.body)
        while self._bytes > self.max_bytes:
            _, dropped = self._entries.popitem(last=False)
            self._bytes -= len(dropped.body)
