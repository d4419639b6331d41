"""Security events in the audit trail: logins, failures, logouts, second factors and password resets.

allauth and Django announce these with signals; the receivers here only record them (no flow depends on
them). Each entry carries the client address from the request being served (``audit.context``). Only primitives
are stored: the user's id, the kind of factor; never an attempted address, password or code.

The lockout and the password-reset request have no signal: ``accounts.adapters.AccountAdapter`` records them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from allauth.account import signals as account_signals
from allauth.mfa import signals as mfa_signals
from allauth.mfa.models import Authenticator
from django.contrib.auth import signals as auth_signals

from klankbord.audit.services import audit_log
from klankbord.core.throttle import client_ip

from .models import User


def _user_for_login(credentials: Mapping[str, Any]) -> User | None:
    login = credentials.get("email") or credentials.get("username") or ""
    if not isinstance(login, str) or not login.strip():
        return None
    return User.objects.filter(email__iexact=login.strip()).first()


def record_login_failed(*, credentials: Mapping[str, Any]) -> None:
    """A wrong password (or an unknown address: then the entry names no account)."""
    user = _user_for_login(credentials)
    audit_log(
        actor=None,
        action="accounts.session.login_failed",
        object_type="accounts.user" if user else "",
        object_id=user.pk if user else "",
    )


def record_locked_out(*, credentials: Mapping[str, Any]) -> None:
    """A login refused because of too many failures for this account or this address."""
    user = _user_for_login(credentials)
    audit_log(
        actor=None,
        action="accounts.session.locked_out",
        object_type="accounts.user" if user else "",
        object_id=user.pk if user else "",
    )


def record_password_reset_requested(*, email: str) -> None:
    user = _user_for_login({"email": email})
    if user is not None:
        audit_log(actor=None, action="accounts.password.reset_requested", target=user)


def _on_logged_in(sender: Any, request: Any, user: User, **kwargs: Any) -> None:
    audit_log(actor=user, action="accounts.session.logged_in", target=user, ip_address=_address(request))


def _on_logged_out(sender: Any, request: Any, user: User | None, **kwargs: Any) -> None:
    if user is not None and user.pk is not None:
        audit_log(actor=user, action="accounts.session.logged_out", target=user, ip_address=_address(request))


def _on_login_failed(sender: Any, credentials: Mapping[str, Any], request: Any = None, **kwargs: Any) -> None:
    record_login_failed(credentials=credentials)


def _on_password_reset(sender: Any, request: Any, user: User, **kwargs: Any) -> None:
    audit_log(actor=user, action="accounts.password.reset_done", target=user, ip_address=_address(request))


def _on_password_changed(sender: Any, request: Any, user: User, **kwargs: Any) -> None:
    audit_log(actor=user, action="accounts.password.changed", target=user, ip_address=_address(request))


def _address(request: Any) -> str | None:
    """allauth sends some signals after commit, when the request's audit context may be gone: ask it."""
    return client_ip(request) if request is not None else None


def _factor(action: str, request: Any, user: User, authenticator: Authenticator) -> None:
    audit_log(
        actor=user,
        action=action,
        target=user,
        data={"type": str(authenticator.type)},
        ip_address=_address(request),
    )


def _on_factor_added(
    sender: Any, request: Any, user: User, authenticator: Authenticator, **kwargs: Any
) -> None:
    _factor("accounts.authenticator.added", request, user, authenticator)


def _on_factor_removed(
    sender: Any, request: Any, user: User, authenticator: Authenticator, **kwargs: Any
) -> None:
    _factor("accounts.authenticator.removed", request, user, authenticator)


def _on_factor_reset(
    sender: Any, request: Any, user: User, authenticator: Authenticator, **kwargs: Any
) -> None:
    _factor("accounts.authenticator.regenerated", request, user, authenticator)


def _on_factor_used(
    sender: Any, request: Any, user: User, authenticator: Authenticator, **kwargs: Any
) -> None:
    if authenticator.type == Authenticator.Type.RECOVERY_CODES:
        _factor("accounts.authenticator.recovery_code_used", request, user, authenticator)


def connect() -> None:
    """Called from ``AccountsConfig.ready``. The login is allauth's signal: only a real login through the login
    flow counts (a test's ``force_login`` is not a login somebody did)."""
    receivers = [
        (account_signals.user_logged_in, _on_logged_in),
        (auth_signals.user_logged_out, _on_logged_out),
        (auth_signals.user_login_failed, _on_login_failed),
        (account_signals.password_reset, _on_password_reset),
        (account_signals.password_changed, _on_password_changed),
        (mfa_signals.authenticator_added, _on_factor_added),
        (mfa_signals.authenticator_removed, _on_factor_removed),
        (mfa_signals.authenticator_reset, _on_factor_reset),
        (mfa_signals.authenticator_used, _on_factor_used),
    ]
    for signal, receiver in receivers:
        signal.connect(receiver, dispatch_uid=f"klankbord.accounts.security.{receiver.__name__}")
