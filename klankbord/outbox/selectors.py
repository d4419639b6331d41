"""Reads of the outbox: what needs the administrator, and how long the oldest mail has been waiting."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Max, Min, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from klankbord.accounts.types import AnyUser
from klankbord.core.dashboard import Alert

from .constants import OPEN_STATUSES, MailStatus
from .models import OutgoingMail

PAGE_LIMIT = 200


def mails_failed_unhandled() -> QuerySet[OutgoingMail]:
    return OutgoingMail.objects.filter(status=MailStatus.FAILED, handled_at__isnull=True).order_by(
        "-failed_at"
    )


def mails_waiting() -> QuerySet[OutgoingMail]:
    return OutgoingMail.objects.filter(status__in=OPEN_STATUSES).order_by("created_at", "pk")


def mail_get(*, mail_id: int) -> OutgoingMail | None:
    return OutgoingMail.objects.filter(pk=mail_id).first()


@dataclass(frozen=True)
class OutboxHealth:
    waiting: int
    failed_unhandled: int
    oldest_waiting_since: datetime | None
    last_attempt_at: datetime | None

    def oldest_waiting_seconds(self, now: datetime | None = None) -> float | None:
        if self.oldest_waiting_since is None:
            return None
        return round(((now or timezone.now()) - self.oldest_waiting_since).total_seconds(), 1)


def outbox_health() -> OutboxHealth:
    """Counts and ages only: no address, subject or template of any mail."""
    waiting = mails_waiting()
    oldest = waiting.aggregate(oldest=Min("created_at"))["oldest"]
    last = OutgoingMail.objects.aggregate(last=Max("last_attempt_at"))["last"]
    return OutboxHealth(
        waiting=waiting.count(),
        failed_unhandled=mails_failed_unhandled().count(),
        oldest_waiting_since=oldest,
        last_attempt_at=last,
    )


def failed_mail_alerts(user: AnyUser) -> list[Alert]:
    """A banner for whoever handles failed mail, for as long as one is unhandled."""
    count = mails_failed_unhandled().count()
    if not count:
        return []
    text = ngettext(
        "%(count)d mail kon niet worden bezorgd.", "%(count)d mails konden niet worden bezorgd.", count
    ) % {"count": count}
    return [Alert(text=text, url=reverse("outbox:list") + "#mislukt", link_text=_("Bekijk uitgaande mail"))]
