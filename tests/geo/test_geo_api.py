"""The geo router: municipalities and the regions of the active scheme, as JSON."""

from __future__ import annotations

from typing import Any

import pytest
from ninja.testing import TestClient

from klankbord.geo.api import router
from klankbord.geo.models import RegionScheme
from klankbord.geo.services import scheme_activate

pytestmark = pytest.mark.django_db


@pytest.fixture
def api() -> TestClient:
    return TestClient(router)


def test_municipalities_carry_province_region_and_centroid(
    api: TestClient, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(3):
        response = api.get("/municipalities")
    data = response.json()
    assert response.status_code == 200
    assert len(data) == 342
    amsterdam = next(item for item in data if item["code"] == "GM0363")
    assert amsterdam == {
        "code": "GM0363",
        "name": "Amsterdam",
        "province_code": "PV27",
        "province_name": "Noord-Holland",
        "region": {"code": "PV27", "name": "Noord-Holland"},
        "latitude": pytest.approx(52.36, abs=0.05),
        "longitude": pytest.approx(4.91, abs=0.05),
    }


def test_municipalities_follow_the_active_scheme(api: TestClient) -> None:
    scheme_activate(actor=None, scheme=RegionScheme.objects.get(slug="veiligheidsregios"))
    amsterdam = next(item for item in api.get("/municipalities").json() if item["code"] == "GM0363")
    assert amsterdam["region"]["name"] == "Amsterdam-Amstelland"


def test_regions_list_the_active_scheme_with_municipality_codes(
    api: TestClient, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(3):
        data = api.get("/regions").json()
    assert data["scheme"] == {"slug": "provincies", "name": "Provincies", "kind": "province"}
    assert len(data["regions"]) == 12
    codes = [code for region in data["regions"] for code in region["municipality_codes"]]
    assert len(codes) == len(set(codes)) == 342
    flevoland = next(region for region in data["regions"] if region["name"] == "Flevoland")
    assert len(flevoland["municipality_codes"]) == 6 and "GM0034" in flevoland["municipality_codes"]


def test_the_router_is_mounted_under_api_v1_geo_behind_token_auth(client: Any) -> None:
    # Without a token the real API refuses; the router itself carries no data-leaking default.
    response = client.get("/api/v1/geo/municipalities")
    assert response.status_code == 401


def test_a_token_with_the_reference_scope_reads_the_regions(client: Any, administrator: Any) -> None:
    from klankbord.api.constants import ApiScope
    from klankbord.api.services import token_create

    _token, secret = token_create(
        user=administrator, name="kaart", scopes=[ApiScope.REFERENCE_READ.value], expires_in_days=1
    )
    response = client.get("/api/v1/geo/regions", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200
    assert len(response.json()["regions"]) == 12
