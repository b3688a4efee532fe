"""Fixtures shared by several test modules."""

import pytest
from cli_support import imrgraph
from export_support import build_store

from imrgraph.graph.store import GraphStore


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """A store built from export_support.LETTERS, once per module (modules may define their own)."""
    return build_store(tmp_path_factory.mktemp("built"))


@pytest.fixture(scope="module")
def source(store):
    return GraphStore(store)


@pytest.fixture(scope="session")
def examples_out(tmp_path_factory):
    """OUT of `imrgraph build -o OUT` over the bundled example letters, built once per test run."""
    out = tmp_path_factory.mktemp("examples") / "out"
    result = imrgraph("build", "-o", str(out), "--workers", "1")
    assert result.returncode == 0, result.stderr
    return out
