"""Each role's home and the menu in a real browser, at 1280 and 390 px: axe-clean, the small-screen menu button,
submenus that open and close from the keyboard. Screenshots go to var/screenshots/ (for the user guides)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from klankbord.accounts.constants import RoleSlug
from tests.factories.browser import axe_check, login
from tests.factories.reports import make_report

pytestmark = pytest.mark.browser

SHOTS = Path(settings.VAR_DIR) / "screenshots"
ROLES = [
    (RoleSlug.COUNSELLOR, "vertrouwenspersoon"),
    (RoleSlug.AMBASSADOR, "ambassadeur"),
    (RoleSlug.COORDINATOR, "coordinator"),
    (RoleSlug.SELECTION_COMMITTEE, "selectiecommissie"),
    (RoleSlug.ADMINISTRATOR, "beheer"),
]


@pytest.mark.parametrize(("role", "slug"), ROLES, ids=[slug for _role, slug in ROLES])
def test_each_role_lands_on_an_accessible_home_at_desktop_and_phone_width(
    page: Page, live_server: Any, make_user: Any, role: RoleSlug, slug: str
) -> None:
    make_report(status="intake", urgent=True)
    user = make_user(role, is_staff=role == RoleSlug.ADMINISTRATOR)
    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, live_server, user, user.totp_secret)
    assert page.url.endswith(f"/werkplek/{slug}/")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"home-{slug}-1280.png"), full_page=True)
    axe_check(page)
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    page.screenshot(path=str(SHOTS / f"home-{slug}-390.png"), full_page=True)
    axe_check(page)


def test_on_a_phone_the_menu_is_a_button_and_submenus_work_from_the_keyboard(
    page: Page, live_server: Any, make_user: Any
) -> None:
    counsellor = make_user(RoleSlug.COUNSELLOR)
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, live_server, counsellor, counsellor.totp_secret)
    nav = page.get_by_role("navigation", name="Hoofdmenu")
    inbox = nav.get_by_role("link", name="Inbox", exact=True)
    expect(inbox).to_be_hidden()  # the menu is closed on a phone
    page.locator(".menu-button").click()
    expect(inbox).to_be_visible()
    page.locator("summary", has_text="Zaken").focus()
    page.keyboard.press("Enter")
    escalations = nav.get_by_role("link", name="Escalaties")
    expect(escalations).to_be_visible()
    escalations.focus()
    page.keyboard.press("Escape")
    expect(escalations).to_be_hidden()
    expect(page.locator("summary", has_text="Zaken")).to_be_focused()


def test_on_a_desktop_the_menu_is_open_and_one_submenu_at_a_time(
    page: Page, live_server: Any, make_user: Any
) -> None:
    coordinator = make_user(RoleSlug.COORDINATOR)
    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, live_server, coordinator, coordinator.totp_secret)
    expect(page.locator(".menu-button")).to_be_hidden()
    nav = page.get_by_role("navigation", name="Hoofdmenu")
    nav.locator("summary", has_text="Netwerk").click()
    expect(nav.get_by_role("link", name="Ambassadeurs")).to_be_visible()
    nav.locator("summary", has_text="Werving").click()
    expect(nav.get_by_role("link", name="Ambassadeurs")).to_be_hidden()
    expect(nav.get_by_role("link", name="Sollicitaties")).to_be_visible()
    axe_check(page)
