"""Issue 11, item 11: the matching page speaks to the counsellor in labels, marks who already declined, and shows
what the member asked for that it applies (their party and excluded municipalities)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from klankbord.ambassadors.constants import AmbassadorStatus
from klankbord.matching.constants import Exclusion
from klankbord.matching.services import assignment_confirm, assignment_decline
from tests.factories.ambassadors import make_ambassador
from tests.factories.geo import municipality
from tests.factories.reports import make_report

pytestmark = pytest.mark.django_db

CODES = ("niet_actief", "wens_gemeente", "zelfde_gemeente")


def _left_out_part(client: Client, report: Any) -> str:
    page: str = client.get(reverse("matching:match", args=[report.pk])).content.decode()
    return page[page.index("<details>") :]


def _report_leaving_out_three() -> Any:
    make_ambassador("Utrecht", name="Carla Smit")  # zelfde_gemeente
    make_ambassador("Zeist", name="Paul Pauze", status=AmbassadorStatus.PAUSED)  # niet_actief
    make_ambassador("Nieuwegein", name="Wim Wens")  # wens_gemeente
    report = make_report("Utrecht")
    report.wish_excluded_municipalities.add(municipality("Nieuwegein"))
    return report


@pytest.mark.parametrize("language", ["nl", "en"])
def test_reasons_for_leaving_out_are_labels_not_internal_codes(
    language: str, client_for: Any, counsellor: Any
) -> None:
    report = _report_leaving_out_three()
    client = client_for(counsellor)
    client.post("/i18n/setlang/", {"language": language, "next": "/"})
    details = _left_out_part(client, report)
    assert "Carla Smit" in details and "Paul Pauze" in details and "Wim Wens" in details
    for code in CODES:
        assert code not in details
    if language == "en":
        assert "Lives in the same municipality as the council member" in details
        assert "Is paused or has stopped" in details
    else:
        assert str(Exclusion.WISH_MUNICIPALITY.label) in details


def test_an_ambassador_who_declined_this_report_is_marked_when_proposed_again(
    client_for: Any, counsellor: Any
) -> None:
    declined = make_ambassador("Zeist", name="Anna Bakker")
    make_ambassador("Amersfoort", name="Bram de Boer")
    report = make_report("Utrecht")
    request = assignment_confirm(actor=counsellor, report_id=report.pk, ambassador=declined)
    assignment_decline(actor=declined.user, assignment_id=request.pk, reason="Te druk.")
    page = client_for(counsellor).get(reverse("matching:match", args=[report.pk])).content.decode()
    card_of = {name: page[page.index(name) :][:1200] for name in ("Anna Bakker", "Bram de Boer")}
    anna = card_of["Anna Bakker"].split("</li>")[0]
    assert "Heeft dit verzoek afgewezen op" in anna
    assert "Reden: Te druk." in anna  # the decline's reason is for the counsellor, who matches again
    assert "afgewezen" not in card_of["Bram de Boer"].split("</li>")[0]


def test_the_match_form_shows_the_members_party_and_excluded_municipalities(
    client_for: Any, counsellor: Any
) -> None:
    make_ambassador("Zeist")
    report = make_report("Utrecht", party_shared=True, member_party="Lokaal Belang")
    report.wish_excluded_municipalities.add(municipality("Nieuwegein"), municipality("Houten"))
    page = client_for(counsellor).get(reverse("matching:match", args=[report.pk])).content.decode()
    wishes = page[page.index("Wensen van het raadslid") : page.index("Voorstellen bijwerken")]
    assert "Partij van het raadslid" in wishes and "Lokaal Belang" in wishes
    assert "Houten, Nieuwegein" in wishes


def test_a_party_the_member_did_not_share_is_not_shown(client_for: Any, counsellor: Any) -> None:
    make_ambassador("Zeist")
    report = make_report("Utrecht", party_shared=False, member_party="Geheime Partij")
    page = client_for(counsellor).get(reverse("matching:match", args=[report.pk])).content.decode()
    assert "Geheime Partij" not in page and "Niet gedeeld" in page
