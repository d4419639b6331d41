"""The counsellor completes or corrects a report ("Melding aanvullen of corrigeren")."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from klankbord.accounts.permissions import case_page_required
from klankbord.accounts.types import AuthenticatedHttpRequest
from klankbord.core.errors import DomainError

from ..forms import ReportCorrectionForm
from ..selectors import report_open_for_counsellor
from ..services import report_correct, report_ensure_correctable


def _case(pk: int) -> HttpResponse:
    return redirect(reverse("reports:case", kwargs={"pk": pk}) + "#verloop")


@require_http_methods(["GET", "POST"])
@case_page_required("reports.view_report", "reports.change_report")
def correct(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Show the report's correctable fields and apply what the counsellor changed (404 for anyone else)."""
    report = report_open_for_counsellor(user=request.user, pk=pk, context="correct")
    try:
        report_ensure_correctable(report=report)
    except DomainError as exc:
        messages.error(request, str(exc))
        return _case(report.pk)
    form = ReportCorrectionForm(request.POST or None, instance=report)
    if request.method == "POST" and form.is_valid():
        try:
            report_correct(actor=request.user, report=report, changes=form.changes())
            messages.success(request, _("De melding is aangevuld of gecorrigeerd."))
            return _case(report.pk)
        except DomainError as exc:
            form.add_error(None, str(exc))
    return render(request, "reports/correct.html", {"form": form, "report": report})
