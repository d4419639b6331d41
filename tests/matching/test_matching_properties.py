"""Property: whatever the ambassadors and the member look like, no suggestion ever breaks an exclusion rule.

The rules are re-stated here independently of the engine's own rule functions, so a bug in one of them fails.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from klankbord.matching import engine

TODAY = date(2026, 4, 14)
MUNICIPALITIES = [
    engine.Place(pk, f"Gemeente {pk}", 51.0 + pk * 0.1, 4.0 + pk * 0.15, region)
    for pk, region in [(1, 1), (2, 1), (3, 1), (4, 2), (5, 2), (6, 3), (7, 3), (8, 4)]
]
PARTIES = st.sampled_from(["", "vvd", "d66", "sp", "cda"])
GENDERS = st.sampled_from(["", "woman", "man", "other"])
REGIONS = st.frozensets(st.integers(min_value=1, max_value=4), max_size=3)
MUNICIPALITY_IDS = st.frozensets(st.integers(min_value=1, max_value=8), max_size=3)


LEAVE = st.builds(
    lambda start, length: engine.Leave(TODAY + timedelta(days=start), TODAY + timedelta(days=start + length)),
    st.integers(min_value=-30, max_value=30),
    st.integers(min_value=0, max_value=20),
)
CANDIDATE = st.builds(
    engine.Candidate,
    id=st.just(0),  # numbered after drawing
    name=st.just(""),
    home=st.sampled_from(MUNICIPALITIES),
    served_region_ids=REGIONS,
    status=st.sampled_from(["active", "active", "paused", "ended"]),
    capacity=st.integers(min_value=1, max_value=5),
    open_cases=st.integers(min_value=0, max_value=6),
    party=PARTIES,
    gender=GENDERS,
    languages=st.frozensets(st.sampled_from(["nl", "fy", "en"]), max_size=2),
    leave=st.lists(LEAVE, max_size=2).map(tuple),
    conflict_municipality_ids=MUNICIPALITY_IDS,
    conflict_parties=st.frozensets(PARTIES.filter(bool), max_size=1),
    conflict_persons=st.frozensets(st.sampled_from(["sanne de wit", "jan de vries"]), max_size=1),
)
WISHES = st.builds(
    engine.Wishes,
    gender=st.sampled_from(["", "woman", "man"]),
    gender_required=st.booleans(),
    excluded_municipality_ids=MUNICIPALITY_IDS,
    excluded_party=PARTIES,
    language=st.sampled_from(["", "fy"]),
)


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[list[engine.Candidate], engine.MatchContext]:
    drawn = draw(st.lists(CANDIDATE, max_size=8))
    people = [replace(c, id=pk, name=f"A{pk}") for pk, c in enumerate(drawn, start=1)]
    place = draw(st.sampled_from(MUNICIPALITIES))
    context = engine.MatchContext(
        member=engine.Member(
            place=place, party=draw(PARTIES), name=draw(st.sampled_from(["", "sanne de wit"]))
        ),
        today=TODAY,
        wishes=draw(WISHES),
        neighbour_region_ids=draw(REGIONS) - {place.region_id},
        leave_horizon_days=draw(st.integers(min_value=0, max_value=14)),
    )
    return people, context


def assert_breaks_no_rule(c: engine.Candidate, ctx: engine.MatchContext) -> None:
    m, w = ctx.member, ctx.wishes
    assert c.home.municipality_id != m.place.municipality_id
    assert not (m.party and c.party and m.party == c.party)
    assert c.home.municipality_id not in w.excluded_municipality_ids
    assert not (w.excluded_party and c.party == w.excluded_party)
    assert not (w.gender_required and w.gender and c.gender != w.gender)
    assert m.place.municipality_id not in c.conflict_municipality_ids
    assert not (m.party and m.party in c.conflict_parties)
    assert not (m.name and m.name in c.conflict_persons)
    assert c.open_cases < c.capacity
    horizon_end = ctx.today + timedelta(days=ctx.leave_horizon_days)
    assert all(p.ends_on < ctx.today or p.starts_on > horizon_end for p in c.leave)
    assert c.status == "active"
    assert m.place.region_id in c.served_region_ids or c.served_region_ids & ctx.neighbour_region_ids


@settings(max_examples=200, deadline=None)
@given(scenarios())
def test_no_suggestion_ever_breaks_an_exclusion_rule(
    scenario: tuple[list[engine.Candidate], engine.MatchContext],
) -> None:
    people, ctx = scenario
    result = engine.match(people, ctx)
    for suggestion in result.suggestions:
        assert_breaks_no_rule(suggestion.candidate, ctx)


@settings(max_examples=100, deadline=None)
@given(scenarios())
def test_every_candidate_is_accounted_for_once_and_tiers_come_in_order(
    scenario: tuple[list[engine.Candidate], engine.MatchContext],
) -> None:
    people, ctx = scenario
    result = engine.match(people, ctx)
    seen = [s.candidate.id for s in result.suggestions]
    seen += [item.candidate.id for item in result.left_out] + [c.id for c in result.out_of_reach]
    assert sorted(seen) == [c.id for c in people]
    tiers = [s.tier for s in result.suggestions]
    assert tiers == sorted(tiers)
    assert (result.gap is None) == bool(result.suggestions)
    assert all(item.exclusions for item in result.left_out)
