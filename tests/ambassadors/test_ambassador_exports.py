"""The coordinator's list of ambassadors exports to CSV (Dutch Excel) and JSON, formulas neutralised."""

from __future__ import annotations

from django.urls import reverse

from tests.factories.ambassadors import make_ambassador
from tests.factories.exports import csv_rows


def test_the_ambassador_list_exports_as_on_screen(client_for, coordinator) -> None:  # type: ignore[no-untyped-def]
    make_ambassador("Zeist", name='=HYPERLINK("https://x.test")')
    make_ambassador("Súdwest-Fryslân", name="Anne Hoekstra")
    client = client_for(coordinator)
    rows = csv_rows(client.get(reverse("ambassadors:list"), {"export": "csv"}))
    assert rows[0][:2] == ["Naam", "Woongemeente"]
    names = {row[0] for row in rows[1:]}
    assert '\'=HYPERLINK("https://x.test")' in names and "Anne Hoekstra" in names
    assert any(row[1] == "Súdwest-Fryslân" for row in rows)
    document = client.get(reverse("ambassadors:list"), {"export": "json"}).json()
    assert {record["Naam"] for record in document["rows"]} == {
        '=HYPERLINK("https://x.test")',
        "Anne Hoekstra",
    }


def test_only_the_coordinator_exports_the_list(client_for, counsellor) -> None:  # type: ignore[no-untyped-def]
    assert client_for(counsellor).get(reverse("ambassadors:list"), {"export": "csv"}).status_code == 403
