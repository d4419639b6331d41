"""Checking an uploaded CV by its content, not by the name or the browser's content type.

Accepted: PDF that pypdf can open (no JavaScript or launch actions), DOCX and ODT documents without macros.
The extension must match what the content turns out to be, and so must the type ``filetype`` sniffs under
``CV_POLICY`` (the recruitment use of ``klankbord.uploads``). ZIP containers are inspected without extracting
them, with limits on the number of entries and the unpacked size (no zip bombs).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from klankbord.core.errors import DomainError
from klankbord.uploads.policy import UploadPolicy

from .constants import CV_MAX_BYTES, PENDING_UPLOAD_LIFETIME, CVKind

DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
ZIP_MAX_ENTRIES = 2000
ZIP_MAX_UNPACKED = 200 * 1024 * 1024
PDF_ACTIVE_CONTENT = (b"/JavaScript", b"/JS ", b"/JS(", b"/Launch", b"/EmbeddedFile")
EXTENSIONS = {".pdf": CVKind.PDF, ".docx": CVKind.DOCX, ".odt": CVKind.ODT}
KIND_TYPES = {
    CVKind.PDF: "application/pdf",
    CVKind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    CVKind.ODT: "application/vnd.oasis.opendocument.text",
}
CV_POLICY = UploadPolicy(
    use="recruitment.cv",
    types={mime: (kind.value,) for kind, mime in KIND_TYPES.items()},
    max_bytes=CV_MAX_BYTES,
    lifetime=PENDING_UPLOAD_LIFETIME,
)


@dataclass(frozen=True)
class CheckedCV:
    filename: str
    kind: str
    content: bytes

    @property
    def size(self) -> int:
        return len(self.content)

    @property
    def content_type(self) -> str:
        return KIND_TYPES[CVKind(self.kind)]


def _refuse(message: str, code: str) -> DomainError:
    return DomainError(message, code=code)


def _clean_filename(name: str) -> str:
    base = PurePath(name.replace("\\", "/")).name
    printable = "".join(character for character in base if character.isprintable())
    return printable[-150:] or "cv"


def _check_pdf(content: bytes) -> None:
    if not content.lstrip(b"\r\n\t ").startswith(b"%PDF-"):
        raise _refuse(_("Dit bestand is geen echte PDF."), "not_pdf")
    if any(marker in content for marker in PDF_ACTIVE_CONTENT):
        raise _refuse(
            _("Deze PDF bevat scripts of ingesloten bestanden; stuur een gewone PDF."), "pdf_active"
        )
    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted:
            raise _refuse(
                _("Deze PDF is beveiligd met een wachtwoord; stuur een onbeveiligde PDF."), "pdf_locked"
            )
        if len(reader.pages) < 1:
            raise _refuse(_("Deze PDF heeft geen pagina’s."), "pdf_empty")
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError) as error:
        raise _refuse(
            _("Deze PDF kan niet worden gelezen; is het bestand beschadigd?"), "pdf_broken"
        ) from error


def _open_zip(content: bytes, *, kind_label: str) -> zipfile.ZipFile:
    if not content.startswith(b"PK\x03\x04"):
        raise _refuse(_("Dit bestand is geen echt %(kind)s-document.") % {"kind": kind_label}, "not_zip")
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise _refuse(_("Dit %(kind)s-document is beschadigd.") % {"kind": kind_label}, "bad_zip") from error
    if len(entries) > ZIP_MAX_ENTRIES or sum(entry.file_size for entry in entries) > ZIP_MAX_UNPACKED:
        raise _refuse(_("Dit document is uitgepakt onredelijk groot."), "zip_too_large")
    return archive


def _read_member(archive: zipfile.ZipFile, name: str, limit: int = 1024 * 1024) -> bytes:
    try:
        with archive.open(name) as handle:
            return handle.read(limit)
    except (KeyError, zipfile.BadZipFile, OSError, RuntimeError) as error:
        raise _refuse(_("Dit document is beschadigd of onvolledig."), "bad_zip") from error


def _check_docx(content: bytes) -> None:
    archive = _open_zip(content, kind_label="Word")
    names = archive.namelist()
    if "[Content_Types].xml" not in names or "word/document.xml" not in names:
        raise _refuse(_("Dit bestand is geen echt Word-document (DOCX)."), "not_docx")
    types = _read_member(archive, "[Content_Types].xml").decode("utf-8", "replace")
    if any(name.lower().endswith("vbaproject.bin") for name in names) or "macroEnabled" in types:
        raise _refuse(
            _("Dit Word-document bevat macro’s; sla het op als gewoon .docx zonder macro’s."), "macros"
        )
    if DOCX_MAIN not in types:
        raise _refuse(_("Dit bestand is geen gewoon Word-document (DOCX)."), "not_docx")


def _check_odt(content: bytes) -> None:
    archive = _open_zip(content, kind_label="OpenDocument")
    entries = archive.infolist()
    if (
        not entries
        or entries[0].filename != "mimetype"
        or _read_member(archive, "mimetype", 100) != ODT_MIMETYPE
    ):
        raise _refuse(_("Dit bestand is geen echt OpenDocument-tekstdocument (ODT)."), "not_odt")
    if any(entry.filename.startswith(("Basic/", "Scripts/")) for entry in entries):
        raise _refuse(_("Dit document bevat macro’s; sla het op zonder macro’s."), "macros")
    if "content.xml" not in archive.namelist():
        raise _refuse(_("Dit OpenDocument-bestand is onvolledig."), "not_odt")


CHECKS = {CVKind.PDF: _check_pdf, CVKind.DOCX: _check_docx, CVKind.ODT: _check_odt}


def cv_check(*, filename: str, content: bytes) -> CheckedCV:
    """The checked CV, or a ``DomainError`` with a Dutch message saying what to do instead."""
    if not content:
        raise _refuse(_("Het bestand is leeg. Kies uw cv opnieuw."), "empty")
    if len(content) > CV_POLICY.max_bytes:
        raise _refuse(_("Het bestand is groter dan 10 MB. Maak het kleiner of stuur een PDF."), "too_large")
    suffix = PurePath(filename.lower()).suffix
    if suffix in {".docm", ".dotm", ".doc"}:
        raise _refuse(_("Alleen PDF, DOCX of ODT; bestanden met macro’s worden geweigerd."), "macros")
    kind = EXTENSIONS.get(suffix)
    if kind is None:
        raise _refuse(_("Alleen een PDF-, DOCX- of ODT-bestand is mogelijk."), "extension")
    CHECKS[kind](content)
    if CV_POLICY.sniff(content) != KIND_TYPES[kind]:
        raise _refuse(_("De inhoud van dit bestand past niet bij de extensie."), "mismatch")
    return CheckedCV(filename=_clean_filename(filename), kind=kind.value, content=content)
