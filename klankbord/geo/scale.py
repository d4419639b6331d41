"""Scale data of the geo app: the reference data (the migration loads it; this repairs it) and its keys.

Hands on ``geo.municipalities`` (primary keys), ``geo.regions`` (the active scheme's) and ``geo.region_of``
(municipality pk → region pk in the active scheme).
"""

from __future__ import annotations

from klankbord.core.scale import ScaleContext

from .models import Municipality, Region, RegionMembership
from .services import reference_data_load


def generate(context: ScaleContext) -> None:
    reference_data_load(actor=None)
    context.shared["geo.municipalities"] = list(
        Municipality.objects.order_by("code").values_list("pk", flat=True)
    )
    context.shared["geo.regions"] = list(
        Region.objects.filter(scheme__is_active=True).order_by("pk").values_list("pk", flat=True)
    )
    context.shared["geo.region_of"] = dict(
        RegionMembership.objects.filter(scheme__is_active=True).values_list("municipality_id", "region_id")
    )
