from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from klankbord.accounts.constants import RoleSlug
from klankbord.audit.models import AuditEntry
from klankbord.consent.constants import Purpose
from klankbord.consent.models import ConsentRecord
from klankbord.crypto.keyring import KeyRing
from klankbord.reports.constants import ReportStatus, SourceChannel
from klankbord.reports.models import IntakeNote, Report
from klankbord.reports.services import report_claim

NO_ACCESS = ["council_member", "ambassador", "coordinator", "selection_member", "administrator", "outsider"]


def test_a_counsellor_sees_the_inbox_with_its_tabs(client_for: Any, counsellor: Any, report: Report) -> None:
    page = client_for(counsellor).get("/meldingen/").content.decode()
    assert report.reference in page
    for tab in ["Nieuw", "Urgent", "Wacht op eerste reactie", "Termijn verstreken", "Mijn meldingen"]:
        assert tab in page


@pytest.mark.parametrize("persona", NO_ACCESS)
def test_other_roles_cannot_open_the_inbox(
    persona: str, request: Any, client_for: Any, report: Report
) -> None:
    response = client_for(request.getfixturevalue(persona)).get("/meldingen/")
    assert response.status_code in {302, 404}
    assert report.reference not in response.content.decode()


def test_anonymous_visitors_are_sent_to_login(client: Any, report: Report) -> None:
    assert client.get("/meldingen/")["Location"].startswith("/accounts/login/")


def test_a_counsellor_without_mfa_is_sent_to_mfa_enrolment(
    client_for: Any, make_user: Any, report: Report
) -> None:
    response = client_for(make_user(RoleSlug.COUNSELLOR, mfa=False)).get("/meldingen/")
    assert response.status_code == 302 and "2fa" in response["Location"]


def test_the_tabs_filter_urgent_overdue_and_mine(
    client_for: Any, counsellor: Any, submit_report: Any, make_user: Any
) -> None:
    with time_machine.travel(timezone.now() - timedelta(days=10)):
        old = submit_report(narrative="oud").report
    urgent = submit_report(acute_danger=True).report
    claimed = submit_report().report
    report_claim(counsellor=counsellor, report=claimed)
    client = client_for(counsellor)

    def refs(tab: str) -> set[str]:
        page = client.get(f"/meldingen/?tab={tab}").content.decode()
        return {r.reference for r in (old, urgent, claimed) if r.reference in page}

    assert refs("urgent") == {urgent.reference}
    assert refs("overdue") == {old.reference}
    assert refs("mine") == {claimed.reference}
    assert refs("new") == {old.reference, urgent.reference}
    assert refs("waiting") == {old.reference, urgent.reference, claimed.reference}
    assert "te laat" in client.get("/meldingen/?tab=overdue").content.decode()
    assert client.get("/meldingen/?tab=<script>").status_code == 200  # an unknown tab falls back to "new"


def test_the_inbox_answers_htmx_with_only_the_table(client_for: Any, counsellor: Any, report: Report) -> None:
    page = client_for(counsellor).get("/meldingen/?tab=new", HTTP_HX_REQUEST="true").content.decode()
    assert report.reference in page and "<html" not in page


def test_the_inbox_query_count_stays_flat_as_reports_grow(
    client_for: Any, counsellor: Any, submit_report: Any, django_assert_max_num_queries: Any
) -> None:
    client = client_for(counsellor)
    submit_report()
    client.get("/meldingen/?tab=open")
    with django_assert_max_num_queries(20) as few:
        client.get("/meldingen/?tab=open")
    for _extra in range(15):
        submit_report(acute_danger=True)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/meldingen/?tab=open")


def test_the_case_page_shows_everything_to_a_counsellor_and_is_audited(
    client_for: Any, counsellor: Any, submit_report: Any
) -> None:
    report = submit_report(contact_phone="0611111111", wish_notes="liefst iemand met kinderen").report
    page = client_for(counsellor).get(f"/meldingen/{report.pk}/").content.decode()
    assert "Ik werd bedreigd" in page and "0611111111" in page and "liefst iemand met kinderen" in page
    entry = AuditEntry.objects.filter(action="reports.report.viewed").latest("sequence")
    assert entry.actor_id == counsellor.pk and entry.object_id == str(report.pk)
    assert f'href="/koppeling/melding/{report.pk}/"' in page  # the counsellor can go on to matching


@pytest.mark.parametrize("persona", ["ambassador", "outsider", "council_member", "coordinator"])
def test_the_case_page_does_not_reveal_whether_a_report_exists(
    persona: str, request: Any, client_for: Any, report: Report
) -> None:
    client = client_for(request.getfixturevalue(persona))
    existing = client.get(f"/meldingen/{report.pk}/")
    missing = client.get(f"/meldingen/{report.pk + 1000}/")
    assert existing.status_code == missing.status_code
    assert existing.status_code in {302, 403, 404}  # 302: sent to MFA enrolment first
    assert "Ik werd bedreigd" not in existing.content.decode()


def test_claiming_assigns_the_counsellor_and_moves_the_report_into_intake(
    client_for: Any, counsellor: Any, report: Report
) -> None:
    client_for(counsellor).post(f"/meldingen/{report.pk}/oppakken/")
    report.refresh_from_db()
    assert report.assigned_counsellor == counsellor and report.status == ReportStatus.INTAKE
    assert AuditEntry.objects.filter(action="reports.report.assigned", object_id=str(report.pk)).exists()


def test_a_report_can_be_assigned_to_another_counsellor_but_not_to_an_ambassador(
    client_for: Any, counsellor: Any, make_user: Any, ambassador: Any, report: Report
) -> None:
    colleague = make_user(RoleSlug.COUNSELLOR)
    client = client_for(counsellor)
    client.post(f"/meldingen/{report.pk}/toewijzen/", {"counsellor": ambassador.pk})
    report.refresh_from_db()
    assert report.assigned_counsellor is None
    client.post(f"/meldingen/{report.pk}/toewijzen/", {"counsellor": colleague.pk})
    report.refresh_from_db()
    assert report.assigned_counsellor == colleague


@pytest.mark.parametrize(
    "persona", ["ambassador", "council_member", "coordinator", "outsider", "administrator"]
)
@pytest.mark.parametrize(
    "path", ["oppakken/", "toewijzen/", "status/", "notitie/", "eerste-reactie/", "urgentie/", "bericht/"]
)
def test_case_actions_are_refused_to_everyone_but_counsellors(
    path: str, persona: str, request: Any, client_for: Any, report: Report
) -> None:
    client = client_for(request.getfixturevalue(persona))
    response = client.post(
        f"/meldingen/{report.pk}/{path}",
        {"message-body": "x", "note-body": "x", "to_status": "closed", "reason": "x", "urgent": "ja"},
    )
    assert response.status_code in {302, 403, 404}
    report.refresh_from_db()
    assert report.assigned_counsellor is None and report.status == ReportStatus.RECEIVED
    assert not report.urgent and report.first_responded_at is None
    assert not IntakeNote.objects.exists()


def test_a_counsellor_marks_a_report_urgent_and_colleagues_are_alerted(
    client_for: Any, counsellor: Any, report: Report, django_capture_on_commit_callbacks: Any
) -> None:
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        client_for(counsellor).post(f"/meldingen/{report.pk}/urgentie/", {"urgent": "ja"})
    report.refresh_from_db()
    assert report.urgent
    assert any("dringend" in m.body for m in mail.outbox)
    client_for(counsellor).post(f"/meldingen/{report.pk}/urgentie/", {"urgent": "nee"})
    report.refresh_from_db()
    assert not report.urgent


def test_an_illegal_status_change_shows_a_dutch_error(
    client_for: Any, counsellor: Any, report: Report
) -> None:
    response = client_for(counsellor).post(f"/meldingen/{report.pk}/status/", {"to_status": "in_support"})
    assert "geldige keuze" in response.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.RECEIVED


def test_closing_without_reason_shows_a_dutch_error_and_closing_with_one_works(
    client_for: Any, counsellor: Any, report: Report
) -> None:
    client = client_for(counsellor)
    page = client.post(f"/meldingen/{report.pk}/status/", {"to_status": "closed"}).content.decode()
    assert "Geef een reden op" in page
    client.post(f"/meldingen/{report.pk}/status/", {"to_status": "closed", "reason": "Advies gegeven"})
    report.refresh_from_db()
    assert report.status == ReportStatus.CLOSED


def test_intake_notes_are_stored_encrypted_with_a_hint_to_keep_them_minimal(
    client_for: Any, counsellor: Any, report: Report
) -> None:
    from django.db import connection

    client = client_for(counsellor)
    assert "minimaal en feitelijk" in client.get(f"/meldingen/{report.pk}/").content.decode()
    assert (
        "lege notitie" in client.post(f"/meldingen/{report.pk}/notitie/", {"note-body": ""}).content.decode()
    )
    client.post(f"/meldingen/{report.pk}/notitie/", {"note-body": "Gebeld, melder is veilig."})
    assert IntakeNote.objects.get().body == "Gebeld, melder is veilig."
    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM reports_intakenote")
        assert "veilig" not in cursor.fetchone()[0]


def test_recording_the_first_response_takes_the_report_out_of_waiting(
    client_for: Any, counsellor: Any, report: Report
) -> None:
    client_for(counsellor).post(f"/meldingen/{report.pk}/eerste-reactie/")
    report.refresh_from_db()
    assert report.first_responded_at is not None
    page = client_for(counsellor).get("/meldingen/?tab=waiting").content.decode()
    assert report.reference not in page


def test_a_counsellors_first_message_counts_as_the_first_response(
    client_for: Any, counsellor: Any, report: Report
) -> None:
    client_for(counsellor).post(f"/meldingen/{report.pk}/bericht/", {"message-body": "Ik bel u vandaag."})
    report.refresh_from_db()
    assert report.first_responded_at is not None


def test_the_code_of_a_report_registered_by_a_counsellor_opens_the_portal(
    client_for: Any, counsellor: Any, municipality: Any
) -> None:
    import re

    client = client_for(counsellor)
    response = client.post(
        "/meldingen/nieuw/", {"source_channel": "in_person", "narrative": "In gesprek gemeld."}
    )
    page = client.get(response["Location"]).content.decode()
    code = re.search(r'id="new-code">([0-9 ]+)<', page).group(1)  # type: ignore[union-attr]
    member = Client()
    assert member.post("/melden/terugkomen/", {"code": code}).status_code == 302
    assert (
        "In gesprek gemeld."
        in member.get(response["Location"].replace("/meldingen/", "/mijn-meldingen/")).content.decode()
    )


def test_a_counsellor_registers_a_phone_report_with_consents_given_by_phone(
    client_for: Any, counsellor: Any, municipality: Any
) -> None:
    client = client_for(counsellor)
    response = client.post(
        "/meldingen/nieuw/",
        {
            "source_channel": "phone",
            "municipality": municipality.pk,
            "narrative": "Telefonisch gemeld: bedreiging via sociale media.",
            "consent_connect": "on",
            "consent_method": "phone",
        },
    )
    report = Report.objects.get()
    assert response["Location"] == f"/meldingen/{report.pk}/"
    assert report.source_channel == SourceChannel.PHONE
    assert report.registered_by == counsellor and report.assigned_counsellor == counsellor
    assert report.first_responded_at is not None
    record = ConsentRecord.objects.get(report=report)
    assert (record.purpose, record.method, record.on_behalf, record.recorded_by) == (
        Purpose.CONNECT_AMBASSADOR,
        "phone",
        True,
        counsellor,
    )
    page = client.get(response["Location"]).content.decode()
    assert "Ontvangstcode voor de melder" in page
    assert "Ontvangstcode voor de melder" not in client.get(response["Location"]).content.decode()


def test_registering_consent_without_saying_how_it_was_given_is_refused(
    client_for: Any, counsellor: Any, municipality: Any
) -> None:
    response = client_for(counsellor).post(
        "/meldingen/nieuw/", {"source_channel": "email", "narrative": "x", "consent_signals": "on"}
    )
    assert "Leg vast hoe de melder toestemming gaf." in response.content.decode()
    assert not Report.objects.exists()


@pytest.mark.parametrize("persona", NO_ACCESS)
def test_only_counsellors_can_register_reports(persona: str, request: Any, client_for: Any) -> None:
    response = client_for(request.getfixturevalue(persona)).post(
        "/meldingen/nieuw/", {"source_channel": "phone", "narrative": "x"}
    )
    assert response.status_code in {302, 404}
    assert not Report.objects.exists()


@pytest.mark.parametrize("tab", ["new", "open", "closed"])
def test_the_inbox_decrypts_nothing_it_does_not_show(
    client_for: Any, counsellor: Any, report: Report, tab: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = client_for(counsellor)
    client.get("/meldingen/")  # the session and the login are not what is measured
    decrypted: list[str] = []
    original = KeyRing.decrypt_text

    def recording(self: KeyRing, token: str, *, purpose: str) -> str:
        decrypted.append(purpose)
        return original(self, token, purpose=purpose)

    monkeypatch.setattr(KeyRing, "decrypt_text", recording)
    page = client.get(f"/meldingen/?tab={tab}").content.decode()
    assert tab != "new" or report.reference in page
    assert [purpose for purpose in decrypted if purpose.startswith("field:reports.")] == []
