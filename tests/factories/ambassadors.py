"""Ambassador profiles on real municipalities, with leave and conflicts of interest."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import factory
from django.utils import timezone

from klankbord.accounts.constants import RoleSlug
from klankbord.accounts.models import User
from klankbord.ambassadors.models import Ambassador, AmbassadorConflict, LeavePeriod
from tests.factories.accounts import UserFactory
from tests.factories.geo import municipality


class AmbassadorUserFactory(UserFactory):
    """The account behind a profile: the ambassador role, no verified address, no MFA."""

    class Params:
        role = RoleSlug.AMBASSADOR
        email_verified = False

    email = factory.LazyAttributeSequence(lambda _user, n: f"ambassadeur{n + 1}@example.test")
    display_name = factory.LazyAttributeSequence(lambda _user, n: f"Ambassadeur {n + 1}")


class AmbassadorFactory(factory.django.DjangoModelFactory[Ambassador]):
    class Meta:
        model = Ambassador

    user = factory.SubFactory(AmbassadorUserFactory)
    home_municipality = factory.LazyFunction(lambda: municipality("Zeist"))


class LeavePeriodFactory(factory.django.DjangoModelFactory[LeavePeriod]):
    class Meta:
        model = LeavePeriod

    class Params:
        start_in_days = 0
        length_days = 7

    ambassador = factory.SubFactory(AmbassadorFactory)
    starts_on = factory.LazyAttribute(lambda o: timezone.localdate() + timedelta(days=o.start_in_days))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + timedelta(days=o.length_days))


class AmbassadorConflictFactory(factory.django.DjangoModelFactory[AmbassadorConflict]):
    class Meta:
        model = AmbassadorConflict

    class Params:
        in_municipality = factory.Trait(kind="municipality", name="")

    ambassador = factory.SubFactory(AmbassadorFactory)
    kind = ""
    name = ""


def make_ambassador(
    home: str = "Zeist", *, user: User | None = None, name: str | None = None, **fields: Any
) -> Ambassador:
    """A profile living in ``home``; for ``user`` or a new ambassador account (called ``name``)."""
    if user is None:
        user = AmbassadorUserFactory.create(**({"display_name": name} if name else {}))
    return AmbassadorFactory.create(user=user, home_municipality=municipality(home), **fields)


def leave(ambassador: Ambassador, start_in_days: int, length_days: int) -> LeavePeriod:
    return LeavePeriodFactory.create(
        ambassador=ambassador, start_in_days=start_in_days, length_days=length_days
    )


def conflict(
    ambassador: Ambassador, *, municipality_name: str = "", name: str = "", kind: str = ""
) -> AmbassadorConflict:
    if municipality_name:
        return AmbassadorConflictFactory.create(
            ambassador=ambassador, in_municipality=True, municipality=municipality(municipality_name)
        )
    return AmbassadorConflictFactory.create(ambassador=ambassador, kind=kind, name=name)
