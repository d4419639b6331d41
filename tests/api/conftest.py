"""Fixtures for the API tests: tokens created through the service, and a client that sends them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from klankbord.api.constants import ApiScope
from klankbord.api.models import PersonalAccessToken
from klankbord.api.services import token_create

MakeToken = Callable[..., tuple[PersonalAccessToken, str]]


@pytest.fixture
def make_token() -> MakeToken:
    def make(
        user: Any, *, scopes: list[str] | None = None, days: int = 90, name: str = "script"
    ) -> tuple[PersonalAccessToken, str]:
        return token_create(
            user=user, name=name, scopes=scopes or [ApiScope.PROFILE_READ.value], expires_in_days=days
        )

    return make


@pytest.fixture
def api_get() -> Callable[..., Any]:
    """GET an API path, optionally with a bearer token and from a given client IP."""

    def get(
        path: str, secret: str | None = None, *, ip: str = "192.0.2.10", header: str | None = None
    ) -> Any:
        extra = {"REMOTE_ADDR": ip}
        if header is not None:
            extra["HTTP_AUTHORIZATION"] = header
        elif secret is not None:
            extra["HTTP_AUTHORIZATION"] = f"Bearer {secret}"
        return Client().get(path, **extra)

    return get
