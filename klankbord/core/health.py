"""``/healthz`` and ``/readyz``: what a load balancer, an orchestrator or a monitor asks the process.

- ``/healthz`` answers that this process is alive and serving; it touches nothing else (no database), so a
  database outage never makes an orchestrator restart healthy web processes.
- ``/readyz`` answers whether this process can do useful work: the database answers, the cache answers, the
  de-identification cache is in place, and the background worker keeps up with mail.

The background worker (``klankbord db_worker``) writes no heartbeat of its own; what the database shows is when
it last *started or finished* a task. That is reported as ``last_activity`` (``"unknown"`` when no task has run
yet) and never fails readiness by itself, because an idle worker on a quiet night does nothing. Readiness fails
when mail has been waiting in the queue for longer than ``KLANKBORD_READYZ_MAIL_WAIT_MINUTES``: then either no
worker runs or it cannot keep up, and in both cases people are not receiving their mail.

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
from django.db.models import Max, Min
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone

from klankbord.deidentify import engine

MAIL_TASK_PATH = "klankbord.core.mail.deliver_mail"
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


def check_tasks() -> Check:
    """The database task queue: the worker's last activity and how long the oldest waiting mail has waited."""
    if settings.TASKS["default"]["BACKEND"] != "django_tasks_db.DatabaseBackend":
        return {"ok": True, "backend": "immediate", "last_activity": "not applicable"}
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    activity = DBTaskResult.objects.aggregate(started=Max("started_at"), finished=Max("finished_at"))
    moments = [moment for moment in activity.values() if moment is not None]
    last = max(moments) if moments else None
    oldest = (
        DBTaskResult.objects.ready().filter(task_path=MAIL_TASK_PATH).aggregate(oldest=Min("enqueued_at"))
    )["oldest"]
    threshold = settings.KLANKBORD_READYZ_MAIL_WAIT_MINUTES * 60
    waited = _age_seconds(oldest, now)
    return {
        "ok": waited is None or waited <= threshold,
        "backend": "database",
        "last_activity": last.isoformat() if last else "unknown",
        "last_activity_age_seconds": _age_seconds(last, now),
        "oldest_waiting_mail_seconds": waited,
        "mail_wait_threshold_seconds": threshold,
    }


READINESS_CHECKS: dict[str, Callable[[], Check]] = {
    "database": check_database,
    "cache": check_cache,
    "deidentification": check_deidentification,
    "tasks": check_tasks,
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
