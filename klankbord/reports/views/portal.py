"""The member's portal: their reports (account) or the one report of a receipt code, messages, consents,
withdrawal and the download of everything held about them."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from klankbord.consent.constants import Purpose, ShareableField
from klankbord.consent.selectors import consent_history, consent_state
from klankbord.core.confirm import Confirmation, confirm_page, is_confirmed
from klankbord.core.errors import DomainError
from klankbord.messaging.constants import ParticipantKind
from klankbord.messaging.forms import MessageForm
from klankbord.messaging.selectors import message_rows, participant_for, report_attachments, thread_messages
from klankbord.messaging.services import message_send, participant_mark_read, thread_for_report
from klankbord.uploads.quota import upload_owner

from ..exports import report_export_data, report_export_pdf
from ..forms import ReceiptCodeForm
from ..permissions import Viewer
from ..receipts import portal_session_end, portal_session_start, receipt_verify
from ..selectors import (
    report_corrections,
    report_get_for_reporter,
    report_open_for_reporter,
    report_status_history,
    report_view_for_reporter,
    reports_of_reporter,
)
from ..services import receipt_refused, receipt_used, report_withdraw

if TYPE_CHECKING:
    from ..models import Report

REPORTER = ParticipantKind.REPORTER


@require_http_methods(["GET", "POST"])
def return_with_code(request: HttpRequest) -> HttpResponse:
    form = ReceiptCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ip = request.META.get("REMOTE_ADDR", "")
        check = receipt_verify(raw_code=form.cleaned_data["code"], ip=ip)
        if check.report is not None:
            portal_session_start(request, check.report)
            receipt_used(report=check.report)
            return redirect("reports:portal_detail", pk=check.report.pk)
        receipt_refused(throttled=check.throttled, ip=ip)
        form.add_error(None, check.message)
        return render(request, "reports/return.html", {"form": form}, status=429 if check.throttled else 200)
    return render(request, "reports/return.html", {"form": form})


@require_safe
def mine(request: HttpRequest) -> HttpResponse:
    viewer = Viewer.from_request(request)
    if viewer.account is None:
        if viewer.portal_report_id is not None:
            return redirect("reports:portal_detail", pk=viewer.portal_report_id)
        return redirect("reports:return")
    reports = list(reports_of_reporter(user=viewer.account))
    return render(request, "reports/mine.html", {"reports": reports})


def detail_context(
    request: HttpRequest, report: Report, *, message_form: MessageForm | None = None
) -> dict[str, Any]:
    """Everything the portal page shows; also marks the messages as read for this reporter."""
    viewer = Viewer.from_request(request)
    thread = thread_for_report(report=report)
    participant = participant_for(thread=thread, user=viewer.account, kind=REPORTER)
    thread_list = list(thread_messages(thread=thread, kind=REPORTER, participant=participant))
    last_read = participant.last_read_at if participant else None
    participant_mark_read(thread=thread, actor=viewer.account, kind=REPORTER)
    state = consent_state(report_id=report.pk)
    return {
        "view": report_view_for_reporter(viewer=viewer, pk=report.pk),
        "rows": message_rows(
            thread_list, viewer_user=viewer.account, viewer_kind=REPORTER, last_read=last_read
        ),
        "post_url": reverse("reports:portal_message", kwargs={"pk": report.pk}),
        "report_attachments": list(report_attachments(thread=thread)),
        "message_form": message_form or MessageForm(prefix="message"),
        "consents": [
            {"purpose": p, "label": p.label, "granted": state.allows(p), "record": state.latest.get(p)}
            for p in Purpose
        ],
        "share_choices": ShareableField.choices,
        "consent_history": list(consent_history(report_id=report.pk)),
        "consent_post_url": reverse("consent:member_change", kwargs={"pk": report.pk}),
        "status_history": report_status_history(report=report, with_actor=False),
        "corrections": report_corrections(report=report, with_actor=False),
        "can_withdraw": report.is_open,
        "signed_in_by_code": viewer.account is None,
    }


@require_safe
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The member's page. A visitor without an account whose code session ended (or who never had one) gets
    the return-with-code page, with the 404 status that says nothing about whether the report exists."""
    viewer = Viewer.from_request(request)
    try:
        report = report_open_for_reporter(viewer=viewer, pk=pk)
    except Http404:
        if viewer.account is not None:
            raise
        form = ReceiptCodeForm()
        return render(request, "reports/return.html", {"form": form, "session_ended": True}, status=404)
    return render(request, "reports/portal_detail.html", detail_context(request, report))


@require_POST
def send_message(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = Viewer.from_request(request)
    report = report_get_for_reporter(viewer=viewer, pk=pk)
    form = MessageForm(request.POST, request.FILES, prefix="message", uploader=upload_owner(request))
    if not form.is_valid():
        return render(
            request, "reports/portal_detail.html", detail_context(request, report, message_form=form)
        )
    message_send(
        thread=thread_for_report(report=report),
        actor=viewer.account,
        kind=REPORTER,
        body=form.cleaned_data["body"],
        pending=form.pending_uploads,
    )
    messages.success(request, _("Uw bericht is verstuurd."))
    return redirect(reverse("reports:portal_detail", kwargs={"pk": report.pk}) + "#berichten")


@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = Viewer.from_request(request)
    report = report_get_for_reporter(viewer=viewer, pk=pk)
    if not is_confirmed(request):
        return confirm_page(
            request,
            Confirmation(
                title=_("Melding intrekken?"),
                consequences=(
                    _("Uw melding wordt ingetrokken; dit kunt u niet ongedaan maken."),
                    _("Alle toestemmingen worden ingetrokken, ook voor contact met een regioambassadeur."),
                    _("Wie u nu begeleidt, ziet uw melding niet meer."),
                ),
                button=_("Ja, trek mijn melding in"),
                cancel_url=reverse("reports:portal_detail", kwargs={"pk": report.pk}),
            ),
        )
    try:
        report_withdraw(actor=viewer.account, report=report)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Uw melding is ingetrokken. Alle toestemmingen zijn ingetrokken."))
    return redirect("reports:portal_detail", pk=report.pk)


@require_safe
def export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    viewer = Viewer.from_request(request)
    report = report_get_for_reporter(viewer=viewer, pk=pk)
    data = report_export_data(report=report, actor=viewer.account, fmt=fmt, actor_label=viewer.audit_label)
    if fmt == "pdf":
        response = HttpResponse(report_export_pdf(data), content_type="application/pdf")
    else:
        body = json.dumps(data, ensure_ascii=False, indent=2)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="klankbord-{report.reference}.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response


@require_POST
def end_session(request: HttpRequest) -> HttpResponse:
    portal_session_end(request)
    messages.success(request, _("U bent afgemeld. Met uw ontvangstcode kunt u altijd terugkomen."))
    return redirect("reports:return")
