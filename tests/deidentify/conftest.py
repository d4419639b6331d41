"""Fixtures for the de-identification tests: the process's one deduce instance, loaded once."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(scope="session")
def deduce_loaded() -> Any:
    """deduce loads once per process (module singleton, ~10 s warm); this fixture only makes the cost explicit."""
    from klankbord.deidentify.engine import get_deduce

    return get_deduce()
