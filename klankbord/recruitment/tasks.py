"""Background work of recruitment: thin tasks that call a service (the purge runs from cron in production)."""

from __future__ import annotations

from django_tasks import task

from .services import applications_purge


@task()
def purge_expired_applications() -> int:
    return applications_purge().applications
