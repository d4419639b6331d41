"""Start the party list with the national parties (klankbord/geo/partylist.py)."""

from django.db import migrations


def load(apps, schema_editor):
    from klankbord.geo.loader import load_national_parties

    load_national_parties(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("geo", "0003_party_list"),
    ]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop, elidable=False),
    ]
