"""A full or read-only media disk: the report form comes back with everything typed and a Dutch message, no
500, and no empty or partial file is left behind (issue 15, item 4)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from klankbord.reports.models import Report
from klankbord.uploads.models import PendingUpload
from tests.factories.files import files_under, png_bytes, storage_fault, upload

FORM = "/melden/formulier/"


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


@pytest.mark.parametrize("kind", ["full", "read_only"])
def test_a_storage_error_shows_the_form_again_with_everything_typed(
    client: Client, municipality: Any, media: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    storage_fault(monkeypatch, media, kind=kind)
    response = client.post(
        FORM,
        {
            "acute_danger": "nee",
            "municipality": municipality.pk,
            "narrative": "Ik werd op de markt uitgescholden.",
            "contact_name": "Anna",
            "attachments": [upload("foto.png", png_bytes(), "image/png")],
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "foto.png: De bijlage kon niet worden opgeslagen" in page
    assert "Ik werd op de markt uitgescholden." in page and 'value="Anna"' in page
    assert not Report.objects.exists() and not PendingUpload.objects.exists()
    assert files_under(media) == []  # no zero-byte or partial file from the failed write
