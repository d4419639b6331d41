"""Reads about personal access tokens. Access selectors 404 for everyone but the owner."""

from __future__ import annotations

import hashlib
import hmac

from django.db.models import QuerySet
from django.http import Http404

from klankbord.accounts.types import User

from .constants import SCOPE_PERMISSIONS, TOKEN_MARKER, TOKEN_PREFIX_LENGTH, ApiScope
from .models import PersonalAccessToken

MAX_SECRET_LENGTH = 200


def token_hash(secret: str) -> str:
    """SHA-256 of the whole secret (see ``PersonalAccessToken`` for why a fast hash is right here)."""
    return hashlib.sha256(secret.encode()).hexdigest()


def tokens_for_user(*, user: User) -> QuerySet[PersonalAccessToken]:
    return PersonalAccessToken.objects.filter(user=user).order_by("-created_at", "-pk")


def token_get_for_user(*, user: User, pk: int) -> PersonalAccessToken:
    """The user's own token, or a 404 (also for tokens of others: their existence is not revealed)."""
    token = PersonalAccessToken.objects.filter(user=user, pk=pk).first()
    if token is None:
        raise Http404
    return token


def token_find(*, secret: str) -> PersonalAccessToken | None:
    """The token whose hash matches ``secret`` (with its user), compared in constant time; else ``None``."""
    if not secret.startswith(TOKEN_MARKER) or len(secret) > MAX_SECRET_LENGTH:
        return None
    prefix = secret[len(TOKEN_MARKER) : len(TOKEN_MARKER) + TOKEN_PREFIX_LENGTH]
    wanted = token_hash(secret)
    found = None
    for candidate in PersonalAccessToken.objects.filter(prefix=prefix).select_related("user"):
        if hmac.compare_digest(candidate.token_hash, wanted):
            found = candidate
    return found


def scopes_for_user(*, user: User) -> list[tuple[str, str]]:
    """The scopes ``user`` may put on a token: those whose extra permission (if any) they hold."""
    return [
        (value, str(label))
        for value, label in ApiScope.choices
        if (permission := SCOPE_PERMISSIONS.get(value)) is None or user.has_perm(permission)
    ]
