"""Writing the reference data into the database, idempotently.

Used by the data migration (with the historical app registry) and by ``services.reference_data_load``
(with the live one), so it touches only fields that exist since ``0001_initial`` and never calls other
services. Running it twice changes nothing the second time; a changed name in the files is updated in place.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps as live_apps

from .constants import SchemeKind
from .reference import (
    BUILTIN_SCHEMES,
    DEFAULT_SCHEME_SLUG,
    MUNICIPALITY_FIELDS,
    MunicipalityRow,
    SchemeSpec,
    adjacency,
    read_municipalities,
)


@dataclass
class LoadResult:
    municipalities_created: int = 0
    municipalities_updated: int = 0
    regions_created: int = 0
    regions_updated: int = 0
    regions_deleted: int = 0
    memberships_created: int = 0
    memberships_updated: int = 0
    neighbour_links_created: int = 0
    neighbour_links_deleted: int = 0
    parties_created: int = 0
    activated_scheme: str = ""
    unknown_codes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        counts = [value for value in vars(self).values() if isinstance(value, int)]
        return any(counts) or bool(self.activated_scheme)

    def as_audit_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {key: value for key, value in vars(self).items() if key != "unknown_codes"}
        data["unknown_codes"] = ",".join(self.unknown_codes)
        return data


def _sync_municipalities(model: Any, rows: list[MunicipalityRow], result: LoadResult) -> dict[str, int]:
    existing = {municipality.code: municipality for municipality in model.objects.all()}
    new, changed = [], []
    for row in rows:
        current = existing.get(row.code)
        if current is None:
            new.append(model(code=row.code, **row.model_fields()))
        elif any(getattr(current, name) != value for name, value in row.model_fields().items()):
            for name, value in row.model_fields().items():
                setattr(current, name, value)
            changed.append(current)
    model.objects.bulk_create(new)
    model.objects.bulk_update(changed, MUNICIPALITY_FIELDS)
    result.municipalities_created, result.municipalities_updated = len(new), len(changed)
    known = {row.code for row in rows}
    result.unknown_codes = sorted(code for code in existing if code not in known)
    return dict(model.objects.values_list("code", "pk"))


def _sync_regions(
    region_model: Any, scheme: Any, wanted: dict[str, str], result: LoadResult
) -> dict[str, int]:
    existing = {region.code: region for region in region_model.objects.filter(scheme=scheme)}
    renamed = [region for code, region in existing.items() if code in wanted and region.name != wanted[code]]
    for region in renamed:
        region.name = wanted[region.code]
    # Park renamed regions on a unique placeholder first: swapping two names must not trip the constraint.
    for region in renamed:
        region_model.objects.filter(pk=region.pk).update(name=f"~{region.pk}")
    for region in renamed:
        region_model.objects.filter(pk=region.pk).update(name=region.name)
    new = [
        region_model(scheme=scheme, code=code, name=name)
        for code, name in wanted.items()
        if code not in existing
    ]
    region_model.objects.bulk_create(new)
    result.regions_created += len(new)
    result.regions_updated += len(renamed)
    return dict(region_model.objects.filter(scheme=scheme).values_list("code", "pk"))


def _sync_memberships(membership_model: Any, scheme: Any, wanted: dict[int, int], result: LoadResult) -> None:
    """``wanted``: municipality pk → region pk for every municipality in the files."""
    existing = {m.municipality_id: m for m in membership_model.objects.filter(scheme=scheme)}
    moved = []
    for municipality_id, region_id in wanted.items():
        current = existing.get(municipality_id)
        if current is not None and current.region_id != region_id:
            current.region_id = region_id
            moved.append(current)
    new = [
        membership_model(scheme=scheme, region_id=region_id, municipality_id=municipality_id)
        for municipality_id, region_id in wanted.items()
        if municipality_id not in existing
    ]
    membership_model.objects.bulk_update(moved, ["region"])
    membership_model.objects.bulk_create(new)
    result.memberships_created += len(new)
    result.memberships_updated += len(moved)


def _sync_builtin_scheme(
    registry: Any, spec: SchemeSpec, rows: list[MunicipalityRow], pks: dict[str, int], result: LoadResult
) -> None:
    scheme_model = registry.get_model("geo", "RegionScheme")
    region_model = registry.get_model("geo", "Region")
    scheme, _created = scheme_model.objects.get_or_create(
        slug=spec.slug, defaults={"name": spec.name, "kind": spec.kind.value}
    )
    if (scheme.name, scheme.kind) != (spec.name, spec.kind.value):
        scheme.name, scheme.kind = spec.name, spec.kind.value
        scheme.save(update_fields=["name", "kind"])
    region_pks = _sync_regions(region_model, scheme, spec.regions(rows), result)
    wanted = {pks[row.code]: region_pks[spec.region_of(row)[0]] for row in rows}
    _sync_memberships(registry.get_model("geo", "RegionMembership"), scheme, wanted, result)
    stale = region_model.objects.filter(scheme=scheme, memberships__isnull=True)
    result.regions_deleted += stale.delete()[1].get(region_model._meta.label, 0)


def _nearest(municipality: Any, candidates: list[Any]) -> Any:
    lat, lon = float(municipality.latitude), float(municipality.longitude)
    return min(
        candidates, key=lambda m: math.hypot(float(m.latitude) - lat, (float(m.longitude) - lon) * 0.62)
    )


def _complete_custom_schemes(registry: Any, result: LoadResult) -> None:
    """A municipality new in the files joins, in each custom scheme, the region of its nearest neighbour."""
    municipality_model = registry.get_model("geo", "Municipality")
    membership_model = registry.get_model("geo", "RegionMembership")
    everyone = list(municipality_model.objects.all())
    for scheme in registry.get_model("geo", "RegionScheme").objects.filter(kind=SchemeKind.CUSTOM):
        region_of = dict(
            membership_model.objects.filter(scheme=scheme).values_list("municipality_id", "region_id")
        )
        placed = [m for m in everyone if m.pk in region_of]
        missing = [m for m in everyone if m.pk not in region_of]
        if placed and missing:
            wanted = {m.pk: region_of[_nearest(m, placed).pk] for m in missing}
            _sync_memberships(membership_model, scheme, wanted, result)


def _sync_neighbours(
    registry: Any, pks: dict[str, int], pairs: set[tuple[str, str]], result: LoadResult
) -> None:
    through = registry.get_model("geo", "Municipality").neighbours.through
    wanted = set()
    for a, b in pairs:
        wanted.update({(pks[a], pks[b]), (pks[b], pks[a])})
    existing = {
        (row[1], row[2]): row[0]
        for row in through.objects.values_list("pk", "from_municipality_id", "to_municipality_id")
    }
    extra = [pk for link, pk in existing.items() if link not in wanted]
    through.objects.filter(pk__in=extra).delete()
    through.objects.bulk_create(
        [through(from_municipality_id=a, to_municipality_id=b) for a, b in sorted(wanted - existing.keys())]
    )
    result.neighbour_links_created = len(wanted - existing.keys())
    result.neighbour_links_deleted = len(extra)


def _ensure_active_scheme(registry: Any, result: LoadResult) -> None:
    scheme_model = registry.get_model("geo", "RegionScheme")
    if not scheme_model.objects.filter(is_active=True).exists():
        scheme_model.objects.filter(slug=DEFAULT_SCHEME_SLUG).update(is_active=True)
        result.activated_scheme = DEFAULT_SCHEME_SLUG


def load_reference_data(registry: Any = live_apps) -> LoadResult:
    """Create or update municipalities, built-in schemes, their memberships and adjacency from the files.

    Call inside a transaction. Municipalities that are in the database but no longer in the files are kept
    (other records may point at them) and reported in ``unknown_codes``.
    """
    result = LoadResult()
    rows = read_municipalities()
    pks = _sync_municipalities(registry.get_model("geo", "Municipality"), rows, result)
    for spec in BUILTIN_SCHEMES:
        _sync_builtin_scheme(registry, spec, rows, pks, result)
    _complete_custom_schemes(registry, result)
    _sync_neighbours(registry, pks, adjacency(), result)
    _ensure_active_scheme(registry, result)
    return result


def load_national_parties(registry: Any = live_apps) -> int:
    """Create each national party of ``partylist.NATIONAL_PARTIES`` that is missing (by code); returns how many.

    A party that exists is left as it is: the association may have edited it in the admin.
    """
    from .partylist import NATIONAL_PARTIES

    party_model = registry.get_model("geo", "Party")
    existing = set(party_model.objects.values_list("code", flat=True))
    missing = [
        party_model(
            code=code, name=name, abbreviation=abbreviation, other_names="\n".join(others), is_national=True
        )
        for code, name, abbreviation, others in NATIONAL_PARTIES
        if code not in existing
    ]
    party_model.objects.bulk_create(missing)
    return len(missing)
