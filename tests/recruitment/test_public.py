"""The public vacancy pages and the application form: no login, encrypted storage, friendly errors."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse

from klankbord.audit.models import AuditEntry
from klankbord.geo.models import Municipality
from klankbord.recruitment.constants import APPLY_RATE, CV_MAX_BYTES
from klankbord.recruitment.models import Application, Vacancy
from klankbord.uploads.models import PendingUpload
from tests.factories.files import CONTENT_TYPES_DOCM, docx_bytes, pdf_bytes

pytestmark = pytest.mark.django_db


def form_data(municipality: Municipality, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "Anna de Vries",
        "email": "anna@example.test",
        "phone": "06 11223344",
        "home_municipality": str(municipality.pk),
        "background_kind": "former_council_member",
        "background": "Twaalf jaar raadslid in Lelystad.",
        "years_council_member": "12",
        "motivation": "Ik weet hoe eenzaam het kan zijn als je wordt bedreigd.",
        "consent_keep": "on",
    }
    data.update(overrides)
    return data


def pdf_upload(name: str = "cv.pdf", content: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, pdf_bytes() if content is None else content, content_type="application/pdf"
    )


def apply_url(vacancy: Vacancy) -> str:
    return reverse("vacancies:apply", kwargs={"pk": vacancy.pk})


def test_the_vacancy_list_profile_and_detail_are_public(client: Client, vacancy: Vacancy) -> None:
    listing = client.get(reverse("vacancies:list"))
    assert listing.status_code == 200
    assert vacancy.region.name in listing.content.decode()
    detail = client.get(reverse("vacancies:detail", kwargs={"pk": vacancy.pk})).content.decode()
    for heading in ("Wat u doet", "Wat we vragen", "Zo verloopt de selectie", "Tijdsbesteding"):
        assert heading in detail
    for competence in ("Neutraal", "Integer", "Bestand tegen omgevingsdruk", "Empathisch"):
        assert competence in detail
    assert client.get(reverse("vacancies:profile")).status_code == 200


def test_a_closed_vacancy_says_so_and_takes_no_applications(client: Client, vacancy: Vacancy) -> None:
    vacancy.status = "closed"
    vacancy.save()
    page = client.get(reverse("vacancies:detail", kwargs={"pk": vacancy.pk}))
    assert page.status_code == 200 and 'id="vacancy-closed"' in page.content.decode()
    assert reverse("vacancies:apply", kwargs={"pk": vacancy.pk}) not in page.content.decode()
    assert client.get(apply_url(vacancy)).status_code == 404


def test_the_vacancy_list_needs_a_fixed_number_of_queries(
    client: Client, django_assert_max_num_queries: Any, region: Any
) -> None:
    from klankbord.geo.models import Region

    for other in Region.objects.filter(scheme=region.scheme)[:8]:
        Vacancy.objects.get_or_create(region=other, status="open")
    with django_assert_max_num_queries(6):
        assert client.get(reverse("vacancies:list")).status_code == 200


def test_an_application_is_stored_encrypted_and_mails_go_out_without_content(
    client: Client,
    vacancy: Vacancy,
    municipality: Municipality,
    coordinator: Any,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(apply_url(vacancy), {**form_data(municipality), "cv": pdf_upload()})
    assert response.status_code == 302
    assert response["Location"] == reverse("vacancies:thanks", kwargs={"pk": vacancy.pk})
    application = Application.objects.get()
    assert (
        application.name == "Anna de Vries"
        and application.consent_keep
        and application.years_council_member == 12
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, email, motivation FROM recruitment_application")
        stored = " ".join(cursor.fetchone())
    assert "Anna" not in stored and "anna@example.test" not in stored and "eenzaam" not in stored
    raw = (settings.MEDIA_ROOT / application.cv.name).read_bytes()
    assert b"%PDF" not in raw  # the file on disk is encrypted
    assert application.cv.open("rb").read().startswith(b"%PDF")
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == sorted(["anna@example.test", coordinator.email])
    for message in mail.outbox:
        assert "Anna" not in message.body and "eenzaam" not in message.body
    assert AuditEntry.objects.filter(action="recruitment.application.submitted").exists()


def test_an_error_keeps_everything_typed_and_the_valid_cv(
    client: Client, vacancy: Vacancy, municipality: Municipality
) -> None:
    response = client.post(apply_url(vacancy), {**form_data(municipality, motivation=""), "cv": pdf_upload()})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Anna de Vries" in page and "Twaalf jaar raadslid in Lelystad." in page
    assert "Controleer uw invoer" in page and "cv-kept" in page
    assert PendingUpload.objects.count() == 1
    token = response.context["form"].data["cv_token"]
    assert token
    response = client.post(apply_url(vacancy), {**form_data(municipality), "cv_token": token})
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.cv.open("rb").read().startswith(b"%PDF")
    assert PendingUpload.objects.count() == 0


def test_a_forged_cv_token_is_worthless(client: Client, vacancy: Vacancy, municipality: Municipality) -> None:
    response = client.post(apply_url(vacancy), {**form_data(municipality), "cv_token": "forged:token"})
    assert response.status_code == 400
    assert "Kies uw cv" in response.content.decode()
    assert not Application.objects.exists()


def test_the_cv_is_required(client: Client, vacancy: Vacancy, municipality: Municipality) -> None:
    response = client.post(apply_url(vacancy), form_data(municipality))
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("cv.pdf", b"<html><body>not a pdf</body></html>", "Alleen deze bestandstypen"),
        ("cv.docx", docx_bytes(content_types=CONTENT_TYPES_DOCM, macro=True), "macro"),
        ("cv.pdf", b"", "leeg"),
        ("cv.pdf", b"%PDF-1.4\n" + b"0" * (CV_MAX_BYTES + 1024 * 1024), "10 MB"),
    ],
    ids=["html-named-pdf", "docm-renamed-docx", "empty", "eleven-megabytes"],
)
def test_hostile_uploads_are_refused_with_a_clear_message(
    client: Client, vacancy: Vacancy, municipality: Municipality, name: str, content: bytes, message: str
) -> None:
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    response = client.post(apply_url(vacancy), {**form_data(municipality), "cv": upload})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Application.objects.exists() and not PendingUpload.objects.exists()
    assert "Anna de Vries" in response.content.decode()


def test_an_unknown_municipality_is_refused(
    client: Client, vacancy: Vacancy, municipality: Municipality
) -> None:
    response = client.post(
        apply_url(vacancy), {**form_data(municipality, home_municipality="999999"), "cv": pdf_upload()}
    )
    assert response.status_code == 400
    assert "Kies een gemeente uit de lijst" in response.content.decode()


def test_submissions_are_throttled_per_address(
    client: Client, vacancy: Vacancy, municipality: Municipality
) -> None:
    for number in range(APPLY_RATE):
        data = {**form_data(municipality, email=f"a{number}@example.test"), "cv": pdf_upload()}
        assert client.post(apply_url(vacancy), data).status_code == 302
    blocked = client.post(apply_url(vacancy), {**form_data(municipality), "cv": pdf_upload()})
    assert blocked.status_code == 429
    assert Application.objects.count() == APPLY_RATE
    other_address = client.post(
        apply_url(vacancy), {**form_data(municipality), "cv": pdf_upload()}, REMOTE_ADDR="192.0.2.77"
    )
    assert other_address.status_code == 302


def test_the_form_renders_accessibly_in_english(client: Client, vacancy: Vacancy) -> None:
    client.cookies["django_language"] = "en"
    response = client.get(apply_url(vacancy))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert 'aria-describedby="id_cv_helptext"' in page
    assert "<legend>" in page
