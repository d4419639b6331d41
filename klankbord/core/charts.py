"""Small server-side bar charts for the role homes: inline SVG bars beside their label and figure.

A chart is a list of rows; each row's bar is drawn as a ``<rect>`` whose width is the value's share of the
largest one (SVG attributes, no inline style, so the strict CSP holds). The label and the number are text, so
the chart reads without the picture (``core/includes/bar_chart.html``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class Bar:
    label: str | Promise
    value: int
    width: int  # 0-100: share of the largest value
    url: str = ""
    tone: str = ""  # "warn" or "danger" draws the bar in that colour


def bars(rows: Iterable[tuple[str | Promise, int, str]], *, tone_at: int | None = None) -> list[Bar]:
    """Rows of (label, value, url) as bars; a value of at least ``tone_at`` is marked ``warn``."""
    items = list(rows)
    top = max((value for _label, value, _url in items), default=0)
    return [
        Bar(
            label=label,
            value=value,
            width=round(100 * value / top) if top else 0,
            url=url,
            tone="warn" if tone_at is not None and value >= tone_at else "",
        )
        for label, value, url in items
    ]
