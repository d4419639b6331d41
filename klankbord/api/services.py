"""Writes for personal access tokens: create (secret returned once), revoke, mark as used."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from klankbord.accounts.selectors import user_has_mfa
from klankbord.accounts.types import User
from klankbord.audit.services import audit_log
from klankbord.core.errors import DomainError

from .constants import (
    API_PERMISSION,
    TOKEN_DEFAULT_DAYS,
    TOKEN_LAST_USED_RESOLUTION,
    TOKEN_MARKER,
    TOKEN_MAX_ACTIVE_PER_USER,
    TOKEN_MAX_DAYS,
    TOKEN_PREFIX_LENGTH,
    TOKEN_RANDOM_BYTES,
)
from .models import PersonalAccessToken
from .selectors import scopes_for_user, token_hash


def user_may_create_tokens(user: User) -> bool:
    return bool(user.is_active and user.has_perm(API_PERMISSION) and user_has_mfa(user))


def _new_secret() -> tuple[str, str]:
    random_part = secrets.token_urlsafe(TOKEN_RANDOM_BYTES)
    return f"{TOKEN_MARKER}{random_part}", random_part[:TOKEN_PREFIX_LENGTH]


def _validate(*, user: User, name: str, scopes: list[str], expires_in_days: int) -> None:
    errors: dict[str, str] = {}
    if not name.strip():
        errors["name"] = _("Geef het token een naam, zodat u het later herkent.")
    elif len(name) > PersonalAccessToken._meta.get_field("name").max_length:  # type: ignore[operator]
        errors["name"] = _("De naam mag hoogstens 100 tekens lang zijn.")
    allowed = {value for value, _label in scopes_for_user(user=user)}
    if not scopes:
        errors["scopes"] = _("Kies ten minste één scope.")
    elif not set(scopes) <= allowed:
        errors["scopes"] = _("U kunt alleen scopes kiezen waarvoor u toestemming heeft.")
    if not isinstance(expires_in_days, int) or not 1 <= expires_in_days <= TOKEN_MAX_DAYS:
        errors["expires_in_days"] = _("Een token is 1 tot 365 dagen geldig.")
    if errors:
        raise ValidationError(errors)
    active = PersonalAccessToken.objects.filter(
        user=user, revoked_at__isnull=True, expires_at__gt=timezone.now()
    ).count()
    if active >= TOKEN_MAX_ACTIVE_PER_USER:
        raise DomainError(
            _("U heeft al %(count)s actieve tokens. Trek eerst een token in dat u niet meer gebruikt.")
            % {"count": TOKEN_MAX_ACTIVE_PER_USER},
            code="too_many_tokens",
        )


def token_create(
    *, user: User, name: str, scopes: list[str], expires_in_days: int = TOKEN_DEFAULT_DAYS
) -> tuple[PersonalAccessToken, str]:
    """Create a token and return it with its secret. The secret is not stored and cannot be shown again.

    Only active users with ``accounts.use_api`` and MFA enabled may create tokens.
    """
    if not user_may_create_tokens(user):
        raise PermissionDenied(_("U mag geen API-tokens aanmaken."))
    _validate(user=user, name=name, scopes=scopes, expires_in_days=expires_in_days)
    secret, prefix = _new_secret()
    now = timezone.now()
    with transaction.atomic():
        token = PersonalAccessToken.objects.create(
            user=user,
            name=name.strip(),
            prefix=prefix,
            token_hash=token_hash(secret),
            scopes=sorted(set(scopes)),
            created_at=now,
            expires_at=now + timedelta(days=expires_in_days),
        )
        audit_log(
            actor=user,
            action="api.token.created",
            target=token,
            data={"prefix": prefix, "scopes": token.scopes, "expires_in_days": expires_in_days},
        )
    return token, secret


def token_revoke(*, actor: User, token: PersonalAccessToken) -> PersonalAccessToken:
    """Revoke ``token`` (idempotent). The owner may revoke their own tokens, a user manager anyone's."""
    if actor.pk != token.user_id and not actor.has_perm("accounts.manage_users"):
        raise PermissionDenied(_("U mag dit token niet intrekken."))
    with transaction.atomic():
        locked = PersonalAccessToken.objects.select_for_update().get(pk=token.pk)
        if locked.revoked_at is None:
            locked.revoked_at = timezone.now()
            locked.save(update_fields=["revoked_at"])
            audit_log(
                actor=actor,
                action="api.token.revoked",
                target=locked,
                data={"prefix": locked.prefix, "owner_id": locked.user_id},
            )
    token.revoked_at = locked.revoked_at
    return token


def token_mark_used(*, token: PersonalAccessToken, now: datetime) -> None:
    """Record use at most once per ``TOKEN_LAST_USED_RESOLUTION`` so busy clients do not write on every call."""
    threshold = now - TOKEN_LAST_USED_RESOLUTION
    if token.last_used_at is not None and token.last_used_at > threshold:
        return
    PersonalAccessToken.objects.filter(pk=token.pk).exclude(last_used_at__gt=threshold).update(
        last_used_at=now
    )
    token.last_used_at = now


def tokens_revoke_for_user(actor: User, user: User) -> int:
    """Revoke every active token of ``user`` (an account suspended or ended); returns how many.

    Registered with ``accounts.services.register_access_revoker`` in ``ApiConfig.ready``.
    """
    active = PersonalAccessToken.objects.filter(user=user, revoked_at__isnull=True).order_by("pk")
    tokens = list(active)
    for token in tokens:
        token_revoke(actor=actor, token=token)
    return len(tokens)
