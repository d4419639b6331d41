"""The signals CSV opens well in Dutch Excel, and a region renamed to a formula arrives as text."""

from __future__ import annotations

import csv
import io

from django.urls import reverse

from klankbord.signals.selectors import window_end

FORMULA = '=HYPERLINK("https://example.test/x","klik")'


def rows_of(response) -> list[list[str]]:  # type: ignore[no-untyped-def]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))


def test_a_region_renamed_to_a_formula_comes_out_neutralised(
    client_for, coordinator, make_signals, regions
) -> None:  # type: ignore[no-untyped-def]
    target = regions[1]
    target.name = FORMULA
    target.save(update_fields=["name"])
    make_signals(20, month=window_end("quarter"), region=target)
    response = client_for(coordinator).get(reverse("signals:export_csv", kwargs={"dimension": "region"}))
    labels = [row[0] for row in rows_of(response)]
    assert "'" + FORMULA in labels
    assert FORMULA not in labels


def test_suppressed_cells_read_as_on_screen(client_for, coordinator, make_signals, regions) -> None:  # type: ignore[no-untyped-def]
    make_signals(2, month=window_end("quarter"), region=regions[0])
    make_signals(20, month=window_end("quarter"), region=regions[1])
    client = client_for(coordinator)
    rows = rows_of(client.get(reverse("signals:export_csv", kwargs={"dimension": "region"})))
    screen = client.get(reverse("signals:dashboard")).content.decode()
    assert any("<5" in row for row in rows) and "&lt;5" in screen
    document = client.get(reverse("signals:export_json", kwargs={"dimension": "region"})).json()
    assert any("<5" in record.values() for record in document["rows"])
