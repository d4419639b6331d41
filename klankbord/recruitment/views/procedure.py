"""The procedure after scoring: interviews, the decision and onboarding."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from klankbord.accounts.permissions import staff_page_required
from klankbord.accounts.types import AuthenticatedHttpRequest

from .. import selectors, services
from ..constants import ApplicationStatus, Decision
from ..forms import DecisionForm, InterviewForm, OnboardingForm, OutcomeForm
from ..permissions import CONDUCT_INTERVIEWS, DECIDE_APPLICATIONS, ONBOARD_AMBASSADORS, VIEW_APPLICATIONS


def _errors_into(form: Form, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


@require_http_methods(["GET", "POST"])
@staff_page_required(VIEW_APPLICATIONS, CONDUCT_INTERVIEWS)
def interview_new(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_get_for_user(user=request.user, pk=pk)
    form = InterviewForm(request.POST if request.method == "POST" else None, prefix="interview")
    if request.method == "POST" and form.is_valid():
        starts_at, ends_at = form.moments()
        plan = services.InterviewPlan(
            starts_at=starts_at,
            ends_at=ends_at,
            mode=form.cleaned_data["mode"],
            location=form.cleaned_data["location"].strip(),
            video_url=form.cleaned_data["video_url"].strip(),
        )
        try:
            services.interview_schedule(actor=request.user, application=application, plan=plan)
        except ValidationError as error:
            _errors_into(form, error)
        else:
            messages.success(request, _("Het gesprek is gepland en de uitnodiging is verstuurd."))
            return redirect("recruitment:application", pk=application.pk)
    context = {"application": application, "form": form}
    return render(
        request, "recruitment/staff/interview_form.html", context, status=400 if form.errors else 200
    )


@require_http_methods(["GET", "POST"])
@staff_page_required(VIEW_APPLICATIONS, CONDUCT_INTERVIEWS)
def interview_outcome(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    interview = selectors.interview_get_for_user(user=request.user, pk=pk)
    form = OutcomeForm(
        request.POST if request.method == "POST" else None, initial={"notes": interview.outcome_notes}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.interview_record_outcome(
                actor=request.user, interview=interview, notes=form.cleaned_data["notes"]
            )
        except ValidationError as error:
            _errors_into(form, error)
        else:
            messages.success(request, _("Het verslag is opgeslagen."))
            return redirect("recruitment:application", pk=interview.application_id)
    context = {"interview": interview, "form": form}
    return render(request, "recruitment/staff/outcome_form.html", context, status=400 if form.errors else 200)


@require_POST
@staff_page_required(VIEW_APPLICATIONS, CONDUCT_INTERVIEWS)
def interview_cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    interview = selectors.interview_get_for_user(user=request.user, pk=pk)
    try:
        services.interview_cancel(actor=request.user, interview=interview)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Het gesprek is geannuleerd; de kandidaat krijgt bericht."))
    return redirect("recruitment:application", pk=interview.application_id)


@require_safe
@staff_page_required(VIEW_APPLICATIONS, CONDUCT_INTERVIEWS)
def interview_ics(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    interview = selectors.interview_get_for_user(user=request.user, pk=pk)
    response = HttpResponse(
        services.interview_calendar(interview), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="gesprek-{interview.pk}.ics"'
    return response


@require_http_methods(["GET", "POST"])
@staff_page_required(VIEW_APPLICATIONS, DECIDE_APPLICATIONS)
def decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_get_for_user(user=request.user, pk=pk)
    form = DecisionForm(request.POST if request.method == "POST" else None, prefix="decision")
    if request.method == "POST" and form.is_valid():
        decision = form.cleaned_data["decision"]
        try:
            services.application_decide(actor=request.user, application=application, decision=decision)
        except ValidationError as error:
            _errors_into(form, error)
        else:
            messages.success(
                request,
                _("Het besluit ‘%(decision)s’ is vastgelegd en gemaild.")
                % {"decision": Decision(decision).label},
            )
            if decision == Decision.ACCEPTED:
                return redirect("recruitment:onboarding", pk=application.pk)
            return redirect("recruitment:application", pk=application.pk)
    context = {"application": application, "form": form}
    return render(
        request, "recruitment/staff/decision_form.html", context, status=400 if form.errors else 200
    )


def _onboarding_initial(onboarding: object) -> dict[str, object]:
    return {
        "vog_received": bool(onboarding.vog_received_at),  # type: ignore[attr-defined]
        "pledge_signed": bool(onboarding.pledge_signed_at),  # type: ignore[attr-defined]
        "training_followed": bool(onboarding.training_followed_at),  # type: ignore[attr-defined]
        "regions": list(onboarding.regions.all()),  # type: ignore[attr-defined]
        "capacity": onboarding.capacity,  # type: ignore[attr-defined]
    }


@require_http_methods(["GET", "POST"])
@staff_page_required(VIEW_APPLICATIONS, ONBOARD_AMBASSADORS)
def onboarding(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_get_for_user(user=request.user, pk=pk)
    checklist = selectors.onboarding_of(application)
    if checklist is None:
        raise Http404
    form = OnboardingForm(
        request.POST if request.method == "POST" else None, initial=_onboarding_initial(checklist)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.onboarding_update(
                actor=request.user,
                onboarding=checklist,
                checklist=services.Checklist(
                    vog_received=data["vog_received"],
                    pledge_signed=data["pledge_signed"],
                    training_followed=data["training_followed"],
                    regions=list(data["regions"]),
                    capacity=data["capacity"],
                ),
            )
        except ValidationError as error:
            _errors_into(form, error)
        else:
            messages.success(request, _("De checklist is opgeslagen."))
            return redirect("recruitment:onboarding", pk=application.pk)
    context = {
        "application": application,
        "checklist": checklist,
        "form": form,
        "ready": checklist.checklist_complete and checklist.regions.exists(),
        "done": application.status == ApplicationStatus.ONBOARDED,
    }
    return render(request, "recruitment/staff/onboarding.html", context, status=400 if form.errors else 200)


@require_POST
@staff_page_required(VIEW_APPLICATIONS, ONBOARD_AMBASSADORS)
def onboarding_complete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_get_for_user(user=request.user, pk=pk)
    if selectors.onboarding_of(application) is None:  # not accepted yet: there is no checklist to complete
        raise Http404
    try:
        services.onboarding_complete(actor=request.user, application=application)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Het ambassadeursaccount is aangemaakt; de uitnodiging is verstuurd."))
    return redirect("recruitment:onboarding", pk=application.pk)
