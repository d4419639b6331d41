"""The calendar files (klankbord.core.calendar) follow RFC 5545: CRLF, 75-octet folding, escaping, UTC times, a UID."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from klankbord.core.calendar import CalendarEvent, calendar, escape_text, fold
from tests.factories.calendars import properties, unfold

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def sample(**overrides: object) -> str:
    fields: dict[str, object] = {
        "uid": "1234@klankbord.example",
        "starts_at": datetime(2026, 7, 1, 14, 0, tzinfo=AMSTERDAM),
        "ends_at": datetime(2026, 7, 1, 15, 0, tzinfo=AMSTERDAM),
        "summary": "Selectiegesprek; regioambassadeur, NVR",
        "location": "Nassaulaan 12, Den Haag",
    }
    fields.update(overrides)
    return calendar(CalendarEvent(**fields), stamp=datetime(2026, 6, 1, 8, 0, tzinfo=UTC))  # type: ignore[arg-type]


def test_the_calendar_has_the_required_structure_and_utc_times() -> None:
    text = sample()
    lines = unfold(text)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "BEGIN:VEVENT" in lines and "END:VEVENT" in lines
    props = properties(text)
    assert props["VERSION"] == "2.0"
    assert props["PRODID"].startswith("-//Klankbord//")
    assert props["UID"] == "1234@klankbord.example"
    assert props["DTSTAMP"] == "20260601T080000Z"
    assert props["DTSTART"] == "20260701T120000Z"  # 14:00 summer time in Amsterdam is 12:00 UTC
    assert props["DTEND"] == "20260701T130000Z"


def test_every_line_ends_in_crlf_and_no_bare_newlines_remain() -> None:
    text = sample(description="Regel een\nregel twee")
    assert "\n" not in text.replace("\r\n", "")
    assert properties(text)["DESCRIPTION"] == "Regel een\\nregel twee"


def test_text_values_are_escaped() -> None:
    assert escape_text("a;b,c\\d\ne") == "a\\;b\\,c\\\\d\\ne"
    assert properties(sample())["SUMMARY"] == "Selectiegesprek\\; regioambassadeur\\, NVR"


def test_long_lines_are_folded_at_75_octets_without_splitting_characters() -> None:
    location = "Raadhuisplein 1, ’s-Hertogenbosch, zaal ‘De Burgerzaal’ - ingang via de Markt " * 3
    text = sample(location=location)
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
    assert properties(text)["LOCATION"] == escape_text(location)


def test_folding_keeps_short_lines_intact() -> None:
    assert fold("SUMMARY:kort") == "SUMMARY:kort"


def test_a_naive_time_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        sample(starts_at=datetime(2026, 7, 1, 14, 0))


def test_an_event_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(ValueError, match="end after"):
        sample(ends_at=datetime(2026, 7, 1, 13, 0, tzinfo=AMSTERDAM))


def test_a_cancelled_event_says_so() -> None:
    text = sample(cancelled=True, sequence=1)
    props = properties(text)
    assert props["METHOD"] == "CANCEL" and props["STATUS"] == "CANCELLED" and props["SEQUENCE"] == "1"
