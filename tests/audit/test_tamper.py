"""Tampering that the chain alone would miss: a cut-off tail with a rewritten head, an unhashed column.

The attacker has database access (drops the triggers) but not the audit key; the anchor file stands for storage
outside the database (append-only, or the log lines an operator ships elsewhere).
"""

from __future__ import annotations

import importlib
import json
import logging
from datetime import timedelta
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from klankbord.audit.models import AuditEntry, AuditHead
from klankbord.audit.services import (
    GENESIS,
    HASHED_FIELDS,
    NOT_HASHED,
    _canonical,
    _digest,
    audit_log,
    audit_verify,
)
from klankbord.audit.triggers import disable_append_only

pytestmark = pytest.mark.django_db


@pytest.fixture
def anchor_file(settings: Any, tmp_path: Path) -> Path:
    settings.AUDIT_ANCHOR_FILE = str(tmp_path / "anchor" / "audit-anchor.jsonl")
    return Path(settings.AUDIT_ANCHOR_FILE)


def _log(actor: Any, n: int) -> AuditEntry:
    return audit_log(
        actor=actor,
        action="tests.thing.changed",
        object_type="tests.thing",
        object_id=n,
        data={"n": n},
        ip_address="192.0.2.7",
    )


def _head() -> dict[str, Any]:
    head = AuditHead.objects.get()
    return {
        "sequence": head.sequence,
        "entry_hash": head.entry_hash,
        "entry_count": head.entry_count,
        "mac": head.mac,
    }


def _tamper(sql: str, params: list[object]) -> None:
    disable_append_only(connection)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _set_head(values: dict[str, Any]) -> None:
    AuditHead.objects.filter(singleton=1).update(**values)


def _verify() -> str:
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    return out.getvalue()


def test_every_stored_column_is_hashed_or_named_with_a_reason() -> None:
    columns = {field.name for field in AuditEntry._meta.concrete_fields}
    assert columns == set(HASHED_FIELDS) | set(NOT_HASHED), "hash the new column in audit/services.py"


EDITS = {
    "sequence": 90,
    "created_at": timezone.now() - timedelta(days=3),
    "actor_id": 999,
    "actor_label": "user:999",
    "action": "tests.thing.hidden",
    "object_type": "tests.other",
    "object_id": "999",
    "data": json.dumps({"n": 7}),
    "ip_address": "198.51.100.1",
    "previous_hash": "a" * 64,
    "chain_version": 1,
}


def test_the_edits_cover_every_hashed_column() -> None:
    assert set(EDITS) == set(HASHED_FIELDS)


@pytest.mark.parametrize("column", sorted(EDITS))
def test_an_edit_of_any_hashed_column_is_detected(counsellor: Any, column: str) -> None:
    for n in range(3):
        _log(counsellor, n)
    assert audit_verify().ok
    _tamper(f"UPDATE audit_auditentry SET {column} = %s WHERE sequence = 2", [EDITS[column]])  # noqa: S608
    assert not audit_verify().ok


def test_the_client_address_is_part_of_the_hash(counsellor: Any) -> None:
    _log(counsellor, 1)
    _tamper("UPDATE audit_auditentry SET ip_address = %s WHERE sequence = 1", ["203.0.113.9"])
    result = audit_verify()
    assert not result.ok and result.problem == "content does not match its hash"


def test_cutting_off_the_tail_and_rewriting_the_head_without_the_key_is_detected(counsellor: Any) -> None:
    chain = [_log(counsellor, n) for n in range(5)]
    _tamper("DELETE FROM audit_auditentry WHERE sequence > %s", [3])
    forged = {"sequence": 3, "entry_hash": chain[2].entry_hash, "entry_count": 3}
    _set_head({**forged, "mac": "0" * 64})
    result = audit_verify()
    assert not result.ok and "not authenticated" in result.problem


def test_cutting_off_the_tail_and_replaying_an_earlier_head_is_caught_by_the_anchor(
    counsellor: Any, anchor_file: Path
) -> None:
    for n in range(3):
        _log(counsellor, n)
    earlier_head = _head()  # what somebody with database access could have copied at #3
    _log(counsellor, 3)
    _log(counsellor, 4)
    assert "5 entries verified" in _verify()
    _tamper("DELETE FROM audit_auditentry WHERE sequence > %s", [3])
    _set_head(earlier_head)
    assert audit_verify().ok  # without the anchor the cut is invisible: the head is genuine, only older
    with pytest.raises(CommandError, match="names entry #5 but the chain ends at #3: entries were removed"):
        _verify()


def test_an_emptied_database_is_caught_by_the_anchor(counsellor: Any, anchor_file: Path) -> None:
    _log(counsellor, 1)
    _verify()
    _tamper("DELETE FROM audit_auditentry", [])
    AuditHead.objects.all().delete()
    with pytest.raises(CommandError, match="entries were removed"):
        _verify()


def test_an_anchored_entry_rewritten_with_the_key_is_caught_by_the_anchor(
    counsellor: Any, anchor_file: Path
) -> None:
    """Somebody with the key and the database rebuilds the newest entry; the anchor still holds the old hash."""
    _log(counsellor, 1)
    entry = _log(counsellor, 2)
    _verify()
    values: dict[str, Any] = {name: getattr(entry, name) for name in HASHED_FIELDS}
    values["object_id"] = "999"
    rebuilt = _digest(entry.previous_hash, _canonical(values))
    _tamper(
        "UPDATE audit_auditentry SET object_id = %s, entry_hash = %s WHERE sequence = 2", ["999", rebuilt]
    )
    from klankbord.audit.services import head_mac

    _set_head({"entry_hash": rebuilt, "mac": head_mac(sequence=2, entry_hash=rebuilt, entry_count=2)})
    assert audit_verify().ok
    with pytest.raises(CommandError, match="differs from the hash anchored"):
        _verify()


def test_an_entry_inserted_in_the_middle_is_detected(counsellor: Any) -> None:
    chain = [_log(counsellor, n) for n in range(3)]
    _tamper("UPDATE audit_auditentry SET sequence = sequence + 1 WHERE sequence = %s", [3])
    AuditEntry.objects.create(
        **{name: getattr(chain[2], name) for name in HASHED_FIELDS if name != "sequence"},
        sequence=3,
        entry_hash="f" * 64,
    )
    result = audit_verify()
    assert not result.ok and result.sequence == 3


def test_an_entry_deleted_in_the_middle_is_detected(counsellor: Any) -> None:
    for n in range(3):
        _log(counsellor, n)
    _tamper("DELETE FROM audit_auditentry WHERE sequence = %s", [2])
    assert audit_verify().problem == "entry #2 is missing"


def test_each_verify_appends_one_anchor_line_and_logs_it(
    counsellor: Any, anchor_file: Path, caplog: pytest.LogCaptureFixture
) -> None:
    _log(counsellor, 1)
    with caplog.at_level(logging.INFO, logger="klankbord.audit.anchor"):
        _verify()
        _log(counsellor, 2)
        assert "verified against 1 anchors" in _verify()
    lines = [json.loads(line) for line in anchor_file.read_text().splitlines()]
    assert [line["sequence"] for line in lines] == [1, 2]
    assert lines[1]["entry_hash"] == AuditEntry.objects.get(sequence=2).entry_hash
    assert sum("audit.head.anchored" in record.getMessage() for record in caplog.records) == 2


def test_a_damaged_anchor_file_fails_the_verify(counsellor: Any, anchor_file: Path) -> None:
    anchor_file.parent.mkdir(parents=True)
    anchor_file.write_text("not json\n")
    with pytest.raises(CommandError, match="line 1 of the anchor file"):
        _verify()


def test_an_ipv6_address_verifies_in_whatever_spelling_the_database_returns(counsellor: Any) -> None:
    audit_log(actor=counsellor, action="tests.thing.changed", ip_address="2001:DB8:0:0::1")
    audit_log(actor=counsellor, action="tests.thing.changed", ip_address="::ffff:192.0.2.1")
    assert audit_verify().ok


def _version_1_entry(sequence: int, previous: str) -> AuditEntry:
    values: dict[str, Any] = {
        "sequence": sequence,
        "created_at": timezone.now(),
        "actor_id": None,
        "actor_label": "system:demo",
        "action": "tests.thing.changed",
        "object_type": "",
        "object_id": str(sequence),
        "data": {},
        "ip_address": "192.0.2.1",
        "previous_hash": previous,
        "chain_version": 1,
    }
    return AuditEntry.objects.create(**values, entry_hash=_digest(previous, _canonical(values)))


def test_a_chain_from_before_the_migration_is_sealed_and_keeps_verifying(counsellor: Any) -> None:
    first = _version_1_entry(1, GENESIS)
    second = _version_1_entry(2, first.entry_hash)
    AuditHead.objects.create(sequence=2, entry_hash=second.entry_hash)  # a head as migration 0002 left it
    assert not audit_verify().ok
    migration = importlib.import_module("klankbord.audit.migrations.0003_chain_version_and_head_mac")
    migration.seal_head(apps, None)
    assert audit_verify().ok
    assert _log(counsellor, 3).chain_version == 2
    assert audit_verify().checked == 3


def test_a_version_1_entry_after_a_version_2_entry_fails(counsellor: Any) -> None:
    newer = _log(counsellor, 1)
    _version_1_entry(2, newer.entry_hash)
    assert audit_verify().problem == "chain version 1 out of order"


def test_an_entry_costs_no_more_queries_than_before_the_head_was_authenticated(
    counsellor: Any, django_assert_max_num_queries: Any
) -> None:
    """Lock and read the head, insert the entry, update the head: the MAC rides on the same UPDATE (issue 17)."""
    _log(counsellor, 0)
    advisory_lock = 1 if connection.vendor == "postgresql" else 0
    with django_assert_max_num_queries(
        5 + advisory_lock
    ) as captured:  # 3 statements, the savepoint, the lock
        _log(counsellor, 1)
    assert sum(query["sql"].startswith("UPDATE") for query in captured.captured_queries) == 1


def test_an_unknown_client_address_is_stored_as_none_and_verifies(counsellor: Any) -> None:
    assert audit_log(actor=counsellor, action="tests.thing.changed", ip_address="unknown").ip_address is None
    assert audit_verify().ok
