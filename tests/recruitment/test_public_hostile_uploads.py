"""The hostile-file corpus through the public application form over HTTP: every CV is refused with a Dutch
message naming it, the typed text stays, nothing is stored (issue 16, item 2)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from klankbord.geo.models import Municipality
from klankbord.recruitment.models import Application, Vacancy
from klankbord.uploads.models import PendingUpload
from tests.factories.files import Hostile, hostile_corpus

pytestmark = pytest.mark.django_db
CONTENT_CORPUS = [
    hostile for hostile in hostile_corpus() if not any(c.startswith("name_") for c in hostile.codes)
]


@pytest.mark.parametrize("hostile", CONTENT_CORPUS, ids=[hostile.label for hostile in CONTENT_CORPUS])
def test_the_application_form_refuses_every_hostile_cv_and_keeps_the_text(
    client: Client, vacancy: Vacancy, municipality: Municipality, hostile: Hostile
) -> None:
    data = {
        "name": "Anna de Vries",
        "email": "anna@example.test",
        "phone": "06 11223344",
        "home_municipality": str(municipality.pk),
        "background_kind": "former_council_member",
        "background": "Twaalf jaar raadslid in Lelystad.",
        "years_council_member": "12",
        "motivation": "Ik weet hoe eenzaam het kan zijn als je wordt bedreigd.",
        "cv": SimpleUploadedFile(hostile.name, hostile.data, content_type="application/octet-stream"),
    }
    response = client.post(reverse("vacancies:apply", kwargs={"pk": vacancy.pk}), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert f"{hostile.name}: " in page and "Twaalf jaar raadslid in Lelystad." in page
    assert not Application.objects.exists() and not PendingUpload.objects.exists()
