"""The one calendar writer: an event as an iCalendar file (RFC 5545), written by the ``icalendar`` library.

The library does the format (CRLF line endings, folding at 75 octets, TEXT escaping); this module decides what
every Klankbord calendar file holds: times in UTC, a globally unique UID, a SEQUENCE that grows with each
change, and METHOD:PUBLISH (informational: replies go by e-mail or phone, not by calendar RSVP) or CANCEL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from icalendar import Calendar, Event, vText
from icalendar.parser import Contentline

PRODID = "-//Klankbord//Werving en selectie//NL"


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


def escape_text(value: str) -> str:
    """A TEXT value escaped as in the file: backslash, semicolon, comma and newlines."""
    return bytes(vText(value).to_ical()).decode("utf-8")


def fold(line: str) -> str:
    """One content line folded as in the file: at most 75 octets a line, continuation lines start with a space."""
    return bytes(Contentline(line).to_ical()).decode("utf-8")


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("iCalendar times must be aware datetimes")
    return moment.astimezone(UTC)


def _event(event: CalendarEvent, stamp: datetime) -> Event:
    component = Event()
    component.add("uid", event.uid)
    component.add("dtstamp", _utc(stamp))
    component.add("dtstart", _utc(event.starts_at))
    component.add("dtend", _utc(event.ends_at))
    component.add("sequence", event.sequence)
    component.add("summary", event.summary)
    component.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    for name, value in (("location", event.location), ("description", event.description), ("url", event.url)):
        if value:
            component.add(name, value)
    return component


def calendar(event: CalendarEvent, *, stamp: datetime) -> str:
    """The whole VCALENDAR as text, ending in CRLF. Refuses naive times and an event that ends before it starts."""
    if _utc(event.ends_at) <= _utc(event.starts_at):
        raise ValueError("an event must end after it starts")
    document = Calendar()
    document.add("version", "2.0")
    document.add("prodid", PRODID)
    document.add("calscale", "GREGORIAN")
    document.add("method", "CANCEL" if event.cancelled else "PUBLISH")
    document.add_component(_event(event, stamp))
    return document.to_ical().decode("utf-8")
