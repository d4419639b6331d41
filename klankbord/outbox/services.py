"""Writes to the outbox: queue a message in the caller's transaction, re-send or set aside a failed one, prune.

``mail_enqueue`` is what ``core.mail.mail_send`` calls; nothing else should queue mail (it renders and checks
the content first). Re-sending is the administrator's answer to a failed delivery: a new row with a new
Message-ID (the old one may not be handed to SMTP again), audited with the old row as its target.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from datetime import timedelta
from email.utils import parseaddr

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from klankbord.accounts.types import User
from klankbord.audit.services import audit_log
from klankbord.core.aftercommit import after_commit
from klankbord.core.errors import DomainError

from .constants import MailStatus
from .models import OutgoingMail


def new_message_id() -> str:
    """A globally unique Message-ID in the sender's domain: the key that is never handed to SMTP twice."""
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "klankbord.invalid"
    return f"<{uuid.uuid4().hex}@{domain}>"


def _deliver_after_commit(ids: list[int]) -> None:
    """Development, tests and the demo (``TASKS_QUEUED`` off) send right after commit; production's worker
    polls the outbox. A failure here is logged and leaves the row for the worker."""
    if settings.KLANKBORD_MAIL_SEND_AFTER_COMMIT and ids:
        from .delivery import deliver_now

        after_commit(deliver_now, ids)


def mail_enqueue(
    *,
    recipients: Sequence[str],
    subject: str,
    body: str,
    template: str = "",
    language: str = "nl",
    attachments: Sequence[Sequence[str]] = (),
) -> list[int]:
    """One outbox row per recipient, in the current transaction (none survives a rollback). Returns their ids."""
    encoded = json.dumps([list(item) for item in attachments]) if attachments else ""
    ids = [
        OutgoingMail.objects.create(
            message_id=new_message_id(),
            template=template,
            language=language,
            recipient=recipient,
            subject=subject,
            body=body,
            attachments=encoded,
        ).pk
        for recipient in recipients
    ]
    _deliver_after_commit(ids)
    return ids


def _failed_unhandled(mail_id: int) -> OutgoingMail:
    mail = OutgoingMail.objects.select_for_update().filter(pk=mail_id).first()
    if mail is None or mail.status != MailStatus.FAILED or mail.handled_at is not None:
        raise DomainError(_("Deze mail is niet (meer) mislukt en onafgehandeld."), code="mail_not_failed")
    return mail


@transaction.atomic
def mail_resend(*, actor: User, mail_id: int) -> OutgoingMail:
    """Queue a failed mail again as a new message (new Message-ID); the failed row is marked handled."""
    failed = _failed_unhandled(mail_id)
    resent = OutgoingMail.objects.create(
        message_id=new_message_id(),
        template=failed.template,
        language=failed.language,
        recipient=failed.recipient,
        subject=failed.subject,
        body=failed.body,
        attachments=failed.attachments,
        resend_of=failed,
    )
    failed.handled_at, failed.handled_by = timezone.now(), actor
    failed.save(update_fields=["handled_at", "handled_by"])
    audit_log(
        actor=actor,
        action="outbox.mail.resent",
        target=failed,
        data={"resent_as": resent.pk, "template": failed.template, "error": failed.last_error},
    )
    _deliver_after_commit([resent.pk])
    return resent


@transaction.atomic
def mail_dismiss(*, actor: User, mail_id: int) -> OutgoingMail:
    """Set a failed mail aside without sending it (the address is wrong for good, the news is stale)."""
    failed = _failed_unhandled(mail_id)
    failed.handled_at, failed.handled_by = timezone.now(), actor
    failed.save(update_fields=["handled_at", "handled_by"])
    audit_log(
        actor=actor,
        action="outbox.mail.dismissed",
        target=failed,
        data={"template": failed.template, "error": failed.last_error},
    )
    return failed


def mail_prune(*, min_age_days: int = 14, dry_run: bool = False) -> int:
    """Delete sent mail older than ``min_age_days`` and failed mail an administrator handled that long ago.

    A failed mail nobody handled is never deleted: it stays on the outbox page until it is re-sent or set
    aside. Waiting and sending rows are never touched.
    """
    cutoff = timezone.now() - timedelta(days=min_age_days)
    old = OutgoingMail.objects.filter(
        Q(status=MailStatus.SENT, sent_at__lt=cutoff)
        | Q(status=MailStatus.FAILED, handled_at__isnull=False, handled_at__lt=cutoff)
    )
    if dry_run:
        return old.count()
    deleted, _per_model = old.delete()
    return deleted
