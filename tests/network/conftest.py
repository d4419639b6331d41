"""Fixtures for the network tests: ambassador profiles for the personas, gatherings in the future or past."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from klankbord.accounts.models import User
from klankbord.ambassadors.models import Ambassador
from klankbord.network.models import Gathering, Invitation
from tests.factories.ambassadors import make_ambassador
from tests.factories.network import GatheringFactory, InvitationFactory


@pytest.fixture
def profile(ambassador: User) -> Ambassador:
    """The ``ambassador`` persona's own profile (home Zeist, province Utrecht)."""
    return make_ambassador("Zeist", user=ambassador)


MakeGathering = Callable[..., Gathering]


@pytest.fixture
def make_gathering(db: None) -> MakeGathering:
    """``make_gathering(days=30, capacity=10, **fields)``: a return day ``days`` from now."""

    def make(*, days: int = 30, capacity: int = 10, **fields: Any) -> Gathering:
        return GatheringFactory.create(days=days, capacity=capacity, **fields)

    return make


@pytest.fixture
def invitation(profile: Ambassador, make_gathering: MakeGathering) -> Invitation:
    return InvitationFactory.create(gathering=make_gathering(), ambassador=profile)
