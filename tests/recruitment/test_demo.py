"""The demo seeder opens vacancies in thin regions and adds eight applicants in various stages, once."""

from __future__ import annotations

from typing import Any

import pytest

from klankbord.accounts import demo as accounts_demo
from klankbord.core.demo import DemoContext
from klankbord.recruitment import demo
from klankbord.recruitment.models import Application, Score, Vacancy

pytestmark = pytest.mark.django_db


def test_the_demo_is_varied_and_idempotent(django_capture_on_commit_callbacks: Any) -> None:
    context = DemoContext(write=lambda line: None)
    accounts_demo.seed(context)
    demo.seed(context)
    assert Vacancy.objects.filter(status="open").count() == demo.VACANCIES
    assert Application.objects.count() == len(demo.APPLICANTS)
    statuses = set(Application.objects.values_list("status", flat=True))
    assert {"received", "interview", "accepted", "reserve", "rejected"} <= statuses
    assert Score.objects.exists()
    counts = (Vacancy.objects.count(), Application.objects.count(), Score.objects.count())
    demo.seed(context)
    assert (Vacancy.objects.count(), Application.objects.count(), Score.objects.count()) == counts
