"""The coordinator's pages: coverage, confirming a gap as a vacancy, decisions and onboarding through the forms."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from klankbord.accounts.constants import RoleSlug
from klankbord.ambassadors.services import ambassador_create
from klankbord.geo.models import Municipality, Region
from klankbord.recruitment import services
from klankbord.recruitment.models import Application, CoverageTarget, Vacancy
from tests.factories.recruitment import took_place

pytestmark = pytest.mark.django_db


def test_the_coverage_page_highlights_gaps_and_links_to_confirmation(
    client_for: Any, coordinator: Any
) -> None:
    page = client_for(coordinator).get(reverse("recruitment:coverage")).content.decode()
    assert 'class="gap"' in page and "Bevestig vacature" in page
    assert "8.552" in page  # the formula is explained on the page


def test_the_coverage_page_needs_a_fixed_number_of_queries(
    client_for: Any, coordinator: Any, make_user: Any, django_assert_max_num_queries: Any
) -> None:
    client = client_for(coordinator)
    municipalities = list(Municipality.objects.order_by("code")[:8])
    regions = list(Region.objects.filter(scheme__is_active=True).order_by("name")[:5])

    def add(index: int) -> None:
        user = make_user(RoleSlug.AMBASSADOR)
        ambassador_create(actor=None, user=user, home_municipality=municipalities[index])
        services.vacancy_open(actor=coordinator, region=regions[index], positions=1)

    add(0)
    client.get(reverse("recruitment:coverage"))
    with django_assert_max_num_queries(40) as before:
        client.get(reverse("recruitment:coverage"))
    for index in range(1, 5):
        add(index)
    with django_assert_max_num_queries(len(before.captured_queries)):
        assert client.get(reverse("recruitment:coverage")).status_code == 200


def test_the_coordinator_sets_a_target_and_confirms_a_vacancy(
    client_for: Any, coordinator: Any, region: Region
) -> None:
    client = client_for(coordinator)
    url = reverse("recruitment:region", kwargs={"pk": region.pk})
    assert client.post(url, {"target-target": "abc"}).status_code == 400
    assert client.post(url, {"target-target": "4"}).status_code == 302
    assert CoverageTarget.objects.get(region=region).target == 4
    response = client.post(url, {"vacancy-positions": "0"})
    assert response.status_code == 400 and "Kies 1 of meer" in response.content.decode()
    assert client.post(url, {"vacancy-positions": "2"}).status_code == 302
    vacancy = Vacancy.objects.get(region=region)
    assert vacancy.positions == 2
    again = client.post(url, {"vacancy-positions": "1"})
    assert again.status_code == 400  # one open vacancy per region
    assert Vacancy.objects.filter(region=region).count() == 1
    assert client.post(reverse("recruitment:vacancy_close", kwargs={"pk": vacancy.pk})).status_code == 302
    vacancy.refresh_from_db()
    assert vacancy.status == "closed"


def test_a_region_of_another_scheme_is_not_found(client_for: Any, coordinator: Any) -> None:
    other = Region.objects.filter(scheme__is_active=False).first()
    assert (
        client_for(coordinator).get(reverse("recruitment:region", kwargs={"pk": other.pk})).status_code == 404
    )


def test_the_decision_form_explains_why_accepting_is_not_possible_yet(
    client_for: Any, coordinator: Any, application: Application
) -> None:
    url = reverse("recruitment:decide", kwargs={"pk": application.pk})
    response = client_for(coordinator).post(url, {"decision-decision": "accepted"})
    assert response.status_code == 400 and "gesprek dat heeft plaatsgevonden" in response.content.decode()
    response = client_for(coordinator).post(url, {"decision-decision": "rejected"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "received" and application.proposed_decision == "rejected"
    assert client_for(coordinator).post(url, {"step": "confirm"}).status_code == 302
    application.refresh_from_db()
    assert application.status == "rejected"


def test_onboarding_through_the_pages(
    client_for: Any, coordinator: Any, application: Application, region: Region
) -> None:
    start = timezone.now() + timedelta(days=2)
    plan = services.InterviewPlan(
        starts_at=start, ends_at=start + timedelta(hours=1), mode="in_person", location="X"
    )
    interview = services.interview_schedule(actor=coordinator, application=application, plan=plan)
    client = client_for(coordinator)
    outcome = reverse("recruitment:interview_outcome", kwargs={"pk": interview.pk})
    took_place(interview)
    assert client.post(outcome, {"notes": "  "}).status_code == 400
    assert client.post(outcome, {"notes": "Goed gesprek."}).status_code == 302
    decide = reverse("recruitment:decide", kwargs={"pk": application.pk})
    assert client.post(decide, {"decision-decision": "accepted"}).status_code == 302
    assert client.post(decide, {"step": "confirm"})["Location"].endswith("/inwerken/")
    onboarding = reverse("recruitment:onboarding", kwargs={"pk": application.pk})
    page = client.get(onboarding).content.decode()
    assert "Vul eerst de datums in" in page
    complete = reverse("recruitment:onboarding_complete", kwargs={"pk": application.pk})
    client.post(complete)
    application.refresh_from_db()
    assert application.status == "accepted"  # refused: the checklist is not done
    data = {
        "vog_issued_on": timezone.localdate().isoformat(),
        "pledge_signed_on": timezone.localdate().isoformat(),
        "training_followed": "on",
        "regions": [str(region.pk)],
        "capacity": "2",
    }
    assert client.post(onboarding, data).status_code == 302
    assert client.post(complete).status_code == 302
    application.refresh_from_db()
    assert application.status == "onboarded"
    assert "onboarding-done" in client.get(onboarding).content.decode()


def test_a_withdrawal_ends_the_procedure(client_for: Any, coordinator: Any, application: Application) -> None:
    assert (
        client_for(coordinator)
        .post(reverse("recruitment:withdraw", kwargs={"pk": application.pk}))
        .status_code
        == 302
    )
    application.refresh_from_db()
    assert application.status == "withdrawn" and application.retain_until is not None


def test_the_cv_download_is_audited_and_not_cached(
    client_for: Any, coordinator: Any, application: Application
) -> None:
    from klankbord.audit.models import AuditEntry

    response = client_for(coordinator).get(reverse("recruitment:cv", kwargs={"pk": application.pk}))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    assert AuditEntry.objects.filter(action="recruitment.application.cv_viewed").count() == 1


def test_completing_onboarding_without_a_checklist_is_a_404_not_a_server_error(
    client_for: Any, coordinator: Any, application: Application
) -> None:
    complete = reverse("recruitment:onboarding_complete", kwargs={"pk": application.pk})
    assert client_for(coordinator).post(complete).status_code == 404
