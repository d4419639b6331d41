"""Reads about users and their roles."""

from __future__ import annotations

from typing import Any

from allauth.mfa.utils import is_mfa_enabled

from .constants import RoleSlug
from .models import Role


def user_role_slugs(user: Any) -> set[str]:
    """The roles a user holds, cached on the instance for the request."""
    if not getattr(user, "is_authenticated", False):
        return set()
    cached = getattr(user, "_klankbord_roles", None)
    if cached is None:
        cached = set(Role.objects.filter(group__user=user).values_list("slug", flat=True))
        user._klankbord_roles = cached
    return cached


def user_requires_mfa(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser or user.is_staff:
        return True
    return Role.objects.filter(group__user=user, requires_mfa=True).exists()


def user_has_mfa(user: Any) -> bool:
    cached = getattr(user, "_klankbord_has_mfa", None)
    if cached is None:
        cached = is_mfa_enabled(user)
        user._klankbord_has_mfa = cached
    return bool(cached)


def user_must_enrol_mfa(user: Any) -> bool:
    return user_requires_mfa(user) and not user_has_mfa(user)


def user_is(user: Any, role: RoleSlug) -> bool:
    return role.value in user_role_slugs(user)
