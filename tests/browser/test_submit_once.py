"""One submission per click in a real browser: a double click on "Melding versturen" stores one report, and
the page the member ends on shows its receipt code, with JavaScript (the button is busy) and without (the
server's submission key answers the second post with the first result)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from klankbord.core.models import Submission
from klankbord.reports.models import Report
from tests.factories.browser import ConsoleWatch

pytestmark = pytest.mark.browser


@pytest.fixture
def page_without_javascript(browser: Browser, live_server: Any, console: ConsoleWatch) -> Iterator[Page]:
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", java_script_enabled=False)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def _fill_and_double_click(page: Page, live_server: Any) -> None:
    page.goto(f"{live_server.url}/melden/formulier/?acute_danger=nee")
    page.get_by_label("In welke gemeente bent u actief?").select_option(label="Utrecht")
    page.get_by_label("Wat is er gebeurd?").fill("Twee keer op versturen gedrukt na een bedreiging.")
    page.get_by_role("button", name="Melding versturen").dblclick()
    expect(page.get_by_role("heading", name="Uw melding is ontvangen")).to_be_visible()


def test_a_double_click_on_send_stores_one_report_and_shows_its_receipt(page: Page, live_server: Any) -> None:
    _fill_and_double_click(page, live_server)
    assert re.fullmatch(r"\d{4}( \d{4}){4}", page.locator("#receipt-code").inner_text())
    assert Report.objects.count() == 1


def test_without_javascript_a_double_click_still_stores_one_report_and_shows_its_receipt(
    page_without_javascript: Page, live_server: Any
) -> None:
    _fill_and_double_click(page_without_javascript, live_server)
    assert re.fullmatch(r"\d{4}( \d{4}){4}", page_without_javascript.locator("#receipt-code").inner_text())
    assert Report.objects.count() == 1
    assert Submission.objects.count() == 1
