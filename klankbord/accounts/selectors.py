"""Reads about users and their roles."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.apps import apps
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .invitation_tokens import invitation_token_hash
from .models import GrantStatus, Invitation, Role, RoleGrant, User
from .types import AnyUser

if TYPE_CHECKING:
    from klankbord.audit.models import AuditEntry as AuditEntryType

# Per-request caches kept on the user object (cleared by ``accounts.services`` when roles change).
ROLES_CACHE = "_klankbord_roles"
MFA_CACHE = "_klankbord_has_mfa"


def authenticated_user(request: HttpRequest) -> User:
    """``request.user`` in a view behind a login gate, typed as a ``User`` (never anonymous there)."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user


def user_role_slugs(user: AnyUser) -> set[str]:
    """The roles a user holds, cached on the instance for the request."""
    if not isinstance(user, User):  # an anonymous visitor
        return set()
    cached: set[str] | None = getattr(user, ROLES_CACHE, None)
    if cached is None:
        cached = set(Role.objects.filter(group__user=user).values_list("slug", flat=True))
        setattr(user, ROLES_CACHE, cached)
    return cached


def user_roles(user: AnyUser) -> list[Role]:
    """The Role objects a user holds, in a stable order."""
    if not isinstance(user, User):  # an anonymous visitor
        return []
    return list(Role.objects.filter(group__user=user).order_by("slug"))


def user_requires_mfa(user: AnyUser) -> bool:
    if not isinstance(user, User):  # an anonymous visitor
        return False
    if user.is_superuser or user.is_staff:
        return True
    return Role.objects.filter(group__user=user, requires_mfa=True).exists()


def user_has_mfa(user: AnyUser) -> bool:
    cached: bool | None = getattr(user, MFA_CACHE, None)
    if cached is None:
        cached = is_mfa_enabled(user)
        setattr(user, MFA_CACHE, cached)
    return bool(cached)


def user_must_enrol_mfa(user: AnyUser) -> bool:
    return user_requires_mfa(user) and not user_has_mfa(user)


@dataclass(frozen=True)
class MFAStatus:
    """What the profile page shows about a user's second factors (never a secret)."""

    required: bool
    totp: bool
    security_keys: int
    recovery_codes_left: int | None  # None: no recovery codes set up

    @property
    def enabled(self) -> bool:
        return self.totp or self.security_keys > 0


def user_mfa_status(user: User) -> MFAStatus:
    totp, keys, codes_left = False, 0, None
    for authenticator in Authenticator.objects.filter(user_id=user.pk):
        if authenticator.type == Authenticator.Type.TOTP:
            totp = True
        elif authenticator.type == Authenticator.Type.WEBAUTHN:
            keys += 1
        elif authenticator.type == Authenticator.Type.RECOVERY_CODES:
            codes_left = len(authenticator.wrap().get_unused_codes())
    return MFAStatus(
        required=user_requires_mfa(user), totp=totp, security_keys=keys, recovery_codes_left=codes_left
    )


def users_for_admin() -> QuerySet[User]:
    """Users with their roles prefetched: one query per page, however many users and roles."""
    return User.objects.prefetch_related("groups__role")


def users_with_permission(permission: str) -> QuerySet[User]:
    """Active users who hold ``permission`` ("app_label.codename") through one of their roles' groups."""
    app_label, codename = permission.split(".", 1)
    return (
        User.objects.filter(
            is_active=True,
            groups__permissions__content_type__app_label=app_label,
            groups__permissions__codename=codename,
        )
        .distinct()
        .order_by("display_name", "pk")
    )


# --- user administration -------------------------------------------------------------------------------------


class UserStatus:
    """The status filter of the user list: derived from the account's fields, not stored."""

    ACTIVE = "active"
    INVITED = "invited"
    SUSPENDED = "suspended"
    ENDED = "ended"


def user_status(user: User) -> str:
    if user.ended_at is not None:
        return UserStatus.ENDED
    if not user.is_active:
        return UserStatus.SUSPENDED
    if not user.has_usable_password():
        return UserStatus.INVITED
    return UserStatus.ACTIVE


def users_search(*, query: str = "", role: str = "", status: str = "") -> QuerySet[User]:
    """The user list: search in address and name, filter by role and status; roles prefetched (one query per
    page however many users and roles)."""
    users = User.objects.prefetch_related("groups__role").order_by("email")
    if query.strip():
        users = users.filter(Q(email__icontains=query.strip()) | Q(display_name__icontains=query.strip()))
    if role:
        users = users.filter(groups__role__slug=role)
    if status == UserStatus.ENDED:
        users = users.filter(ended_at__isnull=False)
    elif status == UserStatus.SUSPENDED:
        users = users.filter(ended_at__isnull=True, is_active=False)
    elif status == UserStatus.INVITED:
        users = users.filter(
            ended_at__isnull=True, is_active=True, password__startswith=UNUSABLE_PASSWORD_PREFIX
        )
    elif status == UserStatus.ACTIVE:
        users = users.filter(is_active=True, ended_at__isnull=True).exclude(
            password__startswith=UNUSABLE_PASSWORD_PREFIX
        )
    return users.distinct()


def user_for_admin(*, pk: int) -> User:
    """One user for the administration pages (404 when unknown)."""
    try:
        return User.objects.prefetch_related("groups__role").get(pk=pk)
    except User.DoesNotExist as error:
        raise Http404 from error


def all_roles() -> list[Role]:
    return list(Role.objects.order_by("slug"))


def role_grants_pending() -> QuerySet[RoleGrant]:
    return RoleGrant.objects.filter(status=GrantStatus.PENDING).select_related("user", "role", "granted_by")


def role_grants_of_user(user: User) -> list[RoleGrant]:
    return list(RoleGrant.objects.filter(user=user).select_related("role", "granted_by", "decided_by")[:20])


def role_grant_for_decision(*, pk: int) -> RoleGrant:
    try:
        return RoleGrant.objects.select_related("user", "role").get(pk=pk)
    except RoleGrant.DoesNotExist as error:
        raise Http404 from error


def invitation_user(*, token: str) -> User | None:
    """The person a valid (unused, unexpired) invitation link is for, or None."""
    invitation = (
        Invitation.objects.select_related("user")
        .filter(
            token_hash=invitation_token_hash(token),
            used_at__isnull=True,
            expires_at__gt=timezone.now(),
            user__is_active=True,
            user__ended_at__isnull=True,
        )
        .first()
    )
    if invitation is None or invitation.user.has_usable_password():
        return None
    return invitation.user


def user_names(user_ids: Iterable[int]) -> dict[int, str]:
    """Names of the users who still exist, for showing ``user:N`` as a person (one query)."""
    ids = {pk for pk in user_ids if pk is not None}
    if not ids:
        return {}
    return {
        user.pk: str(user) for user in User.objects.filter(pk__in=ids).only("pk", "email", "display_name")
    }


def users_for_choice() -> list[tuple[int, str]]:
    return [
        (user.pk, str(user)) for user in User.objects.only("pk", "email", "display_name").order_by("email")
    ]


# --- the readable audit trail (klankbord.accounts.views.audit) -------------------------------------------------


@dataclass(frozen=True)
class AuditFilters:
    person: int | None = None
    object_type: str = ""
    object_id: str = ""
    action: str = ""
    start: date | None = None
    end: date | None = None  # inclusive: the whole day

    def as_data(self) -> dict[str, str | int | None]:
        """The filters as audit data (primitives) for the export's own entry."""
        return {
            "person": self.person,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "action": self.action,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
        }


@dataclass(frozen=True)
class AuditRow:
    """One audit entry as a person reads it: names for users who still exist, a label for the action."""

    sequence: int
    created_at: datetime
    actor: str
    action: str
    action_label: str
    object_type: str
    object_label: str
    object_id: str
    ip_address: str
    data: dict[str, object]


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def audit_entries(filters: AuditFilters) -> QuerySet[AuditEntryType]:
    from klankbord.audit.selectors import entries_search

    return entries_search(
        actor_id=filters.person,
        object_type=filters.object_type,
        object_id=filters.object_id,
        action=filters.action,
        start=_day_start(filters.start) if filters.start else None,
        end=_day_start(filters.end + timedelta(days=1)) if filters.end else None,
    )


def _object_label(object_type: str) -> str:
    if not object_type:
        return ""
    try:
        return str(apps.get_model(object_type)._meta.verbose_name)
    except (LookupError, ValueError):
        return object_type


def audit_rows(entries: Iterable[AuditEntryType]) -> list[AuditRow]:
    """Readable rows for a page of entries (one query for all the names on it)."""
    from klankbord.audit.labels import action_label

    entries = list(entries)
    user_ids = {entry.actor_id for entry in entries if entry.actor_id is not None}
    user_ids |= {
        int(e.object_id) for e in entries if e.object_type == "accounts.user" and e.object_id.isdigit()
    }
    names = user_names(user_ids)
    rows = []
    for entry in entries:
        actor = names.get(entry.actor_id or 0) or entry.actor_label
        object_label = _object_label(entry.object_type)
        if entry.object_type == "accounts.user" and entry.object_id.isdigit():
            object_label = names.get(int(entry.object_id)) or f"{object_label} {entry.object_id}"
        rows.append(
            AuditRow(
                sequence=entry.sequence,
                created_at=entry.created_at,
                actor=actor if entry.actor_id or actor != "anonymous" else str(_("onbekend")),
                action=entry.action,
                action_label=action_label(entry.action) or entry.action,
                object_type=entry.object_type,
                object_label=object_label,
                object_id=entry.object_id,
                ip_address=entry.ip_address or "",
                data=dict(entry.data),
            )
        )
    return rows


def audit_action_choices() -> list[tuple[str, str]]:
    from klankbord.audit.labels import action_label
    from klankbord.audit.selectors import actions_in_use

    return [(code, action_label(code) or code) for code in actions_in_use()]


def user_has_or_awaits_perm(user: User, permission: str) -> bool:
    """Whether ``user`` has ``permission`` or will have it once a pending grant is confirmed (four eyes): for
    preparing what a role needs (an ambassador's profile) before the second person confirms."""
    from .roles import ROLE_PERMISSIONS

    if user.has_perm(permission):
        return True
    pending = RoleGrant.objects.filter(user=user, status=GrantStatus.PENDING).values_list(
        "role__slug", flat=True
    )
    return any(permission in ROLE_PERMISSIONS.get(slug, set()) for slug in pending)
