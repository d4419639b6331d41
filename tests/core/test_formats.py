"""Dutch dates and numbers in both interfaces: no capitalised English-style month ('3 Dec 2026') in Dutch."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2] / "klankbord"


def _render(source: str, **context: object) -> str:
    return Template(source).render(Context(context))


@pytest.mark.parametrize(
    ("language", "expected"),
    [("nl", "3 dec. 2026 · 7 mei 2026 · 14 mrt. 2026"), ("en", "3 Dec 2026 · 7 May 2026 · 14 Mar 2026")],
)
def test_short_dates_use_the_languages_month_abbreviations(language: str, expected: str) -> None:
    with translation.override(language):
        text = _render(
            "{{ a|short_date }} · {{ b|short_date }} · {{ c|short_date }}",
            a=date(2026, 12, 3),
            b=date(2026, 5, 7),
            c=date(2026, 3, 14),
        )
    assert text == expected


def test_short_datetime_is_in_amsterdam_time() -> None:
    moment = datetime(2026, 12, 3, 13, 5, tzinfo=ZoneInfo("UTC"))
    with translation.override("nl"):
        assert _render("{{ m|short_datetime }}", m=moment) == "3 dec. 2026 14:05"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_numbers_have_dutch_grouping_and_a_decimal_comma_in_both_languages(language: str) -> None:
    with translation.override(language):
        assert (
            _render("{{ n|number }} {{ f|number:1 }} {{ f|floatformat:1 }}", n=12345, f=3.25)
            == "12.345 3,2 3,3"
        )


def test_the_english_interface_writes_dates_day_first() -> None:
    with translation.override("en"):
        assert _render("{{ d|date }}", d=date(2026, 12, 3)) == "3 December 2026"


def test_no_template_uses_the_capitalised_short_month() -> None:
    """Django's ``M`` writes 'Dec' in the Dutch interface; templates use ``short_date`` instead."""
    offenders = []
    for path in ROOT.rglob("*.html"):
        for match in re.finditer(r'\|date:"([^"]*)"', path.read_text(encoding="utf-8")):
            if re.search(r"(?<!\\)M", match.group(1)):
                offenders.append(f"{path.relative_to(ROOT)}: {match.group(0)}")
    assert offenders == []


def test_every_htmx_action_has_a_busy_indicator() -> None:
    """Each template that issues an htmx request shows a ``htmx-indicator`` (by ``hx-indicator`` or inside the
    element); klankbord.js adds ``aria-busy`` to the region being replaced."""
    missing = []
    for path in ROOT.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        if re.search(r"\shx-(get|post|put|delete|patch)=", text) and "htmx-indicator" not in text:
            missing.append(str(path.relative_to(ROOT)))
    assert missing == []
