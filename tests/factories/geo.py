"""Geo reference data is loaded by the data migration; tests look municipalities up by name."""

from __future__ import annotations

from klankbord.geo.models import Municipality


def municipality(name: str) -> Municipality:
    return Municipality.objects.get(name=name)
