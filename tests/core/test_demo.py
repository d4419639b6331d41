"""`klankbord demo` builds a realistic data set once and is safe to run again."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from klankbord.accounts.models import User
from klankbord.ambassadors.models import Ambassador
from klankbord.matching.models import Assignment
from klankbord.reports.constants import Category, ReportStatus
from klankbord.reports.models import Report

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, ...]:
    return (
        User.objects.count(),
        Report.objects.count(),
        Ambassador.objects.count(),
        Assignment.objects.count(),
    )


def test_the_demo_builds_a_realistic_data_set_and_running_it_again_adds_nothing() -> None:
    out = StringIO()
    call_command("demo", no_serve=True, stdout=out)
    printed = out.getvalue()
    assert "vertrouwenspersoon@demo.klankbord.example" in printed and "TOTP-geheim" in printed
    first = _counts()
    reports = Report.objects.all()
    assert 30 <= reports.count() <= 200  # the association's yearly volume
    verbal = sum(Category.VERBAL_AGGRESSION in r.categories for r in reports)
    violent = sum(Category.PHYSICAL_VIOLENCE in r.categories for r in reports)
    assert verbal > violent  # verbal aggression is by far the most common, physical violence rare
    assert reports.filter(status=ReportStatus.CLOSED).exists()
    assert reports.filter(status__in=[ReportStatus.IN_SUPPORT, ReportStatus.AFTERCARE]).exists()
    assert 20 <= Ambassador.objects.count() <= 40
    call_command("demo", no_serve=True, stdout=StringIO())
    assert _counts() == first
