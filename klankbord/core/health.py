"""``/healthz`` and ``/readyz``: what a load balancer, an orchestrator or a monitor asks the process.

- ``/healthz`` answers that this process is alive and serving; it touches nothing else (no database), so a
  database outage never makes an orchestrator restart healthy web processes.
- ``/readyz`` answers whether this process can do useful work: the database answers, the cache answers, the
  de-identification cache is in place, and the outbox is being delivered.

The mail worker (``klankbord mail worker``) leaves its trace in the outbox: the last delivery attempt is reported
as ``last_activity`` (``"unknown"`` before the first) and never fails readiness by itself, because an idle worker
on a quiet night does nothing. Readiness fails when a mail has waited in the outbox (not yet accepted by the SMTP
server, retries included) for longer than ``KLANKBORD_READYZ_MAIL_WAIT_MINUTES``: then no worker runs, it cannot
keep up, or the mail server keeps failing, and in each case people are not receiving their mail. The number of
failed mails nobody handled yet is reported too (the outbox page lists them).

Both answer JSON, need no login and carry nothing sensitive: no host names, no error messages (only the
exception's class), no counts of reports. They are answered by a middleware placed first, so that they are not
redirected to HTTPS, do not depend on the Host header, open no session (and never rewrite one) and are not sent
to MFA enrolment.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone

from klankbord.deidentify import engine

Check = dict[str, Any]


def _timed(check: Callable[[], Check]) -> Check:
    """Run one check; an exception makes it fail with the exception's class only (never its message)."""
    started = time.perf_counter()
    try:
        result = check()
    except Exception as error:  # a readiness probe reports failures, it does not raise them
        result = {"ok": False, "error": type(error).__name__}
    result["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return result


def check_database() -> Check:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"ok": True}


def check_cache() -> Check:
    key = "klankbord:readyz"
    cache.set(key, "1", timeout=10)
    backend = str(settings.CACHES["default"]["BACKEND"]).rsplit(".", 1)[-1]
    return {"ok": cache.get(key) == "1", "backend": backend}


def check_deidentification() -> Check:
    """The lookup cache must be built before anyone files a signal (it is never built in a request)."""
    if engine.is_loaded():
        return {"ok": True, "state": "loaded"}
    return {"ok": engine.cache_ready(), "state": "cache ready" if engine.cache_ready() else "cache missing"}


def _age_seconds(moment: datetime | None, now: datetime) -> float | None:
    return None if moment is None else round((now - moment).total_seconds(), 1)


def check_mail() -> Check:
    """The outbox: how long the oldest mail still to be delivered has waited, and the worker's last attempt."""
    from klankbord.outbox.selectors import outbox_health

    now = timezone.now()
    health = outbox_health()
    threshold = settings.KLANKBORD_READYZ_MAIL_WAIT_MINUTES * 60
    waited = health.oldest_waiting_seconds(now)
    last = health.last_attempt_at
    return {
        "ok": waited is None or waited <= threshold,
        "delivery": "worker" if settings.TASKS_QUEUED else "after commit",
        "waiting": health.waiting,
        "failed_unhandled": health.failed_unhandled,
        "oldest_waiting_mail_seconds": waited,
        "mail_wait_threshold_seconds": threshold,
        "last_activity": last.isoformat() if last else "unknown",
        "last_activity_age_seconds": _age_seconds(last, now),
    }


READINESS_CHECKS: dict[str, Callable[[], Check]] = {
    "database": check_database,
    "cache": check_cache,
    "deidentification": check_deidentification,
    "mail": check_mail,
}


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


def healthz(request: HttpRequest) -> HttpResponse:
    """The process is alive and answers; nothing else is checked."""
    return _no_store(JsonResponse({"status": "ok"}))


def readyz(request: HttpRequest) -> HttpResponse:
    """Every readiness check; 200 when all pass, 503 naming each one otherwise."""
    checks = {name: _timed(check) for name, check in READINESS_CHECKS.items()}
    ready = all(result["ok"] for result in checks.values())
    body = {"status": "ok" if ready else "fail", "checks": checks}
    return _no_store(JsonResponse(body, status=200 if ready else 503))


ENDPOINTS: dict[str, Callable[[HttpRequest], HttpResponse]] = {"/healthz": healthz, "/readyz": readyz}


class HealthCheckMiddleware:
    """Answers ``GET``/``HEAD`` on the health endpoints before any other middleware runs."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        endpoint = ENDPOINTS.get(request.path_info.rstrip("/") or "/")
        if endpoint is None:
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            return _no_store(JsonResponse({"status": "method not allowed"}, status=405))
        return endpoint(request)
