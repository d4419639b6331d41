"""Assignments as a test's starting state (the code under test makes them through the matching services)."""

from __future__ import annotations

import factory

from klankbord.ambassadors.models import Ambassador
from klankbord.matching.constants import AssignmentStatus
from klankbord.matching.models import Assignment
from klankbord.reports.models import Report
from tests.factories.ambassadors import AmbassadorFactory
from tests.factories.reports import ReportFactory


class AssignmentFactory(factory.django.DjangoModelFactory[Assignment]):
    class Meta:
        model = Assignment

    report = factory.SubFactory(ReportFactory, consent=False)
    ambassador = factory.SubFactory(AmbassadorFactory)
    status = AssignmentStatus.ACCEPTED


def assign(
    ambassador: Ambassador, report: Report | None = None, status: str = AssignmentStatus.ACCEPTED
) -> Assignment:
    if report is None:
        return AssignmentFactory.create(ambassador=ambassador, status=status)
    return AssignmentFactory.create(ambassador=ambassador, report=report, status=status)
