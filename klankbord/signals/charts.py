"""Server-rendered SVG charts: no JavaScript, no external assets, presentation attributes only (strict CSP).

Each chart is an ``<svg role="img">`` with a title and a description; the page shows the same numbers in a
data table for screen readers and keyboard users. Suppressed values (fewer than k) break the line.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .disclosure import ProtectedTable

WIDTH, HEIGHT = 760, 300
LEFT, RIGHT, TOP, BOTTOM = 48, 250, 16, 44
# Colour-blind safe palette (Okabe-Ito plus darker tones); every series also gets its own dash pattern.
PALETTE = (
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#8C564B",
    "#7F7F7F", "#1F4E79", "#A23B72", "#3B7D23",
)  # fmt: skip
DASHES = ("", "6 3", "2 3", "8 3 2 3", "12 4", "4 4", "1 2", "10 2 2 2 2 2")


def _nice_max(value: int) -> int:
    for step in (5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if value <= step * 5:
            return max(step, -(-value // step) * step)
    return value


def _x(index: int, count: int) -> float:
    span = WIDTH - LEFT - RIGHT
    return LEFT + (span * index / (count - 1) if count > 1 else span / 2)


def _y(value: float, top: int) -> float:
    return TOP + (HEIGHT - TOP - BOTTOM) * (1 - value / top)


def _axes(columns: list[str], top: int) -> list[str]:
    parts = []
    for i in range(6):
        value = top * i / 5
        y = _y(value, top)
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="#d0d0d0"/>')
        parts.append(
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11">{value:g}</text>'
        )
    step = max(1, len(columns) // 8)
    for j, label in enumerate(columns):
        if j % step == 0 or j == len(columns) - 1:
            x = _x(j, len(columns))
            y = HEIGHT - BOTTOM + 16
            parts.append(
                f'<text x="{x:.1f}" y="{y}" text-anchor="middle" font-size="11">{escape(label)}</text>'
            )
    return parts


def _series(values: list[int | None], index: int, top: int) -> list[str]:
    colour, dash = PALETTE[index % len(PALETTE)], DASHES[index % len(DASHES)]
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    parts, run = [], []
    for j, value in enumerate([*values, None]):
        if value is not None:
            run.append(f"{_x(j, len(values)):.1f},{_y(value, top):.1f}")
            continue
        if len(run) > 1:
            parts.append(
                f'<polyline points="{" ".join(run)}" fill="none" stroke="{colour}" stroke-width="2"{dash_attr}/>'
            )
        parts.extend(
            f'<circle cx="{p.split(",")[0]}" cy="{p.split(",")[1]}" r="3" fill="{colour}"/>' for p in run
        )
        run = []
    return parts


def _legend(rows: list[str]) -> list[str]:
    parts = []
    for i, label in enumerate(rows):
        y = TOP + 14 + i * 18
        x = WIDTH - RIGHT + 14
        colour, dash = PALETTE[i % len(PALETTE)], DASHES[i % len(DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<line x1="{x}" x2="{x + 22}" y1="{y - 4}" y2="{y - 4}" stroke="{colour}" stroke-width="2"{dash_attr}/>'
        )
        shown = label if len(label) <= 36 else label[:35] + "…"
        parts.append(f'<text x="{x + 28}" y="{y}" font-size="11">{escape(shown)}</text>')
    return parts


def line_chart(table: ProtectedTable, *, chart_id: str) -> SafeString:
    """One line per row of ``table`` over its columns; suppressed cells are gaps."""
    rows, columns = table.table.rows, table.table.columns
    body = [values[: len(columns)] for values in table.values[: len(rows)]]
    top = _nice_max(max([v for values in body for v in values if v is not None] or [0]))
    title = escape(table.table.title)
    description = escape(
        _("Aantal signalen per %(period)s en per %(dimension)s. Waarden onder %(k)d worden niet getoond.")
        % {"period": _("periode"), "dimension": table.table.row_heading.lower(), "k": table.k}
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" class="chart" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{title}</title><desc id="{chart_id}-desc">{description}</desc>',
        *_axes(columns, top),
    ]
    for index, values in enumerate(body):
        parts.extend(_series(values, index, top))
    parts.extend(_legend(rows))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every label is escaped above
