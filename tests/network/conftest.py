"""Fixtures for the network tests: ambassador profiles for the personas, gatherings in the future or past."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from klankbord.accounts.models import User
from klankbord.ambassadors.models import Ambassador
from klankbord.network.constants import GatheringKind
from klankbord.network.models import Gathering, Invitation
from tests.ambassadors.factories import make_ambassador


@pytest.fixture
def profile(ambassador: User) -> Ambassador:
    """The ``ambassador`` persona's own profile (home Zeist, province Utrecht)."""
    return make_ambassador("Zeist", user=ambassador)


MakeGathering = Callable[..., Gathering]


@pytest.fixture
def make_gathering(db: None) -> MakeGathering:
    def make(*, days: int = 30, capacity: int = 10, **fields: Any) -> Gathering:
        starts = timezone.now() + timedelta(days=days)
        defaults: dict[str, Any] = {
            "kind": GatheringKind.RETURN_DAY,
            "title": "Terugkomdag",
            "starts_at": starts,
            "ends_at": starts + timedelta(hours=6),
            "place": "Utrecht",
            "agenda": "Ontvangst; ervaringen; lunch",
            "capacity": capacity,
        }
        defaults.update(fields)
        return Gathering.objects.create(**defaults)

    return make


@pytest.fixture
def invitation(profile: Ambassador, make_gathering: MakeGathering) -> Invitation:
    return Invitation.objects.create(gathering=make_gathering(), ambassador=profile)
