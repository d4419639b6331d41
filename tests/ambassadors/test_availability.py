"""Issue 12, item 8: leave and pause show in every list and reduce coverage for their period, one definition of
"available" for the coverage page and the signals map, and a page that says who is away when, per region."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from klankbord.ambassadors.selectors import available_per_region
from klankbord.geo.models import Region
from klankbord.geo.selectors import active_scheme, region_of
from klankbord.recruitment import selectors as recruitment_selectors
from klankbord.signals.selectors import ambassadors_per_region
from tests.factories.ambassadors import leave, make_ambassador

pytestmark = pytest.mark.django_db


@pytest.fixture
def friesland_ambassador() -> Any:
    return make_ambassador("Leeuwarden", name="Fenna Fries")


def region_pk(ambassador: Any) -> int:
    return region_of(ambassador.home_municipality).pk


def test_leave_today_takes_the_ambassador_out_of_coverage_and_the_map_alike(
    friesland_ambassador: Any,
) -> None:
    pk = region_pk(friesland_ambassador)
    assert available_per_region(scheme=active_scheme(), day=timezone.localdate()).get(pk) == 1
    leave(friesland_ambassador, start_in_days=-1, length_days=10)
    assert available_per_region(scheme=active_scheme(), day=timezone.localdate()).get(pk, 0) == 0
    row = recruitment_selectors.coverage_row(region_pk=pk)
    assert row.active == 0 and row.has_gap  # Fryslân no longer shows as covered
    assert (ambassadors_per_region() or {}).get(pk, 0) == 0  # the signals map counts the same
    later = timezone.localdate() + timedelta(days=20)
    assert available_per_region(scheme=active_scheme(), day=later).get(pk) == 1  # only for the leave's period


def test_a_paused_ambassador_is_not_available(friesland_ambassador: Any) -> None:
    friesland_ambassador.status = "paused"
    friesland_ambassador.save()
    assert (
        available_per_region(scheme=active_scheme(), day=timezone.localdate()).get(
            region_pk(friesland_ambassador), 0
        )
        == 0
    )


def test_the_lists_show_who_is_on_leave(client_for: Any, coordinator: Any, friesland_ambassador: Any) -> None:
    leave(friesland_ambassador, start_in_days=0, length_days=5)
    client = client_for(coordinator)
    listing = client.get(reverse("ambassadors:list")).content.decode()
    assert "met verlof t/m" in listing
    loads = client.get(reverse("network:loads")).content.decode()
    assert "met verlof t/m" in loads


def test_the_absence_page_says_who_is_away_when_per_region(
    client_for: Any, coordinator: Any, friesland_ambassador: Any, ambassador: Any
) -> None:
    leave(friesland_ambassador, start_in_days=14, length_days=7)
    paused = make_ambassador("Zeist", name="Piet Pauze", status="paused")
    page = client_for(coordinator).get(reverse("ambassadors:absences"))
    assert page.status_code == 200
    text = page.content.decode()
    friesland = Region.objects.get(pk=region_pk(friesland_ambassador)).name
    utrecht = Region.objects.get(pk=region_pk(paused)).name
    assert friesland in text and "Fenna Fries" in text and "Piet Pauze" in text and utrecht in text
    assert "tot hervatten" in text
    assert client_for(ambassador).get(reverse("ambassadors:absences")).status_code == 403
