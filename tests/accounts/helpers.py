"""Helpers for account tests: real logins through allauth (password + TOTP) and a strict-CSP page check.

Import them as ``from tests.accounts.helpers import login_through_allauth``.
"""

from __future__ import annotations

import time
from html.parser import HTMLParser
from typing import Any

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from klankbord.accounts.models import User

PASSWORD = "correct horse battery staple"  # the make_user default


def totp_code(user: User, *, at: float | None = None) -> str:
    """The code the user's authenticator app shows now (``make_user`` keeps the secret on the instance)."""
    counter = int((time.time() if at is None else at) // mfa_settings.TOTP_PERIOD)
    return format_hotp_value(hotp_value(user.totp_secret, counter))  # type: ignore[attr-defined]


def post_login(client: Client, email: str, password: str = PASSWORD, **extra: Any) -> HttpResponse:
    return client.post(reverse("account_login"), {"login": email, "password": password}, **extra)


def login_through_allauth(client: Client, user: User, *, with_code: bool = True) -> HttpResponse:
    """Log in with the password and, if the user has MFA, the current TOTP code. Returns the last response."""
    response = post_login(client, user.email)
    if response.status_code == 302 and response["Location"].startswith(reverse("mfa_authenticate")):
        assert with_code, "this user has MFA: the login stops at the code"
        response = client.post(reverse("mfa_authenticate"), {"code": totp_code(user)})
    return response


def reauthenticate(client: Client) -> None:
    """Confirm the password again, as allauth asks before any change to a second factor."""
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:2000]


class _InlineCodeFinder(HTMLParser):
    """Collects everything a strict CSP (script-src 'self'; style-src 'self') would block."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if "style" in values:
            self.problems.append(f"style attribute on <{tag}>")
        self.problems += [f"event handler {name} on <{tag}>" for name in values if name.startswith("on")]
        if tag == "style":
            self.problems.append("<style> element")
        if tag == "script" and not values.get("src") and values.get("type") != "application/json":
            self.problems.append("inline <script>")
        for name in ("href", "src", "action"):
            if (values.get(name) or "").strip().lower().startswith("javascript:"):
                self.problems.append(f"javascript: URL in {name}")
            if (values.get(name) or "").startswith(("http://", "https://", "//")) and name != "href":
                self.problems.append(f"third-party {name} {values[name]}")


def csp_problems(response: HttpResponse) -> list[str]:
    finder = _InlineCodeFinder()
    finder.feed(response.content.decode())
    return finder.problems
