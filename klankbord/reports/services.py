"""Writes for reports: submit online, register on a member's behalf, claim, assign, notes, first response.

Every service runs in one transaction with its audit entries; mail goes out after commit and never carries
case content. Status changes go through ``workflow.report_transition`` only.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from klankbord.audit.services import audit_log
from klankbord.consent.constants import Method, Purpose
from klankbord.consent.services import consent_grant, consent_withdraw_all
from klankbord.core.mail import mail_send
from klankbord.messaging.models import PendingUpload
from klankbord.messaging.services import attachments_claim, message_send, thread_for_report

from .constants import ReportStatus, SourceChannel
from .models import IntakeNote, Report
from .receipts import receipt_issue
from .workdays import first_response_due
from .workflow import COUNSELLOR, REPORTER, report_transition

_REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


class ReportError(Exception):
    """A change that cannot be made; the message is Dutch and may be shown."""


@dataclass
class ReportInput:
    """What a report says. Built by the forms; every field is optional except where a form requires it."""

    narrative: str = ""
    municipality: Any = None
    member_role: str = ""
    acute_danger: bool = False
    categories: list[str] = field(default_factory=list)
    incident_channels: list[str] = field(default_factory=list)
    perpetrator_type: str = ""
    occurred_on: date | None = None
    occurred_period: str = ""
    ongoing: bool | None = None
    police_report: str = ""
    impacts: list[str] = field(default_factory=list)
    impact_notes: str = ""
    preferred_contact_channel: str = ""
    preferred_contact_times: str = ""
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    wish_gender: str = ""
    wish_excluded_municipalities: list[Any] = field(default_factory=list)
    party_shared: bool = False
    member_party: str = ""
    wish_notes: str = ""


@dataclass
class ConsentInput:
    """Consents given with the report. ``share_fields`` non-empty means share consent for exactly those."""

    connect_ambassador: bool = False
    share_fields: list[str] = field(default_factory=list)
    anonymous_signals: bool = False
    aftercare_contact: bool = False


@dataclass(frozen=True)
class Submitted:
    report: Report
    receipt_code: str | None  # plain code for a reporter without an account; shown once, never stored


def _new_reference() -> str:
    while True:
        body = "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(8))
        reference = f"M-{body[:4]}-{body[4:]}"
        if not Report.objects.filter(reference=reference).exists():
            return reference


def _create(*, data: ReportInput, source: str, reporter: Any, registered_by: Any) -> Report:
    now = timezone.now()
    values = {k: v for k, v in vars(data).items() if k != "wish_excluded_municipalities"}
    if not data.party_shared:
        values["member_party"] = ""  # special category data: never kept without the explicit choice
    report = Report.objects.create(
        **values,
        reference=_new_reference(),
        source_channel=source,
        urgent=data.acute_danger,
        reporter=reporter,
        registered_by=registered_by,
        received_at=now,
        status_changed_at=now,
        first_response_due=first_response_due(now),
    )
    report.wish_excluded_municipalities.set(data.wish_excluded_municipalities)
    return report


def _grant_consents(
    *, report: Report, consents: ConsentInput, actor: Any, method: str, on_behalf: bool
) -> None:
    wanted = [
        (Purpose.CONNECT_AMBASSADOR, consents.connect_ambassador, None),
        (Purpose.SHARE_FIELDS, bool(consents.share_fields), consents.share_fields),
        (Purpose.ANONYMOUS_SIGNALS, consents.anonymous_signals, None),
        (Purpose.AFTERCARE_CONTACT, consents.aftercare_contact, None),
    ]
    for purpose, given, fields in wanted:
        if given:
            consent_grant(
                report=report, purpose=purpose, actor=actor, method=method, on_behalf=on_behalf, fields=fields
            )


def report_submit_online(
    *, reporter: Any, data: ReportInput, consents: ConsentInput, pending: Sequence[PendingUpload] = ()
) -> Submitted:
    """A member reports online, logged in or not. Without an account they get a receipt code (shown once)."""
    user = reporter if getattr(reporter, "is_authenticated", False) else None
    with transaction.atomic():
        report = _create(data=data, source=SourceChannel.ONLINE, reporter=user, registered_by=None)
        code = receipt_issue(report=report) if user is None else None
        audit_log(
            actor=user,
            action="reports.report.submitted",
            target=report,
            data={"source": report.source_channel, "urgent": report.urgent, "attachments": len(pending)},
            actor_label=None if user else "reporter:anonymous",
        )
        _grant_consents(report=report, consents=consents, actor=user, method=Method.ONLINE, on_behalf=False)
        thread = thread_for_report(report=report)
        attachments_claim(thread=thread, message=None, pending=pending, actor=user, kind="reporter")
        _notify_counsellors(report=report)
    return Submitted(report, code)


def report_register(
    *,
    counsellor: Any,
    data: ReportInput,
    source: str,
    consents: ConsentInput,
    consent_method: str,
    pending: Sequence[PendingUpload] = (),
    issue_receipt: bool = True,
) -> Submitted:
    """A counsellor registers what a member told them by phone, e-mail or in person, incl. consents given then.

    The member's contact with the counsellor is the first response, so the response target is met at once.
    """
    if source not in (
        SourceChannel.PHONE,
        SourceChannel.EMAIL,
        SourceChannel.IN_PERSON,
        SourceChannel.TALK_REQUEST,
    ):
        raise ReportError(_("Kies hoe de melding binnenkwam."))
    with transaction.atomic():
        report = _create(data=data, source=source, reporter=None, registered_by=counsellor)
        now = timezone.now()
        Report.objects.filter(pk=report.pk).update(assigned_counsellor=counsellor, first_responded_at=now)
        report.assigned_counsellor, report.first_responded_at = counsellor, now
        code = receipt_issue(report=report) if issue_receipt else None
        audit_log(
            actor=counsellor,
            action="reports.report.registered",
            target=report,
            data={"source": source, "urgent": report.urgent, "attachments": len(pending)},
        )
        _grant_consents(
            report=report, consents=consents, actor=counsellor, method=consent_method, on_behalf=True
        )
        thread = thread_for_report(report=report)
        attachments_claim(thread=thread, message=None, pending=pending, actor=counsellor, kind="counsellor")
        if report.urgent:
            _notify_counsellors(report=report)
    return Submitted(report, code)


def counsellor_users() -> Any:
    """Active users who may read reports (directly or through a role)."""
    permission = Permission.objects.filter(content_type__app_label="reports", codename="view_report")
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(groups__permissions__in=permission) | Q(user_permissions__in=permission))
        .distinct()
        .order_by("display_name", "email")
    )


def _notify_counsellors(*, report: Report) -> None:
    template = "urgent_report" if report.urgent else "new_report"
    path = reverse("reports:case", kwargs={"pk": report.pk})
    for user in counsellor_users():
        context = {"recipient_name": user.display_name[:100], "path": path}
        mail_send(to=user.email, template=template, context=context, language=user.preferred_language)


@dataclass(frozen=True)
class Recipient:
    address: str
    name: str
    language: str
    path: str


def report_notification_recipients(*, report: Report, sender_kind: str) -> list[Recipient]:
    """Who hears (without content) that a message arrived: staff for the member's messages, the member (if they
    left an address or have an account) for the staff's."""
    if sender_kind == REPORTER:
        path = reverse("reports:case", kwargs={"pk": report.pk})
        staff = [report.assigned_counsellor] if report.assigned_counsellor_id else list(counsellor_users())
        return [
            Recipient(u.email, u.display_name[:100], u.preferred_language, path) for u in staff if u.is_active
        ]
    recipients = []
    if report.reporter_id:
        path = reverse("reports:portal_detail", kwargs={"pk": report.pk})
        user = report.reporter
        recipients.append(Recipient(user.email, user.display_name[:100], user.preferred_language, path))
    if report.contact_email and all(r.address != report.contact_email for r in recipients):
        recipients.append(Recipient(report.contact_email, "", "nl", reverse("reports:return")))
    return recipients


def _lock(report: Report) -> Report:
    return Report.objects.select_for_update().get(pk=report.pk)


def report_claim(*, counsellor: Any, report: Report) -> Report:
    """The counsellor takes the report on; a new report moves into intake."""
    return report_assign(actor=counsellor, report=report, counsellor=counsellor)


def report_assign(*, actor: Any, report: Report, counsellor: Any) -> Report:
    if not (counsellor.is_active and counsellor.has_perm("reports.view_report")):
        raise ReportError(_("Deze persoon kan geen meldingen behandelen."))
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


def report_record_first_response(*, actor: Any, report: Report) -> bool:
    """Mark the first response (a call, or the first message). Only the first one counts; returns if it did."""
    with transaction.atomic():
        changed = Report.objects.filter(pk=report.pk, first_responded_at__isnull=True).update(
            first_responded_at=timezone.now()
        )
        if changed:
            audit_log(actor=actor, action="reports.report.first_response", target=report)
    return bool(changed)


def report_set_urgent(*, actor: Any, report: Report, urgent: bool) -> None:
    with transaction.atomic():
        Report.objects.filter(pk=report.pk).update(urgent=urgent)
        audit_log(actor=actor, action="reports.report.urgency_set", target=report, data={"urgent": urgent})
        if urgent and not report.urgent:
            report.urgent = True
            _notify_counsellors(report=report)


def intake_note_add(*, actor: Any, report: Report, body: str) -> IntakeNote:
    if not body.strip():
        raise ReportError(_("Een lege notitie kan niet worden opgeslagen."))
    with transaction.atomic():
        note = IntakeNote.objects.create(report=report, author=actor, body=body.strip())
        audit_log(actor=actor, action="reports.intake_note.added", target=note, data={"report": report.pk})
    return note


def report_withdraw(*, actor: Any, report: Report, on_behalf: bool = False, reason: str = "") -> None:
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
    *, actor: Any, report: Report, body: str, pending: Sequence[PendingUpload]
) -> None:
    """A counsellor writes to the member; the first one also counts as the first response."""
    with transaction.atomic():
        message_send(
            thread=thread_for_report(report=report), actor=actor, kind=COUNSELLOR, body=body, pending=pending
        )
        report_record_first_response(actor=actor, report=report)


def report_viewed(*, actor: Any, report_id: int, context: str, actor_label: str | None = None) -> None:
    """NEN 7513-style access log: who opened which report, where (case page, portal, export)."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    audit_log(
        actor=user,
        action="reports.report.viewed",
        object_type="reports.report",
        object_id=report_id,
        data={"context": context},
        actor_label=actor_label if user is None else None,
    )


def reports_listed(*, actor: Any, object_type: str, ids: list[int], context: str) -> None:
    """A list that shows case data (municipality, status, or a talk request's text) is a read too."""
    audit_log(
        actor=actor,
        action=f"{object_type}.listed",
        object_type=object_type,
        data={"context": context, "ids": ids},
    )


def talk_request_submit(
    *, requester: Any, municipality: Any, name: str, reach_me: str, when: str, topic: str
) -> Any:
    """Somebody asks to talk; counsellors hear it (without content) at once."""
    from .models import TalkRequest

    user = requester if getattr(requester, "is_authenticated", False) else None
    with transaction.atomic():
        talk = TalkRequest.objects.create(
            requester=user, municipality=municipality, name=name, reach_me=reach_me, when=when, topic=topic
        )
        audit_log(
            actor=user,
            action="reports.talk_request.submitted",
            target=talk,
            actor_label=None if user else "requester:anonymous",
        )
        for counsellor in counsellor_users():
            mail_send(
                to=counsellor.email, template="reports_talk_request", language=counsellor.preferred_language
            )
    return talk


def talk_request_close(*, actor: Any, talk: Any) -> None:
    """The talk took place and nothing more is needed."""
    from .constants import TalkRequestStatus
    from .models import TalkRequest

    with transaction.atomic():
        updated = TalkRequest.objects.filter(pk=talk.pk, status=TalkRequestStatus.OPEN).update(
            status=TalkRequestStatus.HANDLED, handled_by=actor, handled_at=timezone.now()
        )
        if not updated:
            raise ReportError(_("Dit sparverzoek is al afgehandeld."))
        audit_log(actor=actor, action="reports.talk_request.closed", target=talk)


def talk_request_convert(*, actor: Any, talk: Any) -> Submitted:
    """Turn a talk request into a report the counsellor then completes with the member (consents separately)."""
    from .constants import TalkRequestStatus
    from .models import TalkRequest

    with transaction.atomic():
        locked = TalkRequest.objects.select_for_update().get(pk=talk.pk)
        if locked.status != TalkRequestStatus.OPEN:
            raise ReportError(_("Dit sparverzoek is al afgehandeld."))
        data = ReportInput(narrative=locked.topic, municipality=locked.municipality, contact_name=locked.name)
        data.preferred_contact_times = locked.when
        _fill_reach(data, locked.reach_me)
        submitted = report_register(
            counsellor=actor,
            data=data,
            source=SourceChannel.TALK_REQUEST,
            consents=ConsentInput(),
            consent_method="",
            issue_receipt=locked.requester is None,
        )
        Report.objects.filter(pk=submitted.report.pk).update(reporter=locked.requester)
        TalkRequest.objects.filter(pk=locked.pk).update(
            status=TalkRequestStatus.CONVERTED,
            handled_by=actor,
            handled_at=timezone.now(),
            report=submitted.report,
        )
        audit_log(
            actor=actor,
            action="reports.talk_request.converted",
            target=locked,
            data={"report": submitted.report.pk},
        )
    return submitted


def _fill_reach(data: ReportInput, reach_me: str) -> None:
    """'How to reach me' is free text: an e-mail address goes to the e-mail field, anything else to phone."""
    value = reach_me.strip()
    if "@" in value and " " not in value:
        data.contact_email = value[:254]
    else:
        data.contact_phone = value[:40]
