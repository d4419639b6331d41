"""A return day end to end in a real browser: the coordinator plans and invites, the ambassador answers from
the invitation (with its calendar file), and on the day the coordinator registers the attendance."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from klankbord.accounts.constants import RoleSlug
from klankbord.network.models import Gathering, Invitation
from tests.factories.ambassadors import make_ambassador
from tests.factories.browser import axe_check, login

pytestmark = pytest.mark.browser


def _switch_to(page: Page, live_server: Any, user: Any) -> None:
    page.context.clear_cookies()
    login(page, live_server, user, user.totp_secret)


def test_invitation_answer_and_attendance(page: Page, live_server: Any, make_user: Any) -> None:
    coordinator = make_user(RoleSlug.COORDINATOR)
    ambassador = make_user(RoleSlug.AMBASSADOR, display_name="Petra de Jong")
    make_ambassador("Zeist", user=ambassador)

    _switch_to(page, live_server, coordinator)
    page.goto("/netwerk/bijeenkomsten/nieuw/")
    axe_check(page)
    page.get_by_label("Landelijke terugkomdag").check()
    page.get_by_label("Titel").fill("Terugkomdag voorjaar")
    page.get_by_label("Datum").fill((timezone.localdate() + timedelta(days=30)).isoformat())
    page.get_by_label("Begintijd").fill("10:00")
    page.get_by_label("Eindtijd").fill("16:00")
    page.get_by_label("Plaats", exact=True).fill("Vergadercentrum, Utrecht")
    page.get_by_label("Maximaal aantal deelnemers").fill("20")
    page.get_by_role("button", name="Plannen").click()
    expect(page.get_by_role("heading", name="Terugkomdag voorjaar")).to_be_visible()
    page.get_by_role("button", name="Alle actieve ambassadeurs uitnodigen").click()
    expect(page.get_by_text("1 ambassadeur uitgenodigd.")).to_be_visible()
    axe_check(page)
    assert mail.outbox[-1].attachments[0][2].startswith("text/calendar; charset=utf-8; method=PUBLISH")
    invitation = Invitation.objects.get()

    _switch_to(page, live_server, ambassador)
    page.goto(f"/netwerk/uitnodigingen/{invitation.pk}/")
    axe_check(page)
    page.get_by_label("Ik kom", exact=True).check()
    page.get_by_role("button", name="Antwoord versturen").click()
    expect(page.locator("#current-answer")).to_contain_text("Ik kom")
    axe_check(page)

    # The day has come.
    gathering = Gathering.objects.get()
    Gathering.objects.filter(pk=gathering.pk).update(
        starts_at=timezone.now() - timedelta(hours=1), ends_at=timezone.now() + timedelta(hours=5)
    )
    _switch_to(page, live_server, coordinator)
    page.goto(f"/netwerk/bijeenkomsten/{gathering.pk}/")
    page.get_by_label("Petra de Jong").check()
    page.get_by_role("button", name="Aanwezigheid opslaan").click()
    expect(page.get_by_text("Aanwezigheid vastgelegd: 1 aanwezig.")).to_be_visible()
    expect(page.locator("#invitations")).to_contain_text("ja")
    axe_check(page)
    invitation.refresh_from_db()
    assert invitation.attended is True
