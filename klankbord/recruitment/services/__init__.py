"""Recruitment's public face: every write goes through one of these services."""

from .applications import (
    ApplicantData,
    application_cv_read,
    application_submit,
    application_withdraw,
    applications_exported,
    office_recipients,
    pending_upload_get,
    pending_upload_store,
    pending_upload_take,
)
from .decisions import application_decide
from .interviews import (
    InterviewPlan,
    interview_calendar,
    interview_cancel,
    interview_record_outcome,
    interview_schedule,
)
from .onboarding import Checklist, onboarding_complete, onboarding_update, set_password_path
from .retention import PurgeResult, applications_purge, pending_uploads_purge
from .selection import conflict_declare, score_submit
from .vacancies import coverage_target_set, vacancy_close, vacancy_open

__all__ = [
    "ApplicantData",
    "Checklist",
    "InterviewPlan",
    "PurgeResult",
    "application_cv_read",
    "application_decide",
    "application_submit",
    "application_withdraw",
    "applications_exported",
    "applications_purge",
    "conflict_declare",
    "coverage_target_set",
    "interview_calendar",
    "interview_cancel",
    "interview_record_outcome",
    "interview_schedule",
    "office_recipients",
    "onboarding_complete",
    "onboarding_update",
    "pending_upload_get",
    "pending_upload_store",
    "pending_upload_take",
    "pending_uploads_purge",
    "score_submit",
    "set_password_path",
    "vacancy_close",
    "vacancy_open",
]
