"""Applications and coverage export to CSV (Dutch Excel) and JSON, formulas neutralised."""

from __future__ import annotations

from django.urls import reverse

from klankbord.audit.models import AuditEntry
from tests.factories.exports import csv_rows


def test_the_application_list_exports_with_formulas_neutralised(
    client_for, coordinator, make_application
) -> None:  # type: ignore[no-untyped-def]
    make_application(name="@SUM(1+1)")
    client = client_for(coordinator)
    rows = csv_rows(client.get(reverse("recruitment:applications"), {"export": "csv"}))
    assert rows[0][0] == "Kandidaat" and rows[1][0] == "'@SUM(1+1)"
    exported = AuditEntry.objects.get(action="recruitment.application.exported")  # applicants' names leave
    assert (
        exported.actor_id == coordinator.pk
        and exported.data["format"] == "csv"
        and len(exported.data["ids"]) == 1
    )
    assert client.get(reverse("recruitment:applications"), {"export": "json"}).json()["rows"][0][
        "Kandidaat"
    ] == ("@SUM(1+1)")


def test_coverage_exports_per_region(client_for, coordinator, region) -> None:  # type: ignore[no-untyped-def]
    region.name = "=cmd|' /C calc'!A0"
    region.save(update_fields=["name"])
    rows = csv_rows(client_for(coordinator).get(reverse("recruitment:coverage"), {"export": "csv"}))
    assert rows[0][0] == "Regio"
    assert "'=cmd|' /C calc'!A0" in {row[0] for row in rows[1:]}
    document = client_for(coordinator).get(reverse("recruitment:coverage"), {"export": "json"}).json()
    assert all(isinstance(record["Gemeenten"], int) for record in document["rows"])
