"""Exports of the disclosure-controlled tables: CSV per table, and a PDF report for the return day and the
annual report. The PDF is rendered by WeasyPrint with system fonts and a URL fetcher that refuses every
address that is not inline (``data:``), so rendering never reaches the network or the file system.
"""

from __future__ import annotations

import csv
import io

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone

from klankbord.core.pdf import render_pdf

from .disclosure import ProtectedTable
from .insight import WINDOW_MONTHS, dashboard_context, warnings_context
from .selectors import protected_table, published_granularity

SUPPRESSED = "<k"


def table_rows(table: ProtectedTable) -> list[list[str]]:
    """Header plus one line per row and the total line; suppressed values as '<k'."""
    header = [table.table.row_heading, *table.table.columns, "Totaal"]
    lines = [header]
    for label, values in table.rows_with_total():
        lines.append([label, *(SUPPRESSED if value is None else str(value) for value in values)])
    return lines


def csv_response(*, dimension: str) -> HttpResponse:
    table = protected_table(dimension=dimension, granularity=published_granularity(), months=WINDOW_MONTHS)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows(table_rows(table))
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    name = f"signalen-{dimension}-{timezone.localdate():%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


def pdf_response(request: HttpRequest) -> HttpResponse:
    context = {**dashboard_context(), **warnings_context(), "generated": timezone.localtime()}
    html = render_to_string("signals/report_pdf.html", context, request=request)
    response = HttpResponse(render_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="signalen-{timezone.localdate():%Y%m%d}.pdf"'
    response["Cache-Control"] = "no-store"
    return response
