"""Every allauth page Klankbord uses renders in Dutch, in our shell, with nothing a strict CSP would block."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from klankbord.accounts.constants import RoleSlug
from klankbord.accounts.models import User
from tests.factories.accounts import login_through_allauth, post_login, reauthenticate

PageCheck = Callable[[HttpResponse], str]

ANONYMOUS_PAGES = [
    ("account_login", "Inloggen"),
    ("account_signup", "Account aanmaken"),
    ("account_reset_password", "Wachtwoord vergeten"),
    ("account_reset_password_done", "Kijk in uw e-mail"),
    ("account_reset_password_from_key_done", "Wachtwoord gewijzigd"),
    ("account_inactive", "Account niet actief"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("url_name", "heading"), ANONYMOUS_PAGES)
def test_entrance_page_is_dutch_and_csp_clean(
    client: Client, assert_page_ok: PageCheck, url_name: str, heading: str
) -> None:
    body = assert_page_ok(client.get(reverse(url_name)))
    assert f"<h1>{heading}</h1>" in body


@pytest.mark.django_db
def test_login_page_ties_the_forgotten_password_link_to_the_password_field(
    client: Client, assert_page_ok: PageCheck
) -> None:
    body = assert_page_ok(client.get(reverse("account_login")))
    assert 'for="id_login"' in body and 'for="id_password"' in body
    assert 'aria-describedby="id_password_helptext"' in body
    assert "Wachtwoord vergeten?" in body
    assert 'autocomplete="current-password"' in body


@pytest.mark.django_db
def test_failed_login_shows_a_dutch_error_summary_and_keeps_the_email(
    client: Client, counsellor: User
) -> None:
    response = post_login(client, counsellor.email, "wrong password")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary"' in body
    assert "Het e-mailadres of het wachtwoord klopt niet." in body
    assert f'value="{counsellor.email}"' in body


@pytest.mark.django_db
def test_signup_closed_page_when_signup_is_off(client: Client, settings, assert_page_ok: PageCheck) -> None:  # type: ignore[no-untyped-def]
    settings.ACCOUNT_SIGNUP_OPEN = False
    body = assert_page_ok(client.get(reverse("account_signup")))
    assert "Aanmelden is gesloten" in body


@pytest.mark.django_db
def test_verification_sent_page(client: Client, assert_page_ok: PageCheck) -> None:
    body = assert_page_ok(client.get(reverse("account_email_verification_sent")))
    assert "Bevestig uw e-mailadres" in body


@pytest.mark.django_db
def test_confirm_email_page_for_a_valid_and_an_invalid_key(
    client: Client,
    make_user,
    assert_page_ok: PageCheck,  # type: ignore[no-untyped-def]
) -> None:
    user = make_user(RoleSlug.COUNCIL_MEMBER, mfa=False)
    address = EmailAddress.objects.get(user=user)
    address.verified = False
    address.save()
    key = EmailConfirmationHMAC(address).key
    body = assert_page_ok(client.get(reverse("account_confirm_email", args=[key])))
    assert "Bevestig dat <strong>" in body
    response = client.get(reverse("account_confirm_email", args=["not-a-key"]))
    assert "Deze bevestigingslink is verlopen of ongeldig." in response.content.decode()
    assert response.status_code in (200, 404)


@pytest.mark.django_db
def test_password_reset_page_with_a_bad_link(client: Client, assert_page_ok: PageCheck) -> None:
    url = reverse("account_reset_password_from_key", kwargs={"uidb36": "1", "key": "bad-token"})
    response = client.get(url, follow=True)
    body = assert_page_ok(response)
    assert "Link werkt niet" in body


@pytest.mark.django_db
def test_logout_password_and_email_pages_for_a_logged_in_user(
    client_for,
    council_member: User,
    assert_page_ok: PageCheck,  # type: ignore[no-untyped-def]
) -> None:
    client = client_for(council_member)
    assert "Weet u zeker dat u wilt uitloggen?" in assert_page_ok(client.get(reverse("account_logout")))
    body = assert_page_ok(client.get(reverse("account_change_password")))
    assert "Huidig wachtwoord" in body and 'autocomplete="new-password"' in body
    body = assert_page_ok(client.get(reverse("account_email")))
    assert council_member.email in body


def test_logged_in_pages_send_anonymous_visitors_to_login(client: Client, db: None) -> None:
    for name in ("account_change_password", "account_email", "mfa_index", "mfa_activate_totp"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login")), name


@pytest.mark.django_db
def test_mfa_code_page_during_login(client: Client, counsellor: User, assert_page_ok: PageCheck) -> None:
    response = post_login(client, counsellor.email)
    assert response["Location"].startswith(reverse("mfa_authenticate"))
    body = assert_page_ok(client.get(response["Location"]))
    assert "Code uit de app of herstelcode" in body
    assert 'autocomplete="one-time-code"' in body


@pytest.mark.django_db
def test_mfa_overview_page(client_for, counsellor: User, assert_page_ok: PageCheck) -> None:  # type: ignore[no-untyped-def]
    body = assert_page_ok(client_for(counsellor).get(reverse("mfa_index")))
    assert "Authenticator-app uitzetten" in body
    assert "Er zijn nog 10 van de 10 herstelcodes over." in body
    assert "Beveiligingssleutels" in body


@pytest.mark.django_db
def test_totp_activation_asks_for_the_password_first_then_shows_the_qr_code(
    client_for,
    make_user,
    assert_page_ok: PageCheck,  # type: ignore[no-untyped-def]
) -> None:
    user = make_user(RoleSlug.COUNSELLOR, mfa=False)
    client = client_for(user)
    response = client.get(reverse("mfa_activate_totp"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert "Bevestig dat u het bent" in assert_page_ok(client.get(response["Location"]))
    reauthenticate(client)
    body = assert_page_ok(client.get(reverse("mfa_activate_totp")))
    assert 'src="data:image/svg+xml;base64,' in body
    assert 'alt="QR-code' in body
    assert 'id="totp-secret"' in body
    assert "Voor uw rol is tweestapsverificatie verplicht." in body


@pytest.mark.django_db
def test_recovery_code_and_security_key_pages(
    client_for,
    counsellor: User,
    assert_page_ok: PageCheck,  # type: ignore[no-untyped-def]
) -> None:
    client = client_for(counsellor)
    reauthenticate(client)
    body = assert_page_ok(client.get(reverse("mfa_view_recovery_codes")))
    assert body.count("<li><code>") == 10
    assert "Ik heb de codes bewaard, ga verder" in body
    assert "Nieuwe herstelcodes maken" in assert_page_ok(client.get(reverse("mfa_generate_recovery_codes")))
    download = client.get(reverse("mfa_download_recovery_codes"))
    assert download.status_code == 200 and download["Content-Type"].startswith("text/plain")
    assert len(download.content.decode().split()) == 10
    assert "U heeft nog geen beveiligingssleutel" in assert_page_ok(client.get(reverse("mfa_list_webauthn")))
    body = assert_page_ok(client.get(reverse("mfa_add_webauthn")))
    assert "/static/mfa/js/webauthn.js" in body
    assert 'type="application/json"' in body


@pytest.mark.django_db
def test_totp_deactivation_page_for_a_user_who_may_switch_mfa_off(
    client_for,
    make_user,
    assert_page_ok: PageCheck,  # type: ignore[no-untyped-def]
) -> None:
    user = make_user(RoleSlug.COUNCIL_MEMBER, mfa=True)
    client = client_for(user)
    reauthenticate(client)
    body = assert_page_ok(client.get(reverse("mfa_deactivate_totp")))
    assert "Weet u het zeker?" in body


@pytest.mark.django_db
def test_a_real_login_ends_on_the_roles_home_with_a_dutch_message(client: Client, counsellor: User) -> None:
    response = login_through_allauth(client, counsellor)
    assert response.status_code == 302
    page = client.get(response["Location"], follow=True)
    assert page.redirect_chain[-1][0] == reverse("core:role_home", kwargs={"slug": "vertrouwenspersoon"})
    assert "U bent ingelogd." in page.content.decode()
