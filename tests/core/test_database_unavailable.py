"""Honest failure: an unreachable database answers 503 with Retry-After and says only what is true of the post."""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from django.contrib.sessions.middleware import SessionMiddleware
from django.db import OperationalError
from django.test import Client

from klankbord.reports.models import Report
from tests.factories.submissions import key_from, with_key

FORM = "/melden/formulier/"
FORM_PAGE = "/melden/formulier/?acute_danger=nee"
NARRATIVE = "Op de markt werd ik uitgescholden en bedreigd door twee mannen."


def _report(place: Any) -> dict[str, Any]:
    return {"acute_danger": "nee", "municipality": place.pk, "narrative": NARRATIVE}


def _resend_form(page: str) -> dict[str, str]:
    """The hidden fields of the 503 page's re-send form, as a browser would post them."""
    form = re.search(r'<form method="post" action="([^"]+)">(.*?)</form>', page, flags=re.S)
    assert form, page
    fields = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form.group(2))
    return {name: html.unescape(value) for name, value in fields}


def test_a_database_failure_in_the_view_is_a_503_that_says_nothing_was_received(
    client: Client, municipality: Any
) -> None:
    data = with_key(key_from(client, FORM_PAGE), _report(municipality))
    with mock.patch(
        "klankbord.reports.views.intake.report_submit_online", side_effect=OperationalError("server closed")
    ):
        response = client.post(FORM, data)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    page = response.content.decode()
    assert "Uw gegevens zijn niet ontvangen." in page
    assert 'data-outcome="not_received"' in page
    assert NARRATIVE in page  # what was typed, to keep
    assert _resend_form(page)["narrative"] == NARRATIVE
    assert not Report.objects.exists()


def test_with_an_attachment_the_page_sends_the_member_back_to_the_form_instead_of_resending(
    client: Client, municipality: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories.files import png_bytes

    data = with_key(key_from(client, FORM_PAGE), _report(municipality))
    data["attachments"] = SimpleUploadedFile("foto.png", png_bytes(), content_type="image/png")
    with mock.patch("klankbord.reports.views.intake.report_submit_online", side_effect=OperationalError):
        page = client.post(FORM, data).content.decode()
    assert "U had een bijlage gekozen." in page
    assert '<form method="post"' not in page  # a re-send without the file would be a different post
    assert NARRATIVE in page


def test_the_resend_button_after_an_outage_stores_the_report_once(client: Client, municipality: Any) -> None:
    data = with_key(key_from(client, FORM_PAGE), _report(municipality))
    with mock.patch("klankbord.reports.views.intake.report_submit_online", side_effect=OperationalError):
        page = client.post(FORM, data).content.decode()
    resend = _resend_form(page)
    assert client.post(FORM, resend).status_code == 302
    assert client.post(FORM, resend).status_code == 302  # pressed twice
    assert Report.objects.count() == 1


def test_a_database_failure_before_the_view_is_a_503_for_pages_and_posts(
    client_for: Any, counsellor: Any
) -> None:
    client = client_for(counsellor)
    client.raise_request_exception = False
    with mock.patch(
        "django.contrib.sessions.backends.db.SessionStore.load", side_effect=OperationalError("refused")
    ):
        page = client.get("/meldingen/")
        post = client.post("/meldingen/nieuw/", {"narrative": "x"})
    assert page.status_code == post.status_code == 503
    assert page["Retry-After"] == "30"
    assert "Probeer het over een minuut opnieuw" in page.content.decode()
    assert "Uw gegevens zijn niet ontvangen." in post.content.decode()


def test_the_unavailable_page_is_english_for_who_chose_english(client: Client, municipality: Any) -> None:
    client.cookies["django_language"] = "en"
    data = with_key(key_from(client, FORM_PAGE), _report(municipality))
    with mock.patch("klankbord.reports.views.intake.report_submit_online", side_effect=OperationalError):
        page = client.post(FORM, data).content.decode()
    assert '<html lang="en">' in page
    assert "Your details were not received." in page


@pytest.mark.django_db(transaction=True)
def test_a_failure_after_the_commit_says_it_was_received_and_the_resend_shows_the_receipt(
    client: Client, municipality: Any
) -> None:
    data = with_key(key_from(client, FORM_PAGE), _report(municipality))
    original = SessionMiddleware.process_response

    def session_save_fails(self: SessionMiddleware, request: Any, response: Any) -> Any:
        if request.method == "POST":
            raise OperationalError("the database went away after the commit")
        return original(self, request, response)

    client.raise_request_exception = False
    with mock.patch.object(SessionMiddleware, "process_response", session_save_fails):
        response = client.post(FORM, data)
    assert response.status_code == 503
    page = response.content.decode()
    assert "Uw gegevens zijn wel ontvangen en opgeslagen." in page
    assert "Bevestiging tonen" in page
    assert Report.objects.count() == 1  # stored before the failure

    recovered = client.post(FORM, _resend_form(page))  # once the database is back
    assert recovered.status_code == 302
    receipt = client.get(recovered["Location"]).content.decode()
    assert re.search(r'class="code-display"[^>]*>[0-9 ]{24}<', receipt), receipt[:3000]
    assert Report.objects.count() == 1


def test_postgresql_gets_a_connect_and_a_statement_timeout_from_the_environment(tmp_path: Path) -> None:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("KLANKBORD_", "DATABASE_"))}
    environment.update(
        KLANKBORD_VAR_DIR=str(tmp_path),
        DATABASE_URL="postgres://klankbord@db.invalid:5432/klankbord",
        DATABASE_CONNECT_TIMEOUT="3",
        DATABASE_STATEMENT_TIMEOUT="12",
    )
    script = "import klankbord.settings as s; print(s.DATABASES['default']['OPTIONS'])"
    result = subprocess.run(  # noqa: S603 — our own interpreter and a fixed script
        [sys.executable, "-c", script], env=environment, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "'connect_timeout': 3" in result.stdout
    assert "'options': '-c statement_timeout=12000 -c jit=off'" in result.stdout
