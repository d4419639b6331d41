"""The data migration carries pending uploads of messaging and recruitment over to the shared table."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

OLD = [
    ("messaging", "0001_initial"),
    ("recruitment", "0002_rename_conflictofinterest_committeeconflict"),
    ("uploads", "0001_initial"),
]
NEW = [
    ("messaging", "0002_move_pending_uploads_to_uploads"),
    ("recruitment", "0003_move_pending_uploads_to_uploads"),
]


def _migrate(targets: list[tuple[str, str]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return MigrationExecutor(connection)


@pytest.mark.django_db(transaction=True)
def test_pending_rows_of_both_old_models_are_carried_over_with_their_files() -> None:
    old_apps = _migrate(OLD).loader.project_state(OLD).apps
    created = timezone.now() - timedelta(hours=2)
    old_apps.get_model("messaging", "PendingUpload").objects.create(
        nonce="a" * 32,
        file="attachments/2026/11/a.png",
        original_name="foto.png",
        content_type="image/png",
        size=10,
        created_at=created,
    )
    old_apps.get_model("recruitment", "PendingUpload").objects.create(
        key="k" * 43, file="recruitment/pending/b.bin", filename="cv.docx", kind="docx", size=20
    )

    new_apps = _migrate(NEW).loader.project_state(NEW).apps

    rows = {row.use: row for row in new_apps.get_model("uploads", "PendingUpload").objects.all()}
    photo, cv = rows["messaging.attachment"], rows["recruitment.cv"]
    assert (photo.key, photo.file.name, photo.original_name, photo.size) == (
        "a" * 32,
        "attachments/2026/11/a.png",
        "foto.png",
        10,
    )
    assert photo.expires_at == created + timedelta(hours=24)
    assert (cv.key, cv.file.name, cv.original_name) == ("k" * 43, "recruitment/pending/b.bin", "cv.docx")
    assert cv.content_type == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
