"""An account's life after creation: suspended, reopened, ended; a lost second factor reset.

Suspending or ending takes effect at once: the account's sessions are deleted and every revoker registered by
another foundation app runs in the same transaction (the API registers the revocation of personal access tokens
in ``ApiConfig.ready``; accounts may not import api).
"""

from __future__ import annotations

from collections.abc import Callable

from allauth.mfa.models import Authenticator
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from klankbord.audit.services import audit_log
from klankbord.core.errors import DomainError

from ..constants import MFA_RESET_REASON_MAX
from ..models import GrantStatus, Role, RoleGrant, User
from ._common import forget_cached_access
from .grants import user_remove_role

AccessRevoker = Callable[[User, User], int]
"""``revoker(actor, user)``: end what ``user`` could still use without a session; returns how many it ended."""
_REVOKERS: list[AccessRevoker] = []


def register_access_revoker(revoker: AccessRevoker) -> None:
    if revoker not in _REVOKERS:
        _REVOKERS.append(revoker)


def _end_sessions(user: User) -> int:
    """Delete the user's sessions (the database backend: each session is decoded to find its user)."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator(chunk_size=500):
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()
            ended += 1
    return ended


def _revoke_access(actor: User, user: User) -> dict[str, int]:
    revoked = {"sessions": _end_sessions(user)}
    revoked["tokens"] = sum(revoker(actor, user) for revoker in _REVOKERS)
    return revoked


def _not_oneself(actor: User, user: User) -> None:
    if actor.pk == user.pk:
        raise DomainError(_("Dit kunt u niet met uw eigen account doen."), code="own_account")


def _locked(user: User) -> User:
    return User.objects.select_for_update().get(pk=user.pk)


def _set_active(user: User, current: User, *, active: bool, ended: bool = False) -> None:
    current.is_active = active
    fields = ["is_active"]
    if ended:
        current.ended_at = timezone.now()
        fields.append("ended_at")
    current.save(update_fields=fields)
    user.is_active, user.ended_at = current.is_active, current.ended_at
    forget_cached_access(user)


@transaction.atomic
def user_suspend(*, actor: User, user: User) -> None:
    """Block the account for now (reversible); its sessions and tokens end at once."""
    _not_oneself(actor, user)
    current = _locked(user)
    if current.ended_at is not None or not current.is_active:
        raise DomainError(_("Dit account is al niet actief."), code="not_active")
    _set_active(user, current, active=False)
    audit_log(actor=actor, action="accounts.user.suspended", target=user, data=_revoke_access(actor, user))


@transaction.atomic
def user_reactivate(*, actor: User, user: User) -> None:
    current = _locked(user)
    if current.ended_at is not None:
        raise DomainError(_("Een beëindigd account gaat niet meer open."), code="ended")
    if current.is_active:
        return
    _set_active(user, current, active=True)
    audit_log(actor=actor, action="accounts.user.reactivated", target=user)


@transaction.atomic
def user_end(*, actor: User, user: User) -> None:
    """End the account for good: no login, no roles, no pending grants, no sessions, no tokens."""
    _not_oneself(actor, user)
    current = _locked(user)
    if current.ended_at is not None:
        raise DomainError(_("Dit account is al beëindigd."), code="ended")
    for role in Role.objects.filter(group__user=user).order_by("slug"):
        user_remove_role(actor=actor, user=user, role=role)
    RoleGrant.objects.filter(user=user, status=GrantStatus.PENDING).update(
        status=GrantStatus.REFUSED, decided_by=actor, decided_at=timezone.now()
    )
    _set_active(user, current, active=False, ended=True)
    audit_log(actor=actor, action="accounts.user.ended", target=user, data=_revoke_access(actor, user))


@transaction.atomic
def user_mfa_reset(*, actor: User, user: User, reason: str) -> int:
    """Remove every second factor of someone who lost theirs, with the reason on record. They enrol again at
    their next login (their role requires it); their sessions end so that a stolen device's session goes too.
    Returns the number of factors removed."""
    _not_oneself(actor, user)
    reason = " ".join(reason.split())
    if not reason:
        raise DomainError(_("Vul in waarom de tweede factor wordt teruggezet."), code="reason_required")
    if len(reason) > MFA_RESET_REASON_MAX:
        raise DomainError(
            _("Een reden mag hoogstens %(max)d tekens lang zijn.") % {"max": MFA_RESET_REASON_MAX},
            code="max_length",
        )
    factors = list(Authenticator.objects.filter(user=user).values_list("type", flat=True))
    Authenticator.objects.filter(user=user).delete()
    forget_cached_access(user)
    audit_log(
        actor=actor,
        action="accounts.authenticator.reset",
        target=user,
        data={
            "types": sorted(str(kind) for kind in factors),
            "reason": reason,
            "sessions": _end_sessions(user),
        },
    )
    return len(factors)
