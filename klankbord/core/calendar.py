"""The one calendar writer: an event as an iCalendar file (RFC 5545), written by the ``icalendar`` library.

The library does the format (CRLF line endings, folding at 75 octets, TEXT escaping); this module decides what
every Klankbord calendar file holds: times in UTC, a globally unique UID, a SEQUENCE that grows with each
change, and METHOD:PUBLISH (informational: replies go by e-mail or phone, not by calendar RSVP) or CANCEL.

An event with people on it (an interview panel) is a scheduling message in the sense of RFC 5546 (iTIP): it names
its ORGANIZER and every ATTENDEE, uses METHOD:REQUEST (PUBLISH may not carry attendees), and asks for no calendar
reply (``RSVP=FALSE``); its cancellation is METHOD:CANCEL with the same UID, a higher SEQUENCE and the same people.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from icalendar import Calendar, Event, vCalAddress, vText
from icalendar.parser import Contentline

PRODID = "-//Klankbord//Klankbord//NL"


@dataclass(frozen=True)
class Person:
    """Someone on a calendar event: an e-mail address and the name shown beside it."""

    email: str
    name: str = ""


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
    organizer: Person | None = None
    attendees: tuple[Person, ...] = ()

    @property
    def method(self) -> str:
        if self.cancelled:
            return "CANCEL"
        return "REQUEST" if self.attendees else "PUBLISH"


def ics_content_type(method: str) -> str:
    """The MIME type of a calendar attachment with its iTIP method, so mail clients offer to add, update or remove
    the entry (RFC 6047)."""
    return f"text/calendar; charset=utf-8; method={method}"


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


def _address(person: Person, **parameters: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{person.email}")
    if person.name:
        address.params["CN"] = person.name
    for name, value in parameters.items():
        address.params[name] = value
    return address


def _people(component: Event, event: CalendarEvent) -> None:
    if not event.attendees:
        return
    if event.organizer is None:
        raise ValueError("an event with attendees needs an organizer (RFC 5546)")
    component.add("organizer", _address(event.organizer))
    for person in event.attendees:
        component.add("attendee", _address(person, ROLE="REQ-PARTICIPANT", RSVP="FALSE"))


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
    _people(component, event)
    return component


def calendar(event: CalendarEvent, *, stamp: datetime) -> str:
    """The whole VCALENDAR as text, ending in CRLF. Refuses naive times and an event that ends before it starts."""
    if _utc(event.ends_at) <= _utc(event.starts_at):
        raise ValueError("an event must end after it starts")
    document = Calendar()
    document.add("version", "2.0")
    document.add("prodid", PRODID)
    document.add("calscale", "GREGORIAN")
    document.add("method", event.method)
    document.add_component(_event(event, stamp))
    return document.to_ical().decode("utf-8")
