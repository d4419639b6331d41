"""A full or read-only media disk while applying: the form comes back with everything typed and a Dutch
message, no 500, and no empty or partial file is left behind (issue 15, item 4)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from klankbord.geo.models import Municipality
from klankbord.recruitment.models import Application, Vacancy
from klankbord.uploads.models import PendingUpload
from tests.factories.files import files_under, pdf_bytes, storage_fault

pytestmark = pytest.mark.django_db


def _form(municipality: Municipality, **extra: Any) -> dict[str, Any]:
    return {
        "name": "Anna de Vries",
        "email": "anna@example.test",
        "phone": "06 11223344",
        "home_municipality": str(municipality.pk),
        "background_kind": "former_council_member",
        "background": "Twaalf jaar raadslid in Lelystad.",
        "years_council_member": "12",
        "motivation": "Ik weet hoe eenzaam het kan zijn als je wordt bedreigd.",
        **extra,
    }


@pytest.mark.parametrize("kind", ["full", "read_only"])
@pytest.mark.parametrize("valid", [True, False], ids=["valid-form", "form-with-errors"])
def test_a_storage_error_shows_the_application_form_again_with_everything_typed(
    client: Client,
    vacancy: Vacancy,
    municipality: Municipality,
    monkeypatch: pytest.MonkeyPatch,
    kind: str,
    valid: bool,
) -> None:
    media = Path(settings.MEDIA_ROOT)
    storage_fault(monkeypatch, media, kind=kind)
    cv = SimpleUploadedFile("cv.pdf", pdf_bytes(), content_type="application/pdf")
    data = _form(municipality, cv=cv) if valid else _form(municipality, cv=cv, email="geen adres")
    response = client.post(reverse("vacancies:apply", kwargs={"pk": vacancy.pk}), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "cv.pdf: De bijlage kon niet worden opgeslagen" in page
    assert page.count("De bijlage kon niet worden opgeslagen") == 1
    assert "Anna de Vries" in page and "Twaalf jaar raadslid in Lelystad." in page
    assert not Application.objects.exists() and not PendingUpload.objects.exists()
    assert files_under(media) == []
