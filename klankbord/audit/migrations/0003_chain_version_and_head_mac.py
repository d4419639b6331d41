"""Chain version 2 and an authenticated head (issue 16).

Entries already written keep version 1 and keep verifying under the hash they were written with; every entry
written from now on is version 2 (every column hashed, the IP address included), and a version 1 entry after a
version 2 entry fails verification. The head gets its entry count and its HMAC here, sealed with the configured
audit key, so an existing chain verifies at once. On SQLite adding a column rebuilds the table, which drops its
triggers: they are put back.
"""

from django.db import migrations, models

from klankbord.audit.triggers import enable_append_only


def seal_head(apps, schema_editor):
    from klankbord.audit.services import head_mac  # the same formula as the running code

    AuditEntry = apps.get_model("audit", "AuditEntry")
    AuditHead = apps.get_model("audit", "AuditHead")
    for head in AuditHead.objects.all():
        head.entry_count = AuditEntry.objects.count()
        head.mac = head_mac(sequence=head.sequence, entry_hash=head.entry_hash, entry_count=head.entry_count)
        head.save(update_fields=["entry_count", "mac"])


def restore_triggers(apps, schema_editor):
    enable_append_only(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_triggers")]

    operations = [
        migrations.AddField(
            model_name="auditentry",
            name="chain_version",
            field=models.PositiveSmallIntegerField(default=1, verbose_name="ketenversie"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="audithead",
            name="entry_count",
            field=models.PositiveBigIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="audithead",
            name="mac",
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.RunPython(restore_triggers, migrations.RunPython.noop),
        migrations.RunPython(seal_head, migrations.RunPython.noop),
    ]
