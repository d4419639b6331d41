"""Nothing reaches an ambassador without consent, and a withdrawal removes access the same second."""

from __future__ import annotations

from typing import Any

import pytest
from django.http import Http404
from django.utils.html import escape

from klankbord.consent.constants import Purpose, ShareableField
from klankbord.consent.services import consent_grant, consent_withdraw
from klankbord.messaging.models import Attachment
from klankbord.messaging.services import thread_for_report
from klankbord.reports.models import Report
from klankbord.reports.selectors import report_view_for_user
from tests.factories.files import pdf_bytes

SECRET = "Ik werd bedreigd na de raadsvergadering."


@pytest.fixture
def assigned(submit_report: Any, ambassador: Any) -> Report:
    report = submit_report(contact_phone="0622222222", wish_notes="geheime wens", member_party="X").report
    Report.objects.filter(pk=report.pk).update(ambassador=ambassador)
    report.refresh_from_db()
    return report


def _share(report: Report, *fields: str) -> None:
    consent_grant(report=report, purpose=Purpose.CONNECT_AMBASSADOR, actor=None)
    consent_grant(report=report, purpose=Purpose.SHARE_FIELDS, actor=None, fields=list(fields))


def test_an_assigned_ambassador_without_any_consent_gets_a_404(
    assigned: Report, ambassador: Any, client_for: Any
) -> None:
    with pytest.raises(Http404):
        report_view_for_user(user=ambassador, pk=assigned.pk)
    assert client_for(ambassador).get(f"/meldingen/{assigned.pk}/").status_code == 404


def test_consent_to_connect_alone_shares_no_field(assigned: Report, ambassador: Any) -> None:
    consent_grant(report=assigned, purpose=Purpose.CONNECT_AMBASSADOR, actor=None)
    with pytest.raises(Http404):
        report_view_for_user(user=ambassador, pk=assigned.pk)


def test_sharing_fields_without_consent_to_connect_shares_nothing(assigned: Report, ambassador: Any) -> None:
    consent_grant(report=assigned, purpose=Purpose.SHARE_FIELDS, actor=None, fields=["narrative"])
    with pytest.raises(Http404):
        report_view_for_user(user=ambassador, pk=assigned.pk)


def test_the_ambassador_sees_exactly_the_consented_fields(
    assigned: Report, ambassador: Any, client_for: Any
) -> None:
    _share(assigned, ShareableField.MUNICIPALITY, ShareableField.NARRATIVE)
    view = report_view_for_user(user=ambassador, pk=assigned.pk)
    assert view.access == "ambassador"
    assert {fact.key for fact in view.facts} == {"municipality", "narrative"}

    page = client_for(ambassador).get(f"/meldingen/{assigned.pk}/").content.decode()
    assert SECRET in page and escape(assigned.municipality.name) in page
    for hidden in ["0622222222", "geheime wens", "Berichten", "Intakenotities", "Toestemmingen"]:
        assert hidden not in page


def test_a_withdrawal_removes_the_ambassadors_access_at_once(
    assigned: Report, ambassador: Any, client_for: Any
) -> None:
    _share(assigned, ShareableField.NARRATIVE)
    client = client_for(ambassador)
    assert SECRET in client.get(f"/meldingen/{assigned.pk}/").content.decode()

    consent_withdraw(report=assigned, purpose=Purpose.SHARE_FIELDS, actor=None)

    assert client.get(f"/meldingen/{assigned.pk}/").status_code == 404


def test_withdrawing_the_connection_also_hides_every_shared_field(assigned: Report, ambassador: Any) -> None:
    _share(assigned, ShareableField.NARRATIVE, ShareableField.CONTACT_PHONE)
    consent_withdraw(report=assigned, purpose=Purpose.CONNECT_AMBASSADOR, actor=None)
    with pytest.raises(Http404):
        report_view_for_user(user=ambassador, pk=assigned.pk)


def test_a_narrower_share_consent_hides_the_withheld_field_immediately(
    assigned: Report, ambassador: Any
) -> None:
    _share(assigned, ShareableField.NARRATIVE, ShareableField.CONTACT_PHONE)
    consent_grant(
        report=assigned, purpose=Purpose.SHARE_FIELDS, actor=None, fields=[ShareableField.NARRATIVE]
    )
    view = report_view_for_user(user=ambassador, pk=assigned.pk)
    assert {fact.key for fact in view.facts} == {"narrative"}


def test_another_ambassador_never_sees_the_report_even_with_consent(
    assigned: Report, make_user: Any, client_for: Any
) -> None:
    from klankbord.accounts.constants import RoleSlug

    _share(assigned, ShareableField.NARRATIVE)
    other = make_user(RoleSlug.AMBASSADOR)
    assert client_for(other).get(f"/meldingen/{assigned.pk}/").status_code == 404


def test_report_attachments_reach_the_ambassador_only_while_attachments_are_shared(
    assigned: Report, ambassador: Any, client_for: Any
) -> None:
    from django.core.files.base import ContentFile

    attachment = Attachment(
        thread=thread_for_report(report=assigned),
        original_name="brief.pdf",
        content_type="application/pdf",
        size=10,
        uploaded_by_kind="reporter",
    )
    attachment.file.save("brief.pdf", ContentFile(pdf_bytes()), save=True)
    client = client_for(ambassador)
    _share(assigned, ShareableField.NARRATIVE)
    assert client.get(f"/berichten/bijlagen/{attachment.pk}/").status_code == 404

    _share(assigned, ShareableField.NARRATIVE, ShareableField.ATTACHMENTS)
    assert client.get(f"/berichten/bijlagen/{attachment.pk}/").status_code == 200
    assert "brief.pdf" in client.get(f"/meldingen/{assigned.pk}/").content.decode()

    consent_withdraw(report=assigned, purpose=Purpose.CONNECT_AMBASSADOR, actor=None)
    assert client.get(f"/berichten/bijlagen/{attachment.pk}/").status_code == 404


def test_the_ambassador_view_never_contains_party_or_wishes_whatever_is_shared(
    assigned: Report, ambassador: Any
) -> None:
    _share(assigned, *ShareableField.values)
    view = report_view_for_user(user=ambassador, pk=assigned.pk)
    keys = {fact.key for fact in view.facts}
    assert "wishes" not in keys and "source_channel" not in keys
    assert all(fact.value != "X" for fact in view.facts)


def test_when_the_member_withdraws_the_report_the_ambassador_loses_access_at_once(
    assigned: Report, ambassador: Any, client_for: Any
) -> None:
    from klankbord.reports.services import report_withdraw

    _share(assigned, ShareableField.NARRATIVE)
    client = client_for(ambassador)
    assert client.get(f"/meldingen/{assigned.pk}/").status_code == 200
    report_withdraw(actor=None, report=assigned)
    assert client.get(f"/meldingen/{assigned.pk}/").status_code == 404
