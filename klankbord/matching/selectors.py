"""Reads for matching: the engine's inputs built from the database in a fixed number of queries, open-case
counts, and the assignments that need a new ambassador (handover)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone

from klankbord.ambassadors.constants import AmbassadorStatus, ConflictKind
from klankbord.ambassadors.models import Ambassador, AmbassadorConflict, LeavePeriod
from klankbord.ambassadors.selectors import ambassador_queryset, home_region_ids, served_region_ids
from klankbord.consent.constants import Purpose
from klankbord.consent.selectors import consent_withdrawn_since
from klankbord.geo.models import Municipality, Region, RegionScheme
from klankbord.geo.selectors import PartyIndex, active_scheme, neighbouring_regions, party_index, party_label
from klankbord.reports.models import Report

from . import engine
from .constants import LEAVE_HORIZON_DAYS_DEFAULT, OPEN_ASSIGNMENT_STATUSES, AssignmentStatus
from .models import Assignment, CoverageGap


def leave_horizon_days() -> int:
    """How many days ahead a leave period already excludes an ambassador (setting, default 7)."""
    return int(getattr(settings, "KLANKBORD_MATCHING_LEAVE_HORIZON_DAYS", LEAVE_HORIZON_DAYS_DEFAULT))


def open_case_counts(ambassador_ids: Iterable[int]) -> dict[int, int]:
    """ambassador pk → number of open (requested or accepted) assignments, 0 included (one query)."""
    ids = set(ambassador_ids)
    rows = (
        Assignment.objects.filter(ambassador_id__in=ids, status__in=OPEN_ASSIGNMENT_STATUSES)
        .values("ambassador_id")
        .annotate(n=Count("pk"))
    )
    counts = dict.fromkeys(ids, 0)
    counts.update({row["ambassador_id"]: row["n"] for row in rows})
    return counts


def open_assignment_for_report(*, report_id: int) -> Assignment | None:
    """The report's requested or accepted assignment, if any (there is at most one)."""
    return (
        Assignment.objects.filter(report_id=report_id, status__in=OPEN_ASSIGNMENT_STATUSES)
        .select_related("ambassador__user")
        .first()
    )


def assignments_to_reassign() -> QuerySet[Assignment]:
    """Open assignments whose ambassador paused or ended: the counsellor finds each a new ambassador."""
    return (
        Assignment.objects.filter(status__in=OPEN_ASSIGNMENT_STATUSES)
        .exclude(ambassador__status=AmbassadorStatus.ACTIVE)
        .select_related("report", "ambassador__user")
        .order_by("ambassador__status_changed_at", "requested_at", "pk")
    )


def supported_assignments(*, ambassador: Ambassador) -> QuerySet[Assignment]:
    """The ambassador's accepted or ended assignments, except those the member's withdrawal of consent to an
    ambassador ended: time logging and heavy-marking reach only cases the member still lets them have had.
    A withdrawal counts from the request on, so re-granting consent later does not bring a case back."""
    return (
        Assignment.objects.filter(
            ambassador=ambassador, status__in=(AssignmentStatus.ACCEPTED, AssignmentStatus.ENDED)
        )
        .exclude(consent_withdrawn_since(purpose=Purpose.CONNECT_AMBASSADOR))
        .select_related("report")
    )


def reports_of_ambassador(*, ambassador: Ambassador) -> QuerySet[Report]:
    """Reports the ambassador supports or supported (``supported_assignments``): they may log time on them."""
    report_ids = supported_assignments(ambassador=ambassador).values("report_id")
    return Report.objects.filter(pk__in=report_ids).order_by("reference")


def report_choices_of_ambassador(*, ambassador: Ambassador) -> list[tuple[int, str]]:
    """(pk, reference) of the ambassador's reports, for a choice field."""
    return list(reports_of_ambassador(ambassador=ambassador).values_list("pk", "reference"))


def coverage_gaps(*, since: date | None = None) -> QuerySet[CoverageGap]:
    """Recorded gaps, newest first (recruitment reads these)."""
    gaps = CoverageGap.objects.select_related("region")
    return gaps.filter(date__gte=since) if since else gaps


# --- building the engine's inputs -------------------------------------------------------------------------------


def place_of(municipality: Municipality, region_id: int | None = None) -> engine.Place:
    return engine.Place(
        municipality_id=municipality.pk,
        name=municipality.name,
        latitude=float(municipality.latitude),
        longitude=float(municipality.longitude),
        region_id=region_id,
    )


def wishes_from_report(report: Report) -> engine.Wishes:
    """The member's wishes as recorded on the report (gender is a preference, not a requirement)."""
    excluded = frozenset(report.wish_excluded_municipalities.values_list("pk", flat=True))
    return engine.Wishes(gender=report.wish_gender or "", excluded_municipality_ids=excluded)


@dataclass(frozen=True)
class MemberAsked:
    """What the member asked for, as recorded on the report, shown on the match form that applies it."""

    party: str  # the label of the member's own party when they shared it for matching, else ""
    excluded_municipalities: tuple[str, ...]


def member_asked(report: Report) -> MemberAsked:
    """The party (only when shared) and the excluded municipalities the engine applies from ``report``."""
    names = report.wish_excluded_municipalities.order_by("name").values_list("name", flat=True)
    return MemberAsked(
        party=party_label(report.member_party) if report.party_shared else "",
        excluded_municipalities=tuple(names),
    )


@dataclass(frozen=True)
class Declined:
    """An ambassador's no to this report: when, and the reason they gave (for the counsellor only)."""

    on: datetime
    reason: str


def declined_for_report(*, report_id: int) -> dict[int, Declined]:
    """ambassador pk → their latest decline of a request for this report (one query)."""
    rows = (
        Assignment.objects.filter(
            report_id=report_id, status=AssignmentStatus.DECLINED, responded_at__isnull=False
        )
        .order_by("responded_at", "pk")
        .only("ambassador_id", "responded_at", "reason")
    )
    return {
        row.ambassador_id: Declined(on=row.responded_at, reason=row.reason)
        for row in rows
        if row.responded_at
    }


def member_of_report(
    report: Report, region_id: int | None, parties: PartyIndex | None = None
) -> engine.Member:
    """The member as the engine sees them; their party (only when shared) as its key on the party list."""
    assert report.municipality is not None  # callers check report.municipality_id first
    party = (parties or party_index()).key(report.member_party) if report.party_shared else ""
    return engine.Member(
        place=place_of(report.municipality, region_id),
        party=party,
        name=engine.normalise(report.contact_name),
    )


def match_context(
    *,
    report: Report,
    wishes: engine.Wishes | None = None,
    today: date | None = None,
    scheme: RegionScheme | None = None,
    parties: PartyIndex | None = None,
) -> engine.MatchContext | None:
    """The engine's view of the member of ``report`` (None when the member's municipality is unknown)."""
    if report.municipality_id is None:
        return None
    scheme = scheme or active_scheme()
    region = Region.objects.filter(scheme=scheme, memberships__municipality_id=report.municipality_id).first()
    neighbours = list(neighbouring_regions(region)) if region else []
    return engine.MatchContext(
        member=member_of_report(report, region.pk if region else None, parties),
        today=today or timezone.localdate(),
        wishes=wishes if wishes is not None else wishes_from_report(report),
        neighbour_region_ids=frozenset(r.pk for r in neighbours),
        region_names={r.pk: r.name for r in [*neighbours, *([region] if region else [])]},
        leave_horizon_days=leave_horizon_days(),
    )


def _candidate(
    ambassador: Ambassador, served: frozenset[int], home_region: int | None, parties: PartyIndex
) -> engine.Candidate:
    """Parties (their own, with consent, and those they declared a conflict with) arrive as keys on the party
    list, so a conflict compares one party, not two spellings."""
    conflicts: list[AmbassadorConflict] = list(ambassador.conflicts.all())
    persons = frozenset(
        engine.normalise(c.name) for c in conflicts if c.kind == ConflictKind.PERSON and c.name
    )
    conflict_parties = frozenset(
        parties.key(c.name) for c in conflicts if c.kind == ConflictKind.PARTY and c.name
    )
    return engine.Candidate(
        id=ambassador.pk,
        name=ambassador.name,
        home=place_of(ambassador.home_municipality, home_region),
        served_region_ids=served,
        status=ambassador.status,
        capacity=ambassador.capacity,
        open_cases=ambassador.open_cases,  # type: ignore[attr-defined]
        party=parties.key(ambassador.party) if ambassador.party_consent_at else "",
        gender=ambassador.gender,
        languages=frozenset(ambassador.languages or []),
        leave=tuple(engine.Leave(p.starts_on, p.ends_on) for p in ambassador.leave_periods.all()),
        conflict_municipality_ids=frozenset(c.municipality_id for c in conflicts if c.municipality_id),
        conflict_parties=conflict_parties,
        conflict_persons=persons,
    )


def candidates(
    *,
    scheme: RegionScheme,
    today: date,
    ambassador_ids: Iterable[int] | None = None,
    parties: PartyIndex | None = None,
) -> list[engine.Candidate]:
    """Every ambassador who has not ended (or just those of ``ambassador_ids``) as engine candidates.

    Ended ambassadors left the network and are not listed; paused ones are, so the counsellor sees why they are
    left out. Five queries however many ambassadors there are.
    """
    queryset = ambassador_queryset().prefetch_related(
        Prefetch("leave_periods", queryset=LeavePeriod.objects.filter(ends_on__gte=today)),
        Prefetch("conflicts", queryset=AmbassadorConflict.objects.all()),
    )
    if ambassador_ids is None:
        queryset = queryset.exclude(status=AmbassadorStatus.ENDED)
    else:
        queryset = queryset.filter(pk__in=list(ambassador_ids))
    ambassadors = list(queryset)
    homes = home_region_ids((a.home_municipality_id for a in ambassadors), scheme)
    served = served_region_ids(ambassadors, scheme, homes=homes)
    parties = parties or party_index()
    return [_candidate(a, served[a.pk], homes.get(a.home_municipality_id), parties) for a in ambassadors]


def match_report(
    *, report: Report, wishes: engine.Wishes | None = None, today: date | None = None
) -> tuple[engine.MatchContext | None, engine.MatchResult | None]:
    """Suggestions for ``report`` (context and result are None when the member's municipality is unknown)."""
    scheme, parties = active_scheme(), party_index()
    context = match_context(report=report, wishes=wishes, today=today, scheme=scheme, parties=parties)
    if context is None:
        return None, None
    return context, engine.match(candidates(scheme=scheme, today=context.today, parties=parties), context)


def assignments_of_ambassador(*, ambassador: Ambassador, open_only: bool = False) -> QuerySet[Assignment]:
    """The ambassador's own assignments, newest first (for their request and case lists in part B)."""
    assignments = Assignment.objects.filter(ambassador=ambassador).select_related("report")
    return assignments.filter(status__in=OPEN_ASSIGNMENT_STATUSES) if open_only else assignments
