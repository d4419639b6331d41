"""Attachments of reports and messages: only real images (JPEG, PNG, WebP) and PDFs, checked by the shared
upload policy (``klankbord.uploads.policy``: content sniffed, name cleaned, PDF active content refused by
object, images decoded under a pixel limit). Every refusal is a Dutch message naming the file.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.files.uploadedfile import UploadedFile

from klankbord.uploads.policy import CheckedUpload, UploadPolicy

from .constants import ALLOWED_TYPES, MAX_ATTACHMENT_BYTES, MAX_IMAGE_PIXELS, PENDING_UPLOAD_MAX_AGE_SECONDS

ATTACHMENT_POLICY = UploadPolicy(
    use="messaging.attachment",
    types=ALLOWED_TYPES,
    max_bytes=MAX_ATTACHMENT_BYTES,
    lifetime=timedelta(seconds=PENDING_UPLOAD_MAX_AGE_SECONDS),
    max_pixels=MAX_IMAGE_PIXELS,
)


def check_upload(upload: UploadedFile) -> CheckedUpload:
    """Return the checked bytes of ``upload`` or raise a ``DomainError`` with a Dutch reason."""
    limit = ATTACHMENT_POLICY.max_bytes
    upload.seek(0)
    data = upload.read(limit + 1)  # never more than one byte past the limit, whatever the upload claims
    return ATTACHMENT_POLICY.check(
        name=upload.name or "bestand", data=data, declared_type=upload.content_type or ""
    )
