"""Retention: the purge removes expired applications with their files, keeps the rest, is audited and idempotent."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from klankbord.audit.models import AuditEntry
from klankbord.audit.services import audit_verify
from klankbord.recruitment import services
from klankbord.recruitment.models import Application, Interview, Score
from klankbord.recruitment.uploads import CheckedCV
from klankbord.uploads.models import PendingUpload
from tests.factories.files import pdf_bytes
from tests.factories.recruitment import MakeApplication, decide, score

pytestmark = pytest.mark.django_db


def cv_path(settings: Any, application: Application) -> Path:
    return Path(settings.MEDIA_ROOT) / application.cv.name


def test_the_purge_removes_expired_applications_and_their_files(
    make_application: MakeApplication, coordinator: Any, selection_member: Any, settings: Any
) -> None:
    expired, kept = make_application(), make_application()
    score(selection_member, expired)
    decide(coordinator, expired, "rejected")
    expired.refresh_from_db()
    path = cv_path(settings, expired)
    assert path.exists()
    result = services.applications_purge(now=expired.retain_until + timedelta(seconds=1))
    assert result.applications == 1 and result.files == 1
    assert not Application.objects.filter(pk=expired.pk).exists()
    assert not Score.objects.exists()
    assert not path.exists()
    assert Application.objects.filter(pk=kept.pk).exists() and cv_path(settings, kept).exists()
    entry = AuditEntry.objects.get(action="recruitment.application.purged")
    assert entry.object_id == str(expired.pk) and entry.data["status"] == "rejected"
    assert audit_verify().ok


def test_nothing_is_removed_before_the_term(make_application: MakeApplication, coordinator: Any) -> None:
    application = make_application()
    decide(coordinator, application, "rejected")
    application.refresh_from_db()
    result = services.applications_purge(now=application.retain_until - timedelta(minutes=1))
    assert result.applications == 0
    assert Application.objects.filter(pk=application.pk).exists()


def test_consent_keeps_the_data_for_a_year(make_application: MakeApplication, coordinator: Any) -> None:
    application = make_application(consent_keep=True)
    decide(coordinator, application, "reserve")
    application.refresh_from_db()
    ended = application.procedure_ended_at
    assert services.applications_purge(now=ended + timedelta(days=364)).applications == 0
    assert services.applications_purge(now=ended + timedelta(days=366)).applications == 1


def test_an_application_still_in_procedure_is_never_purged(application: Application) -> None:
    far_future = timezone.now() + timedelta(days=3650)
    assert services.applications_purge(now=far_future).applications == 0


def test_the_purge_is_idempotent(make_application: MakeApplication, coordinator: Any) -> None:
    application = make_application()
    start = timezone.now()
    services.interview_schedule(
        actor=coordinator,
        application=application,
        plan=services.InterviewPlan(
            starts_at=start + timedelta(days=1),
            ends_at=start + timedelta(days=1, hours=1),
            mode="in_person",
            location="Den Haag",
        ),
    )
    services.application_withdraw(actor=coordinator, application=application)
    later = timezone.now() + timedelta(weeks=5)
    assert services.applications_purge(now=later).applications == 1
    assert not Interview.objects.exists()
    assert services.applications_purge(now=later) == services.PurgeResult(0, 0, 0)
    assert AuditEntry.objects.filter(action="recruitment.application.purged").count() == 1


def test_unfinished_uploads_are_removed_after_a_day(settings: Any) -> None:
    token = services.pending_upload_store(cv=CheckedCV(filename="cv.pdf", kind="pdf", content=pdf_bytes()))
    pending = PendingUpload.objects.get()
    path = Path(settings.MEDIA_ROOT) / pending.file.name
    assert services.pending_uploads_purge(now=timezone.now()) == 0
    assert services.pending_uploads_purge(now=timezone.now() + timedelta(hours=25)) == 1
    assert not path.exists() and services.pending_upload_get(token=token) is None


def test_the_command_purges_and_reports(
    make_application: MakeApplication, coordinator: Any, time_machine: Any
) -> None:
    application = make_application()
    decide(coordinator, application, "rejected")
    out = StringIO()
    call_command("recruitment", "purge", "--dry-run", stdout=out)
    assert "0 application(s)" in out.getvalue()
    time_machine.move_to(timezone.now() + timedelta(weeks=4, days=1))
    out = StringIO()
    call_command("recruitment", "purge", "--dry-run", stdout=out)
    assert "1 application(s)" in out.getvalue() and Application.objects.exists()
    out = StringIO()
    call_command("recruitment", "purge", stdout=out)
    assert "Removed 1 application(s), 1 file(s)" in out.getvalue()
    assert not Application.objects.exists()
