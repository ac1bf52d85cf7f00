"""pytest configuration: the suite runs against the package meson built (PYTHONPATH)."""

import os
import pathlib

import pytest


@pytest.fixture
def source_root() -> pathlib.Path:
    """The project's source tree (for data files and examples)."""
    return pathlib.Path(os.environ.get("SVCR_SOURCE_ROOT", pathlib.Path(__file__).resolve().parents[2]))
