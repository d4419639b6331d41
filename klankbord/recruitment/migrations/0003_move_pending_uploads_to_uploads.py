"""Carry pending CVs over to the shared ``uploads.PendingUpload`` and drop recruitment's own table.

Files stay where they are (their storage name is part of the encryption); only the row moves. Tokens that
forms carried at the moment of deployment no longer verify: such a form asks for the CV again.
"""

from datetime import timedelta

from django.db import migrations

USE = "recruitment.cv"
LIFETIME = timedelta(hours=24)  # PENDING_UPLOAD_LIFETIME when this migration was written
KIND_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
}


def forwards(apps, schema_editor):
    old = apps.get_model("recruitment", "PendingUpload")
    new = apps.get_model("uploads", "PendingUpload")
    for row in old.objects.all().iterator():
        new.objects.create(
            key=row.key,
            use=USE,
            file=row.file.name,
            original_name=row.filename,
            content_type=KIND_TYPES[row.kind],
            size=row.size,
            created_at=row.created_at,
            expires_at=row.created_at + LIFETIME,
        )


def backwards(apps, schema_editor):
    old = apps.get_model("recruitment", "PendingUpload")
    new = apps.get_model("uploads", "PendingUpload")
    kinds = {mime: kind for kind, mime in KIND_TYPES.items()}
    for row in new.objects.filter(use=USE).iterator():
        old.objects.create(
            key=row.key,
            file=row.file.name,
            filename=row.original_name,
            kind=kinds[row.content_type],
            size=row.size,
            created_at=row.created_at,
        )
    new.objects.filter(use=USE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("recruitment", "0002_rename_conflictofinterest_committeeconflict"),
        ("uploads", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.DeleteModel(name="PendingUpload"),
    ]
