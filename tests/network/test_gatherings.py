"""Gatherings: invitations by mail with an ICS file, RSVP with capacity and waiting list, attendance."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.utils import timezone

from klankbord.ambassadors.constants import AmbassadorStatus
from klankbord.geo.models import Region
from klankbord.network.constants import GatheringKind, Response
from klankbord.network.models import Invitation
from klankbord.network.services import (
    GatheringInput,
    attendance_record,
    gathering_create,
    gathering_invite,
    invitation_respond,
)
from tests.factories.ambassadors import make_ambassador
from tests.factories.calendars import properties
from tests.factories.core import raises_domain_error

pytestmark = pytest.mark.django_db(transaction=False)


def _province(name: str) -> Region:
    return Region.objects.get(scheme__is_active=True, name=name)


def test_an_intervision_without_region_or_a_gathering_in_the_past_is_refused(coordinator):
    start = timezone.now() + timedelta(days=3)
    data = GatheringInput(
        GatheringKind.INTERVISION, "Intervisie", start, start + timedelta(hours=2), 8, place="Zwolle"
    )
    with raises_domain_error("region_required", match="regio"):
        gathering_create(actor=coordinator, data=data)
    data.kind, data.starts_at = GatheringKind.RETURN_DAY, timezone.now() - timedelta(days=1)
    with raises_domain_error("past", match="toekomst"):
        gathering_create(actor=coordinator, data=data)


def test_invitations_go_to_active_ambassadors_with_a_valid_calendar_file(
    coordinator, make_gathering, django_capture_on_commit_callbacks
):
    active = make_ambassador("Zeist")
    make_ambassador("Utrecht", status=AmbassadorStatus.PAUSED)
    gathering = make_gathering(title="Terugkomdag; voorjaar, 2027")
    with django_capture_on_commit_callbacks(execute=True):
        assert gathering_invite(actor=coordinator, gathering=gathering) == 1
    assert [m.to for m in mail.outbox] == [[active.user.email]]
    name, content, mimetype = mail.outbox[0].attachments[0]
    assert mimetype.startswith("text/calendar") and name.endswith(".ics")
    text = content.decode() if isinstance(content, bytes) else content
    assert "\r\n" in text and all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    props = properties(text)
    assert props["UID"].startswith(f"network-gathering-{gathering.pk}@")
    assert props["DTSTART"].endswith("Z") and props["DTEND"].endswith("Z") and "DTSTAMP" in props
    assert props["SUMMARY"] == "Terugkomdag\\; voorjaar\\, 2027"
    assert "/netwerk/uitnodigingen/" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        assert gathering_invite(actor=coordinator, gathering=gathering) == 0  # nobody twice
    assert len(mail.outbox) == 1


def test_a_regional_intervision_invites_only_the_ambassadors_of_that_region(coordinator, make_gathering):
    utrecht = make_ambassador("Zeist")
    make_ambassador("Zwolle")
    gathering = make_gathering(kind=GatheringKind.INTERVISION, region=_province("Utrecht"))
    gathering_invite(actor=coordinator, gathering=gathering)
    assert list(gathering.invitations.values_list("ambassador_id", flat=True)) == [utrecht.pk]


def _invited(gathering, n):
    return [
        Invitation.objects.create(gathering=gathering, ambassador=make_ambassador("Zeist")) for _ in range(n)
    ]


def test_a_yes_beyond_capacity_waits_and_gets_the_place_that_frees_up(
    make_gathering, django_capture_on_commit_callbacks
):
    gathering = make_gathering(capacity=1)
    first, second, third = _invited(gathering, 3)
    assert (
        invitation_respond(actor=first.ambassador.user, invitation=first, answer="yes").response
        == Response.YES
    )
    assert (
        invitation_respond(actor=second.ambassador.user, invitation=second, answer="yes").response
        == Response.WAITLIST
    )
    assert (
        invitation_respond(actor=third.ambassador.user, invitation=third, answer="yes").response
        == Response.WAITLIST
    )
    with django_capture_on_commit_callbacks(execute=True):
        invitation_respond(actor=first.ambassador.user, invitation=first, answer="no")
    second.refresh_from_db(), third.refresh_from_db()
    assert (second.response, third.response) == (Response.YES, Response.WAITLIST)
    assert [m.to for m in mail.outbox] == [[second.ambassador.user.email]]
    assert gathering.invitations.filter(response=Response.YES).count() == 1


def test_nobody_can_answer_for_someone_else_or_after_the_start(make_gathering, profile):
    gathering = make_gathering()
    other = _invited(gathering, 1)[0]
    with pytest.raises(PermissionDenied):
        invitation_respond(actor=profile.user, invitation=other, answer="yes")
    started = make_gathering(days=-1)
    late = Invitation.objects.create(gathering=started, ambassador=profile)
    with raises_domain_error("past"):
        invitation_respond(actor=profile.user, invitation=late, answer="yes")
    with raises_domain_error("invalid_answer"):
        invitation_respond(actor=profile.user, invitation=late, answer="perhaps")


def test_attendance_is_recorded_for_everyone_and_shown_on_the_profile(coordinator, make_gathering, profile):
    gathering = make_gathering(days=-1, title="Terugkomdag 2026")
    came = Invitation.objects.create(gathering=gathering, ambassador=profile)
    stayed_away = _invited(gathering, 1)[0]
    attendance_record(actor=coordinator, gathering=gathering, present_ids={came.pk})
    came.refresh_from_db(), stayed_away.refresh_from_db()
    assert (came.attended, stayed_away.attended) == (True, False)
    html = render_to_string("network/_attendance.html", {"ambassador": profile})
    assert "Terugkomdag 2026" in html and "aanwezig" in html


def test_attendance_cannot_be_recorded_before_the_start_or_for_strangers(
    coordinator, make_gathering, invitation
):
    with raises_domain_error("early"):
        attendance_record(actor=coordinator, gathering=invitation.gathering, present_ids={invitation.pk})
    past = make_gathering(days=-1)
    with raises_domain_error("not_invited"):
        attendance_record(actor=coordinator, gathering=past, present_ids={invitation.pk})
