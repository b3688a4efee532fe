"""imrgraph: California workers' compensation IMR determination letters -> knowledge graph."""

from pathlib import Path

__version__ = "0.1.0"  # the package version (pyproject.toml reads it from here)

DEFAULT_OUT = Path("out")  # where `build` writes unless told otherwise
DEFAULT_STORE = DEFAULT_OUT / "store"  # the built store every other command reads unless told otherwise
