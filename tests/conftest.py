"""Shared fixtures: personas for every role, with or without MFA, and fast hashing."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Group
from django.test import Client

from klankbord.accounts.constants import RoleSlug
from klankbord.accounts.models import User
from tests.write_guard import guard_writes


@pytest.fixture(autouse=True, scope="session")
def _writes_stay_in_their_app() -> Iterator[None]:
    """Fail any test in which one app writes another app's models (tests/write_guard.py)."""
    with guard_writes():
        yield


@pytest.fixture(autouse=True)
def _fast_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    from django.core.cache import cache

    cache.clear()


MakeUser = Callable[..., User]


@pytest.fixture
def make_user(db: None) -> MakeUser:
    counter = {"n": 0}

    def make(
        role: RoleSlug | None = None, *, mfa: bool = True, email: str | None = None, **extra: Any
    ) -> User:
        counter["n"] += 1
        slug = role.value if role else "outsider"
        user = User.objects.create_user(
            email or f"{slug}{counter['n']}@example.test",
            "correct horse battery staple",
            display_name=extra.pop("display_name", f"Test {slug} {counter['n']}"),
            **extra,
        )
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        if role is not None:
            user.groups.add(Group.objects.get(role__slug=role.value))
        if mfa:
            user.totp_secret = generate_totp_secret()  # type: ignore[attr-defined]
            TOTP.activate(user, user.totp_secret)  # type: ignore[attr-defined]
            RecoveryCodes.activate(user)
        return user

    return make


@pytest.fixture
def council_member(make_user: MakeUser) -> User:
    return make_user(RoleSlug.COUNCIL_MEMBER, mfa=False)


@pytest.fixture
def counsellor(make_user: MakeUser) -> User:
    return make_user(RoleSlug.COUNSELLOR)


@pytest.fixture
def ambassador(make_user: MakeUser) -> User:
    return make_user(RoleSlug.AMBASSADOR)


@pytest.fixture
def coordinator(make_user: MakeUser) -> User:
    return make_user(RoleSlug.COORDINATOR)


@pytest.fixture
def selection_member(make_user: MakeUser) -> User:
    return make_user(RoleSlug.SELECTION_COMMITTEE)


@pytest.fixture
def administrator(make_user: MakeUser) -> User:
    return make_user(RoleSlug.ADMINISTRATOR, is_staff=True)


@pytest.fixture
def outsider(make_user: MakeUser) -> User:
    return make_user(None, mfa=False)


@pytest.fixture
def client_for() -> Callable[[User | None], Client]:
    """A test client logged in as ``user`` (or anonymous for ``None``)."""

    def make(user: User | None) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make
