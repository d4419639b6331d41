"""Retention: remove applicants' data and files after their term (docs/adr/0032-recruitment-retention.md)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from klankbord.audit.services import audit_log
from klankbord.uploads.services import pending_uploads_purge as uploads_purge

from ..models import Application
from ..selectors import applications_due_for_purge
from ..uploads import CV_POLICY


@dataclass(frozen=True)
class PurgeResult:
    applications: int
    files: int
    pending_uploads: int


def _delete_file(field_file: object) -> int:
    name = getattr(field_file, "name", "")
    if not name:
        return 0
    storage = field_file.storage  # type: ignore[attr-defined]
    if storage.exists(name):
        storage.delete(name)
        return 1
    return 0


def _purge_one(application: Application) -> tuple[int, int]:
    """(applications, files) removed. The file goes only after the row's deletion has committed."""
    with transaction.atomic():
        locked = Application.objects.select_for_update().filter(pk=application.pk).first()
        if locked is None:  # purged by a concurrent run
            return 0, 0
        data = {
            "vacancy": locked.vacancy_id,
            "status": locked.status,
            "consent_keep": locked.consent_keep,
            "had_cv": bool(locked.cv.name),
        }
        cv = locked.cv
        locked.delete()  # scores, conflicts, interviews and the onboarding checklist go with it (CASCADE)
        audit_log(
            actor=None,
            action="recruitment.application.purged",
            object_type="recruitment.application",
            object_id=application.pk,
            data=data,
        )
    return 1, _delete_file(cv)


def pending_uploads_purge(*, now: datetime) -> int:
    """Remove CVs kept for forms that were never completed (the uploads command removes every use's)."""
    return uploads_purge(now=now, policy=CV_POLICY)


def applications_purge(*, now: datetime | None = None) -> PurgeResult:
    """Delete every application whose retention term has passed, with its CV; each one audited. Idempotent."""
    now = now or timezone.now()
    purged = files = 0
    for application in list(applications_due_for_purge(now=now).only("pk")):
        removed, removed_files = _purge_one(application)
        purged, files = purged + removed, files + removed_files
    return PurgeResult(applications=purged, files=files, pending_uploads=pending_uploads_purge(now=now))
