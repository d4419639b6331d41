"""The admin for users, roles and second factors: through allauth's login, by permission, audited, no secrets."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client
from django.urls import reverse

from klankbord.accounts.constants import RoleSlug
from klankbord.accounts.models import Role, User
from klankbord.audit.models import AuditEntry

ADMIN = "/beheer/"


def role(slug: RoleSlug) -> Role:
    return Role.objects.get(slug=slug)


# --- login ------------------------------------------------------------------------------------------------------


def test_the_admin_login_is_allauths_login(client: Client, db: None) -> None:
    response = client.get(ADMIN, follow=True)
    final_path = urlsplit(response.redirect_chain[-1][0])
    assert final_path.path == reverse("account_login")
    assert parse_qs(final_path.query)["next"] == [ADMIN]
    assert client.get(reverse("admin:login")).status_code == 302  # there is no admin login form


def test_the_admin_login_form_cannot_be_used_to_bypass_mfa(client: Client, administrator: User) -> None:
    response = client.post(
        reverse("admin:login"), {"username": administrator.email, "password": "correct horse battery staple"}
    )
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session


def test_a_logged_in_non_staff_user_is_refused_at_the_admin_login(client_for, counsellor: User) -> None:  # type: ignore[no-untyped-def]
    assert client_for(counsellor).get(reverse("admin:login")).status_code == 403


# --- users ------------------------------------------------------------------------------------------------------


def test_an_administrator_lists_and_searches_users_by_email(
    client_for, administrator: User, make_user
) -> None:  # type: ignore[no-untyped-def]
    make_user(RoleSlug.COUNSELLOR, email="marieke@example.test")
    make_user(RoleSlug.AMBASSADOR, email="henk@example.test")
    client = client_for(administrator)
    body = client.get(reverse("admin:accounts_user_changelist"), {"q": "marieke"}).content.decode()
    assert "marieke@example.test" in body and "henk@example.test" not in body
    assert "Vertrouwenspersoon" in body


def test_the_user_list_filters_by_role(client_for, administrator: User, make_user) -> None:  # type: ignore[no-untyped-def]
    make_user(RoleSlug.COUNSELLOR, email="marieke@example.test")
    make_user(RoleSlug.AMBASSADOR, email="henk@example.test")
    body = client_for(administrator).get(reverse("admin:accounts_user_changelist"), {"rol": "ambassador"})
    assert (
        "henk@example.test" in body.content.decode() and "marieke@example.test" not in body.content.decode()
    )


def test_the_user_list_needs_a_fixed_number_of_queries(
    client_for, administrator: User, make_user, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(administrator)
    url = reverse("admin:accounts_user_changelist")
    for number in range(3):
        make_user(RoleSlug.COUNSELLOR, email=f"few{number}@example.test")
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    for number in range(25):
        make_user(RoleSlug.AMBASSADOR, email=f"many{number}@example.test")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert "many24@example.test" in client.get(url).content.decode()


@pytest.mark.parametrize("persona", ["counsellor", "coordinator", "council_member"])
def test_people_without_user_management_cannot_open_the_user_admin(
    client_for, make_user, request, persona: str
) -> None:  # type: ignore[no-untyped-def]
    user = request.getfixturevalue(persona)
    User.objects.filter(pk=user.pk).update(is_staff=True)
    user.refresh_from_db()
    response = client_for(user).get(reverse("admin:accounts_user_changelist"))
    assert response.status_code in (302, 403)
    assert "@example.test" not in response.content.decode()


def test_the_admin_cannot_give_a_role_not_even_to_oneself(client_for, administrator: User, make_user) -> None:  # type: ignore[no-untyped-def]
    """Roles are read-only in the admin: granting goes through the four-eyes service on the app's user pages."""
    for person in (make_user(RoleSlug.COUNCIL_MEMBER, mfa=False), administrator):
        url = reverse("admin:accounts_user_change", args=[person.pk])
        page = client_for(administrator).get(url).content.decode()
        assert (
            'name="roles"' not in page
            and 'name="groups"' not in page
            and 'name="user_permissions"' not in page
        )
        response = client_for(administrator).post(
            url,
            {
                "display_name": person.display_name,
                "preferred_language": "nl",
                "is_active": "on",
                "is_staff": "on" if person.is_staff else "",
                "roles": [role(RoleSlug.COUNSELLOR).pk],
                "groups": [role(RoleSlug.COUNSELLOR).group_id],
            },
        )
        assert response.status_code == 302, response.content.decode()[:3000]
        assert not User.objects.get(pk=person.pk).has_perm("reports.view_report")
    assert not AuditEntry.objects.filter(action__startswith="accounts.user.role").exists()


def test_deactivating_an_account_is_audited(client_for, administrator: User, make_user) -> None:  # type: ignore[no-untyped-def]
    person = make_user(RoleSlug.COUNCIL_MEMBER, mfa=False)
    client_for(administrator).post(
        reverse("admin:accounts_user_change", args=[person.pk]),
        {
            "display_name": person.display_name,
            "preferred_language": "nl",
        },
    )
    person.refresh_from_db()
    assert not person.is_active
    entry = AuditEntry.objects.get(action="accounts.user.updated")
    assert entry.data == {"fields": ["is_active"], "is_active": False}


def test_an_administrator_adds_a_user_without_knowing_their_password(client_for, administrator: User) -> None:  # type: ignore[no-untyped-def]
    response = client_for(administrator).post(
        reverse("admin:accounts_user_add"),
        {
            "email": "Nieuwe.VP@Example.test",
            "display_name": "Nieuwe VP",
            "preferred_language": "nl",
            "roles": [role(RoleSlug.COUNSELLOR).pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    user = User.objects.get(email="nieuwe.vp@example.test")
    assert not user.has_usable_password()
    assert not user.groups.exists()  # roles are given in the app, under four eyes
    entry = AuditEntry.objects.get(action="accounts.user.created")
    assert entry.data == {"roles": [], "email_verified": True, "is_staff": False}


def test_a_duplicate_email_is_refused_when_adding(client_for, administrator: User, counsellor: User) -> None:  # type: ignore[no-untyped-def]
    response = client_for(administrator).post(
        reverse("admin:accounts_user_add"),
        {"email": counsellor.email.upper(), "preferred_language": "nl"},
    )
    assert response.status_code == 200
    assert User.objects.filter(email__iexact=counsellor.email).count() == 1


def test_users_cannot_be_deleted_from_the_admin(client_for, administrator: User, counsellor: User) -> None:  # type: ignore[no-untyped-def]
    response = client_for(administrator).get(reverse("admin:accounts_user_delete", args=[counsellor.pk]))
    assert response.status_code == 403


def test_an_administrator_cannot_edit_a_superuser(client_for, administrator: User, make_user) -> None:  # type: ignore[no-untyped-def]
    boss = make_user(None, is_superuser=True, is_staff=True)
    url = reverse("admin:accounts_user_change", args=[boss.pk])
    client_for(administrator).post(url, {"preferred_language": "nl"})
    boss.refresh_from_db()
    assert boss.is_active


# --- roles ------------------------------------------------------------------------------------------------------


def test_only_description_and_mfa_requirement_of_a_role_are_editable(client_for, administrator: User) -> None:  # type: ignore[no-untyped-def]
    target = role(RoleSlug.COORDINATOR)
    permissions_before = set(target.group.permissions.all())
    url = reverse("admin:accounts_role_change", args=[target.pk])
    page = client_for(administrator).get(url).content.decode()
    assert 'name="description"' in page and 'name="requires_mfa"' in page
    assert 'name="slug"' not in page and 'name="group"' not in page
    client_for(administrator).post(url, {"description": "Nieuw", "slug": "administrator"})
    target.refresh_from_db()
    assert (target.slug, target.description, target.requires_mfa) == ("coordinator", "Nieuw", False)
    assert set(target.group.permissions.all()) == permissions_before
    entry = AuditEntry.objects.get(action="accounts.role.updated")
    assert entry.data == {"fields": ["description", "requires_mfa"], "requires_mfa": False}


def test_roles_cannot_be_added_or_deleted(client_for, administrator: User) -> None:  # type: ignore[no-untyped-def]
    client = client_for(administrator)
    assert client.get(reverse("admin:accounts_role_add")).status_code == 403
    assert (
        client.get(reverse("admin:accounts_role_delete", args=[role(RoleSlug.COUNSELLOR).pk])).status_code
        == 403
    )


def test_groups_are_not_editable_by_hand(client_for, administrator: User) -> None:  # type: ignore[no-untyped-def]
    assert client_for(administrator).get("/beheer/auth/group/").status_code == 404


# --- second factors ---------------------------------------------------------------------------------------------


def test_no_admin_page_shows_an_mfa_secret(client_for, make_user, counsellor: User) -> None:  # type: ignore[no-untyped-def]
    boss = make_user(None, is_superuser=True, is_staff=True)
    client = client_for(boss)
    totp = Authenticator.objects.get(user=counsellor, type="totp")
    list_page = client.get(reverse("admin:mfa_authenticator_changelist")).content.decode()
    detail = client.get(reverse("admin:mfa_authenticator_change", args=[totp.pk])).content.decode()
    stored = totp.data["secret"]
    for page in (list_page, detail):
        assert stored not in page and counsellor.totp_secret not in page
        assert 'name="data"' not in page
    assert "secret" not in detail.lower()


def test_a_lost_second_factor_can_be_removed_and_that_is_audited(
    client_for, administrator: User, counsellor: User
) -> None:  # type: ignore[no-untyped-def]
    totp = Authenticator.objects.get(user=counsellor, type="totp")
    response = client_for(administrator).post(
        reverse("admin:mfa_authenticator_delete", args=[totp.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=counsellor).exists()  # recovery codes went with it
    entry = AuditEntry.objects.get(action="accounts.authenticator.deleted")
    assert (entry.object_id, entry.data, entry.actor_id) == (
        str(counsellor.pk),
        {"type": "totp"},
        administrator.pk,
    )


def test_second_factors_cannot_be_edited_or_added(client_for, administrator: User, counsellor: User) -> None:  # type: ignore[no-untyped-def]
    client = client_for(administrator)
    totp = Authenticator.objects.get(user=counsellor, type="totp")
    before = dict(totp.data)
    client.post(reverse("admin:mfa_authenticator_change", args=[totp.pk]), {"data": '{"secret": "x"}'})
    totp.refresh_from_db()
    assert totp.data == before
    assert client.get(reverse("admin:mfa_authenticator_add")).status_code == 403


def test_others_cannot_see_second_factors(client_for, make_user) -> None:  # type: ignore[no-untyped-def]
    staff = make_user(RoleSlug.COORDINATOR, is_staff=True)
    assert client_for(staff).get(reverse("admin:mfa_authenticator_changelist")).status_code == 403
