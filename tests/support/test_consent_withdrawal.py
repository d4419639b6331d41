"""Issue 11, items 2 to 4: each consent's withdrawal ends exactly what that purpose allowed, at once, whichever way
it is withdrawn (the consent ledger's withdrawal hooks), and a re-grant restores nothing by itself."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from klankbord.ambassadors.services import time_entry_add
from klankbord.consent.constants import Purpose, ShareableField
from klankbord.consent.services import consent_grant, consent_withdraw
from klankbord.matching.constants import AssignmentStatus
from klankbord.matching.models import Assignment
from klankbord.matching.selectors import report_choices_of_ambassador
from klankbord.reports.constants import ReportStatus
from klankbord.reports.models import Report
from klankbord.support.constants import CheckInStatus
from klankbord.support.models import AftercareCheckIn
from klankbord.support.services import checkin_record, support_transition
from tests.factories.core import raises_domain_error
from tests.factories.support import SECRET

pytestmark = pytest.mark.django_db

CONTACT, SHARE, AFTERCARE = Purpose.CONNECT_AMBASSADOR, Purpose.SHARE_FIELDS, Purpose.AFTERCARE_CONTACT


def _withdraw(report: Report, purpose: str, capture: Any) -> None:
    with capture(execute=True):
        consent_withdraw(report=report, purpose=purpose, actor=None)


# --- item 2: a pending request ----------------------------------------------------------------------------------


def test_withdrawing_contact_voids_a_pending_request_and_tells_the_ambassador_without_content(
    requested: Assignment,
    ambassador: Any,
    counsellor: Any,
    client_for: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    mail.outbox.clear()
    _withdraw(requested.report, CONTACT, django_capture_on_commit_callbacks)
    requested.refresh_from_db()
    report = Report.objects.get(pk=requested.report_id)
    assert requested.status == AssignmentStatus.ENDED
    assert report.status == ReportStatus.WAITING_FOR_CONSENT  # what member and counsellor now see
    assert [m.to for m in mail.outbox] == [[ambassador.email]]
    assert report.reference not in mail.outbox[0].body and SECRET not in mail.outbox[0].body
    amb = client_for(ambassador)
    assert report.reference not in amb.get("/begeleiding/").content.decode()  # gone from their list
    case_page = client_for(counsellor).get(f"/meldingen/{report.pk}/").content.decode()
    assert str(ReportStatus.WAITING_FOR_CONSENT.label) in case_page


# --- item 3: the ambassador's access to the case -----------------------------------------------------------------


def test_withdrawing_contact_ends_the_case_list_time_logging_and_heavy_marking(
    accepted: Assignment,
    ambassador: Any,
    profile: Any,
    client_for: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    report = accepted.report
    assert (report.pk, report.reference) in report_choices_of_ambassador(ambassador=profile)
    _withdraw(report, CONTACT, django_capture_on_commit_callbacks)
    amb = client_for(ambassador)
    assert report.reference not in amb.get("/begeleiding/").content.decode()
    assert amb.get(f"/begeleiding/zaak/{report.pk}/").status_code == 404
    assert report_choices_of_ambassador(ambassador=profile) == []
    with raises_domain_error("not_your_case"):
        time_entry_add(
            actor=ambassador,
            ambassador=profile,
            entry_date=timezone.localdate(),
            activity="contact",
            minutes=30,
            report_id=report.pk,
        )
    assert amb.post(f"/netwerk/welzijn/zwaar/{accepted.pk}/").status_code == 404


def test_re_granting_contact_restores_nothing_without_a_new_match(
    accepted: Assignment,
    ambassador: Any,
    profile: Any,
    client_for: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    report = accepted.report
    _withdraw(report, CONTACT, django_capture_on_commit_callbacks)
    consent_grant(report=report, purpose=CONTACT, actor=None)
    amb = client_for(ambassador)
    assert amb.get(f"/begeleiding/zaak/{report.pk}/").status_code == 404
    assert report_choices_of_ambassador(ambassador=profile) == []
    assert amb.post(f"/netwerk/welzijn/zwaar/{accepted.pk}/").status_code == 404
    assert Report.objects.get(pk=report.pk).ambassador_id is None


def test_withdrawing_sharing_hides_the_thread_but_keeps_the_case(
    accepted: Assignment, ambassador: Any, client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    report = accepted.report
    amb = client_for(ambassador)
    assert 'id="berichten"' in amb.get(f"/begeleiding/zaak/{report.pk}/").content.decode()
    _withdraw(report, SHARE, django_capture_on_commit_callbacks)
    page = amb.get(f"/begeleiding/zaak/{report.pk}/")
    assert page.status_code == 200 and 'id="berichten"' not in page.content.decode()
    sent = amb.post(f"/begeleiding/zaak/{report.pk}/bericht/", {"message-body": "Hoe gaat het?"})
    assert sent.status_code == 404


def test_sharing_again_shows_the_thread_again(accepted: Assignment, ambassador: Any, client_for: Any) -> None:
    consent_withdraw(report=accepted.report, purpose=SHARE, actor=None)
    consent_grant(report=accepted.report, purpose=SHARE, actor=None, fields=[ShareableField.NARRATIVE])
    page = client_for(ambassador).get(f"/begeleiding/zaak/{accepted.report_id}/").content.decode()
    assert 'id="berichten"' in page


# --- item 4: aftercare ------------------------------------------------------------------------------------------


def test_withdrawing_aftercare_cancels_the_planned_check_ins_and_recording_checks_consent(
    accepted: Assignment, ambassador: Any, django_capture_on_commit_callbacks: Any
) -> None:
    report = accepted.report
    support_transition(
        actor=ambassador, report=report, to_status=ReportStatus.AFTERCARE, actor_kind="ambassador"
    )
    first = AftercareCheckIn.objects.filter(report=report).first()
    assert first is not None and first.status == CheckInStatus.PLANNED
    _withdraw(report, AFTERCARE, django_capture_on_commit_callbacks)
    assert not AftercareCheckIn.objects.filter(report=report, status=CheckInStatus.PLANNED).exists()
    first.status = CheckInStatus.PLANNED  # a stale page still offers it
    with raises_domain_error("no_aftercare_consent"):
        checkin_record(actor=ambassador, checkin=first, outcome="well")
