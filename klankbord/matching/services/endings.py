"""Ending a match from outside the case: the member withdraws consent to an ambassador, or the ambassador stops.

Both end the ambassador's access to the case at once and tell the people involved without any case content.
Lock order as in ``matching.services``: ambassador row, then report row, then the assignment rows.
"""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from klankbord.accounts.types import Actor
from klankbord.ambassadors.models import Ambassador
from klankbord.audit.services import audit_log
from klankbord.consent.constants import Purpose
from klankbord.core.mail import mail_user
from klankbord.reports.constants import ReportStatus
from klankbord.reports.models import Report
from klankbord.reports.services import report_ambassador_disconnect
from klankbord.reports.workflow import SYSTEM, TRANSITIONS, report_transition

from ..constants import OPEN_ASSIGNMENT_STATUSES
from ..models import Assignment
from ..workflow import ASSIGNMENT_WORKFLOW, END
from .requests import _mail_member

CONSENT_WITHDRAWN = "consent_withdrawn"  # Assignment.reason of a match the member's withdrawal ended
AMBASSADOR_ENDED = "ambassador_ended"


def _tell_ambassador(assignment: Assignment) -> None:
    """A content-free notice: the ambassador's list shows the request or case is gone."""
    mail_user(user=assignment.ambassador.user, template="generic_notice", path=reverse("support:mine"))


def assignments_end_for_withdrawn_contact(*, report: Report, purpose: str, actor: Actor) -> int:
    """Consent-withdrawal hook: without consent to an ambassador the open request or case ends now.

    The assignment ends (the ambassador's list, time logging and heavy-marking no longer offer the case), the
    ambassador is disconnected and told without content, and an open case waits for consent again, which member
    and counsellor both see as its status. A later re-grant restores nothing: the counsellor matches anew.
    """
    if purpose != Purpose.CONNECT_AMBASSADOR:
        return 0
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        open_assignments = list(
            Assignment.objects.select_for_update(of=("self",))
            .select_related("ambassador__user")
            .filter(report_id=locked.pk, status__in=ASSIGNMENT_WORKFLOW.sources(END))
        )
        for assignment in open_assignments:
            assignment.status = ASSIGNMENT_WORKFLOW.apply(assignment.status, END)
            assignment.ended_at, assignment.reason = timezone.now(), CONSENT_WITHDRAWN
            assignment.save(update_fields=["status", "ended_at", "reason"])
            audit_log(
                actor=actor,
                action="matching.assignment.ended",
                target=assignment,
                data={"report": locked.pk, "cause": CONSENT_WITHDRAWN},
                actor_label=None if getattr(actor, "is_authenticated", False) else "reporter:receipt",
            )
            _tell_ambassador(assignment)
        report_ambassador_disconnect(actor=actor, report=locked)
        waiting = ReportStatus.WAITING_FOR_CONSENT
        if open_assignments and (locked.status, waiting) in TRANSITIONS:
            report_transition(actor=actor, report=locked, to_status=waiting, actor_kind=SYSTEM)
            report.status = locked.status
    return len(open_assignments)


def assignments_suspend_for_ambassador(*, actor: Actor, ambassador: Ambassador) -> list[Assignment]:
    """An ambassador who stops loses access to every open case at once; each case waits for a new ambassador.

    The assignments stay open so that they are in the counsellor's hand-over queue
    (``selectors.assignments_to_reassign``) until ``assignment_reassign`` ends them; only the connection that
    grants access is removed. Each member hears, without content, that a new ambassador is being sought.
    """
    with transaction.atomic():
        open_assignments = list(
            # Only the assignment rows: PostgreSQL cannot lock the nullable side of the outer join to the reporter.
            Assignment.objects.select_for_update(of=("self",))
            .select_related("report__reporter")
            .filter(ambassador=ambassador, status__in=OPEN_ASSIGNMENT_STATUSES)
        )
        for assignment in open_assignments:
            report = assignment.report
            report_ambassador_disconnect(actor=actor, report=report, ambassador_id=ambassador.pk)
            _mail_member(report, "generic_notice")
            audit_log(
                actor=actor,
                action="matching.assignment.suspended",
                target=assignment,
                data={"report": report.pk, "cause": AMBASSADOR_ENDED},
            )
    return open_assignments
