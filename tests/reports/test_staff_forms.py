"""Issue 11, item 14: forms that staff fill in for a member speak to the staff member about the member; the
member's own forms keep the member's voice."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils.html import escape

pytestmark = pytest.mark.django_db

MEMBER_VOICE = [
    "Over u",
    "Uw toestemming",
    "Breng mij in contact met een regioambassadeur",
    "Ik wil mijn partij delen",
    "Bij mij thuis",
    "Op mijn werk als raadslid",
    "Ik heb al aangifte",
    "In welke gemeente bent u actief?",
]


def test_the_counsellors_registration_form_speaks_about_the_member(client_for: Any, counsellor: Any) -> None:
    page = client_for(counsellor).get("/meldingen/nieuw/").content.decode()
    for phrase in MEMBER_VOICE:
        assert escape(phrase) not in page, phrase
    for phrase in (
        "Over het raadslid",
        "Toestemming van het raadslid",
        "Het raadslid wil in contact komen met een regioambassadeur",
        "Het raadslid wil de partij delen",
        "Bij het raadslid thuis",
    ):
        assert escape(phrase) in page, phrase


def test_the_registration_form_refuses_in_the_counsellors_words(client_for: Any, counsellor: Any) -> None:
    response = client_for(counsellor).post(
        "/meldingen/nieuw/",
        {"source_channel": "phone", "narrative": "Gemeld.", "member_party": "sp"},
    )
    assert "Vink aan dat het raadslid de partij wil delen" in response.content.decode()


def test_the_members_own_form_keeps_the_members_voice(client: Any) -> None:
    page = client.get("/melden/formulier/?acute_danger=nee").content.decode()
    for phrase in ("Over u", "Breng mij in contact met een regioambassadeur", "Bij mij thuis"):
        assert escape(phrase) in page, phrase


def test_the_ambassadors_signal_form_does_not_offer_at_my_home(client_for: Any, ambassador: Any) -> None:
    page = client_for(ambassador).get(reverse("signals:create")).content.decode()
    assert escape("Bij mij thuis") not in page and escape("Gericht op mijn gezin") not in page
    assert escape("Bij het raadslid thuis") in page
