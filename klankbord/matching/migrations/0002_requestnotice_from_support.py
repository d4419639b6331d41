"""RequestNotice, moved from support: state only, the table was renamed by ``support.0002``."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('matching', '0001_initial'),
        ('support', '0002_move_requestnotice_to_matching'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='RequestNotice',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('request', 'Verzoek'), ('reminder', 'Herinnering'), ('expired', 'Verlopen')], max_length=10, verbose_name='soort')),
                        ('sent_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='verstuurd op')),
                        ('assignment', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='matching.assignment', verbose_name='koppeling')),
                    ],
                    options={
                        'verbose_name': 'bericht over een verzoek',
                        'verbose_name_plural': 'berichten over verzoeken',
                        'constraints': [models.UniqueConstraint(fields=('assignment', 'kind'), name='request_notice_once')],
                    },
                ),
            ],
        ),
    ]
