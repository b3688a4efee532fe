"""Tables derived from the ontology and the reference packages, kept between runs.

Deriving the drug vocabulary from its package's dictionary and our supplement takes seconds; every
`imrgraph` start needs it. `derived` computes such a table once and keeps it as a pickle in the user's
cache folder (`$IMRGRAPH_CACHE`, else `$XDG_CACHE_HOME/imrgraph`, else `~/.cache/imrgraph`), under a key
that changes with anything it is made from: the ontology files, the reference packages' versions, the
source of the code that derives it and the Python version. A folder that cannot be written costs only
the time: the table is then computed each run.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import TypeVar

from imrgraph import __version__, vocab

T = TypeVar("T")


def folder() -> Path:
    given = os.environ.get("IMRGRAPH_CACHE")
    if given:
        return Path(given)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "imrgraph"


def derived(name: str, compute: Callable[[], T], *, code: list[str], packages: tuple[str, ...] = ()) -> T:
    """`compute()`, or its result kept from an earlier run with the same inputs. `code`: the source files
    (paths) whose logic derives it; `packages`: the distributions whose data it reads."""
    digest = hashlib.sha256(f"{__version__}\0{sys.version}\0{vocab.fingerprint()}".encode())
    for package in packages:
        digest.update(f"\0{package} {version(package)}".encode())
    for source in code:
        digest.update(b"\0" + Path(source).read_bytes())
    path = folder() / f"{name}-{digest.hexdigest()[:24]}.pickle"
    try:
        with open(path, "rb") as f:
            return pickle.load(f)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ValueError):
        pass  # not made yet, or unreadable: made again below
    value = compute()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{name}-", delete=False) as tmp:
            pickle.dump(value, tmp, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp.name, path)  # whole or not at all, even with two processes at once
    except OSError:
        pass
    return value
