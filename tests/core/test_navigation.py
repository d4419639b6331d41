"""Navigation by role: a short top level (groups as submenus), no member entries for staff."""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from klankbord.accounts.types import User

pytestmark = pytest.mark.django_db

ClientFor = Callable[[User | None], Client]
MAX_TOP_LEVEL = 7


def _main_nav(html: str) -> str:
    match = re.search(r'<nav aria-label="Hoofdmenu" class="main-nav">(.*?)</nav>', html, re.S)
    assert match, "no main menu"
    return match.group(1)


class _TopLevel(HTMLParser):
    """Collects the label of each item of the outer list: a link's text or a group's summary."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.labels: list[str] = []
        self.capturing = False
        self.taken = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "ul":
            self.depth += 1
        elif tag == "li" and self.depth == 1:
            self.taken = False
        elif tag in ("a", "summary") and self.depth == 1 and not self.taken:
            self.capturing, self.taken = True, True
            self.labels.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "ul":
            self.depth -= 1
        elif tag in ("a", "summary"):
            self.capturing = False

    def handle_data(self, data: str) -> None:
        if self.capturing:
            self.labels[-1] = (self.labels[-1] + data).strip()


def _top_level(html: str) -> list[str]:
    parser = _TopLevel()
    parser.feed(_main_nav(html))
    return parser.labels


def _page(client: Client) -> str:
    return client.get(reverse("core:about")).content.decode()


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        (None, ["Start", "Melden", "Vacatures"]),
        ("council_member", ["Start", "Melden", "Mijn meldingen", "Vacatures", "Mijn profiel"]),
        ("counsellor", ["Werkplek", "Inbox", "Zaken", "Signaal doorgeven", "Mijn account"]),
        ("ambassador", ["Werkplek", "Begeleiding", "Netwerk", "Signaal doorgeven", "Mijn account"]),
        ("coordinator", ["Werkplek", "Netwerk", "Werving", "Signalen", "Beheer", "Mijn account"]),
        ("selection_member", ["Werkplek", "Sollicitaties", "Mijn profiel"]),
        ("administrator", ["Werkplek", "Beheer", "Mijn account"]),
    ],
)
def test_each_role_sees_a_short_grouped_top_level(
    request: pytest.FixtureRequest, client_for: ClientFor, persona: str | None, expected: list[str]
) -> None:
    user = request.getfixturevalue(persona) if persona else None
    top = _top_level(_page(client_for(user)))
    assert top == expected
    assert len(top) <= MAX_TOP_LEVEL


@pytest.mark.parametrize(
    "persona", ["counsellor", "ambassador", "coordinator", "selection_member", "administrator"]
)
def test_staff_get_no_member_entries(
    request: pytest.FixtureRequest, client_for: ClientFor, persona: str
) -> None:
    nav = _main_nav(_page(client_for(request.getfixturevalue(persona))))
    assert "Mijn meldingen" not in nav
    assert f'href="{reverse("reports:start")}"' not in nav


def test_plain_entries_are_links_and_only_groups_are_submenus(
    client_for: ClientFor, counsellor: User
) -> None:
    nav = _main_nav(_page(client_for(counsellor)))
    assert nav.count("<details data-nav-group>") == 2  # Zaken, Mijn account
    assert f'<li><a href="{reverse("reports:inbox")}">Inbox</a></li>' in nav


def test_api_tokens_are_not_top_level_for_counsellors(client_for: ClientFor, counsellor: User) -> None:
    html = _page(client_for(counsellor))
    assert "API-tokens" not in _top_level(html)
    assert "API-tokens" in _main_nav(html)  # inside "Mijn account"


def test_groups_are_disclosures_that_work_without_javascript(client_for: ClientFor, counsellor: User) -> None:
    html = _page(client_for(counsellor))
    assert '<details class="site-menu" open data-site-menu>' in html  # open without JavaScript
    nav = _main_nav(html)
    assert "<details data-nav-group>" in nav and "<summary>Zaken</summary>" in nav


def test_the_current_page_is_marked_in_its_group(client_for: ClientFor, counsellor: User) -> None:
    html = client_for(counsellor).get(reverse("support:escalations")).content.decode()
    nav = _main_nav(html)
    assert '<summary class="current">Zaken</summary>' in nav
    assert f'<a href="{reverse("support:escalations")}" aria-current="page">' in nav
