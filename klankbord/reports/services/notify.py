"""Who hears about reports and messages (never what they say)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import Permission
from django.db.models import Q, QuerySet
from django.urls import reverse

from klankbord.accounts.types import User
from klankbord.core.mail import mail_send

from ..models import Report
from ..workflow import REPORTER


def counsellor_users() -> QuerySet[User]:
    """Active users who may read reports (directly or through a role)."""
    permission = Permission.objects.filter(content_type__app_label="reports", codename="view_report")
    return (
        User.objects.filter(is_active=True)
        .filter(Q(groups__permissions__in=permission) | Q(user_permissions__in=permission))
        .distinct()
        .order_by("display_name", "email")
    )


def notify_counsellors(*, report: Report) -> None:
    template = "urgent_report" if report.urgent else "new_report"
    path = reverse("reports:case", kwargs={"pk": report.pk})
    for user in counsellor_users():
        mail_send(
            to=user.email,
            template=template,
            context={"path": path},
            language=user.preferred_language,
            recipient_name=user.display_name,
        )


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
        assigned = report.assigned_counsellor
        staff = [assigned] if assigned is not None else list(counsellor_users())
        return [
            Recipient(u.email, u.display_name[:100], u.preferred_language, path) for u in staff if u.is_active
        ]
    recipients = []
    member = report.reporter
    if member is not None:
        path = reverse("reports:portal_detail", kwargs={"pk": report.pk})
        recipients.append(Recipient(member.email, member.display_name[:100], member.preferred_language, path))
    if report.contact_email and all(r.address != report.contact_email for r in recipients):
        recipients.append(Recipient(report.contact_email, "", "nl", reverse("reports:return")))
    return recipients
