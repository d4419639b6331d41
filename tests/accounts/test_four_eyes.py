"""Four eyes for case access: a role that reads case data takes effect only when a second person confirms it."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from klankbord.accounts import roles as role_table
from klankbord.accounts.constants import RoleSlug
from klankbord.accounts.models import GrantStatus, Role, RoleGrant, User
from klankbord.accounts.roles import role_reads_case_data
from klankbord.accounts.services import (
    role_grant_confirm,
    role_grant_refuse,
    role_grant_request,
    user_assign_role,
    user_create,
)
from klankbord.audit.models import AuditEntry
from klankbord.reports.models import Report
from tests.factories.core import raises_domain_error


def role(slug: RoleSlug) -> Role:
    return Role.objects.get(slug=slug)


def actions() -> list[str]:
    return list(AuditEntry.objects.order_by("sequence").values_list("action", flat=True))


def fresh(user: User) -> User:
    return User.objects.get(pk=user.pk)


def test_the_roles_that_read_case_data_follow_from_their_permissions() -> None:
    reading = {slug for slug in RoleSlug if role_reads_case_data(slug)}
    assert reading == {RoleSlug.COUNSELLOR, RoleSlug.AMBASSADOR}


def test_a_role_that_gains_a_case_permission_needs_four_eyes_without_naming_it(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    table = {slug: set(permissions) for slug, permissions in role_table.ROLE_PERMISSIONS.items()}
    table[RoleSlug.SELECTION_COMMITTEE].add("reports.view_report")
    monkeypatch.setattr(role_table, "ROLE_PERMISSIONS", table)
    assert role_reads_case_data(RoleSlug.SELECTION_COMMITTEE)


def test_nobody_grants_themselves_a_role_that_reads_case_data(administrator: User) -> None:
    with raises_domain_error("self_grant"):
        user_assign_role(actor=administrator, user=administrator, role=role(RoleSlug.COUNSELLOR))
    assert not fresh(administrator).has_perm("reports.view_report")
    assert not RoleGrant.objects.exists() and actions() == []


def test_a_grant_is_pending_and_opens_no_report_until_confirmed(
    make_user, client_for, report: Report, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    granter, confirmer = make_user(RoleSlug.ADMINISTRATOR), make_user(RoleSlug.ADMINISTRATOR)
    person = make_user(RoleSlug.COUNCIL_MEMBER, mfa=True)
    case_url = reverse("reports:case", kwargs={"pk": report.pk})
    with django_capture_on_commit_callbacks(execute=True):
        assert user_assign_role(actor=granter, user=person, role=role(RoleSlug.COUNSELLOR)) is True
    grant = RoleGrant.objects.get(user=person)
    assert grant.status == GrantStatus.PENDING
    assert not fresh(person).has_perm("reports.view_report")
    assert client_for(fresh(person)).get(case_url).status_code == 404
    assert [message.to for message in mail.outbox] == [[confirmer.email]]  # the other administrator is told
    assert "wacht op bevestiging" in mail.outbox[0].subject

    with django_capture_on_commit_callbacks(execute=True):
        role_grant_confirm(actor=confirmer, grant=grant)
    assert fresh(person).has_perm("reports.view_report")
    assert client_for(fresh(person)).get(case_url).status_code == 200
    assert "accounts.user.role_granted" in actions() and "accounts.user.role_confirmed" in actions()
    confirmed = AuditEntry.objects.get(action="accounts.user.role_confirmed")
    assert confirmed.actor_id == confirmer.pk
    assert confirmed.data == {"role": "counsellor", "grant": grant.pk, "granted_by": granter.pk}
    assert [message.to for message in mail.outbox[1:]] == [[granter.email]]


def test_nobody_confirms_their_own_grant_or_one_about_themselves(make_user) -> None:  # type: ignore[no-untyped-def]
    granter, person = make_user(RoleSlug.ADMINISTRATOR), make_user(RoleSlug.ADMINISTRATOR)
    grant = role_grant_request(actor=granter, user=person, role=role(RoleSlug.AMBASSADOR))
    assert grant is not None
    with raises_domain_error("own_grant"):
        role_grant_confirm(actor=granter, grant=grant)
    with raises_domain_error("own_grant"):
        role_grant_confirm(actor=fresh(person), grant=grant)
    assert RoleGrant.objects.get().status == GrantStatus.PENDING


def test_the_coordinator_may_confirm_but_a_counsellor_may_not(make_user, coordinator: User) -> None:  # type: ignore[no-untyped-def]
    granter, person = make_user(RoleSlug.ADMINISTRATOR), make_user(RoleSlug.COUNCIL_MEMBER)
    grant = role_grant_request(actor=granter, user=person, role=role(RoleSlug.AMBASSADOR))
    assert grant is not None
    with pytest.raises(PermissionDenied):
        role_grant_confirm(actor=make_user(RoleSlug.COUNSELLOR), grant=grant)
    role_grant_confirm(actor=coordinator, grant=grant)
    assert fresh(person).groups.filter(role__slug=RoleSlug.AMBASSADOR).exists()
    with raises_domain_error("not_pending"):
        role_grant_confirm(actor=coordinator, grant=grant)


def test_a_refused_grant_never_takes_effect(make_user) -> None:  # type: ignore[no-untyped-def]
    granter, other = make_user(RoleSlug.ADMINISTRATOR), make_user(RoleSlug.ADMINISTRATOR)
    person = make_user(RoleSlug.COUNCIL_MEMBER)
    grant = role_grant_request(actor=granter, user=person, role=role(RoleSlug.COUNSELLOR))
    assert grant is not None
    role_grant_refuse(actor=other, grant=grant)
    assert not fresh(person).has_perm("reports.view_report")
    assert actions()[-1] == "accounts.user.role_grant_refused"


def test_a_role_without_case_data_takes_effect_at_once(administrator: User, council_member: User) -> None:
    assert user_assign_role(actor=administrator, user=council_member, role=role(RoleSlug.COORDINATOR))
    assert fresh(council_member).has_perm("signals.view_aggregates")
    assert actions() == ["accounts.user.role_assigned"]


def test_granting_twice_while_pending_is_one_grant(administrator: User, council_member: User) -> None:
    assert user_assign_role(actor=administrator, user=council_member, role=role(RoleSlug.COUNSELLOR)) is True
    assert user_assign_role(actor=administrator, user=council_member, role=role(RoleSlug.COUNSELLOR)) is False
    assert RoleGrant.objects.count() == 1 and actions() == ["accounts.user.role_granted"]


def test_a_new_account_with_a_case_role_starts_with_a_pending_grant(administrator: User) -> None:
    user = user_create(actor=administrator, email="nieuw@example.test", roles=[role(RoleSlug.AMBASSADOR)])
    assert not user.groups.exists()
    assert RoleGrant.objects.get(user=user).status == GrantStatus.PENDING
    assert actions() == ["accounts.user.created", "accounts.user.role_granted"]
