"""Carry pending attachments over to the shared ``uploads.PendingUpload`` and drop messaging's own table.

Files stay where they are (their storage name is part of the encryption); only the row moves. Tokens that
forms carried at the moment of deployment no longer verify: such a form asks for the file again.
"""

from datetime import timedelta

from django.db import migrations

USE = "messaging.attachment"
LIFETIME = timedelta(hours=24)  # PENDING_UPLOAD_MAX_AGE_SECONDS when this migration was written


def forwards(apps, schema_editor):
    old = apps.get_model("messaging", "PendingUpload")
    new = apps.get_model("uploads", "PendingUpload")
    for row in old.objects.all().iterator():
        new.objects.create(
            key=row.nonce,
            use=USE,
            file=row.file.name,
            original_name=row.original_name,
            content_type=row.content_type,
            size=row.size,
            created_at=row.created_at,
            expires_at=row.created_at + LIFETIME,
        )


def backwards(apps, schema_editor):
    old = apps.get_model("messaging", "PendingUpload")
    new = apps.get_model("uploads", "PendingUpload")
    for row in new.objects.filter(use=USE).iterator():
        old.objects.create(
            nonce=row.key[:32],
            file=row.file.name,
            original_name=row.original_name,
            content_type=row.content_type[:40],
            size=row.size,
            created_at=row.created_at,
        )
    new.objects.filter(use=USE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("messaging", "0001_initial"),
        ("uploads", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.DeleteModel(name="PendingUpload"),
    ]
