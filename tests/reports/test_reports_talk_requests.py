from __future__ import annotations

from typing import Any

import pytest

from klankbord.audit.models import AuditEntry
from klankbord.reports.constants import SourceChannel, TalkRequestStatus
from klankbord.reports.models import ReceiptCode, Report, TalkRequest
from klankbord.reports.services import talk_request_submit


def _talk(requester: Any = None, **fields: Any) -> TalkRequest:
    values = {
        "municipality": None,
        "name": "Piet",
        "reach_me": "piet@example.test",
        "when": "avond",
        "topic": "Twijfel",
    }
    values.update(fields)
    return talk_request_submit(requester=requester, **values)


def test_a_counsellor_sees_open_talk_requests_and_the_list_read_is_audited(
    client_for: Any, counsellor: Any, db: None
) -> None:
    talk = _talk()
    page = client_for(counsellor).get("/meldingen/sparren/").content.decode()
    assert "piet@example.test" in page and "Twijfel" in page
    entry = AuditEntry.objects.get(action="reports.talkrequest.listed")
    assert entry.data["ids"] == [talk.pk]


@pytest.mark.parametrize(
    "persona", ["council_member", "ambassador", "coordinator", "outsider", "administrator"]
)
def test_nobody_else_sees_talk_requests(persona: str, request: Any, client_for: Any, db: None) -> None:
    _talk()
    client = client_for(request.getfixturevalue(persona))
    response = client.get("/meldingen/sparren/")
    assert response.status_code in {302, 404}
    assert "piet@example.test" not in response.content.decode()
    talk = TalkRequest.objects.get()
    client.post(f"/meldingen/sparren/{talk.pk}/omzetten/")
    client.post(f"/meldingen/sparren/{talk.pk}/afhandelen/")
    talk.refresh_from_db()
    assert talk.status == TalkRequestStatus.OPEN


def test_converting_a_talk_request_makes_a_report_with_its_contact_details(
    client_for: Any, counsellor: Any, municipality: Any
) -> None:
    talk = _talk(municipality=municipality)
    response = client_for(counsellor).post(f"/meldingen/sparren/{talk.pk}/omzetten/")
    report = Report.objects.get()
    assert response["Location"] == f"/meldingen/{report.pk}/"
    assert report.source_channel == SourceChannel.TALK_REQUEST
    assert (report.contact_email, report.contact_name, report.narrative) == (
        "piet@example.test",
        "Piet",
        "Twijfel",
    )
    assert report.municipality == municipality and report.assigned_counsellor == counsellor
    talk.refresh_from_db()
    assert talk.status == TalkRequestStatus.CONVERTED and talk.report == report
    assert ReceiptCode.objects.filter(
        report=report
    ).exists()  # no account: the member gets a code via the counsellor


def test_a_talk_request_of_a_logged_in_member_becomes_their_report(
    client_for: Any, counsellor: Any, council_member: Any
) -> None:
    talk = _talk(requester=council_member, reach_me="0612345678")
    client_for(counsellor).post(f"/meldingen/sparren/{talk.pk}/omzetten/")
    report = Report.objects.get()
    assert report.reporter == council_member and report.contact_phone == "0612345678"
    assert not ReceiptCode.objects.filter(report=report).exists()
    assert client_for(council_member).get(f"/mijn-meldingen/{report.pk}/").status_code == 200


def test_a_talk_request_is_converted_or_closed_only_once(client_for: Any, counsellor: Any, db: None) -> None:
    talk = _talk()
    client = client_for(counsellor)
    client.post(f"/meldingen/sparren/{talk.pk}/afhandelen/")
    talk.refresh_from_db()
    assert talk.status == TalkRequestStatus.HANDLED and talk.handled_by == counsellor
    response = client.post(f"/meldingen/sparren/{talk.pk}/omzetten/", follow=True)
    assert "al afgehandeld" in response.content.decode()
    assert not Report.objects.exists()
    assert client.post("/meldingen/sparren/999/omzetten/").status_code == 404


def test_the_talk_request_list_query_count_stays_flat(
    client_for: Any, counsellor: Any, municipality: Any, django_assert_max_num_queries: Any
) -> None:
    client = client_for(counsellor)
    _talk(municipality=municipality)
    client.get("/meldingen/sparren/")
    with django_assert_max_num_queries(30) as few:
        client.get("/meldingen/sparren/")
    for _extra in range(10):
        _talk(municipality=municipality)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/meldingen/sparren/")


def test_talk_request_content_is_encrypted_at_rest(db: None) -> None:
    from django.db import connection

    _talk()
    with connection.cursor() as cursor:
        cursor.execute("SELECT reach_me, topic FROM reports_talkrequest")
        reach, topic = cursor.fetchone()
    assert "piet" not in reach and "Twijfel" not in topic
