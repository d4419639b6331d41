"""Profile writes: who may do what, party only with consent, leave, conflicts, status and time spent."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from klankbord.ambassadors.constants import AmbassadorStatus, TimeActivity
from klankbord.ambassadors.models import Ambassador, TimeEntry
from klankbord.ambassadors.selectors import time_month
from klankbord.ambassadors.services import (
    ambassador_create,
    ambassador_own_update,
    ambassador_party_set,
    ambassador_set_status,
    ambassador_update,
    conflict_add,
    leave_add,
    time_entry_add,
)
from klankbord.audit.models import AuditEntry
from klankbord.matching.constants import AssignmentStatus
from tests.factories.ambassadors import make_ambassador
from tests.factories.core import raises_domain_error
from tests.factories.geo import municipality
from tests.factories.matching import assign
from tests.factories.reports import make_report

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def test_a_profile_can_only_be_made_for_an_account_with_the_ambassador_role(
    coordinator: Any, counsellor: Any, ambassador: Any
) -> None:
    with raises_domain_error("not_ambassador"):
        ambassador_create(actor=coordinator, user=counsellor, home_municipality=municipality("Zeist"))
    profile = ambassador_create(
        actor=coordinator,
        user=ambassador,
        home_municipality=municipality("Zeist"),
        data={"capacity": 4, "years_council_member": 8, "score_empathy": 5},
    )
    assert (profile.capacity, profile.years_council_member, profile.score_empathy) == (4, 8, 5)
    assert profile.background() == [("Raadslid", 8)]
    with raises_domain_error("duplicate"):
        ambassador_create(actor=coordinator, user=ambassador, home_municipality=municipality("Zeist"))


def test_scores_outside_one_to_five_and_unknown_fields_are_refused(coordinator: Any) -> None:
    profile = make_ambassador()
    with pytest.raises(ValidationError) as refused:
        ambassador_update(actor=coordinator, ambassador=profile, data={"score_neutral": 6})
    assert "score_neutral" in refused.value.message_dict
    with pytest.raises(ValueError, match="not editable"):
        ambassador_update(actor=coordinator, ambassador=profile, data={"party": "VVD"})


def test_the_party_is_stored_only_with_the_ambassadors_own_consent_and_encrypted() -> None:
    profile = make_ambassador()
    ambassador_party_set(actor=profile.user, ambassador=profile, consent=True, party="  D66 ")
    profile.refresh_from_db()
    assert profile.party == "partij:d66" and profile.party_consent_at is not None  # D66 on the party list
    with connection.cursor() as cursor:
        cursor.execute("SELECT party FROM ambassadors_ambassador WHERE id = %s", [profile.pk])
        stored = cursor.fetchone()[0]
        assert "D66" not in stored and "d66" not in stored
    assert not AuditEntry.objects.filter(data__icontains="D66").exists()


def test_withdrawing_party_consent_erases_the_party() -> None:
    profile = make_ambassador(party="SP", party_consent_at=timezone.now())
    ambassador_party_set(actor=profile.user, ambassador=profile, consent=False)
    profile.refresh_from_db()
    assert (profile.party, profile.party_consent_at) == ("", None)


def test_a_party_without_consent_or_consent_without_a_party_is_refused() -> None:
    profile = make_ambassador()
    with raises_domain_error("consent_required"):
        ambassador_party_set(actor=profile.user, ambassador=profile, consent=False, party="CDA")
    with raises_domain_error("party_required"):
        ambassador_party_set(actor=profile.user, ambassador=profile, consent=True, party=" ")


def test_nobody_else_can_give_party_consent_for_an_ambassador(coordinator: Any) -> None:
    profile = make_ambassador()
    with pytest.raises(PermissionDenied):
        ambassador_party_set(actor=coordinator, ambassador=profile, consent=True, party="VVD")


def test_the_ambassador_edits_only_availability_languages_and_gender() -> None:
    profile = make_ambassador()
    changed = ambassador_own_update(
        actor=profile.user,
        ambassador=profile,
        data={"languages": ["fy", "nl"], "availability_note": "avonden"},
    )
    assert sorted(changed) == ["availability_note", "languages"]
    assert profile.languages == ["nl", "fy"]
    with pytest.raises(ValueError, match="not editable"):
        ambassador_own_update(actor=profile.user, ambassador=profile, data={"capacity": 9})
    with raises_domain_error("invalid_language"):
        ambassador_own_update(actor=profile.user, ambassador=profile, data={"languages": ["klingon"]})


@pytest.mark.parametrize(("start", "end", "code"), [(5, 2, "order"), (-10, -1, "past"), (0, 400, "too_long")])
def test_impossible_leave_is_refused(start: int, end: int, code: str) -> None:
    with raises_domain_error(code):
        leave_add(
            actor=None,
            ambassador=make_ambassador(),
            starts_on=TODAY() + timedelta(days=start),
            ends_on=TODAY() + timedelta(days=end),
        )


def test_a_conflict_needs_its_municipality_or_name() -> None:
    profile = make_ambassador()
    with raises_domain_error("municipality_required"):
        conflict_add(actor=None, ambassador=profile, kind="municipality")
    with raises_domain_error("name_required"):
        conflict_add(actor=None, ambassador=profile, kind="person", name="  ")
    made = conflict_add(
        actor=None,
        ambassador=profile,
        kind="party",
        name=" Partij  voor de Dieren ",
        municipality=municipality("Utrecht"),
    )
    assert (made.name, made.municipality) == ("partij:pvdd", None)  # the party on the list, however typed
    assert made.label == "Partij voor de Dieren"


def test_pausing_returns_the_open_cases_and_resuming_returns_none(coordinator: Any) -> None:
    profile = make_ambassador()
    open_case = assign(profile)
    assign(profile, status=AssignmentStatus.ENDED)
    assert ambassador_set_status(actor=coordinator, ambassador=profile, status=AmbassadorStatus.PAUSED) == [
        open_case
    ]
    assert Ambassador.objects.get(pk=profile.pk).status == AmbassadorStatus.PAUSED
    assert ambassador_set_status(actor=coordinator, ambassador=profile, status=AmbassadorStatus.ACTIVE) == []
    actions = AuditEntry.objects.filter(action="ambassadors.ambassador.status_changed").count()
    assert actions == 2


def test_time_can_be_logged_on_own_cases_only_and_not_in_the_future() -> None:
    profile = make_ambassador()
    mine, other = make_report(), make_report()
    assign(profile, mine, status=AssignmentStatus.ACCEPTED)
    entry = time_entry_add(
        actor=profile.user,
        ambassador=profile,
        entry_date=TODAY(),
        activity=TimeActivity.CONTACT,
        minutes=60,
        report_id=mine.pk,
    )
    assert entry.report == mine
    with raises_domain_error("not_your_case"):
        time_entry_add(
            actor=profile.user,
            ambassador=profile,
            entry_date=TODAY(),
            activity="contact",
            minutes=30,
            report_id=other.pk,
        )
    with raises_domain_error("future"):
        time_entry_add(
            actor=profile.user,
            ambassador=profile,
            entry_date=TODAY() + timedelta(days=1),
            activity="contact",
            minutes=30,
        )
    with raises_domain_error("minutes"):
        time_entry_add(
            actor=profile.user, ambassador=profile, entry_date=TODAY(), activity="contact", minutes=0
        )


def test_a_requested_but_not_accepted_case_takes_no_time_yet() -> None:
    profile = make_ambassador()
    requested = make_report()
    assign(profile, requested, status=AssignmentStatus.REQUESTED)
    with raises_domain_error("not_your_case"):
        time_entry_add(
            actor=profile.user,
            ambassador=profile,
            entry_date=TODAY(),
            activity="travel",
            minutes=20,
            report_id=requested.pk,
        )


def test_the_month_overview_totals_per_activity_and_case() -> None:
    profile = make_ambassador()
    report = make_report()
    day = date(2026, 3, 10)
    for activity, minutes, case in [("contact", 60, report), ("travel", 45, report), ("contact", 30, None)]:
        TimeEntry.objects.create(
            ambassador=profile, report=case, date=day, activity=activity, minutes=minutes
        )
    TimeEntry.objects.create(ambassador=profile, date=date(2026, 4, 1), activity="contact", minutes=600)
    summary = time_month(ambassador=profile, year=2026, month=3)
    assert summary.total_minutes == 135
    assert summary.by_activity == [("Contact met het raadslid", 90), ("Reistijd", 45)]
    assert summary.by_report == [(report.reference, 105), ("—", 30)]


def test_the_five_competences_of_the_function_profile_are_shown_in_dutch() -> None:
    labels = [label for label, _score in make_ambassador().competence_scores()]
    assert labels == [
        "Neutraal",
        "Integer",
        "Ervaring binnen het lokaal bestuur",
        "Bestand tegen omgevingsdruk",
        "Empathisch",
    ]
