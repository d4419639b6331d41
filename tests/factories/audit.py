"""The shape of the small world of confidential objects that ``tests/audit/conftest.py`` builds (``case_world``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from klankbord.messaging.models import Attachment
from klankbord.recruitment.models import Application
from klankbord.reports.models import Report
from klankbord.support.models import AftercareCheckIn


@dataclass(frozen=True)
class CaseWorld:
    counsellor: Any
    reporter: Any
    other_member: Any
    ambassador: Any  # accepted on ``supported``
    requested_ambassador: Any  # asked for ``waiting``
    other_ambassador: Any
    coordinator: Any
    conflicted_scorer: Any  # declared a conflict of interest for ``application``
    supported: Report
    waiting: Report
    attachment: Attachment
    application: Application
    kept_checkin: AftercareCheckIn  # of a case closed with aftercare going on, planned with ``ambassador``
