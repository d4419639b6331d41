"""The life of an assignment (a request to an ambassador) as a transition table.

A request is answered (accepted or declined) or lapses; a requested or accepted assignment ends when the case
closes, is withdrawn or is handed over. The services (``services`` and ``services.requests``) consult this table
before they change ``Assignment.status``; each keeps its own wording for a refusal.
"""

from __future__ import annotations

from klankbord.core.workflow import Transition, Workflow, register

from .constants import AssignmentStatus as S

ACCEPT = "accept"
DECLINE = "decline"
EXPIRE = "expire"
END = "end"

ASSIGNMENT_WORKFLOW = register(
    Workflow(
        name="matching.assignment",
        states=S,
        initial=S.REQUESTED,
        transitions=(
            Transition(S.REQUESTED, ACCEPT, S.ACCEPTED),
            Transition(S.REQUESTED, DECLINE, S.DECLINED),
            Transition(S.REQUESTED, EXPIRE, S.EXPIRED),
            Transition(S.REQUESTED, END, S.ENDED),
            Transition(S.ACCEPTED, END, S.ENDED),
        ),
    )
)
