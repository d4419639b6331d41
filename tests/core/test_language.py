"""Dutch first: a browser set to English still gets Dutch until the user chooses English."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_interface_is_dutch_whatever_the_browser_asks_for() -> None:
    page = Client(HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").get("/").content.decode()
    assert 'lang="nl"' in page and "Bel 112" in page


def test_choosing_english_switches_the_interface_and_back() -> None:
    client = Client()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/").content.decode()
    assert 'lang="en"' in page and "Call 112" in page
    client.post("/i18n/setlang/", {"language": "nl", "next": "/"})
    assert 'lang="nl"' in client.get("/").content.decode()
