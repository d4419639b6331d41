"""Issue 11, items 5 and 6: an ambassador who stops loses access at once and each case goes to the hand-over
queue; closing a case keeps the aftercare only when chosen, and the member's page shows who supported them."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from klankbord.accounts.constants import RoleSlug
from klankbord.ambassadors.constants import AmbassadorStatus
from klankbord.ambassadors.models import TimeEntry
from klankbord.ambassadors.services import ambassador_set_status, time_entry_add, time_entry_delete
from klankbord.consent.constants import Purpose
from klankbord.consent.services import consent_withdraw
from klankbord.matching.models import Assignment
from klankbord.matching.selectors import assignments_to_reassign
from klankbord.network.models import CaseLoadFlag
from klankbord.network.services import load_flag_mark
from klankbord.reports.constants import ReportStatus
from klankbord.reports.models import Report
from klankbord.support.constants import CheckInStatus
from klankbord.support.models import AftercareCheckIn, ContactMoment
from klankbord.support.services import checkin_record, checkins_remind, support_transition
from tests.factories.ambassadors import make_ambassador
from tests.factories.core import raises_domain_error
from tests.factories.support import SECRET

pytestmark = pytest.mark.django_db


# --- item 5 -----------------------------------------------------------------------------------------------------


def test_an_ambassador_who_stops_loses_access_at_once_and_the_case_goes_to_the_hand_over_queue(
    accepted: Assignment,
    ambassador: Any,
    profile: Any,
    coordinator: Any,
    client_for: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    report = accepted.report
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        ambassador_set_status(actor=coordinator, ambassador=profile, status=AmbassadorStatus.ENDED)
    amb = client_for(ambassador)
    assert amb.get(f"/begeleiding/zaak/{report.pk}/").status_code == 404
    assert amb.post(f"/begeleiding/zaak/{report.pk}/bericht/", {"message-body": "Hallo"}).status_code == 404
    assert list(assignments_to_reassign()) == [accepted]
    assert Report.objects.get(pk=report.pk).ambassador_id is None
    assert [m.to for m in mail.outbox] == [["lid@example.test"]]  # the member, without content
    assert SECRET not in mail.outbox[0].body and report.reference not in mail.outbox[0].body


def test_an_ambassador_who_stops_can_no_longer_accept_a_request(
    requested: Assignment, ambassador: Any, profile: Any, coordinator: Any, client_for: Any
) -> None:
    ambassador_set_status(actor=coordinator, ambassador=profile, status=AmbassadorStatus.ENDED)
    assert client_for(ambassador).get(f"/begeleiding/zaak/{requested.report_id}/verzoek/").status_code == 404
    assert list(assignments_to_reassign()) == [requested]


def test_a_paused_ambassador_keeps_access(
    accepted: Assignment, ambassador: Any, profile: Any, coordinator: Any, client_for: Any
) -> None:
    ambassador_set_status(actor=coordinator, ambassador=profile, status=AmbassadorStatus.PAUSED)
    assert client_for(ambassador).get(f"/begeleiding/zaak/{accepted.report_id}/").status_code == 200
    assert list(assignments_to_reassign()) == [accepted]


# --- item 6 -----------------------------------------------------------------------------------------------------


def _close_in_aftercare(
    accepted: Assignment, ambassador: Any, counsellor: Any, client_for: Any, **extra: str
) -> Any:
    support_transition(
        actor=ambassador, report=accepted.report, to_status=ReportStatus.AFTERCARE, actor_kind="ambassador"
    )
    Report.objects.filter(pk=accepted.report_id).update(
        reporter=counsellor
    )  # any account as the member's own
    return client_for(counsellor).post(
        f"/begeleiding/zaak/{accepted.report_id}/afsluiten/",
        {"reason": "Afgerond.", "confirmed": "1", **extra},
    )


def test_closing_with_aftercare_continuing_keeps_the_check_ins_and_the_member_sees_who_supported_them(
    accepted: Assignment, ambassador: Any, counsellor: Any, client_for: Any
) -> None:
    closed = _close_in_aftercare(accepted, ambassador, counsellor, client_for, aftercare_continues="on")
    assert closed.status_code == 302
    assert (
        AftercareCheckIn.objects.filter(report_id=accepted.report_id, status=CheckInStatus.PLANNED).count()
        == 3
    )
    page = client_for(counsellor).get(f"/mijn-meldingen/{accepted.report_id}/").content.decode()
    assert "Nog niet gekoppeld" not in page
    assert "U werd begeleid door" in page and ambassador.display_name in page
    assert "Wat er nog komt" in page and "De nazorg gaat door" in page
    assert "Uw evaluatie van de begeleiding" in page


def test_closing_without_choosing_aftercare_cancels_it(
    accepted: Assignment, ambassador: Any, counsellor: Any, client_for: Any
) -> None:
    _close_in_aftercare(accepted, ambassador, counsellor, client_for)
    assert not AftercareCheckIn.objects.filter(
        report_id=accepted.report_id, status=CheckInStatus.PLANNED
    ).exists()
    page = client_for(counsellor).get(f"/mijn-meldingen/{accepted.report_id}/").content.decode()
    assert "U werd begeleid door" in page and ambassador.display_name in page


# --- item 6: the aftercare that goes on after closing -------------------------------------------------------------


def _kept_checkin(
    accepted: Assignment, ambassador: Any, counsellor: Any, client_for: Any, capture: Any
) -> AftercareCheckIn:
    """Close with aftercare going on and send the first reminder; the check-in it is about."""
    _close_in_aftercare(accepted, ambassador, counsellor, client_for, aftercare_continues="on")
    first = AftercareCheckIn.objects.filter(report_id=accepted.report_id).order_by("due_on").first()
    assert first is not None and first.status == CheckInStatus.PLANNED
    first.due_on = timezone.localdate()  # the check-in is due now: its window is open (item 10)
    AftercareCheckIn.objects.filter(pk=first.pk).update(due_on=first.due_on)
    mail.outbox.clear()
    with capture(execute=True):
        assert checkins_remind(today=first.due_on) == 1
    return first


def _link(message: Any) -> str:
    found = re.search(r"https?://[^/\s]+(/\S*)", message.body)
    assert found is not None
    return found.group(1)


def test_the_reminder_after_closing_opens_the_check_in_page_for_its_ambassador_only(
    accepted: Assignment,
    ambassador: Any,
    counsellor: Any,
    client_for: Any,
    make_user: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    first = _kept_checkin(accepted, ambassador, counsellor, client_for, django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [[ambassador.email]]
    link = _link(mail.outbox[0])
    assert link == f"/begeleiding/zaak/{accepted.report_id}/nazorg/{first.pk}/"
    amb = client_for(ambassador)
    page = amb.get(link)
    assert page.status_code == 200
    assert SECRET not in page.content.decode()  # the report's details stay out of it
    assert accepted.report.reference in amb.get("/begeleiding/").content.decode()  # listed under aftercare
    case_url = f"/begeleiding/zaak/{accepted.report_id}/"
    assert amb.get(case_url).status_code == 404  # the closed case itself stays shut, its thread too
    assert amb.post(f"{case_url}bericht/", {"message-body": "Hoi"}).status_code == 404
    other = make_ambassador("Zeist", user=make_user(RoleSlug.AMBASSADOR)).user
    assert client_for(other).get(link).status_code == 404
    assert client_for(other).post(link, {"outcome": "well"}).status_code == 404


def test_the_check_in_is_recorded_after_closing_while_the_member_consents_and_refused_without(
    accepted: Assignment,
    ambassador: Any,
    counsellor: Any,
    client_for: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    first = _kept_checkin(accepted, ambassador, counsellor, client_for, django_capture_on_commit_callbacks)
    amb = client_for(ambassador)
    link = _link(mail.outbox[0])
    recorded = amb.post(link, {"outcome": "well", "note": "Gaat goed."})
    assert recorded.status_code == 302
    assert AftercareCheckIn.objects.get(pk=first.pk).status == CheckInStatus.DONE
    assert amb.get(link).status_code == 404  # recorded: nothing left to open

    second = AftercareCheckIn.objects.filter(
        report_id=accepted.report_id, status=CheckInStatus.PLANNED
    ).first()
    assert second is not None
    with django_capture_on_commit_callbacks(execute=True):
        consent_withdraw(report=accepted.report, purpose=Purpose.AFTERCARE_CONTACT, actor=None)
    assert amb.get(f"/begeleiding/zaak/{accepted.report_id}/nazorg/{second.pk}/").status_code == 404
    second.status = CheckInStatus.PLANNED  # a stale page still offers it
    with raises_domain_error("no_aftercare_consent"):
        checkin_record(actor=ambassador, checkin=second, outcome="well")


def test_an_ambassador_who_stopped_loses_the_kept_check_in_too(
    accepted: Assignment,
    ambassador: Any,
    profile: Any,
    counsellor: Any,
    coordinator: Any,
    client_for: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    _kept_checkin(accepted, ambassador, counsellor, client_for, django_capture_on_commit_callbacks)
    ambassador_set_status(actor=coordinator, ambassador=profile, status=AmbassadorStatus.ENDED)
    assert client_for(ambassador).get(_link(mail.outbox[0])).status_code == 404


# --- item 5: a stopped ambassador logs no time ---------------------------------------------------------------------


def test_an_ambassador_who_stopped_cannot_log_time(
    accepted: Assignment, ambassador: Any, profile: Any, coordinator: Any, client_for: Any
) -> None:
    ambassador_set_status(actor=coordinator, ambassador=profile, status=AmbassadorStatus.ENDED)
    today = timezone.localdate()
    with raises_domain_error("ambassador_ended"):
        time_entry_add(actor=ambassador, ambassador=profile, entry_date=today, activity="contact", minutes=30)
    amb = client_for(ambassador)
    posted = amb.post(
        "/ambassadeurs/tijd/",
        {"time-entry_date": today.isoformat(), "time-activity": "contact", "time-minutes": "30"},
    )
    assert posted.status_code == 400
    contact = {"date": today.isoformat(), "form": "call", "duration_minutes": "30"}
    assert amb.post(f"/begeleiding/zaak/{accepted.report_id}/contact/", contact).status_code == 404
    assert not TimeEntry.objects.filter(ambassador=profile).exists()
    assert not ContactMoment.objects.filter(report_id=accepted.report_id).exists()


def test_an_ambassador_who_stopped_cannot_delete_their_time_entries(
    accepted: Assignment, ambassador: Any, profile: Any, coordinator: Any, client_for: Any
) -> None:
    entry = time_entry_add(
        actor=ambassador, ambassador=profile, entry_date=timezone.localdate(), activity="travel", minutes=20
    )
    ambassador_set_status(actor=coordinator, ambassador=profile, status=AmbassadorStatus.ENDED)
    with raises_domain_error("ambassador_ended"):
        time_entry_delete(actor=ambassador, entry=entry)
    client_for(ambassador).post(f"/ambassadeurs/tijd/{entry.pk}/verwijderen/")
    assert TimeEntry.objects.filter(pk=entry.pk).exists()


def test_an_ambassador_who_stopped_cannot_mark_a_case_as_heavy(
    accepted: Assignment, ambassador: Any, profile: Any, coordinator: Any, client_for: Any
) -> None:
    ambassador_set_status(actor=coordinator, ambassador=profile, status=AmbassadorStatus.ENDED)
    ended = Assignment.objects.get(pk=accepted.pk)
    with raises_domain_error("ambassador_ended"):
        load_flag_mark(actor=ambassador, assignment=ended)
    client_for(ambassador).post(f"/netwerk/welzijn/zwaar/{accepted.pk}/")
    assert not CaseLoadFlag.objects.filter(assignment=accepted).exists()


def test_marking_heavy_is_refused_by_the_service_once_contact_consent_is_withdrawn(
    accepted: Assignment, ambassador: Any
) -> None:
    consent_withdraw(report=accepted.report, purpose=Purpose.CONNECT_AMBASSADOR, actor=None)
    with raises_domain_error("consent_withdrawn"):
        load_flag_mark(actor=ambassador, assignment=Assignment.objects.get(pk=accepted.pk))
    assert not CaseLoadFlag.objects.filter(assignment=accepted).exists()
