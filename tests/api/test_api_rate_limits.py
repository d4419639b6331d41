"""Per-token rate limits, JSON for every error status, and every error answer in the OpenAPI document."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client

pytestmark = pytest.mark.django_db

ME = "/api/v1/me"
START = datetime(2026, 12, 1, 9, 0, 15, tzinfo=UTC)  # 15 seconds into a minute


def test_a_token_past_its_limit_gets_429_json_with_retry_after_until_the_next_window(
    settings: Any, coordinator: Any, make_token: Any, api_get: Any
) -> None:
    settings.KLANKBORD_API_RATE_LIMIT, settings.KLANKBORD_API_RATE_WINDOW_SECONDS = 3, 60
    _token, busy = make_token(coordinator)
    _token, other = make_token(coordinator, name="other")
    with time_machine.travel(START, tick=False):
        assert [api_get(ME, busy).status_code for _ in range(3)] == [200, 200, 200]
        refused = api_get(ME, busy)
        assert refused.status_code == 429
        assert refused["Content-Type"].startswith("application/json")
        assert "Te veel verzoeken met dit API-token" in refused.json()["detail"]
        assert refused["Retry-After"] == "45"
        assert api_get(ME, other).status_code == 200  # another token of the same user and address
    with time_machine.travel(START + timedelta(seconds=45), tick=False):
        assert api_get(ME, busy).status_code == 200


def test_refused_requests_of_a_valid_token_are_not_counted_as_bad_tokens(
    settings: Any, coordinator: Any, make_token: Any, api_get: Any
) -> None:
    settings.KLANKBORD_API_RATE_LIMIT = 1
    _token, secret = make_token(coordinator)
    with time_machine.travel(START, tick=False):
        for _ in range(30):
            api_get(ME, secret)
        _token, fresh = make_token(coordinator, name="fresh")
        assert api_get(ME, fresh).status_code == 200


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [("get", "/api/v1/bestaat-niet", 404), ("post", ME, 405), ("delete", "/api/v1/geo/regions", 405)],
)
def test_every_error_status_is_json(method: str, path: str, status: int) -> None:
    response = getattr(Client(), method)(path)
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert json.loads(response.content)["detail"]
    assert response["Cache-Control"].startswith("no-store")
    if status == 405:
        assert "GET" in response["Allow"]


def test_every_operation_documents_its_error_answers() -> None:
    document = json.loads(Client().get("/api/v1/openapi.json").content)
    for path, item in document["paths"].items():
        for method, operation in item.items():
            answers = operation["responses"]
            assert {"401", "403", "404", "429"} <= set(answers), (method, path)
            assert "Retry-After" in answers["429"]["headers"]
            detail = answers["401"]["content"]["application/json"]["schema"]
            assert detail.get("$ref") or detail["properties"]["detail"]["type"] == "string"
            if operation.get("parameters"):
                assert "422" in answers, (method, path)
