"""Recruitment models: coverage targets, vacancies, applications, the committee's work and onboarding."""

from .application import Application
from .coverage import CoverageTarget, TimeGuidance, Vacancy
from .selection import CommitteeConflict, Interview, Onboarding, Score

__all__ = [
    "Application",
    "CommitteeConflict",
    "CoverageTarget",
    "Interview",
    "Onboarding",
    "Score",
    "TimeGuidance",
    "Vacancy",
]
