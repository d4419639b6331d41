"""Fixtures for the signals tests: one deduce instance per test session, regions, signals in bulk."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from klankbord.geo.models import Region
from klankbord.signals.models import Signal


@pytest.fixture(scope="session")
def deduce_loaded() -> Any:
    """deduce loads once per process (module singleton) from the per-user cache that CI's first step and
    ``klankbord signals deid-warm`` build; only on a machine that has none does this build it (once)."""
    from klankbord.deidentify.engine import warm

    return warm()


@pytest.fixture
def regions(db: None) -> list[Region]:
    return list(Region.objects.filter(scheme__is_active=True).order_by("name"))


MakeSignals = Callable[..., list[Signal]]


@pytest.fixture
def make_signals(regions: list[Region]) -> MakeSignals:
    """Bulk-create ``n`` plain signals in ``region`` (default the first) and ``month``."""

    def make(n: int, *, month: date, region: Region | None = None, **fields: Any) -> list[Signal]:
        defaults = {
            "source": "filed",
            "category": "threat",
            "channel": "online",
            "perpetrator_type": "resident",
            "severity": "medium",
        }
        defaults.update(fields)
        return Signal.objects.bulk_create(
            Signal(month=month, region=region or regions[0], **defaults) for _ in range(n)
        )

    return make
