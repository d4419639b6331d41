"""Reads of ambassador profiles, leave and time spent. Each list is built in a fixed number of queries."""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.shortcuts import get_object_or_404
from django.utils import timezone

from klankbord.accounts.types import User
from klankbord.crypto.fields import encrypted_fields
from klankbord.geo.models import Region, RegionMembership, RegionScheme
from klankbord.matching.constants import OPEN_ASSIGNMENT_STATUSES

from .constants import AmbassadorStatus, TimeActivity
from .models import Ambassador, AmbassadorConflict, LeavePeriod, TimeEntry

OWN_PROFILE_PERMISSION = ("ambassadors", "manage_own_profile")


def ambassador_for_user(user: User) -> Ambassador | None:
    """The profile of ``user``, or None (anonymous users and non-ambassadors have none)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Ambassador.objects.select_related("user", "home_municipality").filter(user=user).first()


def ambassador_get_own(*, user: User) -> Ambassador:
    """The profile of ``user``, or 404."""
    return get_object_or_404(Ambassador.objects.select_related("user", "home_municipality"), user=user)


def ambassador_get(*, pk: int) -> Ambassador:
    """Any profile by pk, or 404 (callers check ``ambassadors.manage_ambassadors`` first)."""
    return get_object_or_404(Ambassador.objects.select_related("user", "home_municipality"), pk=pk)


def leave_get(*, ambassador_id: int, pk: int) -> LeavePeriod:
    """A leave period of this ambassador, or 404 (one of another ambassador is not found)."""
    return get_object_or_404(LeavePeriod, pk=pk, ambassador_id=ambassador_id)


def conflict_get(*, ambassador_id: int, pk: int) -> AmbassadorConflict:
    """A declared conflict of interest of this ambassador, or 404."""
    return get_object_or_404(AmbassadorConflict, pk=pk, ambassador_id=ambassador_id)


def time_entry_get(*, ambassador: Ambassador, pk: int) -> TimeEntry:
    """A time entry of this ambassador, or 404."""
    return get_object_or_404(TimeEntry.objects.select_related("ambassador"), pk=pk, ambassador=ambassador)


def with_open_cases(queryset: QuerySet[Ambassador]) -> QuerySet[Ambassador]:
    """Annotate ``open_cases``: requested and accepted assignments (what fills the capacity)."""
    return queryset.annotate(
        open_cases=Count(
            "assignments", filter=Q(assignments__status__in=OPEN_ASSIGNMENT_STATUSES), distinct=True
        )
    )


def home_region_ids(municipality_ids: Iterable[int], scheme: RegionScheme) -> dict[int, int]:
    """municipality pk → region pk in ``scheme`` (one query)."""
    rows = RegionMembership.objects.filter(scheme=scheme, municipality_id__in=set(municipality_ids))
    return dict(rows.values_list("municipality_id", "region_id"))


def served_region_ids(
    ambassadors: Iterable[Ambassador], scheme: RegionScheme, *, homes: dict[int, int] | None = None
) -> dict[int, frozenset[int]]:
    """ambassador pk → regions of ``scheme`` served: the home region plus the extra regions of that scheme.

    Expects ``extra_regions`` prefetched (see ``ambassador_queryset``); one query for the home regions unless
    ``homes`` (from ``home_region_ids``) is given.
    """
    ambassadors = list(ambassadors)
    if homes is None:
        homes = home_region_ids((a.home_municipality_id for a in ambassadors), scheme)
    served: dict[int, frozenset[int]] = {}
    for ambassador in ambassadors:
        extras = {region.pk for region in ambassador.extra_regions.all() if region.scheme_id == scheme.pk}
        home = homes.get(ambassador.home_municipality_id)
        served[ambassador.pk] = frozenset(extras | ({home} if home is not None else set()))
    return served


def ambassador_queryset() -> QuerySet[Ambassador]:
    """Profiles with everything a list or the matching engine reads, in a fixed number of queries."""
    return with_open_cases(
        Ambassador.objects.select_related("user", "home_municipality").prefetch_related(
            Prefetch("extra_regions", queryset=Region.objects.select_related("scheme").order_by("name"))
        )
    ).order_by("user__display_name", "pk")


@dataclass(frozen=True)
class AmbassadorRow:
    ambassador: Ambassador
    regions: list[str]  # names of the regions served in the active scheme
    stale_extras: bool  # has extra regions of another scheme
    on_leave_until: date | None = None  # on leave today, until (and including) this day


_ENCRYPTED = [field.name for field in encrypted_fields(Ambassador)]


def ambassadors_listed(
    *, status: str | None = None, q: str = "", order_by: tuple[str, ...] = ("user__display_name",)
) -> QuerySet[Ambassador]:
    """The coordinator's list before paging: by status, and by name, home municipality or region (``q``)."""
    queryset = ambassador_queryset().defer(*_ENCRYPTED)  # the list shows no party and no status note
    if status:
        queryset = queryset.filter(status=status)
    if q:
        in_region = RegionMembership.objects.filter(
            municipality=OuterRef("home_municipality_id"),
            region__scheme__is_active=True,
            region__name__icontains=q,
        )
        extra = Ambassador.extra_regions.through.objects.filter(
            ambassador=OuterRef("pk"), region__scheme__is_active=True, region__name__icontains=q
        )
        queryset = queryset.filter(
            Q(user__display_name__icontains=q)
            | Q(home_municipality__name__icontains=q)
            | Exists(extra)
            | Exists(in_region)
        )
    return queryset.order_by(*order_by, "pk")


def ambassador_rows_for(ambassadors: list[Ambassador], *, scheme: RegionScheme) -> list[AmbassadorRow]:
    """Rows of one page of profiles with their served regions and load (a fixed number of queries)."""
    served = served_region_ids(ambassadors, scheme)
    names = dict(
        Region.objects.filter(pk__in={pk for ids in served.values() for pk in ids}).values_list("pk", "name")
    )
    away = leave_on(ambassador_ids=[a.pk for a in ambassadors], day=timezone.localdate())
    rows = []
    for ambassador in ambassadors:
        stale = any(region.scheme_id != scheme.pk for region in ambassador.extra_regions.all())
        leave = away.get(ambassador.pk)
        regions = sorted(names[pk] for pk in served[ambassador.pk])
        rows.append(AmbassadorRow(ambassador, regions, stale, leave.ends_on if leave else None))
    return rows


def ambassadors_with_stale_regions(*, scheme: RegionScheme) -> QuerySet[Ambassador]:
    """Profiles that still list an extra region of a scheme other than ``scheme``."""
    links = Ambassador.extra_regions.through.objects.exclude(region__scheme=scheme)
    return Ambassador.objects.filter(pk__in=links.values("ambassador_id"))


def users_without_profile() -> QuerySet[User]:
    """Accounts whose role lets them act as ambassador but who have no profile yet (for the create form)."""
    app_label, codename = OWN_PROFILE_PERMISSION
    return (
        User.objects.filter(
            is_active=True,
            groups__permissions__content_type__app_label=app_label,
            groups__permissions__codename=codename,
            ambassador__isnull=True,
        )
        .distinct()
        .order_by("display_name", "email")
    )


def leave_periods(*, ambassador: Ambassador, today: date) -> QuerySet[LeavePeriod]:
    """Current and future leave of ``ambassador`` (past periods are history and not shown)."""
    return LeavePeriod.objects.filter(ambassador=ambassador, ends_on__gte=today).order_by("starts_on", "pk")


def conflicts(*, ambassador: Ambassador) -> QuerySet[AmbassadorConflict]:
    return AmbassadorConflict.objects.filter(ambassador=ambassador).select_related("municipality")


# --- time spent ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MonthSummary:
    first_day: date
    last_day: date
    entries: list[TimeEntry]
    total_minutes: int
    by_activity: list[tuple[str, int]]  # (activity label, minutes) in the order of TimeActivity
    by_report: list[tuple[str, int]]  # (report reference or "—", minutes)


def month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def time_month(*, ambassador: Ambassador, year: int, month: int) -> MonthSummary:
    """The ambassador's time entries of one month with totals (one query)."""
    first, last = month_bounds(year, month)
    entries = list(
        TimeEntry.objects.filter(ambassador=ambassador, date__range=(first, last))
        .select_related("report")
        .order_by("date", "pk")
    )
    activity: dict[str, int] = defaultdict(int)
    report: dict[str, int] = defaultdict(int)
    for entry in entries:
        activity[entry.activity] += entry.minutes
        report[entry.report.reference if entry.report else "—"] += entry.minutes
    return MonthSummary(
        first_day=first,
        last_day=last,
        entries=entries,
        total_minutes=sum(activity.values()),
        by_activity=[(str(a.label), activity[a.value]) for a in TimeActivity if activity[a.value]],
        by_report=sorted(report.items()),
    )


def time_total_minutes(*, ambassador: Ambassador, year: int, month: int) -> int:
    first, last = month_bounds(year, month)
    total = TimeEntry.objects.filter(ambassador=ambassador, date__range=(first, last)).aggregate(
        t=Sum("minutes")
    )
    return int(total["t"] or 0)


def time_minutes_per_ambassador(*, ambassador_ids: Iterable[int], first: date, last: date) -> dict[int, int]:
    """Ambassador pk → minutes logged from ``first`` to ``last`` (inclusive); absent when none (one query)."""
    rows = (
        TimeEntry.objects.filter(ambassador_id__in=ambassador_ids, date__range=(first, last))
        .values_list("ambassador_id")
        .annotate(total=Sum("minutes"))
        .order_by()
    )
    return dict(rows)


def time_minutes_per_month_and_activity(
    *, ambassador: Ambassador, since: date
) -> list[tuple[date, str, int]]:
    """(first day of the month, activity, minutes) of the ambassador's time from ``since`` on (one query)."""
    rows = (
        TimeEntry.objects.filter(ambassador=ambassador, date__gte=since)
        .annotate(month=TruncMonth("date"))
        .values_list("month", "activity")
        .annotate(total=Sum("minutes"))
        .order_by()
    )
    return list(rows)


def time_minutes_of_network(*, first: date, last: date) -> list[tuple[int, int, date, str, int]]:
    """(ambassador pk, home municipality pk, first day of the month, activity, minutes) of all time logged from
    ``first`` to ``last``: the raw material of the coordinator's disclosure-controlled tables (one query)."""
    rows = (
        TimeEntry.objects.filter(date__range=(first, last))
        .annotate(month=TruncMonth("date"))
        .values_list("ambassador_id", "ambassador__home_municipality_id", "month", "activity")
        .annotate(total=Sum("minutes"))
        .order_by()
    )
    return list(rows)


def ambassador_start_dates() -> list[tuple[int, date]]:
    """(pk, started on) of every ambassador who has not ended (one query)."""
    return list(Ambassador.objects.exclude(status=AmbassadorStatus.ENDED).values_list("pk", "started_on"))


def ambassadors_with_vog_due(*, today: date, within_days: int) -> QuerySet[Ambassador]:
    """Ambassadors not ended whose VOG must be renewed within ``within_days`` and who were not reminded yet."""
    return (
        Ambassador.objects.exclude(status=AmbassadorStatus.ENDED)
        .filter(vog_valid_until__isnull=False, vog_valid_until__lte=today + timedelta(days=within_days))
        .filter(vog_reminded_on__isnull=True)
        .select_related("user")
        .order_by("vog_valid_until", "pk")
    )


# --- availability: the one definition every list, coverage figure and map uses -------------------------------


def leave_on(*, ambassador_ids: Iterable[int], day: date) -> dict[int, LeavePeriod]:
    """The leave period covering ``day`` per ambassador (the one ending last, if several overlap)."""
    rows = LeavePeriod.objects.filter(
        ambassador_id__in=list(ambassador_ids), starts_on__lte=day, ends_on__gte=day
    )
    found: dict[int, LeavePeriod] = {}
    for period in rows.order_by("ends_on", "pk"):
        found[period.ambassador_id] = period
    return found


def available_per_region(*, scheme: RegionScheme, day: date) -> dict[int, int]:
    """region pk → ambassadors available on ``day`` (active, no leave covering the day) serving it in ``scheme``
    (home region or an extra region; one person may count in several regions). The one definition of coverage's
    "available": the recruitment coverage page, the vacancy trigger and the signals map all count with it.

    Reads primary keys only, in three queries: no profile is loaded or decrypted to be counted.
    """
    on_leave = LeavePeriod.objects.filter(starts_on__lte=day, ends_on__gte=day).values("ambassador_id")
    available = Ambassador.objects.filter(status=AmbassadorStatus.ACTIVE).exclude(pk__in=on_leave)
    served: defaultdict[int, set[int]] = defaultdict(set)
    homes = RegionMembership.objects.filter(
        scheme=scheme, municipality_id__in=available.values("home_municipality_id")
    ).values_list("municipality_id", "region_id")
    region_of_home = dict(homes)
    for pk, home in available.values_list("pk", "home_municipality_id"):
        if home in region_of_home:
            served[region_of_home[home]].add(pk)
    extras = Ambassador.extra_regions.through.objects.filter(
        ambassador__in=available, region__scheme=scheme
    ).values_list("region_id", "ambassador_id")
    for region, pk in extras:
        served[region].add(pk)
    return {region: len(people) for region, people in served.items()}


@dataclass(frozen=True)
class Absence:
    ambassador: Ambassador
    kind: str  # "leave" or "paused"
    starts_on: date | None
    ends_on: date | None  # None: paused until the ambassador resumes


@dataclass(frozen=True)
class RegionAbsences:
    region: str
    absences: list[Absence]


def absences_by_region(*, scheme: RegionScheme, today: date, days: int = 90) -> list[RegionAbsences]:
    """Who is away when, per region served, from ``today`` for ``days``: leave periods and paused ambassadors."""
    horizon = today + timedelta(days=days)
    people = list(ambassador_queryset().exclude(status=AmbassadorStatus.ENDED))
    periods = LeavePeriod.objects.filter(
        ambassador__in=people, ends_on__gte=today, starts_on__lte=horizon
    ).order_by("starts_on", "pk")
    by_person: dict[int, list[Absence]] = defaultdict(list)
    for person in people:
        if person.status == AmbassadorStatus.PAUSED:
            by_person[person.pk].append(
                Absence(person, "paused", timezone.localdate(person.status_changed_at), None)
            )
    index = {person.pk: person for person in people}
    for period in periods:
        by_person[period.ambassador_id].append(
            Absence(index[period.ambassador_id], "leave", period.starts_on, period.ends_on)
        )
    served = served_region_ids([index[pk] for pk in by_person], scheme)
    names = dict(Region.objects.filter(scheme=scheme).values_list("pk", "name"))
    regions: dict[str, list[Absence]] = defaultdict(list)
    for person_pk, absences in by_person.items():
        for region_pk in served[person_pk]:
            regions[names[region_pk]].extend(absences)
    return [RegionAbsences(name, sorted(regions[name], key=_absence_order)) for name in sorted(regions)]


def _absence_order(absence: Absence) -> tuple[date, str]:
    return (absence.starts_on or date.min, absence.ambassador.name)


def availability_counts(*, today: date) -> dict[str, int]:
    """How many ambassadors are active, on leave today and paused (for the coordinator's home), one query."""
    on_leave = Q(leave_periods__starts_on__lte=today, leave_periods__ends_on__gte=today)
    figures = Ambassador.objects.aggregate(
        active=Count("pk", filter=Q(status=AmbassadorStatus.ACTIVE), distinct=True),
        on_leave=Count("pk", filter=Q(status=AmbassadorStatus.ACTIVE) & on_leave, distinct=True),
        paused=Count("pk", filter=Q(status=AmbassadorStatus.PAUSED), distinct=True),
    )
    return {key: int(value or 0) for key, value in figures.items()}
