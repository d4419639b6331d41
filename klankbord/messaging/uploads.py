"""Checking uploaded files before anything is stored: only real images (JPEG, PNG, WebP) and PDFs.

The type is sniffed from the content (``filetype``, through ``ATTACHMENT_POLICY``); the file name's extension
and the type the browser declared must agree with it; images must survive Pillow's verify and a full decode,
PDFs must parse with pypdf.
Empty and oversized files are refused. Every refusal is a Dutch message naming the file.
"""

from __future__ import annotations

import io
import re
import warnings
from datetime import timedelta

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image
from pypdf import PdfReader

from klankbord.core.errors import DomainError
from klankbord.uploads.policy import CheckedUpload, UploadPolicy

from .constants import (
    ALLOWED_TYPES,
    DECLARED_ALIASES,
    MAX_ATTACHMENT_BYTES,
    MAX_IMAGE_PIXELS,
    PENDING_UPLOAD_MAX_AGE_SECONDS,
)

ATTACHMENT_POLICY = UploadPolicy(
    use="messaging.attachment",
    types=ALLOWED_TYPES,
    max_bytes=MAX_ATTACHMENT_BYTES,
    lifetime=timedelta(seconds=PENDING_UPLOAD_MAX_AGE_SECONDS),
)


_UNSAFE_NAME = re.compile(r"[^\w .()+-]", re.UNICODE)


def safe_display_name(name: str) -> str:
    """The base name without path parts or control characters, at most 120 characters."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = _UNSAFE_NAME.sub("_", base).strip(" .") or "bestand"
    if len(cleaned) > 120:
        stem, _dot, extension = cleaned.rpartition(".")
        cleaned = f"{stem[: 115 - len(extension)]}.{extension}" if stem else cleaned[:120]
    return cleaned


def _refuse(name: str, reason: str, code: str) -> DomainError:
    return DomainError(_("%(name)s: %(reason)s") % {"name": name, "reason": reason}, code=code)


def _read(upload: UploadedFile, name: str) -> bytes:
    limit = ATTACHMENT_POLICY.max_bytes
    if upload.size is not None and upload.size > limit:
        raise _refuse(name, _("het bestand is groter dan 10 MB."), "too_large")
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise _refuse(name, _("het bestand is groter dan 10 MB."), "too_large")
    if not data:
        raise _refuse(name, _("het bestand is leeg."), "empty")
    return data


def _sniff(data: bytes, name: str, declared: str) -> str:
    mime = ATTACHMENT_POLICY.sniff(data)
    if mime is None:
        raise _refuse(name, _("alleen foto's (JPEG, PNG, WebP) en PDF-bestanden zijn toegestaan."), "type")
    if not ATTACHMENT_POLICY.extension_fits(mime, name):
        raise _refuse(name, _("de bestandsnaam past niet bij de inhoud van het bestand."), "extension")
    if declared and declared.lower() not in DECLARED_ALIASES[mime]:
        raise _refuse(
            name, _("het opgegeven bestandstype past niet bij de inhoud van het bestand."), "declared_type"
        )
    return mime


def _check_image(data: bytes, name: str) -> None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.width * image.height > MAX_IMAGE_PIXELS:
                    raise _refuse(name, _("de afbeelding is te groot."), "too_many_pixels")
                image.verify()
            with Image.open(io.BytesIO(data)) as image:
                image.load()  # verify() does not decode pixel data; a truncated image fails here
    except DomainError:
        raise
    except Exception as exc:  # Pillow raises many kinds of errors for broken files
        raise _refuse(name, _("de afbeelding is beschadigd of geen echte afbeelding."), "broken") from exc


def _check_pdf(data: bytes, name: str) -> None:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise _refuse(
                name, _("beveiligde (versleutelde) PDF-bestanden kunnen we niet aannemen."), "encrypted"
            )
        if len(reader.pages) < 1:
            raise _refuse(name, _("de PDF bevat geen pagina's."), "no_pages")
    except DomainError:
        raise
    except Exception as exc:  # pypdf raises many kinds of errors for broken files
        raise _refuse(name, _("de PDF is beschadigd of geen echte PDF."), "broken") from exc


def check_upload(upload: UploadedFile) -> CheckedUpload:
    """Return the checked bytes of ``upload`` or raise a ``DomainError`` with a Dutch reason."""
    name = safe_display_name(upload.name or "bestand")
    data = _read(upload, name)
    mime = _sniff(data, name, (upload.content_type or "").split(";")[0].strip())
    if mime == "application/pdf":
        _check_pdf(data, name)
    else:
        _check_image(data, name)
    return CheckedUpload(name=name, content_type=mime, data=data)
