"""An ambassador's status as a transition table: a coordinator (or the ambassador, pausing themselves) may move
between active, paused and ended in any direction; an ended ambassador can come back. Setting the status an
ambassador already has is not a step (``ambassador_set_status`` leaves it alone)."""

from __future__ import annotations

from klankbord.core.workflow import Transition, Workflow, register

from .constants import AmbassadorStatus as S

# The action of each row is its target status.
AMBASSADOR_WORKFLOW = register(
    Workflow(
        name="ambassadors.ambassador",
        states=S,
        initial=S.ACTIVE,
        transitions=tuple(
            Transition.to(source, target) for source in S.values for target in S.values if source != target
        ),
    )
)
