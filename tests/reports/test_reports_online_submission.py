from __future__ import annotations

from typing import Any


def test_anonymous_member_reports_gets_a_receipt_and_sees_the_portal(client: Any, municipality: Any) -> None:
    response = client.get("/melden/formulier/?acute_danger=nee")
    assert response.status_code == 200
    response = client.post(
        "/melden/formulier/",
        {"acute_danger": "nee", "municipality": municipality.pk, "narrative": "Bedreigd op straat."},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    receipt = client.get(response["Location"])
    assert "code-display" in receipt.content.decode()
