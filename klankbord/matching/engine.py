"""The matching engine: pure functions over plain dataclasses (no database), so it can be property-tested.

``match(candidates, context)`` returns:
- ``suggestions``: ambassadors who break no exclusion rule and serve the member's region (tier 1) or a region
  bordering it (tier 2), ranked tier first, then by ``score`` (lower is better)::

      score = distance_km(home of ambassador, municipality of member)
              + LOAD_WEIGHT_KM * open_cases / capacity
              - GENDER_BONUS_KM   (if the ambassador has the member's preferred gender)
              - LANGUAGE_BONUS_KM (if the ambassador speaks the member's preferred language)

  ties are broken by name and id, so the order is deterministic. Each suggestion carries human-readable reasons.
- ``left_out``: ambassadors in or next to the region who break one or more rules, with every rule they break.
- ``out_of_reach``: ambassadors who serve neither the region nor a neighbouring one (never suggested).
- ``gap``: set when there is no suggestion at all; a service records it for recruitment.

Names and parties arrive normalised (``normalise``); a party is only present when the person consented to
share it, so "same party" applies only when both are known.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils.translation import gettext as _

from klankbord.geo.selectors import distance_km

from .constants import (
    GENDER_BONUS_KM,
    LANGUAGE_BONUS_KM,
    LEAVE_HORIZON_DAYS_DEFAULT,
    LOAD_WEIGHT_KM,
    Exclusion,
    GapReason,
    Tier,
)

ACTIVE = "active"


def normalise(text: str | None) -> str:
    """Case- and spacing-insensitive form of a name or party, for comparisons ('' when unknown)."""
    return " ".join((text or "").split()).casefold()


@dataclass(frozen=True)
class Place:
    municipality_id: int
    name: str
    latitude: float
    longitude: float
    region_id: int | None = None


@dataclass(frozen=True)
class Member:
    place: Place
    party: str = ""  # normalised; '' when unknown or not shared
    name: str = ""  # normalised; '' when unknown (for conflicts declared against a person)


@dataclass(frozen=True)
class Wishes:
    gender: str = ""  # preferred gender ('woman', 'man' or '')
    gender_required: bool = False  # the preference is a hard requirement
    excluded_municipality_ids: frozenset[int] = frozenset()
    excluded_party: str = ""  # normalised
    language: str = ""  # preferred language code (soft)


@dataclass(frozen=True)
class Leave:
    starts_on: date
    ends_on: date  # inclusive


@dataclass(frozen=True)
class Candidate:
    id: int
    name: str
    home: Place
    served_region_ids: frozenset[int]
    status: str
    capacity: int
    open_cases: int
    party: str = ""  # normalised; '' unless the ambassador consented to store it
    gender: str = ""
    languages: frozenset[str] = frozenset()
    leave: tuple[Leave, ...] = ()
    conflict_municipality_ids: frozenset[int] = frozenset()
    conflict_parties: frozenset[str] = frozenset()
    conflict_persons: frozenset[str] = frozenset()


@dataclass(frozen=True)
class MatchContext:
    member: Member
    today: date
    wishes: Wishes = field(default_factory=Wishes)
    neighbour_region_ids: frozenset[int] = frozenset()
    region_names: Mapping[int, str] = field(default_factory=dict)
    leave_horizon_days: int = LEAVE_HORIZON_DAYS_DEFAULT


@dataclass(frozen=True)
class Suggestion:
    candidate: Candidate
    tier: int
    score: float
    distance_km: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class LeftOut:
    candidate: Candidate
    exclusions: tuple[Exclusion, ...]


@dataclass(frozen=True)
class GapFinding:
    reason: GapReason
    exclusion_counts: dict[str, int]


@dataclass(frozen=True)
class MatchResult:
    suggestions: tuple[Suggestion, ...]
    left_out: tuple[LeftOut, ...]
    out_of_reach: tuple[Candidate, ...]
    gap: GapFinding | None


# --- the exclusion rules: each answers "does this rule exclude the candidate?" ---------------------------------


def _same_municipality(c: Candidate, ctx: MatchContext) -> bool:
    return c.home.municipality_id == ctx.member.place.municipality_id


def _same_party(c: Candidate, ctx: MatchContext) -> bool:
    return bool(ctx.member.party and c.party and ctx.member.party == c.party)


def _wish_municipality(c: Candidate, ctx: MatchContext) -> bool:
    return c.home.municipality_id in ctx.wishes.excluded_municipality_ids


def _wish_party(c: Candidate, ctx: MatchContext) -> bool:
    return bool(ctx.wishes.excluded_party and c.party == ctx.wishes.excluded_party)


def _wish_gender(c: Candidate, ctx: MatchContext) -> bool:
    return bool(ctx.wishes.gender_required and ctx.wishes.gender and c.gender != ctx.wishes.gender)


def _conflict(c: Candidate, ctx: MatchContext) -> bool:
    member = ctx.member
    return (
        member.place.municipality_id in c.conflict_municipality_ids
        or bool(member.party and member.party in c.conflict_parties)
        or bool(member.name and member.name in c.conflict_persons)
    )


def _full(c: Candidate, ctx: MatchContext) -> bool:
    return c.open_cases >= c.capacity


def _on_leave(c: Candidate, ctx: MatchContext) -> bool:
    """On leave on any day from today up to and including ``leave_horizon_days`` ahead."""
    last_day = ctx.today + timedelta(days=max(ctx.leave_horizon_days, 0))
    return any(period.starts_on <= last_day and period.ends_on >= ctx.today for period in c.leave)


def _not_active(c: Candidate, ctx: MatchContext) -> bool:
    return c.status != ACTIVE


RULES: tuple[tuple[Exclusion, Callable[[Candidate, MatchContext], bool]], ...] = (
    (Exclusion.SAME_MUNICIPALITY, _same_municipality),
    (Exclusion.SAME_PARTY, _same_party),
    (Exclusion.WISH_MUNICIPALITY, _wish_municipality),
    (Exclusion.WISH_PARTY, _wish_party),
    (Exclusion.WISH_GENDER, _wish_gender),
    (Exclusion.CONFLICT, _conflict),
    (Exclusion.FULL, _full),
    (Exclusion.ON_LEAVE, _on_leave),
    (Exclusion.NOT_ACTIVE, _not_active),
)


def exclusions(candidate: Candidate, ctx: MatchContext) -> tuple[Exclusion, ...]:
    """Every rule ``candidate`` breaks for this member (empty: the candidate may be suggested)."""
    return tuple(code for code, breaks in RULES if breaks(candidate, ctx))


# --- reach and ranking -------------------------------------------------------------------------------------------


def tier_of(candidate: Candidate, ctx: MatchContext) -> int | None:
    """1 when the candidate serves the member's region, 2 when a bordering region, else None (out of reach)."""
    region_id = ctx.member.place.region_id
    if region_id is not None and region_id in candidate.served_region_ids:
        return Tier.OWN_REGION
    if candidate.served_region_ids & ctx.neighbour_region_ids:
        return Tier.NEIGHBOURING_REGION
    return None


def score(candidate: Candidate, ctx: MatchContext) -> tuple[float, float]:
    """(score, distance in km) as documented in the module docstring; lower scores rank higher."""
    distance = distance_km(candidate.home, ctx.member.place)
    value = distance + LOAD_WEIGHT_KM * candidate.open_cases / max(candidate.capacity, 1)
    if ctx.wishes.gender and candidate.gender == ctx.wishes.gender:
        value -= GENDER_BONUS_KM
    if ctx.wishes.language and ctx.wishes.language in candidate.languages:
        value -= LANGUAGE_BONUS_KM
    return value, distance


def _where(candidate: Candidate, ctx: MatchContext, tier: int) -> str:
    if tier == Tier.OWN_REGION:
        return _("zelfde regio")
    served_neighbours = candidate.served_region_ids & ctx.neighbour_region_ids
    names = sorted(name for name in (ctx.region_names.get(pk) for pk in served_neighbours) if name)
    return _("buurregio (%(name)s)") % {"name": ", ".join(names)} if names else _("buurregio")


def reasons(candidate: Candidate, ctx: MatchContext, tier: int, distance: float) -> tuple[str, ...]:
    """Why a suggestion ranks where it does, in words the counsellor reads."""
    load = {"open": candidate.open_cases, "capacity": candidate.capacity}
    found = [
        _where(candidate, ctx, tier),
        _("%(km)d km") % {"km": round(distance)},
        _("%(open)d van %(capacity)d plekken bezet") % load,
    ]
    if ctx.wishes.gender and candidate.gender == ctx.wishes.gender:
        found.append(_("gewenst gender"))
    if ctx.wishes.language and ctx.wishes.language in candidate.languages:
        found.append(_("spreekt de gewenste taal"))
    return tuple(found)


def _gap(left_out: list[LeftOut]) -> GapFinding:
    if not left_out:
        return GapFinding(GapReason.NO_AMBASSADORS, {})
    counts = Counter(str(code) for item in left_out for code in item.exclusions)
    return GapFinding(GapReason.ALL_EXCLUDED, dict(sorted(counts.items())))


def match(candidates: Iterable[Candidate], ctx: MatchContext) -> MatchResult:
    """Rank ``candidates`` for the member of ``ctx`` (see the module docstring)."""
    ranked: list[tuple[tuple[int, float, str, int], Suggestion]] = []
    left_out: list[LeftOut] = []
    out_of_reach: list[Candidate] = []
    for candidate in candidates:
        tier = tier_of(candidate, ctx)
        if tier is None:
            out_of_reach.append(candidate)
            continue
        broken = exclusions(candidate, ctx)
        if broken:
            left_out.append(LeftOut(candidate, broken))
            continue
        value, distance = score(candidate, ctx)
        suggestion = Suggestion(candidate, tier, value, distance, reasons(candidate, ctx, tier, distance))
        ranked.append(((tier, value, candidate.name, candidate.id), suggestion))
    ranked.sort(key=lambda pair: pair[0])
    left_out.sort(key=lambda item: (item.candidate.name, item.candidate.id))
    return MatchResult(
        suggestions=tuple(suggestion for _key, suggestion in ranked),
        left_out=tuple(left_out),
        out_of_reach=tuple(out_of_reach),
        gap=None if ranked else _gap(left_out),
    )
