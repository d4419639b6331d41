"""The network's two small state machines as transition tables: the answer to a gathering's invitation, and
a debrief request.

An invitation starts unanswered. "Yes" takes a place (``attend``) or, when the gathering is full, a place on
the waiting list (``queue``); someone already in or waiting who says yes again keeps their place, so those
rows are absent. "Maybe" and "no" can always be given, and a freed place goes to the longest-waiting
(``promote``). A debrief request is marked planned or closed by a counsellor, from any state.
"""

from __future__ import annotations

from klankbord.core.workflow import Transition, Workflow, register

from .constants import DebriefStatus, Response

ATTEND = "attend"
QUEUE = "queue"
MAYBE = "maybe"
DECLINE = "decline"
PROMOTE = "promote"

# The action each answer of the form asks for; a full gathering turns ``attend`` into ``queue``.
ANSWER_ACTIONS = {Response.YES: ATTEND, Response.MAYBE: MAYBE, Response.NO: DECLINE}

_NOT_IN = (Response.PENDING, Response.MAYBE, Response.NO)

INVITATION_WORKFLOW = register(
    Workflow(
        name="network.invitation",
        states=Response,
        initial=Response.PENDING,
        transitions=(
            *(Transition(source, ATTEND, Response.YES) for source in _NOT_IN),
            *(Transition(source, QUEUE, Response.WAITLIST) for source in _NOT_IN),
            *(Transition(source, MAYBE, Response.MAYBE) for source in Response.values),
            *(Transition(source, DECLINE, Response.NO) for source in Response.values),
            Transition(Response.WAITLIST, PROMOTE, Response.YES),
        ),
    )
)

# The action of each row is its target status.
DEBRIEF_WORKFLOW = register(
    Workflow(
        name="network.debrief",
        states=DebriefStatus,
        initial=DebriefStatus.OPEN,
        transitions=tuple(
            Transition.to(source, target)
            for source in DebriefStatus.values
            for target in (DebriefStatus.PLANNED, DebriefStatus.CLOSED)
        ),
    )
)
