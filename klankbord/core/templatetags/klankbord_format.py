"""Dutch number and date formats in both languages (a builtin library: no ``{% load %}`` needed).

Django's ``M`` format capitalises the short month (``3 Dec 2026`` in the Dutch interface); ``short_date`` writes
the Dutch abbreviation instead (``3 dec. 2026``; ``mei`` has no full stop) and ``3 Dec 2026`` in English.
``number`` groups thousands with a full stop and writes decimals with a comma, in both languages: the
association's figures read the same in every report. Long forms use the named formats of ``klankbord/formats``.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django import template
from django.utils import timezone
from django.utils.translation import pgettext

register = template.Library()


def _month_abbreviation(month: int) -> str:
    return [
        pgettext("maand afgekort", "jan."),
        pgettext("maand afgekort", "feb."),
        pgettext("maand afgekort", "mrt."),
        pgettext("maand afgekort", "apr."),
        pgettext("maand afgekort", "mei"),
        pgettext("maand afgekort", "jun."),
        pgettext("maand afgekort", "jul."),
        pgettext("maand afgekort", "aug."),
        pgettext("maand afgekort", "sep."),
        pgettext("maand afgekort", "okt."),
        pgettext("maand afgekort", "nov."),
        pgettext("maand afgekort", "dec."),
    ][month - 1]


def _local(value: date | datetime) -> date | datetime:
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


@register.filter(expects_localtime=True)
def short_date(value: date | datetime | None) -> str:
    """``3 dec. 2026``; empty for no date."""
    if not value:
        return ""
    value = _local(value)
    return f"{value.day} {_month_abbreviation(value.month)} {value.year}"


@register.filter(expects_localtime=True)
def short_day(value: date | datetime | None) -> str:
    """``3 dec.``: day and month, for dates in the coming weeks."""
    if not value:
        return ""
    value = _local(value)
    return f"{value.day} {_month_abbreviation(value.month)}"


@register.filter(expects_localtime=True)
def short_datetime(value: datetime | None) -> str:
    """``3 dec. 2026 14:05``."""
    if not value:
        return ""
    local = _local(value)
    return f"{short_date(local)} {local:%H:%M}"


@register.filter
def number(value: int | float | Decimal | str | None, decimals: int = 0) -> str:
    """``12.345`` and ``3,5``: Dutch grouping and decimal comma; non-numbers pass through unchanged."""
    if value is None or value == "":
        return ""
    try:
        figure = float(value)
    except (TypeError, ValueError):
        return str(value)
    text = f"{figure:,.{int(decimals)}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")
