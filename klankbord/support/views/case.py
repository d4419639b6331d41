"""The ambassador's pages: their list, the request (accept/decline) and the support page with its actions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from klankbord.accounts.permissions import case_page_required
from klankbord.accounts.types import AuthenticatedHttpRequest
from klankbord.core.confirm import Confirmation, confirm_page, is_confirmed
from klankbord.core.errors import DomainError
from klankbord.matching.services import assignment_accept, assignment_decline
from klankbord.messaging.constants import ParticipantKind
from klankbord.messaging.forms import MessageForm
from klankbord.messaging.selectors import message_rows, participant_for, thread_messages
from klankbord.messaging.services import message_send, participant_mark_read, thread_for_report
from klankbord.reports.constants import ReportStatus
from klankbord.reports.workflow import AMBASSADOR, COUNSELLOR, allowed_targets
from klankbord.uploads.quota import upload_owner

from ..forms import (
    CheckInForm,
    CloseForm,
    ContactMomentForm,
    DeclineForm,
    EscalationForm,
    ReferralForm,
    ReferralOutcomeForm,
    ReflectionForm,
    StepForm,
)
from ..permissions import SUPPORT_CASES
from ..selectors import (
    SupportCase,
    assignments_of_ambassador,
    case_for_user,
    case_open_for_user,
    checkin_for_ambassador,
    checkin_open_for_ambassador,
    checkins,
    contact_moments,
    escalations_of_report,
    kept_checkins_of_ambassador,
    referral_of_report,
    referrals,
    reflections,
    request_for_ambassador,
    request_open_for_ambassador,
    resources_for_report,
    thread_shared_with_ambassador,
)
from ..services import (
    checkin_record,
    contact_moment_add,
    escalation_raise,
    referral_add,
    referral_set_outcome,
    reflection_add,
    support_close,
    support_transition,
)

if TYPE_CHECKING:
    from klankbord.matching.models import Assignment

SUPPORT_STEPS = (ReportStatus.IN_SUPPORT, ReportStatus.PROFESSIONAL_HELP, ReportStatus.AFTERCARE)
AMB = ParticipantKind.AMBASSADOR


@require_safe
@case_page_required(SUPPORT_CASES)
def mine(request: AuthenticatedHttpRequest) -> HttpResponse:
    rows = list(assignments_of_ambassador(user=request.user)[:200])
    kept = list(kept_checkins_of_ambassador(user=request.user)[:200])
    return render(request, "support/mine.html", {"assignments": rows, "kept_checkins": kept})


def _decline_confirmation(
    request: HttpRequest, assignment: Assignment, form: DeclineForm | None = None
) -> Confirmation:
    """Declining asks once more, with the reason: it is kept for the counsellor and never shown to the member.
    A confirmed post without a reason comes back here with ``form`` bound, so its error shows and nothing is lost."""
    return Confirmation(
        title=_("Verzoek afwijzen?"),
        consequences=(
            _("U begeleidt dit raadslid niet; het verzoek gaat terug naar de vertrouwenspersoon."),
            _("De vertrouwenspersoon zoekt een andere ambassadeur."),
            _("Uw reden ziet alleen de vertrouwenspersoon, nooit het raadslid."),
        ),
        button=_("Ja, wijs het verzoek af"),
        cancel_url=reverse("support:request", kwargs={"report_pk": assignment.report_id}),
        form=form or DeclineForm(initial={"reason": request.POST.get("reason", "")}),
    )


def _answer_request(
    request: AuthenticatedHttpRequest, assignment: Assignment, form: DeclineForm
) -> HttpResponse | None:
    """Accept or decline; None (with the reason on ``form``) when the page is to be shown again."""
    action = request.POST.get("action")
    try:
        if action == "accept":
            assignment_accept(actor=request.user, assignment_id=assignment.pk)
            messages.success(request, _("U begeleidt dit raadslid nu. Dank u wel."))
            return redirect("support:case", report_pk=assignment.report_id)
        if action == "decline" and not is_confirmed(request):
            return confirm_page(request, _decline_confirmation(request, assignment))
        if action == "decline" and not form.is_valid():
            return confirm_page(request, _decline_confirmation(request, assignment, form), status=400)
        if action == "decline":
            assignment_decline(
                actor=request.user, assignment_id=assignment.pk, reason=form.cleaned_data["reason"]
            )
            messages.success(request, _("U heeft het verzoek afgewezen; de vertrouwenspersoon zoekt verder."))
            return redirect("support:mine")
    except ValidationError as error:
        form.add_error(None, error.messages[0])
    return None


@require_http_methods(["GET", "POST"])
@case_page_required(SUPPORT_CASES)
def request_page(request: AuthenticatedHttpRequest, report_pk: int) -> HttpResponse:
    declining = request.method == "POST" and request.POST.get("action") == "decline"
    form = DeclineForm(request.POST if declining else None)
    if request.method == "POST":
        answered = _answer_request(
            request, request_for_ambassador(user=request.user, report_pk=report_pk)[0], form
        )
        if answered is not None:
            return answered
    assignment, view = request_open_for_ambassador(user=request.user, report_pk=report_pk)  # audited
    return render(request, "support/request.html", {"assignment": assignment, "view": view, "form": form})


def _steps(case: SupportCase) -> list[tuple[str, Any]]:
    kind = AMBASSADOR if case.access == "ambassador" else COUNSELLOR
    return [
        (s, ReportStatus(s).label) for s in allowed_targets(case.report.status, kind) if s in SUPPORT_STEPS
    ]


def _context(request: HttpRequest, case: SupportCase, **forms: Any) -> dict[str, Any]:
    report, ambassador = case.report, case.access == "ambassador"
    context: dict[str, Any] = {
        "case": case,
        "view": case.view,
        "contacts": list(contact_moments(report=report)),
        "referrals": list(referrals(report=report)),
        "checkins": list(checkins(report=report)),
        "reflections": list(reflections(report=report)),
        "escalations": list(escalations_of_report(report=report)),
        "step_form": forms.get("step_form") or StepForm(targets=_steps(case)),
        "outcome_form": ReferralOutcomeForm(),
        "can_close": not ambassador and report.is_open and request.user.has_perm("reports.change_report"),
        "close_form": forms.get("close_form") or CloseForm(),
        "is_open": report.is_open,
    }
    if ambassador and report.is_open:
        context.update(
            contact_form=forms.get("contact_form")
            or ContactMomentForm(initial={"date": timezone.localdate()}),
            referral_form=forms.get("referral_form")
            or ReferralForm(resources=resources_for_report(report=report)),
            escalation_form=forms.get("escalation_form") or EscalationForm(),
            checkin_form=forms.get("checkin_form") or CheckInForm(),
            reflection_form=forms.get("reflection_form")
            or ReflectionForm(initial={"held_on": timezone.localdate()}),
        )
        if thread_shared_with_ambassador(report=report):
            context.update(_thread(request, case, forms.get("message_form")))
    return context


def _thread(request: HttpRequest, case: SupportCase, form: MessageForm | None) -> dict[str, Any]:
    thread = thread_for_report(report=case.report)
    participant = participant_for(thread=thread, user=request.user, kind=AMB)
    rows = list(thread_messages(thread=thread, kind=AMB, participant=participant))
    participant_mark_read(thread=thread, actor=request.user, kind=AMB)
    return {
        "rows": message_rows(
            rows,
            viewer_user=request.user,
            viewer_kind=AMB,
            last_read=participant.last_read_at if participant else None,
        ),
        "post_url": reverse("support:message", kwargs={"report_pk": case.report.pk}),
        "message_form": form or MessageForm(prefix="message"),
    }


def _render(request: HttpRequest, case: SupportCase, status: int = 200, **forms: Any) -> HttpResponse:
    return render(request, "support/case.html", _context(request, case, **forms), status=status)


@require_safe
@case_page_required()
def case_page(request: AuthenticatedHttpRequest, report_pk: int) -> HttpResponse:
    return _render(request, case_open_for_user(user=request.user, report_pk=report_pk))


def _ambassador_case(request: AuthenticatedHttpRequest, report_pk: int) -> SupportCase:
    case = case_for_user(user=request.user, report_pk=report_pk)
    if case.access != "ambassador" or not case.report.is_open:
        raise Http404
    return case


def _back(case: SupportCase, anchor: str) -> HttpResponse:
    return redirect(reverse("support:case", kwargs={"report_pk": case.report.pk}) + f"#{anchor}")


@require_POST
@case_page_required(SUPPORT_CASES)
def contact_add(request: AuthenticatedHttpRequest, report_pk: int) -> HttpResponse:
    case = _ambassador_case(request, report_pk)
    form = ContactMomentForm(request.POST)
    if not form.is_valid():
        return _render(request, case, 400, contact_form=form)
    try:
        contact_moment_add(actor=request.user, report=case.report, **form.cleaned_data)
    except ValidationError as error:
        form.add_error(None, error.messages[0])
        return _render(request, case, 400, contact_form=form)
    messages.success(request, _("Het contactmoment is vastgelegd."))
    return _back(case, "contact")


@require_POST
@case_page_required(SUPPORT_CASES)
def referral_new(request: AuthenticatedHttpRequest, report_pk: int) -> HttpResponse:
    case = _ambassador_case(request, report_pk)
    form = ReferralForm(request.POST, resources=resources_for_report(report=case.report))
    if not form.is_valid():
        return _render(request, case, 400, referral_form=form)
    referral_add(actor=request.user, report=case.report, resource=form.cleaned_data["resource"])
    messages.success(request, _("De doorverwijzing is vastgelegd."))
    return _back(case, "doorverwijzingen")


@require_POST
@case_page_required(SUPPORT_CASES)
def referral_outcome(request: AuthenticatedHttpRequest, report_pk: int, pk: int) -> HttpResponse:
    case = _ambassador_case(request, report_pk)
    referral = referral_of_report(report=case.report, pk=pk)
    form = ReferralOutcomeForm(request.POST)
    if form.is_valid():
        referral_set_outcome(actor=request.user, referral=referral, outcome=form.cleaned_data["outcome"])
        messages.success(request, _("De stand van de doorverwijzing is bijgewerkt."))
    else:
        messages.error(request, _("Kies een geldige stand."))
    return _back(case, "doorverwijzingen")


@require_POST
@case_page_required(SUPPORT_CASES)
def escalate(request: AuthenticatedHttpRequest, report_pk: int) -> HttpResponse:
    case = _ambassador_case(request, report_pk)
    form = EscalationForm(request.POST)
    if not form.is_valid():
        return _render(request, case, 400, escalation_form=form)
    escalation_raise(actor=request.user, report=case.report, **form.cleaned_data)
    messages.success(request, _("Uw vraag is doorgezet. U blijft de begeleider van dit raadslid."))
    return _back(case, "escalatie")


@require_POST
@case_page_required()
def step(request: AuthenticatedHttpRequest, report_pk: int) -> HttpResponse:
    case = case_for_user(user=request.user, report_pk=report_pk)
    if case.access == "counsellor" and not request.user.has_perm("reports.change_report"):
        raise Http404
    form = StepForm(request.POST, targets=_steps(case))
    if form.is_valid():
        kind = AMBASSADOR if case.access == "ambassador" else COUNSELLOR
        try:
            support_transition(
                actor=request.user,
                report=case.report,
                to_status=form.cleaned_data["to_status"],
                actor_kind=kind,
            )
            messages.success(request, _("De fase is gewijzigd."))
            return _back(case, "fase")
        except DomainError as error:
            form.add_error(None, str(error))
    return _render(request, case, 400, step_form=form)


@require_http_methods(["GET", "POST"])
@case_page_required(SUPPORT_CASES)
def checkin(request: AuthenticatedHttpRequest, report_pk: int, pk: int) -> HttpResponse:
    """The narrow aftercare page of one check-in (the reminder mail links here): it stays open to the
    ambassador it is planned with after the case is closed, when the aftercare was kept."""
    form = CheckInForm(request.POST or None)
    status = 200
    if request.method == "POST":
        visit = checkin_for_ambassador(user=request.user, report_pk=report_pk, pk=pk)
        if form.is_valid():
            try:
                checkin_record(actor=request.user, checkin=visit.checkin, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error.messages[0])
            else:
                messages.success(request, _("Het nazorgmoment is vastgelegd."))
                if visit.case_open:
                    return redirect(reverse("support:case", kwargs={"report_pk": report_pk}) + "#nazorg")
                return redirect("support:mine")
        status = 400
    visit = checkin_open_for_ambassador(user=request.user, report_pk=report_pk, pk=pk)  # audited
    context = {"visit": visit, "checkin": visit.checkin, "view": visit.view, "form": form}
    return render(request, "support/checkin.html", context, status=status)


@require_POST
@case_page_required(SUPPORT_CASES)
def reflection(request: AuthenticatedHttpRequest, report_pk: int) -> HttpResponse:
    case = _ambassador_case(request, report_pk)
    form = ReflectionForm(request.POST)
    if not form.is_valid():
        return _render(request, case, 400, reflection_form=form)
    reflection_add(actor=request.user, report=case.report, **form.cleaned_data)
    messages.success(request, _("Het reflectiegesprek is vastgelegd."))
    return _back(case, "nazorg")


@require_POST
@case_page_required(SUPPORT_CASES)
def message(request: AuthenticatedHttpRequest, report_pk: int) -> HttpResponse:
    case = _ambassador_case(request, report_pk)
    if not thread_shared_with_ambassador(report=case.report):
        raise Http404
    form = MessageForm(request.POST, request.FILES, prefix="message", uploader=upload_owner(request))
    if not form.is_valid():
        return _render(request, case, 400, message_form=form)
    message_send(
        thread=thread_for_report(report=case.report),
        actor=request.user,
        kind=AMB,
        body=form.cleaned_data["body"],
        pending=form.pending_uploads,
    )
    messages.success(request, _("Het bericht is verstuurd."))
    return _back(case, "berichten")


def _close_confirmation(case: SupportCase, aftercare_continues: bool) -> Confirmation:
    aftercare = (
        _("De geplande nazorgmomenten blijven staan.")
        if aftercare_continues
        else _("De geplande nazorgmomenten vervallen.")
    )
    return Confirmation(
        title=_("Zaak afsluiten?"),
        consequences=(
            _("De zaak wordt afgesloten; de melder ziet de reden."),
            _("De zaak staat daarna niet meer tussen de open meldingen."),
            aftercare,
        ),
        button=_("Ja, sluit de zaak af"),
        cancel_url=reverse("support:case", kwargs={"report_pk": case.report.pk}) + "#fase",
    )


@require_POST
@case_page_required()
def close(request: AuthenticatedHttpRequest, report_pk: int) -> HttpResponse:
    case = case_for_user(user=request.user, report_pk=report_pk)
    if case.access != "counsellor" or not request.user.has_perm("reports.change_report"):
        raise Http404
    form = CloseForm(request.POST)
    if form.is_valid() and not is_confirmed(request):
        return confirm_page(request, _close_confirmation(case, form.cleaned_data["aftercare_continues"]))
    if form.is_valid():
        try:
            support_close(
                actor=request.user,
                report=case.report,
                reason=form.cleaned_data["reason"],
                aftercare_continues=form.cleaned_data["aftercare_continues"],
            )
            messages.success(request, _("De zaak is afgesloten."))
            return _back(case, "fase")
        except DomainError as error:
            form.add_error(None, str(error))
    return _render(request, case, 400, close_form=form)
