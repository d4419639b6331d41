"""Demo gatherings: a national return day next spring and two regional intervisions, with some answers.

Idempotent: gatherings are found by title, invitations by (gathering, ambassador). Invitations are made
directly (no mail is sent by the demo).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from klankbord.ambassadors.constants import AmbassadorStatus
from klankbord.ambassadors.models import Ambassador
from klankbord.ambassadors.selectors import home_region_ids
from klankbord.core.demo import DemoContext
from klankbord.geo.models import Region
from klankbord.geo.selectors import active_scheme

from .constants import GatheringKind, Response
from .models import Gathering, Invitation
from .selectors import ambassadors_to_invite

RETURN_DAY_AGENDA = (
    "10:00 Ontvangst\n10:30 Wat zagen we dit jaar? (signalen, leesmap)\n11:30 Intervisie in groepjes\n"
    "13:00 Lunch\n14:00 Waar eindigt een stevig debat en begint intimidatie?\n15:30 Afsluiting"
)
ANSWERS = [Response.YES, Response.YES, Response.MAYBE, Response.NO, Response.YES, Response.PENDING]


def _next_spring(today: date) -> date:
    year = today.year if today < date(today.year, 3, 1) else today.year + 1
    return date(year, 4, 11)


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _gathering(title: str, **fields: object) -> Gathering:
    gathering, _created = Gathering.objects.get_or_create(title=title, defaults=fields)
    return gathering


def _invite(gathering: Gathering, ambassadors: list[Ambassador]) -> None:
    for n, ambassador in enumerate(ambassadors):
        answer = ANSWERS[n % len(ANSWERS)]
        Invitation.objects.get_or_create(
            gathering=gathering,
            ambassador=ambassador,
            defaults={
                "response": answer,
                "responded_at": None if answer == Response.PENDING else timezone.now(),
            },
        )


def _busiest_regions(count: int) -> list[Region]:
    scheme = active_scheme()
    active = Ambassador.objects.filter(status=AmbassadorStatus.ACTIVE)
    homes = home_region_ids(active.values_list("home_municipality_id", flat=True), scheme)
    tally: dict[int, int] = {}
    for municipality_id in active.values_list("home_municipality_id", flat=True):
        if municipality_id in homes:
            tally[homes[municipality_id]] = tally.get(homes[municipality_id], 0) + 1
    ranked = sorted(tally, key=lambda pk: (-tally[pk], pk))[:count]
    return list(Region.objects.filter(pk__in=ranked).order_by("name"))


def seed(context: DemoContext) -> None:
    if not Ambassador.objects.exists():
        context.write("  network: no ambassadors, skipped")
        return
    today = timezone.localdate()
    spring = _next_spring(today)
    return_day = _gathering(
        f"Landelijke terugkomdag {spring.year}",
        kind=GatheringKind.RETURN_DAY,
        starts_at=_at(spring, 10),
        ends_at=_at(spring, 16),
        place="Vergadercentrum, Utrecht",
        agenda=RETURN_DAY_AGENDA,
        capacity=40,
    )
    _invite(return_day, ambassadors_to_invite(region=None))
    for weeks, region in zip((3, 6), _busiest_regions(2), strict=False):
        day = today + timedelta(weeks=weeks)
        gathering = _gathering(
            f"Intervisie {region.name}",
            kind=GatheringKind.INTERVISION,
            region=region,
            starts_at=_at(day, 19, 30),
            ends_at=_at(day, 21, 30),
            online_url="https://vergaderen.example/intervisie",
            agenda="Casusbespreking volgens het incidentmodel; nieuwe ervaringen uit de regio.",
            capacity=8,
        )
        _invite(gathering, ambassadors_to_invite(region=region))
    context.write(
        f"  network: {Gathering.objects.count()} gatherings, {Invitation.objects.count()} invitations"
    )
