"""The engine's inputs built from the database: regions from geo, party only with consent, load, leave."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from klankbord.ambassadors.constants import AmbassadorStatus
from klankbord.geo.models import Region
from klankbord.geo.selectors import active_scheme
from klankbord.matching.constants import AssignmentStatus, Exclusion, Tier
from klankbord.matching.selectors import (
    assignments_to_reassign,
    candidates,
    match_report,
    open_case_counts,
)
from tests.factories.ambassadors import conflict, leave, make_ambassador
from tests.factories.geo import municipality
from tests.factories.matching import assign
from tests.factories.reports import make_report

pytestmark = pytest.mark.django_db


def suggested(report: Any, **kwargs: Any) -> list[int]:
    _context, result = match_report(report=report, **kwargs)
    return [s.candidate.id for s in result.suggestions]


def left_out(report: Any) -> dict[int, tuple[str, ...]]:
    _context, result = match_report(report=report)
    return {item.candidate.id: tuple(item.exclusions) for item in result.left_out}


def test_own_province_comes_before_a_bordering_province_and_far_away_is_out_of_reach() -> None:
    own = make_ambassador("Amersfoort")
    neighbour = make_ambassador("Gouda")
    far = make_ambassador("Groningen")
    _context, result = match_report(report=make_report("Utrecht"))
    assert [(s.candidate.id, s.tier) for s in result.suggestions] == [
        (own.pk, Tier.OWN_REGION),
        (neighbour.pk, Tier.NEIGHBOURING_REGION),
    ]
    assert [c.id for c in result.out_of_reach] == [far.pk]
    assert result.suggestions[1].reasons[0] == "buurregio (Zuid-Holland)"


def test_an_extra_region_brings_a_distant_ambassador_into_the_first_tier() -> None:
    far = make_ambassador("Groningen")
    far.extra_regions.add(Region.objects.get(scheme=active_scheme(), name="Utrecht"))
    _context, result = match_report(report=make_report("Utrecht"))
    assert [(s.candidate.id, s.tier) for s in result.suggestions] == [(far.pk, Tier.OWN_REGION)]


def test_extra_regions_of_an_inactive_scheme_do_not_count() -> None:
    far = make_ambassador("Groningen")
    far.extra_regions.add(
        Region.objects.exclude(scheme=active_scheme()).filter(name__icontains="Utrecht").first()
    )
    _context, result = match_report(report=make_report("Utrecht"))
    assert not result.suggestions


def test_same_municipality_is_left_out() -> None:
    same = make_ambassador("Utrecht")
    assert left_out(make_report("Utrecht")) == {same.pk: (Exclusion.SAME_MUNICIPALITY,)}


def test_a_party_is_only_compared_when_the_ambassador_consented_and_the_member_shared_it() -> None:
    consented = make_ambassador(party="VVD", party_consent_at=timezone.now())
    without_consent = make_ambassador(party="VVD")
    assert left_out(make_report(party_shared=True, member_party=" vvd ")) == {
        consented.pk: (Exclusion.SAME_PARTY,)
    }
    assert suggested(make_report(party_shared=False, member_party="VVD")) == sorted(
        [consented.pk, without_consent.pk]
    )


def test_the_members_excluded_municipalities_on_the_report_are_honoured() -> None:
    zeist = make_ambassador("Zeist")
    report = make_report()
    report.wish_excluded_municipalities.add(municipality("Zeist"))
    assert left_out(report) == {zeist.pk: (Exclusion.WISH_MUNICIPALITY,)}


def test_the_members_gender_wish_on_the_report_ranks_but_does_not_exclude() -> None:
    man = make_ambassador("Zeist", gender="man")
    woman = make_ambassador("Amersfoort", gender="woman")
    assert suggested(make_report(wish_gender="woman")) == [woman.pk, man.pk]


def test_declared_conflicts_are_read_from_the_profile() -> None:
    municipal = make_ambassador()
    conflict(municipal, municipality_name="Utrecht")
    personal = make_ambassador()
    conflict(personal, kind="person", name="Sanne  de Wit")
    report = make_report(contact_name="sanne de wit")
    assert left_out(report) == {municipal.pk: (Exclusion.CONFLICT,), personal.pk: (Exclusion.CONFLICT,)}


def test_open_assignments_fill_the_capacity_and_closed_ones_do_not() -> None:
    busy = make_ambassador(capacity=2)
    assign(busy, status=AssignmentStatus.ACCEPTED)
    assign(busy, status=AssignmentStatus.REQUESTED)
    assign(busy, status=AssignmentStatus.ENDED)
    assign(busy, status=AssignmentStatus.DECLINED)
    assert open_case_counts([busy.pk]) == {busy.pk: 2}
    assert left_out(make_report()) == {busy.pk: (Exclusion.FULL,)}


def test_leave_within_the_horizon_excludes(settings: Any) -> None:
    settings.KLANKBORD_MATCHING_LEAVE_HORIZON_DAYS = 3
    soon, later = make_ambassador(), make_ambassador("Amersfoort")
    leave(soon, start_in_days=3, length_days=5)
    leave(later, start_in_days=4, length_days=5)
    assert left_out(make_report()) == {soon.pk: (Exclusion.ON_LEAVE,)}


def test_paused_ambassadors_are_left_out_and_ended_ones_are_not_listed() -> None:
    paused = make_ambassador(status=AmbassadorStatus.PAUSED)
    make_ambassador(status=AmbassadorStatus.ENDED)
    assert left_out(make_report()) == {paused.pk: (Exclusion.NOT_ACTIVE,)}


def test_a_report_without_municipality_cannot_be_matched() -> None:
    assert match_report(report=make_report(home="")) == (None, None)


def test_building_candidates_takes_the_same_number_of_queries_for_many_ambassadors(
    django_assert_max_num_queries: Any,
) -> None:
    scheme = active_scheme()
    for home in ["Zeist", "Gouda", "Groningen", "Amersfoort", "Leeuwarden", "Lelystad"] * 3:
        ambassador = make_ambassador(home)
        assign(ambassador)
        leave(ambassador, 1, 2)
        conflict(ambassador, municipality_name="Utrecht")
    with django_assert_max_num_queries(6):
        assert len(candidates(scheme=scheme, today=timezone.localdate())) == 18


def test_open_assignments_of_paused_or_ended_ambassadors_are_to_be_reassigned() -> None:
    paused = make_ambassador(status=AmbassadorStatus.PAUSED)
    ended = make_ambassador(status=AmbassadorStatus.ENDED)
    active = make_ambassador()
    waiting = assign(paused, status=AssignmentStatus.REQUESTED)
    supporting = assign(ended)
    assign(active)
    assign(paused, status=AssignmentStatus.ENDED)
    assert {a.pk for a in assignments_to_reassign()} == {waiting.pk, supporting.pk}
