"""The audit log: append-only, hash-chained, and `klankbord audit verify` catches every kind of tampering."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, IntegrityError, connection, transaction

from klankbord.audit.models import AuditEntry
from klankbord.audit.services import audit_log, audit_read, audit_verify
from klankbord.audit.triggers import disable_append_only

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain(counsellor) -> list[AuditEntry]:  # type: ignore[no-untyped-def]
    return [
        audit_log(
            actor=counsellor,
            action="tests.thing.changed",
            object_type="tests.thing",
            object_id=i,
            data={"n": i},
        )
        for i in range(5)
    ]


def verify_output() -> str:
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    return out.getvalue()


def test_an_intact_chain_verifies(chain: list[AuditEntry]) -> None:
    assert "5 entries verified" in verify_output()
    assert [entry.sequence for entry in chain] == [1, 2, 3, 4, 5]
    assert chain[1].previous_hash == chain[0].entry_hash


def test_the_database_refuses_updates_and_deletes(chain: list[AuditEntry]) -> None:
    with pytest.raises((IntegrityError, DatabaseError)), transaction.atomic():
        AuditEntry.objects.filter(pk=chain[0].pk).update(action="tests.thing.hidden")
    with pytest.raises((IntegrityError, DatabaseError)), transaction.atomic():
        AuditEntry.objects.filter(pk=chain[0].pk).delete()


def _tamper(sql: str, params: list[object]) -> None:
    """What an attacker with direct database access could do after dropping the triggers."""
    disable_append_only(connection)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_verify_fails_after_an_entry_is_edited(chain: list[AuditEntry]) -> None:
    _tamper("UPDATE audit_auditentry SET object_id = %s WHERE sequence = %s", ["999", 3])
    with pytest.raises(CommandError, match="does not match its hash"):
        verify_output()


def test_verify_fails_after_an_entry_in_the_middle_is_removed(chain: list[AuditEntry]) -> None:
    _tamper("DELETE FROM audit_auditentry WHERE sequence = %s", [2])
    with pytest.raises(CommandError, match="#2 is missing"):
        verify_output()


def test_verify_fails_after_the_newest_entry_is_removed(chain: list[AuditEntry]) -> None:
    _tamper("DELETE FROM audit_auditentry WHERE sequence = %s", [5])
    with pytest.raises(CommandError, match="head says #5"):
        verify_output()


def test_verify_fails_after_an_entry_is_inserted(chain: list[AuditEntry]) -> None:
    forged = chain[2]
    _tamper("UPDATE audit_auditentry SET sequence = sequence + 1000 WHERE sequence >= %s", [3])
    _tamper("UPDATE audit_auditentry SET sequence = sequence - 999 WHERE sequence >= %s", [1000])
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO audit_auditentry (sequence, created_at, actor_id, actor_label, action, object_type,"
            " object_id, data, previous_hash, entry_hash, chain_version) VALUES (%s, %s, NULL, '',"
            " 'tests.thing.forged', '', '', '{}', %s, %s, 2)",
            [3, forged.created_at, chain[1].entry_hash, "f" * 64],
        )
    result = audit_verify()
    assert not result.ok and result.sequence == 3


def test_verify_fails_after_an_entry_is_appended_outside_the_application(chain: list[AuditEntry]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO audit_auditentry (sequence, created_at, actor_id, actor_label, action, object_type,"
            " object_id, data, previous_hash, entry_hash, chain_version) VALUES (6, %s, NULL, '',"
            " 'tests.thing.forged', '', '', '{}', %s, %s, 2)",
            [chain[4].created_at, chain[4].entry_hash, "e" * 64],
        )
    result = audit_verify()
    assert not result.ok and result.sequence == 6


def test_entries_hold_primitives_only_and_refuse_objects(counsellor) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(TypeError):
        audit_log(actor=counsellor, action="tests.thing.changed", data={"user": counsellor})
    with pytest.raises(ValueError):
        audit_log(actor=counsellor, action="not-namespaced")


def test_reads_of_confidential_objects_are_logged(counsellor) -> None:  # type: ignore[no-untyped-def]
    entry = audit_read(actor=counsellor, target=counsellor)
    assert entry.action == "accounts.user.viewed"
    assert entry.actor_id == counsellor.pk and entry.object_id == str(counsellor.pk)


def test_an_entry_rolls_back_with_the_change_it_records(counsellor) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(RuntimeError), transaction.atomic():
        audit_log(actor=counsellor, action="tests.thing.changed")
        raise RuntimeError("the change failed")
    assert not AuditEntry.objects.exists()
    assert audit_verify().ok


def test_the_admin_cannot_change_or_delete_entries(chain, administrator, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(administrator)
    url = f"/beheer/audit/auditentry/{chain[0].pk}/change/"
    response = client.post(url, {"action": "tests.thing.hidden"})
    assert AuditEntry.objects.get(pk=chain[0].pk).action == "tests.thing.changed"
    assert response.status_code in {302, 403}
    response = client.post(f"/beheer/audit/auditentry/{chain[0].pk}/delete/", {"post": "yes"})
    assert AuditEntry.objects.filter(pk=chain[0].pk).exists()
