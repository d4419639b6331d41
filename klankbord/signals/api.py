"""JSON API for the disclosure-controlled aggregates (never a single signal).

Only ``router`` is exposed; the API app mounts it under /api/v1/signals/ with ``ApiTokenAuth(ApiScope.SIGNALS_READ)``.
Until ``SCOPE_PERMISSIONS`` names ``signals.view_aggregates`` for that scope, every endpoint checks the
permission itself.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError

from .constants import Dimension
from .disclosure import ProtectedTable
from .insight import WINDOW_MONTHS
from .permissions import VIEW_AGGREGATES
from .selectors import feedback_summary, protected_table, published_granularity

router = Router(tags=["signals"])
PERMISSION = VIEW_AGGREGATES


class RowOut(Schema):
    label: str
    values: list[int | None]  # per period, then the row total; null = suppressed (fewer than k)


class TableOut(Schema):
    dimension: str
    granularity: str
    k: int
    periods: list[str]
    rows: list[RowOut]
    totals: list[int | None]


class FeedbackLineOut(Schema):
    label: str
    count: int | None


class FeedbackOut(Schema):
    k: int
    helped: list[FeedbackLineOut]
    missing: list[FeedbackLineOut]


def _require(request: HttpRequest) -> None:
    if not request.user.has_perm(PERMISSION):
        raise HttpError(403, "U heeft geen toegang tot dit eindpunt.")


def _table_out(dimension: str, table: ProtectedTable) -> TableOut:
    rows = [
        RowOut(label=label, values=values)
        for label, values in zip(table.table.rows, table.values, strict=False)
    ]
    return TableOut(
        dimension=dimension,
        granularity=published_granularity(),
        k=table.k,
        periods=table.table.columns,
        rows=rows,
        totals=table.values[-1],
    )


@router.get("/aggregates/{dimension}", response=TableOut, summary="Signals per dimension and period")
def aggregates(request: HttpRequest, dimension: str) -> TableOut:
    """Counts per row of ``dimension`` and per period, disclosure-controlled exactly like the dashboard."""
    _require(request)
    if dimension not in Dimension.values:
        raise HttpError(404, "Onbekende dimensie.")
    table = protected_table(dimension=dimension, granularity=published_granularity(), months=WINDOW_MONTHS)
    return _table_out(dimension, table)


@router.get("/feedback", response=FeedbackOut, summary="Process feedback counts")
def feedback(request: HttpRequest) -> FeedbackOut:
    """How often each 'what helped' / 'what was missing' option was named; counts below k are null."""
    _require(request)
    from .disclosure import threshold

    summary = feedback_summary(months=WINDOW_MONTHS)
    return FeedbackOut(
        k=threshold(),
        helped=[FeedbackLineOut(label=line.label, count=line.count) for line in summary["helped"]],
        missing=[FeedbackLineOut(label=line.label, count=line.count) for line in summary["missing"]],
    )
