"""Uploads built in memory (nothing downloaded): images, PDFs and office documents, valid and hostile."""

from __future__ import annotations

import errno
import functools
import io
import os
import random
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter


def _image(size: tuple[int, int], colour: tuple[int, int, int], image_format: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format=image_format)
    return buffer.getvalue()


def png_bytes(size: tuple[int, int] = (8, 8)) -> bytes:
    return _image(size, (200, 30, 30), "PNG")


def jpeg_bytes() -> bytes:
    return _image((8, 8), (30, 30, 200), "JPEG")


def webp_bytes() -> bytes:
    return _image((8, 8), (30, 200, 30), "WEBP")


def pdf_bytes() -> bytes:
    """A one-page blank A4 PDF."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def upload(name: str, data: bytes, content_type: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


CONTENT_TYPES_DOCX = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
CONTENT_TYPES_DOCM = CONTENT_TYPES_DOCX.replace(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
)


def docx_bytes(*, content_types: str = CONTENT_TYPES_DOCX, macro: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("word/document.xml", "<w:document/>")
        if macro:
            archive.writestr("word/vbaProject.bin", b"\x00macro")
    return buffer.getvalue()


def odt_bytes(*, mimetype: bytes = b"application/vnd.oasis.opendocument.text", macro: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>", compress_type=zipfile.ZIP_DEFLATED)
        if macro:
            archive.writestr("Basic/Standard/Module1.xml", "<script/>")
    return buffer.getvalue()


# --- Hostile files, built in memory -------------------------------------------------------------------------

PAGE_OBJECTS = {
    2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
}


def pdf_from_objects(
    catalog_extra: bytes = b"", objects: dict[int, bytes] | None = None, tail: bytes = b""
) -> bytes:
    """A hand-written PDF with a correct cross-reference table: object 1 is the catalog (plus ``catalog_extra``),
    2 and 3 the page tree, then ``objects``; ``tail`` is written before the trailer, outside any xref entry."""
    numbered = {
        1: b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b" >>",
        **PAGE_OBJECTS,
        **(objects or {}),
    }
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(numbered):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, numbered[number])
    out += tail
    xref = len(out)
    size = max(numbered) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)


def pdf_stream(dictionary: bytes, data: bytes) -> bytes:
    return b"<< %s /Length %d >>\nstream\n%s\nendstream" % (dictionary, len(data), data)


def zip_raw(entries: list[tuple[str, bytes]], *, claimed_sizes: dict[str, int] | None = None) -> bytes:
    """A ZIP archive of deflated entries whose headers state ``claimed_sizes`` instead of the real sizes."""
    import struct
    import zlib

    claimed_sizes = claimed_sizes or {}
    local, central = bytearray(), bytearray()
    for name, data in entries:
        packer = zlib.compressobj(9, zlib.DEFLATED, -15)
        packed = packer.compress(data) + packer.flush()
        crc, size, encoded = zlib.crc32(data), claimed_sizes.get(name, len(data)), name.encode()
        offset = len(local)
        local += struct.pack(
            "<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(packed), size, len(encoded), 0
        )
        local += encoded + packed
        central += struct.pack(
            "<4s6H3L5H2L",
            b"PK\x01\x02",
            20,
            20,
            0,
            8,
            0,
            0,
            crc,
            len(packed),
            size,
            len(encoded),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        central += encoded
    end = struct.pack(
        "<4s4H2LH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(central), len(local), 0
    )
    return bytes(local + central + end)


def zip_bomb_docx(unpacked_megabytes: int = 100) -> bytes:
    """A DOCX whose document part unpacks to ``unpacked_megabytes`` MB while its headers claim 1 KB."""
    return _zip_bomb_docx(unpacked_megabytes)


@functools.cache
def _zip_bomb_docx(unpacked_megabytes: int) -> bytes:
    import struct
    import zlib

    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block, crc, packed = b"\x00" * (1024 * 1024), 0, bytearray()
    for _index in range(unpacked_megabytes):
        packed += packer.compress(block)
        crc = zlib.crc32(block, crc)
    packed += packer.flush()
    head = zip_raw([("[Content_Types].xml", CONTENT_TYPES_DOCX.encode())])
    first = head[: head.index(b"PK\x01\x02")]
    first_central = head[head.index(b"PK\x01\x02") : head.index(b"PK\x05\x06")]
    name = b"word/document.xml"
    offset = len(first)
    local = struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(packed), 1024, len(name), 0)
    central = struct.pack(
        "<4s6H3L5H2L",
        b"PK\x01\x02",
        20,
        20,
        0,
        8,
        0,
        0,
        crc,
        len(packed),
        1024,
        len(name),
        0,
        0,
        0,
        0,
        0,
        offset,
    )
    body = first + local + name + bytes(packed)
    directory = first_central + central + name
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 2, 2, len(directory), len(body), 0)
    return bytes(body + directory + end)


def docx_entries(*extra: tuple[str, bytes]) -> bytes:
    """A DOCX (deflated, honest headers) with ``extra`` entries after the usual two."""
    base = [("[Content_Types].xml", CONTENT_TYPES_DOCX.encode()), ("word/document.xml", b"<w:document/>")]
    return zip_raw([*base, *extra])


CONTENT_TYPES_XLSX = CONTENT_TYPES_DOCX.replace("/word/document.xml", "/xl/workbook.xml").replace(
    "wordprocessingml.document.main+xml", "spreadsheetml.sheet.main+xml"
)


def xlsx_bytes(*, macro: bool = False) -> bytes:
    entries = [("[Content_Types].xml", CONTENT_TYPES_XLSX.encode()), ("xl/workbook.xml", b"<workbook/>")]
    if macro:
        entries.append(("xl/vbaProject.bin", b"\x00macro"))
    return zip_raw(entries)


@dataclass(frozen=True)
class Hostile:
    """One file of the hostile corpus: refused by every policy whatever types it accepts."""

    label: str
    name: str
    data: bytes
    codes: frozenset[str]  # acceptable refusal codes (a path that does not take the type says "type")


def hostile_corpus() -> list[Hostile]:
    js = b"<< /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>"
    embedded = {
        4: b"<< /Type /Filespec /F (run.exe) /EF << /F 5 0 R >> >>",
        5: pdf_stream(b"/Type /EmbeddedFile", b"MZ\x90\x00"),
    }
    xfa = {4: pdf_stream(b"", b"<xdp:xdp xmlns:xdp='http://ns.adobe.com/xdp/'/>")}
    page_aa = {3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /#41A << /O 4 0 R >> >>", 4: js}
    zip_tail = zip_raw([("evil.html", b"<p>hoi</p>")])

    def item(label: str, name: str, data: bytes, *codes: str) -> Hostile:
        return Hostile(label, name, data, frozenset({*codes, "type"}))

    return [
        item(
            "escaped JavaScript by object",
            "brief.pdf",
            pdf_from_objects(b"/OpenAction 4 0 R", {4: js}),
            "pdf_active",
        ),
        item(
            "OpenAction with JavaScript",
            "brief.pdf",
            pdf_from_objects(b"/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>"),
            "pdf_active",
        ),
        item(
            "escaped Launch action",
            "brief.pdf",
            pdf_from_objects(b"/OpenAction 4 0 R", {4: b"<< /S /L#61unch /F (cmd.exe) >>"}),
            "pdf_active",
        ),
        item(
            "embedded file",
            "brief.pdf",
            pdf_from_objects(b"/Names << /EmbeddedFiles << /Names [(run.exe) 4 0 R] >> >>", embedded),
            "pdf_active",
        ),
        item(
            "XFA form",
            "brief.pdf",
            pdf_from_objects(b"/AcroForm << /Fields [] /X#46A 4 0 R >>", xfa),
            "pdf_active",
        ),
        item("additional action on a page", "brief.pdf", pdf_from_objects(objects=page_aa), "pdf_active"),
        item(
            "JavaScript in an object no table lists",
            "brief.pdf",
            pdf_from_objects(tail=b"9 0 obj\n<< /S /JavaScript /JS (x) >>\nendobj\n"),
            "pdf_active",
        ),
        item(
            "unparsable PDF with escaped names",
            "brief.pdf",
            b"%PDF-1.7\n<< /S /J#61vaScript >>",
            "pdf_active",
        ),
        item("unparsable PDF", "brief.pdf", b"%PDF-1.7\n" + b"garbage " * 50, "pdf_broken"),
        item("polyglot PDF and ZIP", "brief.pdf", pdf_bytes() + zip_tail, "polyglot"),
        item(
            "polyglot PDF and HTML",
            "brief.pdf",
            pdf_bytes() + b"<html><script>alert(1)</script></html>",
            "polyglot",
        ),
        item("polyglot PNG and ZIP", "foto.png", png_bytes() + zip_tail, "polyglot"),
        item("HTML named PDF", "brief.pdf", b"<!doctype html><script>alert(1)</script>"),
        item("PNG named PDF", "brief.pdf", png_bytes(), "extension"),
        item("PDF named PNG", "foto.png", pdf_bytes(), "extension"),
        item("PDF without extension", "brief", pdf_bytes(), "extension"),
        item("zip bomb with lying headers", "cv.docx", zip_bomb_docx(), "office_bomb"),
        item(
            "headers that lie about a small entry",
            "cv.docx",
            zip_raw(
                [
                    ("[Content_Types].xml", CONTENT_TYPES_DOCX.encode()),
                    ("word/document.xml", b"<w:document/>" * 99),
                ],
                claimed_sizes={"word/document.xml": 20},
            ),
            "office_broken",
        ),
        item("DOCX with a macro", "cv.docx", docx_bytes(macro=True), "office_macros"),
        item(
            "macro-enabled DOCX renamed",
            "cv.docx",
            docx_bytes(content_types=CONTENT_TYPES_DOCM),
            "office_macros",
        ),
        item(
            "DOCX entry leaving the archive",
            "cv.docx",
            docx_entries(("../../evil.sh", b"rm")),
            "office_entry_name",
        ),
        item("ODT with Basic macros", "cv.odt", odt_bytes(macro=True), "office_macros"),
        item("image decompression bomb", "bom.png", bomb_png(), "image_too_large", "image_broken"),
        item("name with a path traversal", "../../etc/brief.pdf", pdf_bytes(), "name_traversal"),
        item("name with a right-to-left override", "brief\u202efdp.exe", pdf_bytes(), "name_control"),
        item("name with a control character", "brief\x00.pdf", pdf_bytes(), "name_control"),
        item("name with a line break", "brief\n.pdf", pdf_bytes(), "name_control"),
    ]


@functools.cache
def bomb_png() -> bytes:
    """A small PNG of 144 megapixels."""
    buffer = io.BytesIO()
    Image.new("1", (12000, 12000)).save(buffer, format="PNG")
    return buffer.getvalue()


def raw_name_upload(name: str, data: bytes, content_type: str) -> SimpleUploadedFile:
    """An upload whose name reaches the checks unchanged (Django's own parsers already drop path parts)."""
    built = SimpleUploadedFile("placeholder", data, content_type=content_type)
    built._name = name  # type: ignore[attr-defined]
    return built


class _FullDiskFile:
    """A file object on a full disk: the file exists (it was created), every write fails."""

    def __init__(self, handle: Any) -> None:
        self._handle = handle

    def write(self, data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    def __getattr__(self, name: str) -> Any:
        return getattr(self._handle, name)

    def __enter__(self) -> _FullDiskFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self._handle.close()


def storage_fault(monkeypatch: Any, media_root: Path, *, kind: str = "full") -> None:
    """Make the disk under ``media_root`` full (files are created, writes fail: ENOSPC) or read-only (creating a
    file fails: EROFS) for the rest of the test; every other file of the process is left alone."""
    root = str(media_root)
    real_open, real_fdopen = os.open, os.fdopen

    def fault_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if kind == "read_only" and str(path).startswith(root) and flags & (os.O_WRONLY | os.O_RDWR):
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return real_open(path, flags, *args, **kwargs)

    def fault_fdopen(descriptor: int, *args: Any, **kwargs: Any) -> Any:
        handle = real_fdopen(descriptor, *args, **kwargs)
        if kind == "full" and os.readlink(f"/proc/self/fd/{descriptor}").startswith(root):
            return _FullDiskFile(handle)
        return handle

    monkeypatch.setattr(os, "open", fault_open)
    monkeypatch.setattr(os, "fdopen", fault_fdopen)


def files_under(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


@functools.cache
def noise_png(side: int = 820) -> bytes:
    """A PNG of random pixels (it does not compress): about ``3 * side**2`` bytes, 2 MB for the default."""
    pixels = random.Random(side).randbytes(side * side * 3)
    buffer = io.BytesIO()
    Image.frombytes("RGB", (side, side), pixels).save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()


class CountingBody(io.RawIOBase):
    """A request body of ``size`` bytes (a multipart form with one file of zeros) produced as it is read,
    counting how much of it the server read."""

    def __init__(self, size: int, boundary: str = "klankbordboundary") -> None:
        self.head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="groot.pdf"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        self.tail = f"\r\n--{boundary}--\r\n".encode()
        self.size, self.position, self.boundary = size, 0, boundary

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        start = self.position
        end = min(start + len(buffer), self.size)
        chunk = bytearray(end - start)  # zeros, with the multipart head and tail where they fall
        filler_end = self.size - len(self.tail)
        if start < len(self.head):
            stop = min(end, len(self.head))
            chunk[: stop - start] = self.head[start:stop]
        if end > filler_end:
            first = max(start, filler_end)
            chunk[first - start :] = self.tail[first - filler_end : end - filler_end]
        buffer[: end - start] = chunk
        self.position = end
        return end - start


def pdf_with_object_stream(catalog_extra: bytes, objects: dict[int, bytes]) -> bytes:
    """A PDF 1.5 whose catalog, pages and ``objects`` (numbered from 4) sit compressed in one object stream,
    found through a cross-reference stream: nothing of them is visible in the raw bytes."""
    import struct
    import zlib

    inner = {1: b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b" >>", **PAGE_OBJECTS, **objects}
    numbers = sorted(inner)
    body, header = b"", b""
    for number in numbers:
        header += b"%d %d " % (number, len(body))
        body += inner[number] + b"\n"
    packed = zlib.compress(header + body)
    stream_number, xref_number = max(numbers) + 1, max(numbers) + 2
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    stream_offset = len(out)
    out += b"%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n" % (
        stream_number,
        len(numbers),
        len(header),
        len(packed),
    )
    out += packed + b"\nendstream\nendobj\n"
    xref_offset = len(out)
    rows = struct.pack(">BIH", 0, 0, 0xFFFF)
    for number in range(1, xref_number + 1):
        if number in inner:
            rows += struct.pack(">BIH", 2, stream_number, numbers.index(number))
        elif number == stream_number:
            rows += struct.pack(">BIH", 1, stream_offset, 0)
        elif number == xref_number:
            rows += struct.pack(">BIH", 1, xref_offset, 0)
        else:
            rows += struct.pack(">BIH", 0, 0, 0)
    table = zlib.compress(rows)
    out += (
        b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Filter /FlateDecode /Length %d >>\n"
        % (
            xref_number,
            xref_number + 1,
            len(table),
        )
    )
    out += b"stream\n" + table + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref_offset
    return bytes(out)
