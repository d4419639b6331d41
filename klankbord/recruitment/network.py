"""What recruitment reads from the other apps of the network, through their selectors, per region of one scheme.

Only counts and dates cross the boundary: no report content, no names. Each read is a fixed number of queries.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import TYPE_CHECKING

from django.utils import timezone

from klankbord.geo.selectors import region_ids_by_municipality

from .constants import DEMAND_WINDOW

if TYPE_CHECKING:
    from klankbord.geo.models import RegionScheme


def active_ambassadors_per_region(scheme: RegionScheme) -> dict[int, int]:
    """Active ambassadors per region they serve (home region plus extra regions; one person may count twice)."""
    from klankbord.ambassadors.selectors import active_ambassadors_per_region as per_region

    return per_region(scheme)


def coverage_gap_days(scheme: RegionScheme) -> list[tuple[int, date]]:
    """(region pk, day) of every coverage gap matching recorded in ``scheme`` during the last year."""
    from klankbord.matching.selectors import coverage_gaps

    since = timezone.localdate() - DEMAND_WINDOW
    rows = coverage_gaps(since=since).filter(region__scheme=scheme).values_list("region_id", "date")
    return list(rows)


def recent_reports_per_region(scheme: RegionScheme) -> dict[int, int]:
    """Reports received in the last year per region of the reporter's municipality (counts only)."""
    from klankbord.reports.selectors import reports_received_per_municipality

    per_municipality = reports_received_per_municipality(since=timezone.now() - DEMAND_WINDOW)
    regions_of = region_ids_by_municipality(scheme=scheme)
    counter: Counter[int] = Counter()
    for municipality_id, n in per_municipality.items():
        if municipality_id in regions_of:
            counter[regions_of[municipality_id]] += n
    return dict(counter)
