"""The account services write in one transaction with their audit entry; selectors never reveal a secret."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.http import HttpResponse

from klankbord.accounts.constants import RoleSlug
from klankbord.accounts.models import Role, User
from klankbord.accounts.selectors import user_mfa_status, user_must_enrol_mfa, user_roles
from klankbord.accounts.services import (
    authenticator_delete,
    role_update,
    user_assign_role,
    user_create,
    user_remove_role,
    user_set_roles,
    user_update_profile,
)
from klankbord.audit.models import AuditEntry
from tests.factories.accounts import csp_problems
from tests.factories.core import raises_domain_error


def role(slug: RoleSlug) -> Role:
    return Role.objects.get(slug=slug)


def actions() -> list[str]:
    return list(AuditEntry.objects.order_by("sequence").values_list("action", flat=True))


def test_user_create_makes_a_primary_address_and_gives_the_roles(administrator: User) -> None:
    user = user_create(
        actor=administrator,
        email=" Nieuw@Example.TEST ",
        roles=[role(RoleSlug.AMBASSADOR)],
        email_verified=True,
    )
    assert user.email == "nieuw@example.test"
    assert not user.has_usable_password()
    address = EmailAddress.objects.get(user=user)
    assert (address.email, address.primary, address.verified) == ("nieuw@example.test", True, True)
    assert user_roles(user) == []  # a role that reads case data waits for a second person (test_four_eyes)
    assert actions() == ["accounts.user.created", "accounts.user.role_granted"]


def test_user_create_refuses_an_address_that_is_taken_in_any_case(
    administrator: User, counsellor: User
) -> None:
    with raises_domain_error("email_taken", match="Er bestaat al een account met dit e-mailadres"):
        user_create(actor=administrator, email=counsellor.email.upper())
    assert actions() == []


def test_user_create_with_a_password_can_log_in(administrator: User) -> None:
    user = user_create(actor=administrator, email="pw@example.test", password="a long enough passphrase")
    assert user.check_password("a long enough passphrase")


def test_assigning_a_role_twice_is_one_audited_change(administrator: User, council_member: User) -> None:
    assert user_assign_role(actor=administrator, user=council_member, role=role(RoleSlug.COORDINATOR)) is True
    assert (
        user_assign_role(actor=administrator, user=council_member, role=role(RoleSlug.COORDINATOR)) is False
    )
    assert actions() == ["accounts.user.role_assigned"]
    assert user_must_enrol_mfa(council_member)  # the cached roles were forgotten: MFA is now required


def test_removing_a_role_that_is_not_held_changes_nothing(administrator: User, council_member: User) -> None:
    assert user_remove_role(actor=administrator, user=council_member, role=role(RoleSlug.COUNSELLOR)) is False
    assert (
        user_remove_role(actor=administrator, user=council_member, role=role(RoleSlug.COUNCIL_MEMBER)) is True
    )
    assert actions() == ["accounts.user.role_removed"]
    assert not council_member.groups.exists()


def test_set_roles_changes_only_the_difference(administrator: User, counsellor: User) -> None:
    user_set_roles(
        actor=administrator, user=counsellor, roles=[role(RoleSlug.COUNSELLOR), role(RoleSlug.COORDINATOR)]
    )
    assert actions() == ["accounts.user.role_assigned"]


def test_profile_update_validates_before_writing(council_member: User) -> None:
    with raises_domain_error("invalid_choice"):
        user_update_profile(user=council_member, display_name="Anna", preferred_language="de")
    with raises_domain_error("max_length"):
        user_update_profile(user=council_member, display_name="x" * 121, preferred_language="nl")
    council_member.refresh_from_db()
    assert council_member.preferred_language == "nl"
    assert actions() == []


def test_profile_update_returns_the_changed_fields(council_member: User) -> None:
    assert user_update_profile(user=council_member, display_name="Anna", preferred_language="nl") == [
        "display_name"
    ]
    assert user_update_profile(user=council_member, display_name="Anna", preferred_language="nl") == []


def test_role_update_compares_with_the_stored_role(administrator: User) -> None:
    target = role(RoleSlug.AMBASSADOR)
    target.description = "changed in memory only"
    assert role_update(
        actor=administrator, role=target, description="changed in memory only", requires_mfa=True
    ) == ["description"]


def test_deleting_the_last_factor_takes_the_recovery_codes_along(
    administrator: User, counsellor: User
) -> None:
    authenticator_delete(
        actor=administrator, authenticator=Authenticator.objects.get(user=counsellor, type="totp")
    )
    assert not Authenticator.objects.filter(user=counsellor).exists()
    assert user_must_enrol_mfa(User.objects.get(pk=counsellor.pk))


def test_mfa_status_counts_factors_and_codes_without_secrets(counsellor: User) -> None:
    status = user_mfa_status(counsellor)
    assert (status.required, status.enabled, status.totp, status.security_keys) == (True, True, True, 0)
    assert status.recovery_codes_left == 10
    assert counsellor.totp_secret not in repr(status)  # type: ignore[attr-defined]


def test_the_csp_check_used_by_the_page_tests_does_catch_inline_code() -> None:
    bad = HttpResponse(
        '<p style="color:red" onclick="x()">a</p><script>alert(1)</script><style>p{}</style>'
        '<script type="application/json">{}</script><script src="/static/x.js"></script>'
    )
    assert csp_problems(bad) == [
        "style attribute on <p>",
        "event handler onclick on <p>",
        "inline <script>",
        "<style> element",
    ]
