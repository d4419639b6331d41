"""Security events are audited with the client's address (read through the trusted-proxy setting)."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from django.core import mail
from django.test import Client
from django.urls import reverse

from klankbord.accounts.constants import RoleSlug
from klankbord.accounts.models import User
from klankbord.audit.models import AuditEntry
from tests.factories.accounts import PASSWORD, login_through_allauth, post_login, reauthenticate, totp_code

ADDRESS = "203.0.113.7"


def client_at(address: str = ADDRESS, **headers: str) -> Client:
    return Client(REMOTE_ADDR=address, **headers)


def entry(action: str) -> AuditEntry:
    [found] = AuditEntry.objects.filter(action=action)
    return found


def test_a_login_is_audited_with_the_address(counsellor: User) -> None:
    login_through_allauth(client_at(), counsellor)
    logged_in = entry("accounts.session.logged_in")
    assert (logged_in.actor_id, logged_in.object_id, logged_in.ip_address) == (
        counsellor.pk,
        str(counsellor.pk),
        ADDRESS,
    )


def test_behind_a_trusted_proxy_the_forwarded_address_is_recorded(settings, counsellor: User) -> None:  # type: ignore[no-untyped-def]
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    client = client_at("10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.23")
    login_through_allauth(client, counsellor)
    assert entry("accounts.session.logged_in").ip_address == "198.51.100.23"


def test_without_a_trusted_proxy_a_forwarded_header_is_ignored(counsellor: User) -> None:
    login_through_allauth(client_at("10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.23"), counsellor)
    assert entry("accounts.session.logged_in").ip_address == "10.0.0.1"


def test_a_failed_login_names_the_account_but_not_the_attempt(council_member: User) -> None:
    post_login(client_at(), council_member.email, "wrong password")
    failed = entry("accounts.session.login_failed")
    assert (failed.actor_id, failed.object_id, failed.ip_address) == (None, str(council_member.pk), ADDRESS)
    assert failed.data == {}


def test_a_failed_login_for_an_unknown_address_names_no_account(db: None) -> None:
    post_login(client_at(), "nobody@example.test", "wrong password")
    failed = entry("accounts.session.login_failed")
    assert (failed.object_id, failed.ip_address) == ("", ADDRESS)


def test_a_lockout_is_audited(council_member: User) -> None:
    client = client_at()
    for _attempt in range(5):
        post_login(client, council_member.email, "wrong password")
    post_login(client, council_member.email, PASSWORD)
    locked = entry("accounts.session.locked_out")
    assert (locked.object_id, locked.ip_address) == (str(council_member.pk), ADDRESS)
    assert not AuditEntry.objects.filter(action="accounts.session.logged_in").exists()


def test_a_logout_is_audited(council_member: User) -> None:
    client = client_at()
    login_through_allauth(client, council_member)
    client.post(reverse("account_logout"))
    logged_out = entry("accounts.session.logged_out")
    assert (logged_out.actor_id, logged_out.ip_address) == (council_member.pk, ADDRESS)


def test_enrolling_and_removing_a_second_factor_is_audited(
    make_user, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    user = make_user(RoleSlug.COUNCIL_MEMBER, mfa=False)
    client = client_at()
    login_through_allauth(client, user)
    client.get(reverse("mfa_activate_totp"))
    secret = client.session["mfa.totp.secret"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302, response.content.decode()[:1000]
    added = AuditEntry.objects.filter(action="accounts.authenticator.added").order_by("sequence")
    assert [(a.object_id, a.data["type"], a.ip_address) for a in added] == [
        (str(user.pk), "totp", ADDRESS),
        (str(user.pk), "recovery_codes", ADDRESS),
    ]
    reauthenticate(client)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("mfa_deactivate_totp"))
    removed = AuditEntry.objects.filter(action="accounts.authenticator.removed", data__type="totp").get()
    assert removed.ip_address == ADDRESS


def test_new_recovery_codes_are_audited(counsellor: User, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    client = client_at()
    login_through_allauth(client, counsellor)
    reauthenticate(client)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("mfa_generate_recovery_codes"))
    regenerated = entry("accounts.authenticator.regenerated")
    assert (regenerated.data, regenerated.ip_address) == ({"type": "recovery_codes"}, ADDRESS)


def test_logging_in_with_a_recovery_code_is_audited(counsellor: User) -> None:
    code = Authenticator.objects.get(user=counsellor, type="recovery_codes").wrap().get_unused_codes()[0]
    client = client_at()
    post_login(client, counsellor.email)
    client.post(reverse("mfa_authenticate"), {"code": code})
    used = entry("accounts.authenticator.recovery_code_used")
    assert (used.actor_id, used.ip_address) == (counsellor.pk, ADDRESS)
    assert "_auth_user_id" in client.session


@pytest.mark.django_db
def test_a_password_reset_request_and_its_completion_are_audited(
    council_member: User, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    client = client_at()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": council_member.email})
    requested = entry("accounts.password.reset_requested")
    assert (requested.object_id, requested.ip_address) == (str(council_member.pk), ADDRESS)
    link = next(word for word in mail.outbox[0].body.split() if "/password/reset/key/" in word)
    path = "/" + link.split("/", 3)[3]
    form_page = client.get(path, follow=True)
    target = form_page.redirect_chain[-1][0] if form_page.redirect_chain else path
    client.post(
        target, {"password1": "a brand new long passphrase", "password2": "a brand new long passphrase"}
    )
    done = entry("accounts.password.reset_done")
    assert (done.object_id, done.ip_address) == (str(council_member.pk), ADDRESS)


def test_a_reset_request_for_an_unknown_address_writes_nothing(db: None) -> None:
    client_at().post(reverse("account_reset_password"), {"email": "nobody@example.test"})
    assert not AuditEntry.objects.filter(action="accounts.password.reset_requested").exists()


def test_creating_and_revoking_an_api_token_is_audited_with_the_address(client_for, counsellor: User) -> None:  # type: ignore[no-untyped-def]
    client = client_at()
    client.force_login(counsellor)
    response = client.post(
        reverse("api:tokens"), {"name": "Rapportage", "scopes": ["profile:read"], "expires_in_days": 30}
    )
    assert response.status_code in (200, 302), response.content.decode()[:500]
    created = entry("api.token.created")
    assert created.ip_address == ADDRESS


def test_the_first_factor_right_after_login_asks_for_no_second_password(make_user) -> None:  # type: ignore[no-untyped-def]
    user = make_user(RoleSlug.COUNSELLOR, mfa=False)
    client = client_at()
    login_through_allauth(client, user)
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200  # the enrolment form, not allauth's "confirm your password" page
    assert "mfa.totp.secret" in client.session


def test_a_change_to_an_existing_factor_still_asks_for_the_password(counsellor: User) -> None:
    client = client_at()
    login_through_allauth(client, counsellor)
    response = client.get(reverse("mfa_generate_recovery_codes"))
    assert response.status_code == 302 and reverse("account_reauthenticate") in response["Location"]


def test_revoking_an_api_token_is_audited_with_the_address(counsellor: User) -> None:
    from klankbord.api.services import token_create

    token, _secret = token_create(user=counsellor, name="rapportage", scopes=["profile:read"])
    client = client_at()
    client.force_login(counsellor)
    client.post(reverse("api:token_revoke", kwargs={"pk": token.pk}))
    assert entry("api.token.revoked").ip_address == ADDRESS


def test_role_granted_confirmed_and_removed_are_audited_with_the_address(make_user) -> None:  # type: ignore[no-untyped-def]
    from klankbord.accounts.models import Role, RoleGrant

    granter, confirmer = make_user(RoleSlug.ADMINISTRATOR), make_user(RoleSlug.COORDINATOR)
    person = make_user(RoleSlug.COUNCIL_MEMBER)
    counsellor_role, member_role = (
        Role.objects.get(slug=slug) for slug in (RoleSlug.COUNSELLOR, RoleSlug.COUNCIL_MEMBER)
    )
    by_granter = client_at("203.0.113.10")
    by_granter.force_login(granter)
    by_granter.post(
        reverse("accounts:user_roles", kwargs={"pk": person.pk}),
        {"roles": [member_role.pk, counsellor_role.pk]},
    )
    by_confirmer = client_at("203.0.113.11")
    by_confirmer.force_login(confirmer)
    grant = RoleGrant.objects.get(user=person)
    by_confirmer.post(reverse("accounts:grant_decide", kwargs={"pk": grant.pk}), {"decision": "confirm"})
    by_granter.post(reverse("accounts:user_roles", kwargs={"pk": person.pk}), {"roles": [member_role.pk]})
    assert [
        (e.action, e.ip_address) for e in AuditEntry.objects.filter(action__startswith="accounts.user.role")
    ] == [
        ("accounts.user.role_granted", "203.0.113.10"),
        ("accounts.user.role_confirmed", "203.0.113.11"),
        ("accounts.user.role_removed", "203.0.113.10"),
    ]
