"""What ambassadors contributes to the coordinator's home: who is available, on leave or paused."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from .selectors import availability_counts


def coordinator_availability(user: Any) -> dict[str, Any]:
    return availability_counts(today=timezone.localdate())
