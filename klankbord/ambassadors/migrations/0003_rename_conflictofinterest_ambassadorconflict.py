"""ConflictOfInterest becomes AmbassadorConflict (recruitment has its own, unrelated conflict model).

The rows and their table are kept (RenameModel). The encrypted ``name`` is bound to the model's label, so each
value is re-encrypted under the new label in the same migration; the reverse step binds it back.
"""

from django.db import migrations

from klankbord.crypto.rebind import column_rebind

OLD_LABEL = "ambassadors.conflictofinterest"
NEW_LABEL = "ambassadors.ambassadorconflict"


def _rebind(apps, old_label, new_label):
    model = apps.get_model("ambassadors", "AmbassadorConflict")
    column_rebind(model=model, field="name", old_model_label=old_label, new_model_label=new_label)


def forwards(apps, schema_editor):
    _rebind(apps, OLD_LABEL, NEW_LABEL)


def backwards(apps, schema_editor):
    _rebind(apps, NEW_LABEL, OLD_LABEL)


class Migration(migrations.Migration):
    dependencies = [
        ("ambassadors", "0002_status_note"),
    ]

    operations = [
        migrations.RenameModel(old_name="ConflictOfInterest", new_name="AmbassadorConflict"),
        migrations.RunPython(forwards, backwards),
    ]
