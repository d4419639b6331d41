"""Dutch working days: the 2-working-day first-response target skips weekends and public holidays."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import lru_cache

import holidays
from django.utils import timezone

from .constants import FIRST_RESPONSE_WORKING_DAYS


@lru_cache(maxsize=16)
def _dutch_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("NL", years=year).keys())


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _dutch_holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The date ``days`` working days after ``start`` (``start`` itself never counts)."""
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def first_response_due(received_at: datetime) -> date:
    """Received on Friday (or Saturday) → due on Tuesday; Easter and King's Day etc. are skipped too."""
    return add_working_days(timezone.localdate(received_at), FIRST_RESPONSE_WORKING_DAYS)
