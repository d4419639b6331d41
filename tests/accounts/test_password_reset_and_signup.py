"""Password reset by e-mail, sign-up of council members and the mails both send."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from klankbord.accounts.constants import RoleSlug
from klankbord.accounts.models import User
from klankbord.audit.models import AuditEntry
from tests.factories.accounts import PASSWORD, post_login

NEW_PASSWORD = "a brand new and long passphrase"
URL = re.compile(r"https?://\S+")


def request_reset(client: Client, email: str, capture: Callable[..., Any]) -> None:
    with capture(execute=True):
        response = client.post(reverse("account_reset_password"), {"email": email})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password_done")


def links_in(message: mail.EmailMessage) -> list[str]:
    return [link for link in URL.findall(message.body) if link.rstrip(".") != settings.SITE_URL.rstrip("/")]


def test_the_reset_mail_is_dutch_and_holds_nothing_but_the_link(
    client: Client, counsellor: User, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    request_reset(client, counsellor.email, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [counsellor.email]
    assert message.subject == "Nieuw wachtwoord kiezen voor Klankbord"
    assert "Via deze link kiest u een nieuw wachtwoord" in message.body
    [link] = links_in(message)
    assert link.startswith(settings.SITE_URL.rstrip("/") + "/accounts/password/reset/key/")
    assert counsellor.display_name not in message.body
    assert counsellor.email not in message.body


def test_someone_who_chose_english_gets_the_reset_mail_in_english(
    client: Client, counsellor: User, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    User.objects.filter(pk=counsellor.pk).update(preferred_language="en")
    request_reset(client, counsellor.email, django_capture_on_commit_callbacks)
    [message] = mail.outbox
    assert message.subject == "Choose a new password for Klankbord"
    assert "choose a new password via this link" in message.body
    assert "deze link" not in message.body and "This message deliberately contains no content" in message.body


def test_the_reset_link_uses_the_configured_site_not_the_request_host(
    client: Client, counsellor: User, settings, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    settings.ALLOWED_HOSTS = ["attacker.example", "testserver"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("account_reset_password"), {"email": counsellor.email}, HTTP_HOST="attacker.example"
        )
    assert "attacker.example" not in mail.outbox[0].body


def test_the_whole_reset_works_and_the_new_password_logs_in(
    client: Client, council_member: User, django_capture_on_commit_callbacks, assert_page_ok
) -> None:  # type: ignore[no-untyped-def]
    request_reset(client, council_member.email, django_capture_on_commit_callbacks)
    [link] = links_in(mail.outbox[0])
    path = link.removeprefix(settings.SITE_URL.rstrip("/"))
    form_page = client.get(path, follow=True)
    assert "Nieuw wachtwoord kiezen" in assert_page_ok(form_page)
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            form_page.redirect_chain[-1][0] if form_page.redirect_chain else path,
            {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        )
    assert done.status_code == 302
    assert done["Location"] == reverse("account_reset_password_from_key_done")
    assert post_login(Client(), council_member.email, PASSWORD).status_code == 200  # old one is refused
    fresh = Client()
    post_login(fresh, council_member.email, NEW_PASSWORD)
    assert "_auth_user_id" in fresh.session
    assert mail.outbox[-1].subject == "Beveiligingsmelding van Klankbord"
    assert "zojuist opnieuw ingesteld" in mail.outbox[-1].body
    assert client.get(path, follow=True).content.decode().count("Link werkt niet") >= 1  # used once only


def test_a_mismatched_new_password_is_refused_in_dutch(
    client: Client, council_member: User, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    request_reset(client, council_member.email, django_capture_on_commit_callbacks)
    path = links_in(mail.outbox[0])[0].removeprefix(settings.SITE_URL.rstrip("/"))
    page = client.get(path, follow=True)
    response = client.post(
        page.redirect_chain[-1][0], {"password1": NEW_PASSWORD, "password2": "something else"}
    )
    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()


def test_an_unknown_address_gets_the_same_answer_and_no_mail(
    client: Client, db: None, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    request_reset(client, "nobody@example.test", django_capture_on_commit_callbacks)
    assert mail.outbox == []


# --- sign-up -----------------------------------------------------------------------------------------------------


def sign_up(client: Client, email: str, capture: Callable[..., Any], password: str = NEW_PASSWORD) -> Any:
    with capture(execute=True):
        return client.post(
            reverse("account_signup"), {"email": email, "password1": password, "password2": password}
        )


def test_a_new_sign_up_is_a_council_member_who_must_confirm_the_address(
    client: Client, db: None, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    response = sign_up(client, "nieuw.raadslid@example.test", django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = User.objects.get(email="nieuw.raadslid@example.test")
    assert list(user.groups.values_list("role__slug", flat=True)) == [RoleSlug.COUNCIL_MEMBER]
    actions = list(AuditEntry.objects.filter(object_id=str(user.pk)).values_list("action", flat=True))
    assert actions == ["accounts.user.signed_up", "accounts.user.role_assigned"]
    [message] = mail.outbox
    assert message.subject == "Bevestig uw e-mailadres voor Klankbord"
    [link] = links_in(message)
    assert "/accounts/confirm-email/" in link
    assert "_auth_user_id" not in client.session  # mandatory verification: not logged in yet


def test_confirming_the_address_lets_the_council_member_log_in(
    client: Client, db: None, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    sign_up(client, "bevestig@example.test", django_capture_on_commit_callbacks)
    path = links_in(mail.outbox[0])[0].removeprefix(settings.SITE_URL.rstrip("/"))
    client.post(path)
    assert EmailAddress.objects.get(email="bevestig@example.test").verified
    fresh = Client()
    post_login(fresh, "bevestig@example.test", NEW_PASSWORD)
    assert "_auth_user_id" in fresh.session


def test_a_weak_password_is_refused_in_dutch_and_the_address_is_kept(
    client: Client, db: None, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    response = sign_up(client, "zwak@example.test", django_capture_on_commit_callbacks, password="kort")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary"' in body
    assert 'value="zwak@example.test"' in body
    assert "Dit wachtwoord is te kort: gebruik minstens 12 tekens." in body
    assert not User.objects.filter(email="zwak@example.test").exists()


def test_signing_up_with_a_taken_address_reveals_nothing_but_mails_the_owner(
    client: Client, counsellor: User, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    response = sign_up(client, counsellor.email, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert User.objects.filter(email=counsellor.email).count() == 1
    [message] = mail.outbox
    assert message.subject == "U heeft al een account bij Klankbord"
    assert counsellor.groups.filter(role__slug=RoleSlug.COUNCIL_MEMBER).count() == 0


def test_sign_up_can_be_closed(client: Client, settings, db: None) -> None:  # type: ignore[no-untyped-def]
    settings.ACCOUNT_SIGNUP_OPEN = False
    response = client.post(
        reverse("account_signup"),
        {"email": "x@example.test", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert "Aanmelden is gesloten" in response.content.decode()
    assert not User.objects.filter(email="x@example.test").exists()


def test_someone_added_by_an_administrator_sets_a_first_password_through_the_reset(
    client: Client, administrator: User, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    from klankbord.accounts.services import user_create

    person = user_create(
        actor=administrator, email="nieuw.lid@example.test", email_verified=True
    )  # as the admin does
    request_reset(client, person.email, django_capture_on_commit_callbacks)
    [link] = links_in(mail.outbox[0])
    page = client.get(link.removeprefix(settings.SITE_URL.rstrip("/")), follow=True)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(page.redirect_chain[-1][0], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    fresh = Client()
    post_login(fresh, person.email, NEW_PASSWORD)
    assert "_auth_user_id" in fresh.session
