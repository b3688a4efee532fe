"""The HTML pages the server sends: the query page (rendered from templates/query.html with
Jinja2) and the explorer (the page imrgraph.viz draws), each with a Content-Security-Policy that
lets run exactly the inline scripts the page was written with (by their hashes) and nothing else.

The explorer is not drawn at every start: the build's OUT/graph.html is served as it is when it
is newer than the store; otherwise it is drawn once, in a separate process so the server keeps
answering, the first time it is asked for, and kept for as long as the store does not change.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_SCRIPT_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}
HTML = "text/html; charset=utf-8"


@dataclass(frozen=True)
class Page:
    body: bytes
    csp: str


def csp_for(html: str) -> str:
    """A strict policy for `html`: its own inline scripts by hash, no other script, no framing."""
    hashes = []
    for match in _INLINE_SCRIPT.finditer(html):
        attrs = match.group("attrs")
        kind = _SCRIPT_TYPE.search(attrs)
        if re.search(r"\bsrc\s*=", attrs, re.IGNORECASE) or (kind and kind.group(1).lower() not in _EXECUTABLE_TYPES):
            continue
        digest = base64.b64encode(hashlib.sha256(match.group("body").encode("utf-8")).digest()).decode()
        hashes.append(f"'sha256-{digest}'")
    scripts = " ".join(dict.fromkeys(hashes)) or "'none'"
    return (f"default-src 'none'; script-src {scripts}; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; "
            "form-action 'self'; frame-ancestors 'none'")


def page(html: str) -> Page:
    return Page(html.encode("utf-8"), csp_for(html))


def query_page() -> Page:
    """The query page with the bundled queries one click away."""
    from jinja2 import Environment, FileSystemLoader

    from imrgraph import queries as bundled
    from imrgraph.graph.iris import PREFIXES

    queries = [{"name": q.name, "description": q.description, "text": q.text} for q in bundled.bundled().values()]
    templates = Path(__file__).resolve().parents[1] / "templates"
    environment = Environment(loader=FileSystemLoader(templates), autoescape=True)
    return page(environment.get_template("query.html").render(queries=queries, prefixes=PREFIXES))


WAIT_PAGE = page("""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="3">
<title>imrgraph explorer</title></head>
<body><p>The explorer is being drawn from the store; this page reloads itself in a few seconds.</p>
<p><a href="/query">The query page</a> is ready now.</p></body></html>
""")


def render_explorer(store: str) -> str:
    """The explorer page of the store as served: it asks /api/explore/ for letters (run in a
    separate process)."""
    from imrgraph import api
    from imrgraph.viz import live

    return live.page(api.open_store(store))


def store_state(store: Path) -> tuple:
    """Changes whenever the store's files do (names, sizes, modification times)."""
    return tuple(sorted((p.name, s.st_size, s.st_mtime_ns) for p in store.iterdir() if p.is_file()
                        for s in (p.stat(),)))


class Explorer:
    """The explorer page for one store: OUT/graph.html when fresh, else drawn once per store state."""

    def __init__(self, store: Path):
        self.store = Path(store)
        self._pages: dict[tuple, Page] = {}
        self._drawing: dict[tuple, asyncio.Task] = {}
        self.failure: str | None = None

    def _written_by_build(self, state: tuple) -> Page | None:
        written = self.store.parent / "graph.html"
        newest = max((mtime for _, _, mtime in state), default=0)
        try:
            if written.stat().st_mtime_ns >= newest:
                return page(written.read_text(encoding="utf-8"))
        except OSError:
            pass
        return None

    async def get(self) -> Page | None:
        """The page, or None while it is being drawn (drawing starts on the first call)."""
        state = await asyncio.to_thread(store_state, self.store)
        if state in self._pages:
            return self._pages[state]
        built = await asyncio.to_thread(self._written_by_build, state)
        if built is not None:
            self._pages = {state: built}
            return built
        if state not in self._drawing:
            self.failure = None
            self._drawing = {state: asyncio.get_running_loop().create_task(self._draw(state))}
        return None

    async def _draw(self, state: tuple) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as executor:
            try:
                html = await asyncio.get_running_loop().run_in_executor(executor, render_explorer, str(self.store))
            except Exception as e:  # shown instead of the page; asking again draws again
                self.failure = " ".join(f"{type(e).__name__}: {e}".split())
                self._drawing.pop(state, None)
                return
        self._pages = {state: page(html)}
        self._drawing.pop(state, None)
