"""Upload policies: what one use of uploads accepts. Each domain app declares its own; this module only defines
the type and the checks every use shares (the type is sniffed from the content, never taken from the name).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

import filetype


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

    def sniff(self, data: bytes) -> str | None:
        """The MIME type the content turns out to have, if this policy accepts it; else None."""
        kind = filetype.guess(data)
        return kind.mime if kind is not None and kind.mime in self.types else None

    def extension_fits(self, content_type: str, filename: str) -> bool:
        """Whether the name's extension (case-insensitive) is one that ``content_type`` may carry."""
        extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
        return extension in self.types.get(content_type, ())

    def storage_extension(self, content_type: str) -> str:
        return self.types[content_type][0]
