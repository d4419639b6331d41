"""The consent ledger: one append-only row per decision; the newest row per purpose is the current state."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klankbord.core.append_only import AppendOnlyModel

from .constants import Decision, Method, Purpose


class ConsentRecord(AppendOnlyModel):
    """A member granted or withdrew consent for one purpose of one report, at a time, recorded by someone.

    ``recorded_by`` is None when an anonymous reporter acted through their receipt code. For
    ``share_fields_with_ambassador`` the row lists exactly which fields may be shared.
    """

    report = models.ForeignKey(
        "reports.Report", on_delete=models.CASCADE, related_name="consents", verbose_name=_("melding")
    )
    purpose = models.CharField(_("doel"), max_length=40, choices=Purpose.choices)
    decision = models.CharField(_("besluit"), max_length=10, choices=Decision.choices)
    fields = models.JSONField(_("gedeelde gegevens"), default=list, blank=True)
    at = models.DateTimeField(_("tijdstip"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    on_behalf = models.BooleanField(_("namens de melder vastgelegd"), default=False)
    method = models.CharField(_("hoe"), max_length=20, choices=Method.choices)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("toestemmingsregel")
        verbose_name_plural = _("toestemmingsregels")
        indexes = [models.Index(fields=["report", "purpose", "at"], name="consent_current_idx")]

    def __str__(self) -> str:
        return f"{self.report_id} {self.purpose} {self.decision}"

    @property
    def granted(self) -> bool:
        return self.decision == Decision.GRANTED
