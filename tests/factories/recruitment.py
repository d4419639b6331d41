"""Recruitment helpers: a selection committee member's scores (through the scoring service)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import factory

from klankbord.geo.models import Region
from klankbord.geo.selectors import active_scheme
from klankbord.recruitment import services
from klankbord.recruitment.models import Application, Vacancy
from tests.factories.geo import municipality

MakeApplication = Callable[..., Application]  # the ``make_application`` fixture of tests/recruitment

SCORES = {"neutral": 4, "integrity": 5, "experience": 3, "resilience": 4, "empathy": 5}


def score(user: Any, application: Application, **values: int) -> Any:
    """Score ``application`` as ``user`` would on the form: ``SCORES`` with ``values`` changed, and a yes."""
    return services.score_submit(
        actor=user, application=application, values={**SCORES, **values}, recommendation="yes"
    )


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
