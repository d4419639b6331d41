"""Login throttling and lockout (per account and per IP), and logout after inactivity."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from klankbord.accounts.constants import RoleSlug
from klankbord.accounts.models import User
from tests.factories.accounts import (
    PASSWORD,
    csp_problems,
    login_through_allauth,
    post_login,
    user_totp_code,
)

LOCKED = "Te veel mislukte inlogpogingen."
ATTEMPTS = 5  # settings.ACCOUNT_RATE_LIMITS["login_failed"] = "5/15m/ip,5/15m/key"


def ip(address: str) -> dict[str, str]:
    return {"REMOTE_ADDR": address}


def logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_the_lockout_policy_is_five_failures_per_account_and_per_ip() -> None:
    assert settings.ACCOUNT_RATE_LIMITS["login_failed"] == "5/15m/ip,5/15m/key"


def test_after_five_failures_the_right_password_is_refused_with_a_dutch_message(council_member: User) -> None:
    client = Client()
    for _attempt in range(ATTEMPTS):
        response = post_login(client, council_member.email, "wrong password", **ip("10.0.0.1"))
        assert "Het e-mailadres of het wachtwoord klopt niet." in response.content.decode()
    response = post_login(client, council_member.email, PASSWORD, **ip("10.0.0.1"))
    assert response.status_code == 200
    assert LOCKED in response.content.decode()
    assert not logged_in(client)


def test_the_account_lockout_holds_from_every_ip_address(council_member: User, make_user) -> None:  # type: ignore[no-untyped-def]
    for number in range(ATTEMPTS):
        post_login(Client(), council_member.email, "wrong password", **ip(f"10.0.1.{number}"))
    fresh = Client()
    response = post_login(fresh, council_member.email, PASSWORD, **ip("10.0.2.1"))
    assert LOCKED in response.content.decode()
    assert not logged_in(fresh)
    other = make_user(RoleSlug.COUNCIL_MEMBER, mfa=False)  # another account is not affected
    post_login(fresh, other.email, PASSWORD, **ip("10.0.2.1"))
    assert logged_in(fresh)


def test_the_ip_lockout_holds_for_every_account(make_user) -> None:  # type: ignore[no-untyped-def]
    people = [make_user(RoleSlug.COUNCIL_MEMBER, mfa=False) for _number in range(ATTEMPTS + 1)]
    for person in people[:ATTEMPTS]:  # one failure each: no account reaches its own limit
        post_login(Client(), person.email, "wrong password", **ip("10.0.3.1"))
    same_ip = Client()
    response = post_login(same_ip, people[-1].email, PASSWORD, **ip("10.0.3.1"))
    assert LOCKED in response.content.decode()
    assert not logged_in(same_ip)
    other_ip = Client()
    post_login(other_ip, people[-1].email, PASSWORD, **ip("10.0.3.2"))
    assert logged_in(other_ip)


def test_the_lockout_ends_after_fifteen_minutes(council_member: User) -> None:
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        for _attempt in range(ATTEMPTS):
            post_login(Client(), council_member.email, "wrong password", **ip("10.0.4.1"))
        assert (
            LOCKED in post_login(Client(), council_member.email, PASSWORD, **ip("10.0.4.1")).content.decode()
        )
        traveller.shift(timedelta(minutes=16))
        client = Client()
        post_login(client, council_member.email, PASSWORD, **ip("10.0.4.1"))
        assert logged_in(client)


def test_a_successful_login_does_not_reset_the_failure_count(council_member: User) -> None:
    """Otherwise an attacker who knows one password could interleave logins to keep guessing another."""
    for _attempt in range(ATTEMPTS - 1):
        post_login(Client(), council_member.email, "wrong password", **ip("10.0.5.1"))
    post_login(Client(), council_member.email, PASSWORD, **ip("10.0.5.1"))
    post_login(Client(), council_member.email, "wrong password", **ip("10.0.5.1"))
    assert LOCKED in post_login(Client(), council_member.email, PASSWORD, **ip("10.0.5.1")).content.decode()


def test_wrong_mfa_codes_lock_the_second_step_too(counsellor: User) -> None:
    client = Client()
    post_login(client, counsellor.email)
    for _attempt in range(ATTEMPTS):
        response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
        assert "Deze code klopt niet." in response.content.decode()
    response = client.post(reverse("mfa_authenticate"), {"code": user_totp_code(counsellor)})
    assert LOCKED in response.content.decode()
    assert not logged_in(client)


def test_too_many_password_reset_requests_get_a_dutch_429_page(client: Client, settings, db: None) -> None:  # type: ignore[no-untyped-def]
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "reset_password": "1/h/ip"}
    assert (
        client.post(reverse("account_reset_password"), {"email": "someone@example.test"}).status_code == 302
    )
    response = client.post(reverse("account_reset_password"), {"email": "someone@example.test"})
    assert response.status_code == 429
    assert "<h1>Even geduld</h1>" in response.content.decode()
    assert csp_problems(response) == []


def test_too_many_login_requests_from_one_ip_get_a_429(client: Client, settings, db: None) -> None:  # type: ignore[no-untyped-def]
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "2/m/ip"}
    for _attempt in range(2):
        post_login(client, "nobody@example.test", "x")
    assert post_login(client, "nobody@example.test", "x").status_code == 429


# --- session expiry after inactivity --------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_idle_session_is_logged_out(council_member: User) -> None:
    idle = timedelta(seconds=settings.SESSION_COOKIE_AGE) + timedelta(minutes=1)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client = Client()
        login_through_allauth(client, council_member)
        assert client.get(reverse("accounts:profile")).status_code == 200
        traveller.shift(idle)
        response = client.get(reverse("accounts:profile"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.django_db
def test_activity_keeps_the_session_alive(council_member: User) -> None:
    step = timedelta(seconds=settings.SESSION_COOKIE_AGE) - timedelta(minutes=1)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client = Client()
        login_through_allauth(client, council_member)
        for _request in range(3):  # three times almost the idle limit: longer in total, never idle too long
            traveller.shift(step)
            assert client.get(reverse("accounts:profile")).status_code == 200


def test_the_idle_limit_is_thirty_minutes_by_default() -> None:
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_REFRESH_SECONDS == 60


@pytest.mark.django_db
def test_pages_within_a_minute_do_not_rewrite_the_session(council_member: User) -> None:
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client = Client()
        login_through_allauth(client, council_member)
        client.get(reverse("accounts:profile"))
        traveller.shift(timedelta(seconds=20))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("accounts:profile")).status_code == 200
        writes = [
            q["sql"] for q in queries if "django_session" in q["sql"] and not q["sql"].startswith("SELECT")
        ]
        assert writes == []
