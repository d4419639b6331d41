from __future__ import annotations

from typing import Any

import pytest

from klankbord.audit.models import AuditEntry
from klankbord.core.append_only import AppendOnlyError
from klankbord.reports.constants import OPEN_STATUSES, ReportStatus
from klankbord.reports.models import Report, ReportStatusChange
from klankbord.reports.workflow import (
    AMBASSADOR,
    COUNSELLOR,
    REPORTER,
    TRANSITIONS,
    allowed_targets,
    report_transition,
)
from tests.factories.core import raises_domain_error

S = ReportStatus


def _walk(report: Report, actor: Any, *targets: str) -> None:
    for target in targets:
        report_transition(actor=actor, report=report, to_status=target, reason="stap")


def test_the_whole_lifecycle_can_be_walked_and_is_recorded_in_order(report: Report, counsellor: Any) -> None:
    path = [
        S.INTAKE,
        S.WAITING_FOR_CONSENT,
        S.MATCHING,
        S.AMBASSADOR_REQUESTED,
        S.IN_SUPPORT,
        S.PROFESSIONAL_HELP,
        S.AFTERCARE,
        S.CLOSED,
        S.INTAKE,
    ]
    _walk(report, counsellor, *path)

    report.refresh_from_db()
    assert report.status == S.INTAKE
    history = list(report.status_changes.values_list("from_status", "to_status"))
    assert history == list(zip([S.RECEIVED, *path[:-1]], path, strict=True))
    assert (
        AuditEntry.objects.filter(action="reports.report.transitioned", object_id=str(report.pk)).count() == 9
    )


def test_an_illegal_transition_is_refused_with_a_dutch_message_and_leaves_no_trace(
    report: Report, counsellor: Any
) -> None:
    with raises_domain_error("invalid_transition", match="kan niet naar"):
        report_transition(actor=counsellor, report=report, to_status=S.IN_SUPPORT)

    report.refresh_from_db()
    assert report.status == S.RECEIVED
    assert not ReportStatusChange.objects.filter(report=report).exists()


def test_unknown_status_is_refused(report: Report, counsellor: Any) -> None:
    with raises_domain_error("unknown_state"):
        report_transition(actor=counsellor, report=report, to_status="deleted")


def test_closing_and_reopening_need_a_reason(report: Report, counsellor: Any) -> None:
    with raises_domain_error("reason_required", match="reden"):
        report_transition(actor=counsellor, report=report, to_status=S.CLOSED, reason="  ")
    report_transition(actor=counsellor, report=report, to_status=S.CLOSED, reason="Advies gegeven")
    with raises_domain_error("reason_required", match="reden"):
        report_transition(actor=counsellor, report=report, to_status=S.INTAKE)


@pytest.mark.parametrize("status", sorted(OPEN_STATUSES))
def test_the_member_can_withdraw_from_every_open_state(status: str) -> None:
    assert S.WITHDRAWN in allowed_targets(status, REPORTER)


def test_the_member_can_do_nothing_but_withdraw() -> None:
    for transition in TRANSITIONS.values():
        if REPORTER in transition.by:
            assert transition.target == S.WITHDRAWN


def test_a_reporter_cannot_close_a_report(report: Report) -> None:
    with raises_domain_error("not_permitted", match="niet uitvoeren"):
        report_transition(actor=None, report=report, to_status=S.CLOSED, reason="x", actor_kind=REPORTER)


def test_closed_and_withdrawn_reports_can_only_be_reopened_into_intake() -> None:
    for final in (S.CLOSED, S.WITHDRAWN):
        assert allowed_targets(final, COUNSELLOR) == [S.INTAKE]
        assert allowed_targets(final, REPORTER) == []
        assert allowed_targets(final, AMBASSADOR) == []


def test_status_history_cannot_be_edited_or_deleted(report: Report, counsellor: Any) -> None:
    change = report_transition(actor=counsellor, report=report, to_status=S.INTAKE)
    change.reason = "anders"
    with pytest.raises(AppendOnlyError):
        change.save()
    with pytest.raises(AppendOnlyError):
        change.delete()
    with pytest.raises(AppendOnlyError):
        ReportStatusChange.objects.filter(pk=change.pk).delete()
    assert ReportStatusChange.objects.get(pk=change.pk).reason == ""


def test_the_reason_is_encrypted_at_rest(report: Report, counsellor: Any) -> None:
    from django.db import connection

    report_transition(actor=counsellor, report=report, to_status=S.CLOSED, reason="Geheime reden")
    with connection.cursor() as cursor:
        cursor.execute("SELECT reason FROM reports_reportstatuschange")
        (raw,) = cursor.fetchone()
    assert "Geheime" not in raw and raw.startswith("kb1$")
