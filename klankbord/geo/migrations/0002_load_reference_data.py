"""Load the 342 municipalities, the built-in region schemes and municipal adjacency from klankbord/geo/data."""

from django.db import migrations


def load(apps, schema_editor):
    from klankbord.geo.loader import load_reference_data

    load_reference_data(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("geo", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop, elidable=False),
    ]
