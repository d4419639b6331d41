"""Make the audit table append-only in the database itself (see klankbord/audit/triggers.py)."""

from django.db import migrations

from klankbord.audit.triggers import disable_append_only, enable_append_only


def forwards(apps, schema_editor):
    enable_append_only(schema_editor.connection)


def backwards(apps, schema_editor):
    disable_append_only(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
