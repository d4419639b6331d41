"""Interviews: scheduling with an ICS invitation, cancelling, and the encrypted outcome notes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from klankbord.accounts.types import Actor, User
from klankbord.audit.services import audit_log
from klankbord.core.calendar import CalendarEvent, calendar
from klankbord.core.errors import DomainError
from klankbord.core.mail import mail_send

from ..constants import ApplicationStatus, InterviewMode, InterviewStatus
from ..models import Application, Interview
from ..permissions import can_conduct_interviews
from .procedure import status_change

HTTPS_URL = URLValidator(schemes=["https"])
ICS_MIMETYPE = "text/calendar; charset=utf-8; method={method}"


@dataclass(frozen=True)
class InterviewPlan:
    starts_at: datetime
    ends_at: datetime
    mode: str
    location: str = ""
    video_url: str = ""


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


def interview_calendar(interview: Interview, *, language: str = "nl") -> str:
    """The interview as an RFC 5545 calendar (text with CRLF line endings)."""
    host = urlsplit(settings.SITE_URL).hostname or "klankbord.invalid"
    with translation.override(language):
        summary = _("Selectiegesprek regioambassadeur (%(org)s)") % {"org": settings.KLANKBORD_ORG_NAME}
        video = interview.mode == InterviewMode.VIDEO
        location = _("Videogesprek") if video else interview.location
        description = _("Videolink: %(url)s") % {"url": interview.video_url} if video else ""
    event = CalendarEvent(
        uid=f"{interview.uid}@{host}",
        starts_at=interview.starts_at,
        ends_at=interview.ends_at,
        summary=summary,
        location=location,
        description=description,
        url=interview.video_url if video else "",
        sequence=interview.sequence,
        cancelled=interview.status == InterviewStatus.CANCELLED,
    )
    return calendar(event, stamp=timezone.now())


def _mail_context(interview: Interview, language: str) -> dict[str, str]:
    start, end = timezone.localtime(interview.starts_at), timezone.localtime(interview.ends_at)
    with translation.override(language):
        return {
            "date": formats.date_format(start, "l j F Y"),
            "time": f"{start:%H:%M}-{end:%H:%M}",
            "mode": str(InterviewMode(interview.mode).label),
            "location": interview.location if interview.mode == InterviewMode.IN_PERSON else "",
        }


def _send_calendar(interview: Interview, application: Application, template: str) -> None:
    language = application.language
    ics = interview_calendar(interview, language=language)
    method = "CANCEL" if interview.status == InterviewStatus.CANCELLED else "PUBLISH"
    mail_send(
        to=application.email,
        template=template,
        context=_mail_context(interview, language),
        language=language,
        attachments=[("uitnodiging.ics", ics, ICS_MIMETYPE.format(method=method))],
    )


@transaction.atomic
def interview_schedule(*, actor: User, application: Application, plan: InterviewPlan) -> Interview:
    """Plan an interview and send the applicant an invitation with the calendar file."""
    if not can_conduct_interviews(actor):
        raise PermissionDenied
    _check_plan(plan)
    application = Application.objects.select_for_update().get(pk=application.pk)
    status_change(application, ApplicationStatus.INTERVIEW)
    application.save(update_fields=["status", "procedure_ended_at", "retain_until"])
    interview = Interview.objects.create(application=application, scheduled_by=actor, **plan.__dict__)
    audit_log(
        actor=actor,
        action="recruitment.interview.scheduled",
        target=interview,
        data={"application": application.pk, "mode": plan.mode, "starts_at": plan.starts_at.isoformat()},
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
def interview_record_outcome(*, actor: Actor, interview: Interview, notes: str) -> Interview:
    """Store the (encrypted) notes of a held interview. Notes may be completed later; each save is audited."""
    if not can_conduct_interviews(actor):
        raise PermissionDenied
    if interview.status == InterviewStatus.CANCELLED:
        raise DomainError(_("Bij een geannuleerd gesprek hoort geen verslag."), code="cancelled")
    if not notes.strip():
        raise DomainError(_("Schrijf een kort verslag."), code="empty")
    interview.outcome_notes, interview.status = notes.strip(), InterviewStatus.HELD
    interview.outcome_recorded_at = timezone.now()
    interview.save(update_fields=["outcome_notes", "status", "outcome_recorded_at"])
    audit_log(actor=actor, action="recruitment.interview.outcome_recorded", target=interview)
    return interview
