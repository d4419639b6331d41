"""Reads of support. Access selectors raise Http404 for anyone without access (never 403), so that the
existence of a case does not leak to an ambassador it is not assigned to. The ``*_open_*`` selectors serve the
pages that show a case and write its read audit entry as well."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, TypedDict

from django.conf import settings
from django.db.models import Aggregate, Avg, Count, DateField, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils.translation import gettext as _

from klankbord.accounts.types import User
from klankbord.ambassadors.constants import AmbassadorStatus
from klankbord.audit.services import audit_read
from klankbord.consent.constants import Purpose, ShareableField
from klankbord.consent.selectors import consent_state
from klankbord.geo.models import RegionMembership
from klankbord.matching.constants import AssignmentStatus
from klankbord.matching.models import Assignment
from klankbord.reports.constants import ReportStatus
from klankbord.reports.models import Report
from klankbord.reports.permissions import is_counsellor
from klankbord.reports.readmodel import ReportView, build_report_view
from klankbord.reports.selectors import report_get_for_counsellor

from .constants import EVALUATION_QUESTIONS, CheckInStatus
from .models import (
    AftercareCheckIn,
    ClosingEvaluation,
    ContactMoment,
    Escalation,
    Referral,
    ReferralResource,
    Reflection,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

REQUESTED, ACCEPTED = AssignmentStatus.REQUESTED, AssignmentStatus.ACCEPTED


@dataclass(frozen=True)
class SupportCase:
    """One case as its viewer may see it: ``view`` holds only the fields they may see."""

    report: Report
    view: ReportView
    access: str  # "ambassador" or "counsellor"
    assignment: Assignment | None


def _int(value: int | str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None


def _own_assignment(user: User, report_pk: int | str, status: str) -> Assignment:
    if not getattr(user, "is_authenticated", False):
        raise Http404
    found = (
        Assignment.objects.select_related("report__municipality", "ambassador__user")
        .filter(report_id=_int(report_pk), ambassador__user=user, status=status)
        .exclude(ambassador__status=AmbassadorStatus.ENDED)  # an ended ambassador's access ends at once
        .first()
    )
    if found is None:
        raise Http404
    return found


def _ambassador_view(report: Report) -> ReportView:
    state = consent_state(report_id=report.pk)
    if not state.allows(Purpose.CONNECT_AMBASSADOR):
        raise Http404
    return build_report_view(report, access="ambassador", fields=state.shared_fields())


def request_for_ambassador(*, user: User, report_pk: int | str) -> tuple[Assignment, ReportView]:
    """The open request to this ambassador with only the consented fields; 404 for anyone else."""
    assignment = _own_assignment(user, report_pk, REQUESTED)
    return assignment, _ambassador_view(assignment.report)


def case_for_user(*, user: User, report_pk: int | str) -> SupportCase:
    """The support page of a case: counsellors see it whole; the ambassador only through their accepted
    assignment, while the member's consent to be connected holds; everyone else gets a 404."""
    if is_counsellor(user):
        report = report_get_for_counsellor(user=user, pk=report_pk)
        current = accepted_assignment(report_id=report.pk)
        return SupportCase(report, build_report_view(report, access="counsellor"), "counsellor", current)
    assignment = _own_assignment(user, report_pk, ACCEPTED)
    report = assignment.report
    if report.ambassador_id != user.pk:
        raise Http404
    return SupportCase(report, _ambassador_view(report), "ambassador", assignment)


def thread_shared_with_ambassador(*, report: Report) -> bool:
    """May the connected ambassador read and write the conversation? Only while the member shares with them
    (the share consent next to the consent to an ambassador), read from the ledger now."""
    state = consent_state(report_id=report.pk)
    return state.allows(Purpose.CONNECT_AMBASSADOR) and state.allows(Purpose.SHARE_FIELDS)


def request_open_for_ambassador(*, user: User, report_pk: int | str) -> tuple[Assignment, ReportView]:
    """``request_for_ambassador``, audited as a read of the report by ``user``."""
    assignment, view = request_for_ambassador(user=user, report_pk=report_pk)
    audit_read(actor=user, target=assignment.report)
    return assignment, view


def case_open_for_user(*, user: User, report_pk: int | str) -> SupportCase:
    """``case_for_user``, audited as a read of the report by ``user``."""
    case = case_for_user(user=user, report_pk=report_pk)
    audit_read(actor=user, target=case.report)
    return case


def referral_of_report(*, report: Report, pk: int | str) -> Referral:
    """One referral of this case (the caller has already been given the case); 404 otherwise."""
    found = referrals(report=report).filter(pk=_int(pk)).first()
    if found is None:
        raise Http404
    return found


# What the aftercare page of a check-in shows of the report: how to reach the member, as far as they share it.
AFTERCARE_CONTACT_FIELDS = frozenset(
    {
        ShareableField.CONTACT_NAME,
        ShareableField.CONTACT_EMAIL,
        ShareableField.CONTACT_PHONE,
        ShareableField.PREFERRED_CONTACT,
    }
)


@dataclass(frozen=True)
class AftercareVisit:
    """One check-in as its ambassador may see it on the narrow aftercare page."""

    checkin: AftercareCheckIn
    view: ReportView  # only the member's shared contact fields
    case_open: bool  # the ambassador still supports the case, so their case page holds the rest


def _supported_until_closing(report: Report, user: User) -> bool:
    """Was ``user`` the last ambassador who supported this closed report, and are they still an ambassador?"""
    last = last_supporting_assignment(report_id=report.pk)
    return (
        last is not None
        and last.ambassador.user_id == user.pk
        and last.ambassador.status != AmbassadorStatus.ENDED
    )


def checkin_for_ambassador(*, user: User, report_pk: int | str, pk: int | str) -> AftercareVisit:
    """The aftercare page of one check-in, for the ambassador it is planned with and while the member's consent
    to aftercare holds. While the case is open that ambassador must still support it (``case_for_user``); after
    closing only a check-in that was kept (still planned) and only for the ambassador who supported the member
    until the end. Nothing else of a closed case opens to them. Everyone else gets a 404."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    found = (
        AftercareCheckIn.objects.select_related("report")
        .filter(pk=_int(pk), report_id=_int(report_pk), ambassador=user)
        .first()
    )
    if found is None:
        raise Http404
    report = found.report
    state = consent_state(report_id=report.pk)
    if not state.allows(Purpose.AFTERCARE_CONTACT):
        raise Http404
    if report.is_open:
        # case_for_user raises Http404 unless they may open the case; a counsellor is not this page's user.
        if case_for_user(user=user, report_pk=report.pk).access != "ambassador":
            raise Http404
    elif not (
        report.status == ReportStatus.CLOSED
        and found.status == CheckInStatus.PLANNED
        and _supported_until_closing(report, user)
    ):
        raise Http404
    view = build_report_view(
        report, access="ambassador", fields=state.shared_fields() & AFTERCARE_CONTACT_FIELDS
    )
    return AftercareVisit(found, view, report.is_open)


def checkin_open_for_ambassador(*, user: User, report_pk: int | str, pk: int | str) -> AftercareVisit:
    """``checkin_for_ambassador``, audited as a read of the report by ``user``."""
    visit = checkin_for_ambassador(user=user, report_pk=report_pk, pk=pk)
    audit_read(actor=user, target=visit.checkin.report, data={"checkin": visit.checkin.pk})
    return visit


def kept_checkins_of_ambassador(*, user: User) -> QuerySet[AftercareCheckIn]:
    """Planned check-ins of closed cases with this ambassador (kept on closing): their list links to each."""
    return (
        AftercareCheckIn.objects.filter(
            ambassador=user, status=CheckInStatus.PLANNED, report__status=ReportStatus.CLOSED
        )
        .select_related("report")
        .order_by("due_on", "pk")
    )


def escalation_get(*, pk: int | str) -> Escalation:
    """An escalation for the counsellors' list (the page gate has checked the permissions); 404 if missing."""
    found = Escalation.objects.filter(pk=_int(pk)).first()
    if found is None:
        raise Http404
    return found


def accepted_assignment(*, report_id: int) -> Assignment | None:
    return (
        Assignment.objects.select_related("ambassador__user")
        .filter(report_id=report_id, status=ACCEPTED)
        .first()
    )


def _next_checkin() -> Subquery[DateField]:
    planned = AftercareCheckIn.objects.filter(report=OuterRef("report_id"), status=CheckInStatus.PLANNED)
    return Subquery(planned.order_by("due_on").values("due_on")[:1])


def assignments_of_ambassador(*, user: User) -> QuerySet[Assignment]:
    """The ambassador's requests and cases (open ones first), each with its next check-in: one query."""
    return (
        Assignment.objects.filter(ambassador__user=user, status__in=[REQUESTED, ACCEPTED])
        .select_related("report")
        .annotate(next_checkin=_next_checkin())
        .order_by("status", "-requested_at")
    )


def contact_moments(*, report: Report) -> QuerySet[ContactMoment]:
    return ContactMoment.objects.filter(report=report).select_related("author")


def contact_log_for_export(report: Report) -> list[dict[str, object]]:
    """The contact log as the member's export holds it: when, how, how long, the guidance topics and the short
    note (the member may ask for these notes; see ``MINIMAL_NOTE_HELP``), oldest first."""
    rows: list[dict[str, object]] = []
    for moment in contact_moments(report=report).order_by("date", "pk"):
        topics = moment.topic_labels
        text = _("%(form)s, %(minutes)d minuten") % {
            "form": moment.get_form_display(),
            "minutes": moment.duration_minutes,
        }
        if topics:
            text += " · " + _("onderwerpen: %(topics)s") % {"topics": ", ".join(topics)}
        if moment.note:
            text += "\n" + moment.note
        rows.append(
            {
                "at": moment.date.isoformat(),
                "form": moment.get_form_display(),
                "minutes": moment.duration_minutes,
                "topics": topics,
                "note": moment.note,
                "text": text,
            }
        )
    return rows


def referrals(*, report: Report) -> QuerySet[Referral]:
    return Referral.objects.filter(report=report).select_related("resource").prefetch_related("history")


def checkins(*, report: Report) -> QuerySet[AftercareCheckIn]:
    return AftercareCheckIn.objects.filter(report=report)


def reflections(*, report: Report) -> QuerySet[Reflection]:
    return Reflection.objects.filter(report=report).select_related("author")


def escalations_of_report(*, report: Report) -> QuerySet[Escalation]:
    return Escalation.objects.filter(report=report).select_related("raised_by", "handled_by")


def escalations_open() -> QuerySet[Escalation]:
    return Escalation.objects.filter(handled_at__isnull=True).select_related("report", "raised_by")


def resources_for_report(*, report: Report) -> QuerySet[ReferralResource]:
    """Active help that applies to the member: national, or for a region their municipality belongs to."""
    if report.municipality_id is None:  # no municipality known: only national help applies
        regions = RegionMembership.objects.none().values("region_id")
    else:
        regions = RegionMembership.objects.filter(municipality_id=report.municipality_id).values("region_id")
    return (
        ReferralResource.objects.filter(active=True)
        .filter(Q(region__isnull=True) | Q(region_id__in=regions))
        .select_related("region")
    )


def resource_list() -> QuerySet[ReferralResource]:
    return ReferralResource.objects.select_related("region").order_by("region__name", "kind", "name")


def resource_get(*, pk: int | str) -> ReferralResource:
    try:
        return ReferralResource.objects.get(pk=_int(pk))
    except ReferralResource.DoesNotExist:
        raise Http404 from None


@dataclass(frozen=True)
class PortalSupport:
    """What the member's portal shows about support: never more than the member's own case."""

    ambassador_name: str
    ambassador_email: str
    status_label: StrOrPromise
    next_checkin: date | None
    can_evaluate: bool
    evaluated: bool
    closed: bool = False  # after closing, ``ambassador_name`` is who supported the member


def portal_support_for(*, report_pk: int) -> PortalSupport | None:
    """The support panel of the member's portal page, or None when the report is gone. The page has already
    checked that the viewer is the report's own member."""
    report = Report.objects.filter(pk=report_pk).first()
    return portal_support(report=report) if report else None


def portal_support(*, report: Report) -> PortalSupport:
    assignment = accepted_assignment(report_id=report.pk)
    closed = report.status == ReportStatus.CLOSED
    former = assignment is None and closed
    if former:  # who supported the member is named, but the former ambassador is no longer their contact
        assignment = last_supporting_assignment(report_id=report.pk)
    user = assignment.ambassador.user if assignment else None
    planned = checkins(report=report).filter(status=CheckInStatus.PLANNED).order_by("due_on").first()
    evaluated = ClosingEvaluation.objects.filter(report=report).exists()
    return PortalSupport(
        ambassador_name=str(user.display_name or "") if user else "",
        ambassador_email=user.email if user and not former else "",
        status_label=ReportStatus(report.status).label,
        next_checkin=planned.due_on if planned else None,
        can_evaluate=not evaluated and report.status in EVALUABLE_STATUSES,
        evaluated=evaluated,
        closed=closed,
    )


def last_supporting_assignment(*, report_id: int) -> Assignment | None:
    """The last ambassador who supported the member: an assignment that was accepted (answered, then ended)."""
    return (
        Assignment.objects.select_related("ambassador__user")
        .filter(report_id=report_id, status=AssignmentStatus.ENDED, responded_at__isnull=False)
        .order_by("-ended_at", "-pk")
        .first()
    )


EVALUABLE_STATUSES = ("aftercare", "closed")


class QuestionAggregate(TypedDict):
    key: str
    label: str
    mean: float
    distribution: dict[int, int]


class EvaluationAggregates(TypedDict):
    count: int
    suppressed: bool
    questions: list[QuestionAggregate]


def evaluation_aggregates(*, k: int | None = None) -> EvaluationAggregates:
    """Anonymised process feedback for the signals app: per question the mean and the count of each score.

    Only numbers, never the free text; with fewer than ``k`` evaluations (the disclosure threshold) only the
    suppressed flag is returned, so that nobody's answers can be singled out.
    """
    k = k or int(getattr(settings, "KLANKBORD_DISCLOSURE_K", 5))
    keys = [key for key, _label in EVALUATION_QUESTIONS]
    spec: dict[str, Aggregate] = {"n": Count("pk")}
    for key in keys:
        spec[f"{key}__avg"] = Avg(key)
        for score in range(1, 6):
            spec[f"{key}__{score}"] = Count("pk", filter=Q(**{key: score}))
    row = ClosingEvaluation.objects.aggregate(**spec)
    if row["n"] < k:
        return {"count": row["n"], "suppressed": True, "questions": []}
    questions: list[QuestionAggregate] = [
        {
            "key": key,
            "label": str(label),
            "mean": round(float(row[f"{key}__avg"]), 2),
            "distribution": {score: row[f"{key}__{score}"] for score in range(1, 6)},
        }
        for key, label in EVALUATION_QUESTIONS
    ]
    return {"count": row["n"], "suppressed": False, "questions": questions}
