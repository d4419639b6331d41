"""A report whose member consented, through the consent ledger, to what support needs."""

from __future__ import annotations

from typing import Any

from klankbord.consent.constants import Purpose, ShareableField
from klankbord.consent.services import consent_grant
from klankbord.reports.constants import ReportStatus
from klankbord.reports.models import Report
from tests.factories.reports import make_report

SECRET = "Hij stond weer voor mijn deur."  # the narrative; it must never show where consent does not reach


def consented_report(*, aftercare: bool = True, fields: list[str] | None = None, **extra: Any) -> Report:
    """A report in matching whose member consented through ``consent_grant`` (support checks the ledger)."""
    report = make_report("Utrecht", consent=False, status=ReportStatus.MATCHING, narrative=SECRET, **extra)
    consent_grant(report=report, purpose=Purpose.CONNECT_AMBASSADOR, actor=None)
    share = fields if fields is not None else [ShareableField.NARRATIVE, ShareableField.MUNICIPALITY]
    consent_grant(report=report, purpose=Purpose.SHARE_FIELDS, actor=None, fields=share)
    if aftercare:
        consent_grant(report=report, purpose=Purpose.AFTERCARE_CONTACT, actor=None)
    return report
