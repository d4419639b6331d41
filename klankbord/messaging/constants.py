"""Who takes part in a report's conversation, and what may be attached."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ParticipantKind(models.TextChoices):
    REPORTER = "reporter", _("Melder")
    COUNSELLOR = "counsellor", _("Vertrouwenspersoon")
    AMBASSADOR = "ambassador", _("Regioambassadeur")


# Sniffed MIME type -> the file name extensions that may carry it.
ALLOWED_TYPES: dict[str, tuple[str, ...]] = {
    "image/jpeg": ("jpg", "jpeg"),
    "image/png": ("png",),
    "image/webp": ("webp",),
    "application/pdf": ("pdf",),
}
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_ATTACHMENTS_PER_MESSAGE = 5
MAX_MESSAGE_LENGTH = 10_000
MAX_IMAGE_PIXELS = 80_000_000
PENDING_UPLOAD_MAX_AGE_SECONDS = 24 * 60 * 60
