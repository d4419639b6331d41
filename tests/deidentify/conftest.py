"""Fixtures for the de-identification tests: the process's one deduce instance, loaded once."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(scope="session")
def deduce_loaded() -> Any:
    """deduce loads once per process (module singleton, ~10 s warm) from the per-user cache; only on a machine
    that has none does this build it (once)."""
    from klankbord.deidentify.engine import warm

    return warm()
