"""Core's one table: the submissions already handled, so that a repeated form post returns the first result."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Submission(models.Model):
    """A form post that was handled, written in the same transaction as the work it did (ADR 0071).

    ``key`` is a digest of the form's key, the path and the posted values, never the key itself: the table
    alone cannot replay a submission nor open ``sealed``, the outcome's details (e.g. a receipt code) that are
    encrypted with a key derived from the form's key, which only the browser that rendered the form holds.
    """

    key = models.CharField(_("sleutel"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("aangemaakt"), default=timezone.now, db_index=True)
    status = models.PositiveSmallIntegerField(_("statuscode"), default=0)
    location = models.CharField(_("doorverwijzing"), max_length=2000, blank=True)
    sealed = models.TextField(_("versleutelde gegevens"), blank=True)

    class Meta:
        verbose_name = _("verwerkte inzending")
        verbose_name_plural = _("verwerkte inzendingen")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.status} {self.location}"
