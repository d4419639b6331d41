"""The admin shows reference data and schemes but never edits them (that would bypass the invariant)."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from klankbord.geo.models import Municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(make_user: Any) -> Client:
    user = make_user(None, is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(user)
    return client


def _url(model: str, suffix: str = "") -> str:
    return f"/{settings.ADMIN_URL_PATH}/geo/{model}/{suffix}"


@pytest.mark.parametrize("model", ["municipality", "regionscheme", "region", "regionmembership"])
def test_the_admin_lists_geo_data_read_only(superuser_client: Client, model: str) -> None:
    response = superuser_client.get(_url(model))
    assert response.status_code == 200
    assert superuser_client.get(_url(model, "add/")).status_code == 403


def test_a_municipality_opens_read_only_with_its_neighbours(superuser_client: Client) -> None:
    amsterdam = Municipality.objects.get(code="GM0363")
    response = superuser_client.get(_url("municipality", f"{amsterdam.pk}/change/"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Amstelveen" in body
    assert (
        superuser_client.post(_url("municipality", f"{amsterdam.pk}/change/"), {"name": "X"}).status_code
        == 403
    )
    assert Municipality.objects.get(pk=amsterdam.pk).name == "Amsterdam"
