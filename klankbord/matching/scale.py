"""Scale data of the matching app: the assignment behind every report with a connected ambassador.

Open reports have an accepted (or, while asked, a requested) assignment; closed ones an ended one. Capacity is
not enforced here: the profiles get the maximum capacity instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from klankbord.core.scale import ScaleContext
from klankbord.reports.constants import ReportStatus

from .constants import AssignmentStatus
from .models import Assignment

_ENDED = {ReportStatus.CLOSED, ReportStatus.WITHDRAWN}


def _assignments(context: ScaleContext) -> Iterator[Assignment]:
    by_user = context.shared["ambassadors.by_user"]
    for row in context.shared["reports.rows"]:
        if not row.ambassador_user_id:
            continue
        asked = row.received_at + timedelta(days=2)
        if row.status in _ENDED:
            status = AssignmentStatus.ENDED
        elif row.status == ReportStatus.AMBASSADOR_REQUESTED:
            status = AssignmentStatus.REQUESTED
        else:
            status = AssignmentStatus.ACCEPTED
        yield Assignment(
            report_id=row.pk,
            ambassador_id=by_user[row.ambassador_user_id],
            status=status,
            requested_by_id=row.counsellor_id,
            requested_at=asked,
            responded_at=None if status == AssignmentStatus.REQUESTED else asked + timedelta(hours=20),
            due_at=asked + timedelta(days=2),
            ended_at=asked + timedelta(days=60) if status == AssignmentStatus.ENDED else None,
        )


def generate(context: ScaleContext) -> None:
    total = sum(1 for row in context.shared["reports.rows"] if row.ambassador_user_id)
    for batch in context.batches("assignments", _assignments(context), total):
        Assignment.objects.bulk_create(batch)
