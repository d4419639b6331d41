"""Issue 11, item 13: a counsellor completes or corrects a report; the correction is recorded in the history,
audited, and shown to the member. Closed reports refuse; outsiders get a 404."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import connection
from django.urls import reverse

from klankbord.accounts.constants import RoleSlug
from klankbord.audit.models import AuditEntry
from klankbord.core.append_only import AppendOnlyError
from klankbord.core.errors import DomainError
from klankbord.reports.constants import ReportStatus
from klankbord.reports.models import Report, ReportCorrection
from klankbord.reports.services import report_correct

pytestmark = pytest.mark.django_db

NEW_TEXT = "Na het gesprek: de bedreiging kwam ook per brief."


def _post(client: Any, report: Report, **overrides: Any) -> Any:
    data = {"municipality": report.municipality_id or "", "narrative": report.narrative, "ongoing": ""}
    data.update(overrides)
    return client.post(reverse("reports:correct", kwargs={"pk": report.pk}), data)


def test_the_counsellor_corrects_a_report_and_the_case_history_shows_who_changed_what(
    client_for: Any, counsellor: Any, report: Report
) -> None:
    client = client_for(counsellor)
    page = client.get(reverse("reports:case", kwargs={"pk": report.pk})).content.decode()
    assert reverse("reports:correct", kwargs={"pk": report.pk}) in page
    response = _post(client, report, narrative=NEW_TEXT, categories=["threat"])
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.narrative == NEW_TEXT and report.categories == ["threat"]
    correction = ReportCorrection.objects.get(report=report)
    assert correction.actor == counsellor
    assert correction.fields == ["narrative", "categories"]
    case = client.get(reverse("reports:case", kwargs={"pk": report.pk})).content.decode()
    assert "Aangevuld door de vertrouwenspersoon op" in case
    assert "wat er gebeurde, soort voorval" in case


def test_the_earlier_text_is_kept_only_encrypted_in_the_history(counsellor: Any, report: Report) -> None:
    before = report.narrative
    correction = report_correct(actor=counsellor, report=report, changes={"narrative": NEW_TEXT})
    assert json.loads(correction.previous) == {"narrative": before}
    with connection.cursor() as cursor:
        cursor.execute("SELECT previous FROM reports_reportcorrection WHERE id = %s", [correction.pk])
        stored = cursor.fetchone()[0]
    assert before not in stored


def test_a_correction_writes_one_audit_entry_with_field_names_only(counsellor: Any, report: Report) -> None:
    correction = report_correct(actor=counsellor, report=report, changes={"narrative": NEW_TEXT})
    entry = AuditEntry.objects.get(action="reports.report.corrected", object_id=str(report.pk))
    assert entry.actor_id == counsellor.pk
    assert entry.data == {"fields": ["narrative"], "correction": correction.pk}
    assert NEW_TEXT not in json.dumps(entry.data)


def test_the_member_sees_that_the_counsellor_completed_the_report(
    counsellor: Any, submit_report: Any, portal_for: Any, council_member: Any, client_for: Any
) -> None:
    anonymous = submit_report()
    report_correct(actor=counsellor, report=anonymous.report, changes={"police_report": "made"})
    page = portal_for(anonymous).get(reverse("reports:portal_detail", kwargs={"pk": anonymous.report.pk}))
    assert "Aangevuld door de vertrouwenspersoon op" in page.content.decode()
    assert "aangifte" in page.content.decode()
    own = submit_report(reporter=council_member).report
    report_correct(actor=counsellor, report=own, changes={"narrative": NEW_TEXT})
    page = client_for(council_member).get(reverse("reports:portal_detail", kwargs={"pk": own.pk}))
    text = page.content.decode()
    assert "Aangevuld door de vertrouwenspersoon op" in text and "wat er gebeurde" in text
    assert counsellor.email not in text


@pytest.mark.parametrize("role", [RoleSlug.AMBASSADOR, RoleSlug.COUNCIL_MEMBER, RoleSlug.COORDINATOR, None])
def test_anyone_but_a_counsellor_gets_404_and_changes_nothing(
    role: RoleSlug | None, make_user: Any, client_for: Any, report: Report
) -> None:
    # With two-factor set up, so that the refusal is the page's own and not the sign-in gate's.
    client = client_for(make_user(role, mfa=True))
    assert client.get(reverse("reports:correct", kwargs={"pk": report.pk})).status_code == 404
    assert _post(client, report, narrative=NEW_TEXT).status_code == 404
    report.refresh_from_db()
    assert report.narrative != NEW_TEXT
    assert not ReportCorrection.objects.exists()


@pytest.mark.parametrize("final", [ReportStatus.CLOSED, ReportStatus.WITHDRAWN])
def test_a_closed_or_withdrawn_report_refuses_a_correction_with_a_code(
    final: ReportStatus, counsellor: Any, client_for: Any, report: Report
) -> None:
    Report.objects.filter(pk=report.pk).update(status=final)
    report.refresh_from_db()
    with pytest.raises(DomainError) as refused:
        report_correct(actor=counsellor, report=report, changes={"narrative": NEW_TEXT})
    assert refused.value.code == "report_not_open"
    response = _post(client_for(counsellor), report, narrative=NEW_TEXT)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.narrative != NEW_TEXT
    assert not ReportCorrection.objects.exists()


def test_only_the_fields_a_counsellor_may_correct_are_accepted(counsellor: Any, report: Report) -> None:
    with pytest.raises(DomainError) as refused:
        report_correct(actor=counsellor, report=report, changes={"contact_email": "x@example.org"})
    assert refused.value.code == "field_not_correctable"


def test_a_correction_that_changes_nothing_is_refused_and_not_recorded(
    counsellor: Any, report: Report
) -> None:
    with pytest.raises(DomainError) as refused:
        report_correct(actor=counsellor, report=report, changes={"narrative": report.narrative})
    assert refused.value.code == "correction_unchanged"
    assert not ReportCorrection.objects.exists()


def test_the_correction_history_is_append_only(counsellor: Any, report: Report) -> None:
    correction = report_correct(actor=counsellor, report=report, changes={"narrative": NEW_TEXT})
    with pytest.raises(AppendOnlyError):
        correction.save()
    with pytest.raises(AppendOnlyError):
        ReportCorrection.objects.all().delete()


def test_the_members_export_lists_the_corrections_without_the_earlier_text(
    counsellor: Any, council_member: Any, submit_report: Any, client_for: Any
) -> None:
    own = submit_report(reporter=council_member).report
    before = own.narrative
    report_correct(actor=counsellor, report=own, changes={"narrative": NEW_TEXT})
    response = client_for(council_member).get(reverse("reports:portal_export_json", kwargs={"pk": own.pk}))
    data = json.loads(response.content)
    assert [c["fields"] for c in data["corrections"]] == [["wat er gebeurde"]]
    assert before not in json.dumps(data)
