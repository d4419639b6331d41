"""Experiences for the return day are de-identified like signals (the author confirms; raw text never stored),
and the pre-read pack PDF holds the signal tables and the experiences, without any identifier."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from klankbord.geo.models import Region
from klankbord.network.models import Experience
from klankbord.signals.models import Signal
from klankbord.signals.selectors import last_complete_month

RAW = (
    "Raadslid Jan de Vries uit Zeist werd door @boze_buurman_88 online bedreigd na het debat over het AZC. "
    "Zijn adres, Dorpsstraat 12, stond op Facebook. Bel hem op 06-12345678."
)
IDENTIFIERS = ["Jan de Vries", "Vries", "Zeist", "boze_buurman_88", "Dorpsstraat", "06-12345678", "12345678"]


@pytest.fixture
def signals(db):
    region = Region.objects.filter(scheme__is_active=True).order_by("name").first()
    Signal.objects.bulk_create(
        Signal(
            source="filed",
            month=last_complete_month(),
            region=region,
            category="threat",
            channel="online",
            perpetrator_type="resident",
            severity="medium",
        )
        for _ in range(7)
    )


def _submit(client, invitation) -> str:
    """Step 1 returns the de-identified text; step 2 confirms exactly that. Returns the confirmed text."""
    preview = client.post(f"/netwerk/uitnodigingen/{invitation.pk}/ervaring/", {"text": RAW})
    assert preview.status_code == 200
    confirmed = preview.context["form"].data["text"]
    assert not Experience.objects.exists()  # nothing stored before the author confirms
    response = client.post(
        f"/netwerk/uitnodigingen/{invitation.pk}/ervaring/bevestigen/", {"text": confirmed}
    )
    assert response.status_code == 302
    return confirmed


def test_the_author_sees_the_de_identified_text_and_only_that_is_stored(client_for, ambassador, invitation):
    client = client_for(ambassador)
    confirmed = _submit(client, invitation)
    stored = Experience.objects.get()
    assert stored.text == confirmed.strip()
    for identifier in IDENTIFIERS:
        assert identifier not in stored.text
    assert "[" in stored.text  # placeholders took their place


def test_a_raw_text_posted_straight_to_the_confirm_step_is_refused(client_for, ambassador, invitation):
    response = client_for(ambassador).post(
        f"/netwerk/uitnodigingen/{invitation.pk}/ervaring/bevestigen/", {"text": RAW}
    )
    assert response.status_code == 400
    assert not Experience.objects.exists()
    assert "Zeist" not in response.content.decode()  # the page offers the de-identified text again


def test_the_pre_read_pack_has_its_sections_and_no_identifiers(
    client_for, ambassador, coordinator, invitation, signals
):
    _submit(client_for(ambassador), invitation)
    response = client_for(coordinator).get(f"/netwerk/bijeenkomsten/{invitation.gathering.pk}/leesmap.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    flat = " ".join(text.split())
    for section in (
        "Leesmap",
        "Agenda",
        "Signalen uit het netwerk",
        "Signalen per soort voorval",
        "Ervaringen van ambassadeurs",
        "Ervaring 1",
    ):
        assert section in flat, section
    for identifier in IDENTIFIERS:
        assert identifier not in flat, identifier
    assert "bedreigd" in flat  # the experience itself is there
    assert ambassador.display_name not in flat  # without its author


def test_only_the_coordinator_gets_the_pack(client_for, ambassador, counsellor, invitation):
    url = f"/netwerk/bijeenkomsten/{invitation.gathering.pk}/leesmap.pdf"
    assert client_for(ambassador).get(url).status_code == 403
    assert client_for(counsellor).get(url).status_code == 403
    assert client_for(None).get(url).status_code == 302


def test_experiences_are_only_collected_for_a_future_return_day(
    client_for, ambassador, profile, make_gathering
):
    from klankbord.network.models import Invitation

    intervision = make_gathering(
        kind="intervision", region=Region.objects.filter(scheme__is_active=True).first()
    )
    own = Invitation.objects.create(gathering=intervision, ambassador=profile)
    response = client_for(ambassador).post(
        f"/netwerk/uitnodigingen/{own.pk}/ervaring/bevestigen/", {"text": "Een patroon."}
    )
    assert response.status_code == 400 and not Experience.objects.exists()
