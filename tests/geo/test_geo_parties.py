"""Issue 11, item 11: one party list per municipality (national parties plus local parties entered once), from
which members and ambassadors choose; free text stays possible under "Anders", normalised."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from klankbord.audit.models import AuditEntry
from klankbord.deidentify import deidentify
from klankbord.deidentify.project import detect_listed_parties, detect_parties
from klankbord.geo.constants import PARTY_OTHER
from klankbord.geo.models import Party
from klankbord.geo.partylist import DEMO_COUNCILS, DEMO_SEATED_EVERYWHERE, NATIONAL_PARTIES
from klankbord.geo.selectors import party_choices, party_index, party_label, party_value
from klankbord.geo.services import parties_seed
from tests.factories.geo import seat_local_parties

pytestmark = pytest.mark.django_db


def _options(choices: list[Any]) -> dict[str, list[str]]:
    return {
        str(group): [label for _code, label in options]
        for group, options in choices
        if isinstance(options, list)
    }


def test_the_migration_starts_the_list_with_the_national_parties() -> None:
    national = set(Party.objects.filter(is_national=True).values_list("name", flat=True))
    for name in ("VVD", "CDA", "D66", "GroenLinks-PvdA", "SP", "ChristenUnie", "SGP", "PVV", "BBB", "JA21"):
        assert name in national
    assert {"Partij voor de Dieren", "Volt"} <= national


def test_the_demo_seats_national_and_local_parties_in_its_councils_once() -> None:
    assert parties_seed(councils=DEMO_COUNCILS, everywhere=DEMO_SEATED_EVERYWHERE) > 0
    assert parties_seed(councils=DEMO_COUNCILS, everywhere=DEMO_SEATED_EVERYWHERE) == 0  # idempotent
    bunnik = Party.objects.get(name="Lokaal Belang Bunnik")
    assert list(bunnik.municipalities.values_list("name", flat=True)) == ["Bunnik"]
    fnp = Party.objects.get(name="FNP")  # one party, seated in three Frisian councils
    assert set(fnp.municipalities.values_list("name", flat=True)) == {
        "Leeuwarden",
        "Smallingerland",
        "Heerenveen",
    }


def test_a_municipality_offers_its_council_then_the_other_national_parties_then_anders(
    municipality: Any,
) -> None:
    seat_local_parties("Bunnik", "Lokaal Belang Bunnik", national=("vvd", "cda"))
    seat_local_parties("Zeist", "Zeister Belang")
    groups = _options(party_choices(municipality_id=municipality("Bunnik").pk))
    assert groups["In de gemeenteraad van Bunnik"] == ["CDA", "Lokaal Belang Bunnik", "VVD"]
    others = groups["Andere landelijke partijen"]
    assert "D66" in others and "VVD" not in others and "Zeister Belang" not in others
    assert list(party_choices(municipality_id=municipality("Bunnik").pk))[-1][1] == [
        (PARTY_OTHER, "Anders / niet vermeld (vul hieronder in)")
    ]
    everywhere = _options(party_choices())
    assert everywhere["Lokaal in Zeist"] == ["Zeister Belang"]


def test_free_text_naming_a_listed_party_is_that_party_and_other_text_is_normalised() -> None:
    seat_local_parties("Bunnik", "Lokaal Belang Bunnik")
    assert party_value(choice="", other="  gl-pvda ") == "partij:groenlinks-pvda"
    assert party_value(choice="", other="Partij van de Arbeid") == "partij:groenlinks-pvda"
    assert (
        party_value(choice="", other=" Lokaal   Belang ") == "Lokaal Belang"
    )  # not on the list: kept as text
    index = party_index()
    assert index.key("lokaal belang bunnik") == index.key("partij:lokaal-belang-bunnik")
    assert index.key("Lokaal Belang") != index.key("Lokaal Belang Bunnik")
    assert party_label("partij:groenlinks-pvda") == "GroenLinks-PvdA"
    assert party_label("Lokaal Belang") == "Lokaal Belang"


def test_the_geo_admin_adds_a_local_party_with_its_seats_and_audits_it(
    make_user: Any, municipality: Any
) -> None:
    client = Client()
    client.force_login(make_user(None, is_staff=True, is_superuser=True))
    url = f"/{settings.ADMIN_URL_PATH}/geo/party/add/"
    assert client.get(url).status_code == 200
    bunnik = municipality("Bunnik")
    response = client.post(
        url,
        {
            "name": "Dorpsbelang Bunnik",
            "code": "dorpsbelang-bunnik",
            "abbreviation": "",
            "other_names": "DB Bunnik",
            "municipalities": [bunnik.pk],
        },
    )
    assert response.status_code == 302
    party = Party.objects.get(code="dorpsbelang-bunnik")
    assert list(party.municipalities.all()) == [bunnik] and not party.is_national
    assert AuditEntry.objects.filter(action="geo.party.created").count() == 1
    assert party_value(choice="", other="db bunnik") == "partij:dorpsbelang-bunnik"


def test_every_national_party_on_the_list_is_also_hidden_by_de_identification() -> None:
    """A guard, not a fault: de-identification keeps its own lists (it runs without a database); the party
    list must not name a national party that it would miss."""
    for _code, name, abbreviation, _others in NATIONAL_PARTIES:
        for spelling in (name, abbreviation):
            text = f"Ik zit voor {spelling} in de raad."
            assert any(text[s.start : s.end] == spelling for s in detect_parties(text)), spelling


def test_de_identification_hides_the_local_parties_on_the_list() -> None:
    text = "Ik zit voor Swollwacht in de raad van Zwolle."
    assert not any(text[s.start : s.end] == "Swollwacht" for s in detect_listed_parties(text))
    seat_local_parties("Zwolle", "Swollwacht")  # entered once, as in the admin
    assert [text[s.start : s.end] for s in detect_listed_parties(text)] == ["Swollwacht"]
    assert "Swollwacht" not in deidentify(text).text
