"""Reads about users and their roles."""

from __future__ import annotations

from dataclasses import dataclass

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest

from .models import Role, User
from .types import AnyUser

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
