"""Issue 12, items 4-6: a filled vacancy closes and says so, onboarding records the VOG with dates and who checked
it (and reminds before it expires), and the vacancy text states measured hours only when there are any."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from klankbord.ambassadors.models import Ambassador
from klankbord.audit.models import AuditEntry
from klankbord.geo.models import Region
from klankbord.recruitment import selectors, services
from klankbord.recruitment.models import Application, Vacancy
from tests.factories.ambassadors import make_ambassador
from tests.factories.core import raises_domain_error
from tests.factories.recruitment import decide, hold

pytestmark = pytest.mark.django_db


def accepted(coordinator: Any, application: Application) -> Application:
    start = timezone.now() + timedelta(days=3)
    plan = services.InterviewPlan(
        starts_at=start, ends_at=start + timedelta(hours=1), mode="in_person", location="X"
    )
    hold(coordinator, services.interview_schedule(actor=coordinator, application=application, plan=plan))
    return decide(coordinator, application, "accepted")


def checklist(region: Region, **overrides: Any) -> services.Checklist:
    fields: dict[str, Any] = {
        "vog_issued_on": timezone.localdate() - timedelta(days=10),
        "pledge_signed_on": timezone.localdate(),
        "training_followed": True,
        "regions": [region],
        "capacity": 2,
    }
    fields.update(overrides)
    return services.Checklist(**fields)


def onboard(coordinator: Any, application: Application, region: Region) -> Application:
    application = accepted(coordinator, application)
    services.onboarding_update(
        actor=coordinator, onboarding=application.onboarding, checklist=checklist(region)
    )
    services.onboarding_complete(actor=coordinator, application=application)
    application.refresh_from_db()
    return application


# --- item 4 --------------------------------------------------------------------------------------------------


def test_a_vacancy_closes_once_its_region_reaches_the_target_and_the_public_page_says_so(
    client: Any, coordinator: Any, application: Application, vacancy: Vacancy, region: Region
) -> None:
    services.coverage_target_set(actor=coordinator, region=region, target=1)
    assert vacancy.positions == 2  # the region's target is reached before every position is taken
    onboard(coordinator, application, region)
    vacancy.refresh_from_db()
    assert vacancy.status == "closed" and vacancy.closed_at is not None
    assert AuditEntry.objects.filter(action="recruitment.vacancy.filled", object_id=str(vacancy.pk)).exists()
    assert vacancy.pk not in {open_vacancy.pk for open_vacancy in selectors.open_vacancies()}
    page = client.get(reverse("vacancies:detail", kwargs={"pk": vacancy.pk})).content.decode()
    assert 'id="vacancy-closed"' in page and "Solliciteer voor" not in page


def test_a_vacancy_stays_open_while_the_region_is_short_and_positions_are_left(
    coordinator: Any, application: Application, vacancy: Vacancy, region: Region
) -> None:
    services.coverage_target_set(actor=coordinator, region=region, target=5)
    onboard(coordinator, application, region)
    vacancy.refresh_from_db()
    assert vacancy.status == "open"


# --- item 5 --------------------------------------------------------------------------------------------------


def test_onboarding_starts_with_the_vacancy_region_and_records_the_vog_with_dates_and_who_checked_it(
    coordinator: Any, application: Application, region: Region
) -> None:
    application = accepted(coordinator, application)
    onboarding = application.onboarding
    assert list(onboarding.regions.all()) == [application.vacancy.region]
    with raises_domain_error("vog_too_old"):
        services.onboarding_update(
            actor=coordinator,
            onboarding=onboarding,
            checklist=checklist(region, vog_issued_on=timezone.localdate() - timedelta(days=120)),
        )
    with raises_domain_error("future"):
        services.onboarding_update(
            actor=coordinator,
            onboarding=onboarding,
            checklist=checklist(region, pledge_signed_on=timezone.localdate() + timedelta(days=1)),
        )
    issued = timezone.localdate() - timedelta(days=10)
    services.onboarding_update(actor=coordinator, onboarding=onboarding, checklist=checklist(region))
    onboarding.refresh_from_db()
    assert onboarding.vog_issued_on == issued
    assert onboarding.vog_valid_until == issued.replace(year=issued.year + 3)
    assert onboarding.vog_checked_by == coordinator and onboarding.pledge_checked_by == coordinator
    services.onboarding_complete(actor=coordinator, application=application)
    profile = Ambassador.objects.get(user__email=application.email)
    assert profile.vog_issued_on == issued and profile.vog_valid_until == onboarding.vog_valid_until


def test_a_vog_renewal_date_on_29_february_moves_to_28_february() -> None:
    assert services.vog_valid_until(date(2028, 2, 29)) == date(2031, 2, 28)


def test_the_vog_renewal_reminder_goes_out_once_to_the_ambassador_and_the_office(
    coordinator: Any, django_capture_on_commit_callbacks: Any
) -> None:
    today = timezone.localdate()
    due = make_ambassador(vog_valid_until=today + timedelta(days=30))
    make_ambassador(vog_valid_until=today + timedelta(days=300))  # not yet
    make_ambassador(vog_valid_until=today + timedelta(days=5), status="ended")  # stopped: no reminder
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.vog_reminders_send(today=today)
    assert sent.ambassadors == 1
    assert sorted(message.to[0] for message in mail.outbox) == sorted([due.user.email, coordinator.email])
    assert any("VOG" in message.subject for message in mail.outbox if message.to == [due.user.email])
    with django_capture_on_commit_callbacks(execute=True):
        assert services.vog_reminders_send(today=today).ambassadors == 0


# --- item 6 --------------------------------------------------------------------------------------------------


def test_the_time_page_suggests_no_hours_before_any_time_is_logged(client_for: Any, coordinator: Any) -> None:
    for _index in range(6):  # enough ambassadors for a median, none of whom logged time
        make_ambassador(started_on=timezone.localdate() - timedelta(days=400))
    page = client_for(coordinator).get(reverse("network:time")).content.decode()
    assert "0,0 uur" not in page and "Reken op gemiddeld" not in page
    assert "te weinig tijd geschreven" in page


def test_the_measured_hours_go_into_the_vacancy_text_in_one_action(
    client: Any, client_for: Any, coordinator: Any, vacancy: Vacancy
) -> None:
    profile = reverse("vacancies:profile")
    assert "Reken op gemiddeld" not in client.get(profile).content.decode()
    response = client_for(coordinator).post(reverse("recruitment:time_guidance"), {"hours_per_month": "4.5"})
    assert response.status_code == 302 and response["Location"] == reverse("network:time")
    assert selectors.time_guidance().hours_per_month == Decimal("4.5")
    for url in (profile, reverse("vacancies:detail", kwargs={"pk": vacancy.pk})):
        assert "Reken op gemiddeld 4,5 uur per maand" in client.get(url).content.decode()
    with raises_domain_error("range"):
        services.time_guidance_set(actor=coordinator, hours_per_month=Decimal(0))


def test_the_time_guidance_action_is_for_the_coordinator_only(
    client_for: Any, selection_member: Any, ambassador: Any
) -> None:
    for user in (selection_member, ambassador):
        response = client_for(user).post(reverse("recruitment:time_guidance"), {"hours_per_month": "4"})
        assert response.status_code == 403
    assert selectors.time_guidance() is None
