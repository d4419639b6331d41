"""Exports of the disclosure-controlled tables: CSV per table, and a PDF report for the return day and the
annual report. The PDF is rendered by WeasyPrint with system fonts and a URL fetcher that refuses every
address that is not inline (``data:``), so rendering never reaches the network or the file system.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from klankbord.core.exports import suppressed_marker, table_response
from klankbord.core.pdf import render_pdf

from .disclosure import ProtectedTable, threshold
from .insight import WINDOW_MONTHS, dashboard_context, warnings_context
from .selectors import protected_table, published_granularity


def table_rows(table: ProtectedTable) -> list[list[str | int]]:
    """Header plus one line per row and the total line; a suppressed value as the screen shows it ('<5')."""
    marker = suppressed_marker(threshold())
    header: list[str | int] = [str(table.table.row_heading), *table.table.columns, str(_("Totaal"))]
    lines = [header]
    for label, values in table.rows_with_total():
        lines.append([label, *(marker if value is None else value for value in values)])
    return lines


def csv_response(*, dimension: str, fmt: str = "csv") -> HttpResponse:
    """The table of ``dimension`` for Dutch Excel (core.exports) or as JSON."""
    table = protected_table(dimension=dimension, granularity=published_granularity(), months=WINDOW_MONTHS)
    header, *rows = table_rows(table)
    return table_response(fmt=fmt, basename=f"signalen-{dimension}", header=header, rows=rows)


def pdf_response(request: HttpRequest) -> HttpResponse:
    context = {**dashboard_context(), **warnings_context(), "generated": timezone.localtime()}
    html = render_to_string("signals/report_pdf.html", context, request=request)
    response = HttpResponse(render_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="signalen-{timezone.localdate():%Y%m%d}.pdf"'
    response["Cache-Control"] = "no-store"
    return response
