"""Fixtures of the hostile-input suite; the harness itself is :mod:`hostile.harness`."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def hostile_root(tmp_path_factory) -> Path:
    """One tmp folder per test session; each module's cases live in a subfolder of it."""
    return tmp_path_factory.mktemp("hostile")
