"""What the network contributes to the role homes: the ambassador's coming gatherings and own load; the
coordinator's next gathering and load warnings. A fixed number of queries each."""

from __future__ import annotations

from typing import Any

from klankbord.ambassadors.selectors import ambassador_for_user

from .figures import loads
from .selectors import ambassadors_for_loads, next_gathering, open_debrief_count, upcoming_invitations_of


def ambassador_gatherings(user: Any) -> dict[str, Any] | None:
    ambassador = ambassador_for_user(user)
    if ambassador is None:
        return None
    return {"invitations": upcoming_invitations_of(ambassador=ambassador)}


def ambassador_load(user: Any) -> dict[str, Any] | None:
    ambassador = ambassador_for_user(user)
    if ambassador is None:
        return None
    return {"load": loads([ambassador])[0], "ambassador": ambassador}


def coordinator_next_gathering(user: Any) -> dict[str, Any]:
    return {"gathering": next_gathering()}


def coordinator_load_warnings(user: Any) -> dict[str, Any]:
    heavy = [load for load in loads(ambassadors_for_loads()) if load.over_threshold]
    return {"over": len(heavy), "debriefs": open_debrief_count()}
