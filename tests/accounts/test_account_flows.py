"""Smaller account flows: changing the e-mail address, logging out, language after login, MFA re-confirmation."""

from __future__ import annotations

from collections.abc import Callable

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import mail
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from klankbord.accounts.constants import RoleSlug
from klankbord.accounts.models import User
from tests.factories.accounts import login_through_allauth, reauthenticate


def test_changing_the_address_takes_effect_only_after_confirmation(
    council_member: User,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    client = Client()
    login_through_allauth(client, council_member)
    old = council_member.email
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_email"), {"action_add": "", "email": "nieuw@example.test"})
    assert response.status_code == 302
    council_member.refresh_from_db()
    assert council_member.email == old
    [message] = mail.outbox
    assert message.to == ["nieuw@example.test"]
    assert message.subject == "Bevestig uw e-mailadres voor Klankbord"
    page = client.get(reverse("account_email")).content.decode()
    assert "nieuw@example.test" in page and "nog niet bevestigd" in page
    path = next(word for word in message.body.split() if "/accounts/confirm-email/" in word)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(path.removeprefix(settings.SITE_URL.rstrip("/")))
    council_member.refresh_from_db()
    assert council_member.email == "nieuw@example.test"
    assert list(EmailAddress.objects.filter(user=council_member).values_list("email", flat=True)) == [
        "nieuw@example.test"
    ]
    notice = mail.outbox[-1]
    assert notice.to == [old] and "e-mailadres van uw Klankbord-account is zojuist gewijzigd" in notice.body


def test_an_invalid_new_address_is_refused_in_dutch(client_for, council_member: User) -> None:  # type: ignore[no-untyped-def]
    response = client_for(council_member).post(
        reverse("account_email"), {"action_add": "", "email": "geen-adres"}
    )
    body = response.content.decode()
    assert response.status_code == 200 and 'class="error-summary"' in body
    assert 'value="geen-adres"' in body


def test_logging_out_says_so_in_dutch(client_for, council_member: User) -> None:  # type: ignore[no-untyped-def]
    client = client_for(council_member)
    response = client.post(reverse("account_logout"), follow=True)
    assert "U bent uitgelogd." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_site_switches_to_the_users_language_at_login(make_user) -> None:  # type: ignore[no-untyped-def]
    user = make_user(RoleSlug.COUNCIL_MEMBER, mfa=False, preferred_language="en")
    client = Client()
    response = login_through_allauth(client, user)
    assert response.cookies["django_language"].value == "en"


def test_mfa_can_stand_in_for_the_password_when_confirming_access(
    client_for,
    counsellor: User,
    assert_page_ok: Callable[[HttpResponse], str],  # type: ignore[no-untyped-def]
) -> None:
    client = client_for(counsellor)
    body = assert_page_ok(client.get(reverse("account_reauthenticate")))
    assert reverse("mfa_reauthenticate") in body
    body = assert_page_ok(client.get(reverse("mfa_reauthenticate")))
    assert "Code uit de app of herstelcode" in body


def test_the_webauthn_scripts_are_served_by_the_app_itself(client: Client, db: None) -> None:
    for path in ("mfa/js/webauthn.js", "mfa/js/webauthn-json.js", "account/js/onload.js"):
        response = client.get(f"{settings.STATIC_URL}{path}")
        assert response.status_code == 200, path


def test_generating_new_recovery_codes_replaces_the_old_ones(client_for, counsellor: User) -> None:  # type: ignore[no-untyped-def]
    client = client_for(counsellor)
    reauthenticate(client)
    before = client.get(reverse("mfa_download_recovery_codes")).content
    response = client.post(reverse("mfa_generate_recovery_codes"))
    assert response["Location"] == reverse("mfa_view_recovery_codes")
    assert client.get(reverse("mfa_download_recovery_codes")).content != before
