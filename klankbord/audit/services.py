"""Writing and verifying the audit chain.

Every entry stores ``entry_hash = HMAC-SHA256(key, previous_hash || canonical(entry))``. The HMAC key
(``KLANKBORD_AUDIT_KEY``) is not in the database, so somebody who can write to the database cannot rebuild
a consistent chain after editing it. Writers are serialised (PostgreSQL advisory lock; SQLite takes the write
lock at BEGIN IMMEDIATE) so the chain never forks.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, TypedDict

from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone

from .context import current_client_address, valid_address
from .models import AuditEntry, AuditHead

if TYPE_CHECKING:  # audit imports nothing of ours at run time, so that every app can use it
    from klankbord.accounts.types import Actor

GENESIS = "0" * 64
_ADVISORY_LOCK_ID = 72_112_001
Primitive = str | int | float | bool | None


class _EntryFields(TypedDict):
    """What an entry's hash covers."""

    sequence: int
    created_at: datetime
    actor_id: int | None
    actor_label: str
    action: str
    object_type: str
    object_id: str
    data: Mapping[str, object]


def _canonical(
    *,
    sequence: int,
    created_at: datetime,
    actor_id: int | None,
    actor_label: str,
    action: str,
    object_type: str,
    object_id: str,
    data: Mapping[str, object],
) -> bytes:
    payload = {
        "sequence": sequence,
        "created_at": created_at.astimezone(UTC).isoformat(timespec="microseconds"),
        "actor_id": actor_id,
        "actor_label": actor_label,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "data": data,
    }
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def _digest(previous_hash: str, canonical: bytes) -> str:
    key = settings.AUDIT_CHAIN_KEY.encode()
    return hmac.new(key, previous_hash.encode() + canonical, hashlib.sha256).hexdigest()


def _check_primitives(data: Mapping[str, object]) -> None:
    for key, value in data.items():
        values = value if isinstance(value, list | tuple) else [value]
        if not all(isinstance(item, str | int | float | bool) or item is None for item in values):
            raise TypeError(f"audit data {key!r} must hold primitives only, not {type(value).__name__}")


def _lock_chain() -> AuditHead:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_ADVISORY_LOCK_ID])
    head, _created = AuditHead.objects.select_for_update().get_or_create(singleton=1)
    return head


def _actor_fields(actor: Actor) -> tuple[int | None, str]:
    if actor is None or not actor.is_authenticated or actor.pk is None:
        return None, "anonymous"
    return int(actor.pk), f"user:{actor.pk}"


def audit_log(
    *,
    actor: Actor,
    action: str,
    target: models.Model | None = None,
    object_type: str = "",
    object_id: str | int = "",
    data: Mapping[str, object] | None = None,
    ip_address: str | None = None,
    actor_label: str | None = None,
) -> AuditEntry:
    """Append one entry. Call inside the transaction of the change it records (it joins it).

    ``ip_address``: the client's address; by default that of the request being served (``audit.context``).
    """
    if action.count(".") < 2:
        raise ValueError(f"audit action {action!r} must be namespaced like 'app.noun.verb'")
    data = dict(data or {})
    _check_primitives(data)
    if target is not None:
        object_type, object_id = target._meta.label_lower, target.pk
    actor_id, label = _actor_fields(actor)
    address = valid_address(ip_address) if ip_address else current_client_address()
    with transaction.atomic():
        head = _lock_chain()
        fields: _EntryFields = {
            "sequence": head.sequence + 1,
            "created_at": timezone.now(),
            "actor_id": actor_id,
            "actor_label": actor_label or label,
            "action": action,
            "object_type": object_type,
            "object_id": str(object_id),
            "data": data,
        }
        entry_hash = _digest(head.entry_hash or GENESIS, _canonical(**fields))
        entry = AuditEntry.objects.create(
            **fields, ip_address=address, previous_hash=head.entry_hash or GENESIS, entry_hash=entry_hash
        )
        AuditHead.objects.filter(singleton=1).update(sequence=entry.sequence, entry_hash=entry_hash)
    return entry


def audit_read(*, actor: Actor, target: models.Model, data: Mapping[str, object] | None = None) -> AuditEntry:
    """Record that ``actor`` viewed a confidential object (NEN 7513-style access logging)."""
    return audit_log(actor=actor, action=f"{target._meta.label_lower}.viewed", target=target, data=data)


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    problem: str = ""
    sequence: int | None = None


def _entries() -> Iterator[AuditEntry]:
    return AuditEntry.objects.order_by("sequence").iterator(chunk_size=2000)


def audit_verify() -> VerifyResult:
    """Recompute the whole chain; report the first entry that was edited, inserted or deleted."""
    previous, expected_sequence, checked = GENESIS, 1, 0
    for entry in _entries():
        if entry.sequence != expected_sequence:
            return VerifyResult(False, checked, f"entry #{expected_sequence} is missing", expected_sequence)
        if entry.previous_hash != previous:
            return VerifyResult(False, checked, "link to the previous entry is broken", entry.sequence)
        canonical = _canonical(
            sequence=entry.sequence,
            created_at=entry.created_at,
            actor_id=entry.actor_id,
            actor_label=entry.actor_label,
            action=entry.action,
            object_type=entry.object_type,
            object_id=entry.object_id,
            data=entry.data,
        )
        if not hmac.compare_digest(_digest(previous, canonical), entry.entry_hash):
            return VerifyResult(False, checked, "content does not match its hash", entry.sequence)
        previous, expected_sequence, checked = entry.entry_hash, expected_sequence + 1, checked + 1
    head = AuditHead.objects.filter(singleton=1).first()
    head_sequence, head_hash = (head.sequence, head.entry_hash) if head else (0, "")
    if head_sequence != checked or (checked and head_hash != previous):
        return VerifyResult(
            False, checked, f"the chain ends at #{checked} but its head says #{head_sequence}"
        )
    return VerifyResult(True, checked)
