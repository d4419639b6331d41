"""Two counsellors confirm the last free place of one ambassador at the same moment: exactly one succeeds.

Real threads, each with its own PostgreSQL connection, released together by a barrier. The first confirmation
is slowed down while it holds the ambassador's row lock, so without that lock both would count one open case,
both would pass the capacity check and the ambassador would end up over capacity: this test would then fail.
Run with: DATABASE_URL=postgres://postgres@127.0.0.1:5432/kb_matching uv run pytest tests/matching -q
"""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection

from klankbord.accounts.roles import sync_roles
from klankbord.matching import services
from klankbord.matching.constants import OPEN_ASSIGNMENT_STATUSES
from klankbord.matching.models import Assignment
from tests.factories.ambassadors import make_ambassador
from tests.factories.matching import assign
from tests.factories.reports import make_report

ON_POSTGRES = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"

pytestmark = [
    pytest.mark.skipif(
        not ON_POSTGRES,
        reason="needs PostgreSQL: SQLite serialises all writers, so it cannot show a race or row locks",
    ),
    pytest.mark.django_db(transaction=True),
]


def test_two_simultaneous_confirmations_never_push_an_ambassador_past_capacity(
    make_user: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    sync_roles()
    from klankbord.accounts.constants import RoleSlug

    counsellors = [make_user(RoleSlug.COUNSELLOR), make_user(RoleSlug.COUNSELLOR)]
    ambassador = make_ambassador(capacity=2)
    assign(ambassador)  # one of two places taken: one left
    reports = [make_report(), make_report()]

    original = services._check_eligible

    def slow_check(*args: Any, **kwargs: Any) -> None:
        original(*args, **kwargs)
        time.sleep(0.5)  # hold the lock long enough for the other thread to arrive

    monkeypatch.setattr(services, "_check_eligible", slow_check)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def confirm(counsellor: Any, report: Any) -> None:
        try:
            barrier.wait(timeout=10)
            services.assignment_confirm(actor=counsellor, report_id=report.pk, ambassador=ambassador)
            outcomes.append("ok")
        except ValidationError as error:
            outcomes.append(str(error.code))
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm, args=pair) for pair in zip(counsellors, reports, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["full", "ok"]
    assert Assignment.objects.filter(ambassador=ambassador, status__in=OPEN_ASSIGNMENT_STATUSES).count() == 2
