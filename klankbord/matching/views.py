"""The counsellor's matching page for one report, and the list of cases to hand over."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from klankbord.accounts.permissions import case_page_required
from klankbord.accounts.types import AuthenticatedHttpRequest
from klankbord.ambassadors.selectors import ambassador_get
from klankbord.consent.constants import Purpose
from klankbord.consent.selectors import consent_allows
from klankbord.geo.selectors import region_with_scheme
from klankbord.reports.selectors import report_get_for_counsellor, report_open_for_counsellor

from . import engine
from .constants import GENDER_BONUS_KM, LANGUAGE_BONUS_KM, LOAD_WEIGHT_KM, Exclusion
from .forms import ConfirmForm, WishesForm
from .permissions import MATCH_REPORT
from .selectors import (
    Declined,
    assignments_to_reassign,
    declined_for_report,
    match_report,
    member_asked,
    open_assignment_for_report,
    wishes_from_report,
)
from .services import CONFIRMABLE_STATUSES, assignment_confirm, assignment_reassign, coverage_gap_record

if TYPE_CHECKING:
    from klankbord.reports.models import Report

    from .models import Assignment

VIEW_REPORT = "reports.view_report"


@dataclass(frozen=True)
class Situation:
    """Where the report stands for matching; the template only shows what ``can_confirm`` allows."""

    current: Assignment | None
    handover: bool  # the current ambassador paused or ended
    consent: bool
    status_ok: bool

    @property
    def can_match(self) -> bool:
        return self.consent and (self.current is None or self.handover)

    @property
    def can_confirm(self) -> bool:
        return self.can_match and (self.handover or self.status_ok)


def _situation(report: Report) -> Situation:
    current = open_assignment_for_report(report_id=report.pk)
    return Situation(
        current=current,
        handover=current is not None and not current.ambassador.is_active,
        consent=report.is_open and consent_allows(report=report, purpose=Purpose.CONNECT_AMBASSADOR),
        status_ok=report.status in CONFIRMABLE_STATUSES,
    )


def _left_out_rows(result: engine.MatchResult, declined: dict[int, Declined]) -> list[dict[str, Any]]:
    """Each left-out ambassador with the labels of why (never the internal codes) and when they declined this report."""
    return [
        {
            "name": item.candidate.name,
            "reasons": [Exclusion(code).label for code in item.exclusions],
            "declined": declined.get(item.candidate.id),
        }
        for item in result.left_out
    ]


def _suggestion_rows(result: engine.MatchResult, declined: dict[int, Declined]) -> list[dict[str, Any]]:
    """The suggestions, each marked when that ambassador already declined this report, with their reason."""
    return [{"suggestion": s, "declined": declined.get(s.candidate.id)} for s in result.suggestions]


def _confirm(
    request: HttpRequest, report: Report, situation: Situation, form: ConfirmForm, wishes: engine.Wishes
) -> bool:
    ambassador = ambassador_get(pk=form.cleaned_data["ambassador"])
    try:
        if situation.handover and situation.current is not None:
            assignment_reassign(
                actor=request.user,
                assignment_id=situation.current.pk,
                ambassador=ambassador,
                reason=form.cleaned_data["reason"],
                wishes=wishes,
            )
        else:
            assignment_confirm(actor=request.user, report_id=report.pk, ambassador=ambassador, wishes=wishes)
    except ValidationError as error:
        for message in error.messages:
            form.add_error(None, message)
        return False
    messages.success(request, _("%(name)s is gevraagd als ambassadeur.") % {"name": ambassador.name})
    return True


def _record_gap(report: Report, context: engine.MatchContext, result: engine.MatchResult) -> None:
    region_id = context.member.place.region_id
    if result.gap is None:
        return
    region = region_with_scheme(pk=region_id)
    coverage_gap_record(report=report, region=region, finding=result.gap, today=context.today)


@require_http_methods(["GET", "POST"])
@case_page_required(MATCH_REPORT)
def match(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    if request.method == "GET":  # showing the report is a read; a POST is audited by the service it calls
        report = report_open_for_counsellor(user=request.user, pk=pk, context="match")
    else:
        report = report_get_for_counsellor(user=request.user, pk=pk)
    situation = _situation(report)
    post = request.POST if request.method == "POST" else None
    wish_form = WishesForm(
        post, prefix="wish", initial={"gender": report.wish_gender}, municipality_id=report.municipality_id
    )
    wishes = wish_form.wishes(wishes_from_report(report))
    context, result = match_report(report=report, wishes=wishes) if situation.can_match else (None, None)
    choices = [(s.candidate.id, s.candidate.name) for s in result.suggestions] if result else []
    confirming = post is not None and post.get("action") == "confirm"
    confirm_form = ConfirmForm(
        post if confirming else None, prefix="confirm", choices=choices, handover=situation.handover
    )
    ready = confirming and situation.can_confirm and wish_form.is_valid() and confirm_form.is_valid()
    if ready and _confirm(request, report, situation, confirm_form, wishes):
        return redirect("reports:case", pk=report.pk)
    if context is not None and result is not None and situation.can_confirm:
        _record_gap(report, context, result)
    declined = declined_for_report(report_id=report.pk) if result else {}
    page = {
        "report": report,
        "situation": situation,
        "wish_form": wish_form,
        "confirm_form": confirm_form,
        "match": context,
        "result": result,
        "suggestions": _suggestion_rows(result, declined) if result else [],
        "left_out": _left_out_rows(result, declined) if result else [],
        "asked": member_asked(report),
        "weights": {"load": LOAD_WEIGHT_KM, "gender": GENDER_BONUS_KM, "language": LANGUAGE_BONUS_KM},
    }
    status = 400 if (confirm_form.errors or wish_form.errors) else 200
    return render(request, "matching/match.html", page, status=status)


@require_safe
@case_page_required(MATCH_REPORT, VIEW_REPORT)
def handover(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Open cases of ambassadors who paused or ended: each needs a new ambassador through matching."""
    return render(request, "matching/handover.html", {"assignments": list(assignments_to_reassign()[:500])})
