"""Delivering outbox rows: lease, send with a timeout, record the hand-over, retry or fail (ADR 0070).

One attempt, in order:

1. **claim**: in one short transaction the due row becomes ``sending`` with a lease (``lease_owner``,
   ``lease_expires_at``), and ``attempts`` goes up (a mail that kills its worker every time still runs out of
   attempts). While the worker sends, a heartbeat thread renews the lease.
2. **send** over a fresh SMTP connection with ``EMAIL_TIMEOUT`` on every socket operation.
3. **hand-over**: as soon as the server accepted the message (its 250 after DATA), ``handed_at`` is written
   in its own statement, before anything else (QUIT, marking the row sent). A row with ``handed_at`` is never
   sent again: a re-run after a crash only marks it sent.
4. **outcome**: sent; or, after a temporary failure (4xx, connection errors, timeouts), ``waiting`` again with
   an exponential back-off; or ``failed`` after a permanent refusal (5xx to MAIL, RCPT or DATA) or the last
   attempt.

A worker that dies leaves its row ``sending``; once the lease expired, :func:`reclaim_expired` returns it to
``waiting`` (or marks it sent when the hand-over had been recorded). The residual risk, a crash between the
server's 250 and the ``handed_at`` statement, is described in ADR 0070.
"""

from __future__ import annotations

import base64
import json
import logging
import smtplib
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import InterfaceError, OperationalError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import get_random_string

from .constants import MailStatus
from .models import OutgoingMail

logger = logging.getLogger(__name__)
DATABASE_ERRORS = (OperationalError, InterfaceError)
MAX_RETRY_DELAY = timedelta(hours=1)
# Refusals that concern this message (sender, recipient, content): sending it again will not help.
_MESSAGE_REFUSALS = (smtplib.SMTPSenderRefused, smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError)


def new_worker_id(prefix: str = "worker") -> str:
    return f"{prefix}-{get_random_string(12)}"


def retry_delay(attempts: int) -> timedelta:
    """Wait after the ``attempts``-th failed attempt: the base, doubled each time, at most an hour."""
    base = float(settings.KLANKBORD_MAIL_RETRY_SECONDS)
    return min(timedelta(seconds=base * 2 ** max(attempts - 1, 0)), MAX_RETRY_DELAY)


def _lease() -> timedelta:
    return timedelta(seconds=float(settings.KLANKBORD_MAIL_LEASE_SECONDS))


@dataclass(frozen=True)
class Failure:
    permanent: bool
    description: str  # the exception's class and SMTP code: never the server's text (it can quote an address)


def smtp_code(error: BaseException) -> int | None:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in error.recipients.values()]
        return max(codes) if codes else None
    code = getattr(error, "smtp_code", None)
    return code if isinstance(code, int) else None


def classify(error: BaseException) -> Failure:
    """Permanent only for a 5xx refusal of this message; everything else (4xx, connection, timeout, a
    misconfigured server or password, an unexpected error) is worth another attempt."""
    code = smtp_code(error)
    description = f"{type(error).__name__} {code}" if code is not None else type(error).__name__
    permanent = isinstance(error, _MESSAGE_REFUSALS) and code is not None and 500 <= code < 600
    return Failure(permanent=permanent, description=description[:200])


def reclaim_expired(*, now: datetime | None = None) -> int:
    """Rows whose worker died (lease expired): handed over → sent, never again; otherwise due again."""
    now = now or timezone.now()
    expired = OutgoingMail.objects.filter(status=MailStatus.SENDING, lease_expires_at__lt=now)
    released = {"lease_owner": "", "lease_expires_at": None}
    count = expired.filter(handed_at__isnull=False).update(
        status=MailStatus.SENT, sent_at=F("handed_at"), **released
    )
    last = settings.KLANKBORD_MAIL_MAX_ATTEMPTS
    count += expired.filter(handed_at__isnull=True, attempts__gte=last).update(
        status=MailStatus.FAILED, failed_at=now, last_error="lease expired", **released
    )
    count += expired.filter(handed_at__isnull=True).update(
        status=MailStatus.WAITING, next_attempt_at=now, last_error="lease expired", **released
    )
    if count:
        logger.warning("outbox: reclaimed %d mail(s) whose worker stopped", count)
    return count


def claim(*, worker_id: str, limit: int = 10, ids: list[int] | None = None) -> list[int]:
    """Lease up to ``limit`` due rows (only among ``ids`` when given), oldest first."""
    now = timezone.now()
    with transaction.atomic():
        due = OutgoingMail.objects.filter(status=MailStatus.WAITING, next_attempt_at__lte=now)
        if ids is not None:
            due = due.filter(pk__in=ids)
        picked = list(
            due.select_for_update(skip_locked=True)
            .order_by("next_attempt_at", "pk")
            .values_list("pk", flat=True)[:limit]
        )
        OutgoingMail.objects.filter(pk__in=picked).update(
            status=MailStatus.SENDING,
            lease_owner=worker_id,
            lease_expires_at=now + _lease(),
            heartbeat_at=now,
            attempts=F("attempts") + 1,
            last_attempt_at=now,
        )
    return picked


def renew_lease(*, mail_id: int, worker_id: str) -> bool:
    """The heartbeat: extend the lease of a row this worker still holds."""
    now = timezone.now()
    return bool(
        OutgoingMail.objects.filter(pk=mail_id, lease_owner=worker_id, status=MailStatus.SENDING).update(
            lease_expires_at=now + _lease(), heartbeat_at=now
        )
    )


class _Heartbeat(threading.Thread):
    def __init__(self, mail_id: int, worker_id: str) -> None:
        super().__init__(name=f"outbox-heartbeat-{mail_id}", daemon=True)
        self.mail_id, self.worker_id, self.stopped = mail_id, worker_id, threading.Event()

    def run(self) -> None:
        interval = max(float(settings.KLANKBORD_MAIL_LEASE_SECONDS) / 3, 0.05)
        try:
            while not self.stopped.wait(interval):
                try:
                    renew_lease(mail_id=self.mail_id, worker_id=self.worker_id)
                except DATABASE_ERRORS as error:
                    logger.warning("outbox: heartbeat failed (%s)", type(error).__name__)
                    connection.close()
        finally:
            connection.close()  # this thread's own connection


@contextmanager
def heartbeat(mail_id: int, worker_id: str, *, enabled: bool) -> Iterator[None]:
    if not enabled:
        yield
        return
    beat = _Heartbeat(mail_id, worker_id)
    beat.start()
    try:
        yield
    finally:
        beat.stopped.set()
        beat.join(timeout=5)


def build_message(mail: OutgoingMail) -> EmailMessage:
    message = EmailMessage(
        subject=mail.subject,
        body=mail.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[mail.recipient],
        headers={"Message-ID": mail.message_id},
    )
    for filename, encoded, mimetype in json.loads(mail.attachments or "[]"):
        message.attach(filename, base64.b64decode(encoded), mimetype)
    return message


def _smtp_send(mail: OutgoingMail, on_accepted: Callable[[], None]) -> None:
    """Send over a connection of our own; ``on_accepted`` runs after the server's 250, before QUIT."""
    backend = get_connection(fail_silently=False)  # the SMTP backend reads EMAIL_TIMEOUT
    try:
        backend.open()
        if backend.send_messages([build_message(mail)]) != 1:
            raise smtplib.SMTPException("the mail backend sent nothing")
        on_accepted()
    finally:
        with suppress(Exception):  # QUIT after the hand-over: its failure changes nothing
            backend.close()


def record_handed(mail_id: int, *, tries: int = 1) -> None:
    """Write ``handed_at`` (the server accepted the message); on a database error retry ``tries`` times."""
    for attempt in range(1, tries + 1):
        try:
            OutgoingMail.objects.filter(pk=mail_id, handed_at__isnull=True).update(handed_at=timezone.now())
            return
        except DATABASE_ERRORS:
            connection.close()
            if attempt == tries:
                raise
            time.sleep(min(0.5 * 2**attempt, 5))


def mark_sent(mail_id: int) -> None:
    OutgoingMail.objects.filter(pk=mail_id, handed_at__isnull=False).update(
        status=MailStatus.SENT, sent_at=F("handed_at"), lease_owner="", lease_expires_at=None, last_error=""
    )


def record_failure(mail: OutgoingMail, failure: Failure, *, worker_id: str) -> str:
    now = timezone.now()
    held = OutgoingMail.objects.filter(pk=mail.pk, lease_owner=worker_id, status=MailStatus.SENDING)
    released = {"lease_owner": "", "lease_expires_at": None, "last_error": failure.description}
    if failure.permanent or mail.attempts >= settings.KLANKBORD_MAIL_MAX_ATTEMPTS:
        held.update(status=MailStatus.FAILED, failed_at=now, **released)
        logger.warning(
            "outbox: mail %s failed for good after %d attempt(s): %s",
            mail.pk,
            mail.attempts,
            failure.description,
        )
        return MailStatus.FAILED
    held.update(status=MailStatus.WAITING, next_attempt_at=now + retry_delay(mail.attempts), **released)
    logger.info("outbox: mail %s will be retried (%s)", mail.pk, failure.description)
    return MailStatus.WAITING


class HandOverNotRecorded(Exception):  # noqa: N818 - a state, not a programming error
    """The server accepted ``mail_id`` but the database did not take ``handed_at``: never send it again."""

    def __init__(self, mail_id: int) -> None:
        super().__init__(mail_id)
        self.mail_id = mail_id


def attempt(mail_id: int, *, worker_id: str, heartbeat_enabled: bool = True, record_tries: int = 5) -> str:
    """One delivery attempt of a row this worker leased; returns the row's new status."""
    mail = OutgoingMail.objects.get(pk=mail_id)
    if mail.status != MailStatus.SENDING or mail.lease_owner != worker_id:
        return mail.status  # reclaimed by someone else meanwhile
    if mail.handed_at is not None:
        mark_sent(mail.pk)  # accepted by the server before: never hand the same Message-ID over twice
        return MailStatus.SENT
    accepted = False

    def on_accepted() -> None:
        nonlocal accepted
        accepted = True
        try:
            record_handed(mail.pk, tries=record_tries)
        except DATABASE_ERRORS as error:
            raise HandOverNotRecorded(mail.pk) from error

    try:
        with heartbeat(mail.pk, worker_id, enabled=heartbeat_enabled):
            _smtp_send(mail, on_accepted)
    except HandOverNotRecorded:
        raise
    except Exception as error:
        if accepted:
            raise
        return record_failure(mail, classify(error), worker_id=worker_id)
    mark_sent(mail.pk)
    return MailStatus.SENT


def deliver_now(ids: list[int]) -> None:
    """Send these rows in this process (after commit, when no worker is configured). Failures stay queued."""
    worker_id = new_worker_id("request")
    for mail_id in claim(worker_id=worker_id, limit=len(ids), ids=ids):
        try:
            attempt(mail_id, worker_id=worker_id, heartbeat_enabled=False, record_tries=2)
        except Exception:
            logger.exception("outbox: sending mail %s after commit failed; it stays queued", mail_id)
