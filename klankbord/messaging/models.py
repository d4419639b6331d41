"""Secure messaging inside a report: one thread per report, participants with read markers, attachments.

Bodies, attachment names and files are encrypted at rest (files through the default storage).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klankbord.crypto.fields import EncryptedCharField, EncryptedTextField

from .constants import ParticipantKind


def file_size_label(size: int) -> str:
    """A file size as people read it in Dutch: ``1,5 MB`` or ``12 kB`` (never ``0 kB``)."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")
    return f"{max(1, round(size / 1024))} kB"


def _attachment_path(instance: models.Model, filename: str) -> str:
    # Never the uploaded name: it can itself be sensitive ("threat-from-neighbour.pdf").
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"attachments/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{extension}"


class Thread(models.Model):
    report = models.OneToOneField(
        "reports.Report", on_delete=models.CASCADE, related_name="thread", verbose_name=_("melding")
    )
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)

    class Meta:
        verbose_name = _("gesprek")
        verbose_name_plural = _("gesprekken")

    def __str__(self) -> str:
        return f"thread of {self.report_id}"


class Participant(models.Model):
    """Someone in the conversation, with their read marker. ``user`` is None for a reporter without an account.

    An ambassador joins later (matching) as a participant of kind ``ambassador``; they read from ``joined_at``.
    """

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("rol"), max_length=20, choices=ParticipantKind.choices)
    joined_at = models.DateTimeField(_("deelnemer sinds"), default=timezone.now)
    last_read_at = models.DateTimeField(_("laatst gelezen"), null=True, blank=True)

    class Meta:
        verbose_name = _("deelnemer")
        verbose_name_plural = _("deelnemers")
        constraints = [
            models.UniqueConstraint(
                fields=["thread", "user"],
                condition=Q(user__isnull=False),
                name="messaging_one_marker_per_user",
            ),
            models.UniqueConstraint(
                fields=["thread", "kind"],
                condition=Q(user__isnull=True),
                name="messaging_one_anonymous_marker",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} in {self.thread_id}"


class Message(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("afzender"),
    )
    author_kind = models.CharField(_("afzender is"), max_length=20, choices=ParticipantKind.choices)
    body = EncryptedTextField(_("bericht"), blank=True)
    created_at = models.DateTimeField(_("verstuurd op"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")
        indexes = [models.Index(fields=["thread", "created_at"], name="messaging_thread_time_idx")]

    def __str__(self) -> str:
        return f"message {self.pk}"


class Attachment(models.Model):
    """A checked image or PDF. ``message`` is None for files sent with the report itself."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="attachments")
    message = models.ForeignKey(
        Message, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    file = models.FileField(_("bestand"), upload_to=_attachment_path, max_length=200)
    original_name = EncryptedCharField(_("bestandsnaam"), max_length=200)
    content_type = models.CharField(_("bestandstype"), max_length=40)
    size = models.PositiveIntegerField(_("grootte in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_by_kind = models.CharField(_("geüpload door"), max_length=20, choices=ParticipantKind.choices)
    created_at = models.DateTimeField(_("geüpload op"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")

    def __str__(self) -> str:
        return f"attachment {self.pk}"

    @property
    def size_label(self) -> str:
        return file_size_label(self.size)
