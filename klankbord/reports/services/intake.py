"""Intake: a member reports online, or a counsellor registers a report on the member's behalf.

Each service runs in one transaction with its audit entries; counsellors are mailed after commit, without content.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from klankbord.accounts.types import Actor, AnyUser, User
from klankbord.audit.services import audit_log
from klankbord.consent.constants import Method, Purpose
from klankbord.consent.services import consent_grant
from klankbord.core.errors import DomainError
from klankbord.geo.models import Municipality
from klankbord.geo.selectors import party_index
from klankbord.messaging.services import attachments_claim, thread_for_report
from klankbord.uploads.models import PendingUpload

from ..constants import SourceChannel
from ..models import Report
from ..receipts import receipt_issue
from ..workdays import response_target
from .notify import notify_counsellors

_REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


@dataclass
class ReportInput:
    """What a report says. Built by the forms; every field is optional except where a form requires it."""

    narrative: str = ""
    municipality: Municipality | None = None
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
    wish_excluded_municipalities: list[Municipality] = field(default_factory=list)
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


def _create(*, data: ReportInput, source: str, reporter: User | None, registered_by: User | None) -> Report:
    now = timezone.now()
    values = {k: v for k, v in vars(data).items() if k != "wish_excluded_municipalities"}
    if not data.party_shared:
        values["member_party"] = ""  # special category data: never kept without the explicit choice
    else:  # one party value: a listed party however it was spelled, else the normalised text
        values["member_party"] = party_index().value(data.member_party)
    due, due_at = response_target(now, urgent=data.acute_danger)
    report = Report.objects.create(
        **values,
        reference=_new_reference(),
        source_channel=source,
        urgent=data.acute_danger,
        reporter=reporter,
        registered_by=registered_by,
        received_at=now,
        status_changed_at=now,
        first_response_due=due,
        first_response_due_at=due_at,
    )
    report.wish_excluded_municipalities.set(data.wish_excluded_municipalities)
    return report


def _grant_consents(
    *, report: Report, consents: ConsentInput, actor: Actor, method: str, on_behalf: bool
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
    *,
    reporter: AnyUser | None,
    data: ReportInput,
    consents: ConsentInput,
    pending: Sequence[PendingUpload] = (),
) -> Submitted:
    """A member reports online, logged in or not. Without an account they get a receipt code (shown once)."""
    user = reporter if isinstance(reporter, User) else None
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
        notify_counsellors(report=report)
    return Submitted(report, code)


def report_register(
    *,
    counsellor: User,
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
        raise DomainError(_("Kies hoe de melding binnenkwam."), code="invalid_source")
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
            notify_counsellors(report=report)
    return Submitted(report, code)
