"""The acute path in a real browser, from report to claimed (issue 11, "Must show").

A member answers "acuut gevaar" with yes and reports; the receipt says plainly what happens now and repeats 112
and the 24/7 line. A counsellor then sees the acute banner on the dashboard and the inbox, opens the report from
it and claims it, after which the banner is gone from every page.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core import mail
from playwright.sync_api import Browser, Page, expect

from klankbord.accounts.constants import RoleSlug
from klankbord.reports.models import Report
from tests.factories.browser import ConsoleWatch, axe_check, login

pytestmark = pytest.mark.browser

BANNER_TEXT = "Een melding van acuut gevaar is nog door niemand opgepakt."


@pytest.fixture
def counsellor_page(browser: Browser, live_server: Any, console: ConsoleWatch) -> Iterator[Page]:
    """The counsellor's browser (its own cookies), watched for console errors like ``page``."""
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", timezone_id="Europe/Amsterdam")
    context.set_default_timeout(30_000)
    yield console.watch(context.new_page())
    context.close()


def _report_acute_danger(page: Page, live_server: Any) -> None:
    page.goto(f"{live_server.url}/melden/")
    page.get_by_label("Ja").check()
    expect(page.locator("#triage-guidance").get_by_text("Bel 112")).to_be_visible()
    page.get_by_role("button", name="Verder naar de melding").click()
    expect(page.get_by_role("heading", name="Uw melding", exact=True)).to_be_visible()
    page.get_by_label("In welke gemeente bent u actief?").select_option(label="Utrecht")
    page.get_by_label("Wat is er gebeurd?").fill("Er staat iemand voor mijn deur die mij bedreigt.")
    page.get_by_label("Bedreiging of intimidatie").check()
    page.get_by_role("button", name="Melding versturen").click()
    expect(page.get_by_role("heading", name="Uw melding is ontvangen")).to_be_visible()


def test_an_acute_report_is_announced_to_counsellors_until_one_claims_it(
    page: Page, counsellor_page: Page, live_server: Any, make_user: Any
) -> None:
    counsellor = make_user(RoleSlug.COUNSELLOR)

    # The receipt says what happens now, not "within 2 working days", and repeats 112 and the 24/7 line.
    _report_acute_danger(page, live_server)
    now = page.get_by_role("region", name="U meldde acuut gevaar: dit gebeurt er nu")
    expect(now).to_be_visible()
    expect(now.get_by_text("Alle vertrouwenspersonen zijn nu gewaarschuwd.")).to_be_visible()
    expect(now.get_by_text("Bel 112.")).to_be_visible()
    expect(now.get_by_role("link", name="112", exact=True)).to_have_attribute("href", "tel:112")
    expect(now.get_by_role("link", name="070-3738314")).to_have_attribute("href", "tel:+31703738314")
    expect(page.get_by_text("binnen 2 werkdagen")).to_have_count(0)
    axe_check(page)
    report = Report.objects.get()
    assert report.urgent and report.first_response_due_at is not None
    assert any(counsellor.email in message.to for message in mail.outbox)

    # Every counsellor page carries the banner: the dashboard and the inbox.
    c_page = counsellor_page
    login(c_page, live_server, counsellor, counsellor.totp_secret)
    c_page.goto(f"{live_server.url}/overzicht/")
    banner = c_page.locator(".alerts")
    expect(banner).to_contain_text(BANNER_TEXT)
    axe_check(c_page)
    c_page.goto(f"{live_server.url}/meldingen/")
    expect(banner).to_contain_text(BANNER_TEXT)
    axe_check(c_page)

    # The banner leads to the report; claiming it ends the banner for everyone.
    banner.get_by_role("link", name="Open de melding").click()
    expect(c_page.locator("h1")).to_contain_text(report.reference)
    c_page.get_by_role("button", name="Ik pak dit op").click()
    expect(c_page.get_by_text("U behandelt deze melding nu.")).to_be_visible()
    expect(banner).to_have_count(0)
    for path in ("/overzicht/", "/meldingen/"):
        c_page.goto(f"{live_server.url}{path}")
        expect(c_page.locator("main h1")).to_be_visible()
        expect(banner).to_have_count(0)
    report.refresh_from_db()
    assert report.assigned_counsellor_id == counsellor.pk
