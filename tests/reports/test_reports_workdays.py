from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from klankbord.reports.workdays import add_working_days, first_response_due, is_working_day

AMS = ZoneInfo("Europe/Amsterdam")


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (date(2025, 11, 24), date(2025, 11, 26)),  # Monday → Wednesday
        (date(2025, 11, 28), date(2025, 12, 2)),  # Friday → Tuesday
        (date(2025, 11, 29), date(2025, 12, 2)),  # Saturday → Tuesday
        (date(2025, 4, 17), date(2025, 4, 23)),  # before Good Friday and Easter Monday
        (date(2026, 4, 24), date(2026, 4, 29)),  # King's Day (27 April 2026) is skipped
        (date(2025, 12, 24), date(2025, 12, 30)),  # Christmas Day and Boxing Day are skipped
    ],
)
def test_first_response_is_due_two_dutch_working_days_after_receipt(received: date, due: date) -> None:
    assert add_working_days(received, 2) == due


def test_due_date_uses_the_amsterdam_date_of_receipt() -> None:
    # 23:30 UTC on Friday is already Saturday in Amsterdam: still due on Tuesday.
    received = datetime(2025, 11, 28, 23, 30, tzinfo=ZoneInfo("UTC"))
    assert first_response_due(received) == date(2025, 12, 2)
    assert first_response_due(datetime(2025, 11, 27, 9, 0, tzinfo=AMS)) == date(2025, 12, 1)


def test_weekends_and_public_holidays_are_not_working_days() -> None:
    assert not is_working_day(date(2025, 11, 29))
    assert not is_working_day(date(2025, 12, 25))
    assert is_working_day(date(2025, 12, 23))
