"""Every path to a final status ends the ambassador's assignment, cancels check-ins and (closed, with consent)
adds the anonymised statistical record: the workflow's final-status hooks, not each caller, do it."""

from __future__ import annotations

from typing import Any

import pytest

from klankbord.consent.constants import Purpose
from klankbord.consent.services import consent_grant
from klankbord.matching.constants import AssignmentStatus
from klankbord.matching.models import Assignment
from klankbord.matching.selectors import open_case_counts
from klankbord.reports.constants import ReportStatus
from klankbord.reports.workflow import AMBASSADOR, COUNSELLOR, REPORTER, report_transition
from klankbord.signals.models import CaseContribution
from klankbord.support.constants import CheckInStatus
from klankbord.support.models import AftercareCheckIn
from klankbord.support.services import support_transition

pytestmark = pytest.mark.django_db


def _in_aftercare(accepted: Assignment, ambassador: Any) -> None:
    support_transition(
        actor=ambassador, report=accepted.report, to_status=ReportStatus.AFTERCARE, actor_kind=AMBASSADOR
    )
    assert AftercareCheckIn.objects.filter(report=accepted.report, status=CheckInStatus.PLANNED).exists()


def test_closing_from_the_case_page_ends_the_assignment_and_the_check_ins(
    accepted: Assignment, ambassador: Any, counsellor: Any, django_capture_on_commit_callbacks: Any
) -> None:
    _in_aftercare(accepted, ambassador)
    consent_grant(report=accepted.report, purpose=Purpose.ANONYMOUS_SIGNALS, actor=None)
    with django_capture_on_commit_callbacks(execute=True):
        report_transition(
            actor=counsellor, report=accepted.report, to_status=ReportStatus.CLOSED, reason="Afgerond"
        )
    accepted.refresh_from_db()
    accepted.report.refresh_from_db()
    assert accepted.status == AssignmentStatus.ENDED and accepted.report.ambassador_id is None
    assert not AftercareCheckIn.objects.filter(report=accepted.report, status=CheckInStatus.PLANNED).exists()
    assert open_case_counts([accepted.ambassador_id]).get(accepted.ambassador_id, 0) == 0
    assert CaseContribution.objects.filter(report=accepted.report).count() == 1


def test_a_member_who_withdraws_frees_the_ambassador_and_adds_no_statistics(
    accepted: Assignment, ambassador: Any, django_capture_on_commit_callbacks: Any
) -> None:
    consent_grant(report=accepted.report, purpose=Purpose.ANONYMOUS_SIGNALS, actor=None)
    with django_capture_on_commit_callbacks(execute=True):
        report_transition(
            actor=None, report=accepted.report, to_status=ReportStatus.WITHDRAWN, actor_kind=REPORTER
        )
    accepted.refresh_from_db()
    assert accepted.status == AssignmentStatus.ENDED
    assert not CaseContribution.objects.filter(report=accepted.report).exists()


def test_a_request_still_waiting_for_an_answer_ends_when_the_case_closes(
    requested: Assignment, counsellor: Any
) -> None:
    report_transition(
        actor=counsellor,
        report=requested.report,
        to_status=ReportStatus.CLOSED,
        reason="Geen hulp meer nodig",
        actor_kind=COUNSELLOR,
    )
    requested.refresh_from_db()
    assert requested.status == AssignmentStatus.ENDED
