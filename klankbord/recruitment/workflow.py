"""The application workflow as a transition table. Services call ``transition_check`` before any change."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .constants import ApplicationStatus as S

TRANSITIONS: dict[str, frozenset[str]] = {
    S.RECEIVED: frozenset({S.INTERVIEW, S.RESERVE, S.REJECTED, S.WITHDRAWN}),
    S.INTERVIEW: frozenset({S.INTERVIEW, S.ACCEPTED, S.RESERVE, S.REJECTED, S.WITHDRAWN}),
    S.RESERVE: frozenset({S.INTERVIEW, S.ACCEPTED, S.REJECTED, S.WITHDRAWN}),
    S.ACCEPTED: frozenset({S.ONBOARDED, S.WITHDRAWN}),
    S.REJECTED: frozenset(),
    S.ONBOARDED: frozenset(),
    S.WITHDRAWN: frozenset(),
}

# Statuses in which the procedure is over for the applicant; the retention term runs from then.
ENDED = frozenset({S.RESERVE, S.REJECTED, S.ONBOARDED, S.WITHDRAWN})
# Statuses in which the committee still judges the applicant.
IN_SELECTION = frozenset({S.RECEIVED, S.INTERVIEW, S.RESERVE})


def can_transition(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, frozenset())


def transition_check(current: str, target: str) -> None:
    if not can_transition(current, target):
        raise ValidationError(
            _("Deze stap kan niet vanuit de status ‘%(current)s’.") % {"current": S(current).label},
            code="invalid_transition",
        )
