"""The region pages in a real browser: accessible, and the htmx move works alongside the no-JS path."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from klankbord.accounts.constants import RoleSlug
from klankbord.geo.models import Municipality, RegionScheme
from klankbord.geo.selectors import region_of
from klankbord.geo.services import scheme_create_custom
from tests.factories.browser import axe_check, login

pytestmark = pytest.mark.browser


@pytest.fixture
def admin_page(page: Page, live_server: Any, make_user: Any) -> Page:
    administrator = make_user(RoleSlug.ADMINISTRATOR, is_staff=True)
    login(page, live_server, administrator, administrator.totp_secret)
    return page


def test_the_regions_page_is_accessible(admin_page: Page, live_server: Any) -> None:
    admin_page.goto(live_server.url + "/regio/")
    expect(admin_page.get_by_role("heading", name="Actieve indeling: Provincies")).to_be_visible()
    axe_check(admin_page)


def test_creating_a_scheme_and_moving_a_municipality_with_htmx(admin_page: Page, live_server: Any) -> None:
    admin_page.goto(live_server.url + "/regio/")
    admin_page.get_by_label("Naam van de nieuwe indeling").fill("Netwerk")
    admin_page.get_by_label("Begin met een kopie van").select_option(label="Provincies")
    admin_page.get_by_role("button", name="Indeling maken").click()
    expect(admin_page.get_by_role("heading", name="Netwerk", exact=True)).to_be_visible()
    axe_check(admin_page)

    admin_page.get_by_label("Gemeente", exact=True).select_option(label="Ede")
    admin_page.get_by_label("Naar regio").select_option(label="Utrecht")
    url_before = admin_page.url
    admin_page.get_by_role("button", name="Verplaatsen").click()
    expect(admin_page.get_by_text("Ede hoort nu bij Utrecht.")).to_be_focused()
    assert admin_page.url == url_before  # swapped in place by htmx, no page load
    scheme = RegionScheme.objects.get(slug="netwerk")
    assert region_of(Municipality.objects.get(name="Ede"), scheme).name == "Utrecht"
    axe_check(admin_page)


def test_a_move_with_errors_shows_the_summary_accessibly(admin_page: Page, live_server: Any) -> None:
    scheme_create_custom(actor=None, name="Netwerk", copy_from=RegionScheme.objects.get(slug="provincies"))
    admin_page.goto(live_server.url + "/regio/netwerk/")
    admin_page.get_by_role("button", name="Verplaatsen").click()
    expect(admin_page.get_by_text("Kies een gemeente.").first).to_be_visible()
    axe_check(admin_page)
