"""Handling a report: claim, assign, first response, urgency, notes, withdrawal, and the read audit."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from klankbord.accounts.types import Actor, User
from klankbord.audit.services import audit_log
from klankbord.consent.constants import Method
from klankbord.consent.services import consent_withdraw_all
from klankbord.core.errors import DomainError
from klankbord.messaging.services import message_send, thread_for_report
from klankbord.uploads.models import PendingUpload

from ..constants import ReportStatus
from ..models import IntakeNote, Report
from ..workdays import response_target
from ..workflow import COUNSELLOR, REPORTER, report_transition
from .notify import notify_counsellors


def _lock(report: Report) -> Report:
    return Report.objects.select_for_update().get(pk=report.pk)


def report_claim(*, counsellor: User, report: Report) -> Report:
    """The counsellor takes the report on; a new report moves into intake."""
    return report_assign(actor=counsellor, report=report, counsellor=counsellor)


def report_assign(*, actor: Actor, report: Report, counsellor: User) -> Report:
    if not (counsellor.is_active and counsellor.has_perm("reports.view_report")):
        raise DomainError(_("Deze persoon kan geen meldingen behandelen."), code="not_counsellor")
    with transaction.atomic():
        locked = _lock(report)
        previous = locked.assigned_counsellor_id
        Report.objects.filter(pk=locked.pk).update(assigned_counsellor=counsellor)
        audit_log(
            actor=actor,
            action="reports.report.assigned",
            target=locked,
            data={"from": previous, "to": counsellor.pk},
        )
        if locked.status == ReportStatus.RECEIVED:
            report_transition(
                actor=actor, report=locked, to_status=ReportStatus.INTAKE, actor_kind=COUNSELLOR
            )
    locked.refresh_from_db()
    return locked


def report_record_first_response(*, actor: Actor, report: Report) -> bool:
    """Mark the first response (a call, or the first message). Only the first one counts; returns if it did."""
    with transaction.atomic():
        changed = Report.objects.filter(pk=report.pk, first_responded_at__isnull=True).update(
            first_responded_at=timezone.now()
        )
        if changed:
            audit_log(actor=actor, action="reports.report.first_response", target=report)
    return bool(changed)


def report_set_urgent(*, actor: Actor, report: Report, urgent: bool) -> None:
    """Mark or unmark acute danger. Marking sets a target in hours from now (never later than the one it had);
    unmarking returns to the working-day target from receipt. Marking tells every counsellor."""
    with transaction.atomic():
        if urgent and not report.urgent:
            due, due_at = response_target(timezone.now(), urgent=True)
            due = min(due, report.first_response_due)
        elif urgent:
            due, due_at = report.first_response_due, report.first_response_due_at
        else:
            due, due_at = response_target(report.received_at, urgent=False)
        Report.objects.filter(pk=report.pk).update(
            urgent=urgent, first_response_due=due, first_response_due_at=due_at
        )
        report.first_response_due, report.first_response_due_at = due, due_at
        audit_log(actor=actor, action="reports.report.urgency_set", target=report, data={"urgent": urgent})
        if urgent and not report.urgent:
            report.urgent = True
            notify_counsellors(report=report)


def intake_note_add(*, actor: User, report: Report, body: str) -> IntakeNote:
    if not body.strip():
        raise DomainError(_("Een lege notitie kan niet worden opgeslagen."), code="empty_note")
    with transaction.atomic():
        note = IntakeNote.objects.create(report=report, author=actor, body=body.strip())
        audit_log(actor=actor, action="reports.intake_note.added", target=note, data={"report": report.pk})
    return note


def report_withdraw(*, actor: Actor, report: Report, on_behalf: bool = False, reason: str = "") -> None:
    """The member withdraws the report: status withdrawn and every consent that still holds withdrawn too."""
    method = Method.PHONE if on_behalf else Method.ONLINE
    with transaction.atomic():
        report_transition(
            actor=actor,
            report=report,
            to_status=ReportStatus.WITHDRAWN,
            reason=reason,
            actor_kind=COUNSELLOR if on_behalf else REPORTER,
        )
        consent_withdraw_all(report=report, actor=actor, method=method, on_behalf=on_behalf)


def report_counsellor_message(
    *, actor: Actor, report: Report, body: str, pending: Sequence[PendingUpload]
) -> None:
    """A counsellor writes to the member; the first one also counts as the first response."""
    with transaction.atomic():
        message_send(
            thread=thread_for_report(report=report), actor=actor, kind=COUNSELLOR, body=body, pending=pending
        )
        report_record_first_response(actor=actor, report=report)


def report_viewed(*, actor: Actor, report_id: int, context: str, actor_label: str | None = None) -> None:
    """NEN 7513-style access log: who opened which report, where (case page, portal, export)."""
    user = actor if isinstance(actor, User) else None
    audit_log(
        actor=user,
        action="reports.report.viewed",
        object_type="reports.report",
        object_id=report_id,
        data={"context": context},
        actor_label=actor_label if user is None else None,
    )


def receipt_used(*, report: Report) -> None:
    """Audit a receipt code that opened its report's portal (the visitor has no account: labelled by the code)."""
    audit_log(actor=None, action="reports.receipt.used", target=report, actor_label="reporter:receipt")


def receipt_refused(*, throttled: bool, ip: str) -> None:
    """Audit a receipt code that was wrong or throttled; the IP address shows guessing from one place."""
    audit_log(
        actor=None,
        action="reports.receipt.refused",
        object_type="reports.receiptcode",
        data={"throttled": throttled},
        ip_address=ip or None,
    )


def reports_listed(*, actor: Actor, object_type: str, ids: list[int], context: str) -> None:
    """A list that shows case data (municipality, status, or a talk request's text) is a read too."""
    audit_log(
        actor=actor,
        action=f"{object_type}.listed",
        object_type=object_type,
        data={"context": context, "ids": ids},
    )
