"""Writes of support: the contact log, referrals, escalations, status steps, aftercare, the evaluation.

Every write runs in one transaction with its audit row (primitives only, never the note's text); mails are
content-free and leave after commit.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from klankbord.accounts.types import Actor, User
from klankbord.ambassadors.constants import TimeActivity, TimeSource
from klankbord.ambassadors.selectors import ambassador_for_user
from klankbord.ambassadors.services import time_entry_add
from klankbord.audit.services import audit_log
from klankbord.consent.constants import Purpose
from klankbord.consent.selectors import consent_allows
from klankbord.core.errors import DomainError
from klankbord.core.mail import mail_user
from klankbord.matching.constants import AssignmentStatus
from klankbord.matching.models import Assignment
from klankbord.reports.constants import ReportStatus
from klankbord.reports.models import Report
from klankbord.reports.workflow import COUNSELLOR, report_transition

from .constants import (
    AFTERCARE_OFFSETS_DEFAULT,
    CheckInStatus,
    EscalationTarget,
    ReferralOutcome,
)
from .models import (
    AftercareCheckIn,
    ClosingEvaluation,
    ContactMoment,
    Escalation,
    Referral,
    ReferralOutcomeChange,
    ReferralResource,
    Reflection,
)
from .selectors import EVALUABLE_STATUSES
from .workflow import CANCEL, CHECKIN_WORKFLOW, RECORD


def _mail(user: User, template: str, path: str) -> None:
    mail_user(user=user, template=template, path=path)


@transaction.atomic
def contact_moment_add(*, actor: User, report: Report, **fields: object) -> ContactMoment:
    """Log one contact (date, form, duration, topics, a short note, the next appointment).

    An ambassador's contact is their time too: its minutes are booked once, as a "contact" time entry on the
    case through ``time_entry_add`` (the one record that "Tijdsbesteding" and every total count), so the
    ambassador never enters them twice. Refused with that entry's rules (an ambassador who stopped, a date more
    than a year back, more minutes than one entry holds).
    """
    moment = ContactMoment.objects.create(report=report, author=actor, **fields)
    profile = ambassador_for_user(actor)
    if profile is not None:
        time_entry_add(
            actor=actor,
            ambassador=profile,
            entry_date=moment.date,
            activity=TimeActivity.CONTACT,
            minutes=moment.duration_minutes,
            report_id=report.pk,
            source=TimeSource.CONTACT_MOMENT,
        )
    audit_log(
        actor=actor,
        action="support.contact.logged",
        target=moment,
        data={"report": report.pk, "form": moment.form, "minutes": moment.duration_minutes},
    )
    return moment


@transaction.atomic
def referral_add(*, actor: User, report: Report, resource: ReferralResource) -> Referral:
    referral = Referral.objects.create(report=report, resource=resource, created_by=actor)
    ReferralOutcomeChange.objects.create(referral=referral, outcome=referral.outcome, actor=actor)
    audit_log(
        actor=actor,
        action="support.referral.added",
        target=referral,
        data={"report": report.pk, "resource": resource.pk, "kind": resource.kind},
    )
    return referral


@transaction.atomic
def referral_set_outcome(*, actor: User, referral: Referral, outcome: str) -> Referral:
    """Move a referral on (suggested, contacted, helping, done, declined); every step is kept."""
    if outcome not in ReferralOutcome.values:
        raise DomainError(_("Kies een geldige stand."), code="invalid")
    referral.outcome, referral.outcome_changed_at = outcome, timezone.now()
    referral.save(update_fields=["outcome", "outcome_changed_at"])
    ReferralOutcomeChange.objects.create(referral=referral, outcome=outcome, actor=actor)
    audit_log(
        actor=actor,
        action="support.referral.outcome",
        target=referral,
        data={"report": referral.report_id, "outcome": outcome},
    )
    return referral


def _escalation_recipients(report: Report, target: str) -> list[User]:
    if target == EscalationTarget.COUNSELLOR and report.assigned_counsellor is not None:
        return [report.assigned_counsellor]
    return list(
        User.objects.filter(is_active=True, groups__permissions__codename="view_escalation").distinct()[:50]
    )


@transaction.atomic
def escalation_raise(*, actor: User, report: Report, target: str, reason: str) -> Escalation:
    """ "Dit gaat mijn rol te boven": hand a question to the counsellor or the association (mail without
    content). The ambassador stays on as supporter."""
    escalation = Escalation.objects.create(
        report=report, raised_by=actor, target=target, reason=reason.strip()
    )
    audit_log(
        actor=actor,
        action="support.escalation.raised",
        target=escalation,
        data={"report": report.pk, "to": target},
    )
    path = reverse("support:case", kwargs={"report_pk": report.pk})
    for user in _escalation_recipients(report, target):
        _mail(user, "support_escalation", path)
    return escalation


@transaction.atomic
def escalation_handle(*, actor: Actor, escalation: Escalation) -> Escalation:
    if escalation.handled_at is None:
        escalation.handled_at, escalation.handled_by = timezone.now(), actor
        escalation.save(update_fields=["handled_at", "handled_by"])
        audit_log(actor=actor, action="support.escalation.handled", target=escalation, data={})
    return escalation


def resource_save(*, actor: Actor, resource: ReferralResource) -> ReferralResource:
    """Create or change an entry in the directory of help, audited in the same transaction."""
    created = resource._state.adding
    with transaction.atomic():
        resource.save()
        audit_log(
            actor=actor,
            action="support.resource.created" if created else "support.resource.changed",
            target=resource,
            data={"kind": resource.kind, "active": resource.active},
        )
    return resource


def aftercare_offsets() -> list[int]:
    return list(getattr(settings, "KLANKBORD_AFTERCARE_OFFSETS_DAYS", AFTERCARE_OFFSETS_DEFAULT))


def aftercare_schedule(
    *, report: Report, ambassador: User, start: date | None = None
) -> list[AftercareCheckIn]:
    """Plan the check-ins after support ends, only while the member's aftercare consent holds."""
    if not consent_allows(report=report, purpose=Purpose.AFTERCARE_CONTACT):
        return []
    start = start or timezone.localdate()
    planned = [
        AftercareCheckIn.objects.create(
            report=report, ambassador=ambassador, offset_days=days, due_on=start + timedelta(days=days)
        )
        for days in sorted(set(aftercare_offsets()))
    ]
    audit_log(actor=None, action="support.aftercare.scheduled", target=report, data={"count": len(planned)})
    return planned


def _cancel_planned(report: Report) -> int:
    return AftercareCheckIn.objects.filter(report=report, status__in=CHECKIN_WORKFLOW.sources(CANCEL)).update(
        status=CheckInStatus.CANCELLED
    )


def support_transition(
    *, actor: User, report: Report, to_status: str, actor_kind: str, reason: str = ""
) -> None:
    """A support step (professional help engaged, aftercare, back to support) through the workflow table;
    starting aftercare plans the check-ins, going back to support cancels the planned ones."""
    with transaction.atomic():
        report_transition(
            actor=actor, report=report, to_status=to_status, reason=reason, actor_kind=actor_kind
        )
        if to_status == ReportStatus.AFTERCARE:
            assignment = Assignment.objects.filter(report=report, status=AssignmentStatus.ACCEPTED).first()
            aftercare_schedule(report=report, ambassador=assignment.ambassador.user if assignment else actor)
        elif to_status == ReportStatus.IN_SUPPORT:
            _cancel_planned(report)


def checkin_window_opens(checkin: AftercareCheckIn) -> date:
    """The first day a check-in can be recorded as held."""
    return checkin.recordable_from


@transaction.atomic
def checkin_record(
    *, actor: Actor, checkin: AftercareCheckIn, outcome: str, note: str = ""
) -> AftercareCheckIn:
    """Record a held check-in; refused once the member withdrew their consent to aftercare (read now), and
    before its window opens (``CHECKIN_OPENS_DAYS_BEFORE`` days before it is due)."""
    if not CHECKIN_WORKFLOW.can(checkin.status, RECORD):
        raise DomainError(_("Dit nazorgmoment is al vastgelegd."), code="not_planned")
    if not consent_allows(report=checkin.report_id, purpose=Purpose.AFTERCARE_CONTACT):
        raise DomainError(
            _("Het raadslid heeft de toestemming voor nazorg ingetrokken."), code="no_aftercare_consent"
        )
    opens_on = checkin_window_opens(checkin)
    if timezone.localdate() < opens_on:
        raise DomainError(
            _("Dit nazorgmoment kan pas vanaf %(date)s worden vastgelegd."),
            code="checkin_too_early",
            params={"date": date_format(opens_on)},
        )
    checkin.status = CHECKIN_WORKFLOW.apply(checkin.status, RECORD)
    checkin.outcome, checkin.note = outcome, note.strip()
    checkin.done_at = timezone.now()
    checkin.save(update_fields=["status", "outcome", "note", "done_at"])
    audit_log(
        actor=actor,
        action="support.checkin.recorded",
        target=checkin,
        data={"report": checkin.report_id, "outcome": outcome},
    )
    return checkin


@transaction.atomic
def reflection_add(*, actor: User, report: Report, held_on: date, note: str) -> Reflection:
    reflection = Reflection.objects.create(report=report, author=actor, held_on=held_on, note=note.strip())
    audit_log(actor=actor, action="support.reflection.added", target=reflection, data={"report": report.pk})
    return reflection


# Reports closed by ``support_close`` whose counsellor chose to let the planned aftercare go on.
_AFTERCARE_KEPT: ContextVar[frozenset[int]] = ContextVar("aftercare_kept", default=frozenset())


@contextmanager
def _keeping_aftercare(report_id: int) -> Iterator[None]:
    token = _AFTERCARE_KEPT.set(_AFTERCARE_KEPT.get() | {report_id})
    try:
        yield
    finally:
        _AFTERCARE_KEPT.reset(token)


def support_close(*, actor: Actor, report: Report, reason: str, aftercare_continues: bool = False) -> None:
    """The counsellor closes the case: the assignment ends (the ambassador's place frees up and their access
    ends). Planned check-ins lapse unless ``aftercare_continues`` (the counsellor's choice on closing; the
    member's consent to aftercare still decides). Refused by the workflow without a reason."""
    with transaction.atomic():
        keep = aftercare_continues and consent_allows(report=report, purpose=Purpose.AFTERCARE_CONTACT)
        if keep:
            with _keeping_aftercare(report.pk):
                _close(actor, report, reason)
        else:
            _close(actor, report, reason)
        audit_log(actor=actor, action="support.case.closed", target=report, data={"aftercare_kept": keep})


def _close(actor: Actor, report: Report, reason: str) -> None:
    # Ending the assignment and cancelling check-ins happen in the workflow's final-status hooks.
    report_transition(
        actor=actor, report=report, to_status=ReportStatus.CLOSED, reason=reason, actor_kind=COUNSELLOR
    )


@transaction.atomic
def evaluation_submit(
    *, actor: Actor, report: Report, scores: dict[str, int], helped: str, missing: str
) -> ClosingEvaluation:
    """The member's closing evaluation: once, in aftercare or after closing."""
    locked = Report.objects.select_for_update().get(pk=report.pk)
    if locked.status not in EVALUABLE_STATUSES or ClosingEvaluation.objects.filter(report=locked).exists():
        raise DomainError(_("U kunt de begeleiding nu niet (meer) evalueren."), code="not_now")
    evaluation = ClosingEvaluation.objects.create(
        report=locked, helped=helped.strip(), missing=missing.strip(), **scores
    )
    audit_log(
        actor=actor,
        action="support.evaluation.submitted",
        target=evaluation,
        data={"report": locked.pk},
        actor_label=None if getattr(actor, "is_authenticated", False) else "reporter:receipt",
    )
    return evaluation


@dataclass
class ReminderRun:
    requests_sent: int = 0
    reminders: int = 0
    expired: int = 0
    checkin_reminders: int = 0


def support_send_reminders(*, now: datetime | None = None) -> ReminderRun:
    """The periodic run (`klankbord support send-reminders`): request mails not yet sent, a reminder at half
    the answer time, expiry after the deadline (back to the counsellor), and check-in reminders. Idempotent."""
    from klankbord.matching.services import (
        assignment_expire,
        assignment_notify_requested,
        assignment_remind,
    )

    now = now or timezone.now()
    run = ReminderRun()
    for assignment in Assignment.objects.filter(status=AssignmentStatus.REQUESTED, due_at__isnull=False):
        due_at = assignment.due_at
        assert due_at is not None  # the query excludes assignments without a deadline
        if now >= due_at:
            run.expired += assignment_expire(assignment_id=assignment.pk)
            continue
        run.requests_sent += assignment_notify_requested(assignment_id=assignment.pk)
        if now >= assignment.requested_at + (due_at - assignment.requested_at) / 2:
            run.reminders += assignment_remind(assignment_id=assignment.pk)
    run.checkin_reminders = checkins_remind(today=timezone.localdate(now))
    return run


def checkins_remind(*, today: date) -> int:
    from .constants import CHECKIN_REMIND_DAYS_BEFORE

    due = AftercareCheckIn.objects.filter(
        status=CheckInStatus.PLANNED,
        reminded_at__isnull=True,
        due_on__lte=today + timedelta(days=CHECKIN_REMIND_DAYS_BEFORE),
    ).select_related("ambassador")
    sent = 0
    for checkin in due:
        with transaction.atomic():
            if AftercareCheckIn.objects.filter(pk=checkin.pk, reminded_at__isnull=True).update(
                reminded_at=timezone.now()
            ):
                # The check-in's own page: it stays open to this ambassador after closing, unlike the case page.
                path = reverse("support:checkin", kwargs={"report_pk": checkin.report_id, "pk": checkin.pk})
                _mail(checkin.ambassador, "support_checkin_reminder", path)
                sent += 1
    return sent


def checkins_cancel_for_report(*, report: Report, actor: Actor) -> None:
    """Workflow hook: a closed or withdrawn report has no more planned check-ins, unless the counsellor closed
    it with aftercare going on (``support_close``)."""
    if report.status == ReportStatus.CLOSED and report.pk in _AFTERCARE_KEPT.get():
        return
    cancelled = _cancel_planned(report)
    if cancelled:
        audit_log(actor=actor, action="support.aftercare.cancelled", target=report, data={"count": cancelled})


def checkins_cancel_for_withdrawn_aftercare(*, report: Report, purpose: str, actor: Actor) -> None:
    """Consent-withdrawal hook: without consent to aftercare, the planned check-ins are cancelled now."""
    if purpose != Purpose.AFTERCARE_CONTACT:
        return
    cancelled = _cancel_planned(report)
    if cancelled:
        audit_log(
            actor=actor,
            action="support.aftercare.cancelled",
            target=report,
            data={"count": cancelled, "cause": "consent_withdrawn"},
            actor_label=None if getattr(actor, "is_authenticated", False) else "reporter:receipt",
        )
