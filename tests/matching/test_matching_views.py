"""The counsellor's matching page and the handover list, per persona."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from klankbord.ambassadors.constants import AmbassadorStatus
from klankbord.matching.constants import AssignmentStatus
from klankbord.matching.models import Assignment, CoverageGap
from klankbord.reports.constants import ReportStatus
from tests.factories.ambassadors import leave, make_ambassador
from tests.factories.matching import assign
from tests.factories.reports import make_report

pytestmark = pytest.mark.django_db


def match_url(report: Any) -> str:
    return reverse("matching:match", args=[report.pk])


def test_the_counsellor_sees_ranked_suggestions_with_reasons(client_for: Any, counsellor: Any) -> None:
    near = make_ambassador("Zeist", name="Anna Bakker", capacity=4)
    assign(near)
    make_ambassador("Gouda", name="Bram de Boer")
    report = make_report("Utrecht")
    page = client_for(counsellor).get(match_url(report)).content.decode()
    assert page.index("Anna Bakker") < page.index("Bram de Boer")
    assert "zelfde regio" in page and "1 van 4 plekken bezet" in page and "buurregio (Zuid-Holland)" in page


def test_the_counsellor_can_see_why_others_were_left_out(client_for: Any, counsellor: Any) -> None:
    make_ambassador("Utrecht", name="Carla Smit")
    on_leave = make_ambassador("Amersfoort", name="Dirk Visser")
    leave(on_leave, 0, 3)
    make_ambassador("Zeist", name="Eva Mulder")
    page = client_for(counsellor).get(match_url(make_report("Utrecht"))).content.decode()
    details = page[page.index("<details>") :]
    assert "<summary>Waarom 2 ambassadeurs niet zijn voorgesteld</summary>" in details
    assert "Carla Smit" in details and "Woont in dezelfde gemeente als het raadslid" in details
    assert "Dirk Visser" in details and "verlof" in details
    assert "Eva Mulder" not in details


def test_confirming_on_the_page_requests_the_ambassador(client_for: Any, counsellor: Any) -> None:
    ambassador = make_ambassador("Zeist")
    report = make_report("Utrecht")
    response = client_for(counsellor).post(
        match_url(report), {"action": "confirm", "confirm-ambassador": ambassador.pk}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:case", args=[report.pk])
    assert Assignment.objects.get(report=report).ambassador == ambassador


def test_a_report_just_registered_can_be_matched_on_the_page(client_for: Any, counsellor: Any) -> None:
    """Issue 11, item 12: the suggestions shown for a received report can be confirmed, not refused."""
    ambassador = make_ambassador("Zeist")
    report = make_report("Utrecht", status=ReportStatus.RECEIVED)
    client = client_for(counsellor)
    assert 'value="confirm"' in client.get(match_url(report)).content.decode()
    response = client.post(match_url(report), {"action": "confirm", "confirm-ambassador": ambassador.pk})
    assert response.status_code == 302
    assert Assignment.objects.get(report=report).ambassador == ambassador
    report.refresh_from_db()
    assert report.status == ReportStatus.AMBASSADOR_REQUESTED


def test_an_ambassador_who_is_not_suggested_cannot_be_confirmed_by_tampering(
    client_for: Any, counsellor: Any
) -> None:
    make_ambassador("Zeist")
    excluded = make_ambassador("Utrecht")
    report = make_report("Utrecht")
    response = client_for(counsellor).post(
        match_url(report), {"action": "confirm", "confirm-ambassador": excluded.pk}
    )
    assert response.status_code == 400
    assert "Kies een van de voorstellen." in response.content.decode()
    assert not Assignment.objects.exists()


def test_a_required_gender_on_the_page_narrows_the_suggestions(client_for: Any, counsellor: Any) -> None:
    make_ambassador("Zeist", name="Frank Jansen", gender="man")
    make_ambassador("Amersfoort", name="Greet Hendriks", gender="woman")
    data = {"action": "preview", "wish-gender": "woman", "wish-gender_required": "on"}
    page = client_for(counsellor).post(match_url(make_report("Utrecht")), data).content.decode()
    suggestions = page[: page.index("<details>")]
    assert "Greet Hendriks" in suggestions and "Frank Jansen" not in suggestions


def test_nobody_available_shows_and_records_a_gap(client_for: Any, counsellor: Any) -> None:
    make_ambassador("Groningen")
    report = make_report("Utrecht")
    client = client_for(counsellor)
    page = client.get(match_url(report)).content.decode()
    client.get(match_url(report))
    assert "Er is nu niemand beschikbaar" in page
    gap = CoverageGap.objects.get()
    assert (gap.report_reference, gap.region_name) == (report.reference, "Utrecht")


def test_without_consent_no_suggestions_are_made(client_for: Any, counsellor: Any) -> None:
    make_ambassador("Zeist", name="Hans Kok")
    page = client_for(counsellor).get(match_url(make_report(consent=False))).content.decode()
    assert "geen toestemming" in page and "Hans Kok" not in page
    assert not CoverageGap.objects.exists()


def test_a_report_with_an_active_ambassador_shows_who_and_offers_no_confirmation(
    client_for: Any, counsellor: Any
) -> None:
    current = make_ambassador("Zeist", name="Ilse Peters")
    report = make_report(status=ReportStatus.IN_SUPPORT)
    assign(current, report)
    page = client_for(counsellor).get(match_url(report)).content.decode()
    assert "heeft al een ambassadeur: Ilse Peters" in page
    assert 'value="confirm"' not in page


def test_a_paused_ambassadors_case_is_handed_over_with_a_reason(client_for: Any, counsellor: Any) -> None:
    old = make_ambassador("Zeist", status=AmbassadorStatus.PAUSED)
    new = make_ambassador("Amersfoort", name="Joost Dekker")
    report = make_report(status=ReportStatus.IN_SUPPORT)
    current = assign(old, report)
    client = client_for(counsellor)
    listing = client.get(reverse("matching:handover")).content.decode()
    assert report.reference in listing and match_url(report) in listing
    missing_reason = client.post(match_url(report), {"action": "confirm", "confirm-ambassador": new.pk})
    assert (
        missing_reason.status_code == 400
        and "Geef een reden voor de overdracht." in missing_reason.content.decode()
    )
    done = client.post(
        match_url(report),
        {"action": "confirm", "confirm-ambassador": new.pk, "confirm-reason": "Ambassadeur pauzeert"},
    )
    assert done.status_code == 302
    current.refresh_from_db()
    assert current.status == AssignmentStatus.ENDED
    assert Assignment.objects.get(report=report, status=AssignmentStatus.REQUESTED).ambassador == new


@pytest.mark.parametrize("persona", ["ambassador", "coordinator", "selection_member", "administrator"])
def test_only_counsellors_open_the_matching_and_handover_pages(
    client_for: Any, persona: str, request: Any
) -> None:
    client = client_for(request.getfixturevalue(persona))
    report = make_report()
    assert client.get(match_url(report)).status_code == 404  # case pages answer 404, never 403
    assert client.get(reverse("matching:handover")).status_code == 404


@pytest.mark.parametrize("persona", ["council_member", "outsider", None])
def test_people_without_mfa_or_login_are_sent_to_log_in(
    client_for: Any, persona: str | None, request: Any
) -> None:
    client = client_for(request.getfixturevalue(persona) if persona else None)
    response = client.get(match_url(make_report()))
    assert response.status_code == 302 and "/accounts/" in response["Location"]


def test_an_unknown_report_is_a_404(client_for: Any, counsellor: Any) -> None:
    assert client_for(counsellor).get(reverse("matching:match", args=[987_654])).status_code == 404


def test_the_matching_page_stays_at_the_same_number_of_queries(
    client_for: Any, counsellor: Any, django_assert_max_num_queries: Any
) -> None:
    client = client_for(counsellor)
    report = make_report("Utrecht")
    make_ambassador("Zeist")
    client.get(match_url(report))
    with CaptureQueriesContext(connection) as few:
        client.get(match_url(report))
    for home in ["Amersfoort", "Gouda", "Groningen", "Utrecht", "Lelystad", "Nieuwegein"] * 3:
        ambassador = make_ambassador(home)
        assign(ambassador)
        leave(ambassador, 20, 3)
    with django_assert_max_num_queries(len(few)):
        assert client.get(match_url(report)).status_code == 200


def test_the_handover_list_stays_at_the_same_number_of_queries(
    client_for: Any, counsellor: Any, django_assert_max_num_queries: Any
) -> None:
    client = client_for(counsellor)
    assign(make_ambassador(status=AmbassadorStatus.PAUSED))
    client.get(reverse("matching:handover"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("matching:handover"))
    for _ in range(10):
        assign(make_ambassador(status=AmbassadorStatus.ENDED))
    with django_assert_max_num_queries(len(few)):
        assert client.get(reverse("matching:handover")).content.decode().count("Opnieuw koppelen") == 11
