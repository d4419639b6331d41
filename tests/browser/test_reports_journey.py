"""Meldingen in a real browser: a member without an account reports with an attachment, gets a receipt code,
comes back later with it, reads the counsellor's reply and answers. axe checks every page on the way."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from klankbord.accounts.constants import RoleSlug
from klankbord.messaging.models import Attachment, Message
from klankbord.reports.models import Report
from tests.factories.browser import ConsoleWatch, axe_check, login, report_online
from tests.factories.files import png_bytes

pytestmark = pytest.mark.browser


@pytest.fixture
def second_page(browser: Browser, live_server: Any, console: ConsoleWatch) -> Iterator[Page]:
    """Another person's browser (its own cookies), watched for console errors like ``page``."""
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", timezone_id="Europe/Amsterdam")
    context.set_default_timeout(15_000)
    other = context.new_page()
    other.on("console", console.on_console)
    other.on("pageerror", console.on_page_error)
    yield other
    context.close()


def test_member_without_account_reports_returns_with_the_code_reads_the_reply_and_answers(
    page: Page, second_page: Page, live_server: Any, make_user: Any
) -> None:
    counsellor = make_user(RoleSlug.COUNSELLOR)
    code = report_online(page, live_server)
    report = Report.objects.get()
    assert Attachment.objects.get(thread__report=report).original_name == "bedreiging.png"

    # The counsellor finds it in the inbox and replies.
    login(second_page, live_server, counsellor, counsellor.totp_secret)
    second_page.goto(f"{live_server.url}/meldingen/")
    axe_check(second_page)
    second_page.get_by_role("link", name=report.reference).click()
    expect(second_page.get_by_text("op de parkeerplaats bedreigd")).to_be_visible()
    axe_check(second_page)
    second_page.get_by_label("Uw bericht", exact=True).fill(
        "Wat naar. Ik bel u morgen om 10 uur, schikt dat?"
    )
    second_page.get_by_role("button", name="Versturen").click()
    expect(second_page.get_by_text("Het bericht is verstuurd.")).to_be_visible()

    # Later, in a fresh browser session, the member comes back with the receipt code.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/melden/terugkomen/")
    axe_check(page)
    page.get_by_label("Uw ontvangstcode").fill(code)
    page.get_by_role("button", name="Open mijn melding").click()
    expect(page.get_by_text("Ik bel u morgen om 10 uur")).to_be_visible()
    axe_check(page)

    page.get_by_label("Uw bericht", exact=True).fill("Dat is goed, tot morgen.")
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_text("Uw bericht is verstuurd.")).to_be_visible()
    expect(page.get_by_text("Dat is goed, tot morgen.")).to_be_visible()
    assert Message.objects.filter(author__isnull=True, author_kind="reporter").count() == 1

    second_page.goto(f"{live_server.url}/meldingen/{report.pk}/")
    expect(second_page.get_by_text("Dat is goed, tot morgen.")).to_be_visible()


def test_answering_yes_to_acute_danger_shows_what_to_do_at_once(page: Page, live_server: Any) -> None:
    page.goto(f"{live_server.url}/melden/")
    page.get_by_label("Ja").check()
    guidance = page.locator("#triage-guidance")
    expect(guidance.get_by_text("Bel 112")).to_be_visible()
    expect(guidance.get_by_role("link", name="070-3738314")).to_be_visible()
    assert page.url.endswith("/melden/")  # shown before the member goes on
    axe_check(page)


def test_without_javascript_the_danger_guidance_comes_on_the_next_step(
    browser: Browser, live_server: Any
) -> None:
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/melden/")
        page.get_by_label("Ja").check()
        page.get_by_role("button", name="Verder naar de melding").click()
        expect(page.locator(".danger-guidance").get_by_text("Bel 112", exact=True)).to_be_visible()
        expect(page.get_by_role("heading", name="Uw melding", exact=True)).to_be_visible()
    finally:
        context.close()


def test_the_form_keeps_the_uploaded_file_and_the_text_after_a_validation_error(
    page: Page, live_server: Any
) -> None:
    page.goto(f"{live_server.url}/melden/formulier/?acute_danger=nee")
    page.get_by_label("Naam (optioneel)").fill("Anna")
    page.get_by_label("Bijlagen (optioneel)").set_input_files(
        files=[{"name": "foto.png", "mimeType": "image/png", "buffer": png_bytes()}]
    )
    page.get_by_role("button", name="Melding versturen").click()

    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(page.get_by_label("Naam (optioneel)")).to_have_value("Anna")
    expect(page.get_by_text("Al toegevoegd")).to_be_visible()
    axe_check(page)

    page.get_by_label("In welke gemeente bent u actief?").select_option(label="Utrecht")
    page.get_by_label("Wat is er gebeurd?").fill("Bedreigd.")
    page.get_by_role("button", name="Melding versturen").click()
    expect(page.get_by_role("heading", name="Uw melding is ontvangen")).to_be_visible()
    assert Attachment.objects.get().original_name == "foto.png"


def test_the_talk_request_and_the_counsellors_register_and_talk_pages_are_accessible(
    page: Page, live_server: Any, make_user: Any
) -> None:
    page.goto(f"{live_server.url}/melden/sparren/")
    axe_check(page)
    page.get_by_label("Hoe kunnen wij u bereiken?").fill("06-12345678")
    page.get_by_role("button", name="Gesprek aanvragen").click()
    expect(page.get_by_role("heading", name="Uw verzoek is ontvangen")).to_be_visible()

    counsellor = make_user(RoleSlug.COUNSELLOR)
    login(page, live_server, counsellor, counsellor.totp_secret)
    page.goto(f"{live_server.url}/meldingen/sparren/")
    expect(page.get_by_text("06-12345678")).to_be_visible()
    axe_check(page)
    page.goto(f"{live_server.url}/meldingen/nieuw/")
    axe_check(page)
    page.get_by_role("button", name="Melding registreren").click()
    expect(page.locator(".error-summary")).to_be_visible()
    axe_check(page)
