"""Role-aware navigation as data: each entry names the permission that shows it (never a role name).

Apps register menu entries (``register``), the calls to action on the home page (``register_home_action``)
and, for a visitor without an account who is in a session of their own (a member back with a receipt code),
what the header offers instead of "Inloggen" (``register_visitor_session``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str | Promise
    permission: str | None = None  # None: every logged-in user
    anonymous: bool = False  # also shown to visitors who are not logged in


NAVIGATION: list[NavItem] = [
    NavItem("core:home", _("Start"), anonymous=True),
    NavItem("core:dashboard", _("Overzicht")),
    NavItem("geo:regions", _("Regio-indeling"), permission="geo.view_region"),
    NavItem("api:tokens", _("API-tokens"), permission="accounts.use_api"),
    NavItem("accounts:profile", _("Mijn profiel")),
]


def register(item: NavItem, *, before: str | None = None) -> None:
    """Apps add their own entries from ``AppConfig.ready``."""
    if any(existing.url_name == item.url_name for existing in NAVIGATION):
        return
    names = [existing.url_name for existing in NAVIGATION]
    NAVIGATION.insert(names.index(before) if before in names else len(NAVIGATION) - 1, item)


def visible_items(request: HttpRequest, entries: list[NavItem]) -> list[dict[str, Any]]:
    """The entries this request may see, with their URL and whether they are the current page."""
    user = getattr(request, "user", None)
    logged_in = bool(user and user.is_authenticated)
    items = []
    for item in entries:
        if not logged_in and not item.anonymous:
            continue
        if item.permission and not (logged_in and user.has_perm(item.permission)):  # type: ignore[union-attr]
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        items.append({"url": url, "label": item.label, "current": request.path == url})
    return items


HOME_ACTIONS: list[NavItem] = []


def register_home_action(item: NavItem) -> None:
    """A button on the home page (shown by the same rules as a menu entry)."""
    if all(existing.url_name != item.url_name for existing in HOME_ACTIONS):
        HOME_ACTIONS.append(item)


@dataclass(frozen=True)
class VisitorSession:
    """What a visitor without an account is signed in to: a link to it and how to end it (a POST)."""

    label: str | Promise
    url: str
    end_url: str
    end_label: str | Promise


VisitorSessionProvider = Callable[[HttpRequest], VisitorSession | None]
VISITOR_SESSIONS: list[VisitorSessionProvider] = []


def register_visitor_session(provider: VisitorSessionProvider) -> None:
    if provider not in VISITOR_SESSIONS:
        VISITOR_SESSIONS.append(provider)


def visitor_session(request: HttpRequest) -> VisitorSession | None:
    """The session a visitor without an account is in, if any app says there is one."""
    for provider in VISITOR_SESSIONS:
        session = provider(request)
        if session is not None:
            return session
    return None
