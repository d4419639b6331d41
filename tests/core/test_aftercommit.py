"""Side effects after commit: a failing one is logged and never reaches the user or skips the next one."""

from __future__ import annotations

from functools import partial
from typing import Any

import pytest
from django.db import transaction

from klankbord.core.aftercommit import after_commit


def _fail(reason: str) -> None:
    raise RuntimeError(reason)


@pytest.mark.django_db
def test_a_failing_partial_after_commit_is_logged_and_the_next_one_still_runs(
    django_capture_on_commit_callbacks: Any, caplog: pytest.LogCaptureFixture
) -> None:
    ran: list[str] = []
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        after_commit(partial(_fail, "secret@example.test"))
        after_commit(ran.append, "second")

    assert ran == ["second"]
    [record] = [r for r in caplog.records if r.name == "klankbord.core.aftercommit"]
    assert "test_aftercommit._fail failed" in record.getMessage()
    assert "secret@example.test" not in record.getMessage()


@pytest.mark.django_db
def test_outside_a_transaction_it_runs_at_once_and_never_raises() -> None:
    after_commit(partial(_fail, "boom"))
