"""The matching engine on plain data: one test per exclusion rule, ranking, reasons and gaps."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest

from klankbord.matching import engine
from klankbord.matching.constants import Exclusion, GapReason, Tier

TODAY = date(2026, 4, 14)
OWN, NEIGHBOUR, FAR = 10, 20, 30

UTRECHT = engine.Place(1, "Utrecht", 52.09, 5.12, OWN)
ZEIST = engine.Place(2, "Zeist", 52.09, 5.23, OWN)
AMERSFOORT = engine.Place(3, "Amersfoort", 52.16, 5.39, OWN)
GOUDA = engine.Place(4, "Gouda", 52.01, 4.71, NEIGHBOUR)
GRONINGEN = engine.Place(5, "Groningen", 53.22, 6.57, FAR)


def member(**changes: Any) -> engine.Member:
    return replace(engine.Member(place=UTRECHT, party="", name="sanne de wit"), **changes)


def context(**changes: Any) -> engine.MatchContext:
    base = engine.MatchContext(
        member=member(),
        today=TODAY,
        neighbour_region_ids=frozenset({NEIGHBOUR}),
        region_names={OWN: "Utrecht", NEIGHBOUR: "Zuid-Holland", FAR: "Groningen"},
        leave_horizon_days=7,
    )
    return replace(base, **changes)


def candidate(pk: int = 1, **changes: Any) -> engine.Candidate:
    base = engine.Candidate(
        id=pk,
        name=f"Ambassadeur {pk}",
        home=ZEIST,
        served_region_ids=frozenset({OWN}),
        status="active",
        capacity=3,
        open_cases=0,
    )
    return replace(base, **changes)


def only(result: engine.MatchResult) -> engine.LeftOut:
    assert not result.suggestions
    assert len(result.left_out) == 1
    return result.left_out[0]


def test_an_available_ambassador_of_the_region_is_suggested() -> None:
    result = engine.match([candidate()], context())
    assert [s.candidate.id for s in result.suggestions] == [1]
    assert result.gap is None


def test_an_ambassador_from_the_members_own_municipality_is_never_suggested() -> None:
    result = engine.match([candidate(home=UTRECHT)], context())
    assert only(result).exclusions == (Exclusion.SAME_MUNICIPALITY,)


def test_an_ambassador_of_the_same_party_is_left_out_when_both_parties_are_known() -> None:
    result = engine.match(
        [candidate(party="groenlinks-pvda")], context(member=member(party="groenlinks-pvda"))
    )
    assert only(result).exclusions == (Exclusion.SAME_PARTY,)


@pytest.mark.parametrize(("member_party", "ambassador_party"), [("", "vvd"), ("vvd", ""), ("vvd", "d66")])
def test_party_does_not_exclude_when_one_party_is_unknown_or_they_differ(
    member_party: str, ambassador_party: str
) -> None:
    result = engine.match([candidate(party=ambassador_party)], context(member=member(party=member_party)))
    assert len(result.suggestions) == 1


def test_an_ambassador_from_a_municipality_the_member_excluded_is_left_out() -> None:
    wishes = engine.Wishes(excluded_municipality_ids=frozenset({ZEIST.municipality_id}))
    result = engine.match([candidate()], context(wishes=wishes))
    assert only(result).exclusions == (Exclusion.WISH_MUNICIPALITY,)


def test_an_ambassador_of_a_party_the_member_excluded_is_left_out() -> None:
    wishes = engine.Wishes(excluded_party="pvv")
    result = engine.match([candidate(party="pvv"), candidate(2, party="cda")], context(wishes=wishes))
    assert [s.candidate.id for s in result.suggestions] == [2]
    assert result.left_out[0].exclusions == (Exclusion.WISH_PARTY,)


def test_a_required_gender_leaves_out_other_and_unknown_genders() -> None:
    wishes = engine.Wishes(gender="woman", gender_required=True)
    people = [candidate(1, gender="woman"), candidate(2, gender="man"), candidate(3, gender="")]
    result = engine.match(people, context(wishes=wishes))
    assert [s.candidate.id for s in result.suggestions] == [1]
    assert {item.candidate.id: item.exclusions for item in result.left_out} == {
        2: (Exclusion.WISH_GENDER,),
        3: (Exclusion.WISH_GENDER,),
    }


def test_a_preferred_gender_only_ranks_and_never_excludes() -> None:
    wishes = engine.Wishes(gender="woman")
    result = engine.match([candidate(1, gender="man"), candidate(2, gender="woman")], context(wishes=wishes))
    assert [s.candidate.id for s in result.suggestions] == [2, 1]
    assert "gewenst gender" in result.suggestions[0].reasons


def test_a_declared_conflict_with_the_members_municipality_excludes() -> None:
    result = engine.match(
        [candidate(conflict_municipality_ids=frozenset({UTRECHT.municipality_id}))], context()
    )
    assert only(result).exclusions == (Exclusion.CONFLICT,)


def test_a_declared_conflict_with_the_member_as_a_person_or_their_party_excludes() -> None:
    people = [
        candidate(1, conflict_persons=frozenset({"sanne de wit"})),
        candidate(2, conflict_parties=frozenset({"sp"})),
    ]
    result = engine.match(people, context(member=member(party="sp")))
    assert not result.suggestions
    assert all(item.exclusions == (Exclusion.CONFLICT,) for item in result.left_out)


def test_an_ambassador_at_capacity_is_left_out() -> None:
    result = engine.match([candidate(capacity=2, open_cases=2)], context())
    assert only(result).exclusions == (Exclusion.FULL,)


def test_an_ambassador_over_capacity_is_left_out_too() -> None:
    result = engine.match([candidate(capacity=2, open_cases=5)], context())
    assert only(result).exclusions == (Exclusion.FULL,)


def test_an_ambassador_on_leave_today_is_left_out() -> None:
    leave = (engine.Leave(TODAY - timedelta(days=3), TODAY),)
    result = engine.match([candidate(leave=leave)], context())
    assert only(result).exclusions == (Exclusion.ON_LEAVE,)


def test_leave_starting_within_the_horizon_excludes_but_later_leave_does_not() -> None:
    soon = candidate(1, leave=(engine.Leave(TODAY + timedelta(days=7), TODAY + timedelta(days=20)),))
    later = candidate(2, leave=(engine.Leave(TODAY + timedelta(days=8), TODAY + timedelta(days=20)),))
    past = candidate(3, leave=(engine.Leave(TODAY - timedelta(days=20), TODAY - timedelta(days=1)),))
    result = engine.match([soon, later, past], context(leave_horizon_days=7))
    assert sorted(s.candidate.id for s in result.suggestions) == [2, 3]
    assert result.left_out[0].candidate.id == 1


def test_the_leave_horizon_is_configurable() -> None:
    soon = candidate(leave=(engine.Leave(TODAY + timedelta(days=3), TODAY + timedelta(days=5)),))
    assert engine.match([soon], context(leave_horizon_days=0)).suggestions
    assert not engine.match([soon], context(leave_horizon_days=3)).suggestions


@pytest.mark.parametrize("status", ["paused", "ended"])
def test_an_ambassador_who_is_not_active_is_left_out(status: str) -> None:
    result = engine.match([candidate(status=status)], context())
    assert only(result).exclusions == (Exclusion.NOT_ACTIVE,)


def test_every_broken_rule_is_listed_for_the_counsellor() -> None:
    broken = candidate(home=UTRECHT, status="paused", capacity=1, open_cases=1)
    assert only(engine.match([broken], context())).exclusions == (
        Exclusion.SAME_MUNICIPALITY,
        Exclusion.FULL,
        Exclusion.NOT_ACTIVE,
    )


def test_own_region_ranks_before_a_neighbouring_region_even_when_farther_away() -> None:
    far_in_region = candidate(1, home=AMERSFOORT, served_region_ids=frozenset({OWN}), open_cases=2)
    near_neighbour = candidate(2, home=GOUDA, served_region_ids=frozenset({NEIGHBOUR}))
    result = engine.match([near_neighbour, far_in_region], context())
    assert [(s.candidate.id, s.tier) for s in result.suggestions] == [
        (1, Tier.OWN_REGION),
        (2, Tier.NEIGHBOURING_REGION),
    ]


def test_an_ambassador_serving_neither_the_region_nor_a_neighbour_is_out_of_reach() -> None:
    result = engine.match([candidate(home=GRONINGEN, served_region_ids=frozenset({FAR}))], context())
    assert not result.suggestions and not result.left_out
    assert [c.id for c in result.out_of_reach] == [1]


def test_inside_a_tier_a_nearer_ambassador_ranks_first() -> None:
    result = engine.match([candidate(1, home=AMERSFOORT), candidate(2, home=ZEIST)], context())
    assert [s.candidate.id for s in result.suggestions] == [2, 1]
    assert result.suggestions[0].distance_km < result.suggestions[1].distance_km


def test_inside_a_tier_a_busy_ambassador_ranks_after_a_free_one_at_the_same_distance() -> None:
    result = engine.match([candidate(1, open_cases=2), candidate(2, open_cases=0)], context())
    assert [s.candidate.id for s in result.suggestions] == [2, 1]


def test_a_preferred_language_ranks_higher() -> None:
    wishes = engine.Wishes(language="fy")
    result = engine.match([candidate(1), candidate(2, languages=frozenset({"fy"}))], context(wishes=wishes))
    assert [s.candidate.id for s in result.suggestions] == [2, 1]
    assert "spreekt de gewenste taal" in result.suggestions[0].reasons


def test_each_suggestion_says_why_it_ranks_there() -> None:
    suggestions = engine.match(
        [
            candidate(1, capacity=4, open_cases=2),
            candidate(2, home=GOUDA, served_region_ids=frozenset({NEIGHBOUR})),
        ],
        context(),
    ).suggestions
    own, neighbour = suggestions
    assert own.reasons[0] == "zelfde regio"
    assert own.reasons[1] == f"{round(own.distance_km)} km"
    assert "2 van 4 plekken bezet" in own.reasons
    assert neighbour.reasons[0] == "buurregio (Zuid-Holland)"


def test_no_suggestion_at_all_is_a_gap_naming_why() -> None:
    result = engine.match([candidate(1, capacity=1, open_cases=1), candidate(2, status="paused")], context())
    assert result.gap == engine.GapFinding(GapReason.ALL_EXCLUDED, {"niet_actief": 1, "vol": 1})


def test_nobody_in_or_near_the_region_is_a_gap_without_exclusions() -> None:
    result = engine.match([candidate(home=GRONINGEN, served_region_ids=frozenset({FAR}))], context())
    assert result.gap == engine.GapFinding(GapReason.NO_AMBASSADORS, {})


def test_a_suggestion_in_a_neighbouring_region_is_not_a_gap() -> None:
    result = engine.match([candidate(home=GOUDA, served_region_ids=frozenset({NEIGHBOUR}))], context())
    assert result.gap is None


def test_names_and_parties_are_compared_case_and_space_insensitively() -> None:
    assert engine.normalise("  GroenLinks-PvdA ") == engine.normalise("groenlinks-pvda")
    assert engine.normalise("Sanne  de Wit") == "sanne de wit"
    assert engine.normalise(None) == ""
