from __future__ import annotations

from typing import Any

import pytest
from django.core import mail

from klankbord.audit.models import AuditEntry
from klankbord.messaging.models import Attachment, Message
from klankbord.messaging.services import message_send, thread_for_report
from klankbord.reports.services import report_counsellor_message
from klankbord.uploads.models import PendingUpload
from tests.factories.files import pdf_bytes, png_bytes, upload


@pytest.fixture
def with_file(submit_report: Any, portal_for: Any) -> tuple[Any, Any, Attachment]:
    """A report whose member sent a message with a PNG through the portal."""
    submitted = submit_report(contact_email="melder@example.test")
    client = portal_for(submitted)
    client.post(
        f"/mijn-meldingen/{submitted.report.pk}/bericht/",
        {
            "message-body": "Zie de foto",
            "message-attachments": [upload("bewijs.png", png_bytes(), "image/png")],
        },
    )
    return submitted, client, Attachment.objects.get()


def test_a_member_sends_a_message_with_an_attachment_stored_encrypted(with_file: Any) -> None:
    _submitted, _client, attachment = with_file
    raw = attachment.file.storage.read_raw(attachment.file.name)
    assert png_bytes() not in raw and raw.startswith(b"KB1")
    assert attachment.message.body == "Zie de foto" and attachment.uploaded_by_kind == "reporter"


def test_the_member_downloads_their_attachment_as_a_nosniff_attachment_and_it_is_audited(
    with_file: Any,
) -> None:
    _submitted, client, attachment = with_file
    response = client.get(f"/berichten/bijlagen/{attachment.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == png_bytes()
    assert (
        response["Content-Disposition"].startswith("attachment;")
        and "bewijs.png" in response["Content-Disposition"]
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "image/png"
    assert AuditEntry.objects.filter(
        action="messaging.attachment.viewed", object_id=str(attachment.pk)
    ).exists()


def test_a_counsellor_downloads_the_attachment(with_file: Any, client_for: Any, counsellor: Any) -> None:
    _submitted, _client, attachment = with_file
    assert client_for(counsellor).get(f"/berichten/bijlagen/{attachment.pk}/").status_code == 200


@pytest.mark.parametrize(
    "persona", ["council_member", "ambassador", "coordinator", "administrator", "outsider"]
)
def test_nobody_else_can_download_an_attachment(
    persona: str, request: Any, with_file: Any, client_for: Any
) -> None:
    _submitted, _client, attachment = with_file
    response = client_for(request.getfixturevalue(persona)).get(f"/berichten/bijlagen/{attachment.pk}/")
    assert response.status_code == 404


def test_another_receipt_holder_cannot_download_it(
    with_file: Any, submit_report: Any, portal_for: Any
) -> None:
    _submitted, _client, attachment = with_file
    stranger = portal_for(submit_report())
    assert stranger.get(f"/berichten/bijlagen/{attachment.pk}/").status_code == 404
    assert stranger.get("/berichten/bijlagen/999999/").status_code == 404


def test_a_counsellor_without_mfa_cannot_download(with_file: Any, client_for: Any, make_user: Any) -> None:
    from klankbord.accounts.constants import RoleSlug

    _submitted, _client, attachment = with_file
    response = client_for(make_user(RoleSlug.COUNSELLOR, mfa=False)).get(
        f"/berichten/bijlagen/{attachment.pk}/"
    )
    assert response.status_code in {302, 404}


def test_the_counsellors_reply_mails_the_member_without_content(
    with_file: Any, client_for: Any, counsellor: Any, django_capture_on_commit_callbacks: Any
) -> None:
    submitted, _client, _attachment = with_file
    with django_capture_on_commit_callbacks(execute=True):
        client_for(counsellor).post(
            f"/meldingen/{submitted.report.pk}/bericht/", {"message-body": "Vertrouwelijk antwoord"}
        )
    assert [m.to for m in mail.outbox] == [["melder@example.test"]]
    assert "Vertrouwelijk" not in mail.outbox[0].body and "Vertrouwelijk" not in mail.outbox[0].subject


def test_a_counsellor_sends_a_pdf_and_a_hostile_file_is_refused_in_dutch(
    report: Any, client_for: Any, counsellor: Any
) -> None:
    client = client_for(counsellor)
    bad = client.post(
        f"/meldingen/{report.pk}/bericht/",
        {
            "message-body": "Hierbij",
            "message-attachments": [upload("folder.pdf", png_bytes(), "application/pdf")],
        },
    )
    assert "folder.pdf: De bestandsnaam past niet" in bad.content.decode()
    assert "Hierbij" in bad.content.decode()
    client.post(
        f"/meldingen/{report.pk}/bericht/",
        {
            "message-body": "Hierbij",
            "message-attachments": [upload("folder.pdf", pdf_bytes(), "application/pdf")],
        },
    )
    assert Attachment.objects.get().uploaded_by == counsellor


def test_a_message_with_only_a_kept_upload_is_sent_after_an_error(
    report: Any, client_for: Any, counsellor: Any
) -> None:
    client = client_for(counsellor)
    page = client.post(
        f"/meldingen/{report.pk}/bericht/",
        {
            "message-body": "",
            "message-attachments": [
                upload("a.pdf", pdf_bytes(), "application/pdf"),
                upload("b.pdf", b"", "application/pdf"),
            ],
        },
    ).content.decode()
    assert "b.pdf: Het bestand is leeg." in page
    token = page.split('name="message-pending" value="', 1)[1].split('"', 1)[0]
    client.post(f"/meldingen/{report.pk}/bericht/", {"message-body": "", "message-pending": [token]})
    assert Attachment.objects.get().original_name == "a.pdf"
    assert not PendingUpload.objects.exists()


def test_a_pending_upload_can_be_removed_before_sending(
    report: Any, client_for: Any, counsellor: Any
) -> None:
    client = client_for(counsellor)
    page = client.post(
        f"/meldingen/{report.pk}/bericht/",
        {
            "message-body": "",
            "message-attachments": [
                upload("a.pdf", pdf_bytes(), "application/pdf"),
                upload("b.pdf", b"", "application/pdf"),
            ],
        },
    ).content.decode()
    token = page.split('name="message-pending" value="', 1)[1].split('"', 1)[0]
    response = client.post(
        f"/meldingen/{report.pk}/bericht/",
        {"message-body": "", "message-pending": [token], "message-remove_pending": [token]},
    )
    assert "Schrijf een bericht of voeg een bijlage toe." in response.content.decode()
    assert not Attachment.objects.exists()


def test_unread_counts_follow_each_participants_read_marker(
    report: Any, client_for: Any, counsellor: Any, make_user: Any
) -> None:
    from klankbord.accounts.constants import RoleSlug
    from klankbord.reports.selectors import inbox_reports

    colleague = make_user(RoleSlug.COUNSELLOR)
    thread = thread_for_report(report=report)
    message_send(thread=thread, actor=None, kind="reporter", body="een")
    message_send(thread=thread, actor=None, kind="reporter", body="twee")
    assert inbox_reports(user=counsellor, tab="open").get().unread == 2

    client_for(counsellor).get(f"/meldingen/{report.pk}/")
    assert inbox_reports(user=counsellor, tab="open").get().unread == 0
    assert inbox_reports(user=colleague, tab="open").get().unread == 2

    report_counsellor_message(actor=counsellor, report=report, body="drie", pending=[])
    assert inbox_reports(user=counsellor, tab="open").get().unread == 0  # own messages never count
    assert inbox_reports(user=colleague, tab="open").get().unread == 3


def test_messages_are_encrypted_at_rest(report: Any) -> None:
    from django.db import connection

    message_send(thread=thread_for_report(report=report), actor=None, kind="reporter", body="Zeer geheim")
    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM messaging_message")
        assert "geheim" not in cursor.fetchone()[0]
    assert Message.objects.get().body == "Zeer geheim"


def test_a_huge_message_is_refused(report: Any, client_for: Any, counsellor: Any) -> None:
    response = client_for(counsellor).post(f"/meldingen/{report.pk}/bericht/", {"message-body": "x" * 10_001})
    assert "niet meer dan 10000 tekens" in response.content.decode()
    assert not Message.objects.exists()


def test_a_member_whose_name_holds_a_link_still_hears_of_the_counsellors_reply(
    submit_report: Any,
    council_member: Any,
    client_for: Any,
    counsellor: Any,
    django_capture_on_commit_callbacks: Any,
    caplog: Any,
) -> None:
    """Issue 11, item 17: a name that may not appear in a mail is left out of it, never a server error."""
    council_member.display_name = "Jan (https://example.org)"
    council_member.save(update_fields=["display_name"])
    submitted = submit_report(reporter=council_member)
    with django_capture_on_commit_callbacks(execute=True), caplog.at_level("WARNING", "klankbord.core.mail"):
        response = client_for(counsellor).post(
            f"/meldingen/{submitted.report.pk}/bericht/", {"message-body": "Antwoord"}
        )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[council_member.email]]
    body = mail.outbox[0].body
    assert body.startswith("Goedendag,") and "example.org" not in body
    assert "left out" in caplog.text and "example.org" not in caplog.text
