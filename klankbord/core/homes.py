"""A home per role: where each user lands after login, and the panels each domain app contributes to it.

Homes are data, keyed by the permission that opens them (never a role name). ``/start/`` (``core:start``, the
``LOGIN_REDIRECT_URL``) sends a user to their most specific home: the one they chose last in this session if
they still hold it, else the lowest ``rank`` they hold. A user with several homes switches between them on the
home page. A user with no home (a council member) goes to the first page a *landing* provider names (reports:
their reports, when they have any) or to the public home with its "Melding doen" button.

Core never imports a domain app: apps register their panels from ``AppConfig.ready`` with ``register_home_panel``.
A panel's ``provider(user)`` reads the app's own selectors and returns the panel's template context (or None to
hide it); it must run a fixed number of queries however much data there is (``tests/core/test_homes.py`` and
each app's query-count guard). Adding a link to the administrator's home is one line: ``register_home_link``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

COUNSELLOR_HOME = "vertrouwenspersoon"
AMBASSADOR_HOME = "ambassadeur"
COORDINATOR_HOME = "coordinator"
SELECTION_HOME = "selectiecommissie"
ADMINISTRATOR_HOME = "beheer"


@dataclass(frozen=True)
class RoleHome:
    slug: str
    label: str | Promise
    permission: str
    rank: int  # lower is more specific: the dispatcher picks the lowest a user holds


HOMES: list[RoleHome] = [
    RoleHome(COUNSELLOR_HOME, _("Werkplek vertrouwenspersoon"), "reports.view_report", 10),
    RoleHome(AMBASSADOR_HOME, _("Werkplek regioambassadeur"), "support.add_contactmoment", 20),
    RoleHome(COORDINATOR_HOME, _("Werkplek coördinator"), "network.manage_gatherings", 30),
    RoleHome(SELECTION_HOME, _("Werkplek selectiecommissie"), "recruitment.score_applications", 40),
    RoleHome(ADMINISTRATOR_HOME, _("Werkplek beheer"), "accounts.manage_users", 50),
]

HOME_SESSION_KEY = "klankbord_home"


def home_get(slug: str) -> RoleHome | None:
    return next((home for home in HOMES if home.slug == slug), None)


def homes_for(user: Any) -> list[RoleHome]:
    """The homes ``user`` may open, most specific first."""
    if not (user is not None and user.is_authenticated):
        return []
    return sorted((home for home in HOMES if user.has_perm(home.permission)), key=lambda home: home.rank)


PanelProvider = Callable[[Any], "dict[str, Any] | None"]


@dataclass(frozen=True)
class HomePanel:
    """One block of a role home: ``template`` rendered with ``provider(user)`` (None hides the panel)."""

    home: str
    key: str
    title: str | Promise
    template: str
    provider: PanelProvider
    permission: str | None = None
    order: int = 100
    wide: bool = False  # spans the whole width (the counsellor's inbox)


HOME_PANELS: list[HomePanel] = []


def register_home_panel(panel: HomePanel) -> None:
    if all((existing.home, existing.key) != (panel.home, panel.key) for existing in HOME_PANELS):
        HOME_PANELS.append(panel)


@dataclass
class RenderedPanel:
    panel: HomePanel
    context: dict[str, Any] = field(default_factory=dict)


def home_panels(home: RoleHome, user: Any) -> list[RenderedPanel]:
    """The panels of ``home`` that ``user`` may see, in order, each with the context its provider returned."""
    rendered = []
    for panel in sorted((p for p in HOME_PANELS if p.home == home.slug), key=lambda p: p.order):
        if panel.permission and not user.has_perm(panel.permission):
            continue
        context = panel.provider(user)
        if context is not None:
            rendered.append(RenderedPanel(panel, context))
    return rendered


@dataclass(frozen=True)
class HomeLink:
    """A link on a home's list of pages (the administrator's users, roles, keys, audit, failed deliveries)."""

    home: str
    url_name: str
    label: str | Promise
    text: str | Promise = ""
    permission: str | None = None
    query: str = ""  # appended to the URL (a filter of the admin's list: ``status__exact=FAILED``)


HOME_LINKS: list[HomeLink] = []


def register_home_link(link: HomeLink) -> None:
    if all((e.home, e.url_name, e.query) != (link.home, link.url_name, link.query) for e in HOME_LINKS):
        HOME_LINKS.append(link)


def home_links(home: RoleHome, user: Any) -> list[dict[str, Any]]:
    """The links of ``home`` that ``user`` may follow, with their URL; a page that does not exist is left out."""
    links = []
    for link in HOME_LINKS:
        if link.home != home.slug or (link.permission and not user.has_perm(link.permission)):
            continue
        try:
            url = reverse(link.url_name)
        except NoReverseMatch:
            continue
        links.append(
            {"url": f"{url}?{link.query}" if link.query else url, "label": link.label, "text": link.text}
        )
    return links


LandingProvider = Callable[[Any], "str | None"]
LANDINGS: list[LandingProvider] = []


def register_landing(provider: LandingProvider) -> None:
    """For a user without a home: a provider returns the URL to land on (their reports), or None."""
    if provider not in LANDINGS:
        LANDINGS.append(provider)


def landing_for(user: Any) -> str | None:
    for provider in LANDINGS:
        url = provider(user)
        if url:
            return url
    return None
