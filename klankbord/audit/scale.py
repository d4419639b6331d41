"""Scale data of the audit app: the access and change log of N years, appended to the chain in bulk.

``audit_append_bulk`` is the bulk form of ``services.audit_log``: under the same chain lock it computes each
entry's hash from the previous one in Python and stores the entries with ``bulk_create``, then moves the head
once, so ``klankbord audit verify`` accepts the result. It runs last (``ORDER``): the entries name the objects
the other apps made.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.db import connection, transaction

from .models import AuditEntry, AuditHead
from .services import CHAIN_VERSION, GENESIS, _canonical, _digest, _lock_chain, head_mac

if TYPE_CHECKING:  # audit imports nothing of core at run time (foundation graph, docs/architecture.md)
    from klankbord.core.scale import ScaleContext

ORDER = 100

# What the log holds in a year: mostly reads of case pages (NEN 7513-style), then messages and changes.
ACTIONS = {
    ("reports.report.viewed", "reports.report"): 55,
    ("messaging.message.sent", "reports.report"): 10,
    ("reports.report.transitioned", "reports.report"): 8,
    ("consent.consent.granted", "reports.report"): 7,
    ("accounts.user.logged_in", "accounts.user"): 15,
    ("signals.signal.filed", "signals.signal"): 5,
}


@dataclass(frozen=True)
class PendingEntry:
    created_at: datetime
    actor_id: int | None
    action: str
    object_type: str
    object_id: str
    data: dict[str, object]


def audit_append_bulk(entries: Iterable[list[PendingEntry]]) -> int:
    """Append each batch of ``entries`` to the chain in order; returns how many were appended."""
    appended = 0
    with transaction.atomic():
        head = _lock_chain()
        sequence, previous, count = head.sequence, head.entry_hash or GENESIS, head.entry_count
        for batch in entries:
            rows = []
            for pending in batch:
                sequence += 1
                fields = {
                    "sequence": sequence,
                    "created_at": pending.created_at,
                    "actor_id": pending.actor_id,
                    "actor_label": f"user:{pending.actor_id}" if pending.actor_id else "anonymous",
                    "action": pending.action,
                    "object_type": pending.object_type,
                    "object_id": pending.object_id,
                    "data": pending.data,
                    "ip_address": None,
                    "previous_hash": previous,
                    "chain_version": CHAIN_VERSION,
                }
                entry_hash = _digest(previous, _canonical(fields))
                rows.append(AuditEntry(**fields, entry_hash=entry_hash))
                previous = entry_hash
            _store(rows)
            appended += len(rows)
            count += len(rows)
        AuditHead.objects.filter(singleton=1).update(
            sequence=sequence,
            entry_hash=previous,
            entry_count=count,
            mac=head_mac(sequence=sequence, entry_hash=previous, entry_count=count),
        )
    return appended


def _store(rows: list[AuditEntry]) -> None:
    """``bulk_create``; on PostgreSQL ``COPY``, about five times faster for the largest table of the database."""
    if connection.vendor != "postgresql":
        AuditEntry.objects.bulk_create(rows)
        return
    columns = [str(f.column) for f in AuditEntry._meta.concrete_fields if f.column != "id"]
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {AuditEntry._meta.db_table} ({', '.join(columns)}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row([_column_value(row, column) for column in columns])


def _column_value(row: AuditEntry, column: str) -> object:
    value = getattr(row, column)
    return json.dumps(value) if column == "data" else value


def _pending(context: ScaleContext) -> Iterator[PendingEntry]:
    rng, total = context.rng, context.count("audit")
    reports = [row.pk for row in context.shared.get("reports.rows", [])] or [0]
    staff = context.shared["accounts.counsellor"] + context.shared["accounts.ambassador"]
    for index in range(total):
        action, object_type = rng.choices(list(ACTIONS), weights=list(ACTIONS.values()), k=1)[0]
        actor = rng.choice(staff)
        object_id = actor if object_type == "accounts.user" else rng.choice(reports)
        yield PendingEntry(
            created_at=context.moment(index / total),
            actor_id=actor,
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            data={},
        )


def generate(context: ScaleContext) -> None:
    total = context.count("audit")
    audit_append_bulk(context.batches("audit entries", _pending(context), total, size=5_000))
