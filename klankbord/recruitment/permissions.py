"""Recruitment permissions and the object rules built on them. Views ask these; templates get the answers.

- coverage and vacancies: ``manage_coverage`` (coordinator)
- applications: ``view_applications`` (coordinator, selection committee), except applicants for whom the member
  declared a conflict of interest
- scoring and conflicts: ``score_applications`` (selection committee); a scorer sees the others' scores of an
  applicant only after submitting their own (enforced in ``selectors.scores_for_user``)
- interviews: ``conduct_interviews``; decisions: ``decide_applications``; onboarding: ``onboard_ambassadors``
"""

from __future__ import annotations

from typing import Any

MANAGE_COVERAGE = "recruitment.manage_coverage"
VIEW_APPLICATIONS = "recruitment.view_applications"
SCORE_APPLICATIONS = "recruitment.score_applications"
CONDUCT_INTERVIEWS = "recruitment.conduct_interviews"
DECIDE_APPLICATIONS = "recruitment.decide_applications"
ONBOARD_AMBASSADORS = "recruitment.onboard_ambassadors"


def is_scorer(user: Any) -> bool:
    return bool(user.has_perm(SCORE_APPLICATIONS))


def can_conduct_interviews(user: Any) -> bool:
    return bool(user.has_perm(CONDUCT_INTERVIEWS))


def can_decide(user: Any) -> bool:
    return bool(user.has_perm(DECIDE_APPLICATIONS))


def can_onboard(user: Any) -> bool:
    return bool(user.has_perm(ONBOARD_AMBASSADORS))
