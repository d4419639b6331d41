from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..constants import VacancyStatus


class CoverageTarget(models.Model):
    """A coordinator's own target for one region; without a row the derived default applies."""

    region = models.OneToOneField(
        "geo.Region", on_delete=models.CASCADE, related_name="coverage_target", verbose_name=_("regio")
    )
    target = models.PositiveSmallIntegerField(_("doel (aantal ambassadeurs)"))
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gewijzigd door"),
    )

    class Meta:
        verbose_name = _("dekkingsdoel")
        verbose_name_plural = _("dekkingsdoelen")

    def __str__(self) -> str:
        return f"{self.region_id}: {self.target}"


class Vacancy(models.Model):
    """An opening for ambassadors in one region, published once the coordinator confirms a coverage gap."""

    region = models.ForeignKey(
        "geo.Region", on_delete=models.PROTECT, related_name="vacancies", verbose_name=_("regio")
    )
    positions = models.PositiveSmallIntegerField(_("aantal plaatsen"), default=1)
    status = models.CharField(
        _("status"), max_length=10, choices=VacancyStatus.choices, default=VacancyStatus.OPEN, db_index=True
    )
    closes_on = models.DateField(_("reageren kan tot en met"), null=True, blank=True)
    opened_at = models.DateTimeField(_("geopend op"), default=timezone.now)
    closed_at = models.DateTimeField(_("gesloten op"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("geopend door"),
    )

    class Meta:
        verbose_name = _("vacature")
        verbose_name_plural = _("vacatures")
        ordering = ["region__name", "-opened_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["region"],
                condition=models.Q(status="open"),
                name="recruitment_one_open_vacancy_per_region",
            )
        ]
        permissions = [("manage_coverage", _("Kan dekkingsdoelen en vacatures beheren"))]

    def __str__(self) -> str:
        return f"{self.region_id} ({self.status})"

    def is_open_on(self, day: object) -> bool:
        return self.status == VacancyStatus.OPEN and (self.closes_on is None or day <= self.closes_on)  # type: ignore[operator]


class TimeGuidance(models.Model):
    """The time commitment the vacancy texts state, written from the network's measured median in one action.

    The newest row is the one shown; older rows stay as the history of what was published when."""

    hours_per_month = models.DecimalField(_("uur per maand"), max_digits=4, decimal_places=1)
    set_at = models.DateTimeField(_("vastgesteld op"), default=timezone.now)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vastgesteld door"),
    )

    class Meta:
        verbose_name = _("tijdsbesteding in de vacaturetekst")
        verbose_name_plural = _("tijdsbesteding in de vacaturetekst")
        ordering = ["-set_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.hours_per_month} h/month"
