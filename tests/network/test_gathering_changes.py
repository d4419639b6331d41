"""Issue 12, items 11-13: gatherings can be changed and cancelled (with RFC 5546 calendar updates), remind the
invited, share the pre-read pack with them, and take attendance on the day with the yes-answers ticked."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from klankbord.accounts.constants import RoleSlug
from klankbord.audit.models import AuditEntry
from klankbord.network.constants import Response
from klankbord.network.models import Gathering, Invitation
from klankbord.network.services import (
    GatheringInput,
    attendance_record,
    gathering_cancel,
    gathering_reminders_send,
    gathering_update,
    invitation_respond,
)
from tests.factories.ambassadors import make_ambassador
from tests.factories.calendars import unfold
from tests.factories.core import raises_domain_error
from tests.factories.network import InvitationFactory

pytestmark = pytest.mark.django_db


def input_of(gathering: Gathering, **changes: Any) -> GatheringInput:
    fields: dict[str, Any] = {
        "kind": gathering.kind,
        "title": gathering.title,
        "starts_at": gathering.starts_at,
        "ends_at": gathering.ends_at,
        "capacity": gathering.capacity,
        "place": gathering.place,
        "online_url": gathering.online_url,
        "agenda": gathering.agenda,
        "region": gathering.region,
    }
    fields.update(changes)
    return GatheringInput(**fields)


def ics_of(message: Any) -> tuple[list[str], str]:
    (_name, content, mimetype), *_rest = message.attachments
    return unfold(content.decode() if isinstance(content, bytes) else content), mimetype


@pytest.fixture
def invited(make_gathering: Any) -> tuple[Gathering, list[Invitation]]:
    """A return day with three invited: one yes, one pending, one no."""
    gathering = make_gathering(days=20)
    answers = [Response.YES, Response.PENDING, Response.NO]
    invitations = [
        InvitationFactory.create(gathering=gathering, ambassador=make_ambassador(), response=answer)
        for answer in answers
    ]
    return gathering, invitations


# --- item 11: change, cancel, remind -------------------------------------------------------------------------


def test_changing_the_time_sends_the_updated_calendar_entry_with_the_same_uid_and_a_higher_sequence(
    coordinator: Any, invited: tuple[Gathering, list[Invitation]], django_capture_on_commit_callbacks: Any
) -> None:
    gathering, invitations = invited
    later = gathering.starts_at + timedelta(days=2)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        changed = gathering_update(
            actor=coordinator,
            gathering=gathering,
            data=input_of(
                gathering, starts_at=later, ends_at=later + timedelta(hours=4), place="Zaal Oost, Amersfoort"
            ),
        )
    assert {"starts_at", "place"} <= set(changed)
    declined = invitations[2].ambassador.user.email
    assert sorted(m.to[0] for m in mail.outbox) == sorted(i.ambassador.user.email for i in invitations[:2])
    assert declined not in [m.to[0] for m in mail.outbox]  # who said no is not bothered
    lines, mimetype = ics_of(mail.outbox[0])
    assert "method=PUBLISH" in mimetype and "METHOD:PUBLISH" in lines
    assert "SEQUENCE:1" in lines and "LOCATION:Zaal Oost\\, Amersfoort" in lines
    assert f"UID:network-gathering-{gathering.pk}@" in " ".join(lines)
    assert "Werving" not in " ".join(lines)  # the file says it comes from Klankbord, not from recruitment
    gathering.refresh_from_db()
    assert gathering.sequence == 1
    assert AuditEntry.objects.filter(action="network.gathering.updated").count() == 1


def test_changing_only_the_capacity_tells_nobody_and_capacity_cannot_drop_below_the_yes_answers(
    coordinator: Any, invited: tuple[Gathering, list[Invitation]], django_capture_on_commit_callbacks: Any
) -> None:
    gathering, _invitations = invited
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert gathering_update(actor=coordinator, gathering=gathering, data=input_of(gathering, capacity=30))
    assert mail.outbox == []
    with raises_domain_error("capacity"):
        gathering_update(actor=coordinator, gathering=gathering, data=input_of(gathering, capacity=0))


def test_cancelling_sends_a_cancel_message_and_closes_the_gathering(
    coordinator: Any, invited: tuple[Gathering, list[Invitation]], django_capture_on_commit_callbacks: Any
) -> None:
    gathering, invitations = invited
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert gathering_cancel(actor=coordinator, gathering=gathering) == 2
    lines, mimetype = ics_of(mail.outbox[0])
    assert "method=CANCEL" in mimetype
    assert "METHOD:CANCEL" in lines and "STATUS:CANCELLED" in lines and "SEQUENCE:1" in lines
    with raises_domain_error("cancelled"):
        gathering_update(actor=coordinator, gathering=gathering, data=input_of(gathering, title="Nieuw"))
    with raises_domain_error("cancelled"):
        invitation_respond(actor=invitations[1].ambassador.user, invitation=invitations[1], answer="yes")


def test_the_pages_change_and_cancel_with_a_confirmation(
    client_for: Any, coordinator: Any, invited: tuple[Gathering, list[Invitation]]
) -> None:
    gathering, _invitations = invited
    client = client_for(coordinator)
    edit = reverse("network:gathering_edit", kwargs={"pk": gathering.pk})
    page = client.get(edit).content.decode()
    assert gathering.title in page and 'name="kind"' in page and "disabled" in page
    day = (timezone.localdate(gathering.starts_at) + timedelta(days=1)).isoformat()
    data = {
        "title": "Terugkomdag (verplaatst)",
        "date": day,
        "start_time": "10:00",
        "end_time": "16:00",
        "place": "Amersfoort",
        "capacity": "40",
        "agenda": "Ochtend: ervaringen.",
    }
    assert client.post(edit, data).status_code == 302
    gathering.refresh_from_db()
    assert gathering.title == "Terugkomdag (verplaatst)" and gathering.place == "Amersfoort"
    cancel = reverse("network:gathering_cancel", kwargs={"pk": gathering.pk})
    confirm = client.post(cancel)
    assert confirm.status_code == 200 and "Bijeenkomst annuleren?" in confirm.content.decode()
    gathering.refresh_from_db()
    assert gathering.cancelled_at is None  # nothing happens without the confirmation
    assert client.post(cancel, {"confirmed": "1"}).status_code == 302
    gathering.refresh_from_db()
    assert gathering.is_cancelled


def test_the_invited_are_reminded_once_a_configurable_number_of_days_before(
    settings: Any,
    make_gathering: Any,
    invited: tuple[Gathering, list[Invitation]],
    django_capture_on_commit_callbacks: Any,
) -> None:
    gathering, _invitations = invited  # 20 days ahead
    settings.KLANKBORD_GATHERING_REMINDER_DAYS = 7
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert gathering_reminders_send() == 0
        assert gathering_reminders_send(now=gathering.starts_at - timedelta(days=6)) == 1
        assert gathering_reminders_send(now=gathering.starts_at - timedelta(days=5)) == 0
    assert len(mail.outbox) == 2 and all("Herinnering" in m.subject for m in mail.outbox)


# --- item 12: the pre-read pack for the invited ----------------------------------------------------------


def test_an_invited_ambassador_reads_the_pack_of_the_return_day(
    client_for: Any, ambassador: Any, invitation: Invitation, counsellor: Any, make_user: Any
) -> None:
    url = reverse("network:invitation_pack", kwargs={"pk": invitation.pk})
    response = client_for(ambassador).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Leesmap" in text
    assert client_for(counsellor).get(url).status_code == 403
    other = make_ambassador(user=make_user(RoleSlug.AMBASSADOR))
    assert client_for(other.user).get(url).status_code == 404  # not their invitation


def test_the_pack_names_the_last_month_its_tables_show(invitation: Invitation, settings: Any) -> None:
    from klankbord.network.pack import pack_context
    from klankbord.signals.selectors import published_granularity, window_end

    context = pack_context(invitation.gathering)
    assert context["until"] == window_end(published_granularity())
    assert all(trend.chart for trend in context["trends"])  # every table comes with its chart


# --- item 13: attendance on the day, yes-answers ticked ------------------------------------------------------


def test_attendance_is_taken_on_the_day_with_the_yes_answers_ticked(
    client_for: Any, coordinator: Any, invited: tuple[Gathering, list[Invitation]], time_machine: Any
) -> None:
    gathering, invitations = invited
    with raises_domain_error("early"):
        attendance_record(actor=coordinator, gathering=gathering, present_ids=set())
    morning = timezone.localtime(gathering.starts_at).replace(hour=7, minute=0)
    time_machine.move_to(morning)
    client = client_for(coordinator)
    page = client.get(reverse("network:gathering", kwargs={"pk": gathering.pk}))
    form = page.context["attendance_form"]
    assert form.initial["present"] == [invitations[0].pk]  # the yes, before anything is recorded
    assert attendance_record(actor=coordinator, gathering=gathering, present_ids={invitations[0].pk}) == 1


# --- item 10: the coordinator proposes a debrief or a pause; the counsellor holds the conversation ------------


def test_the_coordinator_proposes_a_debrief_that_reaches_the_counsellors_and_the_ambassador(
    client_for: Any,
    coordinator: Any,
    counsellor: Any,
    profile: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    from klankbord.network.models import DebriefRequest

    client = client_for(coordinator)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("network:propose_debrief", kwargs={"pk": profile.pk}))
    assert response.status_code == 302
    request = DebriefRequest.objects.get()
    assert request.reason == "coordinator" and request.proposed_by == coordinator and request.status == "open"
    assert sorted(m.to[0] for m in mail.outbox) == sorted([counsellor.email, profile.user.email])
    listing = client_for(counsellor).get(reverse("network:debriefs")).content.decode()
    assert "Voorgesteld door de coördinator" in listing
    with django_capture_on_commit_callbacks(execute=True):  # a second proposal while one is open adds nothing
        client.post(reverse("network:propose_debrief", kwargs={"pk": profile.pk}))
    assert DebriefRequest.objects.count() == 1
    post = client_for(coordinator).post(
        reverse("network:debrief_status", kwargs={"pk": request.pk}), {"status": "closed"}
    )
    assert post.status_code == 403  # the conversation and its status stay with the counsellor


def test_the_coordinator_proposes_a_pause_and_the_ambassador_decides(
    client_for: Any, coordinator: Any, profile: Any, ambassador: Any, django_capture_on_commit_callbacks: Any
) -> None:
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(coordinator).post(reverse("network:propose_pause", kwargs={"pk": profile.pk}))
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.status == "active"  # a proposal, not a decision
    (message,) = mail.outbox
    assert message.to == [profile.user.email] and "/netwerk/welzijn/" in message.body
    assert AuditEntry.objects.filter(action="network.pause.proposed").count() == 1
    assert (
        client_for(ambassador).post(reverse("network:propose_pause", kwargs={"pk": profile.pk})).status_code
        == 403
    )
