"""Signals: anonymised statistical records, and the early warnings computed from them.

A signal never names a municipality, a person or a case. Its place is a region of the active scheme, its time
a month (the first day of it). Free text is de-identified before it reaches this table (``deidentify``): the
author saw and confirmed exactly what is stored. Records made from a closed case carry no text at all.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klankbord.crypto.fields import EncryptedTextField

from .constants import Category, Dimension, IncidentChannel, PerpetratorType, Severity, SignalSource


class Signal(models.Model):
    """One anonymised signal. Written only by ``services.signal_file`` and ``services.signal_record_from_case``."""

    source = models.CharField(_("herkomst"), max_length=10, choices=SignalSource.choices)
    month = models.DateField(_("maand"), db_index=True, help_text=_("Altijd de eerste dag van de maand."))
    region = models.ForeignKey(
        "geo.Region", on_delete=models.PROTECT, related_name="signals", verbose_name=_("regio")
    )
    category = models.CharField(_("soort voorval"), max_length=30, choices=Category.choices)
    channel = models.CharField(_("kanaal"), max_length=30, choices=IncidentChannel.choices, blank=True)
    perpetrator_type = models.CharField(_("soort pleger"), max_length=30, choices=PerpetratorType.choices)
    themes = models.JSONField(_("onderwerpen"), default=list, blank=True)
    severity = models.CharField(_("ernst"), max_length=10, choices=Severity.choices)
    police_involved = models.BooleanField(_("politie betrokken"), default=False)
    helped = models.JSONField(_("wat hielp"), default=list, blank=True)
    missing = models.JSONField(_("wat ontbrak"), default=list, blank=True)
    # De-identified text only, and still encrypted at rest: de-identification lowers the risk, it does not
    # remove it.
    feedback_text = EncryptedTextField(_("toelichting op het proces (geanonimiseerd)"), blank=True)
    text = EncryptedTextField(_("toelichting (geanonimiseerd)"), blank=True)
    created_on = models.DateField(_("vastgelegd op"), default=timezone.localdate)

    class Meta:
        ordering = ["-month", "pk"]
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")
        permissions = [
            ("view_aggregates", _("Kan geaggregeerde signalen (met onthullingscontrole) zien")),
            ("review_signal_text", _("Kan geanonimiseerde signaalteksten lezen (onderzoeker)")),
        ]
        indexes = [models.Index(fields=["region", "month"], name="signals_region_month_idx")]

    def __str__(self) -> str:
        return f"signal {self.pk} ({self.month:%Y-%m})"


class CaseContribution(models.Model):
    """That a closed case has contributed its statistical record, so a sweep never counts it twice.

    Deliberately no link to the ``Signal`` it produced: the record must not lead back to the case.
    """

    report = models.OneToOneField(
        "reports.Report", on_delete=models.CASCADE, related_name="+", verbose_name=_("melding")
    )

    class Meta:
        verbose_name = _("bijdrage uit melding")
        verbose_name_plural = _("bijdragen uit meldingen")

    def __str__(self) -> str:
        return f"report {self.report_id} contributed"


class EarlyWarning(models.Model):
    """An unusual rise in one region or category in one month, with the evidence of the test."""

    month = models.DateField(_("maand"))
    dimension = models.CharField(_("dimensie"), max_length=20, choices=Dimension.choices)
    key = models.CharField(_("waarde"), max_length=40)
    label = models.CharField(_("omschrijving"), max_length=120)
    observed = models.PositiveIntegerField(_("waargenomen"))
    baseline_total = models.PositiveIntegerField(_("totaal in de basisperiode"))
    baseline_months = models.PositiveSmallIntegerField(_("maanden in de basisperiode"))
    p_value = models.FloatField(_("p-waarde"))
    threshold = models.FloatField(_("drempel na correctie"))
    detected_at = models.DateTimeField(_("gevonden op"), default=timezone.now)
    notified = models.BooleanField(_("coördinator gewaarschuwd"), default=False)

    class Meta:
        ordering = ["-month", "dimension", "label"]
        verbose_name = _("signaal-waarschuwing")
        verbose_name_plural = _("signaal-waarschuwingen")
        constraints = [
            models.UniqueConstraint(fields=["month", "dimension", "key"], name="signals_one_warning_per_cell")
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.dimension}={self.key}"

    @property
    def baseline_mean(self) -> float:
        return self.baseline_total / self.baseline_months if self.baseline_months else 0.0
