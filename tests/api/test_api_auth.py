"""Bearer-token authentication on the API, seen from a client: GET /api/v1/me."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from django.utils import timezone

from klankbord.api.constants import FAILED_ATTEMPTS_LIMIT, ApiScope
from klankbord.api.models import PersonalAccessToken
from klankbord.api.services import token_revoke

pytestmark = pytest.mark.django_db
ME = "/api/v1/me"


def test_a_valid_token_with_the_profile_scope_reads_its_owner(coordinator, make_token, api_get) -> None:
    _token, secret = make_token(coordinator)

    response = api_get(ME, secret)

    assert response.status_code == 200
    assert response.json() == {
        "id": coordinator.pk,
        "email": coordinator.email,
        "display_name": coordinator.display_name,
        "roles": [{"slug": "coordinator", "label": "Coördinator"}],
    }
    assert response["Cache-Control"] == "no-store"


def test_a_request_without_a_token_gets_401_with_a_dutch_message(api_get, db) -> None:
    response = api_get(ME)

    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert "Geen API-token meegestuurd" in response.json()["detail"]
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("header", ["Basic dXNlcjpwYXNz", "Bearer", "Bearer    ", "Token kbt_abc"])
def test_a_malformed_authorization_header_gets_401(api_get, db, header: str) -> None:
    response = api_get(ME, header=header)
    assert response.status_code == 401
    assert "Bearer <token>" in response.json()["detail"]


@pytest.mark.parametrize("secret", ["kbt_" + "A" * 43, "not-a-klankbord-token", "kbt_", "kbt_" + "x" * 500])
def test_an_unknown_token_gets_401(coordinator, make_token, api_get, secret: str) -> None:
    make_token(coordinator)
    response = api_get(ME, secret)
    assert response.status_code == 401
    assert response.json() == {"detail": "Dit API-token is ongeldig."}
    assert 'error="invalid_token"' in response["WWW-Authenticate"]


def test_a_token_that_shares_the_prefix_but_not_the_secret_is_refused(
    coordinator, make_token, api_get
) -> None:
    _token, secret = make_token(coordinator)
    forged = secret[:12] + ("A" if secret[12] != "A" else "B") + secret[13:]

    assert api_get(ME, forged).status_code == 401
    assert api_get(ME, secret).status_code == 200


def test_an_expired_token_gets_401(coordinator, make_token, api_get) -> None:
    _token, secret = make_token(coordinator, days=7)

    with time_machine.travel(timezone.now() + timedelta(days=7, seconds=1)):
        response = api_get(ME, secret)

    assert response.status_code == 401
    assert "verlopen" in response.json()["detail"]


def test_a_token_still_works_just_before_it_expires(coordinator, make_token, api_get) -> None:
    _token, secret = make_token(coordinator, days=7)
    with time_machine.travel(timezone.now() + timedelta(days=7, seconds=-5)):
        assert api_get(ME, secret).status_code == 200


def test_a_revoked_token_gets_401(coordinator, make_token, api_get) -> None:
    token, secret = make_token(coordinator)
    token_revoke(actor=coordinator, token=token)

    response = api_get(ME, secret)

    assert response.status_code == 401
    assert "ingetrokken" in response.json()["detail"]


def test_a_token_without_the_required_scope_gets_403(coordinator, make_token, api_get) -> None:
    _token, secret = make_token(coordinator, scopes=[ApiScope.REFERENCE_READ.value])

    response = api_get(ME, secret)

    assert response.status_code == 403
    assert response.json() == {"detail": "Dit API-token heeft niet de benodigde scope 'profile:read'."}
    assert 'error="insufficient_scope", scope="profile:read"' in response["WWW-Authenticate"]


def test_a_user_who_lost_the_api_permission_is_refused(counsellor, make_token, api_get) -> None:
    _token, secret = make_token(counsellor)
    counsellor.groups.clear()

    response = api_get(ME, secret)

    assert response.status_code == 403
    assert "geen toestemming" in response.json()["detail"]


def test_a_user_who_switched_off_mfa_is_refused(counsellor, make_token, api_get) -> None:
    _token, secret = make_token(counsellor)
    Authenticator.objects.filter(user=counsellor).delete()

    assert api_get(ME, secret).status_code == 403


def test_a_deactivated_user_is_refused(counsellor, make_token, api_get) -> None:
    _token, secret = make_token(counsellor)
    counsellor.is_active = False
    counsellor.save(update_fields=["is_active"])

    assert api_get(ME, secret).status_code == 401


def test_last_use_is_recorded_at_most_once_a_minute(coordinator, make_token, api_get) -> None:
    token, secret = make_token(coordinator)
    start = timezone.now()

    with time_machine.travel(start, tick=False):
        api_get(ME, secret)
    with time_machine.travel(start + timedelta(seconds=50), tick=False):
        api_get(ME, secret)
    assert PersonalAccessToken.objects.get(pk=token.pk).last_used_at == start

    with time_machine.travel(start + timedelta(seconds=61), tick=False):
        api_get(ME, secret)
    assert PersonalAccessToken.objects.get(pk=token.pk).last_used_at == start + timedelta(seconds=61)


def test_repeated_wrong_tokens_from_one_address_are_slowed_down_but_valid_tokens_still_work(
    coordinator, make_token, api_get
) -> None:
    _token, secret = make_token(coordinator)
    for _attempt in range(FAILED_ATTEMPTS_LIMIT):
        assert api_get(ME, "kbt_" + "A" * 43, ip="198.51.100.7").status_code == 401

    for wrong in ["kbt_" + "B" * 43, "not-even-a-token"]:
        blocked = api_get(ME, wrong, ip="198.51.100.7")
        assert blocked.status_code == 429
        assert "Te veel mislukte pogingen" in blocked.json()["detail"]
        assert int(blocked["Retry-After"]) > 0
    assert api_get(ME, secret, ip="198.51.100.7").status_code == 200  # a colleague behind the same address
    assert api_get(ME, secret, ip="203.0.113.9").status_code == 200


def test_expired_or_missing_scope_attempts_do_not_count_as_guesses(coordinator, make_token, api_get) -> None:
    _token, wrong_scope = make_token(coordinator, scopes=[ApiScope.REFERENCE_READ.value])
    _token, secret = make_token(coordinator, name="good")
    for _attempt in range(FAILED_ATTEMPTS_LIMIT + 1):
        assert api_get(ME, wrong_scope).status_code == 403
    assert api_get(ME, secret).status_code == 200


def test_a_successful_request_costs_a_bounded_number_of_queries(
    coordinator, make_token, api_get, django_assert_max_num_queries
) -> None:
    _token, secret = make_token(coordinator)
    api_get(ME, secret)  # records last use
    with django_assert_max_num_queries(6):
        assert api_get(ME, secret).status_code == 200
