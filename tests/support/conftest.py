"""Fixtures for support: an ambassador with a requested assignment on a report whose member consented."""

from __future__ import annotations

from typing import Any

import pytest

from klankbord.consent.constants import Purpose, ShareableField
from klankbord.consent.services import consent_grant
from klankbord.matching.models import Assignment
from klankbord.matching.services import assignment_confirm
from klankbord.reports.constants import ReportStatus
from tests.ambassadors.factories import make_ambassador, make_report

SECRET = "Hij stond weer voor mijn deur."


@pytest.fixture
def profile(ambassador: Any) -> Any:
    return make_ambassador("Zeist", user=ambassador)


def consented_report(*, aftercare: bool = True, fields: list[str] | None = None, **extra: Any) -> Any:
    report = make_report("Utrecht", consent=False, status=ReportStatus.MATCHING, narrative=SECRET, **extra)
    consent_grant(report=report, purpose=Purpose.CONNECT_AMBASSADOR, actor=None)
    share = fields if fields is not None else [ShareableField.NARRATIVE, ShareableField.MUNICIPALITY]
    consent_grant(report=report, purpose=Purpose.SHARE_FIELDS, actor=None, fields=share)
    if aftercare:
        consent_grant(report=report, purpose=Purpose.AFTERCARE_CONTACT, actor=None)
    return report


@pytest.fixture
def requested(profile: Any, counsellor: Any) -> Assignment:
    report = consented_report(contact_phone="0611111111", contact_email="lid@example.test")
    return assignment_confirm(actor=counsellor, report_id=report.pk, ambassador=profile)


@pytest.fixture
def accepted(requested: Assignment, ambassador: Any) -> Assignment:
    from klankbord.matching.requests import assignment_accept

    return assignment_accept(actor=ambassador, assignment_id=requested.pk)
