"""Interviews with an ICS invitation, decisions with templated mails, onboarding into a working account."""

from __future__ import annotations

import re
from datetime import UTC, timedelta
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from klankbord.accounts.constants import RoleSlug
from klankbord.accounts.services import role_grant_confirm
from klankbord.ambassadors.models import Ambassador
from klankbord.audit.models import AuditEntry
from klankbord.geo.models import Region
from klankbord.geo.selectors import active_scheme, region_of
from klankbord.recruitment import services
from klankbord.recruitment.models import Application, Interview
from tests.factories.calendars import properties, unfold
from tests.factories.core import raises_domain_error
from tests.factories.recruitment import MakeApplication, decide, hold, score

pytestmark = pytest.mark.django_db


def plan(**overrides: Any) -> services.InterviewPlan:
    start = (timezone.now() + timedelta(days=7)).replace(microsecond=0)
    fields: dict[str, Any] = {
        "starts_at": start,
        "ends_at": start + timedelta(hours=1),
        "mode": "in_person",
        "location": "Bureau NVR, Den Haag",
    }
    fields.update(overrides)
    return services.InterviewPlan(**fields)


def schedule(actor: Any, application: Application, **overrides: Any) -> Interview:
    return services.interview_schedule(actor=actor, application=application, plan=plan(**overrides))


def held_interview(actor: Any, application: Application) -> Interview:
    return hold(actor, schedule(actor, application))


def ics_of(message: Any) -> str:
    (filename, content, mimetype), *_rest = message.attachments
    assert filename.endswith(".ics") and mimetype.startswith("text/calendar")
    return content.decode() if isinstance(content, bytes) else content


def test_the_invitation_mail_carries_a_valid_ics_file(
    application: Application, coordinator: Any, django_capture_on_commit_callbacks: Any
) -> None:
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        interview = schedule(coordinator, application)
    (message,) = mail.outbox
    assert message.to == [application.email]
    assert "Bureau NVR, Den Haag" in message.body
    text = ics_of(message)
    props = properties(text)
    assert props["UID"].startswith(str(interview.uid))
    assert props["DTSTART"] == interview.starts_at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    assert props["LOCATION"] == "Bureau NVR\\, Den Haag"
    assert unfold(text)[0] == "BEGIN:VCALENDAR"
    application.refresh_from_db()
    assert application.status == "interview"


def test_a_video_interview_puts_the_link_only_in_the_calendar_file(
    application: Application, coordinator: Any, django_capture_on_commit_callbacks: Any
) -> None:
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        schedule(coordinator, application, mode="video", location="", video_url="https://meet.example/abc")
    (message,) = mail.outbox
    assert "https://meet.example/abc" not in message.body
    assert properties(ics_of(message))["URL"] == "https://meet.example/abc"


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"mode": "in_person", "location": ""}, "location"),
        ({"mode": "video", "location": "", "video_url": "http://insecure.example"}, "video_url"),
        ({"starts_at": timezone.now() - timedelta(days=1), "ends_at": timezone.now()}, "past"),
    ],
)
def test_an_incomplete_plan_is_refused(
    application: Application, coordinator: Any, overrides: dict[str, Any], code: str
) -> None:
    with raises_domain_error(code):
        schedule(coordinator, application, **overrides)


def test_cancelling_sends_a_cancellation_with_the_same_uid(
    application: Application, coordinator: Any, django_capture_on_commit_callbacks: Any
) -> None:
    interview = schedule(coordinator, application)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.interview_cancel(actor=coordinator, interview=interview)
    props = properties(ics_of(mail.outbox[0]))
    assert (
        props["METHOD"] == "CANCEL"
        and props["SEQUENCE"] == "1"
        and props["UID"].startswith(str(interview.uid))
    )


def test_outcome_notes_are_encrypted(application: Application, coordinator: Any) -> None:
    from django.db import connection

    interview = held_interview(coordinator, application)
    with connection.cursor() as cursor:
        cursor.execute("SELECT outcome_notes FROM recruitment_interview WHERE id = %s", [interview.pk])
        assert "Sterk" not in cursor.fetchone()[0]
    interview.refresh_from_db()
    assert interview.outcome_notes == "Sterk gesprek." and interview.status == "held"


def test_the_interview_form_schedules_and_keeps_input_on_errors(
    client_for: Any, application: Application, selection_member: Any
) -> None:
    client = client_for(selection_member)
    url = reverse("recruitment:interview_new", kwargs={"pk": application.pk})
    day = (timezone.localdate() + timedelta(days=5)).isoformat()
    data = {
        "interview-day": day,
        "interview-start": "14:00",
        "interview-end": "15:00",
        "interview-mode": "in_person",
    }
    response = client.post(url, data)
    assert response.status_code == 400 and "Vul het adres" in response.content.decode()
    assert day in response.content.decode()
    response = client.post(url, {**data, "interview-location": "Stadhuis Lelystad"})
    assert response.status_code == 302
    interview = Interview.objects.get()
    assert timezone.localtime(interview.starts_at).hour == 14
    ics = client.get(reverse("recruitment:interview_ics", kwargs={"pk": interview.pk}))
    assert ics["Content-Type"].startswith("text/calendar") and b"BEGIN:VEVENT" in ics.content


def test_accepting_needs_a_held_interview(application: Application, coordinator: Any) -> None:
    with raises_domain_error("no_interview"):
        decide(coordinator, application, "accepted")
    schedule(coordinator, application)
    with raises_domain_error("no_interview"):
        decide(coordinator, application, "accepted")


def test_rejection_ends_the_procedure_and_starts_the_short_term(
    application: Application, coordinator: Any, django_capture_on_commit_callbacks: Any
) -> None:
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decide(coordinator, application, "rejected")
    application.refresh_from_db()
    assert application.status == "rejected" and application.procedure_ended_at is not None
    assert application.retain_until == application.procedure_ended_at + timedelta(weeks=4)
    assert mail.outbox[0].subject == "Uw sollicitatie als regioambassadeur"
    with raises_domain_error("invalid_transition"):  # a final decision cannot be taken twice
        decide(coordinator, application, "reserve")


def test_reserve_with_consent_keeps_the_data_a_year_and_mails_in_english(
    make_application: MakeApplication, coordinator: Any, django_capture_on_commit_callbacks: Any
) -> None:
    application = make_application(consent_keep=True, language="en")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decide(coordinator, application, "reserve")
    application.refresh_from_db()
    assert application.retain_until == application.procedure_ended_at + timedelta(days=365)
    assert "reserve list" in mail.outbox[0].subject


def test_a_reserve_candidate_can_be_invited_again_and_the_term_stops(
    make_application: MakeApplication, coordinator: Any
) -> None:
    application = make_application()
    decide(coordinator, application, "reserve")
    schedule(coordinator, application)
    application.refresh_from_db()
    assert application.status == "interview" and application.retain_until is None


def accept(coordinator: Any, application: Application) -> Application:
    held_interview(coordinator, application)
    return decide(coordinator, application, "accepted")


def tick_all(coordinator: Any, application: Application, regions: list[Region]) -> None:
    checklist = services.Checklist(
        vog_issued_on=timezone.localdate(),
        pledge_signed_on=timezone.localdate(),
        training_followed=True,
        regions=regions,
        capacity=3,
    )
    services.onboarding_update(actor=coordinator, onboarding=application.onboarding, checklist=checklist)


def test_onboarding_needs_the_whole_checklist(
    application: Application, coordinator: Any, region: Region
) -> None:
    accept(coordinator, application)
    with raises_domain_error("incomplete"):
        services.onboarding_complete(actor=coordinator, application=application)
    checklist = services.Checklist(
        vog_issued_on=timezone.localdate(),
        pledge_signed_on=None,
        training_followed=True,
        regions=[region],
        capacity=2,
    )
    services.onboarding_update(actor=coordinator, onboarding=application.onboarding, checklist=checklist)
    with raises_domain_error("incomplete"):
        services.onboarding_complete(actor=coordinator, application=application)


def test_onboarding_creates_a_passwordless_ambassador_with_the_application_data(
    application: Application, coordinator: Any, selection_member: Any, django_capture_on_commit_callbacks: Any
) -> None:
    score(selection_member, application, neutral=5, empathy=3)
    accept(coordinator, application)
    home = region_of(application.home_municipality)
    extra = Region.objects.filter(scheme=active_scheme()).exclude(pk=home.pk).first()
    tick_all(coordinator, application, [home, extra])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        user = services.onboarding_complete(actor=coordinator, application=application)
    assert user.email == application.email and not user.has_usable_password()
    # The ambassador role opens case data: it waits for a second person's confirmation (four eyes).
    assert not user.groups.filter(role__slug=RoleSlug.AMBASSADOR).exists()
    assert user.role_grants.get().role.slug == RoleSlug.AMBASSADOR
    assert EmailAddress.objects.get(user=user).verified
    profile = Ambassador.objects.get(user=user)
    assert profile.home_municipality == application.home_municipality
    assert profile.score_neutral == 5 and profile.score_empathy == 3 and profile.score_local_government == 3
    assert profile.years_council_member == 8 and profile.capacity == 3
    assert list(profile.extra_regions.all()) == [extra]
    application.refresh_from_db()
    assert application.status == "onboarded" and application.retain_until is not None
    assert AuditEntry.objects.filter(action="recruitment.onboarding.completed").exists()
    (message,) = mail.outbox
    assert re.search(r"/accounts/password/reset/key/\S+", message.body)


def test_the_set_password_link_leads_to_a_login_that_demands_mfa(
    application: Application,
    coordinator: Any,
    administrator: Any,
    region: Region,
    django_capture_on_commit_callbacks: Any,
) -> None:
    accept(coordinator, application)
    tick_all(coordinator, application, [region])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        user = services.onboarding_complete(actor=coordinator, application=application)
    role_grant_confirm(actor=administrator, grant=user.role_grants.get())  # the second pair of eyes
    mail.outbox[:] = [message for message in mail.outbox if message.to == [application.email]]
    path = re.search(r"(/accounts/password/reset/key/\S+)", mail.outbox[0].body).group(1)
    client = Client()
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    password = "een-lang-en-sterk-wachtwoord-2026"
    done = client.post(form_page.redirect_chain[-1][0], {"password1": password, "password2": password})
    assert done.status_code == 302
    login = client.post(reverse("account_login"), {"login": application.email, "password": password})
    assert login.status_code == 302
    dashboard = client.get(reverse("core:dashboard"))
    assert dashboard.status_code == 302 and dashboard["Location"].startswith(reverse("mfa_activate_totp"))


def test_an_existing_account_gets_the_ambassador_role_instead(
    make_application: MakeApplication,
    coordinator: Any,
    council_member: Any,
    region: Region,
    django_capture_on_commit_callbacks: Any,
) -> None:
    application = make_application(email=council_member.email)
    accept(coordinator, application)
    tick_all(coordinator, application, [region])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        user = services.onboarding_complete(actor=coordinator, application=application)
    assert user.pk == council_member.pk
    assert user.role_grants.get(status="pending").role.slug == RoleSlug.AMBASSADOR  # four eyes
    assert "reset/key" not in mail.outbox[0].body
