"""Hostile input, method and CSRF checks, navigation, and query-count guards on the detail pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from klankbord.consent.constants import Purpose
from klankbord.consent.models import ConsentRecord
from klankbord.consent.services import consent_grant
from klankbord.messaging.models import Message
from klankbord.messaging.services import message_send, thread_for_report
from klankbord.reports.services import ConsentInput, report_counsellor_message


def test_script_in_a_narrative_is_shown_as_text_to_the_counsellor(
    client_for: Any, counsellor: Any, submit_report: Any
) -> None:
    report = submit_report(narrative='<script>alert("x")</script><img src=x onerror=alert(1)>').report
    page = client_for(counsellor).get(f"/meldingen/{report.pk}/").content.decode()
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert" in page


def test_the_pdf_export_escapes_content_and_never_fetches_urls(portal_for: Any, submit_report: Any) -> None:
    from klankbord.core import pdf
    from klankbord.reports import exports

    submitted = submit_report(
        narrative='<img src="http://example.invalid/x.png"> <link href="file:///etc/passwd">'
    )
    html = exports.render_to_string(
        "reports/export.html", {"data": {"report": {"n": {"label": "x", "text": "<b>"}}}}
    )
    assert "&lt;b&gt;" in html
    with pytest.raises(ValueError, match="may not load"):
        pdf.refuse_non_local("http://example.invalid/")
    response = portal_for(submitted).get(f"/mijn-meldingen/{submitted.report.pk}/export.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


@pytest.mark.parametrize(
    "path",
    ["/mijn-meldingen/{pk}/bericht/", "/mijn-meldingen/{pk}/intrekken/", "/toestemming/mijn-meldingen/{pk}/"],
)
def test_portal_posts_without_csrf_token_are_refused(path: str, submit_report: Any, portal_for: Any) -> None:
    submitted = submit_report(consents=ConsentInput(anonymous_signals=True))
    strict = Client(enforce_csrf_checks=True)
    strict.cookies = portal_for(submitted).cookies  # a real receipt-code session, but no CSRF token
    response = strict.post(
        path.format(pk=submitted.report.pk),
        {"message-body": "x", "confirm": "ja", "purpose": Purpose.ANONYMOUS_SIGNALS, "action": "withdraw"},
    )
    assert response.status_code == 403
    assert not Message.objects.exists()
    assert ConsentRecord.objects.count() == 1


@pytest.mark.parametrize(
    "path",
    [
        "/meldingen/{pk}/oppakken/",
        "/meldingen/{pk}/status/",
        "/meldingen/{pk}/notitie/",
        "/meldingen/{pk}/bericht/",
        "/mijn-meldingen/{pk}/bericht/",
        "/mijn-meldingen/{pk}/intrekken/",
        "/toestemming/meldingen/{pk}/",
        "/melden/afmelden/",
    ],
)
def test_post_only_endpoints_refuse_get(path: str, client_for: Any, counsellor: Any, report: Any) -> None:
    assert client_for(counsellor).get(path.format(pk=report.pk)).status_code == 405


def test_a_huge_receipt_code_or_garbage_is_refused_politely(client: Client, db: None) -> None:
    response = client.post("/melden/terugkomen/", {"code": "9" * 5000})
    assert response.status_code == 200
    assert "niet meer dan 40 tekens" in response.content.decode()
    response = client.post("/melden/terugkomen/", {"code": "' OR 1=1 --"})
    assert "Deze code klopt niet" in response.content.decode()


def test_invalid_consent_changes_are_refused_with_a_message(portal_for: Any, submit_report: Any) -> None:
    submitted = submit_report()
    client = portal_for(submitted)
    url = f"/toestemming/mijn-meldingen/{submitted.report.pk}/"
    for data in (
        {"purpose": "sell_my_data", "action": "grant"},
        {"purpose": Purpose.SHARE_FIELDS, "action": "grant", "share_fields": ["member_party"]},
        {"purpose": Purpose.SHARE_FIELDS, "action": "grant"},
        {"purpose": Purpose.AFTERCARE_CONTACT, "action": "delete"},
        {"purpose": Purpose.AFTERCARE_CONTACT, "action": "withdraw"},
    ):
        response = client.post(url, data, follow=True)
        assert response.status_code == 200
        assert "message-error" in response.content.decode()
    assert not ConsentRecord.objects.exists()


def test_navigation_shows_reporting_to_everyone_and_the_inbox_only_to_counsellors(
    client: Client, client_for: Any, counsellor: Any, council_member: Any
) -> None:
    anonymous = client.get("/").content.decode()
    assert 'href="/melden/"' in anonymous and 'href="/meldingen/"' not in anonymous
    member = client_for(council_member).get("/").content.decode()
    assert 'href="/mijn-meldingen/"' in member and 'href="/meldingen/"' not in member
    staff = client_for(counsellor).get("/overzicht/").content.decode()
    assert 'href="/meldingen/"' in staff and "Inbox meldingen" in staff


def test_the_portal_page_query_count_stays_flat_as_messages_grow(
    portal_for: Any, submit_report: Any, counsellor: Any, django_assert_max_num_queries: Any
) -> None:
    submitted = submit_report()
    client = portal_for(submitted)
    url = f"/mijn-meldingen/{submitted.report.pk}/"
    report_counsellor_message(actor=counsellor, report=submitted.report, body="een", pending=[])
    client.get(url)
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    for number in range(10):
        report_counsellor_message(
            actor=counsellor, report=submitted.report, body=f"bericht {number}", pending=[]
        )
        consent_grant(report=submitted.report, purpose=Purpose.ANONYMOUS_SIGNALS, actor=None)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_the_case_page_query_count_stays_flat_as_messages_grow(
    client_for: Any, counsellor: Any, report: Any, django_assert_max_num_queries: Any
) -> None:
    client = client_for(counsellor)
    thread = thread_for_report(report=report)
    message_send(thread=thread, actor=None, kind="reporter", body="een")
    client.get(f"/meldingen/{report.pk}/")
    with django_assert_max_num_queries(60) as few:
        client.get(f"/meldingen/{report.pk}/")
    for number in range(10):
        message_send(thread=thread, actor=None, kind="reporter", body=f"bericht {number}")
        report_counsellor_message(actor=counsellor, report=report, body="antwoord", pending=[])
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(f"/meldingen/{report.pk}/")


@pytest.mark.parametrize(
    "persona",
    [None, "council_member", "counsellor", "ambassador", "coordinator", "selection_member", "outsider"],
)
@pytest.mark.parametrize(
    "path",
    [
        "/melden/",
        "/melden/triage/?acute_danger=ja",
        "/melden/formulier/?acute_danger=nee",
        "/melden/ontvangen/",
        "/melden/sparren/",
        "/melden/sparren/ontvangen/",
        "/melden/terugkomen/",
    ],
)
def test_the_public_pages_open_for_everyone(
    path: str, persona: str | None, request: Any, client_for: Any, db: None
) -> None:
    user = request.getfixturevalue(persona) if persona else None
    assert client_for(user).get(path).status_code == 200
