"""Role-aware navigation as data: each entry names the permission that shows it (never a role name).

Apps register menu entries (``register``), the calls to action on the home page (``register_home_action``)
and, for a visitor without an account who is in a session of their own (a member back with a receipt code),
what the header offers instead of "Inloggen" (``register_visitor_session``).

The menu stays short: an entry with a ``group`` goes into that group's submenu (a ``<details>`` disclosure that
works without JavaScript); a group with one visible entry shows as that entry. Each role sees at most about
seven top-level entries (``tests/core/test_navigation.py`` counts them per role); everything else is reached from
the pages themselves. Entries for members (``members_only``: "Melden", "Mijn meldingen") are not shown to
staff. Adding a page for the administrator is one line in the app's ``ready``:
``register(NavItem("app:page", _("Label"), permission="app.perm", group=ADMIN))``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .homes import homes_for

CASES = "cases"
SUPPORT = "support"
NETWORK = "network"
RECRUITMENT = "recruitment"
ADMIN = "admin"
ACCOUNT = "account"


@dataclass(frozen=True)
class NavGroup:
    key: str
    label: str | Promise
    order: int


GROUPS: dict[str, NavGroup] = {
    group.key: group
    for group in (
        NavGroup(CASES, _("Zaken"), 20),
        NavGroup(SUPPORT, _("Begeleiding"), 20),
        NavGroup(NETWORK, _("Netwerk"), 30),
        NavGroup(RECRUITMENT, _("Werving"), 40),
        NavGroup(ADMIN, _("Beheer"), 60),
        NavGroup(ACCOUNT, _("Mijn account"), 90),
    )
}


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str | Promise
    permission: str | None = None  # None: every logged-in user
    anonymous: bool = False  # also shown to visitors who are not logged in
    group: str | None = None  # a key of GROUPS: shown in that group's submenu
    members_only: bool = False  # not shown to staff (anyone holding a permission)
    with_home: bool = False  # shown only to users who have a role home (core.homes)
    order: int = 50  # top-level position of an entry without a group (groups have their own)


NAVIGATION: list[NavItem] = [
    NavItem("core:home", _("Start"), anonymous=True, members_only=True, order=0),
    NavItem("core:start", _("Werkplek"), with_home=True, order=0),
    NavItem("geo:regions", _("Regio-indeling"), permission="geo.view_region", group=ADMIN),
    NavItem("api:tokens", _("API-tokens"), permission="accounts.use_api", group=ACCOUNT),
    NavItem("accounts:profile", _("Mijn profiel"), group=ACCOUNT),
]


def register(item: NavItem) -> None:
    """Apps add their own entries from ``AppConfig.ready``."""
    if all(existing.url_name != item.url_name for existing in NAVIGATION):
        NAVIGATION.append(item)


def _is_staff(user: Any) -> bool:
    """Anyone who holds a permission (every role but the council member's) is staff for the menu."""
    return bool(user.is_superuser or user.get_all_permissions())


def _shown(item: NavItem, user: Any, logged_in: bool, staff: bool, has_home: bool) -> bool:
    if not logged_in:
        return item.anonymous
    if item.members_only and staff:
        return False
    if item.with_home and not has_home:
        return False
    return not item.permission or user.has_perm(item.permission)


def visible_items(request: HttpRequest, entries: list[NavItem]) -> list[dict[str, Any]]:
    """The entries this request may see, with their URL, group and whether they are the current page."""
    user = getattr(request, "user", None)
    logged_in = bool(user and user.is_authenticated)
    staff = logged_in and _is_staff(user)
    has_home = logged_in and bool(homes_for(user))
    items = []
    for item in entries:
        if not _shown(item, user, logged_in, staff, has_home):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        items.append(
            {
                "url": url,
                "label": item.label,
                "current": request.path == url,
                "group": item.group,
                "order": item.order,
            }
        )
    return items


def menu(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The top level of the menu: plain entries and groups (``children``; a group of one shows as its entry)."""
    top: list[dict[str, Any]] = []
    groups: dict[str, dict[str, Any]] = {}
    for item in items:
        key = item["group"]
        if key is None or key not in GROUPS:
            top.append(item)
            continue
        if key not in groups:
            group = GROUPS[key]
            groups[key] = {
                "key": key,
                "label": group.label,
                "order": group.order,
                "children": [],
                "current": False,
            }
            top.append(groups[key])
        groups[key]["children"].append(item)
        groups[key]["current"] = groups[key]["current"] or item["current"]
    flattened = [
        {**entry["children"][0], "order": entry["order"]} if len(entry.get("children", ())) == 1 else entry
        for entry in top
    ]
    return sorted(flattened, key=lambda entry: entry["order"])


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
