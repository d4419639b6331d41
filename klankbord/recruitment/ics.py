"""A minimal iCalendar writer (RFC 5545) for interview invitations. No dependency: the format is small.

What the RFC requires and this module does: CRLF line endings (3.1), lines folded at 75 octets without
splitting a UTF-8 character (3.1), TEXT values escaped (backslash, semicolon, comma, newline; 3.3.11),
DTSTAMP/DTSTART/DTEND as UTC date-times with a trailing Z (3.3.5), a globally unique UID (3.8.4.7), and
VERSION and PRODID on the calendar (3.7.3, 3.7.4). METHOD:PUBLISH: the invitation is informational; replies
go by e-mail or phone, not by calendar RSVP.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

CRLF = "\r\n"
MAX_OCTETS = 75
PRODID = "-//Klankbord//Werving en selectie//NL"


def escape_text(value: str) -> str:
    """Escape a TEXT value: backslash first, then ; , and newlines (CR LF or LF become \\n)."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def format_utc(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("iCalendar times must be aware datetimes")
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def fold(line: str) -> str:
    """Fold one content line into chunks of at most 75 octets; continuation lines start with a space."""
    parts: list[str] = []
    current, size, limit = "", 0, MAX_OCTETS
    for character in line:
        width = len(character.encode("utf-8"))
        if size + width > limit:
            parts.append(current)
            current, size, limit = "", 0, MAX_OCTETS - 1  # the leading space counts towards the 75
        current += character
        size += width
    parts.append(current)
    return (CRLF + " ").join(parts)


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    starts_at: datetime
    ends_at: datetime
    summary: str
    location: str = ""
    description: str = ""
    url: str = ""
    sequence: int = 0
    cancelled: bool = False


def _event_lines(event: CalendarEvent, stamp: datetime) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event.uid}",
        f"DTSTAMP:{format_utc(stamp)}",
        f"DTSTART:{format_utc(event.starts_at)}",
        f"DTEND:{format_utc(event.ends_at)}",
        f"SEQUENCE:{event.sequence}",
        f"SUMMARY:{escape_text(event.summary)}",
        f"STATUS:{'CANCELLED' if event.cancelled else 'CONFIRMED'}",
    ]
    if event.location:
        lines.append(f"LOCATION:{escape_text(event.location)}")
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.url:
        lines.append(f"URL:{event.url}")
    lines.append("END:VEVENT")
    return lines


def calendar(event: CalendarEvent, *, stamp: datetime) -> str:
    """The whole VCALENDAR as text, ending in CRLF."""
    if event.starts_at.tzinfo is None or event.ends_at.tzinfo is None:
        raise ValueError("iCalendar times must be aware datetimes")
    if event.ends_at <= event.starts_at:
        raise ValueError("an event must end after it starts")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        f"METHOD:{'CANCEL' if event.cancelled else 'PUBLISH'}",
        *_event_lines(event, stamp),
        "END:VCALENDAR",
    ]
    return CRLF.join(fold(line) for line in lines) + CRLF
