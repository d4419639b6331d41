"""Figures of the network: each ambassador's load, and time spent, for the ambassador and (aggregated) for the
coordinator. Nothing here is per case: time is summed per ambassador, region, month and activity.

Time tables for the coordinator are disclosure-controlled with the signals module. The unit counted against
the threshold k is the *ambassador*: a cell shows hours only when at least k different ambassadors contributed
to it. Regions with fewer than k ambassadors logging time in the window are merged into one row first (so a
region total never shows one person's hours); then the counts of contributing ambassadors are protected with
``protect_linked`` (primary and complementary suppression, the two tables share the monthly totals) and the
resulting suppression pattern is applied to the hours. That is sound because the pattern's safety depends only
on which entries are hidden, and an hours entry is positive exactly when its contributor count is.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from klankbord.ambassadors.constants import TimeActivity
from klankbord.ambassadors.selectors import (
    ambassador_start_dates,
    home_region_ids,
    month_bounds,
    time_minutes_of_network,
    time_minutes_per_ambassador,
    time_minutes_per_month_and_activity,
)
from klankbord.geo.selectors import active_scheme, region_names_by_pk
from klankbord.matching.selectors import open_case_counts
from klankbord.signals.disclosure import Table, protect_linked, threshold
from klankbord.signals.selectors import add_months, last_complete_month

from .constants import (
    HEAVY_PROMPT_DAYS,
    HEAVY_WINDOW_DAYS,
    HOURS_PER_MONTH_DEFAULT,
    LOAD_RATIO_DEFAULT,
    TIME_WINDOW_MONTHS,
    DebriefStatus,
)
from .models import CaseLoadFlag, DebriefRequest

if TYPE_CHECKING:
    from klankbord.ambassadors.models import Ambassador


def load_ratio_threshold() -> float:
    return float(getattr(settings, "KLANKBORD_NETWORK_LOAD_RATIO", LOAD_RATIO_DEFAULT))


def hours_threshold() -> float:
    return float(getattr(settings, "KLANKBORD_NETWORK_HOURS_PER_MONTH", HOURS_PER_MONTH_DEFAULT))


@dataclass(frozen=True)
class Load:
    ambassador: Ambassador
    open_cases: int
    capacity: int
    minutes_last_month: int
    heavy_cases: int  # cases marked heavy in the last year
    recent_heavy: bool  # a case was marked heavy in the last HEAVY_PROMPT_DAYS days
    open_debrief: bool

    @property
    def hours_last_month(self) -> float:
        return round(self.minutes_last_month / 60, 1)

    @property
    def over_threshold(self) -> bool:
        ratio = self.open_cases / max(self.capacity, 1)
        return ratio >= load_ratio_threshold() or self.hours_last_month >= hours_threshold()

    @property
    def debrief_reason(self) -> str | None:
        """Why a debrief is suggested now ('heavy_case', 'high_load'), or None."""
        if self.open_debrief:
            return None
        if self.recent_heavy:
            return "heavy_case"
        return "high_load" if self.over_threshold else None


def loads(ambassadors: list[Ambassador], *, today: date | None = None) -> list[Load]:
    """The load of each ambassador in four queries however many there are."""
    today = today or timezone.localdate()
    ids = [a.pk for a in ambassadors]
    open_counts = open_case_counts(ids)
    first, last = month_bounds(*divmod_month(last_complete_month(today)))
    minutes = time_minutes_per_ambassador(ambassador_ids=ids, first=first, last=last)
    since = timezone.now() - timedelta(days=HEAVY_WINDOW_DAYS)
    recent = timezone.now() - timedelta(days=HEAVY_PROMPT_DAYS)
    flags: dict[int, list] = defaultdict(list)
    for ambassador_id, at in CaseLoadFlag.objects.filter(
        assignment__ambassador_id__in=ids, at__gte=since
    ).values_list("assignment__ambassador_id", "at"):
        flags[ambassador_id].append(at)
    debriefs = set(
        DebriefRequest.objects.filter(ambassador_id__in=ids, status=DebriefStatus.OPEN).values_list(
            "ambassador_id", flat=True
        )
    )
    return [
        Load(
            ambassador=a,
            open_cases=open_counts.get(a.pk, 0),
            capacity=a.capacity,
            minutes_last_month=int(minutes.get(a.pk) or 0),
            heavy_cases=len(flags[a.pk]),
            recent_heavy=any(at >= recent for at in flags[a.pk]),
            open_debrief=a.pk in debriefs,
        )
        for a in ambassadors
    ]


def divmod_month(day: date) -> tuple[int, int]:
    return day.year, day.month


def _window(months: int, until: date | None) -> list[date]:
    end = until or last_complete_month()
    return [add_months(end, -offset) for offset in range(months - 1, -1, -1)]


@dataclass(frozen=True)
class MonthTime:
    month: date
    total_minutes: int
    by_activity: list[tuple[str, int]]

    @property
    def hours(self) -> float:
        return round(self.total_minutes / 60, 1)


def own_time(
    *, ambassador: Ambassador, months: int = TIME_WINDOW_MONTHS, today: date | None = None
) -> list[MonthTime]:
    """The ambassador's own hours per month (this month included) and activity, newest first (one query)."""
    current = (today or timezone.localdate()).replace(day=1)
    window = [add_months(current, -offset) for offset in range(months)]
    rows = time_minutes_per_month_and_activity(ambassador=ambassador, since=window[-1])
    per: dict[date, dict[str, int]] = defaultdict(dict)
    for month, activity, total in rows:
        per[_as_date(month)][activity] = int(total)
    labels = dict(TimeActivity.choices)
    return [
        MonthTime(
            m,
            sum(per[m].values()),
            [(str(labels[a]), per[m][a]) for a in TimeActivity.values if per[m].get(a)],
        )
        for m in window
    ]


def _as_date(value: object) -> date:
    return value.date() if hasattr(value, "date") and callable(value.date) else value  # type: ignore[return-value]


@dataclass(frozen=True)
class TimeTable:
    """Hours as published: ``rows`` of (label, hours per month or None when suppressed, row total or None)."""

    title: str
    row_heading: str
    columns: list[str]
    rows: list[tuple[str, list[float | None], float | None]]
    k: int


def _entries(window: list[date]) -> list[tuple[int, int, date, str, int]]:
    first, last = window[0], month_bounds(*divmod_month(window[-1]))[1]
    rows = time_minutes_of_network(first=first, last=last)
    return [(a, m, _as_date(month), act, int(t)) for a, m, month, act, t in rows]


def _grid(keys: list[str], window: list[date], entries: list[tuple[str, int, date, int]]):
    """(minutes[row][col], contributing ambassadors[row][col]) for rows ``keys`` and months ``window``."""
    row_of, col_of = {k: i for i, k in enumerate(keys)}, {m: j for j, m in enumerate(window)}
    minutes = [[0] * len(window) for _k in keys]
    people: list[list[set[int]]] = [[set() for _m in window] for _k in keys]
    for key, ambassador_id, month, total in entries:
        r, c = row_of[key], col_of[month]
        minutes[r][c] += total
        people[r][c].add(ambassador_id)
    return minutes, [[len(cell) for cell in row] for row in people]


def _published(minutes: list[list[int]], hidden: set[tuple[int, int]]) -> list[list[float | None]]:
    full = [[*row, sum(row)] for row in minutes]
    full.append([sum(full[r][c] for r in range(len(minutes))) for c in range(len(full[0]) if full else 0)])
    return [
        [None if (r, c) in hidden else round(v / 60, 1) for c, v in enumerate(row)]
        for r, row in enumerate(full)
    ]


def time_tables(*, months: int = TIME_WINDOW_MONTHS, until: date | None = None) -> list[TimeTable]:
    """Hours per region x month and per activity x month, disclosure-controlled (see the module docstring)."""
    k, window = threshold(), _window(months, until)
    entries = _entries(window)
    if not entries:
        return []
    scheme = active_scheme()
    homes = home_region_ids({m for _a, m, *_rest in entries}, scheme)
    names = region_names_by_pk(scheme=scheme)
    people_per_region: dict[int | None, set[int]] = defaultdict(set)
    for ambassador_id, municipality_id, *_rest in entries:
        people_per_region[homes.get(municipality_id)].add(ambassador_id)
    other = _("Overige regio's (minder dan %(k)d ambassadeurs)") % {"k": k}
    big = sorted((names[r] for r, p in people_per_region.items() if r in names and len(p) >= k))
    region_keys = [
        *big,
        *([other] if any(r not in names or len(p) < k for r, p in people_per_region.items()) else []),
    ]
    by_region = [
        (names[homes[m]] if homes.get(m) in names and names[homes[m]] in big else other, a, month, t)
        for a, m, month, _act, t in entries
    ]
    labels = dict(TimeActivity.choices)
    activity_keys = [str(labels[a]) for a in TimeActivity.values]
    by_activity = [(str(labels[act]), a, month, t) for a, _m, month, act, t in entries]
    grids = [_grid(region_keys, window, by_region), _grid(activity_keys, window, by_activity)]
    columns = [f"{m:%m-%Y}" for m in window]
    tables = [
        Table(rows=keys, columns=columns, cells=people)
        for keys, (_min, people) in zip((region_keys, activity_keys), grids, strict=True)
    ]
    protected = protect_linked(tables, k)
    headings = [
        (_("Uren per regio en maand"), _("Regio")),
        (_("Uren per activiteit en maand"), _("Activiteit")),
    ]
    result = []
    for keys, (minutes, _people), guard, (title, heading) in zip(
        (region_keys, activity_keys), grids, protected, headings, strict=False
    ):
        values = _published(minutes, guard.suppressed)
        rows = [(label, row[:-1], row[-1]) for label, row in zip([*keys, _("Totaal")], values, strict=True)]
        result.append(TimeTable(str(title), str(heading), columns, rows, k))
    return result


def median_hours_per_month(*, months: int = TIME_WINDOW_MONTHS, until: date | None = None) -> float | None:
    """Median hours per ambassador per month over the window, counting months without time as zero.

    Counts every ambassador-month in which the ambassador was active for the whole month is not known, so it
    counts the months since ``started_on`` of every ambassador who has not ended. None with fewer than k
    ambassadors (the figure would describe one or two people).
    """
    window = _window(months, until)
    ambassadors = ambassador_start_dates()
    if len(ambassadors) < threshold():
        return None
    totals: dict[tuple[int, date], int] = defaultdict(int)
    for ambassador_id, _m, month, _act, total in _entries(window):
        totals[(ambassador_id, month)] += total
    samples = [
        totals[(pk, month)] / 60
        for pk, started in ambassadors
        for month in window
        if started <= month_bounds(*divmod_month(month))[1]
    ]
    return round(statistics.median(samples), 1) if samples else None
