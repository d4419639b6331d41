"""The signals aggregates are reachable through the API only with the signals scope and permission."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from klankbord.api.constants import ApiScope

pytestmark = pytest.mark.django_db
AGGREGATES = "/api/v1/signals/aggregates/category"


def test_signal_aggregates_need_the_signals_scope(coordinator, make_token, api_get) -> None:  # type: ignore[no-untyped-def]
    _token, secret = make_token(coordinator, scopes=[ApiScope.REFERENCE_READ.value])
    assert api_get(AGGREGATES, secret).status_code == 403


def test_a_coordinator_reads_suppressed_aggregates_with_the_signals_scope(
    coordinator, make_token, api_get
) -> None:  # type: ignore[no-untyped-def]
    _token, secret = make_token(coordinator, scopes=[ApiScope.SIGNALS_READ.value])
    response = api_get(AGGREGATES, secret)
    assert response.status_code == 200
    body = response.json()
    assert body["dimension"] == "category" and body["k"] >= 2
    assert all(
        value is None or value == 0 or value >= body["k"] for row in body["rows"] for value in row["values"]
    )


def test_a_counsellor_cannot_get_a_token_for_signals(counsellor, make_token) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as raised:
        make_token(counsellor, scopes=[ApiScope.SIGNALS_READ.value])
    assert "scopes" in raised.value.message_dict


def test_the_openapi_document_lists_the_signals_endpoints(client) -> None:  # type: ignore[no-untyped-def]
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/signals/aggregates/{dimension}" in paths
