"""Worlds of scale data (``klankbord scale-data``) for tests that compare behaviour as the data grows.

``scale_world(scale)`` generates the data inside a savepoint and rolls it back afterwards, so that one test can
look at several sizes of the same world one after the other. The demo personas log in with their TOTP secret.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse

from klankbord.accounts.constants import RoleSlug
from klankbord.accounts.demo import DEMO_PEOPLE
from klankbord.core.demo import DEMO_DOMAIN, DEMO_PASSWORD, demo_totp_secret
from tests.factories.accounts import totp_code


class _RollbackError(Exception):
    """Ends the savepoint of a world."""


@contextmanager
def scale_world(scale: float, *, seed: int = 11) -> Iterator[None]:
    try:
        with transaction.atomic():
            call_command("scale_data", scale=scale, seed=seed, stdout=io.StringIO(), stderr=io.StringIO())
            yield
            raise _RollbackError
    except _RollbackError:
        cache.clear()  # used TOTP codes and throttles belong to the world that is gone


def scale_world_grow(scale: float, *, seed: int = 12) -> None:
    """Add ``scale`` years more of the same kinds of data to the current world."""
    call_command(
        "scale_data", scale=scale, seed=seed, append=True, stdout=io.StringIO(), stderr=io.StringIO()
    )


def persona_email(role: RoleSlug) -> str:
    return f"{DEMO_PEOPLE[role][0]}@{DEMO_DOMAIN}"


def persona_client(role: RoleSlug) -> Client:
    """A client logged in as the demo persona of ``role`` (password, then the TOTP code)."""
    client, email = Client(), persona_email(role)
    response = client.post(reverse("account_login"), {"login": email, "password": DEMO_PASSWORD})
    if response.status_code == 302 and response["Location"].startswith(reverse("mfa_authenticate")):
        response = client.post(reverse("mfa_authenticate"), {"code": totp_code(demo_totp_secret(email))})
    assert response.status_code == 302, f"{role}: login answered {response.status_code}"
    return client
