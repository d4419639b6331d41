"""Recruitment end to end in a real browser: a public application with a CV, blind committee scores, an
interview invitation with a valid ICS file, acceptance, onboarding and a working ambassador account."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from klankbord.accounts.constants import RoleSlug
from klankbord.accounts.models import RoleGrant
from klankbord.accounts.services import role_grant_confirm
from klankbord.ambassadors.models import Ambassador
from klankbord.geo.models import Municipality
from klankbord.geo.selectors import active_scheme
from klankbord.recruitment import services
from klankbord.recruitment.models import Application
from tests.factories.accounts import PASSWORD, totp_code
from tests.factories.browser import axe_check, login
from tests.factories.calendars import properties, unfold
from tests.factories.files import pdf_bytes
from tests.factories.recruitment import took_place

pytestmark = pytest.mark.browser


def _switch_to(page: Page, live_server: Any, user: Any) -> None:
    page.context.clear_cookies()
    login(page, live_server, user, user.totp_secret)


def _apply(page: Page, live_server: Any, region_name: str, municipality: Municipality, console: Any) -> None:
    console.allow("status of 400")  # a form with errors is answered with 400 Bad Request, on purpose
    page.goto(f"{live_server.url}/vacatures/")
    axe_check(page)
    page.get_by_role("link", name=f"Regioambassadeur {region_name}").click()
    expect(page.get_by_role("heading", name="Wat we vragen")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Solliciteer", exact=True).click()
    page.get_by_label("Naam", exact=True).fill("Anna de Vries")
    page.get_by_label("E-mailadres").fill("anna@example.test")
    page.get_by_label("Woongemeente").select_option(str(municipality.pk))
    page.get_by_label("Oud-raadslid").check()
    page.get_by_label("Uw ervaring in het lokaal bestuur").fill("Twaalf jaar raadslid.")
    page.get_by_label("Jaren als raadslid").fill("12")
    page.get_by_label("Cv").set_input_files(
        {"name": "cv.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}
    )
    # Forget the motivation: the error keeps everything, including the CV.
    page.get_by_role("button", name="Sollicitatie versturen").click()
    expect(page.get_by_role("heading", name="Controleer uw invoer")).to_be_visible()
    expect(page.locator("#cv-kept")).to_contain_text("cv.pdf")
    expect(page.get_by_label("Naam", exact=True)).to_have_value("Anna de Vries")
    axe_check(page)
    page.get_by_label("Motivatie").fill("Ik weet hoe het is om bedreigd te worden.")
    page.get_by_role("button", name="Sollicitatie versturen").click()
    expect(page.get_by_role("heading", name="Bedankt voor uw sollicitatie")).to_be_visible()
    axe_check(page)


def _score(page: Page, application: Application) -> None:
    page.goto(f"/werving/sollicitaties/{application.pk}/")
    expect(page.locator("#scores-blind")).to_be_visible()  # a colleague scored already: hidden until we do
    axe_check(page)
    page.get_by_role("link", name="Beoordeel deze kandidaat").click()
    axe_check(page)
    for name, value in {"neutral": 4, "integrity": 5, "experience": 4, "resilience": 3, "empathy": 5}.items():
        page.locator(f"input[name='{name}'][value='{value}']").check()
    page.get_by_label("Aanbevolen", exact=True).check()
    page.get_by_role("button", name="Beoordeling indienen").click()
    expect(page.locator("#score-summary")).to_be_visible()


def _plan_interview(page: Page, application: Application, panel: list[Any]) -> date:
    page.goto(f"/werving/sollicitaties/{application.pk}/")
    page.get_by_role("link", name="Gesprek plannen").click()
    axe_check(page)
    day = (timezone.localdate() + timedelta(days=7)).isoformat()
    page.get_by_label("Datum").fill(day)
    page.get_by_label("Begintijd").fill("14:00")
    page.get_by_label("Eindtijd").fill("15:00")
    page.get_by_role("radio", name="Op locatie").check()
    page.get_by_label("Adres (bij een gesprek op locatie)").fill("Bureau NVR, Den Haag")
    for member in panel:
        page.get_by_label(member.display_name, exact=True).check()
    mail.outbox.clear()
    page.get_by_role("button", name="Gesprek plannen en uitnodiging versturen").click()
    expect(page.get_by_text("Het gesprek is gepland")).to_be_visible()
    return date.fromisoformat(day)


def _check_invitation(day: date, panel: list[Any]) -> None:
    for member in panel:  # every panel member has the invitation, and is on the calendar entry
        (invitation,) = [m for m in mail.outbox if m.to == [member.email]]
        assert any(line.startswith("ATTENDEE") and member.email in line for line in unfold(_ics(invitation)))
    (message,) = [m for m in mail.outbox if m.to == ["anna@example.test"]]
    (filename, content, mimetype), *_ = message.attachments
    text = content.decode() if isinstance(content, bytes) else content
    assert filename.endswith(".ics") and mimetype.startswith("text/calendar")
    lines = unfold(text)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    props = properties(text)
    starts = timezone.make_aware(datetime.combine(day, time(14, 0))).astimezone(UTC)
    assert props["DTSTART"] == starts.strftime("%Y%m%dT%H%M%SZ")
    assert props["LOCATION"] == "Bureau NVR\\, Den Haag" and props["UID"]


def _ics(message: Any) -> str:
    (_filename, content, _mimetype), *_ = message.attachments
    return content.decode() if isinstance(content, bytes) else content


def _decide_and_onboard(page: Page, application: Application, region_name: str) -> None:
    took_place(application.interviews.get())  # the interview's time has passed: now it can have a report
    page.reload()
    page.get_by_role("link", name="Verslag vastleggen").click()
    page.get_by_label("Verslag van het gesprek").fill("Rustig, luisterend, sterke voorbeelden.")
    page.get_by_role("button", name="Verslag opslaan").click()
    page.get_by_role("link", name="Besluit voorstellen").click()
    axe_check(page)
    page.get_by_label("Aannemen").check()
    mail.outbox.clear()
    page.get_by_role("button", name="Besluit voorstellen").click()
    expect(page.get_by_text("Het besluit is voorgesteld")).to_be_visible()
    assert not [
        m for m in mail.outbox if m.to == ["anna@example.test"]
    ]  # nothing leaves before the second look
    axe_check(page)
    page.get_by_role("button", name="Besluit bevestigen en mailen").click()
    expect(page.get_by_role("heading", name="Inwerken van Anna de Vries")).to_be_visible()
    axe_check(page)
    page.get_by_label("Verklaring omtrent het gedrag (VOG): datum van afgifte").fill(
        (timezone.localdate() - timedelta(days=10)).isoformat()
    )
    page.get_by_label("Geheimhoudingsverklaring: datum van ondertekening").fill(
        timezone.localdate().isoformat()
    )
    page.get_by_label("Training gevolgd").check()
    expect(page.get_by_label(region_name, exact=True)).to_be_checked()  # the vacancy's region, prefilled
    page.get_by_role("button", name="Checklist opslaan").click()
    expect(page.locator("#vog-recorded")).to_contain_text("Vernieuwen voor")
    mail.outbox.clear()
    page.get_by_role("button", name="Ambassadeursaccount aanmaken").click()
    expect(page.locator("#onboarding-done")).to_be_visible()


def _activate_account(page: Page, live_server: Any) -> None:
    (welcome,) = [m for m in mail.outbox if m.to == ["anna@example.test"]]
    path = re.search(r"(/accounts/password/reset/key/\S+)", welcome.body).group(1)  # type: ignore[union-attr]
    page.context.clear_cookies()
    page.goto(f"{live_server.url}{path}")
    page.get_by_label("Nieuw wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_label("Nieuw wachtwoord (nogmaals)").fill(PASSWORD)
    page.get_by_role("button", name="Wachtwoord opslaan").click()
    expect(page.get_by_role("heading", name="Wachtwoord gewijzigd")).to_be_visible()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("E-mailadres").fill("anna@example.test")
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="Inloggen").click()
    page.goto(f"{live_server.url}/overzicht/")
    # MFA is forced for ambassadors; allauth first asks for the password again before a factor is added.
    if "/accounts/reauthenticate/" in page.url:
        page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
        page.get_by_role("button", name="Bevestigen").click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/"))
    axe_check(page)
    secret = page.locator("#totp-secret").inner_text().strip()
    page.get_by_label("Code uit de app").fill(totp_code(secret))
    page.get_by_role("button", name="Koppelen").click()
    page.goto(f"{live_server.url}/overzicht/")
    expect(page.get_by_role("heading", name="Welkom, Anna de Vries")).to_be_visible()
    expect(page.get_by_role("main").get_by_role("link", name="Mijn ambassadeurschap")).to_be_visible()
    axe_check(page)


def test_from_public_application_to_a_working_ambassador_account(
    page: Page, live_server: Any, make_user: Any, console: Any
) -> None:
    coordinator = make_user(RoleSlug.COORDINATOR)
    member = make_user(RoleSlug.SELECTION_COMMITTEE, display_name="Mila Commissie")
    colleague = make_user(RoleSlug.SELECTION_COMMITTEE, display_name="Cor Commissie")
    region = active_scheme().regions.order_by("name").first()
    municipality = Municipality.objects.filter(memberships__region=region).order_by("name").first()
    services.vacancy_open(actor=coordinator, region=region, positions=1)

    _apply(page, live_server, region.name, municipality, console)
    application = Application.objects.get()
    assert application.cv.open("rb").read().startswith(b"%PDF")
    services.score_submit(
        actor=colleague,
        application=application,
        values={"neutral": 3, "integrity": 4, "experience": 5, "resilience": 4, "empathy": 4},
        recommendation="yes",
    )

    _switch_to(page, live_server, member)
    _score(page, application)

    _switch_to(page, live_server, coordinator)
    panel = [member, colleague]
    _check_invitation(_plan_interview(page, application, panel), panel)
    _decide_and_onboard(page, application, region.name)
    # The ambassador role opens case data: a second person (an administrator) confirms the grant (four eyes).
    role_grant_confirm(actor=make_user(RoleSlug.ADMINISTRATOR), grant=RoleGrant.objects.get())

    _activate_account(page, live_server)
    profile = Ambassador.objects.get()
    assert profile.home_municipality == municipality and profile.years_council_member == 12
    assert profile.score_neutral == 4  # mean of 4 and 3, rounded half to even
