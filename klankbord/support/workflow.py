"""The life of an aftercare check-in as a transition table.

The case itself moves through the report workflow (``klankbord.reports.workflow``); support's own states are
those of a planned check-in: it is held (recorded) or lapses when the case goes back to support or ends.
"""

from __future__ import annotations

from klankbord.core.workflow import Transition, Workflow, register

from .constants import CheckInStatus as S

RECORD = "record"
CANCEL = "cancel"

CHECKIN_WORKFLOW = register(
    Workflow(
        name="support.checkin",
        states=S,
        initial=S.PLANNED,
        transitions=(
            Transition(S.PLANNED, RECORD, S.DONE),
            Transition(S.PLANNED, CANCEL, S.CANCELLED),
        ),
    )
)
