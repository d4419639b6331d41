"""Coverage per region: active ambassadors against a target (docs/adr/0030-recruitment-coverage-target.md).

Default target of a region, unless the coordinator set one:

    seats        = municipalities in the region * SEATS_PER_MUNICIPALITY (25 ≈ 8,552 seats / 342 municipalities)
    seat_target  = ceil(seats / SEATS_PER_AMBASSADOR (300))
    demand       = reports received from the region in the last 365 days (0 without the reports app)
    demand_target = ceil(demand / CASES_PER_AMBASSADOR_YEAR (5))
    target       = max(1, seat_target, demand_target)

A region has a gap when its active ambassadors fall short of the target, or when matching recorded open
coverage gaps there (a request it could not serve from the region).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .constants import CASES_PER_AMBASSADOR_YEAR, SEATS_PER_AMBASSADOR, SEATS_PER_MUNICIPALITY


def seats_estimate(municipality_count: int) -> int:
    return municipality_count * SEATS_PER_MUNICIPALITY


def default_target(*, municipality_count: int, recent_reports: int = 0) -> int:
    seat_target = math.ceil(seats_estimate(municipality_count) / SEATS_PER_AMBASSADOR)
    demand_target = math.ceil(recent_reports / CASES_PER_AMBASSADOR_YEAR)
    return max(1, seat_target, demand_target)


@dataclass(frozen=True)
class CoverageRow:
    region_pk: int
    region_name: str
    region_code: str
    municipality_count: int
    recent_reports: int
    default_target: int
    custom_target: int | None
    active: int
    open_gaps: int
    open_vacancy_pk: int | None

    @property
    def seats(self) -> int:
        return seats_estimate(self.municipality_count)

    @property
    def target(self) -> int:
        return self.default_target if self.custom_target is None else self.custom_target

    @property
    def shortfall(self) -> int:
        return max(0, self.target - self.active)

    @property
    def has_gap(self) -> bool:
        return self.shortfall > 0 or self.open_gaps > 0

    @property
    def needs_confirmation(self) -> bool:
        """A gap that the coordinator has not yet turned into a vacancy."""
        return self.has_gap and self.open_vacancy_pk is None

    @property
    def suggested_positions(self) -> int:
        return max(1, self.shortfall)
