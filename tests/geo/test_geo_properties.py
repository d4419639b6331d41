"""Property: whatever sequence of region edits an administrator makes, every municipality stays in exactly one
region of every scheme (and refused operations change nothing)."""

from __future__ import annotations

from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from klankbord.geo.models import Municipality, Region, RegionMembership, RegionScheme
from klankbord.geo.selectors import scheme_check
from klankbord.geo.services import (
    municipality_move,
    region_create,
    region_delete,
    region_rename,
    scheme_activate,
    scheme_create_custom,
)

NAMES = ["Noord", "Zuid", "Oost", "West", "Midden", "Utrecht", "noord"]  # includes clashes on purpose

operations = st.lists(
    st.one_of(
        st.tuples(st.just("create"), st.sampled_from(NAMES)),
        st.tuples(st.just("rename"), st.integers(0, 40), st.sampled_from(NAMES)),
        st.tuples(st.just("move"), st.integers(0, 341), st.integers(0, 40)),
        st.tuples(st.just("delete"), st.integers(0, 40)),
        st.tuples(st.just("activate"), st.booleans()),
    ),
    max_size=25,
)


def _apply(scheme: RegionScheme, operation: tuple, municipalities: list[Municipality]) -> None:
    regions = list(Region.objects.filter(scheme=scheme).order_by("pk"))
    kind = operation[0]
    if kind == "create":
        region_create(actor=None, scheme=scheme, name=operation[1])
    elif kind == "rename":
        region_rename(actor=None, region=regions[operation[1] % len(regions)], name=operation[2])
    elif kind == "move":
        region = regions[operation[2] % len(regions)]
        municipality_move(actor=None, municipality=municipalities[operation[1]], region=region)
    elif kind == "delete":
        region_delete(actor=None, region=regions[operation[1] % len(regions)])
    else:
        target = scheme if operation[1] else RegionScheme.objects.get(slug="provincies")
        scheme_activate(actor=None, scheme=target)


def _state(scheme: RegionScheme) -> tuple[set[tuple[int, int]], set[tuple[int, str]], int]:
    memberships = set(
        RegionMembership.objects.filter(scheme=scheme).values_list("municipality_id", "region_id")
    )
    regions = set(Region.objects.filter(scheme=scheme).values_list("pk", "name"))
    active = RegionScheme.objects.get(is_active=True).pk
    return memberships, regions, active


def _assert_invariant() -> None:
    schemes = list(RegionScheme.objects.all())
    per_municipality = Counter(RegionMembership.objects.values_list("municipality_id", flat=True))
    assert len(per_municipality) == 342
    assert set(per_municipality.values()) == {len(schemes)}
    assert all(scheme_check(scheme).ok for scheme in schemes)
    assert RegionScheme.objects.filter(is_active=True).count() == 1


@pytest.mark.django_db
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    source=st.sampled_from(["provincies", "veiligheidsregios", "riec-regios", "corop-gebieden"]),
    ops=operations,
)
def test_no_sequence_of_edits_breaks_one_region_per_municipality_per_scheme(
    source: str, ops: list[tuple]
) -> None:
    with transaction.atomic():
        municipalities = list(Municipality.objects.order_by("code"))
        scheme = scheme_create_custom(
            actor=None, name="Eigen", copy_from=RegionScheme.objects.get(slug=source)
        )
        for operation in ops:
            before = _state(scheme)
            try:
                with transaction.atomic():
                    _apply(scheme, operation, municipalities)
            except ValidationError:
                # Refused edits (a duplicate name, a region that still has members) must change nothing.
                assert _state(scheme) == before
            assert scheme_check(scheme).ok
            assert RegionMembership.objects.filter(scheme=scheme).count() == 342
        _assert_invariant()
        transaction.set_rollback(True)
