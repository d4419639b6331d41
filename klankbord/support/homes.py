"""What support contributes to the role homes: the counsellor's open escalations; the ambassador's requests
with their deadlines, cases with their next step and the coming check-ins. A fixed number of queries each."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from klankbord.matching.constants import AssignmentStatus

from .selectors import assignments_of_ambassador, escalations_open, kept_checkins_of_ambassador

ROWS = 50  # a home shows the first ones; the full list is one click away
CHECKIN_HORIZON_DAYS = 30


def counsellor_escalations(user: Any) -> dict[str, Any]:
    return {
        "escalations": list(escalations_open().order_by("created_at")[:5]),
        "count": escalations_open().count(),
    }


def _assignments(user: Any) -> list[Any]:
    return list(assignments_of_ambassador(user=user)[:ROWS])


def ambassador_requests(user: Any) -> dict[str, Any]:
    requests = [a for a in _assignments(user) if a.status == AssignmentStatus.REQUESTED]
    requests.sort(key=lambda a: (a.due_at is None, a.due_at))
    return {"requests": requests, "now": timezone.now()}


def ambassador_cases(user: Any) -> dict[str, Any]:
    today = timezone.localdate()
    cases = [a for a in _assignments(user) if a.status == AssignmentStatus.ACCEPTED]
    return {"cases": cases, "today": today}


def ambassador_checkins(user: Any) -> dict[str, Any]:
    """Planned check-ins in the coming weeks: of open cases and of closed cases whose aftercare goes on."""
    today = timezone.localdate()
    until = today + timedelta(days=CHECKIN_HORIZON_DAYS)
    items = [
        {"date": a.next_checkin, "reference": a.report.reference, "report_id": a.report_id, "pk": None}
        for a in _assignments(user)
        if a.status == AssignmentStatus.ACCEPTED and a.next_checkin and a.next_checkin <= until
    ]
    items += [
        {"date": c.due_on, "reference": c.report.reference, "report_id": c.report_id, "pk": c.pk}
        for c in kept_checkins_of_ambassador(user=user).filter(due_on__lte=until)[:ROWS]
    ]
    return {
        "checkins": sorted(items, key=lambda item: item["date"]),
        "today": today,
        "days": CHECKIN_HORIZON_DAYS,
    }
