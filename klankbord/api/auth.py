"""Bearer-token authentication for the API, with a required scope per endpoint.

``ApiTokenAuth(scope)`` accepts a request only when the token exists (hash compared in constant time), is
neither expired nor revoked, belongs to an active user who still holds ``accounts.use_api`` and MFA, and
carries ``scope``. Failed guesses are counted per client IP; past the limit the API answers 429 without
looking tokens up. On success ``request.auth`` is the token and ``request.user`` its owner.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

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


def record_failure(ip: str) -> None:
    window_hit(_failure_key(ip), window_seconds=FAILED_ATTEMPTS_WINDOW_SECONDS)


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
        if failures_exceeded(ip):
            raise Throttled(wait=FAILED_ATTEMPTS_WINDOW_SECONDS)
        found = token_find(secret=token)
        if found is None:
            record_failure(ip)
            raise TokenRefusedError(_("Dit API-token is ongeldig."))
        now = timezone.now()
        self._check_token(found, now)
        self._check_user(found.user)
        self._check_scope(found)
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
