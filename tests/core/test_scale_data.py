"""``klankbord scale-data``: N x a year of national data, encrypted for real, with an intact audit chain."""

from __future__ import annotations

import io

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from klankbord.audit.models import AuditEntry
from klankbord.audit.services import audit_verify
from klankbord.messaging.models import Message
from klankbord.recruitment.models import Application
from klankbord.reports.models import Report
from klankbord.signals.models import Signal

pytestmark = pytest.mark.django_db


def _generate(scale: float, seed: int = 7) -> None:
    call_command("scale_data", scale=scale, seed=seed, stdout=io.StringIO(), stderr=io.StringIO())


def _raw(table: str, column: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE {column} <> ''")  # noqa: S608 (names are ours)
        return [row[0] for row in cursor.fetchall()]


def test_a_hundredth_of_a_year_has_the_volumes_of_the_domain_notes() -> None:
    _generate(0.01)
    assert Report.objects.count() == 30
    assert Signal.objects.count() == 100
    assert 200 <= Message.objects.count() <= 450
    assert Application.objects.count() == 2
    assert AuditEntry.objects.count() >= 3_000


def test_the_encrypted_columns_hold_ciphertext_that_the_models_read_back() -> None:
    _generate(0.01)
    for table, column in [
        ("reports_report", "narrative"),
        ("reports_report", "contact_email"),
        ("messaging_message", "body"),
        ("recruitment_application", "motivation"),
        ("signals_signal", "text"),
    ]:
        stored = _raw(table, column)
        assert stored and all(value.startswith("kb1$") for value in stored), (table, column)
    assert "schaalmelding" in Report.objects.order_by("pk").first().narrative  # type: ignore[union-attr]


def test_the_audit_chain_verifies_after_the_bulk_append() -> None:
    _generate(0.01)
    result = audit_verify()
    assert result.ok, result.problem
    assert result.checked == AuditEntry.objects.count()


class _UndoError(Exception):
    """Rolls the first run back, so that the second run starts from the same empty database."""


def _reports_of_one_run(seed: int) -> list[tuple[object, ...]]:
    fields = ("reference", "status", "categories", "municipality_id", "narrative", "contact_phone")
    try:
        with transaction.atomic():
            _generate(0.005, seed=seed)
            rows = [tuple(getattr(r, f) for f in fields) for r in Report.objects.order_by("reference")]
            raise _UndoError
    except _UndoError:
        return rows


@time_machine.travel("2026-06-01 12:00 +02:00", tick=False)
def test_the_same_seed_gives_the_same_data_and_another_seed_other_data() -> None:
    first, again, other = _reports_of_one_run(3), _reports_of_one_run(3), _reports_of_one_run(4)
    assert len(first) == 15
    assert first == again
    assert first != other


def test_a_filled_database_is_refused() -> None:
    _generate(0.005)
    with pytest.raises(CommandError, match="already holds reports"):
        _generate(0.005)
