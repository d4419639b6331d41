"""Writing and verifying the audit chain.

Every entry stores ``entry_hash = HMAC-SHA256(key, previous_hash || canonical(entry))`` where the canonical form
covers every stored column except the surrogate ``id`` and the hash itself (``HASHED_FIELDS``). The head row
carries an HMAC over the newest sequence, hash and entry count. The HMAC key (``KLANKBORD_AUDIT_KEY``) is not in
the database, so somebody who can write to the database can neither rebuild a consistent chain after editing it
nor move the head back after cutting off the newest entries; ``klankbord audit verify`` also compares the chain
with the hashes it anchored outside the database at earlier runs (``klankbord/audit/anchor.py``). Writers are
serialised (PostgreSQL advisory lock; SQLite takes the write lock at BEGIN IMMEDIATE) so the chain never forks.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
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
CHAIN_VERSION = 2
_ADVISORY_LOCK_ID = 72_112_001
Primitive = str | int | float | bool | None

# Every stored column of AuditEntry is hashed, except these (tests/audit/test_chain.py fails on a new column).
HASHED_FIELDS = (
    "sequence",
    "created_at",
    "actor_id",
    "actor_label",
    "action",
    "object_type",
    "object_id",
    "data",
    "ip_address",
    "previous_hash",
    "chain_version",
)
NOT_HASHED = {
    "id": "surrogate key assigned by the database after hashing; the chain is ordered and linked by sequence",
    "entry_hash": "the HMAC itself",
}


class _EntryFields(TypedDict):
    """What an entry's hash covers (``HASHED_FIELDS``)."""

    sequence: int
    created_at: datetime
    actor_id: int | None
    actor_label: str
    action: str
    object_type: str
    object_id: str
    data: Mapping[str, object]
    ip_address: str | None
    previous_hash: str
    chain_version: int


def _normal_ip(value: str | None) -> str | None:
    """One spelling per address, whatever the database prints back (PostgreSQL's inet, SQLite's text).

    Not an address (``client_ip`` says "unknown" when it cannot tell): nothing is stored rather than a refusal.
    """
    try:
        return ipaddress.ip_address(value).compressed if value else None
    except ValueError:
        return None


def _canonical(entry: Mapping[str, object]) -> bytes:
    """Version 2: every column of ``HASHED_FIELDS``; version 1 (before migration 0003) lacked the last three."""
    created_at = entry["created_at"]
    assert isinstance(created_at, datetime)
    payload = {name: entry[name] for name in HASHED_FIELDS}
    payload["created_at"] = created_at.astimezone(UTC).isoformat(timespec="microseconds")
    if entry["chain_version"] == 1:
        for name in ("ip_address", "previous_hash", "chain_version"):
            del payload[name]
    else:
        ip_address = entry["ip_address"]
        payload["ip_address"] = _normal_ip(ip_address) if isinstance(ip_address, str) else None
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def _key(purpose: bytes) -> bytes:
    """Entries use the configured key itself (as they always have); other uses get a key derived from it."""
    key = settings.AUDIT_CHAIN_KEY.encode()
    return key if not purpose else hmac.new(key, b"klankbord-audit:" + purpose, hashlib.sha256).digest()


def _digest(previous_hash: str, canonical: bytes) -> str:
    return hmac.new(_key(b""), previous_hash.encode() + canonical, hashlib.sha256).hexdigest()


def head_mac(*, sequence: int, entry_hash: str, entry_count: int) -> str:
    """The head's HMAC over the newest sequence, its hash and the number of entries (a key of its own)."""
    message = f"{sequence}|{entry_hash}|{entry_count}".encode()
    return hmac.new(_key(b"head"), message, hashlib.sha256).hexdigest()


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
            "ip_address": _normal_ip(address),
            "previous_hash": head.entry_hash or GENESIS,
            "chain_version": CHAIN_VERSION,
        }
        entry_hash = _digest(fields["previous_hash"], _canonical(fields))
        entry = AuditEntry.objects.create(**fields, entry_hash=entry_hash)
        count = head.entry_count + 1
        AuditHead.objects.filter(singleton=1).update(
            sequence=entry.sequence,
            entry_hash=entry_hash,
            entry_count=count,
            mac=head_mac(sequence=entry.sequence, entry_hash=entry_hash, entry_count=count),
        )
    return entry


def audit_read(*, actor: Actor, target: models.Model, data: Mapping[str, object] | None = None) -> AuditEntry:
    """Record that ``actor`` viewed a confidential object (NEN 7513-style access logging)."""
    return audit_log(actor=actor, action=f"{target._meta.label_lower}.viewed", target=target, data=data)


@dataclass(frozen=True)
class Anchor:
    """A chain position recorded outside the database by an earlier verify."""

    sequence: int
    entry_hash: str
    verified_at: str = ""


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    problem: str = ""
    sequence: int | None = None
    head_hash: str = ""


@dataclass
class _Walk:
    """Where a verify is in the chain, and the anchored hashes it still has to meet."""

    anchors: dict[int, Anchor]
    previous: str = GENESIS
    checked: int = 0
    version: int = 1
    failure: VerifyResult | None = field(default=None)

    def fail(self, problem: str, sequence: int | None) -> None:
        self.failure = VerifyResult(False, self.checked, problem, sequence)


def _check_entry(walk: _Walk, entry: AuditEntry) -> None:
    expected = walk.checked + 1
    if entry.sequence != expected:
        return walk.fail(f"entry #{expected} is missing", expected)
    if entry.previous_hash != walk.previous:
        return walk.fail("link to the previous entry is broken", entry.sequence)
    if entry.chain_version < walk.version or entry.chain_version > CHAIN_VERSION:
        return walk.fail(f"chain version {entry.chain_version} out of order", entry.sequence)
    values = {name: getattr(entry, name) for name in HASHED_FIELDS}
    if not hmac.compare_digest(_digest(walk.previous, _canonical(values)), entry.entry_hash):
        return walk.fail("content does not match its hash", entry.sequence)
    anchor = walk.anchors.get(entry.sequence)
    if anchor is not None and anchor.entry_hash != entry.entry_hash:
        return walk.fail(f"entry differs from the hash anchored at {anchor.verified_at}", entry.sequence)
    walk.previous, walk.checked, walk.version = entry.entry_hash, expected, entry.chain_version
    return None


def _walk_from(walk: _Walk) -> None:
    entries = AuditEntry.objects.filter(sequence__gt=walk.checked).order_by("sequence")
    for entry in entries.iterator(chunk_size=2000):
        _check_entry(walk, entry)
        if walk.failure:
            return


def _head_problem(walk: _Walk, head: AuditHead | None) -> str:
    if head is None or head.sequence == 0:
        return "" if walk.checked == 0 else f"the chain ends at #{walk.checked} but there is no head"
    if head.sequence != walk.checked or head.entry_hash != walk.previous:
        return f"the chain ends at #{walk.checked} but its head says #{head.sequence}"
    if head.entry_count != walk.checked:
        return f"the chain holds {walk.checked} entries but its head counts {head.entry_count}"
    expected = head_mac(sequence=head.sequence, entry_hash=head.entry_hash, entry_count=head.entry_count)
    if not hmac.compare_digest(expected, head.mac):
        return "the head is not authenticated by the audit key (rewritten)"
    return ""


def audit_verify(*, anchors: Iterable[Anchor] = ()) -> VerifyResult:
    """Recompute the whole chain; report the first entry that was edited, inserted or deleted.

    ``anchors`` are positions recorded outside the database by earlier runs: each must still be in the chain with
    the same hash, so cutting off the newest entries shows even when the head was rewritten consistently.
    """
    walk = _Walk(anchors={anchor.sequence: anchor for anchor in anchors})
    problem = ""
    for _round in range(3):  # entries appended while we walk: follow the head a few times, then give up
        _walk_from(walk)
        if walk.failure:
            return walk.failure
        head = AuditHead.objects.filter(singleton=1).first()
        problem = _head_problem(walk, head)
        if not problem or head is None or head.sequence <= walk.checked:
            break
    if problem:
        return VerifyResult(False, walk.checked, problem)
    beyond = [anchor for anchor in walk.anchors.values() if anchor.sequence > walk.checked]
    if beyond:
        newest = max(beyond, key=lambda anchor: anchor.sequence)
        problem = (
            f"the anchor of {newest.verified_at} names entry #{newest.sequence} but the chain ends at "
            f"#{walk.checked}: entries were removed"
        )
        return VerifyResult(False, walk.checked, problem, newest.sequence)
    return VerifyResult(True, walk.checked, head_hash=walk.previous)
