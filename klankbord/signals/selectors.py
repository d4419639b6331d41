"""Reads for signals: counts only, always passed through disclosure control before anyone sees them.

There is deliberately no selector that returns a single signal or its text: the coordinator's pages, the
exports and the API are built from these tables alone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from klankbord.geo.models import Region

from .constants import (
    Category,
    Dimension,
    Granularity,
    Helped,
    IncidentChannel,
    Missing,
    PerpetratorType,
    Severity,
    Theme,
)
from .disclosure import ProtectedTable, Table, protect_counts, protect_linked, protect_table
from .models import EarlyWarning, Signal

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

LINKED_DIMENSIONS = (Dimension.CATEGORY, Dimension.CHANNEL, Dimension.PERPETRATOR, Dimension.REGION)
_FIELDS: dict[str, str] = {
    Dimension.CATEGORY: "category",
    Dimension.CHANNEL: "channel",
    Dimension.PERPETRATOR: "perpetrator_type",
    Dimension.REGION: "region_id",
    Dimension.SEVERITY: "severity",
}


@dataclass(frozen=True)
class Period:
    key: str  # "2025-03" or "2025-Q1"
    label: str
    first_month: date


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def last_complete_month(today: date | None = None) -> date:
    return add_months((today or timezone.localdate()).replace(day=1), -1)


def window_end(granularity: str, today: date | None = None) -> date:
    """The last month of a published window: last month, or the last month of the last complete quarter
    (a quarter that is still running would show as a misleading dip)."""
    last = last_complete_month(today)
    if granularity == Granularity.QUARTER:
        return add_months(last, -(last.month % 3))
    return last


def period_of(month: date, granularity: str) -> Period:
    if granularity == Granularity.QUARTER:
        quarter = (month.month - 1) // 3 + 1
        return Period(
            f"{month.year}-Q{quarter}", f"{month.year} K{quarter}", date(month.year, 3 * quarter - 2, 1)
        )
    return Period(f"{month:%Y-%m}", f"{month:%m-%Y}", month)


def periods(*, months: int, granularity: str, until: date | None = None) -> list[Period]:
    """The periods covering the ``months`` complete months up to ``until`` (default: ``window_end``)."""
    end = until or window_end(granularity)
    seen: dict[str, Period] = {}
    for offset in range(months - 1, -1, -1):
        period = period_of(add_months(end, -offset), granularity)
        seen.setdefault(period.key, period)
    return list(seen.values())


def _row_labels(dimension: str) -> list[tuple[str, str]]:
    """(value, label) of every row of a dimension, in a fixed order (empty rows are shown too)."""
    if dimension == Dimension.REGION:
        regions = Region.objects.filter(scheme__is_active=True).order_by("name").values_list("pk", "name")
        return [(str(pk), name) for pk, name in regions]
    table: dict[str, Sequence[tuple[str, StrOrPromise]]] = {
        Dimension.CATEGORY: Category.choices,
        Dimension.CHANNEL: [*IncidentChannel.choices, ("", _("Onbekend"))],
        Dimension.PERPETRATOR: PerpetratorType.choices,
        Dimension.SEVERITY: Severity.choices,
        Dimension.THEME: Theme.choices,
    }
    return [(str(value), str(label)) for value, label in table[dimension]]


def _base(first: date, last: date):
    return Signal.objects.filter(month__gte=first, month__lte=last)


def count_table(*, dimension: str, granularity: str, months: int, until: date | None = None) -> Table:
    """Counts of signals by ``dimension`` x period (one query). Themes count every theme a signal names."""
    cols = periods(months=months, granularity=granularity, until=until)
    last = until or window_end(granularity)
    rows = _row_labels(dimension)
    index = {value: i for i, (value, _label) in enumerate(rows)}
    column = {period.key: j for j, period in enumerate(cols)}
    cells = [[0] * len(cols) for _row in rows]
    queryset = _base(cols[0].first_month, last)
    if dimension == Dimension.THEME:
        pairs = Counter(
            (theme, month) for themes, month in queryset.values_list("themes", "month") for theme in themes
        )
    else:
        grouped = queryset.values_list(_FIELDS[dimension], "month").annotate(n=Count("pk")).order_by()
        pairs = Counter({(str(value), month): n for value, month, n in grouped})
    for (value, month), n in pairs.items():
        j = column.get(period_of(month, granularity).key)
        if j is not None and str(value) in index:
            cells[index[str(value)]][j] += n
    return Table(
        rows=[label for _value, label in rows],
        columns=[period.label for period in cols],
        cells=cells,
        title=str(Dimension(dimension).label),
        row_heading=str(Dimension(dimension).label),
    )


def published_granularity() -> str:
    """One time granularity for everything published: month and quarter tables side by side could be
    subtracted from each other (a quarter minus two published months reveals the third)."""
    return str(getattr(settings, "KLANKBORD_SIGNALS_GRANULARITY", Granularity.QUARTER))


def protected_trends(
    *, granularity: str, months: int, until: date | None = None
) -> dict[str, ProtectedTable]:
    """The four linked trend tables (they share the totals per period), protected together."""
    tables = [
        count_table(dimension=d, granularity=granularity, months=months, until=until)
        for d in LINKED_DIMENSIONS
    ]
    protected = protect_linked(tables)
    return {str(dimension): table for dimension, table in zip(LINKED_DIMENSIONS, protected, strict=True)}


def protected_table(
    *, dimension: str, granularity: str, months: int, until: date | None = None
) -> ProtectedTable:
    """One protected table; the linked dimensions are protected as a group so exports match the dashboard."""
    if dimension in LINKED_DIMENSIONS:
        return protected_trends(granularity=granularity, months=months, until=until)[dimension]
    return protect_table(
        count_table(dimension=dimension, granularity=granularity, months=months, until=until)
    )


@dataclass(frozen=True)
class FeedbackLine:
    label: str
    count: int | None  # None: suppressed (fewer than k)


_FEEDBACK_OPTIONS = [("helped", c) for c in Helped] + [("missing", c) for c in Missing]


def _chosen(field: str, value: str) -> Q:
    """Signals whose JSON list ``field`` holds ``value``: counted in SQL, not by loading every list.

    PostgreSQL tests containment (``@>``); SQLite has no JSON containment lookup, so there the list's text is
    searched for the quoted value (choice values are plain words, so ``"value"`` matches only that element).
    """
    if connection.vendor == "postgresql":
        return Q(**{f"{field}__contains": [value]})
    return Q(**{f"{field}__icontains": f'"{value}"'})


def feedback_summary(*, months: int, until: date | None = None) -> dict[str, list[FeedbackLine]]:
    """How often each 'what helped' and 'what was missing' option was chosen; counts below k suppressed."""
    last = until or window_end(published_granularity())
    counter = _base(add_months(last, -(months - 1)), last).aggregate(
        **{f"{name}:{c.value}": Count("pk", filter=_chosen(name, c.value)) for name, c in _FEEDBACK_OPTIONS}
    )
    result = {}
    for name, choices in (("helped", Helped), ("missing", Missing)):
        values = [counter[f"{name}:{c.value}"] for c in choices]
        counts = protect_counts([c.value for c in choices], values)
        result[name] = [FeedbackLine(str(c.label), n) for c, n in zip(choices, counts, strict=True)]
    return result


@dataclass(frozen=True)
class RegionCoverage:
    region_id: int
    name: str
    demand: int | None  # signals in the window (the region table's row total), None when suppressed
    ambassadors: int | None  # active ambassadors serving the region; None when the app is not installed


def region_coverage(region_table: ProtectedTable) -> list[RegionCoverage]:
    """Per region of the active scheme: demand and available ambassadors.

    Demand is read from the protected region trend table (its row totals), never counted again, so the map
    cannot publish a number the table suppressed.
    """
    regions = list(Region.objects.filter(scheme__is_active=True).order_by("name").values_list("pk", "name"))
    ambassadors = ambassadors_per_region()
    return [
        RegionCoverage(
            pk, name, region_table.values[i][-1], None if ambassadors is None else ambassadors.get(pk, 0)
        )
        for i, (pk, name) in enumerate(regions)
    ]


def ambassadors_per_region() -> dict[int, int] | None:
    """Ambassadors available today serving each region of the active scheme (active and not on leave: the
    ambassadors app's one definition, the same the recruitment coverage page counts)."""
    try:
        from klankbord.ambassadors.selectors import available_per_region
        from klankbord.geo.selectors import active_scheme
    except ImportError:  # the ambassadors app is not installed
        return None
    return available_per_region(scheme=active_scheme(), day=timezone.localdate())


def recent_warnings(*, since: date, limit: int = 3) -> tuple[int, list[EarlyWarning]]:
    """Early warnings for months from ``since``: how many, and the newest ``limit`` (two queries)."""
    rows = EarlyWarning.objects.filter(month__gte=since)
    return rows.count(), list(rows.order_by("-month", "dimension", "label")[:limit])


def warnings_listed(
    *,
    q: str = "",
    since: date | None = None,
    until: date | None = None,
    order_by: tuple[str, ...] = ("-month", "dimension", "label"),
) -> QuerySet[EarlyWarning]:
    """Early warnings before paging: ``q`` matches the value (a region or category) or the dimension;
    ``since``/``until`` bound the month."""
    rows = EarlyWarning.objects.all()
    if q:
        dimensions = [value for value, label in Dimension.choices if q.lower() in str(label).lower()]
        rows = rows.filter(Q(label__icontains=q) | Q(dimension__in=dimensions))
    if since:
        rows = rows.filter(month__gte=since.replace(day=1))
    if until:
        rows = rows.filter(month__lte=until)
    return rows.order_by(*order_by, "pk")
