"""Mail under faults, against PostgreSQL and a real SMTP server on a loopback port (issue 15, items 1 and 6).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/klankbord_ci_faults \\
        uv run pytest -m faults tests/faults -p no:randomly

Each test counts what the SMTP server accepted (by Message-ID): every mail exactly once, none lost, none doubled.
Every loop is bounded in attempts and seconds. ``KLANKBORD_FAULTS_SCALE`` multiplies the number of mails for the
longer run documented in docs/reliability.md.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.db import OperationalError, connection, transaction
from django.test import Client

from klankbord.accounts.constants import RoleSlug
from klankbord.core.mail import mail_send
from klankbord.outbox.constants import MailStatus
from klankbord.outbox.models import OutgoingMail
from klankbord.outbox.worker import MailWorker
from klankbord.reports.models import Report
from tests.factories.smtp import FaultySMTP

# The worker process (kill test) and the after-commit test need real commits; the others run the worker loop in
# the test's transaction on the same PostgreSQL, which spares a flush of every table per test.
COMMITTED = pytest.mark.django_db(transaction=True)
pytestmark = [
    pytest.mark.faults,
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="fault tests run against PostgreSQL"),
]
SCALE = max(int(os.environ.get("KLANKBORD_FAULTS_SCALE", "1")), 1)
ROOT = Path(django_settings.BASE_DIR)
TIMEOUT = 0.5  # EMAIL_TIMEOUT in these tests


@pytest.fixture
def smtp(settings: Any) -> Iterator[FaultySMTP]:
    with FaultySMTP() as server:
        for name, value in server.django_settings(timeout=TIMEOUT).items():
            setattr(settings, name, value)
        settings.KLANKBORD_MAIL_SEND_AFTER_COMMIT = False  # production: the worker delivers
        settings.KLANKBORD_MAIL_RETRY_SECONDS = 0.1
        settings.KLANKBORD_MAIL_LEASE_SECONDS = 5
        yield server


def _queue(count: int, prefix: str = "lid") -> list[str]:
    addresses = [f"{prefix}{n}@example.test" for n in range(count)]
    with transaction.atomic():
        for address in addresses:
            mail_send(to=address, template="generic_notice", context={"path": "/x/"})
    return addresses


def _work(max_seconds: float = 30) -> Any:
    committed = not connection.in_atomic_block
    worker = MailWorker(interval=0.05, max_seconds=max_seconds, until_done=True, manage_connections=committed)
    return worker.loop()


def _statuses() -> set[str]:
    return set(OutgoingMail.objects.values_list("status", flat=True))


def _assert_each_sent_exactly_once(server: FaultySMTP, *, fault: str, injected: int) -> None:
    ids = set(OutgoingMail.objects.filter(status=MailStatus.SENT).values_list("message_id", flat=True))
    queued = OutgoingMail.objects.filter(resend_of__isnull=True).count()
    lost, doubled = queued - len(set(server.received)), len(server.received) - len(set(server.received))
    # One line per fault for docs/reliability.md (shown with -s or -rP).
    print(
        f"\nFAULT {fault}: injected {injected}, mails {queued}, delivered {len(server.received)},"
        f" lost {lost}, doubled {doubled}"
    )
    assert server.doubles() == {}, "a Message-ID was handed to SMTP twice"
    assert set(server.received) == ids and len(server.received) == len(ids), "a mail was lost"
    assert lost == 0 and doubled == 0


def test_a_451_then_recovering_server_gets_every_mail_exactly_once(smtp: FaultySMTP) -> None:
    count = 10 * SCALE
    smtp.temp_failures = count + 3  # every mail fails at least once, some twice
    _queue(count)
    run = _work()
    # Every injected 451 costs one retry; a loaded machine can add a time-out (EMAIL_TIMEOUT is 0.5 s here).
    assert _statuses() == {MailStatus.SENT} and run.retried >= count + 3 and run.failed == 0
    assert len(smtp.received) == count
    _assert_each_sent_exactly_once(smtp, fault="451 then recovering", injected=count + 3)


def test_a_5xx_refusal_is_failed_shown_to_the_administrator_and_can_be_re_sent(
    smtp: FaultySMTP, client_for: Any, administrator: Any
) -> None:
    count = 5 * SCALE
    smtp.refuse_with = 550
    addresses = _queue(count, prefix="weg")
    run = _work()
    assert run.failed == count and _statuses() == {MailStatus.FAILED} and smtp.received == []

    admin = client_for(administrator)
    page = admin.get("/uitgaande-mail/").content.decode()
    assert all(address in page for address in addresses) and "SMTPRecipientsRefused 550" in page

    smtp.refuse_with = 0  # the address was fixed at the other end
    for failed in OutgoingMail.objects.filter(status=MailStatus.FAILED):
        assert admin.post(f"/uitgaande-mail/{failed.pk}/opnieuw-versturen/").status_code == 302
    _work()
    assert sorted(smtp.recipients) == sorted(addresses)
    _assert_each_sent_exactly_once(smtp, fault="550 refusal, re-sent by the administrator", injected=count)
    assert addresses[0] not in admin.get("/uitgaande-mail/").content.decode()


def test_a_hung_server_times_out_is_retried_and_never_freezes_the_worker(smtp: FaultySMTP) -> None:
    count = 3 * SCALE
    smtp.hangs = 2 * SCALE
    _queue(count)
    started = time.monotonic()
    run = _work(max_seconds=30)
    took = time.monotonic() - started
    assert _statuses() == {MailStatus.SENT} and run.retried >= 2 * SCALE
    assert took < 2 * SCALE * (TIMEOUT + 1) + 5, f"the worker took {took:.1f} s"
    assert set(OutgoingMail.objects.exclude(last_error="").values_list("last_error", flat=True)) <= {
        "TimeoutError"
    }
    _assert_each_sent_exactly_once(smtp, fault=f"hung server ({took:.1f} s)", injected=2 * SCALE)


def _database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _start_worker(server: FaultySMTP) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        **server.environment(timeout=2),
        "DATABASE_URL": _database_url(),
        "TASKS_QUEUED": "true",
        "KLANKBORD_MAIL_LEASE_SECONDS": "2",
        "KLANKBORD_MAIL_RETRY_SECONDS": "0.2",
    }
    command = [sys.executable, "-m", "klankbord", "mail", "worker", "--interval", "0.1", "--until-done"]
    return subprocess.Popen(  # noqa: S603 - our own command
        [*command, "--max-seconds", "60"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


@COMMITTED
def test_a_worker_killed_mid_send_loses_nothing_and_doubles_nothing(smtp: FaultySMTP) -> None:
    count = 12 * SCALE
    kills = [count * (n + 1) // (SCALE + 1) for n in range(SCALE)]  # one kill per 12 mails
    smtp.data_delay = 0.2  # each message is in DATA long enough to be killed there
    _queue(count)
    worker = _start_worker(smtp)
    try:
        for at in kills:
            assert smtp.wait_for("data_started", at, timeout=60), "the worker did not reach the kill point"
            worker.send_signal(signal.SIGKILL)  # in the middle of a DATA, before the server's 250
            worker.wait(timeout=10)
            worker = _start_worker(smtp)  # what systemd's Restart=always does
        assert worker.wait(timeout=80) == 0, worker.stderr.read().decode()[-2000:] if worker.stderr else ""
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait(timeout=10)
    assert _statuses() == {MailStatus.SENT}
    assert len(smtp.received) == count
    assert OutgoingMail.objects.filter(attempts__gte=2).count() >= len(kills)  # the killed sends, reclaimed
    _assert_each_sent_exactly_once(smtp, fault="worker killed (SIGKILL) mid-send", injected=len(kills))


def _hidden_fields(page: str) -> dict[str, str]:
    """Whatever hidden fields the form carries (CSRF aside), so the post is what a browser would send."""
    fields = {}
    for tag in re.findall(r"<input[^>]*type=\"hidden\"[^>]*>", page):
        name, value = re.search(r'name="([^"]+)"', tag), re.search(r'value="([^"]*)"', tag)
        if name and value and name[1] != "csrfmiddlewaretoken":
            fields[name[1]] = value[1]
    return fields


@COMMITTED
@pytest.mark.parametrize("mode", ["queued", "after commit"])
def test_a_failure_after_a_committed_report_is_no_500_and_drops_no_notification(
    smtp: FaultySMTP,
    settings: Any,
    make_user: Any,
    municipality: Any,
    monkeypatch: pytest.MonkeyPatch,
    mode: str,
) -> None:
    counsellors = [make_user(RoleSlug.COUNSELLOR) for _ in range(3)]
    failures = iter([OperationalError("the first step after commit fails")])

    def fail_once(real: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            for failure in failures:
                raise failure
            return real(*args, **kwargs)

        return wrapper

    if mode == "queued":  # the old design enqueued each mail as a task after commit
        from django_tasks_db.backend import DatabaseBackend

        settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
        monkeypatch.setattr(DatabaseBackend, "enqueue", fail_once(DatabaseBackend.enqueue))
    else:  # development: the outbox sends right after commit
        from klankbord.outbox import delivery

        settings.KLANKBORD_MAIL_SEND_AFTER_COMMIT = True
        monkeypatch.setattr(delivery, "claim", fail_once(delivery.claim))

    client = Client(raise_request_exception=False)
    form = client.get("/melden/formulier/?acute_danger=nee").content.decode()
    data = {
        **_hidden_fields(form),
        "acute_danger": "nee",
        "municipality": municipality.pk,
        "narrative": "Bedreigd.",
    }
    response = client.post("/melden/formulier/", data)

    assert response.status_code == 302, response.status_code
    assert Report.objects.count() == 1
    _work()
    assert sorted(smtp.recipients) == sorted(user.email for user in counsellors)
    _assert_each_sent_exactly_once(smtp, fault=f"failure after commit ({mode})", injected=1)
