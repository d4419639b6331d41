"""What the insight pages, the PDF report and the exports show: protected tables, charts, map, feedback."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from .charts import line_chart
from .constants import Dimension, Granularity
from .coverage_map import coverage_svg, shade_of, shades
from .disclosure import ProtectedTable, threshold
from .early_warning import p_value_band
from .models import EarlyWarning
from .selectors import (
    LINKED_DIMENSIONS,
    feedback_summary,
    protected_trends,
    published_granularity,
    region_coverage,
    window_end,
)

WINDOW_MONTHS = 24


@dataclass(frozen=True)
class Trend:
    dimension: str
    title: str
    table: ProtectedTable
    chart: str


def trends(*, months: int = WINDOW_MONTHS) -> list[Trend]:
    tables = protected_trends(granularity=published_granularity(), months=months)
    return [
        Trend(str(d), str(Dimension(d).label), tables[d], line_chart(tables[d], chart_id=f"chart-{d}"))
        for d in LINKED_DIMENSIONS
    ]


def dashboard_context(*, months: int = WINDOW_MONTHS) -> dict[str, Any]:
    items = trends(months=months)
    region_table = next(item.table for item in items if item.dimension == Dimension.REGION)
    coverage = region_coverage(region_table)
    palette = shades()
    return {
        "trends": items,
        "coverage": [(row, palette[shade_of(row, months / 12)]) for row in coverage],
        "ambassadors_known": any(row.ambassadors is not None for row in coverage),
        "map": coverage_svg(coverage, years=months / 12),
        "legend": list(palette.values()),
        "feedback": feedback_summary(months=months),
        "k": threshold(),
        "months": months,
        "granularity": Granularity(published_granularity()).label,
        "until": window_end(published_granularity()),
    }


@dataclass(frozen=True)
class Evidence:
    month: str
    dimension: str
    label: str
    observed: int
    baseline: str
    p_value: str


def _baseline(warning: EarlyWarning, k: int) -> str:
    """The mean per month, unless the baseline total is below k (the mean would give that total away)."""
    if warning.baseline_total < k:
        return _("minder dan %(k)d in %(months)d maanden") % {"k": k, "months": warning.baseline_months}
    return f"{warning.baseline_mean:.1f}".replace(".", ",")


def warning_evidence(warnings: Iterable[EarlyWarning]) -> list[Evidence]:
    """Each warning with its evidence as shown: month, dimension, value, observed, baseline, p-value band."""
    k = threshold()
    return [
        Evidence(
            f"{w.month:%m-%Y}", str(Dimension(w.dimension).label), w.label, w.observed, _baseline(w, k),
            p_value_band(w.p_value),
        )
        for w in warnings
    ]  # fmt: skip


def warnings_context() -> dict[str, Any]:
    return {
        "rows": warning_evidence(EarlyWarning.objects.order_by("-month", "dimension", "label")[:200]),
        "k": threshold(),
    }
