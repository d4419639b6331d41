from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from klankbord.core.errors import DomainError
from klankbord.messaging.constants import MAX_ATTACHMENT_BYTES
from klankbord.messaging.uploads import check_upload
from klankbord.uploads.names import clean_name
from tests.factories.core import raises_domain_error
from tests.factories.files import jpeg_bytes, pdf_bytes, png_bytes, webp_bytes


def _file(name: str, data: bytes, content_type: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.mark.parametrize(
    ("name", "data", "declared", "sniffed"),
    [
        ("foto.png", png_bytes(), "image/png", "image/png"),
        ("foto.JPG", jpeg_bytes(), "image/jpeg", "image/jpeg"),
        ("foto.jpeg", jpeg_bytes(), "image/jpeg", "image/jpeg"),
        ("foto.webp", webp_bytes(), "image/webp", "image/webp"),
        ("brief.pdf", pdf_bytes(), "application/pdf", "application/pdf"),
    ],
)
def test_real_images_and_pdfs_are_accepted(name: str, data: bytes, declared: str, sniffed: str) -> None:
    checked = check_upload(_file(name, data, declared))
    assert checked.content_type == sniffed and checked.data == data


@pytest.mark.parametrize(
    ("name", "data", "declared", "reason", "code"),
    [
        ("leeg.pdf", b"", "application/pdf", "leeg", "empty"),
        (
            "pagina.pdf",
            b"<html><body>hoi</body></html>",
            "application/pdf",
            "Alleen deze bestandstypen",
            "type",
        ),
        ("script.png", b"<script>alert(1)</script>", "image/png", "Alleen deze bestandstypen", "type"),
        ("foto.pdf", png_bytes(), "application/pdf", "bestandsnaam past niet", "extension"),
        ("brief.png", pdf_bytes(), "image/png", "bestandsnaam past niet", "extension"),
        ("foto.png", png_bytes(), "application/pdf", "opgegeven bestandstype", "declared_type"),
        ("foto.png", png_bytes(), "text/html", "opgegeven bestandstype", "declared_type"),
        ("foto", png_bytes(), "image/png", "bestandsnaam past niet", "extension"),
        ("archief.zip", b"PK\x03\x04" + b"\x00" * 40, "application/zip", "Alleen deze bestandstypen", "type"),
        ("stuk.png", png_bytes()[:40], "image/png", "beschadigd", "image_broken"),
        (
            "stuk.pdf",
            b"%PDF-1.4\n%garbage without any objects",
            "application/pdf",
            "beschadigd",
            "pdf_broken",
        ),
        ("plaatje.gif", b"GIF89a" + b"\x00" * 30, "image/gif", "Alleen deze bestandstypen", "type"),
    ],
)
def test_empty_disguised_and_broken_files_are_refused(
    name: str, data: bytes, declared: str, reason: str, code: str
) -> None:
    with raises_domain_error(code, match=reason):
        check_upload(_file(name, data, declared))


def test_a_file_over_10_mb_is_refused() -> None:
    data = pdf_bytes() + b"0" * (MAX_ATTACHMENT_BYTES + 1)
    with raises_domain_error("too_large", match="groter dan 10 MB"):
        check_upload(_file("groot.pdf", data, "application/pdf"))


def test_a_decompression_bomb_is_refused() -> None:
    buffer = io.BytesIO()
    Image.new("1", (12000, 12000)).save(buffer, format="PNG")  # tiny file, 144 megapixels
    with pytest.raises(DomainError, match=r"te groot|beschadigd") as refused:
        check_upload(_file("bom.png", buffer.getvalue(), "image/png"))
    assert refused.value.code in {"image_too_large", "image_broken"}


def test_an_encrypted_pdf_is_refused() -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes())))
    writer.encrypt("geheim")
    buffer = io.BytesIO()
    writer.write(buffer)
    with raises_domain_error("pdf_encrypted", match="versleutelde"):
        check_upload(_file("dicht.pdf", buffer.getvalue(), "application/pdf"))


def test_display_names_lose_paths_and_odd_characters() -> None:
    assert clean_name("C:\\Users\\x\\brief <1>.pdf") == "brief _1_.pdf"
    assert len(clean_name("a" * 500 + ".pdf")) <= 120
    assert clean_name("a" * 500 + ".pdf").endswith(".pdf")
