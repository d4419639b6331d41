from __future__ import annotations

import json
from typing import Any

import pytest
from django.core import mail

from klankbord.audit.models import AuditEntry
from klankbord.consent.constants import Purpose
from klankbord.consent.services import consent_grant
from klankbord.messaging.models import Message
from klankbord.reports.constants import ReportStatus
from klankbord.reports.services import ConsentInput, report_counsellor_message

PERSONAS = [
    "council_member",
    "counsellor",
    "ambassador",
    "coordinator",
    "selection_member",
    "administrator",
    "outsider",
]


def test_the_receipt_code_holder_sees_status_messages_and_consents(
    portal_for: Any, submit_report: Any
) -> None:
    submitted = submit_report(consents=ConsentInput(aftercare_contact=True))
    page = portal_for(submitted).get(f"/mijn-meldingen/{submitted.report.pk}/").content.decode()
    assert submitted.report.reference in page
    assert "Ontvangen" in page and "Berichten" in page
    assert "Contact met mij opnemen voor nazorg" in page and "Online door de melder zelf" in page
    assert "Ik werd bedreigd na de raadsvergadering." in page


@pytest.mark.parametrize("persona", PERSONAS)
def test_nobody_else_can_open_a_report_in_the_portal(
    persona: str, request: Any, client_for: Any, submit_report: Any
) -> None:
    submitted = submit_report()
    user = request.getfixturevalue(persona)
    client = client_for(user)
    for path in ["", "bericht/", "intrekken/", "export.json", "export.pdf"]:
        url = f"/mijn-meldingen/{submitted.report.pk}/{path}"
        response = client.post(url) if path in {"bericht/", "intrekken/"} else client.get(url)
        assert response.status_code == 404, url


def test_anonymous_visitors_without_a_code_cannot_open_a_report(client: Any, submit_report: Any) -> None:
    submitted = submit_report()
    assert client.get(f"/mijn-meldingen/{submitted.report.pk}/").status_code == 404
    assert client.get("/mijn-meldingen/")["Location"] == "/melden/terugkomen/"


def test_a_logged_in_member_lists_only_their_own_reports(
    client_for: Any, council_member: Any, submit_report: Any, django_assert_max_num_queries: Any
) -> None:
    mine = submit_report(reporter=council_member).report
    other = submit_report().report
    client = client_for(council_member)
    page = client.get("/mijn-meldingen/").content.decode()
    assert mine.reference in page and other.reference not in page
    assert client.get(f"/mijn-meldingen/{mine.pk}/").status_code == 200
    assert client.get(f"/mijn-meldingen/{other.pk}/").status_code == 404
    for _extra in range(5):
        submit_report(reporter=council_member)
    with django_assert_max_num_queries(12):
        client.get("/mijn-meldingen/")


def test_the_member_reads_the_counsellors_reply_and_answers(
    portal_for: Any, submit_report: Any, counsellor: Any, django_capture_on_commit_callbacks: Any
) -> None:
    submitted = submit_report(contact_email="melder@example.test")
    report_counsellor_message(actor=counsellor, report=submitted.report, body="Ik bel u morgen.", pending=[])
    client = portal_for(submitted)

    page = client.get(f"/mijn-meldingen/{submitted.report.pk}/").content.decode()
    assert "Ik bel u morgen." in page and "nieuw" in page
    assert "nieuw</span>" not in client.get(f"/mijn-meldingen/{submitted.report.pk}/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/mijn-meldingen/{submitted.report.pk}/bericht/", {"message-body": "Prima, na 19 uur."}
        )
    assert response.status_code == 302
    reply = Message.objects.get(body__isnull=False, author_kind="reporter")
    assert reply.author is None
    assert [m.to for m in mail.outbox] == [[counsellor.email]]  # nobody assigned yet: every counsellor
    assert "19 uur" not in mail.outbox[0].body


def test_an_empty_message_is_refused_in_dutch(portal_for: Any, submit_report: Any) -> None:
    submitted = submit_report()
    response = portal_for(submitted).post(
        f"/mijn-meldingen/{submitted.report.pk}/bericht/", {"message-body": "  "}
    )
    assert "Schrijf een bericht of voeg een bijlage toe." in response.content.decode()
    assert not Message.objects.exists()


def test_the_member_withdraws_the_report_and_all_consents_go_with_it(
    portal_for: Any, submit_report: Any
) -> None:
    submitted = submit_report(consents=ConsentInput(connect_ambassador=True, anonymous_signals=True))
    client = portal_for(submitted)
    url = f"/mijn-meldingen/{submitted.report.pk}/intrekken/"
    client.post(url)  # without confirmation nothing happens
    submitted.report.refresh_from_db()
    assert submitted.report.status == ReportStatus.RECEIVED

    client.post(url, {"confirmed": "1"})
    submitted.report.refresh_from_db()
    assert submitted.report.status == ReportStatus.WITHDRAWN
    from klankbord.consent.selectors import consent_state

    state = consent_state(report_id=submitted.report.pk)
    assert not any(state.allows(p) for p in Purpose)


def test_the_member_downloads_everything_as_json_and_the_export_is_audited(
    portal_for: Any, submit_report: Any, counsellor: Any
) -> None:
    submitted = submit_report(consents=ConsentInput(anonymous_signals=True))
    report_counsellor_message(actor=counsellor, report=submitted.report, body="Hallo", pending=[])
    response = portal_for(submitted).get(f"/mijn-meldingen/{submitted.report.pk}/export.json")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["reference"] == submitted.report.reference
    assert data["report"]["narrative"]["value"] == "Ik werd bedreigd na de raadsvergadering."
    assert data["messages"][0]["text"] == "Hallo"
    assert data["consents"][0]["method"] == "Online door de melder zelf"
    assert "reports.receipt.used" in [entry["action"] for entry in data["access_log"]]
    assert AuditEntry.objects.filter(action="reports.report.exported", data__format="json").count() == 1


def test_the_member_downloads_a_pdf(portal_for: Any, submit_report: Any) -> None:
    submitted = submit_report()
    response = portal_for(submitted).get(f"/mijn-meldingen/{submitted.report.pk}/export.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert AuditEntry.objects.filter(action="reports.report.exported", data__format="pdf").exists()


def test_every_portal_view_is_audited_as_a_read(portal_for: Any, submit_report: Any) -> None:
    submitted = submit_report()
    portal_for(submitted).get(f"/mijn-meldingen/{submitted.report.pk}/")
    entry = AuditEntry.objects.filter(action="reports.report.viewed").latest("sequence")
    assert entry.object_id == str(submitted.report.pk) and entry.actor_label == "reporter:receipt"


def test_the_member_can_grant_and_withdraw_consent_in_the_portal(portal_for: Any, submit_report: Any) -> None:
    from klankbord.consent.selectors import consent_allows

    submitted = submit_report()
    client = portal_for(submitted)
    url = f"/toestemming/mijn-meldingen/{submitted.report.pk}/"
    client.post(url, {"purpose": Purpose.CONNECT_AMBASSADOR, "action": "grant"})
    assert consent_allows(report=submitted.report, purpose=Purpose.CONNECT_AMBASSADOR)
    client.post(url, {"purpose": Purpose.CONNECT_AMBASSADOR, "action": "withdraw", "confirmed": "1"})
    assert not consent_allows(report=submitted.report, purpose=Purpose.CONNECT_AMBASSADOR)


def test_consent_granted_by_a_counsellor_shows_who_and_how_in_the_portal(
    portal_for: Any, submit_report: Any, counsellor: Any
) -> None:
    submitted = submit_report()
    consent_grant(
        report=submitted.report,
        purpose=Purpose.AFTERCARE_CONTACT,
        actor=counsellor,
        method="phone",
        on_behalf=True,
    )
    page = portal_for(submitted).get(f"/mijn-meldingen/{submitted.report.pk}/").content.decode()
    assert counsellor.display_name in page
    assert "Door de vertrouwenspersoon na een telefoongesprek" in page
