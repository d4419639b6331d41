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
from .decisions import (
    application_decision_confirm,
    application_decision_propose,
    application_decision_withdraw,
    panel_members_pending,
)
from .interviews import (
    InterviewPlan,
    interview_calendar,
    interview_cancel,
    interview_record_outcome,
    interview_schedule,
)
from .onboarding import (
    Checklist,
    VogReminders,
    onboarding_complete,
    onboarding_update,
    set_password_path,
    vog_reminders_send,
    vog_valid_until,
)
from .retention import PurgeResult, applications_purge, pending_uploads_purge
from .selection import conflict_declare, score_submit
from .vacancies import (
    coverage_target_set,
    time_guidance_set,
    vacancy_close,
    vacancy_close_when_filled,
    vacancy_open,
)

__all__ = [
    "ApplicantData",
    "Checklist",
    "InterviewPlan",
    "PurgeResult",
    "VogReminders",
    "application_cv_read",
    "application_decision_confirm",
    "application_decision_propose",
    "application_decision_withdraw",
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
    "panel_members_pending",
    "pending_upload_get",
    "pending_upload_store",
    "pending_upload_take",
    "pending_uploads_purge",
    "score_submit",
    "set_password_path",
    "time_guidance_set",
    "vacancy_close",
    "vacancy_close_when_filled",
    "vacancy_open",
    "vog_reminders_send",
    "vog_valid_until",
]
