"""Fixtures for the Meldingen tests: municipalities, reports made through the real services, uploads."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter

from klankbord.geo.models import Municipality
from klankbord.reports.models import Report
from klankbord.reports.services import ConsentInput, ReportInput, Submitted, report_submit_online


@pytest.fixture
def municipality(db: None) -> Municipality:
    found = Municipality.objects.order_by("name").first()
    if found is not None:
        return found
    return Municipality.objects.create(
        code="GM9999",
        name="Teststad",
        province_code="PV99",
        province_name="Testland",
        safety_region_code="VR99",
        safety_region_name="Test",
        police_unit_code="PE99",
        police_unit_name="Test",
        riec_region="Test",
        corop_code="CR99",
        corop_name="Test",
        latitude=52,
        longitude=5,
    )


SubmitReport = Callable[..., Submitted]


@pytest.fixture
def submit_report(municipality: Municipality) -> SubmitReport:
    """Submit a report through the real service (anonymous unless ``reporter`` is given)."""

    def submit(*, reporter: Any = None, consents: ConsentInput | None = None, **fields: Any) -> Submitted:
        data = ReportInput(
            narrative=fields.pop("narrative", "Ik werd bedreigd na de raadsvergadering."),
            municipality=fields.pop("municipality", municipality),
            **fields,
        )
        return report_submit_online(reporter=reporter, data=data, consents=consents or ConsentInput())

    return submit


@pytest.fixture
def report(submit_report: SubmitReport) -> Report:
    return submit_report().report


def png_bytes(size: tuple[int, int] = (8, 8)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (30, 30, 200)).save(buffer, format="JPEG")
    return buffer.getvalue()


def webp_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (30, 200, 30)).save(buffer, format="WEBP")
    return buffer.getvalue()


def pdf_bytes() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def upload(name: str, data: bytes, content_type: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.fixture
def portal_for() -> Callable[[Submitted], Any]:
    """A test client that came back with the receipt code of ``submitted`` (no account)."""
    from django.test import Client

    def make(submitted: Submitted) -> Client:
        client = Client()
        response = client.post("/melden/terugkomen/", {"code": submitted.receipt_code})
        assert response.status_code == 302
        return client

    return make
