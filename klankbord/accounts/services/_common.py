"""Helpers shared by the account services."""

from __future__ import annotations

from ..models import User
from ..selectors import MFA_CACHE, ROLES_CACHE


def forget_cached_access(user: User) -> None:
    """Drop what this request cached about the user's roles, factors and permissions."""
    for attribute in (ROLES_CACHE, MFA_CACHE, "_perm_cache", "_group_perm_cache", "_user_perm_cache"):
        if hasattr(user, attribute):
            delattr(user, attribute)
