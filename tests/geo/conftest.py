"""Fixtures for the geo tests. The data migration has loaded the reference data into the test database."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from klankbord.geo.models import Municipality, RegionScheme
from klankbord.geo.selectors import municipality_choices_clear
from klankbord.geo.services import scheme_create_custom


@pytest.fixture(autouse=True)
def _fresh_choice_cache() -> None:
    # Primary keys differ between test databases (e.g. xdist workers); never reuse another test's cache.
    municipality_choices_clear()


@pytest.fixture
def municipality(db: None) -> Callable[[str], Municipality]:
    def get(name: str) -> Municipality:
        return Municipality.objects.get(name=name)

    return get


@pytest.fixture
def provinces(db: None) -> RegionScheme:
    return RegionScheme.objects.get(slug="provincies")


@pytest.fixture
def custom_scheme(provinces: RegionScheme) -> RegionScheme:
    return scheme_create_custom(actor=None, name="Netwerkregio's", copy_from=provinces)
