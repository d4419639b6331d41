"""Issue 11, items 8-10: the ambassador's work is kept once (topics shown, contact minutes counted, a
check-in held within its window)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from klankbord.ambassadors.constants import TimeActivity, TimeSource
from klankbord.ambassadors.models import TimeEntry
from klankbord.ambassadors.selectors import ambassador_for_user, time_month
from klankbord.ambassadors.services import time_entry_add, time_entry_delete
from klankbord.matching.models import Assignment
from klankbord.reports.constants import ReportStatus
from klankbord.reports.exports import report_export_data, report_export_html
from klankbord.support.constants import CHECKIN_OPENS_DAYS_BEFORE, CheckInStatus, Topic
from klankbord.support.models import AftercareCheckIn
from klankbord.support.services import checkin_record, support_transition
from tests.factories.core import raises_domain_error

pytestmark = pytest.mark.django_db


# --- item 8 -----------------------------------------------------------------------------------------------------


def test_guidance_topics_are_shown_in_the_support_log_and_the_members_export(
    accepted: Assignment, ambassador: Any, client_for: Any
) -> None:
    amb = client_for(ambassador)
    case_url = f"/begeleiding/zaak/{accepted.report_id}/"
    logged = amb.post(
        f"{case_url}contact/",
        {
            "date": timezone.localdate().isoformat(),
            "form": "call",
            "duration_minutes": "30",
            "topics": [Topic.SAFETY, Topic.MEDIA],
        },
    )
    assert logged.status_code == 302
    page = amb.get(case_url).content.decode()
    assert "onderwerpen: Veiligheid, Media" in page

    data = report_export_data(report=accepted.report, actor=None, fmt="json", actor_label="test")
    [row] = data["contact_moments"]
    assert row["topics"] == ["Veiligheid", "Media"] and row["minutes"] == 30
    html = report_export_html(data)
    assert "Contactmomenten met uw ambassadeur" in html and "onderwerpen: Veiligheid, Media" in html


# --- item 9 -----------------------------------------------------------------------------------------------------


def test_contact_minutes_count_once_in_the_time_overview(
    accepted: Assignment, ambassador: Any, client_for: Any
) -> None:
    profile = ambassador_for_user(ambassador)
    assert profile is not None
    today = timezone.localdate()
    time_entry_add(actor=ambassador, ambassador=profile, entry_date=today, activity="travel", minutes=20)
    amb = client_for(ambassador)
    logged = amb.post(
        f"/begeleiding/zaak/{accepted.report_id}/contact/",
        {"date": today.isoformat(), "form": "call", "duration_minutes": "45"},
    )
    assert logged.status_code == 302
    summary = time_month(ambassador=profile, year=today.year, month=today.month)
    assert summary.total_minutes == 65  # the travel entered by hand plus the contact, each once
    assert (str(TimeActivity.CONTACT.label), 45) in summary.by_activity
    assert (accepted.report.reference, 45) in summary.by_report
    assert TimeEntry.objects.filter(report_id=accepted.report_id, activity=TimeActivity.CONTACT).count() == 1
    assert "In totaal 65 minuten." in amb.get("/ambassadeurs/tijd/").content.decode()


def test_a_time_entry_booked_by_a_contact_moment_is_marked_and_cannot_be_deleted_on_the_time_page(
    accepted: Assignment, ambassador: Any, client_for: Any
) -> None:
    profile = ambassador_for_user(ambassador)
    assert profile is not None
    today = timezone.localdate()
    typed = time_entry_add(
        actor=ambassador, ambassador=profile, entry_date=today, activity="travel", minutes=20
    )
    amb = client_for(ambassador)
    contact = {"date": today.isoformat(), "form": "call", "duration_minutes": "45"}
    assert amb.post(f"/begeleiding/zaak/{accepted.report_id}/contact/", contact).status_code == 302
    booked = TimeEntry.objects.get(report_id=accepted.report_id, activity=TimeActivity.CONTACT)
    assert booked.source == TimeSource.CONTACT_MOMENT and typed.source == TimeSource.MANUAL
    with raises_domain_error("time_from_contact_moment"):
        time_entry_delete(actor=ambassador, entry=booked)
    page = amb.get("/ambassadeurs/tijd/").content.decode()
    assert "Uit een contactmoment" in page
    assert f"/ambassadeurs/tijd/{booked.pk}/verwijderen/" not in page
    assert f"/ambassadeurs/tijd/{typed.pk}/verwijderen/" in page
    refused = amb.post(f"/ambassadeurs/tijd/{booked.pk}/verwijderen/", follow=True).content.decode()
    assert "hoort bij een contactmoment" in refused
    assert TimeEntry.objects.filter(pk=booked.pk).exists()
    amb.post(f"/ambassadeurs/tijd/{typed.pk}/verwijderen/")
    assert not TimeEntry.objects.filter(pk=typed.pk).exists()


# --- item 10 ----------------------------------------------------------------------------------------------------


def test_a_check_in_cannot_be_recorded_before_its_window_opens(accepted: Assignment, ambassador: Any) -> None:
    support_transition(
        actor=ambassador, report=accepted.report, to_status=ReportStatus.AFTERCARE, actor_kind="ambassador"
    )
    first = AftercareCheckIn.objects.filter(report=accepted.report).order_by("due_on").first()
    assert first is not None and first.due_on > timezone.localdate() + timedelta(
        days=CHECKIN_OPENS_DAYS_BEFORE
    )
    with raises_domain_error("checkin_too_early"):
        checkin_record(actor=ambassador, checkin=first, outcome="well")
    assert AftercareCheckIn.objects.get(pk=first.pk).status == CheckInStatus.PLANNED

    first.due_on = timezone.localdate() + timedelta(days=CHECKIN_OPENS_DAYS_BEFORE)  # the window opens today
    first.save(update_fields=["due_on"])
    checkin_record(actor=ambassador, checkin=first, outcome="well")
    assert AftercareCheckIn.objects.get(pk=first.pk).status == CheckInStatus.DONE


def test_the_check_in_page_says_when_it_is_too_early(
    accepted: Assignment, ambassador: Any, client_for: Any
) -> None:
    support_transition(
        actor=ambassador, report=accepted.report, to_status=ReportStatus.AFTERCARE, actor_kind="ambassador"
    )
    first = AftercareCheckIn.objects.filter(report=accepted.report).order_by("due_on").first()
    assert first is not None
    page = client_for(ambassador).post(
        f"/begeleiding/zaak/{accepted.report_id}/nazorg/{first.pk}/", {"outcome": "well", "note": ""}
    )
    assert page.status_code == 400 and "pas vanaf" in page.content.decode()
    assert AftercareCheckIn.objects.get(pk=first.pk).status == CheckInStatus.PLANNED


def test_the_case_page_shows_when_a_check_in_opens_instead_of_its_form_before_the_window(
    accepted: Assignment, ambassador: Any, client_for: Any
) -> None:
    support_transition(
        actor=ambassador, report=accepted.report, to_status=ReportStatus.AFTERCARE, actor_kind="ambassador"
    )
    first = AftercareCheckIn.objects.filter(report=accepted.report).order_by("due_on").first()
    assert first is not None
    opens = first.due_on - timedelta(days=CHECKIN_OPENS_DAYS_BEFORE)
    amb = client_for(ambassador)
    record_url = reverse("support:checkin", args=[accepted.report_id, first.pk])
    case_url = reverse("support:case", args=[accepted.report_id])
    page = amb.get(case_url).content.decode()
    assert f"Te registreren vanaf {date_format(opens, 'j F Y')}." in page
    assert f'action="{record_url}"' not in page
    narrow = amb.get(record_url).content.decode()
    assert "Te registreren vanaf" in narrow and 'name="outcome"' not in narrow

    first.due_on = timezone.localdate() + timedelta(days=CHECKIN_OPENS_DAYS_BEFORE)  # the window opens today
    first.save(update_fields=["due_on"])
    page = amb.get(case_url).content.decode()
    assert f'action="{record_url}"' in page
    assert 'name="outcome"' in amb.get(record_url).content.decode()
