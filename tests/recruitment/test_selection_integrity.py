"""Selection integrity (issue 12, items 1-3 and 7): a panel on every interview, blind reports, decisions in two
steps that need the panel's judgement, and a decision mail that says what the applicant chose about their data."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from klankbord.accounts.constants import RoleSlug
from klankbord.audit.models import AuditEntry
from klankbord.recruitment import services
from klankbord.recruitment.models import Application, Interview
from tests.factories.calendars import unfold
from tests.factories.core import raises_domain_error
from tests.factories.recruitment import MakeApplication, decide, hold, score, took_place

pytestmark = pytest.mark.django_db


def plan(*panel: Any) -> services.InterviewPlan:
    start = (timezone.now() + timedelta(days=180)).replace(microsecond=0)
    return services.InterviewPlan(
        starts_at=start, ends_at=start + timedelta(hours=1), mode="in_person", location="Bureau", panel=panel
    )


@pytest.fixture
def panel(make_user: Any) -> list[Any]:
    return [
        make_user(RoleSlug.SELECTION_COMMITTEE, display_name=name) for name in ("Anna Panel", "Bert Panel")
    ]


def ics_lines(message: Any) -> list[str]:
    (_name, content, _mimetype), *_rest = message.attachments
    return unfold(content.decode() if isinstance(content, bytes) else content)


# --- item 1: a decision needs a held interview, the panel's judgement and a second look ----------------------


def test_a_report_for_an_interview_still_to_come_is_refused(
    application: Application, coordinator: Any
) -> None:
    interview = services.interview_schedule(actor=coordinator, application=application, plan=plan())
    with raises_domain_error("not_yet_held"):
        services.interview_record_outcome(actor=coordinator, interview=interview, notes="Gehouden?")
    interview.refresh_from_db()
    assert interview.status == "planned"
    with raises_domain_error("no_interview"):
        decide(coordinator, application, "accepted")


def test_a_decision_waits_for_every_panel_member_to_score_or_recuse_with_a_reason(
    application: Application, coordinator: Any, panel: list[Any]
) -> None:
    anna, bert = panel
    hold(
        coordinator,
        services.interview_schedule(actor=coordinator, application=application, plan=plan(*panel)),
    )
    with raises_domain_error("panel_incomplete"):  # nobody scored: zero scores cannot hire
        services.application_decision_propose(actor=coordinator, application=application, decision="accepted")
    score(anna, application)
    with raises_domain_error("panel_incomplete"):
        services.application_decision_propose(actor=coordinator, application=application, decision="rejected")
    with raises_domain_error("reason"):  # a panel member steps aside only with a reason
        services.conflict_declare(actor=bert, application=application, reason=" ")
    services.conflict_declare(actor=bert, application=application, reason="Oud-collega in dezelfde fractie.")
    proposed = services.application_decision_propose(
        actor=coordinator, application=application, decision="accepted"
    )
    assert proposed.proposed_decision == "accepted" and proposed.status == "interview"


def test_the_mail_leaves_only_on_confirmation_and_an_accidental_proposal_can_be_withdrawn(
    application: Application, coordinator: Any, django_capture_on_commit_callbacks: Any
) -> None:
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.application_decision_propose(actor=coordinator, application=application, decision="rejected")
    application.refresh_from_db()
    assert application.status == "received" and mail.outbox == []
    with raises_domain_error("reason"):
        services.application_decision_withdraw(actor=coordinator, application=application, reason="")
    services.application_decision_withdraw(
        actor=coordinator, application=application, reason="Verkeerde kandidaat"
    )
    application.refresh_from_db()
    assert application.proposed_decision == "" and application.status == "received"
    assert AuditEntry.objects.filter(action="recruitment.application.decision_withdrawn").count() == 1
    with raises_domain_error("not_proposed"):
        services.application_decision_confirm(actor=coordinator, application=application)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_decision_propose(actor=coordinator, application=application, decision="reserve")
        services.application_decision_confirm(actor=coordinator, application=application)
    application.refresh_from_db()
    assert application.status == "reserve" and len(mail.outbox) == 1


def test_the_decision_page_proposes_then_confirms(
    client_for: Any, coordinator: Any, application: Application, django_capture_on_commit_callbacks: Any
) -> None:
    client, url = client_for(coordinator), reverse("recruitment:decide", kwargs={"pk": application.pk})
    mail.outbox.clear()
    assert client.post(url, {"step": "propose", "decision-decision": "rejected"}).status_code == 302
    page = client.get(url).content.decode()
    assert "Besluit bevestigen en mailen" in page and mail.outbox == []
    response = client.post(url, {"step": "withdraw", "withdraw-reason": ""})
    assert response.status_code == 400 and "waarom het voorstel" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"step": "confirm"}).status_code == 302
    application.refresh_from_db()
    assert application.status == "rejected" and len(mail.outbox) == 1


# --- item 2: the panel gets the invitation and is on the calendar --------------------------------------------


def test_every_panel_member_gets_the_invitation_and_appears_on_the_calendar(
    application: Application, coordinator: Any, panel: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        interview = services.interview_schedule(actor=coordinator, application=application, plan=plan(*panel))
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [application.email, *(member.email for member in panel)]
    )
    for message in mail.outbox:
        lines = ics_lines(message)
        assert "METHOD:REQUEST" in lines
        assert any(line.startswith("ORGANIZER") for line in lines)
        attendees = [line for line in lines if line.startswith("ATTENDEE")]
        assert len(attendees) == 3 and all("RSVP=FALSE" in line for line in attendees)
        assert any('CN="Anna Panel"' in line and panel[0].email in line for line in attendees)
    uid = next(line for line in ics_lines(mail.outbox[0]) if line.startswith("UID:"))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.interview_cancel(actor=coordinator, interview=interview)
    assert len(mail.outbox) == 3
    for message in mail.outbox:
        lines = ics_lines(message)
        assert "METHOD:CANCEL" in lines and "SEQUENCE:1" in lines and uid in lines
        assert "STATUS:CANCELLED" in lines and len([x for x in lines if x.startswith("ATTENDEE")]) == 3


def test_only_committee_members_without_a_conflict_can_sit_on_the_panel(
    application: Application, coordinator: Any, panel: list[Any], counsellor: Any
) -> None:
    with raises_domain_error("panel"):
        services.interview_schedule(actor=coordinator, application=application, plan=plan(counsellor))
    services.conflict_declare(actor=panel[0], application=application, reason="Buurvrouw")
    with raises_domain_error("panel_conflict"):
        services.interview_schedule(actor=coordinator, application=application, plan=plan(*panel))
    assert not Interview.objects.exists()


def test_the_interview_form_offers_the_committee_as_panel(
    client_for: Any, coordinator: Any, application: Application, panel: list[Any]
) -> None:
    client = client_for(coordinator)
    url = reverse("recruitment:interview_new", kwargs={"pk": application.pk})
    assert "Anna Panel" in client.get(url).content.decode()
    day = (timezone.localdate() + timedelta(days=14)).isoformat()
    data = {
        "interview-day": day,
        "interview-start": "14:00",
        "interview-end": "15:00",
        "interview-mode": "in_person",
        "interview-location": "Stadhuis",
        "interview-panel": [str(member.pk) for member in panel],
    }
    assert client.post(url, data).status_code == 302
    assert set(Interview.objects.get().panel.all()) == set(panel)


# --- item 3: the report stays blind until the panel member scored ---------------------------------------------


def test_the_interview_report_is_hidden_from_a_panel_member_until_they_scored(
    client_for: Any, application: Application, coordinator: Any, panel: list[Any]
) -> None:
    anna = panel[0]
    interview = services.interview_schedule(actor=coordinator, application=application, plan=plan(*panel))
    hold(coordinator, interview, "Neutraal: sterk. Integer: twijfel over nevenfuncties.")
    client = client_for(anna)
    detail = reverse("recruitment:application", kwargs={"pk": application.pk})
    page = client.get(detail).content.decode()
    assert "twijfel over nevenfuncties" not in page and "nadat u uw eigen beoordeling" in page
    outcome = client.get(reverse("recruitment:interview_outcome", kwargs={"pk": interview.pk}))
    assert outcome.status_code == 302 and outcome["Location"] == detail
    score(anna, application)
    assert "twijfel over nevenfuncties" in client.get(detail).content.decode()
    assert "twijfel over nevenfuncties" in client_for(coordinator).get(detail).content.decode()


def test_a_panel_member_who_wrote_the_report_sees_it(
    client_for: Any, application: Application, coordinator: Any, panel: list[Any]
) -> None:
    anna = panel[0]
    interview = took_place(
        services.interview_schedule(actor=coordinator, application=application, plan=plan(*panel))
    )
    services.interview_record_outcome(actor=anna, interview=interview, notes="Mijn eigen aantekeningen.")
    page = client_for(anna).get(reverse("recruitment:application", kwargs={"pk": application.pk}))
    assert "Mijn eigen aantekeningen." in page.content.decode()


# --- item 7: the decision mail knows what the applicant chose ------------------------------------------------


@pytest.mark.parametrize(
    ("keep", "decision", "says"),
    [
        (False, "rejected", "U heeft niet ingestemd"),
        (True, "rejected", "U heeft ingestemd"),
        (False, "reserve", "U heeft niet ingestemd"),
        (True, "reserve", "U heeft ingestemd"),
    ],
)
def test_the_decision_mail_says_what_happens_to_the_data(
    make_application: MakeApplication,
    coordinator: Any,
    django_capture_on_commit_callbacks: Any,
    keep: bool,
    decision: str,
    says: str,
) -> None:
    application = make_application(consent_keep=keep)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decide(coordinator, application, decision)
    (message,) = mail.outbox
    assert says in message.body and "Heeft u ingestemd" not in message.body
    application.refresh_from_db()
    assert str(timezone.localtime(application.retain_until).year) in message.body
