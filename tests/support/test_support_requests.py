"""Answering a request: accept, decline, reminders and expiry; mails never carry content."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from klankbord.audit.models import AuditEntry
from klankbord.consent.constants import Purpose
from klankbord.consent.services import consent_withdraw
from klankbord.matching.constants import AssignmentStatus
from klankbord.matching.models import Assignment
from klankbord.matching.services import assignment_accept, assignment_decline
from klankbord.messaging.models import Participant
from klankbord.reports.constants import ReportStatus
from klankbord.support.services import support_send_reminders
from tests.factories.core import raises_domain_error
from tests.factories.support import SECRET

pytestmark = pytest.mark.django_db


def _all_mail() -> str:
    return "\n".join(m.subject + m.body for m in mail.outbox)


def test_accepting_connects_the_ambassador_and_moves_the_case_into_support(
    requested: Assignment, ambassador: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        assignment_accept(actor=ambassador, assignment_id=requested.pk)
    requested.refresh_from_db()
    report = requested.report
    report.refresh_from_db()
    assert requested.status == AssignmentStatus.ACCEPTED and requested.responded_at is not None
    assert report.status == ReportStatus.IN_SUPPORT and report.ambassador == ambassador
    assert Participant.objects.filter(thread__report=report, user=ambassador, kind="ambassador").exists()
    assert AuditEntry.objects.filter(action="matching.assignment.accepted").exists()
    assert "lid@example.test" in [m.to[0] for m in mail.outbox]
    assert SECRET not in _all_mail() and "0611111111" not in _all_mail()


def test_only_the_asked_ambassador_can_accept(requested: Assignment, make_user: Any) -> None:
    with raises_domain_error("not_yours"):
        assignment_accept(actor=make_user(), assignment_id=requested.pk)


def test_accepting_is_refused_once_the_member_withdrew_consent(
    requested: Assignment, ambassador: Any
) -> None:
    consent_withdraw(report=requested.report, purpose=Purpose.CONNECT_AMBASSADOR, actor=None)
    with raises_domain_error("no_consent"):
        assignment_accept(actor=ambassador, assignment_id=requested.pk)


def test_a_request_cannot_be_answered_twice(accepted: Assignment, ambassador: Any) -> None:
    with raises_domain_error("not_requested"):
        assignment_decline(actor=ambassador, assignment_id=accepted.pk)


def test_declining_returns_the_request_to_the_counsellor(
    requested: Assignment, ambassador: Any, counsellor: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        assignment_decline(actor=ambassador, assignment_id=requested.pk, reason="te druk")
    requested.refresh_from_db()
    requested.report.refresh_from_db()
    assert requested.status == AssignmentStatus.DECLINED
    assert requested.report.status == ReportStatus.MATCHING
    assert [m.to for m in mail.outbox] == [[counsellor.email]]
    assert "te druk" not in _all_mail()


def test_the_reminder_run_sends_the_request_then_a_reminder_then_expires(
    requested: Assignment, ambassador: Any, counsellor: Any, django_capture_on_commit_callbacks: Any
) -> None:
    start = requested.requested_at
    with django_capture_on_commit_callbacks(execute=True):
        first = support_send_reminders(now=start + timedelta(minutes=5))
    # The request mail went out when the counsellor confirmed; the sweep does not send it again.
    assert (first.requests_sent, first.reminders, first.expired) == (0, 0, 0)
    with django_capture_on_commit_callbacks(execute=True):
        half = support_send_reminders(now=start + (requested.due_at - start) / 2 + timedelta(minutes=1))
        again = support_send_reminders(now=start + (requested.due_at - start) / 2 + timedelta(minutes=2))
    assert (half.reminders, again.reminders) == (1, 0)
    with django_capture_on_commit_callbacks(execute=True):
        late = support_send_reminders(now=requested.due_at + timedelta(minutes=1))
    requested.refresh_from_db()
    requested.report.refresh_from_db()
    assert late.expired == 1 and requested.status == AssignmentStatus.EXPIRED
    assert requested.report.status == ReportStatus.MATCHING
    recipients = [m.to[0] for m in mail.outbox]
    assert recipients == [
        ambassador.email,
        counsellor.email,
    ]  # the reminder, then the return to the counsellor
    assert SECRET not in _all_mail()


def test_the_reminder_command_runs(requested: Assignment, capsys: Any) -> None:
    from django.core.management import call_command

    Assignment.objects.filter(pk=requested.pk).update(due_at=timezone.now() - timedelta(hours=1))
    call_command("support", "send-reminders")
    requested.refresh_from_db()
    assert requested.status == AssignmentStatus.EXPIRED
    assert "1 expired" in capsys.readouterr().out
