"""Delivery of outbox rows: back-off, permanent and temporary failures, leases, and never the same id twice."""

from __future__ import annotations

import smtplib
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.db import OperationalError, connection
from django.utils import timezone

from klankbord.core.mail import mail_send
from klankbord.outbox import delivery
from klankbord.outbox.constants import MailStatus
from klankbord.outbox.delivery import (
    attempt,
    claim,
    classify,
    reclaim_expired,
    renew_lease,
    retry_delay,
)
from klankbord.outbox.models import OutgoingMail
from tests.factories.outbox import ScriptedBackend, outbox_row, refused

pytestmark = pytest.mark.django_db
WORKER = "worker-test"


@pytest.fixture(autouse=True)
def scripted(settings: Any) -> Iterator[type[ScriptedBackend]]:
    settings.EMAIL_BACKEND = "tests.factories.outbox.ScriptedBackend"
    settings.KLANKBORD_MAIL_SEND_AFTER_COMMIT = False  # as in production: the worker delivers
    settings.KLANKBORD_MAIL_RETRY_SECONDS = 15
    settings.KLANKBORD_MAIL_MAX_ATTEMPTS = 12
    ScriptedBackend.reset()
    yield ScriptedBackend
    ScriptedBackend.reset()


def _send_due() -> list[str]:
    return [attempt(pk, worker_id=WORKER, heartbeat_enabled=False) for pk in claim(worker_id=WORKER)]


def test_the_first_retry_comes_within_half_a_minute_and_the_wait_doubles_up_to_an_hour() -> None:
    waits = [retry_delay(n).total_seconds() for n in range(1, 12)]
    assert waits[0] <= 30
    assert waits[:5] == [15, 30, 60, 120, 240]
    assert waits[-1] == 3600 and max(waits) == 3600


@pytest.mark.parametrize(
    "error",
    [
        refused(451),
        smtplib.SMTPDataError(452, b"try later"),
        smtplib.SMTPServerDisconnected("gone"),
        smtplib.SMTPConnectError(421, b"busy"),
        smtplib.SMTPAuthenticationError(535, b"bad password"),  # configuration: fix it, then it goes
        TimeoutError("timed out"),
        ConnectionRefusedError(111, "refused"),
    ],
    ids=["451-rcpt", "452-data", "disconnected", "421-connect", "535-auth", "timeout", "refused"],
)
def test_temporary_failures_are_retried(error: BaseException) -> None:
    assert not classify(error).permanent


@pytest.mark.parametrize(
    "error",
    [refused(550), smtplib.SMTPSenderRefused(553, b"no", "noreply@x"), smtplib.SMTPDataError(554, b"spam")],
    ids=["550-rcpt", "553-sender", "554-data"],
)
def test_a_5xx_refusal_of_the_message_is_permanent(error: BaseException) -> None:
    failure = classify(error)
    assert failure.permanent and "example.test" not in failure.description


@time_machine.travel("2026-03-02 10:00:00+01:00", tick=False)
def test_a_temporary_failure_waits_for_its_back_off_and_then_the_mail_goes(scripted: Any) -> None:
    mail_send(to="vp@example.test", template="generic_notice", context={"path": "/x/"})
    scripted.reset(refused(451))

    assert _send_due() == [MailStatus.WAITING]
    row = OutgoingMail.objects.get()
    assert row.attempts == 1 and row.last_error == "SMTPRecipientsRefused 451"
    assert row.next_attempt_at == timezone.now() + timedelta(seconds=15) and mail.outbox == []
    assert _send_due() == []  # not due yet

    with time_machine.travel(timezone.now() + timedelta(seconds=16), tick=False):
        assert _send_due() == [MailStatus.SENT]
    row.refresh_from_db()
    assert row.status == MailStatus.SENT and row.handed_at is not None and row.attempts == 2
    [sent] = mail.outbox
    assert sent.to == ["vp@example.test"] and sent.extra_headers["Message-ID"] == row.message_id


def test_a_5xx_refusal_marks_the_mail_failed_at_once(scripted: Any) -> None:
    mail_send(to="vp@example.test", template="generic_notice")
    scripted.reset(refused(550))
    assert _send_due() == [MailStatus.FAILED]
    row = OutgoingMail.objects.get()
    assert row.failed_at is not None and row.attempts == 1 and row.handled_at is None and mail.outbox == []


def test_the_mail_fails_after_the_last_allowed_attempt(scripted: Any, settings: Any) -> None:
    settings.KLANKBORD_MAIL_MAX_ATTEMPTS = 2
    settings.KLANKBORD_MAIL_RETRY_SECONDS = 0.1
    mail_send(to="vp@example.test", template="generic_notice")
    scripted.reset(TimeoutError(), TimeoutError())
    assert _send_due() == [MailStatus.WAITING]
    OutgoingMail.objects.update(next_attempt_at=timezone.now())
    assert _send_due() == [MailStatus.FAILED]
    assert OutgoingMail.objects.get().last_error == "TimeoutError"


def _leased(*, expired: bool, handed: bool) -> OutgoingMail:
    now = timezone.now()
    return outbox_row(
        status=MailStatus.SENDING,
        attempts=1,
        lease_owner="worker-that-died",
        lease_expires_at=now + timedelta(seconds=-1 if expired else 30),
        handed_at=now - timedelta(seconds=5) if handed else None,
    )


def test_a_mail_whose_worker_died_is_reclaimed_once_its_lease_expired_and_sent_once() -> None:
    row = _leased(expired=True, handed=False)
    assert reclaim_expired() == 1
    row.refresh_from_db()
    assert row.status == MailStatus.WAITING and row.lease_owner == "" and row.last_error == "lease expired"
    assert _send_due() == [MailStatus.SENT] and len(mail.outbox) == 1


def test_a_live_lease_is_not_reclaimed() -> None:
    row = _leased(expired=False, handed=False)
    assert reclaim_expired() == 0 and _send_due() == []
    row.refresh_from_db()
    assert row.status == MailStatus.SENDING and row.lease_owner == "worker-that-died"


def test_a_re_run_of_a_mail_whose_hand_over_was_recorded_does_not_send_it_again() -> None:
    row = _leased(expired=True, handed=True)
    assert reclaim_expired() == 1
    row.refresh_from_db()
    assert row.status == MailStatus.SENT and row.sent_at == row.handed_at
    assert _send_due() == [] and mail.outbox == []


def test_an_attempt_on_a_leased_mail_that_was_handed_over_only_marks_it_sent() -> None:
    row = outbox_row(
        status=MailStatus.SENDING,
        lease_owner=WORKER,
        lease_expires_at=timezone.now(),
        handed_at=timezone.now(),
    )
    assert attempt(row.pk, worker_id=WORKER, heartbeat_enabled=False) == MailStatus.SENT
    assert mail.outbox == []


def test_the_hand_over_is_recorded_before_the_mail_is_marked_sent(monkeypatch: pytest.MonkeyPatch) -> None:
    """A crash after the server's 250 but before 'sent' leaves a row that a re-run does not send again."""
    mail_send(to="vp@example.test", template="generic_notice")

    def crash(mail_id: int) -> None:
        raise OperationalError("the worker lost the database right after the hand-over")

    monkeypatch.setattr(delivery, "mark_sent", crash)
    with pytest.raises(OperationalError):
        _send_due()
    row = OutgoingMail.objects.get()
    assert row.status == MailStatus.SENDING and row.handed_at is not None and len(mail.outbox) == 1

    monkeypatch.undo()
    OutgoingMail.objects.update(lease_expires_at=timezone.now() - timedelta(seconds=1))
    reclaim_expired()
    assert _send_due() == [] and len(mail.outbox) == 1
    assert OutgoingMail.objects.get().status == MailStatus.SENT


def test_a_lease_expired_row_at_its_last_attempt_fails_instead_of_looping(settings: Any) -> None:
    settings.KLANKBORD_MAIL_MAX_ATTEMPTS = 1
    row = _leased(expired=True, handed=False)
    reclaim_expired()
    row.refresh_from_db()
    assert row.status == MailStatus.FAILED and row.last_error == "lease expired"


def test_the_heartbeat_renews_only_the_lease_this_worker_holds() -> None:
    row = outbox_row(status=MailStatus.SENDING, lease_owner=WORKER, lease_expires_at=timezone.now())
    assert renew_lease(mail_id=row.pk, worker_id=WORKER)
    assert not renew_lease(mail_id=row.pk, worker_id="someone-else")
    row.refresh_from_db()
    assert row.lease_expires_at > timezone.now() + timedelta(seconds=50) and row.heartbeat_at is not None


def test_a_mail_another_worker_reclaimed_is_not_sent_by_the_first() -> None:
    row = outbox_row(
        status=MailStatus.SENDING, lease_owner="the-other-worker", lease_expires_at=timezone.now()
    )
    assert attempt(row.pk, worker_id=WORKER, heartbeat_enabled=False) == MailStatus.SENDING
    assert mail.outbox == []


def test_every_mail_has_its_own_message_id_and_its_content_is_encrypted_at_rest() -> None:
    mail_send(to=["a@example.test", "b@example.test"], template="generic_notice", recipient_name="Sanne")
    rows = list(OutgoingMail.objects.all())
    assert len({row.message_id for row in rows}) == 2
    with connection.cursor() as cursor:
        cursor.execute("SELECT recipient, subject, body FROM outbox_outgoingmail")
        stored = " ".join(" ".join(values) for values in cursor.fetchall())
    assert "example.test" not in stored and "Sanne" not in stored and "Klankbord" not in stored
