"""Changing region schemes through the services: the invariant holds after every operation."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db.models import ProtectedError

from klankbord.audit.models import AuditEntry
from klankbord.geo.constants import SchemeKind
from klankbord.geo.models import Municipality, Region, RegionMembership, RegionScheme
from klankbord.geo.selectors import active_scheme, region_of, scheme_check
from klankbord.geo.services import (
    membership_validate,
    municipality_move,
    region_create,
    region_delete,
    region_rename,
    scheme_activate,
    scheme_create_custom,
    scheme_delete,
)
from tests.factories.core import raises_domain_error

pytestmark = pytest.mark.django_db


def _actions() -> list[str]:
    return list(AuditEntry.objects.order_by("sequence").values_list("action", flat=True))


def test_activating_another_complete_scheme_switches_the_active_one(administrator: Any) -> None:
    safety = RegionScheme.objects.get(slug="veiligheidsregios")
    scheme_activate(actor=administrator, scheme=safety)
    assert active_scheme() == safety
    assert RegionScheme.objects.filter(is_active=True).count() == 1
    entry = AuditEntry.objects.get(action="geo.scheme.activated")
    assert entry.data == {"scheme": "veiligheidsregios", "previous": "provincies"}
    assert entry.actor_id == administrator.pk


def test_activating_a_scheme_where_a_municipality_lacks_a_region_is_refused(
    custom_scheme: RegionScheme,
) -> None:
    RegionMembership.objects.filter(scheme=custom_scheme, municipality__name="Utrecht").delete()
    with raises_domain_error("incomplete", match="Utrecht"):
        scheme_activate(actor=None, scheme=custom_scheme)
    assert active_scheme().slug == "provincies"
    assert "geo.scheme.activated" not in _actions()


def test_activating_a_scheme_with_a_membership_pointing_into_another_scheme_is_refused(
    custom_scheme: RegionScheme, provinces: RegionScheme
) -> None:
    foreign = Region.objects.get(scheme=provinces, code="PV31")
    RegionMembership.objects.filter(scheme=custom_scheme, municipality__name="Utrecht").update(region=foreign)
    assert scheme_check(custom_scheme).mismatched
    assert scheme_check(provinces).mismatched  # the province scheme sees the stray row too
    with raises_domain_error("incomplete"):
        scheme_activate(actor=None, scheme=custom_scheme)


def test_a_membership_must_point_at_a_region_of_its_own_scheme(
    custom_scheme: RegionScheme, provinces: RegionScheme, municipality: Callable[[str], Municipality]
) -> None:
    foreign = Region.objects.get(scheme=provinces, code="PV31")
    stray = RegionMembership(scheme=custom_scheme, region=foreign, municipality=municipality("Ede"))
    with raises_domain_error("scheme_mismatch", match="hoort niet bij deze indeling"):
        membership_validate(stray)
    own = Region.objects.get(scheme=custom_scheme, code="PV31")
    membership_validate(RegionMembership(scheme=custom_scheme, region=own, municipality=municipality("Ede")))


def test_a_custom_scheme_starts_as_a_full_copy(provinces: RegionScheme, administrator: Any) -> None:
    scheme = scheme_create_custom(actor=administrator, name="  Netwerk   2026 ", copy_from=provinces)
    assert (scheme.name, scheme.slug, scheme.kind, scheme.is_active) == (
        "Netwerk 2026",
        "netwerk-2026",
        SchemeKind.CUSTOM,
        False,
    )
    copied = set(
        RegionMembership.objects.filter(scheme=scheme).values_list("municipality__code", "region__name")
    )
    source = set(
        RegionMembership.objects.filter(scheme=provinces).values_list("municipality__code", "region__name")
    )
    assert copied == source and len(copied) == 342
    assert scheme_check(scheme).ok
    assert "geo.scheme.created" in _actions()


@pytest.mark.parametrize(
    ("name", "message", "code"),
    [
        ("", "Vul een naam in", "required"),
        ("x" * 81, "hoogstens 80", "max_length"),
        ("a\u200bb", "onzichtbare", "invalid"),
    ],
)
def test_a_custom_scheme_needs_a_sensible_name(
    provinces: RegionScheme, name: str, message: str, code: str
) -> None:
    with raises_domain_error(code, match=message):
        scheme_create_custom(actor=None, name=name, copy_from=provinces)


def test_a_custom_scheme_name_is_unique_regardless_of_case(custom_scheme: RegionScheme) -> None:
    with raises_domain_error("duplicate", match="al een indeling"):
        scheme_create_custom(actor=None, name="NETWERKREGIO'S", copy_from=custom_scheme)


def test_a_custom_scheme_never_takes_a_reserved_url_segment(provinces: RegionScheme) -> None:
    scheme = scheme_create_custom(actor=None, name="Nieuw", copy_from=provinces)
    assert scheme.slug == "nieuw-2"


def test_moving_a_municipality_takes_it_out_of_its_old_region(
    custom_scheme: RegionScheme,
    municipality: Callable[[str], Municipality],
    administrator: Any,
) -> None:
    randstad = region_create(actor=administrator, scheme=custom_scheme, name="Randstad")
    utrecht = municipality("Utrecht")
    municipality_move(actor=administrator, municipality=utrecht, region=randstad)
    assert region_of(utrecht, custom_scheme) == randstad
    assert RegionMembership.objects.filter(scheme=custom_scheme, municipality=utrecht).count() == 1
    assert Region.objects.get(scheme=custom_scheme, code="PV26").memberships.count() == 25
    assert scheme_check(custom_scheme).ok
    entry = AuditEntry.objects.get(action="geo.municipality.moved")
    assert entry.data == {
        "scheme": "netwerkregios",
        "municipality": "GM0344",
        "from": "PV26",
        "to": "randstad",
    }


def test_moving_a_municipality_to_its_own_region_changes_nothing(
    custom_scheme: RegionScheme, municipality: Callable[[str], Municipality]
) -> None:
    own = Region.objects.get(scheme=custom_scheme, code="PV26")
    municipality_move(actor=None, municipality=municipality("Utrecht"), region=own)
    assert "geo.municipality.moved" not in _actions()


@pytest.mark.parametrize("slug", ["provincies", "veiligheidsregios", "riec-regios", "corop-gebieden"])
def test_builtin_schemes_are_read_only(slug: str, municipality: Callable[[str], Municipality]) -> None:
    scheme = RegionScheme.objects.get(slug=slug)
    region = scheme.regions.first()
    assert region is not None
    attempts = [
        lambda: region_create(actor=None, scheme=scheme, name="Extra"),
        lambda: region_rename(actor=None, region=region, name="Anders"),
        lambda: region_delete(actor=None, region=region),
        lambda: municipality_move(actor=None, municipality=municipality("Ede"), region=region),
        lambda: scheme_delete(actor=None, scheme=scheme),
    ]
    for attempt in attempts:
        with raises_domain_error("builtin", match="ingebouwde indeling"):
            attempt()
    assert scheme_check(scheme).ok


def test_region_names_are_unique_within_a_scheme(custom_scheme: RegionScheme) -> None:
    with raises_domain_error("duplicate", match="al een regio"):
        region_create(actor=None, scheme=custom_scheme, name="utrecht")
    region = Region.objects.get(scheme=custom_scheme, code="PV26")
    with raises_domain_error("duplicate", match="al een regio"):
        region_rename(actor=None, region=region, name="Gelderland")


def test_renaming_a_region_keeps_its_code(custom_scheme: RegionScheme) -> None:
    region = Region.objects.get(scheme=custom_scheme, code="PV26")
    region_rename(actor=None, region=region, name="Sticht")
    region.refresh_from_db()
    assert (region.code, region.name) == ("PV26", "Sticht")
    assert AuditEntry.objects.get(action="geo.region.renamed").data["old_name"] == "Utrecht"


def test_only_an_empty_region_can_be_deleted(custom_scheme: RegionScheme) -> None:
    full = Region.objects.get(scheme=custom_scheme, code="PV26")
    with raises_domain_error("not_empty", match="bevat nog gemeenten"):
        region_delete(actor=None, region=full)
    empty = region_create(actor=None, scheme=custom_scheme, name="Leeg")
    region_delete(actor=None, region=empty)
    assert not Region.objects.filter(pk=empty.pk).exists()
    assert scheme_check(custom_scheme).ok


def test_an_inactive_custom_scheme_can_be_deleted_with_its_regions(custom_scheme: RegionScheme) -> None:
    scheme_delete(actor=None, scheme=custom_scheme)
    assert not RegionScheme.objects.filter(pk=custom_scheme.pk).exists()
    assert not Region.objects.filter(scheme_id=custom_scheme.pk).exists()
    assert RegionMembership.objects.count() == 4 * 342


def test_the_active_scheme_cannot_be_deleted(custom_scheme: RegionScheme) -> None:
    scheme_activate(actor=None, scheme=custom_scheme)
    with raises_domain_error("active", match="actieve indeling"):
        scheme_delete(actor=None, scheme=custom_scheme)


def test_an_active_custom_scheme_can_still_be_edited_and_stays_complete(
    custom_scheme: RegionScheme, municipality: Callable[[str], Municipality]
) -> None:
    scheme_activate(actor=None, scheme=custom_scheme)
    north = region_create(actor=None, scheme=custom_scheme, name="Wadden")
    for name in ["Texel", "Vlieland", "Terschelling", "Ameland", "Schiermonnikoog"]:
        municipality_move(actor=None, municipality=municipality(name), region=north)
    assert region_of(municipality("Texel")) == north
    assert scheme_check(custom_scheme).ok


def test_a_region_still_used_elsewhere_is_refused_not_crashed(
    custom_scheme: RegionScheme, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = region_create(actor=None, scheme=custom_scheme, name="Leeg")

    def protected(self: Region, *args: object, **kwargs: object) -> None:
        raise ProtectedError("in use", set())

    monkeypatch.setattr(Region, "delete", protected)
    with raises_domain_error("in_use", match="nog in gebruik"):
        region_delete(actor=None, region=empty)
    assert Region.objects.filter(pk=empty.pk).exists()
    assert "geo.region.deleted" not in _actions()


def test_a_scheme_whose_regions_are_used_elsewhere_is_refused_not_crashed(
    custom_scheme: RegionScheme, monkeypatch: pytest.MonkeyPatch
) -> None:
    def protected(self: RegionScheme, *args: object, **kwargs: object) -> None:
        raise ProtectedError("in use", set())

    monkeypatch.setattr(RegionScheme, "delete", protected)
    with raises_domain_error("in_use", match="nog in gebruik"):
        scheme_delete(actor=None, scheme=custom_scheme)
    assert RegionScheme.objects.filter(pk=custom_scheme.pk).exists()
