"""The reference data in the database: loaded by the data migration, reloadable with `klankbord geo load`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from klankbord.audit.models import AuditEntry
from klankbord.geo.models import Municipality, Region, RegionMembership, RegionScheme
from klankbord.geo.selectors import region_of, scheme_check
from klankbord.geo.services import reference_data_load

pytestmark = pytest.mark.django_db

PROVINCE_SIZES = {
    "Noord-Brabant": 56,
    "Gelderland": 51,
    "Zuid-Holland": 50,
    "Noord-Holland": 44,
    "Limburg": 31,
    "Utrecht": 26,
    "Overijssel": 25,
    "Fryslân": 18,
    "Zeeland": 13,
    "Drenthe": 12,
    "Groningen": 10,
    "Flevoland": 6,
}
WADDEN_ISLANDS = {"Texel", "Vlieland", "Terschelling", "Ameland", "Schiermonnikoog"}


def _snapshot() -> tuple[int, ...]:
    return (
        Municipality.objects.count(),
        RegionScheme.objects.count(),
        Region.objects.count(),
        RegionMembership.objects.count(),
        Municipality.neighbours.through.objects.count(),
    )


def _load(*args: str) -> str:
    out = StringIO()
    call_command("geo", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def _assert_every_municipality_in_one_region_of_every_scheme() -> None:
    schemes = RegionScheme.objects.count()
    per_municipality = Counter(RegionMembership.objects.values_list("municipality_id", flat=True))
    assert len(per_municipality) == 342
    assert set(per_municipality.values()) == {schemes}
    for scheme in RegionScheme.objects.all():
        assert scheme_check(scheme).ok, scheme.slug
        assert RegionMembership.objects.filter(scheme=scheme).count() == 342


def test_there_are_exactly_342_municipalities() -> None:
    assert Municipality.objects.count() == 342


def test_the_four_builtin_schemes_exist_with_provinces_active_by_default() -> None:
    sizes = dict(RegionScheme.objects.annotate(n=Count("regions")).values_list("slug", "n"))
    assert sizes == {"provincies": 12, "veiligheidsregios": 25, "riec-regios": 10, "corop-gebieden": 40}
    assert list(RegionScheme.objects.filter(is_active=True).values_list("slug", flat=True)) == ["provincies"]


def test_every_municipality_is_in_exactly_one_region_of_every_builtin_scheme() -> None:
    _assert_every_municipality_in_one_region_of_every_scheme()


def test_province_sizes_match_the_domain_notes(provinces: RegionScheme) -> None:
    sizes = dict(
        Region.objects.filter(scheme=provinces).annotate(n=Count("memberships")).values_list("name", "n")
    )
    assert sizes == PROVINCE_SIZES


def test_regions_of_a_municipality_agree_with_its_row(municipality: Callable[[str], Municipality]) -> None:
    amsterdam = municipality("Amsterdam")
    assert region_of(amsterdam).name == "Noord-Holland"
    assert (
        region_of(amsterdam, RegionScheme.objects.get(slug="veiligheidsregios")).name
        == "Amsterdam-Amstelland"
    )
    assert region_of(amsterdam, RegionScheme.objects.get(slug="riec-regios")).name == "Amsterdam-Amstelland"
    assert region_of(amsterdam, RegionScheme.objects.get(slug="corop-gebieden")).name == "Groot-Amsterdam"


def test_amsterdam_borders_amstelveen_but_not_maastricht(municipality: Callable[[str], Municipality]) -> None:
    neighbours = set(municipality("Amsterdam").neighbours.values_list("name", flat=True))
    assert "Amstelveen" in neighbours
    assert "Maastricht" not in neighbours
    assert "Amsterdam" not in neighbours


def test_adjacency_is_symmetric() -> None:
    links = set(
        Municipality.neighbours.through.objects.values_list("from_municipality_id", "to_municipality_id")
    )
    assert links
    assert all((b, a) in links for a, b in links)
    assert len(links) == 2 * 869


def test_only_the_wadden_islands_have_no_neighbour() -> None:
    isolated = set(Municipality.objects.filter(neighbours__isnull=True).values_list("name", flat=True))
    assert isolated == WADDEN_ISLANDS


def test_geo_load_is_idempotent() -> None:
    before = _snapshot()
    entries = AuditEntry.objects.count()
    first, second = _load("load"), _load("load")
    assert _snapshot() == before
    assert "already up to date" in first and "already up to date" in second
    assert AuditEntry.objects.count() == entries  # nothing changed, nothing to audit


def test_geo_load_restores_changed_names_and_links(municipality: Callable[[str], Municipality]) -> None:
    before = _snapshot()
    Municipality.objects.filter(code="GM0363").update(name="Mokum")
    Region.objects.filter(code="PV27").update(name="Holland Noord")
    amsterdam, maastricht = municipality("Mokum"), municipality("Maastricht")
    amsterdam.neighbours.remove(municipality("Amstelveen"))
    amsterdam.neighbours.add(maastricht)

    result = reference_data_load(actor=None)

    assert (result.municipalities_updated, result.regions_updated) == (1, 1)
    assert (result.neighbour_links_created, result.neighbour_links_deleted) == (2, 2)
    assert _snapshot() == before
    assert Municipality.objects.get(code="GM0363").name == "Amsterdam"
    assert Region.objects.get(code="PV27").name == "Noord-Holland"
    assert not amsterdam.neighbours.filter(pk=maastricht.pk).exists()
    assert AuditEntry.objects.filter(action="geo.reference.loaded").count() == 1


def test_geo_load_survives_two_regions_that_swapped_names(provinces: RegionScheme) -> None:
    Region.objects.filter(scheme=provinces, code="PV20").update(name="tijdelijk")
    Region.objects.filter(scheme=provinces, code="PV21").update(name="Groningen")
    Region.objects.filter(scheme=provinces, code="PV20").update(name="Fryslân")

    reference_data_load(actor=None)

    names = dict(Region.objects.filter(scheme=provinces).values_list("code", "name"))
    assert (names["PV20"], names["PV21"]) == ("Groningen", "Fryslân")


def test_geo_load_repairs_a_builtin_membership_and_fills_a_gap_in_a_custom_scheme(
    provinces: RegionScheme, custom_scheme: RegionScheme, municipality: Callable[[str], Municipality]
) -> None:
    amstelveen = municipality("Amstelveen")
    RegionMembership.objects.filter(scheme=custom_scheme, municipality=amstelveen).delete()
    limburg = Region.objects.get(scheme=provinces, code="PV31")
    RegionMembership.objects.filter(scheme=provinces, municipality=amstelveen).update(region=limburg)

    reference_data_load(actor=None)

    assert region_of(amstelveen, provinces).name == "Noord-Holland"
    assert (
        region_of(amstelveen, custom_scheme).name == "Noord-Holland"
    )  # the region of its nearest municipality
    _assert_every_municipality_in_one_region_of_every_scheme()


def test_geo_check_passes_on_loaded_data_and_fails_on_a_gap(custom_scheme: RegionScheme) -> None:
    assert "342 municipalities" in _load("check")
    RegionMembership.objects.filter(scheme=custom_scheme, municipality__name="Ede").delete()
    with pytest.raises(CommandError, match="netwerkregios: 1 without region"):
        _load("check")


def test_the_demo_step_reports_complete_reference_data() -> None:
    from klankbord.core.demo import DemoContext
    from klankbord.geo.demo import seed

    lines: list[str] = []
    seed(DemoContext(write=lines.append))
    assert "al compleet" in lines[0]
    assert _snapshot()[0] == 342


@pytest.mark.django_db(transaction=True)
def test_reference_data_comes_back_after_a_flush() -> None:
    call_command("flush", interactive=False, verbosity=0)
    assert Municipality.objects.count() == 342
