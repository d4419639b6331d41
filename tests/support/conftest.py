"""Fixtures for support: an ambassador with a requested assignment on a report whose member consented."""

from __future__ import annotations

from typing import Any

import pytest

from klankbord.matching.models import Assignment
from klankbord.matching.services import assignment_confirm
from tests.factories.ambassadors import make_ambassador
from tests.factories.support import consented_report


@pytest.fixture
def profile(ambassador: Any) -> Any:
    return make_ambassador("Zeist", user=ambassador)


@pytest.fixture
def requested(profile: Any, counsellor: Any) -> Assignment:
    report = consented_report(contact_phone="0611111111", contact_email="lid@example.test")
    return assignment_confirm(actor=counsellor, report_id=report.pk, ambassador=profile)


@pytest.fixture
def accepted(requested: Assignment, ambassador: Any) -> Assignment:
    from klankbord.matching.services import assignment_accept

    return assignment_accept(actor=ambassador, assignment_id=requested.pk)
