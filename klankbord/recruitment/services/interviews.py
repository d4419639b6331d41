"""Interviews: scheduling with a panel and an ICS invitation for everyone on it, cancelling, and the encrypted
outcome notes (recorded only once the interview has taken place)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from klankbord.accounts.types import Actor, User
from klankbord.audit.services import audit_log
from klankbord.core.calendar import CalendarEvent, Person, calendar, ics_content_type
from klankbord.core.errors import DomainError
from klankbord.core.mail import mail_send

from ..constants import ApplicationStatus, InterviewMode, InterviewStatus
from ..models import Application, CommitteeConflict, Interview
from ..permissions import can_conduct_interviews, is_scorer
from .procedure import status_change

HTTPS_URL = URLValidator(schemes=["https"])


@dataclass(frozen=True)
class InterviewPlan:
    starts_at: datetime
    ends_at: datetime
    mode: str
    location: str = ""
    video_url: str = ""
    panel: tuple[User, ...] = field(default=())


def _check_plan(plan: InterviewPlan) -> None:
    if plan.ends_at <= plan.starts_at:
        raise DomainError(_("Het gesprek moet eindigen na het begin."), code="order")
    if plan.starts_at < timezone.now():
        raise DomainError(_("Het gesprek kan niet in het verleden worden gepland."), code="past")
    if plan.mode == InterviewMode.IN_PERSON and not plan.location.strip():
        raise DomainError(_("Vul het adres van het gesprek in."), code="location")
    if plan.mode == InterviewMode.VIDEO:
        try:
            HTTPS_URL(plan.video_url)
        except ValidationError as error:
            raise DomainError(_("Vul een videolink in die begint met https://."), code="video_url") from error


def _check_panel(application: Application, panel: tuple[User, ...]) -> None:
    if not all(is_scorer(member) and member.is_active for member in panel):
        raise DomainError(_("Kies voor het panel alleen leden van de selectiecommissie."), code="panel")
    conflicted = CommitteeConflict.objects.filter(application=application, member__in=panel)
    if conflicted.exists():
        raise DomainError(
            _("Een lid met een belangenconflict bij deze kandidaat kan niet in het panel."),
            code="panel_conflict",
        )


def _people(interview: Interview) -> dict[str, object]:
    """Organizer and attendees of an interview with a panel (one query); none without a panel (PUBLISH)."""
    panel = list(interview.panel.order_by("pk"))
    if not panel:
        return {}
    application = interview.application
    attendees = [Person(email=application.email, name=application.name)]
    attendees += [
        Person(email=member.email, name=member.display_name or "") for member in panel if member.email
    ]
    organizer = Person(email=settings.DEFAULT_FROM_EMAIL, name=settings.KLANKBORD_ORG_NAME)
    return {"organizer": organizer, "attendees": tuple(attendees)}


def interview_event(interview: Interview, *, language: str = "nl") -> CalendarEvent:
    """The interview as a calendar event. With a panel it is an iTIP REQUEST (or CANCEL) naming the association
    as organizer and the candidate and every panel member as attendees."""
    host = urlsplit(settings.SITE_URL).hostname or "klankbord.invalid"
    with translation.override(language):
        summary = _("Selectiegesprek regioambassadeur (%(org)s)") % {"org": settings.KLANKBORD_ORG_NAME}
        video = interview.mode == InterviewMode.VIDEO
        location = _("Videogesprek") if video else interview.location
        description = _("Videolink: %(url)s") % {"url": interview.video_url} if video else ""
    return CalendarEvent(
        uid=f"{interview.uid}@{host}",
        starts_at=interview.starts_at,
        ends_at=interview.ends_at,
        summary=summary,
        location=location,
        description=description,
        url=interview.video_url if video else "",
        sequence=interview.sequence,
        cancelled=interview.status == InterviewStatus.CANCELLED,
        **_people(interview),  # type: ignore[arg-type]
    )


def interview_calendar(interview: Interview, *, language: str = "nl") -> str:
    """The interview as an RFC 5545 calendar (text with CRLF line endings)."""
    return calendar(interview_event(interview, language=language), stamp=timezone.now())


def _mail_context(interview: Interview, language: str) -> dict[str, str]:
    start, end = timezone.localtime(interview.starts_at), timezone.localtime(interview.ends_at)
    with translation.override(language):
        return {
            "date": formats.date_format(start, "l j F Y"),
            "time": f"{start:%H:%M}-{end:%H:%M}",
            "mode": str(InterviewMode(interview.mode).label),
            "location": interview.location if interview.mode == InterviewMode.IN_PERSON else "",
        }


def _attachment(interview: Interview, language: str) -> tuple[str, str, str]:
    event = interview_event(interview, language=language)
    return ("uitnodiging.ics", calendar(event, stamp=timezone.now()), ics_content_type(event.method))


def _send_calendar(interview: Interview, application: Application, template: str) -> None:
    """The candidate's mail and one for every panel member, each with the same calendar entry (same UID); the
    entry is written once per language, not once per recipient."""
    attachments: dict[str, tuple[str, str, str]] = {}

    def attachment(language: str) -> tuple[str, str, str]:
        if language not in attachments:
            attachments[language] = _attachment(interview, language)
        return attachments[language]

    language = application.language
    mail_send(
        to=application.email,
        template=template,
        context=_mail_context(interview, language),
        language=language,
        attachments=[attachment(language)],
    )
    path = reverse("recruitment:application", kwargs={"pk": application.pk})
    for member in interview.panel.filter(is_active=True).exclude(email="").order_by("pk"):
        member_language = getattr(member, "preferred_language", "nl") or "nl"
        mail_send(
            to=member.email,
            template=f"{template}_panel",
            context={**_mail_context(interview, member_language), "path": path},
            language=member_language,
            attachments=[attachment(member_language)],
            recipient_name=(member.display_name or "")[:100],
        )


@transaction.atomic
def interview_schedule(*, actor: User, application: Application, plan: InterviewPlan) -> Interview:
    """Plan an interview and send the applicant an invitation with the calendar file."""
    if not can_conduct_interviews(actor):
        raise PermissionDenied
    _check_plan(plan)
    application = Application.objects.select_for_update().get(pk=application.pk)
    _check_panel(application, plan.panel)
    status_change(application, ApplicationStatus.INTERVIEW)
    application.save(update_fields=["status", "procedure_ended_at", "retain_until"])
    fields = {name: value for name, value in plan.__dict__.items() if name != "panel"}
    interview = Interview.objects.create(application=application, scheduled_by=actor, **fields)
    interview.panel.set(plan.panel)
    audit_log(
        actor=actor,
        action="recruitment.interview.scheduled",
        target=interview,
        data={
            "application": application.pk,
            "mode": plan.mode,
            "starts_at": plan.starts_at.isoformat(),
            "panel": sorted(member.pk for member in plan.panel),
        },
    )
    _send_calendar(interview, application, "recruitment_interview_invitation")
    return interview


@transaction.atomic
def interview_cancel(*, actor: Actor, interview: Interview) -> Interview:
    """Cancel a planned interview; the applicant's calendar gets the cancellation (same UID, next SEQUENCE)."""
    if not can_conduct_interviews(actor):
        raise PermissionDenied
    if interview.status != InterviewStatus.PLANNED:
        raise DomainError(_("Alleen een gepland gesprek kan worden geannuleerd."), code="not_planned")
    interview.status, interview.sequence = InterviewStatus.CANCELLED, interview.sequence + 1
    interview.save(update_fields=["status", "sequence"])
    audit_log(actor=actor, action="recruitment.interview.cancelled", target=interview)
    _send_calendar(interview, interview.application, "recruitment_interview_cancelled")
    return interview


@transaction.atomic
def interview_record_outcome(*, actor: User, interview: Interview, notes: str) -> Interview:
    """Store the (encrypted) notes of a held interview. Notes may be completed later; each save is audited.

    An interview is held only once it has begun: a report for an interview still to come is refused, so a
    planned interview cannot be turned into a "held" one (the condition for a decision) ahead of time."""
    if not can_conduct_interviews(actor):
        raise PermissionDenied
    if interview.status == InterviewStatus.CANCELLED:
        raise DomainError(_("Bij een geannuleerd gesprek hoort geen verslag."), code="cancelled")
    if interview.starts_at > timezone.now():
        raise DomainError(
            _("Een verslag kan pas worden vastgelegd als het gesprek heeft plaatsgevonden."),
            code="not_yet_held",
        )
    if not notes.strip():
        raise DomainError(_("Schrijf een kort verslag."), code="empty")
    interview.outcome_notes, interview.status = notes.strip(), InterviewStatus.HELD
    interview.outcome_recorded_at, interview.outcome_recorded_by = timezone.now(), actor
    interview.save(update_fields=["outcome_notes", "status", "outcome_recorded_at", "outcome_recorded_by"])
    audit_log(actor=actor, action="recruitment.interview.outcome_recorded", target=interview)
    return interview
