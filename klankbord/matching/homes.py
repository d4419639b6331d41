"""What matching contributes to the counsellor's home: open cases whose ambassador paused or stopped."""

from __future__ import annotations

from typing import Any

from .selectors import assignments_to_reassign


def counsellor_reassignments(user: Any) -> dict[str, Any]:
    return {"assignments": list(assignments_to_reassign()[:5]), "count": assignments_to_reassign().count()}
