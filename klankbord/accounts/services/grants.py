"""Roles given and taken: four eyes for every role that can read case data.

A role that reads case data (``roles.role_reads_case_data``: derived from the role table's permissions) is
first a pending ``RoleGrant``; the user joins its group only when a second person with
``accounts.confirm_role_grants`` confirms it. Nobody grants such a role to themselves, and nobody confirms a
grant they made or that is about them. Every grant, confirmation and refusal is audited, and the other people
who may confirm are told by mail (only the role's name and a link: never who).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from klankbord.audit.services import audit_log
from klankbord.core.errors import DomainError
from klankbord.core.mail import mail_send

from ..models import GrantStatus, Role, RoleGrant, User
from ..roles import role_reads_case_data
from ..types import Actor
from ._common import forget_cached_access

CONFIRM_PERMISSION = "accounts.confirm_role_grants"


def _holds(user: User, role: Role) -> bool:
    return user.groups.filter(pk=role.group_id).exists()


def _actor_id(actor: Actor) -> int | None:
    return int(actor.pk) if actor is not None and actor.is_authenticated and actor.pk is not None else None


def _confirmers(*, excluding: Iterable[int | None]) -> list[User]:
    """Active people who may confirm a grant, except those named (the grantor, the grantee)."""
    skip = {pk for pk in excluding if pk is not None}
    candidates = User.objects.filter(is_active=True, ended_at__isnull=True).exclude(pk__in=skip)
    holders = candidates.filter(groups__permissions__codename="confirm_role_grants").distinct()
    return list(holders.order_by("pk"))


def _tell_confirmers(*, grant: RoleGrant, event: str, excluding: Iterable[int | None]) -> None:
    path = reverse("accounts:grants")
    for person in _confirmers(excluding=excluding):
        mail_send(
            to=person.email,
            template="accounts_role_grant",
            context={"event": event, "role": str(grant.role), "path": path},
            language=person.preferred_language,
        )


@transaction.atomic
def role_grant_request(*, actor: Actor, user: User, role: Role) -> RoleGrant | None:
    """Record a pending grant of ``role`` (one that reads case data). None when the user already holds it;
    the existing grant when one is pending already."""
    if not role_reads_case_data(role.slug):
        raise ValueError(f"role {role.slug!r} needs no confirmation: use user_assign_role")
    if _actor_id(actor) is not None and _actor_id(actor) == user.pk:
        raise DomainError(
            _("U kunt uzelf geen rol geven die toegang geeft tot dossiers. Vraag een andere beheerder."),
            code="self_grant",
        )
    if _holds(user, role):
        return None
    pending = RoleGrant.objects.select_for_update().filter(user=user, role=role, status=GrantStatus.PENDING)
    existing = pending.first()
    if existing is not None:
        return existing
    grant = RoleGrant.objects.create(
        user=user, role=role, granted_by_id=_actor_id(actor), granted_at=timezone.now()
    )
    audit_log(
        actor=actor,
        action="accounts.user.role_granted",
        target=user,
        data={"role": role.slug, "grant": grant.pk, "pending": True},
    )
    _tell_confirmers(grant=grant, event="requested", excluding=[_actor_id(actor), user.pk])
    return grant


def _decide(*, actor: User, grant: RoleGrant, status: GrantStatus) -> RoleGrant:
    if not actor.has_perm(CONFIRM_PERMISSION):
        raise PermissionDenied
    locked = RoleGrant.objects.select_for_update().select_related("role__group", "user").get(pk=grant.pk)
    if locked.status != GrantStatus.PENDING:
        raise DomainError(_("Over deze toekenning is al besloten."), code="not_pending")
    if actor.pk in (locked.granted_by_id, locked.user_id):
        raise DomainError(
            _("Een tweede persoon moet dit bevestigen: niet wie de rol toekende en niet wie de rol krijgt."),
            code="own_grant",
        )
    locked.status, locked.decided_by, locked.decided_at = status, actor, timezone.now()
    locked.save(update_fields=["status", "decided_by", "decided_at"])
    return locked


@transaction.atomic
def role_grant_confirm(*, actor: User, grant: RoleGrant) -> RoleGrant:
    """The second pair of eyes: the grant takes effect now (the user joins the role's group)."""
    locked = _decide(actor=actor, grant=grant, status=GrantStatus.CONFIRMED)
    locked.user.groups.add(locked.role.group)
    forget_cached_access(locked.user)
    audit_log(
        actor=actor,
        action="accounts.user.role_confirmed",
        target=locked.user,
        data={"role": locked.role.slug, "grant": locked.pk, "granted_by": locked.granted_by_id},
    )
    _tell_confirmers(grant=locked, event="confirmed", excluding=[actor.pk, locked.user_id])
    return locked


@transaction.atomic
def role_grant_refuse(*, actor: User, grant: RoleGrant) -> RoleGrant:
    locked = _decide(actor=actor, grant=grant, status=GrantStatus.REFUSED)
    audit_log(
        actor=actor,
        action="accounts.user.role_grant_refused",
        target=locked.user,
        data={"role": locked.role.slug, "grant": locked.pk, "granted_by": locked.granted_by_id},
    )
    return locked


@transaction.atomic
def user_assign_role(*, actor: Actor, user: User, role: Role) -> bool:
    """Give ``user`` the role. A role that reads case data becomes a pending grant (four eyes); any other takes
    effect at once. False (and no audit entry) when nothing changed: held already, or already pending."""
    if role_reads_case_data(role.slug):
        pending_before = RoleGrant.objects.filter(user=user, role=role, status=GrantStatus.PENDING).exists()
        grant = role_grant_request(actor=actor, user=user, role=role)
        return grant is not None and not pending_before
    if _holds(user, role):
        return False
    user.groups.add(role.group)
    forget_cached_access(user)
    audit_log(actor=actor, action="accounts.user.role_assigned", target=user, data={"role": role.slug})
    return True


@transaction.atomic
def user_remove_role(*, actor: Actor, user: User, role: Role) -> bool:
    """Take the role away (and lapse a pending grant of it); False (no audit entry) when neither existed."""
    lapsed = RoleGrant.objects.filter(user=user, role=role, status=GrantStatus.PENDING).update(
        status=GrantStatus.REFUSED, decided_by_id=_actor_id(actor), decided_at=timezone.now()
    )
    if not _holds(user, role):
        if lapsed:
            audit_log(
                actor=actor, action="accounts.user.role_grant_refused", target=user, data={"role": role.slug}
            )
        return bool(lapsed)
    user.groups.remove(role.group)
    forget_cached_access(user)
    audit_log(actor=actor, action="accounts.user.role_removed", target=user, data={"role": role.slug})
    return True


def user_set_roles(*, actor: Actor, user: User, roles: Iterable[Role]) -> None:
    """Make ``user`` hold exactly ``roles``: one audited assignment (or pending grant) or removal per
    difference. A pending grant counts as held, so saving the same choice again changes nothing."""
    wanted = {role.pk: role for role in roles}
    with transaction.atomic():
        held = {role.pk: role for role in Role.objects.filter(group__user=user)}
        pending = {
            grant.role_id: grant.role
            for grant in RoleGrant.objects.filter(user=user, status=GrantStatus.PENDING).select_related(
                "role"
            )
        }
        current = {**held, **pending}
        for pk in sorted(wanted.keys() - current.keys()):
            user_assign_role(actor=actor, user=user, role=wanted[pk])
        for pk in sorted(current.keys() - wanted.keys()):
            user_remove_role(actor=actor, user=user, role=current[pk])
