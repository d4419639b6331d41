"""The UI shell in a real browser: assets, keyboard use, language switch, accessibility, login with MFA."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from klankbord.accounts.constants import RoleSlug
from tests.factories.browser import axe_check, login

pytestmark = pytest.mark.browser


def test_home_page_loads_its_stylesheet_and_htmx_without_errors(page: Page, live_server: Any) -> None:
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)

    page.goto(live_server.url + "/")

    assert failed == []
    assert page.evaluate("typeof window.htmx") == "object"
    # The stylesheet applied: the skip link is moved off-screen until it gets focus.
    assert page.locator(".skip-link").evaluate(
        "el => el.getBoundingClientRect().bottom <= 0 || el.getBoundingClientRect().right <= 0"
    )
    assert page.evaluate("document.styleSheets.length") >= 1


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_main_content(
    page: Page, live_server: Any
) -> None:
    page.goto(live_server.url + "/")

    page.keyboard.press("Tab")
    skip_link = page.locator(".skip-link")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    page.keyboard.press("Enter")

    expect(page.locator("main#main")).to_be_focused()


def test_language_switch_shows_english_and_back_dutch(page: Page, live_server: Any) -> None:
    page.goto(live_server.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")

    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("link", name="Skip to content")).to_have_count(1)

    page.get_by_role("button", name="Nederlands").click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("link", name="Naar de inhoud")).to_have_count(1)


@pytest.mark.parametrize("path", ["/", "/accounts/login/"], ids=["home", "login"])
def test_page_has_no_serious_accessibility_violation(page: Page, live_server: Any, path: str) -> None:
    page.goto(live_server.url + path)
    axe_check(page)


def test_not_found_page_is_dutch_and_accessible(page: Page, live_server: Any) -> None:
    response = page.goto(live_server.url + "/bestaat-niet/")

    assert response is not None and response.status == 404
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    axe_check(page)


def test_demo_counsellor_logs_in_with_a_totp_code(page: Page, live_server: Any, make_user: Any) -> None:
    counsellor = make_user(RoleSlug.COUNSELLOR)

    login(page, live_server, counsellor, counsellor.totp_secret)

    page.goto(live_server.url + "/")
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()
    assert "/accounts/2fa/" not in page.url


@pytest.mark.parametrize("run", [1, 2])
def test_reference_data_and_roles_are_present_in_every_browser_test(run: int) -> None:
    """Browser tests flush the database afterwards; the serialized rollback must bring everything back."""
    from klankbord.accounts.models import Role
    from klankbord.geo.models import Municipality

    assert Role.objects.count() == len(RoleSlug)
    assert Municipality.objects.count() == 342
