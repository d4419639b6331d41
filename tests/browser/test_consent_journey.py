"""Consent in a real browser, from the member's own clicks to what the ambassador then sees (issue 11, "Must show").

The member reports online and ticks their consents in the form; a counsellor matches an ambassador, who accepts and
moves the case to aftercare. The member then withdraws each purpose in turn on their page, confirming each time,
and after every withdrawal the ambassador's pages show exactly what docs/consent.md says that withdrawal ends:
sharing → no report fields and no conversation; aftercare → no planned check-ins; contact → no case at all.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Locator, Page, expect

from klankbord.accounts.constants import RoleSlug
from klankbord.consent.constants import Purpose
from klankbord.consent.selectors import consent_allows
from klankbord.reports.constants import ReportStatus
from klankbord.reports.models import Report
from klankbord.support.constants import CheckInStatus
from klankbord.support.models import AftercareCheckIn
from tests.factories.ambassadors import make_ambassador
from tests.factories.browser import ConsoleWatch, axe_check, login

pytestmark = pytest.mark.browser

NARRATIVE = "Na de raadsvergadering werd ik op de parkeerplaats bedreigd."
MEMBER_MESSAGE = "Fijn dat u met mij meedenkt."


def _new_page(browser: Browser, live_server: Any, console: ConsoleWatch) -> Page:
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", timezone_id="Europe/Amsterdam")
    context.set_default_timeout(30_000)
    return console.watch(context.new_page())


@pytest.fixture
def staff_pages(browser: Browser, live_server: Any, console: ConsoleWatch) -> Iterator[tuple[Page, Page]]:
    """The counsellor's and the ambassador's browsers (their own cookies), watched like ``page``."""
    counsellor_page, ambassador_page = (_new_page(browser, live_server, console) for _ in range(2))
    yield counsellor_page, ambassador_page
    counsellor_page.context.close()
    ambassador_page.context.close()


def _report_with_consents(page: Page, live_server: Any) -> None:
    """Report without an account, ticking contact, sharing (the narrative) and aftercare in the form itself."""
    page.goto(f"{live_server.url}/melden/")
    page.get_by_label("Nee").check()
    page.get_by_role("button", name="Verder naar de melding").click()
    expect(page.get_by_role("heading", name="Uw melding", exact=True)).to_be_visible()
    page.get_by_label("In welke gemeente bent u actief?").select_option(label="Utrecht")
    page.get_by_label("Wat is er gebeurd?").fill(NARRATIVE)
    page.get_by_label("Bedreiging of intimidatie").check()
    page.get_by_label("Breng mij in contact met een regioambassadeur").check()
    page.get_by_role("checkbox", name="Wat er gebeurde", exact=True).check()
    page.get_by_label("Neem later contact met mij op voor nazorg").check()
    axe_check(page)
    page.get_by_role("button", name="Melding versturen").click()
    expect(page.get_by_role("heading", name="Uw melding is ontvangen")).to_be_visible()
    page.get_by_role("link", name="Naar mijn melding").click()
    expect(page.get_by_role("heading", name="Toestemmingen", exact=True)).to_be_visible()


def _consent_card(page: Page, purpose: Purpose) -> Locator:
    return page.locator(".consent-list > li").filter(has=page.get_by_role("heading", name=str(purpose.label)))


def _withdraw(page: Page, purpose: Purpose) -> None:
    """Withdraw one purpose on the member's page, through the confirmation page that says what it ends."""
    _consent_card(page, purpose).get_by_role("button", name="Toestemming intrekken").click()
    expect(page.get_by_role("heading", name="Wat er gebeurt")).to_be_visible()
    expect(page.get_by_text("Dit geldt per direct.")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Ja, trek deze toestemming in").click()
    expect(page.get_by_text("De toestemming is ingetrokken. Dit geldt per direct.")).to_be_visible()
    expect(_consent_card(page, purpose).locator(".badge")).to_have_text("Ingetrokken")


def test_each_withdrawal_ends_exactly_what_its_purpose_allowed_the_ambassador(
    page: Page, staff_pages: tuple[Page, Page], live_server: Any, make_user: Any
) -> None:
    counsellor = make_user(RoleSlug.COUNSELLOR)
    amb_user = make_user(RoleSlug.AMBASSADOR, display_name="Petra Zeist")
    make_ambassador("Zeist", user=amb_user)
    c_page, a_page = staff_pages

    # The member's consents come from their own clicks in the form.
    _report_with_consents(page, live_server)
    report = Report.objects.get()
    for purpose in (Purpose.CONNECT_AMBASSADOR, Purpose.SHARE_FIELDS, Purpose.AFTERCARE_CONTACT):
        assert consent_allows(report=report, purpose=purpose), purpose
        expect(_consent_card(page, purpose).locator(".badge")).to_have_text("Gegeven")
    assert not consent_allows(report=report, purpose=Purpose.ANONYMOUS_SIGNALS)

    # The counsellor takes it on and matches the ambassador, who accepts and moves to aftercare.
    login(c_page, live_server, counsellor, counsellor.totp_secret)
    c_page.goto(f"{live_server.url}/meldingen/{report.pk}/")
    c_page.get_by_role("button", name="Ik pak dit op").click()
    c_page.goto(f"{live_server.url}/koppeling/melding/{report.pk}/")
    c_page.get_by_label("Petra Zeist").check()
    c_page.get_by_role("button", name="Bevestigen en ambassadeur vragen").click()
    expect(c_page.get_by_text("Petra Zeist is gevraagd als ambassadeur.")).to_be_visible()

    login(a_page, live_server, amb_user, amb_user.totp_secret)
    a_page.goto(f"{live_server.url}/begeleiding/")
    a_page.get_by_role("link", name=report.reference).click()
    a_page.get_by_role("button", name="Ik neem dit aan").click()
    expect(a_page.get_by_text("U begeleidt dit raadslid nu.")).to_be_visible()
    a_page.get_by_label("Nieuwe fase").select_option(label="Nazorg")
    a_page.get_by_role("button", name="Fase wijzigen").click()
    expect(a_page.locator("#case-status")).to_have_text("Nazorg")
    case_url = a_page.url.split("#")[0]

    # The member writes; the ambassador reads it next to the narrative and the planned check-ins.
    page.reload()
    page.get_by_label("Uw bericht", exact=True).fill(MEMBER_MESSAGE)
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_text("Uw bericht is verstuurd.")).to_be_visible()
    # The first check-in is due today: check-ins open for recording only shortly before they are due.
    first = AftercareCheckIn.objects.filter(report=report, status=CheckInStatus.PLANNED).order_by("due_on")[0]
    AftercareCheckIn.objects.filter(pk=first.pk).update(due_on=timezone.localdate())
    a_page.goto(case_url)
    expect(a_page.get_by_text(NARRATIVE)).to_be_visible()
    expect(a_page.get_by_role("heading", name="Berichten")).to_be_visible()
    expect(a_page.get_by_text(MEMBER_MESSAGE)).to_be_visible()
    nazorg = a_page.locator("#nazorg")
    expect(nazorg.get_by_role("button", name="Nazorgmoment vastleggen").first).to_be_visible()
    expect(nazorg.locator(".badge", has_text="Gepland").first).to_be_visible()
    axe_check(a_page)

    # 1. Sharing withdrawn: no report fields, no conversation; the case itself stays the ambassador's.
    _withdraw(page, Purpose.SHARE_FIELDS)
    a_page.goto(case_url)
    expect(a_page.locator("h1")).to_contain_text("Begeleiding")
    expect(a_page.get_by_text(NARRATIVE)).to_have_count(0)
    expect(a_page.get_by_role("heading", name="Berichten")).to_have_count(0)
    expect(a_page.get_by_text(MEMBER_MESSAGE)).to_have_count(0)
    expect(a_page.get_by_role("button", name="Versturen")).to_have_count(0)
    expect(nazorg.get_by_role("button", name="Nazorgmoment vastleggen").first).to_be_visible()

    # 2. Aftercare withdrawn: the planned check-ins are cancelled and can no longer be recorded.
    _withdraw(page, Purpose.AFTERCARE_CONTACT)
    a_page.goto(case_url)
    expect(a_page.locator("h1")).to_contain_text("Begeleiding")
    expect(nazorg.get_by_role("button", name="Nazorgmoment vastleggen")).to_have_count(0)
    expect(nazorg.locator(".badge", has_text="Gepland")).to_have_count(0)
    expect(nazorg.locator(".badge", has_text="Vervallen").first).to_be_visible()
    assert not AftercareCheckIn.objects.filter(report=report, status=CheckInStatus.PLANNED).exists()
    assert AftercareCheckIn.objects.filter(report=report, status=CheckInStatus.CANCELLED).exists()

    # 3. Contact withdrawn: the case leaves the ambassador's list and its page answers 404.
    _withdraw(page, Purpose.CONNECT_AMBASSADOR)
    expect(page.locator(".status-facts .badge").first).to_have_text("Wacht op toestemming")
    a_page.goto(f"{live_server.url}/begeleiding/")
    expect(a_page.get_by_role("heading", name="Mijn begeleiding")).to_be_visible()
    expect(a_page.get_by_role("link", name=report.reference)).to_have_count(0)
    response = a_page.goto(case_url)
    assert response is not None and response.status == 404
    report.refresh_from_db()
    assert report.status == ReportStatus.WAITING_FOR_CONSENT
