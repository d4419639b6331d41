"""The shared export writer: Dutch Excel CSV (BOM, ';', decimal comma) and formula cells neutralised."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from decimal import Decimal

import pytest

from klankbord.core.exports import csv_cell, csv_text, json_response, neutralise, suppressed_marker


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_formula_start_is_neutralised(start: str) -> None:
    assert neutralise(f"{start}SUM(A1:A9)") == f"'{start}SUM(A1:A9)"
    assert csv_cell(f"{start}1+1") == f"'{start}1+1"


def test_ordinary_text_and_our_own_numbers_are_left_alone() -> None:
    assert neutralise("Gelderland") == "Gelderland"
    assert csv_cell(-3) == "-3"  # a number we computed is a number, not a formula
    assert csv_cell(Decimal("2.50")) == "2,50" and csv_cell(1.5) == "1,5" and csv_cell(2.0) == "2"
    assert csv_cell(date(2026, 3, 18)) == "18-03-2026" and csv_cell(None) == "" and csv_cell(True) == "ja"


def test_the_csv_is_for_dutch_excel() -> None:
    text = csv_text(["Regio", "Uren"], [["Fryslân", Decimal("1.25")], ["privégegevens; en meer", 3]])
    assert text.startswith("\ufeff")
    assert text.encode("utf-8").startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    assert rows == [["Regio", "Uren"], ["Fryslân", "1,25"], ["privégegevens; en meer", "3"]]
    assert "\r\n" in text


def test_the_json_export_keeps_numbers_and_marks_like_the_screen() -> None:
    response = json_response(
        filename="x.json", header=["Regio", "Aantal"], rows=[["=evil", suppressed_marker(5)]]
    )
    document = json.loads(response.content)
    assert document["rows"] == [{"Regio": "=evil", "Aantal": "<5"}]
    assert response["Content-Disposition"] == 'attachment; filename="x.json"'
