"""Reads of the network: gatherings, invitations, attendance, experiences, debrief requests.

Access selectors 404 for outsiders; every list is built in a fixed number of queries.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from klankbord.accounts.types import User
from klankbord.ambassadors.constants import AmbassadorStatus
from klankbord.ambassadors.models import Ambassador
from klankbord.ambassadors.selectors import ambassador_queryset, served_region_ids
from klankbord.geo.models import Region
from klankbord.geo.selectors import active_scheme
from klankbord.matching.models import Assignment
from klankbord.matching.selectors import supported_assignments

from .constants import DebriefStatus, GatheringKind, Response
from .models import DebriefRequest, Experience, Gathering, Invitation


def ambassadors_to_invite(*, region: Region | None) -> list[Ambassador]:
    """Active ambassadors; with a region, those who serve it (home region or an extra region)."""
    active = list(ambassador_queryset().filter(status=AmbassadorStatus.ACTIVE))
    if region is None:
        return active
    served = served_region_ids(active, active_scheme())
    return [ambassador for ambassador in active if region.pk in served[ambassador.pk]]


def _counted(queryset: QuerySet[Gathering]) -> QuerySet[Gathering]:
    def count(**condition: str | bool) -> Count:
        return Count("invitations", filter=Q(**{f"invitations__{k}": v for k, v in condition.items()}))

    return queryset.annotate(
        invited=Count("invitations"),
        yes=count(response=Response.YES),
        maybe=count(response=Response.MAYBE),
        no=count(response=Response.NO),
        waitlist=count(response=Response.WAITLIST),
        present=count(attended=True),
    )


def gatherings_overview() -> tuple[list[Gathering], list[Gathering]]:
    """(upcoming, past) gatherings with their answer counts (one query)."""
    rows = list(_counted(Gathering.objects.select_related("region")).order_by("starts_at", "pk"))
    now = timezone.now()
    return [g for g in rows if g.ends_at >= now], [g for g in rows if g.ends_at < now][::-1]


def gatherings_listed(
    *,
    upcoming: bool,
    q: str = "",
    since: date | None = None,
    until: date | None = None,
    order_by: tuple[str, ...] = ("starts_at",),
) -> QuerySet[Gathering]:
    """Gatherings that have not ended (``upcoming``) or have, with their answer counts, before paging. ``q``
    matches the title, the region or the kind; ``since``/``until`` bound the day it starts."""
    now = timezone.now()
    queryset = (
        Gathering.objects.filter(ends_at__gte=now) if upcoming else Gathering.objects.filter(ends_at__lt=now)
    )
    if q:
        kinds = [value for value, label in GatheringKind.choices if q.lower() in str(label).lower()]
        queryset = queryset.filter(Q(title__icontains=q) | Q(region__name__icontains=q) | Q(kind__in=kinds))
    if since:
        queryset = queryset.filter(starts_at__date__gte=since)
    if until:
        queryset = queryset.filter(starts_at__date__lte=until)
    return _counted(queryset.select_related("region")).order_by(*order_by, "pk")


def next_gathering() -> Gathering | None:
    """The first gathering that has not ended yet, with its answer counts (one query)."""
    upcoming = _counted(Gathering.objects.select_related("region")).filter(ends_at__gte=timezone.now())
    return upcoming.order_by("starts_at", "pk").first()


def gathering_get(*, pk: int) -> Gathering:
    """Any gathering with its counts, or 404 (callers check ``network.manage_gatherings`` first)."""
    return get_object_or_404(_counted(Gathering.objects.select_related("region")), pk=pk)


def gathering_invitations(*, gathering: Gathering) -> list[Invitation]:
    return list(
        gathering.invitations.select_related("ambassador__user").order_by(
            "ambassador__user__display_name", "pk"
        )
    )


def invitations_of(*, ambassador: Ambassador) -> tuple[list[Invitation], list[Invitation]]:
    """(upcoming, past) invitations of ``ambassador`` with their gatherings (one query)."""
    rows = list(
        Invitation.objects.filter(ambassador=ambassador)
        .select_related("gathering__region")
        .order_by("gathering__starts_at", "pk")
    )
    now = timezone.now()
    return [i for i in rows if i.gathering.ends_at >= now], [i for i in rows if i.gathering.ends_at < now][
        ::-1
    ]


def upcoming_invitations_of(*, ambassador: Ambassador, limit: int = 3) -> list[Invitation]:
    """The first ``limit`` gatherings ``ambassador`` is invited to that have not ended (one query)."""
    return list(
        Invitation.objects.filter(ambassador=ambassador, gathering__ends_at__gte=timezone.now())
        .select_related("gathering__region")
        .order_by("gathering__starts_at", "pk")[:limit]
    )


def open_debrief_count() -> int:
    return DebriefRequest.objects.filter(status=DebriefStatus.OPEN).count()


def invitation_get_for_user(*, user: User, pk: int) -> Invitation:
    """The user's own invitation, or 404 (also for the coordinator: answering is personal)."""
    return get_object_or_404(
        Invitation.objects.select_related("gathering__region", "ambassador__user"),
        pk=pk,
        ambassador__user=user,
    )


def attendance_of(*, ambassador_id: int) -> list[Invitation]:
    """Past gatherings the ambassador was invited to and whose attendance was recorded, newest first."""
    return list(
        Invitation.objects.filter(ambassador_id=ambassador_id, attended__isnull=False)
        .select_related("gathering")
        .order_by("-gathering__starts_at", "-pk")
    )


def experiences_of(*, ambassador: Ambassador, gathering: Gathering) -> list[Experience]:
    return list(
        Experience.objects.filter(ambassador=ambassador, gathering=gathering).order_by("submitted_at")
    )


def experience_get_own(*, user: User, pk: int) -> Experience:
    return get_object_or_404(
        Experience.objects.select_related("gathering", "ambassador"), pk=pk, ambassador__user=user
    )


def invitation_of_experience(*, experience: Experience) -> Invitation | None:
    """The invitation through which the experience's author came to its gathering, if any."""
    return experience.gathering.invitations.filter(ambassador=experience.ambassador).first()


# Cases an ambassador may mark as heavy: the ones they support or supported (matching's
# ``supported_assignments``: accepted or ended, and not ended by the member's withdrawal of consent).


def markable_assignments(*, ambassador: Ambassador, limit: int = 20) -> list[Assignment]:
    """The ambassador's own cases that they may mark as heavy, with any mark already made."""
    markable = supported_assignments(ambassador=ambassador)
    return list(markable.select_related("load_flag")[:limit])


def markable_assignment_get(*, ambassador: Ambassador, pk: int) -> Assignment:
    """One of the ambassador's own markable cases, or 404 (someone else's case is not found)."""
    return get_object_or_404(supported_assignments(ambassador=ambassador), pk=pk)


def ambassadors_for_loads() -> list[Ambassador]:
    """Every ambassador who has not ended, by name, for the coordinator's load overview."""
    return list(
        Ambassador.objects.exclude(status=AmbassadorStatus.ENDED)
        .select_related("user")
        .order_by("user__display_name", "pk")
    )


def experiences_for_pack(*, gathering: Gathering) -> list[str]:
    """The de-identified texts for the pre-read pack, without their authors, in a stable order."""
    return list(
        Experience.objects.filter(gathering=gathering)
        .order_by("submitted_at", "pk")
        .values_list("text", flat=True)
    )


def debrief_requests(*, open_only: bool = False) -> list[DebriefRequest]:
    rows = DebriefRequest.objects.select_related(
        "ambassador__user", "ambassador__home_municipality", "handled_by"
    )
    if open_only:
        rows = rows.exclude(status=DebriefStatus.CLOSED)
    return list(rows.order_by("status", "-requested_at", "pk"))


def debrief_get(*, pk: int) -> DebriefRequest:
    return get_object_or_404(DebriefRequest.objects.select_related("ambassador__user"), pk=pk)


def debrief_recipients() -> list[str]:
    """Addresses of the active users who handle debrief requests (the counsellors)."""
    permission = Permission.objects.filter(
        content_type__app_label="network", codename="handle_debriefs"
    ).first()
    if permission is None:
        return []
    users = get_user_model().objects.filter(
        Q(groups__permissions=permission) | Q(user_permissions=permission), is_active=True
    )
    return sorted(set(users.values_list("email", flat=True)))
