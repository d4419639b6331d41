"""Regions served, and what happens when the coordinator switches to another region scheme.

Decision (klankbord/ambassadors/models.py): the home region is derived from the active scheme; extra regions of
another scheme stop counting at once; ``ambassador_regions_realign`` drops them and flags the profile for review.
"""

from __future__ import annotations

from typing import Any

import pytest

from klankbord.ambassadors.selectors import (
    ambassador_queryset,
    ambassadors_with_stale_regions,
    served_region_ids,
)
from klankbord.ambassadors.services import ambassador_regions_realign, ambassador_regions_set
from klankbord.geo.constants import SchemeKind
from klankbord.geo.models import Region, RegionScheme
from klankbord.geo.selectors import active_scheme, region_of
from klankbord.geo.services import scheme_activate
from klankbord.matching.selectors import match_report
from tests.factories.ambassadors import make_ambassador
from tests.factories.core import raises_domain_error
from tests.factories.geo import municipality
from tests.factories.reports import make_report

pytestmark = pytest.mark.django_db


def served_names(ambassador: Any) -> set[str]:
    scheme = active_scheme()
    served = served_region_ids(list(ambassador_queryset().filter(pk=ambassador.pk)), scheme)[ambassador.pk]
    return set(Region.objects.filter(pk__in=served).values_list("name", flat=True))


def province(name: str) -> Region:
    return Region.objects.get(scheme=active_scheme(), name=name)


def test_the_home_region_is_always_served_and_extras_are_added(coordinator: Any) -> None:
    ambassador = make_ambassador("Zeist")
    assert served_names(ambassador) == {"Utrecht"}
    ambassador_regions_set(actor=coordinator, ambassador=ambassador, regions=[province("Flevoland")])
    assert served_names(ambassador) == {"Utrecht", "Flevoland"}


def test_extra_regions_must_belong_to_the_active_scheme(coordinator: Any) -> None:
    other = Region.objects.exclude(scheme=active_scheme()).first()
    with raises_domain_error("wrong_scheme"):
        ambassador_regions_set(actor=coordinator, ambassador=make_ambassador(), regions=[other])


def test_after_a_scheme_change_the_home_region_follows_and_old_extras_stop_counting(coordinator: Any) -> None:
    ambassador = make_ambassador("Zeist")
    ambassador_regions_set(actor=coordinator, ambassador=ambassador, regions=[province("Groningen")])
    safety = RegionScheme.objects.get(kind=SchemeKind.SAFETY_REGION)
    scheme_activate(actor=coordinator, scheme=safety)

    assert served_names(ambassador) == {region_of(municipality("Zeist")).name}
    assert list(ambassadors_with_stale_regions(scheme=safety)) == [ambassador]
    _context, result = match_report(report=make_report("Groningen"))
    assert ambassador.pk not in [s.candidate.id for s in result.suggestions]


def test_realigning_drops_old_extras_flags_the_profile_and_is_idempotent(coordinator: Any) -> None:
    moved, untouched = make_ambassador("Zeist"), make_ambassador("Gouda")
    ambassador_regions_set(actor=coordinator, ambassador=moved, regions=[province("Flevoland")])
    safety = RegionScheme.objects.get(kind=SchemeKind.SAFETY_REGION)
    scheme_activate(actor=coordinator, scheme=safety)

    assert ambassador_regions_realign(actor=coordinator) == 1
    assert ambassador_regions_realign(actor=coordinator) == 0
    moved.refresh_from_db()
    untouched.refresh_from_db()
    assert moved.regions_review_needed and not moved.extra_regions.exists()
    assert not untouched.regions_review_needed

    ambassador_regions_set(actor=coordinator, ambassador=moved, regions=[region_of(municipality("Lelystad"))])
    moved.refresh_from_db()
    assert not moved.regions_review_needed
