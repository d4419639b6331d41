"""RequestNotice moves to matching, which writes it (issue 10: only the owning app writes its models).

The table is renamed, not recreated, so every row (which mails about a request went out) is kept; the model
state is deleted here and created again in ``matching.0002_requestnotice_from_support``.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('support', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name='requestnotice', table='matching_requestnotice'),
            ],
            state_operations=[
                migrations.DeleteModel(name='RequestNotice'),
            ],
        ),
    ]
