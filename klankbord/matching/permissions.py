"""Who may match. Access to the report itself is decided by the reports app's access selector."""

from __future__ import annotations

from typing import Any

MATCH_REPORT = "matching.match_report"  # the counsellor: see suggestions, confirm, reassign
VIEW_GAPS = "matching.view_coveragegap"  # the coordinator (recruitment): where ambassadors are lacking


def can_match(user: Any) -> bool:
    return bool(user.has_perm(MATCH_REPORT))
