"""Reads of the consent ledger. Always evaluated from the database at request time: never cached, so a
withdrawal takes effect on the very next request."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet

from klankbord.reports.models import Report

from .constants import Decision, Purpose, ShareableField
from .models import ConsentRecord


@dataclass(frozen=True)
class ConsentState:
    """The current state of every purpose of one report (newest row per purpose)."""

    latest: dict[str, ConsentRecord]

    def allows(self, purpose: str, field: str | None = None) -> bool:
        record = self.latest.get(purpose)
        if record is None or record.decision != Decision.GRANTED:
            return False
        return field is None or field in (record.fields or [])

    def shared_fields(self) -> frozenset[str]:
        """Fields an ambassador may see: only while connect_ambassador and the share consent both hold."""
        if not (self.allows(Purpose.CONNECT_AMBASSADOR) and self.allows(Purpose.SHARE_FIELDS)):
            return frozenset()
        record = self.latest[Purpose.SHARE_FIELDS]
        return frozenset(f for f in record.fields or [] if f in ShareableField.values)


def consent_history(*, report_id: int) -> QuerySet[ConsentRecord]:
    return (
        ConsentRecord.objects.filter(report_id=report_id).select_related("recorded_by").order_by("at", "pk")
    )


def consent_states(*, report_ids: Iterable[int]) -> dict[int, ConsentState]:
    """Current state for many reports in one query (ordered so the last row per purpose wins)."""
    latest: dict[int, dict[str, ConsentRecord]] = {report_id: {} for report_id in report_ids}
    rows = ConsentRecord.objects.filter(report_id__in=list(latest)).order_by("at", "pk")
    for record in rows:
        latest[record.report_id][record.purpose] = record
    return {report_id: ConsentState(purposes) for report_id, purposes in latest.items()}


def consent_state(*, report_id: int) -> ConsentState:
    return consent_states(report_ids=[report_id])[report_id]


def consent_allows(*, report: Report | int, purpose: str, field: str | None = None) -> bool:
    """Does the member's current consent allow ``purpose``? Read from the ledger on every call.

    For ``share_fields_with_ambassador`` with a ``field``: only if that field is in the newest share consent
    *and* the connect_ambassador consent still holds (no ambassador, nothing to share with).
    """
    report_id = report if isinstance(report, int) else report.pk
    state = consent_state(report_id=report_id)
    if purpose == Purpose.SHARE_FIELDS and field is not None:
        return field in state.shared_fields()
    return state.allows(purpose, field)


def consent_withdrawn_since(
    *, purpose: str, report: str = "report_id", since: str = "requested_at"
) -> Exists:
    """A query expression: was consent for ``purpose`` withdrawn at or after the outer row's ``since``?

    For rows that began under a consent (an ambassador's assignment from its request on): a withdrawal ends what
    the row allowed for good, and a later re-grant does not bring it back; that needs a new row (a new match).
    """
    return Exists(
        ConsentRecord.objects.filter(
            report_id=OuterRef(report), purpose=purpose, decision=Decision.WITHDRAWN, at__gte=OuterRef(since)
        )
    )
