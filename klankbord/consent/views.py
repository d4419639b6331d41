"""Consent changes: by the member in their portal, or by a counsellor on the member's behalf."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from klankbord.accounts.permissions import case_page_required
from klankbord.accounts.types import AuthenticatedHttpRequest
from klankbord.core.errors import DomainError
from klankbord.reports.permissions import Viewer
from klankbord.reports.selectors import report_get_for_counsellor, report_get_for_reporter

from .constants import Method
from .forms import ConsentChangeForm, OnBehalfConsentForm
from .services import consent_grant, consent_withdraw


def _apply(request: HttpRequest, form: ConsentChangeForm, *, report: Any, actor: Any, method: str) -> None:
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return
    purpose, on_behalf = form.cleaned_data["purpose"], method != Method.ONLINE
    try:
        if form.cleaned_data["action"] == "grant":
            consent_grant(
                report=report,
                purpose=purpose,
                actor=actor,
                method=method,
                on_behalf=on_behalf,
                fields=form.cleaned_data["share_fields"],
            )
            messages.success(request, _("De toestemming is vastgelegd."))
        else:
            consent_withdraw(report=report, purpose=purpose, actor=actor, method=method, on_behalf=on_behalf)
            messages.success(request, _("De toestemming is ingetrokken. Dit geldt per direct."))
    except DomainError as exc:
        messages.error(request, str(exc))


@require_POST
def member_change(request: HttpRequest, pk: int) -> HttpResponse:
    """The member grants or withdraws consent themselves (account or receipt-code session)."""
    viewer = Viewer.from_request(request)
    report = report_get_for_reporter(viewer=viewer, pk=pk)
    _apply(
        request, ConsentChangeForm(request.POST), report=report, actor=viewer.account, method=Method.ONLINE
    )
    return redirect(reverse("reports:portal_detail", kwargs={"pk": report.pk}) + "#toestemming")


@require_POST
@case_page_required("reports.view_report", "consent.add_consentrecord")
def on_behalf_change(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A counsellor records what the member said by phone, e-mail or in person (the method is recorded)."""
    report = report_get_for_counsellor(user=request.user, pk=pk)
    form = OnBehalfConsentForm(request.POST)
    method = request.POST.get("method", "")
    if method not in {m.value for m in Method} - {Method.ONLINE}:
        messages.error(request, _("Leg vast hoe de melder dit doorgaf."))
    else:
        _apply(request, form, report=report, actor=request.user, method=method)
    return redirect(reverse("reports:case", kwargs={"pk": report.pk}) + "#toestemming")
