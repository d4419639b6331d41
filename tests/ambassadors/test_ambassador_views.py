"""Profile pages per persona: the ambassador's own page, the coordinator's pages, time spent."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from klankbord.ambassadors.constants import AmbassadorStatus
from klankbord.ambassadors.models import Ambassador, AmbassadorConflict, LeavePeriod, TimeEntry
from klankbord.crypto.keyring import KeyRing
from klankbord.matching.constants import AssignmentStatus
from tests.factories.ambassadors import conflict, leave, make_ambassador
from tests.factories.geo import municipality
from tests.factories.matching import assign
from tests.factories.reports import make_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def profile(ambassador: Any) -> Ambassador:
    return make_ambassador("Zeist", user=ambassador)


def tomorrow(days: int = 1) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


# --- who may open which page --------------------------------------------------------------------------------------


def test_the_ambassador_opens_their_own_profile(client_for: Any, profile: Ambassador) -> None:
    response = client_for(profile.user).get(reverse("ambassadors:own"))
    assert response.status_code == 200
    assert "Zeist" in response.content.decode()


def test_an_ambassador_account_without_profile_gets_a_404(client_for: Any, ambassador: Any) -> None:
    assert client_for(ambassador).get(reverse("ambassadors:own")).status_code == 404


@pytest.mark.parametrize("persona", ["coordinator", "counsellor", "selection_member", "administrator"])
def test_other_roles_cannot_open_an_own_profile_page(client_for: Any, persona: str, request: Any) -> None:
    assert client_for(request.getfixturevalue(persona)).get(reverse("ambassadors:own")).status_code == 403


@pytest.mark.parametrize("persona", ["council_member", "outsider", None])
def test_people_without_mfa_or_login_are_sent_away_from_profile_pages(
    client_for: Any, persona: str | None, request: Any
) -> None:
    user = request.getfixturevalue(persona) if persona else None
    for name in ["ambassadors:own", "ambassadors:list", "ambassadors:time"]:
        response = client_for(user).get(reverse(name))
        assert response.status_code == 302
        assert "/accounts/" in response["Location"]


def test_the_coordinator_opens_the_list_detail_and_edit_pages(
    client_for: Any, coordinator: Any, profile: Ambassador
) -> None:
    client = client_for(coordinator)
    for url in [
        reverse("ambassadors:list"),
        reverse("ambassadors:new"),
        reverse("ambassadors:detail", args=[profile.pk]),
        reverse("ambassadors:edit", args=[profile.pk]),
    ]:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("persona", ["ambassador", "counsellor", "selection_member"])
def test_only_the_coordinator_manages_all_profiles(
    client_for: Any, persona: str, request: Any, profile: Ambassador
) -> None:
    client = client_for(request.getfixturevalue(persona))
    for url in [reverse("ambassadors:list"), reverse("ambassadors:detail", args=[profile.pk])]:
        assert client.get(url).status_code == 403, url
    assert (
        client.post(reverse("ambassadors:status", args=[profile.pk]), {"status-status": "ended"}).status_code
        == 403
    )
    profile.refresh_from_db()
    assert profile.status == AmbassadorStatus.ACTIVE


def test_a_missing_profile_is_a_404_for_the_coordinator(client_for: Any, coordinator: Any) -> None:
    assert client_for(coordinator).get(reverse("ambassadors:detail", args=[999_999])).status_code == 404


def test_the_coordinator_list_stays_at_the_same_number_of_queries(
    client_for: Any, coordinator: Any, django_assert_max_num_queries: Any
) -> None:
    client = client_for(coordinator)
    url = reverse("ambassadors:list")
    make_ambassador("Zeist")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for home in ["Gouda", "Groningen", "Leeuwarden", "Lelystad", "Amersfoort"] * 3:
        assign(make_ambassador(home))
    with django_assert_max_num_queries(len(few)):
        response = client.get(url)
    assert response.content.decode().count("/ambassadeurs/") >= 16


# --- the ambassador edits their own profile ----------------------------------------------------------------------


def test_the_ambassador_saves_availability_and_languages(client_for: Any, profile: Ambassador) -> None:
    response = client_for(profile.user).post(
        reverse("ambassadors:own"),
        {
            "profile-availability_note": "Doordeweeks na 18 uur",
            "profile-languages": ["nl", "fy"],
            "profile-gender": "",
        },
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert (profile.availability_note, profile.languages) == ("Doordeweeks na 18 uur", ["nl", "fy"])


def test_an_unknown_language_is_refused_with_a_message_and_kept_input(
    client_for: Any, profile: Ambassador
) -> None:
    response = client_for(profile.user).post(
        reverse("ambassadors:own"),
        {"profile-availability_note": "Alleen zaterdag", "profile-languages": ["xx"]},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Controleer uw invoer" in page and "Alleen zaterdag" in page


def test_the_ambassador_gives_and_withdraws_party_consent(client_for: Any, profile: Ambassador) -> None:
    client = client_for(profile.user)
    client.post(reverse("ambassadors:own_party"), {"party-consent": "on", "party-party": "christenunie"})
    profile.refresh_from_db()
    assert profile.party == "partij:christenunie" and profile.party_consent_at
    client.post(reverse("ambassadors:own_party"), {"party-party": ""})
    profile.refresh_from_db()
    assert profile.party == "" and profile.party_consent_at is None


def test_a_party_without_the_consent_box_is_refused(client_for: Any, profile: Ambassador) -> None:
    response = client_for(profile.user).post(reverse("ambassadors:own_party"), {"party-party": "pvv"})
    assert response.status_code == 400
    assert "Zonder toestemming slaan we uw partij niet op" in response.content.decode()
    profile.refresh_from_db()
    assert profile.party == ""


def test_the_ambassador_pauses_and_comes_back(client_for: Any, profile: Ambassador) -> None:
    client = client_for(profile.user)
    assign(profile)
    response = client.post(reverse("ambassadors:own_status"), {"status-status": "paused"}, follow=True)
    profile.refresh_from_db()
    assert profile.status == AmbassadorStatus.PAUSED
    assert "draagt uw 1 lopende zaak over" in response.content.decode()
    client.post(reverse("ambassadors:own_status"), {"status-status": "active"})
    profile.refresh_from_db()
    assert profile.status == AmbassadorStatus.ACTIVE


def test_the_ambassador_cannot_end_their_own_ambassadorship_through_the_pause_form(
    client_for: Any, profile: Ambassador
) -> None:
    client_for(profile.user).post(reverse("ambassadors:own_status"), {"status-status": "ended"})
    profile.refresh_from_db()
    assert profile.status == AmbassadorStatus.ACTIVE


def test_leave_is_added_and_impossible_dates_are_explained(client_for: Any, profile: Ambassador) -> None:
    client = client_for(profile.user)
    ok = client.post(
        reverse("ambassadors:own_leave_add"), {"leave-starts_on": tomorrow(), "leave-ends_on": tomorrow(8)}
    )
    assert ok.status_code == 302 and LeavePeriod.objects.filter(ambassador=profile).count() == 1
    bad = client.post(
        reverse("ambassadors:own_leave_add"), {"leave-starts_on": tomorrow(8), "leave-ends_on": tomorrow()}
    )
    assert bad.status_code == 400
    assert "De einddatum ligt voor de begindatum." in bad.content.decode()
    garbage = client.post(
        reverse("ambassadors:own_leave_add"), {"leave-starts_on": "morgen", "leave-ends_on": ""}
    )
    assert garbage.status_code == 400


def test_an_ambassador_cannot_remove_leave_or_conflicts_of_someone_else(
    client_for: Any, profile: Ambassador
) -> None:
    other = make_ambassador("Gouda")
    other_leave = leave(other, 1, 3)
    other_conflict = conflict(other, municipality_name="Utrecht")
    client = client_for(profile.user)
    assert client.post(reverse("ambassadors:own_leave_delete", args=[other_leave.pk])).status_code == 404
    assert (
        client.post(reverse("ambassadors:own_conflict_delete", args=[other_conflict.pk])).status_code == 404
    )
    assert LeavePeriod.objects.filter(pk=other_leave.pk).exists()


def test_the_ambassador_declares_a_conflict_of_interest(client_for: Any, profile: Ambassador) -> None:
    client = client_for(profile.user)
    missing = client.post(reverse("ambassadors:own_conflict_add"), {"conflict-kind": "municipality"})
    assert missing.status_code == 400 and "Kies de gemeente." in missing.content.decode()
    utrecht = municipality("Utrecht")
    client.post(
        reverse("ambassadors:own_conflict_add"),
        {"conflict-kind": "municipality", "conflict-municipality": utrecht.pk},
    )
    assert AmbassadorConflict.objects.get(ambassador=profile).municipality == utrecht


# --- the coordinator --------------------------------------------------------------------------------------------


def test_the_coordinator_creates_a_profile_for_an_ambassador_account(
    client_for: Any, coordinator: Any, ambassador: Any
) -> None:
    data = {
        "profile-user": ambassador.pk,
        "profile-home_municipality": municipality("Deventer").pk,
        "profile-capacity": "2",
        "profile-started_on": timezone.localdate().isoformat(),
        "profile-years_alderman": "4",
        "profile-score_integrity": "5",
    }
    response = client_for(coordinator).post(reverse("ambassadors:new"), data)
    created = Ambassador.objects.get(user=ambassador)
    assert response.status_code == 302
    assert (
        created.home_municipality.name,
        created.capacity,
        created.years_alderman,
        created.score_integrity,
    ) == ("Deventer", 2, 4, 5)


def test_the_coordinator_gets_clear_messages_for_bad_profile_input(
    client_for: Any, coordinator: Any, profile: Ambassador
) -> None:
    data = {
        "profile-home_municipality": "abc",
        "profile-capacity": "99",
        "profile-started_on": "gisteren",
        "profile-score_empathy": "7",
    }
    response = client_for(coordinator).post(reverse("ambassadors:edit", args=[profile.pk]), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Kies een gemeente uit de lijst." in page and "Vul hoogstens 12 in." in page
    assert "Vul een geldige datum in." in page


def test_ending_an_ambassador_lists_their_cases_for_handover(
    client_for: Any, coordinator: Any, profile: Ambassador
) -> None:
    assign(profile, status=AssignmentStatus.REQUESTED)
    response = client_for(coordinator).post(
        reverse("ambassadors:status", args=[profile.pk]), {"status-status": "ended"}, follow=True
    )
    profile.refresh_from_db()
    assert profile.status == AmbassadorStatus.ENDED
    assert "Over te dragen" in response.content.decode()


def test_the_coordinator_does_not_see_the_party_itself(
    client_for: Any, coordinator: Any, profile: Ambassador
) -> None:
    # The party list itself is on the page (to declare a party conflict); the ambassador's party is not.
    profile.party, profile.party_consent_at = "Partij voor het Zuiden", timezone.now()
    profile.save()
    page = client_for(coordinator).get(reverse("ambassadors:detail", args=[profile.pk])).content.decode()
    assert "Partij voor het Zuiden" not in page and "vastgelegd met toestemming" in page
    profile.party = "partij:volt"
    profile.save()
    page = client_for(coordinator).get(reverse("ambassadors:detail", args=[profile.pk])).content.decode()
    assert 'value="volt" selected' not in page


# --- time spent -------------------------------------------------------------------------------------------------


def test_the_ambassador_logs_time_and_sees_their_month(client_for: Any, profile: Ambassador) -> None:
    report = make_report()
    assign(profile, report)
    client = client_for(profile.user)
    response = client.post(
        reverse("ambassadors:time"),
        {
            "time-entry_date": timezone.localdate().isoformat(),
            "time-activity": "contact",
            "time-minutes": "75",
            "time-report": report.pk,
        },
        follow=True,
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "75 minuten vastgelegd." in page and report.reference in page


def test_time_on_someone_elses_case_or_nonsense_is_refused(client_for: Any, profile: Ambassador) -> None:
    other = make_report()
    client = client_for(profile.user)
    for data in [
        {
            "time-entry_date": timezone.localdate().isoformat(),
            "time-activity": "contact",
            "time-minutes": "30",
            "time-report": other.pk,
        },
        {"time-entry_date": "2026-13-45", "time-activity": "dansen", "time-minutes": "-3"},
    ]:
        assert client.post(reverse("ambassadors:time"), data).status_code == 400
    assert not TimeEntry.objects.exists()


def test_another_ambassadors_time_entry_cannot_be_deleted(client_for: Any, profile: Ambassador) -> None:
    other = make_ambassador("Gouda")
    entry = TimeEntry.objects.create(
        ambassador=other, date=timezone.localdate(), activity="travel", minutes=10
    )
    assert (
        client_for(profile.user).post(reverse("ambassadors:time_delete", args=[entry.pk])).status_code == 404
    )
    assert TimeEntry.objects.filter(pk=entry.pk).exists()


@pytest.mark.parametrize("month", ["2026-02", "gisteren", "2026-99", ""])
def test_any_month_parameter_renders(client_for: Any, profile: Ambassador, month: str) -> None:
    assert client_for(profile.user).get(reverse("ambassadors:time"), {"maand": month}).status_code == 200


def test_the_coordinator_cannot_open_the_time_page(client_for: Any, coordinator: Any) -> None:
    assert client_for(coordinator).get(reverse("ambassadors:time")).status_code == 404  # case gate: 404


def test_the_list_decrypts_no_party_or_status_note(
    client_for: Any, coordinator: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_ambassador("Zeist", party="CDA", status_note="Tijdelijk minder beschikbaar")
    client = client_for(coordinator)
    client.get(reverse("ambassadors:list"))
    decrypted: list[str] = []
    original = KeyRing.decrypt_text

    def recording(self: KeyRing, token: str, *, purpose: str) -> str:
        decrypted.append(purpose)
        return original(self, token, purpose=purpose)

    monkeypatch.setattr(KeyRing, "decrypt_text", recording)
    assert client.get(reverse("ambassadors:list")).status_code == 200
    assert [purpose for purpose in decrypted if purpose.startswith("field:ambassadors.")] == []
