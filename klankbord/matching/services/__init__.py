"""Writes of matching: confirming an ambassador (capacity-safe), reassigning on handover, recording gaps.

Lock order, kept by every function here and expected from part B (accept/decline): ambassador row, then report
row, then assignment rows. Holding the ambassador's row lock while counting their open assignments is what keeps
two counsellors who confirm at the same moment from pushing an ambassador past capacity. The ambassador's answers
to a request (accept, decline, reminders, expiry) are in ``requests``; both are imported from here.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from klankbord.accounts.types import Actor, User
from klankbord.ambassadors.models import Ambassador
from klankbord.audit.services import audit_log
from klankbord.consent.constants import Purpose
from klankbord.consent.selectors import consent_allows
from klankbord.core.errors import DomainError
from klankbord.geo.models import Region
from klankbord.geo.selectors import active_scheme
from klankbord.reports.constants import ReportStatus
from klankbord.reports.models import Report
from klankbord.reports.services import report_ambassador_disconnect
from klankbord.reports.workflow import COUNSELLOR, report_transition

from .. import engine
from ..constants import OPEN_ASSIGNMENT_STATUSES, RESPONSE_HOURS_DEFAULT, AssignmentStatus, Exclusion
from ..models import Assignment, CoverageGap
from ..selectors import candidates, match_context
from ..workflow import ASSIGNMENT_WORKFLOW, END
from .endings import assignments_end_for_withdrawn_contact, assignments_suspend_for_ambassador
from .requests import (
    assignment_accept,
    assignment_decline,
    assignment_expire,
    assignment_notify_requested,
    assignment_remind,
)

__all__ = [
    "CONFIRMABLE_STATUSES",
    "assignment_accept",
    "assignment_confirm",
    "assignment_decline",
    "assignment_expire",
    "assignment_notify_requested",
    "assignment_reassign",
    "assignment_remind",
    "assignments_end_for_report",
    "assignments_end_for_withdrawn_contact",
    "assignments_suspend_for_ambassador",
    "coverage_gap_record",
    "response_hours",
]

# A first confirmation walks the report along these steps of the report workflow, from wherever it stands among
# them, to "ambassador requested": a report just registered can be matched at once, and every step is checked
# against the transition table, kept in the history and audited by ``report_transition``.
_CONFIRM_PATH = (
    ReportStatus.RECEIVED,
    ReportStatus.INTAKE,
    ReportStatus.MATCHING,
    ReportStatus.AMBASSADOR_REQUESTED,
)
CONFIRMABLE_STATUSES = _CONFIRM_PATH[:-1]


def response_hours() -> int:
    return int(getattr(settings, "KLANKBORD_MATCHING_RESPONSE_HOURS", RESPONSE_HOURS_DEFAULT))


def _refuse(message: str, code: str) -> DomainError:
    return DomainError(message, code=code)


def _check_eligible(
    report: Report, ambassador: Ambassador, wishes: engine.Wishes | None, today: date
) -> None:
    """Re-run the engine for this one ambassador inside the transaction, after the row lock."""
    scheme = active_scheme()
    context = match_context(report=report, wishes=wishes, today=today, scheme=scheme)
    if context is None:
        raise _refuse(_("De gemeente van het raadslid is onbekend."), "no_municipality")
    candidate = candidates(scheme=scheme, today=today, ambassador_ids=[ambassador.pk])[0]
    broken = engine.exclusions(candidate, context)
    if Exclusion.FULL in broken:
        raise _refuse(_("%(name)s heeft geen plek meer vrij.") % {"name": ambassador.name}, "full")
    if broken:
        labels = ", ".join(str(Exclusion(code).label).lower() for code in broken)
        raise _refuse(
            _("%(name)s kan niet worden gekoppeld: %(why)s.") % {"name": ambassador.name, "why": labels},
            "excluded",
        )
    if engine.tier_of(candidate, context) is None:
        raise _refuse(
            _("%(name)s werkt niet in of naast de regio van het raadslid.") % {"name": ambassador.name},
            "out_of_reach",
        )


def _lock(ambassador_id: int, report_id: int) -> tuple[Ambassador, Report]:
    ambassador = Ambassador.objects.select_for_update().get(pk=ambassador_id)
    report = Report.objects.select_for_update().get(pk=report_id)
    return ambassador, report


def _create(actor: Actor, report: Report, ambassador: Ambassador) -> Assignment:
    now = timezone.now()
    return Assignment.objects.create(
        report=report,
        ambassador=ambassador,
        status=AssignmentStatus.REQUESTED,
        requested_by=actor if isinstance(actor, User) else None,
        requested_at=now,
        due_at=now + timedelta(hours=response_hours()),
    )


def assignment_confirm(
    *,
    actor: Actor,
    report_id: int,
    ambassador: Ambassador,
    wishes: engine.Wishes | None = None,
    today: date | None = None,
) -> Assignment:
    """Ask ``ambassador`` to support the member of the report: a *requested* assignment.

    Refused (ValidationError with a Dutch message) when the member has not consented to an ambassador, the
    report already has an open assignment or is closed, or the ambassador breaks any exclusion rule, is out of
    reach, or has no free place. The ambassador's row is locked first and the open assignments are counted
    inside the transaction, so concurrent confirmations can never exceed the capacity. From received, intake or
    matching the report moves on, step by step, to "ambassador requested".
    """
    today = today or timezone.localdate()
    with transaction.atomic():
        locked, report = _lock(ambassador.pk, report_id)
        _check_report(report)
        _check_eligible(report, locked, wishes, today)
        assignment = _create(actor, report, locked)
        _move_to_requested(actor, report)
        audit_log(
            actor=actor,
            action="matching.assignment.requested",
            target=assignment,
            data={"report": report.pk, "ambassador": locked.pk},
        )
        _notify_requested(assignment)
    return assignment


def _move_to_requested(actor: Actor, report: Report) -> None:
    """Take the remaining steps of ``_CONFIRM_PATH`` as the counsellor (``report.status`` follows each one)."""
    for to_status in _CONFIRM_PATH[_CONFIRM_PATH.index(ReportStatus(report.status)) + 1 :]:
        report_transition(actor=actor, report=report, to_status=to_status, actor_kind=COUNSELLOR)


def _check_report(report: Report, *, reassigning: Assignment | None = None) -> None:
    if not report.is_open:
        raise _refuse(_("Deze melding is afgesloten."), "closed")
    if not consent_allows(report=report, purpose=Purpose.CONNECT_AMBASSADOR):
        raise _refuse(
            _("Het raadslid heeft (nog) geen toestemming gegeven voor een ambassadeur."), "no_consent"
        )
    current = Assignment.objects.filter(report=report, status__in=OPEN_ASSIGNMENT_STATUSES)
    if reassigning is not None:
        current = current.exclude(pk=reassigning.pk)
    if current.exists():
        raise _refuse(_("Deze melding heeft al een ambassadeur."), "already_assigned")
    if reassigning is None and report.status not in CONFIRMABLE_STATUSES:
        raise _refuse(
            _("Een ambassadeur koppelen kan in de status ‘%(status)s’ niet.")
            % {"status": ReportStatus(report.status).label},
            "wrong_status",
        )


def assignment_reassign(
    *,
    actor: Actor,
    assignment_id: int,
    ambassador: Ambassador,
    reason: str,
    wishes: engine.Wishes | None = None,
    today: date | None = None,
) -> Assignment:
    """Handover: end the open assignment ``assignment_id`` and ask ``ambassador`` instead (same checks as
    ``assignment_confirm``). The previous ambassador loses access to the case at once; the report's status is
    left as it is. Part B tells the member (on commit).
    """
    if not reason.strip():
        raise _refuse(_("Geef een reden voor de overdracht."), "reason_required")
    today = today or timezone.localdate()
    with transaction.atomic():
        report_id = Assignment.objects.values_list("report_id", flat=True).get(pk=assignment_id)
        locked, report = _lock(ambassador.pk, report_id)
        old = Assignment.objects.select_for_update().get(pk=assignment_id)
        if not old.is_open:
            raise _refuse(_("Deze koppeling is al beëindigd."), "not_open")
        if old.ambassador_id == locked.pk:
            raise _refuse(_("Kies een andere ambassadeur."), "same_ambassador")
        _check_report(report, reassigning=old)
        _check_eligible(report, locked, wishes, today)
        _end(old, reason.strip())
        # The previous ambassador loses access to the case now (reports grants it through Report.ambassador).
        report_ambassador_disconnect(actor=actor, report=report, ambassador_id=old.ambassador_id)
        assignment = _create(actor, report, locked)
        audit_log(
            actor=actor,
            action="matching.assignment.reassigned",
            target=assignment,
            data={"report": report.pk, "from_assignment": old.pk, "ambassador": locked.pk},
        )
        _notify_requested(assignment)
    return assignment


def _notify_requested(assignment: Assignment) -> None:
    """The ambassador hears of the request at once (content-free mail after commit), not at the next sweep."""
    assignment_notify_requested(assignment_id=assignment.pk)


def _end(assignment: Assignment, reason: str) -> None:
    ended = ASSIGNMENT_WORKFLOW.apply(assignment.status, END)
    assignment.status, assignment.ended_at, assignment.reason = ended, timezone.now(), reason
    assignment.save(update_fields=["status", "ended_at", "reason"])


@transaction.atomic
def coverage_gap_record(
    *, report: Report, region: Region | None, finding: engine.GapFinding, today: date | None = None
) -> CoverageGap:
    """Record that nobody was available for ``report`` on ``today`` (once per report per day)."""
    today = today or timezone.localdate()
    gap, created = CoverageGap.objects.get_or_create(
        report=report,
        date=today,
        defaults={
            "region": region,
            "region_name": region.name if region else "",
            "scheme_slug": region.scheme.slug if region else "",
            "report_reference": report.reference,
            "reason": finding.reason,
            "exclusion_counts": finding.exclusion_counts,
        },
    )
    if created:
        audit_log(
            actor=None,
            action="matching.gap.recorded",
            target=gap,
            data={"region": region.code if region else None, "reason": str(finding.reason)},
        )
    return gap


def assignments_end_for_report(*, report: Report, actor: Actor) -> int:
    """Workflow hook: a closed or withdrawn report ends its open assignments (requested or accepted), so the
    ambassador's place frees up and their access ends in the same transaction."""
    open_ids = list(
        Assignment.objects.select_for_update()
        .filter(report_id=report.pk, status__in=ASSIGNMENT_WORKFLOW.sources(END))
        .values_list("pk", flat=True)
    )
    if not open_ids:
        return 0
    Assignment.objects.filter(pk__in=open_ids).update(
        status=AssignmentStatus.ENDED, ended_at=timezone.now(), reason=str(report.status)
    )
    report_ambassador_disconnect(actor=actor, report=report)
    audit_log(
        actor=actor,
        action="matching.assignment.ended",
        target=report,
        data={"assignments": ",".join(map(str, open_ids)), "status": str(report.status)},
    )
    return len(open_ids)
