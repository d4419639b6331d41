"""Reading an export the way Dutch Excel does: UTF-8 with BOM, ';' between cells."""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse


def csv_rows(response: HttpResponse) -> list[list[str]]:
    """The cells of a CSV export; fails unless it is UTF-8 with a BOM and ``;``-separated."""
    assert response["Content-Type"].startswith("text/csv"), response["Content-Type"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff"), "no byte-order mark: Excel would misread accented letters"
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
