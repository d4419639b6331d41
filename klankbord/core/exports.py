"""Exports that open well: one CSV writer for Dutch Excel and one JSON writer, for every table we export.

CSV: UTF-8 with a byte-order mark (so Excel reads "privégegevens", not "privÃ©gegevens"), ``;`` between cells
and a decimal comma (what Excel expects with Dutch regional settings), CRLF line ends. Every text cell that
starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'`` (OWASP "CSV injection"),
so a region renamed to ``=HYPERLINK(...)`` arrives as text, never as a formula. Numbers we computed are written
as numbers; only text can carry a formula. A suppressed count is written as the screen shows it
(``suppressed_marker``, ``<k`` with the disclosure threshold, e.g. ``<5``).

JSON: the same rows as objects keyed by the header, numbers as numbers, in UTF-8.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.functional import Promise

Cell = str | Promise | int | float | Decimal | date | datetime | bool | None
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"
SEPARATOR = ";"


def neutralise(text: str) -> str:
    """Text that a spreadsheet would read as a formula, made inert with a leading apostrophe."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def suppressed_marker(k: int) -> str:
    """How a hidden count reads, on screen and in every export."""
    return f"<{k}"


def _number(value: float | Decimal) -> str:
    text = format(value, "f") if isinstance(value, Decimal) else repr(float(value))
    if text.endswith(".0"):
        text = text[:-2]
    return text.replace(".", ",")


def csv_cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float | Decimal):
        return _number(value)
    if isinstance(value, datetime):
        return (
            timezone.localtime(value).strftime("%d-%m-%Y %H:%M")
            if timezone.is_aware(value)
            else value.strftime("%d-%m-%Y %H:%M")
        )
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    return neutralise(str(value))


def csv_text(header: Sequence[Cell], rows: Iterable[Sequence[Cell]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=SEPARATOR, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([csv_cell(value) for value in header])
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return BOM + buffer.getvalue()


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def csv_response(*, filename: str, header: Sequence[Cell], rows: Iterable[Sequence[Cell]]) -> HttpResponse:
    body = csv_text(header, rows).encode("utf-8")
    return _attachment(HttpResponse(body, content_type="text/csv; charset=utf-8"), filename)


def _json_value(value: Cell) -> str | int | float | bool | None:
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def json_records(header: Sequence[Cell], rows: Iterable[Sequence[Cell]]) -> list[dict[str, object]]:
    keys = [str(key) for key in header]
    return [dict(zip(keys, (_json_value(value) for value in row), strict=True)) for row in rows]


def json_response(
    *,
    filename: str,
    header: Sequence[Cell],
    rows: Iterable[Sequence[Cell]],
    meta: dict[str, object] | None = None,
) -> HttpResponse:
    document = {**(meta or {}), "rows": json_records(header, rows)}
    body = json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1).encode("utf-8")
    return _attachment(HttpResponse(body, content_type="application/json; charset=utf-8"), filename)


def table_response(
    *, fmt: str, basename: str, header: Sequence[Cell], rows: Iterable[Sequence[Cell]]
) -> HttpResponse:
    """CSV (``fmt == "csv"``) or JSON of one table, named ``<basename>-<date>.<fmt>``."""
    filename = f"{basename}-{timezone.localdate():%Y%m%d}.{'csv' if fmt == 'csv' else 'json'}"
    if fmt == "csv":
        return csv_response(filename=filename, header=header, rows=rows)
    return json_response(filename=filename, header=header, rows=list(rows))


def export_format(request: HttpRequest) -> str | None:
    """``csv`` or ``json`` when a table page is asked for its export (``?export=csv``), else None."""
    fmt = request.GET.get("export", "")
    return fmt if fmt in ("csv", "json") else None
