"""The hostile-file corpus is refused in both upload paths (report and message attachments, CVs) with a Dutch
message naming the problem, and a benign file of every accepted type passes; the checks work by object."""

from __future__ import annotations

import time

import pytest

from klankbord.core.errors import DomainError
from klankbord.messaging.uploads import ATTACHMENT_POLICY, check_upload
from klankbord.recruitment.uploads import cv_check
from klankbord.uploads import pdf
from klankbord.uploads.office import XLSX
from klankbord.uploads.policy import UploadPolicy
from tests.factories.files import (
    Hostile,
    docx_bytes,
    hostile_corpus,
    jpeg_bytes,
    odt_bytes,
    pdf_bytes,
    pdf_from_objects,
    pdf_with_object_stream,
    png_bytes,
    raw_name_upload,
    webp_bytes,
    xlsx_bytes,
    zip_bomb_docx,
)

CORPUS = hostile_corpus()
SPREADSHEETS = UploadPolicy(use="tests.spreadsheet", types={XLSX: ("xlsx",)}, max_bytes=10 * 1024 * 1024)


def _declared(name: str) -> str:
    return "application/octet-stream" if not name.endswith(".pdf") else "application/pdf"


def _assert_refused_in_dutch(error: DomainError, hostile: Hostile) -> None:
    assert error.code in hostile.codes, f"{hostile.label}: refused as {error.code}"
    message = str(error)
    assert message.startswith(("Bestand:", hostile.name[:3])) and len(message) > 20
    assert any(word in message for word in ("De ", "Het ", "Alleen ")), message  # a Dutch sentence


@pytest.mark.parametrize("hostile", CORPUS, ids=[hostile.label for hostile in CORPUS])
def test_the_attachment_path_refuses_every_hostile_file(hostile: Hostile) -> None:
    with pytest.raises(DomainError) as refused:
        check_upload(raw_name_upload(hostile.name, hostile.data, _declared(hostile.name)))
    _assert_refused_in_dutch(refused.value, hostile)


@pytest.mark.parametrize("hostile", CORPUS, ids=[hostile.label for hostile in CORPUS])
def test_the_cv_path_refuses_every_hostile_file(hostile: Hostile) -> None:
    with pytest.raises(DomainError) as refused:
        cv_check(filename=hostile.name, content=hostile.data, declared_type=_declared(hostile.name))
    _assert_refused_in_dutch(refused.value, hostile)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("foto.png", png_bytes()),
        ("foto.jpg", jpeg_bytes()),
        ("foto.webp", webp_bytes()),
        ("brief.pdf", pdf_bytes()),
    ],
)
def test_a_benign_attachment_of_each_type_is_accepted(name: str, data: bytes) -> None:
    assert check_upload(raw_name_upload(name, data, "")).data == data


@pytest.mark.parametrize(
    ("name", "data"), [("cv.pdf", pdf_bytes()), ("cv.docx", docx_bytes()), ("cv.odt", odt_bytes())]
)
def test_a_benign_cv_of_each_type_is_accepted(name: str, data: bytes) -> None:
    assert cv_check(filename=name, content=data).content == data


def test_a_benign_spreadsheet_is_accepted_and_one_with_macros_refused() -> None:
    assert SPREADSHEETS.check(name="lijst.xlsx", data=xlsx_bytes()).content_type == XLSX
    with pytest.raises(DomainError) as refused:
        SPREADSHEETS.check(name="lijst.xlsx", data=xlsx_bytes(macro=True))
    assert refused.value.code == "office_macros"


def test_the_object_walk_alone_finds_escaped_names(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the raw scan, the parsed objects still show /J#61vaScript, /L#61unch, /X#46A and /#41A."""
    monkeypatch.setattr(pdf, "raw_scan", lambda data: None)
    active = [hostile for hostile in CORPUS if hostile.name == "brief.pdf" and "pdf_active" in hostile.codes]
    for hostile in active[:6]:  # the ones that parse: escaped JS, OpenAction, Launch, embedded, XFA, AA
        with pytest.raises(pdf.FileRefusedError) as refused:
            pdf.check_pdf(hostile.data)
        assert refused.value.code == "pdf_active", hostile.label
    pdf.check_pdf(pdf_from_objects(b"/OpenAction [3 0 R /Fit]"))  # a plain open action is fine


def test_a_zip_bomb_costs_at_most_the_budget_whatever_its_headers_claim() -> None:
    bomb = zip_bomb_docx(300)  # the 300 MB of the issue, headers saying 1 KB
    started = time.monotonic()
    with pytest.raises(DomainError) as refused:
        cv_check(filename="cv.docx", content=bomb)
    assert refused.value.code == "office_bomb"
    assert time.monotonic() - started < 5  # stopped at the 64 MB budget, not after unpacking 300 MB


def test_a_long_name_is_shortened_keeping_its_extension() -> None:
    checked = check_upload(raw_name_upload("a" * 300 + ".pdf", pdf_bytes(), "application/pdf"))
    assert len(checked.name) <= 120 and checked.name.endswith(".pdf")


def test_an_unknown_type_in_a_policy_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="no checks"):
        UploadPolicy(use="tests.bad", types={"text/html": ("html",)}, max_bytes=1)
    assert ATTACHMENT_POLICY.type_labels() == "JPEG, PNG, WebP, PDF"


def test_a_generated_pdf_with_a_web_link_is_accepted_in_both_paths() -> None:
    """A PDF from a real generator (WeasyPrint, as the exports use), with a link annotation (/URI) inside its
    compressed object streams, which the object walk opens."""
    from weasyprint import HTML

    html = "<h1>Cv Anna</h1><p><a href='https://www.linkedin.com/in/anna'>LinkedIn</a></p>"
    data = HTML(string=html).write_pdf()
    assert b"/ObjStm" in data and b"/URI" not in data  # the link is only visible after decompression
    assert check_upload(raw_name_upload("cv.pdf", data, "application/pdf")).data == data
    assert cv_check(filename="cv.pdf", content=data).kind == "pdf"


def test_javascript_hidden_in_a_compressed_object_stream_is_found_by_object() -> None:
    """The raw bytes show no name of it; only parsing the object stream reveals the action."""
    hidden = pdf_with_object_stream(b"/OpenAction 4 0 R", {4: b"<< /S /JavaScript /JS (app.alert\\(1\\)) >>"})
    assert b"JavaScript" not in hidden
    pdf.raw_scan(hidden)  # nothing for the raw scan to see
    for check in (
        lambda: check_upload(raw_name_upload("brief.pdf", hidden, "application/pdf")),
        lambda: cv_check(filename="brief.pdf", content=hidden),
    ):
        with pytest.raises(DomainError) as refused:
            check()
        assert refused.value.code == "pdf_active"
    benign = pdf_with_object_stream(b"/OpenAction [3 0 R /Fit]", {4: b"<< /Producer (test) >>"})
    assert cv_check(filename="brief.pdf", content=benign).kind == "pdf"
