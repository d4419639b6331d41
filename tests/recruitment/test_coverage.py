"""Coverage per region: active ambassadors against a target derived from seats or demand, gaps highlighted."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from klankbord.ambassadors.services import ambassador_create, ambassador_set_status
from klankbord.geo.models import Municipality, Region
from klankbord.geo.selectors import active_scheme
from klankbord.matching.models import CoverageGap
from klankbord.recruitment import selectors, services
from klankbord.recruitment.coverage import default_target
from klankbord.recruitment.models import Vacancy
from klankbord.reports.models import Report
from tests.factories.core import raises_domain_error

pytestmark = pytest.mark.django_db


def row_for(region: Region) -> Any:
    return selectors.coverage_row(region_pk=region.pk)


def test_the_default_target_follows_the_seat_estimate() -> None:
    # 56 municipalities x 25 seats = 1,400 seats / 300 = 4.67 -> 5 ambassadors
    assert default_target(municipality_count=56) == 5
    assert default_target(municipality_count=12) == 1  # 300 seats -> exactly 1
    assert default_target(municipality_count=13) == 2  # 325 seats -> 2
    assert default_target(municipality_count=0) == 1  # never below one


def test_the_default_target_rises_with_recent_demand() -> None:
    assert default_target(municipality_count=6, recent_reports=0) == 1
    assert default_target(municipality_count=6, recent_reports=23) == 5  # 23 reports / 5 per ambassador


def test_the_overview_has_one_row_per_region_of_the_active_scheme() -> None:
    rows = selectors.coverage_overview()
    assert len(rows) == Region.objects.filter(scheme=active_scheme()).count()
    assert sum(row.municipality_count for row in rows) == Municipality.objects.count()
    assert all(row.active == 0 and row.has_gap for row in rows)


def test_an_active_ambassador_counts_for_their_home_region(
    region: Region, municipality: Municipality, ambassador: Any
) -> None:
    ambassador_create(actor=None, user=ambassador, home_municipality=municipality)
    row = row_for(region)
    assert row.active == 1
    assert row.shortfall == max(0, row.target - 1)


def test_a_paused_ambassador_does_not_count(
    region: Region, municipality: Municipality, ambassador: Any
) -> None:
    profile = ambassador_create(actor=None, user=ambassador, home_municipality=municipality)
    ambassador_set_status(actor=None, ambassador=profile, status="paused")
    assert row_for(region).active == 0


def test_a_custom_target_overrides_the_default_and_can_be_cleared(region: Region, coordinator: Any) -> None:
    services.coverage_target_set(actor=coordinator, region=region, target=0)
    assert row_for(region).target == 0
    assert not row_for(region).has_gap
    services.coverage_target_set(actor=coordinator, region=region, target=None)
    assert row_for(region).target == row_for(region).default_target


def test_a_target_out_of_range_is_refused(region: Region, coordinator: Any) -> None:
    with raises_domain_error("range"):
        services.coverage_target_set(actor=coordinator, region=region, target=51)


def test_reports_of_the_last_year_raise_the_demand(region: Region, municipality: Municipality) -> None:
    today = timezone.localdate()
    for number in range(12):
        Report.objects.create(
            reference=f"T-{number:04d}",
            source_channel="online",
            municipality=municipality,
            first_response_due=today,
        )
    Report.objects.create(
        reference="T-OLD",
        source_channel="online",
        municipality=municipality,
        first_response_due=today,
        received_at=timezone.now() - timedelta(days=400),
    )
    row = row_for(region)
    assert row.recent_reports == 12
    assert row.default_target >= 3  # 12 reports / 5 per ambassador -> 3


def test_coverage_gaps_from_matching_count_until_a_vacancy_is_opened(
    region: Region, coordinator: Any
) -> None:
    services.coverage_target_set(actor=coordinator, region=region, target=0)
    yesterday = timezone.localdate() - timedelta(days=1)
    CoverageGap.objects.create(
        region=region,
        region_name=region.name,
        scheme_slug="x",
        date=yesterday,
        report_reference="R1",
        reason="geen_ambassadeurs",
    )
    row = row_for(region)
    assert row.open_gaps == 1 and row.has_gap and row.needs_confirmation
    services.vacancy_open(actor=coordinator, region=region, positions=1)
    row = row_for(region)
    assert row.open_gaps == 0 and not row.needs_confirmation


def test_confirming_a_gap_opens_one_vacancy_per_region(region: Region, coordinator: Any) -> None:
    vacancy = services.vacancy_open(actor=coordinator, region=region, positions=2)
    assert row_for(region).open_vacancy_pk == vacancy.pk
    with raises_domain_error("already_open"):
        services.vacancy_open(actor=coordinator, region=region, positions=1)


def test_a_closed_vacancy_is_no_longer_public_and_a_new_one_can_open(
    region: Region, coordinator: Any
) -> None:
    vacancy = services.vacancy_open(actor=coordinator, region=region, positions=1)
    assert services.vacancy_close(actor=coordinator, vacancy=vacancy)
    assert not services.vacancy_close(actor=coordinator, vacancy=vacancy)
    assert not selectors.open_vacancies().filter(pk=vacancy.pk).exists()
    assert services.vacancy_open(actor=coordinator, region=region, positions=1).pk != vacancy.pk


def test_a_vacancy_past_its_closing_date_is_not_public(region: Region) -> None:
    Vacancy.objects.create(region=region, closes_on=timezone.localdate() - timedelta(days=1))
    assert not selectors.open_vacancies().exists()


def test_a_closing_date_in_the_past_is_refused(region: Region, coordinator: Any) -> None:
    with raises_domain_error("past"):
        services.vacancy_open(
            actor=coordinator, region=region, positions=1, closes_on=timezone.localdate() - timedelta(days=1)
        )
