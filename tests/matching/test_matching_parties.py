"""Issue 11, item 11: party conflicts compare parties on the one list by identity, not two spellings; members
and ambassadors choose their party from the list for their municipality; older free text keeps working."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from klankbord.ambassadors.models import AmbassadorConflict
from klankbord.matching.constants import Exclusion
from klankbord.matching.selectors import match_report
from klankbord.reports.models import Report
from tests.factories.ambassadors import conflict, make_ambassador
from tests.factories.geo import municipality, seat_local_parties
from tests.factories.reports import make_report

pytestmark = pytest.mark.django_db


def _left_out(report: Report) -> dict[int, tuple[str, ...]]:
    _context, result = match_report(report=report)
    assert result is not None
    return {item.candidate.id: tuple(item.exclusions) for item in result.left_out}


def test_a_party_conflict_is_the_same_listed_party_not_a_similar_name() -> None:
    seat_local_parties("Bunnik", "Lokaal Belang Bunnik", "Lokaal Belang")
    chose = make_ambassador("Zeist", name="Koos Keuze")
    conflict(chose, kind="party", name="partij:lokaal-belang-bunnik")  # chosen from the list
    typed = make_ambassador("Zeist", name="Tineke Typt")
    conflict(typed, kind="party", name="lokaal  belang bunnik")  # typed earlier, the same party
    other = make_ambassador("Zeist", name="Olga Ander")
    conflict(other, kind="party", name="partij:lokaal-belang")  # another party on the list
    report = make_report("Bunnik", party_shared=True, member_party="partij:lokaal-belang-bunnik")
    left_out = _left_out(report)
    assert left_out[chose.pk] == (Exclusion.CONFLICT,) and left_out[typed.pk] == (Exclusion.CONFLICT,)
    assert other.pk not in left_out


def test_older_free_text_parties_are_compared_as_the_party_they_name() -> None:
    spelled = make_ambassador("Zeist", party="GL-PvdA", party_consent_at=timezone.now())
    report = make_report(party_shared=True, member_party="GroenLinks")  # stored as text before the list
    assert _left_out(report) == {spelled.pk: (Exclusion.SAME_PARTY,)}


def test_the_match_page_shows_the_members_party_by_its_name_and_excludes_a_chosen_party(
    client_for: Any, counsellor: Any
) -> None:
    seat_local_parties("Bunnik", "Lokaal Belang Bunnik", national=("vvd",))
    volt = make_ambassador("Zeist", name="Vera Volt", party="partij:volt", party_consent_at=timezone.now())
    report = make_report("Bunnik", party_shared=True, member_party="partij:lokaal-belang-bunnik")
    client = client_for(counsellor)
    url = reverse("matching:match", args=[report.pk])
    page = client.get(url).content.decode()
    asked = page[page.index("Partij van het raadslid") : page.index("Geen ambassadeur uit")]
    assert "Lokaal Belang Bunnik" in asked and "partij:" not in page
    assert "In de gemeenteraad van Bunnik" in page  # the wish field offers the council's parties
    preview = client.post(url, {"action": "preview", "wish-excluded_party": "volt"}).content.decode()
    suggestions = preview[preview.index("Voorstellen") : preview.index("<details>")]
    assert volt.name not in suggestions


def test_the_member_chooses_their_party_from_their_municipalitys_list(client: Any) -> None:
    seat_local_parties("Bunnik", "Lokaal Belang Bunnik")
    seat_local_parties("Zeist", "Zeister Belang")
    bunnik = municipality("Bunnik")
    base = {
        "acute_danger": "nee",
        "municipality": bunnik.pk,
        "narrative": "Ik werd bedreigd.",
        "party_shared": "on",
    }
    refused = client.post("/melden/formulier/", {**base, "member_party": "zeister-belang"})
    assert "Kies een partij uit de lijst, of ‘Anders’." in refused.content.decode()
    page = refused.content.decode()
    assert "In de gemeenteraad van Bunnik" in page and "Zeister Belang" not in page
    missing = client.post("/melden/formulier/", {**base, "member_party": "anders"}).content.decode()
    assert "Vul de naam van de partij in" in missing
    assert not Report.objects.exists()
    client.post("/melden/formulier/", {**base, "member_party": "lokaal-belang-bunnik"})
    assert Report.objects.get().member_party == "partij:lokaal-belang-bunnik"


def test_the_ambassador_chooses_their_party_and_a_party_conflict_from_the_list(
    client_for: Any, ambassador: Any
) -> None:
    seat_local_parties("Zeist", "Zeister Belang")
    seat_local_parties("Bunnik", "Lokaal Belang Bunnik")
    profile = make_ambassador("Zeist", user=ambassador)
    client = client_for(ambassador)
    own = client.get(reverse("ambassadors:own")).content.decode()
    assert (
        "In de gemeenteraad van Zeist" in own and "Lokaal in Bunnik" in own
    )  # party; conflicts: every party
    client.post(reverse("ambassadors:own_party"), {"party-consent": "on", "party-party": "zeister-belang"})
    profile.refresh_from_db()
    assert profile.party == "partij:zeister-belang"
    assert 'value="zeister-belang" selected' in client.get(reverse("ambassadors:own")).content.decode()
    client.post(
        reverse("ambassadors:own_conflict_add"),
        {"conflict-kind": "party", "conflict-party": "lokaal-belang-bunnik"},
    )
    made = AmbassadorConflict.objects.get(ambassador=profile)
    assert made.name == "partij:lokaal-belang-bunnik"
    assert "Partij: Lokaal Belang Bunnik" in client.get(reverse("ambassadors:own")).content.decode()
