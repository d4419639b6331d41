"""The whole support journey in a real browser: report → consent → matching → the ambassador accepts → contact
logged → referral → aftercare check-in → closed with the member's evaluation. axe checks the support pages."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from klankbord.accounts.constants import RoleSlug
from klankbord.consent.constants import Purpose, ShareableField
from klankbord.consent.services import consent_grant
from klankbord.reports.constants import ReportStatus
from klankbord.reports.models import Report
from klankbord.support.models import (
    AftercareCheckIn,
    ClosingEvaluation,
    ContactMoment,
    Referral,
    ReferralResource,
)
from tests.factories.ambassadors import make_ambassador
from tests.factories.browser import ConsoleWatch, axe_check, login, report_online

pytestmark = pytest.mark.browser


def _new_page(browser: Browser, live_server: Any, console: ConsoleWatch) -> Page:
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", timezone_id="Europe/Amsterdam")
    context.set_default_timeout(30_000)
    other = context.new_page()
    other.on("console", console.on_console)
    other.on("pageerror", console.on_page_error)
    return other


@pytest.fixture
def staff_pages(browser: Browser, live_server: Any, console: ConsoleWatch) -> Iterator[tuple[Page, Page]]:
    counsellor_page, ambassador_page = (_new_page(browser, live_server, console) for _ in range(2))
    yield counsellor_page, ambassador_page
    counsellor_page.context.close()
    ambassador_page.context.close()


def test_report_to_closed_case_with_the_members_evaluation(
    page: Page, staff_pages: tuple[Page, Page], live_server: Any, make_user: Any
) -> None:
    counsellor, amb_user = (
        make_user(RoleSlug.COUNSELLOR),
        make_user(RoleSlug.AMBASSADOR, display_name="Petra Zeist"),
    )
    make_ambassador("Zeist", user=amb_user)
    ReferralResource.objects.create(name="Slachtofferhulp Nederland", kind="victim_support")
    c_page, a_page = staff_pages

    # The member reports (consenting to an ambassador) and shares the narrative and aftercare.
    code = report_online(page, live_server)
    report = Report.objects.get()
    consent_grant(report=report, purpose=Purpose.SHARE_FIELDS, actor=None, fields=[ShareableField.NARRATIVE])
    consent_grant(report=report, purpose=Purpose.AFTERCARE_CONTACT, actor=None)

    # The counsellor takes it on and matches the ambassador.
    login(c_page, live_server, counsellor, counsellor.totp_secret)
    c_page.goto(f"{live_server.url}/meldingen/{report.pk}/")
    c_page.get_by_role("button", name="Ik pak dit op").click()
    c_page.goto(f"{live_server.url}/koppeling/melding/{report.pk}/")
    c_page.get_by_label("Petra Zeist").check()
    c_page.get_by_role("button", name="Bevestigen en ambassadeur vragen").click()
    expect(c_page.get_by_text("Petra Zeist is gevraagd als ambassadeur.")).to_be_visible()

    # The ambassador sees the request with the consented narrative, and accepts.
    login(a_page, live_server, amb_user, amb_user.totp_secret)
    a_page.goto(f"{live_server.url}/begeleiding/")
    axe_check(a_page)
    a_page.get_by_role("link", name=report.reference).click()
    expect(a_page.get_by_text("op de parkeerplaats bedreigd")).to_be_visible()
    axe_check(a_page)
    a_page.get_by_role("button", name="Ik neem dit aan").click()
    expect(a_page.get_by_text("U begeleidt dit raadslid nu.")).to_be_visible()
    axe_check(a_page)

    # Contact logged, referral made, then aftercare and a check-in.
    a_page.get_by_label("Telefoongesprek").check()
    a_page.get_by_label("Duur in minuten").fill("45")
    a_page.get_by_label("Veiligheid").check()
    a_page.get_by_role("button", name="Contactmoment opslaan").click()
    expect(a_page.get_by_text("Het contactmoment is vastgelegd.")).to_be_visible()
    a_page.get_by_label("Hulpaanbod").select_option(label="Slachtofferhulp Nederland")
    a_page.get_by_role("button", name="Doorverwijzen").click()
    expect(a_page.get_by_text("De doorverwijzing is vastgelegd.")).to_be_visible()
    a_page.get_by_label("Nieuwe fase").select_option(label="Nazorg")
    a_page.get_by_role("button", name="Fase wijzigen").click()
    expect(a_page.locator("#case-status")).to_have_text("Nazorg")
    axe_check(a_page)
    # A check-in opens for recording shortly before it is due (issue 11, item 10): the first one is due today.
    first = AftercareCheckIn.objects.filter(report=report).order_by("due_on").first()
    assert first is not None
    AftercareCheckIn.objects.filter(pk=first.pk).update(due_on=timezone.localdate())
    a_page.reload()
    a_page.get_by_label("Gaat goed").first.check()
    a_page.get_by_role("button", name="Nazorgmoment vastleggen").first.click()
    expect(a_page.get_by_text("Het nazorgmoment is vastgelegd.")).to_be_visible()

    # The member comes back with the code, sees the ambassador and evaluates.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/melden/terugkomen/")
    page.get_by_label("Uw ontvangstcode").fill(code)
    page.get_by_role("button", name="Open mijn melding").click()
    expect(page.get_by_text("Petra Zeist")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Evalueer de begeleiding").click()
    axe_check(page)
    for question in [
        "Ik voelde me gehoord.",
        "De ambassadeur paste bij mij.",
        "De doorverwijzingen hielpen mij verder.",
        "Ik ben tevreden over de begeleiding als geheel.",
    ]:
        page.get_by_role("group", name=question).get_by_label("5").check()
    page.get_by_label("Wat hielp u?").fill("Dat er iemand naast me stond.")
    page.get_by_role("button", name="Evaluatie versturen").click()
    expect(page.get_by_text("Dank u wel voor uw evaluatie.")).to_be_visible()

    # The counsellor closes the case.
    c_page.goto(f"{live_server.url}/begeleiding/zaak/{report.pk}/")
    axe_check(c_page)
    c_page.get_by_label("Reden van afsluiten").fill("Nazorg afgerond, evaluatie ontvangen.")
    c_page.get_by_role("button", name="Zaak afsluiten").click()
    expect(c_page.get_by_text("De geplande nazorgmomenten vervallen.")).to_be_visible()  # what will happen
    axe_check(c_page)
    c_page.get_by_role("button", name="Ja, sluit de zaak af").click()
    expect(c_page.get_by_text("De zaak is afgesloten.")).to_be_visible()

    report.refresh_from_db()
    assert report.status == ReportStatus.CLOSED
    assert ContactMoment.objects.filter(report=report, duration_minutes=45).exists()
    assert Referral.objects.filter(report=report).exists()
    assert ClosingEvaluation.objects.get(report=report).score_overall == 5
