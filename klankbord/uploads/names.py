"""File names as people see them: the uploaded name is only ever shown (and encrypted), never used on disk.

A name is refused when it tries to deceive or escape (a ``..`` segment, control characters, bidirectional
overrides such as U+202E that make ``cv\u202efdp.exe`` read as ``cvexe.pdf``); otherwise it is reduced to its
base name, characters outside a plain set become ``_`` and a long name is shortened keeping its extension.
"""

from __future__ import annotations

import re
import unicodedata

from django.utils.translation import gettext as _

from .refusal import FileRefusedError

MAX_NAME_LENGTH = 120
_UNSAFE = re.compile(r"[^\w .()+,-]", re.UNICODE)
# Unicode categories of characters nobody types in a file name: controls, format characters (bidi overrides,
# zero-width characters), separators other than the plain space, private use and unassigned code points.
_INVISIBLE_CATEGORIES = {"Cc", "Cf", "Co", "Cn", "Zl", "Zp"}


def _is_invisible(character: str) -> bool:
    return unicodedata.category(character) in _INVISIBLE_CATEGORIES


def clean_name(name: str, *, fallback: str = "bestand") -> str:
    """The name to show for an upload, or ``FileRefusedError`` for a deceptive or traversing name."""
    if any(_is_invisible(character) for character in name):
        raise FileRefusedError("name_control", _("De bestandsnaam bevat onzichtbare of sturende tekens."))
    parts = name.replace("\\", "/").split("/")
    if any(part.strip() == ".." for part in parts):
        raise FileRefusedError("name_traversal", _("De bestandsnaam bevat een mappad (..)."))
    base = unicodedata.normalize("NFC", parts[-1])
    cleaned = _UNSAFE.sub("_", base).strip(" .") or fallback
    if len(cleaned) <= MAX_NAME_LENGTH:
        return cleaned
    stem, dot, extension = cleaned.rpartition(".")
    if not dot or len(extension) > 10:
        return cleaned[:MAX_NAME_LENGTH]
    return f"{stem[: MAX_NAME_LENGTH - len(extension) - 1]}.{extension}"


def extension_of(name: str) -> str:
    """The lower-case extension of a name, without the dot ('' when there is none)."""
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""
