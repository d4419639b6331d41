"""The mail worker's loop: bounded runs, and it survives the database going away (it reconnects by itself)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import InterfaceError, OperationalError

from klankbord.core.mail import mail_send
from klankbord.outbox import worker as worker_module
from klankbord.outbox.constants import MailStatus
from klankbord.outbox.models import OutgoingMail
from klankbord.outbox.worker import MailWorker
from tests.factories.outbox import ScriptedBackend

# The loop manages its own connections (close_old_connections, close_all), as a worker process does.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def queued(settings: Any) -> Iterator[None]:
    settings.EMAIL_BACKEND = "tests.factories.outbox.ScriptedBackend"
    settings.KLANKBORD_MAIL_SEND_AFTER_COMMIT = False
    settings.KLANKBORD_MAIL_RETRY_SECONDS = 0.1
    ScriptedBackend.reset()
    yield
    ScriptedBackend.reset()


def test_the_worker_delivers_retries_and_stops_when_the_outbox_is_done() -> None:
    mail_send(to=["a@example.test", "b@example.test", "c@example.test"], template="generic_notice")
    ScriptedBackend.reset(TimeoutError(), ConnectionResetError())
    run = MailWorker(interval=0.05, max_seconds=10, until_done=True).loop()
    assert run.sent == 3 and run.retried == 2 and run.failed == 0
    assert sorted(message.to[0] for message in mail.outbox) == [
        "a@example.test",
        "b@example.test",
        "c@example.test",
    ]
    assert set(OutgoingMail.objects.values_list("status", flat=True)) == {MailStatus.SENT}


@pytest.mark.parametrize(
    "error", [OperationalError("server closed"), InterfaceError("connection already closed")]
)
def test_the_worker_survives_a_database_outage_and_reconnects(
    monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    mail_send(to="a@example.test", template="generic_notice")
    real_claim, failures = worker_module.claim, iter([error, error])

    def flaky_claim(**kwargs: Any) -> list[int]:
        for failure in failures:
            raise failure
        return real_claim(**kwargs)

    monkeypatch.setattr(worker_module, "claim", flaky_claim)
    started = time.monotonic()
    run = MailWorker(interval=0.05, max_seconds=10, until_done=True).loop()
    assert run.database_errors == 2 and run.sent == 1 and len(mail.outbox) == 1
    assert time.monotonic() - started < 5  # backs off 0.5 s, then 1 s


def test_a_hand_over_the_database_could_not_record_is_recorded_before_anything_else(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    mail_send(to=["a@example.test", "b@example.test"], template="generic_notice")
    from klankbord.outbox import delivery

    real_record, outage = delivery.record_handed, iter([OperationalError("down")])

    def record_once_down(mail_id: int, *, tries: int = 1) -> None:
        for failure in outage:
            raise failure
        real_record(mail_id, tries=tries)

    monkeypatch.setattr(delivery, "record_handed", record_once_down)
    monkeypatch.setattr(worker_module, "record_handed", record_once_down)
    run = MailWorker(interval=0.05, batch=1, max_seconds=10, until_done=True).loop()
    assert run.database_errors == 1 and len(mail.outbox) == 2  # each once: the first is not sent again
    assert set(OutgoingMail.objects.values_list("status", flat=True)) == {MailStatus.SENT}


def test_the_worker_command_runs_bounded() -> None:
    mail_send(to="a@example.test", template="generic_notice")
    call_command("mail", "worker", "--until-done", "--max-seconds", "5", "--interval", "0.05")
    assert len(mail.outbox) == 1
