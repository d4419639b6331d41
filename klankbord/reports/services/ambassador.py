"""The ambassador connected to a report: ``Report.ambassador`` is what grants an ambassador access to a case.

Matching decides who is connected (an accepted assignment, a handover, a closed case) and calls these services;
only reports writes the field, and every change leaves an audit row in the caller's transaction.
"""

from __future__ import annotations

from django.db import transaction

from klankbord.accounts.types import Actor, User
from klankbord.audit.services import audit_log

from ..models import Report


def report_ambassador_connect(*, actor: Actor, report: Report, ambassador_user: User) -> None:
    """Connect ``ambassador_user`` (a user with an ambassador profile) to the report."""
    with transaction.atomic():
        Report.objects.filter(pk=report.pk).update(ambassador=ambassador_user)
        audit_log(
            actor=actor,
            action="reports.report.ambassador_connected",
            target=report,
            data={"ambassador_user": ambassador_user.pk},
        )


def report_ambassador_disconnect(*, actor: Actor, report: Report, ambassador_id: int | None = None) -> bool:
    """End the connected ambassador's access to the report; with ``ambassador_id`` (an ``Ambassador`` pk) only
    when that ambassador is the one connected. Returns whether an ambassador was disconnected."""
    with transaction.atomic():
        connected = Report.objects.filter(pk=report.pk, ambassador__isnull=False)
        if ambassador_id is not None:
            connected = connected.filter(ambassador__ambassador=ambassador_id)
        changed = connected.update(ambassador=None)
        if changed:
            audit_log(actor=actor, action="reports.report.ambassador_disconnected", target=report, data={})
    return bool(changed)
