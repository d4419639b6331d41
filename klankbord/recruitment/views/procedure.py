"""The procedure after scoring: interviews, the decision and onboarding."""

from __future__ import annotations

from typing import Any

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
from ..forms import DecisionForm, DecisionWithdrawForm, InterviewForm, OnboardingForm, OutcomeForm
from ..permissions import CONDUCT_INTERVIEWS, DECIDE_APPLICATIONS, ONBOARD_AMBASSADORS, VIEW_APPLICATIONS


def _errors_into(form: Form, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


@require_http_methods(["GET", "POST"])
@staff_page_required(VIEW_APPLICATIONS, CONDUCT_INTERVIEWS)
def interview_new(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_get_for_user(user=request.user, pk=pk)
    form = InterviewForm(
        request.POST if request.method == "POST" else None,
        prefix="interview",
        panel_candidates=selectors.panel_candidates(application=application),
    )
    if request.method == "POST" and form.is_valid():
        starts_at, ends_at = form.moments()
        plan = services.InterviewPlan(
            starts_at=starts_at,
            ends_at=ends_at,
            mode=form.cleaned_data["mode"],
            location=form.cleaned_data["location"].strip(),
            video_url=form.cleaned_data["video_url"].strip(),
            panel=tuple(form.cleaned_data["panel"]),
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
    if not selectors.interview_notes_visible(user=request.user, interview=interview):
        messages.error(
            request, _("Geef eerst uw eigen beoordeling; daarna kunt u het verslag lezen en aanvullen.")
        )
        return redirect("recruitment:application", pk=interview.application_id)
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


def _decision_context(application: Any, **forms: Form) -> dict[str, object]:
    return {
        "application": application,
        "pending": services.panel_members_pending(application),
        "form": forms.get("form") or DecisionForm(prefix="decision"),
        "withdraw_form": forms.get("withdraw_form") or DecisionWithdrawForm(prefix="withdraw"),
    }


def _decision_done(request: AuthenticatedHttpRequest, application: Any) -> HttpResponse:
    decision = application.decision
    messages.success(
        request,
        _("Het besluit ‘%(decision)s’ is bevestigd; de kandidaat krijgt een e-mail.")
        % {"decision": Decision(decision).label},
    )
    if decision == Decision.ACCEPTED:
        return redirect("recruitment:onboarding", pk=application.pk)
    return redirect("recruitment:application", pk=application.pk)


def _decision_post(request: AuthenticatedHttpRequest, application: Any) -> HttpResponse:
    """One of three steps: ``propose`` (the default), ``confirm`` (the second look) or ``withdraw``."""
    step = request.POST.get("step", "propose")
    form = DecisionForm(request.POST if step == "propose" else None, prefix="decision")
    withdraw_form = DecisionWithdrawForm(request.POST if step == "withdraw" else None, prefix="withdraw")
    target = withdraw_form if step == "withdraw" else form
    if step == "confirm":
        try:
            application = services.application_decision_confirm(actor=request.user, application=application)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("recruitment:decide", pk=application.pk)
        return _decision_done(request, application)
    try:
        if step == "withdraw" and withdraw_form.is_valid():
            services.application_decision_withdraw(
                actor=request.user,
                application=application,
                reason=withdraw_form.cleaned_data["reason"],
            )
            messages.success(request, _("Het voorstel is ingetrokken; er is niets gemaild."))
            return redirect("recruitment:decide", pk=application.pk)
        if step == "propose" and form.is_valid():
            services.application_decision_propose(
                actor=request.user,
                application=application,
                decision=form.cleaned_data["decision"],
            )
            messages.success(
                request, _("Het besluit is voorgesteld. Kijk het na en bevestig het; pas dan gaat de e-mail.")
            )
            return redirect("recruitment:decide", pk=application.pk)
    except ValidationError as error:
        _errors_into(target, error)
    context = _decision_context(application, form=form, withdraw_form=withdraw_form)
    return render(request, "recruitment/staff/decision_form.html", context, status=400)


@require_http_methods(["GET", "POST"])
@staff_page_required(VIEW_APPLICATIONS, DECIDE_APPLICATIONS)
def decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_get_for_user(user=request.user, pk=pk)
    if request.method == "POST":
        return _decision_post(request, application)
    return render(request, "recruitment/staff/decision_form.html", _decision_context(application))


def _onboarding_initial(onboarding: object) -> dict[str, object]:
    return {
        "vog_issued_on": onboarding.vog_issued_on,  # type: ignore[attr-defined]
        "pledge_signed_on": onboarding.pledge_signed_on,  # type: ignore[attr-defined]
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
                    vog_issued_on=data["vog_issued_on"],
                    pledge_signed_on=data["pledge_signed_on"],
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
