"""Issue 11, item 16: after the receipt the member sees what happens next, in steps; the home page offers a
logged-in member "Melding doen"; a code session shows its own state in the header; and after it ends the old
page leads back to the return-with-code page."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def _main(html: str) -> str:
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def _header(html: str) -> str:
    return html.split('<header class="site-header">', 1)[1].split("</header>", 1)[0]


def test_the_receipt_says_what_happens_next_in_steps(client: Client, municipality: Any) -> None:
    response = client.post(
        "/melden/formulier/",
        {"acute_danger": "nee", "municipality": municipality.pk, "narrative": "Bedreigd op straat."},
    )
    main = _main(client.get(response["Location"]).content.decode())
    steps = main.split("Wat gebeurt er nu?", 1)[1].split("</ol>", 1)[0]
    assert steps.count("<li>") == 4
    assert "binnen 2 werkdagen" in steps and "regioambassadeur" in steps and "intrekken" in steps


def test_a_logged_in_member_waiting_for_a_first_response_sees_the_steps_too(
    client_for: Any, council_member: Any, submit_report: Any
) -> None:
    report = submit_report(reporter=council_member).report
    page = client_for(council_member).get(f"/mijn-meldingen/{report.pk}/").content.decode()
    assert "Wat gebeurt er nu?" in _main(page)


def test_the_home_page_offers_a_logged_in_member_to_make_a_report(
    client_for: Any, council_member: Any
) -> None:
    main = _main(client_for(council_member).get("/").content.decode())
    assert '<a class="button" href="/melden/">Melding doen</a>' in main


def test_a_code_session_shows_its_own_state_in_the_header_not_inloggen(
    client: Client, submit_report: Any
) -> None:
    submitted = submit_report()
    client.post("/melden/terugkomen/", {"code": submitted.receipt_code})
    for url in ("/", f"/mijn-meldingen/{submitted.report.pk}/"):
        header = _header(client.get(url).content.decode())
        assert "Inloggen" not in header, url
        assert f'href="/mijn-meldingen/{submitted.report.pk}/"' in header and "Mijn melding" in header
        assert 'action="/melden/afmelden/"' in header and "Afmelden" in header
    assert "Inloggen" in _header(Client().get("/").content.decode())


def test_after_ending_a_code_session_the_old_page_leads_to_the_return_with_code_page(
    client: Client, submit_report: Any
) -> None:
    submitted = submit_report()
    client.post("/melden/terugkomen/", {"code": submitted.receipt_code})
    client.post("/melden/afmelden/")
    response = client.get(f"/mijn-meldingen/{submitted.report.pk}/")
    assert response.status_code == 404  # still nothing about whether the report exists
    main = _main(response.content.decode())
    assert "Terugkomen bij uw melding" in main and 'action="/melden/terugkomen/"' in main
    assert "Vul de code opnieuw in" in main and submitted.report.reference not in main
    assert "Inloggen" in _header(response.content.decode())
    reopened = client.post("/melden/terugkomen/", {"code": submitted.receipt_code})
    assert reopened["Location"] == f"/mijn-meldingen/{submitted.report.pk}/"
