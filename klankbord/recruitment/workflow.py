"""The application workflow as a transition table. Services call ``transition_check`` before any change."""

from __future__ import annotations

from klankbord.core.workflow import Transition, Workflow, register

from .constants import ApplicationStatus as S

_t = Transition.to

# The action of each row is its target status. Interview -> interview is a further interview round.
WORKFLOW = register(
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

# Statuses in which the procedure is over for the applicant; the retention term runs from then.
ENDED = frozenset({S.RESERVE, S.REJECTED, S.ONBOARDED, S.WITHDRAWN})
# Statuses in which the committee still judges the applicant.
IN_SELECTION = frozenset({S.RECEIVED, S.INTERVIEW, S.RESERVE})


def can_transition(current: str, target: str) -> bool:
    return WORKFLOW.can(current, target)


def transition_check(current: str, target: str) -> None:
    """Raise a ``TransitionError`` (code ``invalid_transition``) unless the table allows the step."""
    WORKFLOW.check(current, target)
