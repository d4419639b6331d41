"""The low-threshold "I just want to talk" request (sparverzoek)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klankbord.crypto.fields import EncryptedCharField, EncryptedTextField

from ..constants import TalkRequestStatus


class TalkRequest(models.Model):
    """Somebody wants to talk with a counsellor without filing a report (yet)."""

    municipality = models.ForeignKey(
        "geo.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemeente"),
    )
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="talk_requests",
        verbose_name=_("aanvrager (account)"),
    )
    name = EncryptedCharField(_("naam"), max_length=200, blank=True)
    reach_me = EncryptedCharField(_("zo bereikt u mij"), max_length=200)
    when = EncryptedCharField(_("wanneer"), max_length=200, blank=True)
    topic = EncryptedTextField(_("waarover"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=TalkRequestStatus.choices,
        default=TalkRequestStatus.OPEN,
        db_index=True,
    )
    created_at = models.DateTimeField(_("ontvangen op"), default=timezone.now, db_index=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("afgehandeld door"),
    )
    handled_at = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    report = models.OneToOneField(
        "reports.Report",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="talk_request",
        verbose_name=_("melding"),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("sparverzoek")
        verbose_name_plural = _("sparverzoeken")

    def __str__(self) -> str:
        return f"talk request {self.pk}"
