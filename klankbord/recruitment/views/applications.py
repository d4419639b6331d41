"""Applications for the office and the selection committee: list, detail, CV, scoring, conflicts, overview."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from klankbord.accounts.permissions import staff_page_required
from klankbord.accounts.types import AuthenticatedHttpRequest
from klankbord.core.exports import export_format, table_response
from klankbord.core.lists import ListSpec, Sort, list_query, paginate

from .. import selectors, services

if TYPE_CHECKING:
    from ..models import Application
from ..constants import COMPETENCE_GUIDANCE, RUBRIC_LEVELS, ApplicationStatus, Competence, CVKind
from ..forms import ConflictForm, DecisionForm, InterviewForm, ScoreForm
from ..permissions import (
    DECIDE_APPLICATIONS,
    SCORE_APPLICATIONS,
    VIEW_APPLICATIONS,
    can_conduct_interviews,
    can_decide,
    can_onboard,
    is_scorer,
)
from ..workflow import IN_SELECTION, can_transition

CV_MIMETYPES = {
    CVKind.PDF: "application/pdf",
    CVKind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    CVKind.ODT: "application/vnd.oasis.opendocument.text",
}


def _int_param(request: HttpRequest, name: str) -> int | None:
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() and len(value) < 10 else None


APPLICATION_LIST = ListSpec(
    sorts=(
        Sort("received", gettext_lazy("Ontvangen"), ("submitted_at",)),
        Sort("region", gettext_lazy("Regio"), ("vacancy__region__name",)),
        Sort("home", gettext_lazy("Woongemeente"), ("home_municipality__name",)),
        Sort("status", gettext_lazy("Status"), ("status",)),
    ),
    default_sort="-received",
    filters=("status", "vacature"),
    search_help=gettext_lazy("Nummer, regio, woongemeente of status. Van en tot: de dag van ontvangst."),
)


@require_safe
@staff_page_required(VIEW_APPLICATIONS)
def application_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    status = status if status in ApplicationStatus.values else ""
    vacancy_pk = _int_param(request, "vacature")
    query = list_query(request, APPLICATION_LIST)
    rows = selectors.applications_for_user(
        user=request.user,
        status=status,
        vacancy_pk=vacancy_pk,
        q=query.q,
        since=query.since,
        until=query.until,
        order_by=query.order_by,
    )
    fmt = export_format(request)
    if fmt:  # the whole filtered list, not one page
        shown = list(rows)
        services.applications_exported(actor=request.user, ids=[a.pk for a in shown], fmt=fmt)
        return _applications_export(fmt, shown)
    listing = paginate(request, rows, APPLICATION_LIST, query)
    export_query = request.GET.copy()
    export_query.pop("export", None)
    context = {
        "applications": listing.rows,
        "listing": listing,
        "query": export_query.urlencode(),
        "statuses": ApplicationStatus.choices,
        "status": status,
        "hidden_for_conflict": selectors.conflicts_count(user=request.user) if is_scorer(request.user) else 0,
        "is_scorer": is_scorer(request.user),
    }
    return render(request, "recruitment/staff/application_list.html", context)


def _applications_export(fmt: str, applications: Iterable[Application]) -> HttpResponse:
    """The list as on screen (what this user may see of it): candidate, region, home, received, status, scores."""
    header = [_("Kandidaat"), _("Regio"), _("Woongemeente"), _("Ontvangen"), _("Status"), _("Beoordelingen")]
    rows = [
        [
            application.name,
            application.vacancy.region.name,
            application.home_municipality.name,
            timezone.localdate(application.submitted_at),
            application.get_status_display(),
            getattr(application, "score_count", None),
        ]
        for application in applications
    ]
    return table_response(fmt=fmt, basename="sollicitaties", header=header, rows=rows)


@require_safe
@staff_page_required(VIEW_APPLICATIONS)
def application_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_open_for_user(user=request.user, pk=pk)  # 404 for outsiders; audited
    user = request.user
    in_selection = application.status in IN_SELECTION
    context = {
        "application": application,
        "scores": selectors.scores_for_user(user=user, application=application),
        "interviews": selectors.interviews_for_user(user=user, application=application),
        "onboarding": selectors.onboarding_of(application),
        "rubric": RUBRIC_LEVELS,
        "can_score": is_scorer(user) and in_selection,
        "can_declare_conflict": is_scorer(user) and in_selection,
        "can_schedule": can_conduct_interviews(user)
        and can_transition(application.status, ApplicationStatus.INTERVIEW),
        "can_record_outcome": can_conduct_interviews(user),
        "can_decide": can_decide(user) and in_selection,
        "can_onboard": can_onboard(user) and application.status == ApplicationStatus.ACCEPTED,
        "can_withdraw": can_decide(user) and can_transition(application.status, ApplicationStatus.WITHDRAWN),
        "interview_form": InterviewForm(
            prefix="interview", panel_candidates=selectors.panel_candidates(application=application)
        )
        if can_conduct_interviews(user)
        else None,
        "decision_form": DecisionForm(prefix="decision") if can_decide(user) else None,
    }
    return render(request, "recruitment/staff/application_detail.html", context)


@require_safe
@staff_page_required(VIEW_APPLICATIONS)
def application_cv(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_get_for_user(user=request.user, pk=pk)
    if not application.cv:
        raise Http404
    content = services.application_cv_read(actor=request.user, application=application)
    response = HttpResponse(
        content, content_type=CV_MIMETYPES.get(CVKind(application.cv_kind), "application/octet-stream")
    )
    response["Content-Disposition"] = f'attachment; filename="cv-{application.pk}.{application.cv_kind}"'
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
@staff_page_required(VIEW_APPLICATIONS, SCORE_APPLICATIONS)
def score(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_get_for_user(user=request.user, pk=pk)
    if application.own_scored:
        messages.info(request, _("U heeft deze kandidaat al beoordeeld."))
        return redirect("recruitment:application", pk=application.pk)
    form = ScoreForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.score_submit(
                actor=request.user,
                application=application,
                values=form.values(),
                recommendation=form.cleaned_data["recommendation"],
                remarks=form.cleaned_data["remarks"].strip(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Uw beoordeling is opgeslagen. U ziet nu ook die van de anderen."))
            return redirect("recruitment:application", pk=application.pk)
    competences = [(form[c.value], COMPETENCE_GUIDANCE[c]) for c in Competence]
    context = {"application": application, "form": form, "competences": competences, "rubric": RUBRIC_LEVELS}
    return render(request, "recruitment/staff/score_form.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
@staff_page_required(VIEW_APPLICATIONS, SCORE_APPLICATIONS)
def conflict(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_get_for_user(user=request.user, pk=pk)
    form = ConflictForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.conflict_declare(
            actor=request.user, application=application, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("Uw belangenconflict is vastgelegd. U ziet deze kandidaat niet meer."))
        return redirect("recruitment:applications")
    context = {"application": application, "form": form}
    return render(
        request, "recruitment/staff/conflict_form.html", context, status=400 if form.errors else 200
    )


@require_safe
@staff_page_required(VIEW_APPLICATIONS)
def overview(request: AuthenticatedHttpRequest) -> HttpResponse:
    vacancy_pk = _int_param(request, "vacature")
    rows = selectors.score_overview_for_user(user=request.user, vacancy_pk=vacancy_pk)
    context = {"rows": rows, "competences": Competence.choices, "is_scorer": is_scorer(request.user)}
    return render(request, "recruitment/staff/overview.html", context)


@require_POST
@staff_page_required(VIEW_APPLICATIONS, DECIDE_APPLICATIONS)
def withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_get_for_user(user=request.user, pk=pk)
    try:
        services.application_withdraw(actor=request.user, application=application)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De sollicitatie is als teruggetrokken vastgelegd."))
    return redirect("recruitment:application", pk=application.pk)
