"""Routers of other apps are mounted under /api/v1/ behind the same tokens, with their default scope."""

from __future__ import annotations

import pytest

from klankbord.api.constants import ApiScope

pytestmark = pytest.mark.django_db
REGIONS = "/api/v1/geo/regions"


def test_reference_data_needs_a_token(api_get) -> None:
    assert api_get(REGIONS).status_code == 401


def test_reference_data_needs_the_reference_scope(coordinator, make_token, api_get) -> None:
    _token, secret = make_token(coordinator, scopes=[ApiScope.PROFILE_READ.value])
    response = api_get(REGIONS, secret)
    assert response.status_code == 403
    assert "reference:read" in response.json()["detail"]


def test_a_token_with_the_reference_scope_reads_the_regions(coordinator, make_token, api_get) -> None:
    _token, secret = make_token(coordinator, scopes=[ApiScope.REFERENCE_READ.value])
    response = api_get(REGIONS, secret)
    assert response.status_code == 200
    assert "regions" in response.json()
