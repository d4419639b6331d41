"""Pending uploads: checked files kept while their form is corrected, so nobody has to upload a file twice."""

from __future__ import annotations

import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klankbord.crypto.fields import EncryptedCharField

UPLOAD_DIR = "uploads"


def pending_path(instance: models.Model, filename: str) -> str:
    """A random name under ``UPLOAD_DIR``: the uploaded name never reaches the disk, only the type's extension."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"{UPLOAD_DIR}/{timezone.now():%Y/%m}/{secrets.token_hex(16)}.{extension}"


class PendingUpload(models.Model):
    """A file that passed its policy's checks while the rest of the form did not.

    The file is encrypted by the default storage, the name in the database. The form carries only a signed
    token with ``key``; the row is claimed by a domain service or purged once ``expires_at`` has passed.
    """

    key = models.CharField(_("sleutel"), max_length=64, unique=True, default=secrets.token_urlsafe)
    use = models.CharField(_("gebruik"), max_length=40)
    file = models.FileField(_("bestand"), upload_to=pending_path, max_length=200)
    original_name = EncryptedCharField(_("bestandsnaam"), max_length=200)
    content_type = models.CharField(_("bestandstype"), max_length=100)
    size = models.PositiveIntegerField(_("grootte in bytes"))
    # Keyed hashes (never the values) of who stored it, for the quota of pending bytes per session and address.
    session_hash = models.CharField(_("sessie (gehasht)"), max_length=32, blank=True, db_index=True)
    address_hash = models.CharField(_("adres (gehasht)"), max_length=32, blank=True, db_index=True)
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    expires_at = models.DateTimeField(_("verloopt op"), db_index=True)

    class Meta:
        verbose_name = _("tijdelijke upload")
        verbose_name_plural = _("tijdelijke uploads")

    def __str__(self) -> str:
        return f"pending upload {self.pk}"
