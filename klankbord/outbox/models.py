"""One row per outgoing message: the outbox that the mail worker delivers (ADR 0070).

The row is written in the transaction of the change that causes the mail, so a mail exists exactly when its
change was committed. Recipient, subject, body and attachments are encrypted at rest (the body holds links,
some of them one-time links). Delivery state lives next to them: the lease of the worker that is sending it,
the moment the SMTP server accepted it (``handed_at``, recorded before the row is marked sent) and the outcome.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klankbord.crypto.fields import EncryptedCharField, EncryptedTextField

from .constants import MailStatus


class OutgoingMail(models.Model):
    message_id = models.CharField(_("Message-ID"), max_length=200, unique=True, editable=False)
    template = models.CharField(_("sjabloon"), max_length=64, blank=True)
    language = models.CharField(_("taal"), max_length=8, default="nl")
    recipient = EncryptedCharField(_("ontvanger"), max_length=254)
    subject = EncryptedTextField(_("onderwerp"))
    body = EncryptedTextField(_("tekst"))
    attachments = EncryptedTextField(_("bijlagen"), blank=True, default="")  # JSON: [[name, base64, type]]
    status = models.CharField(
        _("status"), max_length=16, choices=MailStatus.choices, default=MailStatus.WAITING
    )
    attempts = models.PositiveIntegerField(_("pogingen"), default=0)
    created_at = models.DateTimeField(_("aangemaakt"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("volgende poging"), default=timezone.now)
    last_attempt_at = models.DateTimeField(_("laatste poging"), null=True, blank=True)
    # The exception's class and SMTP code only: a server's message can quote the address.
    last_error = models.CharField(_("laatste fout"), max_length=200, blank=True)
    lease_owner = models.CharField(_("worker"), max_length=64, blank=True)
    lease_expires_at = models.DateTimeField(_("lease verloopt"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("laatste teken van leven"), null=True, blank=True)
    handed_at = models.DateTimeField(_("door SMTP-server aangenomen"), null=True, blank=True)
    sent_at = models.DateTimeField(_("verstuurd"), null=True, blank=True)
    failed_at = models.DateTimeField(_("mislukt op"), null=True, blank=True)
    handled_at = models.DateTimeField(_("afgehandeld"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("afgehandeld door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resend_of = models.ForeignKey(
        "self",
        verbose_name=_("opnieuw verstuurd van"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resends",
    )

    class Meta:
        verbose_name = _("uitgaande mail")
        verbose_name_plural = _("uitgaande mail")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due_idx")]
        permissions = [
            ("manage_outgoing_mail", _("Kan wachtende en mislukte mail zien en opnieuw versturen"))
        ]

    def __str__(self) -> str:
        return f"{self.message_id} ({self.status})"
