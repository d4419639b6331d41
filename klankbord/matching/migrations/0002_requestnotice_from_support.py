"""RequestNotice, moved from support: the table was renamed by ``support.0002``; here the model state moves, and
its content type follows, so that its permissions and admin log entries keep pointing at it."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


def _move_content_type(apps, schema_editor, source, target):
    content_type = apps.get_model('contenttypes', 'ContentType')
    if not content_type.objects.filter(app_label=target, model='requestnotice').exists():
        content_type.objects.filter(app_label=source, model='requestnotice').update(app_label=target)


def forwards(apps, schema_editor):
    _move_content_type(apps, schema_editor, 'support', 'matching')


def backwards(apps, schema_editor):
    _move_content_type(apps, schema_editor, 'matching', 'support')


class Migration(migrations.Migration):

    dependencies = [
        ('matching', '0001_initial'),
        ('support', '0002_move_requestnotice_to_matching'),
        ('contenttypes', '0002_remove_content_type_name'),
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
        migrations.RunPython(forwards, backwards),
    ]
