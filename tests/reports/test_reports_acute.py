"""Issue 11, item 1: acute reports get a target in hours, a banner until claimed, and a receipt that says what
happens now (with 112 and the 24/7 line)."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from klankbord.reports.models import Report
from klankbord.reports.services import report_claim, report_set_urgent

FORM = "/melden/formulier/"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
THURSDAY_MORNING = datetime(2026, 12, 3, 10, 0, tzinfo=AMSTERDAM)
BANNER = "acuut gevaar is nog door niemand opgepakt"

pytestmark = pytest.mark.django_db


def _post(client: Client, municipality: Any, *, acute: bool) -> Any:
    return client.post(
        FORM,
        {
            "acute_danger": "ja" if acute else "nee",
            "municipality": municipality.pk,
            "narrative": "Er staat iemand voor mijn deur.",
        },
    )


def test_an_acute_report_on_thursday_is_due_the_same_day_in_hours(client: Client, municipality: Any) -> None:
    with time_machine.travel(THURSDAY_MORNING, tick=False):
        _post(client, municipality, acute=True)
        _post(Client(), municipality, acute=False)
    acute, normal = Report.objects.order_by("-urgent", "pk")
    assert acute.urgent and acute.first_response_due == THURSDAY_MORNING.date()
    assert timezone.localtime(acute.first_response_due_at).time() == time(14, 0)  # default: 4 hours
    assert (
        not normal.urgent and normal.first_response_due.isoformat() == "2026-12-07"
    )  # 2 working days: Monday
    assert normal.first_response_due_at is None


def test_the_acute_response_target_is_configurable(client: Client, municipality: Any, settings: Any) -> None:
    settings.KLANKBORD_ACUTE_RESPONSE_HOURS = 1
    with time_machine.travel(THURSDAY_MORNING, tick=False):
        _post(client, municipality, acute=True)
    assert timezone.localtime(Report.objects.get().first_response_due_at).time() == time(11, 0)


def test_the_receipt_says_what_happens_now_with_112_and_the_24_7_line(
    client: Client, municipality: Any
) -> None:
    with time_machine.travel(THURSDAY_MORNING, tick=False):
        receipt = client.get(_post(client, municipality, acute=True)["Location"]).content.decode()
    main = receipt.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    assert "U meldde acuut gevaar: dit gebeurt er nu" in main
    assert "Alle vertrouwenspersonen zijn nu gewaarschuwd." in main
    assert "donderdag 3 december, 14:00" in main
    assert 'href="tel:112"' in main and "070-3738314" in main
    assert "2 werkdagen" not in main and "code-display" in main


def test_a_normal_receipt_keeps_the_working_day_target(client: Client, municipality: Any) -> None:
    main = client.get(_post(client, municipality, acute=False)["Location"]).content.decode()
    assert "2 werkdagen" in main and "dit gebeurt er nu" not in main


def test_a_logged_in_member_sees_what_happens_now_on_their_report(
    client_for: Any, council_member: Any, municipality: Any
) -> None:
    client = client_for(council_member)
    page = client.get(_post(client, municipality, acute=True)["Location"]).content.decode()
    assert "acuut gevaar is ontvangen" in page and "dit gebeurt er nu" in page and 'href="tel:112"' in page


def test_every_counsellor_sees_a_banner_on_inbox_and_dashboard_until_someone_claims_it(
    client: Client, municipality: Any, counsellor: Any, make_user: Any, client_for: Any, council_member: Any
) -> None:
    from klankbord.accounts.constants import RoleSlug

    second = make_user(RoleSlug.COUNSELLOR)
    _post(client, municipality, acute=True)
    report = Report.objects.get()
    for user in (counsellor, second):
        for url in ("/meldingen/", "/overzicht/"):
            page = client_for(user).get(url).content.decode()
            assert BANNER in page and f"/meldingen/{report.pk}/" in page, (user, url)
    assert BANNER not in client_for(council_member).get("/overzicht/").content.decode()

    report_claim(counsellor=second, report=report)
    assert BANNER not in client_for(counsellor).get("/meldingen/").content.decode()
    assert BANNER not in client_for(counsellor).get("/overzicht/").content.decode()


def test_the_inbox_shows_the_hour_an_acute_report_is_due(
    client: Client, municipality: Any, counsellor: Any, client_for: Any
) -> None:
    with time_machine.travel(THURSDAY_MORNING, tick=False):
        _post(client, municipality, acute=True)
        page = client_for(counsellor).get("/meldingen/").content.decode()
    assert "uiterlijk do 3 dec. 2026 14:00" in page and "ma 7 dec." not in page


def test_marking_a_report_urgent_later_sets_a_target_in_hours_and_unmarking_restores_working_days(
    client: Client, municipality: Any, counsellor: Any
) -> None:
    with time_machine.travel(THURSDAY_MORNING, tick=False):
        _post(client, municipality, acute=False)
        report = Report.objects.get()
        report_set_urgent(actor=counsellor, report=report, urgent=True)
    report.refresh_from_db()
    assert report.first_response_due == THURSDAY_MORNING.date()
    assert timezone.localtime(report.first_response_due_at).time() == time(14, 0)
    report_set_urgent(actor=counsellor, report=report, urgent=False)
    report.refresh_from_db()
    assert report.first_response_due.isoformat() == "2026-12-07" and report.first_response_due_at is None


def test_an_acute_report_is_overdue_from_the_hour_it_was_due(
    client: Client, municipality: Any, counsellor: Any, client_for: Any
) -> None:
    from klankbord.reports.selectors import inbox_tab_counts

    with time_machine.travel(THURSDAY_MORNING, tick=False):
        _post(client, municipality, acute=True)
    with time_machine.travel(THURSDAY_MORNING.replace(hour=13), tick=False):
        assert inbox_tab_counts(user=counsellor)["overdue"] == 0
    with time_machine.travel(THURSDAY_MORNING.replace(hour=15), tick=False):
        assert inbox_tab_counts(user=counsellor)["overdue"] == 1
        page = client_for(counsellor).get("/meldingen/?tab=overdue").content.decode()
    assert "te laat (was 3 dec. 2026 14:00)" in page
