"""Counsellor pages for sparverzoeken: the open list, converting one into a report, closing one."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from klankbord.accounts.permissions import case_page_required
from klankbord.accounts.types import AuthenticatedHttpRequest
from klankbord.core.errors import DomainError
from klankbord.core.submissions import submission_replay

from ..receipts import receipt_flash, receipt_replay
from ..selectors import talk_request_get_for_counsellor, talk_requests_open
from ..services import report_viewed, reports_listed, talk_request_close, talk_request_convert


@require_safe
@case_page_required("reports.view_talkrequest")
def talk_requests(request: AuthenticatedHttpRequest) -> HttpResponse:
    talks = list(talk_requests_open()[:200])
    reports_listed(
        actor=request.user, object_type="reports.talkrequest", ids=[t.pk for t in talks], context="open"
    )
    return render(request, "reports/talk_requests.html", {"talks": talks})


@require_POST
@case_page_required("reports.change_talkrequest", "reports.add_report")
@submission_replay(receipt_replay)  # a repeat shows the receipt code on the case page again
def convert(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    talk = talk_request_get_for_counsellor(user=request.user, pk=pk)
    try:
        submitted = talk_request_convert(actor=request.user, talk=talk)
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect("reports:talk_requests")
    if submitted.receipt_code:
        receipt_flash(request, report=submitted.report, code=submitted.receipt_code)
    report_viewed(actor=request.user, report_id=submitted.report.pk, context="talk_request:converted")
    messages.success(
        request, _("Het sparverzoek is omgezet in een melding. Vul de melding aan met de melder.")
    )
    return redirect("reports:case", pk=submitted.report.pk)


@require_POST
@case_page_required("reports.change_talkrequest")
def close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    talk = talk_request_get_for_counsellor(user=request.user, pk=pk)
    try:
        talk_request_close(actor=request.user, talk=talk)
        messages.success(request, _("Het sparverzoek is afgehandeld."))
    except DomainError as exc:
        messages.error(request, str(exc))
    return redirect("reports:talk_requests")
