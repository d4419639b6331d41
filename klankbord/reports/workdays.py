"""Response targets: 2 working days (skipping weekends and Dutch public holidays), hours for acute reports."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import lru_cache

import holidays
from django.conf import settings
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


def acute_response_due(since: datetime) -> datetime:
    """An acute report is answered within ``KLANKBORD_ACUTE_RESPONSE_HOURS`` clock hours of ``since``."""
    return since + timedelta(hours=settings.KLANKBORD_ACUTE_RESPONSE_HOURS)


def response_target(since: datetime, *, urgent: bool) -> tuple[date, datetime | None]:
    """The day the first response is due and, for an acute report, the moment (``None`` otherwise)."""
    if not urgent:
        return first_response_due(since), None
    due_at = acute_response_due(since)
    return timezone.localdate(due_at), due_at
