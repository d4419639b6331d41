"""Gatherings (return days and the like) some days from now, and invitations to them."""

from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone

from klankbord.network.constants import GatheringKind
from klankbord.network.models import Gathering, Invitation
from tests.factories.ambassadors import AmbassadorFactory


class GatheringFactory(factory.django.DjangoModelFactory[Gathering]):
    """A six-hour return day ``days`` from now (negative: in the past)."""

    class Meta:
        model = Gathering

    class Params:
        days = 30

    kind = GatheringKind.RETURN_DAY
    title = "Terugkomdag"
    starts_at = factory.LazyAttribute(lambda o: timezone.now() + timedelta(days=o.days))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=6))
    place = "Utrecht"
    agenda = "Ontvangst; ervaringen; lunch"
    capacity = 10


class InvitationFactory(factory.django.DjangoModelFactory[Invitation]):
    class Meta:
        model = Invitation

    gathering = factory.SubFactory(GatheringFactory)
    ambassador = factory.SubFactory(AmbassadorFactory)
