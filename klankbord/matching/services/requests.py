"""Answering a request (part B of issue 4): accept, decline, remind, expire. Mails never carry case content.

Lock order as in ``matching.services``: ambassador row, then report row, then the assignment row.
"""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from klankbord.accounts.types import Actor, User
from klankbord.ambassadors.constants import AmbassadorStatus
from klankbord.ambassadors.models import Ambassador
from klankbord.audit.services import audit_log
from klankbord.consent.constants import Purpose
from klankbord.consent.selectors import consent_allows
from klankbord.core.errors import DomainError
from klankbord.core.mail import mail_send, mail_user
from klankbord.messaging.constants import ParticipantKind
from klankbord.messaging.services import participant_mark_read, thread_for_report
from klankbord.reports.constants import ReportStatus
from klankbord.reports.models import Report
from klankbord.reports.services import report_ambassador_connect
from klankbord.reports.workflow import AMBASSADOR, SYSTEM, report_transition

from ..constants import AssignmentStatus, NoticeKind
from ..models import Assignment, RequestNotice
from ..workflow import ACCEPT, ASSIGNMENT_WORKFLOW, DECLINE, EXPIRE


def _lock(assignment_id: int) -> tuple[Assignment, Report]:
    ambassador_id, report_id = Assignment.objects.values_list("ambassador_id", "report_id").get(
        pk=assignment_id
    )
    Ambassador.objects.select_for_update().get(pk=ambassador_id)
    report = Report.objects.select_for_update().get(pk=report_id)
    assignment = (
        Assignment.objects.select_for_update().select_related("ambassador__user").get(pk=assignment_id)
    )
    return assignment, report


def _own_locked(actor: Actor, assignment_id: int) -> tuple[Assignment, Report]:
    """Lock the assignment ``actor`` is asked for (refused when it is someone else's)."""
    assignment, report = _lock(assignment_id)
    if assignment.ambassador.user_id != getattr(actor, "pk", None):
        raise DomainError(_("Dit verzoek is niet aan u gericht."), code="not_yours")
    return assignment, report


def _check_answerable(assignment: Assignment, action: str) -> None:
    if not ASSIGNMENT_WORKFLOW.can(assignment.status, action):
        raise DomainError(_("Dit verzoek is al beantwoord of verlopen."), code="not_requested")


def _requested_of(actor: Actor, assignment_id: int, action: str) -> tuple[Assignment, Report]:
    """Lock the assignment ``actor`` is asked for, if its table still allows ``action`` (an answer)."""
    assignment, report = _own_locked(actor, assignment_id)
    _check_answerable(assignment, action)
    return assignment, report


def _mail_user(user: User | None, template: str, path: str) -> None:
    mail_user(user=user, template=template, path=path)


def _counsellor_of(assignment: Assignment, report: Report) -> User | None:
    return report.assigned_counsellor or assignment.requested_by


def _mail_member(report: Report, template: str) -> None:
    """Tell the member (account or the address they left) that something waits in their portal."""
    if report.reporter_id:
        _mail_user(report.reporter, template, reverse("reports:portal_detail", kwargs={"pk": report.pk}))
    elif report.contact_email:
        mail_send(to=report.contact_email, template=template, context={"path": reverse("reports:return")})


def assignment_notify_requested(*, assignment_id: int) -> bool:
    """Send the (content-free) request mail to the ambassador once. Safe to call again: returns False then."""
    with transaction.atomic():  # the notice and its mail (an outbox row) together, or neither
        assignment = Assignment.objects.select_related("ambassador__user").get(pk=assignment_id)
        if assignment.status != AssignmentStatus.REQUESTED:
            return False
        _notice, created = RequestNotice.objects.get_or_create(assignment=assignment, kind=NoticeKind.REQUEST)
        if created:
            path = reverse("support:request", kwargs={"report_pk": assignment.report_id})
            _mail_user(assignment.ambassador.user, "request_for_ambassador", path)
    return created


def assignment_accept(*, actor: User, assignment_id: int) -> Assignment:
    """The ambassador takes the case on: the assignment is accepted, the report's ambassador set (access then
    follows the member's consent), the report moves to "in support", the ambassador joins the conversation,
    and member and counsellor hear it (without content). A handover is told to the member as such."""
    with transaction.atomic():
        # Consent first: a withdrawal has already ended the request, and the member's "no" is the answer to give.
        assignment, report = _own_locked(actor, assignment_id)
        if not report.is_open or not consent_allows(report=report, purpose=Purpose.CONNECT_AMBASSADOR):
            raise DomainError(_("Het raadslid wil (nu) geen contact met een ambassadeur."), code="no_consent")
        if assignment.ambassador.status == AmbassadorStatus.ENDED:
            raise DomainError(_("U bent gestopt als ambassadeur."), code="ambassador_ended")
        _check_answerable(assignment, ACCEPT)
        handover = Assignment.objects.filter(report=report, status=AssignmentStatus.ENDED).exists()
        now = timezone.now()
        assignment.status, assignment.responded_at = ASSIGNMENT_WORKFLOW.apply(assignment.status, ACCEPT), now
        assignment.save(update_fields=["status", "responded_at"])
        report_ambassador_connect(actor=actor, report=report, ambassador_user=actor)
        if report.status == ReportStatus.AMBASSADOR_REQUESTED:
            report_transition(
                actor=actor, report=report, to_status=ReportStatus.IN_SUPPORT, actor_kind=AMBASSADOR
            )
        participant_mark_read(
            thread=thread_for_report(report=report), actor=actor, kind=ParticipantKind.AMBASSADOR
        )
        audit_log(
            actor=actor, action="matching.assignment.accepted", target=assignment, data={"report": report.pk}
        )
        counsellor = _counsellor_of(assignment, report)
        case_path = reverse("reports:case", kwargs={"pk": report.pk})
        _mail_member(report, "support_handover" if handover else "support_connected")
        _mail_user(counsellor, "generic_notice", case_path)
    return assignment


def _back_to_matching(actor: Actor, report: Report, kind: str, reason: str) -> None:
    if report.status == ReportStatus.AMBASSADOR_REQUESTED:
        report_transition(
            actor=actor, report=report, to_status=ReportStatus.MATCHING, actor_kind=kind, reason=reason
        )


def assignment_decline(*, actor: Actor, assignment_id: int, reason: str = "") -> Assignment:
    """The ambassador says no, with a reason for the counsellor: the request returns to the counsellor, who
    matches again."""
    with transaction.atomic():
        assignment, report = _requested_of(actor, assignment_id, DECLINE)
        if not reason.strip():
            raise DomainError(
                _(
                    "Schrijf kort waarom u dit verzoek niet kunt aannemen; alleen de vertrouwenspersoon leest het."
                ),
                code="reason_required",
            )
        assignment.status = ASSIGNMENT_WORKFLOW.apply(assignment.status, DECLINE)
        assignment.responded_at = timezone.now()
        assignment.reason = reason.strip()
        assignment.save(update_fields=["status", "responded_at", "reason"])
        _back_to_matching(actor, report, AMBASSADOR, "")
        audit_log(
            actor=actor, action="matching.assignment.declined", target=assignment, data={"report": report.pk}
        )
        counsellor = _counsellor_of(assignment, report)
        path = reverse("matching:match", kwargs={"pk": report.pk})
        _mail_user(counsellor, "support_request_returned", path)
    return assignment


def assignment_remind(*, assignment_id: int) -> bool:
    """Remind the ambassador of an unanswered request, once. Returns whether a reminder went out."""
    with transaction.atomic():
        assignment = Assignment.objects.select_related("ambassador__user").get(pk=assignment_id)
        if assignment.status != AssignmentStatus.REQUESTED:
            return False
        _notice, created = RequestNotice.objects.get_or_create(
            assignment=assignment, kind=NoticeKind.REMINDER
        )
        if created:
            audit_log(actor=None, action="matching.assignment.reminded", target=assignment, data={})
            path = reverse("support:request", kwargs={"report_pk": assignment.report_id})
            user = assignment.ambassador.user
            _mail_user(user, "support_request_reminder", path)
    return created


def assignment_expire(*, assignment_id: int) -> bool:
    """No answer in time: the request lapses and returns to the counsellor. Returns whether it expired now."""
    with transaction.atomic():
        assignment, report = _lock(assignment_id)
        if not ASSIGNMENT_WORKFLOW.can(assignment.status, EXPIRE):
            return False
        assignment.status = ASSIGNMENT_WORKFLOW.apply(assignment.status, EXPIRE)
        assignment.responded_at = timezone.now()
        assignment.save(update_fields=["status", "responded_at"])
        _back_to_matching(None, report, SYSTEM, "")
        audit_log(
            actor=None, action="matching.assignment.expired", target=assignment, data={"report": report.pk}
        )
        counsellor = _counsellor_of(assignment, report)
        path = reverse("matching:match", kwargs={"pk": report.pk})
        _mail_user(counsellor, "support_request_returned", path)
    return True
