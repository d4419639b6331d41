"""/healthz and /readyz: JSON, no login, nothing sensitive, no session writes, not behind the MFA gate."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.db import OperationalError, connections
from django.utils import timezone

from klankbord.accounts.constants import RoleSlug
from klankbord.deidentify import engine
from klankbord.outbox.constants import MailStatus
from tests.factories.outbox import outbox_row


def _body(response: Any) -> dict[str, Any]:
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "no-store"
    return json.loads(response.content)


@pytest.fixture
def deduce_cache_ready(monkeypatch: pytest.MonkeyPatch) -> None:
    """Readiness without depending on this machine's deduce cache."""
    monkeypatch.setattr(engine, "cache_ready", lambda: True)


def test_healthz_answers_without_touching_the_database(client) -> None:
    response = client.get("/healthz")  # no database access is allowed in this test: any would raise
    assert response.status_code == 200
    assert _body(response) == {"status": "ok"}


@pytest.mark.django_db
def test_readyz_reports_every_check(client, deduce_cache_ready) -> None:
    response = client.get("/readyz")
    body = _body(response)
    assert response.status_code == 200 and body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "deidentification", "mail"}
    assert all(check["ok"] for check in body["checks"].values())


@pytest.mark.django_db
def test_readyz_fails_when_the_database_is_unavailable(client, monkeypatch, deduce_cache_ready) -> None:
    def unavailable(*args: Any, **kwargs: Any) -> Any:
        raise OperationalError("could not connect to server at db.internal:5432 with password s3cret")

    monkeypatch.setattr(type(connections["default"]), "cursor", unavailable)
    response = client.get("/readyz")
    body = _body(response)
    assert response.status_code == 503 and body["status"] == "fail"
    database = body["checks"]["database"]
    assert not database["ok"] and database["error"] == "OperationalError"
    assert "db.internal" not in response.content.decode() and "s3cret" not in response.content.decode()


@pytest.mark.django_db
def test_readyz_fails_without_the_deidentification_cache(client, monkeypatch) -> None:
    monkeypatch.setattr(engine, "is_loaded", lambda: False)
    monkeypatch.setattr(engine, "cache_ready", lambda: False)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert _body(response)["checks"]["deidentification"]["state"] == "cache missing"


@pytest.mark.django_db
def test_an_empty_outbox_is_ready_with_an_unknown_last_activity(client, deduce_cache_ready) -> None:
    mail = _body(client.get("/readyz"))["checks"]["mail"]
    assert mail["ok"] and mail["last_activity"] == "unknown" and mail["oldest_waiting_mail_seconds"] is None


@pytest.mark.django_db
def test_mail_waiting_briefly_is_ready_and_the_last_activity_is_reported(client, deduce_cache_ready) -> None:
    attempted = timezone.now() - timedelta(minutes=3)
    outbox_row(waited=timedelta(minutes=4), status=MailStatus.SENT, last_attempt_at=attempted)
    outbox_row(waited=timedelta(minutes=2))
    response = client.get("/readyz")
    mail = _body(response)["checks"]["mail"]
    assert response.status_code == 200 and mail["waiting"] == 1
    assert mail["last_activity"] == attempted.isoformat() and 100 < mail["oldest_waiting_mail_seconds"] < 900


@pytest.mark.django_db
def test_mail_waiting_past_the_threshold_fails_readiness(client, settings, deduce_cache_ready) -> None:
    settings.KLANKBORD_READYZ_MAIL_WAIT_MINUTES = 15
    outbox_row(waited=timedelta(minutes=16), attempts=3, last_error="SMTPRecipientsRefused 451")
    outbox_row(waited=timedelta(hours=2), status=MailStatus.FAILED)  # failed: reported, not waiting
    response = client.get("/readyz")
    mail = _body(response)["checks"]["mail"]
    assert response.status_code == 503 and not mail["ok"] and mail["mail_wait_threshold_seconds"] == 900
    assert mail["failed_unhandled"] == 1 and 950 < mail["oldest_waiting_mail_seconds"] < 1000
    assert "example.test" not in response.content.decode()


@pytest.mark.django_db
def test_a_user_without_mfa_is_not_sent_to_enrolment_and_no_session_is_written(
    client, make_user, deduce_cache_ready
) -> None:
    client.force_login(make_user(RoleSlug.COUNSELLOR, mfa=False))
    assert client.get("/").status_code == 302  # the MFA gate applies to pages
    for path in ("/healthz", "/readyz"):
        response = client.get(path)
        assert response.status_code == 200
        assert "sessionid" not in response.cookies


def test_health_is_not_redirected_to_https_nor_bound_to_allowed_hosts(client, settings) -> None:
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["klankbord.example.nl"]
    response = client.get("/healthz", HTTP_HOST="10.0.0.7:8000")
    assert response.status_code == 200


def test_only_reads_are_answered(client) -> None:
    assert client.post("/healthz").status_code == 405
