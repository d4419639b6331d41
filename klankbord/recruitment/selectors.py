"""Reads for recruitment. Access selectors 404 for outsiders; the blind-scoring rule lives here, nowhere else.

Blind scoring: a user who scores (``recruitment.score_applications``) sees the other members' scores of an
applicant only once their own score for that applicant is in. Users who do not score (the coordinator) see
all scores. The same holds for the interview report, which carries impressions per competence: a scorer sees a
report written by someone else only after scoring. A member who declared a conflict of interest does not get the
applicant at all.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, TypedDict

from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from klankbord.accounts.selectors import users_with_permission
from klankbord.accounts.types import User
from klankbord.audit.services import audit_read
from klankbord.crypto.fields import encrypted_fields
from klankbord.geo.models import RegionScheme
from klankbord.geo.selectors import active_scheme, regions_of_scheme

from . import network
from .constants import ApplicationStatus, Competence, InterviewStatus, Recommendation, VacancyStatus
from .coverage import CoverageRow, default_target
from .models import (
    Application,
    CommitteeConflict,
    CoverageTarget,
    Interview,
    Onboarding,
    Score,
    TimeGuidance,
    Vacancy,
)
from .permissions import SCORE_APPLICATIONS, is_scorer
from .workflow import IN_SELECTION

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class VisibilityAnnotations(TypedDict):
    own_scored: bool
    conflicted: bool


# --- coverage and vacancies -------------------------------------------------------------------------------


def coverage_overview(scheme: RegionScheme | None = None) -> list[CoverageRow]:
    """One row per region of the active scheme; a fixed number of queries however many regions."""
    scheme = scheme or active_scheme()
    targets = dict(CoverageTarget.objects.filter(region__scheme=scheme).values_list("region_id", "target"))
    vacancies = dict(
        Vacancy.objects.filter(region__scheme=scheme, status=VacancyStatus.OPEN).values_list(
            "region_id", "pk"
        )
    )
    active = network.active_ambassadors_per_region(scheme)
    gaps = _unaddressed_gaps(scheme)
    reports = network.recent_reports_per_region(scheme)
    return [
        CoverageRow(
            region_pk=region.pk,
            region_name=region.name,
            region_code=region.code,
            municipality_count=region.municipality_count,
            recent_reports=reports.get(region.pk, 0),
            default_target=default_target(
                municipality_count=region.municipality_count, recent_reports=reports.get(region.pk, 0)
            ),
            custom_target=targets.get(region.pk),
            active=active.get(region.pk, 0),
            open_gaps=gaps.get(region.pk, 0),
            open_vacancy_pk=vacancies.get(region.pk),
        )
        for region in regions_of_scheme(scheme)
    ]


def _unaddressed_gaps(scheme: RegionScheme) -> dict[int, int]:
    """Gaps matching recorded in the last year, per region, after the region's most recent vacancy opened."""
    last_opened = dict(
        Vacancy.objects.filter(region__scheme=scheme)
        .values("region_id")
        .annotate(last=Max("opened_at"))
        .values_list("region_id", "last")
    )
    counter: Counter[int] = Counter()
    for region_pk, day in network.coverage_gap_days(scheme):
        opened = last_opened.get(region_pk)
        if opened is None or day > timezone.localdate(opened):
            counter[region_pk] += 1
    return dict(counter)


def coverage_row(*, region_pk: int) -> CoverageRow:
    """The coverage of one region of the active scheme, or 404."""
    for row in coverage_overview():
        if row.region_pk == region_pk:
            return row
    raise Http404


def open_vacancies() -> QuerySet[Vacancy]:
    """Vacancies the public can apply to today, in regions of the active scheme, by region name."""
    today = timezone.localdate()
    return (
        Vacancy.objects.filter(status=VacancyStatus.OPEN, region__scheme__is_active=True)
        .exclude(closes_on__lt=today)
        .select_related("region")
        .order_by("region__name")
    )


def vacancy_get_public(*, pk: int) -> Vacancy:
    """A vacancy the public can apply to; 404 otherwise."""
    return get_object_or_404(open_vacancies(), pk=pk)


def vacancy_get_published(*, pk: int) -> Vacancy:
    """Any vacancy of the active scheme, open or closed: a link to a filled vacancy says that it is filled."""
    queryset = Vacancy.objects.filter(region__scheme__is_active=True).select_related("region")
    return get_object_or_404(queryset, pk=pk)


def vacancy_is_open(*, vacancy: Vacancy) -> bool:
    """Whether the public can apply to ``vacancy`` today."""
    return open_vacancies().filter(pk=vacancy.pk).exists()


def time_guidance() -> TimeGuidance | None:
    """The time commitment the vacancy texts state, if the coordinator set one."""
    return TimeGuidance.objects.first()


def vacancies_for_staff() -> QuerySet[Vacancy]:
    return Vacancy.objects.select_related("region").annotate(application_count=Count("applications"))


def open_vacancies_for_staff() -> QuerySet[Vacancy]:
    """Open vacancies with their application counts, by region name."""
    return vacancies_for_staff().filter(status=VacancyStatus.OPEN).order_by("region__name")


def vacancy_get(*, pk: int) -> Vacancy:
    return get_object_or_404(Vacancy.objects.select_related("region"), pk=pk)


# --- applications ------------------------------------------------------------------------------------------


_ENCRYPTED_APPLICATION_FIELDS = [f.name for f in encrypted_fields(Application) if f.name != "name"]
_ENCRYPTED_SCORE_FIELDS = [f.name for f in encrypted_fields(Score)]


def _visible_applications(user: User) -> QuerySet[WithAnnotations[Application, VisibilityAnnotations]]:
    conflicted = CommitteeConflict.objects.filter(application=OuterRef("pk"), member=user)
    own_score = Score.objects.filter(application=OuterRef("pk"), member=user)
    return (
        Application.objects.select_related("vacancy__region", "home_municipality")
        .annotate(own_scored=Exists(own_score), conflicted=Exists(conflicted))
        .filter(conflicted=False)
    )


def applications_for_user(
    *,
    user: User,
    status: str = "",
    vacancy_pk: int | None = None,
    q: str = "",
    since: date | None = None,
    until: date | None = None,
    order_by: tuple[str, ...] = ("-submitted_at",),
) -> QuerySet[Application]:
    """The applications ``user`` may see (without those they declared a conflict for), newest first. ``q``
    matches the number, the vacancy's region, the home municipality or the status (names are encrypted and
    cannot be searched); ``since``/``until`` bound the day received."""
    queryset = (
        _visible_applications(user)
        .defer(*_ENCRYPTED_APPLICATION_FIELDS)  # the list shows names only: nothing else is decrypted
        .annotate(score_count=Count("scores", distinct=True))
    )
    if status:
        queryset = queryset.filter(status=status)
    if vacancy_pk:
        queryset = queryset.filter(vacancy_id=vacancy_pk)
    if q:
        statuses = [value for value, label in ApplicationStatus.choices if q.lower() in str(label).lower()]
        match = (
            Q(vacancy__region__name__icontains=q)
            | Q(home_municipality__name__icontains=q)
            | Q(status__in=statuses)
        )
        if q.isdigit() and len(q) < 10:
            match |= Q(pk=int(q))
        queryset = queryset.filter(match)
    if since:
        queryset = queryset.filter(submitted_at__date__gte=since)
    if until:
        queryset = queryset.filter(submitted_at__date__lte=until)
    return queryset.order_by(*order_by, "pk")


def applications_awaiting_score(*, user: User, limit: int = 10) -> list[Application]:
    """Applications in selection that ``user`` may score and has not scored yet, oldest first (one query)."""
    queryset = _visible_applications(user).filter(status__in=IN_SELECTION, own_scored=False)
    return list(queryset.order_by("submitted_at", "pk")[:limit])


def applications_per_status() -> dict[str, int]:
    """How many applications there are per status (counts only), in one query."""
    rows = Application.objects.values("status").annotate(n=Count("pk")).order_by()
    return {row["status"]: row["n"] for row in rows}


def upcoming_interviews_for_user(*, user: User, limit: int = 10) -> list[Interview]:
    """Planned interviews from now on, of applications ``user`` may see (one query)."""
    conflicted = CommitteeConflict.objects.filter(application=OuterRef("application_id"), member=user)
    return list(
        Interview.objects.filter(status=InterviewStatus.PLANNED, ends_at__gte=timezone.now())
        .exclude(Exists(conflicted))
        .select_related("application__vacancy__region")
        .order_by("starts_at", "pk")[:limit]
    )


def conflicts_count(*, user: User) -> int:
    return CommitteeConflict.objects.filter(member=user).count()


def application_get_for_user(*, user: User, pk: int) -> WithAnnotations[Application, VisibilityAnnotations]:
    """One application for someone with ``view_applications``; 404 when they declared a conflict for it."""
    return get_object_or_404(_visible_applications(user), pk=pk)


def application_open_for_user(*, user: User, pk: int) -> WithAnnotations[Application, VisibilityAnnotations]:
    """``application_get_for_user`` for the detail page: the application, audited as read by ``user``."""
    application = application_get_for_user(user=user, pk=pk)
    audit_read(actor=user, target=application)
    return application


# --- scores ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CompetenceSummary:
    competence: str
    label: str
    mean: float
    spread: int  # highest minus lowest score


@dataclass(frozen=True)
class ScoreSummary:
    count: int
    competences: list[CompetenceSummary]
    recommendations: list[tuple[str, int]]

    @property
    def overall_mean(self) -> float | None:
        if not self.competences:
            return None
        return round(statistics.fmean(item.mean for item in self.competences), 2)


def score_summary(scores: list[Score]) -> ScoreSummary:
    """Mean and spread (max - min) per competence, and the recommendations counted (float arithmetic)."""
    competences = []
    if scores:
        for competence in Competence:
            values = [getattr(score, competence.value) for score in scores]
            competences.append(
                CompetenceSummary(
                    competence=competence.value,
                    label=str(competence.label),
                    mean=round(sum(values) / len(values), 2),
                    spread=max(values) - min(values),
                )
            )
    counted = Counter(score.recommendation for score in scores)
    recommendations = [
        (str(choice.label), counted[choice.value]) for choice in Recommendation if counted[choice]
    ]
    return ScoreSummary(count=len(scores), competences=competences, recommendations=recommendations)


@dataclass(frozen=True)
class ScoreView:
    """What ``user`` may see of an applicant's scores."""

    own: Score | None
    may_score: bool
    others_visible: bool
    others: list[Score] = field(default_factory=list)
    summary: ScoreSummary | None = None
    total: int = 0

    @property
    def table(self) -> list[ScoreTableRow]:
        """Per competence: mean, spread, the user's own score and each other member's, in submission order."""
        if self.summary is None:
            return []
        return [
            ScoreTableRow(
                label=item.label,
                mean=item.mean,
                spread=item.spread,
                own=getattr(self.own, item.competence) if self.own else None,
                others=[getattr(score, item.competence) for score in self.others],
            )
            for item in self.summary.competences
        ]


@dataclass(frozen=True)
class ScoreTableRow:
    label: str
    mean: float
    spread: int
    own: int | None
    others: list[int]


def _scores_visible(user: User, own: Score | None) -> bool:
    return own is not None or not is_scorer(user)


def scores_for_user(*, user: User, application: Application) -> ScoreView:
    """Own score always; the others' and the combined summary only after submitting one's own."""
    scores = list(Score.objects.filter(application=application).select_related("member"))
    own = next((score for score in scores if score.member_id == user.pk), None)
    may_score = is_scorer(user) and own is None
    if not _scores_visible(user, own):
        return ScoreView(own=None, may_score=may_score, others_visible=False, total=len(scores))
    others = [score for score in scores if score.member_id != user.pk]
    return ScoreView(
        own=own,
        may_score=may_score,
        others_visible=True,
        others=others,
        summary=score_summary(scores),
        total=len(scores),
    )


@dataclass(frozen=True)
class OverviewRow:
    application: Application
    visible: bool
    summary: ScoreSummary | None
    total: int


def score_overview_for_user(*, user: User, vacancy_pk: int | None = None) -> list[OverviewRow]:
    """Per visible application its combined scores, blinded per row for scorers who have not scored it yet."""
    # Only the names are shown: the other encrypted columns (contact details, texts, remarks) are not even read.
    without_remarks = Score.objects.defer(*_ENCRYPTED_SCORE_FIELDS)
    queryset = (
        _visible_applications(user)
        .defer(*_ENCRYPTED_APPLICATION_FIELDS)
        .prefetch_related(Prefetch("scores", queryset=without_remarks))
    )
    if vacancy_pk:
        queryset = queryset.filter(vacancy_id=vacancy_pk)
    rows = []
    for application in queryset.order_by("vacancy__region__name", "-submitted_at"):
        scores = list(application.scores.all())
        visible = application.own_scored or not is_scorer(user)
        rows.append(
            OverviewRow(application, visible, score_summary(scores) if visible else None, len(scores))
        )
    return rows


# --- interviews and onboarding -----------------------------------------------------------------------------


def _has_scored(user: User, application_pk: int) -> bool:
    return Score.objects.filter(application_id=application_pk, member=user).exists()


def interview_notes_visible(*, user: User, interview: Interview, scored: bool | None = None) -> bool:
    """Whether ``user`` may read the report: non-scorers always, scorers once they scored or if they wrote it."""
    if not interview.outcome_notes or not is_scorer(user) or interview.outcome_recorded_by_id == user.pk:
        return True
    return scored if scored is not None else _has_scored(user, interview.application_id)


@dataclass(frozen=True)
class InterviewRow:
    interview: Interview
    panel: list[User]
    notes: str
    notes_hidden: bool


def interviews_for_user(*, user: User, application: Application) -> list[InterviewRow]:
    """The application's interviews with their panels; the report left out where blind scoring requires it."""
    scored = _has_scored(user, application.pk)
    rows = []
    for interview in application.interviews.prefetch_related("panel").order_by("starts_at"):
        visible = interview_notes_visible(user=user, interview=interview, scored=scored)
        notes = interview.outcome_notes if visible else ""
        rows.append(InterviewRow(interview, list(interview.panel.all()), notes, not visible))
    return rows


def panel_candidates(*, application: Application) -> QuerySet[User]:
    """Committee members who may sit on an interview panel for ``application``: no declared conflict."""
    conflicted = CommitteeConflict.objects.filter(application=application).values("member_id")
    return users_with_permission(SCORE_APPLICATIONS).exclude(pk__in=conflicted)


def interview_get_for_user(*, user: User, pk: int) -> Interview:
    interview = get_object_or_404(Interview.objects.select_related("application"), pk=pk)
    application_get_for_user(user=user, pk=interview.application_id)  # the conflict rule applies here too
    return interview


def onboarding_of(application: Application) -> Onboarding | None:
    return Onboarding.objects.filter(application=application).prefetch_related("regions").first()


def applications_due_for_purge(*, now: datetime) -> QuerySet[Application]:
    return Application.objects.filter(retain_until__isnull=False, retain_until__lte=now).order_by("pk")
