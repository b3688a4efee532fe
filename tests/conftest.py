"""Fixtures shared by several test modules."""

import pytest
from export_support import build_store

from imrgraph.export.source import open_source


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """A store built from export_support.LETTERS, once per module (modules may define their own)."""
    return build_store(tmp_path_factory.mktemp("built"))


@pytest.fixture(scope="module")
def source(store):
    return open_source(store)
