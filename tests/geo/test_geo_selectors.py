"""Reads other apps rely on: regions, neighbouring regions, distances and form choices."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from klankbord.geo.models import Municipality, Region, RegionScheme
from klankbord.geo.selectors import (
    active_scheme,
    distance_km,
    municipality_choices,
    neighbouring_regions,
    region_of,
    regions_of_scheme,
    scheme_neighbour_map,
    sort_key,
)
from klankbord.geo.services import municipality_move, reference_data_load, region_create, scheme_activate

pytestmark = pytest.mark.django_db
Get = Callable[[str], Municipality]


def _names(regions: Any) -> set[str]:
    return {region.name for region in regions}


def test_the_provinces_are_active_until_another_scheme_is_activated() -> None:
    assert active_scheme().slug == "provincies"
    scheme_activate(actor=None, scheme=RegionScheme.objects.get(slug="riec-regios"))
    assert active_scheme().slug == "riec-regios"


def test_region_of_uses_the_active_scheme_by_default(municipality: Get) -> None:
    maastricht = municipality("Maastricht")
    assert region_of(maastricht).name == "Limburg"
    scheme_activate(actor=None, scheme=RegionScheme.objects.get(slug="corop-gebieden"))
    assert region_of(maastricht).name == "Zuid-Limburg"


def test_region_counts_come_in_one_query(provinces: RegionScheme, django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(1):
        counts = {region.name: region.municipality_count for region in regions_of_scheme(provinces)}  # type: ignore[attr-defined]
    assert sum(counts.values()) == 342
    assert counts["Flevoland"] == 6


def test_neighbouring_provinces_follow_the_map(provinces: RegionScheme) -> None:
    def around(name: str) -> set[str]:
        return _names(neighbouring_regions(Region.objects.get(scheme=provinces, name=name)))

    assert around("Limburg") == {"Gelderland", "Noord-Brabant"}
    assert around("Groningen") == {"Fryslân", "Drenthe"}
    assert around("Zeeland") == {"Zuid-Holland", "Noord-Brabant"}
    assert "Utrecht" not in around("Utrecht")


def test_neighbouring_regions_are_symmetric_and_match_the_scheme_map() -> None:
    scheme = RegionScheme.objects.get(slug="veiligheidsregios")
    borders = scheme_neighbour_map(scheme)
    for region in Region.objects.filter(scheme=scheme):
        found = {r.pk for r in neighbouring_regions(region)}
        assert found == borders[region.pk]
        assert all(region.pk in borders[other] for other in found)


def test_a_new_custom_region_borders_what_its_municipalities_border(
    custom_scheme: RegionScheme, municipality: Get
) -> None:
    island = region_create(actor=None, scheme=custom_scheme, name="Texel apart")
    municipality_move(actor=None, municipality=municipality("Texel"), region=island)
    assert list(neighbouring_regions(island)) == []  # Texel shares no border in the CBS layers
    waterland = region_create(actor=None, scheme=custom_scheme, name="Waterland e.o.")
    municipality_move(actor=None, municipality=municipality("Waterland"), region=waterland)
    assert "Noord-Holland" in _names(neighbouring_regions(waterland))
    assert "Waterland e.o." in _names(
        neighbouring_regions(Region.objects.get(scheme=custom_scheme, code="PV27"))
    )


def test_distances_between_centroids_are_plausible(municipality: Get) -> None:
    amsterdam, maastricht, groningen = (
        municipality("Amsterdam"),
        municipality("Maastricht"),
        municipality("Groningen"),
    )
    assert distance_km(amsterdam, amsterdam) == 0
    assert 170 < distance_km(amsterdam, maastricht) < 185  # about 177 km as the crow flies
    assert 260 < distance_km(groningen, maastricht) < 280
    assert distance_km(amsterdam, maastricht) == pytest.approx(distance_km(maastricht, amsterdam))
    assert distance_km(amsterdam, municipality("Amstelveen")) < 15


def test_choices_are_in_dutch_alphabetical_order(django_assert_num_queries: Any) -> None:
    choices = municipality_choices()
    names = [name for _pk, name in choices]
    assert len(choices) == 342
    assert names[0] == "Aa en Hunze"
    assert names.index("Gooise Meren") < names.index("'s-Gravenhage") < names.index("Groningen")
    with django_assert_num_queries(0):
        assert municipality_choices() == choices


def test_choices_follow_a_reload_that_renamed_a_municipality(django_capture_on_commit_callbacks: Any) -> None:
    Municipality.objects.filter(code="GM0363").update(name="Mokum")
    assert "Mokum" in {name for _pk, name in municipality_choices()}  # now cached
    with django_capture_on_commit_callbacks(execute=True):
        reference_data_load(actor=None)  # restores the name; clears the cache after commit
    names = {name for _pk, name in municipality_choices()}
    assert "Amsterdam" in names and "Mokum" not in names


def test_sort_key_ignores_case_accents_and_the_old_genitive() -> None:
    assert sort_key("'s-Hertogenbosch") == "hertogenbosch"
    assert sort_key("Súdwest-Fryslân") == "sudwest-fryslan"
