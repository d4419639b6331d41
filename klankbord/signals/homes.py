"""What signals contributes to the coordinator's home: the early warnings of the last months."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from .selectors import add_months, recent_warnings

WARNING_MONTHS = 3


def coordinator_warnings(user: Any) -> dict[str, Any]:
    since = add_months(timezone.localdate().replace(day=1), -WARNING_MONTHS)
    count, warnings = recent_warnings(since=since)
    return {"count": count, "warnings": warnings, "months": WARNING_MONTHS}
