"""Checking an uploaded CV by its content, not by the name or the browser's content type.

Accepted: PDF, DOCX and ODT, through the shared upload policy (``klankbord.uploads.policy``): the type is
sniffed, the extension must match it, PDFs are refused for active content by object (JavaScript, launch
actions, embedded files, XFA), office documents are unpacked against a byte budget whatever their headers
claim and refused for macros, and the file name is cleaned (see ADR 0080).
"""

from __future__ import annotations

from dataclasses import dataclass

from klankbord.uploads.office import DOCX, ODT
from klankbord.uploads.policy import PDF, UploadPolicy

from .constants import CV_MAX_BYTES, PENDING_UPLOAD_LIFETIME, CVKind

KIND_TYPES = {CVKind.PDF: PDF, CVKind.DOCX: DOCX, CVKind.ODT: ODT}
CV_POLICY = UploadPolicy(
    use="recruitment.cv",
    types={mime: (kind.value,) for kind, mime in KIND_TYPES.items()},
    max_bytes=CV_MAX_BYTES,
    lifetime=PENDING_UPLOAD_LIFETIME,
)
_KINDS = {mime: kind for kind, mime in KIND_TYPES.items()}


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


def cv_check(*, filename: str, content: bytes, declared_type: str = "") -> CheckedCV:
    """The checked CV, or a ``DomainError`` with a Dutch message saying what is wrong with the file."""
    checked = CV_POLICY.check(name=filename or "cv", data=content, declared_type=declared_type)
    return CheckedCV(filename=checked.name, kind=_KINDS[checked.content_type].value, content=checked.data)
