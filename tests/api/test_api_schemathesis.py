"""The API against its own OpenAPI document: schemathesis, every check, in-process through the WSGI application.

Every answer (errors included) must be documented, conform to its schema and be JSON; no server error; methods
an endpoint lacks get 405; a request without the token gets 401. Bounded: a few dozen examples per operation.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.serializers.json import DjangoJSONEncoder
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import CHECKS, load_all_checks

from klankbord.accounts.constants import RoleSlug
from klankbord.api import auth
from klankbord.api.api import api
from klankbord.api.constants import ApiScope
from klankbord.api.services import token_create
from klankbord.wsgi import application

pytestmark = pytest.mark.django_db

load_all_checks()
ALL_CHECKS = CHECKS.get_all()


def _document() -> dict[str, Any]:
    """The document exactly as /api/v1/openapi.json serves it, built in-process (collection has no database)."""
    return json.loads(json.dumps(api.get_openapi_schema(), cls=DjangoJSONEncoder))


@pytest.fixture
def _connection_kept() -> Iterator[None]:
    """Like Django's test client: the WSGI handler must not close the test's database connection after a request."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def bearer(
    _connection_kept: None, make_user: Any, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> dict[str, str]:
    # The limits themselves are tested in test_api_rate_limits.py; here every invalid token must get its 401.
    settings.KLANKBORD_API_RATE_LIMIT = 10_000
    monkeypatch.setattr(auth, "FAILED_ATTEMPTS_LIMIT", 10_000)
    user = make_user(RoleSlug.COORDINATOR)
    _token, secret = token_create(
        user=user, name="schemathesis", scopes=list(ApiScope.values), expires_in_days=7
    )
    return {"Authorization": f"Bearer {secret}"}


schema = schemathesis.openapi.from_dict(_document())
schema.app = application  # requests go through the WSGI application in-process, middleware included


@schema.parametrize()
@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_keeps_to_its_openapi_document(case: Any, bearer: dict[str, str]) -> None:
    case.call_and_validate(headers=bearer, checks=ALL_CHECKS)
