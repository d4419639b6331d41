"""The CV check judges content, not names: hostile files are refused with a message saying what to do."""

from __future__ import annotations

import pytest

from klankbord.core.errors import DomainError
from klankbord.recruitment.constants import CV_MAX_BYTES
from klankbord.recruitment.uploads import cv_check
from tests.factories.files import CONTENT_TYPES_DOCM, docx_bytes, odt_bytes, pdf_bytes


def refused(filename: str, content: bytes) -> str:
    with pytest.raises(DomainError) as caught:
        cv_check(filename=filename, content=content)
    return caught.value.code


def test_a_real_pdf_docx_and_odt_are_accepted_with_their_kind() -> None:
    assert cv_check(filename="cv.pdf", content=pdf_bytes()).kind == "pdf"
    assert cv_check(filename="CV Jansen.DOCX", content=docx_bytes()).kind == "docx"
    assert cv_check(filename="cv.odt", content=odt_bytes()).kind == "odt"


def test_the_file_name_is_reduced_to_its_base_name() -> None:
    assert cv_check(filename="C:\\Users\\x\\cv.pdf", content=pdf_bytes()).filename == "cv.pdf"


def test_html_named_pdf_is_refused() -> None:
    assert refused("cv.pdf", b"<!doctype html><script>alert(1)</script>") == "type"


def test_a_docm_renamed_docx_is_refused_for_its_macros() -> None:
    assert refused("cv.docx", docx_bytes(content_types=CONTENT_TYPES_DOCM, macro=True)) == "office_macros"


def test_a_docx_with_a_vba_project_but_plain_content_types_is_still_refused() -> None:
    assert refused("cv.docx", docx_bytes(macro=True)) == "office_macros"


def test_a_docm_extension_is_refused_outright() -> None:
    assert refused("cv.docm", docx_bytes()) == "extension"


def test_an_empty_file_is_refused() -> None:
    assert refused("cv.pdf", b"") == "empty"


def test_a_file_over_ten_megabytes_is_refused() -> None:
    assert refused("cv.pdf", pdf_bytes() + b"0" * CV_MAX_BYTES) == "too_large"


def test_the_extension_must_match_the_content() -> None:
    assert refused("cv.docx", pdf_bytes()) == "extension"
    assert refused("cv.pdf", docx_bytes()) == "extension"
    assert refused("cv.odt", docx_bytes()) == "extension"


def test_other_extensions_are_refused() -> None:
    assert refused("cv.exe", pdf_bytes()) == "extension"
    assert refused("cv", pdf_bytes()) == "extension"


def test_an_odt_with_basic_macros_is_refused() -> None:
    assert refused("cv.odt", odt_bytes(macro=True)) == "office_macros"


def test_an_odt_with_another_mimetype_is_refused() -> None:
    assert refused("cv.odt", odt_bytes(mimetype=b"application/vnd.oasis.opendocument.spreadsheet")) == "type"


def test_a_broken_pdf_is_refused() -> None:
    assert refused("cv.pdf", b"%PDF-1.7\n" + b"garbage" * 100) == "pdf_broken"


def test_a_pdf_with_javascript_is_refused() -> None:
    content = pdf_bytes().replace(b"%%EOF", b"1 0 obj << /S /JavaScript /JS (app.alert(1)) >> endobj\n%%EOF")
    assert refused("cv.pdf", content) == "pdf_active"


def test_a_corrupt_zip_is_refused() -> None:
    assert refused("cv.docx", b"PK\x03\x04" + b"\x00" * 200) == "type"
