"""Office documents (DOCX, XLSX, ODT) are ZIP archives: every entry is unpacked here, whatever its headers claim.

A zip bomb can state small sizes in its headers, so neither the stated sizes nor ``zipfile``'s reader (which
stops at the stated size) are trusted: each entry's deflate stream is decompressed from its local header in
chunks, counting the bytes it really produces against one byte budget for the whole archive, and the result
must match the stated size and CRC. Entry names that leave the archive (``..``, absolute paths, drive letters)
or hide characters, duplicate names, encryption, unknown compression and macros are refused.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .refusal import FileRefusedError

MAX_ENTRIES = 2000
UNPACKED_BUDGET = 64 * 1024 * 1024
KEEP_BYTES = 1024 * 1024  # of the entries a type check reads ([Content_Types].xml, mimetype)
_CHUNK = 64 * 1024
_LOCAL_HEADER = struct.Struct("<4s5H3L2H")
_KEEP = frozenset({"[Content_Types].xml", "mimetype"})

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT = "application/vnd.oasis.opendocument.text"
_OOXML_MAIN = {
    DOCX: ("word/document.xml", f"{DOCX}.main+xml"),
    XLSX: ("xl/workbook.xml", f"{XLSX}.main+xml"),
}


@dataclass
class Archive:
    names: list[str]
    kept: dict[str, bytes] = field(default_factory=dict)


def _damaged() -> FileRefusedError:
    return FileRefusedError("office_broken", _("Het document is beschadigd of geen echt Office-document."))


def _bad_name(name: str) -> bool:
    parts = name.replace("\\", "/").split("/")
    return (
        not name
        or "\\" in name
        or name.startswith("/")
        or (len(name) > 1 and name[1] == ":")
        or any(part == ".." for part in parts)
        or any(ord(character) < 32 or ord(character) == 127 for character in name)
    )


def _inflate(data: bytes, start: int, budget: int) -> tuple[bytes, int, int]:
    """Decompress one raw deflate stream from ``start``; returns (first kept bytes, length, CRC-32).

    Refuses as soon as the output passes ``budget``, so a bomb costs at most the budget, never its full size.
    """
    inflater = zlib.decompressobj(-15)
    kept, produced, crc, position = b"", 0, 0, start
    while not inflater.eof:
        chunk = inflater.unconsumed_tail or data[position : position + _CHUNK]
        if not inflater.unconsumed_tail:
            if not chunk:
                raise _damaged()
            position += len(chunk)
        out = inflater.decompress(chunk, _CHUNK)
        produced += len(out)
        if produced > budget:
            raise FileRefusedError("office_bomb", _("Het document wordt uitgepakt onredelijk groot."))
        crc = zlib.crc32(out, crc)
        if len(kept) < KEEP_BYTES:
            kept += out[: KEEP_BYTES - len(kept)]
    return kept, produced, crc


def _entry(data: bytes, info: zipfile.ZipInfo, budget: int) -> tuple[bytes, int]:
    """Unpack one entry from its local header; returns (first kept bytes, real unpacked size)."""
    header = data[info.header_offset : info.header_offset + _LOCAL_HEADER.size]
    if len(header) < _LOCAL_HEADER.size:
        raise _damaged()
    signature, _version, flags, method, _time, _date, _crc, _csize, _size, name_length, extra_length = (
        _LOCAL_HEADER.unpack(header)
    )
    start = info.header_offset + _LOCAL_HEADER.size
    local_name = data[start : start + name_length]
    if signature != b"PK\x03\x04" or local_name != info.orig_filename.encode(
        "utf-8" if info.flag_bits & 0x800 else "cp437", "replace"
    ):
        raise _damaged()
    if flags & 0x1 or info.flag_bits & 0x1:
        raise FileRefusedError(
            "office_encrypted", _("Beveiligde (versleutelde) documenten kunnen we niet aannemen.")
        )
    start += name_length + extra_length
    if method == zipfile.ZIP_STORED and info.compress_type == zipfile.ZIP_STORED:
        content = data[start : start + info.compress_size]
        if len(content) > budget:
            raise FileRefusedError("office_bomb", _("Het document wordt uitgepakt onredelijk groot."))
        kept, size, crc = content[:KEEP_BYTES], len(content), zlib.crc32(content)
    elif method == zipfile.ZIP_DEFLATED and info.compress_type == zipfile.ZIP_DEFLATED:
        kept, size, crc = _inflate(data, start, budget)
    else:
        raise _damaged()
    if size != info.file_size or crc != info.CRC:
        raise _damaged()  # the headers lie about what the entry holds
    return kept, size


def open_archive(data: bytes, *, budget: int = UNPACKED_BUDGET) -> Archive:
    """Unpack every entry against ``budget``; returns the entry names and the first bytes of a few."""
    if not data.startswith(b"PK\x03\x04"):
        raise _damaged()
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise _damaged() from error
    if len(infos) > MAX_ENTRIES:
        raise FileRefusedError("office_bomb", _("Het document bestaat uit onredelijk veel onderdelen."))
    names = [info.filename for info in infos]
    if any(_bad_name(name) for name in names):
        raise FileRefusedError(
            "office_entry_name", _("Het document bevat onderdelen met een ongeldige naam.")
        )
    if len(set(names)) != len(names):
        raise _damaged()
    archive = Archive(names=names)
    for info in infos:
        kept, size = _entry(data, info, budget)
        budget -= size
        if info.filename in _KEEP:
            archive.kept[info.filename] = kept
    return archive


def _macros() -> FileRefusedError:
    return FileRefusedError(
        "office_macros", _("Het document bevat macro's of ingesloten programma's; sla het op zonder macro's.")
    )


def _check_ooxml(archive: Archive, mime: str) -> None:
    lowered = [name.lower() for name in archive.names]
    if any(name.endswith("vbaproject.bin") or "/activex/" in f"/{name}" for name in lowered):
        raise _macros()
    types = archive.kept.get("[Content_Types].xml", b"").decode("utf-8", "replace")
    if "macroenabled" in types.lower() or "vbaproject" in types.lower():
        raise _macros()
    part, main_type = _OOXML_MAIN[mime]
    if part not in archive.names or main_type not in types:
        raise _damaged()


def _check_odt(archive: Archive, mime: str) -> None:
    if archive.names[:1] != ["mimetype"] or archive.kept.get("mimetype") != mime.encode():
        raise _damaged()
    if any(name.startswith(("Basic/", "Scripts/")) for name in archive.names):
        raise _macros()
    if "content.xml" not in archive.names:
        raise _damaged()


CHECKS: dict[str, Callable[[Archive, str], None]] = {DOCX: _check_ooxml, XLSX: _check_ooxml, ODT: _check_odt}


def check_office(data: bytes, mime: str, *, budget: int = UNPACKED_BUDGET) -> None:
    """Refuse a damaged, bombing, traversing or macro-carrying office document of type ``mime``."""
    CHECKS[mime](open_archive(data, budget=budget), mime)
