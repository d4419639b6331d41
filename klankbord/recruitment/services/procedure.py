"""Small helpers every procedure step shares: the checked status change and the start of the retention term."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from ..constants import RETENTION_WITH_CONSENT, RETENTION_WITHOUT_CONSENT
from ..models import Application
from ..workflow import ENDED, transition_check


def retention_deadline(*, ended_at: datetime, consent_keep: bool) -> datetime:
    """One year after the procedure with consent to keep the data for later vacancies, else four weeks."""
    return ended_at + (RETENTION_WITH_CONSENT if consent_keep else RETENTION_WITHOUT_CONSENT)


def end_procedure(application: Application, *, now: datetime | None = None) -> None:
    now = now or timezone.now()
    application.procedure_ended_at = now
    application.retain_until = retention_deadline(ended_at=now, consent_keep=application.consent_keep)


def status_change(application: Application, target: str) -> None:
    """Move to ``target`` if the workflow allows it; a procedure that resumes (reserve -> interview) has no end."""
    transition_check(application.status, target)
    application.status = target
    if target not in ENDED:
        application.procedure_ended_at = application.retain_until = None
