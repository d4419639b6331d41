"""Uploads bounded before they are stored (issue 16, item 3): every attempt counts in the throttle, pending
bytes have a quota per session and per address, and the request body is capped while it is read."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import RequestDataTooBig
from django.core.handlers.wsgi import WSGIRequest
from django.db.models import Sum
from django.test import Client

from klankbord.reports.models import Report
from klankbord.reports.views import intake
from klankbord.uploads.handlers import BodyLimitUploadHandler
from klankbord.uploads.models import PendingUpload
from tests.factories.files import CountingBody, noise_png, upload

FORM = "/melden/formulier/"
MB = 1024 * 1024


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def _invalid_report(municipality: Any, files: int) -> dict[str, Any]:
    """A report form without its narrative (so it has an error) carrying ``files`` large images."""
    images = [upload(f"foto-{number}.png", noise_png(), "image/png") for number in range(files)]
    return {"acute_danger": "nee", "municipality": municipality.pk, "narrative": "", "attachments": images}


def test_invalid_report_forms_count_in_the_hourly_throttle(
    client: Client, municipality: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(intake, "PUBLIC_ATTEMPTS_PER_HOUR", 3)
    invalid = {"acute_danger": "nee", "municipality": municipality.pk, "narrative": ""}
    statuses = [client.post(FORM, invalid).status_code for _attempt in range(3)]
    refused = client.post(FORM, {**invalid, "narrative": "Nu wel ingevuld.", "contact_name": "Anna"})
    assert statuses == [200, 200, 200] and refused.status_code == 429
    page = refused.content.decode()
    assert "te veel pogingen" in page and "Nu wel ingevuld." in page and 'value="Anna"' in page
    assert not Report.objects.exists()


def test_repeated_invalid_report_forms_with_large_images_stop_storing_at_the_quota(
    municipality: Any, settings: Any
) -> None:
    """The attack of the issue (invalid forms with 5 large images, again and again), scaled down: 2 MB images,
    a session quota of 9 MB and an address quota of 15 MB; a new session does not reset the address."""
    settings.UPLOAD_PENDING_SESSION_BYTES, settings.UPLOAD_PENDING_ADDRESS_BYTES = 9 * MB, 15 * MB
    first, second = Client(), Client()
    pages = [first.post(FORM, _invalid_report(municipality, 5)).content.decode() for _request in range(2)]
    pages.append(second.post(FORM, _invalid_report(municipality, 5)).content.decode())
    stored = int(PendingUpload.objects.aggregate(total=Sum("size"))["total"])
    assert PendingUpload.objects.count() == 7 and stored <= 15 * MB  # 4 in the first session, 3 more
    assert all("Er staan al te veel bijlagen klaar die nog niet zijn verstuurd" in page for page in pages)
    assert PendingUpload.objects.values("session_hash").distinct().count() == 2
    assert PendingUpload.objects.values("address_hash").distinct().count() == 1


def _request(body: io.RawIOBase, length: int) -> WSGIRequest:
    return WSGIRequest(
        {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": FORM,
            "CONTENT_TYPE": "multipart/form-data; boundary=klankbordboundary",
            "CONTENT_LENGTH": str(length),
            "wsgi.input": body,
            "SERVER_NAME": "testserver",
            "SERVER_PORT": "80",
        }
    )


def test_a_100_mb_body_is_refused_before_it_is_read(db: None) -> None:
    body = CountingBody(100 * MB)
    request = _request(body, body.size)
    with pytest.raises(RequestDataTooBig):
        request.POST  # noqa: B018 (reading it parses the body)
    assert body.position == 0  # not one byte of the 100 MB was read


def test_file_data_past_the_cap_stops_the_parser_while_it_reads(settings: Any) -> None:
    """Also when the declared length does not give it away, the handler stops counting file data at the cap."""
    settings.UPLOAD_REQUEST_MAX_BYTES = 1 * MB
    handler = BodyLimitUploadHandler()
    handler.handle_raw_input(None, {}, 0, b"klankbordboundary")
    chunk = b"\x00" * (64 * 1024)
    fed = 0
    with pytest.raises(RequestDataTooBig):
        for _index in range(100):  # 6.4 MB at most
            handler.receive_data_chunk(chunk, fed)
            fed += len(chunk)
    assert fed == 1 * MB


def test_a_body_over_the_cap_through_the_whole_stack_is_a_413_in_dutch_and_stores_nothing(
    client: Client, municipality: Any, settings: Any
) -> None:
    settings.UPLOAD_REQUEST_MAX_BYTES = 1 * MB
    response = client.post(FORM, _invalid_report(municipality, 1))
    assert response.status_code == 413 and not PendingUpload.objects.exists()
    assert "groter dan 50 MB en is niet ontvangen" in response.content.decode()
