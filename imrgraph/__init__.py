"""imrgraph: California workers' compensation IMR determination letters -> knowledge graph."""

__version__ = "0.1.0"
