"""The application and vacancy workflows as transition tables. Services call ``transition_check`` (applications)
or consult ``VACANCY_WORKFLOW`` before any change."""

from __future__ import annotations

from klankbord.core.workflow import Transition, Workflow, register

from .constants import ApplicationStatus as S
from .constants import VacancyStatus

_t = Transition.to

# The action of each row is its target status. Interview -> interview is a further interview round.
APPLICATION_WORKFLOW = register(
    Workflow(
        name="recruitment.application",
        states=S,
        initial=S.RECEIVED,
        transitions=(
            *(_t(S.RECEIVED, target) for target in (S.INTERVIEW, S.RESERVE, S.REJECTED, S.WITHDRAWN)),
            *(
                _t(S.INTERVIEW, target)
                for target in (S.INTERVIEW, S.ACCEPTED, S.RESERVE, S.REJECTED, S.WITHDRAWN)
            ),
            *(_t(S.RESERVE, target) for target in (S.INTERVIEW, S.ACCEPTED, S.REJECTED, S.WITHDRAWN)),
            *(_t(S.ACCEPTED, target) for target in (S.ONBOARDED, S.WITHDRAWN)),
            # Rejected, onboarded and withdrawn are final: no row starts there.
        ),
    )
)

CLOSE = "close"

# A vacancy is open until it is closed; closing is final (a new round is a new vacancy).
VACANCY_WORKFLOW = register(
    Workflow(
        name="recruitment.vacancy",
        states=VacancyStatus,
        initial=VacancyStatus.OPEN,
        transitions=(Transition(VacancyStatus.OPEN, CLOSE, VacancyStatus.CLOSED),),
    )
)

# Statuses in which the procedure is over for the applicant; the retention term runs from then.
ENDED = frozenset({S.RESERVE, S.REJECTED, S.ONBOARDED, S.WITHDRAWN})
# Statuses in which the committee still judges the applicant.
IN_SELECTION = frozenset({S.RECEIVED, S.INTERVIEW, S.RESERVE})


def can_transition(current: str, target: str) -> bool:
    return APPLICATION_WORKFLOW.can(current, target)


def transition_check(current: str, target: str) -> None:
    """Raise a ``DomainError`` (code ``invalid_transition``) unless the table allows the step."""
    APPLICATION_WORKFLOW.check(current, target)
