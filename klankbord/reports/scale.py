"""Scale data of the reports app: N years of reports with their status history, in the demo's proportions.

Reports arrive evenly over the span with waves (a national incident brings a burst); a report older than 90 days
is closed (one in ten withdrawn), younger ones are in handling, the newest wait in the inbox. Seven in ten ask for
an ambassador; of those handled, the connected ambassador is set. Hands on ``reports.rows``: one ``ScaleReport``
per report, for consent, messaging, matching and signals.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from klankbord.core.scale import ScaleContext, weighted

from .constants import (
    FINAL_STATUSES,
    ContactChannel,
    Impact,
    MemberRole,
    PoliceReport,
    ReportStatus,
    SourceChannel,
)
from .demo import CATEGORY_WEIGHTS, CHANNEL_WEIGHTS, PERPETRATOR_WEIGHTS, STORIES
from .models import Report, ReportStatusChange
from .workdays import first_response_due

_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
_SPREAD = 1_000_003  # a prime: index x it modulo 32**8 is a bijection, so references are unique
HANDLING = [
    ReportStatus.INTAKE,
    ReportStatus.MATCHING,
    ReportStatus.AMBASSADOR_REQUESTED,
    ReportStatus.IN_SUPPORT,
    ReportStatus.IN_SUPPORT,
    ReportStatus.AFTERCARE,
]
PATH: list[str] = [
    ReportStatus.RECEIVED,
    ReportStatus.INTAKE,
    ReportStatus.MATCHING,
    ReportStatus.AMBASSADOR_REQUESTED,
    ReportStatus.IN_SUPPORT,
    ReportStatus.AFTERCARE,
]


@dataclass(frozen=True)
class ScaleReport:
    pk: int
    received_at: datetime
    status: str
    connect: bool
    reporter_id: int | None
    counsellor_id: int | None
    ambassador_user_id: int | None
    municipality_id: int
    categories: tuple[str, ...]


def reference(index: int) -> str:
    number, body = (index * _SPREAD) % 32**8, ""
    for _ in range(8):
        number, digit = divmod(number, 32)
        body += _ALPHABET[digit]
    return f"S-{body[:4]}-{body[4:]}"


def _status(context: ScaleContext, index: int, age_days: float, connect: bool) -> str:
    if age_days < 3:
        return ReportStatus.RECEIVED
    if age_days > 90:
        return ReportStatus.WITHDRAWN if context.rng.random() < 0.1 else ReportStatus.CLOSED
    status = HANDLING[index % len(HANDLING)]  # in turn: even a small world has a report in each stage
    if not connect and status in {ReportStatus.AMBASSADOR_REQUESTED, ReportStatus.IN_SUPPORT}:
        return ReportStatus.INTAKE
    return status


def _ambassador(context: ScaleContext, index: int, status: str) -> int:
    """The connected ambassador: in turn, but the demo persona (first) gets every fourth open case."""
    ambassadors = context.shared["accounts.ambassador"]
    if status in FINAL_STATUSES or context.shared.setdefault("reports.open_connected", 0) % 4:
        choice = ambassadors[index % len(ambassadors)]
    else:
        choice = ambassadors[0]
    if status not in FINAL_STATUSES:
        context.shared["reports.open_connected"] += 1
    return int(choice)


def _received(context: ScaleContext, index: int, total: int) -> datetime:
    fraction = (index + context.rng.random()) / total
    if context.rng.random() < 0.15:  # a wave: a tenth of a year's reports within a few days
        fraction = round(fraction * 20) / 20
    return min(context.moment(fraction), context.now - timedelta(minutes=5))


def _report(context: ScaleContext, index: int, total: int, first: int = 0) -> tuple[Report, bool]:
    rng, shared = context.rng, context.shared
    received = _received(context, index, total)
    connect = rng.random() < 0.7
    status = _status(context, index, (context.now - received).total_seconds() / 86_400, connect)
    counsellors = shared["accounts.counsellor"]
    handled = status != ReportStatus.RECEIVED
    categories = sorted({weighted(rng, CATEGORY_WEIGHTS) for _ in range(1 + (rng.random() < 0.3))})
    connected = connect and status not in {ReportStatus.RECEIVED, ReportStatus.INTAKE, ReportStatus.MATCHING}
    members = shared["accounts.council_member"]
    report = Report(
        reference=reference(first + index),
        status=status,
        status_changed_at=received + timedelta(days=min(30, (context.now - received).days / 2)),
        source_channel=rng.choice([SourceChannel.ONLINE] * 3 + [SourceChannel.PHONE]),
        acute_danger=(acute := rng.random() < 0.06),
        urgent=acute,
        reporter_id=members[index % len(members)] if index % 3 == 0 else None,
        assigned_counsellor_id=counsellors[index % len(counsellors)] if handled else None,
        ambassador_id=_ambassador(context, index, status) if connected else None,
        municipality_id=rng.choice(shared["geo.municipalities"]),
        member_role=rng.choice([MemberRole.COUNCIL_MEMBER] * 6 + [MemberRole.GROUP_CHAIR, MemberRole.OTHER]),
        narrative=f"{rng.choice(STORIES)} (schaalmelding {index})",
        categories=categories,
        incident_channels=[weighted(rng, CHANNEL_WEIGHTS)],
        perpetrator_type=weighted(rng, PERPETRATOR_WEIGHTS),
        ongoing=rng.random() < 0.4,
        police_report=rng.choice(list(PoliceReport.values)),
        impacts=rng.sample(list(Impact.values), k=rng.randint(1, 3)),
        preferred_contact_channel=rng.choice(list(ContactChannel.values)),
        contact_name=f"Schaalraadslid {index}",
        contact_email=f"melder{index}@demo.klankbord.example",
        contact_phone=f"06{rng.randint(10_000_000, 99_999_999)}",
        received_at=received,
        first_response_due=first_response_due(received),
        first_responded_at=received + timedelta(hours=rng.randint(2, 60)) if handled else None,
    )
    return report, connect


def _history(report: Report, counsellor_id: int | None) -> Iterator[ReportStatusChange]:
    steps = PATH[: PATH.index(report.status) + 1] if report.status in PATH else [*PATH[:5], report.status]
    for number, (before, after) in enumerate(zip(["", *steps], steps, strict=False)):
        final = after in {ReportStatus.CLOSED, ReportStatus.WITHDRAWN}
        yield ReportStatusChange(
            report_id=report.pk,
            from_status=before,
            to_status=after,
            actor_id=None if number == 0 else counsellor_id,
            actor_kind="system" if number == 0 else "counsellor",
            reason="Afgerond na begeleiding" if final else "",
            at=report.received_at + timedelta(days=number * 3, hours=number),
        )


def generate(context: ScaleContext) -> None:
    total = context.count("reports")
    rows: list[ScaleReport] = []
    first = Report.objects.count()  # references stay unique when data is appended
    built = (_report(context, index, total, first) for index in range(total))
    for batch in context.batches("reports", built, total):
        reports = Report.objects.bulk_create([report for report, _connect in batch])
        changes = [change for report in reports for change in _history(report, report.assigned_counsellor_id)]
        ReportStatusChange.objects.bulk_create(changes, batch_size=5_000)
        rows.extend(
            ScaleReport(
                pk=report.pk,
                received_at=report.received_at,
                status=report.status,
                connect=connect,
                reporter_id=report.reporter_id,
                counsellor_id=report.assigned_counsellor_id,
                ambassador_user_id=report.ambassador_id,
                municipality_id=report.municipality_id,  # type: ignore[arg-type]
                categories=tuple(report.categories),
            )
            for report, (_same, connect) in zip(reports, batch, strict=True)
        )
    context.shared["reports.rows"] = rows
