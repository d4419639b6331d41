"""Public intake: the acute-danger question first, then the report form, the receipt, and sparren."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from klankbord.core.submissions import submission_replay
from klankbord.core.throttle import client_ip, hashed, window_count, window_hit
from klankbord.uploads.quota import upload_owner

from ..forms import OnlineReportForm, TalkRequestForm, TriageForm
from ..receipts import format_code, portal_session_start, receipt_flash, receipt_pop, receipt_replay
from ..selectors import acute_response_due_at
from ..services import report_submit_online, talk_request_submit

# Public submissions per address per hour: generous for a person (a report and a talk request or two), a wall
# for a script filling the counsellors' inbox. The form is shown again with everything typed kept.
PUBLIC_SUBMISSIONS_PER_HOUR = 10
# Every POST counts, valid or not: an invalid form still makes the server check (and keep) its files. Past this
# the files of an attempt are not even read; the text comes back with the message.
PUBLIC_ATTEMPTS_PER_HOUR = 30


def _submission_key(request: HttpRequest) -> str:
    return f"klankbord:reports:public-submissions:{hashed(client_ip(request))}"


def _submissions_exhausted(request: HttpRequest, form: OnlineReportForm | TalkRequestForm) -> bool:
    if window_count(_submission_key(request)) < PUBLIC_SUBMISSIONS_PER_HOUR:
        return False
    form.add_error(
        None,
        _(
            "Er zijn vanaf dit adres te veel meldingen verstuurd. Uw tekst staat er nog: probeer het over een uur"
            " opnieuw, of bel de vertrouwenspersoon. Bij acuut gevaar: bel 112."
        ),
    )
    return True


def _count_submission(request: HttpRequest) -> None:
    window_hit(_submission_key(request), window_seconds=3600)


def _attempts_exhausted(request: HttpRequest) -> bool:
    """Count this POST; True once the address made more attempts this hour than any person would."""
    key = f"klankbord:reports:public-attempts:{hashed(client_ip(request))}"
    return window_hit(key, window_seconds=3600) > PUBLIC_ATTEMPTS_PER_HOUR


def _refuse_attempt(form: OnlineReportForm | TalkRequestForm) -> None:
    form.add_error(
        None,
        _(
            "Er zijn vanaf dit adres te veel pogingen gedaan. Uw tekst staat er nog (bijlagen zijn niet bewaard):"
            " probeer het over een uur opnieuw, of bel de vertrouwenspersoon. Bij acuut gevaar: bel 112."
        ),
    )


@require_safe
def start(request: HttpRequest) -> HttpResponse:
    """Step 1: the first and only question is whether the member is in acute danger now."""
    return render(request, "reports/start.html", {"form": TriageForm()})


@require_safe
def triage_guidance(request: HttpRequest) -> HttpResponse:
    """htmx partial: shows what to do at once when the member answers 'yes' (empty otherwise)."""
    acute = request.GET.get("acute_danger") == "ja"
    return render(request, "reports/includes/danger_guidance.html", {"acute": acute})


@require_http_methods(["GET", "POST"])
@submission_replay(receipt_replay)  # a repeat of the same post shows the same receipt (core.submissions)
def report_form(request: HttpRequest) -> HttpResponse:
    """Step 2: the report. Without JavaScript the danger guidance is rendered here, server-side."""
    if request.method == "POST":
        acute = request.POST.get("acute_danger") == "ja"
        if _attempts_exhausted(request):  # the files of this attempt are neither checked nor kept
            form = OnlineReportForm(request.POST, uploader=upload_owner(request))
            _refuse_attempt(form)
            return render(request, "reports/report_form.html", {"form": form, "acute": acute}, status=429)
        form = OnlineReportForm(request.POST, request.FILES, uploader=upload_owner(request))
        if form.is_valid():
            if _submissions_exhausted(request, form):
                return render(request, "reports/report_form.html", {"form": form, "acute": acute}, status=429)
            _count_submission(request)
            return _submitted(request, form)
    else:
        if not request.GET:
            return redirect("reports:start")
        triage = TriageForm(request.GET)
        if not triage.is_valid():
            return render(request, "reports/start.html", {"form": triage})
        acute = triage.cleaned_data["acute_danger"] == "ja"
        form = OnlineReportForm(initial={"acute_danger": "ja" if acute else "nee"})
    return render(request, "reports/report_form.html", {"form": form, "acute": acute})


def _submitted(request: HttpRequest, form: OnlineReportForm) -> HttpResponse:
    result = report_submit_online(
        reporter=request.user,
        data=form.report_input(),
        consents=form.consent_input(),
        pending=form.pending_uploads,
    )
    if result.receipt_code is None:
        if (
            result.report.urgent
        ):  # the member's page says what happens now; see reports/includes/acute_next.html
            messages.warning(
                request,
                _("Uw melding van acuut gevaar is ontvangen. Alle vertrouwenspersonen zijn gewaarschuwd."),
            )
        else:
            messages.success(
                request, _("Uw melding is ontvangen. Een vertrouwenspersoon reageert binnen 2 werkdagen.")
            )
        return redirect("reports:portal_detail", pk=result.report.pk)
    portal_session_start(request, result.report)
    receipt_flash(request, report=result.report, code=result.receipt_code, portal=True)
    return redirect("reports:receipt")


@require_safe
def receipt(request: HttpRequest) -> HttpResponse:
    """Shows the receipt code exactly once; a reload shows that it was already shown."""
    held = receipt_pop(request)
    context = {
        "code": format_code(held[1]) if held else None,
        "report_id": held[0] if held else None,
        "acute_due_at": acute_response_due_at(report_id=held[0]) if held else None,
    }
    return render(request, "reports/receipt.html", context)


@require_http_methods(["GET", "POST"])
def talk_request(request: HttpRequest) -> HttpResponse:
    form = TalkRequestForm(request.POST or None)
    if request.method == "POST" and _attempts_exhausted(request):
        _refuse_attempt(form)
        return render(request, "reports/talk_request.html", {"form": form}, status=429)
    if request.method == "POST" and form.is_valid() and not _submissions_exhausted(request, form):
        _count_submission(request)
        talk_request_submit(requester=request.user, **form.cleaned_data)
        return redirect("reports:talk_request_done")
    return render(request, "reports/talk_request.html", {"form": form})


@require_safe
def talk_request_done(request: HttpRequest) -> HttpResponse:
    return render(request, "reports/talk_request_done.html")
