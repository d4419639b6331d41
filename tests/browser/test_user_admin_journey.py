"""The administrator's journey in a real browser: invite → accept (password and app in one step) → the role
granted and confirmed by a second person → the first login lands on the role home."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from playwright.sync_api import Browser, Page, expect

from klankbord.accounts.constants import RoleSlug
from klankbord.accounts.models import RoleGrant, User
from klankbord.accounts.services import role_grant_confirm
from tests.factories.accounts import totp_code
from tests.factories.browser import axe_check, login

pytestmark = pytest.mark.browser
PASSWORD_NEW = "een lang en nieuw wachtwoord"


def test_invite_accept_enrol_confirm_and_first_login(
    page: Page, browser: Browser, live_server: Any, make_user: Any
) -> None:
    administrator = make_user(RoleSlug.ADMINISTRATOR, is_staff=True)
    second = make_user(RoleSlug.ADMINISTRATOR)
    login(page, live_server, administrator, administrator.totp_secret)
    page.goto(live_server.url + "/profiel/gebruikers/")
    axe_check(page)
    page.get_by_role("link", name="Iemand uitnodigen").click()
    page.get_by_label("E-mailadres").fill("nieuwe.vp@example.test")
    page.get_by_label("Naam", exact=True).fill("Nieuwe Vertrouwenspersoon")
    page.get_by_label("Vertrouwenspersoon").check()
    page.get_by_role("button", name="Uitnodiging versturen").click()
    expect(page.get_by_text("De uitnodiging is verstuurd.")).to_be_visible()
    expect(page.get_by_text("wacht op bevestiging")).to_be_visible()
    axe_check(page)

    message = next(m for m in mail.outbox if m.to == ["nieuwe.vp@example.test"])
    path = re.search(r"(/profiel/uitnodiging/\S+/)", message.body).group(1)  # type: ignore[union-attr]
    invited = browser.new_context(base_url=live_server.url).new_page()
    invited.goto(live_server.url + path)
    axe_check(invited)
    invited.get_by_label("Wachtwoord", exact=True).fill(PASSWORD_NEW)
    invited.get_by_label("Wachtwoord nogmaals").fill(PASSWORD_NEW)
    secret = invited.locator("#totp-secret").inner_text().strip()
    invited.get_by_label("Code uit de app").fill(totp_code(secret))
    invited.get_by_role("button", name="Account instellen").click()
    expect(invited.get_by_role("heading", name="Uw account is ingesteld")).to_be_visible()
    assert invited.locator(".recovery-codes li").count() == 10

    person = User.objects.get(email="nieuwe.vp@example.test")
    assert not person.has_perm("reports.view_report")  # not before the second person confirms
    role_grant_confirm(actor=second, grant=RoleGrant.objects.get(user=person))

    fresh = browser.new_context(base_url=live_server.url).new_page()
    fresh.goto(live_server.url + "/accounts/login/")
    fresh.locator("input[name='login']").fill(person.email)
    fresh.locator("input[name='password']").fill(PASSWORD_NEW)
    fresh.locator("input[name='password']").press("Enter")
    fresh.locator("input[name='code']").fill(totp_code(secret))
    fresh.locator("input[name='code']").press("Enter")
    # The first login lands on the role's home (issue 13's dispatcher at /start/ sends the counsellor there).
    expect(fresh).to_have_url(re.compile(re.escape(live_server.url) + r"/werkplek/[a-z-]+/$"))
    axe_check(fresh)
