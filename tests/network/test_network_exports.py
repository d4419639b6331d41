"""Gatherings, attendance and time spent export to CSV (Dutch Excel) and JSON, as on screen."""

from __future__ import annotations

from django.urls import reverse

from tests.factories.ambassadors import make_ambassador
from tests.factories.exports import csv_rows
from tests.factories.network import GatheringFactory, InvitationFactory


def test_gatherings_and_their_attendance_export(client_for, coordinator) -> None:  # type: ignore[no-untyped-def]
    gathering = GatheringFactory.create(days=-3, title="+Terugkomdag voorjaar")
    InvitationFactory.create(
        gathering=gathering, ambassador=make_ambassador(name="Anne Hoekstra"), attended=True
    )
    client = client_for(coordinator)
    rows = csv_rows(client.get(reverse("network:gatherings"), {"export": "csv"}))
    assert rows[0][0] == "Bijeenkomst" and rows[1][0] == "'+Terugkomdag voorjaar"
    assert rows[1][-1] == "1"  # present
    attendance = csv_rows(
        client.get(reverse("network:gathering", kwargs={"pk": gathering.pk}), {"export": "csv"})
    )
    assert attendance[0] == ["Bijeenkomst", "Datum", "Ambassadeur", "Antwoord", "Aanwezig"]
    assert (attendance[1][2], attendance[1][4]) == ("Anne Hoekstra", "ja")
    document = client.get(reverse("network:gatherings"), {"export": "json"}).json()
    assert document["rows"][0]["Aanwezig"] == 1


def test_time_spent_exports_with_hidden_cells_marked_as_on_screen(client_for, coordinator) -> None:  # type: ignore[no-untyped-def]
    response = client_for(coordinator).get(reverse("network:time"), {"export": "csv"})
    rows = csv_rows(response)
    assert rows[0][:2] == ["Tabel", "Rij"]


def test_only_the_coordinator_exports_gatherings(client_for, ambassador) -> None:  # type: ignore[no-untyped-def]
    assert client_for(ambassador).get(reverse("network:gatherings"), {"export": "csv"}).status_code in (
        403,
        404,
    )
