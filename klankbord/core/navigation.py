"""Role-aware navigation as data: each entry names the permission that shows it (never a role name)."""

from __future__ import annotations

from dataclasses import dataclass

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
