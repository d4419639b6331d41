"""The hostile-file corpus through the public report form over HTTP: every file is refused with a Dutch message
naming it, the typed text stays, nothing is stored (issue 16, item 2). Deceptive names are checked by the policy
itself (tests/uploads/test_hostile_files.py): over HTTP Django's parser already strips path parts and
unprintable characters before the form sees the name."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from klankbord.reports.models import Report
from klankbord.uploads.models import PendingUpload
from tests.factories.files import Hostile, hostile_corpus, upload

FORM = "/melden/formulier/"
CONTENT_CORPUS = [
    hostile for hostile in hostile_corpus() if not any(c.startswith("name_") for c in hostile.codes)
]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.parametrize("hostile", CONTENT_CORPUS, ids=[hostile.label for hostile in CONTENT_CORPUS])
def test_the_report_form_refuses_every_hostile_file_and_keeps_the_text(
    client: Client, municipality: Any, hostile: Hostile
) -> None:
    data = {
        "acute_danger": "nee",
        "municipality": municipality.pk,
        "narrative": "Ik werd bedreigd op straat.",
        "attachments": [upload(hostile.name, hostile.data, "application/octet-stream")],
    }
    page = client.post(FORM, data).content.decode()
    assert f"{hostile.name}: " in page and "Ik werd bedreigd op straat." in page
    assert not Report.objects.exists() and not PendingUpload.objects.exists()
