"""Recruitment helpers: a selection committee member's scores (through the scoring service)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import factory
from django.utils import timezone

from klankbord.geo.models import Region
from klankbord.geo.selectors import active_scheme
from klankbord.recruitment import services
from klankbord.recruitment.models import Application, Interview, Vacancy
from tests.factories.geo import municipality

MakeApplication = Callable[..., Application]  # the ``make_application`` fixture of tests/recruitment

SCORES = {"neutral": 4, "integrity": 5, "experience": 3, "resilience": 4, "empathy": 5}


def score(user: Any, application: Application, **values: int) -> Any:
    """Score ``application`` as ``user`` would on the form: ``SCORES`` with ``values`` changed, and a yes."""
    return services.score_submit(
        actor=user, application=application, values={**SCORES, **values}, recommendation="yes"
    )


def decide(actor: Any, application: Application, decision: str) -> Application:
    """Propose ``decision`` and confirm it at once (the two steps of the decision service) as ``actor``."""
    services.application_decision_propose(actor=actor, application=application, decision=decision)
    return services.application_decision_confirm(actor=actor, application=application)


def took_place(interview: Interview) -> Interview:
    """The planned interview moved to yesterday, as if its time has passed (a report may now be recorded)."""
    yesterday = timezone.now() - timedelta(days=1)
    Interview.objects.filter(pk=interview.pk).update(
        starts_at=yesterday, ends_at=yesterday + timedelta(hours=1)
    )
    interview.refresh_from_db()
    return interview


def hold(actor: Any, interview: Interview, notes: str = "Sterk gesprek.") -> Interview:
    """The interview as if it took place yesterday, with its report recorded by ``actor``."""
    return services.interview_record_outcome(actor=actor, interview=took_place(interview), notes=notes)


def _first_region() -> Region:
    return Region.objects.filter(scheme=active_scheme()).order_by("name").first()  # type: ignore[return-value]


class VacancyFactory(factory.django.DjangoModelFactory[Vacancy]):
    class Meta:
        model = Vacancy
        django_get_or_create = ("region",)  # one open vacancy per region

    region = factory.LazyFunction(_first_region)
    positions = 2


class ApplicationFactory(factory.django.DjangoModelFactory[Application]):
    """An application as a starting state (rows only, no CV): for lists and homes that count them."""

    class Meta:
        model = Application

    vacancy = factory.SubFactory(VacancyFactory)
    name = factory.Sequence(lambda n: f"Kandidaat {n + 1}")
    email = factory.Sequence(lambda n: f"kandidaat{n + 1}@example.test")
    home_municipality = factory.LazyFunction(lambda: municipality("Utrecht"))
    background_kind = "council_member"
    background = "Acht jaar raadslid."
    motivation = "Ik wil collega’s steunen."
