"""Test data for ambassadors and matching: profiles on real municipalities, reports with consent."""

from __future__ import annotations

import itertools
from datetime import timedelta
from typing import Any

from django.contrib.auth.models import Group
from django.utils import timezone

from klankbord.accounts.constants import RoleSlug
from klankbord.accounts.models import User
from klankbord.ambassadors.models import Ambassador, AmbassadorConflict, LeavePeriod
from klankbord.consent.constants import Decision, Method, Purpose
from klankbord.consent.models import ConsentRecord
from klankbord.geo.models import Municipality
from klankbord.matching.constants import AssignmentStatus
from klankbord.matching.models import Assignment
from klankbord.reports.constants import ReportStatus, SourceChannel
from klankbord.reports.models import Report

_numbers = itertools.count(1)


def municipality(name: str) -> Municipality:
    return Municipality.objects.get(name=name)


def ambassador_user(name: str | None = None) -> User:
    n = next(_numbers)
    user = User.objects.create_user(
        f"ambassadeur{n}@example.test", "x" * 16, display_name=name or f"Ambassadeur {n}"
    )
    user.groups.add(Group.objects.get(role__slug=RoleSlug.AMBASSADOR.value))
    return user


def make_ambassador(
    home: str = "Zeist", *, user: User | None = None, name: str | None = None, **fields: Any
) -> Ambassador:
    return Ambassador.objects.create(
        user=user or ambassador_user(name), home_municipality=municipality(home), **fields
    )


def make_report(
    home: str = "Utrecht", *, consent: bool = True, status: str = ReportStatus.MATCHING, **fields: Any
) -> Report:
    n = next(_numbers)
    report = Report.objects.create(
        reference=f"T-{n:06d}",
        source_channel=SourceChannel.ONLINE,
        first_response_due=timezone.localdate() + timedelta(days=2),
        municipality=municipality(home) if home else None,
        status=status,
        **fields,
    )
    if consent:
        grant(report)
    return report


def grant(
    report: Report, purpose: str = Purpose.CONNECT_AMBASSADOR, decision: str = Decision.GRANTED
) -> None:
    ConsentRecord.objects.create(report=report, purpose=purpose, decision=decision, method=Method.ONLINE)


def assign(
    ambassador: Ambassador, report: Report | None = None, status: str = AssignmentStatus.ACCEPTED
) -> Assignment:
    """An assignment made directly (setup only; the code under test uses the services)."""
    return Assignment.objects.create(
        report=report or make_report(consent=False), ambassador=ambassador, status=status
    )


def leave(ambassador: Ambassador, start_in_days: int, length_days: int) -> LeavePeriod:
    start = timezone.localdate() + timedelta(days=start_in_days)
    return LeavePeriod.objects.create(
        ambassador=ambassador, starts_on=start, ends_on=start + timedelta(days=length_days)
    )


def conflict(
    ambassador: Ambassador, *, municipality_name: str = "", name: str = "", kind: str = ""
) -> AmbassadorConflict:
    if municipality_name:
        return AmbassadorConflict.objects.create(
            ambassador=ambassador, kind="municipality", municipality=municipality(municipality_name)
        )
    return AmbassadorConflict.objects.create(ambassador=ambassador, kind=kind, name=name)
