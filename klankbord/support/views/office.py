"""The counsellor's escalations, the coordinator's directory of help, and the member's closing evaluation."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from klankbord.accounts.permissions import case_page_required, staff_page_required
from klankbord.accounts.types import AuthenticatedHttpRequest
from klankbord.reports.permissions import Viewer
from klankbord.reports.selectors import report_get_for_reporter

from ..forms import EvaluationForm, ResourceForm
from ..permissions import MANAGE_RESOURCES, VIEW_ESCALATIONS, VIEW_REPORT
from ..selectors import EVALUABLE_STATUSES, escalation_get, escalations_open, resource_get, resource_list
from ..services import escalation_handle, evaluation_submit, resource_save


@require_safe
@case_page_required(VIEW_ESCALATIONS, VIEW_REPORT)
def escalations(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "support/escalations.html", {"escalations": list(escalations_open()[:200])})


@require_POST
@case_page_required(VIEW_ESCALATIONS, VIEW_REPORT, "support.change_escalation")
def escalation_done(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    escalation_handle(actor=request.user, escalation=escalation_get(pk=pk))
    messages.success(request, _("De escalatie is opgepakt."))
    return redirect("support:escalations")


@require_safe
@staff_page_required(MANAGE_RESOURCES)
def resources(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "support/resources.html", {"resources": list(resource_list()[:500])})


@require_http_methods(["GET", "POST"])
@staff_page_required(MANAGE_RESOURCES)
def resource_edit(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    instance = resource_get(pk=pk) if pk is not None else None
    form = ResourceForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        resource_save(actor=request.user, resource=form.save(commit=False))
        messages.success(request, _("Het hulpaanbod is opgeslagen."))
        return redirect("support:resources")
    status = 400 if form.errors else 200
    return render(request, "support/resource_form.html", {"form": form, "resource": instance}, status=status)


@require_http_methods(["GET", "POST"])
def evaluation(request: HttpRequest, report_pk: int) -> HttpResponse:
    """The member's closing evaluation (their account, or a receipt-code session for this report)."""
    viewer = Viewer.from_request(request)
    report = report_get_for_reporter(viewer=viewer, pk=report_pk)
    if report.status not in EVALUABLE_STATUSES:
        raise Http404
    form = EvaluationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            evaluation_submit(
                actor=viewer.account,
                report=report,
                scores=form.scores(),
                helped=form.cleaned_data["helped"],
                missing=form.cleaned_data["missing"],
            )
            messages.success(request, _("Dank u wel voor uw evaluatie."))
            return redirect("reports:portal_detail", pk=report.pk)
        except ValidationError as error:
            form.add_error(None, error.messages[0])
    status = 400 if form.errors else 200
    return render(request, "support/evaluation.html", {"form": form, "report": report}, status=status)
