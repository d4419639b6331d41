"""The calendar file of a gathering, written with the project's one calendar writer (klankbord.core.calendar)."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone

from klankbord.core.calendar import CalendarEvent, calendar, ics_content_type

from .models import Gathering


def ics_mimetype(gathering: Gathering) -> str:
    """The attachment's type with its iTIP method (PUBLISH, or CANCEL once the gathering is cancelled)."""
    return ics_content_type("CANCEL" if gathering.is_cancelled else "PUBLISH")


AGENDA_IN_CALENDAR = 1_000  # the calendar carries the start of the agenda; the page has all of it


def gathering_uid(gathering: Gathering) -> str:
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "klankbord"
    return f"network-gathering-{gathering.pk}@{host}"


def gathering_ics(gathering: Gathering) -> str:
    """The VCALENDAR of ``gathering`` (UTC times, folded, escaped; see klankbord.core.calendar)."""
    event = CalendarEvent(
        uid=gathering_uid(gathering),
        starts_at=gathering.starts_at,
        ends_at=gathering.ends_at,
        summary=gathering.title,
        location=gathering.place or gathering.online_url,
        description=gathering.agenda[:AGENDA_IN_CALENDAR],
        url=gathering.online_url,
        sequence=gathering.sequence,
        cancelled=gathering.is_cancelled,
    )
    return calendar(event, stamp=timezone.now())


def ics_filename(gathering: Gathering) -> str:
    return f"bijeenkomst-{gathering.pk}.ics"
