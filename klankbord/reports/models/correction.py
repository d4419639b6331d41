"""Corrections of a report by a counsellor: an append-only record of who changed which fields, and when."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klankbord.core.append_only import AppendOnlyModel
from klankbord.crypto.fields import EncryptedTextField

from .report import Report


class ReportCorrection(AppendOnlyModel):
    """One correction or addition a counsellor made to a report. Written only by ``report_correct``.

    ``fields`` holds the names of the changed fields (no content), so that the member and the case page can say
    what changed. The values before the change are kept only encrypted, as JSON in ``previous``: they may be
    confidential free text, and a correction must stay traceable without putting the old text in plain form.
    """

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="corrections", verbose_name=_("melding")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
    )
    fields = models.JSONField(_("gewijzigde velden"), default=list)
    previous = EncryptedTextField(_("eerdere waarden"), blank=True)
    at = models.DateTimeField(_("tijdstip"), default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("correctie van een melding")
        verbose_name_plural = _("correcties van meldingen")

    def __str__(self) -> str:
        return f"correction {self.pk} of {self.report_id}"

    @property
    def field_labels(self) -> list[str]:
        """The changed fields as the interface names them (the report fields' verbose names)."""
        fields = (Report._meta.get_field(name) for name in self.fields)
        return [str(field.verbose_name) for field in fields if isinstance(field, models.Field)]
