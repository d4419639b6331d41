"""User administration in the app: list, invite (password and TOTP in one step), roles, suspend, end, reset."""

from __future__ import annotations

import re

from allauth.mfa.models import Authenticator
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client
from django.urls import reverse

from klankbord.accounts.constants import RoleSlug
from klankbord.accounts.models import GrantStatus, Invitation, Role, RoleGrant, User
from klankbord.accounts.services import invitation_create, role_grant_confirm
from klankbord.api.models import PersonalAccessToken
from klankbord.api.services import token_create
from klankbord.audit.models import AuditEntry
from tests.factories.accounts import PASSWORD, login_through_allauth, post_login, totp_code
from tests.factories.core import raises_domain_error

NEW_PASSWORD = "een nieuw en lang wachtwoord"


def invite(client: Client, email: str, *roles: RoleSlug, capture) -> str:  # type: ignore[no-untyped-def]
    data = {"email": email, "display_name": "Nieuwe Collega", "preferred_language": "nl"}
    data["roles"] = [Role.objects.get(slug=slug).pk for slug in roles]  # type: ignore[assignment]
    with capture(execute=True):
        response = client.post(reverse("accounts:invite"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    message = next(m for m in mail.outbox if m.to == [email])
    return re.search(r"(/profiel/uitnodiging/\S+/)", message.body).group(1)  # type: ignore[union-attr]


def test_only_the_administrator_opens_the_user_pages(
    client_for, administrator, coordinator, counsellor
) -> None:  # type: ignore[no-untyped-def]
    assert client_for(administrator).get(reverse("accounts:users")).status_code == 200
    for person in (coordinator, counsellor):
        assert client_for(person).get(reverse("accounts:users")).status_code == 403
    assert client_for(None).get(reverse("accounts:users")).status_code == 302


def test_the_list_searches_and_filters_by_role_and_status(client_for, administrator, make_user) -> None:  # type: ignore[no-untyped-def]
    anna = make_user(RoleSlug.COUNSELLOR, display_name="Anna de Wit")
    make_user(RoleSlug.COORDINATOR, display_name="Bert Zwart")
    gone = make_user(RoleSlug.AMBASSADOR, display_name="Carla Grijs", is_active=False)
    client = client_for(administrator)
    page = client.get(reverse("accounts:users"), {"q": "anna"}).content.decode()
    assert "Anna de Wit" in page and "Bert Zwart" not in page
    page = client.get(reverse("accounts:users"), {"role": "coordinator"}).content.decode()
    assert "Bert Zwart" in page and "Anna de Wit" not in page
    page = client.get(reverse("accounts:users"), {"status": "suspended"}).content.decode()
    assert "Carla Grijs" in page and "Anna de Wit" not in page
    assert anna.pk and gone.pk


def test_the_list_is_paginated_with_a_flat_number_of_queries(
    client_for, administrator, make_user, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    for number in range(30):
        make_user(RoleSlug.AMBASSADOR, display_name=f"Ambassadeur {number:02d}")
    client = client_for(administrator)
    with django_assert_max_num_queries(15):
        first = client.get(reverse("accounts:users")).content.decode()
    assert "Pagina 1 van 2" in first
    assert "Ambassadeur" in client.get(reverse("accounts:users"), {"pagina": 2}).content.decode()


def test_invite_accept_enrol_confirm_and_first_login_lands_home(
    client_for, administrator, make_user, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    """The whole journey: invited with the counsellor role, one page for password and app, confirmed by a
    second administrator, and then the person reads case pages; they were asked for their password once."""
    second = make_user(RoleSlug.ADMINISTRATOR)
    path = invite(
        client_for(administrator),
        "nieuw@example.test",
        RoleSlug.COUNSELLOR,
        capture=django_capture_on_commit_callbacks,
    )
    person = User.objects.get(email="nieuw@example.test")
    assert RoleGrant.objects.get(user=person).status == GrantStatus.PENDING
    visitor = Client(REMOTE_ADDR="203.0.113.9")
    page = visitor.get(path)
    assert page.status_code == 200 and "data:image/svg+xml;base64," in page.content.decode()
    secret = visitor.session["mfa.totp.secret"]
    done = visitor.post(
        path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "code": totp_code(secret)}
    )
    assert done.status_code == 200, done.content.decode()[:2000]
    assert "herstelcodes" in done.content.decode()
    assert "_auth_user_id" in visitor.session
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)
    assert Authenticator.objects.filter(user=person, type="totp").exists()
    accepted = AuditEntry.objects.get(action="accounts.invitation.accepted")
    assert accepted.ip_address == "203.0.113.9"
    assert visitor.get(path).status_code == 404  # single use

    role_grant_confirm(actor=second, grant=RoleGrant.objects.get(user=person))
    fresh = Client()
    response = post_login(fresh, person.email, NEW_PASSWORD)
    assert response.status_code == 302 and response["Location"].startswith(reverse("mfa_authenticate"))
    logged_in = fresh.post(reverse("mfa_authenticate"), {"code": totp_code(secret, at=None)})
    assert logged_in.status_code == 302 and logged_in["Location"] == reverse("core:start")
    home = fresh.get(reverse("core:start"))  # the dispatcher sends the new counsellor to their role home
    assert home.status_code == 302 and home["Location"].startswith("/werkplek/")
    assert fresh.get(home["Location"]).status_code == 200


def test_a_wrong_code_or_a_weak_password_keeps_the_invitation(
    client_for, administrator, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    path = invite(client_for(administrator), "twee@example.test", capture=django_capture_on_commit_callbacks)
    visitor = Client()
    visitor.get(path)
    secret = visitor.session["mfa.totp.secret"]
    wrong = visitor.post(path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "code": "000000"})
    assert "Deze code klopt niet" in wrong.content.decode()
    weak = visitor.post(path, {"password1": "kort", "password2": "kort", "code": totp_code(secret)})
    assert "te kort" in weak.content.decode()
    assert not User.objects.get(email="twee@example.test").has_usable_password()
    assert Invitation.objects.get().used_at is None


def test_an_expired_invitation_is_refused(
    administrator, time_machine, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        invitation_create(actor=administrator, email="laat@example.test")
    path = re.search(r"(/profiel/uitnodiging/\S+/)", mail.outbox[-1].body).group(1)  # type: ignore[union-attr]
    time_machine.move_to(Invitation.objects.get().expires_at, tick=False)
    assert Client().get(path).status_code == 404


def test_roles_set_on_the_user_page_wait_for_the_second_person(
    client_for, administrator, council_member
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(administrator)
    url = reverse("accounts:user_roles", kwargs={"pk": council_member.pk})
    client.post(url, {"roles": [Role.objects.get(slug=RoleSlug.AMBASSADOR).pk]})
    assert RoleGrant.objects.get(user=council_member).status == GrantStatus.PENDING
    assert not User.objects.get(pk=council_member.pk).has_perm("accounts.access_case_pages")


def test_an_administrator_cannot_grant_themselves_a_case_role_on_the_page(client_for, administrator) -> None:  # type: ignore[no-untyped-def]
    client = client_for(administrator)
    held = [Role.objects.get(slug=RoleSlug.ADMINISTRATOR).pk, Role.objects.get(slug=RoleSlug.COUNSELLOR).pk]
    response = client.post(
        reverse("accounts:user_roles", kwargs={"pk": administrator.pk}), {"roles": held}, follow=True
    )
    assert "U kunt uzelf geen rol geven" in response.content.decode()
    assert not RoleGrant.objects.exists()


def test_the_coordinator_confirms_on_the_grants_page(
    client_for, administrator, coordinator, council_member
) -> None:  # type: ignore[no-untyped-def]
    client_for(administrator).post(
        reverse("accounts:user_roles", kwargs={"pk": council_member.pk}),
        {"roles": [Role.objects.get(slug=RoleSlug.COUNSELLOR).pk]},
    )
    grant = RoleGrant.objects.get()
    own = client_for(administrator).get(reverse("accounts:grants")).content.decode()
    assert "een ander bevestigt" in own
    client = client_for(coordinator)
    assert council_member.display_name in client.get(reverse("accounts:grants")).content.decode()
    client.post(reverse("accounts:grant_decide", kwargs={"pk": grant.pk}), {"decision": "confirm"})
    assert User.objects.get(pk=council_member.pk).has_perm("reports.view_report")


def test_suspending_ends_sessions_and_tokens_at_once(client_for, administrator, counsellor) -> None:  # type: ignore[no-untyped-def]
    token, _secret = token_create(user=counsellor, name="rapportage", scopes=["profile:read"])
    session_client = Client()
    login_through_allauth(session_client, counsellor)
    assert Session.objects.count() == 1
    url = reverse("accounts:user_suspend", kwargs={"pk": counsellor.pk})
    client = client_for(administrator)
    assert "Account opschorten?" in client.post(url).content.decode()  # the confirmation step first
    client.post(url, {"confirmed": "1"})
    counsellor.refresh_from_db()
    assert not counsellor.is_active
    assert PersonalAccessToken.objects.get(pk=token.pk).revoked_at is not None
    assert session_client.get(reverse("accounts:profile")).status_code == 302  # logged out
    suspended = AuditEntry.objects.get(action="accounts.user.suspended")
    assert suspended.data == {"sessions": 1, "tokens": 1}
    client.post(reverse("accounts:user_reactivate", kwargs={"pk": counsellor.pk}))
    assert User.objects.get(pk=counsellor.pk).is_active


def test_ending_an_account_takes_its_roles_and_cannot_be_undone(
    client_for, administrator, counsellor
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(administrator)
    client.post(reverse("accounts:user_end", kwargs={"pk": counsellor.pk}), {"confirmed": "1"})
    person = User.objects.get(pk=counsellor.pk)
    assert person.ended_at is not None and not person.is_active and not person.groups.exists()
    with raises_domain_error("ended"):
        from klankbord.accounts.services import user_reactivate

        user_reactivate(actor=administrator, user=person)


def test_nobody_suspends_or_ends_their_own_account(client_for, administrator) -> None:  # type: ignore[no-untyped-def]
    client = client_for(administrator)
    response = client.post(
        reverse("accounts:user_end", kwargs={"pk": administrator.pk}), {"confirmed": "1"}, follow=True
    )
    assert "Dit kunt u niet met uw eigen account doen." in response.content.decode()
    assert User.objects.get(pk=administrator.pk).is_active


def test_a_lost_second_factor_is_reset_with_its_reason_on_record(
    client_for, administrator, counsellor
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(administrator)
    url = reverse("accounts:user_mfa_reset", kwargs={"pk": counsellor.pk})
    client.post(url, {"reason": ""})
    assert Authenticator.objects.filter(user=counsellor).exists()
    client.post(url, {"reason": "Telefoon kwijt, gemeld op 3 maart"})
    assert not Authenticator.objects.filter(user=counsellor).exists()
    reset = AuditEntry.objects.get(action="accounts.authenticator.reset")
    assert reset.data["reason"] == "Telefoon kwijt, gemeld op 3 maart"
    assert reset.data["types"] == ["recovery_codes", "totp"]
    assert reset.actor_id == administrator.pk
    login = Client()
    post_login(login, counsellor.email, PASSWORD)
    assert login.get(reverse("core:dashboard"))["Location"].startswith(reverse("mfa_activate_totp"))
