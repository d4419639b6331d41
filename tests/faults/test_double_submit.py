"""Fault: the same form posted twice, 300 ms apart and by several threads at once, against a real PostgreSQL.

Each request runs in its own thread with its own database connection, as gunicorn workers would; the posts carry
the same submission key (one rendered form). Exactly one report or message must be stored and one mail sent; every
answer is the first result. Without the key's unique row every post would store its own copy.
Run with: DATABASE_URL=postgres://postgres@127.0.0.1:5432/kb_<name> uv run pytest -m faults tests/faults -q
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.test import Client

from klankbord.accounts.constants import RoleSlug
from klankbord.accounts.roles import sync_roles
from klankbord.core.models import Submission
from klankbord.messaging.models import Message
from klankbord.reports.models import Report
from tests.factories.submissions import copy_browser, key_from, with_key

ON_POSTGRES = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
FORM = "/melden/formulier/"
FORM_PAGE = "/melden/formulier/?acute_danger=nee"
THREADS = 6

pytestmark = [
    pytest.mark.faults,
    pytest.mark.skipif(not ON_POSTGRES, reason="needs PostgreSQL: SQLite serialises every writer"),
]
# Threads need committed data and their own connections: a real transaction each, the database emptied after.
concurrent = pytest.mark.django_db(transaction=True)


def _concurrently(count: int, post: Callable[[], Any]) -> list[Any]:
    """Run ``post`` in ``count`` threads released together; their answers (or exceptions), bounded in time."""
    barrier = threading.Barrier(count)
    answers: list[Any] = []

    def run() -> None:
        try:
            barrier.wait(timeout=10)
            answers.append(post())
        except Exception as error:  # reported by the assertions below
            answers.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads), "a request hung"
    return answers


@pytest.fixture
def on_duty(make_user: Any) -> Any:
    sync_roles()  # a transactional test starts from an emptied database
    return make_user(RoleSlug.COUNSELLOR)


def _report(municipality: Any) -> dict[str, Any]:
    return {
        "acute_danger": "nee",
        "municipality": municipality.pk,
        "narrative": "Dubbel geklikt op versturen.",
    }


@pytest.mark.django_db
def test_a_public_report_posted_twice_300_ms_apart_is_one_report_and_one_mail(
    client: Client, municipality: Any, on_duty: Any, django_capture_on_commit_callbacks: Any
) -> None:
    data = with_key(key_from(client, FORM_PAGE), _report(municipality))
    second_click = copy_browser(client)
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(FORM, data)
    time.sleep(0.3)  # the spacing of an impatient second click; the outcome does not depend on it
    with django_capture_on_commit_callbacks(execute=True):
        second = second_click.post(FORM, data)
    assert (first.status_code, second.status_code) == (302, 302)
    assert first["Location"] == second["Location"] == "/melden/ontvangen/"
    assert Report.objects.count() == 1
    assert [m.to for m in mail.outbox] == [[on_duty.email]]


@concurrent
def test_a_public_report_posted_by_six_threads_at_once_is_one_report_and_one_mail(
    client: Client, municipality: Any, on_duty: Any
) -> None:
    data = with_key(key_from(client, FORM_PAGE), _report(municipality))
    answers = _concurrently(THREADS, lambda: copy_browser(client).post(FORM, data))
    assert [getattr(a, "status_code", a) for a in answers] == [302] * THREADS
    assert {a["Location"] for a in answers} == {"/melden/ontvangen/"}
    assert Report.objects.count() == 1
    assert Submission.objects.count() == 1
    assert [m.to for m in mail.outbox] == [[on_duty.email]]


@concurrent
def test_a_counsellor_message_sent_by_four_threads_at_once_is_one_message_and_one_mail(
    client_for: Any, on_duty: Any, make_user: Any, submit_report: Any
) -> None:
    member = make_user(RoleSlug.COUNCIL_MEMBER, mfa=False)
    report = submit_report(reporter=member).report
    client = client_for(on_duty)
    data = with_key(key_from(client, f"/meldingen/{report.pk}/"), {"message-body": "Ik bel u vanmiddag."})
    mail.outbox.clear()
    answers = _concurrently(4, lambda: copy_browser(client).post(f"/meldingen/{report.pk}/bericht/", data))
    assert [getattr(a, "status_code", a) for a in answers] == [302] * 4
    assert Message.objects.filter(thread__report=report).count() == 1
    assert [m.to for m in mail.outbox] == [[member.email]]
