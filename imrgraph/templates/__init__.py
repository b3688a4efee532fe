"""HTML templates of the query page and the report, filled by `fill`."""

from __future__ import annotations

import re
from pathlib import Path

_SLOT = re.compile(r"__([A-Z]+)__")


def fill(name: str, **values: str) -> str:
    """The template `name` with each __SLOT__ replaced by values["slot"], in one pass, so text put
    into one slot is never searched for another slot's marker."""
    template = (Path(__file__).parent / name).read_text(encoding="utf-8")
    return _SLOT.sub(lambda m: values[m.group(1).lower()] if m.group(1).lower() in values else m.group(0), template)
