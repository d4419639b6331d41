"""Geo reference data is loaded by the data migration; tests look municipalities up by name."""

from __future__ import annotations

from klankbord.geo.models import Municipality


def municipality(name: str) -> Municipality:
    return Municipality.objects.get(name=name)


def seat_local_parties(place: str, *names: str, national: tuple[str, ...] = ()) -> None:
    """Local parties (by name) and national ones (by code) holding seats in the council of ``place``."""
    from klankbord.geo.services import parties_seed

    parties_seed(councils={place: (national, names)}, everywhere=())
