"""Acute reports get a response target in hours: a new field, filled in for the acute reports already held."""

from datetime import timedelta

from django.conf import settings
from django.db import migrations, models
from django.utils import timezone


def acute_targets_in_hours(apps, schema_editor):
    """Each urgent report's target becomes received + the configured hours; an unanswered one is due that day."""
    report_model = apps.get_model("reports", "Report")
    hours = timedelta(hours=settings.KLANKBORD_ACUTE_RESPONSE_HOURS)
    for report in report_model.objects.filter(urgent=True).only(
        "pk", "received_at", "first_response_due", "first_responded_at"
    ):
        due_at = report.received_at + hours
        fields = {"first_response_due_at": due_at}
        if report.first_responded_at is None:
            fields["first_response_due"] = min(report.first_response_due, timezone.localdate(due_at))
        report_model.objects.filter(pk=report.pk).update(**fields)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0002_alter_report_options"),
    ]

    operations = [
        migrations.AddField(
            model_name="report",
            name="first_response_due_at",
            field=models.DateTimeField(
                blank=True, null=True, verbose_name="eerste reactie uiterlijk om (acuut)"
            ),
        ),
        migrations.RunPython(acute_targets_in_hours, migrations.RunPython.noop),
    ]
