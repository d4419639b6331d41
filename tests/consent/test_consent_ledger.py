from __future__ import annotations

from typing import Any

import pytest

from klankbord.audit.models import AuditEntry
from klankbord.consent.constants import Decision, Method, Purpose
from klankbord.consent.models import ConsentRecord
from klankbord.consent.selectors import consent_allows, consent_states
from klankbord.consent.services import consent_grant, consent_withdraw
from klankbord.core.append_only import AppendOnlyError
from tests.factories.core import raises_domain_error


def test_the_current_state_is_the_newest_row_per_purpose(report: Any, counsellor: Any) -> None:
    consent_grant(report=report, purpose=Purpose.ANONYMOUS_SIGNALS, actor=None)
    assert consent_allows(report=report, purpose=Purpose.ANONYMOUS_SIGNALS)
    consent_withdraw(report=report, purpose=Purpose.ANONYMOUS_SIGNALS, actor=None)
    assert not consent_allows(report=report, purpose=Purpose.ANONYMOUS_SIGNALS)
    consent_grant(
        report=report,
        purpose=Purpose.ANONYMOUS_SIGNALS,
        actor=counsellor,
        method=Method.PHONE,
        on_behalf=True,
    )
    assert consent_allows(report=report, purpose=Purpose.ANONYMOUS_SIGNALS)
    assert ConsentRecord.objects.filter(report=report).count() == 3


def test_nothing_is_allowed_without_a_recorded_consent(report: Any) -> None:
    for purpose in Purpose:
        assert not consent_allows(report=report, purpose=purpose)
    assert not consent_allows(report=report, purpose=Purpose.SHARE_FIELDS, field="narrative")


def test_share_consent_lists_its_fields_and_needs_the_connection(report: Any) -> None:
    consent_grant(
        report=report, purpose=Purpose.SHARE_FIELDS, actor=None, fields=["narrative", "municipality"]
    )
    assert not consent_allows(report=report, purpose=Purpose.SHARE_FIELDS, field="narrative")
    consent_grant(report=report, purpose=Purpose.CONNECT_AMBASSADOR, actor=None)
    assert consent_allows(report=report, purpose=Purpose.SHARE_FIELDS, field="narrative")
    assert not consent_allows(report=report, purpose=Purpose.SHARE_FIELDS, field="contact_phone")


@pytest.mark.parametrize(
    ("kwargs", "message", "code"),
    [
        ({"purpose": "sell_data"}, "Onbekend doel", "unknown_purpose"),
        ({"purpose": Purpose.SHARE_FIELDS}, "Kies welke gegevens", "fields_required"),
        (
            {"purpose": Purpose.SHARE_FIELDS, "fields": ["member_party"]},
            "kunnen niet worden gedeeld",
            "unknown_field",
        ),
        (
            {"purpose": Purpose.AFTERCARE_CONTACT, "fields": ["narrative"]},
            "Alleen bij het delen",
            "fields_not_allowed",
        ),
        ({"purpose": Purpose.AFTERCARE_CONTACT, "method": Method.PHONE}, "Namens de melder", "not_on_behalf"),
        ({"purpose": Purpose.AFTERCARE_CONTACT, "on_behalf": True}, "Namens de melder", "not_on_behalf"),
        (
            {"purpose": Purpose.AFTERCARE_CONTACT, "method": "carrier_pigeon"},
            "Onbekende manier",
            "unknown_method",
        ),
    ],
)
def test_invalid_consents_are_refused(report: Any, kwargs: dict[str, Any], message: str, code: str) -> None:
    with raises_domain_error(code, match=message):
        consent_grant(report=report, actor=None, **kwargs)
    assert not ConsentRecord.objects.exists()


def test_withdrawing_what_was_never_given_is_refused(report: Any) -> None:
    with raises_domain_error("nothing_to_withdraw", match="niets in te trekken"):
        consent_withdraw(report=report, purpose=Purpose.AFTERCARE_CONTACT, actor=None)


def test_every_change_is_audited_with_method_and_recorder(report: Any, counsellor: Any) -> None:
    consent_grant(
        report=report,
        purpose=Purpose.AFTERCARE_CONTACT,
        actor=counsellor,
        method=Method.IN_PERSON,
        on_behalf=True,
    )
    consent_withdraw(report=report, purpose=Purpose.AFTERCARE_CONTACT, actor=None)
    granted = AuditEntry.objects.get(action="consent.consent.granted")
    withdrawn = AuditEntry.objects.get(action="consent.consent.withdrawn")
    assert (
        granted.actor_id == counsellor.pk
        and granted.data["method"] == "in_person"
        and granted.data["on_behalf"]
    )
    assert withdrawn.actor_id is None and withdrawn.actor_label == "reporter:receipt"


def test_consent_rows_are_append_only(report: Any) -> None:
    record = consent_grant(report=report, purpose=Purpose.AFTERCARE_CONTACT, actor=None)
    record.decision = Decision.WITHDRAWN
    with pytest.raises(AppendOnlyError):
        record.save()
    with pytest.raises(AppendOnlyError):
        ConsentRecord.objects.all().delete()
    assert ConsentRecord.objects.get().decision == Decision.GRANTED


def test_current_state_of_many_reports_takes_one_query(
    submit_report: Any, django_assert_num_queries: Any
) -> None:
    reports = [submit_report().report for _ in range(5)]
    for report in reports:
        consent_grant(report=report, purpose=Purpose.ANONYMOUS_SIGNALS, actor=None)
    with django_assert_num_queries(1):
        states = consent_states(report_ids=[r.pk for r in reports])
        assert all(state.allows(Purpose.ANONYMOUS_SIGNALS) for state in states.values())


def test_a_counsellor_records_consent_on_behalf_with_the_method(
    client_for: Any, counsellor: Any, report: Any
) -> None:
    client = client_for(counsellor)
    url = f"/toestemming/meldingen/{report.pk}/"
    client.post(url, {"purpose": Purpose.AFTERCARE_CONTACT, "action": "grant"})  # method missing
    assert not ConsentRecord.objects.exists()
    client.post(url, {"purpose": Purpose.AFTERCARE_CONTACT, "action": "grant", "method": "email"})
    record = ConsentRecord.objects.get()
    assert (record.method, record.on_behalf, record.recorded_by) == ("email", True, counsellor)
    client.post(
        url, {"purpose": Purpose.AFTERCARE_CONTACT, "action": "withdraw", "method": "phone", "confirmed": "1"}
    )
    assert not consent_allows(report=report, purpose=Purpose.AFTERCARE_CONTACT)


@pytest.mark.parametrize("persona", ["council_member", "ambassador", "coordinator", "outsider"])
def test_nobody_else_can_change_consents(persona: str, request: Any, client_for: Any, report: Any) -> None:
    client = client_for(request.getfixturevalue(persona))
    client.post(
        f"/toestemming/meldingen/{report.pk}/",
        {"purpose": "anonymous_signals", "action": "grant", "method": "phone"},
    )
    client.post(
        f"/toestemming/mijn-meldingen/{report.pk}/", {"purpose": "anonymous_signals", "action": "grant"}
    )
    assert not ConsentRecord.objects.exists()


def test_an_anonymous_visitor_cannot_change_consents(client: Any, report: Any) -> None:
    response = client.post(
        f"/toestemming/mijn-meldingen/{report.pk}/", {"purpose": "anonymous_signals", "action": "grant"}
    )
    assert response.status_code == 404
    assert not ConsentRecord.objects.exists()


def test_consent_views_refuse_get(client_for: Any, counsellor: Any, report: Any) -> None:
    assert client_for(counsellor).get(f"/toestemming/meldingen/{report.pk}/").status_code == 405
