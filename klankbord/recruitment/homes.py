"""What recruitment contributes to the role homes: the coordinator's coverage gaps and applications in
progress; the selection committee's applications waiting for a score and coming interviews."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from klankbord.core.charts import bars

from .constants import ApplicationStatus
from .selectors import (
    applications_awaiting_score,
    applications_per_status,
    coverage_overview,
    upcoming_interviews_for_user,
)

IN_PROGRESS = (
    ApplicationStatus.RECEIVED,
    ApplicationStatus.INTERVIEW,
    ApplicationStatus.ACCEPTED,
    ApplicationStatus.RESERVE,
)


def coordinator_coverage(user: Any) -> dict[str, Any]:
    rows = coverage_overview()
    gaps = sorted((row for row in rows if row.has_gap), key=lambda row: (-row.shortfall, row.region_name))
    chart = bars(
        (row.region_name, row.shortfall, reverse("recruitment:region", kwargs={"pk": row.region_pk}))
        for row in gaps[:6]
    )
    return {"chart": chart, "gap_count": len(gaps), "regions": len(rows)}


def coordinator_applications(user: Any) -> dict[str, Any]:
    counts = applications_per_status()
    listing = reverse("recruitment:applications")
    chart = bars((s.label, counts.get(s.value, 0), f"{listing}?status={s.value}") for s in IN_PROGRESS)
    return {"chart": chart, "total": sum(counts.get(s.value, 0) for s in IN_PROGRESS)}


def selection_awaiting_score(user: Any) -> dict[str, Any]:
    return {"applications": applications_awaiting_score(user=user)}


def selection_interviews(user: Any) -> dict[str, Any]:
    return {"interviews": upcoming_interviews_for_user(user=user)}
