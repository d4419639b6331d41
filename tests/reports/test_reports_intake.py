from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.test import Client

from klankbord.audit.models import AuditEntry
from klankbord.consent.constants import Purpose
from klankbord.consent.models import ConsentRecord
from klankbord.messaging.models import Attachment
from klankbord.reports.constants import NARRATIVE_MAX_LENGTH, ReportStatus, SourceChannel
from klankbord.reports.models import Report
from klankbord.uploads.models import PendingUpload
from tests.factories.files import pdf_bytes, png_bytes, upload

FORM = "/melden/formulier/"


def _valid(place: Any, /, **extra: Any) -> dict[str, Any]:
    return {"acute_danger": "nee", "municipality": place.pk, "narrative": "Ik werd uitgescholden.", **extra}


def test_the_first_question_is_about_acute_danger(client: Client) -> None:
    page = client.get("/melden/").content.decode()
    assert "Bent u nu in acuut gevaar?" in page
    assert page.index("acuut gevaar") < page.index("Verder naar de melding")


def test_answering_yes_shows_what_to_do_at_once_through_htmx(client: Client) -> None:
    page = client.get("/melden/triage/?acute_danger=ja", HTTP_HX_REQUEST="true").content.decode()
    assert "112" in page and "0900-8844" in page and "070-3738314" in page
    assert client.get("/melden/triage/?acute_danger=nee").content.decode().strip() == ""


def test_without_javascript_the_next_step_shows_the_guidance_server_side(client: Client, db: None) -> None:
    page = client.get(f"{FORM}?acute_danger=ja").content.decode()
    assert "Bel 112" in page and "0900-8844" in page and "070-3738314" in page
    assert 'name="acute_danger" value="ja"' in page
    assert "0900-8844" not in client.get(f"{FORM}?acute_danger=nee").content.decode()


def test_the_form_without_a_triage_answer_sends_the_member_back_to_the_question(
    client: Client, db: None
) -> None:
    assert client.get(FORM)["Location"] == "/melden/"
    page = client.get(f"{FORM}?acute_danger=misschien").content.decode()
    assert "Geef aan of u nu in acuut gevaar bent." in page


def test_an_urgent_report_is_marked_and_every_counsellor_is_mailed_at_once_without_content(
    client: Client,
    municipality: Any,
    counsellor: Any,
    make_user: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    from klankbord.accounts.constants import RoleSlug

    second = make_user(RoleSlug.COUNSELLOR)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            FORM, _valid(municipality, acute_danger="ja", narrative="Er staat iemand voor mijn deur.")
        )

    report = Report.objects.get()
    assert report.urgent and report.acute_danger
    urgent_mails = [m for m in mail.outbox if "dringend" in m.body or "URGENT" in m.subject.upper()]
    assert {m.to[0] for m in urgent_mails} == {counsellor.email, second.email}
    assert all("deur" not in m.body and "deur" not in m.subject for m in mail.outbox)


def test_a_normal_report_is_not_urgent_and_counsellors_get_a_new_report_mail(
    client: Client, municipality: Any, counsellor: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        client.post(FORM, _valid(municipality))
    report = Report.objects.get()
    assert not report.urgent
    assert report.source_channel == SourceChannel.ONLINE and report.status == ReportStatus.RECEIVED
    assert [m.to for m in mail.outbox] == [[counsellor.email]]


def test_the_report_content_is_encrypted_at_rest(client: Client, municipality: Any) -> None:
    from django.db import connection

    client.post(FORM, _valid(municipality, narrative="Geheim verhaal", contact_phone="0612345678"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT narrative, contact_phone FROM reports_report")
        narrative, phone = cursor.fetchone()
    assert "Geheim" not in narrative and "0612345678" not in phone


def test_validation_errors_keep_everything_typed_and_list_a_dutch_summary(
    client: Client, municipality: Any
) -> None:
    response = client.post(
        FORM,
        {
            "acute_danger": "nee",
            "narrative": "",
            "contact_name": "Jan de Vries",
            "contact_email": "geen-adres",
            "categories": ["threat", "online_hate"],
            "preferred_contact_times": "na 19 uur",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Er ging iets mis" in page
    assert 'href="#id_narrative"' in page and "Beschrijf kort wat er is gebeurd." in page
    assert "Kies de gemeente waar u actief bent." in page
    assert "Vul een geldig e-mailadres in" in page
    assert 'value="Jan de Vries"' in page and 'value="na 19 uur"' in page
    assert 'value="threat" id="id_categories_1" checked' in page or (
        'value="threat"' in page and "checked" in page
    )
    assert 'aria-invalid="true"' in page
    assert not Report.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("categories", "not-a-category", "geldige keuze"),
        ("member_role", "mayor", "geldige keuze"),
        ("municipality", "999999", "Kies een gemeente uit de lijst."),
        ("occurred_on", "2999-01-01", "toekomst"),
        ("occurred_on", "gisteren", "geldige datum"),
        ("contact_phone", "<script>", "telefoonnummer"),
    ],
)
def test_invalid_choices_and_values_are_refused_with_a_message(
    client: Client, municipality: Any, field: str, value: str, message: str
) -> None:
    response = client.post(FORM, _valid(municipality, **{field: value}))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Report.objects.exists()


def test_a_huge_narrative_is_refused_not_crashed(client: Client, municipality: Any) -> None:
    response = client.post(FORM, _valid(municipality, narrative="x" * (NARRATIVE_MAX_LENGTH + 1)))
    assert response.status_code == 200
    assert "niet meer dan 20000 tekens" in response.content.decode()
    assert not Report.objects.exists()


def test_party_is_only_stored_with_the_explicit_choice_to_share_it(client: Client, municipality: Any) -> None:
    other = {"member_party": "anders", "member_party_other": " Partij  X "}
    response = client.post(FORM, _valid(municipality, **other))
    assert "Vink aan dat u uw partij wilt delen" in response.content.decode()
    client.post(FORM, _valid(municipality, **other, party_shared="on"))
    report = Report.objects.get()
    assert report.party_shared and report.member_party == "Partij X"  # not on the list: the normalised text


def test_consents_given_online_are_recorded_with_method_online_and_no_recorder(
    client: Client, municipality: Any
) -> None:
    client.post(
        FORM,
        _valid(
            municipality,
            consent_connect="on",
            consent_share_fields=["municipality", "narrative"],
            consent_aftercare="on",
        ),
    )
    records = {r.purpose: r for r in ConsentRecord.objects.all()}
    assert set(records) == {Purpose.CONNECT_AMBASSADOR, Purpose.SHARE_FIELDS, Purpose.AFTERCARE_CONTACT}
    assert records[Purpose.SHARE_FIELDS].fields == ["municipality", "narrative"]
    assert all(r.method == "online" and r.recorded_by is None for r in records.values())


def test_sharing_fields_without_wanting_an_ambassador_is_refused(client: Client, municipality: Any) -> None:
    response = client.post(FORM, _valid(municipality, consent_share_fields=["narrative"]))
    assert "Gegevens delen kan alleen" in response.content.decode()


def test_a_valid_upload_survives_a_validation_error_and_is_attached_on_the_next_submit(
    client: Client, municipality: Any
) -> None:
    first = client.post(
        FORM,
        {
            "acute_danger": "nee",
            "narrative": "",
            "attachments": [upload("foto.png", png_bytes(), "image/png")],
        },
    )
    page = first.content.decode()
    assert "foto.png" in page and "Al toegevoegd" in page
    assert PendingUpload.objects.count() == 1
    token = page.split('name="pending" value="', 1)[1].split('"', 1)[0]

    client.post(FORM, _valid(municipality, pending=[token]))
    report = Report.objects.get()
    attachment = Attachment.objects.get(thread__report=report)
    assert attachment.original_name == "foto.png" and attachment.message is None
    assert not PendingUpload.objects.exists()


def test_a_forged_pending_token_attaches_nothing(client: Client, municipality: Any) -> None:
    client.post(FORM, _valid(municipality, pending=["forged:token"]))
    assert Report.objects.count() == 1 and not Attachment.objects.exists()


def test_a_disguised_file_is_refused_but_the_rest_stays_typed(client: Client, municipality: Any) -> None:
    html = upload("brief.pdf", b"<html><script>alert(1)</script></html>", "application/pdf")
    response = client.post(FORM, _valid(municipality, contact_name="Anna", attachments=[html]))
    page = response.content.decode()
    assert "brief.pdf: Alleen deze bestandstypen" in page and 'value="Anna"' in page
    assert not Report.objects.exists() and not PendingUpload.objects.exists()


def test_more_than_five_files_are_refused(client: Client, municipality: Any) -> None:
    files = [upload(f"b{i}.pdf", pdf_bytes(), "application/pdf") for i in range(6)]
    response = client.post(FORM, _valid(municipality, attachments=files))
    assert "hoogstens 5 bestanden" in response.content.decode()
    assert not Report.objects.exists()


def test_posting_without_a_csrf_token_is_refused(municipality: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post(FORM, _valid(municipality))
    assert response.status_code == 403
    assert not Report.objects.exists()


def test_a_logged_in_member_is_the_reporter_and_lands_in_their_portal(
    client_for: Any, council_member: Any, municipality: Any
) -> None:
    response = client_for(council_member).post(FORM, _valid(municipality))
    report = Report.objects.get()
    assert report.reporter == council_member
    assert response["Location"] == f"/mijn-meldingen/{report.pk}/"


def test_submitting_is_audited_without_content(client: Client, municipality: Any) -> None:
    client.post(FORM, _valid(municipality, narrative="Vertrouwelijk"))
    entry = AuditEntry.objects.get(action="reports.report.submitted")
    assert "Vertrouwelijk" not in str(entry.data)


def test_a_talk_request_needs_only_a_way_to_reach_the_member(
    client: Client, db: None, counsellor: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from klankbord.reports.models import TalkRequest

    response = client.post("/melden/sparren/", {"reach_me": ""})
    assert "Vul in hoe wij u kunnen bereiken." in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/melden/sparren/", {"reach_me": "06-12345678", "when": "avond"})
    assert response["Location"] == "/melden/sparren/ontvangen/"
    assert TalkRequest.objects.get().reach_me == "06-12345678"
    assert [m.to for m in mail.outbox] == [[counsellor.email]]
    assert "06-12345678" not in mail.outbox[0].body


def test_a_flood_of_public_reports_from_one_address_is_stopped_without_losing_the_text(
    client: Client, municipality: Any
) -> None:
    from klankbord.reports.views.intake import PUBLIC_SUBMISSIONS_PER_HOUR

    for _ in range(PUBLIC_SUBMISSIONS_PER_HOUR):
        assert client.post(FORM, _valid(municipality)).status_code == 302
    stored = Report.objects.count()
    response = client.post(FORM, _valid(municipality, narrative="Ik werd gevolgd tot aan mijn huis."))
    assert response.status_code == 429
    page = response.content.decode()
    assert "te veel meldingen" in page and "Ik werd gevolgd tot aan mijn huis." in page
    assert Report.objects.count() == stored
    other = Client(REMOTE_ADDR="198.51.100.7")
    assert other.post(FORM, _valid(municipality)).status_code == 302
