"""Upload policies: what one use of uploads accepts, and the one set of checks every use goes through.

Each domain app declares its policy (which types, how large); the checks are the same for all of them. A file
is judged by its content: the type is sniffed (``filetype``), never taken from the name or the browser; the
name's extension and the declared type must agree with it; a file that is also another kind of file (a PDF or
image that is a ZIP archive too, or carries HTML) is refused; then the type's own check runs (PDF objects,
office archives unpacked against a budget, images decoded under a pixel limit). See ADR 0080.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

import filetype
from django.utils.translation import gettext as _

from klankbord.core.errors import DomainError

from . import images, office, pdf
from .names import clean_name, extension_of
from .refusal import FileRefusedError

PDF = "application/pdf"
# Declared types browsers send for each sniffed type; a generic declaration is accepted for every type.
DECLARED_ALIASES: dict[str, tuple[str, ...]] = {
    "image/jpeg": ("image/jpeg", "image/jpg", "image/pjpeg"),
    "image/png": ("image/png", "image/x-png"),
    "image/webp": ("image/webp",),
    PDF: (PDF, "application/x-pdf"),
    office.DOCX: (office.DOCX, "application/zip", "application/x-zip-compressed"),
    office.XLSX: (office.XLSX, "application/zip", "application/x-zip-compressed"),
    office.ODT: (office.ODT, "application/zip", "application/x-zip-compressed"),
}
GENERIC_DECLARED = ("", "application/octet-stream", "binary/octet-stream")
TYPE_LABELS = {
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/webp": "WebP",
    PDF: "PDF",
    office.DOCX: "Word (DOCX)",
    office.XLSX: "Excel (XLSX)",
    office.ODT: "OpenDocument (ODT)",
}
# Markup a browser would render as a page: never part of a real image, PDF or office file.
_MARKUP = (b"<script", b"<html", b"<!doctype html", b"<iframe", b"<body", b"<svg", b"javascript:")


@dataclass(frozen=True)
class CheckedUpload:
    """File content that passed a policy's checks; ``content_type`` is the sniffed MIME type."""

    name: str
    content_type: str
    data: bytes

    @property
    def size(self) -> int:
        return len(self.data)


@dataclass(frozen=True, eq=False)
class UploadPolicy:
    """One use of uploads, e.g. ``messaging.attachment``.

    ``types`` maps each accepted MIME type (as ``filetype`` sniffs it from the content) to the file name
    extensions that may carry it; the first extension is the one used on disk. ``lifetime`` is how long a
    pending upload of this use is kept for an unfinished form.
    """

    use: str
    types: Mapping[str, tuple[str, ...]]
    max_bytes: int
    lifetime: timedelta = timedelta(hours=24)
    unpacked_budget: int = office.UNPACKED_BUDGET
    max_pixels: int = images.MAX_PIXELS

    def __post_init__(self) -> None:
        unknown = set(self.types) - set(TYPE_LABELS)
        if unknown:
            raise ValueError(f"{self.use}: no checks for {sorted(unknown)}")

    def sniff(self, data: bytes) -> str | None:
        """The MIME type the content turns out to have, if this policy accepts it; else None."""
        kind = filetype.guess(data)
        return kind.mime if kind is not None and kind.mime in self.types else None

    def extension_fits(self, content_type: str, filename: str) -> bool:
        """Whether the name's extension (case-insensitive) is one that ``content_type`` may carry."""
        return extension_of(filename) in self.types.get(content_type, ())

    def storage_extension(self, content_type: str) -> str:
        return self.types[content_type][0]

    def type_labels(self) -> str:
        return ", ".join(TYPE_LABELS[mime] for mime in self.types)

    def check(self, *, name: str, data: bytes, declared_type: str = "") -> CheckedUpload:
        """The checked upload, or a ``DomainError`` whose Dutch message names the file and says why."""
        try:
            shown = clean_name(name)
        except FileRefusedError as refused:
            raise DomainError(
                _("Bestand: %(reason)s") % {"reason": refused.reason}, code=refused.code
            ) from None
        try:
            mime = self._inspect(shown, data, declared_type.split(";")[0].strip().lower())
        except FileRefusedError as refused:
            message = _("%(name)s: %(reason)s") % {"name": shown, "reason": refused.reason}
            raise DomainError(message, code=refused.code) from None
        return CheckedUpload(name=shown, content_type=mime, data=data)

    def _inspect(self, name: str, data: bytes, declared: str) -> str:
        if not data:
            raise FileRefusedError("empty", _("Het bestand is leeg."))
        if len(data) > self.max_bytes:
            megabytes = self.max_bytes // (1024 * 1024)
            raise FileRefusedError("too_large", _("Het bestand is groter dan %(mb)s MB.") % {"mb": megabytes})
        mime = self.sniff(data)
        if mime is None:
            message = _("Alleen deze bestandstypen zijn toegestaan: %(types)s.") % {
                "types": self.type_labels()
            }
            raise FileRefusedError("type", message)
        if not self.extension_fits(mime, name):
            raise FileRefusedError("extension", _("De bestandsnaam past niet bij de inhoud van het bestand."))
        if mime == PDF:
            pdf.check_pdf(data)
        elif mime in images.PILLOW_FORMATS:
            images.check_image(data, mime, max_pixels=self.max_pixels)
        else:
            office.check_office(data, mime, budget=self.unpacked_budget)
        _refuse_polyglot(data, mime)
        if declared not in GENERIC_DECLARED and declared not in DECLARED_ALIASES[mime]:
            raise FileRefusedError(
                "declared_type", _("Het opgegeven bestandstype past niet bij de inhoud van het bestand.")
            )
        return mime


def _refuse_polyglot(data: bytes, mime: str) -> None:
    """Refuse content that is also a page a browser renders, or (for a non-archive type) also a ZIP archive."""
    lowered = data.lower()
    zipped = mime not in office.CHECKS and zipfile.is_zipfile(io.BytesIO(data))
    pdf_too = mime != PDF and b"%pdf-" in lowered[:1024]  # PDF readers look for the header in the first 1 KB
    if zipped or pdf_too or any(marker in lowered for marker in _MARKUP):
        raise FileRefusedError(
            "polyglot",
            _("Het bestand is tegelijk een ander soort bestand (bijvoorbeeld een archief of webpagina)."),
        )
