"""Confirming, reassigning and recording gaps (SQLite; the concurrency test runs on PostgreSQL)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from klankbord.ambassadors.constants import AmbassadorStatus
from klankbord.ambassadors.services import ambassador_set_status
from klankbord.audit.models import AuditEntry
from klankbord.consent.constants import Decision, Purpose
from klankbord.geo.models import Region
from klankbord.matching import engine
from klankbord.matching.constants import AssignmentStatus, GapReason
from klankbord.matching.models import Assignment, CoverageGap
from klankbord.matching.selectors import assignments_to_reassign, match_report
from klankbord.matching.services import assignment_confirm, assignment_reassign, coverage_gap_record
from klankbord.reports.constants import ReportStatus
from tests.factories.ambassadors import make_ambassador
from tests.factories.consent import grant
from tests.factories.core import raises_domain_error
from tests.factories.matching import assign
from tests.factories.reports import make_report

pytestmark = pytest.mark.django_db


def refused(code: str, **kwargs: Any) -> None:
    with raises_domain_error(code):
        assignment_confirm(**kwargs)


def test_confirming_requests_the_ambassador_and_moves_the_report_on(counsellor: Any) -> None:
    ambassador, report = make_ambassador(), make_report(status=ReportStatus.MATCHING)
    assignment = assignment_confirm(actor=counsellor, report_id=report.pk, ambassador=ambassador)
    report.refresh_from_db()
    assert assignment.status == AssignmentStatus.REQUESTED
    assert assignment.requested_by == counsellor
    assert assignment.due_at > timezone.now() + timedelta(hours=47)
    assert report.status == ReportStatus.AMBASSADOR_REQUESTED
    assert AuditEntry.objects.filter(
        action="matching.assignment.requested", object_id=str(assignment.pk)
    ).exists()


def test_confirming_from_intake_passes_through_matching(counsellor: Any) -> None:
    report = make_report(status=ReportStatus.INTAKE)
    assignment_confirm(actor=counsellor, report_id=report.pk, ambassador=make_ambassador())
    assert list(report.status_changes.values_list("to_status", flat=True)) == [
        ReportStatus.MATCHING,
        ReportStatus.AMBASSADOR_REQUESTED,
    ]


def test_confirming_right_after_registering_takes_the_report_through_the_workflow(counsellor: Any) -> None:
    """Issue 11, item 12: a report just registered is matched at once, each step kept and audited."""
    report = make_report(status=ReportStatus.RECEIVED)
    assignment_confirm(actor=counsellor, report_id=report.pk, ambassador=make_ambassador())
    report.refresh_from_db()
    assert report.status == ReportStatus.AMBASSADOR_REQUESTED
    steps = list(report.status_changes.order_by("at", "pk").values_list("from_status", "to_status", "actor"))
    assert steps == [
        (ReportStatus.RECEIVED, ReportStatus.INTAKE, counsellor.pk),
        (ReportStatus.INTAKE, ReportStatus.MATCHING, counsellor.pk),
        (ReportStatus.MATCHING, ReportStatus.AMBASSADOR_REQUESTED, counsellor.pk),
    ]
    audited = AuditEntry.objects.filter(action="reports.report.transitioned", object_id=str(report.pk))
    assert audited.count() == 3


def test_confirming_is_refused_without_the_members_consent(counsellor: Any) -> None:
    report = make_report(consent=False)
    refused("no_consent", actor=counsellor, report_id=report.pk, ambassador=make_ambassador())
    grant(report)
    grant(report, decision=Decision.WITHDRAWN)
    refused("no_consent", actor=counsellor, report_id=report.pk, ambassador=make_ambassador())
    assert not Assignment.objects.exists()


def test_confirming_is_refused_when_the_ambassador_is_full(counsellor: Any) -> None:
    ambassador = make_ambassador(capacity=1)
    assign(ambassador)
    refused("full", actor=counsellor, report_id=make_report().pk, ambassador=ambassador)


def test_confirming_is_refused_for_an_excluded_ambassador(counsellor: Any) -> None:
    refused(
        "excluded", actor=counsellor, report_id=make_report("Zeist").pk, ambassador=make_ambassador("Zeist")
    )
    paused = make_ambassador(status=AmbassadorStatus.PAUSED)
    refused("excluded", actor=counsellor, report_id=make_report().pk, ambassador=paused)


def test_confirming_honours_the_wishes_given_on_the_page(counsellor: Any) -> None:
    man = make_ambassador(gender="man")
    wishes = engine.Wishes(gender="woman", gender_required=True)
    refused("excluded", actor=counsellor, report_id=make_report().pk, ambassador=man, wishes=wishes)


def test_confirming_is_refused_for_an_ambassador_out_of_reach(counsellor: Any) -> None:
    refused(
        "out_of_reach", actor=counsellor, report_id=make_report().pk, ambassador=make_ambassador("Groningen")
    )


def test_a_report_gets_at_most_one_open_assignment(counsellor: Any) -> None:
    report = make_report()
    assignment_confirm(actor=counsellor, report_id=report.pk, ambassador=make_ambassador())
    refused(
        "already_assigned", actor=counsellor, report_id=report.pk, ambassador=make_ambassador("Amersfoort")
    )


def test_a_closed_report_cannot_be_matched(counsellor: Any) -> None:
    report = make_report(status=ReportStatus.CLOSED)
    refused("closed", actor=counsellor, report_id=report.pk, ambassador=make_ambassador())


def test_pausing_lists_the_open_cases_and_reassigning_hands_them_over(
    counsellor: Any, coordinator: Any
) -> None:
    old, new = make_ambassador(), make_ambassador("Amersfoort")
    report = make_report(status=ReportStatus.IN_SUPPORT, ambassador=old.user)
    current = assign(old, report)
    to_reassign = ambassador_set_status(actor=coordinator, ambassador=old, status=AmbassadorStatus.PAUSED)
    assert [a.pk for a in to_reassign] == [current.pk]
    replacement = assignment_reassign(
        actor=counsellor, assignment_id=current.pk, ambassador=new, reason="Gepauzeerd"
    )
    current.refresh_from_db()
    report.refresh_from_db()
    assert current.status == AssignmentStatus.ENDED and current.reason == "Gepauzeerd"
    assert replacement.ambassador == new and replacement.status == AssignmentStatus.REQUESTED
    assert report.ambassador is None  # the previous ambassador no longer sees the case
    assert report.status == ReportStatus.IN_SUPPORT
    assert not assignments_to_reassign().exists()


def test_reassigning_needs_a_reason_and_another_eligible_ambassador(counsellor: Any) -> None:
    old = make_ambassador(status=AmbassadorStatus.PAUSED)
    current = assign(old, make_report())
    with raises_domain_error("reason_required"):
        assignment_reassign(
            actor=counsellor, assignment_id=current.pk, ambassador=make_ambassador(), reason=" "
        )
    with raises_domain_error("excluded"):
        assignment_reassign(
            actor=counsellor,
            assignment_id=current.pk,
            ambassador=make_ambassador("Utrecht"),
            reason="Overdracht",
        )
    current.refresh_from_db()
    assert current.status == AssignmentStatus.ACCEPTED


def test_a_gap_is_recorded_once_per_report_per_day_without_case_content() -> None:
    make_ambassador(capacity=1, status=AmbassadorStatus.PAUSED)
    report = make_report(narrative="Geheim verhaal")
    context, result = match_report(report=report)
    assert result.gap is not None
    region = Region.objects.get(pk=context.member.place.region_id)
    coverage_gap_record(report=report, region=region, finding=result.gap)
    coverage_gap_record(report=report, region=region, finding=result.gap)
    gap = CoverageGap.objects.get()
    assert (gap.region_name, gap.report_reference, gap.reason) == (
        "Utrecht",
        report.reference,
        GapReason.ALL_EXCLUDED,
    )
    assert gap.exclusion_counts == {"niet_actief": 1}
    assert gap.date == timezone.localdate()


def test_withdrawing_consent_for_an_ambassador_blocks_new_confirmations(counsellor: Any) -> None:
    report = make_report()
    grant(report, purpose=Purpose.CONNECT_AMBASSADOR, decision=Decision.WITHDRAWN)
    refused("no_consent", actor=counsellor, report_id=report.pk, ambassador=make_ambassador())
