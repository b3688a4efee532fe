"""Answers kept in the server process: the same request on the same store gets the same bytes,
so repeated questions (the bundled queries, the explorer's calls) skip the workers entirely.

Kept: successful answers up to MAX_ENTRY bytes, least recently used dropped past `max_bytes`.
Everything is forgotten when the store's files change (looked at no more than once a second)."""

from __future__ import annotations

import json
import time
from collections import OrderedDict
from dataclasses import asdict
from pathlib import Path

from imrgraph.serve.pages import store_state
from imrgraph.serve.protocol import Reply

MAX_ENTRY = 1 << 20
STATE_CHECK_SECONDS = 1.0


class ReplyCache:
    def __init__(self, store: Path, max_bytes: int = 64 << 20):
        self.store, self.max_bytes = Path(store), max_bytes
        self._entries: OrderedDict[str, Reply] = OrderedDict()
        self._bytes = 0
        self._state = store_state(self.store)
        self._checked = time.monotonic()

    @staticmethod
    def key(job) -> str:
        return type(job).__name__ + json.dumps(asdict(job), sort_keys=True)

    def _current(self) -> None:
        now = time.monotonic()
        if now - self._checked >= STATE_CHECK_SECONDS:
            self._checked = now
            state = store_state(self.store)
            if state != self._state:
                self._state = state
                self._entries.clear()
                self._bytes = 0

    def get(self, key: str) -> Reply | None:
        self._current()
        reply = self._entries.get(key)
        if reply is not None:
            self._entries.move_to_end(key)
        return reply

    def put(self, key: str, reply: Reply) -> None:
        if reply.status != 200 or len(reply.body) > MAX_ENTRY or key in self._entries:
            return
        self._entries[key] = reply
        self._bytes += len(reply.body)
        while self._bytes > self.max_bytes:
            _, dropped = self._entries.popitem(last=False)
            self._bytes -= len(dropped.body)
