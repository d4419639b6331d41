"""Issue 11, item 7: weighty actions ask first, on one shared confirmation page that says what will happen.

Each flow (withdrawing a consent, withdrawing a report, declining a request, closing a case) answers a POST
without ``confirmed`` with that page and changes nothing; the page carries the posted fields on, and the
confirmed POST performs the action. Declining asks for the reason there, and the member never sees it.
"""

from __future__ import annotations

from typing import Any

import pytest

from klankbord.consent.constants import Purpose
from klankbord.consent.selectors import consent_allows
from klankbord.matching.constants import AssignmentStatus
from klankbord.matching.models import Assignment
from klankbord.matching.services import assignment_decline
from klankbord.reports.constants import ReportStatus
from klankbord.reports.models import Report
from klankbord.reports.services import ConsentInput
from tests.factories.core import raises_domain_error

pytestmark = pytest.mark.django_db

CONFIRM_TEMPLATE = "core/confirm.html"


def _asks(response: Any, *texts: str) -> str:
    assert response.status_code == 200
    assert CONFIRM_TEMPLATE in [t.name for t in response.templates]
    body: str = response.content.decode()
    assert 'name="confirmed" value="1"' in body
    for text in texts:
        assert text in body
    return body


def test_withdrawing_a_consent_asks_first_and_says_what_ends(portal_for: Any, submit_report: Any) -> None:
    submitted = submit_report(consents=ConsentInput(connect_ambassador=True))
    client = portal_for(submitted)
    url = f"/toestemming/mijn-meldingen/{submitted.report.pk}/"
    data = {"purpose": Purpose.CONNECT_AMBASSADOR, "action": "withdraw"}
    body = _asks(client.post(url, data), "Een open verzoek aan een regioambassadeur vervalt")
    assert 'name="purpose" value="connect_ambassador"' in body  # the posted fields are carried on
    assert consent_allows(report=submitted.report, purpose=Purpose.CONNECT_AMBASSADOR)

    assert client.post(url, {**data, "confirmed": "1"}).status_code == 302
    assert not consent_allows(report=submitted.report, purpose=Purpose.CONNECT_AMBASSADOR)


def test_a_counsellor_withdrawing_on_behalf_confirms_too(
    client_for: Any, counsellor: Any, requested: Any
) -> None:
    url = f"/toestemming/meldingen/{requested.report_id}/"
    data = {"purpose": Purpose.AFTERCARE_CONTACT, "action": "withdraw", "method": "phone"}
    _asks(client_for(counsellor).post(url, data), "Geplande nazorgmomenten vervallen")
    assert consent_allows(report=requested.report_id, purpose=Purpose.AFTERCARE_CONTACT)


def test_withdrawing_a_report_shows_what_happens_before_it_happens(
    portal_for: Any, submit_report: Any
) -> None:
    submitted = submit_report(consents=ConsentInput(anonymous_signals=True))
    client = portal_for(submitted)
    url = f"/mijn-meldingen/{submitted.report.pk}/intrekken/"
    _asks(client.post(url, {"confirm": "ja"}), "Alle toestemmingen worden ingetrokken")  # the old form too
    assert Report.objects.get(pk=submitted.report.pk).status == ReportStatus.RECEIVED

    client.post(url, {"confirmed": "1"})
    assert Report.objects.get(pk=submitted.report.pk).status == ReportStatus.WITHDRAWN


def test_declining_asks_for_a_reason_kept_from_the_member(
    requested: Assignment, ambassador: Any, client_for: Any, counsellor: Any
) -> None:
    client = client_for(ambassador)
    url = f"/begeleiding/zaak/{requested.report_id}/verzoek/"
    body = _asks(client.post(url, {"action": "decline"}), "nooit het raadslid")
    assert 'name="reason"' in body and 'name="action" value="decline"' in body
    requested.refresh_from_db()
    assert requested.status == AssignmentStatus.REQUESTED

    reason = "Ik ken de wethouder persoonlijk."
    assert client.post(url, {"action": "decline", "reason": reason, "confirmed": "1"}).status_code == 302
    requested.refresh_from_db()
    assert (requested.status, requested.reason) == (AssignmentStatus.DECLINED, reason)
    Report.objects.filter(pk=requested.report_id).update(
        reporter=counsellor
    )  # any account as the member's own
    member_page = client_for(counsellor).get(f"/mijn-meldingen/{requested.report_id}/")
    assert member_page.status_code == 200 and reason not in member_page.content.decode()


def test_declining_without_a_reason_is_refused_and_keeps_the_request_open(
    requested: Assignment, ambassador: Any, client_for: Any
) -> None:
    client = client_for(ambassador)
    url = f"/begeleiding/zaak/{requested.report_id}/verzoek/"
    refused = client.post(url, {"action": "decline", "reason": "   ", "confirmed": "1"})
    body = refused.content.decode()
    assert refused.status_code == 400
    assert "Schrijf kort waarom u dit verzoek niet kunt aannemen" in body
    assert 'name="action" value="decline"' in body and 'name="confirmed"' in body  # still the confirmation
    requested.refresh_from_db()
    assert requested.status == AssignmentStatus.REQUESTED
    with raises_domain_error("reason_required"):
        assignment_decline(actor=ambassador, assignment_id=requested.pk, reason="")
    requested.refresh_from_db()
    assert requested.status == AssignmentStatus.REQUESTED


def test_closing_a_case_asks_first_and_names_what_happens_to_the_aftercare(
    accepted: Assignment, counsellor: Any, client_for: Any
) -> None:
    client = client_for(counsellor)
    url = f"/begeleiding/zaak/{accepted.report_id}/afsluiten/"
    body = _asks(client.post(url, {"reason": "Afgerond."}), "De geplande nazorgmomenten vervallen.")
    assert 'name="reason" value="Afgerond."' in body
    assert Report.objects.get(pk=accepted.report_id).is_open

    assert client.post(url, {"reason": "Afgerond.", "confirmed": "1"}).status_code == 302
    assert Report.objects.get(pk=accepted.report_id).status == ReportStatus.CLOSED
