"""Bearer-token authentication for the API, with a required scope per endpoint.

``ApiTokenAuth(scope)`` accepts a request only when the token exists (hash compared in constant time), is
neither expired nor revoked, belongs to an active user who still holds ``accounts.use_api`` and MFA, and
carries ``scope``. On success ``request.auth`` is the token and ``request.user`` its owner.

Two limits, both counted in the shared cache (``klankbord.core.throttle``):
- **per token**: at most ``KLANKBORD_API_RATE_LIMIT`` requests per ``KLANKBORD_API_RATE_WINDOW_SECONDS``
  (clock-aligned windows, so ``Retry-After`` says when the next one starts); past it, 429;
- **bad tokens per client address**: past ``FAILED_ATTEMPTS_LIMIT`` failures in the window, every token that is
  not valid gets 429 (and a malformed one is not even looked up), while a valid token from the same address
  (a colleague behind the same office NAT, or the owner after a typo) still works. Guessing a 256-bit secret is
  hopeless anyway; the counter keeps broken clients and scanners cheap and visible.
"""

from __future__ import annotations

import math
import time
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, AuthorizationError, Throttled
from ninja.security import HttpBearer

from klankbord.accounts.selectors import user_has_mfa
from klankbord.core.throttle import client_ip, hashed, window_count, window_hit

from .constants import (
    API_PERMISSION,
    FAILED_ATTEMPTS_LIMIT,
    FAILED_ATTEMPTS_WINDOW_SECONDS,
    SCOPE_PERMISSIONS,
    TOKEN_MARKER,
    TOKEN_SECRET_LENGTH,
    ApiScope,
)
from .models import PersonalAccessToken, TokenStatus
from .selectors import token_find
from .services import token_mark_used

if TYPE_CHECKING:
    from klankbord.accounts.models import User


class TokenRefusedError(AuthenticationError):
    """401 with an RFC 6750 ``WWW-Authenticate`` challenge."""

    def __init__(self, message: str, *, error: str = "invalid_token") -> None:
        super().__init__(status_code=401, message=message)
        self.challenge = (
            f'Bearer realm="Klankbord API", error="{error}"' if error else 'Bearer realm="Klankbord API"'
        )


class ScopeRefusedError(AuthorizationError):
    def __init__(self, message: str, *, scope: str = "") -> None:
        super().__init__(status_code=403, message=message)
        scope_part = f', scope="{scope}"' if scope else ""
        self.challenge = f'Bearer realm="Klankbord API", error="insufficient_scope"{scope_part}'


def _client_ip(request: HttpRequest) -> str:
    return client_ip(request)


def _failure_key(ip: str) -> str:
    return f"klankbord:api:token-failures:{hashed(ip)}"


def failures_exceeded(ip: str) -> bool:
    return window_count(_failure_key(ip)) >= FAILED_ATTEMPTS_LIMIT


def well_formed(secret: str) -> bool:
    """Shaped like a token of ours (marker, display prefix, random part); says nothing about validity."""
    return secret.startswith(TOKEN_MARKER) and len(secret) == TOKEN_SECRET_LENGTH


def record_failure(ip: str) -> None:
    window_hit(_failure_key(ip), window_seconds=FAILED_ATTEMPTS_WINDOW_SECONDS)


class TokenRateLimitedError(Throttled):
    """429 for a valid token past its own request limit."""


def _rate_key(token: PersonalAccessToken, window: int, now: float) -> str:
    return f"klankbord:api:token-rate:{token.pk}:{int(now // window)}"


def rate_limit_wait(token: PersonalAccessToken) -> int | None:
    """Count one request of ``token``; the seconds until its next window when it is past its limit, else None."""
    window, now = settings.KLANKBORD_API_RATE_WINDOW_SECONDS, time.time()
    if window_hit(_rate_key(token, window, now), window_seconds=window) <= settings.KLANKBORD_API_RATE_LIMIT:
        return None
    return max(1, math.ceil(window - now % window))


def api_user(request: HttpRequest) -> User:
    """The owner of the token that authenticated this API request."""
    token = getattr(request, "auth", None)
    if not isinstance(token, PersonalAccessToken):
        raise TokenRefusedError(_("Geen geldig API-token meegestuurd."))
    return token.user


class ApiTokenAuth(HttpBearer):
    """Personal access token, sent as ``Authorization: Bearer kbt_…``; ``scope=None`` needs no scope."""

    openapi_bearerFormat = f"{TOKEN_MARKER}…"  # noqa: N815 (the OpenAPI field name)
    openapi_description = "Persoonlijk API-token, aan te maken op /api/tokens/ (eenmalig getoond)."

    def __init__(self, scope: ApiScope | str | None = None) -> None:
        self.scope = str(scope) if scope else None
        super().__init__()

    def __call__(self, request: HttpRequest) -> PersonalAccessToken:
        header = request.headers.get(self.header, "")
        scheme, _space, secret = header.strip().partition(" ")
        if not header:
            raise TokenRefusedError(
                _("Geen API-token meegestuurd. Gebruik de header 'Authorization: Bearer <token>'."), error=""
            )
        if scheme.lower() != self.openapi_scheme or not secret.strip():
            raise TokenRefusedError(
                _("De Authorization-header moet de vorm 'Bearer <token>' hebben."), error="invalid_request"
            )
        return self.authenticate(request, secret.strip())

    def authenticate(self, request: HttpRequest, token: str) -> PersonalAccessToken:
        ip = _client_ip(request)
        blocked = failures_exceeded(ip)
        if blocked and not well_formed(token):
            raise Throttled(wait=FAILED_ATTEMPTS_WINDOW_SECONDS)
        found = token_find(secret=token)
        if found is None:
            if blocked:
                raise Throttled(wait=FAILED_ATTEMPTS_WINDOW_SECONDS)
            record_failure(ip)
            raise TokenRefusedError(_("Dit API-token is ongeldig."))
        now = timezone.now()
        self._check_token(found, now)
        self._check_user(found.user)
        self._check_scope(found)
        wait = rate_limit_wait(found)
        if wait is not None:
            raise TokenRateLimitedError(wait=wait)
        token_mark_used(token=found, now=now)
        request.user = found.user
        return found

    def _check_token(self, token: PersonalAccessToken, now: Any) -> None:
        status = token.status_at(now)
        if status == TokenStatus.REVOKED:
            raise TokenRefusedError(_("Dit API-token is ingetrokken."))
        if status == TokenStatus.EXPIRED:
            raise TokenRefusedError(_("Dit API-token is verlopen. Maak een nieuw token aan."))

    def _check_user(self, user: Any) -> None:
        if not user.is_active:
            raise TokenRefusedError(_("Dit API-token is ongeldig."))
        if not user.has_perm(API_PERMISSION) or not user_has_mfa(user):
            raise ScopeRefusedError(_("U heeft geen toestemming (meer) om de API te gebruiken."))

    def _check_scope(self, token: PersonalAccessToken) -> None:
        if self.scope is None:
            return
        if self.scope not in token.scopes:
            raise ScopeRefusedError(
                _("Dit API-token heeft niet de benodigde scope '%(scope)s'.") % {"scope": self.scope},
                scope=self.scope,
            )
        needed = SCOPE_PERMISSIONS.get(self.scope)
        if needed and not token.user.has_perm(needed):
            raise ScopeRefusedError(
                _("U heeft geen toestemming (meer) voor de scope '%(scope)s'.") % {"scope": self.scope},
                scope=self.scope,
            )
