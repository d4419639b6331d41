"""Reads for reports. Access selectors raise Http404 for anyone who may not see a report (never 403).

The ``*_open_*`` selectors are for pages that show a report: besides the access check they write the read audit
entry (``reports.report.viewed``), so that a view cannot show a report without it being logged.
"""

from __future__ import annotations

from datetime import date, datetime

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from klankbord.accounts.types import User
from klankbord.crypto.fields import encrypted_fields
from klankbord.geo.models import RegionMembership
from klankbord.messaging.selectors import unread_count_subquery

from .constants import FINAL_STATUSES, InboxTab, ReportStatus, TalkRequestStatus
from .models import IntakeNote, Report, ReportCorrection, ReportStatusChange, TalkRequest
from .permissions import Viewer, ambassador_fields, is_counsellor, is_reporter
from .readmodel import ReportView, build_report_view
from .services import report_viewed

_OPEN = Q(status__in=[s for s in ReportStatus.values if s not in FINAL_STATUSES])


def _base() -> QuerySet[Report]:
    return Report.objects.select_related("municipality", "assigned_counsellor", "ambassador", "reporter")


def _get(pk: int | str) -> Report:
    try:
        return _base().get(pk=int(pk))
    except (Report.DoesNotExist, TypeError, ValueError):
        raise Http404 from None


def report_get_for_counsellor(*, user: User, pk: int | str) -> Report:
    """The report for a counsellor's case page; 404 for everyone else."""
    if not is_counsellor(user):
        raise Http404
    return _get(pk)


def report_get_for_reporter(*, viewer: Viewer, pk: int | str) -> Report:
    """The report for its own reporter (account or receipt session); 404 for everyone else."""
    report = _get(pk)
    if not is_reporter(viewer, report):
        raise Http404
    return report


def report_view_for_user(*, user: User, pk: int | str) -> ReportView:
    """The case-page read model with ONLY the fields ``user`` may see.

    Counsellors see everything; the report's ambassador sees the consented fields while consent holds (read
    from the ledger now, so a withdrawal counts at once); anyone else gets a 404.
    """
    report = _get(pk)
    if is_counsellor(user):
        return build_report_view(report, access="counsellor")
    fields = ambassador_fields(user, report)
    if fields:
        return build_report_view(report, access="ambassador", fields=fields)
    raise Http404


def report_view_for_reporter(*, viewer: Viewer, pk: int | str) -> ReportView:
    return build_report_view(report_get_for_reporter(viewer=viewer, pk=pk), access="reporter")


def report_open_for_user(*, user: User, pk: int | str) -> ReportView:
    """The case page's read model (see ``report_view_for_user``), audited as read by ``user``."""
    view = report_view_for_user(user=user, pk=pk)
    report_viewed(actor=user, report_id=view.pk, context=f"case:{view.access}")
    return view


def report_open_for_counsellor(*, user: User, pk: int | str, context: str) -> Report:
    """The report for a counsellor's page other than the case page (``context`` says which), audited as read."""
    report = report_get_for_counsellor(user=user, pk=pk)
    report_viewed(actor=user, report_id=report.pk, context=context)
    return report


def report_open_for_reporter(*, viewer: Viewer, pk: int | str) -> Report:
    """The report for its reporter's portal page, audited as read by the account or the receipt session."""
    report = report_get_for_reporter(viewer=viewer, pk=pk)
    report_viewed(actor=viewer.account, report_id=report.pk, context="portal", actor_label=viewer.audit_label)
    return report


def _tab_filter(tab: str, user: User, today: date) -> Q:
    waiting = _OPEN & Q(first_responded_at__isnull=True)
    return {
        InboxTab.NEW: Q(status=ReportStatus.RECEIVED),
        InboxTab.URGENT: _OPEN & Q(urgent=True),
        InboxTab.WAITING: waiting,
        # Acute reports are overdue from the hour they were due, others from the day after their due day.
        InboxTab.OVERDUE: waiting
        & (Q(first_response_due__lt=today) | Q(first_response_due_at__lt=timezone.now())),
        InboxTab.MINE: _OPEN & Q(assigned_counsellor=user),
        InboxTab.OPEN: _OPEN,
        InboxTab.CLOSED: ~_OPEN,
    }[InboxTab(tab)]


def acute_response_due_at(*, report_id: int) -> datetime | None:
    """When an acute report's first response is due (``None`` for other reports or once it was given).

    Only the receipt asks this, for the report its session just submitted: it holds nothing confidential.
    """
    return (
        Report.objects.filter(pk=report_id, urgent=True, first_responded_at__isnull=True)
        .values_list("first_response_due_at", flat=True)
        .first()
    )


def unclaimed_acute_reports() -> QuerySet[Report]:
    """Open acute reports that no counsellor has claimed yet: each counsellor sees a banner until one does."""
    return Report.objects.filter(_OPEN & Q(urgent=True, assigned_counsellor__isnull=True))


_ENCRYPTED = [field.name for field in encrypted_fields(Report)]


INBOX_PRIORITY = ("-urgent", "first_response_due", "-received_at")


def report_search(queryset: QuerySet[Report], q: str) -> QuerySet[Report]:
    """Reports whose reference, municipality, region (of the active scheme) or status matches ``q``."""
    if not q:
        return queryset
    statuses = [value for value, label in ReportStatus.choices if q.lower() in str(label).lower()]
    in_region = RegionMembership.objects.filter(
        municipality=OuterRef("municipality_id"), region__scheme__is_active=True, region__name__icontains=q
    )
    return queryset.filter(
        Q(reference__icontains=q)
        | Q(municipality__name__icontains=q)
        | Q(status__in=statuses)
        | Exists(in_region)
    )


def inbox_reports(
    *,
    user: User,
    tab: str,
    today: date | None = None,
    q: str = "",
    since: date | None = None,
    until: date | None = None,
    order_by: tuple[str, ...] = INBOX_PRIORITY,
) -> QuerySet[Report]:
    """The counsellor inbox: a fixed number of queries however many reports there are. Searchable by reference,
    municipality, region and status; ``since``/``until`` bound the day received."""
    today = today or timezone.localdate()
    queryset = report_search(Report.objects.filter(_tab_filter(tab, user, today)), q)
    if since:
        queryset = queryset.filter(received_at__date__gte=since)
    if until:
        queryset = queryset.filter(received_at__date__lte=until)
    return (
        queryset.defer(*_ENCRYPTED)  # the inbox shows no content: none of its rows is decrypted
        .select_related("municipality", "assigned_counsellor")
        .annotate(unread=unread_count_subquery(user=user))
        .order_by(*order_by, "pk")
    )


def inbox_tab_counts(*, user: User, today: date | None = None) -> dict[str, int]:
    """How many reports each tab holds, in one query."""
    today = today or timezone.localdate()
    counts = Report.objects.aggregate(
        **{tab.value: Count("pk", filter=_tab_filter(tab.value, user, today)) for tab in InboxTab}
    )
    return {key: int(value or 0) for key, value in counts.items()}


def reports_of_reporter(*, user: User) -> QuerySet[Report]:
    return (
        Report.objects.filter(reporter=user)
        .select_related("municipality")
        .annotate(unread=unread_count_subquery(user=user))
        .order_by("-received_at")
    )


def talk_requests_open() -> QuerySet[TalkRequest]:
    return TalkRequest.objects.filter(status=TalkRequestStatus.OPEN).select_related(
        "municipality", "requester"
    )


def talk_request_get_for_counsellor(*, user: User, pk: int | str) -> TalkRequest:
    if not is_counsellor(user):
        raise Http404
    try:
        return TalkRequest.objects.select_related("municipality", "report").get(pk=int(pk))
    except (TalkRequest.DoesNotExist, TypeError, ValueError):
        raise Http404 from None


def report_status_history(*, report: Report, with_actor: bool) -> list[ReportStatusChange]:
    """The report's status changes, oldest first; counsellors see who made each one."""
    changes = report.status_changes.all()
    return list(changes.select_related("actor") if with_actor else changes)


def report_corrections(*, report: Report, with_actor: bool) -> list[ReportCorrection]:
    """The counsellors' corrections of the report, oldest first; counsellors see who made each one."""
    corrections = ReportCorrection.objects.filter(report=report)
    return list(corrections.select_related("actor") if with_actor else corrections)


def report_intake_notes(*, report: Report) -> list[IntakeNote]:
    return list(report.intake_notes.select_related("author"))


def reports_received_per_municipality(*, since: datetime) -> dict[int, int]:
    """How many reports were received since ``since`` per reporter's municipality (pk): counts only, for the
    demand figures of recruitment. One query."""
    rows = (
        Report.objects.filter(received_at__gte=since, municipality__isnull=False)
        .values("municipality_id")
        .annotate(n=Count("pk"))
    )
    return {row["municipality_id"]: row["n"] for row in rows}


def reporter_has_reports(*, user: User) -> bool:
    """Whether ``user`` filed a report (their portal is then where they land after login)."""
    return Report.objects.filter(reporter=user).exists()


def open_reports_per_status() -> dict[str, int]:
    """How many reports are open per status (counts only, no case data), in one query."""
    rows = Report.objects.filter(_OPEN).values("status").annotate(n=Count("pk")).order_by()
    return {row["status"]: row["n"] for row in rows}


def first_response_figures(*, since: datetime) -> dict[str, int]:
    """Reports received since ``since``: how many got a first response, how many in time (by the due day, or
    the due hour for acute ones) and how many open ones still wait past their due moment. One query."""
    responded = Q(first_responded_at__isnull=False)
    in_time = responded & (
        Q(first_response_due_at__isnull=False, first_responded_at__lte=F("first_response_due_at"))
        | Q(first_response_due_at__isnull=True, first_responded_at__date__lte=F("first_response_due"))
    )
    late_waiting = (
        _OPEN
        & Q(first_responded_at__isnull=True)
        & (Q(first_response_due__lt=timezone.localdate()) | Q(first_response_due_at__lt=timezone.now()))
    )
    figures = Report.objects.filter(received_at__gte=since).aggregate(
        received=Count("pk"),
        responded=Count("pk", filter=responded),
        in_time=Count("pk", filter=in_time),
        late_waiting=Count("pk", filter=late_waiting),
    )
    return {key: int(value or 0) for key, value in figures.items()}
