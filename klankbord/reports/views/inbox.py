"""Counsellor pages: the inbox, the case page and its actions, registering a report on a member's behalf."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from klankbord.accounts.permissions import case_page_required
from klankbord.accounts.types import AuthenticatedHttpRequest
from klankbord.consent.constants import ON_BEHALF_METHODS, Purpose, ShareableField
from klankbord.consent.selectors import consent_history, consent_state
from klankbord.core.errors import DomainError
from klankbord.core.lists import ListSpec, Sort, list_query, paginate
from klankbord.core.submissions import submission_replay
from klankbord.messaging.forms import MessageForm
from klankbord.messaging.selectors import (
    message_rows,
    participant_for,
    report_attachments,
    thread_messages,
    thread_of_report,
)
from klankbord.messaging.services import participant_mark_read, thread_for_report
from klankbord.uploads.quota import upload_owner

from ..constants import InboxTab, ReportStatus
from ..forms import AssignForm, IntakeNoteForm, RegisterReportForm, TransitionForm
from ..receipts import format_code, receipt_flash, receipt_pop, receipt_replay
from ..selectors import (
    INBOX_PRIORITY,
    inbox_reports,
    inbox_tab_counts,
    report_corrections,
    report_get_for_counsellor,
    report_intake_notes,
    report_open_for_user,
    report_status_history,
    report_view_for_user,
)
from ..services import (
    counsellor_users,
    intake_note_add,
    report_assign,
    report_claim,
    report_counsellor_message,
    report_record_first_response,
    report_register,
    report_set_urgent,
    report_withdraw,
    reports_listed,
)
from ..workflow import COUNSELLOR, allowed_targets, report_transition

VIEW = "reports.view_report"
CHANGE = "reports.change_report"


INBOX_LIST = ListSpec(
    sorts=(
        Sort("priority", gettext_lazy("Voorrang"), INBOX_PRIORITY),
        Sort("reference", gettext_lazy("Kenmerk"), ("reference",)),
        Sort("received", gettext_lazy("Ontvangen"), ("received_at",)),
        Sort("municipality", gettext_lazy("Gemeente"), ("municipality__name",)),
        Sort("status", gettext_lazy("Status"), ("status",)),
        Sort("due", gettext_lazy("Eerste reactie"), ("first_response_due",)),
    ),
    default_sort="priority",
    keep=("tab",),
    search_help=gettext_lazy("Kenmerk, gemeente, regio of status. Van en tot: de dag van ontvangst."),
)


@require_safe
@case_page_required(VIEW)
def inbox(request: AuthenticatedHttpRequest) -> HttpResponse:
    tab = request.GET.get("tab", InboxTab.NEW)
    if tab not in InboxTab.values:
        tab = InboxTab.NEW
    today = timezone.localdate()
    query = list_query(request, INBOX_LIST)
    listing = paginate(
        request,
        inbox_reports(
            user=request.user,
            tab=tab,
            today=today,
            q=query.q,
            since=query.since,
            until=query.until,
            order_by=query.order_by,
        ),
        INBOX_LIST,
        query,
    )
    reports = listing.rows
    counts = inbox_tab_counts(user=request.user, today=today)
    tabs = [
        {"value": t.value, "label": t.label, "count": counts[t.value], "current": t.value == tab}
        for t in InboxTab
    ]
    context = {
        "reports": reports,
        "listing": listing,
        "tabs": tabs,
        "tab": InboxTab(tab),
        "today": today,
        "now": timezone.now(),
    }
    reports_listed(actor=request.user, object_type="reports.report", ids=[r.pk for r in reports], context=tab)
    if request.headers.get("HX-Request"):
        return render(request, "reports/includes/inbox_table.html", context)
    return render(request, "reports/inbox.html", context)


def _counsellor_context(request: AuthenticatedHttpRequest, pk: int, **forms: Any) -> dict[str, Any]:
    report = report_get_for_counsellor(user=request.user, pk=pk)
    thread = thread_for_report(report=report)
    participant = participant_for(thread=thread, user=request.user, kind=COUNSELLOR)
    last_read = participant.last_read_at if participant else None
    thread_list = list(thread_messages(thread=thread, kind=COUNSELLOR, participant=participant))
    participant_mark_read(thread=thread, actor=request.user, kind=COUNSELLOR)
    state = consent_state(report_id=report.pk)
    targets = [(s, ReportStatus(s).label) for s in allowed_targets(report.status, COUNSELLOR)]
    held = receipt_pop(request)
    can_message = request.user.has_perm("messaging.add_message")
    can_consent = request.user.has_perm("consent.add_consentrecord")
    return {
        "report": report,
        "rows": message_rows(
            thread_list, viewer_user=request.user, viewer_kind=COUNSELLOR, last_read=last_read
        ),
        "post_url": reverse("reports:case_message", kwargs={"pk": report.pk}) if can_message else "",
        "report_attachments": list(report_attachments(thread=thread)),
        "message_form": forms.get("message_form") or MessageForm(prefix="message"),
        "note_form": forms.get("note_form") or IntakeNoteForm(prefix="note"),
        "assign_form": AssignForm(
            counsellors=counsellor_users(), initial={"counsellor": report.assigned_counsellor}
        ),
        "transition_form": forms.get("transition_form") or TransitionForm(targets=targets),
        "can_change": request.user.has_perm(CHANGE),
        "can_match": request.user.has_perm("matching.match_report") and report.is_open,
        "can_assign": request.user.has_perm("reports.assign_report"),
        "notes": report_intake_notes(report=report),
        "status_history": report_status_history(report=report, with_actor=True),
        "corrections": report_corrections(report=report, with_actor=True),
        "consents": [
            {"purpose": p, "label": p.label, "granted": state.allows(p), "record": state.latest.get(p)}
            for p in Purpose
        ],
        "consent_history": list(consent_history(report_id=report.pk)),
        "consent_post_url": reverse("consent:on_behalf_change", kwargs={"pk": report.pk})
        if can_consent
        else "",
        "share_choices": ShareableField.choices,
        "on_behalf_methods": [(m.value, m.label) for m in ON_BEHALF_METHODS],
        "new_code": format_code(held[1]) if held and held[0] == report.pk else None,
    }


@require_safe
@case_page_required()
def case(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Counsellors see the whole case; the report's ambassador only what the member consented to share."""
    view = report_open_for_user(user=request.user, pk=pk)  # 404 for everyone without access; audited
    context: dict[str, Any] = {"view": view}
    if view.access == "counsellor":
        context.update(_counsellor_context(request, pk))
    elif ShareableField.ATTACHMENTS in view.visible:
        context["report_attachments"] = list(report_attachments(thread=thread_of_report(report=view.pk)))
    return render(request, "reports/case.html", context)


def _back(pk: int, anchor: str = "") -> HttpResponse:
    return redirect(reverse("reports:case", kwargs={"pk": pk}) + (f"#{anchor}" if anchor else ""))


@require_POST
@case_page_required(VIEW, CHANGE)
def claim(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = report_get_for_counsellor(user=request.user, pk=pk)
    report_claim(counsellor=request.user, report=report)
    messages.success(request, _("U behandelt deze melding nu."))
    return _back(report.pk)


@require_POST
@case_page_required(VIEW, CHANGE, "reports.assign_report")
def assign(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = report_get_for_counsellor(user=request.user, pk=pk)
    form = AssignForm(request.POST, counsellors=counsellor_users())
    if form.is_valid():
        try:
            report_assign(actor=request.user, report=report, counsellor=form.cleaned_data["counsellor"])
            messages.success(request, _("De melding is toegewezen."))
        except DomainError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, _("Kies een vertrouwenspersoon uit de lijst."))
    return _back(report.pk)


@require_POST
@case_page_required(VIEW, CHANGE)
def transition(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = report_get_for_counsellor(user=request.user, pk=pk)
    targets = [(s, ReportStatus(s).label) for s in allowed_targets(report.status, COUNSELLOR)]
    form = TransitionForm(request.POST, targets=targets)
    if form.is_valid():
        to_status, reason = form.cleaned_data["to_status"], form.cleaned_data["reason"]
        try:
            if to_status == ReportStatus.WITHDRAWN:
                report_withdraw(actor=request.user, report=report, on_behalf=True, reason=reason)
            else:
                report_transition(actor=request.user, report=report, to_status=to_status, reason=reason)
            messages.success(request, _("De status is gewijzigd."))
            return _back(report.pk, "status")
        except DomainError as exc:
            form.add_error(None, str(exc))
    context = {"view": report_view_for_user(user=request.user, pk=pk)}
    context.update(_counsellor_context(request, pk, transition_form=form))
    return render(request, "reports/case.html", context)


@require_POST
@case_page_required(VIEW, CHANGE)
def add_note(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = report_get_for_counsellor(user=request.user, pk=pk)
    form = IntakeNoteForm(request.POST, prefix="note")
    if form.is_valid():
        intake_note_add(actor=request.user, report=report, body=form.cleaned_data["body"])
        messages.success(request, _("De notitie is opgeslagen."))
        return _back(report.pk, "notities")
    context = {"view": report_view_for_user(user=request.user, pk=pk)}
    context.update(_counsellor_context(request, pk, note_form=form))
    return render(request, "reports/case.html", context)


@require_POST
@case_page_required(VIEW, CHANGE)
def first_response(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = report_get_for_counsellor(user=request.user, pk=pk)
    if report_record_first_response(actor=request.user, report=report):
        messages.success(request, _("De eerste reactie is vastgelegd."))
    return _back(report.pk)


@require_POST
@case_page_required(VIEW, CHANGE)
def set_urgent(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = report_get_for_counsellor(user=request.user, pk=pk)
    report_set_urgent(actor=request.user, report=report, urgent=request.POST.get("urgent") == "ja")
    return _back(report.pk)


@require_POST
@case_page_required(VIEW, "messaging.add_message")
def send_message(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    report = report_get_for_counsellor(user=request.user, pk=pk)
    form = MessageForm(request.POST, request.FILES, prefix="message", uploader=upload_owner(request))
    if form.is_valid():
        report_counsellor_message(
            actor=request.user, report=report, body=form.cleaned_data["body"], pending=form.pending_uploads
        )
        messages.success(request, _("Het bericht is verstuurd."))
        return _back(report.pk, "berichten")
    context = {"view": report_view_for_user(user=request.user, pk=pk)}
    context.update(_counsellor_context(request, pk, message_form=form))
    return render(request, "reports/case.html", context)


@require_http_methods(["GET", "POST"])
@case_page_required(VIEW, "reports.add_report")
@submission_replay(receipt_replay)  # a repeat shows the receipt code on the case page again
def register(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Register a report the member made by phone, e-mail or in person, with the consents they gave then."""
    form = RegisterReportForm(request.POST or None, request.FILES or None, uploader=upload_owner(request))
    if request.method == "POST" and form.is_valid():
        result = report_register(
            counsellor=request.user,
            data=form.report_input(),
            source=form.cleaned_data["source_channel"],
            consents=form.consent_input(),
            consent_method=form.cleaned_data.get("consent_method") or "",
            pending=form.pending_uploads,
        )
        if result.receipt_code:
            receipt_flash(request, report=result.report, code=result.receipt_code)
        messages.success(request, _("De melding is geregistreerd."))
        return _back(result.report.pk)
    return render(request, "reports/register.html", {"form": form})
