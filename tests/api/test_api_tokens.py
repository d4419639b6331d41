"""Personal access tokens: creation, storage, revocation and who may have them (services)."""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from klankbord.accounts.constants import RoleSlug
from klankbord.api.constants import TOKEN_MAX_ACTIVE_PER_USER, ApiScope
from klankbord.api.models import PersonalAccessToken, TokenStatus
from klankbord.api.services import token_create, token_revoke
from klankbord.audit.models import AuditEntry
from tests.factories.core import raises_domain_error

pytestmark = pytest.mark.django_db


def _create(user, **overrides):
    arguments = {"name": "rapportage", "scopes": [ApiScope.PROFILE_READ.value], "expires_in_days": 90}
    return token_create(user=user, **{**arguments, **overrides})


def test_a_new_token_secret_is_returned_once_and_only_its_hash_is_stored(coordinator) -> None:
    token, secret = _create(coordinator)

    assert secret.startswith("kbt_") and len(secret) >= 4 + 43
    stored = PersonalAccessToken.objects.filter(pk=token.pk).values().get()
    assert stored["token_hash"] == hashlib.sha256(secret.encode()).hexdigest()
    assert stored["prefix"] == secret[4:12]
    assert not any(secret in str(value) for value in stored.values())
    assert not hasattr(token, "secret")


def test_every_token_gets_a_different_secret(coordinator) -> None:
    secrets = {_create(coordinator, name=f"t{n}")[1] for n in range(5)}
    assert len(secrets) == 5


def test_creating_a_token_is_audited_without_the_secret(coordinator) -> None:
    token, secret = _create(coordinator)

    entry = AuditEntry.objects.get(action="api.token.created")
    assert entry.actor_id == coordinator.pk and entry.object_id == str(token.pk)
    assert entry.data["scopes"] == ["profile:read"]
    assert secret not in json.dumps(entry.data) and secret[4:] not in json.dumps(entry.data)


@time_machine.travel("2026-03-01 10:00 +01:00", tick=False)
@pytest.mark.parametrize("days", [1, 90, 365])
def test_a_token_expires_after_the_chosen_number_of_days(coordinator, days: int) -> None:
    token, _secret = _create(coordinator, expires_in_days=days)
    assert token.expires_at == timezone.now() + timedelta(days=days)


@pytest.mark.parametrize("days", [0, -1, 366, 10_000])
def test_a_token_cannot_live_longer_than_a_year_or_less_than_a_day(coordinator, days: int) -> None:
    with pytest.raises(ValidationError) as raised:
        _create(coordinator, expires_in_days=days)
    assert "expires_in_days" in raised.value.message_dict
    assert not PersonalAccessToken.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"name": "   "}, "name"),
        ({"name": "x" * 101}, "name"),
        ({"scopes": []}, "scopes"),
        ({"scopes": ["cases:write"]}, "scopes"),
    ],
)
def test_bad_token_input_is_refused_with_a_dutch_message(coordinator, overrides, field) -> None:
    with pytest.raises(ValidationError) as raised:
        _create(coordinator, **overrides)
    assert field in raised.value.message_dict
    assert not PersonalAccessToken.objects.exists()


@pytest.mark.parametrize("persona", ["coordinator", "counsellor", "administrator"])
def test_staff_with_the_api_permission_and_mfa_can_create_tokens(persona: str, request) -> None:
    user = request.getfixturevalue(persona)
    token, _secret = _create(user)
    assert token.user == user


@pytest.mark.parametrize("persona", ["council_member", "ambassador", "selection_member", "outsider"])
def test_users_without_the_api_permission_cannot_create_tokens(persona: str, request) -> None:
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        _create(user)
    assert not PersonalAccessToken.objects.exists()


def test_a_counsellor_without_mfa_cannot_create_tokens(make_user) -> None:
    counsellor = make_user(RoleSlug.COUNSELLOR, mfa=False)
    with pytest.raises(PermissionDenied):
        _create(counsellor)


def test_the_number_of_active_tokens_per_user_is_limited(coordinator) -> None:
    for n in range(TOKEN_MAX_ACTIVE_PER_USER):
        _create(coordinator, name=f"t{n}")
    with raises_domain_error("too_many_tokens"):
        _create(coordinator, name="one too many")
    token_revoke(actor=coordinator, token=PersonalAccessToken.objects.first())
    assert _create(coordinator, name="after revoking one")[0].pk


def test_revoking_a_token_is_audited_once_even_when_repeated(coordinator) -> None:
    token, _secret = _create(coordinator)

    token_revoke(actor=coordinator, token=token)
    token_revoke(actor=coordinator, token=token)

    token.refresh_from_db()
    assert token.status == TokenStatus.REVOKED
    assert AuditEntry.objects.filter(action="api.token.revoked", object_id=str(token.pk)).count() == 1


def test_a_user_cannot_revoke_a_token_of_someone_else(coordinator, counsellor) -> None:
    token, _secret = _create(counsellor)
    with pytest.raises(PermissionDenied):
        token_revoke(actor=coordinator, token=token)
    token.refresh_from_db()
    assert token.revoked_at is None


def test_a_user_manager_can_revoke_a_token_of_someone_else(administrator, counsellor) -> None:
    token, _secret = _create(counsellor)
    token_revoke(actor=administrator, token=token)
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AuditEntry.objects.get(action="api.token.revoked").data["owner_id"] == counsellor.pk
