"""Carrying an accepted application into the ambassador profile, through klankbord.ambassadors' own services."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from klankbord.accounts.types import Actor, User
from klankbord.ambassadors.models import Ambassador
from klankbord.ambassadors.services import ambassador_create, ambassador_regions_set
from klankbord.geo.models import Region
from klankbord.geo.selectors import region_of

from ..models import Application

# recruitment's competence code -> the ambassador profile's score field
SCORE_FIELDS = {
    "neutral": "score_neutral",
    "integrity": "score_integrity",
    "experience": "score_local_government",
    "resilience": "score_resilience",
    "empathy": "score_empathy",
}
YEARS_FIELDS = ("years_council_member", "years_alderman", "years_mayor", "years_clerk")


def profile_data(
    *,
    application: Application,
    capacity: int,
    scores: dict[str, int],
    vog: tuple[date | None, date | None] = (None, None),
) -> dict[str, object]:
    """The profile fields that follow from the application: experience, committee scores, capacity, dates, and
    the VOG checked at onboarding (its issue date and the date by which it must be renewed)."""
    data: dict[str, object] = {name: getattr(application, name) for name in YEARS_FIELDS}
    data.update({SCORE_FIELDS[code]: value for code, value in scores.items()})
    data["capacity"] = capacity
    data["assessed_on"] = timezone.localdate(application.decided_at) if application.decided_at else None
    data["started_on"] = timezone.localdate()
    data["vog_issued_on"], data["vog_valid_until"] = vog
    return data


def ambassador_profile_create(
    *,
    actor: Actor,
    user: User,
    application: Application,
    regions: list[Region],
    capacity: int,
    scores: dict[str, int],
    vog: tuple[date | None, date | None] = (None, None),
) -> Ambassador:
    """Create the profile; the regions beyond the home region become the profile's extra regions."""
    ambassador = ambassador_create(
        actor=actor,
        user=user,
        home_municipality=application.home_municipality,
        data=profile_data(application=application, capacity=capacity, scores=scores, vog=vog),
    )
    home = region_of(application.home_municipality)
    extras = [region for region in regions if region.pk != home.pk]
    if extras:
        ambassador_regions_set(actor=actor, ambassador=ambassador, regions=extras)
    return ambassador
