"""JSON API for reference data: municipalities and the regions of the active scheme.

Only ``router`` is exposed; the API app mounts it under /api/v1/geo/ with its token authentication.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from .models import Municipality, RegionMembership, RegionScheme
from .selectors import active_scheme, regions_with_municipalities

router = Router(tags=["geo"])


class RegionRefOut(Schema):
    code: str
    name: str


class MunicipalityOut(Schema):
    code: str
    name: str
    province_code: str
    province_name: str
    region: RegionRefOut | None
    latitude: float
    longitude: float


class SchemeOut(Schema):
    slug: str
    name: str
    kind: str


class RegionOut(Schema):
    code: str
    name: str
    municipality_codes: list[str]


class RegionListOut(Schema):
    scheme: SchemeOut
    regions: list[RegionOut]


def _active_regions_by_municipality(scheme: RegionScheme) -> dict[int, RegionRefOut]:
    memberships = RegionMembership.objects.filter(scheme=scheme).select_related("region")
    return {m.municipality_id: RegionRefOut(code=m.region.code, name=m.region.name) for m in memberships}


@router.get("/municipalities", response=list[MunicipalityOut], summary="All municipalities")
def municipality_list(request: HttpRequest) -> list[MunicipalityOut]:
    """The 342 municipalities with province, their region in the active scheme and centroid (WGS84)."""
    region_of = _active_regions_by_municipality(active_scheme())
    return [
        MunicipalityOut(
            code=m.code,
            name=m.name,
            province_code=m.province_code,
            province_name=m.province_name,
            region=region_of.get(m.pk),
            latitude=float(m.latitude),
            longitude=float(m.longitude),
        )
        for m in Municipality.objects.order_by("code")
    ]


@router.get("/regions", response=RegionListOut, summary="Regions of the active scheme")
def region_list(request: HttpRequest) -> RegionListOut:
    """The active scheme and each of its regions with the codes of its municipalities."""
    scheme = active_scheme()
    regions = [
        RegionOut(
            code=region.code,
            name=region.name,
            municipality_codes=sorted(m.municipality.code for m in region.memberships.all()),
        )
        for region in regions_with_municipalities(scheme)
    ]
    return RegionListOut(
        scheme=SchemeOut(slug=scheme.slug, name=scheme.name, kind=scheme.kind), regions=regions
    )
