"""Recruitment helpers: a selection committee member's scores (through the scoring service)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from klankbord.recruitment import services
from klankbord.recruitment.models import Application

MakeApplication = Callable[..., Application]  # the ``make_application`` fixture of tests/recruitment

SCORES = {"neutral": 4, "integrity": 5, "experience": 3, "resilience": 4, "empathy": 5}


def score(user: Any, application: Application, **values: int) -> Any:
    """Score ``application`` as ``user`` would on the form: ``SCORES`` with ``values`` changed, and a yes."""
    return services.score_submit(
        actor=user, application=application, values={**SCORES, **values}, recommendation="yes"
    )
